//! Phone numbers read digit by digit, in groups a listener can hold.

use super::numbers::digit_word;

/// "0297.3830050" → "không hai chín bảy, ba tám ba, không không năm không".
/// Spaces, dots, dashes and brackets split groups (read with a pause, ", ");
/// a run of more than four digits written without separators is split the way
/// Vietnamese numbers are said (see [`split_run`]); "+" is read "cộng" and a
/// leading country code 84 stands as its own group. Any other character is
/// kept as written.
pub fn phone_words(s: &str) -> String {
    let mut groups: Vec<String> = Vec::new();
    for written in s
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')'))
        .filter(|group| !group.is_empty())
    {
        let mut rest = written;
        let mut plus = false;
        if let Some(after_plus) = rest.strip_prefix('+') {
            // "+84912345678": the country code is said apart from the number.
            match after_plus.strip_prefix("84") {
                Some(number) => {
                    groups.push("cộng tám bốn".to_string());
                    rest = number;
                }
                None => {
                    plus = true;
                    rest = after_plus;
                }
            }
        }
        let mut words: Vec<String> = if rest.chars().all(|c| c.is_ascii_digit()) {
            split_run(rest).into_iter().map(group_words).collect()
        } else {
            vec![group_words(rest)]
        };
        words.retain(|w| !w.is_empty());
        if plus {
            match words.first_mut() {
                Some(first) => first.insert_str(0, "cộng "),
                None => words.push("cộng".to_string()),
            }
        }
        groups.extend(words);
    }
    groups.join(", ")
}

/// Where a run of digits written without separators is split, by its length:
/// mobiles 0912 345 678 (4-3-3), landlines 0237 383 0050 (4-3-4) but
/// 024 3825 1234 for Hà Nội and 028 for Hồ Chí Minh city (3-4-4), hotlines
/// 1900 1234 (4-4); short numbers such as 113 stay whole.
fn split_run(digits: &str) -> Vec<&str> {
    let big_city = digits.starts_with("024") || digits.starts_with("028");
    let sizes: &[usize] = match digits.len() {
        0..=4 => &[],
        5 => &[2],
        6 => &[3],
        7 => &[3],
        8 => &[4],
        9 => &[3, 3],
        10 => &[4, 3],
        11 if big_city => &[3, 4],
        11 => &[4, 3],
        12 => &[4, 4],
        _ => &[3, 3, 3, 3],
    };
    let mut parts = Vec::new();
    let mut rest = digits;
    for &size in sizes {
        // Digits are ASCII, so byte positions are character positions.
        match (rest.get(..size), rest.get(size..)) {
            (Some(head), Some(tail)) if !tail.is_empty() => {
                parts.push(head);
                rest = tail;
            }
            _ => break,
        }
    }
    parts.push(rest);
    parts
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
                "không hai chín bảy, ba tám ba, không không năm không",
            ),
            (
                "0297 3830 050",
                "không hai chín bảy, ba tám ba không, không năm không",
            ),
            ("113", "một một ba"),
            ("114", "một một bốn"),
            ("115", "một một năm"),
            ("1022", "một không hai hai"),
            (
                "0912-345-678",
                "không chín một hai, ba bốn năm, sáu bảy tám",
            ),
            ("0912345678", "không chín một hai, ba bốn năm, sáu bảy tám"),
            (
                "0987 654 321",
                "không chín tám bảy, sáu năm bốn, ba hai một",
            ),
            (
                "02373830050",
                "không hai ba bảy, ba tám ba, không không năm không",
            ),
            (
                "02438251234",
                "không hai bốn, ba tám hai năm, một hai ba bốn",
            ),
            (
                "02838291111",
                "không hai tám, ba tám hai chín, một một một một",
            ),
            ("19001234", "một chín không không, một hai ba bốn"),
            ("1800 1091", "một tám không không, một không chín một"),
            (
                "1900636447",
                "một chín không không, sáu ba sáu, bốn bốn bảy",
            ),
            (
                "(0297) 3830050",
                "không hai chín bảy, ba tám ba, không không năm không",
            ),
            (
                "+84 912 345 678",
                "cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám",
            ),
            (
                "+84912345678",
                "cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám",
            ),
            ("+1 202", "cộng một, hai không hai"),
            ("+", "cộng"),
            ("  0297 .  383 ", "không hai chín bảy, ba tám ba"),
            ("1800x", "một tám không không x"),
            ("12345", "một hai, ba bốn năm"),
            ("3830050", "ba tám ba, không không năm không"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(phone_words(input), expected, "input {input:?}");
        }
    }
}
