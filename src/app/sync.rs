//! Sharing a site's ledger with the team through the git repository that holds it: this
//! engineer's new records committed, the team's history fetched, checked and merged, the
//! result pushed, one sync at a time on a clone. The history received is checked before it is
//! merged (docs/rules.md §10.9): it may only append to the ledger, it may not change the
//! ledger's `.gitattributes`, and what it changes in the contract is shown key by key.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::{Environment, Error, Result, Site, write};
use crate::git::{Commit, Git};
use crate::record::Event;
use crate::record::sync::{RewriteAccepted, RewrittenLine};
use crate::store::{self, Attributes};
use crate::sync::{
    ContractReceived, Rewrite, SyncFailure, contract_changes, first_line_lost, ledger_changes,
    lines_added, push_rejected,
};

/// How often a push rejected because the remote moved on is tried again.
const PUSH_ATTEMPTS: usize = 3;

/// The file locked while a sync runs, in the repository's git directory.
const SYNC_LOCK: &str = "otss-sync.lock";

/// Where a clone keeps, for each remote branch, the commit of it last merged or pushed: the
/// history the remote is known to have held.
const SHARED: &str = "refs/otss/shared";

/// The ledger's own `.gitattributes`, and the name of any other.
const ATTRIBUTES: &str = ".gitattributes";

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
    /// Ledger files whose lines were changed or removed in the history received, let in by
    /// `--accept-rewrite`.
    pub edited_elsewhere: Vec<String>,
    /// The rewrite let in, as recorded.
    pub accepted: Option<RewriteAccepted>,
    /// The ledger's `.gitattributes` was not otss's and was written again.
    pub attributes_restored: bool,
    /// Changes to the contract merged, key by key.
    pub contract: Vec<ContractReceived>,
}

/// What a sync did, and why it stopped if it stopped while sharing: the records committed
/// here stay committed.
#[derive(Debug)]
pub struct Outcome {
    pub synced: Synced,
    pub stopped: Option<Error>,
}

/// A sync under way: the repository, where the ledger and the contract are in it, and who
/// is syncing.
struct Sharing<'a> {
    git: Git,
    env: &'a Environment,
    site: &'a Site,
    engineer: &'a str,
    /// The ledger directory, relative to the repository (`""` at its top).
    ledger: String,
    /// The contract file, relative to the repository, when it is in it.
    contract: Option<String>,
    /// The commit whose rewrite of the ledger the engineer accepts, as they named it.
    accept: Option<&'a str>,
}

/// Shares the site's ledger as the engineer writing, letting in the rewrite of the commit
/// `accept` names, if any. When another sync holds the clone, `waiting` is called once before
/// waiting for it.
pub fn sync(
    env: &Environment,
    site: &Site,
    accept: Option<&str>,
    waiting: impl FnOnce() -> Result<()>,
) -> Result<Outcome> {
    let engineer = env.engineer()?;
    let ledger = absolute(&site.ledger)?;
    let git = Git::find(&ledger)?
        .ok_or_else(|| SyncFailure::NoRepository {
            ledger: ledger.display().to_string(),
        })?
        .with_identity_fallback(engineer);
    ensure_beside_contract(&git, site)?;
    let _held = hold_clone(&git, waiting)?;
    let sharing = Sharing {
        ledger: in_repository(&git, &ledger),
        contract: Some(in_repository(&git, &absolute(&site.path)?)),
        git,
        env,
        site,
        engineer,
        accept,
    };
    let mut synced = Synced {
        repository: sharing.git.dir().display().to_string(),
        ..Synced::default()
    };
    sharing.commit_ours(&mut synced)?;
    let stopped = sharing.share(&mut synced).err();
    Ok(Outcome { synced, stopped })
}

/// The changes to the contract's calendar or SLA received and not yet acknowledged.
pub fn unacknowledged(site: &Site) -> Result<Vec<ContractReceived>> {
    Ok(store::unacknowledged(&site.path)?)
}

