//! Changed sessions end to end: `status`, `was`, `reason`, `changed` read from
//! YAML and spreadsheets, checked with their file and line, and carried into
//! the open data, the calendars, the schema.org events and the pages.

mod common;

use common::SiteTest;

fn read(t: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(t.output_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn built() -> SiteTest {
    let t = SiteTest::fixture("changes");
    let run = t.build_on("01/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
    t
}

fn json(t: &SiteTest) -> serde_json::Value {
    serde_json::from_str(&read(t, "du-lieu/lich.json")).unwrap()
}

#[test]
fn open_data_carries_status_earlier_values_reason_and_announcement() {
    let t = built();
    let data = json(&t);
    assert_eq!(data["version"], 1, "fields are added, the version stays");
    let sessions = data["sessions"].as_array().unwrap();
    let row = |hamlet: &str, date: &str| {
        sessions
            .iter()
            .find(|s| s["hamlet"] == hamlet && s["date"] == date)
            .unwrap_or_else(|| panic!("no session {hamlet} {date}"))
    };
    let plain = row("dong-lao", "2022-11-29");
    assert_eq!(plain["status"], serde_json::Value::Null);
    assert_eq!(plain["was"], serde_json::json!([]));
    assert_eq!(plain["reason"], serde_json::Value::Null);
    assert_eq!(plain["changed"], serde_json::Value::Null);

    // "Hoãn" and "doi ngay" and "đổi giờ" are the officer's words for the statuses.
    let postponed = row("kim", "2022-12-02");
    assert_eq!(postponed["status"], "postponed");
    assert_eq!(postponed["reason"], "Mưa lớn, đường vào thôn bị ngập");
    assert_eq!(postponed["changed"], "2022-12-01");
    let moved = row("sanh", "2022-12-06");
    assert_eq!(moved["status"], "moved");
    assert_eq!(
        moved["was"],
        serde_json::json!([{"date": "2022-12-03", "start": null, "end": null, "place": null}])
    );
    assert_eq!(
        row("dong-lao", "2022-12-05")["was"],
        serde_json::json!([{"date": null, "start": "19:00", "end": "21:30", "place": null}])
    );
    assert_eq!(row("to-3", "2022-12-07")["status"], "cancelled");
    // Moved twice: earlier values oldest first.
    assert_eq!(
        row("kim", "2022-12-09")["was"],
        serde_json::json!([
            {"date": "2022-12-08", "start": null, "end": null, "place": null},
            {"date": null, "start": null, "end": null, "place": "Nhà văn hóa thôn Kìm"}
        ])
    );

    let csv = read(&t, "du-lieu/lich.csv");
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[10..],
        [
            "Trạng thái",
            "Ngày cũ",
            "Giờ cũ",
            "Địa điểm cũ",
            "Lý do",
            "Ngày thông báo",
            "Đối tượng"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let sanh = rows.iter().find(|r| r[0] == "2022-12-06").unwrap();
    assert_eq!(
        sanh[10..16],
        [
            "dời",
            "2022-12-03",
            "",
            "",
            "Trùng lịch họp dân",
            "2022-11-30"
        ]
    );
    let dong_lao = rows.iter().find(|r| r[0] == "2022-12-05").unwrap();
    assert_eq!(dong_lao[10..13], ["dời", "", "19:00-21:30"]);
    let plain = rows.iter().find(|r| r[0] == "2022-11-29").unwrap();
    assert!(plain[10..].iter().all(String::is_empty), "{plain:?}");
}

#[test]
fn spreadsheet_columns_hold_the_same_change() {
    let t = SiteTest::fixture("changes");
    t.remove("schedules/lich.yaml");
    t.write(
        "schedules/lich.csv",
        "STT;Thôn;Ngày;Giờ;Địa điểm;Trạng thái;Lý do;Ngày cũ;Giờ cũ;Địa điểm cũ;Ngày thông báo\n\
         1;Kìm;02/12/2022;19h-21h30;Nhà văn hóa thôn Kìm;TẠM HOÃN;Mưa lớn;;;;01/12/2022\n\
         2;Sành;06/12/2022;7h30-11h;Trường tiểu học;Đổi địa điểm;;03/12/2022;19h-21h;Nhà văn hóa thôn Sành;30/11/2022\n\
         3;Đông Lão;29/11/2022;19h-21h30;Nhà văn hóa thôn Đông Lão;;;;;;\n",
    );
    let run = t.build_on("01/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let data = json(&t);
    let sessions = data["sessions"].as_array().unwrap();
    let statuses: Vec<&serde_json::Value> = sessions.iter().map(|s| &s["status"]).collect();
    assert_eq!(
        statuses,
        [
            &serde_json::Value::Null,
            &"postponed".into(),
            &"moved".into()
        ]
    );
    assert_eq!(sessions[1]["reason"], "Mưa lớn");
    assert_eq!(
        sessions[2]["was"],
        serde_json::json!([{"date": "2022-12-03", "start": "19:00", "end": "21:00", "place": "Nhà văn hóa thôn Sành"}])
    );
    assert_eq!(sessions[2]["changed"], "2022-11-30");
}

/// The fixture with `schedules/them.yaml` added; the build's stderr and code.
fn build_with(extra: &str, today: &str) -> common::Run {
    let t = SiteTest::fixture("changes");
    t.write("schedules/them.yaml", extra);
    t.build_on(today)
}

#[test]
fn a_change_that_does_not_add_up_is_reported_with_its_line() {
    // An earlier value without a status.
    let run = build_with(
        "sessions:\n  - hamlet: Kìm\n    date: 14/12/2022\n    was: {date: 13/12/2022}\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("them.yaml:4:10") && run.stderr.contains("chưa ghi `status`"),
        "{}",
        run.stderr
    );
    // Moved, but nothing moved.
    let run = build_with(
        "sessions:\n  - hamlet: Kìm\n    date: 14/12/2022\n    status: dời\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("them.yaml:4:13") && run.stderr.contains("không ghi giá trị cũ"),
        "{}",
        run.stderr
    );
    let run = build_with(
        "sessions:\n  - hamlet: Kìm\n    date: 14/12/2022\n    status: moved\n    was:\n      - date: 14/12/2022\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("them.yaml:6:9") && run.stderr.contains("giống hệt giá trị mới"),
        "{}",
        run.stderr
    );
    // A status bangtin does not know, with the nearest word.
    let run = build_with(
        "sessions:\n  - hamlet: Kìm\n    date: 14/12/2022\n    status: tam hoang\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("them.yaml:4:13")
            && run
                .stderr
                .contains("`status` \"tam hoang\" không phải giá trị bangtin hiểu")
            && run.stderr.contains("`tạm hoãn`"),
        "{}",
        run.stderr
    );
}

#[test]
fn announcement_dates_are_checked_against_today_and_the_campaign() {
    let run = build_with(
        "sessions:\n  - {hamlet: Kìm, date: 14/12/2022, status: hủy, changed: 05/12/2022}\n  \
         - {hamlet: Sành, date: 15/12/2022, status: hủy, changed: 20/11/2022}\n  \
         - {hamlet: Kìm, date: 16/12/2022, status: hủy}\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "them.yaml:2:59: Ngày thông báo thay đổi 05/12/2022 ở sau ngày dựng trang 01/12/2022",
        "them.yaml:3:60: Ngày thông báo thay đổi 20/11/2022 ở trước ngày bắt đầu đợt vận động 29/11/2022",
        "them.yaml:4:45: Buổi đã thay đổi nhưng chưa ghi ngày thông báo thay đổi",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // `check` finds the same, as of its own --today.
    let t = SiteTest::fixture("changes");
    t.write(
        "schedules/them.yaml",
        "sessions:\n  - {hamlet: Kìm, date: 14/12/2022, status: hủy, changed: 05/12/2022}\n",
    );
    let run = t.run(&[
        "check",
        "--root",
        common::path_str(&t.root),
        "--today",
        "01/12/2022",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ở sau ngày dựng trang 01/12/2022"),
        "{}",
        run.stderr
    );
    let run = t.run(&[
        "check",
        "--root",
        common::path_str(&t.root),
        "--today",
        "06/12/2022",
    ]);
    assert!(
        !run.stderr.contains("ở sau ngày dựng trang"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_sessions_taking_the_place_of_one_are_an_error() {
    // The old entry of Sành on 03/12 left in beside its replacement on 06/12.
    let run = build_with(
        "sessions:\n  - hamlet: Sành\n    date: 03/12/2022\n    time: 07:30-11:00\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Hai buổi cùng thay cho buổi của Sành ngày 03/12/2022")
            && run.stderr.contains("lich.yaml:"),
        "{}",
        run.stderr
    );
    // Left in but marked cancelled: one happens, one does not; fine.
    let run = build_with(
        "sessions:\n  - {hamlet: Sành, date: 03/12/2022, time: 07:30-11:00, status: hủy, changed: 30/11/2022}\n",
        "01/12/2022",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}
