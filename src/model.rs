//! The site as plain data, after loading: typed values with the place each was
//! written. Every later stage reads this and nothing else.

pub mod change;
mod ids;
pub mod progress;

/// Defined beside the loudspeaker script, which decides by it (`vi` is below the model).
pub use crate::vi::announce::ContactRole;
pub use change::{Change, Earlier, SessionStatus, Touched};
pub(crate) use ids::typed_ids;
pub use ids::{GuideId, HamletId, NewsId, PageId, SessionId};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Pos};
use crate::vi::calendar::{PartOfDay, TimeRange};

/// Where something was written: a file relative to the site folder, and a position.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Source {
    pub file: PathBuf,
    pub pos: Option<Pos>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Option<Pos>,
}

#[derive(Clone, Debug, Default)]
pub struct Content {
    pub site: Site,
    pub sessions: Vec<Session>,
    pub points: Vec<Point>,
    pub guides: Vec<Document>,
    pub pages: Vec<Document>,
    /// `news/*.md`, in file order; the planner sorts them newest first.
    pub news: Vec<NewsItem>,
    pub static_files: Vec<StaticFile>,
    /// `audio/tuan-<năm>-<tuần>.mp3`: the officer's own recordings of weeks'
    /// scripts, published in place of the synthetic voice.
    pub recordings: Vec<Recording>,
    /// Theme files the site overrides: (file name, template text).
    pub template_overrides: Vec<(String, String)>,
    /// `progress.yaml`, when the site has one.
    pub progress: Option<progress::Progress>,
}

#[derive(Clone, Debug, Default)]
pub struct Site {
    pub title: String,
    pub authority: String,
    pub place: String,
    pub base_url: Option<String>,
    pub campaign: Campaign,
    pub contacts: Vec<Contact>,
    pub hamlets: Vec<Hamlet>,
    /// Where guides may embed frames from (`embeds` in site.yaml).
    pub embeds: Vec<crate::raw_html::EmbedSource>,
    /// How the loudspeaker says abbreviations and names (`pronounce:` in
    /// site.yaml): (written word, reading), on top of the built-in table.
    pub pronounce: Vec<(String, String)>,
    pub source: Source,
}

impl Site {
    /// The hamlet a session names, matched the way officers type names: NFC or
    /// NFD, old or new tone placement, any case.
    pub fn find_hamlet(&self, name: &str) -> Option<HamletId> {
        self.match_hamlet(name).map(|(h, _)| h)
    }

    /// `find_hamlet`, saying whether the name or one of the hamlet's
    /// `aliases` (an old or common name) was written.
    pub fn match_hamlet(&self, name: &str) -> Option<(HamletId, NameMatch)> {
        // Most sessions name their hamlet exactly as site.yaml does: no key
        // needed (two hamlets with one key are refused by validation).
        if let Some(exact) = self.hamlets.iter().position(|h| h.name == name) {
            return Some((HamletId::new(exact), NameMatch::Name));
        }
        let key = crate::vi::text::canonical_key(name);
        if let Some(h) = self.hamlets.iter().position(|h| h.key == key) {
            return Some((HamletId::new(h), NameMatch::Name));
        }
        self.hamlets.iter().enumerate().find_map(|(h, hamlet)| {
            let alias = hamlet.alias_keys.iter().position(|k| *k == key)?;
            Some((HamletId::new(h), NameMatch::Alias(alias)))
        })
    }
}

/// How a schedule named a hamlet: by its name, or by one of its aliases (by
/// index in `Hamlet::aliases`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameMatch {
    Name,
    Alias(usize),
}

#[derive(Clone, Debug, Default)]
pub struct Campaign {
    pub name: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub phases: Vec<Phase>,
    pub source: Source,
}

#[derive(Clone, Debug)]
pub struct Phase {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub goal: Option<String>,
    pub source: Source,
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    /// Where to reach the contact on Zalo: a `https://zalo.me/…` link (a
    /// person or a group), made from what was written (`fields::optional_zalo`).
    pub zalo: Option<String>,
    pub hours: Option<String>,
    /// As written in `role`; see [`Contact::role`] for the role it plays.
    pub written_role: Option<ContactRole>,
}

/// A place on the map, in degrees (WGS 84, as phones and map sites give them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coords {
    pub lat: f64,
    pub lon: f64,
}

impl Coords {
    /// "10.2862,104.0553": six decimals at most (10 cm), trailing zeros dropped.
    pub fn text(self) -> String {
        format!("{},{}", decimal(self.lat), decimal(self.lon))
    }

    /// `geo:10.2862,104.0553` (RFC 5870): a phone opens its map app there.
    pub fn geo_uri(self) -> String {
        format!("geo:{}", self.text())
    }

    /// A map with a marker, that needs no script and no key on our side.
    pub fn map_url(self) -> String {
        let (lat, lon) = (decimal(self.lat), decimal(self.lon));
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
    }
}

