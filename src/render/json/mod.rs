//! The JSON views of every command (docs/rules.md §9): the stable interface that scripts and
//! acceptance checks rely on, all in this module so that it can be read in one place.

pub mod alert;
pub mod calendar;
pub mod capacity;
pub mod check;
pub mod contract;
pub mod correction;
pub mod duty;
pub mod feedback;
pub mod fingerprint;
pub mod incident;
pub mod inspect;
pub mod leave;
pub mod paths;
pub mod portfolio;
pub mod report;
pub mod risk;
pub mod routine;
pub mod search;
pub mod sla;
pub mod status;
pub mod sync;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};

use crate::calendar::{Day, DayKind};
use crate::i18n::{Messages, day_name};
use crate::ids::short_id;
use crate::record::Record;
use crate::time::rfc3339;

/// A time as every JSON time is written (`rfc3339`), spelt out only as the JSON is written: a
/// long list need not hold each of its times as text.
#[derive(Debug, Clone, Copy)]
pub struct JsonTime(pub DateTime<Utc>, pub Tz);

impl Serialize for JsonTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&rfc3339(self.0, self.1))
    }
}

/// A calendar day (docs/rules.md §9.2).
#[derive(Debug, Serialize)]
pub struct DayJson {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub working: bool,
    pub name: Option<String>,
    pub comp_days: u32,
    pub published: bool,
    /// Stable keys of the festivals named, for scripts.
    pub festivals: Vec<&'static str>,
}

impl DayJson {
    pub fn new(day: &Day, messages: &Messages) -> DayJson {
        DayJson {
            date: day.date,
            kind: day.kind,
            working: day.working(),
            name: day.name.as_ref().map(|n| day_name(messages, n)),
            comp_days: day.comp_days(),
            published: day.published,
            festivals: day
                .name
                .iter()
                .flat_map(|n| n.festivals())
                .map(|f| f.key())
                .collect(),
        }
    }
}

/// A record's content as JSON, with when and by whom it was recorded.
#[derive(Serialize)]
pub struct Stamped<T: Serialize> {
    /// The record's short id, to name it in a correction (docs/rules.md §10.2).
    pub id: String,
    pub at: String,
    pub by: String,
    #[serde(flatten)]
    pub item: T,
}

impl<T: Serialize + Clone> Stamped<T> {
    pub fn new(record: &Record, item: &T, zone: Tz) -> Stamped<T> {
        Stamped {
            id: short_id(&record.id),
            at: rfc3339(record.instant(), zone),
            by: record.by.clone(),
            item: item.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::Asia::Shanghai;

    use super::*;

    #[test]
    fn a_time_written_late_is_written_as_every_json_time() {
        let t = DateTime::parse_from_rfc3339("2025-03-01T01:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let written = serde_json::to_string(&JsonTime(t, Shanghai)).unwrap();
        assert_eq!(written, "\"2025-03-01T09:30:00+08:00\"");
        assert_eq!(
            written,
            serde_json::to_string(&rfc3339(t, Shanghai)).unwrap()
        );
    }
}
