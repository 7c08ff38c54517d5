//! The pipeline, stage after stage: load → validate → plan → render → write.
//! Commands call these; they print nothing themselves.
//!
//! One path builds everything: a lone commune site is a province of one
//! (`model::Province::of_one`), built at the output's root with no index of
//! communes. Every commune is loaded, validated and planned on its own
//! (`prepare`), rendered on its own (`write_commune`), and hands the province
//! only a small summary for its own files.

use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use siphasher::sip128::{Hasher128 as _, SipHasher13};
use tera::Tera;

use crate::diagnostics::{self, Diagnostic, Diagnostics, Message};
use crate::load::province::Root;
use crate::model::{CommuneRef, Content, Nation, Province, ProvinceRef};
use crate::plan::Plan;
use crate::render::province::{CommuneCard, CommuneSummary, ProvinceCard, SharedData};
use crate::render::{RenderContext, RenderOptions};
use crate::theme::Theme;
use crate::{archive, load, output, plan, render, theme, validate};

/// Up to this many communes in a province, every week and hamlet gets its
/// preview image (about 20 a commune). A whole province (a hundred communes
/// and more) skips them: thousands of images would cost more than the rest of
/// its build, and each commune's own site, built alone, has them.
const PREVIEW_COMMUNES: usize = 30;

/// Whether a province's communes get preview images: decided by the
/// province's own size, so a province built alone and inside its nation
/// writes the same files.
fn previews(province: &Province) -> bool {
    province.communes.len() <= PREVIEW_COMMUNES
}

#[derive(Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    /// The date "upcoming" is counted from; the build date when None.
    pub today: Option<NaiveDate>,
    /// Also speak each week's read-aloud script into `doc-loa.mp3` (espeak-ng,
    /// then LAME), for the weeks the officer did not record themselves.
    pub audio: bool,
    /// Also write the whole site as one zip beside the output folder.
    pub zip: bool,
    /// Of a nation, build only this province (its slug) and the nation's
    /// index: the builds of every province together are the whole build.
    pub province: Option<String>,
    /// Held for reading by whoever reads the output meanwhile (`serve`'s
    /// requests): [`update`] swaps each part with two renames while holding
    /// it for writing, so no request finds a part missing between them.
    pub output_readers: Option<Arc<RwLock<()>>>,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Where `--zip` wrote the site.
    pub zip: Option<PathBuf>,
}

/// A failed build: every problem found, sorted, with source lines attached.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

/// The day a check is made for, and whether the officer gave it.
#[derive(Clone, Copy)]
struct BuildDay {
    date: NaiveDate,
    given: bool,
}

impl BuildDay {
    fn of(given: Option<NaiveDate>) -> BuildDay {
        BuildDay {
            date: given.unwrap_or_else(today_in_vietnam),
            given: given.is_some(),
        }
    }
}

/// Today's date in Vietnam (UTC+7, no daylight saving).
pub fn today_in_vietnam() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// The command line's base URL, checked once for the whole build.
fn base_url_option(options: &BuildOptions) -> Result<Option<String>, Diagnostic> {
    let Some(url) = &options.base_url else {
        return Ok(None);
    };
    load::parse_base_url(url).map(Some).ok_or_else(|| {
        let url = url.clone();
        Diagnostic::new(&options.root, None, Message::BaseUrlOptionInvalid { url })
    })
}

/// Where a commune's base URL comes from when its `site.yaml` has none, or
/// what replaces it.
enum BaseUrl {
    /// `--base-url` for a lone site: replaces the one in `site.yaml`.
    Replace(String),
    /// A commune of a province: the province's address and `xa/<slug>`.
    Default(String),
    None,
}

impl BaseUrl {
    fn for_commune(province: &Province, commune: &CommuneRef) -> BaseUrl {
        match (&province.base_url, province.lone) {
            (Some(url), true) => BaseUrl::Replace(url.clone()),
            (Some(url), false) => BaseUrl::Default(format!(
                "{}/{}",
                url.trim_end_matches('/'),
                commune.prefix.trim_end_matches('/')
            )),
            (None, _) => BaseUrl::None,
        }
    }
}

/// Load, validate and plan one commune; what `check` does and `build` starts with.
/// `today` is the day pages are true on (`--today`): some checks depend on it,
/// and on whether it was given (`today_given`) or read from the clock.
fn prepare(
    commune: &CommuneRef,
    base_url: BaseUrl,
    today: NaiveDate,
    today_given: bool,
) -> (Content, Plan, Vec<Diagnostic>) {
    let mut loaded = load::load_site(&commune.root, commune.site_yaml.clone());
    let site = &mut loaded.content.site;
    match base_url {
        BaseUrl::Replace(url) => site.base_url = Some(url),
        BaseUrl::Default(url) if site.base_url.is_none() => site.base_url = Some(url),
        _ => {}
    }
    let mut diags = Diagnostics::default();
    diags.extend(loaded.diagnostics);
    diags.extend(validate::validate(&loaded.content, today, today_given));
    let (plan, plan_diags) = plan::plan(&loaded.content);
    diags.extend(plan_diags);
    let mut items = diags.into_sorted();
    diagnostics::attach_source_lines(&mut items, &loaded.sources);
    (loaded.content, plan, items)
}

