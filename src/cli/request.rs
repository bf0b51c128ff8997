//! `otss request`: customer requests, classified against the scope of service.

use clap::Subcommand;
use serde::Serialize;

use super::context::Context;
use crate::app::new_record_id;
use crate::ids::short_id;
use crate::output::Tone;
use crate::record::request::Request;
use crate::record::{Event, Record, select};
use crate::render::human::moment;
use crate::render::json::Stamped;
use crate::request::Scope;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss request add \"把 IDC 的数据迁移到 TencentDB\"",
    "otss request add \"review our CVM alarm thresholds\" --json",
    "otss request add \"帮忙写一个巡检脚本\" --scope out:software_dev_test",
    "otss request list 2025-03",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum RequestCommand {
    /// Record a customer request; it is classified in or out of scope by its words
    #[command(after_help = examples!(
        "otss request add \"check why the CLB returns 502\"",
        "otss request add \"write a new mobile app\" --json",
        "otss request add \"move the office network\" --scope out:facility",
    ))]
    Add {
        /// What the customer asks for
        text: String,
        /// Decide the scope yourself: `in`, or `out:CATEGORY`
        #[arg(long, value_name = "SCOPE")]
        scope: Option<Scope>,
        /// When it was asked [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The requests of a period
    #[command(after_help = examples!(
        "otss request list",
        "otss request list 2025 --json",
    ))]
    List {
        /// YYYY-MM, YYYY or YYYY-MM-DD [default: this month]
        period: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct RequestJson {
    id: String,
    #[serde(flatten)]
    stamped: Stamped<Request>,
}

impl RequestJson {
    fn new(record: &Record, request: &Request, zone: chrono_tz::Tz) -> RequestJson {
        RequestJson {
            id: short_id(&record.id),
            stamped: Stamped::new(record, request, zone),
        }
    }
}

pub fn run(context: &Context, command: RequestCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let zone = site.contract.timezone;
    match command {
        RequestCommand::Add {
            text,
            scope,
            at,
            json,
        } => {
            let text = super::non_empty("the request", &text)?;
            let at = context.env.at_in_term(&site, at.as_deref())?;
            let request = Request::classified(&text, scope.unwrap_or(Scope::ByRules));
            let record = context.append(
                &site,
                new_record_id(),
                at,
                Event::RequestAdded(request.clone()),
            )?;
            if json {
                out.json(&RequestJson::new(&record, &request, zone))?;
            } else {
                let line = verdict_line(&out, &request);
                out.line(format!("{} · {line}", short_id(&record.id)))?;
            }
        }
        RequestCommand::List { period, json } => {
            let period = context.env.period(&site, period.as_deref())?;
            let records = context.read(&site, &mut out, |ledger| ledger.records(Some(&period)))?;
            let requests: Vec<(&Record, &Request)> = select(&records, |event| match event {
                Event::RequestAdded(request) => Some(request),
                _ => None,
            })
            .into_iter()
            .filter(|(r, _)| period.contains(local_date(r.instant(), zone)))
            .collect();
            if json {
                let views: Vec<RequestJson> = requests
                    .iter()
                    .map(|(r, request)| RequestJson::new(r, request, zone))
                    .collect();
                out.json(&views)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            let out_of_scope = requests.iter().filter(|(_, r)| !r.in_scope).count();
            out.line(m.labelled(&period.label(), &m.requests(requests.len(), out_of_scope)))?;
            let today = local_date(context.env.now, zone);
            for (record, request) in requests {
                let when = moment(record.instant(), zone, today, m);
                let line = verdict_line(&out, request);
                out.line(format!(
                    "  {} · {when} · {} · {line}",
                    short_id(&record.id),
                    record.by
                ))?;
            }
        }
    }
    Ok(out.flush()?)
}

/// The request and where it falls: "in scope", or the category and the words that decided.
fn verdict_line(out: &crate::output::Output, request: &Request) -> String {
    let m = out.messages();
    let verdict = match request.category {
        None => m.in_scope(request.forced),
        Some(category) => out.paint(
            Tone::Warning,
            &m.out_of_scope(category, &request.matched, request.forced),
        ),
    };
    m.labelled(&verdict, &request.text)
}
