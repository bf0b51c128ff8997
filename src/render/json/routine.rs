//! The JSON views of routine work: the month's backups, consultations and customer requests.

use chrono_tz::Tz;
use serde::Serialize;

use super::Stamped;
use crate::app::routine::{BackupStatus, Logged};
use crate::record::routine::BackupCheck;

/// A record's content with when and by whom it was recorded.
pub fn stamped<T: Serialize + Clone>(logged: &Logged<T>, zone: Tz) -> Stamped<T> {
    Stamped::new(&logged.record, &logged.item, zone)
}

/// How a month stands on backups, with every check.
#[derive(Serialize)]
pub struct BackupStatusJson {
    month: String,
    required: u32,
    done: u32,
    checks: Vec<Stamped<BackupCheck>>,
}

impl BackupStatusJson {
    pub fn new(status: &BackupStatus, zone: Tz) -> BackupStatusJson {
        BackupStatusJson {
            month: status.month.label(),
            required: status.required,
            done: status.done,
            checks: status.checks.iter().map(|c| stamped(c, zone)).collect(),
        }
    }
}
