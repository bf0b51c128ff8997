//! `otss completions SHELL`: a completion script for the shell, on standard output.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;
use crate::app::Result;

const EXAMPLES: &str = examples!(
    "otss completions bash > ~/.local/share/bash-completion/completions/otss",
    "otss completions zsh > ~/.zfunc/_otss        # with fpath+=(~/.zfunc) in ~/.zshrc",
    "otss completions fish > ~/.config/fish/completions/otss.fish",
    "otss completions powershell >> $PROFILE",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Result<()> {
    // Written whole to memory first: the generator cannot report a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "otss", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(())
}
