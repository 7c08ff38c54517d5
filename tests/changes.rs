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

/// The fixture's sessions as first published, before any change.
const AS_PUBLISHED: &str = "sessions:
  - {hamlet: Đông Lão, date: 29/11/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Đông Lão, services: [Cài đặt VNeID, Đăng ký tài khoản mức 1]}
  - {hamlet: Kìm, date: 02/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Kìm, services: [Cài đặt VNeID]}
  - {hamlet: Sành, date: 03/12/2022, time: 7h30-11h, place: Nhà văn hóa thôn Sành}
  - {hamlet: Đông Lão, date: 05/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Đông Lão}
  - {hamlet: Tổ dân phố 3, date: 07/12/2022, time: 13:30-17:00, place: Hội trường tổ dân phố 3}
  - {hamlet: Kìm, date: 08/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Kìm}
  - {hamlet: Kìm, date: 12/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Kìm}
  - {hamlet: Sành, date: 13/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Sành}
";

/// One event as a calendar app sees it.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    uid: String,
    sequence: u32,
    status: Option<String>,
    start: String,
    summary: String,
    location: String,
}

/// Every VEVENT of an .ics file, read by the `ical` crate.
fn read_with_ical(text: &str) -> Vec<Seen> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let mut out = Vec::new();
    for cal in reader {
        for ev in cal.expect("ical parses the file").events {
            let prop = |name: &str| {
                ev.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
            };
            out.push(Seen {
                uid: prop("UID").unwrap(),
                sequence: prop("SEQUENCE").map_or(0, |s| s.parse().unwrap()),
                status: prop("STATUS"),
                start: prop("DTSTART").unwrap(),
                // ical leaves TEXT escapes in place.
                summary: prop("SUMMARY").unwrap().replace("\\,", ","),
                location: prop("LOCATION").unwrap().replace("\\,", ","),
            });
        }
    }
    out
}

/// The same, read by the icalendar crate's own parser (nom): a second app.
fn read_with_icalendar(text: &str) -> Vec<Seen> {
    use icalendar::{Component, EventLike};
    let cal: icalendar::Calendar = text.parse().expect("icalendar parses the file");
    cal.events()
        .map(|ev| Seen {
            uid: ev.get_uid().unwrap().to_string(),
            sequence: ev.get_sequence().unwrap_or(0),
            status: ev.property_value("STATUS").map(str::to_string),
            start: ev.property_value("DTSTART").unwrap().to_string(),
            summary: ev.get_summary().unwrap().replace("\\,", ","),
            location: ev.get_location().unwrap().replace("\\,", ","),
        })
        .collect()
}

fn calendar_of(t: &SiteTest, rel: &str) -> Vec<Seen> {
    let text = read(t, rel);
    let by_ical = read_with_ical(&text);
    assert_eq!(
        by_ical,
        read_with_icalendar(&text),
        "two parsers disagree on {rel}"
    );
    by_ical
}

