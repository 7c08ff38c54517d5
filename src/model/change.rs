//! A session's life after it was first published: cancelled, postponed or
//! moved, with what it replaced, why, and when that was announced.
//!
//! Everything later stages need is derived here from the data alone, so pages,
//! calendars and feeds agree and two builds of the same data give the same
//! bytes: the session's identity as first published (what its calendar UID is
//! made from), its SEQUENCE, and which parts the latest change touched.

use chrono::NaiveDate;

use super::{Located, Session};
use crate::diagnostics::Pos;
use crate::vi::calendar::TimeRange;

/// `status:` of a session; absent means it happens as planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SessionStatus {
    /// hủy: it will not take place.
    Cancelled,
    /// hoãn: it will not take place on its date; a new date is to be announced.
    Postponed,
    /// dời, đổi giờ, đổi địa điểm: it takes place, at a new date, time or place.
    Moved,
}

impl SessionStatus {
    /// The word in open data (`du-lieu/lich.json`) and in YAML.
    pub fn key(self) -> &'static str {
        match self {
            SessionStatus::Cancelled => "cancelled",
            SessionStatus::Postponed => "postponed",
            SessionStatus::Moved => "moved",
        }
    }
}

/// What a change replaced. Only the parts that changed are written; a part
/// left out is the same as in the next, newer state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Earlier {
    pub date: Option<NaiveDate>,
    pub time: Option<TimeRange>,
    pub place: Option<String>,
    pub pos: Option<Pos>,
}

impl Earlier {
    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.time.is_none() && self.place.is_none()
    }
}

/// `status`, `was`, `reason`, `changed` of a session (see docs/dinh-dang.md).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub status: Option<Located<SessionStatus>>,
    /// Earlier values, oldest first: each entry holds what one change replaced.
    pub was: Vec<Earlier>,
    /// Where `was` is written, for messages.
    pub was_pos: Option<Pos>,
    pub reason: Option<Located<String>>,
    /// The day the latest change was announced.
    pub changed: Option<Located<NaiveDate>>,
}

/// Which parts of a moved session the latest change touched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub date: bool,
    pub time: bool,
    pub place: bool,
}

impl Touched {
    pub fn any(self) -> bool {
        self.date || self.time || self.place
    }
}

impl Session {
    pub fn status(&self) -> Option<SessionStatus> {
        self.change.as_ref()?.status.as_ref().map(|s| s.value)
    }

    /// Put back as planned after a change: `changed:` kept, the status gone
    /// (dinh-dang.md). Shown as planned; the changes page, the notice and
    /// the feed say it is on again.
    pub fn is_put_back(&self) -> bool {
        self.status().is_none() && self.changed_on().is_some()
    }

    /// Changed, or put back after a change: what the changes page lists.
    pub fn has_news(&self) -> bool {
        self.status().is_some() || self.is_put_back()
    }

    /// Cancelled or postponed: nobody should come on its date.
    pub fn is_off(&self) -> bool {
        matches!(
            self.status(),
            Some(SessionStatus::Cancelled | SessionStatus::Postponed)
        )
    }

    /// What the latest change replaced, when the session has a status and
    /// earlier values.
    pub fn latest_was(&self) -> Option<&Earlier> {
        let change = self.change.as_ref()?;
        change.status.as_ref()?;
        change.was.last()
    }

    /// The date before the latest change, when the change moved the date.
    pub fn was_date(&self) -> Option<NaiveDate> {
        self.latest_was()?.date.filter(|d| *d != self.date)
    }

    /// The time before the latest change, when the change moved the time.
    pub fn was_time(&self) -> Option<TimeRange> {
        self.latest_was()?.time.filter(|t| Some(*t) != self.time)
    }

    /// The place before the latest change, when the change moved the place.
    pub fn was_place(&self) -> Option<&str> {
        self.latest_was()?
            .place
            .as_deref()
            .filter(|p| Some(*p) != self.place.as_deref())
    }

