//! The edge of the program: the environment, the clock and the files a command needs, read
//! once and handed to the pure domain code.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::env;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use chrono::{DateTime, NaiveDate, Utc};
use ulid::Ulid;

use super::Cli;
use crate::calendar::{Calendar, Schedule};
use crate::contract::{Contract, ContractError, MAX_CONTRACT_BYTES};
use crate::incident::{Incident, check_time};
use crate::lang::Lang;
use crate::ledger::index::Source as _;
use crate::ledger::index::{ClosedIncidents, Index, checksum};
use crate::ledger::lines::Text;
use crate::ledger::{self, LedgerError, LineProblem};
use crate::output::{ColorChoice, Output};
use crate::period::Period;
use crate::record::{Event, Record};
use crate::store::{self, ContractSearch, LedgerDir, StoreError};
use crate::time::whole_seconds;
use crate::time::{local_date, parse_instant};

/// Which incidents a command needs.
pub enum Wanted<'a> {
    Open,
    All,
    /// Those whose id starts with what was typed.
    Id(&'a str),
    /// Those that bear on a period, from one instant to another.
    Between(DateTime<Utc>, DateTime<Utc>),
}

/// A contract with the calendar it runs on and its ledger.
pub struct Site {
    pub path: PathBuf,
    pub contract: Contract,
    pub calendar: Calendar,
    /// The ledger directory: `--ledger`, `OTSS_LEDGER`, else the contract's `ledger` key
    /// relative to the contract file.
    pub ledger: PathBuf,
}

pub struct Context {
    /// "Now" for every command: `OTSS_NOW`, or the system clock.
    pub now: DateTime<Utc>,
    contract_flag: Option<PathBuf>,
    contract_env: Option<PathBuf>,
    ledger: Option<PathBuf>,
    engineer: Option<String>,
    working_dir: PathBuf,
    config_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    cache_dir: Option<PathBuf>,
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

/// A new record id: a ULID of the moment it is written, by this machine's clock, with 80
/// random bits. Its time part says when the record was written (`at` says when the thing
/// happened), so records written one after another keep their order.
pub fn new_record_id() -> String {
    Ulid::generate().to_string()
}

impl Wanted<'_> {
    /// The ids of the incidents wanted, from an index that holds them.
    fn ids<'i>(&self, index: &'i Index) -> Vec<&'i str> {
        match self {
            Wanted::Open => index.open_ids(),
            Wanted::All => index.ids(),
            Wanted::Between(from, to) => index.ids_between(from.timestamp(), to.timestamp()),
            Wanted::Id(typed) => {
                let typed = typed.trim().to_uppercase();
                index
                    .ids()
                    .into_iter()
                    .filter(|id| id.starts_with(&typed))
                    .collect()
            }
        }
    }
}

/// Warns on standard error of a line of the ledger that is not a record.
fn warn_line(site: &Site, problem: &LineProblem, out: &mut Output) -> io::Result<()> {
    let path = site.ledger.join(&problem.file);
    let what = out.messages().line_fault(&problem.fault);
    out.warn(format!("{}:{}: {what}", path.display(), problem.line))
}

/// Warns on standard error of each entry of the ledger passed over: links and special files.
fn warn_refused(site: &Site, ledger: &LedgerDir, out: &mut Output) -> io::Result<()> {
    for refused in ledger.refused() {
        let path = site.ledger.join(&refused.name);
        let what = out.messages().refused_entry(refused.fault);
        out.warn(format!("{}: {what}", path.display()))?;
    }
    Ok(())
}

/// Loads the closed part stored beside the index at `path`.
fn closed_loader(path: Option<&Path>) -> impl FnMut(u64) -> Option<ClosedIncidents> + '_ {
    move |checksum| store::read_closed_incidents(path?, checksum)
}

/// The directory a contract's relative paths start from.
fn contract_dir(contract: &Path) -> &Path {
    contract.parent().unwrap_or(Path::new("."))
}

