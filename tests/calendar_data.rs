//! Calendars, open data, the news feed, search files and portal fragments,
//! read back with real parsers: `ical` (an iCalendar parser independent of the
//! crate that writes the files), serde_json, the csv crate, roxmltree for the
//! Atom feed and the sitemap, scraper for HTML, and the zip crate's reader.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{BufReader, Read};

use common::{assert_links_resolve, SiteTest};

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const BASE: &str = "https://camngoc.example.vn/dinh-danh";

/// The fixture built on a fixed day, checked to succeed.
fn built() -> SiteTest {
    let t = SiteTest::fixture("lich-mo");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    t
}

fn read(t: &SiteTest, rel: &str) -> Vec<u8> {
    fs::read(t.output_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn text(t: &SiteTest, rel: &str) -> String {
    String::from_utf8(read(t, rel)).unwrap()
}

// ---------------------------------------------------------------- iCalendar

/// An event as the independent parser sees it: property name → (params, raw value).
type Props = BTreeMap<String, (Vec<(String, Vec<String>)>, String)>;

fn parse_ics(bytes: &[u8]) -> (Props, Vec<Props>) {
    let mut parser = ical::IcalParser::new(BufReader::new(bytes));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("the iCalendar parser accepts the file");
    assert!(parser.next().is_none(), "only one VCALENDAR");
    let props = |list: &[ical::property::Property]| -> Props {
        list.iter()
            .map(|p| {
                (
                    p.name.clone(),
                    (
                        p.params.clone().unwrap_or_default(),
                        p.value.clone().unwrap_or_default(),
                    ),
                )
            })
            .collect()
    };
    let events = cal.events.iter().map(|e| props(&e.properties)).collect();
    (props(&cal.properties), events)
}

/// RFC 5545 3.3.11: TEXT values escape `\`, `;`, `,` and line breaks.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some(other) => out.push(other),
            None => panic!("dangling backslash in {value:?}"),
        }
    }
    out
}

