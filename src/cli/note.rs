//! `otss note risk|suggestion`: platform risks and optimisation suggestions for the month's
//! report.

use clap::{Args, Subcommand};

use super::context::Context;
use super::duplicate::unless_declined;
use crate::app::{Input, Result, non_empty, routine};
use crate::record::routine::{Note, NoteKind};

const EXAMPLES: &str = examples!(
    "otss note risk \"TencentDB primary at 85 % storage; full in about 6 weeks at this rate\"",
    "otss note suggestion \"Enable CLB access logs to CLS for faster 5xx triage\"",
    "otss note risk \"no replica in another zone\" --force   # the same note again within 10 minutes",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum NoteCommand {
    /// A platform risk seen on site
    #[command(after_help = examples!(
        "otss note risk \"the primary database has no replica in another zone\"",
    ))]
    Risk(NoteArgs),
    /// An optimisation suggestion for the customer
    #[command(after_help = examples!(
        "otss note suggestion \"move cold logs to COS archive storage\"",
    ))]
    Suggestion(NoteArgs),
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The note
    text: String,
    /// When it was noted [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Record it even if the same note was made within 10 minutes (asked at a terminal)
    #[arg(long)]
    force: bool,
}

pub fn run(context: &Context, command: NoteCommand) -> Result<()> {
    let (kind, args) = match command {
        NoteCommand::Risk(args) => (NoteKind::Risk, args),
        NoteCommand::Suggestion(args) => (NoteKind::Suggestion, args),
    };
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let at = context.env.at_in_term(&site, args.at.as_deref())?;
    let note = Note {
        kind,
        text: non_empty(Input::Note, &args.text)?,
    };
    let added = unless_declined(context, &mut out, args.force, |_, repeats| {
        context.read_quietly(&site, |ledger| {
            routine::add_note(&context.env, &site, ledger, at, note.clone(), repeats)
        })
    })?;
    if added.is_some() {
        out.line(out.messages().recorded())?;
    }
    Ok(out.flush()?)
}
