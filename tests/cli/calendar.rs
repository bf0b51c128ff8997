//! `otss calendar`.

use super::{SHENZHEN_5X8, Sandbox};
use serde_json::json;

const SCHEDULE_2027: &str = r#"{"year": 2027, "days": [
    {"name": "春节", "date": "2027-02-05", "isOffDay": true},
    {"name": "春节", "date": "2027-02-06", "isOffDay": true},
    {"name": "春节", "date": "2027-02-07", "isOffDay": true},
    {"name": "春节", "date": "2027-02-08", "isOffDay": true},
    {"name": "春节", "date": "2027-02-09", "isOffDay": true},
    {"name": "春节", "date": "2027-02-10", "isOffDay": true},
    {"name": "春节", "date": "2027-02-11", "isOffDay": true},
    {"name": "春节", "date": "2027-02-20", "isOffDay": false}
]}"#;

#[test]
fn a_date_as_json_for_every_kind() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let cases = [
        ("2025-10-01", "statutory", false, json!("National Day"), 3),
        (
            "2025-10-04",
            "holiday",
            false,
            json!("Mid-Autumn Festival & National Day"),
            1,
        ),
        (
            "2025-09-28",
            "makeup_workday",
            true,
            json!("Mid-Autumn Festival & National Day"),
            0,
        ),
        ("2025-03-08", "weekend", false, json!(null), 1),
        ("2025-03-04", "workday", true, json!(null), 0),
    ];
    for (date, kind, working, name, comp_days) in cases {
        let v = site.json(&["calendar", date, "--json"]);
        assert_eq!(v["date"], json!(date));
        assert_eq!(v["kind"], json!(kind), "{date}");
        assert_eq!(v["working"], json!(working), "{date}");
        assert_eq!(v["name"], name, "{date}");
        assert_eq!(v["comp_days"], json!(comp_days), "{date}");
        assert_eq!(v["published"], json!(true), "{date}");
    }
    let zh = site.json(&["--lang", "zh", "calendar", "2025-10-01", "--json"]);
    assert_eq!(zh["name"], json!("国庆节"));
    assert_eq!(zh["festivals"], json!(["national_day"]));
}

#[test]
fn a_month_as_json() {
    let site = Sandbox::default();
    let v = site.json(&["calendar", "2024-05", "--json"]);
    assert_eq!(v["month"], json!("2024-05"));
    assert_eq!(v["working_days"], json!(21));
    assert_eq!(v["published"], json!(true));
    let days = v["days"].as_array().unwrap();
    assert_eq!(days.len(), 31);
    assert_eq!(days[0]["date"], json!("2024-05-01"));
    assert_eq!(days[0]["kind"], json!("statutory"));
    assert_eq!(
        days[0]["name"],
        json!("劳动节"),
        "Chinese without a contract"
    );
    assert_eq!(days[10]["kind"], json!("makeup_workday"));
    for day in days {
        for key in ["date", "kind", "working", "name", "comp_days", "published"] {
            assert!(day.get(key).is_some(), "{key} missing in {day}");
        }
    }
}

#[test]
fn without_an_argument_the_current_month_is_shown() {
    let site = Sandbox::default();
    let v = site.json(&["calendar", "--json"]);
    assert_eq!(v["month"], json!("2025-03"));
    let today = site.json(&["calendar", "today", "--json"]);
    assert_eq!(today["date"], json!("2025-03-04"));
}

