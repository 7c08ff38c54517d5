//! Templates that call themselves, found before anything renders: a page
//! that includes itself, a macro that calls itself (or each other), a
//! template whose parent includes it. tera follows such calls until the
//! stack overflows, which aborts `build` and takes `serve` down with it, so
//! any cycle of includes, `extends` and macro calls is refused, at the call
//! that closes it. `extends` cycles are looked for before tera compiles the
//! templates ([`find_extends_cycle`]): tera refuses one only when it starts
//! from a template on the cycle, and recurses until the stack overflows when
//! another template leads into it (`base.html` extending `base.html`).

use std::collections::{BTreeMap, HashMap, HashSet};

use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// A template, or a macro of a template file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Callee {
    Template(String),
    Macro { file: String, name: String },
}

impl Callee {
    fn file(&self) -> &str {
        match self {
            Callee::Template(file) | Callee::Macro { file, .. } => file,
        }
    }

    fn describe(&self) -> String {
        match self {
            Callee::Template(name) => name.clone(),
            Callee::Macro { file, name } => format!("macro {name} ({file})"),
        }
    }
}

/// A call: who calls whom, and what to look for in the caller's file.
#[derive(Clone, Debug)]
struct Call {
    to: Callee,
    /// `include "x.html"`, `extends "x.html"` or `ns::name(`.
    text: Needle,
}

#[derive(Clone, Debug)]
enum Needle {
    Include(String),
    Extends(String),
    Macro { namespace: String, name: String },
}

/// A cycle: the file holding the call that closes it, the byte offset of
/// that call in the file's text (when found), and the chain it closes.
#[derive(Debug, PartialEq, Eq)]
pub struct Cycle {
    pub file: String,
    pub offset: Option<usize>,
    pub chain: Vec<String>,
    /// Made of `extends` alone.
    pub by_extends: bool,
}

/// The first cycle among the templates of `tera`, preferring a call written
/// in one of `own` (the site's templates: name → text) to report.
pub fn find(tera: &Tera, own: &[(String, String)]) -> Option<Cycle> {
    let graph = calls(tera);
    let no_calls: &[Call] = &[];
    let calls_of = |node: &Callee| graph.get(node).map_or(no_calls, Vec::as_slice);
    let mut done: HashSet<&Callee> = HashSet::new();
    for start in graph.keys() {
        if done.contains(start) {
            continue;
        }
        // Depth first, without recursion (a site may chain thousands of
        // macros): the path so far, each with the index of its next call.
        let mut path: Vec<(&Callee, usize)> = vec![(start, 0)];
        let mut on_path: HashSet<&Callee> = HashSet::from([start]);
        while let Some((node, next)) = path.last_mut() {
            let Some(call) = calls_of(node).get(*next) else {
                done.insert(*node);
                on_path.remove(*node);
                path.pop();
                continue;
            };
            *next += 1;
            if on_path.contains(&call.to) {
                let from = path.iter().position(|(n, _)| *n == &call.to).unwrap_or(0);
                let cycle: Vec<(&Callee, &Call)> = path[from..]
                    .iter()
                    .map(|(n, i)| (*n, &calls_of(n)[*i - 1]))
                    .collect();
                return Some(report(&cycle, own));
            }
            if let Some((to, _)) = graph.get_key_value(&call.to) {
                if !done.contains(to) {
                    on_path.insert(to);
                    path.push((to, 0));
                }
            }
        }
    }
    None
}

/// The first `extends` chain, from one of the site's templates (`own`), that
/// comes back to a template already on it; `all` is every template by name
/// (the site's and the theme's), as tera will get them. Each template is
/// parsed on its own, only when a chain reaches it; one that does not parse
/// ends its chain (tera then reports it as it is).
pub fn find_extends_cycle(all: &[(&str, &str)], own: &[(String, String)]) -> Option<Cycle> {
    let mut parents: HashMap<&str, Option<String>> = HashMap::new();
    let mut parent_of = |name: &str| -> Option<String> {
        let (name, text) = all.iter().find(|(n, _)| *n == name)?;
        parents
            .entry(name)
            .or_insert_with(|| tera::Template::new(name, None, text).ok()?.parent)
            .clone()
    };
    for (start, _) in own {
        let mut chain: Vec<String> = vec![start.clone()];
        while let Some(parent) = parent_of(chain.last().map_or("", String::as_str)) {
            if let Some(from) = chain.iter().position(|c| *c == parent) {
                let mut cycle = chain.split_off(from);
                // The call to show: the first on the cycle written in a site file.
                let text_of = |file: &str| own.iter().find(|(n, _)| n == file).map(|(_, t)| t);
                let at = cycle.iter().position(|c| text_of(c).is_some()).unwrap_or(0);
                cycle.rotate_left(at);
                let file = cycle.first().cloned().unwrap_or_default();
                let target = cycle.get(1).cloned().unwrap_or_else(|| file.clone());
                let offset = text_of(&file).and_then(|text| locate(text, &Needle::Extends(target)));
                cycle.push(file.clone());
                return Some(Cycle {
                    file,
                    offset,
                    chain: cycle,
                    by_extends: true,
                });
            }
            chain.push(parent);
        }
    }
    None
}

