//! Which markdown bangtin reads: the pulldown-cmark extensions, in one leaf
//! module, so that the raw-HTML checks (`raw_html`) parse a document exactly
//! as `render::markdown` renders it.

use pulldown_cmark::Options;

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}
