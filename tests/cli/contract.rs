//! `otss contract`, and finding the contract.

use super::{SHENZHEN_5X8, Sandbox};
use serde_json::json;

#[test]
fn a_valid_contract_checks_out() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let out = site.stdout(&["contract", "check"]);
    let path = site.path().join("otss.toml");
    assert_eq!(out, format!("contract OK: {}\n", path.display()));
    let named = site.stdout(&["--contract", "otss.toml", "contract", "check"]);
    assert_eq!(named, "contract OK: otss.toml\n");
}

#[test]
fn each_bad_contract_is_refused_with_key_line_and_what_is_allowed() {
    let cases = [
        (
            "staff = 2",
            "staf = 2",
            "otss.toml:7: unknown key `staf`; did you mean `staff`?",
        ),
        (
            "\"5x8\"",
            "\"5x9\"",
            "otss.toml:3: `mode` = \"5x9\": the service mode must be \"5x8\" or \"7x24\"",
        ),
        (
            "2024-01-02",
            "2025-02-30",
            "otss.toml:4: `start` = 2025-02-30: invalid date, expected day between 01 and 28",
        ),
        (
            "2026-12-31",
            "2023-12-31",
            "otss.toml:5: `end` = 2023-12-31: the term ends before it starts (2024-01-02)",
        ),
        (
            "staff = 2",
            "staff = 0",
            "otss.toml:7: `staff` = 0: must be from 1 to 9999",
        ),
        (
            "city",
            "timezone = \"Asia/Chengdu\"\ncity",
            "otss.toml:6: `timezone` = \"Asia/Chengdu\": not a known IANA time zone",
        ),
        (
            "language = \"en\"",
            "language = \"en\"\n[hours]\nstart = \"18:00\"\nend = \"09:00\"",
            "otss.toml:11: `hours.start` (18:00) must be before `hours.end` (09:00)",
        ),
    ];
    for (from, to, expected) in cases {
        let site = Sandbox::with_contract(&SHENZHEN_5X8.replacen(from, to, 1));
        let args = [
            "--lang",
            "en",
            "--contract",
            "otss.toml",
            "contract",
            "check",
        ];
        let err = site.fails(&args, 1);
        assert!(
            err.starts_with("error: the contract otss.toml has 1 problem:\n"),
            "{err}"
        );
        assert!(err.contains(expected), "expected {expected}\nfound {err}");
        // Every command that needs the contract refuses it the same way.
        let err = site.fails(&["sla", "--level", "1"], 1);
        let path = site.path().join("otss.toml");
        assert!(err.contains(&format!("{}:", path.display())), "{err}");
    }
}

#[test]
fn a_contract_over_one_mebibyte_is_refused_in_either_language() {
    let padding = format!("# {}\n", "-".repeat(1 << 20));
    let text = format!("{SHENZHEN_5X8}{padding}");
    let site = Sandbox::with_contract(&text);
    let size = text.len().to_string();
    let contract = ["--contract", "otss.toml", "contract", "check"];
    let en = site.fails(&[&["--lang", "en"], &contract[..]].concat(), 1);
    assert!(
        en.contains("the contract otss.toml is ") && en.contains(&size),
        "{en}"
    );
    assert!(en.contains("(1048576 bytes, 1 MiB)"), "{en}");
    let zh = site.fails(&[&["--lang", "zh"], &contract[..]].concat(), 1);
    assert!(
        zh.contains("合同 otss.toml 有 ") && zh.contains(&size),
        "{zh}"
    );
    assert!(zh.contains("（1048576 字节，即 1 MiB）"), "{zh}");
}

