//! The start-of-shift view as JSON.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::DayJson;
use super::Stamped;
use super::capacity::TrendJson;
use super::feedback::RequestJson;
use super::incident::IncidentJson;
use super::report::DueJson;
use super::risk::RiskJson;
use super::routine::stamped;
use crate::app::status::Shift;
use crate::contract::Contract;
use crate::i18n::Messages;
use crate::inspect::Due;
use crate::record::routine::BackupCheck;
use crate::sync::ContractReceived;
use crate::time::rfc3339;

/// Where the site stands at the start of a shift, as JSON.
#[derive(Serialize)]
pub struct StatusJson<'a> {
    now: String,
    customer: String,
    in_service_hours: bool,
    day: DayJson,
    open_incidents: Vec<IncidentJson>,
    at_risk: usize,
    breached: usize,
    inspections: Vec<Due>,
    /// The risks inspections found that are still open, oldest first.
    open_risks: Vec<RiskJson<'a>>,
    backups: BackupsJson,
    /// Who is on duty today, if the roster says.
    duty: Option<String>,
    /// Reports late or due within a week.
    reports: Vec<DueJson>,
    /// Changes to the contract's calendar or SLA received by sync, not yet acknowledged.
    unacknowledged_contract_changes: &'a [ContractReceived],
    /// Items whose readings reach a threshold within the contract's horizon
    /// (docs/rules.md §4.9), when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    capacity_risks: Vec<TrendJson>,
    /// The requests waiting for an answer longer than `[requests] answer_within`.
    requests_waiting: Vec<RequestJson>,
}

#[derive(Serialize)]
struct BackupsJson {
    month: String,
    required: u32,
    done: u32,
    /// The latest check of each job whose latest check failed.
    failing: Vec<Stamped<BackupCheck>>,
}

impl StatusJson<'_> {
    /// The shift at `now`, on the site of `contract`.
    pub fn new<'a>(
        shift: &'a Shift,
        contract: &Contract,
        now: DateTime<Utc>,
        m: &Messages,
    ) -> StatusJson<'a> {
        let zone = contract.timezone;
        StatusJson {
            now: rfc3339(now, zone),
            customer: contract.customer.clone(),
            in_service_hours: shift.in_service_hours,
            day: DayJson::new(&shift.day, m),
            open_incidents: shift
                .open
                .iter()
                .map(|i| IncidentJson::new(i, zone, now, m))
                .collect(),
            at_risk: shift.at_risk,
            breached: shift.breached,
            inspections: shift.inspections.clone(),
            open_risks: shift
                .open_risks
                .iter()
                .map(|risk| RiskJson::new(risk, zone))
                .collect(),
            backups: BackupsJson {
                month: shift.backups.month.label(),
                required: shift.backups.required,
                done: shift.backups.done,
                failing: shift
                    .backups
                    .failing
                    .iter()
                    .map(|latest| stamped(latest, zone))
                    .collect(),
            },
            duty: shift.duty.clone(),
            reports: shift
                .reports
                .iter()
                .map(|r| DueJson::new(r, zone))
                .collect(),
            unacknowledged_contract_changes: &shift.contract_changes,
            capacity_risks: shift
                .capacity_risks
                .iter()
                .map(|(trend, at)| TrendJson::new(trend, zone, Some(*at)))
                .collect(),
            requests_waiting: shift
                .overdue_requests
                .iter()
                .map(|aged| RequestJson::new(aged, zone))
                .collect(),
        }
    }
}
