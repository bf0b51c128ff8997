//! Generates a large ledger for measuring otss: a busy 5x8 contract of five years, staffed by
//! eight engineers, with about N records in the real record format — inspection rounds as the
//! contract requires them, incidents through their whole lifecycle (some breached, some open
//! for weeks, a few still open at the end), consultations, backup checks, requests (most
//! answered within a few working days, some forwarded first or declined, a few still
//! waiting), notes, overtime, comp leave and the holiday roster.
//!
//! ```sh
//! cargo run --release --example synth_ledger -- --events 1000000 --out /tmp/big [--seed 7]
//! ```
//!
//! writes `/tmp/big/otss.toml` and `/tmp/big/ledger/`. The same arguments give the same files.
//! Every record is made with the library's own types and SLA engine.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, ensure};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use clap::Parser;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ulid::Ulid;

use otss::calendar::Calendar;
use otss::contract::Contract;
use otss::contract::Level;
use otss::ids::short_id;
use otss::incident::{Incident, NewIncident, fold, level_event, open_event};
use otss::leave;
use otss::ledger::{file_stem, partition};
use otss::record::feedback::{Answered, Closed, Declined, Forwarded};
use otss::record::incident::{Noted, Resolved, Subject};
use otss::record::inspect::{ItemResult, Outcome, Round};
use otss::record::leave::{Overtime, Taken};
use otss::record::routine::{BackupCheck, Consultation, Note, NoteKind};
use otss::record::{Event, Record};
use otss::request::Scope;
use otss::sla::Sla;
use otss::time::{local_instant, noon};

#[derive(Parser)]
#[command(about = "Generate a large ledger of a busy five-year contract")]
struct Args {
    /// About how many records to write
    #[arg(long)]
    events: usize,
    /// The directory to write `otss.toml` and `ledger/` into; it must not hold a ledger yet
    #[arg(long)]
    out: PathBuf,
    /// Seed of the random choices
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

const CONTRACT: &str = r#"# A busy 5x8 contract of five years, generated for measuring otss.
customer = "Example Securities Exchange"
provider = "Example Cloud Services Ltd."
mode = "5x8"
start = 2021-01-04
end = 2025-12-31
timezone = "Asia/Shanghai"
city = "Shanghai"
staff = 8
language = "en"
ledger = "ledger"

[inspections.monitoring]
rounds = 16

[inspections.resource]
rounds = 8

[inspections.alert]
rounds = 4

[backups]
per_month = 60
"#;

const ENGINEERS: [&str; 8] = [
    "li.lei",
    "wang.fang",
    "zhang.wei",
    "liu.yang",
    "chen.jing",
    "zhao.min",
    "sun.hao",
    "zhou.qi",
];

/// Records a working day brings at a scale of 1, other than the inspection rounds (which the
/// contract fixes) and incidents' follow-ups; a day off brings a fifth of them.
const CONSULTATIONS: f64 = 15.0;
const INCIDENTS: f64 = 6.0;
const REQUESTS: f64 = 2.0;
const NOTES: f64 = 1.0;
/// An incident brings about this many records in all.
const PER_INCIDENT: f64 = 4.9;
/// A request brings about this many records in all, its moves with it.
const PER_REQUEST: f64 = 2.75;

const PRODUCTS: [&str; 8] = [
    "CVM",
    "CLB",
    "TencentDB for MySQL",
    "Redis",
    "COS",
    "TKE",
    "CFS",
    "VPC",
];
const SYMPTOMS: [&str; 8] = [
    "5xx rate above 1%",
    "replication lag over 30 s",
    "connections exhausted",
    "disk above 90%",
    "latency spikes on the order path",
    "nodes NotReady",
    "slow queries piling up",
    "health checks failing",
];
/// Each symptom as an engineer at a Chinese site writes it, half the time, so that the ledger
/// is as bilingual as a real one.
const SYMPTOMS_ZH: [&str; 8] = [
    "5xx 错误率超过 1%",
    "主从延迟超过 30 秒",
    "连接数打满",
    "磁盘使用率超过 90%",
    "下单链路延迟抖动",
    "节点 NotReady",
    "慢查询堆积",
    "健康检查失败",
];
/// How each symptom was fixed, so that an incident's fix says something of its own.
const FIXES: [&str; 8] = [
    "rolled back the release and drained the bad backend",
    "rebuilt the replica and throttled the batch import",
    "enabled connection pooling and raised max_connections",
    "cleaned up logs and expanded the data disk",
    "moved the hot partition to a dedicated node",
    "restarted kubelet and cleaned up images on the node",
    "added the missing index and killed the long transaction",
    "fixed the health check path on the listener",
];
const REQUEST_TEXTS: [&str; 6] = [
    "review the alarm thresholds of the trading cluster",
    "explain last night's failover",
    "migrate our data from the IDC to TencentDB",
    "develop a new reporting app for us",
    "check the capacity of the settlement database before month end",
    "help plan the disaster recovery drill",
];

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let ledger = args.out.join("ledger");
    ensure!(
        !ledger.exists(),
        "{} exists already; choose an empty --out",
        ledger.display()
    );
    let contract = Contract::parse(CONTRACT, "otss.toml").expect("the contract above is valid");
    let calendar = Calendar::new(&[], &contract.calendar.overrides);
    let days: Vec<NaiveDate> = contract
        .start
        .iter_days()
        .take_while(|d| *d <= contract.end)
        .collect();
    let working = days.iter().filter(|d| calendar.is_working(**d)).count() as f64;
    let off = days.len() as f64 - working;
    let rounds = working * 28.0;
    let per_scale = (working + off / 5.0)
        * (CONSULTATIONS + INCIDENTS * PER_INCIDENT + REQUESTS * PER_REQUEST + NOTES)
        + working * 3.0;
    let scale = ((args.events as f64 - rounds) / per_scale).max(0.01);
    let mut synth = Synth::new(&contract, &calendar, args.seed, scale);
    for date in days {
        synth.day(date);
    }
    fs::create_dir_all(&args.out)?;
    fs::write(args.out.join("otss.toml"), CONTRACT)?;
    let files = write(&ledger, &mut synth.records, contract.timezone)?;
    println!(
        "{} records in {files} files under {}",
        synth.records.len(),
        ledger.display()
    );
    Ok(())
}

