//! Texts people pass on (`chia-se/`): for each week and each hamlet with
//! sessions, a Zalo message (with diacritics and the page's absolute link)
//! and one SMS per session (no diacritics, GSM-7, at most 160 characters),
//! written as text files and shown on one page in blocks to copy.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use super::page_context::PageContext;
use super::stops::{Item, StopRef};
use super::{seo, Shared};
use crate::model::{Content, HamletId, Point, Session, SessionId, Stop};
use crate::plan::{self, FileKind, Plan, Subject, Week, WeekId};
use crate::vi::announce::{self, DayData, WeekData};
use crate::vi::calendar::{format_date_numeric, format_time_range, weekday_name};
use crate::vi::sms::{self, SmsSession};

/// How many sessions a hamlet's Zalo message lists; the link has the rest.
const HAMLET_SESSIONS_IN_ZALO: usize = 5;
/// How many SMS blocks the page shows for one week or hamlet; the file has all.
const SMS_ON_PAGE: usize = 10;
/// How many weeks the page shows in full, from the build date's week.
const WEEKS_ON_PAGE: usize = 2;

/// One week's or hamlet's texts.
#[derive(Clone)]
pub struct Texts {
    pub zalo: String,
    /// One per session, in date order.
    pub sms: Vec<String>,
}

/// The sessions a target's texts (and its preview image) are about, with
/// their hamlets, by date, start time and hamlet: a week's sessions, or a
/// hamlet's from `today` on.
pub(super) fn sessions(
    content: &Content,
    plan: &Plan,
    target: Subject,
    today: NaiveDate,
) -> Vec<(SessionId, HamletId)> {
    let mut picked: Vec<(SessionId, HamletId)> = plan
        .sessions()
        .filter(|&(i, hamlet)| {
            let s = &content.sessions[i];
            // A cancelled or postponed session is no reason to come: never sent.
            !s.is_off()
                && match target {
                    Subject::Week(w) => Week::of(s.date) == plan.week(w),
                    Subject::Hamlet(h) => hamlet == h && s.date >= today,
                }
        })
        .collect();
    picked.sort_by_key(|&(i, hamlet)| {
        let s = &content.sessions[i];
        (s.date, s.time.map(|t| t.start), hamlet)
    });
    picked
}

/// A week's mobile-team stops, for its texts and image (a hamlet's have none).
pub(super) fn stops<'a>(content: &'a Content, plan: &Plan, target: Subject) -> Vec<StopRef<'a>> {
    match target {
        Subject::Week(w) => super::stops::ordered(content)
            .into_iter()
            .filter(|(_, s)| Week::of(s.date) == plan.week(w))
            .collect(),
        Subject::Hamlet(_) => Vec::new(),
    }
}

/// The page a target's link opens.
fn target_page(plan: &Plan, target: Subject) -> String {
    match target {
        Subject::Week(w) => plan::week_path(plan.week(w)),
        Subject::Hamlet(h) => plan::hamlet_path(plan.hamlet_slug(h)),
    }
}

/// Every week's and hamlet's texts, made once: the share page shows them and
/// `zalo.txt`/`sms.txt` hold them (making them twice was 6% of a province).
pub struct AllTexts(HashMap<Subject, Texts>);

impl AllTexts {
    /// The texts of every target the plan has files for.
    pub fn new(content: &Content, plan: &Plan, today: NaiveDate) -> AllTexts {
        let targets: Vec<Subject> = plan
            .files
            .iter()
            .filter_map(|f| match f.kind {
                FileKind::ShareSms(target) => Some(target),
                _ => None,
            })
            .collect();
        AllTexts(
            targets
                .into_par_iter()
                .map(|target| (target, texts(content, plan, target, today)))
                .collect(),
        )
    }

    /// A target's texts (made here if the plan had no files for it).
    pub fn get(
        &self,
        content: &Content,
        plan: &Plan,
        target: Subject,
        today: NaiveDate,
    ) -> Cow<'_, Texts> {
        match self.0.get(&target) {
            Some(texts) => Cow::Borrowed(texts),
            None => Cow::Owned(texts(content, plan, target, today)),
        }
    }
}

/// The Zalo message and the SMS texts of one week or hamlet.
fn texts(content: &Content, plan: &Plan, target: Subject, today: NaiveDate) -> Texts {
    Texts {
        zalo: zalo_text(content, plan, target, today),
        sms: sms_texts(content, plan, target, today),
    }
}

