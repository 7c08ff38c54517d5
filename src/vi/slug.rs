//! URL-safe names for pages ("Đông Lão" → "dong-lao").

use super::text::fold_diacritics;

/// Lowercase ASCII, diacritics stripped, đ→d, any run of characters outside
/// [a-z0-9] turned into one '-', with no '-' at either end.
///
/// Returns an empty string when the input has no letters or digits that fit
/// in ASCII; callers decide what to do then (e.g. ask for an explicit slug).
/// Note that names differing only in accents share a slug ("Song", "Sống").
pub fn slugify(s: &str) -> String {
    let mut slug = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in fold_diacritics(s).chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// True when `s` can be used as an explicit slug as written: non-empty, only
/// [a-z0-9-], no '-' at either end and no "--".
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_table() {
        let cases = [
            ("Đông Lão", "dong-lao"),
            ("Song Nga", "song-nga"),
            ("Sống", "song"),
            ("Phúc Ngân Vải", "phuc-ngan-vai"),
            ("Kìm", "kim"),
            ("Song", "song"),
            ("Sành", "sanh"),
            ("Khu phố 5", "khu-pho-5"),
            ("Ấp Thạnh Hòa", "ap-thanh-hoa"),
            ("Tổ dân phố 3", "to-dan-pho-3"),
            ("  --x--  ", "x"),
            ("", ""),
            ("---", ""),
            ("Ðông Lão", "dong-lao"),
            ("Pho\u{0302}\u{0301} Hue\u{0302}\u{0301}", "pho-hue"),
            ("Xã Ưu Điềm (cũ)", "xa-uu-diem-cu"),
            ("Thôn 1/2", "thon-1-2"),
            ("北京", ""),
        ];
        for (input, expected) in cases {
            let slug = slugify(input);
            assert_eq!(slug, expected, "input {input:?}");
            assert!(
                slug.is_empty() || is_valid_slug(&slug),
                "{slug:?} from {input:?}"
            );
        }
    }

    #[test]
    fn valid_slug_table() {
        let cases = [
            ("dong-lao", true),
            ("to-dan-pho-3", true),
            ("x", true),
            ("2023", true),
            ("", false),
            ("-dong", false),
            ("dong-", false),
            ("dong--lao", false),
            ("Dong-lao", false),
            ("dong lao", false),
            ("đông-lão", false),
            ("dong_lao", false),
            ("dong/lao", false),
        ];
        for (input, expected) in cases {
            assert_eq!(is_valid_slug(input), expected, "input {input:?}");
        }
    }
}
