//! 中文。

use chrono::{NaiveDate, TimeDelta, Weekday};
use chrono_tz::Tz;

use super::{
    ContractComment, ContractField, InitQuestion, KnownError, Lang, Messages, PathKind,
    PrioritySite, RecoveryLabel, ReportLabel, approximately, day_name, duration_in,
};
use crate::calendar::{Basis, Day, DayKind, DayName, Festival};
use crate::check::Problem;
use crate::contract::{ContractError, MAX_CONTRACT_BYTES, OutsideTerm};
use crate::contract::{ResolveClock, ServiceHours};
use crate::git::{GitError, Said};
use crate::ids::{IdError, Named};
use crate::incident::{ClockName, Happening, IncidentError, Status};
use crate::inspect::InspectError;
use crate::leave::LeaveError;
use crate::ledger::{EngineerError, EntryFault, LineFault};
use crate::period::PeriodError;
use crate::report::ReportError;
use crate::report::{DueState, ReportKind};
use crate::request::Category;
use crate::service::{Frequency, Mode, ServiceItem};
use crate::sla::Situation;
use crate::sync::SyncFailure;
use crate::time::{DurationError, TimeError};

pub struct Zh;

impl Messages for Zh {
    fn lang(&self) -> Lang {
        Lang::Zh
    }

