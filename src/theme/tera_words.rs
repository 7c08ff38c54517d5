//! Tera's errors in Vietnamese (issue 20): tera words its errors in English
//! ("Failed to render 'page.html': Variable `x` not found in context…"),
//! which officers can't read. Each level of the error chain is matched
//! against the shapes tera writes and reworded, keeping the names it quotes;
//! a shape not listed here is said in general words with those names. A
//! syntax error also gives its line and column.

use crate::diagnostics::Pos;

/// Tera's error as one Vietnamese line, and where in the template it is
/// when tera says (syntax errors).
pub fn words(e: &tera::Error) -> (String, Option<Pos>) {
    let mut levels = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        levels.push(s.to_string());
        source = s.source();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut pos = None;
    for level in &levels {
        if let Some(p) = syntax_position(level) {
            pos = Some(p);
            parts.push(format!("viết sai cú pháp ở dòng {}, cột {}", p.line, p.col));
            // pest's list of what it expected is English grammar names.
            break;
        }
        match level_words(level) {
            Some(words) => parts.push(words),
            None => {
                parts.push(general_words(level));
                break;
            }
        }
    }
    parts.dedup();
    (parts.join(": "), pos)
}

/// pest's " --> 3:7" line.
fn syntax_position(level: &str) -> Option<Pos> {
    let at = level.split("--> ").nth(1)?;
    let (line, rest) = at.split_once(':')?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Pos::new(line.trim().parse().ok()?, col.parse().ok()?))
}

/// The names tera quotes in `level`, in order: between backticks, single
/// or double quotes.
fn quoted(level: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = level;
    while let Some(start) = rest.find(['`', '\'', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('`');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        names.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    names
}

fn level_words(level: &str) -> Option<String> {
    let q = quoted(level);
    let name = |i: usize| q.get(i).cloned().unwrap_or_default();
    let starts = |p: &str| level.starts_with(p);
    let words = if starts("Failed to parse") {
        format!("mẫu {} không đọc được", name(0))
    } else if starts("Failed to render") {
        let mut w = format!("lỗi khi dựng trang bằng mẫu {}", name(0));
        if level.contains("error while rendering macro") {
            w.push_str(&format!(", trong macro `{}`", name(1)));
        }
        w
    } else if starts("Variable") && level.contains("not found in context") {
        format!(
            "không có biến `{}` (có thể tên viết sai, hoặc mẫu này không có biến đó)",
            name(0)
        )
    } else if starts("Filter '") && level.ends_with("not found") {
        format!("không có bộ lọc (filter) `{}`", name(0))
    } else if starts("Function '") && level.ends_with("not found") {
        format!("không có hàm `{}`", name(0))
    } else if starts("Test '") && level.ends_with("not found") {
        format!("không có phép thử (test) `{}`", name(0))
    } else if starts("Template '") && level.ends_with("not found") {
        let missing = name(0);
        format!(
            "không có mẫu `{}`",
            missing.trim_start_matches('[').trim_end_matches(']')
        )
    } else if level.contains("is inheriting from") {
        format!(
            "mẫu {} kế thừa (extends) mẫu {}, nhưng không có mẫu đó",
            name(0),
            name(1)
        )
    } else if level.contains("loads macros from") {
        format!(
            "mẫu {} nạp macro từ mẫu {}, nhưng không có mẫu đó",
            name(0),
            name(1)
        )
    } else if starts("Circular extend") {
        format!("mẫu {} kế thừa (extends) vòng lại chính nó", name(0))
    } else if starts("Block") && level.contains("is duplicated") {
        format!("khối (block) `{}` được khai báo hai lần", name(0))
    } else if starts("Macro namespace") {
        format!("chưa nạp (import) nhóm macro `{}`", name(0))
    } else if starts("Macro `") && level.contains("not found") {
        format!("không có macro `{}`", name(0))
    } else if starts("Filter call") {
        format!("bộ lọc `{}` không chạy được", name(0))
    } else if starts("Function call") {
        format!("hàm `{}` không chạy được", name(0))
    } else if starts("Test call") {
        format!("phép thử `{}` không chạy được", name(0))
    } else if level.contains("received an incorrect type for arg") {
        format!(
            "tham số `{}` của `{}` sai kiểu (giá trị {})",
            name(1),
            name(0),
            name(2)
        )
    } else if starts("Forloop containers") || starts("Tried to iterate") {
        "vòng lặp for chỉ chạy trên một danh sách hoặc một bảng".to_string()
    } else if starts("Tried to do math") || level.contains("divide by zero") {
        "phép tính trong mẫu không làm được (không phải số, hoặc chia cho 0)".to_string()
    } else if starts("Io error while writing") || level == super::PAGE_TOO_LONG {
        // Writing to memory fails only where `Capped` stops a page.
        super::PAGE_TOO_LONG.to_string()
    } else if starts("Invalid macro definition") {
        format!("macro `{}` khai báo sai", name(0))
    } else {
        return None;
    };
    Some(words)
}

/// A shape of error not listed above: said in general words, with the
/// names tera quoted, which are the template's own.
fn general_words(level: &str) -> String {
    let names = quoted(level);
    if names.is_empty() {
        "tera (bộ dựng mẫu) không dựng được mẫu này".to_string()
    } else {
        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        format!(
            "tera (bộ dựng mẫu) không dựng được mẫu này, ở chỗ có {}",
            names.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tera's error for `template` (named page.html), in our words.
    fn said(template: &str) -> (String, Option<Pos>) {
        let mut tera = tera::Tera::default();
        let e = match tera.add_raw_template("page.html", template) {
            Err(e) => e,
            Ok(()) => tera
                .render("page.html", &tera::Context::new())
                .expect_err(template),
        };
        words(&e)
    }

    #[test]
    fn common_template_mistakes_are_worded_in_vietnamese() {
        let cases = [
            ("{% if %}x{% endif %}", "viết sai cú pháp ở dòng 1, cột 7"),
            ("{{ khong_co }}", "không có biến `khong_co`"),
            (
                "{{ 1 | khong_loc }}",
                "không có bộ lọc (filter) `khong_loc`",
            ),
            ("{{ khong_ham() }}", "không có hàm `khong_ham`"),
            ("{% include \"khong.html\" %}", "không có mẫu `khong.html`"),
            (
                "{% extends \"khong.html\" %}",
                "kế thừa (extends) mẫu khong.html",
            ),
            (
                "{% block a %}{% endblock %}{% block a %}{% endblock %}",
                "khối (block) `a`",
            ),
            ("{{ m::x() }}", "chưa nạp (import) nhóm macro `m`"),
            ("{% for x in 5 %}{% endfor %}", "vòng lặp for"),
            (
                "{{ \"a\" | truncate(length=\"b\") }}",
                "tham số `length` của `truncate` sai kiểu",
            ),
        ];
        for (template, expected) in cases {
            let (text, _) = said(template);
            assert!(text.contains(expected), "{template}: {text}");
            let english = [
                "Failed",
                "not found",
                "Variable",
                "expected",
                "Template",
                "while",
            ];
            assert!(
                !english.iter().any(|w| text.contains(w)),
                "{template}: {text}"
            );
        }
        assert_eq!(said("\n\n  {% if %}").1, Some(Pos::new(3, 9)));
    }

    #[test]
    fn an_unknown_shape_keeps_the_names_only() {
        assert_eq!(
            general_words("Something `odd` happened with 'x'"),
            "tera (bộ dựng mẫu) không dựng được mẫu này, ở chỗ có `odd`, `x`"
        );
    }
}
