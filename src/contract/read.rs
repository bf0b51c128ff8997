//! The contract's keys, their types, defaults and checks (docs/rules.md §1). Every key a contract
//! may hold is asked for here, and only here; anything else in the file is an unknown key.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime, TimeDelta};

use super::city::PRIORITY_CITIES;
use super::reader::{Allowed, Element, Field, ProblemKind, Reader, Table};
use super::zone::parse_zone;
use super::{
    CalendarTerms, Contract, DEFAULT_LANGUAGE, DEFAULT_ZONE, InspectionTerms, LevelTerms,
    MAX_STAFF, ResolveClock, ServiceHours, SlaTerms,
};
use crate::calendar::Overrides;
use crate::capacity::{Gauge, Unit};
use crate::lang::Lang;
use crate::service::{InspectionKind, Mode};
use crate::time::parse_duration;

/// The longest SLA budget a contract may set: a year.
const LONGEST_BUDGET: TimeDelta = TimeDelta::days(366);

pub fn contract<'i>(r: &mut Reader<'i>, root: &mut Table<'i>) -> Option<Contract> {
    let customer = r.required(root, "customer").and_then(|f| non_empty(r, &f));
    let provider = r.field(root, "provider").and_then(|f| non_empty(r, &f));
    let mode = r
        .required(root, "mode")
        .and_then(|f| r.parsed(&f, |s| Mode::from_key(s).ok_or(Allowed::Mode)));
    let (start, end) = term(r, root);
    let timezone = r.optional(root, "timezone", DEFAULT_ZONE, |r, f| {
        r.parsed(f, |s| parse_zone(s).map_err(Allowed::Zone))
    });
    let city = r.field(root, "city").and_then(|f| non_empty(r, &f));
    let staff = r.optional(root, "staff", 1, staff);
    let engineers = r.optional(root, "engineers", Vec::new(), engineers);
    let language = r.optional(root, "language", DEFAULT_LANGUAGE, |r, f| {
        r.parsed(f, |s| Lang::from_key(s).ok_or(Allowed::Language))
    });
    let ledger = r.optional(root, "ledger", PathBuf::from("ledger"), |r, f| {
        non_empty(r, f).map(PathBuf::from)
    });
    let hours = hours(r, root);
    // With an invalid mode, read on as 5x8 so that every other problem is reported too.
    let mode_for_defaults = mode.unwrap_or(Mode::FiveByEight);
    let sla = sla(r, root, mode_for_defaults);
    let calendar = calendar(r, root);
    let (inspections, inspection_min_gap, capacity_horizon) = inspections(
        r,
        root,
        mode_for_defaults,
        language.unwrap_or(DEFAULT_LANGUAGE),
    );
    let (backups_per_month, backup_min_gap) = backups(r, root, mode_for_defaults);
    let report_due_day = reports(r, root);
    let request_answer_within = requests(r, root);
    Some(Contract {
        customer: customer?,
        provider,
        mode: mode?,
        start: start?,
        end: end?,
        timezone: timezone?,
        city,
        staff: staff?,
        engineers: engineers?,
        language: language?,
        ledger: ledger?,
        hours: hours?,
        sla: sla?,
        calendar: calendar?,
        inspections: inspections?,
        inspection_min_gap: inspection_min_gap?,
        capacity_horizon: capacity_horizon?,
        backups_per_month: backups_per_month?,
        backup_min_gap: backup_min_gap?,
        report_due_day: report_due_day?,
        request_answer_within: request_answer_within?,
    })
}

fn term<'i>(r: &mut Reader<'i>, root: &mut Table<'i>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = r.required(root, "start").and_then(|f| r.date(&f));
    let end_field = r.required(root, "end");
    let end = end_field.as_ref().and_then(|f| r.date(f));
    if let (Some(start), Some(end), Some(field)) = (start, end, &end_field)
        && end < start
    {
        r.invalid(field, Allowed::NotBefore(start));
        return (Some(start), None);
    }
    (start, end)
}

fn non_empty(r: &mut Reader, field: &Field) -> Option<String> {
    let text = r.string(field)?;
    if text.trim().is_empty() {
        r.invalid(field, Allowed::Text);
        return None;
    }
    Some(text.trim().to_string())
}

/// A number of engineers.
fn staff(r: &mut Reader, field: &Field) -> Option<u32> {
    count(r, field, 1..i64::from(MAX_STAFF) + 1)
}

