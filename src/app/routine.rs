//! The routine work of a site that has no rules of its own: backup checks, consultations,
//! customer requests and notes for the month's report — recording them and listing them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::Result;
use super::duplicate::{self, Repeats};
use super::write::write;
use super::{Environment, Ledger, Site};
use crate::period::Period;
use crate::record::request::Request;
use crate::record::routine::{BackupCheck, Consultation, Note};
use crate::record::{Event, Record, select, types};
use crate::routine::{Uncounted, backup_standing, latest_by_job};
use crate::time::local_date;

/// A record and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged<T> {
    pub record: Record,
    pub item: T,
}

/// How a month stands on backups.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupStatus {
    pub month: Period,
    /// Checks the month requires.
    pub required: u32,
    /// Checks that count (docs/rules.md §4.8).
    pub done: u32,
    /// Every check of the month, in the order they happened, with why a check that passed does
    /// not count.
    pub checks: Vec<Logged<(BackupCheck, Option<Uncounted>)>>,
    /// Each job's latest check up to the month's end, in any month: how the job stands.
    pub jobs: Vec<Logged<BackupCheck>>,
}

/// The consultations of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Consultations {
    pub logged: Vec<Logged<Consultation>>,
    /// The minutes spent, of those that say.
    pub minutes: u64,
}

/// The customer requests of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Requests {
    pub logged: Vec<Logged<Request>>,
    pub out_of_scope: usize,
}

/// Records and what they say, as selected from the records read, to keep.
fn owned<T: Clone>(selected: Vec<(&Record, &T)>) -> Vec<Logged<T>> {
    selected
        .into_iter()
        .map(|(record, item)| Logged {
            record: record.clone(),
            item: item.clone(),
        })
        .collect()
}

/// Those of the records selected that happened within `period`, by the clock of `zone`.
fn within<'a, T>(
    zone: Tz,
    period: &Period,
    mut selected: Vec<(&'a Record, &'a T)>,
) -> Vec<(&'a Record, &'a T)> {
    selected.retain(|(record, _)| period.contains(local_date(record.instant(), zone)));
    selected
}

/// The records `pick` recognises that happened within `period`, with what it picked, in the
/// order they happened.
pub fn logged<T: Clone>(
    site: &Site,
    ledger: &mut Ledger,
    period: &Period,
    pick: impl Fn(&Event) -> Option<&T>,
) -> Result<Vec<Logged<T>>> {
    let records = ledger.records(Some(period))?;
    let selected = select(&records, pick);
    Ok(owned(within(site.contract.timezone, period, selected)))
}

/// Records that the backup `job` was checked at `at`: it failed when there is a `failure`
/// note, else it ran and restores. Returns the month of the check.
pub fn check_backup(
    env: &Environment,
    site: &Site,
    at: DateTime<Utc>,
    job: String,
    failure: Option<String>,
) -> Result<Period> {
    let check = BackupCheck {
        job,
        ok: failure.is_none(),
        note: failure,
    };
    write(env, site, at, Event::BackupChecked(check))?;
    Ok(Period::month_of(local_date(at, site.contract.timezone)))
}

/// How `month` stands on backups.
pub fn backup_status(site: &Site, ledger: &mut Ledger, month: Period) -> Result<BackupStatus> {
    let zone = site.contract.timezone;
    let latest = ledger.latest_backup_checks(|t| local_date(t, zone) <= month.last())?;
    let jobs = owned(latest_by_job(&latest));
    let mut checks = ledger.records_of_types(&month, &[types::BACKUP_CHECKED])?;
    checks.retain(|r| month.contains(local_date(r.instant(), zone)));
    let standing = backup_standing(&site.contract, &month, &checks);
    Ok(BackupStatus {
        month,
        required: standing.required,
        done: standing.done,
        checks: standing
            .checks
            .into_iter()
            .map(|c| Logged {
                record: c.record.clone(),
                item: (c.check.clone(), c.uncounted),
            })
            .collect(),
        jobs,
    })
}

