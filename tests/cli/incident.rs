//! `otss incident` and `otss status`.

use super::{NOW, SHENZHEN_5X8, Sandbox};
use serde_json::{Value, json};

/// Opens an incident with `OTSS_NOW` at `now`; returns its JSON.
fn open(site: &Sandbox, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["incident", "open", "--json"];
    all.extend_from_slice(args);
    site.json_at(now, &all)
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn open_prints_the_stable_keys() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let v = open(
        &site,
        "2024-05-01T10:05:00+08:00",
        &[
            "--level",
            "1",
            "--title",
            "CLB 502",
            "--at",
            "2024-05-01 10:00",
            "--onsite",
        ],
    );
    assert_eq!(v["id"].as_str().unwrap().len(), 6);
    assert_eq!(v["level"], json!(1));
    assert_eq!(v["reported_at"], json!("2024-05-01T10:00:00+08:00"));
    assert_eq!(v["response_due"], json!("2024-05-01T10:30:00+08:00"));
    assert_eq!(v["arrival_due"], json!("2024-05-01T12:00:00+08:00"));
    assert_eq!(v["status"], json!("open"));
    let without_onsite = open(
        &site,
        "2024-05-01T10:05:00+08:00",
        &[
            "--level",
            "1",
            "--title",
            "DB slow",
            "--at",
            "2024-05-01 10:00",
        ],
    );
    assert_eq!(without_onsite["arrival_due"], json!(null));
}

#[test]
fn the_full_lifecycle_with_verdicts_to_the_second() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-04-30T23:00:00+08:00";
    let on_time = id(&open(
        &site,
        now,
        &[
            "--level",
            "3",
            "--title",
            "on time",
            "--at",
            "2024-04-30 18:00",
        ],
    ));
    let late = id(&open(
        &site,
        now,
        &[
            "--level",
            "3",
            "--title",
            "late",
            "--at",
            "2024-04-30 18:00",
        ],
    ));
    let v = site.json_at(
        now,
        &[
            "incident",
            "ack",
            &on_time,
            "--at",
            "2024-04-30 20:00:00",
            "--json",
        ],
    );
    assert_eq!(
        (v["responded_at"].clone(), v["response_met"].clone()),
        (json!("2024-04-30T20:00:00+08:00"), json!(true))
    );
    let v = site.json_at(
        now,
        &[
            "incident",
            "ack",
            &late,
            "--at",
            "2024-04-30 20:00:01",
            "--json",
        ],
    );
    assert_eq!(v["response_met"], json!(false));
    site.json_at(
        now,
        &[
            "incident",
            "onsite",
            &on_time,
            "--at",
            "2024-04-30 20:30",
            "--json",
        ],
    );
    let v = site.json_at(
        now,
        &[
            "incident",
            "arrive",
            &on_time,
            "--at",
            "2024-04-30 22:00",
            "--json",
        ],
    );
    assert_eq!(v["arrival_due"], json!("2024-05-01T20:30:00+08:00"));
    assert_eq!(
        (v["arrived_at"].clone(), v["arrival_met"].clone()),
        (json!("2024-04-30T22:00:00+08:00"), json!(true))
    );
    let said = site.stdout_at(now, &["incident", "note", &on_time, "listener restarted"]);
    assert!(
        said.starts_with(&format!(
            "note: listener restarted: {on_time} · level 3 · open"
        )),
        "{said}"
    );
    let v = site.json_at(
        now,
        &[
            "incident",
            "resolve",
            &on_time,
            "--summary",
            "fixed",
            "--cause",
            "certificate",
            "--json",
        ],
    );
    assert_eq!(
        (v["status"].clone(), v["resolved_at"].clone()),
        (json!("resolved"), json!("2024-04-30T23:00:00+08:00"))
    );
    let v = site.json_at(now, &["incident", "close", &on_time, "--json"]);
    assert_eq!(v["status"], json!("closed"));
    let err = site.fails_at(now, &["incident", "note", &on_time, "more"], 1);
    assert!(
        err.contains(&format!("incident {on_time} is closed; reopen it first")),
        "{err}"
    );
    let v = site.json_at(now, &["incident", "reopen", &on_time, "--json"]);
    assert_eq!(
        (v["status"].clone(), v["resolved_at"].clone()),
        (json!("open"), json!(null))
    );
    let show = site.json_at(now, &["incident", "show", &on_time, "--json"]);
    for key in [
        "id",
        "level",
        "status",
        "reported_at",
        "response_due",
        "responded_at",
        "response_met",
        "arrival_due",
        "arrived_at",
        "arrival_met",
        "resolved_at",
    ] {
        assert!(show.get(key).is_some(), "{key}");
    }
    let events: Vec<&str> = show["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "opened",
            "acknowledged",
            "onsite_requested",
            "arrived",
            "noted",
            "resolved",
            "closed",
            "reopened"
        ]
    );
}

