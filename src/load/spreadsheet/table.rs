//! A schedule table in a grid: find the header row, map its columns, and read
//! each row below it as a session, exactly as a `sessions:` entry in YAML.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::grid::{Cell, Grid, Row};
use super::header::{self, Role};
use crate::diagnostics::{column_letters, Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Change, Earlier, Located, Session, Source};
use crate::vi;
use crate::vi::calendar::{DateSpan, Days, Sitting, TimeRange};

/// The header is looked for in the first rows only (a title or two above the
/// table is common; a header further down is not).
const HEADER_SEARCH_ROWS: usize = 30;

/// A column the table reads: its index (0 = column A) and header text.
#[derive(Clone, Debug)]
struct Column {
    index: usize,
    header: String,
}

impl Column {
    fn pos(&self, row: &Row) -> Option<Pos> {
        Some(Pos::new(row.number, self.index as u32 + 1))
    }
}

#[derive(Default)]
struct Columns {
    weekday: Option<Column>,
    hamlet: Option<Column>,
    venue: Option<Column>,
    audience: Option<Column>,
    date: Option<Column>,
    time: Option<Column>,
    place: Option<Column>,
    services: Option<Column>,
    note: Option<Column>,
    status: Option<Column>,
    reason: Option<Column>,
    was_date: Option<Column>,
    was_time: Option<Column>,
    was_place: Option<Column>,
    changed: Option<Column>,
}

/// Why a grid gave no sessions at all.
pub enum NoTable {
    /// No row looks like a schedule header.
    NoHeader,
    /// The header was found but is unusable; the problem is reported.
    Reported,
}

/// One header cell: what it names, as written, and the row it is on.
#[derive(Clone, Debug)]
struct HeaderCell {
    role: Option<Role>,
    text: String,
    row: u32,
}

impl HeaderCell {
    fn pos(&self, index: usize) -> Option<Pos> {
        Some(Pos::new(self.row, index as u32 + 1))
    }
}

/// The sessions of the table in `grid`; `file` names the CSV file or the sheet
/// (see `diagnostics::sheet_file`) in diagnostics. A row gives one session per
/// date and sitting, as a YAML entry does.
pub fn sessions(
    grid: &Grid,
    file: &Path,
    room: &mut crate::load::SessionRoom,
    diags: &mut Diagnostics,
) -> Result<Vec<Session>, NoTable> {
    let (header_at, header) = find_header(grid).ok_or(NoTable::NoHeader)?;
    let (first_data, header) = match second_header_row(grid, header_at, &header) {
        Some(combined) => (header_at + 2, combined),
        None => (header_at + 1, header),
    };
    let columns = map_columns(&header, file, diags).ok_or(NoTable::Reported)?;
    let mut out = Vec::new();
    let mut previous_dates: Option<Vec<DateSpan>> = None;
    for row in grid.rows.iter().skip(first_data) {
        let made = sessions_of_row(row, &columns, &mut previous_dates, file, diags);
        if !room.take(made.len(), file, Some(Pos::new(row.number, 0)), diags) {
            break;
        }
        out.extend(made);
    }
    Ok(out)
}

fn header_cells(row: &Row) -> Vec<HeaderCell> {
    row.cells
        .iter()
        .map(|c| HeaderCell {
            role: match c {
                Cell::Text(t) => header::role_of(t),
                _ => None,
            },
            text: c.display(),
            row: row.number,
        })
        .collect()
}

/// The first row with a hamlet column and a date or time column.
fn find_header(grid: &Grid) -> Option<(usize, Vec<HeaderCell>)> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| {
            let cells = header_cells(row);
            let has = |r: Role| cells.iter().any(|c| c.role == Some(r));
            let is_header = (has(Role::Hamlet) || has(Role::Venue))
                && (has(Role::Date) || has(Role::When) || has(Role::Time));
            is_header.then_some((i, cells))
        })
}

