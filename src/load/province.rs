//! A province or district root: `site.yaml` with `communes: [folder, …]` (or,
//! without that key, every folder of `xa/` that holds a `site.yaml`). Each
//! commune folder is a complete site of its own.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::confine::SiteFolder;
use super::fields::{self, optional, Text};
use super::read_text;
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::{CommuneRef, Nation, Province, ProvinceRef};
use crate::vi;
use crate::yaml::{self, pos, Spanned};

/// Just enough of `site.yaml` to tell a province from a commune; other keys are ignored here.
#[derive(Deserialize)]
struct Probe {
    communes: Option<serde::de::IgnoredAny>,
    provinces: Option<serde::de::IgnoredAny>,
    hamlets: Option<serde::de::IgnoredAny>,
    campaign: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvince {
    title: Text,
    authority: Text,
    place: Text,
    base_url: Text,
    communes: Option<Vec<Spanned<String>>>,
}

// Not one struct with both lists: an unknown key's message names the keys
// this root may hold, and serde's `flatten` cannot go with `deny_unknown_fields`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNation {
    title: Text,
    authority: Text,
    place: Text,
    base_url: Text,
    provinces: Option<Vec<Spanned<String>>>,
}

/// What a build's root holds.
pub enum Root {
    Province(Province),
    Nation(Nation),
}

/// What `root` holds: a nation of provinces, a province, or a lone commune
/// site as a province of one.
pub fn read_root(root: &Path) -> Result<Root, Vec<Diagnostic>> {
    let file = root.join("site.yaml");
    if SiteFolder::new(root).check_if_link(&file).is_ok() {
        if let Ok(text) = read_text(&file) {
            if let Ok(probe) = yaml::from_str::<Probe>(&text) {
                let is_other =
                    probe.hamlets.is_some() || probe.campaign.is_some() || probe.communes.is_some();
                let found = !is_other && !root.join("xa").is_dir() && root.join("tinh").is_dir();
                if probe.provinces.is_some() || found {
                    return parse_nation(root, &file, &text).map(Root::Nation);
                }
            }
        }
    }
    read(root).map(Root::Province)
}

/// What `root` holds: a province, or a lone commune site as a province of one.
/// `site.yaml` is read here once; a commune's text goes on to `load`.
pub fn read(root: &Path) -> Result<Province, Vec<Diagnostic>> {
    let file = root.join("site.yaml");
    // A linked site.yaml leading out of the site is refused by `load`, unread.
    if SiteFolder::new(root).check_if_link(&file).is_err() {
        return Ok(Province::of_one(root, None));
    }
    let Ok(text) = read_text(&file) else {
        return Ok(Province::of_one(root, None));
    };
    let Ok(probe) = yaml::from_str::<Probe>(&text) else {
        return Ok(Province::of_one(root, Some(text)));
    };
    let is_commune = probe.hamlets.is_some() || probe.campaign.is_some();
    let listed = probe.communes.is_some();
    if !listed && (is_commune || !root.join("xa").is_dir()) {
        return Ok(Province::of_one(root, Some(text)));
    }
    parse(root, &file, &text)
}

fn parse(root: &Path, file: &Path, text: &str) -> Result<Province, Vec<Diagnostic>> {
    let level = Level::Province;
    let mut diags = Diagnostics::default();
    let raw: RawProvince = level.read_yaml(file, text)?;
    let keys = [&raw.title, &raw.authority, &raw.place, &raw.base_url];
    let header = level.header(keys, file, &mut diags);
    let mut communes: Vec<CommuneRef> = Vec::new();
    for (folder, slug) in level.sites(root, file, &raw.communes, &mut diags) {
        communes.push(CommuneRef {
            root: folder,
            prefix: level.prefix(&slug),
            slug,
            site_yaml: None,
        });
    }
    if diags.has_errors() {
        return Err(diags.into_sorted());
    }
    Ok(Province {
        root: root.to_path_buf(),
        warnings: diags.into_sorted(),
        title: header.title,
        authority: header.authority,
        place: header.place,
        base_url: header.base_url,
        communes,
        lone: false,
    })
}

fn parse_nation(root: &Path, file: &Path, text: &str) -> Result<Nation, Vec<Diagnostic>> {
    let level = Level::Nation;
    let mut diags = Diagnostics::default();
    let raw: RawNation = level.read_yaml(file, text)?;
    let keys = [&raw.title, &raw.authority, &raw.place, &raw.base_url];
    let header = level.header(keys, file, &mut diags);
    let provinces: Vec<ProvinceRef> = level
        .sites(root, file, &raw.provinces, &mut diags)
        .into_iter()
        .map(|(folder, slug)| ProvinceRef {
            root: folder,
            prefix: level.prefix(&slug),
            slug,
        })
        .collect();
    if diags.has_errors() {
        return Err(diags.into_sorted());
    }
    Ok(Nation {
        root: root.to_path_buf(),
        warnings: diags.into_sorted(),
        title: header.title,
        authority: header.authority,
        place: header.place,
        base_url: header.base_url,
        provinces,
    })
}

/// A root of communes (a province) or of provinces (a nation): what differs
/// between their `site.yaml`s is only words, examples and messages.
#[derive(Clone, Copy)]
enum Level {
    Province,
    Nation,
}

/// The keys a province's and a nation's `site.yaml` share, checked.
struct Header {
    title: String,
    authority: String,
    place: String,
    base_url: Option<String>,
}

