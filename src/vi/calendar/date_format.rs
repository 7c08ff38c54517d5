//! Dates as printed on pages and notices.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::weekday::weekday_name;

/// "Thứ Ba, 29/11/2022".
pub fn format_date(d: NaiveDate) -> String {
    format!("{}, {}", weekday_name(d.weekday()), format_date_numeric(d))
}

/// "thứ Tư, ngày 30/11/2022": a date inside a sentence, as Vietnamese
/// notices write it ("Chủ nhật" stays capitalised only at a sentence's start).
pub fn format_date_phrase(d: NaiveDate) -> String {
    let name = weekday_name(d.weekday());
    let weekday = match name.strip_prefix("Thứ") {
        Some(rest) => format!("thứ{rest}"),
        None => name.to_lowercase(),
    };
    format!("{weekday}, ngày {}", format_date_numeric(d))
}

/// "2022-11-29" (ISO 8601), for `datetime` attributes and data files. Written
/// out by hand: chrono's `format("%Y-%m-%d")` re-parses the pattern on every call.
pub fn format_iso_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_iso_date(&mut out, d);
    out
}

pub fn push_iso_date(out: &mut String, d: NaiveDate) {
    push_padded(out, d.year().into(), 4);
    out.push('-');
    push_padded(out, d.month().into(), 2);
    out.push('-');
    push_padded(out, d.day().into(), 2);
}

/// "29/11/2022", always with two-digit day and month, as on official papers.
pub fn format_date_numeric(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date_numeric(&mut out, d);
    out
}

pub fn push_date_numeric(out: &mut String, d: NaiveDate) {
    push_padded(out, d.day().into(), 2);
    out.push('/');
    push_padded(out, d.month().into(), 2);
    out.push('/');
    push_padded(out, d.year().into(), 4);
}

/// `write!(out, "{n:0width$}")` without the formatting machinery, which was
/// 4% of a province build: each of 90,000 sessions has its date and times
/// written a dozen times (pages, calendars, data, fragments).
pub fn push_padded(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        let _ = write!(out, "{n:0width$}");
        return;
    }
    let n = n.unsigned_abs();
    let (mut place, mut len) = (1u64, 1usize);
    while n / place >= 10 {
        place *= 10;
        len += 1;
    }
    for _ in len..width {
        out.push('0');
    }
    while place > 0 {
        out.push(char::from(b'0' + (n / place % 10) as u8));
        place /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_padded_writes_what_format_writes() {
        use proptest::prelude::*;
        proptest::proptest!(|(n in any::<i64>(), width in 0usize..8)| {
            let mut out = String::new();
            push_padded(&mut out, n, width);
            prop_assert_eq!(out, format!("{n:0width$}"));
        });
        for (n, width) in [
            (0, 2),
            (7, 2),
            (12, 2),
            (2022, 4),
            (5, 4),
            (12345, 4),
            (-3, 4),
        ] {
            let mut out = String::new();
            push_padded(&mut out, n, width);
            assert_eq!(out, format!("{n:0width$}"));
        }
    }

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
