//! `site.yaml`: the site, the campaign, contacts and hamlets.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::model::{Campaign, Contact, ContactRole, Hamlet, Phase, Site, Source};
use crate::raw_html::EmbedSource;
use crate::yaml::{self, pos, Spanned, TextList};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: Text,
    authority: Text,
    place: Text,
    base_url: Text,
    campaign: Option<Spanned<RawCampaign>>,
    contacts: Option<Vec<Spanned<RawContact>>>,
    hamlets: Option<Vec<Spanned<RawHamlet>>>,
    embeds: Option<Vec<Spanned<String>>>,
    pronounce: Option<Spanned<BTreeMap<String, Text>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    name: Text,
    start: Text,
    end: Text,
    phases: Option<Vec<Spanned<RawPhase>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    name: Text,
    start: Text,
    end: Text,
    goal: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: Text,
    phone: Text,
    hours: Text,
    role: Text,
}

/// Spellings of `role` officers may write (matched without case or diacritics).
const ROLES: &[(&str, ContactRole)] = &[
    ("hỏi đáp", ContactRole::Questions),
    ("giải đáp", ContactRole::Questions),
    ("giải đáp thắc mắc", ContactRole::Questions),
    ("tư vấn", ContactRole::Questions),
    ("hướng dẫn", ContactRole::Questions),
    ("questions", ContactRole::Questions),
    ("hỗ trợ tại nhà", ContactRole::HomeSupport),
    ("tại nhà", ContactRole::HomeSupport),
    ("đến tận nhà", ContactRole::HomeSupport),
    ("home_support", ContactRole::HomeSupport),
    ("khẩn cấp", ContactRole::Emergency),
    ("cấp cứu", ContactRole::Emergency),
    ("emergency", ContactRole::Emergency),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHamlet {
    name: Text,
    kind: Text,
    slug: Text,
    aliases: Option<TextList>,
}

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> Site {
    let raw: RawSite = match yaml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let (what, fix) = (e.message, e.hint);
            diags.push(Diagnostic::new(
                file,
                e.pos,
                Message::YamlSyntax { what, fix },
            ));
            return Site {
                source: Source {
                    file: file.to_path_buf(),
                    pos: None,
                },
                ..Site::default()
            };
        }
    };
    let top = Some(crate::diagnostics::Pos::new(1, 1));
    let req = |f: &Text, key: &str, ex: &str, d: &mut Diagnostics| {
        fields::required(f, key, ex, top, file, d)
            .map(|l| l.value)
            .unwrap_or_default()
    };
    let title = req(
        &raw.title,
        "title",
        "Đăng ký tài khoản định danh điện tử",
        diags,
    );
    let authority = req(&raw.authority, "authority", "UBND xã Cẩm Ngọc", diags);
    let place = optional(&raw.place).unwrap_or_default();
    let mut base_url = optional(&raw.base_url);
    if let (Some(url), Some(field)) = (&base_url, &raw.base_url) {
        match parse_base_url(url) {
            Some(clean) => base_url = Some(clean),
            None => diags.push(Diagnostic::new(
                file,
                Some(pos(field)),
                Message::BaseUrlInvalid { url: url.clone() },
            )),
        }
    }

    let campaign = match &raw.campaign {
        Some(c) => campaign(c, file, diags),
        None => {
            diags.push(Diagnostic::new(file, top, Message::CampaignMissing));
            Campaign::default()
        }
    };

    let contacts = raw
        .contacts
        .iter()
        .flatten()
        .filter_map(|c| {
            let name = fields::required(
                &c.value.name,
                "name",
                "Công an xã",
                Some(pos(c)),
                file,
                diags,
            )?;
            let written_role = fields::keyword(
                &c.value.role,
                "role",
                ROLES,
                "hỏi đáp, hỗ trợ tại nhà hoặc khẩn cấp",
                file,
                diags,
            )
            .ok()?;
            let phone = optional(&c.value.phone);
            if let (Some(role), Some(number)) = (written_role, &phone) {
                if role != ContactRole::Emergency && crate::model::is_emergency_number(number) {
                    diags.push(Diagnostic::new(
                        file,
                        c.value.role.as_ref().map(pos),
                        Message::EmergencyNumberRole {
                            number: number.clone(),
                            role: role.label().to_lowercase(),
                        },
                    ));
                }
            }
            Some(Contact {
                name: name.value,
                phone,
                hours: optional(&c.value.hours),
                written_role,
            })
        })
        .collect();

    let hamlets: Vec<Hamlet> = raw
        .hamlets
        .iter()
        .flatten()
        .filter_map(|h| {
            let name =
                fields::required(&h.value.name, "name", "Đông Lão", Some(pos(h)), file, diags)?;
            let aliases = h
                .value
                .aliases
                .iter()
                .flat_map(|list| list.0.iter())
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            Some(
                Hamlet::new(
                    name.value,
                    optional(&h.value.kind).unwrap_or_else(|| "thôn".to_string()),
                    fields::optional_located(&h.value.slug),
                    Source {
                        file: file.to_path_buf(),
                        pos: name.pos,
                    },
                )
                .with_aliases(aliases),
            )
        })
        .collect();
    if raw.hamlets.as_ref().is_none_or(|h| h.is_empty()) {
        diags.push(Diagnostic::new(file, top, Message::HamletsMissing));
    }

    let embeds = raw
        .embeds
        .iter()
        .flatten()
        .filter_map(|entry| match EmbedSource::parse(&entry.value) {
            Ok(source) => Some(source),
            Err(why) => {
                diags.push(Diagnostic::new(
                    file,
                    Some(pos(entry)),
                    Message::EmbedRefused {
                        entry: entry.value.trim().to_string(),
                        why,
                    },
                ));
                None
            }
        })
        .collect();

    let pronounce = raw
        .pronounce
        .map(|p| pronounce(p, file, diags))
        .unwrap_or_default();

    Site {
        title,
        authority,
        place,
        base_url,
        campaign,
        contacts,
        hamlets,
        embeds,
        pronounce,
        source: Source {
            file: file.to_path_buf(),
            pos: top,
        },
    }
}

