//! Guides and pages: YAML front matter between `---` lines, then markdown.

use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Document, Source};
use crate::vi;
use crate::yaml::{self, Spanned};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Text,
    summary: Text,
    order: Option<Spanned<i64>>,
    draft: Option<bool>,
}

/// (front matter, body, line where the front matter starts), or None when the
/// text does not open with a `---` line.
pub fn split_front_matter(text: &str) -> Option<Result<(&str, &str), ()>> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('\n')?;
    // The closing line is `---` (or YAML's `...`) on its own.
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some(Ok((front, body)));
        }
        offset += line.len();
    }
    Some(Err(()))
}

/// The front matter and the body, or None with the problem reported.
pub(super) fn front_and_body<'t>(
    file: &Path,
    text: &'t str,
    diags: &mut Diagnostics,
) -> Option<(&'t str, &'t str)> {
    match split_front_matter(text) {
        Some(Ok(parts)) => Some(parts),
        Some(Err(())) => {
            diags.push(Diagnostic::new(
                file,
                Some(Pos::new(1, 1)),
                Message::FrontMatterUnclosed,
            ));
            None
        }
        None => {
            diags.push(Diagnostic::new(
                file,
                Some(Pos::new(1, 1)),
                Message::FrontMatterMissing,
            ));
            None
        }
    }
}

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Document> {
    let (front, body) = front_and_body(file, text, diags)?;
    let fm: FrontMatter = match yaml::from_str(front) {
        Ok(fm) => fm,
        Err(e) => {
            // Front matter starts on the file's second line.
            diags.push(Diagnostic::new(
                file,
                e.pos.map(|p| p.shifted(2)),
                Message::YamlSyntax {
                    what: e.message,
                    fix: e.hint,
                },
            ));
            return None;
        }
    };
    let title = required_title(&fm.title, file, diags)?;
    let stem = url_stem(file, diags);
    Some(Document {
        stem,
        title,
        summary: optional(&fm.summary),
        order: fm.order.map(|o| o.value),
        draft: fm.draft.unwrap_or(false),
        body: body.to_string(),
        body_line: body_line(text, body),
        source: Source {
            file: file.to_path_buf(),
            pos: Some(Pos::new(1, 1)),
        },
    })
}

/// The line of `text` on which `body`, a slice of it, starts.
pub(super) fn body_line(text: &str, body: &str) -> u32 {
    let start = text.len().saturating_sub(body.len());
    text.get(..start).map_or(0, |t| t.matches('\n').count()) as u32 + 1
}

/// The `title` of a front matter, which every document needs.
pub(super) fn required_title(title: &Text, file: &Path, diags: &mut Diagnostics) -> Option<String> {
    let title = fields::optional_located(title).map(|t| t.value);
    if title.is_none() {
        diags.push(Diagnostic::new(
            file,
            Some(Pos::new(1, 1)),
            Message::TitleMissing,
        ));
    }
    title
}

/// The file name as the last part of a URL: kept when it is already a clean
/// slug, otherwise slugged with a warning.
pub(super) fn url_stem(file: &Path, diags: &mut Diagnostics) -> String {
    let stem = slugged_stem(file, diags);
    // The page is written to <stem>/index.html: a folder Windows can't hold.
    if crate::disk::is_windows_reserved(&stem) {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        diags.push(Diagnostic::new(
            file,
            None,
            Message::WindowsReservedFileName {
                name,
                suggestion: format!("{stem}-1.md"),
            },
        ));
    }
    stem
}

fn slugged_stem(file: &Path, diags: &mut Diagnostics) -> String {
    let raw_stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if vi::slug::is_valid_slug(&raw_stem) {
        raw_stem
    } else {
        let slug = vi::slug::slugify(&raw_stem);
        let slug = if slug.is_empty() {
            "bai".to_string()
        } else {
            slug
        };
        diags.push(Diagnostic::new(
            file,
            None,
            Message::FileNameNotSlug {
                name: raw_stem,
                slug: slug.clone(),
            },
        ));
        slug
    }
}
