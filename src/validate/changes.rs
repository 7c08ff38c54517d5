//! Changed sessions across the schedule: the dates of announcements, and two
//! sessions that both claim to be what one published session became.
//! (A change's own fields are checked while loading.)

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};

use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::{Content, HamletId, Session};
use crate::vi::calendar::format_date_numeric;

pub fn validate(content: &Content, today: NaiveDate, diags: &mut Diagnostics) {
    let start = content.site.campaign.start;
    for s in &content.sessions {
        let Some(change) = &s.change else {
            continue;
        };
        let file = &s.source.file;
        let changed = match (&change.status, &change.changed) {
            // `was` without a status is an error reported while loading; a
            // `changed` date alone is a session put back as planned (it
            // raises the calendar SEQUENCE), a reason alone says nothing.
            (None, _) if change.reason.is_some() && change.was.is_empty() => {
                let at = change.reason.as_ref().and_then(|r| r.pos);
                diags.push(Diagnostic::new(
                    file,
                    at.or(s.source.pos),
                    Message::ChangeWithoutStatus,
                ));
                continue;
            }
            (_, Some(changed)) => changed,
            (None, None) => continue,
            (Some(status), None) => {
                diags.push(Diagnostic::new(
                    file,
                    status.pos.or(s.source.pos),
                    Message::ChangedMissing,
                ));
                continue;
            }
        };
        let at = changed.pos.or(s.source.pos);
        if changed.value > today {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::ChangedAfterToday {
                    changed: format_date_numeric(changed.value),
                    today: format_date_numeric(today),
                },
            ));
        } else if let Some(start) = start.filter(|&start| changed.value < start) {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::ChangedBeforeCampaign {
                    changed: format_date_numeric(changed.value),
                    start: format_date_numeric(start),
                },
            ));
        }
    }
    replacements(content, diags);
}

/// A session as first published: its hamlet, date and start time.
type Identity = (HamletId, NaiveDate, Option<NaiveTime>);

fn identity(content: &Content, s: &Session) -> Option<Identity> {
    let hamlet = content.site.find_hamlet(&s.hamlet.value)?;
    Some((hamlet, s.first_date(), s.first_time().map(|t| t.start)))
}

/// Two sessions that take place and both come from the same published one:
/// usually the old entry left in after its replacement was added.
fn replacements(content: &Content, diags: &mut Diagnostics) {
    let replacing = |s: &Session| s.change.as_ref().is_some_and(|c| !c.was.is_empty());
    // Only the days replacements come from are looked at: a province has
    // 90,000 sessions and a few dozen changes.
    let days: HashSet<NaiveDate> = content
        .sessions
        .iter()
        .filter(|s| replacing(s))
        .map(Session::first_date)
        .collect();
    if days.is_empty() {
        return;
    }
    let mut seen: HashMap<Identity, &Session> = HashMap::new();
    for s in &content.sessions {
        if s.is_off() || !days.contains(&s.first_date()) {
            continue;
        }
        let Some(key) = identity(content, s) else {
            continue;
        };
        let Some(first) = seen.get(&key).copied() else {
            seen.insert(key, s);
            continue;
        };
        if !replacing(s) && !replacing(first) {
            // Two plain sessions alike: the duplicate warning covers them.
            continue;
        }
        let at = s.change.as_ref().and_then(|c| c.was_pos).or(s.source.pos);
        diags.push(Diagnostic::new(
            &s.source.file,
            at,
            Message::TwoReplacements {
                hamlet: s.hamlet.value.clone(),
                date: format_date_numeric(key.1),
                other: super::location(&first.source),
            },
        ));
    }
}
