//! Routine work: inspections and their risks, backups, consultations, customer requests,
//! comp leave and the duty roster.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::words::plural;
use super::{Lang, Messages};
use crate::app::Input;
use crate::app::leave::LeaveEntry;
use crate::inspect::InspectError;
use crate::leave::LeaveError;
use crate::record::routine::NoteKind;
use crate::request::{Category, ScopeError};
use crate::routine::Uncounted;
use crate::text::one_line;
use crate::time::format_duration;

impl Messages {
    /// Why the results given are not a round.
    pub(super) fn inspect_error(&self, error: &InspectError) -> String {
        match error {
            InspectError::BadResult(text) => {
                let text = one_line(text);
                match self.lang {
                    Lang::Zh => format!("`{text}` 不是巡检结果：写 项目=ok 或 项目=abnormal:说明"),
                    Lang::En => {
                        format!("`{text}` is not a result: write NAME=ok or NAME=abnormal:NOTE")
                    }
                }
            }
            InspectError::UnknownItem {
                item,
                kind,
                near,
                valid,
            } => {
                let (item, kind) = (one_line(item), kind.key());
                let near = near.as_deref().map(one_line);
                let valid = one_line(&valid.join(self.pick(("；", "; ")))).into_owned();
                match self.lang {
                    Lang::Zh => {
                        let near = near.map(|near| format!("（是不是 `{near}`？）"));
                        let near = near.unwrap_or_default();
                        format!("`{item}` 不在 {kind} 巡检清单上{near}；清单项目：{valid}")
                    }
                    Lang::En => {
                        let near = near.map(|near| format!(" (did you mean `{near}`?)"));
                        let near = near.unwrap_or_default();
                        format!(
                            "`{item}` is not on the {kind} checklist{near}; its items are: {valid}"
                        )
                    }
                }
            }
            InspectError::AmbiguousItem { item, candidates } => {
                self.ambiguous_item(item, candidates)
            }
            InspectError::Twice(item) => {
                let item = one_line(item);
                match self.lang {
                    Lang::Zh => format!("`{item}` 给了两个结果"),
                    Lang::En => format!("`{item}` has two results"),
                }
            }
            InspectError::Missing(items) => {
                let items = one_line(&items.join(self.pick(("；", "; ")))).into_owned();
                match self.lang {
                    Lang::Zh => format!(
                        "这些项目没有结果：{items}；请逐项用 --item 给出，或用 --all-ok 表示其余都正常"
                    ),
                    Lang::En => format!(
                        "no result for: {items}; give --item for each, or --all-ok for the rest"
                    ),
                }
            }
            InspectError::Unit { item, error } => self.reading_unit_error(item, error),
            InspectError::NoNote(item) => {
                let item = one_line(item);
                match self.lang {
                    Lang::Zh => format!("`{item}` 异常：请说明发现了什么（项目=abnormal:说明）"),
                    Lang::En => {
                        format!("`{item}` is abnormal: say what was found (NAME=abnormal:NOTE)")
                    }
                }
            }
        }
    }

    /// A round recorded for a day other than today, without saying when.
    pub(super) fn round_needs_time(&self, date: NaiveDate) -> String {
        let at = self.input(Input::At);
        match self.lang {
            Lang::Zh => format!("{date} 的巡检需要 {at}：请说明是什么时候做的"),
            Lang::En => format!("a round on {date} needs {at}: say when it was done"),
        }
    }

    /// A round's time on another day than the round's.
    pub(super) fn round_on_another_day(&self, at: NaiveDate, date: NaiveDate) -> String {
        let flag = self.input(Input::At);
        match self.lang {
            Lang::Zh => format!("{flag} 是 {at}，不是 {date}"),
            Lang::En => format!("{flag} falls on {at}, not on {date}"),
        }
    }

    /// A period typed where a day is needed.
    /// A period typed where a month is needed.
    pub(super) fn not_a_month(&self, text: &str) -> String {
        let text = one_line(text);
        match self.lang {
            Lang::Zh => format!("`{text}` 不是月份：用 YYYY-MM"),
            Lang::En => format!("`{text}` is not a month: use YYYY-MM"),
        }
    }

