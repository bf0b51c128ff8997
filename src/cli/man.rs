//! `otss man`: the manual pages, as roff.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory};

use super::Cli;
use crate::app::{Error, Result, Usage};

const EXAMPLES: &str = examples!(
    "otss man | man -l -",
    "otss man incident > otss-incident.1",
    "otss man --out-dir ~/.local/share/man/man1     every page: otss.1, otss-incident.1, …",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ManArgs {
    /// The page of one command (`incident`, `incident open`, …) instead of otss(1)
    #[arg(value_name = "COMMAND", conflicts_with = "out_dir")]
    command: Vec<String>,
    /// Write every page (otss.1 and one per command) into this directory
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

pub fn run(args: ManArgs) -> Result<()> {
    if let Some(dir) = &args.out_dir {
        let otss = without_help_subcommands(Cli::command());
        std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(otss, dir))
            .map_err(|source| Error::ManPages {
                dir: dir.clone(),
                source,
            })?;
        return Ok(());
    }
    let mut otss = without_help_subcommands(Cli::command());
    otss.build();
    let mut page = otss;
    for name in &args.command {
        page = page
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| unknown_command(&page, name))?;
    }
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    std::io::stdout().lock().write_all(&roff)?;
    Ok(())
}

/// `otss help …` is the same as `--help`: no pages of its own.
fn without_help_subcommands(command: clap::Command) -> clap::Command {
    command
        .disable_help_subcommand(true)
        .mut_subcommands(without_help_subcommands)
}

fn unknown_command(parent: &clap::Command, name: &str) -> Usage {
    let commands: Vec<String> = parent
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    match commands.is_empty() {
        true => Usage::NoCommandsUnder(parent.get_name().to_string()),
        false => Usage::NoSuchCommand {
            name: name.to_string(),
            commands,
        },
    }
}