/// Writes the records in ledger layout, each file in time order.
fn write(ledger: &std::path::Path, records: &mut [Record], zone: Tz) -> anyhow::Result<usize> {
    records.sort_by(Record::fold_order);
    let mut files: BTreeMap<(String, String), Vec<u8>> = BTreeMap::new();
    for record in records.iter() {
        let key = (partition(record.instant(), zone), file_stem(&record.by));
        let bytes = files.entry(key).or_default();
        bytes.extend_from_slice(record.to_line()?.as_bytes());
        bytes.push(b'\n');
    }
    for ((month, stem), bytes) in &files {
        let dir = ledger.join(month);
        fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{stem}.jsonl"));
        fs::File::create(&path)
            .and_then(|mut f| f.write_all(bytes))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(files.len())
}

/// A symptom in English or Chinese, by the day (no random draw, so that every other choice
/// stays as it was).
fn symptom(index: usize, date: NaiveDate) -> &'static str {
    if (date.ordinal() as usize + index).is_multiple_of(2) {
        SYMPTOMS_ZH[index]
    } else {
        SYMPTOMS[index]
    }
}

struct Synth<'a> {
    contract: &'a Contract,
    calendar: &'a Calendar,
    sla: Sla<'a>,
    zone: Tz,
    rng: ChaCha8Rng,
    scale: f64,
    /// The fraction of each kind's daily count carried to the next day.
    carry: BTreeMap<&'static str, f64>,
    /// Nothing is recorded after the term.
    end: DateTime<Utc>,
    records: Vec<Record>,
    /// The incident ids given so far: each incident has its own, as `otss incident open`
    /// makes sure.
    incident_ids: HashSet<String>,
}

