//! Free text (a place, a note, a contact's name) made fit to read aloud: every
//! number, date, time and phone number inside it written out in words, common
//! administrative abbreviations expanded, brackets turned into pauses.

use chrono::{NaiveDate, NaiveTime};

use super::datetime::{date_words, time_words};
use super::numbers::number_words;
use super::phone::phone_words;
use super::pronounce::Lexicon;

/// Words after which a number is a phone number, read digit by digit:
/// "gọi 113", "Cảnh sát 113", "cấp cứu 115", "điện thoại: 1022".
const PHONE_CUES: &[&str] = &[
    "gọi", "thoại", "sđt", "hotline", "nóng", "fax", "zalo", "sát", "cứu",
];

/// `text` with everything an announcer would have to work out said in words:
/// "Nhà văn hóa thôn 3, từ 7h30-11h ngày 5/12" →
/// "Nhà văn hóa thôn ba, từ bảy giờ ba mươi đến mười một giờ ngày mùng năm tháng mười hai".
///
/// Numbers with a leading zero ("Đề án 06") and numbers after a phone cue
/// ("gọi 113") are read digit by digit; "thứ 4" is "thứ tư", "thứ 1" "thứ nhất"
/// and "tháng 4" "tháng tư"; "24/24" (not a date) is "hai mươi tư trên hai mươi tư";
/// a dash between two numbers is "đến"; "1.000" is a thousand, "2,5" "hai phẩy năm".
pub fn spell_out(text: &str) -> String {
    spell_out_with(text, &Lexicon::built_in())
}

/// [`spell_out`], with abbreviations and names read as `lexicon` says (the
/// built-in table and a site's own `pronounce:` entries).
pub fn spell_out_with(text: &str, lexicon: &Lexicon) -> String {
    if let Some(said) = lexicon.said(text) {
        return said;
    }
    let said = spell_out_fresh(text, lexicon);
    lexicon.remember(text, &said);
    said
}

fn spell_out_fresh(text: &str, lexicon: &Lexicon) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev_word = String::new();
    // "gọi 0912 345 678 hoặc 113": the second number is a phone number too.
    let mut after_phone = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if is_word_char(c) {
            // Entries may hold digits ("C06"): looked up on the whole run.
            let (end, spoken) = match lexicon_word(&chars, i, lexicon) {
                Some((end, said)) => (end, said.to_string()),
                None => {
                    let end = run_end(&chars, i, is_word_char);
                    (end, collect(&chars, i, end))
                }
            };
            out.push_str(&spoken);
            prev_word = last_word(&spoken);
            after_phone = after_phone && matches!(prev_word.as_str(), "hoặc" | "và");
            i = end;
            continue;
        }
        let phone_cue = after_phone || PHONE_CUES.contains(&prev_word.as_str());
        if let Some((end, words, is_phone)) = numeric_at(&chars, i, &prev_word, phone_cue) {
            // "B2" → "B hai", "5ha" → "năm ha": never glue words together.
            if out.chars().last().is_some_and(is_word_char) {
                out.push(' ');
            }
            out.push_str(&words);
            if chars.get(end).copied().is_some_and(is_word_char) {
                out.push(' ');
            }
            prev_word = last_word(&words);
            after_phone = is_phone;
            i = match joiner_at(&chars, end) {
                Some((next, joiner)) => {
                    out.push_str(joiner);
                    next
                }
                None => end,
            };
            continue;
        }
        match c {
            '(' | ')' | '[' | ']' => out.push_str(", "),
            '&' => out.push_str(" và "),
            '%' => out.push_str(" phần trăm "),
            _ => out.push(c),
        }
        i += 1;
    }
    tidy(&out)
}

/// Where the letters-and-digits run at `i` ends, and its reading, when the
/// lexicon has one.
fn lexicon_word<'l>(chars: &[char], i: usize, lexicon: &'l Lexicon) -> Option<(usize, &'l str)> {
    if !lexicon.may_start_with(*chars.get(i)?) {
        return None;
    }
    let end = run_end(chars, i, |c| is_word_char(c) || c.is_ascii_digit());
    Some((end, lexicon.reading(&collect(chars, i, end))?))
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c)
}

