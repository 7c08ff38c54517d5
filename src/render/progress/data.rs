//! `du-lieu/tien-do.json` and `du-lieu/tien-do.csv`: the progress figures for
//! other programs and for spreadsheets. Their shape is documented in
//! docs/dinh-dang.md and versioned: fields are only ever added.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::tally::{tally, Figure, Tally};
use crate::diagnostics::{Diagnostic, Message};
use crate::model::progress::{HamletFinder, Progress};
use crate::model::Content;
use crate::plan::{self, Plan};
use crate::render::data::spreadsheet_text;
use crate::vi::calendar::format_date_numeric;
use crate::vi::number_format::percent_tenths;

#[derive(Serialize)]
struct Document {
    version: u32,
    campaign: CampaignData,
    as_of: Option<String>,
    main_kind: String,
    kinds: Vec<KindData>,
    total: Map<String, Value>,
    phases: Vec<PhaseData>,
    hamlets: Vec<HamletData>,
    reports: Vec<ReportData>,
}

#[derive(Serialize)]
struct CampaignData {
    name: String,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Serialize)]
struct KindData {
    key: String,
    name: String,
    unit: Option<String>,
}

#[derive(Serialize)]
struct PhaseData {
    name: String,
    start: String,
    end: String,
    figures: Map<String, Value>,
}

#[derive(Serialize)]
struct HamletData {
    rank: Option<usize>,
    name: String,
    kind: String,
    page: String,
    latest_report: Option<String>,
    figures: Map<String, Value>,
}

#[derive(Serialize)]
struct ReportData {
    date: String,
    hamlet: String,
    figures: Map<String, Value>,
}

fn iso(d: NaiveDate) -> String {
    crate::vi::calendar::format_iso_date(d)
}

/// Percent with one decimal, rounded down like on the pages: 63.3.
fn percent_number(f: &Figure) -> Value {
    f.percent_tenths()
        .map_or(Value::Null, |t| Value::from(t as f64 / 10.0))
}

fn figures(progress: &Progress, figures: &[Figure]) -> Map<String, Value> {
    progress
        .kinds
        .iter()
        .zip(figures)
        .map(|(k, f)| {
            let mut m = Map::new();
            m.insert("target".into(), f.target.map_or(Value::Null, Value::from));
            m.insert("result".into(), Value::from(f.result));
            m.insert("percent".into(), percent_number(f));
            (k.key.clone(), Value::Object(m))
        })
        .collect()
}

/// The JSON document.
fn json(
    content: &Content,
    progress: &Progress,
    t: &Tally,
    plan: &Plan,
    today: NaiveDate,
) -> Option<String> {
    let site = &content.site;
    let finder = HamletFinder::new(site);
    let mut reports: Vec<ReportData> = Vec::new();
    let mut ordered: Vec<_> = progress
        .reports
        .iter()
        // As on the pages: a report dated after the build day (a warning) is left out.
        .filter(|r| r.date.value <= today)
        .filter_map(|r| Some((r, finder.find(&r.hamlet.value)?)))
        .collect();
    ordered.sort_by_key(|(r, h)| (r.date.value, *h));
    for (r, h) in ordered {
        let Some(hamlet) = site.hamlets.get(h.index()) else {
            continue;
        };
        reports.push(ReportData {
            date: iso(r.date.value),
            hamlet: hamlet.name.clone(),
            figures: r
                .figures
                .iter()
                .filter_map(|(&k, f)| {
                    Some((progress.kinds.get(k)?.key.clone(), Value::from(f.value)))
                })
                .collect(),
        });
    }
    let document = Document {
        version: 1,
        campaign: CampaignData {
            name: site.campaign.name.clone(),
            start: site.campaign.start.map(iso),
            end: site.campaign.end.map(iso),
        },
        as_of: t.as_of.map(iso),
        main_kind: progress
            .kinds
            .get(progress.main_kind)
            .map(|k| k.key.clone())
            .unwrap_or_default(),
        kinds: progress
            .kinds
            .iter()
            .map(|k| KindData {
                key: k.key.clone(),
                name: k.name.clone(),
                unit: k.unit.clone(),
            })
            .collect(),
        total: figures(progress, &t.total),
        phases: site
            .campaign
            .phases
            .iter()
            .zip(&t.phases)
            .map(|(p, pt)| PhaseData {
                name: p.name.clone(),
                start: iso(p.start),
                end: iso(p.end),
                figures: figures(progress, &pt.figures),
            })
            .collect(),
        hamlets: t
            .hamlets
            .iter()
            .filter_map(|h| {
                let hamlet = site.hamlets.get(h.hamlet.index())?;
                Some(HamletData {
                    rank: h.rank,
                    name: hamlet.name.clone(),
                    kind: hamlet.kind.clone(),
                    page: plan::hamlet_path(plan.hamlet_slug(h.hamlet)),
                    latest_report: h.latest.map(iso),
                    figures: figures(progress, &h.figures),
                })
            })
            .collect(),
        reports,
    };
    let mut text = serde_json::to_string_pretty(&document).ok()?;
    text.push('\n');
    Some(text)
}

