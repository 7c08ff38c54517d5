//! The pipeline, stage after stage: load → validate → plan → render → write.
//! Commands call these; they print nothing themselves.
//!
//! One path builds everything: a lone commune site is a province of one
//! (`model::Province::of_one`), built at the output's root with no index of
//! communes. Every commune is loaded, validated and planned on its own
//! (`prepare`), rendered on its own (`write_commune`), and hands the province
//! only a small summary for its own files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{self, Diagnostic, Diagnostics, Message};
use crate::model::{CommuneRef, Content, Province};
use crate::plan::Plan;
use crate::render::province::CommuneSummary;
use crate::render::theme::Theme;
use crate::render::{RenderContext, RenderOptions};
use crate::{archive, load, output, plan, render, validate};

/// Up to this many communes in one build, every week and hamlet gets its
/// preview image (about 20 a commune). A whole province (a hundred communes
/// and more) skips them: thousands of images would cost more than the rest of
/// its build, and each commune's own site, built alone, has them.
const PREVIEW_COMMUNES: usize = 30;

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
/// `today` is the day pages are true on (`--today`): some checks depend on it.
fn prepare(
    commune: &CommuneRef,
    base_url: BaseUrl,
    today: NaiveDate,
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
    diags.extend(validate::validate(&loaded.content, today));
    let (plan, plan_diags) = plan::plan(&loaded.content);
    diags.extend(plan_diags);
    let mut items = diags.into_sorted();
    diagnostics::attach_source_lines(&mut items, &loaded.sources);
    (loaded.content, plan, items)
}

/// A commune that loaded and validated without errors, ready to render.
struct Ready<'a> {
    commune: &'a CommuneRef,
    content: Content,
    plan: Plan,
}

/// Every commune prepared in parallel; every commune's problems are reported
/// at once. Returns the communes and the warnings, or every problem.
fn prepare_all(
    province: &Province,
    today: NaiveDate,
) -> Result<(Vec<Ready<'_>>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let prepared: Vec<(Ready, Vec<Diagnostic>)> = province
        .communes
        .par_iter()
        .map(|commune| {
            let (content, plan, diags) =
                prepare(commune, BaseUrl::for_commune(province, commune), today);
            let ready = Ready {
                commune,
                content,
                plan,
            };
            (ready, diags)
        })
        .collect();
    let mut diags = province.warnings.clone();
    let mut sites = Vec::with_capacity(prepared.len());
    for (site, own) in prepared {
        diags.extend(own);
        sites.push(site);
    }
    if diags.iter().any(Diagnostic::is_error) {
        diagnostics::sort(&mut diags);
        return Err(diags);
    }
    let contents: Vec<&Content> = sites.iter().map(|s| &s.content).collect();
    diags.extend(validate::missing_base_url(province, &contents));
    Ok((sites, diags))
}

/// The province (or lone site) at `root`, with `--base-url` in place.
fn read_province(root: &Path, base_url: Option<String>) -> Result<Province, Vec<Diagnostic>> {
    let mut province = load::province::read(root)?;
    if base_url.is_some() {
        province.base_url = base_url;
    }
    Ok(province)
}

/// Every problem in the site (or in every commune of a province), without
/// writing anything, as a build on `today` would find them.
pub fn check(root: &Path, today: NaiveDate) -> Vec<Diagnostic> {
    let province = match read_province(root, None) {
        Ok(province) => province,
        Err(diags) => return diags,
    };
    let (sites, mut diags) = match prepare_all(&province, today) {
        Ok(prepared) => prepared,
        Err(diags) => return diags,
    };
    // Templates are part of the site too: a broken override fails the build.
    // The built-in theme alone is known good; compiling it per commune was a
    // third of `check` on a province.
    let broken: Vec<Vec<Diagnostic>> = sites
        .par_iter()
        .filter(|s| !s.content.template_overrides.is_empty())
        .filter_map(|s| render::theme::load(&s.content.template_overrides, &s.commune.root).err())
        .collect();
    diags.extend(broken.into_iter().flatten());
    diagnostics::sort(&mut diags);
    diags
}

/// What writing one commune produced.
struct Written {
    pages: usize,
    files: usize,
    warnings: Vec<Diagnostic>,
    /// Its part of the province's own files (none for a lone site).
    summary: Option<CommuneSummary>,
}

