use super::*;
use chrono::TimeDelta;

use crate::calendar::Calendar;
use crate::contract::Contract;
use crate::ids::Named;
use crate::record::incident::{Noted, Subject};
use crate::time::parse_instant;

/// A Shenzhen 5x8 site with one engineer, level 1 resolved within 8 service hours.
struct Site {
    contract: Contract,
    calendar: Calendar,
    records: Vec<Record>,
    next: u32,
}

impl Site {
    fn new() -> Site {
        let text = "customer = \"T\"\nmode = \"5x8\"\nstart = 2024-01-02\nend = 2026-12-31\n\
                    city = \"Shenzhen\"\n[sla.level1]\nresolve = \"8h\"\nresolve_clock = \"service\"\n";
        Site {
            contract: Contract::parse(text, "t.toml").unwrap(),
            calendar: Calendar::national(),
            records: Vec::new(),
            next: 0,
        }
    }

    fn at(&self, local: &str) -> DateTime<Utc> {
        parse_instant(local, self.contract.timezone).unwrap()
    }

    fn record_id(&mut self) -> String {
        self.next += 1;
        format!("01JQ00000000000000000{:05}", self.next)
    }

    fn push(&mut self, local: &str, event: Event) {
        let id = self.record_id();
        let at = self.at(local);
        let record = Record::new(id, at, self.contract.timezone, "li.lei", event);
        self.records.push(record);
    }

    fn open(&mut self, local: &str, level: u8, onsite: bool) -> String {
        let id = self.record_id();
        let reported_at = self.at(local);
        let sla = Sla::new(&self.contract, &self.calendar);
        let new = NewIncident {
            record_id: &id,
            from_risk: None,
            level: Level::new(level).unwrap(),
            title: "CLB 5xx".to_string(),
            description: None,
            reported_at,
            onsite,
        };
        let event = open_event(new, &sla, self.contract.timezone);
        self.records.push(Record::new(
            id.clone(),
            reported_at,
            self.contract.timezone,
            "li.lei",
            event,
        ));
        short_id(&id)
    }

    fn change_level(&mut self, id: &str, to: u8, local: &str) {
        let sla = Sla::new(&self.contract, &self.calendar);
        let to = Level::new(to).unwrap();
        let event = level_event(&self.incident(id), to, &sla, self.contract.timezone);
        self.push(local, event);
    }

    /// Presence asked at `asked` (local), recorded at `local`.
    fn ask_onsite(&mut self, id: &str, asked: &str, agreed: Option<&str>, local: &str) {
        let sla = Sla::new(&self.contract, &self.calendar);
        let agreed = agreed.map(|t| self.at(t));
        let event = onsite_event(
            &self.incident(id),
            self.at(asked),
            agreed,
            &sla,
            self.contract.timezone,
        );
        self.push(local, event);
    }

    fn incident(&self, id: &str) -> Incident {
        find(&fold(&self.records), id).unwrap().clone()
    }

    fn subject(id: &str) -> Subject {
        Subject {
            incident: id.to_string(),
        }
    }
}

fn resolved_fields(id: &str, summary: &str) -> Resolved {
    Resolved {
        incident: id.to_string(),
        summary: summary.to_string(),
        impact: None,
        cause: None,
        fix: None,
    }
}

fn resolved(id: &str, summary: &str) -> Event {
    Event::IncidentResolved(Box::new(resolved_fields(id, summary)))
}

fn show(site: &Site, t: DateTime<Utc>) -> String {
    crate::time::rfc3339(t, site.contract.timezone)
}

#[test]
fn a_response_exactly_at_the_deadline_is_met_one_second_later_breached() {
    for (ack_at, met) in [
        ("2024-04-30 20:00:00", true),
        ("2024-04-30 20:00:01", false),
    ] {
        let mut site = Site::new();
        let id = site.open("2024-04-30 18:00", 3, false);
        site.push(ack_at, Event::IncidentAcknowledged(Site::subject(&id)));
        let incident = site.incident(&id);
        assert_eq!(
            incident.response.met(site.at("2024-05-01 00:00")),
            Some(met),
            "{ack_at}"
        );
    }
}

