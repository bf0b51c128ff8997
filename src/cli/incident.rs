//! `otss incident`: report incidents, record what happens to them, show and list them, and
//! write their recovery reports.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, Subcommand, ValueEnum};

use super::context::Context;
use super::duplicate::unless_declined;
use super::prompt::{self, TextPrompt};
use super::{answered, restore_terminal_on_interrupt};
use crate::app::incident::{Opening, Recovery, Update, Updated, countdowns};
use crate::app::search::Hit;
use crate::app::{self, Site};
use crate::app::{Error, Result};
use crate::contract::Level;
use crate::i18n::Messages;
use crate::incident::Incident;
use crate::output::{Output, Tone};
use crate::record::incident::Field;
use crate::render::human::{moment, with_id};
use crate::render::incident::{self as view, list_line};
use crate::render::json::incident::{IncidentJson, RecoveryJson};
use crate::render::json::search::{OpenedJson, SimilarJson};
use crate::render::search::similar_lines;

const EXAMPLES: &str = examples!(
    "otss incident open --level 1 --title \"CLB returns 502\" --onsite",
    "otss incident ack K7Q                        any unique prefix of the id",
    "otss incident onsite K7Q --agreed \"2025-03-05 09:30\"",
    "otss incident level K7Q 2 --at \"2025-03-04 22:40\"",
    "otss incident resolve K7Q --summary \"listener restarted\" --cause \"expired certificate\"",
    "otss incident list --open",
    "otss incident report K7Q --format md > recovery.md",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum IncidentCommand {
    /// Record a new incident and start its clocks
    #[command(after_help = examples!(
        "otss incident open --level 1 --title \"CLB returns 502\"",
        "otss incident open --level 2 --title \"slow queries\" --at \"2025-03-04 22:10\" --json",
        "otss incident open --level 1 --title \"disk full\" --onsite          on site asked at once",
        "otss incident open --level 2 --title \"CLB returns 502\" --force     though one like it is open",
    ))]
    Open(OpenArgs),
    #[command(flatten)]
    Action(ActionCommand),
    /// Show an incident: its clocks and timeline
    #[command(after_help = examples!(
        "otss incident show K7Q                     any unique prefix of the id",
        "otss incident show K7Q --json | jq .response_due",
        "otss incident show K7Q --similar           and the earlier incidents most like it",
    ))]
    Show {
        /// The incident id, or any unique prefix of it
        id: String,
        /// Also the earlier incidents most like it, each with its fix
        #[arg(long)]
        similar: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List incidents, nearest deadline first
    #[command(after_help = examples!(
        "otss incident list --open",
        "otss incident list --json | jq 'map(select(.response_met == false))'",
    ))]
    List {
        /// Only incidents still open
        #[arg(long)]
        open: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Merge an incident opened twice for one fault into the one kept
    #[command(after_help = examples!(
        "otss incident merge K7Q M2P      K7Q is withdrawn; M2P takes the earlier report and actions",
    ))]
    Merge {
        /// The duplicate: its id, or any unique prefix of it
        duplicate: String,
        /// The incident kept: its id, or any unique prefix of it
        kept: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Correct the title or the texts of the resolution; the latest correction wins
    #[command(after_help = examples!(
        "otss incident amend K7Q --cause \"certificate expired on the CLB listener\"",
        "otss incident amend K7Q --title \"CLB returns 502\" --fix \"renewed; reminder set\"",
    ))]
    Amend(AmendArgs),
    /// The recovery report (故障恢复报告) of an incident
    #[command(after_help = examples!(
        "otss incident report K7Q > recovery.md",
        "otss --lang en incident report K7Q --format json",
        "otss incident report K7Q --out K7Q.html      the format follows the file's extension",
    ))]
    Report {
        /// The incident id, or any unique prefix of it
        id: String,
        /// How to write the report [default: from the --out file's extension, else md]
        #[arg(long, value_enum)]
        format: Option<RecoveryFormat>,
        /// Write the report to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// What an engineer records about an existing incident.
#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Record the first response to an incident
    #[command(after_help = examples!(
        "otss incident ack K7Q",
        "otss incident ack K7Q --at \"2025-03-04 22:25\"",
    ))]
    Ack(ActionArgs),
    /// The customer asks for an engineer on site
    #[command(after_help = examples!(
        "otss incident onsite K7Q",
        "otss incident onsite K7Q --agreed \"2025-03-05 09:30\"     a later time agreed with the customer",
        "otss incident onsite K7Q --at \"2025-03-04 23:00\" --agreed \"2025-03-05 09:30\"  agreed at 23:00",
    ))]
    Onsite {
        #[command(flatten)]
        action: ActionArgs,
        /// A later arrival time agreed with the customer; recorded late, even after the arrival,
        /// with --at when it was agreed
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        agreed: Option<String>,
    },
    /// An engineer arrives on site
    #[command(after_help = examples!(
        "otss incident arrive K7Q",
        "otss incident arrive K7Q --at \"2025-03-04 23:40\"",
    ))]
    Arrive(ActionArgs),
    /// Change the level; the deadlines are recomputed from the original report
    #[command(after_help = examples!(
        "otss incident level K7Q 1",
        "otss incident level K7Q 3 --at \"2025-03-04 22:40\"",
    ))]
    Level {
        #[command(flatten)]
        action: ActionArgs,
        /// The new level, 1 the most severe
        #[arg(value_parser = super::LevelParser::default())]
        level: Level,
    },
    /// Add a note to the timeline
    #[command(after_help = examples!(
        "otss incident note K7Q \"vendor ticket 4521 opened\"",
        "otss incident note K7Q \"customer called again\" --force    the same note once more",
    ))]
    Note {
        #[command(flatten)]
        action: ActionArgs,
        /// The note
        text: String,
        /// Record it even if the incident has this note already (asked at a terminal)
        #[arg(long)]
        force: bool,
    },
    /// Record that the incident is resolved; again on a resolved one, correct its texts
    #[command(after_help = examples!(
        "otss incident resolve K7Q --summary \"listener restarted\"",
        "otss incident resolve K7Q --summary \"certificate renewed\" --cause \"expired certificate\" \\",
        "    --impact \"HTTPS errors for 40 minutes\" --fix \"renewed and set a reminder\"",
    ))]
    Resolve {
        #[command(flatten)]
        action: ActionArgs,
        /// What was done, in a sentence
        #[arg(long)]
        summary: String,
        /// What the incident affected
        #[arg(long)]
        impact: Option<String>,
        /// The cause found
        #[arg(long)]
        cause: Option<String>,
        /// The fix applied
        #[arg(long)]
        fix: Option<String>,
    },
    /// Close a resolved incident
    #[command(after_help = examples!(
        "otss incident close K7Q",
    ))]
    Close(ActionArgs),
    /// Reopen a resolved or closed incident
    #[command(after_help = examples!(
        "otss incident reopen K7Q --at \"2025-03-05 10:00\"",
    ))]
    Reopen(ActionArgs),
}

