//! Stage 2: cross-checks between files (a session's hamlet exists, dates fall in
//! the campaign, names are not doubled). Per-field checks happen while loading.

mod changes;
mod progress;

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{Content, Document, Province};
use crate::raw_html::{self, Refusal};
use crate::vi;

/// `today` is the day the pages are built for; `today_given`: the officer
/// wrote it (`--today`) rather than it being read from the clock.
pub fn validate(content: &Content, today: chrono::NaiveDate, today_given: bool) -> Diagnostics {
    let mut diags = Diagnostics::default();
    hamlets(content, &mut diags);
    aliases(content, &mut diags);
    sessions(content, &mut diags);
    routes(content, &mut diags);
    changes::validate(content, today, &mut diags);
    documents(content, &mut diags);
    raw_html_in_documents(content, &mut diags);
    progress::validate(content, &mut diags);
    progress::dated_after(content, today, &mut diags);
    diags.extend(today_after_campaign(content, today, today_given));
    diags
}

/// How long after a campaign's end a build on the clock's day still warns
/// that every session is past: an officer still publishing it then has a date
/// wrong (an end not moved when the campaign was extended); a site rebuilt
/// years later as an archive is no mistake, and a warning that comes and
/// goes with the clock would be noise. A `--today` the officer typed after
/// the end always warns: it is a date they chose, often mistyped.
const AFTER_CAMPAIGN_WARNS_DAYS: i64 = 92;

/// Built for a day after the campaign (given, or within
/// `AFTER_CAMPAIGN_WARNS_DAYS` of the clock): every session is past, and the
/// officer should know before publishing.
fn today_after_campaign(
    content: &Content,
    today: chrono::NaiveDate,
    today_given: bool,
) -> Option<Diagnostic> {
    let end = content.site.campaign.end?;
    let days_after = (today - end).num_days();
    let warns = days_after >= 1 && (today_given || days_after <= AFTER_CAMPAIGN_WARNS_DAYS);
    warns.then(|| {
        Diagnostic::new(
            &content.site.source.file,
            None,
            Message::TodayAfterCampaign {
                today: vi::calendar::format_date_numeric(today),
                end: vi::calendar::format_date_numeric(end),
            },
        )
    })
}

/// The one warning for everything a missing `base_url` leaves out, made once
/// per build: for a lone site when it has none, for a province when the
/// province has none (its communes' addresses are made from it).
/// `lone_has_url`: whether a lone site's content has one (for a province, unused).
pub fn missing_base_url(province: &Province, lone_has_url: bool) -> Option<Diagnostic> {
    let missing = match province.lone {
        true => !lone_has_url,
        false => province.base_url.is_none(),
    };
    missing.then(|| {
        Diagnostic::new(
            province.root.join("site.yaml"),
            None,
            Message::MissingBaseUrl,
        )
    })
}

/// A mobile team's stops outside the campaign, as sessions are checked: a
/// year or a month mistyped in a copied route.
fn routes(content: &Content, diags: &mut Diagnostics) {
    let campaign = &content.site.campaign;
    let (Some(start), Some(end)) = (campaign.start, campaign.end) else {
        return;
    };
    for point in &content.points {
        for stop in point
            .route
            .iter()
            .filter(|s| s.date < start || s.date > end)
        {
            diags.push(Diagnostic::new(
                &point.source.file,
                stop.pos,
                Message::StopOutsideCampaign {
                    team: point.name.clone(),
                    date: vi::calendar::format_date_numeric(stop.date),
                    start: vi::calendar::format_date_numeric(start),
                    end: vi::calendar::format_date_numeric(end),
                },
            ));
        }
    }
}

/// Line and column in a document's file of byte `offset` in its body.
fn body_pos(doc: &Document, offset: usize) -> Pos {
    let before = doc.body.get(..offset).unwrap_or("");
    let line = doc.body_line + before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Pos::new(line, col)
}

