//! Completion from live data: the shell runs otss with `COMPLETE` set and the words typed.

use crate::{SHENZHEN_5X8, Sandbox, stderr};

/// What otss offers for the last of `words` (`otss incident ack ''`), as fish asks: one
/// candidate a line, its description after a tab.
fn offered(sandbox: &Sandbox, shell: &str, words: &[&str]) -> Vec<String> {
    let output = sandbox
        .otss()
        .env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(output.status.success(), "{words:?}: {}", stderr(&output));
    let said = String::from_utf8(output.stdout).unwrap();
    said.split(['\n', '\u{b}'])
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

fn open(sandbox: &Sandbox, title: &str) -> String {
    let opened = sandbox.json(&[
        "incident", "open", "--level", "2", "--title", title, "--json",
    ]);
    opened["id"].as_str().unwrap().to_string()
}

#[test]
fn incident_ids_are_offered_open_ones_first_with_their_titles() {
    let sandbox = Sandbox::with_contract(SHENZHEN_5X8);
    let first = open(&sandbox, "disk full");
    let second = open(&sandbox, "CLB returns 502");
    sandbox.json(&[
        "incident",
        "resolve",
        &first,
        "--summary",
        "cleaned",
        "--json",
    ]);
    let fish = offered(&sandbox, "fish", &["otss", "incident", "ack", ""]);
    assert_eq!(fish[0], format!("{second}\tCLB returns 502"), "{fish:?}");
    assert_eq!(fish[1], format!("{first}\tdisk full"), "{fish:?}");
    let bash = offered(&sandbox, "bash", &["otss", "incident", "show", ""]);
    assert_eq!(bash[..2], [second.clone(), first.clone()], "{bash:?}");
    let merge = offered(
        &sandbox,
        "fish",
        &["otss", "incident", "merge", &second[..2]],
    );
    assert!(merge.iter().any(|c| c.starts_with(&second)), "{merge:?}");
}

#[test]
fn ids_are_offered_by_a_start_in_any_case_and_for_the_state_the_command_acts_on() {
    let sandbox = Sandbox::with_contract(SHENZHEN_5X8);
    let resolved = open(&sandbox, "disk full");
    let still_open = open(&sandbox, "CLB returns 502");
    sandbox.json(&[
        "incident",
        "resolve",
        &resolved,
        "--summary",
        "cleaned",
        "--json",
    ]);
    let typed = resolved[..2].to_lowercase();
    let bash = offered(&sandbox, "bash", &["otss", "incident", "show", &typed]);
    assert!(bash.contains(&resolved), "{typed}: {bash:?}");
    for command in ["close", "reopen"] {
        let bash = offered(&sandbox, "bash", &["otss", "incident", command, ""]);
        assert_eq!(
            bash[..2],
            [resolved.clone(), still_open.clone()],
            "{command}: {bash:?}"
        );
    }
}

/// A contract named on the command line being completed is the one read.
#[test]
fn the_contract_named_on_the_command_line_is_read() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "disk full");
    let contract = site.path().join("otss.toml");
    let words = [
        "otss",
        "--contract",
        contract.to_str().unwrap(),
        "incident",
        "ack",
        "",
    ];
    let elsewhere = Sandbox::default();
    let offered_there = offered(&elsewhere, "bash", &words);
    assert_eq!(offered_there[0], id, "{offered_there:?}");
}

#[test]
fn records_engineers_levels_and_periods_are_offered() {
    let contract = format!("{SHENZHEN_5X8}engineers = [\"li.lei\", \"han.meimei\"]\n");
    let sandbox = Sandbox::with_contract(&contract);
    let opened = open(&sandbox, "disk full");
    let void = offered(&sandbox, "fish", &["otss", "void", ""]);
    assert!(
        void[0].starts_with(&format!("{opened}\t2025-03-04 10:00 li.lei")),
        "{void:?}"
    );
    let engineers = offered(&sandbox, "fish", &["otss", "duty", "set", "2025-05-01", ""]);
    assert_eq!(engineers[..2], ["li.lei", "han.meimei"], "{engineers:?}");
    let levels = offered(&sandbox, "fish", &["otss", "sla", "--level", ""]);
    assert!(
        levels[0].starts_with("1\tthe platform is down"),
        "{levels:?}"
    );
    let levels = sandbox
        .otss()
        .env("OTSS_LANG", "zh")
        .env("COMPLETE", "fish")
        .args(["--", "otss", "sla", "--level", ""])
        .output()
        .unwrap();
    let levels = String::from_utf8(levels.stdout).unwrap();
    assert!(levels.starts_with("1\t平台宕机"), "{levels}");
    let periods = offered(&sandbox, "fish", &["otss", "support", "list", ""]);
    assert!(
        periods.starts_with(&["2025-03".into(), "2025-02".into()]),
        "{periods:?}"
    );
    assert!(periods.contains(&"2025".to_string()), "{periods:?}");
}

#[test]
fn without_a_contract_there_is_nothing_to_offer_and_no_error() {
    let sandbox = Sandbox::default();
    let offered = offered(&sandbox, "fish", &["otss", "incident", "ack", ""]);
    assert!(offered.iter().all(|c| c.starts_with("--")), "{offered:?}");
}
