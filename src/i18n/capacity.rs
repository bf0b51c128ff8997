//! Capacity readings: their units and thresholds, the trend of an item and its projection, and
//! the inspection report (巡检报告).

use chrono::NaiveDate;

use super::{Lang, Messages};
use crate::capacity::{MIN_READINGS, Outlook, Quantity, Severity, Unit, UnitError};
use crate::contract::Allowed;
use crate::record::inspect::Reading;
use crate::text::one_line;

/// The words of the inspection report and of the capacity tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityLabel {
    /// The month report's part on readings.
    Capacity,
    Summary,
    Rounds,
    ItemResults,
    Result,
    Reading,
    WhatBecameOfIt,
    Trends,
    Unit,
    Readings,
    Latest,
    Warn,
    Critical,
    RatePerDay,
    Outlook,
    Sparkline,
    ReadingsChart,
    RoundsRecorded,
    FindingsCount,
    ItemsMeasured,
    AtRisk,
    Horizon,
    Kinds,
}

impl Messages {
    pub fn capacity_label(&self, label: CapacityLabel) -> &'static str {
        use CapacityLabel as L;
        self.pick(match label {
            L::Capacity => ("容量读数与趋势", "Capacity readings and trends"),
            L::Summary => ("概要", "Summary"),
            L::Rounds => ("巡检轮次", "Rounds"),
            L::ItemResults => ("各项结果与读数", "Every item's result and reading"),
            L::Result => ("结果", "Result"),
            L::Reading => ("读数", "Reading"),
            L::WhatBecameOfIt => ("后续", "What became of it"),
            L::Trends => ("趋势与预测", "Trends and projections"),
            L::Unit => ("单位", "Unit"),
            L::Readings => ("读数个数", "Readings"),
            L::Latest => ("最新读数", "Latest"),
            L::Warn => ("告警阈值", "Warning"),
            L::Critical => ("严重阈值", "Critical"),
            L::RatePerDay => ("每天变化", "Per day"),
            L::Outlook => ("预测", "Projection"),
            L::Sparkline => ("走势", "Shape"),
            L::ReadingsChart => ("读数走势", "Readings over time"),
            L::RoundsRecorded => ("记录的轮次", "Rounds recorded"),
            L::FindingsCount => ("异常发现", "Abnormal findings"),
            L::ItemsMeasured => ("有读数的项目", "Items measured"),
            L::AtRisk => ("预测风险", "Projected risk"),
            L::Horizon => ("预测范围", "Look-ahead"),
            L::Kinds => ("巡检类型", "Kinds"),
        })
    }

    /// The title of the inspection report of a period.
    pub fn inspection_report_title(&self, period: &str) -> String {
        match self.lang {
            Lang::Zh => format!("巡检报告 · {period}"),
            Lang::En => format!("Inspection report · {period}"),
        }
    }

    pub fn severity(&self, level: Severity) -> &'static str {
        self.pick(match level {
            Severity::Warn => ("告警阈值", "warning threshold"),
            Severity::Critical => ("严重阈值", "critical threshold"),
        })
    }

    pub fn unit_name(&self, unit: Unit) -> &'static str {
        match unit {
            Unit::Count => self.pick(("个数", "count")),
            unit => unit.key(),
        }
    }

    /// The note of an item a reading made abnormal: the reading and the threshold it reached.
    pub fn reading_passed(&self, reading: &Reading) -> String {
        let value = reading.quantity;
        let Some(passed) = reading.passed else {
            return value.to_string();
        };
        let (level, threshold) = (self.severity(passed.level), passed.threshold);
        match self.lang {
            Lang::Zh => format!("读数 {value} 达到{level} {threshold}"),
            Lang::En => format!("reading {value} is at or past the {level} {threshold}"),
        }
    }

    /// A reading as a cell: the value, and the threshold it reached.
    pub fn reading_cell(&self, reading: &Reading) -> String {
        match reading.passed {
            None => reading.quantity.to_string(),
            Some(passed) => {
                let level = self.severity(passed.level);
                let reached = format!("≥ {level} {}", passed.threshold);
                self.with_note(&reading.quantity.to_string(), &reached)
            }
        }
    }

    /// A threshold of a gauge as a cell, in its unit.
    pub fn threshold_cell(&self, value: Option<f64>, unit: Unit) -> String {
        value.map_or_else(
            || "—".to_string(),
            |value| Quantity { value, unit }.to_string(),
        )
    }

    /// A rate of change per day, signed.
    pub fn rate_cell(&self, outlook: &Outlook, unit: Unit) -> String {
        match outlook {
            Outlook::Crossing { per_day, .. } => {
                let rate = Quantity {
                    value: *per_day,
                    unit,
                };
                format!("+{rate}")
            }
            _ => "—".to_string(),
        }
    }

    /// Where an item's readings are heading; `on` is the day a crossing falls on.
    pub fn outlook(&self, outlook: &Outlook, on: Option<NaiveDate>) -> String {
        match (outlook, on) {
            (Outlook::TooFew(have), _) => match self.lang {
                Lang::Zh => format!("读数太少（{have} 个），至少 {} 个才能预测", MIN_READINGS),
                Lang::En => format!(
                    "too few readings ({have}) to project; {} are needed",
                    MIN_READINGS
                ),
            },
            (Outlook::NoThreshold, _) => self
                .pick((
                    "没有更高的阈值可以预测",
                    "no threshold above the latest reading",
                ))
                .to_string(),
            (Outlook::NotGrowing, _) | (Outlook::Crossing { .. }, None) => self
                .pick((
                    "持平或下降，不会达到阈值",
                    "flat or falling: no threshold will be reached",
                ))
                .to_string(),
            (Outlook::Crossing { passed, .. }, Some(on)) => {
                let (level, threshold) = (self.severity(passed.level), passed.threshold);
                match self.lang {
                    Lang::Zh => format!("按近期速度，{on} 达到{level} {threshold}"),
                    Lang::En => {
                        format!("at the recent rate, reaches the {level} {threshold} on {on}")
                    }
                }
            }
        }
    }

    /// A projected crossing within the horizon, as a risk: the item and when.
    pub fn capacity_risk(&self, item: &str, outlook: &str) -> String {
        let item = one_line(item);
        match self.lang {
            Lang::Zh => format!("容量风险 · {item}：{outlook}"),
            Lang::En => format!("capacity risk · {item}: {outlook}"),
        }
    }

    /// The heading of the capacity risks at the start of a shift.
    pub fn capacity_risks_heading(&self, days: i64) -> String {
        match self.lang {
            Lang::Zh => format!("{days} 天内将达到阈值的项目"),
            Lang::En => format!("Items reaching a threshold within {days} days"),
        }
    }

    /// Days of look-ahead, as a cell.
    pub fn horizon_days(&self, days: i64) -> String {
        match self.lang {
            Lang::Zh => format!("{days} 天"),
            Lang::En => format!("{days} days"),
        }
    }

    /// The trend of an item heading `otss inspect trend`.
    pub fn trend_heading(&self, item: &str, unit: Unit, readings: usize) -> String {
        let (item, unit) = (one_line(item), self.unit_name(unit));
        match self.lang {
            Lang::Zh => format!("{item}（{unit}）· {readings} 个读数"),
            Lang::En => format!("{item} ({unit}) · {readings} readings"),
        }
    }

    /// The thresholds of an item, as a line.
    pub fn thresholds_line(&self, warn: &str, critical: &str) -> String {
        match self.lang {
            Lang::Zh => format!("告警阈值 {warn} · 严重阈值 {critical}"),
            Lang::En => format!("warning {warn} · critical {critical}"),
        }
    }

    /// The prompt for an item's reading on the interactive checklist.
    pub fn reading_prompt(&self, item: &str, unit: Unit) -> String {
        let (item, unit) = (one_line(item), self.unit_name(unit));
        match self.lang {
            Lang::Zh => format!("{item} 的读数（{unit}）"),
            Lang::En => format!("Reading of {item} ({unit})"),
        }
    }

    /// What a reading typed on the checklist must be.
    pub fn reading_wanted(&self, unit: Unit) -> String {
        let unit = self.unit_name(unit);
        match self.lang {
            Lang::Zh => format!("请输入一个数字，可带单位（{unit}）"),
            Lang::En => format!("type a number, with its unit ({unit}) if you like"),
        }
    }

    /// What became of a finding: still a risk, found ok again, or the incident opened.
    pub fn finding_fate(&self, open: bool, incident: Option<&str>) -> String {
        match (incident, open) {
            (Some(incident), _) => match self.lang {
                Lang::Zh => format!("已开故障 {incident}"),
                Lang::En => format!("incident {incident} opened"),
            },
            (None, true) => self
                .pick(("风险，仍未解除", "a risk, still open"))
                .to_string(),
            (None, false) => self
                .pick(("之后的巡检正常", "found ok by a later round"))
                .to_string(),
        }
    }

    pub fn outcome_word(&self, abnormal: bool) -> &'static str {
        match abnormal {
            true => self.pick(("异常", "abnormal")),
            false => self.pick(("正常", "ok")),
        }
    }

    /// A round's results in brief: items checked and abnormal.
    pub fn round_brief(&self, items: usize, abnormal: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{items} 项，{abnormal} 项异常"),
            Lang::En => format!("{items} items, {abnormal} abnormal"),
        }
    }

    /// A unit or threshold of a measured checklist item the contract cannot take.
    pub(super) fn gauge_allowed(&self, allowed: &Allowed) -> String {
        match allowed {
            Allowed::Unit(unit) => {
                let unit = one_line(unit);
                let known = self.known_units();
                match self.lang {
                    Lang::Zh => format!("不认识单位 \"{unit}\"；可用：{known}"),
                    Lang::En => format!("\"{unit}\" is not a known unit; use one of {known}"),
                }
            }
            Allowed::Threshold => self
                .pick((
                    "阈值应当是不小于 0 的数字",
                    "a threshold must be a number, 0 or more",
                ))
                .to_string(),
            _ => self
                .pick((
                    "严重阈值应当高于告警阈值",
                    "the critical threshold must be above the warning one",
                ))
                .to_string(),
        }
    }

    fn known_units(&self) -> String {
        let units: Vec<&str> = Unit::ALL.iter().map(|u| u.key()).collect();
        units.join(", ")
    }

    /// A reading of `item` that cannot be taken.
    pub(super) fn reading_unit_error(&self, item: &str, error: &UnitError) -> String {
        let item = one_line(item);
        match error {
            UnitError::Unknown(unit) => {
                let (unit, known) = (one_line(unit), self.known_units());
                match self.lang {
                    Lang::Zh => format!("{item} 的读数单位 \"{unit}\" 不认识；可用：{known}"),
                    Lang::En => format!(
                        "the reading of {item} is in \"{unit}\", not a known unit; use one of {known}"
                    ),
                }
            }
            UnitError::Mismatch { given, expected } => {
                let (given, expected) = (self.unit_name(*given), self.unit_name(*expected));
                match self.lang {
                    Lang::Zh => format!(
                        "{item} 的读数单位是 {given}，但合同按 {expected} 计量，两者无法换算"
                    ),
                    Lang::En => format!(
                        "the reading of {item} is in {given}, but the contract measures it in \
                         {expected}, which {given} does not convert to"
                    ),
                }
            }
        }
    }

    /// An item asked for a trend that has no reading and that the contract does not measure.
    pub(super) fn no_readings(&self, item: &str, near: Option<&str>) -> String {
        let item = one_line(item);
        let near = near.map(one_line);
        match (self.lang, near) {
            (Lang::Zh, Some(near)) => {
                format!("\"{item}\" 没有读数，合同也没有为它设置阈值；是不是 \"{near}\"？")
            }
            (Lang::Zh, None) => format!("\"{item}\" 没有读数，合同也没有为它设置阈值"),
            (Lang::En, Some(near)) => format!(
                "\"{item}\" has no readings and the contract measures no such item; did you mean \"{near}\"?"
            ),
            (Lang::En, None) => {
                format!("\"{item}\" has no readings and the contract measures no such item")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_a_risk_until_found_ok_or_taken_up_by_an_incident() {
        let m = Lang::En.messages();
        assert_eq!(m.finding_fate(true, None), "a risk, still open");
        assert_eq!(m.finding_fate(false, None), "found ok by a later round");
        assert_eq!(
            m.finding_fate(false, Some("K7QM2X")),
            "incident K7QM2X opened"
        );
        let zh = Lang::Zh.messages();
        assert_eq!(zh.finding_fate(false, Some("K7QM2X")), "已开故障 K7QM2X");
    }

    #[test]
    fn a_reading_names_the_threshold_it_reached() {
        use crate::capacity::Passed;
        let quantity = Quantity {
            value: 93.0,
            unit: Unit::Percent,
        };
        let threshold = Quantity {
            value: 90.0,
            unit: Unit::Percent,
        };
        let passed = Some(Passed {
            level: Severity::Critical,
            threshold,
        });
        let reading = Reading { quantity, passed };
        let zh = Lang::Zh.messages();
        assert_eq!(zh.reading_passed(&reading), "读数 93% 达到严重阈值 90%");
        assert_eq!(zh.reading_cell(&reading), "93%（≥ 严重阈值 90%）");
        let plain = Reading {
            quantity,
            passed: None,
        };
        assert_eq!(Lang::En.messages().reading_cell(&plain), "93%");
    }
}
