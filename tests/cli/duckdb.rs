//! The export's schema is a contract: README's SQL examples, run with DuckDB on the Parquet
//! files of two exported sites, answer exactly what `otss report` and `otss report due` say.
//! DuckDB comes from PyPI into a virtual environment in the target directory (`.ci/run` makes
//! it first); the test is skipped, saying why, only when it cannot be installed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::Sandbox;
use super::scale::example_site;

/// After March: its report is complete, and late.
const NOW: &str = "2025-04-10T10:00:00+08:00";

/// The Python of a virtual environment holding DuckDB, made if missing; why not, if it cannot be.
fn duckdb_python() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("duckdb-venv");
    let python = venv.join("bin/python");
    let has_duckdb = |python: &Path| {
        Command::new(python)
            .args(["-c", "import duckdb"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if has_duckdb(&python) {
        return Ok(python);
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return Err(format!("python3 -m venv {} failed", venv.display()));
    }
    let pip = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "duckdb"])
        .status();
    if !pip.is_ok_and(|s| s.success()) || !has_duckdb(&python) {
        return Err("pip install duckdb failed".to_string());
    }
    Ok(python)
}

/// The SQL blocks of README's section on exporting.
fn readme_queries() -> Vec<String> {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("\n## Exporting to analytics engines\n")
        .nth(1)
        .expect("README has a section on exporting");
    let section = section.split("\n## ").next().unwrap();
    section
        .split("```sql\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

/// The rows `sql` gives, run by DuckDB in `dir`.
fn duckdb(python: &Path, dir: &Path, sql: &str) -> Value {
    let script = "import duckdb, json, sys\n\
        rows = duckdb.sql(sys.stdin.read()).fetchall()\n\
        print(json.dumps([list(r) for r in rows], default=str))";
    let mut child = Command::new(python)
        .args(["-c", script])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{sql}\n{}", super::stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Two sites exported into `export/NAME` of one sandbox: the example, and the example under
/// another customer's name with its first March incident voided. Each site's report of March
/// and its reports due.
fn two_sites() -> (Sandbox, Vec<(String, Value, Value)>) {
    let base = Sandbox::default();
    let mut sites = Vec::new();
    for (name, customer) in [("chengdu", None), ("renamed", Some("Example Bank"))] {
        let site = example_site();
        if let Some(customer) = customer {
            let contract = fs::read_to_string(site.path().join("otss.toml")).unwrap();
            let contract = contract.replace("天府示例证券股份有限公司", customer);
            site.write("otss.toml", &contract);
            let report = site.json_at(NOW, &["report", "2025-03", "--json"]);
            let first = report["incidents"]["list"][0]["id"]
                .as_str()
                .unwrap()
                .to_string();
            site.stdout_at(NOW, &["void", &first, "--reason", "a test call"]);
        }
        let out = base.path().join("export").join(name);
        let out = out.to_str().unwrap();
        site.stdout_at(NOW, &["export", "--out", out]);
        let report = site.json_at(NOW, &["report", "2025-03", "--json"]);
        let due = site.json_at(NOW, &["report", "due", "--json"]);
        let customer = report["customer"].as_str().unwrap().to_string();
        sites.push((customer, report, due));
    }
    sites.sort_by(|a, b| a.0.cmp(&b.0));
    (base, sites)
}

#[test]
fn readme_queries_on_the_exported_parquet_answer_what_the_reports_say() {
    let python = match duckdb_python() {
        Ok(python) => python,
        Err(why) => {
            eprintln!(
                "SKIPPED: DuckDB cannot be installed ({why}); the README queries are not checked"
            );
            return;
        }
    };
    let queries = readme_queries();
    assert_eq!(queries.len(), 3, "breaches, coverage, late reports");
    let (base, sites) = two_sites();

    let mut breaches = Vec::new();
    let mut coverage = Vec::new();
    let mut late = Vec::new();
    for (site, report, due) in &sites {
        for level in 1..=3 {
            let key = level.to_string();
            if report["incidents"]["by_level"][&key].as_u64().unwrap_or(0) == 0 {
                continue;
            }
            let figures = &report["incidents"]["levels"][&key];
            breaches.push(json!([
                site,
                level,
                figures["response"]["breached"],
                figures["arrival"]["breached"]
            ]));
        }
        for (kind, counts) in report["inspections"].as_object().unwrap() {
            coverage.push(json!([site, kind, counts["required"], counts["done"]]));
        }
        for r in due
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["state"] == "late")
        {
            late.push(json!([site, r["month"], r["kind"], r["due"]]));
        }
    }
    assert!(!late.is_empty(), "March's report is late");
    let breached: u64 = breaches
        .iter()
        .map(|b| b[2].as_u64().unwrap() + b[3].as_u64().unwrap())
        .sum();
    assert!(breached > 0, "the example breaches a clock in March");
    let dir = base.path();
    assert_eq!(duckdb(&python, dir, &queries[0]), Value::Array(breaches));
    assert_eq!(duckdb(&python, dir, &queries[1]), Value::Array(coverage));
    assert_eq!(duckdb(&python, dir, &queries[2]), Value::Array(late));
}
