//! A page's template context: the site-wide values, set up once for each run
//! of pages a rayon job renders (a handful per thread), plus the page's own,
//! taken out again before the next page. Cloning the site-wide values for
//! every page and dropping them after was 6% of a 10,000-guide build.

use serde::Serialize;
use tera::Context;

pub struct PageContext<'a> {
    base: &'a Context,
    context: Context,
    /// Keys this page added, removed (or reset to the site-wide value) by `clear`.
    own: Vec<&'static str>,
}

impl<'a> PageContext<'a> {
    pub fn new(base: &'a Context) -> Self {
        PageContext {
            base,
            context: base.clone(),
            own: Vec::new(),
        }
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.context.insert(key, value);
        self.own.push(key);
    }

    /// Back to the site-wide values alone.
    pub fn clear(&mut self) {
        for key in self.own.drain(..) {
            match self.base.get(key) {
                Some(site_wide) => self.context.insert(key, site_wide),
                None => {
                    self.context.remove(key);
                }
            }
        }
    }

    pub fn context(&self) -> &Context {
        &self.context
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_leaves_only_the_site_wide_values() {
        let mut base = Context::new();
        base.insert("site", "xã Cẩm Ngọc");
        base.insert("today", "29/11/2022");
        let mut page = PageContext::new(&base);
        page.insert("title", "Lịch");
        page.insert("today", "hôm khác");
        page.clear();
        assert_eq!(page.context().get("title"), None);
        assert_eq!(
            page.context().get("today"),
            Some(&tera::Value::from("29/11/2022"))
        );
        assert_eq!(
            page.context().get("site"),
            Some(&tera::Value::from("xã Cẩm Ngọc"))
        );
    }
}
