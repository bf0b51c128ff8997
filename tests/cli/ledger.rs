//! The ledger on disk: format, location, damage, and several writers at once.

use std::fs;
use std::io::Write;
use std::process::Child;

use super::{NOW, SHENZHEN_5X8, Sandbox};
use serde_json::{Value, json};

fn open(site: &Sandbox, title: &str) -> String {
    let v = site.json(&[
        "incident", "open", "--level", "2", "--title", title, "--json",
    ]);
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn records_are_json_lines_with_the_envelope_in_the_engineers_month_file() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "x");
    let files = site.ledger_files();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "2025-03/li.lei.jsonl");
    let record: Value = serde_json::from_str(files[0].1.lines().next().unwrap()).unwrap();
    assert_eq!(record["v"], json!(1));
    assert_eq!(record["id"].as_str().unwrap().len(), 26);
    assert_eq!(record["at"], json!(NOW));
    assert_eq!(record["by"], json!("li.lei"));
    assert_eq!(record["type"], json!("incident.opened"));
    assert_eq!(record["incident"], json!(id));
    let line = files[0].1.lines().next().unwrap();
    let positions: Vec<usize> = [
        "\"v\":",
        "\"id\":",
        "\"at\":",
        "\"by\":",
        "\"type\":",
        "\"incident\":",
    ]
    .iter()
    .map(|key| line.find(key).unwrap())
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "envelope first: {line}"
    );
}

#[test]
fn the_ledger_location_follows_flag_environment_and_contract() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}ledger = \"records\"\n"));
    open(&site, "contract key");
    assert!(site.path().join("records/2025-03/li.lei.jsonl").is_file());
    site.json(&[
        "--ledger",
        "elsewhere",
        "incident",
        "open",
        "--level",
        "1",
        "--title",
        "flag",
        "--json",
    ]);
    assert!(site.path().join("elsewhere/2025-03/li.lei.jsonl").is_file());
    let output = site
        .otss()
        .env("OTSS_LEDGER", "env")
        .args(["incident", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&output.stdout).unwrap(),
        json!([])
    );
    let nested = Sandbox::default();
    nested.write("site/otss.toml", SHENZHEN_5X8);
    nested.json(&[
        "--contract",
        "site/otss.toml",
        "incident",
        "open",
        "--level",
        "1",
        "--title",
        "beside the contract",
        "--json",
    ]);
    assert!(
        nested
            .path()
            .join("site/ledger/2025-03/li.lei.jsonl")
            .is_file()
    );
}

#[test]
fn a_torn_last_line_is_kept_and_the_next_record_starts_a_fresh_line() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "x");
    let path = site.path().join("ledger/2025-03/li.lei.jsonl");
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"v\":1,\"id\":\"01J")
        .unwrap();
    let output = site
        .otss()
        .args(["incident", "ack", &id, "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let err = super::stderr(&output);
    assert!(
        err.contains("li.lei.jsonl:2: torn last line from an interrupted write; safe to leave"),
        "{err}"
    );
    let text = fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1], "{\"v\":1,\"id\":\"01J",
        "the fragment stays where it was"
    );
    assert!(lines[2].contains("\"type\":\"incident.acknowledged\""));
    let v = site.json(&["incident", "show", &id, "--json"]);
    assert_eq!(v["responded_at"], json!(NOW));
}

#[test]
fn a_corrupt_middle_line_is_named_and_every_other_record_counts() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let first = open(&site, "first");
    let path = site.path().join("ledger/2025-03/li.lei.jsonl");
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"this is not a record\n")
        .unwrap();
    let second = open(&site, "second");
    let output = site
        .otss()
        .args(["incident", "list", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let err = super::stderr(&output);
    let expected = format!(
        "warning: {}:2: expected ident at line 1 column 2",
        path.display()
    );
    assert!(err.contains(&expected), "{err}");
    let ids: Vec<Value> = serde_json::from_slice::<Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&json!(first)) && ids.contains(&json!(second)));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("this is not a record\n"),
        "never dropped"
    );
}

#[test]
fn a_record_from_a_newer_otss_asks_for_an_upgrade() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.write("ledger/2025-03/wang.jsonl", "{\"v\":2,\"id\":\"x\",\"at\":\"2025-03-04T10:00:00+08:00\",\"by\":\"wang\",\"type\":\"incident.new_kind\"}\n");
    let err = site.fails(&["incident", "list"], 1);
    assert!(err.contains("2025-03/wang.jsonl:1: the record has schema version 2; this otss reads version 1 and older: upgrade otss"), "{err}");
}

