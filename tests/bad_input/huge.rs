//! Huge and pathological input fails (or succeeds) in bounded time and
//! memory, with a message that says why. Generated here, not committed.

use crate::assert_refused;
use crate::common::SiteTest;

/// Build the fixture, add `rel`, build again: refused, previous site kept.
fn refused_with(rel: &str, bytes: &[u8], at: &str, says: &str) {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let before = t.snapshot_output();
    t.write_bytes(rel, bytes);
    assert_refused(&t.build(), 1, &[at], &[says]);
    assert!(before == t.snapshot_output());
}

#[test]
fn a_50_mb_schedule_is_refused_by_size() {
    let session =
        "  - hamlet: Đông Lão\n    date: 29/11/2022\n    place: Nhà văn hóa thôn Đông Lão\n";
    let mut yaml = String::from("sessions:\n");
    while yaml.len() < 50 * 1024 * 1024 {
        yaml.push_str(session);
    }
    refused_with(
        "schedules/lon.yaml",
        yaml.as_bytes(),
        "schedules/lon.yaml",
        "quá lớn (50.0 MB)",
    );
}

#[test]
fn a_guide_just_over_the_size_limit_is_refused() {
    let size = bangtin::load::MAX_TEXT_BYTES as usize + 1;
    let mut guide = String::from("---\ntitle: Dài\n---\n");
    guide.push_str(&"a".repeat(size - guide.len()));
    refused_with(
        "guides/dai.md",
        guide.as_bytes(),
        "guides/dai.md",
        "quá lớn",
    );
}

#[test]
fn a_100k_line_guide_builds() {
    let t = SiteTest::fixture("minimal");
    let mut guide = String::from("---\ntitle: Rất dài\n---\n");
    for i in 0..100_000 {
        guide.push_str(&format!(
            "Dòng {i}: **đậm** và [liên kết](https://dichvucong.gov.vn/{i}).\n"
        ));
    }
    t.write("guides/rat-dai.md", &guide);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(t.output_file("huong-dan/rat-dai/index.html")).unwrap();
    assert!(page.contains("Dòng 99999:"));
}

#[test]
fn a_schedule_nested_100k_deep_is_refused() {
    let yaml = format!("sessions: {}\n", "[".repeat(100_000));
    refused_with(
        "schedules/sau.yaml",
        yaml.as_bytes(),
        "schedules/sau.yaml:1",
        "lồng nhau quá sâu",
    );
}

#[test]
fn raw_html_nested_100k_deep_is_refused_before_parsing() {
    let guide = format!("---\ntitle: Sâu\n---\n{}x\n", "<div>".repeat(100_000));
    refused_with(
        "guides/sau.md",
        guide.as_bytes(),
        "guides/sau.md:4:5001",
        "lồng nhau quá sâu",
    );
}

#[test]
fn a_large_real_schedule_builds() {
    let t = SiteTest::fixture("minimal");
    let mut yaml = String::from("sessions:\n");
    for i in 0..5000 {
        let day = 29 + i % 20;
        let (d, m) = if day > 30 { (day - 30, 12) } else { (day, 11) };
        yaml.push_str(&format!(
            "  - hamlet: {}\n    date: {d}/{m}/2022\n    time: {}h-{}h\n    place: Điểm {i}\n",
            ["Đông Lão", "Sống", "Song"][i % 3],
            7 + i % 10,
            8 + i % 10
        ));
    }
    t.write("schedules/lich.yaml", &yaml);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(t.page("lich/index.html").text.contains("Điểm 4999"));
}
