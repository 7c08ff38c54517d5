//! Stage 3: which pages exist and at which URL. URLs are part of the contract
//! (docs/dinh-dang.md): change them only with a migration note.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::{Content, GuideId, HamletId, NewsId, PageId, SessionId};
use crate::vi;

mod share;
mod weeks;
pub use share::{
    hamlet_share_dir, image_path, sms_path, week_share_dir, zalo_path, Subject, SHARE,
};
pub use weeks::{
    month_path, week_audio_path, week_evening_script_path, week_path, week_qr_path,
    week_script_path, Month, Week, WeekId,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Schedule,
    Hamlet(HamletId),
    /// A week sheet.
    Week(WeekId),
    /// A month's archive (`Plan::months`).
    Month(usize),
    Points,
    Guides,
    Guide(GuideId),
    Page(PageId),
    News,
    NewsItem(NewsId),
    NotFound,
    /// `tien-do/index.html`, only when the site has `progress.yaml`.
    Progress,
    /// `tim-noi-o/index.html`: every hamlet's name and other names, A to Z.
    Names,
    /// `chia-se/index.html`: texts for Zalo and SMS (`plan/share.rs`).
    Share,
    /// `lich/<slug>/ban-in/index.html`: a hamlet's one-page A4 poster for its
    /// notice board (every hamlet with sessions).
    Poster(HamletId),
    /// `thay-doi/index.html`: every changed session, newest first.
    Changes,
}

/// Files that are not theme pages: calendars, open data, feed, search files
/// and portal fragments (see docs/dinh-dang.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Calendar,
    HamletCalendar(HamletId),
    DataJson,
    DataCsv,
    Atom,
    Sitemap,
    Robots,
    Fragment,
    HamletFragment(HamletId),
    /// `chia-se/…/zalo.txt` and `chia-se/…/sms.txt`.
    ShareZalo(Subject),
    ShareSms(Subject),
    /// `doc-loa-hang-ngay.txt` of a week or of a hamlet.
    EveningScripts(Subject),
}

#[derive(Clone, Debug)]
pub struct PlannedFile {
    pub kind: FileKind,
    pub path: String,
}

#[derive(Clone, Debug)]
pub struct PlannedPage {
    pub kind: PageKind,
    /// Output path with `/` separators, e.g. `lich/dong-lao/index.html`.
    pub path: String,
}

#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// One slug per hamlet, in `site.yaml` order: see [`Plan::hamlet_slug`].
    hamlet_slugs: Vec<String>,
    /// For each session (in content order), its hamlet, resolved once by
    /// name: see [`Plan::hamlet_of`].
    session_hamlets: Vec<Option<HamletId>>,
    /// For each session at a venue, the hamlet whose page lists it too: see
    /// [`Plan::also_in`]. Empty when the site has no venue.
    session_also: Vec<Option<HamletId>>,
    /// Published guides (drafts left out), in menu order.
    pub guides: Vec<GuideId>,
    /// ISO weeks that have sessions, in order: one week sheet each.
    pub weeks: Vec<Week>,
    /// Months that have sessions, in order: one archive page each.
    pub months: Vec<Month>,
    /// For each week, the officer's recording of its script (an index of
    /// `Content::recordings`), published in place of the synthetic voice.
    pub week_recordings: Vec<Option<usize>>,
    pub pages: Vec<PlannedPage>,
    /// News items, newest first.
    pub news: Vec<NewsId>,
    pub files: Vec<PlannedFile>,
}

impl Plan {
    pub fn hamlet_slug(&self, hamlet: HamletId) -> &str {
        &self.hamlet_slugs[hamlet.index()]
    }

    /// Every hamlet's slug, in `site.yaml` order.
    pub fn hamlet_slugs(&self) -> impl Iterator<Item = (HamletId, &str)> {
        self.hamlet_slugs
            .iter()
            .enumerate()
            .map(|(i, slug)| (HamletId::new(i), slug.as_str()))
    }

    /// The hamlet a session is held in; None for a hamlet `site.yaml` doesn't
    /// list (refused by validation, so never in a built site).
    pub fn hamlet_of(&self, session: SessionId) -> Option<HamletId> {
        self.session_hamlets[session.index()]
    }

    /// The hamlet a session at a venue also belongs to: the one written
    /// beside `venue`, or the venue's own `hamlet`. Its page lists the session.
    pub fn also_in(&self, session: SessionId) -> Option<HamletId> {
        self.session_also.get(session.index()).copied().flatten()
    }

