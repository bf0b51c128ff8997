//! Customer requests and the scope of service (SPEC §5): a request that falls under one of
//! the eight out-of-scope categories is recorded and flagged with it, and the words that
//! decided it; the engineer can always force a request in or out.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What the service does not cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
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
    /// The stable key used in records and JSON.
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
        RULES
            .iter()
            .map(|rule| rule.category)
            .find(|c| c.key() == key)
    }
}

impl From<Category> for &'static str {
    fn from(category: Category) -> &'static str {
        category.key()
    }
}

impl TryFrom<String> for Category {
    type Error = ScopeError;

    fn try_from(key: String) -> Result<Category, ScopeError> {
        Category::from_key(&key).ok_or(ScopeError { text: key })
    }
}

/// One category's rule: the words and phrases that put a request in it, and the longer
/// phrases in which those words mean something else.
struct Rule {
    category: Category,
    words: &'static [&'static str],
    except: &'static [&'static str],
}

/// The rules of scope, in Chinese and English. This table is the only place they are kept.
///
/// Words name the out-of-scope work itself, not the products it touches: "扩容" and
/// "scale out" are capacity expansion, but "capacity" alone is a resource-inspection question;
/// "安全运营" is security operations, but "安全组" is a routine security-group question;
/// "设备认证" is certification, but "认证" alone is also authentication. The exceptions catch
/// words that other words contain: "提供电子版" is not about power supply, "热迁移" moves a
/// CVM, not data, and "扩容后" asks why an expansion did not take effect.
const RULES: &[Rule] = &[
    Rule {
        category: Category::SoftwareDevTest,
        words: &[
            "软件开发",
            "功能开发",
            "代码开发",
            "二次开发",
            "开发一个",
            "开发新",
            "帮忙开发",
            "开发小程序",
            "小程序开发",
            "编写代码",
            "写代码",
            "改代码",
            "软件测试",
            "功能测试",
            "测试用例",
            "编写测试",
            "压测",
            "压力测试",
            "性能测试",
            "develop a new",
            "develop an app",
            "develop a feature",
            "software development",
            "app development",
            "write code",
            "write the code",
            "software testing",
            "test cases",
            "unit test",
            "unit tests",
            "integration testing",
            "load testing",
            "performance testing",
            "build an app",
            "build a feature",
        ],
        except: &[],
    },
    Rule {
        category: Category::DrAndScaling,
        words: &[
            "灾备",
            "容灾",
            "灾难恢复",
            "异地多活",
            "同城双活",
            "两地三中心",
            "扩容",
            "扩展集群",
            "disaster recovery",
            "disaster-recovery",
            "dr drill",
            "dr site",
            "set up dr",
            "failover site",
            "scale out",
            "scale up",
            "scale-out",
            "capacity expansion",
            "expand capacity",
            "expand the cluster",
        ],
        except: &["扩容后", "不需要扩容", "无需扩容", "扩容失败"],
    },
    Rule {
        category: Category::Certification,
        words: &[
            "等保测评",
            "等保三级",
            "等保二级",
            "等保备案",
            "等保合规",
            "等级保护",
            "密评",
            "设备认证",
            "产品认证",
            "资质认证",
            "安全认证",
            "ccc认证",
            "3c认证",
            "资质审核",
            "certification",
            "certify",
            "compliance audit",
            "mlps",
            "iso 27001",
            "soc 2",
            "pci dss",
        ],
        except: &[],
    },
    Rule {
        category: Category::DataMigration,
        words: &[
            "数据迁移",
            "迁移数据",
            "数据库迁移",
            "迁移数据库",
            "迁移上云",
            "上云迁移",
            "迁移到",
            "迁移至",
            "搬迁",
            "迁云",
            "data migration",
            "migrate the data",
            "migrate data",
            "migrate our data",
            "migrating data",
            "migrating the data",
            "migrate the database",
            "migrate the databases",
            "migrate our database",
            "migrating the database",
            "database migration",
            "move the data",
        ],
        except: &["热迁移"],
    },
    Rule {
        category: Category::SecurityOperations,
        words: &[
            "安全运营",
            "安全运维",
            "渗透测试",
            "漏洞扫描",
            "安全加固",
            "攻防演练",
            "护网行动",
            "护网演练",
            "安全值守",
            "security operations",
            "secops",
            "penetration test",
            "penetration tests",
            "penetration testing",
            "pentest",
            "pen test",
            "vulnerability scan",
            "vulnerability scanning",
            "red team",
            "security hardening",
        ],
        except: &[],
    },
    Rule {
        category: Category::GrowthAnalysis,
        words: &[
            "用户增长",
            "增长分析",
            "业务增长",
            "运营分析",
            "业务分析",
            "用户拉新",
            "拉新活动",
            "留存率",
            "转化率",
            "营销活动",
            "活动运营",
            "user growth",
            "growth analysis",
            "business growth",
            "business analysis",
            "retention rate",
            "user retention",
            "conversion rate",
            "marketing campaign",
            "dau",
        ],
        except: &[],
    },
    Rule {
        category: Category::Facility,
        words: &[
            "机房供电",
            "供电中断",
            "供电故障",
            "停电",
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
            "风火水电",
            "机房现场服务",
            "l0",
            "power supply",
            "power outage",
            "power cut",
            "cooling",
            "hvac",
            "fire suppression",
            "water leak",
            "cabling",
            "data centre facility",
            "data center facility",
            "rack power",
        ],
        except: &["判断电"],
    },
    Rule {
        category: Category::InternalOpsSystem,
        words: &[
            "运维平台",
            "运维管理平台",
            "运维…体系",
            "运维管理系统",
            "运维系统建设",
            "运维门户",
            "搭建工单系统",
            "工单系统建设",
            "自建工单系统",
            "自建监控",
            "搭建监控系统",
            "cmdb",
            "ops platform",
            "ops portal",
            "operations platform",
            "operations management system",
            "ticketing system",
            "build a monitoring system",
            "internal tooling",
        ],
        except: &[],
    },
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
    let mut best: Option<(Category, Vec<&'static str>)> = None;
    for rule in RULES {
        let matched = matches(&text, rule);
        if !matched.is_empty() && best.as_ref().is_none_or(|(_, b)| matched.len() > b.len()) {
            best = Some((rule.category, matched));
        }
    }
    Verdict {
        category: best.as_ref().map(|(c, _)| *c),
        matched: best.map(|(_, m)| m).unwrap_or_default(),
    }
}

/// Joins the parts of a word that may stand a little apart: "测试…软件" is found in
/// "测试我们的软件", "migrate…database" in "migrate the IDC database".
const GAP: char = '…';

/// How many characters may stand between the parts of a word.
const MAX_GAP: usize = 12;

/// What ends a clause: the parts of a word are never found across one.
const CLAUSE_BREAKS: &[char] = &['。', '，', '；', '！', '？', '\n', ',', ';', '!', '?'];

/// The rule's words found in `text` (lowercase): longest first, each place counted once, none
/// inside an exception.
fn matches(text: &str, rule: &Rule) -> Vec<&'static str> {
    let mut taken: Vec<Range<usize>> = rule.except.iter().flat_map(|e| places(text, e)).collect();
    let mut words: Vec<&'static str> = rule.words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut matched = Vec::new();
    for word in words {
        let fresh: Vec<Range<usize>> = places(text, word)
            .into_iter()
            .filter(|place| !taken.iter().any(|t| overlap(t, place)))
            .collect();
        if !fresh.is_empty() {
            matched.push(word);
            taken.extend(fresh);
        }
    }
    matched
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Where `word` is found in `text`: from its first part to its last.
fn places(text: &str, word: &str) -> Vec<Range<usize>> {
    let mut parts = word.split(GAP);
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    occurrences(text, first, 0)
        .filter_map(|start| {
            let last = rest.iter().try_fold(start.clone(), |place, part| {
                following(text, place.end, part)
            })?;
            Some(start.start..last.end)
        })
        .collect()
}

/// Where `part` is found in `text` from byte `from` on.
fn occurrences<'a>(
    text: &'a str,
    part: &'a str,
    from: usize,
) -> impl Iterator<Item = Range<usize>> + 'a {
    text[from..]
        .match_indices(part)
        .map(move |(at, _)| from + at..from + at + part.len())
        .filter(move |place| whole_word(text, place, part))
}

/// The first place of `part` after a word's previous part, which ends at `end`, if it is close
/// enough and in the same clause.
fn following(text: &str, end: usize, part: &str) -> Option<Range<usize>> {
    occurrences(text, part, end)
        .take_while(|place| {
            let between = &text[end..place.start];
            between.chars().count() <= MAX_GAP && !between.contains(CLAUSE_BREAKS)
        })
        .next()
}

/// Chinese words match anywhere; English ones only as whole words, or with a plural "s": "ups"
/// is not in "groups" nor in "pop-ups", but "unit test" is in "unit tests".
fn whole_word(text: &str, place: &Range<usize>, word: &str) -> bool {
    if !word.is_ascii() {
        return true;
    }
    let part_of_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
    let mut after = text[place.end..].chars();
    let after = match after.next() {
        Some('s') => after.next(),
        next => next,
    };
    !part_of_word(text[..place.start].chars().next_back()) && !part_of_word(after)
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
        .map(|rule| rule.category.key())
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

#[cfg(test)]
mod tests;
