//! Alert management one alert at a time (docs/rules.md §4.10): every alert analysed is classed
//! as noise, known, new or incident (it became one), and every change of an alert policy is
//! recorded. A month's alerts are counted by class and by source, with the share that was
//! noise.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::record::alert::{Alert, AlertClass, Policy};
use crate::record::{Event, Record, select};
use crate::suggest::closest;

/// Why an alert or a policy change cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertError {
    /// `alert policy add` of a policy there is already.
    PolicyExists { name: String },
    /// `alert policy change` of a policy never added: the closest there is.
    NoSuchPolicy { name: String, near: Option<String> },
    /// `alert policy change` that leaves the rule as it was.
    RuleUnchanged { name: String },
    /// An incident named for an alert classed as something else.
    IncidentOfClass { class: AlertClass },
}

/// Something recorded, with its record's id, time and author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen<T> {
    pub id: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub item: T,
}

impl<T: Clone> Seen<T> {
    fn of(record: &Record, item: &T) -> Seen<T> {
        Seen {
            id: record.id.clone(),
            at: record.instant(),
            by: record.by.clone(),
            item: item.clone(),
        }
    }
}

/// A policy added or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyChange {
    pub policy: Policy,
    /// Added, not changed.
    pub added: bool,
}

/// The alerts among `records`, in the order they were raised.
pub fn alerts(records: &[Record]) -> Vec<Seen<Alert>> {
    let picked = select(records, |event| match event {
        Event::AlertLogged(alert) => Some(alert.as_ref()),
        _ => None,
    });
    picked.into_iter().map(|(r, a)| Seen::of(r, a)).collect()
}

/// The policy changes among `records`, in the order they were made.
pub fn policy_changes(records: &[Record]) -> Vec<Seen<PolicyChange>> {
    let mut changes: Vec<(&Record, PolicyChange)> = records
        .iter()
        .filter_map(|record| {
            let (policy, added) = match &record.event {
                Event::AlertPolicyAdded(policy) => (policy, true),
                Event::AlertPolicyChanged(policy) => (policy, false),
                _ => return None,
            };
            let policy = policy.clone();
            Some((record, PolicyChange { policy, added }))
        })
        .collect();
    changes.sort_by(|a, b| Record::fold_order(a.0, b.0));
    changes.into_iter().map(|(r, c)| Seen::of(r, &c)).collect()
}

/// Each policy's rule as it stands after `changes`, by its name in lower case.
fn policies(changes: &[Seen<PolicyChange>]) -> BTreeMap<String, &Policy> {
    changes
        .iter()
        .map(|c| (c.item.policy.name.to_lowercase(), &c.item.policy))
        .collect()
}

/// Whether `policy` may be added (`added`) or changed to, given the changes so far: a name is
/// added once, in any case, and changed only once added, to a rule that differs.
pub fn check_policy(
    changes: &[Seen<PolicyChange>],
    policy: &Policy,
    added: bool,
) -> Result<(), AlertError> {
    let policies = policies(changes);
    let name = policy.name.clone();
    match (policies.get(&policy.name.to_lowercase()), added) {
        (Some(_), true) => Err(AlertError::PolicyExists { name }),
        (None, false) => {
            let near = closest(&name, policies.values().map(|p| p.name.as_str()));
            let near = near.map(str::to_string);
            Err(AlertError::NoSuchPolicy { name, near })
        }
        (Some(current), false) if current.rule == policy.rule => {
            Err(AlertError::RuleUnchanged { name })
        }
        _ => Ok(()),
    }
}

/// The class of an alert logged with `class` and `incident` given: an alert that became an
/// incident is of class incident; an alert given no class is new.
pub fn class_of(
    class: Option<AlertClass>,
    incident: Option<&str>,
) -> Result<AlertClass, AlertError> {
    match (class, incident) {
        (Some(class), Some(_)) if class != AlertClass::Incident => {
            Err(AlertError::IncidentOfClass { class })
        }
        (None, Some(_)) => Ok(AlertClass::Incident),
        (class, _) => Ok(class.unwrap_or(AlertClass::New)),
    }
}

/// A period's alerts, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertFigures {
    /// How many of each class, every class named.
    pub by_class: BTreeMap<AlertClass, u32>,
    /// How many from each source; alerts that name none under "".
    pub by_source: BTreeMap<String, u32>,
    /// The alerts that became incidents.
    pub to_incidents: Vec<Seen<Alert>>,
    pub policy_changes: Vec<Seen<PolicyChange>>,
}

impl AlertFigures {
    /// The figures of the alerts and policy changes among `records`.
    pub fn of(records: &[Record]) -> AlertFigures {
        let mut figures = AlertFigures {
            policy_changes: policy_changes(records),
            ..AlertFigures::default()
        };
        for class in AlertClass::ALL {
            figures.by_class.insert(class, 0);
        }
        for alert in alerts(records) {
            *figures.by_class.entry(alert.item.class).or_default() += 1;
            let source = alert.item.source.clone().unwrap_or_default();
            *figures.by_source.entry(source).or_default() += 1;
            if alert.item.class == AlertClass::Incident {
                figures.to_incidents.push(alert);
            }
        }
        figures
    }

    /// These figures and `other`'s, of the period after, together.
    pub fn add(&mut self, other: &AlertFigures) {
        for (class, n) in &other.by_class {
            *self.by_class.entry(*class).or_default() += n;
        }
        for (source, n) in &other.by_source {
            *self.by_source.entry(source.clone()).or_default() += n;
        }
        self.to_incidents.extend(other.to_incidents.iter().cloned());
        self.policy_changes
            .extend(other.policy_changes.iter().cloned());
    }

    pub fn total(&self) -> u32 {
        self.by_class.values().sum()
    }

    /// The share of the alerts that was noise, in whole percent; none without alerts.
    pub fn noise_percent(&self) -> Option<u32> {
        let noise = self.by_class.get(&AlertClass::Noise).copied().unwrap_or(0);
        let total = self.total();
        (total > 0).then(|| noise * 100 / total)
    }
}

#[cfg(test)]
mod tests;
