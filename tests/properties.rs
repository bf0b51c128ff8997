//! Properties of the ledger's records, through the public API: every kind of record reads back
//! exactly as it was written, the incidents folded from several files are the same in
//! whatever order the files (or their records) come, and a breached clock stays breached.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use otss::calendar::DayKind;
use otss::contract::Level;
use otss::contract::ResolveClock;
use otss::incident::{Incident, Status, fold};
use otss::ledger::{file_stem, partition, read_lines};
use otss::record::duty::Assignment;
use otss::record::incident::{
    Amended, Asked, Clocks, Done, Field, LevelChanged, Merged, Noted, OnsiteRequested, Opened,
    Pinned, Resolved, Subject,
};
use otss::record::inspect::{ItemResult, Outcome, Round};
use otss::record::leave::{Overtime, Taken};
use otss::record::report::{FileHead, Issued};
use otss::record::request::Request;
use otss::record::routine::{BackupCheck, Consultation, Note, NoteKind};
use otss::record::void::Voided;
use otss::record::{Event, Record, SCHEMA_VERSION};
use otss::request::Category;
use otss::service::InspectionKind;
use otss::sla::Rule;

// Arbitrary values of every field.

/// Free text as people type it, in any script, with quotes, backslashes, control characters
/// and line breaks, which must never break a record's line.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,:;!?'\"\\\\/()-]{0,30}",
        "[数据库主机告警巡检备份恢复，。、：]{0,12}",
        any::<String>(),
    ]
}

fn engineer() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z]{1,6}(\\.[a-z]{1,6})?",
        1 => text(),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    (1u8..=3).prop_map(|n| Level::new(n).unwrap())
}

/// An instant from 2000 to 2100, to the nanosecond, with any offset of whole minutes.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        946_684_800i64..4_102_444_800,
        prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000],
        -12 * 60..=14 * 60i32,
    )
        .prop_map(|(seconds, nanos, minutes)| {
            let offset = FixedOffset::east_opt(minutes * 60).unwrap();
            Utc.timestamp_opt(seconds, nanos)
                .unwrap()
                .with_timezone(&offset)
        })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (730_120i32..766_645).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// A duration of whole seconds, as durations are written (`1h30m`).
fn duration() -> impl Strategy<Value = TimeDelta> {
    (0i64..400 * 86_400).prop_map(TimeDelta::seconds)
}

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        duration().prop_map(|within| Rule::Immediate { within }),
        duration().prop_map(|budget| Rule::OffHoursBudget { budget }),
        duration().prop_map(|plus| Rule::WindowStart { plus }),
        (duration(), any::<bool>())
            .prop_map(|(budget, priority)| Rule::ArrivalBudget { budget, priority }),
        Just(Rule::AgreedTime),
        (
            duration(),
            prop_oneof![Just(ResolveClock::Wall), Just(ResolveClock::Service)]
        )
            .prop_map(|(budget, clock)| Rule::ResolutionBudget { budget, clock }),
    ]
}

fn pinned() -> impl Strategy<Value = Pinned> {
    (instant(), rule()).prop_map(|(due, rule)| Pinned { due, rule })
}

fn clocks() -> impl Strategy<Value = Clocks> {
    (pinned(), option::of(pinned()), option::of(pinned())).prop_map(
        |(response, arrival, resolution)| Clocks {
            response,
            arrival,
            resolution,
        },
    )
}

fn incident_id() -> impl Strategy<Value = String> {
    "[0-9A-HJKMNP-TV-Z]{6}"
}

fn subject() -> impl Strategy<Value = Subject> {
    incident_id().prop_map(|incident| Subject { incident })
}

fn opened() -> impl Strategy<Value = Opened> {
    (
        incident_id(),
        level(),
        text(),
        option::of(text()),
        any::<bool>(),
        option::of(text()),
        clocks(),
    )
        .prop_map(
            |(incident, level, title, description, onsite, from_risk, clocks)| Opened {
                incident,
                level,
                title,
                description,
                onsite,
                from_risk,
                clocks,
            },
        )
}

