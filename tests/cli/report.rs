//! Service reports: a scripted month with every figure checked, a month in progress, the
//! annual summary, what is due, and every format.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::Sandbox;

const CONTRACT: &str = r#"
customer = "Example Securities Co."
provider = "Example Cloud Services"
mode = "5x8"
start = 2025-01-02
end = 2025-06-30
city = "Shenzhen"
staff = 2
language = "en"

[backups]
per_month = 4
"#;

/// When the scripted month is looked back on: April has begun.
const AFTER: &str = "2025-04-02T10:00:00+08:00";

/// Runs `otss ARGS` as `engineer` at `now`, expects success, and returns standard output.
fn run_as(site: &Sandbox, engineer: &str, now: &str, args: &[&str]) -> String {
    run_with(site, &[("OTSS_ENGINEER", engineer)], now, args)
}

/// Runs `otss ARGS` with the variables `env` at `now`, expects success, and returns standard
/// output.
fn run_with(site: &Sandbox, env: &[(&str, &str)], now: &str, args: &[&str]) -> String {
    site.stdout_with(env, now, args)
}

/// "Now" at 17:00 on `date`.
fn evening(date: NaiveDate) -> String {
    format!("{date}T17:00:00+08:00")
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The incidents of the script, by letter, with their full ids.
struct Script {
    site: Sandbox,
    ids: BTreeMap<&'static str, String>,
    comp_days: u64,
}

/// An incident's life: the report and then each step, all recorded in April looking back.
fn incident(site: &Sandbox, level: &str, title: &str, at: &str, onsite: bool) -> String {
    incident_seen_at(site, AFTER, level, title, at, onsite)
}

fn step(site: &Sandbox, id: &str, action: &[&str], at: &str) {
    step_seen_at(site, AFTER, "wang.fang", id, action, at);
}

/// Reports an incident at `at`, recorded when "now" is `now`; its id.
fn incident_seen_at(
    site: &Sandbox,
    now: &str,
    level: &str,
    title: &str,
    at: &str,
    onsite: bool,
) -> String {
    let mut args = vec![
        "incident", "open", "--level", level, "--title", title, "--at", at, "--json",
    ];
    if onsite {
        args.push("--onsite");
    }
    let v: Value = serde_json::from_str(&run_as(site, "li.lei", now, &args)).unwrap();
    v["id"].as_str().unwrap().to_string()
}

/// Records `action` (`["resolve", "--summary", …]`) on incident `id` at `at`.
fn step_seen_at(site: &Sandbox, now: &str, engineer: &str, id: &str, action: &[&str], at: &str) {
    let mut args = vec!["incident", action[0], id];
    args.extend_from_slice(&action[1..]);
    args.extend(["--at", at]);
    run_as(site, engineer, now, &args);
}

/// A month of a 5x8 site in March 2025, by two engineers, with every kind of record:
/// inspections (one abnormal finding, one day over its cap, one round on a weekend), seven
/// incidents around the month (one in February still open, one reported at 00:30 on 1 April
/// local time, which is still 31 March in UTC), met and breached response and arrival clocks,
/// a reopen and a level change, backups (one failed), consultations (one at 23:30 on 31
/// March), requests in and out of scope, notes, overtime, leave, duty and a report issued.
fn scripted_month() -> Script {
    let site = Sandbox::with_contract(CONTRACT);
    let working: Vec<NaiveDate> = date("2025-03-01")
        .iter_days()
        .take_while(|d| d.month() == 3)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    for (n, day) in working.iter().enumerate() {
        let now = evening(*day);
        let round = |engineer: &str, kind: &str, extra: &[&str]| {
            let mut args = vec!["inspect", "today", "--kind", kind, "--all-ok"];
            args.extend_from_slice(extra);
            run_as(&site, engineer, &now, &args);
        };
        let finding = [
            "--item",
            "CVM CPU, memory and disk=abnormal:db-2 disk at 91%",
        ];
        round("li.lei", "monitoring", if n == 2 { &finding } else { &[] });
        if n < 10 {
            round("wang.fang", "resource", &[]);
        }
        if *day != date("2025-03-31") {
            round("wang.fang", "alert", &[]);
        }
    }
    let first = evening(working[0]);
    run_as(
        &site,
        "li.lei",
        &first,
        &["inspect", "today", "--kind", "monitoring", "--all-ok"],
    );
    let saturday = evening(date("2025-03-15"));
    run_as(
        &site,
        "li.lei",
        &saturday,
        &["inspect", "today", "--kind", "monitoring", "--all-ok"],
    );

    let mut ids = BTreeMap::new();
    let e = incident(&site, "3", "COS upload latency", "2025-02-27 10:00", false);
    step(&site, &e, &["ack"], "2025-02-27 10:05");
    step(
        &site,
        &e,
        &["resolve", "--summary", "multipart threshold raised"],
        "2025-04-01 10:00",
    );
    ids.insert("E", e);

    let a = incident(&site, "1", "CLB returns 502", "2025-03-04 10:00", false);
    step(&site, &a, &["ack"], "2025-03-04 10:05");
    step(
        &site,
        &a,
        &["resolve", "--summary", "listener restarted"],
        "2025-03-04 15:00",
    );
    step(&site, &a, &["close"], "2025-03-05 09:00");
    ids.insert("A", a);

    let b = incident(&site, "2", "TKE nodes NotReady", "2025-03-08 21:00", true);
    step(&site, &b, &["ack"], "2025-03-09 02:00");
    step(&site, &b, &["arrive"], "2025-03-09 20:00");
    step(
        &site,
        &b,
        &["note", "kubelet certificates expired"],
        "2025-03-09 21:00",
    );
    step(
        &site,
        &b,
        &[
            "resolve",
            "--summary",
            "certificates renewed",
            "--cause",
            "expired kubelet certificates",
        ],
        "2025-03-10 12:00",
    );
    ids.insert("B", b);

    let c = incident(
        &site,
        "3",
        "Redis slow log growing",
        "2025-03-12 14:00",
        false,
    );
    step(&site, &c, &["ack"], "2025-03-12 14:05");
    ids.insert("C", c);

    let h = incident(&site, "1", "Trading API timeouts", "2025-03-19 20:00", true);
    step(&site, &h, &["ack"], "2025-03-19 20:10");
    step(&site, &h, &["arrive"], "2025-03-19 21:30");
    step(
        &site,
        &h,
        &["resolve", "--summary", "connection pool enlarged"],
        "2025-03-19 23:50",
    );
    step(&site, &h, &["close"], "2025-03-20 09:00");
    ids.insert("H", h);

    let f = incident(&site, "3", "VPN tunnel flapping", "2025-03-20 10:00", false);
    step(&site, &f, &["ack"], "2025-03-20 10:02");
    step(
        &site,
        &f,
        &["resolve", "--summary", "DPD interval adjusted"],
        "2025-03-20 11:00",
    );
    step(&site, &f, &["reopen"], "2025-03-20 12:00");
    step(
        &site,
        &f,
        &["resolve", "--summary", "peer firmware upgraded"],
        "2025-03-20 13:00",
    );
    step(&site, &f, &["close"], "2025-03-20 14:00");
    ids.insert("F", f);

    let g = incident(&site, "3", "CFS mount errors", "2025-03-25 09:30", false);
    step(&site, &g, &["ack"], "2025-03-25 09:35");
    step(&site, &g, &["level", "2"], "2025-03-25 10:00");
    ids.insert("G", g);

    let d = incident(
        &site,
        "2",
        "MySQL replica lag",
        "2025-03-31T16:30:00Z",
        false,
    );
    step(&site, &d, &["ack"], "2025-03-31T16:40:00Z");
    ids.insert("D", d);

    for (job, result, at) in [
        ("TencentDB nightly", "--ok", "2025-03-07 16:00"),
        ("TencentDB nightly", "--ok", "2025-03-14 16:00"),
        ("COS archive", "--failed", "2025-03-21 16:00"),
        ("TencentDB nightly", "--ok", "2025-03-28 16:00"),
    ] {
        let mut args = vec!["backup", "check", "--job", job, result];
        if result == "--failed" {
            args.push("restore test: checksum mismatch");
        }
        args.extend(["--at", at]);
        run_as(&site, "wang.fang", AFTER, &args);
    }
    for (text, product, minutes, at) in [
        ("disk expansion", Some("CVM"), "30", "2025-03-06 11:00"),
        ("reboot loop", Some("CVM"), "45", "2025-03-13 11:00"),
        ("ingress timeout", Some("TKE"), "20", "2025-03-18 11:00"),
        ("how to read the bill", None, "10", "2025-03-27 11:00"),
        ("lifecycle rule", Some("COS"), "15", "2025-03-31T15:30:00Z"),
        (
            "certificate renewal",
            Some("CLB"),
            "25",
            "2025-03-31T16:30:00Z",
        ),
    ] {
        let mut args = vec!["support", "log", text, "--minutes", minutes, "--at", at];
        if let Some(product) = product {
            args.extend(["--product", product]);
        }
        run_as(&site, "li.lei", AFTER, &args);
    }
    for (text, at) in [
        ("review our CVM alarm thresholds", "2025-03-05 15:00"),
        (
            "migrate our data from the IDC to TencentDB",
            "2025-03-11 15:00",
        ),
        ("develop a new trading app for us", "2025-03-26 15:00"),
    ] {
        run_as(
            &site,
            "wang.fang",
            AFTER,
            &["request", "add", text, "--at", at],
        );
    }
    run_as(
        &site,
        "li.lei",
        AFTER,
        &[
            "note",
            "risk",
            "TencentDB storage at 85%",
            "--at",
            "2025-03-10 16:00",
        ],
    );
    run_as(
        &site,
        "li.lei",
        AFTER,
        &[
            "note",
            "suggestion",
            "Send CLB access logs to CLS",
            "--at",
            "2025-03-17 16:00",
        ],
    );
    let mut comp_days = 0;
    for (engineer, day) in [("li.lei", "2025-03-08"), ("wang.fang", "2025-03-09")] {
        let logged = run_as(&site, engineer, AFTER, &["overtime", "log", day, "--json"]);
        let v: Value = serde_json::from_str(&logged).unwrap();
        comp_days += v["comp_days"].as_u64().unwrap();
    }
    run_as(&site, "li.lei", AFTER, &["overtime", "take", "2025-03-14"]);
    run_as(
        &site,
        "li.lei",
        AFTER,
        &["duty", "set", "2025-04-04", "wang.fang"],
    );
    run_as(
        &site,
        "li.lei",
        AFTER,
        &["report", "issue", "2025-02", "--at", "2025-03-03 10:00"],
    );
    Script {
        site,
        ids,
        comp_days,
    }
}

#[test]
fn a_scripted_month_is_reported_to_the_record() {
    let script = scripted_month();
    let v = script
        .site
        .json_at(AFTER, &["report", "2025-03", "--format", "json"]);
    assert_eq!(v["period"], "2025-03");
    assert_eq!(v["kind"], "monthly");
    let incidents = &v["incidents"];
    assert_eq!(
        incidents["total"], 6,
        "E was reported in February, D in April"
    );
    assert_eq!(incidents["by_level"], json!({"1": 2, "2": 2, "3": 2}));
    assert_eq!(
        incidents["response"],
        json!({"met": 5, "breached": 1, "pending": 0})
    );
    assert_eq!(
        incidents["arrival"],
        json!({"met": 1, "breached": 1, "pending": 0})
    );
    assert_eq!(incidents["open_at_end"], 3, "C and G, and E from February");
    assert_eq!(
        incidents["levels"]["2"]["response"],
        json!({"met": 1, "breached": 1, "pending": 0})
    );
    assert_eq!(
        incidents["levels"]["1"]["arrival"],
        json!({"met": 1, "breached": 0, "pending": 0})
    );
    // Acknowledged after 5, 300, 10, 5, 2 and 5 minutes; resolved after 5 h, 39 h, 3 h 50 min
    // and (reopened, resolved again) 3 h.
    assert_eq!(incidents["mean_to_acknowledge_seconds"], 327 * 60 / 6);
    assert_eq!(
        incidents["mean_to_resolve_seconds"],
        (5 * 60 + 39 * 60 + 230 + 180) * 60 / 4
    );
    let listed: Vec<&str> = incidents["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = ["A", "B", "C", "H", "F", "G"]
        .iter()
        .map(|letter| script.ids[letter].as_str())
        .collect();
    assert_eq!(listed, expected);
    let b = &incidents["list"][1];
    assert_eq!(
        (
            &b["response_met"],
            &b["arrival_met"],
            &b["arrival_clock"],
            &b["status"]
        ),
        (
            &json!(false),
            &json!(false),
            &json!(true),
            &json!("resolved")
        )
    );
    assert_eq!(
        incidents["list"][0]["arrival_clock"], false,
        "on site in service hours"
    );

    assert_eq!(
        v["inspections"],
        json!({
            "monitoring": {"required": 21, "done": 21, "rounds": 23},
            "resource": {"required": 21, "done": 10, "rounds": 10},
            "alert": {"required": 21, "done": 20, "rounds": 20},
        })
    );
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["item"], "CVM CPU, memory and disk");
    assert_eq!(v["findings"][0]["note"], "db-2 disk at 91%");
    assert_eq!(v["findings"][0]["at"], "2025-03-05T17:00:00+08:00");
    assert_eq!(v["findings"][0]["incident"], Value::Null);
    assert_eq!(v["published"], true);
    assert_eq!(
        v["backups"],
        json!({"required": 4, "done": 3, "checks_passed": 3,
            "failed": [{
                "at": "2025-03-21T16:00:00+08:00",
                "job": "COS archive",
                "note": "restore test: checksum mismatch",
                "by": "wang.fang"
            }],
            "not_counted": []})
    );
    assert_eq!(
        v["support"]["count"], 5,
        "23:30 on 31 March is March; 00:30 on 1 April is not"
    );
    assert_eq!(v["support"]["minutes"], 120);
    assert_eq!(
        v["support"]["top_products"],
        json!([{"product": "CVM", "count": 2}, {"product": "COS", "count": 1}, {"product": "TKE", "count": 1}])
    );
    assert_eq!(v["requests"]["total"], 3);
    assert_eq!(v["requests"]["out_of_scope"], 2);
    assert_eq!(v["requests"]["list"][0]["in_scope"], true);
    assert_eq!(v["requests"]["list"][1]["category"], "data_migration");
    assert_eq!(v["comp_days_earned"], script.comp_days);
    assert!(script.comp_days > 0);
    assert_eq!(v["comp_days_taken"], 1);
    assert_eq!(v["risks"][0]["text"], "TencentDB storage at 85%");
    assert_eq!(v["suggestions"][0]["text"], "Send CLB access logs to CLS");
    assert_eq!(
        (
            &v["working_days"],
            &v["days_on_site"],
            &v["in_progress"],
            &v["counted_to"]
        ),
        (&json!(21), &json!(21), &json!(false), &json!("2025-03-31"))
    );
    assert_eq!(v["customer"], "Example Securities Co.");
    assert_eq!(v["provider"], "Example Cloud Services");
}

#[test]
fn a_month_in_progress_counts_up_to_today() {
    let script = scripted_month();
    let site = &script.site;
    run_as(
        site,
        "li.lei",
        "2025-04-01T17:00:00+08:00",
        &["inspect", "today", "--kind", "monitoring", "--all-ok"],
    );
    let v = site.json_at(AFTER, &["report", "2025-04", "--json"]);
    assert_eq!(v["kind"], "monthly");
    assert_eq!(
        (&v["in_progress"], &v["counted_to"]),
        (&json!(true), &json!("2025-04-02"))
    );
    // 1 and 2 April are working days; the rest of the month requires nothing yet.
    assert_eq!(
        v["inspections"]["monitoring"],
        json!({"required": 2, "done": 1, "rounds": 1})
    );
    assert_eq!(
        v["inspections"]["alert"],
        json!({"required": 2, "done": 0, "rounds": 0})
    );
    assert_eq!(
        v["incidents"]["total"], 1,
        "reported 2025-03-31T16:30Z, 00:30 in Shenzhen"
    );
    assert_eq!(v["incidents"]["list"][0]["id"], script.ids["D"].as_str());
    assert_eq!(
        v["incidents"]["response"],
        json!({"met": 1, "breached": 0, "pending": 0})
    );
    assert_eq!(
        v["incidents"]["open_at_end"], 3,
        "C, G and D are open now; E was resolved"
    );
    assert_eq!(v["support"]["count"], 1);
    assert_eq!(
        v["backups"],
        json!({"required": 4, "done": 0, "checks_passed": 0, "failed": [], "not_counted": []})
    );
    let text = site.stdout_at(AFTER, &["report", "2025-04"]);
    assert!(
        text.contains("in progress, counted to 2025-04-02"),
        "{text}"
    );
}

#[test]
fn a_month_without_a_clock_left_is_pending_until_decided() {
    let site = Sandbox::with_contract(CONTRACT);
    let now = "2025-03-08T21:10:00+08:00";
    incident_seen_at(&site, now, "2", "X", "2025-03-08 21:00", true);
    let v = site.json_at(now, &["report", "2025-03", "--json"]);
    assert_eq!(
        v["incidents"]["response"],
        json!({"met": 0, "breached": 0, "pending": 1})
    );
    assert_eq!(
        v["incidents"]["arrival"],
        json!({"met": 0, "breached": 0, "pending": 1})
    );
    assert_eq!(v["incidents"]["open_at_end"], 1);
}

#[test]
fn the_terms_last_month_and_its_year_are_the_annual_summary() {
    let script = scripted_month();
    let site = &script.site;
    let march = site.json_at(AFTER, &["report", "2025-03", "--json"]);
    for period in ["2025-06", "2025"] {
        let v = site.json_at(AFTER, &["report", period, "--json"]);
        assert_eq!(v["period"], period);
        assert_eq!(v["kind"], "annual");
        assert_eq!(
            v["covers"],
            json!({"first": "2025-01-02", "last": "2025-06-30"})
        );
        assert_eq!(
            v["incidents"]["total"], 8,
            "E in February, six in March, D in April"
        );
        let months: Vec<&str> = v["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["month"].as_str().unwrap())
            .collect();
        assert_eq!(
            months,
            ["2025-01", "2025-02", "2025-03", "2025-04"],
            "months begun"
        );
        let row = &v["months"][2];
        assert_eq!(row["incidents"], march["incidents"]["total"]);
        assert_eq!(row["response"], march["incidents"]["response"]);
        assert_eq!(row["inspections"], json!({"required": 63, "done": 51}));
        assert_eq!(row["backups"], json!({"required": 4, "done": 3}));
        assert_eq!(row["support"], march["support"]["count"]);
        assert_eq!(
            (&row["requests"], &row["out_of_scope"]),
            (&json!(3), &json!(2))
        );
        assert_eq!(row["comp_days_earned"], march["comp_days_earned"]);
        let mut backups = march["backups"].clone();
        backups["required"] = json!(16);
        assert_eq!(
            v["backups"], backups,
            "March's checks, the term's requirement"
        );
    }
    let text = site.stdout_at(AFTER, &["report", "2025"]);
    assert!(
        text.contains("Annual Summary") && text.contains("Month by month"),
        "{text}"
    );
}

#[test]
fn reports_are_due_issued_or_late_and_status_shows_the_pressing_ones() {
    let script = scripted_month();
    let site = &script.site;
    let due = site.json_at(AFTER, &["report", "due", "--json"]);
    let states: Vec<(&str, &str, &str)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["month"].as_str().unwrap(),
                r["due"].as_str().unwrap(),
                r["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("2025-01", "2025-02-05", "late"),
            ("2025-02", "2025-03-05", "issued"),
            ("2025-03", "2025-04-05", "due"),
            ("2025-04", "2025-05-05", "upcoming"),
            ("2025-05", "2025-06-05", "upcoming"),
            // The annual summary is due two weeks before the term ends.
            ("2025-06", "2025-06-16", "upcoming"),
        ]
    );
    assert_eq!(due[1]["issued_at"], "2025-03-03T10:00:00+08:00");
    assert_eq!(due[5]["kind"], "annual");
    let status = site.json_at(AFTER, &["status", "--json"]);
    let pressing: Vec<&str> = status["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["month"].as_str().unwrap())
        .collect();
    assert_eq!(pressing, ["2025-01", "2025-03"]);
    let text = site.stdout_at(AFTER, &["status"]);
    assert!(
        text.contains("2025-03 monthly report: due by 2025-04-05 (due)"),
        "{text}"
    );
    assert!(text.contains("reports late: 2025-01\n"), "{text}");
    // Issuing the March report takes it off the list.
    site.stdout_at(AFTER, &["report", "issue", "2025-03"]);
    let status = site.json_at(AFTER, &["status", "--json"]);
    assert_eq!(status["reports"].as_array().unwrap().len(), 1);
}

#[test]
fn a_report_cannot_be_issued_before_its_month_or_outside_the_term() {
    let site = Sandbox::with_contract(CONTRACT);
    let err = site.fails_at(AFTER, &["report", "issue", "2025-05"], 1);
    assert!(err.contains("before 2025-05-01"), "{err}");
    let err = site.fails_at(AFTER, &["report", "issue", "2024-12"], 1);
    assert!(err.contains("outside the contract term"), "{err}");
}

#[test]
fn bad_periods_and_formats_are_refused() {
    let site = Sandbox::with_contract(CONTRACT);
    let err = site.fails_at(AFTER, &["report", "2025-07"], 1);
    assert!(
        err.contains("2025-07 is outside the contract term (2025-01-02 to 2025-06-30)"),
        "{err}"
    );
    let err = site.fails_at(AFTER, &["report", "2025-03-04"], 1);
    assert!(err.contains("not a report period"), "{err}");
    let err = site.fails_at(AFTER, &["report", "March"], 1);
    assert!(
        err.contains("`March` is not a report period: use YYYY-MM or YYYY"),
        "{err}"
    );
    let err = site.fails_at(AFTER, &["report", "today"], 1);
    assert!(err.contains("`today` is not a report period"), "{err}");
    let err = site.fails_at(AFTER, &["report", "2025-05"], 1);
    assert!(
        err.contains("2025-05 has not begun: its report can be made from 2025-05-01"),
        "{err}"
    );
    let err = site.fails_at(AFTER, &["report", "2025-03", "--out", "march.pdf"], 1);
    assert!(err.contains("cannot tell the format of march.pdf"), "{err}");
    assert!(!site.path().join("march.pdf").exists());
    site.fails_at(AFTER, &["report"], 2);
    site.fails_at(AFTER, &["report", "2025-03", "--format", "pdf"], 2);
}

/// The script's ids replaced by their letters, so that snapshots stay put.
fn snapshot_settings(script: &Script) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    for (letter, id) in &script.ids {
        // As wide as a short id, so that table columns keep their width.
        settings.add_filter(id, format!("[id-{letter}]"));
        settings.add_filter(&id[id.len() - 6..], format!("[id-{letter}]"));
    }
    let requests = script
        .site
        .json_at(AFTER, &["request", "list", "2025-03", "--json"]);
    for (n, request) in requests.as_array().unwrap().iter().enumerate() {
        // As wide as a short id, as the script's ids are.
        settings.add_filter(request["id"].as_str().unwrap(), format!("[rq-{n}]"));
    }
    settings
}

#[test]
fn the_table_and_markdown_read_well_in_both_languages() {
    let script = scripted_month();
    let site = &script.site;
    let settings = snapshot_settings(&script);
    settings.bind(|| {
        for lang in ["en", "zh"] {
            let table = site.stdout_at(AFTER, &["report", "2025-03", "--lang", lang]);
            for line in table.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(width <= 100, "{width} columns: {line}");
            }
            insta::assert_snapshot!(format!("report_table_{lang}"), table);
            let md = site.stdout_at(
                AFTER,
                &["report", "2025-03", "--lang", lang, "--format", "md"],
            );
            insta::assert_snapshot!(format!("report_md_{lang}"), md);
        }
        let annual = site.stdout_at(AFTER, &["report", "2025", "--lang", "zh", "--format", "md"]);
        insta::assert_snapshot!("report_annual_md_zh", annual);
    });
}

