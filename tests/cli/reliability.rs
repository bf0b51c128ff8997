//! Reliability of the ledger (docs/rules.md §8, README "Data safety"): damaged files are read
//! without changing a byte, writers killed in the middle of a write leave at most a fragment that
//! the next write steps over, many writers at once lose nothing, and a full disk or an unwritable
//! ledger fails with a message naming the file and leaves what was there as it was.
#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use otss::ledger::{file_stem, read_lines};

use otss::record::{Event, Record};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use super::{NOW, SHENZHEN_5X8, Sandbox, stderr};

/// "Now" in the next month, for writers that start a new month's directory.
const APRIL: &str = "2025-04-01T10:00:00+08:00";

/// `otss ARGS` as `engineer`, with "now" at `now`.
pub(super) fn run_as(site: &Sandbox, engineer: &str, now: &str, args: &[&str]) -> Output {
    site.otss()
        .env("OTSS_ENGINEER", engineer)
        .env("OTSS_NOW", now)
        .args(args)
        .output()
        .unwrap()
}

pub(super) fn succeeds(site: &Sandbox, engineer: &str, args: &[&str]) -> Output {
    let output = run_as(site, engineer, NOW, args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    output
}

/// A shell running `script` with `$OTSS` naming the binary and the sandbox's environment.
pub(super) fn shell(site: &Sandbox, engineer: &str, now: &str, script: &str) -> Command {
    let otss = site.process();
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(script)
        .current_dir(site.path())
        .env_clear()
        .envs(
            otss.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("OTSS", otss.get_program())
        .env("OTSS_ENGINEER", engineer)
        .env("OTSS_NOW", now);
    shell
}

/// What is at a path under the ledger, without following links.
#[derive(Debug, PartialEq)]
pub(super) enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Everything under `root`: what a failed or read-only command must leave exactly as it was.
pub(super) fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            let entry = if kind.is_symlink() {
                Entry::Link(fs::read_link(&path).unwrap())
            } else if kind.is_dir() {
                pending.push(path.clone());
                Entry::Dir
            } else {
                Entry::File(fs::read(&path).unwrap())
            };
            entries.insert(path, entry);
        }
    }
    entries
}

/// `otss check` and `otss check --json`: the exit status, the lines of the human output,
/// and the JSON.
pub(super) fn check(site: &Sandbox) -> (Option<i32>, Vec<String>, Value) {
    check_at(site, NOW)
}

