//! The loudspeaker announcement for one week: plain Vietnamese sentences an
//! announcer reads as written, every number, date, time and phone number
//! spelled out.
//!
//! [`paragraphs_with_groups`] takes plain data ([`WeekData`]) and any extra
//! sentences a caller wants read before the hotline (campaign progress, say),
//! so the wording lives here and nowhere else.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::calendar::{weekday_in_sentence, weekday_name, PartOfDay, TimeRange};
use super::speech::pronounce::Lexicon;
use super::speech::{date_words, phone_words, spell_out_with, time_range_words};

/// One ISO week's sessions and who to call, as plain values.
#[derive(Clone, Debug, Default)]
pub struct WeekData {
    /// "UBND xã Cẩm Ngọc": spelled out when read ("Ủy ban nhân dân …").
    pub authority: String,
    pub campaign: String,
    /// Monday of the week; the script names the week from Monday to Sunday.
    pub monday: NaiveDate,
    /// Days that have sessions, in date order.
    pub days: Vec<DayData>,
    /// Only contacts with a phone number are read out.
    pub contacts: Vec<ContactData>,
    /// The own contacts of the week's hamlets (and other places), read after
    /// the site's: (the place as named in the sessions, its contacts).
    pub local_contacts: Vec<(String, Vec<ContactData>)>,
    /// Mobile teams' stops in the week, read after the sessions.
    pub routes: Vec<RouteData>,
    /// How abbreviations and names are said (built-in and the site's `pronounce:`).
    pub lexicon: Lexicon,
    /// Changes to the week's sessions (cancelled, postponed, moved), each
    /// one or two written sentences: read first, "Thông báo thay đổi lịch: …".
    pub changes: Vec<String>,
}

/// A mobile team and its stops of the week, in date and time order.
#[derive(Clone, Debug)]
pub struct RouteData {
    /// "Tổ thu nhận lưu động số 1"
    pub team: String,
    pub stops: Vec<StopData>,
    /// What the team does (the point's `services`): said after its stops.
    pub services: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct StopData {
    pub date: NaiveDate,
    /// None: all day.
    pub time: Option<TimeRange>,
    /// Only the part of the day was written: said as words.
    pub part_of_day: Option<PartOfDay>,
    pub place: String,
}

#[derive(Clone, Debug)]
pub struct DayData {
    pub date: NaiveDate,
    /// In the order they are read: by start time, then hamlet.
    pub sessions: Vec<SessionData>,
}

#[derive(Clone, Debug, Default)]
pub struct SessionData {
    /// How the hamlet is named in a sentence: "thôn Đông Lão".
    pub hamlet: String,
    /// None: all day.
    pub time: Option<TimeRange>,
    /// Only the part of the day was written ("Sáng"): said as words.
    pub part_of_day: Option<PartOfDay>,
    pub place: Option<String>,
    /// Who the session is for: "học sinh từ 14 tuổi".
    pub audience: Option<String>,
    pub services: Vec<String>,
    pub note: Option<String>,
}

/// What a contact is for: pages and scripts send questions to the ones that
/// answer them, never to an emergency number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactRole {
    /// hỏi đáp: questions about the campaign (the default).
    Questions,
    /// hỗ trợ tại nhà: officers who come to the homes of the elderly, the sick
    /// and people with disabilities.
    HomeSupport,
    /// khẩn cấp: 113, 114, 115 and the like, for emergencies only.
    Emergency,
}

impl ContactRole {
    /// The key in open data (`du-lieu/lich.json`).
    pub fn key(self) -> &'static str {
        match self {
            ContactRole::Questions => "questions",
            ContactRole::HomeSupport => "home_support",
            ContactRole::Emergency => "emergency",
        }
    }

    /// How pages name it: "Hỏi đáp", "Hỗ trợ tại nhà", "Khẩn cấp".
    pub fn label(self) -> &'static str {
        match self {
            ContactRole::Questions => "Hỏi đáp",
            ContactRole::HomeSupport => "Hỗ trợ tại nhà",
            ContactRole::Emergency => "Khẩn cấp",
        }
    }
}

#[derive(Clone, Debug)]
pub struct ContactData {
    pub name: String,
    pub phone: Option<String>,
    pub hours: Option<String>,
    /// `model::Contact::role`: questions go to question contacts only, and
    /// an emergency number is never read as a place to ask.
    pub role: ContactRole,
}

/// The script paragraph by paragraph, in reading order: greeting, what the
/// notice is about, one paragraph per day, what each session offers, what to
/// bring, `extra_sentences`, the hotline, the closing. Pages call
/// `paragraphs_with_groups`, having the groups already.
#[cfg(test)]
fn paragraphs(week: &WeekData, extra_sentences: &[String]) -> Vec<String> {
    paragraphs_with_groups(
        week,
        &service_groups(week),
        &note_groups(week),
        extra_sentences,
    )
}

