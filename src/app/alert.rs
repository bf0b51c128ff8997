//! Alert management (docs/rules.md §4.10): logging each alert analysed with its class, listing a
//! period's alerts, and recording the changes of alert policies.

use chrono::{DateTime, Utc};

use super::write::write;
use super::{Environment, Ledger, Result, Site, incident};
use crate::alert::{self, Seen, check_policy, class_of, policy_changes};
use crate::period::Period;
use crate::record::alert::{Alert, AlertClass, Policy};
use crate::record::{Event, Record, types};
use crate::time::local_date;

/// An alert as typed: its class and the incident it became, if said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logging {
    pub text: String,
    pub source: Option<String>,
    pub class: Option<AlertClass>,
    pub policy: Option<String>,
    /// The incident it became, as typed: any unique start of its id.
    pub incident: Option<String>,
}

/// Records the alert raised at `at`; the incident named must be one there is.
pub fn log(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    logging: Logging,
) -> Result<(Record, Alert)> {
    let class = class_of(logging.class, logging.incident.as_deref())?;
    let incident = match logging.incident {
        Some(typed) => Some(incident::find(ledger, &typed)?.id),
        None => None,
    };
    let alert = Alert {
        text: logging.text,
        source: logging.source,
        class,
        policy: logging.policy,
        incident,
    };
    let record = write(env, site, at, Event::AlertLogged(Box::new(alert.clone())))?;
    Ok((record, alert))
}

/// The alerts raised within `period`, in the order they were raised.
pub fn alerts_of(site: &Site, ledger: &mut Ledger, period: &Period) -> Result<Vec<Seen<Alert>>> {
    let records = ledger.records_of_types(period, &[types::ALERT_LOGGED])?;
    let zone = site.contract.timezone;
    let mut alerts = alert::alerts(&records);
    alerts.retain(|a| period.contains(local_date(a.at, zone)));
    Ok(alerts)
}

/// Records that `policy` was added (`added`) or changed to its rule at `at`.
pub fn set_policy(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    policy: Policy,
    added: bool,
) -> Result<Record> {
    let records =
        ledger.all_records_of_types(&[types::ALERT_POLICY_ADDED, types::ALERT_POLICY_CHANGED])?;
    check_policy(&policy_changes(&records), &policy, added)?;
    let event = match added {
        true => Event::AlertPolicyAdded(policy),
        false => Event::AlertPolicyChanged(policy),
    };
    write(env, site, at, event)
}
