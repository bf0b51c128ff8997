//! Incidents (docs/rules.md §2): their state folded from the ledger's records, the checks a new
//! record must pass, and the records that start or move their clocks.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::contract::Level;
use crate::contract::{Contract, OutsideTerm};
use crate::ids::{self, IdError, short_id};
use crate::record::incident::{
    Amended, Asked, Clocks, Done, Field, LevelChanged, Merged, OnsiteRequested, Opened, Pinned,
    Resolved,
};
use crate::record::void::{self, VoidLink};
use crate::record::{Event, Record};
use crate::sla::{ClockState, Deadline, OnSiteRequest, Rule, Sla, clock_state};
use crate::time::{local_date, rfc3339};

use crate::record::entry::FUTURE_MARGIN as FUTURE_TOLERANCE;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Resolved,
    Closed,
}

/// One clock of an incident: when it started, when it is due and why, when it was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub started: DateTime<Utc>,
    pub due: DateTime<Utc>,
    pub rule: Rule,
    pub done: Option<DateTime<Utc>>,
}

impl Clock {
    fn new(started: DateTime<Utc>, deadline: Deadline) -> Clock {
        Clock {
            started,
            due: deadline.due,
            rule: deadline.rule,
            done: None,
        }
    }

    /// Whether the clock is decided at `at`: met or breached by its action, or breached because
    /// its deadline passed before `at` without it (docs/rules.md §2.13).
    fn decided(&self, at: DateTime<Utc>) -> bool {
        self.done.is_some() || at > self.due
    }

    /// The clock after a level change at `at` that computes `deadline` for it: a clock still
    /// undecided takes it; a decided one keeps the deadline it was decided against.
    fn moved(self, deadline: Deadline, at: DateTime<Utc>) -> Clock {
        if self.decided(at) {
            return self;
        }
        Clock {
            due: deadline.due,
            rule: deadline.rule,
            ..self
        }
    }

    /// Met (`true`), breached (`false`) or not decided yet (`None`) at `now`.
    pub fn met(&self, now: DateTime<Utc>) -> Option<bool> {
        match self.done {
            Some(done) => Some(done <= self.due),
            None if now > self.due => Some(false),
            None => None,
        }
    }

    pub fn state(&self, now: DateTime<Utc>, at_risk_share: f64) -> ClockState {
        clock_state(self.started, self.due, self.done, now, at_risk_share)
    }
}

/// A clock after a level change at `at` that gives it `deadline` (`None`: the new level has no
/// such clock). A decided clock stays as it was; an undecided one moves, or stops applying
/// where the new level has none; a clock the old level lacked is started by `start`.
fn relevel(
    clock: Option<Clock>,
    deadline: Option<Deadline>,
    at: DateTime<Utc>,
    start: impl FnOnce(Deadline) -> Option<Clock>,
) -> Option<Clock> {
    match (clock, deadline) {
        (Some(clock), Some(deadline)) => Some(clock.moved(deadline, at)),
        (Some(clock), None) => clock.decided(at).then_some(clock),
        (None, Some(deadline)) => start(deadline),
        (None, None) => None,
    }
}

/// The arrival verdict of `clock` at `now`, for an incident resolved at `resolved_at`: met,
/// breached, or undecided. Resolved before its deadline without an engineer on site, the
/// incident no longer needs one: undecided for good (docs/rules.md §2.16).
fn arrival_verdict(
    clock: Clock,
    resolved_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<bool> {
    let no_longer_needed =
        clock.done.is_none() && resolved_at.is_some_and(|resolved| resolved <= clock.due);
    if no_longer_needed {
        None
    } else {
        clock.met(now)
    }
}

/// An arrival clock of an earlier round of the incident, ended by a reopen, with the verdict
/// it had then (docs/rules.md §2.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarlierArrival {
    pub clock: Clock,
    pub met: Option<bool>,
}

/// A level the incident had: which, from when, and who set it (docs/rules.md §2.13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelSince {
    pub level: Level,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// What happened, in the incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Happening {
    Opened {
        level: Level,
        title: String,
    },
    Acknowledged,
    OnsiteRequested {
        agreed: Option<DateTime<Utc>>,
    },
    Arrived,
    LevelChanged {
        from: Level,
        to: Level,
    },
    Noted {
        text: String,
    },
    Resolved {
        summary: String,
    },
    Closed,
    Reopened,
    /// A duplicate incident, reported at `reported_at`, merged into this one.
    Merged {
        duplicate: String,
        reported_at: DateTime<Utc>,
    },
    /// Texts corrected, each to what it says now.
    Amended {
        texts: BTreeMap<Field, String>,
    },
}

/// A text of the incident corrected: from what (`None`: it had none), to what, when, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    pub field: Field,
    pub from: Option<String>,
    pub to: String,
    pub at: DateTime<Utc>,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(flatten)]
    pub happening: Happening,
    /// The id of the record that says it.
    pub record: String,
    /// Withdrawn by a void: it stays in the timeline, struck out, and counts nowhere.
    pub voided: Option<Voiding>,
    /// The duplicate incident it was recorded on, for an entry a merge brought in.
    pub from: Option<String>,
}

