//! A time cell as letters write it: one span ("7h30 - 11h"), several sittings
//! in one day ("7h30-11h30 và 13h30-17h", "sáng 7h30-11h, chiều 13h30-16h30"),
//! a part of the day alone ("Sáng", "Chiều", "Tối") or the whole day
//! ("cả ngày"). docs/dinh-dang.md has the table of every accepted form.

use chrono::NaiveTime;

use super::tidy::tidy;
use super::time_parse::{parse_time_range, TimeError, FORMAT_HINT};
use super::time_range::{format_time, TimeRange};

/// A part of the day written as a word instead of hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
}

impl PartOfDay {
    /// As shown on pages: "Sáng", "Chiều", "Tối".
    pub fn word(self) -> &'static str {
        match self {
            PartOfDay::Morning => "Sáng",
            PartOfDay::Afternoon => "Chiều",
            PartOfDay::Evening => "Tối",
        }
    }

    /// As written in data files: "sáng", "chiều", "tối".
    pub fn key(self) -> &'static str {
        match self {
            PartOfDay::Morning => "sáng",
            PartOfDay::Afternoon => "chiều",
            PartOfDay::Evening => "tối",
        }
    }

    /// The hours calendars use when only the part of the day is written
    /// (documented in docs/dinh-dang.md): office hours for the morning and
    /// the afternoon, after dinner for the evening.
    pub fn default_range(self) -> TimeRange {
        let (start, end) = match self {
            PartOfDay::Morning => ((7, 30), (11, 30)),
            PartOfDay::Afternoon => ((13, 30), (17, 0)),
            PartOfDay::Evening => ((19, 0), (21, 0)),
        };
        TimeRange {
            start: hm(start),
            end: Some(hm(end)),
        }
    }

    /// Whether a sitting starting at `t` belongs to this part of the day: a
    /// start outside it means the hours were written the 12-hour way.
    fn holds(self, t: NaiveTime) -> bool {
        let (from, to) = match self {
            PartOfDay::Morning => ((0, 0), (12, 0)),
            PartOfDay::Afternoon => ((12, 0), (18, 30)),
            PartOfDay::Evening => ((17, 0), (23, 59)),
        };
        hm(from) <= t && t <= hm(to)
    }

    fn from_word(word: &str) -> Option<PartOfDay> {
        match word {
            "sáng" => Some(PartOfDay::Morning),
            "chiều" => Some(PartOfDay::Afternoon),
            "tối" => Some(PartOfDay::Evening),
            _ => None,
        }
    }
}

fn hm((h, m): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// One sitting of a day: its hours, and the part of the day when that alone
/// was written (then `range` is the part's `default_range`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sitting {
    pub range: TimeRange,
    pub part: Option<PartOfDay>,
}

/// The sittings of one time cell, in the order written; empty for "cả ngày".
/// Sittings may not overlap.
pub fn parse_sittings(s: &str) -> Result<Vec<Sitting>, TimeError> {
    // A line break separates sittings too; `tidy` would fold it into a space.
    let mut sittings = Vec::new();
    let mut whole_day = false;
    if let Some(word) = ["hằng ngày", "hàng ngày", "mỗi ngày"]
        .into_iter()
        .find(|w| tidy(s).contains(w))
    {
        return Err(TimeError::new(
            format!("giờ “{}” có chữ “{word}”: các ngày lặp lại không ghi trong giờ", s.trim()),
            "Ghi giờ ở time, ví dụ time: 7h30-22h; ghi các ngày ở dates và days, ví dụ dates: 24/03/2023 - 20/04/2023 và days: hằng ngày.",
        ));
    }
    for line in s.split(['\n', '\r']) {
        let text = tidy(line);
        if text.is_empty() {
            continue;
        }
        for piece in pieces(&text) {
            if is_whole_day(&piece) {
                whole_day = true;
                continue;
            }
            sittings.push(sitting(&piece)?);
        }
    }
    if whole_day && !sittings.is_empty() {
        return Err(TimeError::new(
            format!("“{}” vừa ghi cả ngày vừa ghi giờ từng buổi", s.trim()),
            "Ghi cả ngày, hoặc ghi giờ từng buổi, ví dụ 7h30-11h30 và 13h30-17h.",
        ));
    }
    if !whole_day && sittings.is_empty() {
        return Err(TimeError::new("chưa ghi giờ", FORMAT_HINT));
    }
    check_overlap(&sittings)?;
    Ok(sittings)
}

