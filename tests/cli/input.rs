//! Everyday input (docs/rules.md §9.6): times, days and durations as engineers type them.

use serde_json::Value;

use super::routine::TWO_ITEMS;
use super::{SHENZHEN_5X8, Sandbox};

/// The records of the ledger of `kind`, as written.
fn records(site: &Sandbox, kind: &str) -> Vec<Value> {
    site.ledger_files()
        .iter()
        .flat_map(|(_, text)| text.lines().map(|l| serde_json::from_str(l).unwrap()))
        .filter(|r: &Value| r["type"] == kind)
        .collect()
}

fn last(site: &Sandbox, kind: &str) -> Value {
    records(site, kind).pop().unwrap()
}

#[test]
fn times_are_read_as_engineers_type_them() {
    // Now is Tuesday 2025-03-04 10:00 in Shanghai.
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for (typed, at) in [
        ("09:58", "2025-03-04T09:58:00+08:00"),
        ("00:35", "2025-03-04T00:35:00+08:00"),
        ("today 08:30", "2025-03-04T08:30:00+08:00"),
        ("昨天 14:00", "2025-03-03T14:00:00+08:00"),
        ("3/2 10:30", "2025-03-02T10:30:00+08:00"),
        ("-30m", "2025-03-04T09:30:00+08:00"),
        ("2h ago", "2025-03-04T08:00:00+08:00"),
        ("30分钟前", "2025-03-04T09:30:00+08:00"),
        ("now", "2025-03-04T10:00:00+08:00"),
    ] {
        site.stdout(&["note", "risk", &format!("typed {typed}"), "--at", typed]);
        assert_eq!(last(&site, "note.added")["at"], at, "{typed}");
    }
}

#[test]
fn a_month_and_day_still_to_come_this_year_is_refused_in_both_languages() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let err = site.fails(
        &["--lang", "zh", "note", "risk", "x", "--at", "3/5 10:30"],
        1,
    );
    assert!(err.contains("`3/5 10:30` 按今年（2025 年"), "{err}");
    assert!(err.contains("2024-MM-DD HH:MM"), "{err}");
    let err = site.fails(&["--lang", "en", "note", "risk", "x", "--at", "12/24"], 1);
    assert!(
        err.contains("`12/24` in this year (2025, Asia/Shanghai) is still to come"),
        "{err}"
    );
    assert!(!site.path().join("ledger").exists());
}

#[test]
fn a_time_that_does_not_read_names_the_accepted_forms() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let err = site.fails(&["--lang", "zh", "note", "risk", "x", "--at", "后天"], 1);
    assert!(err.contains("`后天` 不是时间；可用的写法"), "{err}");
    assert!(
        err.contains("昨天 14:00") && err.contains("30分钟前"),
        "{err}"
    );
    let err = site.fails(&["--lang", "en", "note", "risk", "x", "--at", "14"], 1);
    assert!(
        err.contains("`14` is not a time; accepted forms (in Asia/Shanghai)"),
        "{err}"
    );
    let err = site.fails(&["--lang", "en", "duty", "set", "4/31", "li.lei"], 1);
    assert!(err.contains("`4/31` is not a day; accepted forms"), "{err}");
}

/// What is agreed or planned lies ahead (docs/rules.md §9.6): an agreed arrival, an imagined
/// incident, a duty day and a day off taken.
#[test]
fn agreed_and_planned_times_look_ahead() {
    // Now is Tuesday 2025-03-04 10:00.
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let opened = site.json(&[
        "incident", "open", "--level", "1", "--title", "db", "--json",
    ]);
    let id = opened["id"].as_str().unwrap();
    let err = site.fails(&["incident", "onsite", id, "--agreed", "09:00"], 1);
    assert!(
        err.contains("--agreed 2025-03-04T09:00:00+08:00 is before"),
        "{err}"
    );
    assert!(err.contains("tomorrow 10:00"), "{err}");
    site.stdout(&["incident", "onsite", id, "--agreed", "明天 09:30"]);
    let asked = last(&site, "incident.onsite_requested");
    assert_eq!(asked["agreed"], "2025-03-05T09:30:00+08:00");
    site.stdout(&["incident", "onsite", id, "--agreed", "3/6 09:00"]);
    let asked = last(&site, "incident.onsite_requested");
    assert_eq!(asked["agreed"], "2025-03-06T09:00:00+08:00");
    let imagined = site.json(&["sla", "--level", "2", "--at", "3/7 09:00", "--json"]);
    assert_eq!(imagined["reported_at"], "2025-03-07T09:00:00+08:00");
    site.stdout(&["duty", "set", "sat", "li.lei"]);
    assert_eq!(last(&site, "duty.set")["date"], "2025-03-08");
    site.stdout(&["overtime", "log", "sun"]);
    site.stdout(&["overtime", "take", "周五"]);
    assert_eq!(last(&site, "leave.taken")["date"], "2025-03-07");
}