#[test]
fn a_provisional_year_is_flagged_and_warned_about() {
    let site = Sandbox::default();
    let output = site
        .otss()
        .args(["calendar", "2027-02-05", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (v["kind"].clone(), v["published"].clone()),
        (json!("statutory"), json!(false))
    );
    let err = super::stderr(&output);
    assert!(err.contains("2027 年节假日安排尚未发布"), "{err}");
    let far = site.json(&["calendar", "2090-10-01", "--json"]);
    assert_eq!(
        (far["kind"].clone(), far["published"].clone()),
        (json!("statutory"), json!(false))
    );
    let early = site.json(&["calendar", "2012-10-01", "--json"]);
    assert_eq!(early["published"], json!(false));
}

#[test]
fn an_imported_schedule_publishes_its_year() {
    let site = Sandbox::default();
    let file = site.write("2027.json", SCHEDULE_2027);
    let out = site.stdout(&["--lang", "en", "calendar", "import", file.to_str().unwrap()]);
    assert!(
        out.starts_with("imported the 2027 holiday schedule (8 days) into "),
        "{out}"
    );
    let stored = site.data_dir().join("otss/calendar/2027.json");
    assert!(stored.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&stored).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let swapped = site.json(&["calendar", "2027-02-09", "--json"]);
    assert_eq!(swapped["kind"], json!("holiday"));
    assert_eq!(swapped["published"], json!(true));
    let eve = site.json(&["calendar", "2027-02-05", "--json"]);
    assert_eq!(
        (eve["kind"].clone(), eve["published"].clone()),
        (json!("statutory"), json!(true))
    );
    assert_eq!(
        site.json(&["calendar", "2027-02-20", "--json"])["kind"],
        json!("makeup_workday")
    );
    let again = site.json(&["calendar", "import", file.to_str().unwrap(), "--json"]);
    assert_eq!(again["replaced"], json!(true));
    assert_eq!(again["year"], json!(2027));
}

#[test]
fn a_broken_schedule_is_refused_naming_the_file() {
    let site = Sandbox::default();
    let file = site.write(
        "bad.json",
        r#"{"year": 2027, "days": [{"name": "x", "date": "2027-02-30", "isOffDay": true}]}"#,
    );
    let err = site.fails(
        &["--lang", "en", "calendar", "import", file.to_str().unwrap()],
        1,
    );
    assert_eq!(
        err,
        format!(
            "error: {}: `2027-02-30` is not a date (YYYY-MM-DD)\n",
            file.display()
        )
    );
    let err = site.fails(&["--lang", "en", "calendar", "import", "missing.json"], 1);
    assert_eq!(
        err,
        "error: cannot read missing.json: No such file or directory (os error 2)\n"
    );
    assert!(!site.data_dir().join("otss/calendar").exists());
}

#[test]
fn a_damaged_import_is_named_and_repaired_by_importing_again() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let stored = site.write(
        "data/otss/calendar/2027.json",
        r#"{"year": 2027, "days": ["#,
    );
    let err = site.fails(&["calendar", "2025-10"], 1);
    assert!(
        err.starts_with(&format!(
            "error: {} (imported earlier) cannot be used; import the schedule again or delete it: \
             not a holiday schedule (line 1",
            stored.display()
        )),
        "{err}"
    );
    let good = site.write("2027.json", SCHEDULE_2027);
    let out = site.stdout(&["--lang", "en", "calendar", "import", good.to_str().unwrap()]);
    assert!(
        out.starts_with("replaced the 2027 holiday schedule"),
        "{out}"
    );
    assert_eq!(
        site.json(&["calendar", "2027-02-09", "--json"])["kind"],
        json!("holiday")
    );
}

#[test]
fn the_contract_adds_schedules_and_corrections() {
    let site = Sandbox::default();
    site.write(
        "site/otss.toml",
        &format!(
            "{SHENZHEN_5X8}\n[calendar]\nschedules = [\"holidays/2027.json\"]\n\
             extra_holidays = [2025-12-24]\nextra_workdays = [2025-10-08]\n"
        ),
    );
    site.write("site/holidays/2027.json", SCHEDULE_2027);
    let day = |date: &str| site.json(&["--contract", "site/otss.toml", "calendar", date, "--json"]);
    let swapped = day("2027-02-10");
    assert_eq!(
        (swapped["kind"].clone(), swapped["published"].clone()),
        (json!("holiday"), json!(true))
    );
    let eve = day("2025-12-24");
    assert_eq!(eve["kind"], json!("holiday"));
    assert_eq!(eve["name"], json!("contract day off"));
    assert_eq!(day("2025-10-08")["working"], json!(true));
    assert_eq!(day("2025-10")["working_days"], json!(19));
}

#[test]
fn bad_periods_are_refused() {
    let site = Sandbox::default();
    for bad in ["2025-13", "2025-02-30", "soon"] {
        let err = site.fails(&["--lang", "en", "calendar", bad], 1);
        assert!(
            err.contains(&format!(
                "`{bad}` is not a period: use YYYY-MM, YYYY or a day (accepted forms: 2026-03-02"
            )),
            "{err}"
        );
    }
    let year = site.json(&["calendar", "2026", "--json"]);
    assert_eq!(year["working_days"], json!(248));
    assert_eq!(year["months"].as_array().unwrap().len(), 12);
    assert_eq!(year["months"][9]["month"], json!("2026-10"));
}

#[test]
fn the_month_grid_tells_the_kinds_of_day_apart() {
    let site = Sandbox::default();
    insta::assert_snapshot!(
        "calendar_2025_10_en",
        site.stdout(&["--lang", "en", "calendar", "2025-10"])
    );
    insta::assert_snapshot!("calendar_2024_05_zh", site.stdout(&["calendar", "2024-05"]));
    insta::assert_snapshot!(
        "calendar_2024_05_01_en",
        site.stdout(&["--lang", "en", "calendar", "2024-05-01"])
    );
}
