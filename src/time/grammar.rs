//! The one grammar for times, days and durations typed on the command line (docs/rules.md
//! §9.6): what a person types, read against a clock passed in, never the system's.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc, Weekday,
};
use chrono_tz::Tz;

use super::{TimeError, local_date, parse_instant, whole_seconds};

/// What typed times are read against: now, the contract's zone, and how far after now a time
/// whose year was left out may lie.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub zone: Tz,
    pub margin: TimeDelta,
}

impl Clock {
    pub fn today(&self) -> NaiveDate {
        local_date(self.now, self.zone)
    }

    fn time_of_day(&self) -> NaiveTime {
        self.now.with_timezone(&self.zone).time()
    }
}

/// A day typed that cannot be read, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayError(pub String);

/// The unit a bare number is counted in where a duration is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    Hours,
}

impl Unit {
    fn size(self) -> TimeDelta {
        match self {
            Unit::Minutes => TimeDelta::minutes(1),
            Unit::Hours => TimeDelta::hours(1),
        }
    }
}

/// A duration typed that cannot be read, or that is not a whole number of `unit`'s smallest
/// step (whole minutes for minutes, whole seconds for hours).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub input: String,
    pub unit: Unit,
}

/// Which way from now a time typed is meant: what happened lies back, what is planned or
/// agreed ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looking {
    Back,
    Ahead,
}

/// Reads a day: `YYYY-MM-DD`, `today`/`今天`, `yesterday`/`昨天`, `tomorrow`/`明天`, `M/D` or
/// `M-D` of this year, or a weekday name (`monday`, `mon`, `周一`, `星期一`): the latest such
/// day, today included.
pub fn read_day(input: &str, today: NaiveDate) -> Result<NaiveDate, DayError> {
    read_day_looking(input, today, Looking::Back)
}

/// Reads a day as [`read_day`] does, a weekday name being the next such day when `looking`
/// ahead (a roster is planned), today included.
pub fn read_day_looking(
    input: &str,
    today: NaiveDate,
    looking: Looking,
) -> Result<NaiveDate, DayError> {
    day(input.trim(), today, looking).ok_or_else(|| DayError(input.to_string()))
}

fn day(text: &str, today: NaiveDate, looking: Looking) -> Option<NaiveDate> {
    let lower = text.to_lowercase();
    match lower.as_str() {
        "today" | "今天" => return Some(today),
        "yesterday" | "昨天" => return today.pred_opt(),
        "tomorrow" | "明天" => return today.succ_opt(),
        _ => {}
    }
    if let Some(weekday) = weekday(&lower) {
        return match looking {
            Looking::Back => {
                let back = today.weekday().days_since(weekday);
                today.checked_sub_signed(TimeDelta::days(back.into()))
            }
            Looking::Ahead => {
                let ahead = weekday.days_since(today.weekday());
                today.checked_add_signed(TimeDelta::days(ahead.into()))
            }
        };
    }
    full_date(text).or_else(|| month_day(text, today.year()))
}

/// `YYYY-MM-DD`, exactly (four-digit year, two-digit month and day).
fn full_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == text)
}

/// `M/D` or `M-D` in `year`: one or two digits each.
fn month_day(text: &str, year: i32) -> Option<NaiveDate> {
    let (month, day) = text.split_once(['/', '-'])?;
    let number = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !number(month) || !number(day) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

const WEEKDAYS: [(Weekday, [&str; 5]); 7] = [
    (Weekday::Mon, ["monday", "mon", "周一", "星期一", "礼拜一"]),
    (Weekday::Tue, ["tuesday", "tue", "周二", "星期二", "礼拜二"]),
    (
        Weekday::Wed,
        ["wednesday", "wed", "周三", "星期三", "礼拜三"],
    ),
    (
        Weekday::Thu,
        ["thursday", "thu", "周四", "星期四", "礼拜四"],
    ),
    (Weekday::Fri, ["friday", "fri", "周五", "星期五", "礼拜五"]),
    (
        Weekday::Sat,
        ["saturday", "sat", "周六", "星期六", "礼拜六"],
    ),
    (Weekday::Sun, ["sunday", "sun", "周日", "星期日", "星期天"]),
];

fn weekday(lower: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(_, names)| names.contains(&lower))
        .map(|(weekday, _)| *weekday)
}

