//! Repetition as plans write it: a span of dates ("từ ngày 24/3 đến ngày
//! 20/4/2023", `dates: 29/11/2022 - 20/12/2022`) and the days of the week it
//! holds on ("hằng ngày", "thứ Hai đến thứ Sáu", "trừ Chủ nhật", "thứ 2, 4, 6").

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::date_format::format_date_numeric;
use super::date_parse::{parse_date, DateError};
use super::tidy::tidy;
use super::weekday::{split_weekday_prefix, weekday_name};

/// The longest span one row may repeat over: longer is nearly always a year
/// typed wrong, and would fill pages with sessions.
pub const MAX_SPAN_DAYS: i64 = 366;

/// Every accepted way of writing dates, with an example of each.
pub const DATES_HINT: &str = "Các cách ghi ngày được chấp nhận: một ngày 29/11/2022 \
     (hoặc 29-11-2022, 2022-11-29, ngày 29 tháng 11 năm 2022); một khoảng ngày \
     29/11/2022 - 20/12/2022 (hoặc từ ngày 24/3 đến ngày 20/4/2023); vài ngày \
     29/11/2022, 01/12/2022, 03/12/2022.";

/// Every accepted way of writing the days of the week, with an example of each.
pub const DAYS_HINT: &str = "Các cách ghi thứ được chấp nhận: hằng ngày (hoặc hằng ngày, \
     kể cả thứ Bảy và Chủ nhật); thứ Hai đến thứ Sáu (hoặc thứ 2 - thứ 6); trừ Chủ nhật \
     (hoặc trừ thứ Bảy, Chủ nhật); một danh sách thứ 2, thứ 4, thứ 6 (hoặc thứ 2, 4, 6, \
     hoặc [thứ 2, thứ 4]); cuối tuần (thứ Bảy và Chủ nhật).";

/// One date, or every date from `first` to `last` (both included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DateSpan {
    pub fn is_single(self) -> bool {
        self.first == self.last
    }
}

/// "29/11/2022", "29/11/2022 - 20/12/2022", "từ 24/3 đến 20/4/2023", or several
/// of these separated by commas or semicolons.
pub fn parse_dates(s: &str) -> Result<Vec<DateSpan>, DateError> {
    // A single date, the common case, with `parse_date`'s own messages.
    if let Ok(date) = parse_date(s) {
        return Ok(vec![DateSpan {
            first: date,
            last: date,
        }]);
    }
    let text = tidy(s);
    if text.is_empty() {
        return Err(DateError::new("chưa ghi ngày", DATES_HINT));
    }
    let mut spans = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        spans.push(span(part)?);
    }
    if spans.is_empty() {
        return Err(DateError::new(
            format!("không đọc được ngày “{}”", s.trim()),
            DATES_HINT,
        ));
    }
    Ok(spans)
}

/// One date or one span of dates.
fn span(part: &str) -> Result<DateSpan, DateError> {
    let body = part
        .strip_prefix("từ ngày ")
        .or_else(|| part.strip_prefix("từ "))
        .unwrap_or(part);
    let Some((from, to)) = split_span(body) else {
        let date = parse_date(body).map_err(|e| DateError::new(e.message, DATES_HINT))?;
        return Ok(DateSpan {
            first: date,
            last: date,
        });
    };
    let last = parse_date(to).map_err(|e| DateError::new(e.message, DATES_HINT))?;
    let first = match parse_date(from) {
        Ok(first) => first,
        // "từ ngày 24/3 đến ngày 20/4/2023": the year is written once, at the end.
        Err(e) => day_month(from)
            .and_then(|(day, month)| {
                NaiveDate::from_ymd_opt(last.year(), month, day)
                    .filter(|d| *d <= last)
                    .or_else(|| NaiveDate::from_ymd_opt(last.year() - 1, month, day))
            })
            .ok_or_else(|| DateError::new(e.message, DATES_HINT))?,
    };
    if last < first {
        return Err(DateError::new(
            format!(
                "khoảng ngày “{part}”: ngày cuối {} đứng trước ngày đầu {}",
                format_date_numeric(last),
                format_date_numeric(first)
            ),
            "Ghi ngày đầu trước, ngày cuối sau, ví dụ 29/11/2022 - 20/12/2022; có thể đã gõ nhầm tháng hoặc năm.",
        ));
    }
    if (last - first).num_days() >= MAX_SPAN_DAYS {
        return Err(DateError::new(
            format!(
                "khoảng ngày “{part}” dài hơn một năm ({} ngày)",
                (last - first).num_days() + 1
            ),
            "Kiểm tra lại năm của hai ngày; một đợt dài hơn một năm thì chia thành nhiều dòng, mỗi dòng một khoảng ngày.",
        ));
    }
    Ok(DateSpan { first, last })
}