    /// A scope typed that is not one.
    pub fn scope_error(&self, ScopeError { text }: &ScopeError) -> String {
        let text = one_line(text);
        let keys: Vec<&str> = Category::ALL.iter().map(|c| c.key()).collect();
        let keys = keys.join(self.items_separator());
        match self.lang {
            Lang::Zh => format!("`{text}` 不是范围：用 `in`，或 `out:类别`，类别是 {keys} 之一"),
            Lang::En => format!(
                "`{text}` is not a scope: use in, or out:CATEGORY with CATEGORY one of {keys}"
            ),
        }
    }

    /// Why overtime cannot be logged or comp leave taken.
    pub(super) fn leave_error(&self, error: &LeaveError) -> String {
        use LeaveError as E;
        match (error, self.lang) {
            (E::OutsideTerm(error), _) => self.outside_term(error),
            (E::Hours(hours), Lang::Zh) => format!(
                "{} {hours}：请填写加班小时数，大于 0，至多 24",
                self.input(Input::Hours)
            ),
            (E::Hours(hours), Lang::En) => format!(
                "{} {hours}: give the hours worked, more than 0 and at most 24",
                self.input(Input::Hours)
            ),
            (E::Future(date), Lang::Zh) => format!("{date} 在将来：加班之后再登记"),
            (E::Future(date), Lang::En) => {
                format!("{date} is in the future: log overtime once it is worked")
            }
            (E::LoggedAlready { date, engineer }, Lang::Zh) => {
                format!("{} 在 {date} 的加班已经登记过", one_line(engineer))
            }
            (E::LoggedAlready { date, engineer }, Lang::En) => {
                format!(
                    "overtime on {date} is logged for {} already",
                    one_line(engineer)
                )
            }
            (E::DayOff(date), Lang::Zh) => format!("{date} 不是工作日：休息不需要调休"),
            (E::DayOff(date), Lang::En) => {
                format!("{date} is not a working day: no comp leave is needed to be off")
            }
            (
                E::PastTermEnd {
                    first,
                    days,
                    end,
                    working_days,
                },
                Lang::Zh,
            ) => format!(
                "从 {first} 到服务期最后一天 {end} 只有 {working_days} 个工作日，不够调休 {days} 天"
            ),
            (
                E::PastTermEnd {
                    first,
                    days,
                    end,
                    working_days,
                },
                Lang::En,
            ) => format!(
                "from {first} to the last day of the term, {end}, there are {}, fewer than {days}",
                plural(*working_days, "working day", "working days")
            ),
            (E::TakenAlready { engineer, dates }, Lang::Zh) => {
                format!("{} 在 {} 已经调休", one_line(engineer), self.dates(dates))
            }
            (E::TakenAlready { engineer, dates }, Lang::En) => format!(
                "{} takes comp leave on {} already",
                one_line(engineer),
                self.dates(dates)
            ),
            (
                E::NotEarned {
                    engineer,
                    date,
                    balance,
                },
                Lang::Zh,
            ) => format!(
                "{} 在 {date} 的调休余额是 {balance} 天（当天及之前获得的，减去当天及之前已休的）：\
                 调休只能用已经获得的天数",
                one_line(engineer)
            ),
            (
                E::NotEarned {
                    engineer,
                    date,
                    balance,
                },
                Lang::En,
            ) => format!(
                "{}'s comp balance on {date} is {balance} (days earned on or before it, less leave \
                 taken by then): leave is taken only from days already earned",
                one_line(engineer)
            ),
            (
                E::UncoversLater {
                    engineer,
                    date,
                    spare,
                },
                Lang::Zh,
            ) => format!(
                "{} 已在 {date} 调休，当天余额为 {spare} 天：在此之前再调休，那天的调休就超出了已获得的天数",
                one_line(engineer)
            ),
            (
                E::UncoversLater {
                    engineer,
                    date,
                    spare,
                },
                Lang::En,
            ) => format!(
                "{} takes comp leave on {date} already, with a balance of {spare} that day: more \
                 leave before it would take that day beyond the days earned",
                one_line(engineer)
            ),
        }
    }

