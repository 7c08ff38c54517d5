//! bangtin: a static site generator for commune campaign information.
//!
//! The pipeline, one module per stage, plain data flowing one way:
//! [`load`] → [`validate`] → [`plan`] → [`render`] → [`output`], driven by [`build`].
//! Everything Vietnamese-specific (slugs, dates, names) lives in [`vi`];
//! problems are [`diagnostics::Diagnostic`] values printed in one place.

pub(crate) mod archive;
pub(crate) mod audio;
pub mod build;
pub mod crash;
pub mod diagnostics;
mod disk;
pub mod init;
pub mod load;
mod markdown_dialect;
pub mod model;
pub mod output;
pub mod plan;
pub mod raw_html;
pub mod render;
pub mod serve;
pub mod start;
pub(crate) mod theme;
pub mod validate;
pub mod vi;
pub mod yaml;
