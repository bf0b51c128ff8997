use chrono_tz::{Asia::Shanghai, Europe::Berlin};

use super::*;

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Now is Wednesday 2026-03-04 15:00 in Shanghai, with a minute's margin.
fn clock() -> Clock {
    clock_at("2026-03-04T15:00:00+08:00", Shanghai)
}

fn clock_at(now: &str, zone: Tz) -> Clock {
    Clock {
        now: utc(now),
        zone,
        margin: TimeDelta::minutes(1),
    }
}

fn time(input: &str) -> DateTime<Utc> {
    read_time(input, &clock()).unwrap_or_else(|e| panic!("{input}: {e:?}"))
}

#[test]
fn full_forms_read_as_before() {
    assert_eq!(time("2026-03-01T09:30:00Z"), utc("2026-03-01T09:30:00Z"));
    assert_eq!(time("2026-03-01 09:30"), utc("2026-03-01T09:30:00+08:00"));
    assert_eq!(
        time("2026-03-01 09:30:07"),
        utc("2026-03-01T09:30:07+08:00")
    );
}

#[test]
fn now_is_the_clock() {
    assert_eq!(time("now"), clock().now);
    assert_eq!(time("NOW"), clock().now);
    assert_eq!(time("现在"), clock().now);
}

#[test]
fn a_time_of_day_alone_is_today() {
    assert_eq!(time("14:58"), utc("2026-03-04T14:58:00+08:00"));
    assert_eq!(time("00:35"), utc("2026-03-04T00:35:00+08:00"));
    assert_eq!(time("9:05:30"), utc("2026-03-04T09:05:30+08:00"));
    assert_eq!(time("14：58"), utc("2026-03-04T14:58:00+08:00"));
}

#[test]
fn named_days_with_a_time_of_day() {
    assert_eq!(time("today 10:30"), utc("2026-03-04T10:30:00+08:00"));
    assert_eq!(time("Yesterday 23:10"), utc("2026-03-03T23:10:00+08:00"));
    assert_eq!(time("今天 10:30"), utc("2026-03-04T10:30:00+08:00"));
    assert_eq!(time("昨天 14:00"), utc("2026-03-03T14:00:00+08:00"));
    assert_eq!(time("昨天14:00"), utc("2026-03-03T14:00:00+08:00"));
}

#[test]
fn a_day_without_a_time_of_day_is_at_the_time_it_is_now() {
    assert_eq!(time("today"), clock().now);
    assert_eq!(time("yesterday"), utc("2026-03-03T15:00:00+08:00"));
    assert_eq!(time("3/2"), utc("2026-03-02T15:00:00+08:00"));
}

#[test]
fn month_and_day_are_of_this_year() {
    assert_eq!(time("3/2 10:30"), utc("2026-03-02T10:30:00+08:00"));
    assert_eq!(time("3-2 10:30"), utc("2026-03-02T10:30:00+08:00"));
    assert_eq!(time("03/02 10:30"), utc("2026-03-02T10:30:00+08:00"));
    assert_eq!(time("1/31 08:00"), utc("2026-01-31T08:00:00+08:00"));
}

#[test]
fn a_month_and_day_ahead_of_now_is_refused_not_moved_to_last_year() {
    for input in ["3/5 10:30", "12/31 23:00", "3/4 15:02"] {
        assert_eq!(
            read_time(input, &clock()),
            Err(TimeError::YearAhead {
                input: input.to_string(),
                zone: Shanghai,
                year: 2026
            }),
            "{input}"
        );
    }
    // Within the margin it is taken.
    assert_eq!(time("3/4 15:01"), utc("2026-03-04T15:01:00+08:00"));
}

#[test]
fn a_time_of_day_ahead_of_now_stays_today() {
    // Whether a future time is allowed is the command's to say, not the grammar's.
    assert_eq!(time("23:50"), utc("2026-03-04T23:50:00+08:00"));
}

#[test]
fn times_ago() {
    assert_eq!(time("-30m"), utc("2026-03-04T14:30:00+08:00"));
    assert_eq!(time("2h ago"), utc("2026-03-04T13:00:00+08:00"));
    assert_eq!(time("1.5h ago"), utc("2026-03-04T13:30:00+08:00"));
    assert_eq!(time("1h30m ago"), utc("2026-03-04T13:30:00+08:00"));
    assert_eq!(time("30分钟前"), utc("2026-03-04T14:30:00+08:00"));
    assert_eq!(time("2小时前"), utc("2026-03-04T13:00:00+08:00"));
    assert_eq!(time("1天前"), utc("2026-03-03T15:00:00+08:00"));
}

