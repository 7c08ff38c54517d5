//! Integers in Vietnamese words: 21 "hai mươi mốt", 105 "một trăm linh năm".

/// The word for one digit when it stands on its own.
pub(super) fn digit_word(digit: u64) -> &'static str {
    match digit {
        0 => "không",
        1 => "một",
        2 => "hai",
        3 => "ba",
        4 => "bốn",
        5 => "năm",
        6 => "sáu",
        7 => "bảy",
        8 => "tám",
        _ => "chín",
    }
}

/// Vietnamese words for an integer, as spoken in the north:
/// mười for 10–19 but mươi for 20 and up; mốt, tư and lăm for 1, 4 and 5
/// after mươi (lăm also after mười); "linh" for an empty tens place after a
/// hundred; "không trăm" inside larger numbers; zero groups skipped
/// (1 000 005 "một triệu không trăm linh năm"); "âm" for negatives.
pub fn number_words(n: i64) -> String {
    let words = if n == 0 {
        digit_word(0).to_string()
    } else {
        let mut words = Vec::new();
        push_number(n.unsigned_abs(), &mut words);
        words.join(" ")
    };
    if n < 0 {
        format!("âm {words}")
    } else {
        words
    }
}

const BILLION: u64 = 1_000_000_000;

/// Above a billion, the count of billions is itself read as a number, so
/// 10^12 is "một nghìn tỷ" and 10^18 "một tỷ tỷ", as people say them.
fn push_number(n: u64, words: &mut Vec<&'static str>) {
    let billions = n / BILLION;
    if billions > 0 {
        push_number(billions, words);
        words.push("tỷ");
    }
    push_below_billion(n % BILLION, billions == 0, words);
}

/// Triệu, nghìn and units groups. `leading` is true when nothing has been
/// said yet, so the first group is read short (5 "năm", not "không trăm linh năm").
fn push_below_billion(n: u64, leading: bool, words: &mut Vec<&'static str>) {
    let groups = [
        (n / 1_000_000, Some("triệu")),
        (n / 1000 % 1000, Some("nghìn")),
        (n % 1000, None),
    ];
    let mut leading = leading;
    for (value, unit) in groups {
        if value == 0 {
            continue;
        }
        push_group(value, !leading, words);
        words.extend(unit);
        leading = false;
    }
}

/// One group of three digits (1–999). `say_hundreds` forces "không trăm" for
/// a group inside a larger number (1005 "một nghìn không trăm linh năm").
fn push_group(value: u64, say_hundreds: bool, words: &mut Vec<&'static str>) {
    let hundreds = value / 100 % 10;
    let tens = value / 10 % 10;
    let units = value % 10;
    let hundreds_said = say_hundreds || hundreds > 0;
    if hundreds_said {
        words.push(digit_word(hundreds));
        words.push("trăm");
    }
    match tens {
        0 => {
            if units > 0 {
                if hundreds_said {
                    words.push("linh");
                }
                words.push(digit_word(units));
            }
        }
        1 => {
            words.push("mười");
            words.extend(units_after_ten(units));
        }
        _ => {
            words.push(digit_word(tens));
            words.push("mươi");
            words.extend(units_after_tens(units));
        }
    }
}

/// Units after "mười" (10–19): 15 is "mười lăm", 14 stays "mười bốn".
fn units_after_ten(units: u64) -> Option<&'static str> {
    match units {
        0 => None,
        5 => Some("lăm"),
        other => Some(digit_word(other)),
    }
}

/// Units after "mươi" (20 and up): 21 "mốt", 24 "tư", 25 "lăm".
fn units_after_tens(units: u64) -> Option<&'static str> {
    match units {
        0 => None,
        1 => Some("mốt"),
        4 => Some("tư"),
        5 => Some("lăm"),
        other => Some(digit_word(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_table() {
        let cases: &[(i64, &str)] = &[
            (0, "không"),
            (1, "một"),
            (2, "hai"),
            (3, "ba"),
            (4, "bốn"),
            (5, "năm"),
            (6, "sáu"),
            (7, "bảy"),
            (8, "tám"),
            (9, "chín"),
            (10, "mười"),
            (11, "mười một"),
            (12, "mười hai"),
            (13, "mười ba"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (16, "mười sáu"),
            (17, "mười bảy"),
            (18, "mười tám"),
            (19, "mười chín"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (22, "hai mươi hai"),
            (23, "hai mươi ba"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (26, "hai mươi sáu"),
            (27, "hai mươi bảy"),
            (28, "hai mươi tám"),
            (29, "hai mươi chín"),
            (30, "ba mươi"),
            (31, "ba mươi mốt"),
            (34, "ba mươi tư"),
            (45, "bốn mươi lăm"),
            (55, "năm mươi lăm"),
            (99, "chín mươi chín"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (200, "hai trăm"),
            (999, "chín trăm chín mươi chín"),
            (1000, "một nghìn"),
            (1001, "một nghìn không trăm linh một"),
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (1015, "một nghìn không trăm mười lăm"),
            (1021, "một nghìn không trăm hai mươi mốt"),
            (1100, "một nghìn một trăm"),
            (1945, "một nghìn chín trăm bốn mươi lăm"),
            (2000, "hai nghìn"),
            (2023, "hai nghìn không trăm hai mươi ba"),
            (8213, "tám nghìn hai trăm mười ba"),
            (10_000, "mười nghìn"),
            (15_000, "mười lăm nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (100_000, "một trăm nghìn"),
            (105_000, "một trăm linh năm nghìn"),
            (301_722, "ba trăm linh một nghìn bảy trăm hai mươi hai"),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm linh năm"),
            (1_005_000, "một triệu không trăm linh năm nghìn"),
            (1_200_000, "một triệu hai trăm nghìn"),
            (25_500_000, "hai mươi lăm triệu năm trăm nghìn"),
            (2_000_000_000, "hai tỷ"),
            (1_000_000_005, "một tỷ không trăm linh năm"),
            (1_050_000_000, "một tỷ không trăm năm mươi triệu"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
            (-5, "âm năm"),
            (-21, "âm hai mươi mốt"),
            (
                i64::MAX,
                "chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ \
                 tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy",
            ),
            (
                i64::MIN,
                "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ \
                 tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám",
            ),
        ];
        for &(n, expected) in cases {
            assert_eq!(number_words(n), expected, "n = {n}");
        }
    }
}
