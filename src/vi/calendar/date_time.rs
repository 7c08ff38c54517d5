//! A date and a time written together, as officers fill one "Thời gian" cell
//! of a table: "29/11/2022", "19h00 ngày 29/11/2022", "Thứ Ba, 29/11/2022
//! (19h-21h30)", "29/11/2022, 19:00-21:30".

use chrono::NaiveDate;

use super::date_parse::{parse_date, DateError};
use super::sittings::{parse_sittings, Sitting};
use super::tidy::tidy;
use super::weekday::split_weekday_prefix;

/// The date, and the sittings written beside it (`parse_sittings`'s forms).
/// A text that is only a date gives no sitting. A weekday written before the
/// date must match it, as in [`parse_date`].
pub fn parse_date_and_time(s: &str) -> Result<(NaiveDate, Vec<Sitting>), DateError> {
    let whole = parse_date(s);
    if let Ok(date) = whole {
        return Ok((date, Vec::new()));
    }
    let text = tidy(s);
    let Some((before, token, after)) = split_at_numeric_date(&text) else {
        return whole.map(|d| (d, Vec::new()));
    };
    // The words just before the date may belong to it ("thứ ba, ngày 29/11/2022");
    // take as many as still read as a date, the rest is the time.
    let words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
    for taken in (0..=words.len()).rev() {
        let kept = words.len() - taken;
        let prefix = words
            .iter()
            .skip(kept)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let candidate = format!("{prefix} {token}");
        match parse_date(&candidate) {
            Ok(date) => {
                let rest = words
                    .iter()
                    .take(kept)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                let time_text = format!("{rest} {after}");
                return Ok((date, time_beside_date(&time_text)?));
            }
            // A weekday that does not match the date is a real mistake, not a time.
            Err(e) if taken > 0 && split_weekday_prefix(&prefix).0.is_some() => return Err(e),
            Err(e) if taken == 0 => return Err(e),
            Err(_) => continue,
        }
    }
    whole.map(|d| (d, Vec::new()))
}

/// A weekday written alone ("Thứ Ba", "thứ 3", "Chủ nhật"), as in the "Thứ"
/// column of a schedule table.
pub fn parse_weekday(s: &str) -> Option<chrono::Weekday> {
    let text = tidy(s);
    match split_weekday_prefix(&text) {
        (Some(weekday), "") => Some(weekday),
        _ => None,
    }
}

/// The first run like 29/11/2022, 29-11-2022, 29.11.2022 or 2022-11-29 in
/// tidied text: (text before, the date, text after).
fn split_at_numeric_date(text: &str) -> Option<(&str, &str, &str)> {
    let is_date_char = |c: char| c.is_ascii_digit() || matches!(c, '/' | '-' | '.');
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, is_date_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let run = text.get(s..i)?;
                if looks_like_date(run) {
                    return Some((text.get(..s)?, run, text.get(i..)?));
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

/// Three digit groups joined by one kind of separator.
fn looks_like_date(run: &str) -> bool {
    let Some(sep) = run.chars().find(|c| !c.is_ascii_digit()) else {
        return false;
    };
    let groups: Vec<&str> = run.split(sep).collect();
    groups.len() == 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.len() <= 4 && g.chars().all(|c| c.is_ascii_digit()))
}

/// The sittings written around a date, without the brackets and the commas
/// that join them to it; none when nothing is left.
fn time_beside_date(text: &str) -> Result<Vec<Sitting>, DateError> {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if matches!(c, '(' | ')' | '[' | ']') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches(|c: char| matches!(c, '-' | '–' | ' ' | ',' | ';'));
    if cleaned.is_empty() {
        return Ok(Vec::new());
    }
    parse_sittings(cleaned).map_err(|e| DateError {
        message: format!("giờ ghi cùng ngày: {}", e.message),
        hint: e.hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::calendar::TimeRange;
    use chrono::NaiveTime;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    #[test]
    fn date_alone_or_with_a_time() {
        let nov29 = NaiveDate::from_ymd_opt(2022, 11, 29);
        let sitting = |start, end| {
            vec![Sitting {
                range: TimeRange { start, end },
                part: None,
            }]
        };
        let evening = sitting(hm(19, 0), Some(hm(21, 30)));
        let cases = [
            ("29/11/2022", vec![]),
            ("Thứ Ba, 29/11/2022", vec![]),
            ("19h00 - 21h30 ngày 29/11/2022", evening.clone()),
            ("29/11/2022, 19:00-21:30", evening.clone()),
            ("Thứ Ba, ngày 29/11/2022 (19h-21h30)", evening.clone()),
            ("2022-11-29 19h-21h30", evening),
            ("7h30 ngày 29/11/2022", sitting(hm(7, 30), None)),
            (
                "29/11/2022, 7h30-11h30 và 13h30-17h",
                [
                    sitting(hm(7, 30), Some(hm(11, 30))),
                    sitting(hm(13, 30), Some(hm(17, 0))),
                ]
                .concat(),
            ),
            (
                "29/11/2022 (Sáng)",
                vec![Sitting {
                    range: crate::vi::calendar::PartOfDay::Morning.default_range(),
                    part: Some(crate::vi::calendar::PartOfDay::Morning),
                }],
            ),
        ];
        for (input, time) in cases {
            let got = parse_date_and_time(input);
            assert_eq!(got.ok(), nov29.map(|d| (d, time)), "input {input:?}");
        }
    }

    #[test]
    fn weekdays_alone() {
        assert_eq!(parse_weekday(" Thứ  Ba "), Some(chrono::Weekday::Tue));
        assert_eq!(parse_weekday("thứ 7"), Some(chrono::Weekday::Sat));
        assert_eq!(parse_weekday("CHỦ NHẬT"), Some(chrono::Weekday::Sun));
        assert_eq!(parse_weekday("Thứ Ba, 29/11"), None);
        assert_eq!(parse_weekday("T3"), None);
    }

    #[test]
    fn mistakes_are_explained() {
        let e = parse_date_and_time("31/02/2023 19h").err();
        assert!(e.is_some_and(|e| e.message.contains("không có thật")));
        let e = parse_date_and_time("Thứ Tư 29/11/2022 19h").err();
        assert!(e.is_some_and(|e| e.message.contains("Thứ Ba")));
        let e = parse_date_and_time("29/11/2022 7 giờ tối").err();
        assert!(e.is_some_and(|e| e.message.starts_with("giờ ghi cùng ngày")));
        let e = parse_date_and_time("sáng mai").err();
        assert!(e.is_some_and(|e| e.message.contains("không đọc được ngày")));
    }
}
