//! `static/**`: files copied as they are (images, the scanned official letter).

use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::confine::SiteFolder;
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::StaticFile;

pub fn collect(site: &SiteFolder, root: &Path, diags: &mut Diagnostics) -> Vec<StaticFile> {
    let dir = root.join("static");
    if !dir.exists() {
        return Vec::new();
    }
    // static/ itself may be a link (WalkDir follows the one it starts from).
    if let Err(d) = site.check(&dir) {
        diags.push(d);
        return Vec::new();
    }
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut reserved_named: Vec<std::path::PathBuf> = Vec::new();
    let walk = WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        // Hidden folders are skipped whole, with what they hold.
        .filter_entry(|e| e.depth() == 0 || !crate::disk::is_hidden_or_scratch(e.file_name()));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(&dir).to_path_buf();
                diags.push(Diagnostic::new(path, None, Message::StaticUnreadable));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            // Followed only if it stays inside the site folder.
            if let Err(d) = site.check(path) {
                diags.push(d);
                continue;
            }
            if !path.is_file() {
                diags.push(Diagnostic::new(path, None, Message::StaticLinkToFolder));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = path.strip_prefix(&dir) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // Named once: the first file or folder on the path Windows keeps.
        if let Some(at) = rel.iter().position(|c| crate::disk::is_windows_reserved(c)) {
            let named = dir.join(rel[..=at].join("/"));
            if !reserved_named.contains(&named) {
                diags.push(windows_reserved(&named, &rel[at]));
                reserved_named.push(named);
            }
        }
        files.push(StaticFile {
            rel: rel.join("/"),
            abs: path.to_path_buf(),
            size: None,
        });
    }
    // Only the header is read; pages give each <img> its size so text doesn't
    // jump while a photo loads on a slow phone.
    files
        .par_iter_mut()
        .for_each(|f| f.size = pixel_size(&f.abs));
    let scripts: Vec<Diagnostic> = files.par_iter().filter_map(active_content).collect();
    diags.extend(scripts);
    files
}

/// A warning for an SVG or HTML file that runs script when opened.
fn active_content(file: &StaticFile) -> Option<Diagnostic> {
    let markup = super::active_content::kind_of(&file.rel)?;
    let size = std::fs::metadata(&file.abs).ok()?.len();
    if size > super::active_content::MAX_CHECKED_BYTES {
        return None;
    }
    let bytes = std::fs::read(&file.abs).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let found = super::active_content::scan(&text, markup)?;
    let what = match found.count {
        1 => found.first,
        n => format!("{}, cùng {} chỗ khác", found.first, n - 1),
    };
    Some(Diagnostic::new(
        &file.abs,
        Some(crate::diagnostics::Pos::new(found.line, 0)),
        Message::ActiveContent { what },
    ))
}

/// `name` (of `path`) is a device name on Windows: warned, still copied.
fn windows_reserved(path: &Path, name: &str) -> Diagnostic {
    let (base, rest) = name.split_once('.').unwrap_or((name, ""));
    let suggestion = match rest {
        "" => format!("{base}-1"),
        ext => format!("{base}-1.{ext}"),
    };
    Diagnostic::new(
        path,
        None,
        Message::WindowsReservedFileName {
            name: name.to_string(),
            suggestion,
        },
    )
}

/// Width and height of an image file, or None for anything else.
fn pixel_size(path: &Path) -> Option<(u32, u32)> {
    let size = imagesize::size(path).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}