/// Who withdrew a record of the timeline, when and why (docs/rules.md §10.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voiding {
    pub at: DateTime<Utc>,
    pub by: String,
    pub reason: String,
}

impl Entry {
    /// The entry of `record`, saying `happening`.
    fn of(record: &Record, happening: Happening) -> Entry {
        Entry {
            at: record.instant(),
            by: record.by.clone(),
            happening,
            record: record.id.clone(),
            voided: None,
            from: None,
        }
    }

    /// The struck-out entry of `record`, withdrawn by `void`; `None` for a record that says
    /// nothing for the timeline.
    fn voided(record: &Record, void: &Record) -> Option<Entry> {
        let Event::RecordVoided(voided) = &void.event else {
            return None;
        };
        let voiding = Voiding {
            at: void.instant(),
            by: void.by.clone(),
            reason: voided.reason.clone(),
        };
        happening(&record.event).map(|happening| Entry {
            voided: Some(voiding),
            ..Entry::of(record, happening)
        })
    }

    /// Whether it stands: not withdrawn.
    pub fn stands(&self) -> bool {
        self.voided.is_none()
    }

    /// Whether it counts for the incident it is shown in: standing, and recorded on that
    /// incident rather than on a duplicate merged into it.
    pub fn counts(&self) -> bool {
        self.stands() && self.from.is_none()
    }
}

/// An incident as its records tell it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: String,
    /// The id of the record that opened it.
    pub opening: String,
    pub title: String,
    pub description: Option<String>,
    pub reported_at: DateTime<Utc>,
    pub reported_by: String,
    /// The inspection risk it was opened from.
    pub from_risk: Option<String>,
    pub level: Level,
    pub status: Status,
    pub response: Clock,
    pub responded_by: Option<String>,
    /// When the response that stopped the clock was entered, where its id tells.
    responded_entered: Option<DateTime<Utc>>,
    /// When the customer asked for an engineer on site (the request that started the arrival
    /// clock, if one did), and the later time agreed that is in force. Since the last reopen.
    pub onsite_requested: Option<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    /// The arrival clock since the last reopen.
    pub arrival: Option<Clock>,
    /// When an engineer arrived, since the last reopen.
    pub arrived_at: Option<DateTime<Utc>>,
    /// The arrival clocks before each reopen, oldest first.
    pub earlier_arrivals: Vec<EarlierArrival>,
    pub resolution: Option<Clock>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub resolved: Option<Resolved>,
    /// When the status last changed.
    pub status_since: DateTime<Utc>,
    /// The texts corrected, oldest first; the latest of each field is in force.
    pub amendments: Vec<Amendment>,
    /// The records deciding a clock that were entered more than an hour after they happened.
    pub entered_later: Vec<EnteredLater>,
    pub timeline: Vec<Entry>,
}

/// What a record decides of an incident: its report time, or one of its clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decides {
    Report,
    Response,
    Arrival,
    Resolution,
}

/// A record that decides a clock's verdict, entered more than an hour after it happened
/// (docs/rules.md §10.5): which, what it decides, when it happened and when it was entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredLater {
    pub record: String,
    pub decides: Decides,
    pub at: DateTime<Utc>,
    pub entered_at: DateTime<Utc>,
}

impl Incident {
    fn open(record: &Record, opened: &Opened) -> Incident {
        let at = record.instant();
        Incident {
            id: opened.incident.clone(),
            opening: record.id.clone(),
            title: opened.title.clone(),
            description: opened.description.clone(),
            reported_at: at,
            reported_by: record.by.clone(),
            from_risk: opened.from_risk.clone(),
            level: opened.level,
            status: Status::Open,
            response: Clock::new(at, opened.clocks.response.deadline()),
            responded_by: None,
            responded_entered: None,
            onsite_requested: opened.onsite.then_some((at, None)),
            arrival: opened.clocks.arrival.map(|p| Clock::new(at, p.deadline())),
            arrived_at: None,
            earlier_arrivals: Vec::new(),
            resolution: opened
                .clocks
                .resolution
                .map(|p| Clock::new(at, p.deadline())),
            resolved_at: None,
            closed_at: None,
            resolved: None,
            status_since: at,
            amendments: Vec::new(),
            entered_later: Vec::new(),
            timeline: happening(&record.event)
                .map(|happening| Entry::of(record, happening))
                .into_iter()
                .collect(),
        }
    }