#[test]
fn an_open_clock_past_its_deadline_is_breached_and_before_it_undecided() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let opened = id(&open(
        &site,
        "2024-04-30T18:00:00+08:00",
        &["--level", "3", "--title", "x"],
    ));
    let show =
        |now| site.json_at(now, &["incident", "show", &opened, "--json"])["response_met"].clone();
    assert_eq!(show("2024-04-30T20:00:00+08:00"), json!(null));
    assert_eq!(show("2024-04-30T20:00:01+08:00"), json!(false));
}

#[test]
fn deadlines_are_pinned_across_a_contract_edit() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-04-30T18:10:00+08:00";
    let opened = id(&open(
        &site,
        now,
        &["--level", "3", "--title", "x", "--at", "2024-04-30 18:00"],
    ));
    site.write(
        "otss.toml",
        &format!("{SHENZHEN_5X8}\n[sla.level3]\nresponse = \"4h\"\n"),
    );
    let v = site.json_at(now, &["incident", "show", &opened, "--json"]);
    assert_eq!(v["response_due"], json!("2024-04-30T20:00:00+08:00"));
    let fresh = open(
        &site,
        now,
        &["--level", "3", "--title", "y", "--at", "2024-04-30 18:00"],
    );
    assert_eq!(fresh["response_due"], json!("2024-04-30T22:00:00+08:00"));
}

#[test]
fn a_level_change_before_and_after_the_new_deadline() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-04-30T19:00:00+08:00";
    let early = id(&open(
        &site,
        now,
        &[
            "--level",
            "3",
            "--title",
            "early",
            "--at",
            "2024-04-30 18:00",
        ],
    ));
    let v = site.json_at(
        now,
        &[
            "incident",
            "level",
            &early,
            "1",
            "--at",
            "2024-04-30 18:20",
            "--json",
        ],
    );
    assert_eq!(v["level"], json!(1));
    assert_eq!(v["response_due"], json!("2024-04-30T18:30:00+08:00"));
    assert_eq!(
        v["response_met"],
        json!(false),
        "not acknowledged by 18:30, and it is 19:00"
    );
    let texts: Vec<&str> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("level 3") && !t.contains("changed")),
        "{texts:?}"
    );
    assert!(texts.contains(&"level changed from 3 to 1"), "{texts:?}");
    let acked = id(&open(
        &site,
        now,
        &[
            "--level",
            "3",
            "--title",
            "acked",
            "--at",
            "2024-04-30 18:00",
        ],
    ));
    site.json_at(
        now,
        &[
            "incident",
            "ack",
            &acked,
            "--at",
            "2024-04-30 18:40",
            "--json",
        ],
    );
    let v = site.json_at(
        now,
        &[
            "incident",
            "level",
            &acked,
            "1",
            "--at",
            "2024-04-30 18:50",
            "--json",
        ],
    );
    assert_eq!(
        v["response_met"],
        json!(true),
        "met against the deadline in force when it was met"
    );
    let err = site.fails_at(now, &["incident", "level", &acked, "1"], 1);
    assert!(err.contains("is level 1 already"), "{err}");
}

#[test]
fn presence_asked_after_the_report_with_an_agreed_time() {
    let site = Sandbox::with_contract(&SHENZHEN_5X8.replace("staff = 2", "staff = 1"));
    let now = "2024-05-05T02:00:00+08:00";
    let opened = id(&open(
        &site,
        now,
        &["--level", "1", "--title", "x", "--at", "2024-05-04 22:00"],
    ));
    let v = site.json_at(
        now,
        &[
            "incident",
            "onsite",
            &opened,
            "--at",
            "2024-05-05 01:00",
            "--json",
        ],
    );
    assert_eq!(v["onsite_requested_at"], json!("2024-05-05T01:00:00+08:00"));
    assert_eq!(v["arrival_due"], json!("2024-05-05T05:00:00+08:00"));
    let v = site.json_at(
        now,
        &[
            "incident",
            "onsite",
            &opened,
            "--at",
            "2024-05-05 01:30",
            "--agreed",
            "2024-05-05 08:00",
            "--json",
        ],
    );
    assert_eq!(v["arrival_due"], json!("2024-05-05T08:00:00+08:00"));
    assert_eq!(v["agreed_arrival"], json!("2024-05-05T08:00:00+08:00"));
}

