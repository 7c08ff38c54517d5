//! Dates and times the way an announcer says them.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::numbers::number_words;
use crate::vi::calendar::TimeRange;

/// "ngày hai mươi chín tháng mười một", "ngày mùng một tháng bảy"; with the
/// year, " năm hai nghìn không trăm hai mươi hai" is added.
pub fn date_words(d: NaiveDate, with_year: bool) -> String {
    let day = d.day();
    // Days 1–10 take "mùng" in speech: "mùng một", never plain "ngày một".
    let day_words = if day <= 10 {
        format!("mùng {}", number_words(i64::from(day)))
    } else {
        number_words(i64::from(day))
    };
    let mut words = format!("ngày {day_words} tháng {}", month_words(d.month()));
    if with_year {
        words.push_str(" năm ");
        words.push_str(&number_words(i64::from(d.year())));
    }
    words
}

/// Month 4 is "tháng tư", never "tháng bốn"; the rest are plain numbers.
fn month_words(month: u32) -> String {
    match month {
        4 => "tư".to_string(),
        other => number_words(i64::from(other)),
    }
}

/// 24-hour time as officers write it: "bảy giờ ba mươi", "mười bốn giờ",
/// and "bảy giờ năm phút" for 07:05 (without "phút", "bảy giờ năm" sounds
/// like 7:50 to some listeners).
pub fn time_words(t: NaiveTime) -> String {
    let hour = number_words(i64::from(t.hour()));
    match t.minute() {
        0 => format!("{hour} giờ"),
        minute @ 1..=9 => format!("{hour} giờ {} phút", number_words(i64::from(minute))),
        minute => format!("{hour} giờ {}", number_words(i64::from(minute))),
    }
}

/// "từ bảy giờ ba mươi đến mười một giờ", or "lúc bảy giờ ba mươi" with no end.
pub fn time_range_words(r: &TimeRange) -> String {
    match r.end {
        Some(end) => format!("từ {} đến {}", time_words(r.start), time_words(end)),
        None => format!("lúc {}", time_words(r.start)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_table() {
        let cases = [
            ((2022, 11, 29), false, "ngày hai mươi chín tháng mười một"),
            (
                (2022, 11, 29),
                true,
                "ngày hai mươi chín tháng mười một năm hai nghìn không trăm hai mươi hai",
            ),
            ((2023, 7, 1), false, "ngày mùng một tháng bảy"),
            ((2023, 4, 10), false, "ngày mùng mười tháng tư"),
            ((2023, 4, 5), false, "ngày mùng năm tháng tư"),
            ((2023, 1, 11), false, "ngày mười một tháng một"),
            ((2023, 12, 15), false, "ngày mười lăm tháng mười hai"),
            ((2023, 5, 21), false, "ngày hai mươi mốt tháng năm"),
            ((2023, 6, 24), false, "ngày hai mươi tư tháng sáu"),
            ((2023, 8, 25), false, "ngày hai mươi lăm tháng tám"),
            ((2023, 10, 31), false, "ngày ba mươi mốt tháng mười"),
            (
                (1945, 9, 2),
                true,
                "ngày mùng hai tháng chín năm một nghìn chín trăm bốn mươi lăm",
            ),
            (
                (2024, 2, 29),
                true,
                "ngày hai mươi chín tháng hai năm hai nghìn không trăm hai mươi tư",
            ),
            ((2023, 3, 14), false, "ngày mười bốn tháng ba"),
        ];
        for ((y, m, d), with_year, expected) in cases {
            let date = NaiveDate::from_ymd_opt(y, m, d);
            assert_eq!(
                date.map(|d| date_words(d, with_year)).as_deref(),
                Some(expected)
            );
        }
    }

    #[test]
    fn time_table() {
        let cases = [
            ((7, 30), "bảy giờ ba mươi"),
            ((11, 0), "mười một giờ"),
            ((7, 5), "bảy giờ năm phút"),
            ((14, 0), "mười bốn giờ"),
            ((0, 0), "không giờ"),
            ((13, 15), "mười ba giờ mười lăm"),
            ((16, 45), "mười sáu giờ bốn mươi lăm"),
            ((21, 21), "hai mươi mốt giờ hai mươi mốt"),
            ((9, 1), "chín giờ một phút"),
            ((23, 59), "hai mươi ba giờ năm mươi chín"),
            ((10, 10), "mười giờ mười"),
            ((17, 24), "mười bảy giờ hai mươi tư"),
        ];
        for ((h, m), expected) in cases {
            let time = NaiveTime::from_hms_opt(h, m, 0);
            assert_eq!(time.map(time_words).as_deref(), Some(expected));
        }
    }

    #[test]
    fn time_range_table() {
        let cases = [
            (
                (7, 30),
                Some((11, 0)),
                "từ bảy giờ ba mươi đến mười một giờ",
            ),
            ((7, 30), None, "lúc bảy giờ ba mươi"),
            (
                (13, 30),
                Some((17, 0)),
                "từ mười ba giờ ba mươi đến mười bảy giờ",
            ),
            ((14, 0), None, "lúc mười bốn giờ"),
        ];
        for ((h, m), end, expected) in cases {
            let start = NaiveTime::from_hms_opt(h, m, 0);
            let end = end.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
            let range = start.map(|start| TimeRange { start, end });
            assert_eq!(
                range.map(|r| time_range_words(&r)).as_deref(),
                Some(expected)
            );
        }
    }
}
