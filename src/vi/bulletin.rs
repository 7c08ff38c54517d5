//! The evening loudspeaker bulletin: read on the evening before each session
//! ("Sáng mai…", "Tối mai…"), and again for a session later the same evening
//! ("Tối nay…"), with changes to the schedule read first. Worded with the
//! weekly script's pieces (`announce`), so numbers, names and what to bring
//! are said the same way.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};

use super::announce::{self, DayData, RouteData, SessionData, SpokenNames, WeekData};
use super::calendar::weekday_in_sentence;
use super::speech::date_words;

/// The evening broadcast: a session starting at this time or later the same
/// day is still ahead when the bulletin is read, so it is announced "tối nay".
pub fn evening_broadcast() -> NaiveTime {
    NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default()
}

/// One evening's bulletin, as plain values; what every evening shares is
/// [`Bulletins`]'.
#[derive(Clone, Debug, Default)]
pub struct EveningData {
    /// The day it is read, in the evening.
    pub evening: NaiveDate,
    /// Who listens: "thôn Đông Lão" on that hamlet's own loudspeaker, None
    /// on the commune's.
    pub audience: Option<String>,
    /// Changes to the schedule, each one sentence as it is to be read
    /// (cancelled, postponed or moved sessions): read first, before the
    /// schedule. Empty until sessions can say they changed.
    pub changes: Vec<String>,
    /// Sessions on `evening` starting at [`evening_broadcast`] or later.
    pub tonight: Vec<SessionData>,
    /// Every session of the next day, by start time.
    pub tomorrow: Vec<SessionData>,
    /// Mobile teams' stops on `evening` from [`evening_broadcast`] on, and
    /// of the next day: read after the sessions.
    pub tonight_routes: Vec<RouteData>,
    pub tomorrow_routes: Vec<RouteData>,
}

/// An evening's sessions' services and note, when they all share them.
type ClosingKey = (Vec<String>, Option<String>);

/// The bulletins of one loudspeaker, evening after evening: what they all
/// share (the site's words, the names as said, who to ask) worked out once.
/// A province reads tens of thousands of evenings; doing this per evening
/// was a quarter of its build.
pub struct Bulletins<'a> {
    /// Authority, campaign, contacts and lexicon; `days` are ignored.
    site: &'a WeekData,
    names: SpokenNames<'a>,
    contacts: Vec<String>,
    /// The closing paragraphs of evenings whose sessions all offer the same
    /// services and carry the same note (most evenings of a hamlet), by
    /// those: the closing then says them for every session, whoever they are.
    closings: RefCell<HashMap<ClosingKey, Vec<String>>>,
}

