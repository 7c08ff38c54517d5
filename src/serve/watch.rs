//! Watching the content folder: debounced events, reduced to the content
//! files that changed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, DebouncedEvent, Debouncer, NoCache,
};

use super::StartError;
use crate::diagnostics::Message;

/// Editors save in bursts (write a temporary file, rename it, touch the
/// folder) within a few milliseconds; one rebuild per burst. Short, because
/// it is most of the wait from a saved file to the page on a province
/// (a commune rebuilds in ~20-40 ms; at 50 ms the debounce was over half of
/// L's edit-to-page time): a save that takes longer (a big workbook) at
/// worst rebuilds twice, the second time with the whole file, and a build
/// that fails on a half-written file leaves the served site as it was.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Watches what `build` reads: the site folder itself (for `site.yaml`,
/// `progress.yaml` and folders made or removed) and each of its folders
/// that is not hidden, recursively, never through a link (a `static/usr`
/// linked to `/usr` had the watcher register 26,790 folders; `build`
/// refuses such links anyway). Dropping it stops the events.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, NoCache>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

/// Sends the changed paths of each burst of changes under `root` to `changes`.
pub fn start(root: &Path, changes: Sender<Vec<PathBuf>>) -> Result<Watcher, StartError> {
    let handler = move |result: DebounceEventResult| {
        let changed = match result {
            Ok(events) => changed_paths(&events),
            // The watcher lost track (an overflowing queue, a folder gone):
            // rebuilding is always safe.
            Err(_) => vec![PathBuf::new()],
        };
        if !changed.is_empty() {
            let _ = changes.send(changed);
        }
    };
    let fail = |e: notify::Error| {
        StartError::new(Message::WatchFailed {
            root: root.display().to_string(),
            reason: watch_reason(&e),
        })
    };
    // No file-id cache: it walks the whole tree (through links) to follow
    // renames, and a rebuild needs no more than the changed paths.
    let config = notify::Config::default().with_follow_symlinks(false);
    let debouncer = new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config).map_err(fail)?;
    let mut watcher = Watcher {
        debouncer,
        root: root.to_path_buf(),
        watched: BTreeSet::new(),
    };
    watcher
        .debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(fail)?;
    watcher.refresh(&[]);
    Ok(watcher)
}

impl Watcher {
    /// Watch the site's folders made since, again those made anew (named in
    /// `changed`), and forget those gone.
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        for path in changed
            .iter()
            .filter(|p| p.parent() == Some(self.root.as_path()))
        {
            if self.watched.remove(path) {
                let _ = self.debouncer.unwatch(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            // The entry's own type: a link to a folder is not a folder here.
            let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            let path = entry.path();
            if !is_folder
                || crate::disk::is_hidden_or_scratch(&entry.file_name())
                || self.watched.contains(&path)
            {
                continue;
            }
            if self
                .debouncer
                .watch(&path, RecursiveMode::Recursive)
                .is_ok()
            {
                self.watched.insert(path);
            }
        }
    }
}

/// Why watching failed, in Vietnamese.
fn watch_reason(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(io) => crate::disk::io_reason(io),
        notify::ErrorKind::PathNotFound => "không tìm thấy thư mục".to_string(),
        notify::ErrorKind::MaxFilesWatch => {
            "hệ điều hành không cho theo dõi thêm thư mục (đã đến giới hạn)".to_string()
        }
        _ => "hệ điều hành không cho theo dõi thư mục này".to_string(),
    }
}

/// Paths whose change can change the site. Opening and reading files (which
/// every build does) is not a change, nor are editors' hidden swap and
/// backup files or Excel's `~$` lock files.
fn changed_paths(events: &[DebouncedEvent]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = events
        .iter()
        .filter(|e| e.need_rescan() || is_change(&e.kind))
        .flat_map(|e| e.paths.iter())
        .filter(|p| !is_scratch_file(p))
        .cloned()
        .collect();
    if events.iter().any(|e| e.need_rescan()) && paths.is_empty() {
        paths.push(PathBuf::new());
    }
    paths.sort();
    paths.dedup();
    paths
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

fn is_scratch_file(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    if crate::disk::is_hidden_or_scratch(name) {
        return true;
    }
    // Excel saves through "lich.xlsx~RF1a2b.TMP"-like names.
    let name = name.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".tmp")
        // Vim checks that it may write in a folder by creating "4913".
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_not_changes() {
        for name in [
            ".lich.yaml.swp",
            "~$lich.xlsx",
            "lich.yaml~",
            "4913",
            "ABC.tmp",
            ".DS_Store",
        ] {
            assert!(is_scratch_file(Path::new(name)), "{name}");
        }
        for name in ["lich.yaml", "lich.xlsx", "cai-dat.md", "logo.png"] {
            assert!(!is_scratch_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn reading_is_not_a_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(
            notify::event::ModifyKind::Any
        )));
        assert!(is_change(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
    }
}
