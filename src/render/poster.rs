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

// What the printed page's parts take at the print sizes of `ban-in.css`, in
// mm, measured on Chromium's PDFs (pdftotext -bbox): the poster box is
// 270 mm tall; its head and foot grow with long names and many contacts,
// and the middle gets what is left.
const POSTER_MM: f32 = 270.0;
/// The head with one line each of authority, campaign and title.
const HEAD_MM: f32 = 44.0;
/// Another line of the title (40pt) and how many letters a line holds.
const TITLE_LINE: (f32, usize) = (17.7, 22);
/// Another line of the authority or campaign (15pt).
const HEAD_LINE: (f32, usize) = (8.2, 60);
/// A line of the contacts column (14pt), and the column's margins.
const FOOT_LINE: (f32, usize) = (7.7, 48);
const FOOT_MARGINS_MM: f32 = 7.5;
/// The QR code with its caption, and the foot's rule and padding.
const QR_MM: f32 = 50.0;
/// A session's first line (26pt) with its rule and padding.
const WHEN_MM: f32 = 18.6;
/// A line of place (20pt).
const PLACE_LINE: (f32, usize) = (9.2, 44);
/// The notes' rule and margins, and a line of them (18pt).
const NOTES_MM: f32 = 9.0;
const NOTE_LINE: (f32, usize) = (9.8, 50);
/// The "… và 3 buổi sau đó" line with its margins.
const MORE_MM: f32 = 13.5;
/// Room kept free: a font's letters are wider or narrower than counted.
const SPARE_MM: f32 = 6.0;

/// How many lines `text` takes where a line holds `letters`, wrapped at
/// spaces as a browser does (a word longer than a line is broken).
fn lines(text: &str, letters: usize) -> usize {
    let mut lines = 0;
    let mut on_line = 0;
    for word in text.split_whitespace().map(|w| w.chars().count()) {
        if on_line > 0 && on_line + 1 + word <= letters {
            on_line += 1 + word;
        } else {
            lines += word.div_ceil(letters).max(1);
            on_line = match word % letters {
                0 => letters,
                rest => rest,
            };
        }
    }
    lines
}

/// Height of `text` at a (line height, letters a line), in mm.
fn height(text: &str, (line, letters): (f32, usize)) -> f32 {
    lines(text, letters) as f32 * line
}

/// The head's and the foot's height: the middle is what is left.
fn middle_mm(
    authority: &str,
    campaign: &str,
    title: &str,
    contacts: &[String],
    printed: &str,
    qr: bool,
) -> f32 {
    let head = HEAD_MM
        + height(title, TITLE_LINE)
        + height(authority, HEAD_LINE)
        + height(campaign, HEAD_LINE)
        - TITLE_LINE.0
        - 2.0 * HEAD_LINE.0;
    let label = if contacts.is_empty() {
        0.0
    } else {
        FOOT_LINE.0
    };
    let column = label
        + contacts.iter().map(|c| height(c, FOOT_LINE)).sum::<f32>()
        + height(printed, FOOT_LINE)
        + FOOT_MARGINS_MM;
    let foot = if qr { column.max(QR_MM) } else { column };
    POSTER_MM - head - foot - SPARE_MM
}

/// A contact as the foot prints it (`macros.html`'s `contact`).
fn contact_text(c: &super::views::ContactView) -> String {
    let mut text = String::new();
    if let Some(role) = c.role_label {
        text.push_str(role);
        text.push_str(": ");
    }
    text.push_str(&c.name);
    if let Some(phone) = &c.phone {
        text.push_str(": ");
        text.push_str(phone);
    }
    if c.zalo.is_some() {
        text.push_str(" · Zalo");
    }
    if let Some(hours) = &c.hours {
        text.push_str(&format!(" ({hours})"));
    }
    text
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
    let url = super::seo::absolute_url(site, &plan::hamlet_path(plan.hamlet_slug(h)));
    let printed = format_date_numeric(today);
    let contacts: Vec<String> = site.hamlets[h]
        .contacts
        .iter()
        .chain(&site.contacts)
        .map(|c| contact_text(&super::views::contact(c)))
        .collect();
    let middle = middle_mm(
        &site.authority,
        &site.campaign.name,
        &format!("Lịch tại {label}"),
        &contacts,
        &format!(
            "{}. Bản in ngày {printed}. Lịch mới nhất: {}",
            site.authority,
            url.as_deref().unwrap_or_default()
        ),
        url.is_some(),
    );
    // The venue's other hamlet, or the audience, when it is not just this hamlet's.
    let whom = |i: SessionId| match (plan.hamlet_of(i), &content.sessions[i].audience) {
        (_, Some(audience)) => Some(audience.clone()),
        (Some(of), None) if of != h => Some(site.hamlets[of].label().to_string()),
        _ => None,
    };
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
        // "Tại <place> (<whom>)": the line under the date, as printed.
        let place = match (s.place.as_deref().filter(|p| !p.trim().is_empty()), whom(i)) {
            (Some(p), Some(w)) => height(&format!("Tại {p} ({w})"), PLACE_LINE),
            (Some(p), None) => height(&format!("Tại {p}"), PLACE_LINE),
            (None, Some(w)) => height(&w, PLACE_LINE),
            (None, None) => 0.0,
        };
        let said = match (more_services.is_empty(), more_notes.is_empty()) {
            (true, true) => 0.0,
            _ => {
                NOTES_MM
                    + height(
                        &format!("Nội dung: {}.", more_services.join(", ")),
                        NOTE_LINE,
                    )
                    + height(&format!("Lưu ý: {}", more_notes.join(" ")), NOTE_LINE)
            }
        };
        let more = if shown + 1 < coming.len() {
            MORE_MM
        } else {
            0.0
        };
        if shown > 0 && used + WHEN_MM + place + said + more > middle {
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
            PosterSession {
                weekday: weekday_name(s.date.weekday()).to_string(),
                date: format_date_numeric(s.date),
                time: match (s.time, s.part_of_day) {
                    (Some(t), _) => format_time_range(&t),
                    (None, Some(part)) => part.word().to_string(),
                    (None, None) => "Cả ngày".into(),
                },
                place: s.place.clone().filter(|p| !p.trim().is_empty()),
                whom: whom(i),
            }
        })
        .collect();
    let poster = PosterView {
        sessions,
        more: coming.len() - shown,
        services,
        notes,
        qr_svg: url
            .as_deref()
            .and_then(|u| super::week::qr_svg(u, &format!("Mã QR tới trang lịch của {label}"))),
        url,
        printed,
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

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lines_wrap_at_spaces_and_break_long_words() {
        assert_eq!(lines("", 10), 0);
        assert_eq!(lines("Lịch tại", 10), 1);
        // "Lịch tại ấp" is 11 letters: "ấp" goes to the next line.
        assert_eq!(lines("Lịch tại ấp Thủy", 10), 2);
        // A 25-letter address takes three lines of 10, then more words follow it.
        assert_eq!(lines("https://example.vn/lich/x", 10), 3);
        assert_eq!(lines("https://example.vn/lich/x a b", 10), 3);
        assert_eq!(lines("https://example.vn/lich/x abcdefgh", 10), 4);
    }
}