    /// Whether the page of `hamlet` lists `session`.
    pub fn lists(&self, hamlet: HamletId, session: SessionId) -> bool {
        self.hamlet_of(session) == Some(hamlet) || self.also_in(session) == Some(hamlet)
    }

    /// Every session with its hamlet, in content order, leaving out those
    /// of unknown hamlets.
    pub fn sessions(&self) -> impl Iterator<Item = (SessionId, HamletId)> + '_ {
        self.session_hamlets
            .iter()
            .enumerate()
            .filter_map(|(i, h)| Some((SessionId::new(i), (*h)?)))
    }

    pub fn week(&self, week: WeekId) -> Week {
        self.weeks[week.index()]
    }
}

pub const SCHEDULE: &str = "lich/index.html";
pub const POINTS: &str = "diem-thu-nhan/index.html";

/// The id of a point on the points page, so a mobile team's stop links to
/// its team (`diem-thu-nhan/index.html#diem-to-luu-dong-so-1`): "diem-" and
/// its name slugged, with "-2", "-3"… after a name an earlier point took.
pub fn point_anchor(content: &Content, point: &crate::model::Point) -> String {
    let base = |p: &crate::model::Point| format!("diem-{}", vi::slug::slugify(&p.name));
    let mut taken: HashSet<String> = HashSet::new();
    for p in &content.points {
        let first = base(p);
        let mut id = first.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{first}-{n}");
            n += 1;
        }
        if std::ptr::eq(p, point) {
            return id;
        }
        taken.insert(id);
    }
    base(point)
}

/// [`POINTS`] at `point`'s entry.
pub fn point_link(content: &Content, point: &crate::model::Point) -> String {
    format!("{POINTS}#{}", point_anchor(content, point))
}
pub const GUIDES: &str = "huong-dan/index.html";
pub const NOT_FOUND: &str = "404.html";
pub const STYLESHEET: &str = "assets/style.css";
/// The share page's own styles (`chia-se/index.html`), kept out of the stylesheet every page loads.
pub const SHARE_STYLESHEET: &str = "assets/chia-se.css";
/// Only the hamlet posters load it: large print type for one A4 page.
pub const POSTER_STYLESHEET: &str = "assets/ban-in.css";
/// The one script of the default theme: marks sessions by the reader's own
/// date ("Đã qua", "Hôm nay", "Ngày mai"); pages are right without it.
pub const READER_DATE_SCRIPT: &str = "assets/hom-nay.js";
pub const PROGRESS: &str = "tien-do/index.html";
pub const PROGRESS_JSON: &str = "du-lieu/tien-do.json";
pub const PROGRESS_CSV: &str = "du-lieu/tien-do.csv";
pub const NEWS: &str = "tin-tuc/index.html";
pub const CALENDAR: &str = "lich.ics";
pub const DATA_JSON: &str = "du-lieu/lich.json";
pub const DATA_CSV: &str = "du-lieu/lich.csv";
pub const ATOM: &str = "atom.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const FRAGMENT: &str = "nhung/lich.html";
pub const NAMES: &str = "tim-noi-o/index.html";
pub const CHANGES: &str = "thay-doi/index.html";
/// First path segments bangtin itself writes; pages may not take them.
const RESERVED: &[&str] = &[
    "lich",
    "diem-thu-nhan",
    "huong-dan",
    "assets",
    "404",
    "index",
    "tien-do",
    "tin-tuc",
    "du-lieu",
    "nhung",
    "tim-noi-o",
    "chia-se",
    "thay-doi",
];

pub fn hamlet_path(slug: &str) -> String {
    format!("lich/{slug}/index.html")
}

pub fn guide_path(stem: &str) -> String {
    format!("huong-dan/{stem}/index.html")
}

pub fn news_path(stem: &str) -> String {
    format!("tin-tuc/{stem}/index.html")
}

/// A hamlet's poster for its notice board: one A4 page in print.
pub fn poster_path(slug: &str) -> String {
    format!("lich/{slug}/ban-in/index.html")
}

/// Every evening bulletin for one hamlet's own loudspeaker.
pub fn hamlet_evening_script_path(slug: &str) -> String {
    format!("lich/{slug}/doc-loa-hang-ngay.txt")
}

pub fn hamlet_calendar_path(slug: &str) -> String {
    format!("lich/{slug}.ics")
}

pub fn hamlet_fragment_path(slug: &str) -> String {
    format!("nhung/lich-{slug}.html")
}

pub fn page_path(stem: &str) -> String {
    format!("{stem}/index.html")
}

/// The link from the page at `from` to the file at `to`, both output paths.
/// Relative, so the site works from a portal sub-path and from `file://`.
pub fn link(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    out
}

