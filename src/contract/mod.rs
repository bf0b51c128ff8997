//! The contract (docs/rules.md §1): a TOML file read, checked and completed with defaults.

mod city;
mod level;
mod read;
mod reader;
mod zone;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Tz;
use serde::Serialize;

use crate::calendar::{Calendar, DayKind, Overrides};
use crate::capacity::Gauge;
use crate::lang::Lang;
use crate::service::{Frequency, InspectionKind, Mode, ServiceItem};
use crate::time::duration_text;
pub use city::{city_name, near_city, same_city};
pub use level::{Level, LevelError};
use reader::Reader;
pub use reader::{Allowed, Expected, Problem, ProblemKind, Suggestion, TomlType};
pub use zone::{UnknownZone, parse_zone};

/// The time zone of a contract that names none.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// The most engineers a contract may name.
pub const MAX_STAFF: u32 = 9_999;

/// The largest contract file read, in bytes: a contract is a page of settings, and anything
/// much larger is the wrong file (or one made to stall every command that reads it).
pub const MAX_CONTRACT_BYTES: u64 = 1 << 20;

/// Why a contract file cannot be used. `origin` is where it came from, as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractError {
    /// Everything wrong with its keys and values.
    Problems {
        origin: String,
        problems: Vec<Problem>,
    },
    /// Larger than `MAX_CONTRACT_BYTES`: not read at all.
    TooLarge { origin: String, size: u64 },
}

/// Whether a contract file of `size` bytes may be read.
pub fn check_size(origin: &str, size: u64) -> Result<(), ContractError> {
    if size > MAX_CONTRACT_BYTES {
        return Err(ContractError::TooLarge {
            origin: origin.to_string(),
            size,
        });
    }
    Ok(())
}

/// Service hours of a 5x8 contract: the half-open interval [start, end) of local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServiceHours {
    #[serde(serialize_with = "hh_mm")]
    pub start: NaiveTime,
    #[serde(serialize_with = "hh_mm")]
    pub end: NaiveTime,
}

/// 09:00–18:00 (docs/rules.md §1).
impl Default for ServiceHours {
    fn default() -> ServiceHours {
        ServiceHours {
            start: NaiveTime::MIN + TimeDelta::hours(9),
            end: NaiveTime::MIN + TimeDelta::hours(18),
        }
    }
}

/// How a resolution clock counts time (docs/rules.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolveClock {
    /// Wall-clock time from the report.
    Wall,
    /// Only service hours of working days.
    Service,
}

/// The clocks of one incident level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LevelTerms {
    /// 5x8: the response budget outside service hours. 7x24: the response time.
    #[serde(with = "duration_text")]
    pub response: TimeDelta,
    /// Time to be on site once asked; `None` where no arrival clock applies.
    #[serde(with = "duration_text::option")]
    pub arrival: Option<TimeDelta>,
    /// The shorter arrival time for a staffed site in a priority city.
    #[serde(with = "duration_text::option")]
    pub arrival_priority: Option<TimeDelta>,
    /// The optional resolution clock.
    #[serde(with = "duration_text::option")]
    pub resolve: Option<TimeDelta>,
    pub resolve_clock: ResolveClock,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaTerms {
    /// What "immediate response" means.
    #[serde(with = "duration_text")]
    pub immediate: TimeDelta,
    /// Share of a clock's budget after which an open clock is shown as at risk.
    pub at_risk: f64,
    /// Cities where a staffed site gets the priority arrival time.
    pub priority_cities: Vec<String>,
    /// Engineers a site needs for the priority arrival time.
    pub priority_staff: u32,
    /// Terms for levels 1, 2 and 3.
    pub levels: [LevelTerms; 3],
}