/// The province (or lone site) at `root`, with `--base-url` in place.
fn read_province(root: &Path, base_url: Option<String>) -> Result<Province, Vec<Diagnostic>> {
    let mut province = load::province::read(root)?;
    if base_url.is_some() {
        province.base_url = base_url;
    }
    Ok(province)
}

/// What `--root` holds, with `--base-url` in place (for a nation, its own).
fn read_root(root: &Path, base_url: Option<String>) -> Result<Root, Vec<Diagnostic>> {
    match load::province::read_root(root)? {
        Root::Province(_) => read_province(root, base_url).map(Root::Province),
        Root::Nation(mut nation) => {
            if base_url.is_some() {
                nation.base_url = base_url;
            }
            Ok(Root::Nation(nation))
        }
    }
}

/// A province of a nation: read from its folder; without a `base_url` of its
/// own, its address is the nation's and `tinh/<slug>`.
fn read_province_of(nation: &Nation, p: &ProvinceRef) -> Result<Province, Vec<Diagnostic>> {
    let mut province = load::province::read(&p.root)?;
    if province.base_url.is_none() {
        province.base_url = nation.base_url.as_ref().map(|url| {
            format!(
                "{}/{}",
                url.trim_end_matches('/'),
                p.prefix.trim_end_matches('/')
            )
        });
    }
    Ok(province)
}

/// Every problem in the site (or in every commune of a province, or of every
/// province of a nation), without writing anything, as a build on `today`
/// would find them (`today`: `--today`, or the clock's day when None).
pub fn check(root: &Path, today: Option<NaiveDate>) -> Vec<Diagnostic> {
    let today = BuildDay::of(today);
    let mut diags = match read_root(root, None) {
        Ok(Root::Province(province)) => check_province(&province, today),
        Ok(Root::Nation(nation)) => {
            let mut diags = nation.warnings.clone();
            for p in &nation.provinces {
                match read_province_of(&nation, p) {
                    Ok(province) => diags.extend(check_province(&province, today)),
                    Err(found) => diags.extend(found),
                }
            }
            diags
        }
        Err(diags) => diags,
    };
    diagnostics::sort(&mut diags);
    diags
}

fn check_province(province: &Province, today: BuildDay) -> Vec<Diagnostic> {
    // Each commune is dropped once checked: a country's worth is never held.
    let found: Vec<(Vec<Diagnostic>, bool)> = province
        .communes
        .par_iter()
        .map(|commune| {
            let (content, plan, mut diags) = prepare(
                commune,
                BaseUrl::for_commune(province, commune),
                today.date,
                today.given,
            );
            // Templates are part of the site too: a broken override fails the
            // build. The built-in theme alone is known good; compiling it per
            // commune was a third of `check` on a province.
            if !content.template_overrides.is_empty() {
                match theme::load(&content.template_overrides, &commune.root) {
                    Err(broken) => diags.extend(broken),
                    Ok(tera) if !diags.iter().any(Diagnostic::is_error) => {
                        diags.extend(render_nowhere(commune, &content, &plan, &tera, today.date));
                    }
                    Ok(_) => {}
                }
            }
            (diags, content.site.base_url.is_some())
        })
        .collect();
    let has_url = found.iter().all(|(_, has)| *has);
    let mut diags = province.warnings.clone();
    diags.extend(found.into_iter().flat_map(|(d, _)| d));
    if !diags.iter().any(Diagnostic::is_error) {
        diags.extend(validate::missing_base_url(province, has_url));
    }
    diags
}

/// How many upcoming sessions a home page lists (the same in `check`'s
/// rendering as in `build` and `serve`).
const UPCOMING_ON_HOME: usize = 10;

/// What rendering one commune needs: its content and plan, its templates
/// (the site's own over the theme), and where the files go.
fn commune_context<'a>(
    commune: &'a CommuneRef,
    content: &'a Content,
    plan: &'a Plan,
    tera: &'a Tera,
    options: &'a RenderOptions,
    sink: &'a render::Sink<'a>,
) -> RenderContext<'a> {
    RenderContext {
        content,
        plan,
        theme: Theme {
            tera,
            overrides: &content.template_overrides,
            site_root: &commune.root,
        },
        options,
        sink,
    }
}

/// The errors rendering a commune with its own templates would meet, found
/// by rendering every page and file and writing none: tera finds an unknown
/// filter, variable or included template only when a page uses it, so
/// without this `check` passed sites whose `build` then failed.
fn render_nowhere(
    commune: &CommuneRef,
    content: &Content,
    plan: &Plan,
    tera: &Tera,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let options = RenderOptions {
        today,
        upcoming_on_home: UPCOMING_ON_HOME,
        // Preview images are drawn, not templated.
        previews: false,
        speak: false,
    };
    let nowhere = |_: &str, _: &[u8]| Ok(());
    let ctx = commune_context(commune, content, plan, tera, &options, &nowhere);
    render::site(&ctx).err().unwrap_or_default()
}

