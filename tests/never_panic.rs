//! Property tests: random and mutated input fed to the loader, the YAML and
//! text decoders, the markdown renderer and the Vietnamese parsers. Every
//! result is a value or a diagnostic, never a panic; sanitized HTML never
//! carries script.
//!
//! The case counts are small so `cargo test` stays quick; run a long campaign
//! with e.g. `PROPTEST_CASES=20000 cargo test --release --test never_panic`.

use std::path::Path;

use bangtin::diagnostics::{self, Diagnostic, Message, Pos};
use bangtin::raw_html::{self, EmbedSource};
use bangtin::render::markdown;
use bangtin::{build, load, vi, yaml};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Resolves `x.md` links and `anh/…` images the way a site does.
struct Resolver;

impl markdown::Resolve for Resolver {
    fn link(&self, url: &str) -> Option<String> {
        url.strip_suffix(".md")
            .map(|s| format!("../{s}/index.html"))
    }
    fn image(&self, url: &str) -> Option<markdown::Image> {
        url.starts_with("anh/").then(|| markdown::Image {
            src: format!("../../{url}"),
            size: Some((640, 400)),
        })
    }
}

/// `cases` unless PROPTEST_CASES asks for a longer run.
fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var("PROPTEST_CASES").is_err() {
        config.cases = cases;
    }
    config
}

/// Pieces that mean something to YAML, markdown, HTML or the Vietnamese
/// parsers, so random strings reach deep into each parser.
const TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    " ",
    "  ",
    "    ",
    "\t",
    "\r\n",
    "\r",
    "-",
    "- ",
    ":",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!str ",
    "!!binary ",
    "!tag ",
    "|",
    ">",
    "|-",
    "\"",
    "'",
    "#",
    "%YAML 1.2",
    "---",
    "...",
    "~",
    "null",
    "true",
    "1e999",
    "0x1F",
    "-.inf",
    "title",
    "sessions",
    "points",
    "hamlet",
    "date",
    "time",
    "hamlets",
    "name",
    "slug",
    "embeds",
    "www.youtube.com",
    "Đông Lão",
    "Sống",
    "Hoà",
    "Ho\u{0300}a",
    "29/11/2022",
    "31/02/2023",
    "2022-11-29",
    "7h30-11h",
    "25:99",
    "13h30 - 7h",
    "7 giờ 30",
    "thứ Ba",
    "ngày",
    "0912345678",
    "#",
    "##",
    "*",
    "**",
    "_",
    "`",
    "```",
    "~~~",
    "[x]",
    "](",
    ")",
    "![",
    "[^1]",
    "[^1]: ",
    "|",
    "| --- |",
    "1. ",
    "> ",
    "<div>",
    "</div>",
    "<b>",
    "<p>",
    "<br/>",
    "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
    "<iframe srcdoc=\"x\">",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "&amp;",
    "&#106;",
    "&#x6A;",
    "&colon;",
    "<!--",
    "-->",
    "<![CDATA[",
    "\\",
    "\u{0}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{0301}",
    "\u{0323}",
    "🎉",
    "§«ng",
    "L·o",
    "Thoân",
    "Ñoâng",
    "Laõo",
    "ñ",
    "ö",
    "ô",
    "\u{00AD}",
    "kich-hoat.md",
    "../",
    "/etc/passwd",
    "%",
    "%%",
];

fn token_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|t| t.concat())
}

/// Random text: token soup, any unicode, or both mixed.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => token_soup(max),
        1 => any::<String>(),
        1 => (token_soup(max / 2), any::<String>(), token_soup(max / 2))
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// An edit to a real file: the mistakes copying and pasting makes.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, String),
    Delete(usize, usize),
    DuplicateLine(usize),
    DropLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), token_soup(4)).prop_map(|(at, t)| Mutation::Insert(at, t)),
        1 => (any::<usize>(), 0..40usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => any::<usize>().prop_map(Mutation::DropLine),
    ]
}

fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_string();
    for m in mutations {
        match m {
            Mutation::Insert(at, t) => {
                let at = char_boundary(&text, *at);
                text.insert_str(at, t);
            }
            Mutation::Delete(at, n) => {
                let start = char_boundary(&text, *at);
                let end = char_boundary(&text, (start + n).min(text.len()));
                if end > start {
                    text.replace_range(start..end, "");
                }
            }
            Mutation::DuplicateLine(n) | Mutation::DropLine(n) => {
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = n % lines.len();
                if matches!(m, Mutation::DuplicateLine(_)) {
                    lines.insert(i, lines[i]);
                } else {
                    lines.remove(i);
                }
                text = lines.join("\n");
            }
        }
    }
    text
}

const FIXTURE_FILES: &[&str] = &[
    "site.yaml",
    "schedules/lich.yaml",
    "schedules/them.yaml",
    "guides/cai-dat.md",
    "guides/kich-hoat.md",
    "guides/nhap.md",
    "pages/gioi-thieu.md",
];

