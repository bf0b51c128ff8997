//! The alert records (docs/rules.md §4.10): each alert analysed with its class, and each change
//! of an alert policy.

use serde::{Deserialize, Serialize};

/// What an alert turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertClass {
    /// Nothing was wrong: the policy fired on nothing worth an action.
    Noise,
    /// A problem already known and being handled.
    Known,
    /// A problem not known before.
    New,
    /// It became an incident.
    Incident,
}

impl AlertClass {
    pub const ALL: [AlertClass; 4] = [
        AlertClass::Noise,
        AlertClass::Known,
        AlertClass::New,
        AlertClass::Incident,
    ];

    /// The stable key used on the command line, in records and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            AlertClass::Noise => "noise",
            AlertClass::Known => "known",
            AlertClass::New => "new",
            AlertClass::Incident => "incident",
        }
    }

    pub fn from_key(key: &str) -> Option<AlertClass> {
        AlertClass::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// An alert analysed (`alert.logged`; `at` is when it was raised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub text: String,
    /// What raised it: a monitoring system, a product's alarm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub class: AlertClass,
    /// The alert policy that raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The incident it became, for class `incident`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
}

/// An alert policy set (`alert.policy_added`) or changed (`alert.policy_changed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub name: String,
    /// The rule in words: what fires, on which figure, past which threshold.
    pub rule: String,
}
