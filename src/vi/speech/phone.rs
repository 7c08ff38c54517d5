//! Phone numbers read digit by digit, in the groups they were written in.

use super::numbers::digit_word;

/// "0297.3830050" → "không hai chín bảy, ba tám ba không không năm không".
/// Spaces, dots, dashes and brackets split groups (read with a pause, ", ");
/// any other character (such as '+') is kept as written.
pub fn phone_words(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')'))
        .filter(|group| !group.is_empty())
        .map(group_words)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One group: each digit as a word; a run of other characters stays one word.
fn group_words(group: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut kept = String::new();
    for c in group.chars() {
        match c.to_digit(10) {
            Some(digit) => {
                if !kept.is_empty() {
                    words.push(std::mem::take(&mut kept));
                }
                words.push(digit_word(u64::from(digit)).to_string());
            }
            None => kept.push(c),
        }
    }
    if !kept.is_empty() {
        words.push(kept);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_table() {
        let cases = [
            (
                "0297.3830050",
                "không hai chín bảy, ba tám ba không không năm không",
            ),
            (
                "0297 3830 050",
                "không hai chín bảy, ba tám ba không, không năm không",
            ),
            ("113", "một một ba"),
            ("114", "một một bốn"),
            ("115", "một một năm"),
            (
                "0912-345-678",
                "không chín một hai, ba bốn năm, sáu bảy tám",
            ),
            (
                "(0297) 3830050",
                "không hai chín bảy, ba tám ba không không năm không",
            ),
            (
                "+84 912 345 678",
                "+ tám bốn, chín một hai, ba bốn năm, sáu bảy tám",
            ),
            ("  0297 .  383 ", "không hai chín bảy, ba tám ba"),
            ("1800x", "một tám không không x"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(phone_words(input), expected, "input {input:?}");
        }
    }
}
