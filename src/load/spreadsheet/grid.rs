//! A sheet as rows of cells, whatever file it came from: a CSV file (every
//! cell is text) or an Excel sheet (dates, times and numbers are typed cells,
//! merged cells are filled with their value).

use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Xlsx};
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

/// Why the csv crate could not read a record, in Vietnamese (its own words
/// are English). The text is already decoded and fields may vary in number,
/// so these hardly happen.
fn csv_reason(e: &csv::Error) -> String {
    let line = e
        .position()
        .map(|p| format!(" ở dòng {}", p.line()))
        .unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::Io(e) => crate::disk::io_reason(e),
        csv::ErrorKind::Utf8 { .. } => format!("có chữ không đọc được (không phải UTF-8){line}"),
        _ => format!("bảng không đọc được{line}"),
    }
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
        let record = record.map_err(|e| csv_reason(&e))?;
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

/// The most a workbook's XML parts (sheets, shared strings, styles) may hold
/// once decompressed, each and together. The file itself is at most 8 MB,
/// but zip's deflate inflates up to a thousand times: a 3 MB file of
/// whitespace became 3 GB. A schedule of 10,000 rows is about 5 MB of XML.
pub const MAX_UNZIPPED_PART: u64 = 64 * 1024 * 1024;
pub const MAX_UNZIPPED_TOTAL: u64 = 128 * 1024 * 1024;

/// The most cells (rows × columns of each sheet's table, and of its merged
/// areas) a workbook may span: sheets are held as full rows, so one value in
/// the last cell (XFD1048576) would ask for 17 billion. Two million is
/// 100,000 rows of 20 columns, and about 100 MB while read.
pub const MAX_CELLS: u64 = 2_000_000;

/// Why a workbook was not read, in Vietnamese: on a sheet (and cell) or on
/// the whole file.
#[derive(Debug)]
pub struct Refused {
    pub sheet: Option<String>,
    /// (row, column) from 1, as `diagnostics::Pos` counts in a sheet.
    pub cell: Option<(u32, u32)>,
    pub message: String,
    pub hint: String,
}

const BROKEN_INSIDE: &str = "nội dung bên trong tệp bị hỏng";
const RESAVE_HINT: &str = "Mở tệp bằng Excel để kiểm tra, rồi lưu lại bằng Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx).";

impl Refused {
    fn file(message: String, hint: &str) -> Refused {
        Refused {
            sheet: None,
            cell: None,
            message,
            hint: hint.to_string(),
        }
    }

    /// calamine panicked on the file.
    pub fn broken_inside() -> Refused {
        Refused::file(
            format!("Không đọc được tệp Excel: {BROKEN_INSIDE}."),
            RESAVE_HINT,
        )
    }

    fn broken(e: &calamine::XlsxError) -> Refused {
        use calamine::XlsxError as E;
        let reason = match e {
            E::Zip(_) => "tệp không phải sổ làm việc Excel .xlsx (không mở được như một tệp .xlsx)"
                .to_string(),
            E::Password => "tệp được đặt mật khẩu".to_string(),
            E::Io(e) => crate::disk::io_reason(e),
            E::FileNotFound(_) | E::RelationshipNotFound | E::WorksheetNotFound(_) => {
                "tệp thiếu một phần mà sổ làm việc Excel nào cũng có".to_string()
            }
            _ => BROKEN_INSIDE.to_string(),
        };
        let hint = match e {
            E::Password => "Mở tệp bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), rồi lưu lại.",
            _ => RESAVE_HINT,
        };
        Refused::file(format!("Không đọc được tệp Excel: {reason}."), hint)
    }
}

/// Every XML part of the workbook, by the size its zip directory gives, is
/// within the limits. The zip reader refuses to inflate a part past that
/// size (a lying directory is reported as a broken file), so nothing calamine
/// reads can be larger than what is checked here, before it reads anything.
fn check_unzipped_sizes(bytes: &[u8]) -> Result<(), Refused> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Refused::broken(&e.into()))?;
    let mut total = 0u64;
    let mb = |n: u64| n / (1024 * 1024);
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(i) else {
            continue;
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let size = part.size();
        total = total.saturating_add(size);
        let too_large = if size > MAX_UNZIPPED_PART {
            Some(format!(
                "Phần {name} trong tệp Excel giải nén ra {} MB, quá giới hạn {} MB mỗi phần mà bangtin đọc",
                mb(size),
                mb(MAX_UNZIPPED_PART)
            ))
        } else if total > MAX_UNZIPPED_TOTAL {
            Some(format!(
                "Các phần của tệp Excel giải nén ra hơn {} MB (đến phần {name}), quá giới hạn bangtin đọc",
                mb(MAX_UNZIPPED_TOTAL)
            ))
        } else {
            None
        };
        if let Some(message) = too_large {
            return Err(Refused::file(
                format!("{message}; một bảng lịch bình thường chỉ vài MB."),
                "Tệp có thể bị hỏng hoặc chứa rất nhiều ô trống có định dạng: sao chép bảng lịch sang một sổ làm việc mới rồi lưu lại, hoặc chia lịch thành nhiều tệp.",
            ));
        }
    }
    Ok(())
}

