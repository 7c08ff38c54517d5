//! `progress.yaml` against `site.yaml` and against itself: hamlets and phases
//! that exist, report dates inside the campaign, cumulative figures that
//! don't go down, results that aren't implausibly far above target.
//!
//! A cumulative figure that goes down is a warning, not an error: the police
//! system's count is sometimes corrected downwards after checking, and the
//! week's notice must still go out; the page shows the latest figure.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::progress::{Figures, HamletFinder, Progress};
use crate::model::{Content, HamletId, Located};
use crate::vi;
use crate::vi::calendar::format_date_numeric;
use crate::vi::number_format::{format_count, format_percent, percent_tenths, CountOrPercent};

/// Above this share of its target (in tenths of a percent) a result is
/// probably a typo (an extra digit) and gets a warning.
const IMPLAUSIBLE_TENTHS: u64 = 1500;

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
    let hint = match vi::text::closest(&name.value, names.iter().copied()) {
        Some(best) => format!(
            "Có phải ý bạn là \"{best}\"? Tên thôn phải viết đúng như trong site.yaml."
        ),
        None => format!(
            "Sửa tên cho đúng một thôn trong site.yaml ({}), hoặc thêm thôn này vào hamlets trong site.yaml.",
            names.join(", ")
        ),
    };
    Diagnostic::error(
        &progress.source.file,
        name.pos,
        format!(
            "Thôn \"{}\" không có trong danh sách hamlets của site.yaml.",
            name.value
        ),
    )
    .with_hint(hint)
}

