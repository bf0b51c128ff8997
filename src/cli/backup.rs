//! `otss backup`: backup checks and the month's requirement.

use clap::{ArgGroup, Args, Subcommand};

use super::context::Context;
use crate::app::{Error, Input, Result, Site, non_empty, routine};
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::record::routine::BackupCheck;
use crate::render::human::{moment, with_id};
use crate::render::json::routine::BackupStatusJson;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss backup check --job \"TencentDB nightly\" --ok",
    "otss backup check --job \"COS archive\" --failed \"restore test: checksum mismatch\"",
    "otss backup status 2025-03",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum BackupCommand {
    /// Record that a backup job was checked: it ran and restores, or it failed
    #[command(after_help = examples!(
        "otss backup check --job \"TencentDB daily\" --ok",
        "otss backup check --job \"COS archive\" --failed \"restore test timed out\"",
    ))]
    Check(CheckArgs),
    /// The month's requirement and the checks done
    #[command(after_help = examples!(
        "otss backup status",
        "otss backup status 2025-03 --json",
    ))]
    Status {
        /// YYYY-MM [default: this month]
        month: Option<String>,
        #[command(flatten)]
        ids: super::IdsArg,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("result").required(true).args(["ok", "failed"])))]
pub struct CheckArgs {
    /// The backup job
    #[arg(long)]
    job: String,
    /// It ran and restores
    #[arg(long)]
    ok: bool,
    /// It failed: what went wrong
    #[arg(long, value_name = "NOTE")]
    failed: Option<String>,
    /// When it was checked [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    at: Option<String>,
}

pub fn run(context: &Context, command: BackupCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        BackupCommand::Check(args) => {
            let job = non_empty(Input::Job, &args.job)?;
            let failure = args
                .failed
                .as_deref()
                .map(|n| non_empty(Input::Failed, n))
                .transpose()?;
            let at = context.env.at_in_term(&site, args.at.as_deref())?;
            let month = routine::check_backup(&context.env, &site, at, job, failure)?;
            print_status(context, &site, &mut out, month, Shown::Human(false))?;
        }
        BackupCommand::Status { month, ids, json } => {
            let month = context.env.period(&site, month.as_deref())?;
            if !matches!(month, Period::Month(_)) {
                return Err(Error::NotAMonth(month.label()));
            }
            let shown = if json {
                Shown::Json
            } else {
                Shown::Human(ids.ids)
            };
            print_status(context, &site, &mut out, month, shown)?;
        }
    }
    Ok(out.flush()?)
}

/// How the month's backups are shown: as JSON, or for a person, with record ids or not.
enum Shown {
    Json,
    Human(bool),
}

fn print_status(
    context: &Context,
    site: &Site,
    out: &mut Output,
    month: Period,
    shown: Shown,
) -> Result<()> {
    let status = context.read(site, out, |ledger| {
        routine::backup_status(site, ledger, month)
    })?;
    let zone = site.contract.timezone;
    let ids = match shown {
        Shown::Json => return Ok(out.json(&BackupStatusJson::new(&status, zone))?),
        Shown::Human(ids) => ids,
    };
    let m = out.messages();
    let today = local_date(context.env.now, zone);
    let backups = m.backups(status.done, status.required);
    out.line(m.labelled(&status.month.label(), &backups))?;
    for logged in &status.checks {
        let (record, (check, uncounted)) = (&logged.record, &logged.item);
        let when = moment(record.instant(), zone, today, m);
        let line = format!(
            "{when} · {} · {} · {}",
            record.by,
            check.job,
            result(out, check)
        );
        let mut line = format!("  {}", with_id(ids, Some(&record.id), line));
        if let Some(why) = uncounted {
            let why = m.check_uncounted(why, |t| moment(t, zone, today, m));
            let said = m.not_counted(&why);
            line = format!("{line} · {}", out.paint(Tone::Warning, &said));
        }
        out.line(line)?;
    }
    if !status.jobs.is_empty() {
        out.line(out.paint(Tone::Heading, &m.latest_per_job()))?;
    }
    for latest in &status.jobs {
        let when = moment(latest.record.instant(), zone, today, m);
        let job = m.labelled(&latest.item.job, &result(out, &latest.item));
        out.line(format!("  {job} · {when}"))?;
    }
    Ok(())
}

/// A check's result, in the colour of a breach when it failed.
fn result(out: &Output, check: &BackupCheck) -> String {
    let said = out
        .messages()
        .backup_result(check.ok, check.note.as_deref());
    let tone = if check.ok { Tone::Plain } else { Tone::Breach };
    out.paint(tone, &said)
}
