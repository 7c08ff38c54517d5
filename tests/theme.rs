//! A site's `templates/*.html` replace the theme's files of the same name,
//! including the header and footer rendered once per folder depth and the
//! macros that place the rows bangtin writes.

mod common;

use common::{assert_links_resolve, SiteTest};

#[test]
fn own_footer_appears_on_pages_at_every_depth_with_working_links() {
    let t = SiteTest::fixture("minimal");
    t.write(
        "templates/footer.html",
        r#"<footer class="site-footer"><p id="chan-trang">Chân trang riêng của {{ site.authority }}</p><a href="{{ root }}gioi-thieu/index.html">Giới thiệu</a></footer>"#,
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "lich/index.html",
        "lich/dong-lao/index.html",
        "huong-dan/cai-dat/index.html",
        "404.html",
    ] {
        let texts = t.page(page).select_texts("#chan-trang");
        assert_eq!(texts.len(), 1, "{page}: {texts:?}");
        assert!(texts[0].starts_with("Chân trang riêng của UBND"), "{page}");
    }
    assert_eq!(
        t.page("lich/dong-lao/index.html").attrs("footer a", "href"),
        ["../../gioi-thieu/index.html"]
    );
    assert_links_resolve(&t.out);
}

#[test]
fn own_header_marks_the_current_menu_item_on_each_page() {
    let t = SiteTest::fixture("minimal");
    t.write(
        "templates/header.html",
        r#"<header class="site-header"><nav aria-label="Menu riêng"><ul>{% for item in nav %}<li><a href="{{ root }}{{ item.path }}"{% if item.path == page_path %} aria-current="page"{% endif %}>{{ item.label }}</a></li>{% endfor %}</ul></nav></header>"#,
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let current = |page: &str| {
        t.page(page)
            .select_texts("nav[aria-label='Menu riêng'] [aria-current=page]")
    };
    assert_eq!(current("index.html"), ["Trang chủ"]);
    // The minimal fixture mixes thôn and tổ dân phố: the neutral words.
    assert_eq!(current("lich/index.html"), ["Lịch theo địa bàn"]);
    assert_eq!(current("huong-dan/index.html"), ["Hướng dẫn"]);
    // A guide is not a menu item: nothing is current, at the same depth as the
    // hamlet pages, which share its header.
    assert!(current("huong-dan/cai-dat/index.html").is_empty());
    assert!(current("lich/dong-lao/index.html").is_empty());
    assert_links_resolve(&t.out);
}

#[test]
fn own_macros_place_the_rows_bangtin_writes() {
    let t = SiteTest::fixture("minimal");
    t.write(
        "templates/macros.html",
        &format!(
            "{}\n{{% macro session_table(rows, caption, show_hamlet=true) %}}<table class=\"lich-rieng\"><tbody>{{{{ rows | safe }}}}</tbody></table>{{% endmacro session_table %}}",
            // The other macros, unchanged.
            include_str!("../themes/default/templates/macros.html")
                .split("{% macro session_list")
                .nth(1)
                .map(|rest| format!("{{% macro session_list{rest}"))
                .unwrap()
        ),
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("lich/index.html");
    let own = page.count("table.lich-rieng tbody tr");
    assert!(own > 0, "no rows in the site's own table");
    assert_eq!(page.count("table.schedule"), 0);
    // The rows are the schedule's: one per session, each with its cells.
    assert_eq!(page.count("table.lich-rieng td[data-label='Địa bàn']"), own);
}

#[test]
fn a_broken_template_of_the_site_is_named_and_nothing_is_written() {
    let t = SiteTest::fixture("minimal");
    t.write(
        "templates/footer.html",
        "<footer>{{ site.authority </footer>",
    );
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/footer.html"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Cách sửa"), "{}", run.stderr);
    assert!(!t.out.join("index.html").exists());
    let check = t.check();
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("templates/footer.html"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_mistake_in_the_sites_base_html_is_said_once_at_its_line_by_check_and_build() {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let base = std::fs::read_to_string(theme.join("base.html")).unwrap();
    // Every page kind extends base.html: a variable typed wrong breaks them all.
    let broken = base.replacen("{{ head_title }}", "{{ head_titel }}", 1);
    assert_ne!(broken, base);
    let line = broken
        .lines()
        .position(|l| l.contains("head_titel"))
        .unwrap()
        + 1;
    let t = SiteTest::fixture("minimal");
    t.write("templates/base.html", &broken);
    for run in [t.check(), t.build()] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        let said: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("lỗi:"))
            .collect();
        assert_eq!(said.len(), 1, "{}", run.stderr);
        assert!(
            said[0].contains(&format!("templates/base.html:{line}:"))
                && said[0].contains("`head_titel`"),
            "{}",
            run.stderr
        );
    }
    assert!(!t.out.join("index.html").exists());
}