fn value(p: &Props, name: &str) -> String {
    p.get(name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no {name} in {p:?}"))
}

fn params(p: &Props, name: &str) -> Vec<(String, Vec<String>)> {
    p.get(name)
        .map(|(params, _)| params.clone())
        .unwrap_or_default()
}

const LONG_NOTE: &str = "Mang theo thẻ căn cước công dân gắn chip; điện thoại thông minh đã sạc đầy pin, nhớ mật khẩu thư điện tử và số điện thoại chính chủ (đường dẫn C:\\VNeID không cần).\nNgười cao tuổi đi cùng con cháu để được hướng dẫn cài đặt ứng dụng, đăng ký và kích hoạt tài khoản.";

#[test]
fn calendar_has_every_session_in_utc_with_vietnamese_text() {
    let t = built();
    let (cal, events) = parse_ics(&read(&t, "lich.ics"));
    assert_eq!(value(&cal, "VERSION"), "2.0");
    assert!(cal.contains_key("PRODID"));
    assert_eq!(value(&cal, "X-WR-TIMEZONE"), "Asia/Ho_Chi_Minh");
    assert_eq!(events.len(), 5, "one VEVENT per session");

    // Schedule order; times are Vietnam time (UTC+7) written in UTC.
    let starts: Vec<String> = events.iter().map(|e| value(e, "DTSTART")).collect();
    assert_eq!(
        starts,
        [
            "20221129T003000Z", // 07:30 in Đông Lão
            "20221129T120000Z", // 19:00 in Đông Lão, same day
            "20221130",         // all day in Phố Mới
            "20221201T070000Z", // 14:00, start only, in Sống
            "20221203T003000Z", // 07:30 in Kìm
        ]
    );
    let evening = &events[1];
    assert_eq!(value(evening, "DTEND"), "20221129T143000Z");
    assert!(value(evening, "DTSTAMP").ends_with('Z'));
    assert_eq!(
        unescape(&value(evening, "SUMMARY")),
        "Thôn Đông Lão: Đợt cao điểm thu nhận hồ sơ định danh điện tử"
    );
    assert_eq!(
        unescape(&value(evening, "LOCATION")),
        "Nhà văn hóa thôn Đông Lão, xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa"
    );
    assert_eq!(
        unescape(&value(evening, "DESCRIPTION")),
        format!(
            "Nội dung: Đăng ký định danh mức 2, Kích hoạt tài khoản.\nLưu ý: {LONG_NOTE}\nĐơn vị tổ chức: UBND xã Cẩm Ngọc."
        )
    );
    assert_eq!(
        value(evening, "URL"),
        format!("{BASE}/lich/dong-lao/index.html")
    );

    // All day: DATE values, ending (exclusively) the next day.
    let all_day = &events[2];
    let date = vec![("VALUE".to_string(), vec!["DATE".to_string()])];
    assert_eq!(params(all_day, "DTSTART"), date);
    assert_eq!(params(all_day, "DTEND"), date);
    assert_eq!(value(all_day, "DTEND"), "20221201");
    // Only a start time: no invented end.
    assert!(!events[3].contains_key("DTEND"));
    assert_eq!(
        unescape(&value(&events[3], "LOCATION")),
        "thôn Sống, xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa"
    );

    let uids: HashSet<String> = events.iter().map(|e| value(e, "UID")).collect();
    assert_eq!(uids.len(), 5, "UIDs are unique");
    assert!(uids.iter().all(|u| u.ends_with("@bangtin")));
}

#[test]
fn calendar_lines_are_crlf_and_folded_without_splitting_characters() {
    let t = built();
    let bytes = read(&t, "lich.ics");
    assert!(bytes.ends_with(b"END:VCALENDAR\r\n"));
    // One calendar: the events go inside it, never after its END.
    for ics in ["lich.ics", "lich/dong-lao.ics"] {
        let text = String::from_utf8(read(&t, ics)).unwrap();
        assert_eq!(text.matches("BEGIN:VCALENDAR\r\n").count(), 1, "{ics}");
        assert_eq!(text.matches("END:VCALENDAR\r\n").count(), 1, "{ics}");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    }
    // Split after each LF: every line but the (empty) last must end in CRLF.
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    assert_eq!(lines.last(), Some(&&b""[..]));
    let mut folded = 0;
    for (n, line) in lines[..lines.len() - 1].iter().enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or_else(|| {
            panic!("line {} ends with a bare LF", n + 1);
        });
        assert!(!line.contains(&b'\r'), "bare CR on line {}", n + 1);
        assert!(
            line.len() <= 75,
            "line {} has {} octets: {}",
            n + 1,
            line.len(),
            String::from_utf8_lossy(line)
        );
        // Each physical line is valid UTF-8 on its own: no character was cut.
        let text = std::str::from_utf8(line)
            .unwrap_or_else(|e| panic!("line {} splits a character: {e}", n + 1));
        if let Some(rest) = text.strip_prefix(' ') {
            folded += 1;
            assert!(!rest.starts_with(' '), "line {}: {text:?}", n + 1);
        }
        assert!(!text.ends_with(' '), "line {} ends in a space", n + 1);
    }
    // The long Vietnamese note needs several folds.
    assert!(folded >= 5, "only {folded} folded lines");
    let raw = String::from_utf8(bytes).unwrap();
    assert!(!raw.contains("\r\n\r\n"), "no empty lines");
    // Unfolded as RFC 5545 3.1 says, the TEXT escapes are all there.
    let unfolded = raw.replace("\r\n ", "");
    for escaped in [
        "gắn chip\\; điện thoại",
        "sạc đầy pin\\, nhớ",
        "C:\\\\VNeID",
        "không cần).\\nNgười cao tuổi",
    ] {
        assert!(unfolded.contains(escaped), "{escaped} not in the file");
    }
}

#[test]
fn calendars_and_data_are_byte_identical_across_builds_and_days() {
    let t = built();
    let first: Vec<(String, Vec<u8>)> = [
        "lich.ics",
        "lich/dong-lao.ics",
        "lich/pho-moi.ics",
        "du-lieu/lich.json",
        "du-lieu/lich.csv",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
    ]
    .iter()
    .map(|f| (f.to_string(), read(&t, f)))
    .collect();
    // Another day, same input: the .ics files do not move.
    let run = t.build_on("15/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (f, bytes) in &first {
        assert_eq!(&read(&t, f), bytes, "{f} changed between builds");
    }
}

