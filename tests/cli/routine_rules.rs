//! Routine items that count honestly (docs/rules.md §4): rounds and backup checks spread over
//! their period, repeated findings kept as one risk, each backup job's latest result, and the
//! days off nobody is on duty for.

use super::{SHENZHEN_5X8, Sandbox};
use serde_json::{Value, json};

const NOW: &str = "2026-06-30T12:00:00+08:00";

fn shenzhen_7x24() -> String {
    SHENZHEN_5X8.replace("5x8", "7x24")
}

/// The arguments that record a monitoring round at `at`, every item ok.
fn monitoring_round_at(at: &str) -> [&str; 7] {
    [
        "inspect",
        "today",
        "--kind",
        "monitoring",
        "--all-ok",
        "--at",
        at,
    ]
}

fn monitoring_round(site: &Sandbox, at: &str) -> Value {
    site.json_at(NOW, &[&monitoring_round_at(at)[..], &["--json"]].concat())
}

/// A site whose resource round checks two items: CBS disks and COS usage.
fn with_resource_items() -> Sandbox {
    Sandbox::with_contract(&format!(
        "{SHENZHEN_5X8}\n[inspections.resource]\nitems = [\"CBS disks\", \"COS usage\"]\n"
    ))
}

/// Records today's resource round of `with_resource_items`, the CBS disks found 92 % full.
fn cbs_disks_found_full(site: &Sandbox) {
    let round = [
        "inspect", "today", "--kind", "resource", "--all-ok", "--json",
    ];
    let finding = [
        "--item",
        "CBS disks=abnormal:92 % full",
        "--at",
        "2026-06-30 10:00",
    ];
    site.json_at(NOW, &[&round[..], &finding].concat());
}

fn backup_ok(site: &Sandbox, job: &str, at: &str) -> String {
    site.stdout_at(NOW, &["backup", "check", "--job", job, "--ok", "--at", at])
}

fn archive_failed_on_june_2(site: &Sandbox) {
    let failed = ["--failed", "checksum mismatch", "--at", "2026-06-02 10:00"];
    site.stdout_at(
        NOW,
        &[&["backup", "check", "--job", "COS archive"][..], &failed].concat(),
    );
}

#[test]
fn two_rounds_a_minute_apart_are_one_round_of_the_two_a_day() {
    let site = Sandbox::with_contract(&shenzhen_7x24());
    monitoring_round(&site, "2026-06-30 09:00");
    let v = monitoring_round(&site, "2026-06-30 09:01");
    assert_eq!(
        v["due"],
        json!([{"kind": "monitoring", "required": 2, "done": 1, "rounds": 2}]),
        "the second round is recorded but does not count"
    );
    let not_counted = &v["not_counted"][0];
    assert_eq!(
        (
            not_counted["kind"].clone(),
            not_counted["at"].clone(),
            not_counted["reason"].clone(),
            not_counted["after"].clone(),
            not_counted["min_gap"].clone()
        ),
        (
            json!("monitoring"),
            json!("2026-06-30T09:01:00+08:00"),
            json!("too_soon"),
            json!("2026-06-30T09:00:00+08:00"),
            json!("4h")
        )
    );
    let coverage = site.json_at(NOW, &["inspect", "status", "--json"]);
    let today = coverage["days"].as_array().unwrap().last().unwrap();
    assert_eq!(today["not_counted"].as_array().unwrap().len(), 1);
    let out = site.stdout_at(NOW, &["inspect", "status"]);
    assert!(
        out.contains("less than 4h after the round counted at 09:00"),
        "{out}"
    );
    let v = monitoring_round(&site, "2026-06-30 11:00");
    assert_eq!(
        v["due"][0]["done"],
        json!(1),
        "11:00 is two hours after 09:00"
    );
    let out = site.stdout_at(
        "2026-06-30T23:00:00+08:00",
        &monitoring_round_at("2026-06-30 13:00"),
    );
    assert!(
        out.contains("Monitoring inspection: 2 of 2 done"),
        "13:00 is four hours after 09:00: {out}"
    );
    let report = site.json_at(
        "2026-06-30T23:00:00+08:00",
        &["report", "2026-06", "--format", "json"],
    );
    assert_eq!(report["rounds_not_counted"].as_array().unwrap().len(), 2);
}

#[test]
fn the_engineer_is_told_when_a_round_does_not_count() {
    let site = Sandbox::with_contract(&shenzhen_7x24());
    monitoring_round(&site, "2026-06-30 09:00");
    let out = site.stdout_at(NOW, &monitoring_round_at("2026-06-30 09:01"));
    assert!(
        out.contains(
            "not counted: less than 4h after the round counted at 09:00; one from 13:00 counts"
        ),
        "{out}"
    );
}

