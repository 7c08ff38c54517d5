//! Raw HTML officers paste into guides, and what it may do.
//!
//! Embedded frames (`<iframe>`): a video or a map pasted from YouTube's or
//! Google Maps' "embed" button. They are dropped unless their address is on
//! a site's `embeds` list in `site.yaml` and uses https. `load` parses the
//! list, `render::markdown` enforces it while sanitizing, and `validate` warns
//! about frames that will be dropped.
//!
//! Nesting: the HTML parser behind the sanitizer slows down with the square
//! of the depth of unclosed tags (100 000 `<div>`s take minutes), so a
//! document that may nest deeper than [`MAX_NESTING`] is refused before it
//! gets there; `nesting` bounds the depth the parser will build.

mod nesting;

use std::ops::Range;

use pulldown_cmark::{Event, Parser};
use url::Url;

/// Far beyond any real page (Word's HTML nests a few dozen deep), and cheap
/// for the parser at its worst.
pub const MAX_NESTING: usize = 1000;

/// The raw HTML parts of `markdown` (not code), with their byte ranges.
fn raw_parts(markdown: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    Parser::new_ext(markdown, crate::markdown_dialect::options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range)
}

/// Byte offset in `markdown` of the tag where its raw HTML may first nest
/// deeper than [`MAX_NESTING`] open elements, if it may (see [`nesting`]).
pub fn too_deep(markdown: &str) -> Option<usize> {
    // No `<`, no raw HTML: skip the markdown parse (most guides).
    if !markdown.contains('<') {
        return None;
    }
    let mut nesting = nesting::Nesting::default();
    for range in raw_parts(markdown) {
        let part = markdown.get(range.clone())?;
        if let Some(at) = nesting.feed(part, MAX_NESTING) {
            return Some(range.start + at);
        }
    }
    None
}

/// One allowed source: a host, and optionally a path under which frames are
/// allowed (`www.google.com/maps` allows `https://www.google.com/maps/embed?…`
/// but not the rest of www.google.com).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedSource {
    pub host: String,
    /// Without a trailing `/`; empty for the whole host.
    pub path: String,
}

impl EmbedSource {
    /// An entry of `embeds:` as officers write it: `www.youtube.com`,
    /// `www.google.com/maps`, with or without `https://`. The error says why
    /// it can't be used, in Vietnamese.
    pub fn parse(entry: &str) -> Result<EmbedSource, String> {
        let entry = entry.trim();
        let lower = entry.to_ascii_lowercase();
        let bare = match lower.split_once("://") {
            Some(("https", rest)) => rest,
            Some((scheme, _)) => {
                return Err(format!(
                    "chỉ nhúng được qua https, không nhận địa chỉ bắt đầu bằng {scheme}://"
                ))
            }
            None => lower.as_str(),
        };
        if bare.is_empty() || bare.contains(['*', ' ', '?', '#', '@', '\\']) {
            return Err(
                "chỉ viết tên miền và (nếu cần) đường dẫn, không dấu *, dấu cách, ?, # hay @"
                    .to_string(),
            );
        }
        let url = Url::parse(&format!("https://{bare}"))
            .map_err(|_| "không phải tên miền hợp lệ".to_string())?;
        let host = match url.host_str() {
            Some(h) if !h.is_empty() && url.port().is_none() => h.to_string(),
            _ => return Err("không phải tên miền hợp lệ (không ghi cổng :…)".to_string()),
        };
        Ok(EmbedSource {
            host,
            path: url.path().trim_end_matches('/').to_string(),
        })
    }

    fn allows(&self, url: &Url) -> bool {
        url.host_str() == Some(self.host.as_str())
            && (self.path.is_empty()
                || url.path() == self.path
                || url
                    .path()
                    .strip_prefix(&self.path)
                    .is_some_and(|rest| rest.starts_with('/')))
    }
}

/// Why a frame's address is refused, or None when one of `allowed` takes it.
pub fn refusal(allowed: &[EmbedSource], src: &str) -> Option<Refusal> {
    let Ok(url) = Url::parse(src.trim()) else {
        return Some(Refusal::NotAnAddress);
    };
    if url.scheme() != "https" {
        return Some(Refusal::NotHttps);
    }
    let odd = url.port().is_some() || !url.username().is_empty() || url.password().is_some();
    if odd || !allowed.iter().any(|a| a.allows(&url)) {
        let host = url.host_str().unwrap_or_default().to_string();
        return Some(Refusal::NotListed { host });
    }
    None
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotAnAddress,
    NotHttps,
    NotListed { host: String },
}

/// A frame written in a document's raw HTML: where (byte offset in the
/// markdown) and its `src` as written, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub offset: usize,
    pub src: Option<String>,
}

