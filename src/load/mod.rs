//! Stage 1: read the site folder into plain typed data (`model::Content`),
//! collecting every problem rather than stopping at the first.

pub mod active_content;
mod change;
mod confine;
mod document;
mod fields;
mod news;
mod personal;
mod progress;
pub(crate) mod province;
mod recordings;
mod schedule;
mod site;
mod spreadsheet;
mod static_files;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::Content;
use confine::SiteFolder;

pub use document::split_front_matter;
pub use site::parse_base_url;

/// What loading produced: the content, the problems, and the text of every
/// file read (so errors can quote the offending line).
pub struct Loaded {
    pub content: Content,
    pub diagnostics: Diagnostics,
    pub sources: BTreeMap<PathBuf, String>,
}

/// The largest text file bangtin reads (schedules, guides, templates): a
/// province's whole schedule is a few hundred KB, and a 50 MB file takes a
/// second and hundreds of MB of memory before failing. Static files are
/// copied, not read, and have no limit.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Refuse a file over [`MAX_TEXT_BYTES`] before reading it.
pub(crate) fn check_size(path: &Path) -> Result<(), Diagnostic> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    size_limit(path, size)
}

fn size_limit(path: &Path, size: u64) -> Result<(), Diagnostic> {
    if size > MAX_TEXT_BYTES {
        return Err(Diagnostic::new(
            path,
            None,
            Message::FileTooLarge {
                megabytes: size as f64 / (1024.0 * 1024.0),
                limit: MAX_TEXT_BYTES / (1024 * 1024),
            },
        ));
    }
    Ok(())
}

/// A file's text, or the diagnostic saying why it can't be read. One open and
/// one fstat per file: the size is checked on the open handle, unread.
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| crate::disk::read_error(path, &e);
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    size_limit(path, size)?;
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // At most one byte past the limit: a file that grew since fstat is still refused.
    file.by_ref()
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    size_limit(path, bytes.len() as u64)?;
    text::decode(bytes).map_err(|e| {
        let (what, fix) = (e.message, e.hint);
        Diagnostic::new(path, e.pos, Message::NotText { what, fix })
    })
}

/// Files directly inside `dir` whose extension is one of `exts`, sorted by name
/// so that builds are reproducible. Links are followed only inside the site.
fn files_with_ext(
    site: &SiteFolder,
    dir: &Path,
    exts: &[&str],
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    if let Err(d) = site.check(dir) {
        diagnostics.push(d);
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    // The entry's type comes with the folder listing: no system call per
    // file, except for links, which must be followed and confined.
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !crate::disk::is_hidden_or_scratch(&e.file_name()))
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .filter(|(p, _)| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
        })
        .filter(|(p, kind)| {
            if !kind.is_symlink() {
                return kind.is_file();
            }
            match site.check(p) {
                Ok(()) => p.is_file(),
                Err(d) => {
                    diagnostics.push(d);
                    false
                }
            }
        })
        .map(|(p, _)| p)
        .collect();
    files.sort();
    files
}

pub fn load(root: &Path) -> Loaded {
    load_site(root, None)
}

/// As [`load`], with `site.yaml`'s text when it was already read.
pub fn load_site(root: &Path, site_yaml: Option<String>) -> Loaded {
    let mut diagnostics = Diagnostics::default();
    let mut sources = BTreeMap::new();
    let mut content = Content::default();

    let site = SiteFolder::new(root);
    let site_path = root.join("site.yaml");
    if let Err(d) = site.check_if_link(&site_path) {
        diagnostics.push(d);
    } else if !site_path.is_file() {
        diagnostics.push(Diagnostic::new(
            &site_path,
            None,
            Message::SiteYamlMissing {
                root: root.display().to_string(),
            },
        ));
    } else {
        match site_yaml.map_or_else(|| read_text(&site_path), Ok) {
            Ok(text) => {
                content.site = site::parse(&site_path, &text, &mut diagnostics);
                sources.insert(site_path, text);
            }
            Err(d) => diagnostics.push(d),
        }
    }

    let mut room = SessionRoom::new();
    for path in files_with_ext(
        &site,
        &root.join("schedules"),
        &["yaml", "yml"],
        &mut diagnostics,
    ) {
        match read_text(&path) {
            Ok(text) => {
                let (sessions, points) = schedule::parse(&path, &text, &mut room, &mut diagnostics);
                content.sessions.extend(sessions);
                content.points.extend(points);
                sources.insert(path, text);
            }
            Err(d) => diagnostics.push(d),
        }
    }

    let spreadsheets = files_with_ext(
        &site,
        &root.join("schedules"),
        spreadsheet::EXTENSIONS,
        &mut diagnostics,
    );
    let table_sessions_from = content.sessions.len();
    for path in spreadsheets
        .into_iter()
        .filter(|p| spreadsheet::is_schedule_file(p))
    {
        let loaded = spreadsheet::parse(&path, &mut room, &mut diagnostics);
        content.sessions.extend(loaded.sessions);
        sources.extend(loaded.sources);
    }
    load_progress(&site, root, &mut content, &mut diagnostics, &mut sources);

    // Citizens' personal data pasted into content (Nghị định 13/2023/NĐ-CP).
    let known_phones = personal::known_phones(&content);
    for (path, text) in &sources {
        let yaml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        if yaml {
            personal::check_yaml(path, text, &known_phones, &mut diagnostics);
        }
    }
    personal::check_table_sessions(
        content
            .sessions
            .get(table_sessions_from..)
            .unwrap_or_default(),
        &known_phones,
        &mut diagnostics,
    );

    let guides = root.join("guides");
    let documents = Documents {
        site: &site,
        known_phones: &known_phones,
    };
    content.guides = documents.load(&guides, document::parse, &mut diagnostics, &mut sources);
    content.pages = documents.load(
        &root.join("pages"),
        document::parse,
        &mut diagnostics,
        &mut sources,
    );
    content.news = documents.load(
        &root.join("news"),
        news::parse,
        &mut diagnostics,
        &mut sources,
    );
    content.static_files = static_files::collect(&site, root, &mut diagnostics);
    content.recordings = recordings::collect(&site, root, &mut diagnostics);

    for path in files_with_ext(&site, &root.join("templates"), &["html"], &mut diagnostics) {
        match read_text(&path) {
            Ok(text) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                content.template_overrides.push((name, text));
            }
            Err(d) => diagnostics.push(d),
        }
    }

    Loaded {
        content,
        diagnostics,
        sources,
    }
}

