//! Generates the example ledger of `examples/chengdu-5x8`: a 5x8 on-site support service at a
//! securities company in Chengdu whose systems run on Tencent Cloud, recorded day by day by two
//! engineers. Inspection rounds with a few abnormal findings, incidents through their whole
//! lifecycle (some opened from findings, a few clocks breached), backup checks, support
//! consultations, customer requests, risk and suggestion notes, the holiday duty roster,
//! overtime and comp leave, and the monthly reports issued.
//!
//! Every record is made with the `otss` library's own types and rules: deadlines are computed
//! and pinned by its SLA, each action on an incident passes the checks the CLI makes, requests
//! are classified by its scope rules, comp days come from its calendar. The same arguments give
//! the same files, byte for byte.
//!
//! ```sh
//! cargo run --example generate-ledger -- \
//!     [--out DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--seed N] [--force]
//! ```
//!
//! The defaults write 2025-01-02 to 2025-03-31 into `examples/chengdu-5x8/ledger`. A directory
//! that is not empty is refused unless `--force` is given; its `*.jsonl` files are then
//! replaced.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail, ensure};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use clap::Parser;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ulid::Ulid;

use otss::calendar::{Calendar, DayKind};
use otss::contract::Contract;
use otss::contract::Level;
use otss::i18n::Lang;
use otss::ids::short_id;
use otss::incident::{
    Action, Incident, NewIncident, check_report_time, fold, level_event, onsite_event, open_event,
};
use otss::inspect;
use otss::leave;
use otss::ledger::{file_stem, partition, partition_month};
use otss::record::incident::{Noted, Resolved, Subject};
use otss::record::inspect::{ItemResult, Outcome, Round};
use otss::record::leave::Overtime;
use otss::record::report::Issued;
use otss::record::routine::{BackupCheck, Consultation, Note, NoteKind};
use otss::record::{Event, Record};
use otss::request::Scope;
use otss::service::InspectionKind;
use otss::sla::{Rule, Sla};
use otss::time::{local_date, local_instant, noon};

const CONTRACT: &str = "examples/chengdu-5x8/otss.toml";
const ENGINEERS: [&str; 2] = ["zhang.wei", "li.na"];
const SEED: u64 = 13;

#[derive(Parser)]
#[command(about = "Generate the example ledger of examples/chengdu-5x8")]
struct Args {
    /// The ledger directory [default: the contract's `ledger`, beside it]
    #[arg(long)]
    out: Option<PathBuf>,
    /// First day generated
    #[arg(long, default_value = "2025-01-02")]
    from: NaiveDate,
    /// Last day generated
    #[arg(long, default_value = "2025-03-31")]
    to: NaiveDate,
    /// Seed of the random choices
    #[arg(long, default_value_t = SEED)]
    seed: u64,
    /// Replace the *.jsonl files of a directory that is not empty
    #[arg(long)]
    force: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CONTRACT);
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let contract = Contract::parse(&text, &path.display().to_string()).map_err(said)?;
    let site = path.parent().unwrap_or(Path::new("."));
    let schedules = contract
        .calendar
        .schedules
        .iter()
        .map(|file| otss::store::read_schedule(&site.join(file)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(said)?;
    let calendar = Calendar::new(&schedules, &contract.calendar.overrides);
    ensure!(
        args.from <= args.to,
        "--from {} is after --to {}",
        args.from,
        args.to
    );
    contract.check_in_term(args.from).map_err(said)?;
    contract.check_in_term(args.to).map_err(said)?;

    let mut generator = Generator::new(&contract, &calendar, &ENGINEERS, args.seed, args.to);
    for date in args.from.iter_days().take_while(|d| *d <= args.to) {
        generator.day(date, args.from);
    }
    let out = args.out.unwrap_or_else(|| site.join(&contract.ledger));
    let files = write_ledger(&out, &generator.records, contract.timezone, args.force)?;
    println!(
        "{} records in {} files under {}",
        generator.records.len(),
        files,
        out.display()
    );
    Ok(())
}

/// An error of otss, as otss says it in English.
fn said(error: impl Into<otss::app::Error>) -> anyhow::Error {
    anyhow::anyhow!(Lang::En.messages().error(&error.into()))
}

/// Writes the records in ledger layout, `<out>/<YYYY-MM>/<engineer>.jsonl`, each file in time
/// order, one line per record.
fn write_ledger(out: &Path, records: &[Record], zone: Tz, force: bool) -> anyhow::Result<usize> {
    if out.exists() {
        let empty = fs::read_dir(out)?.next().is_none();
        if !empty && !force {
            bail!(
                "{} is not empty; pass --force to replace its *.jsonl files",
                out.display()
            );
        }
        remove_ledger_files(out)?;
    }
    let mut files: BTreeMap<PathBuf, Vec<&Record>> = BTreeMap::new();
    for record in records {
        let dir = out.join(partition(record.instant(), zone));
        let file = dir.join(format!("{}.jsonl", file_stem(&record.by)));
        files.entry(file).or_default().push(record);
    }
    for (file, records) in &mut files {
        records.sort_by(|a, b| Record::fold_order(a, b));
        let mut text = String::new();
        for record in records.iter() {
            text.push_str(&record.to_line()?);
            text.push('\n');
        }
        fs::create_dir_all(file.parent().unwrap_or(out))?;
        fs::write(file, text).with_context(|| format!("cannot write {}", file.display()))?;
    }
    Ok(files.len())
}

/// Removes the `*.jsonl` files of a ledger directory and of its month directories, and the
/// month directories left empty; anything else stays.
fn remove_ledger_files(out: &Path) -> anyhow::Result<()> {
    let is_jsonl = |p: &Path| p.is_file() && p.extension().is_some_and(|e| e == "jsonl");
    let is_month = |p: &Path| {
        p.is_dir()
            && p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| partition_month(n).is_some())
    };
    for entry in fs::read_dir(out)? {
        let path = entry?.path();
        if is_jsonl(&path) {
            fs::remove_file(&path)?;
        } else if is_month(&path) {
            for inner in fs::read_dir(&path)? {
                let inner = inner?.path();
                if is_jsonl(&inner) {
                    fs::remove_file(&inner)?;
                }
            }
            if fs::read_dir(&path)?.next().is_none() {
                fs::remove_dir(&path)?;
            }
        }
    }
    Ok(())
}

/// Generates the records of a site, one day after another.
struct Generator<'a> {
    contract: &'a Contract,
    calendar: &'a Calendar,
    sla: Sla<'a>,
    zone: Tz,
    engineers: Vec<String>,
    rng: ChaCha8Rng,
    to: NaiveDate,
    /// Nothing at or after the end of the last day is recorded.
    end: DateTime<Utc>,
    records: Vec<Record>,
    incident_ids: BTreeSet<String>,
    /// Incidents to report on each day, planned when a month starts.
    planned_incidents: BTreeMap<NaiveDate, u32>,
    /// Comp leave booked a month ahead: the day and who is off.
    booked_leave: BTreeMap<NaiveDate, String>,
    duty: BTreeMap<NaiveDate, String>,
    /// Hours worked by each engineer on days off, logged as overtime at the end of the day.
    worked: BTreeMap<String, f64>,
    /// The day a month's report is issued, and the month.
    report_day: Option<(NaiveDate, String)>,
    /// A backup job to check again after it failed.
    recheck: Option<&'static BackupJob>,
    rates: Rates,
    scenarios: Deck,
    /// The findings an inspection of each kind can make: those about its checklist's items.
    findings: BTreeMap<InspectionKind, (Vec<&'static Finding>, Deck)>,
    consultations: Deck,
    requests: Deck,
    risk_notes: Deck,
    suggestions: Deck,
}

