//! `progress.yaml`: what is counted (`kinds`), the targets, and dated reports.
//!
//! Targets and reports use the kind keys the officer declared
//! (`activated: 95`), so their entries can't be a fixed struct: they are read
//! as ordered (key, value) pairs with positions and resolved against `kinds`
//! here, where an unknown key still gets its line and a "did you mean".

use std::path::Path;

use serde::Deserialize;

use super::fields::{self, optional, Text};
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Pos};
use crate::model::progress::{Figures, HamletTarget, Kind, PhaseTarget, Progress, Report};
use crate::model::{Located, Source};
use crate::vi;
use crate::vi::number_format::{self, NumberError};
use crate::yaml::{self, pos, Spanned};

/// Keys with a fixed meaning; a kind may not take them.
const RESERVED_KEYS: &[&str] = &["date", "hamlet", "phase"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgress {
    note: Text,
    main_kind: Text,
    kinds: Option<Vec<Spanned<RawKind>>>,
    targets: Option<Spanned<RawTargets>>,
    reports: Option<Vec<Spanned<Entries>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    key: Text,
    name: Text,
    unit: Text,
    phrase: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    total: Option<Spanned<Entries>>,
    phases: Option<Vec<Spanned<Entries>>>,
    hamlets: Option<Vec<Spanned<Entries>>>,
}

/// A YAML mapping as written: (key, value) pairs in file order, each with its
/// position. A blank value (`activated:`) is None.
struct Entries(Vec<(Spanned<String>, Spanned<Option<String>>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping start (key: value)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(V)
    }
}

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Progress> {
    let raw: RawProgress = match yaml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let (what, fix) = (e.message, e.hint);
            diags.push(Diagnostic::new(
                file,
                e.pos,
                Message::YamlSyntax { what, fix },
            ));
            return None;
        }
    };
    let top = Some(Pos::new(1, 1));
    let Some(raw_kinds) = raw.kinds.as_ref().filter(|k| !k.is_empty()) else {
        diags.push(Diagnostic::new(file, top, Message::KindsMissing));
        return None;
    };
    let kinds = kinds(raw_kinds, file, diags);
    let reader = EntryReader {
        kinds: &kinds,
        file,
    };
    let main_kind = main_kind(&raw.main_kind, &kinds, file, diags);

    let mut progress = Progress {
        note: optional(&raw.note),
        source: Source {
            file: file.to_path_buf(),
            pos: top,
        },
        ..Progress::default()
    };
    if let Some(targets) = &raw.targets {
        let t = &targets.value;
        if let Some(total) = &t.total {
            progress.total = reader
                .read(total, &[], diags, number_format::parse_count)
                .figures;
        }
        for entry in t.phases.iter().flatten() {
            let read = reader.read(
                entry,
                &["phase"],
                diags,
                number_format::parse_count_or_percent,
            );
            let at = Some(pos(entry));
            let phase = fixed_text(&read.fixed, "phase", "Giai đoạn 1", at, file, diags);
            reader.require_figures(&read, at, "Chỉ tiêu giai đoạn", diags);
            if let Some(phase) = phase.filter(|_| !read.figures.is_empty()) {
                progress.phases.push(PhaseTarget {
                    phase,
                    figures: read.figures,
                    source: source(file, at),
                });
            }
        }
        for entry in t.hamlets.iter().flatten() {
            let read = reader.read(entry, &["hamlet"], diags, number_format::parse_count);
            let at = Some(pos(entry));
            let hamlet = fixed_text(&read.fixed, "hamlet", "Đông Lão", at, file, diags);
            reader.require_figures(&read, at, "Chỉ tiêu của thôn", diags);
            if let Some(hamlet) = hamlet.filter(|_| !read.figures.is_empty()) {
                progress.hamlets.push(HamletTarget {
                    hamlet,
                    figures: read.figures,
                    source: source(file, at),
                });
            }
        }
    }
    for entry in raw.reports.iter().flatten() {
        let read = reader.read(entry, &["date", "hamlet"], diags, |s| {
            number_format::parse_count(s)
        });
        let at = Some(pos(entry));
        let date = fixed_text(&read.fixed, "date", "15/12/2022", at, file, diags).and_then(|d| {
            match vi::calendar::parse_date(&d.value) {
                Ok(value) => Some(Located { value, pos: d.pos }),
                Err(e) => {
                    diags.push(Diagnostic::new(
                        file,
                        d.pos,
                        Message::FieldValue {
                            key: "date".to_string(),
                            what: e.message,
                            fix: e.hint,
                        },
                    ));
                    None
                }
            }
        });
        let hamlet = fixed_text(&read.fixed, "hamlet", "Đông Lão", at, file, diags);
        reader.require_figures(&read, at, "Báo cáo", diags);
        // A report with every figure blank says nothing, and must not move
        // "as of" to a date nothing was counted on.
        if let (Some(date), Some(hamlet), false) = (date, hamlet, read.figures.is_empty()) {
            progress.reports.push(Report {
                date,
                hamlet,
                figures: read.figures,
                source: source(file, at),
            });
        }
    }
    progress.kinds = kinds;
    progress.main_kind = main_kind.unwrap_or_else(|| default_main_kind(&progress));
    Some(progress)
}

