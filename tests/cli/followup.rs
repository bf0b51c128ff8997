//! The month report's follow-up of requests and alerts (docs/rules.md §4.10, §4.11): what became
//! of the period's requests, the requests still waiting, the alert section; in every format.

use serde_json::{Value, json};

use crate::{SHENZHEN_5X8, Sandbox};

/// After March 2025.
const AFTER: &str = "2025-04-08T10:00:00+08:00";

/// A March with three requests (one answered, one declined, one waiting), one from February
/// still waiting, four alerts (two noise, one that became an incident) and two policy changes.
struct Month {
    site: Sandbox,
    /// Every short id the month's commands printed, to keep snapshots still.
    ids: Vec<String>,
}

fn at(day: &str) -> String {
    format!("2025-{day}T10:00:00+08:00")
}

impl Month {
    fn json(&mut self, day: &str, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        let out = self.site.json_at(&at(day), &args);
        self.ids.push(out["id"].as_str().unwrap().to_string());
        out
    }
}

fn month() -> Month {
    let mut month = Month {
        site: Sandbox::with_contract(&format!(
            "{SHENZHEN_5X8}provider = \"Example Cloud Services\"\n"
        )),
        ids: Vec::new(),
    };
    month.json("02-26", &["request", "add", "扩大 COS 存储桶配额"]);
    let answered = month.json(
        "03-03",
        &["request", "add", "review our CVM alarm thresholds"],
    );
    let answered = answered["id"].as_str().unwrap().to_string();
    month.json(
        "03-04",
        &["request", "forward", &answered, "--to", "CLB team"],
    );
    month.json(
        "03-07",
        &["request", "answer", &answered, "thresholds raised to 85%"],
    );
    let declined = month.json("03-10", &["request", "add", "write us a mobile app"]);
    let declined = declined["id"].as_str().unwrap().to_string();
    month.json(
        "03-11",
        &[
            "request",
            "decline",
            &declined,
            "--reason",
            "software development",
        ],
    );
    month.json("03-20", &["request", "add", "explain the CLB 502s"]);
    for day in ["03-03", "03-05"] {
        let noise = [
            "alert",
            "log",
            "CPU > 90%",
            "--class",
            "noise",
            "--source",
            "云监控",
        ];
        month.json(day, &noise);
    }
    month.json(
        "03-06",
        &["alert", "log", "CDB replica lag", "--class", "known"],
    );
    let opened = month.json(
        "03-12",
        &["incident", "open", "--level", "2", "--title", "CLB 502"],
    );
    let incident = opened["id"].as_str().unwrap().to_string();
    month.json(
        "03-12",
        &[
            "alert",
            "log",
            "CLB 5xx above 1%",
            "--incident",
            &incident,
            "--source",
            "CLB",
        ],
    );
    let policy = [
        ("03-13", "add", "CPU > 80% for 5m"),
        ("03-14", "change", "CPU > 90% for 5m"),
    ];
    for (day, change, rule) in policy {
        month.json(
            day,
            &["alert", "policy", change, "CPU high", "--rule", rule],
        );
    }
    month
}

