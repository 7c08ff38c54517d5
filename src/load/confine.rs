//! Reading only inside the site folder. A symbolic link (or a Windows
//! junction) may point anywhere on the officer's computer, and whatever it
//! points to would be published under the authority's name.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Message};

pub struct SiteFolder {
    /// The site folder with every link resolved.
    real: PathBuf,
}

impl SiteFolder {
    pub fn new(root: &Path) -> SiteFolder {
        SiteFolder {
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Ok when `path` (a file or a folder of the site) resolves to somewhere
    /// inside the site folder; a link that leaves it, or leads nowhere, is an error.
    pub fn check(&self, path: &Path) -> Result<(), Diagnostic> {
        match std::fs::canonicalize(path) {
            Ok(target) if target.starts_with(&self.real) => Ok(()),
            Ok(target) => Err(Diagnostic::new(
                path,
                None,
                Message::LinkOutside {
                    target: target.display().to_string(),
                },
            )),
            // A plain file or folder whose real path the system could not
            // give (past 260 characters under Wine): no link, nothing to confine.
            Err(_)
                if std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_symlink()) =>
            {
                Ok(())
            }
            Err(_) => Err(Diagnostic::new(path, None, Message::LinkBroken)),
        }
    }

    /// Like [`check`](Self::check), but only for links: plain files and folders
    /// are inside by construction, and checking them would cost a system call each.
    pub fn check_if_link(&self, path: &Path) -> Result<(), Diagnostic> {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => self.check(path),
            _ => Ok(()),
        }
    }
}
