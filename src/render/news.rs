//! The news pages: `tin-tuc/index.html` (newest first) and one page per item.

use serde::Serialize;

use super::{render_doc, Shared};
use crate::model::NewsId;
use crate::plan;
use crate::vi::calendar::format_date;

#[derive(Serialize)]
struct NewsLink {
    title: String,
    summary: Option<String>,
    date: String,
    date_iso: String,
    path: String,
}

fn link(shared: &Shared, i: NewsId) -> NewsLink {
    let item = &shared.content.news[i];
    NewsLink {
        title: item.doc.title.clone(),
        summary: item.doc.summary.clone(),
        date: format_date(item.date),
        date_iso: crate::vi::calendar::format_iso_date(item.date),
        path: plan::news_path(&item.doc.stem),
    }
}

/// (template, title, description) of the news list.
pub(super) fn list(
    shared: &Shared,
    ctx: &mut super::page_context::PageContext,
) -> (&'static str, String, String) {
    let items: Vec<NewsLink> = shared.plan.news.iter().map(|&i| link(shared, i)).collect();
    ctx.insert("items", &items);
    let site = &shared.content.site;
    (
        "news.html",
        "Tin tức".to_string(),
        format!("Tin tức về {}, {}", site.campaign.name, site.authority),
    )
}

/// (template, title, description) of one news item.
pub(super) fn item(
    shared: &Shared,
    i: NewsId,
    page_path: &str,
    ctx: &mut super::page_context::PageContext,
) -> (&'static str, String, String) {
    let (doc, description) = render_doc(shared, &shared.content.news[i].doc, page_path);
    let title = doc.title.clone();
    ctx.insert("doc", &doc);
    ctx.insert("item", &link(shared, i));
    ctx.insert("og_type", "article");
    ("news-item.html", title, description)
}
