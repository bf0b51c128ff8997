//! `otss inspect`: what inspection rounds are due, recording them (walked through on a
//! terminal, or with flags), and coverage over a period.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use clap::{Args, Subcommand};

use super::context::Context;
use super::prompt::{self, TextPrompt};
use super::report::{Format, chosen_format, deliver, table_text};
use super::show::warn_provisional;
use super::{answered, restore_terminal_on_interrupt};
use crate::app::capacity;
use crate::app::inspect::{self, DayInspections, InspectionDay};
use crate::app::{Error, Result, Site};
use crate::capacity::Quantity;
use crate::i18n::{CapacityLabel, Messages, ReportLabel};
use crate::inspect::Due;
use crate::inspect::{InspectError, typed_reading};
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::record::inspect::{Reading, Round};
use crate::render;
use crate::render::human::{date_with_weekday, moment, progress_line};
use crate::render::incident::full_time;
use crate::render::json::capacity::{InspectionReportJson, TrendJson};
use crate::render::json::inspect::{CoverageJson, InspectionDayJson};
use crate::render::report::{self as view, html};
use crate::routine::Uncounted;
use crate::service::InspectionKind;
use crate::text;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss inspect today                              walk through what is due (on a terminal)",
    "otss inspect today --kind monitoring --all-ok",
    "otss inspect today --kind resource --all-ok --item \"CBS disk usage and growth=abnormal:91 %\"",
    "otss inspect 2025-03-03 --kind alert --all-ok --at \"2025-03-03 17:30\"",
    "otss inspect today --kind resource --all-ok --item \"CDB disk usage=78%\"",
    "otss inspect status 2025-03",
    "otss inspect trend \"CDB disk usage\" --since 2025-01-01",
    "otss inspect report 2025-03 --kind resource --out 2025-03-inspection.html",
);

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct InspectArgs {
    #[command(subcommand)]
    command: Option<InspectCommand>,

    /// The day: today, yesterday, YYYY-MM-DD, 3/2, monday …
    #[arg(default_value = "today", value_name = "DAY")]
    day: String,

    /// Only this kind of round
    #[arg(long, value_parser = super::one_of(&InspectionKind::ALL, InspectionKind::key))]
    kind: Option<InspectionKind>,

    /// Every item is ok (or every item not given with --item)
    #[arg(long)]
    all_ok: bool,

    /// A result: "NAME=ok", "NAME=abnormal:NOTE" or a reading "NAME=VALUE[UNIT]", NAME the
    /// item's name, its number or the start of its name; repeat for each item
    #[arg(long = "item", value_name = "RESULT", requires = "kind")]
    items: Vec<String>,

    /// When the round was done [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
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
    /// The readings of an item over time, and when they reach a threshold
    #[command(after_help = examples!(
        "otss inspect trend \"CDB disk usage\"",
        "otss inspect trend \"CLB peak bandwidth\" --since 2025-01-01 --json",
    ))]
    Trend {
        /// The checklist item
        item: String,
        /// The first day read, YYYY-MM-DD [default: 180 days ago]
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The inspection report of a period: rounds, results, readings, findings, trends
    #[command(after_help = examples!(
        "otss inspect report 2025-03",
        "otss inspect report 2025-03 --kind resource --format md > inspection.md",
        "otss inspect report 2025-03-12 --out inspection.html",
    ))]
    Report {
        /// YYYY-MM, YYYY or YYYY-MM-DD
        period: String,
        /// Only this kind of round
        #[arg(long, value_parser = super::one_of(&InspectionKind::ALL, InspectionKind::key))]
        kind: Option<InspectionKind>,
        /// table, md, json or html [default: from --out's extension, else table]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Write the report to FILE
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub fn run(context: &Context, args: InspectArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match &args.command {
        Some(InspectCommand::Status { period, json }) => {
            status(context, &site, &mut out, period.as_deref(), *json)?
        }
        Some(InspectCommand::Trend { item, since, json }) => {
            trend(context, &site, &mut out, item, since.as_deref(), *json)?
        }
        Some(InspectCommand::Report {
            period,
            kind,
            format,
            out: file,
        }) => {
            let format = chosen_format(false, *format, file.as_deref())?;
            let how = (*kind, format, file.as_deref());
            inspection_report(context, &site, &mut out, period, how)?
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
    let describe = |reading: &Reading| m.reading_passed(reading);
    if flagged {
        let round = inspect::typed_round(site, kind, args.all_ok, &args.items, describe)?;
        return Ok(Some(round));
    }
    restore_terminal_on_interrupt();
    let readings = take_readings(m, site, kind)?;
    let Some(round) = walk_through(m, site, kind, &readings)? else {
        return Ok(None);
    };
    Ok(Some(inspect::with_readings(
        site, round, readings, describe,
    )?))
}

/// On a terminal: the reading of each item the contract measures, in checklist order (`None`
/// for the other items, and for a reading left empty). A bare number is in the item's unit.
fn take_readings(m: &Messages, site: &Site, kind: InspectionKind) -> Result<Vec<Option<Quantity>>> {
    let gauges = inspect::gauges(site, kind);
    let mut readings = Vec::new();
    for item in inspect::checklist(site, kind) {
        let Some(gauge) = gauges.get(item) else {
            readings.push(None);
            continue;
        };
        let typed: String = answered(
            TextPrompt::new(m, m.reading_prompt(item, gauge.unit))
                .allow_empty(true)
                .validate_with(|typed: &str| {
                    typed_reading(typed, gauge)
                        .map(|_| ())
                        .map_err(|error| match error {
                            Some(error) => m.error(&Error::from(InspectError::Unit {
                                item: item.clone(),
                                error,
                            })),
                            None => m.reading_wanted(gauge.unit),
                        })
                })
                .interact_text(),
        )?;
        readings.push(typed_reading(&typed, gauge).ok().flatten());
    }
    Ok(readings)
}

/// Whether a reading reached one of the item's thresholds.
fn past_threshold(
    site: &Site,
    kind: InspectionKind,
    item: &str,
    reading: Option<Quantity>,
) -> bool {
    let gauge = inspect::gauges(site, kind).get(item);
    match (gauge, reading) {
        (Some(gauge), Some(reading)) => matches!(gauge.judge(reading), Ok(Some(_))),
        _ => false,
    }
}

/// On a terminal: tick the items that are ok (`a` ticks all; an item read within its
/// thresholds is ticked already), describe each one that is not, confirm. An item whose
/// reading reached a threshold is abnormal by itself and not asked about. `None` when the
/// engineer declines to record it. The prompts write to the terminal themselves, so the
/// contract's item names are made harmless for them.
fn walk_through(
    m: &Messages,
    site: &Site,
    kind: InspectionKind,
    readings: &[Option<Quantity>],
) -> Result<Option<Round>> {
    let checklist = inspect::checklist(site, kind);
    let asked: Vec<usize> = (0..checklist.len())
        .filter(|n| !past_threshold(site, kind, &checklist[*n], readings[*n]))
        .collect();
    let ticked = match asked.is_empty() {
        true => HashSet::new(),
        false => {
            let items: Vec<_> = asked
                .iter()
                .map(|n| text::one_line(&checklist[*n]))
                .collect();
            let read: Vec<bool> = asked.iter().map(|n| readings[*n].is_some()).collect();
            let Some(ticked) = tick(m, kind, &items, &read)? else {
                return Ok(None);
            };
            ticked.into_iter().map(|place| asked[place]).collect()
        }
    };
    let mut notes = Vec::with_capacity(checklist.len());
    for (index, item) in checklist.iter().enumerate() {
        let note = if ticked.contains(&index) || !asked.contains(&index) {
            None
        } else {
            Some(answered(
                TextPrompt::new(m, m.what_is_wrong(&text::one_line(item)))
                    .validate_with(|note: &str| match inspect::finding(note) {
                        None => Err(m.say_what_is_wrong()),
                        Some(_) => Ok(()),
                    })
                    .interact_text(),
            )?)
        };
        notes.push(note);
    }
    let confirmed = answered(
        dialoguer::Confirm::with_theme(prompt::theme(m))
            .with_prompt(m.record_round())
            .default(true)
            .interact(),
    )?;
    if !confirmed {
        return Ok(None);
    }
    Ok(Some(inspect::walked_round(kind, checklist, notes)?))
}

/// The places among `items` ticked as ok. Nothing ticked asks what was meant: skip the round (`None`), every
/// item abnormal, or back to the list.
fn tick(
    m: &Messages,
    kind: InspectionKind,
    items: &[Cow<str>],
    ticked_already: &[bool],
) -> Result<Option<HashSet<usize>>> {
    loop {
        let prompt = m.tick_items(m.inspection_kind(kind));
        let ticked = answered(
            dialoguer::MultiSelect::with_theme(prompt::theme(m))
                .with_prompt(&prompt)
                .items(items)
                .defaults(ticked_already)
                .report(false)
                .interact(),
        )?;
        let ok: Vec<&str> = ticked.iter().map(|n| items[*n].as_ref()).collect();
        let head = format!("{prompt}:");
        let columns = usize::from(dialoguer::console::Term::stderr().size().1);
        said_once(&head, &prompt::listed(&head, &ok, columns)).map_err(Error::Prompt)?;
        if !ticked.is_empty() {
            return Ok(Some(ticked.into_iter().collect()));
        }
        let meant = answered(
            dialoguer::Select::with_theme(prompt::theme(m))
                .with_prompt(m.nothing_ticked())
                .items(m.nothing_ticked_choices())
                .default(0)
                .interact(),
        )?;
        match meant {
            0 => return Ok(None),
            1 => return Ok(Some(HashSet::new())),
            _ => continue,
        }
    }
}

/// `line`, the report of a prompt that showed `shown` (its question, or its question and what
/// was typed), once: the prompt erases only the last row of `shown`, so a question or an answer
/// wider than the terminal would leave its first rows above the report.
fn said_once(shown: &str, line: &str) -> std::io::Result<()> {
    let term = dialoguer::console::Term::stderr();
    let rows = prompt::rows_taken(shown, usize::from(term.size().1));
    term.clear_last_lines(rows - 1)?;
    term.write_line(line)
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

/// The readings of an item over time and where they are heading (docs/rules.md §4.9): a
/// sparkline at a terminal, a line per reading.
fn trend(
    context: &Context,
    site: &Site,
    out: &mut Output,
    item: &str,
    since: Option<&str>,
    json: bool,
) -> Result<()> {
    let now = context.env.now;
    let zone = site.contract.timezone;
    let since = match since {
        None => None,
        Some(text) => match Period::parse(text, local_date(now, zone))? {
            Period::Day(date) => Some(date),
            _ => return Err(Error::NotADay(text.to_string())),
        },
    };
    let trend = context.read(site, out, |ledger| {
        capacity::item_trend(site, ledger, item, since, now)
    })?;
    let risk = trend.crossing_within(now, site.contract.capacity_horizon);
    if json {
        return Ok(out.json(&TrendJson::new(&trend, zone, risk))?);
    }
    let m = out.messages();
    let heading = m.trend_heading(&trend.item, trend.unit, trend.points.len());
    out.line(out.paint(Tone::Heading, &heading))?;
    if let Some(gauge) = trend.gauge {
        let warn = m.threshold_cell(gauge.warn, gauge.unit);
        let critical = m.threshold_cell(gauge.critical, gauge.unit);
        out.line(m.thresholds_line(&warn, &critical))?;
    }
    if context.interactive() && !trend.points.is_empty() {
        out.line(render::capacity::trend_sparkline(&trend))?;
    }
    for taken in &trend.readings {
        let when = full_time(taken.at, zone);
        let reading = m.reading_cell(&taken.reading);
        out.line(format!("  {when} · {reading} · {}", taken.by))?;
    }
    let outlook = render::capacity::outlook_text(m, &trend, zone);
    let tone = if risk.is_some() {
        Tone::Warning
    } else {
        Tone::Plain
    };
    out.line(out.paint(tone, &outlook))?;
    Ok(())
}

/// The inspection report of a period, in the format asked for: its kind, format and file.
fn inspection_report(
    context: &Context,
    site: &Site,
    out: &mut Output,
    period: &str,
    (kind, format, file): (Option<InspectionKind>, Format, Option<&Path>),
) -> Result<()> {
    let now = context.env.now;
    let period = context.env.period(site, Some(period))?;
    let report = context.read(site, out, |ledger| {
        capacity::inspection_report(site, ledger, period, kind, now)
    })?;
    warn_provisional(out, &site.calendar, period.days())?;
    let zone = site.contract.timezone;
    if format == Format::Json && file.is_none() {
        return Ok(out.json(&InspectionReportJson::new(&report, zone))?);
    }
    let m = out.messages();
    let outline = || view::inspection_outline(&report, zone, m);
    let text = match format {
        Format::Json => {
            serde_json::to_string_pretty(&InspectionReportJson::new(&report, zone))? + "\n"
        }
        Format::Md => view::markdown(&outline()),
        Format::Html => {
            let header = html::parties_of(&report.customer, report.provider.as_deref());
            let highlights = inspection_highlights(m, &report);
            html::document(&outline(), &(header + &highlights), m, |_| String::new())
        }
        Format::Table => table_text(out, &outline(), file),
    };
    deliver(out, file, &text)
}

/// The figures of an inspection report a reader looks for first.
fn inspection_highlights(m: &Messages, report: &capacity::InspectionReport) -> String {
    let (required, done) = report
        .coverage
        .iter()
        .fold((0, 0), |(r, d), due| (r + due.required, d + due.done));
    let coverage =
        view::percent(done, required).map_or_else(|| "—".to_string(), |p| format!("{p}%"));
    let figures = [
        (m.report_label(ReportLabel::Coverage), coverage),
        (
            m.capacity_label(CapacityLabel::RoundsRecorded),
            report.rounds.len().to_string(),
        ),
        (
            m.capacity_label(CapacityLabel::FindingsCount),
            report.findings.len().to_string(),
        ),
        (
            m.capacity_label(CapacityLabel::AtRisk),
            report.capacity.at_risk.len().to_string(),
        ),
    ];
    html::cards(&figures)
}
