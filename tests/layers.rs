//! The layers of the code base, kept: every module under `src/` may use only the modules of
//! the layers below its own, and modules of one layer may use each other only without a
//! cycle. A change that imports against the direction fails here, naming the file and what
//! it imported. And the rules the code cites are in the repository: every `docs/rules.md §N`
//! in a comment names a section that file has.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, from the bottom: shared types, the pure domain, the ledger's file format, the
/// store (all file I/O), the application layer, rendering, and the command line.
const LAYERS: &[&[&str]] = &[
    &["lang", "time", "ids", "period", "suggest", "text"],
    &["calendar", "service", "request", "capacity"],
    &["contract"],
    &["sla"],
    &["record"],
    &[
        "incident", "inspect", "leave", "routine", "duty", "feedback", "alert",
    ],
    &["report", "duplicate", "search"],
    &["ledger", "check"],
    &["store", "git", "sync"],
    &["app"],
    &["i18n", "output", "render"],
    &["cli"],
];

/// Files that only declare or start the modules, and so stand above every layer.
const ROOTS: &[&str] = &["lib.rs", "main.rs"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The top-level module a file belongs to: `src/record/incident.rs` → `record`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The top-level modules a file names as `crate::NAME`, outside comments.
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
        // `use crate::{a, b}` names several at once.
        if let Some(group) = code.split("crate::{").nth(1) {
            for name in group.split([',', '}']) {
                let name = name.trim().split("::").next().unwrap_or_default();
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    used.insert(name.to_string());
                }
            }
        }
    }
    used
}

/// Which module uses which, each with the files that do.
fn imports() -> BTreeMap<(String, String), Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in sources(&src) {
        let name = file.strip_prefix(&src).unwrap().display().to_string();
        if ROOTS.contains(&name.as_str()) {
            continue;
        }
        let from = module_of(&src, &file);
        for to in used_modules(&fs::read_to_string(&file).unwrap()) {
            if to != from {
                edges
                    .entry((from.clone(), to))
                    .or_default()
                    .push(name.clone());
            }
        }
    }
    edges
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let unplaced: BTreeSet<String> = sources(&src)
        .iter()
        .filter(|file| !ROOTS.contains(&file.strip_prefix(&src).unwrap().to_str().unwrap()))
        .map(|file| module_of(&src, file))
        .filter(|module| layer_of(module).is_none())
        .collect();
    assert!(unplaced.is_empty(), "modules in no layer: {unplaced:?}");
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let against: Vec<String> = imports()
        .into_iter()
        .filter(|((from, to), _)| match (layer_of(from), layer_of(to)) {
            (Some(from), Some(to)) => to > from,
            _ => false,
        })
        .map(|((from, to), files)| format!("{from} uses {to} (above it) in {files:?}"))
        .collect();
    assert!(against.is_empty(), "{against:#?}");
}

#[test]
fn modules_of_one_layer_use_each_other_without_a_cycle() {
    let same_layer: BTreeMap<String, BTreeSet<String>> = imports()
        .into_keys()
        .filter(|(from, to)| layer_of(from).is_some() && layer_of(from) == layer_of(to))
        .fold(BTreeMap::new(), |mut graph, (from, to)| {
            graph.entry(from).or_default().insert(to);
            graph
        });
    for start in same_layer.keys() {
        let mut pending: Vec<&String> = same_layer[start].iter().collect();
        let mut seen = BTreeSet::new();
        while let Some(module) = pending.pop() {
            assert_ne!(module, start, "{start} reaches itself through {seen:?}");
            if seen.insert(module) {
                pending.extend(same_layer.get(module).into_iter().flatten());
            }
        }
    }
}

#[test]
fn the_import_reader_sees_every_form_of_use() {
    let text = "use crate::record::{Event, Record};\nuse crate::{duty, inspect::Round};\n\
                let x = crate::time::now(); // crate::cli is only a comment\n";
    let used: Vec<String> = used_modules(text).into_iter().collect();
    assert_eq!(used, ["duty", "inspect", "record", "time"]);
}

/// The numbers of the sections of `docs/rules.md`: `2` for `## 2. …`, `2.7` for `### 2.7 …`.
fn sections(rules: &str) -> BTreeSet<String> {
    rules
        .lines()
        .filter_map(|line| line.strip_prefix("## ").or(line.strip_prefix("### ")))
        .filter_map(|heading| heading.split_whitespace().next())
        .map(|number| number.trim_end_matches('.').to_string())
        .collect()
}

/// The sections cited in `text`: what follows each `docs/rules.md §`, and each `§` after it
/// in the same citation (`§4, §7`).
fn cited(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    for (at, _) in text.match_indices("docs/rules.md §") {
        let rest = &text[at + "docs/rules.md ".len()..];
        let citation = rest.split([')', ':', ';']).next().unwrap_or_default();
        for part in citation.split('§').skip(1) {
            let number: String = part
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            numbers.push(number.trim_end_matches('.').to_string());
        }
    }
    numbers
}

#[test]
fn every_citation_of_the_rules_names_a_section_they_have() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let known = sections(&fs::read_to_string(root.join("docs/rules.md")).unwrap());
    assert!(known.contains("2.7") && known.contains("10"), "{known:?}");
    let mut unresolved = Vec::new();
    let mut count = 0;
    for file in sources(&root.join("src")) {
        for number in cited(&fs::read_to_string(&file).unwrap()) {
            count += 1;
            if !known.contains(&number) {
                unresolved.push(format!("{}: §{number}", file.display()));
            }
        }
    }
    assert!(count > 50, "citations found: {count}");
    assert!(unresolved.is_empty(), "{unresolved:#?}");
}

#[test]
fn a_citation_names_each_section_it_lists() {
    assert_eq!(
        cited("(docs/rules.md §4, §7) and docs/rules.md §10.10."),
        ["4", "7", "10.10"]
    );
}