#[test]
fn weekday_names_are_the_latest_such_day() {
    // 2026-03-04 is a Wednesday.
    assert_eq!(time("monday 09:00"), utc("2026-03-02T09:00:00+08:00"));
    assert_eq!(time("周三 09:00"), utc("2026-03-04T09:00:00+08:00"));
    assert_eq!(time("星期四 09:00"), utc("2026-02-26T09:00:00+08:00"));
}

#[test]
fn unreadable_times_are_refused_with_the_input_quoted() {
    for input in [
        "",
        "the day after",
        "14",
        "25:00",
        "14:60",
        "14:5",
        "3/2/1",
        "13/1 10:00",
        "2/30 10:00",
        "3/2 10",
        "-30",
        "30 ago",
        "-0m",
        "yesterday at 10",
        "前",
    ] {
        assert_eq!(
            read_time(input, &clock()),
            Err(TimeError::Unrecognised {
                input: input.to_string(),
                zone: Shanghai
            }),
            "{input}"
        );
    }
}

#[test]
fn month_ends_and_leap_days() {
    let leap = clock_at("2028-03-01T12:00:00+08:00", Shanghai);
    assert_eq!(
        read_time("2/29 10:00", &leap),
        Ok(utc("2028-02-29T10:00:00+08:00"))
    );
    assert_eq!(
        read_time("yesterday 10:00", &leap),
        Ok(utc("2028-02-29T10:00:00+08:00"))
    );
    assert!(matches!(
        read_time("2/29 10:00", &clock()),
        Err(TimeError::Unrecognised { .. })
    ));
    assert_eq!(read_day("2/29", date("2028-06-01")), Ok(date("2028-02-29")));
    assert_eq!(
        read_day("2/29", date("2026-06-01")),
        Err(DayError("2/29".into()))
    );
    assert_eq!(
        read_day("4/31", date("2026-06-01")),
        Err(DayError("4/31".into()))
    );
    assert_eq!(
        read_day("yesterday", date("2026-01-01")),
        Ok(date("2025-12-31"))
    );
    assert_eq!(
        read_day("yesterday", date("2026-05-01")),
        Ok(date("2026-04-30"))
    );
}

#[test]
fn local_times_are_on_the_contract_zones_clock() {
    let berlin = clock_at("2026-03-04T15:00:00+01:00", Berlin);
    assert_eq!(read_time("14:00", &berlin), Ok(utc("2026-03-04T13:00:00Z")));
    assert_eq!(time("14:00"), utc("2026-03-04T06:00:00Z"));
    // The zone's day, not UTC's: at 01:00 in Shanghai it is still the day before in UTC.
    let early = clock_at("2026-03-04T01:00:00+08:00", Shanghai);
    assert_eq!(read_time("00:30", &early), Ok(utc("2026-03-03T16:30:00Z")));
}

#[test]
fn local_times_the_clocks_skip_or_repeat_are_refused() {
    let spring = clock_at("2026-03-29T12:00:00+02:00", Berlin);
    assert!(matches!(
        read_time("02:30", &spring),
        Err(TimeError::Skipped { .. })
    ));
    let autumn = clock_at("2026-10-25T12:00:00+01:00", Berlin);
    assert!(matches!(
        read_time("today 02:30", &autumn),
        Err(TimeError::Ambiguous { .. })
    ));
    assert!(matches!(
        read_time("2026-10-25 02:30", &autumn),
        Err(TimeError::Ambiguous { .. })
    ));
}

#[test]
fn a_time_of_day_with_a_day_argument_is_on_that_day() {
    let day = date("2026-03-02");
    assert_eq!(
        read_time_on("17:30", day, &clock()),
        Ok(utc("2026-03-02T17:30:00+08:00"))
    );
    assert_eq!(
        read_time_on("yesterday 17:30", day, &clock()),
        Ok(utc("2026-03-03T17:30:00+08:00"))
    );
}

