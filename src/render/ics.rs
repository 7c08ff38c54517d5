//! iCalendar files (RFC 5545): `lich.ics` and `lich/<slug>.ics`.
//!
//! The icalendar crate writes the calendar's own lines; the 90,000 VEVENTs of
//! a province are written here the way it writes them (a test compares), since
//! through it they were 8% of the build. It writes no VTIMEZONE (and would
//! stamp one with a clock time and a random UID), so times are written in UTC
//! (…Z) and the calendar names Asia/Ho_Chi_Minh as its zone for apps that show
//! one. Its folding means to avoid whitespace at a fold but counts bytes as
//! characters, so with Vietnamese text a line can end in a space, which parsers
//! that trim lines lose ("tài khoản" becomes "tàikhoản"); `fold_line` folds at
//! 75 octets, between two non-space characters, and `refold` refolds the
//! crate's lines the same way.
//! Nothing comes from the clock or a random generator: the same input gives
//! the same bytes.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use icalendar::{Calendar, Property};
use rayon::prelude::*;

use super::event::{self, When};
use crate::model::{Content, HamletId, SessionId};
use crate::plan::{self, Plan};
use crate::vi::calendar::push_padded;

/// The sessions of the calendar, in schedule order, with their ids' ordinals.
pub struct Sessions<'a> {
    pub content: &'a Content,
    pub plan: &'a Plan,
    pub ordered: &'a [SessionId],
    pub ordinals: &'a [usize],
}

/// Every session's VEVENT, folded, by position in `ordered` (empty for a
/// session without a hamlet). Each is written once: `lich.ics` and the
/// hamlet's calendar hold the same bytes for it.
pub fn events(sessions: &Sessions) -> Vec<String> {
    let site_key = event::site_key(sessions.content);
    // The same for every session of a hamlet.
    let titles: Vec<String> = sessions
        .content
        .hamlet_ids()
        .map(|h| event::title(sessions.content, h))
        .collect();
    sessions
        .ordered
        .par_iter()
        .map(|&i| match sessions.plan.hamlet_of(i) {
            Some(h) => {
                let mut text = String::with_capacity(1024);
                write_vevent(&mut text, sessions, &site_key, &titles[h.index()], i, h);
                text
            }
            None => String::new(),
        })
        .collect()
}

/// The calendar of every session, or of one hamlet's, from `events(sessions)`.
pub fn calendar(sessions: &Sessions, events: &[String], only_hamlet: Option<HamletId>) -> String {
    let content = sessions.content;
    let site = &content.site;
    let name = match only_hamlet {
        Some(h) => format!("Lịch {} – {}", site.hamlets[h].label(), site.authority),
        None => format!("Lịch các thôn – {}", site.authority),
    };
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//bangtin//bangtin//VI"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", name))
        .append_property(Property::new("X-WR-CALDESC", site.campaign.name.as_str()))
        .append_property(Property::new("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh"));
    // The crate writes the calendar's own lines; the events go in before its END.
    let head = refold(&cal.to_string());
    let head = head
        .rfind(CALENDAR_END)
        .map_or(&head[..], |end| &head[..end]);
    let mut out = String::with_capacity(head.len() + events.iter().map(String::len).sum::<usize>());
    out.push_str(head);
    for (&i, text) in sessions.ordered.iter().zip(events) {
        let hamlet = sessions.plan.hamlet_of(i);
        if hamlet.is_some() && only_hamlet.is_none_or(|h| sessions.plan.lists(h, i)) {
            out.push_str(text);
        }
    }
    // Mobile teams' routes go to the calendar of every session only.
    if only_hamlet.is_none() {
        write_route_events(&mut out, content);
    }
    out.push_str(CALENDAR_END);
    out
}

const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// Longest content line in octets, CRLF excluded (RFC 5545, 3.1).
const LINE_OCTETS: usize = 75;

/// Unfolds `text` (CRLF + one space) and folds every line longer than 75
/// octets on character boundaries, never next to a space or tab.
pub fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len());
    for line in unfolded.split_terminator("\r\n") {
        fold_line(&mut out, line);
    }
    out
}

