//! The default theme, embedded in the binary so a single file is enough to
//! build a site; a site's `templates/*.html` replace theme files of the same name,
//! and may extend the default they replace as `default/<name>` (a site's
//! `base.html` can `{% extends "default/base.html" %}` and change one block).
//! `bangtin theme DIR` writes the default theme out (`export`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use tera::Tera;

use crate::diagnostics::{Diagnostic, Message};

mod recursion;
mod tera_words;

macro_rules! theme_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../themes/default/templates/", $name)),
        )
    };
}

pub const TEMPLATES: &[(&str, &str)] = &[
    theme_file!("base.html"),
    theme_file!("header.html"),
    theme_file!("footer.html"),
    theme_file!("macros.html"),
    theme_file!("index.html"),
    theme_file!("schedule.html"),
    theme_file!("hamlet.html"),
    theme_file!("week.html"),
    theme_file!("share.html"),
    theme_file!("poster.html"),
    theme_file!("points.html"),
    theme_file!("guides.html"),
    theme_file!("guide.html"),
    theme_file!("page.html"),
    theme_file!("404.html"),
    theme_file!("overview.html"),
    theme_file!("province.html"),
    theme_file!("nation.html"),
    theme_file!("progress.html"),
    theme_file!("news.html"),
    theme_file!("news-item.html"),
    theme_file!("embed.html"),
    theme_file!("names.html"),
    theme_file!("changes.html"),
    theme_file!("month.html"),
    theme_file!("atom.xml"),
    theme_file!("sitemap.xml"),
];

/// A site's template extends the default one of the same name as
/// `default/<name>`: `{% extends "default/base.html" %}`.
pub const DEFAULT_PREFIX: &str = "default/";

/// The default theme as the files a site would hold to replace it all:
/// `templates/<name>` for each template a site may replace (the `.html`
/// ones) and `static/<asset>` for the stylesheets. (path in a site, bytes)
/// The stylesheets as a build writes them, so a site built with the export
/// is byte for byte the same.
pub fn export() -> Vec<(String, Cow<'static, [u8]>)> {
    let templates = TEMPLATES
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, text)| (format!("templates/{name}"), Cow::Borrowed(text.as_bytes())));
    let assets = built_assets()
        .into_iter()
        .map(|(path, bytes)| (format!("static/{path}"), bytes));
    templates.chain(assets).collect()
}

/// Theme assets: (output path, bytes).
pub const ASSETS: &[(&str, &[u8])] = &[
    (
        crate::plan::STYLESHEET,
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        crate::plan::SHARE_STYLESHEET,
        include_bytes!("../themes/default/static/chia-se.css"),
    ),
    (
        crate::plan::READER_DATE_SCRIPT,
        include_bytes!("../themes/default/static/hom-nay.js"),
    ),
    (
        crate::plan::POSTER_STYLESHEET,
        include_bytes!("../themes/default/static/ban-in.css"),
    ),
];

/// The theme assets as a site gets them: the stylesheets without their
/// comments. The comments explain the theme to its developers (they stay in
/// themes/default/static/) but would ship with every page: ~1 KB of
/// style.css's 12, on a 30 KB budget for a page with its CSS.
pub fn built_assets() -> Vec<(&'static str, Cow<'static, [u8]>)> {
    ASSETS
        .iter()
        .map(|&(path, bytes)| {
            let bytes = match (path.ends_with(".css"), std::str::from_utf8(bytes)) {
                (true, Ok(css)) => Cow::Owned(without_comments(css).into_bytes()),
                _ => Cow::Borrowed(bytes),
            };
            (path, bytes)
        })
        .collect()
}

