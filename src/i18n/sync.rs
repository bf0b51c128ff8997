//! Sharing the ledger with the team through git.

use super::words::plural;
use super::{Lang, Messages};

impl Messages {
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