impl<'a> Bulletins<'a> {
    /// `sessions`: every session the evenings will announce (more only costs
    /// time; one missing is spelled out when said).
    pub fn new(
        site: &'a WeekData,
        sessions: impl IntoIterator<Item = (NaiveDate, &'a SessionData)>,
    ) -> Self {
        let names = SpokenNames::of_sessions(&site.lexicon, sessions);
        let contacts = announce::contact_sentences(site, &names);
        Bulletins {
            site,
            names,
            contacts,
            closings: RefCell::default(),
        }
    }

    /// The bulletin paragraph by paragraph, in reading order: greeting,
    /// changes, what the notice is about, tonight's sessions, tomorrow's by
    /// part of the day, what they offer and what to bring, who to ask, the
    /// closing.
    pub fn paragraphs(&self, evening: &EveningData) -> Vec<String> {
        paragraphs(self, evening)
    }
}

fn paragraphs(shared: &Bulletins, evening: &EveningData) -> Vec<String> {
    let tomorrow = evening.evening + Duration::days(1);
    // The two days as the weekly script's data, so its pieces apply.
    let week = shared.site;
    let days: Vec<DayData> = [
        (evening.evening, &evening.tonight),
        (tomorrow, &evening.tomorrow),
    ]
    .into_iter()
    .filter(|(_, sessions)| !sessions.is_empty())
    .map(|(date, sessions)| DayData {
        date,
        sessions: sessions.clone(),
    })
    .collect();
    let spell_out = |text: &str| announce::spell_out_for(week, text);
    let mut out = vec![match &evening.audience {
        Some(hamlet) => format!("Kính thưa bà con {}!", spell_out(hamlet)),
        None => "Kính thưa bà con nhân dân!".to_string(),
    }];
    for change in &evening.changes {
        out.push(announce::sentence(format!(
            "Thông báo thay đổi lịch: {}",
            spell_out(change)
        )));
    }
    // An evening with only changes to read has no schedule to introduce.
    if !days.is_empty() || !evening.tonight_routes.is_empty() || !evening.tomorrow_routes.is_empty()
    {
        out.push(announce::sentence(format!(
            "{} thông báo lịch {}, như sau",
            spell_out(&week.authority),
            announce::inner(&spell_out(&week.campaign)),
        )));
    }
    let names = &shared.names;
    let day_words = |date: NaiveDate| {
        format!(
            "{}, {}",
            weekday_in_sentence(date.weekday()),
            date_words(date, false)
        )
    };
    for (part, sessions) in by_part_of_day(&evening.tonight, "nay") {
        out.push(announce::sentence(format!(
            "{part}, {}: {}",
            day_words(evening.evening),
            names.sessions_words(&sessions)
        )));
    }
    for (part, sessions) in by_part_of_day(&evening.tomorrow, "mai") {
        out.push(announce::sentence(format!(
            "{part}, {}: {}",
            day_words(tomorrow),
            names.sessions_words(&sessions)
        )));
    }
    // A team's sentence names its day: "Tối nay, Tổ lưu động số một đến: …".
    for (when, routes) in [
        ("Tối nay", &evening.tonight_routes),
        ("Ngày mai", &evening.tomorrow_routes),
    ] {
        out.extend(routes.iter().map(|r| format!("{when}, {}", names.route(r))));
    }
    out.extend(closing(shared, &days));
    out
}

/// What the sessions offer, what to bring, who to ask, the closing.
fn closing(shared: &Bulletins, days: &[DayData]) -> Vec<String> {
    let make = || {
        let (services, notes) = (
            announce::service_groups_of(days),
            announce::note_groups_of(days),
        );
        announce::closing(
            shared.site,
            &shared.names,
            &services,
            &notes,
            &[],
            &shared.contacts,
        )
    };
    let mut sessions = days.iter().flat_map(|d| &d.sessions);
    let Some(first) = sessions.next() else {
        return make();
    };
    if !sessions.all(|s| s.services == first.services && s.note == first.note) {
        return make();
    }
    let key = (first.services.clone(), first.note.clone());
    if let Some(done) = shared.closings.borrow().get(&key) {
        return done.clone();
    }
    let done = make();
    shared.closings.borrow_mut().insert(key, done.clone());
    done
}

/// Sessions grouped by the part of the day they start in, in order:
/// "Sáng mai", "Trưa mai", "Chiều mai", "Tối mai", and "Ngày mai" for
/// sessions without a time (all day).
fn by_part_of_day(sessions: &[SessionData], day: &str) -> Vec<(String, Vec<SessionData>)> {
    // A part of the day written as a word has its default hours in `time`.
    let part = |s: &SessionData| match s.time.map(|t| t.start.hour()) {
        None => 0,
        Some(0..=10) => 1,
        Some(11..=12) => 2,
        Some(13..=17) => 3,
        Some(_) => 4,
    };
    let mut groups: Vec<(usize, Vec<SessionData>)> = Vec::new();
    for s in sessions {
        let p = part(s);
        match groups.iter_mut().find(|(gp, _)| *gp == p) {
            Some((_, members)) => members.push(s.clone()),
            None => groups.push((p, vec![s.clone()])),
        }
    }
    groups.sort_by_key(|(p, _)| *p);
    groups
        .into_iter()
        .map(|(p, members)| {
            let word = ["Ngày", "Sáng", "Trưa", "Chiều", "Tối"]
                .get(p)
                .copied()
                .unwrap_or("Ngày");
            (format!("{word} {day}"), members)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::announce::ContactData;
    use crate::vi::calendar::TimeRange;
    use crate::vi::speech::pronounce::Lexicon;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn session(hamlet: &str, start: (u32, u32), end: (u32, u32), note: &str) -> SessionData {
        SessionData {
            hamlet: hamlet.into(),
            time: NaiveTime::from_hms_opt(start.0, start.1, 0).map(|start| TimeRange {
                start,
                end: NaiveTime::from_hms_opt(end.0, end.1, 0),
            }),
            place: Some(format!("Nhà văn hóa {hamlet}")),
            services: vec!["Hướng dẫn cài đặt VNeID".into()],
            note: Some(note.into()),
            part_of_day: None,
            audience: None,
        }
    }

    fn site() -> WeekData {
        WeekData {
            authority: "UBND xã Cẩm Ngọc".into(),
            campaign: "Đợt cao điểm hướng dẫn định danh điện tử".into(),
            contacts: vec![ContactData {
                name: "Công an xã".into(),
                phone: Some("0237 3830 050".into()),
                hours: None,
                role: crate::vi::announce::ContactRole::Questions,
            }],
            lexicon: Lexicon::built_in(),
            ..WeekData::default()
        }
    }

    /// The evening read as one of a loudspeaker's bulletins.
    fn paragraphs(e: &EveningData) -> Vec<String> {
        let site = site();
        let sessions = e.tonight.iter().chain(&e.tomorrow).map(|s| (e.evening, s));
        Bulletins::new(&site, sessions).paragraphs(e)
    }

    fn evening() -> EveningData {
        EveningData {
            evening: date(2022, 11, 28),
            audience: None,
            changes: Vec::new(),
            tonight: vec![session("thôn Sành", (19, 0), (21, 30), "Mang theo CCCD.")],
            tomorrow: vec![
                session("thôn Kìm", (7, 30), (11, 0), "Mang theo CCCD."),
                session("thôn Đông Lão", (19, 0), (21, 30), "Mang theo CCCD."),
            ],
            tonight_routes: Vec::new(),
            tomorrow_routes: Vec::new(),
        }
    }

    #[test]
    fn tonight_then_tomorrow_by_part_of_the_day() {
        let expected = [
            "Kính thưa bà con nhân dân!",
            "Ủy ban nhân dân xã Cẩm Ngọc thông báo lịch đợt cao điểm hướng dẫn định danh điện \
             tử, như sau.",
            "Tối nay, thứ Hai, ngày hai mươi tám tháng mười một: thôn Sành, từ mười chín giờ đến \
             hai mươi mốt giờ ba mươi, tại nhà văn hóa thôn Sành.",
            "Sáng mai, thứ Ba, ngày hai mươi chín tháng mười một: thôn Kìm, từ bảy giờ ba mươi \
             đến mười một giờ, tại nhà văn hóa thôn Kìm.",
            "Tối mai, thứ Ba, ngày hai mươi chín tháng mười một: thôn Đông Lão, từ mười chín giờ \
             đến hai mươi mốt giờ ba mươi, tại nhà văn hóa thôn Đông Lão.",
            "Nội dung các buổi: hướng dẫn cài đặt vi en i ai đi.",
            "Bà con lưu ý: mang theo căn cước công dân.",
            "Mọi thắc mắc xin liên hệ Công an xã, số điện thoại không hai ba bảy, ba tám ba \
             không, không năm không.",
            "Đề nghị bà con sắp xếp công việc, đến đúng giờ, đúng địa điểm.",
            "Ủy ban nhân dân xã Cẩm Ngọc trân trọng thông báo!",
        ];
        assert_eq!(paragraphs(&evening()), expected);
    }

    #[test]
    fn changes_come_first_and_a_hamlet_is_greeted_by_name() {
        let mut e = evening();
        e.audience = Some("thôn Kìm".into());
        e.tonight.clear();
        e.tomorrow.truncate(1);
        e.changes = vec!["Buổi tại thôn Kìm ngày 29/11 chuyển sang 7h30 tại NVH thôn".into()];
        let text = paragraphs(&e);
        assert_eq!(
            text.get(..2),
            Some(
                [
                    "Kính thưa bà con thôn Kìm!".to_string(),
                    "Thông báo thay đổi lịch: Buổi tại thôn Kìm ngày hai mươi chín tháng mười \
                     một chuyển sang bảy giờ ba mươi tại nhà văn hóa thôn."
                        .to_string()
                ]
                .as_slice()
            )
        );
        assert!(!text.iter().any(|p| p.starts_with("Tối")), "{text:#?}");
    }

    #[test]
    fn an_all_day_session_is_said_for_the_whole_day() {
        let mut e = evening();
        e.tonight.clear();
        e.tomorrow = vec![SessionData {
            hamlet: "Tổ dân phố 3".into(),
            ..SessionData::default()
        }];
        let text = paragraphs(&e);
        assert!(
            text.contains(
                &"Ngày mai, thứ Ba, ngày hai mươi chín tháng mười một: tổ dân phố ba, cả ngày."
                    .to_string()
            ),
            "{text:#?}"
        );
    }
}