#[test]
fn several_writers_at_once_lose_nothing() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let writers = [
        "li.lei",
        "li.lei",
        "li.lei",
        "wang.fang",
        "wang.fang",
        "zhao.min",
    ];
    let per_writer = 8;
    let children: Vec<Child> = writers
        .iter()
        .enumerate()
        .map(|(n, engineer)| {
            let script = format!(
                "for i in $(seq 1 {per_writer}); do \"$OTSS\" incident open --level 3 --title \"w{n}-$i\" > /dev/null || exit 1; done"
            );
            let otss = site.process();
            let mut shell = std::process::Command::new("sh");
            shell
                .arg("-c")
                .arg(script)
                .current_dir(site.path())
                .env_clear()
                .envs(otss.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("OTSS", otss.get_program())
                .env("OTSS_ENGINEER", engineer);
            shell.spawn().unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let files = site.ledger_files();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2025-03/li.lei.jsonl",
            "2025-03/wang.fang.jsonl",
            "2025-03/zhao.min.jsonl"
        ]
    );
    let mut titles = Vec::new();
    for (_, text) in &files {
        assert!(text.ends_with('\n'));
        for line in text.lines() {
            let record: Value = serde_json::from_str(line).expect("every line is one whole record");
            titles.push(record["title"].as_str().unwrap().to_string());
        }
    }
    titles.sort();
    let mut expected: Vec<String> = (0..writers.len())
        .flat_map(|n| (1..=per_writer).map(move |i| format!("w{n}-{i}")))
        .collect();
    expected.sort();
    assert_eq!(titles, expected);
    let listed = site.json(&["incident", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), writers.len() * per_writer);
}

/// Writes a record of March 2025 by zhao.min, at `at`, its payload `payload` (after the type),
/// entered on March 1st as its id says: the run of `args` at `now` names it as counting
/// nowhere. Returns what the command printed, as JSON.
fn named_as_entered_before_it_happened(at: &str, payload: &str, now: &str, args: &[&str]) -> Value {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let entered = chrono::DateTime::parse_from_rfc3339("2025-03-01T09:00:00+08:00").unwrap();
    let id = ulid::Ulid::from_parts(entered.timestamp_millis() as u64, 7).to_string();
    site.write(
        "ledger/2025-03/zhao.min.jsonl",
        &format!("{{\"v\":1,\"id\":\"{id}\",\"at\":\"{at}\",\"by\":\"zhao.min\",{payload}}}\n"),
    );
    let output = site.run_at(now, args);
    assert!(output.status.success());
    let err = super::stderr(&output);
    assert!(err.contains(&id) && err.contains("counts nowhere"), "{err}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn status_names_an_alert_of_today_entered_before_it_happened_and_counts_it_nowhere() {
    let status = named_as_entered_before_it_happened(
        "2025-03-20T09:00:00+08:00",
        r#""type":"alert.logged","text":"CPU above 90%","class":"noise""#,
        "2025-03-20T10:00:00+08:00",
        &["status", "--json"],
    );
    let alert_round = &status["inspections"][2];
    assert_eq!(alert_round["kind"], json!("alert"));
    assert_eq!(alert_round["done"], json!(0), "no round: {alert_round}");
}

#[test]
fn a_report_names_a_record_of_its_month_entered_before_it_happened() {
    let report = named_as_entered_before_it_happened(
        "2025-03-10T10:00:00+08:00",
        r#""type":"support.logged","text":"asked about CLB","product":"CLB","minutes":30"#,
        "2025-03-20T10:00:00+08:00",
        &["report", "2025-03", "--json"],
    );
    assert_eq!(report["support"]["count"], json!(0), "it is not counted");
}

#[test]
fn a_report_warns_of_its_months_before_the_requests_it_reads_after_them() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let entered = chrono::DateTime::parse_from_rfc3339("2025-03-01T09:00:00+08:00").unwrap();
    let id = |n| ulid::Ulid::from_parts(entered.timestamp_millis() as u64, n).to_string();
    let (consultation, request) = (id(1), id(2));
    site.write(
        "ledger/2025-04/zhao.min.jsonl",
        &format!(
            r#"{{"v":1,"id":"{consultation}","at":"2025-04-10T10:00:00+08:00","by":"zhao.min","type":"support.logged","text":"asked about CLB","product":"CLB","minutes":30}}
"#
        ),
    );
    site.write(
        "ledger/2025-03/zhao.min.jsonl",
        &format!(
            r#"{{"v":1,"id":"{request}","at":"2025-03-10T10:00:00+08:00","by":"zhao.min","type":"request.added","text":"check the CDN bill","in_scope":true,"category":null}}
"#
        ),
    );
    let output = site.run_at(
        "2025-05-06T10:00:00+08:00",
        &["report", "2025-04", "--json"],
    );
    assert!(output.status.success());
    let err = super::stderr(&output);
    let (month, after) = (err.find(&consultation), err.find(&request));
    assert!(month.is_some() && after.is_some(), "{err}");
    assert!(month < after, "the month's record first: {err}");
}

#[test]
fn a_report_names_a_request_of_an_earlier_month_entered_before_it_happened() {
    // Read only as a request that may still wait when April ends, never with April's records.
    let report = named_as_entered_before_it_happened(
        "2025-03-10T10:00:00+08:00",
        r#""type":"request.added","text":"check the CDN bill","in_scope":true,"category":null"#,
        "2025-05-06T10:00:00+08:00",
        &["report", "2025-04", "--json"],
    );
    assert_eq!(
        report["requests"]["waiting"],
        json!(0),
        "{}",
        report["requests"]
    );
}