#[test]
fn an_open_clock_is_undecided_until_its_deadline_passes() {
    let mut site = Site::new();
    let id = site.open("2024-04-30 18:00", 3, false);
    let incident = site.incident(&id);
    assert_eq!(incident.response.met(site.at("2024-04-30 20:00:00")), None);
    assert_eq!(
        incident.response.met(site.at("2024-04-30 20:00:01")),
        Some(false)
    );
    assert_eq!(incident.arrival, None, "no presence asked");
    assert_eq!(incident.arrival_met(site.at("2024-05-02 00:00")), None);
}

#[test]
fn the_full_lifecycle() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 1, true);
    let incident = site.incident(&id);
    assert_eq!(
        show(&site, incident.response.due),
        "2024-05-04T22:30:00+08:00"
    );
    assert_eq!(
        show(&site, incident.arrival.unwrap().due),
        "2024-05-05T02:00:00+08:00"
    );
    assert_eq!(
        show(&site, incident.resolution.unwrap().due),
        "2024-05-06T17:00:00+08:00"
    );
    site.push(
        "2024-05-04 22:10",
        Event::IncidentAcknowledged(Site::subject(&id)),
    );
    site.push(
        "2024-05-05 01:30",
        Event::IncidentArrived(Site::subject(&id)),
    );
    site.push(
        "2024-05-05 02:00",
        Event::IncidentNoted(Noted {
            incident: id.clone(),
            text: "restarted CLB listener".into(),
        }),
    );
    site.push(
        "2024-05-05 03:00",
        Event::IncidentResolved(Box::new(Resolved {
            cause: Some("expired certificate".into()),
            ..resolved_fields(&id, "listener restarted")
        })),
    );
    site.push(
        "2024-05-06 09:30",
        Event::IncidentClosed(Site::subject(&id)),
    );
    let now = site.at("2024-05-07 00:00");
    let incident = site.incident(&id);
    assert_eq!(incident.status, Status::Closed);
    assert_eq!(incident.response.met(now), Some(true));
    assert_eq!(incident.arrival_met(now), Some(true));
    assert_eq!(incident.resolution.unwrap().met(now), Some(true));
    assert_eq!(incident.responded_by.as_deref(), Some("li.lei"));
    assert_eq!(incident.timeline.len(), 6);
    assert!(incident.running_clocks().is_empty());
    let zone = site.contract.timezone;
    assert_eq!(incident.status_at(site.at("2024-05-04 21:59")), None);
    assert_eq!(
        incident.status_at(site.at("2024-05-05 02:59:59")),
        Some(Status::Open)
    );
    assert_eq!(
        incident.status_at(site.at("2024-05-05 03:00")),
        Some(Status::Resolved)
    );
    assert_eq!(
        incident.status_at(site.at("2024-05-06 12:00")),
        Some(Status::Closed)
    );
    let reopen = incident.check(Action::Reopen, now, now, zone);
    assert_eq!(reopen, Ok(()));
    assert_eq!(
        incident.check(Action::Note, now, now, zone),
        Err(IncidentError::Closed(id.clone()))
    );
    site.push(
        "2024-05-07 00:00",
        Event::IncidentReopened(Site::subject(&id)),
    );
    let reopened = site.incident(&id);
    assert_eq!(
        (reopened.status, reopened.resolved_at),
        (Status::Open, None)
    );
    assert_eq!(
        reopened.resolution.unwrap().met(now),
        Some(false),
        "due again, and late now"
    );
}

#[test]
fn a_level_change_recomputes_from_the_original_report() {
    // Level 3 at Tuesday 18:00 is due at 20:00; raised to level 1 at 18:20 it is due 18:30.
    let mut site = Site::new();
    let id = site.open("2024-04-30 18:00", 3, false);
    site.change_level(&id, 1, "2024-04-30 18:20");
    let incident = site.incident(&id);
    assert_eq!(incident.level, Level::new(1).unwrap());
    assert_eq!(
        show(&site, incident.response.due),
        "2024-04-30T18:30:00+08:00"
    );
    assert!(
        incident.resolution.is_some(),
        "level 1 has a resolution clock"
    );
    assert!(incident.timeline.iter().any(|e| e.happening
        == Happening::LevelChanged {
            from: Level::new(3).unwrap(),
            to: Level::new(1).unwrap()
        }));
    // Raised after the new deadline has passed without a response: breached at once.
    let mut late = Site::new();
    let id = late.open("2024-04-30 18:00", 3, false);
    late.change_level(&id, 1, "2024-04-30 18:45");
    assert_eq!(
        late.incident(&id).response.met(late.at("2024-04-30 18:45")),
        Some(false)
    );
}

