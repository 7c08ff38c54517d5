//! Broken input: every case fails with exit code 1, names the file and line in
//! Vietnamese with a fix, and leaves the previously built site untouched.

mod common;

use common::SiteTest;

/// Build the good fixture, break one file, build again: returns stderr.
fn break_and_build(rel: &str, text: &[u8]) -> (SiteTest, String) {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let before = t.snapshot_output();
    t.write_bytes(rel, text);
    let run = t.build();
    assert_eq!(
        run.code, 1,
        "expected failure for {rel}\nstdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(run.stderr.contains("lỗi:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Cách sửa:"),
        "no fix suggested:\n{}",
        run.stderr
    );
    assert!(
        before == t.snapshot_output(),
        "failed build changed the output"
    );
    (t, run.stderr)
}

fn session_file(body: &str) -> Vec<u8> {
    format!("sessions:\n{body}").into_bytes()
}

#[test]
fn impossible_date() {
    let (_, err) = break_and_build(
        "schedules/lich.yaml",
        &session_file("  - hamlet: Đông Lão\n    date: 31/02/2023\n"),
    );
    assert!(err.contains("schedules/lich.yaml:3:11"), "{err}");
    assert!(
        err.contains("31/02/2023") && err.contains("28 ngày"),
        "{err}"
    );
}

#[test]
fn campaign_end_before_start() {
    let t = SiteTest::fixture("minimal");
    let site = t
        .read_source("site.yaml")
        .replace("end: 20/12/2022", "end: 20/10/2022");
    let (_, err) = break_and_build("site.yaml", site.as_bytes());
    assert!(err.contains("site.yaml:7:8"), "{err}");
    assert!(
        err.contains("kết thúc") && err.contains("20/10/2022"),
        "{err}"
    );
}

#[test]
fn unknown_hamlet_suggests_the_nearest() {
    let (_, err) = break_and_build(
        "schedules/lich.yaml",
        &session_file("  - hamlet: Đông Lảo\n    date: 29/11/2022\n"),
    );
    assert!(err.contains("schedules/lich.yaml:2:13"), "{err}");
    assert!(
        err.contains("\"Đông Lảo\"") && err.contains("\"Đông Lão\""),
        "{err}"
    );
}

#[test]
fn time_range_ending_before_it_starts() {
    let (_, err) = break_and_build(
        "schedules/lich.yaml",
        &session_file("  - hamlet: Song\n    date: 04/12/2022\n    time: 13:30-11:00\n"),
    );
    assert!(err.contains("schedules/lich.yaml:4:11"), "{err}");
    assert!(err.contains("11:00") && err.contains("13:30"), "{err}");
}

#[test]
fn guide_without_title() {
    let (_, err) = break_and_build("guides/kich-hoat.md", b"---\nsummary: x\n---\nNoi dung\n");
    assert!(err.contains("guides/kich-hoat.md:1"), "{err}");
    assert!(err.contains("title"), "{err}");
}

#[test]
fn guide_without_front_matter() {
    let (_, err) = break_and_build("guides/kich-hoat.md", "# Kích hoạt\n\nNội dung".as_bytes());
    assert!(err.contains("guides/kich-hoat.md:1"), "{err}");
    assert!(err.contains("front matter"), "{err}");
}

#[test]
fn yaml_syntax_error() {
    let (_, err) = break_and_build(
        "schedules/lich.yaml",
        &session_file("  - hamlet: Song\n    date: 04/12/2022\n    note: \"chưa đóng\n"),
    );
    assert!(err.contains("schedules/lich.yaml:4:11"), "{err}");
    assert!(err.contains("ngoặc kép"), "{err}");
}

#[test]
fn unknown_key_gets_did_you_mean() {
    let (_, err) = break_and_build(
        "schedules/lich.yaml",
        &session_file("  - hamlet: Song\n    dat: 04/12/2022\n"),
    );
    assert!(err.contains("schedules/lich.yaml:3:5"), "{err}");
    assert!(err.contains("`dat`") && err.contains("`date`"), "{err}");
}

#[test]
fn file_not_in_utf8() {
    // "Thôn" saved by an old Windows tool in Latin-1.
    let (_, err) = break_and_build("schedules/lich.yaml", b"sessions:\n  - hamlet: Th\xF4n\n");
    assert!(err.contains("schedules/lich.yaml:2:15"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn unknown_point_kind() {
    let (_, err) = break_and_build(
        "schedules/lich.yaml",
        b"points:\n  - name: A\n    kind: mobil\n",
    );
    assert!(err.contains("schedules/lich.yaml:3:11"), "{err}");
    assert!(err.contains("`mobile`"), "{err}");
}

#[test]
fn missing_site_yaml() {
    let t = SiteTest::fixture("minimal");
    t.remove("site.yaml");
    let run = t.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("bangtin init"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_lists_every_problem_sorted_with_a_count() {
    let t = SiteTest::fixture("minimal");
    t.write("schedules/lich.yaml", "sessions:\n  - hamlet: Đông Lảo\n    date: 31/02/2023\n  - hamlet: Song\n    date: 04/12/2022\n    time: 13:30-11:00\n");
    t.write("guides/kich-hoat.md", "---\nsummary: x\n---\n");
    let run = t.check();
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("lỗi:"))
        .collect();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    assert!(errors[0].contains("guides/kich-hoat.md"), "{errors:?}");
    assert!(errors[1].contains("lich.yaml:3:11"), "{errors:?}");
    assert!(errors[2].contains("lich.yaml:6:11"), "{errors:?}");
    assert!(run.stderr.contains("Có 3 lỗi"), "{}", run.stderr);
    // check writes nothing.
    assert!(!t.out.exists());
}

#[test]
fn output_folder_with_foreign_files_is_not_deleted() {
    let t = SiteTest::fixture("minimal");
    std::fs::create_dir_all(&t.out).unwrap();
    std::fs::write(t.out.join("quan-trong.docx"), b"data").unwrap();
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(t.out.join("quan-trong.docx").is_file());
    assert!(
        run.stderr.contains("không do bangtin tạo"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_inside_content_is_refused() {
    let t = SiteTest::fixture("minimal");
    let inside = t.root.join("public");
    let run = t.run(&[
        "build",
        "--root",
        common::path_str(&t.root),
        "--output",
        common::path_str(&inside),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!inside.exists());
}

#[test]
fn usage_errors_exit_2() {
    let t = SiteTest::fixture("minimal");
    let run = t.run(&["build", "--no-such-flag"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("Không hiểu tùy chọn --no-such-flag"),
        "{}",
        run.stderr
    );
    let run = t.run(&["build", "--today", "31/02/2023"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("28 ngày"), "{}", run.stderr);
    // No arguments: on Windows that is a double-click (tests/windows.sh);
    // elsewhere, a terminal, it stays a usage error and starts nothing.
    if cfg!(not(windows)) {
        let run = t.run(&[]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("Chưa ghi lệnh nào sau bangtin."),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    let run = t.run(&["--help"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("Cách dùng") && run.stdout.contains("In hướng dẫn này"),
        "{}",
        run.stdout
    );
    // Each command's help names its values in Vietnamese too (clap writes an
    // unnamed one as the field's name in capitals: `<PROVINCE>`).
    for command in ["build", "check", "serve", "init", "theme"] {
        let run = t.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        let english = run.stdout.split('<').skip(1).find(|value| {
            let name = value.split('>').next().unwrap_or("");
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        });
        assert!(english.is_none(), "{command} --help:\n{}", run.stdout);
        assert!(run.stdout.contains("Cách dùng"), "{}", run.stdout);
    }
}