fn is_whole_day(piece: &str) -> bool {
    matches!(
        piece,
        "cả ngày" | "ca ngay" | "cả ngày làm việc" | "suốt ngày" | "trọn ngày" | "all day"
    )
}

/// Words that join sittings: "và", commas, semicolons, "+".
fn pieces(text: &str) -> Vec<String> {
    let unified = text.replace(" và ", ";").replace([',', '+'], ";");
    let mut out = Vec::new();
    for part in unified.split(';') {
        out.extend(split_at_part_words(part.trim()));
    }
    out.retain(|p| !p.is_empty());
    out
}

/// "sáng 7h30-11h chiều 13h30-16h30" has no separator: a part-of-day word
/// followed by hours starts a new sitting. A word after hours ("2 giờ
/// chiều") stays with them, to be refused as 12-hour time.
fn split_at_part_words(piece: &str) -> Vec<String> {
    let words: Vec<&str> = piece.split(' ').collect();
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim_end_matches(':');
        let starts_hours = words
            .get(i + 1)
            .and_then(|next| next.chars().next())
            .is_some_and(|c| c.is_ascii_digit());
        let new_sitting = i > 0
            && PartOfDay::from_word(bare).is_some()
            && (starts_hours || bare != *word)
            && out.last().is_some_and(|current| !current.is_empty());
        if new_sitting {
            out.push(Vec::new());
        }
        if let Some(current) = out.last_mut() {
            current.push(word);
        }
    }
    out.into_iter().map(|words| words.join(" ")).collect()
}

/// One sitting: hours, a part of the day, or both ("chiều 13h30-16h30").
fn sitting(piece: &str) -> Result<Sitting, TimeError> {
    let body = piece.strip_prefix("buổi ").unwrap_or(piece);
    let (lead, rest) = match body.split_once([' ', ':', '(']) {
        Some((first, rest)) => (first, rest.trim_matches([' ', ':', '(', ')'])),
        None => (body, ""),
    };
    let leading_part = PartOfDay::from_word(lead);
    let (part, hours) = match leading_part {
        Some(part) => (Some(part), rest),
        None => {
            // "7h30 sáng": the word after the hours.
            match body.rsplit_once(' ') {
                Some((hours, last)) => match PartOfDay::from_word(last) {
                    Some(part) => (Some(part), hours),
                    None => (None, body),
                },
                None => (None, body),
            }
        }
    };
    let hours = hours.trim();
    let Some(part) = part else {
        return parse_time_range(hours).map(|range| Sitting { range, part: None });
    };
    if hours.is_empty() {
        return Ok(Sitting {
            range: part.default_range(),
            part: Some(part),
        });
    }
    let range = parse_time_range(hours)?;
    if !part.holds(range.start) {
        let word = part.key();
        return Err(TimeError::new(
            format!(
                "“{piece}” có chữ “{word}”, nhưng {} không phải giờ buổi {word}: giờ phải viết theo kiểu 24 giờ",
                format_time(range.start)
            ),
            "Viết giờ từ 0h đến 23h59, ví dụ chiều 14h thay cho 2 giờ chiều, tối 19h30 thay cho 7 rưỡi tối.",
        ));
    }
    Ok(Sitting { range, part: None })
}

