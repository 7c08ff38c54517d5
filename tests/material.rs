//! The officer's real material (issue 16): time and dates as the commune's
//! letters write them, read from YAML and from spreadsheets, checked on the
//! built pages, calendars, data and loudspeaker scripts.

mod common;

use std::collections::BTreeMap;
use std::io::BufReader;

use common::{repo_path, SiteTest};

const SITE: &str = "\
title: Đăng ký tài khoản định danh điện tử
authority: UBND xã Cẩm Ngọc
place: xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa
campaign:
  name: Đợt cao điểm
  start: 01/11/2022
  end: 31/12/2022
contacts:
  - {name: Công an xã Cẩm Ngọc, phone: \"0237 3830 050\", hours: 24/24}
hamlets:
  - name: Đông Lão
  - name: Kìm
  - name: Song Nga
";

/// A site with `site.yaml` above and these schedule files.
fn site(files: &[(&str, &[u8])]) -> SiteTest {
    let t = SiteTest::fixture("minimal");
    t.remove("schedules/lich.yaml")
        .remove("schedules/them.yaml");
    t.write("site.yaml", SITE);
    for (name, bytes) in files {
        t.write_bytes(&format!("schedules/{name}"), bytes);
    }
    t
}

fn yaml_site(yaml: &str) -> SiteTest {
    site(&[("lich.yaml", yaml.as_bytes())])
}

fn builds(t: &SiteTest) {
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Build fails; returns stderr, which `check` prints the same.
fn fails(t: &SiteTest) -> String {
    let run = t.build();
    assert_eq!(run.code, 1, "stdout {}\nstderr {}", run.stdout, run.stderr);
    assert!(run.stderr.contains("Cách sửa:"), "{}", run.stderr);
    run.stderr
}

/// (date "dd/mm", time cell) of each row of a hamlet page's table.
fn hamlet_rows(t: &SiteTest, slug: &str) -> Vec<(String, String)> {
    let page = t.page(&format!("lich/{slug}/index.html"));
    // The coming sessions in full, the others compactly ("Nơi: 01/11
    // 07:30–11:00; 02/11 Cả ngày"): every session, in date order.
    let mut rows: Vec<(String, String)> = page
        .table_rows("table.schedule")
        .into_iter()
        .map(|cells| (cells[1][..5].to_string(), cells[2].clone()))
        .collect();
    for line in page.select_texts("ul.compact li") {
        let items = line
            .rsplit_once(": ")
            .map_or(line.as_str(), |(_, items)| items);
        for item in items.split("; ") {
            let (day, time) = item.split_once(' ').unwrap();
            rows.push((day.to_string(), time.to_string()));
        }
    }
    rows.sort_by_key(|(day, _)| (day[3..].to_string(), day[..2].to_string()));
    rows
}

/// Each VEVENT of a calendar as (local day "dd/mm", local time "HH:MM–HH:MM",
/// "HH:MM" or "cả ngày", UID, DESCRIPTION), read by the `ical` parser.
fn events(t: &SiteTest, rel: &str) -> Vec<(String, String, String, String)> {
    let bytes = std::fs::read(t.output_file(rel)).unwrap();
    let cal = ical::IcalParser::new(BufReader::new(&bytes[..]))
        .next()
        .unwrap()
        .unwrap();
    cal.events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
            };
            let local = |v: &str| {
                // "20221129T003000Z" → 29/11 07:30 in Vietnam (UTC+7).
                let t = chrono::NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%SZ").unwrap()
                    + chrono::Duration::hours(7);
                (t.format("%d/%m").to_string(), t.format("%H:%M").to_string())
            };
            let start = prop("DTSTART").unwrap();
            let (day, time) = if start.len() == 8 {
                let d = chrono::NaiveDate::parse_from_str(&start, "%Y%m%d").unwrap();
                (d.format("%d/%m").to_string(), "cả ngày".to_string())
            } else {
                let (day, from) = local(&start);
                match prop("DTEND") {
                    Some(end) => (day, format!("{from}–{}", local(&end).1)),
                    None => (day, from),
                }
            };
            (
                day,
                time,
                prop("UID").unwrap(),
                prop("DESCRIPTION").unwrap_or_default(),
            )
        })
        .collect()
}

