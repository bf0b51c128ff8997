//! `otss support`: technical-support consultations.

use chrono::TimeDelta;
use clap::Subcommand;

use super::context::Context;
use super::duplicate::unless_declined;
use crate::app::routine::{self, Logged};
use crate::app::{Input, Result, amount, non_empty};
use crate::record::routine::Consultation;
use crate::render::human::{moment, with_id};
use crate::render::json::Stamped;
use crate::render::json::routine::stamped;
use crate::time::grammar::Unit;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss support log \"CLB health check on port 8080 keeps failing\" --product CLB --minutes 40",
    "otss support list 2025-03",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum SupportCommand {
    /// Record a consultation: what was asked and answered
    #[command(after_help = examples!(
        "otss support log \"how to rotate CLB certificates\" --product CLB --minutes 20",
        "otss support log \"COS lifecycle rules\" --at \"2025-03-04 15:30\"",
        "otss support log \"COS lifecycle rules\" --force   # asked again within 10 minutes",
    ))]
    Log {
        /// What it was about
        text: String,
        /// The product concerned
        #[arg(long)]
        product: Option<String>,
        /// Time spent: minutes (90) or a duration (1h30m, 1.5h), at most 24h
        #[arg(long, value_name = "DURATION")]
        minutes: Option<String>,
        /// When it happened [default: now]
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
        /// Record it even if the same text was logged within 10 minutes (asked at a terminal)
        #[arg(long)]
        force: bool,
    },
    /// The consultations of a period
    #[command(after_help = examples!(
        "otss support list",
        "otss support list 2025-03 --json",
        "otss support list --ids   # to void one: otss void ID --reason …",
    ))]
    List(super::ListArgs),
}

pub fn run(context: &Context, command: SupportCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let zone = site.contract.timezone;
    match command {
        SupportCommand::Log {
            text,
            product,
            minutes,
            at,
            force,
        } => {
            let at = context.env.at_in_term(&site, at.as_deref())?;
            let minutes = minutes.as_deref().map(minutes_spent).transpose()?;
            let consultation = Consultation {
                text: non_empty(Input::Consultation, &text)?,
                product,
                minutes,
            };
            let logged = unless_declined(context, &mut out, force, |_, repeats| {
                context.read_quietly(&site, |ledger| {
                    let consultation = consultation.clone();
                    routine::log_consultation(
                        &context.env,
                        &site,
                        ledger,
                        at,
                        consultation,
                        repeats,
                    )
                })
            })?;
            if logged.is_some() {
                out.line(out.messages().recorded())?;
            }
        }
        SupportCommand::List(args) => {
            let period = context.env.period(&site, args.period.as_deref())?;
            let consultations = context.read(&site, &mut out, |ledger| {
                routine::consultations(&site, ledger, &period)
            })?;
            let logged = &consultations.logged;
            if args.json {
                let list: Vec<Stamped<Consultation>> =
                    logged.iter().map(|l| stamped(l, zone)).collect();
                out.json(&list)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            let count = m.consultations(logged.len(), consultations.minutes);
            out.line(m.labelled(&period.label(), &count))?;
            let today = local_date(context.env.now, zone);
            for Logged { record, item: c } in logged {
                let mut parts = vec![moment(record.instant(), zone, today, m), record.by.clone()];
                parts.extend(c.product.clone());
                parts.extend(
                    c.minutes
                        .map(|n| m.duration(chrono::TimeDelta::minutes(n.into()))),
                );
                parts.push(c.text.clone());
                let line = with_id(args.ids.ids, Some(&record.id), parts.join(" · "));
                out.line(format!("  {line}"))?;
            }
        }
    }
    Ok(out.flush()?)
}

/// `--minutes`: whole minutes, 1 to a day's worth.
fn minutes_spent(text: &str) -> Result<u32> {
    let spent = amount(text, Unit::Minutes, TimeDelta::days(1))?;
    Ok(u32::try_from(spent.num_minutes()).unwrap_or(u32::MAX))
}
