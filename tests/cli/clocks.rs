//! The rules every incident clock keeps (docs/rules.md §2.11, §2.13): breaches are permanent,
//! a repeated request never moves the arrival later, a reopened incident takes a new request,
//! a raised level starts the clocks it has, agreements may be recorded afterwards; the level
//! history; the level definitions wherever a level is chosen.

use super::{SHENZHEN_5X8, Sandbox};
use serde_json::{Value, json};

/// "Now" for these tests: well after every time recorded.
const NOW: &str = "2026-06-30T12:00:00+08:00";

/// Runs `otss incident ARGS --json` at [`NOW`].
fn incident(site: &Sandbox, args: &[&str]) -> Value {
    let mut all = vec!["incident"];
    all.extend_from_slice(args);
    all.push("--json");
    site.json_at(NOW, &all)
}

/// Opens an incident of `level` at `at` (local time), with presence asked when `onsite`;
/// returns its id.
fn open(site: &Sandbox, level: &str, at: &str, onsite: bool) -> String {
    let mut args = vec!["open", "--level", level, "--title", "CLB 502", "--at", at];
    if onsite {
        args.push("--onsite");
    }
    incident(site, &args)["id"].as_str().unwrap().to_string()
}

fn resolve(site: &Sandbox, id: &str, at: &str) -> Value {
    incident(site, &["resolve", id, "--at", at, "--summary", "ok"])
}

fn show(site: &Sandbox, id: &str) -> Value {
    incident(site, &["show", id])
}

/// A level-1 incident reported on National Day (off hours: answered within 30 minutes, by
/// 10:30), lowered to level 3 at `lowered_at`, acknowledged at 11:00; its id and JSON.
fn lowered_then_acknowledged(site: &Sandbox, lowered_at: &str) -> (String, Value) {
    let id = open(site, "1", "2025-10-04 10:00", false);
    incident(site, &["level", &id, "3", "--at", lowered_at]);
    let v = incident(site, &["ack", &id, "--at", "2025-10-04 11:00"]);
    (id, v)
}

#[test]
fn lowering_the_level_after_an_unanswered_deadline_keeps_the_breach() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let (id, v) = lowered_then_acknowledged(&site, "2025-10-04 10:45");
    assert_eq!(v["response_due"], json!("2025-10-04T10:30:00+08:00"));
    assert_eq!(v["response_met"], json!(false));
    resolve(&site, &id, "2025-10-04 11:30");
    let report = site.json_at(NOW, &["incident", "report", &id, "--format", "json"]);
    assert_eq!(report["clocks"][0]["clock"], json!("response"));
    assert_eq!(report["clocks"][0]["met"], json!(false));
    let markdown = site.stdout_at(NOW, &["incident", "report", &id]);
    assert!(markdown.contains("breached"), "{markdown}");
}

#[test]
fn lowering_the_level_before_the_deadline_moves_it_later() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let (_, v) = lowered_then_acknowledged(&site, "2025-10-04 10:20");
    assert_eq!(v["response_due"], json!("2025-10-04T12:00:00+08:00"));
    assert_eq!(v["response_met"], json!(true));
}

#[test]
fn lowering_the_level_after_a_missed_arrival_keeps_the_breach_after_resolution() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    // Two engineers in Shenzhen: on site within 2 hours, by 12:00.
    let id = open(&site, "1", "2025-10-04 10:00", true);
    incident(&site, &["level", &id, "3", "--at", "2025-10-04 12:30"]);
    let v = resolve(&site, &id, "2025-10-04 13:00");
    assert_eq!(v["arrival_due"], json!("2025-10-04T12:00:00+08:00"));
    assert_eq!(
        v["arrival_met"],
        json!(false),
        "not a clock no longer needed"
    );
}

#[test]
fn a_repeated_request_never_moves_the_arrival_later() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "1", "2025-10-04 22:00", true);
    incident(&site, &["onsite", &id, "--at", "2025-10-04 23:59"]);
    let v = incident(&site, &["arrive", &id, "--at", "2025-10-05 01:00"]);
    assert_eq!(v["arrival_due"], json!("2025-10-05T00:00:00+08:00"));
    assert_eq!(v["arrival_met"], json!(false));
}

#[test]
fn a_reopened_incident_takes_a_new_request_and_the_earlier_arrival_keeps_its_verdict() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "1", "2025-10-04 10:00", true);
    incident(&site, &["arrive", &id, "--at", "2025-10-04 11:00"]);
    resolve(&site, &id, "2025-10-04 11:30");
    incident(&site, &["reopen", &id, "--at", "2025-10-04 14:00"]);
    incident(&site, &["onsite", &id, "--at", "2025-10-04 14:10"]);
    let v = incident(&site, &["arrive", &id, "--at", "2025-10-04 17:00"]);
    assert_eq!(v["arrival_due"], json!("2025-10-04T16:10:00+08:00"));
    assert_eq!(v["arrived_at"], json!("2025-10-04T17:00:00+08:00"));
    assert_eq!(v["arrival_met"], json!(false));
    let arrivals: Vec<(&Value, &Value)> = v["arrivals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (&a["due"], &a["met"]))
        .collect();
    assert_eq!(
        arrivals,
        [
            (&json!("2025-10-04T12:00:00+08:00"), &json!(true)),
            (&json!("2025-10-04T16:10:00+08:00"), &json!(false)),
        ]
    );
    let arrived = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == json!("arrived"))
        .count();
    assert_eq!(arrived, 2, "both arrivals stay in the timeline");
}

