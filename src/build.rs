//! The pipeline, stage after stage: load → validate → plan → render → write.
//! Commands call these; they print nothing themselves.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::model::Content;
use crate::plan::Plan;
use crate::{archive, load, output, plan, render, validate};

#[derive(Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    /// The date "upcoming" is counted from; the build date when None.
    pub today: Option<NaiveDate>,
    /// Also speak each week's read-aloud script into `doc-loa.wav` (espeak-ng).
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

/// Load, validate and plan; what `check` does and `build` starts with.
/// `base_url` (from the command line) replaces the one in `site.yaml`;
/// `default_base_url` (a province's, for its communes) is used when it has none.
fn prepare(
    root: &Path,
    base_url: Option<&str>,
    default_base_url: Option<&str>,
) -> (Content, Plan, Vec<Diagnostic>) {
    let mut loaded = load::load(root);
    let mut diags = Diagnostics::default();
    if let Some(url) = base_url {
        match load::parse_base_url(url) {
            Some(url) => loaded.content.site.base_url = Some(url),
            None => diags.push(
                Diagnostic::error(root, None, format!("--base-url \"{url}\" không phải địa chỉ web."))
                    .with_hint("Viết đầy đủ, bắt đầu bằng https://, ví dụ --base-url https://camngoc.camthuy.thanhhoa.gov.vn/dinh-danh"),
            ),
        }
    }
    if loaded.content.site.base_url.is_none() {
        loaded.content.site.base_url = default_base_url.map(str::to_string);
    }
    diags.extend(loaded.diagnostics);
    diags.extend(validate::validate(&loaded.content));
    let (plan, plan_diags) = plan::plan(&loaded.content);
    diags.extend(plan_diags);
    let mut items = diags.into_sorted();
    diagnostics::attach_source_lines(&mut items, &loaded.sources);
    (loaded.content, plan, items)
}

/// A site that loaded and validated without errors, ready to render.
struct Ready {
    root: PathBuf,
    content: Content,
    plan: Plan,
    warnings: Vec<Diagnostic>,
}

fn ready(
    root: &Path,
    base_url: Option<&str>,
    default_base_url: Option<&str>,
) -> Result<Ready, Vec<Diagnostic>> {
    let (content, plan, diags) = prepare(root, base_url, default_base_url);
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        Ok(Ready {
            root: root.to_path_buf(),
            content,
            plan,
            warnings,
        })
    } else {
        let mut all = errors;
        all.extend(warnings);
        diagnostics::sort(&mut all);
        Err(all)
    }
}

/// Every problem in the site (or in every commune of a province), without writing anything.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    match load::province::detect(root) {
        None => check_site(root, None),
        Some(Err(diags)) => diags,
        Some(Ok(province)) => {
            let mut diags = province.warnings.clone();
            let base = province.base_url.clone();
            diags.extend(
                province
                    .communes
                    .par_iter()
                    .flat_map_iter(|c| {
                        check_site(
                            &c.root,
                            base.as_ref()
                                .map(|b| commune_base_url(b, &c.slug))
                                .as_deref(),
                        )
                    })
                    .collect::<Vec<_>>(),
            );
            if base.is_none() {
                diags.push(render::seo::missing_base_url(root));
            }
            diagnostics::sort(&mut diags);
            diags
        }
    }
}

fn check_site(root: &Path, default_base_url: Option<&str>) -> Vec<Diagnostic> {
    let (content, _, mut diags) = prepare(root, None, default_base_url);
    if content.site.base_url.is_none()
        && default_base_url.is_none()
        && !diags.iter().any(Diagnostic::is_error)
    {
        diags.push(render::seo::missing_base_url(root));
        diagnostics::sort(&mut diags);
    }
    // Templates are part of the site too: a broken override fails the build.
    // The built-in theme alone is known good; compiling it per commune was a
    // third of `check` on a province.
    if !diags.iter().any(Diagnostic::is_error) && !content.template_overrides.is_empty() {
        if let Err(errors) = render::theme::load(&content.template_overrides, root) {
            diags.extend(errors);
        }
    }
    diags
}