/// What writing one commune produced.
struct Written {
    pages: usize,
    files: usize,
    warnings: Vec<Diagnostic>,
    /// Its part of the province's own files (none for a lone site).
    summary: Option<CommuneSummary>,
}

/// What one build shares with every commune it renders.
struct Job<'a> {
    province: &'a Province,
    /// Where the province goes in the output: "" or a nation's `tinh/<slug>/`.
    prefix: &'a str,
    options: &'a BuildOptions,
    render_options: &'a RenderOptions,
    staging: &'a output::Staging,
    /// The theme compiled once for the communes that override nothing.
    default_theme: &'a Tera,
}

/// Render one commune into the staging folder under its prefix.
fn write_commune(
    job: &Job,
    commune: &CommuneRef,
    content: &Content,
    plan: &Plan,
) -> Result<Written, Vec<Diagnostic>> {
    let (options, staging) = (job.options, job.staging);
    let own_theme;
    let tera = match content.template_overrides.is_empty() {
        true => job.default_theme,
        false => {
            own_theme = theme::load(&content.template_overrides, &commune.root)?;
            &own_theme
        }
    };
    let prefix = format!("{}{}", job.prefix, commune.prefix);
    let prefix = prefix.as_str();
    let prefixed = |rel: &str| format!("{prefix}{rel}");
    // The province's lich.json holds each commune's own: kept as written,
    // not made again (4% of a province build was making it twice).
    let own_json = Mutex::new(None);
    let sink = |rel: &str, bytes: &[u8]| {
        if !job.province.lone && rel == plan::DATA_JSON {
            *own_json.lock().unwrap_or_else(PoisonError::into_inner) = Some(bytes.to_vec());
        }
        staging.write(&prefixed(rel), bytes)
    };
    let ctx = commune_context(commune, content, plan, tera, job.render_options, &sink);
    let rendered = render::site(&ctx)?;
    let mut files = rendered.files;
    let mut warnings = Vec::new();
    // The officer's recordings, in place of the synthetic voice.
    let mut unrecorded = Vec::new();
    for (&week, recording) in plan.weeks.iter().zip(&plan.week_recordings) {
        match recording {
            Some(r) => {
                let r = &content.recordings[*r];
                staging
                    .copy(&r.abs, &prefixed(&plan::week_audio_path(week, r.ext)))
                    .map_err(|d| vec![d])?;
                files += 1;
            }
            None => unrecorded.push(week),
        }
    }
    if job.render_options.speak {
        let spoken = crate::audio::speak_weeks(
            &staging.dir().join(prefix),
            &options.output.join(prefix),
            &unrecorded,
            &sink,
        );
        files += spoken.written;
        warnings.extend(spoken.warnings);
    }
    for f in &content.static_files {
        staging
            .copy(&f.abs, &prefixed(&f.rel))
            .map_err(|d| vec![d])?;
        files += 1;
    }
    let summary = match job.province.lone {
        true => None,
        false => Some(
            render::province::summary(
                commune,
                content,
                plan,
                job.render_options.today,
                own_json
                    .into_inner()
                    .unwrap_or_else(PoisonError::into_inner),
            )
            .map_err(|reason| vec![data_failed(options, reason)])?,
        ),
    };
    Ok(Written {
        pages: rendered.pages,
        files,
        warnings,
        summary,
    })
}

fn data_failed(options: &BuildOptions, reason: String) -> Diagnostic {
    Diagnostic::new(&options.output, None, Message::ProvinceCsvFailed { reason })
}

/// What became of one commune.
enum Outcome {
    /// It has errors (its warnings with them): nothing was written.
    Refused(Vec<Diagnostic>),
    /// Good, but not rendered: another commune's errors fail the build anyway.
    Skipped(Vec<Diagnostic>),
    /// Rendering or writing it failed.
    Failed(Vec<Diagnostic>),
    /// Written, with the warnings found preparing it.
    Written(Box<Made>),
}

/// A commune written: what `Outcome::Written` carries.
struct Made {
    warnings: Vec<Diagnostic>,
    written: Written,
    has_url: bool,
    key: Option<Key>,
}

/// Load, validate, plan and render one commune; everything it read is dropped
/// before the next one starts on this core.
fn make_commune(job: &Job, commune: &CommuneRef, failing: &AtomicBool, keep: bool) -> Outcome {
    let base = BaseUrl::for_commune(job.province, commune);
    // Keyed before reading: an edit made meanwhile makes the next key differ.
    let key = keep
        .then(|| commune_key(commune, &base, job.render_options.today))
        .flatten();
    let today_given = job.options.today.is_some();
    let (content, plan, diags) = prepare(commune, base, job.render_options.today, today_given);
    if diags.iter().any(Diagnostic::is_error) {
        failing.store(true, Ordering::Relaxed);
        return Outcome::Refused(diags);
    }
    if failing.load(Ordering::Relaxed) {
        return Outcome::Skipped(diags);
    }
    match write_commune(job, commune, &content, &plan) {
        Ok(written) => Outcome::Written(Box::new(Made {
            warnings: diags,
            written,
            has_url: content.site.base_url.is_some(),
            key,
        })),
        Err(errors) => {
            failing.store(true, Ordering::Relaxed);
            Outcome::Failed(errors)
        }
    }
}

