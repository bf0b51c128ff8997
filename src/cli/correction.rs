//! `otss void` and `otss undo`: withdrawing a record without editing a file
//! (docs/rules.md §10.2).

use clap::Args;

use super::context::Context;
use super::{answered, prompt};
use crate::app::{Input, Result, Usage, correction, non_empty};
use crate::render::correction::described;
use crate::render::json::correction::VoidJson;

#[derive(Debug, Args)]
#[command(after_help = examples!(
    "otss support list --ids",
    "otss void 8QK2ZD --reason \"logged twice\"",
    "otss void 3M7T1A --reason \"voided by mistake\"   # a void's id: the record counts again",
))]
pub struct VoidArgs {
    /// The record's id: its short id from a list's --ids column, any unique start of it, or
    /// the whole id from --json
    id: String,
    /// Why it is withdrawn; shown in the report's corrections
    #[arg(long)]
    reason: String,
    /// Print the void as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = examples!(
    "otss undo",
    "otss undo --yes    # without a terminal",
    "otss undo && otss undo   # the last two records",
))]
pub struct UndoArgs {
    /// Undo without asking (needed without a terminal)
    #[arg(long)]
    yes: bool,
    /// Print the void as JSON
    #[arg(long)]
    json: bool,
}

pub fn void(context: &Context, args: VoidArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let reason = non_empty(Input::Reason, &args.reason)?;
    let withdrawal = context.read(&site, &mut out, |ledger| {
        correction::void(&context.env, &site, ledger, &args.id, &reason)
    })?;
    said(&mut out, &withdrawal, args.json, site.contract.timezone)
}

pub fn undo(context: &Context, args: UndoArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let last = context.read(&site, &mut out, |ledger| {
        correction::last_written(&context.env, &site, ledger)
    })?;
    if !args.yes {
        if !context.interactive() {
            return Err(Usage::UndoNeedsYes.into());
        }
        let m = out.messages();
        let question = m.undo_question(&described(&last, site.contract.timezone));
        let confirmed = answered(
            dialoguer::Confirm::with_theme(prompt::theme(m))
                .with_prompt(crate::text::one_line(&question))
                .default(false)
                .interact(),
        )?;
        if !confirmed {
            out.line(m.not_undone())?;
            return Ok(out.flush()?);
        }
    }
    let withdrawal = correction::undo(&context.env, &site, &last)?;
    said(&mut out, &withdrawal, args.json, site.contract.timezone)
}

fn said(
    out: &mut crate::output::Output,
    withdrawal: &correction::Withdrawal,
    json: bool,
    zone: chrono_tz::Tz,
) -> Result<()> {
    let view = VoidJson::new(withdrawal, zone);
    if json {
        out.json(&view)?;
    } else {
        let m = out.messages();
        out.line(m.voided(&view.target, &view.id, view.restored))?;
    }
    Ok(out.flush()?)
}
