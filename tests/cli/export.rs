//! `otss export`: the tables add up to exactly what the month report says, in every format,
//! with voided records flagged or left out as the report leaves them out.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::Path;

use chrono::DateTime;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::RowAccessor;
use serde_json::{Value, json};

use super::Sandbox;
use super::scale::example_site;

const NOW: &str = "2025-04-02T10:00:00+08:00";

/// The rows of an exported JSON-lines table.
fn rows(dir: &Path, table: &str) -> Vec<Value> {
    let text = fs::read_to_string(dir.join(format!("{table}.jsonl"))).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn count(rows: &[Value], keep: impl Fn(&Value) -> bool) -> u64 {
    rows.iter().filter(|r| keep(r)).count() as u64
}

fn sum(rows: &[Value], key: &str) -> u64 {
    rows.iter().map(|r| r[key].as_u64().unwrap_or(0)).sum()
}

/// The example site with one March incident voided, and its March report as JSON.
fn site_with_a_void() -> (Sandbox, String) {
    let site = example_site();
    let report = site.json_at(NOW, &["report", "2025-03", "--json"]);
    let id = report["incidents"]["list"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    site.stdout_at(NOW, &["void", &id, "--reason", "opened twice by mistake"]);
    (site, id)
}

#[test]
fn the_tables_of_a_month_add_up_to_its_report() {
    let (site, voided) = site_with_a_void();
    let report = site.json_at(NOW, &["report", "2025-03", "--json"]);
    let out = site.path().join("facts");
    let args = [
        "export", "--out", "facts", "--period", "2025-03", "--format", "jsonl",
    ];
    site.stdout_at(NOW, &args);

    let incidents = rows(&out, "incidents");
    let counted: Vec<Value> = incidents
        .iter()
        .filter(|r| r["voided"] == false)
        .cloned()
        .collect();
    assert_eq!(
        counted.len() as u64,
        report["incidents"]["total"].as_u64().unwrap()
    );
    for level in 1..=3 {
        let of_level: Vec<Value> = counted
            .iter()
            .filter(|r| r["level"] == json!(level))
            .cloned()
            .collect();
        let figures = &report["incidents"]["levels"][level.to_string()];
        for (clock, verdict) in [("response", "response_met"), ("arrival", "arrival_met")] {
            let breached = count(&of_level, |r| r[verdict] == false);
            let met = count(&of_level, |r| r[verdict] == true);
            assert_eq!(
                breached,
                figures[clock]["breached"].as_u64().unwrap(),
                "{level} {clock}"
            );
            if clock == "response" {
                assert_eq!(
                    met,
                    figures[clock]["met"].as_u64().unwrap(),
                    "{level} {clock}"
                );
            }
        }
    }
    let voided_rows: Vec<&Value> = incidents.iter().filter(|r| r["voided"] == true).collect();
    assert_eq!(voided_rows.len(), 1, "{incidents:?}");
    assert_eq!(voided_rows[0]["id"], json!(&voided[voided.len() - 6..]));
    assert!(counted.iter().all(|r| r["id"] != voided_rows[0]["id"]));

    let days = rows(&out, "inspection_days");
    for (kind, figures) in report["inspections"].as_object().unwrap() {
        let of_kind: Vec<Value> = days
            .iter()
            .filter(|r| r["kind"] == json!(kind))
            .cloned()
            .collect();
        assert_eq!(
            sum(&of_kind, "required"),
            figures["required"].as_u64().unwrap(),
            "{kind}"
        );
        assert_eq!(
            sum(&of_kind, "done"),
            figures["done"].as_u64().unwrap(),
            "{kind}"
        );
    }
    let checks = rows(&out, "backup_checks");
    let backups = &report["backups"];
    assert_eq!(
        count(&checks, |r| r["counts"] == true),
        backups["done"].as_u64().unwrap()
    );
    assert_eq!(
        count(&checks, |r| r["ok"] == true),
        backups["checks_passed"].as_u64().unwrap()
    );
    assert_eq!(
        count(&checks, |r| r["ok"] == false),
        backups["failed"].as_array().unwrap().len() as u64
    );
    let consultations = rows(&out, "consultations");
    assert_eq!(
        consultations.len() as u64,
        report["support"]["count"].as_u64().unwrap()
    );
    assert_eq!(
        sum(&consultations, "minutes"),
        report["support"]["minutes"].as_u64().unwrap()
    );
    let requests = rows(&out, "requests");
    assert_eq!(
        requests.len() as u64,
        report["requests"]["total"].as_u64().unwrap()
    );
    let out_of_scope = count(&requests, |r| r["in_scope"] == false);
    assert_eq!(
        out_of_scope,
        report["requests"]["out_of_scope"].as_u64().unwrap()
    );
    let leave = rows(&out, "comp_leave");
    assert_eq!(
        sum(&leave, "earned"),
        report["comp_days_earned"].as_u64().unwrap()
    );
    assert_eq!(
        sum(&leave, "taken"),
        report["comp_days_taken"].as_u64().unwrap()
    );
    let findings = rows(&out, "inspection_findings");
    assert_eq!(findings.len(), report["findings"].as_array().unwrap().len());
    let corrections = rows(&out, "corrections");
    assert_eq!(
        corrections.len(),
        report["corrections"].as_array().unwrap().len()
    );
    assert_eq!(corrections[0]["reason"], json!("opened twice by mistake"));
    assert!(corrections.iter().all(|c| c["month"] == json!("2025-03")));
}

/// An exported time and a time as a command shows it are the same instant.
fn same_instant(exported: &Value, shown: &Value) -> bool {
    let instant = |v: &Value| v.as_str().map(|t| DateTime::parse_from_rfc3339(t).unwrap());
    instant(exported) == instant(shown)
}

#[test]
fn each_incident_row_holds_the_deadlines_and_times_of_its_own_incident() {
    let site = example_site();
    let out = site.path().join("facts");
    let args = [
        "export", "--out", "facts", "--period", "2025-03", "--format", "jsonl",
    ];
    site.stdout_at(NOW, &args);
    let incidents = rows(&out, "incidents");
    assert!(incidents.len() > 3, "{incidents:?}");
    let clocked = ["response_due", "responded_at", "arrival_due", "arrived_at"];
    for row in &incidents {
        let id = row["id"].as_str().unwrap();
        let shown = site.json_at(NOW, &["incident", "show", id, "--json"]);
        for key in clocked {
            assert!(same_instant(&row[key], &shown[key]), "{id} {key}: {row}");
        }
    }
    let arrivals = count(&incidents, |r| r["arrival_due"].is_string());
    assert!(
        arrivals > 0,
        "some incident has an arrival clock: {incidents:?}"
    );
}

#[test]
fn the_reports_table_says_what_report_due_says() {
    let site = example_site();
    let due = site.json_at(NOW, &["report", "due", "--json"]);
    site.stdout_at(NOW, &["export", "--out", "facts", "--format", "jsonl"]);
    let reports = rows(&site.path().join("facts"), "reports");
    let states = |rows: &[Value], month: &str| -> Vec<(String, String)> {
        rows.iter()
            .map(|r| {
                (
                    r[month].as_str().unwrap()[..7].to_string(),
                    r["state"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        states(&reports, "month"),
        states(due.as_array().unwrap(), "month")
    );
    let issued = reports.iter().filter(|r| r["state"] == json!("issued"));
    assert!(issued.clone().count() > 0);
    assert!(issued.clone().all(|r| r["issued_at"].is_string()));
}

#[test]
fn parquet_and_csv_hold_the_rows_json_lines_hold() {
    let site = example_site();
    for format in ["parquet", "csv", "jsonl"] {
        site.stdout_at(NOW, &["export", "--out", format, "--format", format]);
    }
    let tables: BTreeMap<String, usize> = fs::read_dir(site.path().join("jsonl"))
        .unwrap()
        .map(|f| f.unwrap().path())
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            (name.clone(), rows(&site.path().join("jsonl"), &name).len())
        })
        .collect();
    assert_eq!(tables.len(), 10, "{tables:?}");
    for (table, rows) in &tables {
        let parquet = site.path().join("parquet").join(format!("{table}.parquet"));
        let reader = SerializedFileReader::new(File::open(&parquet).unwrap()).unwrap();
        assert_eq!(
            reader.metadata().file_metadata().num_rows() as usize,
            *rows,
            "{table}"
        );
        let csv = fs::read_to_string(site.path().join("csv").join(format!("{table}.csv"))).unwrap();
        let lines = csv.split("\r\n").filter(|l| !l.is_empty()).count();
        assert!(
            lines > *rows,
            "{table}: a header, then a line per row at least"
        );
    }
    let incidents = rows(&site.path().join("jsonl"), "incidents");
    let reader = SerializedFileReader::new(
        File::open(site.path().join("parquet/incidents.parquet")).unwrap(),
    )
    .unwrap();
    let ids: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().get_string(3).unwrap().clone())
        .collect();
    let expected: Vec<String> = incidents
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_period_that_is_not_one_is_refused_by_name() {
    let site = example_site();
    let error = site.fails_at(NOW, &["export", "--out", "facts", "--period", "March"], 1);
    assert!(error.contains("March"), "{error}");
    assert!(!site.path().join("facts").exists());
}

#[test]
fn a_year_is_its_months_of_the_term_begun_and_a_time_outside_the_term_is_refused() {
    let site = example_site();
    let args = [
        "export", "--out", "year", "--period", "2025", "--format", "jsonl",
    ];
    site.stdout_at(NOW, &args);
    let days = rows(&site.path().join("year"), "inspection_days");
    let months: std::collections::BTreeSet<&str> =
        days.iter().map(|r| r["month"].as_str().unwrap()).collect();
    assert_eq!(
        months.into_iter().collect::<Vec<_>>(),
        ["2025-01", "2025-02", "2025-03", "2025-04"]
    );
    assert!(
        days.iter()
            .all(|r| r["date"].as_str().unwrap() <= "2025-04-02")
    );
    let error = site.fails_at(NOW, &["export", "--out", "old", "--period", "2023"], 1);
    assert!(error.contains("2023"), "{error}");
}

/// A link committed where a table's file goes is replaced, never written through; the files
/// take their names only once written, and nothing else is left in the directory.
#[cfg(unix)]
#[test]
fn an_export_never_writes_through_a_link_and_leaves_only_its_tables() {
    let site = example_site();
    let victim = site.write("victim", "untouched");
    let out = site.path().join("facts");
    fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("incidents.jsonl")).unwrap();
    let args = [
        "export", "--out", "facts", "--period", "2025-03", "--format", "jsonl",
    ];
    site.stdout_at(NOW, &args);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
    let written = out.join("incidents.jsonl");
    assert!(!fs::symlink_metadata(&written).unwrap().is_symlink());
    assert!(!rows(&out, "incidents").is_empty());
    let left: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".jsonl"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "nothing partial is left");
}
