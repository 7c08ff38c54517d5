//! A province or district build's own files: the index of communes with their
//! next sessions, and `du-lieu/` gathering every commune's schedule.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use super::{data, ordered_sessions, views};
use crate::model::{CommuneRef, Content, Nation, Province};
use crate::plan::{self, Plan};

/// What the province's own files need from one commune, made while that
/// commune renders: the province never needs every commune's content at once.
pub struct CommuneSummary {
    pub card: CommuneCard,
    /// Its entry of the shared `du-lieu/lich.json`: where it lives and its own data.
    json: Vec<u8>,
    /// Its rows of the shared `du-lieu/lich.csv`, the commune first.
    csv_rows: Vec<u8>,
}

impl CommuneSummary {
    /// Whether `other` gives the shared data files the same part as this.
    pub fn same_data(&self, other: &CommuneSummary) -> bool {
        self.json == other.json && self.csv_rows == other.csv_rows
    }
}

/// A commune's card on the province's index: all the index needs of it.
#[derive(Clone)]
pub struct CommuneCard(CommuneView);

#[derive(Clone, Serialize)]
struct CommuneView {
    authority: String,
    place: String,
    campaign: String,
    path: String,
    session_total: usize,
    upcoming: Vec<views::SessionView>,
}

/// The heading of a province's or a nation's index: `overview` in
/// `overview.html`, which `province.html` and `nation.html` extend.
#[derive(Serialize)]
struct Overview<'a> {
    title: &'a str,
    authority: &'a str,
    place: &'a str,
}

/// One commune's part of the province's files; `Err` is why its CSV rows
/// failed. `own_json`: the commune's `lich.json` if it was written already.
pub fn summary(
    commune: &CommuneRef,
    content: &Content,
    plan: &Plan,
    today: NaiveDate,
    own_json: Option<Vec<u8>>,
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
    let mut own = own_json.unwrap_or_else(|| data::json(content, plan, &ordered));
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
        card: CommuneCard(view),
        json,
        csv_rows,
    })
}

/// `index.html` of the province: every commune and its next three sessions.
pub fn index<'a>(
    province: &Province,
    communes: impl IntoIterator<Item = &'a CommuneCard>,
    tera: &Tera,
    today: NaiveDate,
) -> Result<Vec<u8>, tera::Error> {
    let views: Vec<&CommuneView> = communes.into_iter().map(|c| &c.0).collect();
    let heading = Overview {
        title: &province.title,
        authority: &province.authority,
        place: &province.place,
    };
    overview("province.html", heading, ("communes", &views), tera, today)
}

/// `template`, a province's or a nation's index: its heading, its list of
/// communes or provinces (the variable's name, the items) and the day of the build.
fn overview<T: Serialize + ?Sized>(
    template: &str,
    heading: Overview<'_>,
    (name, items): (&str, &T),
    tera: &Tera,
    today: NaiveDate,
) -> Result<Vec<u8>, tera::Error> {
    let mut ctx = Context::new();
    ctx.insert("overview", &heading);
    ctx.insert(name, items);
    ctx.insert("today", &crate::vi::calendar::format_date(today));
    ctx.insert("stylesheet", plan::STYLESHEET);
    ctx.insert("root", "");
    let mut html = crate::theme::render_bytes(tera, template, &ctx, 64 * 1024)?;
    super::strip_trailing_whitespace(&mut html);
    Ok(html)
}

/// A province's entry on a nation's index.
#[derive(Serialize)]
pub struct ProvinceCard {
    pub title: String,
    pub authority: String,
    pub place: String,
    /// `tinh/<slug>/index.html`.
    pub path: String,
    pub communes: usize,
    /// Its `du-lieu/` folder (`tinh/<slug>/du-lieu/`), none for a lone commune.
    pub data: Option<String>,
}

/// `index.html` of a nation: every province, with its number of communes.
/// Made from the provinces' own `site.yaml`, so every split build writes it alike.
pub fn nation_index(
    nation: &Nation,
    provinces: &[ProvinceCard],
    tera: &Tera,
    today: NaiveDate,
) -> Result<Vec<u8>, tera::Error> {
    let heading = Overview {
        title: &nation.title,
        authority: &nation.authority,
        place: &nation.place,
    };
    overview(
        "nation.html",
        heading,
        ("provinces", provinces),
        tera,
        today,
    )
}

/// The province's `du-lieu/lich.json` and `du-lieu/lich.csv`, written one
/// commune at a time in province order, so a build of many communes never
/// holds every commune's data: `lich.json` is each commune's own document
/// (the shape in docs/du-lieu.md) with where it lives, spliced without
/// re-parsing; `lich.csv` is every commune's rows, with the commune first.
pub struct SharedData<J: Write, C: Write> {
    json: J,
    csv: C,
    communes: usize,
}

impl<J: Write, C: Write> SharedData<J, C> {
    pub fn new(mut json: J, mut csv: C) -> Result<SharedData<J, C>, String> {
        json.write_all(b"{\n\"version\": 1,\n\"communes\": [\n")
            .map_err(|e| e.to_string())?;
        csv.write_all(b"\xEF\xBB\xBF").map_err(|e| e.to_string())?;
        {
            let mut w = data::csv_writer(&mut csv);
            let mut header = vec!["Xã", "Mã xã"];
            header.extend(data::CSV_HEADER);
            w.write_record(&header).map_err(|e| e.to_string())?;
            w.flush().map_err(|e| e.to_string())?;
        }
        Ok(SharedData {
            json,
            csv,
            communes: 0,
        })
    }

    /// The next commune's part, in province order.
    pub fn push(&mut self, c: &CommuneSummary) -> Result<(), String> {
        if self.communes > 0 {
            self.json.write_all(b",\n").map_err(|e| e.to_string())?;
        }
        self.json.write_all(&c.json).map_err(|e| e.to_string())?;
        self.csv.write_all(&c.csv_rows).map_err(|e| e.to_string())?;
        self.communes += 1;
        Ok(())
    }

    /// Close the JSON document; returns the two writers, flushed.
    pub fn finish(mut self) -> Result<(J, C), String> {
        self.json
            .write_all(b"\n]\n}\n")
            .map_err(|e| e.to_string())?;
        self.json.flush().map_err(|e| e.to_string())?;
        self.csv.flush().map_err(|e| e.to_string())?;
        Ok((self.json, self.csv))
    }
}
