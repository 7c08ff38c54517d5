//! Unicode normalisation and diacritic folding.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Unicode NFC: the same text typed with a composed or decomposed keyboard
/// (Unikey "Unicode tổ hợp", macOS file names) becomes byte-identical.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Letters without any diacritics, đ→d, lowercase, whitespace collapsed and
/// trimmed. Used for slugs and loose "did you mean" suggestions, so that text
/// typed without a Vietnamese keyboard still finds its match.
pub fn fold_diacritics(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if is_combining_mark(c) || is_invisible(c) {
            return;
        }
        if c.is_whitespace() {
            pending_space = !folded.is_empty();
            return;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        folded.push(base_letter(c));
    };
    // Each character decomposed on its own rather than through the NFD
    // iterator (a fifth of a guide's heading ids): the same letters, since
    // NFD's reordering only moves combining marks, which are dropped.
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            push(c);
        } else if let Some(base) = vietnamese_base_letter(c) {
            push(base);
        } else {
            decompose_canonical(c, &mut push);
        }
    }
    folded
}

/// The base letter of a lowercase Vietnamese letter: most of what is not
/// ASCII in a heading, without the decomposition tables' lookups (a tenth
/// of a heading id's making). Other letters go through the tables.
fn vietnamese_base_letter(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        _ => return None,
    })
}

/// đ has no Unicode decomposition, so it is mapped by hand. ð (Icelandic eth)
/// is included because old font converters often put it where đ belongs.
fn base_letter(c: char) -> char {
    match c {
        'đ' | 'ð' => 'd',
        other => other,
    }
}

/// Zero-width and soft-hyphen characters that ride along when text is copied
/// from Word or web pages. They are invisible to officers, so they must not
/// make two names or dates differ.
pub(in crate::vi) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// True for the Vietnamese d-with-stroke and its common look-alike.
pub(super) fn is_d_stroke(c: char) -> bool {
    matches!(c, 'đ' | 'ð')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `fold_diacritics` did through the NFD iterator, kept to check
    /// the per-character decomposition against.
    fn fold_through_nfd(s: &str) -> String {
        let mut folded = String::new();
        let mut pending_space = false;
        for c in s.chars().flat_map(char::to_lowercase).nfd() {
            if is_combining_mark(c) || is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                pending_space = !folded.is_empty();
                continue;
            }
            if pending_space {
                folded.push(' ');
                pending_space = false;
            }
            folded.push(base_letter(c));
        }
        folded
    }

    #[test]
    fn folding_char_by_char_is_folding_through_nfd() {
        // NFD reorders only characters of a non-zero combining class; all are
        // marks, which folding drops, so the order of what is kept is the same.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(
                unicode_normalization::char::canonical_combining_class(c) == 0
                    || is_combining_mark(c),
                "{c:?}"
            );
        }
        let mut samples: Vec<String> = (0x80..0x2100u32)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}\u{0323}b {c}\u{0301}"))
            .collect();
        samples.extend(
            [
                "Đông Lão",
                "Pho\u{0302}\u{0301} Hue\u{0302}\u{0301}",
                "  Xã  Ưu\u{00A0}Điềm ",
                "Ǆ ǅ ﬁ Å Ω K ẞ İ",
                "\u{200B}thôn\u{00AD} Kìm\u{FEFF}",
            ]
            .map(String::from),
        );
        for s in &samples {
            assert_eq!(fold_diacritics(s), fold_through_nfd(s), "{s:?}");
        }
    }

    #[test]
    fn vietnamese_letters_fold_as_the_tables_do() {
        let mut answered = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(base) = vietnamese_base_letter(c) {
                answered += 1;
                let mut slow = String::new();
                decompose_canonical(c, &mut |d| {
                    if !is_combining_mark(d) {
                        slow.push(base_letter(d));
                    }
                });
                assert_eq!(slow, base.to_string(), "{c:?}");
            }
        }
        // 12 vowels, each bare and in 5 tones, less the 6 bare ASCII ones; and đ.
        assert_eq!(answered, 67);
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let cases = [
            ("Ho\u{0300}a", "Hòa"),
            ("So\u{0302}\u{0301}ng", "Sống"),
            ("Sống", "Sống"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(nfc(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn fold_strips_every_mark() {
        let cases = [
            ("Đông Lão", "dong lao"),
            ("Phúc Ngân Vải", "phuc ngan vai"),
            ("Sống", "song"),
            ("ƯỚC", "uoc"),
            ("Ấp Thạnh Hòa", "ap thanh hoa"),
            ("So\u{0302}\u{0301}ng", "song"),
            ("  Khu   phố\t5 ", "khu pho 5"),
            ("Ðông", "dong"),
            ("\u{FEFF}Đông\u{200B} Lão\u{00AD}", "dong lao"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_diacritics(input), expected, "input {input:?}");
        }
    }
}
