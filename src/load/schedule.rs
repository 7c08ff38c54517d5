//! `schedules/*.yaml`: hamlet sessions and collection points.

use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use super::site::{parse_contacts, RawContact};
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::{Change, Earlier, Point, PointKind, Session, Source, Stop};
use crate::vi;
use crate::yaml::{self, pos, FieldKind, ListShape, OneOrList, Record, Spanned, TextList};

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    sessions: Option<Vec<Spanned<RawSession>>>,
    points: Option<Vec<Spanned<RawPoint>>>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawSession {
    hamlet: Text,
    venue: Text,
    audience: Text,
    date: Text,
    dates: Text,
    days: Option<TextList>,
    time: Text,
    place: Text,
    services: Option<TextList>,
    note: Text,
    status: Text,
    was: Option<Spanned<OneOrList<RawEarlier>>>,
    reason: Text,
    changed: Text,
}

/// One entry of `was`: what a change replaced.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawEarlier {
    date: Text,
    time: Text,
    place: Text,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    name: Text,
    kind: Text,
    address: Text,
    coords: Text,
    contacts: Option<Vec<Spanned<RawContact>>>,
    hours: Text,
    from: Text,
    to: Text,
    services: Option<TextList>,
    note: Text,
    route: Option<Vec<Spanned<RawStop>>>,
}

/// One entry of a mobile point's `route`.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawStop {
    date: Text,
    time: Text,
    place: Text,
}

use FieldKind::{Records as R, Text as T, TextList as L};

/// A contact's keys (`site::RawContact`), for the fast reader.
static CONTACT: ListShape = ListShape {
    key: "contacts",
    fields: &[
        ("name", T),
        ("phone", T),
        ("zalo", T),
        ("hours", T),
        ("role", T),
    ],
};

/// A route stop's keys (`RawStop`), for the fast reader.
static STOP: ListShape = ListShape {
    key: "route",
    fields: &[("date", T), ("time", T), ("place", T)],
};

/// The same keys as `RawSchedule`, for the fast reader (`yaml::read_records`).
/// `was` is a group of keys, which the fast reader leaves to serde-saphyr:
/// a file with earlier values is read the slow way.
static SHAPE: [ListShape; 2] = [
    ListShape {
        key: "sessions",
        fields: &[
            ("hamlet", T),
            ("venue", T),
            ("audience", T),
            ("date", T),
            ("dates", T),
            ("days", L),
            ("time", T),
            ("place", T),
            ("services", L),
            ("note", T),
            ("status", T),
            ("reason", T),
            ("changed", T),
        ],
    },
    ListShape {
        key: "points",
        fields: &[
            ("name", T),
            ("kind", T),
            ("address", T),
            ("coords", T),
            ("contacts", R(&CONTACT)),
            ("hours", T),
            ("from", T),
            ("to", T),
            ("services", L),
            ("note", T),
            ("route", R(&STOP)),
        ],
    },
];

impl RawSchedule {
    /// Schedules are most of a province's YAML: the plain case is read by the
    /// fast reader, anything else (and every error) by serde-saphyr.
    fn read(text: &str) -> Result<RawSchedule, yaml::YamlError> {
        match yaml::read_records(text, &SHAPE) {
            Some(lists) => Ok(RawSchedule::from_records(lists)),
            None => yaml::from_str(text),
        }
    }

