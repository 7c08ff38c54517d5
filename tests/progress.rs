//! Campaign progress (`progress.yaml`): the `tien-do/` page, its charts, the
//! hamlet and home pages, the data files, the read-aloud sentence, the
//! validation messages, and a site without the file.
//!
//! The `progress` fixture is a phường with a target of 8.213 accounts (the
//! Phước Tiến plan), two phases of 50% each and figures chosen to be checked
//! by hand:
//!
//! | tổ dân phố | target | latest | share |
//! | --- | --- | --- | --- |
//! | Phước Hải | 3.000 | 2.400 (29/06) | 80% |
//! | Phước Tân | 2.213 | 1.770 (06/07) | 79,98…% shown 79,9% |
//! | Phước Hòa | 2.000 | 1.000 (22/06) | 50% |
//! | Phước Lộc | 1.000 | 500 (15/06) | 50% |
//! | Phước Long | none | 120 (29/06) | unranked |
//!
//! Whole phường: 5.790 of 8.213 = 70,49…% shown 70,4%.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{assert_links_resolve, SiteTest};

fn built() -> SiteTest {
    let t = SiteTest::fixture("progress");
    let run = t.build_on("06/07/2023");
    assert_eq!(run.code, 0, "{}", run.stderr);
    t
}

fn date(text: &str) -> NaiveDate {
    bangtin::vi::calendar::parse_date(text).unwrap()
}

#[test]
fn overall_and_phase_percentages() {
    let t = built();
    let page = t.page("tien-do/index.html");
    assert_eq!(
        page.table_rows("table.progress-total"),
        vec![
            vec!["Mức 1 (tài khoản)", "—", "700", "—"],
            vec!["Mức 2 (tài khoản)", "500", "100", "20%"],
            vec!["Đã kích hoạt (tài khoản)", "8.213", "5.790", "70,4%"],
        ]
    );
    // 50% of 8.213 is 4.107 (rounded half up), so phase 2 gets the other
    // 4.106. Phase 1's 4.106 of 4.107 is shown 99,9%, never a rounded-up 100%.
    assert_eq!(
        page.table_rows("table.progress-phases"),
        vec![
            vec![
                "Giai đoạn 1",
                "01/06/2023 – 25/06/2023",
                "700",
                "100",
                "4.106 / 4.107 (99,9%)"
            ],
            vec![
                "Giai đoạn 2 đang diễn ra",
                "26/06/2023 – 10/07/2023",
                "0",
                "0",
                "1.684 / 4.106 (41%)"
            ],
        ]
    );
    assert_eq!(
        page.select_texts("p.lead"),
        vec!["Tính đến 06/07/2023, toàn phường đã kích hoạt 5.790 trên 8.213 tài khoản, đạt 70,4% chỉ tiêu."]
    );
    assert_eq!(page.attrs("main time", "datetime")[0], "2023-07-06");
}

#[test]
fn hamlets_are_ranked_by_completion_with_shared_ranks() {
    let t = built();
    let rows = t
        .page("tien-do/index.html")
        .table_rows("table.progress-hamlets");
    let summary: Vec<[&str; 3]> = rows
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[4].as_str()])
        .collect();
    assert_eq!(
        summary,
        vec![
            ["1", "tổ dân phố Phước Hải", "2.400 / 3.000 (80%)"],
            ["2", "tổ dân phố Phước Tân", "1.770 / 2.213 (79,9%)"],
            // 50% each: one rank, the larger result first.
            ["3", "tổ dân phố Phước Hòa", "1.000 / 2.000 (50%)"],
            ["3", "tổ dân phố Phước Lộc", "500 / 1.000 (50%)"],
            // No target: listed, not ranked.
            ["—", "tổ dân phố Phước Long", "120"],
        ]
    );
    // A kind not reported that week keeps its last figure (08/06: 100).
    assert_eq!(rows[2][3], "100 / 500 (20%)");
    assert_eq!(rows[2][5], "22/06/2023");
    // Phước Thịnh has neither target nor report: not in the table.
    assert!(!rows.iter().any(|r| r[1].contains("Thịnh")));
}

