//! `otss backup`: backup checks and the month's requirement.

use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;

use super::context::{Context, Site, new_record_id};
use super::show::moment;
use crate::ledger::Event;
use crate::output::Output;
use crate::period::Period;
use crate::routine::{BackupCheck, backup_checks};
use crate::time::{local_date, rfc3339};

const EXAMPLES: &str = "\
Examples:
  otss backup check --job \"TencentDB nightly\" --ok
  otss backup check --job \"COS archive\" --failed \"restore test: checksum mismatch\"
  otss backup status 2025-03";

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum BackupCommand {
    /// Record that a backup job was checked: it ran and restores, or it failed
    Check(CheckArgs),
    /// The month's requirement and the checks done
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
struct CheckJson {
    at: String,
    by: String,
    #[serde(flatten)]
    check: BackupCheck,
}

#[derive(Serialize)]
struct StatusJson {
    month: String,
    required: u32,
    done: u32,
    checks: Vec<CheckJson>,
}

pub fn run(context: &Context, command: BackupCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        BackupCommand::Check(args) => {
            let job = super::non_empty("--job", &args.job)?;
            let at = context.at(&site, args.at.as_deref())?;
            let check = BackupCheck {
                job,
                ok: args.ok,
                note: args.failed,
            };
            context.append(&site, new_record_id(), at, Event::BackupChecked(check))?;
            let month = Period::month_of(local_date(at, site.contract.timezone));
            print_status(context, &site, &mut out, month, false)?;
        }
        BackupCommand::Status { month, json } => {
            let month = context.period(&site, month.as_deref())?;
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
    let records = context.records(site, out, Some(&month))?;
    let checks = backup_checks(&records);
    let required = crate::routine::backups_required(&site.contract, &month);
    let done = checks.len() as u32;
    let zone = site.contract.timezone;
    if json {
        let checks = checks
            .iter()
            .map(|(r, c)| CheckJson {
                at: rfc3339(r.instant(), zone),
                by: r.by.clone(),
                check: (*c).clone(),
            })
            .collect();
        let month = month.label();
        return Ok(out.json(&StatusJson {
            month,
            required,
            done,
            checks,
        })?);
    }
    let m = out.messages();
    let today = local_date(context.now, zone);
    out.line(m.labelled(&month.label(), &m.backups(done, required)))?;
    for (record, check) in checks {
        let when = moment(record.instant(), zone, today, m);
        let result = m.backup_result(check.ok, check.note.as_deref());
        out.line(format!(
            "  {when} · {} · {} · {result}",
            record.by, check.job
        ))?;
    }
    Ok(())
}