    fn festival(&self, festival: Festival) -> &'static str {
        match festival {
            Festival::NewYear => "元旦",
            Festival::SpringFestival => "春节",
            Festival::Qingming => "清明节",
            Festival::LabourDay => "劳动节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
            Festival::NationalDay => "国庆节",
        }
    }

    fn day_kind(&self, kind: DayKind) -> &'static str {
        match kind {
            DayKind::Workday => "工作日",
            DayKind::MakeupWorkday => "调休上班日",
            DayKind::Weekend => "周末",
            DayKind::Holiday => "休息日",
            DayKind::Statutory => "法定节假日",
        }
    }

    fn contract_day(&self, name: &DayName) -> &'static str {
        match name {
            DayName::ContractWorkday => "合同约定工作日",
            DayName::ContractStatutory => "合同约定法定节假日",
            _ => "合同约定休息日",
        }
    }

    fn weekday_short(&self, day: Weekday) -> &'static str {
        match day {
            Weekday::Mon => "一",
            Weekday::Tue => "二",
            Weekday::Wed => "三",
            Weekday::Thu => "四",
            Weekday::Fri => "五",
            Weekday::Sat => "六",
            Weekday::Sun => "日",
        }
    }

    fn weekday(&self, day: Weekday) -> &'static str {
        match day {
            Weekday::Mon => "周一",
            Weekday::Tue => "周二",
            Weekday::Wed => "周三",
            Weekday::Thu => "周四",
            Weekday::Fri => "周五",
            Weekday::Sat => "周六",
            Weekday::Sun => "周日",
        }
    }

    fn labelled(&self, label: &str, text: &str) -> String {
        format!("{label}：{text}")
    }

    fn clause_separator(&self) -> &'static str {
        "；"
    }

    fn list_separator(&self) -> &'static str {
        "、"
    }

    fn items_separator(&self) -> &'static str {
        "、"
    }

    fn duration(&self, d: TimeDelta) -> String {
        duration_in(d, ["天", "小时", "分钟", "秒"])
    }

    fn warning(&self) -> &'static str {
        "警告"
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        if yes { "是" } else { "否" }
    }

    fn month_title(&self, year: i32, month: u32) -> String {
        format!("{year}年{month}月")
    }

    fn month_short(&self, month: u32) -> String {
        format!("{month}月")
    }

    fn working_days_in_month(&self, count: usize) -> String {
        format!("工作日 {count} 天")
    }

    fn calendar_legend(&self) -> String {
        "* 法定节假日  + 休息日  ! 调休上班".to_string()
    }

    fn working_status(&self, working: bool, comp_days: u32) -> String {
        if working {
            "工作日：加班不计调休".to_string()
        } else {
            format!("非工作日：当天加班可获调休 {comp_days} 天")
        }
    }

    fn days_off(&self, days: usize, statutory: &[String]) -> String {
        if statutory.is_empty() {
            format!("放假 {days} 天")
        } else {
            format!("放假 {days} 天（法定：{}）", statutory.join("、"))
        }
    }

    fn provisional(&self, year: i32, basis: Basis) -> Option<String> {
        let import = "官方安排发布后可用 `otss calendar import FILE` 导入";
        match basis {
            Basis::Published => None,
            Basis::Provisional { lunar_known: true } => Some(format!(
                "{year} 年节假日安排尚未发布：暂按周末和法定节假日推算；{import}"
            )),
            Basis::Provisional { lunar_known: false } => Some(format!(
                "{year} 年节假日安排尚未发布：暂按周末和固定日期的法定节假日推算（农历节日未知）；{import}"
            )),
            Basis::BeforeData => Some(format!(
                "没有 {year} 年的节假日数据：仅按周末计算（内置数据自 2018 年起）"
            )),
        }
    }

    fn schedule_imported(&self, year: i32, days: usize, replaced: bool, path: &str) -> String {
        let verb = if replaced { "已替换" } else { "已导入" };
        format!("{verb} {year} 年节假日安排（{days} 天）：{path}")
    }

    fn situation(&self, situation: &Situation, hours: &ServiceHours) -> String {
        let day_text = |day: &Day| match &day.name {
            Some(name) => [day_name(self, name).as_str(), self.day_kind(day.kind)].join("，"),
            None => self.day_kind(day.kind).to_string(),
        };
        let hh_mm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
        match situation {
            Situation::AroundTheClock => "7x24 全天候服务".to_string(),
            Situation::InServiceHours { day } => format!("服务时间内（{}）", day_text(day)),
            Situation::DayOff { day } => format!("非服务时间（{}）", day_text(day)),
            Situation::BeforeHours { .. } => {
                format!("非服务时间（{} 之前）", hh_mm(hours.start))
            }
            Situation::AfterHours { .. } => {
                format!("非服务时间（{} 之后）", hh_mm(hours.end))
            }
        }
    }

    fn level(&self, level: u8) -> String {
        let name = match level {
            1 => "一",
            2 => "二",
            _ => "三",
        };
        format!("{name}级故障")
    }

    fn respond_by(&self, when: &str, why: &str) -> String {
        format!("{when} 前响应（{why}）")
    }

    fn on_site_by(&self, when: &str, why: &str) -> String {
        format!("如需到场，{when} 前到场（{why}）")
    }

    fn resolve_by(&self, when: &str, why: &str) -> String {
        format!("{when} 前解决（{why}）")
    }

    fn no_arrival_clock(&self, mode: Mode) -> String {
        match mode {
            Mode::FiveByEight => "工程师已在现场，无到场时限".to_string(),
            Mode::SevenByTwentyFour => "全天候驻场，无到场时限".to_string(),
        }
    }

    fn rule_immediate(&self, within: TimeDelta) -> String {
        format!("立即响应：{}", self.duration(within))
    }

    fn rule_off_hours_budget(&self, budget: TimeDelta) -> String {
        format!("非服务时间 {}", self.duration(budget))
    }

    fn rule_window_start(&self, start: &str, plus: TimeDelta) -> String {
        if plus.is_zero() {
            format!("服务时间开始 {start}")
        } else {
            format!("服务时间开始 {start} + {}", self.duration(plus))
        }
    }

    fn rule_arrival(&self, budget: TimeDelta, priority: Option<&PrioritySite>) -> String {
        match priority {
            Some(site) => format!(
                "{}：{} 名工程师驻{}",
                self.duration(budget),
                site.staff,
                site.city
            ),
            None => self.duration(budget),
        }
    }

    fn rule_agreed(&self) -> String {
        "与客户约定的较晚时间".to_string()
    }

    fn rule_resolution(&self, budget: TimeDelta, clock: ResolveClock) -> String {
        match clock {
            ResolveClock::Wall => self.duration(budget),
            ResolveClock::Service => format!("服务时间 {}", self.duration(budget)),
        }
    }

    fn contract_ok(&self, origin: &str) -> String {
        format!("合同检查通过：{origin}")
    }

    fn start_not_working_day(
        &self,
        start: NaiveDate,
        kind: DayKind,
        next: Option<NaiveDate>,
    ) -> String {
        let next = next
            .map(|d| format!("；下一个工作日是 {d}"))
            .unwrap_or_default();
        format!(
            "5x8 服务期从 {start} 开始，当天是{}，不是工作日{next}",
            self.day_kind(kind)
        )
    }

    fn field_label(&self, field: ContractField) -> &'static str {
        match field {
            ContractField::Contract => "合同",
            ContractField::Value => "内容",
            ContractField::Path => "文件",
            ContractField::Customer => "客户",
            ContractField::Provider => "服务商",
            ContractField::Mode => "服务模式",
            ContractField::Term => "服务期",
            ContractField::TimeZone => "时区",
            ContractField::City => "城市",
            ContractField::Staff => "驻场人数",
            ContractField::Language => "语言",
            ContractField::Ledger => "台账",
            ContractField::ServiceHours => "服务时间",
            ContractField::Immediate => "立即响应",
            ContractField::AtRisk => "预警阈值",
            ContractField::PriorityArrival => "优先到场",
            ContractField::Level => "级别",
            ContractField::Response => "响应",
            ContractField::ResponseOffHours => "非服务时间响应",
            ContractField::Arrival => "到场",
            ContractField::Resolution => "解决",
            ContractField::ServiceItem => "服务项",
            ContractField::Frequency => "频率",
            ContractField::Checklist => "检查项",
            ContractField::CalendarCorrections => "日历调整",
            ContractField::Schedules => "节假日安排文件",
            ContractField::ReportsDue => "月度报告提交日",
        }
    }

    fn mode_name(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::FiveByEight => "5x8：工作日服务时间驻场",
            Mode::SevenByTwentyFour => "7x24：全天候驻场",
        }
    }

    fn service_item(&self, item: ServiceItem) -> &'static str {
        match item {
            ServiceItem::Support => "技术支持",
            ServiceItem::Incident => "故障管理",
            ServiceItem::Monitoring => "监控巡检",
            ServiceItem::Resource => "资源巡检",
            ServiceItem::Alert => "告警管理",
            ServiceItem::Backup => "备份管理",
            ServiceItem::Request => "需求收集与反馈",
            ServiceItem::Report => "服务报告",
        }
    }

    fn frequency(&self, frequency: Frequency) -> String {
        match frequency {
            Frequency::DuringServiceHours => "服务时间内按需".to_string(),
            Frequency::Always => "全天候按需".to_string(),
            Frequency::PerSla => "按 SLA".to_string(),
            Frequency::WorkingDay { count } => format!("每个工作日 {count} 次"),
            Frequency::Day { count } => format!("每天 {count} 次"),
            Frequency::Month { count } => format!("每月 {count} 次"),
            Frequency::OnDemand => "按需".to_string(),
        }
    }

    fn staff_count(&self, staff: u32) -> String {
        format!("{staff} 人")
    }

    fn priority_rule(&self, applies: bool, staff: u32, cities: &[String]) -> String {
        format!(
            "{}：驻场 {staff} 人及以上，城市为{}",
            self.yes_no(applies),
            cities.join("、")
        )
    }

    fn arrival_with_priority(&self, arrival: TimeDelta, priority: TimeDelta) -> String {
        format!(
            "{}（优先 {}）",
            self.duration(arrival),
            self.duration(priority)
        )
    }

    fn none(&self) -> &'static str {
        "无"
    }

    fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Open => "处理中",
            Status::Resolved => "已解决",
            Status::Closed => "已关闭",
        }
    }

    fn clock(&self, clock: ClockName) -> &'static str {
        match clock {
            ClockName::Response => "响应",
            ClockName::Arrival => "到场",
            ClockName::Resolution => "解决",
        }
    }

    fn due_in(&self, clock: ClockName, left: TimeDelta) -> String {
        format!(
            "{}内{}",
            self.duration(approximately(left)),
            self.clock(clock)
        )
    }

    fn breached(&self, clock: ClockName, by: TimeDelta) -> String {
        format!(
            "{}已超时 {}",
            self.clock(clock),
            self.duration(approximately(by))
        )
    }

    fn at_risk(&self, countdown: &str) -> String {
        format!("{countdown}（临近超时）")
    }

    fn verdict(&self, met: Option<bool>) -> &'static str {
        match met {
            Some(true) => "达标",
            Some(false) => "超时",
            None => "未定",
        }
    }

    fn happening(&self, happening: &Happening, zone: Tz) -> String {
        match happening {
            Happening::Opened { level, title } => {
                format!("报告{}：{title}", self.level(level.number()))
            }
            Happening::Acknowledged => "已响应".to_string(),
            Happening::OnsiteRequested { agreed: None } => "客户要求到场".to_string(),
            Happening::OnsiteRequested { agreed: Some(at) } => {
                format!(
                    "客户要求到场，约定 {}",
                    at.with_timezone(&zone).format("%Y-%m-%d %H:%M")
                )
            }
            Happening::Arrived => "工程师到场".to_string(),
            Happening::LevelChanged { from, to } => format!(
                "级别由{}调整为{}",
                self.level(from.number()),
                self.level(to.number())
            ),
            Happening::Noted { text } => format!("备注：{text}"),
            Happening::Resolved { summary } => format!("已解决：{summary}"),
            Happening::Closed => "已关闭".to_string(),
            Happening::Reopened => "重新打开".to_string(),
        }
    }

    fn reported(&self, when: &str, by: &str) -> String {
        format!("{when} 由 {by} 记录")
    }

    fn no_incidents(&self, open_only: bool) -> String {
        if open_only {
            "没有处理中的故障"
        } else {
            "尚无故障记录"
        }
        .to_string()
    }

    fn open_incidents(&self, count: usize, at_risk: usize, breached: usize) -> String {
        format!("处理中的故障 {count} 个：临近超时 {at_risk} 个，已超时 {breached} 个")
    }

    fn recovery_label(&self, label: RecoveryLabel) -> &'static str {
        match label {
            RecoveryLabel::Title => "故障恢复报告",
            RecoveryLabel::Item => "项目",
            RecoveryLabel::Detail => "内容",
            RecoveryLabel::Incident => "故障编号",
            RecoveryLabel::Customer => "客户",
            RecoveryLabel::Level => "故障级别",
            RecoveryLabel::ReportedAt => "报告时间",
            RecoveryLabel::ReportedBy => "记录人",
            RecoveryLabel::FromRisk => "来源巡检风险",
            RecoveryLabel::Status => "状态",
            RecoveryLabel::Summary => "故障概述",
            RecoveryLabel::Impact => "影响范围",
            RecoveryLabel::Cause => "故障原因",
            RecoveryLabel::Fix => "处理措施",
            RecoveryLabel::Clocks => "服务时效",
            RecoveryLabel::Clock => "时限",
            RecoveryLabel::Deadline => "截止时间",
            RecoveryLabel::Actual => "实际时间",
            RecoveryLabel::Verdict => "结果",
            RecoveryLabel::Levels => "级别变更",
            RecoveryLabel::Timeline => "处理过程",
            RecoveryLabel::Time => "时间",
            RecoveryLabel::Engineer => "工程师",
            RecoveryLabel::Event => "事件",
            RecoveryLabel::NotRecorded => "未记录",
        }
    }

    fn inspection_progress(&self, done: u32, required: u32) -> String {
        match required {
            0 => "无需巡检".to_string(),
            _ if done >= required => format!("已完成 {done}/{required}"),
            _ => format!("已完成 {done}/{required}，缺 {}", required - done),
        }
    }

    fn how_to_record(&self) -> String {
        "记录巡检：otss inspect today --kind KIND --all-ok [--item \"NAME=abnormal:NOTE\"]"
            .to_string()
    }

    fn tick_items(&self, kind: &str) -> String {
        format!("{kind}：勾选正常的检查项（空格勾选，a 全选，回车确认）")
    }

    fn what_is_wrong(&self, item: &str) -> String {
        format!("{item} 的异常情况")
    }

    fn nothing_due(&self) -> String {
        "没有待完成的巡检".to_string()
    }

    fn say_what_is_wrong(&self) -> String {
        "请说明异常情况".to_string()
    }

    fn record_round(&self) -> String {
        "记录本轮巡检？".to_string()
    }

    fn round_recorded(&self, kind: &str, items: usize, abnormal: usize) -> String {
        format!("{kind}：已记录一轮，{items} 项，异常 {abnormal} 项")
    }

    fn coverage_legend(&self) -> String {
        "✓ 已完成  ✗ 缺失  … 今日进行中  · 无需巡检".to_string()
    }

    fn no_risks(&self, open_only: bool) -> String {
        if open_only {
            "没有未处理的风险"
        } else {
            "没有发现风险"
        }
        .to_string()
    }

    fn risk_state(&self, open: bool, incident: Option<&str>) -> String {
        match (open, incident) {
            (_, Some(incident)) => format!("已转故障 {incident}"),
            (true, None) => "未处理".to_string(),
            (false, None) => "已恢复".to_string(),
        }
    }

    fn backups(&self, done: u32, required: u32) -> String {
        format!("备份检查：{done} 次，要求 {required} 次")
    }

    fn backup_result(&self, ok: bool, note: Option<&str>) -> String {
        match (ok, note) {
            (true, _) => "正常".to_string(),
            (false, Some(note)) => format!("失败：{note}"),
            (false, None) => "失败".to_string(),
        }
    }

    fn recorded(&self) -> String {
        "已记录".to_string()
    }

    fn consultations(&self, count: usize, minutes: u64) -> String {
        format!(
            "技术咨询 {count} 次，共 {}",
            self.duration(TimeDelta::minutes(
                i64::try_from(minutes).unwrap_or(i64::MAX / 60_000)
            ))
        )
    }

    fn category(&self, category: Category) -> &'static str {
        match category {
            Category::SoftwareDevTest => "软件开发测试",
            Category::DrAndScaling => "灾备与扩容",
            Category::Certification => "设备认证",
            Category::DataMigration => "数据迁移",
            Category::SecurityOperations => "安全运营",
            Category::GrowthAnalysis => "增长分析与业务运营",
            Category::Facility => "机房基础设施",
            Category::InternalOpsSystem => "内部运维管理系统建设",
        }
    }

    fn in_scope(&self, forced: bool) -> String {
        if forced {
            "服务范围内（工程师判定）"
        } else {
            "服务范围内"
        }
        .to_string()
    }

    fn out_of_scope(&self, category: Category, words: &[String], forced: bool) -> String {
        let why = if forced {
            "工程师判定".to_string()
        } else {
            format!("关键词：{}", words.join("、"))
        };
        format!("超出服务范围：{}（{why}）", self.category(category))
    }

    fn requests(&self, count: usize, out_of_scope: usize) -> String {
        format!("需求 {count} 条，超出范围 {out_of_scope} 条")
    }

    fn comp_earned(&self, engineer: &str, comp_days: u32) -> String {
        format!("{engineer} 获得调休 {comp_days} 天")
    }

    fn no_comp_on_working_day(&self) -> String {
        "已记录；按合同，工作日加班不计调休".to_string()
    }

    fn no_comp_under_7x24(&self) -> String {
        "已记录；7x24 合同每天都有人值守，不按日期类型计调休".to_string()
    }

    fn leave_taken(&self, engineer: &str, days: u32, left: i64) -> String {
        format!("{engineer} 调休 {days} 天，剩余 {left} 天")
    }

    fn balance_header(&self) -> Vec<String> {
        ["工程师", "获得", "已休", "剩余"]
            .map(String::from)
            .to_vec()
    }

    fn on_duty(&self, engineer: &str) -> String {
        format!("{engineer} 值班")
    }

    fn no_duty(&self) -> String {
        "值班表上没有安排".to_string()
    }

    fn ledger_problem(&self, problem: &Problem) -> (String, String) {
        let (what, fix) = match problem {
            Problem::TornTail => (
                "最后一行是被中断的写入留下的半条记录".to_string(),
                "可以不动：下一条记录会从新的一行开始，这半条会被跳过".to_string(),
            ),
            Problem::TornWrite => (
                "被中断的写入留下的半条记录，其后还有记录".to_string(),
                "可以不动：读取时会跳过它".to_string(),
            ),
            Problem::NoNewline => (
                "最后一条记录完整，但缺少换行符".to_string(),
                "可以不动：下一次写入会先补上换行".to_string(),
            ),
            Problem::NotARecord { reason } => (
                format!("不是一条记录（{reason}）"),
                "此行被跳过；如是手工改坏的，请从备份或 git 历史恢复该文件".to_string(),
            ),
            Problem::NotUtf8 => (
                "不是 UTF-8 文本的字节".to_string(),
                "此行被跳过；如文件被另存为其他编码，请从备份或 git 历史恢复".to_string(),
            ),
            Problem::LineTooLong { len } => (
                format!("一行长 {len} 字节，超过任何记录的长度（至多 1 MiB）"),
                "未读取即跳过；请查明是谁写入的（对该文件运行 git log -p）".to_string(),
            ),
            Problem::Symlink => (
                "台账目录中的符号链接".to_string(),
                "otss 从不跟随它：请删除它（如来自 git，用 git rm），并查明是谁添加的".to_string(),
            ),
            Problem::NotAFile => (
                "不是普通文件（FIFO、设备或目录）".to_string(),
                "otss 从不读取它：请把它移出台账目录".to_string(),
            ),
            Problem::NewerVersion { found } => (
                format!("记录的格式版本为 {found}，比本程序新；此文件其余内容未读取"),
                "请升级 otss".to_string(),
            ),
            Problem::DuplicateId { id, first } => (
                format!("记录 {id} 与 {first} 重复"),
                "多半是复制出来的文件；确认后删除副本".to_string(),
            ),
            Problem::WrongMonth { month } => (
                format!("这是 {month} 的记录，却放在了别的月份目录"),
                format!("请把它移回 {month} 目录下的同名文件"),
            ),
            Problem::WrongWriter { by } => (
                format!("{by} 的记录出现在别人的文件里"),
                "每位工程师只写自己的文件；请查明是谁手工改动或复制了它".to_string(),
            ),
        };
        (what, fix)
    }

    fn line_fault(&self, fault: &LineFault) -> String {
        match fault {
            LineFault::Torn => "最后一行是被中断的写入留下的半条记录；可以不动".into(),
            LineFault::NoNewline => "文件末尾缺少换行符".into(),
            LineFault::NotUtf8 => "不是 UTF-8 文本".into(),
            LineFault::TooLong { len } => {
                format!("一行长 {len} 字节，超过任何记录的长度：未读取即跳过")
            }
            LineFault::NotARecord { reason } => format!("不是一条记录（{reason}）"),
        }
    }

    fn refused_entry(&self, fault: EntryFault) -> String {
        match fault {
            EntryFault::Symlink => "台账目录中的符号链接：不跟随".into(),
            EntryFault::NotAFile => "不是普通文件：不读取".into(),
        }
    }

    fn ledger_intact(&self, files: usize, records: usize) -> String {
        format!("台账完好：{files} 个文件，{records} 条记录")
    }

    fn ledger_damaged(&self, problems: usize) -> String {
        format!("台账有 {problems} 处问题（见上）")
    }

    fn sync_committed(&self, engineer: &str, lines: u64) -> String {
        match lines {
            0 => format!("{engineer} 没有新记录需要提交"),
            n => format!("已提交 {engineer} 的 {n} 条新记录"),
        }
    }

    fn sync_received(&self, lines: u64) -> String {
        format!("收到团队的 {lines} 条记录")
    }

    fn sync_pushed(&self, remote: &str, branch: &str) -> String {
        format!("已推送到 {remote}/{branch}")
    }

    fn sync_no_remote(&self) -> String {
        "没有远程仓库：记录已在本地提交；用 `git remote add origin URL` 添加后再同步".to_string()
    }

    fn sync_changed_here(&self, path: &str, owner: &str) -> String {
        format!("{path} 是 {owner} 的文件，在本机被改动：未提交，保持原样（可用 otss check 查看）")
    }

    fn sync_edited_elsewhere(&self, path: &str) -> String {
        format!("收到的历史中 {path} 有行被修改或删除：台账只应追加，请运行 otss check 并查明原因")
    }

    fn sync_waiting(&self) -> String {
        "本仓库副本上另一个 otss sync 正在运行；正在等待它结束".to_string()
    }

    fn report_label(&self, label: ReportLabel) -> &'static str {
        use ReportLabel as L;
        match label {
            L::Item => "项目",
            L::Detail => "内容",
            L::NoneRecorded => "无",
            L::Time => "时间",
            L::Engineer => "工程师",
            L::Summary => "服务概况",
            L::Customer => "客户",
            L::Provider => "服务商",
            L::Period => "报告期间",
            L::Mode => "服务模式",
            L::Term => "合同服务期",
            L::WorkingDays => "工作日（天）",
            L::DaysOnSite => "驻场服务天数",
            L::MonthByMonth => "逐月统计",
            L::Month => "月份",
            L::MonthIncidents => "故障",
            L::MonthResponse => "响应达标率",
            L::MonthInspections => "巡检完成",
            L::MonthBackups => "备份检查",
            L::MonthSupport => "咨询",
            L::MonthRequests => "需求（范围外）",
            L::MonthComp => "获得调休",
            L::Incidents => "故障处理",
            L::Level => "级别",
            L::Count => "数量",
            L::Total => "合计",
            L::Response => "响应",
            L::Arrival => "到场",
            L::ResponseMet => "响应达标率",
            L::OpenAtEnd => "期末未解决故障（含此前报告的）",
            L::MeanToAcknowledge => "平均响应时长",
            L::MeanToResolve => "平均解决时长",
            L::IncidentList => "故障清单",
            L::Id => "编号",
            L::IncidentTitle => "故障描述",
            L::ReportedAt => "报告时间",
            L::Status => "状态",
            L::ResolvedAt => "解决时间",
            L::Inspections => "巡检",
            L::Kind => "类别",
            L::Required => "应完成",
            L::Done => "已完成",
            L::Coverage => "完成率",
            L::Findings => "异常发现",
            L::CheckItem => "检查项",
            L::Note => "说明",
            L::OpenedIncident => "转为故障",
            L::ChecksPassed => "检查通过次数",
            L::StatusAtEnd => "期末状态",
            L::Backups => "备份检查",
            L::FailedBackups => "失败的备份检查",
            L::Job => "备份任务",
            L::Support => "技术支持咨询",
            L::Consultations => "咨询次数",
            L::TimeSpent => "累计时长",
            L::TopProducts => "主要咨询产品",
            L::Requests => "客户需求",
            L::RequestsTotal => "需求总数",
            L::OutOfScope => "服务范围外",
            L::Request => "需求内容",
            L::Scope => "服务范围",
            L::CompLeave => "调休",
            L::CompEarned => "获得调休（天）",
            L::CompTaken => "已调休（天）",
            L::RisksAndSuggestions => "平台风险与优化建议",
            L::Risks => "平台风险",
            L::Suggestions => "优化建议",
            L::Content => "内容",
            L::SlaChart => "各级别服务时效达标情况",
            L::CoverageChart => "巡检完成情况",
            L::IncidentsChart => "故障分布",
            L::TrendsChart => "逐月趋势：响应达标率与巡检完成率",
            L::CoverageFull => "全部完成",
            L::CoveragePartial => "部分完成",
            L::CoverageMissed => "未巡检",
            L::NotRequired => "无需巡检",
            L::NotCounted => "未到日期",
            L::Monthly => "月度报告",
            L::Annual => "年度总结报告",
            L::Due => "截止日期",
            L::Issued => "提交时间",
            L::State => "状态",
        }
    }

    fn with_note(&self, main: &str, note: &str) -> String {
        format!("{main}（{note}）")
    }

    fn numbered(&self, n: usize, heading: &str) -> String {
        const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        match NUMERALS.get(n.wrapping_sub(1)) {
            Some(numeral) => format!("{numeral}、{heading}"),
            None => format!("{n}、{heading}"),
        }
    }

    fn report_title(&self, kind: ReportKind, period: &str) -> String {
        match kind {
            ReportKind::Monthly => format!("技术支持服务月度报告（{period}）"),
            ReportKind::Annual => format!("技术支持服务年度总结报告（{period}）"),
        }
    }

    fn date_span(&self, first: NaiveDate, last: NaiveDate) -> String {
        format!("{first} 至 {last}")
    }

    fn counted_to(&self, date: NaiveDate) -> String {
        format!("（进行中，统计至 {date}）")
    }

    fn per_day_cap(&self) -> String {
        "每类巡检每天最多计入当天要求的轮次：某天多做的轮次不抵补其他日期的缺漏。".to_string()
    }

    fn verdict_column(&self, clock: &str, verdict: &str) -> String {
        format!("{clock}{verdict}")
    }

    fn times(&self, what: &str, count: u32) -> String {
        format!("{what}（{count} 次）")
    }

    fn request_scope(&self, category: Option<Category>) -> String {
        match category {
            None => "范围内".to_string(),
            Some(category) => format!("范围外：{}", self.category(category)),
        }
    }

    fn due_state(&self, state: DueState) -> &'static str {
        match state {
            DueState::Issued => "已提交",
            DueState::Late => "逾期未提交",
            DueState::Due => "待提交",
            DueState::Upcoming => "未到期",
        }
    }

    fn report_due(&self, kind: ReportKind, month: &str, due: NaiveDate, state: DueState) -> String {
        let name = self.report_kind(kind);
        format!("{month} {name}：{due} 前提交（{}）", self.due_state(state))
    }

    fn reports_late(&self, months: &[String]) -> String {
        format!("逾期未提交的报告：{}", months.join(self.items_separator()))
    }

    fn report_issued(&self, month: &str) -> String {
        format!("已记录 {month} 的报告已提交")
    }

    fn report_written(&self, path: &str) -> String {
        format!("报告已写入 {path}")
    }

    fn report_due_day(&self, day: u32, before_end_days: i64) -> String {
        format!("次月 {day} 日前；所有报告不晚于合同期结束前 {before_end_days} 天")
    }

    fn error_label(&self) -> &'static str {
        "错误"
    }

    fn known_error(&self, error: KnownError) -> Option<String> {
        Some(match error {
            KnownError::Incident(error) => incident_error(error),
            KnownError::Id(error) => id_error(error),
            KnownError::OutsideTerm(error) => outside_term(error),
            KnownError::NoContract(looked) => {
                let looked: Vec<String> = looked
                    .iter()
                    .map(|p| format!("  {}", p.display()))
                    .collect();
                format!(
                    "找不到合同，查找过：\n{}\n请用 `otss init` 新建一份（在终端里逐项询问，或用 \
                     --customer --mode --start --end 给出），或用 --contract PATH、OTSS_CONTRACT \
                     指定已有的合同",
                    looked.join("\n")
                )
            }
            KnownError::Refused { path, fault } => {
                let what = match fault {
                    EntryFault::Symlink => "符号链接",
                    EntryFault::NotAFile => "不是普通文件",
                };
                format!(
                    "{} 是{what}：otss 从不通过它读写；请把它移出台账（如来自 git，用 git rm），\
                     然后重新运行命令",
                    path.display()
                )
            }
            KnownError::Engineer(EngineerError::Hidden(name)) => format!(
                "工程师姓名 `{}` 含有控制字符；请把 OTSS_ENGINEER 设为你的名字",
                crate::text::one_line(name)
            ),
            KnownError::Engineer(EngineerError::TooLong { chars }) => format!(
                "工程师姓名太长（{chars} 个字符），无法用作文件名；请把 OTSS_ENGINEER 设短一些"
            ),
            KnownError::RecordTooLong { len } => format!(
                "这条记录将有 {len} 字节；一条记录至多 {} 字节（1 MiB）：请缩短文字，或拆分这么长的巡检清单",
                crate::ledger::lines::MAX_LINE
            ),
            KnownError::TooLarge { path, size, limit } => format!(
                "{} 有 {size} 字节，超过 otss 读取这类文件的上限（{limit} 字节）：是不是选错了文件？",
                path.display()
            ),
            KnownError::ContractMissing { path, named_by } => {
                format!("{named_by} 指定的合同 {} 不存在", path.display())
            }
            KnownError::Contract(error) => contract_error(error),
            KnownError::Time(error) => time_error(error),
            KnownError::Duration(DurationError(text)) => format!(
                "`{text}` 不是时长：用整数加单位 d、h、m、s，大单位在前（15m、4h、1h30m、1d）"
            ),
            KnownError::Period(PeriodError(text)) => {
                format!("`{text}` 不是期间：用 YYYY-MM-DD、YYYY-MM、YYYY 或 today")
            }
            KnownError::Report(error) => report_error(error),
            KnownError::Leave(error) => leave_error(error),
            KnownError::Inspect(error) => inspect_error(error),
            KnownError::Git(error) => git_error(error),
            KnownError::Sync(error) => sync_failure(error),
        })
    }

    fn init_question(&self, question: InitQuestion) -> &'static str {
        match question {
            InitQuestion::Language => "消息与报告的语言",
            InitQuestion::Customer => "客户名称（服务报告上的写法）",
            InitQuestion::Provider => "服务方，写在客户旁边（回车跳过）",
            InitQuestion::Mode => "服务模式",
            InitQuestion::TimeZone => "现场所在时区（IANA 名称）",
            InitQuestion::Start => "服务期第一天（YYYY-MM-DD）",
            InitQuestion::End => "服务期最后一天（YYYY-MM-DD）",
            InitQuestion::City => "现场所在城市，中文或英文（回车跳过）",
            InitQuestion::Staff => "驻场工程师人数",
        }
    }

    fn contract_comment(&self, key: ContractComment) -> &'static str {
        match key {
            ContractComment::Header => {
                "驻场服务合同。用 `otss contract check` 检查；`otss contract show` 显示补全全部默认值\n\
                 后的合同（服务项目、SLA 时限、巡检清单）。"
            }
            ContractComment::Customer => "客户名称，服务报告上的写法。",
            ContractComment::Provider => "服务方，报告上写在客户旁边。",
            ContractComment::Mode => {
                "\"5x8\"：国家日历工作日的服务时间内驻场；\n\"7x24\"：每天全天候驻场。"
            }
            ContractComment::Start => "服务期第一天。",
            ContractComment::End => "服务期最后一天。",
            ContractComment::TimeZone => "IANA 时区：服务时间和 --at 输入的时间都按此时区理解。",
            ContractComment::City => {
                "现场所在城市（中文或英文）：重点城市且驻场人数足够时，一级故障的到场时限更短。"
            }
            ContractComment::Staff => "本合同的驻场工程师人数。",
            ContractComment::Language => "消息与报告的语言：\"zh\" 或 \"en\"。",
            ContractComment::Ledger => "台账目录，所有记录都保存在这里，相对于本文件。",
            ContractComment::Hours => "服务时间：从 start 起，到 end 为止（不含 end）。",
            ContractComment::HoursStart => "服务开始的第一分钟。",
            ContractComment::HoursEnd => "服务结束后的第一分钟：18:00:00 已在服务时间之外。",
            ContractComment::More => {
                "合同另有约定时可加（见 README “The contract”）：[sla] 与 [sla.levelN] 时限、\n\
                 [calendar] 日历修正、[inspections.KIND] 巡检清单、[backups] per_month、\n\
                 [reports] due_day。"
            }
        }
    }

    fn init_invalid(&self, question: InitQuestion) -> &'static str {
        match question {
            InitQuestion::Customer => "请填写客户名称",
            InitQuestion::TimeZone => "不是已知的 IANA 时区，例如 Asia/Shanghai",
            InitQuestion::Start | InitQuestion::End => "请按 YYYY-MM-DD 填写日期",
            InitQuestion::Staff => "请填写工程师人数，至少 1 人",
            InitQuestion::Language
            | InitQuestion::Provider
            | InitQuestion::Mode
            | InitQuestion::City => "无法接受这个回答",
        }
    }

    fn term_ends_before_start(&self, start: NaiveDate) -> String {
        format!("服务期不能早于开始日（{start}）结束")
    }

    fn contract_written(&self, path: &str) -> String {
        format!("已写入合同：{path}")
    }

    fn contract_exists(&self, path: &str) -> String {
        format!(
            "{path} 已存在，`otss init` 不会覆盖已有的合同：请直接编辑它并运行 \
             `otss contract check`，或用 --contract PATH 在别处新建一份"
        )
    }

    fn first_steps(&self) -> (&'static str, [(&'static str, &'static str); 4]) {
        (
            "接下来：",
            [
                ("contract show", "查看合同及全部默认值（SLA、巡检清单）"),
                ("status", "开班总览"),
                (
                    "incident open --level 2 --title 标题",
                    "登记故障，给出各项时限",
                ),
                ("report YYYY-MM", "当月服务报告"),
            ],
        )
    }

    fn path_label(&self, path: PathKind) -> &'static str {
        match path {
            PathKind::Contract => "合同",
            PathKind::Ledger => "台账",
            PathKind::Config => "配置目录（当前目录没有 otss.toml 时使用这里的合同）",
            PathKind::Schedules => "导入的节假日安排",
            PathKind::Cache => "缓存（台账索引，可随时删除）",
        }
    }

    fn no_contract_yet(&self, path: &str) -> String {
        format!("尚无；`otss init` 会写入 {path}")
    }
}

