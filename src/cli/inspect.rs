//! `otss inspect`: what inspection rounds are due, recording them (walked through on a
//! terminal, or with flags), and coverage over a period.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use clap::{Args, Subcommand};

use super::context::Context;
use super::show::warn_provisional;
use super::{answered, restore_terminal_on_interrupt};
use crate::app::inspect::{self, DayInspections, InspectionDay};
use crate::app::{Error, Result, Site};
use crate::i18n::Messages;
use crate::inspect::Due;
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::record::inspect::Round;
use crate::render::human::{date_with_weekday, moment, progress_line};
use crate::render::json::inspect::{CoverageJson, InspectionDayJson};
use crate::routine::Uncounted;
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

pub fn run(context: &Context, args: InspectArgs) -> Result<()> {
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

fn day(context: &Context, site: &Site, out: &mut Output, args: &InspectArgs) -> Result<()> {
    let today = local_date(context.env.now, site.contract.timezone);
    let date = match Period::parse(&args.day, today)? {
        Period::Day(date) => date,
        _ => return Err(Error::NotADay(args.day.clone())),
    };
    let mut day = context.read(site, out, |ledger| InspectionDay::read(site, ledger, date))?;
    let flagged = args.all_ok || !args.items.is_empty();
    // On a terminal, today (or a day with --at) is walked through; other days are only shown.
    let recording = flagged || (context.interactive() && (date == today || args.at.is_some()));
    if recording {
        crate::app::writer(&context.env, site)?;
        let at = day.round_time(&context.env, args.at.as_deref())?;
        for kind in day.kinds_to_record(args.kind) {
            let Some(round) = take_round(out.messages(), site, kind, flagged, args)? else {
                continue;
            };
            let recorded = day.record(&context.env, at, round)?;
            if !args.json {
                let m = out.messages();
                let kind = m.inspection_kind(recorded.kind);
                out.line(m.round_recorded(kind, recorded.items, recorded.abnormal))?;
                if let Some(why) = recorded.uncounted {
                    let zone = site.contract.timezone;
                    let said = said_not_counted(m, &why, zone, date);
                    let said = match why.counts_from() {
                        Some(from) => m.counts_from(&said, &moment(from, zone, date, m)),
                        None => said,
                    };
                    out.line(format!("  {}", out.paint(Tone::Warning, &said)))?;
                }
            }
        }
    }
    let shown = day.standing(args.kind);
    if args.json {
        return Ok(out.json(&InspectionDayJson::new(&shown, site.contract.timezone))?);
    }
    print_due(out, &shown, site.contract.timezone)?;
    if !recording && shown.due.iter().any(|d| d.done < d.required) {
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
) -> Result<Option<Round>> {
    if flagged {
        let round = inspect::typed_round(site, kind, args.all_ok, &args.items)?;
        return Ok(Some(round));
    }
    restore_terminal_on_interrupt();
    walk_through(m, kind, inspect::checklist(site, kind))
}

/// On a terminal: tick the items that are ok (`a` ticks all), describe each one that is not,
/// confirm. `None` when the engineer declines to record it. The prompts write to the terminal
/// themselves, so the contract's item names are made harmless for them.
fn walk_through(m: &Messages, kind: InspectionKind, checklist: &[String]) -> Result<Option<Round>> {
    let prompt = m.tick_items(m.inspection_kind(kind));
    let items: Vec<_> = checklist.iter().map(|item| text::one_line(item)).collect();
    let ticked = answered(
        dialoguer::MultiSelect::new()
            .with_prompt(&prompt)
            .items(&items)
            .report(false)
            .interact(),
    )?;
    let ok: Vec<&str> = ticked.iter().map(|n| items[*n].as_ref()).collect();
    said_once(
        &format!("{prompt}:"),
        &format!("{prompt}: {}", ok.join(", ")),
    )
    .map_err(Error::Prompt)?;
    let ticked: HashSet<usize> = ticked.into_iter().collect();
    let mut notes = Vec::with_capacity(checklist.len());
    for (index, item) in checklist.iter().enumerate() {
        let note = if ticked.contains(&index) {
            None
        } else {
            let prompt = m.what_is_wrong(&text::one_line(item));
            let note: String = answered(
                dialoguer::Input::new()
                    .with_prompt(&prompt)
                    .report(false)
                    .validate_with(|note: &String| match inspect::finding(note) {
                        None => Err(m.say_what_is_wrong()),
                        Some(_) => Ok(()),
                    })
                    .interact_text(),
            )?;
            let line = format!("{prompt}: {note}");
            said_once(&line, &line).map_err(Error::Prompt)?;
            Some(note)
        };
        notes.push(note);
    }
    let confirmed = answered(
        dialoguer::Confirm::new()
            .with_prompt(m.record_round())
            .default(true)
            .interact(),
    )?;
    if !confirmed {
        return Ok(None);
    }
    Ok(Some(inspect::walked_round(kind, checklist, notes)?))
}

/// `line`, the report of a prompt that showed `shown` (its question, or its question and what
/// was typed), once: the prompt erases only the last row of `shown`, so a question or an answer
/// wider than the terminal would leave its first rows above the report.
fn said_once(shown: &str, line: &str) -> std::io::Result<()> {
    let term = dialoguer::console::Term::stderr();
    let rows = rows_taken(shown, usize::from(term.size().1));
    term.clear_last_lines(rows - 1)?;
    term.write_line(line)
}

/// The terminal rows `line` takes on a terminal `columns` wide, a wide character that does
/// not fit at the end of a row going to the next.
fn rows_taken(line: &str, columns: usize) -> usize {
    let (mut rows, mut column) = (1, 0);
    for c in line.chars() {
        let width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if column + width > columns.max(2) {
            rows += 1;
            column = 0;
        }
        column += width;
    }
    rows
}

fn print_due(out: &mut Output, day: &DayInspections, zone: Tz) -> Result<()> {
    let m = out.messages();
    out.line(format!(
        "{} · {}",
        date_with_weekday(day.date, m, true),
        m.day_kind(day.kind)
    ))?;
    for d in &day.due {
        let line = progress_line(out, d);
        out.line(format!("  {line}"))?;
        for not_counted in day.not_counted.iter().filter(|n| n.kind == d.kind) {
            let round = &not_counted.round;
            let why = said_not_counted(m, &not_counted.why, zone, day.date);
            let when = moment(round.at, zone, day.date, m);
            out.line(format!("    {when} · {} · {why}", round.by))?;
        }
    }
    Ok(())
}

/// Why a round of `date` does not count, its times as read on that day.
fn said_not_counted(m: &Messages, why: &Uncounted, zone: Tz, date: NaiveDate) -> String {
    m.not_counted(&m.round_uncounted(why, |t| moment(t, zone, date, m)))
}

/// Coverage over a period, counting days up to today.
fn status(
    context: &Context,
    site: &Site,
    out: &mut Output,
    period: Option<&str>,
    json: bool,
) -> Result<()> {
    let today = local_date(context.env.now, site.contract.timezone);
    let period = context.env.period(site, period)?;
    let coverage = context.read(site, out, |ledger| {
        inspect::coverage(site, ledger, period, today)
    })?;
    if json {
        return Ok(out.json(&CoverageJson::new(&coverage, site.contract.timezone))?);
    }
    print_coverage(out, &coverage.days, &coverage.kinds, today)?;
    print_not_counted(out, &coverage.days, site.contract.timezone)?;
    let days = coverage.days.iter().map(|d| d.date);
    Ok(warn_provisional(out, &site.calendar, days)?)
}

/// One compact calendar per month: a row per kind, a mark per day.
fn print_coverage(
    out: &mut Output,
    days: &[DayInspections],
    kinds: &[Due],
    today: NaiveDate,
) -> Result<()> {
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

/// The rounds of the days that do not count, each with why.
fn print_not_counted(out: &mut Output, days: &[DayInspections], zone: Tz) -> Result<()> {
    let m = out.messages();
    let mut not_counted = days
        .iter()
        .flat_map(|d| d.not_counted.iter().map(move |n| (d.date, n)))
        .peekable();
    if not_counted.peek().is_some() {
        out.line(out.paint(Tone::Heading, &m.rounds_not_counted()))?;
    }
    for (date, n) in not_counted {
        let when = format!(
            "{} {}",
            date_with_weekday(date, m, false),
            moment(n.round.at, zone, date, m)
        );
        let why = said_not_counted(m, &n.why, zone, date);
        let kind = m.inspection_kind(n.kind);
        out.line(format!("  {when} · {kind} · {} · {why}", n.round.by))?;
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

#[cfg(test)]
mod tests {
    use super::rows_taken;

    #[test]
    fn a_wide_character_that_does_not_fit_goes_to_the_next_row() {
        assert_eq!(rows_taken("abcd", 4), 1);
        assert_eq!(rows_taken("abcde", 4), 2);
        // `巡` needs two columns: after `abc` one is left, so it starts the second row.
        assert_eq!(rows_taken("abc巡检", 4), 2);
        assert_eq!(rows_taken("abc巡检x", 4), 3);
    }
}
