//! Changed sessions as a reader meets them: the short notice at the top of
//! every page (changes to sessions of the next 14 days), the `thay-doi/` page
//! listing every change newest first, and the feed's entries. The words are
//! `change_words`'.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::change_words::{badge_text, change_clause, PUT_BACK_BADGE};
use super::event::capitalize;
use crate::model::{Content, HamletId, SessionId};
use crate::plan::{self, Plan};
use crate::vi::calendar::{format_date_numeric, format_iso_date};

/// How many days ahead of `--today` the notice on every page looks.
pub const NOTICE_DAYS: i64 = 14;

/// The most changes the notice on every page lists.
pub const NOTICE_ITEMS: usize = 5;

/// One change as pages show it.
#[derive(Serialize, Clone, Debug)]
pub struct ChangeView {
    /// "ĐÃ HỦY", "ĐỔI NGÀY, ĐỔI GIỜ".
    pub badges: String,
    /// The hamlet as named on pages: "Thôn Sành".
    pub who: String,
    /// Its page, from the site root.
    pub path: String,
    /// "Buổi thứ Bảy, ngày 03/12/2022 dời sang …. Lý do: …."
    pub text: String,
    /// "30/11/2022": when it was announced, if written.
    pub changed: Option<String>,
    pub changed_iso: Option<String>,
    /// An anchor on `thay-doi/`: "doi-sanh-2022-12-03".
    pub anchor: String,
}

/// Every changed session with its hamlet: the latest announcement first,
/// then by the session's date; changes without an announcement date last.
pub fn all(content: &Content, plan: &Plan) -> Vec<(SessionId, HamletId)> {
    let mut changed: Vec<(SessionId, HamletId)> = plan
        .sessions()
        .filter(|&(i, _)| content.sessions[i].has_news())
        .collect();
    changed.sort_by_key(|&(i, h)| {
        let s = &content.sessions[i];
        (
            std::cmp::Reverse(s.changed_on()),
            s.first_date(),
            s.date,
            s.time.map(|t| t.start),
            h,
        )
    });
    changed
}

/// Whether a change concerns the days from `today` to `NOTICE_DAYS` later:
/// the session's date or the date it had before is among them, and the change
/// is announced (not dated after `today`).
pub fn in_notice(content: &Content, i: SessionId, today: NaiveDate) -> bool {
    let s = &content.sessions[i];
    let last = today + Duration::days(NOTICE_DAYS);
    let near = |d: NaiveDate| d >= today && d <= last;
    s.has_news()
        && s.changed_on().is_none_or(|c| c <= today)
        && (near(s.date) || s.was_date().is_some_and(near))
}

/// The view of one change.
pub fn view(content: &Content, plan: &Plan, i: SessionId, h: HamletId) -> ChangeView {
    let s = &content.sessions[i];
    let hamlet = &content.site.hamlets[h];
    let mut text = capitalize(&change_clause(s, None).unwrap_or_default());
    text.push('.');
    if let Some(reason) = s.reason() {
        text.push_str(" Lý do: ");
        text.push_str(reason);
        if !reason.ends_with(['.', '!', '?']) {
            text.push('.');
        }
    }
    ChangeView {
        badges: match s.is_put_back() {
            true => PUT_BACK_BADGE.to_string(),
            false => badge_text(s),
        },
        who: capitalize(hamlet.label()),
        path: plan::hamlet_path(plan.hamlet_slug(h)),
        text,
        changed: s.changed_on().map(format_date_numeric),
        changed_iso: s.changed_on().map(format_iso_date),
        anchor: format!(
            "doi-{}-{}",
            plan.hamlet_slug(h),
            format_iso_date(s.first_date())
        ),
    }
}

/// The notice on every page: changes to the coming `NOTICE_DAYS` days'
/// sessions, soonest first.
pub fn notice(content: &Content, plan: &Plan, today: NaiveDate) -> Vec<ChangeView> {
    let mut near: Vec<(SessionId, HamletId)> = plan
        .sessions()
        .filter(|&(i, _)| in_notice(content, i, today))
        .collect();
    near.sort_by_key(|&(i, h)| {
        let s = &content.sessions[i];
        let first = s.was_date().map_or(s.date, |w| w.min(s.date));
        (first, s.time.map(|t| t.start), h)
    });
    near.into_iter()
        .map(|(i, h)| view(content, plan, i, h))
        .collect()
}
