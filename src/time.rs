//! Instants, local wall-clock times and durations, exact to the second.
//!
//! Every instant inside otss is a `DateTime<Utc>`; the contract's time zone only matters when a
//! time is read from or shown to a person, or when a local wall-clock time (a service-hours
//! boundary) has to become an instant.

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, Offset, SecondsFormat, SubsecRound,
    TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

pub mod grammar;

/// A time typed by a person that cannot be read, as typed, with the zone it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Neither RFC 3339 nor a local time.
    Unrecognised { input: String, zone: Tz },
    /// A local time the clocks skip.
    Skipped { input: String, zone: Tz },
    /// A local time that happens twice: at each of these instants.
    Ambiguous {
        input: String,
        zone: Tz,
        earlier: String,
        later: String,
    },
    /// A time outside the years RFC 3339 can write.
    OutOfRange { input: String, zone: Tz },
    /// A month and day typed without their year that, in `year`, lie in the future.
    YearAhead { input: String, zone: Tz, year: i32 },
}

/// A duration that cannot be read, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(pub String);

display_as_debug!(DurationError);

const LOCAL_FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
];

/// Reads a time given as RFC 3339, or as `YYYY-MM-DD HH:MM[:SS]` on the wall clock of `zone`.
/// A local time the zone skips or repeats (a DST change) is refused rather than guessed.
/// Fractions of a second are dropped: otss counts whole seconds. A time whose year in `zone`
/// is not four digits is refused too: RFC 3339, the form every time is written in, has no
/// other years.
pub fn parse_instant(input: &str, zone: Tz) -> Result<DateTime<Utc>, TimeError> {
    let t = read_instant(input, zone).ok_or_else(|| TimeError::Unrecognised {
        input: input.to_string(),
        zone,
    })??;
    if !(0..=9999).contains(&t.with_timezone(&zone).year()) {
        return Err(TimeError::OutOfRange {
            input: input.to_string(),
            zone,
        });
    }
    Ok(t)
}

/// [`parse_instant`] without its check of the year; `None` when `input` has no known form.
fn read_instant(input: &str, zone: Tz) -> Option<Result<DateTime<Utc>, TimeError>> {
    let text = input.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(Ok(whole_seconds(t.with_timezone(&Utc))));
    }
    let local = LOCAL_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())?;
    Some(local_to_utc(input, local, zone))
}

/// The instant the wall clock of `zone` shows `local`; one the clocks skip or show twice is
/// refused, quoting `input`.
fn local_to_utc(input: &str, local: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>, TimeError> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Err(TimeError::Ambiguous {
            input: input.to_string(),
            zone,
            earlier: a.to_rfc3339_opts(SecondsFormat::Secs, false),
            later: b.to_rfc3339_opts(SecondsFormat::Secs, false),
        }),
        LocalResult::None => Err(TimeError::Skipped {
            input: input.to_string(),
            zone,
        }),
    }
}

/// `t` without its fraction of a second.
pub fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(0)
}

/// The instant at which the wall clock of `zone` shows `local`. A time repeated by a DST change
/// is taken at its first occurrence; a time skipped by one is taken with the offset in force
/// before the gap, which lands just after it (02:30 in a 02:00→03:00 gap becomes 03:30).
pub fn local_instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            let before_gap = local - TimeDelta::days(1);
            let offset = zone.offset_from_utc_datetime(&before_gap).fix();
            Utc.from_utc_datetime(&(local - TimeDelta::seconds(offset.local_minus_utc().into())))
        }
    }
}

/// Noon of `date` in `zone`: the time records about a whole day (overtime, leave, duty) carry,
/// so each sits in its day's month.
pub fn noon(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    local_instant(zone, date.and_hms_opt(12, 0, 0).unwrap_or_default())
}

/// The local calendar date of an instant in `zone`.
pub fn local_date(t: DateTime<Utc>, zone: Tz) -> NaiveDate {
    t.with_timezone(&zone).date_naive()
}

/// RFC 3339 with the zone's offset and whole seconds: the form every JSON time takes.
pub fn rfc3339(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Reads `15m`, `4h`, `1h30m`, `1d`, `90s`: whole numbers of at most nine digits with units d, h,
/// m, s, largest first, adding up to less than a billion days.
pub fn parse_duration(input: &str) -> Result<TimeDelta, DurationError> {
    let error = || DurationError(input.to_string());
    let mut rest = input.trim();
    let mut total: i64 = 0;
    let mut last_unit_seconds = i64::MAX;
    if rest.is_empty() {
        return Err(error());
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(error)?;
        if digits == 0 || digits > 9 {
            return Err(error());
        }
        let number: i64 = rest[..digits].parse().map_err(|_| error())?;
        let unit = rest[digits..].chars().next().ok_or_else(error)?;
        let unit_seconds = match unit {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(error()),
        };
        if unit_seconds >= last_unit_seconds {
            return Err(error());
        }
        last_unit_seconds = unit_seconds;
        total += number * unit_seconds;
        rest = &rest[digits + 1..];
    }
    // Nine digits of days at most, so that `format_duration` writes it back in a form read here.
    if total >= 1_000_000_000 * 86_400 {
        return Err(error());
    }
    Ok(TimeDelta::seconds(total))
}

/// Writes a duration the way [`parse_duration`] reads it: `1h30m`, `15m`, `0s`.
pub fn format_duration(duration: TimeDelta) -> String {
    let mut seconds = duration.num_seconds();
    if seconds == 0 {
        return "0s".to_string();
    }
    let sign = if seconds < 0 { "-" } else { "" };
    seconds = seconds.abs();
    let mut text = String::from(sign);
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if seconds >= size {
            text.push_str(&format!("{}{unit}", seconds / size));
            seconds %= size;
        }
    }
    text
}