#[test]
fn markdown_headings_name_the_customer_and_the_provider() {
    let script = scripted_month();
    let md = script.site.stdout_at(
        AFTER,
        &["report", "2025-03", "--lang", "zh", "--format", "md"],
    );
    assert!(
        md.starts_with("# 技术支持服务月度报告（2025年3月）\n"),
        "{md}"
    );
    assert!(md.contains("| 客户 | Example Securities Co. |"), "{md}");
    assert!(md.contains("| 服务商 | Example Cloud Services |"), "{md}");
    let annual = script.site.stdout_at(
        AFTER,
        &["report", "2025-06", "--lang", "zh", "--format", "md"],
    );
    assert!(annual.starts_with("# 技术支持服务年度总结报告"), "{annual}");
}

/// Every element of a parsed page, depth first.
fn elements<'a>(node: roxmltree::Node<'a, 'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    node.descendants().filter(|n| n.is_element()).collect()
}

#[test]
fn the_html_page_is_well_formed_and_self_contained() {
    let script = scripted_month();
    let site = &script.site;
    for (lang, period) in [("en", "2025-03"), ("zh", "2025-03"), ("zh", "2025")] {
        let written = site.stdout_at(
            AFTER,
            &["report", period, "--lang", lang, "--out", "report.html"],
        );
        assert!(written.contains("report.html"), "{written}");
        let page = std::fs::read_to_string(site.path().join("report.html")).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&page, options)
            .unwrap_or_else(|e| panic!("{lang} {period}: not well-formed: {e}"));
        let all = elements(doc.root());
        let named = |name: &str| all.iter().filter(|n| n.tag_name().name() == name).count();
        assert_eq!(named("html"), 1);
        assert_eq!(named("style"), 1);
        // SLA by level, the coverage heat map, incidents over time; and the annual trends.
        let charts = if period == "2025" { 4 } else { 3 };
        assert_eq!(named("svg"), charts);
        assert!(named("table") >= 8);
        for element in &all {
            let name = element.tag_name().name();
            assert!(
                !["script", "link", "img", "iframe", "object"].contains(&name),
                "{name}"
            );
            for attribute in element.attributes() {
                assert!(
                    !["src", "href"].contains(&attribute.name()),
                    "{name} {}={}",
                    attribute.name(),
                    attribute.value()
                );
            }
        }
        for fetch in ["http:", "https:", "url(", "@import", "//"] {
            assert!(!page.contains(fetch), "{lang} {period}: {fetch}");
        }
        assert!(page.contains("@page { size: A4"), "prints to A4");
        let lang_attribute = if lang == "zh" { "zh-CN" } else { "en" };
        assert_eq!(doc.root_element().attribute("lang"), Some(lang_attribute));
    }
}

