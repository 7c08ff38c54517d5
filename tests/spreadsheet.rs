//! Schedules kept in spreadsheets (schedules/*.csv, schedules/*.xlsx) give the
//! same pages as the same sessions written in YAML, and their mistakes are
//! reported by file, sheet, row and column in Vietnamese.

mod common;

use std::fs;

use common::{repo_path, SiteTest};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

/// The `spreadsheet` fixture with one schedule file added from
/// `tests/fixtures/spreadsheet-sources/`, saved as `schedules/<as_name>`.
fn site_with(source: &str, as_name: &str) -> SiteTest {
    let t = SiteTest::fixture("spreadsheet");
    let bytes = fs::read(repo_path(&format!(
        "tests/fixtures/spreadsheet-sources/{source}"
    )))
    .unwrap();
    t.write_bytes(&format!("schedules/{as_name}"), &bytes);
    t
}

fn site_with_bytes(as_name: &str, bytes: &[u8]) -> SiteTest {
    let t = SiteTest::fixture("spreadsheet");
    t.write_bytes(&format!("schedules/{as_name}"), bytes);
    t
}

/// Every page that shows sessions: the home page, the schedule and each hamlet.
const SESSION_PAGES: &[&str] = &[
    "index.html",
    "lich/index.html",
    "lich/dong-lao/index.html",
    "lich/song-nga/index.html",
    "lich/song-a/index.html",
    "lich/phuc-ngan-vai/index.html",
    "lich/kim/index.html",
    "lich/song-b/index.html",
    "lich/sanh/index.html",
    "diem-thu-nhan/index.html",
];

