//! Merging an incident opened twice for one fault (docs/rules.md §10.2).

use chrono_tz::Tz;

use super::super::write::write;
use super::super::{Environment, Ledger, Result, Site, Wanted};
use super::find;
use crate::incident::{self, Incident, IncidentError};
use crate::record::void::Voided;
use crate::record::{Event, types};
use crate::sla::Sla;

/// Merges the incident `duplicate` names into the one `kept` names (each an id or a unique
/// prefix of one, in any case): the duplicate's opening is voided, pointing to the kept one,
/// and the kept one takes the earliest report, request, response and arrival of the two, its
/// deadlines pinned again from them. Returns the kept incident as the merge leaves it.
pub fn merge(
    site: &Site,
    env: &Environment,
    duplicate: &str,
    kept: &str,
    ledger: &mut Ledger,
) -> Result<Incident> {
    let (duplicate, kept) = (find(ledger, duplicate)?, find(ledger, kept)?);
    if duplicate.id == kept.id {
        return Err(IncidentError::MergeIntoItself(kept.id).into());
    }
    let mut records = ledger.incident_records(Wanted::Id(&kept.id))?;
    let sla = Sla::new(&site.contract, &site.calendar);
    let merged = incident::merge_event(&kept, &duplicate, &sla, site.contract.timezone);
    let zone = site.contract.timezone;
    write(env, site, env.now, withdrawal(&duplicate, &kept, zone))?;
    records.push(write(env, site, env.now, merged)?);
    Ok(incident::find_in(&records, &kept.id)?)
}

/// The void of the duplicate's opening, pointing to the incident kept.
fn withdrawal(duplicate: &Incident, kept: &Incident, zone: Tz) -> Event {
    Event::RecordVoided(Box::new(Voided {
        target: duplicate.opening.clone(),
        reason: String::new(),
        incident: Some(duplicate.id.clone()),
        target_at: Some(duplicate.reported_at.with_timezone(&zone).fixed_offset()),
        target_type: Some(types::INCIDENT_OPENED.to_string()),
        merged_into: Some(kept.id.clone()),
        undo: false,
    }))
}