/// The two ends of "a - b", "a – b", "a đến b", "a tới b", or None for one
/// date. A bare '-' between two dates written with '/' or '.' splits too
/// ("29/11/2022-20/12/2022"); in "29-11-2022" it does not.
fn split_span(text: &str) -> Option<(&str, &str)> {
    for separator in [" đến ngày ", " đến ", " tới ", " - ", "–", "—", "~"] {
        if let Some((a, b)) = text.split_once(separator) {
            return Some((a.trim(), b.trim()));
        }
    }
    if text.contains(['/', '.']) && text.matches('-').count() == 1 {
        return text.split_once('-').map(|(a, b)| (a.trim(), b.trim()));
    }
    None
}

/// "24/3" or "ngày 24/3": a day and a month without a year.
fn day_month(text: &str) -> Option<(u32, u32)> {
    let text = text.strip_prefix("ngày ").unwrap_or(text);
    let (day, month) = text.split_once(['/', '.', '-'])?;
    Some((day.trim().parse().ok()?, month.trim().parse().ok()?))
}

/// A set of weekdays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Days(u8);

impl Days {
    pub const EVERY_DAY: Days = Days(0b111_1111);

    fn bit(day: Weekday) -> u8 {
        1 << day.num_days_from_monday()
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & Days::bit(day) != 0
    }

    fn with(self, day: Weekday) -> Days {
        Days(self.0 | Days::bit(day))
    }

    fn without(self, other: Days) -> Days {
        Days(self.0 & !other.0)
    }

