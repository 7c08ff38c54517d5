//! Fixture sites keep their expected pages: the `<main>` region of chosen pages
//! (whole file for pages without one, such as portal fragments), compared
//! byte for byte with what a build writes. `tests/pages/<fixture>/<page>` is
//! the expected region; `SNAPSHOTS=overwrite cargo test --test pages` rewrites
//! them after a deliberate change, and a snapshot of a page no longer listed
//! here fails the test until it is deleted.

mod common;

use common::snapshot::{assert_snapshot, unexpected_files};
use common::SiteTest;

/// The part of a page a reader looks at: from `<main` to `</main>`; the whole
/// file when there is none. The header and footer are the same on every page
/// and have their own tests.
fn region(html: &str) -> String {
    match (html.find("<main"), html.rfind("</main>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}\n", &html[start..end + "</main>".len()])
        }
        _ => html.to_string(),
    }
}

/// Builds `fixture` (with `extra` arguments) and compares the region of each
/// of `pages` with its snapshot.
fn check_pages(fixture: &str, extra: &[&str], pages: &[&str]) {
    let t = SiteTest::fixture(fixture);
    // 28/11/2022 unless the fixture gives its own day (`extra`).
    let mut args = if extra.contains(&"--today") {
        Vec::new()
    } else {
        vec!["--today", "28/11/2022"]
    };
    args.extend_from_slice(extra);
    let run = t.build_with(&args);
    assert_eq!(run.code, 0, "{fixture}: {}", run.stderr);
    let dir = common::repo_path(&format!("tests/pages/{fixture}"));
    for page in pages {
        let text = std::fs::read_to_string(t.output_file(page))
            .unwrap_or_else(|e| panic!("{fixture}: {page}: {e}"));
        assert_snapshot(&dir.join(page), &t.redact(&region(&text)));
    }
    let listed: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    let stale = unexpected_files(&dir, &listed);
    assert!(
        stale.is_empty(),
        "{fixture}: snapshots of pages not listed in tests/pages.rs; delete them: {stale:?}"
    );
}

#[test]
fn minimal_site_pages() {
    check_pages(
        "minimal",
        &["--base-url", "https://camngoc.example.gov.vn"],
        &[
            "index.html",
            "lich/index.html",
            "lich/dong-lao/index.html",
            "lich/tuan-2022-48/index.html",
            "diem-thu-nhan/index.html",
            "huong-dan/index.html",
            "huong-dan/cai-dat/index.html",
            "404.html",
            "nhung/lich.html",
        ],
    );
}

#[test]
fn province_pages() {
    // The province index, and a commune page other than minimal's (cam-ngoc is
    // the minimal fixture, whose pages are kept above).
    check_pages("province", &[], &["index.html", "xa/cam-son/index.html"]);
}

#[test]
fn progress_pages() {
    // The day of its last report: every report counts (a later one would not).
    check_pages(
        "progress",
        &["--today", "06/07/2023"],
        &["tien-do/index.html"],
    );
}

#[test]
fn spreadsheet_schedule() {
    check_pages("spreadsheet", &[], &["lich/index.html"]);
}
