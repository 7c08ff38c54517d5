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

use crate::model::{Content, HamletId, Point, Session, SessionId, Stop};
use crate::plan::{self, Plan};
use crate::theme::push_escaped;
use crate::vi::calendar::{
    push_date_numeric, push_iso_date, push_padded, push_time, push_time_range, weekday_name,
    PartOfDay, TimeRange,
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
    let column = match table {
        Table::Page {
            show_hamlet: true, ..
        } => super::views::area_words(content).column,
        _ => String::new(),
    };
    for i in sessions {
        let Some(hamlet) = plan.hamlet_of(i) else {
            continue;
        };
        let s = &content.sessions[i];
        let label = content.site.hamlets[hamlet].label();
        match table {
            Table::Page { root, show_hamlet } => {
                out.push_str("<tr");
                push_row_class(out, s, today);
                out.push_str("><td data-label=\"Thứ\">");
                out.push_str(weekday_name(s.date.weekday()));
                out.push_str("</td><td data-label=\"Ngày\">");
                push_was(out, s.was_date(), push_date_numeric);
                out.push_str("<time datetime=\"");
                push_iso_date(out, s.date);
                out.push_str("\">");
                push_date_numeric(out, s.date);
                out.push_str("</time></td>");
                if show_hamlet {
                    out.push_str("<td data-label=\"");
                    out.push_str(&column);
                    out.push_str("\"><a href=\"");
                    push_escaped(out, root);
                    push_escaped(out, &plan::hamlet_path(plan.hamlet_slug(hamlet)));
                    out.push_str("\">");
                    push_escaped(out, label);
                    out.push_str("</a></td>");
                }
                out.push_str("<td data-label=\"Giờ\">");
                push_changed_when(out, s, Badge::Page);
                out.push_str("</td><td data-label=\"Địa điểm\">");
                push_was(out, s.was_place(), push_escaped);
                push_escaped(out, place(content, s, hamlet, show_hamlet));
                out.push_str("</td><td data-label=\"Ghi chú\">");
                push_remarks(out, s);
                out.push_str("</td></tr>\n");
            }
            Table::Fragment { show_hamlet } => {
                out.push_str("<tr>\n");
                push_fragment_cell(out, false);
                out.push_str(weekday_name(s.date.weekday()));
                out.push_str("</td>\n");
                push_fragment_cell(out, true);
                push_was(out, s.was_date(), push_date_numeric);
                push_date_numeric(out, s.date);
                out.push_str("</td>\n");
                if show_hamlet {
                    push_fragment_cell(out, false);
                    push_escaped(out, label);
                    out.push_str("</td>\n");
                }
                push_fragment_cell(out, s.status().is_none());
                push_changed_when(out, s, Badge::Fragment);
                out.push_str("</td>\n");
                push_fragment_cell(out, false);
                push_was(out, s.was_place(), push_escaped);
                push_escaped(out, place(content, s, hamlet, show_hamlet));
                out.push_str("</td>\n");
                push_fragment_cell(out, false);
                push_remarks(out, s);
                out.push_str("</td>\n</tr>\n");
            }
        }
    }
}