/// Reads a time: `now`, RFC 3339, `YYYY-MM-DD HH:MM[:SS]`, `HH:MM[:SS]` (today), a day as
/// [`read_day`] reads it with or without a time of day (without one, the time of day it is
/// now), or a time ago (`-30m`, `2h ago`, `1.5h ago`, `30分钟前`). Local times are on the wall
/// clock of the clock's zone; one the clocks skip or repeat is refused rather than guessed. A
/// time on a month and day typed without their year that lies more than the margin after now
/// is refused: the year is never changed silently.
pub fn read_time(input: &str, clock: &Clock) -> Result<DateTime<Utc>, TimeError> {
    read_time_looking(input, clock, Looking::Back)
}

/// Reads a time as [`read_time`] does; one meant ahead (an agreed arrival, the report time of
/// an incident being imagined) may lie after now, whatever its year, and a weekday is the next
/// such day.
pub fn read_time_looking(
    input: &str,
    clock: &Clock,
    looking: Looking,
) -> Result<DateTime<Utc>, TimeError> {
    let text = normalised(input);
    if matches!(text.to_lowercase().as_str(), "now" | "现在") {
        return Ok(clock.now);
    }
    if let Some(ago) = ago(&text) {
        return ago
            .map(|d| clock.now - d)
            .ok_or_else(|| unrecognised(input, clock));
    }
    match parse_instant(&text, clock.zone) {
        Err(TimeError::Unrecognised { .. }) => {}
        read => return read,
    }
    let (day_text, time) = split_time_of_day(&text).ok_or_else(|| unrecognised(input, clock))?;
    let date = match day_text {
        None => clock.today(),
        Some(day_text) => {
            day(day_text, clock.today(), looking).ok_or_else(|| unrecognised(input, clock))?
        }
    };
    let at = on_day(input, date, time.unwrap_or(clock.time_of_day()), clock)?;
    let year_left_out = day_text.is_some_and(|d| month_day(d, date.year()).is_some());
    if looking == Looking::Back && year_left_out && at > clock.now + clock.margin {
        return Err(TimeError::YearAhead {
            input: input.to_string(),
            zone: clock.zone,
            year: date.year(),
        });
    }
    Ok(at)
}

/// Reads a time as [`read_time`] does, except that a time of day alone is on `date`: for a
/// command whose day argument already names the day.
pub fn read_time_on(
    input: &str,
    date: NaiveDate,
    clock: &Clock,
) -> Result<DateTime<Utc>, TimeError> {
    match time_of_day(&normalised(input)) {
        Some(time) => on_day(input, date, time, clock),
        None => read_time(input, clock),
    }
}

/// The text trimmed, with full-width colons (typed by Chinese input methods) as `:`.
fn normalised(input: &str) -> String {
    input.trim().replace('：', ":")
}

fn unrecognised(input: &str, clock: &Clock) -> TimeError {
    TimeError::Unrecognised {
        input: input.to_string(),
        zone: clock.zone,
    }
}

/// `text` as an optional day and an optional time of day, at least one of them: `14:00`,
/// `yesterday 14:00`, `昨天14:00`, `3/2`.
fn split_time_of_day(text: &str) -> Option<(Option<&str>, Option<NaiveTime>)> {
    if let Some(time) = time_of_day(text) {
        return Some((None, Some(time)));
    }
    let glued = ["今天", "昨天", "明天"]
        .iter()
        .find(|d| text.starts_with(*d) && text.len() > d.len());
    let (day, rest) = match glued {
        Some(d) => text.split_at(d.len()),
        None => text.rsplit_once(char::is_whitespace).unwrap_or((text, "")),
    };
    let (day, rest) = (day.trim(), rest.trim());
    if rest.is_empty() {
        return Some((Some(day), None));
    }
    Some((Some(day), Some(time_of_day(rest)?)))
}

