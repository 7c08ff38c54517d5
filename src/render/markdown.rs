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

/// `resolve` maps a link written as `other-guide.md` to its URL on the site.
pub fn render(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
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

    let events = events.into_iter().map(|event| match event {
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
        .clean(html)
        .to_string()
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
