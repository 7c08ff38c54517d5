//! A province or district root: `site.yaml` with `communes: [folder, …]` (or,
//! without that key, every folder of `xa/` that holds a `site.yaml`). Each
//! commune folder is a complete site of its own.

use std::path::{Path, PathBuf};

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
    let mut diags = Diagnostics::default();
    let raw: RawProvince = yaml::from_str(text).map_err(|e| {
        let (what, fix) = (e.message, e.hint);
        vec![Diagnostic::new(
            file,
            e.pos,
            Message::ProvinceYamlSyntax { what, fix },
        )]
    })?;
    let top = Some(Pos::new(1, 1));
    let title = fields::required(
        &raw.title,
        "title",
        "Định danh điện tử toàn tỉnh",
        top,
        file,
        &mut diags,
    );
    let authority = fields::required(
        &raw.authority,
        "authority",
        "UBND tỉnh Kiên Giang",
        top,
        file,
        &mut diags,
    );
    let base_url = base_url_field(&raw.base_url, file, &mut diags);

    let folders: Vec<(PathBuf, Option<Pos>)> = match &raw.communes {
        Some(list) => list
            .iter()
            .map(|f| (root.join(f.value.trim()), Some(pos(f))))
            .collect(),
        None => {
            let mut found: Vec<PathBuf> = std::fs::read_dir(root.join("xa"))
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
    };
    if folders.is_empty() {
        diags.push(Diagnostic::new(file, top, Message::ProvinceWithoutCommunes));
    }

    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut communes: Vec<CommuneRef> = Vec::new();
    for (folder, at) in folders {
        // A commune folder outside the province folder could be anything on the
        // officer's computer: refuse it, as for every other path.
        let inside = std::fs::canonicalize(&folder)
            .map(|p| p.starts_with(&real_root))
            .unwrap_or(false);
        if !inside || !folder.join("site.yaml").is_file() {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::CommuneFolderMissing {
                    folder: folder.display().to_string(),
                },
            ));
            continue;
        }
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = match vi::slug::slugify(&name) {
            s if s.is_empty() => "xa".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 2;
        while communes.iter().any(|c| c.slug == slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if slug != base {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::CommuneSlugTaken {
                    base: base.clone(),
                    folder: folder.display().to_string(),
                    slug: slug.clone(),
                },
            ));
        }
        // xa/<slug>/ is a folder Windows can't hold.
        if crate::disk::is_windows_reserved(&slug) {
            diags.push(Diagnostic::new(
                &folder,
                None,
                Message::WindowsReservedFileName {
                    name: name.clone(),
                    suggestion: format!("{slug}-1"),
                },
            ));
        }
        communes.push(CommuneRef {
            root: folder,
            prefix: format!("xa/{slug}/"),
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
        title: title.map(|t| t.value).unwrap_or_default(),
        authority: authority.map(|t| t.value).unwrap_or_default(),
        place: optional(&raw.place).unwrap_or_default(),
        base_url,
        communes,
        lone: false,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNation {
    title: Text,
    authority: Text,
    place: Text,
    base_url: Text,
    provinces: Option<Vec<Spanned<String>>>,
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

fn parse_nation(root: &Path, file: &Path, text: &str) -> Result<Nation, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let raw: RawNation = yaml::from_str(text).map_err(|e| {
        let (what, fix) = (e.message, e.hint);
        vec![Diagnostic::new(
            file,
            e.pos,
            Message::NationYamlSyntax { what, fix },
        )]
    })?;
    let top = Some(Pos::new(1, 1));
    let title = fields::required(
        &raw.title,
        "title",
        "Định danh điện tử toàn quốc",
        top,
        file,
        &mut diags,
    );
    let authority = fields::required(
        &raw.authority,
        "authority",
        "Bộ Công an",
        top,
        file,
        &mut diags,
    );
    let base_url = base_url_field(&raw.base_url, file, &mut diags);
    let folders = listed_folders(root, &raw.provinces, "tinh");
    if folders.is_empty() {
        diags.push(Diagnostic::new(file, top, Message::NationWithoutProvinces));
    }
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut provinces: Vec<ProvinceRef> = Vec::new();
    for (folder, at) in folders {
        if !inside_with_site(&folder, &real_root) {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::ProvinceFolderMissing {
                    folder: folder.display().to_string(),
                },
            ));
            continue;
        }
        let taken: Vec<&str> = provinces.iter().map(|p| p.slug.as_str()).collect();
        let (base, slug) = folder_slug(&folder, "tinh", &taken);
        if slug != base {
            diags.push(Diagnostic::new(
                file,
                at,
                Message::ProvinceSlugTaken {
                    base: base.clone(),
                    folder: folder.display().to_string(),
                    slug: slug.clone(),
                },
            ));
        }
        provinces.push(ProvinceRef {
            root: folder,
            prefix: format!("tinh/{slug}/"),
            slug,
        });
    }
    if diags.has_errors() {
        return Err(diags.into_sorted());
    }
    Ok(Nation {
        root: root.to_path_buf(),
        warnings: diags.into_sorted(),
        title: title.map(|t| t.value).unwrap_or_default(),
        authority: authority.map(|t| t.value).unwrap_or_default(),
        place: optional(&raw.place).unwrap_or_default(),
        base_url,
        provinces,
    })
}
