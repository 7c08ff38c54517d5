//! Shared clean-up of date and time text before parsing.

use crate::vi::text::{is_invisible, nfc};

/// NFC, lowercase, invisible characters dropped, whitespace runs collapsed to
/// one space, trimmed, so the parsers only ever see one spelling of "Thứ Ba"
/// or "7 giờ".
pub(super) fn tidy(s: &str) -> String {
    // Nearly every date and time is written "29/11/2022", "19:00-21:30":
    // already tidy, and the general path costs four allocations and an NFC pass
    // for each of a province's 90,000 sessions.
    if is_tidy_ascii(s) {
        return s.to_string();
    }
    tidy_general(s)
}

/// ASCII with no capital, no invisible character (all are non-ASCII), and
/// single spaces only between words: `tidy` would return it unchanged.
fn is_tidy_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|&c| {
            c.is_ascii()
                && !c.is_ascii_uppercase()
                && !(c.is_ascii_whitespace() && c != b' ')
                && c != 0x0B
        })
        && !b.windows(2).any(|w| w == b"  ")
}

fn tidy_general(s: &str) -> String {
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
    fn the_ascii_shortcut_gives_what_the_general_path_gives() {
        use proptest::prelude::*;
        let ascii = proptest::collection::vec(
            prop::sample::select(
                &[
                    ' ', '\t', '\n', '\r', '\x0B', '\x0C', 'a', 'B', '1', '/', ':', '-', 'h', 'H',
                ][..],
            ),
            0..12,
        )
        .prop_map(|cs| cs.into_iter().collect::<String>());
        proptest::proptest!(|(s in ascii)| {
            prop_assert_eq!(tidy(&s), tidy_general(&s));
        });
        for s in [
            "29/11/2022",
            "19:00-21:30",
            "7h30 - 11h",
            "thứ ba",
            " 7h",
            "7h ",
            "7h  30",
            "7\th",
        ] {
            assert_eq!(tidy(s), tidy_general(s), "{s:?}");
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
