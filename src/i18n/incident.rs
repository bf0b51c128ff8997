//! Incidents: their status, clocks and timeline, and the recovery report.

use chrono::TimeDelta;
use chrono_tz::Tz;

use super::words::plural;
use super::{Lang, Messages};
use crate::app::Input;
use crate::incident::{ClockName, Decides, Entry, Happening, IncidentError, Status};
use crate::record::incident::Field;
use crate::text::one_line;

/// Headings and labels of the recovery report (故障恢复报告).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryLabel {
    Title,
    Item,
    Detail,
    Incident,
    Customer,
    Level,
    ReportedAt,
    ReportedBy,
    FromRisk,
    Status,
    Summary,
    Impact,
    Cause,
    Fix,
    Clocks,
    Clock,
    Deadline,
    Actual,
    Verdict,
    Levels,
    Timeline,
    Time,
    Engineer,
    Event,
    NotRecorded,
    IncidentTitle,
    Amendments,
    Was,
    Now,
    EnteredLater,
}

impl Messages {
    /// Why an incident cannot be found, or what is asked of it cannot be recorded.
    pub(super) fn incident_error(&self, error: &IncidentError) -> String {
        use IncidentError as E;
        match (error, self.lang) {
            (E::Id(error), _) => self.id_error(error),
            (E::OutsideTerm(error), _) => self.outside_term(error),
            (E::Closed(id), Lang::Zh) => {
                format!("故障 {id} 已关闭；请先重新打开（`otss incident reopen {id}`）")
            }
            (E::Closed(id), Lang::En) => {
                format!("incident {id} is closed; reopen it first (`otss incident reopen {id}`)")
            }
            (E::AlreadyOpen(id), Lang::Zh) => format!("故障 {id} 本来就是打开的"),
            (E::AlreadyOpen(id), Lang::En) => format!("incident {id} is open already"),
            (E::AlreadyAcknowledged(id), Lang::Zh) => format!("故障 {id} 已经响应过"),
            (E::AlreadyAcknowledged(id), Lang::En) => {
                format!("incident {id} is acknowledged already")
            }
            (E::AlreadyArrived(id), Lang::Zh) => format!("故障 {id} 已有工程师到场"),
            (E::AlreadyArrived(id), Lang::En) => {
                format!("an engineer is on site for incident {id} already")
            }
            (E::AgreedAfterBreach { id, due }, Lang::Zh) => format!(
                "故障 {id} 的到场时限 {due} 在此之前已过且无人到场，超时已成事实，事后的约定不能改变它；\
                 请用 --at 写明约定达成的时间，或用 `otss incident note {id}` 记下约定"
            ),
            (E::AgreedAfterBreach { id, due }, Lang::En) => format!(
                "the arrival for incident {id} was due at {due} and nobody was on site by then: \
                 the breach stands, and an agreement made afterwards cannot move it; give the \
                 time the agreement was made with --at, or keep it as a note (`otss incident \
                 note {id}`)"
            ),
            (E::AlreadyResolved(id), Lang::Zh) => format!("故障 {id} 已经解决"),
            (E::AlreadyResolved(id), Lang::En) => format!("incident {id} is resolved already"),
            (E::NotResolved(id), Lang::Zh) => format!("故障 {id} 尚未解决；请先解决再关闭"),
            (E::NotResolved(id), Lang::En) => {
                format!("incident {id} is not resolved; resolve it before closing it")
            }
            (E::NoResolution(id), Lang::Zh) => format!(
                "故障 {id} 尚未解决，没有概述、影响、原因或措施可更正；请用 `otss incident resolve {id}` 记录"
            ),
            (E::NoResolution(id), Lang::En) => format!(
                "incident {id} has not been resolved, so it has no summary, impact, cause or fix \
                 to amend; record them with `otss incident resolve {id}`"
            ),
            (E::Unchanged(id), Lang::Zh) => format!("故障 {id} 的内容已经如此，无需更正"),
            (E::Unchanged(id), Lang::En) => {
                format!("incident {id} says that already: nothing to amend")
            }
            (E::MergeIntoItself(id), Lang::Zh) => format!("故障 {id} 不能合并到它自己"),
            (E::MergeIntoItself(id), Lang::En) => {
                format!("incident {id} cannot be merged into itself")
            }
            (E::Merged { id, into }, Lang::Zh) => {
                format!(
                    "故障 {id} 已合并到故障 {into}；请使用 {into}（`otss incident show {into}`）"
                )
            }
            (E::Merged { id, into }, Lang::En) => format!(
                "incident {id} was merged into incident {into}; use {into} (`otss incident show \
                 {into}`)"
            ),
            (E::SameLevel { id, level }, Lang::Zh) => {
                format!("故障 {id} 已经是 {} 级", level.number())
            }
            (E::SameLevel { id, level }, Lang::En) => {
                format!("incident {id} is level {} already", level.number())
            }
            (E::BeforeStatusChange { id, since }, Lang::Zh) => {
                format!("故障 {id} 在 {since} 变更过状态；请记录之后的时间")
            }
            (E::BeforeStatusChange { id, since }, Lang::En) => {
                format!("incident {id} changed status at {since}; record a later time")
            }
            (E::BeforeReport { id, reported_at }, Lang::Zh) => {
                format!("这早于故障 {id} 的报告时间（{reported_at}）")
            }
            (E::BeforeReport { id, reported_at }, Lang::En) => {
                format!("that is before incident {id} was reported ({reported_at})")
            }
            (E::Future { at, now }, Lang::Zh) => {
                format!("{at} 在将来（现在是 {now}）；请记录已经发生的事")
            }
            (E::Future { at, now }, Lang::En) => {
                format!("{at} is in the future (now is {now}); record what has happened")
            }
        }
    }

