//! A poster per hamlet (`lich/<thôn>/ban-in/`): one A4 page for the hamlet's
//! notice board, in large type: the coming sessions, what to bring, whom to
//! call, and a QR code to the hamlet's page. It stays on one page: as many
//! sessions as the page's middle holds (at most `SESSIONS`, the rest counted),
//! and a print box one A4 page tall whose middle is cut rather than spilled,
//! so the contacts and the QR code at the foot are always printed.

use chrono::Datelike;
use serde::Serialize;

use super::page_context::PageContext;
use super::Shared;
use crate::model::{HamletId, SessionId};
use crate::plan;
use crate::vi::calendar::{format_date_numeric, format_time_range, weekday_name};

/// How many sessions fit the page in large type; a QR code leads to the rest.
const SESSIONS: usize = 5;

/// The middle of the printed page (between the title and the contacts), in
/// mm, and what its lines take at the print sizes of `ban-in.css`.
const MIDDLE_MM: f32 = 165.0;
/// A session's first line (26pt) with its rule and padding.
const WHEN_MM: f32 = 18.0;
/// A line of place (20pt) and how many letters it holds.
const PLACE_LINE: (f32, usize) = (9.2, 44);
/// A line of the notes (18pt) and how many letters it holds.
const NOTE_LINE: (f32, usize) = (8.3, 50);
/// The "… và 3 buổi sau đó" line.
const MORE_MM: f32 = 9.0;

/// Height of `text` at a (line height, letters a line), in mm.
fn height(text: &str, (line, letters): (f32, usize)) -> f32 {
    text.chars().count().div_ceil(letters) as f32 * line
}

#[derive(Serialize)]
struct PosterView {
    sessions: Vec<PosterSession>,
    /// Sessions to come past the ones printed.
    more: usize,
    /// What the printed sessions offer, and what to bring, each said once.
    services: Vec<String>,
    notes: Vec<String>,
    /// The hamlet page's absolute address and its QR code, with `base_url`.
    url: Option<String>,
    qr_svg: Option<String>,
    printed: String,
}

#[derive(Serialize)]
struct PosterSession {
    /// "Thứ Ba", "29/11/2022"
    weekday: String,
    date: String,
    /// "07:30–11:00", "Sáng", "Cả ngày"
    time: String,
    place: Option<String>,
    /// The venue's other hamlet, or the audience, when it is not just this hamlet's.
    whom: Option<String>,
}

/// Items in order, each once (the same note on every session is said once).
fn push_unique(list: &mut Vec<String>, item: &str) {
    let item = item.trim();
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// Fill the poster's context; returns (template, title, description).
pub(super) fn page(
    shared: &Shared,
    h: HamletId,
    ctx: &mut PageContext,
) -> (&'static str, String, String) {
    let (content, plan, today) = (shared.content, shared.plan, shared.today);
    let site = &content.site;
    let label = site.hamlets[h].label();
    // Coming sessions people can come to: cancelled and postponed ones are
    // not printed on a poster that stays up for weeks.
    let coming: Vec<SessionId> = shared
        .ordered_sessions
        .iter()
        .copied()
        .filter(|&i| plan.lists(h, i))
        .filter(|&i| {
            let s = &content.sessions[i];
            s.date >= today && !s.is_off()
        })
        .collect();
    // As many sessions as fit, with what they need said; at least one.
    let (mut services, mut notes) = (Vec::new(), Vec::new());
    let mut used = 0.0;
    let mut shown = 0;
    for &i in coming.iter().take(SESSIONS) {
        let s = &content.sessions[i];
        let (mut more_services, mut more_notes) = (services.clone(), notes.clone());
        s.services
            .iter()
            .for_each(|x| push_unique(&mut more_services, x));
        if let Some(note) = &s.note {
            // Notes are printed one after another: each a sentence.
            let note = note.trim();
            let stop = if note.ends_with(['.', '!', '?', '…']) {
                ""
            } else {
                "."
            };
            push_unique(&mut more_notes, &format!("{note}{stop}"));
        }
        let place = s.place.as_deref().map_or(0.0, |p| height(p, PLACE_LINE));
        let said =
            height(&more_services.join(", "), NOTE_LINE) + height(&more_notes.join(" "), NOTE_LINE);
        let more = if shown + 1 < coming.len() {
            MORE_MM
        } else {
            0.0
        };
        if shown > 0 && used + WHEN_MM + place + said + more > MIDDLE_MM {
            break;
        }
        used += WHEN_MM + place;
        (services, notes) = (more_services, more_notes);
        shown += 1;
    }
    let sessions = coming
        .iter()
        .take(shown)
        .map(|&i| {
            let s = &content.sessions[i];
            let whom = match (plan.hamlet_of(i), &s.audience) {
                (_, Some(audience)) => Some(audience.clone()),
                (Some(of), None) if of != h => Some(site.hamlets[of].label().to_string()),
                _ => None,
            };
            PosterSession {
                weekday: weekday_name(s.date.weekday()).to_string(),
                date: format_date_numeric(s.date),
                time: match (s.time, s.part_of_day) {
                    (Some(t), _) => format_time_range(&t),
                    (None, Some(part)) => part.word().to_string(),
                    (None, None) => "Cả ngày".into(),
                },
                place: s.place.clone().filter(|p| !p.trim().is_empty()),
                whom,
            }
        })
        .collect();
    let url = super::seo::absolute_url(site, &plan::hamlet_path(plan.hamlet_slug(h)));
    let poster = PosterView {
        sessions,
        more: coming.len() - shown,
        services,
        notes,
        qr_svg: url
            .as_deref()
            .and_then(|u| super::week::qr_svg(u, &format!("Mã QR tới trang lịch của {label}"))),
        url,
        printed: format_date_numeric(today),
    };
    ctx.insert("poster", &poster);
    ctx.insert("hamlet", &super::hamlet_view(shared, h));
    (
        "poster.html",
        format!("Thông báo dán bảng tin: lịch {label}"),
        format!(
            "Tờ thông báo một trang A4 để dán bảng tin của {label}: các buổi sắp tới, giấy tờ mang theo, số điện thoại hỏi đáp."
        ),
    )
}
