//! `progress.yaml` against `site.yaml` and against itself: hamlets and phases
//! that exist, report dates inside the campaign, cumulative figures that
//! don't go down, results that aren't implausibly far above target.
//!
//! A cumulative figure that goes down is a warning, not an error: the police
//! system's count is sometimes corrected downwards after checking, and the
//! week's notice must still go out; the page shows the latest figure.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::progress::{Figures, HamletFinder, Progress};
use crate::model::{Content, HamletId, Located};
use crate::vi;
use crate::vi::calendar::format_date_numeric;
use crate::vi::number_format::{format_count, format_percent, percent_tenths, CountOrPercent};

/// Above this share of its target (in tenths of a percent) a result is
/// probably a typo (an extra digit) and gets a warning.
const IMPLAUSIBLE_TENTHS: u64 = 1500;

/// Reports dated after the day the pages are built for: pages leave them
/// out of the current figures (see `render::progress`), and say so here.
pub fn dated_after(content: &Content, today: chrono::NaiveDate, diags: &mut Diagnostics) {
    let Some(progress) = &content.progress else {
        return;
    };
    for r in progress.reports.iter().filter(|r| r.date.value > today) {
        diags.push(Diagnostic::new(
            &r.source.file,
            r.date.pos.or(r.source.pos),
            Message::ProgressAfterToday {
                date: crate::vi::calendar::format_date_numeric(r.date.value),
                today: crate::vi::calendar::format_date_numeric(today),
            },
        ));
    }
}

pub fn validate(content: &Content, diags: &mut Diagnostics) {
    let Some(progress) = &content.progress else {
        return;
    };
    let finder = HamletFinder::new(&content.site);
    let hamlet_targets = hamlet_targets(content, progress, &finder, diags);
    commune_target(progress, &hamlet_targets, diags);
    phases(content, progress, &hamlet_targets, diags);
    reports(content, progress, &finder, &hamlet_targets, diags);
}

fn line_of(pos: Option<Pos>) -> String {
    pos.map_or_else(String::new, |p| format!(" (dòng {})", p.line))
}

/// Says which hamlets exist, suggesting the nearest name.
fn unknown_hamlet(content: &Content, progress: &Progress, name: &Located<String>) -> Diagnostic {
    let names: Vec<&str> = content
        .site
        .hamlets
        .iter()
        .map(|h| h.name.as_str())
        .collect();
    let written = name.value.clone();
    let message = match vi::text::closest(&name.value, names.iter().copied()) {
        Some(best) => Message::ProgressHamletUnknownNear {
            name: written,
            best: best.to_string(),
        },
        None => Message::ProgressHamletUnknown {
            name: written,
            names: names.join(", "),
        },
    };
    Diagnostic::new(&progress.source.file, name.pos, message)
}

fn zero_target(progress: &Progress, kind: usize, pos: Option<Pos>) -> Diagnostic {
    let key = progress.kinds.get(kind).map_or("", |k| k.key.as_str());
    let key = key.to_string();
    Diagnostic::new(&progress.source.file, pos, Message::TargetZero { key })
}

/// Each hamlet's targets (by hamlet index), checking names, doubles and zeros.
fn hamlet_targets<'a>(
    content: &Content,
    progress: &'a Progress,
    finder: &HamletFinder,
    diags: &mut Diagnostics,
) -> HashMap<HamletId, &'a Figures<u64>> {
    let mut seen: HashMap<HamletId, &'a Figures<u64>> = HashMap::new();
    let mut first_line: HashMap<HamletId, Option<Pos>> = HashMap::new();
    for entry in &progress.hamlets {
        let Some(h) = finder.find(&entry.hamlet.value) else {
            diags.push(unknown_hamlet(content, progress, &entry.hamlet));
            continue;
        };
        for (&k, f) in &entry.figures {
            if f.value == 0 {
                diags.push(zero_target(progress, k, f.pos));
            }
        }
        if let Some(first) = first_line.get(&h) {
            diags.push(Diagnostic::new(
                &progress.source.file,
                entry.hamlet.pos,
                Message::HamletTargetTwice {
                    hamlet: content.site.hamlets[h].name.clone(),
                    first: line_of(*first).replace("(dòng", "(lần đầu ở dòng"),
                },
            ));
            continue;
        }
        first_line.insert(h, entry.hamlet.pos);
        seen.insert(h, &entry.figures);
    }
    seen
}