fn onsite_requested() -> impl Strategy<Value = OnsiteRequested> {
    (incident_id(), option::of(instant()), option::of(pinned())).prop_map(
        |(incident, agreed, arrival)| OnsiteRequested {
            incident,
            agreed,
            arrival,
        },
    )
}

fn level_changed() -> impl Strategy<Value = LevelChanged> {
    (incident_id(), level(), level(), clocks()).prop_map(|(incident, from, to, clocks)| {
        LevelChanged {
            incident,
            from,
            to,
            clocks,
        }
    })
}

fn merged() -> impl Strategy<Value = Merged> {
    let asked = (instant(), option::of(instant())).prop_map(|(at, agreed)| Asked { at, agreed });
    let done = (instant(), text()).prop_map(|(at, by)| Done { at, by });
    (
        (incident_id(), incident_id(), instant()),
        (option::of(asked), option::of(done), option::of(instant())),
        clocks(),
    )
        .prop_map(
            |((incident, duplicate, reported_at), (onsite, responded, arrived), clocks)| Merged {
                incident,
                duplicate,
                reported_at,
                onsite,
                responded,
                arrived,
                clocks,
            },
        )
}

fn amended() -> impl Strategy<Value = Amended> {
    let field = proptest::sample::select(Field::ALL.to_vec());
    (
        incident_id(),
        proptest::collection::btree_map(field, text(), 1..5),
    )
        .prop_map(|(incident, texts)| Amended { incident, texts })
}

fn resolved() -> impl Strategy<Value = Resolved> {
    (
        incident_id(),
        text(),
        option::of(text()),
        option::of(text()),
        option::of(text()),
    )
        .prop_map(|(incident, summary, impact, cause, fix)| Resolved {
            incident,
            summary,
            impact,
            cause,
            fix,
        })
}

fn round() -> impl Strategy<Value = Round> {
    let kind = prop_oneof![
        Just(InspectionKind::Monitoring),
        Just(InspectionKind::Resource),
        Just(InspectionKind::Alert),
    ];
    let item = (
        text(),
        prop_oneof![Just(Outcome::Ok), Just(Outcome::Abnormal)],
        option::of(text()),
    )
        .prop_map(|(item, result, note)| ItemResult {
            item,
            result,
            note,
            reading: None,
        });
    (kind, vec(item, 0..4)).prop_map(|(kind, items)| Round { kind, items })
}

fn category() -> impl Strategy<Value = Category> {
    proptest::sample::select(Category::ALL.to_vec())
}

fn day_kind() -> impl Strategy<Value = DayKind> {
    prop_oneof![
        Just(DayKind::Workday),
        Just(DayKind::MakeupWorkday),
        Just(DayKind::Weekend),
        Just(DayKind::Holiday),
        Just(DayKind::Statutory),
    ]
}

/// Hours worked (`--hours 7.5`): any number above zero and up to a day.
fn hours() -> impl Strategy<Value = f64> {
    (0.0f64..=24.0).prop_filter("above zero", |h| *h > 0.0)
}

/// One event of every type, in the order of `Event`'s variants.
/// How many types of record there are: one strategy each in `one_of_each`.
const RECORD_TYPES: usize = 21;