/// Rare outcomes come at fixed rates, each given to the next incident it fits, so that any
/// range of a few months shows them: one off-hours response in four is late, one arrival in
/// three, one incident in twelve is reopened, one backup check in twelve fails.
#[derive(Default)]
struct Rates {
    off_hours: u32,
    arrivals: u32,
    incidents: u32,
    reopen_owed: bool,
    backup_checks: u32,
}

/// Draws indexes into a list in shuffled order, shuffling again once all were drawn, so that
/// a text repeats only after every other one was used.
struct Deck {
    order: Vec<usize>,
    next: usize,
}

impl Deck {
    fn new(len: usize) -> Deck {
        Deck {
            order: (0..len).collect(),
            next: len,
        }
    }

    fn draw(&mut self, rng: &mut ChaCha8Rng) -> usize {
        if self.next == self.order.len() {
            self.order.shuffle(rng);
            self.next = 0;
        }
        self.next += 1;
        self.order[self.next - 1]
    }
}

/// An incident as it is reported.
struct Report {
    at: DateTime<Utc>,
    by: String,
    level: Level,
    title: String,
    description: Option<String>,
    onsite: bool,
    from_risk: Option<String>,
}

/// An incident being recorded: its id and its records so far.
struct Case {
    id: String,
    records: Vec<Record>,
}

impl Case {
    fn state(&self) -> Incident {
        fold(&self.records).remove(0)
    }
}