impl SlaTerms {
    pub fn level(&self, level: Level) -> &LevelTerms {
        &self.levels[level.index()]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarTerms {
    #[serde(flatten)]
    pub overrides: Overrides,
    /// Official schedule files, relative to the contract file.
    pub schedules: Vec<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InspectionTerms {
    pub items: Vec<String>,
    /// Rounds required per working day (5x8) or per day (7x24).
    pub rounds: u32,
    /// The unit and thresholds of each item whose readings the contract defines, by the item's
    /// name (docs/rules.md §4.9).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub gauges: BTreeMap<String, Gauge>,
}

/// The language of a contract that does not say (docs/rules.md §9).
pub const DEFAULT_LANGUAGE: Lang = Lang::Zh;

/// A checked contract with every default filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contract {
    pub customer: String,
    /// Who provides the service, for the reports.
    pub provider: Option<String>,
    pub mode: Mode,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(serialize_with = "zone_name")]
    pub timezone: Tz,
    pub city: Option<String>,
    pub staff: u32,
    /// The site's engineers, when the contract lists them: no one else may write
    /// (docs/rules.md §10.4).
    pub engineers: Vec<String>,
    /// The language of messages and reports, [`DEFAULT_LANGUAGE`] unless it says.
    pub language: Lang,
    /// The ledger location, relative to the contract file.
    pub ledger: PathBuf,
    pub hours: ServiceHours,
    pub sla: SlaTerms,
    pub calendar: CalendarTerms,
    pub inspections: BTreeMap<InspectionKind, InspectionTerms>,
    /// How far apart two rounds of a kind on one day must be for both to count
    /// (`[inspections] min_gap`, docs/rules.md §4.8).
    #[serde(with = "duration_text")]
    pub inspection_min_gap: TimeDelta,
    /// How far ahead a projected crossing of a capacity threshold is a risk
    /// (`[inspections] horizon`, docs/rules.md §4.9).
    #[serde(with = "duration_text")]
    pub capacity_horizon: TimeDelta,
    pub backups_per_month: u32,
    /// How far apart two backup checks of one month must be for both to count
    /// (`[backups] min_gap`, docs/rules.md §4.8).
    #[serde(with = "duration_text")]
    pub backup_min_gap: TimeDelta,
    /// The day of the following month a monthly report is due (`[reports] due_day`).
    pub report_due_day: u32,
    /// Working days a customer's request may wait for its answer (`[requests] answer_within`,
    /// docs/rules.md §4.11).
    pub request_answer_within: u32,
}

/// A name the contract's list of engineers does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOnRoster {
    pub name: String,
    /// Whether it is the writer's own name (`OTSS_ENGINEER`), not one given for someone else
    /// (`duty set`, `--engineer`).
    pub writing: bool,
    /// The listed name it is a likely typo of.
    pub closest: Option<String>,
    pub roster: Vec<String>,
}

/// A date the contract does not cover, and its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideTerm {
    pub date: NaiveDate,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Something a contract allows but a person should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractWarning {
    /// A 5x8 term should start on a working day (docs/rules.md §1).
    StartNotWorkingDay {
        start: NaiveDate,
        kind: DayKind,
        next_working_day: Option<NaiveDate>,
    },
    /// A city otss does not know, close to the priority city `did_you_mean`: likely a typo
    /// that costs the site its priority arrival (docs/rules.md §1.8).
    CityNearPriority { city: String, did_you_mean: String },
}

/// Whether a site gets the priority arrival time, and why (docs/rules.md §2.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Priority {
    /// `city` is a priority city and `staff` engineers are enough.
    Applies { city: String, staff: u32 },
    /// The contract names no city.
    NoCity,
    /// `city` is none of the priority cities; `did_you_mean` is the one it is a likely typo of.
    CityNotListed {
        city: String,
        did_you_mean: Option<String>,
    },
    /// `city` is a priority city, but `staff` engineers are fewer than the `needed`.
    TooFewStaff {
        city: String,
        staff: u32,
        needed: u32,
    },
}

impl Priority {
    pub fn applies(&self) -> bool {
        matches!(self, Priority::Applies { .. })
    }
}

impl Contract {
    /// Reads a contract. `origin` names the file in messages.
    pub fn parse(text: &str, origin: &str) -> Result<Contract, ContractError> {
        check_size(origin, text.len() as u64)?;
        let error = |problems| ContractError::Problems {
            origin: origin.to_string(),
            problems,
        };
        let (mut reader, mut root) = Reader::parse(text).map_err(|p| error(vec![p]))?;
        let contract = read::contract(&mut reader, &mut root);
        reader.finish(root);
        let mut problems = reader.problems;
        match contract {
            Some(contract) if problems.is_empty() => Ok(contract),
            _ => {
                if problems.is_empty() {
                    problems.push(Problem {
                        line: 1,
                        kind: ProblemKind::Unreadable,
                    });
                }
                problems.sort_by_key(|p| p.line);
                Err(error(problems))
            }
        }
    }

    /// Whether the term covers `date`; what is recorded on site must fall within it.
    pub fn check_in_term(&self, date: NaiveDate) -> Result<(), OutsideTerm> {
        if self.start <= date && date <= self.end {
            Ok(())
        } else {
            Err(OutsideTerm {
                date,
                start: self.start,
                end: self.end,
            })
        }
    }

    /// Whether engineers are owed on site on `date` (docs/rules.md §4): a day of the term, and
    /// under 5x8 a working day of the calendar.
    pub fn serves_on(&self, calendar: &Calendar, date: NaiveDate) -> bool {
        let owed = match self.mode {
            Mode::FiveByEight => calendar.is_working(date),
            Mode::SevenByTwentyFour => true,
        };
        owed && self.check_in_term(date).is_ok()
    }

