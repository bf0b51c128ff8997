//! What a command failed with, said in the person's language.

use std::path::{Path, PathBuf};

use super::words::shown;
use super::{Lang, Messages};
use crate::app::{Error, Input, Usage};
use crate::contract::OutsideTerm;
use crate::ids::{IdError, Named};
use crate::ledger::EntryFault;
use crate::ledger::lines::MAX_LINE;
use crate::period::PeriodError;
use crate::store::{NamedBy, StoreError};
use crate::text::one_line;
use crate::time::TimeError;

impl Messages {
    pub fn error_label(&self) -> &'static str {
        self.pick(("错误", "error"))
    }

    /// What a command failed with.
    pub fn error(&self, error: &Error) -> String {
        match error {
            Error::Id(error) => self.id_error(error),
            Error::Incident(error) => self.incident_error(error),
            Error::OutsideTerm(error) => self.outside_term(error),
            Error::NotOnRoster(error) => self.not_on_roster(error),
            Error::Contract(error) => self.contract_error(error),
            Error::Period(error) => self.period_error(error),
            Error::Report(error) => self.report_error(error),
            Error::Leave(error) => self.leave_error(error),
            Error::Inspect(error) => self.inspect_error(error),
            Error::Feedback(error) => self.feedback_error(error),
            Error::Alert(error) => self.alert_error(error),
            Error::Engineer(error) => self.engineer_error(error),
            Error::TermReversed(error) => self.term_reversed(error),
            Error::Store(error) => self.store_error(error),
            Error::Git(error) => self.git_error(error),
            Error::Sync(error) => self.sync_failure(error),
            Error::Duplicate(duplicate) => self.duplicate_refused(duplicate),
            Error::Time { input, error } => {
                format!("{}: {}", self.input(*input), self.time_error(error))
            }
            Error::Empty(input) => match self.lang {
                Lang::Zh => self.labelled(self.input(*input), "不能为空"),
                Lang::En => format!("{} is empty", self.input(*input)),
            },
            Error::LessThanOne(input) => match self.lang {
                Lang::Zh => format!("{} 至少为 1", self.input(*input)),
                Lang::En => format!("{} must be at least 1", self.input(*input)),
            },
            Error::NoTitle => self.no_title(),
            Error::RiskTaken { risk, incident } => self.risk_taken(risk, incident),
            Error::AskedBeforeReport {
                asked_at,
                reported_at,
            } => self.asked_before_report(asked_at, reported_at),
            Error::AgreedBeforeRequest { agreed, asked_at } => {
                self.agreed_before_request(agreed, asked_at)
            }
            Error::RoundNeedsTime { date } => self.round_needs_time(*date),
            Error::RoundOnAnotherDay { at, date } => self.round_on_another_day(*at, *date),
            Error::NotADay(text) => self.not_a_day_typed(text),
            Error::Amount(error) => self.amount_error(error),
            Error::NoReadings { item, near } => self.no_readings(item, near.as_deref()),
            Error::NotAMonth(text) => self.not_a_month(text),
            Error::NotATermReport { period, annual } => self.not_a_term_report(period, annual),
            Error::IssuedTooEarly { month, earliest } => self.issued_too_early(month, *earliest),
            Error::UnknownFormat {
                path,
                formats,
                extensions,
            } => self.unknown_format(path, formats, extensions),
            Error::LedgerDamaged { problems } => self.ledger_damaged(*problems),
            Error::NotVerified => self.not_verified(),
            Error::NotAFingerprint(typed) => self.not_a_fingerprint(typed),
            Error::ContractExists(path) => self.contract_exists(&shown(path)),
            Error::InsideSite(path) => self.inside_site(path),
            Error::NoDataDirectory => self.no_data_directory(),
            Error::AlreadyVoided { record, void, by } => self.already_voided(record, void, by),
            Error::NothingToUndo { engineer } => self.nothing_to_undo(engineer),
            Error::NoEngineer => self
                .pick((
                    "是谁在记录？请把 OTSS_ENGINEER 设为你的名字",
                    "who is recording? set OTSS_ENGINEER to your name",
                ))
                .to_string(),
            Error::LangVariable(text) => {
                let text = one_line(text);
                match self.lang {
                    Lang::Zh => format!("OTSS_LANG=`{text}` 不是 otss 会说的语言：请用 zh 或 en"),
                    Lang::En => {
                        format!("OTSS_LANG=`{text}` is not a language otss speaks: use zh or en")
                    }
                }
            }
            Error::NowVariable(text) => {
                let text = one_line(text);
                match self.lang {
                    Lang::Zh => format!(
                        "OTSS_NOW=`{text}` 不是 RFC 3339 时间（例如 2025-03-01T09:30:00+08:00）"
                    ),
                    Lang::En => format!(
                        "OTSS_NOW=`{text}` is not an RFC 3339 time (such as \
                         2025-03-01T09:30:00+08:00)"
                    ),
                }
            }
            Error::WorkingDirectory(source) => match self.lang {
                Lang::Zh => format!("无法读取工作目录：{}", self.os_error(source)),
                Lang::En => format!("cannot read the working directory: {source}"),
            },
            Error::ManPages { dir, source } => match self.lang {
                Lang::Zh => format!("无法把手册页写入 {}：{}", shown(dir), self.os_error(source)),
                Lang::En => format!(
                    "cannot write the manual pages into {}: {source}",
                    shown(dir)
                ),
            },
            Error::Output(source) | Error::Prompt(source) => self.os_error(source),
            Error::Interrupted => self.pick(("已中断", "interrupted")).to_string(),
            Error::Usage(usage) => self.usage(usage),
            Error::Unserializable(source) => source.to_string(),
        }
    }

    /// What the operating system said of a failed file or terminal operation: in English as
    /// the system says it; in Chinese by its kind, with the system's error number.
    pub fn os_error(&self, error: &std::io::Error) -> String {
        use std::io::ErrorKind as Kind;
        if self.lang == Lang::En {
            return error.to_string();
        }
        let what = match error.kind() {
            Kind::NotFound => "文件或目录不存在",
            Kind::PermissionDenied => "没有权限",
            Kind::AlreadyExists => "已经存在",
            Kind::IsADirectory => "这是一个目录",
            Kind::NotADirectory => "路径中有一段不是目录",
            Kind::StorageFull => "磁盘已满",
            Kind::FileTooLarge => "文件过大",
            Kind::ReadOnlyFilesystem => "文件系统只读",
            Kind::DirectoryNotEmpty => "目录不为空",
            Kind::InvalidData => "内容不是有效的 UTF-8 文本",
            Kind::BrokenPipe => "输出管道已关闭",
            Kind::Interrupted => "已中断",
            _ => "系统错误",
        };
        match error.raw_os_error() {
            Some(code) => format!("{what}（系统错误号 {code}）"),
            None => what.to_string(),
        }
    }

    /// A usage error found once the command line was parsed.
    pub fn usage(&self, usage: &Usage) -> String {
        match usage {
            Usage::InitNeeds(missing) => {
                let missing: Vec<&str> = missing.iter().map(|i| self.input(*i)).collect();
                let missing = missing.join(self.items_separator());
                match self.lang {
                    Lang::Zh => {
                        format!("`otss init` 不提问时（没有终端，或用了 --no-input）需要 {missing}")
                    }
                    Lang::En => format!(
                        "`otss init` needs {missing} when it does not ask (no terminal, or \
                         --no-input)"
                    ),
                }
            }
            Usage::NoCommandsUnder(parent) => match self.lang {
                Lang::Zh => format!("`{parent}` 下面没有命令"),
                Lang::En => format!("`{parent}` has no commands under it"),
            },
            Usage::ReasonNeeded => self.reason_needed(),
            Usage::UndoNeedsYes => self.undo_needs_yes(),
            Usage::AlertNeedsIncident => self.alert_needs_incident(),
            Usage::NoSuchCommand { name, commands } => {
                let (name, commands) = (one_line(name), self.items(commands));
                match self.lang {
                    Lang::Zh => format!("这里没有命令 `{name}`；可用的命令：{commands}"),
                    Lang::En => format!("no command `{name}` here; one of: {commands}"),
                }
            }
        }
    }

    /// A value given to a command, as the command line names it.
    pub fn input(&self, input: Input) -> &'static str {
        self.pick(match input {
            Input::At => ("--at", "--at"),
            Input::OnsiteAt => ("--onsite-at", "--onsite-at"),
            Input::Agreed => ("--agreed", "--agreed"),
            Input::Title => ("--title", "--title"),
            Input::Summary => ("--summary", "--summary"),
            Input::Impact => ("--impact", "--impact"),
            Input::Cause => ("--cause", "--cause"),
            Input::Fix => ("--fix", "--fix"),
            Input::Days => ("--days", "--days"),
            Input::Hours => ("--hours", "--hours"),
            Input::Job => ("--job", "--job"),
            Input::Failed => ("--failed", "--failed"),
            Input::Engineer => ("--engineer", "--engineer"),
            Input::Customer => ("--customer", "--customer"),
            Input::Provider => ("--provider", "--provider"),
            Input::City => ("--city", "--city"),
            Input::Mode => ("--mode", "--mode"),
            Input::Start => ("--start", "--start"),
            Input::End => ("--end", "--end"),
            Input::Note => ("备注", "the note"),
            Input::OnDuty => ("值班工程师", "the engineer"),
            Input::Consultation => ("咨询内容", "the consultation"),
            Input::Request => ("需求", "the request"),
            Input::Reason => ("--reason", "--reason"),
            Input::ForwardedTo => ("--to", "--to"),
            Input::Answer => ("答复", "the answer"),
            Input::Alert => ("告警内容", "the alert"),
            Input::Source => ("--source", "--source"),
            Input::Policy => ("--policy", "--policy"),
            Input::PolicyName => ("策略名称", "the policy name"),
            Input::Rule => ("--rule", "--rule"),
            Input::Query => ("搜索词", "the query"),
        })
    }

    /// What was typed names nothing, or more than one thing.
    pub(super) fn id_error(&self, error: &IdError) -> String {
        match error {
            IdError::Unknown { what, typed } => {
                // What the id names in Chinese, and the command that lists them.
                let (noun, command) = match what {
                    Named::Incident => ("故障", "incident"),
                    Named::Risk => ("风险", "risk"),
                    Named::Request => ("需求", "request"),
                    Named::Record => return self.unknown_record(typed),
                };
                let typed = one_line(typed);
                match self.lang {
                    Lang::Zh => {
                        format!("没有编号为 `{typed}` 的{noun}；`otss {command} list` 可列出全部")
                    }
                    Lang::En => format!("no {command} `{typed}`; `otss {command} list` shows them"),
                }
            }
            IdError::Ambiguous { typed, candidates } => {
                let typed = one_line(typed);
                let candidates = one_line(&candidates.join(self.items_separator())).into_owned();
                match self.lang {
                    Lang::Zh => {
                        format!("`{typed}` 可能是 {candidates} 中的任一个；请多输入几位编号")
                    }
                    Lang::En => {
                        format!("`{typed}` could be any of {candidates}; type more of the id")
                    }
                }
            }
        }
    }

    /// A date outside the contract's term.
    pub(super) fn outside_term(&self, error: &OutsideTerm) -> String {
        let OutsideTerm { date, start, end } = error;
        match self.lang {
            Lang::Zh => format!(
                "{date} 不在合同服务期内（{start} 至 {end}），只能记录服务期内的事\
                 （`otss contract show` 查看服务期，合同中的 `start` 与 `end` 设定服务期）"
            ),
            Lang::En => format!(
                "{date} is outside the contract term ({start} to {end}); only the term is \
                 recorded (`otss contract show` shows it; `start` and `end` in the contract set it)"
            ),
        }
    }

    /// A time typed that cannot be read.
    fn time_error(&self, error: &TimeError) -> String {
        match error {
            TimeError::Unrecognised { input, zone } => self.not_a_time(input, *zone),
            TimeError::YearAhead { input, zone, year } => self.year_ahead(input, *zone, *year),
            TimeError::Skipped { input, zone } => match self.lang {
                Lang::Zh => format!(
                    "`{}` 在 {zone} 不存在（时钟跳过了它）；请写明时差（RFC 3339）",
                    one_line(input)
                ),
                Lang::En => format!(
                    "`{}` does not exist in {zone}: the clocks skip it; give the offset \
                     explicitly (RFC 3339)",
                    one_line(input)
                ),
            },
            TimeError::Ambiguous {
                input,
                zone,
                earlier,
                later,
            } => match self.lang {
                Lang::Zh => format!(
                    "`{}` 在 {zone} 出现两次（时钟回拨）；请写明时差：{earlier} 或 {later}",
                    one_line(input)
                ),
                Lang::En => format!(
                    "`{}` happens twice in {zone} (the clocks go back): give the offset, \
                     {earlier} or {later}",
                    one_line(input)
                ),
            },
            TimeError::OutOfRange { input, zone } => match self.lang {
                Lang::Zh => format!(
                    "`{}` 在 {zone} 不在 0000 到 9999 年之间，RFC 3339 写不出",
                    one_line(input)
                ),
                Lang::En => format!(
                    "`{}` is not in the years 0000 to 9999 in {zone}, the years RFC 3339 can write",
                    one_line(input)
                ),
            },
        }
    }

    /// Text that names no period.
    fn period_error(&self, PeriodError(text): &PeriodError) -> String {
        let text = one_line(text);
        match self.lang {
            Lang::Zh => format!(
                "`{text}` 不是期间：用 YYYY-MM、YYYY 或一天（{}）",
                self.day_forms()
            ),
            Lang::En => format!(
                "`{text}` is not a period: use YYYY-MM, YYYY or a day ({})",
                self.day_forms()
            ),
        }
    }

    /// Why a file cannot be read or written.
    fn store_error(&self, error: &StoreError) -> String {
        match error {
            StoreError::ContractMissing { path, named_by } => {
                let path = shown(path);
                let named_by = match named_by {
                    NamedBy::Flag => "--contract",
                    NamedBy::Environment => "OTSS_CONTRACT",
                };
                match self.lang {
                    Lang::Zh => format!("{named_by} 指定的合同 {path} 不存在"),
                    Lang::En => format!("the contract {path} (from {named_by}) does not exist"),
                }
            }
            StoreError::NoContract { looked, ledger } => match ledger {
                Some(ledger) => self.no_contract_for_ledger(looked, ledger),
                None => self.no_contract(looked),
            },
            StoreError::Read { path, source } => match self.lang {
                Lang::Zh => format!("无法读取 {}：{}", shown(path), self.os_error(source)),
                Lang::En => format!("cannot read {}: {source}", shown(path)),
            },
            StoreError::Write { path, source } => match self.lang {
                Lang::Zh => format!("无法写入 {}：{}", shown(path), self.os_error(source)),
                Lang::En => format!("cannot write {}: {source}", shown(path)),
            },
            StoreError::FileInTheWay { path, file } => match self.lang {
                Lang::Zh => format!("无法写入 {}：{} 是文件，不是目录", shown(path), shown(file)),
                Lang::En => format!(
                    "cannot write {}: {} is a file, not a directory",
                    shown(path),
                    shown(file)
                ),
            },
            StoreError::RecordTooLong { len } => match self.lang {
                Lang::Zh => format!(
                    "这条记录将有 {len} 字节；一条记录至多 {MAX_LINE} 字节（1 MiB）：请缩短文字，\
                     或拆分这么长的巡检清单"
                ),
                Lang::En => format!(
                    "this record would be {len} bytes long; a record is at most {MAX_LINE} bytes \
                     (1 MiB): shorten its text, or split a checklist this long"
                ),
            },
            StoreError::TooLarge { path, size, limit } => match self.lang {
                Lang::Zh => format!(
                    "{} 有 {size} 字节，超过 otss 读取这类文件的上限（{limit} 字节）：\
                     是不是选错了文件？",
                    shown(path)
                ),
                Lang::En => format!(
                    "{} is {size} bytes, more than otss reads of such a file ({limit}): is it the \
                     right file?",
                    shown(path)
                ),
            },
            StoreError::Schedule { path, source } => {
                self.labelled(&shown(path), &self.schedule_error(source))
            }
            StoreError::Ledger(error) => self.ledger_error(error),
            StoreError::Refused { path, fault } => self.refused(path, *fault),
            StoreError::StoredSchedule { path, source } => {
                let source = self.schedule_error(source);
                match self.lang {
                    Lang::Zh => format!(
                        "{}（之前导入的）无法使用；请重新导入该节假日安排，或删除它：{source}",
                        shown(path)
                    ),
                    Lang::En => format!(
                        "{} (imported earlier) cannot be used; import the schedule again or \
                         delete it: {source}",
                        shown(path)
                    ),
                }
            }
        }
    }

    /// No contract found, where it was looked for, and how to make or name one.
    fn no_contract(&self, looked: &[PathBuf]) -> String {
        let looked = self.looked_in(looked);
        match self.lang {
            Lang::Zh => format!(
                "找不到合同，查找过：\n{looked}\n请用 `otss init` 新建一份（在终端里逐项询问，或用 \
                 --customer --mode --start --end 给出），或用 --contract PATH、OTSS_CONTRACT \
                 指定已有的合同"
            ),
            Lang::En => format!(
                "no contract found; looked in:\n{looked}\nwrite one with `otss init` (it asks, or \
                 takes --customer --mode --start --end), or point to one with --contract PATH or \
                 OTSS_CONTRACT"
            ),
        }
    }

    /// An entry of the ledger that otss will not read or write through.
    fn refused(&self, path: &Path, fault: EntryFault) -> String {
        let path = shown(path);
        let what = self.pick(match fault {
            EntryFault::Symlink => ("符号链接", "a symbolic link"),
            EntryFault::NotAFile => ("不是普通文件", "not a regular file"),
            EntryFault::NotADirectory => ("不是目录", "not a directory"),
            EntryFault::BadName => (
                "一个不能显示的文件名",
                "a name that cannot be shown as it is",
            ),
        });
        match self.lang {
            Lang::Zh => format!(
                "{path} 是{what}：otss 从不通过它读写；请把它移出台账（如来自 git，用 git rm），\
                 然后重新运行命令"
            ),
            Lang::En => format!(
                "{path} is {what}: otss never reads or writes through it; remove it from the \
                 ledger (`git rm` it if it came through git), then run the command again"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportError;

    #[test]
    fn a_value_typed_is_said_on_one_line() {
        let forged = Error::Id(IdError::Unknown {
            what: Named::Incident,
            typed: "X\nerror: forged".into(),
        });
        for lang in [Lang::Zh, Lang::En] {
            let said = lang.messages().error(&forged);
            assert!(!said.contains('\n'), "{said}");
            assert!(said.contains("X\\nerror: forged"), "{said}");
        }
    }

    #[test]
    fn what_the_application_refuses_is_said_word_for_word() {
        let said = |error| Lang::En.messages().error(&error);
        assert_eq!(said(Error::Empty(Input::Note)), "the note is empty");
        assert_eq!(
            said(Error::Report(ReportError::NotAPeriod("2025-03-04".into()))),
            "`2025-03-04` is not a report period: use YYYY-MM or YYYY"
        );
        let earliest = "2025-05-01".parse().unwrap();
        assert_eq!(
            said(Error::IssuedTooEarly {
                month: "2025-05".into(),
                earliest
            }),
            "the 2025-05 report cannot have been issued before 2025-05-01"
        );
        assert_eq!(
            said(Error::NotATermReport {
                period: "2025".into(),
                annual: "2026-12".into()
            }),
            "2025 is not one of the term's reports: the annual summary is the report of 2026-12"
        );
        assert_eq!(
            said(Error::AskedBeforeReport {
                asked_at: "2025-03-04T09:00:00+08:00".into(),
                reported_at: "2025-03-04T10:00:00+08:00".into()
            }),
            "--onsite-at 2025-03-04T09:00:00+08:00 is before the report (2025-03-04T10:00:00+08:00)"
        );
    }
}