#[test]
fn a_resolution_clock_the_new_level_lacks_stops_unless_met() {
    let mut site = Site::new();
    let id = site.open("2024-04-30 18:00", 1, false);
    assert!(site.incident(&id).resolution.is_some());
    site.change_level(&id, 2, "2024-04-30 18:10");
    assert_eq!(
        site.incident(&id).resolution,
        None,
        "level 2 has no resolution clock"
    );
    site.change_level(&id, 1, "2024-04-30 18:20");
    let back = site.incident(&id).resolution.unwrap();
    assert_eq!(
        back.started,
        site.at("2024-04-30 18:00"),
        "counted from the original report"
    );
}

#[test]
fn a_breached_clock_survives_any_level_change() {
    let mut site = Site::new();
    let id = site.open("2024-04-29 09:00", 1, false);
    let resolution = site.incident(&id).resolution.unwrap();
    let late = resolution.due + TimeDelta::hours(1);
    let late = show(&site, late);
    site.change_level(&id, 2, &late);
    let incident = site.incident(&id);
    assert_eq!(
        incident.resolution,
        Some(resolution),
        "breached before level 2, which has no resolution clock"
    );
    assert_eq!(incident.response.due, site.at("2024-04-29 09:15"));
    assert_eq!(incident.response.met(site.at(&late)), Some(false));
}

#[test]
fn a_response_met_before_a_level_change_stays_met() {
    let mut site = Site::new();
    let id = site.open("2024-04-30 18:00", 3, false);
    site.push(
        "2024-04-30 18:50",
        Event::IncidentAcknowledged(Site::subject(&id)),
    );
    site.change_level(&id, 1, "2024-04-30 19:00");
    let incident = site.incident(&id);
    assert_eq!(
        show(&site, incident.response.due),
        "2024-04-30T20:00:00+08:00"
    );
    assert_eq!(
        incident.response.met(site.at("2024-04-30 21:00")),
        Some(true)
    );
}

#[test]
fn presence_asked_after_the_report_starts_the_arrival_clock_then() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 2, false);
    site.ask_onsite(&id, "2024-05-05 01:00", None, "2024-05-05 01:00");
    let arrival = site.incident(&id).arrival.unwrap();
    assert_eq!(show(&site, arrival.started), "2024-05-05T01:00:00+08:00");
    assert_eq!(show(&site, arrival.due), "2024-05-05T09:00:00+08:00");
    // A later agreed time moves it.
    site.ask_onsite(
        &id,
        "2024-05-05 01:05",
        Some("2024-05-05 12:00"),
        "2024-05-05 01:05",
    );
    assert_eq!(
        site.incident(&id).arrival.unwrap().due,
        site.at("2024-05-05 12:00")
    );
}

#[test]
fn an_arrival_no_longer_needed_is_undecided() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 1, true);
    site.push("2024-05-04 23:00", resolved(&id, "fixed remotely"));
    assert_eq!(
        site.incident(&id).arrival_met(site.at("2024-05-06 00:00")),
        None
    );
}

#[test]
fn records_fold_alike_in_any_order() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 1, true);
    site.push(
        "2024-05-04 22:00",
        Event::IncidentAcknowledged(Site::subject(&id)),
    );
    // An acknowledgement in the same second as the report, with an id that sorts first (and
    // is entered later, as the other ids are).
    site.records[1].id = "01JQ0000000000000000000000".to_string();
    site.push(
        "2024-05-05 01:00",
        Event::IncidentArrived(Site::subject(&id)),
    );
    let forward = fold(&site.records);
    let backward = fold(site.records.iter().rev());
    assert_eq!(forward, backward);
    assert_eq!(forward[0].response.done, Some(site.at("2024-05-04 22:00")));
}

#[test]
fn records_about_an_incident_never_opened_are_left_out() {
    let mut site = Site::new();
    site.push(
        "2024-05-04 22:00",
        Event::IncidentAcknowledged(Site::subject("NOSUCH")),
    );
    assert!(fold(&site.records).is_empty());
}

