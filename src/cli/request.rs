//! `otss request`: customer requests, classified against the scope of service.

use clap::Subcommand;

use super::context::Context;
use super::duplicate::unless_declined;
use crate::app::feedback::{self, Aged, Moving};
use crate::app::routine;
use crate::app::{Input, Result, Site, Usage, non_empty};
use crate::ids::short_id;
use crate::output::{Output, Tone};
use crate::record::request::Request;
use crate::render::human::moment;
use crate::render::json::feedback::{MovedJson, RequestJson};
use crate::render::json::routine::stamped;
use crate::request::Scope;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss request add \"把 IDC 的数据迁移到 TencentDB\"",
    "otss request add \"review our CVM alarm thresholds\" --json",
    "otss request add \"帮忙办理网站 ICP 备案\" --scope out:other --reason \"ICP 备案不在服务范围\"",
    "otss request list 2025-03",
    "otss request forward Q2MX7K --to \"CLB 产品团队\"",
    "otss request answer Q2MX7K \"已将告警阈值调整为 85%\"",
    "otss request close Q2MX7K",
    "otss request decline Q2MX7K --reason \"属于软件开发，不在服务范围\"",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum RequestCommand {
    /// Record a customer request; it is classified in or out of scope by its words
    #[command(after_help = examples!(
        "otss request add \"check why the CLB returns 502\"",
        "otss request add \"write a new mobile app\" --json",
        "otss request add \"move the office network\" --scope out:facility",
        "otss request add \"file our ICP licence\" --scope out:other --reason \"paperwork, not support\"",
        "otss request add \"check why the CLB returns 502\" --force   # asked again within 10 minutes",
    ))]
    Add {
        /// What the customer asks for
        text: String,
        /// Decide the scope yourself: `in`, or `out:CATEGORY` (`out:other` for anything else
        /// outside the service, with --reason)
        #[arg(long, value_name = "SCOPE", value_parser = scope)]
        scope: Option<Scope>,
        /// Why you decided the scope; required with `--scope out:other`
        #[arg(long, value_name = "TEXT", requires = "scope")]
        reason: Option<String>,
        /// When it was asked [default: now]
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
        /// Record it even if the same request was added within 10 minutes (asked at a terminal)
        #[arg(long)]
        force: bool,
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
        /// Requests are listed with their ids always; taken as by every list
        #[arg(long, hide = true)]
        ids: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Pass a request on to whoever can answer it
    #[command(after_help = examples!(
        "otss request forward Q2MX7K --to \"CLB product team\"",
    ))]
    Forward {
        #[command(flatten)]
        request: RequestId,
        /// To whom: a team, a product line, a person
        #[arg(long, value_name = "WHOM")]
        to: String,
        #[command(flatten)]
        when: When,
    },
    /// Record the answer given to the customer, in a sentence
    #[command(after_help = examples!(
        "otss request answer Q2MX7K \"alarm thresholds raised to 85%\"",
    ))]
    Answer {
        #[command(flatten)]
        request: RequestId,
        /// The answer
        answer: String,
        #[command(flatten)]
        when: When,
    },
    /// Close a request whose answer the customer accepted
    #[command(after_help = examples!("otss request close Q2MX7K"))]
    Close {
        #[command(flatten)]
        request: RequestId,
        #[command(flatten)]
        when: When,
    },
    /// Decline a request, saying why
    #[command(after_help = examples!(
        "otss request decline Q2MX7K --reason \"software development, not support\"",
    ))]
    Decline {
        #[command(flatten)]
        request: RequestId,
        /// Why it will not be answered
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[command(flatten)]
        when: When,
    },
}

/// The request a move names.
#[derive(Debug, Clone, clap::Args)]
pub struct RequestId {
    /// The request's id, or any unique start of it (`otss request list` shows them)
    id: String,
}

