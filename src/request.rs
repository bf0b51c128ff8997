//! Customer requests and the scope of service (SPEC §5): a request that falls under one of
//! the eight out-of-scope categories is recorded and flagged with it, and the words that
//! decided it; the engineer can always force a request in or out.

use serde::{Deserialize, Serialize};

/// What the service does not cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    SoftwareDevTest,
    DrAndScaling,
    Certification,
    DataMigration,
    SecurityOperations,
    GrowthAnalysis,
    Facility,
    InternalOpsSystem,
}

impl Category {
    pub fn key(self) -> &'static str {
        match self {
            Category::SoftwareDevTest => "software_dev_test",
            Category::DrAndScaling => "dr_and_scaling",
            Category::Certification => "certification",
            Category::DataMigration => "data_migration",
            Category::SecurityOperations => "security_operations",
            Category::GrowthAnalysis => "growth_analysis",
            Category::Facility => "facility",
            Category::InternalOpsSystem => "internal_ops_system",
        }
    }

    pub fn from_key(key: &str) -> Option<Category> {
        RULES.iter().map(|(c, _)| *c).find(|c| c.key() == key)
    }
}

/// The rules of scope: for each out-of-scope category, the words and phrases that put a
/// request in it, in Chinese and English. This table is the only place they are kept.
///
/// Words are chosen to name the out-of-scope work itself, not the products it touches:
/// "扩容" and "scale out" are capacity expansion, but "capacity" alone is a resource
/// inspection question; "安全运营" is security operations, but "安全组" is a routine
/// security-group question; "设备认证" is certification, but "认证" alone is also
/// authentication.
const RULES: &[(Category, &[&str])] = &[
    (
        Category::SoftwareDevTest,
        &[
            "软件开发",
            "功能开发",
            "代码开发",
            "二次开发",
            "开发一个",
            "开发新",
            "帮忙开发",
            "编写代码",
            "写代码",
            "改代码",
            "软件测试",
            "功能测试",
            "测试用例",
            "编写测试",
            "联调",
            "develop a",
            "develop the",
            "develop an",
            "development of",
            "write code",
            "write the code",
            "coding",
            "software testing",
            "test cases",
            "unit tests",
            "integration testing",
            "build an app",
            "build a feature",
        ],
    ),
    (
        Category::DrAndScaling,
        &[
            "灾备",
            "容灾",
            "灾难恢复",
            "异地多活",
            "两地三中心",
            "扩容",
            "扩展集群",
            "增加节点",
            "新增节点",
            "disaster recovery",
            "dr drill",
            "dr site",
            "failover site",
            "scale out",
            "scale up",
            "scale-out",
            "capacity expansion",
            "expand the cluster",
            "add nodes",
            "add more nodes",
        ],
    ),
    (
        Category::Certification,
        &[
            "等保",
            "等级保护",
            "密评",
            "设备认证",
            "产品认证",
            "资质认证",
            "安全认证",
            "资质审核",
            "certification",
            "certify",
            "certified",
            "compliance audit",
            "mlps",
            "iso 27001",
            "soc 2",
            "pci dss",
        ],
    ),
    (
        Category::DataMigration,
        &[
            "数据迁移",
            "迁移数据",
            "数据库迁移",
            "迁移数据库",
            "迁移到",
            "迁移至",
            "搬迁",
            "迁云",
            "data migration",
            "migrate the data",
            "migrate data",
            "migrate the database",
            "migrate our database",
            "database migration",
            "migrate to",
            "move the data",
        ],
    ),
    (
        Category::SecurityOperations,
        &[
            "安全运营",
            "安全运维",
            "渗透测试",
            "漏洞扫描",
            "安全加固",
            "攻防演练",
            "护网",
            "安全值守",
            "security operations",
            "secops",
            "penetration test",
            "pentest",
            "pen test",
            "vulnerability scan",
            "red team",
            "security hardening",
        ],
    ),
    (
        Category::GrowthAnalysis,
        &[
            "用户增长",
            "增长分析",
            "业务增长",
            "运营分析",
            "业务分析",
            "拉新",
            "留存率",
            "转化率",
            "营销活动",
            "活动运营",
            "user growth",
            "growth analysis",
            "business growth",
            "business analysis",
            "retention rate",
            "conversion rate",
            "marketing campaign",
            "business operations",
        ],
    ),
    (
        Category::Facility,
        &[
            "机房供电",
            "供电",
            "断电",
            "配电",
            "机房空调",
            "制冷",
            "消防",
            "漏水",
            "水浸",
            "ups",
            "机柜",
            "布线",
            "机房温度",
            "power supply",
            "power outage",
            "cooling",
            "hvac",
            "fire suppression",
            "water leak",
            "cabling",
            "data centre facility",
            "data center facility",
            "rack power",
        ],
    ),
    (
        Category::InternalOpsSystem,
        &[
            "运维平台",
            "运维管理系统",
            "运维系统建设",
            "工单系统",
            "自建监控",
            "搭建监控系统",
            "cmdb",
            "ops platform",
            "operations platform",
            "operations management system",
            "ticketing system",
            "build a monitoring system",
            "internal tooling",
        ],
    ),
];

