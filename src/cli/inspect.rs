//! `otss inspect`: what inspection rounds are due, recording them (walked through on a
//! terminal, or with flags), and coverage over a period.

use anyhow::bail;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::context::Context;
use super::show::warn_provisional;
use super::{answered, restore_terminal_on_interrupt};
use crate::app::{Site, new_record_id};
use crate::i18n::Messages;
use crate::inspect::{self, Due};
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::record::inspect::{ItemResult, Outcome, Round};
use crate::record::{Event, types};
use crate::render::human::{date_with_weekday, progress_line};
use crate::service::InspectionKind;
use crate::text;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss inspect today                              walk through what is due (on a terminal)",
    "otss inspect today --kind monitoring --all-ok",
    "otss inspect today --kind resource --all-ok --item \"CBS disk usage and growth=abnormal:91 %\"",
    "otss inspect 2025-03-03 --kind alert --all-ok --at \"2025-03-03 17:30\"",
    "otss inspect status 2025-03",
);

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct InspectArgs {
    #[command(subcommand)]
    command: Option<InspectCommand>,

    /// The day: `today` or YYYY-MM-DD
    #[arg(default_value = "today", value_name = "DAY")]
    day: String,

    /// Only this kind of round
    #[arg(long, value_parser = super::one_of(&InspectionKind::ALL, InspectionKind::key))]
    kind: Option<InspectionKind>,

    /// Every item is ok (or every item not given with --item)
    #[arg(long)]
    all_ok: bool,

    /// A result: "NAME=ok" or "NAME=abnormal:NOTE"; repeat for each item
    #[arg(long = "item", value_name = "RESULT", requires = "kind")]
    items: Vec<String>,

    /// When the round was done [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,

    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum InspectCommand {
    /// Coverage per kind per day: done, missed, not required
    #[command(after_help = examples!(
        "otss inspect status                        this month",
        "otss inspect status 2025-03 --json",
    ))]
    Status {
        /// YYYY-MM, YYYY or YYYY-MM-DD [default: this month]
        period: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct DayJson {
    date: NaiveDate,
    working: bool,
    due: Vec<Due>,
}

pub fn run(context: &Context, args: InspectArgs) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match &args.command {
        Some(InspectCommand::Status { period, json }) => {
            status(context, &site, &mut out, period.as_deref(), *json)?
        }
        None => day(context, &site, &mut out, &args)?,
    }
    Ok(out.flush()?)
}

fn day(context: &Context, site: &Site, out: &mut Output, args: &InspectArgs) -> anyhow::Result<()> {
    let zone = site.contract.timezone;
    let today = local_date(context.env.now, zone);
    let date = match Period::parse(&args.day, today)? {
        Period::Day(date) => date,
        _ => bail!("`{}` is not a day: use today or YYYY-MM-DD", args.day),
    };
    let rounds_only = [types::INSPECTION_ROUND];
    let records = context.read(site, out, |ledger| {
        ledger.records_of_types(&Period::Day(date), &rounds_only)
    })?;
    let mut rounds = inspect::rounds_by_day(&records, zone);
    let due = |rounds: &_| inspect::due_on(&site.contract, &site.calendar, date, rounds);
    let flagged = args.all_ok || !args.items.is_empty();
    // On a terminal, today (or a day with --at) is walked through; other days are only shown.
    let recording = flagged || (context.interactive() && (date == today || args.at.is_some()));
    if recording {
        let at = round_time(context, site, date, args.at.as_deref())?;
        // `--kind`, else every kind still due that day.
        let kinds: Vec<InspectionKind> = match args.kind {
            Some(kind) => vec![kind],
            None => due(&rounds)
                .iter()
                .filter(|d| d.done < d.required)
                .map(|d| d.kind)
                .collect(),
        };
        for kind in kinds {
            let Some(round) = take_round(out.messages(), site, kind, flagged, args)? else {
                continue;
            };
            let abnormal = round
                .items
                .iter()
                .filter(|i| i.result == Outcome::Abnormal)
                .count();
            let items = round.items.len();
            context.append(site, new_record_id(), at, Event::InspectionRound(round))?;
            *rounds.entry((date, kind)).or_default() += 1;
            if !args.json {
                let m = out.messages();
                out.line(m.round_recorded(m.inspection_kind(kind), items, abnormal))?;
            }
        }
    }
    let shown: Vec<Due> = due(&rounds)
        .into_iter()
        .filter(|d| args.kind.is_none_or(|k| k == d.kind))
        .collect();
    if args.json {
        let working = site.calendar.is_working(date);
        return Ok(out.json(&DayJson {
            date,
            working,
            due: shown,
        })?);
    }
    print_due(out, site, date, &shown)?;
    if !recording && shown.iter().any(|d| d.done < d.required) {
        out.line(out.messages().how_to_record())?;
    }
    Ok(warn_provisional(out, &site.calendar, [date])?)
}

/// A round of `kind`: from the flags, or walked through on the terminal (`None` when the
/// engineer declines to record it).
fn take_round(
    m: &Messages,
    site: &Site,
    kind: InspectionKind,
    flagged: bool,
    args: &InspectArgs,
) -> anyhow::Result<Option<Round>> {
    let checklist = &site.contract.inspections[&kind].items;
    if !flagged {
        restore_terminal_on_interrupt();
        return walk_through(m, kind, checklist);
    }
    let given = args
        .items
        .iter()
        .map(|i| inspect::parse_result(i))
        .collect::<Result<_, _>>()?;
    Ok(Some(inspect::round(kind, checklist, args.all_ok, given)?))
}