#[test]
fn two_backup_checks_a_minute_apart_are_one_of_the_two_a_month() {
    let site = Sandbox::with_contract(&shenzhen_7x24());
    backup_ok(&site, "TencentDB nightly", "2026-06-01 09:00");
    let out = backup_ok(&site, "TencentDB nightly", "2026-06-01 09:01");
    assert!(out.contains("backup checks: 1 of 2 required"), "{out}");
    assert!(
        out.contains("not counted: less than 7d after the check counted at 06-01 Mon 09:00"),
        "{out}"
    );
    let v = site.json_at(NOW, &["backup", "status", "--json"]);
    assert_eq!(
        (v["required"].clone(), v["done"].clone()),
        (json!(2), json!(1))
    );
    let second = &v["checks"][1];
    assert_eq!(
        (
            second["counted"].clone(),
            second["not_counted"]["reason"].clone()
        ),
        (json!(false), json!("too_soon"))
    );
    let report = site.json_at(NOW, &["report", "2026-06", "--format", "json"]);
    assert_eq!(
        (
            report["backups"]["done"].clone(),
            report["backups"]["checks_passed"].clone()
        ),
        (json!(1), json!(2))
    );
    assert_eq!(
        report["backups"]["not_counted"][0]["reason"],
        json!("too_soon")
    );
    let md = site.stdout_at(NOW, &["report", "2026-06", "--format", "md"]);
    assert!(md.contains("less than 7d after the check counted"), "{md}");
    backup_ok(&site, "TencentDB nightly", "2026-06-08 09:00");
    let v = site.json_at(NOW, &["backup", "status", "--json"]);
    assert_eq!(v["done"], json!(2), "a week after the first check counts");
}

#[test]
fn the_report_json_lists_the_failed_backup_checks() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    archive_failed_on_june_2(&site);
    let report = site.json_at(NOW, &["report", "2026-06", "--format", "json"]);
    assert_eq!(
        report["backups"]["failed"],
        json!([{
            "at": "2026-06-02T10:00:00+08:00",
            "job": "COS archive",
            "note": "checksum mismatch",
            "by": "li.lei"
        }])
    );
    let annual = site.json_at(NOW, &["report", "2026", "--format", "json"]);
    assert_eq!(annual["backups"]["failed"].as_array().unwrap().len(), 1);
}

#[test]
fn the_same_abnormal_item_found_again_is_the_same_risk() {
    let site = with_resource_items();
    for (day, note) in [("2026-06-29", "92 % full"), ("2026-06-30", "95 % full")] {
        site.json_at(
            NOW,
            &[
                "inspect",
                day,
                "--kind",
                "resource",
                "--all-ok",
                "--item",
                &format!("CBS disks=abnormal:{note}"),
                "--at",
                &format!("{day} 10:00"),
                "--json",
            ],
        );
    }
    let risks = site.json_at(NOW, &["risk", "list", "--json"]);
    assert_eq!(risks.as_array().unwrap().len(), 1, "{risks}");
    assert_eq!(
        (
            risks[0]["seen"].clone(),
            risks[0]["at"].clone(),
            risks[0]["last_seen"].clone(),
            risks[0]["last_note"].clone()
        ),
        (
            json!(2),
            json!("2026-06-29T10:00:00+08:00"),
            json!("2026-06-30T10:00:00+08:00"),
            json!("95 % full")
        )
    );
    let out = site.stdout_at(NOW, &["risk", "list"]);
    assert!(out.contains("found 2 times, last 10:00"), "{out}");
}

/// A resource round on `day` at 10:00 finding `item` abnormal, every other item ok.
fn abnormal_round(site: &Sandbox, day: &str, item: &str) {
    let finding = format!("{item}=abnormal:growing");
    let at = format!("{day} 10:00");
    let args = [
        "inspect", day, "--kind", "resource", "--all-ok", "--item", &finding,
    ];
    site.stdout_at(NOW, &[&args[..], &["--at", &at]].concat());
}

/// The ids of the risks `risk list --json` gives at `now`, each with whether it is open,
/// listed three times: the rounds as stored by the first, the risks stored apart by the
/// second, found again from them by the third.
fn risks_listed(site: &Sandbox, now: &str) -> Vec<(String, bool)> {
    let listed = [(); 3].map(|_| site.json_at(now, &["risk", "list", "--json"]));
    assert!(listed.iter().all(|risks| *risks == listed[0]), "{listed:?}");
    let risks = listed[0].as_array().unwrap().iter();
    risks
        .map(|risk| {
            (
                risk["item"].as_str().unwrap().to_string(),
                risk["open"] == true,
            )
        })
        .collect()
}