    fn from_records(lists: Vec<Option<Vec<Record>>>) -> RawSchedule {
        let mut lists = lists.into_iter();
        let sessions = lists.next().flatten().map(|records| {
            records
                .into_iter()
                .map(|mut r| Spanned {
                    pos: r.pos,
                    value: RawSession {
                        hamlet: r.text("hamlet"),
                        venue: r.text("venue"),
                        audience: r.text("audience"),
                        date: r.text("date"),
                        dates: r.text("dates"),
                        days: r.list("days"),
                        time: r.text("time"),
                        place: r.text("place"),
                        services: r.list("services"),
                        note: r.text("note"),
                        status: r.text("status"),
                        was: None,
                        reason: r.text("reason"),
                        changed: r.text("changed"),
                    },
                })
                .collect()
        });
        let points = lists.next().flatten().map(|records| {
            records
                .into_iter()
                .map(|mut r| Spanned {
                    pos: r.pos,
                    value: RawPoint {
                        name: r.text("name"),
                        kind: r.text("kind"),
                        address: r.text("address"),
                        coords: r.text("coords"),
                        contacts: r.records("contacts").map(contacts_of),
                        hours: r.text("hours"),
                        from: r.text("from"),
                        to: r.text("to"),
                        services: r.list("services"),
                        note: r.text("note"),
                        route: r.records("route").map(stops_of),
                    },
                })
                .collect()
        });
        RawSchedule { sessions, points }
    }
}

fn contacts_of(records: Vec<Record>) -> Vec<Spanned<RawContact>> {
    records
        .into_iter()
        .map(|mut r| Spanned {
            pos: r.pos,
            value: RawContact {
                name: r.text("name"),
                phone: r.text("phone"),
                zalo: r.text("zalo"),
                hours: r.text("hours"),
                role: r.text("role"),
            },
        })
        .collect()
}

fn stops_of(records: Vec<Record>) -> Vec<Spanned<RawStop>> {
    records
        .into_iter()
        .map(|mut r| Spanned {
            pos: r.pos,
            value: RawStop {
                date: r.text("date"),
                time: r.text("time"),
                place: r.text("place"),
            },
        })
        .collect()
}

