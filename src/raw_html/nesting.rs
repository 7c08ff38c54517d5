//! How deep the HTML parser behind the sanitizer (html5ever) will nest an
//! officer's raw HTML, bounded from above in one pass, before it parses it.
//!
//! Its cost grows with the square of the depth of open elements, so depth
//! is what must be bounded, and counting `<` against `</` is not enough:
//! html5ever ignores an end tag that closes nothing (`</x>`), that would
//! close past a `<div>` (`<span><div></span>`) or out of an `<object>`, and
//! re-opens formatting elements (`<b>`, `<i>`…) that a block closed. So this
//! follows the parts of the HTML tree-building rules that change depth, and
//! where it can't be exact it errs upward:
//!
//! - a stack of open elements, popped only where html5ever surely pops (end
//!   tags in scope; `<p>`, `<li>`, `<dd>`, headings, cells closing their own
//!   kind), with `<script>`, `<textarea>`… contents and comments skipped as
//!   the tokenizer skips them;
//! - the list of active formatting elements, counted whole on top of the
//!   stack: the parser may rebuild every one of them inside a new block;
//! - past an `<svg>`, `<math>` or `<template>`, whose contents follow rules
//!   of their own, every start tag counts and no end tag does.
//!
//! A property test parses random tag soup with html5ever and checks the
//! bound is never below the depth it builds.
//!
//! Every check walks at most the stack and the list, which stay below the
//! limit the caller refuses at, so the work is linear in the input.

/// Elements with no content, or whose end tag is ignored: they never stay open.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "image",
];

/// html5ever's formatting elements: re-opened after a block closes them.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The spec's "special" elements: an end tag for an ordinary element does
/// not close past one of them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
];

/// Elements an end tag's search for its element stops at ("has an element
/// in scope"); the scopes below add to these.
const SCOPE_BARRIERS: &[&str] = &[
    "applet",
    "caption",
    "html",
    "table",
    "td",
    "th",
    "marquee",
    "object",
    "select",
    "template",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
    "title",
];

/// Elements that put a marker on the list of formatting elements: nothing
/// before it is re-opened inside them, and closing them clears to it.
const MARKERS: &[&str] = &[
    "applet", "object", "marquee", "template", "td", "th", "caption",
];

/// Start tags that first close an open `<p>` (in button scope).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "table",
    "xmp",
    "plaintext",
    "dd",
    "dt",
    "li",
    "hr",
];

/// End tags that close their element if it is in scope, and whatever is above it.
const CLOSED_IN_SCOPE: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "select",
    "applet",
    "marquee",
    "object",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Parts of a table in which a table tag is read as such.
fn is_table_part(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr")
}

/// Elements whose content the tokenizer reads as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

struct Open {
    name: String,
    /// It put a marker on the list of formatting elements.
    marker: bool,
}

/// The parser's state as far as depth goes.
pub struct Nesting {
    stack: Vec<Open>,
    /// The list of active formatting elements, one group per marker: the
    /// element names, and whether the tag had no attributes (identical tags
    /// are kept three at most, the spec's "Noah's Ark" clause; tags with
    /// attributes are all counted, which can only count too many).
    formatting: Vec<Vec<(String, bool)>>,
    /// Inside an element whose content is text.
    raw_text: Option<RawText>,
    in_comment: bool,
    plaintext: bool,
    /// Past an `<svg>`, `<math>` or `<template>`, whose contents follow other
    /// rules: from there on every start tag counts and no end tag does.
    counting_only: bool,
    /// The greatest depth bound reached.
    pub deepest: usize,
}

impl Default for Nesting {
    fn default() -> Self {
        Nesting {
            stack: Vec::new(),
            formatting: vec![Vec::new()],
            raw_text: None,
            in_comment: false,
            plaintext: false,
            counting_only: false,
            deepest: 0,
        }
    }
}

impl Nesting {
    /// How deep the parser may nest now: open elements, plus every
    /// formatting element it could re-open.
    pub fn bound(&self) -> usize {
        self.stack.len() + self.formatting.iter().map(Vec::len).sum::<usize>()
    }

