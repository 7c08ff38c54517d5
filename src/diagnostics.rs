//! Problems found in an officer's content, as values. Every stage returns these;
//! `render_report` is the one place that turns them into text.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub mod catalogue;
pub use catalogue::Message;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Nothing to fix, worth knowing (a schedule used a hamlet's other name).
    Note,
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
    /// A problem at `file` (and `pos`), saying what the catalogue's `message` says.
    pub fn new(file: impl Into<PathBuf>, pos: Option<Pos>, message: Message) -> Self {
        Diagnostic {
            severity: message.severity(),
            file: file.into(),
            pos,
            hint: message.hint(),
            message: message.text(),
            source_line: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Free-form diagnostics, for tests of how diagnostics print: everything
/// bangtin says comes from the catalogue.
#[cfg(test)]
impl Diagnostic {
    pub(crate) fn error(file: impl Into<PathBuf>, pos: Option<Pos>, message: &str) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.to_string(),
            hint: None,
            source_line: None,
        }
    }

    pub(crate) fn warning(file: impl Into<PathBuf>, pos: Option<Pos>, message: &str) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub(crate) fn with_hint(mut self, hint: &str) -> Self {
        self.hint = Some(hint.to_string());
        self
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

/// Attach the offending source line to each diagnostic whose file text is
/// known. Each file's lines are found once (a CSV file of 100,000 bad rows
/// gives 100,000 diagnostics: looking each line up from the start of the
/// file took minutes).
pub fn attach_source_lines(items: &mut [Diagnostic], sources: &BTreeMap<PathBuf, String>) {
    let mut line_starts: HashMap<&Path, Vec<usize>> = HashMap::new();
    for d in items.iter_mut() {
        let (Some(pos), Some((file, text))) = (d.pos, sources.get_key_value(&d.file)) else {
            continue;
        };
        if pos.line == 0 {
            continue;
        }
        let starts = line_starts.entry(file.as_path()).or_insert_with(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let line = pos.line as usize - 1;
        d.source_line = starts
            .get(line)
            .filter(|&&start| start < text.len())
            .map(|&start| {
                let end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
                text[start..end].trim_end().to_string()
            });
    }
}

/// Files whose positions are rows and columns of a table, not lines and characters.
const SPREADSHEET_EXTENSIONS: &[&str] = &["csv", "xlsx", "xlsm"];

fn has_spreadsheet_extension(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SPREADSHEET_EXTENSIONS
            .iter()
            .any(|x| x.eq_ignore_ascii_case(e))
    })
}

/// How a sheet of a workbook is named in diagnostics: `<workbook>/<sheet>`.
/// Excel forbids `/` and `\` in sheet names, so the sheet is one path component;
/// `location` prints it as `lich.xlsx: trang "Lịch"`. Positions in a spreadsheet
/// (CSV file or sheet) are `Pos { line: row, col: column }`, both from 1.
pub fn sheet_file(workbook: &Path, sheet: &str) -> PathBuf {
    workbook.join(sheet)
}

/// The workbook and sheet name of a path made by `sheet_file`, the file alone
/// for a CSV file, or None for any other file.
fn spreadsheet_parts(file: &Path) -> Option<(&Path, Option<String>)> {
    if has_spreadsheet_extension(file) {
        return Some((file, None));
    }
    let workbook = file.parent().filter(|p| has_spreadsheet_extension(p))?;
    let sheet = file.components().next_back()?.as_os_str().to_string_lossy();
    Some((workbook, Some(sheet.into_owned())))
}

/// Excel's name for a column: 1 → A, 26 → Z, 27 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = col;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Where a problem is, as printed: `file:line:col`, or for a spreadsheet
/// `lich.xlsx: trang "Lịch", dòng 5, cột C`.
pub fn location(file: &Path, pos: Option<Pos>) -> String {
    if let Some((workbook, sheet)) = spreadsheet_parts(file) {
        let mut out = workbook.display().to_string();
        let mut parts = Vec::new();
        if let Some(sheet) = sheet {
            parts.push(format!("trang \"{sheet}\""));
        }
        if let Some(p) = pos.filter(|p| p.line > 0) {
            parts.push(format!("dòng {}", p.line));
            if p.col > 0 {
                parts.push(format!("cột {}", column_letters(p.col)));
            }
        }
        if !parts.is_empty() {
            out.push_str(": ");
            out.push_str(&parts.join(", "));
        }
        return out;
    }
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
        Severity::Note => "ghi chú",
    };
    let mut out = format!("{label}: {}: {}\n", location(&d.file, d.pos), d.message);
    if let Some(excerpt) = excerpt(d) {
        out.push_str(&excerpt);
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
fn quote_window(line: &str, col: usize) -> (String, Option<usize>) {
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

/// The offending line with its number and a caret under the column, as
/// `render_one` prints it (also shown on `bangtin serve`'s error page).
pub fn excerpt(d: &Diagnostic) -> Option<String> {
    let (line, pos) = (d.source_line.as_ref()?, d.pos?);
    let mut out = String::new();
    let number = pos.line.to_string();
    let gutter = " ".repeat(number.len());
    // In a spreadsheet the column is a cell, not a character: no caret.
    let col = if spreadsheet_parts(&d.file).is_none() {
        pos.col as usize
    } else {
        0
    };
    let (shown, caret) = quote_window(line, col);
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
    Some(out)
}

/// One mistake: the diagnostics saying exactly the same thing (severity,
/// message, hint) in one or more places, such as one misspelt hamlet on 30
/// rows. It is printed once, quoting its first place, with the count and the
/// other places.
#[derive(Debug)]
pub struct Mistake<'a> {
    /// Every place, in report order; never empty.
    pub places: Vec<&'a Diagnostic>,
}

impl<'a> Mistake<'a> {
    pub fn first(&self) -> &'a Diagnostic {
        self.places[0]
    }

    /// "(30 dòng: 20, 62, 104, …)" in one file, "(3 chỗ: a.yaml:4, b.yaml:9,
    /// c.csv dòng 2)" across files; None for a mistake made once.
    pub fn places_note(&self) -> Option<String> {
        let n = self.places.len();
        if n < 2 {
            return None;
        }
        let first_file = &self.first().file;
        let one_file = self.places.iter().all(|d| &d.file == first_file);
        let shown: Vec<String> = self
            .places
            .iter()
            .take(PLACES_LISTED)
            .map(|d| {
                let line = d.pos.map(|p| Pos::new(p.line, 0)).filter(|p| p.line > 0);
                match (one_file, line) {
                    (true, Some(p)) => p.line.to_string(),
                    (true, None) => "?".to_string(),
                    (false, line) => location(&d.file, line),
                }
            })
            .collect();
        let more = if n > PLACES_LISTED { ", …" } else { "" };
        let unit = if one_file { "dòng" } else { "chỗ" };
        Some(format!("({n} {unit}: {}{more})", shown.join(", ")))
    }
}

/// How many places of a repeated mistake are listed by line.
const PLACES_LISTED: usize = 10;

/// The mistakes of `items` (sorted), in the order of their first place.
pub fn mistakes(items: &[Diagnostic]) -> Vec<Mistake<'_>> {
    let mut index: HashMap<(Severity, &str, Option<&str>), usize> = HashMap::new();
    let mut places: std::collections::HashSet<(usize, &Path, Option<Pos>)> = Default::default();
    let mut out: Vec<Mistake> = Vec::new();
    for d in items {
        let key = (d.severity, d.message.as_str(), d.hint.as_deref());
        match index.get(&key) {
            // A row repeated over many dates (`dates:`) is one place, once.
            Some(&i) if !places.insert((i, d.file.as_path(), d.pos)) => {}
            Some(&i) => out[i].places.push(d),
            None => {
                index.insert(key, out.len());
                places.insert((out.len(), d.file.as_path(), d.pos));
                out.push(Mistake { places: vec![d] });
            }
        }
    }
    out
}

/// Text for one mistake: its first place as `render_one` prints it, the
/// count and the other places after the message.
pub fn render_mistake(m: &Mistake) -> String {
    let first = m.first();
    match m.places_note() {
        None => render_one(first),
        Some(note) => render_one(&Diagnostic {
            message: format!("{} {note}", first.message),
            ..first.clone()
        }),
    }
}

/// How many mistakes of one kind in one file are shown in full: a column
/// read wrong gives a different error on each of 100,000 rows (`Thôn "X1"`,
/// `Thôn "X2"` …), and printing them all (30 MB) helps no one.
pub const SHOWN_PER_KIND: usize = 10;

/// A mistake shown in full, or the count of the others of its kind.
pub enum Shown<'m, 'a> {
    One(&'m Mistake<'a>),
    /// `count` more mistakes of the kind of `like`, in its file, first made
    /// on these lines (the first few).
    More {
        like: &'a Diagnostic,
        count: usize,
        lines: Vec<u32>,
    },
}

/// A kind of mistake, from its message: what is quoted and the numbers
/// (which name the value and place) left out, so `Thôn "X1" …` on row 2 and
/// `Thôn "X2" …` on row 3 are one kind.
fn mistake_kind(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                kind.push(c);
            }
            _ if quoted => {}
            '0'..='9' => {
                if !kind.ends_with('#') {
                    kind.push('#');
                }
            }
            _ => kind.push(c),
        }
    }
    kind
}

