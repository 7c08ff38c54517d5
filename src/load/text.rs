//! Turning a file's bytes into clean text: officers' files come from Word,
//! Excel, Notepad and Zalo, with BOMs, CRLF, UTF-16 and decomposed accents.

use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::Pos;
use crate::vi::legacy;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: String,
}

const SAVE_AS_UTF8: &str =
    "Mở tệp bằng Notepad (hoặc VS Code), chọn Lưu thành (Save As), chọn bảng mã UTF-8 rồi lưu lại.";

/// UTF-8 (with or without BOM) or UTF-16 with a BOM, any line ends, to NFC text with `\n`.
/// Takes the bytes by value: the common case (UTF-8, already NFC, `\n`) then
/// costs one validation pass and no copy. Text typed in the legacy Vietnamese
/// encodings TCVN3 and VNI is refused, whether saved as UTF-8 or as its own bytes.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, TextError> {
    let text = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        utf8(bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)?
    } else {
        utf8(bytes)?
    };
    let text = normalize(text);
    match legacy::detect(&text) {
        Some(found) => Err(legacy_error(&found)),
        None => Ok(text),
    }
}

fn legacy_error(found: &legacy::Finding) -> TextError {
    TextError {
        pos: Some(Pos::new(found.line, found.col)),
        message: format!(
            "Chữ trong tệp không phải Unicode mà là {}: \"{}\" có lẽ là \"{}\".",
            found.encoding.origin(),
            found.excerpt,
            found.decoded
        ),
        hint: found.encoding.fix(),
    }
}

/// Line and column just after `prefix`, the text before a problem.
fn position_after(prefix: &[u8]) -> Pos {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count() as u32
        + 1;
    Pos::new(line, col)
}

/// `\r\n` and lone `\r` become `\n`; text is composed to NFC so that the same
/// name typed on different keyboards compares equal.
pub fn normalize(text: String) -> String {
    let unix = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if surely_nfc(&unix)
        || unicode_normalization::is_nfc_quick(unix.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        unix
    } else {
        unix.nfc().collect()
    }
}

/// A cheap first look: every character below U+0300, every precomposed
/// Vietnamese letter (U+1EA0–U+1EFF) and the dashes, quotes and ellipsis of
/// U+2010–U+203F are NFC whatever surrounds them, and that is all most
/// officers' text holds. Anything else gets the full quick check. Each byte
/// is looked at with the two after it and no branch, so the compiler can
/// look at many at once: a loop deciding byte by byte was 5% of a guide build.
fn surely_nfc(text: &str) -> bool {
    let b = text.as_bytes();
    let n = b.len();
    if n < 3 {
        return b.iter().all(|&x| x < 0xCC);
    }
    // Below 0xCC: ASCII, continuation bytes, leads of U+0080–U+02FF.
    // E1 BA A0…E1 BB BF: U+1EA0–U+1EFF. E2 80 90…E2 80 BF: U+2010–U+203F.
    let fine = |b0: u8, b1: u8, b2: u8| {
        (b0 < 0xCC)
            | ((b0 == 0xE1) & (((b1 == 0xBA) & (b2 >= 0xA0)) | (b1 == 0xBB)))
            | ((b0 == 0xE2) & (b1 == 0x80) & (0x90..=0xBF).contains(&b2))
    };
    let body = b[..n - 2]
        .iter()
        .zip(&b[1..n - 1])
        .zip(&b[2..])
        .fold(true, |all, ((&b0, &b1), &b2)| all & fine(b0, b1, b2));
    // A lead byte in the last two places starts a two-byte character at most.
    body & (b[n - 2] < 0xCC) & (b[n - 1] < 0xCC)
}

fn utf8(bytes: Vec<u8>) -> Result<String, TextError> {
    // `contains` on bytes is a memchr; the position is only needed for the error.
    if bytes.contains(&0) {
        let nul = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(nul_error(&bytes, nul));
    }
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was validated as UTF-8 just above.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.as_bytes();
            // Legacy Vietnamese saved as its own bytes: each byte is a character.
            let single_bytes: String = bytes.iter().map(|&b| char::from(b)).collect();
            if let Some(found) = legacy::identify(&normalize(single_bytes)) {
                return Err(legacy_error(&found));
            }
            Err(TextError {
                pos: Some(position_after(&bytes[..e.utf8_error().valid_up_to()])),
                message: "Tệp không được lưu bằng bảng mã UTF-8 (có ký tự không đọc được)."
                    .to_string(),
                hint: SAVE_AS_UTF8.to_string(),
            })
        }
    }
}

