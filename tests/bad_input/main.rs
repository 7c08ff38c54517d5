//! The bad-input corpus (see README.md beside this file): hostile and broken
//! input must fail with exit code 1, name the file and line in Vietnamese
//! with a fix, and leave the previously built site exactly as it was.
//!
//! `cases/<name>/` holds small files laid over the `minimal` fixture, an
//! `expect` file, and `stderr`: everything the command printed on stderr,
//! whole, with the temporary folder written `[ROOT]` (`SNAPSHOTS=overwrite
//! cargo test --test bad_input` rewrites it). The modules below build what
//! can't be committed as files (huge inputs, links, output folders, killed
//! builds).

#[path = "../common/mod.rs"]
mod common;

mod data;
mod english;
mod formulas;
mod hidden;
mod huge;
mod links;
mod numbers;
mod output;
mod serve;
mod xlsx;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, SiteTest};

/// What a case expects, read from its `expect` file: `key: value` lines.
#[derive(Default, Debug)]
struct Expect {
    command: String,
    code: i32,
    /// `file:line:col` (or `file:line`, or `file`) relative to the site.
    at: Vec<String>,
    says: Vec<String>,
    /// `path: text`: a page of the built site that must contain the text.
    pages: Vec<(String, String)>,
    remove: Vec<String>,
}

fn read_expect(path: &Path) -> Expect {
    let mut e = Expect {
        command: "build".into(),
        ..Expect::default()
    };
    for line in fs::read_to_string(path).unwrap().lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("{}: bad line {line:?}", path.display()));
        let value = value.to_string();
        match key {
            "command" => e.command = value,
            "code" => e.code = value.parse().unwrap(),
            "at" => e.at.push(value),
            "says" => e.says.push(value),
            "remove" => e.remove.push(value),
            "page" => {
                let (page, text) = value.split_once(": ").unwrap();
                e.pages.push((page.into(), text.into()));
            }
            _ => panic!("{}: unknown key {key}", path.display()),
        }
    }
    e
}

/// The files of a case folder that describe it rather than lie over the site.
const CASE_FILES: &[&str] = &["expect", "stderr"];

/// Every file of a case folder laid over the site, relative to it.
fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !CASE_FILES.iter().any(|f| e.file_name() == *f))
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// A failed build or check: exit code, file and place, Vietnamese with a fix.
pub fn assert_refused(run: &Run, code: i32, at: &[&str], says: &[&str]) {
    let err = &run.stderr;
    assert_eq!(
        run.code, code,
        "exit code\nstdout: {}\nstderr: {err}",
        run.stdout
    );
    if code == 1 {
        assert!(err.contains("lỗi: "), "{err}");
        assert!(err.contains("Cách sửa: "), "no fix suggested:\n{err}");
    }
    for place in at {
        // Paths are printed from the site folder the harness copied.
        assert!(
            err.contains(&format!("site/{place}:")),
            "{place} not named:\n{err}"
        );
    }
    for text in says {
        assert!(err.contains(text), "{text:?} not said:\n{err}");
    }
}

fn run_case(dir: &Path) {
    let name = dir.file_name().unwrap().to_string_lossy();
    let expect = read_expect(&dir.join("expect"));
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0, "{name}: the fixture must build");
    let before = t.snapshot_output();
    for rel in case_files(dir) {
        t.write_bytes(rel.to_str().unwrap(), &fs::read(dir.join(&rel)).unwrap());
    }
    for rel in &expect.remove {
        t.remove(rel);
    }
    let run = match expect.command.as_str() {
        "build" => t.build(),
        "check" => t.check(),
        other => panic!("{name}: unknown command {other}"),
    };
    let at: Vec<&str> = expect.at.iter().map(String::as_str).collect();
    let says: Vec<&str> = expect.says.iter().map(String::as_str).collect();
    assert_refused(&run, expect.code, &at, &says);
    common::snapshot::assert_snapshot(&dir.join("stderr"), &t.redact(&run.stderr));
    if expect.code != 0 {
        assert!(
            before == t.snapshot_output(),
            "{name}: the failed build changed the previous site"
        );
        // And `check` finds the same problems without writing anything.
        let check = t.check();
        assert_refused(&check, expect.code, &at, &says);
    }
    for (page, text) in &expect.pages {
        let page = t.page(page);
        let shown: String = page.html.root_element().text().collect();
        assert!(shown.contains(text), "{name}: {text:?} not on the page");
    }
}

#[test]
fn every_case_in_the_corpus() {
    let root = common::repo_path("tests/bad_input/cases");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "corpus went missing");
    let readme = fs::read_to_string(root.parent().unwrap().join("README.md")).unwrap();
    let mut failed = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            readme.contains(&format!("`{name}`")),
            "case {name} is not listed in tests/bad_input/README.md"
        );
        let result = std::panic::catch_unwind(|| run_case(dir));
        if let Err(panic) = result {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{name}: {message}"));
        }
    }
    assert!(
        failed.is_empty(),
        "{} case(s) failed:\n\n{}",
        failed.len(),
        failed.join("\n\n")
    );
}

