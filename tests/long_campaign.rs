//! A campaign's whole life: 90 days, 10 hamlets and a mobile team's route of
//! two stops a day, built on its first day, in
//! its middle and after its end. Every page with its stylesheets and every
//! portal fragment stays within 30 KB, however many sessions; the schedule
//! page leads with the coming ones and links each week and month; a hamlet
//! page shows its coming sessions in full and the rest compactly.

mod common;

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use common::SiteTest;

const BUDGET: u64 = 30 * 1024;

const KINDS: [&str; 4] = ["thôn", "ấp", "tổ dân phố", "khu phố"];
const SERVICES: [&str; 4] = [
    "Đăng ký định danh mức 1",
    "Đăng ký định danh mức 2",
    "Kích hoạt tài khoản",
    "Cài đặt VNeID",
];

/// A 90-day campaign from 01/07/2023 of 10 hamlets with long Vietnamese
/// names, visited on the weekdays `days` (Monday = 0), each session with two
/// of four services (varied, as the bench generator makes them) and a note.
fn campaign(days: &[u32]) -> SiteTest {
    let t = SiteTest::fixture("changes");
    let start = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
    let mut site = String::from(
        "title: Đăng ký tài khoản định danh điện tử\nauthority: UBND xã Quý Thủy\nplace: xã Quý Thủy, tỉnh Kiên Giang\nbase_url: https://quythuy.example.gov.vn\ncampaign:\n  name: Chiến dịch 90 ngày đêm thu nhận, kích hoạt tài khoản định danh điện tử\n  start: 01/07/2023\n  end: 28/09/2023\ncontacts:\n  - {name: Công an xã Quý Thủy, phone: \"0297 3846 113\", hours: 07:30-22:00}\nhamlets:\n",
    );
    let names: Vec<String> = (1..=10)
        .map(|n| format!("Thủy Thạnh Đông Phước {n}"))
        .collect();
    for (n, name) in names.iter().enumerate() {
        let _ = writeln!(site, "  - name: {name}\n    kind: {}", KINDS[n % 4]);
    }
    t.write("site.yaml", &site);
    let mut schedule = String::from("sessions:\n");
    for d in 0..90 {
        let date = start + Duration::days(d);
        // 01/07/2023 is a Saturday (weekday 5).
        if !days.contains(&(((d + 5) % 7) as u32)) {
            continue;
        }
        for (n, name) in names.iter().enumerate() {
            let first = (d as usize + n) % 4;
            let second = (first + 1 + n % 3) % 4;
            let _ = writeln!(
                schedule,
                "  - hamlet: {name}\n    date: {}\n    time: {:02}:30-{:02}:00\n    place: Nhà văn hóa {name}\n    services: [{}, {}]\n    note: Mang theo căn cước công dân gắn chip",
                date.format("%d/%m/%Y"),
                7 + n,
                10 + n,
                SERVICES[first],
                SERVICES[second]
            );
        }
    }
    // A mobile team at two places every day of the campaign: its stops are
    // on every week sheet and in the coming lists too.
    schedule.push_str("points:\n  - name: Tổ thu nhận lưu động Công an xã Quý Thủy\n    services: [Thu nhận hồ sơ định danh điện tử mức 2]\n    route:\n");
    for d in 0..90 {
        let date = (start + Duration::days(d)).format("%d/%m/%Y");
        let _ = writeln!(
            schedule,
            "      - {{date: {date}, time: 7h30-11h, place: Trường Trung học cơ sở Thủy Thạnh Đông Phước {}}}\n      - {{date: {date}, time: Chiều, place: Công ty Trách nhiệm hữu hạn May mặc Xuất khẩu Quý Thủy}}",
            d % 10 + 1
        );
    }
    t.write("schedules/lich.yaml", &schedule);
    t
}