/// A commune target below what its hamlets were given is probably a typo.
fn commune_target(
    progress: &Progress,
    hamlet_targets: &HashMap<HamletId, &Figures<u64>>,
    diags: &mut Diagnostics,
) {
    for (&k, total) in &progress.total {
        if total.value == 0 {
            diags.push(zero_target(progress, k, total.pos));
            continue;
        }
        let sum: u64 = hamlet_targets
            .values()
            .filter_map(|f| f.get(&k))
            .map(|f| f.value)
            .sum();
        if sum > total.value {
            let key = progress.kinds.get(k).map_or("", |k| k.key.as_str());
            diags.push(Diagnostic::new(
                &progress.source.file,
                total.pos,
                Message::TotalBelowHamlets {
                    key: key.to_string(),
                    total: format_count(total.value),
                    sum: format_count(sum),
                },
            ));
        }
    }
}

fn phases(
    content: &Content,
    progress: &Progress,
    hamlet_targets: &HashMap<HamletId, &Figures<u64>>,
    diags: &mut Diagnostics,
) {
    let file = &progress.source.file;
    let site_phases = &content.site.campaign.phases;
    let names: Vec<&str> = site_phases.iter().map(|p| p.name.as_str()).collect();
    let mut seen: HashMap<usize, Option<Pos>> = HashMap::new();
    // Running sums per kind, in site.yaml phase order, to catch "50%, 100%"
    // written as milestones rather than as each phase's own share.
    let mut entries: Vec<(usize, &crate::model::progress::PhaseTarget)> = Vec::new();
    for entry in &progress.phases {
        let key = vi::text::canonical_key(&entry.phase.value);
        let Some(index) = site_phases
            .iter()
            .position(|p| vi::text::canonical_key(&p.name) == key)
        else {
            let name = entry.phase.value.clone();
            let message = if names.is_empty() {
                Message::PhaseUnknownNoPhases { name }
            } else {
                match vi::text::closest(&entry.phase.value, names.iter().copied()) {
                    Some(best) => Message::PhaseUnknownNear {
                        name,
                        best: best.to_string(),
                    },
                    None => Message::PhaseUnknown {
                        name,
                        names: names.join(", "),
                    },
                }
            };
            diags.push(Diagnostic::new(file, entry.phase.pos, message));
            continue;
        };
        if let Some(first) = seen.get(&index) {
            diags.push(Diagnostic::new(
                file,
                entry.phase.pos,
                Message::PhaseTargetTwice {
                    phase: site_phases[index].name.clone(),
                    first: line_of(*first).replace("(dòng", "(lần đầu ở dòng"),
                },
            ));
            continue;
        }
        seen.insert(index, entry.phase.pos);
        entries.push((index, entry));
    }
    entries.sort_by_key(|(i, _)| *i);

    let mut percent_sum: HashMap<usize, u64> = HashMap::new();
    let mut count_sum: HashMap<usize, u64> = HashMap::new();
    for (_, entry) in entries {
        for (&k, f) in &entry.figures {
            let key = progress.kinds.get(k).map_or("", |k| k.key.as_str());
            let commune = progress.total.get(&k).map(|t| t.value).or_else(|| {
                let set: Vec<u64> = hamlet_targets
                    .values()
                    .filter_map(|t| t.get(&k))
                    .map(|t| t.value)
                    .collect();
                (!set.is_empty()).then(|| set.iter().sum())
            });
            match f.value {
                CountOrPercent::Count(0) | CountOrPercent::Percent(0) => {
                    diags.push(zero_target(progress, k, f.pos));
                }
                CountOrPercent::Percent(hundredths) => {
                    if commune.is_none() {
                        diags.push(Diagnostic::new(
                            file,
                            f.pos,
                            Message::PercentWithoutTotal {
                                key: key.to_string(),
                            },
                        ));
                        continue;
                    }
                    let sum = percent_sum.entry(k).or_default();
                    let before = *sum;
                    *sum += hundredths;
                    if before <= 10_000 && *sum > 10_000 {
                        diags.push(Diagnostic::new(
                            file,
                            f.pos,
                            Message::PhasePercentsOver {
                                key: key.to_string(),
                                percent: format_percent(*sum / 10),
                            },
                        ));
                    }
                }
                CountOrPercent::Count(n) => {
                    let sum = count_sum.entry(k).or_default();
                    let before = *sum;
                    *sum = sum.saturating_add(n);
                    if let Some(total) = commune.filter(|&t| before <= t && *sum > t) {
                        diags.push(Diagnostic::new(
                            file,
                            f.pos,
                            Message::PhaseCountsOver {
                                key: key.to_string(),
                                sum: format_count(*sum),
                                total: format_count(total),
                            },
                        ));
                    }
                }
            }
        }
    }
}