fn incident_error(error: &IncidentError) -> String {
    match error {
        IncidentError::Id(error) => id_error(error),
        IncidentError::Closed(id) => {
            format!("故障 {id} 已关闭；请先重新打开（`otss incident reopen {id}`）")
        }
        IncidentError::AlreadyOpen(id) => format!("故障 {id} 本来就是打开的"),
        IncidentError::AlreadyAcknowledged(id) => format!("故障 {id} 已经响应过"),
        IncidentError::AlreadyArrived(id) => format!("故障 {id} 已有工程师到场"),
        IncidentError::AlreadyResolved(id) => format!("故障 {id} 已经解决"),
        IncidentError::NotResolved(id) => format!("故障 {id} 尚未解决；请先解决再关闭"),
        IncidentError::SameLevel { id, level } => {
            format!("故障 {id} 已经是 {} 级", level.number())
        }
        IncidentError::BeforeStatusChange { id, since } => {
            format!("故障 {id} 在 {since} 变更过状态；请记录之后的时间")
        }
        IncidentError::OutsideTerm(error) => outside_term(error),
        IncidentError::BeforeReport { id, reported_at } => {
            format!("这早于故障 {id} 的报告时间（{reported_at}）")
        }
        IncidentError::Future { at, now } => {
            format!("{at} 在将来（现在是 {now}）；请记录已经发生的事")
        }
    }
}

