//! Text typed in the pre-Unicode Vietnamese encodings TCVN3 (ABC, the .VnTime
//! fonts) and VNI Windows (the VNI-Times fonts), read as Windows-1252/Latin-1.
//! Officers still receive such text in old Word files and copy it into their
//! content, where it reads "Thôn §«ng L·o" (TCVN3) or "Thoân Ñoâng Laõo" (VNI).
//! Also Windows-1258, the code page Excel's "CSV" and Notepad's "ANSI" write
//! on a Vietnamese Windows (tone marks as separate bytes).
//!
//! Detection is statistical: a word counts as legacy text when it is not a
//! Vietnamese syllable as written but becomes one once decoded (see
//! [`super::syllable`]). Real Vietnamese and English text almost never does
//! that, while legacy text does it on nearly every word with a diacritic.
//!
//! bangtin refuses such files rather than converting them: a TCVN3 capital
//! is typed as the lowercase code in an uppercase-only font (.VnTimeH), so
//! case can't be recovered, and a file mixing Unicode and legacy paragraphs
//! can't be converted as a whole. The officer converts once, with Unikey,
//! and keeps a Unicode file from then on. The decoders here only show what
//! the text probably says, in the error message.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::syllable::is_syllable;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Tcvn3,
    Vni,
    Windows1258,
}

const COUNT: usize = 3;

impl Encoding {
    const ALL: [Encoding; COUNT] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Windows1258];

    /// The name Unikey's converter uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI Windows",
            Encoding::Windows1258 => "Windows-1258",
        }
    }

    /// How officers come to have it, in Vietnamese.
    pub fn origin(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "bảng mã cũ TCVN3 (ABC) của phông .VnTime, .VnArial",
            Encoding::Vni => "bảng mã cũ VNI Windows của phông VNI-Times, VNI-Helve",
            Encoding::Windows1258 => {
                "bảng mã Windows-1258 (Excel lưu \"CSV\" hoặc Notepad lưu \"ANSI\" trên Windows tiếng Việt)"
            }
        }
    }

    /// How to turn the file into Unicode, in Vietnamese.
    pub fn fix(self) -> String {
        match self {
            Encoding::Windows1258 => "Lưu lại tệp bằng UTF-8: trong Excel chọn Lưu thành (Save As) → CSV UTF-8; \
                 trong Notepad chọn Lưu thành → Mã hóa (Encoding): UTF-8."
                .to_string(),
            _ => format!(
                "Chuyển tệp sang Unicode bằng Unikey: mở tệp, chọn hết (Ctrl+A) và sao chép (Ctrl+C); \
                 bấm chuột phải vào biểu tượng Unikey, chọn Công cụ… (Ctrl+Shift+F6); chọn Nguồn: {}, \
                 Đích: Unicode, đánh dấu \"Chuyển mã clipboard\" rồi bấm Chuyển mã; dán (Ctrl+V) đè lên \
                 nội dung cũ và lưu tệp bằng bảng mã UTF-8.",
                self.name()
            ),
        }
    }

    /// Unicode for `word` read as this encoding; other characters are kept.
    pub fn decode(self, word: &str) -> String {
        match self {
            Encoding::Tcvn3 => word.chars().map(tcvn3_char).collect(),
            Encoding::Vni => decode_vni(word),
            Encoding::Windows1258 => word
                .chars()
                .map(cp1258_char)
                .collect::<String>()
                .nfc()
                .collect(),
        }
    }
}

/// Where Windows-1258 differs from Latin-1 in the letters' range: Vietnamese
/// letters, and the five tone marks as combining characters.
fn cp1258_char(c: char) -> char {
    match c {
        'Ã' => 'Ă',
        'Ì' => '\u{0300}',
        'Ð' => 'Đ',
        'Ò' => '\u{0309}',
        'Õ' => 'Ơ',
        'Ý' => 'Ư',
        'Þ' => '\u{0303}',
        'ã' => 'ă',
        'ì' => '\u{0301}',
        'ð' => 'đ',
        'ò' => '\u{0323}',
        'õ' => 'ơ',
        'ý' => 'ư',
        other => other,
    }
}