/// `HH:MM` or `HH:MM:SS`, hours of one or two digits.
fn time_of_day(text: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = text.split(':').collect();
    let shaped = |s: &&str, max: usize| {
        (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let fits = match parts.as_slice() {
        [h, rest @ ..] if (1..=2).contains(&rest.len()) => {
            shaped(h, 2) && rest.iter().all(|p| p.len() == 2 && shaped(p, 2))
        }
        _ => false,
    };
    if !fits {
        return None;
    }
    let number = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse().ok());
    NaiveTime::from_hms_opt(number(0)?, number(1)?, number(2)?)
}

/// `-30m`, `30m ago`, `30m前`, `30分钟前`: `Some` when `text` has the shape of a time ago,
/// holding the duration when it reads.
fn ago(text: &str) -> Option<Option<TimeDelta>> {
    let amount = text
        .strip_prefix('-')
        .or_else(|| text.strip_suffix("ago").map(str::trim_end))
        .or_else(|| text.strip_suffix('前').map(str::trim_end))?;
    Some(with_units(amount).filter(|d| *d > TimeDelta::zero()))
}

/// The instant the wall clock of the clock's zone shows `time` on `date`.
fn on_day(
    input: &str,
    date: NaiveDate,
    time: NaiveTime,
    clock: &Clock,
) -> Result<DateTime<Utc>, TimeError> {
    let local = NaiveDateTime::new(date, time);
    super::local_to_utc(input, local, clock.zone).map(whole_seconds)
}

/// Reads a duration: a bare number counted in `unit` (`90` minutes, `1.5` hours), or numbers
/// with units `d`, `h`, `m`, `s` (or `天`, `小时`, `分钟`, `秒`), largest first, each number
/// with at most three decimals: `1h30m`, `1.5h`, `90m`, `2小时`.
pub fn read_amount(input: &str, unit: Unit) -> Result<TimeDelta, AmountError> {
    let text = input.trim();
    let read = match decimal(text) {
        Some(thousandths) => thousandths
            .checked_mul(unit.size().num_seconds())
            .map(Duration::milliseconds),
        None => with_units(text),
    };
    let smallest = match unit {
        Unit::Minutes => 60,
        Unit::Hours => 1,
    };
    read.filter(|d| *d >= TimeDelta::zero() && d.num_milliseconds() % (smallest * 1000) == 0)
        .ok_or_else(|| AmountError {
            input: input.to_string(),
            unit,
        })
}

/// At most nine digits, then at most three decimals: in thousandths.
fn decimal(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shaped = !whole.is_empty() && whole.len() <= 9 && fraction.len() <= 3;
    if !shaped || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return None;
    }
    let padded = format!("{fraction:0<3}");
    Some(whole.parse::<i64>().ok()? * 1000 + padded.parse::<i64>().ok()?)
}

const UNITS: [(&str, i64); 11] = [
    ("小时", 3_600),
    ("分钟", 60),
    ("天", 86_400),
    ("时", 3_600),
    ("分", 60),
    ("秒", 1),
    ("d", 86_400),
    ("h", 3_600),
    ("min", 60),
    ("m", 60),
    ("s", 1),
];

/// Numbers with units, largest first: `1h30m`, `1.5h`, `30分钟`.
fn with_units(text: &str) -> Option<TimeDelta> {
    let mut rest = text.trim();
    let mut last = i64::MAX;
    let mut thousandths = 0i64;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .filter(|end| *end > 0)?;
        let number = decimal(&rest[..end])?;
        let after = rest[end..].trim_start();
        let (name, seconds) = UNITS.iter().find(|(name, _)| after.starts_with(name))?;
        if *seconds >= last {
            return None;
        }
        last = *seconds;
        thousandths = thousandths.checked_add(number.checked_mul(*seconds)?)?;
        rest = after[name.len()..].trim_start();
    }
    if thousandths >= 1_000_000_000 * 86_400 * 1000 {
        return None;
    }
    Some(Duration::milliseconds(thousandths))
}

#[cfg(test)]
mod tests;
