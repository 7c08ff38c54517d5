//! Stage 4: turn the planned pages into HTML, in parallel, handing each finished
//! file to a sink as soon as it is rendered (nothing keeps every page in memory).

pub(crate) mod bulletin;
pub(crate) mod change_words;
pub(crate) mod changes;
pub(crate) mod charts;
mod chrome;
pub(crate) mod data;
pub(crate) mod embed;
pub(crate) mod event;
pub(crate) mod feed;
pub(crate) mod files;
pub(crate) mod ics;
pub mod markdown;
mod names;
mod news;
mod page_context;
mod poster;
pub mod preview;
pub mod progress;
pub(crate) mod province;
pub(crate) mod rows;
pub(crate) mod seo;
pub(crate) mod share;
pub(crate) mod stops;
pub(crate) mod views;
pub(crate) mod week;

use std::collections::HashMap;

use crate::theme::{self, Theme};
use chrono::NaiveDate;
use page_context::PageContext;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::model::{Content, Document, HamletId, PointKind, SessionId};
use crate::plan::{self, PageKind, Plan, PlannedPage, Subject};
use crate::vi::calendar::format_date;
use views::{DocLink, NavItem, SessionView};

/// What every site of a build shares, resolved once.
pub struct RenderOptions {
    /// The date "upcoming" is counted from.
    pub today: NaiveDate,
    /// How many upcoming sessions the home page lists.
    pub upcoming_on_home: usize,
    /// Draw the preview images (`chia-se/…/anh.png`) and name them as
    /// `og:image`: off on large province builds, where thousands of images
    /// would cost more than the rest of the build (`build.rs`).
    pub previews: bool,
    /// `build --audio` with a working espeak-ng: every week not recorded by
    /// the officer gets a synthetic `doc-loa.mp3`, which its page links to.
    pub speak: bool,
}

/// Receives each output file: (path relative to the output folder, bytes).
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// Data shared read-only by every page's render.
struct Shared<'a> {
    content: &'a Content,
    plan: &'a Plan,
    today: NaiveDate,
    base: Context,
    nav: Vec<NavItem>,
    /// The header and footer of every page, rendered once per depth.
    chrome: chrome::Chrome,
    /// Sessions sorted by date, start time, hamlet.
    ordered_sessions: Vec<SessionId>,
    /// Mobile teams' route stops sorted by date, start time, team.
    ordered_stops: Vec<stops::StopRef<'a>>,
    guide_links: Vec<DocLink>,
    /// Each guide's place in `guide_links` (by `GuideId`), for its pager:
    /// searching the list per page was quadratic in the number of guides.
    guide_order: Vec<usize>,
    progress: Option<progress::ProgressPages>,
    /// Output path of each guide and page by file stem, to resolve `x.md` links.
    doc_paths: HashMap<String, String>,
    /// Every file of `static/` by its output path, with its pixel size if it is an image.
    static_files: HashMap<&'a str, Option<(u32, u32)>>,
    upcoming_on_home: usize,
    /// See `RenderOptions::speak`.
    speak: bool,
    /// See `RenderOptions::previews`.
    previews: bool,
    /// Every week's and hamlet's Zalo and SMS texts.
    share_texts: &'a share::AllTexts,
}

/// One site to render: its content and plan, the compiled theme, the build's
/// options, and where each finished file goes.
pub struct RenderContext<'a> {
    pub content: &'a Content,
    pub plan: &'a Plan,
    pub theme: Theme<'a>,
    pub options: &'a RenderOptions,
    pub sink: &'a Sink<'a>,
}

/// What rendering a site produced.
pub struct Rendered {
    pub pages: usize,
    /// Every file handed to the sink, pages included.
    pub files: usize,
}

/// The most pages rendered as one piece of parallel work.
const PAGES_PER_PIECE: usize = 32;

