//! Capacity readings (docs/rules.md §4.9): a measured value and its unit, the contract's warning
//! and critical thresholds for an item, and where an item's readings are heading.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// What a unit measures; values convert only within one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Share,
    Size,
    Rate,
    Count,
}

/// The unit of a reading or a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Unit {
    Percent,
    Mb,
    Gb,
    Tb,
    Pb,
    Mbps,
    Gbps,
    Count,
}

impl Unit {
    pub const ALL: [Unit; 8] = [
        Unit::Percent,
        Unit::Mb,
        Unit::Gb,
        Unit::Tb,
        Unit::Pb,
        Unit::Mbps,
        Unit::Gbps,
        Unit::Count,
    ];

    /// How the unit is written: after a value, in a contract and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Mb => "MB",
            Unit::Gb => "GB",
            Unit::Tb => "TB",
            Unit::Pb => "PB",
            Unit::Mbps => "Mbps",
            Unit::Gbps => "Gbps",
            Unit::Count => "count",
        }
    }

    /// A unit as written, without regard to case; a count may be written as nothing at all.
    pub fn from_key(text: &str) -> Option<Unit> {
        let text = text.trim();
        if text.is_empty() {
            return Some(Unit::Count);
        }
        Unit::ALL
            .into_iter()
            .find(|unit| unit.key().eq_ignore_ascii_case(text))
    }

    pub fn family(self) -> Family {
        match self {
            Unit::Percent => Family::Share,
            Unit::Mb | Unit::Gb | Unit::Tb | Unit::Pb => Family::Size,
            Unit::Mbps | Unit::Gbps => Family::Rate,
            Unit::Count => Family::Count,
        }
    }

    /// The unit's size in the smallest unit of its family: sizes in binary steps of 1024 (as
    /// the console shows disks), rates in decimal steps of 1000 (as links are sold).
    fn scale(self) -> f64 {
        match self {
            Unit::Gb => 1024.0,
            Unit::Tb => 1024.0 * 1024.0,
            Unit::Pb => 1024.0 * 1024.0 * 1024.0,
            Unit::Gbps => 1000.0,
            Unit::Percent | Unit::Mb | Unit::Mbps | Unit::Count => 1.0,
        }
    }
}

impl From<Unit> for String {
    fn from(unit: Unit) -> String {
        unit.key().to_string()
    }
}

impl TryFrom<String> for Unit {
    type Error = UnitError;
    fn try_from(text: String) -> Result<Unit, UnitError> {
        Unit::from_key(&text).ok_or(UnitError::Unknown(text))
    }
}

/// Why a value cannot be taken in a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// A unit no reading is written in, as written.
    Unknown(String),
    /// A value of one unit where another family's is needed: `78%` for a size in GB.
    Mismatch { given: Unit, expected: Unit },
}

display_as_debug!(UnitError);

/// A value and its unit. Values are finite and never negative: `Quantity::parse` refuses
/// anything else, and JSON cannot hold a value that is not finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: Unit,
}

impl Eq for Quantity {}

impl Quantity {
    /// A reading as typed: a number, then its unit (`78%`, `4.2 Gbps`, `1200`). `None` when
    /// the text does not start with a number; an unknown unit is an error naming it.
    pub fn parse(text: &str) -> Option<Result<Quantity, UnitError>> {
        let text = text.trim();
        let end = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let value: f64 = text[..end].parse().ok().filter(|v: &f64| v.is_finite())?;
        let unit = &text[end..];
        Some(
            Unit::from_key(unit)
                .map(|unit| Quantity { value, unit })
                .ok_or_else(|| UnitError::Unknown(unit.trim().to_string())),
        )
    }

    /// The value in `unit`, which must be of the same family.
    pub fn value_in(self, unit: Unit) -> Result<f64, UnitError> {
        if self.unit.family() != unit.family() {
            let given = self.unit;
            return Err(UnitError::Mismatch {
                given,
                expected: unit,
            });
        }
        Ok(self.value * self.unit.scale() / unit.scale())
    }
}

/// Up to two decimals, with no trailing zeros: `78`, `4.2`, `0.33`.
pub fn number_text(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = number_text(self.value);
        match self.unit {
            Unit::Count => f.write_str(&number),
            Unit::Percent => write!(f, "{number}%"),
            unit => write!(f, "{number} {}", unit.key()),
        }
    }
}

/// Which threshold a reading reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warn,
    Critical,
}