fn id_error(error: &IdError) -> String {
    match error {
        IdError::Unknown { what, typed } => {
            let noun = match what {
                Named::Incident => "故障",
                Named::Risk => "风险",
            };
            format!(
                "没有编号为 `{typed}` 的{noun}；`otss {} list` 可列出全部",
                what.noun()
            )
        }
        IdError::Ambiguous { typed, candidates } => {
            format!(
                "`{typed}` 可能是 {} 中的任一个；请多输入几位编号",
                candidates.join("、")
            )
        }
    }
}

fn outside_term(error: &OutsideTerm) -> String {
    format!(
        "{} 不在合同服务期内（{} 至 {}），只能记录服务期内的事（`otss contract show` 查看服务期，\
         合同中的 `start` 与 `end` 设定服务期）",
        error.date, error.start, error.end
    )
}

fn contract_error(error: &ContractError) -> String {
    match error {
        ContractError::Problems { origin, problems } => {
            let mut text = format!("合同 {origin} 有 {} 处问题：", problems.len());
            for problem in problems {
                text += &format!("\n  {origin}:{}: {}", problem.line, problem.message);
            }
            text
        }
        ContractError::TooLarge { origin, size } => format!(
            "合同 {origin} 有 {size} 字节，超过了合同的上限（{MAX_CONTRACT_BYTES} 字节，即 1 MiB）：\
             是不是选错了文件？"
        ),
    }
}