/// Every visible worksheet of an `.xlsx` file, in workbook order.
pub fn sheets_from_xlsx(bytes: Vec<u8>) -> Result<Vec<Sheet>, Refused> {
    check_unzipped_sizes(&bytes)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| Refused::broken(&e))?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        // Hidden sheets often keep old or scratch data: only what the officer sees is read.
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .filter(|s| s.visible == calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut budget = MAX_CELLS;
    let mut sheets = Vec::new();
    for name in names {
        let cells = sheet_cells(&mut book, &name, budget)?;
        let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let grid = from_cells(cells, &merged, &name, &mut budget)?;
        sheets.push(Sheet { grid, name });
    }
    Ok(sheets)
}

/// A cell with a value and its (row, column), both from 0.
type PlacedCell = ((u32, u32), Cell);

/// The cells with a value of one sheet, read one by one (calamine's own
/// `worksheet_range` allocates the whole rectangle up to the last cell
/// before anything can be checked), refused as soon as the rectangle they
/// span would take more than `budget` cells.
fn sheet_cells<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
    budget: u64,
) -> Result<Vec<PlacedCell>, Refused> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| Refused::broken(&e))?;
    let mut cells = Vec::new();
    let (mut low, mut high) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(|e| Refused::broken(&e))? {
        let (row, col) = cell.get_position();
        let value = cell_from(&Data::from(cell.get_value().clone()));
        if value == Cell::Empty {
            continue;
        }
        low = (low.0.min(row), low.1.min(col));
        high = (high.0.max(row), high.1.max(col));
        // Rows are kept from the first with a value, columns from A.
        let area = u64::from(high.0 - low.0 + 1) * u64::from(high.1 + 1);
        if area > budget {
            return Err(too_many_cells(name, (row, col), high, low.0));
        }
        cells.push(((row, col), value));
    }
    Ok(cells)
}

fn too_many_cells(sheet: &str, at: (u32, u32), high: (u32, u32), first_row: u32) -> Refused {
    let reference = format!("{}{}", column_letters(at.1 + 1), at.0 + 1);
    Refused {
        sheet: Some(sheet.to_string()),
        cell: Some((at.0 + 1, at.1 + 1)),
        message: format!(
            "Bảng quá lớn: có dữ liệu ở ô {reference}, nên bảng trải {} dòng × {} cột; bangtin chỉ đọc đến {} ô (số dòng × số cột) mỗi tệp.",
            high.0 - first_row + 1,
            high.1 + 1,
            MAX_CELLS
        ),
        hint: "Trong Excel, nhấn Ctrl+End để đến ô cuối cùng có dữ liệu; xóa các ô thừa nằm xa ngoài bảng lịch (chọn cả dòng hay cột rồi Delete), rồi lưu lại. Lịch quá dài thì chia thành nhiều tệp.".to_string(),
    }
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
/// 4, column C), every row from the first with a value to the last, each
/// merged area filled with the value of its top-left cell: a date merged
/// over three rows belongs to all three. Merged areas are cut to the table
/// (an area reaching column XFD fills nothing past the last column with a
/// value), and what they fill counts against `budget`.
fn from_cells(
    cells: Vec<PlacedCell>,
    merged: &[Dimensions],
    sheet: &str,
    budget: &mut u64,
) -> Result<Grid, Refused> {
    let Some(first_row) = cells.iter().map(|((r, _), _)| *r).min() else {
        return Ok(Grid::default());
    };
    let last_row = cells
        .iter()
        .map(|((r, _), _)| *r)
        .max()
        .unwrap_or(first_row);
    let last_col = cells.iter().map(|((_, c), _)| *c).max().unwrap_or(0);
    let width = last_col as usize + 1;
    let mut rows: Vec<Row> = (first_row..=last_row)
        .map(|r| Row {
            number: r + 1,
            cells: vec![Cell::Empty; width],
        })
        .collect();
    *budget = budget.saturating_sub(rows.len() as u64 * width as u64);
    for ((r, c), cell) in cells {
        rows[(r - first_row) as usize].cells[c as usize] = cell;
    }
    for area in merged {
        let (top, left) = (area.start.0.max(first_row), area.start.1);
        let (bottom, right) = (area.end.0.min(last_row), area.end.1.min(last_col));
        if area.start.0 < first_row || top > bottom || left > right {
            continue;
        }
        let value = rows[(top - first_row) as usize].cells[left as usize].clone();
        if value.is_blank() {
            continue;
        }
        let filled = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if filled > *budget {
            return Err(Refused {
                sheet: Some(sheet.to_string()),
                cell: None,
                message: format!(
                    "Các vùng ô gộp (merge) của trang này phủ tổng cộng quá nhiều ô; bangtin chỉ đọc đến {MAX_CELLS} ô mỗi tệp."
                ),
                hint: "Bỏ gộp các ô thừa: chọn cả trang (Ctrl+A), chọn Trộn và căn giữa (Merge & Center) → Bỏ trộn ô (Unmerge Cells), rồi chỉ gộp lại những ô cần.".to_string(),
            });
        }
        *budget -= filled;
        for row in &mut rows[(top - first_row) as usize..=(bottom - first_row) as usize] {
            for cell in &mut row.cells[left as usize..=right as usize] {
                if cell.is_blank() {
                    *cell = value.clone();
                }
            }
        }
    }
    Ok(Grid { rows })
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