/// Official tables often split a header over two rows ("Thời gian" above
/// "Ngày" and "Giờ"). The row just below the header is a second header row
/// when it names columns and has no hamlet where a data row would; its
/// headers then win over the ones above them.
fn second_header_row(grid: &Grid, at: usize, top: &[HeaderCell]) -> Option<Vec<HeaderCell>> {
    let (above, below) = (grid.rows.get(at)?, grid.rows.get(at + 1)?);
    if below.number != above.number + 1 {
        return None;
    }
    let sub = header_cells(below);
    if !sub.iter().any(|c| c.role.is_some()) {
        return None;
    }
    let hamlet = top.iter().position(|c| c.role == Some(Role::Hamlet))?;
    let under_hamlet = sub.get(hamlet);
    if !(below.cell(hamlet).is_blank()
        || under_hamlet.is_some_and(|c| c.role == Some(Role::Hamlet)))
    {
        return None;
    }
    let width = top.len().max(sub.len());
    Some(
        (0..width)
            .map(|i| match (sub.get(i), top.get(i)) {
                (Some(s), _) if s.role.is_some() => s.clone(),
                (_, Some(t)) => t.clone(),
                (Some(s), None) => s.clone(),
                (None, None) => HeaderCell {
                    role: None,
                    text: String::new(),
                    row: above.number,
                },
            })
            .collect(),
    )
}

fn map_columns(header: &[HeaderCell], file: &Path, diags: &mut Diagnostics) -> Option<Columns> {
    let mut by_role: Vec<(Role, Column)> = Vec::new();
    let mut ok = true;
    for (index, cell) in header.iter().enumerate() {
        let column = Column {
            index,
            header: cell.text.clone(),
        };
        let Some(role) = cell.role else {
            warn_if_misspelt(&column, cell, file, diags);
            continue;
        };
        // Coordinates and contacts belong to a place, not to each session:
        // say where they go rather than drop them without a word.
        if let Some(message) = elsewhere(role, &column) {
            diags.push(Diagnostic::new(file, cell.pos(index), message));
            continue;
        }
        if let Some((_, first)) = by_role.iter().find(|(r, _)| *r == role) {
            if role != Role::Number {
                diags.push(Diagnostic::new(
                    file,
                    cell.pos(index),
                    Message::ColumnsSameRole {
                        first: column_letters(first.index as u32 + 1),
                        first_header: first.header.clone(),
                        second: column_letters(index as u32 + 1),
                        second_header: column.header.clone(),
                        role: role.label().to_string(),
                    },
                ));
                ok = false;
            }
            continue;
        }
        by_role.push((role, column));
    }
    let take = |role: Role| {
        by_role
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c.clone())
    };
    let mut columns = Columns {
        weekday: take(Role::Weekday),
        hamlet: take(Role::Hamlet),
        venue: take(Role::Venue),
        audience: take(Role::Audience),
        date: take(Role::Date),
        time: take(Role::Time),
        place: take(Role::Place),
        services: take(Role::Services),
        note: take(Role::Note),
        status: take(Role::Status),
        reason: take(Role::Reason),
        was_date: take(Role::WasDate),
        was_time: take(Role::WasTime),
        was_place: take(Role::WasPlace),
        changed: take(Role::Changed),
    };
    let header_pos = |c: &Column| header.get(c.index).and_then(|h| h.pos(c.index));
    // "Thời gian" is the time beside a date column, and the date without one.
    if let Some(when) = take(Role::When) {
        if columns.date.is_none() {
            columns.date = Some(when);
        } else if columns.time.is_none() {
            columns.time = Some(when);
        } else {
            diags.push(Diagnostic::new(
                file,
                header_pos(&when),
                Message::WhenColumnUnclear {
                    column: column_letters(when.index as u32 + 1),
                    header: when.header.clone(),
                },
            ));
            ok = false;
        }
    }
    if columns.date.is_none() {
        let row = header.first().map_or(0, |c| c.row);
        diags.push(Diagnostic::new(
            file,
            Some(Pos::new(row, 0)),
            Message::DateColumnMissing,
        ));
        ok = false;
    }
    ok.then_some(columns)
}

/// The warning for a column whose values are written in site.yaml.
fn elsewhere(role: Role, column: &Column) -> Option<Message> {
    let (column, header) = (
        column_letters(column.index as u32 + 1),
        column.header.clone(),
    );
    match role {
        Role::Coords => Some(Message::ColumnCoordsElsewhere { column, header }),
        Role::Contacts => Some(Message::ColumnContactsElsewhere { column, header }),
        _ => None,
    }
}

