//! `otss man`: the manual pages, as roff.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory};

use super::Cli;
use crate::app::{Error, Result, Usage};
use crate::i18n::Lang;

const EXAMPLES: &str = examples!(
    "otss man | man -l -",
    "otss man incident > otss-incident.1",
    "otss man --out-dir ~/.cargo/share/man/man1     every page: otss.1, otss-incident.1, …",
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

/// The pages in `lang`: Chinese pages say what `--help` says in Chinese, under Chinese
/// headings.
pub fn run(args: ManArgs, lang: Lang) -> Result<()> {
    let mut otss = super::help::spoken(without_help_subcommands(Cli::command()), lang);
    otss.build();
    if let Some(dir) = &args.out_dir {
        return every_page_into(otss, dir, lang).map_err(|source| Error::ManPages {
            dir: dir.clone(),
            source,
        });
    }
    let mut page = otss;
    for name in &args.command {
        page = page
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| unknown_command(&page, name))?;
    }
    std::io::stdout()
        .lock()
        .write_all(page_of(page, lang)?.as_bytes())?;
    Ok(())
}

/// otss.1 and a page for each command under it (`otss-incident-open.1`), as clap_mangen names
/// them.
fn every_page_into(command: clap::Command, dir: &Path, lang: Lang) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let name = clap_mangen::Man::new(command.clone()).get_filename();
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        every_page_into(sub.clone(), dir, lang)?;
    }
    std::fs::write(dir.join(name), page_of(command, lang)?)
}

fn page_of(command: clap::Command, lang: Lang) -> std::io::Result<String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(command).render(&mut roff)?;
    Ok(lang.messages().man_page(&String::from_utf8_lossy(&roff)))
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
