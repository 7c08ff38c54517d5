//! The file system as every stage meets it: why a read or a write failed, in
//! Vietnamese, with the path. Loaders, the output swap, the zip, the audio and
//! `init` all word their I/O failures through these, so one officer-facing
//! reason exists per kind of failure.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Message};

/// Why an I/O operation failed, in a few Vietnamese words. Never the
/// system's own text, which is English ("Directory not empty (os error 39)"
/// once reached an officer): a kind without words of its own is "lỗi hệ
/// thống" with its number, for whoever helps.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match e.kind() {
        ErrorKind::NotFound => "không tìm thấy",
        ErrorKind::PermissionDenied => "không có quyền truy cập",
        ErrorKind::StorageFull => "ổ đĩa đã đầy",
        ErrorKind::QuotaExceeded => "đã dùng hết dung lượng được cấp trên ổ đĩa",
        ErrorKind::FileTooLarge => "tệp vượt quá cỡ lớn nhất được phép ghi",
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc, không cho ghi",
        ErrorKind::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục",
        ErrorKind::IsADirectory => "đây là thư mục, không phải tệp",
        ErrorKind::DirectoryNotEmpty => {
            "thư mục không trống (có thể một chương trình khác vừa ghi vào đó)"
        }
        ErrorKind::AlreadyExists => "đã có tệp hoặc thư mục trùng tên",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "tệp đang được một chương trình khác dùng"
        }
        ErrorKind::CrossesDevices => "không chuyển được giữa hai ổ đĩa khác nhau",
        ErrorKind::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
        ErrorKind::TooManyLinks => "đường dẫn có liên kết (symlink) vòng hoặc quá nhiều liên kết",
        ErrorKind::StaleNetworkFileHandle => "ổ mạng đã ngắt kết nối",
        ErrorKind::TimedOut => "quá thời gian chờ",
        ErrorKind::Interrupted => "bị ngắt giữa chừng",
        ErrorKind::UnexpectedEof => "tệp bị cắt cụt (hết tệp giữa chừng)",
        ErrorKind::WriteZero => "không ghi thêm được byte nào",
        ErrorKind::InvalidData => "nội dung tệp không đọc được",
        ErrorKind::OutOfMemory => "máy hết bộ nhớ",
        ErrorKind::Unsupported => "hệ điều hành hoặc ổ đĩa không hỗ trợ thao tác này",
        ErrorKind::AddrInUse => "cổng đang được chương trình khác dùng",
        ErrorKind::AddrNotAvailable => "địa chỉ mạng không dùng được trên máy này",
        ErrorKind::ConnectionRefused
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe
        | ErrorKind::NetworkDown
        | ErrorKind::NetworkUnreachable
        | ErrorKind::HostUnreachable => "kết nối mạng bị ngắt",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("lỗi hệ thống (mã {code})"),
                None => "lỗi hệ thống".to_string(),
            }
        }
    };
    words.to_string()
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

/// The warning for `path` when `name`, the name its output takes, is one
/// Windows keeps for a device; `suggestion` is a name to use instead.
pub(crate) fn windows_reserved_warning(
    path: &Path,
    name: &str,
    suggestion: String,
) -> Option<Diagnostic> {
    is_windows_reserved(name).then(|| {
        let written = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Diagnostic::new(
            path,
            None,
            Message::WindowsReservedFileName {
                name: written,
                suggestion,
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error the system can give is worded in Vietnamese: no English
    /// word of the system's own text gets through (issue 20).
    #[test]
    fn io_reasons_are_vietnamese() {
        let mut errors: Vec<std::io::Error> =
            (1..=133).map(std::io::Error::from_raw_os_error).collect();
        errors.push(std::io::Error::other("Directory not empty"));
        errors.push(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "bad input",
        ));
        for e in &errors {
            let reason = io_reason(e);
            let english = ["not", "file", "directory", "error", "os ", "denied", "bad"];
            assert!(
                !english.iter().any(|w| reason.to_lowercase().contains(w)),
                "{e}: {reason}"
            );
        }
        let not_empty = std::io::Error::from(std::io::ErrorKind::DirectoryNotEmpty);
        assert!(io_reason(&not_empty).contains("thư mục không trống"));
    }

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