/// When a move happened, and how to show it.
#[derive(Debug, Clone, clap::Args)]
pub struct When {
    /// When it happened [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// A scope typed: `in`, or `out:CATEGORY`.
fn scope(text: &str) -> std::result::Result<Scope, String> {
    text.parse()
        .map_err(|error| super::as_clap_speaks().scope_error(&error))
}

pub fn run(context: &Context, command: RequestCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let zone = site.contract.timezone;
    match command {
        RequestCommand::Add {
            text,
            scope,
            reason,
            at,
            force,
            json,
        } => {
            let text = non_empty(Input::Request, &text)?;
            let scope = scope.unwrap_or(Scope::ByRules);
            let reason = reason
                .map(|reason| non_empty(Input::Reason, &reason))
                .transpose()?;
            if scope.needs_reason() && reason.is_none() {
                return Err(Usage::ReasonNeeded.into());
            }
            let at = context.env.at_in_term(&site, at.as_deref())?;
            let request = Request::classified(&text, scope).with_reason(reason);
            let added = unless_declined(context, &mut out, force, |_, repeats| {
                context.read_quietly(&site, |ledger| {
                    let request = request.clone();
                    routine::add_request(&context.env, &site, ledger, at, request, repeats)
                })
            })?;
            let Some(added) = added else {
                return Ok(out.flush()?);
            };
            if json {
                out.json(&stamped(&added, zone))?;
            } else {
                let line = verdict_line(&out, &added.item);
                out.line(format!("{} · {line}", short_id(&added.record.id)))?;
            }
        }
        RequestCommand::List { period, json, .. } => {
            let period = context.env.period(&site, period.as_deref())?;
            let requests = context.read(&site, &mut out, |ledger| {
                feedback::requests_of(&context.env, &site, ledger, &period)
            })?;
            if json {
                let views: Vec<RequestJson> =
                    requests.iter().map(|r| RequestJson::new(r, zone)).collect();
                out.json(&views)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            let out_of_scope = requests.iter().filter(|r| !r.life.request.in_scope);
            let count = m.requests(requests.len(), out_of_scope.count());
            out.line(m.labelled(&period.label(), &count))?;
            let today = local_date(context.env.now, zone);
            for Aged {
                life,
                age,
                answered_in,
            } in &requests
            {
                let record = &life.record;
                let when = moment(record.instant(), zone, today, m);
                let line = verdict_line(&out, &life.request);
                let progress = m.request_progress(life, *age, *answered_in);
                out.line(format!(
                    "  {} · {when} · {} · {progress} · {line}",
                    short_id(&record.id),
                    record.by
                ))?;
            }
        }
        RequestCommand::Forward { request, to, when } => {
            let to = non_empty(Input::ForwardedTo, &to)?;
            move_request(
                context,
                &mut out,
                &site,
                request,
                Moving::Forward { to },
                when,
            )?;
        }
        RequestCommand::Answer {
            request,
            answer,
            when,
        } => {
            let answer = non_empty(Input::Answer, &answer)?;
            let moving = Moving::Answer { answer };
            move_request(context, &mut out, &site, request, moving, when)?;
        }
        RequestCommand::Close { request, when } => {
            move_request(context, &mut out, &site, request, Moving::Close, when)?;
        }
        RequestCommand::Decline {
            request,
            reason,
            when,
        } => {
            let reason = non_empty(Input::Reason, &reason)?;
            let moving = Moving::Decline { reason };
            move_request(context, &mut out, &site, request, moving, when)?;
        }
    }
    Ok(out.flush()?)
}

/// Moves the request named on, and says where it stands now.
fn move_request(
    context: &Context,
    out: &mut Output,
    site: &Site,
    request: RequestId,
    moving: Moving,
    when: When,
) -> Result<()> {
    let at = context.env.at(site, when.at.as_deref())?;
    let (record, life) = context.read_quietly(site, |ledger| {
        feedback::move_request(&context.env, site, ledger, &request.id, moving, at)
    })?;
    if when.json {
        out.json(&MovedJson::new(&record, &life, site.contract.timezone))?;
    } else {
        let line = out.messages().request_moved(&short_id(&record.id), &life);
        out.line(line)?;
    }
    Ok(())
}

/// The request and where it falls: "in scope", or the category and the words that decided.
fn verdict_line(out: &Output, request: &Request) -> String {
    let m = out.messages();
    let reason = request.reason.as_deref();
    let verdict = match request.category {
        None => m.in_scope(request.forced, reason),
        Some(category) => out.paint(
            Tone::Warning,
            &m.out_of_scope(category, &request.matched, request.forced, reason),
        ),
    };
    m.labelled(&verdict, &request.text)
}
