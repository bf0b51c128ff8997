//! The SLA deadlines of an incident level at an instant, as asked before any incident is
//! recorded.

use chrono::{DateTime, NaiveDate, Utc};

use super::environment::{agreed_after, instant_ahead};
use super::{Error, Input, Result, Site};
use crate::calendar::Day;
use crate::contract::Level;
use crate::record::entry::FUTURE_MARGIN;
use crate::sla::{Deadlines, OnSiteRequest, Situation, Sla};
use crate::time::grammar::Clock;
use crate::time::{local_date, rfc3339};

/// The times an SLA question gives, as typed: RFC 3339, or local to the contract's zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct Asked<'a> {
    /// When the incident is reported (`--at`); now when not given.
    pub at: Option<&'a str>,
    /// When the customer asks for an engineer on site (`--onsite-at`); at the report when
    /// not given.
    pub onsite_at: Option<&'a str>,
    /// A later arrival agreed with the customer (`--agreed`).
    pub agreed: Option<&'a str>,
}

/// The deadlines of an incident and what the moment of its report is.
#[derive(Debug)]
pub struct Answer {
    pub deadlines: Deadlines,
    /// Where the report stands against the service hours.
    pub situation: Situation,
    /// The calendar day of the report.
    pub day: Day,
    /// The local dates of the report and its deadlines when no official schedule covers the
    /// time between them (the answer is provisional); empty otherwise.
    pub unpublished: Vec<NaiveDate>,
}

/// The deadlines of an incident of `level` reported as `asked` says.
pub fn deadlines(site: &Site, now: DateTime<Utc>, level: Level, asked: Asked) -> Result<Answer> {
    let zone = site.contract.timezone;
    let clock = Clock {
        now,
        zone,
        margin: FUTURE_MARGIN,
    };
    let time =
        |input, text: Option<&str>| text.map(|t| instant_ahead(input, t, &clock)).transpose();
    let reported_at = time(Input::At, asked.at)?.unwrap_or(now);
    let asked_at = time(Input::OnsiteAt, asked.onsite_at)?.unwrap_or(reported_at);
    let agreed = agreed_after(time(Input::Agreed, asked.agreed)?, asked_at, zone)?;
    if asked_at < reported_at {
        return Err(Error::AskedBeforeReport {
            asked_at: rfc3339(asked_at, zone),
            reported_at: rfc3339(reported_at, zone),
        });
    }
    let sla = Sla::new(&site.contract, &site.calendar);
    let deadlines = sla.deadlines(level, reported_at, OnSiteRequest { asked_at, agreed });
    let reported_on = local_date(reported_at, zone);
    let unpublished = match deadlines.published {
        true => Vec::new(),
        false => deadlines
            .all()
            .map(|d| local_date(d.due, zone))
            .chain([reported_on])
            .collect(),
    };
    Ok(Answer {
        situation: sla.situation(reported_at),
        day: site.calendar.day(reported_on),
        unpublished,
        deadlines,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::app::testing::{CONTRACT, date, site};

    fn now() -> DateTime<Utc> {
        "2025-03-04T02:00:00Z".parse().unwrap()
    }

    fn answer(asked: Asked) -> Result<Answer> {
        let site = site(CONTRACT, Path::new("ledger"));
        deadlines(&site, now(), Level::ALL[0], asked)
    }

    #[test]
    fn an_incident_reported_now_in_service_hours() {
        let answer = answer(Asked::default()).unwrap();
        assert_eq!(answer.deadlines.reported_at, now());
        assert!(answer.situation.in_service_hours());
        assert_eq!(answer.day.date, date("2025-03-04"));
        assert!(answer.unpublished.is_empty());
    }

    #[test]
    fn a_year_without_a_schedule_leaves_the_answer_provisional() {
        let asked = Asked {
            at: Some("2031-10-01 20:00"),
            ..Asked::default()
        };
        let answer = answer(asked).unwrap();
        assert!(!answer.deadlines.published);
        assert!(answer.unpublished.contains(&date("2031-10-01")));
    }

    #[test]
    fn presence_cannot_be_asked_before_the_report() {
        let asked = Asked {
            at: Some("2025-03-04 10:00"),
            onsite_at: Some("2025-03-04 09:00"),
            agreed: None,
        };
        let error = answer(asked).unwrap_err();
        assert!(
            matches!(&error, Error::AskedBeforeReport { asked_at, reported_at }
                if asked_at == "2025-03-04T09:00:00+08:00"
                    && reported_at == "2025-03-04T10:00:00+08:00"),
            "{error:?}"
        );
    }
}
