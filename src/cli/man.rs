//! `otss man`: the manual page, as roff.

use std::io::Write;

use clap::{Args, CommandFactory};

use super::Cli;

const EXAMPLES: &str = "\
Examples:
  otss man | man -l -
  otss man > ~/.local/share/man/man1/otss.1
  otss man incident > ~/.local/share/man/man1/otss-incident.1";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ManArgs {
    /// The page of one command (`incident`, `report`, …) instead of otss(1)
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

pub fn run(args: ManArgs) -> anyhow::Result<()> {
    let mut otss = Cli::command();
    otss.build();
    let page = match &args.command {
        None => otss,
        Some(name) => otss
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| unknown_command(&otss, name))?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    std::io::stdout().lock().write_all(&roff)?;
    Ok(())
}

fn unknown_command(otss: &clap::Command, name: &str) -> anyhow::Error {
    let names: Vec<&str> = otss.get_subcommands().map(|c| c.get_name()).collect();
    anyhow::anyhow!(
        "`{name}` is not an otss command; one of: {}",
        names.join(", ")
    )
}
