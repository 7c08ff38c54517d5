//! Week sheets: the page an announcer prints for the notice board (one A4
//! page, see the theme's print CSS), the read-aloud script `doc-loa.txt`
//! beside it, and the list of weeks on the schedule page.

use chrono::{Datelike, NaiveDate};
use qrcode::{Color, EcLevel, QrCode};
use serde::Serialize;
use std::fmt::Write as _;

use super::change_words::change_clause;
use super::Shared;
use crate::model::{Content, Hamlet, HamletId, Session, SessionId};
use crate::plan::{self, Plan, Week, WeekId};
use crate::vi::announce::{
    self, ContactData, DayData, ItemGroup, RouteData, SessionData, StopData, WeekData,
};
use crate::vi::calendar::format_date_numeric;
use crate::vi::speech::pronounce::Lexicon;

#[derive(Serialize, Clone)]
pub struct WeekLink {
    /// "Tuần 48"
    pub label: String,
    /// "28/11 – 04/12/2022"
    pub range: String,
    pub path: String,
    pub session_count: usize,
    /// Mobile teams' route stops that week: a week may have only these.
    pub stop_count: usize,
}

#[derive(Serialize)]
struct SheetView {
    /// The week's changed sessions, printed before the table.
    changes: Vec<super::changes::ChangeView>,
    label: String,
    range: String,
    /// The table's bodies, one per day (`rows::write_week_rows`); empty for
    /// a week with only mobile teams' stops (no table then).
    rows: String,
    /// Each mobile team's stops that week, as the points page's route table.
    routes: Vec<RouteTable>,
    /// Whether the week has sessions (else `rows` is empty and not printed).
    has_sessions: bool,
    /// Services and notes, each printed once under the table with the
    /// sessions it concerns (empty `whom`: every session).
    services: Vec<SheetNote>,
    /// A dense week's services, numbered: each row gives its numbers.
    services_legend: Vec<String>,
    /// A dense week: `rows` is a grid of hamlets by days, head and body.
    grid: bool,
    notes: Vec<SheetNote>,
    /// The week page's absolute address, when the site has a `base_url`.
    url: Option<String>,
    /// `lich/tuan-…/qr.svg`: a QR code for `url`, made at build time.
    qr_path: Option<String>,
    script: Vec<String>,
    /// The script is too long for the page: only its file is linked.
    script_long: bool,
    script_path: String,
    /// `doc-loa-hang-ngay.txt`: the evening bulletins announcing the week.
    evening_script_path: String,
    /// `doc-loa.mp3` (or `.m4a`): the officer's recording, or the synthetic
    /// voice of `build --audio`; None when there is neither.
    audio_path: Option<String>,
    /// Whether `audio_path` is the officer's own voice.
    audio_recorded: bool,
    /// The week's texts for Zalo and SMS (`chia-se/tuan-…/`).
    share_zalo: String,
    share_sms: String,
    /// The build date (`--today`), printed on the sheet.
    printed: String,
    prev: Option<WeekLink>,
    next: Option<WeekLink>,
}

/// A team's route table on the sheet: the fields `route_table` reads.
#[derive(Serialize)]
struct RouteTable {
    name: String,
    route: Vec<super::views::StopView>,
    /// What the team does, printed under its table.
    services: Vec<String>,
}

#[derive(Serialize)]
struct SheetNote {
    /// "thôn Kìm và thôn Song (04/12)"; empty when it is for every session.
    whom: String,
    text: String,
}

/// Groups of services or note sentences, as printed.
fn sheet_notes(groups: Vec<ItemGroup>, join: &str) -> Vec<SheetNote> {
    groups
        .into_iter()
        .map(|g| {
            let names: Vec<String> = g
                .sessions
                .iter()
                .map(|r| match r.date {
                    Some(d) => format!("{} ({:02}/{:02})", r.hamlet, d.day(), d.month()),
                    None => r.hamlet.clone(),
                })
                .collect();
            SheetNote {
                whom: if g.every_session {
                    String::new()
                } else {
                    announce::list_words(&names)
                },
                text: g.items.join(join),
            }
        })
        .collect()
}

/// The sessions of `week`, in reading order: by date, start time, hamlet.
fn week_sessions(content: &Content, plan: &Plan, week: Week) -> Vec<(SessionId, HamletId)> {
    let mut sessions: Vec<(SessionId, HamletId)> = plan
        .sessions()
        .filter(|&(i, _)| Week::of(content.sessions[i].date) == week)
        .collect();
    sessions.sort_by_key(|&(i, hamlet)| {
        let s = &content.sessions[i];
        (s.date, s.time.map(|t| t.start), hamlet)
    });
    sessions
}