#[test]
fn any_unique_prefix_names_an_incident() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-05-06T10:00:00+08:00";
    let ids: Vec<String> = (0..12)
        .map(|n| {
            id(&open(
                &site,
                now,
                &["--level", "3", "--title", &format!("n{n}")],
            ))
        })
        .collect();
    let first = &ids[0];
    let unique = (1..=6)
        .map(|len| &first[..len])
        .find(|prefix| ids.iter().filter(|i| i.starts_with(prefix)).count() == 1)
        .unwrap();
    let v = site.json_at(now, &["incident", "show", &unique.to_lowercase(), "--json"]);
    assert_eq!(v["id"], json!(first));
    let err = site.fails_at(now, &["incident", "show", "ZZZZZZZ"], 1);
    assert!(err.contains("no incident `ZZZZZZZ`"), "{err}");
    let shared = (1..6)
        .flat_map(|len| ids.iter().map(move |i| i[..len].to_string()))
        .find(|prefix| {
            ids.iter()
                .filter(|i| i.starts_with(prefix.as_str()))
                .count()
                > 1
        });
    if let Some(prefix) = shared {
        let err = site.fails_at(now, &["incident", "ack", &prefix], 1);
        assert!(
            err.contains(&format!("`{prefix}` could be any of")),
            "{err}"
        );
    }
}

#[test]
fn recording_refuses_times_that_make_no_sense() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-05-06T10:00:00+08:00";
    let opened = id(&open(
        &site,
        now,
        &["--level", "2", "--title", "x", "--at", "2024-05-06 09:00"],
    ));
    // In order: each step runs after the ones before it (exit status 0: it is recorded).
    let open_at = |at| {
        [
            "incident", "open", "--level", "1", "--title", "x", "--at", at,
        ]
    };
    let steps: [(&[&str], i32, &str); 7] = [
        (
            &["incident", "ack", &opened, "--at", "2024-05-06 08:59"],
            1,
            "that is before incident",
        ),
        (
            &["incident", "ack", &opened, "--at", "2024-05-06 10:01:01"],
            1,
            "2024-05-06T10:01:01+08:00 is in the future (now is 2024-05-06T10:00:00+08:00)",
        ),
        (
            &[
                "incident",
                "ack",
                &opened,
                "--at",
                "2024-05-06 10:01:00",
                "--json",
            ],
            0,
            "",
        ),
        (&open_at("2024-05-06 11:00"), 1, "is in the future"),
        (
            &["incident", "close", &opened],
            1,
            "resolve it before closing it",
        ),
        (&["incident", "open", "--level", "4", "--title", "x"], 2, ""),
        (
            &open_at("2015-05-06 10:00"),
            1,
            "is outside the contract term (2024-01-02 to 2026-12-31)",
        ),
    ];
    for (args, code, said) in steps {
        let output = site.run_at(now, args);
        let err = super::stderr(&output);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        if code == 0 {
            serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap();
        }
    }
}