/// The rows of a markdown table in docs/dinh-dang.md, after `marker`.
fn docs_table(marker: &str) -> Vec<Vec<String>> {
    let docs = std::fs::read_to_string(repo_path("docs/dinh-dang.md")).unwrap();
    let after = &docs[docs
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in docs"))..];
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// `cell` without its backticks and a trailing "(…)" remark.
fn code(cell: &str) -> String {
    let cell = match cell.find(" (") {
        Some(i) if cell.starts_with('`') => &cell[..i],
        _ => cell,
    };
    cell.trim_matches('`').to_string()
}

#[test]
fn every_time_form_in_the_docs_table_becomes_what_the_table_says() {
    let rows = docs_table("bảng cách ghi giờ");
    assert!(rows.len() >= 20, "{rows:?}");
    // One session per row, each on its own day of November 2022.
    let mut yaml = String::from("sessions:\n");
    for (i, row) in rows.iter().enumerate() {
        yaml.push_str(&format!(
            "  - hamlet: Đông Lão\n    date: {:02}/11/2022\n",
            i + 1
        ));
        if row[0] != "(không ghi)" {
            yaml.push_str(&format!("    time: \"{}\"\n", code(&row[0])));
        }
    }
    let t = yaml_site(&yaml);
    builds(&t);
    let mut shown: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (day, time) in hamlet_rows(&t, "dong-lao") {
        shown.entry(day).or_default().push(time);
    }
    let mut calendar: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (day, time, _, _) in events(&t, "lich/dong-lao.ics") {
        calendar.entry(day).or_default().push(time);
    }
    for (i, row) in rows.iter().enumerate() {
        let day = format!("{:02}/11", i + 1);
        assert_eq!(shown[&day].join("; "), row[1], "page for {}", row[0]);
        assert_eq!(calendar[&day].join("; "), row[2], "calendar for {}", row[0]);
    }
}

#[test]
fn every_date_form_in_the_docs_table_gives_the_dates_it_lists() {
    let rows = docs_table("bảng cách ghi ngày");
    assert!(rows.len() >= 15, "{rows:?}");
    // Each row on its own hamlet-free site: a row's dates must be exactly its own.
    for row in rows {
        let mut yaml = format!(
            "sessions:\n  - hamlet: Kìm\n    dates: \"{}\"\n",
            code(&row[0])
        );
        if !row[1].is_empty() {
            let days = code(&row[1]);
            if days.starts_with('[') {
                yaml.push_str(&format!("    days: {days}\n"));
            } else {
                yaml.push_str(&format!("    days: \"{days}\"\n"));
            }
        }
        let t = yaml_site(&yaml);
        builds(&t);
        let days: Vec<String> = hamlet_rows(&t, "kim").into_iter().map(|(d, _)| d).collect();
        assert_eq!(days.join(", "), row[2], "dates {} days {}", row[0], row[1]);
    }
}

const LETTERS: &str = "\
sessions:
  - hamlet: Đông Lão
    date: 29/11/2022
    time: 7h30-11h30 và 13h30-17h
    place: Nhà văn hóa thôn Đông Lão
  - hamlet: Kìm
    date: 30/11/2022
    time: sáng 7h30-11h, chiều 13h30-16h30
  - hamlet: Song Nga
    date: 01/12/2022
    time: Sáng
  - hamlet: Song Nga
    date: 02/12/2022
    time: Tối
  - hamlet: Kìm
    date: 03/12/2022
    time: cả ngày
  - hamlet: Kìm
    dates: Từ ngày 05/12 đến ngày 18/12/2022
    days: thứ Hai đến thứ Sáu
    time: 07:30-22:00
";

#[test]
fn the_letters_wording_gives_sessions_calendars_data_and_script() {
    let t = yaml_site(LETTERS);
    builds(&t);
    // Two sittings: two rows, two events with their own stable ids.
    assert_eq!(
        hamlet_rows(&t, "dong-lao"),
        [
            ("29/11".to_string(), "07:30–11:30".to_string()),
            ("29/11".to_string(), "13:30–17:00".to_string())
        ]
    );
    let dong_lao = events(&t, "lich/dong-lao.ics");
    assert_eq!(dong_lao.len(), 2);
    assert_ne!(dong_lao[0].2, dong_lao[1].2);
    // The part of the day alone: the word on the page, default hours in the calendar.
    assert_eq!(
        hamlet_rows(&t, "song-nga"),
        [
            ("01/12".to_string(), "Sáng".to_string()),
            ("02/12".to_string(), "Tối".to_string())
        ]
    );
    let song_nga = events(&t, "lich/song-nga.ics");
    assert_eq!(song_nga[0].1, "07:30–11:30");
    assert_eq!(song_nga[1].1, "19:00–21:00");
    assert!(song_nga[0]
        .3
        .contains("buổi sáng (giờ trong lịch là giờ dự kiến)"));
    // Repetition: one session per weekday of two weeks, plus the three above.
    let kim = hamlet_rows(&t, "kim");
    assert_eq!(kim.len(), 3 + 10, "{kim:?}");
    assert!(kim.contains(&("03/12".to_string(), "Cả ngày".to_string())));
    assert!(kim.contains(&("16/12".to_string(), "07:30–22:00".to_string())));
    assert!(
        !kim.iter().any(|(d, _)| d == "10/12" || d == "11/12"),
        "{kim:?}"
    );
    // Open data: one entry per sitting, the part of the day named.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/lich.json")).unwrap())
            .unwrap();
    let sessions = json["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2 + 2 + 2 + 1 + 10);
    let morning = sessions.iter().find(|s| s["date"] == "2022-12-01").unwrap();
    assert_eq!(morning["part_of_day"], "sáng");
    assert_eq!(morning["start"], "07:30");
    let csv = std::fs::read_to_string(t.output_file("du-lieu/lich.csv")).unwrap();
    assert!(
        csv.lines().next().unwrap().contains(",Ghi chú,Buổi"),
        "{csv}"
    );
    assert!(
        csv.contains("2022-12-02,Thứ Sáu,thôn Song Nga,song-nga,19:00,21:00,,,,Tối"),
        "{csv}"
    );
    // The loudspeaker: both sittings of Đông Lão in one phrase, parts of day as words.
    let script = std::fs::read_to_string(t.output_file("lich/tuan-2022-48/doc-loa.txt")).unwrap();
    assert!(
        script.contains(
            "thôn Đông Lão, từ bảy giờ ba mươi đến mười một giờ ba mươi và từ mười ba giờ ba \
             mươi đến mười bảy giờ, tại nhà văn hóa thôn Đông Lão"
        ),
        "{script}"
    );
    assert!(script.contains("thôn Song Nga, buổi sáng"), "{script}");
    assert!(script.contains("thôn Song Nga, buổi tối"), "{script}");
    assert!(script.contains("thôn Kìm, cả ngày"), "{script}");
}

#[test]
fn times_dates_and_days_that_cannot_be_read_name_the_line_and_list_the_forms() {
    let t = yaml_site(
        "\
sessions:
  - hamlet: Đông Lão
    date: 29/11/2022
    time: 2 giờ chiều
  - hamlet: Kìm
    date: 30/11/2022
    time: sáng mai
  - hamlet: Kìm
    dates: 20/12/2022 - 29/11/2022
  - hamlet: Song Nga
    dates: 28/11/2022 - 04/12/2022
    days: thứ 9
  - hamlet: Song Nga
    date: 01/12/2022
    dates: 01/12/2022 - 03/12/2022
  - hamlet: Đông Lão
    date: 01/12/2022
    time: 7h-11h và 10h-12h
",
    );
    let err = fails(&t);
    for expected in [
        "lich.yaml:4:11: `time`: “2 giờ chiều” có chữ “chiều”, nhưng 02:00 không phải giờ buổi chiều",
        "lich.yaml:7:11: `time`: không đọc được giờ “mai”",
        "lich.yaml:9:12: `dates`: khoảng ngày “20/12/2022 - 29/11/2022”: ngày cuối 29/11/2022 đứng trước ngày đầu 20/12/2022",
        "lich.yaml:10:5: `days`: không đọc được thứ “thứ 9”",
        "lich.yaml:15:12: Buổi này ghi cả `date` lẫn `dates`.",
        "lich.yaml:18:11: `time`: hai buổi trong ngày chồng lên nhau",
        // Every accepted form, an example of each.
        "hai buổi trong ngày 7h30-11h30 và 13h30-17h; buổi kèm giờ sáng 7h30-11h, chiều 13h30-16h30; chỉ ghi buổi Sáng, Chiều hoặc Tối; cả ngày",
        "thứ Hai đến thứ Sáu (hoặc thứ 2 - thứ 6); trừ Chủ nhật",
    ] {
        assert!(err.contains(expected), "{expected:?} not in\n{err}");
    }
}

#[test]
fn the_spreadsheet_twin_reads_the_same_wording() {
    let yaml = yaml_site(
        "\
sessions:
  - hamlet: Đông Lão
    date: 29/11/2022
    time: 7h30-11h30 và 13h30-17h
  - hamlet: Song Nga
    date: 01/12/2022
    time: Sáng
  - hamlet: Kìm
    dates: 05/12/2022 - 18/12/2022
    days: thứ 2 - thứ 6
    time: sáng 7h30-11h, chiều 13h30-16h30
",
    );
    let csv = site(&[(
        "lich.csv",
        "STT;Thôn;Ngày;Thứ;Giờ\n\
         1;Đông Lão;29/11/2022;Thứ Ba;7h30-11h30 và 13h30-17h\n\
         2;Song Nga;01/12/2022;;Sáng\n\
         3;Kìm;05/12/2022 - 18/12/2022;Thứ 2 - Thứ 6;sáng 7h30-11h, chiều 13h30-16h30\n"
            .as_bytes(),
    )]);
    let xlsx = {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let sheet = book.add_worksheet();
        sheet.set_name("Lịch").unwrap();
        for (c, h) in ["Thôn", "Thời gian", "Thứ", "Giờ"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Đông Lão").unwrap();
        sheet
            .write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2022, 11, 29).unwrap(), &date)
            .unwrap();
        sheet.write_string(1, 3, "7h30-11h30\n13h30-17h").unwrap();
        sheet.write_string(2, 0, "Song Nga").unwrap();
        sheet.write_string(2, 1, "01/12/2022 (Sáng)").unwrap();
        sheet.write_string(3, 0, "Kìm").unwrap();
        sheet
            .write_string(3, 1, "Từ ngày 05/12 đến ngày 18/12/2022")
            .unwrap();
        sheet.write_string(3, 2, "thứ Hai đến thứ Sáu").unwrap();
        sheet
            .write_string(3, 3, "Sáng 7h30-11h\nChiều 13h30-16h30")
            .unwrap();
        site(&[("lich.xlsx", &book.save_to_buffer().unwrap())])
    };
    for t in [&yaml, &csv, &xlsx] {
        builds(t);
    }
    for slug in ["dong-lao", "song-nga", "kim"] {
        let expected = hamlet_rows(&yaml, slug);
        assert_eq!(hamlet_rows(&csv, slug), expected, "csv {slug}");
        assert_eq!(hamlet_rows(&xlsx, slug), expected, "xlsx {slug}");
    }
    assert_eq!(hamlet_rows(&yaml, "kim").len(), 20);

    let wrong = site(&[(
        "lich.csv",
        "Thôn;Ngày;Thứ;Giờ\nKìm;05/12/2022 - 18/12/2022;thứ 9;7h\nKìm;19/12/2022;;2 giờ chiều\n"
            .as_bytes(),
    )]);
    let err = fails(&wrong);
    assert!(
        err.contains("schedules/lich.csv: dòng 2, cột C: Thứ: không đọc được thứ “thứ 9”"),
        "{err}"
    );
    assert!(
        err.contains("schedules/lich.csv: dòng 3, cột D: Giờ: “2 giờ chiều” có chữ “chiều”"),
        "{err}"
    );
}

// ---------------------------------------------------------------- personal data

#[test]
fn citizens_personal_data_is_refused_with_the_line_and_the_decree() {
    let t = yaml_site(
        "\
sessions:
  - hamlet: Kìm
    date: 30/11/2022
    note: Mời anh Lê Văn A (CCCD 038195001234) đến kích hoạt.
",
    );
    t.write(
        "guides/danh-sach.md",
        "---\ntitle: Danh sách chưa kích hoạt\n---\n\nCác trường hợp còn lại:\n\n\
         | STT | Họ và tên | Ngày sinh | Số điện thoại |\n\
         | --- | --- | --- | --- |\n\
         | 1 | Lê Văn B | 12/03/1985 | 0912 345 678 |\n\
         | 2 | Trần Thị C | 01/07/1990 | 0987.654.321 |\n\
         | 3 | Phạm Văn D | 1962 | 0356 111 222 |\n",
    );
    let err = fails(&t);
    for expected in [
        "schedules/lich.yaml:4:34: Có 1 số định danh cá nhân (số căn cước, 12 chữ số) trong nội dung (dòng 4). Đây là dữ liệu cá nhân của công dân, không được đăng công khai (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân).",
        "guides/danh-sach.md:9:31: Có 3 số điện thoại di động trong nội dung (dòng 9, 10, 11)",
        "guides/danh-sach.md:9:18: Có 3 ngày sinh trong nội dung (dòng 9, 10, 11)",
    ] {
        assert!(err.contains(expected), "{expected:?} not in\n{err}");
    }
    assert_eq!(err.matches("13/2023/NĐ-CP").count(), 3, "{err}");
}

#[test]
fn contacts_phones_and_a_hotline_are_not_personal_data() {
    let t = yaml_site("sessions:\n  - {hamlet: Kìm, date: 30/11/2022}\n");
    t.write(
        "site.yaml",
        &SITE.replace(
            "contacts:\n",
            "contacts:\n  - {name: Tổ công tác thôn Kìm, phone: \"0912 345 678\"}\n  - {name: Tổ lưu động, phone: \"0987.654.321\"}\n  - {name: Trực ban, phone: \"0356111222\"}\n",
        ),
    );
    t.write(
        "guides/lien-he.md",
        "---\ntitle: Liên hệ\n---\n\nGọi 0912 345 678, 0987 654 321 hoặc 0356 111 222.\n\
         Đường dây nóng của huyện: 0943 004 243.\n",
    );
    builds(&t);
}

#[test]
fn personal_data_in_a_spreadsheet_names_the_row() {
    let t = site(&[(
        "lich.csv",
        "Thôn;Ngày;Ghi chú\nKìm;30/11/2022;Họp dân\nKìm;01/12/2022;Gọi lại ông A 038195001234\n"
            .as_bytes(),
    )]);
    let err = fails(&t);
    assert!(
        err.contains("schedules/lich.csv: dòng 3: Có 1 số định danh cá nhân"),
        "{err}"
    );
}

// ---------------------------------------------------------------- grouped errors

#[test]
fn one_mistake_on_many_rows_is_one_error_with_its_count_and_lines() {
    let mut yaml = String::from("sessions:\n");
    for day in 1..=30 {
        yaml.push_str(&format!("  - hamlet: Kim\n    date: {day:02}/11/2022\n"));
    }
    yaml.push_str("  - hamlet: Song Ngaa\n    date: 01/12/2022\n  - hamlet: Song Ngaa\n    date: 02/12/2022\n");
    let err = fails(&yaml_site(&yaml));
    assert!(
        err.contains(
            "lich.yaml:2:13: Thôn \"Kim\" không có trong danh sách hamlets của site.yaml. \
             (30 dòng: 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, …)\n  2 |   - hamlet: Kim\n"
        ),
        "{err}"
    );
    assert_eq!(err.matches("Thôn \"Kim\" không có").count(), 1, "{err}");
    assert!(err.contains("(2 dòng: 62, 64)"), "{err}");
    assert!(err.contains("Có 2 lỗi (ở 32 chỗ)."), "{err}");

    // The spreadsheet twin: rows of the sheet.
    let mut csv = String::from("Thôn;Ngày\n");
    for day in 1..=12 {
        csv.push_str(&format!("Kim;{day:02}/11/2022\n"));
    }
    let err = fails(&site(&[("lich.csv", csv.as_bytes())]));
    assert!(
        err.contains(
            "schedules/lich.csv: dòng 2, cột A: Thôn \"Kim\" không có trong danh sách hamlets \
             của site.yaml. (12 dòng: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)"
        ),
        "{err}"
    );
    assert!(err.contains("Có 1 lỗi (ở 12 chỗ)."), "{err}");
}

// ---------------------------------------------------------------- other names

const SITE_WITH_ALIASES: &str = "\
title: Đăng ký tài khoản định danh điện tử
authority: UBND xã Cẩm Ngọc
place: xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa
campaign:
  name: Đợt cao điểm
  start: 01/11/2022
  end: 31/12/2022
hamlets:
  - name: Đông Lão
    aliases: [Đông Lảo, Dong Lao]
  - name: Kìm
    aliases: Kìm Cũ
  - name: Song Nga
    kind: khu phố
    aliases: [Ấp Song, Xóm Nga]
";

#[test]
fn a_schedule_may_use_an_other_name_with_a_note_and_the_a_to_z_page_lists_them() {
    let t = yaml_site(
        "sessions:\n  - {hamlet: Kìm Cũ, date: 29/11/2022}\n  - {hamlet: kìm cũ, date: 30/11/2022}\n  - {hamlet: Xóm Nga, date: 01/12/2022}\n",
    );
    t.write("site.yaml", SITE_WITH_ALIASES);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "schedules/lich.yaml:2:14: \"Kìm Cũ\" là tên khác của thôn Kìm: buổi được xếp vào \
             trang của thôn Kìm."
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.starts_with("ghi chú: "), "{}", run.stderr);
    assert!(run.stderr.contains("3 ghi chú."), "{}", run.stderr);
    assert_eq!(hamlet_rows(&t, "kim").len(), 2);
    assert_eq!(hamlet_rows(&t, "song-nga").len(), 1);
    let kim = t.page("lich/kim/index.html");
    assert_eq!(kim.select_texts("p.aliases"), ["Tên khác: Kìm Cũ."]);

    let page = t.page("tim-noi-o/index.html");
    assert_eq!(page.select_texts("h2"), ["Â", "D", "Đ", "K", "S", "X"]);
    assert_eq!(
        page.select_texts("ul.names li"),
        [
            "Ấp Song: tên khác của khu phố Song Nga",
            "Dong Lao: tên khác của thôn Đông Lão",
            "Đông Lảo: tên khác của thôn Đông Lão",
            "Đông Lão (thôn Đông Lão)",
            "Kìm (thôn Kìm)",
            "Kìm Cũ: tên khác của thôn Kìm",
            "Song Nga (khu phố Song Nga)",
            "Xóm Nga: tên khác của khu phố Song Nga",
        ]
    );
    assert_eq!(
        page.attrs("ul.names a", "href")[0],
        "../lich/song-nga/index.html"
    );
    common::assert_links_resolve(&t.out);
    // The schedule page leads to it.
    assert!(t
        .page("lich/index.html")
        .attrs("a", "href")
        .contains(&"../tim-noi-o/index.html".to_string()));
}

#[test]
fn an_other_name_taken_by_another_hamlet_is_an_error_and_a_misspelling_suggests_it() {
    let t = yaml_site("sessions:\n  - {hamlet: Kim Cu, date: 29/11/2022}\n");
    t.write(
        "site.yaml",
        &SITE_WITH_ALIASES.replace("aliases: Kìm Cũ", "aliases: [Kìm Cũ, Song Nga]"),
    );
    let err = fails(&t);
    assert!(
        err.contains(
            "site.yaml:11:11: Tên khác \"Song Nga\" của thôn \"Kìm\" trùng với thôn \"Song Nga\""
        ),
        "{err}"
    );
    assert!(err.contains("Có phải ý bạn là \"Kìm Cũ\"?"), "{err}");

    // The spreadsheet twin: an other name in a table row is read the same.
    let csv = site(&[("lich.csv", "Thôn;Ngày\nKìm Cũ;29/11/2022\n".as_bytes())]);
    csv.write("site.yaml", SITE_WITH_ALIASES);
    let run = csv.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("schedules/lich.csv: dòng 2, cột A: \"Kìm Cũ\" là tên khác của thôn Kìm"),
        "{}",
        run.stderr
    );
    assert_eq!(
        hamlet_rows(&csv, "kim"),
        [("29/11".to_string(), "Cả ngày".to_string())]
    );
}