pub fn plan(content: &Content) -> (Plan, Diagnostics) {
    let mut diags = Diagnostics::default();
    let hamlet_slugs = hamlet_slugs(content, &mut diags);
    let session_hamlets: Vec<Option<HamletId>> = content
        .sessions
        .iter()
        .map(|s| content.site.find_hamlet(&s.hamlet.value))
        .collect::<Vec<_>>();
    let session_also = sessions_also(content, &session_hamlets);
    weeks::check_hamlet_slugs(content, &hamlet_slugs, &mut diags);
    let weeks = weeks::weeks(content, &session_hamlets);
    let months = weeks::months(content, &session_hamlets);
    let week_recordings = weeks::recordings(content, &weeks, &mut diags);

    let mut guides: Vec<GuideId> = GuideId::all(content.guides.len())
        .filter(|&i| !content.guide(i).draft)
        .collect();
    // Guides with an `order` come first, by order; then the rest by title.
    guides.sort_by(|&a, &b| {
        let (ga, gb) = (content.guide(a), content.guide(b));
        (ga.order.is_none(), ga.order, &ga.title, &ga.stem).cmp(&(
            gb.order.is_none(),
            gb.order,
            &gb.title,
            &gb.stem,
        ))
    });

    let mut news: Vec<NewsId> = NewsId::all(content.news.len()).collect();
    news.sort_by(|&a, &b| {
        let (na, nb) = (&content.news[a], &content.news[b]);
        (nb.date, &na.doc.stem).cmp(&(na.date, &nb.doc.stem))
    });

    let mut pages = vec![
        PlannedPage {
            kind: PageKind::Home,
            path: "index.html".into(),
        },
        PlannedPage {
            kind: PageKind::Schedule,
            path: SCHEDULE.into(),
        },
        PlannedPage {
            kind: PageKind::Points,
            path: POINTS.into(),
        },
        PlannedPage {
            kind: PageKind::Guides,
            path: GUIDES.into(),
        },
        PlannedPage {
            kind: PageKind::News,
            path: NEWS.into(),
        },
        PlannedPage {
            kind: PageKind::NotFound,
            path: NOT_FOUND.into(),
        },
        PlannedPage {
            kind: PageKind::Names,
            path: NAMES.into(),
        },
        PlannedPage {
            kind: PageKind::Share,
            path: SHARE.into(),
        },
        PlannedPage {
            kind: PageKind::Changes,
            path: CHANGES.into(),
        },
    ];
    if content.progress.is_some() {
        pages.push(PlannedPage {
            kind: PageKind::Progress,
            path: PROGRESS.into(),
        });
    }
    pages.extend(
        hamlet_slugs
            .iter()
            .enumerate()
            .map(|(i, slug)| PlannedPage {
                kind: PageKind::Hamlet(HamletId::new(i)),
                path: hamlet_path(slug),
            }),
    );
    // A poster for every hamlet (or venue) with sessions, as for its texts.
    pages.extend(
        hamlet_slugs
            .iter()
            .enumerate()
            .map(|(i, slug)| (HamletId::new(i), slug))
            .filter(|&(h, _)| session_hamlets.contains(&Some(h)))
            .map(|(h, slug)| PlannedPage {
                kind: PageKind::Poster(h),
                path: poster_path(slug),
            }),
    );
    pages.extend(weeks.iter().enumerate().map(|(i, &week)| PlannedPage {
        kind: PageKind::Week(WeekId::new(i)),
        path: week_path(week),
    }));
    pages.extend(months.iter().enumerate().map(|(i, &m)| PlannedPage {
        kind: PageKind::Month(i),
        path: month_path(m),
    }));
    pages.extend(guides.iter().map(|&i| PlannedPage {
        kind: PageKind::Guide(i),
        path: guide_path(&content.guide(i).stem),
    }));
    pages.extend(news.iter().map(|&i| PlannedPage {
        kind: PageKind::NewsItem(i),
        path: news_path(&content.news[i].doc.stem),
    }));
    for (i, page) in PageId::all(content.pages.len()).zip(&content.pages) {
        if page.draft {
            continue;
        }
        if RESERVED.contains(&page.stem.as_str()) {
            diags.push(Diagnostic::new(
                &page.source.file,
                None,
                Message::PageAddressReserved {
                    stem: page.stem.clone(),
                    reserved: RESERVED.join(", "),
                },
            ));
            continue;
        }
        pages.push(PlannedPage {
            kind: PageKind::Page(i),
            path: page_path(&page.stem),
        });
    }

    let week_files: Vec<String> = weeks
        .iter()
        .flat_map(|&w| {
            [
                week_script_path(w),
                week_audio_path(w, "mp3"),
                week_audio_path(w, "m4a"),
                week_qr_path(w),
            ]
        })
        .collect();
    let mut files = files(content, &hamlet_slugs, &session_hamlets);
    files.extend(share::files(&weeks, &hamlet_slugs, &session_hamlets));
    // Preview images: drawn only on some builds (`RenderOptions::previews`),
    // reserved on all, so a static file never takes their place.
    let images: Vec<String> = files
        .iter()
        .filter(|f| matches!(f.kind, FileKind::ShareZalo(_)))
        .filter_map(|f| f.path.strip_suffix("/zalo.txt").map(image_path))
        .collect();
    files.extend(evening_script_files(
        &weeks,
        &hamlet_slugs,
        &session_hamlets,
    ));
    let generated: HashSet<&str> = pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(files.iter().map(|f| f.path.as_str()))
        .chain(week_files.iter().map(String::as_str))
        .chain(images.iter().map(String::as_str))
        .chain(
            content
                .progress
                .iter()
                .flat_map(|_| [PROGRESS_JSON, PROGRESS_CSV]),
        )
        .collect();
    for f in &content.static_files {
        if generated.contains(f.rel.as_str()) {
            diags.push(Diagnostic::new(
                &f.abs,
                None,
                Message::StaticFileReserved {
                    path: f.rel.clone(),
                },
            ));
        }
    }

    (
        Plan {
            hamlet_slugs,
            session_hamlets,
            session_also,
            guides,
            weeks,
            week_recordings,
            months,
            pages,
            news,
            files,
        },
        diags,
    )
}

