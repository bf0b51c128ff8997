//! Words an engineer types for the same thing (docs/rules.md §12.2): a query that holds one
//! phrase of a group also looks for the others, so `慢查询` finds "slow query" and
//! `replication lag` finds `主从延迟`. A small table, built in, kept to what support work
//! says every day.

/// Each group: phrases that mean alike, in Chinese and in English.
pub const SYNONYMS: &[&[&str]] = &[
    &["慢查询", "slow query", "慢sql", "slow sql"],
    &[
        "主从延迟",
        "replication lag",
        "复制延迟",
        "同步延迟",
        "slave lag",
    ],
    &[
        "磁盘满",
        "disk full",
        "磁盘空间不足",
        "空间不足",
        "no space left",
    ],
    &["重启", "restart", "reboot"],
    &["超时", "timeout", "timed out"],
    &["宕机", "outage", "crash", "崩溃"],
    &["内存溢出", "oom", "out of memory"],
    &["内存", "memory"],
    &["负载均衡", "load balancer", "clb"],
    &["云服务器", "cvm"],
    &["容器", "kubernetes", "k8s", "tke"],
    &["数据库", "database", "mysql"],
    &["备份", "backup"],
    &["告警", "alarm", "alert"],
    &["证书", "certificate", "ssl", "tls"],
    &["丢包", "packet loss"],
    &["延迟", "latency"],
    &["节点", "node"],
    &["扩容", "scale out", "expansion"],
    &["权限", "permission"],
    &["连接数", "connections"],
    &["网络", "network"],
    &["带宽", "bandwidth"],
    &["死锁", "deadlock"],
    &["主备切换", "failover", "故障切换"],
    &["短信", "sms"],
    &["快照", "snapshot"],
];

/// The phrases that mean what a phrase of `query` means, and that `query` does not already
/// say.
pub fn alike(query: &str) -> Vec<&'static str> {
    let query = query.to_lowercase();
    let mut alike = Vec::new();
    for group in SYNONYMS {
        if group.iter().any(|phrase| says(&query, phrase)) {
            alike.extend(group.iter().filter(|phrase| !says(&query, phrase)));
        }
    }
    alike
}

/// Whether `text` holds `phrase`: Chinese anywhere, English as whole words.
fn says(text: &str, phrase: &str) -> bool {
    if !phrase.is_ascii() {
        return text.contains(phrase);
    }
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        let apart = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        apart(before) && apart(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_phrase_brings_its_english_and_back() {
        assert!(alike("数据库慢查询").contains(&"slow query"));
        assert!(alike("Replication lag on cdb").contains(&"主从延迟"));
    }

    #[test]
    fn english_phrases_match_only_whole_words() {
        assert!(!alike("bloom filters").contains(&"内存"));
        assert!(alike("the node is down").contains(&"节点"));
        assert!(!alike("nodes2").contains(&"节点"));
    }

    #[test]
    fn what_the_query_says_is_not_added_again() {
        let alike = alike("慢查询 slow query");
        assert!(!alike.contains(&"慢查询") && !alike.contains(&"slow query"));
        assert!(alike.contains(&"slow sql"));
    }
}