/// Every page and file of the site (all but `static/`, which is copied).
pub fn site(ctx: &RenderContext) -> Result<Rendered, Vec<Diagnostic>> {
    let share_texts = share::AllTexts::new(ctx.content, ctx.plan, ctx.options.today);
    let pages = pages(ctx, &share_texts)?;
    // Each week page wrote its doc-loa.txt beside it, and its QR code with a base_url.
    let qr = usize::from(ctx.content.site.base_url.is_some());
    let mut files = pages + ctx.plan.weeks.len() * (1 + qr);
    let one = |d: Diagnostic| vec![d];
    for (rel, bytes) in
        progress::data::files(ctx.content, ctx.plan, ctx.options.today).map_err(one)?
    {
        (ctx.sink)(rel, &bytes).map_err(one)?;
        files += 1;
    }
    files += files::render(ctx, &share_texts)?;
    if ctx.options.previews {
        files += preview::render(ctx)?;
    }
    for (rel, bytes) in theme::built_assets() {
        // A site may replace a theme asset by putting its own under static/.
        if !ctx.content.static_files.iter().any(|f| f.rel == rel) {
            (ctx.sink)(rel, &bytes).map_err(one)?;
            files += 1;
        }
    }
    Ok(Rendered { pages, files })
}

/// Every planned page, rendered in parallel; returns how many.
fn pages(ctx: &RenderContext, share_texts: &share::AllTexts) -> Result<usize, Vec<Diagnostic>> {
    let RenderContext {
        content,
        plan,
        theme,
        options,
        sink,
    } = ctx;
    let tera = theme.tera;
    let today = options.today;
    let site = views::site(content, plan, today);
    let mut nav = vec![
        NavItem {
            label: "Trang chủ".into(),
            path: "index.html".into(),
        },
        NavItem {
            label: site.area.schedule_title.clone(),
            path: plan::SCHEDULE.into(),
        },
        NavItem {
            label: match site.points_title {
                "Điểm thu nhận hồ sơ" => "Điểm thu nhận".into(),
                title => title.into(),
            },
            path: plan::POINTS.into(),
        },
        NavItem {
            label: "Hướng dẫn".into(),
            path: plan::GUIDES.into(),
        },
    ];
    if plan.pages.iter().any(|p| p.kind == PageKind::Progress) {
        nav.push(NavItem {
            label: "Tiến độ".into(),
            path: plan::PROGRESS.into(),
        });
    }
    if !content.news.is_empty() {
        nav.push(NavItem {
            label: "Tin tức".into(),
            path: plan::NEWS.into(),
        });
    }
    let mut pages: Vec<&PlannedPage> = plan
        .pages
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Page(_)))
        .collect();
    pages.sort_by_key(|p| match p.kind {
        PageKind::Page(i) => (
            content.page(i).order.is_none(),
            content.page(i).order,
            content.page(i).title.clone(),
        ),
        _ => (true, None, String::new()),
    });
    nav.extend(pages.iter().filter_map(|p| match p.kind {
        PageKind::Page(i) => Some(NavItem {
            label: content.page(i).title.clone(),
            path: p.path.clone(),
        }),
        _ => None,
    }));

    let mut base = Context::new();
    base.insert("site", &site);
    base.insert("nav", &nav);
    base.insert("today", &format_date(today));
    base.insert("today_iso", &crate::vi::calendar::format_iso_date(today));
    base.insert(
        "today_phrase",
        &crate::vi::calendar::format_date_phrase(today),
    );
    base.insert("stylesheet", plan::STYLESHEET);
    base.insert("files", &views::files(plan));
    let mut notice = changes::notice(content, plan, today);
    // Short on every page: the rest are one tap away on thay-doi/.
    base.insert(
        "change_notice_more",
        &notice.len().saturating_sub(changes::NOTICE_ITEMS),
    );
    notice.truncate(changes::NOTICE_ITEMS);
    base.insert("change_notice", &notice);
    base.insert(
        "change_count",
        &content
            .sessions
            .iter()
            .filter(|s| s.status().is_some())
            .count(),
    );

    let ordered_sessions = ordered_sessions(content, plan);

    let guide_links = plan
        .guides
        .iter()
        .map(|&i| doc_link(content.guide(i), plan::guide_path(&content.guide(i).stem)))
        .collect();
    let mut guide_order = vec![0; content.guides.len()];
    for (position, &i) in plan.guides.iter().enumerate() {
        if let Some(slot) = guide_order.get_mut(i.index()) {
            *slot = position;
        }
    }
    let doc_paths = doc_paths(content, plan);

    let static_files = content
        .static_files
        .iter()
        .map(|f| (f.rel.as_str(), f.size))
        .collect();

    let chrome =
        chrome::Chrome::new(tera, &base, &nav, &plan.pages).map_err(|e| vec![theme.error(&e)])?;
    let shared = Shared {
        content,
        plan,
        today,
        base,
        nav,
        chrome,
        ordered_sessions,
        ordered_stops: stops::ordered(content),
        guide_links,
        guide_order,
        progress: progress::ProgressPages::new(content, plan, today),
        doc_paths,
        static_files,
        upcoming_on_home: options.upcoming_on_home,
        speak: options.speak,
        previews: options.previews,
        share_texts,
    };

    let errors: Vec<Diagnostic> = plan
        .pages
        .par_iter()
        // Small pieces: rayon splits a piece further only when it is stolen,
        // so a thread could finish the last thousand guides alone while the
        // other waited (~40 ms of one idle core on 10,000 guides).
        .with_max_len(PAGES_PER_PIECE)
        .map_init(
            || PageContext::new(&shared.base),
            |ctx, page| (page, render_page(&shared, page, tera, ctx)),
        )
        .filter_map(|(page, rendered)| {
            let (html, beside) = match rendered {
                Ok(rendered) => rendered,
                Err(e) => return Some(theme.error(&e)),
            };
            for (path, bytes) in beside {
                if let Err(d) = sink(&path, &bytes) {
                    return Some(d);
                }
            }
            sink(&page.path, &html).err()
        })
        .collect();
    if errors.is_empty() {
        Ok(plan.pages.len())
    } else {
        let mut errors = errors;
        // One mistake in a site's base.html breaks every page kind that
        // extends it: said once, at its place, not once per page template.
        errors.sort_by(|a, b| (&a.file, a.pos, &a.message).cmp(&(&b.file, b.pos, &b.message)));
        errors.dedup_by(|a, b| {
            a.message == b.message || (a.pos.is_some() && a.file == b.file && a.pos == b.pos)
        });
        Err(errors)
    }
}

