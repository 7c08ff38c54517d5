//! Script in the files of `static/` (issue 20): an SVG or HTML page copied
//! as it is runs its script when a reader opens it from the site, with the
//! site's address. A borrowed logo or a page saved from elsewhere can carry
//! one, so it is named with a warning (the file is still published: the
//! officer may have meant it).
//!
//! Parsed, not searched: HTML with html5ever's tokenizer (the one the
//! sanitizer uses; entities decoded, raw-text elements switched as a browser
//! does), SVG and XHTML with quick-xml (both already built for ammonia and
//! calamine). Both are linear in the file.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

/// Files larger than this are not read to be checked (a page or drawing is
/// far smaller); they are copied as they are, as before.
pub const MAX_CHECKED_BYTES: u64 = 16 * 1024 * 1024;

/// What runs script, where: the first one found, and how many in all.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    pub first: String,
    pub line: u32,
    pub count: usize,
}

impl Found {
    fn add(&mut self, what: impl FnOnce() -> String, line: u32) {
        if self.count == 0 {
            self.first = what();
            self.line = line;
        }
        self.count += 1;
    }
}

/// How `name` is read, by its extension.
pub fn kind_of(name: &str) -> Option<Markup> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "shtml" => Some(Markup::Html),
        "svg" | "xhtml" | "xht" => Some(Markup::Xml),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Markup {
    Html,
    Xml,
}

/// The script `text` carries, if any.
pub fn scan(text: &str, markup: Markup) -> Option<Found> {
    let found = match markup {
        Markup::Html => scan_html(text, 0),
        Markup::Xml => scan_xml(text),
    };
    (found.count > 0).then_some(found)
}

/// An address that runs script: `javascript:` (and `vbscript:`), read as a
/// browser does, ignoring the whitespace and control characters it ignores.
fn runs_script(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:") || squeezed.starts_with("vbscript:")
}

/// Attributes whose value is an address a browser may follow or load;
/// `to`, `from`, `values` and `by` are SVG animation values, which can set
/// an `href` to one.
fn is_address_attribute(name: &str) -> bool {
    matches!(
        name,
        "href"
            | "src"
            | "action"
            | "formaction"
            | "data"
            | "poster"
            | "background"
            | "codebase"
            | "lowsrc"
            | "dynsrc"
            | "to"
            | "from"
            | "values"
            | "by"
    )
}

/// One attribute's finding: an event handler, or an address that runs script.
fn check_attribute(name: &str, value: &str) -> Option<String> {
    // `xlink:href` as the HTML tokenizer gives it: its local part.
    let local = name.rsplit(':').next().unwrap_or(name);
    let lower = local.to_ascii_lowercase();
    if lower.starts_with("on") && lower.len() > 2 {
        return Some(format!("thuộc tính {lower}"));
    }
    let runs = if is_address_attribute(&lower) {
        // `values` is a list: any of its items.
        value.split(';').any(runs_script)
    } else {
        false
    };
    runs.then(|| format!("địa chỉ javascript: ở thuộc tính {lower}"))
}

/// How deep `srcdoc` pages inside pages are followed.
const SRCDOC_DEPTH: usize = 3;

struct HtmlSink {
    found: RefCell<Found>,
    /// Open `<svg>` and `<math>`: inside them a browser switches no element
    /// to raw text.
    foreign: RefCell<usize>,
    depth: usize,
}

impl HtmlSink {
    fn tag(&self, tag: &Tag, line: u32) -> TokenSinkResult<()> {
        let name = tag.name.as_ref();
        let mut foreign = self.foreign.borrow_mut();
        if matches!(name, "svg" | "math") {
            match tag.kind {
                TagKind::StartTag if !tag.self_closing => *foreign += 1,
                TagKind::EndTag => *foreign = foreign.saturating_sub(1),
                _ => {}
            }
        }
        if tag.kind == TagKind::EndTag {
            return TokenSinkResult::Continue;
        }
        let mut found = self.found.borrow_mut();
        if name == "script" {
            found.add(|| "thẻ <script>".to_string(), line);
        }
        for attr in &tag.attrs {
            let local = attr.name.local.as_ref();
            if let Some(what) = check_attribute(local, &attr.value) {
                found.add(|| what, line);
            }
            if local == "srcdoc" && self.depth < SRCDOC_DEPTH {
                let inner = scan_html(&attr.value, self.depth + 1);
                if inner.count > 0 {
                    found.add(|| format!("{} trong srcdoc", inner.first), line);
                }
            }
            // <meta http-equiv="refresh" content="0; url=javascript:…">
            if local == "content"
                && name == "meta"
                && attr
                    .value
                    .split_once('=')
                    .is_some_and(|(_, url)| runs_script(url.trim_matches(['\'', '"', ' '])))
            {
                found.add(|| "địa chỉ javascript: ở thẻ <meta>".to_string(), line);
            }
        }
        if *foreign > 0 || tag.self_closing {
            return TokenSinkResult::Continue;
        }
        // The elements whose content a browser reads as text, not markup:
        // without this, `<title><a title="</title><img onerror=…>">` would
        // hide the handler inside an attribute.
        match name {
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

impl TokenSink for HtmlSink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) => self.tag(&tag, u32::try_from(line_number).unwrap_or(u32::MAX)),
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        *self.foreign.borrow() > 0
    }
}