    /// An incident opened with no title, and no risk to take one from.
    pub(super) fn no_title(&self) -> String {
        let title = self.input(Input::Title);
        match self.lang {
            Lang::Zh => format!("缺少 {title}：请用一句话说明出了什么问题"),
            Lang::En => format!("{title} is missing: say what is wrong in a line"),
        }
    }

    /// An incident opened from a risk that has one already.
    pub(super) fn risk_taken(&self, risk: &str, incident: &str) -> String {
        let (risk, incident) = (one_line(risk), one_line(incident));
        match self.lang {
            Lang::Zh => format!("风险 {risk} 已有故障 {incident}"),
            Lang::En => format!("risk {risk} has incident {incident} already"),
        }
    }

    pub fn status(&self, status: Status) -> &'static str {
        self.pick(match status {
            Status::Open => ("处理中", "open"),
            Status::Resolved => ("已解决", "resolved"),
            Status::Closed => ("已关闭", "closed"),
        })
    }

    pub fn clock(&self, clock: ClockName) -> &'static str {
        self.pick(match clock {
            ClockName::Response => ("响应", "response"),
            ClockName::Arrival => ("到场", "arrival"),
            ClockName::Resolution => ("解决", "resolution"),
        })
    }

    /// A clock as a table names it; an arrival clock of a round before the incident was
    /// reopened says so.
    pub fn clock_row(&self, clock: ClockName, earlier: bool) -> String {
        let name = self.clock(clock);
        match earlier {
            true => self.with_note(name, self.pick(("重新打开前", "before reopening"))),
            false => name.to_string(),
        }
    }

    /// A later level in a level history: "→ level 3 (2025-10-04 10:45:00, li.lei)".
    pub fn level_changed_to(&self, level: u8, when: &str, by: &str) -> String {
        let level = self.level(level);
        let when_by = [when, by].join(self.pick(("，", ", ")));
        format!("→ {}", self.with_note(&level, &when_by))
    }

    /// A running clock: "respond in 12 min".
    pub fn due_in(&self, clock: ClockName, left: TimeDelta) -> String {
        let left = self.duration(approximately(left));
        match self.lang {
            Lang::Zh => format!("{left}内{}", self.clock(clock)),
            Lang::En => {
                let verb = match clock {
                    ClockName::Response => "respond",
                    ClockName::Arrival => "on site",
                    ClockName::Resolution => "resolve",
                };
                format!("{verb} in {left}")
            }
        }
    }

    /// A clock past its deadline: "response BREACHED 5 min ago".
    pub fn breached(&self, clock: ClockName, by: TimeDelta) -> String {
        let clock = self.clock(clock);
        let by = self.duration(approximately(by));
        match self.lang {
            Lang::Zh => format!("{clock}已超时 {by}"),
            Lang::En => format!("{clock} BREACHED {by} ago"),
        }
    }

    /// A countdown marked as at risk.
    pub fn at_risk(&self, countdown: &str) -> String {
        self.with_note(countdown, self.pick(("临近超时", "at risk")))
    }

    /// Met, breached, or not decided yet.
    pub fn verdict(&self, met: Option<bool>) -> &'static str {
        self.pick(match met {
            Some(true) => ("达标", "met"),
            Some(false) => ("超时", "breached"),
            None => ("未定", "pending"),
        })
    }

    /// A timeline entry; times in it are shown in `zone`.
    /// A timeline's entry: what happened, struck out with who withdrew it, when and why.
    pub fn timeline_entry(&self, entry: &Entry, zone: Tz) -> String {
        let said = self.struck_out(entry, zone);
        match (&entry.from, self.lang) {
            (None, _) => said,
            (Some(duplicate), Lang::Zh) => format!("〔记于重复事件 {duplicate}〕{said}"),
            (Some(duplicate), Lang::En) => format!("[on duplicate {duplicate}] {said}"),
        }
    }

    /// What an entry says, with who withdrew it, when and why if it was voided.
    fn struck_out(&self, entry: &Entry, zone: Tz) -> String {
        let said = self.happening(&entry.happening, zone);
        let Some(voided) = &entry.voided else {
            return said;
        };
        let when = voided.at.with_timezone(&zone).format("%Y-%m-%d %H:%M");
        let by = one_line(&voided.by);
        let reason = one_line(&voided.reason);
        match (self.lang, reason.is_empty()) {
            (Lang::Zh, false) => format!("〔已作废：{by} 于 {when}，{reason}〕{said}"),
            (Lang::Zh, true) => format!("〔已作废：{by} 于 {when}〕{said}"),
            (Lang::En, false) => format!("[voided by {by} at {when}: {reason}] {said}"),
            (Lang::En, true) => format!("[voided by {by} at {when}] {said}"),
        }
    }

    pub fn happening(&self, happening: &Happening, zone: Tz) -> String {
        match happening {
            Happening::Opened { level, title } => {
                let level = self.level(level.number());
                match self.lang {
                    Lang::Zh => format!("报告{level}：{title}"),
                    Lang::En => format!("reported, {level}: {title}"),
                }
            }
            Happening::Acknowledged => self.pick(("已响应", "acknowledged")).to_string(),
            Happening::OnsiteRequested { agreed: None } => self
                .pick(("客户要求到场", "engineer asked on site"))
                .to_string(),
            Happening::OnsiteRequested { agreed: Some(at) } => {
                let agreed = at.with_timezone(&zone).format("%Y-%m-%d %H:%M");
                match self.lang {
                    Lang::Zh => format!("客户要求到场，约定 {agreed}"),
                    Lang::En => format!("engineer asked on site, agreed for {agreed}"),
                }
            }
            Happening::Arrived => self.pick(("工程师到场", "engineer on site")).to_string(),
            Happening::LevelChanged { from, to } => {
                let (from, to) = (from.number(), to.number());
                match self.lang {
                    Lang::Zh => format!("级别由{}调整为{}", self.level(from), self.level(to)),
                    Lang::En => format!("level changed from {from} to {to}"),
                }
            }
            Happening::Noted { text } => self.labelled(self.pick(("备注", "note")), text),
            Happening::Resolved { summary } => {
                self.labelled(self.pick(("已解决", "resolved")), summary)
            }
            Happening::Closed => self.pick(("已关闭", "closed")).to_string(),
            Happening::Reopened => self.pick(("重新打开", "reopened")).to_string(),
            Happening::Merged {
                duplicate,
                reported_at,
            } => {
                let reported = reported_at.with_timezone(&zone).format("%Y-%m-%d %H:%M");
                match self.lang {
                    Lang::Zh => format!(
                        "合并重复故障 {duplicate}（报告于 {reported}），时限按两者中最早的报告重新计算"
                    ),
                    Lang::En => format!(
                        "duplicate {duplicate} (reported {reported}) merged in; deadlines \
                         recomputed from the earlier report"
                    ),
                }
            }
            Happening::Amended { texts } => {
                let corrected: Vec<String> = texts
                    .iter()
                    .map(|(field, text)| self.labelled(self.text_field(*field), text))
                    .collect();
                let label = self.pick(("更正", "amended"));
                self.labelled(label, &corrected.join(self.clause_separator()))
            }
        }
    }

    /// The name of a text of an incident that can be amended.
    pub fn text_field(&self, field: Field) -> &'static str {
        self.recovery_label(match field {
            Field::Title => RecoveryLabel::IncidentTitle,
            Field::Summary => RecoveryLabel::Summary,
            Field::Impact => RecoveryLabel::Impact,
            Field::Cause => RecoveryLabel::Cause,
            Field::Fix => RecoveryLabel::Fix,
        })
    }

    /// The prompt for the level of a new incident.
    pub fn which_level(&self) -> &'static str {
        self.pick(("故障级别", "Level of the incident"))
    }

    pub fn reported(&self, when: &str, by: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{when} 由 {by} 记录"),
            Lang::En => format!("reported {when} by {by}"),
        }
    }

    pub fn no_incidents(&self, open_only: bool) -> String {
        self.pick(if open_only {
            ("没有处理中的故障", "no open incidents")
        } else {
            ("尚无故障记录", "no incidents recorded")
        })
        .to_string()
    }

    /// The heading of the open incidents in `otss status`.
    pub fn open_incidents(&self, count: usize, at_risk: usize, breached: usize) -> String {
        match self.lang {
            Lang::Zh => {
                format!("处理中的故障 {count} 个：临近超时 {at_risk} 个，已超时 {breached} 个")
            }
            Lang::En => format!(
                "{}: {at_risk} at risk, {breached} breached",
                plural(count as u64, "open incident", "open incidents")
            ),
        }
    }

    /// A record deciding a clock of incident `id`, entered more than an hour after it happened
    /// (docs/rules.md §10.5), with both times.
    pub fn entered_later(&self, id: &str, decides: Decides, at: &str, entered: &str) -> String {
        let what = self.pick(match decides {
            Decides::Report => ("报告", "report"),
            Decides::Response => ("响应", "response"),
            Decides::Arrival => ("到场", "arrival"),
            Decides::Resolution => ("解决", "resolution"),
        });
        match self.lang {
            Lang::Zh => format!(
                "补录：故障 {id} 的{what}发生于 {at}，录入于 {entered}（晚于发生超过 1 小时）"
            ),
            Lang::En => format!(
                "entered later: the {what} of incident {id} happened at {at}, entered at \
                 {entered} (more than an hour later)"
            ),
        }
    }

    pub fn recovery_label(&self, label: RecoveryLabel) -> &'static str {
        use RecoveryLabel as L;
        self.pick(match label {
            L::Title => ("故障恢复报告", "Incident recovery report"),
            L::Item => ("项目", "Item"),
            L::Detail => ("内容", "Detail"),
            L::Incident => ("故障编号", "Incident"),
            L::Customer => ("客户", "Customer"),
            L::Level => ("故障级别", "Level"),
            L::ReportedAt => ("报告时间", "Reported"),
            L::ReportedBy => ("记录人", "Recorded by"),
            L::FromRisk => ("来源巡检风险", "From inspection risk"),
            L::Status => ("状态", "Status"),
            L::Summary => ("故障概述", "Summary"),
            L::Impact => ("影响范围", "Impact"),
            L::Cause => ("故障原因", "Cause"),
            L::Fix => ("处理措施", "Fix"),
            L::Clocks => ("服务时效", "Service levels"),
            L::Clock => ("时限", "Clock"),
            L::Deadline => ("截止时间", "Deadline"),
            L::Actual => ("实际时间", "Actual"),
            L::Verdict => ("结果", "Result"),
            L::Levels => ("级别变更", "Level history"),
            L::Timeline => ("处理过程", "Timeline"),
            L::Time => ("时间", "Time"),
            L::Engineer => ("工程师", "Engineer"),
            L::Event => ("事件", "Event"),
            L::NotRecorded => ("未记录", "not recorded"),
            L::IncidentTitle => ("标题", "Title"),
            L::Amendments => ("更正记录", "Amendments"),
            L::Was => ("原内容", "Was"),
            L::Now => ("更正为", "Now"),
            L::EnteredLater => ("补录", "Entered later"),
        })
    }
}

/// A countdown's duration to its two largest units: seconds under a minute, minutes under a
/// day, hours beyond.
fn approximately(d: TimeDelta) -> TimeDelta {
    let seconds = d.num_seconds();
    let unit = match seconds {
        s if s < 60 => 1,
        s if s < 86_400 => 60,
        _ => 3_600,
    };
    TimeDelta::seconds(seconds - seconds % unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_keep_two_units() {
        let en = Lang::En.messages();
        let left = TimeDelta::seconds(8 * 86_400 + 6 * 3_600 + 40 * 60 + 5);
        assert_eq!(en.due_in(ClockName::Resolution, left), "resolve in 8 d 6 h");
        assert_eq!(
            en.due_in(ClockName::Response, TimeDelta::seconds(725)),
            "respond in 12 min"
        );
        assert_eq!(
            en.breached(ClockName::Arrival, TimeDelta::seconds(42)),
            "arrival BREACHED 42 s ago"
        );
        let zh = Lang::Zh.messages();
        assert_eq!(
            zh.due_in(ClockName::Response, TimeDelta::seconds(725)),
            "12 分钟内响应"
        );
    }
}
