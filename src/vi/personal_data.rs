//! Citizens' personal data pasted into content by mistake: officers are sent
//! lists of people still to activate (ID numbers, phones, dates of birth) and
//! a list copied into a guide or a note would be published. Publishing them
//! breaks Nghị định 13/2023/NĐ-CP on personal data protection.
//!
//! What counts (the documented contract, docs/dinh-dang.md):
//! - a 12-digit number starting with 0: a citizen ID (căn cước) number;
//! - three or more different mobile numbers in one file: a list of private
//!   phones (one or two numbers are a hotline; contacts' phones are known and
//!   never counted);
//! - two or more lines giving a date of birth ("ngày sinh", "năm sinh", "sinh
//!   ngày"… with a date or year), or a table with a date-of-birth column.

use std::collections::HashSet;

/// Distinct mobile numbers in one file from which they are a list.
pub const PHONE_LIST_MIN: usize = 3;
/// Lines with a date of birth in one file from which they are a list.
pub const BIRTH_LIST_MIN: usize = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    IdNumber,
    PhoneList,
    BirthDates,
}

/// One kind of personal data found in a file: where each occurrence is
/// (1-based line and column), in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub places: Vec<(u32, u32)>,
}

/// Reads a file line by line; the caller leaves out lines that are contacts
/// (`phone:` in YAML).
#[derive(Default)]
pub struct Scanner {
    ids: Vec<(u32, u32)>,
    phones: Vec<(String, (u32, u32))>,
    births: Vec<(u32, u32)>,
    /// Column (by `|` count) of a markdown table's date-of-birth header.
    birth_column: Option<usize>,
}

impl Scanner {
    pub fn line(&mut self, number: u32, text: &str) {
        // Most lines of a schedule have a date or a time (8 digits at most)
        // and no word about birth: counted, not read.
        let digit_count = text.bytes().filter(u8::is_ascii_digit).count();
        if digit_count >= 10 && may_hold_a_number(text) {
            for (col, digits) in digit_runs(text) {
                if digits.len() == 12 && digits.starts_with('0') {
                    self.ids.push((number, col));
                } else if let Some(mobile) = mobile(&digits) {
                    self.phones.push((mobile, (number, col)));
                }
            }
        }
        if self.table_row(number, text, digit_count >= 4) || digit_count < 4 {
            return;
        }
        let maybe_birth = ["sinh", "Sinh", "SINH", "NS:", "ns:"]
            .iter()
            .any(|w| text.contains(w));
        if !maybe_birth || !has_date_or_year(text) {
            return;
        }
        if let Some(col) = birth_word(text) {
            self.births.push((number, col));
        }
    }

    /// Inside a table with a date-of-birth column, each row with a date there
    /// is a birth date. Returns whether the line was such a row.
    fn table_row(&mut self, number: u32, text: &str, has_digits: bool) -> bool {
        let trimmed = text.trim_start();
        if !trimmed.starts_with('|') {
            self.birth_column = None;
            return false;
        }
        if self.birth_column.is_none() && !text.contains("inh") && !text.contains("INH") {
            return false;
        }
        let cells: Vec<&str> = trimmed.split('|').collect();
        if let Some(column) = self.birth_column {
            if has_digits {
                if let Some(cell) = cells.get(column).filter(|c| has_date_or_year(c)) {
                    let byte = text.find(cell.trim()).unwrap_or(0);
                    let col = text.get(..byte).map_or(0, |b| b.chars().count()) as u32 + 1;
                    self.births.push((number, col));
                    return true;
                }
            }
            return false;
        }
        self.birth_column = cells.iter().position(|c| birth_word(c).is_some());
        false
    }

    /// What was found, leaving out the phones of `known` contacts (digits only).
    pub fn findings(self, known: &HashSet<String>) -> Vec<Finding> {
        let mut out = Vec::new();
        if !self.ids.is_empty() {
            out.push(Finding {
                kind: Kind::IdNumber,
                places: self.ids,
            });
        }
        let phones: Vec<(String, (u32, u32))> = self
            .phones
            .into_iter()
            .filter(|(n, _)| !known.contains(n))
            .collect();
        let distinct: HashSet<&str> = phones.iter().map(|(n, _)| n.as_str()).collect();
        if distinct.len() >= PHONE_LIST_MIN {
            out.push(Finding {
                kind: Kind::PhoneList,
                places: phones.into_iter().map(|(_, p)| p).collect(),
            });
        }
        if self.births.len() >= BIRTH_LIST_MIN {
            out.push(Finding {
                kind: Kind::BirthDates,
                places: self.births,
            });
        }
        out
    }
}

