//! The ledger check, and the lines and entries of the ledger that are not read.

use super::words::plural;
use super::{Lang, Messages};
use crate::check::Problem;
use crate::ledger::chain::Cause;
use crate::ledger::{EngineerError, EntryFault, LedgerError, LineFault};
use crate::record::SCHEMA_VERSION;
use crate::record::entry::Doubt;
use crate::text::one_line;

impl Messages {
    /// A ledger this otss cannot read safely.
    pub(super) fn ledger_error(&self, error: &LedgerError) -> String {
        match error {
            LedgerError::NewerVersion { file, line, found } => {
                let file = one_line(file);
                match self.lang {
                    Lang::Zh => format!(
                        "{file}:{line}: 这条记录的格式版本为 {found}；本 otss 只能读取 \
                         {SCHEMA_VERSION} 及更早的版本：请升级 otss"
                    ),
                    Lang::En => format!(
                        "{file}:{line}: the record has schema version {found}; this otss reads \
                         version {SCHEMA_VERSION} and older: upgrade otss"
                    ),
                }
            }
            LedgerError::Unsettled => self
                .pick((
                    "读取时台账一直在变化；请重新运行命令",
                    "the ledger kept changing while it was read; run the command again",
                ))
                .to_string(),
        }
    }

    /// A name that cannot be the writer of records.
    pub(super) fn engineer_error(&self, error: &EngineerError) -> String {
        match error {
            EngineerError::Hidden(name) => {
                let name = one_line(name);
                match self.lang {
                    Lang::Zh => {
                        format!(
                            "工程师姓名 `{name}` 含有看不见的字符；请把 OTSS_ENGINEER 设为你的名字"
                        )
                    }
                    Lang::En => format!(
                        "the engineer's name `{name}` holds a character that cannot be seen; set \
                         OTSS_ENGINEER to your name"
                    ),
                }
            }
            EngineerError::TooLong { chars } => match self.lang {
                Lang::Zh => format!(
                    "工程师姓名太长（{chars} 个字符），无法用作文件名；请把 OTSS_ENGINEER 设短一些"
                ),
                Lang::En => format!(
                    "the engineer's name is too long for a file name ({chars} characters); set \
                     OTSS_ENGINEER to a shorter one"
                ),
            },
        }
    }

    /// A break in a file's chain (docs/rules.md §10.6): what it most likely is, and what to
    /// do about it.
    fn chain_broken(&self, cause: Cause) -> (String, String) {
        let what = match cause {
            Cause::Inserted => (
                "链断开：这一行是后来插入的（链越过了它），或是手工、由旧版 otss 写入的",
                "chain broken: this line was put in afterwards (the chain passes over it), or \
                 written by hand or by an otss too old to chain",
            ),
            Cause::EditedOrRemoved => (
                "链断开：这一行所接的那一行已不在文件中——上一行被改过，或它之前有行被删除",
                "chain broken: the line this one follows is no longer in the file: the line \
                 before it was edited, or lines before it were removed",
            ),
        };
        let fix = (
            "台账被改写过：用 git log -p 查看该文件是谁、何时改的，并从 git 历史恢复原来的行",
            "the ledger was rewritten: find who changed the file and when (git log -p on it), \
             and restore the lines from git",
        );
        self.problem(((what.0, fix.0), (what.1, fix.1)))
    }

