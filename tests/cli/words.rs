//! Every word in the person's language: help, manual pages and errors in Chinese say nothing in
//! English beyond identifiers, keys and values.

use crate::{SHENZHEN_5X8, Sandbox, stderr};

/// Words that stay as they are in Chinese: names of things, formats and the values typed.
const NAMES: &[&str] = &[
    "otss",
    "git",
    "JSON",
    "SLA",
    "RFC",
    "IANA",
    "TOML",
    "HTML",
    "Markdown",
    "PowerShell",
    "bash",
    "zsh",
    "fish",
    "roff",
    "Asia",
    "Shanghai",
    "auto",
    "always",
    "never",
    "table",
    "json",
    "html",
    "parquet",
    "csv",
    "jsonl",
    "isOffDay",
    "year",
    "days",
    "name",
    "date",
    "today",
    "elvish",
    "powershell",
    "jq",
    "echo",
    "fpath",
    "zfunc",
    "zshrc",
    "toml",
    "shell",
    "certification",
    "facility",
    "other",
];

/// The English words in `text`: runs of three or more letters with a lowercase one, outside
/// `backticks`, "quotes", <PLACEHOLDERS>, --flags, paths and the lines that show a command.
fn english_words(text: &str, typed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().filter(|line| !shows_a_command(line)) {
        let line = without_quoted(&without_values(line));
        let words = line.split(|c: char| !c.is_ascii_alphanumeric() && !"_-./".contains(c));
        // Flags, paths and file names are names.
        let words = words.filter(|word| !word.starts_with('-') && !word.contains(['.', '/']));
        for word in words {
            let is_word = word.len() >= 3
                && word.chars().all(|c| c.is_ascii_alphabetic())
                && word.chars().any(|c| c.is_ascii_lowercase());
            let known = NAMES.contains(&word) || typed.iter().any(|t| t.contains(word));
            if is_word && !known {
                found.push(word.to_string());
            }
        }
    }
    found
}

fn shows_a_command(line: &str) -> bool {
    let line = line.trim_start();
    [
        "otss ",
        "git ",
        "duckdb ",
        "用法：",
        "\\fBotss",
        ".TH ",
        "--",
        "-h, --help",
        "-V, --version",
    ]
    .iter()
    .any(|start| line.starts_with(start))
        || line.starts_with("\\fB\\-")
}

/// The line without the values an argument takes, listed after `可选值：` to the bracket's
/// end or the line's.
fn without_values(line: &str) -> String {
    match line.split_once("可选值：") {
        Some((before, values)) => {
            let after = values.split_once('］').map_or("", |(_, after)| after);
            format!("{before}{}", without_values(after))
        }
        None => line.to_string(),
    }
}

/// The line without what is quoted in it: `…`, "…", '…', <…>.
fn without_quoted(line: &str) -> String {
    let mut kept = String::new();
    let mut closing = None;
    for c in line.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match c {
                '`' | '"' | '\'' => closing = Some(c),
                '<' => closing = Some('>'),
                c => kept.push(c),
            },
        }
    }
    kept
}

/// Every command's path under otss: `incident open`, …
fn every_command(sandbox: &Sandbox) -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new()];
    let mut found = Vec::new();
    while let Some(path) = paths.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = zh_stdout(sandbox, &args);
        let commands = help
            .split("\n命令")
            .nth(1)
            .map(|rest| rest.split("\n\n").next().unwrap_or_default().to_string())
            .unwrap_or_default();
        for line in commands.lines().skip(1) {
            let name = line.split_whitespace().next().unwrap_or_default();
            if !name.is_empty() && name != "help" {
                let mut under = path.clone();
                under.push(name.to_string());
                paths.push(under);
            }
        }
        found.push(path);
    }
    found
}

fn without_roff_escapes(roff: &str) -> String {
    let text = roff.replace("\\-", "-");
    ["\\fI", "\\fB", "\\fR"]
        .iter()
        .fold(text, |text, escape| text.replace(escape, " "))
}

/// The names of commands, which stay as they are.
fn command_names(commands: &[Vec<String>]) -> Vec<&str> {
    let mut names: Vec<&str> = commands.iter().flatten().map(String::as_str).collect();
    names.push("help");
    names
}

/// What `otss ARGS` prints in Chinese.
fn zh_stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox
        .otss()
        .env("OTSS_LANG", "zh")
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn help_of_every_command_is_chinese() {
    let sandbox = Sandbox::default();
    let commands = every_command(&sandbox);
    assert!(commands.len() > 50, "{commands:?}");
    let names = command_names(&commands);
    for path in &commands {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        for flag in ["-h", "--help"] {
            args.push(flag);
            let help = zh_stdout(&sandbox, &args);
            let english = english_words(&help, &names);
            assert!(english.is_empty(), "otss {args:?}: {english:?}\n{help}");
            args.pop();
        }
    }
}

