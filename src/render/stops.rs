//! Mobile teams' route stops beside the sessions: on week sheets and in
//! their scripts, evening bulletins and texts to share, and in the coming
//! lists of the home and schedule pages. A week whose only events are stops
//! has its sheet too (`plan::weeks`).

use chrono::NaiveDate;

use super::rows::{self, Table};
use crate::model::{Content, Point, SessionId, Stop};
use crate::plan::{Plan, Week};

/// One stop of one team's route.
pub(crate) type StopRef<'a> = (&'a Point, &'a Stop);

/// Every stop of every team, by date, start time, then team (in `points`
/// order): the order sessions are listed in.
pub(crate) fn ordered(content: &Content) -> Vec<StopRef<'_>> {
    let mut stops: Vec<(usize, StopRef)> = content
        .points
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.route.iter().map(move |s| (n, (p, s))))
        .collect();
    stops.sort_by_key(|&(n, (_, s))| (s.date, s.time.map(|t| t.start), n));
    stops.into_iter().map(|(_, stop)| stop).collect()
}

/// Each team with stops in `week`, in `points` order, with those stops.
pub(crate) fn teams_of_week(content: &Content, week: Week) -> Vec<(&Point, Vec<&Stop>)> {
    content
        .points
        .iter()
        .filter_map(|p| {
            let stops: Vec<&Stop> = p
                .route
                .iter()
                .filter(|s| Week::of(s.date) == week)
                .collect();
            (!stops.is_empty()).then_some((p, stops))
        })
        .collect()
}

/// How many stops `week` has, all teams together.
pub(crate) fn count_in_week(content: &Content, week: Week) -> usize {
    content
        .points
        .iter()
        .flat_map(|p| &p.route)
        .filter(|s| Week::of(s.date) == week)
        .count()
}

/// A session or a route stop, as one item of a coming list.
#[derive(Clone, Copy)]
pub(crate) enum Item<'a> {
    Session(SessionId),
    Stop(StopRef<'a>),
}

impl Item<'_> {
    pub(crate) fn date(&self, content: &Content) -> NaiveDate {
        match self {
            Item::Session(i) => content.sessions[*i].date,
            Item::Stop((_, s)) => s.date,
        }
    }
}

/// `sessions` (already in order) and `stops` merged by date and start time;
/// a session before a stop at the same hour.
pub(crate) fn merged<'a>(
    content: &Content,
    sessions: &[SessionId],
    stops: &[StopRef<'a>],
) -> Vec<Item<'a>> {
    let key_of_session = |i: SessionId| {
        let s = &content.sessions[i];
        (s.date, s.time.map(|t| t.start))
    };
    let mut out = Vec::with_capacity(sessions.len() + stops.len());
    let (mut a, mut b) = (0, 0);
    while a < sessions.len() || b < stops.len() {
        let take_session = match (sessions.get(a), stops.get(b)) {
            (Some(&i), Some((_, s))) => key_of_session(i) <= (s.date, s.time.map(|t| t.start)),
            (Some(_), None) => true,
            _ => false,
        };
        if take_session {
            out.push(Item::Session(sessions[a]));
            a += 1;
        } else {
            out.push(Item::Stop(stops[b]));
            b += 1;
        }
    }
    out
}

/// The rows of `items` (sessions and stops, in order) in a schedule table
/// that names each session's hamlet: a session's row as `rows::write_rows`
/// writes it, a stop's as `rows::write_stop_row`.
pub(crate) fn write_rows(
    out: &mut String,
    content: &Content,
    plan: &Plan,
    items: &[Item],
    table: Table,
    today: NaiveDate,
) {
    for run in items.chunk_by(|a, b| matches!(a, Item::Session(_)) == matches!(b, Item::Session(_)))
    {
        for item in run {
            if let Item::Stop((p, s)) = item {
                rows::write_stop_row(out, content, p, s, table, today);
            }
        }
        let sessions = run.iter().filter_map(|item| match item {
            Item::Session(i) => Some(*i),
            Item::Stop(_) => None,
        });
        rows::write_rows(out, content, plan, sessions, table, today);
    }
}