/// A header that is almost one bangtin reads ("Đia đểm") is probably meant
/// as that column; other unknown columns are the officer's own and ignored.
fn warn_if_misspelt(column: &Column, cell: &HeaderCell, file: &Path, diags: &mut Diagnostics) {
    if column.header.is_empty() {
        return;
    }
    if let Some(best) = vi::text::closest(&column.header, header::KNOWN_HEADERS.iter().copied()) {
        diags.push(Diagnostic::new(
            file,
            cell.pos(column.index),
            Message::ColumnIgnored {
                column: column_letters(column.index as u32 + 1),
                header: column.header.clone(),
                best: best.to_string(),
            },
        ));
    }
}

fn text_of(column: &Option<Column>, row: &Row) -> Option<String> {
    let c = column.as_ref()?;
    let text = row.cell(c.index).display();
    (!text.is_empty()).then_some(text)
}

/// One row as sessions (one per date and sitting), or none (with
/// diagnostics) when it is blank or wrong.
fn sessions_of_row(
    row: &Row,
    columns: &Columns,
    previous_dates: &mut Option<Vec<DateSpan>>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<Session> {
    let read = [
        &columns.hamlet,
        &columns.venue,
        &columns.audience,
        &columns.date,
        &columns.time,
        &columns.place,
        &columns.services,
        &columns.note,
        &columns.status,
        &columns.reason,
        &columns.was_date,
        &columns.was_time,
        &columns.was_place,
        &columns.changed,
    ];
    if read
        .iter()
        .all(|c| c.as_ref().is_none_or(|c| row.cell(c.index).is_blank()))
    {
        return Vec::new();
    }
    let errors_before = diags.error_count();
    let Some(place_column) = columns.hamlet.as_ref().or(columns.venue.as_ref()) else {
        return Vec::new();
    };
    let located = |column: &Option<Column>| {
        let c = column.as_ref()?;
        Some(Located {
            value: text_of(column, row)?,
            pos: c.pos(row),
        })
    };
    // A row at a venue is listed under the venue, and under its hamlet too.
    let (hamlet, in_hamlet) = match located(&columns.venue) {
        Some(venue) => (Some(venue), located(&columns.hamlet)),
        None => (located(&columns.hamlet), None),
    };
    if hamlet.is_none() {
        diags.push(Diagnostic::new(
            file,
            place_column.pos(row),
            Message::RowWithoutHamlet,
        ));
    }
    for column in [
        &columns.hamlet,
        &columns.venue,
        &columns.audience,
        &columns.place,
        &columns.note,
        &columns.services,
        &columns.status,
        &columns.reason,
        &columns.was_place,
    ]
    .into_iter()
    .flatten()
    {
        if let Cell::Error(e) = row.cell(column.index) {
            formula_error(e, column, row, file, diags);
        }
    }
    let Some(date_column) = columns.date.as_ref() else {
        return Vec::new();
    };
    let (spans, time_with_date) =
        match date_cell(row.cell(date_column.index), date_column, row, file, diags) {
            DateCell::Read(spans, time) => {
                *previous_dates = Some(spans.clone());
                (Some(spans), time)
            }
            // A date written once for several rows (a merged-looking cell) holds
            // for every row below it until the next date.
            DateCell::Blank => match previous_dates.clone() {
                Some(spans) => (Some(spans), Vec::new()),
                None => {
                    diags.push(Diagnostic::new(
                        file,
                        date_column.pos(row),
                        Message::RowWithoutDate,
                    ));
                    (None, Vec::new())
                }
            },
            DateCell::Wrong => (None, Vec::new()),
        };
    let dates = spans.and_then(|spans| {
        let repeated = spans.len() > 1 || spans.iter().any(|s| !s.is_single());
        let days = match &columns.weekday {
            // Beside a span of dates, "Thứ" says which days it holds on.
            Some(weekday) if repeated => days_cell(weekday, row, file, diags)?,
            Some(weekday) => {
                if let Some(first) = spans.first() {
                    check_weekday(first.first, weekday, row, file, diags);
                }
                Days::EVERY_DAY
            }
            None => Days::EVERY_DAY,
        };
        let written = row.cell(date_column.index).display();
        let at = Some(Pos::new(row.number, 0));
        super::super::fields::expanded(&spans, days, &written, at, file, diags)
    });
    let sittings = match &columns.time {
        Some(c) => time_cell(row.cell(c.index), c, row, file, diags),
        None => Some(Vec::new()),
    };
    let sittings = sittings.map(|t| if t.is_empty() { time_with_date } else { t });
    let services = text_of(&columns.services, row)
        .map(|t| {
            // A line break (Alt+Enter) or ";" separates services in one cell.
            t.split(['\n', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let change = change(row, columns, file, diags);
    if diags.error_count() > errors_before {
        return Vec::new();
    }
    let (Some(hamlet), Some(dates), Some(sittings)) = (hamlet, dates, sittings) else {
        return Vec::new();
    };
    let session = Session {
        hamlet,
        in_hamlet,
        audience: text_of(&columns.audience, row),
        date: dates.first().copied().unwrap_or_default(),
        time: None,
        part_of_day: None,
        place: text_of(&columns.place, row),
        services,
        note: text_of(&columns.note, row),
        source: Source {
            file: file.to_path_buf(),
            pos: Some(Pos::new(row.number, 0)),
        },
        change,
    };
    let sessions = super::super::fields::each_date_and_sitting(session, &dates, &sittings);
    if !crate::load::change::check_all(&sessions, file, diags) {
        return Vec::new();
    }
    sessions
}

/// The row's change columns ("Trạng thái", "Ngày cũ"…), None when all blank.
/// A table holds one earlier value per session; YAML can keep several.
fn change(
    row: &Row,
    columns: &Columns,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Box<Change>> {
    let status_text = columns.status.as_ref().and_then(|c| {
        Some(crate::yaml::Spanned {
            value: text_of(&columns.status, row)?,
            pos: c.pos(row)?,
        })
    });
    let status = crate::load::change::status(&status_text, "Trạng thái", file, diags).ok()?;
    let mut earlier = Earlier::default();
    if let Some(c) = &columns.was_date {
        if let DateCell::Read(spans, sittings) = date_cell(row.cell(c.index), c, row, file, diags) {
            earlier.date = spans.first().map(|s| s.first);
            earlier.time = sittings.first().map(|s| s.range);
            earlier.pos = c.pos(row);
        }
    }
    if let Some(c) = &columns.was_time {
        if let Some(sitting) = time_cell(row.cell(c.index), c, row, file, diags)
            .and_then(|sittings| sittings.into_iter().next())
        {
            earlier.time = Some(sitting.range);
            earlier.pos = earlier.pos.or(c.pos(row));
        }
    }
    if let Some(place) = text_of(&columns.was_place, row) {
        earlier.place = Some(place);
        earlier.pos = earlier
            .pos
            .or(columns.was_place.as_ref().and_then(|c| c.pos(row)));
    }
    let changed = columns.changed.as_ref().and_then(|c| {
        match date_cell(row.cell(c.index), c, row, file, diags) {
            DateCell::Read(spans, _) => Some(Located {
                value: spans.first()?.first,
                pos: c.pos(row),
            }),
            DateCell::Blank | DateCell::Wrong => None,
        }
    });
    let reason = columns.reason.as_ref().and_then(|c| {
        Some(Located {
            value: text_of(&columns.reason, row)?,
            pos: c.pos(row),
        })
    });
    crate::load::change::assemble(Change {
        status,
        was_pos: earlier.pos,
        was: if earlier.is_empty() {
            Vec::new()
        } else {
            vec![earlier]
        },
        reason,
        changed,
    })
}

/// The "Thứ" cell beside a span of dates: the weekdays it holds on (every
/// day when blank). None when it cannot be read (reported).
fn days_cell(column: &Column, row: &Row, file: &Path, diags: &mut Diagnostics) -> Option<Days> {
    let written = row.cell(column.index).display();
    if written.trim().is_empty() {
        return Some(Days::EVERY_DAY);
    }
    match vi::calendar::parse_days(&[written]) {
        Ok(days) => Some(days),
        Err(e) => {
            diags.push(Diagnostic::new(
                file,
                column.pos(row),
                Message::CellValue {
                    column: column.header.clone(),
                    what: e.message,
                    fix: e.hint,
                },
            ));
            None
        }
    }
}

fn formula_error(e: &str, column: &Column, row: &Row, file: &Path, diags: &mut Diagnostics) {
    diags.push(Diagnostic::new(
        file,
        column.pos(row),
        Message::FormulaError {
            column: column.header.clone(),
            error: e.to_string(),
        },
    ));
}

enum DateCell {
    /// The dates (one, or a repetition) and the sittings written beside them.
    Read(Vec<DateSpan>, Vec<Sitting>),
    Blank,
    Wrong,
}

fn date_cell(
    cell: &Cell,
    column: &Column,
    row: &Row,
    file: &Path,
    diags: &mut Diagnostics,
) -> DateCell {
    let problem = match cell {
        Cell::Empty => return DateCell::Blank,
        Cell::Text(t) if t.trim().is_empty() => return DateCell::Blank,
        Cell::DateTime(dt) => {
            let time = (dt.time() != chrono::NaiveTime::MIN).then_some(Sitting {
                range: TimeRange {
                    start: dt.time(),
                    end: None,
                },
                part: None,
            });
            return DateCell::Read(single(dt.date()), time.into_iter().collect());
        }
        Cell::Text(t) => match vi::calendar::parse_date_and_time(t) {
            Ok((date, time)) => return DateCell::Read(single(date), time),
            // Not one date: a span or a list of dates ("24/3 - 20/4/2023").
            Err(e) => match vi::calendar::parse_dates(t) {
                Ok(spans) => return DateCell::Read(spans, Vec::new()),
                Err(span_error) if looks_like_span(t) => Message::CellValue {
                    column: column.header.clone(),
                    what: span_error.message,
                    fix: span_error.hint,
                },
                Err(_) => Message::CellValue {
                    column: column.header.clone(),
                    what: e.message,
                    fix: e.hint,
                },
            },
        },
        Cell::Time(t) => Message::DateCellTimeOnly {
            column: column.header.clone(),
            time: t.format("%H:%M").to_string(),
        },
        Cell::Number(n) => match excel_serial_date(*n) {
            Some(d) => Message::DateCellSerial {
                column: column.header.clone(),
                shown: cell.display(),
                date: vi::calendar::format_date_numeric(d),
            },
            None => Message::DateCellNumber {
                column: column.header.clone(),
                shown: cell.display(),
            },
        },
        Cell::Error(e) => {
            formula_error(e, column, row, file, diags);
            return DateCell::Wrong;
        }
    };
    diags.push(Diagnostic::new(file, column.pos(row), problem));
    DateCell::Wrong
}

fn single(date: NaiveDate) -> Vec<DateSpan> {
    vec![DateSpan {
        first: date,
        last: date,
    }]
}

/// Text meant as a span of dates: its error is the span's, not one date's.
fn looks_like_span(text: &str) -> bool {
    let text = text.to_lowercase();
    ["đến", "tới", " - ", "–", "—"]
        .iter()
        .any(|w| text.contains(w))
}

/// The date a plain number would be as an Excel date serial (days since
/// 30/12/1899), when that is a plausible campaign date: a date cell that lost
/// its date format shows as such a number.
fn excel_serial_date(n: f64) -> Option<NaiveDate> {
    if n.fract() != 0.0 || !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_signed(chrono::Duration::days(n as i64))
        .filter(|d| (2000..2100).contains(&d.year()))
}

/// The sittings of a row: none for none written (all day), None when
/// wrong (reported).
fn time_cell(
    cell: &Cell,
    column: &Column,
    row: &Row,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<Sitting>> {
    let at = column.pos(row);
    let start_only = |start| {
        Some(vec![Sitting {
            range: TimeRange { start, end: None },
            part: None,
        }])
    };
    match cell {
        Cell::Empty => Some(Vec::new()),
        Cell::Text(t) if t.trim().is_empty() => Some(Vec::new()),
        Cell::Time(t) => start_only(*t),
        Cell::DateTime(dt) => start_only(dt.time()),
        Cell::Text(t) => match vi::calendar::parse_sittings(t) {
            Ok(sittings) => Some(sittings),
            Err(e) => {
                diags.push(Diagnostic::new(
                    file,
                    at,
                    Message::CellValue {
                        column: column.header.clone(),
                        what: e.message,
                        fix: e.hint,
                    },
                ));
                None
            }
        },
        Cell::Number(_) => {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::TimeCellNumber {
                    column: column.header.clone(),
                    shown: cell.display(),
                },
            ));
            None
        }
        Cell::Error(e) => {
            formula_error(e, column, row, file, diags);
            None
        }
    }
}

/// "Thứ Ba" beside 29/11/2022 must be the date's weekday: one of the two was
/// copied wrong otherwise. Text that is not a weekday is left alone.
fn check_weekday(
    date: NaiveDate,
    column: &Column,
    row: &Row,
    file: &Path,
    diags: &mut Diagnostics,
) {
    let Cell::Text(written) = row.cell(column.index) else {
        return;
    };
    let Some(weekday) = vi::calendar::parse_weekday(written) else {
        return;
    };
    if weekday != date.weekday() {
        diags.push(Diagnostic::new(
            file,
            column.pos(row),
            Message::WeekdayMismatch {
                column: column.header.clone(),
                date: vi::calendar::format_date_numeric(date),
                actual: vi::calendar::weekday_name(date.weekday()).to_string(),
                written: vi::calendar::weekday_name(weekday).to_string(),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::spreadsheet::grid;

    fn read(csv: &str) -> (Vec<Session>, Vec<Diagnostic>) {
        let grid = grid::from_csv(csv).unwrap_or_default();
        let mut diags = Diagnostics::default();
        let mut room = crate::load::SessionRoom::new();
        let sessions =
            sessions(&grid, Path::new("lich.csv"), &mut room, &mut diags).unwrap_or_default();
        (sessions, diags.into_sorted())
    }

    fn hm(h: u32, m: u32) -> chrono::NaiveTime {
        chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    #[test]
    fn header_split_over_two_rows() {
        let (sessions, diags) = read(
            "STT;Thôn;Thời gian;;Địa điểm\n;;Ngày;Giờ;\n1;Kìm;03/12/2022;7h30-11h;Nhà văn hóa\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(sessions.len(), 1);
        let s = &sessions[0];
        assert_eq!(s.hamlet.value, "Kìm");
        assert_eq!(s.hamlet.pos, Some(Pos::new(3, 2)));
        assert_eq!(Some(s.date), NaiveDate::from_ymd_opt(2022, 12, 3));
        assert_eq!(
            s.time,
            Some(TimeRange {
                start: hm(7, 30),
                end: Some(hm(11, 0))
            })
        );
        assert_eq!(s.place.as_deref(), Some("Nhà văn hóa"));
    }

    #[test]
    fn a_date_and_time_in_one_cell_and_services_on_lines() {
        let (sessions, diags) = read(
            "Thôn,Thời gian,Nội dung\nKìm,\"19h00 ngày 03/12/2022\",\"Cài đặt VNeID\nKích hoạt; Đăng ký\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let s = &sessions[0];
        assert_eq!(Some(s.date), NaiveDate::from_ymd_opt(2022, 12, 3));
        assert_eq!(s.time.map(|t| t.start), Some(hm(19, 0)));
        assert_eq!(s.services, ["Cài đặt VNeID", "Kích hoạt", "Đăng ký"]);
    }

    #[test]
    fn misspelt_and_doubled_headers_are_reported() {
        let (sessions, diags) = read("Thôn;Ngày;Đia đểm\nKìm;03/12/2022;NVH\n");
        assert_eq!(sessions.len(), 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(!diags[0].is_error());
        assert_eq!(diags[0].pos, Some(Pos::new(1, 3)));
        assert!(diags[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("\"Địa điểm\""));

        let (sessions, diags) = read("Thôn;Ngày;Tên thôn\nKìm;03/12/2022;Kìm\n");
        assert!(sessions.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].message,
            "Cột A \"Thôn\" và cột C \"Tên thôn\" cùng là cột Thôn."
        );
    }

    #[test]
    fn blank_rows_are_skipped_and_a_row_without_hamlet_is_an_error() {
        let (sessions, diags) =
            read("Thôn;Ngày;Ghi chú\nKìm;03/12/2022;\n;;\n;04/12/2022;Mang CCCD\n");
        assert_eq!(sessions.len(), 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message, "Dòng này chưa ghi tên thôn.");
        assert_eq!(diags[0].pos, Some(Pos::new(4, 1)));
    }
}