fn time_error(error: &TimeError) -> String {
    match error {
        TimeError::Unrecognised { input, zone } => format!(
            "`{input}` 不是时间：用 RFC 3339（2025-03-01T09:30:00+08:00），或 {zone} 时区的 \
             YYYY-MM-DD HH:MM[:SS]"
        ),
        TimeError::Skipped { input, zone } => {
            format!("`{input}` 在 {zone} 不存在（时钟跳过了它）；请写明时差（RFC 3339）")
        }
        TimeError::Ambiguous {
            input,
            zone,
            earlier,
            later,
        } => format!("`{input}` 在 {zone} 出现两次（时钟回拨）；请写明时差：{earlier} 或 {later}"),
        TimeError::OutOfRange { input, zone } => {
            format!("`{input}` 在 {zone} 不在 0000 到 9999 年之间，RFC 3339 写不出")
        }
    }
}

fn report_error(error: &ReportError) -> String {
    match error {
        ReportError::NotAPeriod(text) => format!("`{text}` 不是报告期间：用 YYYY-MM 或 YYYY"),
        ReportError::OutsideTerm { period, start, end } => {
            format!("{period} 不在合同服务期内（{start} 至 {end}）")
        }
        ReportError::NotBegun { period, begins } => {
            format!("{period} 尚未开始：{begins} 起才能出报告")
        }
    }
}