    /// Read one piece of raw HTML (pieces continue one another). Returns the
    /// byte offset in `html` of the first start tag after which the bound
    /// exceeds `limit`, if one does.
    pub fn feed(&mut self, html: &str, limit: usize) -> Option<usize> {
        let bytes = html.as_bytes();
        let lower = html.to_ascii_lowercase();
        let mut i = 0;
        while i < bytes.len() {
            if self.plaintext {
                return None;
            }
            if self.in_comment {
                match lower[i..].find("-->") {
                    Some(end) => {
                        i += end + 3;
                        self.in_comment = false;
                    }
                    None => return None,
                }
                continue;
            }
            if let Some(raw) = &mut self.raw_text {
                let found = raw.end(&lower[i..])?;
                self.raw_text = None;
                i += found;
                continue;
            }
            let lt = memchr::memchr(b'<', &bytes[i..])?;
            let at = i + lt;
            let rest = &lower[at + 1..];
            // Counting only, a `<!--` may be text (in a `<textarea>` the
            // parser reads): skipped only to its first `>`, as the bogus
            // comment it is otherwise.
            if rest.starts_with("!--") && !self.counting_only {
                // `<!-->` and `<!--->` end at once.
                let body = &rest[3..];
                if body.starts_with('>') || body.starts_with("->") {
                    i = at + 4 + body.find('>').unwrap_or(0) + 1;
                } else {
                    self.in_comment = true;
                    i = at + 4;
                }
                continue;
            }
            let after = rest.as_bytes();
            match after.first() {
                Some(b'!' | b'?') => {
                    i = at + 1 + rest.find('>').map_or(rest.len(), |e| e + 1);
                }
                Some(b'/') if after.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let end = tag(&lower[at + 2..]);
                    self.end_tag(end.name);
                    i = at + 2 + end.len;
                }
                Some(b'/') => {
                    // `</>` is dropped; `</ x>` and `</3>` are bogus comments.
                    i = at + 2 + rest[1..].find('>').map_or(rest.len() - 1, |e| e + 1);
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let start = tag(&lower[at + 1..]);
                    i = at + 1 + start.len;
                    self.start_tag(&start);
                    self.deepest = self.deepest.max(self.bound());
                    if self.bound() > limit {
                        return Some(at);
                    }
                }
                _ => i = at + 1,
            }
        }
        None
    }

    fn top(&self) -> Option<&str> {
        self.stack.last().map(|o| o.name.as_str())
    }

    /// The index of the topmost `name` if no element of `barriers` (nor of
    /// the default scope) is above it.
    fn in_scope(&self, name: &str, barriers: &[&str]) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.name == name {
                return Some(i);
            }
            if SCOPE_BARRIERS.contains(&open.name.as_str())
                || barriers.contains(&open.name.as_str())
            {
                return None;
            }
        }
        None
    }

    /// Like `in_scope`, for table scope (only `html`, `table`, `template` stop).
    fn in_table_scope(&self, names: &[&str]) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if names.contains(&open.name.as_str()) {
                return Some(i);
            }
            if matches!(open.name.as_str(), "html" | "table" | "template") {
                return None;
            }
        }
        None
    }

    /// Pop the element at `index` and every element above it.
    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            if let Some(open) = self.stack.pop() {
                if open.marker && self.formatting.len() > 1 {
                    self.formatting.pop();
                }
            }
        }
    }

    fn push(&mut self, name: &str) {
        let marker = MARKERS.contains(&name);
        if marker {
            self.formatting.push(Vec::new());
        }
        self.stack.push(Open {
            name: name.to_string(),
            marker,
        });
    }

    fn start_tag(&mut self, tag: &Tag) {
        let name = tag.name;
        if matches!(name, "svg" | "math" | "template") {
            self.counting_only = true;
        }
        if self.counting_only {
            if !VOID.contains(&name) {
                self.push(name);
            }
            return;
        }
        // A select holds any content (html5ever follows the 2025 rules);
        // another select, or an input, closes it.
        if matches!(name, "select" | "input" | "keygen") {
            if let Some(select) = self.in_scope("select", &[]) {
                self.pop_to(select);
                if name == "select" {
                    return;
                }
            }
        }
        if CLOSES_P.contains(&name) {
            if let Some(p) = self.in_scope("p", &["button"]) {
                self.pop_to(p);
            }
        }
        if VOID.contains(&name) {
            return;
        }
        // A table in a table (not in a cell of it) closes the first.
        if name == "table" && self.table_context().is_some_and(|(_, c)| is_table_part(c)) {
            if let Some(table) = self.in_table_scope(&["table"]) {
                self.pop_to(table);
            }
        }
        if name == "plaintext" {
            self.plaintext = true;
        } else if name == "script" {
            self.raw_text = Some(RawText::Script {
                escaped: false,
                double: false,
            });
        } else if RAW_TEXT.contains(&name) {
            self.raw_text = Some(RawText::Until(format!("</{name}")));
        }
        match name {
            "li" => self.close_list_item(&["li"]),
            "dd" | "dt" => self.close_list_item(&["dd", "dt"]),
            // A heading closes the heading it is in.
            _ if HEADINGS.contains(&name) && self.top().is_some_and(|t| HEADINGS.contains(&t)) => {
                self.stack.pop();
            }
            "option" | "optgroup" => {
                if self.top() == Some("option") {
                    self.stack.pop();
                }
                if name == "optgroup"
                    && self.top() == Some("optgroup")
                    && self.in_scope("select", &[]).is_some()
                {
                    self.stack.pop();
                }
            }
            "button" => {
                if let Some(b) = self.in_scope("button", &[]) {
                    self.pop_to(b);
                }
            }
            // Outside a table, ignored.
            "caption" | "colgroup" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
                if !self.table_part_start(name) =>
            {
                return;
            }
            _ => {}
        }
        if FORMATTING.contains(&name) {
            self.add_formatting(name, tag.attributes);
        }
        self.push(name);
    }

    /// The nearest element, from the top, that sets how table tags are
    /// read: its index and name. Elements put inside a table by mistake
    /// (a `<div>` in a `<table>`) don't change it.
    fn table_context(&self) -> Option<(usize, &str)> {
        self.stack.iter().enumerate().rev().find_map(|(i, o)| {
            matches!(
                o.name.as_str(),
                "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup"
            )
            .then_some((i, o.name.as_str()))
        })
    }

    /// A table part starts: the parser first clears what is open above the
    /// part that holds it (closing a cell, a row, a body), and adds the
    /// bodies and rows left out. False when outside a table (ignored there).
    fn table_part_start(&mut self, name: &str) -> bool {
        let Some((at, context)) = self.table_context() else {
            return false;
        };
        if matches!(context, "td" | "th" | "caption" | "colgroup") {
            // A cell, caption or column group ends; then as in its row or table.
            self.pop_to(at);
            return self.table_part_start(name);
        }
        let context = context.to_string();
        match (name, context.as_str()) {
            ("tr", "tr") | ("td" | "th", "tr") => self.pop_to(at + 1),
            ("tr", _) | ("td" | "th", _) if context != "table" => self.pop_to(at + 1),
            _ => {
                // caption, colgroup, tbody… or a row in a bare table: back to the table.
                let table = self.stack[..=at].iter().rposition(|o| o.name == "table");
                if let Some(table) = table {
                    self.pop_to(table + 1);
                }
            }
        }
        if name == "tr" && context == "tr" {
            // The row ends; the new one goes in the same body.
            self.stack.pop();
        }
        if matches!(name, "tr" | "td" | "th") && self.top() == Some("table") {
            self.push("tbody");
        }
        if matches!(name, "td" | "th") && self.top() != Some("tr") {
            self.push("tr");
        }
        true
    }

    fn add_formatting(&mut self, name: &str, with_attributes: bool) {
        let Some(group) = self.formatting.last_mut() else {
            return;
        };
        if !with_attributes {
            let same: Vec<usize> = group
                .iter()
                .enumerate()
                .filter(|(_, (n, plain))| *plain && n == name)
                .map(|(i, _)| i)
                .collect();
            if same.len() >= 3 {
                group.remove(same[0]);
            }
        }
        group.push((name.to_string(), !with_attributes));
    }

    /// `<li>` closes an open `<li>` unless a block other than `address`,
    /// `div` or `p` is between them (likewise `<dd>`, `<dt>`).
    fn close_list_item(&mut self, kinds: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let name = self.stack[i].name.as_str();
            if kinds.contains(&name) {
                self.pop_to(i);
                return;
            }
            if SPECIAL.contains(&name) && !matches!(name, "address" | "div" | "p") {
                return;
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        if self.counting_only {
            return;
        }
        if FORMATTING.contains(&name) {
            return self.end_formatting(name);
        }
        let open = match name {
            "p" => self.in_scope("p", &["button"]),
            "li" => self.in_scope("li", &["ol", "ul"]),
            "dd" | "dt" => self.in_scope(name, &[]),
            _ if HEADINGS.contains(&name) => {
                HEADINGS.iter().filter_map(|h| self.in_scope(h, &[])).max()
            }
            "form" => {
                // Only the form itself leaves the stack: never pop past it.
                if self.top() == Some("form") {
                    self.stack.pop();
                }
                None
            }
            "table" | "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" => {
                self.in_table_scope(&[name])
            }
            "body" | "html" | "br" => None,
            _ if CLOSED_IN_SCOPE.contains(&name) => self.in_scope(name, &[]),
            _ => self.any_other_end_tag(name),
        };
        if let Some(open) = open {
            self.pop_to(open);
        }
    }

    /// The spec's "any other end tag": close the topmost `name` unless a
    /// special element is above it.
    fn any_other_end_tag(&self, name: &str) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.name == name {
                return Some(i);
            }
            if SPECIAL.contains(&open.name.as_str()) {
                return None;
            }
        }
        None
    }

    /// `</b>` and the like (the adoption agency): the element leaves the
    /// list; it leaves the stack only when nothing special is above it (else
    /// the parser moves it below that block, as deep as before).
    fn end_formatting(&mut self, name: &str) {
        let group = self
            .formatting
            .last_mut()
            .filter(|g| g.iter().any(|(n, _)| n == name));
        let Some(group) = group else {
            if let Some(open) = self.any_other_end_tag(name) {
                self.pop_to(open);
            }
            return;
        };
        let Some(in_stack) = self.stack.iter().rposition(|o| o.name == name) else {
            if let Some(at) = group.iter().rposition(|(n, _)| n == name) {
                group.remove(at);
            }
            return;
        };
        if self.in_scope(name, &[]) != Some(in_stack) {
            return;
        }
        let special_above = self.stack[in_stack + 1..]
            .iter()
            .any(|o| SPECIAL.contains(&o.name.as_str()));
        if !special_above {
            if let Some(group) = self.formatting.last_mut() {
                if let Some(at) = group.iter().rposition(|(n, _)| n == name) {
                    group.remove(at);
                }
            }
            self.pop_to(in_stack);
        }
    }
}

