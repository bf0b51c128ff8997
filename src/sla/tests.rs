use super::*;
use crate::calendar::Calendar;
use crate::time::{parse_instant, rfc3339};
use proptest::prelude::*;

/// A Shenzhen contract with `staff` engineers and `extra` TOML lines.
fn contract_with(staff: u32, extra: &str) -> Contract {
    let text = format!(
        "customer = \"Test\"\nmode = \"5x8\"\nstart = 2018-01-02\nend = 2035-12-31\n\
         city = \"Shenzhen\"\nstaff = {staff}\n{extra}"
    );
    Contract::parse(&text, "test.toml").unwrap()
}

fn contract(extra: &str) -> Contract {
    contract_with(2, extra)
}

fn at(contract: &Contract, local: &str) -> DateTime<Utc> {
    parse_instant(local, contract.timezone).unwrap()
}

fn show(contract: &Contract, t: DateTime<Utc>) -> String {
    rfc3339(t, contract.timezone)
}

/// On-site presence asked at the report.
fn asked(t: DateTime<Utc>) -> OnSiteRequest {
    OnSiteRequest {
        asked_at: t,
        agreed: None,
    }
}

fn level(n: u8) -> Level {
    Level::new(n).unwrap()
}

/// The deadlines of a `lvl` incident reported at local time `local`, presence asked then.
fn report(sla: &Sla, c: &Contract, lvl: u8, local: &str) -> Deadlines {
    let t = at(c, local);
    sla.deadlines(level(lvl), t, asked(t))
}

/// (staff, level, reported, in service hours?, respond by, on site by), times local.
type Example = (
    u32,
    u8,
    &'static str,
    bool,
    &'static str,
    Option<&'static str>,
);

fn check_with_staff(examples: &[Example]) {
    let calendar = Calendar::national();
    for &(staff, lvl, reported, in_hours, respond_by, on_site_by) in examples {
        let c = contract_with(staff, "");
        let d = report(&Sla::new(&c, &calendar), &c, lvl, reported);
        let case = format!("staff {staff} level {lvl} at {reported}");
        assert_eq!(d.in_service_hours, in_hours, "{case}");
        assert_eq!(
            show(&c, d.response.due),
            show(&c, at(&c, respond_by)),
            "{case}"
        );
        assert_eq!(
            d.arrival.map(|a| show(&c, a.due)),
            on_site_by.map(|t| show(&c, at(&c, t))),
            "{case}"
        );
        assert!(d.published, "{case}");
    }
}

#[test]
fn the_worked_examples_of_the_spec() {
    check_with_staff(&[
        (
            2,
            1,
            "2024-05-01 10:00",
            false,
            "2024-05-01 10:30",
            Some("2024-05-01 12:00"),
        ),
        (2, 2, "2024-05-11 10:00", true, "2024-05-11 10:15", None),
        (2, 3, "2024-04-30 17:30", true, "2024-04-30 17:45", None),
        (
            2,
            3,
            "2024-04-30 18:00",
            false,
            "2024-04-30 20:00",
            Some("2024-05-01 18:00"),
        ),
        (
            2,
            2,
            "2024-05-06 08:30",
            false,
            "2024-05-06 09:15",
            Some("2024-05-06 09:00"),
        ),
        (
            1,
            1,
            "2024-05-04 22:00",
            false,
            "2024-05-04 22:30",
            Some("2024-05-05 02:00"),
        ),
        (
            2,
            1,
            "2024-02-09 20:00",
            false,
            "2024-02-09 20:30",
            Some("2024-02-09 22:00"),
        ),
    ]);
}

