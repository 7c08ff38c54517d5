//! Every public function must survive any text an officer might paste.

use super::*;

/// Characters that stress the parsers: digits, separators, Vietnamese letters
/// in both compositions, stray combining marks, wide and invisible characters.
const ALPHABET: [&str; 38] = [
    "sáng",
    " và ",
    "chiều",
    "trừ ",
    "hằng ngày",
    "cn",
    "0",
    "1",
    "2",
    "4",
    "9",
    "/",
    "-",
    ".",
    ":",
    " ",
    "\t",
    "h",
    "g",
    "giờ",
    "đến",
    "–",
    "ngày",
    "tháng",
    "năm",
    "thứ ba",
    ",",
    "Đ",
    "ố",
    "o\u{0302}\u{0301}",
    "\u{0301}",
    "\u{0323}",
    "\u{031B}",
    "🎉",
    "\u{00A0}",
    "\u{200B}",
    "ß",
    "İ",
];

/// A small deterministic generator, so failures are reproducible without
/// an extra crate.
fn pseudo_random_texts(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let length = next() % 12;
            (0..length)
                .filter_map(|_| {
                    ALPHABET
                        .get((next() % ALPHABET.len() as u64) as usize)
                        .copied()
                })
                .collect()
        })
        .collect()
}

#[test]
fn no_public_function_panics() {
    for text in pseudo_random_texts(20_000) {
        let key = canonical_key(&text);
        assert_eq!(
            key,
            canonical_key(&nfc(&text)),
            "NFC changed the key of {text:?}"
        );
        let slug = slugify(&text);
        assert!(
            slug.is_empty() || is_valid_slug(&slug),
            "{slug:?} from {text:?}"
        );
        let _ = fold_diacritics(&text);
        let _ = edit_distance(&text, "Đông Lão");
        let _ = closest(&text, ["Đông Lão", "Song", ""]);
        if let Ok(date) = parse_date(&text) {
            assert_eq!(
                parse_date(&format_date(date)).ok(),
                Some(date),
                "round trip of {text:?}"
            );
        }
        if let Ok(range) = parse_time_range(&text) {
            assert!(range.end.is_none_or(|end| end > range.start), "{text:?}");
            let _ = format_time_range(&range);
            let _ = time_range_words(&range);
        }
        if let Ok(sittings) = calendar::parse_sittings(&text) {
            for s in &sittings {
                assert!(
                    s.range.end.is_none_or(|end| end > s.range.start),
                    "{text:?}"
                );
            }
        }
        if let Ok(spans) = calendar::parse_dates(&text) {
            for span in &spans {
                assert!(span.first <= span.last, "{text:?}");
                assert!(
                    (span.last - span.first).num_days() < calendar::MAX_SPAN_DAYS,
                    "{text:?}"
                );
            }
        }
        let _ = calendar::parse_days(&[&text]);
        let _ = phone_words(&text);
        // The read-aloud text never leaves a digit for the announcer to work out.
        let spoken = spell_out(&text);
        assert!(
            !spoken.chars().any(|c| c.is_ascii_digit()),
            "{spoken:?} from {text:?}"
        );
    }
}

#[test]
fn every_number_time_and_date_can_be_spoken() {
    let mut n: i64 = 1;
    while let Some(bigger) = n.checked_mul(7) {
        for value in [n, -n, n + 1, n - 1] {
            assert!(!number_words(value).contains("  "), "{value}");
        }
        n = bigger;
    }
    for minute_of_day in 0..24 * 60 {
        let time = chrono::NaiveTime::from_hms_opt(minute_of_day / 60, minute_of_day % 60, 0);
        assert!(time.is_some_and(|t| time_words(t).contains("giờ")));
    }
    let mut day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1);
    while let Some(date) = day.filter(|d| chrono::Datelike::year(d) == 2024) {
        assert!(date_words(date, true).starts_with("ngày "));
        assert_eq!(parse_date(&format_date_numeric(date)).ok(), Some(date));
        day = date.succ_opt();
    }
}