/// Every finding in `text`, line by line.
pub fn scan(text: &str, known: &HashSet<String>) -> Vec<Finding> {
    let mut scanner = Scanner::default();
    for (i, line) in text.lines().enumerate() {
        scanner.line(i as u32 + 1, line);
    }
    scanner.findings(known)
}

/// A phone number as its digits, with "+84"/"84" turned into "0": how
/// contacts' numbers are compared with what is found.
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("84") {
        Some(rest) if digits.len() == 11 && phone.trim_start().starts_with(['+', '8']) => {
            format!("0{rest}")
        }
        _ => digits,
    }
}

/// A Vietnamese mobile number (10 digits, 03/05/07/08/09…, or 84 and 9
/// digits) as `phone_key` writes it.
fn mobile(digits: &str) -> Option<String> {
    let local = match digits.len() {
        10 if digits.starts_with('0') => digits.to_string(),
        11 if digits.starts_with("84") => format!("0{}", digits.get(2..)?),
        _ => return None,
    };
    let second = local.as_bytes().get(1).copied()?;
    matches!(second, b'3' | b'5' | b'7' | b'8' | b'9').then_some(local)
}

/// Whether `text` has ten digits in a row, single spaces, dots or hyphens
/// allowed between them: the least a phone or ID number read by `digit_runs`
/// has. A byte loop, cheaper than reading the runs of a table row of dates
/// ("| Kìm | 10/12/2022 | 07:30–11:00 |" has ten digits, none in a number).
fn may_hold_a_number(text: &str) -> bool {
    let mut run = 0;
    let mut after_separator = false;
    for &b in text.as_bytes() {
        if b.is_ascii_digit() {
            run += 1;
            after_separator = false;
            if run >= 10 {
                return true;
            }
        } else if matches!(b, b' ' | b'.' | b'-') && run > 0 && !after_separator {
            after_separator = true;
        } else {
            run = 0;
            after_separator = false;
        }
    }
    false
}

/// Runs of digits, joined across single spaces, dots and hyphens between
/// groups ("0912 345 678", "038.195.001.234"), with the 1-based column (in
/// characters) where each starts. A run touching a letter is a code, not a
/// number ("VN0912345678").
fn digit_runs(text: &str) -> Vec<(u32, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(&c) = chars.get(i) else { break };
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        let mut end = i;
        while let Some(&c) = chars.get(end) {
            if c.is_ascii_digit() {
                digits.push(c);
                end += 1;
            } else if matches!(c, ' ' | '.' | '-')
                && chars.get(end + 1).is_some_and(char::is_ascii_digit)
                && digits.len() < 13
            {
                // A separator between digit groups, but not between two
                // numbers of a sentence ("lúc 7 30 người"): groups of 2–4.
                let group = chars.get(end + 1..).map_or(0, |rest| {
                    rest.iter().take_while(|c| c.is_ascii_digit()).count()
                });
                if !(2..=4).contains(&group) {
                    break;
                }
                end += 1;
            } else {
                break;
            }
        }
        let touches_letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic());
        let before = start.checked_sub(1).and_then(|b| chars.get(b));
        // "+84 912…": the plus belongs to the number.
        if !touches_letter(before) && !touches_letter(chars.get(end)) {
            out.push((start as u32 + 1, digits));
        }
        i = end.max(start + 1);
    }
    out
}

/// Where a date-of-birth word starts (1-based column), if the text has one.
fn birth_word(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let lower = crate::vi::text::nfc(&lower);
    const WORDS: [&str; 6] = [
        "ngày sinh",
        "năm sinh",
        "sinh ngày",
        "sinh năm",
        "ngày tháng năm sinh",
        "ns:",
    ];
    WORDS
        .iter()
        .filter_map(|w| lower.find(w))
        .min()
        .map(|byte| lower.get(..byte).map_or(0, |b| b.chars().count()) as u32 + 1)
}

/// A full date (29/11/1985) or a year from 1900 to 2029 on its own.
fn has_date_or_year(text: &str) -> bool {
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty());
    numbers.any(|n| {
        n.len() == 4
            && n.parse::<u32>()
                .is_ok_and(|year| (1900..2030).contains(&year))
    })
}

