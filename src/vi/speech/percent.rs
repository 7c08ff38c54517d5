//! Percentages read aloud: 63,3% "sáu mươi ba phẩy ba phần trăm".

use super::numbers::{digit_word, number_words};

/// A percentage given in tenths, as the announcer reads it: 630 "sáu mươi ba
/// phần trăm", 633 "sáu mươi ba phẩy ba phần trăm", 5 "không phẩy năm phần trăm".
pub fn percent_words(tenths: u64) -> String {
    let whole = number_words(i64::try_from(tenths / 10).unwrap_or(i64::MAX));
    match tenths % 10 {
        0 => format!("{whole} phần trăm"),
        digit => format!("{whole} phẩy {} phần trăm", digit_word(digit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_table() {
        let cases: &[(u64, &str)] = &[
            (0, "không phần trăm"),
            (5, "không phẩy năm phần trăm"),
            (500, "năm mươi phần trăm"),
            (505, "năm mươi phẩy năm phần trăm"),
            (630, "sáu mươi ba phần trăm"),
            (633, "sáu mươi ba phẩy ba phần trăm"),
            (1000, "một trăm phần trăm"),
            (1051, "một trăm linh năm phẩy một phần trăm"),
            (1504, "một trăm năm mươi phẩy bốn phần trăm"),
        ];
        for &(tenths, expected) in cases {
            assert_eq!(percent_words(tenths), expected, "tenths = {tenths}");
        }
    }
}
