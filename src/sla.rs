//! The SLA deadline engine (docs/rules.md §2): pure functions of the contract, the calendar, the
//! level and the instants involved. Exact to the second; budgets are wall-clock durations, and
//! local service-hours boundaries are turned into instants in the contract's zone, so a DST change
//! moves nothing.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Day};
use crate::contract::{Contract, Level, LevelTerms, ResolveClock};
use crate::service::Mode;
use crate::time::{duration_text, local_date, local_instant};

/// How far ahead the engine looks for the next service-hours window before giving up (a
/// contract whose calendar has no working day within two years has none worth waiting for).
const SEARCH_DAYS: usize = 731;

/// Why a deadline is where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// Inside service hours, or 7x24: respond within `within`.
    Immediate {
        #[serde(with = "duration_text")]
        within: TimeDelta,
    },
    /// Outside service hours: the level's wall-clock budget.
    OffHoursBudget {
        #[serde(with = "duration_text")]
        budget: TimeDelta,
    },
    /// The budget ran into the next service-hours window, where the engineer is on site:
    /// the window start (the deadline less `plus`), plus the immediate response time for a
    /// response.
    WindowStart {
        #[serde(with = "duration_text")]
        plus: TimeDelta,
    },
    /// The level's arrival budget; `priority` when the staffed priority-city time applies.
    ArrivalBudget {
        #[serde(with = "duration_text")]
        budget: TimeDelta,
        priority: bool,
    },
    /// A later arrival time agreed with the customer.
    AgreedTime,
    /// The level's resolution budget on the given clock.
    ResolutionBudget {
        #[serde(with = "duration_text")]
        budget: TimeDelta,
        clock: ResolveClock,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub due: DateTime<Utc>,
    pub rule: Rule,
}

impl Deadline {
    /// An arrival deadline, or the time agreed with the customer where that is later
    /// (docs/rules.md §2.11).
    pub fn at_least(self, agreed: Option<DateTime<Utc>>) -> Deadline {
        match agreed {
            Some(agreed) if agreed > self.due => Deadline {
                due: agreed,
                rule: Rule::AgreedTime,
            },
            _ => self,
        }
    }
}

/// Every clock of an incident reported at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    pub level: Level,
    pub reported_at: DateTime<Utc>,
    pub in_service_hours: bool,
    pub response: Deadline,
    /// The arrival deadline if on-site presence is asked at the report; `None` where no
    /// arrival clock applies.
    pub arrival: Option<Deadline>,
    pub resolution: Option<Deadline>,
    /// False when a provisional calendar day lies between the report and the last deadline.
    pub published: bool,
}

/// Where an instant stands against the service hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Situation {
    /// 7x24: always in service.
    AroundTheClock,
    /// 5x8, inside service hours of a working day.
    InServiceHours { day: Day },
    /// 5x8, on a day that is not a working day.
    DayOff { day: Day },
    /// 5x8, a working day before service hours start.
    BeforeHours { day: Day },
    /// 5x8, a working day at or after service hours end.
    AfterHours { day: Day },
}

impl Situation {
    pub fn in_service_hours(&self) -> bool {
        matches!(
            self,
            Situation::AroundTheClock | Situation::InServiceHours { .. }
        )
    }
}

/// When the customer asks for an engineer on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnSiteRequest {
    pub asked_at: DateTime<Utc>,
    /// A later time agreed with the customer.
    pub agreed: Option<DateTime<Utc>>,
}

impl Deadlines {
    /// Every deadline that applies.
    pub fn all(&self) -> impl Iterator<Item = &Deadline> {
        [
            Some(&self.response),
            self.arrival.as_ref(),
            self.resolution.as_ref(),
        ]
        .into_iter()
        .flatten()
    }
}

/// The state of one clock at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Done at or before the deadline.
    Met,
    /// Done after the deadline, or still open past it; `by` is how late.
    Breached { by: TimeDelta },
    /// Still open; `at_risk` once past the contract's share of the budget.
    Pending { left: TimeDelta, at_risk: bool },
}