/// `progress.yaml`, optional: a site without it has no progress page.
fn load_progress(
    site: &SiteFolder,
    root: &Path,
    content: &mut Content,
    diagnostics: &mut Diagnostics,
    sources: &mut BTreeMap<PathBuf, String>,
) {
    let path = root.join("progress.yaml");
    if let Err(d) = site.check_if_link(&path) {
        diagnostics.push(d);
        return;
    }
    if !path.is_file() {
        let misnamed = root.join("progress.yml");
        if misnamed.is_file() {
            diagnostics.push(Diagnostic::new(
                &misnamed,
                None,
                Message::ProgressYmlIgnored,
            ));
        }
        return;
    }
    match read_text(&path) {
        Ok(text) => {
            content.progress = progress::parse(&path, &text, diagnostics);
            sources.insert(path, text);
        }
        Err(d) => diagnostics.push(d),
    }
}

/// A parsed file, its diagnostics, and its text when they quote it.
type DocumentResult<T> = Result<(Option<T>, Vec<Diagnostic>, Option<String>), Diagnostic>;

/// What reading markdown folders needs: the site folder, and the contacts'
/// phones (not personal data) for the personal-data guard.
struct Documents<'a> {
    site: &'a SiteFolder,
    known_phones: &'a std::collections::HashSet<String>,
}

impl Documents<'_> {
    /// Markdown files of one folder, read and parsed in parallel: a province site
    /// has thousands of guides and reading them one by one leaves a core idle.
    fn load<T: Send>(
        &self,
        dir: &Path,
        parse: fn(&Path, &str, &mut Diagnostics) -> Option<T>,
        diagnostics: &mut Diagnostics,
        sources: &mut BTreeMap<PathBuf, String>,
    ) -> Vec<T> {
        let files = files_with_ext(self.site, dir, &["md"], diagnostics);
        let results: Vec<(PathBuf, DocumentResult<T>)> = files
            .into_par_iter()
            .map(|path| {
                let parsed = read_text(&path).map(|text| {
                    let mut local = Diagnostics::default();
                    let doc = parse(&path, &text, &mut local);
                    personal::check_markdown(&path, &text, self.known_phones, &mut local);
                    let diags = local.into_sorted();
                    // Only keep the text of files with something to quote, and
                    // drop the others here: 10,000 guides held twice (text and
                    // body) until the loop below was a third of a build's memory.
                    let text = (!diags.is_empty()).then_some(text);
                    (doc, diags, text)
                });
                (path, parsed)
            })
            .collect();
        let mut documents = Vec::with_capacity(results.len());
        for (path, result) in results {
            match result {
                Ok((doc, diags, text)) => {
                    diagnostics.extend(diags);
                    if let Some(text) = text {
                        sources.insert(path, text);
                    }
                    documents.extend(doc);
                }
                Err(d) => diagnostics.push(d),
            }
        }
        documents
    }
}

/// How many sessions a site may have, counting each day of a repeated one:
/// 20 hamlets with a session every day of a year are 7,300; a province's
/// 200 communes together about 90,000 (and a test reports on a table of
/// 100,000 rows). A 1.4 MB schedule of 20,000 entries
/// each repeated over a year made 7.3 million and ran out of memory.
pub const MAX_SESSIONS: usize = 200_000;

/// The sessions still allowed while schedules are read: the entry or row
/// that would go past [`MAX_SESSIONS`] is refused at its place, once, and
/// nothing after it is read.
pub struct SessionRoom {
    left: usize,
    full: bool,
}

impl SessionRoom {
    pub fn new() -> SessionRoom {
        SessionRoom {
            left: MAX_SESSIONS,
            full: false,
        }
    }

    /// Room for `count` more sessions made at `file:pos`? Said once when not.
    pub fn take(
        &mut self,
        count: usize,
        file: &Path,
        pos: Option<crate::diagnostics::Pos>,
        diags: &mut Diagnostics,
    ) -> bool {
        if self.full {
            return false;
        }
        if count > self.left {
            self.full = true;
            diags.push(Diagnostic::new(
                file,
                pos,
                Message::TooManySessions {
                    limit: crate::vi::number_format::format_count(MAX_SESSIONS as u64),
                },
            ));
            return false;
        }
        self.left -= count;
        true
    }
}

impl Default for SessionRoom {
    fn default() -> Self {
        SessionRoom::new()
    }
}
