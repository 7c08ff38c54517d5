//! The Atom feed of the news, `atom.xml` (RFC 4287).
//!
//! Ids are name-based UUIDs (`urn:uuid:…`) from the publisher and the file
//! name, so they survive adding or changing `base_url`. Links are absolute with
//! `base_url`; without it they are relative to the feed, which RFC 4287 allows
//! (they resolve against the feed's own address).

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use super::event::{self, stable_id};
use super::markdown;
use super::seo::absolute_url;
use crate::model::Content;
use crate::plan::{self, Plan};

#[derive(Serialize)]
struct Entry {
    id: String,
    title: String,
    link: String,
    published: String,
    summary: Option<String>,
    content: String,
}

/// Midnight in Vietnam, in RFC 3339.
fn timestamp(d: NaiveDate) -> String {
    format!(
        "{}T00:00:00+{:02}:00",
        d.format("%Y-%m-%d"),
        event::VIETNAM_UTC_OFFSET_HOURS
    )
}

pub fn atom(
    content: &Content,
    plan: &Plan,
    tera: &Tera,
    today: NaiveDate,
) -> Result<String, tera::Error> {
    let site = &content.site;
    let key = event::site_key(content);
    let link = |path: &str| absolute_url(site, path).unwrap_or_else(|| path.to_string());
    let doc_paths = super::doc_paths(content, plan);
    let entries: Vec<Entry> = plan
        .news
        .iter()
        .map(|&i| {
            let item = &content.news[i];
            let page = plan::news_path(&item.doc.stem);
            // Written as on the item's page; `xml:base` on <content> makes
            // its relative links resolve from there.
            let resolve = |url: &str| super::resolve_doc_link(&doc_paths, &page, url);
            Entry {
                id: format!("urn:uuid:{}", stable_id(&["news", &key, &item.doc.stem])),
                title: item.doc.title.clone(),
                link: link(&page),
                published: timestamp(item.date),
                summary: item.doc.summary.clone(),
                content: markdown::render(&item.doc.body, &resolve).html,
            }
        })
        .collect();
    // Newest item first; an empty feed is as new as the campaign.
    let updated = plan
        .news
        .first()
        .map(|&i| content.news[i].date)
        .or(site.campaign.start)
        .unwrap_or(today);
    let mut ctx = Context::new();
    ctx.insert("title", &format!("Tin tức – {}", site.title));
    ctx.insert("subtitle", &site.campaign.name);
    ctx.insert("id", &format!("urn:uuid:{}", stable_id(&["atom", &key])));
    ctx.insert("updated", &timestamp(updated));
    ctx.insert("author", &site.authority);
    ctx.insert("news_link", &link(plan::NEWS));
    ctx.insert("self_link", &absolute_url(site, plan::ATOM));
    ctx.insert("entries", &entries);
    tera.render("atom.xml", &ctx)
}
