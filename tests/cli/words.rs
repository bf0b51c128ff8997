//! Every word in the person's language: help, manual pages and errors in Chinese say nothing in
//! English beyond identifiers, keys and values.

use crate::{Sandbox, stderr};

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
];

/// The English words in `text`: runs of three or more letters with a lowercase one, outside
/// `backticks`, "quotes", <PLACEHOLDERS>, --flags and the lines that show a command.
fn english_words(text: &str, typed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().filter(|line| !shows_a_command(line)) {
        let line = without_quoted(&without_values(line));
        let words = line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-');
        for word in words.filter(|word| !word.starts_with('-')) {
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

/// The line without the values an argument takes, listed in `［可选值：…］`.
fn without_values(line: &str) -> String {
    match line.split_once("［可选值：") {
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