/// `check` as run at `now`: records after it are named as lying in the future.
fn check_at(site: &Sandbox, now: &str) -> (Option<i32>, Vec<String>, Value) {
    let human = site.run_at(now, &["check"]);
    let json = site.run_at(now, &["check", "--json"]);
    assert_eq!(human.status.code(), json.status.code());
    let lines = String::from_utf8(human.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let value = serde_json::from_slice(&json.stdout).unwrap();
    (human.status.code(), lines, value)
}

/// The problems of `otss check --json`, each as (file, line or none, kind).
pub(super) fn problems(checked: &Value) -> Vec<(String, Option<u64>, String)> {
    checked["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_string(),
                p["line"].as_u64(),
                p["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The problems of lines of `otss check --json`, each as (file, line, kind).
fn kinds(checked: &Value) -> Vec<(String, u64, String)> {
    problems(checked)
        .into_iter()
        .map(|(file, line, kind)| (file, line.expect("a problem of a line"), kind))
        .collect()
}

// Reading damaged files.

/// A ledger written by otss: li.lei's file holds five records (lines 1–5), wang.fang's two.
pub(super) struct Seeded {
    pub(super) site: Sandbox,
    incidents: BTreeSet<String>,
    texts: BTreeSet<String>,
}

impl Seeded {
    pub(super) fn new() -> Seeded {
        let site = Sandbox::with_contract(SHENZHEN_5X8);
        let mut incidents = BTreeSet::new();
        let mut texts = BTreeSet::new();
        let steps = [
            ("li.lei", "incident", "CLB returns 502"),
            ("li.lei", "support", "how to rotate TKE node certificates"),
            ("li.lei", "support", "COS lifecycle rule for logs"),
            ("li.lei", "incident", "CVM disk 95% full"),
            ("li.lei", "support", "MySQL read replica lag"),
            ("wang.fang", "support", "VPC peering quota"),
            ("wang.fang", "incident", "CDN cache miss storm"),
        ];
        for (engineer, kind, text) in steps {
            if kind == "incident" {
                let args = [
                    "incident", "open", "--level", "2", "--title", text, "--json",
                ];
                let v: Value =
                    serde_json::from_slice(&succeeds(&site, engineer, &args).stdout).unwrap();
                incidents.insert(v["id"].as_str().unwrap().to_string());
            } else {
                succeeds(&site, engineer, &["support", "log", text]);
                texts.insert(text.to_string());
            }
        }
        Seeded {
            site,
            incidents,
            texts,
        }
    }

    pub(super) fn ledger(&self) -> PathBuf {
        self.site.path().join("ledger")
    }

    /// Changes the bytes of a ledger file (relative to the ledger), creating it if need be.
    fn damage(&self, file: &str, change: impl FnOnce(&mut Vec<u8>)) {
        let path = self.ledger().join(file);
        let mut bytes = fs::read(&path).unwrap_or_default();
        change(&mut bytes);
        fs::write(&path, bytes).unwrap();
    }
}

/// Puts `line` (and a newline) before line `number` (1-based).
fn insert_line(bytes: &mut Vec<u8>, number: usize, line: &[u8]) {
    let at = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(number - 2)
        .map_or(0, |(i, _)| i + 1);
    let mut inserted = line.to_vec();
    inserted.push(b'\n');
    bytes.splice(at..at, inserted);
}

/// Bytes no UTF-8 text holds, as a damaged disk block or a file saved in GBK leaves them.
const NOT_UTF8: &[u8] = b"\xff\xfe caf\xe9 \xc3\x28 \x80";

/// A problem a damaged file must show: where, what a read says, what `otss check` calls it.
struct Damage {
    file: &'static str,
    line: u64,
    reason: &'static str,
    kind: &'static str,
}

const NO_NEWLINE: &str = "no newline at the end of the file";
const TORN: &str = "torn last line from an interrupted write; safe to leave";

/// Every read command succeeds, names exactly the damage on standard error (also when the
/// index is warm), keeps every record, and changes no byte; `otss check` lists exactly the
/// damage, or passes when there is none.
fn reads_past(seeded: &Seeded, damages: &[Damage], files: u64) {
    let site = &seeded.site;
    let root = seeded.ledger();
    let before = snapshot(&root);
    let mut expected: Vec<String> = damages
        .iter()
        .map(|d| {
            let path = root.join(d.file);
            format!("warning: {}:{}: {}", path.display(), d.line, d.reason)
        })
        .collect();
    expected.sort();
    for round in ["cold", "warm"] {
        for (args, key, wanted) in [
            (["incident", "list", "--json"], "id", &seeded.incidents),
            (["support", "list", "--json"], "text", &seeded.texts),
        ] {
            let output = site.run_at(NOW, &args);
            let err = stderr(&output);
            assert!(output.status.success(), "{args:?} ({round}): {err}");
            let mut warnings: Vec<&str> = err.lines().collect();
            warnings.sort();
            assert_eq!(warnings, expected, "{args:?} ({round})");
            let listed: BTreeSet<String> = serde_json::from_slice::<Value>(&output.stdout)
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item[key].as_str().unwrap().to_string())
                .collect();
            assert_eq!(&listed, wanted, "{args:?} ({round}): every record kept");
        }
    }
    let (code, lines, checked) = check(site);
    assert_eq!(snapshot(&root), before, "reading changes no byte");
    if damages.is_empty() {
        assert_eq!(code, Some(0), "{lines:?}");
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("the ledger is intact"), "{lines:?}");
    } else {
        assert_eq!(code, Some(1), "{lines:?}");
        assert_eq!(lines.len(), damages.len(), "one line a problem: {lines:?}");
        for (line, damage) in lines.iter().zip(damages) {
            let place = format!("{}:{}: ", root.join(damage.file).display(), damage.line);
            assert!(line.starts_with(&place), "{line} names {place}");
            assert!(line.contains("; "), "what, then the fix: {line}");
        }
    }
    assert_eq!(checked["ok"], Value::Bool(damages.is_empty()));
    assert_eq!(checked["files"], files);
    let records = seeded.incidents.len() + seeded.texts.len();
    assert_eq!(checked["records"], records);
    let expected_kinds: Vec<(String, u64, String)> = damages
        .iter()
        .map(|d| (d.file.to_string(), d.line, d.kind.to_string()))
        .collect();
    assert_eq!(kinds(&checked), expected_kinds);
    for (problem, damage) in checked["problems"].as_array().unwrap().iter().zip(damages) {
        assert_eq!(
            problem["path"],
            root.join(damage.file).display().to_string()
        );
        if damage.kind == "not_a_record" {
            assert_eq!(problem["reason"], damage.reason);
        }
    }
}

#[test]
fn an_intact_ledger_checks_clean() {
    let seeded = Seeded::new();
    reads_past(&seeded, &[], 2);
}

#[test]
fn an_empty_file_is_read_as_no_records() {
    // What a writer killed between creating its file and writing to it leaves.
    let seeded = Seeded::new();
    seeded.damage("2025-03/zhao.min.jsonl", |_| {});
    reads_past(&seeded, &[], 3);
}

#[test]
fn a_last_record_without_its_newline_counts_and_the_next_write_adds_it() {
    let seeded = Seeded::new();
    seeded.damage("2025-03/li.lei.jsonl", |bytes| {
        assert_eq!(bytes.pop(), Some(b'\n'));
    });
    let damage = Damage {
        file: "2025-03/li.lei.jsonl",
        line: 5,
        reason: NO_NEWLINE,
        kind: "no_newline",
    };
    reads_past(&seeded, &[damage], 2);
    let path = seeded.ledger().join("2025-03/li.lei.jsonl");
    let before = fs::read(&path).unwrap();
    succeeds(&seeded.site, "li.lei", &["support", "log", "after"]);
    let after = fs::read(&path).unwrap();
    assert_eq!(after[..before.len()], before[..], "nothing rewritten");
    let rest = std::str::from_utf8(&after[before.len()..]).unwrap();
    assert!(rest.starts_with("\n{") && rest.ends_with("\"text\":\"after\"}\n"));
    assert_eq!(check(&seeded.site).0, Some(0));
}

#[test]
fn a_line_that_is_not_utf8_is_named_and_skipped() {
    let seeded = Seeded::new();
    seeded.damage("2025-03/li.lei.jsonl", |bytes| {
        insert_line(bytes, 3, NOT_UTF8);
    });
    let damage = Damage {
        file: "2025-03/li.lei.jsonl",
        line: 3,
        reason: "not UTF-8 text",
        kind: "not_utf8",
    };
    reads_past(&seeded, &[damage], 2);
}

#[test]
fn several_kinds_of_damage_at_once_are_each_named() {
    let seeded = Seeded::new();
    seeded.damage("2025-03/li.lei.jsonl", |bytes| {
        insert_line(bytes, 3, NOT_UTF8);
        assert_eq!(bytes.pop(), Some(b'\n'));
    });
    seeded.damage("2025-03/wang.fang.jsonl", |bytes| {
        bytes.extend_from_slice(b"{\"v\":1,\"id\":\"01JNQ3W9S0PB");
    });
    seeded.damage("2025-03/zhao.min.jsonl", |_| {});
    let damages = [
        Damage {
            file: "2025-03/li.lei.jsonl",
            line: 3,
            reason: "not UTF-8 text",
            kind: "not_utf8",
        },
        Damage {
            file: "2025-03/li.lei.jsonl",
            line: 6,
            reason: NO_NEWLINE,
            kind: "no_newline",
        },
        Damage {
            file: "2025-03/wang.fang.jsonl",
            line: 3,
            reason: TORN,
            kind: "torn_tail",
        },
    ];
    reads_past(&seeded, &damages, 3);
}

// Writers killed in the middle of a write.

/// What the `k`th writer logs: its number, then filler that names it again, so that no line
/// holding bytes of two writers can pass for either. Every third one is large enough for its
/// write to span many pages, so that a kill can land inside the write itself.
fn crash_text(k: usize) -> String {
    let unit = format!("<{k}>");
    let len = if k.is_multiple_of(3) { 96 * 1024 } else { 40 };
    format!("n-{k}:{}", unit.repeat(len / unit.len() + 1))
}

/// The writer number a logged text starts with.
fn writer_number(text: &str) -> Option<usize> {
    text.strip_prefix("n-")?.split(':').next()?.parse().ok()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// Exited 0: it reported the record written.
    Reported,
    /// Killed before it could say.
    Killed,
}

fn outcome(output: &Output, what: &str) -> Outcome {
    if output.status.success() {
        Outcome::Reported
    } else {
        assert!(
            output.status.signal().is_some(),
            "{what} failed without being killed: {}",
            stderr(output)
        );
        Outcome::Killed
    }
}

/// The unit of the shell's `ulimit -f` in bytes: 512 in dash and POSIX shells, 1024 in bash.
fn ulimit_unit(dir: &Path) -> u64 {
    let probe = dir.join("ulimit-probe");
    let status = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; head -c 4096 /dev/zero > \"$0\"")
        .arg(&probe)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the limit stopped the write");
    let unit = fs::metadata(&probe).unwrap().len();
    fs::remove_file(&probe).unwrap();
    assert!(unit == 512 || unit == 1024, "ulimit -f counts {unit} bytes");
    unit
}

/// `otss ARGS` as `engineer` with a file size limit that ends between 64 bytes and one `unit`
/// past where the ledger file `path` ends now: its write is cut short there. The limit's
/// signal is left as a shell leaves it, ending the process by default; otss ignores it, so
/// that the write fails with "File too large" as a full disk fails it.
fn limited(site: &Sandbox, engineer: &str, path: &Path, unit: u64, args: &[&str]) -> Output {
    let size = fs::metadata(path).map_or(0, |m| m.len());
    let mut blocks = size / unit + 1;
    if blocks * unit - size < 64 {
        blocks += 1;
    }
    let script = format!("ulimit -c 0; ulimit -f {blocks}; exec \"$OTSS\" \"$@\"");
    shell(site, engineer, NOW, &script)
        .arg("otss")
        .args(args)
        .output()
        .unwrap()
}

/// Whether `raw` is the start of a record cut short: JSON that ends too early, holding the
/// start of the text of one of `writers`. Bytes of two writes mixed would not be.
fn is_fragment_of(raw: &[u8], writers: &BTreeMap<usize, String>) -> bool {
    match serde_json::from_slice::<Value>(raw) {
        Err(error) if error.is_eof() => {}
        _ => return false,
    }
    let text = std::str::from_utf8(raw).unwrap();
    let Some((_, rest)) = text.split_once("\"text\":\"") else {
        // Cut before the text, perhaps after a few bytes: a write stops at a page boundary.
        let envelope = "{\"v\":1,";
        return text.starts_with(envelope) || envelope.starts_with(text);
    };
    writers
        .values()
        .any(|written| format!("{written}\"}}").starts_with(rest))
}

#[test]
fn writers_killed_mid_write_lose_no_reported_record_and_never_mix_lines() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let root = site.path().join("ledger");
    let engineers = ["li.lei", "wang.fang"];
    let mut rng = ChaCha8Rng::seed_from_u64(7558);
    let mut texts: BTreeMap<usize, String> = BTreeMap::new();
    let mut outcomes: Vec<(usize, &str, Outcome)> = Vec::new();
    let (waves, per_wave) = (30, 10);
    for wave in 0..waves {
        let start = Instant::now();
        let mut children: Vec<(usize, &str, Child, Option<Duration>)> = (0..per_wave)
            .map(|j| {
                let k = wave * per_wave + j;
                let engineer = engineers[k % engineers.len()];
                let text = crash_text(k);
                let child = site
                    .process()
                    .env("OTSS_ENGINEER", engineer)
                    .args(["support", "log", &text])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                texts.insert(k, text);
                let kill_at = rng
                    .random_bool(0.6)
                    .then(|| Duration::from_micros(rng.random_range(0..8_000)));
                (k, engineer, child, kill_at)
            })
            .collect();
        // SIGKILL at the chosen moments, whatever each writer is doing then (or after it
        // exited, which changes nothing).
        let mut kills: Vec<(Duration, usize)> = children
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.3.map(|at| (at, i)))
            .collect();
        kills.sort();
        for (at, i) in kills {
            if let Some(wait) = at.checked_sub(start.elapsed()) {
                std::thread::sleep(wait);
            }
            let _ = children[i].2.kill();
        }
        for (k, engineer, child, _) in children.drain(..) {
            let output = child.wait_with_output().unwrap();
            outcomes.push((k, engineer, outcome(&output, &format!("writer {k}"))));
        }
    }

    // Every line is a whole record of one writer, or a fragment of one killed writer; and
    // what `otss check` should call each line that is not a whole record on a line of its own.
    let mut found: BTreeMap<usize, usize> = BTreeMap::new();
    let mut expected: BTreeSet<(String, u64, String)> = BTreeSet::new();
    let mut fragments = 0;
    for engineer in engineers {
        let name = format!("2025-03/{engineer}.jsonl");
        let bytes = fs::read(root.join(&name)).unwrap();
        for line in read_lines(&name, &bytes, 1).unwrap() {
            let raw = &bytes[line.start..line.start + line.len];
            let at = |kind: &str| (name.clone(), line.number as u64, kind.to_string());
            match &line.record {
                Some(record) => {
                    let Event::SupportLogged(logged) = &record.event else {
                        panic!("{name}:{}: {record:?}", line.number);
                    };
                    let k = writer_number(&logged.text).unwrap();
                    assert_eq!(logged.text, texts[&k], "{name}:{}: whole", line.number);
                    assert_eq!(record.by, engineer, "{name}:{}", line.number);
                    *found.entry(k).or_default() += 1;
                    // A kill that stopped a write just before its newline.
                    if !line.terminated {
                        expected.insert(at("no_newline"));
                    }
                }
                None if raw.is_empty() => {}
                None => {
                    assert!(
                        is_fragment_of(raw, &texts),
                        "{name}:{}: not one writer's record cut short: {:?}",
                        line.number,
                        String::from_utf8_lossy(&raw[..raw.len().min(200)])
                    );
                    fragments += 1;
                    // The last line is a torn tail; a fragment a later write stepped over is
                    // a torn write.
                    expected.insert(at(if line.terminated {
                        "torn_write"
                    } else {
                        "torn_tail"
                    }));
                }
            }
        }
    }
    for (k, engineer, outcome) in &outcomes {
        let times = found.get(k).copied().unwrap_or_default();
        match outcome {
            Outcome::Reported => assert_eq!(times, 1, "writer {k} ({engineer}) reported success"),
            Outcome::Killed => assert!(times <= 1, "writer {k} written {times} times"),
        }
    }

    // `otss check` reports exactly those, and reads every whole record.
    let (code, _, checked) = check(&site);
    assert_eq!(code, Some(if expected.is_empty() { 0 } else { 1 }));
    let reported: BTreeSet<(String, u64, String)> = kinds(&checked).into_iter().collect();
    assert_eq!(reported, expected);
    assert_eq!(checked["records"], found.values().sum::<usize>());

    // The next write lands on a fresh line after whatever the last one left.
    for engineer in engineers {
        let path = root.join(format!("2025-03/{engineer}.jsonl"));
        let before = fs::read(&path).unwrap();
        let text = format!("after the crashes, {engineer}");
        succeeds(&site, engineer, &["support", "log", &text]);
        let after = fs::read(&path).unwrap();
        assert_eq!(after[..before.len()], before[..], "nothing rewritten");
        let mut added = &after[before.len()..];
        if before.last() != Some(&b'\n') {
            added = added.strip_prefix(b"\n").expect("a fresh line");
        }
        let added = std::str::from_utf8(added).unwrap();
        let record: Record = serde_json::from_str(added.strip_suffix('\n').unwrap()).unwrap();
        assert!(matches!(&record.event, Event::SupportLogged(l) if l.text == text));
    }
    let (_, _, checked) = check(&site);
    assert!(
        kinds(&checked)
            .iter()
            .all(|(_, _, kind)| kind == "torn_write"),
        "no torn tail is left: {checked}"
    );
    assert_eq!(kinds(&checked).len(), fragments);
}

