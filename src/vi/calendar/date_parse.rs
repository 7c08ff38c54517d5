//! Reading dates as officers type them: 29/11/2022, 1-7-2023, 2023-07-01,
//! "ngày 29 tháng 11 năm 2022", optionally after the weekday.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::date_format::format_date_numeric;
use super::tidy::{strip_word, tidy};
use super::weekday::{split_weekday_prefix, weekday_name};

/// Why a date could not be read, in plain Vietnamese for officers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, starting lowercase so callers can prefix the field name.
    pub message: String,
    /// How to fix it, a full sentence.
    pub hint: String,
}

impl DateError {
    pub(super) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

const FORMAT_HINT: &str = "Viết ngày theo dạng ngày/tháng/năm, ví dụ 29/11/2022.";
const CHECK_SOURCE_HINT: &str =
    "Kiểm tra lại ngày trong văn bản gốc. Viết ngày theo dạng ngày/tháng/năm, ví dụ 29/11/2022.";
const YEAR_HINT: &str = "Viết đủ 4 chữ số của năm, ví dụ 29/11/2022 chứ không phải 29/11/22.";
const YEAR_LONG_HINT: &str =
    "Năm chỉ có 4 chữ số: có lẽ đã gõ thừa một chữ số, ví dụ 29/11/2022 chứ không phải 29/11/20222.";

/// Accepts dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, ISO yyyy-mm-dd and
/// "ngày 29 tháng 11 năm 2022", with surrounding spaces, an optional leading
/// "ngày"/"mùng", and an optional leading weekday ("Thứ Ba, 29/11/2022", the
/// output of `format_date`), which must then match the date.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let text = tidy(s);
    if text.is_empty() {
        return Err(DateError::new("chưa ghi ngày", FORMAT_HINT));
    }
    let (stated_weekday, rest) = split_weekday_prefix(&text);
    let rest = strip_day_words(rest);
    let parts = numeric_parts(rest)
        .or_else(|| worded_parts(rest))
        .ok_or_else(|| {
            DateError::new(format!("không đọc được ngày “{}”", s.trim()), FORMAT_HINT)
        })?;
    let date = parts.to_date()?;
    match stated_weekday {
        Some(stated) if stated != date.weekday() => Err(DateError::new(
            format!(
                "ngày {} là {}, không phải {}",
                format_date_numeric(date),
                weekday_name(date.weekday()),
                weekday_name(stated)
            ),
            "Kiểm tra lại thứ và ngày trong văn bản gốc: một trong hai đã bị ghi nhầm.",
        )),
        _ => Ok(date),
    }
}

/// "ngày", "mùng"/"mồng" (used for days 1–10) and "ngày mùng" before the number.
fn strip_day_words(text: &str) -> &str {
    let text = strip_word(text, "ngày").unwrap_or(text);
    strip_word(text, "mùng")
        .or_else(|| strip_word(text, "mồng"))
        .unwrap_or(text)
}

/// Day, month and year as written, digits only, not yet checked.
struct DateParts<'a> {
    day: &'a str,
    month: &'a str,
    year: &'a str,
}

/// "29/11/2022", "1-7-2023", "29.11.2022" or ISO "2023-07-01": three digit
/// groups with the same separator; a 4-digit first group means year first.
fn numeric_parts(text: &str) -> Option<DateParts<'_>> {
    let separator = text.chars().find(|c| !c.is_ascii_digit() && *c != ' ')?;
    if !matches!(separator, '/' | '-' | '.') {
        return None;
    }
    let groups: Vec<&str> = text.split(separator).map(str::trim).collect();
    let [first, middle, last] = groups.as_slice() else {
        return None;
    };
    if ![first, middle, last].iter().all(|group| is_digits(group)) {
        return None;
    }
    let (first, middle, last) = (*first, *middle, *last);
    Some(if first.len() == 4 {
        DateParts {
            day: last,
            month: middle,
            year: first,
        }
    } else {
        DateParts {
            day: first,
            month: middle,
            year: last,
        }
    })
}

/// "29 tháng 11 năm 2022", the formal written style of official documents.
fn worded_parts(text: &str) -> Option<DateParts<'_>> {
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let [day, "tháng", month, "năm", year] = words.as_slice() else {
        return None;
    };
    [day, month, year]
        .iter()
        .all(|w| is_digits(w))
        .then_some(DateParts { day, month, year })
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

impl DateParts<'_> {
    fn to_date(&self) -> Result<NaiveDate, DateError> {
        let unreadable = || {
            DateError::new(
                format!(
                    "không đọc được ngày “{}/{}/{}”",
                    self.day, self.month, self.year
                ),
                FORMAT_HINT,
            )
        };
        if self.day.len() > 2 || self.month.len() > 2 {
            return Err(unreadable());
        }
        if self.year.len() != 4 {
            // Say which way it is wrong: "not enough" for 20222 misleads.
            let (wrong, hint) = match self.year.chars().count() < 4 {
                true => ("không đủ 4 chữ số", YEAR_HINT),
                false => ("có quá 4 chữ số", YEAR_LONG_HINT),
            };
            return Err(DateError::new(format!("năm “{}” {wrong}", self.year), hint));
        }
        let (Ok(day), Ok(month), Ok(year)) = (
            self.day.parse::<u32>(),
            self.month.parse::<u32>(),
            self.year.parse::<i32>(),
        ) else {
            return Err(unreadable());
        };
        if year < 1000 {
            return Err(DateError::new(
                format!("năm “{}” không hợp lý", self.year),
                YEAR_HINT,
            ));
        }
        checked_date(day, month, year)
    }
}

