//! Week sheets: one page per ISO week that has sessions or a mobile team's
//! route stops, at `lich/tuan-<YYYY>-<WW>/`, for the notice board and the
//! loudspeaker.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::{typed_ids, Content, HamletId};

typed_ids! {
    /// A week of `Plan::weeks`, in order.
    WeekId;
}

/// An ISO 8601 week: weeks start on Monday, and week 1 is the one holding the
/// year's first Thursday, so 29/12/2025 is in week 1 of 2026.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    /// The ISO week-numbering year, which differs from the calendar year
    /// for a few days around New Year.
    pub year: i32,
    pub number: u32,
}

impl Week {
    pub fn of(date: NaiveDate) -> Week {
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            number: iso.week(),
        }
    }

    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Mon).unwrap_or_default()
    }

    pub fn sunday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Sun).unwrap_or_default()
    }

    /// `lich/tuan-2022-48`: the folder of the week's page and files.
    pub fn dir(self) -> String {
        format!("lich/tuan-{:04}-{:02}", self.year, self.number)
    }
}

pub fn week_path(week: Week) -> String {
    format!("{}/index.html", week.dir())
}

/// The read-aloud script, plain UTF-8 text.
pub fn week_script_path(week: Week) -> String {
    format!("{}/doc-loa.txt", week.dir())
}

/// The week page's QR code (with a `base_url`), an SVG image.
pub fn week_qr_path(week: Week) -> String {
    format!("{}/qr.svg", week.dir())
}

/// The evening bulletins announcing the week's sessions (`render/bulletin.rs`).
pub fn week_evening_script_path(week: Week) -> String {
    format!("{}/doc-loa-hang-ngay.txt", week.dir())
}

/// The script as sound: the officer's recording (`mp3` or `m4a`, as they
/// gave it), or espeak-ng's voice compressed to `mp3` by `build --audio`.
pub fn week_audio_path(week: Week, ext: &str) -> String {
    format!("{}/doc-loa.{ext}", week.dir())
}

/// For each week, the officer's recording of it (an index of
/// `Content::recordings`); a warning for a recording of a week without a
/// week sheet (no session, no route stop).
pub(super) fn recordings(
    content: &Content,
    weeks: &[Week],
    diags: &mut Diagnostics,
) -> Vec<Option<usize>> {
    let mut of_week = vec![None; weeks.len()];
    for (i, r) in content.recordings.iter().enumerate() {
        let week = Week {
            year: r.year,
            number: r.week,
        };
        match weeks.binary_search(&week) {
            // Two files for one week (.m4a and .mp3): the first by name.
            Ok(w) => {
                of_week[w].get_or_insert(i);
            }
            Err(_) => diags.push(Diagnostic::new(
                &r.abs,
                None,
                Message::RecordingWeekEmpty {
                    week: r.week,
                    year: r.year,
                },
            )),
        }
    }
    of_week
}

/// A calendar month with sessions: its archive page `lich/thang-<YYYY>-<MM>/`
/// lists them compactly (the schedule page leads with the coming ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// "tháng 7/2023"
    pub fn label(self) -> String {
        format!("tháng {}/{}", self.month, self.year)
    }
}

pub fn month_path(month: Month) -> String {
    format!("lich/thang-{:04}-{:02}/index.html", month.year, month.month)
}

/// Every month that has a session of a known hamlet, in order.
pub(super) fn months(content: &Content, session_hamlets: &[Option<HamletId>]) -> Vec<Month> {
    let mut months: Vec<Month> = content
        .sessions
        .iter()
        .zip(session_hamlets)
        .filter(|(_, hamlet)| hamlet.is_some())
        .map(|(s, _)| Month::of(s.date))
        .collect();
    months.sort();
    months.dedup();
    months
}

/// Every week that has a session of a known hamlet or a stop of a mobile
/// team's route, in order. A stop outside the campaign gets its week as a
/// session outside it does: both are warnings (the date may be right), and
/// the stop is already on the points page and in `lich.ics`.
pub(super) fn weeks(content: &Content, session_hamlets: &[Option<HamletId>]) -> Vec<Week> {
    let stops = content.points.iter().flat_map(|p| &p.route);
    let mut weeks: Vec<Week> = content
        .sessions
        .iter()
        .zip(session_hamlets)
        .filter(|(_, hamlet)| hamlet.is_some())
        .map(|(s, _)| Week::of(s.date))
        .chain(stops.map(|s| Week::of(s.date)))
        .collect();
    weeks.sort();
    weeks.dedup();
    weeks
}

/// A hamlet whose slug looks like a week folder (`tuan-2022-48`) would take a
/// week's address, now or when sessions are added later.
pub(super) fn check_hamlet_slugs(content: &Content, slugs: &[String], diags: &mut Diagnostics) {
    for (hamlet, slug) in content.site.hamlets.iter().zip(slugs) {
        if !looks_like_week(slug) {
            continue;
        }
        let pos = hamlet
            .slug
            .as_ref()
            .and_then(|s| s.pos)
            .or(hamlet.source.pos);
        diags.push(Diagnostic::new(
            &hamlet.source.file,
            pos,
            Message::SlugLikeWeek {
                slug: slug.clone(),
                name: hamlet.name.clone(),
            },
        ));
    }
}

fn looks_like_week(slug: &str) -> bool {
    let Some(rest) = slug
        .strip_prefix("tuan-")
        .or_else(|| slug.strip_prefix("thang-"))
    else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once('-') {
        Some((year, week)) => digits(year, 4) && digits(week, 2),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn iso_weeks_and_their_folders() {
        let cases = [
            (
                (2022, 11, 28),
                "lich/tuan-2022-48",
                (2022, 11, 28),
                (2022, 12, 4),
            ),
            (
                (2022, 12, 4),
                "lich/tuan-2022-48",
                (2022, 11, 28),
                (2022, 12, 4),
            ),
            (
                (2022, 12, 5),
                "lich/tuan-2022-49",
                (2022, 12, 5),
                (2022, 12, 11),
            ),
            // New Year: the ISO year is not the calendar year.
            (
                (2025, 12, 29),
                "lich/tuan-2026-01",
                (2025, 12, 29),
                (2026, 1, 4),
            ),
            (
                (2021, 1, 3),
                "lich/tuan-2020-53",
                (2020, 12, 28),
                (2021, 1, 3),
            ),
            (
                (2023, 1, 2),
                "lich/tuan-2023-01",
                (2023, 1, 2),
                (2023, 1, 8),
            ),
        ];
        for ((y, m, d), dir, (my, mm, md), (sy, sm, sd)) in cases {
            let week = Week::of(date(y, m, d));
            assert_eq!(week.dir(), dir);
            assert_eq!(week.monday(), date(my, mm, md), "{dir}");
            assert_eq!(week.sunday(), date(sy, sm, sd), "{dir}");
        }
        let week = Week::of(date(2022, 11, 29));
        assert_eq!(week_path(week), "lich/tuan-2022-48/index.html");
        assert_eq!(week_script_path(week), "lich/tuan-2022-48/doc-loa.txt");
        assert_eq!(
            week_audio_path(week, "mp3"),
            "lich/tuan-2022-48/doc-loa.mp3"
        );
    }

    #[test]
    fn week_like_slugs() {
        assert!(looks_like_week("tuan-2022-48"));
        assert!(looks_like_week("thang-2023-07"));
        assert!(!looks_like_week("tuan-le"));
        assert!(!looks_like_week("tuan-2022-4"));
        assert!(!looks_like_week("dong-lao"));
    }
}
