//! Markdown to HTML for guides and pages. Raw HTML and odd link schemes are
//! sanitized; plain markdown (the common case) skips the sanitizer entirely.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::vi;

pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for a description when there is no summary.
    pub first_paragraph: String,
}

fn options() -> Options {
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
    let mut needs_sanitizing = false;
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    let mut first_paragraph = String::new();
    let mut seen_paragraph = false;

    let mut events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
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
        html = sanitize(&html);
    }
    Rendered {
        html,
        first_paragraph,
    }
}

/// What may survive from raw HTML in a guide: ammonia's safe defaults (no
/// script, no event handlers, no javascript: URLs), plus heading ids.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .add_tag_attributes("ol", ["class"])
        .add_tag_attributes("span", ["class", "aria-hidden"])
        .add_tag_attributes("img", ["loading", "decoding"])
        .clean(html)
        .to_string()
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
