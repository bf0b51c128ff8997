//! The edge of the program: the environment and the clock, read once into the application
//! layer's `Environment`, and how otss speaks to the person running it (language, colour,
//! terminal).

use std::cell::Cell;
use std::env;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Cli, ColorChoice};
use crate::app::{self, Environment, Error, Ledger, Result, Site, SiteError, Warning};
use crate::contract::DEFAULT_LANGUAGE;
use crate::lang::Lang;
use crate::output::{self, Output};
use crate::time::whole_seconds;

pub struct Context {
    /// What the command knows of the world: the clock, who writes, where things are.
    pub env: Environment,
    lang: Option<Lang>,
    color: ColorChoice,
    no_color: bool,
    /// The language of the contract read, once one is.
    contract_lang: Cell<Option<Lang>>,
}

/// `$XDG_…_HOME/otss` when set (on every platform), else the platform's own directory.
fn user_dir(
    xdg_var: &str,
    platform: impl Fn(&directories::ProjectDirs) -> &Path,
) -> Option<PathBuf> {
    match env::var_os(xdg_var).map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => Some(dir.join("otss")),
        _ => directories::ProjectDirs::from("", "", "otss").map(|p| platform(&p).to_path_buf()),
    }
}

/// `OTSS_LANG`, when it is set: `zh` or `en` in any case, or a locale such as `zh_CN.UTF-8`.
fn lang_from_env() -> Result<Option<Lang>> {
    let Some(value) = non_empty_var("OTSS_LANG") else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match Lang::from_locale(&text) {
        Some(lang) => Ok(Some(lang)),
        None => Err(Error::LangVariable(text.into_owned())),
    }
}

fn non_empty_var(name: &str) -> Option<OsString> {
    env::var_os(name).filter(|v| !v.is_empty())
}

/// "Now": `OTSS_NOW`, or the system clock, in whole seconds.
fn now_from_env() -> Result<DateTime<Utc>> {
    let now = match env::var("OTSS_NOW") {
        Ok(text) => DateTime::parse_from_rfc3339(text.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| Error::NowVariable(text))?,
        Err(_) => Utc::now(),
    };
    Ok(whole_seconds(now))
}

/// The environment of a command naming `contract` and `ledger` (`--contract`, `--ledger`).
fn environment(contract: Option<PathBuf>, ledger: Option<PathBuf>) -> Result<Environment> {
    Ok(Environment {
        now: now_from_env()?,
        contract_flag: contract,
        contract_env: non_empty_var("OTSS_CONTRACT").map(PathBuf::from),
        ledger,
        engineer: ["OTSS_ENGINEER", "USER", "USERNAME", "LOGNAME"]
            .into_iter()
            .find_map(|name| env::var(name).ok().filter(|v| !v.trim().is_empty())),
        working_dir: env::current_dir().map_err(Error::WorkingDirectory)?,
        config_dir: user_dir("XDG_CONFIG_HOME", |p| p.config_dir()),
        data_dir: user_dir("XDG_DATA_HOME", |p| p.data_dir()),
        cache_dir: user_dir("XDG_CACHE_HOME", |p| p.cache_dir()),
    })
}

/// The language a command line asks for before it is parsed, for help, usage errors and
/// completion: `--lang`, else `OTSS_LANG`, else the language of the contract it names
/// (`--contract`) or finds, else the default (docs/rules.md §9.1), as every command speaks.
pub fn lang_asked(args: &[OsString]) -> Lang {
    let typed = flag_value(args, "--lang").and_then(|key| Lang::from_locale(&key));
    let from_env = || lang_from_env().ok().flatten();
    let contract = flag_value(args, "--contract").map(PathBuf::from);
    let of_contract = || app::contract_language(&environment(contract, None).ok()?);
    typed
        .or_else(from_env)
        .or_else(of_contract)
        .unwrap_or(DEFAULT_LANGUAGE)
}

/// The value of `--NAME VALUE` or `--NAME=VALUE` in a command line not yet parsed.
pub fn flag_value(args: &[OsString], name: &str) -> Option<String> {
    let equals = format!("{name}=");
    let next = |at: usize| args.get(at + 1)?.to_str().map(str::to_string);
    args.iter().enumerate().find_map(|(at, arg)| {
        let arg = arg.to_str()?;
        match arg.strip_prefix(&equals) {
            Some(value) => Some(value.to_string()),
            None if arg == name => next(at),
            None => None,
        }
    })
}

impl Context {
    pub fn from_env(cli: &Cli) -> Result<Context> {
        let env = environment(cli.contract.clone(), cli.ledger.clone())?;
        Ok(Context {
            env,
            lang: match cli.lang {
                Some(lang) => Some(lang),
                None => lang_from_env()?,
            },
            color: cli.color,
            no_color: non_empty_var("NO_COLOR").is_some(),
            contract_lang: Cell::new(None),
        })
    }

    /// Whether a person is at a terminal to answer prompts.
    pub fn interactive(&self) -> bool {
        interactive()
    }

