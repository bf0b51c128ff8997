use super::*;
use Category::*;

/// Requests as engineers write them, and where each belongs.
const REQUESTS: &[(&str, Option<Category>)] = &[
    ("客户咨询 CLB 健康检查配置", None),
    ("review our CVM alarm thresholds", None),
    ("排查 CVM 实例 CPU 使用率过高", None),
    ("TencentDB for MySQL 慢查询分析", None),
    ("COS 存储桶权限配置咨询", None),
    ("安全组规则配置问题", None),
    ("How do I rotate the SSL certificate on CLB?", None),
    ("云监控告警策略调整", None),
    ("check why the Redis connections spike at night", None),
    ("资源巡检发现磁盘使用率 85%，请确认容量", None),
    ("帮忙看一下 TKE 集群 Pod 重启原因", None),
    ("configure log retention for CLS", None),
    ("API 认证失败，返回 AuthFailure", None),
    ("explain the capacity metrics in the resource report", None),
    ("备份任务失败原因排查", None),
    ("set up an alarm for CBS disk usage", None),
    ("咨询 CVM 机型选择", None),
    (
        "nginx upstream timeout troubleshooting for the user groups page",
        None,
    ),
    ("客户询问 VPC 对等连接配置", None),
    ("help us read the billing details for last month", None),
    ("the encoding of exported logs is wrong", None),
    ("能否提供电子版的巡检报告", None),
    ("请提供电话支持", None),
    ("帮忙判断电脑上的 VPN 为什么连不上", None),
    ("如何配置安全组保护网站", None),
    ("TKE 拉新版本镜像失败", None),
    ("修改参数后要等保存生效再重启吗", None),
    ("TKE 集群新增节点失败", None),
    ("云硬盘扩容后文件系统没有变大", None),
    ("不需要扩容，只是想确认 CPU 水位", None),
    ("我在腾讯云工单系统提交的工单没有回复", None),
    ("CVM 热迁移到其他宿主机后网络中断", None),
    ("CLB 与后端服务联调时返回 502", None),
    ("the console shows pop-ups, please send follow-ups", None),
    ("CLB 502 errors are affecting business operations", None),
    ("what is the coding of the exported CSV", None),
    ("the disk may develop a bad sector", None),
    ("adding nodes to the TKE node pool fails", None),
    ("Is CVM certified for SAP HANA?", None),
    ("how do I migrate to the new CLB console", None),
    ("帮忙开发一个订单导出功能", Some(SoftwareDevTest)),
    ("please write code for our batch job", Some(SoftwareDevTest)),
    ("协助做新版本的功能测试", Some(SoftwareDevTest)),
    (
        "we need unit tests for the payment service",
        Some(SoftwareDevTest),
    ),
    ("搭建同城灾备环境", Some(DrAndScaling)),
    (
        "plan a disaster recovery drill for the core system",
        Some(DrAndScaling),
    ),
    ("双十一前集群扩容", Some(DrAndScaling)),
    (
        "scale out the Kafka cluster before the sale",
        Some(DrAndScaling),
    ),
    ("等保三级测评材料准备", Some(Certification)),
    ("help us get ISO 27001 certification", Some(Certification)),
    ("把 IDC 的数据迁移到 TencentDB", Some(DataMigration)),
    (
        "migrate the database from Oracle to MySQL",
        Some(DataMigration),
    ),
    ("迁移数据到新的 COS 存储桶", Some(DataMigration)),
    ("安排安全运营值守", Some(SecurityOperations)),
    (
        "run a penetration test on our portal",
        Some(SecurityOperations),
    ),
    ("漏洞扫描并出具报告", Some(SecurityOperations)),
    ("分析用户增长趋势", Some(GrowthAnalysis)),
    (
        "business analysis of our conversion rate",
        Some(GrowthAnalysis),
    ),
    ("机房供电异常", Some(Facility)),
    ("the data center cooling failed last night", Some(Facility)),
    ("UPS 电池需要更换", Some(Facility)),
    ("帮客户搭建运维平台", Some(InternalOpsSystem)),
    ("build a CMDB for the ops team", Some(InternalOpsSystem)),
    ("搭建工单系统", Some(InternalOpsSystem)),
    ("业务系统迁移上云", Some(DataMigration)),
    ("机房昨晚停电", Some(Facility)),
    ("建设同城双活架构", Some(DrAndScaling)),
    ("开发小程序后台", Some(SoftwareDevTest)),
    ("上线前做一次压测", Some(SoftwareDevTest)),
    ("研发一个内部运维门户", Some(InternalOpsSystem)),
    ("路由器 CCC认证 材料", Some(Certification)),
    (
        "migrating the database to TencentDB next week",
        Some(DataMigration),
    ),
    ("migrate the databases of the CRM", Some(DataMigration)),
    (
        "schedule penetration tests for Q3",
        Some(SecurityOperations),
    ),
    (
        "vulnerability scanning of all public IPs",
        Some(SecurityOperations),
    ),
    (
        "we need a unit test for the settlement job",
        Some(SoftwareDevTest),
    ),
    ("write a disaster-recovery plan", Some(DrAndScaling)),
    ("help us set up DR in Shanghai", Some(DrAndScaling)),
    ("expand capacity of the Redis cluster", Some(DrAndScaling)),
    ("power cut in the server room", Some(Facility)),
    (
        "performance testing of the new release",
        Some(SoftwareDevTest),
    ),
    ("build an internal ops portal", Some(InternalOpsSystem)),
    ("analyze our DAU and user retention", Some(GrowthAnalysis)),
    // Parts of the exclusion list, and its lines in other words.
    ("灾备与扩容", Some(DrAndScaling)),
    ("设备认证、数据迁移", Some(Certification)),
    ("数据迁移", Some(DataMigration)),
    ("运维管理体系建设", Some(InternalOpsSystem)),
    ("帮我们建设运维体系", Some(InternalOpsSystem)),
    ("机房现场服务", Some(Facility)),
    ("L0 层的风火水电巡检", Some(Facility)),
];

