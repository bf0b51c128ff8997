//! A new contract file, written by `otss init` with a comment on every key.

use crate::app::init::NewContract;
use crate::contract::ServiceHours;
use crate::i18n::ContractComment as Key;
use crate::service::Mode;

/// A TOML string: quoted, with every character TOML needs escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// One `key = value` line after the comment that explains it.
fn line(key: &str, value: &str, comment: &str) -> String {
    format!("{}\n{key} = {value}\n", commented(comment))
}

/// Text as TOML comment lines.
fn commented(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|line| format!("# {line}")).collect();
    lines.join("\n")
}

/// An optional key: set when given, else shown commented out with an example value.
fn optional_line(key: &str, value: Option<&str>, example: &str, comment: &str) -> String {
    match value {
        Some(value) => line(key, &quoted(value), comment),
        None => format!("{}\n# {key} = {}\n", commented(comment), quoted(example)),
    }
}

/// The contract file, commented in its own language so that it can be edited without the
/// manual.
pub fn render(new: &NewContract) -> String {
    let m = new.language.messages();
    let say = |key| m.contract_comment(key);
    let mut text = format!("{}\n\n", commented(say(Key::Header)));
    text += &line("customer", &quoted(&new.customer), say(Key::Customer));
    text += &optional_line(
        "provider",
        new.provider.as_deref(),
        "Example Cloud",
        say(Key::Provider),
    );
    text += &line("mode", &quoted(new.mode.key()), say(Key::Mode));
    text += &line("start", &new.start.to_string(), say(Key::Start));
    text += &line("end", &new.end.to_string(), say(Key::End));
    text += &line("timezone", &quoted(new.timezone.name()), say(Key::TimeZone));
    text += &optional_line("city", new.city.as_deref(), "Chengdu", say(Key::City));
    text += &line("staff", &new.staff.to_string(), say(Key::Staff));
    let engineers: Vec<String> = new.engineers.iter().map(|name| quoted(name)).collect();
    let engineers = format!("[{}]", engineers.join(", "));
    text += &match new.engineers.is_empty() {
        false => line("engineers", &engineers, say(Key::Engineers)),
        true => format!(
            "{}\n# engineers = [\"zhang.wei\", \"li.na\"]\n",
            commented(say(Key::Engineers))
        ),
    };
    text += &line("language", &quoted(new.language.key()), say(Key::Language));
    text += &line("ledger", &quoted("ledger"), say(Key::Ledger));
    if new.mode == Mode::FiveByEight {
        let hours = ServiceHours::default();
        text += &format!("\n{}\n[hours]\n", commented(say(Key::Hours)));
        text += &line(
            "start",
            &quoted(&hours.start.format("%H:%M").to_string()),
            say(Key::HoursStart),
        );
        text += &line(
            "end",
            &quoted(&hours.end.format("%H:%M").to_string()),
            say(Key::HoursEnd),
        );
    }
    text += &format!("\n{}\n", commented(say(Key::More)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Contract;
    use crate::lang::Lang;

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
            engineers: vec!["li.na".to_string(), "Zhang \"Wei\"".to_string()],
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
            assert_eq!(contract.engineers, ["li.na", "Zhang \"Wei\""]);
            assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
            assert!(
                text.contains("# 客户名称"),
                "comments follow the language:
{text}"
            );
        }
    }

    #[test]
    fn keys_left_out_are_shown_commented_and_take_their_defaults() {
        let text = render(&NewContract {
            provider: None,
            city: None,
            engineers: Vec::new(),
            ..new(Mode::FiveByEight)
        });
        assert!(text.contains("\n# city = \"Chengdu\"\n"), "{text}");
        assert!(
            text.contains("\n# engineers = [\"zhang.wei\", \"li.na\"]\n"),
            "{text}"
        );
        let contract = Contract::parse(&text, "otss.toml").unwrap();
        assert_eq!((contract.city, contract.provider), (None, None));
        assert!(contract.engineers.is_empty());
    }
}
