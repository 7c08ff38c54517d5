//! Markdown to HTML for guides and pages. Raw HTML and odd link schemes are
//! sanitized; plain markdown (the common case) skips the sanitizer entirely.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::markdown_dialect;
use crate::raw_html::{self, EmbedSource};
use crate::vi;

pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for a description when there is no summary.
    pub first_paragraph: String,
}

/// Schemes a link in an officer's guide may use; anything else (javascript:,
/// data:, vbscript:) sends the document through the sanitizer.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        // A colon after a slash, ? or # belongs to a path, not a scheme.
        Some(i) if lower[..i].contains(['/', '?', '#']) => true,
        Some(_) => ["http:", "https:", "mailto:", "tel:", "sms:", "zalo:"]
            .iter()
            .any(|s| lower.starts_with(s)),
    }
}

/// How a document's links and images find their targets on the site.
pub trait Resolve {
    /// A link written as `other-guide.md` (or a page's file name): its URL, if known.
    fn link(&self, url: &str) -> Option<String>;
    /// An image in `static/`: its URL from this page and its size in pixels.
    fn image(&self, url: &str) -> Option<Image>;
}

pub struct Image {
    pub src: String,
    pub size: Option<(u32, u32)>,
}

/// A plain link resolver (the Atom feed rebases links itself); images stay as written.
impl<F: Fn(&str) -> Option<String>> Resolve for F {
    fn link(&self, url: &str) -> Option<String> {
        self(url)
    }
    fn image(&self, _: &str) -> Option<Image> {
        None
    }
}

/// Resolves nothing: for tests and text outside the site.
pub struct NoResolve;

impl Resolve for NoResolve {
    fn link(&self, _: &str) -> Option<String> {
        None
    }
    fn image(&self, _: &str) -> Option<Image> {
        None
    }
}

fn html_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut *out, value);
    out.push('"');
}

pub fn render(markdown: &str, resolve: &dyn Resolve) -> Rendered {
    render_with_embeds(markdown, resolve, &[])
}

