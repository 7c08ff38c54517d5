//! Reading times and time spans as officers type them: "7h30 - 11h",
//! "07:30–11:00", "7 giờ 30 đến 11 giờ", "14h".

use std::fmt;

use chrono::NaiveTime;

use super::tidy::{strip_word, tidy};
use super::time_range::{format_time, TimeRange};

/// Why a time could not be read, in plain Vietnamese for officers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError {
    /// What is wrong, starting lowercase so callers can prefix the field name.
    pub message: String,
    /// How to fix it, a full sentence.
    pub hint: String,
}

impl TimeError {
    pub(super) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        TimeError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TimeError {}

/// Every accepted way of writing a time, with an example of each: the hint of
/// any time that cannot be read (see `sittings` for the forms beyond one span).
pub const FORMAT_HINT: &str = "Các cách ghi giờ được chấp nhận: một buổi 7h30 - 11h \
     (hoặc 07:30-11:00, 7 giờ 30 đến 11 giờ); chỉ giờ bắt đầu 14h; hai buổi trong ngày \
     7h30-11h30 và 13h30-17h; buổi kèm giờ sáng 7h30-11h, chiều 13h30-16h30; chỉ ghi buổi \
     Sáng, Chiều hoặc Tối; cả ngày. Giờ viết theo kiểu 24 giờ (2 giờ chiều là 14h).";
const CHECK_SOURCE_HINT: &str =
    "Kiểm tra lại giờ trong văn bản gốc. Giờ viết theo kiểu 24 giờ, từ 0h đến 23h59, ví dụ 2 giờ chiều là 14h.";

/// Words that mark 12-hour times. We refuse rather than guess: "7 giờ tối"
/// is 19h, but "12 giờ đêm" and "1 giờ trưa" are easy to get wrong.
const TWELVE_HOUR_WORDS: [&str; 7] = ["sáng", "trưa", "chiều", "tối", "đêm", "am", "pm"];

/// Whether a clock time opens or closes a span; only an end may be 24:00.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Start,
    End,
}

/// Accepts "07:30-11:00", "7:30 - 11:00", "7h30 - 11h", "7h-11h",
/// "7 giờ 30 - 11 giờ", "7g30-11g", "07.30-11.00", "7 giờ rưỡi", with '-',
/// '–', '—', "đến" or "tới" between the two times and an optional leading
/// "từ"/"lúc". A single time gives `end: None`. Times are 24-hour; an end of
/// 24:00 (midnight) is stored as 23:59, and the end must come after the start.
pub fn parse_time_range(s: &str) -> Result<TimeRange, TimeError> {
    let text = tidy(s);
    if text.is_empty() {
        return Err(TimeError::new("chưa ghi giờ", FORMAT_HINT));
    }
    if let Some(word) = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|word| TWELVE_HOUR_WORDS.contains(word))
    {
        return Err(TimeError::new(
            format!("“{}” có chữ “{word}”, nhưng giờ phải viết theo kiểu 24 giờ", s.trim()),
            "Bỏ chữ sáng/trưa/chiều/tối và viết giờ từ 0h đến 23h59, ví dụ 14h thay cho 2 giờ chiều, 19h30 thay cho 7 rưỡi tối.",
        ));
    }
    let text = unify_separators(&text);
    let body = ["từ", "vào lúc", "lúc"]
        .iter()
        .find_map(|word| strip_word(&text, word))
        .unwrap_or(&text);
    let pieces: Vec<&str> = body.split('-').map(str::trim).collect();
    match pieces.as_slice() {
        [single] => Ok(TimeRange { start: clock(single, Role::Start)?, end: None }),
        ["", _] => Err(TimeError::new(
            format!("“{}” thiếu giờ bắt đầu", s.trim()),
            "Ghi giờ bắt đầu trước dấu gạch ngang, ví dụ 7h30 - 11h.",
        )),
        [_, ""] => Err(TimeError::new(
            format!("“{}” thiếu giờ kết thúc", s.trim()),
            "Ghi giờ kết thúc sau dấu gạch ngang, ví dụ 7h30 - 11h, hoặc bỏ dấu gạch ngang nếu chỉ có giờ bắt đầu.",
        )),
        [start, end] => {
            let start = clock(start, Role::Start)?;
            let end = clock(end, Role::End)?;
            if end <= start {
                return Err(TimeError::new(
                    format!(
                        "giờ kết thúc ({}) phải sau giờ bắt đầu ({})",
                        format_time(end),
                        format_time(start)
                    ),
                    "Kiểm tra lại giờ trong văn bản gốc. Giờ viết theo kiểu 24 giờ, ví dụ 5 giờ chiều là 17h; \
                     nếu kéo dài đến nửa đêm thì ghi giờ kết thúc là 24h.",
                ));
            }
            Ok(TimeRange { start, end: Some(end) })
        }
        _ => Err(TimeError::new(
            format!("“{}” có nhiều hơn hai mốc giờ nên không rõ đâu là giờ bắt đầu, đâu là giờ kết thúc", s.trim()),
            FORMAT_HINT,
        )),
    }
}