/// `paragraphs`, for a caller that has the week's `service_groups` and
/// `note_groups` already (the printed sheet lists them too).
pub fn paragraphs_with_groups(
    week: &WeekData,
    services: &[ItemGroup],
    notes: &[ItemGroup],
    extra_sentences: &[String],
) -> Vec<String> {
    let spell_out = |text: &str| spell_out_with(text, &week.lexicon);
    let authority = spell_out(&week.authority);
    let names = SpokenNames::of(week);
    let mut out = vec!["Kính thưa bà con nhân dân!".to_string()];

    if !week.changes.is_empty() {
        let changes: Vec<String> = week.changes.iter().map(|c| spell_out(c)).collect();
        out.push(format!("Thông báo thay đổi lịch: {}", changes.join(" ")));
    }

    out.push(sentence(format!(
        "{authority} thông báo lịch {} trong tuần {}, như sau",
        inner(&spell_out(&week.campaign)),
        week_span_words(week.monday),
    )));

    for day in &week.days {
        let spoken = names.day(&day.sessions);
        out.push(sentence(format!(
            "{}, {}: {}",
            weekday_name(day.date.weekday()),
            date_words(day.date, false),
            spoken.join("; ")
        )));
    }
    out.extend(week.routes.iter().map(|r| names.route(r)));

    let contacts = contact_sentences(week, &names);
    out.extend(closing(
        week,
        &names,
        services,
        notes,
        extra_sentences,
        &contacts,
    ));
    out
}

/// What follows the sessions in every script, weekly or daily: what the
/// sessions offer and what to bring (said once for the sessions sharing
/// it), `extra_sentences`, who to ask (`contacts`, from
/// [`contact_sentences`]), and the closing.
pub(super) fn closing(
    week: &WeekData,
    names: &SpokenNames,
    services: &[ItemGroup],
    notes: &[ItemGroup],
    extra_sentences: &[String],
    contacts: &[String],
) -> Vec<String> {
    let spell_out = |text: &str| spell_out_with(text, &week.lexicon);
    let authority = spell_out(&week.authority);
    let mut out = Vec::new();
    // What every session offers or asks is said once, for all of them.
    for group in services {
        let whom = if group.every_session {
            "Nội dung các buổi".to_string()
        } else {
            format!("Nội dung buổi tại {}", names.sessions(&group.sessions))
        };
        let items: Vec<String> = group.items.iter().map(|x| inner(&spell_out(x))).collect();
        out.push(sentence(format!("{whom}: {}", items.join(", "))));
    }
    for group in notes {
        let whom = if group.every_session {
            "Bà con lưu ý".to_string()
        } else {
            format!("Bà con {} lưu ý", names.sessions(&group.sessions))
        };
        let note = inner(&spell_out(&group.items.join(" ")));
        out.push(sentence(format!("{whom}: {note}")));
    }

    out.extend(
        extra_sentences
            .iter()
            .map(|s| spell_out(s))
            .filter(|s| !s.is_empty())
            .map(sentence),
    );
    out.extend_from_slice(contacts);
    out.push("Đề nghị bà con sắp xếp công việc, đến đúng giờ, đúng địa điểm.".to_string());
    out.push(format!("{authority} trân trọng thông báo!"));
    out
}

/// Who to ask, one sentence per kind of contact and per place with its own
/// contacts: the same for every evening of a week or a hamlet, so worked
/// out once by a caller reading many.
pub(super) fn contact_sentences(week: &WeekData, names: &SpokenNames) -> Vec<String> {
    let mut out = Vec::new();
    // Emergency numbers are not read: a campaign notice is no reason to call them.
    for (role, lead) in [
        (ContactRole::Questions, "Mọi thắc mắc xin liên hệ"),
        (
            ContactRole::HomeSupport,
            "Người cao tuổi, người ốm đau, người khuyết tật cần được hỗ trợ tại nhà xin liên hệ",
        ),
    ] {
        let hotlines: Vec<String> = week
            .contacts
            .iter()
            .filter(|c| c.role == role)
            .filter_map(|c| contact_words(c, &week.lexicon))
            .collect();
        if !hotlines.is_empty() {
            out.push(sentence(format!("{lead} {}", hotlines.join("; "))));
        }
    }

    for (place, contacts) in &week.local_contacts {
        let numbers: Vec<String> = contacts
            .iter()
            .filter(|c| c.role != ContactRole::Emergency)
            .filter_map(|c| contact_words(c, &week.lexicon))
            .collect();
        if !numbers.is_empty() {
            out.push(sentence(format!(
                "Bà con {} liên hệ {}",
                names.name(place),
                numbers.join("; ")
            )));
        }
    }
    out
}