/// As [`render`], keeping `<iframe>`s whose address is on `embeds` (site.yaml).
pub fn render_with_embeds(
    markdown: &str,
    resolve: &dyn Resolve,
    embeds: &[EmbedSource],
) -> Rendered {
    let mut needs_sanitizing = false;
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    let mut first_paragraph = String::new();
    let mut seen_paragraph = false;

    let mut events: Vec<Event> = Parser::new_ext(markdown, markdown_dialect::options()).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // `validate` refuses such documents; should one get here anyway, its
    // HTML is shown as text rather than handed to the (quadratic) parser.
    let html_as_text = markdown.contains('<') && raw_html::too_deep(markdown).is_some();
    // Ordered lists at the top level are a guide's steps: each item gets an
    // anchor `#buoc-N` so an officer can link "bước 3".
    let mut list_depth = 0usize;
    let mut step_lists = 0usize;
    let mut step_number: Option<u64> = None;

    let mut i = 0;
    while i < events.len() {
        // Taken, not cloned: lookahead below only reads the events after this one.
        let event = std::mem::replace(&mut events[i], Event::SoftBreak);
        i += 1;
        match event {
            Event::Html(html) | Event::InlineHtml(html) if html_as_text => {
                out.push(Event::Text(html));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                needs_sanitizing = true;
                out.push(event);
            }
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let text: String = events[i..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let base = match vi::slug::slugify(&text) {
                    s if s.is_empty() => "muc".to_string(),
                    s => s,
                };
                let n = heading_ids.entry(base.clone()).or_insert(0);
                *n += 1;
                let id = if *n == 1 { base } else { format!("{base}-{n}") };
                let level: HeadingLevel = level;
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                match start {
                    Some(first) if list_depth == 1 => {
                        step_lists += 1;
                        step_number = Some(first);
                        let mut tag = String::from("<ol class=\"steps\"");
                        if first != 1 {
                            html_attr(&mut tag, "start", &first.to_string());
                        }
                        tag.push_str(">\n");
                        out.push(Event::Html(CowStr::from(tag)));
                    }
                    _ => out.push(Event::Start(Tag::List(start))),
                }
            }
            Event::End(TagEnd::List(ordered)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    step_number = None;
                }
                out.push(Event::End(TagEnd::List(ordered)));
            }
            Event::Start(Tag::Item) if list_depth == 1 && step_number.is_some() => {
                let n = step_number.unwrap_or(1);
                step_number = Some(n + 1);
                // The first list of steps owns the plain anchors; later lists are numbered apart.
                let id = if step_lists == 1 {
                    format!("buoc-{n}")
                } else {
                    format!("buoc-{step_lists}-{n}")
                };
                // The visible number is drawn as a circle; the list itself tells
                // screen readers the position, so the drawn number is hidden from them.
                out.push(Event::Html(CowStr::from(format!(
                    "<li id=\"{id}\"><span class=\"step-number\" aria-hidden=\"true\">{n}</span>"
                ))));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if !is_safe_url(&dest_url) {
                    needs_sanitizing = true;
                }
                let dest_url = resolve
                    .link(&dest_url)
                    .map(CowStr::from)
                    .unwrap_or(dest_url);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                if !is_safe_url(&dest_url) {
                    needs_sanitizing = true;
                }
                // The alt text is the image's inline content, up to its end.
                let mut alt = String::new();
                let mut depth = 1;
                while i < events.len() && depth > 0 {
                    match &events[i] {
                        Event::Start(Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Image) => depth -= 1,
                        Event::Text(t) | Event::Code(t) => alt.push_str(t),
                        Event::SoftBreak | Event::HardBreak => alt.push(' '),
                        _ => {}
                    }
                    i += 1;
                }
                let found = resolve.image(&dest_url);
                let src = found.as_ref().map_or(dest_url.as_ref(), |f| f.src.as_str());
                let mut tag = String::from("<img");
                html_attr(&mut tag, "src", src);
                html_attr(&mut tag, "alt", &alt);
                if !title.is_empty() {
                    html_attr(&mut tag, "title", &title);
                }
                // Width and height let the browser reserve the space: no layout shift.
                if let Some((w, h)) = found.and_then(|f| f.size) {
                    html_attr(&mut tag, "width", &w.to_string());
                    html_attr(&mut tag, "height", &h.to_string());
                }
                tag.push_str(" loading=\"lazy\" decoding=\"async\">");
                out.push(Event::Html(CowStr::from(tag)));
            }
            Event::Start(Tag::Paragraph) => {
                if !seen_paragraph {
                    seen_paragraph = true;
                    first_paragraph = events[i..]
                        .iter()
                        .take_while(|e| !matches!(e, Event::End(TagEnd::Paragraph)))
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            Event::SoftBreak | Event::HardBreak => Some(" "),
                            _ => None,
                        })
                        .collect();
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            other => out.push(other),
        }
    }

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if needs_sanitizing {
        html = sanitize_with_embeds(&html, embeds);
    }
    Rendered {
        html,
        first_paragraph,
    }
}

/// What may survive from raw HTML in a guide: ammonia's safe defaults (no
/// script, no event handlers, no javascript: URLs), plus heading ids, and
/// `<iframe>`s from the sources on `embeds`: https only, sandboxed (no
/// navigating the page away), loaded lazily for slow networks. Any other
/// frame is removed whole.
pub fn sanitize_with_embeds(html: &str, embeds: &[EmbedSource]) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id"])
        .add_tag_attributes("ol", ["class"])
        .add_tag_attributes("span", ["class", "aria-hidden"])
        .add_tag_attributes("img", ["loading", "decoding"])
        // Links officers use for Zalo are kept like tel: and sms:.
        .add_url_schemes(["zalo"]);
    if embeds.is_empty() {
        return builder.clean(html).to_string();
    }
    let allowed = embeds.to_vec();
    builder
        .add_tags(["iframe"])
        .add_tag_attributes(
            "iframe",
            ["src", "title", "width", "height", "allow", "allowfullscreen", "referrerpolicy"],
        )
        .set_tag_attribute_value(
            "iframe",
            "sandbox",
            "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation",
        )
        .set_tag_attribute_value("iframe", "loading", "lazy")
        .attribute_filter(move |element, attribute, value| {
            if element == "iframe" && attribute == "src" && raw_html::refusal(&allowed, value).is_some()
            {
                return None;
            }
            Some(value.into())
        });
    drop_frames_without_src(&builder.clean(html).to_string())
}