/// Both sites build, and every session page is byte-for-byte the same.
fn assert_same_pages(yaml: &SiteTest, other: &SiteTest) {
    for t in [yaml, other] {
        let run = t.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    for page in SESSION_PAGES {
        let (a, b) = (yaml.page(page), other.page(page));
        assert_eq!(
            a.table_rows("table.schedule"),
            b.table_rows("table.schedule"),
            "schedule rows differ on {page}"
        );
        assert!(a.text == b.text, "{page} differs from the YAML site's");
    }
}

#[test]
fn the_letters_table_as_semicolon_csv_reads_like_yaml() {
    let yaml = site_with("cong-van.yaml", "lich.yaml");
    let csv = site_with("cong-van.csv", "lich.csv");
    assert_same_pages(&yaml, &csv);
    // "Thời gian tuyên truyền, hướng dẫn" holds the dates: no "Ngày" column.
    let rows = csv.page("lich/index.html").table_rows("table.schedule");
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert_eq!(rows[0][..3], ["Thứ Ba", "29/11/2022", "thôn Đông Lão"]);
    assert_eq!(rows[6][..3], ["Thứ Hai", "05/12/2022", "thôn Sành"]);
}

#[test]
fn english_headers_comma_csv_with_carried_dates_reads_like_yaml() {
    let yaml = site_with("day-du.yaml", "lich.yaml");
    let csv = site_with("day-du.csv", "lich.csv");
    assert_same_pages(&yaml, &csv);
    let rows = csv.page("lich/index.html").table_rows("table.schedule");
    assert_eq!(rows.len(), 7, "{rows:?}");
    // Sống has no date in the table: it takes Song Nga's, the row above.
    let song = rows.iter().find(|r| r[2] == "thôn Sống").unwrap();
    assert_eq!(
        song[..4],
        ["Thứ Tư", "30/11/2022", "thôn Sống", "07:30–11:00"]
    );
    let dong_lao = &csv.page("lich/dong-lao/index.html").text;
    assert!(
        dong_lao.contains("Cài đặt VNeID, Đăng ký tài khoản mức 1"),
        "services split at ';'"
    );
}

/// The "every column" schedule as an officer keeps it in Excel: a merged
/// title, Vietnamese headers, real date cells, a date merged over two rows,
/// a date written once for two rows (blank below), a real time cell, two
/// services in one cell on two lines, and a sheet of notes beside it.
fn full_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm");
    let plain = Format::new();
    let sheet: &mut Worksheet = book.add_worksheet();
    sheet.set_name("Lịch").unwrap();
    sheet
        .merge_range(0, 0, 0, 6, "LỊCH HƯỚNG DẪN TẠI CÁC THÔN", &plain)
        .unwrap();
    let headers = [
        "STT",
        "Thôn",
        "Ngày",
        "Thời gian",
        "Địa điểm",
        "Nội dung",
        "Ghi chú",
    ];
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string(2, col as u16, *h).unwrap();
    }
    // (hamlet, date cell, time text, services, note)
    type Row<'a> = (&'a str, Option<(u16, u8, u8)>, &'a str, &'a str, &'a str);
    let rows: [Row; 7] = [
        (
            "Đông Lão",
            Some((2022, 11, 29)),
            "19h00-21h30",
            "Cài đặt VNeID\nĐăng ký tài khoản mức 1",
            "Mang căn cước công dân gắn chip",
        ),
        (
            "Song Nga",
            Some((2022, 11, 30)),
            "19h00-21h30",
            "Cài đặt VNeID",
            "",
        ),
        ("Sống", None, "7h30 - 11h", "", ""),
        ("Phúc Ngân Vải", Some((2022, 12, 2)), "", "", ""),
        (
            "Kìm",
            Some((2022, 12, 3)),
            "7h30-11h",
            "",
            "Mang điện thoại đã sạc pin, nhớ mật khẩu",
        ),
        ("Song", None, "7h30-11h", "", ""),
        ("Sành", None, "13h30-17h", "Kích hoạt tài khoản", ""),
    ];
    for (i, (hamlet, day, hours, services, note)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number(r, 0, i as f64 + 1.0).unwrap();
        sheet.write_string(r, 1, *hamlet).unwrap();
        if let Some((y, m, d)) = day {
            let value = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            sheet
                .write_datetime_with_format(r, 2, &value, &date)
                .unwrap();
        }
        if !hours.is_empty() {
            sheet.write_string(r, 3, *hours).unwrap();
        }
        sheet
            .write_string(r, 4, format!("Nhà văn hóa thôn {hamlet}"))
            .unwrap();
        if !services.is_empty() {
            sheet.write_string(r, 5, *services).unwrap();
        }
        if !note.is_empty() {
            sheet.write_string(r, 6, *note).unwrap();
        }
    }
    // Phúc Ngân Vải: a real Excel time cell, 19:00.
    let seven_pm = ExcelDateTime::from_hms(19, 0, 0).unwrap();
    sheet
        .write_datetime_with_format(6, 3, &seven_pm, &time)
        .unwrap();
    // Song and Sành: one date merged over both rows.
    sheet.merge_range(8, 2, 9, 2, "", &date).unwrap();
    let dec4 = ExcelDateTime::from_ymd(2022, 12, 4).unwrap();
    sheet
        .write_datetime_with_format(8, 2, &dec4, &date)
        .unwrap();

    let notes = book.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes
        .write_string(0, 0, "Lịch do Công an xã lập, cập nhật hằng tuần.")
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn excel_workbook_with_date_cells_and_merged_dates_reads_like_yaml() {
    let yaml = site_with("day-du.yaml", "lich.yaml");
    let xlsx = site_with_bytes("lich.xlsx", &full_workbook());
    assert_same_pages(&yaml, &xlsx);
    let rows = xlsx.page("lich/index.html").table_rows("table.schedule");
    assert_eq!(rows.len(), 7, "{rows:?}");
    let sanh = rows.iter().find(|r| r[2] == "thôn Sành").unwrap();
    assert_eq!(
        sanh[..4],
        ["Chủ nhật", "04/12/2022", "thôn Sành", "13:30–17:00"]
    );
    let phuc = rows.iter().find(|r| r[2] == "thôn Phúc Ngân Vải").unwrap();
    assert_eq!(phuc[3], "19:00");
    // The notes sheet is skipped, and the officer is told.
    let run = xlsx.build();
    assert!(
        run.stderr.contains("lich.xlsx: trang \"Ghi chú\"") && run.stderr.contains("bỏ qua"),
        "{}",
        run.stderr
    );
}

