//! What a hostile or careless ledger can never make otss do (docs/rules.md §10, README "Data
//! safety"): write through a link, hang on a FIFO, or hold a huge line in memory.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use super::reliability::{Seeded, check, problems, run_as, shell, snapshot};
use super::{NOW, SHENZHEN_5X8, Sandbox, stderr};

/// Generous: a command that would wait on a FIFO never ends, one that does not ends at once.
const NO_HANG: Duration = Duration::from_secs(60);

/// The commands that read the ledger, each of which must succeed past what is refused.
const READERS: [&[&str]; 6] = [
    &["status"],
    &["support", "list", "--json"],
    &["incident", "list", "--json"],
    &["report", "2025-03", "--format", "json"],
    &["backup", "status"],
    &["inspect", "today", "--json"],
];

/// Every reader succeeds and warns about each of `named` (paths under the ledger).
fn readers_pass_over(seeded: &Seeded, named: &[&str]) {
    for args in READERS {
        let output = seeded
            .site
            .otss()
            .timeout(NO_HANG)
            .args(args)
            .output()
            .unwrap();
        let err = stderr(&output);
        assert!(output.status.success(), "{args:?}: {err}");
        for name in named {
            let path = seeded.ledger().join(name);
            assert!(
                err.contains(&format!("warning: {}: ", path.display())),
                "{args:?} names {name}: {err}"
            );
        }
    }
}

#[test]
fn a_link_in_the_ledger_is_never_written_through_nor_read() {
    let seeded = Seeded::new();
    let site = &seeded.site;
    let root = seeded.ledger();
    // What a teammate's committed links would point at: a shell's start-up file, and a
    // directory of records of their own making.
    let outside = site.path().join("home");
    fs::create_dir_all(outside.join("forged")).unwrap();
    let bashrc = outside.join(".bashrc");
    fs::write(&bashrc, "alias ll='ls -l'\n").unwrap();
    let forged = r#"{"v":1,"id":"01JNQ3W9S0PBKE6Y5D8NK7QM2Z","at":"2025-04-01T10:00:00+08:00","by":"wang.fang","type":"support.logged","text":"forged"}"#;
    fs::write(
        outside.join("forged/wang.fang.jsonl"),
        format!("{forged}\n"),
    )
    .unwrap();
    symlink(&bashrc, root.join("2025-03/zhao.min.jsonl")).unwrap();
    symlink(outside.join("forged"), root.join("2025-04")).unwrap();
    // Everything in the sandbox but the cache, which reading brings up to date.
    let cache = site.path().join("cache");
    let untouched = || {
        let mut entries = snapshot(site.path());
        entries.retain(|path, _| !path.starts_with(&cache));
        entries
    };
    let before = untouched();

    for (args, now) in [
        (&["support", "log", "CVM CPU $(touch ~/owned)"][..], NOW),
        (
            &["inspect", "today", "--kind", "monitoring", "--all-ok"][..],
            NOW,
        ),
        (
            &["support", "log", "in April"][..],
            "2025-04-01T10:00:00+08:00",
        ),
    ] {
        let output = run_as(site, "zhao.min", now, args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("is a symbolic link"), "{args:?}: {err}");
        assert_eq!(untouched(), before, "{args:?}: no byte written anywhere");
    }

    readers_pass_over(&seeded, &["2025-03/zhao.min.jsonl", "2025-04"]);
    let listed = site.json(&["support", "list", "--json"]);
    let texts: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["text"].as_str().unwrap())
        .collect();
    assert!(!texts.contains(&"forged"), "{texts:?}");

    let (code, lines, checked) = check(site);
    assert_eq!(code, Some(1));
    assert_eq!(
        problems(&checked),
        [
            (
                "2025-03/zhao.min.jsonl".to_string(),
                None,
                "symlink".to_string()
            ),
            ("2025-04".to_string(), None, "symlink".to_string()),
        ]
    );
    let link = root.join("2025-03/zhao.min.jsonl").display().to_string();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{link}: a symbolic link"))),
        "{lines:?}"
    );
    assert_eq!(untouched(), before, "reading changes nothing");
}

