//! Help and the manual pages in the person's language: the command definitions carry English,
//! and for Chinese every text is replaced by the catalogue's (`i18n::help`), with the headings
//! and the brackets clap adds.

use std::sync::LazyLock;

use clap::builder::StyledStr;
use clap::{Arg, Command};

use crate::i18n::{HelpHeading, Lang, Messages, Refused, RefusedKind};

/// The command line, its help said in `lang`. Built first, so that the help flags and the
/// global options every command inherits are there to be translated.
pub fn spoken(mut command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    command.build();
    versioned(in_language(command, lang.messages()), lang)
}

/// The command line whose `--version` is said in `lang`.
pub fn versioned(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Zh => command.version(chinese_version()),
    }
}

/// A command line clap refused, said in the language asked for; clap's own words in English.
pub fn refused(error: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // A command given without its subcommand shows its help, already in the language asked.
    if lang == Lang::En || error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return error.render().to_string();
    }
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => Some(text.clone()),
        Some(ContextValue::Strings(texts)) => Some(texts.join(", ")),
        Some(ContextValue::StyledStr(text)) => Some(text.to_string()),
        _ => None,
    };
    let texts = |kind| match error.get(kind) {
        Some(ContextValue::Strings(texts)) => texts.clone(),
        Some(ContextValue::String(text)) => vec![text.clone()],
        _ => Vec::new(),
    };
    let value = text(ContextKind::InvalidValue);
    let prior = text(ContextKind::PriorArg);
    let kind = match error.kind() {
        ErrorKind::InvalidValue if value.as_deref() == Some("") => RefusedKind::NoValue,
        ErrorKind::ArgumentConflict if prior == text(ContextKind::InvalidArg) => {
            RefusedKind::Repeated
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => RefusedKind::InvalidValue,
        ErrorKind::UnknownArgument => RefusedKind::UnknownArgument,
        ErrorKind::InvalidSubcommand => RefusedKind::UnknownCommand,
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => RefusedKind::Missing,
        ErrorKind::ArgumentConflict => RefusedKind::Conflict,
        _ => RefusedKind::Other,
    };
    if let Some(message) = said_alone(error) {
        let refused = Refused {
            why: Some(message),
            usage: text(ContextKind::Usage),
            ..Refused::default()
        };
        return lang.messages().command_line_refused(&refused);
    }
    let refused = Refused {
        kind,
        arg: text(ContextKind::InvalidArg),
        value: value.or_else(|| text(ContextKind::InvalidSubcommand)),
        valid: texts(ContextKind::ValidValue),
        suggested: [
            ContextKind::SuggestedArg,
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedValue,
        ]
        .into_iter()
        .flat_map(texts)
        .collect(),
        prior,
        why: std::error::Error::source(error).map(ToString::to_string),
        usage: text(ContextKind::Usage),
    };
    lang.messages().command_line_refused(&refused)
}

/// What an error otss made itself (`Command::error`) says: its message, without clap's frame.
fn said_alone(error: &clap::Error) -> Option<String> {
    if error.context().next().is_some() {
        return None;
    }
    let rendered = error.render().to_string();
    let first = rendered.lines().next()?;
    Some(first.strip_prefix("error: ").unwrap_or(first).to_string())
}

/// `otss --version` in Chinese.
fn chinese_version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        let newest = *crate::calendar::builtin::built_in().published_years.end();
        Lang::Zh
            .messages()
            .version(env!("CARGO_PKG_VERSION"), newest)
    });
    &VERSION
}

fn in_language(command: Command, m: &'static Messages) -> Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        m.help_heading(HelpHeading::Usage)
    );
    let about = command
        .get_about()
        .map(|t| StyledStr::from(said(m, &t.to_string())));
    let long_about = command
        .get_long_about()
        .map(|t| StyledStr::from(said(m, &t.to_string())));
    let examples = command
        .get_after_help()
        .map(|t| StyledStr::from(m.examples(&t.to_string())));
    let command = with(command, about, Command::about);
    let command = with(command, long_about, Command::long_about);
    let command = with(command, examples, Command::after_help);
    command
        .help_template(template)
        .subcommand_help_heading(m.help_heading(HelpHeading::Commands))
        .mut_args(|arg| arg_in_language(arg, m))
        .mut_subcommands(|sub| in_language(sub, m))
}

/// `set` with the text, if there is one.
fn with<T>(target: T, text: Option<StyledStr>, set: fn(T, StyledStr) -> T) -> T {
    match text {
        Some(text) => set(target, text),
        None => target,
    }
}

/// A text of the definitions in the catalogue's words; as it is when the catalogue lacks it
/// (a test makes sure none is lacking).
fn said(m: &Messages, english: &str) -> String {
    m.help_text(english).unwrap_or(english).to_string()
}