fn commune_base_url(province_base: &str, slug: &str) -> String {
    format!(
        "{}/{}",
        province_base.trim_end_matches('/'),
        render::province::prefix(slug).trim_end_matches('/')
    )
}

/// What writing one site produced.
struct Written {
    pages: usize,
    files: usize,
    warnings: Vec<Diagnostic>,
}

/// Render one site into the staging folder under `prefix` ("" for a lone site,
/// "xa/<slug>/" for a commune of a province).
/// `default_theme` is the theme compiled once for the sites that override nothing.
fn write_site(
    site: &Ready,
    options: &BuildOptions,
    today: NaiveDate,
    staging: &output::Staging,
    prefix: &str,
    default_theme: Option<&Tera>,
) -> Result<Written, Vec<Diagnostic>> {
    let (content, plan) = (&site.content, &site.plan);
    let one = |d: Diagnostic| vec![d];
    let own_theme;
    let tera = match default_theme {
        Some(tera) if content.template_overrides.is_empty() => tera,
        _ => {
            own_theme = render::theme::load(&content.template_overrides, &site.root)?;
            &own_theme
        }
    };
    let render_options = render::RenderOptions {
        today,
        upcoming_on_home: 10,
    };
    let prefixed = |rel: &str| format!("{prefix}{rel}");
    let sink = |rel: &str, bytes: &[u8]| staging.write(&prefixed(rel), bytes);
    let pages = render::render(content, plan, tera, &render_options, &site.root, &sink)?;

    // Each week page wrote its doc-loa.txt beside it.
    let mut files = pages + plan.weeks.len();
    for (rel, bytes) in render::progress::data::files(content, plan).map_err(one)? {
        sink(rel, &bytes).map_err(one)?;
        files += 1;
    }
    files += render::files::render(content, plan, tera, &render_options, &site.root, &sink)?;
    let mut warnings = Vec::new();
    if options.audio {
        let spoken = crate::audio::speak_weeks(
            &staging.dir().join(prefix),
            &options.output.join(prefix),
            &plan.weeks,
        );
        files += spoken.written;
        warnings.extend(spoken.warnings);
    }
    for (rel, bytes) in render::theme::ASSETS {
        // A site may replace a theme asset by putting its own under static/.
        if !content.static_files.iter().any(|f| f.rel == *rel) {
            sink(rel, bytes).map_err(one)?;
            files += 1;
        }
    }
    for f in &content.static_files {
        staging.copy(&f.abs, &prefixed(&f.rel)).map_err(one)?;
        files += 1;
    }
    Ok(Written {
        pages,
        files,
        warnings,
    })
}