#[test]
fn days_are_read_as_engineers_type_them() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.stdout(&["overtime", "log", "yesterday"]);
    assert_eq!(last(&site, "overtime.logged")["date"], "2025-03-03");
    site.stdout(&["overtime", "log", "sat"]);
    assert_eq!(last(&site, "overtime.logged")["date"], "2025-03-01");
    site.stdout(&["duty", "set", "4/5", "li.lei"]);
    assert_eq!(last(&site, "duty.set")["date"], "2025-04-05");
    let day = site.json(&["inspect", "昨天", "--json"]);
    assert_eq!(day["date"], "2025-03-03");
}

#[test]
fn durations_take_the_contracts_form() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for (typed, minutes) in [("1h", 60), ("90", 90), ("1.5h", 90), ("1h15m", 75)] {
        site.stdout(&[
            "support",
            "log",
            &format!("asked {typed}"),
            "--minutes",
            typed,
        ]);
        assert_eq!(last(&site, "support.logged")["minutes"], minutes, "{typed}");
    }
    site.stdout(&["overtime", "log", "2025-03-01", "--hours", "4h"]);
    assert_eq!(last(&site, "overtime.logged")["hours"], 4.0);
    site.stdout(&["overtime", "log", "2025-03-02", "--hours", "1h30m"]);
    assert_eq!(last(&site, "overtime.logged")["hours"], 1.5);
    let err = site.fails(
        &[
            "--lang",
            "en",
            "overtime",
            "log",
            "2025-02-22",
            "--hours",
            "4x",
        ],
        1,
    );
    assert!(
        err.contains("`4x` is not a duration of up to 24 hours"),
        "{err}"
    );
}

#[test]
fn a_round_on_a_day_argument_needs_only_the_time_of_day() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let args = [
        "inspect",
        "2025-03-03",
        "--kind",
        "monitoring",
        "--all-ok",
        "--at",
        "17:30",
    ];
    site.stdout(&args);
    assert_eq!(
        last(&site, "inspection.round")["at"],
        "2025-03-03T17:30:00+08:00"
    );
}