fn reports(
    content: &Content,
    progress: &Progress,
    finder: &HamletFinder,
    hamlet_targets: &HashMap<HamletId, &Figures<u64>>,
    diags: &mut Diagnostics,
) {
    let file = &progress.source.file;
    let site = &content.site;
    let campaign = &site.campaign;
    let mut by_hamlet: HashMap<HamletId, Vec<&crate::model::progress::Report>> = HashMap::new();
    for report in &progress.reports {
        let Some(h) = finder.find(&report.hamlet.value) else {
            diags.push(unknown_hamlet(content, progress, &report.hamlet));
            continue;
        };
        if let (Some(start), Some(end)) = (campaign.start, campaign.end) {
            let date = report.date.value;
            if date < start || date > end {
                diags.push(Diagnostic::new(
                    file,
                    report.date.pos,
                    Message::ReportOutsideCampaign {
                        hamlet: site.hamlets[h].name.clone(),
                        date: format_date_numeric(date),
                        start: format_date_numeric(start),
                        end: format_date_numeric(end),
                    },
                ));
            }
        }
        by_hamlet.entry(h).or_default().push(report);
    }
    let mut hamlets: Vec<_> = by_hamlet.into_iter().collect();
    hamlets.sort_by_key(|(h, _)| *h);
    for (h, mut list) in hamlets {
        let name = &site.hamlets[h].name;
        list.sort_by_key(|r| r.date.value);
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.date.value == b.date.value {
                diags.push(Diagnostic::new(
                    file,
                    b.date.pos,
                    Message::ReportTwice {
                        hamlet: name.clone(),
                        date: format_date_numeric(b.date.value),
                        other: line_of(a.date.pos).replace("(dòng", "(báo cáo kia ở dòng"),
                    },
                ));
            }
        }
        // Per kind: the previous figure, and whether a warning about the
        // target was already given (once per hamlet and kind is enough).
        let mut previous: HashMap<usize, &crate::model::progress::Report> = HashMap::new();
        let mut warned_high: HashMap<usize, bool> = HashMap::new();
        for report in &list {
            for (&k, f) in &report.figures {
                let kind = progress.kinds.get(k);
                let key = kind.map_or("", |k| k.key.as_str());
                if let Some(prev) = previous.get(&k) {
                    let before = prev.figures.get(&k).map_or(0, |p| p.value);
                    if f.value < before {
                        diags.push(Diagnostic::new(
                            file,
                            f.pos,
                            Message::FigureDecreased {
                                key: key.to_string(),
                                hamlet: name.clone(),
                                date: format_date_numeric(report.date.value),
                                value: format_count(f.value),
                                before_date: format_date_numeric(prev.date.value),
                                before: format_count(before),
                                line: line_of(prev.date.pos),
                            },
                        ));
                    }
                }
                previous.insert(k, report);
                let target = hamlet_targets
                    .get(&h)
                    .and_then(|t| t.get(&k))
                    .map(|t| t.value);
                let share = target.and_then(|t| percent_tenths(f.value, t));
                if let (Some(t), Some(share)) = (target, share) {
                    let warned = warned_high.entry(k).or_default();
                    if share > IMPLAUSIBLE_TENTHS && !*warned {
                        *warned = true;
                        diags.push(Diagnostic::new(
                            file,
                            f.pos,
                            Message::FigureImplausible {
                                hamlet: name.clone(),
                                value: format_count(f.value),
                                key: key.to_string(),
                                date: format_date_numeric(report.date.value),
                                share: format_percent(share),
                                target: format_count(t),
                            },
                        ));
                    }
                }
            }
        }
    }
}
