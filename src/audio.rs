//! `build --audio`: each week's read-aloud script spoken by espeak-ng's
//! Vietnamese voice into `doc-loa.wav` beside it. Optional by design: a plain
//! build never runs it, and when espeak-ng is missing or fails the build warns
//! once and goes on. It only adds files; every other file stays byte-identical.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Message};
use crate::disk::io_reason;
use crate::plan::{week_audio_path, week_script_path, Week};

/// Found on PATH; run directly with arguments, never through a shell.
const ESPEAK: &str = "espeak-ng";

/// Slower than espeak-ng's default 175 words a minute: loudspeakers echo.
const WORDS_PER_MINUTE: &str = "140";

#[derive(Debug, Default)]
pub struct AudioOutcome {
    /// How many `doc-loa.wav` files were written.
    pub written: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Speak every week's script. `dir` holds the scripts already written (the
/// staging folder); `output` is where the officer will find the files, for messages.
pub fn speak_weeks(dir: &Path, output: &Path, weeks: &[Week]) -> AudioOutcome {
    if weeks.is_empty() {
        return AudioOutcome::default();
    }
    if let Err(warning) = probe() {
        return AudioOutcome {
            written: 0,
            warnings: vec![warning],
        };
    }
    let results: Vec<Result<(), Diagnostic>> = weeks
        .par_iter()
        .map(|&week| speak_one(dir, output, week))
        .collect();
    let mut outcome = AudioOutcome::default();
    for result in results {
        match result {
            Ok(()) => outcome.written += 1,
            Err(warning) => outcome.warnings.push(warning),
        }
    }
    outcome
}

fn tool_warning(message: Message) -> Diagnostic {
    Diagnostic::new(PathBuf::from(ESPEAK), None, message)
}

/// Is espeak-ng there, with a Vietnamese voice? One clear message if not,
/// rather than one per week.
fn probe() -> Result<(), Diagnostic> {
    let run = Command::new(ESPEAK)
        .args(["-q", "-v", "vi", "thử"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match run {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(tool_warning(Message::EspeakMissing))
        }
        Err(e) => Err(tool_warning(Message::EspeakFailed {
            reason: io_reason(&e),
        })),
        Ok(out) if !out.status.success() => Err(tool_warning(Message::EspeakWithoutVietnamese {
            reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })),
        Ok(_) => Ok(()),
    }
}

fn speak_one(dir: &Path, output: &Path, week: Week) -> Result<(), Diagnostic> {
    let script = dir.join(week_script_path(week));
    let wav = dir.join(week_audio_path(week));
    let run = Command::new(ESPEAK)
        .args(["-v", "vi", "-s", WORDS_PER_MINUTE, "-b", "1", "-w"])
        .arg(&wav)
        .arg("-f")
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    let reason = match run {
        Ok(out) if out.status.success() && is_wave(&wav) => return Ok(()),
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
        Err(e) => io_reason(&e),
    };
    // A half-written file would pass for a recording.
    let _ = std::fs::remove_file(&wav);
    Err(Diagnostic::new(
        output.join(week_audio_path(week)),
        None,
        Message::SpeechFailed {
            reason,
            script: output.join(week_script_path(week)).display().to_string(),
        },
    ))
}

/// A RIFF/WAVE file with sound after its 44-byte header.
fn is_wave(path: &Path) -> bool {
    let mut head = [0u8; 12];
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    file.read_exact(&mut head).is_ok()
        && head.starts_with(b"RIFF")
        && head.ends_with(b"WAVE")
        && file.metadata().is_ok_and(|m| m.len() > 44)
}
