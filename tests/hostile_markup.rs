//! Hostile markup: the classic XSS payloads (OWASP's filter evasion list and
//! friends), fed through a guide, a page and every YAML field that reaches a
//! page. Whatever the officer pasted, no built page can run script, load a
//! frame, navigate away or restyle itself; YAML values show as plain text.

mod common;

use common::SiteTest;
use scraper::{Html, Selector};

/// Raw HTML and markdown that tries to run script one way or another.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<scr<script>ipt>alert(1)</script>",
    "<script/xss src=https://xss.example/a.js></script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<img src=\"x\" onerror  =  \"alert(1)\" alt=\"a\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<body onload=alert(1)>",
    "<a href=\"jAvAsCrIpT:alert(1)\">bấm</a>",
    "<a href=\"  javascript:alert(1)\">bấm</a>",
    "<a href=\"java&#x0A;script:alert(1)\">bấm</a>",
    "<a href=\"&#106;avascript:alert(1)\">bấm</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">bấm</a>",
    "<a href=\"vbscript:msgbox(1)\">bấm</a>",
    "<a href=\"https://ok.example\" onclick=\"alert(1)\" onmouseover=alert(1)>bấm</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<object type=\"text/x-scriptlet\" data=\"https://xss.example/scriptlet.html\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<embed src=\"https://xss.example/xss.swf\" type=\"application/x-shockwave-flash\">",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "<div style=\"background-image: expression(alert(1))\">x</div>",
    "<div style=\"width: expression(alert('XSS'));\">x</div>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">",
    "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><input type=\"submit\" formaction=\"javascript:alert(1)\"></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<video poster=\"javascript:alert(1)\"></video>",
    "<input autofocus onfocus=alert(1)>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "[bấm](javascript:alert(1))",
    "[bấm](JAVASCRIPT:alert(1))",
    "[bấm](&#106;avascript:alert(1))",
    "[bấm](javascript&colon;alert(1))",
    "[bấm](<javascript:alert(1)>)",
    "[bấm](vbscript:msgbox(1))",
    "[bấm](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[bấm](https://ok.example \"tiêu đề\\\" onmouseover=\\\"alert(1)\")",
    "![ảnh](javascript:alert(1))",
    "![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    "[bấm][tham-chieu]\n\n[tham-chieu]: javascript:alert(1)",
    "[bấm](kich-hoat.md#\"onmouseover=alert(1))",
];

/// Attributes whose value is fetched or navigated to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcset",
    "content",
];

/// Every way a page could run script or leave the site on its own, in every page.
/// (The theme draws its own SVG, QR codes and charts; none may come from a guide.)
fn assert_no_active_content(t: &SiteTest) {
    let forbidden = Selector::parse(
        "script:not([type=\"application/ld+json\"]), iframe, frame, object, embed, applet, \
         base, form, input, button, textarea, \
         style, foreignObject, animate, set, video, audio, source, meta[http-equiv], \
         link:not([rel=stylesheet]):not([rel=alternate]):not([rel=canonical]), \
         article.doc svg, article.doc math",
    )
    .unwrap();
    let all = Selector::parse("*").unwrap();
    let mut pages = 0;
    for file in t.output_files() {
        if !file.ends_with(".html") {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(t.output_file(&file)).unwrap();
        let html = Html::parse_document(&text);
        let found: Vec<String> = html
            .select(&forbidden)
            // The theme's one script, in the head: the reader's-date marks.
            .filter(|e| {
                !(e.value().name() == "script"
                    && e.value()
                        .attr("src")
                        .is_some_and(|s| s.ends_with("assets/hom-nay.js"))
                    && e.parent()
                        .and_then(scraper::ElementRef::wrap)
                        .is_some_and(|p| p.value().name() == "head"))
            })
            // The share page's own read-only blocks to copy (never from content).
            .filter(|e| {
                !(file == "chia-se/index.html"
                    && e.value().name() == "textarea"
                    && e.value()
                        .has_class("copy", scraper::CaseSensitivity::CaseSensitive)
                    && e.value().attr("readonly").is_some())
            })
            .map(|e| e.html())
            .collect();
        assert!(found.is_empty(), "{file}: active elements {found:?}");
        // Structured data is JSON that YAML values go into: it must stay
        // JSON, and no `<` may close its element early.
        let data = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
        for block in html.select(&data) {
            let json: String = block.text().collect();
            assert!(!json.contains('<'), "{file}: `<` in structured data");
            serde_json::from_str::<serde_json::Value>(&json)
                .unwrap_or_else(|e| panic!("{file}: structured data is not JSON: {e}"));
        }
        // The portal fragments carry the theme's inline styles; a guide's
        // content may carry none.
        let styled_doc = Selector::parse("article.doc [style]").unwrap();
        assert_eq!(
            html.select(&styled_doc).count(),
            0,
            "{file}: style in a guide"
        );
        for element in html.select(&all) {
            for (name, value) in element.value().attrs() {
                let name = name.to_ascii_lowercase();
                assert!(
                    !name.starts_with("on") && name != "srcdoc",
                    "{file}: attribute {name}={value:?} on <{}>",
                    element.value().name()
                );
                if name == "style" {
                    let lower = value.to_ascii_lowercase();
                    assert!(
                        !lower.contains("expression") && !lower.contains("url("),
                        "{file}: style={value:?}"
                    );
                }
                if URL_ATTRIBUTES.contains(&name.as_str()) {
                    // Browsers ignore whitespace and control characters in a scheme.
                    let squeezed: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        assert!(
                            !squeezed.contains(scheme),
                            "{file}: {name}={value:?} on <{}>",
                            element.value().name()
                        );
                    }
                }
            }
        }
        if let Some(link) = html
            .select(&Selector::parse("link[rel=stylesheet]").unwrap())
            .next()
        {
            assert!(link
                .value()
                .attr("href")
                .unwrap()
                .ends_with("assets/style.css"));
        }
    }
    assert!(pages > 5, "no pages checked");
}

