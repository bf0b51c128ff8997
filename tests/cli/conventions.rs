//! What every command does alike: exit codes, help, closed pipes, colour.

use std::path::Path;

use clap::CommandFactory;

use super::{SHENZHEN_5X8, Sandbox};

/// Every command line that names a command, `otss` itself first: `["incident", "open"]`, ….
pub(super) fn every_command() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(path.clone());
        for sub in command.get_subcommands() {
            let mut deeper = path.clone();
            deeper.push(sub.get_name().to_string());
            walk(sub, deeper, all);
        }
    }
    let mut all = Vec::new();
    walk(&otss::cli::Cli::command(), Vec::new(), &mut all);
    all
}

#[test]
fn every_command_has_help_with_examples() {
    let site = Sandbox::english();
    let commands = every_command();
    assert!(commands.len() > 40, "{commands:?}");
    let lacking: Vec<String> = commands
        .iter()
        .filter(|path| {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push("--help");
            !site.stdout(&args).contains("\nExamples:\n  otss ")
        })
        .map(|path| path.join(" "))
        .collect();
    assert!(lacking.is_empty(), "no examples in --help of: {lacking:?}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let site = Sandbox::english();
    site.fails(&["no-such-command"], 2);
    site.fails(&["calendar", "--no-such-flag"], 2);
    for args in [
        &["--help"][..],
        &["sla", "--help"],
        &["calendar", "--help"],
        &["contract", "show", "--help"],
    ] {
        let out = site.stdout(args);
        assert!(out.contains("Examples:"), "{args:?}: {out}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    // The reading end is closed before otss starts, so its first write fails with EPIPE.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = site
        .process()
        .args(["contract", "show"])
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", super::stderr(&output));
    assert_eq!(super::stderr(&output), "");
}

#[test]
fn a_report_piped_into_head_exits_0_silently() {
    let site = Sandbox::default();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chengdu-5x8/otss.toml");
    let report = |stdout: std::process::Stdio| {
        site.process()
            .env("OTSS_NOW", "2025-04-10T09:00:00+08:00")
            .arg("--contract")
            .arg(&example)
            .args(["report", "2025-03"])
            .stdout(stdout)
            .output()
            .unwrap()
    };
    // The reader gone before the first write …
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = report(writer.into());
    assert_eq!(output.status.code(), Some(0), "{}", super::stderr(&output));
    assert_eq!(super::stderr(&output), "");
    // … and after three lines, as `otss report 2025-03 | head -3` does.
    let (reader, writer) = std::io::pipe().unwrap();
    let mut otss = site.process();
    otss.env("OTSS_NOW", "2025-04-10T09:00:00+08:00")
        .arg("--contract")
        .arg(&example)
        .args(["report", "2025-03", "--format", "md"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped());
    let child = otss.spawn().unwrap();
    drop(otss);
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(reader));
    for _ in 0..3 {
        assert!(lines.next().unwrap().is_ok());
    }
    drop(lines);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", super::stderr(&output));
    assert_eq!(super::stderr(&output), "");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let site = Sandbox::default();
    let plain = site.stdout(&["calendar", "2025-10"]);
    assert!(!plain.contains('\u{1b}'));
    let coloured = site.stdout(&["--color", "always", "calendar", "2025-10"]);
    assert!(coloured.contains("\u{1b}["));
    let output = site
        .otss()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "calendar", "2025-10"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{1b}'));
    // At a terminal colour is on by itself, and NO_COLOR still turns it off.
    let (ok, said) = site.at_terminal(&[], &["calendar", "2025-10"]);
    assert!(ok && said.contains("\u{1b}["), "{said:?}");
    let output = site.in_terminal(&[("NO_COLOR", "1")], &[], &["calendar", "2025-10"]);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && !said.contains("\u{1b}["),
        "{said:?}"
    );
}

/// The example command lines of a help text: continuation lines joined, the comment after two
/// spaces and anything after a pipe or a redirection cut off, split into words as a shell would.
fn examples(help: &str) -> Vec<Vec<String>> {
    let Some((_, section)) = help.split_once("\nExamples:\n") else {
        return Vec::new();
    };
    let joined = section.replace("\\\n", " ");
    joined
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("otss "))
        .map(shell_words)
        .collect()
}

fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quote, mut spaces) = (Vec::new(), None::<String>, None, 0);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, ' ') => {
                spaces += 1;
                words.extend(word.take());
                if spaces == 2 {
                    break;
                }
                continue;
            }
            (None, '|' | '>' | '&') => break,
            (None, c) => word.get_or_insert_default().push(c),
        }
        spaces = 0;
    }
    words.extend(word);
    words
}