#[test]
fn ids_are_found_by_any_unique_prefix_in_any_case() {
    let mut site = Site::new();
    site.open("2024-05-04 22:00", 1, false);
    site.open("2024-05-04 22:01", 1, false);
    let incidents = fold(&site.records);
    let ids: Vec<&str> = incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["000001", "000002"]);
    assert_eq!(find(&incidents, "000002").unwrap().id, "000002");
    assert_eq!(
        find(&incidents, "0000").unwrap_err(),
        IncidentError::Id(IdError::Ambiguous {
            typed: "0000".into(),
            candidates: vec!["000001".into(), "000002".into()],
        })
    );
    assert_eq!(
        find(&incidents, "x").unwrap_err(),
        IncidentError::Id(IdError::Unknown {
            what: Named::Incident,
            typed: "x".into(),
        })
    );
    assert!(find(&incidents, "").is_err());
}

#[test]
fn recording_is_refused_when_it_makes_no_sense() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 2, false);
    let now = site.at("2024-05-05 10:00");
    let incident = site.incident(&id);
    let zone = site.contract.timezone;
    let check = |action, at: &str| incident.check(action, site.at(at), now, zone);
    assert!(matches!(
        check(Action::Acknowledge, "2024-05-04 21:59"),
        Err(IncidentError::BeforeReport { .. })
    ));
    assert_eq!(check(Action::Acknowledge, "2024-05-05 10:01"), Ok(()));
    assert!(matches!(
        check(Action::Acknowledge, "2024-05-05 10:01:01"),
        Err(IncidentError::Future { .. })
    ));
    assert_eq!(
        check(Action::Close, "2024-05-05 09:00"),
        Err(IncidentError::NotResolved(id.clone()))
    );
    assert_eq!(
        check(Action::Reopen, "2024-05-05 09:00"),
        Err(IncidentError::AlreadyOpen(id.clone()))
    );
    assert!(matches!(
        check(Action::Level(Level::new(2).unwrap()), "2024-05-05 09:00"),
        Err(IncidentError::SameLevel { .. })
    ));
    site.push(
        "2024-05-04 22:10",
        Event::IncidentAcknowledged(Site::subject(&id)),
    );
    let incident = site.incident(&id);
    assert_eq!(
        incident.check(Action::Acknowledge, now, now, zone),
        Err(IncidentError::AlreadyAcknowledged(id.clone()))
    );
}

#[test]
fn running_clocks_nearest_first_and_at_risk() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 1, true);
    let incident = site.incident(&id);
    let names: Vec<ClockName> = incident.running_clocks().iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            ClockName::Response,
            ClockName::Arrival,
            ClockName::Resolution
        ]
    );
    let response = incident.response;
    assert!(matches!(
        response.state(site.at("2024-05-04 22:23:59"), 0.8),
        ClockState::Pending { at_risk: false, .. }
    ));
    assert!(matches!(
        response.state(site.at("2024-05-04 22:24:00"), 0.8),
        ClockState::Pending { at_risk: true, .. }
    ));
}

#[test]
fn a_second_request_never_hides_a_breach_nor_undoes_an_arrival() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 2, true);
    // Due 05-05 06:00; asked again after that, with a later agreed time: still breached.
    site.ask_onsite(
        &id,
        "2024-05-05 07:00",
        Some("2024-05-05 12:00"),
        "2024-05-05 07:00",
    );
    let incident = site.incident(&id);
    assert_eq!(
        show(&site, incident.arrival.unwrap().due),
        "2024-05-05T06:00:00+08:00"
    );
    assert_eq!(
        incident.arrival_met(site.at("2024-05-05 08:00")),
        Some(false)
    );
    // Asked again before the deadline with a later agreed time: the later time holds.
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 2, true);
    site.ask_onsite(
        &id,
        "2024-05-05 01:00",
        Some("2024-05-05 12:00"),
        "2024-05-05 01:00",
    );
    assert_eq!(
        site.incident(&id).arrival.unwrap().due,
        site.at("2024-05-05 12:00")
    );
    // Once on site, asking again is refused.
    site.push(
        "2024-05-05 09:00",
        Event::IncidentArrived(Site::subject(&id)),
    );
    let incident = site.incident(&id);
    let now = site.at("2024-05-05 10:00");
    let zone = site.contract.timezone;
    assert_eq!(
        incident.check(Action::OnsiteRequest { agreed: false }, now, now, zone),
        Err(IncidentError::AlreadyArrived(id.clone()))
    );
    assert_eq!(incident.arrival_met(now), Some(true));
}

