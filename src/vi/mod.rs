//! Everything Vietnamese-specific in bangtin: text matching, slugs, dates and
//! times as officers write them, and numbers read aloud for the loudspeaker.
//!
//! Errors meant for officers carry a plain-Vietnamese `message` and a separate
//! `hint` saying how to fix the source text.

// Officers' text goes straight into these functions, so a stray index or
// unwrap would crash a whole build on one typo. The compiler enforces it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

pub(crate) mod admin_unit;
pub(crate) mod announce;
pub(crate) mod bulletin;
pub mod calendar;
pub mod legacy;
pub(crate) mod number_format;
pub mod personal_data;
pub mod slug;
pub(crate) mod sms;
pub(crate) mod speech;
pub mod syllable;
pub mod text;

pub use calendar::{
    format_date, format_date_numeric, format_time, format_time_range, parse_date, parse_time_range,
    weekday_name, DateError, TimeError, TimeRange,
};
pub use slug::{is_valid_slug, slugify};
pub use speech::{date_words, number_words, phone_words, spell_out, time_range_words, time_words};
pub use text::{canonical_key, closest, edit_distance, fold_diacritics, nfc};

#[cfg(test)]
mod robustness;