fn report(cycle: &[(&Callee, &Call)], own: &[(String, String)]) -> Cycle {
    let text_of = |file: &str| own.iter().find(|(n, _)| n == file).map(|(_, t)| t.as_str());
    // The call to show: the first written in one of the site's own files.
    let (caller, call) = cycle
        .iter()
        .find(|(caller, _)| text_of(caller.file()).is_some())
        .or(cycle.first())
        .copied()
        .expect("a cycle has a call");
    let mut chain: Vec<String> = cycle.iter().map(|(c, _)| c.describe()).collect();
    chain.push(call_target(cycle).describe());
    Cycle {
        file: caller.file().to_string(),
        offset: text_of(caller.file()).and_then(|text| locate(text, &call.text)),
        chain,
        by_extends: false,
    }
}

fn call_target<'a>(cycle: &[(&'a Callee, &'a Call)]) -> &'a Callee {
    &cycle[cycle.len() - 1].1.to
}

/// Where `needle` is written in a template's text: the start of its tag.
fn locate(text: &str, needle: &Needle) -> Option<usize> {
    match needle {
        Needle::Include(name) | Needle::Extends(name) => {
            let keyword = match needle {
                Needle::Include(_) => "include",
                _ => "extends",
            };
            text.match_indices(keyword).find_map(|(at, _)| {
                let tag_end = text[at..].find("%}").map_or(text.len(), |e| at + e);
                let quoted = [format!("\"{name}\""), format!("'{name}'")];
                let names = quoted
                    .iter()
                    .any(|q| text[at..tag_end].contains(q.as_str()));
                names.then(|| text[..at].rfind("{%").unwrap_or(at))
            })
        }
        Needle::Macro { namespace, name } => {
            let call = format!("{namespace}::{name}");
            text.match_indices(&call).find_map(|(at, _)| {
                text[at + call.len()..]
                    .trim_start()
                    .starts_with('(')
                    .then_some(at)
            })
        }
    }
}

/// Every template's and macro's calls, in the order written.
fn calls(tera: &Tera) -> BTreeMap<Callee, Vec<Call>> {
    let mut graph = BTreeMap::new();
    for (name, template) in &tera.templates {
        let imports: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let resolve = |namespace: &str| match namespace {
            "self" => Some(name.clone()),
            other => imports.get(other).map(|file| file.to_string()),
        };
        let mut own = Vec::new();
        if let Some(parent) = &template.parent {
            own.push(Call {
                to: Callee::Template(parent.clone()),
                text: Needle::Extends(parent.clone()),
            });
        }
        nodes(&template.ast, &resolve, &mut own);
        graph.insert(Callee::Template(name.clone()), own);
        for (macro_name, definition) in &template.macros {
            let mut found = Vec::new();
            nodes(&definition.body, &resolve, &mut found);
            for expr in definition.args.values().flatten() {
                expr_calls(expr, &resolve, &mut found);
            }
            let callee = Callee::Macro {
                file: name.clone(),
                name: macro_name.clone(),
            };
            graph.insert(callee, found);
        }
    }
    graph
}