// ---------------------------------------------------------------- contacts and directions

const SITE_WITH_CONTACTS: &str = "\
title: Đăng ký tài khoản định danh điện tử
authority: UBND xã Cẩm Ngọc
place: xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa
campaign:
  name: Đợt cao điểm
  start: 01/11/2022
  end: 31/12/2022
contacts:
  - name: Công an xã Cẩm Ngọc
    phone: \"0237 3830 050\"
    zalo: https://zalo.me/g/camngoc06
  - name: Tổ hỗ trợ tại nhà
    phone: \"0915 111 222\"
    role: hỗ trợ tại nhà
hamlets:
  - name: Đông Lão
  - name: Kìm
    contacts:
      - name: Trưởng thôn Lê Văn B
        phone: \"0912 345 678\"
        zalo: \"0912 345 678\"
        hours: 7h-21h
      - name: Tổ công tác thôn Kìm
        phone: \"0987 654 321\"
  - name: Song Nga
";

const POINTS: &str = "\
sessions:
  - {hamlet: Kìm, date: 29/11/2022, time: 19h-21h}
  - {hamlet: Đông Lão, date: 30/11/2022, time: 19h-21h}
points:
  - name: Công an xã Cẩm Ngọc
    address: Trụ sở Công an xã
    coords: 10.2862, 104.0553
    contacts:
      - {name: Trực ban, phone: \"0237 3830 050\"}
  - name: Tổ lưu động
    kind: mobile
    coords: https://www.google.com/maps/@10.2901,104.0611,17z
    contacts:
      - name: Tổ trưởng
        phone: \"0903 111 222\"
        zalo: https://zalo.me/g/toluudong
";

#[test]
fn contacts_of_hamlets_and_points_with_phones_zalo_and_directions() {
    let t = yaml_site(POINTS);
    t.write("site.yaml", SITE_WITH_CONTACTS);
    builds(&t);
    let kim = t.page("lich/kim/index.html");
    let items = kim.select_texts("section.hamlet-contacts li");
    assert_eq!(
        items,
        [
            "Trưởng thôn Lê Văn B: 0912 345 678 · Zalo (7h-21h)",
            "Tổ công tác thôn Kìm: 0987 654 321",
            "Người cao tuổi, người ốm đau, người khuyết tật không đến được điểm hướng dẫn \
             xin liên hệ Tổ hỗ trợ tại nhà, điện thoại 0915 111 222",
        ]
    );
    let links = kim.attrs("section.hamlet-contacts a", "href");
    assert_eq!(
        links,
        [
            "tel:0912345678",
            "https://zalo.me/0912345678",
            "tel:0987654321",
            "tel:0915111222"
        ]
    );
    // Every hamlet page shows the home-visit contact, even without contacts of its own.
    let dong_lao = t.page("lich/dong-lao/index.html");
    assert_eq!(
        dong_lao.attrs("section.hamlet-contacts a", "href"),
        ["tel:0915111222"]
    );

    let points = t.page("diem-thu-nhan/index.html");
    let hrefs = points.attrs("ul.points a", "href");
    for expected in [
        "geo:10.2862,104.0553",
        "https://www.openstreetmap.org/?mlat=10.2862&mlon=104.0553#map=17/10.2862/104.0553",
        "geo:10.2901,104.0611",
        "tel:02373830050",
        "tel:0903111222",
        "https://zalo.me/g/toluudong",
    ] {
        assert!(
            hrefs.contains(&expected.to_string()),
            "{expected} not in {hrefs:?}"
        );
    }
    // No script and no key for the map: plain links only.
    assert_eq!(points.count("script:not([src$='assets/hom-nay.js'])"), 0);

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/lich.json")).unwrap())
            .unwrap();
    assert_eq!(json["points"][0]["coords"]["lat"], 10.2862);
    assert_eq!(json["points"][0]["coords"]["lon"], 104.0553);
    assert_eq!(
        json["points"][1]["contacts"][0]["zalo"],
        "https://zalo.me/g/toluudong"
    );
    assert_eq!(json["hamlets"][1]["contacts"][0]["phone"], "0912 345 678");
    assert_eq!(
        json["site"]["contacts"][0]["zalo"],
        "https://zalo.me/g/camngoc06"
    );
    assert!(json["site"]["contacts"][1]["zalo"].is_null());

    // The loudspeaker: the hamlet's own contact after the site's, and the home visits.
    let script = std::fs::read_to_string(t.output_file("lich/tuan-2022-48/doc-loa.txt")).unwrap();
    assert!(
        script.contains(
            "Bà con thôn Kìm liên hệ Trưởng thôn Lê Văn B, số điện thoại không chín một hai, ba \
             bốn năm, sáu bảy tám"
        ),
        "{script}"
    );
    assert!(
        script.contains("hỗ trợ tại nhà xin liên hệ Tổ hỗ trợ tại nhà"),
        "{script}"
    );
    common::assert_links_resolve(&t.out);
}

#[test]
fn coordinates_and_zalo_that_cannot_be_right_name_the_line() {
    let t = yaml_site(
        "\
points:
  - name: A
    coords: 104.0553, 10.2862
  - name: B
    coords: gần chợ
  - name: C
    contacts:
      - {name: Tổ, zalo: nhóm Zalo của thôn}
  - name: D
    coords: 48.8584, 2.2945
",
    );
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = run.stderr;
    for expected in [
        "lich.yaml:3:13: `coords` \"104.0553, 10.2862\": có lẽ kinh độ và vĩ độ bị viết đảo chỗ.",
        "coords: 10.2862, 104.0553",
        "lich.yaml:5:13: `coords` \"gần chợ\" không đọc được thành tọa độ.",
        "lich.yaml:8:26: `zalo` \"nhóm Zalo của thôn\" không phải số điện thoại hay đường dẫn Zalo.",
        "cảnh báo: ",
        "lich.yaml:10:13: `coords` \"48.8584, 2.2945\" là một chỗ nằm ngoài Việt Nam.",
    ] {
        assert!(err.contains(expected), "{expected:?} not in\n{err}");
    }
}

// ---------------------------------------------------------------- venues and audiences

const SITE_WITH_VENUES: &str = "\
title: Đăng ký tài khoản định danh điện tử
authority: UBND xã Cẩm Ngọc
place: xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa
campaign:
  name: Đợt cao điểm
  start: 01/11/2022
  end: 31/12/2022
hamlets:
  - name: Đông Lão
  - name: Kìm
venues:
  - name: Trường THCS Cẩm Ngọc
    hamlet: Đông Lão
    address: Thôn Đông Lão, xã Cẩm Ngọc
    coords: 20.2167, 105.4533
  - name: May Cẩm Ngọc
    kind: công ty
    slug: cong-ty-may
";

const VENUE_SESSIONS: &str = "\
sessions:
  - venue: Trường THCS Cẩm Ngọc
    audience: Học sinh từ 14 tuổi
    date: 29/11/2022
    time: 13h30-16h30
  - venue: May Cẩm Ngọc
    hamlet: Kìm
    audience: Công nhân ca sáng
    date: 30/11/2022
    time: Chiều
    place: Nhà ăn ca
  - hamlet: Kìm
    date: 01/12/2022
    time: 19h-21h
";

#[test]
fn venues_have_their_own_pages_calendars_data_and_script() {
    let t = yaml_site(VENUE_SESSIONS);
    t.write("site.yaml", SITE_WITH_VENUES);
    builds(&t);
    // Their own pages beside the hamlets'.
    let school = t.page("lich/truong-thcs-cam-ngoc/index.html");
    assert_eq!(school.select_texts("h1"), ["Lịch Trường THCS Cẩm Ngọc"]);
    assert_eq!(
        school.table_rows("table.schedule")[0][2..],
        [
            "13:30–16:30".to_string(),
            "Trường THCS Cẩm Ngọc".to_string(),
            "Đối tượng: Học sinh từ 14 tuổi".to_string()
        ]
    );
    assert!(school
        .attrs("dl.venue a", "href")
        .contains(&"geo:20.2167,105.4533".to_string()));
    assert_eq!(school.select_texts("dl.venue dd")[1], "thôn Đông Lão");
    let company = t.page("lich/cong-ty-may/index.html");
    assert_eq!(company.select_texts("h1"), ["Lịch công ty May Cẩm Ngọc"]);
    // The hamlets they are in list them too.
    assert_eq!(
        hamlet_rows(&t, "dong-lao"),
        [("29/11".to_string(), "13:30–16:30".to_string())]
    );
    assert_eq!(hamlet_rows(&t, "kim").len(), 2);
    // The schedule page lists venues apart from hamlets.
    let schedule = t.page("lich/index.html");
    assert_eq!(
        schedule.select_texts("ul.venues li"),
        [
            "Trường THCS Cẩm Ngọc (1 buổi)",
            "công ty May Cẩm Ngọc (1 buổi)"
        ]
    );
    assert!(!schedule
        .select_texts("ul.hamlets:not(.venues) li")
        .iter()
        .any(|l| l.contains("Trường")));
    // Calendars: the whole site's and the venue's own.
    let school_events = events(&t, "lich/truong-thcs-cam-ngoc.ics");
    assert_eq!(school_events.len(), 1);
    assert!(school_events[0]
        .3
        .contains("Đối tượng: Học sinh từ 14 tuổi."));
    assert_eq!(events(&t, "lich.ics").len(), 3);
    // Open data.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/lich.json")).unwrap())
            .unwrap();
    assert_eq!(json["hamlets"].as_array().unwrap().len(), 2);
    assert_eq!(json["venues"][0]["slug"], "truong-thcs-cam-ngoc");
    assert_eq!(json["venues"][0]["hamlet"], "dong-lao");
    assert_eq!(json["venues"][0]["coords"]["lat"], 20.2167);
    let sessions = json["sessions"].as_array().unwrap();
    assert_eq!(sessions[0]["venue"], "truong-thcs-cam-ngoc");
    assert_eq!(sessions[0]["hamlet"], "dong-lao");
    assert_eq!(sessions[0]["audience"], "Học sinh từ 14 tuổi");
    assert_eq!(sessions[1]["venue"], "cong-ty-may");
    assert_eq!(sessions[1]["hamlet"], "kim");
    assert_eq!(sessions[2]["venue"], serde_json::Value::Null);
    // The week sheet and the loudspeaker.
    let week = t.page("lich/tuan-2022-48/index.html");
    assert!(week.text.contains("Trường THCS Cẩm Ngọc"), "week sheet");
    let script = std::fs::read_to_string(t.output_file("lich/tuan-2022-48/doc-loa.txt")).unwrap();
    assert!(
        script.contains(
            "trường trung học cơ sở Cẩm Ngọc, từ mười ba giờ ba mươi đến mười sáu giờ ba mươi, \
             dành cho học sinh từ mười bốn tuổi"
        ),
        "{script}"
    );
    assert!(
        script.contains(
            "công ty May Cẩm Ngọc, buổi chiều, tại nhà ăn ca, dành cho công nhân ca sáng"
        ),
        "{script}"
    );
    // The A–Z page names them as places.
    assert!(t
        .page("tim-noi-o/index.html")
        .select_texts("ul.names li")
        .contains(&"Trường THCS Cẩm Ngọc (nơi tổ chức)".to_string()));
    common::assert_links_resolve(&t.out);
}

#[test]
fn venue_mistakes_name_the_line_and_the_spreadsheet_twin_reads_venues() {
    let t = yaml_site("sessions:\n  - {venue: Trường THCS Cẩm Ngọc, hamlet: Trường THCS Cẩm Ngọc, date: 29/11/2022}\n");
    t.write(
        "site.yaml",
        &SITE_WITH_VENUES
            .replace("    hamlet: Đông Lão\n", "    hamlet: Đông Lảo\n")
            .replace("  - name: May Cẩm Ngọc", "  - name: Kìm"),
    );
    let err = fails(&t);
    for expected in [
        "site.yaml:13:13: \"Đông Lảo\" không phải một thôn trong danh sách hamlets của site.yaml.",
        "Có phải ý bạn là \"Đông Lão\"?",
        "site.yaml:16:11: Địa điểm \"Kìm\" có tên trùng với \"Kìm\" ở trên.",
        "lich.yaml:2:43: \"Trường THCS Cẩm Ngọc\" không phải một thôn",
    ] {
        assert!(err.contains(expected), "{expected:?} not in\n{err}");
    }

    let yaml = yaml_site(VENUE_SESSIONS);
    yaml.write("site.yaml", SITE_WITH_VENUES);
    let csv = site(&[(
        "lich.csv",
        "Đơn vị;Thôn;Đối tượng;Ngày;Giờ;Địa điểm\n\
         Trường THCS Cẩm Ngọc;;Học sinh từ 14 tuổi;29/11/2022;13h30-16h30;\n\
         May Cẩm Ngọc;Kìm;Công nhân ca sáng;30/11/2022;Chiều;Nhà ăn ca\n\
         ;Kìm;;01/12/2022;19h-21h;\n"
            .as_bytes(),
    )]);
    csv.write("site.yaml", SITE_WITH_VENUES);
    builds(&yaml);
    builds(&csv);
    for page in [
        "lich/truong-thcs-cam-ngoc/index.html",
        "lich/cong-ty-may/index.html",
        "lich/kim/index.html",
        "lich/dong-lao/index.html",
        "lich/index.html",
    ] {
        assert_eq!(
            csv.page(page).table_rows("table.schedule"),
            yaml.page(page).table_rows("table.schedule"),
            "{page}"
        );
    }
}

#[test]
fn a_sheets_coordinates_and_contacts_columns_are_named_with_where_they_go() {
    let t = site(&[(
        "lich.csv",
        "Thôn;Ngày;Giờ;Tọa độ;Liên hệ\n\
         Kìm;29/11/2022;19h-21h;10.2862, 104.0553;Anh B 0912 345 678\n\
         Đông Lão;30/11/2022;19h-21h;;\n"
            .as_bytes(),
    )]);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "lich.csv: dòng 1, cột D: Cột D \"Tọa độ\": tọa độ không ghi trong bảng lịch, nên cột \
         này không được đọc.",
        "venues[].coords",
        "lich.csv: dòng 1, cột E: Cột E \"Liên hệ\": liên hệ không ghi trong bảng lịch, nên cột \
         này không được đọc.",
        "hamlets[].contacts",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} not in\n{}",
            run.stderr
        );
    }
    // The sessions are read as usual; the phone in the sheet is published nowhere.
    assert_eq!(
        hamlet_rows(&t, "kim"),
        [("29/11".to_string(), "19:00–21:00".to_string())]
    );
    let kim = std::fs::read_to_string(t.output_file("lich/kim/index.html")).unwrap();
    assert!(!kim.contains("0912"));
}

