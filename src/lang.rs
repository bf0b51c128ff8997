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

    /// The language a locale-style value names, in any case: `zh`, `EN`, `zh_CN.UTF-8`,
    /// `en-US`, `C.UTF-8` is none.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let language = value.trim().split(['_', '-', '.', '@']).next()?;
        Lang::from_key(&language.to_ascii_lowercase())
    }

    /// The language's own name, for choosing it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文 (zh)",
            Lang::En => "English (en)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_values_name_their_language_in_any_case() {
        for (value, lang) in [
            ("zh", Some(Lang::Zh)),
            ("ZH", Some(Lang::Zh)),
            ("EN", Some(Lang::En)),
            (" en ", Some(Lang::En)),
            ("zh_CN.UTF-8", Some(Lang::Zh)),
            ("zh-Hans", Some(Lang::Zh)),
            ("en_US.utf8", Some(Lang::En)),
            ("en@euro", Some(Lang::En)),
            ("C.UTF-8", None),
            ("fr_FR", None),
            ("", None),
            ("_zh", None),
        ] {
            assert_eq!(Lang::from_locale(value), lang, "{value}");
        }
    }
}
