use chrono::{DateTime, TimeDelta, Utc};

use super::*;

fn q(text: &str) -> Quantity {
    Quantity::parse(text).unwrap().unwrap()
}

fn gauge(unit: Unit, warn: Option<f64>, critical: Option<f64>) -> Gauge {
    Gauge {
        unit,
        warn,
        critical,
    }
}

#[test]
fn readings_are_a_number_and_a_unit_of_any_case_or_none_for_a_count() {
    assert_eq!(
        q("78%"),
        Quantity {
            value: 78.0,
            unit: Unit::Percent
        }
    );
    assert_eq!(
        q(" 4.2 gbps "),
        Quantity {
            value: 4.2,
            unit: Unit::Gbps
        }
    );
    assert_eq!(
        q("1200"),
        Quantity {
            value: 1200.0,
            unit: Unit::Count
        }
    );
    assert_eq!(q("3TB").unit, Unit::Tb);
    assert_eq!(q("512mb").unit, Unit::Mb);
    assert_eq!(q("2PB").unit, Unit::Pb);
    assert_eq!(q("900Mbps").unit, Unit::Mbps);
    assert_eq!(q("7 count").unit, Unit::Count);
}

#[test]
fn text_that_is_not_a_number_is_no_reading_and_an_unknown_unit_is_named() {
    assert_eq!(Quantity::parse("ok"), None);
    assert_eq!(Quantity::parse("-5%"), None);
    assert_eq!(Quantity::parse("%"), None);
    assert_eq!(
        Quantity::parse("78 furlongs"),
        Some(Err(UnitError::Unknown("furlongs".to_string())))
    );
}

#[test]
fn values_convert_within_a_family_sizes_by_1024_and_rates_by_1000() {
    assert_eq!(q("2TB").value_in(Unit::Gb), Ok(2048.0));
    assert_eq!(q("512GB").value_in(Unit::Tb), Ok(0.5));
    assert_eq!(q("1PB").value_in(Unit::Tb), Ok(1024.0));
    assert_eq!(q("3072MB").value_in(Unit::Gb), Ok(3.0));
    assert_eq!(q("4.2Gbps").value_in(Unit::Mbps), Ok(4200.0));
    assert_eq!(q("250Mbps").value_in(Unit::Gbps), Ok(0.25));
    assert_eq!(q("78%").value_in(Unit::Percent), Ok(78.0));
    assert_eq!(q("12").value_in(Unit::Count), Ok(12.0));
}

#[test]
fn a_value_of_another_family_is_refused_naming_both_units() {
    for (reading, unit) in [
        ("78%", Unit::Gb),
        ("4Gbps", Unit::Tb),
        ("12", Unit::Percent),
    ] {
        assert_eq!(
            q(reading).value_in(unit),
            Err(UnitError::Mismatch {
                given: q(reading).unit,
                expected: unit
            })
        );
    }
}

#[test]
fn quantities_are_shown_with_at_most_two_decimals() {
    assert_eq!(q("78%").to_string(), "78%");
    assert_eq!(q("4.20Gbps").to_string(), "4.2 Gbps");
    assert_eq!(q("1.234TB").to_string(), "1.23 TB");
    assert_eq!(q("1200").to_string(), "1200");
}

#[test]
fn a_reading_at_or_past_a_threshold_names_the_highest_it_reached() {
    let disk = gauge(Unit::Percent, Some(80.0), Some(90.0));
    assert_eq!(disk.judge(q("79.9%")), Ok(None));
    let warn = disk.judge(q("80%")).unwrap().unwrap();
    assert_eq!((warn.level, warn.threshold), (Severity::Warn, q("80%")));
    let critical = disk.judge(q("95%")).unwrap().unwrap();
    assert_eq!(
        (critical.level, critical.threshold),
        (Severity::Critical, q("90%"))
    );
}

#[test]
fn a_reading_is_judged_in_the_gauges_unit() {
    let bandwidth = gauge(Unit::Gbps, None, Some(8.0));
    assert_eq!(bandwidth.judge(q("7900Mbps")), Ok(None));
    let passed = bandwidth.judge(q("8200Mbps")).unwrap().unwrap();
    assert_eq!(passed.level, Severity::Critical);
    assert_eq!(passed.threshold, q("8Gbps"));
    assert!(matches!(
        bandwidth.judge(q("80%")),
        Err(UnitError::Mismatch { .. })
    ));
}