/// `/* … */` removed, with the line of a comment alone on its lines. Only for
/// the default stylesheets, which hold no `/*` inside a string.
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        let (before, comment) = rest.split_at(start);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let alone = before[line_start..].trim().is_empty();
        out.push_str(if alone {
            &before[..line_start]
        } else {
            before.trim_end_matches([' ', '\t'])
        });
        rest = comment.find("*/").map_or("", |end| &comment[end + 2..]);
        if alone {
            rest = rest.trim_start_matches([' ', '\t']);
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

/// Tera with the theme, overridden by the site's templates. Template errors
/// name the officer's file when the broken template is theirs.
pub fn load(overrides: &[(String, String)], site_root: &Path) -> Result<Tera, Vec<Diagnostic>> {
    let refused: Vec<Diagnostic> = overrides
        .iter()
        .filter_map(|(name, text)| refused_use(name, text, site_root))
        .collect();
    if !refused.is_empty() {
        return Err(refused);
    }
    let mut tera = Tera::default();
    let mut all: Vec<(&str, &str)> = TEMPLATES
        .iter()
        .filter(|(name, _)| !overrides.iter().any(|(o, _)| o == name))
        .copied()
        .collect();
    all.extend(overrides.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    // Only a site with its own templates can extend the defaults: the theme
    // alone compiles once, not twice.
    let defaults: Vec<(String, &str)> = match overrides.is_empty() {
        true => Vec::new(),
        false => TEMPLATES
            .iter()
            .map(|(name, text)| (format!("{DEFAULT_PREFIX}{name}"), *text))
            .collect(),
    };
    all.extend(defaults.iter().map(|(n, t)| (n.as_str(), *t)));
    tera.set_escape_fn(escape_html);
    // tera always offers get_env: a borrowed theme could publish the build
    // machine's environment (a deploy token in CI). Pages need none of it.
    tera.register_function("get_env", |_: &HashMap<String, tera::Value>| {
        Err(tera::Error::msg(
            "get_env (đọc biến môi trường của máy) không dùng được trong mẫu giao diện của bangtin",
        ))
    });
    // Before tera sees them: it can recurse without end on an `extends` cycle.
    if !overrides.is_empty() {
        if let Some(cycle) = recursion::find_extends_cycle(&all, overrides) {
            return Err(vec![recursion_error(&cycle, overrides, site_root)]);
        }
    }
    tera.add_raw_templates(all)
        .map_err(|e| vec![template_error(&e, overrides, site_root)])?;
    // The built-in theme calls nothing in a loop; a site's templates may.
    if !overrides.is_empty() {
        if let Some(cycle) = recursion::find(&tera, overrides) {
            return Err(vec![recursion_error(&cycle, overrides, site_root)]);
        }
    }
    Ok(tera)
}

/// What a site's template may not use, with why and how to fix it: `get_env`,
/// and the per-session loops of themes before session rows were written by
/// bangtin (with no `days`, an old `hamlet.html` would publish empty schedules
/// without a word).
fn refused_use(name: &str, text: &str, site_root: &Path) -> Option<Diagnostic> {
    let (at, message) = match text.find("get_env") {
        Some(at) => (at, Message::TemplateReadsEnvironment),
        None => (removed_variable(text)?, Message::TemplateUsesDays),
    };
    Some(Diagnostic::new(
        site_root.join("templates").join(name),
        Some(position_of(text, at)),
        message,
    ))
}

/// Where a template tag names `days` or `week.days` (as a variable, not in
/// text), if it does.
fn removed_variable(text: &str) -> Option<usize> {
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find(['{']) {
        let tag_start = open + 1;
        let close = match rest.get(tag_start..tag_start + 1) {
            Some("{") => "}}",
            Some("%") => "%}",
            _ => {
                offset += tag_start;
                rest = &rest[tag_start..];
                continue;
            }
        };
        let body_start = tag_start + 1;
        let body_len = rest[body_start..]
            .find(close)
            .unwrap_or(rest.len() - body_start);
        let body = &rest[body_start..body_start + body_len];
        let mut word_start = None;
        for (i, c) in body.char_indices().chain([(body.len(), ' ')]) {
            let in_word = c.is_alphanumeric() || c == '_' || c == '.';
            match (in_word, word_start) {
                (true, None) => word_start = Some(i),
                (false, Some(start)) => {
                    let word = &body[start..i];
                    if word == "days" || word == "week.days" || word.starts_with("days.") {
                        return Some(offset + body_start + start);
                    }
                    word_start = None;
                }
                _ => {}
            }
        }
        offset += body_start + body_len;
        rest = &rest[body_start + body_len..];
    }
    None
}

fn recursion_error(
    cycle: &recursion::Cycle,
    overrides: &[(String, String)],
    site_root: &Path,
) -> Diagnostic {
    let text = overrides
        .iter()
        .find(|(name, _)| *name == cycle.file)
        .map(|(_, t)| t.as_str());
    let pos = cycle
        .offset
        .zip(text)
        .map(|(at, text)| position_of(text, at));
    // "base.html → base.html" by `extends`: meant the theme's own base.html.
    let message = match cycle.by_extends && cycle.chain.len() == 2 {
        true => Message::TemplateExtendsItself {
            name: cycle.file.clone(),
        },
        false => Message::TemplateCalledInLoop {
            chain: cycle.chain.join(" → "),
        },
    };
    Diagnostic::new(site_root.join("templates").join(&cycle.file), pos, message)
}

/// 1-based line and column of byte offset `at` in `text`.
fn position_of(text: &str, at: usize) -> crate::diagnostics::Pos {
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    crate::diagnostics::Pos::new(line, col)
}

/// Tera's error and its causes, in one line (its own English words: to
/// find the template it names).
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// A compiled theme, and the site whose templates may be in it: an error in
/// one of them names the officer's file.
#[derive(Clone, Copy)]
pub struct Theme<'a> {
    pub tera: &'a Tera,
    pub overrides: &'a [(String, String)],
    pub site_root: &'a Path,
}

impl Theme<'_> {
    pub fn error(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, self.overrides, self.site_root)
    }
}