/// The `language` a contract's text asks for, read on its own.
fn language_key(text: &str) -> Option<Lang> {
    let table: toml::Table = toml::from_str(text).ok()?;
    Lang::from_key(table.get("language")?.as_str()?)
}

/// `OTSS_LANG`, when it is set.
fn lang_from_env() -> anyhow::Result<Option<Lang>> {
    let Some(value) = non_empty_var("OTSS_LANG") else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match Lang::from_key(text.trim()) {
        Some(lang) => Ok(Some(lang)),
        None => bail!("OTSS_LANG=`{text}` is not a language otss speaks: use zh or en"),
    }
}

fn non_empty_var(name: &str) -> Option<std::ffi::OsString> {
    env::var_os(name).filter(|v| !v.is_empty())
}

impl Context {
    pub fn from_env(cli: &Cli) -> anyhow::Result<Context> {
        let now = match env::var("OTSS_NOW") {
            Ok(text) => DateTime::parse_from_rfc3339(text.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    anyhow!(
                        "OTSS_NOW=`{text}` is not an RFC 3339 time \
                         (such as 2025-03-01T09:30:00+08:00)"
                    )
                })?,
            Err(_) => Utc::now(),
        };
        let now = whole_seconds(now);
        Ok(Context {
            now,
            contract_flag: cli.contract.clone(),
            contract_env: non_empty_var("OTSS_CONTRACT").map(PathBuf::from),
            ledger: cli.ledger.clone(),
            engineer: ["OTSS_ENGINEER", "USER", "USERNAME", "LOGNAME"]
                .into_iter()
                .find_map(|name| env::var(name).ok().filter(|v| !v.trim().is_empty())),
            working_dir: env::current_dir().context("cannot read the working directory")?,
            config_dir: user_dir("XDG_CONFIG_HOME", |p| p.config_dir()),
            data_dir: user_dir("XDG_DATA_HOME", |p| p.data_dir()),
            cache_dir: user_dir("XDG_CACHE_HOME", |p| p.cache_dir()),
            lang: match cli.lang {
                Some(lang) => Some(lang),
                None => lang_from_env()?,
            },
            color: cli.color,
            no_color: non_empty_var("NO_COLOR").is_some(),
            contract_lang: Cell::new(None),
        })
    }

    /// Whether a person is at a terminal to answer prompts: standard input and standard error
    /// (where prompts are drawn) are both terminals.
    pub fn interactive(&self) -> bool {
        io::stdin().is_terminal() && io::stderr().is_terminal()
    }

    /// Human and JSON output in the language chosen by `--lang`/`OTSS_LANG`, else the
    /// contract's, else Chinese.
    pub fn output(&self, contract_lang: Option<Lang>) -> Output {
        let lang = self.lang.or(contract_lang).unwrap_or(self.lang_spoken());
        let color = self
            .color
            .enabled(self.no_color, io::stdout().is_terminal());
        Output::new(lang, color, Box::new(io::stdout()), Box::new(io::stderr()))
    }

    /// The language asked for by `--lang` or `OTSS_LANG`.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// The language to speak to the person in: `--lang`/`OTSS_LANG`, else the contract's once
    /// it is read, else Chinese.
    pub fn lang_spoken(&self) -> Lang {
        self.lang.or(self.contract_lang.get()).unwrap_or(Lang::Zh)
    }

    /// The contract named by `--contract`.
    pub fn contract_flag(&self) -> Option<&Path> {
        self.contract_flag.as_deref()
    }

    /// The ledger named by `--ledger` or `OTSS_LEDGER`.
    pub fn named_ledger(&self) -> Option<&Path> {
        self.ledger.as_deref()
    }

    /// The contract file in use, if any; a named one that is missing is an error.
    pub fn contract_path(&self) -> anyhow::Result<Option<PathBuf>> {
        Ok(store::find_contract(&self.search())?)
    }

    /// The user configuration directory: `$XDG_CONFIG_HOME/otss`, else the platform's.
    pub fn config_dir(&self) -> Option<&Path> {
        self.config_dir.as_deref()
    }

    /// The user cache directory: `$XDG_CACHE_HOME/otss`, else the platform's.
    pub fn cache_dir(&self) -> Option<&Path> {
        self.cache_dir.as_deref()
    }

    /// Where `otss init` writes: `--contract`, else `OTSS_CONTRACT`, else `./otss.toml`.
    pub fn new_contract_path(&self) -> PathBuf {
        let named = self.contract_flag.as_ref().or(self.contract_env.as_ref());
        named.map_or_else(
            || self.working_dir.join(store::CONTRACT_FILE),
            |path| self.working_dir.join(path),
        )
    }

    fn search(&self) -> ContractSearch<'_> {
        ContractSearch {
            flag: self.contract_flag.as_deref(),
            env: self.contract_env.as_deref(),
            working_dir: &self.working_dir,
            config_dir: self.config_dir.as_deref(),
        }
    }

    /// The contract, which the command needs.
    pub fn site(&self) -> anyhow::Result<Site> {
        self.optional_site()?.ok_or_else(|| {
            StoreError::NoContract {
                looked: store::default_contract_paths(&self.search()),
            }
            .into()
        })
    }

    /// The contract if there is one; a named contract that is missing or broken is an error.
    pub fn optional_site(&self) -> anyhow::Result<Option<Site>> {
        let Some(path) = store::find_contract(&self.search())? else {
            return Ok(None);
        };
        let origin = path.display().to_string();
        let text = store::read_text(&path, MAX_CONTRACT_BYTES).map_err(|error| match error {
            StoreError::TooLarge { size, .. } => ContractError::TooLarge {
                origin: origin.clone(),
                size,
            }
            .into(),
            error => anyhow::Error::from(error),
        })?;
        let contract = Contract::parse(&text, &origin).inspect_err(|_| {
            // A contract with problems is still explained in the language it asks for.
            self.contract_lang.set(language_key(&text));
        })?;
        self.contract_lang.set(Some(contract.language));
        let calendar = self.calendar(Some((&contract, &path)))?;
        let ledger = match &self.ledger {
            Some(dir) => dir.clone(),
            None => contract_dir(&path).join(&contract.ledger),
        };
        Ok(Some(Site {
            path,
            contract,
            calendar,
            ledger,
        }))
    }

    /// The calendar: built in, plus the user's imported schedules, plus a contract's
    /// schedules and corrections.
    pub fn calendar(&self, contract: Option<(&Contract, &Path)>) -> anyhow::Result<Calendar> {
        let mut schedules: Vec<Schedule> = match self.schedules_dir() {
            Some(dir) => store::imported_schedules(&dir)?,
            None => Vec::new(),
        };
        let Some((contract, path)) = contract else {
            return Ok(Calendar::new(&schedules, &Default::default()));
        };
        for file in &contract.calendar.schedules {
            schedules.push(store::read_schedule(&contract_dir(path).join(file))?);
        }
        Ok(Calendar::new(&schedules, &contract.calendar.overrides))
    }

    /// When something being recorded happened: `--at` in the contract's zone, else now; never
    /// more than a minute after now.
    pub fn at(&self, site: &Site, at: Option<&str>) -> anyhow::Result<DateTime<Utc>> {
        let zone = site.contract.timezone;
        let at = match at {
            Some(text) => parse_instant(text, zone).context("--at")?,
            None => self.now,
        };
        check_time(at, self.now, zone)?;
        Ok(at)
    }

    /// When something routine being recorded happened (`at`), which must fall in the term.
    pub fn at_in_term(&self, site: &Site, at: Option<&str>) -> anyhow::Result<DateTime<Utc>> {
        let at = self.at(site, at)?;
        site.contract
            .check_in_term(local_date(at, site.contract.timezone))?;
        Ok(at)
    }

    /// The period typed, or this month.
    pub fn period(&self, site: &Site, text: Option<&str>) -> anyhow::Result<Period> {
        let today = local_date(self.now, site.contract.timezone);
        Ok(match text {
            Some(text) => Period::parse(text, today)?,
            None => Period::month_of(today),
        })
    }

    /// Who is writing: `OTSS_ENGINEER`, else the operating system's user name.
    pub fn engineer(&self) -> anyhow::Result<&str> {
        let engineer = self
            .engineer
            .as_deref()
            .map(str::trim)
            .context("who is recording? set OTSS_ENGINEER to your name")?;
        ledger::check_engineer(engineer)?;
        Ok(engineer)
    }

    /// The incident index of the site's ledger, brought up to date with its files and
    /// stored again when it changed. Lines that are not records are reported on standard
    /// error as `file:line: reason`.
    pub fn incident_index(
        &self,
        site: &Site,
        out: &mut Output,
        fresh: bool,
    ) -> anyhow::Result<Index> {
        let path = self.index_path(site);
        let previous = path
            .as_deref()
            .and_then(store::read_index)
            .filter(|_| !fresh);
        let mut closed = closed_loader(path.as_deref());
        let ledger = LedgerDir::new(&site.ledger);
        let (index, changed) = Index::refresh(previous, &ledger, &mut closed)?;
        if changed && let Some(path) = &path {
            // The index is a cache: if it cannot be stored, the next run reads more, no more.
            let _ = store::write_index(path, &index);
        }
        warn_refused(site, &ledger, out)?;
        for problem in index.problems() {
            warn_line(site, problem, out)?;
        }
        Ok(index)
    }

    /// The incident index with every incident in it, closed ones too.
    pub fn complete_incident_index(&self, site: &Site, out: &mut Output) -> anyhow::Result<Index> {
        let mut index = self.incident_index(site, out, false)?;
        if index.load_closed(&mut closed_loader(self.index_path(site).as_deref())) {
            return Ok(index);
        }
        self.incident_index(site, out, true)
    }

    /// Every record of the months `period` touches, or of the whole ledger. Lines that are
    /// not records are reported on standard error as `file:line: reason`.
    pub fn records(
        &self,
        site: &Site,
        out: &mut Output,
        period: Option<&Period>,
    ) -> anyhow::Result<Vec<Record>> {
        self.records_of_months(site, out, period.map(|p| p.months()).as_deref())
    }

    /// The records of the months `period` touches of the given types (see
    /// `ledger::types`): the lines of other types are not even parsed.
    pub fn records_of_types(
        &self,
        site: &Site,
        out: &mut Output,
        period: &Period,
        types: &[&str],
    ) -> anyhow::Result<Vec<Record>> {
        let wanted = |line: &[u8]| ledger::written_type(line).is_none_or(|t| types.contains(&t));
        self.records_where(site, out, Some(&period.months()), wanted)
    }

    /// Every record of the months (each given by its first day), or of the whole ledger.
    pub fn records_of_months(
        &self,
        site: &Site,
        out: &mut Output,
        months: Option<&[NaiveDate]>,
    ) -> anyhow::Result<Vec<Record>> {
        self.records_where(site, out, months, |_| true)
    }

    /// The records of the months (or of the whole ledger) on the lines `read` picks by their
    /// bytes: lines passed over are not parsed at all. Lines that are not records are
    /// reported on standard error as `file:line: reason`.
    pub fn records_where(
        &self,
        site: &Site,
        out: &mut Output,
        months: Option<&[NaiveDate]>,
        read: impl Fn(&[u8]) -> bool,
    ) -> anyhow::Result<Vec<Record>> {
        let ledger = LedgerDir::new(&site.ledger);
        let months: Option<Vec<String>> = months.map(|months| {
            months
                .iter()
                .map(|m| m.format("%Y-%m").to_string())
                .collect()
        });
        let mut records = Vec::new();
        for file in ledger.files()? {
            let partition = file.name.split('/').next().unwrap_or_default();
            if months
                .as_ref()
                .is_some_and(|months| !months.iter().any(|m| m == partition))
            {
                continue;
            }
            let mut lines = ledger.lines(&file.name)?;
            let failed = |e| ledger.read_failed(&file.name, e);
            while let Some(raw) = lines.next_line().map_err(failed)? {
                if matches!(raw.text, Text::Bytes(bytes) if !read(bytes)) {
                    continue;
                }
                let line = ledger::read_line(&file.name, &raw)?;
                if let Some(problem) = line.problem(&file.name) {
                    warn_line(site, &problem, out)?;
                }
                records.extend(line.record);
            }
        }
        warn_refused(site, &ledger, out)?;
        Ok(records)
    }

    /// The records of the incidents `wanted` picks, through the index (rebuilt once if the
    /// files no longer match it).
    pub fn incident_records(
        &self,
        site: &Site,
        out: &mut Output,
        wanted: Wanted,
    ) -> anyhow::Result<Vec<Record>> {
        Ok(self.indexed_incident_records(site, out, wanted)?.0)
    }

    /// The records of the incidents `wanted` picks, and the index they were found through.
    pub fn indexed_incident_records(
        &self,
        site: &Site,
        out: &mut Output,
        wanted: Wanted,
    ) -> anyhow::Result<(Vec<Record>, Index)> {
        for fresh in [false, true] {
            let index = self.index_for(site, out, &wanted, fresh)?;
            let ids = wanted.ids(&index);
            if let Some(records) = index.records(&ids, &LedgerDir::new(&site.ledger))? {
                return Ok((records, index));
            }
        }
        Err(LedgerError::Unsettled.into())
    }

    /// The index that holds the incidents `wanted`: the daily part for the open ones, else
    /// every incident; rebuilt from the files when `fresh`.
    fn index_for(
        &self,
        site: &Site,
        out: &mut Output,
        wanted: &Wanted,
        fresh: bool,
    ) -> anyhow::Result<Index> {
        match (wanted, fresh) {
            (Wanted::Open, _) | (_, true) => self.incident_index(site, out, fresh),
            (_, false) => self.complete_incident_index(site, out),
        }
    }

    /// What `digest` makes of each incident `wanted` picks, in no particular order. Each
    /// incident is folded as soon as its records are read, so that only the digests, not every
    /// record, are held at once.
    pub fn incidents<T>(
        &self,
        site: &Site,
        out: &mut Output,
        wanted: Wanted,
        digest: impl Fn(&Incident) -> T,
    ) -> anyhow::Result<Vec<T>> {
        for fresh in [false, true] {
            let mut index = self.index_for(site, out, &wanted, fresh)?;
            let wanted_ids: BTreeSet<String> =
                wanted.ids(&index).into_iter().map(str::to_string).collect();
            index.retain(&wanted_ids);
            let ids: Vec<&str> = wanted_ids.iter().map(String::as_str).collect();
            if let Some(incidents) =
                index.fold_each(&ids, &LedgerDir::new(&site.ledger), &digest)?
            {
                return Ok(incidents);
            }
        }
        Err(LedgerError::Unsettled.into())
    }

    /// Where the index of a ledger is kept: the user's cache directory, never the ledger.
    fn index_path(&self, site: &Site) -> Option<PathBuf> {
        let ledger = std::path::absolute(&site.ledger).ok()?;
        let name = format!(
            "{:016x}.index",
            checksum(ledger.as_os_str().as_encoded_bytes())
        );
        Some(self.cache_dir.as_ref()?.join("index").join(name))
    }

    /// Writes a new record of `event` at `at` by this engineer, and returns it.
    pub fn append(
        &self,
        site: &Site,
        record_id: String,
        at: DateTime<Utc>,
        event: Event,
    ) -> anyhow::Result<Record> {
        let zone = site.contract.timezone;
        let record = Record::new(record_id, at, zone, self.engineer()?, event);
        let stem = ledger::file_stem(&record.by);
        let line = record.to_line()?;
        store::append_record(&site.ledger, &ledger::partition(at, zone), &stem, &line)?;
        Ok(record)
    }

    /// Where imported holiday schedules are kept.
    pub fn schedules_dir(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|dir| dir.join("calendar"))
    }
}
