//! The layering docs/architecture.md describes, kept true: each top-level
//! module of src/ may use (`crate::…`) only the modules listed for it below,
//! the list has no cycle, and every module is in it. Test code
//! (`#[cfg(test)]` items) may reach further.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

/// What each module may use, lowest layers first. A new module gets a line
/// here, under the modules it uses.
const ALLOWED: &[(&str, &[&str])] = &[
    // Leaves: Vietnamese, the markdown dialect.
    ("vi", &[]),
    ("markdown_dialect", &[]),
    // Problems as values, and their catalogue of messages.
    ("diagnostics", &["vi"]),
    ("disk", &["diagnostics"]),
    // A panic's message and report (the hook `main` installs).
    ("crash", &["diagnostics", "disk"]),
    ("yaml", &["diagnostics", "vi"]),
    ("raw_html", &["markdown_dialect"]),
    // The site as plain data.
    ("model", &["diagnostics", "vi", "raw_html"]),
    // The stages.
    (
        "load",
        &[
            "diagnostics",
            "vi",
            "yaml",
            "disk",
            "crash",
            "model",
            "raw_html",
        ],
    ),
    ("validate", &["diagnostics", "vi", "model", "raw_html"]),
    ("plan", &["diagnostics", "disk", "vi", "model"]),
    // The compiled theme: `check` compiles a site's templates without rendering.
    ("theme", &["diagnostics", "plan"]),
    (
        "render",
        &[
            "diagnostics",
            "vi",
            "model",
            "plan",
            "theme",
            "raw_html",
            "markdown_dialect",
        ],
    ),
    ("output", &["diagnostics", "disk"]),
    ("archive", &["diagnostics", "disk"]),
    ("audio", &["diagnostics", "disk", "plan"]),
    // What drives them.
    (
        "build",
        &[
            "diagnostics",
            "disk",
            "vi",
            "model",
            "load",
            "validate",
            "plan",
            "theme",
            "render",
            "output",
            "archive",
            "audio",
        ],
    ),
    ("init", &["diagnostics", "disk", "theme"]),
    ("serve", &["build", "diagnostics", "disk", "plan"]),
    // The double-click start's own needs (main.rs drives it).
    ("start", &[]),
];

/// `text` without comments, string and char literals, and `#[cfg(test)]`
/// items: what is left is code whose paths count.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Depth of braces inside a `#[cfg(test)]` item being skipped, if any.
    let mut skipping: Option<usize> = None;
    let mut test_item_pending = false;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 13)].iter().collect();
        let c = chars[i];
        if rest.starts_with("//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if rest.starts_with("/*") {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if rest.starts_with("#[cfg(test)]") {
            test_item_pending = true;
            i += "#[cfg(test)]".len();
            continue;
        }
        if c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#')) {
            // Raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                j += 1;
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        if c == '\'' {
            // A char literal ('{', '\n', '\''), not a lifetime ('a).
            let close = if chars.get(i + 1) == Some(&'\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&x| x == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(close) = close {
                i = close + 1;
                continue;
            }
        }
        match (c, skipping) {
            ('{', Some(depth)) => skipping = Some(depth + 1),
            ('}', Some(1)) => skipping = None,
            ('}', Some(depth)) => skipping = Some(depth - 1),
            ('{', None) if test_item_pending => {
                skipping = Some(1);
                test_item_pending = false;
            }
            (';', None) if test_item_pending => test_item_pending = false,
            (_, None) => out.push(c),
            _ => {}
        }
        i += 1;
    }
    out
}

/// The top-level modules `code` names after `crate::`, including those in
/// `use crate::{a, b::c}` groups.
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let after = &code[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // Top-level names of the group: split on commas outside braces.
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        used.insert(ident(&group[start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        used.insert(ident(&group[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            used.insert(ident(after));
        }
    }
    used.remove("");
    used
}

/// The top-level module a file of src/ belongs to: `load` for
/// src/load/site.rs and src/load.rs alike.
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let src = common::repo_path("src");
    let mut wrong = Vec::new();
    let mut modules = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        if rel == Path::new("main.rs") || rel == Path::new("lib.rs") {
            continue;
        }
        let module = module_of(rel);
        modules.insert(module.clone());
        let Some(may_use) = allowed.get(module.as_str()) else {
            wrong.push(format!(
                "{}: module `{module}` is not in tests/layering.rs ALLOWED",
                rel.display()
            ));
            continue;
        };
        let code = code_only(&std::fs::read_to_string(path).unwrap());
        for used in used_modules(&code) {
            if used != module && !may_use.contains(&used.as_str()) {
                wrong.push(format!(
                    "{}: `{module}` uses `crate::{used}`, not among {may_use:?}",
                    rel.display()
                ));
            }
        }
    }
    assert!(modules.len() >= 15, "src/ not found: {modules:?}");
    assert!(wrong.is_empty(), "forbidden imports:\n{}", wrong.join("\n"));
}

#[test]
fn the_allowed_uses_have_no_cycle_and_name_real_modules() {
    // Each module may only use modules listed before it: an order without cycles.
    let mut seen: Vec<&str> = Vec::new();
    for (module, uses) in ALLOWED {
        for used in *uses {
            assert!(
                seen.contains(used),
                "`{module}` uses `{used}`, which is not listed above it"
            );
        }
        seen.push(module);
    }
    let lib = std::fs::read_to_string(common::repo_path("src/lib.rs")).unwrap();
    for (module, _) in ALLOWED {
        assert!(
            lib.contains(&format!("mod {module};")),
            "`{module}` is not a module of src/lib.rs"
        );
    }
}

#[test]
fn the_reader_sees_through_strings_comments_and_tests() {
    let code = code_only(
        "use crate::{load, render::{x, y}};\n// crate::serve\nlet s = \"crate::build\";\nlet c = '{';\n#[cfg(test)]\nmod tests { use crate::output; }\nfn f() { crate::plan::link(); }",
    );
    let used: Vec<String> = used_modules(&code).into_iter().collect();
    assert_eq!(used, ["load", "plan", "render"]);
}