/// Takes each commune's outcome as it comes and handles them in province
/// order: the shared data is written as it arrives, and only the index cards
/// are kept (and, for `serve`, what the next build needs).
struct Collector<W: Write> {
    next: usize,
    /// Outcomes that came before their turn: at most about one per core.
    waiting: BTreeMap<usize, Outcome>,
    data: Option<SharedData<W, W>>,
    data_error: Option<String>,
    cards: Vec<CommuneCard>,
    pages: usize,
    files: usize,
    /// Warnings, and with `refused` the errors found preparing communes.
    found: Vec<Diagnostic>,
    refused: bool,
    /// Errors rendering or writing communes.
    failed: Vec<Diagnostic>,
    lone_has_url: bool,
    /// For `serve`: what each commune left, in province order.
    kept: Option<Vec<Kept>>,
}

impl<W: Write> Collector<W> {
    fn take(&mut self, index: usize, outcome: Outcome) {
        self.waiting.insert(index, outcome);
        while let Some(outcome) = self.waiting.remove(&self.next) {
            self.next += 1;
            self.handle(outcome);
        }
    }

    fn handle(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Refused(diags) => {
                self.refused = true;
                self.found.extend(diags);
            }
            Outcome::Skipped(diags) => self.found.extend(diags),
            Outcome::Failed(errors) => self.failed.extend(errors),
            Outcome::Written(made) => {
                let Made {
                    warnings,
                    written,
                    has_url,
                    key,
                } = *made;
                self.pages += written.pages;
                self.files += written.files;
                self.lone_has_url = has_url;
                self.found.extend(warnings.iter().cloned());
                self.found.extend(written.warnings.iter().cloned());
                let summary = written.summary.map(Arc::new);
                if let Some(summary) = &summary {
                    self.cards.push(summary.card.clone());
                    if let (Some(data), None) = (&mut self.data, &self.data_error) {
                        self.data_error = data.push(summary).err();
                    }
                }
                if let Some(kept) = &mut self.kept {
                    let mut all = warnings;
                    all.extend(written.warnings);
                    kept.push(Kept {
                        key,
                        summary,
                        pages: written.pages,
                        files: written.files,
                        warnings: all,
                    });
                }
            }
        }
    }
}

/// The key of everything a commune's output depends on: its files, where it
/// sits in the province, its address and the day. Text files count by their
/// bytes; the files of `static/`, copied as they are and sometimes large, by
/// their size and modification time. None when it can't be told (a folder
/// unreadable, or a link), so the commune is always rebuilt.
fn commune_key(commune: &CommuneRef, base: &BaseUrl, today: NaiveDate) -> Option<Key> {
    use std::hash::Hash;
    let mut h = SipHasher13::new();
    (
        &commune.prefix,
        &commune.slug,
        &commune.root,
        base.key(),
        today,
    )
        .hash(&mut h);
    let walk = walkdir::WalkDir::new(&commune.root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::disk::is_hidden_or_scratch(e.file_name()));
    for entry in walk {
        let entry = entry.ok()?;
        let kind = entry.file_type();
        if kind.is_symlink() && entry.depth() > 0 {
            return None;
        }
        let rel = entry.path().strip_prefix(&commune.root).ok()?;
        rel.hash(&mut h);
        if !kind.is_file() {
            continue;
        }
        if rel.starts_with("static") {
            let meta = entry.metadata().ok()?;
            (meta.len(), meta.modified().ok()?).hash(&mut h);
        } else {
            let bytes = std::fs::read(entry.path()).ok()?;
            bytes.len().hash(&mut h);
            h.write(&bytes);
        }
    }
    Some(h.finish128().as_u128())
}

/// A content key (`commune_key`, `province_key`).
type Key = u128;

impl BaseUrl {
    fn key(&self) -> (u8, Option<&str>) {
        match self {
            BaseUrl::Replace(url) => (0, Some(url)),
            BaseUrl::Default(url) => (1, Some(url)),
            BaseUrl::None => (2, None),
        }
    }
}

/// The key of everything province-wide: the province's `site.yaml` as read,
/// its communes and their folders, and the options.
fn province_key(province: &Province, options: &BuildOptions, today: NaiveDate) -> Key {
    use std::hash::Hash;
    let mut h = SipHasher13::new();
    let communes: Vec<(&Path, &str, &str)> = province
        .communes
        .iter()
        .map(|c| (c.root.as_path(), c.slug.as_str(), c.prefix.as_str()))
        .collect();
    (
        &province.root,
        &province.title,
        &province.authority,
        &province.place,
        &province.base_url,
        communes,
        province.lone,
        province.warnings.len(),
    )
        .hash(&mut h);
    (
        &options.root,
        &options.base_url,
        today,
        options.audio,
        options.zip,
    )
        .hash(&mut h);
    h.finish128().as_u128()
}

/// What a commune left for the next build: the key of what it was made from,
/// and what the province's files and the summary need of it.
struct Kept {
    key: Option<Key>,
    summary: Option<Arc<CommuneSummary>>,
    pages: usize,
    files: usize,
    warnings: Vec<Diagnostic>,
}