/// Appends a mobile team's stop as a row of the coming sessions of
/// `lich/index.html` or of the portal fragment of every session: the same
/// cells as a session's, the team in the hamlet's column (on a page, linking
/// to the points page, where its whole route is).
pub fn write_stop_row(
    out: &mut String,
    content: &Content,
    point: &Point,
    stop: &Stop,
    table: Table,
    today: NaiveDate,
) {
    let mut remarks = String::from("Lưu động");
    if !point.services.is_empty() {
        remarks.push_str(". ");
        push_escaped(&mut remarks, &point.services.join(", "));
    }
    match table {
        Table::Page { root, .. } => {
            out.push_str(if stop.date < today {
                "<tr class=\"past stop\">"
            } else {
                "<tr class=\"stop\">"
            });
            out.push_str("<td data-label=\"Thứ\">");
            out.push_str(weekday_name(stop.date.weekday()));
            out.push_str("</td><td data-label=\"Ngày\"><time datetime=\"");
            push_iso_date(out, stop.date);
            out.push_str("\">");
            push_date_numeric(out, stop.date);
            out.push_str("</time></td><td data-label=\"");
            out.push_str(&super::views::area_words(content).column);
            out.push_str("\"><a href=\"");
            push_escaped(out, root);
            push_escaped(out, &plan::point_link(content, point));
            out.push_str("\">");
            push_escaped(out, &point.name);
            out.push_str("</a></td><td data-label=\"Giờ\">");
            push_when(out, stop.date, stop.part_of_day, stop.time);
            out.push_str("</td><td data-label=\"Địa điểm\">");
            push_escaped(out, &stop.place);
            out.push_str("</td><td data-label=\"Ghi chú\">");
            out.push_str(&remarks);
            out.push_str("</td></tr>\n");
        }
        Table::Fragment { .. } => {
            out.push_str("<tr>\n");
            push_fragment_cell(out, false);
            out.push_str(weekday_name(stop.date.weekday()));
            out.push_str("</td>\n");
            push_fragment_cell(out, true);
            push_date_numeric(out, stop.date);
            out.push_str("</td>\n");
            push_fragment_cell(out, false);
            push_escaped(out, &point.name);
            out.push_str("</td>\n");
            push_fragment_cell(out, true);
            push_when_plain(out, stop.part_of_day, stop.time);
            out.push_str("</td>\n");
            push_fragment_cell(out, false);
            push_escaped(out, &stop.place);
            out.push_str("</td>\n");
            push_fragment_cell(out, false);
            out.push_str(&remarks);
            out.push_str("</td>\n</tr>\n");
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
    services_legend: Option<&[String]>,
) {
    // The week page is `lich/tuan-…/index.html`: a hamlet's page is a sibling folder.
    let mut day: Option<NaiveDate> = None;
    for (n, &(i, hamlet)) in sessions.iter().enumerate() {
        let s = &content.sessions[i];
        let first_of_day = day != Some(s.date);
        out.push_str(match (first_of_day, day.is_some()) {
            (true, true) => "</tbody>\n<tbody>\n",
            (true, false) => "<tbody>\n",
            _ => "",
        });
        out.push_str("<tr");
        push_row_class(out, s, NaiveDate::MIN);
        out.push('>');
        if first_of_day {
            day = Some(s.date);
            // One cell for the day's rows: no repeated day cells (a dense
            // week's sheet stays inside the page budget).
            let rows = sessions[n..]
                .iter()
                .take_while(|&&(j, _)| content.sessions[j].date == s.date)
                .count();
            out.push_str("<th class=\"day\" scope=\"rowgroup\"");
            if rows > 1 {
                out.push_str(" rowspan=\"");
                out.push_str(&rows.to_string());
                out.push('"');
            }
            out.push_str("><time datetime=\"");
            push_iso_date(out, s.date);
            out.push_str("\">");
            out.push_str(weekday_name(s.date.weekday()));
            out.push_str("<br> ");
            push_padded(out, s.date.day().into(), 2);
            out.push('/');
            push_padded(out, s.date.month().into(), 2);
            out.push_str("</time></th>");
        }
        // No classes or labels per cell: the stylesheet finds the columns by
        // position, which keeps a dense week's sheet inside the page budget.
        push_sheet_hamlet(out, plan, hamlet, names);
        out.push_str("</th><td>");
        push_changed_when(out, s, Badge::Sheet);
        out.push_str("</td><td>");
        push_was(out, s.was_place(), push_escaped);
        push_escaped(out, s.place.as_deref().unwrap_or(""));
        if let Some(legend) = services_legend.filter(|_| !s.services.is_empty()) {
            // Numbers of the legend under the table: a dense week's sheet
            // names each service once.
            out.push_str("<br>Nội dung: ");
            push_service_numbers(out, &s.services, legend);
        }
        out.push_str("</td></tr>\n");
    }
    if day.is_some() {
        out.push_str("</tbody>\n");
    }
}

/// A dense week's sheet as a grid: a row per hamlet, a column per day with
/// sessions, each cell the hamlet's sessions that day. A hamlet's place is
/// said once when all its sessions of the week share it. Seventy sessions
/// take 5 KB this way, where a row each took 17 KB; and the week fits one A4
/// page. Returns the `<thead>` and `<tbody>`.
pub fn write_week_grid(
    out: &mut String,
    content: &Content,
    plan: &Plan,
    sessions: &[(SessionId, HamletId)],
    names: &[String],
    services_legend: Option<&[String]>,
) {
    let mut days: Vec<NaiveDate> = sessions
        .iter()
        .map(|&(i, _)| content.sessions[i].date)
        .collect();
    days.dedup();
    let mut hamlets: Vec<HamletId> = sessions.iter().map(|&(_, h)| h).collect();
    hamlets.sort();
    hamlets.dedup();
    let day_label = |out: &mut String, d: NaiveDate, br: bool| {
        out.push_str(weekday_name(d.weekday()));
        out.push_str(if br { "<br>" } else { " " });
        push_padded(out, d.day().into(), 2);
        out.push('/');
        push_padded(out, d.month().into(), 2);
    };
    out.push_str("<thead>\n<tr><th scope=\"col\">");
    out.push_str(&super::views::area_words(content).column);
    out.push_str("</th>");
    for &d in &days {
        out.push_str("<th scope=\"col\"><time datetime=\"");
        push_iso_date(out, d);
        out.push_str("\">");
        day_label(out, d, true);
        out.push_str("</time></th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for h in hamlets {
        let own: Vec<SessionId> = sessions
            .iter()
            .filter(|&&(_, x)| x == h)
            .map(|&(i, _)| i)
            .collect();
        let first_place = content.sessions[own[0]].place.as_deref();
        let one_place = own.iter().all(|&i| {
            content.sessions[i].place.as_deref() == first_place
                && content.sessions[i].was_place().is_none()
        });
        out.push_str("<tr>");
        push_sheet_hamlet(out, plan, h, names);
        if let Some(place) = first_place.filter(|_| one_place) {
            out.push_str("<br><span class=\"place\">");
            push_escaped(out, place);
            out.push_str("</span>");
        }
        out.push_str("</th>");
        for &d in &days {
            out.push_str("<td data-label=\"");
            day_label(out, d, false);
            out.push_str("\">");
            for (n, &i) in own
                .iter()
                .filter(|&&i| content.sessions[i].date == d)
                .enumerate()
            {
                let s = &content.sessions[i];
                if n > 0 {
                    out.push_str("<br>");
                }
                push_changed_when(out, s, Badge::Sheet);
                if !one_place {
                    out.push_str("<br>");
                    push_was(out, s.was_place(), push_escaped);
                    push_escaped(out, s.place.as_deref().unwrap_or(""));
                }
                if let Some(legend) = services_legend.filter(|_| !s.services.is_empty()) {
                    out.push_str(" (");
                    push_service_numbers(out, &s.services, legend);
                    out.push(')');
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
}

/// Sessions in a few words each, for archives and the rest of a hamlet's
/// schedule: one `<li>` per place (per hamlet and place with `show_hamlet`),
/// in order, its sessions "03/07 07:30–10:00" one after the other, a change in
/// words ("ĐÃ HỦY"). About 25 bytes a session, where a table row is 400.
pub fn write_compact(
    out: &mut String,
    content: &Content,
    plan: &Plan,
    sessions: &[SessionId],
    root: &str,
    show_hamlet: bool,
) {
    // (hamlet, place) → its sessions, in the order first met.
    type Group<'c> = ((HamletId, Option<&'c str>), Vec<SessionId>);
    let mut groups: Vec<Group> = Vec::new();
    for &i in sessions {
        let Some(hamlet) = plan.hamlet_of(i) else {
            continue;
        };
        let key = (hamlet, content.sessions[i].place.as_deref());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    if show_hamlet {
        groups.sort_by_key(|((h, _), _)| *h);
    }
    out.push_str("<ul class=\"compact\">\n");
    for ((hamlet, place), list) in groups {
        out.push_str("<li>");
        if show_hamlet {
            out.push_str("<a href=\"");
            push_escaped(out, root);
            push_escaped(out, &plan::hamlet_path(plan.hamlet_slug(hamlet)));
            out.push_str("\">");
            push_escaped(out, content.site.hamlets[hamlet].label());
            out.push_str("</a>");
            if place.is_some() {
                out.push_str(", ");
            }
        }
        if let Some(place) = place {
            push_escaped(out, place);
        }
        if show_hamlet || place.is_some() {
            out.push_str(": ");
        }
        for (n, &i) in list.iter().enumerate() {
            let s = &content.sessions[i];
            if n > 0 {
                out.push_str("; ");
            }
            push_padded(out, s.date.day().into(), 2);
            out.push('/');
            push_padded(out, s.date.month().into(), 2);
            out.push(' ');
            push_when_plain(out, s.part_of_day, s.time);
            let badges = super::change_words::badge_text(s);
            if !badges.is_empty() {
                out.push_str(" (");
                out.push_str(&badges);
                out.push(')');
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// A portal fragment's `<td>`, kept on one line with `nowrap`.
fn push_fragment_cell(out: &mut String, nowrap: bool) {
    out.push_str("<td style=\"");
    out.push_str(FRAGMENT_CELL);
    if nowrap {
        out.push_str(";white-space:nowrap");
    }
    out.push_str("\">");
}

/// A week sheet's hamlet, linking to its page (a sibling folder of the
/// week's): `<th scope="row"><a …>name</a>`, the cell left open.
fn push_sheet_hamlet(out: &mut String, plan: &Plan, hamlet: HamletId, names: &[String]) {
    out.push_str("<th scope=\"row\"><a href=\"../");
    push_escaped(out, plan.hamlet_slug(hamlet));
    out.push_str("/index.html\">");
    push_escaped(out, names.get(hamlet.index()).map_or("", String::as_str));
    out.push_str("</a>");
}

/// A session's services as their numbers in a week sheet's legend: "1, 3".
fn push_service_numbers(out: &mut String, services: &[String], legend: &[String]) {
    for (n, service) in services.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        let number = legend
            .iter()
            .position(|l| l == service)
            .map_or(0, |p| p + 1);
        out.push_str(&number.to_string());
    }
}

/// `class="past"`, `class="changed"` (moved), `class="off"` (cancelled or
/// postponed), for themes to restyle; the words are in the cells.
fn push_row_class(out: &mut String, s: &Session, today: NaiveDate) {
    let class = match (s.date < today, s.is_off(), s.status().is_some()) {
        (true, true, _) => " class=\"past off\"",
        (true, false, true) => " class=\"past changed\"",
        (true, false, false) => " class=\"past\"",
        (false, true, _) => " class=\"off\"",
        (false, false, true) => " class=\"changed\"",
        (false, false, false) => "",
    };
    out.push_str(class);
}

/// Where a badge goes: a theme page (styled by class) or a portal fragment
/// (inline style only).
#[derive(Clone, Copy)]
enum Badge {
    Page,
    /// A week sheet: the page's badge, the time as text.
    Sheet,
    Fragment,
}

/// An old value struck through before the new one: `<del>03/12/2022</del> `.
fn push_was<T>(out: &mut String, was: Option<T>, push: impl Fn(&mut String, T)) {
    if let Some(was) = was {
        out.push_str("<del>");
        push(out, was);
        out.push_str("</del> ");
    }
}

/// The time cell of a changed session: its badges in words ("ĐÃ HỦY",
/// "ĐỔI GIỜ"), then the old time struck through and the new one; the time of
/// a session that will not take place struck through. A session as planned:
/// its time.
fn push_changed_when(out: &mut String, s: &Session, badge: Badge) {
    let mut any = false;
    for word in super::change_words::badges(s) {
        out.push_str(match badge {
            Badge::Page | Badge::Sheet => "<strong class=\"badge\">",
            Badge::Fragment => "<strong style=\"white-space:nowrap\">",
        });
        out.push_str(word);
        out.push_str("</strong> ");
        any = true;
    }
    if any && matches!(badge, Badge::Fragment) {
        out.push_str("<br>");
    }
    let when = |out: &mut String| match badge {
        Badge::Page => push_when(out, s.date, s.part_of_day, s.time),
        Badge::Sheet | Badge::Fragment => push_when_plain(out, s.part_of_day, s.time),
    };
    if s.is_off() {
        out.push_str("<del>");
        when(out);
        out.push_str("</del>");
        return;
    }
    push_was(out, s.was_time(), push_time_range);
    when(out);
}

/// The time of a session or a stop as text, without markup: portal
/// fragments, week sheets, compact lists.
fn push_when_plain(out: &mut String, part_of_day: Option<PartOfDay>, time: Option<TimeRange>) {
    match (part_of_day, time) {
        (Some(part), _) => out.push_str(part.word()),
        (None, Some(time)) => push_time_range(out, time),
        (None, None) => out.push_str("Cả ngày"),
    }
}

/// The time cell's content of a session or a stop on `date`: "07:30–11:00"
/// marked up with its start, the part of the day ("Sáng") when only that
/// was written, or "Cả ngày".
fn push_when(
    out: &mut String,
    date: NaiveDate,
    part_of_day: Option<PartOfDay>,
    time: Option<TimeRange>,
) {
    if let Some(part) = part_of_day {
        out.push_str(part.word());
        return;
    }
    match time {
        Some(time) => {
            out.push_str("<time datetime=\"");
            push_iso_date(out, date);
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

/// "Lý do: mưa lớn. Đối tượng: học sinh. Cài đặt VNeID, Kích hoạt tài
/// khoản. Mang theo căn cước": why it changed, who it is for, services, then
/// the note.
fn push_remarks(out: &mut String, s: &Session) {
    if s.status() == Some(crate::model::SessionStatus::Postponed) {
        out.push_str("Ngày mới sẽ thông báo sau. ");
    }
    if let Some(reason) = s.reason().filter(|_| s.status().is_some()) {
        out.push_str("Lý do: ");
        push_escaped(out, reason);
        if !reason.ends_with(['.', '!', '?']) {
            out.push('.');
        }
        out.push(' ');
    }
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
    if out.ends_with(' ') {
        out.pop();
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