/// Raw HTML in guides: too deep to parse, or frames the sanitizer will drop.
fn raw_html_in_documents(content: &Content, diags: &mut Diagnostics) {
    let allowed = &content.site.embeds;
    let news = content.news.iter().map(|item| &item.doc);
    for doc in content.guides.iter().chain(&content.pages).chain(news) {
        if doc.draft {
            continue;
        }
        if let Some(offset) = raw_html::too_deep(&doc.body) {
            diags.push(Diagnostic::new(
                &doc.source.file,
                Some(body_pos(doc, offset)),
                Message::HtmlTooDeep {
                    limit: raw_html::MAX_NESTING,
                },
            ));
            continue;
        }
        for frame in raw_html::frames(&doc.body) {
            let refusal = match &frame.src {
                Some(src) => raw_html::refusal(allowed, src),
                None => Some(Refusal::NotAnAddress),
            };
            let Some(refusal) = refusal else {
                continue;
            };
            let message = match refusal {
                Refusal::NotListed { host } => Message::FrameNotListed { host },
                Refusal::NotHttps => Message::FrameNotHttps,
                Refusal::NotAnAddress => Message::FrameWithoutAddress,
            };
            diags.push(Diagnostic::new(
                &doc.source.file,
                Some(body_pos(doc, frame.offset)),
                message,
            ));
        }
    }
}

fn hamlets(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    let mut seen: HashMap<String, &str> = HashMap::new();
    for h in &site.hamlets {
        let key = vi::text::canonical_key(&h.name);
        if let Some(first) = seen.insert(key, &h.name) {
            let message = if h.is_venue() {
                Message::VenueTwice {
                    name: h.name.clone(),
                    first: first.to_string(),
                }
            } else {
                Message::HamletTwice {
                    name: h.name.clone(),
                    first: first.to_string(),
                }
            };
            diags.push(Diagnostic::new(&h.source.file, h.source.pos, message));
        }
        if let Some(written) = h.venue.as_ref().and_then(|v| v.in_hamlet.as_ref()) {
            proper_hamlet(content, written, &h.source.file, diags);
        }
        if let Some(slug) = &h.slug {
            if !vi::slug::is_valid_slug(&slug.value) {
                let suggestion = vi::slug::slugify(&slug.value);
                diags.push(Diagnostic::new(
                    &h.source.file,
                    slug.pos,
                    Message::SlugInvalid {
                        slug: slug.value.clone(),
                        suggestion: match suggestion.is_empty() {
                            true => "dong-lao".to_string(),
                            false => suggestion,
                        },
                    },
                ));
            }
        }
    }
}

/// The hamlet a venue or a session at a venue says it is in: a hamlet of
/// site.yaml, not a venue.
fn proper_hamlet(
    content: &Content,
    written: &crate::model::Located<String>,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) {
    let site = &content.site;
    if site
        .find_hamlet(&written.value)
        .is_some_and(|h| !site.hamlets[h].is_venue())
    {
        return;
    }
    let names = site
        .hamlets
        .iter()
        .filter(|h| !h.is_venue())
        .map(|h| h.name.as_str());
    let message = match vi::text::closest(&written.value, names) {
        Some(best) => Message::NotAHamletNear {
            written: written.value.clone(),
            best: best.to_string(),
        },
        None => Message::NotAHamlet {
            written: written.value.clone(),
        },
    };
    diags.push(Diagnostic::new(file, written.pos, message));
}

/// An alias names one hamlet: the same as another hamlet's name or alias
/// would send its sessions to whichever comes first.
fn aliases(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    let mut names: HashMap<&str, &str> = site
        .hamlets
        .iter()
        .map(|h| (h.key.as_str(), h.name.as_str()))
        .collect();
    for h in &site.hamlets {
        for (alias, key) in h.aliases.iter().zip(h.alias_keys()) {
            if *key == h.key {
                continue;
            }
            match names.insert(key, &h.name) {
                Some(other) if other != h.name => diags.push(Diagnostic::new(
                    &h.source.file,
                    h.source.pos,
                    Message::AliasClash {
                        alias: alias.clone(),
                        name: h.name.clone(),
                        other: other.to_string(),
                    },
                )),
                _ => {}
            }
        }
    }
}

