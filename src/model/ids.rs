//! Typed positions in the content's lists. A hamlet's number cannot index the
//! sessions, and a guide's cannot index the pages: each list has its own id,
//! made where the list is read and resolved once (a session's hamlet in `plan`).

use std::ops::Index;

use super::{Content, Document, Hamlet, NewsItem, Session};

macro_rules! typed_ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of the item at `index` of its list. Lists are far below
            /// u32::MAX items: files over 8 MB are refused unread.
            pub fn new(index: usize) -> Self {
                $name(index as u32)
            }

            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// Every id of a list of `len` items, in order.
            #[allow(dead_code)] // generated for every id; not every list is walked by id
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = $name> + Clone {
                (0..len).map($name::new)
            }
        }
    )*};
}
/// For ids of lists made by later stages (`plan::WeekId`).
pub(crate) use typed_ids;

typed_ids! {
    /// A hamlet of `site.yaml`, in file order.
    HamletId;
    /// A session, in the order the schedules were read.
    SessionId;
    /// A guide (`guides/*.md`), in file order.
    GuideId;
    /// A page (`pages/*.md`), in file order.
    PageId;
    /// A news item (`news/*.md`), in file order.
    NewsId;
}

/// `list[id]` for the lists one id indexes, as a `Vec` and as a slice.
macro_rules! index_by {
    ($($id:ident => $item:ty),*) => {$(
        impl Index<$id> for [$item] {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.index()]
            }
        }

        impl Index<$id> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.index()]
            }
        }
    )*};
}

index_by!(HamletId => Hamlet, SessionId => Session, NewsId => NewsItem);

/// Guides and pages are both `Document`s: they are reached by method, so
/// neither id can index the other's list.
impl Content {
    pub fn guide(&self, id: GuideId) -> &Document {
        &self.guides[id.index()]
    }

    pub fn page(&self, id: PageId) -> &Document {
        &self.pages[id.index()]
    }

    pub fn hamlet_ids(&self) -> impl DoubleEndedIterator<Item = HamletId> + Clone {
        HamletId::all(self.site.hamlets.len())
    }
}
