//! `status`, `was`, `reason`, `changed` of a session, the same for YAML and
//! spreadsheets: the words officers write for a status, and the checks that
//! need nothing but the session itself.

use std::path::Path;

use super::fields::{self, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Change, Earlier, Located, Session, SessionStatus};

/// Spellings of `status` (and of the "Trạng thái" column), matched without
/// case, diacritics or punctuation.
pub const STATUS_WORDS: &[(&str, SessionStatus)] = &[
    ("cancelled", SessionStatus::Cancelled),
    ("canceled", SessionStatus::Cancelled),
    ("hủy", SessionStatus::Cancelled),
    ("đã hủy", SessionStatus::Cancelled),
    ("hủy bỏ", SessionStatus::Cancelled),
    ("bãi bỏ", SessionStatus::Cancelled),
    ("không tổ chức", SessionStatus::Cancelled),
    ("postponed", SessionStatus::Postponed),
    ("hoãn", SessionStatus::Postponed),
    ("tạm hoãn", SessionStatus::Postponed),
    ("đã hoãn", SessionStatus::Postponed),
    ("hoãn lại", SessionStatus::Postponed),
    ("moved", SessionStatus::Moved),
    ("rescheduled", SessionStatus::Moved),
    ("dời", SessionStatus::Moved),
    ("dời lịch", SessionStatus::Moved),
    ("dời ngày", SessionStatus::Moved),
    ("đổi ngày", SessionStatus::Moved),
    ("đổi giờ", SessionStatus::Moved),
    ("đổi địa điểm", SessionStatus::Moved),
    ("đổi lịch", SessionStatus::Moved),
    ("thay đổi", SessionStatus::Moved),
    ("chuyển địa điểm", SessionStatus::Moved),
];

/// What a hint offers for `status`.
pub const STATUS_SHOWN: &str =
    "cancelled (hủy), postponed (hoãn) hoặc moved (dời, đổi giờ, đổi địa điểm)";

pub fn status(
    field: &Text,
    key: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<Located<SessionStatus>>, ()> {
    let value = fields::keyword(field, key, STATUS_WORDS, STATUS_SHOWN, file, diags)?;
    Ok(value.map(|value| Located {
        value,
        pos: field.as_ref().map(crate::yaml::pos),
    }))
}

/// The change, or None when the session has none of its fields.
pub fn assemble(change: Change) -> Option<Box<Change>> {
    let empty = change.status.is_none()
        && change.was.is_empty()
        && change.reason.is_none()
        && change.changed.is_none();
    (!empty).then(|| Box::new(change))
}

/// An earlier value written with nothing in it.
pub fn empty_was(file: &Path, at: Option<Pos>, diags: &mut Diagnostics) {
    diags.push(Diagnostic::new(file, at, Message::WasEmpty));
}

/// Checks the change of the sessions one entry or row made (one per date and
/// sitting); false when it is wrong (reported once).
pub fn check_all(sessions: &[Session], file: &Path, diags: &mut Diagnostics) -> bool {
    let Some(change) = sessions.first().and_then(|s| s.change.as_ref()) else {
        return true;
    };
    if sessions.len() > 1 && change.was.iter().any(|w| w.date.is_some()) {
        diags.push(Diagnostic::new(
            file,
            change.was_pos,
            Message::WasDateShared,
        ));
        return false;
    }
    let errors_before = diags.error_count();
    for s in sessions {
        let now = Earlier {
            date: Some(s.date),
            time: s.time,
            place: s.place.clone(),
            pos: None,
        };
        check(
            change.status.as_ref(),
            &change.was,
            &now,
            change.was_pos,
            file,
            diags,
        );
        if diags.error_count() > errors_before {
            return false;
        }
    }
    true
}

/// An earlier value needs what it was changed from and a status saying what
/// happened; a moved session needs something that moved.
fn check(
    status: Option<&Located<SessionStatus>>,
    was: &[Earlier],
    now: &Earlier,
    was_pos: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) {
    match status.map(|s| (s.value, s.pos)) {
        None if !was.is_empty() => {
            diags.push(Diagnostic::new(file, was_pos, Message::WasWithoutStatus))
        }
        Some((SessionStatus::Moved, at)) => {
            let latest = was.last();
            let moved = latest.is_some_and(|w| {
                w.date.is_some_and(|d| Some(d) != now.date)
                    || w.time.is_some_and(|t| Some(t) != now.time)
                    || w.place
                        .as_ref()
                        .is_some_and(|p| Some(p) != now.place.as_ref())
            });
            if !moved {
                let message = match latest {
                    None => Message::MovedWithoutWas,
                    Some(_) => Message::MovedToSame,
                };
                diags.push(Diagnostic::new(
                    file,
                    latest.and_then(|w| w.pos).or(at),
                    message,
                ));
            }
        }
        _ => {}
    }
}
