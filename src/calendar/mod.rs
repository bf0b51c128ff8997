//! China's national working calendar (docs/rules.md §3): every date has one kind.
//!
//! The calendar is layered: the built-in published schedules, then official schedules the user
//! imported (newer years, or corrections), then the contract's own `[calendar]` corrections.
//! A year none of them covers is provisional: weekends plus the statutory days that follow from
//! the law and the lunar calendar, and every answer for it says so.

pub mod builtin;
mod law;
pub mod schedule;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use builtin::{BuiltIn, built_in};
pub use schedule::{Schedule, ScheduleError};

/// The days of a week, Monday first, as calendars in China print them.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The kind of a date (docs/rules.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// A Saturday or Sunday declared a working day (调休上班).
    MakeupWorkday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day off inside a holiday block that is not statutory.
    Holiday,
    /// A statutory public holiday (法定节假日).
    Statutory,
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday)
    }

    /// Comp days earned for working such a day (docs/rules.md §3, §6).
    pub fn comp_days(self) -> u32 {
        match self {
            DayKind::Workday | DayKind::MakeupWorkday => 0,
            DayKind::Weekend | DayKind::Holiday => 1,
            DayKind::Statutory => 3,
        }
    }

    fn ordinary(date: NaiveDate) -> DayKind {
        if is_weekend(date) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        }
    }

    fn working_on(date: NaiveDate) -> DayKind {
        if is_weekend(date) {
            DayKind::MakeupWorkday
        } else {
            DayKind::Workday
        }
    }
}

/// The public holidays of the national calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Festival {
    NewYear,
    SpringFestival,
    Qingming,
    LabourDay,
    DragonBoat,
    MidAutumn,
    NationalDay,
}

impl Festival {
    pub const ALL: [Festival; 7] = [
        Festival::NewYear,
        Festival::SpringFestival,
        Festival::Qingming,
        Festival::LabourDay,
        Festival::DragonBoat,
        Festival::MidAutumn,
        Festival::NationalDay,
    ];

    /// The stable key used in data files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Festival::NewYear => "new_year",
            Festival::SpringFestival => "spring_festival",
            Festival::Qingming => "qingming",
            Festival::LabourDay => "labour_day",
            Festival::DragonBoat => "dragon_boat",
            Festival::MidAutumn => "mid_autumn",
            Festival::NationalDay => "national_day",
        }
    }

    pub fn from_key(key: &str) -> Option<Festival> {
        Festival::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Words by which official schedules name the festival, in Chinese and English.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Festival::NewYear => &["元旦", "new year's day", "new year day"],
            Festival::SpringFestival => &["春节", "spring festival", "chinese new year"],
            Festival::Qingming => &["清明", "qingming", "tomb-sweeping", "tomb sweeping"],
            Festival::LabourDay => &["劳动节", "labour day", "labor day"],
            Festival::DragonBoat => &["端午", "dragon boat"],
            Festival::MidAutumn => &["中秋", "mid-autumn", "mid autumn"],
            Festival::NationalDay => &["国庆", "national day"],
        }
    }

    /// The festivals a free-text holiday name refers to ("国庆节、中秋节" names two).
    pub fn named_in(text: &str) -> Vec<Festival> {
        let text = text.to_lowercase();
        Festival::ALL
            .into_iter()
            .filter(|f| f.aliases().iter().any(|alias| text.contains(alias)))
            .collect()
    }
}

/// What a day is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayName {
    Festivals(Vec<Festival>),
    /// A name from an imported schedule that names no known festival.
    Text(String),
    /// A day off the contract adds.
    ContractDayOff,
    /// A working day the contract adds.
    ContractWorkday,
    /// A statutory day the contract declares.
    ContractStatutory,
}

impl DayName {
    fn from_text(text: &str) -> Option<DayName> {
        let festivals = Festival::named_in(text);
        if !festivals.is_empty() {
            Some(DayName::Festivals(festivals))
        } else if text.trim().is_empty() {
            None
        } else {
            Some(DayName::Text(text.trim().to_string()))
        }
    }

    pub fn festivals(&self) -> &[Festival] {
        match self {
            DayName::Festivals(festivals) => festivals,
            _ => &[],
        }
    }
}

/// Everything the calendar says about one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: Option<DayName>,
    /// False when the answer is provisional: no official schedule covers the date.
    pub published: bool,
}

impl Day {
    pub fn working(&self) -> bool {
        self.kind.is_working()
    }

    pub fn comp_days(&self) -> u32 {
        self.kind.comp_days()
    }
}

/// How much is known about a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// An official schedule covers it.
    Published,
    /// Weekends and the statutory days of the law; `lunar_known` is false when the lunar
    /// festival dates of the year are not built in, so only fixed-date statutory days are known.
    Provisional { lunar_known: bool },
    /// Before the built-in data: weekends only.
    BeforeData,
}

/// Corrections a contract makes on top of the national calendar (`[calendar]`, docs/rules.md §1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Overrides {
    pub extra_holidays: Vec<NaiveDate>,
    pub extra_workdays: Vec<NaiveDate>,
    pub statutory: Vec<NaiveDate>,
    pub not_statutory: Vec<NaiveDate>,
}

#[derive(Debug, Clone)]
struct Entry {
    kind: DayKind,
    name: Option<DayName>,
    /// The year of the official notice the entry comes from; `None` for a contract's
    /// correction.
    notice: Option<i32>,
}

/// The working calendar a contract runs on.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Every date an official schedule or the contract says something about.
    entries: BTreeMap<NaiveDate, Entry>,
    published_years: BTreeSet<i32>,
    built_in: &'static BuiltIn,
}

