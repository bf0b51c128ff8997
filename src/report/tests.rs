use std::collections::BTreeMap;

use chrono::TimeDelta;

use super::*;
use crate::period::Period;
use crate::record::Event;
use crate::record::inspect::Outcome;
use crate::record::report::Issued;
use crate::service::InspectionKind;

fn contract(start: &str, end: &str) -> Contract {
    let text = format!("customer = \"T\"\nmode = \"5x8\"\nstart = {start}\nend = {end}\n");
    Contract::parse(&text, "t.toml").unwrap()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn month(text: &str) -> Period {
    Period::parse(text, date("2025-01-01")).unwrap()
}

#[test]
fn a_month_is_monthly_and_the_terms_last_month_is_the_annual_summary() {
    let c = contract("2025-01-02", "2025-12-31");
    let march = Scope::new(&c, month("2025-03")).unwrap();
    assert_eq!(
        (march.kind, march.first, march.last),
        (ReportKind::Monthly, date("2025-03-01"), date("2025-03-31"))
    );
    let december = Scope::new(&c, month("2025-12")).unwrap();
    assert_eq!(
        (december.kind, december.first, december.last),
        (ReportKind::Annual, date("2025-01-02"), date("2025-12-31"))
    );
    let year = Scope::new(&c, month("2025")).unwrap();
    assert_eq!(
        (year.kind, year.first, year.last),
        (ReportKind::Annual, date("2025-01-02"), date("2025-12-31"))
    );
    assert_eq!(year.months().len(), 12);
}

#[test]
fn a_year_covers_its_part_of_a_term_across_years_and_the_year_it_ends_in_the_whole_term() {
    let c = contract("2025-04-01", "2026-03-31");
    let year = Scope::new(&c, month("2025")).unwrap();
    assert_eq!(
        (year.first, year.last),
        (date("2025-04-01"), date("2025-12-31"))
    );
    assert_eq!(year.months().len(), 9);
    assert_eq!(
        Scope::new(&c, month("2026-03")).unwrap().first,
        date("2025-04-01")
    );
    let ending = Scope::new(&c, month("2026")).unwrap();
    assert_eq!(
        (ending.kind, ending.first, ending.last),
        (ReportKind::Annual, date("2025-04-01"), date("2026-03-31"))
    );
}

#[test]
fn a_month_is_clipped_to_the_term_and_must_have_begun() {
    let c = contract("2025-07-15", "2026-01-14");
    let july = Scope::new(&c, month("2025-07")).unwrap();
    assert_eq!(
        (july.kind, july.first, july.last),
        (ReportKind::Monthly, date("2025-07-15"), date("2025-07-31"))
    );
    assert_eq!(july.check_begun(date("2025-07-15")), Ok(()));
    assert_eq!(
        july.check_begun(date("2025-07-14")),
        Err(ReportError::NotBegun {
            period: "2025-07".into(),
            begins: date("2025-07-15")
        })
    );
    // The annual summary can be made before the term's last month begins: it is due then.
    let summary = Scope::new(&c, month("2026-01")).unwrap();
    assert_eq!(summary.check_begun(date("2025-12-31")), Ok(()));
}

#[test]
fn periods_outside_the_term_or_not_months_are_refused() {
    let c = contract("2025-01-02", "2025-12-31");
    assert!(matches!(
        Scope::new(&c, month("2024-12")),
        Err(ReportError::OutsideTerm { .. })
    ));
    assert!(matches!(
        Scope::new(&c, month("2026")),
        Err(ReportError::OutsideTerm { .. })
    ));
    assert!(matches!(
        Scope::new(&c, month("2025-03-04")),
        Err(ReportError::NotAPeriod(_))
    ));
}

#[test]
fn reports_are_due_after_their_month_and_two_weeks_before_the_term_ends() {
    let c = contract("2025-01-02", "2025-12-31");
    let issued = Record {
        v: 1,
        id: "01".into(),
        at: chrono::DateTime::parse_from_rfc3339("2025-02-04T10:00:00+08:00").unwrap(),
        by: "li.lei".into(),
        prev: None,
        event: Event::ReportIssued(Issued {
            period: "2025-01".into(),
            ..Default::default()
        }),
    };
    let mut issued_reports = BTreeMap::new();
    note_issued(&mut issued_reports, &issued);
    let mut again = issued.clone();
    again.at = chrono::DateTime::parse_from_rfc3339("2025-02-06T10:00:00+08:00").unwrap();
    note_issued(&mut issued_reports, &again);
    assert_eq!(
        issued_reports["2025-01"],
        Issues {
            first: issued.instant(),
            last: again.instant()
        },
        "the first issue decides whether it was on time"
    );
    let nothing_corrected = |_, _, _| false;
    let due = reports_due(&c, &issued_reports, date("2025-03-10"), nothing_corrected);
    assert_eq!(due.len(), 12);
    let states: Vec<(NaiveDate, DueState)> = due.iter().take(4).map(|d| (d.due, d.state)).collect();
    assert_eq!(
        states,
        [
            (date("2025-02-05"), DueState::Issued),
            (date("2025-03-05"), DueState::Late),
            (date("2025-04-05"), DueState::Upcoming),
            (date("2025-05-05"), DueState::Upcoming),
        ]
    );
    let december = due.last().unwrap();
    assert_eq!(
        (december.kind, december.due),
        (ReportKind::Annual, date("2025-12-17"))
    );
    let november = &due[10];
    assert_eq!(november.due, date("2025-12-05"));
    // A month that has ended is due, even when its due day is weeks away.
    let in_april = reports_due(&c, &BTreeMap::new(), date("2025-04-01"), nothing_corrected);
    assert_eq!(in_april[2].state, DueState::Due);
    assert_eq!(in_april[3].state, DueState::Upcoming);
    assert!(due.iter().all(|d| !d.changed_since_issued));

    // A correction since the last issue, of a day the report covers, changes it.
    let corrected_january = |first: NaiveDate, last: NaiveDate, after: DateTime<Utc>| {
        let correction = again.instant() + TimeDelta::days(1);
        first <= date("2025-01-20") && date("2025-01-20") <= last && after < correction
    };
    let due = reports_due(&c, &issued_reports, date("2025-03-10"), corrected_january);
    let changed: Vec<NaiveDate> = due
        .iter()
        .filter(|d| d.changed_since_issued)
        .map(|d| d.month)
        .collect();
    assert_eq!(
        changed,
        [date("2025-01-01")],
        "only the issued report that covers it"
    );
}

#[test]
fn a_report_is_kept_under_its_month_and_the_summary_under_the_last() {
    let c = contract("2025-01-02", "2025-12-31");
    let kept = |p: &str| report_month(&c, &Scope::new(&c, month(p)).unwrap());
    assert_eq!(kept("2025-03").as_deref(), Some("2025-03"));
    assert_eq!(kept("2025-12").as_deref(), Some("2025-12"));
    assert_eq!(kept("2025").as_deref(), Some("2025-12"));
    let across = contract("2025-04-01", "2026-03-31");
    let of_year = |p: &str| report_month(&across, &Scope::new(&across, month(p)).unwrap());
    assert_eq!(of_year("2025"), None, "2025 does not end the term");
    assert_eq!(of_year("2026").as_deref(), Some("2026-03"));
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn record(c: &Contract, n: usize, when: DateTime<Utc>, event: Event) -> Record {
    Record::new(format!("{n:026}"), when, c.timezone, "li.lei", event)
}

fn consultation(minutes: u32, product: &str) -> Event {
    Event::SupportLogged(crate::record::routine::Consultation {
        text: "question".into(),
        product: Some(product.into()),
        minutes: Some(minutes),
    })
}

fn round(kind: InspectionKind) -> Event {
    Event::InspectionRound(crate::record::inspect::Round {
        kind,
        items: vec![crate::record::inspect::ItemResult {
            item: "CVM".into(),
            result: Outcome::Ok,
            note: None,
            reading: None,
        }],
    })
}

fn report_of(c: &Contract, records: &[Record], period: &str, now: &str) -> Report {
    let calendar = Calendar::new(&[], &Default::default());
    let sources = Sources {
        contract: c,
        calendar: &calendar,
        incidents: &[],
        records,
        now: at(now),
    };
    Report::new(&sources, Scope::new(c, month(period)).unwrap())
}

#[test]
fn a_record_belongs_to_the_month_of_its_local_time() {
    let c = contract("2025-01-02", "2025-12-31");
    let records = [
        record(&c, 1, at("2025-03-31T15:30:00Z"), consultation(10, "CVM")),
        record(&c, 2, at("2025-03-31T16:30:00Z"), consultation(20, "CLB")),
    ];
    let march = report_of(&c, &records, "2025-03", "2025-04-10T10:00:00+08:00");
    let april = report_of(&c, &records, "2025-04", "2025-04-10T10:00:00+08:00");
    assert_eq!((march.support.count, march.support.minutes), (1, 10));
    assert_eq!((april.support.count, april.support.minutes), (1, 20));
}

#[test]
fn requirements_count_the_days_of_the_term_up_to_today_and_rounds_are_capped_per_day() {
    let c = contract("2025-03-05", "2025-12-31");
    let records = [
        record(
            &c,
            1,
            at("2025-03-05T10:00:00+08:00"),
            round(InspectionKind::Monitoring),
        ),
        record(
            &c,
            2,
            at("2025-03-05T15:00:00+08:00"),
            round(InspectionKind::Monitoring),
        ),
        record(
            &c,
            3,
            at("2025-03-06T10:00:00+08:00"),
            round(InspectionKind::Monitoring),
        ),
    ];
    // 5, 6 and 7 March are working days in the term; 3 and 4 March are before it.
    let report = report_of(&c, &records, "2025-03", "2025-03-07T10:00:00+08:00");
    let monitoring = report.inspections[0];
    assert_eq!(
        (monitoring.required, monitoring.done, monitoring.rounds),
        (3, 2, 3)
    );
    assert!(report.in_progress());
    assert_eq!(report.counted_to, date("2025-03-07"));
    assert_eq!(report.days_on_site, 3);
    assert_eq!(
        report.scope.first,
        date("2025-03-05"),
        "the month's part of the term"
    );
    assert_eq!(report.working_days, 19, "every working day of that part");
}

proptest::proptest! {
    /// An annual summary's months add up to the summary: every record is counted in exactly
    /// one month.
    #[test]
    fn the_months_of_an_annual_summary_add_up_to_it(
        minutes in proptest::collection::vec((0i64..365 * 24 * 60, 1u32..120), 0..60)
    ) {
        let c = contract("2025-01-02", "2025-12-31");
        let start = at("2025-01-01T16:00:00Z");
        let records: Vec<Record> = minutes
            .iter()
            .enumerate()
            .map(|(n, (offset, length))| {
                record(&c, n, start + TimeDelta::minutes(*offset), consultation(*length, "CVM"))
            })
            .collect();
        let annual = report_of(&c, &records, "2025", "2026-01-10T10:00:00+08:00");
        proptest::prop_assert_eq!(annual.months.len(), 12);
        let by_month: u32 = annual.months.iter().map(|m| m.support).sum();
        let in_term = records
            .iter()
            .filter(|r| c.check_in_term(local_date(r.instant(), c.timezone)).is_ok())
            .count() as u32;
        proptest::prop_assert_eq!(by_month, annual.support.count);
        proptest::prop_assert_eq!(annual.support.count, in_term);
    }
}

/// An incident reported at `when`, its ids made of `n`, its response due within half an hour.
fn opened(c: &Contract, n: usize, when: DateTime<Utc>, level: u8) -> Record {
    let incident = format!("{n:06}");
    let within = TimeDelta::minutes(30);
    let opened = crate::record::incident::Opened {
        incident: incident.clone(),
        level: crate::contract::Level::new(level).unwrap(),
        title: format!("incident {incident}"),
        description: None,
        onsite: false,
        from_risk: None,
        clocks: crate::record::incident::Clocks {
            response: crate::record::incident::Pinned {
                due: (when + within).fixed_offset(),
                rule: crate::sla::Rule::Immediate { within },
            },
            arrival: None,
            resolution: None,
        },
    };
    // Entered a minute after it happened, as its id says.
    let entered = (when + TimeDelta::minutes(1)).timestamp_millis() as u64;
    let id = ulid::Ulid::from_parts(entered, n as u128).to_string();
    Record::new(
        id,
        when,
        c.timezone,
        "li.lei",
        Event::IncidentOpened(Box::new(opened)),
    )
}

proptest::proptest! {
    /// An annual summary's months count every incident of the summary in exactly one month,
    /// by its local date, even one reported a moment either side of a month's first midnight.
    #[test]
    fn the_months_of_an_annual_summary_count_each_incident_once(
        reported in proptest::collection::vec((0usize..=12, -3000i64..3000, 1u8..=3), 0..40)
    ) {
        let c = contract("2025-01-02", "2025-12-31");
        let midnights: Vec<DateTime<Utc>> = (1..=12)
            .map(|m| at(&format!("2025-{m:02}-01T00:00:00+08:00")))
            .chain([at("2026-01-01T00:00:00+08:00")])
            .collect();
        let records: Vec<Record> = reported
            .iter()
            .enumerate()
            .map(|(n, (month, millis, level))| {
                opened(&c, n, midnights[*month] + TimeDelta::milliseconds(*millis), *level)
            })
            .collect();
        let now = at("2026-01-10T10:00:00+08:00");
        let facts: Vec<IncidentFacts> = crate::incident::fold(&records)
            .iter()
            .map(|incident| IncidentFacts::new(incident, now))
            .collect();
        proptest::prop_assert_eq!(facts.len(), reported.len(), "every incident stands");
        let calendar = Calendar::new(&[], &Default::default());
        let sources = Sources {
            contract: &c,
            calendar: &calendar,
            incidents: &facts,
            records: &[],
            now,
        };
        let annual = Report::new(&sources, Scope::new(&c, Period::Year(2025)).unwrap());
        let by_month: u32 = annual.months.iter().map(|m| m.incidents).sum();
        let breached_by_month: u32 = annual.months.iter().map(|m| m.response.breached).sum();
        let in_term = facts
            .iter()
            .filter(|f| c.check_in_term(local_date(f.reported_at, c.timezone)).is_ok())
            .count() as u32;
        proptest::prop_assert_eq!(by_month, annual.incidents.total());
        proptest::prop_assert_eq!(breached_by_month, annual.incidents.response().breached);
        proptest::prop_assert_eq!(annual.incidents.total(), in_term);
    }
}