/// Words of the YAML library's English (fuzz report F2): none reaches the
/// officer from any case of the corpus, nor a Rust `{:?}` escape.
#[test]
fn no_case_says_the_yaml_library_english() {
    const ENGLISH: &[&str] = &[
        "expected",
        "while parsing",
        "while scanning",
        "unexpected",
        "invalid",
        "scalar",
        "deserialize",
        "\\u{",
    ];
    let root = common::repo_path("tests/bad_input/cases");
    let mut read = 0;
    for entry in fs::read_dir(&root).unwrap() {
        let stderr = entry.unwrap().path().join("stderr");
        let Ok(text) = fs::read_to_string(&stderr) else {
            continue;
        };
        read += 1;
        let lower = text.to_lowercase();
        for word in ENGLISH {
            assert!(
                !lower.contains(word),
                "{word:?} in {}:\n{text}",
                stderr.display()
            );
        }
    }
    assert!(read >= 50, "only {read} stderr files read");
}

/// `bangtin check` on a site broken in many files at once: every problem is
/// listed in one run, sorted by file then line and column, with a count.
#[test]
fn check_lists_every_problem_of_every_file_sorted_with_a_count() {
    let t = SiteTest::fixture("minimal");
    let site = t
        .read_source("site.yaml")
        .replace("end: 20/12/2022", "end: 20/10/2022");
    t.write("site.yaml", &site);
    t.write(
        "schedules/lich.yaml",
        "sessions:\n  - hamlet: Đông Lảo\n    date: 29/11/2022\n  - hamlet: Song\n    date: 31/02/2023\n  - hamlet: Sống\n    date: 01/12/2022\n    time: 25h-26h\n",
    );
    t.write(
        "schedules/a-cu-phap.yaml",
        "sessions:\n  - hamlet: Song\n    date: 29/11/2022\n   time: 7h\n",
    );
    t.write(
        "schedules/b-vni.yaml",
        "sessions:\n  - hamlet: Ñoâng Laõo\n    note: Mang theo caên cöôùc\n",
    );
    t.write(
        "schedules/c-khoa-la.yaml",
        "sessions:\n  - hamlet: Song\n    dat: 29/11/2022\n",
    );
    t.write(
        "guides/a-khong-tieu-de.md",
        "---\nsummary: x\n---\nNội dung\n",
    );
    t.write("guides/b-khong-phan-dau.md", "# Chỉ có nội dung\n");
    t.write(
        "guides/c-html-sau.md",
        &format!("---\ntitle: Sâu\n---\n{}\n", "<div>".repeat(1200)),
    );
    t.write(
        "pages/a-khoa-la.md",
        "---\ntitle: Trang\ntitel: nhầm\n---\nx\n",
    );
    t.write_bytes(
        "pages/b-utf16.md",
        &"---\ntitle: x\n---\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    let run = t.check();
    assert_eq!(run.code, 1, "{}", run.stderr);

    // (file, line, col) of every error, in the order printed.
    let places: Vec<(String, u32, u32)> = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("lỗi: "))
        .map(|l| {
            let location = l.split(": ").next().unwrap();
            let mut parts = location.rsplitn(3, ':');
            let (c, l, f) = (parts.next(), parts.next(), parts.next());
            match (f, l, c) {
                (Some(f), Some(l), Some(c)) => {
                    (f.to_string(), l.parse().unwrap(), c.parse().unwrap())
                }
                _ => (location.to_string(), 0, 0),
            }
        })
        .collect();
    let relative: Vec<String> = places
        .iter()
        .map(|(f, l, c)| {
            let f = f.rsplit_once("/site/").map_or(f.as_str(), |(_, r)| r);
            format!("{f}:{l}:{c}")
        })
        .collect();
    let expected = [
        "guides/a-khong-tieu-de.md:1:1",
        "guides/b-khong-phan-dau.md:1:1",
        "guides/c-html-sau.md:4:5001",
        "pages/a-khoa-la.md:3:1",
        "pages/b-utf16.md:1:2",
        "schedules/a-cu-phap.yaml:4:4",
        "schedules/b-vni.yaml:2:13",
        "schedules/c-khoa-la.yaml:3:5",
        "schedules/lich.yaml:2:13",
        "schedules/lich.yaml:5:11",
        "schedules/lich.yaml:8:11",
        "site.yaml:7:8",
    ];
    assert_eq!(relative, expected, "{}", run.stderr);
    let mut sorted = places.clone();
    sorted.sort_by(|a, b| (Path::new(&a.0), a.1, a.2).cmp(&(Path::new(&b.0), b.1, b.2)));
    assert_eq!(places, sorted, "not sorted by file, line, column");
    let warnings = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("cảnh báo: "))
        .count();
    let count = if warnings == 0 {
        format!("Có {} lỗi.", expected.len())
    } else {
        format!("Có {} lỗi và {warnings} cảnh báo.", expected.len())
    };
    assert_eq!(
        run.stderr.lines().last(),
        Some(count.as_str()),
        "{}",
        run.stderr
    );
    assert!(!t.out.exists(), "check wrote an output folder");
}
