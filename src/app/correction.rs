//! Corrections (docs/rules.md §10.2): withdrawing a record with a void, and undoing the last
//! record one wrote. Nothing is ever removed from the ledger.

use super::write::write;
use super::{Environment, Error, Ledger, Result, Site};
use crate::ids::{self, Named};
use crate::incident;
use crate::record::void::{self, VoidLink, Voided};
use crate::record::{Event, Record};

/// A void written, and the record it withdrew (or, for a void of a void, restored).
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawal {
    pub void: Record,
    pub target: Record,
}

/// Every record written, voided or not, and the ids a void withdraws at present.
struct Written {
    records: Vec<Record>,
}

impl Written {
    fn read(ledger: &mut Ledger) -> Result<Written> {
        let records = ledger.written_records(None)?;
        Ok(Written { records })
    }

    /// The void in effect that withdraws `id`, if any.
    fn withdrawing(&self, id: &str) -> Option<&Record> {
        let withdrawn = void::withdrawn(self.records.iter().filter_map(VoidLink::of));
        if !withdrawn.contains(id) {
            return None;
        }
        self.records
            .iter()
            .filter(|r| matches!(&r.event, Event::RecordVoided(v) if v.target == id))
            .filter(|r| !withdrawn.contains(r.id.as_str()))
            .max_by(|a, b| a.id.cmp(&b.id))
    }

    /// The record whose id, or short id, is `typed` or starts with it.
    fn find(&self, typed: &str) -> Result<&Record> {
        let wanted = typed.trim().to_uppercase();
        if let Some(exact) = self.records.iter().find(|r| r.id == wanted) {
            return Ok(exact);
        }
        let short: Vec<(String, &Record)> = self
            .records
            .iter()
            .map(|r| (ids::short_id(&r.id), r))
            .collect();
        let found = ids::find(&short, |(id, _)| id, typed, Named::Record)?;
        Ok(found.1)
    }
}

/// The incident a void of `target` belongs with: the target's own, or for a void, the one its
/// void was read with.
fn incident_of(target: &Record) -> Option<String> {
    match &target.event {
        Event::RecordVoided(void) => void.incident.clone(),
        event => incident::subject(event).map(str::to_string),
    }
}

/// Writes a void of `target` at "now".
fn write_void(
    env: &Environment,
    site: &Site,
    target: &Record,
    reason: &str,
    undo: bool,
) -> Result<Withdrawal> {
    let event = Event::RecordVoided(Box::new(Voided {
        target: target.id.clone(),
        reason: reason.to_string(),
        incident: incident_of(target),
        target_at: Some(target.at),
        target_type: Some(target.type_name()),
        merged_into: None,
        undo,
    }));
    let void = write(env, site, env.now, event)?;
    Ok(Withdrawal {
        void,
        target: target.clone(),
    })
}

/// `otss void ID --reason TEXT`: withdraws the record `typed` names, any engineer's. A record
/// already withdrawn is not voided twice; voiding its void restores it.
pub fn void(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    typed: &str,
    reason: &str,
) -> Result<Withdrawal> {
    let written = Written::read(ledger)?;
    let target = written.find(typed)?;
    if let Some(by) = written.withdrawing(&target.id) {
        return Err(Error::AlreadyVoided {
            record: ids::short_id(&target.id),
            void: ids::short_id(&by.id),
            by: by.by.clone(),
        });
    }
    write_void(env, site, target, reason, false)
}

/// The record `otss undo` would withdraw: the latest one the engineer writing entered that
/// still stands, passing over the voids undo itself wrote (so undo walks back).
pub fn last_written(env: &Environment, site: &Site, ledger: &mut Ledger) -> Result<Record> {
    let engineer = super::writer(env, site)?.to_lowercase();
    let written = Written::read(ledger)?;
    let withdrawn = void::withdrawn(written.records.iter().filter_map(VoidLink::of));
    written
        .records
        .iter()
        .filter(|r| r.by.to_lowercase() == engineer)
        .filter(|r| !matches!(&r.event, Event::RecordVoided(v) if v.undo))
        .filter(|r| !withdrawn.contains(r.id.as_str()))
        .max_by(|a, b| a.id.cmp(&b.id))
        .cloned()
        .ok_or(Error::NothingToUndo { engineer })
}

/// `otss undo`: withdraws `record`, found by `last_written` and confirmed.
pub fn undo(env: &Environment, site: &Site, record: &Record) -> Result<Withdrawal> {
    write_void(env, site, record, "", true)
}