fn zero_target(progress: &Progress, kind: usize, pos: Option<Pos>) -> Diagnostic {
    let key = progress.kinds.get(kind).map_or("", |k| k.key.as_str());
    Diagnostic::error(
        &progress.source.file,
        pos,
        format!("Chỉ tiêu `{key}` bằng 0."),
    )
    .with_hint("Ghi chỉ tiêu lớn hơn 0, hoặc xóa dòng này nếu không giao chỉ tiêu.")
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
            diags.push(
                Diagnostic::error(
                    &progress.source.file,
                    entry.hamlet.pos,
                    format!(
                        "Chỉ tiêu của thôn {} được ghi hai lần{}.",
                        content.site.hamlets[h].name,
                        line_of(*first).replace("(dòng", "(lần đầu ở dòng")
                    ),
                )
                .with_hint("Gộp hai mục thành một: mỗi thôn một dòng chỉ tiêu."),
            );
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
            diags.push(
                Diagnostic::warning(
                    &progress.source.file,
                    total.pos,
                    format!(
                        "Chỉ tiêu toàn bộ `{key}` là {}, nhỏ hơn tổng chỉ tiêu các thôn ({}).",
                        format_count(total.value),
                        format_count(sum)
                    ),
                )
                .with_hint("Kiểm tra lại chỉ tiêu trong targets.total và targets.hamlets; tỷ lệ toàn bộ được tính theo targets.total."),
            );
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
            let hint = if names.is_empty() {
                "site.yaml chưa có giai đoạn nào: thêm campaign.phases (name, start, end) vào site.yaml, hoặc bỏ targets.phases.".to_string()
            } else {
                match vi::text::closest(&entry.phase.value, names.iter().copied()) {
                    Some(best) => format!("Có phải ý bạn là \"{best}\"? Tên giai đoạn phải viết đúng như campaign.phases trong site.yaml."),
                    None => format!("Sửa thành một giai đoạn trong site.yaml: {}.", names.join(", ")),
                }
            };
            diags.push(
                Diagnostic::error(
                    file,
                    entry.phase.pos,
                    format!(
                        "Giai đoạn \"{}\" không có trong campaign.phases của site.yaml.",
                        entry.phase.value
                    ),
                )
                .with_hint(hint),
            );
            continue;
        };
        if let Some(first) = seen.get(&index) {
            diags.push(
                Diagnostic::error(
                    file,
                    entry.phase.pos,
                    format!(
                        "Chỉ tiêu của {} được ghi hai lần{}.",
                        site_phases[index].name,
                        line_of(*first).replace("(dòng", "(lần đầu ở dòng")
                    ),
                )
                .with_hint("Gộp hai mục thành một: mỗi giai đoạn một dòng chỉ tiêu."),
            );
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
                        diags.push(
                            Diagnostic::error(
                                file,
                                f.pos,
                                format!("Chỉ tiêu `{key}` ghi theo phần trăm nhưng chưa có chỉ tiêu toàn bộ để tính."),
                            )
                            .with_hint(format!(
                                "Thêm chỉ tiêu toàn bộ, ví dụ targets.total: {{{key}: 8213}}, hoặc ghi số lượng thay cho phần trăm."
                            )),
                        );
                        continue;
                    }
                    let sum = percent_sum.entry(k).or_default();
                    let before = *sum;
                    *sum += hundredths;
                    if before <= 10_000 && *sum > 10_000 {
                        diags.push(
                            Diagnostic::warning(
                                file,
                                f.pos,
                                format!(
                                    "Cộng các giai đoạn, chỉ tiêu `{key}` thành {} chỉ tiêu toàn bộ.",
                                    format_percent(*sum / 10)
                                ),
                            )
                            .with_hint("Mỗi giai đoạn ghi phần phải làm thêm trong giai đoạn đó, không cộng dồn: \"50% đến 25/6, 100% đến 10/7\" viết thành 50% cho giai đoạn 1 và 50% cho giai đoạn 2."),
                        );
                    }
                }
                CountOrPercent::Count(n) => {
                    let sum = count_sum.entry(k).or_default();
                    let before = *sum;
                    *sum = sum.saturating_add(n);
                    if let Some(total) = commune.filter(|&t| before <= t && *sum > t) {
                        diags.push(
                            Diagnostic::warning(
                                file,
                                f.pos,
                                format!(
                                    "Cộng các giai đoạn, chỉ tiêu `{key}` thành {}, nhiều hơn chỉ tiêu toàn bộ ({}).",
                                    format_count(*sum),
                                    format_count(total)
                                ),
                            )
                            .with_hint("Mỗi giai đoạn ghi phần phải làm thêm trong giai đoạn đó, không cộng dồn với giai đoạn trước."),
                        );
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
                diags.push(
                    Diagnostic::warning(
                        file,
                        report.date.pos,
                        format!(
                            "Báo cáo của thôn {} ngày {} nằm ngoài thời gian đợt vận động ({} – {}).",
                            site.hamlets[h].name,
                            format_date_numeric(date),
                            format_date_numeric(start),
                            format_date_numeric(end)
                        ),
                    )
                    .with_hint("Kiểm tra lại ngày báo cáo (có gõ nhầm tháng hoặc năm?), hoặc sửa start/end của campaign trong site.yaml nếu đợt được kéo dài."),
                );
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
                diags.push(
                    Diagnostic::error(
                        file,
                        b.date.pos,
                        format!(
                            "Thôn {name} có hai báo cáo cùng ngày {}{}.",
                            format_date_numeric(b.date.value),
                            line_of(a.date.pos).replace("(dòng", "(báo cáo kia ở dòng")
                        ),
                    )
                    .with_hint("Mỗi thôn mỗi ngày chỉ một báo cáo: gộp hai dòng lại, hoặc sửa ngày cho đúng."),
                );
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
                        diags.push(
                            Diagnostic::warning(
                                file,
                                f.pos,
                                format!(
                                    "Số `{key}` của thôn {name} ngày {} là {}, ít hơn số đã báo ngày {} ({}); số báo cáo là số cộng dồn nên không giảm.",
                                    format_date_numeric(report.date.value),
                                    format_count(f.value),
                                    format_date_numeric(prev.date.value),
                                    format_count(before)
                                ),
                            )
                            .with_hint(format!(
                                "Nếu gõ nhầm, sửa lại số này. Nếu số trước bị báo thừa, sửa số ở báo cáo ngày {}{}. Trang vẫn dùng số mới nhất.",
                                format_date_numeric(prev.date.value),
                                line_of(prev.date.pos)
                            )),
                        );
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
                        diags.push(
                            Diagnostic::warning(
                                file,
                                f.pos,
                                format!(
                                    "Thôn {name} báo {} `{key}` ngày {}, bằng {} chỉ tiêu của thôn ({}).",
                                    format_count(f.value),
                                    format_date_numeric(report.date.value),
                                    format_percent(share),
                                    format_count(t)
                                ),
                            )
                            .with_hint("Kiểm tra lại số này (có gõ thừa chữ số?) hoặc chỉ tiêu của thôn trong targets.hamlets."),
                        );
                    }
                }
            }
        }
    }
}