impl<'a> Synth<'a> {
    fn new(contract: &'a Contract, calendar: &'a Calendar, seed: u64, scale: f64) -> Synth<'a> {
        let zone = contract.timezone;
        let after = contract.end.succ_opt().unwrap_or(contract.end);
        Synth {
            contract,
            calendar,
            sla: Sla::new(contract, calendar),
            zone,
            rng: ChaCha8Rng::seed_from_u64(seed),
            scale,
            carry: BTreeMap::new(),
            end: local_instant(zone, after.and_time(NaiveTime::MIN)),
            records: Vec::new(),
            incident_ids: HashSet::new(),
        }
    }

    /// How many of a kind a day brings: its rate scaled, with the fractions carried over so
    /// that the total follows the rate exactly.
    fn count(&mut self, kind: &'static str, rate: f64) -> usize {
        let carried = self.carry.entry(kind).or_default();
        *carried += rate * self.scale;
        let whole = carried.floor();
        *carried -= whole;
        whole as usize
    }

    fn engineer(&mut self) -> String {
        ENGINEERS[self.rng.random_range(0..ENGINEERS.len())].to_string()
    }

    /// A time on `date` between two hours of the day.
    fn time(&mut self, date: NaiveDate, from_hour: u32, to_hour: u32) -> DateTime<Utc> {
        let second = self.rng.random_range(from_hour * 3600..to_hour * 3600);
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(second, 0).unwrap_or(NaiveTime::MIN);
        local_instant(self.zone, date.and_time(time))
    }

    fn record(&mut self, at: DateTime<Utc>, by: &str, event: Event) -> Option<String> {
        if at >= self.end {
            return None;
        }
        let random: u128 = self.rng.random();
        let id = Ulid::from_parts(at.timestamp_millis() as u64, random).to_string();
        self.records
            .push(Record::new(id.clone(), at, self.zone, by, event));
        Some(id)
    }

    fn day(&mut self, date: NaiveDate) {
        let working = self.calendar.is_working(date);
        let share = if working { 1.0 } else { 0.2 };
        if working {
            self.inspections(date);
            for _ in 0..self.count("backup", 3.0) {
                self.backup(date);
            }
        } else {
            self.day_off(date);
        }
        for _ in 0..self.count("incident", INCIDENTS * share) {
            self.incident(date, working);
        }
        for _ in 0..self.count("consultation", CONSULTATIONS * share) {
            self.consultation(date);
        }
        for _ in 0..self.count("request", REQUESTS * share) {
            self.request(date);
        }
        for _ in 0..self.count("note", NOTES * share) {
            self.note(date);
        }
        if date.weekday() == chrono::Weekday::Wed && working {
            self.leave(date);
        }
    }

    /// Every round the contract requires, spread over the day; one item in fifty abnormal.
    fn inspections(&mut self, date: NaiveDate) {
        let contract = self.contract;
        for (kind, terms) in &contract.inspections {
            for n in 0..terms.rounds {
                let hour = 9 + n * 9 / terms.rounds.max(1);
                let at = self.time(date, hour, hour + 1);
                let items = terms
                    .items
                    .iter()
                    .map(|item| {
                        let abnormal = self.rng.random_ratio(1, 50);
                        ItemResult {
                            item: item.clone(),
                            result: if abnormal {
                                Outcome::Abnormal
                            } else {
                                Outcome::Ok
                            },
                            note: abnormal
                                .then(|| symptom(self.rng.random_range(0..8), date).to_string()),
                            reading: None,
                        }
                    })
                    .collect();
                let by = self.engineer();
                self.record(
                    at,
                    &by,
                    Event::InspectionRound(Round { kind: *kind, items }),
                );
            }
        }
    }

    fn backup(&mut self, date: NaiveDate) {
        let at = self.time(date, 9, 18);
        let ok = !self.rng.random_ratio(1, 25);
        let check = BackupCheck {
            job: format!("{} nightly", PRODUCTS[self.rng.random_range(0..3)]),
            ok,
            note: (!ok).then(|| "restore test failed: checksum mismatch".to_string()),
        };
        let by = self.engineer();
        self.record(at, &by, Event::BackupChecked(check));
    }

    fn consultation(&mut self, date: NaiveDate) {
        let at = self.time(date, 9, 20);
        let product = PRODUCTS[self.rng.random_range(0..PRODUCTS.len())];
        let consultation = Consultation {
            text: format!(
                "{product}: {}",
                symptom(self.rng.random_range(0..SYMPTOMS.len()), date)
            ),
            product: Some(product.to_string()),
            minutes: Some(self.rng.random_range(5..90)),
        };
        let by = self.engineer();
        self.record(at, &by, Event::SupportLogged(consultation));
    }

    fn request(&mut self, date: NaiveDate) {
        let at = self.time(date, 9, 18);
        let text = REQUEST_TEXTS[self.rng.random_range(0..REQUEST_TEXTS.len())];
        let by = self.engineer();
        let added = Event::RequestAdded(otss::record::request::Request::classified(
            text,
            Scope::ByRules,
        ));
        if let Some(request) = self.record(at, &by, added) {
            self.request_moves(request, date);
        }
    }

    /// What becomes of a request: one in fifty still waits, a few are declined the next
    /// working day; the rest are answered one to four working days later (some forwarded to
    /// a product team first), and most of those closed the working day after.
    fn request_moves(&mut self, request: String, asked: NaiveDate) {
        let fate = self.rng.random_range(0..50);
        if fate == 0 {
            return;
        }
        let mut day = self.working_days_after(asked, 1);
        if fate < 4 {
            let reason = "outside the contract: a change to the customer's own application".into();
            self.request_move(day, Event::RequestDeclined(Declined { request, reason }));
            return;
        }
        let forwarded = fate < 12;
        if forwarded {
            let to = format!("{} product team", PRODUCTS[self.rng.random_range(0..3)]);
            let forwarded = Forwarded {
                request: request.clone(),
                to,
            };
            self.request_move(day, Event::RequestForwarded(forwarded));
        }
        // An answer comes after the forward, never the same day.
        let waited = self.rng.random_range(u32::from(forwarded)..4);
        day = self.working_days_after(day, waited);
        let answer = "answered with the steps, sent to the customer by mail".into();
        let answered = Answered {
            request: request.clone(),
            answer,
        };
        self.request_move(day, Event::RequestAnswered(answered));
        if self.rng.random_ratio(7, 10) {
            day = self.working_days_after(day, 1);
            self.request_move(day, Event::RequestClosed(Closed { request }));
        }
    }

    /// A move of a request, recorded within the working hours of `date`.
    fn request_move(&mut self, date: NaiveDate, event: Event) {
        let at = self.time(date, 9, 18);
        let by = self.engineer();
        self.record(at, &by, event);
    }

    /// The working day `count` working days after `date` (`date` itself for none).
    fn working_days_after(&self, date: NaiveDate, count: u32) -> NaiveDate {
        let mut day = date;
        for _ in 0..count {
            day = day.succ_opt().unwrap_or(day);
            while !self.calendar.is_working(day) {
                day = day.succ_opt().unwrap_or(day);
            }
        }
        day
    }

    fn note(&mut self, date: NaiveDate) {
        let at = self.time(date, 16, 18);
        let kind = if self.rng.random_bool(0.5) {
            NoteKind::Risk
        } else {
            NoteKind::Suggestion
        };
        let product = PRODUCTS[self.rng.random_range(0..PRODUCTS.len())];
        let note = Note {
            kind,
            text: format!(
                "{product}: {}",
                symptom(self.rng.random_range(0..SYMPTOMS.len()), date)
            ),
        };
        let by = self.engineer();
        self.record(at, &by, Event::NoteAdded(note));
    }

    /// Someone on duty and two engineers working: the roster and their overtime.
    fn day_off(&mut self, date: NaiveDate) {
        let at = noon(self.zone, date);
        let on_duty = self.engineer();
        let assignment = otss::record::duty::Assignment {
            date,
            engineer: on_duty.clone(),
        };
        self.record(at, &on_duty, Event::DutySet(assignment));
        let day = self.calendar.day(date);
        for _ in 0..2 {
            let engineer = self.engineer();
            let overtime = Overtime {
                date,
                engineer: engineer.clone(),
                hours: Some(f64::from(self.rng.random_range(2u8..9))),
                kind: day.kind,
                comp_days: leave::comp_days(self.contract.mode, &day),
            };
            self.record(at, &engineer, Event::OvertimeLogged(overtime));
        }
    }

    fn leave(&mut self, date: NaiveDate) {
        let engineer = self.engineer();
        let taken = Taken {
            date,
            engineer: engineer.clone(),
            days: 1,
            dates: Vec::new(),
        };
        self.record(noon(self.zone, date), &engineer, Event::LeaveTaken(taken));
    }

    /// An incident and its whole life: acknowledged (one in ten late), an engineer on site
    /// when asked (one in eight late), notes, a level change now and then, resolved within
    /// hours (or weeks for a few), mostly closed, sometimes reopened.
    fn incident(&mut self, date: NaiveDate, working: bool) {
        let at = if working {
            self.time(date, 9, 22)
        } else {
            self.time(date, 0, 24)
        };
        let level = Level::ALL[[0, 1, 1, 2, 2, 2][self.rng.random_range(0..6)]];
        let onsite = self.rng.random_ratio(1, 6);
        let product = PRODUCTS[self.rng.random_range(0..PRODUCTS.len())];
        let symptom_drawn = self.rng.random_range(0..SYMPTOMS.len());
        let title = format!("{product}: {}", symptom(symptom_drawn, date));
        let by = self.engineer();
        let record_id = loop {
            let id = Ulid::from_parts(at.timestamp_millis() as u64, self.rng.random()).to_string();
            if self.incident_ids.insert(short_id(&id)) {
                break id;
            }
        };
        let new = NewIncident {
            record_id: &record_id,
            from_risk: None,
            level,
            title,
            description: None,
            reported_at: at,
            onsite,
        };
        let opened = open_event(new, &self.sla, self.zone);
        let Event::IncidentOpened(open) = &opened else {
            return;
        };
        let id = open.incident.clone();
        let response_due = open.clocks.response.due();
        let arrival_due = open.clocks.arrival.map(|a| a.due());
        if at >= self.end {
            return;
        }
        self.records
            .push(Record::new(record_id, at, self.zone, &by, opened));
        let first = self.records.len() - 1;
        let subject = || Subject {
            incident: id.clone(),
        };
        let late = self.rng.random_ratio(1, 10);
        let acked = self.after(at, response_due, late);
        let by = self.engineer();
        self.record(acked, &by, Event::IncidentAcknowledged(subject()));
        let mut last = acked;
        if let Some(due) = arrival_due {
            let late = self.rng.random_ratio(1, 8);
            last = self.after(at, due, late).max(last);
            self.record(last, &by, Event::IncidentArrived(subject()));
        }
        for _ in 0..self.rng.random_range(0..3) {
            last += TimeDelta::minutes(self.rng.random_range(5..90));
            let text = format!(
                "checked {}",
                PRODUCTS[self.rng.random_range(0..PRODUCTS.len())]
            );
            self.record(
                last,
                &by,
                Event::IncidentNoted(Noted {
                    incident: id.clone(),
                    text,
                }),
            );
        }
        if self.rng.random_ratio(1, 20) && level != Level::ALL[2] {
            last += TimeDelta::minutes(10);
            let state: Incident = fold(&self.records[first..]).remove(0);
            let lower = Level::new(level.number() + 1).unwrap_or(level);
            let event = level_event(&state, lower, &self.sla, self.zone);
            self.record(last, &by, event);
        }
        let weeks = self.rng.random_ratio(1, 30);
        last += if weeks {
            TimeDelta::days(self.rng.random_range(14..42))
        } else {
            TimeDelta::minutes(self.rng.random_range(30..480))
        };
        let resolved = |summary: &str| {
            Event::IncidentResolved(Box::new(Resolved {
                incident: id.clone(),
                summary: summary.to_string(),
                impact: None,
                cause: Some("configuration drift".to_string()),
                fix: Some(FIXES[symptom_drawn].to_string()),
            }))
        };
        self.record(last, &by, resolved("service restored"));
        if self.rng.random_ratio(1, 50) {
            last += TimeDelta::hours(2);
            self.record(last, &by, Event::IncidentReopened(subject()));
            last += TimeDelta::hours(2);
            self.record(last, &by, resolved("root cause removed"));
        }
        if self.rng.random_ratio(4, 5) {
            self.record(
                last + TimeDelta::days(1),
                &by,
                Event::IncidentClosed(subject()),
            );
        }
    }

    /// A time after `from` before `due` (or after it, when late).
    fn after(&mut self, from: DateTime<Utc>, due: DateTime<Utc>, late: bool) -> DateTime<Utc> {
        let budget = (due - from).num_seconds().max(60);
        if late {
            due + TimeDelta::seconds(self.rng.random_range(60..3600))
        } else {
            from + TimeDelta::seconds(self.rng.random_range(30..budget))
        }
    }
}
