//! `otss alert`: alerts analysed one by one, and the changes of alert policies (docs/rules.md
//! §4.10).

use clap::{Args, Subcommand};

use super::context::Context;
use super::prompt::TextPrompt;
use super::{ListArgs, answered, restore_terminal_on_interrupt};
use crate::app::alert::{self, Logging};
use crate::app::{self, Input, Result, Site, Usage, non_empty};
use crate::ids::short_id;
use crate::output::Output;
use crate::record::alert::{AlertClass, Policy};
use crate::render::human::{moment, with_id};
use crate::render::json::alert::{AlertJson, LoggedJson, PolicyJson};
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss alert log \"CVM ins-8x2k CPU 利用率 > 90%\" --source 云监控 --class noise",
    "otss alert log \"CDB 主从延迟 30s\" --class incident --incident Q2MX7K",
    "otss alert list 2025-03 --ids",
    "otss alert policy add \"CPU 高\" --rule \"CPU 利用率 > 80% 持续 5 分钟\"",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum AlertCommand {
    /// Record an alert analysed, with what it turned out to be
    #[command(after_help = examples!(
        "otss alert log \"CVM CPU above 90%\" --source \"Cloud Monitor\" --class noise",
        "otss alert log \"CDB replica lag 30s\" --class known --policy \"replica lag\"",
        "otss alert log \"CLB 5xx above 1%\" --class incident --incident Q2MX7K",
    ))]
    Log(LogArgs),
    /// The alerts of a period
    #[command(after_help = examples!("otss alert list", "otss alert list 2025-03 --json"))]
    List(ListArgs),
    /// Record an alert policy added or changed
    #[command(subcommand, after_help = examples!(
        "otss alert policy add \"CPU high\" --rule \"CPU above 80% for 5 minutes\"",
        "otss alert policy change \"CPU high\" --rule \"CPU above 90% for 5 minutes\"",
    ))]
    Policy(PolicyCommand),
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// What the alert said
    text: String,
    /// What raised it: a monitoring system, a product's alarm
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// What it turned out to be: noise, known, new or incident [default: new, or incident
    /// with --incident]
    #[arg(long, value_name = "CLASS", value_parser = class)]
    class: Option<AlertClass>,
    /// The alert policy that raised it
    #[arg(long, value_name = "NAME")]
    policy: Option<String>,
    /// The incident it became (asked at a terminal for --class incident)
    #[arg(long, value_name = "ID")]
    incident: Option<String>,
    /// When it was raised [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// A new alert policy
    #[command(after_help = examples!(
        "otss alert policy add \"CPU high\" --rule \"CPU above 80% for 5 minutes\"",
    ))]
    Add(PolicyArgs),
    /// A new rule for an alert policy
    #[command(after_help = examples!(
        "otss alert policy change \"CPU high\" --rule \"CPU above 90% for 5 minutes\"",
    ))]
    Change(PolicyArgs),
}

#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// The policy's name
    name: String,
    /// The rule in words: what fires, on which figure, past which threshold
    #[arg(long, value_name = "TEXT")]
    rule: String,
    /// When it was set [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// A class typed: noise, known, new or incident.
fn class(text: &str) -> std::result::Result<AlertClass, String> {
    AlertClass::from_key(text.trim()).ok_or_else(|| "noise, known, new, incident".to_string())
}

pub fn run(context: &Context, command: AlertCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        AlertCommand::Log(args) => log(context, &site, &mut out, args)?,
        AlertCommand::List(args) => list(context, &site, &mut out, &args)?,
        AlertCommand::Policy(PolicyCommand::Add(args)) => {
            policy(context, &site, &mut out, args, true)?
        }
        AlertCommand::Policy(PolicyCommand::Change(args)) => {
            policy(context, &site, &mut out, args, false)?
        }
    }
    Ok(out.flush()?)
}

/// The text given for `input`, if any, trimmed; given and empty is an error.
fn optional(input: Input, text: Option<String>) -> Result<Option<String>> {
    text.map(|text| non_empty(input, &text)).transpose()
}

fn log(context: &Context, site: &Site, out: &mut Output, args: LogArgs) -> Result<()> {
    let at = context.env.at_in_term(site, args.at.as_deref())?;
    let mut logging = Logging {
        text: non_empty(Input::Alert, &args.text)?,
        source: optional(Input::Source, args.source)?,
        class: args.class,
        policy: optional(Input::Policy, args.policy)?,
        incident: args.incident,
    };
    if logging.class == Some(AlertClass::Incident) && logging.incident.is_none() {
        logging.incident = Some(ask_incident(context, site, out)?);
    }
    let (record, alert) = context.read_quietly(site, |ledger| {
        alert::log(&context.env, site, ledger, at, logging)
    })?;
    if args.json {
        out.json(&LoggedJson::new(&record, &alert, site.contract.timezone))?;
    } else {
        out.line(out.messages().alert_line(&short_id(&record.id), &alert))?;
    }
    Ok(())
}

/// The incident an alert became, asked at a terminal; without one, a usage error.
fn ask_incident(context: &Context, site: &Site, out: &Output) -> Result<String> {
    if !context.interactive() {
        return Err(Usage::AlertNeedsIncident.into());
    }
    app::writer(&context.env, site)?;
    restore_terminal_on_interrupt();
    let m = out.messages();
    let typed = answered(TextPrompt::new(m, m.which_incident()).interact_text())?;
    Ok(typed.trim().to_string())
}

fn list(context: &Context, site: &Site, out: &mut Output, args: &ListArgs) -> Result<()> {
    let period = context.env.period(site, args.period.as_deref())?;
    let alerts = context.read(site, out, |ledger| alert::alerts_of(site, ledger, &period))?;
    let zone = site.contract.timezone;
    if args.json {
        let views: Vec<AlertJson> = alerts.iter().map(|a| AlertJson::new(a, zone)).collect();
        out.json(&views)?;
        return Ok(());
    }
    let m = out.messages();
    let noise = alerts
        .iter()
        .filter(|a| a.item.class == AlertClass::Noise)
        .count();
    let count = m.alerts_count(alerts.len() as u32, noise as u32);
    out.line(m.labelled(&period.label(), &count))?;
    let today = local_date(context.env.now, zone);
    for seen in &alerts {
        let when = moment(seen.at, zone, today, m);
        let line = m.alert_line(&when, &seen.item);
        let line = format!("{line} · {}", seen.by);
        out.line(format!("  {}", with_id(args.ids.ids, Some(&seen.id), line)))?;
    }
    Ok(())
}

fn policy(
    context: &Context,
    site: &Site,
    out: &mut Output,
    args: PolicyArgs,
    added: bool,
) -> Result<()> {
    let at = context.env.at_in_term(site, args.at.as_deref())?;
    let policy = Policy {
        name: non_empty(Input::PolicyName, &args.name)?,
        rule: non_empty(Input::Rule, &args.rule)?,
    };
    let record = context.read_quietly(site, |ledger| {
        alert::set_policy(&context.env, site, ledger, at, policy.clone(), added)
    })?;
    if args.json {
        out.json(&PolicyJson::new(
            &record,
            &policy,
            added,
            site.contract.timezone,
        ))?;
    } else {
        let line = out
            .messages()
            .policy_recorded(&short_id(&record.id), &policy, added);
        out.line(line)?;
    }
    Ok(())
}
