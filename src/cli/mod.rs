//! The command line: argument definitions and thin handlers, one file per command group.

/// A help section of example command lines, one argument each: `Examples:` then each line
/// indented by two spaces.
macro_rules! examples {
    ($($line:literal),+ $(,)?) => {
        concat!("Examples:", $("\n  ", $line),+)
    };
}

mod alert;
mod backup;
mod calendar;
mod check;
mod complete;
mod completions;
mod context;
mod contract;
mod correction;
mod duplicate;
mod duty;
mod export;
mod help;
mod incident;
mod init;
mod inspect;
mod man;
mod note;
mod overtime;
mod paths;
mod portfolio;
mod prompt;
mod report;
mod request;
mod risk;
mod search;
mod show;
mod sla;
mod status;
mod support;
mod sync;
mod verify;

use std::io;
use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::app::{Error, ErrorKind, Result, Usage};
use crate::contract::Level;
use crate::i18n::{Lang, Messages};
pub use complete::answer_if_asked as complete_if_asked;
pub use context::Context;

const EXAMPLES: &str = examples!(
    "otss init                                a new contract: asks, and writes ./otss.toml",
    "otss contract check                      check ./otss.toml",
    "otss sla --level 1                       SLA deadlines for a level-1 incident reported now",
    "otss sla --level 2 --at \"2025-10-01 20:00\"",
    "otss calendar 2025-10                    the national working calendar of a month",
    "otss incident open --level 1 --title \"CLB returns 502\"",
    "otss status                              open incidents, inspections due, backups, duty",
    "otss inspect today                       tick off today's inspection checklist",
    "otss report 2025-03                      the month's service report",
    "otss --contract site/otss.toml calendar 2025-05-01 --json",
);

/// `otss --help`: what otss is, and the forms every time, day and duration argument takes
/// (docs/rules.md §9.6).
const LONG_ABOUT: &str = "The on-site support engineer's tool: contract rules, SLA deadlines on \
China's national working calendar, and the service record.

Times (--at, --onsite-at, --agreed), on the contract's wall clock:
  now · 14:58 (today) · today 10:30 · yesterday 14:00 · 今天 10:30 · 昨天 14:00
  3/2 10:30 · 3-2 (this year; refused if still to come) · monday 09:00
  -30m · 2h ago · 1.5h ago · 30分钟前 · 2025-03-02 10:30[:00] · RFC 3339
  A day without a time of day is at the time of day it is now.
  --agreed and `otss sla` look ahead: tomorrow 10:00 · 明天 10:00 · 3/6 10:00 (this year)
Days (DAY, and PERIOD when it is a day): 2025-03-02 · today · yesterday · tomorrow · 今天 · 昨天
  · 3/2 · 3-2 · a weekday (monday, mon, 周一, 星期一: the latest one, today included; the next
  one for `duty set` and `overtime take`)
Durations (--minutes, --hours): a number in the option's unit (90, 1.5), or 1h30m, 1.5h, 45m";

/// Options every command takes, shown apart from the command's own.
const GLOBAL: &str = "Global options";

/// The on-site support engineer's tool: contract rules, SLA deadlines on China's national
/// working calendar, and the service record.
#[derive(Debug, Parser)]
#[command(name = "otss", version = version(), after_help = EXAMPLES, max_term_width = 100)]
#[command(long_about = LONG_ABOUT)]
pub struct Cli {
    /// The contract file [default: otss.toml here or above, then the user config directory]
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub contract: Option<PathBuf>,

    /// The ledger directory [default: the contract's `ledger`, beside the contract]
    #[arg(long, global = true, env = "OTSS_LEDGER", value_name = "PATH", help_heading = GLOBAL)]
    pub ledger: Option<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorChoice,

    /// Language of human output [default: OTSS_LANG, else the contract's `language`]
    #[arg(long, global = true, ignore_case = true, value_parser = one_of(&Lang::ALL, Lang::key), value_name = "LANG", help_heading = GLOBAL)]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Command,
}

