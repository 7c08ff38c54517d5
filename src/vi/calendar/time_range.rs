//! A time of day or a span of time, and how it is printed.

use chrono::{NaiveTime, Timelike};

use super::date_format::push_padded;

/// "07:30–11:00", or a single start time when `end` is None.
/// An end written as 24:00 (midnight) is stored as 23:59.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeRange {
    pub start: chrono::NaiveTime,
    pub end: Option<chrono::NaiveTime>,
}

/// "07:30": 24-hour, two digits each, seconds dropped.
pub fn format_time(t: NaiveTime) -> String {
    let mut out = String::with_capacity(5);
    push_time(&mut out, t);
    out
}

pub fn push_time(out: &mut String, t: NaiveTime) {
    push_padded(out, t.hour().into(), 2);
    out.push(':');
    push_padded(out, t.minute().into(), 2);
}

/// "07:30–11:00" with an en dash, or "07:30" alone when there is no end.
pub fn format_time_range(r: &TimeRange) -> String {
    let mut out = String::with_capacity(13);
    push_time_range(&mut out, *r);
    out
}

pub fn push_time_range(out: &mut String, r: TimeRange) {
    push_time(out, r.start);
    if let Some(end) = r.end {
        out.push('–');
        push_time(out, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn format_table() {
        let cases = [
            (time(7, 30), None, "07:30"),
            (time(7, 30), time(11, 0), "07:30–11:00"),
            (time(0, 0), time(23, 59), "00:00–23:59"),
            (time(14, 5), None, "14:05"),
            (NaiveTime::from_hms_opt(9, 15, 42), None, "09:15"),
        ];
        for (start, end, expected) in cases {
            let range = start.map(|start| TimeRange { start, end });
            assert_eq!(
                range.map(|r| format_time_range(&r)).as_deref(),
                Some(expected)
            );
        }
    }
}