/// The SMS texts of one week or hamlet, one per session, in date order.
pub fn sms_texts(content: &Content, plan: &Plan, target: Subject, today: NaiveDate) -> Vec<String> {
    let site = &content.site;
    // The same authority, hamlets, places, services and notes, session after
    // session: each is made plain once (a third of a province build was this).
    let mut memo = sms::PlainMemo::default();
    let picked = sessions(content, plan, target, today);
    let ids: Vec<SessionId> = picked.iter().map(|&(i, _)| i).collect();
    let stops = stops(content, plan, target);
    // A mobile team's stop is a message too, the team in the hamlet's place.
    super::stops::merged(content, &ids, &stops)
        .into_iter()
        .filter_map(|item| match item {
            Item::Session(i) => {
                let s = &content.sessions[i];
                let h = plan.hamlet_of(i)?;
                let session = SmsSession {
                    authority: &site.authority,
                    hamlet: site.hamlets[h].label(),
                    hamlet_name: &site.hamlets[h].name,
                    date: s.date,
                    time: s.time,
                    part_of_day: s.part_of_day,
                    place: s.place.as_deref(),
                    services: &s.services,
                    note: s.note.as_deref(),
                };
                Some(sms::session_sms_with(&session, &mut memo))
            }
            Item::Stop((p, stop)) => {
                let session = SmsSession {
                    authority: &site.authority,
                    hamlet: &p.name,
                    hamlet_name: &p.name,
                    date: stop.date,
                    time: stop.time,
                    part_of_day: stop.part_of_day,
                    place: Some(&stop.place),
                    services: &p.services,
                    note: None,
                };
                Some(sms::session_sms_with(&session, &mut memo))
            }
        })
        .collect()
}

/// The Zalo message of one week or hamlet.
pub fn zalo_text(content: &Content, plan: &Plan, target: Subject, today: NaiveDate) -> String {
    let site = &content.site;
    let picked = sessions(content, plan, target, today);
    let label = |h: HamletId| site.hamlets[h].label().to_string();
    let mut zalo = String::new();
    match target {
        Subject::Week(w) => {
            let week = plan.week(w);
            zalo.push_str(&format!(
                "{} thông báo lịch tuần {} ({})\n{}\n",
                site.authority,
                week.number,
                super::week::range(week),
                site.campaign.name
            ));
        }
        Subject::Hamlet(h) => {
            zalo.push_str(&format!(
                "{} thông báo lịch tại {}\n{}\n",
                site.authority,
                label(h),
                site.campaign.name
            ));
        }
    }
    zalo.push('\n');
    let listed = match target {
        Subject::Week(_) => picked.len(),
        Subject::Hamlet(_) => picked.len().min(HAMLET_SESSIONS_IN_ZALO),
    };
    // A week's mobile-team stops among its sessions, by date and hour.
    let stops = stops(content, plan, target);
    let ids: Vec<SessionId> = picked.iter().take(listed).map(|&(i, _)| i).collect();
    for item in super::stops::merged(content, &ids, &stops) {
        match item {
            Item::Session(i) => {
                let s = &content.sessions[i];
                let Some(h) = plan.hamlet_of(i) else {
                    continue;
                };
                zalo.push_str(&session_line(
                    s,
                    matches!(target, Subject::Week(_)).then(|| label(h)),
                ));
            }
            Item::Stop((p, stop)) => zalo.push_str(&stop_line(p, stop)),
        }
        zalo.push('\n');
    }
    if picked.is_empty() && stops.is_empty() {
        zalo.push_str("Hiện chưa có buổi sắp tới.\n");
    } else if listed < picked.len() {
        zalo.push_str(&format!("… và {} buổi sau đó.\n", picked.len() - listed));
    }
    // What every listed session shares, said once; the page has the rest.
    let week = shared_items(content, &picked[..listed]);
    for (heading, groups) in [
        ("Nội dung", announce::service_groups(&week)),
        ("Lưu ý", announce::note_groups(&week)),
    ] {
        let every: Vec<String> = groups
            .into_iter()
            .filter(|g| g.every_session)
            .flat_map(|g| g.items)
            .collect();
        if !every.is_empty() {
            let joined = every.join(if heading == "Lưu ý" { " " } else { ", " });
            let stop = if joined.ends_with(['.', '!', '?']) {
                ""
            } else {
                "."
            };
            zalo.push_str(&format!("{heading}: {joined}{stop}\n"));
        }
    }
    if let Some(url) = seo::absolute_url(site, &target_page(plan, target)) {
        zalo.push_str(&format!("Xem lịch: {url}\n"));
    }
    zalo
}

/// "- Thứ Ba 29/11, 19:00–21:30: thôn Đông Lão, tại Nhà văn hóa thôn Đông Lão",
/// or without the hamlet in a hamlet's own message (with the year instead).
fn session_line(s: &Session, hamlet: Option<String>) -> String {
    let day = match hamlet {
        Some(_) => format!(
            "{} {:02}/{:02}",
            weekday_name(s.date.weekday()),
            s.date.day(),
            s.date.month()
        ),
        None => format!(
            "{} {}",
            weekday_name(s.date.weekday()),
            format_date_numeric(s.date)
        ),
    };
    let time = s
        .time
        .map_or_else(|| "cả ngày".to_string(), |t| format_time_range(&t));
    let mut line = format!("- {day}, {time}");
    if let Some(hamlet) = hamlet {
        line.push_str(": ");
        line.push_str(&hamlet);
    }
    if let Some(place) = s.place.as_deref().filter(|p| !p.trim().is_empty()) {
        line.push_str(", tại ");
        line.push_str(place);
    }
    line
}

