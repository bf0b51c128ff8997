//! Customer requests and the scope of service (docs/rules.md §5): a request that falls under one of
//! the eight out-of-scope categories is recorded and flagged with it, and the words that
//! decided it; the engineer can always force a request in or out, and alone puts one in the
//! catch-all `other`.

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
    /// Anything else not in the scope of service: the engineer's call, never the rules'.
    Other,
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
            Category::Other => "other",
        }
    }

    /// Every category, in the order of the service description.
    pub const ALL: [Category; 9] = [
        Category::SoftwareDevTest,
        Category::DrAndScaling,
        Category::Certification,
        Category::DataMigration,
        Category::SecurityOperations,
        Category::GrowthAnalysis,
        Category::Facility,
        Category::InternalOpsSystem,
        Category::Other,
    ];

    pub fn from_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
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
/// the places where a word means something else, often inside a longer word: "判断电脑" is not
/// a power cut, "发布线上" is no cabling, "热迁移" moves a CVM, not data, and "扩容后" asks why
/// an expansion did not take effect.
const RULES: &[Rule] = &[
    Rule {
        category: Category::SoftwareDevTest,
        // Writing a script for the customer is writing their software.
        words: &[
            "软件开发",
            "功能开发",
            "代码开发",
            "二次开发",
            "定制开发",
            "开发一个",
            "开发一套",
            "开发新",
            "帮忙开发",
            "帮我们开发",
            "开发小程序",
            "小程序开发",
            "app 开发",
            "开发 app",
            "编写代码",
            "写代码",
            "改代码",
            "写脚本",
            "写一个…脚本",
            "写个…脚本",
            "编写…脚本",
            "软件测试",
            "功能测试",
            "回归测试",
            "自动化测试",
            "测试用例",
            "编写测试",
            "测试…软件",
            "测试…应用程序",
            "测试…小程序",
            "测试…app",
            "压测",
            "压力测试",
            "性能测试",
            "develop a new",
            "develop an app",
            "develop a…app",
            "develop a…mini program",
            "develop a…website",
            "develop a feature",
            "software development",
            "app development",
            "write code",
            "write the code",
            "write…script",
            "debug…code",
            "code review",
            "software testing",
            "test case",
            "unit test",
            "integration testing",
            "regression testing",
            "test automation",
            "automated test",
            "load testing",
            "performance testing",
            "stress test",
            "stress testing",
            "test…app",
            "test…software",
            "testing…app",
            "testing…software",
            "build an app",
            "build a feature",
        ],
        // Testing whether something works is troubleshooting, not testing software; so is
        // looking into what the customer's own load test or a disk benchmark showed.
        except: &[
            "改代码后",
            "开发者",
            "测试环境",
            "测试…是否",
            "测试…能否",
            "测试…连通",
            "电压测",
            "压测时",
            "压测中",
            "压测期间",
            "盘性能测试",
            "网络性能测试",
            "test if",
            "test whether",
            "app server",
            "during…load",
        ],
    },
    // Capacity expansion grows what the customer runs: more nodes, instances or clusters,
    // scaling out or up for a peak such as Double 11, planning capacity. Resizing one cloud disk
    // or one bandwidth cap, or changing one CVM's specification, is an ordinary request, in
    // scope: hence the exceptions for disks (盘) and bandwidth (带宽). So are questions about
    // scaling that a product does by itself (Auto Scaling, HPA), and about an expansion that
    // failed or did not take effect.
    Rule {
        category: Category::DrAndScaling,
        words: &[
            "灾备",
            "容灾",
            "灾难恢复",
            "两地三中心",
            "双活",
            "异地多活",
            "同城多活",
            "多活架构",
            "扩容",
            "扩展集群",
            "容量规划",
            "disaster recovery",
            "disaster-recovery",
            "dr drill",
            "dr site",
            "dr plan",
            "set up dr",
            "failover site",
            "failover drill",
            "active-active",
            "scale out",
            "scale up",
            "scale-out",
            "scale-up",
            "scaling out",
            "scaling up",
            "capacity expansion",
            "capacity planning",
            "expand capacity",
            "expand…cluster",
        ],
        except: &[
            "扩容后",
            "不需要扩容",
            "无需扩容",
            "扩容失败",
            "扩容…不生效",
            "扩容…没有触发",
            "自动扩容",
            "弹性扩容",
            "hpa…扩容",
            "not scale",
            "n't scale",
            "fail…to scale",
            "autoscaler…scale",
            "auto scaling…scale",
            "盘扩容",
            "扩容…盘",
            "带宽扩容",
            "扩容…带宽",
        ],
    },
    // 等保 (MLPS) is the certification of the customer's system: its assessment, filing,
    // grading and the remediation done to pass it are certification work. A question about a
    // product that only names 等保 as the reason ("满足等保三级要求的日志保留") is in scope.
    Rule {
        category: Category::Certification,
        words: &[
            "设备认证",
            "设备…认证",
            "产品认证",
            "资质认证",
            "安全认证",
            "入网认证",
            "进网许可",
            "ccc…认证",
            "3c…认证",
            "资质审核",
            "等保…测评",
            "等保…备案",
            "等保…定级",
            "等保…认证",
            "等保…整改",
            "等保…材料",
            "做等保",
            "过等保",
            "等级保护测评",
            "密评",
            "certification",
            "certify",
            "get…certified",
            "compliance audit",
            "mlps…assessment",
            "mlps…filing",
            "iso 27001…audit",
            "soc 2…audit",
            "pci dss…audit",
            "pci dss…assessment",
        ],
        except: &["认证失败", "登录认证", "身份认证", "等保存", "加密评"],
    },
    Rule {
        category: Category::DataMigration,
        words: &[
            "数据迁移",
            "数据库迁移",
            "数据…迁移",
            "迁移…数据",
            "迁移上云",
            "上云迁移",
            "迁移到",
            "迁移至",
            "迁到",
            "搬迁",
            "迁云",
            "数据…上云",
            "数据…到云上",
            "data migration",
            "database migration",
            "cloud migration",
            "migrate…data",
            "migrate…database",
            "migrating…data",
            "migrating…database",
            "migration…data",
            "migrate…to tencent cloud",
            "migrate…to the cloud",
            "migrate…to tencentdb",
            "migrate…to cdb",
            "migrate…to cos",
            "move the data",
            "move our data",
            "lift and shift",
        ],
        // Moving a CVM within Tencent Cloud (热迁移, to another zone) is not moving data, and a
        // question about what followed a migration ("迁移后") is troubleshooting.
        except: &[
            "热迁移",
            "迁…可用区",
            "迁移到新版",
            "迁移后",
            "after…migration",
            "since…migration",
            "data disk",
        ],
    },
    Rule {
        category: Category::SecurityOperations,
        words: &[
            "安全运营",
            "安全运维",
            "安全…值守",
            "渗透测试",
            "漏洞扫描",
            "安全加固",
            "安全基线",
            "攻防演练",
            "护网行动",
            "护网演练",
            "护网期间",
            "护网…值守",
            "入侵排查",
            "溯源分析",
            "security operations",
            "secops",
            "penetration test",
            "penetration testing",
            "pentest",
            "pen test",
            "vulnerability scan",
            "vulnerability scanning",
            "vulnerability assessment",
            "vulnerability management",
            "red team",
            "security hardening",
            "harden…server",
            "threat hunting",
        ],
        except: &[],
    },
    // "运营" alone is also a carrier (运营商); growth, conversion, a campaign and business
    // operations are often only the circumstance of a fault ("用户增长后数据库变慢",
    // "营销活动页面打不开", "影响业务运营"): the words name the analysis or the work itself.
    Rule {
        category: Category::GrowthAnalysis,
        words: &[
            "增长分析",
            "分析…增长",
            "增长策略",
            "增长方案",
            "提升…增长",
            "运营分析",
            "业务分析",
            "运营工作",
            "做业务运营",
            "用户运营",
            "活动运营",
            "用户拉新",
            "拉新活动",
            "用户留存",
            "留存率",
            "转化率分析",
            "分析…转化率",
            "提升…转化率",
            "用户画像",
            "漏斗分析",
            "日活分析",
            "分析…日活",
            "营销策划",
            "营销方案",
            "活动策划",
            "策划…活动",
            "growth analysis",
            "growth strategy",
            "growth hacking",
            "analyze…growth",
            "analyse…growth",
            "drive…growth",
            "business analysis",
            "business operations work",
            "user acquisition",
            "retention rate",
            "user retention",
            "conversion analysis",
            "improve…conversion",
            "analyze…conversion",
            "analyse…conversion",
            "funnel analysis",
            "churn analysis",
            "user profiling",
            "sales analysis",
            "revenue analysis",
            "grow…user base",
            "analyze…dau",
            "analyse…dau",
            "a/b test",
            "a/b testing",
            "plan…marketing campaign",
            "design…marketing campaign",
            "marketing strategy",
            "marketing plan",
        ],
        except: &[],
    },
    // "机房" alone is also where a private line or a VPN starts: the words name the facility
    // itself.
    Rule {
        category: Category::Facility,
        words: &[
            "风火水电",
            "机房现场服务",
            "l0",
            "机房供电",
            "供电中断",
            "供电故障",
            "双路供电",
            "停电",
            "断电",
            "机房配电",
            "配电箱",
            "配电柜",
            "配电室",
            "空调",
            "制冷",
            "消防",
            "漏水",
            "水浸",
            "ups",
            "蓄电池",
            "发电机",
            "机柜",
            "布线",
            "机房…温度",
            "机房…湿度",
            "门禁",
            "防雷",
            "power supply",
            "power outage",
            "power cut",
            "power failure",
            "power distribution",
            "cooling",
            "hvac",
            "air conditioning",
            "air conditioner",
            "fire suppression",
            "fire alarm",
            "fire extinguisher",
            "water leak",
            "cabling",
            "diesel generator",
            "backup generator",
            "server room…temperature",
            "server room…humidity",
            "data centre facility",
            "data center facility",
            "data-centre facility",
            "data-center facility",
            "rack power",
        ],
        except: &[
            "判断电",
            "中断电",
            "诊断电",
            "暂停电",
            "取消防",
            "撤消防",
            "发布线",
            "分布线",
        ],
    },
    // Monitoring and alarms for the cloud products are part of the service, whatever shows
    // them: a Cloud Monitor dashboard, or a Grafana dashboard of the products' metrics. Building
    // the customer's own monitoring system or platform (a Prometheus, Zabbix or Grafana stack
    // they run themselves) is building their operations system.
    Rule {
        category: Category::InternalOpsSystem,
        words: &[
            "运维平台",
            "运维管理平台",
            "运维…体系",
            "运维管理系统",
            "运维系统建设",
            "运维门户",
            "运维规范",
            "运维流程",
            "变更管理流程",
            "搭建工单系统",
            "工单系统建设",
            "自建工单系统",
            "自建监控",
            "搭建…监控系统",
            "搭建…监控平台",
            "itil",
            "itsm",
            "cmdb",
            "ops platform",
            "ops portal",
            "ops process",
            "ops processes",
            "operations platform",
            "operations process",
            "operations processes",
            "operations management system",
            "change management process",
            "incident management process",
            "build…ticketing system",
            "set up…ticketing system",
            "build…monitoring system",
            "build…monitoring platform",
            "in-house monitoring",
            "self-hosted monitoring",
            "internal tooling",
        ],
        // Following the customer's process is not building it.
        except: &["按…流程", "按…规范", "走…流程"],
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
const MAX_GAP: usize = 20;

/// What ends a clause: the parts of a word are never found across one.
const CLAUSE_BREAKS: &[char] = &['。', '，', '；', '！', '？', '\n', ',', ';', '!', '?'];

/// The rule's words found in `text` (lowercase): longest first, each place counted once, none
/// inside an exception.
fn matches(text: &str, rule: &Rule) -> Vec<&'static str> {
    let mut taken: Vec<Range<usize>> = rule.except.iter().flat_map(|e| places(text, e)).collect();
    let mut words: Vec<&'static str> = rule.words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.split(GAP).map(str::len).sum::<usize>()));
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

impl Scope {
    /// Whether the engineer must say why: a request is put in `other` by a reason, not by words.
    pub fn needs_reason(self) -> bool {
        self == Scope::Out(Category::Other)
    }
}

/// Text that names no scope, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    pub text: String,
}

display_as_debug!(ScopeError);

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