#[test]
fn the_format_follows_the_files_extension_and_the_file_is_written_whole() {
    let script = scripted_month();
    let site = &script.site;
    site.stdout_at(AFTER, &["report", "2025-03", "--out", "out/march.md"]);
    let md = std::fs::read_to_string(site.path().join("out/march.md")).unwrap();
    assert!(
        md.starts_with("# Technical Support Service Monthly Report: March 2025\n"),
        "{md}"
    );
    site.stdout_at(AFTER, &["report", "2025-03", "--out", "march.json"]);
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(site.path().join("march.json")).unwrap())
            .unwrap();
    assert_eq!(json["period"], "2025-03");
    site.stdout_at(AFTER, &["report", "2025-03", "--out", "march.txt"]);
    let text = std::fs::read_to_string(site.path().join("march.txt")).unwrap();
    assert!(
        text.contains("1. Service summary") && !text.contains('\u{1b}'),
        "{text}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_example_sites_ledger_reads_cleanly_into_every_format() {
    let site = Sandbox::default();
    let contract = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/chengdu-5x8/otss.toml"
    );
    for args in [
        &["report", "2025-03", "--json"][..],
        &["report", "2025-03", "--format", "md"],
        &["report", "2025", "--format", "html"],
        &["report", "due", "--json"],
        &["status", "--json"],
    ] {
        let output = site
            .otss()
            .env("OTSS_NOW", AFTER)
            .arg("--contract")
            .arg(contract)
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            super::stderr(&output)
        );
        assert_eq!(
            super::stderr(&output),
            "",
            "{args:?}: every line is a record"
        );
    }
    let v = site.json_at(
        AFTER,
        &["--contract", contract, "report", "2025-03", "--json"],
    );
    assert_eq!(v["kind"], "monthly");
    assert!(v["incidents"]["total"].as_u64().unwrap() > 0);
    assert!(v["support"]["count"].as_u64().unwrap() > 0);
}

