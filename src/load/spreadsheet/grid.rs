//! A sheet as rows of cells, whatever file it came from: a CSV file (every
//! cell is text) or an Excel sheet (dates, times and numbers are typed cells,
//! merged cells are filled with their value).

use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::diagnostics::column_letters;
use crate::load::text;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date or date-and-time cell.
    DateTime(NaiveDateTime),
    /// An Excel time-of-day cell (no date).
    Time(NaiveTime),
    /// A formula error such as `#REF!`.
    Error(String),
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as an officer sees it, for text fields and quoting.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(dt) if dt.time() == NaiveTime::MIN => dt.format("%d/%m/%Y").to_string(),
            Cell::DateTime(dt) => dt.format("%d/%m/%Y %H:%M").to_string(),
            Cell::Time(t) => t.format("%H:%M").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One row: its number as the spreadsheet shows it (from 1) and its cells,
/// column A first.
#[derive(Clone, Debug)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub rows: Vec<Row>,
}

impl Grid {
    pub fn is_blank(&self) -> bool {
        self.rows.iter().all(|r| r.cells.iter().all(Cell::is_blank))
    }

    /// One line per row number, each cell labelled with its column
    /// ("A: 05 · B: Kìm · C: 29/11/2022"), so errors can quote the row.
    pub fn quoted_rows(&self) -> String {
        let mut out = String::new();
        let mut line = 1;
        for row in &self.rows {
            while line < row.number {
                out.push('\n');
                line += 1;
            }
            let cells: Vec<String> = row
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_blank())
                .map(|(i, c)| {
                    let text = c.display().replace('\n', " ");
                    format!("{}: {text}", column_letters(i as u32 + 1))
                })
                .collect();
            out.push_str(&cells.join(" · "));
        }
        out
    }
}

/// The delimiter of a CSV text: Excel writes `;` where the list separator is
/// `;` (Vietnamese and most European settings, since `,` is the decimal
/// mark) and `,` elsewhere; tab-separated text is pasted too. The one that
/// splits the most records into the same number of cells wins.
pub fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let mut counts: Vec<[usize; 3]> = Vec::new();
    let mut current = [0usize; 3];
    let mut in_quotes = false;
    let mut record_has_text = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => {
                if record_has_text {
                    counts.push(current);
                }
                current = [0; 3];
                record_has_text = false;
                if counts.len() >= 50 {
                    break;
                }
                continue;
            }
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&d| char::from(d) == c) {
                    current[i] += 1;
                }
            }
            _ => {}
        }
        record_has_text = true;
    }
    if record_has_text {
        counts.push(current);
    }
    let mut best = (0usize, 0usize, b',');
    for (i, &delimiter) in CANDIDATES.iter().enumerate() {
        // The most common non-zero count, and how many records have it.
        let mut tally: std::collections::BTreeMap<usize, usize> = Default::default();
        for record in &counts {
            if record[i] > 0 {
                *tally.entry(record[i]).or_default() += 1;
            }
        }
        let Some((&per_record, &records)) = tally.iter().max_by_key(|(n, r)| (**r, **n)) else {
            continue;
        };
        if (records, per_record) > (best.0, best.1) {
            best = (records, per_record, delimiter);
        }
    }
    best.2
}

/// A CSV text as a grid; row numbers are the lines where records start.
pub fn from_csv(text: &str) -> Result<Grid, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect_delimiter(text))
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    // (byte offset, line number) of the last record start, to count lines
    // incrementally. The csv crate's own line number lags behind after a
    // blank line, so the row number is counted from the record's byte offset,
    // past any blank lines the reader skipped.
    let mut counted = (0usize, 1u32);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let mut start = record.position().map_or(counted.0, |p| p.byte() as usize);
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        let skipped = text.get(counted.0..start).unwrap_or_default();
        counted = (start, counted.1 + skipped.matches('\n').count() as u32);
        let number = counted.1;
        let cells = record
            .iter()
            .map(|field| match field.trim() {
                "" => Cell::Empty,
                _ => Cell::Text(field.to_string()),
            })
            .collect();
        grid.rows.push(Row { number, cells });
    }
    Ok(grid)
}

/// A visible worksheet of an `.xlsx` workbook.
pub struct Sheet {
    pub name: String,
    pub grid: Grid,
}