pub fn template_error(
    e: &tera::Error,
    overrides: &[(String, String)],
    site_root: &Path,
) -> Diagnostic {
    // Tera's own chain names the template; the officer reads our words.
    let english = error_chain(e);
    let own = overrides.iter().find(|(name, _)| {
        english.contains(&format!("'{name}'")) || english.contains(&format!("`{name}`"))
    });
    let file = match own {
        Some((name, _)) => site_root.join("templates").join(name),
        None => site_root.join("templates"),
    };
    let (chain, pos) = tera_words::words(e);
    // A position only means something in the officer's own file.
    if let Some(pos) = pos.filter(|_| own.is_some()) {
        return Diagnostic::new(file, Some(pos), Message::TemplateBroken { chain });
    }
    // tera says where it stopped only for a syntax error. When rendering,
    // it names what is missing (a filter, a variable, a template): that
    // name, where the site's templates write it, is the place to fix.
    let written = chain
        .rsplit('`')
        .nth(1)
        .filter(|name| !name.is_empty())
        .and_then(|name| {
            let named_first = own.into_iter().chain(overrides);
            named_first
                .filter_map(|(file, text)| Some((file, text, text.find(name)?)))
                .next()
        });
    match written {
        Some((name, text, at)) => Diagnostic::new(
            site_root.join("templates").join(name),
            Some(position_of(text, at)),
            Message::TemplateBroken { chain },
        ),
        None => Diagnostic::new(file, None, Message::TemplateBroken { chain }),
    }
}

/// The most one page or file may weigh once rendered. The largest bangtin
/// writes are a few MB (10,000 guides listed on one page: 1.5 MB); a site
/// template looping a hundred million times filled 7.7 GB of memory before
/// its page was done.
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// What stops a page past [`MAX_PAGE_BYTES`], as tera's error chain carries
/// it and `tera_words` says it.
pub(crate) const PAGE_TOO_LONG: &str = "trang dựng ra dài quá 64 MB (có thể một vòng lặp for trong mẫu chạy quá nhiều lần), nên bangtin dừng lại";