#[test]
fn an_incident_resolved_after_the_month_is_open_in_its_report() {
    let script = scripted_month();
    let site = &script.site;
    let february = site.json_at(AFTER, &["report", "2025-02", "--json"]);
    let e = &february["incidents"]["list"][0];
    assert_eq!(e["id"], script.ids["E"].as_str());
    assert_eq!(
        (&e["status"], &e["resolved_at"]),
        (&json!("open"), &Value::Null)
    );
    assert_eq!(
        february["incidents"]["mean_to_resolve_seconds"],
        Value::Null
    );
    assert_eq!(february["incidents"]["open_at_end"], 1);
}

#[test]
fn an_arrival_no_longer_needed_is_not_pending() {
    let site = Sandbox::with_contract(CONTRACT);
    let now = "2025-03-10T10:00:00+08:00";
    let id = incident_seen_at(&site, now, "3", "X", "2025-03-08 20:00", true);
    let resolve = ["resolve", "--summary", "fixed remotely"];
    step_seen_at(&site, now, "li.lei", &id, &resolve, "2025-03-08 20:20");
    let v = site.json_at(now, &["report", "2025-03", "--json"]);
    assert_eq!(
        v["incidents"]["arrival"],
        json!({"met": 0, "breached": 0, "pending": 0})
    );
    assert_eq!(
        v["incidents"]["response"],
        json!({"met": 1, "breached": 0, "pending": 0})
    );
    assert_eq!(v["incidents"]["list"][0]["arrival_clock"], false);
}

