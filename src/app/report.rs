//! The service reports (docs/rules.md §7): the report of a period of the term, the reports of the
//! term with where each stands, and the record that one was delivered.

use std::collections::BTreeSet;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, Utc};

use super::duplicate;
use super::fingerprint;
use super::{Environment, Error, Ledger, Repeats, Result, Site, Wanted, append, new_record_id};
use crate::incident::Incident;
use crate::ledger::index::Index;
use crate::ledger::{self, chain};
use crate::period::Period;
use crate::record::report::Issued;
use crate::record::{Event, Record, types};
use crate::report::{
    DueReport, Feedback, IncidentFacts, Report, ReportError, Scope, Sources, corrections,
    days_span, report_month, reports_due,
};
use crate::time::local_date;

/// Writes a rendered report to `path`, whole or not at all, readable by its owner only.
pub fn write_out(path: &std::path::Path, text: &str) -> Result<()> {
    Ok(crate::store::write_whole(path, text.as_bytes())?)
}

/// The scope of a period typed: a month or a year of the term.
pub fn scope(site: &Site, now: DateTime<Utc>, typed: &str) -> Result<Scope> {
    let period = month_or_year(typed, local_date(now, site.contract.timezone))?;
    Ok(Scope::new(&site.contract, period)?)
}

/// The month or the year typed, read on `today`.
pub fn month_or_year(typed: &str, today: NaiveDate) -> Result<Period> {
    let period = Period::parse(typed, today)
        .ok()
        .filter(|p| !matches!(p, Period::Day(_)))
        .ok_or_else(|| ReportError::NotAPeriod(typed.trim().to_string()))?;
    Ok(period)
}

/// The report of `scope` at `now`, which must have begun.
pub fn service_report(
    site: &Site,
    now: DateTime<Utc>,
    scope: Scope,
    ledger: &mut Ledger,
) -> Result<Report> {
    // The requests the report lists: those asked within its period, and those still waiting
    // when it ends; a request's moves may come in any later month.
    let (from, to) = scope.span(&site.contract);
    let feedback = |ledger: &mut Ledger| {
        let requests = ledger.records_of_requests_waiting(to.min(now), Some((from, to)))?;
        Ok(Feedback::of(
            requests,
            &scope,
            &site.contract,
            &site.calendar,
            now,
        ))
    };
    let (mut report, _, feedback) =
        counted_report_seeing(site, now, scope, ledger, |_| (), |_| (), feedback)?;
    report.feedback = feedback;
    Ok(report)
}

/// The report of `scope` at `now`, which must have begun, but for what became of the requests
/// (its `feedback` stays empty), which a figure across sites does not need.
pub fn counted_report(
    site: &Site,
    now: DateTime<Utc>,
    scope: Scope,
    ledger: &mut Ledger,
) -> Result<Report> {
    let (report, _, ()) =
        counted_report_seeing(site, now, scope, ledger, |_| (), |_| (), nothing_more)?;
    Ok(report)
}