#[test]
fn an_engineer_already_on_site_meets_a_later_request() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 2, false);
    site.push(
        "2024-05-04 23:00",
        Event::IncidentArrived(Site::subject(&id)),
    );
    site.ask_onsite(&id, "2024-05-04 23:30", None, "2024-05-04 23:30");
    let incident = site.incident(&id);
    assert_eq!(
        incident.arrival.unwrap().done,
        Some(site.at("2024-05-04 23:00"))
    );
    assert_eq!(
        incident.arrival_met(site.at("2024-05-06 00:00")),
        Some(true)
    );
}

#[test]
fn arriving_or_resolving_is_a_response() {
    for (event, at) in [
        (
            Event::IncidentArrived(Site::subject("000001")),
            "2024-05-04 22:20",
        ),
        (resolved("000001", "fixed"), "2024-05-04 22:20"),
    ] {
        let mut site = Site::new();
        let id = site.open("2024-05-04 22:00", 1, false);
        assert_eq!(id, "000001");
        site.push(at, event);
        let incident = site.incident(&id);
        assert_eq!(incident.response.done, Some(site.at(at)));
        assert_eq!(
            incident.response.met(site.at("2024-05-09 00:00")),
            Some(true)
        );
    }
}

#[test]
fn a_resolved_incident_has_no_running_clocks() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 1, true);
    site.push("2024-05-04 22:05", resolved(&id, "ok"));
    assert!(site.incident(&id).running_clocks().is_empty());
}

#[test]
fn a_status_change_cannot_be_dated_before_the_last_one() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 3, false);
    site.push("2024-05-04 23:00", resolved(&id, "ok"));
    let incident = site.incident(&id);
    let now = site.at("2024-05-05 10:00");
    let zone = site.contract.timezone;
    assert!(matches!(
        incident.check(Action::Close, site.at("2024-05-04 22:30"), now, zone),
        Err(IncidentError::BeforeStatusChange { .. })
    ));
    assert_eq!(
        incident.check(Action::Close, site.at("2024-05-04 23:00"), now, zone),
        Ok(())
    );
    assert_eq!(
        incident.check(Action::Note, site.at("2024-05-04 22:30"), now, zone),
        Ok(())
    );
}

#[test]
fn a_copied_record_counts_once_and_the_opening_need_not_come_first() {
    let mut site = Site::new();
    let id = site.open("2024-05-04 22:00", 3, false);
    site.push(
        "2024-05-04 22:10",
        Event::IncidentNoted(Noted {
            incident: id.clone(),
            text: "x".into(),
        }),
    );
    let copy = site.records[1].clone();
    site.records.push(copy);
    // A record by a teammate whose clock runs behind, dated before the report.
    site.push(
        "2024-05-04 21:50",
        Event::IncidentAcknowledged(Site::subject(&id)),
    );
    let incident = site.incident(&id);
    assert_eq!(
        incident.timeline.len(),
        3,
        "opened, the note once, the acknowledgement"
    );
    assert_eq!(incident.reported_at, site.at("2024-05-04 22:00"));
}

#[test]
fn an_incident_is_reported_within_the_term() {
    let site = Site::new();
    let now = site.at("2030-01-01 00:00");
    assert!(matches!(
        check_report_time(site.at("2023-12-31 23:00"), now, &site.contract),
        Err(IncidentError::OutsideTerm(_))
    ));
    assert_eq!(
        check_report_time(site.at("2024-01-02 00:00"), now, &site.contract),
        Ok(())
    );
    assert!(matches!(
        check_report_time(site.at("2027-01-01 00:00"), now, &site.contract),
        Err(IncidentError::OutsideTerm(_))
    ));
}

