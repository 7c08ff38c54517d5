//! Portal fragments, `nhung/lich.html` and `nhung/lich-<slug>.html`: the
//! schedule table alone, styled inline, for officers whose portal only lets
//! them paste HTML into an article. No `<html>`, no scripts, no stylesheet,
//! no image or link to anything: portal editors strip or break those.

use chrono::NaiveDate;
use tera::{Context, Tera};

use super::rows::{self, Table};
use crate::model::{Content, HamletId, SessionId};
use crate::plan::Plan;
use crate::vi::calendar::format_date;

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
    let mut session_rows = String::new();
    rows::write_rows(
        &mut session_rows,
        content,
        plan,
        ordered
            .iter()
            .copied()
            .filter(|&i| only_hamlet.is_none_or(|h| plan.lists(h, i))),
        Table::Fragment {
            show_hamlet: only_hamlet.is_none(),
        },
        today,
    );
    let site = &content.site;
    let caption = match only_hamlet {
        Some(h) => format!("Lịch {}", site.hamlets[h].label()),
        None => "Lịch các thôn".to_string(),
    };
    let mut ctx = Context::new();
    ctx.insert("authority", &site.authority);
    ctx.insert("place", &site.place);
    ctx.insert("campaign", &site.campaign.name);
    ctx.insert("caption", &caption);
    ctx.insert("cell", rows::FRAGMENT_CELL);
    ctx.insert("session_rows", &session_rows);
    ctx.insert("show_hamlet", &only_hamlet.is_none());
    ctx.insert("today", &format_date(today));
    tera.render("embed.html", &ctx)
}
