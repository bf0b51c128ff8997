//! Completion from live data, by clap_complete's dynamic completion: the shell runs otss with
//! `COMPLETE=bash` (zsh, fish) set and the words typed, and otss answers with candidates —
//! incident ids (open ones first, each with its title), record ids for `otss void`, the
//! roster's engineers, recent periods. The site is found as every command finds it (the
//! contract in the current directory, `OTSS_CONTRACT`, the config directory); without one
//! there are no such candidates, and never an error.

use chrono::{Datelike, Months};
use clap::{Arg, Command, CommandFactory, Parser};
use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use super::{Cli, Context};
use crate::app::{self, Site};
use crate::ids::short_id;
use crate::incident::Status;
use crate::time::local_date;

/// When the shell asks for completions (`COMPLETE` is set), answers and ends the process.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(with_live_candidates).complete();
}

/// Which incidents are offered first: those whose state it takes.
type OfferedFirst = fn(Status) -> bool;

/// The commands whose only positional argument names an incident, each with the state of the
/// incidents it acts on, offered first.
const ON_AN_INCIDENT: [(&str, OfferedFirst); 11] = [
    ("ack", is_open),
    ("onsite", is_open),
    ("arrive", is_open),
    ("level", is_open),
    ("note", is_open),
    ("resolve", is_open),
    ("close", |status| status == Status::Resolved),
    ("reopen", |status| status != Status::Open),
    ("show", is_open),
    ("amend", is_open),
    ("report", is_open),
];

fn is_open(status: Status) -> bool {
    status == Status::Open
}

/// Candidates whose value starts with what was typed, in any case: ids are read so.
fn starting_as_typed(
    candidates: impl Fn() -> Vec<CompletionCandidate> + Send + Sync + 'static,
) -> ArgValueCompleter {
    ArgValueCompleter::new(move |typed: &std::ffi::OsStr| {
        let typed = typed.to_string_lossy().to_lowercase();
        let mut found = candidates();
        found.retain(|c| {
            c.get_value()
                .to_string_lossy()
                .to_lowercase()
                .starts_with(&typed)
        });
        found
    })
}

/// The command line, each argument that names something in the ledger or the contract with
/// its candidates, its help (the candidates' descriptions) in the language asked for.
fn with_live_candidates() -> Command {
    let incidents = |first: OfferedFirst| {
        move |arg: Arg| arg.add(starting_as_typed(move || incident_ids(first)))
    };
    let engineers = |arg: Arg| arg.add(starting_as_typed(engineer_names));
    let periods = |arg: Arg| arg.add(starting_as_typed(recent_periods));
    let on_engineer = |c: Command| c.mut_arg("engineer", engineers);
    let listing = |c: Command| c.mut_arg("period", periods);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = super::context::lang_asked(&args);
    let levels = |arg: Arg| arg.value_parser(super::LevelParser(lang));
    let command = Cli::command()
        .mut_subcommand("sla", |sla| sla.mut_arg("level", levels))
        .mut_subcommand("incident", |incident| {
            ON_AN_INCIDENT
                .iter()
                .fold(incident, |c, (name, first)| {
                    c.mut_subcommand(name, |s| s.mut_arg("id", incidents(*first)))
                })
                .mut_subcommand("open", |open| open.mut_arg("level", levels))
                .mut_subcommand("level", |level| level.mut_arg("level", levels))
                .mut_subcommand("merge", |merge| {
                    merge
                        .mut_arg("duplicate", incidents(is_open))
                        .mut_arg("kept", incidents(is_open))
                })
        })
        .mut_subcommand("void", |void| {
            void.mut_arg("id", |a| a.add(starting_as_typed(record_ids)))
        })
        .mut_subcommand("overtime", |overtime| {
            ["log", "take", "balance"]
                .iter()
                .fold(overtime, |c, name| c.mut_subcommand(name, on_engineer))
                .mut_subcommand("list", listing)
        })
        .mut_subcommand("duty", |duty| {
            duty.mut_subcommand("set", on_engineer)
                .mut_subcommand("list", |c| c.mut_arg("month", periods))
        })
        .mut_subcommand("report", |report| report.mut_arg("period", periods))
        .mut_subcommand("support", |c| c.mut_subcommand("list", listing))
        .mut_subcommand("request", |c| c.mut_subcommand("list", listing))
        .mut_subcommand("note", |c| c.mut_subcommand("list", listing))
        .mut_subcommand("backup", |c| {
            c.mut_subcommand("status", |s| s.mut_arg("month", periods))
        });
    super::help::spoken(command, lang)
}

/// The site and what reads it, as the command line being completed finds them: by its
/// `--contract` and `--ledger`, else as a command without them.
fn site() -> Option<(Context, Site)> {
    let typed: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut args = vec!["otss".to_string()];
    for flag in ["--contract", "--ledger"] {
        if let Some(value) = super::context::flag_value(&typed, flag) {
            args.extend([flag.to_string(), value]);
        }
    }
    args.push("paths".to_string());
    let cli = Cli::try_parse_from(args).ok()?;
    let context = Context::from_env(&cli).ok()?;
    let site = context.site().ok()?;
    Some((context, site))
}

/// Every incident's short id, those in a state `first` takes first, each with its title.
fn incident_ids(first: OfferedFirst) -> Vec<CompletionCandidate> {
    let Some((context, site)) = site() else {
        return Vec::new();
    };
    let mut offered: (Vec<CompletionCandidate>, Vec<CompletionCandidate>) = Default::default();
    let _ = context.read_quietly(&site, |ledger| {
        app::incident::each_listed(ledger, false, |incident| {
            let candidate = CompletionCandidate::new(short_id(&incident.id)).help(Some(
                crate::text::one_line(&incident.title).into_owned().into(),
            ));
            match first(incident.status) {
                true => offered.0.push(candidate),
                false => offered.1.push(candidate),
            }
            Ok(())
        })
    });
    let (first, rest) = offered;
    first
        .into_iter()
        .chain(rest)
        .enumerate()
        .map(|(n, candidate)| candidate.display_order(Some(n)))
        .collect()
}

/// Every record's short id, newest first, with when it happened and who wrote it.
fn record_ids() -> Vec<CompletionCandidate> {
    let Some((context, site)) = site() else {
        return Vec::new();
    };
    let records = context.read_quietly(&site, |ledger| ledger.records(None));
    let mut records = records.unwrap_or_default();
    records.sort_by(|a, b| b.id.cmp(&a.id));
    records
        .iter()
        .enumerate()
        .map(|(n, record)| {
            let said = format!("{} {}", record.at.format("%Y-%m-%d %H:%M"), record.by);
            CompletionCandidate::new(short_id(&record.id))
                .help(Some(crate::text::one_line(&said).into_owned().into()))
                .display_order(Some(n))
        })
        .collect()
}

/// The engineers the contract names.
fn engineer_names() -> Vec<CompletionCandidate> {
    let Some((_, site)) = site() else {
        return Vec::new();
    };
    let engineers = site.contract.engineers.iter();
    engineers.map(CompletionCandidate::new).collect()
}

/// This month and the eleven before it, and this year and the last.
fn recent_periods() -> Vec<CompletionCandidate> {
    let Some((context, site)) = site() else {
        return Vec::new();
    };
    let today = local_date(context.env.now, site.contract.timezone);
    let first = today.with_day(1).unwrap_or(today);
    let months = (0..12)
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .map(|month| month.format("%Y-%m").to_string());
    let years = [today.year(), today.year() - 1].map(|year| year.to_string());
    months.chain(years).map(CompletionCandidate::new).collect()
}