/// Sessions sorted by date, start time, hamlet: the order of every schedule
/// bangtin writes (pages, calendars, data, fragments). Sessions of unknown
/// hamlets are left out.
pub fn ordered_sessions(content: &Content, plan: &Plan) -> Vec<SessionId> {
    let mut ordered: Vec<(SessionId, HamletId)> = plan.sessions().collect();
    ordered.sort_by_key(|&(i, hamlet)| {
        let s = &content.sessions[i];
        (s.date, s.time.map(|t| t.start), hamlet)
    });
    ordered.into_iter().map(|(i, _)| i).collect()
}

fn doc_link(doc: &Document, path: String) -> DocLink {
    DocLink {
        title: doc.title.clone(),
        summary: doc.summary.clone(),
        path,
    }
}

#[derive(Serialize)]
struct DocView {
    title: String,
    summary: Option<String>,
    content: String,
}

/// How far ahead the coming sessions of the schedule, hamlet pages and portal
/// fragments look, at most: two weeks from `--today`.
pub const COMING_DAYS: i64 = 14;

/// The coming sessions a page shows in full: whole days from `today`, at most
/// `COMING_DAYS`, while their rows stay within `budget` bytes (the first
/// day always). The rest of the schedule is on the week and month pages, so
/// every page stays light however long the campaign (docs/decisions.md).
pub(crate) struct Coming {
    pub rows: String,
    /// The last day shown, when any.
    pub last: Option<NaiveDate>,
    /// Sessions from `today` on that are left out.
    pub more: usize,
}