fn scan_html(text: &str, depth: usize) -> Found {
    let sink = HtmlSink {
        found: RefCell::new(Found::default()),
        foreign: RefCell::new(0),
        depth,
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // The sink never asks to run a script, so one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

fn scan_xml(text: &str) -> Found {
    use quick_xml::events::Event;
    let mut found = Found::default();
    let mut reader = quick_xml::Reader::from_str(text);
    // Lines counted as the reader moves on, never from the start again.
    let mut counted = (0usize, 1u32);
    let mut line_at = |offset: usize| {
        let offset = offset.min(text.len());
        if offset >= counted.0 {
            let newlines = text.as_bytes()[counted.0..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted = (offset, counted.1 + newlines as u32);
        }
        counted.1
    };
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            // A browser shows no more of a broken document than we read.
            Err(_) => break,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let line = line_at(at);
                if e.local_name().as_ref().eq_ignore_ascii_case("script") {
                    found.add(|| "thẻ <script>".to_string(), line);
                }
                for attr in e.html_attributes().flatten() {
                    let value: Cow<str> = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|_| attr.value.clone());
                    let local = attr.key.local_name();
                    if let Some(what) = check_attribute(local.as_ref(), &value) {
                        found.add(|| what, line);
                    }
                }
            }
            // Entities of its own can spell `javascript:` where no attribute
            // shows it; a drawing program never writes them.
            Event::DocType(e) if e.as_ref().contains("<!ENTITY") => {
                let line = line_at(at);
                found.add(|| "khai báo <!ENTITY>".to_string(), line);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> Option<String> {
        scan(text, Markup::Html).map(|f| f.first)
    }

    fn svg(text: &str) -> Option<String> {
        scan(text, Markup::Xml).map(|f| f.first)
    }

    #[test]
    fn html_with_script_is_found() {
        for page in [
            "<p>x</p><script>alert(1)</script>",
            "<SCRIPT SRC=x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<body ONLOAD='x()'>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\" JaVa\tScript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
            "<form action=javascript:x()><button formaction=javascript:y()>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<svg><style><img src=x onerror=alert(1)></style></svg>",
            "<title><a title=\"</title><img src=x onerror=alert(1)>\"></title>",
        ] {
            assert!(html(page).is_some(), "{page}");
        }
        assert_eq!(
            scan("<b onclick=a()></b>\n\n<script></script>", Markup::Html),
            Some(Found {
                first: "thuộc tính onclick".into(),
                line: 1,
                count: 2
            })
        );
        assert_eq!(html("\n\n<script>").unwrap(), "thẻ <script>");
        assert_eq!(scan("\n\n<script>", Markup::Html).unwrap().line, 3);
    }

    #[test]
    fn html_without_script_is_not() {
        for page in [
            "<!doctype html><html><head><title>Lịch</title><style>p{color:red}</style></head><body><p>Công an xã</p><a href=\"https://dichvucong.gov.vn\">x</a><img src=anh.png alt=\"javascript: là gì\"></body></html>",
            "<textarea><script>alert(1)</script></textarea>",
            "<title><img src=x onerror=alert(1)></title>",
            "<style>a[onclick]{}</style>",
            "<!-- <script>alert(1)</script> -->",
            "<p>on=1 online</p><a data-on=\"x\" href=\"tel:113\">113</a>",
        ] {
            assert_eq!(html(page), None, "{page}");
        }
    }

    #[test]
    fn svg_with_script_is_found() {
        for drawing in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><svg:script xmlns:svg=\"x\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "<svg><rect onClick=\"x()\"/></svg>",
            "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<svg><a xlink:href=\"&#106;avascript:alert(1)\"/></svg>",
            "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
            "<svg><animate attributeName=\"href\" values=\"#;javascript:alert(1)\"/></svg>",
            "<svg><foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"x\" onerror=\"alert(1)\"/></body></foreignObject></svg>",
            "<!DOCTYPE svg [<!ENTITY j \"javascript:\">]><svg><a href=\"&j;alert(1)\"/></svg>",
        ] {
            assert!(svg(drawing).is_some(), "{drawing}");
        }
        let found = scan(
            "<?xml version=\"1.0\"?>\n<svg>\n<g>\n<script/></g></svg>",
            Markup::Xml,
        )
        .unwrap();
        assert_eq!((found.first.as_str(), found.line), ("thẻ <script>", 4));
    }

    #[test]
    fn svg_without_script_is_not() {
        for drawing in [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Inkscape -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"10\" height=\"10\"/><a xlink:href=\"https://vneid.gov.vn\"><text>VNeID</text></a><use href=\"#g\"/><style>.online{}</style></svg>",
            "<svg><desc>&lt;script&gt;alert(1)&lt;/script&gt;</desc></svg>",
            "<svg><!-- <script>alert(1)</script> --></svg>",
            "not xml at all <",
            "",
        ] {
            assert_eq!(svg(drawing), None, "{drawing}");
        }
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of("logo.SVG"), Some(Markup::Xml));
        assert_eq!(kind_of("van-ban/trang.htm"), Some(Markup::Html));
        assert_eq!(kind_of("anh.png"), None);
        assert_eq!(kind_of("svg"), None);
    }
}
