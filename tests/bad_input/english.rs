//! No English reaches the officer (issue 20, finding 12): clap's own errors
//! and help words, the zip writer's complaint on a full disk, tera's errors,
//! Rust's panic text and backtrace, and the panic of a closed pipe.

use std::process::{Command, Stdio};

use crate::assert_refused;
use crate::common::{path_str, Run, SiteTest};

/// Words of clap, tera, the zip crate and Rust's runtime that once reached
/// the officer.
const ENGLISH: &[&str] = &[
    "error:",
    "Usage",
    "unexpected",
    "For more information",
    "argument",
    "found",
    "COMMAND",
    "OPTIONS",
    "default:",
    "Options",
    "Arguments",
    "Commands",
    "ZipWriter",
    "finalize",
    "os error",
    "panicked",
    "backtrace",
    "thread '",
    "Failed to",
    "Variable",
    "Broken pipe",
];

fn assert_no_english(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

fn run_with(t: &SiteTest, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(t.root.parent().unwrap())
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn command_line_mistakes_are_said_in_vietnamese_only() {
    let t = SiteTest::fixture("minimal");
    let cases: &[(&[&str], &str)] = &[
        (&["build", "--bogus"], "Không hiểu tùy chọn --bogus."),
        (&["khong-co-lenh"], "Không có lệnh \"khong-co-lenh\"."),
        (&["buid"], "Có phải ý bạn là build?"),
        (&["build", "--outpt", "x"], "Có phải ý bạn là --output?"),
        (&[], "Chưa ghi lệnh nào"),
        (&["init"], "Câu lệnh còn thiếu <thư-mục>."),
        (&["build", "--today", "31/02/2023"], "28 ngày"),
        (&["serve", "--port", "abc"], "cổng là một số từ 0 đến 65535"),
        (&["build", "--output"], "Tùy chọn --output cần một giá trị"),
        (
            &["check", "--root", "a", "--root", "b"],
            "được ghi nhiều lần",
        ),
    ];
    for (args, says) in cases {
        let run = t.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("lỗi: "), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("  Cách sửa: "),
            "{args:?}: {}",
            run.stderr
        );
        assert_no_english(&run.stderr);
    }
}

#[test]
fn help_is_vietnamese() {
    let t = SiteTest::fixture("minimal");
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "-h"],
        &["serve", "--help"],
        &["init", "--help"],
        &["theme", "--help"],
    ] {
        let run = t.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("Cách dùng: bangtin"), "{}", run.stdout);
        assert_no_english(&run.stdout);
        assert!(!run.stdout.contains("<ROOT>") && !run.stdout.contains("<DIR>"));
    }
    let run = t.run(&["build", "--help"]);
    assert!(run.stdout.contains("--root <thư-mục>"), "{}", run.stdout);
    assert!(run.stdout.contains("(mặc định: content)"), "{}", run.stdout);
}

/// The zip on a full disk (the file-size limit, which binds root too):
/// the zip crate's drop said "ZipWriter::drop: failed to finalize archive".
#[cfg(unix)]
#[test]
fn a_zip_that_does_not_fit_is_explained_in_vietnamese() {
    let t = SiteTest::fixture("minimal");
    // Files the limit lets through one by one, but not zipped together.
    let mut noise = 0x2545_f491_4f6c_dd1du64;
    for i in 0..6 {
        let bytes: Vec<u8> = (0..60_000)
            .map(|_| {
                noise ^= noise << 13;
                noise ^= noise >> 7;
                noise ^= noise << 17;
                noise as u8
            })
            .collect();
        t.write_bytes(&format!("static/tep-{i}.bin"), &bytes);
    }
    let output = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 200; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_bangtin"))
        .args([
            "build",
            "--root",
            path_str(&t.root),
            "--output",
            path_str(&t.out),
            "--zip",
        ])
        .output()
        .unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_refused(&run, 1, &[], &["Không tạo được tệp nén", "vượt quá cỡ"]);
    assert_no_english(&run.stderr);
}

/// Tera's errors, reworded: a syntax error at its line and column, a
/// missing variable by name.
#[test]
fn template_errors_are_said_in_vietnamese() {
    let cases = [
        (
            "<footer>{{ site.authority </footer>",
            "templates/footer.html:1:",
            "viết sai cú pháp",
        ),
        (
            "<footer>{{ khong_co }}</footer>",
            "templates/footer.html",
            "không có biến `khong_co`",
        ),
        (
            "{% import \"khong-co.html\" as m %}<footer></footer>",
            "templates/footer.html",
            "nạp macro từ mẫu khong-co.html",
        ),
    ];
    for (template, at, says) in cases {
        let t = SiteTest::fixture("minimal");
        t.write("templates/footer.html", template);
        let run = t.build();
        assert_refused(&run, 1, &[], &[at, says, "Mẫu giao diện bị lỗi"]);
        assert_no_english(&run.stderr);
    }
}

/// A panic (none is known: a test switch makes one) prints two Vietnamese
/// lines naming a report file, which holds the details; no backtrace.
#[test]
fn a_panic_is_reported_in_vietnamese_with_the_details_in_a_file() {
    let t = SiteTest::fixture("minimal");
    let reports = t.root.parent().unwrap().join("tam");
    std::fs::create_dir_all(&reports).unwrap();
    let run = run_with(
        &t,
        &[
            "build",
            "--root",
            path_str(&t.root),
            "--output",
            path_str(&t.out),
        ],
        &[
            ("BANGTIN_PANIC_FOR_TEST", "1"),
            ("TMPDIR", path_str(&reports)),
            ("RUST_BACKTRACE", "1"),
        ],
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.starts_with("lỗi: bangtin gặp lỗi bên trong"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert_no_english(&run.stderr);
    let files: Vec<_> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(run.stderr.contains(path_str(&files[0])), "{}", run.stderr);
    let report = std::fs::read_to_string(&files[0]).unwrap();
    assert!(report.contains("BANGTIN_PANIC_FOR_TEST"), "{report}");
    assert!(report.contains("main.rs"), "{report}");
    assert!(!t.out.exists());
}

/// `bangtin build | head -1`: the closed pipe made `println!` panic.
#[test]
fn output_into_a_closed_pipe_is_not_a_crash() {
    let t = SiteTest::fixture("minimal");
    let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args([
            "build",
            "--root",
            path_str(&t.root),
            "--output",
            path_str(&t.out),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Nobody reads what the build prints.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_no_english(&stderr);
    assert!(t.out.join("index.html").is_file());
}