fn leave_error(error: &LeaveError) -> String {
    match error {
        LeaveError::Hours(hours) => format!("--hours {hours}：请填写加班小时数，大于 0，至多 24"),
        LeaveError::Future(date) => format!("{date} 在将来：加班之后再登记"),
        LeaveError::OutsideTerm(error) => outside_term(error),
        LeaveError::LoggedAlready { date, engineer } => {
            format!("{engineer} 在 {date} 的加班已经登记过")
        }
        LeaveError::DayOff(date) => format!("{date} 不是工作日：休息不需要调休"),
        LeaveError::TakenAlready { date, engineer } => {
            format!("{engineer} 在 {date} 已经调休")
        }
        LeaveError::NotEnough {
            engineer,
            left,
            days,
        } => format!("{engineer} 只剩 {left} 天调休，不够 {days} 天"),
    }
}

fn inspect_error(error: &InspectError) -> String {
    match error {
        InspectError::BadResult(text) => {
            format!("`{text}` 不是巡检结果：写 项目=ok 或 项目=abnormal:说明")
        }
        InspectError::UnknownItem {
            item,
            kind,
            near,
            valid,
        } => {
            let near = near
                .as_ref()
                .map(|near| format!("（是不是 `{near}`？）"))
                .unwrap_or_default();
            format!(
                "`{item}` 不在 {kind} 巡检清单上{near}；清单项目：{}",
                valid.join("；")
            )
        }
        InspectError::Twice(item) => format!("`{item}` 给了两个结果"),
        InspectError::Missing(items) => format!(
            "这些项目没有结果：{}；请逐项用 --item 给出，或用 --all-ok 表示其余都正常",
            items.join("；")
        ),
        InspectError::NoNote(item) => {
            format!("`{item}` 异常：请说明发现了什么（项目=abnormal:说明）")
        }
    }
}