/// The out-of-scope category a request falls under, if any, and the words that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub category: Option<Category>,
    pub matched: Vec<&'static str>,
}

/// Classifies a request by the rules: the category with the most matching words wins (the
/// table's order breaks ties); no matching word means in scope.
pub fn classify(text: &str) -> Verdict {
    let text = text.to_lowercase();
    let best = RULES
        .iter()
        .map(|(category, words)| {
            let matched: Vec<&'static str> = words
                .iter()
                .copied()
                .filter(|w| mentions(&text, w))
                .collect();
            (*category, matched)
        })
        .filter(|(_, matched)| !matched.is_empty())
        .fold(
            None,
            |best: Option<(Category, Vec<&'static str>)>, candidate| match best {
                Some(best) if best.1.len() >= candidate.1.len() => Some(best),
                _ => Some(candidate),
            },
        );
    match best {
        Some((category, matched)) => Verdict {
            category: Some(category),
            matched,
        },
        None => Verdict {
            category: None,
            matched: Vec::new(),
        },
    }
}

/// Whether `text` (lowercase) contains `word`: anywhere for Chinese, as whole words for
/// English ("ups" is not in "groups").
fn mentions(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        boundary(before) && boundary(after)
    })
}

/// A customer request as recorded (`request.added`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub text: String,
    pub in_scope: bool,
    pub category: Option<Category>,
    /// The words that decided the classification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// The engineer decided the scope, not the rules.
    #[serde(default)]
    pub forced: bool,
}

/// How the engineer decides the scope: by the rules, or forced in or out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    ByRules,
    In,
    Out(Category),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a scope: use in, or out:CATEGORY with CATEGORY one of {}",
    categories()
)]
pub struct ScopeError {
    pub text: String,
}

fn categories() -> String {
    RULES
        .iter()
        .map(|(c, _)| c.key())
        .collect::<Vec<_>>()
        .join(", ")
}

impl std::str::FromStr for Scope {
    type Err = ScopeError;

    fn from_str(text: &str) -> Result<Scope, ScopeError> {
        let error = || ScopeError {
            text: text.to_string(),
        };
        match text.trim() {
            "in" => Ok(Scope::In),
            other => {
                let key = other.strip_prefix("out:").ok_or_else(error)?;
                Category::from_key(key.trim())
                    .map(Scope::Out)
                    .ok_or_else(error)
            }
        }
    }
}

/// The request to record for `text` under `scope`.
pub fn request(text: &str, scope: Scope) -> Request {
    let verdict = classify(text);
    let matched = verdict.matched.iter().map(|w| w.to_string()).collect();
    let text = text.trim().to_string();
    match scope {
        Scope::ByRules => Request {
            text,
            in_scope: verdict.category.is_none(),
            category: verdict.category,
            matched,
            forced: false,
        },
        Scope::In => Request {
            text,
            in_scope: true,
            category: None,
            matched,
            forced: true,
        },
        Scope::Out(category) => Request {
            text,
            in_scope: false,
            category: Some(category),
            matched,
            forced: true,
        },
    }
}

#[cfg(test)]
mod tests;
