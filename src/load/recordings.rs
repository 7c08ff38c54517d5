//! `audio/`: the officer's own recordings of weeks' scripts, named after the
//! week's folder (`tuan-2022-48.mp3`). Only formats every phone plays are
//! published; anything else is a warning, never a failed build.

use std::path::Path;

use super::confine::SiteFolder;
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::Recording;

/// Formats every phone and browser plays: published as they are.
const PLAYABLE: &[&str] = &["mp3", "m4a"];
/// Sound files an officer might drop in, refused with a hint.
const OTHER_SOUND: &[&str] = &["wav", "ogg", "opus", "aac", "amr", "wma", "flac", "3gp"];

pub fn collect(site: &SiteFolder, root: &Path, diags: &mut Diagnostics) -> Vec<Recording> {
    let exts: Vec<&str> = PLAYABLE.iter().chain(OTHER_SOUND).copied().collect();
    let mut found = Vec::new();
    for path in super::files_with_ext(site, &root.join("audio"), &exts, diags) {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let Some(&ext) = PLAYABLE.iter().find(|&&p| p == ext) else {
            diags.push(Diagnostic::new(
                &path,
                None,
                Message::RecordingFormat { ext },
            ));
            continue;
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match week_of_name(&stem) {
            Some((year, week)) => found.push(Recording {
                year,
                week,
                ext,
                abs: path,
            }),
            None => diags.push(Diagnostic::new(
                &path,
                None,
                Message::RecordingName {
                    name: format!("{stem}.{ext}"),
                },
            )),
        }
    }
    found
}

/// `tuan-2022-48` → (2022, 48): the name of the week's folder.
fn week_of_name(stem: &str) -> Option<(i32, u32)> {
    let rest = stem.to_lowercase();
    let (year, week) = rest.strip_prefix("tuan-")?.split_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(week, 2) {
        return None;
    }
    let week: u32 = week.parse().ok()?;
    (1..=53)
        .contains(&week)
        .then_some((year.parse().ok()?, week))
}

#[cfg(test)]
mod tests {
    use super::week_of_name;

    #[test]
    fn names_are_week_folders() {
        assert_eq!(week_of_name("tuan-2022-48"), Some((2022, 48)));
        assert_eq!(week_of_name("TUAN-2023-01"), Some((2023, 1)));
        assert_eq!(week_of_name("tuan-2022-8"), None);
        assert_eq!(week_of_name("tuan-2022-54"), None);
        assert_eq!(week_of_name("tuần-2022-48"), None);
        assert_eq!(week_of_name("ghi-am"), None);
    }
}
