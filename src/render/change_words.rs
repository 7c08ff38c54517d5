//! The words for a changed session, the same on pages, in calendars, in the
//! notice of changes and in the feed: a text badge, never a colour alone.

use crate::model::{Session, SessionStatus};

/// The badges of a session, in reading order: "ĐÃ HỦY", "TẠM HOÃN", or what a
/// move touched ("ĐỔI NGÀY", "ĐỔI GIỜ", "ĐỔI ĐỊA ĐIỂM"). None for a session
/// as planned.
pub fn badges(s: &Session) -> impl Iterator<Item = &'static str> {
    let status = s.status();
    let touched = s.touched();
    let moved = status == Some(SessionStatus::Moved);
    [
        (status == Some(SessionStatus::Cancelled), "ĐÃ HỦY"),
        (status == Some(SessionStatus::Postponed), "TẠM HOÃN"),
        (moved && touched.date, "ĐỔI NGÀY"),
        (moved && touched.time, "ĐỔI GIỜ"),
        (moved && touched.place, "ĐỔI ĐỊA ĐIỂM"),
        // A move whose `was` repeats an older value: still a change.
        (moved && !touched.any(), "ĐỔI LỊCH"),
    ]
    .into_iter()
    .filter_map(|(on, word)| on.then_some(word))
}

/// "ĐÃ HỦY", "ĐỔI NGÀY, ĐỔI GIỜ": the badges as one text.
pub fn badge_text(s: &Session) -> String {
    badges(s).collect::<Vec<_>>().join(", ")
}
