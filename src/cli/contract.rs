//! `otss contract check|show|ack`.

use clap::Subcommand;

use super::context::Context;
use crate::app;
use crate::app::Result;
use crate::render::json::contract::ContractJson;
use crate::render::terms::{print_terms, warn};

const CHECK_EXAMPLES: &str = examples!(
    "otss contract check",
    "otss --contract site/otss.toml contract check && echo valid",
);

const ACK_EXAMPLES: &str = examples!("otss status", "otss contract show", "otss contract ack",);

const SHOW_EXAMPLES: &str = examples!("otss contract show", "otss contract show --json | jq .sla",);

#[derive(Debug, Subcommand)]
#[command(after_help = examples!(
        "otss contract check",
        "otss contract show",
    ))]
pub enum ContractCommand {
    /// Check the contract: exit 0 when valid, else 1 listing every problem with its line
    #[command(after_help = CHECK_EXAMPLES)]
    Check,
    /// Show the effective contract with every default filled in
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Acknowledge the changes to the contract's calendar or SLA that otss sync received
    #[command(after_help = ACK_EXAMPLES)]
    Ack,
}

pub fn run(context: &Context, command: ContractCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let terms = app::contract::terms(&site);
    match command {
        ContractCommand::Check => {
            warn(&mut out, &terms.warnings)?;
            let origin = site.path.display().to_string();
            out.line(out.messages().contract_ok(&origin))?;
        }
        ContractCommand::Show { json: true } => {
            out.json(&ContractJson::new(&terms, out.messages()))?;
        }
        ContractCommand::Show { json: false } => {
            print_terms(&mut out, &terms)?;
            warn(&mut out, &terms.warnings)?;
        }
        ContractCommand::Ack => {
            let acknowledged = app::sync::acknowledge(&site)?;
            let m = out.messages();
            if acknowledged.is_empty() {
                out.line(m.contract_nothing_to_acknowledge())?;
            }
            for received in &acknowledged {
                out.line(m.contract_acknowledged(received))?;
            }
        }
    }
    Ok(out.flush()?)
}