#[test]
fn calendars_update_the_event_a_phone_already_has() {
    let before = SiteTest::fixture("changes");
    before.write("schedules/lich.yaml", AS_PUBLISHED);
    assert_eq!(before.build_on("28/11/2022").code, 0);
    let old = calendar_of(&before, "lich.ics");
    let after = built();
    let new = calendar_of(&after, "lich.ics");
    assert_eq!(old.len(), new.len(), "no event added, none lost");
    let by_uid = |uid: &str| new.iter().find(|e| e.uid == uid).cloned();
    let updated = |old_start: &str| {
        let was = old.iter().find(|e| e.start == old_start).unwrap();
        let now = by_uid(&was.uid).unwrap_or_else(|| panic!("UID of {old_start} lost"));
        (was.clone(), now)
    };
    // As planned: the same event, byte for byte what the phone has.
    let (was, now) = updated("20221129T120000Z");
    assert_eq!(was, now);
    assert_eq!(now.status, None);
    // Postponed: taken off the day, the summary says so, SEQUENCE raised.
    let (was, now) = updated("20221202T120000Z");
    assert!(was.sequence == 0 && now.sequence > 0, "{was:?} {now:?}");
    assert_eq!(now.status.as_deref(), Some("CANCELLED"));
    assert!(
        now.summary.starts_with("TẠM HOÃN: Thôn Kìm"),
        "{}",
        now.summary
    );
    // Moved to another day: same UID, new start.
    let (was, now) = updated("20221203T003000Z");
    assert_eq!(now.start, "20221206T003000Z");
    assert!(now.sequence > was.sequence);
    assert_eq!(now.status.as_deref(), Some("CONFIRMED"));
    // Moved to another hour.
    let (_, now) = updated("20221205T120000Z");
    assert_eq!(now.start, "20221205T003000Z");
    // Cancelled.
    let (_, now) = updated("20221207T063000Z");
    assert_eq!(now.status.as_deref(), Some("CANCELLED"));
    assert!(now.summary.starts_with("ĐÃ HỦY: "), "{}", now.summary);
    // Moved twice (a day later, then to the school): the id of 08/12 still.
    let (_, now) = updated("20221208T120000Z");
    assert_eq!(now.start, "20221209T120000Z");
    let moved_twice = now.sequence;
    assert!(
        now.location.starts_with("Trường tiểu học Cẩm Ngọc"),
        "{}",
        now.location
    );

    // The step in between (moved a day, not yet to the school) sits between both.
    let middle = SiteTest::fixture("changes");
    middle.write(
        "schedules/lich.yaml",
        &AS_PUBLISHED.replace(
            "{hamlet: Kìm, date: 08/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Kìm}",
            "{hamlet: Kìm, date: 09/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Kìm, status: dời, was: {date: 08/12/2022}, changed: 30/11/2022}",
        ),
    );
    assert_eq!(middle.build_on("30/11/2022").code, 0);
    let step = calendar_of(&middle, "lich/kim.ics");
    let moved_once = step.iter().find(|e| e.start == "20221209T120000Z").unwrap();
    assert_eq!(
        Some(moved_once.uid.clone()),
        by_uid(&updated("20221208T120000Z").0.uid).map(|e| e.uid)
    );
    assert!(0 < moved_once.sequence && moved_once.sequence < moved_twice);
    // The hamlet's own calendar holds the same events as lich.ics.
    let kim = calendar_of(&after, "lich/kim.ics");
    assert!(kim.iter().all(|e| new.contains(e)));
    assert_eq!(kim.len(), 3);
}

/// The Kìm session of 12/12 as first published.
const KIM_12: &str =
    "{hamlet: Kìm, date: 12/12/2022, time: 19:00-21:30, place: Nhà văn hóa thôn Kìm}";

/// The Kìm session of 12/12 built at each version (its entry in place of
/// `KIM_12`, the build day), as a phone sees it in lich/kim.ics: found by
/// the UID it was first published with, each build without a warning.
fn kim_12_along(versions: &[(String, &str)]) -> Vec<Seen> {
    let mut seen: Vec<Seen> = Vec::new();
    for (entry, today) in versions {
        let t = SiteTest::fixture("changes");
        let schedule = AS_PUBLISHED.replace(KIM_12, entry);
        assert!(schedule.contains(entry.as_str()));
        t.write("schedules/lich.yaml", &schedule);
        let run = t.build_on(today);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("cảnh báo"), "{entry}: {}", run.stderr);
        let events = calendar_of(&t, "lich/kim.ics");
        let event = events
            .iter()
            .find(|e| match seen.first() {
                Some(first) => e.uid == first.uid,
                None => e.start == "20221212T120000Z",
            })
            .unwrap_or_else(|| panic!("{entry}: {events:?}"))
            .clone();
        seen.push(event);
    }
    seen
}

/// One session through the officer's edits, each announced on its day:
/// planned, postponed, cancelled, then put back as planned (`changed:` kept,
/// no status). A phone that imported any one version must take the next, so
/// the event keeps its UID and SEQUENCE goes strictly up, for both parsers.
#[test]
fn sequence_only_grows_from_planned_to_postponed_cancelled_and_put_back() {
    let planned = KIM_12.trim_end_matches('}');
    let versions = [
        (format!("{planned}}}"), "28/11/2022", None),
        (
            format!("{planned}, status: hoãn, changed: 01/12/2022}}"),
            "01/12/2022",
            Some("CANCELLED"),
        ),
        (
            format!("{planned}, status: hủy, reason: Đã thu đủ hồ sơ, changed: 02/12/2022}}"),
            "02/12/2022",
            Some("CANCELLED"),
        ),
        // Cancelled and put back the same day: still the newer version.
        (
            format!("{planned}, changed: 02/12/2022}}"),
            "02/12/2022",
            Some("CONFIRMED"),
        ),
        (
            format!("{planned}, changed: 03/12/2022}}"),
            "03/12/2022",
            Some("CONFIRMED"),
        ),
    ];
    let entries: Vec<(String, &str)> = versions
        .iter()
        .map(|(entry, today, _)| (entry.clone(), *today))
        .collect();
    let seen = kim_12_along(&entries);
    for ((entry, _, status), event) in versions.iter().zip(&seen) {
        assert_eq!(event.status.as_deref(), *status, "{entry}");
    }
    assert!(seen.iter().all(|e| e.uid == seen[0].uid), "{seen:?}");
    let sequences: Vec<u32> = seen.iter().map(|e| e.sequence).collect();
    assert!(sequences.windows(2).all(|w| w[0] < w[1]), "{sequences:?}");
    // Put back, the event reads as planned again.
    assert!(
        seen[4].summary.starts_with("Thôn Kìm"),
        "{}",
        seen[4].summary
    );
}