fn nodes(list: &[Node], resolve: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Call>) {
    for node in list {
        match node {
            Node::VariableBlock(_, e) => expr_calls(e, resolve, out),
            Node::Include(_, names, _) => out.extend(names.iter().map(|n| Call {
                to: Callee::Template(n.clone()),
                text: Needle::Include(n.clone()),
            })),
            Node::Set(_, set) => expr_calls(&set.value, resolve, out),
            Node::FilterSection(_, section, _) => {
                for arg in section.filter.args.values() {
                    expr_calls(arg, resolve, out);
                }
                nodes(&section.body, resolve, out);
            }
            Node::Block(_, block, _) => nodes(&block.body, resolve, out),
            Node::Forloop(_, forloop, _) => {
                expr_calls(&forloop.container, resolve, out);
                nodes(&forloop.body, resolve, out);
                if let Some(empty) = &forloop.empty_body {
                    nodes(empty, resolve, out);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    expr_calls(condition, resolve, out);
                    nodes(body, resolve, out);
                }
                if let Some((_, body)) = &branches.otherwise {
                    nodes(body, resolve, out);
                }
            }
            Node::MacroDefinition(_, definition, _) => nodes(&definition.body, resolve, out),
            _ => {}
        }
    }
}

fn expr_calls(expr: &Expr, resolve: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Call>) {
    for filter in &expr.filters {
        for arg in filter.args.values() {
            expr_calls(arg, resolve, out);
        }
    }
    let mut values = vec![&expr.val];
    while let Some(value) = values.pop() {
        match value {
            ExprVal::MacroCall(call) => {
                if let Some(file) = resolve(&call.namespace) {
                    out.push(Call {
                        to: Callee::Macro {
                            file,
                            name: call.name.clone(),
                        },
                        text: Needle::Macro {
                            namespace: call.namespace.clone(),
                            name: call.name.clone(),
                        },
                    });
                }
                for arg in call.args.values() {
                    expr_calls(arg, resolve, out);
                }
            }
            ExprVal::FunctionCall(call) => {
                for arg in call.args.values() {
                    expr_calls(arg, resolve, out);
                }
            }
            ExprVal::Math(m) => {
                expr_calls(&m.lhs, resolve, out);
                expr_calls(&m.rhs, resolve, out);
            }
            ExprVal::Logic(l) => {
                expr_calls(&l.lhs, resolve, out);
                expr_calls(&l.rhs, resolve, out);
            }
            ExprVal::In(i) => {
                expr_calls(&i.lhs, resolve, out);
                expr_calls(&i.rhs, resolve, out);
            }
            ExprVal::Test(t) => {
                for arg in &t.args {
                    expr_calls(arg, resolve, out);
                }
            }
            ExprVal::Array(items) => {
                for item in items {
                    expr_calls(item, resolve, out);
                }
            }
            ExprVal::StringConcat(concat) => values.extend(&concat.values),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle_in(templates: &[(&str, &str)]) -> Option<Cycle> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        let own: Vec<(String, String)> = templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        find(&tera, &own)
    }

    #[test]
    fn calls_in_a_loop_are_found_where_they_are_written() {
        let found = cycle_in(&[("page.html", "<p>\n{% include \"page.html\" %}</p>")]).unwrap();
        assert_eq!(found.file, "page.html");
        assert_eq!(found.offset, Some(4));
        assert_eq!(found.chain, ["page.html", "page.html"]);

        let macros = "{% macro a(n) %}{% if n %}{{ self::b(n=n) }}{% endif %}{% endmacro %}\n\
                      {% macro b(n) %}{{ self::a(n=n) }}{% endmacro %}";
        let page = "{% import \"m.html\" as m %}{{ m::a(n=1) }}";
        let found = cycle_in(&[("m.html", macros), ("page.html", page)]).unwrap();
        assert_eq!(found.file, "m.html");
        assert_eq!(found.chain.len(), 3, "{:?}", found.chain);

        let base = "<main>{% block body %}{% endblock %}{% include \"trang.html\" %}</main>";
        let child = "{% extends \"base.html\" %}{% block body %}x{% endblock %}";
        let found = cycle_in(&[("base.html", base), ("trang.html", child)]).unwrap();
        assert!(found.chain.contains(&"trang.html".to_string()), "{found:?}");
    }

    #[test]
    fn templates_without_loops_pass() {
        assert_eq!(cycle_in(&[]), None);
        let base = "{% import \"m.html\" as m %}{% block body %}{% endblock %}{{ m::a() }}";
        let child =
            "{% extends \"base.html\" %}{% block body %}{% include \"p.html\" %}{% endblock %}";
        let macros = "{% macro a() %}{{ self::b() }}{% endmacro %}{% macro b() %}b{% endmacro %}";
        assert_eq!(
            cycle_in(&[
                ("base.html", base),
                ("child.html", child),
                ("m.html", macros),
                ("p.html", "<p>{{ 1 + 2 }}</p>"),
            ]),
            None
        );
    }
}
