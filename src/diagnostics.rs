//! Problems found in an officer's content, as values. Every stage returns these;
//! `render_report` is the one place that turns them into text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }

    /// This position seen from a file in which the parsed text starts at `first_line`
    /// (front matter starts on line 2 of a markdown file).
    pub fn shifted(self, first_line: u32) -> Self {
        Pos {
            line: self.line + first_line.saturating_sub(1),
            col: self.col,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the officer knows it (the site folder joined with the relative path).
    pub file: PathBuf,
    pub pos: Option<Pos>,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// How to fix it, in Vietnamese.
    pub hint: Option<String>,
    /// The offending line of the file, attached before printing.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Everything found so far, in the order found; sorted before printing.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        sort(&mut self.items);
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// By file, then line and column, errors before warnings at the same place.
pub fn sort(items: &mut [Diagnostic]) {
    items.sort_by(|a, b| {
        (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
    });
}

/// Attach the offending source line to each diagnostic whose file text is known.
pub fn attach_source_lines(items: &mut [Diagnostic], sources: &BTreeMap<PathBuf, String>) {
    for d in items.iter_mut() {
        let (Some(pos), Some(text)) = (d.pos, sources.get(&d.file)) else {
            continue;
        };
        if pos.line == 0 {
            continue;
        }
        d.source_line = text
            .lines()
            .nth(pos.line as usize - 1)
            .map(|l| l.trim_end().to_string());
    }
}

fn location(file: &Path, pos: Option<Pos>) -> String {
    match pos {
        Some(p) if p.line > 0 && p.col > 0 => format!("{}:{}:{}", file.display(), p.line, p.col),
        Some(p) if p.line > 0 => format!("{}:{}", file.display(), p.line),
        _ => file.display().to_string(),
    }
}

/// Text for one diagnostic, as officers read it:
///
/// ```text
/// lỗi: content/schedules/lich.yaml:12:11: Ngày 31/02/2023 không có thật …
///    12 |     date: 31/02/2023
///       |           ^
///   Cách sửa: …
/// ```
pub fn render_one(d: &Diagnostic) -> String {
    let label = match d.severity {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
    };
    let mut out = format!("{label}: {}: {}\n", location(&d.file, d.pos), d.message);
    if let (Some(line), Some(pos)) = (&d.source_line, d.pos) {
        let number = pos.line.to_string();
        let gutter = " ".repeat(number.len());
        let (shown, caret) = excerpt(line, pos.col as usize);
        let _ = writeln!(out, "  {number} | {shown}");
        if let Some(caret) = caret {
            // The caret sits under the character, counted in chars not bytes.
            let pad: String = shown
                .chars()
                .take(caret)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "  {gutter} | {pad}^");
        }
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  Cách sửa: {hint}");
    }
    out
}

/// At most this many characters of a source line are quoted.
const QUOTE_WIDTH: usize = 100;

/// The part of `line` worth quoting around 1-based column `col` (a pasted
/// line may be megabytes long), and the caret's 0-based place in it.
fn excerpt(line: &str, col: usize) -> (String, Option<usize>) {
    let length = line.chars().count();
    let caret = col.checked_sub(1);
    if length <= QUOTE_WIDTH {
        return (line.to_string(), caret);
    }
    let start = caret.map_or(0, |c| c.saturating_sub(QUOTE_WIDTH / 3));
    let start = start.min(length.saturating_sub(QUOTE_WIDTH));
    let mut shown: String = line.chars().skip(start).take(QUOTE_WIDTH).collect();
    let mut caret = caret.map(|c| c - start.min(c));
    if start > 0 {
        shown.insert(0, '…');
        caret = caret.map(|c| c + 1);
    }
    if start + QUOTE_WIDTH < length {
        shown.push('…');
    }
    (shown, caret)
}

/// All diagnostics, sorted, followed by a count line.
pub fn render_report(items: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in items {
        out.push_str(&render_one(d));
    }
    let errors = items.iter().filter(|d| d.is_error()).count();
    let warnings = items.len() - errors;
    if errors > 0 || warnings > 0 {
        let _ = writeln!(out, "{}", count_line(errors, warnings));
    }
    out
}

pub fn count_line(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, w) => format!("Có {w} cảnh báo."),
        (e, 0) => format!("Có {e} lỗi."),
        (e, w) => format!("Có {e} lỗi và {w} cảnh báo."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_quoted_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let mut d = Diagnostic::error("x.yaml", Some(Pos::new(1, 5001)), "lỗi");
        d.source_line = Some(line);
        let text = render_one(&d);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].chars().count() < 120, "{}", lines[1]);
        let quoted = lines[1].split(" | ").nth(1).unwrap();
        let caret = lines[2].split(" | ").nth(1).unwrap();
        assert_eq!(quoted.chars().nth(caret.chars().count() - 1), Some('X'));
        for col in [0, 1, 2, 99, 100, 101, 9999, 10001, 20000] {
            d.pos = Some(Pos::new(1, col));
            let _ = render_one(&d);
        }
    }
}
