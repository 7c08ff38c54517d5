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
            "Hỗ trợ tại nhà: Tổ hỗ trợ tại nhà: 0912 345 678",
            "Khẩn cấp: Cảnh sát 113: 113 (24/24)",
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