/// Legacy text found in a file: where it starts and what it probably says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub encoding: Encoding,
    /// 1-based line and column (in characters) of the first legacy word.
    pub line: u32,
    pub col: u32,
    /// A few words of that line as written, and decoded.
    pub excerpt: String,
    pub decoded: String,
}

/// TCVN 5712:1993 bytes 0xA1..=0xFF (glibc's TCVN5712-1 table). The bytes
/// 0xB0..=0xB4 are combining tone marks there but are not typed with the ABC
/// fonts, so they keep their Latin-1 meaning (° ± ² ³ ´).
const TCVN3_HIGH: [char; 95] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', '\u{00B0}', //
    '\u{00B1}', '\u{00B2}', '\u{00B3}', '\u{00B4}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ',
    'ắ', 'Ẵ', 'Ắ', //
    'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', 'é', //
    'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', 'Ổ', //
    'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', 'Ỗ', //
    'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

fn tcvn3_char(c: char) -> char {
    let code = c as u32;
    if (0xA1..=0xFF).contains(&code) {
        TCVN3_HIGH.get((code - 0xA1) as usize).copied().unwrap_or(c)
    } else {
        c
    }
}

/// VNI Windows writes a vowel followed by one byte for its marks. The marks
/// for a capital are the capital Latin-1 letter (AÙ = Á).
fn vni_marks(base: char, mark: char) -> Option<&'static str> {
    let lower = mark.to_lowercase().next().unwrap_or(mark);
    let tone = match lower {
        'ø' => Some("\u{0300}"),
        'ù' => Some("\u{0301}"),
        'û' => Some("\u{0309}"),
        'õ' => Some("\u{0303}"),
        'ï' => Some("\u{0323}"),
        _ => None,
    };
    let base = base.to_lowercase().next().unwrap_or(base);
    if tone.is_some() {
        return tone.filter(|_| matches!(base, 'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư'));
    }
    let circumflex = match lower {
        'â' => Some("\u{0302}"),
        'à' => Some("\u{0302}\u{0300}"),
        'á' => Some("\u{0302}\u{0301}"),
        'å' => Some("\u{0302}\u{0309}"),
        'ã' => Some("\u{0302}\u{0303}"),
        'ä' => Some("\u{0302}\u{0323}"),
        _ => None,
    };
    if circumflex.is_some() {
        return circumflex.filter(|_| matches!(base, 'a' | 'e' | 'o'));
    }
    let breve = match lower {
        'ê' => Some("\u{0306}"),
        'è' => Some("\u{0306}\u{0300}"),
        'é' => Some("\u{0306}\u{0301}"),
        'ú' => Some("\u{0306}\u{0309}"),
        'ü' => Some("\u{0306}\u{0303}"),
        'ë' => Some("\u{0306}\u{0323}"),
        _ => None,
    };
    breve.filter(|_| base == 'a')
}

/// VNI bytes that are letters on their own: đ, ơ, ư and the i/y with tones.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        // ì í Ì Í are the same in VNI and Latin-1.
        _ => return None,
    })
}

fn decode_vni(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let base = match c {
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' => Some(c),
            'ô' | 'Ô' | 'ö' | 'Ö' => vni_single(c),
            _ => None,
        };
        if let Some(base) = base {
            if let Some(marks) = chars.peek().and_then(|&m| vni_marks(base, m)) {
                out.push(base);
                out.push_str(marks);
                chars.next();
                continue;
            }
        }
        out.push(vni_single(c).unwrap_or(c));
    }
    out.nfc().collect()
}

/// Letters, and the TCVN3 codes that Latin-1 shows as symbols (§ « · ¸ …).
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || ('\u{00A1}'..='\u{00BF}').contains(&c)
}

/// Worth a look: has a Latin-1 character above ASCII, and nothing beyond
/// Latin-1 (a word with ư or ạ is already Unicode).
fn is_candidate(word: &str) -> bool {
    !word.is_ascii() && word.chars().all(|c| (c as u32) <= 0xFF)
}

#[derive(Clone, Copy, Default)]
struct Verdict {
    /// Not a syllable as written.
    foreign: bool,
    /// Becomes a syllable when decoded as each of `Encoding::ALL`.
    reads_as: [bool; COUNT],
}