impl Site {
    /// `duplicate` merged into `kept` at `local`, as `otss incident merge` writes it.
    fn merge(&mut self, duplicate: &str, kept: &str, local: &str) {
        let sla = Sla::new(&self.contract, &self.calendar);
        let (duplicate, kept) = (self.incident(duplicate), self.incident(kept));
        let event = merge_event(&kept, &duplicate, &sla, self.contract.timezone);
        let void = Event::RecordVoided(Box::new(void::Voided {
            target: duplicate.opening.clone(),
            reason: String::new(),
            incident: Some(duplicate.id.clone()),
            target_at: None,
            target_type: None,
            merged_into: Some(kept.id.clone()),
            undo: false,
        }));
        self.push(local, void);
        self.push(local, event);
    }

    fn amend(&mut self, id: &str, texts: &[(Field, &str)], local: &str) {
        let texts = texts.iter().map(|(f, t)| (*f, t.to_string())).collect();
        let event = amend_event(&self.incident(id), texts).unwrap();
        self.push(local, event);
    }
}

#[test]
fn a_merge_takes_the_duplicates_earlier_request_and_arrival_and_withdraws_it() {
    let mut site = Site::new();
    let duplicate = site.open("2025-03-04 20:00", 1, true);
    site.push(
        "2025-03-04 21:00",
        Event::IncidentArrived(Site::subject(&duplicate)),
    );
    let kept = site.open("2025-03-04 20:20", 1, false);
    let dup_arrival = site.incident(&duplicate).arrival.unwrap();
    site.merge(&duplicate, &kept, "2025-03-04 22:00");

    let incidents = fold(&site.records);
    assert_eq!(incidents.len(), 1, "the duplicate counts nowhere");
    let merged = &incidents[0];
    assert_eq!(merged.id, kept);
    assert_eq!(merged.reported_at, site.at("2025-03-04 20:00"));
    assert_eq!(merged.response.done, Some(site.at("2025-03-04 21:00")));
    let arrival = merged.arrival.unwrap();
    assert_eq!(
        (arrival.started, arrival.due),
        (dup_arrival.started, dup_arrival.due)
    );
    assert_eq!(arrival.done, Some(site.at("2025-03-04 21:00")));
    assert!(matches!(
        merged.timeline.last().unwrap().happening,
        Happening::Merged { .. }
    ));

    let refused = find_in(&site.records, &duplicate.to_lowercase()).unwrap_err();
    assert_eq!(
        refused,
        IncidentError::Merged {
            id: duplicate.clone(),
            into: kept.clone()
        }
    );
}

#[test]
fn a_merge_whose_void_is_voided_gives_the_duplicate_back() {
    let mut site = Site::new();
    let duplicate = site.open("2025-03-04 10:00", 1, false);
    let kept = site.open("2025-03-04 10:20", 1, false);
    site.merge(&duplicate, &kept, "2025-03-04 12:00");
    let void = site.records[site.records.len() - 2].clone();
    let restore = Event::RecordVoided(Box::new(void::Voided {
        target: void.id,
        reason: "not the same fault".to_string(),
        incident: Some(duplicate.clone()),
        target_at: None,
        target_type: None,
        merged_into: None,
        undo: false,
    }));
    site.push("2025-03-04 12:05", restore);
    assert!(merged_away(&site.records).is_empty());
    assert_eq!(site.incident(&duplicate).id, duplicate);
}

#[test]
fn the_latest_amendment_of_each_text_wins_and_each_is_kept_with_what_it_replaced() {
    let mut site = Site::new();
    let id = site.open("2025-03-04 10:00", 2, false);
    site.push("2025-03-04 10:30", resolved(&id, "restarted"));
    site.amend(
        &id,
        &[(Field::Summary, "listener restarted")],
        "2025-03-04 11:00",
    );
    site.amend(
        &id,
        &[
            (Field::Summary, "listener restarted twice"),
            (Field::Title, "CLB 502"),
        ],
        "2025-03-04 11:10",
    );
    let incident = site.incident(&id);
    assert_eq!(incident.title, "CLB 502");
    assert_eq!(
        incident.text(Field::Summary),
        Some("listener restarted twice")
    );
    let history: Vec<(Field, Option<&str>, &str)> = incident
        .amendments
        .iter()
        .map(|a| (a.field, a.from.as_deref(), a.to.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (Field::Summary, Some("restarted"), "listener restarted"),
            (Field::Title, Some("CLB 5xx"), "CLB 502"),
            (
                Field::Summary,
                Some("listener restarted"),
                "listener restarted twice"
            ),
        ]
    );
    assert!(amend_event(&incident, [(Field::Title, "CLB 502".to_string())].into()).is_none());
}