#[test]
fn a_gauge_without_thresholds_never_makes_a_reading_abnormal() {
    assert_eq!(gauge(Unit::Count, None, None).judge(q("100000")), Ok(None));
}

fn day(n: i64) -> DateTime<Utc> {
    "2025-03-01T02:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::days(n)
}

fn series(values: &[f64]) -> Vec<Point> {
    values
        .iter()
        .enumerate()
        .map(|(n, v)| (day(n as i64), *v))
        .collect()
}

#[test]
fn a_projection_needs_three_readings() {
    let disk = gauge(Unit::Percent, Some(80.0), Some(90.0));
    assert_eq!(project(&[], &disk), Outlook::TooFew(0));
    assert_eq!(project(&series(&[60.0, 70.0]), &disk), Outlook::TooFew(2));
}

#[test]
fn flat_and_falling_series_cross_nothing() {
    let disk = gauge(Unit::Percent, Some(80.0), Some(90.0));
    assert_eq!(
        project(&series(&[70.0, 70.0, 70.0]), &disk),
        Outlook::NotGrowing
    );
    assert_eq!(
        project(&series(&[75.0, 72.0, 60.0]), &disk),
        Outlook::NotGrowing
    );
}

#[test]
fn readings_all_at_one_time_have_no_rate() {
    let disk = gauge(Unit::Percent, Some(80.0), None);
    let same = [(day(0), 50.0), (day(0), 60.0), (day(0), 70.0)];
    assert_eq!(project(&same, &disk), Outlook::NotGrowing);
}

#[test]
fn a_growing_series_crosses_the_next_threshold_at_its_recent_rate() {
    let disk = gauge(Unit::Percent, Some(80.0), Some(90.0));
    // One point a day from 60: 80 is reached on day 10.
    let Outlook::Crossing {
        passed,
        at,
        per_day,
    } = project(&series(&[60.0, 62.0, 64.0]), &disk)
    else {
        panic!("a growing series crosses")
    };
    assert_eq!(passed.level, Severity::Warn);
    assert_eq!(at, day(10));
    assert!((per_day - 2.0).abs() < 1e-9);
    // Past the warning already, the critical threshold is next.
    let Outlook::Crossing { passed, at, .. } = project(&series(&[80.0, 82.0, 84.0]), &disk) else {
        panic!("a growing series crosses")
    };
    assert_eq!((passed.level, at), (Severity::Critical, day(5)));
}

#[test]
fn only_the_most_recent_readings_set_the_rate() {
    let disk = gauge(Unit::Percent, Some(80.0), None);
    // A fall long ago does not hide the recent growth.
    let mut values = vec![70.0, 40.0];
    values.extend((0..PROJECTION_READINGS).map(|n| 40.0 + n as f64));
    let Outlook::Crossing { per_day, .. } = project(&series(&values), &disk) else {
        panic!("the recent readings grow")
    };
    assert!((per_day - 1.0).abs() < 1e-9);
}

#[test]
fn past_every_threshold_or_with_none_there_is_nothing_to_project() {
    let disk = gauge(Unit::Percent, Some(80.0), Some(90.0));
    assert_eq!(
        project(&series(&[91.0, 93.0, 95.0]), &disk),
        Outlook::NoThreshold
    );
    let none = gauge(Unit::Percent, None, None);
    assert_eq!(
        project(&series(&[1.0, 2.0, 3.0]), &none),
        Outlook::NoThreshold
    );
}

#[test]
fn a_crossing_the_line_puts_in_the_past_is_the_latest_reading() {
    let disk = gauge(Unit::Percent, Some(80.0), None);
    // A steep rise then a dip below 80: the line is above 80 already at the last reading.
    let Outlook::Crossing { at, .. } = project(&series(&[10.0, 90.0, 79.0]), &disk) else {
        panic!("growing")
    };
    assert_eq!(at, day(2));
}