/// What a build leaves for the next one (`serve`): which output it wrote and
/// from what, commune by commune. [`update`] rebuilds only what changed.
pub struct Cache {
    output: PathBuf,
    province: Key,
    communes: Vec<Kept>,
    /// The built-in templates, compiled once (they are in the binary).
    default_theme: Arc<Tera>,
    /// The province's own warnings (folders giving the same slug, no base URL).
    warnings: Vec<Diagnostic>,
}

impl Cache {
    /// Whether this cache describes the output folder `output`.
    pub fn describes(&self, output: &Path) -> bool {
        output::resolve(output) == self.output
    }
}

/// Zip (if asked) from the staging folder, so a failed zip leaves the old site
/// too, then swap the staging folder in.
fn finish(
    options: &BuildOptions,
    staging: output::Staging,
) -> Result<Option<PathBuf>, Vec<Diagnostic>> {
    let zip = match options.zip {
        true => Some(archive::write_zip(staging.dir(), &options.output).map_err(|d| vec![d])?),
        false => None,
    };
    staging.commit().map_err(|d| vec![d])?;
    zip.map(|z| z.commit()).transpose().map_err(|d| vec![d])
}

pub fn build(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    build_with(options, None)
}

/// A whole build, as [`build`], that also leaves in `cache` what [`update`]
/// needs to rebuild only what changes next (`serve`). On failure the cache
/// is emptied.
pub fn build_keeping(
    options: &BuildOptions,
    cache: &mut Option<Cache>,
) -> Result<BuildSummary, Failure> {
    *cache = None;
    build_with(options, Some(cache))
}

fn build_with(
    options: &BuildOptions,
    cache: Option<&mut Option<Cache>>,
) -> Result<BuildSummary, Failure> {
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>| Failure { diagnostics };
    // One build per output folder at a time; the output is checked first, so
    // the lock file is never written into (or beside) the content folder.
    output::check_target(&options.output, &options.root).map_err(|d| fail(vec![d]))?;
    let _lock = output::lock(&options.output).map_err(|d| fail(vec![d]))?;
    // Before anything else can fail: a site left aside by a killed build goes back.
    output::recover_interrupted(&options.output).map_err(|d| fail(vec![d]))?;
    let base_url = base_url_option(options).map_err(|d| fail(vec![d]))?;
    let root = read_root(&options.root, base_url).map_err(fail)?;
    if options.province.is_some() && matches!(root, Root::Province(_)) {
        let d = Diagnostic::new(&options.root, None, Message::ProvinceOptionNeedsNation);
        return Err(fail(vec![d]));
    }
    let today = options.today.unwrap_or_else(today_in_vietnam);
    // espeak-ng is asked once, before rendering, so pages link only to sound
    // that will be there.
    let (speak, speak_warning) = match options.audio {
        false => (false, None),
        true => match crate::audio::probe() {
            Ok(()) => (true, None),
            Err(warning) => (false, Some(warning)),
        },
    };
    let render_options = RenderOptions {
        today,
        upcoming_on_home: UPCOMING_ON_HOME,
        speak,
        previews: match &root {
            Root::Province(province) => previews(province),
            // Each province decides for itself (`build_nation`).
            Root::Nation(_) => false,
        },
    };
    let staging = output::Staging::create(&options.output).map_err(|d| fail(vec![d]))?;
    let default_theme = Arc::new(theme::load(&[], &options.root).map_err(fail)?);
    let (mut made, province_key) = match &root {
        Root::Province(province) => {
            let job = Job {
                province,
                prefix: "",
                options,
                render_options: &render_options,
                staging: &staging,
                default_theme: &default_theme,
            };
            let made = stream_province(&job, cache.is_some()).map_err(fail)?;
            (made, Some(province_key(province, options, today)))
        }
        Root::Nation(nation) => {
            let parts = Parts {
                options,
                render_options: &render_options,
                staging: &staging,
                default_theme: &default_theme,
            };
            (build_nation(nation, &parts).map_err(fail)?, None)
        }
    };
    made.warnings.extend(speak_warning);
    diagnostics::sort(&mut made.warnings);
    let zip = finish(options, staging).map_err(fail)?;
    if let (Some(cache), Some(kept), Some(province)) = (cache, made.kept, province_key) {
        *cache = Some(Cache {
            output: output::resolve(&options.output),
            province,
            communes: kept,
            default_theme,
            warnings: made.own_warnings,
        });
    }
    Ok(BuildSummary {
        pages: made.pages,
        files: made.files,
        elapsed: started.elapsed(),
        warnings: made.warnings,
        zip,
    })
}

/// What one province's part of a build wrote.
struct ProvinceMade {
    pages: usize,
    files: usize,
    /// Every warning of the province and its communes.
    warnings: Vec<Diagnostic>,
    /// The province's own (folders, base URL).
    own_warnings: Vec<Diagnostic>,
    /// For `serve`: what each commune left.
    kept: Option<Vec<Kept>>,
}

