//! Sharing a ledger over git: a bare remote and clones in a temporary directory, engineers
//! writing and syncing in turn.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Output, Stdio};

use serde_json::Value;

use super::{SHENZHEN_5X8, Sandbox, stderr};

/// Runs git in `dir` with an identity of its own; its standard output.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "setup")
        .env("GIT_AUTHOR_EMAIL", "setup@localhost")
        .env("GIT_COMMITTER_NAME", "setup")
        .env("GIT_COMMITTER_EMAIL", "setup@localhost")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// A bare remote holding a site's contract, and a way to clone it.
struct Team {
    sandbox: Sandbox,
}

impl Team {
    fn new() -> Team {
        let sandbox = Sandbox::default();
        let root = sandbox.path();
        git(
            root,
            &[
                "init",
                "--quiet",
                "--bare",
                "--initial-branch=main",
                "remote.git",
            ],
        );
        git(root, &["clone", "--quiet", "remote.git", "setup"]);
        fs::write(root.join("setup/otss.toml"), SHENZHEN_5X8).unwrap();
        git(&root.join("setup"), &["add", "otss.toml"]);
        git(
            &root.join("setup"),
            &["commit", "--quiet", "-m", "contract"],
        );
        git(
            &root.join("setup"),
            &["push", "--quiet", "origin", "HEAD:main"],
        );
        Team { sandbox }
    }

    /// A laptop: a clone of the remote.
    fn clone(&self, name: &str) -> PathBuf {
        git(
            self.sandbox.path(),
            &["clone", "--quiet", "remote.git", name],
        );
        self.sandbox.path().join(name)
    }

    /// `otss ARGS` on a laptop, as an engineer, at a time of the day.
    fn otss(&self, laptop: &Path, engineer: &str, now: &str, args: &[&str]) -> Output {
        self.process(laptop, engineer, now)
            .args(args)
            .output()
            .unwrap()
    }

    fn process(&self, laptop: &Path, engineer: &str, now: &str) -> std::process::Command {
        let mut otss = self.sandbox.process();
        otss.current_dir(laptop)
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("OTSS_ENGINEER", engineer)
            .env("OTSS_NOW", now);
        otss
    }

    /// `otss sync` started and left running, once it says it waits for another sync.
    fn waiting_sync(&self, laptop: &Path, engineer: &str) -> RunningSync {
        let mut child = self
            .process(laptop, engineer, "2025-03-04T11:00:00+08:00")
            .arg("sync")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut said = String::new();
        while !said.contains("another otss sync is running on this clone; waiting") {
            let read = stderr.read_line(&mut said).unwrap();
            assert!(read > 0, "{engineer}'s sync ended without waiting: {said}");
        }
        RunningSync {
            child,
            stderr,
            said,
        }
    }