/// "- Thứ Tư 30/11, cả ngày: Tổ lưu động số 1, tại Khu công nghiệp Cẩm
/// Thủy": a week's line for a mobile team's stop, as for a session.
fn stop_line(point: &Point, stop: &Stop) -> String {
    let time = stop
        .time
        .map_or_else(|| "cả ngày".to_string(), |t| format_time_range(&t));
    format!(
        "- {} {:02}/{:02}, {time}: {}, tại {}",
        weekday_name(stop.date.weekday()),
        stop.date.day(),
        stop.date.month(),
        point.name,
        stop.place
    )
}

/// The sessions as the script's plain data, to group what they share.
fn shared_items(content: &Content, picked: &[(SessionId, HamletId)]) -> WeekData {
    let days = picked
        .iter()
        .map(|&(i, h)| {
            let s = &content.sessions[i];
            DayData {
                date: s.date,
                sessions: vec![super::week::session_data(
                    s,
                    content.site.hamlets[h].label().to_string(),
                )],
            }
        })
        .collect();
    WeekData {
        days,
        ..WeekData::default()
    }
}

/// `zalo.txt`: UTF-8 with a BOM, so a browser opening it shows the diacritics.
pub fn zalo_file(zalo: &str) -> Vec<u8> {
    format!("\u{feff}{zalo}").into_bytes()
}

/// `sms.txt`: one message per line, plain GSM-7 text, no BOM (bulk-SMS tools
/// read it as it is).
pub fn sms_file(sms: &[String]) -> Vec<u8> {
    let mut out = sms.join("\n");
    out.push('\n');
    out.into_bytes()
}

/// Where a hamlet page links for its texts and its evening bulletins.
#[derive(Serialize)]
pub struct HamletLinks {
    anchor: String,
    zalo: String,
    sms: String,
    evening_script: String,
    /// `lich/<slug>/ban-in/index.html`, the poster for the notice board.
    poster: String,
}

/// The hamlet page's links to its texts; None when it has no sessions (and so no texts).
pub fn hamlet_links(plan: &Plan, h: HamletId) -> Option<HamletLinks> {
    let slug = plan.hamlet_slug(h);
    let dir = plan::hamlet_share_dir(slug);
    plan.sessions()
        .any(|(_, hamlet)| hamlet == h)
        .then(|| HamletLinks {
            anchor: format!("thon-{slug}"),
            zalo: plan::zalo_path(&dir),
            sms: plan::sms_path(&dir),
            evening_script: plan::hamlet_evening_script_path(slug),
            poster: plan::poster_path(slug),
        })
}

#[derive(Serialize)]
struct ShareView {
    /// The weeks shown in full (from the build date's week), then the others as links.
    weeks: Vec<BlockView>,
    other_weeks: Vec<BlockLink>,
    hamlets: Vec<BlockView>,
    /// Hamlets whose texts did not fit the page: their files, and the
    /// anchor hamlet pages link to.
    other_hamlets: Vec<HamletLink>,
    has_links: bool,
}

#[derive(Serialize)]
struct HamletLink {
    id: String,
    title: String,
    zalo_path: String,
    sms_path: String,
    image_path: Option<String>,
}

/// The texts shown in full on `chia-se/`, at most (bytes, about): the page
/// stays within its budget however dense the campaign. 8 KB, not 9: a
/// mobile team's stops lengthen a week's texts, and the lines linking the
/// other weeks and hamlets need their room.
const BLOCKS_BUDGET: usize = 8 * 1024;

#[derive(Serialize)]
struct BlockView {
    /// Anchor and textarea ids: `tuan-2022-48`, `dong-lao`.
    id: String,
    title: String,
    page: String,
    zalo: String,
    zalo_rows: usize,
    sms: Vec<SmsView>,
    /// SMS in the file and not shown.
    more_sms: usize,
    zalo_path: String,
    sms_path: String,
    /// The preview image, when the build drew it (`preview::is_drawn`).
    image_path: Option<String>,
}

#[derive(Serialize)]
struct SmsView {
    text: String,
    length: usize,
}

#[derive(Serialize)]
struct BlockLink {
    title: String,
    zalo_path: String,
    sms_path: String,
    image_path: Option<String>,
}