#[test]
fn the_contract_is_found_from_a_directory_of_its_ledger() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.stdout(&["note", "risk", "x"]);
    let month = site.path().join("ledger/2025-03");
    let output = site
        .otss()
        .current_dir(&month)
        .args(["status", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", super::stderr(&output));
    let err = site
        .otss()
        .current_dir(&month)
        .args([
            "--lang",
            "en",
            "init",
            "--no-input",
            "--customer",
            "x",
            "--mode",
            "5x8",
        ])
        .args(["--start", "2025-01-01", "--end", "2025-12-31"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(1));
    let said = super::stderr(&err);
    assert!(said.contains("already belongs to a site"), "{said}");
    assert!(
        said.contains(&site.path().join("otss.toml").display().to_string()),
        "{said}"
    );
    assert!(!month.join("otss.toml").exists());
}

#[test]
fn no_contract_from_inside_a_ledger_lists_where_it_looked_and_suggests_no_second_one() {
    let site = Sandbox::default();
    site.write("copy/ledger/2025-03/li.lei.jsonl", "");
    let month = site.path().join("copy/ledger/2025-03");
    let output = site
        .otss()
        .current_dir(&month)
        .args(["--lang", "en", "status"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = super::stderr(&output);
    for looked in [
        "copy/ledger/2025-03/otss.toml",
        "copy/ledger/otss.toml",
        "copy/otss.toml",
    ] {
        assert!(
            err.contains(&site.path().join(looked).display().to_string()),
            "{err}"
        );
    }
    assert!(
        err.contains("is a site's ledger whose contract is elsewhere"),
        "{err}"
    );
    assert!(!err.contains("otss init"), "{err}");
}

#[test]
fn a_missing_level_and_title_are_asked_for_at_a_terminal_and_required_elsewhere() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let down = "\\x1b[B";
    let (ok, said) = site.at_terminal(
        &[
            ("Level of the incident", &format!("{down}\\r")),
            ("Title (what is wrong, in a line)", "CLB returns 502\\r"),
        ],
        &["incident", "open"],
    );
    assert!(ok, "{said}");
    for level in ["level 1", "level 2", "level 3", "the platform is down"] {
        assert!(said.contains(level), "{said}");
    }
    let opened = last(&site, "incident.opened");
    assert_eq!(
        (opened["level"].as_u64(), opened["title"].as_str()),
        (Some(2), Some("CLB returns 502"))
    );
    site.fails(&["incident", "open", "--title", "x"], 2);
    site.fails(&["incident", "open", "--level", "1"], 2);
}

#[test]
fn what_the_screen_shows_after_backspace_over_chinese_is_what_is_saved() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let (ok, said) = site.at_terminal(
        &[(
            "Title (what is wrong, in a line)",
            "天府证券有线\\x7f限公司\\r",
        )],
        &["incident", "open", "--level", "3"],
    );
    assert!(ok, "{said}");
    assert_eq!(last(&site, "incident.opened")["title"], "天府证券有限公司");
}

#[test]
fn enter_with_nothing_ticked_asks_what_was_meant() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    let walk = ["inspect", "today", "--kind", "monitoring"];
    let down = "\\x1b[B";
    // Skip this round: nothing is recorded, and nothing is asked of each item.
    let skip = [("Enter confirms", "\\r"), ("What did you mean?", "\\r")];
    let (ok, said) = site.at_terminal(&skip, &walk);
    assert!(ok && !said.contains("What is wrong"), "{said}");
    assert!(!site.path().join("ledger").exists(), "{said}");
    // Back to the list, then tick everything.
    let back = [
        ("Enter confirms", "\\r"),
        ("What did you mean?", &format!("{down}{down}\\r")),
        ("back to the list", "a\\r"),
        ("Record this round", "\\r"),
    ];
    let (ok, said) = site.at_terminal(&back, &walk);
    assert!(
        ok && said.contains("round recorded, 2 items, 0 abnormal"),
        "{said}"
    );
    // Every item abnormal, each described.
    let abnormal = [
        ("Enter confirms", "\\r"),
        ("What did you mean?", &format!("{down}\\r")),
        ("What is wrong with CPU", "97 %\\r"),
        ("What is wrong with Disk", "full\\r"),
        ("Record this round", "\\r"),
    ];
    let (ok, said) = site.at_terminal(&abnormal, &["inspect", "today", "--kind", "monitoring"]);
    assert!(
        ok && said.contains("round recorded, 2 items, 2 abnormal"),
        "{said}"
    );
}

#[test]
fn an_item_is_named_by_its_number_or_a_unique_start() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    let flags: Vec<&str> = "inspect today --kind monitoring --all-ok --json"
        .split(' ')
        .collect();
    site.stdout(
        &[
            &flags[..],
            &["--item", "2=abnormal:full", "--item", "cp=ok"],
        ]
        .concat(),
    );
    let round = last(&site, "inspection.round");
    assert_eq!(round["items"][1]["item"], "Disk");
    assert_eq!(round["items"][1]["result"], "abnormal");
    let three =
        format!("{SHENZHEN_5X8}\n[inspections.monitoring]\nitems = [\"CPU\", \"CLB\", \"Disk\"]\n");
    let site = Sandbox::with_contract(&three);
    let mut ambiguous = vec!["--lang", "en"];
    ambiguous.extend(&flags[..flags.len() - 1]);
    ambiguous.extend(["--item", "c=ok"]);
    let err = site.fails(&ambiguous, 1);
    assert!(
        err.contains("`c` could be any of these items: CPU; CLB"),
        "{err}"
    );
}

#[test]
fn the_term_of_a_new_contract_takes_the_day_forms() {
    let site = Sandbox::default();
    let init = ["init", "--no-input", "--customer", "x", "--mode", "5x8"];
    let err = site.fails(
        &[&init[..], &["--start", "soon", "--end", "12/31"]].concat(),
        1,
    );
    assert!(err.contains("`soon` 不是日期"), "{err}");
    site.stdout(&[&init[..], &["--start", "today", "--end", "12/31"]].concat());
    let text = std::fs::read_to_string(site.path().join("otss.toml")).unwrap();
    assert!(text.contains("start = 2025-03-04"), "{text}");
    assert!(text.contains("end = 2025-12-31"), "{text}");
}