#[test]
fn manual_pages_are_chinese() {
    let sandbox = Sandbox::default();
    let dir = sandbox.path().join("man1");
    let dir_arg = dir.to_str().unwrap();
    let output = sandbox
        .otss()
        .env("OTSS_LANG", "zh")
        .args(["man", "--out-dir", dir_arg])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let pages: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    let commands = every_command(&sandbox);
    let names = command_names(&commands);
    assert!(pages.len() > 50, "{}", pages.len());
    for page in pages {
        let path = page.unwrap().path();
        let roff = std::fs::read_to_string(&path).unwrap();
        assert!(roff.contains(".SH 名称"), "{}", path.display());
        let english = english_words(&without_roff_escapes(&roff), &names);
        assert!(english.is_empty(), "{}: {english:?}", path.display());
    }
}

#[test]
fn english_help_stays_english() {
    let sandbox = Sandbox::default();
    let help = sandbox
        .otss()
        .env("OTSS_LANG", "en")
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("Usage: otss"), "{help}");
    assert!(
        help.contains("Print JSON") || help.contains("Global options"),
        "{help}"
    );
}

#[test]
fn the_detector_finds_english_and_passes_identifiers() {
    let said = "错误：`staf` 不是键 ［默认：auto］ no such thing OTSS_ENGINEER <PATH>";
    assert_eq!(english_words(said, &[]), ["such", "thing"]);
    assert_eq!(
        english_words("合同 Example Co. 有问题", &["Example Co."]),
        Vec::<String>::new()
    );
}

/// Command lines that fail, each on a contract of its own (`None`: the Shenzhen one in Chinese).
const FAILURES: &[(Option<&str>, &[&str])] = &[
    (None, &["frob"]),
    (None, &["incident", "open", "--bogus"]),
    (None, &["incident", "open", "--level", "4", "--title", "x"]),
    (None, &["incident", "open", "--title", "x"]),
    (None, &["--color", "purple", "status"]),
    (None, &["incident", "ack", "ZZZ"]),
    (None, &["incident", "show"]),
    (None, &["sla", "--level", "1", "--at", "bogus"]),
    (None, &["report", "2025-13"]),
    (None, &["report", "2025-03", "--out", "r.pdf"]),
    (None, &["--contract", "missing.toml", "status"]),
    (None, &["calendar", "import", "missing.json"]),
    (None, &["calendar", "2025-14"]),
    (None, &["verify", "abc"]),
    (None, &["man", "frob"]),
    (None, &["void", "ZZZZ", "--reason", "x"]),
    (None, &["undo"]),
    (None, &["request", "add", "x", "--scope", "out:other"]),
    (None, &["request", "add", "x", "--scope", "sideways"]),
    (None, &["inspect", "today", "--kind", "backups"]),
    (None, &["overtime", "log", "2025-03-01", "--hours", "0"]),
    (None, &["init", "--no-input"]),
    (None, &["support", "log", "x", "--minutes", "lots"]),
    (None, &["overtime", "log", "2025-02-30"]),
    (Some("customer = \"X\"\nstaf = 2\n"), &["status"]),
    (Some("customer = \"X\nmode = 5x8\n"), &["status"]),
    (Some("mode = \n"), &["contract", "check"]),
];

#[test]
fn every_error_reached_is_said_in_chinese() {
    let commands = every_command(&Sandbox::default());
    let names = command_names(&commands);
    for (contract, args) in FAILURES {
        let sandbox = Sandbox::with_contract(contract.unwrap_or(SHENZHEN_5X8));
        let output = sandbox
            .otss()
            .env("OTSS_LANG", "zh")
            .args(*args)
            .output()
            .unwrap();
        let said = stderr(&output);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(said.starts_with("错误："), "{args:?}: {said}");
        let mut typed: Vec<&str> = args.to_vec();
        typed.extend(contract.unwrap_or(SHENZHEN_5X8).lines());
        typed.extend(&names);
        let english = english_words(&said, &typed);
        assert!(english.is_empty(), "otss {args:?}: {english:?}\n{said}");
    }
}