#[test]
fn extra_backup_checks_one_month_never_make_up_for_another() {
    let site = Sandbox::with_contract(&CONTRACT.replace("per_month = 4", "per_month = 1"));
    for at in ["2025-02-10 16:00", "2025-02-17 16:00"] {
        run_as(
            &site,
            "li.lei",
            AFTER,
            &["backup", "check", "--job", "nightly", "--ok", "--at", at],
        );
    }
    let counts = |backups: &Value| {
        json!([
            backups["required"],
            backups["done"],
            backups["checks_passed"]
        ])
    };
    let february = site.json_at(AFTER, &["report", "2025-02", "--json"]);
    assert_eq!(counts(&february["backups"]), json!([1, 1, 2]));
    assert_eq!(
        february["backups"]["not_counted"][0]["reason"], "requirement_met",
        "the second check is shown with why it does not count"
    );
    let year = site.json_at(AFTER, &["report", "2025", "--json"]);
    assert_eq!(counts(&year["backups"]), json!([4, 1, 2]));
}

#[test]
fn the_annual_summary_of_a_term_ending_mid_month_can_be_issued_when_due() {
    let site = Sandbox::with_contract(
        &CONTRACT
            .replace("2025-01-02", "2025-07-15")
            .replace("2025-06-30", "2026-01-14"),
    );
    let due = site.json_at("2025-12-31T10:00:00+08:00", &["report", "due", "--json"]);
    let summary = due.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&summary["month"], &summary["due"]),
        (&json!("2026-01"), &json!("2025-12-31"))
    );
    let now = "2025-12-31T10:00:00+08:00";
    let v = site.json_at(now, &["report", "2026", "--json"]);
    assert_eq!(
        v["covers"],
        json!({"first": "2025-07-15", "last": "2026-01-14"})
    );
    site.stdout_at(now, &["report", "issue", "2026"]);
    let due = site.json_at(now, &["report", "due", "--json"]);
    assert_eq!(due.as_array().unwrap().last().unwrap()["state"], "issued");
    let err = site.fails_at(
        "2025-12-30T10:00:00+08:00",
        &["report", "issue", "2025-12", "--at", "2025-11-30 10:00"],
        1,
    );
    assert!(
        err.contains("cannot have been issued before 2025-12-01"),
        "{err}"
    );
    let july = site.json_at(now, &["report", "2025-07", "--json"]);
    assert_eq!(
        july["covers"],
        json!({"first": "2025-07-15", "last": "2025-07-31"})
    );
}

