//! A new contract file, written by `otss init` with a comment on every key.

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::service::Mode;

/// What a new contract says; everything else takes its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub customer: String,
    pub provider: Option<String>,
    pub mode: Mode,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub timezone: Tz,
    pub city: Option<String>,
    pub staff: u32,
    pub language: Lang,
}

/// A TOML string: quoted, with every character TOML needs escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// One `key = value` line after the comment that explains it.
fn line(key: &str, value: &str, comment: &str) -> String {
    format!("# {comment}\n{key} = {value}\n")
}

/// An optional key: set when given, else shown commented out with an example value.
fn optional_line(key: &str, value: Option<&str>, example: &str, comment: &str) -> String {
    match value {
        Some(value) => line(key, &quoted(value), comment),
        None => format!("# {comment}\n# {key} = {}\n", quoted(example)),
    }
}

/// The contract file, commented so that it can be edited without the manual.
pub fn render(new: &NewContract) -> String {
    let mut text = String::from(
        "# The on-site support contract. Check it with `otss contract check`; `otss contract show`\n\
         # prints it with every default filled in (service items, SLA budgets, checklists).\n\n",
    );
    text += &line(
        "customer",
        &quoted(&new.customer),
        "The customer, as named on service reports.",
    );
    text += &optional_line(
        "provider",
        new.provider.as_deref(),
        "Example Cloud",
        "Who provides the service, named beside the customer on reports.",
    );
    text += &line(
        "mode",
        &quoted(new.mode.key()),
        "\"5x8\": on site in service hours of the national calendar's working days;\n\
         # \"7x24\": on site around the clock, every day.",
    );
    text += &line("start", &new.start.to_string(), "First day of the term.");
    text += &line("end", &new.end.to_string(), "Last day of the term.");
    text += &line(
        "timezone",
        &quoted(new.timezone.name()),
        "IANA time zone: service hours and times typed with --at are read in it.",
    );
    text += &optional_line(
        "city",
        new.city.as_deref(),
        "Chengdu",
        "The site's city (English or Chinese): with enough engineers in a priority city,\n\
         # a level-1 arrival is due sooner.",
    );
    text += &line(
        "staff",
        &new.staff.to_string(),
        "Engineers assigned to this site.",
    );
    text += &line(
        "language",
        &quoted(new.language.key()),
        "Language of messages and reports: \"zh\" or \"en\".",
    );
    text += &line(
        "ledger",
        &quoted("ledger"),
        "The ledger directory, where every record is kept, relative to this file.",
    );
    if new.mode == Mode::FiveByEight {
        text += "\n# Service hours, from start up to (not including) end.\n[hours]\n";
        text += &line("start", &quoted("09:00"), "The first minute of service.");
        text += &line(
            "end",
            &quoted("18:00"),
            "The first minute off hours: 18:00:00 is already outside.",
        );
    }
    text += "\n# More, when the contract says so (see README, \"The contract\"): [sla] and \
             [sla.levelN] budgets,\n# [calendar] corrections, [inspections.KIND] checklists, \
             [backups] per_month, [reports] due_day.\n";
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Contract;

    fn new(mode: Mode) -> NewContract {
        NewContract {
            customer: "天府 \"示例\" 证券".to_string(),
            provider: Some("Example Cloud".to_string()),
            mode,
            start: "2025-01-02".parse().unwrap(),
            end: "2025-12-31".parse().unwrap(),
            timezone: chrono_tz::Asia::Shanghai,
            city: Some("成都".to_string()),
            staff: 2,
            language: Lang::Zh,
        }
    }

    #[test]
    fn a_new_contract_reads_back_as_it_was_given() {
        for mode in [Mode::FiveByEight, Mode::SevenByTwentyFour] {
            let text = render(&new(mode));
            let contract = Contract::parse(&text, "otss.toml").unwrap();
            assert_eq!(contract.customer, "天府 \"示例\" 证券");
            assert_eq!(contract.provider.as_deref(), Some("Example Cloud"));
            assert_eq!((contract.mode, contract.staff), (mode, 2));
            assert_eq!(contract.city.as_deref(), Some("成都"));
            assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
        }
    }

    #[test]
    fn keys_left_out_are_shown_commented_and_take_their_defaults() {
        let text = render(&NewContract {
            provider: None,
            city: None,
            ..new(Mode::FiveByEight)
        });
        assert!(text.contains("\n# city = \"Chengdu\"\n"), "{text}");
        let contract = Contract::parse(&text, "otss.toml").unwrap();
        assert_eq!((contract.city, contract.provider), (None, None));
    }
}