/// What the tokenizer reads in a tag.
struct Tag<'a> {
    /// Lowercase.
    name: &'a str,
    /// Through its `>` (or to the end of the text).
    len: usize,
    attributes: bool,
}

/// The tag in `lower`, which starts just after `<` or `</`. Attribute values
/// are skipped as the tokenizer skips them, so a `>` or `<` inside quotes
/// doesn't end the tag, and a quote outside a value doesn't start one.
fn tag(lower: &str) -> Tag<'_> {
    let bytes = lower.as_bytes();
    let name_end = bytes
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(bytes.len());
    let mut found = Tag {
        name: &lower[..name_end],
        len: bytes.len(),
        attributes: false,
    };
    let mut i = name_end;
    let space = |b: u8| b.is_ascii_whitespace();
    loop {
        while i < bytes.len() && (space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return found,
            Some(b'>') => {
                found.len = i + 1;
                return found;
            }
            Some(_) => {}
        }
        // An attribute name: its first character may be anything, `=` too.
        i += 1;
        while i < bytes.len() && !matches!(bytes[i], b'/' | b'>' | b'=') && !space(bytes[i]) {
            i += 1;
        }
        found.attributes = true;
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[i + 1..]) {
                Some(close) => i += close + 2,
                None => return found,
            },
            _ => {
                while i < bytes.len() && !space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// The content of an element the tokenizer reads as text.
enum RawText {
    /// Up to this end tag, `</name`.
    Until(String),
    /// A script, whose end tag doesn't count inside `<!--<script>…</script>`.
    Script { escaped: bool, double: bool },
}

impl RawText {
    /// Where the element's end tag starts in `lower`, if there; else the
    /// state is kept for the next piece.
    fn end(&mut self, lower: &str) -> Option<usize> {
        let (escaped, double) = match self {
            RawText::Until(end) => return find_end_tag(lower, end),
            RawText::Script { escaped, double } => (escaped, double),
        };
        let bytes = lower.as_bytes();
        let tag_at = |i: usize, tag: &str| {
            lower[i..].starts_with(tag)
                && bytes
                    .get(i + tag.len())
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        };
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' if !*double && tag_at(i, "</script") => return Some(i),
                b'<' if !*escaped && lower[i..].starts_with("<!--") => {
                    *escaped = true;
                    i += 4;
                    continue;
                }
                b'<' if *escaped && !*double && tag_at(i, "<script") => *double = true,
                b'<' if *double && tag_at(i, "</script") => *double = false,
                b'-' if *escaped && lower[i..].starts_with("-->") => {
                    *escaped = false;
                    *double = false;
                }
                _ => {}
            }
            i += 1;
        }
        None
    }
}