/// Every way of writing "until" becomes a plain '-'.
fn unify_separators(text: &str) -> String {
    text.replace("đến", "-")
        .replace("tới", "-")
        .replace(['–', '—', '−', '~'], "-")
}

/// One clock time, checked, as a `NaiveTime`.
fn clock(written: &str, role: Role) -> Result<NaiveTime, TimeError> {
    let (hour, minute) = read_clock(written)?;
    if minute > 59 {
        return Err(TimeError::new(
            format!("giờ “{written}” không có thật: phút chỉ ghi từ 00 đến 59"),
            "Kiểm tra lại số phút trong văn bản gốc, ví dụ 7h45 hoặc 07:45.",
        ));
    }
    if hour == 24 && minute == 0 {
        return match role {
            // Midnight at the end of the day; NaiveTime has no 24:00.
            Role::End => NaiveTime::from_hms_opt(23, 59, 0).ok_or_else(|| unreadable(written)),
            Role::Start => Err(TimeError::new(
                "giờ bắt đầu không thể là 24h (24h là nửa đêm, lúc một ngày kết thúc)",
                "Nếu bắt đầu lúc nửa đêm thì ghi 0h hoặc 00:00.",
            )),
        };
    }
    if hour > 23 {
        return Err(TimeError::new(
            format!("giờ “{written}” không có thật: một ngày chỉ có từ 0 giờ đến 24 giờ"),
            CHECK_SOURCE_HINT,
        ));
    }
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| unreadable(written))
}

fn unreadable(written: &str) -> TimeError {
    TimeError::new(format!("không đọc được giờ “{written}”"), FORMAT_HINT)
}

/// (hour, minute) as written, not range-checked: "7h30", "07:30", "7.30",
/// "7 giờ 30 phút", "7g", "7h rưỡi".
fn read_clock(written: &str) -> Result<(u32, u32), TimeError> {
    let mut cursor = Cursor { rest: written };
    let hour_digits = cursor.digits();
    if hour_digits.is_empty() || hour_digits.len() > 2 {
        return Err(unreadable(written));
    }
    cursor.skip_spaces();
    let minute_digits = if cursor.eat_any(&[":", "."]) {
        cursor.skip_spaces();
        let digits = cursor.digits();
        if digits.len() != 2 {
            return Err(unreadable(written));
        }
        cursor.skip_spaces();
        // "7:30h" happens too.
        cursor.eat_any(&["giờ", "gio", "h"]);
        digits
    } else if cursor.eat_any(&["giờ", "gio", "h", "g"]) {
        cursor.skip_spaces();
        if cursor.eat_any(&["rưỡi", "ruoi"]) {
            "30"
        } else {
            let digits = cursor.digits();
            if digits.len() > 2 {
                return Err(unreadable(written));
            }
            cursor.skip_spaces();
            if !digits.is_empty() {
                cursor.eat_any(&["phút", "phut", "ph", "p", "'"]);
            }
            digits
        }
    } else if cursor.rest.is_empty() {
        return Err(TimeError::new(
            format!("“{written}” chỉ là một con số, chưa rõ là giờ"),
            "Ghi rõ chữ h hoặc dấu hai chấm, ví dụ 7h, 7h30 hoặc 07:30.",
        ));
    } else {
        return Err(unreadable(written));
    };
    cursor.skip_spaces();
    if !cursor.rest.is_empty() {
        return Err(unreadable(written));
    }
    let hour = hour_digits.parse().map_err(|_| unreadable(written))?;
    let minute = if minute_digits.is_empty() {
        0
    } else {
        minute_digits.parse().map_err(|_| unreadable(written))?
    };
    Ok((hour, minute))
}

