//! `otss backup`: backup checks and the month's requirement.

use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;

use super::context::Context;
use crate::app::{Site, new_record_id};
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::record::Event;
use crate::record::routine::BackupCheck;
use crate::render::human::moment;
use crate::render::json::Stamped;
use crate::routine::backup_standing;
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
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

#[derive(Serialize)]
struct StatusJson {
    month: String,
    required: u32,
    done: u32,
    checks: Vec<Stamped<BackupCheck>>,
}

pub fn run(context: &Context, command: BackupCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        BackupCommand::Check(args) => {
            let job = super::non_empty("--job", &args.job)?;
            let note = args
                .failed
                .as_deref()
                .map(|n| super::non_empty("--failed", n))
                .transpose()?;
            let at = context.env.at_in_term(&site, args.at.as_deref())?;
            let check = BackupCheck {
                job,
                ok: args.ok,
                note,
            };
            context.append(&site, new_record_id(), at, Event::BackupChecked(check))?;
            let month = Period::month_of(local_date(at, site.contract.timezone));
            print_status(context, &site, &mut out, month, false)?;
        }
        BackupCommand::Status { month, json } => {
            let month = context.env.period(&site, month.as_deref())?;
            anyhow::ensure!(
                matches!(month, Period::Month(_)),
                "`{}` is not a month: use YYYY-MM",
                month.label()
            );
            print_status(context, &site, &mut out, month, json)?;
        }
    }
    Ok(out.flush()?)
}

fn print_status(
    context: &Context,
    site: &Site,
    out: &mut Output,
    month: Period,
    json: bool,
) -> anyhow::Result<()> {
    let records = context.read(site, out, |ledger| ledger.records(Some(&month)))?;
    let standing = backup_standing(&site.contract, &month, &records);
    let zone = site.contract.timezone;
    if json {
        let checks = standing
            .checks
            .iter()
            .map(|(r, c)| Stamped::new(r, *c, zone))
            .collect();
        let month = month.label();
        let (required, done) = (standing.required, standing.done);
        return Ok(out.json(&StatusJson {
            month,
            required,
            done,
            checks,
        })?);
    }
    let m = out.messages();
    let today = local_date(context.env.now, zone);
    out.line(m.labelled(&month.label(), &m.backups(standing.done, standing.required)))?;
    for (record, check) in standing.checks {
        let when = moment(record.instant(), zone, today, m);
        let result = m.backup_result(check.ok, check.note.as_deref());
        let tone = if check.ok { Tone::Plain } else { Tone::Breach };
        let line = format!(
            "  {when} · {} · {} · {}",
            record.by,
            check.job,
            out.paint(tone, &result)
        );
        out.line(line)?;
    }
    Ok(())
}
