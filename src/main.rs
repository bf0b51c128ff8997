use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = otss::cli::Cli::parse();
    match otss::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if otss::cli::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