/// `text` read aloud with the week's lexicon.
pub(super) fn spell_out_for(week: &WeekData, text: &str) -> String {
    spell_out_with(text, &week.lexicon)
}

/// "từ ngày hai mươi tám tháng mười một đến ngày mùng bốn tháng mười hai năm
/// hai nghìn không trăm hai mươi hai": the year once, unless the week spans two.
fn week_span_words(monday: NaiveDate) -> String {
    let sunday = monday + Duration::days(6);
    let same_year = monday.year() == sunday.year();
    format!(
        "từ {} đến {}",
        date_words(monday, !same_year),
        date_words(sunday, true)
    )
}

/// The week's hamlet and place names and times as read inside a sentence,
/// each spelled out once: a province week says the same few names and hours
/// over and over. (Each day is said once: its date is not kept.)
pub(super) struct SpokenNames<'a> {
    lexicon: &'a Lexicon,
    names: HashMap<&'a str, String>,
    times: HashMap<TimeRange, String>,
}

impl<'a> SpokenNames<'a> {
    pub(super) fn of(week: &'a WeekData) -> Self {
        Self::of_sessions(
            &week.lexicon,
            week.days
                .iter()
                .flat_map(|d| d.sessions.iter().map(move |s| (d.date, s))),
        )
    }

    /// The names of `sessions` (each with its date): a week's, or every
    /// session a caller reads in many scripts. Saying a name it does not hold
    /// spells it out then, so a larger set only saves work.
    pub(super) fn of_sessions(
        lexicon: &'a Lexicon,
        sessions: impl IntoIterator<Item = (NaiveDate, &'a SessionData)>,
    ) -> Self {
        let mut spoken = SpokenNames {
            lexicon,
            names: HashMap::new(),
            times: HashMap::new(),
        };
        for (_, s) in sessions {
            let names = [s.place.as_deref(), s.audience.as_deref()];
            for name in std::iter::once(s.hamlet.as_str()).chain(names.into_iter().flatten()) {
                spoken
                    .names
                    .entry(name)
                    .or_insert_with(|| inner(&spell_out_with(name, lexicon)));
            }
            if let Some(time) = s.time {
                spoken
                    .times
                    .entry(time)
                    .or_insert_with(|| time_range_words(&time));
            }
        }
        spoken
    }

    fn name(&self, name: &str) -> String {
        self.names
            .get(name)
            .cloned()
            .unwrap_or_else(|| inner(&spell_out_with(name, self.lexicon)))
    }

    /// Sessions of one day as said, one after the other: "thôn A, từ …; thôn B, cả ngày".
    pub(super) fn sessions_words(&self, sessions: &[SessionData]) -> String {
        self.day(sessions).join("; ")
    }

    /// A day's sessions as said: the sittings of one hamlet at one place
    /// together ("thôn Kìm, từ bảy giờ ba mươi đến mười một giờ ba mươi và
    /// từ mười ba giờ ba mươi đến mười bảy giờ, tại nhà văn hóa thôn").
    fn day(&self, sessions: &[SessionData]) -> Vec<String> {
        let mut groups: Vec<(&SessionData, Vec<String>)> = Vec::new();
        for s in sessions {
            let time = self.time(s);
            match groups.iter_mut().find(|(first, _)| {
                first.hamlet == s.hamlet && first.place == s.place && first.audience == s.audience
            }) {
                Some((_, times)) => times.push(time),
                None => groups.push((s, vec![time])),
            }
        }
        groups
            .iter()
            .map(|(s, times)| self.session(s, &list_words(times)))
            .collect()
    }

    /// "Tổ lưu động số một đến: thứ Hai, ngày năm tháng mười hai, từ bảy
    /// giờ ba mươi đến mười một giờ, tại trường …, và buổi chiều, tại …; thứ Ba, …".
    pub(super) fn route(&self, route: &RouteData) -> String {
        // Per day, the sittings at one place said together, as for a hamlet.
        type Places<'r> = Vec<(&'r str, Vec<String>)>;
        let mut days: Vec<(NaiveDate, Places)> = Vec::new();
        for stop in &route.stops {
            let time = self.when(stop.part_of_day, &stop.time);
            match days.last_mut() {
                Some((date, places)) if *date == stop.date => {
                    match places.iter_mut().find(|(place, _)| *place == stop.place) {
                        Some((_, times)) => times.push(time),
                        None => places.push((&stop.place, vec![time])),
                    }
                }
                _ => days.push((stop.date, vec![(&stop.place, vec![time])])),
            }
        }
        let days: Vec<String> = days
            .iter()
            .map(|(date, places)| {
                let stops: Vec<String> = places
                    .iter()
                    .map(|(place, times)| {
                        format!("{}, tại {}", list_words(times), self.name(place))
                    })
                    .collect();
                format!(
                    "{}, {}, {}",
                    weekday_in_sentence(date.weekday()),
                    date_words(*date, false),
                    list_words(&stops)
                )
            })
            .collect();
        let mut said = sentence(format!(
            "{} đến: {}",
            spell_out_with(&route.team, self.lexicon),
            days.join("; ")
        ));
        if !route.services.is_empty() {
            let services: Vec<String> = route
                .services
                .iter()
                .map(|x| inner(&spell_out_with(x, self.lexicon)))
                .collect();
            said.push(' ');
            said.push_str(&sentence(format!("Nội dung: {}", services.join(", "))));
        }
        said
    }