/// What to show of `mistakes`: the first [`SHOWN_PER_KIND`] of each kind in
/// each file, then, right after them, how many more.
pub fn shown<'m, 'a>(mistakes: &'m [Mistake<'a>]) -> Vec<Shown<'m, 'a>> {
    let mut kinds: HashMap<(&Path, Severity, String), Vec<usize>> = HashMap::new();
    for (i, m) in mistakes.iter().enumerate() {
        let d = m.first();
        kinds
            .entry((&d.file, d.severity, mistake_kind(&d.message)))
            .or_default()
            .push(i);
    }
    // After the last shown mistake of a kind: how many more, and where.
    let mut after: HashMap<usize, (usize, Vec<u32>)> = HashMap::new();
    let mut hidden = vec![false; mistakes.len()];
    for same in kinds.values().filter(|v| v.len() > SHOWN_PER_KIND) {
        let rest = &same[SHOWN_PER_KIND..];
        for &i in rest {
            hidden[i] = true;
        }
        let lines = rest
            .iter()
            .filter_map(|&i| mistakes[i].first().pos.map(|p| p.line))
            .filter(|&l| l > 0)
            .take(PLACES_LISTED)
            .collect();
        after.insert(same[SHOWN_PER_KIND - 1], (rest.len(), lines));
    }
    let mut out = Vec::new();
    for (i, m) in mistakes.iter().enumerate() {
        if hidden[i] {
            continue;
        }
        out.push(Shown::One(m));
        if let Some((count, lines)) = after.remove(&i) {
            out.push(Shown::More {
                like: m.first(),
                count,
                lines,
            });
        }
    }
    out
}

