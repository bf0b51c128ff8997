//! End-to-end tests: the real binary, run in a temporary directory with a fixed clock.

mod alert;
mod calendar;
mod capacity;
mod chain;
mod city;
mod clocks;
mod completion;
mod contract;
mod conventions;
mod correction;
mod defences;
mod duckdb;
mod duplicate;
mod export;
mod feedback;
mod first_run;
mod followup;
mod hostile;
mod incident;
mod input;
mod leave;
mod ledger;
mod merge;
mod pinned;
mod portfolio;
mod ranking;
mod readme;
mod reliability;
mod report;
mod roster;
mod routine;
mod routine_rules;
mod scale;
mod screen;
mod search;
mod sla;
mod sync;
mod width;
mod words;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A 5x8 contract in Shenzhen with two engineers, as in the worked examples of docs/rules.md §2.7.
pub const SHENZHEN_5X8: &str = r#"
customer = "Example Securities Co."
mode = "5x8"
start = 2024-01-02
end = 2026-12-31
city = "Shenzhen"
staff = 2
language = "en"
"#;

/// "Now" for every command unless a test says otherwise: a Tuesday morning in service hours.
pub const NOW: &str = "2025-03-04T10:00:00+08:00";

/// A working directory with its own configuration and data directories, and a fixed "now".
pub struct Sandbox {
    dir: TempDir,
    /// `OTSS_LANG` for every command, when the test asks a language.
    lang: Option<&'static str>,
}

impl Default for Sandbox {
    fn default() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            lang: None,
        }
    }
}

impl Sandbox {
    /// A sandbox without a contract whose commands are asked for English (`OTSS_LANG=en`):
    /// without a contract, otss speaks Chinese.
    pub fn english() -> Sandbox {
        Sandbox {
            lang: Some("en"),
            ..Sandbox::default()
        }
    }

    /// A sandbox with `./otss.toml` holding `contract`.
    pub fn with_contract(contract: &str) -> Sandbox {
        let sandbox = Sandbox::default();
        sandbox.write("otss.toml", contract);
        sandbox
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    pub fn data_dir(&self) -> PathBuf {
        self.path().join("data")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.path().join("config")
    }

    /// `otss` with a clean environment: only the sandbox's directories and a fixed clock.
    pub fn otss(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The same, as a plain process, for tests that wire its standard streams themselves.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("otss"));
        cmd.current_dir(self.path())
            .env_clear()
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("XDG_DATA_HOME", self.data_dir())
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("OTSS_NOW", NOW)
            .env("OTSS_ENGINEER", "li.lei");
        if let Some(lang) = self.lang {
            cmd.env("OTSS_LANG", lang);
        }
        cmd
    }

    /// Runs `otss ARGS` in a pseudo-terminal, answering prompts: (prompt, keys) pairs. Returns
    /// whether it succeeded, and everything it wrote to the terminal.
    pub fn at_terminal(&self, answers: &[(&str, &str)], args: &[&str]) -> (bool, String) {
        let output = self.in_terminal(&[], answers, args);
        let said = String::from_utf8_lossy(&output.stdout).into_owned();
        (output.status.success(), said)
    }

    /// The same, with more environment variables, and the exit status.
    pub fn in_terminal(
        &self,
        env: &[(&str, &str)],
        answers: &[(&str, &str)],
        args: &[&str],
    ) -> std::process::Output {
        let otss = self.process();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/terminal.py");
        let mut cmd = std::process::Command::new("python3");
        cmd.arg(script);
        for (prompt, keys) in answers {
            cmd.args([prompt, keys]);
        }
        cmd.arg("--")
            .arg(otss.get_program())
            .args(args)
            .current_dir(self.path())
            .env_clear()
            .envs(
                otss.get_envs()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
            )
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "xterm")
            .envs(env.iter().copied())
            .output()
            .unwrap()
    }

    /// Runs `otss ARGS` with "now" at `now`.
    pub fn run_at(&self, now: &str, args: &[&str]) -> std::process::Output {
        self.otss()
            .env("OTSS_NOW", now)
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs `otss ARGS` with "now" at `now`, expects success, and returns its standard output.
    pub fn stdout_at(&self, now: &str, args: &[&str]) -> String {
        let output = self.run_at(now, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    }

    /// The same, with more environment variables.
    pub fn stdout_with(&self, env: &[(&str, &str)], now: &str, args: &[&str]) -> String {
        let output = self
            .otss()
            .env("OTSS_NOW", now)
            .envs(env.iter().copied())
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    }

    /// Runs `otss ARGS` with "now" at `now`, expects success, and returns its JSON.
    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.stdout_at(now, args)).unwrap()
    }

    /// Runs `otss ARGS` with "now" at `now`, expects exit status `code`, returns standard error.
    pub fn fails_at(&self, now: &str, args: &[&str], code: i32) -> String {
        let output = self.run_at(now, args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {err}");
        err
    }

    /// The text of every ledger file, by path relative to the ledger.
    pub fn ledger_files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let root = self.path().join("ledger");
        for month in fs::read_dir(&root).unwrap() {
            for file in fs::read_dir(month.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                files.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
        files.sort();
        files
    }

    /// Runs `otss ARGS`, expects success, and returns its JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_at(NOW, args)
    }

    /// Runs `otss ARGS`, expects success, and returns its standard output.
    pub fn stdout(&self, args: &[&str]) -> String {
        self.stdout_at(NOW, args)
    }

    /// Runs `otss ARGS`, expects exit status `code`, and returns standard error.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        self.fails_at(NOW, args, code)
    }
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