pub(crate) fn coming(
    sessions: &[SessionId],
    content: &Content,
    today: NaiveDate,
    budget: usize,
    write: impl FnMut(&mut String, &[SessionId]),
) -> Coming {
    coming_by(sessions, |i| content.sessions[i].date, today, budget, write)
}

/// `coming` for any items in date order (sessions and route stops), each
/// dated by `date`.
pub(crate) fn coming_by<T: Copy>(
    items: &[T],
    date: impl Fn(T) -> NaiveDate,
    today: NaiveDate,
    budget: usize,
    mut write: impl FnMut(&mut String, &[T]),
) -> Coming {
    let upcoming: Vec<T> = items
        .iter()
        .copied()
        .filter(|&i| date(i) >= today)
        .collect();
    let horizon = today + chrono::Duration::days(COMING_DAYS);
    let mut rows = String::new();
    let mut last = None;
    let mut shown = 0;
    let mut day_rows = String::new();
    for day in upcoming.chunk_by(|&a, &b| date(a) == date(b)) {
        let date = date(day[0]);
        if date >= horizon {
            break;
        }
        day_rows.clear();
        write(&mut day_rows, day);
        if last.is_some() && rows.len() + day_rows.len() > budget {
            break;
        }
        rows.push_str(&day_rows);
        last = Some(date);
        shown += day.len();
    }
    Coming {
        rows,
        last,
        more: upcoming.len() - shown,
    }
}

/// Output path of each guide and page by file stem, to resolve `x.md` links.
pub(crate) fn doc_paths(content: &Content, plan: &Plan) -> HashMap<String, String> {
    let mut doc_paths = HashMap::new();
    for p in &plan.pages {
        match p.kind {
            PageKind::Guide(i) => doc_paths.insert(content.guide(i).stem.clone(), p.path.clone()),
            PageKind::Page(i) => doc_paths.insert(content.page(i).stem.clone(), p.path.clone()),
            _ => None,
        };
    }
    doc_paths
}

/// A markdown link to `x.md` (with an optional `#part`) as a link from `page_path`.
pub(crate) fn resolve_doc_link(
    doc_paths: &HashMap<String, String>,
    page_path: &str,
    url: &str,
) -> Option<String> {
    let (target, fragment) = match url.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (url, None),
    };
    let stem = target.rsplit('/').next()?.strip_suffix(".md")?;
    let to = doc_paths.get(stem)?;
    let mut link = plan::link(page_path, to);
    if let Some(f) = fragment {
        link.push('#');
        link.push_str(f);
    }
    Some(link)
}

/// Links and images in one document, as seen from the page at `page_path`.
struct DocLinks<'s, 'a> {
    shared: &'s Shared<'a>,
    page_path: &'s str,
}

impl markdown::Resolve for DocLinks<'_, '_> {
    fn link(&self, url: &str) -> Option<String> {
        resolve_doc_link(&self.shared.doc_paths, self.page_path, url)
    }

    /// Images are written relative to `static/`: `anh/cccd.jpg`, `/anh/cccd.jpg`
    /// and `static/anh/cccd.jpg` all name `static/anh/cccd.jpg`.
    fn image(&self, url: &str) -> Option<markdown::Image> {
        let rel = url.trim_start_matches('/');
        let rel = rel.strip_prefix("static/").unwrap_or(rel);
        let rel = rel.trim_start_matches("../");
        let (path, size) = self.shared.static_files.get_key_value(rel)?;
        Some(markdown::Image {
            src: plan::link(self.page_path, path),
            size: *size,
        })
    }
}

