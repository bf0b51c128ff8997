//! Capacity readings for people: sparklines, an item's trend and the risks it makes
//! (docs/rules.md §4.9).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::capacity::{Outlook, Quantity};
use crate::i18n::Messages;
use crate::inspect::trend::Trend;
use crate::time::local_date;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The values as a row of bars from the lowest to the highest; all at one height when they do
/// not vary.
pub fn sparkline(values: &[f64]) -> String {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = high - low;
    values
        .iter()
        .map(|value| {
            if span <= f64::EPSILON {
                return BARS[3];
            }
            let step = ((value - low) / span * (BARS.len() - 1) as f64).round() as usize;
            BARS[step.min(BARS.len() - 1)]
        })
        .collect()
}

/// The sparkline of a trend's values.
pub fn trend_sparkline(trend: &Trend) -> String {
    let values: Vec<f64> = trend.points.iter().map(|(_, v)| *v).collect();
    sparkline(&values)
}

/// Where a trend is heading, its crossing day in `zone`.
pub fn outlook_text(m: &Messages, trend: &Trend, zone: Tz) -> String {
    let on = match trend.outlook {
        Outlook::Crossing { at, .. } => Some(local_date(at, zone)),
        _ => None,
    };
    m.outlook(&trend.outlook, on)
}

/// The latest reading of a trend, in its unit.
pub fn latest(trend: &Trend) -> Option<Quantity> {
    let (_, value) = trend.points.last()?;
    Some(Quantity {
        value: *value,
        unit: trend.unit,
    })
}

/// A capacity risk as one line: the item, its shape and when it reaches its threshold.
pub fn risk_line(m: &Messages, trend: &Trend, at: DateTime<Utc>, zone: Tz) -> String {
    let on = Some(local_date(at, zone));
    let shape = trend_sparkline(trend);
    let said = m.capacity_risk(&trend.item, &m.outlook(&trend.outlook, on));
    format!("{said} {shape}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_spans_the_lowest_to_the_highest_value() {
        assert_eq!(
            sparkline(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[70.0, 60.0, 80.0]), "▅▁█");
        assert_eq!(sparkline(&[5.0, 5.0, 5.0]), "▄▄▄");
        assert_eq!(sparkline(&[]), "");
    }
}