/// The site's engineers (docs/rules.md §10.4): names that can be shown, each once in any case.
fn engineers(r: &mut Reader, field: &Field) -> Option<Vec<String>> {
    let names = r.strings(field)?;
    let mut seen = HashSet::new();
    for name in &names {
        let allowed = if name.trim().is_empty() {
            Allowed::Text
        } else if name.chars().any(crate::text::is_invisible) {
            Allowed::Name(name.clone())
        } else if !seen.insert(name.trim().to_lowercase()) {
            Allowed::ItemOnce(name.clone())
        } else {
            continue;
        };
        r.invalid(field, allowed);
        return None;
    }
    Some(names.iter().map(|name| name.trim().to_string()).collect())
}

fn count(r: &mut Reader, field: &Field, range: std::ops::Range<i64>) -> Option<u32> {
    r.integer(field, range).and_then(|n| u32::try_from(n).ok())
}

fn parse_time_of_day(text: &str) -> Result<NaiveTime, Allowed> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .map_err(|_| Allowed::TimeOfDay)
}

fn hours<'i>(r: &mut Reader<'i>, root: &mut Table<'i>) -> Option<ServiceHours> {
    let default = ServiceHours::default();
    let Some(mut table) = r.subtable(root, "hours") else {
        return Some(default);
    };
    let mut line = table.line();
    let mut time = |r: &mut Reader<'i>, key, default| {
        r.optional(&mut table, key, default, |r, f| {
            line = f.line;
            r.parsed(f, parse_time_of_day)
        })
    };
    let start = time(r, "start", default.start);
    let end = time(r, "end", default.end);
    r.finish(table);
    let (start, end) = (start?, end?);
    if start >= end {
        r.problem(line, ProblemKind::HoursReversed { start, end });
        return None;
    }
    Some(ServiceHours { start, end })
}

fn duration(r: &mut Reader, field: &Field) -> Option<TimeDelta> {
    let duration = r.parsed(field, |s| parse_duration(s).map_err(Allowed::Duration))?;
    if duration <= TimeDelta::zero() || duration > LONGEST_BUDGET {
        r.invalid(field, Allowed::Budget);
        return None;
    }
    Some(duration)
}

fn sla<'i>(r: &mut Reader<'i>, root: &mut Table<'i>, mode: Mode) -> Option<SlaTerms> {
    let mut table = r
        .subtable(root, "sla")
        .unwrap_or_else(|| r.empty_table("sla"));
    let immediate = r.optional(&mut table, "immediate", TimeDelta::minutes(15), duration);
    let at_risk = r.optional(&mut table, "at_risk", 0.8, |r, f| {
        let share = r.number(f)?;
        if share > 0.0 && share <= 1.0 {
            Some(share)
        } else {
            r.invalid(f, Allowed::Share);
            None
        }
    });
    let default_cities = PRIORITY_CITIES.iter().map(|c| c.to_string()).collect();
    let priority_cities = r.optional(&mut table, "priority_cities", default_cities, |r, f| {
        r.strings(f)
    });
    let priority_staff = r.optional(&mut table, "priority_staff", 2, |r, f| staff(r, f));
    let immediate_for_defaults = immediate.unwrap_or(TimeDelta::minutes(15));
    let levels: Vec<Option<LevelTerms>> = ["level1", "level2", "level3"]
        .into_iter()
        .enumerate()
        .map(|(index, key)| {
            let default = default_level(index + 1, mode, immediate_for_defaults);
            let level_table = r.subtable(&mut table, key);
            level(r, level_table, default)
        })
        .collect();
    r.finish(table);
    let levels: Vec<LevelTerms> = levels.into_iter().collect::<Option<_>>()?;
    Some(SlaTerms {
        immediate: immediate?,
        at_risk: at_risk?,
        priority_cities: priority_cities?,
        priority_staff: priority_staff?,
        levels: levels.try_into().ok()?,
    })
}

