//! The pipeline, stage after stage: load → validate → plan → render → write.
//! Commands call these; they print nothing themselves.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

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
/// `base_url` (from the command line) replaces the one in `site.yaml`.
fn prepare(root: &Path, base_url: Option<&str>) -> (Content, Plan, Vec<Diagnostic>) {
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
    diags.extend(loaded.diagnostics);
    diags.extend(validate::validate(&loaded.content));
    let (plan, plan_diags) = plan::plan(&loaded.content);
    diags.extend(plan_diags);
    let mut items = diags.into_sorted();
    diagnostics::attach_source_lines(&mut items, &loaded.sources);
    (loaded.content, plan, items)
}

/// Every problem in the site, without writing anything.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    let (content, _, mut diags) = prepare(root, None);
    if content.site.base_url.is_none() && !diags.iter().any(Diagnostic::is_error) {
        diags.push(render::seo::missing_base_url(root));
        diagnostics::sort(&mut diags);
    }
    if !diags.iter().any(Diagnostic::is_error) {
        // Templates are part of the site too: a broken override fails the build.
        if let Err(errors) = render::theme::load(&content.template_overrides, root) {
            diags.extend(errors);
        }
    }
    diags
}

pub fn build(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>| Failure { diagnostics };
    let (content, plan, diags) = prepare(&options.root, options.base_url.as_deref());
    let (errors, mut warnings): (Vec<_>, Vec<_>) =
        diags.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        let mut all = errors;
        all.extend(warnings);
        diagnostics::sort(&mut all);
        return Err(fail(all));
    }
    if content.site.base_url.is_none() {
        warnings.push(render::seo::missing_base_url(&options.root));
        diagnostics::sort(&mut warnings);
    }
    output::check_target(&options.output, &options.root).map_err(|d| fail(vec![d]))?;
    let tera = render::theme::load(&content.template_overrides, &options.root).map_err(fail)?;
    let staging = output::Staging::create(&options.output).map_err(|d| fail(vec![d]))?;

    let render_options = render::RenderOptions {
        today: options.today.unwrap_or_else(today_in_vietnam),
        upcoming_on_home: 10,
    };
    let sink = |rel: &str, bytes: &[u8]| staging.write(rel, bytes);
    let pages = render::render(
        &content,
        &plan,
        &tera,
        &render_options,
        &options.root,
        &sink,
    )
    .map_err(fail)?;

    let mut files = pages + render::week::write_scripts(&content, &plan, &sink).map_err(fail)?;
    for (rel, bytes) in render::progress::data::files(&content, &plan).map_err(|d| fail(vec![d]))? {
        staging.write(rel, &bytes).map_err(|d| fail(vec![d]))?;
        files += 1;
    }
    files += render::files::render(
        &content,
        &plan,
        &tera,
        &render_options,
        &options.root,
        &sink,
    )
    .map_err(fail)?;
    if options.audio {
        let spoken = crate::audio::speak_weeks(staging.dir(), &options.output, &plan.weeks);
        files += spoken.written;
        warnings.extend(spoken.warnings);
    }

    for (rel, bytes) in render::theme::ASSETS {
        // A site may replace a theme asset by putting its own under static/.
        if !content.static_files.iter().any(|f| f.rel == *rel) {
            staging.write(rel, bytes).map_err(|d| fail(vec![d]))?;
            files += 1;
        }
    }
    for f in &content.static_files {
        staging.copy(&f.abs, &f.rel).map_err(|d| fail(vec![d]))?;
        files += 1;
    }
    // Zipped from the staging folder, so a failed zip leaves the old site too.
    let zip = match options.zip {
        true => {
            Some(archive::write_zip(staging.dir(), &options.output).map_err(|d| fail(vec![d]))?)
        }
        false => None,
    };
    staging.commit().map_err(|d| fail(vec![d]))?;
    let zip = zip
        .map(|z| z.commit())
        .transpose()
        .map_err(|d| fail(vec![d]))?;
    Ok(BuildSummary {
        pages,
        files,
        elapsed: started.elapsed(),
        warnings,
        zip,
    })
}