    /// What a problem is, and what to do about it.
    pub fn ledger_problem(&self, problem: &Problem) -> (String, String) {
        match problem {
            Problem::TornTail => self.problem((
                (
                    "最后一行是被中断的写入留下的半条记录",
                    "可以不动：下一条记录会从新的一行开始，这半条会被跳过",
                ),
                (
                    "torn tail from an interrupted write",
                    "safe to leave: the next record starts on a fresh line and this one is skipped",
                ),
            )),
            Problem::TornWrite => self.problem((
                (
                    "被中断的写入留下的半条记录，其后还有记录",
                    "可以不动：读取时会跳过它",
                ),
                (
                    "part of a record from an interrupted write, with later records after it",
                    "safe to leave: it is skipped",
                ),
            )),
            Problem::NoNewline => self.problem((
                (
                    "最后一条记录完整，但缺少换行符",
                    "可以不动：下一次写入会先补上换行",
                ),
                (
                    "the last record is whole but has no newline",
                    "safe to leave: the next write adds it",
                ),
            )),
            Problem::NotARecord { reason } => match self.lang {
                Lang::Zh => (
                    format!("不是一条记录（{}）", self.json_reason(reason)),
                    "此行被跳过；如是手工改坏的，请从备份或 git 历史恢复该文件".to_string(),
                ),
                Lang::En => (
                    format!("not a record ({reason})"),
                    "the line is skipped; if it was edited by hand, restore the file from a backup \
                     or from git"
                        .to_string(),
                ),
            },
            Problem::NotUtf8 => self.problem((
                (
                    "不是 UTF-8 文本的字节",
                    "此行被跳过；如文件被另存为其他编码，请从备份或 git 历史恢复",
                ),
                (
                    "bytes that are not UTF-8 text",
                    "the line is skipped; if the file was saved in another encoding, restore it \
                     from a backup or from git",
                ),
            )),
            Problem::LineTooLong { len } => match self.lang {
                Lang::Zh => (
                    format!("一行长 {len} 字节，超过任何记录的长度（至多 1 MiB）"),
                    "未读取即跳过；请查明是谁写入的（对该文件运行 git log -p）".to_string(),
                ),
                Lang::En => (
                    format!("a line of {len} bytes, longer than any record (at most 1 MiB)"),
                    "it is skipped unread; find out who wrote it (git log -p on the file)"
                        .to_string(),
                ),
            },
            Problem::Symlink => self.problem((
                (
                    "台账目录中的符号链接",
                    "otss 从不跟随它：请删除它（如来自 git，用 git rm），并查明是谁添加的",
                ),
                (
                    "a symbolic link inside the ledger",
                    "otss never follows it: remove it (git rm it if it came through git) and \
                     find out who added it",
                ),
            )),
            Problem::NotAFile => self.problem((
                (
                    "不是普通文件（FIFO、设备或目录）",
                    "otss 从不读取它：请把它移出台账目录",
                ),
                (
                    "not a regular file (a FIFO, a device or a directory)",
                    "otss never reads it: remove it from the ledger",
                ),
            )),
            Problem::BadIncidentId { id } => match self.lang {
                Lang::Zh => (
                    format!("一条关于故障 `{}` 的记录，但这个编号无法输入（otss 的编号只有大写字母和数字）", one_line(id)),
                    "此行被跳过；请查明是谁写入的".into(),
                ),
                Lang::En => (
                    format!(
                        "a record about incident `{}`, an id no one could type (otss makes ids \
                         of uppercase letters and digits)",
                        one_line(id)
                    ),
                    "the line is skipped; find out who wrote it".into(),
                ),
            },
            Problem::NotADirectory => self.problem((
                (
                    "月份目录的位置上不是目录",
                    "otss 从不读取它：请把它移出台账目录",
                ),
                (
                    "not a directory where a month's directory belongs",
                    "otss never reads it: remove it from the ledger",
                ),
            )),
            Problem::BadName => self.problem((
                (
                    "文件名不是 UTF-8 文本或含有隐藏字符",
                    "otss 从不读取它，也不会写出这样的名字：请查明是谁添加的，并把它移出台账目录",
                ),
                (
                    "a file name that is not UTF-8 text or holds a hidden character",
                    "otss never reads it, nor writes such a name: find out who added it, and \
                     remove it from the ledger",
                ),
            )),
            Problem::ChainBroken { cause } => self.chain_broken(*cause),
            Problem::MoreProblems { count } => match self.lang {
                Lang::Zh => (
                    format!("此文件另有 {count} 处问题未逐一列出"),
                    "先处理上面列出的问题；文件多半整个损坏了，请从备份或 git 历史恢复".into(),
                ),
                Lang::En => (
                    format!("{count} more problems in this file, not listed one by one"),
                    "see to those listed first; the whole file is most likely damaged: restore \
                     it from a backup or from git"
                        .into(),
                ),
            },
            Problem::NewerVersion { found } => match self.lang {
                Lang::Zh => (
                    format!("记录的格式版本为 {found}，比本程序新；此文件其余内容未读取"),
                    "请升级 otss".to_string(),
                ),
                Lang::En => (
                    format!(
                        "a record of schema version {found}, newer than this otss reads; the rest \
                         of the file was not read"
                    ),
                    "upgrade otss".to_string(),
                ),
            },
            Problem::DuplicateId { id, first } => match self.lang {
                Lang::Zh => (
                    format!("记录 {id} 与 {first} 重复"),
                    "多半是复制出来的文件；确认后删除副本".to_string(),
                ),
                Lang::En => (
                    format!("record {id} again, first at {first}"),
                    "most likely a copied file: check it and delete the copy".to_string(),
                ),
            },
            Problem::WrongMonth { month } => match self.lang {
                Lang::Zh => (
                    format!("这是 {month} 的记录，却放在了别的月份目录"),
                    format!("请把它移回 {month} 目录下的同名文件"),
                ),
                Lang::En => (
                    format!("a record of {month} kept under another month"),
                    format!("move it back to the same file under {month}"),
                ),
            },
            Problem::WrongWriter { by } => match self.lang {
                Lang::Zh => (
                    format!("{by} 的记录出现在别人的文件里"),
                    "每位工程师只写自己的文件；请查明是谁手工改动或复制了它".to_string(),
                ),
                Lang::En => (
                    format!("a record by {by} in someone else's file"),
                    "each engineer writes only their own files: find out who edited or copied it"
                        .to_string(),
                ),
            },
            Problem::EntryTime { at, entered_at } => match self.lang {
                Lang::Zh => (
                    format!("记录声称发生于 {at}，编号却显示录入于 {entered_at}：早于发生或早于所在月份"),
                    "这条记录不计入任何统计；请查明是谁手工写入了它，需要时以正确时间重新记录"
                        .to_string(),
                ),
                Lang::En => (
                    format!(
                        "happened at {at} but its id says entered at {entered_at}: before it \
                         happened, or before its month"
                    ),
                    "it counts nowhere: find out who wrote it by hand, and record it again with \
                     the right time if it is true"
                        .to_string(),
                ),
            },
            Problem::Future { at } => match self.lang {
                Lang::Zh => (
                    format!("记录的时间 {at} 在现在之后"),
                    "这条记录不计入任何统计；请查明是谁手工写入了它".to_string(),
                ),
                Lang::En => (
                    format!("a record at {at}, after now"),
                    "it counts nowhere: find out who wrote it by hand".to_string(),
                ),
            },
            Problem::OutOfTerm { date } => match self.lang {
                Lang::Zh => (
                    format!("{date} 的记录在合同服务期之外"),
                    "这条记录不计入任何统计；核对日期与合同期限".to_string(),
                ),
                Lang::En => (
                    format!("a record of {date}, outside the contract term"),
                    "it counts nowhere: check its date and the contract's term".to_string(),
                ),
            },
            Problem::DuplicateIncident { incident, first } => match self.lang {
                Lang::Zh => (
                    format!("故障 {incident} 再次开单，首次开单在 {first}"),
                    "最先录入的开单才是这个故障；这一条不计入，请查明是谁写入的".to_string(),
                ),
                Lang::En => (
                    format!("incident {incident} opened again, first at {first}"),
                    "the opening entered first is the incident and this one counts nowhere: find \
                     out who wrote it"
                        .to_string(),
                ),
            },
        }
    }