    /// Applies a later record about this incident.
    fn apply(&mut self, record: &Record) {
        let Some(happening) = happening(&record.event) else {
            return;
        };
        let at = record.instant();
        match &record.event {
            Event::IncidentAcknowledged(_) => self.respond(record),
            Event::IncidentOnsiteRequested(request) => self.request_onsite(at, request),
            Event::IncidentArrived(_) => {
                // Being on site is a response too.
                self.respond(record);
                self.arrived_at.get_or_insert(at);
                if let Some(arrival) = self.arrival.as_mut() {
                    arrival.done.get_or_insert(at);
                }
            }
            Event::IncidentLevelChanged(change) => self.change_level(at, change),
            Event::IncidentNoted(_) => {}
            Event::IncidentResolved(resolved) => {
                // So is resolving it.
                self.respond(record);
                self.set_status(Status::Resolved, at);
                self.resolved_at = Some(at);
                self.resolved = Some(resolved.as_ref().clone());
                if let Some(clock) = self.resolution.as_mut() {
                    clock.done = Some(at);
                }
            }
            Event::IncidentClosed(_) => {
                self.set_status(Status::Closed, at);
                self.closed_at = Some(at);
            }
            Event::IncidentReopened(_) => {
                self.end_arrival_round(at);
                self.set_status(Status::Open, at);
                self.resolved_at = None;
                self.closed_at = None;
                if let Some(clock) = self.resolution.as_mut() {
                    clock.done = None;
                }
            }
            Event::IncidentMerged(merged) => self.merge(merged),
            Event::IncidentAmended(amended) => self.amend(at, &record.by, amended),
            // The opening is folded by `open`; other records are not about incidents.
            _ => return,
        }
        self.timeline.push(Entry::of(record, happening));
    }

    /// The first response by an engineer stops the response clock (docs/rules.md §2).
    /// The response that was entered first stops the clock, whatever time a response entered
    /// after it claims (docs/rules.md §10.5): an acknowledgement written after the clock was
    /// decided can mark the timeline, never move the verdict.
    fn respond(&mut self, record: &Record) {
        let entered = record.entered_at();
        let first = match (self.response.done, self.responded_entered, entered) {
            (None, ..) => true,
            (Some(_), Some(current), Some(new)) => new < current,
            _ => false,
        };
        if first {
            self.response.done = Some(record.instant());
            self.responded_by = Some(record.by.clone());
            self.responded_entered = entered;
        }
    }

    fn set_status(&mut self, status: Status, at: DateTime<Utc>) {
        self.status = status;
        self.status_since = at;
    }

    /// The customer asks for presence at `at` (docs/rules.md §2.11). A request while no arrival
    /// clock runs starts one where one applies; an engineer already on site meets it at once.
    /// A repeated request never moves the deadline later: only a later time agreed before the
    /// deadline passed does, whatever the deadline the record computed from its own time.
    fn request_onsite(&mut self, at: DateTime<Utc>, request: &OnsiteRequested) {
        let agreed = request.agreed.map(|t| t.with_timezone(&Utc));
        match (self.arrival.as_mut(), request.arrival) {
            (None, Some(pinned)) => {
                let mut clock = Clock::new(at, pinned.deadline());
                clock.done = self.arrived_at;
                self.arrival = Some(clock);
                self.onsite_requested = Some((at, agreed));
            }
            (None, None) => {
                self.onsite_requested.get_or_insert((at, agreed));
            }
            (Some(clock), _) => {
                if let Some(agreed) = agreed.filter(|t| *t > clock.due && !clock.decided(at)) {
                    clock.due = agreed;
                    clock.rule = Rule::AgreedTime;
                    self.onsite_requested = Some((clock.started, Some(agreed)));
                }
            }
        }
    }

    /// A new level moves the clocks still undecided to the deadlines recomputed for it, and
    /// starts those it has that the old level had not; a clock decided before `at` keeps its
    /// deadline and verdict (docs/rules.md §2.13). An agreed arrival time stays in force.
    fn change_level(&mut self, at: DateTime<Utc>, change: &LevelChanged) {
        let clocks = &change.clocks;
        self.level = change.to;
        self.response = self.response.moved(clocks.response.deadline(), at);
        let agreed = self.onsite_requested.and_then(|(_, agreed)| agreed);
        let arrival = clocks.arrival.map(|p| p.deadline().at_least(agreed));
        let (requested, arrived_at) = (self.onsite_requested, self.arrived_at);
        self.arrival = relevel(self.arrival, arrival, at, |deadline| {
            let (asked, _) = requested?;
            let mut clock = Clock::new(asked, deadline);
            clock.done = arrived_at;
            Some(clock)
        });
        let (reported_at, resolved_at) = (self.reported_at, self.resolved_at);
        let resolution = clocks.resolution.map(|p| p.deadline());
        self.resolution = relevel(self.resolution, resolution, at, |deadline| {
            let mut clock = Clock::new(reported_at, deadline);
            clock.done = resolved_at;
            Some(clock)
        });
    }