fn arg_in_language(arg: Arg, m: &'static Messages) -> Arg {
    let heading = match arg.get_help_heading() {
        Some(_) => HelpHeading::Global,
        None if arg.is_positional() => HelpHeading::Arguments,
        None => HelpHeading::Options,
    };
    let brackets = brackets(&arg, m);
    let help = arg
        .get_help()
        .map(|t| StyledStr::from(said(m, &t.to_string()) + &brackets));
    let long_help = arg
        .get_long_help()
        .map(|t| StyledStr::from(said(m, &t.to_string()) + &brackets));
    let arg = with(arg, help, Arg::help);
    let arg = with(arg, long_help, Arg::long_help);
    arg.help_heading(m.help_heading(heading))
        .hide_default_value(true)
        .hide_env(true)
        .hide_possible_values(true)
}

/// What clap would add in brackets after an argument's help, in the catalogue's words.
fn brackets(arg: &Arg, m: &Messages) -> String {
    let takes_values = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_help() {
            Some(help) => format!("{} = {}", v.get_name(), said(m, &help.to_string())),
            None => v.get_name().to_string(),
        })
        .collect();
    let mut said = String::new();
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        said += &format!(" {}", m.help_env(&env.to_string_lossy()));
    }
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        said += &format!(" {}", m.help_default(&defaults.join(", ")));
    }
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        said += &format!(" {}", m.help_values(&values));
    }
    said
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// Every text of the definitions, of every command and argument, with where it is.
    fn texts(command: &Command, path: &str, found: &mut Vec<(String, String)>) {
        let mut add = |what: &str, text: Option<String>| {
            if let Some(text) = text.filter(|t| !t.is_empty()) {
                found.push((format!("{path} {what}"), text));
            }
        };
        add("about", command.get_about().map(|t| t.to_string()));
        add(
            "long about",
            command.get_long_about().map(|t| t.to_string()),
        );
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            add(id, arg.get_help().map(|t| t.to_string()));
            add(id, arg.get_long_help().map(|t| t.to_string()));
            for value in arg.get_possible_values() {
                add(id, value.get_help().map(|t| t.to_string()));
            }
        }
        for sub in command.get_subcommands() {
            texts(sub, &format!("{path} {}", sub.get_name()), found);
        }
    }

    /// The examples of every command, a line each.
    fn examples(command: &Command, found: &mut Vec<(String, String)>) {
        if let Some(examples) = command.get_after_help() {
            let lines = examples.to_string();
            found.extend(lines.lines().map(|l| (command.get_name().into(), l.into())));
        }
        for sub in command.get_subcommands() {
            examples(sub, found);
        }
    }

    #[test]
    fn every_help_text_has_its_chinese() {
        let mut command = Cli::command();
        command.build();
        let mut found = Vec::new();
        texts(&command, "otss", &mut found);
        let m = Lang::Zh.messages();
        let missing: Vec<_> = found
            .iter()
            .filter(|(_, text)| m.help_text(text).is_none())
            .collect();
        assert!(found.len() > 100, "{}", found.len());
        assert!(missing.is_empty(), "no Chinese for: {missing:#?}");
    }

    /// A text the definitions no longer hold would stay in the catalogue unseen: each is used
    /// whole, as a line of a text, or as the note that ends an example.
    #[test]
    fn every_help_text_of_the_catalogue_is_still_used() {
        let mut command = Cli::command();
        command.build();
        let mut found = Vec::new();
        texts(&command, "otss", &mut found);
        examples(&command, &mut found);
        let used = |english: &str| {
            found.iter().any(|(_, text)| {
                text == english || text.lines().any(|l| l == english || l.ends_with(english))
            })
        };
        let unused: Vec<_> = crate::i18n::english_help_texts()
            .filter(|english| !used(english))
            .collect();
        assert!(
            unused.is_empty(),
            "no longer in the definitions: {unused:#?}"
        );
    }

    #[test]
    fn the_brackets_clap_adds_are_said_in_chinese() {
        let command = spoken(Cli::command(), Lang::Zh);
        let ledger = command.get_arguments().find(|a| a.get_id() == "ledger");
        let help = ledger.and_then(Arg::get_help).map(|h| h.to_string());
        assert_eq!(
            help.as_deref(),
            Some("台账目录 ［默认：合同旁的 `ledger`］ ［环境变量：OTSS_LEDGER］")
        );
        let color = command.get_arguments().find(|a| a.get_id() == "color");
        let help = color.and_then(Arg::get_help).map(|h| h.to_string());
        assert!(help.unwrap().contains("［默认：auto］ ［可选值：auto = "));
    }

    #[test]
    fn english_is_left_as_the_definitions_say() {
        let command = spoken(Cli::command(), Lang::En);
        assert_eq!(
            command.get_about().map(|a| a.to_string()),
            Cli::command().get_about().map(|a| a.to_string())
        );
    }
}
