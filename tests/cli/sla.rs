//! `otss sla`.

use super::{SHENZHEN_5X8, Sandbox};
use serde_json::json;

fn sla(sandbox: &Sandbox, level: &str, at: &str) -> serde_json::Value {
    sandbox.json(&["sla", "--level", level, "--at", at, "--json"])
}

#[test]
fn json_carries_the_stable_keys_for_the_worked_examples() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    // (level, reported, in service hours, respond by, on site by)
    let examples = [
        (
            "1",
            "2024-05-01 10:00",
            false,
            "2024-05-01T10:30:00+08:00",
            json!("2024-05-01T12:00:00+08:00"),
        ),
        (
            "2",
            "2024-05-11 10:00",
            true,
            "2024-05-11T10:15:00+08:00",
            json!(null),
        ),
        (
            "3",
            "2024-04-30 17:30",
            true,
            "2024-04-30T17:45:00+08:00",
            json!(null),
        ),
        (
            "3",
            "2024-04-30 18:00",
            false,
            "2024-04-30T20:00:00+08:00",
            json!("2024-05-01T18:00:00+08:00"),
        ),
        (
            "2",
            "2024-05-06 08:30",
            false,
            "2024-05-06T09:15:00+08:00",
            json!("2024-05-06T09:00:00+08:00"),
        ),
        (
            "1",
            "2024-02-09 20:00",
            false,
            "2024-02-09T20:30:00+08:00",
            json!("2024-02-09T22:00:00+08:00"),
        ),
    ];
    for (level, at, in_hours, respond_by, on_site_by) in examples {
        let v = sla(&site, level, at);
        assert_eq!(v["level"], json!(level.parse::<u8>().unwrap()), "{at}");
        assert_eq!(
            v["reported_at"],
            json!(format!("{}:00+08:00", at.replace(' ', "T")))
        );
        assert_eq!(v["in_service_hours"], json!(in_hours), "{at}");
        assert_eq!(v["response_due"], json!(respond_by), "{at}");
        assert_eq!(v["arrival_due"], on_site_by, "{at}");
        assert_eq!(v["published"], json!(true), "{at}");
    }
}

#[test]
fn json_explains_each_rule() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let v = sla(&site, "2", "2024-05-06 08:30");
    assert_eq!(
        v["response_rule"],
        json!({"rule": "window_start", "plus": "15m"})
    );
    assert_eq!(
        v["arrival_rule"],
        json!({"rule": "window_start", "plus": "0s"})
    );
    let v = sla(&site, "1", "2024-05-01 10:00");
    assert_eq!(
        v["response_rule"],
        json!({"rule": "off_hours_budget", "budget": "30m"})
    );
    assert_eq!(
        v["arrival_rule"],
        json!({"rule": "arrival_budget", "budget": "2h", "priority": true})
    );
    assert_eq!(v["resolution_due"], json!(null));
    assert_eq!(v["day"]["kind"], json!("statutory"));
    assert_eq!(v["day"]["name"], json!("Labour Day"));
}

#[test]
fn utc_input_is_shown_in_the_contract_zone_and_now_is_the_default() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let v = sla(&site, "1", "2024-05-01T02:00:00Z");
    assert_eq!(v["reported_at"], json!("2024-05-01T10:00:00+08:00"));
    assert_eq!(v["response_due"], json!("2024-05-01T10:30:00+08:00"));
    let now = site.json(&["sla", "--level", "3", "--json"]);
    assert_eq!(now["reported_at"], json!("2025-03-04T10:00:00+08:00"));
    assert_eq!(now["response_due"], json!("2025-03-04T10:15:00+08:00"));
}

#[test]
fn a_later_on_site_request_and_an_agreed_time() {
    let site = Sandbox::with_contract(&SHENZHEN_5X8.replace("staff = 2", "staff = 1"));
    let args = |extra: &[&'static str]| {
        let mut args = vec!["sla", "--level", "1", "--at", "2024-05-04 22:00", "--json"];
        args.extend_from_slice(extra);
        site.json(&args)
    };
    assert_eq!(args(&[])["arrival_due"], json!("2024-05-05T02:00:00+08:00"));
    let later = args(&["--onsite-at", "2024-05-05 01:00"]);
    assert_eq!(later["arrival_due"], json!("2024-05-05T05:00:00+08:00"));
    let agreed = args(&[
        "--onsite-at",
        "2024-05-05 01:00",
        "--agreed",
        "2024-05-05 08:00",
    ]);
    assert_eq!(agreed["arrival_due"], json!("2024-05-05T08:00:00+08:00"));
    assert_eq!(agreed["arrival_rule"], json!({"rule": "agreed_time"}));
    let err = site.fails(
        &[
            "sla",
            "--level",
            "1",
            "--at",
            "2024-05-04 22:00",
            "--onsite-at",
            "2024-05-04 21:00",
        ],
        1,
    );
    assert!(
        err.contains("--onsite-at 2024-05-04T21:00:00+08:00 is before the report"),
        "{err}"
    );
}

#[test]
fn a_7x24_contract_is_immediate_with_no_arrival_clock() {
    let site = Sandbox::with_contract(&SHENZHEN_5X8.replace("5x8", "7x24"));
    for at in ["2024-05-01 03:00", "2024-05-06 10:00"] {
        let v = sla(&site, "1", at);
        assert_eq!(v["in_service_hours"], json!(true));
        assert_eq!(v["arrival_due"], json!(null));
        assert_eq!(
            v["response_rule"],
            json!({"rule": "immediate", "within": "15m"})
        );
    }
}

#[test]
fn a_provisional_year_is_flagged_in_json_and_warned_about() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let output = site
        .otss()
        .args(["sla", "--level", "1", "--at", "2027-02-05 20:00", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["published"], json!(false));
    assert_eq!(v["day"]["published"], json!(false));
    let err = super::stderr(&output);
    assert!(
        err.contains("warning: no holiday schedule is published for 2027"),
        "{err}"
    );
}

#[test]
fn bad_times_and_levels_are_refused() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for at in ["2025-02-30 10:00", "the day after", "2025-03-04 25:00"] {
        let err = site.fails(&["sla", "--level", "1", "--at", at], 1);
        assert!(
            err.contains(&format!("--at: `{at}` is not a time")),
            "{err}"
        );
    }
    let err = site.fails(&["sla", "--level", "4"], 2);
    assert!(err.contains("`4` is not a level: use 1, 2 or 3"), "{err}");
    site.fails(&["sla"], 2);
    let output = site
        .otss()
        .env("OTSS_NOW", "now")
        .args(["--lang", "en", "sla", "--level", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(super::stderr(&output).contains("OTSS_NOW=`now` is not an RFC 3339 time"));
}

#[test]
fn human_output_explains_the_rule() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let run = |args: &[&str]| site.stdout(args);
    insta::assert_snapshot!(
        "sla_holiday_en",
        run(&["sla", "--level", "1", "--at", "2024-05-01 10:00"])
    );
    insta::assert_snapshot!(
        "sla_holiday_zh",
        run(&[
            "--lang",
            "zh",
            "sla",
            "--level",
            "1",
            "--at",
            "2024-05-01 10:00"
        ])
    );
    insta::assert_snapshot!(
        "sla_clipped_en",
        run(&["sla", "--level", "2", "--at", "2024-05-06 08:30"])
    );
    insta::assert_snapshot!(
        "sla_in_hours_en",
        run(&["sla", "--level", "3", "--at", "2024-04-30 17:59:59"])
    );
    insta::assert_snapshot!(
        "sla_next_day_en",
        run(&["sla", "--level", "3", "--at", "2024-04-30 18:00"])
    );
}