/// The Atom feed carries news as escaped HTML: once unescaped, as a feed
/// reader shows it, it must hold no script either.
fn assert_feed_is_inert(t: &SiteTest) {
    let Ok(feed) = std::fs::read_to_string(t.output_file("atom.xml")) else {
        return;
    };
    let doc = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let mut checked = 0;
    for content in doc.descendants().filter(|n| n.has_tag_name("content")) {
        let html = Html::parse_fragment(content.text().unwrap_or_default());
        let bad =
            Selector::parse("script, iframe, object, embed, style, base, meta, form").unwrap();
        assert_eq!(html.select(&bad).count(), 0, "active element in the feed");
        for node in html.tree.values() {
            let Some(element) = node.as_element() else {
                continue;
            };
            for (name, value) in element.attrs() {
                assert!(!name.starts_with("on"), "{name} in the feed");
                let lower = value.to_ascii_lowercase();
                assert!(
                    !URL_ATTRIBUTES.contains(&name) || !lower.trim().starts_with("javascript:"),
                    "{name}={value} in the feed"
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 0, "no feed entry checked");
}

#[test]
fn xss_payloads_in_guides_and_pages_are_neutralised() {
    let t = SiteTest::fixture("minimal");
    let mut body = String::from("Mở đầu bài.\n\n");
    for (i, payload) in PAYLOADS.iter().enumerate() {
        body.push_str(&format!("Mục {i}: {payload}\n\n"));
    }
    // The same payloads inline, inside a table and a list, where the
    // markdown parser sees them differently.
    body.push_str("| a | b |\n| --- | --- |\n");
    for payload in PAYLOADS
        .iter()
        .filter(|p| !p.contains('\n') && !p.contains('|'))
    {
        body.push_str(&format!("| ô | {payload} |\n"));
    }
    body.push('\n');
    for payload in PAYLOADS.iter().filter(|p| !p.contains('\n')) {
        body.push_str(&format!("- {payload}\n"));
    }
    t.write(
        "guides/doc-hai.md",
        &format!("---\ntitle: Bài độc\n---\n{body}"),
    );
    t.write(
        "pages/trang-doc.md",
        &format!("---\ntitle: Trang độc\n---\n{body}"),
    );
    t.write(
        "news/tin-doc.md",
        &format!("---\ntitle: Tin độc\ndate: 29/11/2022\n---\n{body}"),
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_active_content(&t);
    assert_feed_is_inert(&t);
    // The harmless parts survive: the text around, a safe link.
    let guide = t.page("huong-dan/doc-hai/index.html");
    assert!(guide.text.contains("Mở đầu bài."));
    assert!(guide
        .attrs("article a", "href")
        .contains(&"https://ok.example".to_string()));
    // The frame from a source not on `embeds` is reported with its line.
    let line = body
        .lines()
        .position(|l| l.contains("https://evil.example/\"></iframe>"))
        .unwrap()
        + 4;
    assert!(
        run.stderr.contains(&format!("guides/doc-hai.md:{line}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("evil.example"), "{}", run.stderr);
}

/// A YAML string (JSON is YAML) holding `text` exactly.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

#[test]
fn xss_payloads_in_every_yaml_field_are_shown_as_text() {
    let t = SiteTest::fixture("minimal");
    let p = |tag: &str| format!("{tag} <script>alert(1)</script>\"><img src=x onerror=alert(1)>");
    let q = |tag: &str| quoted(&p(tag));
    let site = format!(
        "title: {}\nauthority: {}\nplace: {}\nbase_url: {}\ncampaign:\n  name: {}\n  start: 29/11/2022\n  end: 20/12/2022\n  phases:\n    - {{name: {}, start: 29/11/2022, end: 10/12/2022, goal: {}}}\ncontacts:\n  - {{name: {}, phone: {}, hours: {}}}\nhamlets:\n  - name: Đông Lão\n  - name: {}\n    kind: {}\n",
        q("Tiêu đề"),
        q("Cơ quan"),
        q("Địa bàn"),
        // Quotes and brackets are refused in base_url; an apostrophe is not.
        quoted("https://camngoc.example/a'onmouseover='alert(1)"),
        q("Đợt"),
        q("Giai đoạn"),
        q("Mục tiêu"),
        q("Liên hệ"),
        q("0912 345 678"),
        q("Giờ"),
        q("Thôn"),
        q("xóm"),
    );
    t.write("site.yaml", &site);
    let schedule = format!(
        "sessions:\n  - hamlet: {}\n    date: 29/11/2022\n    time: 7h30-11h\n    place: {}\n    services: [{}, {}]\n    note: {}\npoints:\n  - name: {}\n    kind: mobile\n    address: {}\n    hours: {}\n    services: [{}]\n    note: {}\n",
        q("Thôn"),
        q("Nơi họp"),
        q("Dịch vụ 1"),
        q("Dịch vụ 2"),
        q("Ghi chú"),
        q("Điểm"),
        q("Địa chỉ"),
        q("Giờ làm"),
        q("Dịch vụ điểm"),
        q("Ghi chú điểm"),
    );
    t.write("schedules/lich.yaml", &schedule);
    t.remove("schedules/them.yaml");
    t.write(
        "guides/cai-dat.md",
        &format!(
            "---\ntitle: {}\nsummary: {}\norder: 1\n---\nNội dung.\n",
            q("Bài"),
            q("Tóm tắt")
        ),
    );
    t.write(
        "pages/gioi-thieu.md",
        &format!(
            "---\ntitle: {}\nsummary: {}\n---\nNội dung trang.\n",
            q("Trang"),
            q("Tóm tắt trang")
        ),
    );
    t.write(
        "news/tin.md",
        &format!(
            "---\ntitle: {}\ndate: 29/11/2022\nsummary: {}\n---\nNội dung tin.\n",
            q("Tin"),
            q("Tóm tắt tin")
        ),
    );
    // progress.yaml reaches the progress page, its charts, the hamlet pages
    // and the loudspeaker script.
    t.write(
        "progress.yaml",
        &format!(
            "note: {}\nkinds:\n  - {{key: kich_hoat, name: {}, unit: {}, phrase: {}}}\ntargets:\n  hamlets:\n    - {{hamlet: {}, kich_hoat: 100}}\nreports:\n  - {{date: 29/11/2022, hamlet: {}, kich_hoat: 40}}\n",
            q("Nguồn số liệu"),
            q("Đã kích hoạt"),
            q("tài khoản"),
            q("đã kích hoạt"),
            q("Thôn"),
            q("Thôn"),
        ),
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_active_content(&t);
    let progress = t.page("tien-do/index.html");
    let text: String = progress.html.root_element().text().collect();
    for tag in ["Nguồn số liệu", "Đã kích hoạt", "tài khoản"] {
        assert!(
            text.contains(&p(tag)),
            "{tag} not shown on the progress page"
        );
    }
    for data in ["du-lieu/tien-do.json", "du-lieu/tien-do.csv"] {
        assert!(t.output_file(data).is_file(), "{data}");
    }

    // Each value is on the page as the officer wrote it, as text.
    let home = t.page("index.html");
    for tag in [
        "Tiêu đề",
        "Cơ quan",
        "Địa bàn",
        "Đợt",
        "Giai đoạn",
        "Mục tiêu",
        "Liên hệ",
        "Giờ",
        "Bài",
        "Tóm tắt",
        "Thôn",
    ] {
        let text: String = home.html.root_element().text().collect();
        assert!(
            text.contains(&p(tag)),
            "{tag} not shown as text on the home page"
        );
    }
    let schedule = t.page("lich/index.html");
    let text: String = schedule.html.root_element().text().collect();
    for tag in ["Nơi họp", "Dịch vụ 1", "Dịch vụ 2", "Ghi chú"] {
        assert!(text.contains(&p(tag)), "{tag} not shown on the schedule");
    }
    let news = t.page("tin-tuc/index.html");
    let text: String = news.html.root_element().text().collect();
    for tag in ["Tin", "Tóm tắt tin"] {
        assert!(text.contains(&p(tag)), "{tag} not shown on the news page");
    }
    assert_feed_is_inert(&t);
    let feed = std::fs::read_to_string(t.output_file("atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&p("Tin").as_str()), "{titles:?}");
    let points = t.page("diem-thu-nhan/index.html");
    let text: String = points.html.root_element().text().collect();
    for tag in ["Điểm", "Địa chỉ", "Giờ làm", "Dịch vụ điểm", "Ghi chú điểm"]
    {
        assert!(text.contains(&p(tag)), "{tag} not shown on the points page");
    }
    // Titles and descriptions in <head> are escaped too.
    let titles = home.select_texts("title");
    assert_eq!(titles, vec![p("Tiêu đề")]);
    let description = t
        .page("gioi-thieu/index.html")
        .attrs("meta[name=description]", "content");
    assert_eq!(description, vec![p("Tóm tắt trang")]);
}

#[test]
fn frames_from_embeds_sources_are_published_and_others_reported() {
    let t = SiteTest::fixture("minimal");
    let site = t.read_source("site.yaml");
    t.write(
        "site.yaml",
        &format!("{site}embeds:\n  - www.youtube.com\n  - https://www.google.com/maps\n"),
    );
    t.write(
        "guides/video.md",
        "---\ntitle: Video hướng dẫn\n---\nXem video:\n\n\
         <iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/abc123?si=x\" title=\"YouTube video player\" frameborder=\"0\" allow=\"autoplay; encrypted-media\" allowfullscreen></iframe>\n\n\
         Bản đồ:\n\n\
         <iframe src=\"https://www.google.com/maps/embed?pb=!1m18\" width=\"600\" height=\"450\" style=\"border:0;\" allowfullscreen=\"\" loading=\"lazy\"></iframe>\n\n\
         <iframe src=\"https://www.facebook.com/plugins/video.php?href=x\"></iframe>\n",
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("huong-dan/video/index.html");
    assert_eq!(
        page.attrs("iframe", "src"),
        vec![
            "https://www.youtube.com/embed/abc123?si=x",
            "https://www.google.com/maps/embed?pb=!1m18"
        ]
    );
    for sandbox in page.attrs("iframe", "sandbox") {
        assert!(!sandbox.contains("allow-top-navigation"), "{sandbox}");
        assert!(sandbox.contains("allow-scripts"), "{sandbox}");
    }
    assert_eq!(page.attrs("iframe", "loading"), vec!["lazy", "lazy"]);
    assert!(
        run.stderr
            .contains("site/guides/video.md:12:1: Khung nhúng (iframe) từ www.facebook.com"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("  - www.facebook.com"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_embeds_entry_is_an_error_at_its_line() {
    let t = SiteTest::fixture("minimal");
    let site = t.read_source("site.yaml");
    let line = site.lines().count() + 3;
    t.write(
        "site.yaml",
        &format!("{site}embeds:\n  - www.youtube.com\n  - http://www.example.com\n"),
    );
    let run = t.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("site.yaml:{line}:5: `embeds`")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("https"), "{}", run.stderr);
}