    /// A problem of fixed words, and what to do about it, in each language side by side.
    fn problem(&self, words: ((&str, &str), (&str, &str))) -> (String, String) {
        let (what, fix) = self.pick(words);
        (what.to_string(), fix.to_string())
    }

    /// Why a line of the ledger is not read as a record, as a warning says it.
    pub fn line_fault(&self, fault: &LineFault) -> String {
        match fault {
            LineFault::Torn => self
                .pick((
                    "最后一行是被中断的写入留下的半条记录；可以不动",
                    "torn last line from an interrupted write; safe to leave",
                ))
                .into(),
            LineFault::NoNewline => self
                .pick(("文件末尾缺少换行符", "no newline at the end of the file"))
                .into(),
            LineFault::NotUtf8 => self.pick(("不是 UTF-8 文本", "not UTF-8 text")).into(),
            LineFault::TooLong { len } => match self.lang {
                Lang::Zh => format!("一行长 {len} 字节，超过任何记录的长度：未读取即跳过"),
                Lang::En => {
                    format!("a line of {len} bytes, longer than any record: skipped unread")
                }
            },
            LineFault::BadIncidentId { id } => match self.lang {
                Lang::Zh => format!("故障编号 `{}` 无法输入，不是 otss 生成的编号", one_line(id)),
                Lang::En => format!(
                    "the incident id `{}` is not one otss makes: no one could type it",
                    one_line(id)
                ),
            },
            LineFault::NotARecord { reason } => match self.lang {
                Lang::Zh => format!("不是一条记录（{}）", self.json_reason(reason)),
                Lang::En => reason.clone(),
            },
        }
    }

    /// Why an entry of the ledger is not read, as a warning says it.
    pub fn refused_entry(&self, fault: EntryFault) -> String {
        self.pick(match fault {
            EntryFault::Symlink => (
                "台账目录中的符号链接：不跟随",
                "a symbolic link in the ledger: not followed",
            ),
            EntryFault::NotAFile => ("不是普通文件：不读取", "not a regular file: not read"),
            EntryFault::NotADirectory => (
                "月份目录的位置上不是目录：不读取",
                "not a directory where a month's directory belongs: not read",
            ),
            EntryFault::BadName => (
                "文件名不是 UTF-8 文本或含有隐藏字符：不读取",
                "a file name that is not UTF-8 text or holds a hidden character: not read",
            ),
        })
        .into()
    }

    /// After the lines of a file told one by one: how many more are not records.
    pub fn untold_lines(&self, more: usize) -> String {
        match self.lang {
            Lang::Zh => format!("另有 {more} 行不是记录（可运行 `otss check` 查看）"),
            Lang::En => format!("{more} more lines that are not records (run `otss check`)"),
        }
    }

