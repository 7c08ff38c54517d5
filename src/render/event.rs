//! A session described as an event, the same way in the calendar files and in
//! the schema.org data of the hamlet pages; and the stable ids both rely on.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use uuid::Uuid;

use crate::model::{Content, HamletId, Point, Session, SessionId, Stop};
use crate::plan::Plan;
use crate::vi;
use crate::vi::calendar::TimeRange;

/// Vietnam's offset from UTC: +07:00 all year, no daylight saving since 1975.
pub const VIETNAM_UTC_OFFSET_HOURS: i64 = 7;

/// Namespace of bangtin's name-based (v5) UUIDs. Never change it: calendar
/// apps and feed readers recognise an event or a news item by its id.
const NAMESPACE: Uuid = Uuid::from_u128(0x5a1e_7c0e_1b4d_4f6a_9e0b_2c71_d4f3_b8a6);

/// The same parts always give the same id, on every machine and every build.
pub fn stable_id(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes())
}

/// What identifies the publisher across builds: its name, compared the way
/// names are matched (case, composed or not, old or new tone placement).
pub fn site_key(content: &Content) -> String {
    vi::text::canonical_key(&content.site.authority)
}

/// When a session happens, in Vietnam's local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    AllDay(NaiveDate),
    Starts(NaiveDateTime),
    Between(NaiveDateTime, NaiveDateTime),
}

pub fn when(s: &Session) -> When {
    when_of(s.date, s.time)
}

/// A day and its hours (None: all day) as an event's time.
pub fn when_of(date: NaiveDate, time: Option<TimeRange>) -> When {
    match time {
        None => When::AllDay(date),
        Some(t) => match t.end {
            Some(end) => When::Between(date.and_time(t.start), date.and_time(end)),
            None => When::Starts(date.and_time(t.start)),
        },
    }
}

/// Local time in Vietnam to UTC.
pub fn to_utc(local: NaiveDateTime) -> NaiveDateTime {
    local - Duration::hours(VIETNAM_UTC_OFFSET_HOURS)
}

pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Thôn Đông Lão: Đợt cao điểm …": the hamlet first, since phones cut long titles.
pub fn title(content: &Content, hamlet: HamletId) -> String {
    let label = content.site.hamlets[hamlet].label();
    format!("{}: {}", capitalize(label), content.site.campaign.name)
}

/// The place as written, else the hamlet, then the commune: enough for a map search.
pub fn location(content: &Content, s: &Session, hamlet: HamletId) -> String {
    let site = &content.site;
    let mut parts = vec![s
        .place
        .clone()
        .unwrap_or_else(|| site.hamlets[hamlet].label().to_string())];
    if !site.place.is_empty() {
        parts.push(site.place.clone());
    }
    parts.join(", ")
}

/// "Thôn Kìm: …" with "ĐÃ HỦY: " or "TẠM HOÃN: " first for a session that
/// will not take place, so a phone's agenda says so even where it shows no
/// status. `title` is the hamlet's `title`.
pub fn title_of<'a>(title: &'a str, s: &Session) -> std::borrow::Cow<'a, str> {
    match s.is_off() {
        true => format!("{}: {title}", super::change_words::badge_text(s)).into(),
        false => title.into(),
    }
}

/// The change in words, for an event's description: "ĐỔI GIỜ (trước đây
/// 19:00–21:30). Lý do: …".
pub fn change_line(s: &Session) -> Option<String> {
    let status = s.status()?;
    let mut line = super::change_words::badge_text(s);
    let mut before = Vec::new();
    if let Some(date) = s.was_date() {
        before.push(vi::calendar::format_date_numeric(date));
    }
    if let Some(time) = s.was_time() {
        before.push(vi::calendar::format_time_range(&time));
    }
    if let Some(place) = s.was_place() {
        before.push(place.to_string());
    }
    if !before.is_empty() {
        line.push_str(&format!(" (trước đây: {})", before.join(", ")));
    }
    if status == crate::model::SessionStatus::Postponed {
        line.push_str(", ngày mới sẽ thông báo sau");
    }
    line.push('.');
    if let Some(reason) = s.reason() {
        line.push_str(&format!(" Lý do: {reason}"));
        if !reason.ends_with(['.', '!', '?']) {
            line.push('.');
        }
    }
    Some(line)
}

/// The change (if any), services, note and publisher, one per line.
pub fn description(content: &Content, s: &Session) -> String {
    let mut lines = Vec::new();
    lines.extend(change_line(s));
    if let Some(part) = s.part_of_day {
        lines.push(format!(
            "Thời gian: buổi {} (giờ trong lịch là giờ dự kiến).",
            part.key()
        ));
    }
    if let Some(audience) = &s.audience {
        lines.push(format!("Đối tượng: {audience}."));
    }
    if !s.services.is_empty() {
        lines.push(format!("Nội dung: {}.", s.services.join(", ")));
    }
    if let Some(note) = &s.note {
        lines.push(format!("Lưu ý: {}", vi::announce::note_body(note)));
    }
    lines.push(format!("Đơn vị tổ chức: {}.", content.site.authority));
    lines.join("\n")
}

