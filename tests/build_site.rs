//! Building good sites: the pages exist at the contract's URLs and read right.

mod common;

use common::{assert_links_resolve, SiteTest};

#[test]
fn minimal_site_has_every_contract_page() {
    let t = SiteTest::fixture("minimal");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = t.output_files();
    for f in [
        "index.html",
        "lich/index.html",
        "lich/dong-lao/index.html",
        "lich/song/index.html",
        "lich/song-2/index.html",
        "lich/to-3/index.html",
        "diem-thu-nhan/index.html",
        "huong-dan/index.html",
        "huong-dan/cai-dat/index.html",
        "huong-dan/kich-hoat/index.html",
        "gioi-thieu/index.html",
        "404.html",
        "img/logo.gif",
        "assets/style.css",
    ] {
        assert!(
            files.contains(&f.to_string()),
            "missing {f}; have {files:?}"
        );
    }
    assert!(
        !files.iter().any(|f| f.contains("nhap")),
        "draft guide was published: {files:?}"
    );
    assert!(run.stdout.contains("trang"), "summary: {}", run.stdout);
    assert_links_resolve(&t.out);
}

#[test]
fn song_and_song_with_accent_both_get_pages_and_a_warning() {
    let t = SiteTest::fixture("minimal");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // "Song" has no diacritics so it keeps the plain slug; "Sống" moves aside.
    assert_eq!(
        t.page("lich/song/index.html").select_texts("h1"),
        vec!["Lịch thôn Song"]
    );
    assert_eq!(
        t.page("lich/song-2/index.html").select_texts("h1"),
        vec!["Lịch thôn Sống"]
    );
    assert!(run.stderr.contains("cảnh báo"), "{}", run.stderr);
    assert!(run.stderr.contains("slug: song-2"), "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml:"), "{}", run.stderr);
}

#[test]
fn schedule_table_reads_the_vietnamese_way() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let page = t.page("lich/index.html");
    assert_eq!(
        page.select_texts("table.schedule thead th"),
        // Thôn and a tổ dân phố: the neutral "Địa bàn".
        vec!["Thứ", "Ngày", "Địa bàn", "Giờ", "Địa điểm", "Ghi chú"]
    );
    let rows = page.table_rows("table.schedule");
    assert_eq!(rows.len(), 4, "{rows:?}");
    // Sorted by date across both schedule files.
    assert_eq!(
        rows[0][..4],
        ["Thứ Ba", "29/11/2022", "thôn Đông Lão", "07:30–11:00"]
    );
    assert_eq!(rows[0][4], "Nhà văn hóa thôn Đông Lão");
    assert_eq!(
        rows[0][5],
        "Đăng ký định danh mức 2, Kích hoạt tài khoản. Mang theo căn cước công dân gắn chip"
    );
    assert_eq!(
        rows[1][..4],
        ["Thứ Tư", "30/11/2022", "Tổ dân phố 3", "Cả ngày"]
    );
    assert_eq!(
        rows[2][..4],
        ["Thứ Năm", "01/12/2022", "thôn Sống", "07:30–11:00"]
    );
    assert_eq!(
        rows[3][..4],
        ["Chủ nhật", "04/12/2022", "thôn Song", "13:30–17:00"]
    );
    assert_eq!(
        page.attrs("table.schedule time", "datetime")[0],
        "2022-11-29"
    );
}

#[test]
fn hamlet_page_lists_only_its_sessions() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let rows = t
        .page("lich/dong-lao/index.html")
        .table_rows("table.schedule");
    assert_eq!(
        rows,
        vec![vec![
            "Thứ Ba".to_string(),
            "29/11/2022".into(),
            "07:30–11:00".into(),
            "Nhà văn hóa thôn Đông Lão".into(),
            "Đăng ký định danh mức 2, Kích hoạt tài khoản. Mang theo căn cước công dân gắn chip"
                .into(),
        ]]
    );
}

#[test]
fn home_lists_next_sessions_from_today() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build_on("01/12/2022").code, 0);
    let home = t.page("index.html");
    let upcoming = home.select_texts("ul.sessions .when");
    assert_eq!(
        upcoming,
        vec![
            "Thứ Năm, 01/12/2022, 07:30–11:00",
            "Chủ nhật, 04/12/2022, 13:30–17:00"
        ]
    );
    let glance = home.select_texts(".glance dd").join(" | ");
    assert!(
        glance.contains("29/11/2022") && glance.contains("20/12/2022"),
        "{glance}"
    );
    assert!(glance.contains("đang diễn ra"), "{glance}");
    assert!(home
        .select_texts(".phases")
        .join(" ")
        .contains("Giai đoạn 1"));

    // After the campaign: nothing upcoming, and the page says so.
    assert_eq!(t.build_on("2023-01-15").code, 0);
    let home = t.page("index.html");
    assert_eq!(home.count("ul.sessions li"), 0);
    assert!(home.text.contains("Không còn buổi nào sắp tới"));
}

