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
    let mut zip = ZipWriter::new(Guarded::new(BufWriter::new(file)));
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

/// The zip's file, which after its first failed write or seek acts as a
/// file that takes (and drops) everything, keeping positions as a file
/// would: the zip crate's drop then finishes the abandoned archive into
/// nothing, instead of failing again on the full disk and printing
/// "ZipWriter::drop: failed to finalize archive" in English (and its
/// assertions on positions still hold). The temporary zip is removed with
/// its `PendingZip`.
struct Guarded<W> {
    inner: W,
    failed: bool,
    /// Where the next byte goes, and the end of what was written.
    pos: u64,
    end: u64,
}

impl<W> Guarded<W> {
    fn new(inner: W) -> Guarded<W> {
        Guarded {
            inner,
            failed: false,
            pos: 0,
            end: 0,
        }
    }

    fn moved(&mut self, pos: u64) -> u64 {
        self.pos = pos;
        self.end = self.end.max(pos);
        pos
    }
}

impl<W: io::Write> io::Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.failed {
            match self.inner.write(buf) {
                Ok(n) => {
                    self.moved(self.pos + n as u64);
                    return Ok(n);
                }
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            }
        }
        self.moved(self.pos + buf.len() as u64);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

impl<W: io::Seek> io::Seek for Guarded<W> {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        if !self.failed {
            return match self.inner.seek(to) {
                Ok(pos) => Ok(self.moved(pos)),
                Err(e) => {
                    self.failed = true;
                    Err(e)
                }
            };
        }
        let pos = match to {
            io::SeekFrom::Start(n) => n,
            io::SeekFrom::Current(d) => self.pos.saturating_add_signed(d),
            io::SeekFrom::End(d) => self.end.saturating_add_signed(d),
        };
        Ok(self.moved(pos))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, Write};

    /// A writer that fails after `room` bytes, as a full disk does.
    struct Full {
        room: usize,
        data: Vec<u8>,
        pos: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.pos + buf.len() > self.room {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            let end = self.pos + buf.len();
            if self.data.len() < end {
                self.data.resize(end, 0);
            }
            self.data[self.pos..end].copy_from_slice(buf);
            self.pos = end;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
            self.pos = match to {
                io::SeekFrom::Start(n) => n as usize,
                io::SeekFrom::Current(d) => (self.pos as i64 + d) as usize,
                io::SeekFrom::End(d) => (self.data.len() as i64 + d) as usize,
            };
            Ok(self.pos as u64)
        }
    }

    /// The disk fills at every point of writing a zip (in a file's header,
    /// its data, the central directory): an error each time, and the
    /// abandoned writer dropped without a panic (the zip crate asserts on
    /// positions while finishing it).
    #[test]
    fn a_zip_failing_anywhere_is_an_error_not_a_panic() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for room in (0..10_000).step_by(97) {
            let mut zip = ZipWriter::new(Guarded::new(Full {
                room,
                data: Vec::new(),
                pos: 0,
            }));
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
            let result = (|| -> zip::result::ZipResult<()> {
                for name in ["a.html", "b/c.svg"] {
                    zip.start_file(name, options)?;
                    zip.write_all(&data)?;
                }
                zip.finish().map(|_| ())
            })();
            assert!(result.is_err(), "room {room}: the zip fit");
        }
    }
}