impl<'a> Generator<'a> {
    fn new(
        contract: &'a Contract,
        calendar: &'a Calendar,
        engineers: &[&str],
        seed: u64,
        to: NaiveDate,
    ) -> Generator<'a> {
        let zone = contract.timezone;
        let findings = contract
            .inspections
            .iter()
            .map(|(kind, terms)| {
                let list: Vec<&Finding> = FINDINGS
                    .iter()
                    .filter(|f| terms.items.iter().any(|item| item == f.item))
                    .collect();
                let deck = Deck::new(list.len());
                (*kind, (list, deck))
            })
            .collect();
        Generator {
            contract,
            calendar,
            sla: Sla::new(contract, calendar),
            zone,
            engineers: engineers.iter().map(|e| leave::engineer_name(e)).collect(),
            rng: ChaCha8Rng::seed_from_u64(seed),
            to,
            end: local_instant(zone, (to + TimeDelta::days(1)).and_time(Default::default())),
            records: Vec::new(),
            incident_ids: BTreeSet::new(),
            planned_incidents: BTreeMap::new(),
            booked_leave: BTreeMap::new(),
            duty: BTreeMap::new(),
            worked: BTreeMap::new(),
            report_day: None,
            recheck: None,
            rates: Rates::default(),
            scenarios: Deck::new(SCENARIOS.len()),
            findings,
            consultations: Deck::new(CONSULTATIONS.len()),
            requests: Deck::new(REQUESTS.len()),
            risk_notes: Deck::new(RISK_NOTES.len()),
            suggestions: Deck::new(SUGGESTIONS.len()),
        }
    }

    /// Everything recorded on `date`.
    fn day(&mut self, date: NaiveDate, from: NaiveDate) {
        if date == from || date.day() == 1 {
            self.plan_month(date);
        }
        self.duty_roster(date);
        self.comp_leave(date);
        self.report_issued(date);
        self.inspections(date);
        self.backup_checks(date);
        self.consultations(date);
        self.requests(date);
        self.notes(date);
        self.holiday_duty(date);
        let planned = self.planned_incidents.get(&date).copied();
        for _ in 0..planned.unwrap_or_default() {
            self.incident(date);
        }
        if date == self.to {
            self.last_evening_incident(date);
        }
        self.overtime(date);
    }

    // Helpers: random choices, times, records.

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn minutes(&mut self, range: std::ops::RangeInclusive<i64>) -> TimeDelta {
        TimeDelta::minutes(self.rng.random_range(range))
    }

    /// A fraction of `span`, in whole minutes and at least one.
    fn part_of(&mut self, span: TimeDelta, share: std::ops::Range<f64>) -> TimeDelta {
        let share = self.rng.random_range(share);
        TimeDelta::minutes(((span.num_minutes() as f64 * share) as i64).max(1))
    }

    /// A whole minute between two local times of `date`, `[from, to)`.
    fn time_in(&mut self, date: NaiveDate, from: (u32, u32), to: (u32, u32)) -> DateTime<Utc> {
        let minute = self
            .rng
            .random_range(from.0 * 60 + from.1..to.0 * 60 + to.1);
        let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or_default();
        local_instant(self.zone, date.and_time(time))
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.rng.random_range(0..items.len())]
    }

    /// A record id: a ULID of the record's time, with random bits from the seed.
    fn record_id(&mut self, at: DateTime<Utc>) -> String {
        let random = self.rng.random::<u128>() >> 48;
        Ulid::from_parts(at.timestamp_millis() as u64, random).to_string()
    }

    /// Records `event`, unless `at` is past the last day; returns the record.
    fn record(&mut self, at: DateTime<Utc>, by: &str, event: Event) -> Option<Record> {
        if at >= self.end {
            return None;
        }
        let id = self.record_id(at);
        let record = Record::new(id, at, self.zone, by, event);
        self.records.push(record.clone());
        Some(record)
    }

    /// The engineers at work on a working day: everyone not on comp leave.
    fn present(&self, date: NaiveDate) -> Vec<String> {
        let off = self.booked_leave.get(&date);
        self.engineers
            .iter()
            .filter(|e| Some(*e) != off)
            .cloned()
            .collect()
    }

    /// Who answers outside service hours: the holiday roster, else a weekly rotation.
    fn on_call(&self, date: NaiveDate) -> String {
        if let Some(engineer) = self.duty.get(&date) {
            return engineer.clone();
        }
        let present = self.present(date);
        let week = date.iso_week().week() as usize;
        present[week % present.len()].clone()
    }

    fn someone_present(&mut self, date: NaiveDate) -> String {
        let present = self.present(date);
        self.pick(&present).clone()
    }

    // Plans made when a month starts.

    /// Draws the month's incidents, books comp leave for the next month, and picks the day
    /// last month's report is issued.
    fn plan_month(&mut self, first: NaiveDate) {
        let month_start = first.with_day(1).unwrap_or(first);
        let month_end = month_start + Months::new(1) - TimeDelta::days(1);
        // Incidents need a day or two to run their course before the range ends; the last
        // evening has one of its own.
        let last = month_end.min(self.to - TimeDelta::days(2));
        if first <= last {
            let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
            let share = days.len() as f64 / f64::from(month_end.day());
            let count = (f64::from(self.rng.random_range(3..=5u32)) * share).round() as u32;
            for _ in 0..count {
                let date = *self.pick(&days);
                *self.planned_incidents.entry(date).or_default() += 1;
            }
        }
        self.book_leave(month_end + TimeDelta::days(1));
        self.plan_report(month_start);
    }

    /// Each engineer with comp days left books one to three of them on working days of the
    /// month starting `next`, never the same day as another engineer.
    fn book_leave(&mut self, next: NaiveDate) {
        let next_end = next + Months::new(1) - TimeDelta::days(1);
        let working: Vec<NaiveDate> = next
            .iter_days()
            .take_while(|d| *d <= next_end && *d <= self.contract.end)
            .filter(|d| self.calendar.is_working(*d))
            .skip(1)
            .collect();
        let balances = leave::balances(&self.records);
        for engineer in self.engineers.clone() {
            let booked = self
                .booked_leave
                .values()
                .filter(|e| **e == engineer)
                .count() as i64;
            let left = balances.get(&engineer).map_or(0, |b| b.balance) - booked;
            if left < 1 {
                continue;
            }
            let days = self.rng.random_range(1..=left.min(3));
            for _ in 0..days {
                let free: Vec<NaiveDate> = working
                    .iter()
                    .copied()
                    .filter(|d| !self.booked_leave.contains_key(d))
                    .collect();
                if free.is_empty() {
                    break;
                }
                let date = *self.pick(&free);
                self.booked_leave.insert(date, engineer.clone());
            }
        }
    }

    /// Last month's report is issued on a working day of this month, by its due day.
    fn plan_report(&mut self, month_start: NaiveDate) {
        if month_start <= self.contract.start {
            return;
        }
        let reported = month_start - Months::new(1);
        let due = month_start
            .with_day(self.contract.report_due_day)
            .unwrap_or(month_start);
        let mut days: Vec<NaiveDate> = month_start
            .iter_days()
            .take_while(|d| *d <= due)
            .filter(|d| self.calendar.is_working(*d))
            .collect();
        if days.is_empty() {
            days.extend(
                due.iter_days()
                    .skip(1)
                    .find(|d| self.calendar.is_working(*d)),
            );
        }
        if !days.is_empty() {
            let day = *self.pick(&days);
            self.report_day = Some((day, reported.format("%Y-%m").to_string()));
        }
    }

    // Records of the day, by kind.

    /// The on-call roster of a holiday block of three days or more, an engineer a day in turn.
    fn duty_roster(&mut self, date: NaiveDate) {
        let Some(first) = self.holiday_block(date) else {
            return;
        };
        let turn =
            ((date - first).num_days() as usize + first.ordinal() as usize) % self.engineers.len();
        let engineer = self.engineers[turn].clone();
        self.duty.insert(date, engineer.clone());
        let lead = self.engineers[0].clone();
        let assignment = otss::record::duty::Assignment { date, engineer };
        self.record(noon(self.zone, date), &lead, Event::DutySet(assignment));
    }

    /// The first day of the holiday block `date` is in: days off in a row, three or more, with
    /// a holiday among them (not an ordinary weekend).
    fn holiday_block(&self, date: NaiveDate) -> Option<NaiveDate> {
        let off = |d: &NaiveDate| !self.calendar.is_working(*d);
        if !off(&date) {
            return None;
        }
        let first = date.iter_days().rev().take(15).take_while(off).last()?;
        let days: Vec<NaiveDate> = first.iter_days().take(15).take_while(off).collect();
        let holiday = days.iter().any(|d| {
            matches!(
                self.calendar.day(*d).kind,
                DayKind::Holiday | DayKind::Statutory
            )
        });
        (days.len() >= 3 && holiday).then_some(first)
    }

    /// Comp leave taken on a booked day, as `otss overtime take` checks and records it.
    fn comp_leave(&mut self, date: NaiveDate) {
        let Some(engineer) = self.booked_leave.get(&date).cloned() else {
            return;
        };
        let taken = leave::leave_to_take(
            self.contract,
            self.calendar,
            &self.records,
            &engineer,
            date,
            1,
        );
        if let Ok(taken) = taken {
            self.record(noon(self.zone, date), &engineer, Event::LeaveTaken(taken));
        }
    }

    fn report_issued(&mut self, date: NaiveDate) {
        let Some((day, period)) = self.report_day.clone() else {
            return;
        };
        if day == date {
            let at = self.time_in(date, (15, 0), (17, 30));
            let lead = self.engineers[0].clone();
            self.record(
                at,
                &lead,
                Event::ReportIssued(Issued {
                    period,
                    ..Default::default()
                }),
            );
            self.report_day = None;
        }
    }

    /// The day's rounds: monitoring first thing, the alert review after it, resources in the
    /// afternoon. A round is sometimes missed, more often on a busy day.
    fn inspections(&mut self, date: NaiveDate) {
        let present = self.present(date);
        let inspector = self.pick(&present).clone();
        let busy = self.planned_incidents.contains_key(&date) || present.len() == 1;
        let kinds = [
            (InspectionKind::Monitoring, (9, 5), (9, 40)),
            (InspectionKind::Alert, (9, 40), (10, 30)),
            (InspectionKind::Resource, (14, 0), (16, 30)),
        ];
        for (kind, from, to) in kinds {
            for round in 0..inspect::required(self.contract, self.calendar, kind, date) {
                if self.chance(if busy { 0.1 } else { 0.025 }) {
                    continue;
                }
                let by = if self.chance(0.15) {
                    self.someone_present(date)
                } else {
                    inspector.clone()
                };
                let at = self.time_in(date, from, to) + TimeDelta::hours(i64::from(round) * 3);
                self.inspection_round(kind, at, &by);
            }
        }
    }

    /// One round of `kind`, every item of the contract's checklist with a result; now and then
    /// one item is abnormal. A finding that is a fault is taken up as an incident at once; the
    /// others stay risks until a later round finds the item ok.
    fn inspection_round(&mut self, kind: InspectionKind, at: DateTime<Utc>, by: &str) {
        let checklist = self.contract.inspections[&kind].items.clone();
        let mut given = Vec::new();
        let mut finding = None;
        if self.chance(0.045) {
            let (list, deck) = self
                .findings
                .get_mut(&kind)
                .expect("every kind has a checklist");
            let (item, note) = if list.is_empty() {
                let item = checklist[self.rng.random_range(0..checklist.len())].clone();
                let note = format!("{item}：指标超出基线，已记录并跟进");
                (item, note)
            } else {
                let chosen = list[deck.draw(&mut self.rng)];
                finding = Some(chosen);
                (chosen.item.to_string(), chosen.note.to_string())
            };
            given.push(ItemResult {
                item,
                result: Outcome::Abnormal,
                note: Some(note),
                reading: None,
            });
        }
        let round: Round = inspect::round(kind, &checklist, true, given)
            .expect("results name items of the checklist");
        let Some(record) = self.record(at, by, Event::InspectionRound(round)) else {
            return;
        };
        if let Some(finding) = finding
            && let Some(incident) = &finding.incident
        {
            let index = checklist
                .iter()
                .position(|i| i == finding.item)
                .unwrap_or(0);
            let risk = format!("{}-{}", short_id(&record.id), index + 1);
            self.incident_from_risk(&risk, at, by, incident);
        }
    }

    /// Several backup jobs checked a month, in turn; a failed one is checked again the next
    /// working day.
    fn backup_checks(&mut self, date: NaiveDate) {
        if !self.calendar.is_working(date) {
            return;
        }
        let job = match self.recheck.take() {
            Some(job) => job,
            None if self.chance(0.25) => {
                let n = self.rates.backup_checks as usize;
                &BACKUP_JOBS[n % BACKUP_JOBS.len()]
            }
            None => return,
        };
        self.rates.backup_checks += 1;
        let failed = self.rates.backup_checks % 12 == 6;
        let at = self.time_in(date, (10, 30), (11, 45));
        let by = self.someone_present(date);
        let check = BackupCheck {
            job: job.name.to_string(),
            ok: !failed,
            note: failed.then(|| job.failure.to_string()),
        };
        self.record(at, &by, Event::BackupChecked(check));
        if failed {
            self.recheck = Some(job);
        }
    }

    /// Consultations in service hours: none, one or two a day.
    fn consultations(&mut self, date: NaiveDate) {
        if !self.calendar.is_working(date) {
            return;
        }
        let count = match self.rng.random_range(0..20) {
            0..9 => 0,
            9..17 => 1,
            _ => 2,
        };
        for _ in 0..count {
            let (text, product, minutes) = CONSULTATIONS[self.consultations.draw(&mut self.rng)];
            let minutes = (minutes + self.rng.random_range(-2..=3) * 5).max(10) as u32;
            let at = self.time_in(date, (9, 30), (17, 30));
            let by = self.someone_present(date);
            let consultation = Consultation {
                text: text.to_string(),
                product: Some(product.to_string()),
                minutes: Some(minutes),
            };
            self.record(at, &by, Event::SupportLogged(consultation));
        }
    }

    /// Customer requests, about one a week, classified as `otss request add` does.
    fn requests(&mut self, date: NaiveDate) {
        if !self.calendar.is_working(date) || !self.chance(0.2) {
            return;
        }
        let text = REQUESTS[self.requests.draw(&mut self.rng)];
        let at = self.time_in(date, (10, 0), (17, 0));
        let by = self.someone_present(date);
        let request = otss::record::request::Request::classified(text, Scope::ByRules);
        self.record(at, &by, Event::RequestAdded(request));
    }

    /// Platform risks and optimisation suggestions, a few of each a month.
    fn notes(&mut self, date: NaiveDate) {
        if !self.calendar.is_working(date) {
            return;
        }
        for kind in [NoteKind::Risk, NoteKind::Suggestion] {
            if !self.chance(0.13) {
                continue;
            }
            let text = match kind {
                NoteKind::Risk => RISK_NOTES[self.risk_notes.draw(&mut self.rng)],
                NoteKind::Suggestion => SUGGESTIONS[self.suggestions.draw(&mut self.rng)],
            };
            let at = self.time_in(date, (16, 0), (17, 50));
            let by = self.someone_present(date);
            let note = Note {
                kind,
                text: text.to_string(),
            };
            self.record(at, &by, Event::NoteAdded(note));
        }
    }

    /// The engineer on holiday duty keeps watch remotely for a few hours; on the fourth day of
    /// a long block the customer's change window needs them on site for the afternoon.
    fn holiday_duty(&mut self, date: NaiveDate) {
        let Some(engineer) = self.duty.get(&date).cloned() else {
            return;
        };
        let change_window = self
            .holiday_block(date)
            .is_some_and(|first| (date - first).num_days() == 3);
        let hours = if change_window {
            let at = self.time_in(date, (13, 0), (14, 30));
            let hours = f64::from(self.rng.random_range(12..=16u32)) / 2.0;
            let consultation = Consultation {
                text: CHANGE_WINDOW.to_string(),
                product: Some("CVM".to_string()),
                minutes: Some((hours * 60.0) as u32),
            };
            self.record(at, &engineer, Event::SupportLogged(consultation));
            hours
        } else {
            f64::from(self.rng.random_range(4..=8u32)) / 2.0
        };
        *self.worked.entry(engineer).or_default() += hours;
    }

    /// Overtime for the hours worked on a day off, logged as `otss overtime log` does.
    fn overtime(&mut self, date: NaiveDate) {
        let worked = std::mem::take(&mut self.worked);
        let day = self.calendar.day(date);
        if day.working() {
            return;
        }
        for (engineer, hours) in worked {
            let hours = ((hours * 2.0).round() / 2.0).clamp(1.0, 12.0);
            let allowed = leave::check_overtime(
                self.contract,
                &self.records,
                &engineer,
                date,
                date,
                Some(hours),
            );
            if allowed.is_err() {
                continue;
            }
            let overtime = Overtime {
                date,
                engineer: engineer.clone(),
                hours: Some(hours),
                kind: day.kind,
                comp_days: leave::comp_days(self.contract.mode, &day),
            };
            self.record(
                noon(self.zone, date),
                &engineer,
                Event::OvertimeLogged(overtime),
            );
        }
    }

    // Incidents.

    /// An incident reported on `date`: mostly in service hours on working days, else in the
    /// evening, early morning or on a day off, when the engineer on call answers.
    fn incident(&mut self, date: NaiveDate) {
        let working = self.calendar.is_working(date);
        let at = match (working, self.rng.random_range(0..10)) {
            (true, 0..7) => self.time_in(date, (9, 5), (17, 30)),
            (true, 7..9) => self.time_in(date, (18, 10), (23, 20)),
            (true, _) => self.time_in(date, (6, 30), (8, 45)),
            (false, _) => self.time_in(date, (8, 0), (22, 30)),
        };
        let in_hours = self.sla.in_service_hours(at);
        let by = if in_hours {
            self.someone_present(date)
        } else {
            self.on_call(date)
        };
        let scenario = &SCENARIOS[self.scenarios.draw(&mut self.rng)];
        let level = Level::new(scenario.course.level).expect("levels are 1 to 3");
        let onsite = !in_hours && scenario.course.level <= 2 && self.chance(0.35);
        let report = Report {
            at,
            by,
            level,
            title: scenario.title.to_string(),
            description: Some(scenario.description.to_string()),
            onsite,
            from_risk: None,
        };
        self.incident_story(report, &scenario.course);
    }

    /// An incident opened from an inspection finding, as `otss incident open --from-risk` does:
    /// the risk must still be free, and its finding is the title.
    fn incident_from_risk(&mut self, id: &str, found: DateTime<Utc>, by: &str, course: &Course) {
        if local_date(found, self.zone) + TimeDelta::days(2) > self.to {
            return;
        }
        let risks = inspect::risks(&self.records);
        let Some(risk) = risks.iter().find(|r| r.id == id && r.incident.is_none()) else {
            return;
        };
        let report = Report {
            at: found + self.minutes(10..=40),
            by: by.to_string(),
            level: Level::new(course.level).expect("levels are 1 to 3"),
            title: inspect::incident_title(risk),
            description: None,
            onsite: false,
            from_risk: Some(risk.id.clone()),
        };
        self.incident_story(report, course);
    }

    /// Opens an incident with its deadlines pinned; `None` past the range or outside the term.
    fn open(&mut self, report: Report) -> Option<Case> {
        if report.at >= self.end || check_report_time(report.at, report.at, self.contract).is_err()
        {
            return None;
        }
        // As the CLI does: a fresh id that repeats one in use is drawn again.
        let record_id = loop {
            let id = self.record_id(report.at);
            if self.incident_ids.insert(short_id(&id)) {
                break id;
            }
        };
        let new = NewIncident {
            record_id: &record_id,
            from_risk: report.from_risk,
            level: report.level,
            title: report.title,
            description: report.description,
            reported_at: report.at,
            onsite: report.onsite,
        };
        let event = open_event(new, &self.sla, self.zone);
        let record = Record::new(record_id, report.at, self.zone, &report.by, event);
        self.records.push(record.clone());
        Some(Case {
            id: short_id(&record.id),
            records: vec![record],
        })
    }

    /// Records an action on an incident after the checks `otss incident` makes, by `by` unless
    /// they are on leave that day; false when it falls past the range, and the story stops
    /// there.
    fn act(
        &mut self,
        case: &mut Case,
        action: Action,
        at: DateTime<Utc>,
        by: &str,
        event: impl FnOnce(&Incident, &Sla) -> Event,
    ) -> bool {
        if at >= self.end {
            return false;
        }
        let incident = case.state();
        if let Err(error) = incident.check(action, at, at, self.zone) {
            panic!("incident {}: {}", case.id, said(error));
        }
        let event = event(&incident, &self.sla);
        let date = local_date(at, self.zone);
        let by = match self.booked_leave.get(&date) {
            Some(off) if off == by => self.someone_present(date),
            _ => by.to_string(),
        };
        match self.record(at, &by, event) {
            Some(record) => {
                case.records.push(record);
                true
            }
            None => false,
        }
    }

    /// An incident from report to close: acknowledged, perhaps an engineer asked on site,
    /// perhaps a level change, notes, resolved, sometimes reopened, closed once the customer
    /// confirms. Work on a day off counts as overtime.
    fn incident_story(&mut self, report: Report, course: &Course) {
        let (reported, by, onsite) = (report.at, report.by.clone(), report.onsite);
        let Some(mut case) = self.open(report) else {
            return;
        };
        let subject = |i: &Incident| Subject {
            incident: i.id.clone(),
        };
        let off_hours = !self.sla.in_service_hours(reported);
        self.rates.incidents += 1;
        if self.rates.incidents % 12 == 5 {
            self.rates.reopen_owed = true;
        }

        // The first response.
        let due = case.state().response.due;
        let late = off_hours && {
            self.rates.off_hours += 1;
            self.rates.off_hours % 4 == 2
        };
        let mut t = match (late, off_hours) {
            (true, _) => due + self.minutes(4..=25),
            (false, true) => reported + self.part_of(due - reported, 0.2..0.7),
            (false, false) => reported + self.minutes(1..=11),
        };
        if !self.act(&mut case, Action::Acknowledge, t, &by, |i, _| {
            Event::IncidentAcknowledged(subject(i))
        }) {
            return;
        }

        // Off hours the customer may ask for an engineer on site; late at night they may agree
        // to the next morning.
        t += self.minutes(5..=20);
        if !onsite && course.level <= 2 && !self.sla.in_service_hours(t) && self.chance(0.5) {
            let local = t.with_timezone(&self.zone);
            let agreed = (local.time() >= NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default()
                && self.chance(0.5))
            .then(|| {
                let morning = NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default();
                local_instant(
                    self.zone,
                    (local.date_naive() + TimeDelta::days(1)).and_time(morning),
                )
            });
            let zone = self.zone;
            let request = Action::OnsiteRequest {
                agreed: agreed.is_some(),
            };
            if !self.act(&mut case, request, t, &by, |i, sla| {
                onsite_event(i, t, agreed, sla, zone)
            }) {
                return;
            }
        }

        // Now and then the level is corrected once the impact is clear; a level-1 outage
        // stays one.
        let state = case.state();
        let from = state.level.number();
        if from > 1 && self.chance(0.3) {
            t += self.minutes(10..=40);
            let to = match from {
                // Escalating would shorten a running arrival clock, perhaps to a past deadline.
                2 if state.arrival.is_none() && self.chance(0.3) => 1,
                2 => 3,
                _ => 2,
            };
            let to = Level::new(to).expect("levels are 1 to 3");
            let zone = self.zone;
            if !self.act(&mut case, Action::Level(to), t, &by, |i, sla| {
                level_event(i, to, sla, zone)
            }) {
                return;
            }
            t += self.minutes(1..=5);
            let text = level_note(from, to.number());
            if !self.act(&mut case, Action::Note, t, &by, |i, _| note(i, &text)) {
                return;
            }
        }

        // On site, when an arrival clock runs: the engineer sets off at once and the drive
        // takes about an hour, or comes at the time agreed. Only a tight clock (two hours or
        // less) is ever missed.
        let mut on_site = false;
        if let Some(clock) = case.state().arrival.filter(|c| c.done.is_none()) {
            let agreed = matches!(clock.rule, Rule::AgreedTime);
            let tight = !agreed && clock.due - clock.started <= TimeDelta::hours(2);
            let late = tight && {
                self.rates.arrivals += 1;
                self.rates.arrivals % 3 == 1
            };
            let target = match (late, agreed) {
                (true, _) => clock.due + self.minutes(8..=35),
                (false, true) => clock.due - self.minutes(5..=30),
                (false, false) => t + self.minutes(40..=100),
            };
            // Never before the last step; in time unless this arrival is the late one.
            let earliest = t + TimeDelta::minutes(1);
            t = match late {
                true => target.max(earliest),
                false => target.clamp(earliest, clock.due.max(earliest)),
            };
            if !self.act(&mut case, Action::Arrive, t, &by, |i, _| {
                Event::IncidentArrived(subject(i))
            }) {
                return;
            }
            on_site = true;
        }

        // Working on it.
        let notes = self.rng.random_range(1..=course.notes.len());
        for text in &course.notes[..notes] {
            t += self.minutes(10..=50);
            let noter = if self.chance(0.7) {
                by.clone()
            } else {
                self.someone_present(local_date(t, self.zone))
            };
            if !self.act(&mut case, Action::Note, t, &noter, |i, _| note(i, text)) {
                return;
            }
        }
        let level = case.state().level.number();
        t += match level {
            1 => self.minutes(25..=120),
            2 => self.minutes(40..=200),
            _ => self.minutes(45..=300),
        };
        // A level-3 fault found out of hours is finished in the next service hours.
        if level == 3
            && !self.sla.in_service_hours(t)
            && let Some(start) = self.sla.next_window_start(t)
        {
            t = start + self.minutes(30..=150);
        }
        if !self.act(&mut case, Action::Resolve, t, &by, |i, _| {
            resolved(i, course, course.summary)
        }) {
            return;
        }

        // Once in a while the fault comes back.
        if self.rates.reopen_owed && course.level >= 2 {
            self.rates.reopen_owed = false;
            t += self.minutes(90..=300);
            let reopened = self.act(&mut case, Action::Reopen, t, &by, |i, _| {
                Event::IncidentReopened(subject(i))
            }) && {
                t += self.minutes(5..=20);
                self.act(&mut case, Action::Note, t, &by, |i, _| note(i, RECURRED))
            } && {
                t += self.minutes(60..=180);
                let summary = format!("{}；复发后补充处理，观察 2 小时无异常", course.summary);
                self.act(&mut case, Action::Resolve, t, &by, |i, _| {
                    resolved(i, course, &summary)
                })
            };
            if !reopened {
                return;
            }
        }

        // Closed once the customer confirms, in service hours.
        let mut close = t + self.minutes(30..=240);
        if !self.sla.in_service_hours(close)
            && let Some(start) = self.sla.next_window_start(close)
        {
            close = start + self.minutes(20..=90);
        }
        self.act(&mut case, Action::Close, close, &by, |i, _| {
            Event::IncidentClosed(subject(i))
        });

        // Overtime: from the report to the last thing done that day, and the way there.
        let date = local_date(reported, self.zone);
        if !self.calendar.is_working(date) {
            let last = case
                .records
                .iter()
                .map(|r| r.instant())
                .filter(|at| local_date(*at, self.zone) == date)
                .max()
                .unwrap_or(reported);
            let hours = (last - reported).num_minutes() as f64 / 60.0;
            let hours = if on_site { hours + 1.0 } else { hours };
            *self.worked.entry(by).or_default() += hours;
        }
    }

    /// Late on the range's last evening the night batch fails: acknowledged and being worked
    /// on when the range ends.
    fn last_evening_incident(&mut self, date: NaiveDate) {
        let at = local_instant(self.zone, date.and_hms_opt(23, 30, 0).unwrap_or_default());
        let by = self.on_call(date);
        let report = Report {
            at,
            by: by.clone(),
            level: Level::new(2).expect("levels are 1 to 3"),
            title: NIGHT_BATCH.0.to_string(),
            description: Some(NIGHT_BATCH.1.to_string()),
            onsite: false,
            from_risk: None,
        };
        let Some(mut case) = self.open(report) else {
            return;
        };
        let mut t = at + self.minutes(6..=12);
        let acknowledged = self.act(&mut case, Action::Acknowledge, t, &by, |i, _| {
            Event::IncidentAcknowledged(Subject {
                incident: i.id.clone(),
            })
        });
        if acknowledged {
            t += self.minutes(8..=15);
            let text = NIGHT_BATCH.2;
            self.act(&mut case, Action::Note, t, &by, |i, _| note(i, text));
        }
    }
}

