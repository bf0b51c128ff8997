use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match otss::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    match otss::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.is_broken_pipe() => ExitCode::SUCCESS,
        Err(failure) if let Some(status) = failure.interrupted() => ExitCode::from(status),
        Err(failure) => match failure.usage() {
            Some(error) => usage(&error),
            None => {
                let _ = writeln!(std::io::stderr(), "{}", failure.message());
                ExitCode::FAILURE
            }
        },
    }
}

/// Past a file size limit (`ulimit -f`) a write then fails with an error instead of the
/// signal ending otss, so that what it added is cut off again, as after a full disk.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" runs no code in the handler's place,
    // and nothing else in otss handles this signal.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Help and the version as clap prints them; a usage error in plain text made harmless, for
/// it quotes the arguments given.
fn usage(error: &clap::Error) -> ExitCode {
    let _ = if error.use_stderr() {
        let said = error.render().to_string();
        write!(std::io::stderr(), "{}", otss::text::paragraph(&said))
    } else {
        error.print()
    };
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}
