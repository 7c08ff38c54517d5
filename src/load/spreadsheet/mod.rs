//! `schedules/*.csv` and `schedules/*.xlsx`: hamlet sessions kept in a
//! spreadsheet, read into the same `model::Session` values as the YAML
//! `sessions:` list. Collection points stay in YAML.
//!
//! A file's table starts at its header row (titles above it are skipped);
//! see `header` for how columns are recognised and `table` for the rows.
//! Positions in diagnostics are spreadsheet rows and columns; a sheet of a
//! workbook is named as `diagnostics::sheet_file` describes.

mod grid;
mod header;
mod table;

use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic, Diagnostics, Message};
use crate::model::Session;

/// What one spreadsheet file gave: its sessions, and for each CSV file or
/// sheet the text that error messages quote rows from.
#[derive(Default)]
pub struct Loaded {
    pub sessions: Vec<Session>,
    pub sources: Vec<(PathBuf, String)>,
}

/// Extensions read as schedules, besides YAML.
const READ: &[&str] = &["csv", "xlsx", "xlsm"];
/// Spreadsheet files in `schedules/` to look at: the ones read, and formats
/// bangtin does not read (named in a warning so they are not silently skipped).
pub const EXTENSIONS: &[&str] = &["csv", "xlsx", "xlsm", "xls", "ods", "numbers"];

/// Is this a spreadsheet to read, rather than the `~$lich.xlsx` (Excel) or
/// `.~lock.lich.xlsx#` (LibreOffice) lock file kept beside an open workbook?
pub fn is_schedule_file(path: &Path) -> bool {
    !path
        .file_name()
        .is_some_and(crate::disk::is_hidden_or_scratch)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

pub fn parse(path: &Path, room: &mut super::SessionRoom, diags: &mut Diagnostics) -> Loaded {
    match extension(path).as_str() {
        "csv" => parse_csv(path, room, diags),
        e if READ.contains(&e) => parse_xlsx(path, room, diags),
        _ => {
            diags.push(Diagnostic::new(path, None, Message::SpreadsheetKindUnread));
            Loaded::default()
        }
    }
}

fn parse_csv(path: &Path, room: &mut super::SessionRoom, diags: &mut Diagnostics) -> Loaded {
    let text = match super::read_text(path) {
        Ok(text) => text,
        Err(mut d) => {
            // Positions in a CSV file are rows and columns: keep the row only.
            d.pos = d.pos.map(|p| diagnostics::Pos::new(p.line, 0));
            if d.message.contains("UTF-8") {
                let what = d.message;
                d = Diagnostic::new(d.file, d.pos, Message::CsvNotUtf8 { what });
            }
            diags.push(d);
            return Loaded::default();
        }
    };
    let grid = match grid::from_csv(&text) {
        Ok(grid) => grid,
        Err(e) => {
            diags.push(Diagnostic::new(
                path,
                None,
                Message::CsvUnreadable {
                    reason: e.to_string(),
                },
            ));
            return Loaded::default();
        }
    };
    let sessions = match table::sessions(&grid, path, room, diags) {
        Ok(sessions) => sessions,
        Err(table::NoTable::Reported) => Vec::new(),
        Err(table::NoTable::NoHeader) => {
            diags.push(no_table(path, grid.is_blank()));
            Vec::new()
        }
    };
    Loaded {
        sessions,
        // The file's own lines are what the officer sees in a text editor.
        sources: vec![(path.to_path_buf(), text)],
    }
}

fn no_table(file: &Path, blank: bool) -> Diagnostic {
    let message = match blank {
        true => Message::ScheduleFileEmpty,
        false => Message::HeaderRowMissing,
    };
    Diagnostic::new(file, None, message)
}

fn parse_xlsx(path: &Path, room: &mut super::SessionRoom, diags: &mut Diagnostics) -> Loaded {
    if let Err(d) = super::check_size(path) {
        diags.push(d);
        return Loaded::default();
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let reason = crate::disk::io_reason(&e);
            diags.push(Diagnostic::new(
                path,
                None,
                Message::WorkbookUnreadable { reason },
            ));
            return Loaded::default();
        }
    };
    // calamine parses a zip of XML written by any program; a panic on a
    // malformed file must not take the whole build (or `serve`) down.
    let read = crate::crash::catch_quietly(move || grid::sheets_from_xlsx(bytes))
        .unwrap_or_else(|_| Err(grid::Refused::broken_inside()));
    let sheets = match read {
        Ok(sheets) => sheets,
        Err(refused) => {
            let file = match &refused.sheet {
                Some(sheet) => diagnostics::sheet_file(path, sheet),
                None => path.to_path_buf(),
            };
            let pos = refused
                .cell
                .map(|(row, col)| diagnostics::Pos::new(row, col));
            let (what, fix) = (refused.message, refused.hint);
            diags.push(Diagnostic::new(
                file,
                pos,
                Message::WorkbookRefused { what, fix },
            ));
            return Loaded::default();
        }
    };
    let mut loaded = Loaded::default();
    let mut skipped = Vec::new();
    let mut tables = 0;
    for sheet in &sheets {
        let file = diagnostics::sheet_file(path, &sheet.name);
        match table::sessions(&sheet.grid, &file, room, diags) {
            Ok(sessions) => {
                tables += 1;
                loaded.sessions.extend(sessions);
            }
            Err(table::NoTable::Reported) => tables += 1,
            Err(table::NoTable::NoHeader) if sheet.grid.is_blank() => {}
            Err(table::NoTable::NoHeader) => skipped.push(file.clone()),
        }
        loaded.sources.push((file, sheet.grid.quoted_rows()));
    }
    if tables == 0 {
        diags.push(no_table(path, skipped.is_empty()));
    } else {
        // A sheet of notes beside the schedule is fine, but say so: it may
        // be a schedule whose header bangtin did not recognise.
        for file in skipped {
            diags.push(Diagnostic::new(&file, None, Message::SheetWithoutTable));
        }
    }
    loaded
}