// ---------------------------------------------------------------- mobile routes

const ROUTE: &str = "\
sessions:
  - {hamlet: Kìm, date: 29/11/2022, time: 19h-21h}
points:
  - name: Tổ lưu động số 1
    services: [Thu nhận hồ sơ mức 2]
    route:
      - {date: 29/11/2022, time: 7h30-11h, place: Trường THCS Cẩm Ngọc}
      - {date: 29/11/2022, time: Chiều, place: Công ty May Cẩm Ngọc}
      - {date: 30/11/2022, place: Khu công nghiệp Cẩm Thủy}
      - date: 01/12/2022
        time: 7h30-11h và 13h30-16h30
        place: Nhà văn hóa thôn Kìm
      - {date: 27/11/2022, time: 7h30-11h, place: Chợ Cẩm Ngọc}
";

#[test]
fn a_mobile_route_is_a_day_by_day_table_in_the_calendar_data_and_week_script() {
    let t = yaml_site(ROUTE);
    builds(&t);
    // A route makes an unmarked point mobile; stops come in date and time
    // order, one row each, one <tbody> per day, days already past marked.
    let points = t.page("diem-thu-nhan/index.html");
    assert_eq!(points.select_texts("main h2"), ["Điểm lưu động"]);
    assert_eq!(
        points.select_texts("table.route caption"),
        ["Lộ trình của Tổ lưu động số 1"]
    );
    let rows: Vec<Vec<String>> = points.table_rows("table.route");
    let expected = [
        ["Chủ nhật", "27/11/2022", "07:30–11:00", "Chợ Cẩm Ngọc"],
        [
            "Thứ Ba",
            "29/11/2022",
            "07:30–11:00",
            "Trường THCS Cẩm Ngọc",
        ],
        ["Thứ Ba", "29/11/2022", "Chiều", "Công ty May Cẩm Ngọc"],
        [
            "Thứ Tư",
            "30/11/2022",
            "Cả ngày",
            "Khu công nghiệp Cẩm Thủy",
        ],
        [
            "Thứ Năm",
            "01/12/2022",
            "07:30–11:00",
            "Nhà văn hóa thôn Kìm",
        ],
        [
            "Thứ Năm",
            "01/12/2022",
            "13:30–16:30",
            "Nhà văn hóa thôn Kìm",
        ],
    ];
    assert_eq!(rows, expected.map(|r| r.map(str::to_string)));
    assert_eq!(points.count("table.route tbody"), 4);
    assert_eq!(points.count("table.route tr.past"), 1);

    // lich.ics: the session, then each stop (a part of the day at its
    // documented hours), read alike by two calendar parsers.
    let stops: Vec<(String, String, String)> = events(&t, "lich.ics")
        .into_iter()
        .filter(|(_, _, _, description)| description.contains("Tổ lưu động số 1"))
        .map(|(day, time, _, description)| (day, time, description))
        .collect();
    let when: Vec<(&str, &str)> = stops
        .iter()
        .map(|(d, t, _)| (d.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        when,
        [
            ("27/11", "07:30–11:00"),
            ("29/11", "07:30–11:00"),
            ("29/11", "13:30–17:00"),
            ("30/11", "cả ngày"),
            ("01/12", "07:30–11:00"),
            ("01/12", "13:30–16:30"),
        ]
    );
    assert!(stops[2].2.contains("buổi chiều"), "{}", stops[2].2);
    let text = std::fs::read_to_string(t.output_file("lich.ics")).unwrap();
    let cal: icalendar::Calendar = text.parse().expect("icalendar parses lich.ics");
    use icalendar::Component;
    let summaries: Vec<String> = cal
        .events()
        .filter_map(|e| e.get_summary().map(str::to_string))
        .filter(|s| s.starts_with("Tổ lưu động"))
        .collect();
    assert_eq!(summaries.len(), 6);
    assert_eq!(summaries[1], "Tổ lưu động số 1: Trường THCS Cẩm Ngọc");
    let uids: std::collections::HashSet<&str> = cal.events().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), 7, "every event has its own UID");
    // The hamlet's own calendar has its session only.
    assert_eq!(events(&t, "lich/kim.ics").len(), 1);

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/lich.json")).unwrap())
            .unwrap();
    let route = &json["points"][0]["route"];
    assert_eq!(json["points"][0]["kind"], "mobile");
    assert_eq!(route.as_array().unwrap().len(), 6);
    assert_eq!(route[2]["part_of_day"], "chiều");
    assert_eq!(route[2]["start"], "13:30");
    assert_eq!(route[3]["all_day"], true);
    assert_eq!(route[3]["place"], "Khu công nghiệp Cẩm Thủy");

    // The week's script reads the team's stops of that week, a day's sittings
    // at one place together; the stop of the week before is in that week's.
    let script = std::fs::read_to_string(t.output_file("lich/tuan-2022-48/doc-loa.txt")).unwrap();
    assert!(
        script.contains(
            "Tổ lưu động số một đến: thứ Ba, ngày hai mươi chín tháng mười một, từ bảy giờ ba \
             mươi đến mười một giờ, tại trường trung học cơ sở Cẩm Ngọc và buổi chiều, tại công \
             ty May Cẩm Ngọc; thứ Tư, ngày ba mươi tháng mười một, cả ngày, tại khu công nghiệp \
             Cẩm Thủy; thứ Năm, ngày mùng một tháng mười hai, từ bảy giờ ba mươi đến mười một giờ \
             và từ mười ba giờ ba mươi đến mười sáu giờ ba mươi, tại nhà văn hóa thôn Kìm."
        ),
        "{script}"
    );
    assert!(!script.contains("chợ"), "{script}");
    // A Sunday inside the sentence is "chủ nhật", as "thứ Ba" is.
    let before = std::fs::read_to_string(t.output_file("lich/tuan-2022-47/doc-loa.txt")).unwrap();
    assert!(
        before.contains("Tổ lưu động số một đến: chủ nhật, ngày hai mươi bảy tháng mười một"),
        "{before}"
    );
    common::assert_links_resolve(&t.out);
}

