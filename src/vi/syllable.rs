//! Whether a word is a well-formed Vietnamese syllable (onset, vowel group,
//! final consonant, at most one tone, the spelling rules of c/k, g/gh, ng/ngh).
//!
//! Vietnamese writes one syllable per word, so this tells real Vietnamese text
//! from the same text typed in a legacy encoding and read as Windows-1252
//! ("Th«ng", "Thoâng"), which almost never spells a syllable (see `legacy`).
//! It accepts some rare or loan syllables and is not a dictionary.

use unicode_normalization::UnicodeNormalization;

/// Onsets, longest first so that "ngh" is tried before "ng" and "n".
const ONSETS: [&str; 28] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Final consonants, longest first.
const FINALS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Vowel groups that may end a syllable or take a final consonant.
const OPEN_OR_CLOSED: [&str; 18] = [
    "a", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư", "oa", "oe", "uê", "uy", "uơ", "ia", "ua",
    "ưa",
];

/// Vowel groups that need a final consonant ("ăn", "tiên", "xoong").
const CLOSED_ONLY: [&str; 10] = ["ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo"];

/// Vowel groups ending in a glide (i/y/o/u): no final consonant may follow.
const GLIDED: [&str; 27] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
    "iêu", "yêu", "uôi", "ươi", "ươu", "oai", "oay", "oao", "oeo", "uây", "uya", "uyu",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Level,
    /// sắc or nặng: the only tones a syllable ending in c, ch, p, t can carry.
    Checked,
    Other,
}

/// True when `word` (any case, NFC or NFD) spells one Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let Some((letters, tone)) = split_tone(word) else {
        return false;
    };
    if letters.is_empty() || !letters.chars().all(is_vietnamese_letter) {
        return false;
    }
    ONSETS.iter().any(|onset| {
        letters
            .strip_prefix(onset)
            .is_some_and(|rhyme| onset_fits(onset, rhyme) && rhyme_is_valid(rhyme, tone))
    })
}

/// The word in lowercase with its tone mark removed, and the tone; None when it
/// carries two tones or a mark Vietnamese does not use.
fn split_tone(word: &str) -> Option<(String, Tone)> {
    let mut tone = Tone::Level;
    let mut rest = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase).nfd() {
        let this = match c {
            '\u{0301}' | '\u{0323}' => Tone::Checked,
            '\u{0300}' | '\u{0309}' | '\u{0303}' => Tone::Other,
            // circumflex, breve, horn: part of the letter, kept.
            '\u{0302}' | '\u{0306}' | '\u{031B}' => {
                rest.push(c);
                continue;
            }
            c if unicode_normalization::char::is_combining_mark(c) => return None,
            c => {
                rest.push(c);
                continue;
            }
        };
        if tone != Tone::Level {
            return None;
        }
        tone = this;
    }
    Some((rest.nfc().collect(), tone))
}

fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă'
            | 'â'
            | 'b'
            | 'c'
            | 'd'
            | 'đ'
            | 'e'
            | 'ê'
            | 'g'
            | 'h'
            | 'i'
            | 'k'
            | 'l'
            | 'm'
            | 'n'
            | 'o'
            | 'ô'
            | 'ơ'
            | 'p'
            | 'q'
            | 'r'
            | 's'
            | 't'
            | 'u'
            | 'ư'
            | 'v'
            | 'x'
            | 'y'
    )
}

/// The spelling rules tying an onset to the vowel after it.
fn onset_fits(onset: &str, rhyme: &str) -> bool {
    let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
    match onset {
        // k, gh, ngh before front vowels only; c, g, ng never before them.
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !rhyme.starts_with(['e', 'ê', 'y']),
        // "qu" already holds the u: "qua", "quê", "quý".
        "qu" => !rhyme.is_empty() && !rhyme.starts_with(['u', 'o']),
        // "gì", "gìn": the i of gi may be the whole vowel.
        "gi" => true,
        _ => true,
    }
}

fn rhyme_is_valid(rhyme: &str, tone: Tone) -> bool {
    if rhyme.is_empty() {
        return false;
    }
    FINALS.iter().any(|&fin| {
        let Some(vowels) = rhyme.strip_suffix(fin) else {
            return false;
        };
        if vowels.is_empty() {
            return false;
        }
        let checked_final = matches!(fin, "c" | "ch" | "p" | "t");
        if checked_final && !matches!(tone, Tone::Checked) {
            return false;
        }
        // ch and nh follow front vowels (and the a of "anh", "ách").
        if matches!(fin, "ch" | "nh") && !vowels.ends_with(['a', 'ê', 'i', 'y']) {
            return false;
        }
        if fin.is_empty() {
            OPEN_OR_CLOSED.contains(&vowels) || GLIDED.contains(&vowels)
        } else {
            OPEN_OR_CLOSED.contains(&vowels) || CLOSED_ONLY.contains(&vowels)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_are_accepted() {
        let text = "Thôn Đông Lão xã Cẩm Ngọc huyện Cẩm Thủy tỉnh Thanh Hóa Hoà Thuý Khoẻ \
            nghiệp hướng dẫn định danh điện tử tài khoản người dân công an căn cước \
            quý khách giấy tờ gì khuya khuyên chuyện xoong ngoằn nghèo quyết tuyệt \
            Nguyễn Thị Thùy Dương ương ươu yêu yến ánh ếch ích uỳnh huơ thuở oai \
            đăng ký mức hai điểm thu nhận lưu động cố định buổi sáng chiều tối";
        for word in text.split_whitespace() {
            assert!(is_syllable(word), "{word}");
        }
    }

    #[test]
    fn nonsense_is_refused() {
        let words = [
            "Th«ng",
            "Thoâng",
            "Laõo",
            "ñoâng",
            "café",
            "Müller",
            "straße",
            "où",
            "hello",
            "world",
            "string",
            "ká",
            "ce",
            "gha",
            "ngi",
            "qu",
            "ăn\u{0301}\u{0300}",
            "ât",
            "ă",
            "tiê",
            "anh1",
            "",
            "bàt",
            "ôch",
            "hoăc",
        ];
        for word in words {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn case_and_composition_do_not_matter() {
        assert!(is_syllable("ĐÔNG"));
        assert!(is_syllable("Ho\u{0300}a"));
        assert!(is_syllable("So\u{0302}\u{0301}ng"));
    }
}