#[test]
fn a_report_on_a_provisional_calendar_says_so() {
    let site = Sandbox::with_contract(
        &CONTRACT
            .replace("2025-01-02", "2027-01-04")
            .replace("2025-06-30", "2027-12-31"),
    );
    let now = "2027-03-10T10:00:00+08:00";
    let output = site
        .otss()
        .env("OTSS_NOW", now)
        .args(["report", "2027-02", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let v: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["published"], false);
    assert!(
        super::stderr(&output).contains("2027"),
        "{}",
        super::stderr(&output)
    );
    let md = site.stdout_at(now, &["report", "2027-02", "--format", "md"]);
    assert!(
        md.contains("no holiday schedule is published for 2027"),
        "{md}"
    );
    let table = site.stdout_at(now, &["report", "2027-02"]);
    assert!(
        table
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100),
        "{table}"
    );
}

#[test]
fn under_7x24_every_day_is_on_site_and_every_day_requires_rounds() {
    let site = Sandbox::with_contract(
        "customer = \"Example Exchange\"\nmode = \"7x24\"\nstart = 2025-01-01\nend = 2025-12-31\n\
         language = \"en\"\n",
    );
    let v = site.json_at(AFTER, &["report", "2025-03", "--json"]);
    assert_eq!(
        (&v["days_on_site"], &v["working_days"]),
        (&json!(31), &json!(21))
    );
    // Two monitoring, two resource and one alert round every day.
    assert_eq!(v["inspections"]["monitoring"]["required"], 62);
    assert_eq!(v["inspections"]["alert"]["required"], 31);
    assert_eq!(v["backups"]["required"], 2);
}

