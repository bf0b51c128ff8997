//! The message catalogue: every human-facing word otss prints, in Chinese and English.
//!
//! One file per topic holds its messages, each giving its words in every language side by
//! side: a message matches on the language with no catch-all arm, or hands its words as a
//! (Chinese, English) pair to `pick`, which does. A language missing from a message does not
//! compile. Renderers ask the catalogue and never spell out words.

mod alert;
mod calendar;
mod capacity;
mod contract;
mod correction;
mod duplicate;
mod errors;
mod export;
mod feedback;
mod fingerprint;
mod help;
mod incident;
mod init;
mod input;
mod ledger;
mod report;
mod routine;
mod search;
mod sla;
mod sync;
mod words;

pub use crate::lang::Lang;
pub use alert::AlertLabel;
pub use calendar::day_name;
pub use capacity::CapacityLabel;
pub use contract::ContractField;
pub use export::PortfolioLabel;
pub use feedback::FeedbackLabel;
#[cfg(test)]
pub use help::english_help_texts;
pub use help::{HelpHeading, Refused, RefusedKind};
pub use incident::RecoveryLabel;
pub use init::{ContractComment, InitQuestion, PathKind};
pub use report::ReportLabel;
pub use sla::PrioritySite;

/// The messages, in one language.
#[derive(Debug)]
pub struct Messages {
    lang: Lang,
}

impl Lang {
    pub fn messages(self) -> &'static Messages {
        match self {
            Lang::Zh => &Messages { lang: Lang::Zh },
            Lang::En => &Messages { lang: Lang::En },
        }
    }
}

impl Messages {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Of words written in each language, side by side as (Chinese, English), this language's.
    fn pick<T>(&self, (zh, en): (T, T)) -> T {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_keys_round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_key(lang.key()), Some(lang));
        }
        assert_eq!(Lang::from_key("fr"), None);
    }
}
