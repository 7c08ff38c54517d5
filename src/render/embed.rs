//! Portal fragments, `nhung/lich.html` and `nhung/lich-<slug>.html`: the
//! schedule table alone, styled inline, for officers whose portal only lets
//! them paste HTML into an article. No `<html>`, no scripts, no stylesheet,
//! no image or link to anything: portal editors strip or break those.

use chrono::NaiveDate;
use tera::{Context, Tera};

use super::rows::{self, Table};
use crate::model::{Content, HamletId, SessionId};
use crate::plan::Plan;
use crate::vi::calendar::format_date_phrase;

/// The rows of a portal fragment, at most (bytes): inline styles make a
/// row ~700 bytes.
const FRAGMENT_ROWS_BUDGET: usize = 20 * 1024;

/// The fragment of every session, or of one hamlet's; the same rows as the
/// schedule table of `lich/index.html` or of the hamlet's page.
pub fn fragment(
    content: &Content,
    plan: &Plan,
    tera: &Tera,
    ordered: &[SessionId],
    only_hamlet: Option<HamletId>,
    today: NaiveDate,
) -> Result<String, tera::Error> {
    let own: Vec<SessionId> = ordered
        .iter()
        .copied()
        .filter(|&i| only_hamlet.is_none_or(|h| plan.lists(h, i)))
        .collect();
    // Coming sessions only, within the portal's page budget; the whole
    // schedule is on the site, its calendars and its open data. The
    // fragment of every session has the mobile teams' stops too, as
    // `lich/index.html` has.
    let stops = match only_hamlet {
        None => super::stops::ordered(content),
        Some(_) => Vec::new(),
    };
    let items = super::stops::merged(content, &own, &stops);
    let table = Table::Fragment {
        show_hamlet: only_hamlet.is_none(),
    };
    let coming = super::coming_by(
        &items,
        |item| item.date(content),
        today,
        FRAGMENT_ROWS_BUDGET,
        |out, day| super::stops::write_rows(out, content, plan, day, table, today),
    );
    let session_rows = coming.rows;
    let site = &content.site;
    let full_schedule = super::seo::absolute_url(
        site,
        &match only_hamlet {
            Some(h) => crate::plan::hamlet_path(plan.hamlet_slug(h)),
            None => crate::plan::SCHEDULE.to_string(),
        },
    );
    let caption = match only_hamlet {
        Some(h) => format!("Lịch {}", site.hamlets[h].label()),
        None => super::views::area_words(content).schedule_title,
    };
    let mut ctx = Context::new();
    ctx.insert("authority", &site.authority);
    ctx.insert("place", &site.place);
    ctx.insert("campaign", &site.campaign.name);
    ctx.insert("caption", &caption);
    ctx.insert("cell", rows::FRAGMENT_CELL);
    ctx.insert("session_rows", &session_rows);
    ctx.insert("show_hamlet", &only_hamlet.is_none());
    ctx.insert("column", &super::views::area_words(content).column);
    ctx.insert("today", &format_date_phrase(today));
    ctx.insert(
        "until",
        &coming.last.map(format_date_phrase).unwrap_or_default(),
    );
    ctx.insert("more", &coming.more);
    ctx.insert("has_sessions", &!items.is_empty());
    ctx.insert("full_schedule", &full_schedule);
    crate::theme::render_string(tera, "embed.html", &ctx)
}