fn note(incident: &Incident, text: &str) -> Event {
    Event::IncidentNoted(Noted {
        incident: incident.id.clone(),
        text: text.to_string(),
    })
}

fn resolved(incident: &Incident, course: &Course, summary: &str) -> Event {
    Event::IncidentResolved(Box::new(Resolved {
        incident: incident.id.clone(),
        summary: summary.to_string(),
        impact: Some(course.impact.to_string()),
        cause: Some(course.cause.to_string()),
        fix: Some(course.fix.to_string()),
    }))
}

fn level_note(from: u8, to: u8) -> String {
    let name = |n: u8| ["一", "二", "三"][usize::from(n) - 1];
    if to < from {
        format!("影响范围扩大，与客户确认后升级为{}级故障", name(to))
    } else {
        format!(
            "评估后核心交易未受影响，与客户确认后调整为{}级故障",
            name(to)
        )
    }
}

// What the site's records say, in the site's language.

/// How an incident goes: its level, the notes on its timeline, and its resolution.
struct Course {
    level: u8,
    notes: &'static [&'static str],
    summary: &'static str,
    impact: &'static str,
    cause: &'static str,
    fix: &'static str,
}

struct Scenario {
    title: &'static str,
    description: &'static str,
    course: Course,
}

/// An abnormal inspection result, and how it goes when it is taken up as an incident.
struct Finding {
    item: &'static str,
    note: &'static str,
    incident: Option<Course>,
}