impl Level {
    /// The folder of its sites when `site.yaml` lists none; also their
    /// folder in the output, and a slug's fallback.
    fn folder(self) -> &'static str {
        match self {
            Level::Province => "xa",
            Level::Nation => "tinh",
        }
    }

    /// Where a site of this root is written: `xa/<slug>/`, `tinh/<slug>/`.
    fn prefix(self, slug: &str) -> String {
        format!("{}/{slug}/", self.folder())
    }

    /// `text` as this level's raw keys; a YAML syntax error names the level.
    fn read_yaml<T: DeserializeOwned>(self, file: &Path, text: &str) -> Result<T, Vec<Diagnostic>> {
        yaml::from_str(text).map_err(|e| {
            let (what, fix) = (e.message, e.hint);
            let message = match self {
                Level::Province => Message::ProvinceYamlSyntax { what, fix },
                Level::Nation => Message::NationYamlSyntax { what, fix },
            };
            vec![Diagnostic::new(file, e.pos, message)]
        })
    }

    /// `title`, `authority`, `place`, `base_url` checked: a missing one is
    /// reported with this level's examples.
    fn header(
        self,
        [title, authority, place, base_url]: [&Text; 4],
        file: &Path,
        diags: &mut Diagnostics,
    ) -> Header {
        let (title_example, authority_example) = match self {
            Level::Province => ("Định danh điện tử toàn tỉnh", "UBND tỉnh Kiên Giang"),
            Level::Nation => ("Định danh điện tử toàn quốc", "Bộ Công an"),
        };
        let top = Some(Pos::new(1, 1));
        let title = fields::required(title, "title", title_example, top, file, diags);
        let authority =
            fields::required(authority, "authority", authority_example, top, file, diags);
        Header {
            title: title.map(|t| t.value).unwrap_or_default(),
            authority: authority.map(|t| t.value).unwrap_or_default(),
            place: optional(place).unwrap_or_default(),
            base_url: base_url_field(base_url, file, diags),
        }
    }

    /// The root's sites (`listed`, or those of its folder), each a folder
    /// inside the root with a `site.yaml`, and a slug of its own. A folder
    /// that is none of that, a slug already taken or kept by Windows for a
    /// device, and a root without sites are reported.
    fn sites(
        self,
        root: &Path,
        file: &Path,
        listed: &Option<Vec<Spanned<String>>>,
        diags: &mut Diagnostics,
    ) -> Vec<(PathBuf, String)> {
        let folders = listed_folders(root, listed, self.folder());
        if folders.is_empty() {
            let message = match self {
                Level::Province => Message::ProvinceWithoutCommunes,
                Level::Nation => Message::NationWithoutProvinces,
            };
            diags.push(Diagnostic::new(file, Some(Pos::new(1, 1)), message));
        }
        // A site folder outside the root could be anything on the officer's
        // computer: refuse it, as for every other path.
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut sites: Vec<(PathBuf, String)> = Vec::new();
        for (folder, at) in folders {
            if !inside_with_site(&folder, &real_root) {
                let folder = folder.display().to_string();
                let message = match self {
                    Level::Province => Message::CommuneFolderMissing { folder },
                    Level::Nation => Message::ProvinceFolderMissing { folder },
                };
                diags.push(Diagnostic::new(file, at, message));
                continue;
            }
            let taken: Vec<&str> = sites.iter().map(|(_, slug)| slug.as_str()).collect();
            let (base, slug) = folder_slug(&folder, self.folder(), &taken);
            if slug != base {
                let (folder, slug) = (folder.display().to_string(), slug.clone());
                let message = match self {
                    Level::Province => Message::CommuneSlugTaken { base, folder, slug },
                    Level::Nation => Message::ProvinceSlugTaken { base, folder, slug },
                };
                diags.push(Diagnostic::new(file, at, message));
            }
            // xa/<slug>/, tinh/<slug>/ is a folder Windows can't hold.
            let suggestion = format!("{slug}-1");
            if let Some(d) = crate::disk::windows_reserved_warning(&folder, &slug, suggestion) {
                diags.push(d);
            }
            sites.push((folder, slug));
        }
        sites
    }
}

/// The folders a root lists under `key` (`communes`, `provinces`), or else
/// those of `folder` (`xa/`, `tinh/`) that hold a `site.yaml`, by name.
fn listed_folders(
    root: &Path,
    listed: &Option<Vec<Spanned<String>>>,
    folder: &str,
) -> Vec<(PathBuf, Option<Pos>)> {
    match listed {
        Some(list) => list
            .iter()
            .map(|f| (root.join(f.value.trim()), Some(pos(f))))
            .collect(),
        None => {
            let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .filter(|e| !crate::disk::is_hidden_or_scratch(&e.file_name()))
                .map(|e| e.path())
                .filter(|p| p.join("site.yaml").is_file())
                .collect();
            found.sort();
            found.into_iter().map(|p| (p, None)).collect()
        }
    }
}

/// Whether `folder` is a site folder inside the root (`real_root`, canonical).
fn inside_with_site(folder: &Path, real_root: &Path) -> bool {
    let inside = std::fs::canonicalize(folder)
        .map(|p| p.starts_with(real_root))
        .unwrap_or(false);
    inside && folder.join("site.yaml").is_file()
}

/// A slug for `folder` that none of `taken` has: its name, then `-2`, `-3`.
fn folder_slug(folder: &Path, fallback: &str, taken: &[&str]) -> (String, String) {
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = match vi::slug::slugify(&name) {
        s if s.is_empty() => fallback.to_string(),
        s => s,
    };
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug.as_str()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    (base, slug)
}

/// A province's or nation's `base_url`, checked: an address that cannot be
/// one is reported at its line and left out.
fn base_url_field(field: &Text, file: &Path, diags: &mut Diagnostics) -> Option<String> {
    let url = optional(field)?;
    let at = field.as_ref().map(pos);
    match super::parse_base_url(&url) {
        Some(url) => Some(url),
        None => {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::ProvinceBaseUrlInvalid { url },
            ));
            None
        }
    }
}
