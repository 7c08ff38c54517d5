//! Dates and times the way Vietnamese officers write and read them.

mod date_format;
mod date_parse;
mod date_time;
mod repeat;
mod sittings;
mod tidy;
mod time_parse;
mod time_range;
mod weekday;

pub use date_format::{
    format_date, format_date_numeric, format_date_phrase, format_iso_date, push_date_numeric,
    push_iso_date, push_padded,
};
pub use date_parse::{parse_date, DateError};
pub use date_time::{parse_date_and_time, parse_weekday};
pub use repeat::{
    expand, parse_dates, parse_days, DateSpan, Days, DATES_HINT, DAYS_HINT, MAX_SPAN_DAYS,
};
pub use sittings::{parse_sittings, PartOfDay, Sitting};
pub use time_parse::{parse_time_range, TimeError, FORMAT_HINT as TIME_FORMS_HINT};
pub use time_range::{format_time, format_time_range, push_time, push_time_range, TimeRange};
pub use weekday::{weekday_in_sentence, weekday_name};
