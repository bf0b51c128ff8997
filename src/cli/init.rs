//! `otss init`: a new contract, asked for at a terminal or given by flags.

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::Args;

use super::context::Context;
use super::prompt::{self, TextPrompt};
use super::{answered, restore_terminal_on_interrupt};
use crate::app::init::{self, Given, NewContract};
use crate::app::{Error, Input, Result, Usage, non_empty};
use crate::contract::{DEFAULT_ZONE, MAX_STAFF, parse_zone};
use crate::i18n::{InitQuestion as Q, Lang, Messages};
use crate::render::contract as template;
use crate::render::init::print_written;
use crate::service::Mode;
use crate::time::grammar::read_day;

const EXAMPLES: &str = examples!(
    "otss init                        asks, at a terminal, and writes ./otss.toml",
    "otss init --no-input --customer \"Example Securities Co.\" --mode 5x8 \\",
    "          --start 2025-01-02 --end 2025-12-31 --city Chengdu --staff 2",
    "otss --contract site/otss.toml init --language en",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct InitArgs {
    /// The customer, as named on service reports
    #[arg(long, value_name = "NAME")]
    customer: Option<String>,
    /// Who provides the service, named beside the customer on reports
    #[arg(long, value_name = "NAME")]
    provider: Option<String>,
    /// The service mode
    #[arg(long, value_parser = super::one_of(&Mode::ALL, Mode::key), value_name = "MODE")]
    mode: Option<Mode>,
    /// First day of the term: YYYY-MM-DD, today, 3/2 …
    #[arg(long, value_name = "DAY")]
    start: Option<String>,
    /// Last day of the term: YYYY-MM-DD, 12/31 …
    #[arg(long, value_name = "DAY")]
    end: Option<String>,
    /// City of the site, English or Chinese; decides the priority arrival time
    #[arg(long, value_name = "CITY")]
    city: Option<String>,
    /// Engineers on this contract [default: 1]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_STAFF as i64))]
    staff: Option<u32>,
    /// Who may record, as each sets OTSS_ENGINEER, separated by commas [default: anyone]
    #[arg(long, value_name = "NAMES", value_parser = engineers)]
    engineers: Option<Roster>,
    /// IANA time zone of the site [default: Asia/Shanghai]
    #[arg(long, value_name = "ZONE", value_parser = timezone)]
    timezone: Option<Tz>,
    /// Language of messages and reports [default: zh]
    #[arg(long, value_parser = super::one_of(&Lang::ALL, Lang::key), value_name = "LANG")]
    language: Option<Lang>,
    /// Never prompt: everything comes from the flags (as when there is no terminal)
    #[arg(long)]
    no_input: bool,
}

/// The engineers' names given with `--engineers`.
#[derive(Debug, Clone)]
struct Roster(Vec<String>);

/// The engineers' names typed, separated by commas.
fn engineers(text: &str) -> std::result::Result<Roster, String> {
    init::read_engineers(text).map(Roster).ok_or_else(|| {
        super::as_clap_speaks()
            .init_invalid(Q::Engineers)
            .to_string()
    })
}

/// A time zone typed: an IANA name.
fn timezone(text: &str) -> std::result::Result<Tz, String> {
    parse_zone(text).map_err(|unknown| super::as_clap_speaks().unknown_zone(&unknown))
}

pub fn run(context: &Context, args: InitArgs) -> Result<()> {
    let path = context.env.new_contract_path();
    let exists = || Error::ContractExists(path.clone());
    if init::taken(&path) {
        return Err(exists());
    }
    if let Some(site) = context.env.site_around() {
        return Err(Error::InsideSite(site));
    }
    let today = init::proposed_start(context.env.now, args.timezone);
    let term = Term {
        start: typed_day(args.start.as_deref(), today)?,
        end: typed_day(args.end.as_deref(), today)?,
    };
    let new = if context.interactive() && !args.no_input {
        restore_terminal_on_interrupt();
        ask(args, term, context.lang().unwrap_or(Lang::Zh), today)?
    } else {
        from_flags(args, term)?
    };
    let text = template::render(&new);
    let written = init::write(&context.env, &path, &text)?.ok_or_else(exists)?;
    let mut out = context.output(Some(written.contract.language));
    let contract_flag = context.env.contract_flag.as_deref();
    print_written(&mut out, &path, &written, contract_flag)?;
    Ok(out.flush()?)
}

/// The term's days given as flags, read by the time grammar (docs/rules.md §9.6).
#[derive(Debug, Clone, Copy)]
struct Term {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

fn typed_day(text: Option<&str>, today: NaiveDate) -> Result<Option<NaiveDate>> {
    text.map(|text| read_day(text, today).map_err(|_| Error::NotADay(text.to_string())))
        .transpose()
}

/// Without a terminal every required answer must come as a flag (exit 2 naming the missing).
fn from_flags(args: InitArgs, term: Term) -> Result<NewContract> {
    let (Some(customer), Some(mode), Some(start), Some(end)) =
        (args.customer.clone(), args.mode, term.start, term.end)
    else {
        let missing = [
            (Input::Customer, args.customer.is_none()),
            (Input::Mode, args.mode.is_none()),
            (Input::Start, term.start.is_none()),
            (Input::End, term.end.is_none()),
        ]
        .into_iter()
        .filter_map(|(input, missing)| missing.then_some(input))
        .collect();
        return Err(Usage::InitNeeds(missing).into());
    };
    init::check_term(start, end)?;
    let optional = |input, text: Option<String>| text.map(|t| non_empty(input, &t)).transpose();
    Ok(NewContract::new(Given {
        customer: non_empty(Input::Customer, &customer)?,
        provider: optional(Input::Provider, args.provider)?,
        mode,
        start,
        end,
        timezone: args.timezone,
        city: optional(Input::City, args.city)?,
        staff: args.staff,
        engineers: args.engineers.map(|r| r.0).unwrap_or_default(),
        language: args.language,
    }))
}

/// At a terminal, asks what the flags do not say; `lang` is the language asked in until the
/// engineer picks the contract's.
fn ask(given: InitArgs, term: Term, lang: Lang, today: NaiveDate) -> Result<NewContract> {
    let language = match given.language {
        Some(language) => language,
        None => choose(
            lang.messages(),
            Q::Language,
            &[Lang::Zh, Lang::En],
            lang,
            |l| l.native_name().to_string(),
        )?,
    };
    let m = language.messages();
    let customer = given
        .customer
        .map_or_else(|| ask_required(m, Q::Customer), Ok)?;
    let provider = given
        .provider
        .map_or_else(|| ask_optional(m, Q::Provider), |p| Ok(Some(p)))?;
    let mode = given.mode.map_or_else(
        || {
            choose(m, Q::Mode, &Mode::ALL, Mode::FiveByEight, |mode| {
                m.mode_name(mode).to_string()
            })
        },
        Ok,
    )?;
    let timezone = given.timezone.map_or_else(
        || {
            answer(m, Q::TimeZone, Some(DEFAULT_ZONE.name().into()), |text| {
                or_invalid(m, Q::TimeZone, parse_zone(text).ok())
            })
        },
        Ok,
    )?;
    let start = term.start.map_or_else(
        || {
            answer(m, Q::Start, Some(today.to_string()), |text| {
                or_invalid(m, Q::Start, read_day(text, today).ok())
            })
        },
        Ok,
    )?;
    let end = term.end.map_or_else(
        || {
            answer(
                m,
                Q::End,
                Some(init::proposed_end(start).to_string()),
                |text| {
                    let end = or_invalid(m, Q::End, read_day(text, today).ok())?;
                    init::check_term(start, end).map_err(|r| m.term_ends_before_start(r.start))?;
                    Ok(end)
                },
            )
        },
        Ok,
    )?;
    let city = given
        .city
        .map_or_else(|| ask_optional(m, Q::City), |c| Ok(Some(c)))?;
    let staff = given.staff.map_or_else(
        || {
            let default = init::DEFAULT_STAFF.to_string();
            answer(m, Q::Staff, Some(default), |text| {
                or_invalid(m, Q::Staff, init::read_staff(text))
            })
        },
        Ok,
    )?;
    let engineers = given
        .engineers
        .map_or_else(|| ask_engineers(m), |r| Ok(r.0))?;
    Ok(NewContract {
        engineers,
        customer,
        provider,
        mode,
        start,
        end,
        timezone,
        city,
        staff,
        language,
    })
}

/// Asks until the answer reads as a `T`; `read` says what is wrong with one that does not.
fn answer<T>(
    m: &Messages,
    question: Q,
    default: Option<String>,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<T> {
    let mut input = TextPrompt::new(m, m.init_question(question));
    if let Some(default) = default {
        input = input.default(default);
    }
    let text = answered(
        input
            .validate_with(|text: &str| read(text.trim()).map(|_| ()))
            .interact_text(),
    )?;
    Ok(read(text.trim()).expect("the prompt takes only an answer that reads"))
}

/// Reads an answer, or says what the question needs.
fn or_invalid<T>(m: &Messages, question: Q, value: Option<T>) -> Result<T, String> {
    value.ok_or_else(|| m.init_invalid(question).to_string())
}

/// The engineers' names, or none (anyone may write) when the answer is left empty.
fn ask_engineers(m: &Messages) -> Result<Vec<String>> {
    let text: String = answered(
        TextPrompt::new(m, m.init_question(Q::Engineers))
            .allow_empty(true)
            .validate_with(|text: &str| {
                or_invalid(m, Q::Engineers, init::read_engineers(text)).map(|_| ())
            })
            .interact_text(),
    )?;
    Ok(init::read_engineers(&text).unwrap_or_default())
}

fn ask_required(m: &Messages, question: Q) -> Result<String> {
    answer(m, question, None, |text| {
        or_invalid(m, question, (!text.is_empty()).then(|| text.to_string()))
    })
}

fn ask_optional(m: &Messages, question: Q) -> Result<Option<String>> {
    let text: String = answered(
        TextPrompt::new(m, m.init_question(question))
            .allow_empty(true)
            .interact_text(),
    )?;
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// One of `choices`, picked with the arrow keys.
fn choose<T: Copy + PartialEq>(
    m: &Messages,
    question: Q,
    choices: &[T],
    default: T,
    name: impl Fn(T) -> String,
) -> Result<T> {
    let names: Vec<String> = choices.iter().map(|c| name(*c)).collect();
    let picked = answered(
        dialoguer::Select::with_theme(prompt::theme(m))
            .with_prompt(m.init_question(question))
            .items(&names)
            .default(choices.iter().position(|c| *c == default).unwrap_or(0))
            .interact(),
    )?;
    Ok(choices[picked])
}