/// Several edits of one session on one day, as dinh-dang.md says to write
/// them: postponed, moved to a new day, postponed again there without a
/// date, cancelled, put back, all on 01/12; and the orders the file alone
/// cannot tell on one day (a change after a put-back), announced again the
/// next day as dinh-dang.md says. SEQUENCE, read from the built .ics by
/// both parsers, goes strictly up at every step, the UID stays.
#[test]
fn sequence_only_grows_along_same_day_edits() {
    let planned = KIM_12.trim_end_matches('}');
    let moved = planned.replace("12/12/2022", "14/12/2022");
    let from_12 = "was: {date: 12/12/2022}";
    let lives = [
        vec![
            (format!("{planned}}}"), "28/11/2022"),
            (
                format!("{planned}, status: hoãn, changed: 01/12/2022}}"),
                "01/12/2022",
            ),
            (
                format!("{moved}, status: dời, {from_12}, changed: 01/12/2022}}"),
                "01/12/2022",
            ),
            (
                format!("{moved}, status: hoãn, {from_12}, changed: 01/12/2022}}"),
                "01/12/2022",
            ),
            (
                format!("{moved}, status: hủy, {from_12}, changed: 01/12/2022}}"),
                "01/12/2022",
            ),
            (format!("{planned}, changed: 01/12/2022}}"), "01/12/2022"),
            // Postponed again after the put-back: the next day.
            (
                format!("{planned}, status: hoãn, changed: 02/12/2022}}"),
                "02/12/2022",
            ),
            (
                format!("{moved}, status: dời, {from_12}, changed: 02/12/2022}}"),
                "02/12/2022",
            ),
        ],
        vec![
            (format!("{planned}}}"), "28/11/2022"),
            (
                format!("{moved}, status: dời, {from_12}, changed: 01/12/2022}}"),
                "01/12/2022",
            ),
            (format!("{planned}, changed: 01/12/2022}}"), "01/12/2022"),
            // Cancelled after the put-back: the next day.
            (
                format!("{planned}, status: hủy, changed: 02/12/2022}}"),
                "02/12/2022",
            ),
            (format!("{planned}, changed: 02/12/2022}}"), "02/12/2022"),
        ],
    ];
    for life in lives {
        let seen = kim_12_along(&life);
        assert!(seen.iter().all(|e| e.uid == seen[0].uid), "{seen:?}");
        let sequences: Vec<u32> = seen.iter().map(|e| e.sequence).collect();
        assert!(
            sequences.windows(2).all(|w| w[0] < w[1]),
            "{sequences:?} along {life:?}"
        );
    }
}

/// The schema.org events of a hamlet page, parsed.
fn events_of(t: &SiteTest, page: &str) -> Vec<serde_json::Value> {
    let html = t.page(page);
    let json = html.select_texts("script[type=\"application/ld+json\"]");
    let doc: serde_json::Value = serde_json::from_str(json.first().expect("JSON-LD")).unwrap();
    doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["@type"] == "Event")
        .cloned()
        .collect()
}

