//! Routine service work: inspections, risks, backups, support, requests, notes, overtime,
//! duty, and what `otss status` says of them.

use super::{SHENZHEN_5X8, Sandbox};
use serde_json::{Value, json};

const SEVEN_BY_24: &str = r#"
customer = "Example Exchange"
mode = "7x24"
start = 2025-01-01
end = 2025-12-31
language = "en"
"#;

/// "Now" at 10:00 on `day`.
fn morning(day: &str) -> String {
    format!("{day}T10:00:00+08:00")
}

fn due(v: &Value, kind: &str) -> (Value, Value) {
    let entry = v["due"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == kind)
        .unwrap();
    (entry["required"].clone(), entry["done"].clone())
}

#[test]
fn rounds_are_due_on_working_days_of_the_national_calendar_under_5x8() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for (day, working, required) in [
        ("2025-04-27", true, 1),  // a make-up Sunday
        ("2025-03-09", false, 0), // an ordinary Sunday
        ("2025-05-01", false, 0), // Labour Day
    ] {
        let v = site.json_at(&morning(day), &["inspect", "today", "--json"]);
        assert_eq!(v["date"], json!(day));
        assert_eq!(v["working"], json!(working), "{day}");
        for kind in ["monitoring", "resource", "alert"] {
            assert_eq!(due(&v, kind), (json!(required), json!(0)), "{day} {kind}");
        }
    }
    let v = site.json_at(
        &morning("2025-04-27"),
        &[
            "inspect",
            "today",
            "--kind",
            "monitoring",
            "--all-ok",
            "--json",
        ],
    );
    assert_eq!(
        v["due"],
        json!([{"kind": "monitoring", "required": 1, "done": 1, "rounds": 1}])
    );
}

#[test]
fn a_7x24_site_does_two_monitoring_rounds_a_day_and_extras_never_fill_another_day() {
    let site = Sandbox::with_contract(SEVEN_BY_24);
    let now = morning("2025-03-04");
    for at in ["2025-03-04 02:00", "2025-03-04 09:00", "2025-03-04 21:00"] {
        let v = site.json_at(
            &now.replace("10:00", "23:00"),
            &[
                "inspect",
                "2025-03-04",
                "--kind",
                "monitoring",
                "--all-ok",
                "--at",
                at,
                "--json",
            ],
        );
        assert_eq!(v["due"][0]["required"], json!(2));
    }
    let v = site.json_at(&morning("2025-03-05"), &["inspect", "today", "--json"]);
    assert_eq!(due(&v, "monitoring"), (json!(2), json!(0)));
    assert_eq!(due(&v, "alert"), (json!(1), json!(0)));
    let coverage = site.json_at(
        &morning("2025-03-05"),
        &["inspect", "status", "2025-03", "--json"],
    );
    let days = coverage["days"].as_array().unwrap();
    assert_eq!(days.len(), 5, "March 1st to today");
    let march_4 = days.iter().find(|d| d["date"] == "2025-03-04").unwrap();
    assert_eq!(
        march_4["due"][0],
        json!({"kind": "monitoring", "required": 2, "done": 2, "rounds": 3})
    );
    assert_eq!(
        coverage["kinds"][0],
        json!({"kind": "monitoring", "required": 10, "done": 2, "rounds": 3})
    );
}

#[test]
fn without_a_terminal_and_without_flags_nothing_is_asked_and_nothing_recorded() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let out = site.stdout(&["inspect", "today"]);
    assert!(
        out.contains("Monitoring inspection: 0 of 1 done, 1 missing"),
        "{out}"
    );
    assert!(
        out.contains("record a round: otss inspect today --kind KIND --all-ok"),
        "{out}"
    );
    assert!(!site.path().join("ledger").exists());
}

