//! `otss contract check|show`.

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
    }
    Ok(out.flush()?)
}
