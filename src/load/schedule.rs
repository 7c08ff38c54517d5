//! `schedules/*.yaml`: hamlet sessions and collection points.

use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Point, PointKind, Session, Source};
use crate::vi;
use crate::yaml::{self, pos, Spanned, TextList};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    sessions: Option<Vec<Spanned<RawSession>>>,
    points: Option<Vec<Spanned<RawPoint>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    hamlet: Text,
    date: Text,
    time: Text,
    place: Text,
    services: Option<TextList>,
    note: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    name: Text,
    kind: Text,
    address: Text,
    hours: Text,
    from: Text,
    to: Text,
    services: Option<TextList>,
    note: Text,
}

fn texts(list: &Option<TextList>) -> Vec<String> {
    list.iter()
        .flat_map(|l| l.0.iter())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> (Vec<Session>, Vec<Point>) {
    let raw: RawSchedule = match yaml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(file, e.pos, e.message).with_hint(e.hint));
            return (Vec::new(), Vec::new());
        }
    };
    let sessions = raw
        .sessions
        .iter()
        .flatten()
        .filter_map(|s| session(s, file, diags))
        .collect();
    let points = raw
        .points
        .iter()
        .flatten()
        .filter_map(|p| point(p, file, diags))
        .collect();
    (sessions, points)
}

fn session(s: &Spanned<RawSession>, file: &Path, diags: &mut Diagnostics) -> Option<Session> {
    let at = Some(pos(s));
    let r = &s.value;
    let hamlet = fields::required(&r.hamlet, "hamlet", "Đông Lão", at, file, diags);
    let date = fields::required_date(&r.date, "date", at, file, diags);
    let time = fields::optional_time(&r.time, file, diags);
    Some(Session {
        hamlet: hamlet?,
        date: date?,
        time: time.ok()?,
        place: optional(&r.place),
        services: texts(&r.services),
        note: optional(&r.note),
        source: Source {
            file: file.to_path_buf(),
            pos: at,
        },
    })
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
            let hint = match vi::text::closest(&f.value, ["fixed", "mobile", "cố định", "lưu động"]) {
                Some(best) => format!("Có phải ý bạn là `{best}`? Viết kind: fixed (cố định) hoặc kind: mobile (lưu động)."),
                None => "Viết kind: fixed (điểm cố định) hoặc kind: mobile (điểm lưu động).".to_string(),
            };
            diags.push(
                Diagnostic::error(
                    file,
                    Some(pos(f)),
                    format!(
                        "`kind` \"{}\" không phải loại điểm thu nhận đã biết.",
                        f.value.trim()
                    ),
                )
                .with_hint(hint),
            );
            None
        }
    }
}

fn point(p: &Spanned<RawPoint>, file: &Path, diags: &mut Diagnostics) -> Option<Point> {
    let at = Some(pos(p));
    let r = &p.value;
    let errors_before = diags.error_count();
    let name = fields::required(&r.name, "name", "Công an xã Cẩm Ngọc", at, file, diags);
    let kind = point_kind(&r.kind, file, diags);
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
    Some(Point {
        name: name?.value,
        kind: kind?,
        address: optional(&r.address),
        hours: optional(&r.hours),
        from,
        to,
        services: texts(&r.services),
        note: optional(&r.note),
        source: Source {
            file: file.to_path_buf(),
            pos: at,
        },
    })
}
