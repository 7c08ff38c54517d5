//! A province or district build's own files: the index of communes with their
//! next sessions, and `du-lieu/` gathering every commune's schedule.

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use super::{data, ordered_sessions, views};
use crate::model::{Content, Province};
use crate::plan::{self, Plan};

/// One commune as the province build sees it.
pub struct Commune<'a> {
    pub slug: &'a str,
    pub content: &'a Content,
    pub plan: &'a Plan,
}

#[derive(Serialize)]
struct CommuneView {
    authority: String,
    place: String,
    campaign: String,
    path: String,
    session_total: usize,
    upcoming: Vec<views::SessionView>,
}

#[derive(Serialize)]
struct ProvinceView<'a> {
    title: &'a str,
    authority: &'a str,
    place: &'a str,
}

pub fn prefix(slug: &str) -> String {
    format!("xa/{slug}/")
}

/// `index.html` of the province: every commune and its next three sessions.
pub fn index(
    province: &Province,
    communes: &[Commune],
    tera: &Tera,
    today: NaiveDate,
) -> Result<Vec<u8>, tera::Error> {
    let views: Vec<CommuneView> = communes
        .iter()
        .map(|c| {
            let ordered = ordered_sessions(c.content, c.plan);
            let prefix = prefix(c.slug);
            let upcoming = ordered
                .iter()
                .filter(|&&i| c.content.sessions[i].date >= today)
                .take(3)
                .filter_map(|&i| {
                    let hamlet = c.plan.session_hamlets[i]?;
                    let mut v =
                        views::session(c.content, c.plan, &c.content.sessions[i], hamlet, today);
                    v.hamlet_path = format!("{prefix}{}", v.hamlet_path);
                    Some(v)
                })
                .collect();
            CommuneView {
                authority: c.content.site.authority.clone(),
                place: c.content.site.place.clone(),
                campaign: c.content.site.campaign.name.clone(),
                path: format!("{prefix}index.html"),
                session_total: ordered.len(),
                upcoming,
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert(
        "province",
        &ProvinceView {
            title: &province.title,
            authority: &province.authority,
            place: &province.place,
        },
    );
    ctx.insert("communes", &views);
    ctx.insert("today", &crate::vi::calendar::format_date(today));
    ctx.insert("stylesheet", plan::STYLESHEET);
    ctx.insert("root", "");
    let mut html = Vec::with_capacity(64 * 1024);
    tera.render_to("province.html", &ctx, &mut html)?;
    super::strip_trailing_whitespace(&mut html);
    Ok(html)
}

/// `du-lieu/lich.json` of the province: each commune's own document (the shape
/// in docs/du-lieu.md) with where it lives, spliced without re-parsing.
pub fn json(communes: &[Commune]) -> Vec<u8> {
    let mut out = Vec::with_capacity(communes.len() * 64 * 1024);
    out.extend_from_slice(b"{\n\"version\": 1,\n\"communes\": [\n");
    for (i, c) in communes.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        let head = serde_json::json!({ "slug": c.slug, "path": prefix(c.slug) });
        // `{"path":…,"slug":…` then the commune's data under "data".
        let head = head.to_string();
        out.extend_from_slice(&head.as_bytes()[..head.len() - 1]);
        out.extend_from_slice(b",\"data\":");
        let ordered = ordered_sessions(c.content, c.plan);
        let mut own = data::json(c.content, c.plan, &ordered);
        while own.last() == Some(&b'\n') {
            own.pop();
        }
        out.extend_from_slice(&own);
        out.push(b'}');
    }
    out.extend_from_slice(b"\n]\n}\n");
    out
}

/// `du-lieu/lich.csv` of the province: every commune's rows, with the commune first.
pub fn csv(communes: &[Commune]) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = data::csv_writer(&mut out);
        let mut header = vec!["Xã", "Mã xã"];
        header.extend(data::CSV_HEADER);
        w.write_record(&header).map_err(|e| e.to_string())?;
        for c in communes {
            let ordered = ordered_sessions(c.content, c.plan);
            let leading = [c.content.site.authority.as_str(), c.slug];
            data::write_csv_rows(&mut w, c.content, c.plan, &ordered, &leading)?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}