    /// A duplicate merged in: the incident takes the earliest report, on-site request, response
    /// and arrival of the two, and the deadlines the merge pinned from them, whatever was
    /// decided before (docs/rules.md §10.2).
    fn merge(&mut self, merged: &Merged) {
        let reported_at = merged.reported_at.with_timezone(&Utc);
        self.reported_at = reported_at;
        if let Some(responded) = &merged.responded {
            let at = responded.at.with_timezone(&Utc);
            if self.response.done.is_none_or(|done| at < done) {
                self.response.done = Some(at);
                self.responded_by = Some(responded.by.clone());
            }
        }
        self.response = Clock {
            done: self.response.done,
            ..Clock::new(reported_at, merged.clocks.response.deadline())
        };
        if let Some(arrived) = &merged.arrived {
            let at = arrived.with_timezone(&Utc);
            self.arrived_at = Some(self.arrived_at.map_or(at, |t| t.min(at)));
        }
        if let (Some(pinned), Some(asked)) = (merged.clocks.arrival, merged.onsite) {
            let (asked, agreed) = (asked.at.with_timezone(&Utc), asked.agreed);
            self.onsite_requested = Some((asked, agreed.map(|t| t.with_timezone(&Utc))));
            self.arrival = Some(Clock::new(asked, pinned.deadline()));
        }
        if let Some(arrival) = self.arrival.as_mut() {
            arrival.done = self.arrived_at;
        }
        let resolved_at = self.resolved_at;
        self.resolution = merged.clocks.resolution.map(|pinned| Clock {
            done: resolved_at,
            ..Clock::new(reported_at, pinned.deadline())
        });
    }

    /// Texts corrected at `at` by `by`: each replaces the one in force (docs/rules.md §10.2).
    fn amend(&mut self, at: DateTime<Utc>, by: &str, amended: &Amended) {
        for (field, text) in &amended.texts {
            let from = self.text(*field).map(str::to_string);
            if self.set_text(*field, text) {
                self.amendments.push(Amendment {
                    field: *field,
                    from,
                    to: text.clone(),
                    at,
                    by: by.to_string(),
                });
            }
        }
    }

    /// The text in force of `field`, if the incident has one.
    pub fn text(&self, field: Field) -> Option<&str> {
        let resolved = self.resolved.as_ref();
        match field {
            Field::Title => Some(&self.title),
            Field::Summary => resolved.map(|r| r.summary.as_str()),
            Field::Impact => resolved.and_then(|r| r.impact.as_deref()),
            Field::Cause => resolved.and_then(|r| r.cause.as_deref()),
            Field::Fix => resolved.and_then(|r| r.fix.as_deref()),
        }
    }

    /// Puts `text` in force for `field`; `false` for a field of a resolution not recorded.
    fn set_text(&mut self, field: Field, text: &str) -> bool {
        let text = text.to_string();
        if field == Field::Title {
            self.title = text;
            return true;
        }
        let Some(resolved) = self.resolved.as_mut() else {
            return false;
        };
        match field {
            Field::Title | Field::Summary => resolved.summary = text,
            Field::Impact => resolved.impact = Some(text),
            Field::Cause => resolved.cause = Some(text),
            Field::Fix => resolved.fix = Some(text),
        }
        true
    }

    /// A reopen at `at` ends the round of on-site presence: the arrival clock keeps the
    /// verdict it has, and a new request may start a new one (docs/rules.md §2.11).
    fn end_arrival_round(&mut self, at: DateTime<Utc>) {
        if let Some(clock) = self.arrival.take() {
            let met = arrival_verdict(clock, self.resolved_at, at);
            self.earlier_arrivals.push(EarlierArrival { clock, met });
        }
        self.onsite_requested = None;
        self.arrived_at = None;
    }

    /// The arrival verdict: met, breached, or undecided. An incident resolved before its
    /// arrival deadline without an engineer on site no longer needs one: undecided for good.
    pub fn arrival_met(&self, now: DateTime<Utc>) -> Option<bool> {
        arrival_verdict(self.arrival?, self.resolved_at, now)
    }

