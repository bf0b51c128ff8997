//! `otss portfolio`: each site's row is what its own report says, troubled sites first, a
//! site that cannot be read is a row with its error, and the totals add up.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::Sandbox;

/// After March: its reports are due or late.
const NOW: &str = "2025-04-10T10:00:00+08:00";

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn sites_file() -> String {
    examples().join("portfolio/sites.txt").display().to_string()
}

/// `otss report ARGS` of the site in `dir`.
fn site_json(dir: &Path, args: &[&str]) -> Value {
    let contract = dir.join("otss.toml");
    let mut all = vec!["--contract", contract.to_str().unwrap()];
    all.extend(args);
    Sandbox::default().json_at(NOW, &all)
}

#[test]
fn each_row_is_what_the_sites_report_says_and_the_totals_add_up() {
    let portfolio = Sandbox::default().json_at(
        NOW,
        &[
            "portfolio",
            "2025-03",
            "--sites-file",
            &sites_file(),
            "--json",
        ],
    );
    let sites = portfolio["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 6);
    assert!(
        sites[0]["error"].as_str().unwrap().contains("mode"),
        "{:?}",
        sites[0]
    );
    let read: Vec<&Value> = sites.iter().filter(|s| s["error"].is_null()).collect();
    assert_eq!(read.len(), 5);
    let modes: Vec<&str> = read.iter().map(|s| s["mode"].as_str().unwrap()).collect();
    assert!(modes.contains(&"5x8") && modes.contains(&"7x24"));
    for site in &read {
        let dir = PathBuf::from(site["dir"].as_str().unwrap());
        let report = site_json(&dir, &["report", "2025-03", "--json"]);
        let due = site_json(&dir, &["report", "due", "--json"]);
        assert_eq!(site["customer"], report["customer"]);
        assert_eq!(site["incidents"], report["incidents"]["by_level"]);
        assert_eq!(site["response"], report["incidents"]["response"]);
        assert_eq!(site["arrival"], report["incidents"]["arrival"]);
        assert_eq!(site["open_at_end"], report["incidents"]["open_at_end"]);
        for (kind, counts) in report["inspections"].as_object().unwrap() {
            assert_eq!(site["inspections"][kind]["required"], counts["required"]);
            assert_eq!(site["inspections"][kind]["done"], counts["done"]);
        }
        assert_eq!(site["backups"]["done"], report["backups"]["done"]);
        let late = due
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["state"] == "late")
            .count();
        assert_eq!(site["late_reports"], json!(late));
        assert_eq!(site["comp_days_earned"], report["comp_days_earned"]);
        assert_eq!(
            site["corrections"],
            json!(report["corrections"].as_array().unwrap().len())
        );
    }
    let breached = |s: &Value| {
        s["response"]["breached"].as_u64().unwrap() + s["arrival"]["breached"].as_u64().unwrap()
    };
    let trouble: Vec<u64> = read.iter().map(|s| breached(s)).collect();
    assert!(
        trouble.windows(2).all(|w| w[0] >= w[1]),
        "troubled first: {trouble:?}"
    );
    let totals = &portfolio["totals"];
    let sum = |key: &dyn Fn(&Value) -> u64| read.iter().map(|s| key(s)).sum::<u64>();
    assert_eq!(breached(totals), sum(&breached));
    assert_eq!(
        totals["late_reports"].as_u64().unwrap(),
        sum(&|s| s["late_reports"].as_u64().unwrap())
    );
    let level_1 = |s: &Value| s["incidents"]["1"].as_u64().unwrap();
    assert_eq!(level_1(totals), sum(&level_1));
}

#[test]
fn sites_named_on_the_command_line_and_every_format() {
    let site = Sandbox::default();
    let portfolio = examples().join("portfolio");
    let dirs = [portfolio.join("london-5x8"), portfolio.join("beijing-7x24")];
    let dirs: Vec<&str> = dirs.iter().map(|d| d.to_str().unwrap()).collect();
    let mut args = vec!["portfolio", "2025-03", "--lang", "en", "--sites"];
    args.extend(&dirs);
    let md = site.stdout_at(NOW, &[args.as_slice(), &["--format", "md"]].concat());
    assert!(
        md.contains("Example Payments Ltd.") && md.contains("Example Wealth Management plc"),
        "{md}"
    );
    assert!(md.contains("| Total |"), "{md}");
    site.stdout_at(
        NOW,
        &[args.as_slice(), &["--out", "portfolio.html"]].concat(),
    );
    let html = std::fs::read_to_string(site.path().join("portfolio.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg"),
        "{html}"
    );
    assert!(html.contains("SLA results by site"), "{html}");
    let table = site.stdout_at(NOW, &args);
    assert!(
        table.contains("On-site service portfolio 2025-03"),
        "{table}"
    );
}

#[test]
fn a_period_that_is_not_one_ends_the_run_but_a_missing_site_does_not() {
    let site = Sandbox::default();
    let error = site.fails_at(NOW, &["portfolio", "March", "--sites", "."], 1);
    assert!(error.contains("March"), "{error}");
    let json = site.json_at(
        NOW,
        &["portfolio", "2025-03", "--sites", "nowhere", "--json"],
    );
    assert!(
        json["sites"][0]["error"]
            .as_str()
            .unwrap()
            .contains("nowhere"),
        "{json}"
    );
}
