//! Turning a file's bytes into clean text: officers' files come from Word,
//! Excel, Notepad and Zalo, with BOMs, CRLF, UTF-16 and decomposed accents.

use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::Pos;

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
/// costs one validation pass and no copy.
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
    Ok(normalize(text))
}

/// `\r\n` and lone `\r` become `\n`; text is composed to NFC so that the same
/// name typed on different keyboards compares equal.
pub fn normalize(text: String) -> String {
    let unix = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if unicode_normalization::is_nfc_quick(unix.chars()) == unicode_normalization::IsNormalized::Yes
    {
        unix
    } else {
        unix.nfc().collect()
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String, TextError> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() as u32 + 1;
            Err(TextError {
                pos: Some(Pos::new(line, col)),
                message: "Tệp không được lưu bằng bảng mã UTF-8 (có ký tự không đọc được)."
                    .to_string(),
                hint: SAVE_AS_UTF8.to_string(),
            })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| unit([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    String::from_utf16(&units).map_err(|_| TextError {
        pos: None,
        message: "Tệp lưu bằng bảng mã UTF-16 nhưng bị hỏng ở giữa.".to_string(),
        hint: SAVE_AS_UTF8.to_string(),
    })
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
    fn utf16_le_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Sống".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(bytes).unwrap(), "Sống");
    }

    #[test]
    fn latin1_is_refused_with_position() {
        let e = decode(b"title: a\nname: Th\xF4n\n".to_vec()).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 9)));
        assert!(e.message.contains("UTF-8"));
    }
}