    /// Every level the incident has had, oldest first.
    pub fn levels(&self) -> Vec<LevelSince> {
        self.timeline
            .iter()
            .filter(|entry| entry.counts())
            .filter_map(|entry| match entry.happening {
                Happening::Opened { level, .. } | Happening::LevelChanged { to: level, .. } => {
                    Some(LevelSince {
                        level,
                        at: entry.at,
                        by: entry.by.clone(),
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// The status the incident had at `t`, by its timeline; `None` before it was reported.
    pub fn status_at(&self, t: DateTime<Utc>) -> Option<Status> {
        status_at(self.status_changes(), t)
    }

    /// Every change of status, in time order.
    pub fn status_changes(&self) -> impl Iterator<Item = (DateTime<Utc>, Status)> + '_ {
        self.timeline
            .iter()
            .filter(|e| e.counts())
            .filter_map(|entry| {
                let status = match entry.happening {
                    Happening::Opened { .. } | Happening::Reopened => Status::Open,
                    Happening::Resolved { .. } => Status::Resolved,
                    Happening::Closed => Status::Closed,
                    _ => return None,
                };
                Some((entry.at, status))
            })
    }

    /// The clocks still running, with their names, nearest deadline first. Only an open
    /// incident has running clocks.
    pub fn running_clocks(&self) -> Vec<(ClockName, Clock)> {
        if self.status != Status::Open {
            return Vec::new();
        }
        let mut clocks: Vec<(ClockName, Clock)> = [
            (ClockName::Response, Some(self.response)),
            (ClockName::Arrival, self.arrival),
            (ClockName::Resolution, self.resolution),
        ]
        .into_iter()
        .filter_map(|(name, clock)| clock.map(|c| (name, c)))
        .filter(|(_, clock)| clock.done.is_none())
        .collect();
        clocks.sort_by_key(|(_, clock)| clock.due);
        clocks
    }

    /// Whether `action` may be recorded at `at`, given "now"; times in errors are shown in
    /// `zone`.
    pub fn check(
        &self,
        action: Action,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        zone: Tz,
    ) -> Result<(), IncidentError> {
        check_time(at, now, zone)?;
        let id = self.id.clone();
        if at < self.reported_at {
            return Err(IncidentError::BeforeReport {
                id,
                reported_at: rfc3339(self.reported_at, zone),
            });
        }
        let changes_status = matches!(action, Action::Resolve | Action::Close | Action::Reopen);
        if changes_status && at < self.status_since {
            return Err(IncidentError::BeforeStatusChange {
                id,
                since: rfc3339(self.status_since, zone),
            });
        }
        match (action, self.status) {
            (Action::Amend { resolution: true }, _) if self.resolved.is_none() => {
                Err(IncidentError::NoResolution(id))
            }
            (Action::Amend { .. }, _) => Ok(()),
            (Action::Reopen, Status::Open) => Err(IncidentError::AlreadyOpen(id)),
            (Action::Reopen, _) => Ok(()),
            (_, Status::Closed) => Err(IncidentError::Closed(id)),
            (Action::Acknowledge, _) if self.response.done.is_some() => {
                Err(IncidentError::AlreadyAcknowledged(id))
            }
            (Action::Arrive, _) if self.arrived_at.is_some() => {
                Err(IncidentError::AlreadyArrived(id))
            }
            (Action::OnsiteRequest { .. }, _) if self.arrived_at.is_some_and(|t| t <= at) => {
                Err(IncidentError::AlreadyArrived(id))
            }
            (Action::OnsiteRequest { agreed: true }, _) => self.agreement_in_time(at, zone),
            (Action::Resolve, Status::Resolved) => Err(IncidentError::AlreadyResolved(id)),
            (Action::Close, Status::Open) => Err(IncidentError::NotResolved(id)),
            (Action::Level(level), _) if level == self.level => {
                Err(IncidentError::SameLevel { id, level })
            }
            _ => Ok(()),
        }
    }

    /// A later arrival time agreed at `at` can move the deadline only while it has not passed
    /// with nobody on site (docs/rules.md §2.11).
    fn agreement_in_time(&self, at: DateTime<Utc>, zone: Tz) -> Result<(), IncidentError> {
        match self.arrival {
            Some(clock) if at > clock.due && clock.done.is_none_or(|done| done > at) => {
                Err(IncidentError::AgreedAfterBreach {
                    id: self.id.clone(),
                    due: rfc3339(clock.due, zone),
                })
            }
            _ => Ok(()),
        }
    }
}

/// The three clocks of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockName {
    Response,
    Arrival,
    Resolution,
}

/// Something an engineer records about an existing incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Acknowledge,
    /// The customer asks for an engineer on site; `agreed` when a later time is agreed too.
    OnsiteRequest {
        agreed: bool,
    },
    Arrive,
    Level(Level),
    Note,
    Resolve,
    Close,
    Reopen,
    /// Texts corrected; `resolution` when some belong to the resolution.
    Amend {
        resolution: bool,
    },
}

/// Why an incident cannot be found, or what is asked of it cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncidentError {
    Id(IdError),
    Closed(String),
    AlreadyOpen(String),
    AlreadyAcknowledged(String),
    AlreadyArrived(String),
    /// A later arrival time agreed after the arrival deadline, `due`, had passed with nobody on
    /// site: the breach stands (docs/rules.md §2.11).
    AgreedAfterBreach {
        id: String,
        due: String,
    },
    AlreadyResolved(String),
    NotResolved(String),
    /// A summary, impact, cause or fix corrected before the incident was ever resolved.
    NoResolution(String),
    /// An amendment that says what the incident says already.
    Unchanged(String),
    /// An incident merged into itself.
    MergeIntoItself(String),
    /// An incident merged into another, `into`, is found only as that one.
    Merged {
        id: String,
        into: String,
    },
    SameLevel {
        id: String,
        level: Level,
    },
    /// A time before the incident's last change of status, at `since`.
    BeforeStatusChange {
        id: String,
        since: String,
    },
    OutsideTerm(OutsideTerm),
    BeforeReport {
        id: String,
        reported_at: String,
    },
    /// A time more than a minute after now.
    Future {
        at: String,
        now: String,
    },
}

impl From<IdError> for IncidentError {
    fn from(error: IdError) -> IncidentError {
        IncidentError::Id(error)
    }
}

impl From<OutsideTerm> for IncidentError {
    fn from(error: OutsideTerm) -> IncidentError {
        IncidentError::OutsideTerm(error)
    }
}

/// A recorded time may not lie more than a minute after "now".
pub fn check_time(at: DateTime<Utc>, now: DateTime<Utc>, zone: Tz) -> Result<(), IncidentError> {
    if at > now + FUTURE_TOLERANCE {
        Err(IncidentError::Future {
            at: rfc3339(at, zone),
            now: rfc3339(now, zone),
        })
    } else {
        Ok(())
    }
}

/// An incident may be reported no later than a minute from now, and within the contract term.
pub fn check_report_time(
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    contract: &Contract,
) -> Result<(), IncidentError> {
    let zone = contract.timezone;
    check_time(at, now, zone)?;
    Ok(contract.check_in_term(local_date(at, zone))?)
}

/// The status at `t` after `changes` (in time order); `None` before the first.
pub fn status_at(
    changes: impl IntoIterator<Item = (DateTime<Utc>, Status)>,
    t: DateTime<Utc>,
) -> Option<Status> {
    changes
        .into_iter()
        .take_while(|(at, _)| *at <= t)
        .map(|(_, status)| status)
        .last()
}

/// Every incident the records tell of, oldest report first. Records are folded in time order
/// whatever file they came from; a record found twice (a copy of a file) counts once; records
/// of an incident never opened are left out, and so are voided records (docs/rules.md §10.2):
/// an incident whose opening is voided is withdrawn. A record that claims to have been entered
/// before it happened counts nowhere, and of two openings of one id the one entered first is
/// the incident (docs/rules.md §10.5).
pub fn fold<'a>(records: impl IntoIterator<Item = &'a Record>) -> Vec<Incident> {
    let mut by_incident: BTreeMap<&str, BTreeMap<&str, &Record>> = BTreeMap::new();
    let plausible = records
        .into_iter()
        .filter(|record| record.entered_before_it_happened().is_none());
    for record in plausible {
        if let Some(id) = subject(&record.event) {
            by_incident
                .entry(id)
                .or_default()
                .insert(&record.id, record);
        }
    }
    let mut incidents: Vec<Incident> = by_incident
        .into_values()
        .filter_map(|records| {
            let standing = void::standing(records.into_values());
            let mut records = standing.kept;
            records.sort_by(|a, b| Record::fold_order(a, b));
            let (opening, opened) = first_entered_opening(&records)?;
            let mut incident = Incident::open(opening, opened);
            for record in records.iter().filter(|r| r.id != opening.id) {
                incident.apply(record);
            }
            let struck_out = standing.voided.iter();
            let struck_out = struck_out.filter_map(|(record, void)| Entry::voided(record, void));
            incident.timeline.extend(struck_out);
            // A merge brings in times from before the report it was opened with.
            incident.timeline.sort_by_key(|entry| entry.at);
            incident.entered_later = entered_later(&incident, opening, &records);
            Some(incident)
        })
        .collect();
    incidents.sort_by(|a, b| (a.reported_at, &a.id).cmp(&(b.reported_at, &b.id)));
    incidents
}

/// The opening that is the incident: one whose record id gave the incident its id (as otss
/// names every incident it opens) before any other, then the one entered first, as ids sort
/// by the time they were entered.
fn first_entered_opening<'r>(records: &[&'r Record]) -> Option<(&'r Record, &'r Opened)> {
    records
        .iter()
        .filter_map(|r| match &r.event {
            Event::IncidentOpened(opened) => Some((*r, opened.as_ref())),
            _ => None,
        })
        .min_by_key(|(r, opened)| (short_id(&r.id) != opened.incident, r.id.as_str()))
}

