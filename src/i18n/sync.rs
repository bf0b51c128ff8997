//! Sharing the ledger with the team through git.

use super::words::{plural, shown};
use super::{Lang, Messages};
use crate::git::{Commit, GitError, Said};
use crate::sync::{ContractChange, ContractReceived, Rewrite, SyncFailure, short_hash};
use crate::text::one_line;

impl Messages {
    /// Why git could not do what it was asked.
    pub(super) fn git_error(&self, error: &GitError) -> String {
        match error {
            // What the system said follows `: ` in both languages, as it always has.
            GitError::Missing(source) => match self.lang {
                Lang::Zh => format!("无法运行 git（是否已安装？）：{}", self.os_error(source)),
                Lang::En => format!("cannot run git (is it installed?): {source}"),
            },
            GitError::Failed { command, said } => {
                let (command, said) = (one_line(command), self.git_said(said));
                match self.lang {
                    Lang::Zh => format!("`git {command}` 失败：{said}"),
                    Lang::En => format!("`git {command}` failed: {said}"),
                }
            }
            GitError::Busy { lock } => match self.lang {
                Lang::Zh => format!(
                    "本仓库中另一个 git 命令正在运行：请等它结束后再试；如果并没有 git 命令在运行，\
                     请删除 {}",
                    shown(lock)
                ),
                Lang::En => format!(
                    "another git command is running in this repository: try again when it has \
                     finished; if none is running, remove {}",
                    shown(lock)
                ),
            },
        }
    }

    /// What a failed git command said: its message, or how it ended.
    fn git_said(&self, said: &Said) -> String {
        match said {
            Said::Message(text) => text.clone(),
            Said::Nothing {
                status: Some(status),
            } => match self.lang {
                Lang::Zh => format!("没有输出，退出码 {status}"),
                Lang::En => format!("no message, exit status {status}"),
            },
            Said::Nothing { status: None } => self
                .pick(("没有输出，被信号终止", "no message, ended by a signal"))
                .to_string(),
        }
    }

    /// Why a sync stopped.
    pub(super) fn sync_failure(&self, error: &SyncFailure) -> String {
        let committed = self.pick(("你的记录已在本地提交", "your records are committed here"));
        match error {
            SyncFailure::NoRepository { ledger } => match self.lang {
                Lang::Zh => format!(
                    "台账 {} 不在 git 仓库中；如何共享请看 README“Working as a team”一节",
                    one_line(ledger)
                ),
                Lang::En => format!(
                    "the ledger {} is not in a git repository; see README, \"Working as a team\", \
                     to share it",
                    one_line(ledger)
                ),
            },
            SyncFailure::LedgerElsewhere {
                ledger,
                repository,
                contract,
            } => {
                let (ledger, repository) = (shown(ledger), shown(repository));
                let contract = shown(contract);
                match self.lang {
                    Lang::Zh => format!(
                        "台账 {ledger} 在仓库 {repository} 中，不在合同 {contract} 所在的仓库：\
                         otss 只同步与合同在同一仓库的台账（请检查合同中的 `ledger` 键）"
                    ),
                    Lang::En => format!(
                        "the ledger {ledger} is in the repository {repository}, not in the one \
                         that holds the contract {contract}: otss syncs a ledger only beside its \
                         contract (check the contract's `ledger` key)"
                    ),
                }
            }
            // What the system said follows `: ` in both languages, as it always has.
            SyncFailure::Lock { path, source } => match self.lang {
                Lang::Zh => format!(
                    "无法锁定 {}，以保证本仓库副本上同时只有一个 otss sync 运行: {}",
                    shown(path),
                    self.os_error(source)
                ),
                Lang::En => format!(
                    "cannot hold {} so that one otss sync at a time runs on this clone: {source}",
                    shown(path)
                ),
            },
            SyncFailure::Detached => self
                .pick((
                    "仓库不在任何分支上（detached HEAD）；请切换到一个分支后再同步",
                    "the repository is not on a branch (detached HEAD); check out a branch and \
                     sync again",
                ))
                .to_string(),
            SyncFailure::Unreachable { remote, said } => {
                let (remote, said) = (one_line(remote), self.git_said(said));
                match self.lang {
                    Lang::Zh => format!(
                        "无法连接 `{remote}`：{said}\n{committed}；能连上远程仓库时请再次运行 otss sync"
                    ),
                    Lang::En => format!(
                        "cannot reach `{remote}`: {said}\n{committed}; run otss sync again when the \
                         remote can be reached"
                    ),
                }
            }
            SyncFailure::Merge { said } => {
                let said = self.git_said(said);
                match self.lang {
                    Lang::Zh => format!("无法合并团队的历史：{said}\n没有做任何改动；{committed}"),
                    Lang::En => format!(
                        "the team's history could not be merged: {said}\nnothing was changed; \
                         {committed}"
                    ),
                }
            }
            SyncFailure::Attributes { file, commit } => {
                let (file, commit) = (one_line(file), self.commit(commit));
                match self.lang {
                    Lang::Zh => format!(
                        "收到的历史在 {commit} 中改动了 {file}：这个文件归 otss 所有，其他任何版本都会被拒绝                         （它能让 git 隐藏或改写台账的改动）。\n没有合并任何内容，本地台账保持原样；                         {committed}。请作者运行 otss sync（会把文件写回原样），或撤销（revert）该提交"
                    ),
                    Lang::En => format!(
                        "the history received changes {file} in {commit}: otss owns this file and \
                         refuses any other version of it (it could make git hide or garble changes \
                         to the ledger).\nnothing was merged, the ledger here is as it was; \
                         {committed}. Ask the author to run otss sync, which writes the file back, \
                         or revert the commit"
                    ),
                }
            }
            SyncFailure::Rewritten { rewrites } => {
                let lines: Vec<String> = rewrites.iter().map(|r| self.rewrite(r)).collect();
                let lines = lines.join("\n");
                match self.lang {
                    Lang::Zh => format!(
                        "收到的历史修改或删除了台账中已有的行（台账只应追加）：\n{lines}\n                         没有合并任何内容，本地台账保持原样；{committed}。如果确实需要这次改写，                         `otss sync --accept-rewrite 提交` 会放行它并记录由谁接受"
                    ),
                    Lang::En => format!(
                        "the history received changes or removes lines already in the ledger (a \
                         ledger only grows):\n{lines}\nnothing was merged, the ledger here is as it \
                         was; {committed}. If the rewrite is wanted, `otss sync --accept-rewrite \
                         COMMIT` lets it in and records who accepted it"
                    ),
                }
            }
            SyncFailure::UnknownCommit { named } => {
                let named = one_line(named);
                match self.lang {
                    Lang::Zh => format!("`{named}` 不是本仓库中的提交（--accept-rewrite）"),
                    Lang::En => {
                        format!("`{named}` names no commit of this repository (--accept-rewrite)")
                    }
                }
            }
            SyncFailure::Push { remote, said } => {
                let (remote, said) = (one_line(remote), self.git_said(said));
                match self.lang {
                    Lang::Zh => format!("`{remote}` 拒绝了推送：{said}\n{committed}"),
                    Lang::En => format!("`{remote}` refused the push: {said}\n{committed}"),
                }
            }
            SyncFailure::KeptMoving { remote } => {
                let remote = one_line(remote);
                match self.lang {
                    Lang::Zh => format!("推送时 `{remote}` 一直在变化；请再次运行 otss sync"),
                    Lang::En => {
                        format!("`{remote}` kept moving while pushing; run otss sync again")
                    }
                }
            }
        }
    }

