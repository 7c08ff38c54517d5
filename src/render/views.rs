//! What templates see: plain serializable records with every date, time and
//! link already formatted, so templates need no logic beyond loops.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ContactRole, Content, HamletId, Point, PointKind, Session, Stop};
use crate::plan::{self, FileKind, Plan};
use crate::vi::calendar::{format_date, format_date_numeric, format_time_range, weekday_name};
use chrono::Datelike;

#[derive(Serialize, Clone)]
pub struct SiteView {
    /// How the site's places are named (`area_words`).
    pub area: AreaWords,
    /// `points_title`.
    pub points_title: &'static str,
    pub title: String,
    pub authority: String,
    pub place: String,
    pub base_url: Option<String>,
    pub campaign: CampaignView,
    pub contacts: Vec<ContactView>,
    pub hamlets: Vec<HamletView>,
}

/// How pages name the site's places, from their `kind`: "các tổ dân phố",
/// "các ấp", or "địa bàn" when kinds are mixed (never "thôn" for a ward).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct AreaWords {
    /// "thôn", "tổ dân phố", "địa bàn"
    pub one: String,
    /// "các thôn", "các tổ dân phố", "các địa bàn"
    pub plural: String,
    /// A table's column: "Thôn", "Tổ dân phố", "Địa bàn"
    pub column: String,
    /// "Lịch các thôn", "Lịch các ấp", "Lịch theo địa bàn"
    pub schedule_title: String,
}

/// "Điểm thu nhận hồ sơ", or "Điểm thu nhận, hỗ trợ" when some points only
/// help (their `services` list none that receives applications).
pub fn points_title(content: &Content) -> &'static str {
    let receives = |p: &Point| {
        p.services.is_empty()
            || p.services.iter().any(|s| {
                let plain = crate::vi::text::fold_diacritics(&s.to_lowercase());
                ["thu nhan", "tiep nhan", "nhan ho so", "lam ho so"]
                    .iter()
                    .any(|w| plain.contains(w))
            })
    };
    if content.points.iter().all(receives) {
        "Điểm thu nhận hồ sơ"
    } else {
        "Điểm thu nhận, hỗ trợ"
    }
}

pub fn area_words(content: &Content) -> AreaWords {
    let mut kinds = content
        .site
        .hamlets
        .iter()
        .filter(|h| !h.is_venue())
        .map(|h| h.kind.to_lowercase());
    let first = kinds.next();
    let one = match first {
        Some(kind) if kinds.all(|k| k == kind) && !kind.is_empty() => Some(kind),
        _ => None,
    };
    match one {
        Some(kind) => AreaWords {
            column: super::event::capitalize(&kind),
            plural: format!("các {kind}"),
            schedule_title: format!("Lịch các {kind}"),
            one: kind,
        },
        None => AreaWords {
            one: "địa bàn".into(),
            plural: "các địa bàn".into(),
            column: "Địa bàn".into(),
            schedule_title: "Lịch theo địa bàn".into(),
        },
    }
}

#[derive(Serialize, Clone)]
pub struct CampaignView {
    pub name: String,
    pub start: String,
    pub end: String,
    pub start_iso: String,
    pub end_iso: String,
    /// "chưa bắt đầu", "đang diễn ra" or "đã kết thúc", seen from the build date.
    pub status: String,
    /// Days until the end, counting today, while the campaign runs.
    pub days_left: Option<i64>,
    pub phases: Vec<PhaseView>,
}