/// The threshold a reading reached: which, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passed {
    pub level: Severity,
    pub threshold: Quantity,
}

/// What the contract says of an item measured: its unit and thresholds, in that unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gauge {
    pub unit: Unit,
    pub warn: Option<f64>,
    pub critical: Option<f64>,
}

impl Eq for Gauge {}

impl Gauge {
    /// The thresholds, the lower first.
    fn thresholds(&self) -> impl Iterator<Item = (Severity, f64)> {
        [
            (Severity::Warn, self.warn),
            (Severity::Critical, self.critical),
        ]
        .into_iter()
        .filter_map(|(level, value)| Some((level, value?)))
    }

    fn passed(&self, level: Severity, value: f64) -> Passed {
        let threshold = Quantity {
            value,
            unit: self.unit,
        };
        Passed { level, threshold }
    }

    /// The highest threshold `reading` is at or above (docs/rules.md §4.9); a reading in another
    /// family of units than the gauge's is refused.
    pub fn judge(&self, reading: Quantity) -> Result<Option<Passed>, UnitError> {
        let value = reading.value_in(self.unit)?;
        let reached = self
            .thresholds()
            .filter(|(_, limit)| value >= *limit)
            .last();
        Ok(reached.map(|(level, limit)| self.passed(level, limit)))
    }

    /// The lowest threshold above `value`: the next one a growing item would reach.
    fn next_above(&self, value: f64) -> Option<Passed> {
        let (level, limit) = self.thresholds().find(|(_, limit)| value < *limit)?;
        Some(self.passed(level, limit))
    }
}

/// Readings a projection needs at least, and the most recent it fits a line through.
pub const MIN_READINGS: usize = 3;
pub const PROJECTION_READINGS: usize = 8;

/// Where an item's readings are heading (docs/rules.md §4.9).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outlook {
    /// Fewer readings than a projection needs: how many there are.
    TooFew(usize),
    /// The contract sets no threshold above the latest reading.
    NoThreshold,
    /// Flat or falling: no threshold will be crossed at this rate.
    NotGrowing,
    /// At the recent rate (per day, in the gauge's unit), the threshold is reached on `at`.
    Crossing {
        passed: Passed,
        at: DateTime<Utc>,
        per_day: f64,
    },
}

// Rates come from finite readings over distinct times, and so are finite.
impl Eq for Outlook {}

/// A reading at a time, in the gauge's unit.
pub type Point = (DateTime<Utc>, f64);

/// The outlook of `points` (in time order): a least-squares line through the last
/// `PROJECTION_READINGS`, and when it reaches the next threshold above the latest reading.
/// A crossing the line puts before the latest reading is put at that reading.
pub fn project(points: &[Point], gauge: &Gauge) -> Outlook {
    if points.len() < MIN_READINGS {
        return Outlook::TooFew(points.len());
    }
    let recent = &points[points.len().saturating_sub(PROJECTION_READINGS)..];
    let (last_at, last_value) = recent[recent.len() - 1];
    let Some(passed) = gauge.next_above(last_value) else {
        return Outlook::NoThreshold;
    };
    let origin = recent[0].0;
    let days = |at: DateTime<Utc>| (at - origin).num_seconds() as f64 / 86_400.0;
    let xs: Vec<(f64, f64)> = recent.iter().map(|(at, v)| (days(*at), *v)).collect();
    let Some((intercept, slope)) = least_squares(&xs) else {
        return Outlook::NotGrowing;
    };
    if slope <= f64::EPSILON {
        return Outlook::NotGrowing;
    }
    let day = (passed.threshold.value - intercept) / slope;
    let seconds = (day * 86_400.0).min(i64::MAX as f64 / 2.0) as i64;
    let at = TimeDelta::try_seconds(seconds)
        .and_then(|offset| origin.checked_add_signed(offset))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
        .max(last_at);
    Outlook::Crossing {
        passed,
        at,
        per_day: slope,
    }
}

/// The intercept and slope of the least-squares line through `points`; `None` when they all
/// share one time.
fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|(x, _)| x).sum::<f64>() / n;
    let mean_y = points.iter().map(|(_, y)| y).sum::<f64>() / n;
    let spread: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    if spread <= f64::EPSILON {
        return None;
    }
    let covariance: f64 = points
        .iter()
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum();
    let slope = covariance / spread;
    Some((mean_y - slope * mean_x, slope))
}
