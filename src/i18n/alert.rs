//! Alert management (docs/rules.md §4.10): classes, alerts logged, policies and the report's
//! alert section.

use super::{Lang, Messages};
use crate::alert::AlertError;
use crate::record::alert::{Alert, AlertClass, Policy};
use crate::text::one_line;

/// The words of the report's alert section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertLabel {
    Alerts,
    Total,
    NoiseShare,
    Class,
    Source,
    Count,
    ToIncidents,
    PolicyChanges,
    Policy,
    Rule,
    Change,
    Incident,
    Alert,
    NoSource,
}

impl Messages {
    pub fn alert_label(&self, label: AlertLabel) -> &'static str {
        use AlertLabel as L;
        self.pick(match label {
            L::Alerts => ("告警管理", "Alert management"),
            L::Total => ("分析告警数", "Alerts analysed"),
            L::NoiseShare => ("噪声占比", "Share that was noise"),
            L::Class => ("分类", "Class"),
            L::Source => ("来源", "Source"),
            L::Count => ("数量", "Count"),
            L::ToIncidents => ("转为故障的告警", "Alerts that became incidents"),
            L::PolicyChanges => ("告警策略变更", "Alert policy changes"),
            L::Policy => ("策略", "Policy"),
            L::Rule => ("规则", "Rule"),
            L::Change => ("变更", "Change"),
            L::Incident => ("故障", "Incident"),
            L::Alert => ("告警", "Alert"),
            L::NoSource => ("（未注明）", "(not named)"),
        })
    }

    /// An alert's class in a word.
    pub fn alert_class(&self, class: AlertClass) -> &'static str {
        self.pick(match class {
            AlertClass::Noise => ("噪声", "noise"),
            AlertClass::Known => ("已知问题", "known"),
            AlertClass::New => ("新问题", "new"),
            AlertClass::Incident => ("转为故障", "incident"),
        })
    }

    /// An alert's line: its class, text, source and the incident it became.
    pub fn alert_line(&self, id: &str, alert: &Alert) -> String {
        let mut line = format!(
            "{id} · {} · {}",
            self.alert_class(alert.class),
            one_line(&alert.text)
        );
        if let Some(source) = &alert.source {
            line.push_str(&format!(" · {}", one_line(source)));
        }
        if let Some(policy) = &alert.policy {
            let label = self.alert_label(AlertLabel::Policy);
            line.push_str(&format!(" · {}", self.labelled(label, &one_line(policy))));
        }
        if let Some(incident) = &alert.incident {
            line.push_str(&format!(" → {}", one_line(incident)));
        }
        line
    }

    /// How many alerts a period had, and how many were noise.
    pub fn alerts_count(&self, total: u32, noise: u32) -> String {
        match self.lang {
            Lang::Zh => format!("告警 {total} 条，其中噪声 {noise} 条"),
            Lang::En => format!(
                "{total} alert{}, {noise} noise",
                if total == 1 { "" } else { "s" }
            ),
        }
    }

    /// Whether a policy was added or changed.
    pub fn policy_change(&self, added: bool) -> &'static str {
        self.pick(match added {
            true => ("新增", "added"),
            false => ("修改", "changed"),
        })
    }

    /// Said once a policy change was recorded.
    pub fn policy_recorded(&self, id: &str, policy: &Policy, added: bool) -> String {
        let (name, rule) = (one_line(&policy.name), one_line(&policy.rule));
        let change = self.policy_change(added);
        match self.lang {
            Lang::Zh => format!("{id} · 告警策略「{name}」已{change}：{rule}"),
            Lang::En => format!("{id} · alert policy \"{name}\" {change}: {rule}"),
        }
    }

    /// Asked at a terminal for the incident an alert became.
    pub fn which_incident(&self) -> &'static str {
        self.pick((
            "它转成了哪个故障？故障编号",
            "Which incident did it become? Its id",
        ))
    }

    pub(super) fn alert_needs_incident(&self) -> String {
        self.pick((
            "--class incident 须说明转成的故障：--incident ID",
            "--class incident needs the incident it became: --incident ID",
        ))
        .to_string()
    }

    pub(super) fn alert_error(&self, error: &AlertError) -> String {
        match error {
            AlertError::PolicyExists { name } => {
                let name = one_line(name);
                match self.lang {
                    Lang::Zh => {
                        format!("告警策略「{name}」已经存在；修改它请用 otss alert policy change")
                    }
                    Lang::En => format!(
                        "alert policy \"{name}\" exists already; to change it use otss alert \
                         policy change"
                    ),
                }
            }
            AlertError::NoSuchPolicy { name, near } => {
                let name = one_line(name);
                let near = near.as_deref().map(one_line);
                match (self.lang, near) {
                    (Lang::Zh, Some(near)) => {
                        format!("没有告警策略「{name}」；是指「{near}」吗？")
                    }
                    (Lang::Zh, None) => {
                        format!("没有告警策略「{name}」；新增请用 otss alert policy add")
                    }
                    (Lang::En, Some(near)) => {
                        format!("no alert policy \"{name}\"; did you mean \"{near}\"?")
                    }
                    (Lang::En, None) => {
                        format!("no alert policy \"{name}\"; to add one use otss alert policy add")
                    }
                }
            }
            AlertError::RuleUnchanged { name } => {
                let name = one_line(name);
                match self.lang {
                    Lang::Zh => format!("告警策略「{name}」的规则已经是这样，没有变更"),
                    Lang::En => format!("alert policy \"{name}\" has this rule already"),
                }
            }
            AlertError::IncidentOfClass { class } => {
                let class = self.alert_class(*class);
                match self.lang {
                    Lang::Zh => format!(
                        "分类为「{class}」的告警不能指定 --incident：转为故障的告警分类是 incident"
                    ),
                    Lang::En => format!(
                        "an alert of class {class} names no --incident: an alert that became an \
                         incident is of class incident"
                    ),
                }
            }
        }
    }
}
