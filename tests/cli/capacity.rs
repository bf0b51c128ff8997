//! Capacity readings (docs/rules.md §4.9): readings through flags and through the checklist at
//! a terminal, thresholds, the trend of an item, the risks of projected crossings in `status`
//! and the month report, and the inspection report in every format.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use serde_json::{Value, json};

use super::{SHENZHEN_5X8, Sandbox};

/// Resource items measured in %, in Gbps with a warning threshold only, and one not measured.
const GAUGES: &str = r#"
[inspections.resource]
items = [
  { name = "CDB disk usage", unit = "%", warn = 80, critical = 90 },
  { name = "CLB peak bandwidth", unit = "Gbps", warn = 8 },
  "CVM CPU",
]
"#;

fn site() -> Sandbox {
    Sandbox::with_contract(&format!("{SHENZHEN_5X8}{GAUGES}"))
}

/// A resource round on `day` at 10:00 with the readings given, every other item ok.
fn round(site: &Sandbox, day: &str, readings: &[&str]) -> Value {
    let at = format!("{day}T10:00:00+08:00");
    let mut args = vec!["inspect", day, "--kind", "resource", "--all-ok", "--json"];
    let items: Vec<String> = readings.iter().map(|r| format!("--item={r}")).collect();
    args.extend(items.iter().map(String::as_str));
    args.extend(["--at", &at]);
    site.json_at(&at, &args)
}

/// The rounds of the ledger as written, oldest first.
fn rounds_written(site: &Sandbox) -> Vec<Value> {
    let mut rounds: Vec<Value> = site
        .ledger_files()
        .iter()
        .flat_map(|(_, text)| text.lines().map(|l| serde_json::from_str(l).unwrap()))
        .filter(|r: &Value| r["type"] == "inspection.round")
        .collect();
    rounds.sort_by_key(|r| r["at"].as_str().unwrap().to_string());
    rounds
}

/// Disk usage growing 3 points a working day from 69 % on Monday 3 March, bandwidth by
/// 500 Mbps from 4.5 Gbps.
fn growing_week(site: &Sandbox) {
    for (n, day) in ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]
        .iter()
        .enumerate()
    {
        let disk = format!("CDB disk usage={}%", 69 + 3 * n);
        let bandwidth = format!("CLB peak bandwidth={}Mbps", 4500 + 500 * n);
        round(site, day, &[&disk, &bandwidth]);
    }
}

const FRIDAY: &str = "2025-03-07T18:00:00+08:00";

#[test]
fn a_reading_is_recorded_with_its_unit_and_old_rounds_read_as_before() {
    let site = site();
    round(&site, "2025-03-03", &[]);
    round(
        &site,
        "2025-03-04",
        &["cdb disk usage=78%", "CLB peak bandwidth=4.2Gbps"],
    );
    let rounds = rounds_written(&site);
    assert!(
        rounds[0]["items"][0].get("reading").is_none(),
        "{}",
        rounds[0]
    );
    let items = &rounds[1]["items"];
    assert_eq!(items[0]["item"], json!("CDB disk usage"));
    assert_eq!(items[0]["result"], json!("ok"));
    assert_eq!(items[0]["reading"], json!({"value": 78.0, "unit": "%"}));
    assert_eq!(items[1]["reading"], json!({"value": 4.2, "unit": "Gbps"}));
    assert!(items[2].get("reading").is_none());
    let risks = site.json(&["risk", "list", "--json"]);
    assert_eq!(risks, json!([]));
}

#[test]
fn a_reading_past_a_threshold_is_abnormal_by_itself_with_the_threshold_named() {
    let site = site();
    let out = site.stdout(&[
        "inspect",
        "today",
        "--kind",
        "resource",
        "--all-ok",
        "--item",
        "CDB disk usage=93%",
        "--item",
        "CLB peak bandwidth=8200Mbps:after the campaign launch",
    ]);
    assert!(out.contains("3 items, 2 abnormal"), "{out}");
    let items = &rounds_written(&site)[0]["items"];
    assert_eq!(items[0]["result"], json!("abnormal"));
    assert_eq!(
        items[0]["reading"]["passed"],
        json!({"level": "critical", "threshold": {"value": 90.0, "unit": "%"}})
    );
    assert_eq!(
        items[0]["note"],
        json!("reading 93% is at or past the critical threshold 90%")
    );
    // A note typed is kept; the threshold is kept with the reading.
    assert_eq!(items[1]["note"], json!("after the campaign launch"));
    assert_eq!(items[1]["reading"]["passed"]["level"], json!("warn"));
    let risks = site.json(&["risk", "list", "--json"]);
    assert_eq!(risks.as_array().unwrap().len(), 2, "{risks}");
    assert_eq!(risks[0]["item"], json!("CDB disk usage"));
}