/// A target's preview image in its share folder `dir`, when the build drew it.
fn image_path(shared: &Shared, target: Subject, dir: &str) -> Option<String> {
    (shared.previews && super::preview::is_drawn(shared.content, shared.plan, target, shared.today))
        .then(|| plan::image_path(dir))
}

fn block(shared: &Shared, target: Subject) -> BlockView {
    let (content, plan, today) = (shared.content, shared.plan, shared.today);
    let texts = shared.share_texts.get(content, plan, target, today);
    let (id, title, dir) = match target {
        Subject::Week(w) => {
            let week = plan.week(w);
            let dir = plan::week_share_dir(week);
            (
                dir.trim_start_matches("chia-se/").to_string(),
                super::week::title(week),
                dir,
            )
        }
        // Prefixed: a slug could be any id the page already uses.
        Subject::Hamlet(h) => (
            format!("thon-{}", plan.hamlet_slug(h)),
            content.site.hamlets[h].label().to_string(),
            plan::hamlet_share_dir(plan.hamlet_slug(h)),
        ),
    };
    BlockView {
        id,
        title,
        page: target_page(plan, target),
        // Lines wrap on a phone: about 38 characters each.
        zalo_rows: texts
            .zalo
            .lines()
            .map(|l| l.chars().count().div_ceil(38).max(1))
            .sum(),
        more_sms: texts.sms.len().saturating_sub(SMS_ON_PAGE),
        sms: texts
            .sms
            .iter()
            .take(SMS_ON_PAGE)
            .map(|text| SmsView {
                length: text.chars().count(),
                text: text.clone(),
            })
            .collect(),
        zalo: texts.zalo.clone(),
        zalo_path: plan::zalo_path(&dir),
        sms_path: plan::sms_path(&dir),
        image_path: image_path(shared, target, &dir),
    }
}

/// `chia-se/index.html`; returns (template, title, description).
pub(super) fn page(shared: &Shared, ctx: &mut PageContext) -> (&'static str, String, String) {
    let (content, plan, today) = (shared.content, shared.plan, shared.today);
    let current = plan
        .weeks
        .iter()
        .position(|w| w.sunday() >= today)
        .unwrap_or(plan.weeks.len());
    let shown = current..(current + WEEKS_ON_PAGE).min(plan.weeks.len());
    // Blocks are shown in full while they fit the page budget (a dense
    // campaign's week is long); the others are linked by their files.
    let mut used = 0;
    let mut fits = |b: &BlockView| {
        // The block's markup as the theme writes it, about: labels, ids, links.
        let size = b.zalo.len() * 11 / 10
            + b.sms.iter().map(|m| m.text.len() + 260).sum::<usize>()
            + b.image_path.as_ref().map_or(0, |_| 120)
            + 700;
        // A block too long is linked; a shorter one after it may still fit.
        let fit = used + size <= BLOCKS_BUDGET;
        if fit {
            used += size;
        }
        fit
    };
    let mut weeks = Vec::new();
    let mut linked: Vec<usize> = Vec::new();
    for w in shown.clone() {
        let b = block(shared, Subject::Week(WeekId::new(w)));
        if fits(&b) {
            weeks.push(b);
        } else {
            linked.push(w);
        }
    }
    let other_weeks = (0..plan.weeks.len())
        .filter(|w| !shown.contains(w) || linked.contains(w))
        .map(|w| {
            let week = plan.weeks[w];
            let dir = plan::week_share_dir(week);
            BlockLink {
                title: super::week::title(week),
                zalo_path: plan::zalo_path(&dir),
                sms_path: plan::sms_path(&dir),
                image_path: image_path(shared, Subject::Week(WeekId::new(w)), &dir),
            }
        })
        .collect();
    let mut hamlets = Vec::new();
    let mut other_hamlets = Vec::new();
    for h in content
        .hamlet_ids()
        .filter(|&h| plan.sessions().any(|(_, hamlet)| hamlet == h))
    {
        let b = block(shared, Subject::Hamlet(h));
        if fits(&b) {
            hamlets.push(b);
        } else {
            let dir = plan::hamlet_share_dir(plan.hamlet_slug(h));
            other_hamlets.push(HamletLink {
                id: b.id,
                title: b.title,
                zalo_path: plan::zalo_path(&dir),
                sms_path: plan::sms_path(&dir),
                image_path: b.image_path,
            });
        }
    }
    ctx.insert(
        "share",
        &ShareView {
            weeks,
            other_weeks,
            hamlets,
            other_hamlets,
            has_links: content.site.base_url.is_some(),
        },
    );
    (
        "share.html",
        "Chia sẻ lịch qua Zalo, tin nhắn".to_string(),
        format!(
            "Tin nhắn Zalo và SMS soạn sẵn về lịch {}, {}: sao chép và gửi.",
            content.site.campaign.name, content.site.authority
        ),
    )
}
