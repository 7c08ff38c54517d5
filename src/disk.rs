//! The file system as every stage meets it: why a read or a write failed, in
//! Vietnamese, with the path. Loaders, the output swap, the zip, the audio and
//! `init` all word their I/O failures through these, so one officer-facing
//! reason exists per kind of failure.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Message};

/// Why an I/O operation failed, in a few Vietnamese words (the system's own
/// text, often English, only for kinds with no officer-facing meaning).
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "không tìm thấy".to_string(),
        ErrorKind::PermissionDenied => "không có quyền truy cập".to_string(),
        ErrorKind::StorageFull => "ổ đĩa đã đầy".to_string(),
        ErrorKind::QuotaExceeded => "đã dùng hết dung lượng được cấp trên ổ đĩa".to_string(),
        ErrorKind::FileTooLarge => "tệp vượt quá cỡ lớn nhất được phép ghi".to_string(),
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc, không cho ghi".to_string(),
        ErrorKind::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục".to_string(),
        _ => e.to_string(),
    }
}

/// A file of the site that could not be read.
pub(crate) fn read_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let reason = io_reason(e);
    Diagnostic::new(path, None, Message::FileUnreadable { reason })
}

/// Names that are not content wherever they appear: hidden files (`.x`,
/// macOS's `._x` and `.DS_Store`, Emacs's `.#x` lock links, LibreOffice's
/// `.~lock.x#`, Vim's `.x.swp`), backups (`x~`, Emacs's `#x#`), Office's
/// `~$x` lock files, and the folder files Windows writes (`Thumbs.db`,
/// `desktop.ini`). Skipped in every folder bangtin reads, as if absent.
pub fn is_hidden_or_scratch(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || matches!(
            lower.as_str(),
            "thumbs.db" | "ehthumbs.db" | "desktop.ini" | "icon\r"
        )
}

/// A name Windows keeps for a device (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`,
/// `LPT0`–`LPT9`, and `COM¹`… `CONIN$`, `CONOUT$`), in any case, with or
/// without an extension (`nul.md`, `Con.tar.gz`) and with the trailing dots
/// and spaces Windows drops. A site holding one can't be copied, unzipped or
/// uploaded from a Windows computer.
pub(crate) fn is_windows_reserved(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or(name);
    let base = base.trim_end_matches([' ', '.']).to_uppercase();
    match base.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let Some(number) = base
                .strip_prefix("COM")
                .or_else(|| base.strip_prefix("LPT"))
            else {
                return false;
            };
            let mut chars = number.chars();
            matches!(
                (chars.next(), chars.next()),
                (Some('0'..='9' | '¹' | '²' | '³'), None)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_reserved_names() {
        for name in [
            "CON",
            "con",
            "Con.md",
            "aux.md",
            "nul.md",
            "NUL.tar.gz",
            "prn",
            "com1",
            "COM9.txt",
            "lpt3.svg",
            "LPT0",
            "com¹",
            "conin$",
            "CONOUT$.x",
            "con ",
            "nul.",
        ] {
            assert!(is_windows_reserved(name), "{name}");
        }
        for name in [
            "console",
            "conan.md",
            "com10",
            "lpt",
            "com",
            "auxiliary",
            "null",
            "a.con",
            "con-1",
            "thon-con",
            "",
            ".con",
        ] {
            assert!(!is_windows_reserved(name), "{name}");
        }
    }
}