impl ActionCommand {
    /// The incident and time typed, the update to record, and whether to record it even if
    /// it looks like a duplicate.
    fn into_update(self) -> (ActionArgs, Update, bool) {
        let (action, update) = match self {
            ActionCommand::Note {
                action,
                text,
                force,
            } => return (action, Update::Note(text), force),
            ActionCommand::Ack(a) => (a, Update::Acknowledge),
            ActionCommand::Onsite { action, agreed } => (action, Update::OnsiteRequest { agreed }),
            ActionCommand::Arrive(a) => (a, Update::Arrive),
            ActionCommand::Level { action, level } => (action, Update::Level(level)),
            ActionCommand::Resolve {
                action,
                summary,
                impact,
                cause,
                fix,
            } => {
                let update = Update::Resolve {
                    summary,
                    impact,
                    cause,
                    fix,
                };
                (action, update)
            }
            ActionCommand::Close(a) => (a, Update::Close),
            ActionCommand::Reopen(a) => (a, Update::Reopen),
        };
        (action, update, false)
    }
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("texts").required(true).multiple(true)))]
pub struct AmendArgs {
    /// The incident id, or any unique prefix of it
    id: String,
    /// What is wrong, in a line
    #[arg(long, group = "texts")]
    title: Option<String>,
    /// What was done, in a sentence
    #[arg(long, group = "texts")]
    summary: Option<String>,
    /// What the incident affected
    #[arg(long, group = "texts")]
    impact: Option<String>,
    /// The cause found
    #[arg(long, group = "texts")]
    cause: Option<String>,
    /// The fix applied
    #[arg(long, group = "texts")]
    fix: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

impl AmendArgs {
    /// The texts given, by field.
    fn texts(self) -> BTreeMap<Field, String> {
        [
            (Field::Title, self.title),
            (Field::Summary, self.summary),
            (Field::Impact, self.impact),
            (Field::Cause, self.cause),
            (Field::Fix, self.fix),
        ]
        .into_iter()
        .filter_map(|(field, text)| Some((field, text?)))
        .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecoveryFormat {
    /// Markdown, to paste into a document
    Md,
    /// JSON, for scripts
    Json,
    /// One self-contained HTML page that prints to A4
    Html,
}

impl RecoveryFormat {
    /// The format asked for, else the one the file's extension names, else Markdown.
    fn asked(format: Option<RecoveryFormat>, file: Option<&Path>) -> Result<RecoveryFormat> {
        let Some(path) = file.filter(|_| format.is_none()) else {
            return Ok(format.unwrap_or(RecoveryFormat::Md));
        };
        let extension = path.extension().and_then(|e| e.to_str());
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown") => Ok(RecoveryFormat::Md),
            Some("json") => Ok(RecoveryFormat::Json),
            Some("html" | "htm") => Ok(RecoveryFormat::Html),
            _ => Err(Error::UnknownFormat {
                path: path.to_path_buf(),
                formats: &["md", "json", "html"],
                extensions: &["md", "json", "html"],
            }),
        }
    }
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Incident level, 1 the most severe [asked for at a terminal]
    #[arg(long, required = true, value_parser = super::LevelParser::default())]
    level: Option<Level>,
    /// What is wrong, in a line [default with --from-risk: the finding]
    #[arg(long, required_unless_present = "from_risk")]
    title: Option<String>,
    /// More detail
    #[arg(long)]
    description: Option<String>,
    /// When it was reported: 14:58, yesterday 14:00, 2h ago, … (otss --help) [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    at: Option<String>,
    /// The customer asks for an engineer on site with the report
    #[arg(long)]
    onsite: bool,
    /// Open it from an inspection risk (`otss risk list`), and link them
    #[arg(long, value_name = "RISK")]
    from_risk: Option<String>,
    /// Open it even if an open incident has a title like it (asked at a terminal)
    #[arg(long)]
    force: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    /// The incident id, or any unique prefix of it
    id: String,
    /// When it happened: 14:58, yesterday 14:00, 2h ago, … (otss --help) [default: now]
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    at: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

impl OpenArgs {
    /// The incident as reported, at `level`.
    fn opening(self, level: Level) -> Opening {
        Opening {
            level,
            title: self.title,
            description: self.description,
            at: self.at,
            onsite: self.onsite,
            from_risk: self.from_risk,
        }
    }
}

pub fn run(context: &Context, command: IncidentCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let now = context.env.now;
    match command {
        IncidentCommand::Open(args) => {
            let (json, force) = (args.json, args.force);
            let level = match args.level {
                Some(level) => level,
                None => ask_level(context, &site, out.messages())?,
            };
            let mut opening = args.opening(level);
            if opening.title.is_none() && opening.from_risk.is_none() {
                opening.title = Some(ask_title(context, &site, out.messages())?);
            }
            let opened = unless_declined(context, &mut out, force, |out, repeats| {
                context.read(&site, out, |ledger| {
                    let opening = opening.clone();
                    app::incident::open(&site, &context.env, opening, ledger, repeats)
                })
            })?;
            if let Some(incident) = opened {
                let similar = similar_to(context, &site, &incident);
                print_with_similar(&site, &mut out, &incident, &similar, now, json)?;
            }
        }
        IncidentCommand::Show { id, similar, json } => {
            let incident =
                context.read(&site, &mut out, |ledger| app::incident::shown(ledger, &id))?;
            if similar {
                let similar = similar_to(context, &site, &incident);
                print_with_similar(&site, &mut out, &incident, &similar, now, json)?;
            } else {
                print_incident(&site, &mut out, &incident, now, json)?;
            }
        }
        IncidentCommand::List { open, json } => {
            context.read_writing(&site, &mut out, |ledger, out| {
                print_list(&site, out, ledger, now, open, json)
            })?;
        }
        IncidentCommand::Report {
            id,
            format,
            out: file,
        } => {
            let format = RecoveryFormat::asked(format, file.as_deref())?;
            let incident =
                context.read(&site, &mut out, |ledger| app::incident::shown(ledger, &id))?;
            let report = Recovery::new(&incident, &site.contract, now);
            let m = out.messages();
            match (format, file) {
                (RecoveryFormat::Json, None) => out.json(&RecoveryJson::new(&report, m))?,
                (RecoveryFormat::Md, None) => out.lines(view::markdown(&report, m))?,
                (RecoveryFormat::Html, None) => out.lines(view::html(&report, m))?,
                (format, Some(path)) => {
                    let text = match format {
                        RecoveryFormat::Json => {
                            serde_json::to_string_pretty(&RecoveryJson::new(&report, m))? + "\n"
                        }
                        RecoveryFormat::Md => view::markdown(&report, m),
                        RecoveryFormat::Html => view::html(&report, m),
                    };
                    app::report::write_out(&path, &text)?;
                    let written = m.report_written(&path.display().to_string());
                    out.line(out.paint(Tone::Plain, &written))?
                }
            }
        }
        IncidentCommand::Merge {
            duplicate,
            kept,
            json,
        } => {
            let incident = context.read(&site, &mut out, |ledger| {
                app::incident::merge(&site, &context.env, &duplicate, &kept, ledger)
            })?;
            print_incident(&site, &mut out, &incident, now, json)?;
        }
        IncidentCommand::Amend(args) => {
            let (id, json) = (args.id.clone(), args.json);
            let update = Update::Amend(args.texts());
            let updated = context.read(&site, &mut out, |ledger| {
                // Only notes are checked for repeats; an amendment says what changed.
                let repeats = app::Repeats::Allowed;
                app::incident::update(&site, &context.env, &id, None, update, ledger, repeats)
            })?;
            print_update(&site, &mut out, &updated, now, json)?;
        }
        IncidentCommand::Action(action) => {
            let (args, update, force) = action.into_update();
            let updated = unless_declined(context, &mut out, force, |out, repeats| {
                context.read(&site, out, |ledger| {
                    let (at, update) = (args.at.as_deref(), update.clone());
                    app::incident::update(
                        &site,
                        &context.env,
                        &args.id,
                        at,
                        update,
                        ledger,
                        repeats,
                    )
                })
            })?;
            if let Some(updated) = updated {
                print_update(&site, &mut out, &updated, now, args.json)?;
            }
        }
    }
    Ok(out.flush()?)
}

/// The level of a new incident, chosen at the terminal from the levels and when to choose
/// each (docs/rules.md §2.1), once it is known who is writing.
fn ask_level(context: &Context, site: &Site, m: &Messages) -> Result<Level> {
    app::writer(&context.env, site)?;
    restore_terminal_on_interrupt();
    let choices: Vec<String> = Level::ALL.iter().map(|l| m.level_choice(*l)).collect();
    let picked = answered(
        dialoguer::Select::with_theme(prompt::theme(m))
            .with_prompt(m.which_level())
            .default(0)
            .items(&choices)
            .interact(),
    )?;
    Ok(Level::ALL[picked])
}

/// At a terminal, what is wrong, in a line: asked when `--title` is left out.
fn ask_title(context: &Context, site: &Site, m: &Messages) -> Result<String> {
    app::writer(&context.env, site)?;
    restore_terminal_on_interrupt();
    answered(TextPrompt::new(m, m.incident_title_question()).interact_text())
}

/// The earlier incidents most like `incident` (docs/rules.md §12.4): none when they cannot
/// be looked up, which is never the command's failure.
fn similar_to(context: &Context, site: &Site, incident: &Incident) -> Vec<Hit> {
    let similar = |ledger: &mut app::Ledger| Ok(app::search::similar(ledger, incident, SIMILAR));
    context.read_quietly(site, similar).unwrap_or_default()
}

/// How many similar incidents are shown.
const SIMILAR: usize = 3;

/// An incident with the earlier incidents like it: as JSON (key `similar`), or shown in full
/// with the similar ones below.
fn print_with_similar(
    site: &Site,
    out: &mut Output,
    incident: &Incident,
    similar: &[Hit],
    now: DateTime<Utc>,
    json: bool,
) -> Result<()> {
    let zone = site.contract.timezone;
    if json {
        let opened = OpenedJson {
            incident: IncidentJson::new(incident, zone, now, out.messages()),
            similar: similar
                .iter()
                .filter_map(|hit| Some(SimilarJson::new(hit, hit.incident.as_ref()?, zone)))
                .collect(),
        };
        return Ok(out.json(&opened)?);
    }
    print_incident(site, out, incident, now, false)?;
    for line in similar_lines(out, similar) {
        out.line(line)?;
    }
    Ok(())
}

/// An incident updated: as JSON, or what was recorded and the incident's line.
fn print_update(
    site: &Site,
    out: &mut Output,
    updated: &Updated,
    now: DateTime<Utc>,
    json: bool,
) -> Result<()> {
    let zone = site.contract.timezone;
    let incident = &updated.incident;
    if json {
        return Ok(out.json(&IncidentJson::new(incident, zone, now, out.messages()))?);
    }
    let m = out.messages();
    let line = list_line(out, incident, countdowns(incident, &site.contract, now));
    let what = updated
        .happening
        .as_ref()
        .map(|h| m.happening(h, zone))
        .unwrap_or_default();
    Ok(out.line(m.labelled(&what, &line))?)
}

/// The incidents listed, as JSON or a line each.
fn print_list(
    site: &Site,
    out: &mut Output,
    ledger: &mut app::Ledger,
    now: DateTime<Utc>,
    open_only: bool,
    json: bool,
) -> Result<()> {
    let zone = site.contract.timezone;
    let m = out.messages();
    if json {
        let mut array = out.json_array();
        app::incident::each_listed(ledger, open_only, |incident| {
            Ok(array.push(&IncidentJson::new(incident, zone, now, m))?)
        })?;
        return Ok(array.end()?);
    }
    let mut none = true;
    app::incident::each_listed(ledger, open_only, |incident| {
        none = false;
        let line = list_line(out, incident, countdowns(incident, &site.contract, now));
        Ok(out.line(line)?)
    })?;
    if none {
        out.line(m.no_incidents(open_only))?;
    }
    Ok(())
}

/// An incident: as JSON, or its line, when it was reported, its clocks and its timeline.
fn print_incident(
    site: &Site,
    out: &mut Output,
    incident: &Incident,
    now: DateTime<Utc>,
    json: bool,
) -> Result<()> {
    let zone = site.contract.timezone;
    let m = out.messages();
    if json {
        return Ok(out.json(&IncidentJson::new(incident, zone, now, m))?);
    }
    let today = incident.reported_at.with_timezone(&zone).date_naive();
    let when = |t: DateTime<Utc>| moment(t, zone, today, m);
    let line = list_line(out, incident, countdowns(incident, &site.contract, now));
    out.line(line)?;
    out.line(m.reported(
        &view::full_time(incident.reported_at, zone),
        &incident.reported_by,
    ))?;
    let levels = incident.levels();
    if levels.len() > 1 {
        out.table(view::level_header(m), view::level_rows(&levels, m, when))?;
    }
    let report = Recovery::new(incident, &site.contract, now);
    let rows = view::clock_rows(&report.clocks, m, when);
    out.table(view::clock_header(m), rows)?;
    for note in view::entered_later_notes(incident, zone, m) {
        out.warn(note)?;
    }
    for entry in &incident.timeline {
        let line = format!(
            "{}  {}  {}",
            when(entry.at),
            entry.by,
            m.timeline_entry(entry, zone)
        );
        let tone = if entry.stands() {
            Tone::Plain
        } else {
            Tone::Withdrawn
        };
        // The timeline is where an incident's records are named, to be voided.
        out.line(with_id(true, Some(&entry.record), out.paint(tone, &line)))?;
    }
    Ok(())
}
