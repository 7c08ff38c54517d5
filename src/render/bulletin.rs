//! Evening bulletins (`doc-loa-hang-ngay.txt`): for each week, the bulletins
//! of the evenings announcing its sessions, on the commune's loudspeaker; for
//! each hamlet with sessions, every evening's bulletin on its own loudspeaker.
//! The wording is `vi::bulletin`'s.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};

use super::stops::StopRef;
use super::week::{hamlet_name, session_data, site_data};
use crate::model::{Content, HamletId, SessionId, Stop};
use crate::plan::{Plan, Subject, Week};
use crate::vi::announce::{RouteData, SessionData};
use crate::vi::bulletin::{evening_broadcast, Bulletins, EveningData};
use crate::vi::calendar::{format_date_numeric, weekday_in_sentence};

/// The evenings and the sessions each announces: (tonight's, tomorrow's), in
/// reading order.
type Evenings<'a> = BTreeMap<NaiveDate, Evening<'a>>;

#[derive(Default)]
struct Evening<'a> {
    tonight: Vec<SessionId>,
    tomorrow: Vec<SessionId>,
    /// Changed sessions of tomorrow (by their new or old date), read first.
    changes: Vec<(SessionId, HamletId)>,
    /// Mobile teams' stops, on the commune's loudspeaker only: as sessions,
    /// tonight's (from the evening broadcast on) and tomorrow's.
    tonight_stops: Vec<StopRef<'a>>,
    tomorrow_stops: Vec<StopRef<'a>>,
}

/// `Subject::Week`: the commune's loudspeaker, the evenings announcing the
/// week's sessions; `Subject::Hamlet`: the hamlet's own loudspeaker, every
/// evening before one of its sessions.
fn evenings<'a>(content: &'a Content, plan: &Plan, listeners: Subject) -> Evenings<'a> {
    let week = match listeners {
        Subject::Week(w) => Some(plan.week(w)),
        Subject::Hamlet(_) => None,
    };
    // A week's evenings (the retain below) concern only days from the eve of
    // its Monday to the day after its Sunday: reading the whole campaign for
    // each week made a province's bulletins quadratic in its weeks.
    let near = |day: NaiveDate| {
        week.is_none_or(|week| {
            [day - Duration::days(1), day, day + Duration::days(1)]
                .into_iter()
                .any(|d| Week::of(d) == week)
        })
    };
    // Cancelled or postponed sessions are not announced as held; saying
    // what changed is for `EveningData::changes`.
    let mut ordered: Vec<(SessionId, HamletId)> = plan
        .sessions()
        .filter(|&(_, h)| !matches!(listeners, Subject::Hamlet(only) if only != h))
        .filter(|&(i, _)| {
            let s = &content.sessions[i];
            near(s.date) || s.was_date().is_some_and(near)
        })
        .collect();
    ordered.sort_by_key(|&(i, h)| {
        let s = &content.sessions[i];
        (s.date, s.time.map(|t| t.start), h)
    });
    let mut evenings = Evenings::new();
    for &(i, h) in &ordered {
        let s = &content.sessions[i];
        // A change (or a session put back) is read the evening before the
        // day it concerns (the new one, and the old one of a moved session).
        if s.has_news() {
            let mut days = vec![s.date];
            days.extend(s.was_date());
            for day in days {
                evenings
                    .entry(day - Duration::days(1))
                    .or_default()
                    .changes
                    .push((i, h));
            }
        }
        // Cancelled or postponed sessions are not announced as held.
        if s.is_off() {
            continue;
        }
        // Every session is announced the evening before; one starting after
        // the evening broadcast is announced that same evening too.
        evenings
            .entry(s.date - Duration::days(1))
            .or_default()
            .tomorrow
            .push(i);
        if s.time.is_some_and(|t| t.start >= evening_broadcast()) {
            evenings.entry(s.date).or_default().tonight.push(i);
        }
    }
    if let Some(week) = week {
        // A team's stops concern the whole commune, as its route does.
        for stop in super::stops::ordered(content) {
            let (_, s) = stop;
            if !near(s.date) {
                continue;
            }
            evenings
                .entry(s.date - Duration::days(1))
                .or_default()
                .tomorrow_stops
                .push(stop);
            if s.time.is_some_and(|t| t.start >= evening_broadcast()) {
                evenings.entry(s.date).or_default().tonight_stops.push(stop);
            }
        }
        evenings.retain(|&evening, e| {
            ((!e.tonight.is_empty() || !e.tonight_stops.is_empty()) && Week::of(evening) == week)
                || ((!e.tomorrow.is_empty()
                    || !e.changes.is_empty()
                    || !e.tomorrow_stops.is_empty())
                    && Week::of(evening + Duration::days(1)) == week)
        });
    }
    evenings
}

