//! The JSON views of routine work: the month's backups, consultations and customer requests.

use chrono_tz::Tz;
use serde::Serialize;

use super::Stamped;
use crate::app::routine::{BackupStatus, Logged};
use crate::record::routine::BackupCheck;
use crate::routine::Uncounted;
use crate::time::{format_duration, rfc3339};

/// A record's content with when and by whom it was recorded.
pub fn stamped<T: Serialize + Clone>(logged: &Logged<T>, zone: Tz) -> Stamped<T> {
    Stamped::new(&logged.record, &logged.item, zone)
}

/// Why a round or a check does not count (docs/rules.md §4.8): the reason's key, and for one
/// too soon the time of the one counted before it and the gap it needed.
#[derive(Serialize)]
pub struct UncountedJson {
    reason: &'static str,
    after: Option<String>,
    min_gap: Option<String>,
}

impl UncountedJson {
    pub fn new(why: &Uncounted, zone: Tz) -> UncountedJson {
        let (reason, after, min_gap) = match why {
            Uncounted::NotRequired => ("not_required", None, None),
            Uncounted::RequirementMet => ("requirement_met", None, None),
            Uncounted::TooSoon { after, min_gap } => (
                "too_soon",
                Some(rfc3339(*after, zone)),
                Some(format_duration(*min_gap)),
            ),
        };
        UncountedJson {
            reason,
            after,
            min_gap,
        }
    }
}

/// How a month stands on backups: every check, whether it counts and why not, and each job's
/// latest result.
#[derive(Serialize)]
pub struct BackupStatusJson {
    month: String,
    required: u32,
    done: u32,
    checks: Vec<CheckJson>,
    jobs: Vec<Stamped<BackupCheck>>,
}

/// A backup check: whether it counts, and why not when it passed and does not.
#[derive(Serialize)]
struct CheckJson {
    #[serde(flatten)]
    stamped: Stamped<BackupCheck>,
    counted: bool,
    not_counted: Option<UncountedJson>,
}

impl BackupStatusJson {
    pub fn new(status: &BackupStatus, zone: Tz) -> BackupStatusJson {
        BackupStatusJson {
            month: status.month.label(),
            required: status.required,
            done: status.done,
            checks: status
                .checks
                .iter()
                .map(|logged| {
                    let (check, uncounted) = &logged.item;
                    CheckJson {
                        stamped: Stamped::new(&logged.record, check, zone),
                        counted: check.ok && uncounted.is_none(),
                        not_counted: uncounted.as_ref().map(|why| UncountedJson::new(why, zone)),
                    }
                })
                .collect(),
            jobs: status.jobs.iter().map(|job| stamped(job, zone)).collect(),
        }
    }
}