#[test]
fn pages_declare_vietnamese_and_are_light() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    // Portal fragments (nhung/) are not pages: tests/calendar_data.rs checks them.
    for f in t
        .output_files()
        .iter()
        .filter(|f| f.ends_with(".html") && !f.starts_with("nhung/"))
    {
        let page = t.page(f);
        assert_eq!(page.attrs("html", "lang"), vec!["vi"], "{f}");
        // schema.org data (JSON-LD) is not a script that runs; the theme's
        // one script is external, in the head, and the page is right without it.
        assert_eq!(
            page.count(
                r#"script:not([type="application/ld+json"]):not([src$="assets/hom-nay.js"])"#
            ),
            0,
            "{f} has a script"
        );
        assert!(!page.text.contains("<script>"), "{f} has an inline script");
        assert_eq!(page.attrs("meta[name=viewport]", "content").len(), 1, "{f}");
        assert!(page.text.len() < 30_000, "{f} is {} bytes", page.text.len());
    }
    let css = std::fs::read_to_string(t.output_file("assets/style.css")).unwrap();
    assert!(
        !css.contains("@font-face") && !css.contains("@import"),
        "no web fonts"
    );
}

#[test]
fn guides_render_in_order_with_links_between_them() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let index = t.page("huong-dan/index.html");
    assert_eq!(
        index.select_texts("ol.docs a"),
        vec!["Cài đặt VNeID", "Kích hoạt tài khoản"]
    );
    let guide = t.page("huong-dan/cai-dat/index.html");
    assert_eq!(guide.select_texts("h1"), vec!["Cài đặt VNeID"]);
    assert_eq!(guide.attrs("h2", "id"), vec!["can-chuan-bi"]);
    // Numbered steps become a step list with anchors an officer can link to.
    assert_eq!(guide.attrs("ol.steps > li", "id"), vec!["buoc-1", "buoc-2"]);
    assert_eq!(guide.select_texts("ol.steps .step-number"), vec!["1", "2"]);
    // Images from static/ get their size (no layout shift) and load lazily.
    let img = |attr| guide.attrs("article img", attr);
    assert_eq!(img("src"), vec!["../../anh/the-cccd.png"]);
    assert_eq!(
        (img("width"), img("height"), img("loading")),
        (
            vec!["40".to_string()],
            vec!["25".to_string()],
            vec!["lazy".to_string()]
        )
    );
    assert_eq!(img("alt"), vec!["Thẻ căn cước công dân gắn chip"]);
    // A link written as another guide's file name points at its page.
    assert!(guide
        .attrs("article a", "href")
        .contains(&"../../huong-dan/kich-hoat/index.html".to_string()));
    let about = t.page("gioi-thieu/index.html");
    assert!(about
        .attrs("article a", "href")
        .contains(&"../huong-dan/cai-dat/index.html#can-chuan-bi".to_string()));
}

#[test]
fn points_are_grouped_fixed_and_mobile() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let page = t.page("diem-thu-nhan/index.html");
    assert_eq!(
        page.select_texts("h2"),
        vec!["Điểm cố định", "Điểm lưu động", "Liên hệ"]
    );
    let first = page.select_texts("ul.points > li").remove(0);
    assert!(
        first.contains("07:30-22:00, cả thứ Bảy và Chủ nhật"),
        "{first}"
    );
    assert!(first.contains("29/11/2022 – 20/12/2022"), "{first}");
}

#[test]
fn yaml_values_are_escaped() {
    let t = SiteTest::fixture("minimal");
    let site = t.read_source("site.yaml").replace(
        "authority: UBND xã Cẩm Ngọc",
        "authority: \"<script>alert(1)</script> UBND\"",
    );
    t.write("site.yaml", &site);
    assert_eq!(t.build().code, 0);
    let home = t.page("index.html");
    assert_eq!(
        home.count("script"),
        home.count("head > script[src$='hom-nay.js']")
    );
    assert!(home.text.contains("&lt;script&gt;"));
}