/// Appends one content line, folded at 75 octets, and its CRLF.
fn fold_line(out: &mut String, line: &str) {
    let mut rest = line;
    // The first line holds 75 octets; each continuation a space and 74.
    let mut limit = LINE_OCTETS;
    while rest.len() > limit {
        let cut = fold_point(rest, limit);
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Where to cut `line` so the first part has at most `limit` octets: the last
/// character boundary with no whitespace on either side, else the last boundary.
fn fold_point(line: &str, limit: usize) -> usize {
    let boundaries = || (1..=limit).rev().filter(|&i| line.is_char_boundary(i));
    let blank = |c: Option<char>| c.is_some_and(|c| c == ' ' || c == '\t');
    boundaries()
        .find(|&i| !blank(line[..i].chars().next_back()) && !blank(line[i..].chars().next()))
        .or_else(|| boundaries().next())
        .unwrap_or(line.len())
}

/// One content line `NAME:value`, TEXT values escaped, folded.
fn push_property(out: &mut String, line: &mut String, name: &str, value: &str, text: bool) {
    line.clear();
    line.push_str(name);
    line.push(':');
    if text {
        push_text_escaped(line, value);
    } else {
        line.push_str(value);
    }
    fold_line(out, line);
}

/// DTSTART and DTEND in name order around `between`, which writes the
/// properties whose names fall between them (DTSTAMP).
fn push_times(
    out: &mut String,
    line: &mut String,
    when: When,
    between: impl FnOnce(&mut String, &mut String),
) {
    // DTEND of an all-day event is the next day (exclusive).
    match when {
        When::AllDay(date) => push_property(
            out,
            line,
            "DTEND;VALUE=DATE",
            &ymd(date + Duration::days(1)),
            false,
        ),
        When::Between(_, end) => {
            push_property(out, line, "DTEND", &utc_stamp(event::to_utc(end)), false)
        }
        When::Starts(_) => {}
    }
    between(out, line);
    match when {
        When::AllDay(date) => push_property(out, line, "DTSTART;VALUE=DATE", &ymd(date), false),
        When::Starts(start) | When::Between(start, _) => push_property(
            out,
            line,
            "DTSTART",
            &utc_stamp(event::to_utc(start)),
            false,
        ),
    }
}

/// Each mobile team's route stops as VEVENTs, written as sessions' are:
/// "Tổ lưu động: Trường THCS Cẩm Ngọc", at the stop's hours (a part of the
/// day at its documented hours), linking to the points page.
fn write_route_events(out: &mut String, content: &Content) {
    let site_key = event::site_key(content);
    let mut line = String::with_capacity(512);
    for point in &content.points {
        // The team's entry on the points page.
        let url = super::seo::absolute_url(&content.site, &plan::point_link(content, point));
        let mut ordinal = 0;
        for (n, stop) in point.route.iter().enumerate() {
            ordinal = match n > 0 && point.route[n - 1].date == stop.date {
                true => ordinal + 1,
                false => 0,
            };
            out.push_str("BEGIN:VEVENT\r\n");
            let description = event::stop_description(content, point, stop);
            push_property(out, &mut line, "DESCRIPTION", &description, true);
            let stamp = utc_stamp(event::to_utc(stop.date.and_time(NaiveTime::MIN)));
            push_times(
                out,
                &mut line,
                event::when_of(stop.date, stop.time),
                |out, line| push_property(out, line, "DTSTAMP", &stamp, false),
            );
            let mut location = stop.place.clone();
            if !content.site.place.is_empty() {
                location.push_str(", ");
                location.push_str(&content.site.place);
            }
            push_property(out, &mut line, "LOCATION", &location, true);
            let summary = format!("{}: {}", point.name, stop.place);
            push_property(out, &mut line, "SUMMARY", &summary, true);
            let uid = event::stop_id(&site_key, point, stop.date, ordinal);
            push_property(out, &mut line, "UID", &format!("{uid}@bangtin"), true);
            if let Some(url) = &url {
                push_property(out, &mut line, "URL", url, false);
            }
            out.push_str("END:VEVENT\r\n");
        }
    }
}

/// One session's VEVENT, written as the icalendar crate writes an event (its
/// properties in name order, TEXT values escaped by RFC 5545 3.3.11) and folded
/// by `fold_line`. The crate is kept for the calendar's own lines: through it,
/// events were 8% of a province build, a third of that unfolding its folds.
fn write_vevent(
    out: &mut String,
    sessions: &Sessions,
    site_key: &str,
    title: &str,
    i: SessionId,
    h: HamletId,
) {
    let content = sessions.content;
    let s = &content.sessions[i];
    let mut line = String::with_capacity(512);
    out.push_str("BEGIN:VEVENT\r\n");
    let description = event::description(content, s);
    push_property(out, &mut line, "DESCRIPTION", &description, true);
    // Stamped with the day the change was announced, else the session's own
    // day (midnight in Vietnam), not the clock: the same input must give the
    // same file.
    let stamp_day = s.changed_on().unwrap_or(s.date);
    let stamp = utc_stamp(event::to_utc(stamp_day.and_time(NaiveTime::MIN)));
    push_times(out, &mut line, event::when(s), |out, line| {
        push_property(out, line, "DTSTAMP", &stamp, false)
    });
    let location = event::location(content, s, h);
    push_property(out, &mut line, "LOCATION", &location, true);
    // A change keeps the UID and raises SEQUENCE, so a calendar that has the
    // event updates it (RFC 5545 3.8.7.4); CANCELLED takes it off the day.
    let sequence = s.sequence();
    if sequence > 0 {
        push_property(out, &mut line, "SEQUENCE", &sequence.to_string(), false);
        let status = if s.is_off() { "CANCELLED" } else { "CONFIRMED" };
        push_property(out, &mut line, "STATUS", status, false);
    }
    push_property(out, &mut line, "SUMMARY", &event::title_of(title, s), true);
    let uid = event::session_id(content, site_key, i, h, sessions.ordinals[i.index()]);
    push_property(out, &mut line, "UID", &format!("{uid}@bangtin"), true);
    let page = plan::hamlet_path(sessions.plan.hamlet_slug(h));
    if let Some(url) = super::seo::absolute_url(&content.site, &page) {
        push_property(out, &mut line, "URL", &url, false);
    }
    out.push_str("END:VEVENT\r\n");
}

/// RFC 5545 TEXT escaping: backslash, comma, semicolon and newline.
fn push_text_escaped(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'\\' | b',' | b';' | b'\n'))
    {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'\\' => "\\\\",
            b',' => "\\,",
            b';' => "\\;",
            _ => "\\n",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// "20221129": a DATE value.
fn ymd(d: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_padded(&mut out, d.year().into(), 4);
    push_padded(&mut out, d.month().into(), 2);
    push_padded(&mut out, d.day().into(), 2);
    out
}

/// "20221129T003000Z": a UTC date-time as RFC 5545 writes it.
fn utc_stamp(t: NaiveDateTime) -> String {
    let mut out = ymd(t.date());
    out.push('T');
    for part in [t.hour(), t.minute(), t.second()] {
        push_padded(&mut out, part.into(), 2);
    }
    out.push('Z');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A VEVENT built through the icalendar crate, then refolded: how events
    /// were written before `write_vevent`, kept as its oracle.
    fn vevent_by_crate(sessions: &Sessions, site_key: &str, i: SessionId, h: HamletId) -> String {
        use icalendar::{Component, EventLike};
        let content = sessions.content;
        let s = &content.sessions[i];
        let uid = event::session_id(content, site_key, i, h, sessions.ordinals[i.index()]);
        let mut ev = icalendar::Event::new();
        let stamp_day = s.changed_on().unwrap_or(s.date);
        ev.uid(&format!("{uid}@bangtin"))
            .add_property(
                "DTSTAMP",
                utc_stamp(event::to_utc(stamp_day.and_time(NaiveTime::MIN))),
            )
            .summary(&event::title_of(&event::title(content, h), s))
            .location(&event::location(content, s, h))
            .description(&event::description(content, s));
        match event::when(s) {
            When::AllDay(date) => {
                let day = |key: &str, d: NaiveDate| {
                    Property::new(key, ymd(d))
                        .add_parameter("VALUE", "DATE")
                        .done()
                };
                ev.append_property(day("DTSTART", date))
                    .append_property(day("DTEND", date + Duration::days(1)));
            }
            When::Starts(start) => {
                ev.add_property("DTSTART", utc_stamp(event::to_utc(start)));
            }
            When::Between(start, end) => {
                ev.add_property("DTSTART", utc_stamp(event::to_utc(start)))
                    .add_property("DTEND", utc_stamp(event::to_utc(end)));
            }
        }
        if s.sequence() > 0 {
            ev.add_property("SEQUENCE", s.sequence().to_string())
                .add_property("STATUS", if s.is_off() { "CANCELLED" } else { "CONFIRMED" });
        }
        let page = plan::hamlet_path(sessions.plan.hamlet_slug(h));
        if let Some(url) = super::super::seo::absolute_url(&content.site, &page) {
            ev.url(&url);
        }
        let mut text = String::new();
        ev.done().fmt_write(&mut text).unwrap();
        refold(&text)
    }

    #[test]
    fn events_are_written_as_the_icalendar_crate_wrote_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("schedules")).unwrap();
        std::fs::write(
            root.join("site.yaml"),
            "title: Lịch; thử, \\ nghiệm\nauthority: UBND xã A, B\nplace: xã A; huyện B\n\
             base_url: https://example.gov.vn/a,b;c\n\
             campaign:\n  name: Đợt cao điểm hướng dẫn đăng ký, kích hoạt tài khoản định danh điện tử\n  start: 29/11/2022\n  end: 20/12/2022\n\
             hamlets:\n  - name: Đông Lão\n  - name: Tổ dân phố 3\n    kind: tổ dân phố\n",
        )
        .unwrap();
        std::fs::write(
            root.join("schedules/lich.yaml"),
            "sessions:\n\
             - {hamlet: Đông Lão, date: 29/11/2022, time: 19:00-21:30, place: \"Nhà A; phòng 2, tầng \\\\ 3\"}\n\
             - hamlet: Đông Lão\n  date: 30/11/2022\n  services: [\"Khám; tư vấn\", \"a,b\"]\n  note: |\n    Dòng một; có dấu, phẩy và \\ gạch\n    Dòng hai rất dài để gập dòng ở bảy mươi lăm octet tài khoản định danh điện tử mức hai\n\
             - {hamlet: Tổ dân phố 3, date: 01/12/2022, time: \"07:30\", note: Chỉ có giờ bắt đầu}\n",
        )
        .unwrap();
        let loaded = crate::load::load(root);
        let problems = loaded.diagnostics.into_sorted();
        assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
        let content = &loaded.content;
        let (plan, _) = crate::plan::plan(content);
        let ordered = super::super::ordered_sessions(content, &plan);
        let ordinals = event::day_ordinals(content, &plan, &ordered);
        let sessions = Sessions {
            content,
            plan: &plan,
            ordered: &ordered,
            ordinals: &ordinals,
        };
        let site_key = event::site_key(content);
        let mut kinds = std::collections::HashSet::new();
        for &i in &ordered {
            let h = plan.hamlet_of(i).unwrap();
            kinds.insert(std::mem::discriminant(&event::when(&content.sessions[i])));
            let mut ours = String::new();
            write_vevent(
                &mut ours,
                &sessions,
                &site_key,
                &event::title(content, h),
                i,
                h,
            );
            assert_eq!(ours, vevent_by_crate(&sessions, &site_key, i, h));
        }
        assert_eq!(kinds.len(), 3, "all-day, start-only and between sessions");
    }

    /// Each property as `write_vevent` writes it, and as the icalendar crate
    /// writes it (then refolded): the same bytes.
    #[test]
    fn properties_are_written_as_the_icalendar_crate_writes_them() {
        let long = "tài khoản định danh; ".repeat(12);
        let values = [
            "Nhà A; phòng 2, tầng \\ 3",
            "Dòng một\nDòng hai, \\n không phải xuống dòng",
            long.as_str(),
            "",
            "https://example.gov.vn/a,b;c/index.html",
        ];
        for key in ["DESCRIPTION", "LOCATION", "SUMMARY", "UID"] {
            for value in values {
                let mut cal = Calendar::empty();
                cal.append_property(Property::new(key, value));
                let by_crate = refold(&cal.to_string());
                let mut ours = String::new();
                let mut line = format!("{key}:");
                push_text_escaped(&mut line, value);
                fold_line(&mut ours, &line);
                assert_eq!(
                    by_crate,
                    format!("BEGIN:VCALENDAR\r\n{ours}END:VCALENDAR\r\n"),
                    "{key}: {value:?}"
                );
            }
        }
    }

    #[test]
    fn refold_keeps_lines_short_and_spaces_inside() {
        let long = format!(
            "DESCRIPTION:{}\r\n",
            "Mang theo thẻ căn cước công dân gắn chip và điện thoại thông minh. "
                .repeat(6)
                .trim_end()
        );
        let folded = refold(&long);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
            assert!(!line.ends_with(' '), "line ends in a space: {line:?}");
            assert!(
                !line.starts_with("  "),
                "continuation starts with content space: {line:?}"
            );
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }

    #[test]
    fn refold_leaves_short_lines_and_unfolds_first() {
        assert_eq!(refold("A:b\r\n"), "A:b\r\n");
        let x = "X:".to_string() + &"ă".repeat(40);
        assert_eq!(
            refold(&refold(&(x.clone() + "\r\n"))),
            refold(&(x + "\r\n"))
        );
    }

    #[test]
    fn refold_without_spaces_cuts_at_a_character_boundary() {
        let line = format!("X:{}\r\n", "đ".repeat(100));
        for l in refold(&line).split_terminator("\r\n") {
            assert!(l.len() <= LINE_OCTETS);
        }
    }
}