fn sessions(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    if site.hamlets.is_empty() {
        // site.yaml could not be read or lists no hamlet: that is reported
        // already, and every session would only repeat it.
        return;
    }
    let names: Vec<&str> = site.hamlets.iter().map(|h| h.name.as_str()).collect();
    let with_aliases: Vec<&str> = site
        .hamlets
        .iter()
        .flat_map(|h| std::iter::once(&h.name).chain(&h.aliases))
        .map(String::as_str)
        .collect();
    let mut seen = HashMap::new();
    for s in &content.sessions {
        let Some((index, how)) = site.match_hamlet(&s.hamlet.value) else {
            let name = s.hamlet.value.clone();
            let message = match vi::text::closest(&s.hamlet.value, with_aliases.iter().copied()) {
                Some(best) => Message::HamletUnknownNear {
                    name,
                    best: best.to_string(),
                },
                None => Message::HamletUnknown {
                    name,
                    names: names.join(", "),
                },
            };
            diags.push(Diagnostic::new(&s.source.file, s.hamlet.pos, message));
            continue;
        };
        if let Some(written) = &s.in_hamlet {
            proper_hamlet(content, written, &s.source.file, diags);
        }
        if let crate::model::NameMatch::Alias(_) = how {
            let hamlet = &site.hamlets[index];
            diags.push(Diagnostic::new(
                &s.source.file,
                s.hamlet.pos,
                Message::AliasUsed {
                    written: s.hamlet.value.trim().to_string(),
                    label: hamlet.label().to_string(),
                    name: hamlet.name.clone(),
                },
            ));
        }
        let campaign = &site.campaign;
        if let (Some(start), Some(end)) = (campaign.start, campaign.end) {
            if s.date < start || s.date > end {
                diags.push(Diagnostic::new(
                    &s.source.file,
                    s.source.pos,
                    Message::SessionOutsideCampaign {
                        hamlet: site.hamlets[index].name.clone(),
                        date: vi::calendar::format_date_numeric(s.date),
                        start: vi::calendar::format_date_numeric(start),
                        end: vi::calendar::format_date_numeric(end),
                    },
                ));
            }
        }
        // A cancelled session and the one planned in its place may share a slot.
        if s.is_off() {
            continue;
        }
        if let Some(first) = seen.insert((index, s.date, s.time.map(|t| t.start)), s) {
            diags.push(Diagnostic::new(
                &s.source.file,
                s.source.pos,
                Message::SessionTwice {
                    hamlet: site.hamlets[index].name.clone(),
                    date: vi::calendar::format_date_numeric(s.date),
                    other: location(&first.source),
                },
            ));
        }
    }
}

fn location(source: &crate::model::Source) -> String {
    // The line (or spreadsheet row) is enough to find the other session.
    let line = source.pos.map(|p| crate::diagnostics::Pos::new(p.line, 0));
    crate::diagnostics::location(&source.file, line)
}

fn documents(content: &Content, diags: &mut Diagnostics) {
    for (kind, docs) in [("hướng dẫn", &content.guides), ("trang", &content.pages)] {
        let mut seen: HashMap<&str, &crate::model::Document> = HashMap::new();
        for d in docs.iter() {
            if let Some(first) = seen.insert(&d.stem, d) {
                diags.push(Diagnostic::new(
                    &d.source.file,
                    None,
                    Message::DocumentsSameAddress {
                        kind: kind.to_string(),
                        stem: d.stem.clone(),
                        other: first.source.file.display().to_string(),
                    },
                ));
            }
        }
    }
}
