//! A province or district build's own files: the index of communes with their
//! next sessions, and `du-lieu/` gathering every commune's schedule.

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use super::{data, ordered_sessions, views};
use crate::model::{CommuneRef, Content, Province};
use crate::plan::{self, Plan};

/// What the province's own files need from one commune, made while that
/// commune renders: the province never needs every commune's content at once.
pub struct CommuneSummary {
    view: CommuneView,
    /// Its entry of the shared `du-lieu/lich.json`: where it lives and its own data.
    json: Vec<u8>,
    /// Its rows of the shared `du-lieu/lich.csv`, the commune first.
    csv_rows: Vec<u8>,
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

/// One commune's part of the province's files; `Err` is why its CSV rows failed.
pub fn summary(
    commune: &CommuneRef,
    content: &Content,
    plan: &Plan,
    today: NaiveDate,
) -> Result<CommuneSummary, String> {
    let ordered = ordered_sessions(content, plan);
    let prefix = &commune.prefix;
    let upcoming = ordered
        .iter()
        .filter(|&&i| content.sessions[i].date >= today)
        .take(3)
        .filter_map(|&i| {
            let hamlet = plan.hamlet_of(i)?;
            let mut v = views::session(content, plan, &content.sessions[i], hamlet, today);
            v.hamlet_path = format!("{prefix}{}", v.hamlet_path);
            Some(v)
        })
        .collect();
    let view = CommuneView {
        authority: content.site.authority.clone(),
        place: content.site.place.clone(),
        campaign: content.site.campaign.name.clone(),
        path: format!("{prefix}index.html"),
        session_total: ordered.len(),
        upcoming,
    };

    let head = serde_json::json!({ "slug": commune.slug, "path": prefix });
    // `{"path":…,"slug":…` then the commune's data under "data".
    let head = head.to_string();
    let mut json = head.as_bytes()[..head.len() - 1].to_vec();
    json.extend_from_slice(b",\"data\":");
    let mut own = data::json(content, plan, &ordered);
    while own.last() == Some(&b'\n') {
        own.pop();
    }
    json.extend_from_slice(&own);
    json.push(b'}');

    let mut csv_rows = Vec::new();
    {
        let mut w = data::csv_writer(&mut csv_rows);
        let leading = [content.site.authority.as_str(), commune.slug.as_str()];
        data::write_csv_rows(&mut w, content, plan, &ordered, &leading)?;
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(CommuneSummary {
        view,
        json,
        csv_rows,
    })
}

/// `index.html` of the province: every commune and its next three sessions.
pub fn index(
    province: &Province,
    communes: &[CommuneSummary],
    tera: &Tera,
    today: NaiveDate,
) -> Result<Vec<u8>, tera::Error> {
    let views: Vec<&CommuneView> = communes.iter().map(|c| &c.view).collect();
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
pub fn json(communes: &[CommuneSummary]) -> Vec<u8> {
    let size: usize = communes.iter().map(|c| c.json.len() + 2).sum();
    let mut out = Vec::with_capacity(size + 64);
    out.extend_from_slice(b"{\n\"version\": 1,\n\"communes\": [\n");
    for (i, c) in communes.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(&c.json);
    }
    out.extend_from_slice(b"\n]\n}\n");
    out
}

/// `du-lieu/lich.csv` of the province: every commune's rows, with the commune first.
pub fn csv(communes: &[CommuneSummary]) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = data::csv_writer(&mut out);
        let mut header = vec!["Xã", "Mã xã"];
        header.extend(data::CSV_HEADER);
        w.write_record(&header).map_err(|e| e.to_string())?;
        w.flush().map_err(|e| e.to_string())?;
    }
    for c in communes {
        out.extend_from_slice(&c.csv_rows);
    }
    Ok(out)
}
