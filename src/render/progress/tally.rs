//! Counting: `progress.yaml` turned into results against targets, per hamlet,
//! per phase and for the whole commune, as of a date. Plain numbers only; how
//! they are written is the views' business.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::model::progress::{HamletFinder, Progress};
use crate::model::{Content, HamletId};
use crate::vi;
use crate::vi::number_format::{percent_tenths, CountOrPercent};

/// One kind's result against its target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figure {
    /// None when nobody set one (or it is 0, which can't be reached "by a share").
    pub target: Option<u64>,
    pub result: u64,
}

impl Figure {
    /// Tenths of a percent, rounded down; None without a target.
    pub fn percent_tenths(&self) -> Option<u64> {
        self.target.and_then(|t| percent_tenths(self.result, t))
    }

    /// result/target compared exactly (no rounding), for the ranking.
    fn cmp_completion(&self, other: &Figure) -> Ordering {
        match (self.target, other.target) {
            (Some(a), Some(b)) => (u128::from(self.result) * u128::from(b))
                .cmp(&(u128::from(other.result) * u128::from(a))),
            (Some(_), None) => Ordering::Greater,
            (None, Some(_)) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }
    }
}

#[derive(Clone, Debug)]
pub struct HamletTally {
    /// Index into `site.hamlets`.
    pub hamlet: HamletId,
    /// Date of its latest report counted.
    pub latest: Option<NaiveDate>,
    /// By kind index.
    pub figures: Vec<Figure>,
    /// 1 is best; hamlets with exactly the same completion share a rank.
    /// None when the hamlet has no target for the main kind.
    pub rank: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct PhaseTally {
    /// What the phase adds: its own target, and the results counted between
    /// its first and last day.
    pub figures: Vec<Figure>,
}

#[derive(Clone, Debug)]
pub struct Tally {
    /// The latest report counted; None when there is none yet.
    pub as_of: Option<NaiveDate>,
    /// The whole commune, by kind.
    pub total: Vec<Figure>,
    /// Every phase of `site.yaml`, in its order.
    pub phases: Vec<PhaseTally>,
    /// Hamlets with a target or a report, best first (see [`rank`]).
    pub hamlets: Vec<HamletTally>,
    /// Commune results by kind after each report date, in date order.
    pub series: Vec<(NaiveDate, Vec<u64>)>,
    /// For each kind, where the commune should be: (date, cumulative target),
    /// from 0 at the start through each phase's end to the whole target at
    /// the end. Empty for a kind without a commune target.
    pub target_line: Vec<Vec<(NaiveDate, u64)>>,
}

/// One hamlet's reports, sorted by date: (date, figure by kind as reported).
type History = Vec<(NaiveDate, Vec<Option<u64>>)>;

/// The figure a hamlet had reported for `kind` by the end of `date`.
fn value_at(history: &History, kind: usize, date: NaiveDate) -> Option<u64> {
    history
        .iter()
        .take_while(|(d, _)| *d <= date)
        .filter_map(|(_, values)| values.get(kind).copied().flatten())
        .last()
}

/// Counts `content.progress` with the reports dated up to `until` (all when
/// None). None when the site has no `progress.yaml`.
pub fn tally(content: &Content, until: Option<NaiveDate>) -> Option<Tally> {
    let progress = content.progress.as_ref()?;
    let site = &content.site;
    let kinds = progress.kinds.len();
    let finder = HamletFinder::new(site);

    let mut histories: Vec<History> = vec![Vec::new(); site.hamlets.len()];
    for report in &progress.reports {
        if until.is_some_and(|u| report.date.value > u) {
            continue;
        }
        let Some(h) = finder.find(&report.hamlet.value) else {
            continue;
        };
        let Some(history) = histories.get_mut(h.index()) else {
            continue;
        };
        let mut values = vec![None; kinds];
        for (&k, figure) in &report.figures {
            if let Some(slot) = values.get_mut(k) {
                *slot = Some(figure.value);
            }
        }
        history.push((report.date.value, values));
    }
    for history in &mut histories {
        // Stable: of two reports on one day, the later one in the file counts.
        history.sort_by_key(|(d, _)| *d);
    }
    let as_of = histories.iter().flatten().map(|(d, _)| *d).max();

    let hamlet_targets = hamlet_targets(content, progress, &finder);
    let total_targets: Vec<Option<u64>> = (0..kinds)
        .map(|k| {
            progress.total.get(&k).map(|f| f.value).or_else(|| {
                let set: Vec<u64> = hamlet_targets.iter().filter_map(|t| t[k]).collect();
                (!set.is_empty()).then(|| set.iter().sum())
            })
        })
        .collect();
    let commune_at = |k: usize, date: NaiveDate| -> u64 {
        histories.iter().filter_map(|h| value_at(h, k, date)).sum()
    };

    let total = (0..kinds)
        .map(|k| Figure {
            target: total_targets[k].filter(|&t| t > 0),
            result: as_of.map_or(0, |d| commune_at(k, d)),
        })
        .collect();

    let mut dates: Vec<NaiveDate> = histories.iter().flatten().map(|(d, _)| *d).collect();
    dates.sort();
    dates.dedup();
    let series = dates
        .iter()
        .map(|&d| (d, (0..kinds).map(|k| commune_at(k, d)).collect()))
        .collect();

    let phase_targets = phase_targets(content, progress, &total_targets);
    let phases = site
        .campaign
        .phases
        .iter()
        .enumerate()
        .map(|(i, phase)| PhaseTally {
            figures: (0..kinds)
                .map(|k| {
                    let before = phase.start.pred_opt().map_or(0, |d| commune_at(k, d));
                    let result = match as_of {
                        Some(d) if d >= phase.start => {
                            commune_at(k, d.min(phase.end)).saturating_sub(before)
                        }
                        _ => 0,
                    };
                    Figure {
                        target: phase_targets[i][k].filter(|&t| t > 0),
                        result,
                    }
                })
                .collect(),
        })
        .collect();

    let mut hamlets: Vec<HamletTally> = (0..site.hamlets.len())
        .filter(|&h| !histories[h].is_empty() || hamlet_targets[h].iter().any(Option::is_some))
        .map(|h| HamletTally {
            hamlet: HamletId::new(h),
            latest: histories[h].last().map(|(d, _)| *d),
            figures: (0..kinds)
                .map(|k| Figure {
                    target: hamlet_targets[h][k].filter(|&t| t > 0),
                    result: as_of
                        .and_then(|d| value_at(&histories[h], k, d))
                        .unwrap_or(0),
                })
                .collect(),
            rank: None,
        })
        .collect();
    rank(&mut hamlets, progress.main_kind);

    let target_line = (0..kinds)
        .map(|k| target_line(content, &phase_targets, k, total_targets[k]))
        .collect();

    Some(Tally {
        as_of,
        total,
        phases,
        hamlets,
        series,
        target_line,
    })
}

/// Each hamlet's target by kind (the first entry naming it counts).
fn hamlet_targets(
    content: &Content,
    progress: &Progress,
    finder: &HamletFinder,
) -> Vec<Vec<Option<u64>>> {
    let kinds = progress.kinds.len();
    let mut targets = vec![vec![None; kinds]; content.site.hamlets.len()];
    for entry in &progress.hamlets {
        let Some(row) = finder
            .find(&entry.hamlet.value)
            .and_then(|h| targets.get_mut(h.index()))
        else {
            continue;
        };
        for (&k, figure) in &entry.figures {
            if let Some(slot) = row.get_mut(k) {
                slot.get_or_insert(figure.value);
            }
        }
    }
    targets
}

/// What each phase of `site.yaml` must add, by kind. A share ("50%") is of the
/// commune target, rounded so the shares add up exactly: 50% and 50% of 8.213
/// are 4.107 and 4.106, never 4.107 twice.
fn phase_targets(
    content: &Content,
    progress: &Progress,
    total_targets: &[Option<u64>],
) -> Vec<Vec<Option<u64>>> {
    let kinds = progress.kinds.len();
    let phases = &content.site.campaign.phases;
    let mut targets = vec![vec![None; kinds]; phases.len()];
    let mut shares_so_far = vec![0u64; kinds];
    for (i, phase) in phases.iter().enumerate() {
        let key = vi::text::canonical_key(&phase.name);
        let Some(entry) = progress
            .phases
            .iter()
            .find(|p| vi::text::canonical_key(&p.phase.value) == key)
        else {
            continue;
        };
        for (&k, figure) in &entry.figures {
            let target = match figure.value {
                CountOrPercent::Count(n) => Some(n),
                CountOrPercent::Percent(hundredths) => {
                    total_targets.get(k).copied().flatten().map(|total| {
                        let before = shares_so_far[k];
                        shares_so_far[k] += hundredths;
                        share_of(total, shares_so_far[k]) - share_of(total, before)
                    })
                }
            };
            if let Some(slot) = targets.get_mut(i).and_then(|row| row.get_mut(k)) {
                *slot = target;
            }
        }
    }
    targets
}

/// `hundredths` hundredths of a percent of `total`, rounded half up.
fn share_of(total: u64, hundredths: u64) -> u64 {
    let exact = u128::from(total) * u128::from(hundredths);
    u64::try_from((exact + 5_000) / 10_000).unwrap_or(u64::MAX)
}

fn target_line(
    content: &Content,
    phase_targets: &[Vec<Option<u64>>],
    kind: usize,
    total: Option<u64>,
) -> Vec<(NaiveDate, u64)> {
    let campaign = &content.site.campaign;
    let (Some(total), Some(start), Some(end)) = (total, campaign.start, campaign.end) else {
        return Vec::new();
    };
    let mut line = vec![(start, 0)];
    let mut phases: Vec<(NaiveDate, u64)> = campaign
        .phases
        .iter()
        .zip(phase_targets)
        .filter_map(|(p, t)| Some((p.end, t.get(kind).copied().flatten()?)))
        .collect();
    phases.sort_by_key(|(d, _)| *d);
    let mut sum = 0u64;
    for (date, target) in phases {
        sum = sum.saturating_add(target);
        if date > line.last().map_or(start, |(d, _)| *d) {
            line.push((date, sum));
        }
    }
    if line.last().is_some_and(|(d, _)| *d < end) {
        line.push((end, total));
    }
    line
}

/// Best completion of the main kind first; exact ties in completion share a
/// rank and are ordered by the larger result, then by `site.yaml` order.
/// Hamlets without a main target come last, unranked.
fn rank(hamlets: &mut [HamletTally], main: usize) {
    let main_figure = |h: &HamletTally| h.figures.get(main).copied().unwrap_or_default();
    // A hamlet that has not reported yet is not ranked ("hạng 1 trên 7" with
    // no report reads as a result): it goes after those that have.
    hamlets.sort_by(|a, b| {
        let (fa, fb) = (main_figure(a), main_figure(b));
        a.latest
            .is_none()
            .cmp(&b.latest.is_none())
            .then(fb.cmp_completion(&fa))
            .then(fb.result.cmp(&fa.result))
            .then(a.hamlet.cmp(&b.hamlet))
    });
    let mut previous: Option<(Figure, usize)> = None;
    for (position, h) in hamlets.iter_mut().enumerate() {
        let figure = main_figure(h);
        if figure.target.is_none() || h.latest.is_none() {
            continue;
        }
        let rank = match previous {
            Some((p, r)) if p.cmp_completion(&figure) == Ordering::Equal => r,
            _ => position + 1,
        };
        h.rank = Some(rank);
        previous = Some((figure, rank));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally_of(targets: &[(usize, Option<u64>, u64)]) -> Vec<(usize, Option<usize>)> {
        let mut hamlets: Vec<HamletTally> = targets
            .iter()
            .map(|&(hamlet, target, result)| HamletTally {
                hamlet: HamletId::new(hamlet),
                latest: NaiveDate::from_ymd_opt(2023, 6, 1),
                figures: vec![Figure { target, result }],
                rank: None,
            })
            .collect();
        rank(&mut hamlets, 0);
        hamlets.iter().map(|h| (h.hamlet.index(), h.rank)).collect()
    }

    #[test]
    fn ranking_is_by_completion_with_shared_ranks() {
        let ranked = tally_of(&[
            (0, Some(200), 100), // 50%
            (1, Some(100), 90),  // 90%
            (2, Some(100), 50),  // 50%, smaller result
            (3, None, 500),      // no target: unranked, last
            (4, Some(3), 2),     // 66,6…%
            (5, Some(400), 200), // 50%, largest result
        ]);
        assert_eq!(
            ranked,
            vec![
                (1, Some(1)),
                (4, Some(2)),
                (5, Some(3)),
                (0, Some(3)),
                (2, Some(3)),
                (3, None)
            ]
        );
    }

    #[test]
    fn shares_add_up_exactly() {
        assert_eq!(share_of(8213, 5000), 4107);
        assert_eq!(share_of(8213, 10_000) - share_of(8213, 5000), 4106);
        assert_eq!(share_of(301_722, 10_000), 301_722);
        assert_eq!(share_of(3, 3333), 1);
    }

    #[test]
    fn carried_forward_values() {
        let d = |day| NaiveDate::from_ymd_opt(2023, 6, day).unwrap();
        let history: History = vec![(d(1), vec![Some(5), Some(1)]), (d(8), vec![None, Some(4)])];
        assert_eq!(value_at(&history, 0, d(9)), Some(5));
        assert_eq!(value_at(&history, 1, d(9)), Some(4));
        assert_eq!(value_at(&history, 1, d(7)), Some(1));
        assert_eq!(value_at(&history, 0, d(1).pred_opt().unwrap()), None);
    }
}