struct BackupJob {
    name: &'static str,
    failure: &'static str,
}

const RECURRED: &str = "客户反馈同类报错再次出现，重新打开继续排查";

const CHANGE_WINDOW: &str = "春节假期客户变更窗口现场保障：集中交易系统版本升级，变更前创建 CVM 快照与 \
     TencentDB 手动备份，变更后核对 CLB 健康检查与监控指标";

const SCENARIOS: &[Scenario] = &[
    Scenario {
        title: "网上交易 CLB 大量返回 502",
        description: "客户反馈网上交易 Web 端与 APP 委托下单失败，CLB 监控 5xx 激增",
        course: Course {
            level: 1,
            notes: &[
                "CLB 后端 RS 健康检查全部失败，排查后端 CVM 安全组",
                "已拉通客户应用负责人与腾讯云售后召开远程会议",
            ],
            summary: "恢复后端安全组入站规则，CLB 健康检查恢复，委托下单恢复正常",
            impact: "网上交易委托下单失败约 25 分钟",
            cause: "客户变更时误删后端 CVM 安全组 8080 端口入站规则",
            fix: "恢复安全组规则；建议安全组变更纳入审批并开启配置审计",
        },
    },
    Scenario {
        title: "集中交易 TencentDB for MySQL 主实例故障切换",
        description: "cdb-trade 主实例所在宿主机故障，触发自动主备切换，应用连接中断",
        course: Course {
            level: 1,
            notes: &[
                "确认主备切换已完成，新主实例可读写",
                "部分应用连接池未自动重连，协助客户滚动重启应用",
            ],
            summary: "主备切换完成，应用连接池重建后交易恢复",
            impact: "集中交易写入中断约 3 分钟，少量委托需客户重新提交",
            cause: "主实例所在宿主机硬件故障，触发高可用切换",
            fix: "核对切换前后数据一致；建议应用连接池开启自动重连与失败重试",
        },
    },
    Scenario {
        title: "统一认证服务不可用，APP 无法登录",
        description: "统一认证服务全部实例返回 500，客户无法登录 APP 与网上交易",
        course: Course {
            level: 1,
            notes: &[
                "认证服务依赖的 Redis 实例内存已满，写入被拒绝",
                "与客户确认后清理过期会话键，内存回落至 60%",
            ],
            summary: "清理过期会话键后 Redis 恢复写入，登录恢复",
            impact: "APP 与网上交易无法登录约 35 分钟",
            cause: "会话键未设置过期时间，Redis 内存耗尽",
            fix: "为会话键设置过期时间；建议配置 Redis 内存使用率 85% 告警",
        },
    },
    Scenario {
        title: "行情 Redis 连接数打满，部分客户端行情延迟",
        description: "redis-hq 连接数达到上限，行情推送服务新建连接失败",
        course: Course {
            level: 2,
            notes: &[
                "行情推送服务新版本未复用连接，短连接激增",
                "客户回滚推送服务版本，连接数开始回落",
            ],
            summary: "回滚推送服务版本并重启异常节点，行情推送恢复正常",
            impact: "约 8% 的 APP 用户行情刷新延迟 2–5 分钟",
            cause: "行情推送服务新版本未使用连接池，短连接耗尽 Redis 连接数",
            fix: "回滚版本；建议上线前评估 Redis 连接数并配置连接数告警",
        },
    },
    Scenario {
        title: "TKE 集群节点 NotReady，资讯服务 Pod 被驱逐",
        description: "tke-info 集群 2 个节点 NotReady，资讯服务副本不足",
        course: Course {
            level: 2,
            notes: &[
                "kubelet 日志显示磁盘压力，/var/lib/docker 使用率 95%",
                "清理无用镜像后节点恢复 Ready，Pod 重新调度",
            ],
            summary: "清理节点镜像并恢复节点，资讯服务副本恢复",
            impact: "资讯频道部分页面加载失败约 40 分钟",
            cause: "节点容器镜像未定期清理，磁盘压力触发驱逐",
            fix: "开启镜像自动清理；建议节点磁盘使用率告警阈值调整为 80%",
        },
    },
    Scenario {
        title: "COS 跨地域复制任务中断",
        description: "成都到上海的归档桶跨地域复制异常，复制积压持续增长",
        course: Course {
            level: 2,
            notes: &[
                "复制规则正常，目标桶存储桶策略被修改，复制角色无写权限",
                "已恢复复制角色授权，观察积压消化情况",
            ],
            summary: "恢复复制角色授权，积压对象已全部同步",
            impact: "异地归档数据延迟约 6 小时，业务无感知",
            cause: "客户安全整改时收紧了目标桶的访问策略",
            fix: "恢复复制角色写权限；建议修改桶策略前检查依赖它的复制规则",
        },
    },
    Scenario {
        title: "APP 行情接口 5xx 比例升高",
        description: "APP 行情查询接口 5xx 比例升至 3%，CLB 监控显示后端响应超时",
        course: Course {
            level: 2,
            notes: &[
                "后端 CVM CPU 满载，行情缓存批量失效后请求集中回源数据库",
                "客户临时增加后端节点并预热缓存",
            ],
            summary: "预热缓存并增加后端节点后 5xx 比例回落到 0.01% 以下",
            impact: "约 20 分钟内部分用户行情查询失败",
            cause: "缓存批量过期导致请求集中回源",
            fix: "缓存过期时间加随机偏移；建议配置 CLB 5xx 比例告警",
        },
    },
    Scenario {
        title: "同城机房到云上 VPC 专线丢包",
        description: "客户同城 IDC 经专线访问云上 TencentDB 超时，丢包率约 5%",
        course: Course {
            level: 2,
            notes: &[
                "专线网关监控显示丢包集中在主线路",
                "已提交运营商与腾讯云工单，流量切换至备用线路",
            ],
            summary: "流量切换至备用专线后恢复，运营商更换了主线路光模块",
            impact: "柜台系统访问云上数据库偶发超时约 1 小时",
            cause: "运营商侧主线路光模块故障",
            fix: "切换备用线路；建议为专线配置 BFD 探测与自动切换",
        },
    },
    Scenario {
        title: "TencentDB 只读实例延迟过高，报表数据滞后",
        description: "cdb-trade-ro 只读实例复制延迟超过 600 秒",
        course: Course {
            level: 2,
            notes: &[
                "只读实例上有长时间运行的全表扫描，阻塞复制应用",
                "与客户确认后终止该查询，延迟开始回落",
            ],
            summary: "终止阻塞复制的大查询后延迟回落至 1 秒内",
            impact: "盘后报表数据滞后约 15 分钟",
            cause: "分析人员在只读实例执行未加索引的全表扫描",
            fix: "终止查询；建议为只读实例设置最长执行时间并配置延迟告警",
        },
    },
    Scenario {
        title: "运维跳板机 CVM 无法 SSH 登录",
        description: "堡垒机到运维跳板机 cvm-ops-01 的 SSH 连接超时",
        course: Course {
            level: 3,
            notes: &[
                "VNC 登录后发现 sshd 因配置错误未能启动",
                "修正 sshd_config 并用 sshd -t 校验后重启服务",
            ],
            summary: "修正 sshd 配置并重启服务，SSH 登录恢复",
            impact: "运维人员无法经跳板机登录约 1 小时，业务无影响",
            cause: "修改 sshd_config 时引入语法错误",
            fix: "修正配置；建议修改关键配置前先校验并保留回退副本",
        },
    },
    Scenario {
        title: "CFS 挂载点读写延迟升高",
        description: "报表服务器挂载的 CFS 文件系统读写延迟超过 200 ms",
        course: Course {
            level: 3,
            notes: &[
                "CFS 吞吐已达当前容量对应的带宽上限",
                "与客户确认报表任务集中在同一时段批量生成",
            ],
            summary: "报表任务错峰执行并清理历史文件，读写延迟恢复正常",
            impact: "报表生成耗时延长约 30 分钟",
            cause: "报表任务集中读写，超出 CFS 标准型带宽上限",
            fix: "报表任务错峰调度；建议评估改用 CFS 性能型",
        },
    },
    Scenario {
        title: "云监控短信告警未送达",
        description: "客户值班人员反馈夜间未收到 CVM 告警短信",
        course: Course {
            level: 3,
            notes: &[
                "告警历史显示已触发，短信发送记录为失败",
                "核实接收人手机号已变更，告警接收组未同步更新",
            ],
            summary: "更新告警接收人信息并完成告警通道测试",
            impact: "告警通知缺失，未造成业务影响",
            cause: "值班人员手机号变更后未更新告警接收组",
            fix: "更新接收人；建议每月做一次告警通道演练",
        },
    },
    Scenario {
        title: "日志服务器 CVM 数据盘变为只读",
        description: "日志采集写入失败，cvm-log-02 数据盘被重新挂载为只读",
        course: Course {
            level: 3,
            notes: &[
                "dmesg 显示 ext4 文件系统错误，已先创建 CBS 快照",
                "执行 fsck 修复后重新挂载，写入恢复",
            ],
            summary: "创建快照后修复文件系统，数据盘恢复读写",
            impact: "约 2 小时的应用日志延迟采集，无数据丢失",
            cause: "CVM 异常重启后 ext4 文件系统日志损坏",
            fix: "fsck 修复并重新挂载；建议日志盘开启定期快照",
        },
    },
    Scenario {
        title: "管理后台 HTTPS 证书过期",
        description: "内部管理后台访问提示证书已过期",
        course: Course {
            level: 3,
            notes: &[
                "CLB 监听器绑定的 SSL 证书已于昨日过期",
                "协助客户在 SSL 证书控制台更新证书并替换 CLB 绑定",
            ],
            summary: "更新 SSL 证书并重新绑定 CLB 监听器，访问恢复",
            impact: "内部管理后台无法访问约 1.5 小时",
            cause: "证书到期提醒发往已离职员工的邮箱",
            fix: "更新证书；建议开启证书自动续期并更新到期提醒联系人",
        },
    },
];

