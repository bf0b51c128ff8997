//! Writing a record as the engineer the environment names.

use chrono::{DateTime, Utc};

use super::{Environment, Result, Site, append, new_record_id};
use crate::record::{Event, Record};

/// Writes a new record of `event` at `at` by the engineer writing, and returns it.
pub fn write(env: &Environment, site: &Site, at: DateTime<Utc>, event: Event) -> Result<Record> {
    append(env, site, new_record_id(env.now), at, event)
}

/// Who is writing, once it is known that they may: a front end asks this before its first
/// question, so that no one answers questions only to be refused (docs/rules.md §10.4).
pub fn writer<'e>(env: &'e Environment, site: &Site) -> Result<&'e str> {
    let engineer = env.engineer()?;
    site.contract.check_engineer(engineer)?;
    Ok(engineer)
}