/// "thôn Đông Lão", but "Tổ dân phố 3" when the name already says what it is
/// (never "tổ dân phố Tổ dân phố 3").
/// A session as the read-aloud texts take it, its hamlet named as they say it.
pub(super) fn session_data(s: &Session, hamlet: String) -> SessionData {
    SessionData {
        hamlet,
        time: s.time,
        part_of_day: s.part_of_day,
        place: s.place.clone(),
        audience: s.audience.clone(),
        services: s.services.clone(),
        note: s.note.clone(),
    }
}

pub(super) fn hamlet_name(hamlet: &Hamlet) -> String {
    let kind = hamlet.kind.to_lowercase();
    if hamlet.name.to_lowercase().starts_with(&kind) {
        hamlet.name.clone()
    } else {
        hamlet.label().to_string()
    }
}

/// The week as plain data for the script, from its `week_sessions` and the
/// hamlets' `hamlet_name`s.
fn week_data(
    content: &Content,
    week: Week,
    sessions: &[(SessionId, HamletId)],
    names: &[String],
) -> WeekData {
    let mut days: Vec<DayData> = Vec::new();
    for &(i, hamlet) in sessions {
        let s = &content.sessions[i];
        // A cancelled or postponed session is read as a change, never as held.
        if s.is_off() {
            continue;
        }
        let session = session_data(s, names[hamlet.index()].clone());
        match days.last_mut() {
            Some(day) if day.date == s.date => day.sessions.push(session),
            _ => days.push(DayData {
                date: s.date,
                sessions: vec![session],
            }),
        }
    }
    // Each hamlet of the week with contacts of its own, in the order first read.
    let mut local_contacts: Vec<(String, Vec<ContactData>)> = Vec::new();
    for &(_, hamlet) in sessions {
        let h = &content.site.hamlets[hamlet];
        let name = &names[hamlet.index()];
        if !h.contacts.is_empty() && !local_contacts.iter().any(|(n, _)| n == name) {
            local_contacts.push((name.clone(), h.contacts.iter().map(contact_data).collect()));
        }
    }
    // Mobile teams' stops that week, each team once.
    let routes = super::stops::teams_of_week(content, week)
        .into_iter()
        .map(|(p, stops)| route_data(p, &stops))
        .collect();
    WeekData {
        monday: week.monday(),
        days,
        local_contacts,
        routes,
        ..site_data(content)
    }
}

/// A team and some of its stops, as scripts read them.
pub(super) fn route_data(point: &crate::model::Point, stops: &[&crate::model::Stop]) -> RouteData {
    RouteData {
        team: point.name.clone(),
        stops: stops
            .iter()
            .map(|s| StopData {
                date: s.date,
                time: s.time,
                part_of_day: s.part_of_day,
                place: s.place.clone(),
            })
            .collect(),
        services: point.services.clone(),
    }
}

/// The changes to a week's sessions as read on the loudspeaker: "Buổi tại
/// thôn Sành thứ Bảy, ngày 03/12/2022 dời sang …. Lý do: …." `sessions` are
/// the week's and those moved out of it.
pub(super) fn spoken_changes(
    content: &Content,
    sessions: &[(SessionId, HamletId)],
    names: &[String],
) -> Vec<String> {
    sessions
        .iter()
        .filter_map(|&(i, hamlet)| {
            let s = &content.sessions[i];
            let clause = change_clause(s, Some(&names[hamlet.index()]))?;
            let mut text = super::event::capitalize(&clause);
            text.push('.');
            if let Some(reason) = s.reason() {
                text.push_str(" Lý do: ");
                text.push_str(reason);
                if !reason.ends_with(['.', '!', '?']) {
                    text.push('.');
                }
            }
            Some(text)
        })
        .collect()
}

/// The week's changed sessions, with those moved out of the week (their old
/// date in it), in reading order.
fn week_changes(
    content: &Content,
    plan: &Plan,
    week: Week,
    sessions: &[(SessionId, HamletId)],
) -> Vec<(SessionId, HamletId)> {
    let mut changed: Vec<(SessionId, HamletId)> = sessions
        .iter()
        .copied()
        .filter(|&(i, _)| content.sessions[i].has_news())
        .collect();
    changed.extend(plan.sessions().filter(|&(i, _)| {
        let s = &content.sessions[i];
        Week::of(s.date) != week && s.was_date().is_some_and(|d| Week::of(d) == week)
    }));
    changed.sort_by_key(|&(i, h)| {
        let s = &content.sessions[i];
        (s.was_date().unwrap_or(s.date), s.time.map(|t| t.start), h)
    });
    changed
}