#[test]
fn results_are_checked_against_the_checklist() {
    let site = Sandbox::with_contract(&format!(
        "{SHENZHEN_5X8}\n[inspections.alert]\nitems = [\"Policies\", \"Yesterday's alarms\"]\n"
    ));
    let cases: [(&[&str], &str); 3] = [
        (
            &["--item", "Polices=ok", "--all-ok"],
            "`Polices` is not on the alert checklist (did you mean `Policies`?); its items are: \
             Policies; Yesterday's alarms",
        ),
        (
            &["--item", "Policies=ok"],
            "no result for: Yesterday's alarms",
        ),
        (
            &["--item", "Policies=abnormal"],
            "`Policies` is abnormal: say what was found",
        ),
    ];
    for (results, said) in cases {
        let mut args = vec!["inspect", "today", "--kind", "alert"];
        args.extend(results);
        let err = site.fails(&args, 1);
        assert!(err.contains(said), "{results:?}: {err}");
    }
    let err = site.fails(&["inspect", "2025-03-03", "--kind", "alert", "--all-ok"], 1);
    assert!(err.contains("a round on 2025-03-03 needs --at"), "{err}");
    site.fails(&["inspect", "today", "--kind", "audit", "--all-ok"], 2);
}

#[test]
fn an_abnormal_finding_is_a_risk_until_an_incident_is_opened_from_it() {
    let site = Sandbox::with_contract(&format!(
        "{SHENZHEN_5X8}\n[inspections.resource]\nitems = [\"CBS disks\", \"COS usage\"]\n"
    ));
    site.json(&[
        "inspect",
        "today",
        "--kind",
        "resource",
        "--all-ok",
        "--item",
        "CBS disks=abnormal:data disk 92 % full",
        "--json",
    ]);
    let risks = site.json(&["risk", "list", "--open", "--json"]);
    assert_eq!(risks.as_array().unwrap().len(), 1);
    let risk = &risks[0];
    assert_eq!(
        (
            risk["kind"].clone(),
            risk["item"].clone(),
            risk["note"].clone()
        ),
        (
            json!("resource"),
            json!("CBS disks"),
            json!("data disk 92 % full")
        )
    );
    let id = risk["id"].as_str().unwrap().to_string();
    assert!(id.ends_with("-1"), "{id}");
    let incident = site.json(&[
        "incident",
        "open",
        "--from-risk",
        &id[..4],
        "--level",
        "2",
        "--json",
    ]);
    assert_eq!(incident["title"], json!("CBS disks: data disk 92 % full"));
    let all = site.json(&["risk", "list", "--json"]);
    assert_eq!(
        (all[0]["open"].clone(), all[0]["incident"].clone()),
        (json!(false), incident["id"].clone())
    );
    assert_eq!(site.json(&["risk", "list", "--open", "--json"]), json!([]));
    let err = site.fails(&["incident", "open", "--from-risk", &id, "--level", "2"], 1);
    assert!(err.contains(&format!("risk {id} has incident")), "{err}");
}

#[test]
fn backups_are_checked_against_the_month_requirement() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.stdout(&["backup", "check", "--job", "TencentDB nightly", "--ok"]);
    site.stdout(&[
        "backup",
        "check",
        "--job",
        "COS archive",
        "--failed",
        "checksum mismatch",
        "--at",
        "2025-03-02 09:00",
    ]);
    let v = site.json(&["backup", "status", "--json"]);
    assert_eq!(
        (v["month"].clone(), v["required"].clone(), v["done"].clone()),
        (json!("2025-03"), json!(1), json!(1)),
        "a failed check is recorded but is not done"
    );
    assert_eq!(v["checks"][0]["job"], json!("COS archive"));
    assert_eq!(
        (v["checks"][0]["ok"].clone(), v["checks"][0]["note"].clone()),
        (json!(false), json!("checksum mismatch"))
    );
    assert_eq!(v["checks"][1]["at"], json!("2025-03-04T10:00:00+08:00"));
    site.fails(&["backup", "check", "--job", "x"], 2);
    let seven = Sandbox::with_contract(SEVEN_BY_24);
    assert_eq!(
        seven.json(&["backup", "status", "--json"])["required"],
        json!(2)
    );
    assert_eq!(
        seven.json(&["backup", "status", "2024-12", "--json"])["required"],
        json!(0),
        "before the term"
    );
}

