//! `otss sync`: share the ledger with the team through the git repository that holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::context::Context;
use crate::app::Site;
use crate::git::Git;
use crate::output::{Output, Tone};
use crate::store;
use crate::sync::{self, SyncFailure, ledger_changes, numstat, owner, push_rejected};

const EXAMPLES: &str = "\
Examples:
  otss sync                  commit my new records, take the team's, push
  otss sync --json

Set up once per site (see README, \"Working as a team\"):
  git init && git add otss.toml && git commit -m \"contract\"
  git remote add origin git@git.example.com:site/ledger.git && git push -u origin HEAD";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SyncArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// How often a push rejected because the remote moved on is tried again.
const PUSH_ATTEMPTS: usize = 3;

#[derive(Serialize, Default)]
struct SyncJson {
    repository: String,
    /// Lines of this engineer's records committed now.
    committed: u64,
    remote: Option<String>,
    branch: Option<String>,
    /// Lines of records the team's history brought.
    received: u64,
    pushed: bool,
    /// Other engineers' files changed in this work tree: left as they are.
    changed_here: Vec<String>,
    /// Ledger files whose lines were changed or removed in the history received.
    edited_elsewhere: Vec<String>,
}

pub fn run(context: &Context, args: SyncArgs) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let engineer = context.env.engineer()?.to_string();
    let ledger = std::path::absolute(&site.ledger)?;
    let git = Git::find(&ledger)?
        .ok_or_else(|| SyncFailure::NoRepository {
            ledger: ledger.display().to_string(),
        })?
        .with_identity_fallback(&engineer);
    let _held = hold_clone(&git, &mut out)?;
    let mut report = SyncJson {
        repository: git.dir().display().to_string(),
        ..SyncJson::default()
    };
    commit_ours(&git, &site, &ledger, &engineer, &mut report)?;
    let outcome = share(&git, &mut report);
    if args.json {
        out.json(&report)?;
    } else {
        tell(&mut out, &report, &engineer)?;
    }
    out.flush()?;
    outcome
}

/// The file locked while a sync runs, in the repository's git directory.
const SYNC_LOCK: &str = "otss-sync.lock";

/// Holds the clone for this sync, waiting (and saying so) while another otss sync holds it.
/// The lock goes with the file: when it is dropped or the process ends, however it ends.
fn hold_clone(git: &Git, out: &mut Output) -> anyhow::Result<File> {
    let path = git.common_dir()?.join(SYNC_LOCK);
    let failed = |source| SyncFailure::Lock {
        path: path.clone(),
        source,
    };
    let file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(&path)
        .map_err(failed)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            out.warn(out.messages().sync_waiting())?;
            out.flush()?;
            file.lock().map_err(failed)?;
        }
        Err(TryLockError::Error(source)) => return Err(failed(source).into()),
    }
    Ok(file)
}

