//! Markdown to HTML for guides and pages. Raw HTML and odd link schemes are
//! sanitized; plain markdown (the common case) skips the sanitizer entirely.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::raw_html::{self, EmbedSource};
use crate::vi;

pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for a description when there is no summary.
    pub first_paragraph: String,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
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

/// `resolve` maps a link written as `other-guide.md` to its URL on the site.
pub fn render(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    render_with_embeds(markdown, resolve, &[])
}

/// As [`render`], keeping `<iframe>`s whose address is on `embeds` (site.yaml).
pub fn render_with_embeds(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    embeds: &[EmbedSource],
) -> Rendered {
    let mut needs_sanitizing = false;
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;

    let mut events: Vec<Event> = Parser::new_ext(markdown, options()).collect();

    // Headings get stable ids from their text so officers can link to a section.
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id: None,
            classes,
            attrs,
        }) = &events[i]
        {
            let text: String = events[i + 1..]
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
            let level: HeadingLevel = *level;
            events[i] = Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(id)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            });
        }
        i += 1;
    }

    // `validate` refuses such documents; should one get here anyway, its
    // HTML is shown as text rather than handed to the (quadratic) parser.
    let html_as_text = markdown.contains('<') && raw_html::too_deep(markdown).is_some();
    let events = events.into_iter().map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) if html_as_text => Event::Text(html),
        Event::Html(_) | Event::InlineHtml(_) => {
            needs_sanitizing = true;
            event
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
            let dest_url = resolve(&dest_url).map(CowStr::from).unwrap_or(dest_url);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if !is_safe_url(&dest_url) {
                needs_sanitizing = true;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Paragraph) => {
            in_first_paragraph = !seen_paragraph;
            seen_paragraph = true;
            event
        }
        Event::End(TagEnd::Paragraph) => {
            in_first_paragraph = false;
            event
        }
        Event::Text(ref t) | Event::Code(ref t) if in_first_paragraph => {
            first_paragraph.push_str(t);
            event
        }
        Event::SoftBreak if in_first_paragraph => {
            first_paragraph.push(' ');
            event
        }
        _ => event,
    });

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if needs_sanitizing {
        html = sanitize_with_embeds(&html, embeds);
    }
    Rendered {
        html,
        first_paragraph,
    }
}

/// What may survive from raw HTML in a guide: ammonia's safe defaults (no
/// script, no event handlers, no javascript: URLs), plus heading ids.
pub fn sanitize(html: &str) -> String {
    sanitize_with_embeds(html, &[])
}

/// As [`sanitize`], keeping `<iframe>`s from the sources on `embeds`: https
/// only, sandboxed (no navigating the page away), loaded lazily for slow
/// networks. Any other frame is removed whole.
pub fn sanitize_with_embeds(html: &str, embeds: &[EmbedSource]) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id"])
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
        render(s, &|_| None).html
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
        render_with_embeds(s, &|_| None, &embeds).html
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
        let h = render("[x](kich-hoat.md)", &|u| {
            (u == "kich-hoat.md").then(|| "../kich-hoat/index.html".to_string())
        })
        .html;
        assert!(h.contains(r#"href="../kich-hoat/index.html""#), "{h}");
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render("# T\n\nMột *hai*\nba.\n\nBốn.", &|_| None);
        assert_eq!(r.first_paragraph, "Một hai ba.");
    }
}