fn decimal(x: f64) -> String {
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0');
    text.strip_suffix('.').unwrap_or(text).to_string()
}

/// 113 (police), 114 (fire), 115 (ambulance): for emergencies only, whatever
/// the contact's written role says.
pub fn is_emergency_number(phone: &str) -> bool {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    matches!(digits.as_str(), "113" | "114" | "115")
}

impl Contact {
    /// The role the contact plays: an emergency number is always an
    /// emergency contact; otherwise as written, and questions by default.
    pub fn role(&self) -> ContactRole {
        if self.phone.as_deref().is_some_and(is_emergency_number) {
            return ContactRole::Emergency;
        }
        self.written_role.unwrap_or(ContactRole::Questions)
    }
}

#[derive(Clone, Debug)]
pub struct Hamlet {
    /// As `site.yaml` writes it; this is what pages show.
    pub name: String,
    /// thôn, xóm, bản, ấp, khu phố, tổ dân phố…
    pub kind: String,
    pub slug: Option<Located<String>>,
    pub source: Source,
    /// `vi::text::canonical_key` of the name, computed once: sessions are
    /// matched to hamlets by it, tens of thousands of times in a province.
    pub key: String,
    label: String,
    /// Other names people use (old names from mergers, common spellings):
    /// schedules may use them, and `tim-noi-o/` lists them.
    pub aliases: Vec<String>,
    alias_keys: Vec<String>,
    /// The hamlet's own contacts (head of the hamlet, its working group).
    pub contacts: Vec<Contact>,
    /// Set for a place that is not a hamlet (`venues:` in site.yaml: a
    /// school, a company, an industrial park). Venues are kept with the
    /// hamlets so every page, calendar, data file and script that serves a
    /// hamlet's schedule serves theirs; hamlet lists and progress skip them.
    pub venue: Option<Box<VenueDetails>>,
}

/// What a venue has that a hamlet has not.
#[derive(Clone, Debug, Default)]
pub struct VenueDetails {
    pub address: Option<String>,
    pub coords: Option<Coords>,
    /// The hamlet it is in (`hamlet:` of the venue): its sessions show on
    /// that hamlet's page too.
    pub in_hamlet: Option<Located<String>>,
}

impl Hamlet {
    pub fn new(
        name: String,
        kind: String,
        slug: Option<Located<String>>,
        source: Source,
    ) -> Hamlet {
        let key = crate::vi::text::canonical_key(&name);
        // A name that already says its kind ("Tổ dân phố 3", "Khu phố 5") is not prefixed twice.
        let kind_key = crate::vi::text::canonical_key(&kind);
        let label = if kind.is_empty() || key.starts_with(&format!("{kind_key} ")) {
            name.clone()
        } else {
            format!("{kind} {name}")
        };
        Hamlet {
            name,
            kind,
            slug,
            source,
            key,
            label,
            aliases: Vec::new(),
            alias_keys: Vec::new(),
            contacts: Vec::new(),
            venue: None,
        }
    }

    pub fn as_venue(mut self, details: VenueDetails) -> Hamlet {
        self.venue = Some(Box::new(details));
        self
    }

    pub fn is_venue(&self) -> bool {
        self.venue.is_some()
    }

    pub fn with_contacts(mut self, contacts: Vec<Contact>) -> Hamlet {
        self.contacts = contacts;
        self
    }

    pub fn with_aliases(mut self, aliases: Vec<String>) -> Hamlet {
        self.alias_keys = aliases
            .iter()
            .map(|a| crate::vi::text::canonical_key(a))
            .collect();
        self.aliases = aliases;
        self
    }

    /// `canonical_key` of each alias, in `aliases` order.
    pub fn alias_keys(&self) -> &[String] {
        &self.alias_keys
    }

    /// "thôn Đông Lão": how a hamlet is named in a sentence.
    pub fn label(&self) -> &str {
        &self.label
    }
}

