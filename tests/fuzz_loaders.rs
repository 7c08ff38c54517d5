//! A fuzzing campaign over the loaders (issue 20): schedules as YAML, CSV
//! and XLSX, `progress.yaml`, and guides in markdown, random or damaged,
//! each through the whole pipeline (check, then build). Every outcome is a
//! site or Vietnamese diagnostics at a place in the file: never a panic, an
//! overflow (tests run with overflow checks), a hang or a partial site.
//!
//! `cargo test` runs a few cases of each. A campaign gives each test a time
//! instead: `FUZZ_SECONDS=180 nice -n 19 cargo test --test fuzz_loaders --
//! --test-threads=1 --nocapture` runs batches of random cases until the time
//! is up and prints how many ran; a failure is shrunk and printed.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use bangtin::build;
use bangtin::diagnostics::{self, Diagnostic};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Run `test` on `cases` values of `strategy`, or, when FUZZ_SECONDS is
/// set, on batches of them until that many seconds have passed. A failing
/// value is shrunk by proptest and the test fails with it.
fn campaign<S: Strategy>(name: &str, cases: u32, strategy: S, test: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let seconds: Option<u64> = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let start = std::time::Instant::now();
    let config = Config {
        cases: if seconds.is_some() { 64 } else { cases },
        // A failure is printed, not kept in a regressions file beside the
        // test: a fixed failure becomes a test of its own.
        failure_persistence: None,
        ..Config::default()
    };
    let mut ran = 0u64;
    loop {
        let mut runner = TestRunner::new(config.clone());
        if let Err(e) = runner.run(&strategy, |value| {
            test(value);
            Ok(())
        }) {
            panic!("{name}: {e}");
        }
        ran += u64::from(config.cases);
        match seconds {
            Some(s) if start.elapsed().as_secs() < s => continue,
            _ => break,
        }
    }
    eprintln!(
        "{name}: {ran} cases in {} s, no failure",
        start.elapsed().as_secs()
    );
}

/// Cells and lines an officer's table holds, and what breaks parsers.
const CELLS: &[&str] = &[
    "",
    " ",
    "Đông Lão",
    "Song",
    "Sống",
    "Kìm",
    "X",
    "Thôn",
    "Ngày",
    "Giờ",
    "Thời gian",
    "Địa điểm",
    "Thứ",
    "STT",
    "Nội dung",
    "Ghi chú",
    "Đơn vị",
    "Đối tượng",
    "hamlet",
    "date",
    "time",
    "29/11/2022",
    "31/02/2023",
    "2022-12-02",
    "Thứ Bảy 03/12/2022",
    "29/11/2022 - 20/12/2022",
    "01/01/2000 - 31/12/2099",
    "Từ ngày 24/3 đến ngày 20/4/2023",
    "hằng ngày",
    "thứ Hai, thứ Tư",
    "7h30-11h",
    "19:00",
    "25h-26h",
    "13h30 - 7h",
    "sáng",
    "44894",
    "-1",
    "1e308",
    "18000000000000000000",
    "=HYPERLINK(\"http://x\")",
    "+84912345678",
    "@SUM(A1)",
    "038195001234",
    "ngày sinh 01/01/1990",
    "\"",
    "\"\"",
    ",",
    ";",
    "\t",
    "\r",
    "\n",
    "\u{0}",
    "\u{FEFF}",
    "Ñoâng Laõo",
    "§«ng L·o",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "#REF!",
    "🎉",
];

