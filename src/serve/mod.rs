//! `bangtin serve`: build the site into a private preview folder, serve it on
//! 127.0.0.1, rebuild when the content folder changes, and let open pages
//! reload themselves.
//!
//! Threads and what they share (no global state; everything is owned here):
//! - the watcher (`watch`) sends each debounced burst of changed paths on a
//!   channel;
//! - the rebuild thread (`Builder`) builds with `build::build`, alternating
//!   between two output folders so the site being served is never the one
//!   being written, then updates the shared `State`;
//! - the main thread accepts connections and answers each on its own thread
//!   (`http`: one request per connection, its head bounded), reading `State`.
//!
//! When a build fails, HTML pages are replaced by an error page (`error_page`)
//! with a link to the same page of the last good build (`?ban-cu`); every
//! other file (stylesheet, images) is still served from the last good build.

mod error_page;
mod http;
mod watch;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::build::{self, BuildOptions, BuildSummary};
use crate::diagnostics::{Diagnostic, Message};

/// Connections answered at once; a preview has one reader, whose browser
/// opens a few.
const MAX_CONNECTIONS: usize = 256;

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 lets the system choose a free port (the URL printed says which).
    pub port: u16,
}

/// Why the preview could not start, in Vietnamese.
#[derive(Debug)]
pub struct StartError {
    pub message: String,
    pub hint: String,
}

impl StartError {
    pub(crate) fn new(message: Message) -> StartError {
        StartError {
            hint: message.hint().unwrap_or_default(),
            message: message.text(),
        }
    }
}

/// What happened, for the command line to print.
pub enum ServeEvent {
    /// The server is answering at `url` and the first build is done.
    Listening { url: String },
    /// A build succeeded; `changed` are the files that caused it (none for the first).
    Built {
        summary: BuildSummary,
        changed: Vec<PathBuf>,
    },
    /// A build failed; the previous site is still served.
    Failed {
        problems: Vec<Diagnostic>,
        changed: Vec<PathBuf>,
    },
    /// Ctrl+C: the server stopped and the preview folder was removed.
    Stopped,
}

pub type EventSink = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// What requests see, updated after every build.
#[derive(Default)]
struct State {
    /// Counts finished builds, good or failed; open pages reload when it changes.
    generation: u64,
    /// The folder of the last good build.
    site: Option<PathBuf>,
    /// The problems of the latest build; empty when it succeeded.
    problems: Vec<Diagnostic>,
    /// The content folder, as the officer named it.
    root: PathBuf,
    /// Requests read the site holding it; an update in place swaps parts of
    /// the site holding it for writing (`BuildOptions::output_readers`).
    readers: Arc<RwLock<()>>,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    // A panicking request thread must not stop the preview.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs until Ctrl+C. Returns early only when the preview cannot start.
pub fn serve(options: &ServeOptions, events: EventSink) -> Result<(), StartError> {
    let root = options.root.clone();
    if !root.is_dir() {
        return Err(StartError::new(Message::ServeRootMissing {
            root: root.display().to_string(),
        }));
    }
    let listener = bind(options.port)?;
    let url = match listener.local_addr() {
        Ok(SocketAddr::V4(a)) => format!("http://{}:{}/", a.ip(), a.port()),
        _ => format!("http://127.0.0.1:{}/", options.port),
    };
    let address = listener.local_addr().ok();
    remove_abandoned_previews();
    let preview = tempfile::Builder::new()
        .prefix(PREVIEW_PREFIX)
        .tempdir()
        .map_err(|e| {
            StartError::new(Message::ServeTempFailed {
                reason: crate::disk::io_reason(&e),
            })
        })?;
    // Held while this preview runs; a later `serve` removes the folder of
    // one that was killed (its lock gone with it).
    let in_use = hold_preview(preview.path());

    let state: Shared = Arc::new(Mutex::new(State {
        root: root.clone(),
        ..State::default()
    }));
    let (changes, changed) = mpsc::channel();
    // Watch before the first build, so an edit made during it is not lost.
    let watcher = Arc::new(Mutex::new(Some(watch::start(&root, changes)?)));
    let mut builder = Builder {
        watcher: watcher.clone(),
        root,
        // Absolute links (the 404 page's way home) must stay in the preview.
        base_url: url.trim_end_matches('/').to_string(),
        slots: [preview.path().join("a"), preview.path().join("b")],
        next_slot: 0,
        cache: None,
        state: state.clone(),
        events: events.clone(),
    };
    builder.rebuild(Vec::new());

    let stopping = Arc::new(AtomicBool::new(false));
    {
        let stopping = stopping.clone();
        ctrlc::set_handler(move || {
            stopping.store(true, Ordering::SeqCst);
            // Wake the accept below with a connection of our own.
            if let Some(address) = address {
                let _ = std::net::TcpStream::connect(address);
            }
        })
        .map_err(|e| {
            let reason = match &e {
                ctrlc::Error::System(e) => crate::disk::io_reason(e),
                _ => "hệ điều hành không cho đặt".to_string(),
            };
            StartError::new(Message::ServeCtrlCFailed { reason })
        })?;
    }
    let rebuilds = std::thread::spawn(move || builder.run(changed));
    events(ServeEvent::Listening { url });

    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        // An error here is one bad connection.
        let Ok(stream) = stream else {
            continue;
        };
        // A thread per connection, up to a bound: past it, new ones are closed.
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let (state, open) = (state.clone(), open.clone());
        std::thread::spawn(move || {
            http::serve_connection(stream, &state);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    // Stopping the watcher closes the channel the rebuild thread waits on.
    drop(
        watcher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take(),
    );
    let _ = rebuilds.join();
    drop(in_use);
    drop(preview);
    events(ServeEvent::Stopped);
    Ok(())
}

const PREVIEW_PREFIX: &str = "bangtin-xem-truoc-";
const PREVIEW_LOCK: &str = ".dang-dung";

fn hold_preview(folder: &Path) -> Option<std::fs::File> {
    let file = std::fs::File::create(folder.join(PREVIEW_LOCK)).ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// Preview folders left by a `serve` that was killed (or crashed): theirs
/// is the lock file nobody holds any more.
fn remove_abandoned_previews() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if !entry
            .file_name()
            .to_string_lossy()
            .starts_with(PREVIEW_PREFIX)
        {
            continue;
        }
        let folder = entry.path();
        let abandoned = std::fs::File::open(folder.join(PREVIEW_LOCK))
            .is_ok_and(|lock| lock.try_lock().is_ok());
        if abandoned {
            let _ = std::fs::remove_dir_all(&folder);
        }
    }
}

fn bind(port: u16) -> Result<TcpListener, StartError> {
    // Loopback only: the preview is for the officer at this computer.
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
        StartError::new(match e.kind() {
            std::io::ErrorKind::AddrInUse => Message::PortInUse {
                port,
                next: port.saturating_add(1),
            },
            std::io::ErrorKind::PermissionDenied => Message::PortForbidden { port },
            _ => Message::PortFailed {
                port,
                reason: crate::disk::io_reason(&e),
            },
        })
    })
}