#[test]
fn a_reading_in_a_unit_of_another_family_or_no_unit_at_all_is_refused() {
    let site = site();
    let cases = [
        (
            "CDB disk usage=78GB",
            "the reading of CDB disk usage is in GB, but the contract measures it in %",
        ),
        (
            "CLB peak bandwidth=4 furlongs",
            "the reading of CLB peak bandwidth is in \"furlongs\", not a known unit",
        ),
        ("CVM CPU=lots", "`CVM CPU=lots` is not a result"),
    ];
    for (given, said) in cases {
        let args = [
            "inspect", "today", "--kind", "resource", "--all-ok", "--item", given,
        ];
        let err = site.fails(&args, 1);
        assert!(err.contains(said), "{given}: {err}");
    }
    let err = site.fails(
        &[
            "--lang",
            "zh",
            "inspect",
            "today",
            "--kind",
            "resource",
            "--item",
            "CDB disk usage=78GB",
            "--all-ok",
        ],
        1,
    );
    assert!(err.contains("合同按 % 计量"), "{err}");
    assert!(!site.path().join("ledger").exists());
}

#[test]
fn the_contract_check_refuses_unknown_units_and_thresholds_out_of_order() {
    let cases = [
        (
            "unit = \"%\"",
            "unit = \"furlongs\"",
            "`inspections.resource.items[0].unit` = \"furlongs\": \"furlongs\" is not a known unit",
        ),
        (
            "critical = 90",
            "critical = 70",
            "`inspections.resource.items[0].critical` = 70: the critical threshold must be above the warning one",
        ),
        (
            "warn = 8 }",
            "warn = -1 }",
            "`inspections.resource.items[1].warn` = -1: a threshold must be a number, 0 or more",
        ),
        (
            "\"CVM CPU\"",
            "{ unit = \"%\" }",
            "inspections.resource.items[2].name",
        ),
        (
            "\"CVM CPU\"",
            "42",
            "must be a list of strings or { name, unit, warn, critical } tables",
        ),
    ];
    for (from, to, expected) in cases {
        let site =
            Sandbox::with_contract(&format!("{SHENZHEN_5X8}{}", GAUGES.replacen(from, to, 1)));
        let err = site.fails(&["--lang", "en", "contract", "check"], 1);
        assert!(err.contains(expected), "expected {expected}\nfound {err}");
    }
    let horizon = format!("{SHENZHEN_5X8}[inspections]\nhorizon = \"400d\"\n");
    let err = Sandbox::with_contract(&horizon).fails(&["contract", "check"], 1);
    assert!(err.contains("`inspections.horizon`"), "{err}");
    // Existing checklists of names stay valid.
    site().stdout(&["contract", "check"]);
}

/// Today's resource round walked through at a terminal with `answers`: what it said, and the
/// items of the round written.
fn walked(site: &Sandbox, answers: &[(&str, &str)]) -> (String, Value) {
    let (ok, said) = site.at_terminal(answers, &["inspect", "today", "--kind", "resource"]);
    assert!(ok, "{said}");
    (said, rounds_written(site)[0]["items"].clone())
}

