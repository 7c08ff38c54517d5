//! Stage 2: cross-checks between files (a session's hamlet exists, dates fall in
//! the campaign, names are not doubled). Per-field checks happen while loading.

mod changes;
mod progress;

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::{Content, Document, Province};
use crate::raw_html::{self, Refusal};
use crate::vi;

/// `today` is the day the pages are built for (`--today`).
pub fn validate(content: &Content, today: chrono::NaiveDate) -> Diagnostics {
    let mut diags = Diagnostics::default();
    hamlets(content, &mut diags);
    aliases(content, &mut diags);
    sessions(content, &mut diags);
    changes::validate(content, today, &mut diags);
    documents(content, &mut diags);
    raw_html_in_documents(content, &mut diags);
    progress::validate(content, &mut diags);
    diags
}

/// The one warning for everything a missing `base_url` leaves out, made once
/// per build: for a lone site when it has none, for a province when the
/// province has none (its communes' addresses are made from it).
pub fn missing_base_url(province: &Province, communes: &[&Content]) -> Option<Diagnostic> {
    let missing = match province.lone {
        true => communes.iter().all(|c| c.site.base_url.is_none()),
        false => province.base_url.is_none(),
    };
    missing.then(|| {
        Diagnostic::warning(
            province.root.join("site.yaml"),
            None,
            "Chưa có base_url (địa chỉ của trang trên mạng), nên không tạo sitemap.xml và bỏ các đường dẫn đầy đủ: khi chia sẻ lên Zalo, Facebook, trong tệp lịch và trong atom.xml.",
        )
        .with_hint("Thêm vào site.yaml một dòng base_url: https://… (địa chỉ trang sẽ đăng), hoặc dựng với --base-url https://…")
    })
}

/// Line and column in a document's file of byte `offset` in its body.
fn body_pos(doc: &Document, offset: usize) -> Pos {
    let before = doc.body.get(..offset).unwrap_or("");
    let line = doc.body_line + before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Pos::new(line, col)
}

/// Raw HTML in guides: too deep to parse, or frames the sanitizer will drop.
fn raw_html_in_documents(content: &Content, diags: &mut Diagnostics) {
    let allowed = &content.site.embeds;
    let news = content.news.iter().map(|item| &item.doc);
    for doc in content.guides.iter().chain(&content.pages).chain(news) {
        if doc.draft {
            continue;
        }
        if let Some(offset) = raw_html::too_deep(&doc.body) {
            diags.push(
                Diagnostic::error(
                    &doc.source.file,
                    Some(body_pos(doc, offset)),
                    format!(
                        "HTML viết tay lồng nhau quá sâu (hơn {} thẻ mở chưa đóng); có thể đã dán nhầm hoặc thiếu thẻ đóng.",
                        raw_html::MAX_NESTING
                    ),
                )
                .with_hint("Kiểm tra mỗi thẻ <div>, <span> … đều có thẻ đóng </div>, </span>; hoặc viết lại phần này bằng markdown."),
            );
            continue;
        }
        for frame in raw_html::frames(&doc.body) {
            let refusal = match &frame.src {
                Some(src) => raw_html::refusal(allowed, src),
                None => Some(Refusal::NotAnAddress),
            };
            let Some(refusal) = refusal else {
                continue;
            };
            let (message, hint) = match refusal {
                Refusal::NotListed { host } => (
                    format!("Khung nhúng (iframe) từ {host} sẽ bị bỏ khỏi trang: {host} chưa có trong danh sách `embeds` của site.yaml."),
                    format!("Nếu tin cậy nguồn này, thêm vào site.yaml:\nembeds:\n  - {host}"),
                ),
                Refusal::NotHttps => (
                    "Khung nhúng (iframe) sẽ bị bỏ khỏi trang: địa chỉ của nó không bắt đầu bằng https://.".to_string(),
                    "Lấy lại mã nhúng từ trang gốc (nút Chia sẻ → Nhúng); địa chỉ phải bắt đầu bằng https://.".to_string(),
                ),
                Refusal::NotAnAddress => (
                    "Khung nhúng (iframe) sẽ bị bỏ khỏi trang: nó không có địa chỉ src hợp lệ.".to_string(),
                    "Lấy lại mã nhúng từ trang gốc (nút Chia sẻ → Nhúng), dán nguyên văn.".to_string(),
                ),
            };
            diags.push(
                Diagnostic::warning(&doc.source.file, Some(body_pos(doc, frame.offset)), message)
                    .with_hint(hint),
            );
        }
    }
}

fn hamlets(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    let mut seen: HashMap<String, &str> = HashMap::new();
    for h in &site.hamlets {
        let key = vi::text::canonical_key(&h.name);
        if let Some(first) = seen.insert(key, &h.name) {
            diags.push(
                Diagnostic::error(
                    &h.source.file,
                    h.source.pos,
                    format!(
                        "Thôn \"{}\" có tên trùng với thôn \"{first}\" ở trên.",
                        h.name
                    ),
                )
                .with_hint("Mỗi thôn chỉ ghi một lần trong hamlets; xóa dòng trùng."),
            );
        }
        if let Some(slug) = &h.slug {
            if !vi::slug::is_valid_slug(&slug.value) {
                let suggestion = vi::slug::slugify(&slug.value);
                diags.push(
                    Diagnostic::error(
                        &h.source.file,
                        slug.pos,
                        format!(
                            "`slug` \"{}\" không dùng được làm địa chỉ trang.",
                            slug.value
                        ),
                    )
                    .with_hint(format!(
                        "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ slug: {}",
                        if suggestion.is_empty() {
                            "dong-lao".to_string()
                        } else {
                            suggestion
                        }
                    )),
                );
            }
        }
    }
}

