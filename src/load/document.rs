//! Guides and pages: YAML front matter between `---` lines, then markdown.

use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Document, Source};
use crate::vi;
use crate::yaml::{self, Scalar, ScalarKind, Spanned};

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Text,
    summary: Text,
    order: Option<Spanned<i64>>,
    draft: Option<bool>,
}

/// `FrontMatter`'s keys, for the fast reader (`yaml::read_flat`).
const FRONT_MATTER_KEYS: [(&str, ScalarKind); 4] = [
    ("title", ScalarKind::Text),
    ("summary", ScalarKind::Text),
    ("order", ScalarKind::Int),
    ("draft", ScalarKind::Bool),
];

impl FrontMatter {
    /// The plain case read fast; anything else (and every error) by serde-saphyr.
    fn read(front: &str) -> Result<FrontMatter, yaml::YamlError> {
        match Self::read_fast(front) {
            Some(fm) => Ok(fm),
            None => yaml::from_str(front),
        }
    }

    fn read_fast(front: &str) -> Option<FrontMatter> {
        let mut values = yaml::read_flat(front, &FRONT_MATTER_KEYS)?.into_iter();
        let mut text = || match values.next() {
            Some(Some(Scalar::Text(t))) => Some(t),
            _ => None,
        };
        let (title, summary) = (text(), text());
        let order = match values.next() {
            Some(Some(Scalar::Int(i))) => Some(i),
            _ => None,
        };
        let draft = match values.next() {
            Some(Some(Scalar::Bool(b))) => Some(b),
            _ => None,
        };
        Some(FrontMatter {
            title,
            summary,
            order,
            draft,
        })
    }
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
    let fm = match FrontMatter::read(front) {
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
    let suggestion = format!("{stem}-1.md");
    if let Some(d) = crate::disk::windows_reserved_warning(file, &stem, suggestion) {
        diags.push(d);
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::FrontMatter;
    use crate::yaml;

    /// Read fast or not, a front matter means what serde-saphyr says it means.
    /// Returns whether the fast reader took it.
    fn check_agree(front: &str) -> bool {
        let Some(fast) = FrontMatter::read_fast(front) else {
            return false;
        };
        match yaml::from_str::<FrontMatter>(front) {
            Ok(slow) => assert_eq!(fast, slow, "{front:?}"),
            Err(e) => panic!("fast reader took what serde-saphyr refuses: {front:?}: {e:?}"),
        }
        true
    }

    #[test]
    fn plain_front_matters_are_read_fast_and_agree() {
        for front in [
            "title: Cài đặt VNeID\n",
            "title: Cài đặt VNeID\nsummary: Từng bước, có ảnh.\norder: 2\ndraft: false\n",
            "order: 0\ntitle: 'Mức 2: mang CCCD'\n",
            "title: \"Hỏi đáp\"\norder: -3\ndraft: true\n",
            "title: Hỏi đáp # chú thích\nsummary:\norder: ~\n",
            "title: 123\n",
            "title: true\nsummary: null\n",
            "title: >\n  Hai\n  dòng\n",
            "title: |\n  Hai\n  dòng\n",
            "title: Mục\n\n\n# cuối\n",
        ] {
            assert!(check_agree(front), "not read fast: {front:?}");
        }
    }

    #[test]
    fn unusual_front_matters_are_left_to_serde_saphyr() {
        for front in [
            "",
            "# chỉ chú thích\n",
            "title: A\ntitle: B\n",
            "title: A\nauthor: B\n",
            "order: 007\n",
            "order: +3\n",
            "order: 1_000\n",
            "order: 0x10\n",
            "order: -0\n",
            "order: 12345678901234567890\n",
            "order: '5'\n",
            "order: 1.5\n",
            "draft: yes\n",
            "draft: True\n",
            "draft: 'true'\n",
            "title: &a A\nsummary: *a\n",
            "title: !!str 5\n",
            "title: \"D:\\Lich\"\n",
            "title: [a, b]\n",
            "title: {a: b}\n",
            "- title\n",
            "title: A\n---\ntitle: B\n",
            "title: 'không đóng\n",
        ] {
            assert!(
                FrontMatter::read_fast(front).is_none(),
                "read fast: {front:?}"
            );
        }
    }

    fn front_matter() -> impl Strategy<Value = String> {
        let value = prop::sample::select(vec![
            "",
            "~",
            "null",
            "0",
            "7",
            "-2",
            "007",
            "+1",
            "1_0",
            "0x1f",
            "1.5",
            "true",
            "false",
            "yes",
            "True",
            "'5'",
            "\"true\"",
            "Cài đặt VNeID",
            "'a: b'",
            "a # b",
            "&x A",
            "*x",
            "!!str 3",
            "[a]",
            "{a: b}",
            ">\n  a\n  b",
            "|-\n  a",
            "\"Đường \\\"A\\\"\"",
            "\"D:\\Lich\"",
            "!Quan trọng",
        ]);
        let key = prop::sample::select(vec!["title", "summary", "order", "draft", "author"]);
        prop::collection::vec((key, value), 0..5)
            .prop_map(|pairs| pairs.iter().map(|(k, v)| format!("{k}: {v}\n")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn fast_front_matter_reader_agrees_with_serde_saphyr(front in front_matter()) {
            check_agree(&front);
        }
    }
}
