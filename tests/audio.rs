//! `build --audio`: espeak-ng speaks each week's script, compressed to
//! doc-loa.mp3, when it is installed; when it is missing or fails, the build
//! warns and goes on, and a plain build never runs it. The officer's own
//! recording (`audio/tuan-2022-48.mp3`) is published in its place.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{path_str, Run, SiteTest};

const MP3: &str = "lich/tuan-2022-48/doc-loa.mp3";
const WEEK_PAGE: &str = "lich/tuan-2022-48/index.html";

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

/// An MP3 decoded back by symphonia (an independent decoder): its length in
/// seconds and the loudness (RMS, 0 to 1) of its samples.
fn decode_mp3(bytes: Vec<u8>) -> (f64, f64) {
    use symphonia::core::audio::SampleBuffer;
    use symphonia::core::errors::Error;
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::probe::Hint;

    let stream = MediaSourceStream::new(Box::new(std::io::Cursor::new(bytes)), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("mp3");
    let probed = symphonia::default::get_probe()
        .format(&hint, stream, &Default::default(), &Default::default())
        .expect("an MP3 stream");
    let mut format = probed.format;
    let track = format.default_track().expect("a track");
    let rate = track.codec_params.sample_rate.expect("a sample rate");
    assert_eq!(
        track.codec_params.channels.map(|c| c.count()),
        Some(1),
        "mono"
    );
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &Default::default())
        .expect("an MP3 decoder");
    let (mut frames, mut energy) = (0usize, 0f64);
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            Err(Error::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => panic!("{e}"),
        };
        let decoded = decoder.decode(&packet).expect("a frame that decodes");
        let mut samples = SampleBuffer::<f32>::new(decoded.capacity() as u64, *decoded.spec());
        samples.copy_interleaved_ref(decoded);
        frames += samples.samples().len();
        energy += samples
            .samples()
            .iter()
            .map(|&x| f64::from(x * x))
            .sum::<f64>();
    }
    assert!(frames > 0);
    (
        frames as f64 / f64::from(rate),
        (energy / frames as f64).sqrt(),
    )
}

/// How long espeak-ng's own WAV of `script` lasts, and its size.
fn wav_of(script: &Path) -> (f64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("w.wav");
    let status = Command::new("espeak-ng")
        .args(["-v", "vi", "-s", "140", "-b", "1", "-w"])
        .arg(&wav)
        .arg("-f")
        .arg(script)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&wav).unwrap();
    let rate = u32::from_le_bytes(bytes[24..28].try_into().unwrap());
    // 16-bit mono after a 44-byte header.
    (
        (bytes.len() - 44) as f64 / 2.0 / f64::from(rate),
        bytes.len() as u64,
    )
}