/// The line that stands for the mistakes not shown: how many, where.
pub fn more_line(like: &Diagnostic, count: usize, lines: &[u32]) -> String {
    let label = match like.severity {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
        Severity::Note => "ghi chú",
    };
    let mut places: Vec<String> = lines.iter().map(u32::to_string).collect();
    if count > lines.len() && !places.is_empty() {
        places.push("…".to_string());
    }
    let places = match places.is_empty() {
        true => String::new(),
        false => format!(" (dòng {})", places.join(", ")),
    };
    let file = spreadsheet_parts(&like.file).map_or(&*like.file, |(book, _)| book);
    format!(
        "… và {count} {label} giống vậy nữa trong {}{places}: sửa các {label} trên rồi chạy lại để xem tiếp.",
        file.display()
    )
}

/// All diagnostics, sorted, each mistake once and at most
/// [`SHOWN_PER_KIND`] of a kind per file, followed by a count line (of all).
/// A message about no file (the command line, a crash), as printed:
/// `lỗi: …` and its `Cách sửa: …` line.
pub fn render_message(message: &Message) -> String {
    let word = match message.severity() {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
        Severity::Note => "ghi chú",
    };
    let mut out = format!("{word}: {}\n", message.text());
    if let Some(hint) = message.hint() {
        let _ = writeln!(out, "  Cách sửa: {hint}");
    }
    out
}

pub fn render_report(items: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mistakes = mistakes(items);
    for shown in shown(&mistakes) {
        match shown {
            Shown::One(m) => out.push_str(&render_mistake(m)),
            Shown::More { like, count, lines } => {
                let _ = writeln!(out, "{}", more_line(like, count, &lines));
            }
        }
    }
    if !mistakes.is_empty() {
        let _ = writeln!(out, "{}", summary(&mistakes));
    }
    out
}

