//! Corrections without editing a file: void, undo, a void of a void (docs/rules.md §10.2).

use serde_json::Value;

use super::{SHENZHEN_5X8, Sandbox};

fn site() -> Sandbox {
    Sandbox::with_contract(SHENZHEN_5X8)
}

fn consultations(site: &Sandbox) -> Vec<Value> {
    site.json(&["support", "list", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

fn id(value: &Value) -> &str {
    value.as_str().unwrap()
}

#[test]
fn a_voided_consultation_counts_nowhere_and_a_void_of_the_void_restores_it() {
    let site = site();
    site.stdout(&["support", "log", "how to resize a CVM"]);
    site.stdout(&["support", "log", "how to resize a CVM", "--force"]);
    let logged = consultations(&site);
    assert_eq!(logged.len(), 2);
    let twice = &logged[1];
    let ledger_before = site.ledger_files();

    let void = site.json(&[
        "void",
        id(&twice["id"]),
        "--reason",
        "logged twice",
        "--json",
    ]);
    assert_eq!(void["target"], twice["id"]);
    assert_eq!(void["record_type"], "support.logged");
    assert_eq!(void["reason"], "logged twice");
    assert_eq!(void["by"], "li.lei");
    assert_eq!(void["restored"], false);
    let left = consultations(&site);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], logged[0]["id"]);
    let report = site.json(&["report", "2025-03", "--format", "json"]);
    assert_eq!(report["support"]["count"], 1);
    // Nothing was taken out of the ledger: the void is one line more.
    let after = site.ledger_files();
    assert!(after[0].1.starts_with(&ledger_before[0].1));
    assert_eq!(after[0].1.lines().count(), 3);

    let err = site.fails(
        &["void", &id(&twice["id"]).to_lowercase(), "--reason", "x"],
        1,
    );
    assert!(err.contains("already void"), "{err}");
    assert!(err.contains(id(&void["id"])), "{err}");

    let restore = site.json(&[
        "void",
        id(&void["id"]),
        "--reason",
        "it was not a repeat",
        "--json",
    ]);
    assert_eq!(restore["restored"], true);
    assert_eq!(restore["record_type"], "record.voided");
    assert_eq!(consultations(&site).len(), 2);
    let report = site.json(&["report", "2025-03", "--format", "json"]);
    assert_eq!(report["support"]["count"], 2);
}

#[test]
fn an_unknown_or_ambiguous_record_id_is_named() {
    let site = site();
    site.stdout(&["support", "log", "one"]);
    let err = site.fails(&["void", "ZZZZZZZZ", "--reason", "x"], 1);
    assert!(err.contains("no record `ZZZZZZZZ`"), "{err}");
    assert!(err.contains("--ids"), "{err}");
    let err = site.fails(&["void", "", "--reason", "x"], 1);
    assert!(err.contains("no record"), "{err}");
    let err = site.fails(&["void", "A", "--reason", " "], 1);
    assert!(err.contains("--reason"), "{err}");
}

#[test]
fn undo_walks_back_through_what_the_engineer_wrote_and_no_one_else() {
    let site = site();
    site.stdout(&["support", "log", "first"]);
    site.stdout(&["note", "risk", "second"]);
    site.otss()
        .env("OTSS_ENGINEER", "wang.fang")
        .args(["support", "log", "a teammate's"])
        .assert()
        .success();
    let undone = site.json(&["undo", "--yes", "--json"]);
    assert_eq!(undone["record_type"], "note.added");
    let undone = site.json(&["undo", "--yes", "--json"]);
    assert_eq!(undone["record_type"], "support.logged");
    let left: Vec<Value> = consultations(&site)
        .iter()
        .map(|c| c["by"].clone())
        .collect();
    assert_eq!(left, ["wang.fang"]);
    let err = site.fails(&["undo", "--yes"], 1);
    assert!(
        err.contains("li.lei has written nothing left to undo"),
        "{err}"
    );
}

#[test]
fn undo_a_void_restores_the_record() {
    let site = site();
    site.stdout(&["support", "log", "kept after all"]);
    let logged = consultations(&site)[0]["id"].clone();
    site.stdout(&["void", id(&logged), "--reason", "wrong site"]);
    assert!(consultations(&site).is_empty());
    let undone = site.json(&["undo", "--yes", "--json"]);
    assert_eq!(undone["restored"], true);
    assert_eq!(consultations(&site)[0]["id"], logged);
}

#[test]
fn undo_asks_at_a_terminal_and_refuses_without_one() {
    let site = site();
    site.stdout(&["support", "log", "asked about"]);
    let err = site.fails(&["undo"], 2);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(consultations(&site).len(), 1);

    let (ok, said) = site.at_terminal(&[("Undo this record?", "n")], &["undo"]);
    assert!(ok, "{said}");
    assert!(said.contains("support.logged"), "{said}");
    assert!(said.contains("asked about"), "{said}");
    assert!(said.contains("not undone"), "{said}");
    assert_eq!(consultations(&site).len(), 1);

    let (ok, said) = site.at_terminal(&[("Undo this record?", "y")], &["undo"]);
    assert!(ok, "{said}");
    assert!(consultations(&site).is_empty(), "{said}");
}

#[test]
fn a_voided_acknowledgement_whose_deadline_passed_turns_the_response_into_a_breach() {
    let site = site();
    let opened = site.json(&[
        "incident", "open", "--level", "1", "--title", "db down", "--json",
    ]);
    let id = opened["id"].as_str().unwrap();
    assert_eq!(opened["response_due"], "2025-03-04T10:15:00+08:00");
    site.stdout_at("2025-03-04T10:10:00+08:00", &["incident", "ack", id]);
    let later = "2025-03-04T11:00:00+08:00";
    assert_eq!(
        site.json_at(later, &["incident", "show", id, "--json"])["response_met"],
        true
    );

    let undone = site.json_at(later, &["undo", "--yes", "--json"]);
    let shown = site.json_at(later, &["incident", "show", id, "--json"]);
    assert_eq!(shown["response_met"], false);
    assert_eq!(shown["responded_at"], Value::Null);
    // The acknowledgement stays in the timeline, struck out with who, when and why.
    let timeline = shown["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0]["id"], id);
    assert_eq!(timeline[0]["voided"], Value::Null);
    let struck = &timeline[1];
    assert_eq!(struck["id"], undone["target"]);
    assert_eq!(struck["event"], "acknowledged");
    assert_eq!(struck["voided"]["by"], "li.lei");
    assert_eq!(struck["voided"]["at"], later);
    let human = site.stdout_at(later, &["incident", "show", id]);
    let line = human.lines().find(|l| l.contains("acknowledged")).unwrap();
    assert!(
        line.starts_with(undone["target"].as_str().unwrap()),
        "{human}"
    );
    assert!(
        line.contains("[voided by li.lei at 2025-03-04 11:00]"),
        "{human}"
    );
    let recovery = site.stdout_at(later, &["incident", "report", id]);
    assert!(
        recovery.contains("\\[voided by li.lei at 2025-03-04 11:00\\] acknowledged"),
        "{recovery}"
    );
    let report = site.json_at(later, &["report", "2025-03", "--format", "json"]);
    assert_eq!(report["incidents"]["response"]["breached"], 1);
    let status = site.stdout_at(later, &["status"]);
    assert!(status.contains("1 open incident"), "{status}");
}

#[test]
fn a_voided_opening_withdraws_the_incident_everywhere() {
    let site = site();
    let opened = site.json(&[
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "opened by mistake",
        "--json",
    ]);
    let id = opened["id"].as_str().unwrap();
    site.stdout(&["incident", "ack", id]);
    site.stdout(&["void", id, "--reason", "not a fault: a planned change"]);
    assert_eq!(
        site.json(&["incident", "list", "--json"]),
        serde_json::json!([])
    );
    let report = site.json(&["report", "2025-03", "--format", "json"]);
    assert_eq!(report["incidents"]["total"], 0);
    let status = site.stdout(&["status"]);
    assert!(status.contains("0 open incidents"), "{status}");
}

#[test]
fn a_void_written_in_a_later_month_withdraws_the_record_from_its_own_months_report() {
    let site = site();
    site.stdout(&["request", "add", "把 IDC 的数据迁移到 TencentDB"]);
    let request = site.json(&["request", "list", "--json"])[0]["id"].clone();
    let april = "2025-04-02T10:00:00+08:00";
    site.stdout_at(
        april,
        &["void", id(&request), "--reason", "the customer withdrew it"],
    );
    for now in [april, "2025-05-06T10:00:00+08:00"] {
        let report = site.json_at(now, &["report", "2025-03", "--format", "json"]);
        assert_eq!(report["requests"]["total"], 0, "{now}");
        let listed = site.json_at(now, &["request", "list", "2025-03", "--json"]);
        assert_eq!(listed, serde_json::json!([]), "{now}");
    }
    // The same without the index the cache keeps: a fresh read finds the void too.
    std::fs::remove_dir_all(site.path().join("cache")).unwrap();
    let report = site.json_at(april, &["report", "2025-03", "--format", "json"]);
    assert_eq!(report["requests"]["total"], 0);
}

#[test]
fn the_report_lists_the_corrections_of_its_records_and_an_issued_report_changed_since_is_flagged() {
    let site = site();
    site.stdout(&["support", "log", "how to resize a CVM"]);
    site.stdout_at(
        "2025-02-27T10:00:00+08:00",
        &["note", "risk", "in February"],
    );
    let march = site.json(&["support", "list", "--json"])[0]["id"].clone();
    site.stdout(&["report", "issue", "2025-02", "--at", "2025-03-03 09:00"]);
    site.stdout(&["report", "issue", "2025-03"]);
    let due = |now| site.json_at(now, &["report", "due", "--json"]);
    let changed = |due: &Value, month: &str| {
        due.as_array()
            .unwrap()
            .iter()
            .find(|r| r["month"] == month)
            .unwrap()["changed_since_issued"]
            .clone()
    };
    assert_eq!(changed(&due(super::NOW), "2025-03"), false);

    let later = "2025-03-06T09:30:00+08:00";
    site.stdout_at(
        later,
        &["void", id(&march), "--reason", "asked by another customer"],
    );
    let after = due(later);
    assert_eq!(changed(&after, "2025-03"), true);
    assert_eq!(
        changed(&after, "2025-02"),
        false,
        "nothing of February was corrected"
    );
    assert_eq!(changed(&after, "2025-04"), false, "not issued");
    let status = site.stdout_at(later, &["status"]);
    assert!(
        status.contains("reports changed since issued (check them and issue again): 2025-03"),
        "{status}"
    );

    let report = site.json_at(later, &["report", "2025-03", "--format", "json"]);
    let corrections = report["corrections"].as_array().unwrap();
    assert_eq!(corrections.len(), 1);
    let correction = &corrections[0];
    assert_eq!(correction["id"], march);
    assert_eq!(correction["record_type"], "support.logged");
    assert_eq!(correction["action"], "voided");
    assert_eq!(correction["by"], "li.lei");
    assert_eq!(correction["at"], later);
    assert_eq!(correction["reason"], "asked by another customer");
    let february = site.json_at(later, &["report", "2025-02", "--format", "json"]);
    assert_eq!(february["corrections"], serde_json::json!([]));
    let markdown = site.stdout_at(later, &["report", "2025-03", "--format", "md"]);
    assert!(markdown.contains("## 10. Corrections"), "{markdown}");
    assert!(
        markdown.contains("support.logged | voided | asked by another customer | li.lei |"),
        "{markdown}"
    );
    let html = site.stdout_at(later, &["report", "2025-03", "--format", "html"]);
    assert!(html.contains("asked by another customer"), "{html}");
    let table = site.stdout_at(later, &["report", "2025-03"]);
    let corrections = table.split("10. Corrections").nth(1).unwrap_or_default();
    assert!(corrections.contains("voided"), "{table}");
}

/// For each list of records: the id its JSON gives is shown by `--ids`, and voiding by it
/// takes the record off the list.
#[test]
fn every_list_of_records_shows_ids_that_void_takes() {
    let site = site();
    site.stdout(&["support", "log", "how to resize a CVM"]);
    site.stdout(&["backup", "check", "--job", "TencentDB daily", "--ok"]);
    site.stdout(&["note", "suggestion", "enable CLB access logs"]);
    site.stdout(&["request", "add", "please check the CDN bill"]);
    site.stdout(&["duty", "set", "2025-03-08", "li.lei"]);
    site.stdout(&["overtime", "log", "2025-03-01"]);
    type Items = fn(&Value) -> Vec<Value>;
    let lists: [(&[&str], Items); 6] = [
        (&["support", "list"], |v| v.as_array().unwrap().clone()),
        (&["backup", "status"], |v| {
            v["checks"].as_array().unwrap().clone()
        }),
        (&["note", "list"], |v| v.as_array().unwrap().clone()),
        (&["request", "list"], |v| v.as_array().unwrap().clone()),
        (&["duty", "list"], |v| {
            let days = v.as_array().unwrap();
            days.iter()
                .filter(|d| d["covered"] == true)
                .cloned()
                .collect()
        }),
        (&["overtime", "list"], |v| v.as_array().unwrap().clone()),
    ];
    for (list, items) in lists {
        let json = [list, &["--json"]].concat();
        let listed = items(&site.json(&json));
        assert_eq!(listed.len(), 1, "{list:?}");
        let record = id(&listed[0]["id"]).to_string();
        let with_ids = [list, &["--ids"]].concat();
        let shown = site.stdout(&with_ids);
        assert!(shown.contains(&format!("{record} · ")), "{list:?}: {shown}");
        site.stdout(&["void", &record, "--reason", "recorded by mistake"]);
        assert!(
            items(&site.json(&json)).is_empty(),
            "{list:?} after the void"
        );
    }
}

#[test]
fn merges_and_amendments_of_the_periods_incidents_are_listed_as_corrections() {
    let site = site();
    let open = |title: &str, at: &str| {
        site.json_at(
            at,
            &[
                "incident", "open", "--level", "2", "--title", title, "--json",
            ],
        )["id"]
            .clone()
    };
    let duplicate = open("CLB 502 on the shop", "2025-03-04T09:00:00+08:00");
    let kept = open("shop returns 502", "2025-03-04T09:05:00+08:00");
    site.stdout(&["incident", "merge", id(&duplicate), id(&kept)]);
    site.stdout(&[
        "incident",
        "amend",
        id(&kept),
        "--title",
        "CLB 502 on the shop front",
    ]);
    let report = site.json(&["report", "2025-03", "--format", "json"]);
    let corrections = report["corrections"].as_array().unwrap();
    let actions: Vec<&Value> = corrections.iter().map(|c| &c["action"]).collect();
    assert_eq!(actions, ["merged", "amended"], "{corrections:?}");
    let (merged, amended) = (&corrections[0], &corrections[1]);
    assert_eq!(merged["id"], duplicate);
    assert_eq!(merged["record_type"], "incident.opened");
    assert_eq!(merged["merged_into"], kept);
    assert_eq!(amended["id"], kept);
    assert_eq!(amended["record_type"], "incident.amended");
    assert_eq!(amended["fields"], serde_json::json!(["title"]));
    assert_eq!(amended["by"], "li.lei");
    let markdown = site.stdout(&["report", "2025-03", "--format", "md"]);
    assert!(
        markdown.contains(&format!("| merged | into incident {} |", id(&kept))),
        "{markdown}"
    );
    assert!(markdown.contains("| amended | Title |"), "{markdown}");
}

#[test]
fn a_response_entered_more_than_an_hour_late_counts_and_is_marked_entered_later() {
    let site = site();
    let evening = "2025-03-04T20:00:00+08:00";
    let next_morning = "2025-03-05T09:00:00+08:00";
    let opened = site.json_at(
        evening,
        &[
            "incident", "open", "--level", "2", "--title", "VPN down", "--json",
        ],
    );
    let id = id(&opened["id"]).to_string();
    site.stdout_at(
        next_morning,
        &["incident", "ack", &id, "--at", "2025-03-04 20:10"],
    );
    let shown = site.json_at(next_morning, &["incident", "show", &id, "--json"]);
    assert_eq!(shown["response_met"], true);
    let marks = shown["entered_later"].as_array().unwrap();
    assert_eq!(marks.len(), 1, "{shown}");
    assert_eq!(marks[0]["clock"], "response");
    assert_eq!(marks[0]["at"], "2025-03-04T20:10:00+08:00");
    assert_eq!(marks[0]["entered_at"], next_morning);
    let report = site.json_at(next_morning, &["report", "2025-03", "--format", "json"]);
    assert_eq!(
        report["incidents"]["list"][0]["entered_later"][0]["clock"],
        "response"
    );
    let recovery = site.stdout_at(next_morning, &["incident", "report", &id]);
    assert!(recovery.contains("## Entered later"), "{recovery}");
}

/// The index keeps only a job's latest checks of each month: when voids withdraw all of them,
/// the one before still counts as the job's latest, in `backup status` and in `status`.
#[test]
fn a_job_whose_latest_checks_are_voided_is_as_its_check_before_them_left_it() {
    let site = site();
    let check = |at: &str, result: &[&str]| {
        let args = [&["backup", "check", "--job", "TencentDB daily"][..], result].concat();
        site.stdout_at(at, &args);
    };
    check("2025-03-03T10:00:00+08:00", &["--failed", "disk full"]);
    check("2025-03-04T10:00:00+08:00", &["--ok"]);
    check("2025-03-05T10:00:00+08:00", &["--ok"]);
    let now = "2025-03-05T11:00:00+08:00";
    let jobs = |site: &Sandbox| site.json_at(now, &["backup", "status", "--json"])["jobs"].clone();
    assert_eq!(jobs(&site)[0]["ok"], true);
    let checks = site.json_at(now, &["backup", "status", "--json"])["checks"].clone();
    for later in &checks.as_array().unwrap()[1..] {
        let void = [
            "void",
            id(&later["id"]),
            "--reason",
            "checked the wrong job",
        ];
        site.stdout_at(now, &void);
    }
    let latest = jobs(&site);
    assert_eq!(latest.as_array().unwrap().len(), 1);
    assert_eq!(latest[0]["id"], checks[0]["id"]);
    assert_eq!(latest[0]["ok"], false);
    let status = site.json_at(now, &["status", "--json"]);
    assert_eq!(
        status["backups"]["failing"][0]["id"], checks[0]["id"],
        "{status}"
    );
}