/// Template `name` rendered into bytes, stopped at [`MAX_PAGE_BYTES`].
pub fn render_bytes(
    tera: &Tera,
    name: &str,
    context: &tera::Context,
    capacity: usize,
) -> tera::Result<Vec<u8>> {
    let mut out = Capped(Vec::with_capacity(capacity));
    tera.render_to(name, context, &mut out)?;
    Ok(out.0)
}

/// [`render_bytes`] as text (tera writes only whole `str` pieces).
pub fn render_string(tera: &Tera, name: &str, context: &tera::Context) -> tera::Result<String> {
    let bytes = render_bytes(tera, name, context, 0)?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A page's bytes, refusing to grow past [`MAX_PAGE_BYTES`].
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.0.len() + buf.len() > MAX_PAGE_BYTES {
            return Err(std::io::Error::other(PAGE_TOO_LONG));
        }
        self.0.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Autoescaping for every value in a page: `& < > " '` become entities, which is
/// all HTML text and quoted attributes need. Tera's default also writes `/` as
/// `&#x2F;`, adding ten bytes to every date and link for nothing.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    push_escaped(&mut out, input);
    out
}

/// `escape_html` appended to `out`, for markup written in Rust (`rows.rs`).
pub fn push_escaped(out: &mut String, input: &str) {
    let mut rest = input;
    // Bytes, not chars: the five are ASCII, so they never sit inside a
    // multi-byte character, and a byte scan is several times faster.
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#x27;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::{built_assets, escape_html, removed_variable, without_comments, ASSETS};

    #[test]
    fn stylesheets_are_built_without_their_comments() {
        assert_eq!(
            without_comments("a{}\n/* why\n   two lines */\nb{} /* z */\n  /* c */\nc{}\n"),
            "a{}\nb{}\nc{}\n"
        );
        for ((path, built), (_, source)) in built_assets().iter().zip(ASSETS) {
            let (built, source) = (
                String::from_utf8_lossy(built),
                String::from_utf8_lossy(source),
            );
            if !path.ends_with(".css") {
                assert_eq!(built, source);
                continue;
            }
            assert!(!built.contains("/*") && !built.contains("*/"), "{path}");
            // What the comments leave: every rule, in order, byte for byte.
            let rules = |css: &str| -> Vec<String> {
                css.lines()
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            };
            let mut expected = String::new();
            let mut rest = source.as_ref();
            while let Some((before, after)) = rest.split_once("/*") {
                expected.push_str(before);
                expected.push('\n');
                rest = after.split_once("*/").map_or("", |(_, a)| a);
            }
            expected.push_str(rest);
            assert_eq!(rules(&built), rules(&expected), "{path}");
            assert!(built.len() < source.len(), "{path}");
        }
    }

    #[test]
    fn old_day_loops_are_found_only_in_tags() {
        assert_eq!(removed_variable("{% if days %}"), Some(6));
        assert!(removed_variable("{% for day in week.days %}").is_some());
        assert!(removed_variable("{{ m::session_table(days=days) }}").is_some());
        assert_eq!(
            removed_variable("<p>Lịch 90 days</p>{{ session_rows | safe }}"),
            None
        );
        assert_eq!(
            removed_variable("{% for d in holidays %}{{ d.days_left }}"),
            None
        );
        assert_eq!(removed_variable("{ {{"), None);
    }

    #[test]
    fn escapes_markup_but_not_slashes() {
        assert_eq!(escape_html("29/11/2022"), "29/11/2022");
        assert_eq!(
            escape_html(r#"<a href="x" onclick='y'>&"#),
            "&lt;a href=&quot;x&quot; onclick=&#x27;y&#x27;&gt;&amp;"
        );
    }
}
