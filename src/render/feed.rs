//! The Atom feed of the news, `atom.xml` (RFC 4287).
//!
//! Ids are name-based UUIDs (`urn:uuid:…`) from the publisher and the file
//! name, so they survive adding or changing `base_url`. Links, in the feed and
//! in the items' HTML, are absolute with `base_url`; without it they are
//! relative to the feed, which RFC 4287 allows (they resolve against the
//! feed's own address, the site root).

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

/// A link written on the page at `page`, as a path from the site root; None
/// for links with a scheme or from the server root, which stay as written, and
/// for links that climb out of the site.
fn from_root(page: &str, url: &str) -> Option<String> {
    if url.contains(':') || url.starts_with('/') {
        return None;
    }
    if url.starts_with('#') {
        return Some(format!("{page}{url}"));
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in url.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if url.ends_with('/') {
        path.push('/');
    }
    Some(path)
}

/// Midnight in Vietnam, in RFC 3339.
fn timestamp(d: NaiveDate) -> String {
    format!(
        "{}T00:00:00+{:02}:00",
        crate::vi::calendar::format_iso_date(d),
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
            // Written on the item's page, read from the feed: every relative
            // link is rebased on the site root (and made absolute with
            // base_url), since readers handle xml:base unevenly.
            let resolve = |url: &str| {
                let on_page = super::resolve_doc_link(&doc_paths, &page, url);
                from_root(&page, on_page.as_deref().unwrap_or(url)).map(|path| link(&path))
            };
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
    // Each change to the schedule is an entry too: a new change (a higher
    // SEQUENCE) is a new entry, never an edit of the old one.
    let mut dated: Vec<(NaiveDate, Entry)> = plan
        .news
        .iter()
        .map(|&i| content.news[i].date)
        .zip(entries)
        .collect();
    for (i, h) in super::changes::all(content, plan) {
        let s = &content.sessions[i];
        let view = super::changes::view(content, plan, i, h);
        let published = s
            .changed_on()
            .or(site.campaign.start)
            .unwrap_or_else(|| s.first_date());
        let mut html = String::from("<p>");
        super::theme::push_escaped(&mut html, &format!("{}: {}", view.who, view.text));
        html.push_str("</p>");
        dated.push((
            published,
            Entry {
                id: format!(
                    "urn:uuid:{}",
                    stable_id(&[
                        "change",
                        &key,
                        &content.site.hamlets[h].key,
                        &crate::vi::calendar::format_iso_date(s.first_date()),
                        &s.first_time()
                            .map(|t| crate::vi::calendar::format_time(t.start))
                            .unwrap_or_default(),
                        &s.sequence().to_string(),
                        // Postponed then cancelled keeps its SEQUENCE: the
                        // status tells the two entries apart.
                        s.status().map_or("put_back", |st| st.key()),
                    ])
                ),
                title: format!(
                    "{}: {}, {}",
                    view.badges,
                    view.who,
                    crate::vi::calendar::format_date_phrase(s.was_date().unwrap_or(s.date))
                ),
                link: link(&format!("{}#{}", plan::CHANGES, view.anchor)),
                published: timestamp(published),
                summary: None,
                content: html,
            },
        ));
    }
    // Newest first; stable, so news keep their order among themselves.
    dated.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
    // An empty feed is as new as the campaign.
    let updated = dated
        .first()
        .map(|(date, _)| *date)
        .or(site.campaign.start)
        .unwrap_or(today);
    let entries: Vec<Entry> = dated.into_iter().map(|(_, e)| e).collect();
    let mut ctx = Context::new();
    ctx.insert("title", &format!("Tin tức – {}", site.title));
    ctx.insert("subtitle", &site.campaign.name);
    ctx.insert("id", &format!("urn:uuid:{}", stable_id(&["atom", &key])));
    ctx.insert("updated", &timestamp(updated));
    ctx.insert("author", &site.authority);
    ctx.insert("news_link", &link(plan::NEWS));
    ctx.insert("self_link", &absolute_url(site, plan::ATOM));
    ctx.insert("entries", &entries);
    crate::theme::render_string(tera, "atom.xml", &ctx)
}

#[cfg(test)]
mod tests {
    use super::from_root;

    #[test]
    fn links_are_rebased_on_the_site_root() {
        let page = "tin-tuc/x/index.html";
        let cases = [
            ("../../lich/index.html", Some("lich/index.html")),
            ("../y/index.html", Some("tin-tuc/y/index.html")),
            ("./a.pdf", Some("tin-tuc/x/a.pdf")),
            ("#muc-2", Some("tin-tuc/x/index.html#muc-2")),
            ("../../../ra-ngoai.html", None),
            ("https://dichvucong.gov.vn", None),
            ("mailto:a@b.vn", None),
            ("/tuyet-doi.html", None),
        ];
        for (url, expected) in cases {
            assert_eq!(from_root(page, url).as_deref(), expected, "{url}");
        }
    }
}