#[test]
fn the_report_json_tells_the_requests_and_the_alerts_field_by_field() {
    let month = month();
    let report = month
        .site
        .json_at(AFTER, &["report", "2025-03", "--format", "json"]);
    let requests = &report["requests"];
    assert_eq!(
        (&requests["total"], &requests["waiting"]),
        (&3.into(), &2.into())
    );
    let progress = requests["progress"].as_array().unwrap();
    let states: Vec<(&str, &Value, &Value)> = progress
        .iter()
        .map(|p| {
            (
                p["state"].as_str().unwrap(),
                &p["said"],
                &p["time_to_answer"],
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("answered", &json!("thresholds raised to 85%"), &json!(4)),
            ("declined", &json!("software development"), &Value::Null),
            ("collected", &Value::Null, &Value::Null),
        ]
    );
    assert_eq!(progress[0]["id"], month.ids[1]);
    assert_eq!(progress[0]["at"], "2025-03-03T10:00:00+08:00");
    let waiting = requests["waiting_list"].as_array().unwrap();
    let waiting: Vec<(&Value, &Value)> = waiting.iter().map(|w| (&w["text"], &w["age"])).collect();
    // February 26 to March 31: 23 working days; March 20 to 31: 7.
    assert_eq!(
        waiting,
        [
            (&json!("扩大 COS 存储桶配额"), &json!(23)),
            (&json!("explain the CLB 502s"), &json!(7))
        ]
    );
    let alerts = &report["alerts"];
    assert_eq!(alerts["total"], 4);
    assert_eq!(
        alerts["by_class"],
        json!({"noise": 2, "known": 1, "new": 0, "incident": 1})
    );
    assert_eq!(alerts["by_source"], json!({"": 1, "CLB": 1, "云监控": 2}));
    assert_eq!(alerts["noise_percent"], 50);
    assert_eq!(alerts["to_incidents"], 1);
    let to_incidents = alerts["became_incidents"].as_array().unwrap();
    assert_eq!(to_incidents.len(), 1);
    assert_eq!(to_incidents[0]["incident"], month.ids[10]);
    assert_eq!(to_incidents[0]["text"], "CLB 5xx above 1%");
    let changes = alerts["policy_changes"].as_array().unwrap();
    let changes: Vec<(&Value, &Value)> =
        changes.iter().map(|c| (&c["added"], &c["rule"])).collect();
    assert_eq!(
        changes,
        [
            (&json!(true), &json!("CPU > 80% for 5m")),
            (&json!(false), &json!("CPU > 90% for 5m"))
        ]
    );
    // A month before the answer: the request was still waiting then.
    let february = month
        .site
        .json_at(AFTER, &["report", "2025-02", "--format", "json"]);
    assert_eq!(february["requests"]["waiting"], 1);
    assert_eq!(february["alerts"]["total"], 0);
}

#[test]
fn voiding_the_answer_puts_the_request_back_among_those_waiting_in_the_report() {
    let month = month();
    month
        .site
        .stdout_at(AFTER, &["void", &month.ids[3], "--reason", "wrong request"]);
    let report = month
        .site
        .json_at(AFTER, &["report", "2025-03", "--format", "json"]);
    assert_eq!(report["requests"]["waiting"], 3);
    assert_eq!(report["requests"]["progress"][0]["state"], "forwarded");
}

/// The report's text from the requests section to the comp leave section.
fn followup(text: &str, from: &str, to: &str) -> String {
    let start = text.find(from).unwrap();
    let end = text[start..].find(to).unwrap();
    text[start..start + end].to_string()
}

#[test]
fn the_sections_read_well_in_both_languages() {
    let month = month();
    let mut settings = insta::Settings::clone_current();
    for (n, id) in month.ids.iter().enumerate() {
        settings.add_filter(id, format!("[id{n:02}]"));
    }
    settings.bind(|| {
        for (lang, from, to) in [
            ("en", "Customer requests", "Comp leave"),
            ("zh", "客户需求", "调休"),
        ] {
            let table = month
                .site
                .stdout_at(AFTER, &["report", "2025-03", "--lang", lang]);
            let sections = followup(&table, from, to);
            insta::assert_snapshot!(format!("followup_table_{lang}"), sections);
        }
    });
}

#[test]
fn the_markdown_has_the_alert_section_and_the_request_tables() {
    let month = month();
    let md = month
        .site
        .stdout_at(AFTER, &["report", "2025-03", "--format", "md"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    let requests = headings
        .iter()
        .position(|h| h.ends_with(" Customer requests"))
        .unwrap();
    assert!(
        headings[requests + 1].ends_with(". Alert management"),
        "{headings:?}"
    );
    assert!(
        headings[requests + 1].starts_with(&format!("## {}.", requests + 2)),
        "{headings:?}"
    );
    for row in [
        "| Alerts analysed | 4 |",
        "| Share that was noise | 50% |",
        "| noise | 2 |",
        "| 云监控 | 2 |",
        "| (not named) | 1 |",
        "| CPU high | changed | CPU &gt; 90% for 5m | li.lei |",
        "| explain the CLB 502s | collected | 7 working days | li.lei |",
        "| review our CVM alarm thresholds | answered: thresholds raised to 85% | 4 working days | li.lei |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
    assert!(
        md.contains("Requests still waiting for an answer (2)"),
        "{md}"
    );
}

#[test]
fn the_html_page_has_the_sections_as_tables() {
    let month = month();
    month
        .site
        .stdout_at(AFTER, &["report", "2025-03", "--out", "march.html"]);
    let page = std::fs::read_to_string(month.site.path().join("march.html")).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&page, options).unwrap();
    let section = doc
        .descendants()
        .find(|n| n.has_tag_name("h2") && n.text().is_some_and(|t| t.ends_with("Alert management")))
        .unwrap()
        .parent()
        .unwrap();
    let cells: Vec<&str> = section
        .descendants()
        .filter(|n| n.tag_name().name() == "td")
        .filter_map(|n| n.text())
        .collect();
    for cell in ["4", "50%", "CLB 5xx above 1%", "CPU > 80% for 5m", "added"] {
        assert!(cells.contains(&cell), "{cell}: {cells:?}");
    }
    assert!(page.contains("Requests still waiting for an answer (2)"));
}