const NIGHT_BATCH: (&str, &str, &str) = (
    "日终对账批处理任务在 TKE 上反复 OOM 重启",
    "日终清算后的对账批处理 Pod 反复 OOMKilled，任务未能完成",
    "Pod 内存 limits 为 4 GiB，今日对账数据量较平日增长约 60%，与客户确认临时调大 limits 后重跑",
);

const FINDINGS: &[Finding] = &[
    Finding {
        item: "云监控告警通道",
        note: "企业微信告警回调连续 3 次超时",
        incident: Some(Course {
            level: 3,
            notes: &["回调地址指向的客户告警网关证书已更换，域名解析变更"],
            summary: "更新云监控回调地址并测试告警送达",
            impact: "约半天内企业微信告警未送达，短信通道正常",
            cause: "客户告警网关更换域名后未同步更新回调地址",
            fix: "更新回调地址；建议告警网关变更纳入驻场变更通知",
        }),
    },
    Finding {
        item: "CVM CPU、内存、磁盘",
        note: "行情网关 cvm-hq-03 CPU 持续 90% 以上超过 30 分钟",
        incident: Some(Course {
            level: 2,
            notes: &[
                "top 显示行情转发进程 CPU 异常，线程数持续增长",
                "客户重启行情转发进程后 CPU 回落至 35%",
            ],
            summary: "重启异常的行情转发进程，CPU 恢复正常",
            impact: "部分行情转发延迟约 1 秒，未影响交易",
            cause: "行情转发程序重连逻辑缺陷导致线程泄漏",
            fix: "重启进程；客户开发已修复重连逻辑，待下个版本上线",
        }),
    },
    Finding {
        item: "CVM CPU、内存、磁盘",
        note: "清算服务器 /data 分区使用率 88%",
        incident: None,
    },
    Finding {
        item: "CLB 健康检查与 5xx",
        note: "交易 CLB 后端 10.0.3.15:8080 健康检查失败",
        incident: Some(Course {
            level: 3,
            notes: &["该 RS 上应用进程已退出，其余 RS 正常承载流量"],
            summary: "客户拉起应用进程后健康检查恢复",
            impact: "单台后端摘除，容量下降，业务无感知",
            cause: "应用进程因 JVM 堆内存不足退出",
            fix: "拉起进程并调大堆内存；建议为进程配置守护与自动拉起",
        }),
    },
    Finding {
        item: "TencentDB 慢查询与主从延迟",
        note: "cdb-trade 慢查询 1 小时内 300 余条，集中在委托流水表",
        incident: Some(Course {
            level: 3,
            notes: &["慢查询均为按客户号查询委托流水，缺少联合索引"],
            summary: "客户 DBA 在业务低峰添加联合索引，慢查询消失",
            impact: "委托查询响应变慢，未影响下单",
            cause: "委托流水表缺少 (客户号, 委托日期) 联合索引",
            fix: "添加联合索引；建议上线前审核 SQL 执行计划",
        }),
    },
    Finding {
        item: "TencentDB 慢查询与主从延迟",
        note: "主从延迟峰值 45 秒，发生在盘后批量更新时段",
        incident: None,
    },
    Finding {
        item: "CVM 容量余量",
        note: "行情集群 CPU 余量不足 15%，早盘峰值接近上限",
        incident: None,
    },
    Finding {
        item: "CBS 磁盘增长",
        note: "日志盘周增长 12%，按当前速度约 3 周写满",
        incident: None,
    },
    Finding {
        item: "COS 存储用量",
        note: "归档桶月增 18%，生命周期规则未生效",
        incident: Some(Course {
            level: 3,
            notes: &["生命周期规则前缀与实际对象路径不一致"],
            summary: "修正生命周期规则前缀，次日确认转换生效",
            impact: "存储费用增加，业务无影响",
            cause: "客户调整日志目录结构后未更新规则前缀",
            fix: "修正规则前缀；建议目录结构变更时同步检查生命周期规则",
        }),
    },
    Finding {
        item: "告警策略覆盖",
        note: "新上线的 TKE 集群未关联节点告警策略",
        incident: None,
    },
    Finding {
        item: "前一日告警分析与处置",
        note: "夜间 Redis 内存使用率告警 14 次，未闭环",
        incident: None,
    },
];

