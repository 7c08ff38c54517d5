//! The officer's guide lists every message bangtin can print (section 8 of
//! docs/huong-dan-su-dung.md), and the catalogue (src/diagnostics/catalogue.rs)
//! is every message bangtin can print: the two must agree, both ways.

use std::collections::{BTreeMap, BTreeSet};

use bangtin::diagnostics::catalogue::ENTRIES;

mod common;

/// Section 8's tables: subsection ("8.4") → first cells of its rows.
fn guide_rows() -> BTreeMap<String, BTreeSet<String>> {
    let guide = std::fs::read_to_string(common::repo_path("docs/huong-dan-su-dung.md")).unwrap();
    let mut rows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut section: Option<String> = None;
    for line in guide.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            if !heading.starts_with("8.") {
                section = None;
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("### 8.") {
            let number = heading.split('.').next().unwrap_or_default();
            section = Some(format!("8.{number}"));
            continue;
        }
        let Some(section) = &section else { continue };
        let Some(row) = line.strip_prefix("| ") else {
            continue;
        };
        let cell = row.split(" | ").next().unwrap_or_default().trim();
        if cell == "thông báo" || cell.starts_with("---") {
            continue;
        }
        rows.entry(section.clone())
            .or_default()
            .insert(cell.to_string());
    }
    rows
}

/// Every row of section 8's tables, whichever subsection it is in.
fn all_rows() -> BTreeSet<String> {
    guide_rows().into_values().flatten().collect()
}

#[test]
fn every_message_has_its_row_in_the_guide() {
    let sections = guide_rows();
    assert!(
        sections.len() >= 10,
        "section 8 of the guide not found: {sections:?}"
    );
    let rows = all_rows();
    let missing: Vec<String> = ENTRIES
        .iter()
        .flat_map(|e| e.guide.iter().map(move |cell| (e.name, *cell)))
        .filter(|(_, cell)| !rows.contains(*cell))
        .map(|(name, cell)| format!("{name}: | {cell} |"))
        .collect();
    assert!(
        missing.is_empty(),
        "rows missing from docs/huong-dan-su-dung.md section 8:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_row_of_the_guide_is_a_message() {
    let claimed: BTreeSet<&str> = ENTRIES
        .iter()
        .flat_map(|e| e.guide.iter().copied())
        .collect();
    let stale: Vec<String> = all_rows()
        .into_iter()
        .filter(|cell| !claimed.contains(cell.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "rows of the guide no entry of src/diagnostics/catalogue.rs claims:\n{}",
        stale.join("\n")
    );
}

#[test]
fn only_bugs_stay_out_of_the_guide() {
    for entry in ENTRIES.iter().filter(|e| e.guide.is_empty()) {
        assert!(
            entry.text.starts_with("Không tạo được tệp"),
            "{}: only a file bangtin failed to make (a bug to report) may stay out of the guide",
            entry.name
        );
    }
}

#[test]
fn names_are_unique() {
    let mut names = BTreeSet::new();
    for entry in ENTRIES {
        assert!(names.insert(entry.name), "{} twice", entry.name);
    }
}