/// How pages' scripts name a contact.
fn contact_data(c: &crate::model::Contact) -> ContactData {
    ContactData {
        name: c.name.clone(),
        phone: c.phone.clone(),
        hours: c.hours.clone(),
        role: c.role(),
    }
}

/// What every script of the site says the same way: the authority, the
/// campaign, who to call and how words are read; no sessions.
pub(super) fn site_data(content: &Content) -> WeekData {
    let site = &content.site;
    WeekData {
        authority: site.authority.clone(),
        campaign: site.campaign.name.clone(),
        contacts: site.contacts.iter().map(contact_data).collect(),
        lexicon: Lexicon::with_own(site.pronounce.clone()),
        ..WeekData::default()
    }
}

/// Sentences another feature wants read in a week's script: one sentence of
/// campaign progress, from the reports up to the week's end (the figures the
/// announcer could have had), when progress.yaml exists.
fn extra_sentences(content: &Content, week: Week) -> Vec<String> {
    super::progress::progress_sentence(content, week.sunday())
        .into_iter()
        .collect()
}

/// `doc-loa.txt` from the script's paragraphs. A BOM, so a browser shows the
/// Vietnamese right even when the web server does not say the file is UTF-8;
/// Notepad and espeak-ng accept it.
fn script_file(paragraphs: &[String]) -> Vec<u8> {
    format!("\u{feff}{}\n", paragraphs.join("\n\n")).into_bytes()
}

/// "Tuần từ ngày 28/11 đến ngày 04/12/2022": how people name a week (the
/// ISO number stays in its address only).
pub(super) fn title(week: Week) -> String {
    let (monday, sunday) = (week.monday(), week.sunday());
    let first = if monday.year() == sunday.year() {
        format!("{:02}/{:02}", monday.day(), monday.month())
    } else {
        format_date_numeric(monday)
    };
    format!(
        "Tuần từ ngày {first} đến ngày {}",
        format_date_numeric(sunday)
    )
}

pub(super) fn range(week: Week) -> String {
    let (monday, sunday) = (week.monday(), week.sunday());
    let short = |d: NaiveDate| format!("{:02}/{:02}", d.day(), d.month());
    if monday.year() == sunday.year() {
        format!("{} – {}", short(monday), format_date_numeric(sunday))
    } else {
        format!(
            "{} – {}",
            format_date_numeric(monday),
            format_date_numeric(sunday)
        )
    }
}

fn link(content: &Content, plan: &Plan, week: Week) -> WeekLink {
    WeekLink {
        label: title(week),
        range: range(week),
        path: plan::week_path(week),
        // Only counted: sorting the sessions of every neighbour was wasted.
        session_count: plan
            .sessions()
            .filter(|&(i, _)| Week::of(content.sessions[i].date) == week)
            .count(),
        stop_count: super::stops::count_in_week(content, week),
    }
}

/// Every week sheet, for the schedule page.
pub fn links(content: &Content, plan: &Plan) -> Vec<WeekLink> {
    plan.weeks
        .iter()
        .map(|&week| link(content, plan, week))
        .collect()
}