/// The first `<svg>…</svg>` after `marker` in the page text, exactly as written.
fn svg_after<'a>(page_text: &'a str, marker: &str) -> &'a str {
    let from = page_text.find(marker).expect("chart marker");
    let start = from + page_text[from..].find("<svg").expect("svg start");
    let end = start + page_text[start..].find("</svg>").expect("svg end") + "</svg>".len();
    &page_text[start..end]
}

fn attr_f64(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("no {name} on {node:?}"))
        .parse()
        .unwrap()
}

fn texts_of(node: roxmltree::Node, class: &str) -> Vec<String> {
    node.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some(class))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// The percentage written in a table cell "1.770 / 2.213 (79,9%)".
fn percent_in(cell: &str) -> f64 {
    let inside = cell.rsplit('(').next().unwrap().trim_end_matches("%)");
    inside.replace(',', ".").parse().unwrap()
}

fn assert_accessible(svg: roxmltree::Node) {
    assert_eq!(svg.attribute("role"), Some("img"));
    let title = svg
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or("");
    assert!(!title.trim().is_empty(), "chart without a title");
    let labelled_by = svg.attribute("aria-labelledby").unwrap();
    for id in labelled_by.split_whitespace() {
        assert!(
            svg.descendants().any(|n| n.attribute("id") == Some(id)),
            "aria-labelledby names a missing {id}"
        );
    }
}

#[test]
fn bar_chart_bars_are_proportional_and_labelled() {
    let t = built();
    let page = t.page("tien-do/index.html");
    let svg_text = svg_after(&page.text, "table class=\"progress progress-hamlets\"");
    let doc = roxmltree::Document::parse(svg_text).expect("the bar chart is well-formed XML");
    let svg = doc.root_element();
    assert_accessible(svg);
    assert!(svg
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap()
        .contains("Đã kích hoạt"));

    // Ranked hamlets only, in table order, each bar labelled with its name.
    let rows = page.table_rows("table.progress-hamlets");
    let ranked: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] != "—").collect();
    let bars: Vec<roxmltree::Node> = svg
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .collect();
    assert_eq!(bars.len(), ranked.len());
    let mut scale = None;
    for (bar, row) in bars.iter().zip(&ranked) {
        assert_eq!(texts_of(*bar, "label"), vec![row[1].clone()]);
        let value_label = &texts_of(*bar, "value")[0];
        let percent = percent_in(&row[4]);
        assert!(
            value_label.starts_with(&row[4].rsplit('(').next().unwrap().replace(')', "")),
            "{value_label} vs {}",
            row[4]
        );
        let fill = bar
            .descendants()
            .find(|n| n.attribute("class") == Some("fill"))
            .unwrap();
        let width = attr_f64(fill, "width");
        let ratio = width / percent;
        let expected = *scale.get_or_insert(ratio);
        assert!(
            (ratio - expected).abs() < 0.01,
            "{}: width {width} for {percent}% is not proportional",
            row[1]
        );
        // Every bar starts at the same zero.
        assert_eq!(
            attr_f64(fill, "x"),
            attr_f64(
                bars[0]
                    .descendants()
                    .find(|n| n.attribute("class") == Some("fill"))
                    .unwrap(),
                "x"
            )
        );
    }
    // The 100% mark sits where a 100% bar would end, on every bar.
    assert_eq!(
        svg.descendants()
            .filter(|n| n.attribute("class") == Some("reference"))
            .count(),
        bars.len()
    );
    let reference = svg
        .descendants()
        .find(|n| n.attribute("class") == Some("reference"))
        .unwrap();
    let first_fill = bars[0]
        .descendants()
        .find(|n| n.attribute("class") == Some("fill"))
        .unwrap();
    let zero = attr_f64(first_fill, "x");
    assert!((attr_f64(reference, "x1") - zero - 100.0 * scale.unwrap()).abs() < 0.1);
}