#[test]
fn hamlet_calendar_holds_its_sessions_with_the_same_uids() {
    let t = built();
    let (_, all) = parse_ics(&read(&t, "lich.ics"));
    let (cal, own) = parse_ics(&read(&t, "lich/dong-lao.ics"));
    assert_eq!(
        unescape(&value(&cal, "X-WR-CALNAME")),
        "Lịch thôn Đông Lão – UBND xã Cẩm Ngọc"
    );
    assert_eq!(own.len(), 2);
    let uids: Vec<String> = own.iter().map(|e| value(e, "UID")).collect();
    let all_uids: Vec<String> = all[..2].iter().map(|e| value(e, "UID")).collect();
    assert_eq!(uids, all_uids);

    // "Thêm vào lịch" on the pages links the files; Sành has no session,
    // so no calendar (an iCalendar file must hold an event) and no link.
    let hamlet = t.page("lich/dong-lao/index.html");
    assert_eq!(
        hamlet.attrs(".add-calendar a", "href"),
        vec!["../../lich/dong-lao.ics"]
    );
    assert!(hamlet
        .select_texts(".add-calendar")
        .join(" ")
        .contains("Thêm vào lịch"));
    assert_eq!(
        t.page("lich/index.html").attrs(".add-calendar a", "href"),
        vec!["../lich.ics"]
    );
    assert_eq!(t.page("lich/sanh/index.html").count(".add-calendar"), 0);
    assert!(!t.output_file("lich/sanh.ics").exists());
    assert_links_resolve(&t.out);
}

#[test]
fn a_session_moved_to_another_hour_keeps_its_uid() {
    let t = built();
    let uid_of_kim = |t: &SiteTest| {
        let (_, events) = parse_ics(&read(t, "lich/kim.ics"));
        assert_eq!(events.len(), 1);
        (value(&events[0], "UID"), value(&events[0], "DTSTART"))
    };
    let (before, start) = uid_of_kim(&t);
    let moved = t
        .read_source("schedules/lich.yaml")
        .replace("time: 7h30-11h00", "time: 13h30-16h");
    t.write("schedules/lich.yaml", &moved);
    assert_eq!(t.build().code, 0);
    let (after, new_start) = uid_of_kim(&t);
    assert_eq!(before, after, "calendar apps update the event in place");
    assert_ne!(start, new_start);
    assert_eq!(new_start, "20221203T063000Z");
}

// ---------------------------------------------------------------- open data

