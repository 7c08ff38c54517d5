//! Shared clean-up of date and time text before parsing.

use crate::vi::text::{is_invisible, nfc};

/// NFC, lowercase, invisible characters dropped, whitespace runs collapsed to
/// one space, trimmed, so the parsers only ever see one spelling of "Thứ Ba"
/// or "7 giờ".
pub(super) fn tidy(s: &str) -> String {
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    nfc(&visible.to_lowercase())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` without `word` at its start, if `word` is there as a whole word
/// (followed by a space, a comma, a digit or nothing).
pub(super) fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(word)?;
    let at_boundary = rest
        .chars()
        .next()
        .is_none_or(|c| c == ' ' || c == ',' || c.is_ascii_digit());
    at_boundary.then(|| rest.trim_start_matches([' ', ',']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_table() {
        let cases = [
            ("  Thứ   Ba,\t29/11/2022 ", "thứ ba, 29/11/2022"),
            ("Tho\u{031B}\u{0300}i", "thời"),
            ("\u{FEFF}29/11/2022\u{200B}", "29/11/2022"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(tidy(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn strip_word_table() {
        let cases = [
            ("ngày 29/11", "ngày", Some("29/11")),
            ("ngày29/11", "ngày", Some("29/11")),
            ("thứ ba, 29/11", "thứ ba", Some("29/11")),
            ("thứ bari", "thứ ba", None),
            ("từ", "từ", Some("")),
            ("abc", "từ", None),
        ];
        for (text, word, expected) in cases {
            assert_eq!(strip_word(text, word), expected, "{text:?} minus {word:?}");
        }
    }
}
