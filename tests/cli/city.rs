//! The site city (docs/rules.md §1.8): written in English or Chinese with its suffixes and
//! districts, it keeps the priority arrival; a likely typo of a priority city is pointed out.

use serde_json::{Value, json};

use super::{NOW, SHENZHEN_5X8, Sandbox, stderr};

/// The Shenzhen contract of the tests with `city` and `staff` instead.
fn site_in(city: &str, staff: u32) -> Sandbox {
    let contract = SHENZHEN_5X8
        .replace("city = \"Shenzhen\"", &format!("city = \"{city}\""))
        .replace("staff = 2", &format!("staff = {staff}"));
    Sandbox::with_contract(&contract)
}

/// When an engineer asked for at 10:00 on Labour Day 2025 must be on site, for a level-1
/// incident.
fn level1_arrival_due(site: &Sandbox) -> Value {
    let v = site.json(&["sla", "--level", "1", "--at", "2025-05-01 10:00", "--json"]);
    v["arrival_due"].clone()
}

#[test]
fn a_city_written_with_its_suffix_district_case_or_spacing_keeps_the_priority_arrival() {
    for city in [
        "成都市高新区",
        "成都高新区",
        "Chengdu City",
        "CHENGDU",
        "Cheng Du",
    ] {
        let site = site_in(city, 2);
        assert_eq!(
            level1_arrival_due(&site),
            json!("2025-05-01T12:00:00+08:00"),
            "{city}"
        );
        let show = site.stdout(&["contract", "show"]);
        assert!(
            show.contains("yes: Chengdu is a priority city, with 2 engineers"),
            "{city}: {show}"
        );
    }
}

#[test]
fn a_misspelt_priority_city_is_pointed_out_by_check_show_and_init() {
    let site = site_in("Chengdou", 2);
    // A city otss does not know is compared as written: no priority arrival.
    assert_eq!(
        level1_arrival_due(&site),
        json!("2025-05-01T14:00:00+08:00")
    );
    let output = site.otss().args(["contract", "check"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let warning = "warning: the city `Chengdou` is not a priority city, so the priority arrival \
                   time does not apply; did you mean Chengdu?";
    assert!(stderr(&output).contains(warning), "{}", stderr(&output));
    let output = site
        .otss()
        .args(["--lang", "zh", "contract", "check"])
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains("城市 `Chengdou` 不是优先城市，优先到场时限不适用；是不是成都？"),
        "{}",
        stderr(&output)
    );
    // The table wraps the row: its first words, and its end.
    let show = site.stdout(&["contract", "show"]);
    assert!(
        show.contains("no: `Chengdou` is not a priority city (Beijing,")
            && show.contains("Chengdu); did you mean Chengdu?"),
        "{show}"
    );
    let v = site.json(&["contract", "show", "--json"]);
    assert_eq!(v["priority_site"], json!(false));
    assert_eq!(
        v["priority"],
        json!({"reason": "city_not_listed", "did_you_mean": "Chengdu"})
    );

    let fresh = Sandbox::default();
    let output = fresh
        .otss()
        .args([
            "init",
            "--customer",
            "X",
            "--mode",
            "5x8",
            "--start",
            "2025-01-02",
        ])
        .args(["--end", "2025-12-31", "--city", "深证", "--staff", "2"])
        .args(["--language", "en", "--no-input"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains("Priority arrival: no: `深证` is not a priority city"),
        "{said}"
    );
    assert!(
        stderr(&output).contains(
            "warning: the city `深证` is not a priority city, so the priority arrival time does \
             not apply; did you mean Shenzhen?"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn show_says_why_the_priority_arrival_does_not_apply() {
    let cases = [
        (
            site_in("Chengdu", 1),
            "no: 1 engineer in Chengdu, fewer than the 2 needed",
            "too_few_staff",
        ),
        (
            site_in("Lhasa", 2),
            "no: `Lhasa` is not a priority city (Beijing,",
            "city_not_listed",
        ),
        (
            Sandbox::with_contract(&SHENZHEN_5X8.replace("city = \"Shenzhen\"\n", "")),
            "no: the contract names no city; the priority cities are Beijing, Shanghai",
            "no_city",
        ),
    ];
    for (site, said, reason) in cases {
        let show = site.stdout_at(NOW, &["contract", "show"]);
        assert!(show.contains(said), "{show}");
        assert!(!show.contains("did you mean"), "{show}");
        let output = site.otss().args(["contract", "check"]).output().unwrap();
        assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
        let v = site.json(&["contract", "show", "--json"]);
        assert_eq!(
            v["priority"],
            json!({"reason": reason, "did_you_mean": null})
        );
    }
    let zh = site_in("成都", 1).stdout(&["--lang", "zh", "contract", "show"]);
    assert!(zh.contains("否：成都驻场 1 人，少于所需的 2 人"), "{zh}");
}
