//! What `otss init` says once the contract is written: where, whether the priority arrival
//! applies, what to look at, and what to run next.

use std::io;
use std::path::Path;

use crate::app::init::Written;
use crate::i18n::{ContractField, Messages};
use crate::output::Output;
use crate::render::terms::{priority_arrival, warn};

/// The contract written at `path`; `contract_flag` is the `--contract` it was named by.
pub fn print_written(
    out: &mut Output,
    path: &Path,
    written: &Written,
    contract_flag: Option<&Path>,
) -> io::Result<()> {
    let m = out.messages();
    out.line(m.contract_written(&path.display().to_string()))?;
    // Said at once, so that a misspelt city shows.
    let priority = priority_arrival(m, &written.contract);
    out.line(m.labelled(m.field_label(ContractField::PriorityArrival), &priority))?;
    warn(out, &written.warnings)?;
    out.lines(first_steps(m, contract_flag))
}

/// What to run next, with `--contract` when the contract is not where otss looks by itself.
fn first_steps(m: &Messages, contract_flag: Option<&Path>) -> String {
    let otss = match contract_flag {
        Some(path) => format!("otss --contract {}", path.display()),
        None => "otss".to_string(),
    };
    let (heading, steps) = m.first_steps();
    let commands: Vec<String> = steps
        .iter()
        .map(|(args, _)| format!("{otss} {args}"))
        .collect();
    let width = commands
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let lines = commands
        .iter()
        .zip(steps)
        .map(|(command, (_, what))| format!("\n  {command:<width$}  {what}"));
    std::iter::once(heading.to_string()).chain(lines).collect()
}
