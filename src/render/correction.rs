//! A record as a person reads it before withdrawing it: when, what type, and what it says.

use chrono_tz::Tz;

use crate::ids::short_id;
use crate::record::Record;
use crate::time::rfc3339;

/// One line: short id, time, type, and every field the record carries besides its envelope.
pub fn described(record: &Record, zone: Tz) -> String {
    let mut said = format!(
        "{} {} {} {}",
        short_id(&record.id),
        rfc3339(record.instant(), zone),
        record.by,
        record.type_name()
    );
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(&record.event) {
        for (key, value) in fields.iter().filter(|(key, _)| *key != "type") {
            said.push_str(&format!(" {key}={value}"));
        }
    }
    said
}
