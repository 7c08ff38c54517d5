//! iCalendar files (RFC 5545): `lich.ics` and `lich/<slug>.ics`.
//!
//! The icalendar crate writes the properties, escapes TEXT values and ends
//! lines with CRLF. It writes no VTIMEZONE (and would stamp one with a clock
//! time and a random UID), so times are written in UTC (…Z) and the calendar
//! names Asia/Ho_Chi_Minh as its zone for apps that show one. Its folding means
//! to avoid whitespace at a fold but counts bytes as characters, so with
//! Vietnamese text a line can end in a space, which parsers that trim lines
//! lose ("tài khoản" becomes "tàikhoản"); `refold` folds again, at 75 octets,
//! between two non-space characters.
//! Nothing comes from the clock or a random generator: the same input gives
//! the same bytes.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use icalendar::{Calendar, Component, EventLike, Property};
use rayon::prelude::*;

use super::event::{self, When};
use crate::model::Content;
use crate::plan::{self, Plan};

/// The sessions of the calendar, in schedule order, with their ids' ordinals.
pub struct Sessions<'a> {
    pub content: &'a Content,
    pub plan: &'a Plan,
    pub ordered: &'a [usize],
    pub ordinals: &'a [usize],
}

/// Every session's VEVENT, folded, by position in `ordered` (empty for a
/// session without a hamlet). Each is written once: `lich.ics` and the
/// hamlet's calendar hold the same bytes for it.
pub fn events(sessions: &Sessions) -> Vec<String> {
    let site_key = event::site_key(sessions.content);
    // The same for every session of a hamlet.
    let titles: Vec<String> = (0..sessions.content.site.hamlets.len())
        .map(|h| event::title(sessions.content, h))
        .collect();
    sessions
        .ordered
        .par_iter()
        .map(|&i| match sessions.plan.session_hamlets[i] {
            Some(h) => {
                let mut text = String::new();
                // Writing into a String cannot fail.
                let _ = vevent(sessions, &site_key, &titles[h], i, h).fmt_write(&mut text);
                refold(&text)
            }
            None => String::new(),
        })
        .collect()
}

/// The calendar of every session, or of one hamlet's, from `events(sessions)`.
pub fn calendar(sessions: &Sessions, events: &[String], only_hamlet: Option<usize>) -> String {
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
        let hamlet = sessions.plan.session_hamlets[i];
        if hamlet.is_some() && (only_hamlet.is_none() || hamlet == only_hamlet) {
            out.push_str(text);
        }
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
    out
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

fn vevent(
    sessions: &Sessions,
    site_key: &str,
    title: &str,
    i: usize,
    h: usize,
) -> icalendar::Event {
    let content = sessions.content;
    let s = &content.sessions[i];
    let uid = event::session_id(content, site_key, i, h, sessions.ordinals[i]);
    let mut ev = icalendar::Event::new();
    // Dates are written here rather than by the crate's typed setters, which
    // run chrono's pattern formatter for each one: 2% of a province build.
    ev.uid(&format!("{uid}@bangtin"))
        // Stamped with the session's own day (midnight in Vietnam), not the
        // clock: the same input must give the same file.
        .add_property(
            "DTSTAMP",
            utc_stamp(event::to_utc(s.date.and_time(NaiveTime::MIN))),
        )
        .summary(title)
        .location(&event::location(content, s, h))
        .description(&event::description(content, s));
    match event::when(s) {
        When::AllDay(date) => {
            // DTEND of an all-day event is the next day (exclusive).
            let day = |key: &str, d: NaiveDate| {
                Property::new(
                    key,
                    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
                )
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
    let page = plan::hamlet_path(&sessions.plan.hamlet_slugs[h]);
    if let Some(url) = super::seo::absolute_url(&content.site, &page) {
        ev.url(&url);
    }
    ev.done()
}

/// "20221129T003000Z": a UTC date-time as RFC 5545 writes it.
fn utc_stamp(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