    fn ok(&self, laptop: &Path, engineer: &str, now: &str, args: &[&str]) -> String {
        let output = self.otss(laptop, engineer, now, args);
        assert!(
            output.status.success(),
            "{engineer} {args:?}: {}",
            stderr(&output)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn log(&self, laptop: &Path, engineer: &str, minute: u32, text: &str) {
        let now = format!("2025-03-04T10:{minute:02}:00+08:00");
        self.ok(laptop, engineer, &now, &["support", "log", text]);
    }

    fn sync(&self, laptop: &Path, engineer: &str) -> Value {
        let out = self.ok(
            laptop,
            engineer,
            "2025-03-04T11:00:00+08:00",
            &["sync", "--json"],
        );
        serde_json::from_str(&out).unwrap()
    }

    /// Every record on a laptop, sorted.
    fn records(&self, laptop: &Path) -> Vec<String> {
        let mut lines = Vec::new();
        for month in fs::read_dir(laptop.join("ledger")).unwrap() {
            let month = month.unwrap().path();
            if !month.is_dir() {
                continue;
            }
            for file in fs::read_dir(month).unwrap() {
                let text = fs::read_to_string(file.unwrap().path()).unwrap();
                lines.extend(text.lines().map(str::to_string));
            }
        }
        lines.sort();
        lines
    }
}

/// A teammate's commit of `path` in their clone, as `author`, pushed: what a dishonest
/// teammate does by hand, not through otss. Its hash.
fn pushed_by(laptop: &Path, author: &str, path: &str) -> String {
    let run = |args: &[&str]| {
        let output = std::process::Command::new("git")
            .current_dir(laptop)
            .args(args)
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", format!("{author}@example.com"))
            .env("GIT_COMMITTER_NAME", author)
            .env("GIT_COMMITTER_EMAIL", format!("{author}@example.com"))
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    run(&["add", "--", path]);
    run(&["commit", "--quiet", "-m", "tidy up"]);
    run(&["push", "--quiet", "origin", "HEAD:main"]);
    run(&["rev-parse", "HEAD"]).trim().to_string()
}

/// Replaces `old` by `new` in a file of a clone, as `sed -i` would.
fn edit(path: &Path, old: &str, new: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{text}");
    fs::write(path, text.replacen(old, new, 1)).unwrap();
}

/// Where a laptop stands: every record on it and its month report.
fn standing(team: &Team, laptop: &Path) -> (Vec<String>, String) {
    let report = team.ok(
        laptop,
        "li.lei",
        "2025-03-04T12:00:00+08:00",
        &["report", "2025-03", "--json"],
    );
    (team.records(laptop), report)
}

/// `otss sync ARGS` on a laptop that must refuse what it received: exit 1, saying each of
/// `words`, and the laptop standing as it did.
fn refused_sync(team: &Team, laptop: &Path, args: &[&str], words: &[&str]) {
    let before = standing(team, laptop);
    let mut command = vec!["sync"];
    command.extend(args);
    let output = team.otss(laptop, "li.lei", "2025-03-04T11:00:00+08:00", &command);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for word in words {
        assert!(err.contains(word), "{word:?} in {err}");
    }
    assert_eq!(standing(team, laptop), before, "nothing changed here");
}

/// A sync left running, and what it has written to standard error so far.
struct RunningSync {
    child: Child,
    stderr: BufReader<ChildStderr>,
    said: String,
}

impl RunningSync {
    /// Whether it succeeded, and all it wrote to standard error.
    fn finish(mut self) -> (bool, String) {
        self.stderr.read_to_string(&mut self.said).unwrap();
        let status = self.child.wait_with_output().unwrap().status;
        (status.success(), self.said)
    }
}

#[test]
fn two_engineers_writing_and_syncing_in_turn_converge_without_conflict() {
    let team = Team::new();
    let a = team.clone("a");
    let b = team.clone("b");
    team.log(&a, "li.lei", 1, "a1");
    let first = team.sync(&a, "li.lei");
    assert_eq!(
        (&first["committed"], &first["pushed"]),
        (&Value::from(1), &Value::Bool(true))
    );
    team.log(&b, "wang.fang", 2, "b1");
    team.log(&a, "li.lei", 3, "a2");
    let second = team.sync(&b, "wang.fang");
    assert_eq!(second["received"], 1, "a1");
    team.log(&b, "wang.fang", 4, "b2");
    team.log(&a, "li.lei", 5, "a3");
    team.sync(&a, "li.lei");
    team.sync(&b, "wang.fang");
    team.sync(&a, "li.lei");
    let records = team.records(&a);
    assert_eq!(records.len(), 5);
    assert_eq!(records, team.records(&b));
    for laptop in [&a, &b] {
        assert_eq!(
            git(laptop, &["status", "--porcelain"]),
            "",
            "nothing left over"
        );
        let log = git(laptop, &["log", "--format=%s"]);
        assert!(!log.contains("onflict"), "{log}");
        team.ok(laptop, "li.lei", "2025-03-04T12:00:00+08:00", &["check"]);
    }
    let listed = |laptop: &Path| {
        team.ok(
            laptop,
            "x",
            "2025-03-04T12:00:00+08:00",
            &["support", "list", "2025-03", "--json"],
        )
    };
    assert_eq!(listed(&a), listed(&b));
}

#[test]
fn one_engineer_on_two_laptops_never_conflicts() {
    let team = Team::new();
    let desk = team.clone("desk");
    let laptop = team.clone("laptop");
    team.log(&desk, "li.lei", 1, "from the desk");
    team.sync(&desk, "li.lei");
    team.log(&laptop, "li.lei", 2, "from the laptop, before syncing");
    team.log(&desk, "li.lei", 3, "from the desk again");
    team.sync(&desk, "li.lei");
    let merged = team.sync(&laptop, "li.lei");
    assert_eq!(merged["pushed"], true);
    team.sync(&desk, "li.lei");
    assert_eq!(team.records(&desk).len(), 3);
    assert_eq!(team.records(&desk), team.records(&laptop));
    team.ok(&desk, "li.lei", "2025-03-04T12:00:00+08:00", &["check"]);
    team.ok(&laptop, "li.lei", "2025-03-04T12:00:00+08:00", &["check"]);
}

#[test]
fn one_engineer_s_two_laptops_branching_from_a_shared_line_still_chain_whole() {
    let team = Team::new();
    let desk = team.clone("desk");
    let laptop = team.clone("laptop");
    team.log(&desk, "li.lei", 1, "shared by both");
    team.sync(&desk, "li.lei");
    team.sync(&laptop, "li.lei");
    team.log(&desk, "li.lei", 2, "on the desk");
    team.log(&desk, "li.lei", 3, "on the desk again");
    team.log(&laptop, "li.lei", 4, "on the laptop");
    team.sync(&desk, "li.lei");
    team.sync(&laptop, "li.lei");
    team.log(&laptop, "li.lei", 5, "after the merge");
    team.sync(&laptop, "li.lei");
    team.sync(&desk, "li.lei");
    assert_eq!(team.records(&desk).len(), 5);
    assert_eq!(team.records(&desk), team.records(&laptop));
    for clone in [&desk, &laptop] {
        team.ok(clone, "li.lei", "2025-03-04T12:00:00+08:00", &["check"]);
    }
}

#[test]
fn two_clones_that_synced_have_one_fingerprint_and_each_verifies_the_other_s() {
    let team = Team::new();
    let (a, b) = (team.clone("a"), team.clone("b"));
    team.log(&a, "li.lei", 1, "on a");
    team.log(&b, "han.mei", 2, "on b");
    for (laptop, engineer) in [(&a, "li.lei"), (&b, "han.mei"), (&a, "li.lei")] {
        team.sync(laptop, engineer);
    }
    let issue = |laptop: &Path, engineer: &str| {
        let now = "2025-03-05T10:00:00+08:00";
        let out = team.ok(
            laptop,
            engineer,
            now,
            &["report", "issue", "2025-03", "--json"],
        );
        serde_json::from_str::<Value>(&out).unwrap()["fingerprint"].clone()
    };
    let on_a = issue(&a, "li.lei");
    assert_eq!(on_a, issue(&b, "han.mei"));
    team.sync(&a, "li.lei");
    team.sync(&b, "han.mei");
    let fingerprint = on_a.as_str().unwrap();
    team.ok(
        &b,
        "han.mei",
        "2025-03-06T10:00:00+08:00",
        &["verify", fingerprint],
    );
}

#[test]
fn unrelated_changes_and_other_engineers_files_are_left_alone() {
    let team = Team::new();
    let a = team.clone("a");
    let b = team.clone("b");
    team.log(&b, "wang.fang", 1, "b1");
    team.sync(&b, "wang.fang");
    team.sync(&a, "li.lei");
    fs::write(
        a.join("otss.toml"),
        format!("{SHENZHEN_5X8}\n# a local note\n"),
    )
    .unwrap();
    fs::write(a.join("notes.txt"), "staged, not mine to commit").unwrap();
    git(&a, &["add", "notes.txt"]);
    let theirs = a.join("ledger/2025-03/wang.fang.jsonl");
    let mut text = fs::read_to_string(&theirs).unwrap();
    text.push_str("edited by hand\n");
    fs::write(&theirs, &text).unwrap();
    team.log(&a, "li.lei", 2, "a1");
    let output = team.otss(&a, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("2025-03/wang.fang.jsonl is wang.fang's file and was changed here"),
        "{err}"
    );
    let status = git(&a, &["status", "--porcelain"]);
    assert_eq!(
        status, " M ledger/2025-03/wang.fang.jsonl\nA  notes.txt\n M otss.toml\n",
        "only li.lei's records were committed"
    );
    assert_eq!(fs::read_to_string(&theirs).unwrap(), text, "not \"fixed\"");
}

#[test]
fn a_push_overtaken_by_a_teammate_is_fetched_merged_and_pushed_again() {
    let team = Team::new();
    let a = team.clone("a");
    let b = team.clone("b");
    team.log(&b, "wang.fang", 1, "b1");
    let ledger = b.join("ledger");
    git(&b, &["add", ledger.to_str().unwrap()]);
    git(&b, &["commit", "--quiet", "-m", "b1"]);
    // While a's push is on its way, b's lands first.
    let hook = a.join(".git/hooks/pre-push");
    let marker = team.sandbox.path().join("overtaken");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ ! -e '{marker}' ]; then touch '{marker}'; git -C '{b}' push --quiet origin HEAD:main; fi\n",
            marker = marker.display(),
            b = b.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    team.log(&a, "li.lei", 2, "a1");
    let synced = team.sync(&a, "li.lei");
    assert!(marker.exists(), "the teammate pushed first");
    assert_eq!(
        (&synced["pushed"], &synced["received"]),
        (&Value::Bool(true), &Value::from(1))
    );
    let on_remote = git(
        team.sandbox.path(),
        &["--git-dir", "remote.git", "log", "--format=%s", "main"],
    );
    assert!(
        on_remote.contains("otss: records of li.lei") && on_remote.contains("b1"),
        "{on_remote}"
    );
}

#[test]
fn without_a_remote_or_a_network_the_records_stay_committed_here() {
    let team = Team::new();
    let alone = team.sandbox.path().join("alone");
    fs::create_dir(&alone).unwrap();
    git(&alone, &["init", "--quiet"]);
    fs::write(alone.join("otss.toml"), SHENZHEN_5X8).unwrap();
    team.log(&alone, "li.lei", 1, "a1");
    let out = team.ok(&alone, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    assert!(
        out.contains("no remote: the records are committed here"),
        "{out}"
    );
    assert!(git(&alone, &["log", "--format=%s"]).contains("otss: records of li.lei"));

    let cut_off = team.clone("cut-off");
    git(
        &cut_off,
        &["remote", "set-url", "origin", "/nowhere/remote.git"],
    );
    team.log(&cut_off, "li.lei", 2, "offline");
    let output = team.otss(&cut_off, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("cannot reach `origin`") && err.contains("committed here"),
        "{err}"
    );
    assert!(git(&cut_off, &["log", "--format=%s"]).contains("otss: records of li.lei"));
    assert_eq!(git(&cut_off, &["status", "--porcelain"]), "");
}

#[test]
fn a_ledger_outside_any_repository_is_explained() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    let output = site
        .otss()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CEILING_DIRECTORIES", site.path().parent().unwrap())
        .args(["sync"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not in a git repository"),
        "{}",
        stderr(&output)
    );
}

/// A teammate commits a link where a ledger file belongs, pointing out of the clone.
fn link_committed_by(laptop: &Path, link: &str, target: &str) {
    std::os::unix::fs::symlink(target, laptop.join(link)).unwrap();
    git(laptop, &["add", link]);
    git(laptop, &["commit", "--quiet", "-m", "link"]);
    git(laptop, &["push", "--quiet", "origin", "HEAD:main"]);
}

#[test]
fn a_link_committed_by_a_teammate_is_never_written_through() {
    let team = Team::new();
    let a = team.clone("a");
    let b = team.clone("b");
    let secret = team.sandbox.path().join(".bashrc");
    fs::write(&secret, "export PATH\n").unwrap();
    team.log(&b, "wang.fang", 1, "b1");
    team.sync(&b, "wang.fang");
    link_committed_by(&b, "ledger/2025-03/li.lei.jsonl", "../../../.bashrc");
    team.sync(&a, "li.lei");
    assert!(a.join("ledger/2025-03/li.lei.jsonl").is_symlink());

    let output = team.otss(
        &a,
        "li.lei",
        "2025-03-04T10:30:00+08:00",
        &["support", "log", "CVM CPU $(touch ~/owned)"],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("li.lei.jsonl is a symbolic link"), "{err}");
    assert_eq!(fs::read_to_string(&secret).unwrap(), "export PATH\n");
    let checked = team.otss(
        &a,
        "li.lei",
        "2025-03-04T12:00:00+08:00",
        &["check", "--json"],
    );
    assert_eq!(checked.status.code(), Some(1));
    let checked: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(checked["problems"][0]["file"], "2025-03/li.lei.jsonl");
    assert_eq!(checked["problems"][0]["kind"], "symlink");
}

#[test]
fn a_linked_gitattributes_never_carries_a_file_of_the_user_into_the_history() {
    let team = Team::new();
    let a = team.clone("a");
    let b = team.clone("b");
    let secret = team.sandbox.path().join("id_ed25519");
    fs::write(&secret, "PRIVATE KEY\n").unwrap();
    fs::create_dir_all(b.join("ledger")).unwrap();
    link_committed_by(&b, "ledger/.gitattributes", "../../id_ed25519");
    git(&a, &["pull", "--quiet", "origin", "main"]);
    team.log(&a, "li.lei", 1, "a1");
    let output = team.otss(&a, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(".gitattributes is a symbolic link"), "{err}");
    let history = git(&a, &["log", "--all", "-p"]);
    assert!(!history.contains("PRIVATE KEY"), "{history}");
    assert_eq!(fs::read_to_string(&secret).unwrap(), "PRIVATE KEY\n");
}

#[test]
fn two_syncs_at_once_on_one_clone_take_turns_and_lose_nothing() {
    let team = Team::new();
    let shared = team.clone("shared");
    team.log(&shared, "li.lei", 1, "a1");
    team.log(&shared, "wang.fang", 2, "b1");
    // Holding the syncs' lock here makes both start while another holds the clone.
    let lock = fs::File::create(shared.join(".git/otss-sync.lock")).unwrap();
    lock.lock().unwrap();
    let first = team.waiting_sync(&shared, "li.lei");
    let second = team.waiting_sync(&shared, "wang.fang");
    drop(lock);
    for sync in [first, second] {
        let (ok, said) = sync.finish();
        assert!(ok, "{said}");
        assert!(
            !said.contains("fatal") && !said.contains("index.lock") && !said.contains("git "),
            "{said}"
        );
    }
    assert_eq!(
        git(&shared, &["status", "--porcelain"]),
        "",
        "all committed"
    );
    let elsewhere = team.clone("elsewhere");
    assert_eq!(team.records(&elsewhere).len(), 2, "both pushed");
    assert_eq!(team.records(&elsewhere), team.records(&shared));
}

#[test]
fn a_git_command_running_in_the_clone_is_explained_in_words() {
    let team = Team::new();
    let laptop = team.clone("laptop");
    team.log(&laptop, "li.lei", 1, "a1");
    let index_lock = laptop.join(".git/index.lock");
    fs::write(&index_lock, "").unwrap();
    for (lang, words) in [
        ("en", "another git command is running in this repository"),
        ("zh", "本仓库中另一个 git 命令正在运行"),
    ] {
        let output = team.otss(
            &laptop,
            "li.lei",
            "2025-03-04T11:00:00+08:00",
            &["--lang", lang, "sync"],
        );
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(
            err.contains(words) && err.contains("laptop/.git/index.lock"),
            "{err}"
        );
        assert!(
            !err.contains("fatal:") && !err.contains("Another git process"),
            "{err}"
        );
    }
    fs::remove_file(&index_lock).unwrap();
    assert_eq!(team.sync(&laptop, "li.lei")["committed"], 1);
}

#[test]
fn a_clone_on_no_branch_is_told_to_check_one_out() {
    let team = Team::new();
    let laptop = team.clone("laptop");
    git(&laptop, &["checkout", "--quiet", "--detach"]);
    team.log(&laptop, "li.lei", 1, "a1");
    let output = team.otss(&laptop, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    assert_eq!(output.status.code(), Some(1));
    let (out, err) = (String::from_utf8_lossy(&output.stdout), stderr(&output));
    assert!(err.contains("not on a branch (detached HEAD)"), "{err}");
    assert!(!out.contains("no remote"), "{out}");
}

#[test]
fn a_contract_pointing_its_ledger_into_another_repository_is_never_synced_there() {
    let team = Team::new();
    let a = team.clone("a");
    let root = team.sandbox.path();
    git(root, &["init", "--quiet", "--bare", "other-remote.git"]);
    git(root, &["clone", "--quiet", "other-remote.git", "other"]);
    fs::write(
        a.join("otss.toml"),
        format!("{SHENZHEN_5X8}ledger = \"../other/notes\"\n"),
    )
    .unwrap();
    team.log(&a, "li.lei", 1, "customer confidential note");
    let output = team.otss(&a, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("not in the one that holds the contract"),
        "{err}"
    );
    assert_eq!(
        git(&root.join("other"), &["status", "--porcelain"]),
        "?? notes/\n"
    );
    let other_log = std::process::Command::new("git")
        .args(["--git-dir", "other-remote.git", "log", "--all", "--oneline"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(other_log.stdout.is_empty(), "nothing pushed there");
}

/// A record id entered at `entered` (RFC 3339), as a hand-written line would carry it.
fn ulid_entered(entered: &str, random: u128) -> String {
    let entered = chrono::DateTime::parse_from_rfc3339(entered).unwrap();
    let millis = u64::try_from(entered.timestamp_millis()).unwrap();
    ulid::Ulid::from_parts(millis, random).to_string()
}

/// Appends `lines` to an engineer's own file of a month on a laptop, commits and pushes them
/// as a teammate who edits by hand would.
fn forged(laptop: &Path, file: &str, lines: &[String]) {
    let path = laptop.join("ledger").join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    fs::write(&path, text).unwrap();
    pushed(laptop);
}

/// Commits and pushes whatever the ledger of a laptop holds, by hand.
fn pushed(laptop: &Path) {
    git(laptop, &["add", "ledger"]);
    git(laptop, &["commit", "--quiet", "-m", "records"]);
    git(laptop, &["push", "--quiet", "origin", "HEAD:main"]);
}

const EVENING: &str = "2025-03-04T20:00:00+08:00";
const NIGHT: &str = "2025-03-04T23:00:00+08:00";
const NEXT_MORNING: &str = "2025-03-05T09:00:00+08:00";

/// A level 1 incident reported at 20:00 and acknowledged for real at 23:00 on laptop `a`,
/// synced to laptop `b`: its id.
fn breached_at_night(team: &Team, a: &Path, b: &Path) -> String {
    let opened = team.ok(
        a,
        "li.lei",
        EVENING,
        &[
            "incident", "open", "--level", "1", "--title", "DB down", "--json",
        ],
    );
    let id = serde_json::from_str::<Value>(&opened).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    team.ok(a, "li.lei", NIGHT, &["incident", "ack", &id]);
    team.ok(a, "li.lei", NIGHT, &["sync"]);
    team.ok(b, "wang.fang", NIGHT, &["sync"]);
    id
}

/// The JSON of `otss ARGS` on a laptop, the next morning.
fn next_morning_json(team: &Team, laptop: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&team.ok(laptop, "li.lei", NEXT_MORNING, args)).unwrap()
}

/// The March report's incident figures on a laptop, the next morning.
fn march_incidents(team: &Team, laptop: &Path) -> Value {
    let args = ["report", "2025-03", "--format", "json"];
    next_morning_json(team, laptop, &args)["incidents"].clone()
}

/// `otss check --json` on a laptop the next morning: its problems, by kind.
fn problems(team: &Team, laptop: &Path) -> Vec<(String, Value)> {
    let output = team.otss(laptop, "li.lei", NEXT_MORNING, &["check", "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let checked: Value = serde_json::from_slice(&output.stdout).unwrap();
    checked["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].as_str().unwrap().to_string(), p.clone()))
        .collect()
}

fn acknowledgement(id: &str, record: &str, at: &str) -> String {
    serde_json::json!({
        "v": 1, "id": record, "at": at, "by": "wang.fang",
        "type": "incident.acknowledged", "incident": id,
    })
    .to_string()
}

#[test]
fn a_back_dated_acknowledgement_entered_before_it_happened_counts_nowhere() {
    let team = Team::new();
    let (a, b) = (team.clone("a"), team.clone("b"));
    let id = breached_at_night(&team, &a, &b);
    let before = march_incidents(&team, &a);
    assert_eq!(before["response"]["breached"], 1);
    // An id copied from a record of 19:00, for an acknowledgement said to be at 20:10.
    let record = ulid_entered("2025-03-04T19:00:00+08:00", 1);
    let line = acknowledgement(&id, &record, "2025-03-04T20:10:00+08:00");
    forged(&b, "2025-03/wang.fang.jsonl", &[line]);
    team.ok(&a, "li.lei", NEXT_MORNING, &["sync"]);

    let found = problems(&team, &a);
    assert!(
        found
            .iter()
            .any(|(kind, p)| kind == "entry_time" && p["line"] == 1),
        "{found:?}"
    );
    assert_eq!(march_incidents(&team, &a), before);
    let shown = team.otss(
        &a,
        "li.lei",
        NEXT_MORNING,
        &["incident", "show", &id, "--json"],
    );
    assert!(stderr(&shown).contains(&record), "{}", stderr(&shown));
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["responded_at"], "2025-03-04T23:00:00+08:00");
    assert_eq!(shown["response_met"], false);
}

#[test]
fn a_back_dated_acknowledgement_entered_the_next_day_never_moves_the_verdict() {
    let team = Team::new();
    let (a, b) = (team.clone("a"), team.clone("b"));
    let id = breached_at_night(&team, &a, &b);
    let before = march_incidents(&team, &a);
    let record = ulid_entered(NEXT_MORNING, 1);
    let line = acknowledgement(&id, &record, "2025-03-04T20:10:00+08:00");
    forged(&b, "2025-03/wang.fang.jsonl", &[line]);
    team.ok(&a, "li.lei", NEXT_MORNING, &["sync"]);

    // The acknowledgement entered at 23:00 decided the response; one entered the next morning
    // claiming 20:10 is shown in the timeline, and changes nothing.
    let shown = next_morning_json(&team, &a, &["incident", "show", &id, "--json"]);
    assert_eq!(shown["response_met"], false);
    assert_eq!(shown["responded_at"], NIGHT);
    assert_eq!(shown["entered_later"], serde_json::json!([]));
    let acks: Vec<&Value> = shown["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "acknowledged")
        .collect();
    assert_eq!(acks.len(), 2, "{shown}");
    assert_eq!(acks[0]["id"], &record[20..]);
    assert_eq!(march_incidents(&team, &a), before);
}

#[test]
fn a_second_opening_of_an_incident_never_replaces_the_real_one() {
    let team = Team::new();
    let (a, b) = (team.clone("a"), team.clone("b"));
    let id = breached_at_night(&team, &a, &b);
    let before = march_incidents(&team, &a);
    // The teammate opens a level 3 incident of the same time, then gives it the real id.
    let opened = team.ok(
        &b,
        "wang.fang",
        NEXT_MORNING,
        &[
            "incident",
            "open",
            "--level",
            "3",
            "--title",
            "DB slow",
            "--at",
            "2025-03-04 20:00",
            "--force",
            "--json",
        ],
    );
    let fake = serde_json::from_str::<Value>(&opened).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let file = b.join("ledger/2025-03/wang.fang.jsonl");
    let text = fs::read_to_string(&file).unwrap().replace(&fake, &id);
    fs::write(&file, text).unwrap();
    pushed(&b);
    team.ok(&a, "li.lei", NEXT_MORNING, &["sync"]);

    let found = problems(&team, &a);
    let duplicate: Vec<&Value> = found
        .iter()
        .filter(|(kind, _)| kind == "duplicate_incident")
        .map(|(_, p)| p)
        .collect();
    assert_eq!(duplicate.len(), 1, "{found:?}");
    assert_eq!(duplicate[0]["incident"], id.as_str());
    let shown = next_morning_json(&team, &a, &["incident", "show", &id, "--json"]);
    assert_eq!(shown["level"], 1);
    assert_eq!(shown["title"], "DB down");
    assert_eq!(shown["response_met"], false);
    assert_eq!(march_incidents(&team, &a), before);
}

#[test]
fn records_in_the_future_or_outside_the_term_count_nowhere_and_are_named() {
    let team = Team::new();
    let (a, b) = (team.clone("a"), team.clone("b"));
    let id = breached_at_night(&team, &a, &b);
    let january = |laptop: &Path| {
        let args = ["report", "2024-01", "--format", "json"];
        next_morning_json(&team, laptop, &args)["backups"].clone()
    };
    let before = january(&a);
    let entered = ulid_entered(NEXT_MORNING, 1);
    let resolved = serde_json::json!({
        "v": 1, "id": entered, "at": "2030-03-04T20:30:00+08:00", "by": "wang.fang",
        "type": "incident.resolved", "incident": id, "summary": "fixed",
    });
    // The term begins on 2024-01-02.
    let backup = serde_json::json!({
        "v": 1, "id": ulid_entered(NEXT_MORNING, 2), "at": "2024-01-01T10:00:00+08:00",
        "by": "wang.fang", "type": "backup.checked", "job": "db", "ok": true,
    });
    // Dated and entered in the future alike: plausible by its own times, but not yet.
    let closed_later = "2030-03-04T20:40:00+08:00";
    let closed = serde_json::json!({
        "v": 1, "id": ulid_entered(closed_later, 3), "at": closed_later, "by": "wang.fang",
        "type": "incident.closed", "incident": id,
    });
    forged(
        &b,
        "2030-03/wang.fang.jsonl",
        &[resolved.to_string(), closed.to_string()],
    );
    forged(&b, "2024-01/wang.fang.jsonl", &[backup.to_string()]);
    team.ok(&a, "li.lei", NEXT_MORNING, &["sync"]);

    let kinds: Vec<String> = problems(&team, &a).into_iter().map(|(k, _)| k).collect();
    assert!(kinds.contains(&"future".to_string()), "{kinds:?}");
    assert!(kinds.contains(&"out_of_term".to_string()), "{kinds:?}");
    let open = team.ok(
        &a,
        "li.lei",
        NEXT_MORNING,
        &["incident", "list", "--open", "--json"],
    );
    let open: Value = serde_json::from_str(&open).unwrap();
    assert_eq!(open[0]["id"], id.as_str());
    assert_eq!(january(&a), before);
    let shown = team.otss(&a, "li.lei", NEXT_MORNING, &["incident", "show", &id]);
    let warned = stderr(&shown);
    assert!(
        warned.contains("is dated 2030-03-04 20:40, after now: it counts nowhere"),
        "{warned}"
    );
}

/// Two engineers' records shared, then a teammate's clone that holds them.
fn shared_history(team: &Team) -> (PathBuf, PathBuf) {
    let a = team.clone("a");
    let b = team.clone("b");
    team.log(&a, "li.lei", 1, "CVM CPU at 90% since the deploy");
    team.log(&a, "li.lei", 2, "COS bucket policy question");
    team.sync(&a, "li.lei");
    team.log(&b, "wang.fang", 3, "CLB health check");
    team.sync(&b, "wang.fang");
    team.sync(&a, "li.lei");
    (a, b)
}

#[test]
fn a_colleague_s_line_edited_in_place_stops_every_sync_and_changes_nothing_here() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    edit(
        &b.join("ledger/2025-03/li.lei.jsonl"),
        "COS bucket policy question",
        "COS bucket policy question (resolved on the phone)",
    );
    let commit = pushed_by(&b, "wang.fang", "ledger/2025-03/li.lei.jsonl");
    team.log(&a, "li.lei", 4, "TKE node not ready");
    let named = [
        "ledger/2025-03/li.lei.jsonl line 2",
        &commit[..12],
        "wang.fang <wang.fang@example.com>",
    ];
    for _ in 0..2 {
        refused_sync(&team, &a, &[], &named);
    }
    assert_eq!(
        git(&a, &["status", "--porcelain"]),
        "",
        "nothing half merged"
    );
}

#[test]
fn a_history_replaced_by_a_forced_push_is_caught_at_every_sync() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    let first = git(&b, &["rev-list", "--max-parents=0", "HEAD"]);
    git(&b, &["reset", "--quiet", "--soft", first.trim()]);
    edit(
        &b.join("ledger/2025-03/li.lei.jsonl"),
        "CVM CPU at 90%",
        "CVM CPU at 60%",
    );
    git(&b, &["add", "ledger"]);
    git(&b, &["commit", "--quiet", "-m", "one tidy commit"]);
    git(&b, &["push", "--quiet", "--force", "origin", "HEAD:main"]);
    let forged = git(&b, &["rev-parse", "HEAD"]);
    let named = ["ledger/2025-03/li.lei.jsonl line 1", &forged[..12]];
    for _ in 0..2 {
        refused_sync(&team, &a, &[], &named);
    }
}

#[test]
fn attributes_that_would_hide_an_edit_are_refused_and_the_edit_still_caught() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    let attributes = a.join("ledger/.gitattributes");
    let ours = fs::read_to_string(&attributes).unwrap();
    let theirs = b.join("ledger/.gitattributes");
    fs::write(&theirs, format!("{ours}*.jsonl -diff\n")).unwrap();
    let blinding = pushed_by(&b, "wang.fang", "ledger/.gitattributes");
    let named = [
        "changes ledger/.gitattributes",
        &blinding[..12],
        "wang.fang <wang.fang@example.com>",
    ];
    refused_sync(&team, &a, &[], &named);
    assert_eq!(fs::read_to_string(&attributes).unwrap(), ours);

    // The teammate's own sync writes the attributes back; the edit behind them is caught.
    assert_eq!(team.sync(&b, "wang.fang")["attributes_restored"], true);
    edit(
        &b.join("ledger/2025-03/li.lei.jsonl"),
        "CVM CPU at 90%",
        "CVM CPU at 60%",
    );
    let edit = pushed_by(&b, "wang.fang", "ledger/2025-03/li.lei.jsonl");
    let named = ["ledger/2025-03/li.lei.jsonl line 1", &edit[..12]];
    refused_sync(&team, &a, &[], &named);
}

#[test]
fn an_encoding_pushed_in_the_attributes_never_makes_an_incident_disappear() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    let c = team.clone("c");
    let open = [
        "incident",
        "open",
        "--level",
        "2",
        "--title",
        "MySQL primary down",
    ];
    team.ok(&c, "zhao.min", "2025-03-04T10:30:00+08:00", &open);
    team.sync(&c, "zhao.min");
    team.sync(&a, "li.lei");
    team.sync(&b, "wang.fang");
    let before = standing(&team, &a);
    assert!(before.1.contains("MySQL primary down"), "{}", before.1);

    let attributes = b.join("ledger/.gitattributes");
    let ours = fs::read_to_string(&attributes).unwrap();
    fs::write(
        &attributes,
        format!("{ours}*.jsonl working-tree-encoding=UTF-16LE\n"),
    )
    .unwrap();
    let commit = pushed_by(&b, "wang.fang", "ledger/.gitattributes");
    refused_sync(
        &team,
        &a,
        &[],
        &["changes ledger/.gitattributes", &commit[..12]],
    );

    // Pushed at the top of the repository instead, it cannot reach the ledger's files.
    git(&b, &["revert", "--no-edit", "HEAD"]);
    fs::write(
        b.join(".gitattributes"),
        "*.jsonl working-tree-encoding=UTF-16LE\n",
    )
    .unwrap();
    pushed_by(&b, "wang.fang", ".gitattributes");
    team.sync(&a, "li.lei");
    assert_eq!(standing(&team, &a), before);
    team.ok(&a, "li.lei", "2025-03-04T12:00:00+08:00", &["check"]);
}

#[test]
fn a_rewrite_named_by_its_commit_is_let_in_and_recorded() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    let file = b.join("ledger/2025-03/li.lei.jsonl");
    let first_line = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    fs::write(&file, format!("{first_line}\n")).unwrap();
    let commit = pushed_by(&b, "wang.fang", "ledger/2025-03/li.lei.jsonl");

    let another = ["--accept-rewrite", "HEAD"];
    refused_sync(&team, &a, &another, &["li.lei.jsonl line 2"]);
    let unknown = ["--accept-rewrite", "0123456789ab"];
    refused_sync(&team, &a, &unknown, &["`0123456789ab` names no commit"]);

    let out = team.ok(
        &a,
        "li.lei",
        "2025-03-04T11:00:00+08:00",
        &["sync", "--json", "--accept-rewrite", &commit[..8]],
    );
    let synced: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(synced["pushed"], true);
    assert_eq!(
        synced["edited_elsewhere"],
        serde_json::json!(["ledger/2025-03/li.lei.jsonl"])
    );
    let accepted = &synced["accepted_rewrite"];
    assert_eq!(accepted["commit"], commit.as_str());
    assert_eq!(accepted["author"], "wang.fang <wang.fang@example.com>");
    let recorded: Vec<Value> = team
        .records(&team.clone("elsewhere"))
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .filter(|record: &Value| record["type"] == "sync.rewrite_accepted")
        .collect();
    assert_eq!(recorded.len(), 1, "recorded and pushed");
    assert_eq!(recorded[0]["by"], "li.lei");
    assert_eq!(recorded[0]["commit"], commit.as_str());
    assert_eq!(
        recorded[0]["lines"],
        serde_json::json!([{"file": "ledger/2025-03/li.lei.jsonl", "line": 2}])
    );
    assert_eq!(git(&a, &["status", "--porcelain"]), "");
    let again = team.otss(&a, "li.lei", "2025-03-04T11:30:00+08:00", &["sync"]);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn a_month_of_holidays_pushed_in_the_contract_is_shown_until_acknowledged() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    let holidays: Vec<String> = (1..=31).map(|day| format!("2025-03-{day:02}")).collect();
    fs::write(
        b.join("otss.toml"),
        format!(
            "{}staff = 3\n[calendar]\nextra_holidays = [{}]\n",
            SHENZHEN_5X8.replace("staff = 2\n", ""),
            holidays.join(", ")
        ),
    )
    .unwrap();
    let commit = pushed_by(&b, "wang.fang", "otss.toml");
    let records = team.records(&a);
    let output = team.otss(&a, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    let (out, err) = (String::from_utf8_lossy(&output.stdout), stderr(&output));
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "the contract was changed in commit {} by wang.fang",
            &commit[..12]
        )) && err.contains("calendar.extra_holidays: (none) → [2025-03-01, ")
            && err.contains("staff: 2 → 3")
            && err.contains("otss contract ack"),
        "{err}"
    );
    assert!(!out.contains("extra_holidays"), "{out}");
    assert_eq!(team.records(&a), records, "the ledger is as it was");

    let status =
        |laptop: &Path| team.ok(laptop, "li.lei", "2025-03-04T12:00:00+08:00", &["status"]);
    for _ in 0..2 {
        let shown = status(&a);
        assert!(
            shown.contains("the contract's calendar or SLA was changed by wang.fang")
                && shown.contains("(calendar.extra_holidays)"),
            "{shown}"
        );
    }
    let json = team.ok(
        &a,
        "li.lei",
        "2025-03-04T12:00:00+08:00",
        &["status", "--json"],
    );
    let json: Value = serde_json::from_str(&json).unwrap();
    let pending = &json["unacknowledged_contract_changes"][0];
    assert_eq!(pending["commit"], commit.as_str());
    assert_eq!(pending["changes"][0]["key"], "calendar.extra_holidays");
    let acknowledged = team.ok(
        &a,
        "li.lei",
        "2025-03-04T12:00:00+08:00",
        &["contract", "ack"],
    );
    assert!(
        acknowledged.contains("calendar.extra_holidays"),
        "{acknowledged}"
    );
    assert!(!status(&a).contains("calendar or SLA"), "acknowledged");
    assert!(
        !status(&b).contains("calendar or SLA"),
        "its author was not told"
    );
}

#[test]
fn an_ordinary_sync_of_appends_says_nothing_on_standard_error() {
    let team = Team::new();
    let (a, b) = shared_history(&team);
    team.log(&b, "wang.fang", 10, "b2");
    team.sync(&b, "wang.fang");
    team.log(&a, "li.lei", 11, "a3");
    let output = team.otss(&a, "li.lei", "2025-03-04T11:00:00+08:00", &["sync"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("received 1 record from the team"), "{out}");
}

#[test]
fn a_ledger_shared_before_otss_owned_its_attributes_takes_them_on_and_syncs_on() {
    let team = Team::new();
    let a = team.clone("a");
    let b = team.clone("b");
    team.log(&a, "li.lei", 1, "a1");
    fs::write(
        a.join("ledger/.gitattributes"),
        "# Ledger files only grow: merge both sides' new lines, never conflict.\n\
         *.jsonl merge=union\n",
    )
    .unwrap();
    git(&a, &["add", "ledger"]);
    git(&a, &["commit", "--quiet", "-m", "shared before"]);
    git(&a, &["push", "--quiet", "origin", "HEAD:main"]);
    let upgraded = team.sync(&a, "li.lei");
    assert_eq!(upgraded["attributes_restored"], false, "taken over quietly");
    team.log(&b, "wang.fang", 2, "b1");
    let output = team.otss(&b, "wang.fang", "2025-03-04T11:00:00+08:00", &["sync"]);
    assert!(output.status.success(), "{}", stderr(&output));
    team.sync(&a, "li.lei");
    assert_eq!(team.records(&a), team.records(&b));
    assert_eq!(
        fs::read_to_string(a.join("ledger/.gitattributes")).unwrap(),
        fs::read_to_string(b.join("ledger/.gitattributes")).unwrap()
    );
}

#[test]
fn the_search_index_catches_up_with_a_teammate_s_records_brought_by_a_sync() {
    let team = Team::new();
    let (a, b) = (team.clone("a"), team.clone("b"));
    let found = |laptop: &Path, words: &str| -> usize {
        let now = "2025-03-04T12:00:00+08:00";
        let out = team.ok(laptop, "li.lei", now, &["search", words, "--json"]);
        let hits: Value = serde_json::from_str(&out).unwrap();
        hits.as_array().unwrap().len()
    };
    team.log(&a, "li.lei", 1, "CVM 时间同步配置核查");
    assert_eq!(found(&a, "时间同步"), 1);
    team.log(&b, "wang.fang", 2, "COS 防盗链配置");
    team.sync(&b, "wang.fang");
    assert_eq!(found(&a, "防盗链"), 0);
    team.sync(&a, "li.lei");
    assert_eq!(
        found(&a, "防盗链"),
        1,
        "the teammate's record, brought by the sync"
    );
    assert_eq!(found(&a, "时间同步"), 1);
}
