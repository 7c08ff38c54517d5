//! Open data: `du-lieu/lich.json` (versioned shape, see docs/du-lieu.md) and
//! `du-lieu/lich.csv` (UTF-8 with BOM so Excel reads Vietnamese, CRLF).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::{Content, PointKind, Session, SessionId, SessionStatus};
use crate::plan::{self, Plan};
use crate::vi::calendar::{format_time, weekday_name};

/// Bump only when a field changes meaning or disappears; adding fields keeps it.
pub const DATA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Data<'a> {
    version: u32,
    site: SiteData<'a>,
    hamlets: Vec<HamletData<'a>>,
    sessions: Vec<SessionData<'a>>,
    points: Vec<PointData<'a>>,
    /// Places that are not hamlets (`venues:` in site.yaml).
    venues: Vec<VenueData<'a>>,
}

#[derive(Serialize)]
struct VenueData<'a> {
    #[serde(flatten)]
    place: HamletData<'a>,
    address: Option<&'a str>,
    coords: Option<CoordsData>,
    /// The slug of the hamlet it is in, when given.
    hamlet: Option<&'a str>,
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    authority: &'a str,
    place: &'a str,
    base_url: Option<&'a str>,
    campaign: CampaignData<'a>,
    contacts: Vec<ContactData<'a>>,
}

#[derive(Serialize)]
struct CampaignData<'a> {
    name: &'a str,
    start: Option<String>,
    end: Option<String>,
    phases: Vec<PhaseData<'a>>,
}

#[derive(Serialize)]
struct PhaseData<'a> {
    name: &'a str,
    start: String,
    end: String,
    goal: Option<&'a str>,
}

#[derive(Serialize)]
struct ContactData<'a> {
    name: &'a str,
    phone: Option<&'a str>,
    hours: Option<&'a str>,
    role: &'static str,
    /// `https://zalo.me/…`, when given.
    zalo: Option<&'a str>,
}

fn contact(c: &crate::model::Contact) -> ContactData<'_> {
    ContactData {
        name: &c.name,
        phone: c.phone.as_deref(),
        hours: c.hours.as_deref(),
        role: c.role().key(),
        zalo: c.zalo.as_deref(),
    }
}

/// A place on the map, in degrees.
#[derive(Serialize)]
struct CoordsData {
    lat: f64,
    lon: f64,
}

fn coords(c: crate::model::Coords) -> CoordsData {
    CoordsData {
        lat: c.lat,
        lon: c.lon,
    }
}

#[derive(Serialize)]
struct HamletData<'a> {
    slug: &'a str,
    name: &'a str,
    kind: &'a str,
    label: String,
    page: String,
    calendar: Option<String>,
    /// Other names (`aliases`), as written; sessions may use them.
    aliases: &'a [String],
    contacts: Vec<ContactData<'a>>,
}

#[derive(Serialize)]
struct SessionData<'a> {
    /// The hamlet's slug: where the session is, or for a session at a venue
    /// the hamlet it also belongs to (null when none).
    hamlet: Option<&'a str>,
    /// The venue's slug, for a session at a venue.
    venue: Option<&'a str>,
    /// Who the session is for.
    audience: Option<&'a str>,
    date: String,
    start: Option<String>,
    end: Option<String>,
    all_day: bool,
    /// "sáng", "chiều" or "tối" when only the part of the day was written;
    /// `start` and `end` are then its default hours.
    part_of_day: Option<&'static str>,
    place: Option<&'a str>,
    services: &'a [String],
    note: Option<&'a str>,
    /// `cancelled`, `postponed`, `moved`, or null as planned.
    status: Option<&'static str>,
    /// Earlier values, oldest first (only the parts each change replaced).
    was: Vec<EarlierData<'a>>,
    reason: Option<&'a str>,
    changed: Option<String>,
}

#[derive(Serialize)]
struct EarlierData<'a> {
    date: Option<String>,
    start: Option<String>,
    end: Option<String>,
    place: Option<&'a str>,
}

#[derive(Serialize)]
struct PointData<'a> {
    name: &'a str,
    kind: &'static str,
    address: Option<&'a str>,
    hours: Option<&'a str>,
    from: Option<String>,
    to: Option<String>,
    services: &'a [String],
    note: Option<&'a str>,
    /// Where the point is, when `coords` is given.
    coords: Option<CoordsData>,
    contacts: Vec<ContactData<'a>>,
    /// A mobile team's stops, by date and time (empty for other points).
    route: Vec<StopData<'a>>,
}