    /// Which parts the latest change touched (all false without a change).
    pub fn touched(&self) -> Touched {
        Touched {
            date: self.was_date().is_some(),
            time: self.was_time().is_some(),
            place: self.was_place().is_some(),
        }
    }

    /// The date the session was first published with: the oldest earlier
    /// date written, else its date. Its calendar UID is made from it, so a
    /// moved session stays the same event in a phone's calendar.
    pub fn first_date(&self) -> NaiveDate {
        self.first(|e| e.date).unwrap_or(self.date)
    }

    /// The time the session was first published with (see `first_date`).
    pub fn first_time(&self) -> Option<TimeRange> {
        self.first(|e| e.time).or(self.time)
    }

    fn first<T>(&self, part: impl Fn(&Earlier) -> Option<T>) -> Option<T> {
        self.change.as_ref()?.was.iter().find_map(part)
    }

    /// The calendar SEQUENCE, which must never go down across the officer's
    /// edits, or a phone keeps the older version (RFC 5545 3.8.7.4). With a
    /// `changed:` date it is 100 × the days from 1/1/2000 to that date, plus
    /// a step for changes announced the same day: 4 per earlier value in
    /// `was` and the status (dời 0, hoãn 1, hủy 2), and 99 for a session put
    /// back as planned (`changed:` without a status), the last word of its
    /// day. Within a day the file holds no order, only its latest state, so
    /// the step ranks states by how an edit can follow another: a move adds
    /// a `was` entry (+4), so it follows anything; a postponement follows a
    /// move (moved, then postponed without a new date); a cancellation
    /// follows both; putting back follows all. Two orders cannot rise on one
    /// day, as their files are the same as an earlier state's: cancelled
    /// then postponed, and any change after a put-back (it removes `was`);
    /// dinh-dang.md tells the officer to announce it again the next day
    /// (`changed:` that day), which raises it past the whole earlier day.
    /// A status without `changed:` (a warning) keeps the count it had
    /// before dates were used: 2 per earlier value, 1 more while off, always
    /// below a dated one. Stays within an ICS INTEGER (i32).
    pub fn sequence(&self) -> u32 {
        let Some(change) = self.change.as_ref() else {
            return 0;
        };
        let moves = change.was.len().min(24) as u32;
        let Some(changed) = self.changed_on() else {
            return 2 * moves + u32::from(self.is_off());
        };
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        // 20 million days (year 56 000) keeps 100 × days + 99 below i32::MAX.
        let days = (changed - epoch).num_days().clamp(0, 20_000_000) as u32;
        let step = match self.status() {
            None => 99,
            Some(SessionStatus::Moved) => 4 * moves,
            Some(SessionStatus::Postponed) => 4 * moves + 1,
            Some(SessionStatus::Cancelled) => 4 * moves + 2,
        };
        // Never 0: calendars read a missing SEQUENCE as 0, the unchanged event.
        (100 * days + step).max(1)
    }

    /// The start (date, and time when written) of each earlier state whose
    /// start differs from the state after it, oldest first: the session's
    /// previous start dates. Empty without a status.
    pub fn earlier_starts(&self) -> Vec<(NaiveDate, Option<chrono::NaiveTime>)> {
        let Some(change) = self.change.as_ref().filter(|c| c.status.is_some()) else {
            return Vec::new();
        };
        let mut state = (self.date, self.time.map(|t| t.start));
        let mut out = Vec::new();
        for e in change.was.iter().rev() {
            let earlier = (
                e.date.unwrap_or(state.0),
                e.time.map(|t| t.start).or(state.1),
            );
            if earlier != state {
                out.push(earlier);
            }
            state = earlier;
        }
        out.reverse();
        out
    }

    /// The day the latest change was announced, when written.
    pub fn changed_on(&self) -> Option<NaiveDate> {
        Some(self.change.as_ref()?.changed.as_ref()?.value)
    }

    pub fn reason(&self) -> Option<&str> {
        Some(self.change.as_ref()?.reason.as_ref()?.value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 12, d).unwrap_or_default()
    }