#[test]
fn list_and_status_put_the_nearest_deadline_first() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-05-04T22:25:00+08:00";
    let far = id(&open(
        &site,
        now,
        &["--level", "3", "--title", "far", "--at", "2024-05-04 22:00"],
    ));
    let near = id(&open(
        &site,
        now,
        &[
            "--level",
            "1",
            "--title",
            "near",
            "--at",
            "2024-05-04 22:00",
        ],
    ));
    let done = id(&open(
        &site,
        now,
        &[
            "--level",
            "2",
            "--title",
            "done",
            "--at",
            "2024-05-04 21:00",
        ],
    ));
    site.json_at(
        now,
        &[
            "incident",
            "ack",
            &done,
            "--at",
            "2024-05-04 21:10",
            "--json",
        ],
    );
    site.json_at(
        now,
        &["incident", "resolve", &done, "--summary", "ok", "--json"],
    );
    let open_ids: Vec<Value> = site
        .json_at(now, &["incident", "list", "--open", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(open_ids, [json!(near), json!(far)]);
    let all = site.json_at(now, &["incident", "list", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    let status = site.json_at(now, &["status", "--json"]);
    assert_eq!(status["open_incidents"][0]["id"], json!(near));
    assert_eq!(
        (status["at_risk"].clone(), status["breached"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(status["in_service_hours"], json!(false));
    let settings = |f: &dyn Fn()| {
        let mut settings = insta::Settings::clone_current();
        for (name, value) in [("NEAR", &near), ("FAR", &far), ("DONE", &done)] {
            settings.add_filter(value, name);
        }
        settings.bind(f);
    };
    settings(&|| {
        insta::assert_snapshot!(
            "incident_list_en",
            site.stdout_at(now, &["incident", "list"])
        );
        insta::assert_snapshot!(
            "status_zh",
            site.stdout_at(now, &["--lang", "zh", "status"])
        );
        let later = "2024-05-04T22:45:00+08:00";
        insta::assert_snapshot!("status_en_breached", site.stdout_at(later, &["status"]));
    });
}

#[test]
fn the_recovery_report_in_markdown_and_json() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let now = "2024-05-05T12:00:00+08:00";
    let opened = id(&open(
        &site,
        now,
        &[
            "--level",
            "3",
            "--title",
            "Slow console",
            "--at",
            "2024-05-04 22:00",
        ],
    ));
    site.json_at(
        now,
        &[
            "incident",
            "level",
            &opened,
            "1",
            "--at",
            "2024-05-04 22:05",
            "--json",
        ],
    );
    site.json_at(
        now,
        &[
            "incident",
            "ack",
            &opened,
            "--at",
            "2024-05-04 22:10",
            "--json",
        ],
    );
    site.json_at(
        now,
        &[
            "incident",
            "onsite",
            &opened,
            "--at",
            "2024-05-04 22:15",
            "--json",
        ],
    );
    site.json_at(
        now,
        &[
            "incident",
            "arrive",
            &opened,
            "--at",
            "2024-05-05 01:00",
            "--json",
        ],
    );
    site.json_at(
        now,
        &[
            "incident",
            "resolve",
            &opened,
            "--at",
            "2024-05-05 03:00",
            "--summary",
            "Cache node replaced",
            "--impact",
            "Console | API slow",
            "--cause",
            "Disk full",
            "--fix",
            "Cleaned logs",
            "--json",
        ],
    );
    let v = site.json_at(now, &["incident", "report", &opened, "--format", "json"]);
    assert_eq!(
        v["levels"],
        json!([
            {"at": "2024-05-04T22:00:00+08:00", "level": 3, "by": "li.lei"},
            {"at": "2024-05-04T22:05:00+08:00", "level": 1, "by": "li.lei"}
        ])
    );
    assert_eq!(
        v["clocks"][0],
        json!({"clock": "response", "earlier": false, "due": "2024-05-04T22:30:00+08:00", "actual": "2024-05-04T22:10:00+08:00", "met": true})
    );
    assert_eq!(
        v["clocks"][1],
        json!({"clock": "arrival", "earlier": false, "due": "2024-05-05T00:15:00+08:00", "actual": "2024-05-05T01:00:00+08:00", "met": false}),
        "2 h from the request at 22:15, raised to level 1 with two engineers in Shenzhen"
    );
    assert_eq!(v["cause"], json!("Disk full"));
    assert_eq!(v["customer"], json!("Example Securities Co."));
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(&opened, "[ID]");
    settings.bind(|| {
        let out =
            |lang: &str| site.stdout_at(now, &["--lang", lang, "incident", "report", &opened]);
        insta::assert_snapshot!("recovery_report_zh", out("zh"));
        insta::assert_snapshot!("recovery_report_en", out("en"));
    });
}

#[test]
fn no_engineer_no_record() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let output = site
        .otss()
        .env_remove("OTSS_ENGINEER")
        .args(["incident", "open", "--level", "1", "--title", "x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(super::stderr(&output).contains("set OTSS_ENGINEER"));
}

#[test]
fn the_recovery_report_is_written_to_a_file_in_the_format_its_extension_names() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let opened = id(&open(
        &site,
        NOW,
        &["--level", "2", "--title", "CLB <returns> 502"],
    ));
    let report = |args: &[&str]| {
        let mut all = vec!["incident", "report", &opened];
        all.extend(args);
        site.stdout(&all)
    };
    let said = report(&["--out", "recovery.html"]);
    assert!(said.contains("recovery.html"), "{said}");
    let page = std::fs::read_to_string(site.path().join("recovery.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(
        page.contains("@page { size: A4"),
        "the month report's style"
    );
    assert!(page.contains("CLB &lt;returns&gt; 502"), "{page}");
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&page, options).expect("well-formed");
    report(&["--out", "recovery.md"]);
    let md = std::fs::read_to_string(site.path().join("recovery.md")).unwrap();
    assert_eq!(md.trim_end(), report(&[]).trim_end());
    report(&["--out", "recovery.json"]);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(site.path().join("recovery.json")).unwrap())
            .unwrap();
    assert_eq!(
        written,
        site.json(&["incident", "report", &opened, "--format", "json"])
    );
    let html = report(&["--format", "html"]);
    assert_eq!(html.trim_end(), page.trim_end());
    let refused = site.fails(&["incident", "report", &opened, "--out", "recovery.txt"], 1);
    assert!(refused.contains("recovery.txt"), "{refused}");
    assert!(
        refused.contains("--format md|json|html, or name it .md, .json or .html"),
        "only what a recovery report can be: {refused}"
    );
}
