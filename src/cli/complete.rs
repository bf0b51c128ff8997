//! Completion from live data, by clap_complete's dynamic completion: the shell runs otss with
//! `COMPLETE=bash` (zsh, fish) set and the words typed, and otss answers with candidates —
//! incident ids (open ones first, each with its title), record ids for `otss void`, the
//! roster's engineers, recent periods. The site is found as every command finds it (the
//! contract in the current directory, `OTSS_CONTRACT`, the config directory); without one
//! there are no such candidates, and never an error.

use chrono::{Datelike, Months};
use clap::{Arg, Command, CommandFactory, Parser};
use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use super::{Cli, Context};
use crate::app::{self, Site};
use crate::ids::short_id;
use crate::incident::Status;
use crate::time::local_date;

/// When the shell asks for completions (`COMPLETE` is set), answers and ends the process.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(with_live_candidates).complete();
}

/// The commands whose only positional argument names an incident.
const ON_AN_INCIDENT: [&str; 11] = [
    "ack", "onsite", "arrive", "level", "note", "resolve", "close", "reopen", "show", "amend",
    "report",
];

/// The command line, each argument that names something in the ledger or the contract with
/// its candidates, its help (the candidates' descriptions) in the language asked for.
fn with_live_candidates() -> Command {
    let incidents = |arg: Arg| arg.add(ArgValueCandidates::new(incident_ids));
    let engineers = |arg: Arg| arg.add(ArgValueCandidates::new(engineer_names));
    let periods = |arg: Arg| arg.add(ArgValueCandidates::new(recent_periods));
    let on_engineer = |c: Command| c.mut_arg("engineer", engineers);
    let listing = |c: Command| c.mut_arg("period", periods);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = super::help_lang(&args);
    let levels = |arg: Arg| arg.value_parser(super::LevelParser(lang));
    let command = Cli::command()
        .mut_subcommand("sla", |sla| sla.mut_arg("level", levels))
        .mut_subcommand("incident", |incident| {
            ON_AN_INCIDENT
                .iter()
                .fold(incident, |c, name| {
                    c.mut_subcommand(name, |s| s.mut_arg("id", incidents))
                })
                .mut_subcommand("open", |open| open.mut_arg("level", levels))
                .mut_subcommand("level", |level| level.mut_arg("level", levels))
                .mut_subcommand("merge", |merge| {
                    merge
                        .mut_arg("duplicate", incidents)
                        .mut_arg("kept", incidents)
                })
        })
        .mut_subcommand("void", |void| {
            void.mut_arg("id", |a| a.add(ArgValueCandidates::new(record_ids)))
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

/// The site and what reads it, as a command without flags finds them.
fn site() -> Option<(Context, Site)> {
    let cli = Cli::try_parse_from(["otss", "paths"]).ok()?;
    let context = Context::from_env(&cli).ok()?;
    let site = context.site().ok()?;
    Some((context, site))
}

/// Every incident's short id, the open ones first, each with its title.
fn incident_ids() -> Vec<CompletionCandidate> {
    let Some((context, site)) = site() else {
        return Vec::new();
    };
    let listed = context.read_quietly(&site, |ledger| app::incident::list(ledger, false));
    let (open, rest): (Vec<_>, Vec<_>) = listed
        .unwrap_or_default()
        .into_iter()
        .partition(|incident| incident.status == Status::Open);
    open.iter()
        .chain(&rest)
        .enumerate()
        .map(|(n, incident)| {
            CompletionCandidate::new(short_id(&incident.id))
                .help(Some(
                    crate::text::one_line(&incident.title).into_owned().into(),
                ))
                .display_order(Some(n))
        })
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