#[test]
fn line_chart_follows_cumulative_results_and_the_target_line() {
    let t = built();
    let page = t.page("tien-do/index.html");
    let svg_text = svg_after(&page.text, "<h2 id=\"toan-bo\">");
    let doc = roxmltree::Document::parse(svg_text).expect("the line chart is well-formed XML");
    let svg = doc.root_element();
    assert_accessible(svg);
    let polyline = |class: &str| -> Vec<(f64, f64)> {
        let group = svg
            .descendants()
            .find(|n| n.attribute("class") == Some(&format!("line {class}")))
            .unwrap_or_else(|| panic!("no {class} line"));
        group
            .descendants()
            .find(|n| n.has_tag_name("polyline"))
            .unwrap()
            .attribute("points")
            .unwrap()
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    };
    let axis_y = attr_f64(
        svg.descendants()
            .find(|n| n.attribute("class") == Some("axis"))
            .unwrap(),
        "y1",
    );
    // The whole phường after each report date: 08/06, 15/06, 22/06, 29/06, 06/07.
    let totals = [1300.0, 4006.0, 4106.0, 5126.0, 5790.0];
    let measured = polyline("measured");
    assert_eq!(measured.len(), totals.len());
    let per_unit = (axis_y - measured[4].1) / totals[4];
    for ((x, y), total) in measured.iter().zip(totals) {
        assert!(
            ((axis_y - y) / total - per_unit).abs() < 1e-3,
            "{y} for {total}"
        );
        assert!(*x > 0.0);
    }
    assert!(
        measured.windows(2).all(|w| w[0].0 < w[1].0),
        "dates out of order"
    );
    // Days are evenly spaced: 08/06 → 15/06 is as long as 15/06 → 22/06.
    assert!(((measured[1].0 - measured[0].0) - (measured[2].0 - measured[1].0)).abs() < 0.2);
    // Target: 0 on 01/06, 4.107 on 25/06, 8.213 on 10/07.
    let planned = polyline("planned");
    let expected = [0.0, 4107.0, 8213.0];
    assert_eq!(planned.len(), 3);
    for ((_, y), value) in planned.iter().zip(expected) {
        assert!(
            ((axis_y - y) - value * per_unit).abs() < 0.2,
            "{y} for {value}"
        );
    }
    // Each result point says its date and figure.
    let tips: Vec<String> = svg
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|c| {
            c.children()
                .find(|n| n.has_tag_name("title"))?
                .text()
                .map(str::to_string)
        })
        .collect();
    assert_eq!(tips.last().map(String::as_str), Some("06/07/2023: 5.790"));
    let legend = texts_of_any(svg, "legend");
    assert_eq!(legend, vec!["Kết quả", "Chỉ tiêu"]);
}