    /// Human and JSON output in the language chosen by `--lang`/`OTSS_LANG`, else the
    /// contract's, else Chinese.
    pub fn output(&self, contract_lang: Option<Lang>) -> Output {
        let lang = self.lang.or(contract_lang).unwrap_or(self.lang_spoken());
        let color = self
            .color
            .enabled(self.no_color, io::stdout().is_terminal());
        let columns = non_empty_var("COLUMNS").and_then(|c| c.into_string().ok());
        let width = output::terminal_width(io::stdout().is_terminal(), columns.as_deref());
        Output::new(lang, color, standard_output(), Box::new(io::stderr())).with_width(width)
    }

    /// The language asked for by `--lang` or `OTSS_LANG`.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// The language to speak to the person in: `--lang`/`OTSS_LANG`, else the contract's once
    /// it is read, else Chinese.
    pub fn lang_spoken(&self) -> Lang {
        self.lang
            .or(self.contract_lang.get())
            .unwrap_or(DEFAULT_LANGUAGE)
    }

    /// The site, which the command needs.
    pub fn site(&self) -> Result<Site> {
        let site = Site::required(&self.env).map_err(|e| self.unusable(e))?;
        self.contract_lang.set(Some(site.contract.language));
        Ok(site)
    }

    /// The site if there is a contract; a named contract that is missing or broken is an
    /// error.
    pub fn optional_site(&self) -> Result<Option<Site>> {
        let site = Site::load(&self.env).map_err(|e| self.unusable(e))?;
        if let Some(site) = &site {
            self.contract_lang.set(Some(site.contract.language));
        }
        Ok(site)
    }

    /// A contract that cannot be used: what is wrong is said in the language its text asks
    /// for, when it says.
    fn unusable(&self, SiteError { error, language }: SiteError) -> Error {
        self.contract_lang.set(language);
        error
    }

    /// Reads the site's ledger as `query` asks, then says on standard error what was passed
    /// over (lines that are not records, links and special files), each once.
    pub fn read<T>(
        &self,
        site: &Site,
        out: &mut Output,
        query: impl FnOnce(&mut Ledger) -> Result<T>,
    ) -> Result<T> {
        self.read_writing(site, out, |ledger, _| query(ledger))
    }

    /// Reads the site's ledger as `query` asks, writing to `out` as it goes, then says what was
    /// passed over as `read` does.
    pub fn read_writing<T>(
        &self,
        site: &Site,
        out: &mut Output,
        query: impl FnOnce(&mut Ledger, &mut Output) -> Result<T>,
    ) -> Result<T> {
        let mut ledger = Ledger::new(site, self.env.cache_dir(), self.env.now);
        let read = query(&mut ledger, out);
        for warning in ledger.warnings() {
            out.warn(said(&warning, out))?;
        }
        read
    }

    /// Reads the site's ledger as `query` asks, without saying what was passed over: for a
    /// write that reads only to look for what it would repeat (docs/rules.md §10.3), whose
    /// own trouble with the ledger is the write's to say.
    pub fn read_quietly<T>(
        &self,
        site: &Site,
        query: impl FnOnce(&mut Ledger) -> Result<T>,
    ) -> Result<T> {
        query(&mut Ledger::new(site, self.env.cache_dir(), self.env.now))
    }

    /// Writes a new record of `event` at `at` by this engineer, and returns it.
    pub fn append(
        &self,
        site: &Site,
        record_id: String,
        at: DateTime<Utc>,
        event: crate::record::Event,
    ) -> Result<crate::record::Record> {
        crate::app::append(&self.env, site, record_id, at, event)
    }
}

/// What a warning says: the place, then what is wrong there.
fn said(warning: &Warning, out: &Output) -> String {
    let m = out.messages();
    match warning {
        Warning::Line { ledger, problem } => format!(
            "{}:{}: {}",
            ledger.join(&problem.file).display(),
            problem.line,
            m.line_fault(&problem.fault)
        ),
        Warning::Untold { ledger, file, more } => {
            format!("{}: {}", ledger.join(file).display(), m.untold_lines(*more))
        }
        Warning::Refused { ledger, refused } => format!(
            "{}: {}",
            ledger.join(&refused.name).display(),
            m.refused_entry(refused.fault)
        ),
        Warning::Doubted {
            ledger,
            record,
            record_type,
            doubt,
        } => format!(
            "{}: {}",
            ledger.display(),
            m.doubted_record(record, record_type, doubt)
        ),
    }
}

/// Whether a person is at a terminal to answer prompts: standard input and standard error
/// (where prompts are drawn) are both terminals.
/// Standard output: written a line at a time when a person may be reading it as it comes
/// (at a terminal, or between prompts), else in large blocks, as for a script or a pipe.
fn standard_output() -> Box<dyn Write> {
    if io::stdout().is_terminal() || interactive() {
        return Box::new(io::stdout());
    }
    Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout()))
}

pub fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}