/// The report of `scope` at `now`, which must have begun, but for what became of the requests
/// (its `feedback` stays empty), with what `keep` takes of each incident it counts. It shows
/// `see` the records of each month it counts (but for incidents' records other than their
/// openings) as they are read, and reads what `afterwards` reads once the incidents are folded
/// or the months read, whichever comes first.
pub fn counted_report_seeing<T, A: Send>(
    site: &Site,
    now: DateTime<Utc>,
    scope: Scope,
    ledger: &mut Ledger,
    keep: impl Fn(&Incident) -> T,
    see: impl FnMut(&[Record]) + Send,
    afterwards: impl FnOnce(&mut Ledger) -> Result<A> + Send,
) -> Result<(Report, Vec<T>, A)> {
    scope.check_begun(local_date(now, site.contract.timezone))?;
    ledger.hold_index()?;
    let (from, to) = scope.span(&site.contract);
    let digest = |incident: &Incident| (IncidentFacts::new(incident, now), keep(incident));
    let months = scope.parts();
    // A second thread reads the records of each month and counts what they say while this
    // one folds the incidents, then counts the incidents of each month: a year of a busy site
    // on both cores, holding one month's records at a time. Whichever thread is done first
    // then reads what `afterwards` asks, through a fork of its own, so that the warnings come
    // in the same order whichever it was: the fold's, the months', then what was read after.
    let afterwards = FirstFree::new(afterwards);
    let mut reader = ledger.fork();
    let (incidents, kept, parts, read_afterwards) = std::thread::scope(|threads| {
        let (send, counted) = channel();
        let (months, afterwards) = (&months, &afterwards);
        let worker = threads.spawn(move || {
            let all_counted = recorded_parts(site, now, months, &mut reader, see, &send);
            drop(send);
            let read_afterwards = match all_counted {
                true => afterwards.run(&mut reader),
                false => None,
            };
            (reader, read_afterwards)
        });
        let folded = ledger.incidents(Wanted::Between(from, to), digest);
        let mut here = ledger.fork();
        let read_here = match folded {
            Ok(_) => afterwards.run(&mut here),
            Err(_) => None,
        };
        let parts = folded.and_then(|folded| incidents_counted(site, now, folded, &counted));
        drop(counted);
        let (reader, read_there) = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let read_afterwards = read_here.or(read_there);
        parts.map(|(incidents, kept, parts)| {
            ledger.absorb(reader);
            ledger.absorb(here);
            (incidents, kept, parts, read_afterwards)
        })
    })?;
    // The voids and the last issue are read from the months the index says they are in.
    let month = report_month(&site.contract, &scope);
    let written = ledger.corrections_written(from, to, month.as_deref())?;
    let zone = site.contract.timezone;
    let months: BTreeSet<NaiveDate> = written
        .into_iter()
        .map(|t| Period::month_of(local_date(t, zone)).first())
        .collect();
    let months: Vec<NaiveDate> = months.into_iter().collect();
    let read = [types::RECORD_VOIDED, types::REPORT_ISSUED];
    // Nothing corrected and never issued: no month to read.
    let records = match months.is_empty() {
        true => Vec::new(),
        false => ledger.written_records_of_types(&months, &read)?,
    };
    let corrections = corrections(&records, &incidents, from, to);
    let mut report = Report::combine(&sources(site, now, &[], &[]), incidents, scope, parts);
    report.corrections = corrections;
    report.fingerprint = month.and_then(|month| last_fingerprint(&month, &records));
    let read_afterwards = read_afterwards.expect(
        "once the fold is done, the thread that asked first read it; a failure is raised above",
    )?;
    Ok((report, kept, read_afterwards))
}

/// A reading that the first of several threads to ask for it does, once.
struct FirstFree<F>(Mutex<Option<F>>);

impl<F> FirstFree<F> {
    fn new(read: F) -> FirstFree<F> {
        FirstFree(Mutex::new(Some(read)))
    }

    /// What the reading gives, read through `ledger`, unless another thread has taken it.
    fn run<A>(&self, ledger: &mut Ledger) -> Option<Result<A>>
    where
        F: FnOnce(&mut Ledger) -> Result<A>,
    {
        let read = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()?;
        Some(read(ledger))
    }
}

/// For `counted_report_seeing`, when nothing more is to be read.
pub(super) fn nothing_more(_: &mut Ledger) -> Result<()> {
    Ok(())
}

/// The part of the report of each of `months` that its records alone say, counted from the
/// records `ledger` reads of it, which `see` is shown, and sent in order; an error ends them.
/// Whether every part was sent.
fn recorded_parts(
    site: &Site,
    now: DateTime<Utc>,
    months: &[Scope],
    ledger: &mut Ledger,
    mut see: impl FnMut(&[Record]),
    send: &Sender<Result<Report>>,
) -> bool {
    for month in months {
        let part = routine_records(ledger, month).map(|records| {
            see(&records);
            let sources = sources(site, now, &[], &records);
            Report::part_recorded(&sources, *month)
        });
        let failed = part.is_err();
        if send.send(part).is_err() || failed {
            return false;
        }
    }
    true
}

