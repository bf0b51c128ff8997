//! The environment a command runs in, read once at the edge: the clock, who is writing, and
//! where the contract, the ledger and the user's files are.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use ulid::Ulid;

use super::site::Site;
use super::{Error, Input, Result};
use crate::incident::check_time;
use crate::ledger;
use crate::period::Period;
use crate::record::entry::FUTURE_MARGIN;
use crate::store::{self, ContractSearch};
use crate::time::grammar::{
    AmountError, Clock, Looking, Unit, read_amount, read_day_looking, read_time, read_time_looking,
    read_time_on,
};
use crate::time::{local_date, rfc3339};

/// What a command knows of the world outside it.
#[derive(Debug, Clone)]
pub struct Environment {
    /// "Now" for every command: `OTSS_NOW`, or the system clock, in whole seconds.
    pub now: DateTime<Utc>,
    /// `--contract PATH`.
    pub contract_flag: Option<PathBuf>,
    /// `OTSS_CONTRACT`.
    pub contract_env: Option<PathBuf>,
    /// `--ledger` or `OTSS_LEDGER`.
    pub ledger: Option<PathBuf>,
    /// `OTSS_ENGINEER`, else the operating system's user name.
    pub engineer: Option<String>,
    pub working_dir: PathBuf,
    /// The user's configuration, data and cache directories for otss.
    pub config_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub cache_dir: Option<PathBuf>,
}

/// A new record id: a ULID whose time part is `now`, the command's clock (`OTSS_NOW` when set,
/// docs/rules.md §10.5), so that it says when the record was entered (`at` says when the thing
/// happened). Its 80 other bits are the machine clock in nanoseconds and 16 random bits, so
/// that records written one after another at the same "now" keep their order and two
/// engineers writing at once still get different ids.
pub fn new_record_id(now: DateTime<Utc>) -> String {
    let written = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let random = Ulid::generate().random() & 0xFFFF;
    let entered = u64::try_from(now.timestamp_millis()).unwrap_or_default();
    let bits = ((written << 16) | random) & ((1u128 << 80) - 1);
    Ulid::from_parts(entered, bits).to_string()
}

