//! Writing a record as the engineer the environment names.

use chrono::{DateTime, Utc};

use super::{Environment, Result, Site, append, new_record_id};
use crate::record::{Event, Record};

/// Writes a new record of `event` at `at` by the engineer writing, and returns it.
pub fn write(env: &Environment, site: &Site, at: DateTime<Utc>, event: Event) -> Result<Record> {
    append(site, env.engineer()?, new_record_id(), at, event)
}