#[test]
fn a_missing_contract_says_where_it_looked_and_suggests_init() {
    let site = Sandbox::default();
    let err = site.fails(&["contract", "check"], 1);
    assert!(err.starts_with("错误：找不到合同，查找过：\n"), "{err}");
    assert!(err.contains("请用 `otss init` 新建一份"), "{err}");
    let err = site.fails(&["--lang", "en", "contract", "check"], 1);
    assert!(err.contains("no contract found; looked in:"), "{err}");
    assert!(err.contains("write one with `otss init`"), "{err}");
    assert!(
        err.contains(&site.path().join("otss.toml").display().to_string()),
        "{err}"
    );
    assert!(
        err.contains(
            &site
                .config_dir()
                .join("otss/otss.toml")
                .display()
                .to_string()
        ),
        "{err}"
    );
    let err = site.fails(&["--contract", "elsewhere.toml", "contract", "check"], 1);
    assert!(
        err.contains("--contract 指定的合同 elsewhere.toml 不存在"),
        "{err}"
    );
    let err = site.fails(
        &[
            "--lang",
            "en",
            "--contract",
            "elsewhere.toml",
            "contract",
            "check",
        ],
        1,
    );
    assert!(
        err.contains("the contract elsewhere.toml (from --contract) does not exist"),
        "{err}"
    );
    let output = site
        .otss()
        .env("OTSS_CONTRACT", "gone.toml")
        .env("OTSS_LANG", "en")
        .args(["contract", "check"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(super::stderr(&output).contains("gone.toml (from OTSS_CONTRACT) does not exist"));
}

#[test]
fn the_contract_is_found_by_flag_environment_working_and_config_directory() {
    let site = Sandbox::default();
    site.write(
        "config/otss/otss.toml",
        &SHENZHEN_5X8.replace("Example", "Config"),
    );
    let customer = |args: &[&str]| {
        site.json(&[args, &["contract", "show", "--json"]].concat())["customer"].clone()
    };
    assert_eq!(customer(&[]), json!("Config Securities Co."));
    site.write("otss.toml", &SHENZHEN_5X8.replace("Example", "Local"));
    assert_eq!(customer(&[]), json!("Local Securities Co."));
    site.write("a/site.toml", &SHENZHEN_5X8.replace("Example", "Flag"));
    assert_eq!(
        customer(&["--contract", "a/site.toml"]),
        json!("Flag Securities Co.")
    );
    site.write("b/site.toml", &SHENZHEN_5X8.replace("Example", "Env"));
    let output = site
        .otss()
        .env("OTSS_CONTRACT", "b/site.toml")
        .args(["contract", "show", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["customer"], json!("Env Securities Co."));
    let output = site
        .otss()
        .env("OTSS_CONTRACT", "b/site.toml")
        .args(["--contract", "a/site.toml", "contract", "show", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["customer"], json!("Flag Securities Co."), "the flag wins");
}

#[test]
fn show_json_is_the_effective_contract_with_defaults() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let v = site.json(&["contract", "show", "--json"]);
    assert_eq!(v["path"], json!(site.path().join("otss.toml")));
    assert_eq!(v["mode"], json!("5x8"));
    assert_eq!(v["start"], json!("2024-01-02"));
    assert_eq!(v["timezone"], json!("Asia/Shanghai"));
    assert_eq!(v["staff"], json!(2));
    assert_eq!(v["ledger"], json!("ledger"));
    assert_eq!(v["hours"], json!({"start": "09:00", "end": "18:00"}));
    assert_eq!(v["sla"]["immediate"], json!("15m"));
    assert_eq!(v["sla"]["at_risk"], json!(0.8));
    assert_eq!(
        v["sla"]["levels"][0],
        json!({"response": "30m", "arrival": "4h", "arrival_priority": "2h", "resolve": null, "resolve_clock": "wall"})
    );
    assert_eq!(v["priority_site"], json!(true));
    let items = v["service_items"].as_array().unwrap();
    let keys: Vec<&str> = items.iter().map(|i| i["item"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "support",
            "incident",
            "monitoring",
            "resource",
            "alert",
            "backup",
            "request",
            "report"
        ]
    );
    assert_eq!(
        items[2]["frequency"],
        json!({"every": "working_day", "count": 1})
    );
    assert_eq!(items[5]["frequency"], json!({"every": "month", "count": 1}));
    assert_eq!(items[2]["name"], json!("Monitoring inspection"));
    assert!(
        v["inspections"]["monitoring"]["items"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
    let seven = Sandbox::with_contract(&SHENZHEN_5X8.replace("5x8", "7x24"));
    let v = seven.json(&["contract", "show", "--json"]);
    assert_eq!(
        v["service_items"][2]["frequency"],
        json!({"every": "day", "count": 2, "min_gap": "4h"})
    );
    assert_eq!(
        v["service_items"][5]["frequency"],
        json!({"every": "month", "count": 2, "min_gap": "7d"})
    );
    assert_eq!(v["sla"]["levels"][2]["arrival"], json!(null));
}

#[test]
fn a_5x8_term_starting_on_a_day_off_is_warned_about_but_accepted() {
    let site = Sandbox::with_contract(&SHENZHEN_5X8.replace("2024-01-02", "2024-10-01"));
    let output = site.otss().args(["contract", "check"]).output().unwrap();
    assert!(output.status.success());
    let err = super::stderr(&output);
    assert!(
        err.contains("warning: the 5x8 term starts on 2024-10-01, a statutory holiday, not a working day; the next working day is 2024-10-08"),
        "{err}"
    );
}

#[test]
fn show_prints_the_contract_as_tables() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let show = |lang: &str| {
        site.stdout(&[
            "--contract",
            "otss.toml",
            "--lang",
            lang,
            "contract",
            "show",
        ])
    };
    insta::assert_snapshot!("contract_show_en", show("en"));
    insta::assert_snapshot!("contract_show_zh", show("zh"));
}
