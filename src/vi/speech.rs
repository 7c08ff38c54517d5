//! Text for the loudspeaker read-aloud script: numbers, phone numbers, dates
//! and times written out the way an announcer says them (northern usage), and
//! free text with all of those inside it spelled out.

mod datetime;
mod inline;
mod numbers;
mod percent;
mod phone;
pub mod pronounce;

pub use datetime::{date_words, time_range_words, time_words};
pub use inline::{spell_out, spell_out_with};
pub use numbers::number_words;
pub use percent::percent_words;
pub use phone::phone_words;