/// For each session at a venue, the hamlet that lists it too (see
/// `Plan::also_in`); empty when the site has no venue.
fn sessions_also(content: &Content, session_hamlets: &[Option<HamletId>]) -> Vec<Option<HamletId>> {
    let site = &content.site;
    if !site.hamlets.iter().any(|h| h.is_venue()) {
        return Vec::new();
    }
    let hamlet = |written: &crate::model::Located<String>| {
        site.find_hamlet(&written.value)
            .filter(|&h| !site.hamlets[h].is_venue())
    };
    content
        .sessions
        .iter()
        .zip(session_hamlets)
        .map(|(s, place)| {
            let venue = site.hamlets[(*place)?].venue.as_ref()?;
            s.in_hamlet
                .as_ref()
                .or(venue.in_hamlet.as_ref())
                .and_then(hamlet)
        })
        .collect()
}

/// Calendars only for hamlets with sessions (and `lich.ics` for a mobile
/// team's route): an iCalendar file must hold at least one event. The sitemap only with `base_url`: it lists absolute URLs.
fn files(
    content: &Content,
    hamlet_slugs: &[String],
    session_hamlets: &[Option<HamletId>],
) -> Vec<PlannedFile> {
    let file = |kind, path: &str| PlannedFile {
        kind,
        path: path.to_string(),
    };
    let has_sessions = |h: HamletId| session_hamlets.contains(&Some(h));
    let mut files = Vec::new();
    let has_route = content.points.iter().any(|p| !p.route.is_empty());
    if has_route || session_hamlets.iter().any(Option::is_some) {
        files.push(file(FileKind::Calendar, CALENDAR));
    }
    files.extend(
        HamletId::all(hamlet_slugs.len())
            .zip(hamlet_slugs)
            .filter(|&(h, _)| has_sessions(h))
            .map(|(h, slug)| file(FileKind::HamletCalendar(h), &hamlet_calendar_path(slug))),
    );
    files.push(file(FileKind::DataJson, DATA_JSON));
    files.push(file(FileKind::DataCsv, DATA_CSV));
    files.push(file(FileKind::Atom, ATOM));
    // A site's own robots.txt or sitemap.xml (in static/) is kept: sites had
    // them before bangtin wrote these, and crawler rules are the officer's call.
    let own = |path: &str| content.static_files.iter().any(|f| f.rel == path);
    if content.site.base_url.is_some() && !own(SITEMAP) {
        files.push(file(FileKind::Sitemap, SITEMAP));
    }
    if !own(ROBOTS) {
        files.push(file(FileKind::Robots, ROBOTS));
    }
    files.push(file(FileKind::Fragment, FRAGMENT));
    files.extend(
        HamletId::all(hamlet_slugs.len())
            .zip(hamlet_slugs)
            .map(|(h, slug)| file(FileKind::HamletFragment(h), &hamlet_fragment_path(slug))),
    );
    files
}