    fn time(&self, s: &SessionData) -> String {
        self.when(s.part_of_day, &s.time)
    }

    fn when(&self, part_of_day: Option<PartOfDay>, time: &Option<TimeRange>) -> String {
        match (part_of_day, time) {
            (Some(part), _) => format!("buổi {}", part.key()),
            (None, Some(t)) => self
                .times
                .get(t)
                .cloned()
                .unwrap_or_else(|| time_range_words(t)),
            (None, None) => "cả ngày".to_string(),
        }
    }

    /// "thôn Đông Lão, từ bảy giờ ba mươi đến mười một giờ, tại nhà văn hóa thôn".
    fn session(&self, s: &SessionData, time: &str) -> String {
        let mut words = format!("{}, {time}", self.name(&s.hamlet));
        if let Some(place) = s
            .place
            .as_deref()
            .map(|p| self.name(p))
            .filter(|p| !p.is_empty())
        {
            words.push_str(", tại ");
            words.push_str(&place);
        }
        if let Some(audience) = s.audience.as_deref().map(|a| self.name(a)) {
            words.push_str(", dành cho ");
            words.push_str(&audience);
        }
        words
    }

    /// "thôn Kìm ngày mồng bốn tháng mười hai và thôn Song".
    fn sessions(&self, sessions: &[SessionRef]) -> String {
        let names: Vec<String> = sessions
            .iter()
            .map(|r| {
                let hamlet = self.name(&r.hamlet);
                match r.date {
                    Some(date) => format!("{hamlet} {}", date_words(date, false)),
                    None => hamlet,
                }
            })
            .collect();
        list_words(&names)
    }
}

/// "Công an xã Cẩm Ngọc, số điện thoại một một ba, thời gian hai mươi tư trên hai mươi tư".
fn contact_words(c: &ContactData, lexicon: &Lexicon) -> Option<String> {
    let phone = phone_words(c.phone.as_deref()?);
    if phone.is_empty() {
        return None;
    }
    let spell_out = |text: &str| spell_out_with(text, lexicon);
    let mut words = format!("{}, số điện thoại {phone}", spell_out(&c.name));
    if let Some(hours) = c.hours.as_deref().map(spell_out).filter(|h| !h.is_empty()) {
        words.push_str(", thời gian ");
        words.push_str(&inner(&hours));
    }
    Some(words)
}

/// Some of what a week's sessions offer or ask (services, sentences of their
/// notes), shared by the same sessions: printed and read once, with the
/// hamlets it concerns, instead of once per session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemGroup {
    /// In the order first written.
    pub items: Vec<String>,
    /// The sessions it concerns, each hamlet once.
    pub sessions: Vec<SessionRef>,
    /// Every session of the week shares these items.
    pub every_session: bool,
}

/// A session named for a listener: its hamlet, and its date only when the
/// hamlet has more than one session that week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRef {
    pub hamlet: String,
    pub date: Option<NaiveDate>,
}

/// The week's services, grouped by the sessions offering them.
pub fn service_groups(week: &WeekData) -> Vec<ItemGroup> {
    service_groups_of(&week.days)
}

pub(super) fn service_groups_of(days: &[DayData]) -> Vec<ItemGroup> {
    group_items(days, |s| s.services.iter().map(String::as_str).collect())
}

/// The week's notes, sentence by sentence, grouped by the sessions they concern:
/// "Mang theo căn cước" said once even when the second sentence differs.
pub fn note_groups(week: &WeekData) -> Vec<ItemGroup> {
    note_groups_of(&week.days)
}

