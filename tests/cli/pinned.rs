//! What a person reads when asking for help or making a mistake, pinned word for word in both
//! languages: a change to the code's structure must leave every word as it was.

use super::conventions::every_command;
use super::{SHENZHEN_5X8, Sandbox};

#[test]
fn every_help_page_is_pinned() {
    let site = Sandbox::english();
    let mut pages = String::new();
    for path in every_command() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        pages += &format!("==== otss {}\n{}\n", path.join(" "), site.stdout(&args));
    }
    insta::assert_snapshot!("help_pages", pages);
}

/// The same 5x8 site, speaking Chinese by its contract.
fn chinese_contract() -> String {
    SHENZHEN_5X8.replace("language = \"en\"", "language = \"zh\"")
}

/// Command lines that fail, each with what it needs: a contract (or none, or a broken one).
const NEEDS_SITE: &[&[&str]] = &[
    &["incident", "ack", "NOPE"],
    &[
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "x",
        "--at",
        "2025-03-04 25:00",
    ],
    &[
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "x",
        "--at",
        "2025-03-05 10:00",
    ],
    &[
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "x",
        "--at",
        "2023-12-29 10:00",
    ],
    &["incident", "open", "--level", "4", "--title", "x"],
    &["incident", "open", "--title", "x"],
    &["sla", "--level", "1", "--at", "yesterday noon"],
    &["calendar", "2026-02-30"],
    &["calendar", "import", "missing.json"],
    &["support", "list", "2025/03"],
    &["support", "log", "x", "--minutes", "1h1h"],
    &["report", "2027-01"],
    &["report", "2025-13"],
    &["report", "2025-03", "--out", "report.pdf"],
    &[
        "backup",
        "check",
        "--job",
        "db",
        "--ok",
        "--at",
        "2023-12-29 10:00",
    ],
    &["overtime", "take", "2025-03-08"],
    &["overtime", "log", "2025-02-30"],
    &[
        "inspect",
        "today",
        "--kind",
        "monitoring",
        "--item",
        "CPUU=ok",
    ],
    &["inspect", "today", "--kind", "monitoring", "--item", "x"],
    &["inspect", "today", "--item", "x=ok"],
    &["duty", "set", "2025-02-30", "li.lei"],
    &["sync"],
    &["no-such-command"],
];

/// What each command line says when it fails: its exit status and standard error, with the
/// sandbox's path written as `[SANDBOX]`.
fn failures(site: &Sandbox, lang: &str, lines: &[&[&str]]) -> String {
    let mut said = String::new();
    for args in lines {
        let output = site
            .otss()
            .env("GIT_CEILING_DIRECTORIES", site.path().parent().unwrap())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .arg("--lang")
            .arg(lang)
            .args(*args)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?} succeeded");
        // A mistake is 1 (or 2 for a usage error): never the status of a bug in otss.
        assert!(
            matches!(output.status.code(), Some(1 | 2)),
            "{args:?} ended with {:?}",
            output.status
        );
        let err = super::stderr(&output).replace(&site.path().display().to_string(), "[SANDBOX]");
        said += &format!(
            "==== otss --lang {lang} {} (exit {:?})\n{err}\n",
            args.join(" "),
            output.status.code()
        );
    }
    said
}

#[test]
fn every_error_of_a_site_is_pinned_in_both_languages() {
    let site = Sandbox::with_contract(&chinese_contract());
    for lang in ["zh", "en"] {
        insta::assert_snapshot!(format!("errors_{lang}"), failures(&site, lang, NEEDS_SITE));
    }
}

#[test]
fn every_error_of_a_missing_or_broken_contract_is_pinned_in_both_languages() {
    let none = Sandbox::default();
    // The search up for a contract stops at the top of a repository: here, so that the places
    // it lists do not depend on where temporary directories are.
    std::fs::create_dir(none.path().join(".git")).unwrap();
    let broken = Sandbox::with_contract(&format!(
        "{}staf = 2\nmode = \"6x9\"\n",
        chinese_contract().replace("mode = \"5x8\"\n", "")
    ));
    let lines: &[&[&str]] = &[&["status"], &["--contract", "nope.toml", "status"]];
    for lang in ["zh", "en"] {
        let said = failures(&none, lang, lines) + &failures(&broken, lang, &[&["status"]]);
        insta::assert_snapshot!(format!("contract_errors_{lang}"), said);
    }
}