/// Every commune of `job.province` and the province's own files (its index,
/// shared data and theme assets), under `job.prefix`.
fn stream_province(job: &Job, keep: bool) -> Result<ProvinceMade, Vec<Diagnostic>> {
    let (province, staging, options) = (job.province, job.staging, job.options);
    let at = |rel: &str| format!("{}{rel}", job.prefix);
    let data = match province.lone {
        true => None,
        false => {
            let json = staging
                .create_file(&at(plan::DATA_JSON))
                .map_err(|d| vec![d])?;
            let csv = staging
                .create_file(&at(plan::DATA_CSV))
                .map_err(|d| vec![d])?;
            let shown = csv.shown().to_path_buf();
            let data = SharedData::new(json, csv).map_err(|reason| {
                vec![Diagnostic::new(
                    &shown,
                    None,
                    Message::ProvinceCsvFailed { reason },
                )]
            })?;
            Some(data)
        }
    };
    let collector = Mutex::new(Collector {
        next: 0,
        waiting: BTreeMap::new(),
        data,
        data_error: None,
        cards: Vec::new(),
        pages: 0,
        files: 0,
        found: province.warnings.clone(),
        refused: false,
        failed: Vec::new(),
        lone_has_url: false,
        kept: keep.then(Vec::new),
    });
    let failing = AtomicBool::new(false);
    // Communes are handed out in order, one per free core, and each is loaded,
    // rendered, written and dropped before its core takes the next: memory
    // stays that of a few communes, however many the build has. Several
    // communes at once also keep both cores busy while one renders its
    // largest page (the full schedule).
    province
        .communes
        .iter()
        .enumerate()
        .par_bridge()
        .for_each(|(i, commune)| {
            let outcome = make_commune(job, commune, &failing, keep);
            collector
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(i, outcome);
        });
    let collected = collector
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let Collector {
        data,
        data_error,
        cards,
        mut pages,
        mut files,
        found: mut warnings,
        refused,
        failed,
        lone_has_url,
        kept,
        ..
    } = collected;
    if refused {
        return Err(warnings);
    }
    if !failed.is_empty() {
        return Err(failed);
    }
    let own_warnings: Vec<Diagnostic> = province
        .warnings
        .iter()
        .cloned()
        .chain(validate::missing_base_url(province, lone_has_url))
        .collect();
    warnings.extend(validate::missing_base_url(province, lone_has_url));
    if let Some(data) = data {
        let finished = match data_error {
            Some(reason) => Err(reason),
            None => data.finish().map(drop),
        };
        finished.map_err(|reason| vec![data_failed(options, reason)])?;
        let index = province_index(
            province,
            &cards,
            job.default_theme,
            job.render_options,
            options,
        )?;
        staging
            .write(&at("index.html"), &index)
            .map_err(|d| vec![d])?;
        for (rel, bytes) in theme::built_assets() {
            staging.write(&at(rel), &bytes).map_err(|d| vec![d])?;
        }
        pages += 1;
        files += 3 + theme::ASSETS.len();
    }
    Ok(ProvinceMade {
        pages,
        files,
        warnings,
        own_warnings,
        kept,
    })
}

/// What every province of a nation's build shares.
struct Parts<'a> {
    options: &'a BuildOptions,
    render_options: &'a RenderOptions,
    staging: &'a output::Staging,
    default_theme: &'a Tera,
}

/// A nation: its provinces one after the other (or only `--province`), each
/// under `tinh/<slug>/` as it is built alone, then the nation's index and
/// theme assets. The index is made from the provinces' own `site.yaml`, so
/// each `--province` build writes the same one: the builds of every
/// province, put together, are the whole build, file for file.
fn build_nation(nation: &Nation, parts: &Parts) -> Result<ProvinceMade, Vec<Diagnostic>> {
    let chosen: Vec<&ProvinceRef> = match &parts.options.province {
        None => nation.provinces.iter().collect(),
        Some(slug) => {
            let found: Vec<&ProvinceRef> = nation
                .provinces
                .iter()
                .filter(|p| &p.slug == slug)
                .collect();
            if found.is_empty() {
                let known: Vec<&str> = nation.provinces.iter().map(|p| p.slug.as_str()).collect();
                let d = Diagnostic::new(
                    &parts.options.root,
                    None,
                    Message::ProvinceUnknown {
                        slug: slug.clone(),
                        known: known.join(", "),
                    },
                );
                return Err(vec![d]);
            }
            found
        }
    };
    let mut made = ProvinceMade {
        pages: 1,
        files: 1 + theme::ASSETS.len(),
        warnings: nation.warnings.clone(),
        own_warnings: Vec::new(),
        kept: None,
    };
    let mut problems = Vec::new();
    let mut cards = Vec::new();
    for p in &nation.provinces {
        let province = match read_province_of(nation, p) {
            Ok(province) => province,
            Err(diags) => {
                problems.extend(diags);
                continue;
            }
        };
        cards.push(ProvinceCard {
            title: province.title.clone(),
            authority: province.authority.clone(),
            place: province.place.clone(),
            path: format!("{}index.html", p.prefix),
            communes: province.communes.len(),
            data: (!province.lone).then(|| format!("{}du-lieu/", p.prefix)),
        });
        if !chosen.iter().any(|c| c.slug == p.slug) {
            continue;
        }
        let render_options = RenderOptions {
            previews: previews(&province),
            ..*parts.render_options
        };
        let job = Job {
            province: &province,
            prefix: &p.prefix,
            options: parts.options,
            render_options: &render_options,
            staging: parts.staging,
            default_theme: parts.default_theme,
        };
        match stream_province(&job, false) {
            Ok(one) => {
                made.pages += one.pages;
                made.files += one.files;
                made.warnings.extend(one.warnings);
            }
            Err(diags) => problems.extend(diags),
        }
    }
    if !problems.is_empty() {
        diagnostics::sort(&mut problems);
        return Err(problems);
    }
    let index = render::province::nation_index(
        nation,
        &cards,
        parts.default_theme,
        parts.render_options.today,
    )
    .map_err(|e| vec![theme::template_error(&e, &[], &parts.options.root)])?;
    let staging = parts.staging;
    staging.write("index.html", &index).map_err(|d| vec![d])?;
    for (rel, bytes) in theme::built_assets() {
        staging.write(rel, &bytes).map_err(|d| vec![d])?;
    }
    Ok(made)
}