fn run_end(chars: &[char], start: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut end = start;
    while chars.get(end).copied().is_some_and(&keep) {
        end += 1;
    }
    end
}

fn collect(chars: &[char], start: usize, end: usize) -> String {
    chars.get(start..end).unwrap_or_default().iter().collect()
}

fn last_word(words: &str) -> String {
    words
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase()
}

/// The digits starting at `start` (ASCII only) and where they end.
fn digits_at(chars: &[char], start: usize) -> Option<(usize, String)> {
    let end = run_end(chars, start, |c| c.is_ascii_digit());
    (end > start).then(|| (end, collect(chars, start, end)))
}

fn value(digits: &str) -> Option<u32> {
    digits.parse().ok()
}

/// A number, date, time or phone number starting at `i`: where it ends, its
/// words, and whether it was read as a phone number.
fn numeric_at(
    chars: &[char],
    i: usize,
    prev_word: &str,
    phone_cue: bool,
) -> Option<(usize, String, bool)> {
    let first = *chars.get(i)?;
    let plus = first == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
    if !plus && !first.is_ascii_digit() {
        return None;
    }
    if !plus {
        if let Some(found) = iso_date_at(chars, i).or_else(|| date_at(chars, i)) {
            let (end, words) = found;
            // "ngày 5/12" must not become "ngày ngày mùng năm…".
            let words = match (prev_word, words.strip_prefix("ngày ")) {
                ("ngày", Some(rest)) => rest.to_string(),
                _ => words,
            };
            return Some((end, words, false));
        }
        if let Some((end, words)) = time_at(chars, i) {
            return Some((end, words, false));
        }
    }
    let leading_zero = first == '0' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
    if plus || leading_zero || phone_cue {
        let (end, words) = phone_at(chars, i);
        return Some((end, words, true));
    }
    number_at(chars, i, prev_word).map(|(end, words)| (end, words, false))
}

/// 2022-11-29.
fn iso_date_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (e1, y) = digits_at(chars, i).filter(|(_, d)| d.len() == 4)?;
    (chars.get(e1) == Some(&'-')).then_some(())?;
    let (e2, m) = digits_at(chars, e1 + 1).filter(|(_, d)| d.len() == 2)?;
    (chars.get(e2) == Some(&'-')).then_some(())?;
    let (e3, d) = digits_at(chars, e2 + 1).filter(|(_, d)| d.len() == 2)?;
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, value(&m)?, value(&d)?)?;
    Some((e3, date_words(date, true)))
}

/// 29/11/2022, 29-11-2022, 29.11.2022, or 29/11 without the year.
fn date_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    let short = |(_, d): &(usize, String)| (1..=2).contains(&d.len());
    let (e1, d) = digits_at(chars, i).filter(short)?;
    let sep = *chars.get(e1)?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let (e2, m) = digits_at(chars, e1 + 1).filter(short)?;
    let year = (chars.get(e2) == Some(&sep))
        .then(|| digits_at(chars, e2 + 1))
        .flatten()
        .filter(|(_, y)| y.len() == 4);
    // Without a year only a slash makes a date: "3-5" is a range, "2.5" a number.
    if year.is_none() && sep != '/' {
        return None;
    }
    // A leap year, so "29/2" written without a year is still a date.
    let y = match &year {
        Some((_, y)) => y.parse().ok()?,
        None => 2024,
    };
    let date = NaiveDate::from_ymd_opt(y, value(&m)?, value(&d)?)?;
    let end = year.as_ref().map_or(e2, |(e3, _)| *e3);
    Some((end, date_words(date, year.is_some())))
}

