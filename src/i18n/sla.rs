//! The SLA: where an instant stands against the service hours, the deadlines and their rules.

use chrono::{NaiveTime, TimeDelta};

use super::words::plural;
use super::{Lang, Messages, day_name};
use crate::app::Input;
use crate::calendar::Day;
use crate::contract::{Level, LevelError, ResolveClock, ServiceHours};
use crate::service::Mode;
use crate::sla::Situation;
use crate::text::one_line;

/// The facts behind a priority arrival time, for explaining it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrioritySite {
    pub staff: u32,
    pub city: String,
}

impl Messages {
    /// An engineer asked for on site before the incident was reported.
    pub(super) fn asked_before_report(&self, asked_at: &str, reported_at: &str) -> String {
        let onsite_at = self.input(Input::OnsiteAt);
        match self.lang {
            Lang::Zh => format!("{onsite_at} {asked_at} 早于报告时间（{reported_at}）"),
            Lang::En => format!("{onsite_at} {asked_at} is before the report ({reported_at})"),
        }
    }

    pub(super) fn agreed_before_request(&self, agreed: &str, asked_at: &str) -> String {
        let input = self.input(Input::Agreed);
        match self.lang {
            Lang::Zh => format!(
                "{input} {agreed} 早于要求到场的时间（{asked_at}）；约定的是以后的时间，\
                 例如 `明天 10:00`"
            ),
            Lang::En => format!(
                "{input} {agreed} is before the engineer was asked for on site ({asked_at}); an \
                 agreed arrival lies ahead, e.g. `tomorrow 10:00`"
            ),
        }
    }

    /// A level typed that is not one.
    pub fn level_error(&self, LevelError(text): &LevelError) -> String {
        let text = one_line(text);
        match self.lang {
            Lang::Zh => format!("`{text}` 不是级别：用 1、2 或 3"),
            Lang::En => format!("`{text}` is not a level: use 1, 2 or 3"),
        }
    }

    pub fn situation(&self, situation: &Situation, hours: &ServiceHours) -> String {
        let outside = self.pick(("非服务时间", "outside service hours"));
        let (state, detail) = match situation {
            Situation::AroundTheClock => {
                return self
                    .pick(("7x24 全天候服务", "7x24 service, around the clock"))
                    .to_string();
            }
            Situation::InServiceHours { day } => (
                self.pick(("服务时间内", "inside service hours")),
                self.day_text(day),
            ),
            Situation::DayOff { day } => (outside, self.day_text(day)),
            Situation::BeforeHours { .. } => (
                outside,
                match self.lang {
                    Lang::Zh => format!("{} 之前", hh_mm(hours.start)),
                    Lang::En => format!("before {}", hh_mm(hours.start)),
                },
            ),
            Situation::AfterHours { .. } => (
                outside,
                match self.lang {
                    Lang::Zh => format!("{} 之后", hh_mm(hours.end)),
                    Lang::En => format!("after {}", hh_mm(hours.end)),
                },
            ),
        };
        self.with_note(state, &detail)
    }

    /// A day's name, if it has one, and its kind.
    fn day_text(&self, day: &Day) -> String {
        let kind = self.day_kind(day.kind);
        match &day.name {
            Some(name) => [day_name(self, name).as_str(), kind].join(self.pick(("，", ", "))),
            None => kind.to_string(),
        }
    }

    pub fn level(&self, level: u8) -> String {
        match self.lang {
            Lang::Zh => {
                let name = match level {
                    1 => "一",
                    2 => "二",
                    _ => "三",
                };
                format!("{name}级故障")
            }
            Lang::En => format!("level {level}"),
        }
    }

    /// When to choose a level (docs/rules.md §2.1).
    pub fn level_definition(&self, level: Level) -> &'static str {
        self.pick(match level.number() {
            1 => (
                "平台宕机或无法正常运行，客户生产业务受到影响",
                "the platform is down, or cannot operate normally, and the customer's production \
                 is hit",
            ),
            2 => (
                "部分功能故障或性能严重下降，但平台整体仍可运行",
                "some functions fail or performance has dropped seriously, but the platform as a \
                 whole keeps working",
            ),
            _ => (
                "一般性的功能或性能故障，平台运行正常",
                "a routine fault of function or performance, with the platform working",
            ),
        })
    }

    /// A level and when to choose it, as one choice: "一级故障：平台宕机或无法正常运行，…".
    pub fn level_choice(&self, level: Level) -> String {
        self.labelled(&self.level(level.number()), self.level_definition(level))
    }

    pub fn respond_by(&self, when: &str, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{when} 前响应（{why}）"),
            Lang::En => format!("respond by {when} ({why})"),
        }
    }

    pub fn on_site_by(&self, when: &str, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("如需到场，{when} 前到场（{why}）"),
            Lang::En => format!("on site by {when} if asked ({why})"),
        }
    }

    pub fn resolve_by(&self, when: &str, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{when} 前解决（{why}）"),
            Lang::En => format!("resolve by {when} ({why})"),
        }
    }

    pub fn no_arrival_clock(&self, mode: Mode) -> String {
        self.pick(match mode {
            Mode::FiveByEight => (
                "工程师已在现场，无到场时限",
                "the engineer is on site: no arrival clock",
            ),
            Mode::SevenByTwentyFour => (
                "全天候驻场，无到场时限",
                "engineers on site around the clock: no arrival clock",
            ),
        })
        .to_string()
    }

    pub fn rule_immediate(&self, within: TimeDelta) -> String {
        let label = self.pick(("立即响应", "immediate"));
        self.labelled(label, &self.duration(within))
    }

    pub fn rule_off_hours_budget(&self, budget: TimeDelta) -> String {
        let budget = self.duration(budget);
        match self.lang {
            Lang::Zh => format!("非服务时间 {budget}"),
            Lang::En => format!("{budget} outside service hours"),
        }
    }

    pub fn rule_window_start(&self, start: &str, plus: TimeDelta) -> String {
        let start = match self.lang {
            Lang::Zh => format!("服务时间开始 {start}"),
            Lang::En => format!("service hours start {start}"),
        };
        if plus.is_zero() {
            start
        } else {
            format!("{start} + {}", self.duration(plus))
        }
    }

    pub fn rule_arrival(&self, budget: TimeDelta, priority: Option<&PrioritySite>) -> String {
        let budget = self.duration(budget);
        let Some(site) = priority else {
            return budget;
        };
        let city = &site.city;
        let site = match self.lang {
            Lang::Zh => format!("{} 名工程师驻{city}", site.staff),
            Lang::En => format!("{} in {city}", plural(site.staff, "engineer", "engineers")),
        };
        self.labelled(&budget, &site)
    }

    pub fn rule_agreed(&self) -> String {
        self.pick((
            "与客户约定的较晚时间",
            "the later time agreed with the customer",
        ))
        .to_string()
    }

    pub fn rule_resolution(&self, budget: TimeDelta, clock: ResolveClock) -> String {
        let budget = self.duration(budget);
        match clock {
            ResolveClock::Wall => budget,
            ResolveClock::Service => match self.lang {
                Lang::Zh => format!("服务时间 {budget}"),
                Lang::En => format!("{budget} of service time"),
            },
        }
    }
}

fn hh_mm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
