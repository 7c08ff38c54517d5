//! Text messages (SMS) about one session: no diacritics, only characters of
//! the GSM 7-bit default alphabet (so a phone sends 160 of them in one
//! message, not 70), common words abbreviated the way notices abbreviate them,
//! and at most 160 characters:
//! "UBND xa Cam Ngoc: thon Dong Lao huong dan VNeID 19h-21h30 T3 29/11 tai NVH thon. Mang CCCD gan chip."

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::calendar::{PartOfDay, TimeRange};

/// One SMS: 160 characters of the GSM 7-bit default alphabet.
pub const MAX_LEN: usize = 160;

/// Phrases shortened in SMS, matched as whole words without diacritics and
/// case (longest first, so "the can cuoc cong dan" wins over "can cuoc cong dan").
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("tai khoan dinh danh dien tu", "TKDDDT"),
    ("the can cuoc cong dan", "CCCD"),
    ("dich vu cong truc tuyen", "DVC truc tuyen"),
    ("can cuoc cong dan", "CCCD"),
    ("trung hoc pho thong", "THPT"),
    ("thu tuc hanh chinh", "TTHC"),
    ("dinh danh dien tu", "DDDT"),
    ("mat tran to quoc", "MTTQ"),
    ("giay phep lai xe", "GPLX"),
    ("trung hoc co so", "THCS"),
    ("uy ban nhan dan", "UBND"),
    ("bao hiem xa hoi", "BHXH"),
    ("bao hiem y te", "BHYT"),
    ("so dien thoai", "SDT"),
    ("dich vu cong", "DVC"),
    ("nha van hoa", "NVH"),
    ("hop tac xa", "HTX"),
    ("to dan pho", "TDP"),
    ("dien thoai", "DT"),
    ("tai khoan", "TK"),
    ("cong an", "CA"),
];

/// What one session's SMS says, as plain values (with diacritics; they are
/// taken off here).
#[derive(Clone, Debug, Default)]
pub struct SmsSession<'a> {
    /// "UBND xã Cẩm Ngọc"
    pub authority: &'a str,
    /// "thôn Đông Lão"
    pub hamlet: &'a str,
    /// The hamlet's bare name ("Đông Lão"): left out of the place when the
    /// place ends with it ("Nhà văn hóa thôn Đông Lão" → "NVH thon").
    pub hamlet_name: &'a str,
    pub date: NaiveDate,
    pub time: Option<TimeRange>,
    /// Set when only the part of the day was written: said as that word.
    pub part_of_day: Option<PartOfDay>,
    pub place: Option<&'a str>,
    pub services: &'a [String],
    pub note: Option<&'a str>,
}

/// The SMS for one session, at most [`MAX_LEN`] GSM-7 characters. The
/// authority, hamlet, time, day and place always come first; then as many of
/// the services and as much of the note's first sentence as fit.
#[cfg(test)]
pub fn session_sms(s: &SmsSession) -> String {
    session_sms_with(s, &mut PlainMemo::default())
}

/// [`plain`] and the note's shorter versions of texts already seen: a
/// campaign's messages repeat the same authority, hamlets, places, services
/// and notes session after session. One per batch of messages; its values
/// are shared (`Rc`), so a hit costs no copy.
#[derive(Default)]
pub struct PlainMemo {
    plain: HashMap<String, Rc<str>>,
    /// A service made plain, its first letter lowered.
    services: HashMap<String, Rc<str>>,
    notes: HashMap<String, Rc<[String]>>,
    /// A place made plain, by the place as written, then its hamlet's name.
    places: HashMap<String, HashMap<String, Rc<str>>>,
}

impl PlainMemo {
    fn plain(&mut self, text: &str) -> Rc<str> {
        if let Some(done) = self.plain.get(text) {
            return done.clone();
        }
        let done: Rc<str> = plain(text).into();
        self.plain.insert(text.to_string(), done.clone());
        done
    }

    fn service(&mut self, service: &str) -> Rc<str> {
        if let Some(done) = self.services.get(service) {
            return done.clone();
        }
        let done: Rc<str> = lower_first(&self.plain(service)).into();
        self.services.insert(service.to_string(), done.clone());
        done
    }

