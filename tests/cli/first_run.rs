//! Getting started: `otss init`, `otss paths`, completions, the manual page and `--version`.

use std::fs;

use serde_json::{Value, json};

use super::{SHENZHEN_5X8, Sandbox, stderr};

const FLAGS: [&str; 9] = [
    "--customer",
    "天府 \"示例\" 证券",
    "--mode",
    "5x8",
    "--start",
    "2025-01-01",
    "--end",
    "2025-12-31",
    "--no-input",
];

/// `otss init` with FLAGS, where `extra` adds flags or replaces their values.
fn init(site: &Sandbox, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init"];
    for pair in FLAGS[..8].chunks(2) {
        if !extra.contains(&pair[0]) {
            args.extend(pair);
        }
    }
    args.push("--no-input");
    args.extend(extra);
    site.run_at(super::NOW, &args)
}

#[test]
fn init_with_flags_writes_a_contract_that_reads_back_as_given() {
    let site = Sandbox::default();
    let extra = [
        "--city",
        "成都",
        "--staff",
        "2",
        "--provider",
        "Example Cloud",
        "--timezone",
        "Asia/Urumqi",
        "--language",
        "en",
    ];
    let output = init(&site, &extra);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8(output.stdout).unwrap();
    let written = site.path().join("otss.toml");
    assert!(
        said.contains(&format!("contract written: {}", written.display())),
        "{said}"
    );
    assert!(said.contains("otss incident open"), "{said}");
    let contract = site.json(&["contract", "show", "--json"]);
    let expected = [
        ("customer", json!("天府 \"示例\" 证券")),
        ("provider", json!("Example Cloud")),
        ("mode", json!("5x8")),
        ("start", json!("2025-01-01")),
        ("end", json!("2025-12-31")),
        ("timezone", json!("Asia/Urumqi")),
        ("city", json!("成都")),
        ("staff", json!(2)),
        ("language", json!("en")),
        ("ledger", json!("ledger")),
    ];
    for (key, value) in expected {
        assert_eq!(contract[key], value, "{key}");
    }
    let text = fs::read_to_string(&written).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for key in [
        "customer", "mode", "start", "end", "timezone", "city", "staff",
    ] {
        let at = lines
            .iter()
            .position(|line| line.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("no `{key}` in\n{text}"));
        assert!(
            lines[at - 1].starts_with("# "),
            "`{key}` has no comment above it:\n{text}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&written).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_5x8_term_starting_on_a_day_off_is_written_with_a_warning_naming_the_next_working_day() {
    let site = Sandbox::default();
    let output = init(&site, &["--language", "en"]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains(
            "the 5x8 term starts on 2025-01-01, a statutory holiday, not a working day; \
             the next working day is 2025-01-02"
        ),
        "{}",
        stderr(&output)
    );
    let seven = Sandbox::default();
    let output = init(&seven, &["--mode", "7x24"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn without_a_terminal_init_never_asks_and_names_every_missing_flag() {
    let site = Sandbox::english();
    let err = site.fails(&["init", "--customer", "Acme", "--mode", "5x8"], 2);
    assert!(err.contains("needs --start, --end"), "{err}");
    assert!(err.contains("Usage: otss init"), "{err}");
    assert!(!site.path().join("otss.toml").exists());
    // At a terminal too, --no-input means no question.
    let output = site.in_terminal(&[], &[], &["init", "--no-input", "--mode", "7x24"]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("needs --customer, --start, --end"), "{said}");
}

#[test]
fn init_never_replaces_a_contract() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let output = init(&site, &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("otss.toml already exists"), "{err}");
    assert!(err.contains("--contract PATH"), "{err}");
    let err = stderr(&init(&site, &[]));
    assert!(
        err.contains("otss.toml 已存在，`otss init` 不会覆盖"),
        "{err}"
    );
    let kept = fs::read_to_string(site.path().join("otss.toml")).unwrap();
    assert_eq!(kept, SHENZHEN_5X8);
}

#[test]
fn init_writes_where_the_contract_is_named() {
    let site = Sandbox::default();
    let output = init(&site, &["--contract", "site/a.toml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("site/a.toml").is_file());
    let output = site
        .otss()
        .env("OTSS_CONTRACT", "elsewhere/b.toml")
        .args(["init"])
        .args(FLAGS)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("elsewhere/b.toml").is_file());
    assert!(!site.path().join("otss.toml").exists());
}

#[test]
fn init_refuses_bad_answers_naming_them() {
    let site = Sandbox::english();
    let cases: [(&[&str], i32, &str); 5] = [
        (&["--mode", "6x8"], 2, "[possible values: 5x8, 7x24]"),
        (
            &["--timezone", "Asia/Shangai"],
            2,
            "did you mean \"Asia/Shanghai\"",
        ),
        (&["--start", "2025-13-01"], 1, "`2025-13-01` is not a day"),
        (&["--staff", "0"], 2, "--staff"),
        (
            &["--end", "2024-12-31", "--lang", "en"],
            1,
            "--end 2024-12-31 is before --start 2025-01-01",
        ),
    ];
    for (extra, code, said) in cases {
        let output = init(&site, extra);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(code), "{extra:?}: {err}");
        assert!(err.contains(said), "{extra:?}: {err}");
    }
    let err = site.fails(
        &[
            "--lang",
            "en",
            "init",
            "--no-input",
            "--customer",
            " ",
            "--mode",
            "5x8",
            "--start",
            "2025-01-02",
            "--end",
            "2025-12-31",
        ],
        1,
    );
    assert!(err.contains("--customer is empty"), "{err}");
    assert!(!site.path().join("otss.toml").exists());
}

#[test]
fn at_a_terminal_init_asks_each_question_and_asks_again_after_a_bad_answer() {
    let site = Sandbox::default();
    let answers = [
        ("Language", "\r"),
        ("Customer", " \r"),
        ("customer's name is needed", "Acme Securities\r"),
        ("Provider", "\r"),
        ("Service mode", "\r"),
        ("Time zone", "Asia/Shangai\r"),
        ("known IANA time zone", "\r"),
        ("First day", "2025-02-30\r"),
        ("as YYYY-MM-DD", "2025-01-02\r"),
        ("Last day", "2024-12-31\r"),
        ("cannot end before it starts", "\r"),
        ("City", "Shenzhen\r"),
        ("Engineers", "2\r"),
        ("names as each", "li.lei, Wang.Fang, LI.LEI\r"),
        ("each name once", "li.lei， Wang.Fang\r"),
    ];
    let (ok, said) = site.at_terminal(&answers, &["--lang", "en", "init"]);
    assert!(ok, "{said}");
    assert!(said.contains("contract written"), "{said}");
    let contract = site.json(&["contract", "show", "--json"]);
    let expected = [
        ("customer", json!("Acme Securities")),
        ("provider", Value::Null),
        ("mode", json!("5x8")),
        ("timezone", json!("Asia/Shanghai")),
        ("start", json!("2025-01-02")),
        // The default end: a year after the start.
        ("end", json!("2026-01-01")),
        ("city", json!("Shenzhen")),
        ("staff", json!(2)),
        ("engineers", json!(["li.lei", "Wang.Fang"])),
        ("language", json!("en")),
        ("priority_site", json!(true)),
    ];
    for (key, value) in expected {
        assert_eq!(contract[key], value, "{key}");
    }
}

#[test]
fn the_wizard_speaks_the_language_chosen_first_and_skips_what_flags_say() {
    let site = Sandbox::default();
    let answers = [
        ("消息与报告的语言", "\u{1b}[B\r"),
        ("Customer", "天府证券\r"),
        ("Provider", "\r"),
        ("First day", "\r"),
        ("Last day", "\r"),
        ("City", "\r"),
        ("Engineers", "\r"),
        ("names as each", "\r"),
    ];
    let args = ["init", "--mode", "7x24", "--timezone", "Asia/Shanghai"];
    let (ok, said) = site.at_terminal(&answers, &args);
    assert!(ok, "{said}");
    assert!(said.contains("contract written"), "{said}");
    assert!(!said.contains("Service mode"), "the mode was given: {said}");
    let contract = site.json(&["contract", "show", "--json"]);
    assert_eq!(contract["customer"], json!("天府证券"));
    assert_eq!(contract["mode"], json!("7x24"));
    // The start defaults to today (NOW), the end to a year later.
    assert_eq!(contract["start"], json!("2025-03-04"));
    assert_eq!(contract["end"], json!("2026-03-03"));
    assert_eq!(contract["language"], json!("en"));
    assert_eq!(contract["city"], Value::Null);
    assert_eq!(
        contract["engineers"],
        json!([]),
        "left out: anyone may write"
    );
}

#[test]
fn paths_shows_every_place_honouring_xdg() {
    let site = Sandbox::default();
    let paths = site.json(&["paths", "--json"]);
    let under = |dir: std::path::PathBuf| json!(dir.join("otss"));
    assert_eq!(paths["contract"], Value::Null);
    assert_eq!(paths["ledger"], Value::Null);
    assert_eq!(paths["config"], under(site.config_dir()));
    assert_eq!(
        paths["schedules"],
        json!(site.data_dir().join("otss/calendar"))
    );
    assert_eq!(paths["cache"], under(site.path().join("cache")));
    let human = site.stdout(&["--lang", "en", "paths"]);
    let future = site.path().join("otss.toml");
    assert!(
        human.contains(&format!(
            "none yet; `otss init` writes {}",
            future.display()
        )),
        "{human}"
    );

    site.write(
        "otss.toml",
        &format!("{SHENZHEN_5X8}ledger = \"records\"\n"),
    );
    let paths = site.json(&["paths", "--json"]);
    assert_eq!(paths["contract"], json!(site.path().join("otss.toml")));
    assert_eq!(paths["ledger"], json!(site.path().join("records")));
    let paths = site.json(&["--ledger", "/srv/ledger", "paths", "--json"]);
    assert_eq!(paths["ledger"], json!("/srv/ledger"));
}

#[test]
fn paths_still_shows_where_things_are_when_the_contract_is_broken() {
    let site = Sandbox::with_contract("customer = \"Acme\"\nmode = \"6x8\"\n");
    let output = site.run_at(super::NOW, &["paths", "--json"]);
    assert!(output.status.success());
    let paths: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(paths["contract"], json!(site.path().join("otss.toml")));
    assert_eq!(paths["ledger"], Value::Null);
    assert!(
        stderr(&output).contains("\"5x8\" 或 \"7x24\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn completions_for_each_shell_know_every_command() {
    let site = Sandbox::default();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = site.stdout(&["completions", shell]);
        for command in ["init", "incident", "inspect", "report", "completions"] {
            assert!(script.contains(command), "{shell}: no {command}");
        }
    }
    let bash = site.stdout(&["completions", "bash"]);
    assert!(bash.contains("5x8 7x24"), "the modes are not completed");
    let checked = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .status();
    if let Ok(status) = checked {
        assert!(status.success(), "bash does not read the completion script");
    }
    site.fails(&["completions", "tcsh"], 2);
}

#[test]
fn the_manual_page_is_roff_for_otss_and_each_command() {
    let site = Sandbox::english();
    let page = site.stdout(&["man"]);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(page.contains(".TH otss 1"), "{page}");
    for command in ["init", "incident", "report", "paths"] {
        assert!(page.contains(command), "no {command}");
    }
    let incident = site.stdout(&["man", "incident"]);
    assert!(incident.contains(".TH otss-incident 1"), "{incident}");
    assert!(incident.contains("resolve"));
    site.stdout(&["man", "--out-dir", "pages"]);
    let pages: Vec<String> = fs::read_dir(site.path().join("pages"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in [
        "otss.1",
        "otss-init.1",
        "otss-incident.1",
        "otss-incident-open.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "no {page} in {pages:?}");
    }
    assert!(!pages.iter().any(|p| p.contains("help")), "{pages:?}");
    let err = site.fails(&["man", "incidnet"], 2);
    assert!(
        err.contains("no command `incidnet` here; one of: init,"),
        "{err}"
    );
    let open = site.stdout(&["man", "incident", "open"]);
    assert!(open.contains(".TH otss-incident-open 1"), "{open}");
}

#[test]
fn version_names_the_newest_published_calendar_year_in_the_language_asked() {
    let newest = otss::calendar::builtin::built_in().published_years.end();
    let version = env!("CARGO_PKG_VERSION");
    let english = format!("otss {version} (national calendar published to {newest})");
    let chinese = format!("otss {version}（国家日历已发布至 {newest} 年）");
    // Without a contract otss speaks Chinese, unless English is asked for.
    let (site, asked) = (Sandbox::default(), ["--lang", "en", "--version"]);
    for (site, args, said) in [
        (&Sandbox::english(), &asked[2..], &english),
        (&site, &asked[2..], &chinese),
        (&site, &asked[..], &english),
    ] {
        assert_eq!(site.stdout(args).trim(), said, "{args:?}");
    }
}

#[test]
fn after_init_the_next_steps_work_as_printed() {
    let site = Sandbox::default();
    let output = init(
        &site,
        &[
            "--contract",
            "site/a.toml",
            "--city",
            "Chengdou",
            "--staff",
            "2",
            "--language",
            "en",
        ],
    );
    let said = String::from_utf8(output.stdout).unwrap();
    // A misspelt city shows at once: the priority arrival does not apply.
    assert!(
        said.contains("Priority arrival: no: `Chengdou` is not a priority city"),
        "{said}"
    );
    assert!(
        said.contains("\n  otss --contract site/a.toml contract show "),
        "{said}"
    );
    let shown = site.stdout(&["--contract", "site/a.toml", "contract", "show"]);
    assert!(shown.contains("Chengdou"), "{shown}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(site.path().join("site"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

#[test]
fn init_writes_nothing_when_it_cannot_finish() {
    let site = Sandbox::default();
    site.write("data/otss/calendar/2027.json", "{broken");
    let output = init(&site, &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("2027.json"), "{}", stderr(&output));
    assert!(!site.path().join("otss.toml").exists());
    for (flag, said) in [
        ("--city", "--city is empty"),
        ("--provider", "--provider is empty"),
    ] {
        let output = init(&Sandbox::default(), &["--lang", "en", flag, " "]);
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains(said), "{}", stderr(&output));
    }
}

#[test]
fn paths_names_a_missing_contract_and_a_named_ledger() {
    let site = Sandbox::default();
    let output = site
        .otss()
        .env("OTSS_CONTRACT", "missing.toml")
        .args(["--lang", "en", "--ledger", "/srv/ledger", "paths", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let paths: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(paths["contract"], Value::Null);
    assert_eq!(paths["ledger"], json!("/srv/ledger"));
    assert!(
        stderr(&output).contains("missing.toml (from OTSS_CONTRACT) does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ctrl_c_in_the_wizard_writes_nothing_and_gives_the_cursor_back() {
    let site = Sandbox::default();
    let output = site.in_terminal(&[], &[("Language", "\\x03")], &["--lang", "en", "init"]);
    assert_eq!(output.status.code(), Some(130));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.ends_with("\u{1b}[?25h"),
        "the cursor stays hidden: {said:?}"
    );
    assert!(!site.path().join("otss.toml").exists());
}