/// Where a clock stands at `now`. An action exactly at the deadline meets it; one second
/// later is a breach of one second (docs/rules.md §2).
pub fn clock_state(
    started: DateTime<Utc>,
    due: DateTime<Utc>,
    done: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    at_risk_share: f64,
) -> ClockState {
    let instant = done.unwrap_or(now);
    if instant > due {
        return ClockState::Breached { by: instant - due };
    }
    if done.is_some() {
        return ClockState::Met;
    }
    // The threshold is a whole second, so that a share like 0.7 of 180 s is exactly 126 s.
    let budget = (due - started).num_seconds().max(0);
    let threshold = (budget as f64 * at_risk_share).round() as i64;
    ClockState::Pending {
        left: due - now,
        at_risk: (now - started).num_seconds() >= threshold,
    }
}

/// The SLA of one contract on its calendar.
pub struct Sla<'a> {
    contract: &'a Contract,
    calendar: &'a Calendar,
}

impl<'a> Sla<'a> {
    pub fn new(contract: &'a Contract, calendar: &'a Calendar) -> Sla<'a> {
        Sla { contract, calendar }
    }

    fn terms(&self, level: Level) -> &LevelTerms {
        self.contract.sla.level(level)
    }

    /// Where `t` stands: 7x24 is always in service; 5x8 is in service on a working day of the
    /// calendar at a local time in [hours.start, hours.end).
    pub fn situation(&self, t: DateTime<Utc>) -> Situation {
        if self.contract.mode == Mode::SevenByTwentyFour {
            return Situation::AroundTheClock;
        }
        let day = self.calendar.day(local_date(t, self.contract.timezone));
        match self.window_on(day.date) {
            None => Situation::DayOff { day },
            Some((start, _)) if t < start => Situation::BeforeHours { day },
            Some((_, end)) if t >= end => Situation::AfterHours { day },
            Some(_) => Situation::InServiceHours { day },
        }
    }

    pub fn in_service_hours(&self, t: DateTime<Utc>) -> bool {
        self.situation(t).in_service_hours()
    }

    /// The service-hours window of a date, as instants, if it is a working day.
    fn window_on(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.calendar.is_working(date) {
            return None;
        }
        let zone = self.contract.timezone;
        let hours = self.contract.hours;
        Some((
            local_instant(zone, date.and_time(hours.start)),
            local_instant(zone, date.and_time(hours.end)),
        ))
    }

    /// The service-hours windows of the working days from `t`'s local date on.
    fn windows_from(
        &self,
        t: DateTime<Utc>,
    ) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        local_date(t, self.contract.timezone)
            .iter_days()
            .take(SEARCH_DAYS)
            .filter_map(|date| self.window_on(date))
    }

    /// The first window that has not ended at `t`: the one `t` is in, or the next one.
    fn window_from(&self, t: DateTime<Utc>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        self.windows_from(t).find(|(_, end)| *end > t)
    }

    /// The start of the next service-hours window at or after `t` (5x8).
    pub fn next_window_start(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.windows_from(t)
            .map(|(start, _)| start)
            .find(|start| *start >= t)
    }

    /// The response deadline of an incident reported at `reported_at`.
    pub fn response(&self, level: Level, reported_at: DateTime<Utc>) -> Deadline {
        let immediate = self.contract.sla.immediate;
        if self.contract.mode == Mode::SevenByTwentyFour {
            let within = self.terms(level).response;
            return Deadline {
                due: reported_at + within,
                rule: Rule::Immediate { within },
            };
        }
        if self.in_service_hours(reported_at) {
            return Deadline {
                due: reported_at + immediate,
                rule: Rule::Immediate { within: immediate },
            };
        }
        let budget = self.terms(level).response;
        let by_budget = Deadline {
            due: reported_at + budget,
            rule: Rule::OffHoursBudget { budget },
        };
        // Once the engineer is on site the immediate rule applies (docs/rules.md §2).
        match self.next_window_start(reported_at) {
            Some(window_start) if window_start + immediate < by_budget.due => Deadline {
                due: window_start + immediate,
                rule: Rule::WindowStart { plus: immediate },
            },
            _ => by_budget,
        }
    }

    /// The arrival deadline when the customer asks for on-site presence at `requested_at`,
    /// possibly agreeing a later time. `None` where no arrival clock applies: 5x8 inside
    /// service hours (the engineer is on site), 7x24 unless the contract defines one.
    pub fn arrival(
        &self,
        level: Level,
        requested_at: DateTime<Utc>,
        agreed: Option<DateTime<Utc>>,
    ) -> Option<Deadline> {
        let terms = self.terms(level);
        let priority = terms.arrival_priority.is_some() && self.contract.is_priority_site();
        let budget = if priority {
            terms.arrival_priority
        } else {
            terms.arrival
        }?;
        let by_budget = Deadline {
            due: requested_at + budget,
            rule: Rule::ArrivalBudget { budget, priority },
        };
        let deadline = match self.contract.mode {
            Mode::SevenByTwentyFour => by_budget,
            Mode::FiveByEight if self.in_service_hours(requested_at) => return None,
            // Never later than the next window start: the engineer is on site then (docs/rules.md
            // §2).
            Mode::FiveByEight => match self.next_window_start(requested_at) {
                Some(window_start) if window_start < by_budget.due => Deadline {
                    due: window_start,
                    rule: Rule::WindowStart {
                        plus: TimeDelta::zero(),
                    },
                },
                _ => by_budget,
            },
        };
        Some(deadline.at_least(agreed))
    }

    /// The optional resolution deadline, on wall-clock or service time.
    pub fn resolution(&self, level: Level, reported_at: DateTime<Utc>) -> Option<Deadline> {
        let terms = self.terms(level);
        let budget = terms.resolve?;
        let due = match terms.resolve_clock {
            ResolveClock::Wall => Some(reported_at + budget),
            ResolveClock::Service => self.add_service_time(reported_at, budget),
        }?;
        Some(Deadline {
            due,
            rule: Rule::ResolutionBudget {
                budget,
                clock: terms.resolve_clock,
            },
        })
    }

    /// The instant `duration` of service time after `from`: only service hours of working
    /// days count. `None` if the calendar runs out of working days.
    pub fn add_service_time(
        &self,
        from: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Option<DateTime<Utc>> {
        if self.contract.mode == Mode::SevenByTwentyFour {
            return Some(from + duration);
        }
        let mut left = duration;
        let mut cursor = from;
        loop {
            let (start, end) = self.window_from(cursor)?;
            let counted_from = start.max(cursor);
            if left <= end - counted_from {
                return Some(counted_from + left);
            }
            left -= end - counted_from;
            cursor = end;
        }
    }

    /// Every clock of an incident of `level` reported at `reported_at`, with on-site presence
    /// asked as `request` says.
    pub fn deadlines(
        &self,
        level: Level,
        reported_at: DateTime<Utc>,
        request: OnSiteRequest,
    ) -> Deadlines {
        let mut deadlines = Deadlines {
            level,
            reported_at,
            in_service_hours: self.in_service_hours(reported_at),
            response: self.response(level, reported_at),
            arrival: self.arrival(level, request.asked_at, request.agreed),
            resolution: self.resolution(level, reported_at),
            published: true,
        };
        let last_due = deadlines.all().map(|d| d.due).max().unwrap_or(reported_at);
        deadlines.published = self.published_between(reported_at, last_due);
        deadlines
    }

    /// Whether every calendar day the answer rests on is published. A 7x24 answer rests on
    /// no calendar day.
    fn published_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        if self.contract.mode == Mode::SevenByTwentyFour {
            return true;
        }
        let zone = self.contract.timezone;
        let last = local_date(to, zone);
        local_date(from, zone)
            .iter_days()
            .take_while(|d| *d <= last)
            .all(|d| self.calendar.day(d).published)
    }
}

#[cfg(test)]
mod tests;
