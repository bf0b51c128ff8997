//! An incident opened twice for one fault merged into the one kept, and the texts of an
//! incident corrected afterwards (docs/rules.md §10.2).

use serde_json::Value;

use super::{SHENZHEN_5X8, Sandbox};

/// A time after everything the tests here record.
const AFTER: &str = "2025-03-04T18:00:00+08:00";

fn site() -> Sandbox {
    Sandbox::with_contract(SHENZHEN_5X8)
}

fn open(site: &Sandbox, now: &str, title: &str) -> String {
    let opened = site.json_at(
        now,
        &[
            "incident", "open", "--level", "2", "--title", title, "--json",
        ],
    );
    opened["id"].as_str().unwrap().to_string()
}

/// A duplicate reported at 10:00 and the incident kept, reported at 10:20 and acknowledged
/// at 10:30: (duplicate, kept).
fn opened_twice(site: &Sandbox) -> (String, String) {
    let duplicate = open(site, "2025-03-04T10:00:00+08:00", "CLB 502");
    let kept = open(site, "2025-03-04T10:20:00+08:00", "CLB returns 502");
    site.stdout_at("2025-03-04T10:30:00+08:00", &["incident", "ack", &kept]);
    (duplicate, kept)
}

fn show(site: &Sandbox, id: &str) -> Value {
    site.json_at(AFTER, &["incident", "show", id, "--json"])
}

#[test]
fn a_duplicate_reported_earlier_moves_the_deadlines_of_the_kept_incident_earlier() {
    let site = site();
    let (duplicate, kept) = opened_twice(&site);
    let before = show(&site, &kept);
    assert_eq!(before["response_due"], "2025-03-04T10:35:00+08:00");
    assert_eq!(before["response_met"], true);

    let merged = site.json_at(
        "2025-03-04T11:00:00+08:00",
        &[
            "incident",
            "merge",
            &duplicate[..4].to_lowercase(),
            &kept.to_lowercase(),
            "--json",
        ],
    );
    assert_eq!(merged["id"], kept.as_str());
    let after = show(&site, &kept);
    assert_eq!(after["reported_at"], "2025-03-04T10:00:00+08:00");
    assert_eq!(after["response_due"], "2025-03-04T10:15:00+08:00");
    assert_eq!(after["responded_at"], "2025-03-04T10:30:00+08:00");
    assert_eq!(after["response_met"], false);
    let events: Vec<&str> = after["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["opened", "opened", "acknowledged", "merged"]);
}

#[test]
fn the_kept_incident_shows_every_action_recorded_on_the_duplicate() {
    let site = site();
    let duplicate = open(&site, "2025-03-04T10:00:00+08:00", "CLB 502");
    site.stdout_at(
        "2025-03-04T10:05:00+08:00",
        &["incident", "note", &duplicate, "backend pool drained"],
    );
    site.stdout_at(
        "2025-03-04T10:10:00+08:00",
        &[
            "incident",
            "resolve",
            &duplicate,
            "--summary",
            "pool refilled",
        ],
    );
    let kept = open(&site, "2025-03-04T10:20:00+08:00", "CLB returns 502");
    site.stdout_at(
        "2025-03-04T11:00:00+08:00",
        &["incident", "merge", &duplicate, &kept],
    );

    let after = show(&site, &kept);
    let entries: Vec<(&str, &str, Value)> = after["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap(),
                e["at"].as_str().unwrap(),
                e["from"].clone(),
            )
        })
        .collect();
    let from_duplicate = Value::from(duplicate.as_str());
    assert_eq!(
        entries,
        [
            (
                "opened",
                "2025-03-04T10:00:00+08:00",
                from_duplicate.clone()
            ),
            ("noted", "2025-03-04T10:05:00+08:00", from_duplicate.clone()),
            ("resolved", "2025-03-04T10:10:00+08:00", from_duplicate),
            ("opened", "2025-03-04T10:20:00+08:00", Value::Null),
            ("merged", "2025-03-04T11:00:00+08:00", Value::Null),
        ]
    );
    assert_eq!(
        after["status"], "open",
        "the duplicate's resolution is not the kept one's"
    );

    let shown = site.stdout_at(AFTER, &["incident", "show", &kept]);
    assert!(
        shown.contains(&format!(
            "[on duplicate {duplicate}] note: backend pool drained"
        )),
        "{shown}"
    );
    let recovery = site.stdout_at(AFTER, &["incident", "report", &kept]);
    assert!(recovery.contains("backend pool drained"), "{recovery}");
    let escaped = format!("on duplicate {duplicate}\\] note: backend pool drained");
    assert!(recovery.contains(&escaped), "{recovery}");
    assert!(recovery.contains("| Level | level 2 |"), "{recovery}");
    let shown_zh = site
        .otss()
        .env("OTSS_NOW", AFTER)
        .env("OTSS_LANG", "zh")
        .args(["incident", "show", &kept])
        .output()
        .unwrap();
    let shown_zh = String::from_utf8(shown_zh.stdout).unwrap();
    assert!(
        shown_zh.contains(&format!("〔记于重复事件 {duplicate}〕")),
        "{shown_zh}"
    );

    site.stdout_at("2025-03-04T11:30:00+08:00", &["undo", "--yes"]);
    let unmerged = show(&site, &kept);
    assert!(
        unmerged["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["from"].is_null()),
        "{unmerged}"
    );
}

