//! The personal-data guard (`vi::personal_data`) applied to an officer's
//! files: every text file of content, and the cells of schedule tables that
//! become pages.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Content, Session};
use crate::vi::personal_data::{self, Finding, Kind, Scanner};

/// The digits of every contact's phone: published on purpose, never
/// personal data.
pub fn known_phones(content: &Content) -> HashSet<String> {
    let site = &content.site;
    site.contacts
        .iter()
        .filter_map(|c| c.phone.as_deref())
        .map(personal_data::phone_key)
        .collect()
}

/// A YAML file's text: contact lines (`phone:`, `zalo:`) are left out.
pub fn check_yaml(file: &Path, text: &str, known: &HashSet<String>, diags: &mut Diagnostics) {
    let mut scanner = Scanner::default();
    for (i, line) in text.lines().enumerate() {
        if line.contains("phone:") || line.contains("zalo:") {
            continue;
        }
        scanner.line(i as u32 + 1, line);
    }
    report(file, scanner.findings(known), diags);
}

/// A markdown file's text (guides, pages, news).
pub fn check_markdown(file: &Path, text: &str, known: &HashSet<String>, diags: &mut Diagnostics) {
    report(file, personal_data::scan(text, known), diags);
}

/// The cells of spreadsheet rows that became `sessions` (hamlet, place,
/// services, note), by sheet; a row is reported at its number.
pub fn check_table_sessions(
    sessions: &[Session],
    known: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let mut by_file: BTreeMap<&PathBuf, BTreeMap<u32, String>> = BTreeMap::new();
    for s in sessions {
        let Some(row) = s.source.pos.map(|p| p.line) else {
            continue;
        };
        let text = [
            Some(s.hamlet.value.as_str()),
            s.place.as_deref(),
            s.note.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(s.services.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ; ");
        // A repeated row gives several sessions: its text is read once.
        by_file.entry(&s.source.file).or_default().insert(row, text);
    }
    for (file, rows) in by_file {
        let mut scanner = Scanner::default();
        for (row, text) in rows {
            scanner.line(row, &text);
        }
        let findings = scanner
            .findings(known)
            .into_iter()
            .map(|f| Finding {
                // A cell, not a character: the row is the place.
                places: f.places.into_iter().map(|(row, _)| (row, 0)).collect(),
                ..f
            })
            .collect();
        report(file, findings, diags);
    }
}

fn lines_of(places: &[(u32, u32)]) -> String {
    let mut lines: Vec<u32> = places.iter().map(|p| p.0).collect();
    lines.dedup();
    let shown: Vec<String> = lines.iter().take(10).map(u32::to_string).collect();
    let more = if lines.len() > 10 { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}

fn report(file: &Path, findings: Vec<Finding>, diags: &mut Diagnostics) {
    for f in findings {
        let Some(&(line, col)) = f.places.first() else {
            continue;
        };
        let n = f.places.len();
        let lines = lines_of(&f.places);
        let message = match f.kind {
            Kind::IdNumber => Message::IdNumbers { count: n, lines },
            Kind::PhoneList => Message::PhoneList { count: n, lines },
            Kind::BirthDates => Message::BirthDates { count: n, lines },
        };
        diags.push(Diagnostic::new(file, Some(Pos::new(line, col)), message));
    }
}
