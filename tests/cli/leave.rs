//! Comp leave (docs/rules.md §6.3): taken only out of days already earned, working days in a
//! row, no day twice.

use serde_json::{Value, json};

use super::{SHENZHEN_5X8, Sandbox};

/// Long after every day these tests log or take.
const NOW: &str = "2026-06-30T12:00:00+08:00";

fn log(site: &Sandbox, date: &str) {
    site.json_at(NOW, &["overtime", "log", date, "--json"]);
}

fn take(site: &Sandbox, args: &[&str]) -> Value {
    let mut all = vec!["overtime", "take"];
    all.extend(args);
    all.push("--json");
    site.json_at(NOW, &all)
}

fn refused(site: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["overtime", "take"];
    all.extend(args);
    site.fails_at(NOW, &all, 1)
}

/// The `leave.taken` records of the ledger, as written.
fn leave_records(site: &Sandbox) -> Vec<Value> {
    site.ledger_files()
        .iter()
        .flat_map(|(_, text)| text.lines().map(|l| serde_json::from_str(l).unwrap()))
        .filter(|r: &Value| r["type"] == "leave.taken")
        .collect()
}

#[test]
fn leave_before_the_day_that_earned_it_is_refused() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    log(&site, "2025-10-01");
    let err = refused(&site, &["2025-03-10"]);
    assert!(
        err.contains(
            "li.lei's comp balance on 2025-03-10 is 0 (days earned on or before it, less leave \
             taken by then): leave is taken only from days already earned"
        ),
        "{err}"
    );
    let err = site.fails_at(NOW, &["--lang", "zh", "overtime", "take", "2025-03-10"], 1);
    assert!(
        err.contains("li.lei 在 2025-03-10 的调休余额是 0 天"),
        "{err}"
    );
    assert_eq!(leave_records(&site), Vec::<Value>::new());
    let march = site.json_at(NOW, &["report", "2025-03", "--format", "json"]);
    assert_eq!(
        (&march["comp_days_earned"], &march["comp_days_taken"]),
        (&json!(0), &json!(0))
    );
    let taken = take(&site, &["2025-10-09"]);
    assert_eq!(
        taken,
        json!({"balance": 2, "date": "2025-10-09", "dates": ["2025-10-09"], "days": 1,
               "engineer": "li.lei"})
    );
}

#[test]
fn several_days_are_working_days_in_a_row_and_no_day_is_taken_twice() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for day in ["2025-03-01", "2025-03-02", "2025-03-08", "2025-03-09"] {
        log(&site, day);
    }
    let taken = take(&site, &["2025-03-11", "--days", "2"]);
    assert_eq!(taken["dates"], json!(["2025-03-11", "2025-03-12"]));
    assert_eq!(taken["balance"], json!(2));
    let err = refused(&site, &["2025-03-12"]);
    assert!(
        err.contains("li.lei takes comp leave on 2025-03-12 already"),
        "{err}"
    );
    // Whoever writes it, under whatever case of the name.
    let output = site
        .otss()
        .env("OTSS_NOW", NOW)
        .env("OTSS_ENGINEER", "wang.fang")
        .args(["overtime", "take", "2025-03-10", "--days", "3"])
        .args(["--engineer", "Li.Lei"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        super::stderr(&output)
            .contains("li.lei takes comp leave on 2025-03-11, 2025-03-12 already"),
        "{}",
        super::stderr(&output)
    );
    // Friday, then Monday: the weekend between is no working day.
    let taken = take(&site, &["2025-03-14", "--days", "2"]);
    assert_eq!(taken["dates"], json!(["2025-03-14", "2025-03-17"]));
    assert_eq!(taken["balance"], json!(0));
    let err = refused(&site, &["2025-03-18"]);
    assert!(
        err.contains("li.lei's comp balance on 2025-03-18 is 0"),
        "{err}"
    );

    let records = leave_records(&site);
    let days: Vec<(&Value, &Value, &Value)> = records
        .iter()
        .map(|r| (&r["date"], &r["days"], &r["dates"]))
        .collect();
    assert_eq!(
        days,
        [
            (
                &json!("2025-03-11"),
                &json!(2),
                &json!(["2025-03-11", "2025-03-12"])
            ),
            (
                &json!("2025-03-14"),
                &json!(2),
                &json!(["2025-03-14", "2025-03-17"])
            ),
        ]
    );
    let balance = site.json_at(NOW, &["overtime", "balance", "--json"]);
    assert_eq!(
        (&balance["earned"], &balance["taken"], &balance["balance"]),
        (&json!(4), &json!(4), &json!(0))
    );
}

#[test]
fn leave_recorded_before_its_days_were_listed_takes_working_days_from_its_date() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    log(&site, "2025-05-01");
    // Two days from Friday 2025-03-14, as leave was written before: Friday and Monday.
    site.write(
        "ledger/2025-03/li.lei.jsonl",
        "{\"v\":1,\"id\":\"01M8QWB2KQZBY234GCE33MX2HF\",\"at\":\"2025-03-14T12:00:00+08:00\",\
         \"by\":\"li.lei\",\"type\":\"leave.taken\",\"date\":\"2025-03-14\",\
         \"engineer\":\"li.lei\",\"days\":2}\n",
    );
    let err = refused(&site, &["2025-03-17"]);
    assert!(
        err.contains("li.lei takes comp leave on 2025-03-17 already"),
        "{err}"
    );
    let balance = site.json_at(NOW, &["overtime", "balance", "--json"]);
    assert_eq!(
        (&balance["earned"], &balance["taken"]),
        (&json!(3), &json!(2))
    );
    assert_eq!(take(&site, &["2025-05-06"])["balance"], json!(0));
}