    /// "1/1 done", or that nothing is required.
    pub fn inspection_progress(&self, done: u32, required: u32) -> String {
        if required == 0 {
            return self.pick(("无需巡检", "not required")).to_string();
        }
        let progress = match self.lang {
            Lang::Zh => format!("已完成 {done}/{required}"),
            Lang::En => format!("{done} of {required} done"),
        };
        if done >= required {
            return progress;
        }
        let missing = required - done;
        match self.lang {
            Lang::Zh => format!("{progress}，缺 {missing}"),
            Lang::En => format!("{progress}, {missing} missing"),
        }
    }

    pub fn how_to_record(&self) -> String {
        self.pick((
            "记录巡检：otss inspect today --kind KIND --all-ok [--item \"NAME=abnormal:NOTE\"]",
            "record a round: otss inspect today --kind KIND --all-ok [--item \"NAME=abnormal:NOTE\"]",
        ))
        .to_string()
    }

    pub fn tick_items(&self, kind: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{kind}：勾选正常的检查项（空格勾选，a 全选，回车确认）"),
            Lang::En => format!(
                "{kind}: tick the items that are OK (space ticks, a ticks all, Enter confirms)"
            ),
        }
    }

    pub fn what_is_wrong(&self, item: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{item} 的异常情况"),
            Lang::En => format!("What is wrong with {item}"),
        }
    }

    pub fn nothing_due(&self) -> String {
        self.pick(("没有待完成的巡检", "nothing is due"))
            .to_string()
    }

    pub fn say_what_is_wrong(&self) -> String {
        self.pick(("请说明异常情况", "say what is wrong"))
            .to_string()
    }

    pub fn record_round(&self) -> String {
        self.pick(("记录本轮巡检？", "Record this round?"))
            .to_string()
    }

    pub fn round_recorded(&self, kind: &str, items: usize, abnormal: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{kind}：已记录一轮，{items} 项，异常 {abnormal} 项"),
            Lang::En => format!(
                "{kind}: round recorded, {}, {abnormal} abnormal",
                plural(items as u64, "item", "items")
            ),
        }
    }

    pub fn coverage_legend(&self) -> String {
        self.pick((
            "✓ 已完成  ✗ 缺失  … 今日进行中  · 无需巡检",
            "✓ done  ✗ missed  … today, in progress  · not required",
        ))
        .to_string()
    }

    /// Why a round does not count, with times written by `time`.
    pub fn round_uncounted(
        &self,
        why: &Uncounted,
        time: impl Fn(DateTime<Utc>) -> String,
    ) -> String {
        self.uncounted(why, time, (("巡检", "当天"), ("round", "day")))
    }

    /// Why a backup check that passed does not count, with times written by `time`.
    pub fn check_uncounted(
        &self,
        why: &Uncounted,
        time: impl Fn(DateTime<Utc>) -> String,
    ) -> String {
        self.uncounted(why, time, (("备份检查", "当月"), ("check", "month")))
    }

    /// Why a round or a check does not count: (the thing, its period) in each language.
    fn uncounted(
        &self,
        why: &Uncounted,
        time: impl Fn(DateTime<Utc>) -> String,
        words: ((&str, &str), (&str, &str)),
    ) -> String {
        let (thing, period) = self.pick(words);
        match (why, self.lang) {
            (Uncounted::NotRequired, Lang::Zh) => format!("{period}不要求{thing}"),
            (Uncounted::NotRequired, Lang::En) => format!("none required that {period}"),
            (Uncounted::RequirementMet, Lang::Zh) => format!("{period}要求的{thing}次数已满"),
            (Uncounted::RequirementMet, Lang::En) => {
                format!("the {period} had the {thing}s it requires")
            }
            (Uncounted::TooSoon { after, min_gap }, Lang::Zh) => {
                let (after, gap) = (time(*after), format_duration(*min_gap));
                format!("距 {after} 计数的{thing}不足 {gap}")
            }
            (Uncounted::TooSoon { after, min_gap }, Lang::En) => {
                let (after, gap) = (time(*after), format_duration(*min_gap));
                format!("less than {gap} after the {thing} counted at {after}")
            }
        }
    }

    /// "not counted: REASON".
    pub fn not_counted(&self, reason: &str) -> String {
        self.labelled(self.pick(("不计数", "not counted")), reason)
    }

    /// Why a round does not count, and from when one would: `…; one from 13:00 counts`.
    pub fn counts_from(&self, not_counted: &str, when: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{not_counted}；{when} 起的一轮计数"),
            Lang::En => format!("{not_counted}; one from {when} counts"),
        }
    }

    /// Heading of the rounds recorded that do not count.
    pub fn rounds_not_counted(&self) -> String {
        self.pick(("未计数的巡检：", "Rounds not counted:"))
            .to_string()
    }

    /// Heading of each backup job's latest result.
    pub fn latest_per_job(&self) -> String {
        self.pick(("各备份任务的最新结果：", "Latest result of each job:"))
            .to_string()
    }

    /// How many risks are open.
    pub fn open_risks(&self, count: usize) -> String {
        match self.lang {
            Lang::Zh => format!("未处理风险 {count} 项"),
            Lang::En => plural(count as u64, "open risk", "open risks"),
        }
    }

    /// How often a risk was found, and when last.
    pub fn risk_seen(&self, seen: u32, last: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已发现 {seen} 次，最近 {last}"),
            Lang::En => format!("found {seen} times, last {last}"),
        }
    }

    pub fn no_risks(&self, open_only: bool) -> String {
        self.pick(if open_only {
            ("没有未处理的风险", "no open risks")
        } else {
            ("没有发现风险", "no risks found")
        })
        .to_string()
    }

    pub fn risk_state(&self, open: bool, incident: Option<&str>) -> String {
        match (open, incident) {
            (_, Some(incident)) => match self.lang {
                Lang::Zh => format!("已转故障 {incident}"),
                Lang::En => format!("incident {incident}"),
            },
            (true, None) => self.pick(("未处理", "open")).to_string(),
            (false, None) => self.pick(("已恢复", "cleared")).to_string(),
        }
    }

    pub fn backups(&self, done: u32, required: u32) -> String {
        match self.lang {
            Lang::Zh => format!("备份检查：{done} 次，要求 {required} 次"),
            Lang::En => format!("backup checks: {done} of {required} required"),
        }
    }

    pub fn backup_result(&self, ok: bool, note: Option<&str>) -> String {
        if ok {
            return self.pick(("正常", "ok")).to_string();
        }
        let failed = self.pick(("失败", "FAILED"));
        match note {
            Some(note) => self.labelled(failed, note),
            None => failed.to_string(),
        }
    }

    pub fn recorded(&self) -> String {
        self.pick(("已记录", "recorded")).to_string()
    }

    pub fn consultations(&self, count: usize, minutes: u64) -> String {
        let spent = self.duration(TimeDelta::minutes(
            i64::try_from(minutes).unwrap_or(i64::MAX / 60_000),
        ));
        match self.lang {
            Lang::Zh => format!("技术咨询 {count} 次，共 {spent}"),
            Lang::En => format!(
                "{}, {spent}",
                plural(count as u64, "consultation", "consultations")
            ),
        }
    }

    pub fn category(&self, category: Category) -> &'static str {
        self.pick(match category {
            Category::SoftwareDevTest => ("软件开发测试", "software development and testing"),
            Category::DrAndScaling => ("灾备与扩容", "disaster recovery and capacity expansion"),
            Category::Certification => ("设备认证", "device certification"),
            Category::DataMigration => ("数据迁移", "data migration"),
            Category::SecurityOperations => ("安全运营", "security operations"),
            Category::GrowthAnalysis => (
                "增长分析与业务运营",
                "growth analysis and business operations",
            ),
            Category::Facility => ("机房基础设施", "data-centre facilities"),
            Category::InternalOpsSystem => {
                ("内部运维管理系统建设", "an internal operations system")
            }
            Category::Other => ("其他", "other work"),
        })
    }

    /// "decided by the engineer", and why if they said.
    pub fn decided_by_engineer(&self, reason: Option<&str>) -> String {
        let decided = self.pick(("工程师判定", "decided by the engineer"));
        match reason {
            Some(reason) => self.labelled(decided, reason),
            None => decided.to_string(),
        }
    }

    pub fn in_scope(&self, forced: bool, reason: Option<&str>) -> String {
        let in_scope = self.pick(("服务范围内", "in scope"));
        if forced {
            self.with_note(in_scope, &self.decided_by_engineer(reason))
        } else {
            in_scope.to_string()
        }
    }

    pub fn out_of_scope(
        &self,
        category: Category,
        words: &[String],
        forced: bool,
        reason: Option<&str>,
    ) -> String {
        let why = if forced {
            self.decided_by_engineer(reason)
        } else {
            self.labelled(self.pick(("关键词", "words")), &self.items(words))
        };
        let out = self.labelled(
            self.pick(("超出服务范围", "OUT OF SCOPE")),
            self.category(category),
        );
        self.with_note(&out, &why)
    }

    /// A request put in `other` without the reason it must have.
    pub fn reason_needed(&self) -> String {
        self.pick((
            "--scope out:other 须说明原因：--reason TEXT",
            "--scope out:other needs a reason: --reason TEXT",
        ))
        .to_string()
    }

    pub fn requests(&self, count: usize, out_of_scope: usize) -> String {
        match self.lang {
            Lang::Zh => format!("需求 {count} 条，超出范围 {out_of_scope} 条"),
            Lang::En => format!(
                "{}, {out_of_scope} out of scope",
                plural(count as u64, "request", "requests")
            ),
        }
    }

    pub fn note_count(&self, count: usize) -> String {
        match self.lang {
            Lang::Zh => format!("备注 {count} 条"),
            Lang::En => plural(count as u64, "note", "notes"),
        }
    }

    pub fn note_kind(&self, kind: NoteKind) -> &'static str {
        self.pick(match kind {
            NoteKind::Risk => ("平台风险", "platform risk"),
            NoteKind::Suggestion => ("优化建议", "suggestion"),
        })
    }

    /// A day worked or comp leave taken, as the overtime list shows it.
    pub fn leave_entry(&self, entry: &LeaveEntry) -> String {
        match entry {
            LeaveEntry::Worked(o) => {
                let worked = self.pick(("加班", "worked"));
                let earned = self.comp_earned(&o.engineer, o.comp_days);
                format!("{} · {worked} · {earned}", o.date)
            }
            LeaveEntry::Off { taken, dates } => {
                format!(
                    "{} · {}",
                    taken.date,
                    self.leave_days(&taken.engineer, dates)
                )
            }
        }
    }

    fn leave_days(&self, engineer: &str, dates: &[NaiveDate]) -> String {
        let days = dates.len() as u64;
        let dates = self.dates(dates);
        match self.lang {
            Lang::Zh => format!("{engineer} 调休 {days} 天（{dates}）"),
            Lang::En => format!(
                "{engineer} takes {} ({dates})",
                plural(days, "comp day", "comp days")
            ),
        }
    }

    pub fn comp_earned(&self, engineer: &str, comp_days: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{engineer} 获得调休 {comp_days} 天"),
            Lang::En => format!(
                "{engineer} earns {}",
                plural(comp_days, "comp day", "comp days")
            ),
        }
    }

    pub fn no_comp_on_working_day(&self) -> String {
        self.pick((
            "已记录；按合同，工作日加班不计调休",
            "recorded; a working day earns no comp leave under the contract",
        ))
        .to_string()
    }

    pub fn no_comp_under_7x24(&self) -> String {
        self.pick((
            "已记录；7x24 合同每天都有人值守，不按日期类型计调休",
            "recorded; a 7x24 contract staffs every day, so no day earns comp leave by its kind",
        ))
        .to_string()
    }

    pub fn leave_taken(&self, engineer: &str, dates: &[NaiveDate], left: i64) -> String {
        let taken = self.leave_days(engineer, dates);
        match self.lang {
            Lang::Zh => format!("{taken}，剩余 {left} 天"),
            Lang::En => format!("{taken}; {left} left"),
        }
    }

    /// Dates in a list.
    fn dates(&self, dates: &[NaiveDate]) -> String {
        let dates: Vec<String> = dates.iter().map(NaiveDate::to_string).collect();
        self.items(&dates)
    }

    pub fn balance_header(&self) -> Vec<String> {
        self.pick((
            ["工程师", "获得", "已休", "剩余"],
            ["Engineer", "Earned", "Taken", "Balance"],
        ))
        .map(String::from)
        .to_vec()
    }

    pub fn on_duty(&self, engineer: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{engineer} 值班"),
            Lang::En => format!("{engineer} on duty"),
        }
    }

    /// A day off of the roster nobody is on duty for.
    pub fn no_one_on_duty(&self) -> String {
        self.pick(("无人值班", "no one on duty")).to_string()
    }

    /// A duty day set on a working day: recorded, but worth a second look.
    pub fn duty_on_working_day(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("{date} 是工作日：值班表用于休息日；已照常记录"),
            Lang::En => {
                format!("{date} is a working day: the duty roster is for days off; recorded anyway")
            }
        }
    }

    pub fn no_duty(&self) -> String {
        self.pick(("值班表上没有安排", "no one is on the duty roster"))
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::InspectionKind;

    #[test]
    fn an_item_off_the_checklist_is_said_with_the_closest_and_every_item() {
        let unknown = InspectError::UnknownItem {
            item: "Dsk".into(),
            kind: InspectionKind::Monitoring,
            near: Some("Disk".into()),
            valid: vec!["CPU".into(), "Disk".into(), "CLB 5xx".into()],
        };
        assert_eq!(
            Lang::En.messages().inspect_error(&unknown),
            "`Dsk` is not on the monitoring checklist (did you mean `Disk`?); its items are: CPU; \
             Disk; CLB 5xx"
        );
        assert_eq!(
            Lang::Zh.messages().inspect_error(&unknown),
            "`Dsk` 不在 monitoring 巡检清单上（是不是 `Disk`？）；清单项目：CPU；Disk；CLB 5xx"
        );
    }

    #[test]
    fn comp_leave_refusals_say_their_facts_in_both_languages() {
        let date = |text: &str| text.parse::<NaiveDate>().unwrap();
        let engineer = || "li.lei".to_string();
        let cases = [
            (
                LeaveError::PastTermEnd {
                    first: date("2025-12-30"),
                    days: 3,
                    end: date("2025-12-31"),
                    working_days: 2,
                },
                "从 2025-12-30 到服务期最后一天 2025-12-31 只有 2 个工作日，不够调休 3 天",
                "from 2025-12-30 to the last day of the term, 2025-12-31, there are 2 working \
                 days, fewer than 3",
            ),
            (
                LeaveError::TakenAlready {
                    engineer: engineer(),
                    dates: vec![date("2025-03-11"), date("2025-03-12")],
                },
                "li.lei 在 2025-03-11、2025-03-12 已经调休",
                "li.lei takes comp leave on 2025-03-11, 2025-03-12 already",
            ),
            (
                LeaveError::NotEarned {
                    engineer: engineer(),
                    date: date("2025-03-10"),
                    balance: -1,
                },
                "li.lei 在 2025-03-10 的调休余额是 -1 天（当天及之前获得的，减去当天及之前已休的）：\
                 调休只能用已经获得的天数",
                "li.lei's comp balance on 2025-03-10 is -1 (days earned on or before it, less \
                 leave taken by then): leave is taken only from days already earned",
            ),
            (
                LeaveError::UncoversLater {
                    engineer: engineer(),
                    date: date("2025-03-20"),
                    spare: 0,
                },
                "li.lei 已在 2025-03-20 调休，当天余额为 0 天：在此之前再调休，那天的调休就超出了已获得的天数",
                "li.lei takes comp leave on 2025-03-20 already, with a balance of 0 that day: \
                 more leave before it would take that day beyond the days earned",
            ),
        ];
        for (error, zh, en) in cases {
            assert_eq!(Lang::Zh.messages().leave_error(&error), zh);
            assert_eq!(Lang::En.messages().leave_error(&error), en);
        }
    }
}
