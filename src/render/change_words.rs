//! The words for a changed session, the same on pages, in calendars, in the
//! notice of changes and in the feed: a text badge, never a colour alone.

use crate::model::{Session, SessionStatus};
use crate::vi::calendar::{format_date_phrase, format_time, format_time_range};

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

/// The badge of a session put back as planned, on the changes page, the
/// notice and the feed only: elsewhere it shows as planned, without one.
pub const PUT_BACK_BADGE: &str = "KHÔI PHỤC";

/// "buổi thứ Hai, ngày 05/12/2022, 19:00–21:30 diễn ra lại như kế hoạch":
/// a session put back, as [`change_clause`] words the others.
fn put_back_clause(s: &Session, at: Option<&str>) -> String {
    let mut out = String::from("buổi");
    if let Some(at) = at {
        out.push_str(" tại ");
        out.push_str(at);
    }
    out.push(' ');
    out.push_str(&format_date_phrase(s.date));
    if let Some(t) = time_text(s.part_of_day, s.time, at.is_some()) {
        out.push_str(", ");
        out.push_str(&t);
    }
    out.push_str(" diễn ra lại như kế hoạch");
    out
}

/// "ĐÃ HỦY", "ĐỔI NGÀY, ĐỔI GIỜ": the badges as one text.
pub fn badge_text(s: &Session) -> String {
    badges(s).collect::<Vec<_>>().join(", ")
}

/// The session's time as written in a sentence: "19:00–21:30", "buổi sáng",
/// or None for a session all day.
fn time_text(
    part: Option<crate::vi::calendar::PartOfDay>,
    time: Option<crate::vi::calendar::TimeRange>,
    spoken: bool,
) -> Option<String> {
    match (part, time) {
        (Some(part), _) => Some(format!("buổi {}", part.key())),
        (None, Some(t)) => Some(match (spoken, t.end) {
            (true, Some(end)) => format!("từ {} đến {}", format_time(t.start), format_time(end)),
            _ => format_time_range(&t),
        }),
        (None, None) => None,
    }
}

/// What happened to a changed session, in one clause without its hamlet:
/// "buổi thứ Bảy, ngày 03/12/2022 dời sang thứ Ba, ngày 06/12/2022,
/// 07:30–11:00", "buổi thứ Tư, ngày 07/12/2022, 13:30–17:00 đã hủy". `at`
/// names the place in the clause ("buổi tại thôn Sành …") for a script.
/// A session put back as planned: "buổi … diễn ra lại như kế hoạch". None
/// for a session as planned.
pub fn change_clause(s: &Session, at: Option<&str>) -> Option<String> {
    let Some(status) = s.status() else {
        return s.is_put_back().then(|| put_back_clause(s, at));
    };
    let mut out = String::from("buổi");
    if let Some(at) = at {
        out.push_str(" tại ");
        out.push_str(at);
    }
    // Read aloud ("at" given), a time range is said "từ … đến …".
    let spoken = at.is_some();
    let time_text = |part, time| time_text(part, time, spoken);
    let now_time = time_text(s.part_of_day, s.time);
    let with_time = |out: &mut String, time: &Option<String>| {
        if let Some(t) = time {
            out.push_str(", ");
            out.push_str(t);
        }
    };
    match status {
        SessionStatus::Cancelled | SessionStatus::Postponed => {
            out.push(' ');
            out.push_str(&format_date_phrase(s.date));
            with_time(&mut out, &now_time);
            out.push_str(match status {
                SessionStatus::Cancelled => " đã hủy",
                _ => " tạm hoãn, ngày mới sẽ thông báo sau",
            });
        }
        SessionStatus::Moved => {
            let touched = s.touched();
            let was_time = s.was_time().and_then(|t| time_text(None, Some(t)));
            out.push(' ');
            out.push_str(&format_date_phrase(s.was_date().unwrap_or(s.date)));
            if touched.date {
                with_time(&mut out, &was_time);
                out.push_str(" dời sang ");
                out.push_str(&format_date_phrase(s.date));
                with_time(&mut out, &now_time);
            } else if touched.time {
                let now = now_time.as_deref().unwrap_or("cả ngày");
                out.push_str(" đổi giờ");
                match (&was_time, spoken) {
                    // A spoken range already starts with "từ": "đổi giờ từ từ
                    // mười chín giờ … sang từ bảy giờ …" was read aloud.
                    (Some(was), true) => out.push_str(&format!(", trước đây {was}, nay {now}")),
                    (None, true) => out.push_str(&format!(", nay {now}")),
                    (Some(was), false) => out.push_str(&format!(" từ {was} sang {now}")),
                    (None, false) => out.push_str(&format!(" sang {now}")),
                }
            } else if !touched.place {
                with_time(&mut out, &now_time);
                out.push_str(" có thay đổi lịch");
            }
            match (s.was_place(), &s.place) {
                (Some(old), Some(new)) if !touched.date && !touched.time => {
                    with_time(&mut out, &now_time);
                    out.push_str(&format!(" đổi địa điểm từ {old} sang {new}"));
                }
                (Some(_), Some(new)) => {
                    out.push_str(", tại ");
                    out.push_str(new);
                }
                _ => {}
            }
        }
    }
    Some(out)
}
