//! The system `git`, run on the repository that holds a ledger: the one place otss starts
//! another program. Each function is one git command; what to make of its answer is decided
//! in `sync`, except what every command may meet: a repository busy with another git command,
//! and a failure that says nothing.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Why git could not do what it was asked.
#[derive(Debug)]
pub enum GitError {
    /// git cannot be run.
    Missing(std::io::Error),
    /// A command that failed, as it was given, and what it said.
    Failed { command: String, said: Said },
    /// Another git command holds this lock in the repository.
    Busy { lock: PathBuf },
}

/// What a failed git command said: its message, or only how it ended when it wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    Message(String),
    /// Its exit status, or `None` when a signal ended it.
    Nothing {
        status: Option<i32>,
    },
}

impl Said {
    /// Standard error, else standard output (some commands report there), else the status.
    fn from_output(output: &Output) -> Said {
        [&output.stderr, &output.stdout]
            .into_iter()
            .map(|bytes| String::from_utf8_lossy(bytes).trim().to_string())
            .find(|text| !text.is_empty())
            .map_or(
                Said::Nothing {
                    status: output.status.code(),
                },
                Said::Message,
            )
    }

    /// The message, empty when there was none.
    pub fn text(&self) -> &str {
        match self {
            Said::Message(text) => text,
            Said::Nothing { .. } => "",
        }
    }
}

/// The lock file git could not create because it exists: another git command holds it (or
/// one that crashed left it behind). A lock of the remote, reported as `remote: …`, is not
/// this repository's.
pub fn lock_in_the_way(message: &str) -> Option<PathBuf> {
    const BEFORE: &str = "Unable to create '";
    const AFTER: &str = "': File exists";
    message
        .lines()
        .filter(|line| !line.starts_with("remote:"))
        .find_map(|line| {
            let (_, rest) = line.split_once(BEFORE)?;
            let (path, _) = rest.split_once(AFTER)?;
            Some(PathBuf::from(path))
        })
}

/// A commit: its hash and its author (`name <email>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub author: String,
}

/// A git work tree.
pub struct Git {
    dir: PathBuf,
    /// `-c` settings given to every command (an identity where the user has none).
    settings: Vec<String>,
}

impl Git {
    /// The work tree holding `path` (which may not exist yet), if it is in one.
    pub fn find(path: &Path) -> Result<Option<Git>, GitError> {
        let existing = path.ancestors().find(|p| p.is_dir()).unwrap_or(path);
        let output = run_in(existing, &[], ["rev-parse", "--show-toplevel"])?;
        if !output.status.success() {
            return Ok(None);
        }
        let top = String::from_utf8_lossy(&output.stdout).trim().to_string();
        Ok(Some(Git {
            dir: PathBuf::from(top),
            settings: Vec::new(),
        }))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The repository's git directory shared by all its work trees (`.git` of a clone).
    pub fn common_dir(&self) -> Result<PathBuf, GitError> {
        let dir = self.text(["rev-parse", "--git-common-dir"])?;
        // Relative to the work tree, where git ran.
        Ok(self.dir.join(dir))
    }

    /// Commits are made as `name` when git has no identity configured.
    pub fn with_identity_fallback(mut self, name: &str) -> Git {
        for (key, value) in [
            ("user.name", name.to_string()),
            ("user.email", format!("{name}@localhost")),
        ] {
            if self.text(["config", key]).unwrap_or_default().is_empty() {
                self.settings.push(format!("{key}={value}"));
            }
        }
        self
    }

    fn output<I, S>(&self, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        run_in(&self.dir, &self.settings, args)
    }

    /// Runs a command that must succeed; its standard output, trimmed.
    pub fn text<I, S>(&self, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        match self.attempt(args.clone())? {
            Ok(stdout) => Ok(stdout),
            Err(said) => Err(GitError::Failed {
                command: command_line(args),
                said,
            }),
        }
    }

    /// Runs a command that may fail: its standard output, trimmed, or what it said when it
    /// failed. A repository busy with another git command is an error whatever was run.
    pub fn attempt<I, S>(&self, args: I) -> Result<Result<String, Said>, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self
            .attempt_bytes(args)?
            .map(|stdout| String::from_utf8_lossy(&stdout).trim_end().to_string()))
    }

    /// As `attempt`, with the standard output as the bytes git wrote.
    fn attempt_bytes<I, S>(&self, args: I) -> Result<Result<Vec<u8>, Said>, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let output = self.output(args)?;
        if output.status.success() {
            return Ok(Ok(output.stdout));
        }
        let said = Said::from_output(&output);
        match lock_in_the_way(said.text()) {
            Some(lock) => Err(GitError::Busy { lock }),
            None => Ok(Err(said)),
        }
    }

    /// The bytes of `path` as stored in `commit`, or `None` where it has no such file. The
    /// stored bytes themselves: no attribute, filter or conversion applies to them.
    pub fn blob_at(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let object = format!("{commit}:{path}");
        Ok(self.attempt_bytes(["cat-file", "blob", &object])?.ok())
    }

    /// Every file under `dir` in `commit`, by its path in the repository, with its object id:
    /// two versions of a file are the same exactly when their ids are.
    pub fn files_at(&self, commit: &str, dir: &str) -> Result<BTreeMap<String, String>, GitError> {
        let listing = self.text(["ls-tree", "-r", "-z", "--full-tree", commit, "--", dir])?;
        Ok(listing
            .split('\0')
            .filter_map(|entry| {
                let (meta, path) = entry.split_once('\t')?;
                let id = meta.rsplit(' ').next()?;
                Some((path.to_string(), id.to_string()))
            })
            .collect())
    }

    /// The latest commit of `history` (a revision range) that touched `path`, with its author.
    pub fn last_touching(&self, history: &str, path: &str) -> Result<Option<Commit>, GitError> {
        let found = self.text(["log", "-1", "--format=%H%x00%an <%ae>", history, "--", path])?;
        Ok(commit_line(&found))
    }

    /// The commits of `history` that touched `path`, oldest first, with their authors.
    pub fn touching(&self, history: &str, path: &str) -> Result<Vec<Commit>, GitError> {
        let found = self.text([
            "log",
            "--reverse",
            "--topo-order",
            "--format=%H%x00%an <%ae>",
            history,
            "--",
            path,
        ])?;
        Ok(found.lines().filter_map(commit_line).collect())
    }
}