/// The date, or a message saying exactly why it does not exist.
fn checked_date(day: u32, month: u32, year: i32) -> Result<NaiveDate, DateError> {
    let written = format!("{day:02}/{month:02}/{year}");
    if !(1..=12).contains(&month) {
        let swapped = (month > 12)
            .then(|| NaiveDate::from_ymd_opt(year, day, month))
            .flatten();
        let hint = match swapped {
            Some(_) => format!(
                "Có lẽ ngày và tháng bị viết đảo chỗ. Viết ngày trước, tháng sau: \
                 ngày {month} tháng {day} năm {year} là {month:02}/{day:02}/{year}."
            ),
            None => CHECK_SOURCE_HINT.to_string(),
        };
        return Err(DateError::new(
            format!(
                "ngày {written} không có thật: không có tháng {month}, một năm chỉ có 12 tháng"
            ),
            hint,
        ));
    }
    if day == 0 {
        return Err(DateError::new(
            format!("ngày {written} không có thật: ngày trong tháng bắt đầu từ 1"),
            CHECK_SOURCE_HINT,
        ));
    }
    let days = days_in_month(year, month);
    if day > days {
        let leap_note = if month == 2 && day == 29 {
            format!(" (năm {year} không phải năm nhuận)")
        } else {
            String::new()
        };
        return Err(DateError::new(
            format!("ngày {written} không có thật: tháng {month} năm {year} chỉ có {days} ngày{leap_note}"),
            CHECK_SOURCE_HINT,
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| DateError::new(format!("ngày {written} không có thật"), CHECK_SOURCE_HINT))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn valid_dates() {
        let cases = [
            ("29/11/2022", date(2022, 11, 29)),
            ("1/7/2023", date(2023, 7, 1)),
            ("01/07/2023", date(2023, 7, 1)),
            ("2023-07-01", date(2023, 7, 1)),
            ("2023-7-1", date(2023, 7, 1)),
            ("29-11-2022", date(2022, 11, 29)),
            ("29.11.2022", date(2022, 11, 29)),
            ("  29/11/2022  ", date(2022, 11, 29)),
            ("29 / 11 / 2022", date(2022, 11, 29)),
            ("29/02/2024", date(2024, 2, 29)),
            ("29/02/2000", date(2000, 2, 29)),
            ("31/12/2023", date(2023, 12, 31)),
            ("Thứ Ba, 29/11/2022", date(2022, 11, 29)),
            ("thứ 3 29/11/2022", date(2022, 11, 29)),
            ("Chủ nhật, 27/11/2022", date(2022, 11, 27)),
            ("ngày 29/11/2022", date(2022, 11, 29)),
            ("ngày 29 tháng 11 năm 2022", date(2022, 11, 29)),
            ("Ngày mùng 2 tháng 9 năm 1945", date(1945, 9, 2)),
            ("Thứ Ba, ngày 29 tháng 11 năm 2022", date(2022, 11, 29)),
            ("2\u{0301}9/11/2022", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input).ok(), expected, "input {input:?}");
        }
    }

    #[test]
    fn round_trip_through_format() {
        for input in ["29/11/2022", "01/07/2023", "29/02/2024", "27/11/2022"] {
            let parsed = parse_date(input).ok();
            assert_eq!(parsed.map(format_date_numeric).as_deref(), Some(input));
            let long = parsed.map(super::super::format_date);
            assert_eq!(long.map(|l| parse_date(&l).ok()), Some(parsed));
        }
    }

    #[test]
    fn invalid_dates_explain_themselves() {
        // (input, words the message must contain, words the hint must contain)
        let cases: [(&str, &[&str], &[&str]); 14] = [
            (
                "31/02/2023",
                &["ngày 31/02/2023 không có thật: tháng 2 năm 2023 chỉ có 28 ngày"],
                &["Kiểm tra lại ngày trong văn bản gốc. Viết ngày theo dạng ngày/tháng/năm, ví dụ 29/11/2022."],
            ),
            ("29/02/2023", &["chỉ có 28 ngày", "không phải năm nhuận"], &["Kiểm tra lại"]),
            ("31/04/2023", &["tháng 4 năm 2023 chỉ có 30 ngày"], &["Kiểm tra lại"]),
            ("29/02/1900", &["chỉ có 28 ngày"], &["Kiểm tra lại"]),
            ("00/05/2023", &["bắt đầu từ 1"], &["Kiểm tra lại"]),
            ("13/13/2023", &["không có tháng 13"], &["Kiểm tra lại"]),
            ("12/25/2023", &["không có tháng 25"], &["đảo chỗ", "25/12/2023"]),
            ("2023-25-12", &["không có tháng 25"], &["đảo chỗ", "25/12/2023"]),
            ("abc", &["không đọc được ngày “abc”"], &["29/11/2022"]),
            ("29/11/22", &["năm “22”", "4 chữ số"], &["29/11/2022"]),
            ("", &["chưa ghi ngày"], &["29/11/2022"]),
            ("29/11-2022", &["không đọc được"], &["ngày/tháng/năm"]),
            ("Thứ Tư, 29/11/2022", &["29/11/2022 là Thứ Ba, không phải Thứ Tư"], &["thứ và ngày"]),
            ("0029/11/29", &["không hợp lý"], &["4 chữ số"]),
        ];
        for (input, message_parts, hint_parts) in cases {
            let error = parse_date(input).err();
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
            "/",
            "//",
            "1//2023",
            "99999999999999999999/1/2023",
            "1/1/99999",
            "31/12/-2023",
            "ngày",
            "ngày tháng năm",
            "thứ ba",
            "thứ ba,",
            "🎉",
            "29/11/2022/1",
            "\u{0301}",
            "2023-02-30",
        ];
        for input in inputs {
            assert!(parse_date(input).is_err(), "input {input:?}");
        }
    }
}