/// Week 48 has only the team's stops; the hamlets' sessions are the week
/// before and the week after.
const ROUTE_ONLY_WEEK: &str = "\
sessions:
  - {hamlet: Kìm, date: 22/11/2022, time: 19h-21h}
  - {hamlet: Đông Lão, date: 08/12/2022, time: 7h30-11h}
points:
  - name: Tổ lưu động số 1
    services: [Thu nhận hồ sơ mức 2]
    route:
      - {date: 29/11/2022, time: 7h30-11h, place: Trường THCS Cẩm Ngọc}
      - {date: 30/11/2022, place: Khu công nghiệp Cẩm Thủy}
      - {date: 01/12/2022, time: 18h-20h, place: Nhà văn hóa thôn Kìm}
";

#[test]
fn a_week_with_only_a_mobile_teams_stops_has_its_sheet_script_bulletins_and_coming_items() {
    let t = yaml_site(ROUTE_ONLY_WEEK);
    // The officer's recording of that week is published, without a warning.
    let recording = b"ID3\x04\0\0\0\0\0\0 the week of the mobile team";
    t.write_bytes("audio/tuan-2022-48.mp3", recording);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("ghi âm"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(t.output_file("lich/tuan-2022-48/doc-loa.mp3")).unwrap(),
        recording
    );

    // The sheet: no empty session table, the team's route table of the week.
    let sheet = t.page("lich/tuan-2022-48/index.html");
    assert_eq!(sheet.count("table.week"), 0);
    assert_eq!(
        sheet.select_texts(".week-sheet table.route caption"),
        ["Lộ trình của Tổ lưu động số 1"]
    );
    let rows = sheet.table_rows(".week-sheet table.route");
    let expected = [
        [
            "Thứ Ba",
            "29/11/2022",
            "07:30–11:00",
            "Trường THCS Cẩm Ngọc",
        ],
        [
            "Thứ Tư",
            "30/11/2022",
            "Cả ngày",
            "Khu công nghiệp Cẩm Thủy",
        ],
        [
            "Thứ Năm",
            "01/12/2022",
            "18:00–20:00",
            "Nhà văn hóa thôn Kìm",
        ],
    ];
    assert_eq!(rows, expected.map(|r| r.map(str::to_string)));
    let sheet_text = sheet.select_texts(".week-sheet").join(" ");
    assert!(!sheet_text.contains("0 buổi"), "{sheet_text}");
    assert_eq!(
        sheet.attrs("audio", "src"),
        ["../../lich/tuan-2022-48/doc-loa.mp3"]
    );

    // The script reads the stops in the sentence form of the docs, and no session.
    let script = std::fs::read_to_string(t.output_file("lich/tuan-2022-48/doc-loa.txt")).unwrap();
    assert!(
        script.contains(
            "Tổ lưu động số một đến: thứ Ba, ngày hai mươi chín tháng mười một, từ bảy giờ ba \
             mươi đến mười một giờ, tại trường trung học cơ sở Cẩm Ngọc; thứ Tư, ngày ba mươi \
             tháng mười một, cả ngày, tại khu công nghiệp Cẩm Thủy; thứ Năm, ngày mùng một \
             tháng mười hai, từ mười tám giờ đến hai mươi giờ, tại nhà văn hóa thôn Kìm. Nội \
             dung: thu nhận hồ sơ mức hai."
        ),
        "{script}"
    );
    assert!(!script.contains("thôn Đông Lão,"), "{script}");
    assert_eq!(
        sheet.select_texts(".sheet-route-services"),
        ["Nội dung: Thu nhận hồ sơ mức 2"]
    );
    assert_eq!(
        sheet.select_texts(".read-aloud .script p").join("\n\n"),
        script.trim_start_matches('\u{feff}').trim_end()
    );

    // Evening bulletins: the evening before each stop, and the same evening
    // for the one after the broadcast.
    let evenings =
        std::fs::read_to_string(t.output_file("lich/tuan-2022-48/doc-loa-hang-ngay.txt")).unwrap();
    let headings: Vec<&str> = evenings
        .trim_start_matches('\u{feff}')
        .lines()
        .filter(|l| l.starts_with("==="))
        .collect();
    assert_eq!(
        headings,
        [
            "=== Tối thứ Hai, 28/11/2022 ===",
            "=== Tối thứ Ba, 29/11/2022 ===",
            "=== Tối thứ Tư, 30/11/2022 ===",
            "=== Tối thứ Năm, 01/12/2022 ===",
        ]
    );
    for said in [
        "Ngày mai, Tổ lưu động số một đến: thứ Ba, ngày hai mươi chín tháng mười một, từ bảy \
         giờ ba mươi đến mười một giờ, tại trường trung học cơ sở Cẩm Ngọc.",
        "Tối nay, Tổ lưu động số một đến: thứ Năm, ngày mùng một tháng mười hai, từ mười tám \
         giờ đến hai mươi giờ, tại nhà văn hóa thôn Kìm.",
    ] {
        assert!(evenings.contains(said), "{said}\n{evenings}");
    }

    // Texts to share: a line and an SMS per stop.
    let zalo = std::fs::read_to_string(t.output_file("chia-se/tuan-2022-48/zalo.txt")).unwrap();
    assert!(
        zalo.contains("- Thứ Tư 30/11, cả ngày: Tổ lưu động số 1, tại Khu công nghiệp Cẩm Thủy"),
        "{zalo}"
    );
    assert!(!zalo.contains("chưa có buổi"), "{zalo}");
    let sms = std::fs::read_to_string(t.output_file("chia-se/tuan-2022-48/sms.txt")).unwrap();
    assert_eq!(sms.lines().count(), 3, "{sms}");
    assert!(
        sms.lines()
            .all(|l| l.contains("To luu dong so 1") && l.len() <= 160),
        "{sms}"
    );

    // The schedule page: the week says what it has; the coming table lists
    // the stops among the sessions by date, with the date the reader's-date
    // script reads, linking to the points page.
    let schedule = t.page("lich/index.html");
    let weeks = schedule.select_texts("ul.weeks li");
    assert!(
        weeks.contains(
            &"Tuần từ ngày 28/11 đến ngày 04/12/2022 (3 lượt thu nhận lưu động)".to_string()
        ),
        "{weeks:?}"
    );
    let coming: Vec<Vec<String>> = schedule
        .table_rows("table.schedule.coming")
        .into_iter()
        .map(|r| r[1..5].to_vec())
        .collect();
    let expected = [
        [
            "29/11/2022",
            "Tổ lưu động số 1",
            "07:30–11:00",
            "Trường THCS Cẩm Ngọc",
        ],
        [
            "30/11/2022",
            "Tổ lưu động số 1",
            "Cả ngày",
            "Khu công nghiệp Cẩm Thủy",
        ],
        [
            "01/12/2022",
            "Tổ lưu động số 1",
            "18:00–20:00",
            "Nhà văn hóa thôn Kìm",
        ],
        ["08/12/2022", "thôn Đông Lão", "07:30–11:00", ""],
    ];
    assert_eq!(coming, expected.map(|r| r.map(str::to_string)));
    assert_eq!(
        schedule.attrs(
            "table.schedule.coming tr.stop td time[datetime]",
            "datetime"
        )[..2],
        ["2022-11-29", "2022-11-29T07:30"]
    );
    assert_eq!(
        schedule.attrs("table.schedule.coming tr.stop a", "href"),
        ["../diem-thu-nhan/index.html#diem-to-luu-dong-so-1"; 3]
    );
    // That id is the team's entry on the points page.
    let points = t.page("diem-thu-nhan/index.html");
    assert_eq!(
        points.select_texts("#diem-to-luu-dong-so-1 h3"),
        ["Tổ lưu động số 1"]
    );

    // The portal fragment of every session has them too, a hamlet's does not.
    let fragment = t.page("nhung/lich.html");
    let rows: Vec<String> = fragment
        .table_rows("table")
        .into_iter()
        .map(|r| format!("{} {}", r[1], r[2]))
        .collect();
    assert_eq!(
        rows,
        [
            "29/11/2022 Tổ lưu động số 1",
            "30/11/2022 Tổ lưu động số 1",
            "01/12/2022 Tổ lưu động số 1",
            "08/12/2022 thôn Đông Lão",
        ]
    );
    assert_eq!(
        t.page("nhung/lich-dong-lao.html").table_rows("table").len(),
        1
    );

    // The home page's coming list: the same order, each item dated as a session's.
    let home = t.page("index.html");
    assert_eq!(
        home.select_texts("ul.sessions.coming li .where"),
        [
            "Tổ lưu động số 1: Trường THCS Cẩm Ngọc",
            "Tổ lưu động số 1: Khu công nghiệp Cẩm Thủy",
            "Tổ lưu động số 1: Nhà văn hóa thôn Kìm",
            "thôn Đông Lão",
        ]
    );
    assert_eq!(
        home.attrs("ul.sessions.coming li .when time", "datetime"),
        ["2022-11-29", "2022-11-30", "2022-12-01", "2022-12-08"]
    );
    assert_eq!(
        home.attrs("ul.sessions.coming li .where a", "href")[0],
        "diem-thu-nhan/index.html#diem-to-luu-dong-so-1"
    );
    common::assert_links_resolve(&t.out);
}