fn texts_of_any(svg: roxmltree::Node, group_class: &str) -> Vec<String> {
    svg.descendants()
        .filter(|n| n.attribute("class") == Some(group_class))
        .flat_map(|g| g.descendants().filter(|n| n.has_tag_name("text")))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn hamlet_and_home_pages_show_progress() {
    let t = built();
    let hai = t.page("lich/phuoc-hai/index.html");
    assert_eq!(
        hai.select_texts("#tien-do-thon + p"),
        vec!["Xếp hạng 1 trên 4 tổ dân phố. Báo cáo gần nhất ngày 29/06/2023."]
    );
    assert_eq!(
        hai.table_rows("table.progress-hamlet")[2],
        vec!["Đã kích hoạt (tài khoản)", "3.000", "2.400", "80%"]
    );
    // Reports but no target: figures without a share, and no rank.
    let long = t.page("lich/phuoc-long/index.html");
    assert_eq!(
        long.table_rows("table.progress-hamlet")[2],
        vec!["Đã kích hoạt (tài khoản)", "—", "120", "—"]
    );
    assert!(!long.text.contains("Xếp hạng"));
    // Neither: no progress section at all.
    assert_eq!(
        t.page("lich/phuoc-thinh/index.html").count("#tien-do-thon"),
        0
    );

    let home = t.page("index.html");
    assert_eq!(
        home.select_texts("p.progress-line"),
        vec!["Tiến độ: Tính đến 06/07/2023, toàn phường đã kích hoạt 5.790 trên 8.213 tài khoản, đạt 70,4% chỉ tiêu. Xem tiến độ từng thôn"]
    );
    assert_eq!(
        home.attrs("p.progress-line a", "href"),
        vec!["tien-do/index.html"]
    );
    assert!(home.select_texts("nav li").contains(&"Tiến độ".to_string()));
    assert_eq!(
        t.page("lich/phuoc-hai/index.html")
            .attrs("nav a[href$='tien-do/index.html']", "href"),
        vec!["../../tien-do/index.html"]
    );
    assert_links_resolve(&t.out);
}

#[test]
fn data_files_have_the_documented_shape() {
    let t = built();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/tien-do.json")).unwrap())
            .unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["as_of"], "2023-07-06");
    assert_eq!(json["main_kind"], "activated");
    assert_eq!(json["campaign"]["start"], "2023-06-01");
    assert_eq!(json["kinds"][2]["key"], "activated");
    assert_eq!(json["kinds"][2]["unit"], "tài khoản");
    let total = &json["total"]["activated"];
    assert_eq!(
        (
            total["target"].as_u64(),
            total["result"].as_u64(),
            total["percent"].as_f64()
        ),
        (Some(8213), Some(5790), Some(70.4))
    );
    assert!(json["total"]["level1"]["target"].is_null());
    assert_eq!(json["phases"][0]["figures"]["activated"]["target"], 4107);
    assert_eq!(json["phases"][1]["figures"]["activated"]["result"], 1684);
    let hamlets = json["hamlets"].as_array().unwrap();
    let names: Vec<&str> = hamlets
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Phước Hải",
            "Phước Tân",
            "Phước Hòa",
            "Phước Lộc",
            "Phước Long"
        ]
    );
    assert_eq!(hamlets[3]["rank"], 3);
    assert!(hamlets[4]["rank"].is_null());
    assert_eq!(hamlets[0]["page"], "lich/phuoc-hai/index.html");
    assert_eq!(hamlets[1]["figures"]["activated"]["percent"], 79.9);
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 11);
    assert_eq!(reports[0]["date"], "2023-06-08");
    assert_eq!(reports[0]["figures"]["level2"], 100);

    let bytes = std::fs::read(t.output_file("du-lieu/tien-do.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "no BOM: Excel would garble the accents"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[..3], ["Hạng", "Thôn", "Báo cáo gần nhất"]);
    assert_eq!(
        header[9..],
        [
            "Đã kích hoạt: chỉ tiêu",
            "Đã kích hoạt: đã đạt",
            "Đã kích hoạt: tỷ lệ (%)"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[1][..3], ["2", "tổ dân phố Phước Tân", "06/07/2023"]);
    assert_eq!(rows[1][9..], ["2213", "1770", "79,9"]);
    assert_eq!(rows[5][1..3], ["Toàn phường", "06/07/2023"]);
    assert_eq!(rows[5][9..], ["8213", "5790", "70,4"]);
}

#[test]
fn the_page_links_its_data_files_and_is_deterministic() {
    let t = built();
    let page = t.page("tien-do/index.html");
    let links = page.attrs("main a[href^='../du-lieu/']", "href");
    assert_eq!(
        links,
        vec!["../du-lieu/tien-do.csv", "../du-lieu/tien-do.json"]
    );
    let first = t.snapshot_output();
    assert_eq!(t.build_on("06/07/2023").code, 0);
    assert!(first == t.snapshot_output(), "two builds differ");
}

#[test]
fn read_aloud_sentence_spells_every_number() {
    let loaded = bangtin::load::load(&common::repo_path("tests/fixtures/progress"));
    let content = &loaded.content;
    let sentence = bangtin::render::progress::progress_sentence;
    // As of 29/06: 1.000 + 500 + 2.400 + 1.106 + 120 = 5.126 of 8.213 (62,4%);
    // Phước Hải leads alone with 80%.
    assert_eq!(
        sentence(content, date("30/06/2023")).as_deref(),
        Some(
            "Tính đến ngày hai mươi chín tháng sáu, toàn phường đã kích hoạt năm nghìn một trăm \
             hai mươi sáu tài khoản, đạt sáu mươi hai phẩy bốn phần trăm chỉ tiêu, dẫn đầu là \
             tổ dân phố Phước Hải với tám mươi phần trăm."
        )
    );
    // 15/06: Hòa 900/2000 = 45%, Lộc 500/1000 = 50%, Hải 1500/3000 = 50%:
    // two lead together, so no single leader is named.
    assert_eq!(
        sentence(content, date("15/06/2023")).as_deref(),
        Some(
            "Tính đến ngày mười lăm tháng sáu, toàn phường đã kích hoạt bốn nghìn không trăm \
             linh sáu tài khoản, đạt bốn mươi tám phẩy bảy phần trăm chỉ tiêu."
        )
    );
    assert!(!sentence(content, date("30/06/2023"))
        .unwrap()
        .chars()
        .any(|c| c.is_ascii_digit()));
    assert_eq!(sentence(content, date("07/06/2023")), None, "no report yet");

    let minimal = bangtin::load::load(&common::repo_path("tests/fixtures/minimal"));
    assert_eq!(sentence(&minimal.content, date("30/06/2023")), None);
}

#[test]
fn site_without_progress_has_no_page_no_nav_and_no_link() {
    let t = SiteTest::fixture("minimal");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = t.output_files();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("tien-do/") || f.contains("tien-do.")),
        "progress output without progress.yaml: {files:?}"
    );
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let page = t.page(f);
        assert!(!page.text.contains("tien-do"), "{f} mentions tien-do");
        assert!(
            !page.select_texts("nav li").contains(&"Tiến độ".to_string()),
            "{f}"
        );
        assert_eq!(page.count(".progress-line, #tien-do-thon"), 0, "{f}");
    }
    assert_links_resolve(&t.out);
}