#[test]
fn excel_lock_files_are_ignored_and_old_formats_are_named() {
    let t = site_with_bytes("lich.xlsx", &full_workbook());
    // Excel keeps "~$lich.xlsx" beside an open workbook; it is not a workbook.
    t.write_bytes("schedules/~$lich.xlsx", b"\x0bofficer\x00\x00");
    t.write_bytes("schedules/cu.xls", b"\xd0\xcf\x11\xe0 old excel");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("~$lich"), "{}", run.stderr);
    assert!(
        run.stderr.contains("schedules/cu.xls") && run.stderr.contains("(*.xlsx)"),
        "{}",
        run.stderr
    );
}

/// A one-sheet workbook "Lịch" with the header on row 1 and these rows below.
fn workbook(rows: &[&[Cell]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Lịch").unwrap();
    for (col, h) in ["STT", "Thôn", "Ngày", "Giờ"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let (r, c) = (i as u32 + 1, col as u16);
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, *t).unwrap(),
                Cell::Number(n) => sheet.write_number(r, c, *n).unwrap(),
                Cell::Date(y, m, d) => sheet
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

enum Cell {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}

/// Builds (exit code 1 expected), returns stderr; `check` must say the same.
fn fails(t: &SiteTest) -> String {
    let run = t.build();
    assert_eq!(run.code, 1, "stdout {}\nstderr {}", run.stdout, run.stderr);
    let check = t.check();
    assert_eq!(check.code, 1);
    assert!(run.stderr.starts_with(&check.stderr), "{}", check.stderr);
    assert!(run.stderr.contains("Cách sửa:"), "{}", run.stderr);
    run.stderr
}

#[test]
fn impossible_date_in_a_sheet_names_the_sheet_row_and_column() {
    let bytes = workbook(&[
        &[
            Cell::Number(1.0),
            Cell::Text("Đông Lão"),
            Cell::Date(2022, 11, 29),
        ],
        &[
            Cell::Number(2.0),
            Cell::Text("Kìm"),
            Cell::Text("31/02/2022"),
            Cell::Text("7h30"),
        ],
    ]);
    let err = fails(&site_with_bytes("lich.xlsx", &bytes));
    assert!(
        err.contains("schedules/lich.xlsx: trang \"Lịch\", dòng 3, cột C: Ngày: ngày 31/02/2022 không có thật"),
        "{err}"
    );
    // The row is quoted cell by cell, so the officer finds it.
    assert!(
        err.contains("  3 | A: 2 · B: Kìm · C: 31/02/2022 · D: 7h30"),
        "{err}"
    );
}

#[test]
fn a_date_cell_that_lost_its_format_is_explained() {
    let bytes = workbook(&[&[Cell::Number(1.0), Cell::Text("Kìm"), Cell::Number(44894.0)]]);
    let err = fails(&site_with_bytes("lich.xlsx", &bytes));
    assert!(
        err.contains("dòng 2, cột C: Ô Ngày là số 44894, không phải một ngày."),
        "{err}"
    );
    // 44894 is 29/11/2022 as an Excel date serial.
    assert!(err.contains("Nếu đây là ngày 29/11/2022"), "{err}");
}

#[test]
fn unknown_hamlet_in_csv_points_at_the_cell_and_suggests_the_name() {
    let t = site_with_bytes(
        "lich.csv",
        "STT;Thôn;Ngày\n1;Đông Lão;29/11/2022\n2;Song Ngà;30/11/2022\n".as_bytes(),
    );
    let err = fails(&t);
    assert!(
        err.contains(
            "schedules/lich.csv: dòng 3, cột B: Thôn \"Song Ngà\" không có trong danh sách hamlets"
        ),
        "{err}"
    );
    assert!(err.contains("Có phải ý bạn là \"Song Nga\"?"), "{err}");
    // A CSV file's own line is quoted, with no caret (a column is not a character).
    assert!(
        err.contains("  3 | 2;Song Ngà;30/11/2022\n  Cách sửa"),
        "{err}"
    );
}

#[test]
fn table_without_a_date_column_is_refused_at_its_header() {
    let t = site_with_bytes("lich.csv", "Thôn,Địa điểm\nKìm,Nhà văn hóa\n".as_bytes());
    let err = fails(&t);
    // "Thôn" alone is no schedule header: the table is not found.
    assert!(
        err.contains("schedules/lich.csv: Không tìm thấy dòng tiêu đề"),
        "{err}"
    );
    let t = site_with_bytes("lich.csv", "Thôn,Giờ,Ghi chú\nKìm,7h30,\n".as_bytes());
    let err = fails(&t);
    assert!(
        err.contains("schedules/lich.csv: dòng 1: Bảng lịch không có cột ngày."),
        "{err}"
    );
}

#[test]
fn blank_first_date_and_wrong_weekday_are_errors() {
    let t = site_with_bytes(
        "lich.csv",
        "Thứ,Ngày,Thôn\n,,Kìm\nThứ Tư,29/11/2022,Sành\n".as_bytes(),
    );
    let err = fails(&t);
    assert!(
        err.contains("lich.csv: dòng 2, cột B: Dòng này chưa ghi ngày."),
        "{err}"
    );
    assert!(
        err.contains("lich.csv: dòng 3, cột A: Thứ: ngày 29/11/2022 là Thứ Ba, không phải Thứ Tư."),
        "{err}"
    );
}

#[test]
fn csv_saved_in_the_old_windows_encoding_asks_for_csv_utf8() {
    // "Thôn" in Windows-1258 is not UTF-8.
    let t = site_with_bytes("lich.csv", b"Th\xf4n;Ng\xe0y\nK\xecm;03/12/2022\n");
    let err = fails(&t);
    // The line is given; a character position is not a spreadsheet column.
    assert!(
        err.contains("schedules/lich.csv: dòng 1: Tệp không được lưu bằng bảng mã UTF-8"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8 (Comma delimited)"), "{err}");
}

#[test]
fn merged_two_row_header_of_an_official_table() {
    // STT and Thôn merged down over two header rows, "Thời gian" merged across
    // "Ngày" and "Giờ" below it: the usual shape of a table in a letter.
    let mut book = Workbook::new();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 1, 0, "STT", &plain).unwrap();
    sheet.merge_range(0, 1, 1, 1, "Thôn", &plain).unwrap();
    sheet.merge_range(0, 2, 0, 3, "Thời gian", &plain).unwrap();
    sheet.write_string(1, 2, "Ngày").unwrap();
    sheet.write_string(1, 3, "Giờ").unwrap();
    sheet.merge_range(0, 4, 1, 4, "Địa điểm", &plain).unwrap();
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_string(2, 1, "Kìm").unwrap();
    let dec3 = ExcelDateTime::from_ymd(2022, 12, 3).unwrap();
    sheet
        .write_datetime_with_format(2, 2, &dec3, &date)
        .unwrap();
    sheet.write_string(2, 3, "7h30 - 11h").unwrap();
    sheet.write_string(2, 4, "Nhà văn hóa thôn Kìm").unwrap();
    let t = site_with_bytes("lich.xlsx", &book.save_to_buffer().unwrap());
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("lich.xlsx"), "{}", run.stderr);
    let rows = t.page("lich/kim/index.html").table_rows("table.schedule");
    assert_eq!(rows.len(), 1, "{rows:?}");
    // A hamlet's own table: Thứ, Ngày, Giờ, Địa điểm, Ghi chú.
    assert_eq!(
        rows[0][..4],
        [
            "Thứ Bảy",
            "03/12/2022",
            "07:30–11:00",
            "Nhà văn hóa thôn Kìm"
        ]
    );
}