#[test]
fn json_has_the_documented_shape() {
    let t = built();
    let data: serde_json::Value = serde_json::from_slice(&read(&t, "du-lieu/lich.json")).unwrap();
    assert_eq!(data["version"], 1);
    assert_eq!(data["site"]["authority"], "UBND xã Cẩm Ngọc");
    assert_eq!(data["site"]["base_url"], BASE);
    assert_eq!(data["site"]["campaign"]["start"], "2022-11-29");
    assert_eq!(data["site"]["campaign"]["end"], "2022-12-20");

    let hamlets = data["hamlets"].as_array().unwrap();
    let slugs: Vec<&str> = hamlets
        .iter()
        .map(|h| h["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["dong-lao", "song", "kim", "pho-moi", "sanh"]);
    assert_eq!(hamlets[0]["label"], "thôn Đông Lão");
    assert_eq!(hamlets[0]["page"], "lich/dong-lao/index.html");
    assert_eq!(hamlets[0]["calendar"], "lich/dong-lao.ics");
    assert!(hamlets[4]["calendar"].is_null(), "Sành has no session");
    for h in hamlets {
        let page = h["page"].as_str().unwrap();
        assert!(t.output_file(page).is_file(), "{page}");
    }

    let sessions = data["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 5);
    let evening = &sessions[1];
    assert_eq!(evening["hamlet"], "dong-lao");
    assert_eq!(evening["date"], "2022-11-29");
    assert_eq!(evening["start"], "19:00");
    assert_eq!(evening["end"], "21:30");
    assert_eq!(evening["all_day"], false);
    assert_eq!(evening["note"], LONG_NOTE);
    assert_eq!(
        evening["services"],
        serde_json::json!(["Đăng ký định danh mức 2", "Kích hoạt tài khoản"])
    );
    let all_day = &sessions[2];
    assert_eq!(all_day["all_day"], true);
    assert!(all_day["start"].is_null() && all_day["end"].is_null());
    assert!(sessions[3]["end"].is_null());
    assert!(sessions[3]["place"].is_null());

    let points = data["points"].as_array().unwrap();
    assert_eq!(points.len(), 2);
    assert_eq!(points[0]["kind"], "fixed");
    assert_eq!(points[0]["from"], "2022-11-29");
    assert_eq!(points[1]["kind"], "mobile");
}

/// Every object in `documented` has the same keys as the matching one in `built`.
fn assert_same_keys(documented: &serde_json::Value, built: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (documented, built) {
        (Value::Object(d), Value::Object(b)) => {
            let dk: Vec<&String> = d.keys().collect();
            let bk: Vec<&String> = b.keys().collect();
            assert_eq!(dk, bk, "keys of {at}");
            for (k, v) in d {
                assert_same_keys(v, &b[k], &format!("{at}.{k}"));
            }
        }
        (Value::Array(d), Value::Array(b)) => {
            if let (Some(d), Some(b)) = (d.first(), b.first()) {
                assert_same_keys(d, b, &format!("{at}[0]"));
            }
        }
        _ => {}
    }
}

#[test]
fn json_example_in_the_docs_has_the_real_shape() {
    let t = built();
    let built: serde_json::Value = serde_json::from_slice(&read(&t, "du-lieu/lich.json")).unwrap();
    let doc = fs::read_to_string(common::repo_path("docs/du-lieu.md")).unwrap();
    let example = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```json example in docs/du-lieu.md");
    let documented: serde_json::Value = serde_json::from_str(example).unwrap();
    assert_eq!(documented["version"], built["version"]);
    assert_same_keys(&documented, &built, "lich.json");
}

#[test]
fn csv_opens_in_excel_and_matches_the_schedule() {
    let t = built();
    let bytes = read(&t, "du-lieu/lich.csv");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("UTF-8 BOM, so Excel reads Vietnamese");
    assert!(String::from_utf8(body.to_vec()).is_ok());
    assert!(body.windows(2).any(|w| w == b"\r\n"), "CRLF rows");
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Ngày",
            "Thứ",
            "Thôn",
            "Mã thôn",
            "Bắt đầu",
            "Kết thúc",
            "Địa điểm",
            "Nội dung",
            "Ghi chú",
            "Buổi",
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
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[1][..7],
        [
            "2022-11-29",
            "Thứ Ba",
            "thôn Đông Lão",
            "dong-lao",
            "19:00",
            "21:30",
            "Nhà văn hóa thôn Đông Lão"
        ]
    );
    assert_eq!(rows[1][7], "Đăng ký định danh mức 2; Kích hoạt tài khoản");
    assert_eq!(rows[1][8], LONG_NOTE);
    assert_eq!(rows[2][4..6], ["", ""], "all day: no times");
    assert_eq!(rows[1][9], "", "hours written: no part of the day");

    // Same sessions, same order as the schedule page.
    let page = t.page("lich/index.html").table_rows("table.schedule");
    let page_days: Vec<(&str, &str)> = page
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    let csv_days: Vec<(String, &str)> = rows
        .iter()
        .map(|r| {
            let (y, m, d) = (&r[0][0..4], &r[0][5..7], &r[0][8..10]);
            (format!("{d}/{m}/{y}"), r[2].as_str())
        })
        .collect();
    assert_eq!(
        page_days,
        csv_days
            .iter()
            .map(|(d, h)| (d.as_str(), *h))
            .collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------- news and feed

#[test]
fn news_pages_list_newest_first() {
    let t = built();
    let list = t.page("tin-tuc/index.html");
    assert_eq!(
        list.select_texts("ul.news a"),
        [
            "Thôn Kìm đổi giờ họp sang buổi sáng",
            "Bắt đầu đợt cao điểm"
        ]
    );
    assert_eq!(
        list.attrs("ul.news time", "datetime"),
        ["2022-12-01", "2022-11-28"]
    );
    let item = t.page("tin-tuc/doi-gio-thon-kim/index.html");
    assert_eq!(
        item.select_texts("h1"),
        ["Thôn Kìm đổi giờ họp sang buổi sáng"]
    );
    assert_eq!(
        item.attrs("article a", "href"),
        ["../../huong-dan/cai-dat/index.html"]
    );
    // The menu leads to the news once there is some.
    assert!(t
        .page("index.html")
        .select_texts("nav a")
        .contains(&"Tin tức".to_string()));
    assert_links_resolve(&t.out);
}

/// The Atom child element `name` of `n`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM_NS))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

fn text_of(n: roxmltree::Node, name: &str) -> String {
    child(n, name).text().unwrap_or("").to_string()
}

#[test]
fn atom_feed_is_valid_and_absolute_with_base_url() {
    let t = built();
    let xml = text(&t, "atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM_NS));
    // RFC 4287 4.1.1: a feed has an id, a title, an updated time and an author.
    assert!(text_of(feed, "id").starts_with("urn:uuid:"));
    assert!(text_of(feed, "title").contains("Đăng ký tài khoản định danh điện tử"));
    assert_eq!(text_of(feed, "updated"), "2022-12-01T00:00:00+07:00");
    assert_eq!(text_of(child(feed, "author"), "name"), "UBND xã Cẩm Ngọc");
    let links: Vec<(String, String)> = feed
        .children()
        .filter(|c| c.tag_name().name() == "link")
        .map(|l| {
            (
                l.attribute("rel").unwrap().to_string(),
                l.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert!(links.contains(&("self".into(), format!("{BASE}/atom.xml"))));
    assert!(links.contains(&("alternate".into(), format!("{BASE}/tin-tuc/index.html"))));

    let entries: Vec<roxmltree::Node> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 2);
    let first = entries[0];
    assert_eq!(
        text_of(first, "title"),
        "Thôn Kìm đổi giờ họp sang buổi sáng"
    );
    assert_eq!(text_of(first, "updated"), "2022-12-01T00:00:00+07:00");
    assert!(text_of(first, "id").starts_with("urn:uuid:"));
    assert_ne!(text_of(first, "id"), text_of(entries[1], "id"));
    assert_eq!(
        child(first, "link").attribute("href"),
        Some(format!("{BASE}/tin-tuc/doi-gio-thon-kim/index.html").as_str())
    );
    assert_eq!(
        text_of(first, "summary"),
        "Buổi hướng dẫn tại thôn Kìm ngày 03/12 bắt đầu lúc 7 giờ 30 & kết thúc lúc 11 giờ."
    );
    // The HTML content, unescaped by the XML parser; its links, written for
    // the item's page, are absolute.
    let content = child(first, "content");
    assert_eq!(content.attribute("type"), Some("html"));
    let html = content.text().unwrap();
    assert!(html.contains("<strong>thôn Kìm</strong>"), "{html}");
    assert!(
        html.contains(&format!(r#"href="{BASE}/huong-dan/cai-dat/index.html""#)),
        "{html}"
    );
    let older = child(entries[1], "content").text().unwrap();
    assert!(
        older.contains(&format!(r#"href="{BASE}/lich/index.html""#)),
        "{older}"
    );
    // Ids do not depend on base_url.
    let id = text_of(first, "id");
    let run = t.build_with(&["--base-url", "https://mot-dia-chi-khac.example.vn"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(text(&t, "atom.xml").contains(&format!("<id>{id}</id>")));
}

// ---------------------------------------------------------------- sharing and search

#[test]
fn sitemap_and_robots_use_base_url() {
    let t = built();
    let xml = text(&t, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(urlset.tag_name().namespace(), Some(SITEMAP_NS));
    let locs: Vec<String> = urlset
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap().to_string())
        .collect();
    for loc in &locs {
        let rel = loc
            .strip_prefix(&format!("{BASE}/"))
            .unwrap_or_else(|| panic!("{loc} is not under base_url"));
        assert!(t.output_file(rel).is_file(), "{loc} is not a page");
    }
    for page in [
        "index.html",
        "lich/index.html",
        "lich/dong-lao/index.html",
        "tin-tuc/doi-gio-thon-kim/index.html",
    ] {
        assert!(locs.contains(&format!("{BASE}/{page}")), "{page} missing");
    }
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    assert!(!locs.iter().any(|l| l.contains("/nhung/")));
    assert!(xml.contains("<lastmod>2022-12-01</lastmod>"));

    let robots = text(&t, "robots.txt");
    assert!(robots.starts_with("User-agent: *\n"));
    assert!(robots.contains(&format!("\nSitemap: {BASE}/sitemap.xml\n")));
}

#[test]
fn every_page_has_a_title_and_summary_for_link_previews() {
    let t = built();
    let pages: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.starts_with("nhung/"))
        .collect();
    assert!(pages.len() >= 12);
    for f in &pages {
        let page = t.page(f);
        let one = |css: &str| {
            let found = page.attrs(css, "content");
            assert_eq!(found.len(), 1, "{f}: {css}");
            assert!(!found[0].trim().is_empty(), "{f}: {css} is empty");
            found[0].clone()
        };
        let description = one("meta[name=description]");
        assert_eq!(one("meta[property='og:description']"), description, "{f}");
        one("meta[property='og:title']");
        assert_eq!(one("meta[property='og:locale']"), "vi_VN");
        assert_eq!(one("meta[property='og:url']"), format!("{BASE}/{f}"), "{f}");
        assert_eq!(
            page.attrs("link[rel=canonical]", "href"),
            vec![format!("{BASE}/{f}")]
        );
        // Written plainly: link previews read the raw attribute.
        assert!(
            page.text.contains(&format!("content=\"{BASE}/{f}\"")),
            "{f}"
        );
    }
    let item = t.page("tin-tuc/doi-gio-thon-kim/index.html");
    assert_eq!(
        item.attrs("meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        item.attrs("meta[name=description]", "content"),
        ["Buổi hướng dẫn tại thôn Kìm ngày 03/12 bắt đầu lúc 7 giờ 30 & kết thúc lúc 11 giờ."]
    );
}

#[test]
fn hamlet_pages_describe_their_sessions_as_schema_org_events() {
    let t = built();
    let page = t.page("lich/dong-lao/index.html");
    let scripts = page.select_texts(r#"script[type="application/ld+json"]"#);
    assert_eq!(scripts.len(), 1);
    let raw: Vec<String> = {
        let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
        page.html
            .select(&sel)
            .map(|s| s.text().collect::<String>())
            .collect()
    };
    let data: serde_json::Value = serde_json::from_str(&raw[0]).expect("JSON-LD is JSON");
    assert_eq!(data["@context"], "https://schema.org");
    let graph = data["@graph"].as_array().unwrap();
    // Places and the organizer are nodes of their own, which events point to.
    let node = |reference: &serde_json::Value| {
        let id = reference["@id"].as_str().expect("a reference by @id");
        graph
            .iter()
            .find(|n| n["@id"] == id)
            .unwrap_or_else(|| panic!("no node {id} in the graph"))
    };
    let events: Vec<&serde_json::Value> = graph.iter().filter(|n| n["@type"] == "Event").collect();
    assert_eq!(events.len(), 2);
    let evening = events[1];
    assert_eq!(evening["startDate"], "2022-11-29T19:00:00+07:00");
    assert_eq!(evening["endDate"], "2022-11-29T21:30:00+07:00");
    let place = node(&evening["location"]);
    assert_eq!(place["@type"], "Place");
    assert_eq!(place["name"], "Nhà văn hóa thôn Đông Lão");
    assert_eq!(place["address"]["addressCountry"], "VN");
    let organizer = node(&evening["organizer"]);
    assert_eq!(organizer["@type"], "GovernmentOrganization");
    assert_eq!(organizer["name"], "UBND xã Cẩm Ngọc");
    assert_eq!(evening["url"], format!("{BASE}/lich/dong-lao/index.html"));
    assert!(evening["description"]
        .as_str()
        .unwrap()
        .contains("C:\\VNeID"));

    let all_day = t.page("lich/pho-moi/index.html");
    let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let json: String = all_day.html.select(&sel).next().unwrap().text().collect();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first_event = data["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "Event")
        .unwrap();
    assert_eq!(first_event["startDate"], "2022-11-30");
    // No session, no event data.
    assert_eq!(
        t.page("lich/sanh/index.html")
            .count(r#"script[type="application/ld+json"]"#),
        0
    );
}

#[test]
fn without_base_url_absolute_urls_are_left_out_with_one_warning() {
    let t = SiteTest::fixture("lich-mo");
    let site = t
        .read_source("site.yaml")
        .replace("base_url: https://camngoc.example.vn/dinh-danh/\n", "");
    t.write("site.yaml", &site);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("cảnh báo"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].contains("site.yaml") && warnings[0].contains("base_url"));
    assert!(run.stderr.contains("--base-url"), "says how to set it");

    assert!(!t.output_file("sitemap.xml").exists());
    assert!(!text(&t, "robots.txt").contains("Sitemap"));
    for f in t.output_files().iter().filter(|f| f.ends_with(".html")) {
        let page = t.page(f);
        assert_eq!(page.count("meta[property='og:url']"), 0, "{f}");
        assert_eq!(page.count("link[rel=canonical]"), 0, "{f}");
        // schema.org names its own terms with URLs; nothing else is absolute.
        let without_vocabulary = page.text.replace("https://schema.org", "");
        assert!(
            !without_vocabulary.contains("https://"),
            "{f} has an absolute URL"
        );
    }
    for f in ["lich.ics", "du-lieu/lich.json", "atom.xml"] {
        assert!(!text(&t, f).contains("https://"), "{f} has an absolute URL");
    }
    // The feed still works: links relative to the feed's own address.
    let xml = text(&t, "atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "link")
        .map(|n| n.attribute("href").unwrap())
        .collect();
    assert!(
        hrefs.contains(&"tin-tuc/doi-gio-thon-kim/index.html"),
        "{hrefs:?}"
    );
    assert!(!hrefs.iter().any(|h| h.contains("atom.xml")), "no rel=self");
    let (_, events) = parse_ics(&read(&t, "lich.ics"));
    assert!(events.iter().all(|e| !e.contains_key("URL")));
}

#[test]
fn a_wrong_base_url_is_refused_in_vietnamese() {
    let t = SiteTest::fixture("lich-mo");
    let run = t.build_with(&["--base-url", "camngoc.gov.vn"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("https://"), "{}", run.stderr);

    let site = t.read_source("site.yaml").replace(
        "base_url: https://camngoc.example.vn/dinh-danh/",
        "base_url: camngoc.example.vn",
    );
    t.write("site.yaml", &site);
    let run = t.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.yaml:8:11") && run.stderr.contains("không phải địa chỉ web"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- portal fragments

fn assert_self_contained(fragment: &str, name: &str) {
    let lower = fragment.to_lowercase();
    for banned in [
        "<html",
        "<head",
        "<body",
        "<script",
        "<style",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "url(",
        "@import",
        "javascript:",
    ] {
        assert!(!lower.contains(banned), "{name} contains {banned}");
    }
    // No attribute that loads or links anything, and no event handler.
    let html = scraper::Html::parse_fragment(fragment);
    for el in html
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (attr, _) in el.value().attrs() {
            assert!(
                !matches!(attr, "href" | "src" | "srcset" | "action" | "background")
                    && !attr.starts_with("on"),
                "{name}: <{} {attr}>",
                el.value().name()
            );
        }
    }
}

#[test]
fn fragments_are_self_contained_and_show_the_same_table() {
    let t = built();
    let pairs = [
        ("nhung/lich.html", "lich/index.html"),
        ("nhung/lich-dong-lao.html", "lich/dong-lao/index.html"),
        ("nhung/lich-pho-moi.html", "lich/pho-moi/index.html"),
    ];
    for (fragment, page) in pairs {
        let source = text(&t, fragment);
        assert_self_contained(&source, fragment);
        let parsed = scraper::Html::parse_fragment(&source);
        let as_page = common::Page {
            html: parsed,
            text: source.clone(),
        };
        assert_eq!(as_page.count("table"), 1, "{fragment}");
        // Inline styles on the cells, since portals drop stylesheets.
        assert!(as_page
            .attrs("td", "style")
            .iter()
            .all(|s| s.contains("border")));
        let rows = as_page.table_rows("table");
        assert!(!rows.is_empty(), "{fragment}");
        assert_eq!(
            rows,
            t.page(page).table_rows("table.schedule"),
            "{fragment} and {page} differ"
        );
        assert_eq!(
            as_page.select_texts("thead th"),
            t.page(page).select_texts("table.schedule thead th"),
        );
    }
    // Sành has no session: a fragment that says so.
    let empty = text(&t, "nhung/lich-sanh.html");
    assert_self_contained(&empty, "nhung/lich-sanh.html");
    assert!(empty.contains("Chưa có lịch"));
}

// ---------------------------------------------------------------- zip

fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

#[test]
fn zip_holds_the_whole_site_and_is_deterministic() {
    let t = SiteTest::fixture("lich-mo");
    let args = |today: &'static str| {
        vec![
            "build".to_string(),
            "--root".into(),
            common::path_str(&t.root).into(),
            "--output".into(),
            common::path_str(&t.out).into(),
            "--today".into(),
            today.into(),
            "--zip".into(),
        ]
    };
    let run = |today| {
        let a = args(today);
        t.run(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let first = run("28/11/2022");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let zip_path = t.out.with_file_name("public.zip");
    assert!(
        first.stdout.contains(&zip_path.display().to_string()),
        "the summary says where: {}",
        first.stdout
    );
    let bytes = fs::read(&zip_path).unwrap();
    let entries = zip_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries sorted by path");
    // Exactly the site's files, byte for byte, at the zip's root.
    let on_disk: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f != ".bangtin")
        .collect();
    assert_eq!(
        names,
        on_disk.iter().map(String::as_str).collect::<Vec<_>>()
    );
    for (name, data) in &entries {
        assert_eq!(data, &read(&t, name), "{name}");
    }
    assert!(names.contains(&"index.html") && names.contains(&"lich.ics"));

    // Same input and day: same bytes.
    assert_eq!(run("28/11/2022").code, 0);
    assert_eq!(fs::read(&zip_path).unwrap(), bytes, "zip is deterministic");

    // Without --zip, no zip is written or changed.
    fs::remove_file(&zip_path).unwrap();
    assert_eq!(t.build().code, 0);
    assert!(!zip_path.exists());
}

// ---------------------------------------------------------------- news errors

#[test]
fn news_errors_name_the_file_and_line_in_vietnamese() {
    let t = SiteTest::fixture("lich-mo");
    t.write(
        "news/sai-ngay.md",
        "---\ntitle: Tin sai ngày\ndate: 31/02/2022\n---\nNội dung.\n",
    );
    t.write(
        "news/khoa-la.md",
        "---\ntitle: Tin có khóa lạ\ndate: 01/12/2022\nsumary: Gõ nhầm\n---\nNội dung.\n",
    );
    t.write(
        "news/thieu-ngay.md",
        "---\ntitle: Tin thiếu ngày\n---\nNội dung.\n",
    );
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    assert!(e.contains("news/sai-ngay.md:3:7"), "{e}");
    assert!(e.contains("news/khoa-la.md:4:1"), "{e}");
    assert!(e.contains("summary"), "suggests the right key: {e}");
    assert!(
        e.contains("news/thieu-ngay.md:1:1") && e.contains("`date`"),
        "{e}"
    );
    assert!(e.contains("Có 3 lỗi"), "{e}");
}

#[test]
fn a_site_keeps_its_own_robots_txt() {
    let t = SiteTest::fixture("lich-mo");
    t.write("static/robots.txt", "User-agent: *\nDisallow: /nhung/\n");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(text(&t, "robots.txt"), "User-agent: *\nDisallow: /nhung/\n");
    assert!(t.output_file("sitemap.xml").is_file());
    // A static file on any other generated address is refused, as before.
    t.write("static/lich.ics", "BEGIN:VCALENDAR\r\n");
    let run = t.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("static/lich.ics"), "{}", run.stderr);
}

#[test]
fn check_also_warns_once_about_a_missing_base_url() {
    let t = SiteTest::fixture("minimal");
    let run = t.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let about_base_url = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("cảnh báo") && l.contains("base_url"))
        .count();
    assert_eq!(about_base_url, 1, "{}", run.stderr);
}
