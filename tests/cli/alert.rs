//! Alert management one alert at a time (docs/rules.md §4.10): alert log, list and policy, and
//! the alert round an alert counts as.

use serde_json::Value;

use crate::{SHENZHEN_5X8, Sandbox};

fn site() -> Sandbox {
    Sandbox::with_contract(SHENZHEN_5X8)
}

fn open_incident(site: &Sandbox) -> String {
    let args = [
        "incident", "open", "--level", "2", "--title", "CLB 502", "--json",
    ];
    site.json(&args)["id"].as_str().unwrap().to_string()
}

#[test]
fn an_alert_is_logged_with_its_class_source_and_policy_and_listed() {
    let site = site();
    let logged = site.json(&[
        "alert",
        "log",
        "CVM CPU above 90%",
        "--source",
        "Cloud Monitor",
        "--class",
        "noise",
        "--policy",
        "CPU high",
        "--json",
    ]);
    assert_eq!(logged["class"], "noise");
    let id = logged["id"].as_str().unwrap();
    assert_eq!(id.len(), 6);
    let unclassed = site.json(&["alert", "log", "disk 95% on db01", "--json"]);
    assert_eq!(unclassed["class"], "new");
    let list = site.json(&["alert", "list", "2025-03", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (
            &list[0]["id"],
            &list[0]["source"],
            &list[0]["policy"],
            &list[0]["by"]
        ),
        (
            &Value::from(id),
            &"Cloud Monitor".into(),
            &"CPU high".into(),
            &"li.lei".into()
        )
    );
    let human = site.stdout(&["alert", "list", "--ids"]);
    assert!(human.contains("2025-03: 2 alerts, 1 noise"), "{human}");
    assert!(
        human.contains(&format!(
            "  {id} · 10:00 · noise · CVM CPU above 90% · Cloud Monitor"
        )),
        "{human}"
    );
    let april = site.json(&["alert", "list", "2025-04", "--json"]);
    assert_eq!(april, serde_json::json!([]));
    let bad = site.fails(&["alert", "log", "x", "--class", "loud"], 2);
    assert!(bad.contains("noise, known, new, incident"), "{bad}");
    let empty = site.fails(&["alert", "log", "x", "--source", " "], 1);
    assert!(empty.contains("--source is empty"), "{empty}");
}

#[test]
fn an_alert_that_became_an_incident_names_it() {
    let site = site();
    let incident = open_incident(&site);
    let args = [
        "alert",
        "log",
        "CLB 5xx above 1%",
        "--incident",
        &incident[..4],
        "--json",
    ];
    let logged = site.json(&args);
    assert_eq!(
        (&logged["class"], &logged["incident"]),
        (&"incident".into(), &incident.as_str().into())
    );
    let unknown = site.fails(&["alert", "log", "x", "--incident", "ZZZZZZ"], 1);
    assert!(unknown.contains("no incident `ZZZZZZ`"), "{unknown}");
    let noise = site.fails(
        &[
            "alert",
            "log",
            "x",
            "--class",
            "noise",
            "--incident",
            &incident,
        ],
        1,
    );
    assert!(
        noise.contains("an alert of class noise names no --incident"),
        "{noise}"
    );
    // Without a terminal to ask at, --class incident needs --incident.
    let usage = site.fails(&["alert", "log", "x", "--class", "incident"], 2);
    assert!(
        usage.contains("--class incident needs the incident it became"),
        "{usage}"
    );
    let (ok, said) = site.at_terminal(
        &[("Which incident did it become?", &format!("{incident}\r"))],
        &["alert", "log", "CLB 5xx again", "--class", "incident"],
    );
    assert!(ok, "{said}");
    assert!(
        said.contains(&format!("incident · CLB 5xx again → {incident}")),
        "{said}"
    );
}

#[test]
fn an_alert_policy_is_added_then_changed() {
    let site = site();
    let added = site.json(&[
        "alert",
        "policy",
        "add",
        "CPU high",
        "--rule",
        "CPU > 80% for 5m",
        "--json",
    ]);
    assert_eq!(
        (&added["added"], &added["name"]),
        (&true.into(), &"CPU high".into())
    );
    let again = site.fails(&["alert", "policy", "add", "cpu HIGH", "--rule", "x"], 1);
    assert!(
        again.contains("alert policy \"cpu HIGH\" exists already"),
        "{again}"
    );
    let typo = site.fails(&["alert", "policy", "change", "CPU hihg", "--rule", "x"], 1);
    assert!(typo.contains("did you mean \"CPU high\"?"), "{typo}");
    let same = site.fails(
        &[
            "alert",
            "policy",
            "change",
            "CPU high",
            "--rule",
            "CPU > 80% for 5m",
        ],
        1,
    );
    assert!(same.contains("has this rule already"), "{same}");
    let changed = site.stdout(&[
        "alert",
        "policy",
        "change",
        "CPU high",
        "--rule",
        "CPU > 90% for 5m",
    ]);
    assert!(
        changed.contains("alert policy \"CPU high\" changed: CPU > 90% for 5m"),
        "{changed}"
    );
    let no_rule = site.fails(&["alert", "policy", "add", "disk", "--rule", ""], 1);
    assert!(no_rule.contains("--rule is empty"), "{no_rule}");
}

#[test]
fn an_alert_logged_is_the_days_alert_round() {
    let site = site();
    let due = |site: &Sandbox| {
        let today = site.json(&["inspect", "today", "--json"]);
        let alert = &today["due"][2];
        assert_eq!(alert["kind"], "alert");
        (alert["required"].clone(), alert["done"].clone())
    };
    assert_eq!(due(&site), (1.into(), 0.into()));
    site.stdout(&["alert", "log", "CVM CPU above 90%", "--class", "noise"]);
    assert_eq!(due(&site), (1.into(), 1.into()));
    let report = site.json(&["report", "2025-03", "--format", "json"]);
    assert_eq!(report["inspections"]["alert"]["done"], 1);
}