/// Where `</name` ends an element of text in `lower`: just before its `<`,
/// when followed by a space, `/` or `>` (as the tokenizer requires).
fn find_end_tag(lower: &str, end: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = lower[from..].find(end) {
        let at = from + found;
        match lower.as_bytes().get(at + end.len()) {
            Some(b) if b.is_ascii_whitespace() || *b == b'/' || *b == b'>' => return Some(at),
            None => return None,
            _ => from = at + end.len(),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The bound reached over the whole of `html`.
    fn bound(html: &str) -> usize {
        let mut n = Nesting::default();
        n.feed(html, usize::MAX);
        n.deepest
    }

    /// How deep html5ever really nests `html` (parsed as ammonia does, a
    /// fragment in body), counted from the fragment's root.
    fn parsed_depth(html: &str) -> usize {
        let doc = scraper::Html::parse_fragment(html);
        let mut deepest = 0;
        let mut todo = vec![(doc.tree.root(), 0usize)];
        while let Some((node, depth)) = todo.pop() {
            deepest = deepest.max(depth);
            todo.extend(node.children().map(|c| (c, depth + 1)));
        }
        // The document, the `html` element and the text in the deepest one.
        deepest.saturating_sub(3)
    }

    #[test]
    fn what_fooled_the_old_count_is_counted() {
        for (unit, per_repeat) in [
            ("<div></x>", 1),
            ("<span><div></span>", 2),
            ("<div><object></div>", 2),
            ("<div><textarea></div></textarea>", 1),
            ("<div \"></div><div \">", 1),
            ("<form><div></form>", 1),
            ("<p><object><p>", 2),
            ("<table><tr><td>", 4),
        ] {
            let html = unit.repeat(200);
            let real = parsed_depth(&html);
            assert!(real >= 150 * per_repeat, "{unit}: parsed only {real} deep");
            assert!(
                bound(&html) >= real,
                "{unit}: bound {} < {real}",
                bound(&html)
            );
        }
    }

    #[test]
    fn formatting_re_opened_in_each_block_is_counted() {
        let html: String = (0..300)
            .map(|i| format!("<div><b id={i}>x</div>"))
            .collect();
        let real = parsed_depth(&html);
        assert!(real >= 290, "parsed {real} deep");
        assert!(bound(&html) >= real, "bound {} < {real}", bound(&html));
    }

    #[test]
    fn ordinary_html_stays_shallow() {
        for html in [
            "<div></div>".repeat(5000),
            "<p>a".repeat(5000),
            "<li>a<br>".repeat(5000),
            "<p><b>đậm</p>".repeat(5000),
            "<table><tr><td>a</td><td>b</td></tr></table>".repeat(2000),
            "<span>a</span><!-- <div> --><script>if (a<b) x = '<div>'</script>".repeat(2000),
        ] {
            assert!(bound(&html) < 10, "{} for {}", bound(&html), &html[..60]);
        }
    }

    const TOKENS: &[&str] = &[
        "<div>",
        "</div>",
        "<span>",
        "</span>",
        "<b>",
        "</b>",
        "<b id=1>",
        "<i>",
        "</i>",
        "<p>",
        "</p>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<object>",
        "</object>",
        "<a>",
        "</a>",
        "</x>",
        "<form>",
        "</form>",
        "<textarea>",
        "</textarea>",
        "<h1>",
        "</h1>",
        "<h2>",
        "<select>",
        "<option>",
        "</select>",
        "x",
        "<svg>",
        "</svg>",
        "<br>",
        "<dd>",
        "<dt>",
        "<button>",
        "</button>",
        "<nobr>",
        "<font>",
        "</font>",
        "<template>",
        "</template>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<center>",
        "<marquee>",
        "</marquee>",
        "<caption>",
        "<em>",
        "</em>",
        "<s>",
        "</s>",
        "<u>",
        "<tbody>",
        "<th>",
        "</tr>",
        "</tbody>",
        "<thead>",
        "<colgroup>",
        "<col>",
        "<p id=1>",
        "<div title=\"a>b\">",
        "<div '>",
        "<style>",
        "</style>",
        "<xmp>",
        "</xmp>",
        "<iframe>",
        "</iframe>",
        "<math>",
        "<input>",
        "<hr>",
        "<dl>",
        "</dl>",
        "<ol>",
        "</li>",
        "<h3>",
        "</h2>",
    ];

    proptest! {
        // PROPTEST_CASES sets a longer campaign (2000 by default).
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
        ))]
        /// The bound is never below what html5ever builds: it can only refuse
        /// too early, never let deep HTML through.
        #[test]
        fn the_bound_is_never_below_the_parsed_depth(
            picks in proptest::collection::vec(0..TOKENS.len(), 0..400)
        ) {
            let html: String = picks.iter().map(|&i| TOKENS[i]).collect();
            let real = parsed_depth(&html);
            prop_assert!(bound(&html) + 2 >= real, "bound {} < parsed {} for {}", bound(&html), real, html);
        }
    }
}