/// A route stop's description: the team, what it offers, the publisher.
pub fn stop_description(content: &Content, point: &Point, stop: &Stop) -> String {
    let mut lines = vec![format!("Tổ thu nhận lưu động: {}.", point.name)];
    if let Some(part) = stop.part_of_day {
        lines.push(format!(
            "Thời gian: buổi {} (giờ trong lịch là giờ dự kiến).",
            part.key()
        ));
    }
    if !point.services.is_empty() {
        lines.push(format!("Nội dung: {}.", point.services.join(", ")));
    }
    if let Some(note) = &point.note {
        lines.push(format!("Lưu ý: {}", vi::announce::note_body(note)));
    }
    lines.push(format!("Đơn vị tổ chức: {}.", content.site.authority));
    lines.join("\n")
}

/// A route stop's id: publisher, team (by name), day, and its place among the
/// team's stops that day, so a stop moved to other hours keeps its id.
pub fn stop_id(site_key: &str, point: &Point, date: NaiveDate, ordinal: usize) -> Uuid {
    stable_id(&[
        "stop",
        site_key,
        &vi::text::canonical_key(&point.name),
        &crate::vi::calendar::format_iso_date(date),
        &ordinal.to_string(),
    ])
}

/// For each session (content order), its place among the sessions of the same
/// hamlet on the same day, by start time, all as first published (the `was`
/// values of a changed session): part of its id, so that moving a session to
/// another hour or day keeps its id and calendar apps update it in place.
pub fn day_ordinals(content: &Content, plan: &Plan, ordered: &[SessionId]) -> Vec<usize> {
    let mut ordinals = vec![0; content.sessions.len()];
    let mut seen: std::collections::HashMap<(HamletId, NaiveDate), usize> = Default::default();
    let mut count = |i: SessionId, h: HamletId, day: NaiveDate| {
        let n = seen.entry((h, day)).or_insert(0);
        ordinals[i.index()] = *n;
        *n += 1;
    };
    let moved = |s: &Session| s.change.as_ref().is_some_and(|c| !c.was.is_empty());
    if !content.sessions.iter().any(moved) {
        // As first published is as now: `ordered` is already in that order.
        for &i in ordered {
            if let Some(h) = plan.hamlet_of(i) {
                count(i, h, content.sessions[i].date);
            }
        }
        return ordinals;
    }
    // A session that takes place comes before one cancelled in the same slot,
    // so a replacement keeps the id of what it replaced.
    let mut first: Vec<(
        HamletId,
        NaiveDate,
        Option<chrono::NaiveTime>,
        bool,
        SessionId,
    )> = ordered
        .iter()
        .filter_map(|&i| {
            let s = &content.sessions[i];
            let h = plan.hamlet_of(i)?;
            Some((
                h,
                s.first_date(),
                s.first_time().map(|t| t.start),
                s.is_off(),
                i,
            ))
        })
        .collect();
    // Stable: sessions alike keep their schedule order.
    first.sort_by_key(|&(h, day, start, off, _)| (h, day, start, off));
    for (h, day, _, _, i) in first {
        count(i, h, day);
    }
    ordinals
}

/// A session's id: publisher, hamlet (by name, not by slug, since slugs can
/// shift when hamlets are added), date as first published and place in that day.
/// `site_key` is `site_key(content)`, computed once by the caller.
pub fn session_id(
    content: &Content,
    site_key: &str,
    i: SessionId,
    hamlet: HamletId,
    ordinal: usize,
) -> Uuid {
    let s = &content.sessions[i];
    stable_id(&[
        "session",
        site_key,
        &content.site.hamlets[hamlet].key,
        &crate::vi::calendar::format_iso_date(s.first_date()),
        &ordinal.to_string(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_do_not_change() {
        // Pinned (checked with Python's uuid.uuid5): a change here re-creates
        // every event in citizens' calendars and every item in feed readers.
        assert_eq!(
            stable_id(&["session", "ubnd xa cam ngoc"]).to_string(),
            "7ccd75c4-a440-5ecd-926d-18a5b364e4ad"
        );
        assert_ne!(stable_id(&["a", "bc"]), stable_id(&["ab", "c"]));
    }

    #[test]
    fn capitalize_vietnamese() {
        assert_eq!(capitalize("đông"), "Đông");
        assert_eq!(capitalize("thôn Sống"), "Thôn Sống");
        assert_eq!(capitalize(""), "");
    }
}