/// One stop of a route, timed as a session is.
#[derive(Serialize)]
struct StopData<'a> {
    date: String,
    start: Option<String>,
    end: Option<String>,
    all_day: bool,
    part_of_day: Option<&'static str>,
    place: &'a str,
}

fn stop(s: &crate::model::Stop) -> StopData<'_> {
    StopData {
        date: iso(s.date),
        start: s.time.map(|t| format_time(t.start)),
        end: s.time.and_then(|t| t.end).map(format_time),
        all_day: s.time.is_none(),
        part_of_day: s.part_of_day.map(|p| p.key()),
        place: &s.place,
    }
}

fn place_data<'a>(
    content: &'a Content,
    plan: &'a Plan,
    h: crate::model::HamletId,
    slug: &'a str,
) -> HamletData<'a> {
    let place = &content.site.hamlets[h];
    HamletData {
        slug,
        name: &place.name,
        kind: &place.kind,
        label: place.label().to_string(),
        page: plan::hamlet_path(slug),
        calendar: super::views::hamlet_calendar(plan, h),
        aliases: &place.aliases,
        contacts: place.contacts.iter().map(contact).collect(),
    }
}

fn iso(d: NaiveDate) -> String {
    crate::vi::calendar::format_iso_date(d)
}

/// `hamlet` and `venue` are the slugs of where the session is listed.
fn session<'a>(s: &'a Session, hamlet: Option<&'a str>, venue: Option<&'a str>) -> SessionData<'a> {
    SessionData {
        hamlet,
        venue,
        audience: s.audience.as_deref(),
        date: iso(s.date),
        start: s.time.map(|t| format_time(t.start)),
        end: s.time.and_then(|t| t.end).map(format_time),
        all_day: s.time.is_none(),
        part_of_day: s.part_of_day.map(|p| p.key()),
        place: s.place.as_deref(),
        services: &s.services,
        note: s.note.as_deref(),
        status: s.status().map(SessionStatus::key),
        was: s
            .change
            .iter()
            .flat_map(|c| &c.was)
            .map(|e| EarlierData {
                date: e.date.map(iso),
                start: e.time.map(|t| format_time(t.start)),
                end: e.time.and_then(|t| t.end).map(format_time),
                place: e.place.as_deref(),
            })
            .collect(),
        reason: s.reason(),
        changed: s.changed_on().map(iso),
    }
}

/// `du-lieu/lich.json`, pretty-printed so an officer can read it too.
pub fn json(content: &Content, plan: &Plan, ordered: &[SessionId]) -> Vec<u8> {
    let site = &content.site;
    let c = &site.campaign;
    let data = Data {
        version: DATA_VERSION,
        site: SiteData {
            title: &site.title,
            authority: &site.authority,
            place: &site.place,
            base_url: site.base_url.as_deref(),
            campaign: CampaignData {
                name: &c.name,
                start: c.start.map(iso),
                end: c.end.map(iso),
                phases: c
                    .phases
                    .iter()
                    .map(|p| PhaseData {
                        name: &p.name,
                        start: iso(p.start),
                        end: iso(p.end),
                        goal: p.goal.as_deref(),
                    })
                    .collect(),
            },
            contacts: site.contacts.iter().map(contact).collect(),
        },
        hamlets: plan
            .hamlet_slugs()
            .filter(|&(h, _)| !site.hamlets[h].is_venue())
            .map(|(h, slug)| place_data(content, plan, h, slug))
            .collect(),
        venues: plan
            .hamlet_slugs()
            .filter_map(|(h, slug)| {
                let v = site.hamlets[h].venue.as_ref()?;
                let within = v
                    .in_hamlet
                    .as_ref()
                    .and_then(|w| site.find_hamlet(&w.value))
                    .filter(|&w| !site.hamlets[w].is_venue());
                Some(VenueData {
                    place: place_data(content, plan, h, slug),
                    address: v.address.as_deref(),
                    coords: v.coords.map(coords),
                    hamlet: within.map(|w| plan.hamlet_slug(w)),
                })
            })
            .collect(),
        sessions: ordered
            .iter()
            .filter_map(|&i| {
                let h = plan.hamlet_of(i)?;
                let slug = Some(plan.hamlet_slug(h));
                Some(if site.hamlets[h].is_venue() {
                    let also = plan.also_in(i).map(|a| plan.hamlet_slug(a));
                    session(&content.sessions[i], also, slug)
                } else {
                    session(&content.sessions[i], slug, None)
                })
            })
            .collect(),
        points: content
            .points
            .iter()
            .map(|p| PointData {
                name: &p.name,
                kind: match p.kind {
                    PointKind::Fixed => "fixed",
                    PointKind::Mobile => "mobile",
                },
                address: p.address.as_deref(),
                hours: p.hours.as_deref(),
                from: p.from.map(iso),
                to: p.to.map(iso),
                services: &p.services,
                note: p.note.as_deref(),
                coords: p.coords.map(coords),
                contacts: p.contacts.iter().map(contact).collect(),
                route: p.route.iter().map(stop).collect(),
            })
            .collect(),
    };
    // Serializing plain strings and numbers cannot fail.
    let mut out = serde_json::to_vec_pretty(&data).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The columns of `lich.csv`. New columns go at the end: programs read the
/// older ones by position.
pub const CSV_HEADER: [&str; 17] = [
    "Ngày",
    "Thứ",
    "Thôn",
    "Mã thôn",
    "Bắt đầu",
    "Kết thúc",
    "Địa điểm",
    "Nội dung",
    "Ghi chú",
    "Buổi",
    // A change, as the schedule's own columns name it (the latest one only).
    "Trạng thái",
    "Ngày cũ",
    "Giờ cũ",
    "Địa điểm cũ",
    "Lý do",
    "Ngày thông báo",
    "Đối tượng",
];

/// The "Trạng thái" of a row: the word officers write in that column.
fn status_word(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Cancelled => "hủy",
        SessionStatus::Postponed => "hoãn",
        SessionStatus::Moved => "dời",
    }
}