fn source(file: &Path, pos: Option<Pos>) -> Source {
    Source {
        file: file.to_path_buf(),
        pos,
    }
}

fn kinds(raw: &[Spanned<RawKind>], file: &Path, diags: &mut Diagnostics) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = Vec::new();
    for k in raw {
        let at = Some(pos(k));
        let key = fields::required(&k.value.key, "key", "activated", at, file, diags);
        let name = fields::required(&k.value.name, "name", "Đã kích hoạt", at, file, diags);
        let (Some(key), Some(name)) = (key, name) else {
            continue;
        };
        let canonical = vi::text::canonical_key(&key.value);
        if key.value.contains(char::is_whitespace) || key.value.contains(':') {
            let suggestion = vi::slug::slugify(&key.value).replace('-', "_");
            diags.push(Diagnostic::new(
                file,
                key.pos,
                Message::KindKeySpaced {
                    key: key.value.clone(),
                    suggestion: match suggestion.is_empty() {
                        true => "activated".to_string(),
                        false => suggestion,
                    },
                },
            ));
            continue;
        }
        if RESERVED_KEYS
            .iter()
            .any(|r| vi::text::canonical_key(r) == canonical)
        {
            diags.push(Diagnostic::new(
                file,
                key.pos,
                Message::KindKeyReserved {
                    key: key.value.clone(),
                    reserved: RESERVED_KEYS.join(", "),
                },
            ));
            continue;
        }
        if let Some(first) = kinds
            .iter()
            .find(|other| vi::text::canonical_key(&other.key) == canonical)
        {
            diags.push(Diagnostic::new(
                file,
                key.pos,
                Message::KindTwice {
                    key: key.value.clone(),
                    first_line: first.source.pos.map_or(0, |p| p.line),
                },
            ));
            continue;
        }
        kinds.push(Kind {
            key: key.value,
            name: name.value,
            unit: optional(&k.value.unit),
            phrase: optional(&k.value.phrase),
            source: source(file, key.pos),
        });
    }
    kinds
}

fn kind_keys(kinds: &[Kind]) -> Vec<&str> {
    kinds.iter().map(|k| k.key.as_str()).collect()
}

fn find_kind(kinds: &[Kind], key: &str) -> Option<usize> {
    let canonical = vi::text::canonical_key(key);
    kinds
        .iter()
        .position(|k| vi::text::canonical_key(&k.key) == canonical)
}

