use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = otss::cli::Cli::parse();
    match otss::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if otss::cli::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => match error.downcast_ref::<clap::Error>() {
            // A usage error found after parsing: printed as clap prints its own.
            Some(usage) => {
                let _ = usage.print();
                ExitCode::from(2)
            }
            None => {
                let _ = writeln!(std::io::stderr(), "error: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}