    fn place(&mut self, place: &str, hamlet_name: &str) -> Rc<str> {
        if let Some(done) = self.places.get(place).and_then(|p| p.get(hamlet_name)) {
            return done.clone();
        }
        let done = self.plain(&without_trailing_name(place, hamlet_name));
        self.places
            .entry(place.to_string())
            .or_default()
            .insert(hamlet_name.to_string(), done.clone());
        done
    }

    fn note_candidates(&mut self, note: &str) -> Rc<[String]> {
        if let Some(done) = self.notes.get(note) {
            return done.clone();
        }
        let done: Rc<[String]> = note_candidates(note).into();
        self.notes.insert(note.to_string(), done.clone());
        done
    }
}

/// [`session_sms`], with the plain texts of earlier messages at hand.
pub fn session_sms_with(s: &SmsSession, memo: &mut PlainMemo) -> String {
    let head = format!("{}: {}", memo.plain(s.authority), memo.plain(s.hamlet));
    let time = match s.part_of_day {
        Some(part) => memo.plain(part.key()).to_string(),
        None => time_words(s.time),
    };
    let when = format!(" {time} {}", day_words(s.date));
    let place = s
        .place
        .map(|p| memo.place(p, s.hamlet_name))
        .filter(|p| !p.is_empty())
        .map(|p| format!(" tai {p}"))
        .unwrap_or_default();
    let services: Vec<Rc<str>> = s
        .services
        .iter()
        .map(|x| memo.service(x))
        .filter(|x| !x.is_empty())
        .collect();
    let notes = s
        .note
        .map(|n| memo.note_candidates(n))
        .unwrap_or_else(|| Rc::from([]));

    let compose = |services: &[Rc<str>], note: Option<&str>, place: &str| {
        let mut text = head.clone();
        for (n, service) in services.iter().enumerate() {
            text.push_str(if n == 0 { " " } else { ", " });
            text.push_str(service);
        }
        text.push_str(&when);
        text.push_str(place);
        text.push('.');
        if let Some(note) = note {
            text.push(' ');
            text.push_str(note);
        }
        text
    };
    let fits = |text: &String| text.chars().count() <= MAX_LEN;
    // Most to least: every service with the whole note, fewer services, then
    // a shorter note, then nothing optional.
    for note in notes.iter().map(|n| Some(n.as_str())).chain([None]) {
        for count in (0..=services.len()).rev() {
            let text = compose(services.get(..count).unwrap_or_default(), note, &place);
            if fits(&text) {
                return text;
            }
        }
    }
    // A place too long for any message: without it, then cut.
    cut_to_fit(&compose(&[], None, ""))
}

/// Text as an SMS carries it: diacritics off (đ→d), abbreviations applied,
/// typographic marks replaced by plain ones, anything outside the GSM 7-bit
/// default alphabet dropped, whitespace collapsed.
pub fn plain(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' => folded.push('d'),
            'Đ' => folded.push('D'),
            '–' | '—' | '−' => folded.push('-'),
            '…' => folded.push_str("..."),
            '“' | '”' | '„' | '«' | '»' => folded.push('"'),
            '‘' | '’' | '`' => folded.push('\''),
            '[' | '{' => folded.push('('),
            ']' | '}' => folded.push(')'),
            '•' | '·' => folded.push('-'),
            '~' => folded.push('-'),
            c if c.is_whitespace() => folded.push(' '),
            c if is_gsm7(c) => folded.push(c),
            _ => {}
        }
    }
    let abbreviated = abbreviate(&folded);
    abbreviated.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The GSM 03.38 default alphabet, without the escape-table characters
/// (`^{}\[~]|€`), which take two of the 160 places each.
pub fn is_gsm7(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            ' ' | '\n'
                | '\r'
                | '@'
                | '£'
                | '$'
                | '¥'
                | 'è'
                | 'é'
                | 'ù'
                | 'ì'
                | 'ò'
                | 'Ç'
                | 'Ø'
                | 'ø'
                | 'Å'
                | 'å'
                | 'Δ'
                | '_'
                | 'Φ'
                | 'Γ'
                | 'Λ'
                | 'Ω'
                | 'Π'
                | 'Ψ'
                | 'Σ'
                | 'Θ'
                | 'Ξ'
                | 'Æ'
                | 'æ'
                | 'ß'
                | 'É'
                | '!'
                | '"'
                | '#'
                | '¤'
                | '%'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | '+'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '<'
                | '='
                | '>'
                | '?'
                | '¡'
                | 'Ä'
                | 'Ö'
                | 'Ñ'
                | 'Ü'
                | '§'
                | '¿'
                | 'ä'
                | 'ö'
                | 'ñ'
                | 'ü'
                | 'à'
        )
}