/// README's lines for the manual pages: written beside the binary, `man -w otss` finds them
/// with nothing configured (checked where man-db is installed).
#[test]
fn manual_pages_beside_the_binary_are_found_by_man() {
    let sandbox = Sandbox::default();
    let home = sandbox.path();
    let bin = home.join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(assert_cmd::cargo::cargo_bin!("otss"), bin.join("otss")).unwrap();
    let pages = home.join(".cargo/share/man/man1");
    let output = sandbox
        .otss()
        .args(["man", "--out-dir", pages.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(pages.join("otss.1").is_file());
    let Ok(found) = std::process::Command::new("man")
        .args(["-w", "otss"])
        .env_clear()
        .env("HOME", home)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .output()
    else {
        return;
    };
    let found = String::from_utf8_lossy(&found.stdout).into_owned();
    assert_eq!(found.trim(), pages.join("otss.1").to_str().unwrap());
}

/// What a prompt adds to its question — the mark of a refused answer, the yes or no echoed —
/// is Chinese too: in the wizard, which refuses an empty customer, and in `undo`'s question.
#[test]
fn prompts_at_a_terminal_speak_chinese() {
    let wizard = Sandbox::default();
    let answers = [
        ("消息与报告的语言", "\r"),
        ("客户名称", " \r"),
        ("输入有误：", "天府证券\r"),
        ("服务方", "\r"),
        ("服务期第一天", "\r"),
        ("服务期最后一天", "\r"),
        ("现场所在城市", "\r"),
        ("驻场工程师人数", "\r"),
        ("记录人姓名", "\r"),
    ];
    let args = ["init", "--mode", "7x24", "--timezone", "Asia/Shanghai"];
    let output = wizard.in_terminal(&[("OTSS_LANG", "zh")], &answers, &args);
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{said}");
    // The language choices name themselves, each in its own language.
    let english = english_words(&said, &[&args[..], &["English"]].concat());
    assert!(english.is_empty(), "{english:?}\n{said}");
    assert!(said.contains("输入有误："), "{said}");

    let site = Sandbox::with_contract(SHENZHEN_5X8);
    site.stdout(&["support", "log", "问过备份"]);
    let answers = [("撤销这条记录？", "n")];
    let output = site.in_terminal(&[("OTSS_LANG", "zh")], &answers, &["undo"]);
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{said}");
    assert!(said.contains("否"), "the answer is echoed: {said}");
    // A record is described by its type and its fields' keys, as the ledger writes them.
    let english = english_words(&said, &["support.logged", "text"]);
    assert!(english.is_empty(), "{english:?}\n{said}");
}

/// What `otss ARGS` says on standard output and standard error, and its exit status.
fn said_by(sandbox: &Sandbox, args: &[&str]) -> (String, i32) {
    let output = sandbox.otss().args(args).output().unwrap();
    let both = String::from_utf8_lossy(&output.stdout).into_owned() + &stderr(&output);
    (both, output.status.code().unwrap())
}

/// Help, usage errors and a command given without its subcommand speak the language every
/// command speaks: `--lang`, `OTSS_LANG`, the contract's — named or found — else Chinese.
#[test]
fn help_and_usage_errors_speak_the_contracts_language() {
    let chinese = Sandbox::with_contract(&SHENZHEN_5X8.replace("\"en\"", "\"zh\""));
    let (help, code) = said_by(&chinese, &["--help"]);
    assert!(
        help.contains("用法：") && !help.contains("Usage:"),
        "{help}"
    );
    assert_eq!(code, 0);
    let (help, code) = said_by(&chinese, &["incident"]);
    assert!(
        help.contains("用法：otss incident") && help.contains("登记新故障"),
        "{help}"
    );
    assert_eq!(code, 2);
    let cases: [(&[&str], &str); 4] = [
        (&["sla", "--level", "9"], "`9` 不是级别"),
        (
            &["incident", "open", "--title", "a", "--title", "b"],
            "`--title <TITLE>` 只能给一次",
        ),
        (
            &["incident", "open", "--level", "1", "--at"],
            "--at <TIME> 需要一个值",
        ),
        (&["incident", "opne"], "是不是 `onsite` 或 `open`？"),
    ];
    for (args, expected) in cases {
        let (said, code) = said_by(&chinese, args);
        assert!(
            said.starts_with("错误：") && said.contains(expected),
            "{args:?}: {said}"
        );
        assert_eq!(code, 2, "{args:?}");
    }

    let elsewhere = Sandbox::english();
    let contract = chinese.path().join("otss.toml");
    let named = ["--contract", contract.to_str().unwrap(), "sla", "--help"];
    let (help, _) = said_by(&Sandbox::default(), &named);
    assert!(help.contains("用法："), "{help}");
    let (help, _) = said_by(&elsewhere, &named);
    assert!(help.contains("Usage:"), "OTSS_LANG wins: {help}");
    let (help, _) = said_by(&elsewhere, &["--lang", "ZH", "sla", "--help"]);
    assert!(help.contains("用法："), "--lang in any case wins: {help}");
    let english = Sandbox::with_contract(SHENZHEN_5X8);
    let (help, _) = said_by(&english, &["sla", "--help"]);
    assert!(help.contains("Usage:"), "{help}");
    let (help, _) = said_by(&Sandbox::default(), &["sla", "--help"]);
    assert!(
        help.contains("用法："),
        "no contract: Chinese, as every command: {help}"
    );
}