    fn session(date: NaiveDate, status: Option<SessionStatus>, was: Vec<Earlier>) -> Session {
        Session {
            hamlet: Located {
                value: "Kìm".into(),
                pos: None,
            },
            in_hamlet: None,
            audience: None,
            date,
            time: None,
            part_of_day: None,
            place: Some("Nhà văn hóa".into()),
            services: Vec::new(),
            note: None,
            source: Source::default(),
            change: Some(Box::new(Change {
                status: status.map(|value| Located { value, pos: None }),
                was,
                ..Change::default()
            })),
        }
    }

    fn moved_from(date: NaiveDate) -> Earlier {
        Earlier {
            date: Some(date),
            ..Earlier::default()
        }
    }

    #[test]
    fn identity_is_the_first_published_date_and_sequence_grows() {
        let plain = session(day(2), None, Vec::new());
        assert_eq!((plain.first_date(), plain.sequence()), (day(2), 0));
        let postponed = session(day(2), Some(SessionStatus::Postponed), Vec::new());
        let moved = session(day(6), Some(SessionStatus::Moved), vec![moved_from(day(2))]);
        let moved_twice = session(
            day(8),
            Some(SessionStatus::Moved),
            vec![moved_from(day(2)), moved_from(day(6))],
        );
        let cancelled = session(
            day(8),
            Some(SessionStatus::Cancelled),
            vec![moved_from(day(2)), moved_from(day(6))],
        );
        let life = [&plain, &postponed, &moved, &moved_twice, &cancelled];
        assert!(life.iter().all(|s| s.first_date() == day(2)));
        let sequences: Vec<u32> = life.iter().map(|s| s.sequence()).collect();
        // Without `changed:` dates: the count of earlier values.
        assert_eq!(sequences, [0, 1, 2, 4, 5]);
        assert_eq!(moved_twice.was_date(), Some(day(6)));
        assert_eq!(
            moved_twice.touched(),
            Touched {
                date: true,
                ..Touched::default()
            }
        );
        assert!(cancelled.is_off() && !moved.is_off());
    }

    fn announced(mut s: Session, on: NaiveDate) -> Session {
        if let Some(change) = s.change.as_mut() {
            change.changed = Some(Located {
                value: on,
                pos: None,
            });
        }
        s
    }

    #[test]
    fn sequence_grows_along_a_dated_life_even_when_a_session_is_put_back() {
        let postponed = session(day(2), Some(SessionStatus::Postponed), Vec::new());
        let cancelled = session(day(2), Some(SessionStatus::Cancelled), Vec::new());
        let put_back = session(day(2), None, Vec::new());
        let moved = session(day(9), Some(SessionStatus::Moved), vec![moved_from(day(2))]);
        let moved_cancelled = session(
            day(9),
            Some(SessionStatus::Cancelled),
            vec![moved_from(day(2))],
        );
        let lives: [&[(&Session, u32)]; 3] = [
            // Postponed, cancelled, then put back, each on a later day.
            &[(&postponed, 1), (&cancelled, 2), (&put_back, 3)],
            // All on the same day.
            &[(&postponed, 1), (&cancelled, 1), (&put_back, 1)],
            // Postponed, moved to a new day, cancelled there the same day.
            &[(&postponed, 1), (&moved, 1), (&moved_cancelled, 1)],
        ];
        for life in lives {
            assert_rises(life);
        }
        // A status without its date stays below any dated one.
        assert!(postponed.sequence() < announced(postponed.clone(), day(1)).sequence());
    }

    /// The versions of one session, each announced on its day, as a phone
    /// gets them: planned (0), then each edit strictly above the one before.
    fn assert_rises(life: &[(&Session, u32)]) {
        let mut sequences = vec![0];
        for (s, on) in life {
            sequences.push(announced((*s).clone(), day(*on)).sequence());
        }
        assert!(sequences.windows(2).all(|w| w[0] < w[1]), "{sequences:?}");
    }

