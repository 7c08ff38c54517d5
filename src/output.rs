//! Stage 5: write the site into a staging folder beside the output, and swap it
//! in only when everything succeeded, so a failed or interrupted build leaves
//! the previous site exactly as it was.

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Message};
use crate::disk::io_reason;

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
    let reason = io_reason(e);
    Diagnostic::new(path, None, Message::CannotWrite { reason })
}

/// Where `path` really is, whether or not it exists yet: absolute, with the
/// links of its existing part resolved (a linked output folder is replaced
/// where the link points, and the link kept) and `.`/`..` applied to the rest.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let parts: Vec<Component> = absolute.components().collect();
    for known in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..known].iter().collect();
        let Ok(mut resolved) = fs::canonicalize(&prefix) else {
            continue;
        };
        for part in &parts[known..] {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return resolved;
    }
    absolute
}

/// Refuse output folders that would destroy something: the site itself, a folder
/// containing it, or a folder of other files that bangtin did not make.
pub fn check_target(output: &Path, site_root: &Path) -> Result<(), Diagnostic> {
    if is_broken_link(output) {
        return Err(Diagnostic::new(output, None, Message::OutputLinkBroken));
    }
    let (out, root) = (resolve(output), resolve(site_root));
    let clash = if out == root {
        Some("chính là thư mục nội dung")
    } else if out.starts_with(&root) {
        Some("nằm trong thư mục nội dung")
    } else if root.starts_with(&out) {
        Some("chứa thư mục nội dung")
    } else {
        None
    };
    if let Some(clash) = clash {
        // Name the real folders when `..` or a link hid them.
        let real = if out.as_path() != output {
            format!(" (tức là {})", out.display())
        } else {
            String::new()
        };
        return Err(Diagnostic::new(
            output,
            None,
            Message::OutputClashesWithContent {
                output: output.display().to_string(),
                real,
                clash: clash.to_string(),
                root: site_root.display().to_string(),
            },
        ));
    }
    if out.is_file() {
        return Err(Diagnostic::new(output, None, Message::OutputIsFile));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::new(output, None, Message::OutputHasOtherFiles));
        }
    }
    Ok(())
}

/// How long a build waits for another build writing the same output folder
/// before it gives up: a commune builds in about a second, a province in a
/// few; a second build started by accident simply runs after the first.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Held while a build writes one output folder: an OS lock on a file beside
/// it (`.<output>.bangtin-lock`). The system releases it when the process
/// ends, however it ends, so a crashed build never blocks the next. The
/// file itself stays: removing it could let two builds lock two files.
pub struct OutputLock {
    _file: fs::File,
}

const LOCK_TEXT: &str =
    "Tệp khóa của bangtin: mỗi lúc chỉ một lần dựng được ghi vào thư mục đầu ra bên cạnh.\n";

/// Wait (at most [`LOCK_WAIT`]) until no other build writes `output`, and
/// hold it until the returned lock is dropped. On a file system that has no
/// locks (some network shares), builds go on unlocked, as before.
pub fn lock(output: &Path) -> Result<OutputLock, Diagnostic> {
    let path = sibling(&resolve(output), "lock");
    match path.parent() {
        // A file in the way is reported when the lock file is opened.
        Some(parent) if !parent.exists() => {
            fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?
        }
        _ => {}
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| write_error(&path, &e))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Diagnostic::new(
                    output,
                    None,
                    Message::OutputLocked {
                        seconds: LOCK_WAIT.as_secs(),
                    },
                ));
            }
            Err(fs::TryLockError::Error(_)) => break,
        }
    }
    if file.metadata().is_ok_and(|m| m.len() == 0) {
        let _ = (&file).write_all(LOCK_TEXT.as_bytes());
    }
    Ok(OutputLock { _file: file })
}

/// A build killed between the two renames of its swap left the previous site
/// under the old name and none in place: put it back, before anything else.
pub fn recover_interrupted(output: &Path) -> Result<(), Diagnostic> {
    let output = resolve(output);
    let old = sibling(&output, "old");
    if !output.exists() && !is_broken_link(&output) && old.join(MARKER).is_file() {
        fs::rename(&old, &output).map_err(|e| write_error(&output, &e))?;
    }
    Ok(())
}

fn is_broken_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) && !path.exists()
}

/// How long the swap keeps trying while Windows refuses to move or delete a
/// folder because a program has one of its files open: long enough for a
/// browser or an antivirus scan to let go, short enough to report soon.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Windows refuses a rename or a delete while any program has a file open
/// (access denied, sharing or lock violation); elsewhere those errors mean
/// no right to write, which waiting does not change.
fn is_busy(e: &std::io::Error) -> bool {
    // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
    cfg!(windows)
        && (e.kind() == std::io::ErrorKind::PermissionDenied
            || matches!(e.raw_os_error(), Some(32 | 33)))
}

/// Runs `op` until it succeeds, fails for another reason than `busy`, or
/// `wait` has passed; the error reports a busy folder as such.
fn retry_busy<T>(
    path: &Path,
    wait: Duration,
    busy: impl Fn(&std::io::Error) -> bool,
    mut op: impl FnMut() -> std::io::Result<T>,
) -> Result<T, Diagnostic> {
    let deadline = Instant::now() + wait;
    loop {
        match op() {
            Ok(value) => return Ok(value),
            Err(e) if busy(&e) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(250));
            }
            Err(e) if busy(&e) => {
                return Err(Diagnostic::new(
                    path,
                    None,
                    Message::OutputBusy {
                        seconds: wait.as_secs(),
                    },
                ))
            }
            Err(e) => return Err(write_error(path, &e)),
        }
    }
}

