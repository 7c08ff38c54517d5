//! Watching the content folder: debounced events, reduced to the content
//! files that changed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};

use super::StartError;
use crate::diagnostics::Message;

/// Editors save in bursts (write a temporary file, rename it, touch the
/// folder); one rebuild per burst.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Keeps the watcher running; dropping it stops the events.
pub type Watcher = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

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
            reason: e.to_string(),
        })
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(fail)?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .map_err(fail)?;
    Ok(debouncer)
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
