//! Dates as printed on pages and notices.

use chrono::{Datelike, NaiveDate};

use super::weekday::weekday_name;

/// "Thứ Ba, 29/11/2022".
pub fn format_date(d: NaiveDate) -> String {
    format!("{}, {}", weekday_name(d.weekday()), format_date_numeric(d))
}

/// "2022-11-29" (ISO 8601), for `datetime` attributes and data files. Written
/// out by hand: chrono's `format("%Y-%m-%d")` re-parses the pattern on every call.
pub fn format_iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// "29/11/2022", always with two-digit day and month, as on official papers.
pub fn format_date_numeric(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_table() {
        let cases = [
            ((2022, 11, 29), "Thứ Ba, 29/11/2022", "29/11/2022"),
            ((2023, 7, 1), "Thứ Bảy, 01/07/2023", "01/07/2023"),
            ((2024, 2, 29), "Thứ Năm, 29/02/2024", "29/02/2024"),
            ((2022, 11, 27), "Chủ nhật, 27/11/2022", "27/11/2022"),
            ((2025, 9, 1), "Thứ Hai, 01/09/2025", "01/09/2025"),
        ];
        for ((y, m, d), long, numeric) in cases {
            let date = NaiveDate::from_ymd_opt(y, m, d);
            assert_eq!(date.map(format_date).as_deref(), Some(long));
            assert_eq!(date.map(format_date_numeric).as_deref(), Some(numeric));
        }
    }
}