#[test]
fn a_link_to_a_device_is_refused_before_anything_is_written() {
    let seeded = Seeded::new();
    let root = seeded.ledger();
    symlink("/dev/null", root.join("2025-03/zhao.min.jsonl")).unwrap();
    let before = snapshot(&root);
    let output = run_as(&seeded.site, "zhao.min", NOW, &["support", "log", "lost"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let link = root.join("2025-03/zhao.min.jsonl");
    assert!(
        err.starts_with(&format!("error: {} is a symbolic link", link.display())),
        "{err}"
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn a_fifo_in_the_ledger_hangs_no_command_and_takes_no_record() {
    let seeded = Seeded::new();
    let site = &seeded.site;
    let fifo = seeded.ledger().join("2025-03/zhao.min.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    readers_pass_over(&seeded, &["2025-03/zhao.min.jsonl"]);
    let output = site
        .otss()
        .timeout(NO_HANG)
        .env("OTSS_ENGINEER", "zhao.min")
        .args(["support", "log", "lost"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("is not a regular file"), "{err}");
    let checked = site
        .otss()
        .timeout(NO_HANG)
        .args(["check", "--json"])
        .output()
        .unwrap();
    assert_eq!(checked.status.code(), Some(1));
    let checked: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(
        problems(&checked),
        [(
            "2025-03/zhao.min.jsonl".to_string(),
            None,
            "not_a_file".to_string()
        )]
    );
}

/// Virtual memory for a command in the tests' debug build: the binary's own size (more than
/// it maps) and what a command over a small ledger needs with room to spare.
fn memory_kib() -> u64 {
    let binary = fs::metadata(env!("CARGO_BIN_EXE_otss")).unwrap().len();
    binary / 1024 + 48 * 1024
}

/// `otss ARGS` with its address space limited to `memory_kib()`.
fn in_little_memory(site: &Sandbox, args: &[&str]) -> std::process::Output {
    let script = format!("ulimit -v {}; exec \"$OTSS\" \"$@\"", memory_kib());
    shell(site, "li.lei", NOW, &script)
        .arg("otss")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn lines_longer_than_a_record_are_passed_over_in_little_memory() {
    let seeded = Seeded::new();
    let site = &seeded.site;
    let file = seeded.ledger().join("2025-03/wang.fang.jsonl");
    let mut bytes = fs::read(&file).unwrap();
    let record_start = br#"{"v":1,"id":"01JNQ3W9S0PBKE6Y5D8NK7QM2Y","at":"2025-03-04T09:00:00+08:00","by":"wang.fang","type":"support.logged","text":""#;
    // More than the command may hold.
    let huge = usize::try_from(memory_kib() * 1024).unwrap() + 16 * 1024 * 1024;
    bytes.extend_from_slice(record_start);
    bytes.resize(bytes.len() + huge, b'x');
    bytes.extend_from_slice(b"\"}\n");
    bytes.extend_from_slice(&vec![b'y'; 1024 * 1024 + 100 * 1024]);
    bytes.push(b'\n');
    fs::write(&file, &bytes).unwrap();
    let expected = site.json(&["support", "list", "--json"]);

    for args in [
        &["status"][..],
        &["report", "2025-03", "--format", "json"],
        &["support", "list", "--json"],
    ] {
        let output = in_little_memory(site, args);
        let err = stderr(&output);
        assert!(output.status.success(), "{args:?}: {err}");
        for (line, len) in [
            (3, huge + record_start.len() + 2),
            (4, 1024 * 1024 + 100 * 1024),
        ] {
            let named = format!("warning: {}:{line}: a line of {len} bytes", file.display());
            assert!(err.contains(&named), "{args:?}: {err}");
        }
    }
    let listed = in_little_memory(site, &["support", "list", "--json"]);
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed, expected, "every other record read");

    let output = in_little_memory(site, &["check", "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let checked: Value = serde_json::from_slice(&output.stdout).unwrap();
    let too_long: Vec<(Option<u64>, u64)> = checked["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "line_too_long")
        .map(|p| (p["line"].as_u64(), p["len"].as_u64().unwrap()))
        .collect();
    let first = (huge + record_start.len() + 2) as u64;
    assert_eq!(
        too_long,
        [(Some(3), first), (Some(4), 1024 * 1024 + 100 * 1024)]
    );
    assert!(Path::new(&file).exists());
}

#[test]
fn a_record_too_long_to_be_read_back_is_never_written() {
    // A checklist that fits in a contract, whose round of results would not fit in a record.
    let items: Vec<String> = (0..30_000)
        .map(|n| format!("\"check item number {n:06}\""))
        .collect();
    let contract = format!(
        "{SHENZHEN_5X8}\n[inspections.monitoring]\nitems = [{}]\n",
        items.join(", ")
    );
    let site = Sandbox::with_contract(&contract);
    let err = site.fails(&["inspect", "today", "--kind", "monitoring", "--all-ok"], 1);
    assert!(
        err.starts_with("error: this record would be ") && err.contains("at most 1048576 bytes"),
        "{err}"
    );
    assert!(!site.path().join("ledger").exists(), "nothing written");
}

#[test]
fn a_schedule_file_too_large_to_be_one_is_not_read() {
    let site = Sandbox::with_contract(&format!(
        "{SHENZHEN_5X8}\n[calendar]\nschedules = [\"holidays/2027.json\"]\n"
    ));
    let big = site.write("holidays/2027.json", &" ".repeat(2 << 20));
    let err = site.fails(&["status"], 1);
    assert_eq!(
        err,
        format!(
            "error: {} is {} bytes, more than otss reads of such a file (1048576): is it the \
             right file?\n",
            big.display(),
            2 << 20
        )
    );
}

#[test]
fn huge_titles_are_laid_out_at_once_shown_in_part_in_tables_and_whole_in_documents() {
    let seeded = Seeded::new();
    let word = "x".repeat(500_000);
    let lines = "y\n".repeat(300_000);
    let opened = |id: &str, title: &str| {
        let record = serde_json::json!({
            "v": 1, "id": format!("01JNQ3W9S0PBKE6Y5D8NK7{id}"), "at": "2025-03-04T09:00:00+08:00",
            "by": "zhao.min", "type": "incident.opened", "incident": id, "level": 3,
            "title": title,
            "response": {"due": "2025-03-04T10:00:00+08:00", "rule": "immediate", "within": "15m"}
        });
        format!("{record}\n")
    };
    fs::write(
        seeded.ledger().join("2025-03/zhao.min.jsonl"),
        opened("QM2W", &word) + &opened("QM2V", &lines),
    )
    .unwrap();
    let report = |args: &[&str]| {
        let script = format!(
            "ulimit -v {}; exec \"$OTSS\" \"$@\"",
            memory_kib() + 3 * 48 * 1024
        );
        let output = shell(&seeded.site, "li.lei", NOW, &script)
            .arg("otss")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let table = report(&["report", "2025-03"]);
    assert!(table.matches('x').count() < 5_000, "shown in part");
    assert!(table.contains('…'));
    let markdown = report(&["report", "2025-03", "--format", "md"]);
    assert!(markdown.contains(&word), "kept whole");
}

#[test]
fn a_writer_whose_name_could_not_be_shown_or_stored_writes_nothing() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    for (engineer, said) in [
        (
            "li\tlei",
            "error: the engineer's name `li\tlei` holds a character that cannot be seen",
        ),
        (
            "li.lei\u{200b}",
            "error: the engineer's name `li.lei\u{200b}` holds a character that cannot be seen",
        ),
        (
            "li\u{1b}]52;c;aGk=\u{7}",
            "error: the engineer's name `li\\u{1b}]52;c;aGk=\\u{7}` holds a character that cannot be seen",
        ),
        (
            &"张".repeat(30),
            "error: the engineer's name is too long for a file name (30 characters)",
        ),
    ] {
        let output = site
            .otss()
            .env("OTSS_ENGINEER", engineer)
            .args(["support", "log", "x"])
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(err.starts_with(said), "{err}");
        assert!(!site.path().join("ledger").exists());
    }
}

#[test]
fn names_that_cannot_be_shown_and_months_that_are_not_directories_are_passed_over() {
    use std::os::unix::ffi::OsStrExt;
    let seeded = Seeded::new();
    let root = seeded.ledger();
    let forged = std::ffi::OsStr::from_bytes(b"a\nerror: forged line\n\xff.jsonl");
    fs::write(root.join("2025-03").join(forged), "{}\n").unwrap();
    fs::write(root.join("2025-03/b\u{1b}[2J.jsonl"), "{}\n").unwrap();
    fs::write(root.join("2025-05"), "not a month\n").unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("2025-04"))
        .status()
        .unwrap();
    assert!(made.success());
    readers_pass_over(&seeded, &["2025-04", "2025-05"]);
    let output = seeded
        .site
        .otss()
        .timeout(NO_HANG)
        .args(["status"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(
        err.lines().filter(|l| l.starts_with("warning: ")).count(),
        err.lines().count(),
        "{err}"
    );
    assert!(
        err.contains("a\\nerror: forged line\\n\u{fffd}.jsonl: a file name"),
        "{err}"
    );
    let (code, _, checked) = check(&seeded.site);
    assert_eq!(code, Some(1));
    let mut kinds: Vec<(String, String)> = problems(&checked)
        .into_iter()
        .map(|(file, _, kind)| (file, kind))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            (
                "2025-03/a\nerror: forged line\n\u{fffd}.jsonl".to_string(),
                "bad_name".to_string()
            ),
            (
                "2025-03/b\u{1b}[2J.jsonl".to_string(),
                "bad_name".to_string()
            ),
            ("2025-04".to_string(), "not_a_directory".to_string()),
            ("2025-05".to_string(), "not_a_directory".to_string()),
        ]
    );
}
