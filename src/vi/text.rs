//! Matching and comparing names typed by different people.

mod canonical;
mod collate;
mod normalize;
mod similarity;

pub use canonical::canonical_key;
pub use collate::{initial, sort_key, SortKey};
pub(super) use normalize::is_invisible;
pub use normalize::{fold_diacritics, nfc};
pub use similarity::{closest, edit_distance};
