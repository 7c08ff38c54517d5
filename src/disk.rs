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