/// Records `consultation` at `at` (a blank product is none), unless it repeats one
/// (docs/rules.md §10.3) and `repeats` refuses that.
pub fn log_consultation(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    consultation: Consultation,
    repeats: Repeats,
) -> Result<Record> {
    let product = consultation.product.as_deref().map(str::trim);
    let consultation = Consultation {
        product: product.filter(|p| !p.is_empty()).map(str::to_string),
        ..consultation
    };
    write_unless_repeated(
        env,
        site,
        ledger,
        at,
        Event::SupportLogged(consultation),
        repeats,
    )
}

/// Writes `event` at `at`, unless its text repeats a record's of the same kind and
/// `repeats` refuses that (docs/rules.md §10.3).
fn write_unless_repeated(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    event: Event,
    repeats: Repeats,
) -> Result<Record> {
    repeats.check(env, site, || {
        duplicate::repeated_text(site, ledger, at, &event)
    })?;
    write(env, site, at, event)
}

/// The consultations that happened within `period`.
pub fn consultations(site: &Site, ledger: &mut Ledger, period: &Period) -> Result<Consultations> {
    let logged = logged(site, ledger, period, |event| match event {
        Event::SupportLogged(consultation) => Some(consultation),
        _ => None,
    })?;
    let minutes = logged
        .iter()
        .filter_map(|l| l.item.minutes)
        .map(u64::from)
        .sum();
    Ok(Consultations { logged, minutes })
}

/// Records the customer's `request` asked at `at`, unless it repeats one (docs/rules.md
/// §10.3) and `repeats` refuses that.
pub fn add_request(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    request: Request,
    repeats: Repeats,
) -> Result<Logged<Request>> {
    let event = Event::RequestAdded(request.clone());
    let record = write_unless_repeated(env, site, ledger, at, event, repeats)?;
    Ok(Logged {
        record,
        item: request,
    })
}

/// The requests asked within `period`.
pub fn requests(site: &Site, ledger: &mut Ledger, period: &Period) -> Result<Requests> {
    let logged = logged(site, ledger, period, |event| match event {
        Event::RequestAdded(request) => Some(request),
        _ => None,
    })?;
    let out_of_scope = logged.iter().filter(|l| !l.item.in_scope).count();
    Ok(Requests {
        logged,
        out_of_scope,
    })
}

/// The notes for the report noted within `period`.
pub fn notes(site: &Site, ledger: &mut Ledger, period: &Period) -> Result<Vec<Logged<Note>>> {
    logged(site, ledger, period, |event| match event {
        Event::NoteAdded(note) => Some(note),
        _ => None,
    })
}

/// Records `note` for the month's report, noted at `at`, unless it repeats one
/// (docs/rules.md §10.3) and `repeats` refuses that.
pub fn add_note(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    note: Note,
    repeats: Repeats,
) -> Result<Record> {
    write_unless_repeated(env, site, ledger, at, Event::NoteAdded(note), repeats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consultation(id: &str, at: &str) -> Record {
        let consultation = Consultation {
            text: "CLB health checks".into(),
            product: None,
            minutes: Some(20),
        };
        Record::stated(id, at, "li.lei", Event::SupportLogged(consultation))
    }

    #[test]
    fn what_happened_in_a_period_is_read_by_the_sites_clock() {
        let records = [
            consultation("01JQ01", "2025-03-31T23:30:00+08:00"),
            // Still March in UTC, but April in Shanghai.
            consultation("01JQ02", "2025-03-31T16:30:00+00:00"),
        ];
        let selected = select(&records, |event| match event {
            Event::SupportLogged(consultation) => Some(consultation),
            _ => None,
        });
        let march = Period::month_of("2025-03-01".parse().unwrap());
        let logged = owned(within(chrono_tz::Asia::Shanghai, &march, selected));
        let ids: Vec<&str> = logged.iter().map(|l| l.record.id.as_str()).collect();
        assert_eq!(ids, ["01JQ01"]);
    }
}