/// Writes `progress.yaml` into the fixture and builds, expecting `code`.
fn build_with(progress: &str, code: i32) -> (SiteTest, String) {
    let t = SiteTest::fixture("progress");
    t.write("progress.yaml", progress);
    let run = t.build_on("06/07/2023");
    assert_eq!(
        run.code, code,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    (t, run.stderr)
}

const HEAD: &str = "kinds:\n  - {key: level2, name: Mức 2}\n  - {key: activated, name: Đã kích hoạt}\ntargets:\n  hamlets:\n    - {hamlet: Phước Hải, activated: 300}\nreports:\n";

fn located(err: &str, line: u32) -> bool {
    let file = Path::new("site").join("progress.yaml");
    err.contains(&format!("{}:{line}:", file.display()))
}

#[test]
fn unknown_hamlet_is_an_error_with_the_nearest_name() {
    let (_, err) = build_with(
        &format!("{HEAD}  - {{date: 15/06/2023, hamlet: Phuoc Hai, activated: 10}}\n"),
        1,
    );
    assert!(located(&err, 8), "{err}");
    assert!(
        err.contains("lỗi:") && err.contains("\"Phuoc Hai\""),
        "{err}"
    );
    assert!(
        err.contains("Cách sửa: Có phải ý bạn là \"Phước Hải\"?"),
        "{err}"
    );
}

#[test]
fn unknown_kind_key_is_an_error_with_did_you_mean() {
    let (_, err) = build_with(
        &format!("{HEAD}  - date: 15/06/2023\n    hamlet: Phước Hải\n    activatd: 10\n"),
        1,
    );
    assert!(
        err.contains("progress.yaml:10:5: Khóa `activatd` không dùng được ở đây."),
        "{err}"
    );
    assert!(err.contains("Có phải ý bạn là `activated`?"), "{err}");
}

#[test]
fn a_number_cut_by_a_comma_is_explained() {
    let (_, err) = build_with(
        &format!("{HEAD}  - {{date: 15/06/2023, hamlet: Phước Hải, activated: 1,250}}\n"),
        1,
    );
    assert!(located(&err, 8), "{err}");
    assert!(err.contains("dấu phẩy") && err.contains("1.250"), "{err}");
}

#[test]
fn failed_build_leaves_the_previous_site() {
    let t = built();
    let before = t.snapshot_output();
    t.write(
        "progress.yaml",
        &format!("{HEAD}  - {{date: 31/06/2023, hamlet: Phước Hải, activated: 10}}\n"),
    );
    let run = t.build_on("06/07/2023");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("progress.yaml:8:12: `date`:"),
        "{}",
        run.stderr
    );
    assert!(
        before == t.snapshot_output(),
        "a failed build changed the output"
    );
}

