//! README's command reference is generated from the argument definitions, so it cannot drift
//! from them: this test fails when it differs, and `UPDATE_README=1` rewrites it.

use std::fs;
use std::path::Path;

use clap::{ArgAction, CommandFactory};

const BEGIN: &str = "<!-- BEGIN command reference: generated from the argument definitions; \
                     `UPDATE_README=1 cargo test --test cli readme` rewrites it -->\n";
const END: &str = "<!-- END command reference -->";

fn escaped(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// How an argument is written: `<ID>`, `--json`, `--level <LEVEL>`.
fn written(arg: &clap::Arg) -> String {
    let values = arg
        .get_value_names()
        .map(|names| names.iter().map(|n| format!("<{n}>")).collect::<Vec<_>>())
        .unwrap_or_else(|| vec![format!("<{}>", arg.get_id().as_str().to_uppercase())]);
    let takes_value = !matches!(
        arg.get_action(),
        ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count | ArgAction::Help
    );
    match (arg.get_long(), takes_value) {
        (None, _) => values.join(" "),
        (Some(long), false) => format!("--{long}"),
        (Some(long), true) => format!("--{long} {}", values.join(" ")),
    }
}

/// What an argument means, with the values it takes and its default.
fn meaning(arg: &clap::Arg) -> String {
    let mut text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| format!("`{}`", v.get_name()))
        .collect();
    if !values.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue) {
        text += &format!(" (one of {})", values.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue) {
        text += &format!(" [default: {}]", defaults.join(", "));
    }
    escaped(&text)
}

fn arguments_table<'a>(args: impl Iterator<Item = &'a clap::Arg>) -> String {
    let rows: Vec<String> = args
        .filter(|a| !a.is_hide_set() && !matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| format!("| `{}` | {} |\n", escaped(&written(a)), meaning(a)))
        .collect();
    match rows.is_empty() {
        true => String::new(),
        false => format!("| argument | meaning |\n|---|---|\n{}\n", rows.concat()),
    }
}

fn about(command: &clap::Command) -> String {
    command
        .get_about()
        .map(|a| a.to_string())
        .unwrap_or_default()
}

/// A command's usage and arguments, then the sections of its subcommands with what they do.
fn section(command: &clap::Command, md: &mut String) {
    let name = command.get_bin_name().unwrap_or(command.get_name());
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    *md += &format!("```text\n{usage}\n```\n\n");
    *md += &arguments_table(command.get_arguments().filter(|a| !a.is_global_set()));
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        *md += &format!("#### `{name} {}`\n\n{}\n\n", sub.get_name(), about(sub));
        section(sub, md);
    }
}

fn reference() -> String {
    let mut otss = otss::cli::Cli::command();
    otss.build();
    let mut md = String::from("Options every command takes:\n\n");
    md += &arguments_table(otss.get_arguments());
    for group in otss.get_subcommands().filter(|s| s.get_name() != "help") {
        md += &format!(
            "<details><summary><code>otss {}</code> — {}</summary>\n\n",
            group.get_name(),
            escaped(&about(group))
        );
        section(group, &mut md);
        md += "</details>\n\n";
    }
    md
}

#[test]
fn the_command_reference_in_readme_is_generated_from_the_argument_definitions() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let (before, rest) = readme
        .split_once(BEGIN)
        .expect("README has no BEGIN marker");
    let (current, after) = rest.split_once(END).expect("README has no END marker");
    let generated = reference();
    if std::env::var_os("UPDATE_README").is_some() {
        fs::write(&path, format!("{before}{BEGIN}{generated}{END}{after}")).unwrap();
        return;
    }
    assert!(
        current == generated,
        "README's command reference differs from the argument definitions; run \
         `UPDATE_README=1 cargo test --test cli readme` and review the diff"
    );
}