#[test]
fn schema_org_events_say_what_happened_and_only_coming_ones_are_listed() {
    let t = built();
    let kim = events_of(&t, "lich/kim/index.html");
    let statuses: Vec<&str> = kim
        .iter()
        .map(|e| e["eventStatus"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "https://schema.org/EventPostponed",
            "https://schema.org/EventRescheduled",
            "https://schema.org/EventScheduled"
        ]
    );
    assert_eq!(kim[1]["startDate"], "2022-12-09T19:00:00+07:00");
    assert_eq!(kim[1]["previousStartDate"], "2022-12-08T19:00:00+07:00");
    assert!(kim[0].get("previousStartDate").is_none());
    let sanh = events_of(&t, "lich/sanh/index.html");
    assert_eq!(sanh[0]["previousStartDate"], "2022-12-03T07:30:00+07:00");
    assert_eq!(
        events_of(&t, "lich/to-3/index.html")[0]["eventStatus"],
        "https://schema.org/EventCancelled"
    );
    // Đông Lão's 29/11 session is past on 01/12: only the coming one is described.
    let dong_lao = events_of(&t, "lich/dong-lao/index.html");
    assert_eq!(dong_lao.len(), 1);
    assert_eq!(dong_lao[0]["startDate"], "2022-12-05T07:30:00+07:00");
    assert_eq!(
        dong_lao[0]["previousStartDate"],
        "2022-12-05T19:00:00+07:00"
    );
    assert!(dong_lao[0]["description"]
        .as_str()
        .unwrap()
        .starts_with("ĐỔI GIỜ (trước đây: 19:00–21:30)."));
}

#[test]
fn pages_show_a_badge_and_the_old_value_struck_through() {
    let t = built();
    let schedule = t.page("lich/index.html");
    let rows = schedule.table_rows("table.schedule");
    let row = |date: &str| {
        rows.iter()
            .find(|r| r[1].ends_with(date))
            .unwrap_or_else(|| panic!("no row {date}: {rows:?}"))
            .clone()
    };
    // Moved to another day: the old date struck through beside the new one.
    assert_eq!(row("06/12/2022")[1], "03/12/2022 06/12/2022");
    assert!(row("06/12/2022")[3].starts_with("ĐỔI NGÀY"));
    // Another hour: the old time struck through, then the new.
    assert_eq!(row("05/12/2022")[3], "ĐỔI GIỜ 19:00–21:30 07:30–11:00");
    // Cancelled: the word, the time struck through, the reason.
    let cancelled = row("07/12/2022");
    assert_eq!(cancelled[3], "ĐÃ HỦY 13:30–17:00");
    assert!(
        cancelled[5].starts_with("Lý do: Tổ công tác"),
        "{cancelled:?}"
    );
    assert!(row("02/12/2022")[5].starts_with("Ngày mới sẽ thông báo sau. Lý do: Mưa lớn"));
    // Another place: the old place struck through.
    assert_eq!(
        row("09/12/2022")[4],
        "Nhà văn hóa thôn Kìm Trường tiểu học Cẩm Ngọc"
    );
    // Every page kind that lists sessions says it in words.
    for page in [
        "lich/kim/index.html",
        "lich/tuan-2022-49/index.html",
        "index.html",
    ] {
        let badges = t.page(page).select_texts("main .badge");
        assert!(
            badges.iter().any(|b| b == "ĐỔI ĐỊA ĐIỂM"),
            "{page}: {badges:?}"
        );
    }
    let fragment = read(&t, "nhung/lich.html");
    for word in [
        "ĐÃ HỦY",
        "TẠM HOÃN",
        "ĐỔI NGÀY",
        "ĐỔI GIỜ",
        "<del>03/12/2022</del>",
    ] {
        assert!(fragment.contains(word), "fragment lacks {word}");
    }
    // The home page's coming session shows what it offers.
    assert!(t
        .page("index.html")
        .select_texts("ul.sessions .services")
        .iter()
        .any(|s| s == "Nội dung: Cài đặt VNeID"));
}

#[test]
fn every_page_opens_with_the_changes_of_the_next_14_days() {
    let t = built();
    for page in t
        .output_files()
        .iter()
        .filter(|f| f.ends_with(".html") && !f.starts_with("nhung/"))
    {
        let p = t.page(page);
        let items = p.select_texts("aside.change-notice li");
        assert_eq!(items.len(), 5, "{page}: {items:?}");
        assert!(
            items[0].starts_with("TẠM HOÃN Thôn Kìm: Buổi thứ Sáu, ngày 02/12/2022"),
            "{}",
            items[0]
        );
        // Each links to its hamlet's page.
        let links = p.attrs("aside.change-notice li a", "href");
        assert!(
            links[1].ends_with("lich/sanh/index.html"),
            "{page}: {links:?}"
        );
    }
    // Two weeks later, only changes still ahead are announced, and none here.
    let t = SiteTest::fixture("changes");
    assert_eq!(t.build_on("15/12/2022").code, 0);
    assert_eq!(t.page("index.html").count("aside.change-notice"), 0);
}