#[derive(Serialize, Clone)]
pub struct PhaseView {
    pub name: String,
    pub start: String,
    pub end: String,
    pub start_iso: String,
    pub end_iso: String,
    pub goal: Option<String>,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct ContactView {
    pub name: String,
    pub phone: Option<String>,
    /// `tel:` link with only the digits, so a tap dials.
    pub phone_href: Option<String>,
    pub hours: Option<String>,
    /// `questions`, `home_support` or `emergency` (`model::ContactRole::key`).
    pub role: &'static str,
    /// "Khẩn cấp", "Hỗ trợ tại nhà"; None for a contact for questions.
    pub role_label: Option<&'static str>,
    /// `https://zalo.me/…`, only when the contact has a `zalo`.
    pub zalo: Option<String>,
}

/// A contact as pages show it: the phone as a `tel:` link, Zalo only where given.
pub fn contact(c: &crate::model::Contact) -> ContactView {
    ContactView {
        name: c.name.clone(),
        // A number never breaks across lines: "0237 3830 050" keeps its groups together.
        phone: c.phone.as_ref().map(|p| p.replace(' ', "\u{a0}")),
        phone_href: c
            .phone
            .as_ref()
            .map(|p| {
                p.chars()
                    .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                    .collect::<String>()
            })
            .filter(|d| d.len() >= 3)
            .map(|d| format!("tel:{d}")),
        hours: c.hours.clone(),
        role: c.role().key(),
        // "Tổ hỗ trợ tại nhà" needs no "Hỗ trợ tại nhà:" before it.
        role_label: Some(c.role())
            .filter(|r| *r != ContactRole::Questions)
            .map(ContactRole::label)
            .filter(|label| {
                !crate::vi::text::canonical_key(&c.name)
                    .contains(&crate::vi::text::canonical_key(label))
            }),
        zalo: c.zalo.clone(),
    }
}

/// A place on the map as pages link to it.
#[derive(Serialize, Clone)]
pub struct CoordsView {
    /// "10.2862,104.0553"
    pub text: String,
    /// `geo:` link: the phone's map app.
    pub geo: String,
    /// A map page with a marker.
    pub map: String,
}

pub fn coords(c: crate::model::Coords) -> CoordsView {
    CoordsView {
        text: c.text(),
        geo: c.geo_uri(),
        map: c.map_url(),
    }
}

#[derive(Serialize, Clone)]
pub struct HamletView {
    pub name: String,
    pub kind: String,
    pub label: String,
    pub slug: String,
    pub path: String,
    /// `lich/<slug>.ics`, when the hamlet has sessions.
    pub calendar_path: Option<String>,
    pub session_count: usize,
    /// Other names (`aliases` in site.yaml), as written.
    pub aliases: Vec<String>,
    /// The hamlet's own contacts.
    pub contacts: Vec<ContactView>,
    /// Set for a venue (a school, a company): where it is.
    pub venue: Option<VenueView>,
}

#[derive(Serialize, Clone)]
pub struct VenueView {
    pub address: Option<String>,
    pub coords: Option<CoordsView>,
    /// The hamlet it is in: its label and page.
    pub hamlet_label: Option<String>,
    pub hamlet_path: Option<String>,
}

/// A hamlet's or a venue's view: everything but the session count.
pub fn hamlet(
    content: &Content,
    plan: &Plan,
    h: crate::model::HamletId,
    session_count: usize,
) -> HamletView {
    let hamlet = &content.site.hamlets[h];
    let slug = plan.hamlet_slug(h);
    let venue = hamlet.venue.as_ref().map(|v| {
        let within = v
            .in_hamlet
            .as_ref()
            .and_then(|w| content.site.find_hamlet(&w.value))
            .filter(|&w| !content.site.hamlets[w].is_venue());
        VenueView {
            address: v.address.clone(),
            coords: v.coords.map(coords),
            hamlet_label: within.map(|w| content.site.hamlets[w].label().to_string()),
            hamlet_path: within.map(|w| plan::hamlet_path(plan.hamlet_slug(w))),
        }
    });
    HamletView {
        name: hamlet.name.clone(),
        kind: hamlet.kind.clone(),
        label: hamlet.label().to_string(),
        slug: slug.to_string(),
        path: plan::hamlet_path(slug),
        calendar_path: hamlet_calendar(plan, h),
        session_count,
        aliases: hamlet.aliases.clone(),
        contacts: hamlet.contacts.iter().map(contact).collect(),
        venue,
    }
}

#[derive(Serialize, Clone)]
pub struct SessionView {
    pub date: String,
    pub weekday: String,
    pub date_numeric: String,
    pub date_iso: String,
    pub time: String,
    pub time_start_iso: Option<String>,
    pub time_end_iso: Option<String>,
    pub hamlet: String,
    pub hamlet_label: String,
    pub hamlet_path: String,
    pub place: Option<String>,
    pub services: Vec<String>,
    pub note: Option<String>,
    pub past: bool,
    /// "ĐÃ HỦY", "ĐỔI NGÀY, ĐỔI GIỜ"; empty for a session as planned.
    pub badges: String,
    /// Cancelled or postponed: its time is struck through.
    pub off: bool,
    /// What the latest change replaced, printed struck through.
    pub was_date: Option<String>,
    pub was_time: Option<String>,
    pub was_place: Option<String>,
    /// "Ngày mới sẽ thông báo sau. Lý do: mưa lớn."
    pub change_note: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct PointView {
    /// Its id on the points page (`plan::point_anchor`).
    pub anchor: String,
    pub name: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub address: Option<String>,
    pub coords: Option<CoordsView>,
    pub contacts: Vec<ContactView>,
    pub hours: Option<String>,
    pub period: Option<String>,
    pub from_iso: Option<String>,
    pub to_iso: Option<String>,
    pub services: Vec<String>,
    pub note: Option<String>,
    /// A mobile team's route, one row per stop, day by day: all of it, or
    /// for a long route its coming days (`ROUTE_IN_FULL`).
    pub route: Vec<StopView>,
    /// Stops of a long route not shown: on the week sheets.
    pub route_more: usize,
}

/// A route of up to this many stops is shown whole on the points page; a
/// longer one (a team out every day of a 90-day campaign has 180) shows its
/// coming days, whole days up to this many stops, and links the week
/// sheets, which list every stop: the page stays light.
pub const ROUTE_IN_FULL: usize = 20;

/// One stop of a route, as a row of its table.
#[derive(Serialize, Clone)]
pub struct StopView {
    pub weekday: &'static str,
    pub date_numeric: String,
    pub date_iso: String,
    /// "07:30–11:00", "Chiều" or "Cả ngày".
    pub time: String,
    pub place: String,
    /// The first stop of its day: the row that opens the day.
    pub first_of_day: bool,
    pub past: bool,
}

#[derive(Serialize, Clone)]
pub struct DocLink {
    pub title: String,
    pub summary: Option<String>,
    pub path: String,
}

/// Paths of the site-wide files pages link to; None when not written.
#[derive(Serialize, Clone)]
pub struct FilesView {
    pub calendar: Option<String>,
    pub data_json: String,
    pub data_csv: String,
    pub atom: String,
    pub fragment: String,
    pub news: String,
}

pub fn files(plan: &Plan) -> FilesView {
    let has = |kind| plan.files.iter().any(|f| f.kind == kind);
    FilesView {
        calendar: has(FileKind::Calendar).then(|| plan::CALENDAR.to_string()),
        data_json: plan::DATA_JSON.into(),
        data_csv: plan::DATA_CSV.into(),
        atom: plan::ATOM.into(),
        fragment: plan::FRAGMENT.into(),
        news: plan::NEWS.into(),
    }
}

pub fn hamlet_calendar(plan: &Plan, hamlet: HamletId) -> Option<String> {
    plan.files.iter().find_map(|f| match f.kind {
        FileKind::HamletCalendar(h) if h == hamlet => Some(f.path.clone()),
        _ => None,
    })
}

#[derive(Serialize, Clone)]
pub struct NavItem {
    pub label: String,
    pub path: String,
}

/// "2022-11-30T19:00": a local date and time as `<time datetime>` reads it.
fn iso_at(d: NaiveDate, t: chrono::NaiveTime) -> String {
    format!("{}T{}", iso(d), crate::vi::calendar::format_time(t))
}

fn iso(d: NaiveDate) -> String {
    crate::vi::calendar::format_iso_date(d)
}

pub fn site(content: &Content, plan: &Plan, today: NaiveDate) -> SiteView {
    let s = &content.site;
    let c = &s.campaign;
    let status = match (c.start, c.end) {
        (Some(start), _) if today < start => "chưa bắt đầu",
        (_, Some(end)) if today > end => "đã kết thúc",
        _ => "đang diễn ra",
    };
    let days_left = c
        .end
        .filter(|&end| today <= end && c.start.is_none_or(|s| s <= today))
        .map(|end| (end - today).num_days() + 1);
    let mut counts = vec![0usize; s.hamlets.len()];
    for (i, h) in plan.sessions() {
        counts[h.index()] += 1;
        if let Some(also) = plan.also_in(i) {
            counts[also.index()] += 1;
        }
    }
    SiteView {
        area: area_words(content),
        points_title: points_title(content),
        title: s.title.clone(),
        authority: s.authority.clone(),
        place: s.place.clone(),
        base_url: s.base_url.clone(),
        campaign: CampaignView {
            name: c.name.clone(),
            start: c.start.map(format_date_numeric).unwrap_or_default(),
            end: c.end.map(format_date_numeric).unwrap_or_default(),
            start_iso: c.start.map(iso).unwrap_or_default(),
            end_iso: c.end.map(iso).unwrap_or_default(),
            status: status.to_string(),
            days_left,
            phases: c
                .phases
                .iter()
                .map(|p| PhaseView {
                    name: p.name.clone(),
                    start: format_date_numeric(p.start),
                    end: format_date_numeric(p.end),
                    start_iso: iso(p.start),
                    end_iso: iso(p.end),
                    goal: p.goal.clone(),
                    current: p.start <= today && today <= p.end,
                })
                .collect(),
        },
        contacts: s.contacts.iter().map(contact).collect(),
        hamlets: plan
            .hamlet_slugs()
            .zip(counts)
            .map(|((h, _), session_count)| hamlet(content, plan, h, session_count))
            .collect(),
    }
}

pub fn session(
    content: &Content,
    plan: &Plan,
    s: &Session,
    hamlet: HamletId,
    today: NaiveDate,
) -> SessionView {
    let h = &content.site.hamlets[hamlet];
    SessionView {
        date: format_date(s.date),
        weekday: weekday_name(s.date.weekday()).to_string(),
        date_numeric: format_date_numeric(s.date),
        date_iso: iso(s.date),
        time: match s.part_of_day {
            Some(part) => part.word().to_string(),
            None => s.time.as_ref().map(format_time_range).unwrap_or_default(),
        },
        time_start_iso: s.time.map(|t| iso_at(s.date, t.start)),
        time_end_iso: s.time.and_then(|t| t.end).map(|e| iso_at(s.date, e)),
        hamlet: h.name.clone(),
        hamlet_label: h.label().to_string(),
        hamlet_path: plan::hamlet_path(plan.hamlet_slug(hamlet)),
        place: s.place.clone(),
        services: s.services.clone(),
        note: s.note.clone(),
        past: s.date < today,
        badges: super::change_words::badge_text(s),
        off: s.is_off(),
        was_date: s.was_date().map(format_date),
        was_time: s.was_time().as_ref().map(format_time_range),
        was_place: s.was_place().map(str::to_string),
        change_note: change_note(s),
    }
}

/// "Ngày mới sẽ thông báo sau. Lý do: mưa lớn.": what a changed session's
/// reader needs besides the badge.
fn change_note(s: &Session) -> Option<String> {
    let status = s.status()?;
    let mut parts = Vec::new();
    if status == crate::model::SessionStatus::Postponed {
        parts.push("Ngày mới sẽ thông báo sau.".to_string());
    }
    if let Some(reason) = s.reason() {
        let end = if reason.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        parts.push(format!("Lý do: {reason}{end}"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

pub fn point(content: &Content, p: &Point, today: NaiveDate) -> PointView {
    let shown = shown_stops(&p.route, today);
    let period = match (p.from, p.to) {
        (Some(f), Some(t)) => Some(format!(
            "{} – {}",
            format_date_numeric(f),
            format_date_numeric(t)
        )),
        (Some(f), None) => Some(format!("từ {}", format_date_numeric(f))),
        (None, Some(t)) => Some(format!("đến {}", format_date_numeric(t))),
        (None, None) => None,
    };
    PointView {
        anchor: plan::point_anchor(content, p),
        name: p.name.clone(),
        kind: match p.kind {
            PointKind::Fixed => "fixed",
            PointKind::Mobile => "mobile",
        },
        kind_label: match p.kind {
            PointKind::Fixed => "Điểm cố định",
            PointKind::Mobile => "Điểm lưu động",
        },
        address: p.address.clone(),
        coords: p.coords.map(coords),
        contacts: p.contacts.iter().map(contact).collect(),
        hours: p.hours.clone(),
        period,
        from_iso: p.from.map(iso),
        to_iso: p.to.map(iso),
        services: p.services.clone(),
        note: p.note.clone(),
        route: stops(&shown, today),
        route_more: p.route.len() - shown.len(),
    }
}

/// The stops of a route the points page shows (see `ROUTE_IN_FULL`).
fn shown_stops(route: &[Stop], today: NaiveDate) -> Vec<&Stop> {
    if route.len() <= ROUTE_IN_FULL {
        return route.iter().collect();
    }
    let horizon = today + chrono::Duration::days(super::COMING_DAYS);
    let coming: Vec<&Stop> = route
        .iter()
        .filter(|s| s.date >= today && s.date < horizon)
        .collect();
    let mut shown = Vec::new();
    for day in coming.chunk_by(|a, b| a.date == b.date) {
        if !shown.is_empty() && shown.len() + day.len() > ROUTE_IN_FULL {
            break;
        }
        shown.extend_from_slice(day);
    }
    shown
}

/// Rows of a route table: `route` in date and time order (a team's whole
/// route, or its stops of one week).
pub fn stops(route: &[&Stop], today: NaiveDate) -> Vec<StopView> {
    route
        .iter()
        .enumerate()
        .map(|(i, stop)| StopView {
            weekday: weekday_name(stop.date.weekday()),
            date_numeric: format_date_numeric(stop.date),
            date_iso: iso(stop.date),
            time: stop_time(stop),
            place: stop.place.clone(),
            first_of_day: i == 0 || route[i - 1].date != stop.date,
            past: stop.date < today,
        })
        .collect()
}

/// "07:30–11:00", "Chiều" or "Cả ngày", as a session's time is shown.
fn stop_time(stop: &Stop) -> String {
    match (stop.part_of_day, stop.time) {
        (Some(part), _) => part.word().to_string(),
        (None, Some(t)) => format_time_range(&t),
        (None, None) => "Cả ngày".to_string(),
    }
}

/// A route stop as an item of a coming list, beside sessions: the team in
/// the hamlet's place, linking to the points page where its route is.
pub fn stop_session(content: &Content, p: &Point, stop: &Stop, today: NaiveDate) -> SessionView {
    SessionView {
        date: format_date(stop.date),
        weekday: weekday_name(stop.date.weekday()).to_string(),
        date_numeric: format_date_numeric(stop.date),
        date_iso: iso(stop.date),
        time: stop_time(stop),
        time_start_iso: stop.time.map(|t| iso_at(stop.date, t.start)),
        time_end_iso: stop.time.and_then(|t| t.end).map(|e| iso_at(stop.date, e)),
        hamlet: p.name.clone(),
        hamlet_label: p.name.clone(),
        hamlet_path: plan::point_link(content, p),
        place: Some(stop.place.clone()),
        services: p.services.clone(),
        note: None,
        past: stop.date < today,
        badges: String::new(),
        off: false,
        was_date: None,
        was_time: None,
        was_place: None,
        change_note: None,
    }
}
