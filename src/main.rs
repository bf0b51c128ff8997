use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = otss::cli::Cli::parse();
    match otss::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.is_broken_pipe() => ExitCode::SUCCESS,
        Err(failure) if let Some(status) = failure.interrupted() => ExitCode::from(status),
        Err(failure) => match failure.usage() {
            Some(usage) => {
                let _ = usage.print();
                ExitCode::from(2)
            }
            None => {
                let _ = writeln!(std::io::stderr(), "{}", failure.message());
                ExitCode::FAILURE
            }
        },
    }
}