/// The records among `records` that decide the incident's report time or a clock and were
/// entered more than an hour after they happened (docs/rules.md §10.5). The record deciding a
/// clock is the first one, in fold order, of a kind that stops it at the time it stopped.
fn entered_later(incident: &Incident, opening: &Record, records: &[&Record]) -> Vec<EnteredLater> {
    let decider = |done: Option<DateTime<Utc>>, stops: fn(&Event) -> bool| {
        let done = done?;
        records
            .iter()
            .find(|r| r.instant() == done && stops(&r.event))
            .copied()
    };
    let response = decider(incident.response.done, |e| {
        matches!(
            e,
            Event::IncidentAcknowledged(_) | Event::IncidentArrived(_) | Event::IncidentResolved(_)
        )
    });
    let arrival = decider(incident.arrival.and_then(|c| c.done), |e| {
        matches!(e, Event::IncidentArrived(_))
    });
    let resolution = decider(incident.resolution.and_then(|c| c.done), |e| {
        matches!(e, Event::IncidentResolved(_))
    });
    [
        (Decides::Report, Some(opening)),
        (Decides::Response, response),
        (Decides::Arrival, arrival),
        (Decides::Resolution, resolution),
    ]
    .into_iter()
    .filter_map(|(decides, record)| {
        let record = record?;
        Some(EnteredLater {
            record: record.id.clone(),
            decides,
            at: record.instant(),
            entered_at: record.entered_later()?,
        })
    })
    .collect()
}

