//! The derived index against a full scan: the figures a report gives through the index are
//! exactly those computed from every record of every file, on the example site's ledger and
//! after appends, a torn tail and a file synced in from another engineer's laptop.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use serde_json::Value;

use otss::calendar::Calendar;
use otss::contract::Contract;
use otss::ids::short_id;
use otss::incident::{Status, fold};
use otss::ledger::read_lines;
use otss::period::Period;
use otss::record::Record;
use otss::render::report::ReportJson;
use otss::report::{Feedback, IncidentFacts, Report, Scope, Sources};
use otss::{inspect, leave, routine};

use super::Sandbox;

const NOW: &str = "2025-04-02T10:00:00+08:00";

/// A copy of the example site in a sandbox.
pub(super) fn example_site() -> Sandbox {
    let site = Sandbox::default();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chengdu-5x8");
    copy_tree(&example.join("ledger"), &site.path().join("ledger"));
    fs::copy(example.join("otss.toml"), site.path().join("otss.toml")).unwrap();
    site
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// Every record of every ledger file, read whole.
fn full_scan(ledger: &Path) -> Vec<Record> {
    let mut files: Vec<PathBuf> = Vec::new();
    for month in fs::read_dir(ledger).unwrap() {
        let month = month.unwrap().path();
        if month.is_dir() {
            files.extend(fs::read_dir(&month).unwrap().map(|f| f.unwrap().path()));
        }
    }
    let mut records = Vec::new();
    for file in files {
        let bytes = fs::read(&file).unwrap();
        let lines = read_lines(&file.display().to_string(), &bytes, 1).unwrap();
        records.extend(lines.into_iter().filter_map(|line| line.record));
    }
    records
}

/// The report of a period computed from a full scan, as JSON.
fn scanned_report(site: &Sandbox, period: &str) -> Value {
    let text = fs::read_to_string(site.path().join("otss.toml")).unwrap();
    let contract = Contract::parse(&text, "otss.toml").unwrap();
    let calendar = Calendar::new(&[], &contract.calendar.overrides);
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let records = full_scan(&site.path().join("ledger"));
    let mut incidents: Vec<IncidentFacts> = fold(&records)
        .iter()
        .map(|i| IncidentFacts::new(i, now))
        .collect();
    incidents.sort_by(|a, b| (a.reported_at, &a.id).cmp(&(b.reported_at, &b.id)));
    let sources = Sources {
        contract: &contract,
        calendar: &calendar,
        incidents: &incidents,
        records: &records,
        now,
    };
    let today = now.date_naive();
    let scope = Scope::new(&contract, Period::parse(period, today).unwrap()).unwrap();
    let mut report = Report::new(&sources, scope);
    report.feedback = Feedback::of(records.clone(), &scope, &contract, &calendar, now);
    serde_json::to_value(ReportJson::new(&report, contract.timezone)).unwrap()
}

/// The open incidents of a full scan, by id.
fn scanned_open(site: &Sandbox) -> Vec<String> {
    let mut open: Vec<String> = fold(&full_scan(&site.path().join("ledger")))
        .into_iter()
        .filter(|i| i.status == Status::Open)
        .map(|i| i.id)
        .collect();
    open.sort();
    open
}

fn indexed_open(site: &Sandbox) -> Vec<String> {
    let listed = site.json_at(NOW, &["incident", "list", "--open", "--json"]);
    let mut open: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    open.sort();
    open
}

fn assert_same_figures(site: &Sandbox) {
    for period in ["2025-01", "2025-02", "2025-03", "2025"] {
        let indexed = site.json_at(NOW, &["report", period, "--json"]);
        assert_eq!(indexed, scanned_report(site, period), "{period}");
    }
    assert_eq!(indexed_open(site), scanned_open(site));
    assert_same_history(site);
    assert_same_incidents(site);
}

/// Every incident shown by its id (as typed in part, so that only the incidents its id may
/// be are loaded) stands as a full scan folds it.
fn assert_same_incidents(site: &Sandbox) {
    for incident in fold(&full_scan(&site.path().join("ledger"))) {
        let typed = &incident.id[..incident.id.len().min(4)];
        let shown = site.run_at(NOW, &["incident", "show", typed, "--json"]);
        if shown.status.success() {
            let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
            assert_eq!(shown["id"].as_str(), Some(incident.id.as_str()));
            assert_eq!(
                shown["status"],
                serde_json::to_value(incident.status).unwrap()
            );
        } else {
            // A start shared with another incident's id is refused as ambiguous.
            let shared = fold(&full_scan(&site.path().join("ledger")))
                .iter()
                .filter(|other| other.id.starts_with(typed))
                .count();
            assert!(
                shared > 1,
                "{typed}: {}",
                String::from_utf8_lossy(&shown.stderr)
            );
        }
    }
}

/// The risks, comp-leave balances and backup jobs' latest checks through the index are those
/// of a full scan.
fn assert_same_history(site: &Sandbox) {
    let records = full_scan(&site.path().join("ledger"));
    let risks = serde_json::to_value(inspect::risks(&records)).unwrap();
    // Found from the rounds, then (the index stored, then the risks) as stored apart.
    for _ in 0..3 {
        let mut listed = site.json_at(NOW, &["risk", "list", "--json"]);
        for risk in listed.as_array_mut().unwrap() {
            // Shown with the contract zone's offset: the same instant as the scan's.
            for time in ["at", "last_seen"] {
                let shown = DateTime::parse_from_rfc3339(risk[time].as_str().unwrap());
                risk[time] = serde_json::to_value(shown.unwrap().to_utc()).unwrap();
            }
        }
        assert_eq!(listed, risks);
    }
    let open: Vec<&Value> = risks
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["open"] == true)
        .collect();
    let open_listed = site.json_at(NOW, &["risk", "list", "--open", "--json"]);
    let ids = |risks: Vec<&Value>| risks.iter().map(|r| r["id"].clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(open_listed.as_array().unwrap().iter().collect()),
        ids(open)
    );

    let balances = site.json_at(NOW, &["overtime", "balance", "--json"]);
    let scanned: Vec<Value> = leave::balances(&records)
        .into_iter()
        .map(|(engineer, b)| {
            serde_json::json!({"engineer": engineer, "earned": b.earned, "taken": b.taken, "balance": b.balance})
        })
        .collect();
    assert_eq!(balances["engineers"], Value::from(scanned));

    let jobs = site.json_at(NOW, &["backup", "status", "--json"])["jobs"].clone();
    let latest: Vec<Value> = routine::latest_by_job(&records)
        .into_iter()
        .map(|(record, check)| serde_json::json!([short_id(&record.id), check.ok]))
        .collect();
    let listed: Vec<Value> = jobs
        .as_array()
        .unwrap()
        .iter()
        .map(|j| serde_json::json!([j["id"], j["ok"]]))
        .collect();
    assert_eq!(listed, latest);
}