#[test]
fn route_mistakes_name_the_line() {
    let t = yaml_site(
        "\
points:
  - name: Công an xã
    kind: cố định
    route:
      - {date: 29/11/2022, place: Trường THCS Cẩm Ngọc}
  - name: Tổ lưu động
    kind: lưu động
    route:
      - {date: 31/11/2022, place: Chợ}
      - {date: 01/12/2022, time: sau khi họp xong, place: Chợ}
      - {date: 02/12/2022}
      - {date: 03/01/2023, place: Chợ}
",
    );
    let err = fails(&t);
    for expected in [
        "lich.yaml:5:9: Điểm có `route` (lộ trình của tổ lưu động) nhưng ghi `kind: cố định`.",
        "lich.yaml:9:16: `date`: ngày 31/11/2022 không có thật",
        "lich.yaml:10:34: `time`: không đọc được giờ “sau khi họp xong”",
        "Các cách ghi giờ được chấp nhận",
        "lich.yaml:11:9: Thiếu khóa bắt buộc `place`.",
    ] {
        assert!(err.contains(expected), "{expected:?} not in\n{err}");
    }
    // Once the errors are fixed, a stop outside the campaign is a warning.
    t.write(
        "schedules/lich.yaml",
        "points:\n  - name: Tổ lưu động\n    route:\n      - {date: 03/01/2023, place: Chợ}\n",
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "lich.yaml:4:9: Lộ trình của Tổ lưu động: ngày 03/01/2023 nằm ngoài thời gian đợt vận \
             động (01/11/2022 – 31/12/2022)."
        ),
        "{}",
        run.stderr
    );
}

/// Each point has an id on the points page, unique even when two points
/// share a name, so a stop's link lands on its own team.
#[test]
fn points_have_unique_ids_on_their_page() {
    let t = SiteTest::fixture("minimal");
    t.write(
        "schedules/diem.yaml",
        "points:\n  - {name: Tổ lưu động, kind: mobile, services: [Cài đặt VNeID]}\n  \
         - {name: Công an xã Cẩm Ngọc, kind: fixed, address: Nhà văn hóa thôn Kìm}\n",
    );
    let run = t.build_on("29/11/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut ids = t
        .page("diem-thu-nhan/index.html")
        .attrs("ul.points > li", "id");
    ids.sort();
    assert_eq!(
        ids,
        [
            "diem-cong-an-xa-cam-ngoc",
            "diem-cong-an-xa-cam-ngoc-2",
            "diem-to-luu-dong",
            "diem-to-luu-dong-2",
        ]
    );
}
