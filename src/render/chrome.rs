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
                let footer = crate::theme::render_string(tera, "footer.html", &ctx)?;
                chrome
                    .footers
                    .insert(root.clone(), footer.trim().to_string());
            }
            ctx.insert("page_path", current.map_or("", |i| nav[i].path.as_str()));
            let header = crate::theme::render_string(tera, "header.html", &ctx)?;
            chrome
                .headers
                .insert((root, current), header.trim().to_string());
        }
        Ok(chrome)
    }

    /// Adds `site_header` and `site_footer` for the page at `page_path`, whose
    /// way back to the site root is `root`.
    pub fn insert_into(
        &self,
        ctx: &mut super::page_context::PageContext,
        nav: &[NavItem],
        root: &str,
        page_path: &str,
    ) {
        let current = current_item(nav, page_path);
        let header = self.headers.get(&(root.to_string(), current));
        ctx.insert("site_header", header.map_or("", String::as_str));
        ctx.insert(
            "site_footer",
            self.footers.get(root).map_or("", String::as_str),
        );
    }
}

fn current_item(nav: &[NavItem], page_path: &str) -> Option<usize> {
    nav.iter().position(|item| item.path == page_path)
}