#[test]
fn audio_speaks_each_week_into_a_small_mp3() {
    if !espeak_ng_installed() {
        return;
    }
    let t = SiteTest::fixture("minimal");
    let plain_out = t.out.with_file_name("plain");
    assert_eq!(build(&t, &plain_out, false, None).code, 0);
    let run = build(&t, &t.out, true, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("espeak-ng"), "{}", run.stderr);

    let mp3 = std::fs::read(t.output_file(MP3)).expect("doc-loa.mp3 written");
    let (seconds, loudness) = decode_mp3(mp3.clone());
    let (wav_seconds, wav_size) = wav_of(&t.output_file("lich/tuan-2022-48/doc-loa.txt"));
    eprintln!(
        "week script: WAV {wav_size} bytes, {wav_seconds:.1} s; MP3 {} bytes, {seconds:.1} s",
        mp3.len()
    );
    // The whole script, no more: LAME adds under a tenth of a second of padding.
    assert!(wav_seconds > 10.0, "{wav_seconds} s");
    assert!(
        (seconds - wav_seconds).abs() < 0.15,
        "{seconds} s against {wav_seconds} s"
    );
    assert!(loudness > 0.01, "speech, not silence: {loudness}");
    // 32 kbit/s: 4 KB a second, under a megabyte for four minutes.
    let expected = seconds * 4000.0;
    assert!(
        (mp3.len() as f64 - expected).abs() < 2000.0,
        "{} bytes for {seconds:.1} s",
        mp3.len()
    );
    assert!(mp3.len() as u64 * 8 < wav_size);
    assert!(!t.output_file("lich/tuan-2022-48/doc-loa.wav").exists());

    // The week page offers the sound; without --audio it doesn't.
    let page = t.page(WEEK_PAGE);
    assert_eq!(
        page.attrs("audio", "src"),
        ["../../lich/tuan-2022-48/doc-loa.mp3"]
    );
    assert!(page
        .attrs("a[download]", "href")
        .contains(&"../../lich/tuan-2022-48/doc-loa.mp3".to_string()));
    assert!(page
        .select_texts(".read-aloud")
        .join(" ")
        .contains("giọng máy"));
    assert!(!std::fs::read_to_string(plain_out.join(WEEK_PAGE))
        .unwrap()
        .contains("doc-loa.mp3"));
    common::assert_links_resolve(&t.out);

    // Audio only adds files and the link: everything else is byte-identical.
    let mut with_audio = snapshot(&t.out);
    with_audio.retain(|(f, _)| !f.ends_with(".mp3") && !f.starts_with("lich/tuan-"));
    let mut plain = snapshot(&plain_out);
    plain.retain(|(f, _)| !f.starts_with("lich/tuan-"));
    assert_eq!(with_audio, plain);
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
            .contains("doc-loa.mp3: espeak-ng không tạo được tệp âm thanh này (giọng đọc bị lỗi)"),
        "{}",
        run.stderr
    );
    assert!(!t.output_file(MP3).exists());
    assert!(t.output_file("lich/tuan-2022-48/doc-loa.txt").is_file());
}

#[cfg(unix)]
#[test]
fn the_officers_recording_is_published_in_place_of_the_synthetic_voice() {
    let t = SiteTest::fixture("minimal");
    // Any bytes: bangtin publishes the officer's file as it is.
    let recording = b"ID3\x04\0\0\0\0\0\0 a recording of the week";
    t.write_bytes("audio/tuan-2022-48.mp3", recording);
    // Names that say no week, sound phones may not play, a week without sessions.
    t.write_bytes("audio/ghi-am-thu-hai.mp3", b"x");
    t.write_bytes("audio/tuan-2022-49.wav", b"x");
    t.write_bytes("audio/tuan-2030-01.mp3", b"x");

    // Without --audio: the recording alone is published, and linked.
    let run = build(&t, &t.out, false, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(t.output_file(MP3)).unwrap(), recording);
    let page = t.page(WEEK_PAGE);
    assert_eq!(
        page.attrs("audio", "src"),
        ["../../lich/tuan-2022-48/doc-loa.mp3"]
    );
    assert!(page
        .select_texts(".read-aloud")
        .join(" ")
        .contains("Bản ghi âm"));
    common::assert_links_resolve(&t.out);
    for warning in [
        "ghi-am-thu-hai.mp3: Tên tệp ghi âm ghi-am-thu-hai.mp3 không cho biết của tuần nào",
        "tuan-2022-49.wav: Tệp ghi âm .wav chưa được đăng",
        "tuan-2030-01.mp3: Tuần 1 năm 2030 không có buổi nào trong lịch",
    ] {
        assert!(run.stderr.contains(warning), "{warning}\n{}", run.stderr);
    }
    assert_eq!(
        t.output_files()
            .iter()
            .filter(|f| f.contains("doc-loa.") && !f.ends_with(".txt"))
            .count(),
        1
    );

    // With --audio: espeak-ng is asked about its voice, but does not speak
    // the recorded week.
    let bin = tempfile::tempdir().unwrap();
    let log = fake_espeak(bin.path(), "exit 1");
    let run = build(&t, &t.out, true, Some(bin.path().into()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls.lines().collect::<Vec<_>>(), ["-q -v vi thử"]);
    assert_eq!(std::fs::read(t.output_file(MP3)).unwrap(), recording);
}
