//! The fields of the incident records (`incident.*` types). Deadlines are pinned in the
//! records when a clock starts or a level changes, so that a later contract or calendar edit
//! never rewrites history (docs/rules.md §2).

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::sla::{Deadline, Rule};

use crate::contract::Level;

/// A deadline as stored: when, and by which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pinned {
    pub due: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub rule: Rule,
}

impl Pinned {
    pub fn new(deadline: Deadline, zone: Tz) -> Pinned {
        Pinned {
            due: deadline.due.with_timezone(&zone).fixed_offset(),
            rule: deadline.rule,
        }
    }

    pub fn due(&self) -> DateTime<Utc> {
        self.due.with_timezone(&Utc)
    }

    pub fn deadline(&self) -> Deadline {
        Deadline {
            due: self.due(),
            rule: self.rule,
        }
    }
}

/// A record about an incident that carries nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub incident: String,
}

/// The deadlines pinned when an incident is reported or changes level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clocks {
    pub response: Pinned,
    /// The arrival deadline, where presence was asked and an arrival clock applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Pinned>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Pinned>,
}

/// An incident is reported; `at` is the report time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    pub incident: String,
    pub level: Level,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The customer asked for an engineer on site with the report.
    #[serde(default)]
    pub onsite: bool,
    /// The inspection risk the incident was opened from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_risk: Option<String>,
    #[serde(flatten)]
    pub clocks: Clocks,
}

/// The customer asks for an engineer on site; `at` is when they asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnsiteRequested {
    pub incident: String,
    /// A later arrival time agreed with the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<DateTime<FixedOffset>>,
    /// `None` where no arrival clock applies (the engineer is on site in service hours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Pinned>,
}

/// The level changes; the deadlines are recomputed from the original report time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChanged {
    pub incident: String,
    pub from: Level,
    pub to: Level,
    #[serde(flatten)]
    pub clocks: Clocks,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Noted {
    pub incident: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    pub incident: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// The first response, as a merge carries it over: when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub at: DateTime<FixedOffset>,
    pub by: String,
}

/// The on-site request a merged incident's arrival clock runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<DateTime<FixedOffset>>,
}

/// A duplicate incident, opened for the same fault, is merged into this one (docs/rules.md
/// §10.2). The record carries what the merged incident takes from both: the earliest report,
/// the earliest on-site request, the first response and arrival, and the deadlines pinned
/// again from them at this incident's level. The duplicate's opening is voided beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merged {
    pub incident: String,
    pub duplicate: String,
    pub reported_at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onsite: Option<Asked>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responded: Option<Done>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<DateTime<FixedOffset>>,
    #[serde(flatten)]
    pub clocks: Clocks,
}

/// A text of an incident that can be corrected afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Summary,
    Impact,
    Cause,
    Fix,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Summary,
        Field::Impact,
        Field::Cause,
        Field::Fix,
    ];

    /// Whether the field belongs to the resolution, so only a resolved incident has it.
    pub fn of_resolution(self) -> bool {
        self != Field::Title
    }
}

/// Texts of an incident corrected (docs/rules.md §10.2): each field given replaces the one in
/// force; the latest amendment wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amended {
    pub incident: String,
    pub texts: std::collections::BTreeMap<Field, String>,
}