    /// The service catalogue with this contract's frequencies (docs/rules.md §4).
    pub fn service_items(&self) -> Vec<(ServiceItem, Frequency)> {
        ServiceItem::ALL
            .into_iter()
            .map(|item| (item, self.frequency(item)))
            .collect()
    }

    fn frequency(&self, item: ServiceItem) -> Frequency {
        let rounds = |kind: InspectionKind| {
            let count = self.inspections[&kind].rounds;
            let min_gap = spacing(count, self.inspection_min_gap);
            match self.mode {
                Mode::FiveByEight => Frequency::WorkingDay { count, min_gap },
                Mode::SevenByTwentyFour => Frequency::Day { count, min_gap },
            }
        };
        match item {
            ServiceItem::Support => match self.mode {
                Mode::FiveByEight => Frequency::DuringServiceHours,
                Mode::SevenByTwentyFour => Frequency::Always,
            },
            ServiceItem::Incident => Frequency::PerSla,
            ServiceItem::Monitoring => rounds(InspectionKind::Monitoring),
            ServiceItem::Resource => rounds(InspectionKind::Resource),
            ServiceItem::Alert => rounds(InspectionKind::Alert),
            ServiceItem::Backup => Frequency::Month {
                count: self.backups_per_month,
                min_gap: spacing(self.backups_per_month, self.backup_min_gap),
            },
            ServiceItem::Request => Frequency::OnDemand,
            ServiceItem::Report => Frequency::Month {
                count: 1,
                min_gap: None,
            },
        }
    }

    /// Whether a level-1 incident gets the priority arrival time (docs/rules.md §2.4).
    pub fn is_priority_site(&self) -> bool {
        self.priority().applies()
    }

    /// Whether `name` is one of the site's engineers: anyone when the contract lists none,
    /// else only those listed, in any case (docs/rules.md §10.4).
    pub fn check_engineer(&self, name: &str) -> Result<(), NotOnRoster> {
        self.check_listed(name, true)
    }

    /// Whether `name`, given for someone else (on duty, whose leave), is one of the site's
    /// engineers, as [`Contract::check_engineer`] judges a writer.
    pub fn check_named(&self, name: &str) -> Result<(), NotOnRoster> {
        self.check_listed(name, false)
    }

    fn check_listed(&self, name: &str, writing: bool) -> Result<(), NotOnRoster> {
        let lower = name.trim().to_lowercase();
        if self.engineers.is_empty() || self.engineers.iter().any(|e| e.to_lowercase() == lower) {
            return Ok(());
        }
        Err(NotOnRoster {
            name: name.to_string(),
            writing,
            closest: crate::suggest::closest(name, self.engineers.iter().map(String::as_str))
                .map(str::to_string),
            roster: self.engineers.clone(),
        })
    }

    /// Whether the site gets the priority arrival time, and why (docs/rules.md §1.8, §2.4).
    pub fn priority(&self) -> Priority {
        let Some(city) = self.city.clone() else {
            return Priority::NoCity;
        };
        let cities = &self.sla.priority_cities;
        if !cities.iter().any(|listed| same_city(listed, &city)) {
            let did_you_mean = near_city(&city, cities);
            return Priority::CityNotListed { city, did_you_mean };
        }
        let (staff, needed) = (self.staff, self.sla.priority_staff);
        if staff < needed {
            return Priority::TooFewStaff {
                city,
                staff,
                needed,
            };
        }
        Priority::Applies { city, staff }
    }

    /// What a person should look at, given the calendar the contract runs on.
    pub fn warnings(&self, calendar: &Calendar) -> Vec<ContractWarning> {
        let mut warnings = Vec::new();
        let start = calendar.day(self.start);
        if self.mode == Mode::FiveByEight && !start.working() {
            let next_working_day = self
                .start
                .iter_days()
                .skip(1)
                .take(366)
                .find(|d| calendar.is_working(*d));
            warnings.push(ContractWarning::StartNotWorkingDay {
                start: self.start,
                kind: start.kind,
                next_working_day,
            });
        }
        if let Priority::CityNotListed {
            city,
            did_you_mean: Some(did_you_mean),
        } = self.priority()
        {
            warnings.push(ContractWarning::CityNearPriority { city, did_you_mean });
        }
        warnings
    }
}

/// The spacing owed between rounds (or checks) of one period: only where a period owes more
/// than one, and a gap is set (docs/rules.md §4.8).
fn spacing(count: u32, min_gap: TimeDelta) -> Option<TimeDelta> {
    (count > 1 && min_gap > TimeDelta::zero()).then_some(min_gap)
}

fn hh_mm<S: serde::Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.format("%H:%M").to_string())
}

fn zone_name<S: serde::Serializer>(zone: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(zone.name())
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