#[test]
fn service_hours_boundaries_to_the_second() {
    check_with_staff(&[
        (
            1,
            3,
            "2024-04-29 17:59:59",
            true,
            "2024-04-29 18:14:59",
            None,
        ),
        (
            1,
            3,
            "2024-04-29 18:00:00",
            false,
            "2024-04-29 20:00:00",
            Some("2024-04-30 09:00:00"),
        ),
        (
            1,
            3,
            "2024-04-29 08:59:59",
            false,
            "2024-04-29 09:15:00",
            Some("2024-04-29 09:00:00"),
        ),
        (
            1,
            3,
            "2024-04-29 09:00:00",
            true,
            "2024-04-29 09:15:00",
            None,
        ),
        (
            1,
            1,
            "2024-04-29 08:59:59",
            false,
            "2024-04-29 09:15:00",
            Some("2024-04-29 09:00:00"),
        ),
        (
            1,
            1,
            "2024-04-29 08:44:59",
            false,
            "2024-04-29 09:14:59",
            Some("2024-04-29 09:00:00"),
        ),
    ]);
}

#[test]
fn weekday_holidays_are_outside_and_make_up_workdays_inside_service_hours() {
    check_with_staff(&[
        // Thursday 2024-05-02: a swapped weekday inside the Labour Day block.
        (
            1,
            2,
            "2024-05-02 11:00",
            false,
            "2024-05-02 12:00",
            Some("2024-05-02 19:00"),
        ),
        // Sunday 2024-04-28: a make-up workday.
        (1, 1, "2024-04-28 11:00", true, "2024-04-28 11:15", None),
        // Sunday 2024-04-28 after hours: the next window is Monday 04-29.
        (
            1,
            3,
            "2024-04-28 18:30",
            false,
            "2024-04-28 20:30",
            Some("2024-04-29 09:00"),
        ),
        // The last day of the Spring Festival block 2024 is followed by a make-up Sunday.
        (
            1,
            3,
            "2024-02-17 20:00",
            false,
            "2024-02-17 22:00",
            Some("2024-02-18 09:00"),
        ),
    ]);
}

#[test]
fn the_priority_arrival_needs_two_engineers_in_a_listed_city() {
    let calendar = Calendar::national();
    let reported = "2024-05-01 10:00";
    for (city, staff, lvl, hours) in [
        ("Chengdu", 2, 1, 2),
        ("成都", 2, 1, 2),
        ("beijing", 3, 1, 2),
        ("Chengdu", 1, 1, 4),
        ("Hangzhou", 2, 1, 4),
        ("Chengdu", 2, 2, 8),
    ] {
        let text = format!(
            "customer = \"T\"\nmode = \"5x8\"\nstart = 2024-01-02\nend = 2024-12-31\n\
             city = \"{city}\"\nstaff = {staff}\n"
        );
        let c = Contract::parse(&text, "t.toml").unwrap();
        let t = at(&c, reported);
        let arrival = Sla::new(&c, &calendar)
            .arrival(level(lvl), t, None)
            .unwrap();
        assert_eq!(
            arrival.due,
            t + TimeDelta::hours(hours),
            "{city} {staff} {lvl}"
        );
        let priority = matches!(arrival.rule, Rule::ArrivalBudget { priority: true, .. });
        assert_eq!(priority, hours == 2, "{city} {staff} {lvl}");
    }
}

#[test]
fn input_in_utc_gives_the_same_deadlines() {
    let calendar = Calendar::national();
    let c = contract("");
    let sla = Sla::new(&c, &calendar);
    let utc = parse_instant("2024-05-01T02:00:00Z", c.timezone).unwrap();
    let d = sla.deadlines(level(1), utc, asked(utc));
    assert_eq!(show(&c, d.response.due), "2024-05-01T10:30:00+08:00");
    assert_eq!(
        show(&c, d.arrival.unwrap().due),
        "2024-05-01T12:00:00+08:00"
    );
}