/// The incidents `folded`, sorted as a report lists them, and what was kept of each; and each
/// part `counted` brings, with the incidents reported in it counted.
fn incidents_counted<T>(
    site: &Site,
    now: DateTime<Utc>,
    folded: Vec<(IncidentFacts, T)>,
    counted: &Receiver<Result<Report>>,
) -> Result<(Vec<IncidentFacts>, Vec<T>, Vec<Report>)> {
    let (mut incidents, kept): (Vec<IncidentFacts>, Vec<T>) = folded.into_iter().unzip();
    incidents.sort_by(|a, b| (a.reported_at, &a.id).cmp(&(b.reported_at, &b.id)));
    let sources = sources(site, now, &incidents, &[]);
    // The reader stops early only on an error, which it sends, or a panic, which its join
    // raises.
    let parts = counted
        .iter()
        .map(|part| {
            part.map(|mut part| {
                part.count_incidents(&sources);
                part
            })
        })
        .collect::<Result<Vec<Report>>>()?;
    Ok((incidents, kept, parts))
}

/// What a report of `site` at `now` is counted from.
fn sources<'a>(
    site: &'a Site,
    now: DateTime<Utc>,
    incidents: &'a [IncidentFacts],
    records: &'a [Record],
) -> Sources<'a> {
    Sources {
        contract: &site.contract,
        calendar: &site.calendar,
        incidents,
        records,
        now,
    }
}

/// The records of `month` a report counts: every record but incidents' follow-ups, which come
/// through the index; the openings tell the risks taken up.
fn routine_records(ledger: &mut Ledger, month: &Scope) -> Result<Vec<Record>> {
    let routine = |line: &[u8]| {
        ledger::written_type(line)
            .is_none_or(|t| !t.starts_with(types::INCIDENT) || t == types::INCIDENT_OPENED)
    };
    ledger.records_where(Some(&[month.period.first()]), routine)
}

/// The fingerprint the last issue of the report of `scope` kept, if it was issued: its issues
/// are recorded in its month or later ones, `months`.
pub(super) fn last_fingerprint(month: &str, records: &[Record]) -> Option<String> {
    let fingerprinted = records.iter().filter_map(|record| match &record.event {
        Event::ReportIssued(issued) if issued.period == month => {
            Some((record.instant(), issued.fingerprint.clone()?))
        }
        _ => None,
    });
    fingerprinted.max().map(|(_, fingerprint)| fingerprint)
}

/// Every report of the term with where it stands at `now`.
pub fn term_reports(
    site: &Site,
    now: DateTime<Utc>,
    ledger: &mut Ledger,
) -> Result<Vec<DueReport>> {
    Ok(term_reports_in(site, now, &ledger.open_index()?))
}

/// Every report of the term with where it stands at `now`, by the reports `index` knows were
/// issued.
pub(super) fn term_reports_in(site: &Site, now: DateTime<Utc>, index: &Index) -> Vec<DueReport> {
    let today = local_date(now, site.contract.timezone);
    let corrected = |first: NaiveDate, last: NaiveDate, issued: DateTime<Utc>| {
        let (from, to) = days_span(&site.contract, first, last);
        index.corrected_after(from.timestamp(), to.timestamp(), issued.timestamp())
    };
    reports_due(&site.contract, index.issued_reports(), today, corrected)
}

