//! `otss support`: technical-support consultations.

use clap::Subcommand;
use serde::Serialize;

use super::context::{Context, new_record_id};
use super::show::moment;
use crate::ledger::{Event, Record};
use crate::routine::Consultation;
use crate::time::{local_date, rfc3339};

const EXAMPLES: &str = "\
Examples:
  otss support log \"CLB health check on port 8080 keeps failing\" --product CLB --minutes 40
  otss support list 2025-03";

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum SupportCommand {
    /// Record a consultation: what was asked and answered
    Log {
        /// What it was about
        text: String,
        /// The product concerned
        #[arg(long)]
        product: Option<String>,
        /// Time spent
        #[arg(long)]
        minutes: Option<u32>,
        /// When it happened [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// The consultations of a period
    List {
        /// YYYY-MM, YYYY or YYYY-MM-DD [default: this month]
        period: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct ConsultationJson {
    at: String,
    by: String,
    #[serde(flatten)]
    consultation: Consultation,
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
            let at = context.at(&site, at.as_deref())?;
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
            let period = context.period(&site, period.as_deref())?;
            let records = context.records(&site, &mut out, Some(&period))?;
            let mut logged: Vec<(&Record, &Consultation)> = records
                .iter()
                .filter(|r| period.contains(local_date(r.instant(), zone)))
                .filter_map(|r| match &r.event {
                    Event::SupportLogged(c) => Some((r, c)),
                    _ => None,
                })
                .collect();
            logged.sort_by(|a, b| Record::fold_order(a.0, b.0));
            if json {
                let list: Vec<ConsultationJson> = logged
                    .iter()
                    .map(|(r, c)| ConsultationJson {
                        at: rfc3339(r.instant(), zone),
                        by: r.by.clone(),
                        consultation: (*c).clone(),
                    })
                    .collect();
                out.json(&list)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            let minutes: u32 = logged.iter().filter_map(|(_, c)| c.minutes).sum();
            out.line(m.labelled(&period.label(), &m.consultations(logged.len(), minutes)))?;
            let today = local_date(context.now, zone);
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
