//! Chained ledger files and fingerprints of issued reports (docs/rules.md §10.6, §10.7).

use std::fs;

use serde_json::Value;

use crate::{SHENZHEN_5X8, Sandbox};

const FILE: &str = "ledger/2025-03/li.lei.jsonl";

/// A site with three consultations logged by li.lei in March.
fn three_records() -> Sandbox {
    let sandbox = Sandbox::with_contract(SHENZHEN_5X8);
    for (minute, text) in [(1, "first"), (2, "second"), (3, "third")] {
        let now = format!("2025-03-04T10:0{minute}:00+08:00");
        sandbox.stdout_at(&now, &["support", "log", text]);
    }
    sandbox
}

fn lines(sandbox: &Sandbox) -> Vec<String> {
    let text = fs::read_to_string(sandbox.path().join(FILE)).unwrap();
    text.lines().map(str::to_string).collect()
}

fn rewrite(sandbox: &Sandbox, lines: &[String]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(sandbox.path().join(FILE), text).unwrap();
}

/// The chain problems `otss check --json` reports, as (line, cause).
fn chain_breaks(sandbox: &Sandbox) -> Vec<(u64, String)> {
    let output = sandbox.run_at("2025-03-05T10:00:00+08:00", &["check", "--json"]);
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    found["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "chain_broken")
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["cause"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn every_record_names_the_line_it_follows_and_the_first_its_file() {
    let sandbox = three_records();
    let lines = lines(&sandbox);
    let prev = |line: &str| serde_json::from_str::<Value>(line).unwrap()["prev"].clone();
    let hash = |bytes: &[u8]| blake3::hash(bytes).to_hex().to_string();
    assert_eq!(prev(&lines[0]), hash(b"2025-03/li.lei.jsonl"));
    assert_eq!(prev(&lines[2]), hash(lines[1].as_bytes()));
    assert!(chain_breaks(&sandbox).is_empty());
}

#[test]
fn an_edited_an_inserted_and_a_removed_line_each_break_the_chain_where_they_are() {
    let sandbox = three_records();
    let original = lines(&sandbox);
    let mut edited = original.clone();
    edited[0] = edited[0].replace("first", "FIRST");
    let forged = original[1]
        .replace("second", "forged")
        .replace(r#""prev":"#, r#""was":"#);
    let inserted = [&original[..1], &[forged], &original[1..]].concat();
    let mut removed = original.clone();
    removed.remove(1);
    for (file, line, cause) in [
        (edited, 2, "edited_or_removed"),
        (inserted, 2, "inserted"),
        (removed, 2, "edited_or_removed"),
    ] {
        rewrite(&sandbox, &file);
        assert_eq!(chain_breaks(&sandbox), [(line, cause.to_string())]);
    }
}

#[test]
fn a_ledger_written_before_the_chain_checks_intact_and_its_files_go_on_chained() {
    let sandbox = three_records();
    let legacy: Vec<String> = lines(&sandbox)
        .iter()
        .map(|line| {
            let mut record: Value = serde_json::from_str(line).unwrap();
            record.as_object_mut().unwrap().remove("prev");
            record.to_string()
        })
        .collect();
    rewrite(&sandbox, &legacy);
    sandbox.stdout_at("2025-03-05T10:00:00+08:00", &["check"]);
    sandbox.stdout_at("2025-03-05T10:00:00+08:00", &["support", "log", "fourth"]);
    let now = lines(&sandbox);
    let last: Value = serde_json::from_str(&now[3]).unwrap();
    assert_eq!(
        last["prev"],
        blake3::hash(now[2].as_bytes()).to_hex().to_string()
    );
    sandbox.stdout_at("2025-03-05T10:00:00+08:00", &["check"]);
}

/// Issues the March report, as han.mei (whose file it goes in), and returns its fingerprint.
fn issue(sandbox: &Sandbox) -> String {
    let output = sandbox
        .otss()
        .env("OTSS_ENGINEER", "han.mei")
        .env("OTSS_NOW", "2025-03-05T10:00:00+08:00")
        .args(["report", "issue", "2025-03", "--json"])
        .output()
        .unwrap();
    let issued: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(issued["period"], "2025-03");
    assert!(issued["issued_at"].is_string());
    issued["fingerprint"].as_str().unwrap().to_string()
}

fn verify(sandbox: &Sandbox, fingerprint: &str) -> (bool, Value) {
    let output = sandbox.run_at(
        "2025-03-06T10:00:00+08:00",
        &["verify", fingerprint, "--json"],
    );
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.success(), found["ok"] == true, "{found}");
    (output.status.success(), found)
}

#[test]
fn verify_holds_after_appends_and_names_the_place_of_an_edit_a_removal_and_a_truncation() {
    let sandbox = three_records();
    let fingerprint = issue(&sandbox);
    assert_eq!(fingerprint.len(), 39);
    assert_eq!(fingerprint.split('-').count(), 8);
    sandbox.stdout_at("2025-03-06T09:00:00+08:00", &["support", "log", "later"]);
    assert!(verify(&sandbox, &fingerprint).0);
    assert!(verify(&sandbox, &fingerprint.replace('-', " ").to_uppercase()).0);
    let original = lines(&sandbox);
    let mut edited = original.clone();
    edited[0] = edited[0].replace("first", "FIRST");
    let mut removed = original.clone();
    removed.remove(1);
    let truncated = original[..2].to_vec();
    for (file, kind, line) in [
        (edited, "changed", 2),
        (removed, "changed", 2),
        (truncated, "shorter", 3),
    ] {
        rewrite(&sandbox, &file);
        let (ok, found) = verify(&sandbox, &fingerprint);
        assert!(!ok);
        let departure = &found["departure"];
        assert_eq!(departure["kind"], kind, "{found}");
        assert_eq!(departure["file"], "2025-03/li.lei.jsonl");
        assert_eq!(departure["line"], line, "{found}");
    }
    let (ok, found) = verify(&sandbox, "0000-0000-0000-0000-0000-0000-0000-0000");
    assert!(!ok);
    assert_eq!(found["departure"]["kind"], "not_issued");
}

#[test]
fn an_issued_report_prints_its_fingerprint_in_every_format() {
    let sandbox = three_records();
    let now = "2025-03-06T10:00:00+08:00";
    let report = |format: &str| sandbox.stdout_at(now, &["report", "2025-03", "--format", format]);
    for format in ["table", "md", "html", "json"] {
        assert!(!report(format).contains("Ledger fingerprint"), "{format}");
    }
    let fingerprint = issue(&sandbox);
    for format in ["table", "md", "html"] {
        let shown = report(format);
        assert!(shown.contains("Ledger fingerprint"), "{format}: {shown}");
        assert!(shown.contains(&fingerprint), "{format}: {shown}");
    }
    let json = sandbox.json_at(now, &["report", "2025-03", "--json"]);
    assert_eq!(json["fingerprint"], fingerprint.as_str());
}
