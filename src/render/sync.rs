//! A sync of the ledger for people: what was committed, received and pushed, and the files
//! to look at.

use std::io;

use crate::app::sync::Synced;
use crate::output::{Output, Tone};
use crate::sync::{ContractReceived, owner};

/// What the sync did as `engineer`; files left alone as warnings, files edited elsewhere
/// highlighted.
pub fn print_synced(out: &mut Output, synced: &Synced, engineer: &str) -> io::Result<()> {
    let m = out.messages();
    out.line(m.sync_committed(engineer, synced.committed))?;
    match (&synced.remote, &synced.branch) {
        (Some(remote), Some(branch)) => {
            out.line(m.sync_received(synced.received))?;
            if synced.pushed {
                out.line(m.sync_pushed(remote, branch))?;
            }
        }
        (None, _) => out.line(m.sync_no_remote())?,
        // Not on a branch: the error says so.
        (Some(_), None) => {}
    }
    for path in &synced.changed_here {
        out.warn(m.sync_changed_here(path, owner(path)))?;
    }
    if synced.attributes_restored {
        out.line(m.sync_attributes_restored(".gitattributes"))?;
    }
    if let Some(accepted) = &synced.accepted {
        let files: Vec<String> = accepted.lines.iter().map(|l| l.file.clone()).collect();
        let line = m.sync_rewrite_accepted(&accepted.commit, &accepted.author, &files);
        out.line(out.paint(Tone::Warning, &line))?;
    }
    for received in &synced.contract {
        print_contract_received(out, received)?;
    }
    Ok(())
}

/// The contract's keys a sync received, one by one: on standard output, or as warnings on
/// standard error when they change the calendar or the SLA (docs/rules.md §10.9).
pub fn print_contract_received(out: &mut Output, received: &ContractReceived) -> io::Result<()> {
    let m = out.messages();
    let heading = m.sync_contract_changed(received);
    let keys = received.changes.iter().map(|c| m.contract_key_changed(c));
    if received.changes.iter().any(|c| c.needs_acknowledging()) {
        out.warn(heading)?;
        for key in keys {
            out.warn(key)?;
        }
        return out.warn(m.contract_needs_acknowledging());
    }
    out.line(heading)?;
    for key in keys {
        out.line(key)?;
    }
    Ok(())
}

/// What must be seen even when the sync speaks JSON: changes to the calendar or the SLA.
pub fn warn_synced(out: &mut Output, synced: &Synced) -> io::Result<()> {
    let warnings = synced
        .contract
        .iter()
        .filter(|r| r.changes.iter().any(|c| c.needs_acknowledging()));
    for received in warnings {
        print_contract_received(out, received)?;
    }
    Ok(())
}
