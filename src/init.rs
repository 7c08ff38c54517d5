//! Files bangtin writes for the officer to edit: `bangtin init DIR`, a small,
//! commented example site that builds as is; `bangtin theme DIR`, the default
//! theme to change.

use std::fs;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Message};
use crate::disk::io_reason;

const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("init_site/site.yaml")),
    (
        "schedules/lich.yaml",
        include_str!("init_site/schedules/lich.yaml"),
    ),
    (
        "guides/huong-dan-mau.md",
        include_str!("init_site/guides/huong-dan-mau.md"),
    ),
    (
        "pages/gioi-thieu.md",
        include_str!("init_site/pages/gioi-thieu.md"),
    ),
    ("news/tin-mau.md", include_str!("init_site/news/tin-mau.md")),
];

/// Writes the example into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::new(dir, None, Message::InitFolderNotEmpty));
        }
    }
    for (rel, text) in FILES {
        write_file(&dir.join(rel), text.as_bytes())?;
    }
    for sub in ["static", "templates"] {
        let _ = fs::create_dir_all(dir.join(sub));
    }
    Ok(FILES.len())
}

/// Writes the default theme into `dir` (`templates/*.html`, `static/assets/*`),
/// a site folder or a new one; refuses to overwrite any file already there.
pub fn theme(dir: &Path) -> Result<usize, Diagnostic> {
    let files = crate::theme::export();
    let taken: Vec<&String> = files
        .iter()
        .map(|(rel, _)| rel)
        .filter(|rel| dir.join(rel).exists())
        .collect();
    if let Some(first) = taken.first() {
        let (count, first) = (taken.len(), first.to_string());
        return Err(Diagnostic::new(
            dir,
            None,
            Message::ThemeFilesExist { count, first },
        ));
    }
    for (rel, bytes) in &files {
        write_file(&dir.join(rel), bytes)?;
    }
    Ok(files.len())
}

/// Writes `bytes` to `path`, creating the folders it is in.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            let reason = io_reason(&e);
            Diagnostic::new(parent, None, Message::InitCannotCreateFolder { reason })
        })?;
    }
    fs::write(path, bytes).map_err(|e| {
        let reason = io_reason(&e);
        Diagnostic::new(path, None, Message::InitCannotWrite { reason })
    })
}