/// Two sittings of one day may not share any time: "7h-11h và 10h-12h" is a typo.
fn check_overlap(sittings: &[Sitting]) -> Result<(), TimeError> {
    let mut sorted: Vec<TimeRange> = sittings.iter().map(|s| s.range).collect();
    sorted.sort_by_key(|r| r.start);
    for pair in sorted.windows(2) {
        let [first, second] = pair else { continue };
        let first_end = first.end.unwrap_or(first.start);
        if second.start < first_end || second.start == first.start {
            return Err(TimeError::new(
                format!(
                    "hai buổi trong ngày chồng lên nhau (buổi {} và buổi {})",
                    super::time_range::format_time_range(first),
                    super::time_range::format_time_range(second)
                ),
                "Kiểm tra lại giờ trong văn bản gốc: buổi sau phải bắt đầu sau khi buổi trước kết thúc, ví dụ 7h30-11h30 và 13h30-17h.",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: (u32, u32), end: Option<(u32, u32)>) -> TimeRange {
        TimeRange {
            start: hm(start),
            end: end.map(hm),
        }
    }

    fn hours(start: (u32, u32), end: (u32, u32)) -> Sitting {
        Sitting {
            range: range(start, Some(end)),
            part: None,
        }
    }

    fn part(p: PartOfDay) -> Sitting {
        Sitting {
            range: p.default_range(),
            part: Some(p),
        }
    }

    #[test]
    fn forms_from_the_letters() {
        use PartOfDay::*;
        let cases: Vec<(&str, Vec<Sitting>)> = vec![
            ("7h30 - 11h", vec![hours((7, 30), (11, 0))]),
            (
                "7h30-11h30 và 13h30-17h",
                vec![hours((7, 30), (11, 30)), hours((13, 30), (17, 0))],
            ),
            (
                "sáng 7h30-11h, chiều 13h30-16h30",
                vec![hours((7, 30), (11, 0)), hours((13, 30), (16, 30))],
            ),
            (
                "Sáng 7h30-11h chiều 13h30-16h30",
                vec![hours((7, 30), (11, 0)), hours((13, 30), (16, 30))],
            ),
            (
                "Sáng: 7h30 - 11h30; Chiều: 13h30 - 17h",
                vec![hours((7, 30), (11, 30)), hours((13, 30), (17, 0))],
            ),
            (
                "Sáng 7h30–11h30, Chiều 13h30–16h",
                vec![hours((7, 30), (11, 30)), hours((13, 30), (16, 0))],
            ),
            (
                "7h30-11h30\n13h30-17h",
                vec![hours((7, 30), (11, 30)), hours((13, 30), (17, 0))],
            ),
            (
                "từ 7 giờ 30 phút đến 22 giờ 00 phút",
                vec![hours((7, 30), (22, 0))],
            ),
            ("Sáng", vec![part(Morning)]),
            ("Chiều", vec![part(Afternoon)]),
            ("Tối", vec![part(Evening)]),
            ("buổi tối", vec![part(Evening)]),
            ("Sáng và chiều", vec![part(Morning), part(Afternoon)]),
            (
                "sáng, chiều, tối",
                vec![part(Morning), part(Afternoon), part(Evening)],
            ),
            ("cả ngày", vec![]),
            ("Cả ngày", vec![]),
            (
                "19h30 tối",
                vec![Sitting {
                    range: range((19, 30), None),
                    part: None,
                }],
            ),
            (
                "14h",
                vec![Sitting {
                    range: range((14, 0), None),
                    part: None,
                }],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_sittings(input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn default_hours_of_the_parts_of_day() {
        let shown: Vec<String> = [PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening]
            .iter()
            .map(|p| {
                format!(
                    "{} {}",
                    p.word(),
                    super::super::format_time_range(&p.default_range())
                )
            })
            .collect();
        assert_eq!(
            shown,
            ["Sáng 07:30–11:30", "Chiều 13:30–17:00", "Tối 19:00–21:00"]
        );
    }

    #[test]
    fn mistakes_are_explained_with_every_accepted_form() {
        let cases: [(&str, &str, &str); 8] = [
            ("chiều 1h30-4h30", "01:30 không phải giờ buổi chiều", "14h"),
            ("2 giờ chiều", "“2 giờ chiều” có chữ “chiều”", "14h"),
            ("7h-11h và 10h-12h", "chồng lên nhau", "13h30-17h"),
            ("7h-11h và 7h-9h", "chồng lên nhau", "13h30-17h"),
            ("cả ngày và 7h-9h", "vừa ghi cả ngày", "7h30-11h30"),
            ("sáng mai", "không đọc được", "Sáng, Chiều hoặc Tối"),
            (
                "7h30-11h hằng ngày",
                "có chữ “hằng ngày”",
                "days: hằng ngày",
            ),
            ("", "chưa ghi giờ", "7h30-11h30 và 13h30-17h"),
        ];
        for (input, message, hint) in cases {
            let e = parse_sittings(input)
                .err()
                .unwrap_or_else(|| TimeError::new("", ""));
            assert!(e.message.contains(message), "{input:?}: {}", e.message);
            assert!(e.hint.contains(hint), "{input:?}: {}", e.hint);
        }
    }
}
