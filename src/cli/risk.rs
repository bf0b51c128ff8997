//! `otss risk list`: abnormal inspection findings, and what became of them.

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::Subcommand;

use super::context::Context;
use crate::app::{Result, risk};
use crate::inspect::Risk;
use crate::output::{Output, Tone};
use crate::render::human::moment;
use crate::render::json::risk::RiskJson;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss risk list --open",
    "otss incident open --from-risk Q2M --level 2     open an incident from one",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum RiskCommand {
    /// Risks found by inspections: open until an incident is opened from them or a later round
    /// finds the item ok
    #[command(after_help = EXAMPLES)]
    List {
        /// Only risks still open
        #[arg(long)]
        open: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(context: &Context, command: RiskCommand) -> Result<()> {
    let RiskCommand::List { open, json } = command;
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let risks = context.read(&site, &mut out, |ledger| risk::risks(ledger, open))?;
    let zone = site.contract.timezone;
    if json {
        let risks: Vec<RiskJson> = risks.iter().map(|risk| RiskJson::new(risk, zone)).collect();
        out.json(&risks)?;
        return Ok(out.flush()?);
    }
    let m = out.messages();
    if risks.is_empty() {
        out.line(m.no_risks(open))?;
    }
    let today = local_date(context.env.now, zone);
    for risk in &risks {
        let line = risk_line(&out, risk, zone, today);
        out.line(line)?;
    }
    Ok(out.flush()?)
}

/// A risk on one line, its times as read on `today`: what was found, how often and when last,
/// what became of it, and who found it when.
pub(super) fn risk_line(out: &Output, risk: &Risk, zone: Tz, today: NaiveDate) -> String {
    let m = out.messages();
    let state = m.risk_state(risk.open, risk.incident.as_deref());
    let tone = if risk.open {
        Tone::Warning
    } else {
        Tone::Plain
    };
    let mut parts = vec![
        out.paint(Tone::Heading, &risk.id),
        m.inspection_kind(risk.kind).to_string(),
        m.labelled(&risk.item, &risk.note),
    ];
    if risk.seen > 1 {
        let seen = m.risk_seen(risk.seen, &moment(risk.last_seen, zone, today, m));
        parts.push(if risk.last_note == risk.note {
            seen
        } else {
            m.labelled(&seen, &risk.last_note)
        });
    }
    parts.extend([
        out.paint(tone, &state),
        format!("{} {}", moment(risk.at, zone, today, m), risk.by),
    ]);
    parts.join(" · ")
}