/// `otss --version`: the version, and the newest year of published holiday schedules built in.
fn version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        let newest = crate::calendar::builtin::built_in().published_years.end();
        format!(
            "{} (national calendar published to {newest})",
            env!("CARGO_PKG_VERSION")
        )
    });
    &VERSION
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new contract: asks at a terminal, or takes flags
    Init(init::InitArgs),
    /// SLA deadlines for an incident level at an instant
    Sla(sla::SlaArgs),
    /// The national working calendar: a date, a month, or import an official schedule
    Calendar(calendar::CalendarArgs),
    /// Check or show the contract
    #[command(subcommand)]
    Contract(contract::ContractCommand),
    /// Report incidents and track them against the SLA
    #[command(subcommand)]
    Incident(incident::IncidentCommand),
    /// Inspection rounds: what is due today, record them, coverage
    Inspect(inspect::InspectArgs),
    /// Risks found by inspections
    #[command(subcommand)]
    Risk(risk::RiskCommand),
    /// Backup checks and the month's requirement
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// Technical-support consultations
    #[command(subcommand)]
    Support(support::SupportCommand),
    /// Customer requests, in or out of the scope of service
    #[command(subcommand)]
    Request(request::RequestCommand),
    /// Alerts analysed one by one, and the changes of alert policies
    #[command(subcommand)]
    Alert(alert::AlertCommand),
    /// Platform risks and optimisation suggestions for the month's report
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// The knowledge base: search every incident, consultation, request, risk and finding
    Search(search::SearchArgs),
    /// Overtime and comp leave
    #[command(subcommand)]
    Overtime(overtime::OvertimeCommand),
    /// The holiday on-call roster
    #[command(subcommand)]
    Duty(duty::DutyCommand),
    /// Withdraw a record, any engineer's, with a reason: it counts nowhere and stays in the
    /// ledger
    Void(correction::VoidArgs),
    /// Withdraw the last record you wrote (again to go further back)
    Undo(correction::UndoArgs),
    /// Service reports (服务报告): a month or the annual summary, what is due, delivered
    Report(report::ReportArgs),
    /// The facts the service reports count, one file per table, for analytics engines
    Export(export::ExportArgs),
    /// Many sites' reports of one period side by side, troubled sites first, with totals
    Portfolio(portfolio::PortfolioArgs),
    /// Check that every ledger file is intact: exit 0, or 1 and each problem with its fix
    Check(check::CheckArgs),
    /// Whether the ledger still holds exactly the history of an issued report's fingerprint
    Verify(verify::VerifyArgs),
    /// Share the ledger with the team: commit my records, take the team's, push (git)
    Sync(sync::SyncArgs),
    /// The start-of-shift view: open incidents, inspections due, backups, who is on duty
    Status(status::StatusArgs),
    /// Where otss looks for the contract and keeps its files
    Paths(paths::PathsArgs),
    /// Shell completions for bash, zsh, fish or PowerShell, on standard output
    Completions(completions::CompletionsArgs),
    /// Manual pages, as roff: otss(1) on standard output, or every page into a directory
    Man(man::ManArgs),
}

/// `--ids`, for the lists of records.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct IdsArg {
    /// Show each record's short id, to name it in `otss void`
    #[arg(long)]
    pub ids: bool,
}

/// What a list of a period's records takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// YYYY-MM, YYYY or YYYY-MM-DD [default: this month]
    period: Option<String>,
    #[command(flatten)]
    ids: IdsArg,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// A command that failed, with the language to say why in.
pub struct Failure {
    error: Error,
    lang: Lang,
}

impl Failure {
    /// Whether it is only a closed standard output (`otss … | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        self.error
            .io_error()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// The exit status of a command ended at a prompt with Ctrl-C, which says nothing more.
    pub fn interrupted(&self) -> Option<u8> {
        matches!(self.error, Error::Interrupted).then_some(INTERRUPTED)
    }

    /// A usage error found after parsing, to be reported as clap reports its own.
    pub fn usage(&self) -> Option<clap::Error> {
        let Error::Usage(usage) = &self.error else {
            return None;
        };
        let (subcommand, kind) = match usage {
            Usage::InitNeeds(_) => ("init", clap::error::ErrorKind::MissingRequiredArgument),
            Usage::NoCommandsUnder(_) | Usage::NoSuchCommand { .. } => {
                ("man", clap::error::ErrorKind::InvalidSubcommand)
            }
            Usage::ReasonNeeded => (
                "request add",
                clap::error::ErrorKind::MissingRequiredArgument,
            ),
            Usage::UndoNeedsYes => ("undo", clap::error::ErrorKind::MissingRequiredArgument),
            Usage::AlertNeedsIncident => {
                ("alert log", clap::error::ErrorKind::MissingRequiredArgument)
            }
        };
        let mut otss = Cli::command();
        otss.build();
        let found = subcommand
            .split(' ')
            .try_fold(&otss, |command, name| command.find_subcommand(name))
            .cloned();
        let mut command = found.unwrap_or(otss);
        Some(command.error(kind, as_clap_speaks().usage(usage)))
    }

