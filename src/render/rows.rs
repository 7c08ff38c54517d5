//! The rows of session tables, written in Rust rather than by a template loop.
//!
//! A province has ~90,000 sessions and each one is a row in five tables (the
//! schedule page, its hamlet's page, its week sheet, and both portal fragments). Through Tera,
//! every row's fields were first turned into JSON values and then looked up
//! cell by cell: a third of a province build. mdBook renders its table of
//! contents in Rust for the same reason. Themes still own everything around the
//! rows (`macros.html`, the page templates) and restyle rows through their
//! classes and `data-label`s.

use chrono::{Datelike, NaiveDate};

use crate::model::{Content, HamletId, Session, SessionId};
use crate::plan::{self, Plan};
use crate::theme::push_escaped;
use crate::vi::calendar::{
    push_date_numeric, push_iso_date, push_padded, push_time, push_time_range, weekday_name,
};

/// Which table the rows are for.
#[derive(Clone, Copy)]
pub enum Table<'a> {
    /// A theme page; `root` is the page's way back to the site root (`../`).
    Page { root: &'a str, show_hamlet: bool },
    /// A portal fragment: inline styles only, no links.
    Fragment { show_hamlet: bool },
}

/// The style of every cell of a portal fragment. Inline, because portal editors
/// drop `<style>`; `text-align` too, because portal stylesheets centre cells.
pub const FRAGMENT_CELL: &str =
    "border:1px solid #888;padding:6px 8px;text-align:left;vertical-align:top";

/// Appends one row per session (indices into `content.sessions`, in order).
/// Sessions without a hamlet (already reported by validation) are skipped.
pub fn write_rows(
    out: &mut String,
    content: &Content,
    plan: &Plan,
    sessions: impl IntoIterator<Item = SessionId>,
    table: Table,
    today: NaiveDate,
) {
    for i in sessions {
        let Some(hamlet) = plan.hamlet_of(i) else {
            continue;
        };
        let s = &content.sessions[i];
        let label = content.site.hamlets[hamlet].label();
        match table {
            Table::Page { root, show_hamlet } => {
                out.push_str(if s.date < today {
                    "<tr class=\"past\">"
                } else {
                    "<tr>"
                });
                out.push_str("<td data-label=\"Thứ\">");
                out.push_str(weekday_name(s.date.weekday()));
                out.push_str("</td><td data-label=\"Ngày\"><time datetime=\"");
                push_iso_date(out, s.date);
                out.push_str("\">");
                push_date_numeric(out, s.date);
                out.push_str("</time></td>");
                if show_hamlet {
                    out.push_str("<td data-label=\"Thôn\"><a href=\"");
                    push_escaped(out, root);
                    push_escaped(out, &plan::hamlet_path(plan.hamlet_slug(hamlet)));
                    out.push_str("\">");
                    push_escaped(out, label);
                    out.push_str("</a></td>");
                }
                out.push_str("<td data-label=\"Giờ\">");
                push_when(out, s);
                out.push_str("</td><td data-label=\"Địa điểm\">");
                push_escaped(out, place(content, s, hamlet, show_hamlet));
                out.push_str("</td><td data-label=\"Ghi chú\">");
                push_remarks(out, s);
                out.push_str("</td></tr>\n");
            }
            Table::Fragment { show_hamlet } => {
                let cell = |out: &mut String, nowrap: bool| {
                    out.push_str("<td style=\"");
                    out.push_str(FRAGMENT_CELL);
                    if nowrap {
                        out.push_str(";white-space:nowrap");
                    }
                    out.push_str("\">");
                };
                out.push_str("<tr>\n");
                cell(out, false);
                out.push_str(weekday_name(s.date.weekday()));
                out.push_str("</td>\n");
                cell(out, true);
                push_date_numeric(out, s.date);
                out.push_str("</td>\n");
                if show_hamlet {
                    cell(out, false);
                    push_escaped(out, label);
                    out.push_str("</td>\n");
                }
                cell(out, true);
                match (s.part_of_day, s.time) {
                    (Some(part), _) => out.push_str(part.word()),
                    (None, Some(time)) => push_time_range(out, time),
                    (None, None) => out.push_str("Cả ngày"),
                }
                out.push_str("</td>\n");
                cell(out, false);
                push_escaped(out, place(content, s, hamlet, show_hamlet));
                out.push_str("</td>\n");
                cell(out, false);
                push_remarks(out, s);
                out.push_str("</td>\n</tr>\n");
            }
        }
    }
}