#[test]
fn every_example_in_help_is_a_command_line_otss_accepts() {
    use clap::Parser;
    let site = Sandbox::english();
    let mut checked = 0;
    for path in every_command() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        for example in examples(&site.stdout(&args)) {
            let parsed = otss::cli::Cli::try_parse_from(
                std::iter::once("otss".into()).chain(example.clone()),
            );
            assert!(
                parsed.is_ok(),
                "`otss {}`: {}",
                example.join(" "),
                parsed.unwrap_err()
            );
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} examples");
}

#[test]
fn messages_follow_the_contract_then_otss_lang_then_lang() {
    // SHENZHEN_5X8 says language = "en".
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let check = |env: Option<&str>, flag: Option<&str>| {
        let mut otss = site.otss();
        if let Some(lang) = env {
            otss.env("OTSS_LANG", lang);
        }
        if let Some(lang) = flag {
            otss.args(["--lang", lang]);
        }
        let output = otss.args(["contract", "check"]).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(check(None, None).starts_with("contract OK"));
    assert!(check(Some("zh"), None).starts_with("合同检查通过"));
    assert!(check(Some("zh"), Some("en")).starts_with("contract OK"));
    assert!(check(None, Some("zh")).starts_with("合同检查通过"));
    assert!(check(Some("ZH"), None).starts_with("合同检查通过"));
    assert!(check(Some("zh_CN.UTF-8"), None).starts_with("合同检查通过"));
    assert!(check(Some("EN"), None).starts_with("contract OK"));
    let output = site
        .otss()
        .env("OTSS_LANG", "fr")
        .args(["contract", "check"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = super::stderr(&output);
    assert!(err.contains("OTSS_LANG=`fr` 不是 otss 会说的语言"), "{err}");
}

#[test]
fn errors_are_said_in_the_same_language_as_everything_else() {
    let english = Sandbox::with_contract(&format!("{SHENZHEN_5X8}staf = 2\n"));
    let err = english.fails(&["status"], 1);
    assert!(err.starts_with("error: the contract "), "{err}");
    assert!(err.contains("did you mean `staff`?"), "{err}");
    let chinese = SHENZHEN_5X8.replace("language = \"en\"", "language = \"zh\"");
    let site = Sandbox::with_contract(&format!("{chinese}staf = 2\n"));
    let err = site.fails(&["status"], 1);
    assert!(err.starts_with("错误：合同 "), "{err}");
    assert!(err.contains("有 1 处问题"), "{err}");

    let site = Sandbox::with_contract(&chinese);
    let err = site.fails(&["incident", "ack", "NOPE"], 1);
    assert_eq!(
        err,
        "错误：没有编号为 `NOPE` 的故障；`otss incident list` 可列出全部\n"
    );
    let err = site.fails(&["--lang", "en", "incident", "ack", "NOPE"], 1);
    assert_eq!(
        err,
        "error: no incident `NOPE`; `otss incident list` shows them\n"
    );
}

#[test]
fn the_errors_of_routine_work_are_said_in_chinese_too() {
    let chinese = SHENZHEN_5X8.replace("language = \"en\"", "language = \"zh\"");
    let site = Sandbox::with_contract(&chinese);
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "incident",
                "open",
                "--level",
                "2",
                "--title",
                "x",
                "--at",
                "2025-03-04 25:00",
            ],
            "错误：--at: `2025-03-04 25:00` 不是时间",
        ),
        (&["support", "list", "2025/03"], "错误：`2025/03` 不是期间"),
        (&["report", "2027-01"], "错误：2027-01 不在合同服务期内"),
        (
            &[
                "backup",
                "check",
                "--job",
                "db",
                "--ok",
                "--at",
                "2023-12-29 10:00",
            ],
            "错误：2023-12-29 不在合同服务期内",
        ),
        (
            &["overtime", "take", "2025-03-08"],
            "错误：2025-03-08 不是工作日",
        ),
        (
            &[
                "inspect",
                "today",
                "--kind",
                "monitoring",
                "--item",
                "CPUU=ok",
            ],
            "不在 monitoring 巡检清单上",
        ),
        (
            &["inspect", "today", "--kind", "monitoring", "--item", "x"],
            "不是巡检结果",
        ),
    ];
    for (args, said) in cases {
        let err = site.fails(args, 1);
        assert!(err.contains(said), "{args:?}: {err}");
    }
}