#[test]
fn support_consultations_are_logged_and_listed() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.stdout(&[
        "support",
        "log",
        "CLB health check on 8080 fails",
        "--product",
        "CLB",
        "--minutes",
        "40",
    ]);
    site.stdout(&[
        "support",
        "log",
        "COS lifecycle rules",
        "--at",
        "2025-02-27 15:00",
    ]);
    let mut march = site.json(&["support", "list", "--json"]);
    let id = march[0]["id"].take();
    assert_eq!(id.as_str().map(str::len), Some(6), "{id}");
    assert_eq!(
        march,
        json!([{"id": null, "at": "2025-03-04T10:00:00+08:00", "by": "li.lei", "text": "CLB health check on 8080 fails", "product": "CLB", "minutes": 40}])
    );
    let listed = site.stdout(&["support", "list", "--ids"]);
    assert!(
        listed.contains(&format!("  {} · ", id.as_str().unwrap())),
        "{listed}"
    );
    assert_eq!(
        site.json(&["support", "list", "2025", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let out = site.stdout(&["support", "list"]);
    assert!(out.starts_with("2025-03: 1 consultation, 40 min"), "{out}");
}

#[test]
fn requests_are_classified_and_can_be_forced() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let v = site.json(&["request", "add", "把 IDC 的数据迁移到 TencentDB", "--json"]);
    assert_eq!(v["id"].as_str().unwrap().len(), 6);
    assert_eq!(
        (v["in_scope"].clone(), v["category"].clone()),
        (json!(false), json!("data_migration"))
    );
    assert_eq!(v["matched"], json!(["数据迁移"]));
    let v = site.json(&[
        "request",
        "add",
        "review our CVM alarm thresholds",
        "--json",
    ]);
    assert_eq!(
        (v["in_scope"].clone(), v["category"].clone()),
        (json!(true), json!(null))
    );
    let v = site.json(&[
        "request",
        "add",
        "双十一前集群扩容",
        "--scope",
        "in",
        "--json",
    ]);
    assert_eq!(
        (v["in_scope"].clone(), v["forced"].clone()),
        (json!(true), json!(true))
    );
    let err = site.fails(&["request", "add", "x", "--scope", "out:nope"], 2);
    assert!(err.contains("`out:nope` is not a scope"), "{err}");
    let out = site.stdout(&["request", "add", "run a penetration test on our portal"]);
    assert!(out.contains("OUT OF SCOPE: security operations (words: penetration test): run a penetration test on our portal"), "{out}");
    let listed = site.json(&["request", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 4);
}

#[test]
fn only_the_engineer_puts_a_request_in_other_and_says_why() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let ask = [
        "request",
        "add",
        "file our ICP licence",
        "--scope",
        "out:other",
    ];
    let err = site.fails(&ask, 2);
    assert!(err.contains("--scope out:other needs a reason"), "{err}");
    assert!(err.contains("otss request add"), "{err}");
    let err = site.fails(&["request", "add", "x", "--reason", "because"], 2);
    assert!(err.contains("--scope"), "{err}");
    let given = [&ask[..], &["--reason", "paperwork, not support", "--json"]].concat();
    let v = site.json(&given);
    assert_eq!(
        (&v["in_scope"], &v["category"], &v["forced"], &v["reason"]),
        (
            &json!(false),
            &json!("other"),
            &json!(true),
            &json!("paperwork, not support")
        )
    );
    let v = site.json(&[
        "request",
        "add",
        "review our CVM alarm thresholds",
        "--json",
    ]);
    assert!(v.get("reason").is_none(), "{v}");
    let listed = site.stdout(&["request", "list"]);
    assert!(
        listed.contains(
            "OUT OF SCOPE: other work (decided by the engineer: paperwork, not support): \
             file our ICP licence"
        ),
        "{listed}"
    );
    let report = site.json(&["report", "2025-03", "--format", "json"]);
    let requests = &report["requests"]["list"];
    assert_eq!(requests[0]["reason"], "paperwork, not support");
    assert_eq!(requests[1]["reason"], json!(null));
}

#[test]
fn notes_are_kept_for_the_report() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    assert_eq!(
        site.stdout(&["note", "risk", "primary DB at 85 % storage"]),
        "recorded\n"
    );
    site.stdout(&["note", "suggestion", "enable CLB access logs"]);
    let (_, text) = &site.ledger_files()[0];
    let kinds: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["kind"].clone())
        .collect();
    assert_eq!(kinds, [json!("risk"), json!("suggestion")]);
}

