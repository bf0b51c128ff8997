//! `otss calendar`: a date or a month of the national working calendar, and importing an
//! official schedule.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::context::Context;
use super::show::warn_provisional;
use crate::app;
use crate::app::Result;
use crate::render::calendar::print_period;
use crate::render::json::calendar::{ImportJson, PeriodJson};

const EXAMPLES: &str = examples!(
    "otss calendar                     this month",
    "otss calendar 2025-10             a month: working days, holidays, make-up workdays",
    "otss calendar 2025-10-01 --json   one date",
    "otss calendar 2026                a whole year",
    "otss calendar import 2027.json    add the official 2027 schedule once it is published",
);

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct CalendarArgs {
    #[command(subcommand)]
    command: Option<CalendarCommand>,

    /// A day (YYYY-MM-DD, today, 3/2 …), a month (YYYY-MM) or a year (YYYY) [default: this month]
    #[arg(value_name = "PERIOD")]
    when: Option<String>,

    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Add an official holiday schedule: {"year":…,"days":[{"name","date","isOffDay"}]}
    #[command(after_help = examples!(
        "otss calendar import 2027.json",
        "otss calendar import 2027.json --json",
    ))]
    Import {
        /// The schedule file (JSON)
        file: PathBuf,

        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(context: &Context, args: CalendarArgs) -> Result<()> {
    if let Some(CalendarCommand::Import { file, json }) = args.command {
        return import(context, &file, json);
    }
    let site = context.optional_site()?;
    let mut out = context.output(site.as_ref().map(|s| s.contract.language));
    let shown = app::calendar::period(&context.env, site, args.when.as_deref())?;
    if args.json {
        out.json(&PeriodJson::new(&shown, out.messages()))?;
    } else {
        print_period(&mut out, &shown)?;
    }
    warn_provisional(&mut out, &shown.calendar, shown.dates())?;
    Ok(out.flush()?)
}

/// Imports a schedule, even when the stored schedules or the contract cannot be read.
fn import(context: &Context, file: &Path, json: bool) -> Result<()> {
    let lang = context
        .optional_site()
        .ok()
        .flatten()
        .map(|s| s.contract.language);
    let mut out = context.output(lang);
    let imported = app::calendar::import_schedule(&context.env, file)?;
    if json {
        out.json(&ImportJson::new(&imported))?;
    } else {
        let m = out.messages();
        let path = imported.path.display().to_string();
        let line = m.schedule_imported(imported.year, imported.days, imported.replaced, &path);
        out.line(line)?;
    }
    Ok(out.flush()?)
}