/// A QR code as inline SVG: black modules on white, sized by the stylesheet.
/// Each row's dark runs are drawn as one rectangle, not module by module: the
/// path is half the bytes, which keeps the week page inside the 30 KB budget.
pub(super) fn qr_svg(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    const QUIET: usize = 4;
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let run_start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - run_start;
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", run_start + QUIET, y + QUIET);
        }
    }
    // The label names a hamlet: content, so escaped like any page text.
    let label = crate::theme::escape_html(label);
    Some(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// A week with more sessions is printed as a grid of hamlets by days.
const GRID_FROM: usize = 30;

/// The most sessions a group of services under the sheet's table names;
/// beyond, each row lists its services.
const SERVICES_LISTED: usize = 8;

/// The longest script (in bytes) shown on the week page itself.
const SCRIPT_ON_PAGE: usize = 5 * 1024;

/// Fill the week page's context; returns (template, title, description).
pub(super) fn page(
    shared: &Shared,
    id: WeekId,
    ctx: &mut super::page_context::PageContext,
) -> (&'static str, String, String, super::Beside) {
    let content = shared.content;
    let plan = shared.plan;
    let site = &content.site;
    let week = plan.week(id);
    let sessions = week_sessions(content, plan, week);
    let names: Vec<String> = site.hamlets.iter().map(hamlet_name).collect();

    let mut data = week_data(content, week, &sessions, &names);
    let changed = week_changes(content, plan, week, &sessions);
    data.changes = spoken_changes(content, &changed, &names);
    // Composed once: shown on the page and written as doc-loa.txt beside it.
    let (services, notes) = (
        announce::service_groups(&data),
        announce::note_groups(&data),
    );
    let paragraphs =
        announce::paragraphs_with_groups(&data, &services, &notes, &extra_sentences(content, week));
    let mut beside = vec![(plan::week_script_path(week), script_file(&paragraphs))];
    // Services shared by many but not all sessions read badly as a list of
    // who gets them: then each row says its own.
    let services_in_rows = services
        .iter()
        .any(|g| !g.every_session && g.sessions.len() > SERVICES_LISTED);
    let mut legend: Vec<String> = Vec::new();
    if services_in_rows {
        for &(i, _) in &sessions {
            for service in &content.sessions[i].services {
                if !legend.contains(service) {
                    legend.push(service.clone());
                }
            }
        }
    }
    let mut rows = String::new();
    let grid = sessions.len() > GRID_FROM;
    if sessions.is_empty() {
        // Only mobile teams' stops: their tables are the sheet.
    } else if grid {
        super::rows::write_week_grid(
            &mut rows,
            content,
            plan,
            &sessions,
            &names,
            services_in_rows.then_some(legend.as_slice()),
        );
    } else {
        super::rows::write_week_rows(
            &mut rows,
            content,
            plan,
            &sessions,
            &names,
            services_in_rows.then_some(legend.as_slice()),
        );
    }

    let url = site
        .base_url
        .as_ref()
        .map(|base| format!("{}/{}", base.trim_end_matches('/'), plan::week_path(week)));
    let recording = plan.week_recordings[id.index()].map(|r| &content.recordings[r]);
    let audio_path = match recording {
        Some(r) => Some(plan::week_audio_path(week, r.ext)),
        None => shared.speak.then(|| plan::week_audio_path(week, "mp3")),
    };
    let sheet = SheetView {
        changes: changed
            .iter()
            .map(|&(i, h)| super::changes::view(content, plan, i, h))
            .collect(),
        label: title(week),
        range: range(week),
        rows,
        routes: super::stops::teams_of_week(content, week)
            .into_iter()
            .map(|(p, stops)| RouteTable {
                name: p.name.clone(),
                // Not marked past: the sheet is printed (as its sessions' rows).
                route: super::views::stops(&stops, NaiveDate::MIN),
                services: p.services.clone(),
            })
            .collect(),
        has_sessions: !sessions.is_empty(),
        services: if services_in_rows {
            Vec::new()
        } else {
            sheet_notes(services, ", ")
        },
        services_legend: legend,
        grid,
        notes: sheet_notes(notes, " "),
        // Its own file: 4 KB inline would not leave room for a dense week.
        qr_path: url
            .as_deref()
            .and_then(|u| qr_svg(u, "Mã QR tới trang lịch tuần này"))
            .map(|svg| {
                let path = plan::week_qr_path(week);
                beside.push((path.clone(), svg.into_bytes()));
                path
            }),
        url,
        // A dense week's script is long: the page links it instead, to
        // stay inside the page budget (docs/decisions.md).
        script_long: paragraphs.iter().map(String::len).sum::<usize>() > SCRIPT_ON_PAGE,
        script: if paragraphs.iter().map(String::len).sum::<usize>() > SCRIPT_ON_PAGE {
            Vec::new()
        } else {
            paragraphs
        },
        script_path: plan::week_script_path(week),
        evening_script_path: plan::week_evening_script_path(week),
        audio_path,
        audio_recorded: recording.is_some(),
        share_zalo: plan::zalo_path(&plan::week_share_dir(week)),
        share_sms: plan::sms_path(&plan::week_share_dir(week)),
        printed: format_date_numeric(shared.today),
        prev: id
            .index()
            .checked_sub(1)
            .map(|p| link(content, plan, plan.weeks[p])),
        next: plan
            .weeks
            .get(id.index() + 1)
            .map(|&w| link(content, plan, w)),
    };
    let title = format!("Lịch {}", sheet.label.to_lowercase());
    let description = format!(
        "{title}: {}, {}. Bản in một trang A4 và lời đọc trên loa.",
        site.campaign.name, site.authority
    );
    ctx.insert("week", &sheet);
    ("week.html", title, description, beside)
}