const BACKUP_JOBS: &[BackupJob] = &[
    BackupJob {
        name: "TencentDB 每日自动备份",
        failure: "cdb-trade 凌晨物理备份失败：备份期间存在长事务导致超时",
    },
    BackupJob {
        name: "COS 跨地域复制",
        failure: "最近 24 小时复制失败，积压约 1.2 万个对象",
    },
    BackupJob {
        name: "CBS 数据盘定期快照",
        failure: "2 块数据盘快照创建失败：快照配额已满",
    },
    BackupJob {
        name: "Redis 每日自动备份",
        failure: "redis-hq 备份文件恢复校验失败",
    },
    BackupJob {
        name: "CFS 文件系统快照",
        failure: "报表文件系统快照任务未按计划执行",
    },
];

/// Consultations: what was asked, the product, about how many minutes.
const CONSULTATIONS: &[(&str, &str, i32)] = &[
    ("CLB 七层监听器配置 HTTP 跳转 HTTPS", "CLB", 30),
    (
        "排查 CVM 内网访问 TencentDB 偶发超时，确认为安全组出站规则遗漏",
        "CVM",
        60,
    ),
    (
        "TencentDB 参数模板与 innodb_buffer_pool_size 调整的影响",
        "TencentDB for MySQL",
        45,
    ),
    (
        "配置 COS 生命周期规则，90 天前的日志转为归档存储",
        "COS",
        30,
    ),
    ("TKE 节点池自动伸缩的触发条件与冷却时间", "TKE", 50),
    ("Redis 大 key 扫描方法与在线删除的注意事项", "Redis", 40),
    ("云监控 Dashboard 配置交易时段核心指标大屏", "云监控", 90),
    ("CFS 权限组配置，只允许报表子网挂载", "CFS", 25),
    ("VPC 路由表中专线网关与 NAT 网关路由的优先级", "VPC", 45),
    ("CBS 快照策略与快照费用说明", "CBS", 20),
    (
        "TencentDB 只读实例复制延迟指标解读",
        "TencentDB for MySQL",
        30,
    ),
    ("CLB 访问日志投递到 CLS 的配置步骤", "CLB", 35),
    (
        "协助申请 TencentDB 回档，恢复测试库误删的表",
        "TencentDB for MySQL",
        60,
    ),
    ("TKE Ingress 证书更新操作指导", "TKE", 30),
    ("Redis 标准架构与集群架构的差异与选型", "Redis", 40),
    ("安全组规则批量导入导出方法", "VPC", 20),
    ("CAM 子账号最小权限配置与 API 密钥轮换", "CAM", 45),
    ("COS 防盗链与 Referer 白名单配置", "COS", 25),
    ("CVM 时间同步（NTP）配置核查", "CVM", 20),
    ("TKE 集群日志采集规则配置", "TKE", 40),
];

