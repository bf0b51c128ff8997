//! Sharing the ledger with the team through git.

use super::words::{plural, shown};
use super::{Lang, Messages};
use crate::git::{GitError, Said};
use crate::sync::SyncFailure;
use crate::text::one_line;

impl Messages {
    /// Why git could not do what it was asked.
    pub(super) fn git_error(&self, error: &GitError) -> String {
        match error {
            // The system's message follows `: ` in both languages, as it always has.
            GitError::Missing(source) => match self.lang {
                Lang::Zh => format!("无法运行 git（是否已安装？）: {source}"),
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
            // The system's message follows `: ` in both languages, as it always has.
            SyncFailure::Lock { path, source } => match self.lang {
                Lang::Zh => format!(
                    "无法锁定 {}，以保证本仓库副本上同时只有一个 otss sync 运行: {source}",
                    shown(path)
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

    pub fn sync_edited_elsewhere(&self, path: &str) -> String {
        match self.lang {
            Lang::Zh => format!(
                "收到的历史中 {path} 有行被修改或删除：台账只应追加，请运行 otss check 并查明原因"
            ),
            Lang::En => format!(
                "lines of {path} were changed or removed in the history received: a ledger only \
                 grows; run otss check and find out why"
            ),
        }
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
