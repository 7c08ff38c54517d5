//! A matching key that ignores how a name happened to be typed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::normalize::{is_d_stroke, is_invisible};

/// Key for matching names typed by different people.
///
/// NFC or NFD input, upper or lower case, extra spaces, and old ("Hòa") or new
/// ("Hoà") tone-mark placement all give the same key, while names that differ
/// in a real letter or tone stay apart ("Song", "Sông", "Sống"; "Hòa", "Hóa").
///
/// Each syllable (a run of letters) keeps its vowel marks (â, ă, ê, ô, ơ, ư)
/// and đ, loses its tone mark, and gets the tone appended as a digit:
/// 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, nothing for no tone. Plain lowercase
/// ASCII words are therefore their own key (`canonical_key("fixed") == "fixed"`).
/// The key is for comparison only; don't show it to people.
pub fn canonical_key(s: &str) -> String {
    let mut key = KeyBuilder::default();
    for c in s.chars().flat_map(char::to_lowercase).nfd() {
        key.push(c);
    }
    key.finish()
}

#[derive(Default)]
struct KeyBuilder {
    key: String,
    syllable: String,
    tones: String,
    pending_space: bool,
}

impl KeyBuilder {
    fn push(&mut self, c: char) {
        if is_invisible(c) {
            return;
        }
        match tone_digit(c) {
            // Wherever the tone sits (on o or a in "hòa"/"hoà"), it belongs to
            // the syllable as a whole.
            Some(digit) if !self.syllable.is_empty() => self.tones.push(digit),
            // A stray mark on a digit or symbol is kept as is, so it still
            // tells texts apart without posing as a tone.
            Some(_) => self.push_to_key(c),
            None => self.push_other(c),
        }
    }

    fn push_other(&mut self, c: char) {
        if c.is_alphabetic() || is_combining_mark(c) {
            self.syllable.push(if is_d_stroke(c) { 'đ' } else { c });
        } else {
            self.end_syllable();
            if c.is_whitespace() {
                self.pending_space = !self.key.is_empty();
            } else {
                self.push_to_key(c);
            }
        }
    }

    fn end_syllable(&mut self) {
        if self.syllable.is_empty() {
            return;
        }
        self.space_if_pending();
        // Recompose so that ô, ư … are single characters again, as in NFC text.
        let composed: String = self.syllable.nfc().collect();
        self.key.push_str(&composed);
        self.key.push_str(&self.tones);
        self.syllable.clear();
        self.tones.clear();
    }

    fn push_to_key(&mut self, c: char) {
        self.space_if_pending();
        self.key.push(c);
    }

    fn space_if_pending(&mut self) {
        if self.pending_space {
            self.key.push(' ');
            self.pending_space = false;
        }
    }

    fn finish(mut self) -> String {
        self.end_syllable();
        self.key
    }
}

/// The five Vietnamese tone marks as combining characters (after NFD).
fn tone_digit(c: char) -> Option<char> {
    match c {
        '\u{0301}' => Some('1'), // sắc
        '\u{0300}' => Some('2'), // huyền
        '\u{0309}' => Some('3'), // hỏi
        '\u{0303}' => Some('4'), // ngã
        '\u{0323}' => Some('5'), // nặng
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_typed_differently_gives_same_key() {
        let pairs = [
            ("Hòa", "Hoà"),
            ("Thúy", "Thuý"),
            ("Khỏe", "Khoẻ"),
            ("Thủy", "Thuỷ"),
            ("Hòa Bình", "hoà   bình"),
            ("  Đông Lão ", "đông lão"),
            ("ĐÔNG LÃO", "Đông Lão"),
            ("Ðông", "Đông"),
            // NFD input, tone on the first vowel and on the second.
            ("Ho\u{0300}a", "Hòa"),
            ("hoa\u{0300}", "Hòa"),
            ("So\u{0302}\u{0301}ng", "Sống"),
            ("So\u{0301}\u{0302}ng", "Sống"),
            ("U\u{031B}\u{0301}c", "Ức"),
            ("Phu\u{0301}c Nga\u{0302}n Va\u{0309}i", "Phúc Ngân Vải"),
            ("Tổ\u{00A0}dân phố 3", "tổ dân phố 3"),
            ("Thạnh Hòa", "Thạnh Hoà"),
            ("\u{FEFF}Đông\u{200B} Lão", "Đông Lão"),
            ("Sô\u{00AD}ng", "Sông"),
            ("Nguyễn Thị Thùy Dương", "nguyễn thị thuỳ dương"),
        ];
        for (a, b) in pairs {
            assert_eq!(canonical_key(a), canonical_key(b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        let pairs = [
            ("Song", "Sống"),
            ("Song", "Sông"),
            ("Sông", "Sống"),
            ("Hòa", "Hóa"),
            ("Hòa", "Hoa"),
            ("Hỏa", "Họa"),
            ("Hõa", "Hỏa"),
            ("Đông", "Dong"),
            ("Đông", "Dông"),
            ("Ưu", "Uu"),
            ("Kìm", "Kim"),
            ("Sành", "Sanh"),
            ("Hòa Bình", "HòaBình"),
            ("Tổ 3", "Tổ 4"),
            ("Lâm", "Lăm"),
            ("Ơn", "Ôn"),
            // A tone mark stranded on a digit is not a tone.
            ("3\u{0301}", "31"),
        ];
        for (a, b) in pairs {
            assert_ne!(canonical_key(a), canonical_key(b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn key_shape() {
        let cases = [
            ("fixed", "fixed"),
            ("Mobile", "mobile"),
            ("Hòa", "hoa2"),
            ("Sống", "sông1"),
            ("Vải", "vai3"),
            ("Lão", "lao4"),
            ("Thạnh", "thanh5"),
            ("  Khu   phố 5  ", "khu phô1 5"),
            ("cố định", "cô1 đinh5"),
            ("", ""),
            ("   ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(canonical_key(input), expected, "input {input:?}");
        }
    }
}