fn one_of_each() -> Vec<BoxedStrategy<Event>> {
    vec![
        opened()
            .prop_map(|payload| Event::IncidentOpened(Box::new(payload)))
            .boxed(),
        subject().prop_map(Event::IncidentAcknowledged).boxed(),
        onsite_requested()
            .prop_map(Event::IncidentOnsiteRequested)
            .boxed(),
        subject().prop_map(Event::IncidentArrived).boxed(),
        level_changed()
            .prop_map(|payload| Event::IncidentLevelChanged(Box::new(payload)))
            .boxed(),
        (incident_id(), text())
            .prop_map(|(incident, text)| Event::IncidentNoted(Noted { incident, text }))
            .boxed(),
        resolved()
            .prop_map(|payload| Event::IncidentResolved(Box::new(payload)))
            .boxed(),
        subject().prop_map(Event::IncidentClosed).boxed(),
        subject().prop_map(Event::IncidentReopened).boxed(),
        merged()
            .prop_map(|payload| Event::IncidentMerged(Box::new(payload)))
            .boxed(),
        amended().prop_map(Event::IncidentAmended).boxed(),
        round().prop_map(Event::InspectionRound).boxed(),
        (text(), any::<bool>(), option::of(text()))
            .prop_map(|(job, ok, note)| Event::BackupChecked(BackupCheck { job, ok, note }))
            .boxed(),
        (text(), option::of(text()), option::of(any::<u32>()))
            .prop_map(|(text, product, minutes)| {
                Event::SupportLogged(Consultation {
                    text,
                    product,
                    minutes,
                })
            })
            .boxed(),
        (
            text(),
            any::<bool>(),
            option::of(category()),
            vec(text(), 0..3),
            any::<bool>(),
            option::of(text()),
        )
            .prop_map(|(text, in_scope, category, matched, forced, reason)| {
                Event::RequestAdded(Request {
                    text,
                    in_scope,
                    category,
                    matched,
                    forced,
                    reason,
                })
            })
            .boxed(),
        (
            prop_oneof![Just(NoteKind::Risk), Just(NoteKind::Suggestion)],
            text(),
        )
            .prop_map(|(kind, text)| Event::NoteAdded(Note { kind, text }))
            .boxed(),
        (
            date(),
            engineer(),
            option::of(hours()),
            day_kind(),
            any::<u32>(),
        )
            .prop_map(|(date, engineer, hours, kind, comp_days)| {
                Event::OvertimeLogged(Overtime {
                    date,
                    engineer,
                    hours,
                    kind,
                    comp_days,
                })
            })
            .boxed(),
        (date(), engineer(), any::<u32>(), vec(date(), 0..3))
            .prop_map(|(date, engineer, days, dates)| {
                Event::LeaveTaken(Taken {
                    date,
                    engineer,
                    days,
                    dates,
                })
            })
            .boxed(),
        (date(), engineer())
            .prop_map(|(date, engineer)| Event::DutySet(Assignment { date, engineer }))
            .boxed(),
        "[0-9]{4}-[0-9]{2}"
            .prop_map(|period| {
                let fingerprint = Some("0123-4567-89ab-cdef-0123-4567-89ab-cdef".to_string());
                let files = vec![FileHead {
                    file: format!("{period}/li.lei.jsonl"),
                    len: 42,
                    head: otss::ledger::chain::line_hash(period.as_bytes()),
                }];
                Event::ReportIssued(Issued {
                    period,
                    fingerprint,
                    files,
                })
            })
            .boxed(),
        (
            (text(), text(), option::of(incident_id())),
            (option::of(instant()), option::of(text())),
            (option::of(incident_id()), any::<bool>()),
        )
            .prop_map(
                |((target, reason, incident), (target_at, target_type), (merged_into, undo))| {
                    Event::RecordVoided(Box::new(Voided {
                        target,
                        reason,
                        incident,
                        target_at,
                        target_type,
                        merged_into,
                        undo,
                    }))
                },
            )
            .boxed(),
    ]
}