#[test]
fn bom_crlf_and_decomposed_names_are_accepted() {
    let t = SiteTest::fixture("minimal");
    // Windows Notepad: BOM and CRLF; a Mac keyboard: "Đông Lão" in NFD.
    let nfd = "Đông La\u{0303}o";
    let text = format!("\u{feff}sessions:\r\n  - hamlet: {nfd}\r\n    date: 02/12/2022\r\n");
    t.write("schedules/windows.yaml", &text);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        t.page("lich/dong-lao/index.html")
            .table_rows("table.schedule")
            .len(),
        2
    );
}

#[test]
fn bundled_example_builds_cleanly() {
    let t = SiteTest::fixture("content");
    // No warning at all, built on the day an officer copies it (the clock's:
    // every illustrative progress report is past) and on the campaign's
    // last day (the Song / Sống slug collision is kept in the minimal fixture).
    for run in [t.build_with(&[]), t.build_on("20/12/2022")] {
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
    }
    // Built before the campaign, its reports are still to come: said so.
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Báo cáo tiến độ ngày 01/12/2022 ở sau ngày dựng trang 28/11/2022"),
        "{}",
        run.stderr
    );
    let rows = t.page("lich/index.html").table_rows("table.schedule");
    let hamlets: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        hamlets,
        [
            "thôn Đông Lão",
            "thôn Song Nga",
            "thôn Sống",
            "thôn Phúc Ngân Vải",
            "thôn Kìm",
            "thôn Song",
            "thôn Sành"
        ]
    );
    assert_eq!(rows[0][0..2], ["Thứ Ba", "29/11/2022"]);
    assert_eq!(rows[6][0..2], ["Thứ Hai", "05/12/2022"]);
    assert!(t.page("huong-dan/index.html").count("ol.docs li") >= 3);
    assert_links_resolve(&t.out);
}

#[test]
fn init_creates_a_site_that_builds() {
    let t = SiteTest::fixture("minimal");
    let (dir, out) = t.init_and_build();
    assert!(out.join("index.html").is_file());
    assert_links_resolve(&out);
    // init never overwrites.
    let again = t.run(&["init", common::path_str(&dir)]);
    assert_eq!(again.code, 1);
}

#[test]
fn rebuild_replaces_output_and_removes_stale_pages() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    t.remove("guides/kich-hoat.md");
    let cai_dat = t
        .read_source("guides/cai-dat.md")
        .replace("[kích hoạt](kich-hoat.md)", "kích hoạt");
    t.write("guides/cai-dat.md", &cai_dat);
    assert_eq!(t.build().code, 0);
    assert!(!t.output_file("huong-dan/kich-hoat/index.html").exists());
    // No staging folders are left beside the output (the lock file builds
    // take turns on stays, by design).
    let leftovers: Vec<_> = std::fs::read_dir(t.out.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("bangtin-") && !name.ends_with(".bangtin-lock"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_site_can_replace_the_theme_stylesheet() {
    let t = SiteTest::fixture("minimal");
    t.write("static/assets/style.css", "body { color: #000; }\n");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(t.output_file("assets/style.css")).unwrap(),
        "body { color: #000; }\n"
    );
}

/// Every top-level file and folder a built site has is in the URL contract
/// (docs/dinh-dang.md, "Địa chỉ trang tạo ra"), read as a markdown reader
/// renders it: a row cut off from its table by a blank line is no row.
#[test]
fn every_output_path_is_a_row_of_the_documented_url_tables() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let docs = std::fs::read_to_string(common::repo_path("docs/dinh-dang.md")).unwrap();
    let start = docs.find("## Địa chỉ trang tạo ra").unwrap();
    let section = &docs[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut in_cell = false;
    let mut documented: Vec<String> = Vec::new();
    for event in Parser::new_ext(section, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Code(code) if in_cell => documented.push(code.to_string()),
            _ => {}
        }
    }
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let mut top: Vec<String> = std::fs::read_dir(&t.out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    top.sort();
    // pages/gioi-thieu.md is the row `<tên tệp trang>/index.html`; static/ files are "mọi thứ trong static/".
    let missing: Vec<&String> = top
        .iter()
        .filter(|name| !["gioi-thieu", "anh", "img"].contains(&name.as_str()))
        .filter(|name| {
            !documented
                .iter()
                .any(|d| d == *name || d.starts_with(&format!("{name}/")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in a table: {missing:?}\n{documented:?}"
    );
}