#[test]
fn risks_stored_apart_are_found_again_only_while_the_rounds_would_give_them() {
    let site = with_resource_items();
    abnormal_round(&site, "2026-06-29", "CBS disks");
    abnormal_round(&site, "2026-06-30", "COS usage");
    // The second round found the disks ok again.
    let cbs = |open| ("CBS disks".to_string(), open);
    let both = vec![cbs(false), ("COS usage".to_string(), true)];
    assert_eq!(risks_listed(&site, NOW), both);

    // Read before the second round happened: it counts nowhere, and is named.
    let before = "2026-06-29T12:00:00+08:00";
    let read = site.run_at(before, &["risk", "list", "--json"]);
    let said = String::from_utf8_lossy(&read.stderr);
    let listed = site.json_at(NOW, &["risk", "list", "--json"]);
    // A risk is named by its round's short id and the item's number.
    let second = listed[1]["id"].as_str().unwrap().split('-').next().unwrap();
    assert!(said.contains(second), "{said}");
    assert_eq!(risks_listed(&site, before), [cbs(true)]);
    assert_eq!(risks_listed(&site, NOW), both);

    // The second round voided.
    site.stdout_at(NOW, &["void", second, "--reason", "wrong site"]);
    assert_eq!(risks_listed(&site, NOW), [cbs(true)]);

    // An incident opened from the first risk closes it.
    let risk = site.json_at(NOW, &["risk", "list", "--json"])[0]["id"].clone();
    let from_risk = ["incident", "open", "--from-risk", risk.as_str().unwrap()];
    site.json_at(NOW, &[&from_risk[..], &["--level", "2", "--json"]].concat());
    assert_eq!(risks_listed(&site, NOW), [cbs(false)]);
}

#[test]
fn risks_stored_apart_are_found_again_when_an_opening_is_rewritten_in_its_place() {
    let site = with_resource_items();
    let findings = [
        "--item=CBS disks=abnormal:growing",
        "--item=COS usage=abnormal:growing",
    ];
    let round = ["inspect", "2026-06-29", "--kind", "resource", "--all-ok"];
    site.stdout_at(
        NOW,
        &[&round[..], &findings, &["--at", "2026-06-29 10:00"]].concat(),
    );
    let listed = site.json_at(NOW, &["risk", "list", "--json"]);
    let [cbs, cos] = [0, 1].map(|n| listed[n]["id"].as_str().unwrap().to_string());
    let from_risk = ["incident", "open", "--from-risk", &cbs, "--level", "2"];
    site.stdout_at(NOW, &from_risk);
    // The index built from these files at once, as it will be built again after the rewrite.
    std::fs::remove_dir_all(site.path().join("cache")).unwrap();
    let taken = |cbs_open, cos_open| {
        vec![
            ("CBS disks".to_string(), cbs_open),
            ("COS usage".to_string(), cos_open),
        ]
    };
    assert_eq!(risks_listed(&site, NOW), taken(false, true));

    // The opening rewritten where it stands, as a reset file may have it, and the index
    // rebuilt by a command that finds no risk: its rounds' part is byte for byte the one the
    // stored risks were found from, its opening in the same place. The other risk is the one
    // taken up now.
    let (name, text) = (site.ledger_files().into_iter())
        .find(|(_, text)| text.contains("\"from_risk\""))
        .unwrap();
    let field = |id: &str| format!("\"from_risk\":\"{id}\"");
    let rewritten = text.replace(&field(&cbs), &field(&cos));
    assert_ne!(rewritten, text);
    std::fs::write(site.path().join("ledger").join(name), rewritten).unwrap();
    site.json_at(NOW, &["incident", "list", "--open", "--json"]);
    assert_eq!(risks_listed(&site, NOW), taken(true, false));
}

#[test]
fn status_shows_the_open_risks() {
    let site = with_resource_items();
    cbs_disks_found_full(&site);
    let v = site.json_at(NOW, &["status", "--json"]);
    let open = v["open_risks"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0]["item"].clone(), open[0]["note"].clone()),
        (json!("CBS disks"), json!("92 % full"))
    );
    let out = site.stdout_at(NOW, &["status"]);
    assert!(out.contains("1 open risk"), "{out}");
    assert!(out.contains("CBS disks: 92 % full"), "{out}");
}

