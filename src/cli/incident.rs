//! `otss incident`: report incidents, record what happens to them, show and list them, and
//! write their recovery reports.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};

use super::context::Context;
use crate::app::{Site, Wanted, new_record_id};
use crate::contract::Level;
use crate::ids::{self, short_id};
use crate::incident::{
    self, Action, ClockName, Incident, NewIncident, Status, check_report_time, find, fold,
};
use crate::inspect::{self, Risk};
use crate::output::{Output, Tone};
use crate::record::Event;
use crate::record::incident::{Noted, Resolved, Subject};
use crate::render::human::moment;
use crate::render::incident as view;
use crate::render::json::incident::{IncidentJson, RecoveryJson};
use crate::sla::{ClockState, Sla};
use crate::time::parse_instant;

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
    ))]
    Open(OpenArgs),
    #[command(flatten)]
    Action(ActionCommand),
    /// Show an incident: its clocks and timeline
    #[command(after_help = examples!(
        "otss incident show K7Q                     any unique prefix of the id",
        "otss incident show K7Q --json | jq .response_due",
    ))]
    Show {
        /// The incident id, or any unique prefix of it
        id: String,
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
    /// The recovery report (故障恢复报告) of an incident
    #[command(after_help = examples!(
        "otss incident report K7Q > recovery.md",
        "otss --lang en incident report K7Q --format json",
    ))]
    Report {
        /// The incident id, or any unique prefix of it
        id: String,
        #[arg(long, value_enum, default_value_t = RecoveryFormat::Md)]
        format: RecoveryFormat,
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
    ))]
    Onsite {
        #[command(flatten)]
        action: ActionArgs,
        /// A later arrival time agreed with the customer
        #[arg(long, value_name = "TIME")]
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
        /// The new level: 1, 2 or 3
        level: Level,
    },
    /// Add a note to the timeline
    #[command(after_help = examples!(
        "otss incident note K7Q \"vendor ticket 4521 opened\"",
    ))]
    Note {
        #[command(flatten)]
        action: ActionArgs,
        /// The note
        text: String,
    },
    /// Record that the incident is resolved
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
    fn parts(&self) -> (&ActionArgs, Action) {
        match self {
            ActionCommand::Ack(a) => (a, Action::Acknowledge),
            ActionCommand::Onsite { action, .. } => (action, Action::OnsiteRequest),
            ActionCommand::Arrive(a) => (a, Action::Arrive),
            ActionCommand::Level { action, level } => (action, Action::Level(*level)),
            ActionCommand::Note { action, .. } => (action, Action::Note),
            ActionCommand::Resolve { action, .. } => (action, Action::Resolve),
            ActionCommand::Close(a) => (a, Action::Close),
            ActionCommand::Reopen(a) => (a, Action::Reopen),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecoveryFormat {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// 1 platform down, 2 partly failing, 3 ordinary fault
    #[arg(long)]
    level: Level,
    /// What is wrong, in a line [default with --from-risk: the finding]
    #[arg(long, required_unless_present = "from_risk")]
    title: Option<String>,
    /// More detail
    #[arg(long)]
    description: Option<String>,
    /// When it was reported: RFC 3339 or "YYYY-MM-DD HH:MM[:SS]" [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// The customer asks for an engineer on site with the report
    #[arg(long)]
    onsite: bool,
    /// Open it from an inspection risk (`otss risk list`), and link them
    #[arg(long, value_name = "RISK")]
    from_risk: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    /// The incident id, or any unique prefix of it
    id: String,
    /// When it happened: RFC 3339 or "YYYY-MM-DD HH:MM[:SS]" [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(context: &Context, command: IncidentCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        IncidentCommand::Open(args) => open(context, &site, &mut out, args)?,
        IncidentCommand::Show { id, json } => {
            let incidents = load(context, &site, &mut out, Wanted::Id(&id))?;
            let incident = find(&incidents, &id)?;
            print_incident(context, &site, &mut out, incident, json)?;
        }
        IncidentCommand::List { open, json } => list(context, &site, &mut out, open, json)?,
        IncidentCommand::Report { id, format } => {
            let incidents = load(context, &site, &mut out, Wanted::Id(&id))?;
            let incident = find(&incidents, &id)?;
            let report = view::Recovery::new(incident, &site.contract, context.env.now);
            match format {
                RecoveryFormat::Md => out.lines(view::markdown(&report, out.messages()))?,
                RecoveryFormat::Json => out.json(&RecoveryJson::new(&report, out.messages()))?,
            }
        }
        IncidentCommand::Action(action) => record_action(context, &site, &mut out, action)?,
    }
    Ok(out.flush()?)
}

fn load(
    context: &Context,
    site: &Site,
    out: &mut Output,
    wanted: Wanted,
) -> anyhow::Result<Vec<Incident>> {
    Ok(fold(&context.read(site, out, |ledger| {
        ledger.incident_records(wanted)
    })?))
}

fn open(context: &Context, site: &Site, out: &mut Output, args: OpenArgs) -> anyhow::Result<()> {
    let zone = site.contract.timezone;
    let reported_at = context.env.at(site, args.at.as_deref())?;
    check_report_time(reported_at, context.env.now, &site.contract)?;
    let risk = match &args.from_risk {
        Some(typed) => Some(open_risk(context, site, out, typed)?),
        None => None,
    };
    let title = match (&args.title, &risk) {
        (Some(title), _) => super::non_empty("--title", title)?,
        (None, Some(risk)) => inspect::incident_title(risk),
        (None, None) => anyhow::bail!("--title is missing: say what is wrong in a line"),
    };
    let index = context.read(site, out, |ledger| ledger.open_index())?;
    // A fresh random id almost never repeats one in use; when it does, draw again.
    let record_id = std::iter::repeat_with(new_record_id)
        .find(|id| !index.knows(&short_id(id)))
        .context("no free incident id")?;
    let sla = Sla::new(&site.contract, &site.calendar);
    let new = NewIncident {
        record_id: &record_id,
        from_risk: risk.map(|r| r.id),
        level: args.level,
        title,
        description: args.description,
        reported_at,
        onsite: args.onsite,
    };
    let event = incident::open_event(new, &sla, zone);
    let record = context.append(site, record_id, reported_at, event)?;
    let incidents = fold([&record]);
    print_incident(context, site, out, &incidents[0], args.json)
}

/// The open risk `typed` names; one already linked to an incident cannot open another.
fn open_risk(
    context: &Context,
    site: &Site,
    out: &mut Output,
    typed: &str,
) -> anyhow::Result<Risk> {
    let risks = inspect::risks(&context.read(site, out, |ledger| ledger.records(None))?);
    let risk = ids::find(&risks, |r| &r.id, typed, ids::Named::Risk)?;
    if let Some(incident) = &risk.incident {
        anyhow::bail!("risk {} has incident {incident} already", risk.id);
    }
    Ok(risk.clone())
}

/// Records an action on an existing incident, after checking it may be recorded.
fn record_action(
    context: &Context,
    site: &Site,
    out: &mut Output,
    command: ActionCommand,
) -> anyhow::Result<()> {
    let (args, action) = command.parts();
    let mut records = context.read(site, out, |ledger| {
        ledger.incident_records(Wanted::Id(&args.id))
    })?;
    let incidents = fold(&records);
    let incident = find(&incidents, &args.id)?;
    let at = context.env.at(site, args.at.as_deref())?;
    let zone = site.contract.timezone;
    incident.check(action, at, context.env.now, zone)?;
    let event = action_event(site, incident, at, &command)?;
    let record = context.append(site, new_record_id(), at, event)?;
    let recorded = incident::happening(&record.event);
    records.push(record);
    let incidents = fold(&records);
    let updated = find(&incidents, &incident.id)?;
    if args.json {
        out.json(&IncidentJson::new(
            updated,
            zone,
            context.env.now,
            out.messages(),
        ))?;
    } else {
        let m = out.messages();
        let line = list_line(out, site, updated, context.env.now);
        let what = recorded.map(|h| m.happening(&h, zone)).unwrap_or_default();
        out.line(m.labelled(&what, &line))?;
    }
    Ok(())
}

fn action_event(
    site: &Site,
    incident: &Incident,
    at: DateTime<Utc>,
    command: &ActionCommand,
) -> anyhow::Result<Event> {
    let zone = site.contract.timezone;
    let sla = Sla::new(&site.contract, &site.calendar);
    let subject = || Subject {
        incident: incident.id.clone(),
    };
    Ok(match command {
        ActionCommand::Ack(_) => Event::IncidentAcknowledged(subject()),
        ActionCommand::Arrive(_) => Event::IncidentArrived(subject()),
        ActionCommand::Close(_) => Event::IncidentClosed(subject()),
        ActionCommand::Reopen(_) => Event::IncidentReopened(subject()),
        ActionCommand::Onsite { agreed, .. } => {
            let agreed = agreed
                .as_deref()
                .map(|t| parse_instant(t, zone).context("--agreed"))
                .transpose()?;
            incident::onsite_event(incident, at, agreed, &sla, zone)
        }
        ActionCommand::Level { level, .. } => incident::level_event(incident, *level, &sla, zone),
        ActionCommand::Note { text, .. } => Event::IncidentNoted(Noted {
            incident: incident.id.clone(),
            text: super::non_empty("the note", text)?,
        }),
        ActionCommand::Resolve {
            summary,
            impact,
            cause,
            fix,
            ..
        } => Event::IncidentResolved(Resolved {
            incident: incident.id.clone(),
            summary: super::non_empty("--summary", summary)?,
            impact: impact.clone(),
            cause: cause.clone(),
            fix: fix.clone(),
        }),
    })
}

fn list(
    context: &Context,
    site: &Site,
    out: &mut Output,
    open_only: bool,
    json: bool,
) -> anyhow::Result<()> {
    let wanted = if open_only { Wanted::Open } else { Wanted::All };
    let incidents = load(context, site, out, wanted)?;
    let listed = by_urgency(&incidents, open_only);
    let zone = site.contract.timezone;
    if json {
        let objects: Vec<IncidentJson> = listed
            .iter()
            .map(|i| IncidentJson::new(i, zone, context.env.now, out.messages()))
            .collect();
        return Ok(out.json(&objects)?);
    }
    if listed.is_empty() {
        return Ok(out.line(out.messages().no_incidents(open_only))?);
    }
    for incident in listed {
        let line = list_line(out, site, incident, context.env.now);
        out.line(line)?;
    }
    Ok(())
}

/// Incidents with running clocks first, nearest deadline first; then the rest, newest first.
pub fn by_urgency(incidents: &[Incident], open_only: bool) -> Vec<&Incident> {
    let mut listed: Vec<&Incident> = incidents
        .iter()
        .filter(|i| !open_only || i.status == Status::Open)
        .collect();
    listed.sort_by_key(|i| {
        let nearest = i.running_clocks().first().map(|(_, clock)| clock.due);
        (nearest.is_none(), nearest, std::cmp::Reverse(i.reported_at))
    });
    listed
}

/// One line: id, level, status, the running clocks with countdowns, title.
pub fn list_line(out: &Output, site: &Site, incident: &Incident, now: DateTime<Utc>) -> String {
    let m = out.messages();
    let mut parts = vec![
        out.paint(Tone::Heading, &incident.id),
        m.level(incident.level.number()),
        m.status(incident.status).to_string(),
    ];
    parts.extend(
        incident
            .running_clocks()
            .into_iter()
            .map(|(name, clock)| countdown(out, name, clock.state(now, site.contract.sla.at_risk))),
    );
    parts.push(incident.title.clone());
    parts.join(" · ")
}

/// A running clock as a countdown, coloured when at risk or breached.
fn countdown(out: &Output, name: ClockName, state: ClockState) -> String {
    let m = out.messages();
    match state {
        ClockState::Pending {
            left,
            at_risk: false,
        } => m.due_in(name, left),
        ClockState::Pending {
            left,
            at_risk: true,
        } => out.paint(Tone::Warning, &m.at_risk(&m.due_in(name, left))),
        ClockState::Breached { by } => out.paint(Tone::Breach, &m.breached(name, by)),
        ClockState::Met => m.verdict(Some(true)).to_string(),
    }
}

fn print_incident(
    context: &Context,
    site: &Site,
    out: &mut Output,
    incident: &Incident,
    json: bool,
) -> anyhow::Result<()> {
    let zone = site.contract.timezone;
    let m = out.messages();
    if json {
        return Ok(out.json(&IncidentJson::new(incident, zone, context.env.now, m))?);
    }
    let today = incident.reported_at.with_timezone(&zone).date_naive();
    let when = |t: DateTime<Utc>| moment(t, zone, today, m);
    let line = list_line(out, site, incident, context.env.now);
    out.line(line)?;
    out.line(m.reported(
        &view::full_time(incident.reported_at, zone),
        &incident.reported_by,
    ))?;
    let report = view::Recovery::new(incident, &site.contract, context.env.now);
    let rows = report.clock_rows(m, when);
    let header = view::clock_header(m);
    out.table(header, rows)?;
    for entry in &incident.timeline {
        out.line(format!(
            "{}  {}  {}",
            when(entry.at),
            entry.by,
            m.happening(&entry.happening, zone)
        ))?;
    }
    Ok(())
}