fn texts(list: &Option<TextList>) -> Vec<String> {
    list.iter()
        .flat_map(|l| l.0.iter())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn parse(
    file: &Path,
    text: &str,
    room: &mut super::SessionRoom,
    diags: &mut Diagnostics,
) -> (Vec<Session>, Vec<Point>) {
    let raw = match RawSchedule::read(text) {
        Ok(r) => r,
        Err(e) => {
            let (what, fix) = (e.message, e.hint);
            diags.push(Diagnostic::new(
                file,
                e.pos,
                Message::YamlSyntax { what, fix },
            ));
            return (Vec::new(), Vec::new());
        }
    };
    let mut all = Vec::new();
    for entry in raw.sessions.iter().flatten() {
        let made = sessions(entry, file, diags);
        if !room.take(made.len(), file, Some(pos(entry)), diags) {
            break;
        }
        all.extend(made);
    }
    let sessions = all;
    let points = raw
        .points
        .iter()
        .flatten()
        .filter_map(|p| point(p, file, diags))
        .collect();
    (sessions, points)
}

/// One `sessions:` entry: one session per date and sitting it names.
fn sessions(s: &Spanned<RawSession>, file: &Path, diags: &mut Diagnostics) -> Vec<Session> {
    let at = Some(pos(s));
    let r = &s.value;
    // A session at a venue is listed under the venue, and under the hamlet
    // written beside it too.
    let (hamlet, in_hamlet) = match fields::optional_located(&r.venue) {
        Some(venue) => (Some(venue), fields::optional_located(&r.hamlet)),
        None => (
            fields::required(
                &r.hamlet,
                "hamlet",
                "Đông Lão (buổi tại trường học, công ty: venue: Trường THCS Cẩm Ngọc)",
                at,
                file,
                diags,
            ),
            None,
        ),
    };
    let dates = fields::session_dates(&r.date, &r.dates, r.days.as_ref(), at, file, diags);
    let sittings = fields::optional_sittings(&r.time, "time", file, diags);
    let change = change(r, at, file, diags);
    let (Some(hamlet), Some(dates), Ok(sittings), Some(change)) = (hamlet, dates, sittings, change)
    else {
        return Vec::new();
    };
    let session = Session {
        hamlet,
        in_hamlet,
        audience: optional(&r.audience),
        date: dates.first().copied().unwrap_or_default(),
        time: None,
        part_of_day: None,
        place: optional(&r.place),
        services: texts(&r.services),
        note: optional(&r.note),
        source: Source {
            file: file.to_path_buf(),
            pos: at,
        },
        change,
    };
    let sessions = fields::each_date_and_sitting(session, &dates, &sittings);
    if !super::change::check_all(&sessions, file, diags) {
        return Vec::new();
    }
    sessions
}

/// `status`, `was`, `reason`, `changed`; Some(None) when none is written,
/// None when one is wrong (reported).
fn change(
    r: &RawSession,
    at: Option<crate::diagnostics::Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Option<Box<Change>>> {
    let errors_before = diags.error_count();
    let status = super::change::status(&r.status, "status", file, diags).ok()?;
    let was_pos = r.was.as_ref().map(pos).or(at);
    let mut was = Vec::new();
    for (entry_pos, entry) in r.was.iter().flat_map(|w| w.value.0.iter()) {
        let entry_pos = entry_pos.or(was_pos);
        let earlier = Earlier {
            date: fields::optional_date(&entry.date, "was.date", file, diags),
            time: fields::optional_time(&entry.time, "was.time", file, diags).unwrap_or(None),
            place: optional(&entry.place),
            pos: entry_pos,
        };
        let blank = [&entry.date, &entry.time, &entry.place]
            .iter()
            .all(|f| optional(f).is_none());
        if blank {
            super::change::empty_was(file, entry_pos, diags);
        }
        was.push(earlier);
    }
    let changed = fields::optional_date(&r.changed, "changed", file, diags).map(|value| {
        crate::model::Located {
            value,
            pos: r.changed.as_ref().map(pos),
        }
    });
    if diags.error_count() > errors_before {
        return None;
    }
    Some(super::change::assemble(Change {
        status,
        was,
        was_pos,
        reason: fields::optional_located(&r.reason),
        changed,
    }))
}

fn point_kind(field: &Text, file: &Path, diags: &mut Diagnostics) -> Option<PointKind> {
    let Some(f) = field.as_ref().filter(|f| !f.value.trim().is_empty()) else {
        return Some(PointKind::Fixed);
    };
    // The contract's English words, and the Vietnamese ones officers will type.
    match vi::text::canonical_key(&f.value).as_str() {
        k if k == "fixed" || k == vi::text::canonical_key("cố định") => Some(PointKind::Fixed),
        k if k == "mobile" || k == vi::text::canonical_key("lưu động") => {
            Some(PointKind::Mobile)
        }
        _ => {
            let value = f.value.trim().to_string();
            let message =
                match vi::text::closest(&f.value, ["fixed", "mobile", "cố định", "lưu động"])
                {
                    Some(best) => Message::PointKindUnknownNear {
                        value,
                        best: best.to_string(),
                    },
                    None => Message::PointKindUnknown { value },
                };
            diags.push(Diagnostic::new(file, Some(pos(f)), message));
            None
        }
    }
}

fn point(p: &Spanned<RawPoint>, file: &Path, diags: &mut Diagnostics) -> Option<Point> {
    let at = Some(pos(p));
    let r = &p.value;
    let errors_before = diags.error_count();
    let name = fields::required(&r.name, "name", "Công an xã Cẩm Ngọc", at, file, diags);
    let stops = r.route.as_deref().unwrap_or_default();
    // A route is what a mobile team has: it makes an unmarked point mobile.
    let kind = match (point_kind(&r.kind, file, diags), fields::optional(&r.kind)) {
        (Some(PointKind::Fixed), None) if !stops.is_empty() => Some(PointKind::Mobile),
        (Some(PointKind::Fixed), Some(written)) if !stops.is_empty() => {
            diags.push(Diagnostic::new(
                file,
                Some(pos(&stops[0])),
                Message::RouteOfFixedPoint { written },
            ));
            None
        }
        (kind, _) => kind,
    };
    let from = fields::optional_date(&r.from, "from", file, diags);
    let to = fields::optional_date(&r.to, "to", file, diags);
    let what = format!(
        "Điểm \"{}\"",
        name.as_ref().map_or("", |n| n.value.as_str())
    );
    fields::check_order(from, to, &r.to, &what, file, diags);
    if diags.error_count() > errors_before {
        return None;
    }
    let coords = fields::optional_coords(&r.coords, file, diags);
    let contacts = parse_contacts(r.contacts.as_deref(), file, diags);
    let route = route(stops, file, diags);
    if diags.error_count() > errors_before {
        return None;
    }
    Some(Point {
        name: name?.value,
        kind: kind?,
        address: optional(&r.address),
        coords,
        contacts,
        hours: optional(&r.hours),
        from,
        to,
        services: texts(&r.services),
        note: optional(&r.note),
        route,
        source: Source {
            file: file.to_path_buf(),
            pos: at,
        },
    })
}

/// A mobile team's `route`: one stop per date and sitting, in date and time
/// order (as the day-by-day table, the calendar and the script give them).
fn route(stops: &[Spanned<RawStop>], file: &Path, diags: &mut Diagnostics) -> Vec<Stop> {
    let mut route = Vec::new();
    for s in stops {
        let at = Some(pos(s));
        let date = fields::required_date(&s.value.date, "date", at, file, diags);
        let place = fields::required(
            &s.value.place,
            "place",
            "Trường THCS Cẩm Ngọc",
            at,
            file,
            diags,
        );
        let sittings = fields::optional_sittings(&s.value.time, "time", file, diags);
        let (Some(date), Some(place), Ok(sittings)) = (date, place, sittings) else {
            continue;
        };
        let stop = |sitting: Option<&vi::calendar::Sitting>| Stop {
            date,
            time: sitting.map(|s| s.range),
            part_of_day: sitting.and_then(|s| s.part),
            place: place.value.clone(),
            pos: at,
        };
        match sittings.is_empty() {
            true => route.push(stop(None)),
            false => route.extend(sittings.iter().map(Some).map(stop)),
        }
    }
    // All-day stops first on their day, as a day's sessions are listed.
    route.sort_by_key(|s| (s.date, s.time.map(|t| t.start)));
    route
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    /// The fast reader's result, if it read the text at all, must be
    /// exactly serde-saphyr's.
    fn check_agree(text: &str) -> bool {
        let Some(lists) = yaml::read_records(text, &SHAPE) else {
            return false;
        };
        let fast = RawSchedule::from_records(lists);
        let serde: Result<RawSchedule, _> = yaml::from_str(text);
        assert_eq!(serde.as_ref(), Ok(&fast), "the readers differ on:\n{text}");
        true
    }

    #[test]
    fn bundled_schedules_take_the_fast_path_and_agree() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/schedules");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(check_agree(&text), "{} not read fast", path.display());
        }
    }

    #[test]
    fn points_with_contacts_and_coords_take_the_fast_path() {
        let text = "points:\n  - name: Tổ lưu động\n    kind: mobile\n    coords: 10.2862, 104.0553\n    contacts:\n      - name: Tổ trưởng\n        phone: \"0912 345 678\"\n        zalo: https://zalo.me/g/abc\n      - {name: Trực, role: hỗ trợ tại nhà}\n  - name: Công an xã\n    contacts: []\n";
        assert!(check_agree(text));
    }

    #[test]
    fn routes_take_the_fast_path() {
        let text = "points:\n  - name: Tổ lưu động\n    route:\n      - {date: 29/11/2022, time: Chiều, place: Trường THCS}\n      - date: 30/11/2022\n        place: Chợ\n  - name: B\n    route: []\n";
        assert!(check_agree(text));
        let mut diags = Diagnostics::default();
        let (_, points) = parse(
            Path::new("lich.yaml"),
            text,
            &mut crate::load::SessionRoom::new(),
            &mut diags,
        );
        assert_eq!(diags.error_count(), 0);
        assert_eq!(points[0].kind, PointKind::Mobile);
        assert_eq!(points[0].route.len(), 2);
        assert_eq!(points[1].kind, PointKind::Fixed);
    }

    #[test]
    fn unusual_yaml_goes_to_serde_saphyr() {
        for text in [
            "sessions:\n  - hamlet: &h Đông Lão\n  - hamlet: *h\n",
            "sessions:\n  - hamlet: !!str 12\n",
            "sessions:\n  - note: \"D:\\Lich\"\n",
            "sessions:\n  - note: \"Nói \\\"Có\\\"\"\n",
            "%YAML 1.1\n---\nsessions: []\n",
            "sessions:\n  - hamlet: a\n    hamlet: b\n",
            "sessions:\n  - hamlett: a\n",
            "sessions:\n  - hamlet: [a]\n",
            "sessions:\n  - services: yes\n",
            "sessions:\n  - services: 12\n",
            "sessions:\n  - services: [a, ~]\n",
            "sessions: []\nsessions: []\n",
            "sessions: []\n---\npoints: []\n",
            "sessions:\n  - hamlet: \"open\n",
            "sessions:\n  - {hamlet: a, <<: {date: b}}\n",
            "- a\n",
            "",
        ] {
            assert!(!check_agree(text), "read fast:\n{text}");
        }
    }

    #[test]
    fn errors_still_come_from_serde_saphyr_with_the_line() {
        let mut diags = Diagnostics::default();
        let (sessions, _) = parse(
            Path::new("lich.yaml"),
            "sessions:\n  - hamlet: Đông Lão\n    date: 29/11/2022\n    ngay: 30/11/2022\n",
            &mut crate::load::SessionRoom::new(),
            &mut diags,
        );
        assert!(sessions.is_empty());
        let all = diags.into_sorted();
        let d = all.first().expect("a diagnostic");
        assert_eq!(d.pos.map(|p| p.line), Some(4));
        assert!(d.message.contains("`ngay`"), "{}", d.message);
    }

    /// Scalars as officers write them, and ones YAML types or refuses.
    const VALUES: &[&str] = &[
        "Đông Lão",
        "29/11/2022",
        "19:00-21:30",
        "07:30",
        "0912345678",
        "29/11/2022 - 20/12/2022",
        "[thứ 2, thứ 4]",
        "hằng ngày",
        "10.2862, 104.0553",
        "[{name: Tổ 1, phone: \"0912\"}]",
        "\n      - name: Tổ 2\n        zalo: https://zalo.me/g/x\n      - {name: Tổ 3, role: hỗ trợ tại nhà}",
        "[{name: Tổ 4, fax: 1}]",
        "12",
        "-3",
        "1.5",
        "1e3",
        ".inf",
        "0x1F",
        "true",
        "yes",
        "No",
        "off",
        "~",
        "null",
        "NULL",
        "",
        "\"\"",
        "\"null\"",
        "\"Giờ: 7h30\"",
        "'một ''hai'''",
        "\"\\u00e1 \\t tab\"",
        "\"D:\\Lich\\thon.xlsx\"",
        "!Quan trọng",
        "Khám, tư vấn",
        "a # chú thích",
        "|\n      dòng một\n      dòng hai",
        ">-\n      gấp\n      dòng",
        "[Cài đặt VNeID, Kích hoạt]",
        "[Cài đặt VNeID, 12, \"x\"]",
        "[]",
        "[a, ~]",
        "- a\n      - b",
        "{a: b}",
        "!!str 12",
        "&x Đông",
        "*x",
        "a: b",
        "\"không đóng",
        "multi\n      line plain",
    ];
    const KEYS: &[&str] = &[
        "hamlet",
        "venue",
        "audience",
        "date",
        "dates",
        "days",
        "time",
        "place",
        "services",
        "note",
        "name",
        "kind",
        "address",
        "coords",
        "contacts",
        "hours",
        "from",
        "to",
        "ngay",
        "\"hamlet\"",
    ];

    fn record() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (prop::sample::select(KEYS), prop::sample::select(VALUES)),
            0..7,
        )
        .prop_map(|pairs| {
            if pairs.is_empty() {
                return "  - {}\n".to_string();
            }
            let mut out = String::new();
            for (i, (k, v)) in pairs.iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                out.push_str(&format!("{lead}{k}: {v}\n"));
            }
            out
        })
    }

    fn document() -> impl Strategy<Value = String> {
        let list = (
            prop::sample::select(&["sessions", "points", "sessions", "point"][..]),
            prop::collection::vec(record(), 0..5),
            prop::bool::ANY,
        );
        (
            prop::collection::vec(list, 0..3),
            prop::sample::select(&["", "---\n", "# đầu tệp\n"][..]),
        )
            .prop_map(|(lists, head)| {
                let mut out = head.to_string();
                for (key, records, flow_empty) in lists {
                    out.push_str(key);
                    out.push(':');
                    if records.is_empty() {
                        out.push_str(if flow_empty { " []\n" } else { "\n" });
                    } else {
                        out.push('\n');
                        records.iter().for_each(|r| out.push_str(r));
                    }
                }
                out
            })
    }

    /// Sessions with distinct, known keys: the fast reader's own case, with
    /// every value it accepts (nulls, numbers, quotes, block scalars, lists).
    fn plain_sessions() -> impl Strategy<Value = String> {
        // Values no field takes (errors, aliases, nesting) would only make
        // whole documents fall back.
        let takeable: Vec<&str> = VALUES
            .iter()
            .copied()
            .filter(|v| {
                ![
                    "a: b",
                    "{a: b}",
                    "*x",
                    "&x Đông",
                    "!!str 12",
                    "!Quan trọng",
                    "[a, ~]",
                ]
                .contains(v)
            })
            // A backslash in double quotes is left to `yaml::from_str`.
            .filter(|v| !(v.starts_with('"') && v.contains('\\')))
            .filter(|v| !v.starts_with("- ") && !v.starts_with("\"không"))
            // Lists of records are for points' `contacts`, not session fields.
            .filter(|v| !v.starts_with("[{") && !v.starts_with('\n'))
            .collect();
        // Fewer fields per session: each present one may make the whole file fall back.
        let field = (prop::bool::weighted(0.33), prop::sample::select(takeable));
        let session = prop::collection::vec(field, 9).prop_map(|fields| {
            let keys = [
                "hamlet", "venue", "date", "dates", "days", "time", "place", "services", "note",
            ];
            let written: Vec<String> = keys
                .iter()
                .zip(&fields)
                .filter(|(_, (present, _))| *present)
                .map(|(k, (_, v))| format!("{k}: {v}"))
                .collect();
            match written.split_first() {
                None => "  - {}\n".to_string(),
                Some((first, rest)) => {
                    let mut out = format!("  - {first}\n");
                    rest.iter()
                        .for_each(|f| out.push_str(&format!("    {f}\n")));
                    out
                }
            }
        });
        prop::collection::vec(session, 1..6).prop_map(|s| format!("sessions:\n{}", s.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn fast_reader_agrees_with_serde_saphyr(text in document()) {
            check_agree(&text);
        }

        #[test]
        fn fast_reader_agrees_on_plain_sessions(text in plain_sessions()) {
            check_agree(&text);
        }
    }

    #[test]
    fn generated_plain_documents_do_take_the_fast_path() {
        // The property above is vacuous if nothing is read fast: count.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = plain_sessions();
        let fast = (0..500)
            .filter(|_| {
                let text = strategy.new_tree(&mut runner).unwrap().current();
                check_agree(&text)
            })
            .count();
        assert!(fast > 100, "only {fast} of 500 read fast");
    }
}
