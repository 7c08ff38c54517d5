//! Sharing and search: absolute URLs (only with `base_url`), the schema.org
//! events of a hamlet page, `sitemap.xml` and `robots.txt`.

use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};
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
    let page_url = absolute_url(site, &plan::hamlet_path(&shared.plan.hamlet_slugs[hamlet]));
    let events: Vec<Value> = shared
        .ordered_sessions
        .iter()
        .filter(|&&i| shared.plan.session_hamlets[i] == Some(hamlet))
        .map(|&i| {
            let s = &content.sessions[i];
            let offset = format!("+{:02}:00", event::VIETNAM_UTC_OFFSET_HOURS);
            let local = |t: chrono::NaiveDateTime| {
                format!(
                    "{}T{}:00{offset}",
                    crate::vi::calendar::format_iso_date(t.date()),
                    crate::vi::calendar::format_time(t.time())
                )
            };
            let (start, end) = match event::when(s) {
                When::AllDay(d) => {
                    let day = crate::vi::calendar::format_iso_date(d);
                    (day.clone(), Some(day))
                }
                When::Starts(start) => (local(start), None),
                When::Between(start, end) => (local(start), Some(local(end))),
            };
            let mut organizer = json!({
                "@type": "GovernmentOrganization",
                "name": site.authority,
            });
            if let Some(home) = absolute_url(site, "index.html") {
                organizer["url"] = json!(home);
            }
            let mut ev = json!({
                "@type": "Event",
                "name": event::title(content, hamlet),
                "description": event::description(content, s),
                "startDate": start,
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "isAccessibleForFree": true,
                "inLanguage": "vi",
                "location": {
                    "@type": "Place",
                    "name": s.place.clone().unwrap_or_else(|| site.hamlets[hamlet].label()),
                    "address": {
                        "@type": "PostalAddress",
                        "addressLocality": site.hamlets[hamlet].label(),
                        "addressRegion": site.place,
                        "addressCountry": "VN",
                    },
                },
                "organizer": organizer,
            });
            if let Some(end) = end {
                ev["endDate"] = json!(end);
            }
            if let Some(url) = &page_url {
                ev["url"] = json!(url);
            }
            ev
        })
        .collect();
    if events.is_empty() {
        return None;
    }
    let doc = json!({ "@context": "https://schema.org", "@graph": events });
    Some(script_safe(&doc.to_string()))
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
