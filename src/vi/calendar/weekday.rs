//! Names of the days of the week.

use chrono::Weekday;

/// The weekday as printed on notices: "Thứ Hai" … "Thứ Bảy", "Chủ nhật".
pub fn weekday_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// "thứ Hai", "chủ nhật": a weekday inside a sentence.
pub fn weekday_in_sentence(wd: Weekday) -> String {
    let name = weekday_name(wd);
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Ways officers write a weekday, lowercase NFC. Longer spellings come first
/// so "chủ nhật" is not mistaken for a shorter name.
const WRITTEN_WEEKDAYS: [(&str, Weekday); 15] = [
    ("thứ hai", Weekday::Mon),
    ("thứ 2", Weekday::Mon),
    ("thứ ba", Weekday::Tue),
    ("thứ 3", Weekday::Tue),
    ("thứ tư", Weekday::Wed),
    ("thứ 4", Weekday::Wed),
    ("thứ năm", Weekday::Thu),
    ("thứ 5", Weekday::Thu),
    ("thứ sáu", Weekday::Fri),
    ("thứ 6", Weekday::Fri),
    ("thứ bảy", Weekday::Sat),
    // A common spelling variant of "bảy".
    ("thứ bẩy", Weekday::Sat),
    ("thứ 7", Weekday::Sat),
    ("chủ nhật", Weekday::Sun),
    ("chủ nhựt", Weekday::Sun),
];

/// A weekday written at the start of tidied date text ("thứ ba, 29/11/2022"),
/// and the text after it. The weekday lets us catch a date typed wrong.
pub(super) fn split_weekday_prefix(text: &str) -> (Option<Weekday>, &str) {
    for (written, weekday) in WRITTEN_WEEKDAYS {
        if let Some(rest) = text.strip_prefix(written) {
            // "thứ 2" must not swallow the start of "thứ 23…".
            if rest.chars().next().is_none_or(|c| c == ' ' || c == ',') {
                return (Some(weekday), rest.trim_start_matches([' ', ',']));
            }
        }
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_table() {
        let cases = [
            (Weekday::Mon, "Thứ Hai"),
            (Weekday::Tue, "Thứ Ba"),
            (Weekday::Wed, "Thứ Tư"),
            (Weekday::Thu, "Thứ Năm"),
            (Weekday::Fri, "Thứ Sáu"),
            (Weekday::Sat, "Thứ Bảy"),
            (Weekday::Sun, "Chủ nhật"),
        ];
        for (weekday, expected) in cases {
            assert_eq!(weekday_name(weekday), expected);
            let in_sentence = weekday_in_sentence(weekday);
            assert!(in_sentence.starts_with(['t', 'c']), "{in_sentence}");
            assert_eq!(in_sentence.to_lowercase(), expected.to_lowercase());
            let written = expected.to_lowercase();
            assert_eq!(split_weekday_prefix(&written), (Some(weekday), ""));
        }
    }

    #[test]
    fn prefix_table() {
        let cases = [
            ("thứ ba, 29/11/2022", Some(Weekday::Tue), "29/11/2022"),
            ("thứ 3 29/11/2022", Some(Weekday::Tue), "29/11/2022"),
            ("chủ nhật,27/11/2022", Some(Weekday::Sun), "27/11/2022"),
            ("thứ bẩy, 26/11/2022", Some(Weekday::Sat), "26/11/2022"),
            ("thứ 23", None, "thứ 23"),
            ("29/11/2022", None, "29/11/2022"),
        ];
        for (text, weekday, rest) in cases {
            assert_eq!(split_weekday_prefix(text), (weekday, rest), "text {text:?}");
        }
    }
}