/// Every visible worksheet of an `.xlsx` file, in workbook order.
pub fn sheets_from_xlsx(bytes: Vec<u8>) -> Result<Vec<Sheet>, String> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| e.to_string())?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        // Hidden sheets often keep old or scratch data: only what the officer sees is read.
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .filter(|s| s.visible == calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.push(Sheet {
            grid: from_range(&range, &merged),
            name,
        });
    }
    Ok(sheets)
}

fn cell_from(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(text::normalize(s.clone())),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) => match dt.as_datetime() {
            // A serial below 1 is a time of day with no date.
            Some(t) if dt.as_f64() < 1.0 => Cell::Time(t.time()),
            Some(t) => Cell::DateTime(t),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => s
            .parse::<NaiveDateTime>()
            .map(Cell::DateTime)
            .or_else(|_| {
                s.parse::<NaiveDate>()
                    .map(|d| Cell::DateTime(d.and_time(NaiveTime::MIN)))
            })
            .or_else(|_| s.parse::<NaiveTime>().map(Cell::Time))
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Cells at their real positions (a sheet whose data starts at C4 keeps row
/// 4, column C), each merged area filled with the value of its top-left cell:
/// a date merged over three rows belongs to all three.
fn from_range(range: &Range<Data>, merged: &[Dimensions]) -> Grid {
    let Some((first_row, first_col)) = range.start() else {
        return Grid::default();
    };
    let mut rows: Vec<Row> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row: Vec<Cell> = vec![Cell::Empty; first_col as usize];
            row.extend(cells.iter().map(cell_from));
            Row {
                number: first_row + i as u32 + 1,
                cells: row,
            }
        })
        .collect();
    for area in merged {
        let (top, left) = area.start;
        let value = range.get_value((top, left)).map(cell_from);
        let Some(value) = value.filter(|v| !v.is_blank()) else {
            continue;
        };
        for row in rows
            .iter_mut()
            .filter(|r| (top + 1..=area.end.0 + 1).contains(&r.number))
        {
            for col in left..=area.end.1 {
                let col = col as usize;
                if row.cells.len() <= col {
                    row.cells.resize(col + 1, Cell::Empty);
                }
                if let Some(cell) = row.cells.get_mut(col) {
                    if cell.is_blank() {
                        *cell = value.clone();
                    }
                }
            }
        }
    }
    Grid { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_detected() {
        let semicolon = "Lịch tổ chức tuyên truyền, hướng dẫn tại các thôn;;;\n\
                         STT;Thôn;Thời gian tuyên truyền, hướng dẫn;Ghi chú\n\
                         01;Đông Lão;29/11/2022;\n02;Song Nga;30/11/2022;\n";
        assert_eq!(detect_delimiter(semicolon), b';');
        let comma = "hamlet,date,note\nKìm,03/12/2022,\"Mang CCCD; điện thoại\"\n";
        assert_eq!(detect_delimiter(comma), b',');
        let tab = "Thôn\tNgày\nKìm\t03/12/2022\n";
        assert_eq!(detect_delimiter(tab), b'\t');
        assert_eq!(detect_delimiter("Thôn\nKìm\n"), b',');
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let grid = from_csv("STT;Thôn\n\n1;\"Đông\nLão\"\n2;Kìm\n").unwrap_or_default();
        let numbers: Vec<u32> = grid.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 5]);
        assert_eq!(grid.rows[1].cell(1), &Cell::Text("Đông\nLão".into()));
        assert_eq!(grid.rows[2].cell(7), &Cell::Empty);
    }

    #[test]
    fn quoted_rows_line_up_with_row_numbers() {
        let grid = Grid {
            rows: vec![
                Row {
                    number: 2,
                    cells: vec![Cell::Text("STT".into()), Cell::Text("Thôn".into())],
                },
                Row {
                    number: 4,
                    cells: vec![Cell::Number(1.0), Cell::Empty, Cell::Text("x".into())],
                },
            ],
        };
        let text = grid.quoted_rows();
        assert_eq!(text.lines().nth(1), Some("A: STT · B: Thôn"));
        assert_eq!(text.lines().nth(3), Some("A: 1 · C: x"));
    }
}
