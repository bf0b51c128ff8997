//! The product rules the code cites are in the repository: every `docs/rules.md §N` (or
//! `§N.M`) in a comment names a section that file has.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

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
    found
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