/// Appends the week sheet's table bodies: one `<tbody>` per day, the day in a
/// row-group header on its first row and repeated (for the phone layout) on
/// the others. `sessions` are (session, hamlet) in reading order; `names` is
/// each hamlet's name as printed on the sheet.
pub fn write_week_rows(
    out: &mut String,
    content: &Content,
    plan: &Plan,
    sessions: &[(SessionId, HamletId)],
    names: &[String],
    root: &str,
) {
    let mut day: Option<NaiveDate> = None;
    for &(i, hamlet) in sessions {
        let s = &content.sessions[i];
        let first_of_day = day != Some(s.date);
        if first_of_day {
            if day.is_some() {
                out.push_str("</tbody>\n");
            }
            out.push_str("<tbody>\n");
            day = Some(s.date);
        }
        let day_label = |out: &mut String| {
            out.push_str(weekday_name(s.date.weekday()));
            out.push_str("<br> ");
            push_padded(out, s.date.day().into(), 2);
            out.push('/');
            push_padded(out, s.date.month().into(), 2);
        };
        if first_of_day {
            out.push_str("<tr><th class=\"day\" scope=\"rowgroup\"><time datetime=\"");
            push_iso_date(out, s.date);
            out.push_str("\">");
            day_label(out);
            out.push_str("</time></th>");
        } else {
            out.push_str("<tr><td class=\"day again\"><span>");
            day_label(out);
            out.push_str("</span></td>");
        }
        out.push_str("<th class=\"hamlet\" scope=\"row\" data-label=\"Thôn\"><a href=\"");
        push_escaped(out, root);
        push_escaped(out, &plan::hamlet_path(plan.hamlet_slug(hamlet)));
        out.push_str("\">");
        push_escaped(out, names.get(hamlet.index()).map_or("", String::as_str));
        out.push_str("</a></th><td class=\"time\" data-label=\"Giờ\">");
        push_when(out, s);
        out.push_str("</td><td data-label=\"Địa điểm\">");
        push_escaped(out, s.place.as_deref().unwrap_or(""));
        out.push_str("</td></tr>\n");
    }
    if day.is_some() {
        out.push_str("</tbody>\n");
    }
}

/// The time cell's content: "07:30–11:00" marked up with its start, the
/// part of the day ("Sáng") when only that was written, or "Cả ngày".
fn push_when(out: &mut String, s: &Session) {
    if let Some(part) = s.part_of_day {
        out.push_str(part.word());
        return;
    }
    match s.time {
        Some(time) => {
            out.push_str("<time datetime=\"");
            push_iso_date(out, s.date);
            out.push('T');
            push_time(out, time.start);
            out.push_str("\">");
            push_time_range(out, time);
            out.push_str("</time>");
        }
        None => out.push_str("Cả ngày"),
    }
}

/// The place cell: the place written, or, in a table without the hamlet
/// column (a hamlet's page), the venue a session is held at.
fn place<'a>(content: &'a Content, s: &'a Session, at: HamletId, show_hamlet: bool) -> &'a str {
    match &s.place {
        Some(place) => place,
        None if !show_hamlet && content.site.hamlets[at].is_venue() => {
            content.site.hamlets[at].label()
        }
        None => "",
    }
}

/// "Đối tượng: học sinh. Cài đặt VNeID, Kích hoạt tài khoản. Mang theo căn
/// cước": who it is for, services, then the note.
fn push_remarks(out: &mut String, s: &Session) {
    if let Some(audience) = &s.audience {
        out.push_str("Đối tượng: ");
        push_escaped(out, audience);
        if !s.services.is_empty() || s.note.is_some() {
            out.push_str(". ");
        }
    }
    for (n, service) in s.services.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        push_escaped(out, service);
    }
    if let Some(note) = &s.note {
        if !s.services.is_empty() {
            out.push_str(". ");
        }
        push_escaped(out, note);
    }
}

// Dates and times written straight into the row: the same text as
// `vi::calendar`'s format functions, without a String per cell.

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::calendar::TimeRange;
    use chrono::NaiveTime;

    #[test]
    fn pushed_dates_and_times_match_the_format_functions() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 9).unwrap();
        let mut out = String::new();
        push_iso_date(&mut out, d);
        assert_eq!(out, "2022-01-09");
        out.clear();
        push_date_numeric(&mut out, d);
        assert_eq!(out, "09/01/2022");
        for (end, expected) in [
            (None, "07:30"),
            (NaiveTime::from_hms_opt(11, 0, 0), "07:30–11:00"),
        ] {
            let r = TimeRange {
                start: NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
                end,
            };
            out.clear();
            push_time_range(&mut out, r);
            assert_eq!(out, expected);
        }
    }
}
