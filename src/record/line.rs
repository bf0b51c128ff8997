//! Reading a record from its line. otss writes the envelope first (`v`, `id`, `at`, `by`,
//! `prev`, then `type`) and the payload after it, so a line it wrote is read in one pass: the
//! envelope, then the payload straight into the shape its type names. Any other line — keys
//! in another order, a key escaped or repeated, a type this otss does not know — is read the
//! generic way, which buffers the whole map first; both ways give the same record or the same
//! refusal (docs/rules.md §8.2).

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone as _};
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer as _};

use super::{Event, Record};

/// The keys of the envelope, and the type: none of them may come again in the payload.
const ENVELOPE: [&str; 6] = ["v", "id", "at", "by", "prev", "type"];

impl Record {
    /// The record a line of the ledger holds (without its newline).
    pub fn from_line(text: &str) -> serde_json::Result<Record> {
        match envelope_first(text) {
            Some(record) => Ok(record),
            None => serde_json::from_str(text),
        }
    }
}

/// The record of a line written envelope first, read in one pass; `None` for any other line.
fn envelope_first(text: &str) -> Option<Record> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let record = reader.deserialize_map(EnvelopeFirst).ok()??;
    reader.end().ok()?;
    Some(record)
}

struct EnvelopeFirst;

impl<'de> Visitor<'de> for EnvelopeFirst {
    type Value = Option<Record>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record, envelope first")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Record>, A::Error> {
        let Some(v) = field::<A, u32>(&mut map, "v")? else {
            return Ok(None);
        };
        let Some(id) = field::<A, String>(&mut map, "id")? else {
            return Ok(None);
        };
        let Some(at) = field::<A, &str>(&mut map, "at")? else {
            return Ok(None);
        };
        let at = match written_at(at) {
            Some(at) => at,
            None => at.parse().map_err(A::Error::custom)?,
        };
        let Some(by) = field::<A, String>(&mut map, "by")? else {
            return Ok(None);
        };
        let mut key = map.next_key::<&str>()?;
        let mut prev = None;
        if key == Some("prev") {
            prev = map.next_value::<Option<String>>()?;
            key = map.next_key()?;
        }
        if key != Some("type") {
            return Ok(None);
        }
        let tag: &str = map.next_value()?;
        let Some(event) = Event::read_payload(tag, PayloadOnly(map))? else {
            return Ok(None);
        };
        Ok(Some(Record {
            v,
            id,
            at,
            by,
            prev,
            event,
        }))
    }
}

/// A time spelt as otss writes it, `YYYY-MM-DDTHH:MM:SS+HH:MM`, read without the general
/// RFC 3339 parser; `None` for any other spelling (fractions of a second, `Z`, a leap second,
/// a date that does not exist), which that parser reads.
fn written_at(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    let at = |n: usize, expected: u8| bytes.get(n) == Some(&expected);
    let shaped = bytes.len() == 25
        && [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (22, b':'),
        ]
        .iter()
        .all(|&(n, expected)| at(n, expected));
    if !shaped {
        return None;
    }
    let number = |from: usize, to: usize| {
        (bytes[from..to].iter()).try_fold(0u32, |n, &digit| {
            digit
                .is_ascii_digit()
                .then(|| n * 10 + u32::from(digit - b'0'))
        })
    };
    let sign = match bytes[19] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?;
    let (second, offset_hours, offset_minutes) =
        (number(17, 19)?, number(20, 22)?, number(23, 25)?);
    if second >= 60 || offset_hours >= 24 || offset_minutes >= 60 {
        return None;
    }
    let time = date.and_hms_opt(number(11, 13)?, number(14, 16)?, second)?;
    let offset = i32::try_from(offset_hours * 3600 + offset_minutes * 60).ok()?;
    let zone = FixedOffset::east_opt(sign * offset)?;
    zone.from_local_datetime(&time).single()
}

/// The value of the next key of `map`, if that key is `name`.
fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    name: &str,
) -> Result<Option<T>, A::Error> {
    if map.next_key::<&str>()? != Some(name) {
        return Ok(None);
    }
    map.next_value().map(Some)
}

/// The rest of a record's map, for its payload: a key of the envelope met again is refused,
/// as the generic reading refuses a repeated field.
struct PayloadOnly<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for PayloadOnly<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.0.next_key::<&'de str>()? else {
            return Ok(None);
        };
        if ENVELOPE.contains(&key) {
            return Err(A::Error::duplicate_field("envelope"));
        }
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}

#[cfg(test)]
mod tests;
