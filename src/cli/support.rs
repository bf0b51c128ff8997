//! `otss support`: technical-support consultations.

use clap::Subcommand;

use super::context::Context;
use crate::app::new_record_id;
use crate::record::routine::Consultation;
use crate::record::{Event, Record, select};
use crate::render::human::moment;
use crate::render::json::Stamped;
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
    ))]
    Log {
        /// What it was about
        text: String,
        /// The product concerned
        #[arg(long)]
        product: Option<String>,
        /// Time spent, 1 to 1440
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1440))]
        minutes: Option<u32>,
        /// When it happened [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// The consultations of a period
    #[command(after_help = examples!(
        "otss support list",
        "otss support list 2025-03 --json",
    ))]
    List {
        /// YYYY-MM, YYYY or YYYY-MM-DD [default: this month]
        period: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(context: &Context, command: SupportCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let zone = site.contract.timezone;
    match command {
        SupportCommand::Log {
            text,
            product,
            minutes,
            at,
        } => {
            let at = context.env.at_in_term(&site, at.as_deref())?;
            let consultation = Consultation {
                text: super::non_empty("the consultation", &text)?,
                product: product
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty()),
                minutes,
            };
            context.append(
                &site,
                new_record_id(),
                at,
                Event::SupportLogged(consultation),
            )?;
            out.line(out.messages().recorded())?;
        }
        SupportCommand::List { period, json } => {
            let period = context.env.period(&site, period.as_deref())?;
            let records = context.read(&site, &mut out, |ledger| ledger.records(Some(&period)))?;
            let logged: Vec<(&Record, &Consultation)> = select(&records, |event| match event {
                Event::SupportLogged(c) => Some(c),
                _ => None,
            })
            .into_iter()
            .filter(|(r, _)| period.contains(local_date(r.instant(), zone)))
            .collect();
            if json {
                let list: Vec<Stamped<Consultation>> = logged
                    .iter()
                    .map(|(r, c)| Stamped::new(r, *c, zone))
                    .collect();
                out.json(&list)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            let minutes: u64 = logged
                .iter()
                .filter_map(|(_, c)| c.minutes)
                .map(u64::from)
                .sum();
            out.line(m.labelled(&period.label(), &m.consultations(logged.len(), minutes)))?;
            let today = local_date(context.env.now, zone);
            for (record, c) in logged {
                let mut parts = vec![moment(record.instant(), zone, today, m), record.by.clone()];
                parts.extend(c.product.clone());
                parts.extend(
                    c.minutes
                        .map(|n| m.duration(chrono::TimeDelta::minutes(n.into()))),
                );
                parts.push(c.text.clone());
                out.line(format!("  {}", parts.join(" · ")))?;
            }
        }
    }
    Ok(out.flush()?)
}