/// What a record about an incident says happened, for its timeline.
pub fn happening(event: &Event) -> Option<Happening> {
    Some(match event {
        Event::IncidentOpened(opened) => Happening::Opened {
            level: opened.level,
            title: opened.title.clone(),
        },
        Event::IncidentAcknowledged(_) => Happening::Acknowledged,
        Event::IncidentOnsiteRequested(request) => Happening::OnsiteRequested {
            agreed: request.agreed.map(|t| t.with_timezone(&Utc)),
        },
        Event::IncidentArrived(_) => Happening::Arrived,
        Event::IncidentLevelChanged(change) => Happening::LevelChanged {
            from: change.from,
            to: change.to,
        },
        Event::IncidentNoted(note) => Happening::Noted {
            text: note.text.clone(),
        },
        Event::IncidentResolved(resolved) => Happening::Resolved {
            summary: resolved.summary.clone(),
        },
        Event::IncidentClosed(_) => Happening::Closed,
        Event::IncidentReopened(_) => Happening::Reopened,
        Event::IncidentMerged(merged) => Happening::Merged {
            duplicate: merged.duplicate.clone(),
            reported_at: merged.reported_at.with_timezone(&Utc),
        },
        Event::IncidentAmended(amended) => Happening::Amended {
            texts: amended.texts.clone(),
        },
        _ => return None,
    })
}

/// The incident a record is about, if any.
pub fn subject(event: &Event) -> Option<&str> {
    let id = match event {
        Event::IncidentOpened(e) => &e.incident,
        Event::IncidentAcknowledged(e)
        | Event::IncidentArrived(e)
        | Event::IncidentClosed(e)
        | Event::IncidentReopened(e) => &e.incident,
        Event::IncidentOnsiteRequested(e) => &e.incident,
        Event::IncidentLevelChanged(e) => &e.incident,
        Event::IncidentNoted(e) => &e.incident,
        Event::IncidentResolved(e) => &e.incident,
        Event::IncidentMerged(e) => &e.incident,
        Event::IncidentAmended(e) => &e.incident,
        Event::RecordVoided(e) => e.incident.as_ref()?,
        _ => return None,
    };
    Some(id)
}

/// The incident whose id is `typed` or starts with it, in any case.
pub fn find<'a>(incidents: &'a [Incident], typed: &str) -> Result<&'a Incident, IncidentError> {
    Ok(ids::find(
        incidents,
        |i| &i.id,
        typed,
        ids::Named::Incident,
    )?)
}

/// An incident merged into another: its id, and the id of the one it was merged into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedAway {
    pub duplicate: String,
    pub into: String,
}

/// The incidents among `records` that were merged into others and stay so: the opening of
/// each is withdrawn by the void a merge wrote (docs/rules.md §10.2).
pub fn merged_away(records: &[Record]) -> Vec<MergedAway> {
    let withdrawn = void::withdrawn(records.iter().filter_map(VoidLink::of));
    records
        .iter()
        .filter(|record| !withdrawn.contains(record.id.as_str()))
        .filter_map(|record| match &record.event {
            Event::RecordVoided(void) if withdrawn.contains(void.target.as_str()) => {
                Some(MergedAway {
                    duplicate: void.incident.clone()?,
                    into: void.merged_into.clone()?,
                })
            }
            _ => None,
        })
        .collect()
}

/// The duplicates merged into `incident` whose merge stands.
pub fn duplicates(incident: &Incident) -> Vec<String> {
    let counting = incident.timeline.iter().filter(|entry| entry.counts());
    counting
        .filter_map(|entry| match &entry.happening {
            Happening::Merged { duplicate, .. } => Some(duplicate.clone()),
            _ => None,
        })
        .collect()
}

/// Brings into the timeline of `incident` every entry of its duplicate `duplicate`, folded from
/// the duplicate's `records` as if it had never been merged, each marked with the incident it
/// was recorded on (docs/rules.md §10.2). They change none of `incident`'s clocks: the merge
/// record decided those. Returns the duplicates merged into the duplicate, whose entries
/// belong here too.
pub fn take_in(incident: &mut Incident, duplicate: &str, records: &[Record]) -> Vec<String> {
    let unmerged = records.iter().filter(
        |record| !matches!(&record.event, Event::RecordVoided(void) if void.merged_into.is_some()),
    );
    let Some(folded) = fold(unmerged).into_iter().find(|i| i.id == duplicate) else {
        return Vec::new();
    };
    let nested = duplicates(&folded);
    let taken = folded.timeline.into_iter().map(|entry| Entry {
        from: entry.from.clone().or_else(|| Some(duplicate.to_string())),
        ..entry
    });
    incident.timeline.extend(taken);
    incident.timeline.sort_by_key(|entry| entry.at);
    nested
}