    pub fn sync_committed(&self, engineer: &str, lines: u64) -> String {
        match (lines, self.lang) {
            (0, Lang::Zh) => format!("{engineer} 没有新记录需要提交"),
            (0, Lang::En) => format!("no new records of {engineer} to commit"),
            (n, Lang::Zh) => format!("已提交 {engineer} 的 {n} 条新记录"),
            (n, Lang::En) => format!(
                "committed {} of {engineer}",
                plural(n, "new record", "new records")
            ),
        }
    }

    pub fn sync_received(&self, lines: u64) -> String {
        match self.lang {
            Lang::Zh => format!("收到团队的 {lines} 条记录"),
            Lang::En => format!(
                "received {} from the team",
                plural(lines, "record", "records")
            ),
        }
    }

    pub fn sync_pushed(&self, remote: &str, branch: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已推送到 {remote}/{branch}"),
            Lang::En => format!("pushed to {remote}/{branch}"),
        }
    }

    pub fn sync_no_remote(&self) -> String {
        self.pick((
            "没有远程仓库：记录已在本地提交；用 `git remote add origin URL` 添加后再同步",
            "no remote: the records are committed here; add one with `git remote add origin URL` \
             and sync again",
        ))
        .to_string()
    }

    pub fn sync_changed_here(&self, path: &str, owner: &str) -> String {
        match self.lang {
            Lang::Zh => format!(
                "{path} 是 {owner} 的文件，在本机被改动：未提交，保持原样（可用 otss check 查看）"
            ),
            Lang::En => format!(
                "{path} is {owner}'s file and was changed here: not committed, left as it is \
                 (otss check shows what changed)"
            ),
        }
    }

    /// A commit received, with its author.
    fn commit(&self, commit: &Commit) -> String {
        let (hash, author) = (short_hash(&commit.hash), one_line(&commit.author));
        match self.lang {
            Lang::Zh => format!("{author} 的提交 {hash}"),
            Lang::En => format!("commit {hash} by {author}"),
        }
    }

    /// A line already in the ledger that a commit received changed or removed.
    fn rewrite(&self, rewrite: &Rewrite) -> String {
        let (file, line) = (one_line(&rewrite.file), rewrite.line);
        let commit = self.commit(&rewrite.commit);
        match self.lang {
            Lang::Zh => format!("  {file} 第 {line} 行：{commit}"),
            Lang::En => format!("  {file} line {line}: {commit}"),
        }
    }

    pub fn sync_attributes_restored(&self, file: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{file} 不是 otss 写的版本：已写回并提交"),
            Lang::En => format!("{file} was not otss's: written back and committed"),
        }
    }

    pub fn sync_rewrite_accepted(&self, commit: &str, author: &str, files: &[String]) -> String {
        let (commit, author) = (short_hash(commit), one_line(author));
        let files: Vec<_> = files.iter().map(|f| one_line(f)).collect();
        let files = files.join(", ");
        match self.lang {
            Lang::Zh => {
                format!("已接受 {author} 的提交 {commit} 对已有行的改写（{files}），并记入台账")
            }
            Lang::En => format!(
                "accepted the rewrite of lines already in the ledger by commit {commit} of \
                 {author} ({files}), and recorded it"
            ),
        }
    }

    /// The contract changed in the history merged: the heading of its changes.
    pub fn sync_contract_changed(&self, received: &ContractReceived) -> String {
        let commit = self.commit(&Commit {
            hash: received.commit.clone(),
            author: received.author.clone(),
        });
        match self.lang {
            Lang::Zh => format!("合同在 {commit} 中被修改："),
            Lang::En => format!("the contract was changed in {commit}:"),
        }
    }

    /// One key of the contract changed, its value before and after.
    pub fn contract_key_changed(&self, change: &ContractChange) -> String {
        let missing = self.pick(("（无）", "(none)"));
        let value = |v: &Option<String>| {
            v.as_deref()
                .map_or(missing.to_string(), |v| one_line(v).into_owned())
        };
        let (before, after) = (value(&change.before), value(&change.after));
        format!("  {}: {before} → {after}", one_line(&change.key))
    }

    /// Changes to the calendar or the SLA received: deadlines and required work change.
    pub fn contract_needs_acknowledging(&self) -> String {
        self.pick((
            "合同的 [calendar] 或 [sla] 被修改：截止时间和应做的例行工作会随之改变。请核对后运行              `otss contract ack`",
            "the contract's [calendar] or [sla] changed: deadlines and required routine work              change with it. Check it, then run `otss contract ack`",
        ))
        .to_string()
    }

    /// `otss status`: changes to the calendar or the SLA received and not acknowledged.
    pub fn contract_unacknowledged(&self, received: &ContractReceived) -> String {
        let keys = changed_keys(received);
        let (hash, author) = (short_hash(&received.commit), one_line(&received.author));
        match self.lang {
            Lang::Zh => format!(
                "合同的日历或 SLA 已被 {author} 在提交 {hash} 中修改（{keys}），尚未确认：                 请核对后运行 `otss contract ack`"
            ),
            Lang::En => format!(
                "the contract's calendar or SLA was changed by {author} in commit {hash} \
                 ({keys}), not yet acknowledged: check it, then run `otss contract ack`"
            ),
        }
    }

    /// `otss contract ack`: what was acknowledged.
    pub fn contract_acknowledged(&self, received: &ContractReceived) -> String {
        let keys = changed_keys(received);
        let hash = short_hash(&received.commit);
        match self.lang {
            Lang::Zh => format!("已确认提交 {hash} 对合同的修改：{keys}"),
            Lang::En => format!("acknowledged the contract's changes of commit {hash}: {keys}"),
        }
    }

    pub fn contract_nothing_to_acknowledge(&self) -> String {
        self.pick((
            "没有需要确认的合同修改",
            "no change to the contract's calendar or SLA is waiting to be acknowledged",
        ))
        .to_string()
    }

    /// Another otss sync holds the clone: this one waits for it.
    pub fn sync_waiting(&self) -> String {
        self.pick((
            "本仓库副本上另一个 otss sync 正在运行；正在等待它结束",
            "another otss sync is running on this clone; waiting for it to finish",
        ))
        .to_string()
    }
}

/// The keys a change to the contract changed, as one list.
fn changed_keys(received: &ContractReceived) -> String {
    let keys: Vec<_> = received.changes.iter().map(|c| one_line(&c.key)).collect();
    keys.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_failure_that_said_nothing_gives_its_exit_status_in_both_languages() {
        let silent = GitError::Failed {
            command: "commit".to_string(),
            said: Said::Nothing { status: Some(1) },
        };
        assert_eq!(
            Lang::En.messages().git_error(&silent),
            "`git commit` failed: no message, exit status 1"
        );
        assert_eq!(
            Lang::Zh.messages().git_error(&silent),
            "`git commit` 失败：没有输出，退出码 1"
        );
    }
}