#[test]
fn overtime_earns_comp_days_by_the_kind_of_day() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = morning("2025-05-10");
    for (date, kind, comp_days) in [
        ("2025-05-01", "statutory", 3),
        ("2025-05-03", "holiday", 1),
        ("2025-03-08", "weekend", 1),
        ("2025-04-27", "makeup_workday", 0),
        ("2025-05-06", "workday", 0),
    ] {
        let v = site.json_at(&now, &["overtime", "log", date, "--hours", "6", "--json"]);
        assert_eq!(
            v,
            json!({"date": date, "engineer": "li.lei", "kind": kind, "comp_days": comp_days, "published": true})
        );
    }
    let out = site.stdout_at(&now, &["overtime", "log", "2025-05-07"]);
    assert!(
        out.ends_with("recorded; a working day earns no comp leave under the contract\n"),
        "{out}"
    );
    let err = site.fails_at(&now, &["overtime", "log", "2025-05-01"], 1);
    assert!(
        err.contains("overtime on 2025-05-01 is logged for li.lei already"),
        "{err}"
    );
    site.json_at(
        &now,
        &[
            "overtime",
            "log",
            "2025-05-01",
            "--engineer",
            "wang.fang",
            "--json",
        ],
    );
    let err = site.fails_at(&now, &["overtime", "log", "2025-05-11"], 1);
    assert!(err.contains("is in the future"), "{err}");
    let v = site.json_at(
        &now,
        &["overtime", "take", "2025-05-12", "--days", "2", "--json"],
    );
    assert_eq!(v["balance"], json!(3));
    let err = site.fails_at(&now, &["overtime", "take", "2025-05-14", "--days", "4"], 1);
    assert!(
        err.contains("li.lei's comp balance on 2025-05-19 is 0"),
        "{err}"
    );
    let balance = site.json_at(&now, &["overtime", "balance", "--json"]);
    assert_eq!(
        (
            balance["earned"].clone(),
            balance["taken"].clone(),
            balance["balance"].clone()
        ),
        (json!(8), json!(2), json!(6))
    );
    assert_eq!(
        balance["engineers"],
        json!([
            {"engineer": "li.lei", "earned": 5, "taken": 2, "balance": 3},
            {"engineer": "wang.fang", "earned": 3, "taken": 0, "balance": 3}
        ])
    );
    let one = site.json_at(
        &now,
        &["overtime", "balance", "--engineer", "wang.fang", "--json"],
    );
    assert_eq!(
        (one["earned"].clone(), one["balance"].clone()),
        (json!(3), json!(3))
    );
    let seven = Sandbox::with_contract(SEVEN_BY_24);
    let v = seven.json_at(&now, &["overtime", "log", "2025-05-01", "--json"]);
    assert_eq!(v["comp_days"], json!(0));
}

