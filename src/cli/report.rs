//! `otss report`: the monthly and annual service reports, what is due, and recording that
//! a report was delivered.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};

use super::context::Context;
use super::duplicate::unless_declined;
use super::show::warn_provisional;
use crate::app::{self, Error, Result, Site};
use crate::output::{self, Output, Tone};
use crate::record::Event;
use crate::render::json::fingerprint::IssuedJson;
use crate::render::json::report::{DueJson, ReportJson};
use crate::render::report::{self as view, html};
use crate::report::DueState;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss report 2025-03                          the March report in the terminal",
    "otss report 2025-03 --format md > 2025-03.md",
    "otss report 2025-03 --out 2025-03.html       the format follows the file's extension",
    "otss report 2025 --lang en --format html --out annual.html",
    "otss report due                              which reports are due, issued or late",
    "otss report issue 2025-03                    the March report was delivered today",
);

#[derive(Debug, Args)]
#[command(
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct ReportArgs {
    #[command(subcommand)]
    command: Option<ReportCommand>,

    /// The month (YYYY-MM) or the year (YYYY); the term's last month is the annual summary
    #[arg(required = true, value_name = "PERIOD")]
    period: Option<String>,

    #[command(flatten)]
    document: DocumentArgs,
}

/// How a document (a report, a portfolio) is to be written, and where.
#[derive(Debug, Args)]
pub(super) struct DocumentArgs {
    /// How to write the report [default: from the --out file's extension, else table]
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write the report to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub(super) out: Option<PathBuf>,

    /// Print JSON (the same as --format json)
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl DocumentArgs {
    /// The format asked for: JSON for `--json`, else `--format`, else the one the `--out`
    /// file's extension asks for, else a table.
    pub(super) fn format(&self) -> Result<Format> {
        chosen_format(self.json, self.format, self.out.as_deref())
    }
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// Every report of the term: when it is due, and whether it was issued or is late
    #[command(after_help = examples!(
        "otss report due",
        "otss report due --json | jq 'map(select(.state == \"late\"))'",
    ))]
    Due {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Record that the report of a period was delivered to the customer
    #[command(after_help = examples!(
        "otss report issue 2025-03",
        "otss report issue 2025 --at \"2026-01-05 10:00\"",
        "otss report issue 2025-03 --force    delivered once more, after a correction",
    ))]
    Issue {
        /// The month (YYYY-MM), or the year (YYYY) for the annual summary
        period: String,
        /// When it was delivered [default: now]
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
        /// Record it even if the report was issued already (asked at a terminal)
        #[arg(long)]
        force: bool,
        /// Print JSON: the period, when it was issued, and the ledger's fingerprint
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// Tables for the terminal
    Table,
    /// Markdown, to paste into a document
    Md,
    /// JSON, for scripts
    Json,
    /// One self-contained HTML page that prints to A4
    Html,
}

