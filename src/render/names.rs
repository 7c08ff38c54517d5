//! `tim-noi-o/index.html`: every hamlet's name and other names (old names
//! from mergers, common spellings) from A to Z, each leading to the page
//! with its sessions. Finding one's session needs no search server.

use serde::Serialize;

use super::Shared;
use crate::plan;
use crate::vi::text::{initial, sort_key};

#[derive(Serialize)]
struct Letter {
    letter: String,
    /// The anchor of the letter's heading: letters like Đ and D must differ.
    id: String,
    names: Vec<Name>,
}

#[derive(Serialize)]
struct Name {
    /// As written in site.yaml.
    name: String,
    /// An other name (alias) rather than the hamlet's own.
    other: bool,
    /// "thôn Kìm": the place the name belongs to.
    label: String,
    path: String,
}

/// (template, title, description) of the page.
pub(super) fn page(
    shared: &Shared,
    ctx: &mut super::page_context::PageContext,
) -> (&'static str, String, String) {
    let site = &shared.content.site;
    let mut names: Vec<Name> = Vec::new();
    for (h, slug) in shared.plan.hamlet_slugs() {
        let hamlet = &site.hamlets[h];
        let path = plan::hamlet_path(slug);
        let own = std::iter::once((&hamlet.name, false));
        for (name, other) in own.chain(hamlet.aliases.iter().map(|a| (a, true))) {
            names.push(Name {
                name: name.clone(),
                other,
                label: hamlet.label().to_string(),
                path: path.clone(),
            });
        }
    }
    names.sort_by_cached_key(|n| (sort_key(&n.name), n.other, sort_key(&n.label)));
    let mut letters: Vec<Letter> = Vec::new();
    for name in names {
        let letter = initial(&name.name);
        match letters.last_mut() {
            Some(last) if last.letter == letter => last.names.push(name),
            _ => letters.push(Letter {
                id: format!("chu-{}", letters.len() + 1),
                letter,
                names: vec![name],
            }),
        }
    }
    ctx.insert("letters", &letters);
    (
        "names.html",
        "Tìm nơi ở".to_string(),
        format!(
            "Tên các thôn và tên gọi khác, xếp theo A–Z, dẫn tới lịch của từng nơi, {}",
            site.place
        ),
    )
}
