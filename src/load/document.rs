//! Guides and pages: YAML front matter between `---` lines, then markdown.

use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
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

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Document> {
    let raw_stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (front, body) = match split_front_matter(text) {
        Some(Ok(parts)) => parts,
        Some(Err(())) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(Pos::new(1, 1)),
                    "Phần đầu (front matter) mở bằng dòng --- nhưng không có dòng --- đóng lại.",
                )
                .with_hint("Thêm một dòng chỉ có --- sau các dòng title, summary."),
            );
            return None;
        }
        None => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(Pos::new(1, 1)),
                    "Tệp không có phần đầu (front matter) với tiêu đề.",
                )
                .with_hint("Bắt đầu tệp bằng ba dòng:\n---\ntitle: Tiêu đề của bài\n---"),
            );
            return None;
        }
    };
    let fm: FrontMatter = match yaml::from_str(front) {
        Ok(fm) => fm,
        Err(e) => {
            // Front matter starts on the file's second line.
            diags.push(
                Diagnostic::error(file, e.pos.map(|p| p.shifted(2)), e.message).with_hint(e.hint),
            );
            return None;
        }
    };
    let title = match fields::optional_located(&fm.title) {
        Some(t) => t.value,
        None => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(Pos::new(1, 1)),
                    "Thiếu tiêu đề: phần đầu không có `title`.",
                )
                .with_hint(
                    "Thêm một dòng title: … giữa hai dòng ---, ví dụ title: Cài đặt ứng dụng VNeID",
                ),
            );
            return None;
        }
    };
    let stem = if vi::slug::is_valid_slug(&raw_stem) {
        raw_stem
    } else {
        let slug = vi::slug::slugify(&raw_stem);
        let slug = if slug.is_empty() {
            "bai".to_string()
        } else {
            slug
        };
        diags.push(
            Diagnostic::warning(
                file,
                None,
                format!("Tên tệp \"{raw_stem}\" có dấu, chữ hoa hoặc dấu cách; địa chỉ trang sẽ dùng \"{slug}\"."),
            )
            .with_hint(format!("Đổi tên tệp thành {slug}.md để địa chỉ trang rõ ràng.")),
        );
        slug
    };
    Some(Document {
        stem,
        title,
        summary: optional(&fm.summary),
        order: fm.order.map(|o| o.value),
        draft: fm.draft.unwrap_or(false),
        body: body.to_string(),
        body_line: text[..text.len() - body.len()].matches('\n').count() as u32 + 1,
        source: Source {
            file: file.to_path_buf(),
            pos: Some(Pos::new(1, 1)),
        },
    })
}