fn render_doc(shared: &Shared, doc: &Document, page_path: &str) -> (DocView, String) {
    let rendered = markdown::render_with_embeds(
        &doc.body,
        &DocLinks { shared, page_path },
        &shared.content.site.embeds,
    );
    let description = doc
        .summary
        .clone()
        .unwrap_or_else(|| truncate(&rendered.first_paragraph, 200));
    (
        DocView {
            title: doc.title.clone(),
            summary: doc.summary.clone(),
            content: rendered.html,
        },
        description,
    )
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

/// The page's HTML as bytes: rendering into a buffer skips the UTF-8 re-check
/// `Tera::render` does on every page.
/// Files some pages write beside them (a week's `doc-loa.txt` and QR code): (path, bytes).
pub(crate) type Beside = Vec<(String, Vec<u8>)>;

fn render_page(
    shared: &Shared,
    page: &PlannedPage,
    tera: &Tera,
    ctx: &mut PageContext,
) -> Result<(Vec<u8>, Beside), tera::Error> {
    let content = shared.content;
    let site = &content.site;
    // Whatever the previous page on this thread left, even on an error.
    ctx.clear();
    let root = plan::link(&page.path, "");
    ctx.insert("root", &root);
    shared
        .chrome
        .insert_into(ctx, &shared.nav, &root, &page.path);
    ctx.insert("page_path", &page.path);
    ctx.insert("page_url", &seo::absolute_url(site, &page.path));
    let mut beside: Beside = Vec::new();
    let (template, title, description) = match page.kind {
        PageKind::Home => {
            // Sessions and mobile teams' stops, by date and hour.
            let upcoming: Vec<SessionView> =
                stops::merged(content, &shared.ordered_sessions, &shared.ordered_stops)
                    .into_iter()
                    .filter(|item| item.date(content) >= shared.today)
                    .filter_map(|item| match item {
                        stops::Item::Session(i) => {
                            let hamlet = shared.plan.hamlet_of(i)?;
                            let s = &content.sessions[i];
                            Some(views::session(
                                content,
                                shared.plan,
                                s,
                                hamlet,
                                shared.today,
                            ))
                        }
                        stops::Item::Stop((p, stop)) => {
                            Some(views::stop_session(content, p, stop, shared.today))
                        }
                    })
                    .take(shared.upcoming_on_home)
                    .collect();
            ctx.insert("upcoming", &upcoming);
            ctx.insert("session_total", &shared.ordered_sessions.len());
            ctx.insert("guides", &shared.guide_links);
            ctx.insert("point_total", &content.points.len());
            ctx.insert(
                "progress_line",
                &shared.progress.as_ref().and_then(|p| p.home.as_ref()),
            );
            (
                "index.html",
                site.title.clone(),
                format!("{} – {}", site.campaign.name, site.authority),
            )
        }
        PageKind::Schedule => {
            ctx.insert("weeks", &week::links(content, shared.plan));
            // Sessions and mobile teams' stops, by date and hour.
            let items = stops::merged(content, &shared.ordered_sessions, &shared.ordered_stops);
            let coming = coming_by(
                &items,
                |item| item.date(content),
                shared.today,
                SCHEDULE_ROWS_BUDGET,
                |out, day| {
                    stops::write_rows(
                        out,
                        content,
                        shared.plan,
                        day,
                        rows::Table::Page {
                            root: &root,
                            show_hamlet: true,
                        },
                        shared.today,
                    )
                },
            );
            ctx.insert("coming", &coming_view(&coming, shared.today));
            ctx.insert("months", &month_links(shared));
            ctx.insert("session_rows", &coming.rows);
            (
                "schedule.html",
                views::area_words(content).schedule_title,
                format!(
                    "Lịch {} tại {}, {}",
                    site.campaign.name,
                    views::area_words(content).plural,
                    site.place
                ),
            )
        }
        PageKind::Hamlet(h) => {
            let own: Vec<SessionId> = shared
                .ordered_sessions
                .iter()
                .copied()
                .filter(|&i| shared.plan.lists(h, i))
                .collect();
            let coming = coming(
                &own,
                content,
                shared.today,
                HAMLET_ROWS_BUDGET,
                |out, day| {
                    rows::write_rows(
                        out,
                        content,
                        shared.plan,
                        day.iter().copied(),
                        rows::Table::Page {
                            root: &root,
                            show_hamlet: false,
                        },
                        shared.today,
                    )
                },
            );
            // The rest, a few words a session: later ones, then past ones.
            let shown_until = coming
                .last
                .unwrap_or(shared.today - chrono::Duration::days(1));
            let later: Vec<SessionId> = own
                .iter()
                .copied()
                .filter(|&i| content.sessions[i].date > shown_until)
                .collect();
            let past: Vec<SessionId> = own
                .iter()
                .copied()
                .filter(|&i| content.sessions[i].date < shared.today)
                .collect();
            let compact = |list: &[SessionId]| {
                let mut out = String::new();
                if !list.is_empty() {
                    rows::write_compact(&mut out, content, shared.plan, list, &root, false);
                }
                out
            };
            ctx.insert("later_sessions", &compact(&later));
            ctx.insert("past_sessions", &compact(&past));
            ctx.insert("coming", &coming_view(&coming, shared.today));
            let rows = coming.rows;
            let hamlet = &site.hamlets[h];
            ctx.insert("hamlet", &hamlet_view(shared, h));
            ctx.insert("hamlet_share", &share::hamlet_links(shared.plan, h));
            ctx.insert("jsonld", &seo::hamlet_events(shared, h));
            ctx.insert("session_rows", &rows);
            ctx.insert(
                "hamlet_progress",
                &shared
                    .progress
                    .as_ref()
                    .and_then(|p| p.hamlets.get(h.index()).cloned().flatten()),
            );
            let label = hamlet.label();
            (
                "hamlet.html",
                format!("Lịch {label}"),
                format!("Lịch {} tại {label}, {}", site.campaign.name, site.place),
            )
        }
        PageKind::Month(m) => {
            let month = shared.plan.months[m];
            let list: Vec<SessionId> = shared
                .ordered_sessions
                .iter()
                .copied()
                .filter(|&i| plan::Month::of(content.sessions[i].date) == month)
                .collect();
            let mut compact = String::new();
            rows::write_compact(&mut compact, content, shared.plan, &list, &root, true);
            ctx.insert("month_sessions", &compact);
            ctx.insert("month_label", &month.label());
            ctx.insert("session_count", &list.len());
            ctx.insert("months", &month_links(shared));
            let title = format!("Lịch {}", month.label());
            (
                "month.html",
                title.clone(),
                format!("{title}: {}, {}", site.campaign.name, site.place),
            )
        }
        PageKind::Week(w) => {
            let (template, title, description, script) = week::page(shared, w, ctx);
            beside = script;
            (template, title, description)
        }
        PageKind::Points => {
            let (fixed, mobile): (Vec<_>, Vec<_>) = content
                .points
                .iter()
                .partition(|p| p.kind == PointKind::Fixed);
            ctx.insert(
                "fixed",
                &fixed
                    .into_iter()
                    .map(|p| views::point(content, p, shared.today))
                    .collect::<Vec<_>>(),
            );
            ctx.insert(
                "mobile",
                &mobile
                    .into_iter()
                    .map(|p| views::point(content, p, shared.today))
                    .collect::<Vec<_>>(),
            );
            (
                "points.html",
                views::points_title(content).to_string(),
                format!(
                    "{} cố định và lưu động, {}",
                    views::points_title(content),
                    site.place
                ),
            )
        }
        PageKind::Guides => {
            ctx.insert("guides", &shared.guide_links);
            (
                "guides.html",
                "Hướng dẫn".to_string(),
                format!("Hướng dẫn cho người dân: {}", site.campaign.name),
            )
        }
        PageKind::Guide(i) => {
            let (doc, description) = render_doc(shared, content.guide(i), &page.path);
            let position = shared.guide_order.get(i.index()).copied().unwrap_or(0);
            let prev = position
                .checked_sub(1)
                .and_then(|p| shared.guide_links.get(p));
            ctx.insert("prev", &prev);
            ctx.insert("next", &shared.guide_links.get(position + 1));
            let title = doc.title.clone();
            ctx.insert("doc", &doc);
            ("guide.html", title, description)
        }
        PageKind::Page(i) => {
            let (doc, description) = render_doc(shared, content.page(i), &page.path);
            let title = doc.title.clone();
            ctx.insert("doc", &doc);
            ("page.html", title, description)
        }
        PageKind::Progress => {
            ctx.insert("progress", &shared.progress.as_ref().map(|p| &p.page));
            (
                "progress.html",
                "Tiến độ thực hiện".to_string(),
                format!(
                    "Tiến độ {} theo từng thôn, {}",
                    site.campaign.name, site.place
                ),
            )
        }
        PageKind::Share => share::page(shared, ctx),
        PageKind::Poster(h) => poster::page(shared, h, ctx),
        PageKind::News => news::list(shared, ctx),
        PageKind::NewsItem(i) => news::item(shared, i, &page.path, ctx),
        PageKind::Names => names::page(shared, ctx),
        PageKind::Changes => {
            let mut seen = std::collections::HashSet::new();
            let items: Vec<changes::ChangeView> = changes::all(content, shared.plan)
                .into_iter()
                .map(|(i, h)| {
                    let mut v = changes::view(content, shared.plan, i, h);
                    // Two sittings of one day: anchors stay unique.
                    let base = v.anchor.clone();
                    let mut n = 2;
                    while !seen.insert(v.anchor.clone()) {
                        v.anchor = format!("{base}-{n}");
                        n += 1;
                    }
                    v
                })
                .collect();
            ctx.insert("changes", &items);
            (
                "changes.html",
                "Thay đổi lịch".to_string(),
                format!(
                    "Các buổi đã hủy, tạm hoãn, đổi ngày, đổi giờ, đổi địa điểm: {}, {}",
                    site.campaign.name, site.place
                ),
            )
        }
        PageKind::NotFound => (
            "404.html",
            "Không tìm thấy trang".to_string(),
            format!("Trang này không có trên {}.", site.title),
        ),
    };
    if let Some(subject) = preview_subject(shared, page) {
        let image = preview::path(shared.plan, subject);
        if let Some(url) = seo::absolute_url(site, &image) {
            ctx.insert("og_image", &url);
            ctx.insert("og_image_alt", &preview::alt(content, shared.plan, subject));
        }
    }
    ctx.insert("head_title", &head_title(&title, &site.title));
    ctx.insert("title", &title);
    ctx.insert("description", &description);
    let mut html = crate::theme::render_bytes(tera, template, ctx.context(), 16 * 1024)?;
    strip_trailing_whitespace(&mut html);
    Ok((html, beside))
}

/// The preview image a page names as `og:image`: its week's or hamlet's; the
/// home and share pages show the week of the build date, or the next one
/// with sessions (the last week once the campaign is over).
fn preview_subject(shared: &Shared, page: &PlannedPage) -> Option<Subject> {
    if !shared.previews {
        return None;
    }
    let plan = shared.plan;
    let subject = match page.kind {
        PageKind::Week(w) => Subject::Week(w),
        PageKind::Hamlet(h) => Subject::Hamlet(h),
        PageKind::Home | PageKind::Share => {
            let now = plan::Week::of(shared.today);
            Subject::Week(plan::WeekId::new(plan.weeks.partition_point(|&w| w < now)))
        }
        _ => return None,
    };
    if let Subject::Week(w) = subject {
        if w.index() >= plan.weeks.len() {
            return None;
        }
    }
    preview::is_drawn(shared.content, plan, subject, shared.today).then_some(subject)
}

/// Template tags on their own lines leave indentation behind; dropping spaces
/// and tabs before each newline makes pages smaller and validator-clean, and
/// never changes what a reader sees.
pub(crate) fn strip_trailing_whitespace(html: &mut Vec<u8>) {
    let len = html.len();
    let (mut read, mut write) = (0, 0);
    // Line by line, moving bytes only once a line has been shortened. memchr
    // finds the newlines: a byte loop over every page was 4% of a guide build.
    while let Some(newline) = html
        .get(read..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
    {
        let line_end = read + newline;
        let mut keep = line_end;
        while keep > read && matches!(html[keep - 1], b' ' | b'\t') {
            keep -= 1;
        }
        if write != read {
            html.copy_within(read..keep, write);
        }
        write += keep - read;
        html[write] = b'\n';
        write += 1;
        read = line_end + 1;
    }
    // The last line has no newline: kept as it is.
    if write != read {
        html.copy_within(read..len, write);
    }
    html.truncate(write + (len - read));
}

/// The browser tab and search result title: "page – site" when that fits in
/// 70 characters (longer titles get cut by search engines and phones).
fn head_title(page_title: &str, site_title: &str) -> String {
    const MAX: usize = 70;
    let full = if page_title == site_title {
        page_title.to_string()
    } else {
        format!("{page_title} – {site_title}")
    };
    if full.chars().count() <= MAX {
        full
    } else if page_title.chars().count() <= MAX {
        page_title.to_string()
    } else {
        let cut: String = page_title.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The rows of the schedule page's coming sessions, at most (bytes).
const SCHEDULE_ROWS_BUDGET: usize = 7 * 1024;
/// The rows of a hamlet page's coming sessions, at most (bytes).
const HAMLET_ROWS_BUDGET: usize = 6 * 1024;

#[derive(Serialize)]
struct ComingView {
    /// "thứ Ba, ngày 15/08/2023": the first and last day shown.
    from: String,
    until: Option<String>,
    /// Coming sessions not shown in full.
    more: usize,
}

fn coming_view(coming: &Coming, today: NaiveDate) -> ComingView {
    ComingView {
        from: crate::vi::calendar::format_date_phrase(today),
        until: coming.last.map(crate::vi::calendar::format_date_phrase),
        more: coming.more,
    }
}

#[derive(Serialize)]
struct MonthLink {
    /// "Tháng 7/2023"
    label: String,
    path: String,
}

fn month_links(shared: &Shared) -> Vec<MonthLink> {
    shared
        .plan
        .months
        .iter()
        .map(|&m| MonthLink {
            label: event::capitalize(&m.label()),
            path: plan::month_path(m),
        })
        .collect()
}

fn hamlet_view(shared: &Shared, h: HamletId) -> views::HamletView {
    let count = shared
        .plan
        .sessions()
        .filter(|&(i, _)| shared.plan.lists(h, i))
        .count();
    views::hamlet(shared.content, shared.plan, h, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_whitespace_is_stripped_line_by_line() {
        let mut html = b"<ul>  \n  <li>a</li>\t\n\n  x".to_vec();
        strip_trailing_whitespace(&mut html);
        assert_eq!(html, b"<ul>\n  <li>a</li>\n\n  x");
    }

    #[test]
    fn long_titles_are_shortened() {
        assert_eq!(head_title("Lịch", "Định danh"), "Lịch – Định danh");
        assert_eq!(head_title("Định danh", "Định danh"), "Định danh");
        let long = "Đăng ký tài khoản mức 2 tại Công an xã hoặc điểm lưu động";
        assert_eq!(
            head_title(long, "Đăng ký tài khoản định danh điện tử"),
            long
        );
        let very_long = "a ".repeat(50);
        assert_eq!(head_title(&very_long, "x").chars().count(), 70);
    }
}