pub(super) fn note_groups_of(days: &[DayData]) -> Vec<ItemGroup> {
    group_items(days, |s| {
        s.note
            .as_deref()
            .map(|n| sentences(note_body(n)))
            .unwrap_or_default()
    })
}

/// A note without the "Lưu ý:" (or "Chú ý:") the officer may have typed:
/// every output that shows a note already says "Lưu ý", and "lưu ý: lưu ý:"
/// reads as a mistake. Case and diacritics don't matter ("LUU Y:", "chú ý :").
pub fn note_body(note: &str) -> &str {
    let trimmed = note.trim_start();
    let Some((head, rest)) = trimmed.split_once(':') else {
        return note;
    };
    let head = super::text::fold_diacritics(head).to_lowercase();
    let words: Vec<&str> = head.split_whitespace().collect();
    match words.as_slice() {
        ["luu" | "chu", "y"] if !rest.trim().is_empty() => rest.trim_start(),
        _ => note,
    }
}

fn group_items<'s>(
    days: &'s [DayData],
    items_of: impl Fn(&'s SessionData) -> Vec<&'s str>,
) -> Vec<ItemGroup> {
    let sessions: Vec<(NaiveDate, &SessionData)> = days
        .iter()
        .flat_map(|d| d.sessions.iter().map(move |s| (d.date, s)))
        .collect();
    // A hamlet with more than one session is named with each one's date.
    let mut per_hamlet: HashMap<&str, usize> = HashMap::new();
    for (_, s) in &sessions {
        *per_hamlet.entry(s.hamlet.as_str()).or_default() += 1;
    }
    // Each distinct item, first-seen order, with the sessions (by index) having
    // it; borrowed until kept (a province's bulletins group tens of thousands).
    let mut items: Vec<(&str, Vec<usize>)> = Vec::new();
    for (index, (_, session)) in sessions.iter().enumerate() {
        for item in items_of(session) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            match items.iter_mut().find(|(i, _)| *i == item) {
                // Indices only grow: a session listing an item twice is the last.
                Some((_, who)) if who.last() != Some(&index) => who.push(index),
                Some(_) => {}
                None => items.push((item, vec![index])),
            }
        }
    }
    // Items shared by exactly the same sessions go together.
    let mut groups: Vec<(Vec<usize>, Vec<&str>)> = Vec::new();
    for (item, who) in items {
        match groups.iter_mut().find(|(w, _)| *w == who) {
            Some((_, group_items)) => group_items.push(item),
            None => groups.push((who, vec![item])),
        }
    }
    groups
        .into_iter()
        .map(|(who, items)| {
            let mut refs: Vec<SessionRef> = Vec::new();
            for &index in &who {
                let Some((date, session)) = sessions.get(index) else {
                    continue;
                };
                let twice = per_hamlet.get(session.hamlet.as_str()) > Some(&1);
                let reference = SessionRef {
                    hamlet: session.hamlet.clone(),
                    date: twice.then_some(*date),
                };
                if !refs.contains(&reference) {
                    refs.push(reference);
                }
            }
            ItemGroup {
                items: items.into_iter().map(str::to_string).collect(),
                sessions: refs,
                every_session: who.len() == sessions.len(),
            }
        })
        .collect()
}

/// A note's sentences: "Mang theo căn cước. Nhớ số điện thoại." → two.
fn sentences(note: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = note.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
            let end = at + c.len_utf8();
            out.push(note.get(start..end).map_or("", str::trim));
            start = end;
        }
    }
    out.push(note.get(start..).map_or("", str::trim));
    out.retain(|s| !s.is_empty());
    out
}

/// "thôn A", "thôn A và thôn B", "thôn A, thôn B và thôn C".
pub fn list_words(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} và {last}", rest.join(", ")),
    }
}

/// Text placed inside a sentence: "Nhà văn hóa thôn" → "nhà văn hóa thôn",
/// but a proper name ("Hà Nội") or an acronym ("VNeID") keeps its capitals.
pub(super) fn inner(text: &str) -> String {
    let mut words = text.split(' ');
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return text.to_string();
    };
    let mut first_chars = first.chars();
    let Some(initial) = first_chars.next() else {
        return text.to_string();
    };
    let proper = first_chars.any(char::is_uppercase)
        || second.chars().next().is_none_or(|c| !c.is_lowercase());
    if proper || !initial.is_uppercase() {
        return text.to_string();
    }
    let rest: String = text.chars().skip(1).collect();
    format!("{}{rest}", initial.to_lowercase())
}

