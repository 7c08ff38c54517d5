//! `progress.yaml` as plain data: what is counted (kinds), the targets, and the
//! dated reports of cumulative results. Figures are keyed by kind index, in
//! the order `kinds` declares them.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Located, Source};
use crate::vi::number_format::CountOrPercent;

#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub kinds: Vec<Kind>,
    /// The kind the home page, the ranking and the charts follow: `main_kind`,
    /// else the first kind with a target, else the first kind.
    pub main_kind: usize,
    /// A line shown under the heading, e.g. where the figures come from.
    pub note: Option<String>,
    /// Targets for the whole commune, as written (may be empty: the hamlets' sum is used).
    pub total: Figures<u64>,
    pub phases: Vec<PhaseTarget>,
    pub hamlets: Vec<HamletTarget>,
    pub reports: Vec<Report>,
    pub source: Source,
}

/// Something counted: "Đã kích hoạt", "Mức 2", "Mũi tiêm", "Hộ đã điều tra".
#[derive(Clone, Debug)]
pub struct Kind {
    /// What reports and targets write: `activated`, `level2`.
    pub key: String,
    /// What pages show: "Đã kích hoạt".
    pub name: String,
    /// "tài khoản", "mũi", "hộ".
    pub unit: Option<String>,
    /// How a sentence says it was done: "đã kích hoạt".
    pub phrase: Option<String>,
    pub source: Source,
}

/// Figures by kind index, each with where it was written.
pub type Figures<T> = BTreeMap<usize, Located<T>>;

/// What one phase of `site.yaml` must add: a count, or a share of the commune target.
#[derive(Clone, Debug)]
pub struct PhaseTarget {
    pub phase: Located<String>,
    pub figures: Figures<CountOrPercent>,
    pub source: Source,
}

#[derive(Clone, Debug)]
pub struct HamletTarget {
    pub hamlet: Located<String>,
    pub figures: Figures<u64>,
    pub source: Source,
}

/// One hamlet's cumulative results on one date. A kind left out was not
/// reported that day: its previous figure still holds.
#[derive(Clone, Debug)]
pub struct Report {
    pub date: Located<NaiveDate>,
    pub hamlet: Located<String>,
    pub figures: Figures<u64>,
    pub source: Source,
}

/// Finds hamlets by name the way `Site::find_hamlet` does (any case, NFC or
/// NFD, old or new tone placement), with each key computed once: a district
/// file has thousands of reports to match against hundreds of hamlets.
pub struct HamletFinder {
    by_key: std::collections::HashMap<String, super::HamletId>,
}

impl HamletFinder {
    pub fn new(site: &super::Site) -> Self {
        let mut by_key = std::collections::HashMap::new();
        // Venues have no targets or reports: progress counts hamlets only.
        for (i, h) in site
            .hamlets
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_venue())
        {
            // The first of two same-named hamlets wins, as in `find_hamlet`.
            by_key
                .entry(crate::vi::text::canonical_key(&h.name))
                .or_insert(super::HamletId::new(i));
        }
        HamletFinder { by_key }
    }

    pub fn find(&self, name: &str) -> Option<super::HamletId> {
        self.by_key
            .get(&crate::vi::text::canonical_key(name))
            .copied()
    }
}