    /// What sort of failure it is.
    pub fn kind(&self) -> ErrorKind {
        self.error.kind()
    }

    /// `error: …` in the person's language, made harmless: it quotes paths, ids and lines.
    pub fn message(&self) -> String {
        let m = self.lang.messages();
        let message = m.labelled(m.error_label(), &m.error(&self.error));
        crate::text::paragraph(&message).into_owned()
    }
}

/// The command line of this process. At a terminal `otss incident open` may leave out
/// `--level` and `--title`, which it then asks for; elsewhere they are required, as the
/// argument definitions say.
///
/// Most command lines parse at once. Only help, the version and a mistake need words, so only
/// they pay for finding the language the command line asks for (`--lang`, `OTSS_LANG`, the
/// contract's); help and a mistake also for the command tree said in it, levels explained
/// (docs/rules.md §2.1).
pub fn parse() -> std::result::Result<Cli, clap::Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut matches = match command_line(LevelParser::default()).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(error) => {
            let lang = command_line_lang();
            let command = command_line(LevelParser(lang));
            let command = match error.kind() {
                clap::error::ErrorKind::DisplayVersion => help::versioned(command, lang),
                _ => help::spoken(command, lang),
            };
            command.try_get_matches_from(&args)?
        }
    };
    Cli::from_arg_matches_mut(&mut matches).map_err(|error| error.format(&mut Cli::command()))
}

/// The argument definitions as this process reads them: levels read by `levels`, and
/// `--level` and `--title` of `incident open` required only without a terminal.
fn command_line(levels: LevelParser) -> clap::Command {
    let level_required = !context::interactive();
    Cli::command()
        .mut_subcommand("sla", |sla| {
            sla.mut_arg("level", |a| a.value_parser(levels))
        })
        .mut_subcommand("incident", |incident| {
            incident
                .mut_subcommand("open", |open| {
                    open.mut_arg("level", |a| a.value_parser(levels).required(level_required))
                        .mut_arg("title", |a| match level_required {
                            true => a,
                            false => a.required_unless_present(clap::builder::Resettable::Reset),
                        })
                })
                .mut_subcommand("level", |level| {
                    level.mut_arg("level", |a| a.value_parser(levels))
                })
        })
        .mut_subcommand("search", |search| {
            search.mut_arg("level", |a| a.value_parser(levels))
        })
}

/// A command line clap refused, said in the language the command line asks for.
pub fn refused(error: &clap::Error) -> String {
    help::refused(error, command_line_lang())
}

/// Runs a parsed command line. The environment and the clock are read here, once.
pub fn run(cli: Cli) -> std::result::Result<(), Failure> {
    let context = Context::from_env(&cli).map_err(|error| Failure {
        error,
        lang: cli.lang.unwrap_or(crate::contract::DEFAULT_LANGUAGE),
    })?;
    dispatch(&context, cli.command).map_err(|error| Failure {
        error,
        lang: context.lang_spoken(),
    })
}

fn dispatch(context: &Context, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => init::run(context, args),
        Command::Sla(args) => sla::run(context, args),
        Command::Calendar(args) => calendar::run(context, args),
        Command::Contract(command) => contract::run(context, command),
        Command::Incident(command) => incident::run(context, command),
        Command::Inspect(args) => inspect::run(context, args),
        Command::Risk(command) => risk::run(context, command),
        Command::Backup(command) => backup::run(context, command),
        Command::Support(command) => support::run(context, command),
        Command::Request(command) => request::run(context, command),
        Command::Alert(command) => alert::run(context, command),
        Command::Note(command) => note::run(context, command),
        Command::Search(args) => search::run(context, args),
        Command::Overtime(command) => overtime::run(context, command),
        Command::Duty(command) => duty::run(context, command),
        Command::Void(args) => correction::void(context, args),
        Command::Undo(args) => correction::undo(context, args),
        Command::Report(args) => report::run(context, args),
        Command::Export(args) => export::run(context, args),
        Command::Portfolio(args) => portfolio::run(context, args),
        Command::Check(args) => check::run(context, args),
        Command::Verify(args) => verify::run(context, args),
        Command::Sync(args) => sync::run(context, args),
        Command::Status(args) => status::run(context, args),
        Command::Paths(args) => paths::run(context, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args, context.lang_spoken()),
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Colour even when writing to a file or a pipe
    Always,
    /// No colour
    Never,
}

