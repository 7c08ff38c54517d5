//! The personal-data guard (`vi::personal_data`) applied to an officer's
//! files: every text file of content, and the cells of schedule tables that
//! become pages.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::{Content, Session};
use crate::vi::personal_data::{self, Finding, Kind, Scanner};

const DECREE: &str = "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân";

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
        let (what, hint) = match f.kind {
            Kind::IdNumber => (
                format!("Có {n} số định danh cá nhân (số căn cước, 12 chữ số) trong nội dung (dòng {lines})."),
                "Xóa các số này khỏi tệp. Danh sách người dân cần hỗ trợ chỉ gửi qua kênh nội bộ, không đưa lên trang. Nếu cần ví dụ trong bài hướng dẫn, viết 0xx xxx xxx xxx thay cho một số thật.",
            ),
            Kind::PhoneList => (
                format!("Có {n} số điện thoại di động trong nội dung (dòng {lines}): giống một danh sách số điện thoại cá nhân của người dân."),
                "Xóa các số này khỏi tệp. Số liên hệ chính thức (tổ công tác, cán bộ trực, đường dây nóng) ghi trong contacts (của site.yaml, của thôn hoặc của điểm thu nhận): số trong contacts không bị coi là dữ liệu cá nhân.",
            ),
            Kind::BirthDates => (
                format!("Có {n} ngày sinh trong nội dung (dòng {lines}): giống một danh sách người dân."),
                "Xóa ngày sinh và tên người dân khỏi tệp; danh sách người dân chỉ gửi qua kênh nội bộ, không đưa lên trang.",
            ),
        };
        diags.push(
            Diagnostic::error(
                file,
                Some(Pos::new(line, col)),
                format!("{what} Đây là dữ liệu cá nhân của công dân, không được đăng công khai ({DECREE})."),
            )
            .with_hint(hint),
        );
    }
}