impl Format {
    /// The format a file's extension asks for.
    fn of_file(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Format::Md),
            "json" => Some(Format::Json),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

pub fn run(context: &Context, args: ReportArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match (args.command, args.period) {
        (Some(ReportCommand::Due { json }), _) => due(context, &site, &mut out, json)?,
        (
            Some(ReportCommand::Issue {
                period,
                at,
                force,
                json,
            }),
            _,
        ) => {
            let how = IssueArgs {
                at: at.as_deref(),
                force,
                json,
            };
            issue(context, &site, &mut out, &period, how)?
        }
        (None, Some(period)) => {
            let format = args.document.format()?;
            report(
                context,
                &site,
                &mut out,
                &period,
                format,
                args.document.out.as_deref(),
            )?
        }
        (None, None) => unreachable!("clap asks for a period unless a subcommand is given"),
    }
    Ok(out.flush()?)
}

/// The format asked for: JSON with `--json`, else `--format`, else the one the file's
/// extension tells, else a table.
pub(super) fn chosen_format(
    json: bool,
    format: Option<Format>,
    file: Option<&Path>,
) -> Result<Format> {
    Ok(match (json, format, file) {
        (true, ..) => Format::Json,
        (false, Some(format), _) => format,
        (false, None, None) => Format::Table,
        (false, None, Some(path)) => Format::of_file(path).ok_or_else(|| Error::UnknownFormat {
            path: path.to_path_buf(),
            formats: &["table", "md", "json", "html"],
            extensions: &["txt", "md", "json", "html"],
        })?,
    })
}

/// The outline as tables: fitted to the terminal, or plain at 100 columns for a file.
pub(super) fn table_text(out: &Output, outline: &view::Outline, file: Option<&Path>) -> String {
    let width = if file.is_some() {
        Some(100)
    } else {
        out.width()
    };
    let text = view::text(outline, width, |tone, text| out.paint(tone, text));
    match file {
        Some(_) => output::plain(&text).into_owned(),
        None => text,
    }
}

/// The document written to `file`, saying so, or shown.
pub(super) fn deliver(out: &mut Output, file: Option<&Path>, text: &str) -> Result<()> {
    match file {
        Some(path) => {
            app::report::write_out(path, text)?;
            let written = out.messages().report_written(&path.display().to_string());
            out.line(out.paint(Tone::Plain, &written))?;
        }
        None => out.lines(text.trim_end())?,
    }
    Ok(())
}

fn report(
    context: &Context,
    site: &Site,
    out: &mut Output,
    period: &str,
    format: Format,
    file: Option<&Path>,
) -> Result<()> {
    let now = context.env.now;
    let scope = app::report::scope(site, now, period)?;
    let report = context.read(site, out, |ledger| {
        app::report::service_report(site, now, scope, ledger)
    })?;
    let days = report
        .scope
        .first
        .iter_days()
        .take_while(|d| *d <= report.scope.last);
    warn_provisional(out, &site.calendar, days)?;
    let zone = site.contract.timezone;
    if format == Format::Json && file.is_none() {
        // Written as it is made: a year of a busy site is a large document.
        let json = ReportJson::new(&report, zone);
        out.json(&json)?;
        left_to_exit(json);
        left_to_exit(report);
        return Ok(());
    }
    let m = out.messages();
    let outline = || view::outline(&report, zone, m);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&ReportJson::new(&report, zone))? + "\n",
        Format::Md => view::markdown(&outline()),
        Format::Html => html::page(&outline(), &report, zone, m),
        Format::Table => table_text(out, &outline(), file),
    };
    deliver(out, file, &text)?;
    left_to_exit(report);
    Ok(())
}

/// Lets go of `value` without freeing it, once what the command shows has been written: the
/// process ends right after, and freeing a report's many small pieces one by one would only
/// delay that (about 25 ms for a year of a busy site).
fn left_to_exit<T>(value: T) {
    std::mem::forget(value);
}

fn due(context: &Context, site: &Site, out: &mut Output, json: bool) -> Result<()> {
    let now = context.env.now;
    let reports = context.read(site, out, |ledger| {
        app::report::term_reports(site, now, ledger)
    })?;
    let zone = site.contract.timezone;
    if json {
        let json: Vec<DueJson> = reports.iter().map(|r| DueJson::new(r, zone)).collect();
        return Ok(out.json(&json)?);
    }
    let m = out.messages();
    let label = |l| m.report_label(l).to_string();
    use crate::i18n::ReportLabel as L;
    let header = [L::Month, L::Kind, L::Due, L::State, L::Issued]
        .map(label)
        .to_vec();
    let rows = reports
        .iter()
        .map(|r| {
            let state = m.due_state(r.state);
            let state = match (r.state, r.changed_since_issued) {
                (_, true) => out.paint(Tone::Warning, &m.changed_since_issued(state)),
                (DueState::Late, _) => out.paint(Tone::Breach, state),
                (DueState::Due, _) => out.paint(Tone::Warning, state),
                _ => state.to_string(),
            };
            vec![
                r.month.format("%Y-%m").to_string(),
                m.report_kind(r.kind).to_string(),
                r.due.to_string(),
                state,
                r.issued
                    .map_or_else(|| "—".to_string(), |t| local_date(t, zone).to_string()),
            ]
        })
        .collect();
    Ok(out.table(header, rows)?)
}

/// How `otss report issue` was asked to record and show an issue.
struct IssueArgs<'a> {
    at: Option<&'a str>,
    force: bool,
    json: bool,
}

fn issue(
    context: &Context,
    site: &Site,
    out: &mut Output,
    period: &str,
    how: IssueArgs,
) -> Result<()> {
    let issued = unless_declined(context, out, how.force, |out, repeats| {
        context.read(site, out, |ledger| {
            app::report::issue(site, &context.env, period, how.at, ledger, repeats)
        })
    })?;
    let Some(record) = issued else {
        return Ok(());
    };
    let Event::ReportIssued(report) = &record.event else {
        return Ok(());
    };
    let fingerprint = report.fingerprint.as_deref();
    if how.json {
        return Ok(out.json(&IssuedJson {
            period: &report.period,
            issued_at: record.at,
            fingerprint,
        })?);
    }
    out.line(out.messages().report_issued(&report.period))?;
    if let Some(fingerprint) = fingerprint {
        out.line(out.messages().fingerprint_line(fingerprint))?;
    }
    Ok(())
}