/// An alias names one hamlet: the same as another hamlet's name or alias
/// would send its sessions to whichever comes first.
fn aliases(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    let mut names: HashMap<&str, &str> = site
        .hamlets
        .iter()
        .map(|h| (h.key.as_str(), h.name.as_str()))
        .collect();
    for h in &site.hamlets {
        for (alias, key) in h.aliases.iter().zip(h.alias_keys()) {
            if *key == h.key {
                continue;
            }
            match names.insert(key, &h.name) {
                Some(other) if other != h.name => diags.push(
                    Diagnostic::error(
                        &h.source.file,
                        h.source.pos,
                        format!(
                            "Tên khác \"{alias}\" của thôn \"{}\" trùng với thôn \"{other}\" (tên hoặc tên khác).",
                            h.name
                        ),
                    )
                    .with_hint("Một tên chỉ chỉ một thôn: xóa tên khác này ở một trong hai thôn."),
                ),
                _ => {}
            }
        }
    }
}

fn sessions(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    if site.hamlets.is_empty() {
        // site.yaml could not be read or lists no hamlet: that is reported
        // already, and every session would only repeat it.
        return;
    }
    let names: Vec<&str> = site.hamlets.iter().map(|h| h.name.as_str()).collect();
    let with_aliases: Vec<&str> = site
        .hamlets
        .iter()
        .flat_map(|h| std::iter::once(&h.name).chain(&h.aliases))
        .map(String::as_str)
        .collect();
    let mut seen = HashMap::new();
    for s in &content.sessions {
        let Some((index, how)) = site.match_hamlet(&s.hamlet.value) else {
            let hint = match vi::text::closest(&s.hamlet.value, with_aliases.iter().copied()) {
                Some(best) => format!("Có phải ý bạn là \"{best}\"? Tên thôn phải viết đúng như trong site.yaml (tên hoặc một tên khác trong aliases)."),
                None => format!(
                    "Sửa tên cho đúng một thôn trong site.yaml ({}), hoặc thêm thôn này vào danh sách hamlets trong site.yaml.",
                    names.join(", ")
                ),
            };
            diags.push(
                Diagnostic::error(
                    &s.source.file,
                    s.hamlet.pos,
                    format!(
                        "Thôn \"{}\" không có trong danh sách hamlets của site.yaml.",
                        s.hamlet.value
                    ),
                )
                .with_hint(hint),
            );
            continue;
        };
        if let crate::model::NameMatch::Alias(_) = how {
            let hamlet = &site.hamlets[index];
            diags.push(
                Diagnostic::note(
                    &s.source.file,
                    s.hamlet.pos,
                    format!(
                        "\"{}\" là tên khác của {}: buổi được xếp vào trang của {}.",
                        s.hamlet.value.trim(),
                        hamlet.label(),
                        hamlet.label()
                    ),
                )
                .with_hint(format!(
                    "Không cần sửa. Muốn hết ghi chú này thì viết tên trong site.yaml: hamlet: {}",
                    hamlet.name
                )),
            );
        }
        let campaign = &site.campaign;
        if let (Some(start), Some(end)) = (campaign.start, campaign.end) {
            if s.date < start || s.date > end {
                diags.push(
                    Diagnostic::warning(
                        &s.source.file,
                        s.source.pos,
                        format!(
                            "Buổi của thôn {} ngày {} nằm ngoài thời gian đợt vận động ({} – {}).",
                            site.hamlets[index].name,
                            vi::calendar::format_date_numeric(s.date),
                            vi::calendar::format_date_numeric(start),
                            vi::calendar::format_date_numeric(end)
                        ),
                    )
                    .with_hint("Kiểm tra lại ngày của buổi, hoặc sửa start/end của campaign trong site.yaml."),
                );
            }
        }
        // A cancelled session and the one planned in its place may share a slot.
        if s.is_off() {
            continue;
        }
        if let Some(first) = seen.insert((index, s.date, s.time.map(|t| t.start)), s) {
            diags.push(
                Diagnostic::warning(
                    &s.source.file,
                    s.source.pos,
                    format!(
                        "Thôn {} có hai buổi cùng ngày {} cùng giờ (buổi kia ở {}).",
                        site.hamlets[index].name,
                        vi::calendar::format_date_numeric(s.date),
                        location(&first.source)
                    ),
                )
                .with_hint("Xóa buổi trùng, hoặc sửa ngày/giờ cho đúng."),
            );
        }
    }
}

fn location(source: &crate::model::Source) -> String {
    // The line (or spreadsheet row) is enough to find the other session.
    let line = source.pos.map(|p| crate::diagnostics::Pos::new(p.line, 0));
    crate::diagnostics::location(&source.file, line)
}

fn documents(content: &Content, diags: &mut Diagnostics) {
    for (kind, docs) in [("hướng dẫn", &content.guides), ("trang", &content.pages)] {
        let mut seen: HashMap<&str, &crate::model::Document> = HashMap::new();
        for d in docs.iter() {
            if let Some(first) = seen.insert(&d.stem, d) {
                diags.push(
                    Diagnostic::error(
                        &d.source.file,
                        None,
                        format!(
                            "Hai bài {kind} cùng dùng địa chỉ \"{}\" (bài kia: {}).",
                            d.stem,
                            first.source.file.display()
                        ),
                    )
                    .with_hint("Đổi tên một trong hai tệp."),
                );
            }
        }
    }
}
