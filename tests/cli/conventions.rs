//! What every command does alike: exit codes, help, closed pipes, colour.

use super::{SHENZHEN_5X8, Sandbox};

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let site = Sandbox::default();
    site.fails(&["no-such-command"], 2);
    site.fails(&["calendar", "--no-such-flag"], 2);
    for args in [
        &["--help"][..],
        &["sla", "--help"],
        &["calendar", "--help"],
        &["contract", "show", "--help"],
    ] {
        let out = site.stdout(args);
        assert!(out.contains("Examples:"), "{args:?}: {out}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let site = Sandbox::with_contract(SHENZHEN_5X8);
    // The reading end is closed before otss starts, so its first write fails with EPIPE.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = site
        .process()
        .args(["contract", "show"])
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", super::stderr(&output));
    assert_eq!(super::stderr(&output), "");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let site = Sandbox::default();
    let plain = site.stdout(&["calendar", "2025-10"]);
    assert!(!plain.contains('\u{1b}'));
    let coloured = site.stdout(&["--color", "always", "calendar", "2025-10"]);
    assert!(coloured.contains("\u{1b}["));
    let output = site
        .otss()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "calendar", "2025-10"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{1b}'));
}
