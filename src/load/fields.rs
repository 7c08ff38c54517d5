//! Turning raw YAML fields into typed values, each failure becoming a
//! diagnostic that names the key and the place.

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::Located;
use crate::vi;
use crate::vi::calendar::{Days, Sitting, TimeRange};
use crate::yaml::{pos, Spanned, TextList};

pub type Text = Option<Spanned<String>>;

/// Trimmed text, or None when absent or blank.
pub fn optional(field: &Text) -> Option<String> {
    field
        .as_ref()
        .map(|s| s.value.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub fn optional_located(field: &Text) -> Option<Located<String>> {
    let s = field.as_ref()?;
    let value = s.value.trim().to_string();
    (!value.is_empty()).then(|| Located {
        value,
        pos: Some(pos(s)),
    })
}

/// A key that must be present and not blank; `parent` is where its group starts.
pub fn required(
    field: &Text,
    key: &str,
    example: &str,
    parent: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Located<String>> {
    let located = optional_located(field);
    if located.is_none() {
        report_missing(field.as_ref().map(pos), key, example, parent, file, diags);
    }
    located
}

/// A required key that is blank (written at `written`) or absent (reported at
/// its group, `parent`).
pub fn report_missing(
    written: Option<Pos>,
    key: &str,
    example: &str,
    parent: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) {
    let (key, example) = (key.to_string(), example.to_string());
    let (at, message) = match written {
        Some(at) => (Some(at), Message::KeyBlank { key, example }),
        None => (parent, Message::KeyMissing { key, example }),
    };
    diags.push(Diagnostic::new(file, at, message));
}

pub fn date(
    field: &Spanned<String>,
    key: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<NaiveDate> {
    match vi::calendar::parse_date(&field.value) {
        Ok(d) => Some(d),
        Err(e) => {
            diags.push(Diagnostic::new(
                file,
                Some(pos(field)),
                Message::FieldValue {
                    key: key.to_string(),
                    what: e.message,
                    fix: e.hint,
                },
            ));
            None
        }
    }
}

pub fn optional_date(
    field: &Text,
    key: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<NaiveDate> {
    let f = field.as_ref().filter(|s| !s.value.trim().is_empty())?;
    date(f, key, file, diags)
}

pub fn required_date(
    field: &Text,
    key: &str,
    parent: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<NaiveDate> {
    required(field, key, "29/11/2022", parent, file, diags)?;
    date(field.as_ref()?, key, file, diags)
}

/// The sittings of a `time` field (`vi::calendar::parse_sittings`): none
/// when absent or blank (all day), Err when wrong (reported).
pub fn optional_sittings(
    field: &Text,
    key: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<Vec<Sitting>, ()> {
    let Some(f) = field.as_ref().filter(|s| !s.value.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    vi::calendar::parse_sittings(&f.value).map_err(|e| {
        diags.push(Diagnostic::new(
            file,
            Some(pos(f)),
            Message::FieldValue {
                key: key.to_string(),
                what: e.message,
                fix: e.hint,
            },
        ));
    })
}

/// The dates of a session: `date` (one date, or a span) or `dates` (one or
/// more dates and spans), kept to the weekdays of `days`. None when wrong
/// (reported); never empty.
pub fn session_dates(
    date: &Text,
    dates: &Text,
    days: Option<&TextList>,
    parent: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<NaiveDate>> {
    fn written(f: &Text) -> Option<&Spanned<String>> {
        f.as_ref().filter(|s| !s.value.trim().is_empty())
    }
    let (field, key) = match (written(date), written(dates)) {
        (Some(_), Some(both)) => {
            diags.push(Diagnostic::new(
                file,
                Some(pos(both)),
                Message::DateAndDates,
            ));
            return None;
        }
        (Some(f), None) => (f, "date"),
        (None, Some(f)) => (f, "dates"),
        (None, None) => {
            let blank = date.as_ref().or(dates.as_ref()).map(pos);
            report_missing(blank, "date", "29/11/2022", parent, file, diags);
            return None;
        }
    };
    let spans = match vi::calendar::parse_dates(&field.value) {
        Ok(spans) => spans,
        Err(e) => {
            diags.push(Diagnostic::new(
                file,
                Some(pos(field)),
                Message::FieldValue {
                    key: key.to_string(),
                    what: e.message,
                    fix: e.hint,
                },
            ));
            return None;
        }
    };
    let days = match days.filter(|d| d.0.iter().any(|i| !i.trim().is_empty())) {
        Some(list) => match vi::calendar::parse_days(&list.0) {
            Ok(days) => days,
            Err(e) => {
                diags.push(Diagnostic::new(
                    file,
                    parent,
                    Message::FieldValue {
                        key: "days".to_string(),
                        what: e.message,
                        fix: e.hint,
                    },
                ));
                return None;
            }
        },
        None => Days::EVERY_DAY,
    };
    expanded(&spans, days, &field.value, parent, file, diags)
}

/// The dates of `spans` on `days`; an error (at `at`) when there are none.
pub fn expanded(
    spans: &[vi::calendar::DateSpan],
    days: Days,
    written: &str,
    at: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<NaiveDate>> {
    let dates = vi::calendar::expand(spans, days);
    if dates.is_empty() {
        diags.push(Diagnostic::new(
            file,
            at,
            Message::NoDateOnDays {
                written: written.trim().to_string(),
                days: days.names(),
            },
        ));
        return None;
    }
    Some(dates)
}

/// `end` must not come before `start`; reported at `end`.
pub fn check_order(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    end_field: &Text,
    what: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> bool {
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            diags.push(Diagnostic::new(
                file,
                end_field.as_ref().map(pos),
                Message::EndBeforeStart {
                    what: what.to_string(),
                    end: vi::calendar::format_date_numeric(e),
                    start: vi::calendar::format_date_numeric(s),
                },
            ));
            return false;
        }
    }
    true
}

/// `session` once per date and sitting (once per date when it has none).
/// The last copy is `session` itself: most rows are one date, one sitting.
pub fn each_date_and_sitting(
    session: crate::model::Session,
    dates: &[NaiveDate],
    sittings: &[Sitting],
) -> Vec<crate::model::Session> {
    let whole_day = [None];
    let some: Vec<Option<&Sitting>> = sittings.iter().map(Some).collect();
    let sittings: &[Option<&Sitting>] = if some.is_empty() { &whole_day } else { &some };
    let mut when: Vec<(NaiveDate, Option<&Sitting>)> = dates
        .iter()
        .flat_map(|&d| sittings.iter().map(move |&s| (d, s)))
        .collect();
    let Some(last) = when.pop() else {
        return Vec::new();
    };
    let with = |session: crate::model::Session, (date, sitting): (NaiveDate, Option<&Sitting>)| {
        crate::model::Session {
            date,
            time: sitting.map(|s| s.range),
            part_of_day: sitting.and_then(|s| s.part),
            ..session
        }
    };
    let mut out: Vec<crate::model::Session> =
        when.into_iter().map(|w| with(session.clone(), w)).collect();
    out.push(with(session, last));
    out
}

/// A value from a small vocabulary (`role: khẩn cấp`, `status: hoãn`),
/// matched as spreadsheet headers are: ignoring case, diacritics and
/// punctuation, so "Hủy", "huỷ" and "HUY" are one word. `choices` pairs each
/// accepted spelling with its value; `shown` is the list a hint offers.
/// Ok(None) when absent or blank; Err(()) when written but unknown (reported).
pub fn keyword<T: Copy>(
    field: &Text,
    key: &str,
    choices: &[(&str, T)],
    shown: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<T>, ()> {
    let Some(f) = field.as_ref().filter(|f| !f.value.trim().is_empty()) else {
        return Ok(None);
    };
    let written = keyword_key(&f.value);
    if let Some((_, value)) = choices
        .iter()
        .find(|(spelling, _)| keyword_key(spelling) == written)
    {
        return Ok(Some(*value));
    }
    let (key, value, shown) = (
        key.to_string(),
        f.value.trim().to_string(),
        shown.to_string(),
    );
    let message = match vi::text::closest(&f.value, choices.iter().map(|(s, _)| *s)) {
        Some(best) => Message::KeywordUnknownNear {
            key,
            value,
            shown,
            best: best.to_string(),
        },
        None => Message::KeywordUnknown { key, value, shown },
    };
    diags.push(Diagnostic::new(file, Some(pos(f)), message));
    Err(())
}

/// Lowercase letters and digits without diacritics, words separated by one space.
pub fn keyword_key(text: &str) -> String {
    vi::text::fold_diacritics(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One time range (`was.time`); `key` names the field in messages.
pub fn optional_time(
    field: &Text,
    key: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<TimeRange>, ()> {
    let Some(f) = field.as_ref().filter(|s| !s.value.trim().is_empty()) else {
        return Ok(None);
    };
    match vi::calendar::parse_time_range(&f.value) {
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            diags.push(Diagnostic::new(
                file,
                Some(pos(f)),
                Message::FieldValue {
                    key: key.to_string(),
                    what: e.message,
                    fix: e.hint,
                },
            ));
            Err(())
        }
    }
}

/// A contact's `zalo`: a phone number (the person's Zalo) or a zalo.me link
/// (a person, an official account or a group), as a `https://zalo.me/…`
/// link. Ok(None) when absent or blank; Err when it is neither (reported).
pub fn optional_zalo(
    field: &Text,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<String>, ()> {
    let Some(f) = field.as_ref().filter(|f| !f.value.trim().is_empty()) else {
        return Ok(None);
    };
    let written = f.value.trim();
    let path = written
        .strip_prefix("https://")
        .or_else(|| written.strip_prefix("http://"))
        .unwrap_or(written);
    let path = path.strip_prefix("www.").unwrap_or(path);
    if let Some(rest) = path.strip_prefix("zalo.me/") {
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.');
        if !rest.is_empty() && rest.chars().all(plain) {
            return Ok(Some(format!("https://zalo.me/{rest}")));
        }
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let phone_like = written
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+'));
    if phone_like && (9..=12).contains(&digits.len()) {
        return Ok(Some(format!(
            "https://zalo.me/{}",
            crate::vi::personal_data::phone_key(written)
        )));
    }
    diags.push(Diagnostic::new(
        file,
        Some(pos(f)),
        Message::ZaloInvalid {
            written: written.to_string(),
        },
    ));
    Err(())
}

/// A place's `coords`: "10.2862, 104.0553" (latitude, longitude, as Google
/// Maps copies them), also with a semicolon or a space between, decimal
/// commas after a semicolon, or a map link holding them. None when absent,
/// blank or wrong (reported).
pub fn optional_coords(
    field: &Text,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<crate::model::Coords> {
    let f = field.as_ref().filter(|f| !f.value.trim().is_empty())?;
    let written = f.value.trim();
    let at = Some(pos(f));
    let written_owned = || written.to_string();
    let Some((lat, lon)) = coords_numbers(written) else {
        diags.push(Diagnostic::new(
            file,
            at,
            Message::CoordsUnreadable {
                written: written_owned(),
            },
        ));
        return None;
    };
    let in_vietnam =
        |lat: f64, lon: f64| (8.0..=24.0).contains(&lat) && (102.0..=118.0).contains(&lon);
    if !in_vietnam(lat, lon) && in_vietnam(lon, lat) {
        diags.push(Diagnostic::new(
            file,
            at,
            Message::CoordsSwapped {
                written: written_owned(),
                lat: lon.to_string(),
                lon: lat.to_string(),
            },
        ));
        return None;
    }
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        diags.push(Diagnostic::new(
            file,
            at,
            Message::CoordsImpossible {
                written: written_owned(),
            },
        ));
        return None;
    }
    if !in_vietnam(lat, lon) {
        diags.push(Diagnostic::new(
            file,
            at,
            Message::CoordsAbroad {
                written: written_owned(),
            },
        ));
    }
    Some(crate::model::Coords { lat, lon })
}

/// (latitude, longitude) as written in `coords`.
fn coords_numbers(written: &str) -> Option<(f64, f64)> {
    // A pasted map link: "…/@10.2862,104.0553,17z", "…?q=10.2862,104.0553", "geo:…".
    let text = ["@", "q=", "query=", "ll=", "geo:"]
        .iter()
        .find_map(|marker| written.split_once(marker).map(|(_, rest)| rest))
        .unwrap_or(written);
    let number = |s: &str| -> Option<f64> {
        let s = s.trim().trim_end_matches(['°', 'N', 'E']).trim();
        let x: f64 = s.parse().ok()?;
        x.is_finite().then_some(x)
    };
    let (a, b) = if let Some((a, b)) = text.split_once(';') {
        (a.replace(',', "."), b.replace(',', "."))
    } else if text.matches(',').count() >= 3 {
        // "10,2862, 104,0553": decimal commas, the pair split by ", ".
        let (a, b) = text.split_once(", ")?;
        (a.replace(',', "."), b.replace(',', "."))
    } else if let Some((a, b)) = text.split_once(',') {
        // A link may go on after the pair: "10.2862,104.0553,17z".
        let b = b.split([',', '&', '/', '#']).next().unwrap_or(b);
        (a.to_string(), b.to_string())
    } else {
        let mut parts = text.split_whitespace();
        let pair = (parts.next()?.to_string(), parts.next()?.to_string());
        if parts.next().is_some() {
            return None;
        }
        pair
    };
    Some((number(&a)?, number(&b)?))
}
