//! "Did you mean …?" suggestions for names and keys typed with a mistake.

use super::canonical::canonical_key;
use super::normalize::fold_diacritics;

/// Levenshtein distance counted in characters (not bytes), so "ố" is one
/// letter like "o".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // One row of the classic table; `diagonal` and `left` carry the two
    // neighbours that a single row would otherwise overwrite.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        let mut next_row = Vec::with_capacity(row.len());
        next_row.push(left);
        for (b_char, &above) in b.iter().zip(row.iter().skip(1)) {
            let substitution = diagonal + usize::from(a_char != *b_char);
            let best = substitution.min(above + 1).min(left + 1);
            next_row.push(best);
            diagonal = above;
            left = best;
        }
        row = next_row;
    }
    row.last().copied().unwrap_or(0)
}

/// The candidate nearest to `needle`, for a "did you mean" hint.
///
/// A candidate with the same [`canonical_key`] always wins. Otherwise the
/// candidates are ranked by distance between their diacritic-free forms, then
/// by distance between keys, so "Dong Lao" typed without a Vietnamese keyboard
/// still finds "Đông Lão", and among look-alikes the one with the closest
/// accents wins. Ties go to the earlier candidate. None when the best one is
/// more than max(2, length/3) edits away from the needle (length of the needle
/// without diacritics), or when the needle is blank.
pub fn closest<'a>(needle: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let needle_key = canonical_key(needle);
    let needle_folded = fold_diacritics(needle);
    if needle_folded.is_empty() {
        return None;
    }
    let limit = (needle_folded.chars().count() / 3).max(2);
    let mut best: Option<((usize, usize), &'a str)> = None;
    for candidate in candidates {
        let key_distance = edit_distance(&needle_key, &canonical_key(candidate));
        if key_distance == 0 {
            return Some(candidate);
        }
        let folded_distance = edit_distance(&needle_folded, &fold_diacritics(candidate));
        if folded_distance > limit {
            continue;
        }
        let score = (folded_distance, key_distance);
        if best.is_none_or(|(best_score, _)| score < best_score) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        let cases = [
            ("", "", 0),
            ("abc", "", 3),
            ("", "abc", 3),
            ("kitten", "sitting", 3),
            ("title", "titel", 2),
            ("Sống", "Song", 1),
            ("Đông", "Dong", 2),
            ("hoa2", "hoa1", 1),
            ("flaw", "lawn", 2),
            ("same", "same", 0),
        ];
        for (a, b, expected) in cases {
            assert_eq!(edit_distance(a, b), expected, "{a:?} vs {b:?}");
            assert_eq!(edit_distance(b, a), expected, "{b:?} vs {a:?}");
        }
    }

    #[test]
    fn closest_suggests_reasonable_matches() {
        let villages = [
            "Đông Lão",
            "Song Nga",
            "Sống",
            "Phúc Ngân Vải",
            "Kìm",
            "Song",
            "Sành",
        ];
        let keys = ["title", "date", "time", "place", "services", "note"];
        let kinds = ["fixed", "mobile", "cố định", "lưu động"];
        let cases: [(&str, &[&str], Option<&str>); 16] = [
            ("Dong Lao", &villages, Some("Đông Lão")),
            ("đông lão", &villages, Some("Đông Lão")),
            ("Phuc Ngan Vai", &villages, Some("Phúc Ngân Vải")),
            ("Song Ngà", &villages, Some("Song Nga")),
            ("sống", &villages, Some("Sống")),
            // Equally close to "Sống" and "Song": the earlier one wins.
            ("Sông", &villages, Some("Sống")),
            ("Kim", &villages, Some("Kìm")),
            ("Sanh", &villages, Some("Sành")),
            ("Hà Nội", &villages, None),
            ("", &villages, None),
            ("titel", &keys, Some("title")),
            ("servces", &keys, Some("services")),
            ("plaec", &keys, Some("place")),
            ("colour", &keys, None),
            ("luu dong", &kinds, Some("lưu động")),
            ("co dinh", &kinds, Some("cố định")),
        ];
        for (needle, candidates, expected) in cases {
            assert_eq!(
                closest(needle, candidates.iter().copied()),
                expected,
                "needle {needle:?}"
            );
        }
    }

    #[test]
    fn exact_key_beats_earlier_lookalike() {
        let candidates = ["Hóa", "Hoa", "Hoà"];
        assert_eq!(closest("Hòa", candidates), Some("Hoà"));
    }

    #[test]
    fn closest_of_nothing_is_none() {
        assert_eq!(closest("Song", []), None);
    }
}