/// `pronounce:`: written word → how the loudspeaker says it.
fn pronounce(
    raw: Spanned<BTreeMap<String, Text>>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<(String, String)> {
    let block = pos(&raw);
    raw.value
        .into_iter()
        .filter_map(|(written, said)| {
            let written = written.trim().to_string();
            let at = said.as_ref().map_or(block, pos);
            let reading = optional(&said).unwrap_or_default();
            let problem = crate::vi::speech::pronounce::key_problem(&written)
                .map(|why| Message::PronounceKeyRefused {
                    written: written.clone(),
                    why: why.to_string(),
                })
                .or_else(|| {
                    reading
                        .is_empty()
                        .then(|| Message::PronounceReadingMissing {
                            written: written.clone(),
                        })
                });
            match problem {
                Some(message) => {
                    diags.push(Diagnostic::new(file, Some(at), message));
                    None
                }
                None => Some((written, reading)),
            }
        })
        .collect()
}

fn campaign(c: &Spanned<RawCampaign>, file: &Path, diags: &mut Diagnostics) -> Campaign {
    let at = Some(pos(c));
    let raw = &c.value;
    let name = fields::required(
        &raw.name,
        "name",
        "Đợt cao điểm thu nhận hồ sơ",
        at,
        file,
        diags,
    )
    .map(|l| l.value)
    .unwrap_or_default();
    let start = fields::required_date(&raw.start, "start", at, file, diags);
    let end = fields::required_date(&raw.end, "end", at, file, diags);
    fields::check_order(start, end, &raw.end, "Đợt vận động", file, diags);
    let phases = raw
        .phases
        .iter()
        .flatten()
        .filter_map(|p| {
            let at = Some(pos(p));
            let r = &p.value;
            let name = fields::required(&r.name, "name", "Giai đoạn 1", at, file, diags);
            let start = fields::required_date(&r.start, "start", at, file, diags);
            let end = fields::required_date(&r.end, "end", at, file, diags);
            let what = format!(
                "Giai đoạn \"{}\"",
                name.as_ref().map_or("", |n| n.value.as_str())
            );
            let ordered = fields::check_order(start, end, &r.end, &what, file, diags);
            Some(Phase {
                name: name?.value,
                start: start?,
                end: end.filter(|_| ordered)?,
                goal: optional(&r.goal),
                source: Source {
                    file: file.to_path_buf(),
                    pos: at,
                },
            })
        })
        .collect();
    Campaign {
        name,
        start,
        end,
        phases,
        source: Source {
            file: file.to_path_buf(),
            pos: at,
        },
    }
}

/// A site's address on the web, without the trailing `/`, or None when it is
/// not a full http(s) address: absolute URLs are built from it.
pub fn parse_base_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let plain = |c: char| !c.is_whitespace() && !matches!(c, '"' | '<' | '>' | '\\' | '?' | '#');
    (!host.is_empty() && url.chars().all(plain)).then(|| url.trim_end_matches('/').to_string())
}