// Many writers at once.

#[test]
fn many_writers_at_once_lose_nothing_and_mix_nothing() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    // The same engineer from many processes (one under another spelling of the name), other
    // engineers beside them, and some starting the next month's directory together.
    let writers = [
        ("li.lei", NOW),
        ("li.lei", NOW),
        ("li.lei", NOW),
        ("li.lei", NOW),
        ("li.lei", NOW),
        ("Li.Lei", NOW),
        ("li.lei", APRIL),
        ("li.lei", APRIL),
        ("wang.fang", NOW),
        ("wang.fang", NOW),
        ("wang.fang", NOW),
        ("wang.fang", APRIL),
        ("zhao.min", APRIL),
        ("zhao.min", APRIL),
        ("chen.jie", NOW),
        ("chen.jie", NOW),
    ];
    let per_writer = 12;
    // Long texts make long writes, which the other writers queue behind: a record written in
    // more than one piece would have another's bytes between its pieces.
    let pad = "x".repeat(64 * 1024);
    let children: Vec<Child> = writers
        .iter()
        .enumerate()
        .map(|(n, (engineer, now))| {
            let script = format!(
                "for i in $(seq 1 {per_writer}); do \
                   if [ $((i % 2)) -eq 0 ]; then \"$OTSS\" support log \"w{n}-$i {pad}\"; \
                   else \"$OTSS\" incident open --level 3 --title \"w{n}-$i\"; fi > /dev/null || exit 1; \
                 done"
            );
            shell(&site, engineer, now, &script).spawn().unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }

    let root = site.path().join("ledger");
    let mut names: Vec<String> = snapshot(&root)
        .into_iter()
        .filter(|(_, entry)| matches!(entry, Entry::File(_)))
        .map(|(path, _)| path.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2025-03/chen.jie.jsonl",
            "2025-03/li.lei.jsonl",
            "2025-03/wang.fang.jsonl",
            "2025-04/li.lei.jsonl",
            "2025-04/wang.fang.jsonl",
            "2025-04/zhao.min.jsonl",
        ]
    );
    let mut tags = Vec::new();
    for name in &names {
        let bytes = fs::read(root.join(name)).unwrap();
        assert_eq!(bytes.last(), Some(&b'\n'), "{name}");
        let (month, stem) = name
            .strip_suffix(".jsonl")
            .unwrap()
            .split_once('/')
            .unwrap();
        for line in read_lines(name, &bytes, 1).unwrap() {
            assert_eq!(line.fault, None, "{name}:{}", line.number);
            let record = line.record.expect("every line is one whole record");
            assert_eq!(file_stem(&record.by), stem);
            assert_eq!(record.at.format("%Y-%m").to_string(), month);
            tags.push(match record.event {
                Event::SupportLogged(logged) => {
                    let (tag, padding) = logged.text.split_once(' ').unwrap();
                    assert_eq!(padding, pad);
                    tag.to_string()
                }
                Event::IncidentOpened(opened) => opened.title,
                other => panic!("{other:?}"),
            });
        }
    }
    tags.sort();
    let mut expected: Vec<String> = (0..writers.len())
        .flat_map(|n| (1..=per_writer).map(move |i| format!("w{n}-{i}")))
        .collect();
    expected.sort();
    assert_eq!(tags, expected, "every record once");
    let (code, lines, checked) = check_at(&site, APRIL);
    assert_eq!(code, Some(0), "{lines:?}");
    assert_eq!(checked["records"], writers.len() * per_writer);
    let listed = site.json_at(APRIL, &["incident", "list", "--json"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        writers.len() * per_writer / 2
    );
}