#[test]
fn raising_the_level_starts_the_arrival_clock_the_new_level_has() {
    let contract = SHENZHEN_5X8.replace("mode = \"5x8\"", "mode = \"7x24\"")
        + "\n[sla.level1]\narrival = \"1h\"\n";
    let site = Sandbox::with_contract(&contract);
    let id = open(&site, "2", "2025-10-04 10:00", true);
    assert_eq!(show(&site, &id)["arrival_due"], json!(null));
    let v = incident(&site, &["level", &id, "1", "--at", "2025-10-04 10:20"]);
    assert_eq!(v["arrival_due"], json!("2025-10-04T11:00:00+08:00"));
    assert_eq!(v["arrival_met"], json!(false), "nobody on site by 11:00");
}

#[test]
fn an_agreement_is_recorded_after_arrival_with_the_time_it_was_made() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "1", "2025-10-04 22:00", true);
    incident(&site, &["arrive", &id, "--at", "2025-10-05 01:00"]);
    assert_eq!(show(&site, &id)["arrival_met"], json!(false));
    let agreed = [
        "onsite",
        &id,
        "--at",
        "2025-10-04 23:30",
        "--agreed",
        "2025-10-05 01:30",
    ];
    let v = incident(&site, &agreed);
    assert_eq!(v["arrival_due"], json!("2025-10-05T01:30:00+08:00"));
    assert_eq!(v["arrival_met"], json!(true));
}

#[test]
fn an_agreement_made_after_the_breach_cannot_move_the_deadline() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "1", "2025-10-04 22:00", true);
    let late = [
        "incident",
        "onsite",
        &id,
        "--at",
        "2025-10-05 00:30",
        "--agreed",
        "2025-10-05 02:00",
    ];
    let err = site.fails_at(NOW, &late, 1);
    assert!(err.contains("the breach stands"), "{err}");
    assert_eq!(
        show(&site, &id)["arrival_due"],
        json!("2025-10-05T00:00:00+08:00")
    );
}

#[test]
fn the_level_history_is_shown_with_who_changed_it() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let id = open(&site, "3", "2025-10-04 10:00", false);
    let mut level = site.otss();
    level
        .env("OTSS_NOW", NOW)
        .env("OTSS_ENGINEER", "wang.fang")
        .args(["incident", "level", &id, "1", "--at", "2025-10-04 10:10"])
        .assert()
        .success();
    assert_eq!(
        show(&site, &id)["levels"],
        json!([
            {"level": 3, "at": "2025-10-04T10:00:00+08:00", "by": "li.lei"},
            {"level": 1, "at": "2025-10-04T10:10:00+08:00", "by": "wang.fang"},
        ])
    );
    let human = site.stdout_at(NOW, &["incident", "show", &id]);
    assert!(human.contains("wang.fang"), "{human}");
    resolve(&site, &id, "2025-10-04 11:00");
    let markdown = site.stdout_at(NOW, &["incident", "report", &id]);
    assert!(markdown.contains("wang.fang"), "{markdown}");
    let month = site.json_at(NOW, &["report", "2025-10", "--format", "json"]);
    let line = &month["incidents"]["list"][0];
    assert_eq!(line["levels"], show(&site, &id)["levels"]);
    let table = site.stdout_at(NOW, &["report", "2025-10", "--format", "md"]);
    assert!(table.contains("→ level 1"), "{table}");
}

#[test]
fn help_and_contract_show_give_the_level_definitions_in_the_readers_language() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let platform_down = "the platform is down, or cannot operate normally";
    for command in ["open", "level"] {
        let help = site.stdout_at(NOW, &["incident", command, "--help"]);
        assert!(help.contains(platform_down), "{help}");
        let zh = site.stdout_at(NOW, &["--lang", "zh", "incident", command, "--help"]);
        assert!(zh.contains("平台宕机或无法正常运行"), "{zh}");
    }
    let mut sla_help = site.otss();
    sla_help.env("OTSS_LANG", "zh").args(["sla", "--help"]);
    let zh = String::from_utf8(sla_help.output().unwrap().stdout).unwrap();
    assert!(zh.contains("一般性的功能或性能故障"), "{zh}");
    let shown = site.stdout_at(NOW, &["contract", "show"]);
    assert!(shown.contains(platform_down), "{shown}");
    let zh = site.stdout_at(NOW, &["--lang", "zh", "contract", "show"]);
    assert!(zh.contains("部分功能故障或性能严重下降"), "{zh}");
    let json = site.json_at(NOW, &["contract", "show", "--json"]);
    assert!(json["level_definitions"]["3"].is_string(), "{json}");
}

#[test]
fn a_missing_level_is_asked_for_at_a_terminal_and_a_usage_error_elsewhere() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let args = [
        "incident",
        "open",
        "--title",
        "CLB 502",
        "--at",
        "2025-10-04 10:00",
    ];
    let err = site.fails_at(NOW, &args, 2);
    assert!(err.contains("--level"), "{err}");
    let env = [("OTSS_NOW", NOW)];
    // Down once: the second choice, level 2.
    let answers = [("some functions fail", "\u{1b}[B\r")];
    let output = site.in_terminal(&env, &answers, &args);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("the platform is down"), "{said}");
    let list = site.json_at(NOW, &["incident", "list", "--json"]);
    assert_eq!(list[0]["level"], json!(2));
}