/// The kind `main_kind` names; None when it is left out (or wrong, with an error).
fn main_kind(field: &Text, kinds: &[Kind], file: &Path, diags: &mut Diagnostics) -> Option<usize> {
    let f = field.as_ref().filter(|f| !f.value.trim().is_empty())?;
    if let Some(i) = find_kind(kinds, f.value.trim()) {
        return Some(i);
    }
    let keys = kind_keys(kinds);
    let value = f.value.trim().to_string();
    let message = match vi::text::closest(f.value.trim(), keys.iter().copied()) {
        Some(best) => Message::MainKindUnknownNear {
            value,
            best: best.to_string(),
        },
        None => Message::MainKindUnknown {
            value,
            keys: keys.join(", "),
        },
    };
    diags.push(Diagnostic::new(file, Some(pos(f)), message));
    None
}

/// Without `main_kind`, the first declared kind that has a target, so that a
/// forgotten `main_kind` still ranks hamlets; else the first kind.
fn default_main_kind(progress: &Progress) -> usize {
    let targeted = |k: &usize| {
        progress.total.contains_key(k)
            || progress.phases.iter().any(|p| p.figures.contains_key(k))
            || progress.hamlets.iter().any(|h| h.figures.contains_key(k))
    };
    (0..progress.kinds.len()).find(targeted).unwrap_or(0)
}

/// Fixed keys of one entry (`date`, `hamlet`, `phase`) by name.
type Fixed<'a> = Vec<(&'static str, &'a Spanned<Option<String>>)>;

/// A required fixed key's text, or an error at the entry.
fn fixed_text(
    fixed: &Fixed,
    key: &str,
    example: &str,
    parent: Option<Pos>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Located<String>> {
    let field = fixed.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let text = field.and_then(|v| v.value.as_ref().map(|s| s.trim().to_string()));
    match (field, text) {
        (Some(v), Some(t)) if !t.is_empty() => Some(Located {
            value: t,
            pos: Some(pos(v)),
        }),
        (field, _) => {
            fields::report_missing(field.map(pos), key, example, parent, file, diags);
            None
        }
    }
}

/// One entry, read: its fixed keys, its figures by kind, and whether it
/// named any kind at all (even with a blank or unreadable figure).
struct Read<'e, T> {
    fixed: Fixed<'e>,
    figures: Figures<T>,
    mentions_a_kind: bool,
}

/// Reads entries whose keys are fixed keys or declared kinds.
struct EntryReader<'a> {
    kinds: &'a [Kind],
    file: &'a Path,
}

