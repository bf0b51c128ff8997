//! Sharing a site's ledger with the team through the git repository that holds it: this
//! engineer's new records committed, the team's history fetched and merged, the result pushed,
//! one sync at a time on a clone.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{Error, Result, Site};
use crate::git::Git;
use crate::store;
use crate::sync::{self, SyncFailure, ledger_changes, numstat, push_rejected};

/// How often a push rejected because the remote moved on is tried again.
const PUSH_ATTEMPTS: usize = 3;

/// The file locked while a sync runs, in the repository's git directory.
const SYNC_LOCK: &str = "otss-sync.lock";

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The repository's work tree.
    pub repository: String,
    /// Lines of this engineer's records committed now.
    pub committed: u64,
    pub remote: Option<String>,
    pub branch: Option<String>,
    /// Lines of records the team's history brought.
    pub received: u64,
    pub pushed: bool,
    /// Other engineers' files changed in this work tree: left as they are.
    pub changed_here: Vec<String>,
    /// Ledger files whose lines were changed or removed in the history received.
    pub edited_elsewhere: Vec<String>,
}

/// What a sync did, and why it stopped if it stopped while sharing: the records committed
/// here stay committed.
#[derive(Debug)]
pub struct Outcome {
    pub synced: Synced,
    pub stopped: Option<Error>,
}

/// Shares the site's ledger as `engineer`. When another sync holds the clone, `waiting` is
/// called once before waiting for it.
pub fn sync(site: &Site, engineer: &str, waiting: impl FnOnce() -> Result<()>) -> Result<Outcome> {
    let ledger = absolute(&site.ledger)?;
    let git = Git::find(&ledger)?
        .ok_or_else(|| SyncFailure::NoRepository {
            ledger: ledger.display().to_string(),
        })?
        .with_identity_fallback(engineer);
    ensure_beside_contract(&git, site)?;
    let _held = hold_clone(&git, waiting)?;
    let mut synced = Synced {
        repository: git.dir().display().to_string(),
        ..Synced::default()
    };
    commit_ours(&git, site, &ledger, engineer, &mut synced)?;
    let stopped = share(&git, &mut synced).err();
    Ok(Outcome { synced, stopped })
}

/// A contract shared through a repository keeps its ledger in that repository: otherwise a
/// teammate's edit of its `ledger` key could make a sync commit and push this engineer's
/// records into another repository altogether.
fn ensure_beside_contract(git: &Git, site: &Site) -> Result<()> {
    let Some(contract_repository) = Git::find(&absolute(&site.path)?)? else {
        return Ok(());
    };
    if store::same_place(contract_repository.dir(), git.dir()) {
        return Ok(());
    }
    Err(SyncFailure::LedgerElsewhere {
        ledger: site.ledger.clone(),
        repository: git.dir().to_path_buf(),
        contract: site.path.clone(),
    }
    .into())
}

/// Holds the clone for this sync, waiting while another otss sync holds it. The lock goes
/// with the file: when it is dropped or the process ends, however it ends.
fn hold_clone(git: &Git, waiting: impl FnOnce() -> Result<()>) -> Result<File> {
    let path = git.common_dir()?.join(SYNC_LOCK);
    let held = store::hold_lock(&path, waiting)?;
    Ok(held.map_err(|source| SyncFailure::Lock { path, source })?)
}

/// `path` from the root, as the working directory makes it.
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(Error::WorkingDirectory)
}

/// The ledger's path inside the repository, with `/` separators (`""` at its top).
fn in_repository(git: &Git, ledger: &Path) -> Result<String> {
    let top = store::resolved(git.dir());
    let ledger = store::resolved(ledger);
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
    synced: &mut Synced,
) -> Result<()> {
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
    synced.changed_here = changes.others;
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
    synced.committed = added;
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
fn share(git: &Git, synced: &mut Synced) -> Result<()> {
    let Some(remote) = git.text(["remote"])?.lines().next().map(str::to_string) else {
        return Ok(());
    };
    synced.remote = Some(remote.clone());
    let branch = git
        .attempt(["symbolic-ref", "--quiet", "--short", "HEAD"])?
        .map_err(|_| SyncFailure::Detached)?;
    synced.branch = Some(branch.clone());
    let tracking = format!("refs/remotes/{remote}/{branch}");
    for _ in 0..PUSH_ATTEMPTS {
        if let Err(said) = git.attempt(["fetch", "--quiet", &remote])? {
            return Err(SyncFailure::Unreachable { remote, said }.into());
        }
        if git
            .attempt(["rev-parse", "--verify", "--quiet", &tracking])?
            .is_ok()
        {
            merge(git, &tracking, synced)?;
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
                synced.pushed = true;
                return Ok(());
            }
            Err(said) if push_rejected(said.text()) => {}
            Err(said) => return Err(SyncFailure::Push { remote, said }.into()),
        }
    }
    Err(SyncFailure::KeptMoving { remote }.into())
}

/// Merges the team's history; what it changed other than by appending is reported.
fn merge(git: &Git, tracking: &str, synced: &mut Synced) -> Result<()> {
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
        return Err(SyncFailure::Merge { said }.into());
    }
    synced.received += added;
    synced.edited_elsewhere.extend(edited);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::process::Command;

    use super::*;
    use crate::app::testing::{CONTRACT, site};

    #[test]
    fn without_a_remote_only_my_records_are_committed_here() {
        let dir = tempfile::tempdir().unwrap();
        let init = Command::new("git")
            .arg("init")
            .arg("-q")
            .arg(dir.path())
            .status();
        assert!(init.unwrap().success());
        let month = dir.path().join("ledger/2025-03");
        fs::create_dir_all(&month).unwrap();
        fs::write(month.join("li.lei.jsonl"), "{}\n{}\n").unwrap();
        fs::write(month.join("wang.jsonl"), "{}\n").unwrap();
        let mut site = site(CONTRACT, &dir.path().join("ledger"));
        site.path = dir.path().join("otss.toml");
        let outcome = sync(&site, "li.lei", || panic!("no other sync holds the clone")).unwrap();
        assert!(outcome.stopped.is_none());
        let synced = outcome.synced;
        assert_eq!(
            (synced.committed, synced.remote, synced.pushed),
            (2, None, false)
        );
        assert_eq!(synced.changed_here, ["ledger/2025-03/wang.jsonl"]);
    }
}
