//! The page `serve` shows in place of the site while the content has errors:
//! the same diagnostics `bangtin check` prints (place, what is wrong, the
//! offending line, how to fix it), readable by an officer in a browser. It
//! is self-contained: it must work when the theme itself is what is broken.

use std::fmt::Write as _;
use std::path::Path;

use tera::escape_html;

use crate::diagnostics::{self, Diagnostic};

pub fn render(problems: &[Diagnostic], root: &Path, has_old_version: bool) -> String {
    // One mistake repeated on many rows is shown once, as `check` prints it.
    let mistakes = diagnostics::mistakes(problems);
    let errors = mistakes.iter().filter(|m| m.first().is_error()).count();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Nội dung có lỗi – bangtin</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>Nội dung có {errors} lỗi: trang chưa được cập nhật</h1>\n\
         <p>bangtin đã đọc lại thư mục <code>{}</code> nhưng gặp lỗi, nên chưa dựng lại trang. \
         Sửa từng lỗi dưới đây rồi lưu tệp: trang này tự tải lại.</p>\n",
        escape_html(&root.display().to_string())
    );
    if has_old_version {
        html.push_str(
            "<p><a class=\"old\" href=\"?ban-cu\">Xem bản cũ của trang này</a> \
             (bản dựng tốt gần nhất, trước khi có lỗi).</p>\n",
        );
    } else {
        html.push_str("<p>Chưa có bản nào dựng được: sửa các lỗi để xem trang.</p>\n");
    }
    html.push_str("<ol>\n");
    for shown in diagnostics::shown(&mistakes) {
        let m = match shown {
            diagnostics::Shown::One(m) => m,
            diagnostics::Shown::More { like, count, lines } => {
                let _ = writeln!(
                    html,
                    "<li class=\"more\"><p>{}</p></li>",
                    escape_html(&diagnostics::more_line(like, count, &lines))
                );
                continue;
            }
        };
        let d = m.first();
        let (class, label) = match d.severity {
            diagnostics::Severity::Error => ("error", "Lỗi"),
            diagnostics::Severity::Warning => ("warning", "Cảnh báo"),
            diagnostics::Severity::Note => ("note", "Ghi chú"),
        };
        let _ = write!(
            html,
            "<li class=\"{class}\">\n<p class=\"where\"><strong>{label}</strong> ở <code>{}</code></p>\n\
             <p class=\"what\">{}</p>\n",
            escape_html(&diagnostics::location(&d.file, d.pos)),
            escape_html(&match m.places_note() {
                Some(note) => format!("{} {note}", d.message),
                None => d.message.clone(),
            })
        );
        if let Some(excerpt) = diagnostics::excerpt(d) {
            let _ = writeln!(html, "<pre>{}</pre>", escape_html(excerpt.trim_end()));
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(
                html,
                "<p class=\"fix\"><strong>Cách sửa:</strong> {}</p>",
                escape_html(hint)
            );
        }
        html.push_str("</li>\n");
    }
    let _ = write!(
        html,
        "</ol>\n<p>{}</p>\n</main>\n</body>\n</html>\n",
        escape_html(&diagnostics::summary(&mistakes))
    );
    html
}

const STYLE: &str =
    "body{margin:0;background:#fdf6f6;color:#1b1b1b;font:1.05rem/1.5 system-ui,sans-serif}\
main{max-width:52rem;margin:0 auto;padding:1rem}\
h1{color:#a30000;font-size:1.5rem}\
ol{padding-left:1.4rem}\
li{background:#fff;border-left:.4rem solid #c00;margin:1rem 0;padding:.6rem 1rem}\
li.warning{border-left-color:#b58100}\
li.note{border-left-color:#4a6fa5}\
.where,.what,.fix{margin:.3rem 0}\
pre{background:#f3f3f3;padding:.5rem;overflow-x:auto;font-size:.95rem}\
code{overflow-wrap:anywhere}\
a.old{font-weight:bold}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;

    #[test]
    fn lists_each_problem_escaped_with_place_excerpt_and_fix() {
        let mut d = Diagnostic::error(
            "content/schedules/lich.yaml",
            Some(Pos::new(3, 11)),
            "`date`: ngày 31/02/2023 không có thật <b>",
        )
        .with_hint("Kiểm tra lại ngày & tháng.");
        d.source_line = Some("    date: 31/02/2023".into());
        let html = render(&[d], Path::new("content"), true);
        let doc = scraper::Html::parse_document(&html);
        let text = |css: &str| -> Vec<String> {
            let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{e:?}"));
            doc.select(&sel).map(|e| e.text().collect()).collect()
        };
        assert_eq!(
            text("li.error .where code"),
            ["content/schedules/lich.yaml:3:11"]
        );
        assert_eq!(
            text("li.error .what"),
            ["`date`: ngày 31/02/2023 không có thật <b>"]
        );
        assert_eq!(
            text("li.error pre"),
            ["  3 |     date: 31/02/2023\n    |           ^"]
        );
        assert_eq!(
            text("li.error .fix"),
            ["Cách sửa: Kiểm tra lại ngày & tháng."]
        );
        assert_eq!(text("a.old"), ["Xem bản cũ của trang này"]);
        assert!(text("h1")[0].contains("Nội dung có 1 lỗi"), "{html}");
    }
}