/// The evening bulletins of every week, and of every hamlet with sessions.
fn evening_script_files(
    weeks: &[Week],
    hamlet_slugs: &[String],
    session_hamlets: &[Option<HamletId>],
) -> Vec<PlannedFile> {
    let weekly = weeks.iter().enumerate().map(|(i, &w)| PlannedFile {
        kind: FileKind::EveningScripts(Subject::Week(WeekId::new(i))),
        path: week_evening_script_path(w),
    });
    let hamlets = hamlet_slugs
        .iter()
        .enumerate()
        .map(|(i, slug)| (HamletId::new(i), slug))
        .filter(|&(h, _)| session_hamlets.contains(&Some(h)))
        .map(|(h, slug)| PlannedFile {
            kind: FileKind::EveningScripts(Subject::Hamlet(h)),
            path: hamlet_evening_script_path(slug),
        });
    weekly.chain(hamlets).collect()
}

/// Longer hamlet slugs are refused: `lich/<slug>.ics` must fit the 255 bytes
/// of a file name, with room for a "-2".
const MAX_SLUG: usize = 200;
/// Longer ones are warned about: hard to type, a longer SMS, and near the 260
/// characters of a Windows path once inside a folder or two.
const LONG_SLUG: usize = 80;

/// Slugs for hamlets: explicit ones first, then names without diacritics, then
/// the rest in file order. "Song" keeps `song` and "Sống" becomes `song-2`,
/// whatever order `site.yaml` lists them in.
fn hamlet_slugs(content: &Content, diags: &mut Diagnostics) -> Vec<String> {
    let hamlets = &content.site.hamlets;
    let mut slugs = vec![String::new(); hamlets.len()];
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..hamlets.len()).collect();
    order.sort_by_key(|&i| {
        let h = &hamlets[i];
        let plain = vi::text::fold_diacritics(&h.name) == h.name.to_lowercase();
        // Hamlets before venues: a venue never takes a hamlet's address.
        (h.slug.is_none(), h.is_venue(), !plain, i)
    });
    for i in order {
        let h = &hamlets[i];
        if let Some(explicit) = &h.slug {
            if let Some(&other) = taken.get(&explicit.value) {
                diags.push(Diagnostic::new(
                    &h.source.file,
                    explicit.pos,
                    Message::SlugTwice {
                        first: hamlets[other].name.clone(),
                        second: h.name.clone(),
                        slug: explicit.value.clone(),
                    },
                ));
            }
            taken.insert(explicit.value.clone(), i);
            slugs[i] = explicit.value.clone();
            continue;
        }
        let base = match vi::slug::slugify(&h.name) {
            s if s.is_empty() => "thon".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if let Some(&other) = taken.get(&base) {
            diags.push(Diagnostic::new(
                &h.source.file,
                h.source.pos,
                Message::SlugTaken {
                    name: h.name.clone(),
                    other: hamlets[other].name.clone(),
                    base: base.clone(),
                    slug: slug.clone(),
                },
            ));
        }
        taken.insert(slug.clone(), i);
        slugs[i] = slug;
    }
    // lich/<slug>/ and lich/<slug>.ics can't be copied to Windows.
    for (h, slug) in hamlets.iter().zip(&slugs) {
        let pos = h.slug.as_ref().map_or(h.source.pos, |s| s.pos);
        // A slug is ASCII: its length in bytes is its length in characters.
        let chars = slug.len();
        if chars > LONG_SLUG {
            // The words that fit in 40 characters, as the slug to suggest.
            let mut short = String::new();
            for word in slug.split('-') {
                if !short.is_empty() && short.len() + 1 + word.len() > 40 {
                    break;
                }
                if !short.is_empty() {
                    short.push('-');
                }
                short.push_str(word);
            }
            short.truncate(40);
            let name = h.name.clone();
            let message = match chars > MAX_SLUG {
                true => Message::SlugTooLong {
                    name,
                    chars,
                    limit: MAX_SLUG,
                    short,
                },
                false => Message::SlugLong { name, chars, short },
            };
            diags.push(Diagnostic::new(&h.source.file, pos, message));
        }
        if crate::disk::is_windows_reserved(slug) {
            diags.push(Diagnostic::new(
                &h.source.file,
                pos,
                Message::WindowsReservedSlug {
                    slug: slug.clone(),
                    name: h.name.clone(),
                },
            ));
        }
    }
    slugs
}

#[cfg(test)]
mod tests {
    use super::link;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(link("index.html", "lich/index.html"), "lich/index.html");
        assert_eq!(
            link("lich/dong-lao/index.html", "assets/style.css"),
            "../../assets/style.css"
        );
        assert_eq!(link("404.html", "index.html"), "index.html");
    }
}