#[test]
fn a_template_looping_without_end_is_stopped_not_left_to_fill_memory() {
    let t = SiteTest::fixture("minimal");
    // A million rows of 108 bytes: past the 64 MB a page may weigh (this
    // loop with a hundred million turns filled 7.7 GB before it was stopped).
    let row = format!("<p>{}</p>", "x".repeat(100));
    t.write(
        "templates/404.html",
        &format!("{{% for i in range(end=1000000) %}}{row}{{% endfor %}}\n"),
    );
    for run in [t.check(), t.build()] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("templates/404.html") && run.stderr.contains("dài quá 64 MB"),
            "{}",
            run.stderr
        );
    }
    assert!(!t.out.join("index.html").exists());
}

#[test]
fn a_template_from_before_session_rows_is_refused_not_published_empty() {
    let t = SiteTest::fixture("minimal");
    // hamlet.html as themes wrote it when templates looped over `days`.
    t.write(
        "templates/hamlet.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ hamlet.label }}</h1>\n{% if days %}<p>{{ days | length }} ngày</p>{% else %}<p>Chưa có buổi nào.</p>{% endif %}\n{% endblock content %}\n",
    );
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/hamlet.html:4:7"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("session_rows"), "{}", run.stderr);
    assert!(!t.out.join("index.html").exists());
}

#[test]
fn every_default_template_copied_into_the_site_builds_the_same_site() {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let plain = SiteTest::fixture("minimal");
    assert_eq!(plain.build().code, 0);
    let copied = SiteTest::fixture("minimal");
    for entry in std::fs::read_dir(&theme).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        copied.write(
            &format!("templates/{name}"),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
    let run = copied.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in ["index.html", "lich/index.html", "lich/dong-lao/index.html"] {
        assert_eq!(plain.page(page).text, copied.page(page).text, "{page}");
    }
}

/// `bangtin theme DIR` writes what the site needs to replace the whole theme:
/// built with it, every file of the site is the same as with the default.
#[test]
fn the_exported_theme_builds_the_same_site_and_is_never_overwritten() {
    let plain = SiteTest::fixture("minimal");
    assert_eq!(plain.build().code, 0);
    let themed = SiteTest::fixture("minimal");
    let run = themed.run(&["theme", common::path_str(&themed.root)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Đã ghi giao diện mặc định"),
        "{}",
        run.stdout
    );
    assert!(themed.root.join("templates/base.html").is_file());
    assert!(themed.root.join("static/assets/style.css").is_file());
    let built = themed.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(plain.snapshot_output(), themed.snapshot_output());

    // A second export would overwrite the officer's edits: refused, untouched.
    themed.write("templates/footer.html", "<footer>riêng</footer>");
    let again = themed.run(&["theme", common::path_str(&themed.root)]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("bangtin theme không ghi đè"),
        "{}",
        again.stderr
    );
    assert_eq!(
        themed.read_source("templates/footer.html"),
        "<footer>riêng</footer>"
    );
}

/// A site's template may extend the default one it replaces, as
/// `default/<name>`, and change one block.
#[test]
fn a_site_template_extends_the_default_of_the_same_name() {
    let t = SiteTest::fixture("minimal");
    let own_head = r#"<meta name="don-vi" content="UBND xã Cẩm Ngọc">"#;
    t.write(
        "templates/base.html",
        &format!(r#"{{% extends "default/base.html" %}}{{% block head %}}{own_head}{{% endblock head %}}"#),
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plain = SiteTest::fixture("minimal");
    assert_eq!(plain.build().code, 0);
    for page in [
        "index.html",
        "lich/dong-lao/index.html",
        "huong-dan/cai-dat/index.html",
    ] {
        let own = t.page(page);
        assert_eq!(
            own.attrs("meta[name=don-vi]", "content"),
            ["UBND xã Cẩm Ngọc"],
            "{page}"
        );
        // The rest is the default page, unchanged.
        assert_eq!(
            own.text.replace(own_head, ""),
            plain.page(page).text,
            "{page}"
        );
    }
}