#[test]
fn the_duty_roster_and_the_start_of_shift_view() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.stdout(&["duty", "set", "2025-05-01", "li.lei"]);
    site.stdout(&["duty", "set", "2025-05-01", "wang.fang"]);
    site.stdout(&["duty", "set", "2025-05-02", "li.lei"]);
    let roster = site.json(&["duty", "list", "2025-05", "--json"]);
    let mut covered: Vec<Value> = roster
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["covered"] == json!(true))
        .cloned()
        .collect();
    for day in &mut covered {
        let id = day["id"].take();
        assert_eq!(
            id.as_str().map(str::len),
            Some(6),
            "each day's record: {id}"
        );
    }
    assert_eq!(
        json!(covered),
        json!([
            {"date": "2025-05-01", "engineer": "wang.fang", "id": null, "kind": "statutory",
             "working": false, "covered": true},
            {"date": "2025-05-02", "engineer": "li.lei", "id": null, "kind": "statutory",
             "working": false, "covered": true}
        ])
    );
    let holiday = site.json_at(&morning("2025-05-01"), &["status", "--json"]);
    assert_eq!(holiday["duty"], json!("wang.fang"));
    assert!(
        holiday["inspections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["required"] == 0)
    );
    let out = site.stdout_at(&morning("2025-05-01"), &["status"]);
    assert!(out.contains("wang.fang on duty"), "{out}");
    let workday = Sandbox::with_contract(SHENZHEN_5X8);
    workday.json(&["inspect", "today", "--kind", "alert", "--all-ok", "--json"]);
    workday.stdout(&["backup", "check", "--job", "nightly", "--ok"]);
    let v = workday.json(&["status", "--json"]);
    assert_eq!(
        v["inspections"][2],
        json!({"kind": "alert", "required": 1, "done": 1, "rounds": 1})
    );
    assert_eq!(
        v["backups"],
        json!({"month": "2025-03", "required": 1, "done": 1, "failing": []})
    );
    assert_eq!(v["duty"], json!(null));
    let out = workday.stdout(&["status"]);
    assert!(
        out.contains("Monitoring inspection: 0 of 1 done, 1 missing"),
        "{out}"
    );
    assert!(out.contains("backup checks: 1 of 1 required"), "{out}");
}

#[test]
fn on_a_terminal_the_checklist_is_walked_through() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    // `a` ticks every item, Enter confirms them, Enter says yes to recording the round.
    let answers = [
        ("tick the items", "a"),
        ("Enter confirms", "\\r"),
        ("Record this round", "\\r"),
    ];
    let (ok, said) = site.at_terminal(&answers, &["inspect", "today", "--kind", "monitoring"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("Monitoring inspection: round recorded, 5 items, 0 abnormal"),
        "{said}"
    );
    let (_, text) = &site.ledger_files()[0];
    let round: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(round["type"], json!("inspection.round"));
    let items = round["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|i| i["result"] == "ok"));
}

pub(super) const TWO_ITEMS: &str = "\n[inspections.monitoring]\nitems = [\"CPU\", \"Disk\"]\n";

#[test]
fn at_a_terminal_an_unticked_item_is_described_and_recorded_abnormal() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    // Tick all, untick the first (CPU), confirm; describe it; record.
    let answers = [
        ("tick the items", "a "),
        ("Enter confirms", "\\r"),
        ("What is wrong with CPU", "97 % since 09:10\\r"),
        ("Record this round", "\\r"),
    ];
    let (ok, said) = site.at_terminal(&answers, &["inspect", "today", "--kind", "monitoring"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("round recorded, 2 items, 1 abnormal"),
        "{said}"
    );
    let risks = site.json(&["risk", "list", "--json"]);
    assert_eq!(
        (risks[0]["item"].clone(), risks[0]["note"].clone()),
        (json!("CPU"), json!("97 % since 09:10"))
    );
    assert_eq!(risks[0]["at"], json!("2025-03-04T10:00:00+08:00"));
}

#[test]
fn at_a_terminal_declining_records_nothing_and_another_day_is_only_shown() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    let answers = [
        ("tick the items", "a"),
        ("Enter confirms", "\\r"),
        ("Record this round", "n"),
    ];
    let (ok, said) = site.at_terminal(&answers, &["inspect", "today", "--kind", "monitoring"]);
    assert!(ok, "{said}");
    assert!(!site.path().join("ledger").exists(), "{said}");
    let (ok, said) = site.at_terminal(&[], &["inspect", "2025-03-03"]);
    assert!(ok, "{said}");
    assert!(said.contains("2025-03-03 Mon · working day"), "{said}");
    assert!(!site.path().join("ledger").exists());
}