/// "63,3": the percent as Vietnamese spreadsheets read a decimal.
fn percent_cell(f: &Figure) -> String {
    f.target
        .and_then(|t| percent_tenths(f.result, t))
        .map(|t| match t % 10 {
            0 => (t / 10).to_string(),
            d => format!("{},{d}", t / 10),
        })
        .unwrap_or_default()
}

/// The ranking table for spreadsheets: UTF-8 with a BOM (so Excel reads the
/// accents), one row per hamlet in rank order, the whole commune last.
/// Counts are plain integers so they stay numbers in any spreadsheet.
fn csv(content: &Content, progress: &Progress, t: &Tally) -> Result<Vec<u8>, Diagnostic> {
    let site = &content.site;
    let mut out = Vec::from("\u{FEFF}".as_bytes());
    let result = (|| -> Result<(), csv::Error> {
        let mut w = csv::Writer::from_writer(&mut out);
        let mut header = vec![
            "Hạng".to_string(),
            "Thôn".to_string(),
            "Báo cáo gần nhất".to_string(),
        ];
        for k in &progress.kinds {
            let name = spreadsheet_text(&k.name);
            header.push(format!("{name}: chỉ tiêu"));
            header.push(format!("{name}: đã đạt"));
            header.push(format!("{name}: tỷ lệ (%)"));
        }
        w.write_record(&header)?;
        let cells = |figures: &[Figure]| -> Vec<String> {
            figures
                .iter()
                .flat_map(|f| {
                    [
                        f.target.map(|t| t.to_string()).unwrap_or_default(),
                        f.result.to_string(),
                        percent_cell(f),
                    ]
                })
                .collect()
        };
        for h in &t.hamlets {
            let Some(hamlet) = site.hamlets.get(h.hamlet.index()) else {
                continue;
            };
            let mut row = vec![
                h.rank.map(|r| r.to_string()).unwrap_or_default(),
                spreadsheet_text(hamlet.label()).into_owned(),
                h.latest.map(format_date_numeric).unwrap_or_default(),
            ];
            row.extend(cells(&h.figures));
            w.write_record(&row)?;
        }
        let mut row = vec![
            String::new(),
            spreadsheet_text(&super::capitalized(&super::area(content))).into_owned(),
            t.as_of.map(format_date_numeric).unwrap_or_default(),
        ];
        row.extend(cells(&t.total));
        w.write_record(&row)?;
        w.flush()?;
        Ok(())
    })();
    result.map(|()| out).map_err(|e| {
        let reason = e.to_string();
        Diagnostic::new(
            plan::PROGRESS_CSV,
            None,
            Message::ProgressCsvFailed { reason },
        )
    })
}

/// Both data files as (output path, bytes), counting the reports dated up to
/// `today` like the pages; none without `progress.yaml`.
pub fn files(
    content: &Content,
    plan: &Plan,
    today: NaiveDate,
) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let (Some(progress), Some(t)) = (&content.progress, tally(content, Some(today))) else {
        return Ok(Vec::new());
    };
    let json = json(content, progress, &t, plan, today)
        .ok_or_else(|| Diagnostic::new(plan::PROGRESS_JSON, None, Message::ProgressJsonFailed))?;
    Ok(vec![
        (plan::PROGRESS_JSON, json.into_bytes()),
        (plan::PROGRESS_CSV, csv(content, progress, &t)?),
    ])
}
