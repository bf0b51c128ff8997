//! `otss init`: a new contract, asked for at a terminal or given by flags.

use std::path::Path;

use chrono::{Months, NaiveDate};
use chrono_tz::Tz;
use clap::Args;

use super::context::Context;
use super::contract::warn;
use super::{non_empty, usage_error};
use crate::contract::template::{self, NewContract};
use crate::contract::{Contract, parse_zone};
use crate::i18n::{InitQuestion as Q, Lang, Messages};
use crate::service::Mode;
use crate::store;
use crate::time::local_date;

const EXAMPLES: &str = "\
Examples:
  otss init                        asks, at a terminal, and writes ./otss.toml
  otss init --no-input --customer \"Example Securities Co.\" --mode 5x8 \\
            --start 2025-01-02 --end 2025-12-31 --city Chengdu --staff 2
  otss --contract site/otss.toml init --language en";

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
    #[arg(long, value_parser = parse_mode, value_name = "5x8|7x24")]
    mode: Option<Mode>,
    /// First day of the term
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<NaiveDate>,
    /// Last day of the term
    #[arg(long, value_name = "YYYY-MM-DD")]
    end: Option<NaiveDate>,
    /// City of the site, English or Chinese; decides the priority arrival time
    #[arg(long, value_name = "CITY")]
    city: Option<String>,
    /// Engineers on this contract [default: 1]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..10_000))]
    staff: Option<u32>,
    /// IANA time zone of the site [default: Asia/Shanghai]
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    timezone: Option<Tz>,
    /// Language of messages and reports [default: --lang, else zh]
    #[arg(long, value_enum, value_name = "LANG")]
    language: Option<Lang>,
    /// Never prompt: everything comes from the flags (as when there is no terminal)
    #[arg(long)]
    no_input: bool,
}

fn parse_mode(text: &str) -> Result<Mode, &'static str> {
    Mode::from_key(text).ok_or("the service mode is \"5x8\" or \"7x24\"")
}

pub fn run(context: &Context, args: InitArgs) -> anyhow::Result<()> {
    let path = context.new_contract_path();
    let refuse = || already_exists(&path);
    if path.exists() {
        return Err(refuse());
    }
    let lang = args.language.or(context.lang()).unwrap_or(Lang::Zh);
    let new = if context.interactive() && !args.no_input {
        let zone = args.timezone.unwrap_or(chrono_tz::Asia::Shanghai);
        Wizard::new(args, local_date(context.now, zone)).ask(lang)?
    } else {
        from_flags(args, lang)?
    };
    let text = template::render(&new);
    let contract = Contract::parse(&text, &path.display().to_string())?;
    if !store::create_new(&path, &text)? {
        return Err(refuse());
    }
    let mut out = context.output(Some(contract.language));
    let m = out.messages();
    out.line(m.contract_written(&path.display().to_string()))?;
    warn(
        &mut out,
        &contract,
        &context.calendar(Some((&contract, &path)))?,
    )?;
    out.line(m.first_steps())?;
    Ok(out.flush()?)
}

fn already_exists(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} already exists, and `otss init` never replaces a contract: edit it and run \
         `otss contract check`, or write a new one elsewhere with --contract PATH",
        path.display()
    )
}