fn copy_fixture(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Errors must say where; a build either writes a site or leaves none.
fn check_outcome(root: &Path, out: &Path, result: Result<build::BuildSummary, build::Failure>) {
    match result {
        Ok(summary) => {
            assert!(summary.pages >= 5);
            assert!(out.join("index.html").is_file());
            assert!(out.join(bangtin::output::MARKER).is_file());
        }
        Err(failure) => {
            assert!(failure.diagnostics.iter().any(Diagnostic::is_error));
            for d in &failure.diagnostics {
                assert!(!d.message.is_empty() && d.hint.is_some(), "{d:?}");
                assert!(d.file.starts_with(root) || d.file.starts_with(out), "{d:?}");
            }
            let report = diagnostics::render_report(&failure.diagnostics);
            assert!(report.contains("lỗi: "));
            assert!(!out.exists(), "a failed first build left an output folder");
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// The whole pipeline on the test site with one file damaged.
    #[test]
    fn damaged_site_files_give_a_site_or_diagnostics(
        file in prop::sample::select(FIXTURE_FILES),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_fixture(&root);
        let original = std::fs::read_to_string(root.join(file)).unwrap();
        std::fs::write(root.join(file), mutate(&original, &mutations)).unwrap();
        let _ = build::check(&root, None);
        let out = tmp.path().join("public");
        let result = build::build(&build::BuildOptions {
            root: root.clone(),
            output: out.clone(),
            today: chrono::NaiveDate::from_ymd_opt(2022, 11, 28),
            ..Default::default()
        });
        check_outcome(&root, &out, result);
    }

    /// Random files (text or bytes) where the site expects them.
    #[test]
    fn random_site_files_give_a_site_or_diagnostics(
        file in prop::sample::select(FIXTURE_FILES),
        content in text(60),
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        as_bytes in any::<bool>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_fixture(&root);
        let written = if as_bytes { bytes } else { content.into_bytes() };
        std::fs::write(root.join(file), written).unwrap();
        let loaded = load::load(&root);
        let _ = bangtin::validate::validate(&loaded.content, build::today_in_vietnam(), false);
        let _ = bangtin::plan::plan(&loaded.content);
        let diags = build::check(&root, None);
        for d in &diags {
            prop_assert!(!d.message.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn decode_takes_any_bytes(
        bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut all = bom.to_vec();
        all.extend(bytes);
        match load::text::decode(all) {
            Ok(text) => prop_assert!(!text.contains('\r')),
            Err(e) => prop_assert!(e.pos.is_none_or(|p| p.line >= 1 && p.col >= 1)),
        }
    }

    #[test]
    fn decode_takes_any_text(text in text(80)) {
        let _ = load::text::decode(text.clone().into_bytes());
        let _ = vi::legacy::detect(&text);
    }

    #[test]
    fn yaml_never_panics(text in text(80)) {
        let _ = yaml::from_str::<serde_json::Value>(&text);
        let _ = yaml::from_str::<std::collections::BTreeMap<String, yaml::TextList>>(&text);
        if let Err(e) = yaml::from_str::<serde_json::Value>(&text) {
            prop_assert!(!e.message.is_empty() && !e.hint.is_empty());
        }
    }

    #[test]
    fn front_matter_never_panics(front in text(40), body in text(40)) {
        let doc = format!("---\n{front}\n---\n{body}");
        if let Some(Ok((f, b))) = load::split_front_matter(&doc) {
            let _ = yaml::from_str::<serde_json::Value>(f);
            let _ = markdown::render(b, &markdown::NoResolve);
        }
    }

    /// Whatever the markdown, the HTML has no script, handler or frame
    /// from a source not on the list.
    #[test]
    fn markdown_renders_safe_html(md in text(80)) {
        let embeds = [EmbedSource::parse("www.youtube.com").unwrap()];
        let _ = markdown::render(&md, &markdown::NoResolve);
        let html = markdown::render_with_embeds(&md, &Resolver, &embeds).html;
        let doc = scraper::Html::parse_fragment(&html);
        for node in doc.tree.values() {
            let Some(element) = node.as_element() else { continue };
            prop_assert!(!matches!(element.name(), "script" | "style" | "object" | "embed" | "base" | "meta"), "{html}");
            for (name, value) in element.attrs() {
                prop_assert!(!name.starts_with("on") && name != "srcdoc", "{html}");
                // Only addresses run script; `alt="javascript:…"` is just text.
                if matches!(name, "href" | "src" | "action" | "formaction" | "data" | "poster" | "xlink:href" | "srcset" | "cite") {
                    let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                    prop_assert!(!squeezed.to_ascii_lowercase().starts_with("javascript:"), "{html}");
                }
            }
            if element.name() == "iframe" {
                let src = element.attr("src").unwrap_or_default();
                prop_assert!(src.starts_with("https://www.youtube.com/"), "{html}");
            }
        }
        let _ = raw_html::frames(&md);
        let _ = raw_html::too_deep(&md);
    }

    #[test]
    fn vietnamese_parsers_never_panic(text in text(12)) {
        let _ = vi::parse_date(&text);
        let _ = vi::parse_time_range(&text);
        let _ = vi::calendar::parse_sittings(&text);
        let _ = vi::calendar::parse_dates(&text);
        let _ = vi::calendar::parse_days(&[&text]);
        let _ = vi::personal_data::scan(&text, &Default::default());
        let _ = vi::canonical_key(&text);
        let _ = vi::slugify(&text);
        let _ = vi::syllable::is_syllable(&text);
        let _ = EmbedSource::parse(&text);
        let _ = raw_html::refusal(&[], &text);
    }

    /// Diagnostics pointing anywhere in (or past) a file still print.
    #[test]
    fn reports_print_for_any_position(
        piece in text(30),
        repeat in 1usize..300,
        line in 0u32..50,
        col in 0u32..5000,
    ) {
        // Lines up to thousands of characters: quoted as a window around the caret.
        let source = piece.repeat(repeat);
        let file = std::path::PathBuf::from("site/x.yaml");
        let mut items = vec![Diagnostic::new(&file, Some(Pos::new(line, col)), Message::HamletsMissing)];
        let sources = [(file, source)].into_iter().collect();
        diagnostics::attach_source_lines(&mut items, &sources);
        let report = diagnostics::render_report(&items);
        prop_assert!(report.ends_with("Có 1 lỗi.\n"));
    }
}