#[test]
fn the_kept_incident_takes_the_first_response_recorded_on_the_duplicate() {
    let site = site();
    let duplicate = open(&site, "2025-03-04T10:00:00+08:00", "CLB 502");
    site.stdout_at(
        "2025-03-04T10:05:00+08:00",
        &["incident", "ack", &duplicate],
    );
    let kept = open(&site, "2025-03-04T10:20:00+08:00", "CLB returns 502");
    site.stdout_at(AFTER, &["incident", "merge", &duplicate, &kept]);
    let after = show(&site, &kept);
    assert_eq!(after["responded_at"], "2025-03-04T10:05:00+08:00");
    assert_eq!(after["response_met"], true);
}

#[test]
fn a_merged_duplicate_counts_nowhere_and_points_to_the_incident_kept() {
    let site = site();
    let (duplicate, kept) = opened_twice(&site);
    site.stdout_at(AFTER, &["incident", "merge", &duplicate, &kept]);

    let listed = site.json_at(AFTER, &["incident", "list", "--json"]);
    let ids: Vec<&Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(ids, [&Value::from(kept.as_str())]);
    let report = site.json_at(AFTER, &["report", "2025-03", "--format", "json"]);
    assert_eq!(report["incidents"]["total"], 1);
    assert_eq!(report["incidents"]["response"]["breached"], 1);
    let status = site.stdout_at(AFTER, &["status"]);
    assert!(status.contains("1 open incident"), "{status}");

    let err = site.fails_at(AFTER, &["incident", "show", &duplicate.to_lowercase()], 1);
    assert!(
        err.contains(&format!("merged into incident {kept}")),
        "{err}"
    );
    let err = site.fails_at(AFTER, &["incident", "ack", &duplicate], 1);
    assert!(
        err.contains(&format!("merged into incident {kept}")),
        "{err}"
    );
}