    /// A record left out of every count, and why (docs/rules.md §10.5).
    pub fn doubted_record(&self, record: &str, record_type: &str, doubt: &Doubt) -> String {
        let (record, record_type) = (one_line(record), one_line(record_type));
        match (self.lang, doubt) {
            (Lang::Zh, Doubt::EnteredBefore { .. }) => {
                format!(
                    "记录 {record}（{record_type}）声称录入早于发生：不计入任何统计（运行 `otss check`）"
                )
            }
            (Lang::Zh, Doubt::OutOfTerm { date }) => {
                format!(
                    "记录 {record}（{record_type}）的日期 {date} 在合同服务期之外：不计入任何统计"
                )
            }
            (Lang::Zh, Doubt::Future { at }) => {
                let at = at.format("%Y-%m-%d %H:%M");
                format!(
                    "记录 {record}（{record_type}）的时间 {at} 晚于现在：不计入任何统计（运行 `otss check`）"
                )
            }
            (Lang::En, Doubt::Future { at }) => {
                let at = at.format("%Y-%m-%d %H:%M");
                format!(
                    "record {record} ({record_type}) is dated {at}, after now: it counts \
                     nowhere (run `otss check`)"
                )
            }
            (Lang::En, Doubt::EnteredBefore { .. }) => format!(
                "record {record} ({record_type}) claims to have been entered before it happened: \
                 it counts nowhere (run `otss check`)"
            ),
            (Lang::En, Doubt::OutOfTerm { date }) => format!(
                "record {record} ({record_type}) of {date} lies outside the contract term: it \
                 counts nowhere"
            ),
        }
    }

    pub fn ledger_intact(&self, files: usize, records: usize) -> String {
        match self.lang {
            Lang::Zh => format!("台账完好：{files} 个文件，{records} 条记录"),
            Lang::En => format!(
                "the ledger is intact: {}, {}",
                plural(files as u64, "file", "files"),
                plural(records as u64, "record", "records")
            ),
        }
    }

    pub fn ledger_damaged(&self, problems: usize) -> String {
        match self.lang {
            Lang::Zh => format!("台账有 {problems} 处问题（见上）"),
            Lang::En => format!(
                "{} in the ledger (listed above)",
                plural(problems as u64, "problem", "problems")
            ),
        }
    }
}

impl Messages {
    /// What the JSON reader says of a line it cannot read, in this language: in Chinese, what
    /// sort of fault it is and where, with the names it quotes (a field, a type) kept.
    pub(super) fn json_reason(&self, reason: &str) -> String {
        if self.lang == Lang::En {
            return reason.to_string();
        }
        let (said, place) = match reason.rsplit_once(" at line ") {
            Some((said, place)) => (said, place.split_once(" column ")),
            None => (reason, None),
        };
        let quoted = said.split('`').nth(1).map(one_line);
        let fault = match (said.split_whitespace().next(), quoted) {
            (Some("missing"), Some(name)) => format!("缺少字段 `{name}`"),
            (Some("duplicate"), Some(name)) => format!("字段 `{name}` 重复"),
            (Some("unknown"), Some(name)) if said.starts_with("unknown field") => {
                format!("未知字段 `{name}`")
            }
            (Some("unknown"), Some(name)) => format!("未知的值 `{name}`"),
            (Some("invalid"), _) => "值的类型或取值不对".to_string(),
            (Some("EOF"), _) => "内容不完整".to_string(),
            _ => "JSON 语法有误".to_string(),
        };
        match place {
            Some((line, column)) => format!("第 {line} 行第 {column} 列：{fault}"),
            None => fault,
        }
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn the_json_readers_words_are_said_in_chinese_keeping_the_names() {
        let zh = Lang::Zh.messages();
        let cases = [
            (
                "missing field `at` at line 1 column 36",
                "第 1 行第 36 列：缺少字段 `at`",
            ),
            (
                "EOF while parsing a value at line 1 column 11",
                "第 1 行第 11 列：内容不完整",
            ),
            (
                "expected ident at line 1 column 2",
                "第 1 行第 2 列：JSON 语法有误",
            ),
            (
                "unknown variant `incident.exploded`, expected one of `a`, `b`",
                "未知的值 `incident.exploded`",
            ),
            ("unknown field `staf`, expected `staff`", "未知字段 `staf`"),
            (
                "invalid type: string \"x\", expected u32",
                "值的类型或取值不对",
            ),
        ];
        for (english, chinese) in cases {
            assert_eq!(zh.json_reason(english), chinese, "{english}");
            assert_eq!(Lang::En.messages().json_reason(english), english);
        }
    }
}