/// The `<iframe>` tags of raw HTML in `markdown` (not those shown as code).
/// Used to warn officers; the sanitizer decides what is published.
pub fn frames(markdown: &str) -> Vec<Frame> {
    if !markdown.contains('<') {
        return Vec::new();
    }
    let lower = markdown.to_ascii_lowercase();
    let mut frames = Vec::new();
    for range in raw_parts(markdown) {
        let Some(html) = lower.get(range.clone()) else {
            continue;
        };
        for (at, _) in html.match_indices("<iframe") {
            let start = range.start + at;
            let tag = markdown.get(start + "<iframe".len()..).unwrap_or("");
            if tag.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            frames.push(Frame {
                offset: start,
                src: attribute(tag, "src"),
            });
        }
    }
    frames
}

/// The value of attribute `name` in the text after a tag's name, up to `>`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
            .unwrap_or(rest.len());
        let attr = rest[..end].to_ascii_lowercase();
        rest = rest[end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                let (value, tail) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let close = body.find(q).unwrap_or(body.len());
                        (&body[..close], body.get(close + 1..).unwrap_or(""))
                    }
                    _ => {
                        let close = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..close], &after[close..])
                    }
                };
                rest = tail;
                Some(value)
            }
            None => None,
        };
        if attr == name {
            return Some(value.unwrap_or("").replace("&amp;", "&"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[&str]) -> Vec<EmbedSource> {
        entries
            .iter()
            .map(|e| EmbedSource::parse(e).unwrap())
            .collect()
    }

    #[test]
    fn entries_are_read_leniently_and_checked() {
        assert_eq!(
            EmbedSource::parse(" https://WWW.YouTube.com/ ").unwrap(),
            EmbedSource {
                host: "www.youtube.com".into(),
                path: String::new()
            }
        );
        assert_eq!(
            EmbedSource::parse("www.google.com/maps").unwrap().path,
            "/maps"
        );
        for bad in [
            "",
            "http://www.youtube.com",
            "javascript:alert(1)",
            "*.youtube.com",
            "www.youtube.com:8443",
            "user@www.youtube.com",
            "www.you tube.com",
        ] {
            assert!(EmbedSource::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_listed_https_sources_pass() {
        let allowed = list(&["www.youtube.com", "www.google.com/maps"]);
        for ok in [
            "https://www.youtube.com/embed/abc?si=x",
            "https://www.google.com/maps/embed?pb=!1m18",
            "https://www.google.com/maps",
            "HTTPS://WWW.YOUTUBE.COM/embed/x",
        ] {
            assert_eq!(refusal(&allowed, ok), None, "{ok}");
        }
        for bad in [
            "http://www.youtube.com/embed/abc",
            "//www.youtube.com/embed/abc",
            "https://www.youtube.com.evil.example/embed",
            "https://www.youtube.com@evil.example/embed",
            "https://evil.example/?u=https://www.youtube.com/",
            "https://www.google.com/mapsevil",
            "https://www.google.com/search?q=maps",
            "https://www.youtube.com:444/embed/x",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(refusal(&allowed, bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn nesting_is_measured_on_tags_that_nest() {
        let deep = "<div>".repeat(MAX_NESTING + 1);
        let md = format!("Chữ\n\n{deep}\n");
        let at = too_deep(&md).unwrap();
        assert_eq!(at, "Chữ\n\n".len() + 5 * MAX_NESTING);
        // Closed as they go, flat, in code, or quoted: fine.
        for fine in [
            "<div></div>".repeat(5000),
            "<p>a".repeat(5000),
            "<li>a<br>".repeat(5000),
            format!("```\n{deep}\n```\n"),
            format!("<p title=\"{deep}\">x</p>"),
        ] {
            assert_eq!(too_deep(&fine), None);
        }
    }

    #[test]
    fn frames_in_raw_html_are_found_but_not_in_code() {
        let md = "Xem video:\n\n<iframe width=\"560\" src=\"https://www.youtube.com/embed/x?a=1&amp;b=2\"></iframe>\n\n\
                  `<iframe src=\"https://code.example\">`\n\n```\n<iframe src=\"https://block.example\">\n```\n\n\
                  Chữ <IFRAME SRC=https://inline.example/x></iframe> và <iframe srcdoc=\"x\"></iframe>\n";
        let found = frames(md);
        let srcs: Vec<Option<&str>> = found.iter().map(|f| f.src.as_deref()).collect();
        assert_eq!(
            srcs,
            [
                Some("https://www.youtube.com/embed/x?a=1&b=2"),
                Some("https://inline.example/x"),
                None
            ]
        );
        assert_eq!(&md[found[0].offset..found[0].offset + 7], "<iframe");
    }
}
