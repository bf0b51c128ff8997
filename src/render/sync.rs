//! A sync of the ledger for people: what was committed, received and pushed, and the files
//! to look at.

use std::io;

use crate::app::sync::Synced;
use crate::output::{Output, Tone};
use crate::sync::owner;

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
    for path in &synced.edited_elsewhere {
        out.line(out.paint(Tone::Warning, &m.sync_edited_elsewhere(path)))?;
    }
    Ok(())
}
