//! `build --audio`: each week's read-aloud script spoken by espeak-ng's
//! Vietnamese voice and compressed to `doc-loa.mp3` beside it, small enough to
//! send in a Zalo group (a week's script: tens of KB a minute, not the
//! ~2.6 MB a minute of espeak-ng's WAV). Optional by design: a plain build
//! never runs it, and when espeak-ng is missing or fails the build warns once
//! and goes on. Weeks the officer recorded themselves (`audio/`) are not
//! synthesised: their recording is published instead (`build.rs`).

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

/// 32 kbit/s mono at espeak-ng's 22,050 Hz: clear speech, 240 KB a minute.
/// MP3 rather than Opus because every phone, Zalo and browser plays it.
#[cfg(unix)]
const BITRATE: mp3lame_encoder::Bitrate = mp3lame_encoder::Bitrate::Kbps32;

#[derive(Debug, Default)]
pub struct AudioOutcome {
    /// How many `doc-loa.mp3` files were written.
    pub written: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Receives each sound file: (path relative to the site's output, bytes).
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// Speak every week's script. `dir` holds the scripts already written (the
/// staging folder); `output` is where the officer will find the files, for
/// messages. Call [`probe`] first: this assumes espeak-ng works.
pub fn speak_weeks(dir: &Path, output: &Path, weeks: &[Week], sink: &Sink) -> AudioOutcome {
    let results: Vec<Result<(), Diagnostic>> = weeks
        .par_iter()
        .map(|&week| speak_one(dir, output, week, sink))
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
/// rather than one per week; asked once per build, before pages are rendered,
/// so they link only to sound that will exist.
pub fn probe() -> Result<(), Diagnostic> {
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

fn speak_one(dir: &Path, output: &Path, week: Week, sink: &Sink) -> Result<(), Diagnostic> {
    let rel = week_audio_path(week, "mp3");
    let warning = |message| Diagnostic::new(output.join(&rel), None, message);
    // espeak-ng's WAV goes to a temporary folder, never into the site.
    let tmp = tempfile::tempdir().map_err(|e| {
        warning(Message::Mp3Failed {
            reason: io_reason(&e),
        })
    })?;
    let wav = tmp.path().join("doc-loa.wav");
    let script = dir.join(week_script_path(week));
    let run = Command::new(ESPEAK)
        .args(["-v", "vi", "-s", WORDS_PER_MINUTE, "-b", "1", "-w"])
        .arg(&wav)
        .arg("-f")
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    let samples = match run {
        Ok(out) if out.status.success() => read_wave(&wav),
        Ok(out) => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => Err(io_reason(&e)),
    };
    let (rate, samples) = samples.map_err(|reason| {
        warning(Message::SpeechFailed {
            reason,
            script: output.join(week_script_path(week)).display().to_string(),
        })
    })?;
    let mp3 =
        encode_mp3(rate, &samples).map_err(|reason| warning(Message::Mp3Failed { reason }))?;
    sink(&rel, &mp3)
}

/// The 16-bit mono samples of espeak-ng's WAV and their rate; an error for a
/// file that is not one, or holds no sound (a half-written file).
fn read_wave(path: &Path) -> Result<(u32, Vec<i16>), String> {
    let reader = hound::WavReader::open(path).map_err(|e| e.to_string())?;
    let spec = reader.spec();
    if spec.channels != 1 || spec.bits_per_sample != 16 {
        return Err(format!(
            "{} kênh, {} bit",
            spec.channels, spec.bits_per_sample
        ));
    }
    let samples = reader
        .into_samples::<i16>()
        .collect::<Result<Vec<i16>, _>>()
        .map_err(|e| e.to_string())?;
    if samples.is_empty() {
        return Err("tệp âm thanh rỗng".into());
    }
    Ok((spec.sample_rate, samples))
}

/// The Windows download has no LAME (see Cargo.toml): each week says so.
#[cfg(not(unix))]
pub fn encode_mp3(_rate: u32, _samples: &[i16]) -> Result<Vec<u8>, String> {
    Err("bản bangtin cho Windows chưa có bộ nén MP3; hãy dựng trên Linux, hoặc tự ghi âm vào audio/".into())
}

/// Constant bit rate, so every player knows the length from the size alone.
#[cfg(unix)]
pub fn encode_mp3(rate: u32, samples: &[i16]) -> Result<Vec<u8>, String> {
    use mp3lame_encoder::{Builder, FlushNoGap, Mode, MonoPcm, Quality};
    let reason = |e: &dyn std::fmt::Display| e.to_string();
    let mut encoder = Builder::new()
        .ok_or("LAME")?
        .with_num_channels(1)
        .and_then(|b| b.with_sample_rate(rate))
        .and_then(|b| b.with_mode(Mode::Mono))
        .and_then(|b| b.with_brate(BITRATE))
        .and_then(|b| b.with_quality(Quality::Good))
        // No Xing/LAME frame: it would have to be patched in after the end.
        .and_then(|b| b.with_to_write_vbr_tag(false))
        .and_then(|b| b.build())
        .map_err(|e| reason(&e))?;
    let mut mp3 = Vec::with_capacity(mp3lame_encoder::max_required_buffer_size(samples.len()));
    encoder
        .encode_to_vec(MonoPcm(samples), &mut mp3)
        .map_err(|e| reason(&e))?;
    // The flush needs room for its last frames (7,200 bytes, says LAME).
    mp3.reserve(7200);
    encoder
        .flush_to_vec::<FlushNoGap>(&mut mp3)
        .map_err(|e| reason(&e))?;
    Ok(mp3)
}

#[cfg(all(test, unix))]
mod tests {
    use super::encode_mp3;

    #[test]
    fn a_second_of_tone_is_four_kilobytes() {
        let samples: Vec<i16> = (0..22_050)
            .map(|i| ((i as f32 * 0.05).sin() * 8000.0) as i16)
            .collect();
        let mp3 = encode_mp3(22_050, &samples).unwrap();
        // 32 kbit/s: 4,000 bytes a second, give or take a frame.
        assert!((3_500..=5_500).contains(&mp3.len()), "{}", mp3.len());
        // An MPEG-2 Layer III frame header (22.05 kHz is MPEG-2).
        assert_eq!(mp3[0], 0xFF);
        assert_eq!(mp3[1] & 0xFE, 0xF2);
    }
}
