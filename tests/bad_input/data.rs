//! Nothing lost: a build that is killed, or whose disk fills up, leaves the
//! previous site exactly as it was; the next build cleans up after it.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::assert_refused;
use crate::common::{path_str, SiteTest};

fn staging(t: &SiteTest) -> PathBuf {
    t.out.with_file_name(".public.bangtin-tmp")
}

fn build_args(t: &SiteTest) -> Vec<String> {
    [
        "build",
        "--root",
        path_str(&t.root),
        "--output",
        path_str(&t.out),
        "--today",
        "28/11/2022",
    ]
    .map(String::from)
    .to_vec()
}

fn retitle(t: &SiteTest, title: &str) {
    let site = t.read_source("site.yaml");
    let first = site.lines().next().unwrap();
    t.write(
        "site.yaml",
        &site.replacen(first, &format!("title: {title}"), 1),
    );
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_the_previous_site_and_the_next_cleans_up() {
    let t = SiteTest::fixture("minimal");
    for i in 0..3000 {
        t.write(
            &format!("guides/bai-{i:04}.md"),
            &format!(
                "---\ntitle: Hướng dẫn số {i}\n---\nNội dung **{i}**: [cài đặt](cai-dat.md).\n"
            ),
        );
    }
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = t.snapshot_output();
    retitle(&t, "Tiêu đề mới");

    let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(build_args(&t))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the build is well into writing pages, then kill -9 it.
    let started = Instant::now();
    let written = || {
        walkdir::WalkDir::new(staging(&t))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count()
    };
    while written() < 300 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        assert!(started.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL: no destructor runs.
    child.wait().unwrap();

    assert!(
        staging(&t).is_dir(),
        "the killed build left no staging folder"
    );
    assert!(
        before == t.snapshot_output(),
        "the killed build changed the site"
    );
    // Its lock file stays, but the lock died with it (issue 20): the next
    // build does not wait the 60 s a live build is waited for.
    assert!(t.out.with_file_name(".public.bangtin-lock").is_file());

    let args = build_args(&t);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = crate::common::run_bounded(t.root.parent().unwrap(), &args, 2048, 40);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !staging(&t).exists(),
        "the stale staging folder is still there"
    );
    assert_eq!(t.page("index.html").select_texts("h1"), ["Tiêu đề mới"]);
    assert_eq!(t.output_files().len(), before.len());
}

/// The disk fills up halfway: simulated with the file-size limit, which binds
/// root too (a read-only folder does not stop root, and CI runs as root).
#[cfg(unix)]
#[test]
fn a_disk_that_fills_up_midway_leaves_the_previous_site() {
    let t = SiteTest::fixture("minimal");
    for i in 0..50 {
        t.write(
            &format!("guides/bai-{i:02}.md"),
            &format!(
                "---\ntitle: Bài {i}\n---\n{}\n",
                "Nội dung dài. ".repeat(30 * i)
            ),
        );
    }
    assert_eq!(t.build().code, 0);
    let before = t.snapshot_output();
    retitle(&t, "Tiêu đề mới");
    // Ignoring SIGXFSZ turns "file too large" into a write error, as ENOSPC is.
    let output = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_bangtin"))
        .args(build_args(&t))
        .output()
        .unwrap();
    let run = crate::common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_refused(&run, 1, &[], &["Không ghi được", "vượt quá cỡ", "ổ đĩa"]);
    // The file is named as it would be in the output, not in the staging folder.
    assert!(run.stderr.contains("/public/"), "{}", run.stderr);
    assert!(
        before == t.snapshot_output(),
        "the failed build changed the site"
    );
    assert!(
        !staging(&t).exists(),
        "the failed build left its staging folder"
    );
}

#[test]
fn an_output_path_through_a_file_fails_cleanly() {
    let t = SiteTest::fixture("minimal");
    let file = t.root.parent().unwrap().join("tep.txt");
    std::fs::write(&file, "giữ nguyên").unwrap();
    let run = t.run(&["build", "--root", "site", "--output", "tep.txt/public"]);
    assert_refused(
        &run,
        1,
        &[],
        &["Không ghi được", "là tệp, không phải thư mục"],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "giữ nguyên");
}

#[test]
fn a_swap_interrupted_between_its_renames_is_undone() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let before = t.snapshot_output();
    // Killed after moving the old site aside, before moving the new one in.
    let aside = t.out.with_file_name(".public.bangtin-old");
    std::fs::rename(&t.out, &aside).unwrap();
    t.write(
        "schedules/lich.yaml",
        "sessions:\n  - hamlet: Không Có\n    date: 29/11/2022\n",
    );
    let run = t.build();
    assert_refused(&run, 1, &["schedules/lich.yaml:2:13"], &["Không Có"]);
    assert!(
        before == t.snapshot_output(),
        "the previous site was not put back"
    );
    assert!(!aside.exists());
}

#[test]
fn leftovers_of_a_killed_build_are_removed() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    std::fs::create_dir_all(staging(&t).join("lich")).unwrap();
    std::fs::write(staging(&t).join("lich/index.html"), "dở dang").unwrap();
    std::fs::write(t.out.with_file_name(".public.bangtin-old"), "dở dang").unwrap();
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!staging(&t).exists());
    assert!(!t.out.with_file_name(".public.bangtin-old").exists());
}

/// Two builds of one site into one output at once (issue 20, finding 2):
/// they used to share a staging folder and both exit 0 with a few hundred
/// of 3000 pages. Now the second waits for the first (or refuses, in
/// Vietnamese); whichever exits 0 leaves the whole site.
#[test]
fn two_builds_into_one_output_never_leave_a_partial_site() {
    let t = SiteTest::fixture("minimal");
    for i in 0..3000 {
        t.write(
            &format!("guides/bai-{i:04}.md"),
            &format!("---\ntitle: Hướng dẫn số {i}\n---\nNội dung **{i}**.\n"),
        );
    }
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let complete = t.output_files();
    for round in 0..2 {
        retitle(&t, &format!("Lần dựng {round}"));
        let builds: Vec<_> = (0..2)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_bangtin"))
                    .args(build_args(&t))
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut succeeded = 0;
        for build in builds {
            let out = build.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => succeeded += 1,
                Some(1) => assert!(
                    stderr.contains("đang dựng vào thư mục đầu ra này"),
                    "{stderr}"
                ),
                other => panic!("exit {other:?}: {stderr}"),
            }
            assert!(!stderr.contains("os error"), "{stderr}");
        }
        assert!(succeeded >= 1, "neither build finished");
        let files = t.output_files();
        assert!(
            files == complete,
            "round {round}: a partial site, {} of {} files",
            files.len(),
            complete.len()
        );
        assert_eq!(
            t.page("index.html").select_texts("h1"),
            [format!("Lần dựng {round}")]
        );
        assert!(!staging(&t).exists(), "a staging folder was left");
    }
}