fn verdict(word: &str) -> Verdict {
    if is_syllable(word) {
        return Verdict::default();
    }
    let mut reads_as = [false; COUNT];
    for (slot, encoding) in reads_as.iter_mut().zip(Encoding::ALL) {
        let decoded = encoding.decode(word);
        *slot = decoded != word && is_syllable(&decoded);
    }
    Verdict {
        foreign: true,
        reads_as,
    }
}

/// Words with their 1-based line and column.
/// Text in backticks (`…` or a ``` block) is left out: that is how a page
/// explaining legacy encodings quotes an example of one.
fn words(text: &str) -> impl Iterator<Item = (u32, u32, &str)> {
    let mut in_block = false;
    text.split('\n')
        .enumerate()
        .flat_map(move |(line, content)| {
            let mut col: u32 = 0;
            let mut start: Option<(usize, u32)> = None;
            let mut found = Vec::new();
            let fence = content.trim_start().starts_with("```");
            if fence || in_block {
                in_block ^= fence;
                return found;
            }
            let mut in_code = false;
            for (i, c) in content.char_indices() {
                col += 1;
                in_code ^= c == '`';
                match (is_word_char(c) && !in_code, start) {
                    (true, None) => start = Some((i, col)),
                    (false, Some((s, sc))) => {
                        found.push((line as u32 + 1, sc, content.get(s..i).unwrap_or("")));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some((s, sc)) = start {
                found.push((line as u32 + 1, sc, content.get(s..).unwrap_or("")));
            }
            found
        })
}

/// The legacy encoding `text` was typed in, if it clearly was: at least two
/// different words read as Vietnamese only once decoded, and they make up at
/// least half of the words that are not Vietnamese as written.
pub fn detect(text: &str) -> Option<Finding> {
    if !has_legacy_marker(text) {
        return None;
    }
    find(text, 2)
}

/// Letters of Latin-1 (U+0080–U+00FF) that Vietnamese typed in Unicode uses;
/// the code uses them as `VIETNAMESE_LATIN1_MASK`.
#[cfg(test)]
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

/// Whether `text` holds a Latin-1 character Vietnamese never uses. Text typed
/// in Unicode has none (it uses ASCII, the letters above and characters past
/// U+00FF), while every legacy encoding read as Latin-1 leaves some: TCVN3's
/// § « µ ¸ ¶ ¹, VNI's ø û ï (huyền, hỏi, nặng), ñ (đ) and ö (ư). Checking
/// this first spares the word-by-word search on every ordinary file.
fn has_legacy_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Latin-1 characters are the two-byte sequences led by 0xC2 (U+0080–U+00BF,
    // none Vietnamese) or 0xC3 (U+00C0–U+00FF, some Vietnamese). Found with
    // memchr: this runs over every content file.
    memchr::memchr2_iter(0xC2, 0xC3, bytes).any(|at| match bytes.get(at..at + 2) {
        Some([0xC3, next]) => VIETNAMESE_LATIN1_MASK & (1 << (next & 0x3F)) == 0,
        _ => true,
    })
}

/// `VIETNAMESE_LATIN1` as a bit set over U+00C0–U+00FF (bit = code − 0xC0),
/// so the check above is one test per byte, not a search per letter.
const VIETNAMESE_LATIN1_MASK: u64 = 0x263c_370f_263c_370f;

/// Which legacy encoding a file that is not UTF-8 (`text` holds its bytes as
/// Latin-1 characters) was most likely saved in. The file is refused either
/// way, so one word is evidence enough to name the encoding: Windows-1258
/// shares most letters with Latin-1 and a short file may show only one.
pub fn identify(text: &str) -> Option<Finding> {
    find(text, 1)
}

fn find(text: &str, min_words: usize) -> Option<Finding> {
    if text.chars().all(|c| c.is_ascii() || (c as u32) > 0xFF) {
        return None;
    }
    let mut seen: HashMap<&str, Verdict> = HashMap::new();
    let mut foreign = 0usize;
    let mut votes = [0usize; COUNT];
    let mut distinct: [HashSet<&str>; COUNT] = Default::default();
    let mut first: [Option<(u32, u32)>; COUNT] = [None; COUNT];
    for (line, col, word) in words(text) {
        if !is_candidate(word) {
            continue;
        }
        let v = *seen.entry(word).or_insert_with(|| verdict(word));
        if !v.foreign {
            continue;
        }
        foreign += 1;
        for (i, reads) in v.reads_as.iter().enumerate() {
            if !reads {
                continue;
            }
            if let (Some(count), Some(words), Some(at)) =
                (votes.get_mut(i), distinct.get_mut(i), first.get_mut(i))
            {
                *count += 1;
                words.insert(word);
                at.get_or_insert((line, col));
            }
        }
    }
    let best = Encoding::ALL
        .into_iter()
        .zip(votes)
        .zip(distinct.iter().map(HashSet::len))
        .zip(first)
        .filter(|&(((_, count), kinds), _)| kinds >= min_words && count * 2 >= foreign)
        .max_by_key(|&(((_, count), _), _)| count)?;
    let (((encoding, _), _), at) = best;
    let (line, col) = at?;
    let (excerpt, decoded) = excerpt(text, encoding, line, col);
    Some(Finding {
        encoding,
        line,
        col,
        excerpt,
        decoded,
    })
}

/// Up to six words of `line` from `col`, as written and decoded word by word.
/// Once the encoding is known, a word is decoded whenever that gives a
/// syllable, even if it also was one as written: TCVN3's "cò" is "cũ".
fn excerpt(text: &str, encoding: Encoding, line: u32, col: u32) -> (String, String) {
    let content = text.split('\n').nth(line as usize - 1).unwrap_or("");
    let from: String = content.chars().skip(col as usize - 1).collect();
    let mut written = String::new();
    let mut decoded = String::new();
    let mut copied = 0;
    for (_, _, word) in words(&from).take(6) {
        // The word's place in `from`, to keep what lies between words.
        let start = word.as_ptr() as usize - from.as_ptr() as usize;
        let between = from.get(copied..start).unwrap_or("");
        written.push_str(between);
        decoded.push_str(between);
        written.push_str(word);
        let decoding = encoding.decode(word);
        if is_candidate(word) && is_syllable(&decoding) {
            decoded.push_str(&decoding);
        } else {
            decoded.push_str(word);
        }
        copied = start + word.len();
    }
    (written, decoded)
}

// Panicking is how a test fails.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    #[test]
    fn latin1_mask_matches_the_letters() {
        let mask = VIETNAMESE_LATIN1
            .chars()
            .fold(0u64, |m, c| m | 1 << (c as u32 - 0xC0));
        assert_eq!(mask, VIETNAMESE_LATIN1_MASK);
    }

    use super::*;

    /// Unicode to TCVN3 as the ABC fonts type it: capitals without their
    /// own code use the lowercase one (the .VnTimeH font shows it upright).
    fn encode_tcvn3(text: &str) -> String {
        text.nfc()
            .map(|c| {
                let code = |c: char| {
                    (TCVN3_HIGH
                        .iter()
                        .position(|&t| t == c && !('\u{B0}'..='\u{B4}').contains(&t)))
                    .map(|i| char::from_u32(0xA1 + i as u32).unwrap())
                };
                code(c)
                    .or_else(|| code(c.to_lowercase().next().unwrap()))
                    .unwrap_or(c)
            })
            .collect()
    }

    /// Unicode to VNI Windows: the base letter, then one byte for its marks.
    fn encode_vni(text: &str) -> String {
        let mut out = String::new();
        for c in text.nfc() {
            let upper = c.is_uppercase();
            let d: Vec<char> = c.to_lowercase().collect::<String>().nfd().collect();
            // NFD puts the dot below before the circumflex or breve (ệ = e + ̣ + ̂);
            // VNI writes the vowel mark first.
            let mut marks: Vec<char> = d[1..].to_vec();
            marks.sort_by_key(|&m| !matches!(m, '\u{031B}' | '\u{0302}' | '\u{0306}'));
            let (mut base, marks): (char, String) = (d[0], marks.into_iter().collect());
            let single = |c: char| -> char {
                if upper {
                    c.to_uppercase().next().unwrap()
                } else {
                    c
                }
            };
            let mut rest = marks.as_str();
            if base == 'đ' {
                out.push(single('ñ'));
                continue;
            }
            if let Some(r) = rest.strip_prefix('\u{031B}') {
                base = if base == 'o' { 'ô' } else { 'ö' };
                rest = r;
            }
            if base == 'i' && !rest.is_empty() {
                let s = match rest {
                    "\u{0300}" => 'ì',
                    "\u{0301}" => 'í',
                    "\u{0309}" => 'æ',
                    "\u{0303}" => 'ó',
                    _ => 'ò',
                };
                out.push(single(s));
                continue;
            }
            if base == 'y' && rest == "\u{0323}" {
                out.push(single('î'));
                continue;
            }
            out.push(single(base));
            let mark = match rest {
                "" => None,
                "\u{0300}" => Some('ø'),
                "\u{0301}" => Some('ù'),
                "\u{0309}" => Some('û'),
                "\u{0303}" => Some('õ'),
                "\u{0323}" => Some('ï'),
                "\u{0302}" => Some('â'),
                "\u{0302}\u{0300}" => Some('à'),
                "\u{0302}\u{0301}" => Some('á'),
                "\u{0302}\u{0309}" => Some('å'),
                "\u{0302}\u{0303}" => Some('ã'),
                "\u{0302}\u{0323}" => Some('ä'),
                "\u{0306}" => Some('ê'),
                "\u{0306}\u{0300}" => Some('è'),
                "\u{0306}\u{0301}" => Some('é'),
                "\u{0306}\u{0309}" => Some('ú'),
                "\u{0306}\u{0303}" => Some('ü'),
                "\u{0306}\u{0323}" => Some('ë'),
                _ => panic!("no VNI for {c}"),
            };
            out.extend(mark.map(single));
        }
        out
    }

    /// Unicode to Windows-1258 bytes (as Latin-1 characters, the way `decode`
    /// sees a file that is not UTF-8), composing like Windows does: a
    /// precomposed character when the code page has it, else letter + tone.
    fn encode_1258(text: &str) -> String {
        // The Latin-1 character whose byte means `c` in Windows-1258.
        let direct = |c: char| -> Option<char> {
            if c.is_ascii() {
                return Some(c);
            }
            ('\u{A0}'..='\u{FF}').find(|&l| cp1258_char(l) == c)
        };
        let mut out = String::new();
        for c in text.nfc() {
            if let Some(b) = direct(c) {
                out.push(b);
                continue;
            }
            let d: Vec<char> = c.to_string().nfd().collect();
            let (tones, rest): (Vec<char>, Vec<char>) = d.into_iter().partition(|m| {
                matches!(
                    m,
                    '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
                )
            });
            let base: String = rest.into_iter().collect::<String>().nfc().collect();
            // What the code page lacks (… “ ” 🎉), Windows writes as '?'.
            out.push(direct(base.chars().next().unwrap()).unwrap_or('?'));
            for t in tones {
                out.push(direct(t).unwrap());
            }
        }
        out
    }

    /// Every text file of the bundled example site and the test fixtures.
    fn real_texts() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in [
            "content",
            "tests/fixtures",
            "src/init_site",
            "docs",
            "README.md",
        ] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let path = entry.unwrap().into_path();
                if matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("md" | "yaml")
                ) {
                    texts.push((
                        path.display().to_string(),
                        std::fs::read_to_string(&path).unwrap(),
                    ));
                }
            }
        }
        assert!(texts.len() > 10);
        texts
    }

    #[test]
    fn encoders_round_trip_every_letter() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        for c in letters.chars() {
            let s = c.to_string();
            assert_eq!(Encoding::Tcvn3.decode(&encode_tcvn3(&s)), s);
            assert_eq!(Encoding::Vni.decode(&encode_vni(&s)), s);
            let upper = s.to_uppercase();
            assert_eq!(Encoding::Vni.decode(&encode_vni(&upper)), upper);
            assert_eq!(Encoding::Windows1258.decode(&encode_1258(&s)), s);
            assert_eq!(Encoding::Windows1258.decode(&encode_1258(&upper)), upper);
        }
    }

    #[test]
    fn real_content_is_unicode_and_its_legacy_forms_are_found() {
        for (name, text) in real_texts() {
            assert_eq!(detect(&text), None, "{name}");
            let vietnamese_words = text
                .split_whitespace()
                .filter(|w| w.chars().any(|c| !c.is_ascii() && c.is_alphabetic()))
                .count();
            let tcvn3 = detect(&encode_tcvn3(&text));
            let vni = detect(&encode_vni(&text));
            // Windows-1258 only ever arrives as bytes, which are not UTF-8.
            let cp1258 = identify(&encode_1258(&text));
            if vietnamese_words >= 5 {
                assert_eq!(tcvn3.map(|f| f.encoding), Some(Encoding::Tcvn3), "{name}");
                assert_eq!(vni.map(|f| f.encoding), Some(Encoding::Vni), "{name}");
                assert_eq!(
                    cp1258.map(|f| f.encoding),
                    Some(Encoding::Windows1258),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn a_legacy_paragraph_in_a_unicode_file_is_found() {
        let (_, guide) = real_texts()
            .into_iter()
            .find(|(name, _)| name.ends_with("kich-hoat-tai-khoan.md"))
            .unwrap();
        let pasted = encode_vni("Người dân mang theo căn cước công dân đến nhà văn hóa thôn.");
        let text = format!("{guide}\n{pasted}\n");
        let f = detect(&text).unwrap();
        assert_eq!(f.encoding, Encoding::Vni);
        assert_eq!(f.line as usize, guide.lines().count() + 2);
        assert!(
            f.decoded.starts_with("Người dân mang theo"),
            "{}",
            f.decoded
        );
    }

    #[test]
    fn known_pairs_decode() {
        // TCVN3 samples from converters in use (and the issue).
        for (tcvn3, unicode) in [
            ("§«ng L·o", "Đông Lão"),
            ("B¶o Th¾ng", "Bảo Thắng"),
            ("M\u{00AD}êng Kh\u{00AD}\u{00AC}ng", "Mường Khương"),
            ("h\u{00AD}íng dÉn", "hướng dẫn"),
            ("nghiÖp", "nghiệp"),
        ] {
            assert_eq!(Encoding::Tcvn3.decode(tcvn3), unicode);
        }
        for (vni, unicode) in [
            ("Thoân Ñoâng Laõo", "Thôn Đông Lão"),
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            ("Ngöôøi", "Người"),
            ("ÑAÊNG KYÙ", "ĐĂNG KÝ"),
            ("hoaëc", "hoặc"),
            ("kyø", "kỳ"),
            ("Vieät Nam", "Việt Nam"),
        ] {
            assert_eq!(Encoding::Vni.decode(vni), unicode);
        }
    }

    #[test]
    fn the_issue_examples_are_found() {
        let f = detect("hamlets:\n  - name: Thôn §«ng L·o\n").unwrap();
        assert_eq!(f.encoding, Encoding::Tcvn3);
        assert_eq!((f.line, f.col), (2, 16));
        assert_eq!(f.decoded, "Đông Lão");
        let f = detect("hamlets:\n  - name: Thoân Ñoâng Laõo\n").unwrap();
        assert_eq!(f.encoding, Encoding::Vni);
        assert_eq!((f.line, f.col), (2, 11));
        assert_eq!(f.excerpt, "Thoân Ñoâng Laõo");
        assert_eq!(f.decoded, "Thôn Đông Lão");
    }

    #[test]
    fn unicode_vietnamese_and_english_are_left_alone() {
        for text in [
            "Thôn Đông Lão, xã Cẩm Ngọc: Hòa, Hoà, Thúy, Thuý, Khỏe, Khoẻ.",
            "Mang theo căn cước công dân và số điện thoại đang dùng.",
            "Ho\u{0300}a Bi\u{0300}nh",
            "The café in Zürich serves crème brûlée; naïve résumé façade Müller straße.",
            "Où est la gare? Là-bas, près de l'église. Déjà vu, très bien.",
            "© 2024 UBND xã; 30°C; 50 m²; ½ ngày; «trích dẫn»; § 3.",
            "plain ASCII only",
            "Gõ bằng VNI, chữ sẽ thành `Thoân Ñoâng Laõo`; bằng TCVN3 thành `Th«n §«ng L·o`.",
            "Ví dụ:\n\n```\nThoân Ñoâng Laõo\nTh«n §«ng L·o\n```\n",
            "",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }
}