/// Tokens of YAML, markdown and raw HTML, for the text files.
const TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    " ",
    "  ",
    "    ",
    "\t",
    "\r\n",
    "-",
    "- ",
    ":",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "!!binary ",
    "|",
    ">",
    "\"",
    "'",
    "#",
    "---",
    "...",
    "~",
    "null",
    "1e999",
    "sessions",
    "hamlet",
    "date",
    "dates",
    "days",
    "time",
    "place",
    "kinds",
    "key",
    "targets",
    "total",
    "reports",
    "phase",
    "activated",
    "Đông Lão",
    "Phước Hòa",
    "29/11/2022",
    "08/06/2023",
    "7h30-11h",
    "50%",
    "1000,5%",
    "8.213",
    "18000000000000000000",
    "999999999",
    "1,250",
    "# ",
    "**",
    "_",
    "`",
    "```",
    "[x](y.md)",
    "![a](anh/x.png)",
    "| a |",
    "| --- |",
    "1. ",
    "> ",
    "<div>",
    "</div>",
    "</x>",
    "<span>",
    "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "&#106;",
    "<!--",
    "\u{0}",
    "\u{FEFF}",
    "\u{0301}",
    "Ñoâng",
    "§«ng",
    "🎉",
];

fn soup(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|t| t.concat())
}

/// A cell: one of [`CELLS`], two joined, or any string.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(CELLS).prop_map(str::to_string),
        2 => soup(CELLS, 3),
        1 => any::<String>(),
    ]
}

/// Rows of cells, the first usually a header.
fn table() -> impl Strategy<Value = Vec<Vec<String>>> {
    let header = prop_oneof![
        3 => Just(vec!["STT", "Thôn", "Ngày", "Giờ", "Địa điểm"]),
        1 => Just(vec!["hamlet", "date", "time", "place", "note"]),
        1 => Just(vec!["Thôn", "Thời gian", "Thứ", "Đơn vị", "Đối tượng"]),
    ]
    .prop_map(|h| h.into_iter().map(String::from).collect::<Vec<_>>());
    let rows = prop::collection::vec(prop::collection::vec(cell(), 0..7), 0..12);
    (prop::option::weighted(0.9, header), rows)
        .prop_map(|(header, rows)| header.into_iter().chain(rows).collect())
}

/// An edit of a real file: what copying, pasting and typing do to it.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, String),
    Delete(usize, usize),
    DuplicateLine(usize),
    DropLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), soup(TOKENS, 4)).prop_map(|(at, t)| Mutation::Insert(at, t)),
        1 => (any::<usize>(), 0..40usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => any::<usize>().prop_map(Mutation::DropLine),
    ]
}

fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_string();
    for m in mutations {
        match m {
            Mutation::Insert(at, t) => {
                let at = char_boundary(&text, *at);
                text.insert_str(at, t);
            }
            Mutation::Delete(at, n) => {
                let start = char_boundary(&text, *at);
                let end = char_boundary(&text, (start + n).min(text.len()));
                text.replace_range(start..end, "");
            }
            Mutation::DuplicateLine(n) | Mutation::DropLine(n) => {
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = n % lines.len();
                if matches!(m, Mutation::DuplicateLine(_)) {
                    lines.insert(i, lines[i]);
                } else {
                    lines.remove(i);
                }
                text = lines.join("\n");
            }
        }
    }
    text
}

/// Byte damage to a binary file: flipped, cut, or overwritten bytes.
#[derive(Clone, Debug)]
enum ByteDamage {
    Set(usize, u8),
    Truncate(usize),
    Zero(usize, usize),
}

fn byte_damage() -> impl Strategy<Value = ByteDamage> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| ByteDamage::Set(at, b)),
        1 => any::<usize>().prop_map(ByteDamage::Truncate),
        1 => (any::<usize>(), 1..64usize).prop_map(|(at, n)| ByteDamage::Zero(at, n)),
    ]
}

