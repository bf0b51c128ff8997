use super::*;
use crate::record::Record;
use chrono::NaiveDate;

fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{local}+08:00"))
        .unwrap()
        .with_timezone(&Utc)
}

fn times(locals: &[&str]) -> Vec<DateTime<Utc>> {
    locals.iter().map(|t| at(t)).collect()
}

const FOUR_HOURS: TimeDelta = TimeDelta::hours(4);

#[test]
fn a_second_round_counts_from_the_second_the_gap_has_passed() {
    let just_short = times(&["2026-06-30T09:00:00", "2026-06-30T12:59:59"]);
    assert_eq!(
        spaced(&just_short, 2, FOUR_HOURS),
        [
            None,
            Some(Uncounted::TooSoon {
                after: at("2026-06-30T09:00:00"),
                min_gap: FOUR_HOURS
            })
        ]
    );
    let exactly = times(&["2026-06-30T09:00:00", "2026-06-30T13:00:00"]);
    assert_eq!(spaced(&exactly, 2, FOUR_HOURS), [None, None]);
}

#[test]
fn the_gap_runs_from_the_last_round_that_counted() {
    let rounds = times(&[
        "2026-06-30T09:00:00",
        "2026-06-30T09:01:00",
        "2026-06-30T11:00:00",
        "2026-06-30T13:00:00",
    ]);
    let judged = spaced(&rounds, 2, FOUR_HOURS);
    let counted: Vec<bool> = judged.iter().map(Option::is_none).collect();
    assert_eq!(counted, [true, false, false, true]);
    assert_eq!(
        judged[2].and_then(|u| u.counts_from()),
        Some(at("2026-06-30T13:00:00"))
    );
}

#[test]
fn no_more_count_than_the_period_requires() {
    let rounds = times(&[
        "2026-06-30T01:00:00",
        "2026-06-30T09:00:00",
        "2026-06-30T18:00:00",
    ]);
    assert_eq!(
        spaced(&rounds, 2, FOUR_HOURS),
        [None, None, Some(Uncounted::RequirementMet)]
    );
    assert_eq!(
        spaced(&rounds, 1, FOUR_HOURS),
        [
            None,
            Some(Uncounted::RequirementMet),
            Some(Uncounted::RequirementMet)
        ],
        "a day that requires one round never asks for a gap"
    );
    assert_eq!(
        spaced(&rounds[..1], 0, FOUR_HOURS),
        [Some(Uncounted::NotRequired)]
    );
    assert_eq!(
        spaced(&times(&["2026-06-30T09:00:00"; 2]), 2, TimeDelta::zero()),
        [None, None],
        "a gap of zero spaces nothing"
    );
}

fn check(id: &str, local: &str, job: &str, ok: bool) -> Record {
    let check = BackupCheck {
        job: job.into(),
        ok,
        note: (!ok).then(|| "checksum mismatch".into()),
    };
    Record::stated(
        id,
        &format!("{local}+08:00"),
        "li.lei",
        Event::BackupChecked(check),
    )
}

fn contract(mode: &str) -> Contract {
    let text =
        format!("customer = \"T\"\nmode = \"{mode}\"\nstart = 2026-01-01\nend = 2026-12-31\n");
    Contract::parse(&text, "t.toml").unwrap()
}

fn june() -> Period {
    Period::month_of(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
}

#[test]
fn backup_checks_of_a_month_count_a_week_apart_and_only_when_they_passed() {
    let records = [
        check("01", "2026-06-01T09:00:00", "nightly", true),
        check("02", "2026-06-01T09:01:00", "nightly", true),
        check("03", "2026-06-02T09:00:00", "archive", false),
        check("04", "2026-06-07T23:59:59", "archive", true),
        check("05", "2026-06-08T09:00:00", "archive", true),
    ];
    let standing = backup_standing(&contract("7x24"), &june(), &records);
    assert_eq!(
        (standing.required, standing.done, standing.passed),
        (2, 2, 4)
    );
    let counted: Vec<(&str, bool)> = standing
        .checks
        .iter()
        .map(|c| (c.record.id.as_str(), c.counts()))
        .collect();
    assert_eq!(
        counted,
        [
            ("01", true),
            ("02", false),
            ("03", false),
            ("04", false),
            ("05", true)
        ]
    );
    assert_eq!(
        standing.checks[2].uncounted, None,
        "a failed check is failed"
    );
    let five_by_eight = backup_standing(&contract("5x8"), &june(), &records);
    assert_eq!((five_by_eight.required, five_by_eight.done), (1, 1));
    assert_eq!(
        five_by_eight.checks[4].uncounted,
        Some(Uncounted::RequirementMet)
    );
}

#[test]
fn a_job_is_as_its_latest_check_left_it() {
    let records = [
        check("02", "2026-06-03T10:00:00", "COS archive", true),
        check("01", "2026-06-02T10:00:00", "COS archive", false),
        check("03", "2026-06-04T10:00:00", "nightly", false),
        check("04", "2026-06-05T10:00:00", "cos Archive", true),
    ];
    let latest: Vec<(&str, &str, bool)> = latest_by_job(&records)
        .into_iter()
        .map(|(record, check)| (record.id.as_str(), check.job.as_str(), check.ok))
        .collect();
    assert_eq!(
        latest,
        [("04", "cos Archive", true), ("03", "nightly", false)]
    );
}