#[test]
fn warnings_keep_the_build_and_say_where() {
    let (t, err) = build_with(
        &format!(
            "{HEAD}\
             \x20 - {{date: 08/06/2023, hamlet: Phước Hải, activated: 120}}\n\
             \x20 - {{date: 15/06/2023, hamlet: Phước Hải, activated: 90}}\n\
             \x20 - {{date: 22/06/2023, hamlet: Phước Hải, activated: 460}}\n\
             \x20 - {{date: 29/06/2023, hamlet: Phước Hải, activated: 480}}\n\
             \x20 - {{date: 20/07/2023, hamlet: Phước Lộc, activated: 5}}\n"
        ),
        0,
    );
    // A cumulative figure going down: a warning at the figure, naming the earlier report.
    assert!(
        !err.contains("lỗi:") && err.contains("site/progress.yaml:9:54: Số `activated` của thôn Phước Hải ngày 15/06/2023 là 90, ít hơn số đã báo ngày 08/06/2023 (120)"),
        "{err}"
    );
    assert!(err.contains("báo cáo ngày 08/06/2023 (dòng 8)"), "{err}");
    // Over 150% of the target (460 of 300 = 153,3%): once, at the first such report.
    assert!(
        err.contains("site/progress.yaml:10:54:") && err.contains("153,3%"),
        "{err}"
    );
    assert!(!err.contains("site/progress.yaml:11:54"), "{err}");
    // A report after the campaign ends.
    assert!(
        err.contains("site/progress.yaml:12:12: Báo cáo của thôn Phước Lộc ngày 20/07/2023 nằm ngoài thời gian đợt vận động (01/06/2023 – 10/07/2023)."),
        "{err}"
    );
    // … and after the day the pages are built for: not yet the current figure.
    assert!(
        err.contains("site/progress.yaml:12:12: Báo cáo tiến độ ngày 20/07/2023 ở sau ngày dựng trang 06/07/2023, nên chưa được tính là số liệu hiện tại."),
        "{err}"
    );
    assert!(err.contains("Có 4 cảnh báo."), "{err}");
    // The page uses the latest figure.
    let rows = t
        .page("tien-do/index.html")
        .table_rows("table.progress-hamlets");
    assert_eq!(rows[0][1..3], ["tổ dân phố Phước Hải", "0"]);
    assert_eq!(rows[0][3], "480 / 300 (160%)");
}