fn git_error(error: &GitError) -> String {
    match error {
        GitError::Missing(_) => "无法运行 git（是否已安装？）".to_string(),
        GitError::Failed { command, said } => format!("`git {command}` 失败：{}", git_said(said)),
        GitError::Busy { lock } => format!(
            "本仓库中另一个 git 命令正在运行：请等它结束后再试；如果并没有 git 命令在运行，请删除 {}",
            lock.display()
        ),
    }
}

fn git_said(said: &Said) -> String {
    match said {
        Said::Message(text) => text.clone(),
        Said::Nothing {
            status: Some(status),
        } => format!("没有输出，退出码 {status}"),
        Said::Nothing { status: None } => "没有输出，被信号终止".to_string(),
    }
}

fn sync_failure(error: &SyncFailure) -> String {
    const COMMITTED: &str = "你的记录已在本地提交";
    match error {
        SyncFailure::NoRepository { ledger } => {
            format!("台账 {ledger} 不在 git 仓库中；如何共享请看 README“Working as a team”一节")
        }
        SyncFailure::Lock { path, .. } => {
            format!(
                "无法锁定 {}，以保证本仓库副本上同时只有一个 otss sync 运行",
                path.display()
            )
        }
        SyncFailure::Detached => {
            "仓库不在任何分支上（detached HEAD）；请切换到一个分支后再同步".to_string()
        }
        SyncFailure::Unreachable { remote, said } => format!(
            "无法连接 `{remote}`：{}\n{COMMITTED}；能连上远程仓库时请再次运行 otss sync",
            git_said(said)
        ),
        SyncFailure::Merge { said } => format!(
            "无法合并团队的历史：{}\n没有做任何改动；{COMMITTED}",
            git_said(said)
        ),
        SyncFailure::Push { remote, said } => {
            format!("`{remote}` 拒绝了推送：{}\n{COMMITTED}", git_said(said))
        }
        SyncFailure::KeptMoving { remote } => {
            format!("推送时 `{remote}` 一直在变化；请再次运行 otss sync")
        }
    }
}