/// A record of every type, each with its own envelope.
fn records_of_every_type() -> impl Strategy<Value = Vec<Record>> {
    let envelope = (
        0..=SCHEMA_VERSION,
        "[0-9A-HJKMNP-TV-Z]{26}",
        instant(),
        engineer(),
    );
    (vec(envelope, RECORD_TYPES), one_of_each()).prop_map(|(envelopes, events)| {
        envelopes
            .into_iter()
            .zip(events)
            .map(|((v, id, at, by), event)| Record {
                v,
                prev: Some(otss::ledger::chain::line_hash(id.as_bytes())),
                id,
                at,
                by,
                event,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn every_type_of_record_reads_back_exactly_as_written(records in records_of_every_type()) {
        let mut file = Vec::new();
        for record in &records {
            let line = record.to_line().unwrap();
            prop_assert!(!line.contains('\n'), "one record, one line: {}", line);
            file.extend_from_slice(line.as_bytes());
            file.push(b'\n');
        }
        let types: std::collections::HashSet<_> = records.iter().map(|r| std::mem::discriminant(&r.event)).collect();
        prop_assert_eq!(types.len(), RECORD_TYPES, "every type");
        let lines = read_lines("2025-03/li.lei.jsonl", &file, 1).unwrap();
        prop_assert_eq!(lines.len(), records.len());
        for (n, (line, record)) in lines.iter().zip(&records).enumerate() {
            prop_assert_eq!(line.number, n + 1);
            prop_assert!(line.terminated);
            prop_assert_eq!(&line.fault, &None);
            let read = line.record.as_ref().unwrap();
            prop_assert_eq!(read, record);
            // Equal instants are not enough: the offset, and every other byte, are kept too.
            prop_assert_eq!(read.to_line().unwrap(), record.to_line().unwrap());
        }
    }
}

// Incidents folded from several files.

/// What an engineer records about an incident, `after` seconds after the previous record
/// about it (0: the same second). `pick` chooses among the actions its state allows.
#[derive(Debug, Clone)]
struct Step {
    pick: u8,
    after: i64,
    by: usize,
}

#[derive(Debug, Clone)]
struct History {
    /// Seconds after the first report, which is late in March: histories run into April.
    start: i64,
    level: u8,
    onsite: bool,
    by: usize,
    steps: Vec<Step>,
}

fn step() -> impl Strategy<Value = Step> {
    (
        any::<u8>(),
        prop_oneof![1 => Just(0i64), 3 => 1i64..6 * 3600],
        0usize..3,
    )
        .prop_map(|(pick, after, by)| Step { pick, after, by })
}

fn history() -> impl Strategy<Value = History> {
    (
        0i64..20 * 86_400,
        1u8..=3,
        any::<bool>(),
        0usize..3,
        vec(step(), 0..12),
    )
        .prop_map(|(start, level, onsite, by, steps)| History {
            start,
            level,
            onsite,
            by,
            steps,
        })
}

const ENGINEERS: [&str; 3] = ["li.lei", "wang.fang", "zhao.min"];

/// Where the model says an incident ends up.
#[derive(Debug, Default)]
struct Expected {
    status: Option<Status>,
    level: u8,
    responded: Option<DateTime<Utc>>,
    arrived: Option<DateTime<Utc>>,
    records: usize,
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Acknowledge,
    OnsiteRequest,
    Arrive,
    Level,
    Note,
    Resolve,
    Close,
    Reopen,
}

fn pin(due: DateTime<Utc>, rule: Rule) -> Pinned {
    Pinned {
        due: due.with_timezone(&Shanghai).fixed_offset(),
        rule,
    }
}

/// The clocks a level has for an incident reported at `reported`, roughly as a 5x8 contract
/// pins them.
fn clocks_for(level: u8, reported: DateTime<Utc>, onsite: Option<DateTime<Utc>>) -> Clocks {
    let minutes = TimeDelta::minutes;
    let response = [minutes(15), minutes(30), minutes(60)][usize::from(level - 1)];
    let arrival = [minutes(120), minutes(240), minutes(480)][usize::from(level - 1)];
    Clocks {
        response: pin(
            reported + response,
            Rule::OffHoursBudget { budget: response },
        ),
        arrival: onsite.map(|asked| {
            pin(
                asked + arrival,
                Rule::ArrivalBudget {
                    budget: arrival,
                    priority: level == 1,
                },
            )
        }),
        resolution: (level == 1).then(|| {
            pin(
                reported + TimeDelta::hours(8),
                Rule::ResolutionBudget {
                    budget: TimeDelta::hours(8),
                    clock: ResolveClock::Wall,
                },
            )
        }),
    }
}

/// The records of plausible incident histories: each opened, then only what its state allows,
/// at times that never go back; and what each incident should end up as.
fn play(histories: &[History]) -> (Vec<Record>, BTreeMap<String, Expected>) {
    let first = Shanghai
        .with_ymd_and_hms(2025, 3, 20, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let mut records = Vec::new();
    let mut expected = BTreeMap::new();
    for (n, history) in histories.iter().enumerate() {
        let incident = format!("INC{n:03}");
        let reported = first + TimeDelta::seconds(history.start);
        let mut at = reported;
        let mut seq = 0;
        let mut record = |at: DateTime<Utc>, by: usize, event: Event| {
            // A ULID entered when it happened; `seq` keeps an incident's records of one second
            // in the order they were made.
            let id = ulid_at(at, n as u128 * 1000 + seq);
            seq += 1;
            Record::new(id, at, Shanghai, ENGINEERS[by], event)
        };
        let subject = || Subject {
            incident: incident.clone(),
        };
        let mut level = history.level;
        // The request that started the arrival clock of this round, if one did.
        let mut requested = history.onsite.then_some(reported);
        records.push(record(
            at,
            history.by,
            Event::IncidentOpened(Box::new(Opened {
                incident: incident.clone(),
                level: Level::new(level).unwrap(),
                title: format!("incident {n}"),
                description: None,
                onsite: history.onsite,
                from_risk: None,
                clocks: clocks_for(level, reported, requested),
            })),
        ));
        let mut state = Expected {
            status: Some(Status::Open),
            level,
            records: 1,
            ..Expected::default()
        };
        for step in &history.steps {
            let allowed: Vec<Action> = match state.status {
                Some(Status::Open) => {
                    let mut allowed = Vec::new();
                    if state.responded.is_none() {
                        allowed.push(Action::Acknowledge);
                    }
                    if state.arrived.is_none() {
                        allowed.extend([Action::OnsiteRequest, Action::Arrive]);
                    }
                    allowed.extend([Action::Level, Action::Note, Action::Resolve]);
                    allowed
                }
                Some(Status::Resolved) => vec![Action::Note, Action::Close, Action::Reopen],
                _ => vec![Action::Reopen],
            };
            let action = allowed[usize::from(step.pick) % allowed.len()];
            at += TimeDelta::seconds(step.after);
            let event = match action {
                Action::Acknowledge => {
                    state.responded.get_or_insert(at);
                    Event::IncidentAcknowledged(subject())
                }
                Action::OnsiteRequest => {
                    requested.get_or_insert(at);
                    let agreed = (step.pick % 2 == 0).then(|| at + TimeDelta::hours(3));
                    let due = agreed.unwrap_or(at + TimeDelta::hours(2));
                    let rule = match agreed {
                        Some(_) => Rule::AgreedTime,
                        None => Rule::ArrivalBudget {
                            budget: TimeDelta::hours(2),
                            priority: false,
                        },
                    };
                    Event::IncidentOnsiteRequested(OnsiteRequested {
                        incident: incident.clone(),
                        agreed: agreed.map(|t| t.with_timezone(&Shanghai).fixed_offset()),
                        arrival: Some(pin(due, rule)),
                    })
                }
                Action::Arrive => {
                    state.responded.get_or_insert(at);
                    state.arrived = Some(at);
                    Event::IncidentArrived(subject())
                }
                Action::Level => {
                    let from = level;
                    level = (level + step.pick % 2) % 3 + 1;
                    state.level = level;
                    Event::IncidentLevelChanged(Box::new(LevelChanged {
                        incident: incident.clone(),
                        from: Level::new(from).unwrap(),
                        to: Level::new(level).unwrap(),
                        clocks: clocks_for(level, reported, requested),
                    }))
                }
                Action::Note => Event::IncidentNoted(Noted {
                    incident: incident.clone(),
                    text: format!("step {}", state.records),
                }),
                Action::Resolve => {
                    state.responded.get_or_insert(at);
                    state.status = Some(Status::Resolved);
                    Event::IncidentResolved(Box::new(Resolved {
                        incident: incident.clone(),
                        summary: "restored".to_string(),
                        impact: None,
                        cause: None,
                        fix: None,
                    }))
                }
                Action::Close => {
                    state.status = Some(Status::Closed);
                    Event::IncidentClosed(subject())
                }
                Action::Reopen => {
                    // A new round: the customer may ask for an engineer on site again.
                    state.arrived = None;
                    requested = None;
                    state.status = Some(Status::Open);
                    Event::IncidentReopened(subject())
                }
            };
            records.push(record(at, step.by, event));
            state.records += 1;
        }
        expected.insert(incident, state);
    }
    (records, expected)
}

/// The records as ledger files: each engineer's own file of each month, in the order written.
/// Each file also holds a record that is not about an incident, and one file a record about
/// an incident whose opening is nowhere (its file not synced yet).
fn files_of(records: Vec<Record>) -> Vec<(String, Vec<u8>)> {
    let mut files: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for record in records {
        let name = format!(
            "{}/{}.jsonl",
            partition(record.instant(), Shanghai),
            file_stem(&record.by)
        );
        files.entry(name).or_default().push(record);
    }
    for (n, (name, records)) in files.iter_mut().enumerate() {
        let last = records.last().unwrap().clone();
        let mut others = vec![Event::SupportLogged(Consultation {
            text: format!("asked about {name}"),
            product: None,
            minutes: None,
        })];
        if n == 0 {
            others.push(Event::IncidentAcknowledged(Subject {
                incident: "ELSEWHERE".to_string(),
            }));
        }
        for (k, event) in others.into_iter().enumerate() {
            let id = ulid_at(
                last.instant(),
                (999_000 + n as u128) * 1_000_000_000 + k as u128,
            );
            records.push(Record::new(id, last.instant(), Shanghai, &last.by, event));
        }
    }
    files
        .into_iter()
        .map(|(name, records)| {
            let mut bytes = Vec::new();
            for record in records {
                bytes.extend_from_slice(record.to_line().unwrap().as_bytes());
                bytes.push(b'\n');
            }
            (name, bytes)
        })
        .collect()
}

/// Every record of the files, read in the order given.
fn read(files: &[&(String, Vec<u8>)]) -> Vec<Record> {
    files
        .iter()
        .flat_map(|(name, bytes)| read_lines(name, bytes, 1).unwrap())
        .map(|line| line.record.expect("every line is a record"))
        .collect()
}

type Ledger = (
    Vec<History>,
    Vec<(String, Vec<u8>)>,
    Vec<usize>,
    Vec<usize>,
    usize,
);

/// Histories, their files, an order of the files, an order of all their records, and a file
/// that is copied (as a sync tool leaves a conflicting copy).
fn ledger() -> impl Strategy<Value = Ledger> {
    vec(history(), 1..6).prop_flat_map(|histories| {
        let files = files_of(play(&histories).0);
        let n = files.len();
        let count = files
            .iter()
            .map(|(_, bytes)| bytes.iter().filter(|b| **b == b'\n').count())
            .sum();
        (
            Just(histories),
            Just(files),
            Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            Just((0..count).collect::<Vec<usize>>()).prop_shuffle(),
            0..n,
        )
    })
}

proptest! {
    #[test]
    fn incidents_fold_the_same_whatever_the_order_of_files(
        (histories, files, file_order, record_order, copied) in ledger()
    ) {
        let in_name_order: Vec<&(String, Vec<u8>)> = files.iter().collect();
        let all = read(&in_name_order);
        let incidents: Vec<Incident> = fold(&all);

        let shuffled: Vec<&(String, Vec<u8>)> = file_order.iter().map(|&i| &files[i]).collect();
        prop_assert_eq!(&fold(&read(&shuffled)), &incidents, "files in another order");

        let mut each: Vec<&Record> = record_order.iter().map(|&i| &all[i]).collect();
        prop_assert_eq!(&fold(each.iter().copied()), &incidents, "records in any order");

        let mut with_copy = shuffled.clone();
        with_copy.insert(copied.min(with_copy.len()), &files[copied]);
        prop_assert_eq!(&fold(&read(&with_copy)), &incidents, "a copied file counts once");
        each.reverse();
        prop_assert_eq!(&fold(each.iter().copied()), &incidents);

        // And the incidents are what their histories say.
        let (_, expected) = play(&histories);
        prop_assert_eq!(incidents.len(), histories.len());
        for incident in &incidents {
            let want = &expected[&incident.id];
            prop_assert_eq!(Some(incident.status), want.status, "{}", incident.id);
            prop_assert_eq!(incident.level.number(), want.level);
            prop_assert_eq!(incident.response.done, want.responded);
            prop_assert_eq!(incident.arrived_at, want.arrived);
            prop_assert_eq!(incident.timeline.len(), want.records);
            prop_assert!(incident.timeline.windows(2).all(|w| w[0].at <= w[1].at));
        }
    }
}

/// Voids written after every record: each names an earlier record, a void among them.
fn voids_of(records: &[Record], picks: &[usize]) -> Vec<Record> {
    let mut all: Vec<Record> = records.to_vec();
    let mut voids = Vec::new();
    let at = records.iter().map(Record::instant).max().unwrap();
    for (n, pick) in picks.iter().enumerate() {
        let target = &all[pick % all.len()];
        let incident = match &target.event {
            Event::RecordVoided(void) => void.incident.clone(),
            event => otss::incident::subject(event).map(str::to_string),
        };
        let void = Record::new(
            format!("V{n:025}"),
            at,
            Shanghai,
            "li.lei",
            Event::RecordVoided(Box::new(Voided {
                target: target.id.clone(),
                reason: format!("void {n}"),
                incident,
                target_at: Some(target.at),
                target_type: Some(target.type_name()),
                merged_into: None,
                undo: false,
            })),
        );
        all.push(void.clone());
        voids.push(void);
    }
    voids
}

/// Whether a record is withdrawn, by the rule's own words: some void entered after it names
/// it, and that void is not withdrawn itself.
/// A record id entered at `at`, then ordered by `rest`.
fn ulid_at(at: DateTime<Utc>, rest: u128) -> String {
    let millis = u64::try_from(at.timestamp_millis()).unwrap();
    ulid::Ulid::from_parts(millis, rest).to_string()
}

fn withdrawn_by_rule(id: &str, voids: &[Record]) -> bool {
    voids.iter().any(|void| {
        matches!(&void.event, Event::RecordVoided(v) if v.target == id)
            && void.id.as_str() > id
            && !withdrawn_by_rule(&void.id, voids)
    })
}

proptest! {
    #[test]
    fn folding_with_voids_is_folding_without_the_voided_records(
        (histories, picks) in (vec(history(), 1..4), vec(any::<usize>(), 0..10))
    ) {
        let (records, _) = play(&histories);
        let voids = voids_of(&records, &picks);
        let with_voids: Vec<&Record> = records.iter().chain(&voids).collect();
        let standing: Vec<&Record> = records
            .iter()
            .filter(|record| !withdrawn_by_rule(&record.id, &voids))
            .collect();
        // Apart from the struck-out entries of the timelines, the voided records are as if
        // they had never been written.
        let mut folded = fold(with_voids);
        for incident in &mut folded {
            incident.timeline.retain(|entry| entry.stands());
        }
        prop_assert_eq!(folded, fold(standing));
    }
}

/// The verdict of every clock of `incident` at `now`: response, resolution, then each arrival
/// clock, oldest round first.
fn verdicts(incident: &Incident, now: DateTime<Utc>) -> Vec<(String, Option<bool>)> {
    let mut all = vec![
        ("response".to_string(), incident.response.met(now)),
        (
            "resolution".to_string(),
            incident.resolution.and_then(|clock| clock.met(now)),
        ),
    ];
    let earlier = incident.earlier_arrivals.iter().map(|e| e.met);
    let arrivals = earlier.chain(incident.arrival.map(|_| incident.arrival_met(now)));
    all.extend(
        arrivals
            .enumerate()
            .map(|(n, met)| (format!("arrival {n}"), met)),
    );
    all
}

proptest! {
    /// docs/rules.md §2.13: whatever comes later (level changes, repeated requests, agreed
    /// times, actions, reopens), a clock whose deadline passed before its action is breached
    /// in the final state.
    #[test]
    fn a_breach_is_never_undone(history in history()) {
        let (records, _) = play(std::slice::from_ref(&history));
        let last = records.last().unwrap().instant();
        let finally = fold(&records);
        let final_verdicts = verdicts(&finally[0], last + TimeDelta::days(30));
        for (k, next) in records.iter().enumerate().skip(1) {
            let before = fold(&records[..k]);
            for (clock, met) in verdicts(&before[0], next.instant()) {
                if met != Some(false) {
                    continue;
                }
                let later = final_verdicts.iter().find(|(name, _)| *name == clock);
                prop_assert_eq!(
                    later.map(|(_, met)| *met),
                    Some(Some(false)),
                    "{} breached before record {}, {:?}",
                    clock,
                    k,
                    &next.event
                );
            }
        }
    }
}