/// Reads a clock time from left to right without ever indexing into it.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn skip_spaces(&mut self) {
        self.rest = self.rest.trim_start();
    }

    /// Consumes the first of `words` that the text starts with.
    fn eat_any(&mut self, words: &[&str]) -> bool {
        for word in words {
            if let Some(rest) = self.rest.strip_prefix(word) {
                self.rest = rest;
                return true;
            }
        }
        false
    }

    /// Consumes and returns the ASCII digits at the start (maybe none).
    fn digits(&mut self) -> &'a str {
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest.len());
        match self.rest.split_at_checked(end) {
            Some((digits, rest)) => {
                self.rest = rest;
                digits
            }
            None => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: (u32, u32), end: Option<(u32, u32)>) -> Option<TimeRange> {
        let start = NaiveTime::from_hms_opt(start.0, start.1, 0)?;
        let end = match end {
            Some((h, m)) => Some(NaiveTime::from_hms_opt(h, m, 0)?),
            None => None,
        };
        Some(TimeRange { start, end })
    }

    #[test]
    fn valid_times() {
        let cases = [
            ("07:30-11:00", (7, 30), Some((11, 0))),
            ("7:30 - 11:00", (7, 30), Some((11, 0))),
            ("7h30 - 11h", (7, 30), Some((11, 0))),
            ("7h30-11h00", (7, 30), Some((11, 0))),
            ("7h-11h", (7, 0), Some((11, 0))),
            ("7 giờ 30 - 11 giờ", (7, 30), Some((11, 0))),
            ("7 giờ 30 phút đến 11 giờ", (7, 30), Some((11, 0))),
            ("7g30-11g", (7, 30), Some((11, 0))),
            ("07.30-11.00", (7, 30), Some((11, 0))),
            ("07:30–11:00", (7, 30), Some((11, 0))),
            ("07:30 — 11:00", (7, 30), Some((11, 0))),
            ("7h30 đến 11h", (7, 30), Some((11, 0))),
            ("Từ 7h30 đến 11h", (7, 30), Some((11, 0))),
            ("7H30 tới 11H", (7, 30), Some((11, 0))),
            ("7h rưỡi - 9h", (7, 30), Some((9, 0))),
            ("7:30h-11h", (7, 30), Some((11, 0))),
            ("13h30 - 17h", (13, 30), Some((17, 0))),
            ("19h - 24h", (19, 0), Some((23, 59))),
            ("0h - 6h", (0, 0), Some((6, 0))),
            ("14h", (14, 0), None),
            ("lúc 14h", (14, 0), None),
            ("  14:05 ", (14, 5), None),
            ("7h5", (7, 5), None),
            ("7 gio 30", (7, 30), None),
            ("7 gio\u{031B}\u{0300} 30", (7, 30), None),
        ];
        for (input, start, end) in cases {
            assert_eq!(
                parse_time_range(input).ok(),
                range(start, end),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn invalid_times_explain_themselves() {
        // (input, words the message must contain, words the hint must contain)
        let cases: [(&str, &[&str], &[&str]); 14] = [
            (
                "13:30-11:00",
                &["giờ kết thúc (11:00) phải sau giờ bắt đầu (13:30)"],
                &["24 giờ"],
            ),
            (
                "8h-5h",
                &["giờ kết thúc (05:00) phải sau giờ bắt đầu (08:00)"],
                &["17h"],
            ),
            ("9h-9h", &["phải sau"], &["Kiểm tra lại"]),
            (
                "25:00",
                &["“25:00” không có thật", "0 giờ đến 24 giờ"],
                &["23h59"],
            ),
            ("24:00", &["giờ bắt đầu không thể là 24h"], &["0h"]),
            ("7h - 24h30", &["“24h30” không có thật"], &["Kiểm tra lại"]),
            ("7h75", &["“7h75” không có thật", "00 đến 59"], &["số phút"]),
            ("7", &["“7” chỉ là một con số"], &["7h30"]),
            ("abc", &["không đọc được giờ “abc”"], &["7h30"]),
            ("", &["chưa ghi giờ"], &["7h30"]),
            ("7h30 -", &["thiếu giờ kết thúc"], &["sau dấu gạch ngang"]),
            ("- 11h", &["thiếu giờ bắt đầu"], &["trước dấu gạch ngang"]),
            ("7h-9h-11h", &["nhiều hơn hai mốc giờ"], &["7h30 - 11h"]),
            ("2 giờ chiều", &["“2 giờ chiều” có chữ “chiều”"], &["14h"]),
        ];
        for (input, message_parts, hint_parts) in cases {
            let error = parse_time_range(input).err();
            let (message, hint) = error.map(|e| (e.message, e.hint)).unwrap_or_default();
            for part in message_parts {
                assert!(
                    message.contains(part),
                    "{input:?}: message {message:?} lacks {part:?}"
                );
            }
            for part in hint_parts {
                assert!(
                    hint.contains(part),
                    "{input:?}: hint {hint:?} lacks {part:?}"
                );
            }
            assert_ne!(message, hint, "{input:?}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let inputs = [
            ":",
            "h",
            "7:",
            "7:3",
            "7::30",
            "123h",
            "7h123",
            "7h30p30",
            "99999999999999999999h",
            "7h 30 45",
            "🎉",
            "\u{0301}7h",
            "7 giờ 30 phút 5",
            "đến",
            "-",
            "7h30 am",
            "7.30.00",
        ];
        for input in inputs {
            assert!(parse_time_range(input).is_err(), "input {input:?}");
        }
    }
}