#[test]
fn days() {
    let today = date("2026-03-04");
    for (input, expected) in [
        ("2026-03-05", "2026-03-05"),
        ("today", "2026-03-04"),
        ("TODAY", "2026-03-04"),
        ("今天", "2026-03-04"),
        ("yesterday", "2026-03-03"),
        ("昨天", "2026-03-03"),
        ("4/5", "2026-04-05"),
        ("4-5", "2026-04-05"),
        ("12/31", "2026-12-31"),
        ("1/1", "2026-01-01"),
        ("monday", "2026-03-02"),
        ("Sat", "2026-02-28"),
        ("wednesday", "2026-03-04"),
        ("周日", "2026-03-01"),
        ("星期天", "2026-03-01"),
    ] {
        assert_eq!(read_day(input, today), Ok(date(expected)), "{input}");
    }
}

#[test]
fn unreadable_days_are_refused() {
    for input in [
        "",
        "day after tomorrow",
        "2026-3-5",
        "13/1",
        "0/5",
        "4/0",
        "123/4",
        "4/5 10:00",
        "2026",
    ] {
        assert_eq!(
            read_day(input, date("2026-03-04")),
            Err(DayError(input.to_string())),
            "{input}"
        );
    }
}

#[test]
fn amounts_in_the_contracts_form() {
    let minutes = |text| read_amount(text, Unit::Minutes).map(|d| d.num_seconds());
    assert_eq!(minutes("90"), Ok(5_400));
    assert_eq!(minutes("1h"), Ok(3_600));
    assert_eq!(minutes("1h30m"), Ok(5_400));
    assert_eq!(minutes("1.5h"), Ok(5_400));
    assert_eq!(minutes("45m"), Ok(2_700));
    assert_eq!(minutes("2小时"), Ok(7_200));
    assert_eq!(minutes("0"), Ok(0));
    let hours = |text| read_amount(text, Unit::Hours).map(|d| d.num_seconds());
    assert_eq!(hours("4"), Ok(14_400));
    assert_eq!(hours("4h"), Ok(14_400));
    assert_eq!(hours("1.5"), Ok(5_400));
    assert_eq!(hours("1.5h"), Ok(5_400));
    assert_eq!(hours("90m"), Ok(5_400));
    assert_eq!(hours("7h45m"), Ok(27_900));
}

#[test]
fn unreadable_amounts_are_refused() {
    for (text, unit) in [
        ("", Unit::Minutes),
        ("-5", Unit::Minutes),
        ("1.5.0", Unit::Minutes),
        ("5.", Unit::Minutes),
        (".5", Unit::Hours),
        ("30m1h", Unit::Minutes),
        ("1h1h", Unit::Hours),
        ("4x", Unit::Hours),
        ("1.0001h", Unit::Hours),
        ("30s", Unit::Minutes),
        ("1.55", Unit::Minutes),
        ("9999999999", Unit::Hours),
    ] {
        assert_eq!(
            read_amount(text, unit),
            Err(AmountError {
                input: text.to_string(),
                unit
            }),
            "{text}"
        );
    }
}

#[test]
fn tomorrow_is_the_day_after_today_in_either_language() {
    assert_eq!(
        read_day("tomorrow", date("2026-03-04")),
        Ok(date("2026-03-05"))
    );
    assert_eq!(read_day("明天", date("2026-02-28")), Ok(date("2026-03-01")));
    let ahead = |input| read_time_looking(input, &clock(), Looking::Ahead);
    assert_eq!(ahead("明天 10:00"), Ok(utc("2026-03-05T10:00:00+08:00")));
    assert_eq!(ahead("明天10:00"), Ok(utc("2026-03-05T10:00:00+08:00")));
    assert_eq!(
        ahead("tomorrow 09:30"),
        Ok(utc("2026-03-05T09:30:00+08:00"))
    );
}

#[test]
fn looking_ahead_a_weekday_is_the_next_one_and_a_month_and_day_may_lie_ahead() {
    // Now is Wednesday 2026-03-04.
    let today = date("2026-03-04");
    let ahead = |input| read_day_looking(input, today, Looking::Ahead);
    assert_eq!(ahead("周六"), Ok(date("2026-03-07")));
    assert_eq!(ahead("wednesday"), Ok(today));
    assert_eq!(ahead("tue"), Ok(date("2026-03-10")));
    assert_eq!(read_day("周六", today), Ok(date("2026-02-28")));
    let agreed = read_time_looking("3/6 10:00", &clock(), Looking::Ahead);
    assert_eq!(agreed, Ok(utc("2026-03-06T10:00:00+08:00")));
    let recorded = read_time("3/6 10:00", &clock());
    assert!(
        matches!(recorded, Err(TimeError::YearAhead { .. })),
        "{recorded:?}"
    );
}