impl ColorChoice {
    /// Whether to colour: an explicit choice wins; otherwise only on a terminal, and never
    /// when `NO_COLOR` is set to anything non-empty.
    pub fn enabled(self, no_color: bool, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && !no_color,
        }
    }
}

/// The language this process's command line asks for (`context::lang_asked`), found once.
fn command_line_lang() -> Lang {
    static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
    *LANG.get_or_init(|| context::lang_asked(&std::env::args_os().collect::<Vec<_>>()))
}

/// The catalogue in the language of the command line: for what otss adds to clap's reports.
fn as_clap_speaks() -> &'static Messages {
    command_line_lang().messages()
}

/// An incident level typed: 1, 2 or 3. Help lists each with when to choose it, in its
/// language (docs/rules.md §2.1); errors are in the language clap speaks.
#[derive(Debug, Clone, Copy)]
struct LevelParser(Lang);

impl Default for LevelParser {
    fn default() -> LevelParser {
        LevelParser(Lang::En)
    }
}

impl clap::builder::TypedValueParser for LevelParser {
    type Value = Level;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<Level, clap::Error> {
        let lang = self.0;
        let level = move |text: &str| {
            text.parse::<Level>()
                .map_err(|error| lang.messages().level_error(&error))
        };
        level.parse_ref(command, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let m = self.0.messages();
        let names = ["1", "2", "3"];
        let values = names.into_iter().zip(Level::ALL).map(|(name, level)| {
            clap::builder::PossibleValue::new(name).help(m.level_definition(level))
        });
        Some(Box::new(values))
    }
}

/// A value typed as the key of one of `all` (`zh`, `5x8`, `monitoring`), listed in help and
/// completed by the shells.
fn one_of<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    key: fn(T) -> &'static str,
) -> impl clap::builder::TypedValueParser<Value = T> {
    let keys: Vec<&str> = all.iter().map(|value| key(*value)).collect();
    let parser = clap::builder::PossibleValuesParser::new(keys);
    clap::builder::TypedValueParser::map(parser, move |typed: String| {
        let found = all
            .iter()
            .find(|value| key(**value).eq_ignore_ascii_case(&typed));
        *found.expect("clap accepts only the keys listed")
    })
}

/// The exit status of a command interrupted with Ctrl-C, as a shell expects.
const INTERRUPTED: u8 = 130;

/// Before the first prompt: Ctrl-C ends otss with the cursor shown again (the prompts hide it).
/// This covers the signal; `answered` covers Ctrl-C read as a key.
fn restore_terminal_on_interrupt() {
    // A second call keeps the first handler, which is the same.
    let _ = ctrlc::set_handler(|| {
        let _ = dialoguer::console::Term::stderr().show_cursor();
        std::process::exit(i32::from(INTERRUPTED));
    });
}

/// A prompt's answer; Ctrl-C typed at it gives the cursor back and ends the command.
fn answered<T>(answer: dialoguer::Result<T>) -> Result<T> {
    answer.map_err(|dialoguer::Error::IO(error)| {
        if error.kind() == io::ErrorKind::Interrupted {
            let _ = dialoguer::console::Term::stderr().show_cursor();
            Error::Interrupted
        } else {
            Error::Prompt(error)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_where_it_belongs() {
        assert!(ColorChoice::Auto.enabled(false, true));
        assert!(!ColorChoice::Auto.enabled(true, true));
        assert!(!ColorChoice::Auto.enabled(false, false));
        assert!(ColorChoice::Always.enabled(true, false));
        assert!(!ColorChoice::Never.enabled(false, true));
    }
}