// Panicking is how a test fails.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Digit groups, the separators numbers are written with, and other marks.
    fn line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => "[0-9]{1,5}",
            2 => "[ .\\-]",
            1 => "[+/a:|đ]",
        ];
        prop::collection::vec(piece, 0..14).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

        /// The cheap look never skips a line where a number could be found.
        #[test]
        fn the_first_look_lets_every_long_digit_run_through(text in line()) {
            if digit_runs(&text).iter().any(|(_, digits)| digits.len() >= 10) {
                prop_assert!(may_hold_a_number(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn the_generated_lines_do_hold_long_digit_runs() {
        // The property above is vacuous if no generated line has one: count.
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = line();
        let long = (0..1000)
            .filter(|_| {
                let text = strategy.new_tree(&mut runner).unwrap().current();
                digit_runs(&text).iter().any(|(_, d)| d.len() >= 10)
            })
            .count();
        assert!(long > 20, "only {long} of 1000");
    }

    #[test]
    fn the_first_look_passes_numbers_and_stops_dates() {
        for text in [
            "gọi 0912 345 678",
            "038.195.001.234",
            "+84-912-345-678",
            "0912345678",
        ] {
            assert!(may_hold_a_number(text), "{text}");
        }
        for text in [
            "| Kìm | 10/12/2022 | 07:30–11:00 |",
            "7 giờ 30, 12 người",
            "2022 2023",
        ] {
            assert!(!may_hold_a_number(text), "{text}");
        }
    }

    fn kinds(text: &str) -> Vec<(Kind, Vec<(u32, u32)>)> {
        scan(text, &HashSet::new())
            .into_iter()
            .map(|f| (f.kind, f.places))
            .collect()
    }

    #[test]
    fn an_id_number_is_found_wherever_it_is() {
        assert_eq!(
            kinds("Anh Nguyễn Văn A, CCCD 038195001234, chưa kích hoạt"),
            [(Kind::IdNumber, vec![(1, 24)])]
        );
        assert_eq!(
            kinds("dòng một\nsố: 038 195 001 234"),
            [(Kind::IdNumber, vec![(2, 5)])]
        );
        // Not an ID: 11 or 13 digits, or digits inside a code.
        for text in [
            "03819500123",
            "0381950012345",
            "mã VN038195001234",
            "Đề án 06, 8.213 tài khoản",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn three_different_mobiles_are_a_list_but_hotlines_are_not() {
        assert_eq!(kinds("Gọi 0912 345 678 hoặc 0237.3830.050"), []);
        let list =
            "1. Lê Văn B – 0912345678\n2. Trần Thị C – 0987 654 321\n3. Phạm D – +84 903 111 222\n";
        assert_eq!(
            kinds(list),
            [(Kind::PhoneList, vec![(1, 15), (2, 17), (3, 14)])]
        );
        // The same number three times is one hotline.
        assert_eq!(kinds("0912345678\n0912345678\n0912.345.678"), []);
        // Contacts' numbers are known, not personal data.
        let known: HashSet<String> = ["0912345678".to_string()].into();
        assert_eq!(scan(list, &known), []);
        assert_eq!(phone_key("+84 912 345 678"), "0912345678");
        assert_eq!(phone_key("0912.345.678"), "0912345678");
    }

    #[test]
    fn dates_of_birth_in_lines_or_a_table_column() {
        assert_eq!(
            kinds("Nhập ngày sinh (ví dụ 01/01/1990) vào ô thứ hai."),
            []
        );
        assert_eq!(
            kinds("Nguyễn Văn A, sinh ngày 12/03/1985\nTrần Thị B, năm sinh 1990"),
            [(Kind::BirthDates, vec![(1, 15), (2, 13)])]
        );
        let table = "| STT | Họ tên | Ngày sinh |\n| --- | --- | --- |\n| 1 | Lê A | 12/03/1985 |\n| 2 | Lê B | 1990 |\n\nHết.";
        let lines: Vec<(Kind, Vec<u32>)> = kinds(table)
            .into_iter()
            .map(|(kind, places)| (kind, places.iter().map(|p| p.0).collect()))
            .collect();
        assert_eq!(lines, [(Kind::BirthDates, vec![3, 4])]);
    }
}