/// The stylesheets a page links, read from the output.
fn stylesheets_size(t: &SiteTest, page: &str, html: &common::Page) -> u64 {
    let dir = std::path::Path::new(page).parent().unwrap();
    html.attrs("link[rel=stylesheet]", "href")
        .iter()
        .map(|href| {
            let path = t.out.join(dir).join(href);
            std::fs::metadata(&path)
                .unwrap_or_else(|e| panic!("{page}: {href}: {e}"))
                .len()
        })
        .sum()
}

/// Every page with its stylesheets, and every fragment, within the budget;
/// returns the largest page and fragment for the message.
fn assert_within_budget(t: &SiteTest, today: &str) -> ((u64, String), (u64, String)) {
    let mut page_max = (0, String::new());
    let mut fragment_max = (0, String::new());
    let mut over = Vec::new();
    for f in t
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let size = std::fs::metadata(t.output_file(&f)).unwrap().len();
        if f.starts_with("nhung/") {
            if size > BUDGET {
                over.push(format!("{f}: {size} bytes"));
            }
            fragment_max = fragment_max.max((size, f));
        } else {
            let with_css = size + stylesheets_size(t, &f, &t.page(&f));
            if with_css > BUDGET {
                over.push(format!("{f}: {with_css} bytes with its CSS"));
            }
            page_max = page_max.max((with_css, f));
        }
    }
    assert!(over.is_empty(), "--today {today}:\n{}", over.join("\n"));
    (page_max, fragment_max)
}

fn check_whole_life(days: &[u32]) {
    let t = campaign(days);
    for today in ["01/07/2023", "15/08/2023", "05/10/2023"] {
        let run = t.build_on(today);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (page, fragment) = assert_within_budget(&t, today);
        eprintln!("--today {today}: largest page {page:?}, fragment {fragment:?}");
    }
}

#[test]
fn a_session_per_hamlet_per_day_keeps_every_page_light() {
    check_whole_life(&[0, 1, 2, 3, 4, 5, 6]);
}

#[test]
fn two_sessions_per_hamlet_per_week_keep_every_page_light() {
    check_whole_life(&[1, 4]);
}

