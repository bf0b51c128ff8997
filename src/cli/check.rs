//! `otss check`: whether every ledger file is intact.

use clap::Args;
use serde::Serialize;

use super::context::Context;
use crate::check::{Checker, Found};
use crate::ledger::index::Source as _;
use crate::output::Tone;
use crate::store::LedgerDir;

const EXAMPLES: &str = examples!(
    "otss check",
    "otss check --json | jq '.problems[] | select(.kind != \"torn_tail\")'",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CheckArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct CheckJson<'a> {
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

/// Exit 0 when every file is intact; otherwise every problem, then exit 1.
pub fn run(context: &Context, args: CheckArgs) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let ledger = LedgerDir::new(&site.ledger);
    let mut checker = Checker::default();
    for file in ledger.files()? {
        let reader = ledger.open(&file.name)?;
        checker
            .file(&file.name, reader)
            .map_err(|e| ledger.read_failed(&file.name, e))?;
    }
    for refused in ledger.refused() {
        checker.refused(&refused);
    }
    let checked = checker.finish();
    let m = out.messages();
    let path = |found: &Found| site.ledger.join(&found.file).display().to_string();
    if args.json {
        let problems = checked
            .problems
            .iter()
            .map(|found| {
                let (what, fix) = m.ledger_problem(&found.problem);
                ProblemJson {
                    found,
                    path: path(found),
                    what,
                    fix,
                }
            })
            .collect();
        out.json(&CheckJson {
            ok: checked.intact(),
            ledger: site.ledger.display().to_string(),
            files: checked.files,
            records: checked.records,
            problems,
        })?;
    } else {
        for found in &checked.problems {
            let (what, fix) = m.ledger_problem(&found.problem);
            let place = match found.line {
                Some(line) => format!("{}:{line}", path(found)),
                None => path(found),
            };
            let line = format!("{place}: {what}{}{fix}", m.clause_separator());
            out.line(out.paint(Tone::Breach, &line))?;
        }
        if checked.intact() {
            out.line(m.ledger_intact(checked.files, checked.records))?;
        }
    }
    out.flush()?;
    anyhow::ensure!(checked.intact(), m.ledger_damaged(checked.problems.len()));
    Ok(())
}