/// 07:30, 7h30, 7h, 11g, 24h.
fn time_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (e1, h) = digits_at(chars, i).filter(|(_, d)| (1..=2).contains(&d.len()))?;
    let hour = value(&h).filter(|h| *h <= 24)?;
    let (end, minute) = match *chars.get(e1)? {
        ':' => {
            let (e2, m) = digits_at(chars, e1 + 1).filter(|(_, d)| d.len() == 2)?;
            (e2, value(&m)?)
        }
        'h' | 'g' | 'H' => match digits_at(chars, e1 + 1) {
            Some((e2, m)) if m.len() <= 2 => (e2, value(&m)?),
            Some(_) => return None,
            None => (e1 + 1, 0),
        },
        _ => return None,
    };
    // "5ha" is five hectares, not five o'clock.
    if chars.get(end).copied().is_some_and(is_word_char) {
        return None;
    }
    let words = match (hour, minute) {
        (24, 0) => format!("{} giờ", number_words(24)),
        _ => time_words(NaiveTime::from_hms_opt(hour, minute, 0)?),
    };
    Some((end, words))
}

/// A phone number and the groups written after it: "0912 345 678", "0297.3830050".
fn phone_at(chars: &[char], i: usize) -> (usize, String) {
    let start_digits = if chars.get(i) == Some(&'+') { i + 1 } else { i };
    let Some((mut end, first)) = digits_at(chars, start_digits) else {
        return (i + 1, phone_words("+"));
    };
    let mut total = first.len();
    while let (Some(' ' | '.' | '-'), Some((next_end, group))) =
        (chars.get(end), digits_at(chars, end + 1))
    {
        if group.len() < 2 || total + group.len() > 12 {
            break;
        }
        total += group.len();
        end = next_end;
    }
    (end, phone_words(&collect(chars, i, end)))
}

/// 5, 1.000.000, 2,5; "thứ 4" → "tư", "thứ 1" → "nhất", "tháng 4" → "tư".
fn number_at(chars: &[char], i: usize, prev_word: &str) -> Option<(usize, String)> {
    let (mut end, mut digits) = digits_at(chars, i)?;
    // A dot followed by exactly three digits groups thousands.
    while let (Some('.'), Some((next_end, group))) = (chars.get(end), digits_at(chars, end + 1)) {
        if group.len() != 3 {
            break;
        }
        digits.push_str(&group);
        end = next_end;
    }
    let whole = match (prev_word, digits.as_str()) {
        ("thứ", "1") => "nhất".to_string(),
        ("thứ" | "tháng", "4") => "tư".to_string(),
        _ => match digits.parse::<i64>() {
            Ok(n) => number_words(n),
            // Too long to be a quantity: read it the only sensible way.
            Err(_) => phone_words(&digits),
        },
    };
    if let (Some(','), Some((frac_end, fraction))) = (chars.get(end), digits_at(chars, end + 1)) {
        let fraction_words = if fraction.starts_with('0') {
            phone_words(&fraction)
        } else {
            match fraction.parse::<i64>() {
                Ok(n) => number_words(n),
                Err(_) => phone_words(&fraction),
            }
        };
        return Some((frac_end, format!("{whole} phẩy {fraction_words}")));
    }
    Some((end, whole))
}

/// What joins two numbers: a dash between them is "đến" (7h30-11h, 2021–2025),
/// a slash "trên" (24/24).
fn joiner_at(chars: &[char], end: usize) -> Option<(usize, &'static str)> {
    if chars.get(end) == Some(&'/') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
        return Some((end + 1, " trên "));
    }
    let dash = run_end(chars, end, |c| c == ' ');
    if !matches!(chars.get(dash), Some('-' | '–' | '—')) {
        return None;
    }
    let next = run_end(chars, dash + 1, |c| c == ' ');
    chars
        .get(next)
        .is_some_and(char::is_ascii_digit)
        .then_some((next, " đến "))
}