#[test]
fn the_week_sheet_and_its_script_open_with_the_changes() {
    let t = built();
    let sheet = t.page("lich/tuan-2022-49/index.html");
    let heading = sheet.select_texts("main h2");
    assert_eq!(heading[0], "Thông báo thay đổi lịch");
    let script = read(&t, "lich/tuan-2022-49/doc-loa.txt");
    let paragraphs: Vec<&str> = script.split("\n\n").collect();
    assert!(
        paragraphs[1].starts_with("Thông báo thay đổi lịch: Buổi tại thôn Sành"),
        "{}",
        paragraphs[1]
    );
    assert!(paragraphs[1].contains("Tổ dân phố ba"));
    assert!(paragraphs[1].contains("đã hủy"));
    // The cancelled session is never read as if it happens.
    let regular = paragraphs[2..].join("\n");
    assert!(!regular.contains("Tổ dân phố ba"), "{regular}");
    // The postponed one, in the week before, neither.
    let script = read(&t, "lich/tuan-2022-48/doc-loa.txt");
    let paragraphs: Vec<&str> = script.split("\n\n").collect();
    assert!(paragraphs[1].contains("thôn Kìm") && paragraphs[1].contains("tạm hoãn"));
    assert!(!paragraphs[2..].join("\n").contains("thôn Kìm"));
    // The evening bulletin on Kìm's loudspeaker says it the evening before.
    let evening = read(&t, "lich/kim/doc-loa-hang-ngay.txt");
    let first = evening.split("=== ").nth(1).unwrap();
    assert!(first.starts_with("Tối thứ Năm, 01/12/2022"), "{first}");
    assert!(first.contains("Thông báo thay đổi lịch: Buổi tại thôn Kìm"));
    // A new hour read aloud: the old and the new range, each said once with "từ".
    let script = read(&t, "lich/tuan-2022-49/doc-loa.txt");
    let hour = script
        .split("\n\n")
        .flat_map(|p| p.split(". "))
        .find(|s| s.contains("đổi giờ"))
        .unwrap_or_else(|| panic!("{script}"));
    assert!(
        hour.contains(
            "đổi giờ, trước đây từ mười chín giờ đến hai mươi mốt giờ ba mươi, \
             nay từ bảy giờ ba mươi đến mười một giờ"
        ),
        "{hour}"
    );
    assert!(
        !script.contains("từ từ") && !script.contains("sang từ"),
        "{script}"
    );
}

#[test]
fn the_changes_page_and_the_feed_list_every_change_newest_first() {
    let t = built();
    let page = t.page("thay-doi/index.html");
    let items = page.select_texts("ul.changes li");
    assert_eq!(items.len(), 5);
    // Announced on 01/12 first, then 30/11.
    assert!(
        items[0].contains("01/12/2022") && items[4].contains("30/11/2022"),
        "{items:?}"
    );
    let ids = page.attrs("ul.changes li", "id");
    assert_eq!(ids.len(), 5);

    let atom = read(&t, "atom.xml");
    let changes = atom_entries(&atom);
    let changes: Vec<&(String, String, String)> = changes
        .iter()
        .filter(|(_, _, link)| link.contains("thay-doi/"))
        .collect();
    assert_eq!(changes.len(), 5);
    let titles: Vec<&str> = changes.iter().map(|(_, title, _)| title.as_str()).collect();
    assert!(
        titles.contains(&"ĐÃ HỦY: Tổ dân phố 3, thứ Tư, ngày 07/12/2022"),
        "{titles:?}"
    );
    // Each link names an entry of the page.
    for (_, _, link) in &changes {
        let anchor = link.split('#').nth(1).unwrap();
        assert!(ids.iter().any(|id| id == anchor), "{anchor}");
    }
    // A new change to a session is a new entry, the old one's id gone.
    let t2 = SiteTest::fixture("changes");
    t2.write(
        "schedules/lich.yaml",
        &t2.read_source("schedules/lich.yaml")
            .replace("status: Hoãn", "status: hủy"),
    );
    assert_eq!(t2.build_on("01/12/2022").code, 0);
    let after = atom_entries(&read(&t2, "atom.xml"));
    let before = atom_entries(&atom);
    let gone = before
        .iter()
        .filter(|(id, _, _)| !after.iter().any(|(other, _, _)| other == id))
        .count();
    assert_eq!(gone, 1);
    assert_eq!(before.len(), after.len());
}

/// (id, title, link) of each entry of an Atom feed, read with roxmltree.
fn atom_entries(xml: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed Atom");
    let text = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    doc.root_element()
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| {
            let link = e
                .children()
                .find(|c| c.tag_name().name() == "link")
                .and_then(|l| l.attribute("href"))
                .unwrap_or("")
                .to_string();
            (text(e, "id"), text(e, "title"), link)
        })
        .collect()
}