impl Environment {
    /// Where a contract is looked for (docs/rules.md §9.1).
    pub fn contract_search(&self) -> ContractSearch<'_> {
        ContractSearch {
            flag: self.contract_flag.as_deref(),
            env: self.contract_env.as_deref(),
            working_dir: &self.working_dir,
            config_dir: self.config_dir.as_deref(),
        }
    }

    /// The contract file in use, if any; a named one that is missing is an error.
    pub fn contract_path(&self) -> Result<Option<PathBuf>> {
        Ok(store::find_contract(&self.contract_search())?)
    }

    /// Where `otss init` writes: `--contract`, else `OTSS_CONTRACT`, else `./otss.toml`.
    pub fn new_contract_path(&self) -> PathBuf {
        let named = self.contract_flag.as_ref().or(self.contract_env.as_ref());
        named.map_or_else(
            || self.working_dir.join(store::CONTRACT_FILE),
            |path| self.working_dir.join(path),
        )
    }

    /// The site the working directory already belongs to, when no contract is named: the
    /// contract found above it, or the ledger it is in. No new contract belongs there.
    pub fn site_around(&self) -> Option<PathBuf> {
        if self.contract_flag.is_some() || self.contract_env.is_some() {
            return None;
        }
        store::contract_above(&self.working_dir).or_else(|| store::ledger_around(&self.working_dir))
    }

    /// Where imported holiday schedules are kept.
    pub fn schedules_dir(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|dir| dir.join("calendar"))
    }

    /// The user cache directory.
    pub fn cache_dir(&self) -> Option<&Path> {
        self.cache_dir.as_deref()
    }

    /// Who is writing, checked to be a name records can carry.
    pub fn engineer(&self) -> Result<&str> {
        let engineer = self
            .engineer
            .as_deref()
            .map(str::trim)
            .ok_or(Error::NoEngineer)?;
        ledger::check_engineer(engineer)?;
        Ok(engineer)
    }

    /// What typed times are read against: now, in the contract's zone, with the margin a
    /// recorded time may lie ahead of now.
    pub fn clock(&self, site: &Site) -> Clock {
        Clock {
            now: self.now,
            zone: site.contract.timezone,
            margin: FUTURE_MARGIN,
        }
    }

    /// When something being recorded happened: `--at` read by the time grammar in the
    /// contract's zone (docs/rules.md §9.6), else now; never more than a minute after now.
    pub fn at(&self, site: &Site, at: Option<&str>) -> Result<DateTime<Utc>> {
        self.checked_at(site, at, None)
    }

    /// When something routine being recorded happened (`at`), which must fall in the term.
    pub fn at_in_term(&self, site: &Site, at: Option<&str>) -> Result<DateTime<Utc>> {
        let at = self.at(site, at)?;
        self.in_term(site, at)
    }

    /// [`Self::at_in_term`] for a command whose day argument is `day`: a time of day alone is
    /// on that day.
    pub fn at_in_term_on(
        &self,
        site: &Site,
        at: Option<&str>,
        day: NaiveDate,
    ) -> Result<DateTime<Utc>> {
        let at = self.checked_at(site, at, Some(day))?;
        self.in_term(site, at)
    }

    fn checked_at(
        &self,
        site: &Site,
        at: Option<&str>,
        day: Option<NaiveDate>,
    ) -> Result<DateTime<Utc>> {
        let clock = self.clock(site);
        let at = match at {
            Some(text) => typed_time(Input::At, text, day, &clock)?,
            None => self.now,
        };
        check_time(at, self.now, clock.zone)?;
        Ok(at)
    }

    fn in_term(&self, site: &Site, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
        site.contract
            .check_in_term(local_date(at, site.contract.timezone))?;
        Ok(at)
    }

    /// A day typed, read by the time grammar (docs/rules.md §9.6): a weekday is the latest
    /// such day looking back, the next looking ahead.
    pub fn day(&self, site: &Site, text: &str, looking: Looking) -> Result<NaiveDate> {
        read_day_looking(text, self.clock(site).today(), looking)
            .map_err(|_| Error::NotADay(text.to_string()))
    }

    /// The period typed, or this month.
    pub fn period(&self, site: &Site, text: Option<&str>) -> Result<Period> {
        let today = local_date(self.now, site.contract.timezone);
        Ok(match text {
            Some(text) => Period::parse(text, today)?,
            None => Period::month_of(today),
        })
    }
}

/// An arrival agreed for (`--agreed`), which cannot lie before the request it answers
/// (docs/rules.md §9.6).
pub(super) fn agreed_after(
    agreed: Option<DateTime<Utc>>,
    asked_at: DateTime<Utc>,
    zone: Tz,
) -> Result<Option<DateTime<Utc>>> {
    match agreed {
        Some(agreed) if agreed < asked_at => Err(Error::AgreedBeforeRequest {
            agreed: rfc3339(agreed, zone),
            asked_at: rfc3339(asked_at, zone),
        }),
        agreed => Ok(agreed),
    }
}

/// The time typed for `input` looking ahead (an agreed arrival, an imagined incident), read
/// by the time grammar (docs/rules.md §9.6).
pub(super) fn instant_ahead(input: Input, text: &str, clock: &Clock) -> Result<DateTime<Utc>> {
    read_time_looking(text, clock, Looking::Ahead).map_err(|error| Error::Time { input, error })
}

/// The time typed for `input`; a time of day alone is on `day` when there is one.
fn typed_time(
    input: Input,
    text: &str,
    day: Option<NaiveDate>,
    clock: &Clock,
) -> Result<DateTime<Utc>> {
    match day {
        Some(day) => read_time_on(text, day, clock),
        None => read_time(text, clock),
    }
    .map_err(|error| Error::Time { input, error })
}

/// A duration typed in the contract's form (docs/rules.md §9.6), a bare number counting `unit`s,
/// more than nothing and at most `most`.
pub fn amount(text: &str, unit: Unit, most: TimeDelta) -> Result<TimeDelta> {
    read_amount(text, unit)
        .ok()
        .filter(|d| *d > TimeDelta::zero() && *d <= most)
        .ok_or_else(|| {
            Error::Amount(AmountError {
                input: text.to_string(),
                unit,
            })
        })
}