/// A NUL byte: a UTF-16 file without its BOM (every other byte is 0 in
/// Vietnamese or English text), or not a text file at all.
fn nul_error(bytes: &[u8], first: usize) -> TextError {
    // UTF-16 text puts its zeros on every other byte (the high byte of
    // ASCII and of most Vietnamese letters' low byte is not zero).
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let half = bytes.len() / 2;
    let alternating =
        (odd * 3 >= half && even * 20 <= half) || (even * 3 >= half && odd * 20 <= half);
    let message = if alternating {
        "Tệp lưu bằng bảng mã UTF-16 nhưng thiếu dấu BOM ở đầu tệp, nên không biết thứ tự byte."
    } else {
        "Tệp có ký tự NUL: đây có vẻ không phải tệp chữ (có thể là tệp Word, Excel hoặc ảnh đổi đuôi)."
    };
    TextError {
        pos: Some(position_after(&bytes[..first])),
        message: message.to_string(),
        hint: format!("{SAVE_AS_UTF8} Với tệp Word hay Excel, sao chép phần chữ sang một tệp mới trong Notepad."),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    let mut text = String::with_capacity(bytes.len() / 2);
    let broken = |text: &str, what: &str| TextError {
        pos: Some(position_after(text.as_bytes())),
        message: format!("Tệp lưu bằng bảng mã UTF-16 nhưng {what}."),
        hint: SAVE_AS_UTF8.to_string(),
    };
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(broken(&text, "bị hỏng ở đây")),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(broken(&text, "bị cắt cụt ở cuối (thiếu một byte)"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nfd_are_cleaned() {
        let nfd = "Ho\u{0300}a\r\nx\r";
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(nfd.as_bytes());
        assert_eq!(decode(bytes).unwrap(), "Hòa\nx\n");
    }

    #[test]
    fn the_fast_nfc_look_never_skips_decomposed_text() {
        assert!(surely_nfc("Thôn Đông Lão, Hòa, Khỏe, Sống"));
        assert!(!surely_nfc("Ho\u{0300}a"));
        assert!(surely_nfc("Bước 1 – cài “VNeID”…"));
        // U+2000 is a singleton (it becomes U+2002 in NFC); Ạ + breve composes to Ặ.
        assert!(!surely_nfc("a\u{2000}b"));
        assert!(!surely_nfc("\u{1EA0}\u{0306}"));
        for text in ["a\u{2000}b", "\u{1EA0}\u{0306}", "Ho\u{0300}a"] {
            assert_ne!(normalize(text.to_string()), text);
        }
        assert_eq!(normalize("Ho\u{0300}a \u{2126}".to_string()), "Hòa \u{3a9}");
    }

    #[test]
    fn the_fast_nfc_look_takes_exactly_its_three_ranges_of_characters() {
        let in_ranges = |c: char| {
            c < '\u{300}'
                || ('\u{1EA0}'..='\u{1EFF}').contains(&c)
                || ('\u{2010}'..='\u{203F}').contains(&c)
        };
        // Every character alone, at the end, and between others (its bytes
        // then sit in every place of the look at three bytes).
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("ab{c}"),
                format!("ạ{c}ạ"),
                format!("{c}ab"),
            ] {
                assert_eq!(
                    surely_nfc(&text),
                    in_ranges(c),
                    "{:04X} in {text:?}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn utf16_le_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Sống".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(bytes).unwrap(), "Sống");
    }

    #[test]
    fn utf16_problems_are_placed() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "ab\nc".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let mut lone_surrogate = bytes.clone();
        lone_surrogate.extend_from_slice(&0xD800u16.to_le_bytes());
        lone_surrogate.extend_from_slice(b"x\0");
        let e = decode(lone_surrogate).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 2)));
        bytes.push(b'x');
        let e = decode(bytes).unwrap_err();
        assert!(e.message.contains("cắt cụt"), "{}", e.message);
    }

    #[test]
    fn nul_bytes_are_refused() {
        let utf16_without_bom: Vec<u8> = "title: Sống\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode(utf16_without_bom).unwrap_err();
        assert!(e.message.contains("BOM"), "{}", e.message);
        assert_eq!(e.pos, Some(Pos::new(1, 2)));
        let e = decode(b"title: x\nPK\x03\x04\x00abcdefghijklmnopqrstuvwxyz".to_vec()).unwrap_err();
        assert!(e.message.contains("NUL"), "{}", e.message);
        assert_eq!(e.pos, Some(Pos::new(2, 5)));
    }

    #[test]
    fn legacy_encodings_are_refused_saved_either_way() {
        let vni = "name: Thoân Ñoâng Laõo\n";
        let e = decode(vni.as_bytes().to_vec()).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(1, 7)));
        assert!(e.message.contains("VNI Windows"), "{}", e.message);
        assert!(e.message.contains("\"Thôn Đông Lão\""), "{}", e.message);
        assert!(e.hint.contains("Unikey"), "{}", e.hint);
        // The same text saved as single bytes (Notepad's "ANSI").
        let bytes: Vec<u8> = vni.chars().map(|c| c as u32 as u8).collect();
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(bytes).unwrap_err(), e);
        let tcvn3 = "name: Th«n §«ng L·o\n";
        let e = decode(tcvn3.as_bytes().to_vec()).unwrap_err();
        assert!(e.message.contains("TCVN3 (ABC)"), "{}", e.message);
        assert!(e.message.contains("\"Thôn Đông Lão\""), "{}", e.message);
        assert_eq!(e.pos, Some(Pos::new(1, 7)));
    }

    #[test]
    fn latin1_is_refused_with_position() {
        let e = decode(b"title: a\nname: Th\xF4n\n".to_vec()).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 9)));
        assert!(e.message.contains("UTF-8"));
    }
}
