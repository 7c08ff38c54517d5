//! Words a Vietnamese reader expects: contacts by what they are for, labels
//! that follow each hamlet's kind, totals named after the place, dates in
//! sentences, and an example that builds without a warning.

mod common;

use common::SiteTest;

fn read(t: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(t.output_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn contacts_have_a_role_and_questions_never_go_to_an_emergency_number() {
    let t = SiteTest::fixture("minimal");
    let site = t.read_source("site.yaml").replace(
        "  - {name: Cảnh sát 113, phone: \"113\", hours: 24/24, role: khẩn cấp}",
        "  - {name: Tổ hỗ trợ tại nhà, phone: \"0912 345 678\", role: Hỗ trợ tại nhà}\n  \
         - {name: Cảnh sát 113, phone: \"113\", hours: 24/24, role: HOI DAP}",
    );
    t.write("site.yaml", &site);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Written "hỏi đáp" (without diacritics) on 113: a warning at the role, and 113 stays an emergency number.
    assert!(
        run.stderr.contains("site.yaml:13:60")
            && run.stderr.contains("Số 113 là số khẩn cấp")
            && run.stderr.contains("role: khẩn cấp"),
        "{}",
        run.stderr
    );
    let script = read(&t, "lich/tuan-2022-48/doc-loa.txt");
    let asks: Vec<&str> = script
        .split("\n\n")
        .filter(|p| p.contains("liên hệ"))
        .collect();
    assert_eq!(asks.len(), 2, "{script}");
    assert!(asks[0].starts_with("Mọi thắc mắc xin liên hệ Công an xã Cẩm Ngọc, số điện thoại"));
    assert!(asks[1].contains("hỗ trợ tại nhà xin liên hệ Tổ hỗ trợ tại nhà, số điện thoại"));
    assert!(!script.contains("một một ba"), "{script}");

    let footer = t
        .page("index.html")
        .select_texts(".site-footer .contacts li");
    assert_eq!(
        footer,
        [
            "Công an xã Cẩm Ngọc: 0237 3830 050 (07:30-22:00)",
            // One colon at most: the label is left out where the name says it.
            "Tổ hỗ trợ tại nhà: 0912 345 678",
            "Khẩn cấp: Cảnh sát 113, điện thoại 113 (24/24)",
        ]
    );
    let data: serde_json::Value = serde_json::from_str(&read(&t, "du-lieu/lich.json")).unwrap();
    let roles: Vec<&str> = data["site"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["questions", "home_support", "emergency"]);
}

#[test]
fn an_unknown_contact_role_is_an_error_with_its_place() {
    let t = SiteTest::fixture("minimal");
    let site = t
        .read_source("site.yaml")
        .replace("role: khẩn cấp}", "role: khan cap gap}");
    t.write("site.yaml", &site);
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("site.yaml:12:60")
            && run
                .stderr
                .contains("`role` \"khan cap gap\" không phải giá trị bangtin hiểu")
            && run.stderr.contains("`khẩn cấp`"),
        "{}",
        run.stderr
    );
}

#[test]
fn labels_follow_the_kind_of_place_and_totals_the_unit() {
    // Only tổ dân phố: never "thôn".
    let t = SiteTest::fixture("changes");
    let site = t
        .read_source("site.yaml")
        .replace(
            "  - name: Đông Lão\n",
            "  - name: Đông Lão\n    kind: tổ dân phố\n",
        )
        .replace("  - name: Kìm\n", "  - name: Kìm\n    kind: tổ dân phố\n")
        .replace("  - name: Sành\n", "  - name: Sành\n    kind: tổ dân phố\n");
    t.write("site.yaml", &site);
    assert_eq!(t.build_on("01/12/2022").code, 0);
    let schedule = t.page("lich/index.html");
    assert_eq!(schedule.select_texts("h1"), ["Lịch các tổ dân phố"]);
    assert!(schedule
        .select_texts("nav a")
        .contains(&"Lịch các tổ dân phố".to_string()));
    assert_eq!(
        schedule.select_texts("table.schedule thead th")[2],
        "Tổ dân phố"
    );
    assert!(!schedule.text.contains("các thôn"));
    // Mixed kinds: a neutral word.
    let t = SiteTest::fixture("changes");
    assert_eq!(t.build_on("01/12/2022").code, 0);
    assert_eq!(
        t.page("lich/index.html").select_texts("h1"),
        ["Lịch theo địa bàn"]
    );
    assert_eq!(
        t.page("index.html").select_texts("#cac-thon"),
        ["Lịch theo địa bàn"]
    );

    // An đặc khu inside a province: "toàn đặc khu", never "toàn tỉnh".
    let t = SiteTest::fixture("progress");
    let site = t
        .read_source("site.yaml")
        .replace(
            "authority: UBND phường Phước Tiến",
            "authority: UBND đặc khu Kiên Hải",
        )
        .replace(
            "place: phường Phước Tiến, thành phố Nha Trang, tỉnh Khánh Hòa",
            "place: Kiên Hải, tỉnh An Giang",
        );
    t.write("site.yaml", &site);
    assert_eq!(t.build_on("06/07/2023").code, 0);
    let line = t
        .page("index.html")
        .select_texts(".progress-line")
        .join(" ");
    assert!(line.contains("toàn đặc khu đã kích hoạt"), "{line}");
    assert!(!line.contains("toàn tỉnh"), "{line}");
}

#[test]
fn dates_weeks_and_points_read_the_vietnamese_way() {
    let t = SiteTest::fixture("content");
    assert_eq!(t.build_on("30/11/2022").code, 0);
    let home = t.page("index.html");
    assert_eq!(
        home.select_texts("footer .printed"),
        ["Cập nhật: thứ Tư, ngày 30/11/2022."]
    );
    // Weeks by their days, not their ISO number (which stays in the address).
    let week = t.page("lich/tuan-2022-48/index.html");
    assert_eq!(
        week.select_texts("h1"),
        ["Lịch tuần từ ngày 28/11 đến ngày 04/12/2022"]
    );
    assert!(t
        .page("lich/index.html")
        .select_texts("#theo-tuan + ul.weeks li")[0]
        .starts_with("Tuần từ ngày 28/11 đến ngày 04/12/2022"));
    // A point that only helps: the page says "thu nhận, hỗ trợ", and each
    // point what can be done there.
    let points = t.page("diem-thu-nhan/index.html");
    assert_eq!(points.select_texts("h1"), ["Điểm thu nhận, hỗ trợ"]);
    assert!(points
        .select_texts("dt")
        .contains(&"Việc được làm".to_string()));
    assert!(home
        .select_texts("nav a")
        .contains(&"Điểm thu nhận, hỗ trợ".to_string()));
    // Each coming session on the home page shows its services.
    assert!(home.count("ul.sessions .services") >= 3);
    // Changes in sentences: "thứ Sáu, ngày 02/12/2022".
    let t = SiteTest::fixture("changes");
    assert_eq!(t.build_on("01/12/2022").code, 0);
    assert!(read(&t, "thay-doi/index.html").contains("Buổi thứ Sáu, ngày 02/12/2022"));
}

/// Every text that shows a note already says "Lưu ý"; a note the officer
/// began with "Lưu ý:" or "Chú ý:" (any case, diacritics or not) is not
/// labelled twice: not on the week sheet, in either script, nor in calendars.
#[test]
fn a_note_that_starts_with_luu_y_is_not_labelled_twice() {
    let t = SiteTest::fixture("minimal");
    let schedule = t.read_source("schedules/lich.yaml").replace(
        "note: Mang theo căn cước công dân gắn chip",
        "note: \"CHU Y : Mang theo căn cước công dân gắn chip.\"",
    );
    t.write("schedules/lich.yaml", &schedule);
    let run = t.build_on("2022-11-28");
    assert_eq!(run.code, 0, "{}", run.stderr);

    let sheet = t.page("lich/tuan-2022-48/index.html");
    let notes = sheet.select_texts(".sheet-notes li");
    assert!(
        notes.contains(
            &"Lưu ý cho thôn Đông Lão: Mang theo căn cước công dân gắn chip.".to_string()
        ),
        "{notes:?}"
    );
    let script = read(&t, "lich/tuan-2022-48/doc-loa.txt");
    assert!(
        script.contains("Bà con thôn Đông Lão lưu ý: mang theo căn cước"),
        "{script}"
    );
    let evening = read(&t, "lich/tuan-2022-48/doc-loa-hang-ngay.txt");
    let ics = read(&t, "lich.ics").replace("\r\n ", "");
    for (what, text) in [
        ("doc-loa.txt", script.as_str()),
        ("doc-loa-hang-ngay.txt", evening.as_str()),
        ("lich.ics", ics.as_str()),
        ("tuần", &notes.join("\n")),
    ] {
        let folded = text.to_lowercase();
        assert!(
            !folded.contains("chu y") && !folded.contains("lưu ý: lưu ý"),
            "{what}: {text}"
        );
    }
    assert!(ics.contains("Lưu ý: Mang theo căn cước"), "{ics}");

    // bangtin init's own example shows a note typed this way.
    let (_, out) = t.init_and_build();
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "txt" || e == "ics") {
            texts.push(std::fs::read_to_string(&path).unwrap().to_lowercase());
        }
    }
    assert!(texts.iter().any(|t| t.contains("lưu ý: nhớ mang")));
    assert!(!texts.iter().any(|t| t.contains("lưu ý: lưu ý")));
}