/// `du-lieu/lich.csv`: one row per session, the schedule's order.
pub fn csv(content: &Content, plan: &Plan, ordered: &[SessionId]) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv_writer(&mut out);
        w.write_record(CSV_HEADER).map_err(|e| e.to_string())?;
        write_csv_rows(&mut w, content, plan, ordered, &[])?;
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The writer of `lich.csv`: CRLF line ends, as Excel writes them.
pub fn csv_writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// A cell of a CSV file as a spreadsheet should read it: text that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a
/// formula in Excel, LibreOffice or Google Sheets (`=HYPERLINK(…)` leads
/// anywhere, DDE formulas start programs), so it gets a leading `'`, which
/// they read as "this is text" (OWASP's advice for CSV injection). Numbers
/// and times bangtin writes never start so; `lich.json` keeps the text exact.
pub fn spreadsheet_text(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One row per session (`CSV_HEADER`'s columns), after the `leading` cells
/// (the province file puts the commune first).
pub fn write_csv_rows<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    content: &Content,
    plan: &Plan,
    ordered: &[SessionId],
    leading: &[&str],
) -> Result<(), String> {
    for &i in ordered {
        let Some(h) = plan.hamlet_of(i) else {
            continue;
        };
        let s = &content.sessions[i];
        let date = iso(s.date);
        let start = s.time.map(|t| format_time(t.start)).unwrap_or_default();
        let end = s
            .time
            .and_then(|t| t.end)
            .map(format_time)
            .unwrap_or_default();
        let services = s.services.join("; ");
        let was = s.latest_was();
        let was_date = was.and_then(|w| w.date).map(iso).unwrap_or_default();
        let was_time = was.and_then(|w| w.time).map_or(String::new(), |t| {
            let mut text = format_time(t.start);
            if let Some(end) = t.end {
                text.push('-');
                text.push_str(&format_time(end));
            }
            text
        });
        let changed = s.changed_on().map(iso).unwrap_or_default();
        let row = [
            date.as_str(),
            weekday_name(s.date.weekday()),
            content.site.hamlets[h].label(),
            plan.hamlet_slug(h),
            start.as_str(),
            end.as_str(),
            s.place.as_deref().unwrap_or_default(),
            services.as_str(),
            s.note.as_deref().unwrap_or_default(),
            s.part_of_day.map_or("", |p| p.word()),
            s.status().map(status_word).unwrap_or_default(),
            was_date.as_str(),
            was_time.as_str(),
            was.and_then(|w| w.place.as_deref()).unwrap_or_default(),
            s.reason().unwrap_or_default(),
            changed.as_str(),
            s.audience.as_deref().unwrap_or_default(),
        ];
        for cell in leading.iter().copied().chain(row) {
            w.write_field(spreadsheet_text(cell).as_bytes())
                .map_err(|e| e.to_string())?;
        }
        w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_a_spreadsheet_would_run_are_marked_as_text() {
        for cell in ["=1+1", "+84", "-1", "@SUM(1)", "\t=1", "\r=1"] {
            assert_eq!(super::spreadsheet_text(cell), format!("'{cell}"));
        }
        assert_eq!(super::spreadsheet_text("Kích hoạt"), "Kích hoạt");
    }
}