/// Records that the report of the period typed was delivered at `at` (`--at`, else now), with
/// the fingerprint of the ledger as it stood (docs/rules.md §10.7), and returns the record. A report can be delivered once its month has begun, or
/// its due date has come (the annual summary may be due before the term's last month begins).
/// A report issued already is a likely duplicate (docs/rules.md §10.3), recorded again only if
/// `repeats` allows.
pub fn issue(
    site: &Site,
    env: &Environment,
    period: &str,
    at: Option<&str>,
    ledger: &mut Ledger,
    repeats: Repeats,
) -> Result<Record> {
    let scope = scope(site, env.now, period)?;
    let month = report_month(&site.contract, &scope).ok_or_else(|| Error::NotATermReport {
        period: period.to_string(),
        annual: Period::month_of(site.contract.end).label(),
    })?;
    let at = env.at(site, at)?;
    let due = term_reports(site, env.now, ledger)?
        .into_iter()
        .find(|r| r.month.format("%Y-%m").to_string() == month)
        .map(|r| r.due);
    let month_begins = Period::parse(&month, scope.first).map(|p| p.first())?;
    let earliest = due.map_or(month_begins, |due| due.min(month_begins));
    if local_date(at, site.contract.timezone) < earliest {
        return Err(Error::IssuedTooEarly { month, earliest });
    }
    repeats.check(env, site, || duplicate::issued_before(ledger, &month))?;
    let files = fingerprint::ledger_heads(site)?;
    let event = Event::ReportIssued(Issued {
        period: month.clone(),
        fingerprint: Some(chain::fingerprint(&files)),
        files,
    });
    append(env, site, new_record_id(env.now), at, event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::TestSite;
    use crate::report::{DueState, ReportKind};

    #[test]
    fn a_reading_for_the_first_thread_free_is_done_once() {
        let t = TestSite::at("2025-03-04 10:00");
        let reads = std::sync::atomic::AtomicU32::new(0);
        let reading = FirstFree::new(|_: &mut Ledger| {
            Ok(reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
        });
        let first = t.read(|ledger| Ok(reading.run(ledger))).unwrap();
        let second = t.read(|ledger| Ok(reading.run(ledger))).unwrap();
        assert!(matches!(first, Some(Ok(0))), "{first:?}");
        assert!(second.is_none(), "{second:?}");
        assert_eq!(reads.into_inner(), 1);
    }

    #[test]
    fn a_report_is_of_a_month_or_a_year_of_the_term() {
        let t = TestSite::at("2025-03-04 10:00");
        let scope = |typed| scope(&t.site, t.env.now, typed);
        assert_eq!(scope("2025-03").unwrap().kind, ReportKind::Monthly);
        assert_eq!(scope("2026").unwrap().kind, ReportKind::Annual);
        let day = scope("2025-03-04").unwrap_err();
        assert!(
            matches!(&day, Error::Report(ReportError::NotAPeriod(typed)) if typed == "2025-03-04"),
            "{day:?}"
        );
        assert!(scope("2023-12").is_err(), "before the term");
    }

    #[test]
    fn a_report_issued_stands_issued_and_one_to_come_cannot_be() {
        let t = TestSite::at("2025-03-04 10:00");
        let issue = |period, at| {
            t.read(|ledger| issue(&t.site, &t.env, period, at, ledger, Repeats::Refused))
        };
        let issued = issue("2025-02", None).unwrap();
        assert!(
            matches!(&issued.event, Event::ReportIssued(i)
                if i.period == "2025-02" && i.fingerprint.as_deref() == Some(chain::fingerprint(&i.files).as_str())),
            "{issued:?}"
        );
        let reports = t
            .read(|ledger| term_reports(&t.site, t.env.now, ledger))
            .unwrap();
        let state = |month: &str| {
            let month = Period::parse(month, t.site.contract.start).unwrap().first();
            reports.iter().find(|r| r.month == month).unwrap().state
        };
        assert_eq!(state("2025-02"), DueState::Issued);
        assert_eq!(state("2025-01"), DueState::Late);
        let early = issue("2025-05", None).unwrap_err();
        assert!(
            matches!(&early, Error::IssuedTooEarly { month, earliest }
                if month == "2025-05" && earliest.to_string() == "2025-05-01"),
            "{early:?}"
        );
        let not_of_term = issue("2025", None).unwrap_err();
        assert!(
            matches!(&not_of_term, Error::NotATermReport { period, annual }
                if period == "2025" && annual == "2026-12"),
            "{not_of_term:?}"
        );
    }
}