fn damage(bytes: &mut Vec<u8>, damages: &[ByteDamage]) {
    for d in damages {
        if bytes.is_empty() {
            return;
        }
        match *d {
            ByteDamage::Set(at, b) => {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            ByteDamage::Truncate(at) => bytes.truncate(at % bytes.len()),
            ByteDamage::Zero(at, n) => {
                let at = at % bytes.len();
                let end = (at + n).min(bytes.len());
                bytes[at..end].fill(0);
            }
        }
    }
}

/// Rows as an .xlsx workbook written by rust_xlsxwriter: numbers where a
/// cell reads as one, dates in real date cells now and then, a merged area.
fn workbook(rows: &[Vec<String>], merge: Option<(u16, u16, u16, u16)>, dates: bool) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if let Ok(n) = value.parse::<f64>() {
                if dates && n.is_finite() && n.abs() < 1e7 {
                    let _ = sheet.write_number_with_format(r, c, n, &date_format);
                } else {
                    let _ = sheet.write_number(r, c, n);
                }
            } else {
                let _ = sheet.write_string(r, c, value);
            }
        }
    }
    if let Some((r1, c1, r2, c2)) = merge {
        let (r1, r2) = (u32::from(r1.min(r2)), u32::from(r1.max(r2)));
        let (c1, c2) = (c1.min(c2), c1.max(c2));
        if (r1, c1) != (r2, c2) {
            let _ = sheet.merge_range(r1, c1, r2, c2, "", &rust_xlsxwriter::Format::new());
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

/// `book` with each text entry whose name contains `part` edited.
fn edit_entries(book: &[u8], part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(book)) else {
        return book.to_vec();
    };
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if name.contains(part) {
            text = edit(&text);
        }
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn csv_text(rows: &[Vec<String>], separator: char) -> String {
    let quote = |v: &String| {
        if v.contains([separator, '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.clone()
        }
    };
    rows.iter()
        .map(|row| {
            row.iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(&separator.to_string())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn copy_fixture(name: &str, to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The fixture `name` with `files` laid over it, checked then built: a
/// whole site, or errors with a place, a fix, and no output folder.
fn site_or_diagnostics(fixture: &str, files: &[(&str, Vec<u8>)], today: (i32, u32, u32)) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_fixture(fixture, &root);
    for (rel, bytes) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let today = chrono::NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap();
    let checked = build::check(&root, Some(today));
    let out = tmp.path().join("public");
    let result = build::build(&build::BuildOptions {
        root: root.clone(),
        output: out.clone(),
        today: Some(today),
        ..Default::default()
    });
    match result {
        Ok(summary) => {
            assert!(summary.pages >= 3);
            assert!(out.join("index.html").is_file());
            assert!(out.join(bangtin::output::MARKER).is_file());
            assert!(!checked.iter().any(Diagnostic::is_error), "{checked:?}");
        }
        Err(failure) => {
            assert!(failure.diagnostics.iter().any(Diagnostic::is_error));
            assert!(checked.iter().any(Diagnostic::is_error), "check passed");
            for d in &failure.diagnostics {
                assert!(!d.message.is_empty() && d.hint.is_some(), "{d:?}");
                assert!(
                    d.file.starts_with(&root) || d.file.starts_with(&out),
                    "{d:?}"
                );
            }
            let report = diagnostics::render_report(&failure.diagnostics);
            assert!(report.contains("lỗi: "));
            assert!(!out.exists(), "a failed first build left an output folder");
        }
    }
}

const MINIMAL_TODAY: (i32, u32, u32) = (2022, 11, 28);

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// A schedule table saved as CSV (comma or semicolon, as Excel does).
#[test]
fn csv_schedules() {
    let strategy = (table(), any::<bool>(), any::<bool>());
    campaign("csv_schedules", 24, strategy, |(rows, semicolon, bom)| {
        let mut text = csv_text(&rows, if semicolon { ';' } else { ',' });
        if bom {
            text.insert(0, '\u{FEFF}');
        }
        site_or_diagnostics(
            "minimal",
            &[("schedules/bang.csv", text.into_bytes())],
            MINIMAL_TODAY,
        );
    });
}

/// A real CSV schedule, damaged.
#[test]
fn csv_schedules_damaged() {
    let real = fixture_text("tests/fixtures/spreadsheet-sources/day-du.csv");
    let strategy = prop::collection::vec(mutation(), 1..8);
    campaign("csv_schedules_damaged", 24, strategy, |mutations| {
        let text = mutate(&real, &mutations);
        site_or_diagnostics(
            "spreadsheet",
            &[("schedules/lich.csv", text.into_bytes())],
            MINIMAL_TODAY,
        );
    });
}

/// A schedule table saved as .xlsx, with date cells and a merged area.
#[test]
fn xlsx_schedules() {
    let strategy = (
        table(),
        prop::option::of((0u16..20, 0u16..10, 0u16..20, 0u16..10)),
        any::<bool>(),
    );
    campaign("xlsx_schedules", 24, strategy, |(rows, merge, dates)| {
        let book = workbook(&rows, merge, dates);
        site_or_diagnostics("minimal", &[("schedules/bang.xlsx", book)], MINIMAL_TODAY);
    });
}

/// A workbook whose XML inside is damaged (sheet, shared strings, styles or
/// the workbook part), then zipped again.
#[test]
fn xlsx_schedules_with_damaged_xml() {
    let parts = &[
        "worksheets/sheet1",
        "sharedStrings",
        "styles",
        "workbook.xml",
        "[Content_Types]",
        ".rels",
    ][..];
    let strategy = (
        table(),
        prop::sample::select(parts),
        prop::collection::vec(mutation(), 1..6),
    );
    campaign(
        "xlsx_schedules_with_damaged_xml",
        24,
        strategy,
        |(rows, part, mutations)| {
            let book = edit_entries(&workbook(&rows, None, true), part, |xml| {
                mutate(xml, &mutations)
            });
            site_or_diagnostics("minimal", &[("schedules/bang.xlsx", book)], MINIMAL_TODAY);
        },
    );
}

/// A workbook with damaged bytes: what a broken USB stick gives.
#[test]
fn xlsx_schedules_with_damaged_bytes() {
    let strategy = (table(), prop::collection::vec(byte_damage(), 1..6));
    campaign(
        "xlsx_schedules_with_damaged_bytes",
        24,
        strategy,
        |(rows, damages)| {
            let mut book = workbook(&rows, None, false);
            damage(&mut book, &damages);
            site_or_diagnostics("minimal", &[("schedules/bang.xlsx", book)], MINIMAL_TODAY);
        },
    );
}

/// A YAML schedule, damaged.
#[test]
fn yaml_schedules_damaged() {
    let real = fixture_text("tests/fixtures/minimal/schedules/lich.yaml");
    let strategy = prop::collection::vec(mutation(), 1..8);
    campaign("yaml_schedules_damaged", 24, strategy, |mutations| {
        let text = mutate(&real, &mutations);
        site_or_diagnostics(
            "minimal",
            &[("schedules/lich.yaml", text.into_bytes())],
            MINIMAL_TODAY,
        );
    });
}

/// site.yaml, damaged.
#[test]
fn site_yaml_damaged() {
    let real = fixture_text("tests/fixtures/minimal/site.yaml");
    let strategy = prop::collection::vec(mutation(), 1..6);
    campaign("site_yaml_damaged", 24, strategy, |mutations| {
        let text = mutate(&real, &mutations);
        site_or_diagnostics(
            "minimal",
            &[("site.yaml", text.into_bytes())],
            MINIMAL_TODAY,
        );
    });
}

/// progress.yaml, damaged: figures, percentages, dates, keys.
#[test]
fn progress_yaml_damaged() {
    let real = fixture_text("tests/fixtures/progress/progress.yaml");
    let strategy = prop::collection::vec(mutation(), 1..8);
    campaign("progress_yaml_damaged", 24, strategy, |mutations| {
        let text = mutate(&real, &mutations);
        site_or_diagnostics(
            "progress",
            &[("progress.yaml", text.into_bytes())],
            (2023, 7, 10),
        );
    });
}

/// A guide in markdown with raw HTML: random, and a real one damaged.
#[test]
fn markdown_guides() {
    let real = fixture_text("tests/fixtures/minimal/guides/cai-dat.md");
    let strategy = (soup(TOKENS, 120), prop::collection::vec(mutation(), 0..6));
    campaign("markdown_guides", 24, strategy, |(body, mutations)| {
        let damaged = mutate(&real, &mutations);
        let random = format!("---\ntitle: Thử\n---\n{body}");
        site_or_diagnostics(
            "minimal",
            &[
                ("guides/cai-dat.md", damaged.into_bytes()),
                ("guides/thu.md", random.into_bytes()),
            ],
            MINIMAL_TODAY,
        );
    });
}
