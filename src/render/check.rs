//! A check of the ledger for people: each problem on a line with where it is and what to do
//! about it, or that every file is intact.

use std::io;

use crate::app::check::LedgerCheck;
use crate::output::{Output, Tone};

/// Each problem, coloured as a breach; or, when there is none, what was checked.
pub fn print_check(out: &mut Output, check: &LedgerCheck) -> io::Result<()> {
    let m = out.messages();
    let checked = &check.checked;
    for found in &checked.problems {
        let (what, fix) = m.ledger_problem(&found.problem);
        let path = check.path(found).display().to_string();
        let place = match found.line {
            Some(line) => format!("{path}:{line}"),
            None => path,
        };
        let line = format!("{place}: {what}{}{fix}", m.clause_separator());
        out.line(out.paint(Tone::Breach, &line))?;
    }
    if checked.intact() {
        out.line(m.ledger_intact(checked.files, checked.records))?;
    }
    Ok(())
}