#[test]
fn the_html_headline_shows_the_arrival_rate_beside_the_response_rate() {
    let script = scripted_month();
    for (lang, response, arrival) in [
        ("en", "Response met", "Arrival met"),
        ("zh", "响应达标率", "到场达标率"),
    ] {
        script.site.stdout_at(
            AFTER,
            &["report", "2025-03", "--lang", lang, "--out", "report.html"],
        );
        let page = std::fs::read_to_string(script.site.path().join("report.html")).unwrap();
        let cards = page.split("<div class=\"highlights\">").nth(1).unwrap();
        let cards = cards.split("</div>\n").next().unwrap();
        let response_at = cards.find(response).expect(response);
        let arrival_at = cards.find(arrival).expect(arrival);
        assert!(response_at < arrival_at, "{cards}");
    }
}

/// The commands whose output is checked at narrow and wide terminals.
const FITTED: [&[&str]; 4] = [
    &["report", "2025-03"],
    &["incident", "list"],
    &["support", "list", "2025-03"],
    &["status"],
];

/// `args` at `AFTER`, in `lang`, with `COLUMNS` set to `width`.
fn at_width(site: &Sandbox, width: u16, lang: &str, args: &[&str]) -> String {
    let args = [args, &["--lang", lang]].concat();
    run_with(site, &[("COLUMNS", &width.to_string())], AFTER, &args)
}