    fn union(self, other: Days) -> Days {
        Days(self.0 | other.0)
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// "Thứ Hai, Thứ Tư": for messages.
    pub fn names(self) -> String {
        ALL_DAYS
            .iter()
            .filter(|d| self.contains(**d))
            .map(|d| weekday_name(*d))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The weekdays of `items` (a `days:` text, or each entry of a `days:` list),
/// all of them united.
pub fn parse_days<S: AsRef<str>>(items: &[S]) -> Result<Days, DateError> {
    let mut days = Days::default();
    for item in items {
        days = days.union(days_of(item.as_ref())?);
    }
    if days.is_empty() {
        return Err(DateError::new("chưa ghi thứ nào", DAYS_HINT));
    }
    Ok(days)
}

fn days_of(written: &str) -> Result<Days, DateError> {
    let text = tidy(written);
    let text = text.trim_matches(|c: char| c == '(' || c == ')' || c == '.');
    let unreadable = || {
        DateError::new(
            format!("không đọc được thứ “{}”", written.trim()),
            DAYS_HINT,
        )
    };
    if text.is_empty() {
        return Ok(Days::default());
    }
    // "hằng ngày, kể cả thứ Bảy và Chủ nhật" and "trừ Chủ nhật".
    let (base, except) = match text.split_once("trừ ") {
        Some((before, after)) => (before.trim_end_matches([' ', ',', '(']), Some(after)),
        None => (text, None),
    };
    let base = match base.split_once("kể cả") {
        Some((before, _)) => before.trim_end_matches([' ', ',', '(']),
        None => base,
    };
    let days = if base.is_empty() && except.is_some() {
        Days::EVERY_DAY
    } else {
        listed_days(base).ok_or_else(unreadable)?
    };
    match except {
        Some(except) => {
            let removed = listed_days(except.trim_end_matches(')')).ok_or_else(unreadable)?;
            Ok(days.without(removed))
        }
        None => Ok(days),
    }
}

/// "hằng ngày", "cuối tuần", "thứ 2 đến thứ 6", "thứ 2, 4, 6", "t2, t4", "cn".
fn listed_days(text: &str) -> Option<Days> {
    const EVERY: [&str; 9] = [
        "hằng ngày",
        "hàng ngày",
        "mỗi ngày",
        "tất cả các ngày",
        "các ngày trong tuần",
        "cả tuần",
        "hằng ngày trong tuần",
        "every day",
        "daily",
    ];
    if EVERY.contains(&text) {
        return Some(Days::EVERY_DAY);
    }
    if text == "cuối tuần" {
        return Some(Days::default().with(Weekday::Sat).with(Weekday::Sun));
    }
    if matches!(text, "ngày thường" | "ngày làm việc" | "các ngày làm việc") {
        return Some(
            ALL_DAYS
                .iter()
                .take(5)
                .fold(Days::default(), |d, day| d.with(*day)),
        );
    }
    let text = text.strip_prefix("từ ").unwrap_or(text);
    for separator in [" đến ", " tới ", " - ", "-", "–"] {
        if let Some((a, b)) = text.split_once(separator) {
            let (first, last) = (one_day(a.trim(), false)?, one_day(b.trim(), true)?);
            let mut days = Days::default();
            let mut day = first;
            // Wraps around the week: "thứ 7 đến thứ 2" is Sat, Sun, Mon.
            loop {
                days = days.with(day);
                if day == last {
                    return Some(days);
                }
                day = day.succ();
            }
        }
    }
    let unified = text.replace(" và ", ",").replace([';', '/', '+'], ",");
    let mut days = Days::default();
    let mut after_thu = false;
    for item in unified.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let day = one_day(item, after_thu)?;
        after_thu = true;
        days = days.with(day);
    }
    (!days.is_empty()).then_some(days)
}

/// One weekday: "thứ hai", "thứ 2", "t2", "chủ nhật", "cn", or a bare "4"
/// after a "thứ" ("thứ 2, 4, 6").
fn one_day(text: &str, bare_number_ok: bool) -> Option<Weekday> {
    if let (Some(day), "") = split_weekday_prefix(text) {
        return Some(day);
    }
    let number = match text {
        "cn" | "c.n" => return Some(Weekday::Sun),
        t => t
            .strip_prefix('t')
            .filter(|n| !n.is_empty())
            .or(bare_number_ok.then_some(t))?,
    };
    match number {
        "2" | "hai" => Some(Weekday::Mon),
        "3" | "ba" => Some(Weekday::Tue),
        "4" | "tư" => Some(Weekday::Wed),
        "5" | "năm" => Some(Weekday::Thu),
        "6" | "sáu" => Some(Weekday::Fri),
        "7" | "bảy" => Some(Weekday::Sat),
        "chủ nhật" => Some(Weekday::Sun),
        _ => None,
    }
}

/// Every date of `spans` that falls on one of `days`, in order, each once.
pub fn expand(spans: &[DateSpan], days: Days) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    for span in spans {
        let mut date = span.first;
        while date <= span.last {
            if days.contains(date.weekday()) {
                dates.push(date);
            }
            date += Duration::days(1);
        }
    }
    dates.sort();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn span(a: NaiveDate, b: NaiveDate) -> DateSpan {
        DateSpan { first: a, last: b }
    }

    #[test]
    fn dates_as_plans_write_them() {
        let cases = [
            (
                "29/11/2022",
                vec![span(date(2022, 11, 29), date(2022, 11, 29))],
            ),
            (
                "29/11/2022 - 20/12/2022",
                vec![span(date(2022, 11, 29), date(2022, 12, 20))],
            ),
            (
                "29/11/2022-20/12/2022",
                vec![span(date(2022, 11, 29), date(2022, 12, 20))],
            ),
            (
                "Từ ngày 24/3 đến ngày 20/4/2023",
                vec![span(date(2023, 3, 24), date(2023, 4, 20))],
            ),
            (
                "từ 01/7/2023 đến 30/9/2023",
                vec![span(date(2023, 7, 1), date(2023, 9, 30))],
            ),
            (
                "20/12 – 05/01/2023",
                vec![span(date(2022, 12, 20), date(2023, 1, 5))],
            ),
            (
                "29-11-2022 - 20-12-2022",
                vec![span(date(2022, 11, 29), date(2022, 12, 20))],
            ),
            (
                "29/11/2022, 01/12/2022; 03/12/2022 - 04/12/2022",
                vec![
                    span(date(2022, 11, 29), date(2022, 11, 29)),
                    span(date(2022, 12, 1), date(2022, 12, 1)),
                    span(date(2022, 12, 3), date(2022, 12, 4)),
                ],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_dates(input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn dates_that_cannot_be_right() {
        let cases = [
            ("20/12/2022 - 29/11/2022", "đứng trước ngày đầu"),
            ("01/01/2022 - 31/12/2023", "dài hơn một năm"),
            ("29/11/2022 - 31/11/2022", "không có thật"),
            ("tuần sau", "không đọc được"),
        ];
        for (input, message) in cases {
            let e = parse_dates(input).err();
            let (m, h) = e.map(|e| (e.message, e.hint)).unwrap_or_default();
            assert!(m.contains(message), "{input:?}: {m}");
            assert!(!h.is_empty(), "{input:?}");
        }
        let e = parse_dates("tuần sau")
            .err()
            .map(|e| e.hint)
            .unwrap_or_default();
        assert!(e.contains("29/11/2022 - 20/12/2022"), "{e}");
    }

    #[test]
    fn days_as_plans_write_them() {
        use Weekday::*;
        let set = |days: &[Weekday]| days.iter().fold(Days::default(), |d, w| d.with(*w));
        let cases: Vec<(Vec<&str>, Days)> = vec![
            (vec!["hằng ngày"], Days::EVERY_DAY),
            (vec!["Hàng ngày"], Days::EVERY_DAY),
            (
                vec!["hằng ngày, kể cả thứ Bảy và Chủ nhật"],
                Days::EVERY_DAY,
            ),
            (vec!["hằng ngày (kể cả thứ 7 và Chủ nhật)"], Days::EVERY_DAY),
            (vec!["thứ Hai đến thứ Sáu"], set(&[Mon, Tue, Wed, Thu, Fri])),
            (vec!["từ thứ 2 đến thứ 6"], set(&[Mon, Tue, Wed, Thu, Fri])),
            (vec!["thứ 2 - thứ 6"], set(&[Mon, Tue, Wed, Thu, Fri])),
            (vec!["T2-T6"], set(&[Mon, Tue, Wed, Thu, Fri])),
            (vec!["thứ 7 đến thứ 2"], set(&[Sat, Sun, Mon])),
            (vec!["trừ Chủ nhật"], set(&[Mon, Tue, Wed, Thu, Fri, Sat])),
            (
                vec!["hằng ngày trừ Chủ nhật"],
                set(&[Mon, Tue, Wed, Thu, Fri, Sat]),
            ),
            (
                vec!["trừ thứ Bảy, Chủ nhật"],
                set(&[Mon, Tue, Wed, Thu, Fri]),
            ),
            (vec!["thứ 2", "thứ 3"], set(&[Mon, Tue])),
            (vec!["thứ 2, 4, 6"], set(&[Mon, Wed, Fri])),
            (vec!["thứ Ba và thứ Năm"], set(&[Tue, Thu])),
            (vec!["T2, T4, CN"], set(&[Mon, Wed, Sun])),
            (vec!["cuối tuần"], set(&[Sat, Sun])),
            (vec!["Chủ nhật"], set(&[Sun])),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_days(&input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn days_that_cannot_be_read_list_the_forms() {
        for input in ["thứ 9", "tuần chẵn", "2, 4", "trừ", "thứ hai đến"] {
            let e = parse_days(&[input]).err();
            let hint = e.map(|e| e.hint).unwrap_or_default();
            assert!(hint.contains("thứ Hai đến thứ Sáu"), "{input:?}: {hint}");
        }
    }

    #[test]
    fn expanding_spans_over_days() {
        let spans = parse_dates("29/11/2022 - 20/12/2022").unwrap_or_default();
        let all = expand(&spans, Days::EVERY_DAY);
        assert_eq!(all.len(), 22);
        let weekdays = expand(
            &spans,
            parse_days(&["thứ Hai đến thứ Sáu"]).unwrap_or_default(),
        );
        assert_eq!(weekdays.len(), 16);
        assert!(weekdays
            .iter()
            .all(|d| d.weekday().num_days_from_monday() < 5));
        let no_sunday = expand(&spans, parse_days(&["trừ Chủ nhật"]).unwrap_or_default());
        assert_eq!(no_sunday.len(), 19);
    }
}