#[test]
fn a_job_that_failed_and_then_passed_is_ok_now() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    archive_failed_on_june_2(&site);
    backup_ok(&site, "COS archive", "2026-06-03 10:00");
    let v = site.json_at(NOW, &["backup", "status", "--json"]);
    assert_eq!(v["jobs"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            v["jobs"][0]["job"].clone(),
            v["jobs"][0]["ok"].clone(),
            v["jobs"][0]["at"].clone()
        ),
        (
            json!("COS archive"),
            json!(true),
            json!("2026-06-03T10:00:00+08:00")
        )
    );
    assert_eq!(v["checks"].as_array().unwrap().len(), 2, "history kept");
    let out = site.stdout_at(NOW, &["backup", "status"]);
    assert!(out.contains("FAILED: checksum mismatch"), "history: {out}");
    assert!(out.contains("COS archive: ok"), "now: {out}");
    let status = site.json_at(NOW, &["status", "--json"]);
    assert_eq!(status["backups"]["failing"], json!([]));
    let out = site.stdout_at(NOW, &["status"]);
    assert!(!out.contains("FAILED"), "{out}");
}

#[test]
fn the_roster_points_out_days_off_nobody_is_on_duty_for() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for date in ["2026-06-19", "2026-06-20"] {
        site.stdout_at(NOW, &["duty", "set", date, "li.lei"]);
    }
    let roster = site.json_at(NOW, &["duty", "list", "2026-06", "--json"]);
    let uncovered: Vec<&str> = roster
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["covered"] == json!(false))
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        uncovered,
        [
            "2026-06-06",
            "2026-06-07",
            "2026-06-13",
            "2026-06-14",
            "2026-06-21",
            "2026-06-27",
            "2026-06-28"
        ]
    );
    let holiday = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2026-06-21")
        .unwrap();
    assert_eq!(
        holiday,
        &json!({"date": "2026-06-21", "engineer": null, "id": null, "kind": "holiday",
                "working": false, "covered": false})
    );
    let out = site.stdout_at(NOW, &["duty", "list", "2026-06"]);
    assert!(
        out.contains("2026-06-21 Sun · holiday · no one on duty"),
        "{out}"
    );
    assert!(
        out.contains("2026-06-19 Fri · statutory holiday · li.lei"),
        "{out}"
    );
}

#[test]
fn duty_on_a_working_day_is_recorded_with_a_warning() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let output = site.run_at(NOW, &["duty", "set", "2026-06-30", "li.lei"]);
    assert!(output.status.success());
    let err = super::stderr(&output);
    assert!(
        err.contains("2026-06-30 is a working day: the duty roster is for days off; recorded"),
        "{err}"
    );
    let roster = site.json_at(NOW, &["duty", "list", "--json"]);
    let on_duty = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2026-06-30")
        .unwrap();
    assert_eq!(on_duty["engineer"], json!("li.lei"));
    let output = site.run_at(NOW, &["duty", "set", "2026-06-28", "li.lei"]);
    assert!(
        super::stderr(&output).is_empty(),
        "a Sunday needs no warning"
    );
}

/// Every file of the index kept under the sandbox's cache, by path.
fn index_files(site: &Sandbox) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![site.path().join("cache")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            match path.is_dir() {
                true => dirs.push(path),
                false => found.push(path),
            }
        }
    }
    found.sort();
    found
}

#[test]
fn status_stands_the_same_whichever_part_of_its_index_is_found_damaged() {
    let site = with_resource_items();
    cbs_disks_found_full(&site);
    archive_failed_on_june_2(&site);
    site.stdout_at(
        NOW,
        &["incident", "open", "--level", "2", "--title", "CLB 502"],
    );
    site.stdout_at(
        "2026-06-01T10:00:00+08:00",
        &["request", "add", "review the CVM alarms"],
    );
    let healthy = site.json_at(NOW, &["status", "--json"]);
    assert_eq!(healthy["open_risks"].as_array().unwrap().len(), 1);
    assert_eq!(healthy["open_incidents"].as_array().unwrap().len(), 1);
    assert_eq!(healthy["requests_waiting"].as_array().unwrap().len(), 1);
    let parts = index_files(&site);
    assert!(parts.len() > 3, "{parts:?}");
    for part in parts {
        std::fs::write(&part, "not what was stored").unwrap();
        let output = site.run_at(NOW, &["status", "--json"]);
        let err = crate::stderr(&output);
        assert!(output.status.success(), "{}: {err}", part.display());
        let status: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(status, healthy, "{}", part.display());
    }
}
