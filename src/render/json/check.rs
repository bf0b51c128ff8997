//! A check of the ledger as JSON: every problem with where it is, what it is and what to do
//! about it.

use serde::Serialize;

use crate::app::check::LedgerCheck;
use crate::check::Found;
use crate::i18n::Messages;

/// Whether the ledger is intact, what was read, and every problem.
#[derive(Serialize)]
pub struct CheckJson<'a> {
    ok: bool,
    ledger: String,
    files: usize,
    records: usize,
    problems: Vec<ProblemJson<'a>>,
}

/// A problem (`file` relative to the ledger, `line`, `kind` and its details), its full path,
/// and in the output's language what it is and what to do about it.
#[derive(Serialize)]
struct ProblemJson<'a> {
    #[serde(flatten)]
    found: &'a Found,
    path: String,
    what: String,
    fix: String,
}

impl<'a> CheckJson<'a> {
    pub fn new(check: &'a LedgerCheck, m: &Messages) -> CheckJson<'a> {
        let checked = &check.checked;
        let problems = checked
            .problems
            .iter()
            .map(|found| {
                let (what, fix) = m.ledger_problem(&found.problem);
                ProblemJson {
                    found,
                    path: check.path(found).display().to_string(),
                    what,
                    fix,
                }
            })
            .collect();
        CheckJson {
            ok: checked.intact(),
            ledger: check.ledger.display().to_string(),
            files: checked.files,
            records: checked.records,
            problems,
        }
    }
}