#[test]
fn a_note_may_hold_equals_signs_and_colons() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    site.json(&[
        "inspect",
        "today",
        "--kind",
        "monitoring",
        "--all-ok",
        "--item",
        "CPU=abnormal:load=95%: high",
        "--json",
    ]);
    assert_eq!(
        site.json(&["risk", "list", "--json"])[0]["note"],
        json!("load=95%: high")
    );
}

#[test]
fn routine_records_must_fall_within_the_term() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let outside = "is outside the contract term (2024-01-02 to 2026-12-31)";
    let at = "2023-12-30 10:00";
    for args in [
        vec!["backup", "check", "--job", "x", "--ok", "--at", at],
        vec!["support", "log", "x", "--at", at],
        vec!["request", "add", "x", "--at", at],
        vec!["note", "risk", "x", "--at", at],
        vec![
            "inspect",
            "2023-12-30",
            "--kind",
            "alert",
            "--all-ok",
            "--at",
            at,
        ],
        vec!["overtime", "log", "2023-12-30"],
        vec!["duty", "set", "2027-01-01", "li.lei"],
    ] {
        let err = site.fails(&args, 1);
        assert!(err.contains(outside), "{args:?}: {err}");
    }
    assert!(!site.path().join("ledger").exists());
}

#[test]
fn a_failed_backup_is_shown_and_needs_a_note() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let err = site.fails(
        &["backup", "check", "--job", "COS archive", "--failed", " "],
        1,
    );
    assert!(err.contains("--failed is empty"), "{err}");
    site.stdout(&[
        "backup",
        "check",
        "--job",
        "COS archive",
        "--failed",
        "checksum mismatch",
    ]);
    let out = site.stdout(&["status"]);
    assert!(out.contains("backup checks: 0 of 1 required"), "{out}");
    assert!(
        out.contains("COS archive: FAILED: checksum mismatch"),
        "{out}"
    );
}

#[test]
fn comp_leave_is_taken_on_working_days_once_under_one_name() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = morning("2025-05-10");
    site.json_at(
        &now,
        &[
            "overtime",
            "log",
            "2025-05-01",
            "--engineer",
            "Li.Lei",
            "--json",
        ],
    );
    let err = site.fails_at(
        &now,
        &["overtime", "log", "2025-05-01", "--engineer", "li.lei"],
        1,
    );
    assert!(
        err.contains("overtime on 2025-05-01 is logged for li.lei already"),
        "{err}"
    );
    let err = site.fails_at(&now, &["overtime", "take", "2025-10-03"], 1);
    assert!(err.contains("2025-10-03 is not a working day"), "{err}");
    site.json_at(&now, &["overtime", "take", "2025-05-12", "--json"]);
    let err = site.fails_at(&now, &["overtime", "take", "2025-05-12"], 1);
    assert!(
        err.contains("li.lei takes comp leave on 2025-05-12 already"),
        "{err}"
    );
    let balance = site.json_at(
        &now,
        &["overtime", "balance", "--engineer", "LI.LEI", "--json"],
    );
    assert_eq!(
        balance["engineers"],
        json!([{"engineer": "li.lei", "earned": 3, "taken": 1, "balance": 2}])
    );
}

