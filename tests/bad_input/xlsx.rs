//! Workbooks that are small on disk and huge once read (issue 20, finding 1):
//! each is refused by name with the limit it crossed, in bounded memory and
//! time, and a broken workbook is explained in Vietnamese. The hostile
//! files are made here from a real workbook whose sheet XML is replaced.

#![cfg(unix)]

use std::io::{Cursor, Read, Write};

use rust_xlsxwriter::Workbook;
use zip::write::SimpleFileOptions;

use crate::assert_refused;
use crate::common::SiteTest;

/// Far more than a build of the minimal site needs (under 100 MB), far less
/// than what the hostile files asked for (3.5 to 550 GB).
const MEMORY_MIB: u64 = 1024;
const SECONDS: u64 = 120;

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// A real one-sheet schedule: "Lịch" with Thôn, Ngày and one session.
fn schedule_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Lịch").unwrap();
    sheet.write_string(0, 0, "Thôn").unwrap();
    sheet.write_string(0, 1, "Ngày").unwrap();
    sheet.write_string(1, 0, "Đông Lão").unwrap();
    sheet.write_string(1, 1, "29/11/2022").unwrap();
    book.save_to_buffer().unwrap()
}

/// `book` with the entry `name` replaced by `edit` of its text.
fn with_entry(book: &[u8], name: &str, edit: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    let mut edit = Some(edit);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let entry_name = entry.name().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if entry_name == name {
            text = (edit.take().unwrap())(text);
        }
        out.start_file(entry_name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sheet's `<sheetData>` with `extra` added at its end.
fn with_rows(book: &[u8], extra: &str) -> Vec<u8> {
    with_entry(book, SHEET, |xml| {
        xml.replace("</sheetData>", &format!("{extra}</sheetData>"))
    })
}

/// The minimal site, built, then `schedules/<name>` added: build and check
/// must refuse it within the bounds, say all of `says`, keep the old site.
fn refused_within_bounds(name: &str, bytes: &[u8], says: &[&str]) {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let before = t.snapshot_output();
    t.write_bytes(&format!("schedules/{name}"), bytes);
    let place = format!("schedules/{name}");
    for run in [
        t.build_bounded(MEMORY_MIB, SECONDS),
        t.check_bounded(MEMORY_MIB, SECONDS),
    ] {
        assert_refused(&run, 1, &[&place], says);
    }
    assert!(before == t.snapshot_output(), "the previous site changed");
}

#[test]
fn the_plain_workbook_builds() {
    let t = SiteTest::fixture("minimal");
    t.write_bytes("schedules/lich.xlsx", &schedule_workbook());
    let run = t.build_bounded(MEMORY_MIB, SECONDS);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// 1.4 KB with cells A1 and XFD1048576: calamine asked for 549 GB.
#[test]
fn a_cell_at_the_last_column_and_row_is_refused() {
    let book = with_rows(
        &schedule_workbook(),
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    assert!(book.len() < 8 * 1024, "{} bytes", book.len());
    refused_within_bounds("xa.xlsx", &book, &["XFD1048576", "cột", "dòng"]);
}

/// A merged area far wider than the table: filled only where the table is.
#[test]
fn a_merged_area_as_wide_as_the_sheet_builds_in_bounds() {
    let book = with_entry(&schedule_workbook(), SHEET, |xml| {
        let merge = r#"<mergeCells count="1"><mergeCell ref="A1:XFD2000"/></mergeCells>"#;
        xml.replace("</sheetData>", &format!("</sheetData>{merge}"))
    });
    let t = SiteTest::fixture("minimal");
    t.write_bytes("schedules/gop.xlsx", &book);
    let run = t.build_bounded(MEMORY_MIB, SECONDS);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Many merged areas over a large table: their total is bounded too.
#[test]
fn merged_areas_covering_the_table_over_and_over_are_refused() {
    let mut rows = String::new();
    for r in 3..=1500 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Sống</t></is></c><c r="Z{r}"><v>1</v></c></row>"#
        ));
    }
    let merges = r#"<mergeCell ref="A1:Z1500"/>"#.repeat(5000);
    let book = with_entry(&schedule_workbook(), SHEET, |xml| {
        xml.replace(
            "</sheetData>",
            &format!("{rows}</sheetData><mergeCells count=\"5000\">{merges}</mergeCells>"),
        )
    });
    refused_within_bounds("gop.xlsx", &book, &["ô gộp"]);
}

/// Whitespace that inflates 1000 to 1: the limit is on what the zip holds
/// once decompressed, not on the file's size.
#[test]
fn a_sheet_that_inflates_past_the_limit_is_refused() {
    let padding = " ".repeat(80 * 1024 * 1024);
    let book = with_entry(&schedule_workbook(), SHEET, |xml| {
        xml.replace("<sheetData>", &format!("<sheetData>{padding}"))
    });
    assert!(book.len() < 1024 * 1024, "{} bytes", book.len());
    refused_within_bounds("rong.xlsx", &book, &["xl/worksheets/sheet1.xml", "MB"]);
}

/// The sizes in the zip's directory may lie: the zip reader stops at the
/// size checked, and the file is reported as broken.
#[test]
fn a_sheet_whose_zip_header_understates_its_size_is_refused() {
    let padding = " ".repeat(80 * 1024 * 1024);
    let mut book = with_entry(&schedule_workbook(), SHEET, |xml| {
        xml.replace("<sheetData>", &format!("<sheetData>{padding}"))
    });
    understate_size(&mut book, SHEET, 2000);
    refused_within_bounds("noi-doi.xlsx", &book, &["bị hỏng"]);
}

/// Write `size` as the uncompressed size of entry `name` in both its local
/// header and its central directory record.
fn understate_size(zip: &mut [u8], name: &str, size: u32) {
    let patch = |zip: &mut [u8],
                 signature: &[u8; 4],
                 size_at: usize,
                 name_len_at: usize,
                 name_at: usize| {
        let mut found = 0;
        for at in 0..zip.len().saturating_sub(name_at) {
            if &zip[at..at + 4] != signature {
                continue;
            }
            let len =
                u16::from_le_bytes([zip[at + name_len_at], zip[at + name_len_at + 1]]) as usize;
            if zip.get(at + name_at..at + name_at + len) == Some(name.as_bytes()) {
                zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
                found += 1;
            }
        }
        assert_eq!(found, 1, "{name} header not found");
    };
    patch(zip, b"PK\x03\x04", 22, 26, 30);
    patch(zip, b"PK\x01\x02", 24, 28, 46);
}

/// Not a zip at all: said in Vietnamese, not "Could not find EOCD".
#[test]
fn a_file_that_is_not_a_workbook_is_explained_in_vietnamese() {
    refused_within_bounds(
        "hong.xlsx",
        b"day khong phai tep Excel",
        &["không phải", ".xlsx"],
    );
    let t = SiteTest::fixture("minimal");
    t.write_bytes("schedules/hong.xlsx", b"day khong phai tep Excel");
    let run = t.check();
    for english in ["Zip", "EOCD", "invalid", "archive"] {
        assert!(!run.stderr.contains(english), "{english}:\n{}", run.stderr);
    }
}