#[test]
fn a_build_day_after_the_campaign_is_a_warning() {
    let t = SiteTest::fixture("changes");
    let run = t.build_on("21/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "site.yaml: Ngày dựng trang 21/12/2022 ở sau ngày kết thúc đợt vận động 20/12/2022"
        ),
        "{}",
        run.stderr
    );
    let check = t.run(&[
        "check",
        "--root",
        common::path_str(&t.root),
        "--today",
        "21/12/2022",
    ]);
    assert!(
        check.stderr.contains("ở sau ngày kết thúc đợt vận động"),
        "{}",
        check.stderr
    );
    // A --today typed long after the end (a year mistyped) warns too, as the
    // officer's guide says; build and check alike.
    let late = t.build_on("21/12/2023");
    assert!(
        late.stderr
            .contains("Ngày dựng trang 21/12/2023 ở sau ngày kết thúc đợt vận động 20/12/2022"),
        "{}",
        late.stderr
    );
    let check = t.run(&[
        "check",
        "--root",
        common::path_str(&t.root),
        "--today",
        "21/12/2023",
    ]);
    assert!(
        check.stderr.contains("ngày kết thúc đợt"),
        "{}",
        check.stderr
    );
    // The clock's day long after an old campaign (an archive rebuilt): nothing to say.
    assert!(!t.check().stderr.contains("ngày kết thúc đợt"));
    let run = t.run(&[
        "build",
        "--root",
        common::path_str(&t.root),
        "--output",
        common::path_str(&t.out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("ngày kết thúc đợt"), "{}", run.stderr);
}

#[test]
fn a_session_put_back_is_on_the_changes_page_the_notice_and_the_feed_and_planned_elsewhere() {
    let t = SiteTest::fixture("changes");
    // Cancelled earlier, then put back: `changed:` kept, the status removed.
    t.write(
        "schedules/them.yaml",
        "sessions:\n  - {hamlet: Kìm, date: 30/11/2022, time: 19:00-21:30, changed: 29/11/2022}\n",
    );
    let run = t.build_on("29/11/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let said = "Buổi thứ Tư, ngày 30/11/2022, 19:00–21:30 diễn ra lại như kế hoạch.";

    let items = t.page("thay-doi/index.html").select_texts("ul.changes li");
    assert_eq!(items.len(), 6, "{items:?}");
    assert!(
        items
            .iter()
            .any(|i| i.contains("KHÔI PHỤC") && i.contains(said)),
        "{items:?}"
    );
    // The notice on every page: the other changes are announced later than today.
    let notice = t.page("index.html").select_texts("aside.change-notice li");
    assert_eq!(notice, [format!("KHÔI PHỤC Thôn Kìm: {said}")]);

    let entries = atom_entries(&read(&t, "atom.xml"));
    assert!(
        entries
            .iter()
            .any(|(_, title, _)| title == "KHÔI PHỤC: Thôn Kìm, thứ Tư, ngày 30/11/2022"),
        "{entries:?}"
    );
    // Elsewhere it is a session as planned: no badge on the hamlet's page or
    // in the calendar.
    let hamlet = t.page("lich/kim/index.html").select_texts("main").join(" ");
    assert!(!hamlet.contains("KHÔI PHỤC"), "{hamlet}");
    let ics = read(&t, "lich.ics");
    assert!(!ics.contains("KHÔI PHỤC"));

    // The loudspeaker says it too: the week's script and the evening before.
    let spoken = "Thông báo thay đổi lịch: Buổi tại thôn Kìm thứ Tư, ngày ba mươi tháng mười \
                  một năm hai nghìn không trăm hai mươi hai, từ mười chín giờ đến hai mươi mốt \
                  giờ ba mươi diễn ra lại như kế hoạch";
    let script = read(&t, "lich/tuan-2022-48/doc-loa.txt");
    assert!(script.contains(spoken), "{script}");
    let evenings = read(&t, "lich/tuan-2022-48/doc-loa-hang-ngay.txt");
    let evening = evenings
        .split("=== ")
        .find(|e| e.starts_with("Tối thứ Ba, 29/11/2022"))
        .unwrap_or_else(|| panic!("{evenings}"));
    assert!(evening.contains(spoken), "{evening}");
    let sheet = t
        .page("lich/tuan-2022-48/index.html")
        .select_texts("main")
        .join(" ");
    assert!(sheet.contains("KHÔI PHỤC"), "{sheet}");
}