#[test]
fn requests_in_chinese_and_english_fall_where_they_belong() {
    assert!(REQUESTS.len() >= 40);
    for (text, expected) in REQUESTS {
        let verdict = classify(text);
        assert_eq!(
            verdict.category, *expected,
            "{text}: matched {:?}",
            verdict.matched
        );
        assert_eq!(verdict.matched.is_empty(), expected.is_none(), "{text}");
    }
}

/// The exclusion list of the service description, line by line, and where each line falls.
const EXCLUSION_LIST: &[(&str, Option<Category>)] = &[
    ("腾讯公有云产品的软件开发和测试。", Some(SoftwareDevTest)),
    // Three categories in one line: the request is out of scope in the first.
    (
        "腾讯公有云产品的灾备与扩容。设备认证、数据迁移。",
        Some(DrAndScaling),
    ),
    ("腾讯公有云产品的安全运营。", Some(SecurityOperations)),
    (
        "腾讯公有云产品的用户增长分析或业务增长分析等业务运营工作。",
        Some(GrowthAnalysis),
    ),
    ("机房现场服务（L0层的风火水电）。", Some(Facility)),
    ("您公司内部的运维管理体系建设。", Some(InternalOpsSystem)),
    // The catch-all `other` is the engineer's call, never the classifier's.
    ("其他不在服务范围的内容。", None),
];

/// A line of the list as it may be typed: whole, without its final 。, and without the
/// 腾讯公有云产品的 it may start with.
fn as_typed(line: &str) -> [&str; 3] {
    let bare = line.trim_end_matches('。');
    [line, bare, bare.trim_start_matches("腾讯公有云产品的")]
}

#[test]
fn each_line_of_the_exclusion_list_falls_in_its_category() {
    for (line, expected) in EXCLUSION_LIST {
        for typed in as_typed(line) {
            assert_eq!(classify(typed).category, *expected, "{typed}");
        }
    }
}

#[test]
fn the_words_that_decided_are_given_each_place_once() {
    let verdict = classify("business analysis of our conversion rate");
    assert_eq!(verdict.matched, ["business analysis", "conversion rate"]);
    // "迁移到" lies inside "数据迁移到": one place, one word, the longest.
    assert_eq!(classify("把数据迁移到 COS").matched, ["数据迁移"]);
    // An exception only covers its own place.
    assert_eq!(classify("扩容后没生效，下周还要再扩容").matched, ["扩容"]);
}

/// A rule of `words` and `except`, to try the matching on.
fn rule(words: &'static [&'static str], except: &'static [&'static str]) -> Rule {
    Rule {
        category: Facility,
        words,
        except,
    }
}

#[test]
fn the_parts_of_a_word_are_found_close_together_in_one_clause() {
    let apart = rule(&["测试…软件", "migrate…database"], &[]);
    assert_eq!(matches("测试我们的软件", &apart), ["测试…软件"]);
    assert_eq!(matches("测试软件", &apart), ["测试…软件"]);
    assert_eq!(
        matches("migrate the idc database to tencentdb", &apart),
        ["migrate…database"]
    );
    for elsewhere in [
        "测试完成，软件已上线",
        "软件测试",
        "migrate the console first, then the database",
        "migrate the console first and look at the database later",
        "migrated the database",
    ] {
        assert!(matches(elsewhere, &apart).is_empty(), "{elsewhere}");
    }
    let except = rule(&["扩容"], &["扩容…磁盘"]);
    assert!(matches("扩容一下磁盘", &except).is_empty());
    assert_eq!(matches("扩容一下集群", &except), ["扩容"]);
}

#[test]
fn english_words_match_in_the_plural_too() {
    let tests = rule(&["unit test", "app"], &[]);
    assert_eq!(
        matches("unit tests for the apps", &tests),
        ["unit test", "app"]
    );
    assert!(matches("unit testing of the appsync", &tests).is_empty());
}

#[test]
fn english_words_match_whole_words_in_any_case() {
    let ups = || classify("UPS battery low").category;
    assert_eq!(ups(), Some(Facility));
    assert_eq!(classify("user groups page").category, None);
    assert_eq!(classify("pop-ups").category, None);
    assert_eq!(
        classify("Scale Out the cluster").category,
        Some(DrAndScaling)
    );
}

#[test]
fn a_scope_is_in_or_out_with_a_category() {
    for bad in ["out", "out:teleport", "maybe"] {
        let err = bad.parse::<Scope>().unwrap_err().to_string();
        assert!(
            err.contains(&format!("`{bad}`")) && err.contains("data_migration"),
            "{err}"
        );
    }
    for category in RULES.iter().map(|rule| rule.category) {
        assert_eq!(Category::from_key(category.key()), Some(category));
        let json = serde_json::to_value(category).unwrap();
        assert_eq!(json, category.key());
        assert_eq!(serde_json::from_value::<Category>(json).unwrap(), category);
    }
}
