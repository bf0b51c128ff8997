use std::io::Write;
use std::process::ExitCode;

use otss::app::ErrorKind;

fn main() -> ExitCode {
    ignore_file_size_signal();
    exit_as_a_bug_on_panic();
    otss::cli::complete_if_asked();
    let cli = match otss::cli::parse() {
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
                ExitCode::from(status(failure.kind()))
            }
        },
    }
}

/// The exit status of a failure of each kind (README, "Exit status"): 1 for a mistake in what
/// was asked, a bad file or what is around otss (the interface has always said 1 for bad input
/// and bad data, and `otss sync` 1 when the remote cannot be reached), 2 for a usage error as
/// clap gives it, 70 (`EX_SOFTWARE`) for a bug.
fn status(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Usage => 2,
        ErrorKind::Input | ErrorKind::Data | ErrorKind::Environment => 1,
        ErrorKind::Internal => 70,
    }
}

/// A panic is a bug in otss: after the usual report of it, the exit status is the one of an
/// internal failure, not Rust's 101.
fn exit_as_a_bug_on_panic() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(info);
        std::process::exit(i32::from(status(ErrorKind::Internal)));
    }));
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
        let said = otss::cli::refused(error);
        write!(std::io::stderr(), "{}", otss::text::paragraph(&said))
    } else {
        error.print()
    };
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_failure_exits_with_its_documented_status() {
        let statuses = [
            (ErrorKind::Usage, 2),
            (ErrorKind::Input, 1),
            (ErrorKind::Data, 1),
            (ErrorKind::Environment, 1),
            (ErrorKind::Internal, 70),
        ];
        for (kind, documented) in statuses {
            assert_eq!(status(kind), documented, "{kind:?}");
        }
    }
}
