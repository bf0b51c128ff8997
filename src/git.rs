//! The system `git`, run on the repository that holds a ledger: the one place otss starts
//! another program. Each function is one git command; what to make of its answer is decided
//! in `sync`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git (is it installed?)")]
    Missing(#[source] std::io::Error),
    #[error("`git {command}` failed: {message}")]
    Failed { command: String, message: String },
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
        let output = self.output(args.clone())?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout)
                .trim_end()
                .to_string())
        } else {
            Err(failure(args, &output))
        }
    }

    /// Runs a command that may fail; whether it succeeded, and its messages.
    pub fn attempt<I, S>(&self, args: I) -> Result<(bool, String), GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let output = self.output(args)?;
        let mut message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        if message.is_empty() {
            message = String::from_utf8_lossy(&output.stdout).trim().to_string();
        }
        Ok((output.status.success(), message))
    }
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

fn failure<I, S>(args: I, output: &Output) -> GitError
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let command: Vec<String> = args
        .into_iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    GitError::Failed {
        command: command.join(" "),
        message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
    }
}