#[test]
fn the_schedule_leads_with_coming_sessions_and_links_weeks_and_months() {
    let t = campaign(&[0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(t.build_on("15/08/2023").code, 0);
    let page = t.page("lich/index.html");
    let rows = page.table_rows("table.schedule");
    assert!(!rows.is_empty());
    // The first row is today's, and no past session is in the table.
    assert_eq!(rows[0][1], "15/08/2023");
    assert!(rows
        .iter()
        .all(|r| r[1].as_str() >= "15/08/2023" && r[1].ends_with("/2023")));
    assert!(rows.iter().all(|r| r[1].contains("/08/")));
    // The team's 180 stops: the points page shows its coming days (20 stops
    // at most) and sends to the week sheets, each with that week's stops.
    let points = t.page("diem-thu-nhan/index.html");
    let route = points.table_rows("table.route");
    assert_eq!(route.len(), 20);
    assert_eq!(route[0][1], "15/08/2023");
    assert_eq!(route[19][1], "24/08/2023");
    assert_eq!(
        points.select_texts(".route-more"),
        ["Các ngày khác của lộ trình (160 lượt): xem lịch từng tuần, mỗi tuần có bảng lộ trình của tuần đó."]
    );
    let sheet = t.page("lich/tuan-2023-33/index.html");
    assert_eq!(sheet.table_rows(".week-sheet table.route").len(), 14);
    // The mobile team's stops are among them, in the hamlet's column.
    assert!(
        rows.iter()
            .any(|r| r[1] == "15/08/2023" && r[2] == "Tổ thu nhận lưu động Công an xã Quý Thủy"),
        "{rows:?}"
    );
    // Every week has its link, every month its page, and they exist.
    let links = page.attrs("main a", "href");
    let weeks = links.iter().filter(|l| l.contains("tuan-")).count();
    assert_eq!(weeks, 14, "ISO weeks 26 to 39");
    for month in ["thang-2023-07", "thang-2023-08", "thang-2023-09"] {
        assert!(links.iter().any(|l| l.contains(month)), "{month}");
        let archive = t.page(&format!("lich/{month}/index.html"));
        assert_eq!(
            archive.count("ul.compact > li"),
            10,
            "{month}: one line per hamlet"
        );
    }
    let july = t
        .page("lich/thang-2023-07/index.html")
        .select_texts("ul.compact > li");
    assert!(
        july[0].contains("01/07 07:30–10:00; 02/07 07:30–10:00"),
        "{}",
        july[0]
    );
    common::assert_links_resolve(&t.out);

    // A hamlet page: the coming sessions in full, later and past ones compactly.
    let hamlet = t.page("lich/thuy-thanh-dong-phuoc-1/index.html");
    let full = hamlet.table_rows("table.schedule");
    assert_eq!(full.len(), 14, "two weeks in full");
    assert_eq!(full[0][1], "15/08/2023");
    let past = hamlet.select_texts("#da-qua + ul.compact li");
    assert!(
        past[0].starts_with("Nhà văn hóa Thủy Thạnh Đông Phước 1: 01/07"),
        "{past:?}"
    );
    assert!(past[0].ends_with("14/08 07:30–10:00"), "{past:?}");
    let later = hamlet.select_texts("#cac-buoi-sau + ul.compact li");
    assert!(later[0].contains(": 29/08 07:30–10:00;"), "{later:?}");

    // JSON-LD describes a few coming sessions only.
    let json = hamlet.select_texts("script[type=\"application/ld+json\"]");
    let doc: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    let events = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["@type"] == "Event")
        .count();
    assert_eq!(events, 5);

    // The fragments show coming sessions and say where the rest is.
    let fragment = std::fs::read_to_string(t.output_file("nhung/lich.html")).unwrap();
    assert!(
        fragment.contains("xem toàn bộ lịch tại https://quythuy.example.gov.vn/lich/index.html")
    );
    assert!(!fragment.contains("14/08/2023"));

    // The share page shows what fits and links the rest: every hamlet (all
    // still have sessions) is there, in full or as a line, with its image.
    let share = t.page("chia-se/index.html");
    let full = share.count("section.share-block[id^='thon-']");
    let linked = share.count("li[id^='thon-']");
    assert_eq!(full + linked, 10, "{full} in full, {linked} linked");
    assert!(linked > 0, "a dense campaign's hamlets do not all fit");
    for n in 1..=10 {
        let id = format!("thon-thuy-thanh-dong-phuoc-{n}");
        let images = share.attrs(&format!("#{id} a[href$='anh.png']"), "href");
        assert_eq!(
            images,
            [format!("../chia-se/thuy-thanh-dong-phuoc-{n}/anh.png")],
            "{id}"
        );
    }
    // Weeks to come link their image too; week 33 (14–20/08) is under way.
    let week_images = share.attrs("a[href$='anh.png'][href*='tuan-']", "href");
    assert!(
        week_images.contains(&"../chia-se/tuan-2023-33/anh.png".to_string())
            && week_images.contains(&"../chia-se/tuan-2023-39/anh.png".to_string())
            && !week_images.iter().any(|l| l.contains("tuan-2023-32")),
        "{week_images:?}"
    );
}

/// The bundled example as the README's first command builds it today, long
/// after its campaign: every progress report is in, the charts are at their
/// longest, and the pages still fit (tien-do/ was 31,089 bytes with its CSS).
#[test]
fn the_example_built_on_each_day_of_its_campaign_and_after_stays_within_budget() {
    let t = SiteTest::fixture("content");
    for today in ["29/11/2022", "08/12/2022", "20/12/2022", "06/12/2026"] {
        let run = t.build_on(today);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let (page, _) = assert_within_budget(&t, today);
        eprintln!("--today {today}: largest page {page:?}");
    }
}