/// The ledger's path inside the repository, with `/` separators (`""` at its top).
fn in_repository(git: &Git, ledger: &Path) -> anyhow::Result<String> {
    let top = std::fs::canonicalize(git.dir())?;
    let ledger = std::fs::canonicalize(ledger).unwrap_or_else(|_| ledger.to_path_buf());
    let relative = ledger.strip_prefix(&top).unwrap_or(&ledger);
    Ok(relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

/// Commits this engineer's new records (and the union merge rule), and nothing else.
fn commit_ours(
    git: &Git,
    site: &Site,
    ledger: &Path,
    engineer: &str,
    report: &mut SyncJson,
) -> anyhow::Result<()> {
    let relative = in_repository(git, ledger)?;
    let mut paths = Vec::new();
    let attributes = site.ledger.join(".gitattributes");
    if let Some(text) = sync::with_union_merge(store::read_text_if_any(&attributes)?.as_deref()) {
        store::write_whole(&attributes, text.as_bytes())?;
        paths.push(join(&relative, ".gitattributes"));
    }
    let status = git.text([
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
        &path_spec(&relative),
    ])?;
    let changes = ledger_changes(&status, &relative, engineer);
    report.changed_here = changes.others;
    paths.extend(changes.ours);
    if paths.is_empty() {
        return Ok(());
    }
    let mut add = vec!["add", "--"];
    add.extend(paths.iter().map(String::as_str));
    git.text(add)?;
    let message = format!("otss: records of {engineer}");
    let mut commit = vec!["commit", "--quiet", "--only", "-m", &message, "--"];
    commit.extend(paths.iter().map(String::as_str));
    git.text(commit)?;
    let (added, _) =
        numstat(&git.text(["show", "--numstat", "--format=", "HEAD", "--", "*.jsonl"])?);
    report.committed = added;
    Ok(())
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn path_spec(relative: &str) -> String {
    if relative.is_empty() {
        ".".to_string()
    } else {
        relative.to_string()
    }
}

/// Fetches and merges the team's history and pushes, trying again while the remote moves on.
/// Without a remote there is nothing to share: the records stay committed here.
fn share(git: &Git, report: &mut SyncJson) -> anyhow::Result<()> {
    let Some(remote) = git.text(["remote"])?.lines().next().map(str::to_string) else {
        return Ok(());
    };
    report.remote = Some(remote.clone());
    let branch = git
        .attempt(["symbolic-ref", "--quiet", "--short", "HEAD"])?
        .map_err(|_| SyncFailure::Detached)?;
    report.branch = Some(branch.clone());
    let tracking = format!("refs/remotes/{remote}/{branch}");
    for _ in 0..PUSH_ATTEMPTS {
        if let Err(said) = git.attempt(["fetch", "--quiet", &remote])? {
            anyhow::bail!(SyncFailure::Unreachable { remote, said });
        }
        if git
            .attempt(["rev-parse", "--verify", "--quiet", &tracking])?
            .is_ok()
        {
            merge(git, &tracking, report)?;
        }
        let pushed = git.attempt([
            "push",
            "--quiet",
            "--set-upstream",
            &remote,
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        match pushed {
            Ok(_) => {
                report.pushed = true;
                return Ok(());
            }
            Err(said) if push_rejected(said.text()) => {}
            Err(said) => anyhow::bail!(SyncFailure::Push { remote, said }),
        }
    }
    anyhow::bail!(SyncFailure::KeptMoving { remote })
}

/// Merges the team's history; what it changed other than by appending is reported.
fn merge(git: &Git, tracking: &str, report: &mut SyncJson) -> anyhow::Result<()> {
    let incoming = git.text([
        "diff",
        "--numstat",
        &format!("HEAD...{tracking}"),
        "--",
        "*.jsonl",
    ])?;
    let (added, edited) = numstat(&incoming);
    if let Err(said) = git.attempt(["merge", "--quiet", "--no-edit", tracking])? {
        // A merge that stopped half way is undone; one that never started changed nothing.
        let _ = git.attempt(["merge", "--abort"]);
        anyhow::bail!(SyncFailure::Merge { said });
    }
    report.received += added;
    report.edited_elsewhere.extend(edited);
    Ok(())
}

fn tell(out: &mut Output, report: &SyncJson, engineer: &str) -> anyhow::Result<()> {
    let m = out.messages();
    out.line(m.sync_committed(engineer, report.committed))?;
    match (&report.remote, &report.branch) {
        (Some(remote), Some(branch)) => {
            out.line(m.sync_received(report.received))?;
            if report.pushed {
                out.line(m.sync_pushed(remote, branch))?;
            }
        }
        (None, _) => out.line(m.sync_no_remote())?,
        // Not on a branch: the error says so.
        (Some(_), None) => {}
    }
    for path in &report.changed_here {
        out.warn(m.sync_changed_here(path, owner(path)))?;
    }
    for path in &report.edited_elsewhere {
        out.line(out.paint(Tone::Warning, &m.sync_edited_elsewhere(path)))?;
    }
    Ok(())
}
