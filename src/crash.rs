//! A panic is a bug, never the officer's doing: instead of Rust's English
//! text and backtrace, a short Vietnamese message naming a report file that
//! holds the details (message, place, backtrace) for whoever maintains
//! bangtin. `main` installs the hook once; a caught panic that is expected
//! (calamine on a malformed workbook) runs under [`catch_quietly`].

use std::cell::Cell;
use std::fmt::Write as _;
use std::panic::{PanicHookInfo, UnwindSafe};
use std::path::PathBuf;

use crate::diagnostics::{self, Message};

thread_local! {
    /// Set on this thread while a panic is caught and reported as a
    /// diagnostic of its own.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `f`, its panic caught without a crash report: for code that is expected
/// to panic on some input and whose caller says so itself.
pub fn catch_quietly<R>(f: impl FnOnce() -> R + UnwindSafe) -> std::thread::Result<R> {
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(was));
    result
}

/// Replace Rust's panic message with ours, for the whole process.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        if QUIET.with(Cell::get) {
            return;
        }
        let message = match write_report(&report(info)) {
            Ok(path) => Message::Crashed {
                report: path.display().to_string(),
            },
            Err(e) => Message::CrashedNoReport {
                reason: crate::disk::io_reason(&e),
            },
        };
        eprint!("{}", diagnostics::render_message(&message));
    }));
}

/// What a maintainer needs: version, command line, the panic, the backtrace.
fn report(info: &PanicHookInfo) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "Báo cáo lỗi của bangtin {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "Thời điểm: {}", chrono::Local::now().to_rfc3339());
    let args: Vec<String> = std::env::args().collect();
    let _ = writeln!(out, "Câu lệnh: {}", args.join(" "));
    let thread = std::thread::current();
    let _ = writeln!(out, "Luồng: {}", thread.name().unwrap_or("?"));
    if let Some(place) = info.location() {
        let _ = writeln!(
            out,
            "Chỗ: {}:{}:{}",
            place.file(),
            place.line(),
            place.column()
        );
    }
    let _ = writeln!(out, "Lỗi: {payload}\n");
    let _ = writeln!(out, "{}", std::backtrace::Backtrace::force_capture());
    out
}

/// The report in the system's temporary folder, named so two never meet.
fn write_report(text: &str) -> std::io::Result<PathBuf> {
    let name = format!(
        "bangtin-bao-loi-{}-{}.txt",
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    );
    let path = std::env::temp_dir().join(name);
    std::fs::write(&path, text)?;
    Ok(path)
}