const REQUESTS: &[&str] = &[
    "希望每周提供一次 TencentDB 慢查询分析",
    "请协助梳理现有云监控告警策略并优化阈值",
    "节前对核心交易系统相关云资源做一次专项巡检",
    "希望驻场工程师参加每周一的运维例会，通报平台风险",
    "请提供 CVM 和 CBS 资源使用率的月度趋势",
    "协助核查 COS 存储桶的访问权限配置",
    "开市前增加一次行情链路巡检",
    "请评估现有 CVM 规格能否支撑年报季的交易高峰",
    "协助配置 TencentDB 慢查询日志投递到 CLS",
    "希望每月的服务报告能当面讲解一次",
    "请检查交易 CLB 的会话保持配置是否合理",
    "请确认 COS 跨地域复制的同步时延",
    "需要一份 Redis 实例内存使用情况的周报",
    "帮忙把 IDC 的历史行情库迁移到 TencentDB",
    "行情集群需要扩容，请出方案并实施",
    "请协助准备等保三级测评材料",
    "年报季前做一次渗透测试",
    "帮我们开发一个运维小工具，自动导出告警记录",
    "分析 APP 用户留存率下降的原因",
    "同城机房 UPS 告警，请帮忙看一下机房供电",
    "希望搭建内部运维平台并对接 CMDB",
    "建设同城灾备环境",
];

const RISK_NOTES: &[&str] = &[
    "cdb-trade 存储使用率 78%，按近 4 周增长速度约 7 周写满",
    "行情 Redis 实例为单可用区部署，可用区故障时无法自动切换",
    "部分 CVM 仍使用已停止维护的 CentOS 7 镜像",
    "网上交易 CLB 的后端只部署在一个可用区",
    "6 台 CVM 的数据盘未配置定期快照",
    "交易 TKE 集群版本落后两个小版本，即将停止维护",
    "运维人员使用主账号 API 密钥调用云 API，存在泄露风险",
    "COS 归档桶未开启版本控制，误删除后无法恢复",
    "交易日志桶未配置跨地域复制，没有异地副本",
    "告警接收组只有 2 人，节假日存在无人响应的风险",
];

const SUGGESTIONS: &[&str] = &[
    "建议为 CLB 开启访问日志并投递到 CLS，缩短 5xx 排查时间",
    "建议将行情 Redis 改为多可用区部署",
    "建议报表查询改走 TencentDB 只读实例，减轻主库压力",
    "建议为全部数据盘启用 CBS 定期快照，保留 7 天",
    "建议 TKE 节点开启镜像自动清理和磁盘使用率告警",
    "建议为交易时段单独配置告警策略，盘中缩短统计周期",
    "建议 COS 生命周期将 180 天前的日志转为深度归档，降低存储成本",
    "建议按最小权限原则梳理 CAM 子账号",
    "建议每季度做一次 TencentDB 回档恢复演练",
    "建议为核心 CVM 配置自动化助手定时巡检脚本",
];
