//! Numbers the Vietnamese way: thousands grouped with "." and decimals after
//! ",", as on every official report (8.213 tài khoản; đạt 50,5%), and reading
//! counts and percentages back from what officers type.

use std::fmt;

use crate::vi::text::{is_invisible, nfc};

/// Why a number could not be read, in plain Vietnamese for officers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberError {
    /// What is wrong, starting lowercase so callers can prefix the field name.
    pub message: String,
    /// How to fix it, a full sentence.
    pub hint: String,
}

impl NumberError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        NumberError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NumberError {}

/// A count or a share of something larger, as a target may be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountOrPercent {
    Count(u64),
    /// Hundredths of a percent: "12,5%" is 1250.
    Percent(u64),
}

const COUNT_HINT: &str =
    "Chỉ ghi con số, không kèm chữ, ví dụ 8213 hoặc 8.213 (dấu chấm ngăn cách hàng nghìn).";
const PERCENT_HINT: &str = "Viết phần trăm có dấu %, ví dụ 50% hoặc 12,5%.";

/// 8213 → "8.213", 1250000 → "1.250.000", 999 → "999".
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A percentage given in tenths: 505 → "50,5%", 630 → "63%", 12345 → "1.234,5%".
/// A whole number is written without ",0", as officers write "đạt 100%".
pub fn format_percent(tenths: u64) -> String {
    let whole = format_count(tenths / 10);
    match tenths % 10 {
        0 => format!("{whole}%"),
        d => format!("{whole},{d}%"),
    }
}

/// `part` of `whole` in tenths of a percent, rounded down so that "100%"
/// is only ever shown once a target is really reached (99,96% reads 99,9%).
/// None when `whole` is zero.
pub fn percent_tenths(part: u64, whole: u64) -> Option<u64> {
    if whole == 0 {
        return None;
    }
    let tenths = u128::from(part) * 1000 / u128::from(whole);
    Some(u64::try_from(tenths).unwrap_or(u64::MAX))
}

/// What officers paste: invisible characters dropped, NFC, trimmed.
fn tidy(s: &str) -> String {
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    nfc(visible.trim())
}

fn is_group_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\u{00A0}' | '\u{202F}')
}