/// Rebuilds on each change, into whichever of two folders is not being served.
struct Builder {
    /// Given new folders to watch after each change; None once stopping.
    watcher: Arc<Mutex<Option<watch::Watcher>>>,
    root: PathBuf,
    base_url: String,
    slots: [PathBuf; 2],
    next_slot: usize,
    /// What the last whole build left: with it, an edit rebuilds only the
    /// communes it changed, in the folder being served (`build::update`).
    cache: Option<build::Cache>,
    state: Shared,
    events: EventSink,
}

impl Builder {
    fn run(mut self, changed: Receiver<Vec<PathBuf>>) {
        while let Ok(mut paths) = changed.recv() {
            // Changes saved while the last build ran are built once, together.
            while let Ok(more) = changed.try_recv() {
                paths.extend(more);
            }
            paths.sort();
            paths.dedup();
            self.rebuild(paths);
        }
    }

    fn rebuild(&mut self, changed: Vec<PathBuf>) {
        if let Some(watcher) = self
            .watcher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
        {
            watcher.refresh(&changed);
        }
        // The watcher's "something changed" marker (an empty path) says it
        // lost track: then every commune is looked at.
        let known = match changed.iter().any(|p| p.as_os_str().is_empty()) {
            true => build::Changed::Unknown,
            false => build::Changed::Paths(&changed),
        };
        // A bug in bangtin must not stop the preview: the last good site stays.
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build(known)));
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter_map(|p| relative_to(p, &self.root))
            .collect();
        let (result, output) = built.unwrap_or_else(|_| {
            self.cache = None;
            let problem = Diagnostic::new(&self.root, None, Message::RebuildPanicked);
            let failure = build::Failure {
                diagnostics: vec![problem],
            };
            (Err(failure), PathBuf::new())
        });
        let event = {
            let mut state = lock(&self.state);
            state.generation += 1;
            match result {
                Ok(summary) => {
                    if output == self.slots[self.next_slot] {
                        self.next_slot = 1 - self.next_slot;
                    }
                    state.site = Some(output);
                    state.problems.clear();
                    ServeEvent::Built { summary, changed }
                }
                Err(failure) => {
                    state.problems = failure.diagnostics.clone();
                    ServeEvent::Failed {
                        problems: failure.diagnostics,
                        changed,
                    }
                }
            }
        };
        (self.events)(event);
    }
}

impl Builder {
    /// Only the communes that changed, in the folder being served, when the
    /// last build left a cache of it; else a whole build into the other folder.
    fn build(
        &mut self,
        changed: build::Changed,
    ) -> (Result<BuildSummary, build::Failure>, PathBuf) {
        let served = lock(&self.state).site.clone();
        if let Some(site) = served.filter(|s| self.cache.as_ref().is_some_and(|c| c.describes(s))) {
            match build::update(&self.options(site.clone()), &mut self.cache, changed) {
                build::Update::Done(summary) => return (Ok(summary), site),
                build::Update::Failed(failure) => return (Err(failure), site),
                build::Update::Whole => {}
            }
        }
        let output = self.slots[self.next_slot].clone();
        let result = build::build_keeping(&self.options(output.clone()), &mut self.cache);
        (result, output)
    }

    /// The defaults for the rest: no extra outputs (archives and the like) in
    /// a preview, and "today" is the day of each rebuild.
    fn options(&self, output: PathBuf) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output,
            base_url: Some(self.base_url.clone()),
            output_readers: Some(lock(&self.state).readers.clone()),
            ..BuildOptions::default()
        }
    }
}

/// A changed path as the officer knows it (`schedules/lich.yaml`); None for
/// the "something changed" marker of a watcher that lost track.
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    if path.as_os_str().is_empty() {
        return None;
    }
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let relative = path
        .strip_prefix(root)
        .or_else(|_| path.strip_prefix(&canonical))
        .unwrap_or(path);
    Some(relative.to_path_buf())
}