#[test]
fn a_provisional_year_is_flagged_where_the_calendar_decides() {
    let site = Sandbox::with_contract(&SHENZHEN_5X8.replace("2026-12-31", "2027-12-31"));
    let now = morning("2027-10-05");
    let output = site.run_at(&now, &["overtime", "log", "2027-10-02", "--json"]);
    let v: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (v["comp_days"].clone(), v["published"].clone()),
        (json!(3), json!(false))
    );
    assert!(super::stderr(&output).contains("no holiday schedule is published for 2027"));
    let output = site.run_at(&now, &["inspect", "today"]);
    assert!(super::stderr(&output).contains("no holiday schedule is published for 2027"));
}

#[test]
fn an_incident_shows_the_risk_it_came_from() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    site.json(&[
        "inspect",
        "today",
        "--kind",
        "monitoring",
        "--all-ok",
        "--item",
        "Disk=abnormal:92 %",
        "--json",
    ]);
    let risk = site.json(&["risk", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let opened = site.json(&[
        "incident",
        "open",
        "--from-risk",
        &risk,
        "--level",
        "3",
        "--json",
    ]);
    let shown = site.json(&["incident", "show", opened["id"].as_str().unwrap(), "--json"]);
    assert_eq!(shown["from_risk"], json!(risk));
    let report = site.stdout(&["incident", "report", opened["id"].as_str().unwrap()]);
    assert!(
        report.contains(&format!("| From inspection risk | {risk} |")),
        "{report}"
    );
}

#[test]
fn odd_ledger_ids_and_huge_numbers_do_not_break_anything() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.write(
        "ledger/2025-03/wang.jsonl",
        "{\"v\":1,\"id\":\"请求xy\",\"at\":\"2025-03-04T09:00:00+08:00\",\"by\":\"wang\",\"type\":\"request.added\",\"text\":\"x\",\"in_scope\":true,\"category\":null}\n",
    );
    assert_eq!(
        site.json(&["request", "list", "--json"])[0]["id"],
        json!("请求XY")
    );
    for minutes in ["0", "1441", "25h", "30s"] {
        let err = site.fails(
            &["--lang", "en", "support", "log", "x", "--minutes", minutes],
            1,
        );
        assert!(
            err.contains(&format!(
                "`{minutes}` is not a duration of 1 to 1440 whole minutes"
            )),
            "{err}"
        );
    }
}

#[test]
fn the_day_and_the_coverage_calendar_as_people_read_them() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    for (day, kind) in [
        ("2025-03-03", "monitoring"),
        ("2025-03-03", "alert"),
        ("2025-03-04", "monitoring"),
    ] {
        let at = format!("{day} 09:30");
        site.json(&[
            "inspect", day, "--kind", kind, "--all-ok", "--at", &at, "--json",
        ]);
    }
    insta::assert_snapshot!("inspect_today_en", site.stdout(&["inspect", "today"]));
    insta::assert_snapshot!(
        "inspect_status_zh",
        site.stdout(&["--lang", "zh", "inspect", "status"])
    );
}

#[test]
fn a_question_and_a_note_wider_than_the_terminal_are_shown_once() {
    let site = Sandbox::with_contract(&format!("{SHENZHEN_5X8}{TWO_ITEMS}"));
    let note = "CPU at 97 percent since 09:10 on both nodes of the trading cluster, alarm raised";
    let typed = format!("{note}\\r");
    let answers = [
        ("tick the items", "a "),
        ("Enter confirms", "\\r"),
        ("What is wrong with CPU", typed.as_str()),
        ("Record this round", "\\r"),
    ];
    let args = ["inspect", "today", "--kind", "monitoring"];
    let output = site.in_terminal(&[("PTY_COLUMNS", "40")], &answers, &args);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    let screen = super::screen::shown(&said, 40).join("\n");
    assert_eq!(screen.matches("CPU at 97").count(), 1, "{screen}");
    assert_eq!(screen.matches("tick the items").count(), 1, "{screen}");
    assert!(screen.replace('\n', "").contains(note), "{screen}");
}
