//! Sharing and search: absolute URLs (only with `base_url`), the schema.org
//! events of a hamlet page, `sitemap.xml` and `robots.txt`.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use super::event::{self, When};
use super::Shared;
use crate::diagnostics::Diagnostic;
use crate::model::{Content, Site};
use crate::plan::{self, PageKind, Plan};

/// The address of an output file on the web, or None without `base_url`:
/// a guessed absolute URL would be worse than none.
pub fn absolute_url(site: &Site, path: &str) -> Option<String> {
    site.base_url.as_ref().map(|base| format!("{base}/{path}"))
}

/// The one warning for everything `base_url` is missing from.
pub fn missing_base_url(site_root: &Path) -> Diagnostic {
    Diagnostic::warning(
        site_root.join("site.yaml"),
        None,
        "Chưa có base_url (địa chỉ của trang trên mạng), nên không tạo sitemap.xml và bỏ các đường dẫn đầy đủ: khi chia sẻ lên Zalo, Facebook, trong tệp lịch và trong atom.xml.",
    )
    .with_hint("Thêm vào site.yaml một dòng base_url: https://… (địa chỉ trang sẽ đăng), hoặc dựng với --base-url https://…")
}

/// Escapes what would end a `<script>` element early; the JSON stays equal.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// schema.org `Event`s for the sessions of one hamlet, as JSON-LD; None when
/// the hamlet has no sessions.
pub(super) fn hamlet_events(shared: &Shared, hamlet: usize) -> Option<String> {
    let content = shared.content;
    let site = &content.site;
    let label = site.hamlets[hamlet].label();
    let page_url = absolute_url(site, &plan::hamlet_path(&shared.plan.hamlet_slugs[hamlet]));
    let name = event::title(content, hamlet);
    let organizer = Organizer {
        kind: "GovernmentOrganization",
        name: &site.authority,
        url: absolute_url(site, "index.html"),
    };
    let offset = format!("+{:02}:00", event::VIETNAM_UTC_OFFSET_HOURS);
    let local = |t: chrono::NaiveDateTime| {
        format!(
            "{}T{}:00{offset}",
            crate::vi::calendar::format_iso_date(t.date()),
            crate::vi::calendar::format_time(t.time())
        )
    };
    let events: Vec<SchemaEvent> = shared
        .ordered_sessions
        .iter()
        .filter(|&&i| shared.plan.session_hamlets[i] == Some(hamlet))
        .map(|&i| {
            let s = &content.sessions[i];
            let (start, end) = match event::when(s) {
                When::AllDay(d) => {
                    let day = crate::vi::calendar::format_iso_date(d);
                    (day.clone(), Some(day))
                }
                When::Starts(start) => (local(start), None),
                When::Between(start, end) => (local(start), Some(local(end))),
            };
            SchemaEvent {
                kind: "Event",
                name: &name,
                description: event::description(content, s),
                start_date: start,
                end_date: end,
                event_status: "https://schema.org/EventScheduled",
                attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
                is_accessible_for_free: true,
                in_language: "vi",
                location: Place {
                    kind: "Place",
                    name: s.place.as_deref().unwrap_or(label),
                    address: Address {
                        kind: "PostalAddress",
                        locality: label,
                        region: &site.place,
                        country: "VN",
                    },
                },
                organizer: &organizer,
                url: page_url.as_deref(),
            }
        })
        .collect();
    if events.is_empty() {
        return None;
    }
    let doc = Graph {
        context: "https://schema.org",
        graph: events,
    };
    // Serializing plain structs cannot fail.
    Some(script_safe(
        &serde_json::to_string(&doc).unwrap_or_default(),
    ))
}

// schema.org records, serialized straight from structs: building
// serde_json::Values first cost a map allocation per key, per session.

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<SchemaEvent<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SchemaEvent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: String,
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    event_status: &'static str,
    #[serde(rename = "eventAttendanceMode")]
    attendance_mode: &'static str,
    is_accessible_for_free: bool,
    in_language: &'static str,
    location: Place<'a>,
    organizer: &'a Organizer<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    address: Address<'a>,
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
struct Organizer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
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
    tera.render("sitemap.xml", &ctx)
}

/// `robots.txt`: everything may be crawled; the sitemap when its address is known.
pub fn robots(content: &Content) -> String {
    let mut out = String::from("User-agent: *\nDisallow:\n");
    if let Some(url) = absolute_url(&content.site, plan::SITEMAP) {
        out.push_str(&format!("\nSitemap: {url}\n"));
    }
    out
}
