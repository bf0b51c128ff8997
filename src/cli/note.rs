//! `otss note risk|suggestion`: platform risks and optimisation suggestions for the month's
//! report.

use clap::{Args, Subcommand};

use super::ListArgs;
use super::context::Context;
use super::duplicate::unless_declined;
use crate::app::routine::Logged;
use crate::app::{Input, Result, Site, non_empty, routine};
use crate::output::Output;
use crate::record::routine::{Note, NoteKind};
use crate::render::human::{moment, with_id};
use crate::render::json::Stamped;
use crate::render::json::routine::stamped;
use crate::time::local_date;

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
    /// The notes of a period
    #[command(after_help = examples!(
        "otss note list",
        "otss note list 2025-03 --ids",
        "otss note list 2025 --json",
    ))]
    List(super::ListArgs),
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The note
    text: String,
    /// When it was noted [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    at: Option<String>,
    /// Record it even if the same note was made within 10 minutes (asked at a terminal)
    #[arg(long)]
    force: bool,
}

pub fn run(context: &Context, command: NoteCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let (kind, args) = match command {
        NoteCommand::Risk(args) => (NoteKind::Risk, args),
        NoteCommand::Suggestion(args) => (NoteKind::Suggestion, args),
        NoteCommand::List(args) => return list(context, &site, &mut out, &args),
    };
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

fn list(context: &Context, site: &Site, out: &mut Output, args: &ListArgs) -> Result<()> {
    let period = context.env.period(site, args.period.as_deref())?;
    let notes = context.read(site, out, |ledger| routine::notes(site, ledger, &period))?;
    let zone = site.contract.timezone;
    if args.json {
        let notes: Vec<Stamped<Note>> = notes.iter().map(|n| stamped(n, zone)).collect();
        out.json(&notes)?;
        return Ok(out.flush()?);
    }
    let m = out.messages();
    out.line(m.labelled(&period.label(), &m.note_count(notes.len())))?;
    let today = local_date(context.env.now, zone);
    for Logged { record, item } in &notes {
        let when = moment(record.instant(), zone, today, m);
        let kind = m.note_kind(item.kind);
        let line = format!("{when} · {} · {kind} · {}", record.by, item.text);
        out.line(format!(
            "  {}",
            with_id(args.ids.ids, Some(&record.id), line)
        ))?;
    }
    Ok(out.flush()?)
}