/// [`ABBREVIATIONS`] applied to folded text, whole words only, any case.
fn abbreviate(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let lower: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    let is_word = |i: usize| lower.get(i).is_some_and(char::is_ascii_alphanumeric);
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let at_word_start = i == 0 || !is_word(i - 1);
        let found = ABBREVIATIONS.iter().find(|(long, _)| {
            let len = long.len();
            at_word_start
                && lower
                    .get(i..i + len)
                    .is_some_and(|run| run.iter().copied().eq(long.chars()))
                && !is_word(i + len)
        });
        match found {
            Some((long, short)) => {
                out.push_str(short);
                i += long.len();
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// "Nhà văn hóa thôn Đông Lão" → "Nhà văn hóa thôn" when the hamlet is Đông Lão:
/// the message has just named it.
fn without_trailing_name(place: &str, name: &str) -> String {
    let place = place.trim();
    let key = |s: &str| super::text::fold_diacritics(s);
    let (place_key, name_key) = (key(place), key(name));
    if name_key.is_empty() || place_key == name_key || !place_key.ends_with(&name_key) {
        return place.to_string();
    }
    let words = place
        .split_whitespace()
        .count()
        .saturating_sub(name.split_whitespace().count());
    place
        .split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "19h-21h30", "7h30", "ca ngay".
fn time_words(time: Option<TimeRange>) -> String {
    let short = |t: NaiveTime| match t.minute() {
        0 => format!("{}h", t.hour()),
        m => format!("{}h{m:02}", t.hour()),
    };
    match time {
        None => "ca ngay".to_string(),
        Some(TimeRange {
            start,
            end: Some(end),
        }) => format!("{}-{}", short(start), short(end)),
        Some(TimeRange { start, end: None }) => short(start),
    }
}

/// "T3 29/11", "CN 4/12".
fn day_words(date: NaiveDate) -> String {
    let day = match date.weekday() {
        Weekday::Sun => "CN".to_string(),
        other => format!("T{}", other.number_from_monday() + 1),
    };
    format!("{day} {}/{}", date.day(), date.month())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    // Keep acronyms ("VNeID", "CCCD") as written.
    if chars.clone().next().is_some_and(char::is_uppercase) {
        return text.to_string();
    }
    first.to_lowercase().chain(chars).collect()
}

/// The note's first sentence, then shorter versions of it cut at a comma or
/// "va" ("and"), each ending with a full stop.
fn note_candidates(note: &str) -> Vec<String> {
    let plain_note = plain(note);
    let first = plain_note
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches(['.', '!', '?'])
        .to_string();
    if first.is_empty() {
        return Vec::new();
    }
    let mut out = vec![format!("{first}.")];
    let mut cut = first.as_str();
    // The later of the last ", " and the last " va ": one clause less each time.
    while let Some((kept, _)) = [cut.rsplit_once(", "), cut.rsplit_once(" va ")]
        .into_iter()
        .flatten()
        .max_by_key(|(kept, _)| kept.len())
    {
        cut = kept.trim_end();
        if cut.is_empty() {
            break;
        }
        out.push(format!("{cut}."));
    }
    out
}

/// The first [`MAX_LEN`] characters, cut at a space.
fn cut_to_fit(text: &str) -> String {
    if text.chars().count() <= MAX_LEN {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX_LEN - 3).collect();
    let cut = head
        .rsplit_once(' ')
        .map_or(head.as_str(), |(kept, _)| kept);
    format!("{}...", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn range(h: u32, m: u32, end: (u32, u32)) -> Option<TimeRange> {
        Some(TimeRange {
            start: NaiveTime::from_hms_opt(h, m, 0)?,
            end: NaiveTime::from_hms_opt(end.0, end.1, 0),
        })
    }

    #[test]
    fn the_issue_example() {
        let services = ["Hướng dẫn VNeID".to_string()];
        let sms = session_sms(&SmsSession {
            authority: "UBND xã Cẩm Ngọc",
            hamlet: "thôn Đông Lão",
            hamlet_name: "Đông Lão",
            date: date(2022, 11, 29),
            time: range(19, 0, (21, 30)),
            part_of_day: None,
            place: Some("Nhà văn hóa thôn Đông Lão"),
            services: &services,
            note: Some("Mang thẻ căn cước công dân gắn chip. Nhớ mật khẩu."),
        });
        assert_eq!(
            sms,
            "UBND xa Cam Ngoc: thon Dong Lao huong dan VNeID 19h-21h30 T3 29/11 tai NVH thon. \
             Mang CCCD gan chip."
        );
    }

    #[test]
    fn long_sessions_drop_services_then_shorten_the_note() {
        let services = [
            "Hướng dẫn cài đặt VNeID".to_string(),
            "Đăng ký tài khoản mức 1".to_string(),
            "Hướng dẫn kích hoạt tài khoản đã được duyệt".to_string(),
        ];
        let session = SmsSession {
            authority: "UBND xã Cẩm Ngọc",
            hamlet: "thôn Phúc Ngân Vải",
            hamlet_name: "Phúc Ngân Vải",
            date: date(2022, 12, 4),
            time: range(7, 30, (11, 0)),
            part_of_day: None,
            place: Some("Nhà văn hóa thôn Phúc Ngân Vải"),
            services: &services,
            note: Some(
                "Mang theo thẻ căn cước công dân gắn chip và điện thoại thông minh đã sạc đầy pin. \
                 Nhớ số điện thoại mình đang dùng.",
            ),
        };
        let sms = session_sms(&session);
        assert_eq!(
            sms,
            "UBND xa Cam Ngoc: thon Phuc Ngan Vai huong dan cai dat VNeID 7h30-11h CN 4/12 tai \
             NVH thon. Mang theo CCCD gan chip va DT thong minh da sac day pin."
        );
        assert!(sms.chars().count() <= MAX_LEN);
        // Only the part of the day written ("Chiều"): the word, not its default hours.
        let afternoon = SmsSession {
            part_of_day: Some(PartOfDay::Afternoon),
            ..session
        };
        assert!(session_sms(&afternoon).contains(" chieu CN 4/12 tai NVH thon."));
    }

    #[test]
    fn every_message_fits_and_uses_only_the_gsm_alphabet() {
        let long = "Hội trường lớn của Ủy ban nhân dân xã, tầng 2, phòng họp số 3 (cạnh Bưu điện \
                    văn hóa xã) — đường Trần Hưng Đạo, khu phố Đông Tiến, “khu tái định cư” "
            .repeat(3);
        let services = vec!["Thu nhận hồ sơ [mức 2] {ưu tiên} ~ €".to_string(); 5];
        for place in [None, Some(long.as_str()), Some("Đình làng")] {
            let sms = session_sms(&SmsSession {
                authority: "Ủy ban nhân dân phường Phước Tiến, thành phố Nha Trang",
                hamlet: "tổ dân phố Phước Hòa 12",
                hamlet_name: "Phước Hòa 12",
                date: date(2023, 6, 8),
                time: None,
                part_of_day: None,
                place,
                services: &services,
                note: Some(&long),
            });
            assert!(sms.chars().count() <= MAX_LEN, "{} {sms}", sms.len());
            assert!(sms.chars().all(is_gsm7), "{sms}");
            assert!(sms.contains("ca ngay T5 8/6"), "{sms}");
        }
    }

    #[test]
    fn plain_text_table() {
        let cases = [
            ("Đông Lão", "Dong Lao"),
            ("Ủy ban nhân dân xã", "UBND xa"),
            ("Thẻ căn cước công dân gắn chip", "CCCD gan chip"),
            ("số điện thoại", "SDT"),
            ("Công an xã; Công anh", "CA xa; Cong anh"),
            ("tài khoản định danh điện tử", "TKDDDT"),
            ("“Hà Nội” – 7h…", "\"Ha Noi\" - 7h..."),
            ("a\u{0301}  b\nc", "a b c"),
        ];
        for (input, expected) in cases {
            assert_eq!(plain(input), expected, "{input:?}");
        }
    }
}
