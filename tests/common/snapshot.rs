//! Expected output kept whole in files beside the tests (mdBook's `BookTest`
//! style): a reviewer reads every message and page region as a user would see
//! it, and a change to any of them shows in the diff of the commit.
//!
//! After a deliberate change, `SNAPSHOTS=overwrite cargo test` rewrites the
//! files; review them with `git diff` before committing.

use std::fs;
use std::path::Path;

/// The variable (and value) that rewrites snapshots instead of comparing.
pub const OVERWRITE: (&str, &str) = ("SNAPSHOTS", "overwrite");

pub fn overwriting() -> bool {
    std::env::var(OVERWRITE.0).is_ok_and(|v| v == OVERWRITE.1)
}

/// `actual` must equal the file at `path` (or is written there when overwriting).
pub fn assert_snapshot(path: &Path, actual: &str) {
    if overwriting() {
        if fs::read_to_string(path).ok().as_deref() != Some(actual) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, actual).unwrap();
        }
        return;
    }
    let Ok(expected) = fs::read_to_string(path) else {
        panic!(
            "{} is missing; create it with {}={} cargo test",
            path.display(),
            OVERWRITE.0,
            OVERWRITE.1
        );
    };
    if expected != actual {
        panic!(
            "{} differs from the output ({}={} cargo test accepts the output):\n{}",
            path.display(),
            OVERWRITE.0,
            OVERWRITE.1,
            line_diff(&expected, actual)
        );
    }
}

/// The lines that differ, with two lines of context: `-` expected, `+` actual.
fn line_diff(expected: &str, actual: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let common_tail = old[first..]
        .iter()
        .rev()
        .zip(new[first..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = String::new();
    let from = first.saturating_sub(2);
    for line in &old[from..first] {
        out.push_str(&format!("  {line}\n"));
    }
    for line in &old[first..old.len() - common_tail] {
        out.push_str(&format!("- {line}\n"));
    }
    for line in &new[first..new.len() - common_tail] {
        out.push_str(&format!("+ {line}\n"));
    }
    let after = old.len() - common_tail;
    for line in old.iter().skip(after).take(2) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// Files under `dir` that no test wrote or compared: stale snapshots of pages
/// or cases that are gone. Relative paths with `/`.
pub fn unexpected_files(dir: &Path, expected: &[String]) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|rel| !expected.contains(rel))
        .collect();
    found.sort();
    found
}