#[test]
fn reports_through_the_index_match_a_full_scan_through_every_change() {
    let site = example_site();
    assert_same_figures(&site);

    // Appends: a new incident, a reopened one, routine records.
    let opened = site.json_at(
        NOW,
        &[
            "incident",
            "open",
            "--level",
            "2",
            "--title",
            "late",
            "--at",
            "2025-03-31 23:50",
            "--json",
        ],
    );
    let id = opened["id"].as_str().unwrap();
    site.stdout_at(NOW, &["incident", "ack", id, "--at", "2025-04-01 00:05"]);
    site.stdout_at(
        NOW,
        &["support", "log", "one more", "--at", "2025-03-31 17:00"],
    );
    let abnormal = "--item=CBS 磁盘增长=abnormal:growing fast";
    let round = [
        "inspect", "today", "--kind", "resource", "--all-ok", abnormal,
    ];
    site.stdout_at(NOW, &round);
    let job = "COS 跨地域复制";
    let check = ["backup", "check", "--job", job, "--failed", "quota"];
    site.stdout_at(NOW, &[&check[..], &["--at", "2025-03-31 16:00"]].concat());
    site.stdout_at(NOW, &["overtime", "log", "2025-03-29"]);
    assert_same_figures(&site);

    // An incident closed in January reopened: the closed incidents stored by period no
    // longer copy those stored by id, and a report loads every closed incident instead.
    let listed = site.json_at(NOW, &["incident", "list", "--json"]);
    let january = (listed.as_array().unwrap().iter())
        .find(|i| i["status"] == "closed" && i["reported_at"].as_str().unwrap() < "2025-02")
        .expect("the example site has an incident closed in January");
    let january = january["id"].as_str().unwrap();
    let reopen = ["incident", "reopen", january, "--at", "2025-03-31 18:00"];
    site.stdout_at(NOW, &reopen);
    assert_same_figures(&site);

    // A torn tail left by an interrupted write.
    let file = site.path().join("ledger/2025-03/li.na.jsonl");
    fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap()
        .write_all(b"{\"v\":1,\"id\":\"01J")
        .unwrap();
    assert_same_figures(&site);

    // A file synced in from another engineer's laptop, with records of months already read.
    let laptop =
        Sandbox::with_contract(&fs::read_to_string(site.path().join("otss.toml")).unwrap());
    let synced = laptop.json_at(
        NOW,
        &[
            "incident",
            "open",
            "--level",
            "1",
            "--title",
            "from the laptop",
            "--at",
            "2025-02-20 10:00",
            "--json",
        ],
    );
    laptop.stdout_at(
        NOW,
        &[
            "incident",
            "ack",
            synced["id"].as_str().unwrap(),
            "--at",
            "2025-02-20 10:20",
        ],
    );
    laptop.stdout_at(
        NOW,
        &[
            "support",
            "log",
            "asked on the laptop",
            "--at",
            "2025-02-21 10:00",
        ],
    );
    let synced_file = Path::new("ledger/2025-02/li.lei.jsonl");
    fs::copy(
        laptop.path().join(synced_file),
        site.path().join(synced_file),
    )
    .unwrap();
    assert_same_figures(&site);
}

#[test]
fn commands_that_skip_lines_by_type_still_read_lines_written_by_hand() {
    let site = Sandbox::with_contract(super::SHENZHEN_5X8);
    let now = "2025-03-04T17:00:00+08:00";
    site.stdout_at(
        now,
        &["inspect", "today", "--kind", "monitoring", "--all-ok"],
    );
    let path = site.path().join("ledger/2025-03/li.lei.jsonl");
    let written = fs::read_to_string(&path).unwrap();
    // The same kind of record, with the spacing and key order a person might type.
    let by_hand = written
        .replace("\"type\":\"inspection.round\",", "")
        .replace("{\"v\":1,", "{\"type\": \"inspection.round\", \"v\": 1,")
        .replace("\"kind\":\"monitoring\"", "\"kind\":\"alert\"")
        .replace("01", "02");
    fs::write(&path, format!("{written}{by_hand}")).unwrap();
    let v = site.json_at(now, &["inspect", "today", "--json"]);
    let done = |kind: &str| {
        v["due"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["kind"] == kind)
            .unwrap()["done"]
            .clone()
    };
    assert_eq!(
        (done("monitoring"), done("alert")),
        (Value::from(1), Value::from(1))
    );
    let status = site.json_at(now, &["status", "--json"]);
    let alert = status["inspections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "alert")
        .unwrap()
        .clone();
    assert_eq!(alert["done"], 1);
}