/// When a round is recorded: `--at`, else now for today; a round on another day needs `--at`.
fn round_time(
    context: &Context,
    site: &Site,
    date: NaiveDate,
    at: Option<&str>,
) -> anyhow::Result<DateTime<Utc>> {
    let zone = site.contract.timezone;
    if at.is_none() && date != local_date(context.env.now, zone) {
        bail!("a round on {date} needs --at: say when it was done");
    }
    let at = context.env.at_in_term(site, at)?;
    if local_date(at, zone) != date {
        bail!("--at falls on {}, not on {date}", local_date(at, zone));
    }
    Ok(at)
}

/// On a terminal: tick the items that are ok (`a` ticks all), describe each one that is not,
/// confirm. `None` when the engineer declines to record it. The prompts write to the terminal
/// themselves, so the contract's item names are made harmless for them.
fn walk_through(
    m: &Messages,
    kind: InspectionKind,
    checklist: &[String],
) -> anyhow::Result<Option<Round>> {
    let ticked = answered(
        dialoguer::MultiSelect::new()
            .with_prompt(m.tick_items(m.inspection_kind(kind)))
            .items(checklist.iter().map(|item| text::one_line(item)))
            .interact(),
    )?;
    let ticked: std::collections::HashSet<usize> = ticked.into_iter().collect();
    let mut results = Vec::with_capacity(checklist.len());
    for (index, item) in checklist.iter().enumerate() {
        let result = if ticked.contains(&index) {
            ItemResult {
                item: item.clone(),
                result: Outcome::Ok,
                note: None,
            }
        } else {
            let note: String = answered(
                dialoguer::Input::new()
                    .with_prompt(m.what_is_wrong(&text::one_line(item)))
                    .validate_with(|note: &String| match note.trim() {
                        "" => Err(m.say_what_is_wrong()),
                        _ => Ok(()),
                    })
                    .interact_text(),
            )?;
            ItemResult {
                item: item.clone(),
                result: Outcome::Abnormal,
                note: Some(note.trim().to_string()),
            }
        };
        results.push(result);
    }
    let confirmed = answered(
        dialoguer::Confirm::new()
            .with_prompt(m.record_round())
            .default(true)
            .interact(),
    )?;
    Ok(confirmed.then_some(Round {
        kind,
        items: results,
    }))
}

fn print_due(out: &mut Output, site: &Site, date: NaiveDate, due: &[Due]) -> anyhow::Result<()> {
    let m = out.messages();
    let day = site.calendar.day(date);
    out.line(format!(
        "{} · {}",
        date_with_weekday(date, m, true),
        m.day_kind(day.kind)
    ))?;
    for d in due {
        let line = progress_line(out, d);
        out.line(format!("  {line}"))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct CoverageJson {
    period: String,
    kinds: Vec<Due>,
    days: Vec<DayJson>,
}

/// Coverage over a period, counting days up to today.
fn status(
    context: &Context,
    site: &Site,
    out: &mut Output,
    period: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let zone = site.contract.timezone;
    let today = local_date(context.env.now, zone);
    let period = context.env.period(site, period)?;
    let records = context.read(site, out, |ledger| {
        ledger.records_of_types(&period, &[types::INSPECTION_ROUND])
    })?;
    let rounds = inspect::rounds_by_day(&records, zone);
    let days: Vec<DayJson> = period
        .days()
        .filter(|d| *d <= today)
        .map(|date| DayJson {
            date,
            working: site.calendar.is_working(date),
            due: inspect::due_on(&site.contract, &site.calendar, date, &rounds),
        })
        .collect();
    let kinds = inspect::totals(days.iter().map(|d| d.due.as_slice()));
    if json {
        let period = period.label();
        return Ok(out.json(&CoverageJson {
            period,
            kinds,
            days,
        })?);
    }
    print_coverage(out, &days, &kinds, today)?;
    Ok(warn_provisional(
        out,
        &site.calendar,
        period.days().filter(|d| *d <= today),
    )?)
}

/// One compact calendar per month: a row per kind, a mark per day.
fn print_coverage(
    out: &mut Output,
    days: &[DayJson],
    kinds: &[Due],
    today: NaiveDate,
) -> anyhow::Result<()> {
    let m = out.messages();
    let width = InspectionKind::ALL
        .iter()
        .map(|k| unicode_width::UnicodeWidthStr::width(m.inspection_kind(*k)))
        .max()
        .unwrap_or_default();
    let label = |text: &str| {
        let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(text));
        format!("{text}{}", " ".repeat(pad))
    };
    for month in days.chunk_by(|a, b| a.date.month() == b.date.month()) {
        let first = month[0].date;
        out.line(out.paint(Tone::Heading, &m.month_title(first.year(), first.month())))?;
        let numbers: String = month
            .iter()
            .map(|d| char::from(b'0' + (d.date.day() % 10) as u8))
            .collect();
        out.line(format!("{}  {numbers}", label("")))?;
        for kind in InspectionKind::ALL {
            let marks: String = month
                .iter()
                .filter_map(|d| {
                    d.due
                        .iter()
                        .find(|due| due.kind == kind)
                        .map(|due| (d.date, due))
                })
                .map(|(date, due)| coverage_mark(out, due, date == today))
                .collect();
            out.line(format!("{}  {marks}", label(m.inspection_kind(kind))))?;
        }
    }
    out.line(m.coverage_legend())?;
    for total in kinds {
        out.line(progress_line(out, total))?;
    }
    Ok(())
}

/// Done, missed, not required; today is still in progress, not missed.
fn coverage_mark(out: &Output, due: &Due, today: bool) -> String {
    match (due.required, due.done) {
        (0, _) => "·".to_string(),
        (required, done) if done >= required => "✓".to_string(),
        _ if today => "…".to_string(),
        _ => out.paint(Tone::Breach, "✗"),
    }
}