/// Ammonia can only drop a refused frame's `src`; drop the frame itself, and
/// the fallback text inside kept ones. The input is ammonia's serialization:
/// lowercase tag names, attribute values in double quotes, `<` in text escaped.
fn drop_frames_without_src(html: &str) -> String {
    const OPEN: &str = "<iframe";
    const CLOSE: &str = "</iframe>";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_tag(rest, OPEN) {
        out.push_str(&rest[..start]);
        let tag_end = start + tag_length(&rest[start..]);
        let tag = &rest[start..tag_end];
        // Frame content is raw text up to the first closing tag.
        let close = rest[tag_end..]
            .find(CLOSE)
            .map_or(rest.len(), |i| tag_end + i + CLOSE.len());
        if tag.contains(" src=\"") {
            out.push_str(tag);
            out.push_str(CLOSE);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Byte offset of the next start tag `open` outside other tags' attribute values.
fn find_tag(html: &str, open: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let at = i + lt;
        let candidate = &html[at..];
        if candidate.starts_with(open) && candidate[open.len()..].starts_with([' ', '>', '/']) {
            return Some(at);
        }
        i = at + tag_length(candidate).max(1);
    }
    None
}

/// Length of the tag at the start of `html`, through its `>`; quoted values skipped.
fn tag_length(html: &str) -> usize {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        render(s, &NoResolve).html
    }

    struct Site;
    impl Resolve for Site {
        fn link(&self, u: &str) -> Option<String> {
            (u == "kich-hoat.md").then(|| "../kich-hoat/index.html".to_string())
        }
        fn image(&self, u: &str) -> Option<Image> {
            (u == "anh/cccd.png").then(|| Image {
                src: "../../anh/cccd.png".into(),
                size: Some((640, 400)),
            })
        }
    }

    #[test]
    fn headings_get_ascii_ids() {
        let h = md("## Cần chuẩn bị\n\n## Cần chuẩn bị\n");
        assert!(h.contains(r#"<h2 id="can-chuan-bi">"#), "{h}");
        assert!(h.contains(r#"<h2 id="can-chuan-bi-2">"#), "{h}");
    }

    #[test]
    fn raw_html_is_sanitized() {
        let h = md("Xin chào <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<iframe src=\"https://x\"></iframe>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        assert!(!h.contains("<iframe"), "{h}");
    }

    fn with_embeds(s: &str) -> String {
        let embeds =
            ["www.youtube.com", "www.google.com/maps"].map(|e| EmbedSource::parse(e).unwrap());
        render_with_embeds(s, &NoResolve, &embeds).html
    }

    #[test]
    fn frames_from_listed_sources_are_kept_sandboxed() {
        let youtube = r#"<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4?si=x" title="YouTube video player" frameborder="0" allow="autoplay; encrypted-media" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen onload="alert(1)">fallback <b>x</b></iframe>"#;
        let h = with_embeds(&format!("Xem:\n\n{youtube}\n"));
        assert!(
            h.contains(r#"src="https://www.youtube.com/embed/dQw4?si=x""#),
            "{h}"
        );
        assert!(h.contains(r#"sandbox="allow-scripts"#), "{h}");
        assert!(h.contains(r#"loading="lazy""#), "{h}");
        assert!(!h.contains("onload") && !h.contains("fallback"), "{h}");
        assert_eq!(h.matches("<iframe").count(), 1, "{h}");
        // Without a list, the same frame is removed.
        assert!(!md(youtube).contains("<iframe"));
    }

    #[test]
    fn frames_from_other_sources_disappear_whole() {
        for frame in [
            r#"<iframe src="https://evil.example/x"></iframe>"#,
            r#"<iframe src="http://www.youtube.com/embed/x"></iframe>"#,
            r#"<iframe src="javascript:alert(1)"></iframe>"#,
            r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
            r#"<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>"#,
            r#"<iframe src="https://www.google.com/search?q=x"></iframe>"#,
            r#"<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>"#,
            r#"<iframe/src="https://evil.example/x">"#,
            r#"<a title="<iframe src=x>" href="https://a.example">a</a><iframe src="https://evil.example/y"></iframe>"#,
            r#"<iframe src="https://evil.example/y"><iframe src="https://www.youtube.com/embed/x"></iframe>"#,
        ] {
            let h = with_embeds(&format!("Chữ trước\n\n{frame}\n\nChữ sau\n"));
            let parsed = scraper::Html::parse_fragment(&h);
            let frames = scraper::Selector::parse("iframe").unwrap();
            assert_eq!(parsed.select(&frames).count(), 0, "{frame} gave {h}");
            let evil_attribute = parsed.tree.values().any(|node| {
                node.as_element()
                    .is_some_and(|e| e.attrs().any(|(_, v)| v.contains("evil")))
            });
            assert!(!evil_attribute, "{frame} gave {h}");
            assert!(
                h.contains("Chữ trước") && h.contains("Chữ sau"),
                "{frame} gave {h}"
            );
        }
    }

    #[test]
    fn html_nested_too_deep_is_shown_as_text() {
        let deep = "<div>".repeat(raw_html::MAX_NESTING * 50);
        let h = md(&format!("A\n\n{deep}<script>alert(1)</script>\n"));
        assert!(
            h.starts_with("<p>A</p>\n&lt;div&gt;&lt;div&gt;"),
            "{}",
            &h[..40]
        );
        assert!(!h.contains("<script") && !h.contains("<div"));
    }

    #[test]
    fn javascript_links_are_removed() {
        let h = md("[bấm](javascript:alert(1)) [ok](https://dichvucong.gov.vn)");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(h.contains("https://dichvucong.gov.vn"), "{h}");
    }

    #[test]
    fn md_links_are_resolved() {
        let h = render("[x](kich-hoat.md)", &Site).html;
        assert!(h.contains(r#"href="../kich-hoat/index.html""#), "{h}");
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render("# T\n\nMột *hai*\nba.\n\nBốn.", &NoResolve);
        assert_eq!(r.first_paragraph, "Một hai ba.");
    }

    #[test]
    fn top_level_ordered_lists_are_steps_with_anchors() {
        let h = md("1. Tải\n2. Cài\n   1. con\n\n- x\n");
        assert!(h.contains(r#"<ol class="steps">"#), "{h}");
        assert!(
            h.contains(
                r#"<li id="buoc-1"><span class="step-number" aria-hidden="true">1</span>Tải</li>"#
            ),
            "{h}"
        );
        assert!(
            h.contains(
                r#"<li id="buoc-2"><span class="step-number" aria-hidden="true">2</span>Cài"#
            ),
            "{h}"
        );
        // Nested lists are ordinary.
        assert!(h.contains("<ol>\n<li>con</li>"), "{h}");
        let h = md("3. Ba\n4. Bốn\n\nđoạn\n\n1. Khác\n");
        assert!(
            h.contains(r#"<ol class="steps" start="3">"#) && h.contains(r#"<li id="buoc-4">"#),
            "{h}"
        );
        assert!(h.contains(r#"<li id="buoc-2-1">"#), "{h}");
    }

    #[test]
    fn images_get_size_and_lazy_loading() {
        let h = render("![Thẻ *CCCD*](anh/cccd.png \"mặt trước\")", &Site).html;
        assert!(
            h.contains(r#"<img src="../../anh/cccd.png" alt="Thẻ CCCD" title="mặt trước" width="640" height="400" loading="lazy" decoding="async">"#),
            "{h}"
        );
        let h = md("![a\"b](x.png)");
        assert!(h.contains(r#"alt="a&quot;b""#), "{h}");
    }
}
