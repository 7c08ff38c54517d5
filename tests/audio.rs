//! `build --audio`: espeak-ng speaks each week's script into doc-loa.wav when
//! it is installed; when it is missing or fails, the build warns and goes on,
//! and a plain build never runs it.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{path_str, Run, SiteTest};

const WAV: &str = "lich/tuan-2022-48/doc-loa.wav";

/// `bangtin build` of `t` into `out`, with PATH replaced when given.
fn build(t: &SiteTest, out: &Path, audio: bool, path: Option<OsString>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bangtin"));
    cmd.args([
        "build",
        "--root",
        path_str(&t.root),
        "--output",
        path_str(out),
    ])
    .args(["--today", "28/11/2022"]);
    if audio {
        cmd.arg("--audio");
    }
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    let output = cmd.output().expect("run bangtin");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file of an output folder with its bytes, sorted by path.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn espeak_ng_installed() -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|dir| dir.join("espeak-ng").is_file()));
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "espeak-ng is needed (.ci/run installs it)"
        );
        eprintln!("note: espeak-ng missing, audio test skipped");
    }
    found
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[test]
fn audio_speaks_each_week_into_a_wave_file() {
    if !espeak_ng_installed() {
        return;
    }
    let t = SiteTest::fixture("minimal");
    let plain_out = t.out.with_file_name("plain");
    assert_eq!(build(&t, &plain_out, false, None).code, 0);
    let run = build(&t, &t.out, true, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("espeak-ng"), "{}", run.stderr);

    let wav = std::fs::read(t.output_file(WAV)).expect("doc-loa.wav written");
    assert_eq!(&wav[0..4], b"RIFF");
    assert_eq!(&wav[8..12], b"WAVE");
    assert_eq!(&wav[12..16], b"fmt ");
    // A real header: sizes match the file (not a stream's placeholder).
    assert_eq!(u32_at(&wav, 4) as usize, wav.len() - 8);
    let data_at = wav
        .windows(4)
        .position(|w| w == b"data")
        .expect("data chunk");
    let samples = u32_at(&wav, data_at + 4) as usize;
    assert_eq!(samples, wav.len() - data_at - 8);
    // 16-bit mono at espeak-ng's rate: the script lasts well over ten seconds.
    let rate = u32_at(&wav, 24) as usize;
    assert!(samples / 2 > rate * 10, "{} s", samples / 2 / rate);

    // Audio only adds files: everything else is byte-identical to a plain build.
    let mut with_audio = snapshot(&t.out);
    with_audio.retain(|(f, _)| !f.ends_with(".wav"));
    assert_eq!(with_audio, snapshot(&plain_out));
    // The summary counts every file written, audio included (not the .bangtin marker).
    let written = t.output_files().len() - 1;
    assert!(
        run.stdout.contains(&format!("{written} tệp")),
        "{}",
        run.stdout
    );
}

#[test]
fn without_espeak_ng_the_build_warns_once_and_goes_on() {
    let t = SiteTest::fixture("minimal");
    t.write(
        "schedules/sau.yaml",
        "sessions:\n  - {hamlet: Song, date: 06/12/2022}\n",
    );
    let empty = tempfile::tempdir().unwrap();
    let plain_out = t.out.with_file_name("plain");
    assert_eq!(build(&t, &plain_out, false, None).code, 0);
    let run = build(&t, &t.out, true, Some(empty.path().into()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches("Không tìm thấy chương trình espeak-ng")
            .count(),
        1,
        "one message for two weeks:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("sudo apt install espeak-ng"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&t.out), snapshot(&plain_out));
}

/// A stand-in espeak-ng: a shell script that logs each call, answers the
/// voice check, and then behaves as `synthesis` says.
#[cfg(unix)]
fn fake_espeak(dir: &Path, synthesis: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("calls.log");
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{}'\ncase \" $* \" in *\" -q \"*) exit 0;; esac\n{synthesis}\n",
        log.display()
    );
    let exe = dir.join("espeak-ng");
    std::fs::write(&exe, script).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    log
}

#[cfg(unix)]
#[test]
fn a_plain_build_never_runs_espeak_ng() {
    let t = SiteTest::fixture("minimal");
    let bin = tempfile::tempdir().unwrap();
    let log = fake_espeak(bin.path(), "exit 0");
    assert_eq!(build(&t, &t.out, false, Some(bin.path().into())).code, 0);
    assert!(!log.exists(), "espeak-ng ran without --audio");
    // With --audio it runs, with arguments (no shell): voice check, then the week.
    build(&t, &t.out, true, Some(bin.path().into()));
    let calls = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[0], "-q -v vi thử");
    assert!(
        calls[1].starts_with("-v vi -s 140 -b 1 -w ")
            && calls[1].ends_with("lich/tuan-2022-48/doc-loa.txt"),
        "{}",
        calls[1]
    );
}

#[cfg(unix)]
#[test]
fn a_failing_espeak_ng_is_a_warning_and_leaves_no_half_file() {
    let t = SiteTest::fixture("minimal");
    let bin = tempfile::tempdir().unwrap();
    // Writes the start of a file, then fails, as a crash would.
    fake_espeak(
        bin.path(),
        "while [ $# -gt 0 ]; do if [ \"$1\" = -w ]; then printf RIFF > \"$2\"; fi; shift; done\n\
         echo 'giọng đọc bị lỗi' >&2\nexit 1",
    );
    let run = build(&t, &t.out, true, Some(bin.path().into()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("doc-loa.wav: espeak-ng không tạo được tệp âm thanh này (giọng đọc bị lỗi)"),
        "{}",
        run.stderr
    );
    assert!(!t.output_file(WAV).exists());
    assert!(t.output_file("lich/tuan-2022-48/doc-loa.txt").is_file());
}