#[test]
fn an_incident_is_not_merged_into_itself_nor_into_one_withdrawn() {
    let site = site();
    let (duplicate, kept) = opened_twice(&site);
    let err = site.fails_at(
        AFTER,
        &["incident", "merge", &kept, &kept.to_lowercase()],
        1,
    );
    assert!(err.contains("cannot be merged into itself"), "{err}");

    let withdrawn = open(&site, "2025-03-04T09:00:00+08:00", "opened by mistake");
    let records = site.ledger_files();
    let line = records[0]
        .1
        .lines()
        .find(|l| l.contains("opened by mistake"))
        .unwrap()
        .to_string();
    let record: Value = serde_json::from_str(&line).unwrap();
    site.stdout_at(
        AFTER,
        &[
            "void",
            record["id"].as_str().unwrap(),
            "--reason",
            "mistake",
        ],
    );
    let err = site.fails_at(AFTER, &["incident", "merge", &duplicate, &withdrawn], 1);
    assert!(err.contains(&withdrawn), "{err}");
    assert_eq!(
        site.json_at(AFTER, &["incident", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn the_latest_amendment_wins_everywhere_and_the_history_stays_visible() {
    let site = site();
    let id = open(&site, "2025-03-04T09:00:00+08:00", "CLB 502");
    site.stdout_at(
        "2025-03-04T09:30:00+08:00",
        &["incident", "resolve", &id, "--summary", "restarted"],
    );
    site.stdout_at(
        "2025-03-04T09:40:00+08:00",
        &[
            "incident",
            "resolve",
            &id,
            "--summary",
            "listener restarted",
            "--cause",
            "expired certificate",
        ],
    );
    site.stdout_at(
        "2025-03-04T09:50:00+08:00",
        &[
            "incident",
            "amend",
            &id.to_lowercase(),
            "--title",
            "CLB returns 502 on HTTPS",
            "--cause",
            "certificate expired",
        ],
    );

    let shown = show(&site, &id);
    assert_eq!(shown["status"], "resolved");
    assert_eq!(shown["resolved_at"], "2025-03-04T09:30:00+08:00");
    assert_eq!(shown["title"], "CLB returns 502 on HTTPS");
    assert_eq!(shown["summary"], "listener restarted");
    assert_eq!(shown["cause"], "certificate expired");
    let amendments = shown["amendments"].as_array().unwrap();
    let history: Vec<(&str, Option<&str>, &str, &str)> = amendments
        .iter()
        .map(|a| {
            (
                a["field"].as_str().unwrap(),
                a["from"].as_str(),
                a["to"].as_str().unwrap(),
                a["at"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            (
                "summary",
                Some("restarted"),
                "listener restarted",
                "2025-03-04T09:40:00+08:00"
            ),
            (
                "cause",
                None,
                "expired certificate",
                "2025-03-04T09:40:00+08:00"
            ),
            (
                "title",
                Some("CLB 502"),
                "CLB returns 502 on HTTPS",
                "2025-03-04T09:50:00+08:00"
            ),
            (
                "cause",
                Some("expired certificate"),
                "certificate expired",
                "2025-03-04T09:50:00+08:00"
            ),
        ]
    );
    assert!(amendments.iter().all(|a| a["by"] == "li.lei"));
    let last = &shown["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["event"], "amended");

    let human = site.stdout_at(AFTER, &["incident", "show", &id]);
    assert!(
        human.contains("amended: Title: CLB returns 502 on HTTPS"),
        "{human}"
    );
    let recovery = site.stdout_at(AFTER, &["incident", "report", &id]);
    assert!(recovery.contains("CLB returns 502 on HTTPS"), "{recovery}");
    assert!(recovery.contains("certificate expired"), "{recovery}");
    assert!(recovery.contains("## Amendments"), "{recovery}");
    let month = site.stdout_at(AFTER, &["report", "2025-03", "--format", "md"]);
    assert!(month.contains("CLB returns 502 on HTTPS"), "{month}");
}

#[test]
fn an_amendment_of_nothing_is_a_usage_error_and_one_that_changes_nothing_is_refused() {
    let site = site();
    let id = open(&site, "2025-03-04T09:00:00+08:00", "CLB 502");
    site.fails_at(AFTER, &["incident", "amend", &id], 2);
    let err = site.fails_at(AFTER, &["incident", "amend", &id, "--title", "CLB 502"], 1);
    assert!(err.contains("nothing to amend"), "{err}");
    let err = site.fails_at(
        AFTER,
        &["incident", "amend", &id, "--cause", "certificate"],
        1,
    );
    assert!(err.contains("has not been resolved"), "{err}");
}
