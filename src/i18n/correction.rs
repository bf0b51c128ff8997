//! Corrections: voids and undo (docs/rules.md §10.2).

use super::{Lang, Messages};
use crate::contract::NotOnRoster;
use crate::text::one_line;

impl Messages {
    pub fn already_voided(&self, record: &str, void: &str, by: &str) -> String {
        let (record, void, by) = (one_line(record), one_line(void), one_line(by));
        match self.lang {
            Lang::Zh => format!(
                "记录 {record} 已被 {by} 作废（作废记录 {void}）；要恢复它：otss void {void} --reason …"
            ),
            Lang::En => format!(
                "record {record} is already void ({by}, record {void}); to restore it: otss void \
                 {void} --reason …"
            ),
        }
    }

    /// A writer the contract's `engineers` does not list.
    pub(super) fn not_on_roster(&self, error: &NotOnRoster) -> String {
        let name = one_line(&error.name);
        let roster = self.items(&error.roster);
        let example = error.closest.as_ref().or(error.roster.first());
        let example = one_line(example.map(String::as_str).unwrap_or_default());
        let hint = match (&error.closest, self.lang) {
            (Some(closest), Lang::Zh) => format!("是 {} 吗？", one_line(closest)),
            (Some(closest), Lang::En) => format!("did you mean {}? ", one_line(closest)),
            (None, _) => String::new(),
        };
        match (self.lang, error.writing) {
            (Lang::Zh, false) => {
                format!("`{name}` 不在合同列出的工程师中（{roster}）；{hint}什么也没有记录")
            }
            (Lang::En, false) => format!(
                "`{name}` is not one of the contract's engineers ({roster}); {hint}nothing was \
                 recorded"
            ),
            (Lang::Zh, true) => format!(
                "`{name}` 不在合同列出的工程师中（{roster}）；{hint}请把 OTSS_ENGINEER 设为你的名字，\
                 例如 export OTSS_ENGINEER={example}；什么也没有记录"
            ),
            (Lang::En, true) => format!(
                "`{name}` is not one of the contract's engineers ({roster}); {hint}set \
                 OTSS_ENGINEER to your name, e.g. export OTSS_ENGINEER={example}; nothing was \
                 recorded"
            ),
        }
    }

    pub fn nothing_to_undo(&self, engineer: &str) -> String {
        let engineer = one_line(engineer);
        match self.lang {
            Lang::Zh => format!("{engineer} 没有可撤销的记录"),
            Lang::En => format!("{engineer} has written nothing left to undo"),
        }
    }

    pub fn undo_needs_yes(&self) -> String {
        self.pick((
            "没有终端可以确认：确定要撤销时请加 --yes",
            "there is no terminal to confirm at: add --yes to undo",
        ))
        .to_string()
    }

    pub fn unknown_record(&self, typed: &str) -> String {
        let typed = one_line(typed);
        match self.lang {
            Lang::Zh => format!(
                "没有编号为 `{typed}` 的记录；记录编号见 `otss incident show` 的时间线、记录列表加 \
                 --ids（如 `otss support list --ids`），或 --json 中的 id"
            ),
            Lang::En => format!(
                "no record `{typed}`; record ids are in `otss incident show`'s timeline, in the \
                 record lists with --ids (`otss support list --ids`), and as id in --json"
            ),
        }
    }

    /// Asked before `otss undo` withdraws `what`.
    pub fn undo_question(&self, what: &str) -> String {
        match self.lang {
            Lang::Zh => format!("撤销这条记录？{what}"),
            Lang::En => format!("Undo this record? {what}"),
        }
    }

    /// Said after a void is written: which record it withdrew or restored.
    pub fn voided(&self, record: &str, void: &str, restored: bool) -> String {
        match (self.lang, restored) {
            (Lang::Zh, false) => format!("已作废记录 {record}（作废记录 {void}）"),
            (Lang::Zh, true) => format!("已撤销作废 {record}，原记录恢复有效（记录 {void}）"),
            (Lang::En, false) => format!("record {record} is void (record {void})"),
            (Lang::En, true) => {
                format!(
                    "void {record} withdrawn: the record it voided counts again (record {void})"
                )
            }
        }
    }

    pub fn not_undone(&self) -> String {
        self.pick(("未撤销，什么也没有记录", "not undone; nothing was recorded"))
            .to_string()
    }
}