/// Default level terms (docs/rules.md §2). A 7x24 contract responds immediately at every level and
/// has no arrival clock unless it defines one.
fn default_level(level: usize, mode: Mode, immediate: TimeDelta) -> LevelTerms {
    let hours = TimeDelta::hours;
    let (response, arrival) = [
        (TimeDelta::minutes(30), hours(4)),
        (hours(1), hours(8)),
        (hours(2), hours(24)),
    ][level - 1];
    let (response, arrival, arrival_priority) = match mode {
        Mode::FiveByEight => (response, Some(arrival), (level == 1).then(|| hours(2))),
        Mode::SevenByTwentyFour => (immediate, None, None),
    };
    LevelTerms {
        response,
        arrival,
        arrival_priority,
        resolve: None,
        resolve_clock: ResolveClock::Wall,
    }
}

fn level<'i>(
    r: &mut Reader<'i>,
    table: Option<Table<'i>>,
    default: LevelTerms,
) -> Option<LevelTerms> {
    let Some(mut table) = table else {
        return Some(default);
    };
    let mut clock = |r: &mut Reader<'i>, key, default: Option<TimeDelta>| {
        r.optional(&mut table, key, default, |r, f| duration(r, f).map(Some))
    };
    let response = clock(r, "response", Some(default.response));
    let arrival = clock(r, "arrival", default.arrival);
    let arrival_priority = clock(r, "arrival_priority", default.arrival_priority);
    let resolve = clock(r, "resolve", default.resolve);
    let resolve_clock = r.optional(
        &mut table,
        "resolve_clock",
        default.resolve_clock,
        |r, f| {
            r.parsed(f, |s| match s {
                "wall" => Ok(ResolveClock::Wall),
                "service" => Ok(ResolveClock::Service),
                _ => Err(Allowed::Clock),
            })
        },
    );
    r.finish(table);
    Some(LevelTerms {
        response: response??,
        arrival: arrival?,
        arrival_priority: arrival_priority?,
        resolve: resolve?,
        resolve_clock: resolve_clock?,
    })
}

/// A list of dates, with the line it was written on.
type DatesAt = (Vec<NaiveDate>, usize);

fn calendar<'i>(r: &mut Reader<'i>, root: &mut Table<'i>) -> Option<CalendarTerms> {
    let mut table = r
        .subtable(root, "calendar")
        .unwrap_or_else(|| r.empty_table("calendar"));
    let mut dates = |r: &mut Reader<'i>, key| -> Option<DatesAt> {
        r.optional(&mut table, key, (Vec::new(), 0), |r, f| {
            r.dates(f).map(|dates| (dates, f.line))
        })
    };
    let extra_holidays = dates(r, "extra_holidays");
    let extra_workdays = dates(r, "extra_workdays");
    let statutory = dates(r, "statutory");
    let not_statutory = dates(r, "not_statutory");
    let schedules = r.optional(&mut table, "schedules", Vec::new(), |r, f| r.strings(f));
    r.finish(table);
    let (extra_holidays, extra_workdays) = (extra_holidays?, extra_workdays?);
    let (statutory, not_statutory) = (statutory?, not_statutory?);
    no_date_in_both(
        r,
        &extra_holidays,
        &extra_workdays,
        "extra_holidays",
        "extra_workdays",
    );
    no_date_in_both(r, &statutory, &not_statutory, "statutory", "not_statutory");
    Some(CalendarTerms {
        overrides: Overrides {
            extra_holidays: extra_holidays.0,
            extra_workdays: extra_workdays.0,
            statutory: statutory.0,
            not_statutory: not_statutory.0,
        },
        schedules: schedules?.into_iter().map(PathBuf::from).collect(),
    })
}

/// Two corrections that contradict each other for one date.
fn no_date_in_both(
    r: &mut Reader,
    a: &DatesAt,
    b: &DatesAt,
    first: &'static str,
    second: &'static str,
) {
    let in_b: HashSet<&NaiveDate> = b.0.iter().collect();
    if let Some(date) = a.0.iter().find(|d| in_b.contains(d)) {
        let kind = ProblemKind::InBoth {
            date: *date,
            first,
            second,
        };
        r.problem(b.1, kind);
    }
}

/// The terms of each inspection kind, how far apart a day's rounds of a kind must be, and how
/// far ahead a projected crossing of a threshold is a risk.
type InspectionsRead = (
    Option<BTreeMap<InspectionKind, InspectionTerms>>,
    Option<TimeDelta>,
    Option<TimeDelta>,
);