/// Every token the script's outputs show that must never be broken: its short ids, its
/// dates and its times of day.
fn tokens(script: &Script, text: &str) -> BTreeSet<String> {
    let date_or_time = |word: &&str| {
        let shape: String = word
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        shape.contains("9999-99-99") || shape.contains("99:99")
    };
    let short_id = |word: &&str| {
        script
            .ids
            .values()
            .any(|id| id.ends_with(*word) && word.len() >= 4)
    };
    text.split(|c: char| c.is_whitespace() || "│┆|·,，、：:（）()".contains(c))
        .filter(|word| date_or_time(word) || short_id(word))
        .map(str::to_string)
        .collect()
}

#[test]
fn tables_fit_narrow_and_wide_terminals_without_breaking_a_token() {
    let script = scripted_month();
    let site = &script.site;
    for lang in ["en", "zh"] {
        for args in FITTED {
            let unlimited = at_width(site, 1000, lang, args);
            let wanted = tokens(&script, &unlimited);
            for width in [60u16, 100] {
                let text = at_width(site, width, lang, args);
                let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
                assert!(
                    widest <= width as usize,
                    "{args:?} {lang} at {width}:\n{text}"
                );
                let whole = tokens(&script, &text);
                for token in &wanted {
                    assert!(
                        whole.contains(token),
                        "{args:?} {lang} at {width}: {token} broken\n{text}"
                    );
                }
                snapshot_settings(&script).bind(|| {
                    let name = format!("{}_{lang}_{width}", args[..2.min(args.len())].join("_"));
                    insta::assert_snapshot!(name, text);
                });
            }
        }
    }
}
