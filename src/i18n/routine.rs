//! Routine work: inspections and their risks, backups, consultations, customer requests,
//! comp leave and the duty roster.

use chrono::TimeDelta;

use super::words::plural;
use super::{Lang, Messages};
use crate::request::Category;

impl Messages {
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

    pub fn leave_taken(&self, engineer: &str, days: u32, left: i64) -> String {
        match self.lang {
            Lang::Zh => format!("{engineer} 调休 {days} 天，剩余 {left} 天"),
            Lang::En => format!(
                "{engineer} takes {}; {left} left",
                plural(days, "comp day", "comp days")
            ),
        }
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

    pub fn no_duty(&self) -> String {
        self.pick(("值班表上没有安排", "no one is on the duty roster"))
            .to_string()
    }
}