/// Remove a leftover of ours (found by its name) whatever it now is.
fn remove_leftover(path: &Path) -> Result<(), Diagnostic> {
    retry_busy(path, BUSY_WAIT, is_busy, || {
        match fs::symlink_metadata(path) {
            Err(_) => Ok(()),
            Ok(m) if m.is_dir() => fs::remove_dir_all(path),
            Ok(_) => fs::remove_file(path),
        }
    })
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let output = resolve(output);
        let dir = sibling(&output, "tmp");
        // Left over from a build that was killed: it is ours by name.
        remove_leftover(&dir)?;
        fs::create_dir_all(&dir).map_err(|e| write_error(&dir, &e))?;
        Ok(Staging {
            dir,
            output,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write one file; `rel` uses `/` and comes from the planner, never from raw input.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.dir.join(rel);
        // Errors name the file as it will be in the output, which officers know.
        let failed = |e: std::io::Error| write_error(&self.output.join(rel), &e);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(failed)?;
        }
        fs::write(&path, bytes).map_err(failed)
    }

    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let path = self.dir.join(rel);
        let failed = |e: std::io::Error| write_error(&self.output.join(rel), &e);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(failed)?;
        }
        fs::copy(from, &path).map(|_| ()).map_err(failed)
    }

    /// A file to write piece by piece (a province's shared data), made with its folders.
    pub fn create_file(&self, rel: &str) -> Result<StagedFile, Diagnostic> {
        let path = self.dir.join(rel);
        let shown = self.output.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| write_error(&shown, &e))?;
        }
        let file = fs::File::create(&path).map_err(|e| write_error(&shown, &e))?;
        Ok(StagedFile {
            file: std::io::BufWriter::with_capacity(256 * 1024, file),
            shown,
        })
    }

    /// Put some staged parts (folders or files, `/`-separated paths) in place of
    /// the same parts of the existing output, leaving the rest of it as it is:
    /// `serve` updating the communes that changed. Each part is swapped by two
    /// renames, so a reader sees the old part or the new one, never half of one.
    pub fn commit_parts(&self, parts: &[String]) -> Result<(), Diagnostic> {
        let old = sibling(&self.output, "old");
        remove_leftover(&old)?;
        fs::create_dir_all(&old).map_err(|e| write_error(&old, &e))?;
        for (i, part) in parts.iter().enumerate() {
            let (from, to) = (self.dir.join(part), self.output.join(part));
            let aside = old.join(i.to_string());
            let had = fs::symlink_metadata(&to).is_ok();
            if had {
                fs::rename(&to, &aside).map_err(|e| write_error(&to, &e))?;
            }
            if let Err(e) = fs::rename(&from, &to) {
                if had {
                    let _ = fs::rename(&aside, &to);
                }
                return Err(write_error(&to, &e));
            }
        }
        let _ = fs::remove_dir_all(&old);
        // What is left of the staging folder goes with `Drop`.
        Ok(())
    }

    /// Put the staged site in place of the output folder.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.write(MARKER, MARKER_TEXT.as_bytes())?;
        let old = sibling(&self.output, "old");
        remove_leftover(&old)?;
        let had_output = self.output.exists();
        if had_output {
            // A failure here leaves the previous site where it was.
            retry_busy(&self.output, BUSY_WAIT, is_busy, || {
                fs::rename(&self.output, &old)
            })?;
        }
        let moved = retry_busy(&self.output, BUSY_WAIT, is_busy, || {
            fs::rename(&self.dir, &self.output)
        });
        if let Err(d) = moved {
            // Put the previous site back before reporting.
            if had_output {
                let _ = retry_busy(&self.output, BUSY_WAIT, is_busy, || {
                    fs::rename(&old, &self.output)
                });
            }
            return Err(d);
        }
        self.committed = true;
        if had_output {
            // A file still held open keeps the old copy; the next build
            // removes it (or says which program to close).
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

/// A staged file written in pieces; errors name it as it will be in the output.
pub struct StagedFile {
    file: std::io::BufWriter<fs::File>,
    shown: PathBuf,
}

impl StagedFile {
    /// Where the file will be, to name it in an error.
    pub fn shown(&self) -> &Path {
        &self.shown
    }
}

impl std::io::Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.file.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn a_busy_folder_is_retried_until_it_is_free() {
        let mut tries = 0;
        let done = retry_busy(
            Path::new("public"),
            Duration::from_secs(5),
            |e| e.kind() == ErrorKind::PermissionDenied,
            || {
                tries += 1;
                match tries {
                    1 | 2 => Err(Error::from(ErrorKind::PermissionDenied)),
                    _ => Ok(tries),
                }
            },
        );
        assert_eq!(done.unwrap(), 3);
    }

    #[test]
    fn a_folder_still_busy_is_reported_in_vietnamese() {
        let failed = retry_busy(
            Path::new("public"),
            Duration::ZERO,
            |_| true,
            || Err::<(), _>(Error::from(ErrorKind::PermissionDenied)),
        )
        .unwrap_err();
        let text = crate::diagnostics::render_report(&[failed]);
        assert!(text.contains("đang mở một tệp trong thư mục này"), "{text}");
        assert!(text.contains("Đóng cửa sổ"), "{text}");
    }

    #[test]
    fn other_errors_are_not_retried() {
        let mut tries = 0;
        let failed = retry_busy(
            Path::new("public"),
            Duration::from_secs(5),
            |_| false,
            || {
                tries += 1;
                Err::<(), _>(Error::from(ErrorKind::NotFound))
            },
        );
        assert!(failed.is_err());
        assert_eq!(tries, 1);
    }
}