#[test]
fn a_berlin_contract_across_the_spring_dst_change() {
    let calendar = Calendar::national();
    let c = contract(
        "timezone = \"Europe/Berlin\"\n[sla.level2]\nresolve = \"10h\"\nresolve_clock = \"service\"",
    );
    let sla = Sla::new(&c, &calendar);
    // Saturday 23:30 CET: budgets are real durations, so 8 h later is 08:30 CEST.
    let d = report(&sla, &c, 2, "2025-03-29 23:30");
    assert_eq!(show(&c, d.response.due), "2025-03-30T00:30:00+01:00");
    assert_eq!(
        show(&c, d.arrival.unwrap().due),
        "2025-03-30T08:30:00+02:00"
    );
    // Sunday 20:00 CEST: the arrival is clipped to Monday 09:00 local time.
    let d = report(&sla, &c, 3, "2025-03-30 20:00");
    assert_eq!(
        show(&c, d.arrival.unwrap().due),
        "2025-03-31T09:00:00+02:00"
    );
    // Friday 17:00 CET: 1 h that day, 9 h on Monday in summer time.
    let resolve = sla
        .resolution(level(2), at(&c, "2025-03-28 17:00"))
        .unwrap();
    assert_eq!(show(&c, resolve.due), "2025-03-31T18:00:00+02:00");
    // And back in autumn: Saturday 2025-10-25 23:00 CEST + 8 h is 06:00 CET.
    let d = report(&sla, &c, 2, "2025-10-25 23:00");
    assert_eq!(
        show(&c, d.arrival.unwrap().due),
        "2025-10-26T06:00:00+01:00"
    );
}

#[test]
fn contract_overrides_change_the_deadlines() {
    let calendar = Calendar::national();
    let c =
        contract("[sla]\nimmediate = \"10m\"\n[sla.level2]\nresponse = \"45m\"\narrival = \"6h\"");
    let sla = Sla::new(&c, &calendar);
    let inside = sla.response(level(2), at(&c, "2024-04-29 10:00"));
    assert_eq!(show(&c, inside.due), "2024-04-29T10:10:00+08:00");
    let outside = report(&sla, &c, 2, "2024-04-29 20:00");
    assert_eq!(show(&c, outside.response.due), "2024-04-29T20:45:00+08:00");
    assert_eq!(
        show(&c, outside.arrival.unwrap().due),
        "2024-04-30T02:00:00+08:00"
    );
    let clipped = sla.response(level(2), at(&c, "2024-04-30 08:40"));
    assert_eq!(show(&c, clipped.due), "2024-04-30T09:10:00+08:00");
    let hours = contract("[hours]\nstart = \"08:30\"\nend = \"17:30\"");
    let sla = Sla::new(&hours, &calendar);
    assert!(sla.in_service_hours(at(&hours, "2024-04-29 08:30")));
    assert!(!sla.in_service_hours(at(&hours, "2024-04-29 17:30")));
}

#[test]
fn a_7x24_contract_is_immediate_at_every_hour() {
    let calendar = Calendar::national();
    let c = Contract::parse(
        "customer = \"T\"\nmode = \"7x24\"\nstart = 2024-01-01\nend = 2024-12-31\n",
        "t.toml",
    )
    .unwrap();
    let sla = Sla::new(&c, &calendar);
    for local in [
        "2024-05-01 03:00",
        "2024-04-29 10:00",
        "2024-05-04 23:59:59",
    ] {
        let t = at(&c, local);
        let d = sla.deadlines(level(1), t, asked(t));
        assert!(d.in_service_hours);
        assert_eq!(d.response.due, t + TimeDelta::minutes(15), "{local}");
        assert_eq!(d.arrival, None);
    }
    let with_arrival = Contract::parse(
        "customer = \"T\"\nmode = \"7x24\"\nstart = 2024-01-01\nend = 2024-12-31\n\
         [sla.level1]\narrival = \"1h\"\n",
        "t.toml",
    )
    .unwrap();
    let t = at(&with_arrival, "2024-05-01 03:00");
    let arrival = Sla::new(&with_arrival, &calendar).arrival(level(1), t, None);
    assert_eq!(arrival.unwrap().due, t + TimeDelta::hours(1));
}

