//! Stage 5: write the site into a staging folder beside the output, and swap it
//! in only when everything succeeded, so a failed or interrupted build leaves
//! the previous site exactly as it was.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::io_reason;

/// Marks a folder as written by bangtin: only such folders are ever replaced.
pub const MARKER: &str = ".bangtin";
const MARKER_TEXT: &str =
    "Thư mục này do bangtin tạo ra; mỗi lần build nó được thay mới hoàn toàn.\n";

pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.bangtin-{suffix}"))
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("Không ghi được: {}.", io_reason(e)))
        .with_hint("Kiểm tra ổ đĩa còn chỗ trống và bạn có quyền ghi vào thư mục đầu ra.")
}

/// Refuse output folders that would destroy something: the site itself, a folder
/// containing it, or a folder of other files that bangtin did not make.
pub fn check_target(output: &Path, site_root: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve what exists so `a/../b` and symlinks compare correctly.
        fs::canonicalize(&p).unwrap_or(p)
    };
    let (out, root) = (abs(output), abs(site_root));
    if out == root || out.starts_with(&root) || root.starts_with(&out) {
        return Err(Diagnostic::error(
            output,
            None,
            format!(
                "Thư mục đầu ra {} trùng, nằm trong, hoặc chứa thư mục nội dung {}.",
                output.display(),
                site_root.display()
            ),
        )
        .with_hint("Chọn thư mục đầu ra ở ngoài thư mục nội dung, ví dụ --output public"));
    }
    if output.is_file() {
        return Err(Diagnostic::error(
            output,
            None,
            "Đường dẫn đầu ra là một tệp, không phải thư mục.",
        )
        .with_hint("Chọn tên thư mục khác bằng --output."));
    }
    if output.is_dir() && !output.join(MARKER).is_file() {
        let empty = fs::read_dir(output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(output, None, "Thư mục đầu ra đã có tệp không do bangtin tạo; bangtin không xóa chúng.")
                .with_hint("Chọn một thư mục mới hoặc trống bằng --output, hoặc tự chuyển các tệp kia đi chỗ khác."));
        }
    }
    Ok(())
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let dir = sibling(output, "tmp");
        // Left over from a build that was killed: it is ours by name.
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| write_error(&dir, &e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| write_error(&dir, &e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write one file; `rel` uses `/` and comes from the planner, never from raw input.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
        }
        fs::write(&path, bytes).map_err(|e| write_error(&path, &e))
    }

    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
        }
        fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| write_error(&path, &e))
    }

    /// Put the staged site in place of the output folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.write(MARKER, MARKER_TEXT.as_bytes())?;
        let old = sibling(&self.output, "old");
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| write_error(&old, &e))?;
        }
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &old).map_err(|e| write_error(&self.output, &e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            // Put the previous site back before reporting.
            if had_output {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(write_error(&self.output, &e));
        }
        self.committed = true;
        if had_output {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
