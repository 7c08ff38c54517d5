//! What citizens pass on (`chia-se/`): a Zalo message and SMS texts for every
//! week sheet and every hamlet with sessions, and the page showing them.

use super::{FileKind, PlannedFile, Week, WeekId};
use crate::model::HamletId;

/// `chia-se/index.html`: every text to copy, in blocks.
pub const SHARE: &str = "chia-se/index.html";

/// What a set of texts is about (shared texts, evening bulletins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Week(WeekId),
    Hamlet(HamletId),
}

/// `chia-se/tuan-2022-48`, `chia-se/dong-lao`: the folder of one week's or
/// hamlet's texts (week and hamlet folders never clash: hamlet slugs shaped
/// like `tuan-<năm>-<tuần>` are refused).
pub fn week_share_dir(week: Week) -> String {
    format!("chia-se/tuan-{:04}-{:02}", week.year, week.number)
}

pub fn hamlet_share_dir(slug: &str) -> String {
    format!("chia-se/{slug}")
}

/// The preview image (`og:image`) of a week or hamlet, 1200×630 PNG.
pub fn image_path(dir: &str) -> String {
    format!("{dir}/anh.png")
}

/// The Zalo message (with diacritics and the page's link).
pub fn zalo_path(dir: &str) -> String {
    format!("{dir}/zalo.txt")
}

/// One SMS per line, at most 160 GSM-7 characters each.
pub fn sms_path(dir: &str) -> String {
    format!("{dir}/sms.txt")
}

/// The two text files of every week and of every hamlet with sessions.
pub(super) fn files(
    weeks: &[Week],
    hamlet_slugs: &[String],
    session_hamlets: &[Option<HamletId>],
) -> Vec<PlannedFile> {
    let week_dirs = weeks
        .iter()
        .enumerate()
        .map(|(i, &w)| (Subject::Week(WeekId::new(i)), week_share_dir(w)));
    let hamlet_dirs = hamlet_slugs
        .iter()
        .enumerate()
        .map(|(i, slug)| (HamletId::new(i), slug))
        .filter(|&(h, _)| session_hamlets.contains(&Some(h)))
        .map(|(h, slug)| (Subject::Hamlet(h), hamlet_share_dir(slug)));
    week_dirs
        .chain(hamlet_dirs)
        .flat_map(|(target, dir)| {
            [
                PlannedFile {
                    kind: FileKind::ShareZalo(target),
                    path: zalo_path(&dir),
                },
                PlannedFile {
                    kind: FileKind::ShareSms(target),
                    path: sms_path(&dir),
                },
            ]
        })
        .collect()
}
