//! Turning raw YAML fields into typed values, each failure becoming a
//! diagnostic that names the key and the place.

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Located;
use crate::vi;
use crate::vi::calendar::TimeRange;
use crate::yaml::{pos, Spanned};

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
    let (at, message) = match written {
        Some(at) => (Some(at), format!("Khóa `{key}` đang để trống.")),
        None => (parent, format!("Thiếu khóa bắt buộc `{key}`.")),
    };
    diags.push(
        Diagnostic::error(file, at, message)
            .with_hint(format!("Thêm giá trị, ví dụ: {key}: {example}")),
    );
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
            diags.push(
                Diagnostic::error(file, Some(pos(field)), format!("`{key}`: {}", e.message))
                    .with_hint(e.hint),
            );
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

pub fn optional_time(
    field: &Text,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<TimeRange>, ()> {
    let Some(f) = field.as_ref().filter(|s| !s.value.trim().is_empty()) else {
        return Ok(None);
    };
    match vi::calendar::parse_time_range(&f.value) {
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            diags.push(
                Diagnostic::error(file, Some(pos(f)), format!("`time`: {}", e.message))
                    .with_hint(e.hint),
            );
            Err(())
        }
    }
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
            diags.push(
                Diagnostic::error(
                    file,
                    end_field.as_ref().map(pos),
                    format!(
                        "{what}: ngày kết thúc {} đứng trước ngày bắt đầu {}.",
                        vi::calendar::format_date_numeric(e),
                        vi::calendar::format_date_numeric(s)
                    ),
                )
                .with_hint("Kiểm tra lại hai ngày; có thể đã gõ nhầm tháng hoặc đổi chỗ hai ngày."),
            );
            return false;
        }
    }
    true
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
    let hint = match vi::text::closest(&f.value, choices.iter().map(|(s, _)| *s)) {
        Some(best) => format!("Có phải ý bạn là `{best}`? Viết {key}: {shown}."),
        None => format!("Viết {key}: {shown}."),
    };
    diags.push(
        Diagnostic::error(
            file,
            Some(pos(f)),
            format!(
                "`{key}` \"{}\" không phải giá trị bangtin hiểu.",
                f.value.trim()
            ),
        )
        .with_hint(hint),
    );
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