fn inspections<'i>(
    r: &mut Reader<'i>,
    root: &mut Table<'i>,
    mode: Mode,
    lang: Lang,
) -> InspectionsRead {
    let mut table = r
        .subtable(root, "inspections")
        .unwrap_or_else(|| r.empty_table("inspections"));
    let terms: Vec<Option<(InspectionKind, InspectionTerms)>> = InspectionKind::ALL
        .into_iter()
        .map(|kind| {
            let kind_table = r.subtable(&mut table, kind.key());
            inspection(r, kind_table, kind, mode, lang).map(|terms| (kind, terms))
        })
        .collect();
    let min_gap = r.optional(&mut table, "min_gap", ROUNDS_MIN_GAP, |r, f| {
        gap(r, f, LONGEST_ROUNDS_GAP)
    });
    let horizon = r.optional(&mut table, "horizon", CAPACITY_HORIZON, |r, f| {
        gap(r, f, LONGEST_CAPACITY_HORIZON)
    });
    r.finish(table);
    (terms.into_iter().collect(), min_gap, horizon)
}

/// A projected crossing of a threshold this close is a risk by default (docs/rules.md §4.9).
const CAPACITY_HORIZON: TimeDelta = TimeDelta::days(30);
/// The farthest a contract may look ahead: a year.
const LONGEST_CAPACITY_HORIZON: TimeDelta = TimeDelta::days(366);

/// Rounds of a kind on one day count at least this far apart by default (docs/rules.md §4.8).
const ROUNDS_MIN_GAP: TimeDelta = TimeDelta::hours(4);
/// The widest gap between rounds a contract may set: a day.
const LONGEST_ROUNDS_GAP: TimeDelta = TimeDelta::days(1);
/// Backup checks of one month count at least this far apart by default (docs/rules.md §4.8).
const BACKUPS_MIN_GAP: TimeDelta = TimeDelta::days(7);
/// The widest gap between backup checks a contract may set: a month.
const LONGEST_BACKUPS_GAP: TimeDelta = TimeDelta::days(31);

/// A gap between rounds or checks: zero (no spacing) up to `longest`.
fn gap(r: &mut Reader, field: &Field, longest: TimeDelta) -> Option<TimeDelta> {
    let gap = r.parsed(field, |s| parse_duration(s).map_err(Allowed::Duration))?;
    if gap > longest {
        r.invalid(field, Allowed::Gap { longest });
        return None;
    }
    Some(gap)
}

fn inspection<'i>(
    r: &mut Reader<'i>,
    table: Option<Table<'i>>,
    kind: InspectionKind,
    mode: Mode,
    lang: Lang,
) -> Option<InspectionTerms> {
    let default = InspectionTerms {
        items: kind
            .default_items(lang)
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rounds: kind.default_rounds(mode),
        gauges: BTreeMap::new(),
    };
    let Some(mut table) = table else {
        return Some(default);
    };
    let items = r.optional(
        &mut table,
        "items",
        (default.items, default.gauges),
        gauged_checklist,
    );
    let rounds = r.optional(&mut table, "rounds", default.rounds, |r, f| {
        count(r, f, 0..25)
    });
    r.finish(table);
    let (items, gauges) = items?;
    Some(InspectionTerms {
        items,
        rounds: rounds?,
        gauges,
    })
}

/// A checklist whose items are names, or tables of a name, the unit of its readings and its
/// thresholds (docs/rules.md §4.9): the names, and the gauges of the items measured.
fn gauged_checklist<'i>(
    r: &mut Reader<'i>,
    field: &Field<'i>,
) -> Option<(Vec<String>, BTreeMap<String, Gauge>)> {
    let elements = r.strings_or_tables(field)?;
    let mut names = Vec::with_capacity(elements.len());
    let mut gauges = BTreeMap::new();
    let mut every_gauge_read = true;
    for element in elements {
        match element {
            Element::Text(name) => names.push(name),
            Element::Table(table) => {
                let (name, gauge) = gauged_item(r, table);
                // A name read is checked as a checklist's is, whatever its gauge.
                names.extend(name.clone());
                match (name, gauge) {
                    (Some(name), Some(gauge)) => {
                        gauges.insert(name.trim().to_string(), gauge);
                    }
                    _ => every_gauge_read = false,
                }
            }
        }
    }
    let names = checklist(r, field, names)?;
    every_gauge_read.then_some((names, gauges))
}