/// The incident `typed` names among those `records` tell of; one merged away is refused with
/// the incident it was merged into.
pub fn find_in(records: &[Record], typed: &str) -> Result<Incident, IncidentError> {
    let incidents = fold(records);
    let error = match find(&incidents, typed) {
        Ok(incident) => return Ok(incident.clone()),
        Err(error) => error,
    };
    let merged = merged_away(records);
    match ids::find(&merged, |m| &m.duplicate, typed, ids::Named::Incident) {
        Ok(merged) => Err(IncidentError::Merged {
            id: merged.duplicate.clone(),
            into: merged.into.clone(),
        }),
        Err(_) => Err(error),
    }
}

/// The record that merges `duplicate` into `kept` (docs/rules.md §10.2): the earliest report,
/// on-site request, response and arrival of the two, and the deadlines of `kept`'s level
/// recomputed from them and pinned.
pub fn merge_event(kept: &Incident, duplicate: &Incident, sla: &Sla, zone: Tz) -> Event {
    let pin = |d| Pinned::new(d, zone);
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).fixed_offset();
    let reported_at = kept.reported_at.min(duplicate.reported_at);
    let onsite = [kept.onsite_requested, duplicate.onsite_requested]
        .into_iter()
        .flatten()
        .min_by_key(|(asked, _)| *asked);
    let arrival = onsite.and_then(|(asked, agreed)| sla.arrival(kept.level, asked, agreed));
    let responded = [kept, duplicate]
        .into_iter()
        .filter_map(|i| i.response.done.zip(i.responded_by.clone()))
        .min_by_key(|(at, _)| *at)
        .map(|(at, by)| Done { at: local(at), by });
    let arrived = kept
        .arrived_at
        .into_iter()
        .chain(duplicate.arrived_at)
        .min();
    Event::IncidentMerged(Box::new(Merged {
        incident: kept.id.clone(),
        duplicate: duplicate.id.clone(),
        reported_at: local(reported_at),
        onsite: onsite.map(|(asked, agreed)| Asked {
            at: local(asked),
            agreed: agreed.map(local),
        }),
        responded,
        arrived: arrived.map(local),
        clocks: Clocks {
            response: pin(sla.response(kept.level, reported_at)),
            arrival: arrival.map(pin),
            resolution: sla.resolution(kept.level, reported_at).map(pin),
        },
    }))
}

/// The record that corrects the texts `texts` of `incident` (docs/rules.md §10.2), those that
/// differ from the text in force; `None` when none does.
pub fn amend_event(incident: &Incident, texts: BTreeMap<Field, String>) -> Option<Event> {
    let texts: BTreeMap<Field, String> = texts
        .into_iter()
        .filter(|(field, text)| incident.text(*field) != Some(text.as_str()))
        .collect();
    (!texts.is_empty()).then(|| {
        Event::IncidentAmended(Amended {
            incident: incident.id.clone(),
            texts,
        })
    })
}

/// The record that opens an incident, with its clocks computed now and pinned.
pub struct NewIncident<'a> {
    pub record_id: &'a str,
    pub from_risk: Option<String>,
    pub level: Level,
    pub title: String,
    pub description: Option<String>,
    pub reported_at: DateTime<Utc>,
    pub onsite: bool,
}

pub fn open_event(new: NewIncident, sla: &Sla, zone: Tz) -> Event {
    let request = OnSiteRequest {
        asked_at: new.reported_at,
        agreed: None,
    };
    let deadlines = sla.deadlines(new.level, new.reported_at, request);
    let pin = |d| Pinned::new(d, zone);
    Event::IncidentOpened(Box::new(Opened {
        incident: short_id(new.record_id),
        level: new.level,
        title: new.title,
        description: new.description,
        onsite: new.onsite,
        from_risk: new.from_risk,
        clocks: Clocks {
            response: pin(deadlines.response),
            arrival: deadlines.arrival.filter(|_| new.onsite).map(pin),
            resolution: deadlines.resolution.map(pin),
        },
    }))
}

/// The customer asks for presence at `at`, perhaps agreeing a later time.
pub fn onsite_event(
    incident: &Incident,
    at: DateTime<Utc>,
    agreed: Option<DateTime<Utc>>,
    sla: &Sla,
    zone: Tz,
) -> Event {
    let arrival = sla.arrival(incident.level, at, agreed);
    Event::IncidentOnsiteRequested(OnsiteRequested {
        incident: incident.id.clone(),
        agreed: agreed.map(|t| t.with_timezone(&zone).fixed_offset()),
        arrival: arrival.map(|d| Pinned::new(d, zone)),
    })
}

/// A level change: every clock recomputed from the original report (and the arrival from the
/// original request) with the new level (docs/rules.md §2).
pub fn level_event(incident: &Incident, to: Level, sla: &Sla, zone: Tz) -> Event {
    let pin = |d| Pinned::new(d, zone);
    let arrival = incident
        .onsite_requested
        .and_then(|(asked, agreed)| sla.arrival(to, asked, agreed));
    Event::IncidentLevelChanged(Box::new(LevelChanged {
        incident: incident.id.clone(),
        from: incident.level,
        to,
        clocks: Clocks {
            response: pin(sla.response(to, incident.reported_at)),
            arrival: arrival.map(pin),
            resolution: sla.resolution(to, incident.reported_at).map(pin),
        },
    }))
}
