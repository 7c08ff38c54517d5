//! `bangtin build --zip`: the whole site as one zip, for portals that take an
//! upload instead of a folder. Deterministic: entries sorted by path, fixed
//! times and permissions, so the same site gives the same bytes.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use crate::diagnostics::{Diagnostic, Message};
use crate::disk::io_reason;

/// A zip written beside its final name; `commit` puts it in place.
pub struct PendingZip {
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

/// `public` → `public.zip` beside it.
pub fn zip_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!("{name}.zip"))
}

fn zip_error(path: &Path, reason: String) -> Diagnostic {
    Diagnostic::new(path, None, Message::ZipFailed { reason })
}

/// Zip every file under `dir` (paths relative to it) into a temporary file
/// beside the zip named after `output`.
pub fn write_zip(dir: &Path, output: &Path) -> Result<PendingZip, Diagnostic> {
    let dest = zip_path(output);
    if dest.is_dir() {
        return Err(Diagnostic::new(&dest, None, Message::ZipPathIsFolder));
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pending = PendingZip {
        tmp: dest.with_file_name(format!(".{name}.bangtin-tmp")),
        dest,
        committed: false,
    };
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect();
    files.sort();

    let file = File::create(&pending.tmp).map_err(|e| zip_error(&pending.dest, io_reason(&e)))?;
    let mut zip = ZipWriter::new(Guarded {
        inner: BufWriter::new(file),
        failed: false,
    });
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let write = || -> Result<(), String> {
        for (rel, path) in &files {
            let size = fs::metadata(path).map_err(|e| io_reason(&e))?.len();
            zip.start_file(
                rel.as_str(),
                options.large_file(size >= u64::from(u32::MAX)),
            )
            .map_err(|e| zip_reason(&e))?;
            let mut input = File::open(path).map_err(|e| io_reason(&e))?;
            io::copy(&mut input, &mut zip).map_err(|e| io_reason(&e))?;
        }
        let mut out = zip.finish().map_err(|e| zip_reason(&e))?;
        io::Write::flush(&mut out.inner).map_err(|e| io_reason(&e))
    };
    write().map_err(|reason| zip_error(&pending.dest, reason))?;
    Ok(pending)
}

/// The zip's file, which after its first failed write or seek takes (and
/// drops) everything: the zip crate's drop then finishes the abandoned
/// archive into nothing, instead of failing again on the full disk and
/// printing "ZipWriter::drop: failed to finalize archive" in English. The
/// temporary zip is removed with its `PendingZip`.
struct Guarded<W> {
    inner: W,
    failed: bool,
}

impl<W: io::Write> io::Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed {
            return Ok(buf.len());
        }
        self.inner.write(buf).inspect_err(|_| self.failed = true)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

impl<W: io::Seek> io::Seek for Guarded<W> {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        if self.failed {
            return Ok(0);
        }
        self.inner.seek(pos).inspect_err(|_| self.failed = true)
    }
}

/// The zip crate's error in Vietnamese: its I/O errors as any other, the
/// rest (which writing never gives) in general words.
fn zip_reason(e: &zip::result::ZipError) -> String {
    match e {
        zip::result::ZipError::Io(e) => io_reason(e),
        _ => "thư viện nén báo lỗi khi ghi tệp .zip".to_string(),
    }
}

impl PendingZip {
    pub fn commit(mut self) -> Result<PathBuf, Diagnostic> {
        fs::rename(&self.tmp, &self.dest).map_err(|e| zip_error(&self.dest, io_reason(&e)))?;
        self.committed = true;
        Ok(self.dest.clone())
    }
}

impl Drop for PendingZip {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