/// A commit as `log --format=%H%x00%an <%ae>` writes it.
fn commit_line(line: &str) -> Option<Commit> {
    let (hash, author) = line.trim().split_once('\0')?;
    Some(Commit {
        hash: hash.to_string(),
        author: author.to_string(),
    })
}

fn run_in<I, S>(dir: &Path, settings: &[String], args: I) -> Result<Output, GitError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new("git");
    command.current_dir(dir);
    for setting in settings {
        command.arg("-c").arg(setting);
    }
    // Answers are read by otss, so they must not depend on the user's language.
    command.env("LC_ALL", "C").env("GIT_TERMINAL_PROMPT", "0");
    command.args(args).output().map_err(GitError::Missing)
}

fn command_line<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let words: Vec<String> = args
        .into_iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn output(code: i32, stdout: &str, stderr: &str) -> Output {
        use std::os::unix::process::ExitStatusExt;
        Output {
            status: std::process::ExitStatus::from_raw(code << 8),
            stdout: stdout.as_bytes().to_vec(),
            stderr: stderr.as_bytes().to_vec(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_failure_always_says_something() {
        let said = |code, stdout, stderr| Said::from_output(&output(code, stdout, stderr));
        assert_eq!(said(1, "out\n", " err\n"), Said::Message("err".to_string()));
        let on_stdout = said(1, "nothing to commit\n", "  \n");
        assert_eq!(on_stdout, Said::Message("nothing to commit".to_string()));
        let silent = said(128, "", "");
        assert_eq!(silent, Said::Nothing { status: Some(128) });
        assert_eq!(silent.text(), "");
    }

    #[test]
    fn a_lock_file_in_the_way_is_named() {
        let index = "fatal: Unable to create '/site/.git/index.lock': File exists.\n\n\
                     Another git process seems to be running in this repository, e.g.";
        assert_eq!(
            lock_in_the_way(index),
            Some(PathBuf::from("/site/.git/index.lock"))
        );
        let reference = "error: cannot lock ref 'refs/remotes/origin/main': Unable to create \
                         '/site/.git/refs/remotes/origin/main.lock': File exists.";
        assert_eq!(
            lock_in_the_way(reference),
            Some(PathBuf::from("/site/.git/refs/remotes/origin/main.lock"))
        );
        let remote = "remote: error: cannot lock ref 'refs/heads/main': Unable to create \
                      '/srv/remote.git/refs/heads/main.lock': File exists.";
        assert_eq!(lock_in_the_way(remote), None);
        assert_eq!(lock_in_the_way("fatal: not a git repository"), None);
    }
}