impl EntryReader<'_> {
    /// The fixed keys found and the figures by kind, parsed with `parse`;
    /// unknown keys and unreadable figures become errors here.
    fn read<'e, T>(
        &self,
        entry: &'e Spanned<Entries>,
        fixed_keys: &[&'static str],
        diags: &mut Diagnostics,
        parse: impl Fn(&str) -> Result<T, NumberError>,
    ) -> Read<'e, T> {
        let mut fixed = Vec::new();
        let mut figures = Figures::new();
        let mut mentions_a_kind = false;
        for (key, value) in &entry.value.0 {
            let name = key.value.trim();
            let canonical = vi::text::canonical_key(name);
            if let Some(fixed_key) = fixed_keys
                .iter()
                .find(|k| vi::text::canonical_key(k) == canonical)
            {
                fixed.push((*fixed_key, value));
                continue;
            }
            let Some(kind) = find_kind(self.kinds, name) else {
                diags.push(self.unknown_key(key, fixed_keys));
                continue;
            };
            mentions_a_kind = true;
            // A blank figure means "not reported": the previous one still holds.
            let Some(text) = value.value.as_ref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            match parse(text) {
                Ok(v) => {
                    figures.insert(
                        kind,
                        Located {
                            value: v,
                            pos: Some(pos(value)),
                        },
                    );
                }
                Err(e) => diags.push(Diagnostic::new(
                    self.file,
                    Some(pos(value)),
                    Message::FigureValue {
                        key: name.to_string(),
                        what: e.message,
                        fix: e.hint,
                    },
                )),
            }
        }
        Read {
            fixed,
            figures,
            mentions_a_kind,
        }
    }

    fn unknown_key(&self, key: &Spanned<String>, fixed_keys: &[&str]) -> Diagnostic {
        let mut allowed: Vec<&str> = fixed_keys.to_vec();
        allowed.extend(kind_keys(self.kinds));
        let name = key.value.trim();
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
            // `{activated: 1,250}`: in braces the comma ends the entry, so the
            // number was cut in two and its tail became a key.
            return Diagnostic::new(
                self.file,
                Some(pos(key)),
                Message::NumberSplitByComma {
                    number: name.to_string(),
                },
            );
        }
        let (written, allowed_list) = (name.to_string(), allowed.join(", "));
        let message = match vi::text::closest(name, allowed.iter().copied()) {
            Some(best) => Message::FigureKeyUnknownNear {
                key: written,
                allowed: allowed_list,
                best: best.to_string(),
            },
            None => Message::FigureKeyUnknown {
                key: written,
                allowed: allowed_list,
            },
        };
        Diagnostic::new(self.file, Some(pos(key)), message)
    }

    /// An entry must name at least one kind; one whose figures are all blank
    /// (a row prepared for next week) is fine and simply left out.
    fn require_figures<T>(
        &self,
        read: &Read<T>,
        at: Option<Pos>,
        what: &str,
        diags: &mut Diagnostics,
    ) {
        if !read.mentions_a_kind {
            let example = self.kinds.first().map_or("activated", |k| k.key.as_str());
            diags.push(Diagnostic::new(
                self.file,
                at,
                Message::EntryWithoutFigures {
                    what: what.to_string(),
                    example: example.to_string(),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse_text(text: &str) -> (Option<Progress>, Vec<Diagnostic>) {
        let mut diags = Diagnostics::default();
        let p = parse(&PathBuf::from("progress.yaml"), text, &mut diags);
        (p, diags.into_sorted())
    }

    const KINDS: &str = "kinds:\n  - {key: level2, name: Mức 2}\n  - {key: activated, name: Đã kích hoạt, unit: tài khoản}\n";

    #[test]
    fn reads_kinds_targets_and_reports_with_positions() {
        let text = format!(
            "{KINDS}main_kind: activated\ntargets:\n  total: {{activated: 8.213}}\n  phases:\n    - {{phase: Giai đoạn 1, activated: 50%}}\n  hamlets:\n    - {{hamlet: Đông Lão, level2: 40, activated: 200}}\nreports:\n  - {{date: 15/06/2023, hamlet: Đông Lão, level2: 12, activated: 95}}\n  - date: 22/06/2023\n    hamlet: Đông Lão\n    activated: \"1 020\"\n"
        );
        let (p, diags) = parse_text(&text);
        assert!(diags.is_empty(), "{diags:?}");
        let p = p.unwrap();
        assert_eq!(p.kinds.len(), 2);
        assert_eq!(p.main_kind, 1);
        assert_eq!(p.total[&1].value, 8213);
        assert_eq!(
            p.phases[0].figures[&1].value,
            vi::number_format::CountOrPercent::Percent(5000)
        );
        assert_eq!(p.hamlets[0].figures[&0].value, 40);
        assert_eq!(p.reports.len(), 2);
        assert_eq!(p.reports[0].figures[&1].pos, Some(Pos::new(12, 65)));
        assert_eq!(p.reports[1].figures[&1].value, 1020);
        assert_eq!(p.reports[1].figures.get(&0).map(|f| f.value), None);
        assert_eq!(p.reports[1].date.pos, Some(Pos::new(13, 11)));
    }

    #[test]
    fn unknown_kind_key_suggests_the_declared_one() {
        let text =
            format!("{KINDS}reports:\n  - {{date: 15/06/2023, hamlet: Đông Lão, activted: 95}}\n");
        let (_, diags) = parse_text(&text);
        assert_eq!(diags.len(), 2, "{diags:?}");
        // Nothing readable is left in that report: said at the entry.
        assert_eq!(diags[0].pos, Some(Pos::new(5, 5)));
        assert!(
            diags[0].message.contains("không có số liệu"),
            "{}",
            diags[0].message
        );
        let d = &diags[1];
        assert_eq!(d.pos, Some(Pos::new(5, 42)));
        assert!(d.message.contains("`activted`"), "{}", d.message);
        assert!(
            d.hint.as_deref().unwrap().contains("`activated`"),
            "{:?}",
            d.hint
        );
    }

    #[test]
    fn figures_must_be_whole_counts() {
        let text = format!(
            "{KINDS}reports:\n  - date: 15/06/2023\n    hamlet: Đông Lão\n    activated: 12,5\n"
        );
        let (_, diags) = parse_text(&text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = diags
            .iter()
            .find(|d| d.message.contains("không phải số nguyên"));
        assert_eq!(d.and_then(|d| d.pos), Some(Pos::new(7, 16)), "{diags:?}");
        // In braces the comma splits the number: say so, not just "unknown key 250".
        let text = format!(
            "{KINDS}reports:\n  - {{date: 15/06/2023, hamlet: Đông Lão, activated: 1,250}}\n"
        );
        let (_, diags) = parse_text(&text);
        let d = diags.iter().find(|d| d.message.contains("`250`"));
        assert!(
            d.is_some_and(|d| d.hint.as_deref().unwrap().contains("1.250")),
            "{diags:?}"
        );
    }

    #[test]
    fn kinds_are_required_and_checked() {
        let (p, diags) = parse_text("reports: []\n");
        assert!(p.is_none());
        assert!(diags[0].message.contains("kinds"));
        let (_, diags) = parse_text(
            "kinds:\n  - {key: date, name: Ngày}\n  - {key: đã kích hoạt, name: X}\n  - {key: a, name: A}\n  - {key: A, name: B}\n",
        );
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(diags.len(), 3, "{messages:?}");
        assert!(messages[0].contains("trùng với một khóa có sẵn"));
        assert!(messages[1].contains("dấu cách"));
        assert!(diags[1].hint.as_deref().unwrap().contains("da_kich_hoat"));
        assert!(messages[2].contains("hai lần"));
        let (_, diags) = parse_text(&format!("{KINDS}main_kind: activate\n"));
        assert!(diags[0].hint.as_deref().unwrap().contains("`activated`"));
    }

    #[test]
    fn top_level_typos_are_refused() {
        let (_, diags) = parse_text(&format!("{KINDS}report: []\n"));
        assert!(diags[0].message.contains("`report`"), "{diags:?}");
        assert!(diags[0].hint.as_deref().unwrap().contains("`reports`"));
    }

    #[test]
    fn a_row_prepared_for_next_week_is_left_out() {
        let text = format!("{KINDS}reports:\n  - {{date: 22/06/2023, hamlet: Đông Lão, activated: }}\n  - {{date: 15/06/2023, hamlet: Đông Lão, level2: 3, activated: \"\"}}\n");
        let (p, diags) = parse_text(&text);
        assert!(diags.is_empty(), "{diags:?}");
        let reports = p.unwrap().reports;
        assert_eq!(reports.len(), 1);
        assert_eq!(
            reports[0].figures.keys().copied().collect::<Vec<_>>(),
            vec![0]
        );
    }

    #[test]
    fn main_kind_defaults_to_the_first_kind_with_a_target() {
        let text =
            format!("{KINDS}targets:\n  hamlets:\n    - {{hamlet: Đông Lão, activated: 200}}\n");
        assert_eq!(parse_text(&text).0.unwrap().main_kind, 1);
        let text = format!("{KINDS}main_kind: level2\ntargets:\n  total: {{activated: 200}}\n");
        assert_eq!(parse_text(&text).0.unwrap().main_kind, 0);
        assert_eq!(parse_text(KINDS).0.unwrap().main_kind, 0);
    }
}
