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

#[test]
fn the_words_that_decided_are_given() {
    let verdict = classify("business analysis of our conversion rate");
    assert_eq!(verdict.matched, ["business analysis", "conversion rate"]);
    assert_eq!(classify("机房供电异常").matched, ["机房供电", "供电"]);
}

#[test]
fn english_words_match_whole_words_in_any_case() {
    assert!(mentions("ups battery", "ups"));
    assert!(mentions("ups", "ups"));
    assert!(!mentions("user groups page", "ups"));
    assert!(classify("Scale Out the cluster").category == Some(DrAndScaling));
}

#[test]
fn the_engineer_can_force_the_scope_either_way() {
    let forced_in = request("双十一前集群扩容", Scope::In);
    assert!(forced_in.in_scope && forced_in.forced && forced_in.category.is_none());
    assert_eq!(forced_in.matched, ["扩容"]);
    let forced_out = request("咨询 CVM 机型选择", "out:data_migration".parse().unwrap());
    assert_eq!(
        (forced_out.in_scope, forced_out.category),
        (false, Some(DataMigration))
    );
    let by_rules = request(" 迁移数据到新的 COS 存储桶 ", Scope::ByRules);
    assert_eq!(by_rules.text, "迁移数据到新的 COS 存储桶");
    assert!(!by_rules.forced);
    for bad in ["out", "out:teleport", "maybe"] {
        let err = bad.parse::<Scope>().unwrap_err().to_string();
        assert!(
            err.contains(&format!("`{bad}`")) && err.contains("data_migration"),
            "{err}"
        );
    }
    for category in RULES.iter().map(|(c, _)| *c) {
        assert_eq!(Category::from_key(category.key()), Some(category));
    }
}