#[test]
fn an_amended_resolution_text_before_any_resolution_is_passed_over() {
    let mut site = Site::new();
    let id = site.open("2025-03-04 10:00", 2, false);
    let amended = Event::IncidentAmended(Amended {
        incident: id.clone(),
        texts: [(Field::Cause, "certificate".to_string())].into(),
    });
    site.push("2025-03-04 10:10", amended);
    let incident = site.incident(&id);
    assert!(incident.amendments.is_empty());
    assert_eq!(incident.text(Field::Cause), None);
}

impl Site {
    /// A record of `event` that happened at `local` and was entered at `entered` (local).
    fn push_entered(&mut self, local: &str, entered: &str, event: Event) -> String {
        self.next += 1;
        let millis = u64::try_from(self.at(entered).timestamp_millis()).unwrap();
        let id = ulid::Ulid::from_parts(millis, u128::from(self.next)).to_string();
        let record = Record::new(
            id.clone(),
            self.at(local),
            self.contract.timezone,
            "li",
            event,
        );
        self.records.push(record);
        id
    }
}

#[test]
fn an_acknowledgement_entered_before_it_happened_counts_nowhere() {
    let mut site = Site::new();
    let id = site.open("2024-04-30 18:00", 3, false);
    let ack = Event::IncidentAcknowledged(Site::subject(&id));
    site.push_entered("2024-04-30 19:00", "2024-04-30 18:30", ack);
    assert_eq!(site.incident(&id).response.done, None);
}

#[test]
fn an_acknowledgement_entered_hours_later_is_marked_with_both_times() {
    let mut site = Site::new();
    let id = site.open("2024-04-30 18:00", 3, false);
    let ack = Event::IncidentAcknowledged(Site::subject(&id));
    let record = site.push_entered("2024-04-30 19:00", "2024-04-30 23:00", ack);
    let incident = site.incident(&id);
    assert_eq!(incident.response.done, Some(site.at("2024-04-30 19:00")));
    let marked: Vec<_> = incident
        .entered_later
        .iter()
        .filter(|mark| mark.decides == Decides::Response)
        .collect();
    assert_eq!(
        marked,
        [&EnteredLater {
            record,
            decides: Decides::Response,
            at: site.at("2024-04-30 19:00"),
            entered_at: site.at("2024-04-30 23:00"),
        }]
    );
}

#[test]
fn a_second_opening_entered_later_never_replaces_the_first() {
    let mut site = Site::new();
    let real = site.push_entered(
        "2024-04-30 18:00",
        "2024-04-30 18:00",
        open_event_for(&site, "REAL01", 1),
    );
    site.push_entered(
        "2024-04-30 17:00",
        "2024-04-30 23:00",
        open_event_for(&site, "REAL01", 3),
    );
    let incident = site.incident("REAL01");
    assert_eq!(incident.opening, real);
    assert_eq!(incident.level, Level::new(1).unwrap());
    assert_eq!(incident.reported_at, site.at("2024-04-30 18:00"));
}

/// An opening of incident `id` at level `level` reported at 18:00.
fn open_event_for(site: &Site, id: &str, level: u8) -> Event {
    let sla = Sla::new(&site.contract, &site.calendar);
    let new = NewIncident {
        record_id: id,
        from_risk: None,
        level: Level::new(level).unwrap(),
        title: "CLB 5xx".to_string(),
        description: None,
        reported_at: site.at("2024-04-30 18:00"),
        onsite: false,
    };
    open_event(new, &sla, site.contract.timezone)
}

#[test]
fn the_opening_that_named_the_incident_is_the_incident_whatever_was_entered_first() {
    let mut site = Site::new();
    let real = site.open("2024-04-30 18:00", 1, false);
    // A forged opening of the same id, with an id entered before the real one.
    site.push_entered(
        "2024-04-30 18:00",
        "2024-04-30 18:00",
        open_event_for(&site, &real, 3),
    );
    let incident = site.incident(&real);
    assert_eq!(short_id(&incident.opening), real);
    assert_eq!(incident.level, Level::new(1).unwrap());
}
