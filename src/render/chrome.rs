//! The site header (with the menu) and footer around every page, rendered once
//! per folder depth, and for the header once per current menu item, rather
//! than once per page: they are the same on every page at that depth. Like
//! Hugo's `partialCached`. In a 10,000-guide site their template lookups were
//! a fifth of each page's render.

use std::collections::{BTreeSet, HashMap};

use tera::{Context, Tera};

use super::views::NavItem;
use crate::plan::{self, PlannedPage};

pub struct Chrome {
    /// By (root, index of the current menu item).
    headers: HashMap<(String, Option<usize>), String>,
    /// By root.
    footers: HashMap<String, String>,
}

impl Chrome {
    /// Renders `header.html` and `footer.html` for every depth and current
    /// menu item among `pages`, with the site-wide context `base`.
    pub fn new(
        tera: &Tera,
        base: &Context,
        nav: &[NavItem],
        pages: &[PlannedPage],
    ) -> Result<Chrome, tera::Error> {
        let keys: BTreeSet<(String, Option<usize>)> = pages
            .iter()
            .map(|page| (plan::link(&page.path, ""), current_item(nav, &page.path)))
            .collect();
        let mut chrome = Chrome {
            headers: HashMap::new(),
            footers: HashMap::new(),
        };
        for (root, current) in keys {
            let mut ctx = base.clone();
            ctx.insert("root", &root);
            if !chrome.footers.contains_key(&root) {
                let footer = tera.render("footer.html", &ctx)?;
                chrome.footers.insert(root.clone(), footer);
            }
            ctx.insert("page_path", current.map_or("", |i| nav[i].path.as_str()));
            let header = tera.render("header.html", &ctx)?;
            chrome.headers.insert((root, current), header);
        }
        Ok(chrome)
    }

    /// Adds `site_header` and `site_footer` for the page at `page_path`.
    pub fn insert_into(
        &self,
        ctx: &mut super::page_context::PageContext,
        nav: &[NavItem],
        page_path: &str,
    ) {
        let root = plan::link(page_path, "");
        let current = current_item(nav, page_path);
        let empty = String::new();
        let header = self.headers.get(&(root.clone(), current)).unwrap_or(&empty);
        ctx.insert("site_header", header.trim());
        ctx.insert(
            "site_footer",
            self.footers.get(&root).unwrap_or(&empty).trim(),
        );
    }
}

fn current_item(nav: &[NavItem], page_path: &str) -> Option<usize> {
    nav.iter().position(|item| item.path == page_path)
}