#[test]
fn phase_and_target_mistakes() {
    let (_, err) = build_with(
        "kinds:\n  - {key: activated, name: Đã kích hoạt}\n\
         targets:\n  total: {activated: 1000}\n  phases:\n\
         \x20   - {phase: Giai đoạn 1, activated: 50%}\n\
         \x20   - {phase: Giai đoạn 2, activated: 100%}\n\
         \x20   - {phase: Giai doan 3, activated: 10}\n\
         \x20 hamlets:\n\
         \x20   - {hamlet: Phước Hải, activated: 0}\n\
         \x20   - {hamlet: Phước Hải, activated: 10}\n\
         reports:\n\
         \x20 - {date: 15/06/2023, hamlet: Phước Hải, activated: 1}\n\
         \x20 - {date: 15/06/2023, hamlet: Phước Hải, activated: 2}\n",
        1,
    );
    // 50% + 100%: written as milestones; the warning says how to write shares.
    assert!(
        err.contains("progress.yaml:7:39:") && err.contains("150%"),
        "{err}"
    );
    assert!(
        err.contains("50% cho giai đoạn 1 và 50% cho giai đoạn 2"),
        "{err}"
    );
    assert!(
        err.contains(
            "progress.yaml:8:15: Giai đoạn \"Giai doan 3\" không có trong campaign.phases"
        ),
        "{err}"
    );
    assert!(err.contains("Có phải ý bạn là \"Giai đoạn 1\"?"), "{err}");
    assert!(err.contains("Chỉ tiêu `activated` bằng 0."), "{err}");
    assert!(err.contains("progress.yaml:11:16: Chỉ tiêu của thôn Phước Hải được ghi hai lần (lần đầu ở dòng 10)."), "{err}");
    assert!(err.contains("progress.yaml:14:12: Thôn Phước Hải có hai báo cáo cùng ngày 15/06/2023 (báo cáo kia ở dòng 13)."), "{err}");
}

#[test]
fn bundled_example_builds_with_progress() {
    let t = SiteTest::fixture("content");
    let run = t.build_on("20/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("tien-do/index.html");
    assert!(
        page.text.contains("minh họa"),
        "the example must say its figures are illustrative"
    );
    let rows = page.table_rows("table.progress-hamlets");
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0][..2], ["1", "thôn Kìm"]);
    assert_eq!(
        page.table_rows("table.progress-total")[2],
        vec!["Đã kích hoạt (tài khoản)", "2.350", "2.147", "91,3%"]
    );
    assert_links_resolve(&t.out);
}

#[test]
fn the_documented_example_builds_cleanly() {
    let doc = std::fs::read_to_string(common::repo_path("docs/dinh-dang.md")).unwrap();
    let from = doc.find("Ví dụ đầy đủ").expect("example heading");
    let start = from + doc[from..].find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let (t, err) = build_with(&doc[start..end], 0);
    assert!(!err.contains("cảnh báo"), "{err}");
    let rows = t
        .page("tien-do/index.html")
        .table_rows("table.progress-hamlets");
    // Phước Hòa: 900 of 2.000 after 15/06, with level2 carried forward.
    assert_eq!(
        rows[0][1..],
        [
            "tổ dân phố Phước Hòa",
            "0",
            "100 / 500 (20%)",
            "900 / 2.000 (45%)",
            "15/06/2023"
        ]
    );
}

/// `name` on the PATH; when missing, fail under CI and skip (with a note) otherwise.
fn tool(name: &str) -> Option<String> {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    if found {
        return Some(name.to_string());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{name} is required under CI (.ci/run installs it)"
    );
    eprintln!("note: {name} not installed, skipping");
    None
}