/// "Có 2 lỗi (ở 60 chỗ) và 1 cảnh báo.": distinct mistakes of each severity,
/// and the places when a mistake is repeated.
pub fn summary(mistakes: &[Mistake]) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "lỗi"),
        (Severity::Warning, "cảnh báo"),
        (Severity::Note, "ghi chú"),
    ]
    .iter()
    .filter_map(|&(severity, word)| {
        let of_kind = mistakes.iter().filter(|m| m.first().severity == severity);
        let (n, places) = of_kind.fold((0, 0), |(k, p), m| (k + 1, p + m.places.len()));
        match (n, places) {
            (0, _) => None,
            (n, places) if places > n => Some(format!("{n} {word} (ở {places} chỗ)")),
            (n, _) => Some(format!("{n} {word}")),
        }
    })
    .collect();
    format!("Có {}.", crate::vi::announce::list_words(&parts))
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

    #[test]
    fn spreadsheet_positions_name_sheet_row_and_column() {
        let book = Path::new("content/schedules/lich.xlsx");
        let sheet = sheet_file(book, "Lịch");
        assert_eq!(
            location(&sheet, Some(Pos::new(5, 3))),
            "content/schedules/lich.xlsx: trang \"Lịch\", dòng 5, cột C"
        );
        assert_eq!(
            location(&sheet, Some(Pos::new(5, 0))),
            "content/schedules/lich.xlsx: trang \"Lịch\", dòng 5"
        );
        assert_eq!(
            location(Path::new("s/lich.csv"), Some(Pos::new(12, 28))),
            "s/lich.csv: dòng 12, cột AB"
        );
        assert_eq!(
            location(Path::new("s/lich.yaml"), Some(Pos::new(2, 7))),
            "s/lich.yaml:2:7"
        );
    }

    #[test]
    fn column_letters_count_like_excel() {
        for (n, letters) in [
            (1, "A"),
            (3, "C"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (53, "BA"),
            (702, "ZZ"),
            (703, "AAA"),
        ] {
            assert_eq!(column_letters(n), letters);
        }
    }

    #[test]
    fn one_mistake_on_many_rows_is_reported_once_with_its_count_and_lines() {
        let message = "Thôn \"Kim\" không có trong danh sách hamlets của site.yaml.";
        let mut items: Vec<Diagnostic> = (0..30)
            .map(|i| {
                Diagnostic::error("s/lich.yaml", Some(Pos::new(20 + 42 * i, 13)), message)
                    .with_hint("Có phải ý bạn là \"Kìm\"?")
            })
            .collect();
        items.push(Diagnostic::error(
            "s/lich.yaml",
            Some(Pos::new(7, 11)),
            "`date`: ngày 31/02/2023 không có thật",
        ));
        items.push(Diagnostic::warning(
            "s/lich.yaml",
            Some(Pos::new(9, 1)),
            "Buổi nằm ngoài đợt.",
        ));
        sort(&mut items);
        if let Some(d) = items
            .iter_mut()
            .find(|d| d.pos.is_some_and(|p| p.line == 20))
        {
            d.source_line = Some("    hamlet: Kim".into());
        }
        let report = render_report(&items);
        assert_eq!(report.matches("lỗi: ").count(), 2, "{report}");
        assert!(
            report.contains(
                "lỗi: s/lich.yaml:20:13: Thôn \"Kim\" không có trong danh sách hamlets của \
                 site.yaml. (30 dòng: 20, 62, 104, 146, 188, 230, 272, 314, 356, 398, …)\n  \
                 20 |     hamlet: Kim\n"
            ),
            "{report}"
        );
        assert!(
            report.ends_with("Có 2 lỗi (ở 31 chỗ) và 1 cảnh báo.\n"),
            "{report}"
        );
        // Across files, each place names its file.
        let across = [
            Diagnostic::error("a.yaml", Some(Pos::new(4, 3)), "x"),
            Diagnostic::error("b.csv", Some(Pos::new(2, 1)), "x"),
        ];
        assert!(render_report(&across).contains("x (2 chỗ: a.yaml:4, b.csv: dòng 2)"));
        assert!(render_report(&across).ends_with("Có 1 lỗi (ở 2 chỗ).\n"));
    }

    #[test]
    fn spreadsheet_rows_are_quoted_without_a_caret() {
        let mut d = Diagnostic::error("s/lich.csv", Some(Pos::new(2, 3)), "ngày sai");
        d.source_line = Some("1;Kìm;31/02/2022".into());
        let text = render_one(&d);
        assert!(text.contains("  2 | 1;Kìm;31/02/2022"), "{text}");
        assert!(!text.contains('^'), "{text}");
    }
}