#[test]
fn an_arrival_asked_later_or_agreed_later() {
    let calendar = Calendar::national();
    let c = contract_with(1, "");
    let sla = Sla::new(&c, &calendar);
    let asked = at(&c, "2024-05-05 01:00");
    let by_budget = sla.arrival(level(1), asked, None).unwrap();
    assert_eq!(show(&c, by_budget.due), "2024-05-05T05:00:00+08:00");
    let later = sla
        .arrival(level(1), asked, Some(at(&c, "2024-05-05 08:00")))
        .unwrap();
    assert_eq!(
        (show(&c, later.due), later.rule),
        ("2024-05-05T08:00:00+08:00".into(), Rule::AgreedTime)
    );
    let earlier = sla
        .arrival(level(1), asked, Some(at(&c, "2024-05-05 03:00")))
        .unwrap();
    assert_eq!(earlier, by_budget);
    // Asked inside service hours: the engineer is there; no arrival clock.
    assert_eq!(
        sla.arrival(level(1), at(&c, "2024-05-06 10:00"), None),
        None
    );
}

#[test]
fn the_resolution_clock_on_service_time_skips_nights_weekends_and_holidays() {
    let calendar = Calendar::national();
    let c = contract(
        "[sla.level1]\nresolve = \"8h\"\nresolve_clock = \"service\"\n[sla.level3]\nresolve = \"8h\"",
    );
    let sla = Sla::new(&c, &calendar);
    // Friday 17:00: 1 h on Friday, then the make-up Saturday 2024-05-11.
    let r = sla
        .resolution(level(1), at(&c, "2024-05-10 17:00"))
        .unwrap();
    assert_eq!(show(&c, r.due), "2024-05-11T16:00:00+08:00");
    // Tuesday 04-30 17:00: 1 h, then the Labour Day block, then Monday 05-06.
    let r = sla
        .resolution(level(1), at(&c, "2024-04-30 17:00"))
        .unwrap();
    assert_eq!(show(&c, r.due), "2024-05-06T16:00:00+08:00");
    // Reported at night: counting starts at the next window.
    let r = sla
        .resolution(level(1), at(&c, "2024-04-29 22:00"))
        .unwrap();
    assert_eq!(show(&c, r.due), "2024-04-30T17:00:00+08:00");
    // Exactly a whole window ends at the window's end.
    let r = sla
        .resolution(level(1), at(&c, "2024-04-29 09:00"))
        .unwrap();
    assert_eq!(show(&c, r.due), "2024-04-29T17:00:00+08:00");
    // Wall clock: simply 8 h later.
    let r = sla
        .resolution(level(3), at(&c, "2024-04-30 17:00"))
        .unwrap();
    assert_eq!(show(&c, r.due), "2024-05-01T01:00:00+08:00");
    assert_eq!(sla.resolution(level(2), at(&c, "2024-04-30 17:00")), None);
}

#[test]
fn a_provisional_calendar_year_marks_the_answer_unpublished() {
    let calendar = Calendar::national();
    let c = contract("");
    let sla = Sla::new(&c, &calendar);
    assert!(!report(&sla, &c, 3, "2027-02-05 10:00").published);
    // Reported on the last evening of 2026: the arrival reaches into 2027.
    assert!(!report(&sla, &c, 3, "2026-12-31 19:00").published);
    assert!(report(&sla, &c, 3, "2026-12-30 10:00").published);
}

#[test]
fn clock_states_to_the_second() {
    let start = parse_instant("2024-05-01T10:00:00+08:00", chrono_tz::UTC).unwrap();
    let due = start + TimeDelta::minutes(30);
    assert_eq!(
        clock_state(start, due, Some(due), due, 0.8),
        ClockState::Met
    );
    let late = due + TimeDelta::seconds(1);
    assert_eq!(
        clock_state(start, due, Some(late), late, 0.8),
        ClockState::Breached {
            by: TimeDelta::seconds(1)
        }
    );
    assert_eq!(
        clock_state(start, due, None, late, 0.8),
        ClockState::Breached {
            by: TimeDelta::seconds(1)
        }
    );
    let early = start + TimeDelta::minutes(23) + TimeDelta::seconds(59);
    assert_eq!(
        clock_state(start, due, None, early, 0.8),
        ClockState::Pending {
            left: TimeDelta::seconds(361),
            at_risk: false
        }
    );
    let at_risk = start + TimeDelta::minutes(24);
    assert_eq!(
        clock_state(start, due, None, at_risk, 0.8),
        ClockState::Pending {
            left: TimeDelta::minutes(6),
            at_risk: true
        }
    );
}