/// Render one commune into the staging folder under its prefix.
/// `default_theme` is the theme compiled once for the communes that override nothing.
fn write_commune(
    site: &Ready,
    options: &BuildOptions,
    render_options: &RenderOptions,
    staging: &output::Staging,
    default_theme: &Tera,
    province: &Province,
) -> Result<Written, Vec<Diagnostic>> {
    let (content, plan, commune) = (&site.content, &site.plan, site.commune);
    let own_theme;
    let tera = match content.template_overrides.is_empty() {
        true => default_theme,
        false => {
            own_theme = render::theme::load(&content.template_overrides, &commune.root)?;
            &own_theme
        }
    };
    let prefix = commune.prefix.as_str();
    let prefixed = |rel: &str| format!("{prefix}{rel}");
    let sink = |rel: &str, bytes: &[u8]| staging.write(&prefixed(rel), bytes);
    let ctx = RenderContext {
        content,
        plan,
        theme: Theme {
            tera,
            overrides: &content.template_overrides,
            site_root: &commune.root,
        },
        options: render_options,
        sink: &sink,
    };
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
    if render_options.speak {
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
    let summary = match province.lone {
        true => None,
        false => Some(
            render::province::summary(commune, content, plan, render_options.today).map_err(
                |reason| {
                    vec![Diagnostic::new(
                        &options.output,
                        None,
                        Message::ProvinceCsvFailed { reason },
                    )]
                },
            )?,
        ),
    };
    Ok(Written {
        pages: rendered.pages,
        files,
        warnings,
        summary,
    })
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
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>| Failure { diagnostics };
    // One build per output folder at a time; the output is checked first, so
    // the lock file is never written into (or beside) the content folder.
    output::check_target(&options.output, &options.root).map_err(|d| fail(vec![d]))?;
    let _lock = output::lock(&options.output).map_err(|d| fail(vec![d]))?;
    // Before anything else can fail: a site left aside by a killed build goes back.
    output::recover_interrupted(&options.output).map_err(|d| fail(vec![d]))?;
    let base_url = base_url_option(options).map_err(|d| fail(vec![d]))?;
    let province = read_province(&options.root, base_url).map_err(fail)?;
    let today = options.today.unwrap_or_else(today_in_vietnam);
    let (sites, mut warnings) = prepare_all(&province, today).map_err(fail)?;
    // espeak-ng is asked once, before rendering, so pages link only to sound
    // that will be there.
    let speak = options.audio
        && match crate::audio::probe() {
            Ok(()) => true,
            Err(warning) => {
                warnings.push(warning);
                false
            }
        };
    let render_options = RenderOptions {
        today,
        upcoming_on_home: 10,
        speak,
        previews: sites.len() <= PREVIEW_COMMUNES,
    };

    let staging = output::Staging::create(&options.output).map_err(|d| fail(vec![d]))?;
    let default_theme = render::theme::load(&[], &options.root).map_err(fail)?;
    // Communes render side by side: one commune's pages alone leave a core idle
    // while its largest page (the full schedule) renders.
    let written: Vec<Result<Written, Vec<Diagnostic>>> = sites
        .par_iter()
        .map(|site| {
            write_commune(
                site,
                options,
                &render_options,
                &staging,
                &default_theme,
                &province,
            )
        })
        .collect();
    let (mut pages, mut files) = (0, 0);
    let mut errors = Vec::new();
    let mut summaries = Vec::new();
    for w in written {
        match w {
            Ok(w) => {
                pages += w.pages;
                files += w.files;
                warnings.extend(w.warnings);
                summaries.extend(w.summary);
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        diagnostics::sort(&mut errors);
        return Err(fail(errors));
    }
    if !province.lone {
        let own = province_files(
            &province,
            &summaries,
            &default_theme,
            &render_options,
            options,
        )
        .map_err(fail)?;
        let assets = render::theme::ASSETS.iter().copied();
        for (rel, bytes) in own.iter().map(|(r, b)| (*r, b.as_slice())).chain(assets) {
            staging.write(rel, bytes).map_err(|d| fail(vec![d]))?;
        }
        pages += 1;
        files += own.len() + render::theme::ASSETS.len();
    }
    diagnostics::sort(&mut warnings);
    let zip = finish(options, staging).map_err(fail)?;
    Ok(BuildSummary {
        pages,
        files,
        elapsed: started.elapsed(),
        warnings,
        zip,
    })
}

/// The province's own files: the index of communes and the shared data.
fn province_files(
    province: &Province,
    communes: &[CommuneSummary],
    tera: &Tera,
    render_options: &RenderOptions,
    options: &BuildOptions,
) -> Result<Vec<(&'static str, Vec<u8>)>, Vec<Diagnostic>> {
    let index = render::province::index(province, communes, tera, render_options.today)
        .map_err(|e| vec![render::theme::template_error(&e, &[], &options.root)])?;
    let csv = render::province::csv(communes).map_err(|reason| {
        vec![Diagnostic::new(
            &options.output,
            None,
            Message::ProvinceCsvFailed { reason },
        )]
    })?;
    Ok(vec![
        ("index.html", index),
        (plan::DATA_JSON, render::province::json(communes)),
        (plan::DATA_CSV, csv),
    ])
}
