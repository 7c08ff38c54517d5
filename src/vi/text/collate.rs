//! Vietnamese alphabetical order, as dictionaries and lists of names use it:
//! a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, letter by letter
//! first, then the tones (none, huyền, hỏi, ngã, sắc, nặng) to break ties.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

use super::normalize::is_d_stroke;

const ALPHABET: [char; 29] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ',
    'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'x', 'y',
];

/// A key that sorts names in Vietnamese order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
    text: String,
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.letters, &self.tones, &self.text).cmp(&(&other.letters, &other.tones, &other.text))
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The tone of a combining mark, in dictionary order; None for other marks.
fn tone(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' => Some(1), // huyền
        '\u{0309}' => Some(2), // hỏi
        '\u{0303}' => Some(3), // ngã
        '\u{0301}' => Some(4), // sắc
        '\u{0323}' => Some(5), // nặng
        _ => None,
    }
}

pub fn sort_key(text: &str) -> SortKey {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    // Tone marks go; the marks that make a letter (ă, â, ê, ô, ơ, ư) stay.
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    let mut toneless = String::new();
    for c in lower.nfd() {
        match tone(c) {
            Some(t) => {
                if let Some(last) = tones.last_mut() {
                    *last = t;
                }
            }
            None => {
                if !unicode_normalization::char::is_combining_mark(c) {
                    tones.push(0);
                }
                toneless.push(c);
            }
        }
    }
    for c in toneless.nfc() {
        let c = if is_d_stroke(c) { 'đ' } else { c };
        letters.push(match ALPHABET.iter().position(|&a| a == c) {
            // Letters after spaces and digits, which sort first.
            Some(i) => 0x1_0000 + i as u32,
            None if c.is_whitespace() => 0,
            None => u32::from(c) + 0x2_0000 * u32::from(c.is_alphabetic()),
        });
    }
    SortKey {
        letters,
        tones,
        text: text.to_string(),
    }
}

/// The letter a name is listed under: "Đ" for "Đông Lão", "Ă" for "Ăn".
pub fn initial(text: &str) -> String {
    let first = text
        .trim_start()
        .chars()
        .flat_map(char::to_lowercase)
        .nfd()
        .filter(|c| tone(*c).is_none())
        .collect::<String>()
        .nfc()
        .next();
    match first {
        Some(c) if c.is_alphabetic() => {
            let c = if is_d_stroke(c) { 'đ' } else { c };
            c.to_uppercase().collect()
        }
        Some(_) => "#".to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_in_a_vietnamese_dictionary() {
        let mut names = vec![
            "Đông Lão",
            "Dương",
            "Ấp Mới",
            "An Bình",
            "Anh",
            "Ân",
            "Ăn",
            "Sống",
            "Song",
            "Sông",
            "Sóng",
            "Song Nga",
            "Ba",
            "Bà",
            "Bá",
            "Bả",
            "Bã",
            "Bạ",
            "Ưu",
            "Uyên",
            "Kìm",
            "Kim",
            "3 Tháng 2",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "3 Tháng 2",
                "An Bình",
                "Anh",
                "Ăn",
                "Ân",
                "Ấp Mới",
                "Ba",
                "Bà",
                "Bả",
                "Bã",
                "Bá",
                "Bạ",
                "Dương",
                "Đông Lão",
                "Kim",
                "Kìm",
                "Song",
                "Sóng",
                "Song Nga",
                "Sông",
                "Sống",
                "Uyên",
                "Ưu",
            ]
        );
    }

    #[test]
    fn initials_keep_the_vietnamese_letter() {
        let cases = [
            ("Đông Lão", "Đ"),
            ("đông", "Đ"),
            ("Ấp Mới", "Â"),
            ("Ăn", "Ă"),
            ("Ưu", "Ư"),
            ("ố", "Ô"),
            ("3 Tháng 2", "#"),
            ("", ""),
        ];
        for (name, letter) in cases {
            assert_eq!(initial(name), letter, "{name}");
        }
    }
}