#[test]
fn the_at_risk_share_is_counted_in_whole_seconds() {
    let start = parse_instant("2024-05-01T10:00:00Z", chrono_tz::UTC).unwrap();
    let due = start + TimeDelta::seconds(180);
    let state = |elapsed| clock_state(start, due, None, start + TimeDelta::seconds(elapsed), 0.7);
    assert!(matches!(
        state(125),
        ClockState::Pending { at_risk: false, .. }
    ));
    assert!(matches!(
        state(126),
        ClockState::Pending { at_risk: true, .. }
    ));
}

fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2018-01-01 to 2036-01-01, to the second.
    (1_514_736_000i64..2_082_758_400).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn contract_in(mode: &'static str) -> impl Strategy<Value = Contract> {
    let cities = prop_oneof![Just("Chengdu"), Just("Hangzhou"), Just("北京")];
    let zones = prop_oneof![
        Just("Asia/Shanghai"),
        Just("Europe/Berlin"),
        Just("America/New_York")
    ];
    (cities, zones, 1u32..4).prop_map(move |(city, zone, staff)| {
        let text = format!(
            "customer = \"P\"\nmode = \"{mode}\"\nstart = 2018-01-02\nend = 2035-12-31\n\
             city = \"{city}\"\nstaff = {staff}\ntimezone = \"{zone}\"\n\
             [sla.level1]\nresolve = \"4h\"\nresolve_clock = \"service\"\n\
             [sla.level2]\nresolve = \"2d\"\nresolve_clock = \"service\"\n"
        );
        Contract::parse(&text, "p.toml").unwrap()
    })
}

fn any_contract() -> impl Strategy<Value = Contract> {
    prop_oneof![contract_in("5x8"), contract_in("7x24")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_deadline_is_at_or_after_the_report(c in any_contract(), t in any_instant(), n in 1u8..=3) {
        let calendar = Calendar::national();
        let d = Sla::new(&c, &calendar).deadlines(level(n), t, asked(t));
        prop_assert!(d.response.due >= t);
        for other in [d.arrival, d.resolution].into_iter().flatten() {
            prop_assert!(other.due >= t);
        }
    }

    #[test]
    fn a_7x24_response_is_always_immediate(c in contract_in("7x24"), t in any_instant(), n in 1u8..=3) {
        let calendar = Calendar::national();
        let d = Sla::new(&c, &calendar).deadlines(level(n), t, asked(t));
        prop_assert!(d.in_service_hours);
        prop_assert_eq!(d.response.due, t + c.sla.immediate);
        prop_assert_eq!(d.arrival, None);
    }

    #[test]
    fn a_more_severe_level_is_never_due_later(c in any_contract(), t in any_instant()) {
        let calendar = Calendar::national();
        let sla = Sla::new(&c, &calendar);
        let d: Vec<Deadlines> = Level::ALL.iter().map(|l| sla.deadlines(*l, t, asked(t))).collect();
        for pair in d.windows(2) {
            prop_assert!(pair[0].response.due <= pair[1].response.due);
            if let (Some(a), Some(b)) = (pair[0].arrival, pair[1].arrival) {
                prop_assert!(a.due <= b.due);
            }
        }
    }

    #[test]
    fn service_time_adds_up(c in any_contract(), t in any_instant(), a in 0i64..50_000, b in 0i64..50_000) {
        let calendar = Calendar::national();
        let sla = Sla::new(&c, &calendar);
        let (a, b) = (TimeDelta::seconds(a), TimeDelta::seconds(b));
        let whole = sla.add_service_time(t, a + b).unwrap();
        let in_two = sla.add_service_time(sla.add_service_time(t, a).unwrap(), b).unwrap();
        prop_assert_eq!(whole, in_two);
        prop_assert!(whole - t >= a + b);
    }
}
