//! Sharing and search: absolute URLs (only with `base_url`), the schema.org
//! events of a hamlet page, `sitemap.xml` and `robots.txt`.

use serde::Serialize;
use tera::{Context, Tera};

use super::event::{self, When};
use super::Shared;
use crate::model::{Content, HamletId, SessionStatus, Site};
use crate::plan::{self, PageKind, Plan};

/// The address of an output file on the web, or None without `base_url`:
/// a guessed absolute URL would be worse than none.
pub fn absolute_url(site: &Site, path: &str) -> Option<String> {
    site.base_url.as_ref().map(|base| format!("{base}/{path}"))
}

/// Escapes what would end a `<script>` element early; the JSON stays equal.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// schema.org `Event`s for the sessions of one hamlet, as JSON-LD; None when
/// the hamlet has no sessions. The organizer and each place are written once,
/// as nodes of the graph the events point to by `@id`: a hamlet with 90
/// sessions repeated them 90 times, most of the page's bytes on a phone.
pub(super) fn hamlet_events(shared: &Shared, hamlet: HamletId) -> Option<String> {
    let content = shared.content;
    let site = &content.site;
    let label = site.hamlets[hamlet].label();
    let page_url = absolute_url(site, &plan::hamlet_path(shared.plan.hamlet_slug(hamlet)));
    let name = event::title(content, hamlet);
    let offset = format!("+{:02}:00", event::VIETNAM_UTC_OFFSET_HOURS);
    let local = |t: chrono::NaiveDateTime| {
        format!(
            "{}T{}:00{offset}",
            crate::vi::calendar::format_iso_date(t.date()),
            crate::vi::calendar::format_time(t.time())
        )
    };
    let mut places: Vec<&str> = Vec::new();
    let mut events: Vec<Node> = Vec::new();
    // Coming sessions only, and a handful: search engines show only future
    // events, and a months-long campaign would put hundreds on one page.
    let coming = shared
        .ordered_sessions
        .iter()
        .filter(|&&i| shared.plan.lists(hamlet, i))
        .filter(|&&i| content.sessions[i].date >= shared.today)
        .take(MAX_EVENTS);
    for &i in coming {
        let s = &content.sessions[i];
        let place = s.place.as_deref().unwrap_or(label);
        let place_number = match places.iter().position(|p| *p == place) {
            Some(n) => n,
            None => {
                places.push(place);
                places.len() - 1
            }
        };
        let (start, end) = match event::when(s) {
            When::AllDay(d) => {
                let day = crate::vi::calendar::format_iso_date(d);
                (day.clone(), Some(day))
            }
            When::Starts(start) => (local(start), None),
            When::Between(start, end) => (local(start), Some(local(end))),
        };
        let previous: Vec<String> = s
            .earlier_starts()
            .into_iter()
            .map(|(day, start)| match start {
                Some(time) => local(day.and_time(time)),
                None => crate::vi::calendar::format_iso_date(day),
            })
            .collect();
        events.push(Node::Event(SchemaEvent {
            name: &name,
            description: event::description(content, s),
            start_date: start,
            end_date: end,
            event_status: match s.status() {
                None => "https://schema.org/EventScheduled",
                Some(SessionStatus::Cancelled) => "https://schema.org/EventCancelled",
                Some(SessionStatus::Postponed) => "https://schema.org/EventPostponed",
                Some(SessionStatus::Moved) => "https://schema.org/EventRescheduled",
            },
            // One date, or every one for a session moved more than once.
            previous_start_date: match previous.len() {
                0 => None,
                1 => previous.into_iter().next().map(Dates::One),
                _ => Some(Dates::Many(previous)),
            },
            attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
            is_accessible_for_free: true,
            in_language: "vi",
            location: Ref {
                id: place_id(place_number),
            },
            organizer: Ref {
                id: ORGANIZER_ID.to_string(),
            },
            url: page_url.as_deref(),
        }));
    }
    if events.is_empty() {
        return None;
    }
    let mut graph = vec![Node::GovernmentOrganization {
        id: ORGANIZER_ID,
        name: &site.authority,
        url: absolute_url(site, "index.html"),
    }];
    graph.extend(places.iter().enumerate().map(|(n, place)| Node::Place {
        id: place_id(n),
        name: place,
        address: Address {
            kind: "PostalAddress",
            locality: label,
            region: &site.place,
            country: "VN",
        },
    }));
    graph.extend(events);
    let doc = Graph {
        context: "https://schema.org",
        graph,
    };
    // Serializing plain structs cannot fail.
    Some(script_safe(
        &serde_json::to_string(&doc).unwrap_or_default(),
    ))
}

/// The most events a hamlet page describes: its next sessions.
const MAX_EVENTS: usize = 5;

/// Node ids, relative to the page (JSON-LD resolves them against its address).
const ORGANIZER_ID: &str = "#don-vi-to-chuc";

fn place_id(n: usize) -> String {
    format!("#dia-diem-{}", n + 1)
}

// schema.org records, serialized straight from structs: building
// serde_json::Values first cost a map allocation per key, per session.

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "@type")]
enum Node<'a> {
    GovernmentOrganization {
        #[serde(rename = "@id")]
        id: &'static str,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
    Place {
        #[serde(rename = "@id")]
        id: String,
        name: &'a str,
        address: Address<'a>,
    },
    Event(SchemaEvent<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SchemaEvent<'a> {
    name: &'a str,
    description: String,
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    event_status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_start_date: Option<Dates>,
    #[serde(rename = "eventAttendanceMode")]
    attendance_mode: &'static str,
    is_accessible_for_free: bool,
    in_language: &'static str,
    location: Ref,
    organizer: Ref,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A schema.org property that takes one value or several.
#[derive(Serialize)]
#[serde(untagged)]
enum Dates {
    One(String),
    Many(Vec<String>),
}

/// A pointer to another node of the graph.
#[derive(Serialize)]
struct Ref {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressLocality")]
    locality: &'a str,
    #[serde(rename = "addressRegion")]
    region: &'a str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// `sitemap.xml`: every page but 404, with the news items' dates. Only
/// planned with `base_url`.
pub fn sitemap(content: &Content, plan: &Plan, tera: &Tera) -> Result<String, tera::Error> {
    let urls: Vec<SitemapUrl> = plan
        .pages
        .iter()
        .filter(|p| p.kind != PageKind::NotFound)
        .filter_map(|p| {
            Some(SitemapUrl {
                loc: absolute_url(&content.site, &p.path)?,
                lastmod: match p.kind {
                    PageKind::NewsItem(i) => {
                        Some(crate::vi::calendar::format_iso_date(content.news[i].date))
                    }
                    _ => None,
                },
            })
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("urls", &urls);
    crate::theme::render_string(tera, "sitemap.xml", &ctx)
}

/// `robots.txt`: everything may be crawled; the sitemap when its address is known.
pub fn robots(content: &Content) -> String {
    let mut out = String::from("User-agent: *\nDisallow:\n");
    if let Some(url) = absolute_url(&content.site, plan::SITEMAP) {
        out.push_str(&format!("\nSitemap: {url}\n"));
    }
    out
}