#[test]
fn printed_page_carries_the_figures_and_the_charts() {
    let (Some(chromium), Some(pdftotext)) = (tool("chromium"), tool("pdftotext")) else {
        return;
    };
    let t = built();
    let profile = tempfile::tempdir().unwrap();
    let pdf = profile.path().join("tien-do.pdf");
    let status = common::headless_chromium(chromium)
        .args(["--no-pdf-header-footer"])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            t.output_file("tien-do/index.html").display()
        ))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::process::Command::new(pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The table, for print and screen readers…
    assert!(flat.contains("2.400 / 3.000"), "{flat}");
    assert!(flat.contains("70,4%"), "{flat}");
    // …and the charts, drawn without a script: their own labels are in the PDF.
    assert!(
        flat.contains("80% (2.400/3.000)"),
        "bar chart not printed: {flat}"
    );
    assert_eq!(
        flat.matches("80% (2.400/3.000)").count(),
        1,
        "label printed twice"
    );
    assert!(
        flat.contains("Kết quả") && flat.contains("Chỉ tiêu"),
        "{flat}"
    );
    assert!(
        flat.contains("06/07/2023") || flat.contains("10/07/2023"),
        "{flat}"
    );
}

/// A report dated after the build day is left out everywhere, not only on
/// the pages: the data files agree with them (no future `as_of`), a hamlet
/// whose only report is still to come has no rank, and a chart never reads
/// "Tính đến ." with no date.
#[test]
fn a_report_after_the_build_day_is_left_out_of_pages_charts_and_data() {
    let head = "kinds:\n  - {key: activated, name: Đã kích hoạt}\ntargets:\n  hamlets:\n    \
                - {hamlet: Phước Hải, activated: 300}\n    - {hamlet: Phước Lộc, activated: 200}\n\
                reports:\n";
    let (t, err) = build_with(
        &format!(
            "{head}  - {{date: 15/06/2023, hamlet: Phước Hải, activated: 120}}\n  \
             - {{date: 05/07/2023, hamlet: Phước Lộc, activated: 150}}\n  \
             - {{date: 08/07/2023, hamlet: Phước Lộc, activated: 190}}\n  \
             - {{date: 09/07/2023, hamlet: Phước Hải, activated: 280}}\n"
        ),
        0,
    );
    assert!(err.contains("ở sau ngày dựng trang 06/07/2023"), "{err}");
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(t.output_file("du-lieu/tien-do.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(data["as_of"], "2023-07-05");
    let dates: Vec<&str> = data["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2023-06-15", "2023-07-05"]);
    assert_eq!(data["total"]["activated"]["result"], 270);
    let csv = std::fs::read_to_string(t.output_file("du-lieu/tien-do.csv")).unwrap();
    assert!(
        !csv.contains("08/07/2023") && !csv.contains("09/07/2023"),
        "{csv}"
    );
    assert!(csv.contains("Phước Hải,15/06/2023,300,120,40"), "{csv}");
    let page = t.page("tien-do/index.html");
    assert_eq!(page.count("svg title#bieu-do-thon-title"), 1);
    let desc = page.select_texts("#bieu-do-thon-desc");
    assert!(desc[0].starts_with("Tính đến 05/07/2023. "), "{desc:?}");

    // Only reports still to come: no figure as of a date, no rank, no chart.
    let (t, _) = build_with(
        &format!("{head}  - {{date: 08/07/2023, hamlet: Phước Lộc, activated: 190}}\n"),
        0,
    );
    let page = t.page("tien-do/index.html");
    assert!(!page.text.contains("Tính đến ."), "{}", page.text);
    assert!(page.text.contains("Chưa có báo cáo kết quả nào."));
    assert_eq!(page.count("svg title#bieu-do-thon-title"), 0);
    for hamlet in ["phuoc-hai", "phuoc-loc"] {
        let p = t.page(&format!("lich/{hamlet}/index.html"));
        assert_eq!(
            p.select_texts("#tien-do-thon + p"),
            ["Chưa có báo cáo."],
            "{hamlet}"
        );
    }
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(t.output_file("du-lieu/tien-do.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(data["as_of"], serde_json::Value::Null);
    assert_eq!(data["reports"], serde_json::json!([]));
    assert!(data["hamlets"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["rank"].is_null()));
}