#[derive(Clone, Debug)]
pub struct Session {
    /// The place whose page lists the session: the hamlet, or the venue
    /// (`venue:`) when one is written (venues are places in `Site::hamlets`).
    pub hamlet: Located<String>,
    /// The hamlet written beside a `venue`: the session shows on its page too.
    pub in_hamlet: Option<Located<String>>,
    /// Who the session is for (`audience`): "Học sinh từ 14 tuổi".
    pub audience: Option<String>,
    pub date: NaiveDate,
    /// One sitting of the day; None for all day. A row written with several
    /// sittings ("7h30-11h30 và 13h30-17h") or several dates (`dates`,
    /// `days`) is loaded as one session per date and sitting.
    pub time: Option<TimeRange>,
    /// Set when only the part of the day was written ("Sáng"): pages and
    /// scripts say the word, calendars use `time` (its default hours).
    pub part_of_day: Option<PartOfDay>,
    pub place: Option<String>,
    pub services: Vec<String>,
    pub note: Option<String>,
    pub source: Source,
    /// `status`, `was`, `reason`, `changed`; None for a session as planned
    /// (boxed: a province has 90,000 sessions and few changes).
    pub change: Option<Box<Change>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PointKind {
    Fixed,
    Mobile,
}

#[derive(Clone, Debug)]
pub struct Point {
    pub name: String,
    pub kind: PointKind,
    pub address: Option<String>,
    /// Where it is on a map (`coords: 10.2862, 104.0553`).
    pub coords: Option<Coords>,
    pub contacts: Vec<Contact>,
    pub hours: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub services: Vec<String>,
    pub note: Option<String>,
    /// A mobile team's day-by-day route (`route:`), in date and time order.
    pub route: Vec<Stop>,
    pub source: Source,
}

/// One stop of a mobile team's route: where it is on a day, at what hours.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    pub date: NaiveDate,
    /// One sitting; None for all day. An entry written with several sittings
    /// ("7h30-11h và 13h30-16h30") is one stop per sitting.
    pub time: Option<TimeRange>,
    /// Set when only the part of the day was written ("Chiều"), as for sessions.
    pub part_of_day: Option<PartOfDay>,
    pub place: String,
    pub pos: Option<Pos>,
}

/// A guide or a page: markdown with front matter.
#[derive(Clone, Debug)]
pub struct Document {
    /// File name without `.md`: the last part of its URL.
    pub stem: String,
    pub title: String,
    pub summary: Option<String>,
    pub order: Option<i64>,
    pub draft: bool,
    pub body: String,
    /// Line of the file on which `body` starts (after the front matter).
    pub body_line: u32,
    pub source: Source,
}

/// A news item: a document with the date it was published.
#[derive(Clone, Debug)]
pub struct NewsItem {
    pub date: NaiveDate,
    pub doc: Document,
}

#[derive(Clone, Debug)]
pub struct StaticFile {
    /// Path under `static/`, with `/` separators; also its path in the output.
    pub rel: String,
    pub abs: PathBuf,
    /// Width and height in pixels, when it is an image.
    pub size: Option<(u32, u32)>,
}

/// An officer's recording of a week's script (`audio/tuan-2022-48.mp3`).
#[derive(Clone, Debug)]
pub struct Recording {
    /// The ISO week it is for, from its name.
    pub year: i32,
    pub week: u32,
    /// `mp3` or `m4a`, lowercase: the published file keeps it.
    pub ext: &'static str,
    pub abs: PathBuf,
}

/// A national root (`site.yaml` with `provinces:`, or a `tinh/` folder of
/// province roots): each province is built under `tinh/<slug>/` exactly as it
/// is built alone, and the root has an index of the provinces.
#[derive(Debug, Clone)]
pub struct Nation {
    pub root: PathBuf,
    pub title: String,
    pub authority: String,
    pub place: String,
    pub base_url: Option<String>,
    pub provinces: Vec<ProvinceRef>,
    /// Problems that don't stop the build (two folders giving the same slug).
    pub warnings: Vec<Diagnostic>,
}

/// One province of a nation: its folder, and its place in the output.
#[derive(Debug, Clone)]
pub struct ProvinceRef {
    pub root: PathBuf,
    pub slug: String,
    /// `tinh/<slug>/`.
    pub prefix: String,
}

/// What a build is about: a province or district root (`site.yaml` with
/// `communes:`, or an `xa/` folder of sites) whose communes are each a complete
/// site of their own, or a lone commune site, built as a province of one.
#[derive(Debug, Clone)]
pub struct Province {
    /// The folder `--root` names.
    pub root: PathBuf,
    pub title: String,
    pub authority: String,
    pub place: String,
    pub base_url: Option<String>,
    pub communes: Vec<CommuneRef>,
    /// Problems that don't stop the build (two folders giving the same slug).
    pub warnings: Vec<Diagnostic>,
    /// A lone commune: built at the output's root, with no index of communes
    /// and no shared data of the province's own.
    pub lone: bool,
}

impl Province {
    /// A lone commune site at `root`; `site_yaml` is its `site.yaml` when it
    /// was already read (to tell it from a province), so it is read once.
    pub fn of_one(root: &Path, site_yaml: Option<String>) -> Province {
        Province {
            root: root.to_path_buf(),
            title: String::new(),
            authority: String::new(),
            place: String::new(),
            base_url: None,
            communes: vec![CommuneRef {
                root: root.to_path_buf(),
                slug: String::new(),
                prefix: String::new(),
                site_yaml,
            }],
            warnings: Vec::new(),
            lone: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CommuneRef {
    pub root: PathBuf,
    /// Its name in the province: its folder in the output is `xa/<slug>/`.
    pub slug: String,
    /// Where its files go in the output: `xa/<slug>/`, or "" for a lone commune.
    pub prefix: String,
    /// `site.yaml`'s text, when it was already read.
    pub site_yaml: Option<String>,
}
