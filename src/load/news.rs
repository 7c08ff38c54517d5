//! `news/*.md`: dated news items, with the same front matter rules as guides.

use std::path::Path;

use serde::Deserialize;

use super::document::{front_and_body, required_title, url_stem};
use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Document, NewsItem, Source};
use crate::yaml;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Text,
    date: Text,
    summary: Text,
}

/// Front matter starts on the file's second line.
const FRONT_MATTER_LINE: u32 = 2;

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<NewsItem> {
    let (front, body) = front_and_body(file, text, diags)?;
    let fm: FrontMatter = match yaml::from_str(front) {
        Ok(fm) => fm,
        Err(e) => {
            diags.push(Diagnostic::new(
                file,
                e.pos.map(|p| p.shifted(FRONT_MATTER_LINE)),
                Message::YamlSyntax {
                    what: e.message,
                    fix: e.hint,
                },
            ));
            return None;
        }
    };
    let title = required_title(&fm.title, file, diags);
    // Field positions count from the front matter; a missing date points at its first line.
    let mut local = Diagnostics::default();
    let date = fields::required_date(&fm.date, "date", None, file, &mut local);
    diags.extend(local.into_iter().map(|mut d| {
        d.pos = Some(
            d.pos
                .map_or(Pos::new(1, 1), |p| p.shifted(FRONT_MATTER_LINE)),
        );
        d
    }));
    let (title, date) = (title?, date?);
    Some(NewsItem {
        date,
        doc: Document {
            stem: url_stem(file, diags),
            title,
            summary: optional(&fm.summary),
            order: None,
            draft: false,
            body: body.to_string(),
            body_line: super::document::body_line(text, body),
            source: Source {
                file: file.to_path_buf(),
                pos: Some(Pos::new(1, 1)),
            },
        },
    })
}
