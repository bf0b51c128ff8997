//! The languages otss speaks: Chinese, the users' working language, and English.

use serde::Serialize;

/// A language for human-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_key(key: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The language's own name, for choosing it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文 (zh)",
            Lang::En => "English (en)",
        }
    }
}