/// The text file: each evening under a heading line (not read aloud), its
/// paragraphs separated by blank lines. UTF-8 with a BOM, like `doc-loa.txt`.
pub fn file(content: &Content, plan: &Plan, listeners: Subject) -> Vec<u8> {
    let names: Vec<String> = content.site.hamlets.iter().map(hamlet_name).collect();
    let site = site_data(content);
    let evenings = evenings(content, plan, listeners);
    // Each session announced, as said: most are read on two evenings.
    let sessions: HashMap<SessionId, SessionData> = evenings
        .values()
        .flat_map(|e| e.tonight.iter().chain(&e.tomorrow))
        .map(|&i| {
            let hamlet = plan
                .hamlet_of(i)
                .map(|h| names[h.index()].clone())
                .unwrap_or_default();
            (i, session_data(&content.sessions[i], hamlet))
        })
        .collect();
    let shared = Bulletins::new(
        &site,
        sessions
            .iter()
            .map(|(&i, data)| (content.sessions[i].date, data)),
    );
    let session = |i: SessionId| sessions.get(&i).cloned().unwrap_or_default();
    let mut out = String::with_capacity(evenings.len() * 2048);
    out.push('\u{feff}');
    for (evening, e) in evenings {
        let Evening {
            tonight,
            tomorrow,
            changes,
            tonight_stops,
            tomorrow_stops,
        } = e;
        let data = EveningData {
            evening,
            audience: match listeners {
                Subject::Hamlet(h) => Some(names[h.index()].clone()),
                Subject::Week(_) => None,
            },
            changes: super::week::spoken_changes(content, &changes, &names)
                .into_iter()
                .map(|c| c.trim_end_matches('.').to_string())
                .collect(),
            tonight: tonight.into_iter().map(session).collect(),
            tomorrow: tomorrow.into_iter().map(session).collect(),
            tonight_routes: by_team(content, &tonight_stops),
            tomorrow_routes: by_team(content, &tomorrow_stops),
        };
        if out.len() > 3 {
            out.push('\n');
        }
        out.push_str(&heading(evening));
        out.push_str("\n\n");
        for (n, paragraph) in shared.paragraphs(&data).iter().enumerate() {
            if n > 0 {
                out.push_str("\n\n");
            }
            out.push_str(paragraph);
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// One evening's stops as each team's route, teams in `points` order.
fn by_team(content: &Content, stops: &[StopRef]) -> Vec<RouteData> {
    content
        .points
        .iter()
        .filter_map(|p| {
            let own: Vec<&Stop> = stops
                .iter()
                .filter(|(q, _)| std::ptr::eq(*q, p))
                .map(|&(_, s)| s)
                .collect();
            (!own.is_empty()).then(|| super::week::route_data(p, &own))
        })
        .collect()
}

/// "=== Tối thứ Hai, 28/11/2022 ===": which evening to read it, not read aloud.
fn heading(evening: NaiveDate) -> String {
    format!(
        "=== Tối {}, {} ===",
        weekday_in_sentence(evening.weekday()),
        format_date_numeric(evening)
    )
}