// A full disk, and a ledger that cannot be written.

#[test]
fn a_write_cut_short_by_a_full_disk_is_cut_off_again() {
    let seeded = Seeded::new();
    let root = seeded.ledger();
    let site = &seeded.site;
    let unit = ulimit_unit(site.path());
    let path = root.join("2025-03/li.lei.jsonl");
    let long = crash_text(3);
    for tail in ["intact", "torn"] {
        if tail == "torn" {
            seeded.damage("2025-03/li.lei.jsonl", |bytes| {
                bytes.extend_from_slice(b"{\"v\":1,\"id\":\"01JN");
            });
        }
        let before = snapshot(&root);
        // The limit lets part of the record reach the file, as a disk that fills up during
        // the write does, and fails the rest (EFBIG, like ENOSPC).
        let output = limited(site, "li.lei", &path, unit, &["support", "log", &long]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{tail}: {err}");
        let expected = format!("error: cannot write {}: File too large", path.display());
        assert!(err.starts_with(&expected), "{tail}: {err}");
        assert_eq!(snapshot(&root), before, "{tail}: what it added is cut off");
        let problems = check(site).2["problems"].as_array().unwrap().len();
        assert_eq!(
            problems,
            usize::from(tail == "torn"),
            "{tail}: no fragment left"
        );
    }
    let before = fs::read(&path).unwrap();
    succeeds(site, "li.lei", &["support", "log", &long]);
    let after = fs::read(&path).unwrap();
    assert_eq!(after[..before.len()], before[..]);
    let added = std::str::from_utf8(&after[before.len()..]).unwrap();
    let record: Record =
        serde_json::from_str(added.strip_prefix('\n').unwrap().trim_end()).unwrap();
    assert!(matches!(&record.event, Event::SupportLogged(l) if l.text == long));
}

#[test]
fn a_ledger_that_cannot_be_written_fails_with_a_clear_message() {
    let seeded = Seeded::new();
    let site = &seeded.site;
    let root = seeded.ledger();

    // The ledger named is a file: with `--ledger` (read first, to look for a duplicate), and a
    // month's directory that is a file.
    let contract = fs::read(site.path().join("otss.toml")).unwrap();
    let output = run_as(
        site,
        "li.lei",
        NOW,
        &["--ledger", "otss.toml", "support", "log", "x"],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: cannot read otss.toml: Not a directory"),
        "{err}"
    );
    assert_eq!(fs::read(site.path().join("otss.toml")).unwrap(), contract);
    fs::write(root.join("2025-04"), "").unwrap();
    let before = snapshot(&root);
    let output = run_as(site, "li.lei", APRIL, &["support", "log", "x"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let month = root.join("2025-04");
    assert_eq!(
        err,
        format!(
            "error: cannot write {}: {} is a file, not a directory\n",
            month.join("li.lei.jsonl").display(),
            month.display()
        )
    );
    assert_eq!(snapshot(&root), before);

    // A read-only directory and file.
    let march = root.join("2025-03");
    let mode = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    mode(&march, 0o555);
    mode(&march.join("li.lei.jsonl"), 0o400);
    // Root (or any process allowed to override file modes) writes regardless: then there is
    // nothing to see here; the cases above stand for an unwritable ledger.
    let privileged = fs::File::create(march.join("probe")).is_ok();
    if privileged {
        fs::remove_file(march.join("probe")).unwrap();
    } else {
        let before = snapshot(&root);
        for engineer in ["li.lei", "zhao.min"] {
            let output = run_as(site, engineer, NOW, &["support", "log", "x"]);
            let err = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{err}");
            let path = march.join(format!("{engineer}.jsonl"));
            let expected = format!("error: cannot write {}: Permission denied", path.display());
            assert!(err.starts_with(&expected), "{err}");
        }
        assert_eq!(snapshot(&root), before);
    }
    mode(&march, 0o700);
    mode(&march.join("li.lei.jsonl"), 0o600);
}