    /// Every edit that can follow another on one day (dinh-dang.md: a move
    /// adds to `was`, a postponement or cancellation keeps it, a put-back
    /// removes status and `was`) rises, from each state a session can be in:
    /// the first change, after one move, after two.
    #[test]
    fn sequence_rises_along_every_same_day_order_but_the_two_documented() {
        use SessionStatus::{Cancelled, Moved, Postponed};
        for earlier in 0..3u32 {
            let was = |n: u32| (0..n).map(|i| moved_from(day(2 + i))).collect::<Vec<_>>();
            let at = |n: u32| day(2 + n);
            let moved_again = session(at(earlier + 1), Some(Moved), was(earlier + 1));
            let postponed = session(at(earlier), Some(Postponed), was(earlier));
            let cancelled = session(at(earlier), Some(Cancelled), was(earlier));
            let put_back = session(day(2), None, Vec::new());
            let mut states = vec![(&postponed, "hoãn"), (&cancelled, "hủy")];
            let moved = session(at(earlier), Some(Moved), was(earlier));
            if earlier > 0 {
                states.push((&moved, "dời"));
            }
            // From each state: each edit an officer can write next that day.
            for &(from, name) in &states {
                let mut next = vec![(&moved_again, "dời tiếp"), (&put_back, "khôi phục")];
                match name {
                    "dời" => next.extend([(&postponed, "hoãn"), (&cancelled, "hủy")]),
                    "hoãn" => next.push((&cancelled, "hủy")),
                    _ => {}
                }
                for (to, to_name) in next {
                    let (a, b) = (
                        announced(from.clone(), day(5)).sequence(),
                        announced(to.clone(), day(5)).sequence(),
                    );
                    assert!(a < b, "{earlier} moves, {name} → {to_name}: {a} → {b}");
                    // The next day anything rises, even a put-back undone.
                    assert_rises(&[(to, 5), (from, 6)]);
                }
            }
            // Longer days: postponed → moved → postponed → cancelled → put
            // back; moved → postponed → moved → cancelled → put back.
            let moved_then_postponed = session(at(earlier + 1), Some(Postponed), was(earlier + 1));
            let moved_then_cancelled = session(at(earlier + 2), Some(Cancelled), was(earlier + 2));
            let moved_twice = session(at(earlier + 2), Some(Moved), was(earlier + 2));
            assert_rises(&[
                (&postponed, 5),
                (&moved_again, 5),
                (&moved_then_postponed, 5),
                (&moved_twice, 5),
                (&moved_then_cancelled, 5),
                (&put_back, 5),
            ]);
        }
        // The two orders the file cannot tell (documented in dinh-dang.md):
        // cancelled then postponed, and a change after a put-back, rise
        // once announced again the next day.
        let postponed = session(day(2), Some(Postponed), Vec::new());
        let cancelled = session(day(2), Some(Cancelled), Vec::new());
        let put_back = session(day(2), None, Vec::new());
        let moved = session(day(9), Some(Moved), vec![moved_from(day(2))]);
        for life in [
            [(&cancelled, 5), (&postponed, 5), (&postponed, 6)],
            [(&postponed, 5), (&put_back, 5), (&moved, 6)],
            [(&moved, 5), (&put_back, 5), (&cancelled, 6)],
            [(&cancelled, 5), (&put_back, 5), (&postponed, 6)],
        ] {
            assert_rises(&[life[0], life[2]]);
            assert_rises(&[life[1], life[2]]);
        }
    }

    #[test]
    fn sequence_stays_an_ics_integer_and_never_zero() {
        let far = NaiveDate::MAX;
        let mut many = session(day(2), Some(SessionStatus::Cancelled), Vec::new());
        if let Some(c) = many.change.as_mut() {
            c.was = (0..100).map(|_| moved_from(day(1))).collect();
        }
        for s in [many.clone(), session(far, None, Vec::new())] {
            let top = announced(s, far).sequence();
            assert!(i32::try_from(top).is_ok(), "{top}");
        }
        let before_2000 = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap_or_default();
        let moved = session(day(9), Some(SessionStatus::Moved), vec![moved_from(day(2))]);
        assert!(announced(moved, before_2000).sequence() > 0);
        assert!(announced(many, before_2000).sequence() > 0);
    }
}