/// Acknowledges the changes to the contract's calendar or SLA received: those acknowledged.
pub fn acknowledge(site: &Site) -> Result<Vec<ContractReceived>> {
    Ok(store::acknowledge_contract(&site.path)?)
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

/// A path's place inside the repository, with `/` separators (`""` at its top).
fn in_repository(git: &Git, path: &Path) -> String {
    let top = store::resolved(git.dir());
    let path = store::resolved(path);
    let relative = path.strip_prefix(&top).unwrap_or(&path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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

impl Sharing<'_> {
    /// Commits this engineer's new records (and the ledger's `.gitattributes` when it is not
    /// otss's), and nothing else.
    fn commit_ours(&self, synced: &mut Synced) -> Result<()> {
        let git = &self.git;
        let mut paths = Vec::new();
        let attributes = store::restore_attributes(&self.site.ledger)?;
        if attributes != Attributes::Kept {
            paths.push(join(&self.ledger, ATTRIBUTES));
        }
        let status = git.text([
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--",
            &path_spec(&self.ledger),
        ])?;
        let changes = ledger_changes(&status, &self.ledger, self.engineer);
        synced.changed_here = changes.others;
        paths.extend(changes.ours);
        if paths.is_empty() {
            return Ok(());
        }
        let parent = git
            .attempt(["rev-parse", "--verify", "--quiet", "HEAD"])?
            .ok();
        let mut add = vec!["add", "--"];
        add.extend(paths.iter().map(String::as_str));
        git.text(add)?;
        let message = format!("otss: records of {}", self.engineer);
        let mut commit = vec!["commit", "--quiet", "--only", "-m", &message, "--"];
        commit.extend(paths.iter().map(String::as_str));
        git.text(commit)?;
        synced.attributes_restored |= attributes == Attributes::Replaced;
        for path in paths.iter().filter(|p| p.ends_with(".jsonl")) {
            let before = match &parent {
                Some(parent) => git.blob_at(parent, path)?.unwrap_or_default(),
                None => Vec::new(),
            };
            let after = git.blob_at("HEAD", path)?.unwrap_or_default();
            synced.committed += lines_added(&before, &after);
        }
        Ok(())
    }

    /// Fetches, checks and merges the team's history and pushes, trying again while the
    /// remote moves on. Without a remote there is nothing to share: the records stay
    /// committed here.
    fn share(&self, synced: &mut Synced) -> Result<()> {
        let git = &self.git;
        let Some(remote) = git.text(["remote"])?.lines().next().map(str::to_string) else {
            return Ok(());
        };
        synced.remote = Some(remote.clone());
        let branch = git
            .attempt(["symbolic-ref", "--quiet", "--short", "HEAD"])?
            .map_err(|_| SyncFailure::Detached)?;
        synced.branch = Some(branch.clone());
        let tracking = format!("refs/remotes/{remote}/{branch}");
        let shared = format!("{SHARED}/{remote}/{branch}");
        for _ in 0..PUSH_ATTEMPTS {
            if let Err(said) = git.attempt(["fetch", "--quiet", &remote])? {
                return Err(SyncFailure::Unreachable { remote, said }.into());
            }
            if git
                .attempt(["rev-parse", "--verify", "--quiet", &tracking])?
                .is_ok()
            {
                self.merge(&tracking, &shared, synced)?;
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
                    git.text(["update-ref", &shared, "HEAD"])?;
                    synced.pushed = true;
                    return Ok(());
                }
                Err(said) if push_rejected(said.text()) => {}
                Err(said) => return Err(SyncFailure::Push { remote, said }.into()),
            }
        }
        Err(SyncFailure::KeptMoving { remote }.into())
    }

    /// Merges the team's history once it is known to change nothing already here: its
    /// ledger files only grow, and the ledger's `.gitattributes` stays otss's. What it
    /// changes in the contract is kept to be shown.
    fn merge(&self, tracking: &str, shared: &str, synced: &mut Synced) -> Result<()> {
        let git = &self.git;
        // Histories with nothing in common are refused by the merge itself.
        let base = git.attempt(["merge-base", "HEAD", tracking])?.ok();
        let mut received = match &base {
            Some(base) => self.check_received(base, tracking)?,
            None => Received::default(),
        };
        // A remote whose history was replaced (a forced push) shares less with HEAD than it
        // once held: what it held when last merged or pushed must still be there too.
        let known = git
            .attempt(["rev-parse", "--verify", "--quiet", shared])?
            .ok();
        if let Some(known) = known.filter(|known| Some(known) != base.as_ref()) {
            let (_, rewrites) = self.lost_lines(&known, tracking)?;
            for rewrite in rewrites {
                if !received.rewrites.iter().any(|r| r.file == rewrite.file) {
                    received.rewrites.push(rewrite);
                }
            }
        }
        let accepted = self.accepted(received.rewrites)?;
        // Recorded and committed before it is let in: no rewrite ever gets in unrecorded.
        if let Some(accepted) = &accepted {
            self.record_acceptance(accepted, synced)?;
            self.commit_ours(synced)?;
        }
        if let Err(said) = git.attempt(["merge", "--quiet", "--no-edit", tracking])? {
            // A merge that stopped half way is undone; one that never started changed nothing.
            let _ = git.attempt(["merge", "--abort"]);
            return Err(SyncFailure::Merge { said }.into());
        }
        git.text(["update-ref", shared, tracking])?;
        synced.received += received.lines;
        if let Some(contract) = received.contract {
            self.keep_to_acknowledge(&contract)?;
            synced.contract.push(contract);
        }
        Ok(())
    }

    /// What the history from `base` to `tracking` brings, once it is known to change no
    /// line already here and not the ledger's `.gitattributes`.
    fn check_received(&self, base: &str, tracking: &str) -> Result<Received> {
        let history = format!("{base}..{tracking}");
        self.refuse_attributes(base, tracking, &history)?;
        let (lines, rewrites) = self.lost_lines(base, tracking)?;
        let contract = self.contract_received(base, tracking, &history)?;
        Ok(Received {
            lines,
            rewrites,
            contract,
        })
    }

    /// The lines of records `tracking` adds to the ledger files of `base`, and the lines of
    /// `base` it changes or removes, with the first commit of `base..tracking` that lost them.
    fn lost_lines(&self, base: &str, tracking: &str) -> Result<(u64, Vec<Rewrite>)> {
        let git = &self.git;
        let history = format!("{base}..{tracking}");
        let spec = path_spec(&self.ledger);
        let before = git.files_at(base, &spec)?;
        let after = git.files_at(tracking, &spec)?;
        let (mut lines, mut rewrites) = (0, Vec::new());
        let files: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for path in files {
            if !path.ends_with(".jsonl") || before.get(path) == after.get(path) {
                continue;
            }
            let here = git.blob_at(base, path)?.unwrap_or_default();
            let theirs = git.blob_at(tracking, path)?.unwrap_or_default();
            match first_line_lost(&here, &theirs) {
                None => lines += lines_added(&here, &theirs),
                Some(line) => rewrites.push(Rewrite {
                    file: path.clone(),
                    line,
                    commit: self.culprit(&history, path, &here)?,
                }),
            }
        }
        Ok((lines, rewrites))
    }

    /// Refuses a received change to a `.gitattributes` of the ledger: its own that is not
    /// otss's, or any other.
    fn refuse_attributes(&self, base: &str, tracking: &str, history: &str) -> Result<()> {
        let spec = path_spec(&self.ledger);
        let before = self.git.files_at(base, &spec)?;
        let after = self.git.files_at(tracking, &spec)?;
        let own = join(&self.ledger, ATTRIBUTES);
        let is_attributes = |path: &&String| path.rsplit('/').next() == Some(ATTRIBUTES);
        let mut changed: Vec<&String> = after
            .iter()
            .filter(|(path, id)| before.get(*path) != Some(id))
            .map(|(path, _)| path)
            .filter(is_attributes)
            .collect();
        if !after.contains_key(&own) && before.contains_key(&own) {
            changed.push(&own);
        }
        for path in changed {
            if *path == own
                && self.git.blob_at(tracking, path)?.as_deref()
                    == Some(crate::sync::GITATTRIBUTES.as_bytes())
            {
                continue;
            }
            let commit = self.last_commit(history, path)?;
            return Err(SyncFailure::Attributes {
                file: path.clone(),
                commit,
            }
            .into());
        }
        Ok(())
    }

    /// The first commit of `history` whose version of `path` lost a line of `here`.
    fn culprit(&self, history: &str, path: &str, here: &[u8]) -> Result<Commit> {
        for commit in self.git.touching(history, path)? {
            let version = self.git.blob_at(&commit.hash, path)?.unwrap_or_default();
            if first_line_lost(here, &version).is_some() {
                return Ok(commit);
            }
        }
        self.last_commit(history, path)
    }

    /// The latest commit of `history` that touched `path` (its tip, if none did).
    fn last_commit(&self, history: &str, path: &str) -> Result<Commit> {
        let found = self.git.last_touching(history, path)?;
        Ok(match found {
            Some(commit) => commit,
            None => self
                .git
                .last_touching(history, ".")?
                .unwrap_or_else(|| Commit {
                    hash: history_tip(history).to_string(),
                    author: String::new(),
                }),
        })
    }

    /// The contract's keys changed from `base` to `tracking`, if any.
    fn contract_received(
        &self,
        base: &str,
        tracking: &str,
        history: &str,
    ) -> Result<Option<ContractReceived>> {
        let Some(contract) = &self.contract else {
            return Ok(None);
        };
        let text = |commit: &str| -> Result<String> {
            let bytes = self.git.blob_at(commit, contract)?.unwrap_or_default();
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        };
        let changes = contract_changes(&text(base)?, &text(tracking)?);
        if changes.is_empty() {
            return Ok(None);
        }
        let commit = self.last_commit(history, contract)?;
        Ok(Some(ContractReceived {
            commit: commit.hash,
            author: commit.author,
            changes,
        }))
    }

    /// Keeps the changes to the calendar or the SLA until the engineer acknowledges them.
    fn keep_to_acknowledge(&self, contract: &ContractReceived) -> Result<()> {
        let changes: Vec<_> = contract
            .changes
            .iter()
            .filter(|c| c.needs_acknowledging())
            .cloned()
            .collect();
        if changes.is_empty() {
            return Ok(());
        }
        let kept = ContractReceived {
            changes,
            ..contract.clone()
        };
        Ok(store::add_unacknowledged(&self.site.path, kept)?)
    }

    /// The rewrite let in by `--accept-rewrite`, if every rewrite received is of the commit it
    /// names; otherwise the rewrites refuse the merge.
    fn accepted(&self, rewrites: Vec<Rewrite>) -> Result<Option<RewriteAccepted>> {
        if rewrites.is_empty() {
            return Ok(None);
        }
        let Some(named) = self.accept else {
            return Err(SyncFailure::Rewritten { rewrites }.into());
        };
        let object = format!("{named}^{{commit}}");
        let hash = self
            .git
            .attempt(["rev-parse", "--verify", "--quiet", &object])?
            .map_err(|_| SyncFailure::UnknownCommit {
                named: named.to_string(),
            })?;
        if rewrites.iter().any(|r| r.commit.hash != hash) {
            return Err(SyncFailure::Rewritten { rewrites }.into());
        }
        Ok(Some(RewriteAccepted {
            commit: hash,
            author: rewrites[0].commit.author.clone(),
            lines: rewrites
                .into_iter()
                .map(|r| RewrittenLine {
                    file: r.file,
                    line: r.line,
                })
                .collect(),
        }))
    }

    /// Records who let which rewrite in.
    fn record_acceptance(&self, accepted: &RewriteAccepted, synced: &mut Synced) -> Result<()> {
        let event = Event::RewriteAccepted(accepted.clone());
        write::write(self.env, self.site, self.env.now, event)?;
        synced
            .edited_elsewhere
            .extend(accepted.lines.iter().map(|l| l.file.clone()));
        synced.accepted = Some(accepted.clone());
        Ok(())
    }
}

/// The commit a revision range `A..B` ends at.
fn history_tip(history: &str) -> &str {
    history.rsplit("..").next().unwrap_or(history)
}

/// What a history received brings, checked.
#[derive(Debug, Default)]
struct Received {
    /// Lines of records it adds.
    lines: u64,
    /// Lines already here that it changes or removes.
    rewrites: Vec<Rewrite>,
    /// What it changes in the contract.
    contract: Option<ContractReceived>,
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::process::Command;

    use super::*;
    use crate::app::testing::{CONTRACT, environment, site};

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
        let env = Environment {
            engineer: Some("li.lei".to_string()),
            ..environment(dir.path())
        };
        let outcome = sync(&env, &site, None, || {
            panic!("no other sync holds the clone")
        })
        .unwrap();
        assert!(outcome.stopped.is_none());
        let synced = outcome.synced;
        assert_eq!(
            (synced.committed, synced.remote, synced.pushed),
            (2, None, false)
        );
        assert_eq!(synced.changed_here, ["ledger/2025-03/wang.jsonl"]);
    }
}