/// The province's index of communes.
fn province_index<'a>(
    province: &Province,
    cards: impl IntoIterator<Item = &'a CommuneCard>,
    tera: &Tera,
    render_options: &RenderOptions,
    options: &BuildOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    render::province::index(province, cards, tera, render_options.today)
        .map_err(|e| vec![theme::template_error(&e, &[], &options.root)])
}

/// What [`update`] did.
pub enum Update {
    /// The output is up to date with the content.
    Done(BuildSummary),
    /// The content has errors; the output was left as it was.
    Failed(Failure),
    /// A whole build is needed (a lone site, the province or the options
    /// changed, the output is not the cache's, or an update went wrong):
    /// the cache was emptied.
    Whole,
}

/// Bring the output a [`build_keeping`] wrote up to date with the content,
/// rebuilding only the communes whose key changed and the province's own
/// files, in place: each changed commune's folder and each province file is
/// swapped by renames, so `serve` can keep serving it meanwhile. The output is
/// byte for byte what a whole build of the same content writes.
///
/// `changed` is what the watcher saw saved, when it knows: a commune none of
/// those paths is in keeps its key without its files being read again.
pub fn update(options: &BuildOptions, cache: &mut Option<Cache>, changed: Changed) -> Update {
    match try_update(options, cache, changed) {
        Some(Ok(summary)) => Update::Done(summary),
        Some(Err(failure)) => Update::Failed(failure),
        None => {
            *cache = None;
            Update::Whole
        }
    }
}

/// What changed since the last build, as far as the caller knows.
#[derive(Clone, Copy)]
pub enum Changed<'a> {
    /// These files or folders, and nothing else.
    Paths(&'a [PathBuf]),
    /// Anything may have.
    Unknown,
}

impl Changed<'_> {
    /// For each commune, whether a changed path may be in it; None when a
    /// path is in none of them (the province's own files, or one not known).
    fn communes(self, province: &Province) -> Option<Vec<bool>> {
        let Changed::Paths(paths) = self else {
            return None;
        };
        let canonical = std::fs::canonicalize(&province.root).ok();
        let mut touched = vec![false; province.communes.len()];
        for path in paths {
            let rel = path
                .strip_prefix(&province.root)
                .ok()
                .or_else(|| path.strip_prefix(canonical.as_ref()?).ok())?;
            let i = province.communes.iter().position(|c| {
                c.root
                    .strip_prefix(&province.root)
                    .is_ok_and(|c| !c.as_os_str().is_empty() && rel.starts_with(c))
            })?;
            touched[i] = true;
        }
        Some(touched)
    }
}

