//! `otss sla`: the deadlines of an incident level at an instant.

use clap::Args;

use super::context::Context;
use super::show::warn_provisional;
use crate::app::{self, Result, sla::Asked};
use crate::contract::Level;
use crate::render::json::sla::SlaJson;
use crate::render::sla::print_deadlines;

const EXAMPLES: &str = examples!(
    "otss sla --level 1                                 reported now",
    "otss sla --level 2 --at \"2025-10-01 20:00\"         in the contract's time zone",
    "otss sla --level 3 --at 2025-10-01T12:00:00Z --json",
    "otss sla --level 1 --at \"2025-05-03 22:00\" --onsite-at \"2025-05-04 07:00\"",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SlaArgs {
    /// Incident level, 1 the most severe
    #[arg(long, value_parser = super::LevelParser::default())]
    level: Level,

    /// When the incident is reported: 14:58, 3/2 10:30, … (otss --help) [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    at: Option<String>,

    /// When the customer asks for an engineer on site [default: at the report]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    onsite_at: Option<String>,

    /// A later arrival time agreed with the customer
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    agreed: Option<String>,

    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(context: &Context, args: SlaArgs) -> Result<()> {
    let site = context.site()?;
    let asked = Asked {
        at: args.at.as_deref(),
        onsite_at: args.onsite_at.as_deref(),
        agreed: args.agreed.as_deref(),
    };
    let answer = app::sla::deadlines(&site, context.env.now, args.level, asked)?;
    let mut out = context.output(Some(site.contract.language));
    if args.json {
        out.json(&SlaJson::new(&site, &answer, out.messages()))?;
    } else {
        print_deadlines(&mut out, &site, &answer)?;
    }
    if !answer.unpublished.is_empty() {
        warn_provisional(&mut out, &site.calendar, answer.unpublished.iter().copied())?;
    }
    Ok(out.flush()?)
}