/// A sentence ends with a full stop unless it already ends with punctuation.
pub(super) fn sentence(text: impl Into<String>) -> String {
    let mut text: String = text.into();
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    if !text.ends_with(['.', '!', '?']) {
        if text.ends_with([',', ';', ':']) {
            text.pop();
        }
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn range(h: u32, m: u32, end: Option<(u32, u32)>) -> Option<TimeRange> {
        Some(TimeRange {
            start: NaiveTime::from_hms_opt(h, m, 0)?,
            end: end.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
        })
    }

    fn example() -> WeekData {
        let card = "Mang theo CCCD gắn chip".to_string();
        WeekData {
            authority: "UBND xã Cẩm Ngọc".into(),
            campaign: "Đợt cao điểm thu nhận hồ sơ định danh điện tử".into(),
            monday: date(2022, 11, 28),
            days: vec![
                DayData {
                    date: date(2022, 11, 29),
                    sessions: vec![
                        SessionData {
                            hamlet: "thôn Đông Lão".into(),
                            time: range(7, 30, Some((11, 0))),
                            part_of_day: None,
                            audience: None,
                            place: Some("Nhà văn hóa thôn".into()),
                            services: vec!["Đăng ký định danh mức 2".into()],
                            note: Some(card.clone()),
                        },
                        SessionData {
                            hamlet: "thôn Kìm".into(),
                            time: range(19, 0, Some((21, 30))),
                            part_of_day: None,
                            audience: None,
                            place: None,
                            services: vec!["Đăng ký định danh mức 2".into()],
                            note: Some(card.clone()),
                        },
                    ],
                },
                DayData {
                    date: date(2022, 12, 4),
                    sessions: vec![SessionData {
                        hamlet: "Tổ dân phố 3".into(),
                        time: None,
                        part_of_day: None,
                        audience: None,
                        place: Some("Trụ sở UBND xã".into()),
                        services: vec!["Đăng ký định danh mức 2".into()],
                        note: Some(card),
                    }],
                },
            ],
            contacts: vec![
                ContactData {
                    name: "Bộ phận một cửa".into(),
                    phone: None,
                    hours: Some("Giờ hành chính".into()),
                    role: ContactRole::Questions,
                },
                ContactData {
                    name: "Công an xã".into(),
                    phone: Some("0237.3830050".into()),
                    hours: Some("7h30-22h".into()),
                    role: ContactRole::Questions,
                },
            ],
            local_contacts: Vec::new(),
            routes: Vec::new(),
            lexicon: Lexicon::built_in(),
            changes: Vec::new(),
        }
    }

    #[test]
    fn script_reads_sentence_by_sentence() {
        let expected = [
            "Kính thưa bà con nhân dân!",
            "Ủy ban nhân dân xã Cẩm Ngọc thông báo lịch đợt cao điểm thu nhận hồ sơ định danh \
             điện tử trong tuần từ ngày hai mươi tám tháng mười một đến ngày mùng bốn tháng mười \
             hai năm hai nghìn không trăm hai mươi hai, như sau.",
            "Thứ Ba, ngày hai mươi chín tháng mười một: thôn Đông Lão, từ bảy giờ ba mươi đến \
             mười một giờ, tại nhà văn hóa thôn; thôn Kìm, từ mười chín giờ đến hai mươi mốt giờ \
             ba mươi.",
            "Chủ nhật, ngày mùng bốn tháng mười hai: tổ dân phố ba, cả ngày, tại trụ sở Ủy ban \
             nhân dân xã.",
            "Nội dung các buổi: đăng ký định danh mức hai.",
            "Bà con lưu ý: mang theo căn cước công dân gắn chip.",
            "Đến nay đã có một nghìn hai trăm người đăng ký.",
            "Mọi thắc mắc xin liên hệ Công an xã, số điện thoại không hai ba bảy, ba tám ba, \
             không không năm không, thời gian bảy giờ ba mươi đến hai mươi hai giờ.",
            "Đề nghị bà con sắp xếp công việc, đến đúng giờ, đúng địa điểm.",
            "Ủy ban nhân dân xã Cẩm Ngọc trân trọng thông báo!",
        ];
        let extra = ["Đến nay đã có 1.200 người đăng ký".to_string()];
        assert_eq!(paragraphs(&example(), &extra), expected);
    }

    #[test]
    fn differing_services_and_notes_name_their_hamlets() {
        let mut week = example();
        let mut sessions = week.days.iter_mut().flat_map(|d| d.sessions.iter_mut());
        if let (Some(_), Some(kim), Some(to_3)) =
            (sessions.next(), sessions.next(), sessions.next())
        {
            kim.services = vec!["Kích hoạt tài khoản".into()];
            kim.note = None;
            to_3.note = Some("Đến trước 8h".into());
        }
        let text = paragraphs(&week, &[]);
        let expect = [
            "Nội dung buổi tại thôn Đông Lão và tổ dân phố ba: đăng ký định danh mức hai.",
            "Nội dung buổi tại thôn Kìm: kích hoạt tài khoản.",
            "Bà con thôn Đông Lão lưu ý: mang theo căn cước công dân gắn chip.",
            "Bà con tổ dân phố ba lưu ý: đến trước tám giờ.",
        ];
        for line in expect {
            assert!(text.iter().any(|p| p == line), "{line:?} not in {text:#?}");
        }
    }

    #[test]
    fn questions_never_go_to_an_emergency_number() {
        let mut week = example();
        week.contacts.push(ContactData {
            name: "Cảnh sát 113".into(),
            phone: Some("113".into()),
            hours: Some("24/24".into()),
            role: ContactRole::Emergency,
        });
        week.contacts.push(ContactData {
            name: "Tổ công tác thôn".into(),
            phone: Some("0912 345 678".into()),
            hours: None,
            role: ContactRole::HomeSupport,
        });
        let text = paragraphs(&week, &[]);
        let asks: Vec<&String> = text.iter().filter(|p| p.contains("liên hệ")).collect();
        assert_eq!(asks.len(), 2, "{text:#?}");
        let (questions, home) = (asks.first(), asks.last());
        assert!(questions.is_some_and(|q| q.starts_with("Mọi thắc mắc xin liên hệ Công an xã,")));
        assert!(home.is_some_and(|h| h.starts_with("Người cao tuổi, người ốm đau, người khuyết tật cần được hỗ trợ tại nhà xin liên hệ Tổ công tác thôn, số điện thoại không chín một hai")));
        assert!(
            !text
                .iter()
                .any(|p| p.contains("một một ba") || p.contains("Cảnh sát")),
            "{text:#?}"
        );
    }

    #[test]
    fn a_week_across_new_year_names_both_years_and_no_phone_means_no_hotline() {
        let mut week = example();
        week.monday = date(2025, 12, 29);
        week.contacts.retain(|c| c.phone.is_none());
        let text = paragraphs(&week, &[]);
        let about = text.get(1).cloned().unwrap_or_default();
        assert!(
            about.contains(
                "từ ngày hai mươi chín tháng mười hai năm hai nghìn không trăm hai mươi lăm \
                 đến ngày mùng bốn tháng một năm hai nghìn không trăm hai mươi sáu"
            ),
            "{about}"
        );
        assert!(!text.iter().any(|p| p.contains("liên hệ")), "{text:#?}");
    }

    /// The example week with these notes on its three sessions, in order.
    fn with_notes(notes: [&str; 3]) -> WeekData {
        let mut week = example();
        for (session, note) in week
            .days
            .iter_mut()
            .flat_map(|d| d.sessions.iter_mut())
            .zip(notes)
        {
            session.note = Some(note.to_string());
        }
        week
    }

    #[test]
    fn notes_are_grouped_sentence_by_sentence() {
        let week = with_notes([
            "Mang theo CCCD. Nhớ mật khẩu VNeID.",
            "Mang theo CCCD. Đến sớm 15 phút.",
            "Mang theo CCCD! Đến sớm 15 phút.",
        ]);
        let refs = |names: &[&str]| -> Vec<SessionRef> {
            names
                .iter()
                .map(|n| SessionRef {
                    hamlet: n.to_string(),
                    date: None,
                })
                .collect()
        };
        assert_eq!(
            note_groups(&week),
            [
                ItemGroup {
                    items: vec!["Mang theo CCCD.".into()],
                    sessions: refs(&["thôn Đông Lão", "thôn Kìm"]),
                    every_session: false,
                },
                ItemGroup {
                    items: vec!["Nhớ mật khẩu VNeID.".into()],
                    sessions: refs(&["thôn Đông Lão"]),
                    every_session: false,
                },
                ItemGroup {
                    items: vec!["Đến sớm 15 phút.".into()],
                    sessions: refs(&["thôn Kìm", "Tổ dân phố 3"]),
                    every_session: false,
                },
                ItemGroup {
                    items: vec!["Mang theo CCCD!".into()],
                    sessions: refs(&["Tổ dân phố 3"]),
                    every_session: false,
                },
            ]
        );
        let text = paragraphs(&week, &[]);
        for line in [
            "Bà con thôn Kìm và tổ dân phố ba lưu ý: đến sớm mười lăm phút.",
            "Bà con thôn Đông Lão lưu ý: nhớ mật khẩu vi en i ai đi.",
        ] {
            assert!(text.iter().any(|p| p == line), "{line:?} not in {text:#?}");
        }
        // Sentences that always go together stay one note, in their order.
        let week = with_notes(["Đến UBND xã. Mang theo CCCD.", "", ""]);
        let groups = note_groups(&week);
        assert_eq!(
            groups.first().map(|g| g.items.join(" ")).as_deref(),
            Some("Đến UBND xã. Mang theo CCCD.")
        );
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn a_hamlet_with_two_sessions_is_named_with_the_date() {
        let mut week = with_notes(["Mang theo CCCD.", "", "Mang theo CCCD."]);
        for session in week.days.iter_mut().flat_map(|d| d.sessions.iter_mut()) {
            if session.hamlet == "Tổ dân phố 3" {
                session.hamlet = "thôn Đông Lão".into();
            }
        }
        let text = paragraphs(&week, &[]);
        let line = "Bà con thôn Đông Lão ngày hai mươi chín tháng mười một và thôn Đông Lão \
                    ngày mùng bốn tháng mười hai lưu ý: mang theo căn cước công dân.";
        assert!(text.iter().any(|p| p == line), "{line:?} not in {text:#?}");
    }

    #[test]
    fn sittings_of_one_hamlet_are_said_together_and_parts_of_day_as_words() {
        let mut week = example();
        if let Some(day) = week.days.first_mut() {
            if let Some(kim) = day.sessions.get_mut(1) {
                kim.time = None;
                kim.part_of_day = Some(PartOfDay::Evening);
            }
            if let Some(morning) = day.sessions.first().cloned() {
                let afternoon = SessionData {
                    time: range(13, 30, Some((17, 0))),
                    ..morning
                };
                day.sessions.insert(1, afternoon);
            }
        }
        let text = paragraphs(&week, &[]);
        let line = "Thứ Ba, ngày hai mươi chín tháng mười một: thôn Đông Lão, từ bảy giờ ba \
                    mươi đến mười một giờ và từ mười ba giờ ba mươi đến mười bảy giờ, tại nhà \
                    văn hóa thôn; thôn Kìm, buổi tối.";
        assert!(text.iter().any(|p| p == line), "{line:?} not in {text:#?}");
    }

    #[test]
    fn a_hamlets_own_contacts_are_read_after_the_sites() {
        let mut week = example();
        week.local_contacts = vec![(
            "thôn Kìm".into(),
            vec![ContactData {
                name: "Trưởng thôn Lê Văn B".into(),
                phone: Some("0912 345 678".into()),
                hours: None,
                role: ContactRole::Questions,
            }],
        )];
        let text = paragraphs(&week, &[]);
        let at = |p: &str| text.iter().position(|t| t.starts_with(p));
        let line = "Bà con thôn Kìm liên hệ Trưởng thôn Lê Văn B, số điện thoại không chín một \
                    hai, ba bốn năm, sáu bảy tám.";
        assert!(text.iter().any(|p| p == line), "{line:?} not in {text:#?}");
        assert!(
            at("Mọi thắc mắc") < at("Bà con thôn Kìm liên hệ"),
            "{text:#?}"
        );
    }

    #[test]
    fn a_typed_note_label_is_not_said_twice() {
        let cases = [
            ("Lưu ý: nhớ mang điện thoại.", "nhớ mang điện thoại."),
            ("  LƯU Ý : Mang CCCD", "Mang CCCD"),
            ("chú ý: đến sớm", "đến sớm"),
            ("Luu y: den som", "den som"),
            ("Lưu ý:", "Lưu ý:"),
            ("Mang theo: CCCD", "Mang theo: CCCD"),
            ("Lưu ý kỹ: giờ mới", "Lưu ý kỹ: giờ mới"),
        ];
        for (note, expected) in cases {
            assert_eq!(note_body(note), expected, "{note:?}");
        }
    }

    #[test]
    fn sentences_split_after_end_punctuation_only() {
        let cases: [(&str, &[&str]); 5] = [
            ("Một. Hai! Ba?", &["Một.", "Hai!", "Ba?"]),
            ("Giờ 7.30 sáng", &["Giờ 7.30 sáng"]),
            ("Không chấm cuối", &["Không chấm cuối"]),
            ("  ", &[]),
            ("Hết.", &["Hết."]),
        ];
        for (note, expected) in cases {
            assert_eq!(sentences(note), expected, "{note:?}");
        }
    }

    #[test]
    fn inner_keeps_names_and_acronyms() {
        let cases = [
            ("Nhà văn hóa thôn", "nhà văn hóa thôn"),
            ("Hà Nội", "Hà Nội"),
            ("VNeID trên điện thoại", "VNeID trên điện thoại"),
            ("Đình", "Đình"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(inner(input), expected);
        }
    }
}