fn try_update(
    options: &BuildOptions,
    cache: &mut Option<Cache>,
    changed: Changed,
) -> Option<Result<BuildSummary, Failure>> {
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>| Some(Err(Failure { diagnostics }));
    let cache = cache.as_mut()?;
    if options.audio || options.zip || output::resolve(&options.output) != cache.output {
        return None;
    }
    if !cache.output.join(output::MARKER).is_file() {
        return None;
    }
    let base_url = match base_url_option(options) {
        Ok(url) => url,
        Err(d) => return fail(vec![d]),
    };
    let province = match read_root(&options.root, base_url) {
        Ok(Root::Province(province)) => province,
        // A nation is built whole.
        Ok(Root::Nation(_)) => return None,
        Err(diags) => return fail(diags),
    };
    let render_options = RenderOptions {
        today: options.today.unwrap_or_else(today_in_vietnam),
        upcoming_on_home: UPCOMING_ON_HOME,
        // `--audio` is never updated in place (see above).
        speak: false,
        previews: previews(&province),
    };
    if options.province.is_some()
        || province.lone
        || province_key(&province, options, render_options.today) != cache.province
    {
        return None;
    }
    let today = render_options.today;
    let touched = changed.communes(&province);
    let keys: Vec<Option<Key>> = province
        .communes
        .par_iter()
        .enumerate()
        .map(|(i, c)| match (&touched, cache.communes[i].key) {
            (Some(touched), Some(key)) if !touched[i] => Some(key),
            _ => commune_key(c, &BaseUrl::for_commune(&province, c), today),
        })
        .collect();
    let changed: Vec<usize> = (0..keys.len())
        .filter(|&i| keys[i].is_none() || keys[i] != cache.communes[i].key)
        .collect();
    let summary = |cache: &Cache, started: Instant| {
        let mut warnings = cache.warnings.clone();
        warnings.extend(
            cache
                .communes
                .iter()
                .flat_map(|k| k.warnings.iter().cloned()),
        );
        diagnostics::sort(&mut warnings);
        BuildSummary {
            pages: cache.communes.iter().map(|k| k.pages).sum::<usize>() + 1,
            files: cache.communes.iter().map(|k| k.files).sum::<usize>() + 3 + theme::ASSETS.len(),
            elapsed: started.elapsed(),
            warnings,
            zip: None,
        }
    };
    if changed.is_empty() {
        return Some(Ok(summary(cache, started)));
    }
    let _lock = match output::lock(&options.output) {
        Ok(lock) => lock,
        Err(d) => return fail(vec![d]),
    };
    let staging = output::Staging::create(&options.output).ok()?;
    let default_theme = Arc::clone(&cache.default_theme);
    let job = Job {
        province: &province,
        prefix: "",
        options,
        render_options: &render_options,
        staging: &staging,
        default_theme: &default_theme,
    };
    let failing = AtomicBool::new(false);
    let outcomes: Vec<(usize, Outcome)> = changed
        .par_iter()
        .map(|&i| {
            let commune = &province.communes[i];
            (i, make_commune(&job, commune, &failing, false))
        })
        .collect();
    // The problems a whole build would report: the changed communes' own and
    // the unchanged ones' warnings, which their keys say are the same.
    let mut found = cache.warnings.clone();
    let mut refused = false;
    let mut failed = Vec::new();
    let mut made = Vec::new();
    for (i, outcome) in outcomes {
        match outcome {
            Outcome::Refused(diags) => {
                refused = true;
                found.extend(diags);
            }
            Outcome::Skipped(diags) => found.extend(diags),
            Outcome::Failed(errors) => failed.extend(errors),
            Outcome::Written(one) => {
                let Made {
                    warnings, written, ..
                } = *one;
                found.extend(warnings.iter().cloned());
                made.push((i, warnings, written));
            }
        }
    }
    if refused || !failed.is_empty() {
        let unchanged = (0..keys.len()).filter(|i| !changed.contains(i));
        found.extend(unchanged.flat_map(|i| cache.communes[i].warnings.iter().cloned()));
        let mut problems = if refused { found } else { failed };
        diagnostics::sort(&mut problems);
        return fail(problems);
    }
    // A guide's edit leaves the shared data as it was: 40 MB on L not rewritten.
    let mut same_data = true;
    for (i, mut warnings, written) in made {
        warnings.extend(written.warnings);
        same_data &= match (&cache.communes[i].summary, &written.summary) {
            (Some(old), Some(new)) => old.same_data(new),
            _ => false,
        };
        cache.communes[i] = Kept {
            key: keys[i],
            summary: written.summary.map(Arc::new),
            pages: written.pages,
            files: written.files,
            warnings,
        };
    }
    // The province's own files, from every commune's summary.
    let summaries: Vec<&CommuneSummary> = cache
        .communes
        .iter()
        .filter_map(|k| k.summary.as_deref())
        .collect();
    let cards = summaries.iter().map(|s| &s.card);
    let index = match province_index(&province, cards, &default_theme, &render_options, options) {
        Ok(index) => index,
        Err(diags) => return fail(diags),
    };
    if let Err(d) = staging.write("index.html", &index) {
        return fail(vec![d]);
    }
    let mut parts: Vec<String> = changed
        .iter()
        .map(|&i| {
            province.communes[i]
                .prefix
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    parts.push("index.html".to_string());
    // The edited pages are served first; the shared data follows. Half
    // swapped is no output to build on: then a whole build follows.
    let swapping = || {
        options
            .output_readers
            .as_ref()
            .map(|r| r.write().unwrap_or_else(PoisonError::into_inner))
    };
    {
        let _swapping = swapping();
        staging.commit_parts(&parts).ok()?;
    }
    if !same_data {
        // Straight into the staged files, each on its own thread: L's shared
        // data is 68 MB.
        let json = || {
            let json = staging.create_file(plan::DATA_JSON).ok()?;
            let mut data = SharedData::new(json, std::io::sink()).ok()?;
            summaries.iter().try_for_each(|s| data.push(s)).ok()?;
            data.finish().ok()
        };
        let csv = || {
            let csv = staging.create_file(plan::DATA_CSV).ok()?;
            let mut data = SharedData::new(std::io::sink(), csv).ok()?;
            summaries.iter().try_for_each(|s| data.push(s)).ok()?;
            data.finish().ok()
        };
        let (json, csv) = rayon::join(json, csv);
        json.zip(csv)?;
        let _swapping = swapping();
        staging
            .commit_parts(&[plan::DATA_JSON, plan::DATA_CSV].map(String::from))
            .ok()?;
    }
    Some(Ok(summary(cache, started)))
}
