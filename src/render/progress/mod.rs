//! Campaign progress (`progress.yaml`): the `tien-do/` page, a line on the home
//! page, a section on each hamlet page, the data files and the sentence the
//! loudspeaker reads, all from one [`Tally`].

pub(crate) mod data;
pub(crate) mod tally;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::progress::{Kind, Progress};
use crate::model::{Content, HamletId};
use crate::plan::{self, Plan};
use crate::render::charts::{self, Bar, BarChart, Line, LineChart, LineStyle};
use crate::vi;
use crate::vi::calendar::format_date_numeric;
use crate::vi::number_format::{format_count, format_percent};
use crate::vi::speech::{date_words, number_words, percent_words};
pub use tally::{tally, Figure, HamletTally, Tally};

/// One kind's figure as shown: every number already written the Vietnamese way.
#[derive(Serialize, Clone)]
pub struct FigureView {
    pub kind: String,
    pub unit: Option<String>,
    pub target: Option<String>,
    pub result: String,
    pub percent: Option<String>,
    /// Target reached.
    pub done: bool,
    /// "5.200 / 8.213 (63,3%)", or "5.200" without a target: one table cell.
    pub cell: String,
}

#[derive(Serialize, Clone)]
pub struct KindView {
    pub key: String,
    pub name: String,
    pub unit: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct PhaseProgressView {
    pub name: String,
    pub start: String,
    pub end: String,
    pub start_iso: String,
    pub end_iso: String,
    pub current: bool,
    pub figures: Vec<FigureView>,
}

#[derive(Serialize, Clone)]
pub struct HamletRowView {
    /// None for a hamlet without a target for the main kind.
    pub rank: Option<usize>,
    pub label: String,
    pub path: String,
    pub latest: Option<String>,
    pub latest_iso: Option<String>,
    pub figures: Vec<FigureView>,
}

/// What `progress.html` sees.
#[derive(Serialize, Clone)]
pub struct ProgressView {
    pub as_of: Option<String>,
    pub as_of_iso: Option<String>,
    pub note: Option<String>,
    /// "Toàn xã", "Toàn phường".
    pub area_title: String,
    pub kinds: Vec<KindView>,
    pub main_kind: KindView,
    /// The written summary sentence, also on the home page.
    pub headline: Option<String>,
    pub total: Vec<FigureView>,
    pub phases: Vec<PhaseProgressView>,
    pub hamlets: Vec<HamletRowView>,
    pub ranked_count: usize,
    /// Inline SVG, built here; None when there is nothing to draw.
    pub bar_chart: Option<String>,
    pub line_chart: Option<String>,
    pub json_path: String,
    pub csv_path: String,
}

/// The progress section of one hamlet's page.
#[derive(Serialize, Clone)]
pub struct HamletProgressView {
    pub rank: Option<usize>,
    pub ranked_count: usize,
    pub latest: Option<String>,
    pub latest_iso: Option<String>,
    pub figures: Vec<FigureView>,
    pub path: String,
}

/// The one line on the home page.
#[derive(Serialize, Clone)]
pub struct HomeLine {
    pub text: String,
    pub path: String,
}

/// Everything the pages show about progress, counted once per build.
pub struct ProgressPages {
    pub page: ProgressView,
    pub home: Option<HomeLine>,
    /// By hamlet index; None for a hamlet with no target and no report.
    pub hamlets: Vec<Option<HamletProgressView>>,
}

fn figure_view(kind: &Kind, f: &Figure) -> FigureView {
    let target = f.target.map(format_count);
    let result = format_count(f.result);
    let percent = f.percent_tenths().map(format_percent);
    let cell = match (&target, &percent) {
        (Some(t), Some(p)) => format!("{result} / {t} ({p})"),
        _ => result.clone(),
    };
    FigureView {
        kind: kind.name.clone(),
        unit: kind.unit.clone(),
        target,
        result,
        percent,
        done: f.percent_tenths().is_some_and(|p| p >= 1000),
        cell,
    }
}

fn figure_views(progress: &Progress, figures: &[Figure]) -> Vec<FigureView> {
    progress
        .kinds
        .iter()
        .zip(figures)
        .map(|(k, f)| figure_view(k, f))
        .collect()
}

fn kind_view(k: &Kind) -> KindView {
    KindView {
        key: k.key.clone(),
        name: k.name.clone(),
        unit: k.unit.clone(),
    }
}

fn iso(d: NaiveDate) -> String {
    crate::vi::calendar::format_iso_date(d)
}

/// "toàn xã", "toàn phường", from how `site.yaml` names the place.
fn area(content: &Content) -> String {
    let site = &content.site;
    format!(
        "toàn {}",
        vi::admin_unit::area_unit(&site.place, &site.authority)
    )
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A kind's name inside a sentence: "Mức 2" → "mức 2", but "CCCD" stays.
fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if second.is_none_or(char::is_lowercase) || second == Some(' ') => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

/// "đã kích hoạt 5.200 tài khoản" with the kind's `phrase`, else
/// "có 5.200 tài khoản mức 2"; `amount` is already written out.
fn done_clause(kind: &Kind, amount: &str) -> String {
    let unit = kind
        .unit
        .as_ref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    match &kind.phrase {
        Some(phrase) => format!("{phrase} {amount}{unit}"),
        None => format!("có {amount}{unit} {}", in_sentence(&kind.name)),
    }
}

/// "Tính đến 15/12/2022, toàn xã đã kích hoạt 5.200 trên 8.213 tài khoản, đạt 63,3% chỉ tiêu."
fn headline(content: &Content, progress: &Progress, tally: &Tally) -> Option<String> {
    let as_of = tally.as_of?;
    let kind = progress.kinds.get(progress.main_kind)?;
    let figure = tally.total.get(progress.main_kind)?;
    let result = format_count(figure.result);
    let (amount, reached) = match (figure.target, figure.percent_tenths()) {
        (Some(t), Some(p)) => (
            format!("{result} trên {}", format_count(t)),
            format!(", đạt {} chỉ tiêu", format_percent(p)),
        ),
        _ => (result, String::new()),
    };
    Some(format!(
        "Tính đến {}, {} {}{reached}.",
        format_date_numeric(as_of),
        area(content),
        done_clause(kind, &amount)
    ))
}

/// The sentence about progress the loudspeaker reads, for the weekly script:
/// the commune's result for the main kind as of the latest report dated on or
/// before `date`, the share of the target, and the leading hamlet. Every
/// number is spelled out, as the announcer says it:
///
/// "Tính đến ngày mười lăm tháng mười hai, toàn xã đã kích hoạt một nghìn
/// chín trăm tài khoản, đạt bảy mươi chín phẩy một phần trăm chỉ tiêu, dẫn
/// đầu là thôn Đông Lão với chín mươi lăm phần trăm."
///
/// None when the site has no `progress.yaml` or no report by `date`.
pub fn progress_sentence(content: &Content, date: NaiveDate) -> Option<String> {
    let progress = content.progress.as_ref()?;
    let tally = tally(content, Some(date))?;
    let as_of = tally.as_of?;
    let main = progress.main_kind;
    let kind = progress.kinds.get(main)?;
    let figure = tally.total.get(main)?;
    let mut sentence = format!(
        "Tính đến {}, {} {}",
        date_words(as_of, false),
        area(content),
        done_clause(kind, &count_words(figure.result))
    );
    if let Some(p) = figure.percent_tenths() {
        sentence.push_str(&format!(", đạt {} chỉ tiêu", percent_words(p)));
    }
    // The leader is named only when it leads alone.
    let ranked: Vec<&HamletTally> = tally.hamlets.iter().filter(|h| h.rank.is_some()).collect();
    if let [first, second, ..] = ranked.as_slice() {
        let leading_alone = first.rank == Some(1) && second.rank != Some(1);
        let hamlet = content.site.hamlets.get(first.hamlet.index());
        let percent = first.figures.get(main).and_then(Figure::percent_tenths);
        if let (true, Some(hamlet), Some(p)) = (leading_alone, hamlet, percent) {
            sentence.push_str(&format!(
                ", dẫn đầu là {} với {}",
                hamlet.label(),
                percent_words(p)
            ));
        }
    }
    sentence.push('.');
    Some(sentence)
}

fn count_words(n: u64) -> String {
    number_words(i64::try_from(n).unwrap_or(i64::MAX))
}

impl ProgressPages {
    /// None when the site has no `progress.yaml`.
    pub fn new(content: &Content, plan: &Plan, today: NaiveDate) -> Option<ProgressPages> {
        let progress = content.progress.as_ref()?;
        // A report dated after the build day is not yet the current figure.
        let tally = tally(content, Some(today))?;
        let site = &content.site;
        let main = progress.main_kind;
        let main_kind = progress.kinds.get(main)?;
        let hamlet_path = |h: HamletId| plan::hamlet_path(plan.hamlet_slug(h));
        let ranked_count = tally.hamlets.iter().filter(|h| h.rank.is_some()).count();
        let rows: Vec<HamletRowView> = tally
            .hamlets
            .iter()
            .filter_map(|t| {
                let hamlet = site.hamlets.get(t.hamlet.index())?;
                Some(HamletRowView {
                    rank: t.rank,
                    label: hamlet.label().to_string(),
                    path: hamlet_path(t.hamlet),
                    latest: t.latest.map(format_date_numeric),
                    latest_iso: t.latest.map(iso),
                    figures: figure_views(progress, &t.figures),
                })
            })
            .collect();
        let mut hamlets = vec![None; site.hamlets.len()];
        for (t, row) in tally.hamlets.iter().zip(&rows) {
            if let Some(slot) = hamlets.get_mut(t.hamlet.index()) {
                *slot = Some(HamletProgressView {
                    rank: row.rank,
                    ranked_count,
                    latest: row.latest.clone(),
                    latest_iso: row.latest_iso.clone(),
                    figures: row.figures.clone(),
                    path: plan::PROGRESS.to_string(),
                });
            }
        }
        let phases = site
            .campaign
            .phases
            .iter()
            .zip(&tally.phases)
            .map(|(p, t)| PhaseProgressView {
                name: p.name.clone(),
                start: format_date_numeric(p.start),
                end: format_date_numeric(p.end),
                start_iso: iso(p.start),
                end_iso: iso(p.end),
                current: p.start <= today && today <= p.end,
                figures: figure_views(progress, &t.figures),
            })
            .collect();
        let headline = headline(content, progress, &tally);
        let page = ProgressView {
            as_of: tally.as_of.map(format_date_numeric),
            as_of_iso: tally.as_of.map(iso),
            note: progress.note.clone(),
            area_title: capitalized(&area(content)),
            kinds: progress.kinds.iter().map(kind_view).collect(),
            main_kind: kind_view(main_kind),
            headline: headline.clone(),
            total: figure_views(progress, &tally.total),
            phases,
            hamlets: rows,
            ranked_count,
            bar_chart: bar_chart(content, progress, &tally),
            line_chart: line_chart(content, progress, &tally),
            json_path: plan::PROGRESS_JSON.to_string(),
            csv_path: plan::PROGRESS_CSV.to_string(),
        };
        Some(ProgressPages {
            page,
            home: headline.map(|text| HomeLine {
                text,
                path: plan::PROGRESS.to_string(),
            }),
            hamlets,
        })
    }
}

/// Each ranked hamlet's share of its target, best first; None before the
/// first report (nothing to draw).
fn bar_chart(content: &Content, progress: &Progress, tally: &Tally) -> Option<String> {
    let as_of = tally.as_of?;
    let main = progress.main_kind;
    let kind = progress.kinds.get(main)?;
    let bars: Vec<Bar> = tally
        .hamlets
        .iter()
        .filter(|t| t.rank.is_some())
        .filter_map(|t| {
            let hamlet = content.site.hamlets.get(t.hamlet.index())?;
            let figure = t.figures.get(main)?;
            let tenths = figure.percent_tenths()?;
            Some(Bar {
                label: hamlet.label().to_string(),
                value: tenths,
                value_label: format!(
                    "{} ({}/{})",
                    format_percent(tenths),
                    format_count(figure.result),
                    format_count(figure.target?)
                ),
                done: tenths >= 1000,
            })
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let listed: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.value_label))
        .collect();
    Some(charts::bar_chart(&BarChart {
        id: "bieu-do-thon".into(),
        title: format!("Tỷ lệ hoàn thành chỉ tiêu “{}” theo thôn", kind.name),
        description: format!(
            "Tính đến {}. {}.",
            format_date_numeric(as_of),
            listed.join("; ")
        ),
        bars,
        reference: Some((1000, "Chỉ tiêu (100%)".into())),
        format: format_percent,
        min_step: 250,
    }))
}

/// The commune's cumulative result at each report against the target line.
fn line_chart(content: &Content, progress: &Progress, tally: &Tally) -> Option<String> {
    let main = progress.main_kind;
    let kind = progress.kinds.get(main)?;
    let campaign = &content.site.campaign;
    let measured: Vec<(NaiveDate, u64)> = tally
        .series
        .iter()
        .filter_map(|(d, values)| Some((*d, *values.get(main)?)))
        .collect();
    let planned = tally.target_line.get(main).cloned().unwrap_or_default();
    if measured.is_empty() {
        return None;
    }
    let dates = measured.iter().chain(&planned).map(|(d, _)| *d);
    let from = campaign.start.into_iter().chain(dates.clone()).min()?;
    let to = campaign.end.into_iter().chain(dates).max()?;
    let unit = kind
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let mut description: Vec<String> = measured
        .iter()
        .map(|(d, v)| format!("{}: {}", format_date_numeric(*d), format_count(*v)))
        .collect();
    let mut lines = vec![Line {
        name: "Kết quả".into(),
        points: measured,
        style: LineStyle::Measured,
    }];
    if let Some((end, target)) = planned.last() {
        description.push(format!(
            "chỉ tiêu {}{unit} đến {}",
            format_count(*target),
            format_date_numeric(*end)
        ));
        lines.push(Line {
            name: "Chỉ tiêu".into(),
            points: planned,
            style: LineStyle::Planned,
        });
    }
    Some(charts::line_chart(&LineChart {
        id: "bieu-do-tien-do".into(),
        title: format!(
            "“{}” {} theo thời gian, so với chỉ tiêu",
            kind.name,
            area(content)
        ),
        description: format!(
            "Số cộng dồn sau mỗi lần báo cáo. {}.",
            description.join("; ")
        ),
        from,
        to,
        marks: campaign
            .phases
            .iter()
            .map(|p| (p.end, format_date_numeric(p.end)))
            .collect(),
        lines,
        format: format_count,
        format_date: format_date_numeric,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_sentences() {
        assert_eq!(in_sentence("Mức 2"), "mức 2");
        assert_eq!(in_sentence("Đã kích hoạt"), "đã kích hoạt");
        assert_eq!(in_sentence("CCCD gắn chip"), "CCCD gắn chip");
        assert_eq!(in_sentence("A"), "a");
        assert_eq!(capitalized("toàn xã"), "Toàn xã");
        assert_eq!(capitalized(""), "");
    }
}