#[test]
fn at_a_terminal_the_checklist_asks_for_the_readings_the_contract_defines() {
    let site = site();
    // Disk past its warning threshold is abnormal by itself and not asked about; bandwidth,
    // read within its threshold, is ticked already, and `a` ticks the rest.
    let answers = [
        ("Reading of CDB disk usage (%)", "85\\r"),
        ("Reading of CLB peak bandwidth (Gbps)", "6.5\\r"),
        ("tick the items", "a"),
        ("Enter confirms", "\\r"),
        ("Record this round", "\\r"),
    ];
    let (said, items) = walked(&site, &answers);
    assert!(said.contains("3 items, 1 abnormal"), "{said}");
    assert_eq!(items[0]["reading"]["value"], json!(85.0));
    assert_eq!(items[0]["result"], json!("abnormal"));
    assert_eq!(items[0]["reading"]["passed"]["level"], json!("warn"));
    assert_eq!(items[1]["reading"], json!({"value": 6.5, "unit": "Gbps"}));
    assert_eq!(items[1]["result"], json!("ok"));
    assert_eq!(items[2]["result"], json!("ok"));
}

#[test]
fn at_a_terminal_a_reading_in_the_wrong_unit_is_asked_again_and_one_may_be_left_out() {
    let site = site();
    let answers = [
        ("Reading of CDB disk usage (%)", "3TB\\r"),
        ("not convert", "\\x7f\\x7f\\x7f50%\\r"),
        ("Reading of CLB peak bandwidth (Gbps)", "\\r"),
        // Tick all, then untick the third, CVM CPU.
        ("tick the items", "a\\x1b[B\\x1b[B "),
        ("Enter confirms", "\\r"),
        ("What is wrong with CVM CPU", "steal time 30 %\\r"),
        ("Record this round", "\\r"),
    ];
    let (_, items) = walked(&site, &answers);
    assert_eq!(items[0]["reading"], json!({"value": 50.0, "unit": "%"}));
    assert!(items[1].get("reading").is_none(), "{}", items[1]);
    assert_eq!(items[2]["note"], json!("steal time 30 %"));
}