/// `{ name, unit, warn, critical }`: a name, and the gauge of the unit (a count when none is
/// given) and thresholds in it, never negative, the critical one above the warning one.
fn gauged_item<'i>(r: &mut Reader<'i>, mut table: Table<'i>) -> (Option<String>, Option<Gauge>) {
    let name = r.required(&mut table, "name").and_then(|f| r.string(&f));
    let unit = r.optional(&mut table, "unit", Unit::Count, |r, f| {
        r.parsed(f, |s| Unit::from_key(s).ok_or(Allowed::Unit(s.to_string())))
    });
    let warn = r.optional(&mut table, "warn", None, |r, f| threshold(r, f).map(Some));
    let critical_field = r.field(&mut table, "critical");
    let critical = match &critical_field {
        Some(field) => threshold(r, field).map(Some),
        None => Some(None),
    };
    r.finish(table);
    let thresholds = (warn, critical, critical_field.as_ref());
    (name, checked_gauge(r, unit, thresholds))
}

/// Thresholds as read, and where the critical one was written.
type ThresholdsRead<'f, 'i> = (
    Option<Option<f64>>,
    Option<Option<f64>>,
    Option<&'f Field<'i>>,
);

/// The gauge of a unit and thresholds read, when each was valid and the critical threshold is
/// above the warning one.
fn checked_gauge(
    r: &mut Reader,
    unit: Option<Unit>,
    (warn, critical, critical_field): ThresholdsRead,
) -> Option<Gauge> {
    let (unit, warn, critical) = (unit?, warn?, critical?);
    if let (Some(warn), Some(critical), Some(field)) = (warn, critical, critical_field)
        && critical <= warn
    {
        r.invalid(field, Allowed::AboveWarn);
        return None;
    }
    Some(Gauge {
        unit,
        warn,
        critical,
    })
}

fn threshold(r: &mut Reader, field: &Field) -> Option<f64> {
    let value = r.number(field)?;
    if !value.is_finite() || value < 0.0 {
        r.invalid(field, Allowed::Threshold);
        return None;
    }
    Some(value)
}

/// A checklist needs at least one item, each named once, and names that can be typed in
/// `--item "NAME=ok"`.
fn checklist(r: &mut Reader, field: &Field, items: Vec<String>) -> Option<Vec<String>> {
    let items: Vec<String> = items.iter().map(|i| i.trim().to_string()).collect();
    let problem = if items.is_empty() {
        Some(Allowed::Items)
    } else if let Some(bad) = items.iter().find(|i| i.is_empty() || i.contains('=')) {
        Some(Allowed::Item(bad.clone()))
    } else {
        let mut seen = HashSet::with_capacity(items.len());
        items
            .iter()
            .find(|item| !seen.insert(item.as_str()))
            .map(|item| Allowed::ItemOnce(item.clone()))
    };
    match problem {
        Some(problem) => {
            r.invalid(field, problem);
            None
        }
        None => Some(items),
    }
}

/// Backup checks a month requires, and how far apart they must be.
fn backups<'i>(
    r: &mut Reader<'i>,
    root: &mut Table<'i>,
    mode: Mode,
) -> (Option<u32>, Option<TimeDelta>) {
    let mut table = r
        .subtable(root, "backups")
        .unwrap_or_else(|| r.empty_table("backups"));
    let per_month = r.optional(
        &mut table,
        "per_month",
        mode.default_backups_per_month(),
        |r, f| count(r, f, 0..100),
    );
    let min_gap = r.optional(&mut table, "min_gap", BACKUPS_MIN_GAP, |r, f| {
        gap(r, f, LONGEST_BACKUPS_GAP)
    });
    r.finish(table);
    (per_month, min_gap)
}

fn reports<'i>(r: &mut Reader<'i>, root: &mut Table<'i>) -> Option<u32> {
    let mut table = r
        .subtable(root, "reports")
        .unwrap_or_else(|| r.empty_table("reports"));
    let due_day = r.optional(&mut table, "due_day", 5, |r, f| count(r, f, 1..29));
    r.finish(table);
    due_day
}

/// The working days a request may wait for its answer (docs/rules.md §4.11): 1 to 250, a year
/// of working days.
fn requests<'i>(r: &mut Reader<'i>, root: &mut Table<'i>) -> Option<u32> {
    let mut table = r
        .subtable(root, "requests")
        .unwrap_or_else(|| r.empty_table("requests"));
    let within = r.optional(&mut table, "answer_within", 10, |r, f| count(r, f, 1..251));
    r.finish(table);
    within
}
