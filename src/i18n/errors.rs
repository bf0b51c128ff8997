//! Errors a person often meets, said in their language.
//!
//! An error's own text (its `Display`) is English, so English needs no words here: only the
//! other languages say each error again.

use std::path::{Path, PathBuf};

use super::{Lang, Messages};
use crate::contract::{ContractError, MAX_CONTRACT_BYTES, OutsideTerm};
use crate::git::{GitError, Said};
use crate::ids::{IdError, Named};
use crate::incident::IncidentError;
use crate::inspect::InspectError;
use crate::leave::LeaveError;
use crate::ledger::{EngineerError, EntryFault};
use crate::period::PeriodError;
use crate::report::ReportError;
use crate::sync::SyncFailure;
use crate::time::{DurationError, TimeError};

/// An error a person often meets, to be said in their language.
#[derive(Debug, Clone, Copy)]
pub enum KnownError<'a> {
    Incident(&'a IncidentError),
    Id(&'a IdError),
    OutsideTerm(&'a OutsideTerm),
    NoContract(&'a [PathBuf]),
    ContractMissing {
        path: &'a Path,
        named_by: &'a str,
    },
    Contract(&'a ContractError),
    Time(&'a TimeError),
    Duration(&'a DurationError),
    Period(&'a PeriodError),
    Report(&'a ReportError),
    Leave(&'a LeaveError),
    Inspect(&'a InspectError),
    Engineer(&'a EngineerError),
    Refused {
        path: &'a Path,
        fault: EntryFault,
    },
    TooLarge {
        path: &'a Path,
        size: u64,
        limit: u64,
    },
    RecordTooLong {
        len: usize,
    },
    Git(&'a GitError),
    Sync(&'a SyncFailure),
}

impl Messages {
    pub fn error_label(&self) -> &'static str {
        self.pick(("错误", "error"))
    }

    /// An error in this language; `None` where its own (English) text is what to say.
    pub fn known_error(&self, error: KnownError) -> Option<String> {
        match self.lang {
            Lang::Zh => Some(in_chinese(error)),
            Lang::En => None,
        }
    }
}

fn in_chinese(error: KnownError) -> String {
    match error {
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
                EntryFault::NotADirectory => "不是目录",
                EntryFault::BadName => "一个不能显示的文件名",
            };
            format!(
                "{} 是{what}：otss 从不通过它读写；请把它移出台账（如来自 git，用 git rm），\
                 然后重新运行命令",
                path.display()
            )
        }
        KnownError::Engineer(EngineerError::Hidden(name)) => format!(
            "工程师姓名 `{}` 含有看不见的字符；请把 OTSS_ENGINEER 设为你的名字",
            crate::text::one_line(name)
        ),
        KnownError::Engineer(EngineerError::TooLong { chars }) => {
            format!("工程师姓名太长（{chars} 个字符），无法用作文件名；请把 OTSS_ENGINEER 设短一些")
        }
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
        KnownError::Duration(DurationError(text)) => {
            format!("`{text}` 不是时长：用整数加单位 d、h、m、s，大单位在前（15m、4h、1h30m、1d）")
        }
        KnownError::Period(PeriodError(text)) => {
            format!("`{text}` 不是期间：用 YYYY-MM-DD、YYYY-MM、YYYY 或 today")
        }
        KnownError::Report(error) => report_error(error),
        KnownError::Leave(error) => leave_error(error),
        KnownError::Inspect(error) => inspect_error(error),
        KnownError::Git(error) => git_error(error),
        KnownError::Sync(error) => sync_failure(error),
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
        SyncFailure::LedgerElsewhere {
            ledger,
            repository,
            contract,
        } => format!(
            "台账 {} 在仓库 {} 中，不在合同 {} 所在的仓库：otss 只同步与合同在同一仓库的台账\
             （请检查合同中的 `ledger` 键）",
            ledger.display(),
            repository.display(),
            contract.display()
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_failure_that_said_nothing_gives_its_exit_status_in_both_languages() {
        let silent = crate::git::GitError::Failed {
            command: "commit".to_string(),
            said: crate::git::Said::Nothing { status: Some(1) },
        };
        assert_eq!(
            silent.to_string(),
            "`git commit` failed: no message, exit status 1"
        );
        assert_eq!(
            Lang::Zh.messages().known_error(KnownError::Git(&silent)),
            Some("`git commit` 失败：没有输出，退出码 1".to_string())
        );
    }
}