impl Calendar {
    /// The built-in national calendar alone.
    pub fn national() -> Calendar {
        let built_in = built_in();
        let mut calendar = Calendar {
            entries: BTreeMap::new(),
            published_years: built_in.published_years.clone().collect(),
            built_in,
        };
        for block in &built_in.blocks {
            calendar.insert_block(block);
        }
        calendar
    }

    /// The national calendar with imported schedules (later ones win) and a contract's
    /// corrections on top.
    pub fn new(schedules: &[Schedule], overrides: &Overrides) -> Calendar {
        let mut calendar = Calendar::national();
        for schedule in schedules {
            calendar.apply_schedule(schedule);
        }
        calendar.apply_overrides(overrides);
        calendar
    }

    pub fn day(&self, date: NaiveDate) -> Day {
        if let Some(entry) = self.entries.get(&date) {
            return Day {
                date,
                kind: entry.kind,
                name: entry.name.clone(),
                published: true,
            };
        }
        let basis = self.basis(date.year());
        let statutory: Vec<Festival> = match basis {
            Basis::Provisional { .. } => self
                .law_statutory_days(date.year())
                .into_iter()
                .filter(|(d, _)| *d == date)
                .map(|(_, f)| f)
                .collect(),
            Basis::Published | Basis::BeforeData => Vec::new(),
        };
        let (kind, name) = if statutory.is_empty() {
            (DayKind::ordinary(date), None)
        } else {
            (DayKind::Statutory, Some(DayName::Festivals(statutory)))
        };
        Day {
            date,
            kind,
            name,
            published: basis == Basis::Published,
        }
    }

    pub fn is_working(&self, date: NaiveDate) -> bool {
        self.day(date).working()
    }

    pub fn basis(&self, year: i32) -> Basis {
        if self.published_years.contains(&year) {
            Basis::Published
        } else if year < *self.built_in.published_years.start() {
            Basis::BeforeData
        } else {
            Basis::Provisional {
                lunar_known: self.built_in.lunar.contains_key(&year),
            }
        }
    }

    fn law_statutory_days(&self, year: i32) -> Vec<(NaiveDate, Festival)> {
        law::statutory_days(year, self.built_in.lunar.get(&year))
    }

    fn insert_block(&mut self, block: &builtin::Block) {
        let block_name = Some(DayName::Festivals(block.festivals.clone()));
        let notice = Some(block.notice);
        for date in block.days_off.start().iter_days() {
            if date > *block.days_off.end() {
                break;
            }
            let festivals: Vec<Festival> = block
                .statutory
                .iter()
                .filter(|(d, _)| *d == date)
                .map(|(_, f)| *f)
                .collect();
            let entry = if festivals.is_empty() {
                Entry {
                    kind: DayKind::Holiday,
                    name: block_name.clone(),
                    notice,
                }
            } else {
                Entry {
                    kind: DayKind::Statutory,
                    name: Some(DayName::Festivals(festivals)),
                    notice,
                }
            };
            self.entries.insert(date, entry);
        }
        for date in &block.makeup_workdays {
            self.entries.insert(
                *date,
                Entry {
                    kind: DayKind::working_on(*date),
                    name: block_name.clone(),
                    notice,
                },
            );
        }
    }

    /// An official schedule replaces what the notice of its year said before. It does not say
    /// which days off are statutory: those come from the built-in data for a built-in year,
    /// else the law.
    fn apply_schedule(&mut self, schedule: &Schedule) {
        let year = schedule.year;
        let notice = Some(year);
        let statutory = self
            .built_in
            .statutory_days(year)
            .unwrap_or_else(|| self.law_statutory_days(year));
        self.entries.retain(|_, entry| entry.notice != notice);
        self.published_years.insert(year);
        for (date, festival) in &statutory {
            let entry = self.entries.entry(*date).or_insert(Entry {
                kind: DayKind::Statutory,
                name: Some(DayName::Festivals(Vec::new())),
                notice,
            });
            if let Some(DayName::Festivals(festivals)) = &mut entry.name {
                festivals.push(*festival);
            }
        }
        for day in &schedule.days {
            let is_statutory = statutory.iter().any(|(d, _)| *d == day.date);
            if day.off && is_statutory {
                continue;
            }
            let kind = if day.off {
                DayKind::Holiday
            } else {
                DayKind::working_on(day.date)
            };
            self.entries.insert(
                day.date,
                Entry {
                    kind,
                    name: DayName::from_text(&day.name),
                    notice,
                },
            );
        }
    }

    fn apply_overrides(&mut self, overrides: &Overrides) {
        for date in &overrides.extra_holidays {
            self.override_day(*date, Some(DayName::ContractDayOff), |kind| match kind {
                DayKind::Statutory => DayKind::Statutory,
                _ => DayKind::Holiday,
            });
        }
        for date in &overrides.extra_workdays {
            let working = DayKind::working_on(*date);
            self.override_day(*date, Some(DayName::ContractWorkday), |_| working);
        }
        for date in &overrides.statutory {
            self.override_day(*date, Some(DayName::ContractStatutory), |_| {
                DayKind::Statutory
            });
        }
        for date in &overrides.not_statutory {
            if self.day(*date).kind == DayKind::Statutory {
                self.override_day(*date, None, |_| DayKind::Holiday);
            }
        }
    }

    /// Sets a day's kind from its current kind; the day keeps its name, or gets
    /// `name_if_none`, and counts as published (the contract says so).
    fn override_day(
        &mut self,
        date: NaiveDate,
        name_if_none: Option<DayName>,
        kind: impl Fn(DayKind) -> DayKind,
    ) {
        let current = self.day(date);
        self.entries.insert(
            date,
            Entry {
                kind: kind(current.kind),
                name: current.name.or(name_if_none),
                notice: None,
            },
        );
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}