/// The term's last day when the engineer does not say: a year after its first.
fn a_year_on(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

/// Without a terminal every required answer must come as a flag (exit 2 naming the missing).
fn from_flags(args: InitArgs, lang: Lang) -> anyhow::Result<NewContract> {
    let (Some(customer), Some(mode), Some(start), Some(end)) =
        (args.customer.clone(), args.mode, args.start, args.end)
    else {
        let missing: Vec<&str> = [
            ("--customer", args.customer.is_none()),
            ("--mode", args.mode.is_none()),
            ("--start", args.start.is_none()),
            ("--end", args.end.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, missing)| missing.then_some(flag))
        .collect();
        return Err(usage_error(
            "init",
            format!(
                "`otss init` needs {} when it does not ask (no terminal, or --no-input)",
                missing.join(", ")
            ),
        ));
    };
    anyhow::ensure!(
        start <= end,
        "--end {end} is before --start {start}: the term's last day comes after its first"
    );
    Ok(NewContract {
        customer: non_empty("--customer", &customer)?,
        provider: args.provider,
        mode,
        start,
        end,
        timezone: args.timezone.unwrap_or(chrono_tz::Asia::Shanghai),
        city: args.city,
        staff: args.staff.unwrap_or(1),
        language: args.language.unwrap_or(lang),
    })
}

/// The questions of `otss init` at a terminal; what a flag already says is not asked.
struct Wizard {
    given: InitArgs,
    today: NaiveDate,
}

impl Wizard {
    fn new(given: InitArgs, today: NaiveDate) -> Wizard {
        Wizard { given, today }
    }

    fn ask(self, lang: Lang) -> anyhow::Result<NewContract> {
        let given = self.given;
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
        let modes = [Mode::FiveByEight, Mode::SevenByTwentyFour];
        let mode = given.mode.map_or_else(
            || {
                choose(m, Q::Mode, &modes, Mode::FiveByEight, |mode| {
                    m.mode_name(mode).to_string()
                })
            },
            Ok,
        )?;
        let timezone = given.timezone.map_or_else(
            || {
                answer(m, Q::TimeZone, Some("Asia/Shanghai".into()), |text| {
                    or_invalid(m, Q::TimeZone, parse_zone(text).ok())
                })
            },
            Ok,
        )?;
        let start = given.start.map_or_else(
            || {
                answer(m, Q::Start, Some(self.today.to_string()), |text| {
                    or_invalid(m, Q::Start, parse_date(text))
                })
            },
            Ok,
        )?;
        let end = given.end.map_or_else(
            || {
                answer(m, Q::End, Some(a_year_on(start).to_string()), |text| {
                    let end = or_invalid(m, Q::End, parse_date(text))?;
                    match end < start {
                        true => Err(m.term_ends_before_start(start)),
                        false => Ok(end),
                    }
                })
            },
            Ok,
        )?;
        let city = given
            .city
            .map_or_else(|| ask_optional(m, Q::City), |c| Ok(Some(c)))?;
        let staff = given.staff.map_or_else(
            || {
                answer(m, Q::Staff, Some("1".into()), |text| {
                    or_invalid(
                        m,
                        Q::Staff,
                        text.parse().ok().filter(|n| (1..10_000).contains(n)),
                    )
                })
            },
            Ok,
        )?;
        Ok(NewContract {
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
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

/// Asks until the answer reads as a `T`; `read` says what is wrong with one that does not.
fn answer<T>(
    m: &dyn Messages,
    question: Q,
    default: Option<String>,
    read: impl Fn(&str) -> Result<T, String>,
) -> anyhow::Result<T> {
    let mut input = dialoguer::Input::<String>::new().with_prompt(m.init_question(question));
    if let Some(default) = default {
        input = input.default(default);
    }
    let text = input
        .validate_with(|text: &String| read(text.trim()).map(|_| ()))
        .interact_text()?;
    read(text.trim()).map_err(anyhow::Error::msg)
}

/// Reads an answer, or says what the question needs.
fn or_invalid<T>(m: &dyn Messages, question: Q, value: Option<T>) -> Result<T, String> {
    value.ok_or_else(|| m.init_invalid(question).to_string())
}

fn ask_required(m: &dyn Messages, question: Q) -> anyhow::Result<String> {
    answer(m, question, None, |text| {
        or_invalid(m, question, (!text.is_empty()).then(|| text.to_string()))
    })
}

fn ask_optional(m: &dyn Messages, question: Q) -> anyhow::Result<Option<String>> {
    let text: String = dialoguer::Input::new()
        .with_prompt(m.init_question(question))
        .allow_empty(true)
        .interact_text()?;
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// One of `choices`, picked with the arrow keys.
fn choose<T: Copy + PartialEq>(
    m: &dyn Messages,
    question: Q,
    choices: &[T],
    default: T,
    name: impl Fn(T) -> String,
) -> anyhow::Result<T> {
    let names: Vec<String> = choices.iter().map(|c| name(*c)).collect();
    let picked = dialoguer::Select::new()
        .with_prompt(m.init_question(question))
        .items(&names)
        .default(choices.iter().position(|c| *c == default).unwrap_or(0))
        .interact()?;
    Ok(choices[picked])
}