/// Digits, optionally grouped by threes with one kind of separator:
/// "8213", "8.213", "8 213", "1.250.000", and "8,213" as spreadsheets copy it.
/// None for anything else ("12,5", "1.2.3", "12a").
fn grouped_digits(text: &str) -> Option<String> {
    let separator = text.chars().find(|c| is_group_separator(*c));
    let Some(separator) = separator else {
        return (!text.is_empty() && text.chars().all(|c| c.is_ascii_digit()))
            .then(|| text.to_string());
    };
    let mut groups = text.split(separator);
    let first = groups.next()?;
    if first.is_empty() || first.chars().count() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_string();
    for group in groups {
        if group.chars().count() != 3 || !group.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

/// A whole, non-negative count as officers type it: "8213", "8.213",
/// "8 213", "0012". Decimals, signs and words are refused with a hint.
pub fn parse_count(s: &str) -> Result<u64, NumberError> {
    let text = tidy(s);
    if text.is_empty() {
        return Err(NumberError::new("chưa ghi số", COUNT_HINT));
    }
    if text.starts_with('-') || text.starts_with('−') {
        return Err(NumberError::new(
            format!("số “{text}” là số âm"),
            "Số lượng không thể âm: ghi số đã đạt được, ví dụ 120.",
        ));
    }
    if text.ends_with('%') {
        return Err(NumberError::new(
            format!("“{text}” là phần trăm, ở đây cần một số lượng"),
            "Ghi số lượng cụ thể, ví dụ 120; chỉ tiêu theo phần trăm chỉ dùng cho giai đoạn.",
        ));
    }
    let digits = grouped_digits(&text).ok_or_else(|| {
        let decimal = text.chars().any(|c| c == ',' || c == '.')
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        if decimal {
            NumberError::new(
                format!("“{text}” không phải số nguyên"),
                "Số lượng phải là số nguyên. Nếu dấu chấm là để ngăn cách hàng nghìn, mỗi nhóm sau dấu chấm phải đủ 3 chữ số, ví dụ 1.250.",
            )
        } else {
            NumberError::new(format!("không đọc được số “{text}”"), COUNT_HINT)
        }
    })?;
    let too_big = || {
        NumberError::new(
            format!("số “{text}” quá lớn"),
            "Số lượng ở đây nhiều nhất là 1.000.000.000 (một tỷ): kiểm tra lại số, có thể đã gõ thừa chữ số.",
        )
    };
    let count = digits.parse::<u64>().map_err(|_| too_big())?;
    if count > MAX_COUNT {
        return Err(too_big());
    }
    Ok(count)
}

/// The largest count read: ten times Viet Nam's population, so no real
/// figure is refused, while sums, percentages and chart axes computed from
/// thousands of such figures stay far inside `u64` (18,000,000,000,000,000,000
/// passed once and drew a chart axis until memory ran out).
pub const MAX_COUNT: u64 = 1_000_000_000;

/// The largest share read, in hundredths: 1000%, ten times the total.
pub const MAX_PERCENT: u64 = 100_000;

/// A percentage: "50%", "50 %", "12,5%", "12.5%", "33,33%", in hundredths.
fn parse_percent(text: &str) -> Result<u64, NumberError> {
    let number = text.trim_end_matches('%').trim_end();
    let (whole, fraction) = match number.find([',', '.']) {
        Some(i) => (
            number.get(..i).unwrap_or(""),
            number.get(i + 1..).unwrap_or(""),
        ),
        None => (number, ""),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 2 {
        return Err(NumberError::new(
            format!("không đọc được phần trăm “{text}”"),
            PERCENT_HINT,
        ));
    }
    let too_big = || {
        NumberError::new(
            format!("phần trăm “{text}” quá lớn"),
            "Phần trăm ở đây nhiều nhất là 1000%: kiểm tra lại, có thể đã gõ thừa chữ số.",
        )
    };
    let whole: u64 = whole.parse().map_err(|_| too_big())?;
    let fraction: u64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(fraction))
        .filter(|p| *p <= MAX_PERCENT)
        .ok_or_else(too_big)
}

/// A target written as a count ("4107", "4.107") or a share ("50%", "12,5%").
pub fn parse_count_or_percent(s: &str) -> Result<CountOrPercent, NumberError> {
    let text = tidy(s);
    if text.ends_with('%') {
        return parse_percent(&text).map(CountOrPercent::Percent);
    }
    parse_count(&text).map(CountOrPercent::Count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_table() {
        let cases: &[(u64, &str)] = &[
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1.000"),
            (8213, "8.213"),
            (10_000, "10.000"),
            (165_229, "165.229"),
            (301_722, "301.722"),
            (1_000_000, "1.000.000"),
            (718_386_000, "718.386.000"),
            (u64::MAX, "18.446.744.073.709.551.615"),
        ];
        for &(n, expected) in cases {
            assert_eq!(format_count(n), expected, "n = {n}");
        }
    }

    #[test]
    fn percent_table() {
        let cases: &[(u64, &str)] = &[
            (0, "0%"),
            (5, "0,5%"),
            (500, "50%"),
            (505, "50,5%"),
            (633, "63,3%"),
            (999, "99,9%"),
            (1000, "100%"),
            (1505, "150,5%"),
            (12_345, "1.234,5%"),
        ];
        for &(tenths, expected) in cases {
            assert_eq!(format_percent(tenths), expected, "tenths = {tenths}");
        }
    }

    #[test]
    fn percent_of_rounds_down() {
        let cases: &[(u64, u64, Option<u64>)] = &[
            (5200, 8213, Some(633)),
            (4107, 8213, Some(500)),
            (1, 3, Some(333)),
            (2, 3, Some(666)),
            (9996, 10_000, Some(999)),
            (10_000, 10_000, Some(1000)),
            (301_722, 301_722, Some(1000)),
            (15, 10, Some(1500)),
            (0, 10, Some(0)),
            (5, 0, None),
            (u64::MAX, 1, Some(u64::MAX)),
        ];
        for &(part, whole, expected) in cases {
            assert_eq!(percent_tenths(part, whole), expected, "{part}/{whole}");
        }
    }

    #[test]
    fn parse_count_table() {
        let good: &[(&str, u64)] = &[
            ("8213", 8213),
            ("  8213 ", 8213),
            ("8.213", 8213),
            ("8 213", 8213),
            ("8\u{00A0}213", 8213),
            ("8,213", 8213),
            ("1.250.000", 1_250_000),
            ("0012", 12),
            ("0", 0),
            ("\u{200B}120", 120),
            ("1.000.000.000", 1_000_000_000),
        ];
        for &(text, expected) in good {
            assert_eq!(parse_count(text), Ok(expected), "{text:?}");
        }
        let bad: &[(&str, &str)] = &[
            ("", "chưa ghi số"),
            ("12,5", "không phải số nguyên"),
            ("1.25", "không phải số nguyên"),
            ("1.2.3", "không phải số nguyên"),
            ("-3", "số âm"),
            ("50%", "phần trăm"),
            ("120 tài khoản", "không đọc được"),
            ("một trăm", "không đọc được"),
            ("1.250,000", "không phải số nguyên"),
            ("99999999999999999999999", "quá lớn"),
            ("18000000000000000000", "quá lớn"),
            ("1.000.000.001", "quá lớn"),
        ];
        for &(text, expected) in bad {
            let e = parse_count(text).err();
            assert!(
                e.as_ref()
                    .is_some_and(|e| e.message.contains(expected) && !e.hint.is_empty()),
                "{text:?}: {e:?}"
            );
        }
    }

    #[test]
    fn parse_count_or_percent_table() {
        use CountOrPercent::*;
        let good: &[(&str, CountOrPercent)] = &[
            ("50%", Percent(5000)),
            ("50 %", Percent(5000)),
            ("12,5%", Percent(1250)),
            ("12.5%", Percent(1250)),
            ("33,33%", Percent(3333)),
            ("100%", Percent(10_000)),
            ("4107", Count(4107)),
            ("4.107", Count(4107)),
        ];
        for &(text, expected) in good {
            assert_eq!(parse_count_or_percent(text), Ok(expected), "{text:?}");
        }
        for text in [
            "%",
            "12,345%",
            "a%",
            "1,2,3%",
            "-5%",
            "99999999999999999999%",
            "1000,01%",
        ] {
            let e = parse_count_or_percent(text).err();
            assert!(
                e.as_ref().is_some_and(|e| e.message.contains("phần trăm")),
                "{text:?}: {e:?}"
            );
        }
    }

    #[test]
    fn formatting_reads_back() {
        for n in [0, 5, 999, 1000, 8213, 1_250_000, 718_386_000] {
            assert_eq!(parse_count(&format_count(n)), Ok(n));
        }
    }

    /// Any text an officer might paste is read or refused, never a panic;
    /// whatever is read prints back to the same number.
    #[test]
    fn any_text_is_read_or_refused() {
        let alphabet = [
            "0", "1", "5", "9", ".", ",", " ", "%", "-", "\u{00A0}", "\u{200B}", "a", "ố",
            "\u{0301}",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if state.is_multiple_of(5) {
                    break;
                }
                if let Some(piece) = alphabet.get((state % alphabet.len() as u64) as usize) {
                    text.push_str(piece);
                }
            }
            if let Ok(n) = parse_count(&text) {
                assert_eq!(parse_count(&format_count(n)), Ok(n), "{text:?}");
            }
            if let Ok(CountOrPercent::Percent(p)) = parse_count_or_percent(&text) {
                assert!(text.contains('%'), "{text:?} -> {p}");
            }
        }
    }
}
