//! Who writes: the contract's list of engineers, names in any case, and knowing who is writing
//! before the first question (docs/rules.md §10.4).

use serde_json::json;

use super::{SHENZHEN_5X8, Sandbox, stderr};

fn site_with_roster() -> Sandbox {
    Sandbox::with_contract(&format!(
        "{SHENZHEN_5X8}engineers = [\"li.lei\", \"Wang.Fang\"]\n"
    ))
}

fn as_writer(site: &Sandbox, name: &str, args: &[&str]) -> std::process::Output {
    site.otss()
        .env("OTSS_ENGINEER", name)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_writer_not_on_the_roster_is_refused_with_the_closest_name_and_nothing_is_written() {
    let site = site_with_roster();
    let refused = as_writer(&site, "root", &["support", "log", "how to resize a CVM"]);
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`root` is not one of the contract's engineers"),
        "{err}"
    );
    assert!(err.contains("li.lei, Wang.Fang"), "{err}");
    assert!(err.contains("OTSS_ENGINEER"), "{err}");
    assert!(!site.path().join("ledger").exists(), "nothing written");

    let typo = stderr(&as_writer(&site, "wang.fong", &["note", "risk", "x"]));
    assert!(typo.contains("did you mean Wang.Fang?"), "{typo}");
    let zh = stderr(&as_writer(
        &site,
        "root",
        &["--lang", "zh", "note", "risk", "x"],
    ));
    assert!(zh.contains("不在合同列出的工程师中"), "{zh}");

    // Listed names write in any case.
    for name in ["LI.LEI", "wang.fang"] {
        let written = as_writer(&site, name, &["support", "log", name]);
        assert!(written.status.success(), "{name}: {}", stderr(&written));
    }
    assert_eq!(
        site.json(&["support", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn duty_and_overtime_name_only_engineers_on_the_roster_in_any_case() {
    let site = site_with_roster();
    let err = site.fails(&["duty", "set", "2025-04-05", "root"], 1);
    assert!(
        err.contains("`root` is not one of the contract's engineers"),
        "{err}"
    );
    assert!(!err.contains("OTSS_ENGINEER"), "{err}");
    site.stdout(&["duty", "set", "2025-04-05", "WANG.FANG"]);
    let err = site.fails(
        &["overtime", "log", "2025-03-01", "--engineer", "zhao.min"],
        1,
    );
    assert!(err.contains("`zhao.min` is not one of"), "{err}");
    assert!(
        !err.contains("OTSS_ENGINEER"),
        "a name given for someone else is not the writer's: {err}"
    );
    site.stdout(&["overtime", "log", "2025-03-01", "--engineer", "Li.Lei"]);
    let balance = site.json(&["overtime", "balance", "--engineer", "LI.LEI", "--json"]);
    assert_eq!(balance["earned"], 1.0);
}

#[test]
fn at_a_terminal_the_writer_is_refused_before_the_first_question() {
    let site = site_with_roster();
    let env = [("OTSS_ENGINEER", "root")];
    for args in [
        &["inspect", "today"][..],
        &["incident", "open", "--title", "x"],
        &["undo"],
    ] {
        let output = site.in_terminal(&env, &[], args);
        let said = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {said}");
        assert!(
            said.contains("is not one of the contract's engineers"),
            "{args:?}: {said}"
        );
        assert!(
            !said.contains('?'),
            "{args:?}: asked a question first: {said}"
        );
    }
    // With no name at all, the same: before the first question.
    let nameless = [
        ("OTSS_ENGINEER", ""),
        ("USER", ""),
        ("USERNAME", ""),
        ("LOGNAME", ""),
    ];
    let output = site.in_terminal(&nameless, &[], &["inspect", "today"]);
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("set OTSS_ENGINEER"), "{said}");
}

#[test]
fn the_roster_is_shown_checked_and_written_by_init() {
    let site = site_with_roster();
    let shown = site.json(&["contract", "show", "--json"]);
    assert_eq!(shown["engineers"], json!(["li.lei", "Wang.Fang"]));
    let table = site.stdout(&["contract", "show"]);
    assert!(table.contains("li.lei, Wang.Fang"), "{table}");
    let anyone = Sandbox::with_contract(SHENZHEN_5X8).stdout(&["contract", "show"]);
    assert!(anyone.contains("anyone"), "{anyone}");

    for (roster, fault) in [
        ("[\"li.lei\", \"LI.LEI\"]", "listed twice"),
        ("[\"li\\u200blei\"]", "cannot be seen"),
        ("[\" \"]", "engineers"),
        ("\"li.lei\"", "engineers"),
    ] {
        let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}engineers = {roster}\n"));
        let err = site.fails(&["contract", "check"], 1);
        assert!(err.contains(fault), "{roster}: {err}");
    }

    let new = Sandbox::default();
    new.stdout(&[
        "init",
        "--no-input",
        "--customer",
        "C",
        "--mode",
        "5x8",
        "--start",
        "2025-01-02",
        "--end",
        "2025-12-31",
        "--engineers",
        "li.lei,wang.fang",
    ]);
    assert_eq!(
        new.json(&["contract", "show", "--json"])["engineers"],
        json!(["li.lei", "wang.fang"])
    );
    let text = std::fs::read_to_string(new.path().join("otss.toml")).unwrap();
    assert!(
        text.contains("engineers = [\"li.lei\", \"wang.fang\"]"),
        "{text}"
    );
    let bad = new.fails(
        &["--lang", "en", "init", "--no-input", "--engineers", "a,A"],
        2,
    );
    assert!(bad.contains("each name once"), "{bad}");
}