/// Serde support for durations written as `1h30m` in JSON.
pub mod duration_text {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_duration(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
        let text = <&str>::deserialize(d)?;
        super::parse_duration(text).map_err(serde::de::Error::custom)
    }

    pub mod option {
        use chrono::TimeDelta;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(d: &Option<TimeDelta>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{Asia::Shanghai, Europe::Berlin};

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn rfc3339_input_keeps_its_own_offset() {
        let t = parse_instant("2025-03-01T01:30:00Z", Shanghai).unwrap();
        assert_eq!(rfc3339(t, Shanghai), "2025-03-01T09:30:00+08:00");
    }

    #[test]
    fn fractions_of_a_second_are_dropped() {
        let t = parse_instant("2025-03-01T09:30:00.734+08:00", Shanghai).unwrap();
        assert_eq!(t, utc("2025-03-01T01:30:00Z"));
    }

    #[test]
    fn local_input_is_read_in_the_contract_zone() {
        for input in [
            "2025-03-01 09:30",
            "2025-03-01 09:30:00",
            "2025-03-01T09:30",
        ] {
            assert_eq!(
                parse_instant(input, Shanghai).unwrap(),
                utc("2025-03-01T01:30:00Z")
            );
        }
        assert_eq!(
            parse_instant("2025-03-01 09:30:07", Shanghai).unwrap(),
            utc("2025-03-01T01:30:07Z")
        );
    }

    #[test]
    fn bad_times_are_refused_with_the_input_quoted() {
        for input in [
            "2025-13-01 10:00",
            "2025-02-30 10:00",
            "tomorrow",
            "",
            "10:00",
        ] {
            let err = parse_instant(input, Shanghai).unwrap_err();
            assert_eq!(
                err,
                TimeError::Unrecognised {
                    input: input.to_string(),
                    zone: Shanghai
                }
            );
        }
    }

    #[test]
    fn times_rfc3339_cannot_write_are_refused() {
        // Found by the `time` fuzz target: read, then written as `+22025-10-26T02:30:00+08:00`,
        // which no longer reads.
        for (input, zone) in [
            ("+22025-10-26 02:30", Shanghai),
            ("-0001-12-31 23:00", Shanghai),
            ("9999-12-31T23:59:59-01:00", Shanghai),
            ("0000-01-01T00:30:00+09:00", Shanghai),
            ("9999-12-31T23:30:00-01:00", Berlin),
        ] {
            let err = parse_instant(input, zone).unwrap_err();
            let out_of_range = TimeError::OutOfRange {
                input: input.to_string(),
                zone,
            };
            assert_eq!(err, out_of_range, "{input}");
        }
        let last = parse_instant("9999-12-31 23:59:59", Shanghai).unwrap();
        assert_eq!(parse_instant(&rfc3339(last, Shanghai), Shanghai), Ok(last));
    }

    #[test]
    fn skipped_and_repeated_local_times_are_refused() {
        assert!(matches!(
            parse_instant("2025-03-30 02:30", Berlin),
            Err(TimeError::Skipped { .. })
        ));
        let err = parse_instant("2025-10-26 02:30", Berlin).unwrap_err();
        assert!(
            matches!(&err, TimeError::Ambiguous { earlier, later, .. }
                if earlier == "2025-10-26T02:30:00+02:00" && later == "2025-10-26T02:30:00+01:00"),
            "{err:?}"
        );
    }

    #[test]
    fn local_instant_resolves_gaps_forward_and_folds_to_the_first() {
        let gap = NaiveDate::from_ymd_opt(2025, 3, 30)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(local_instant(Berlin, gap), utc("2025-03-30T01:30:00Z"));
        let fold = NaiveDate::from_ymd_opt(2025, 10, 26)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(local_instant(Berlin, fold), utc("2025-10-26T00:30:00Z"));
    }

    #[test]
    fn durations_read_and_write_alike() {
        for (text, seconds) in [
            ("15m", 900),
            ("4h", 14_400),
            ("1h30m", 5_400),
            ("1d", 86_400),
            ("90s", 90),
            ("1d2h3m4s", 93_784),
        ] {
            let d = parse_duration(text).unwrap();
            assert_eq!(d.num_seconds(), seconds, "{text}");
            assert_eq!(parse_duration(&format_duration(d)).unwrap(), d);
        }
        assert_eq!(format_duration(TimeDelta::seconds(90)), "1m30s");
    }

    #[test]
    fn malformed_durations_are_refused() {
        for text in [
            "",
            "15",
            "m",
            "15x",
            "30m1h",
            "1h1h",
            "-5m",
            "1.5h",
            "9999999999h",
        ] {
            assert!(parse_duration(text).is_err(), "{text}");
        }
    }

    #[test]
    fn durations_too_long_to_write_back_are_refused() {
        // Found by reading the `time` fuzz target's round trip: this read as 1041666665d15h,
        // ten digits of days, which does not read.
        assert!(parse_duration("999999999d999999999h").is_err());
        let longest = parse_duration("999999999d23h59m59s").unwrap();
        assert_eq!(parse_duration(&format_duration(longest)), Ok(longest));
        assert!(parse_duration("999999999d23h59m60s").is_err());
    }
}