/// One space between words, none before punctuation, no doubled pauses left
/// by brackets ("xã (trụ sở)." → "xã, trụ sở.").
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if matches!(c, ',' | '.' | ';' | ':' | '!' | '?') {
            while out.ends_with(' ') {
                out.pop();
            }
            if out.is_empty() && c == ',' {
                continue;
            }
            if out.ends_with(',') {
                out.pop();
            } else if c == ',' && out.ends_with(['.', ';', ':', '!', '?']) {
                continue;
            }
        }
        out.push(c);
    }
    let trimmed = out.trim().trim_end_matches(',');
    trimmed.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spell_out_table() {
        let cases = [
            ("Nhà văn hóa thôn Đông Lão", "Nhà văn hóa thôn Đông Lão"),
            ("Tổ dân phố 3", "Tổ dân phố ba"),
            ("Đăng ký định danh mức 2", "Đăng ký định danh mức hai"),
            ("Giai đoạn 1", "Giai đoạn một"),
            ("UBND xã Cẩm Ngọc", "Ủy ban nhân dân xã Cẩm Ngọc"),
            (
                "Mang theo CCCD gắn chip",
                "Mang theo căn cước công dân gắn chip",
            ),
            ("Đề án 06", "Đề án không sáu"),
            ("24/24", "hai mươi tư trên hai mươi tư"),
            (
                "07:30-22:00 hằng ngày",
                "bảy giờ ba mươi đến hai mươi hai giờ hằng ngày",
            ),
            (
                "từ 7h30 - 11h",
                "từ bảy giờ ba mươi đến mười một giờ",
            ),
            ("lúc 14h", "lúc mười bốn giờ"),
            ("7h05", "bảy giờ năm phút"),
            ("cả ngày 24h", "cả ngày hai mươi tư giờ"),
            ("diện tích 5ha", "diện tích năm ha"),
            (
                "trước ngày 10/12/2022",
                "trước ngày mùng mười tháng mười hai năm hai nghìn không trăm hai mươi hai",
            ),
            (
                "hạn 20.12.2022",
                "hạn ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi hai",
            ),
            (
                "từ 29/11 đến 5/12",
                "từ ngày hai mươi chín tháng mười một đến ngày mùng năm tháng mười hai",
            ),
            (
                "2022-11-29",
                "ngày hai mươi chín tháng mười một năm hai nghìn không trăm hai mươi hai",
            ),
            ("ngày 29/2", "ngày hai mươi chín tháng hai"),
            ("31/2", "ba mươi mốt trên hai"),
            (
                "Gọi 0912 345 678 hoặc 113",
                "Gọi không chín một hai, ba bốn năm, sáu bảy tám hoặc một một ba",
            ),
            ("gọi 113", "gọi một một ba"),
            (
                "Cảnh sát 113 (chỉ gọi khi khẩn cấp)",
                "Cảnh sát một một ba, chỉ gọi khi khẩn cấp",
            ),
            ("cấp cứu 115", "cấp cứu một một năm"),
            ("có 115 hộ", "có một trăm mười lăm hộ"),
            (
                "SĐT: 0237.3830050.",
                "số điện thoại: không hai ba bảy, ba tám ba, không không năm không.",
            ),
            (
                "+84 912 345 678",
                "cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám",
            ),
            ("100% đoàn viên", "một trăm phần trăm đoàn viên"),
            ("1.000.000 đồng", "một triệu đồng"),
            ("2,5 km", "hai phẩy năm km"),
            ("0,05", "không phẩy không năm"),
            ("thứ 7 và chủ nhật", "thứ bảy và chủ nhật"),
            ("thứ 4", "thứ tư"),
            ("lần thứ 1", "lần thứ nhất"),
            ("tháng 4", "tháng tư"),
            ("B2", "B hai"),
            ("COVID-19", "COVID-mười chín"),
            ("giai đoạn 2021-2025", "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"),
            ("thôn 3 - thôn 5", "thôn ba - thôn năm"),
            ("Tổ 1 & Tổ 2", "Tổ một và Tổ hai"),
            ("(đến trực tiếp)", "đến trực tiếp"),
            ("123456789012345678901234", "một hai ba, bốn năm sáu, bảy tám chín, không một hai, ba bốn năm sáu bảy tám chín không một hai ba bốn"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(spell_out(input), expected, "input {input:?}");
        }
    }
}