#[test]
fn the_trend_shows_the_readings_and_when_the_threshold_is_reached() {
    let site = site();
    growing_week(&site);
    let out = site.stdout_at(FRIDAY, &["inspect", "trend", "cdb disk usage"]);
    assert!(
        out.starts_with("CDB disk usage (%) · 4 readings\n"),
        "{out}"
    );
    assert!(out.contains("warning 80% · critical 90%"), "{out}");
    assert!(out.contains("2025-03-06 10:00:00 · 78% · li.lei"), "{out}");
    // 69, 72, 75, 78 at 10:00 each day: 80 % 3⅔ days after the 3rd, at 02:00 on the 7th.
    assert!(
        out.contains("at the recent rate, reaches the warning threshold 80% on 2025-03-07"),
        "{out}"
    );
    assert!(!out.contains('▁'), "plain numbers off a terminal: {out}");
    let trend = ["inspect", "trend", "CDB disk usage"];
    let shown = site.in_terminal(&[("OTSS_NOW", FRIDAY)], &[], &trend);
    let said = String::from_utf8_lossy(&shown.stdout);
    assert!(said.contains("▁▃▆█"), "a sparkline at a terminal: {said}");
    let v = site.json_at(
        FRIDAY,
        &["inspect", "trend", "CLB peak bandwidth", "--json"],
    );
    assert_eq!(v["item"], json!("CLB peak bandwidth"));
    assert_eq!(v["unit"], json!("Gbps"));
    let values: Vec<f64> = v["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [4.5, 5.0, 5.5, 6.0]);
    assert_eq!(v["outlook"], json!("crossing"));
    assert_eq!(v["projection"]["threshold"], json!(8.0));
    assert_eq!(v["projection"]["crosses_on"], json!("2025-03-10"));
    assert_eq!(v["at_risk"], json!(true));
}

#[test]
fn a_trend_leaves_out_a_round_voided_and_one_dated_after_now() {
    let site = site();
    growing_week(&site);
    let values = |site: &Sandbox| -> Vec<f64> {
        let v = site.json_at(FRIDAY, &["inspect", "trend", "CDB disk usage", "--json"]);
        let readings = v["readings"].as_array().unwrap().iter();
        readings.map(|r| r["value"].as_f64().unwrap()).collect()
    };
    assert_eq!(values(&site), [69.0, 72.0, 75.0, 78.0]);
    let third = rounds_written(&site)[2]["id"].as_str().unwrap().to_string();
    let void = [
        "void",
        &third[third.len() - 6..],
        "--reason",
        "wrong server",
    ];
    site.stdout_at(FRIDAY, &void);
    assert_eq!(values(&site), [69.0, 72.0, 78.0]);
    // A round done at 20:00 on the Friday the trend is read at 18:00.
    let evening = "2025-03-07T20:00:00+08:00";
    let args = [
        "inspect",
        "2025-03-07",
        "--kind",
        "resource",
        "--all-ok",
        "--json",
        "--item=CDB disk usage=99%",
        "--at",
        evening,
    ];
    site.json_at(evening, &args);
    assert_eq!(values(&site), [69.0, 72.0, 78.0]);
    let later = site.json_at(evening, &["inspect", "trend", "CDB disk usage", "--json"]);
    assert_eq!(later["readings"].as_array().unwrap().len(), 4);
}

#[test]
fn a_trend_says_when_it_cannot_project() {
    let site = site();
    round(&site, "2025-03-03", &["CDB disk usage=70%"]);
    round(&site, "2025-03-04", &["CDB disk usage=70%"]);
    let out = site.stdout_at(FRIDAY, &["inspect", "trend", "CDB disk usage"]);
    assert!(
        out.contains("too few readings (2) to project; 3 are needed"),
        "{out}"
    );
    round(&site, "2025-03-05", &["CDB disk usage=70%"]);
    let v = site.json_at(FRIDAY, &["inspect", "trend", "CDB disk usage", "--json"]);
    assert_eq!(
        (v["outlook"].clone(), v["projection"].clone()),
        (json!("not_growing"), Value::Null)
    );
    let out = site.stdout_at(
        FRIDAY,
        &["--lang", "zh", "inspect", "trend", "CDB disk usage"],
    );
    assert!(out.contains("持平或下降，不会达到阈值"), "{out}");
    // Read since the 5th, one reading is too few.
    let v = site.json_at(
        FRIDAY,
        &[
            "inspect",
            "trend",
            "CDB disk usage",
            "--since",
            "2025-03-05",
            "--json",
        ],
    );
    assert_eq!(v["readings"].as_array().unwrap().len(), 1);
    assert_eq!(v["outlook"], json!("too_few_readings"));
    let err = site.fails(&["inspect", "trend", "CDB disk usag"], 1);
    assert!(
        err.contains("\"CDB disk usag\" has no readings and the contract measures no such item; did you mean \"CDB disk usage\"?"),
        "{err}"
    );
    let err = site.fails(
        &["inspect", "trend", "CDB disk usage", "--since", "2025-03"],
        1,
    );
    assert!(err.contains("2025-03"), "{err}");
}

#[test]
fn a_crossing_within_the_horizon_is_a_risk_in_status_and_in_the_month_report() {
    let site = site();
    growing_week(&site);
    let out = site.stdout_at(FRIDAY, &["status"]);
    assert!(
        out.contains("Items reaching a threshold within 30 days"),
        "{out}"
    );
    assert!(
        out.contains("capacity risk · CLB peak bandwidth: at the recent rate, reaches the warning threshold 8 Gbps on 2025-03-10"),
        "{out}"
    );
    let v = site.json_at(FRIDAY, &["status", "--json"]);
    let items: Vec<&Value> = v["capacity_risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["item"])
        .collect();
    assert_eq!(
        items,
        [&json!("CDB disk usage"), &json!("CLB peak bandwidth")]
    );
    let report = site.stdout_at(FRIDAY, &["report", "2025-03", "--format", "md"]);
    assert!(
        report.contains("### Capacity readings and trends"),
        "{report}"
    );
    assert!(
        report.contains("capacity risk · CDB disk usage: at the recent rate, reaches the warning threshold 80% on 2025-03-07"),
        "{report}"
    );
    let zh = site.stdout_at(
        FRIDAY,
        &["--lang", "zh", "report", "2025-03", "--format", "md"],
    );
    insta::assert_snapshot!("month_report_inspections_en", inspections_section(&report));
    insta::assert_snapshot!("month_report_inspections_zh", inspections_section(&zh));
    let json = site.json_at(FRIDAY, &["report", "2025-03", "--json"]);
    assert_eq!(json["capacity"][0]["item"], json!("CDB disk usage"));
    assert_eq!(json["capacity"][0]["at_risk"], json!(true));
    // With a horizon of two days, bandwidth on the 10th is beyond it.
    site.write(
        "otss.toml",
        &format!("{SHENZHEN_5X8}[inspections]\nhorizon = \"2d\"\n{GAUGES}"),
    );
    let v = site.json_at(FRIDAY, &["status", "--json"]);
    assert_eq!(v["capacity_risks"].as_array().unwrap().len(), 1, "{v}");
}

/// The third section of a month report in Markdown: its inspections.
fn inspections_section(markdown: &str) -> String {
    let section = markdown.split("\n## ").nth(3).unwrap();
    format!("## {}", section.trim())
}

#[test]
fn a_site_without_readings_shows_no_capacity_anywhere() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let v = site.json(&["status", "--json"]);
    assert!(v.get("capacity_risks").is_none());
    let report = site.json(&["report", "2025-03", "--json"]);
    assert!(report.get("capacity").is_none());
}

/// A week of readings with a finding taken up as an incident and a finding cleared later.
fn inspected_week() -> Sandbox {
    let site = site();
    growing_week(&site);
    round(
        &site,
        "2025-03-07",
        &["CDB disk usage=81%", "CLB peak bandwidth=6.5Gbps"],
    );
    let risk = site.json_at(FRIDAY, &["risk", "list", "--json"])[0]["id"].clone();
    let at = "2025-03-07T11:00:00+08:00";
    site.json_at(
        at,
        &[
            "incident",
            "open",
            "--from-risk",
            risk.as_str().unwrap(),
            "--level",
            "3",
            "--json",
        ],
    );
    site
}

const LATER: &str = "2025-03-10T18:00:00+08:00";

#[test]
fn the_inspection_report_in_json_has_every_round_item_finding_and_trend() {
    let site = inspected_week();
    let v = site.json_at(
        LATER,
        &[
            "inspect", "report", "2025-03", "--kind", "resource", "--format", "json",
        ],
    );
    assert_eq!(v["period"], json!("2025-03"));
    assert_eq!(v["kinds"], json!(["resource"]));
    assert_eq!(v["coverage"][0]["done"], json!(5));
    let rounds = v["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 5);
    assert_eq!(rounds[4]["items"][0]["reading"]["value"], json!(81.0));
    assert_eq!(v["findings"][0]["item"], json!("CDB disk usage"));
    assert!(
        v["findings"][0]["incident"].is_string(),
        "{}",
        v["findings"]
    );
    let trends: Vec<&Value> = v["trends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["item"])
        .collect();
    assert_eq!(
        trends,
        [&json!("CDB disk usage"), &json!("CLB peak bandwidth")]
    );
    assert_eq!(v["horizon_days"], json!(30));
    // A day is a period too; another kind has no rounds.
    let day = site.json_at(
        LATER,
        &["inspect", "report", "2025-03-04", "--format", "json"],
    );
    assert_eq!(day["rounds"].as_array().unwrap().len(), 1);
    let alert = site.json_at(
        LATER,
        &[
            "inspect", "report", "2025-03", "--kind", "alert", "--format", "json",
        ],
    );
    assert_eq!(
        (alert["rounds"].clone(), alert["trends"].clone()),
        (json!([]), json!([]))
    );
}

/// The headings of a Markdown document: level and text.
fn headings(markdown: &str) -> Vec<(HeadingLevel, String)> {
    let mut headings = Vec::new();
    let mut open: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => open = Some((level, String::new())),
            Event::Text(text) => {
                if let Some((_, heading)) = open.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => headings.extend(open.take()),
            _ => {}
        }
    }
    headings
}

#[test]
fn the_inspection_report_in_markdown_has_the_outline_of_the_month_report() {
    let site = inspected_week();
    let md = site.stdout_at(LATER, &["inspect", "report", "2025-03", "--format", "md"]);
    let headings = headings(&md);
    let expected = [
        (HeadingLevel::H1, "Inspection report · 2025-03"),
        (HeadingLevel::H2, "1. Summary"),
        (HeadingLevel::H2, "2. Coverage"),
        (HeadingLevel::H2, "3. Rounds"),
        (HeadingLevel::H3, "Every item's result and reading"),
        (HeadingLevel::H2, "4. Abnormal findings"),
        (HeadingLevel::H2, "5. Trends and projections"),
    ];
    let got: Vec<(HeadingLevel, &str)> = headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(got, expected);
    let tables = Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES)
        .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
        .count();
    assert_eq!(tables, 7, "{md}");
    assert!(
        md.contains("| CDB disk usage | abnormal | 81% (≥ warning threshold 80%) |"),
        "{md}"
    );
    let incident = site.json_at(LATER, &["incident", "list", "--json"])[0]["id"].clone();
    assert!(
        md.contains(&format!("incident {} opened", incident.as_str().unwrap())),
        "{md}"
    );
    let zh = site.stdout_at(
        LATER,
        &[
            "--lang", "zh", "inspect", "report", "2025-03", "--format", "md",
        ],
    );
    assert!(zh.starts_with("# 巡检报告 · 2025-03\n"), "{zh}");
    // Record ids are new on every run: named by what they are.
    let risk = site.json_at(LATER, &["risk", "list", "--json"])[0]["id"].clone();
    let ids = |text: &str| {
        text.replace(risk.as_str().unwrap(), "RISK")
            .replace(incident.as_str().unwrap(), "INCIDENT")
    };
    insta::assert_snapshot!("inspection_report_md_en", ids(&md));
    insta::assert_snapshot!("inspection_report_md_zh", ids(&zh));
}

#[test]
fn the_inspection_report_as_a_table_and_as_a_file_follows_the_extension() {
    let site = inspected_week();
    let table = site.stdout_at(
        LATER,
        &["inspect", "report", "2025-03", "--kind", "resource"],
    );
    assert!(
        table.starts_with("Inspection report · 2025-03\n"),
        "{table}"
    );
    assert!(table.contains("5. Trends and projections"), "{table}");
    assert!(table.contains('╭'), "{table}");
    for (file, starts) in [
        ("i.md", "# Inspection"),
        ("i.json", "{"),
        ("i.txt", "Inspection"),
        ("i.html", "<!DOCTYPE html>"),
    ] {
        let said = site.stdout_at(LATER, &["inspect", "report", "2025-03", "--out", file]);
        assert!(said.contains(file), "{said}");
        let written = std::fs::read_to_string(site.path().join(file)).unwrap();
        assert!(written.starts_with(starts), "{file}: {written}");
    }
    let err = site.fails(&["inspect", "report", "2025-03", "--out", "i.doc"], 1);
    assert!(err.contains("i.doc"), "{err}");
}

#[test]
fn the_inspection_report_page_is_well_formed_with_a_chart_per_item_read() {
    let site = inspected_week();
    for lang in ["en", "zh"] {
        site.stdout_at(
            LATER,
            &[
                "--lang", lang, "inspect", "report", "2025-03", "--out", "i.html",
            ],
        );
        let page = std::fs::read_to_string(site.path().join("i.html")).unwrap();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&page, options)
            .unwrap_or_else(|e| panic!("{lang}: not well-formed: {e}"));
        let all: Vec<_> = doc.descendants().filter(|n| n.is_element()).collect();
        let named = |name: &str| all.iter().filter(|n| n.tag_name().name() == name).count();
        assert_eq!(named("svg"), 2, "one chart per item with readings");
        assert_eq!(named("polyline"), 2);
        // Disk has two thresholds, bandwidth one; each projection is drawn.
        assert!(named("line") >= 3 * 2 + 3, "{page}");
        assert!(named("table") >= 7);
        for element in &all {
            let name = element.tag_name().name();
            assert!(
                !["script", "link", "img", "iframe", "object"].contains(&name),
                "{name}"
            );
            assert!(element.attribute("href").is_none() && element.attribute("src").is_none());
        }
        for fetch in ["http:", "https:", "url(", "@import"] {
            assert!(!page.contains(fetch), "{lang}: {fetch}");
        }
        let lang_attribute = if lang == "zh" { "zh-CN" } else { "en" };
        assert_eq!(doc.root_element().attribute("lang"), Some(lang_attribute));
    }
}