pub fn build(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    // Before anything can fail: a site left aside by a killed build goes back.
    output::recover_interrupted(&options.output).map_err(|d| Failure {
        diagnostics: vec![d],
    })?;
    match load::province::detect(&options.root) {
        None => build_site(options),
        Some(Err(diagnostics)) => Err(Failure { diagnostics }),
        Some(Ok(province)) => build_province(options, &province),
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

fn build_site(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>| Failure { diagnostics };
    let site = ready(&options.root, options.base_url.as_deref(), None).map_err(fail)?;
    let mut warnings = site.warnings.clone();
    if site.content.site.base_url.is_none() {
        warnings.push(render::seo::missing_base_url(&options.root));
    }
    output::check_target(&options.output, &options.root).map_err(|d| fail(vec![d]))?;
    let staging = output::Staging::create(&options.output).map_err(|d| fail(vec![d]))?;
    let today = options.today.unwrap_or_else(today_in_vietnam);
    let written = write_site(&site, options, today, &staging, "", None).map_err(fail)?;
    warnings.extend(written.warnings);
    diagnostics::sort(&mut warnings);
    let zip = finish(options, staging).map_err(fail)?;
    Ok(BuildSummary {
        pages: written.pages,
        files: written.files,
        elapsed: started.elapsed(),
        warnings,
        zip,
    })
}

/// Every commune under `xa/<slug>/`, each exactly the site it is alone (but for
/// a base URL derived from the province's), then the province's index and data.
fn build_province(
    options: &BuildOptions,
    province: &crate::model::Province,
) -> Result<BuildSummary, Failure> {
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>| Failure { diagnostics };
    let base = options
        .base_url
        .as_deref()
        .and_then(load::parse_base_url)
        .or_else(|| province.base_url.clone());
    // Communes load and validate in parallel; every commune's problems are reported at once.
    let results: Vec<Result<Ready, Vec<Diagnostic>>> = province
        .communes
        .par_iter()
        .map(|c| {
            ready(
                &c.root,
                None,
                base.as_ref()
                    .map(|b| commune_base_url(b, &c.slug))
                    .as_deref(),
            )
        })
        .collect();
    let mut warnings = province.warnings.clone();
    let mut errors = Vec::new();
    let mut sites = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(site) => {
                warnings.extend(site.warnings.iter().cloned());
                sites.push(site);
            }
            Err(diags) => errors.extend(diags),
        }
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        diagnostics::sort(&mut errors);
        return Err(fail(errors));
    }
    if base.is_none() {
        warnings.push(render::seo::missing_base_url(&options.root));
    }
    output::check_target(&options.output, &options.root).map_err(|d| fail(vec![d]))?;
    let staging = output::Staging::create(&options.output).map_err(|d| fail(vec![d]))?;
    let today = options.today.unwrap_or_else(today_in_vietnam);
    let tera = render::theme::load(&[], &options.root).map_err(fail)?;
    let communes: Vec<render::province::Commune> = sites
        .iter()
        .zip(&province.communes)
        .map(|(s, c)| render::province::Commune {
            slug: &c.slug,
            content: &s.content,
            plan: &s.plan,
        })
        .collect();
    // Communes render side by side: one commune's pages alone leave a core idle
    // while its largest page (the full schedule) renders. The province's own
    // files are made alongside, not after, for the same reason.
    let (written, own) = rayon::join(
        || {
            sites
                .par_iter()
                .zip(&province.communes)
                .map(|(site, commune)| {
                    let prefix = render::province::prefix(&commune.slug);
                    write_site(site, options, today, &staging, &prefix, Some(&tera))
                })
                .collect::<Vec<Result<Written, Vec<Diagnostic>>>>()
        },
        || province_files(province, &communes, &tera, today, options),
    );
    let (mut pages, mut files) = (0, 0);
    let mut errors = Vec::new();
    for w in written {
        match w {
            Ok(w) => {
                pages += w.pages;
                files += w.files;
                warnings.extend(w.warnings);
            }
            Err(e) => errors.extend(e),
        }
    }
    let own = match own {
        Ok(own) => own,
        Err(e) => {
            errors.extend(e);
            Vec::new()
        }
    };
    if !errors.is_empty() {
        diagnostics::sort(&mut errors);
        return Err(fail(errors));
    }
    for (rel, bytes) in &own {
        staging.write(rel, bytes).map_err(|d| fail(vec![d]))?;
    }
    for (rel, bytes) in render::theme::ASSETS {
        staging.write(rel, bytes).map_err(|d| fail(vec![d]))?;
    }
    pages += 1;
    files += own.len() + render::theme::ASSETS.len();
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
    province: &crate::model::Province,
    communes: &[render::province::Commune],
    tera: &tera::Tera,
    today: chrono::NaiveDate,
    options: &BuildOptions,
) -> Result<Vec<(&'static str, Vec<u8>)>, Vec<Diagnostic>> {
    let index = render::province::index(province, communes, tera, today)
        .map_err(|e| vec![render::theme::template_error(&e, &[], &options.root)])?;
    let csv = render::province::csv(communes).map_err(|reason| {
        vec![Diagnostic::error(
            &options.output,
            None,
            format!("Không tạo được tệp CSV chung: {reason}"),
        )]
    })?;
    Ok(vec![
        ("index.html", index),
        (plan::DATA_JSON, render::province::json(communes)),
        (plan::DATA_CSV, csv),
    ])
}
