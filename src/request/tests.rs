use super::*;
use Category::*;

/// Requests as engineers and customers write them, and where each belongs. Ordinary support
/// questions (consultations, how-to, troubleshooting, monitoring and alarms) must all stay in
/// scope; many hold a word of a category inside a longer word, or name a category's work only
/// as a circumstance.
const REQUESTS: &[(&str, Option<Category>)] = &[
    // In scope: consultations and troubleshooting, in Chinese.
    ("客户咨询 CLB 健康检查配置", None),
    ("排查 CVM 实例 CPU 使用率过高", None),
    ("CVM 无法 SSH 登录，提示 Connection refused", None),
    ("云服务器内存使用率持续 90% 以上", None),
    ("咨询 CVM 机型选择", None),
    ("CLB 后端健康检查一直失败", None),
    ("CLB 监听器转发规则怎么配置", None),
    ("CLB 与后端服务联调时返回 502", None),
    ("帮忙看一下 TKE 集群 Pod 重启原因", None),
    ("TKE 节点 NotReady 排查", None),
    ("TKE Pod 一直 Pending，提示资源不足", None),
    ("TKE 集群新增节点失败", None),
    ("COS 存储桶权限配置咨询", None),
    ("COS 上传大文件超时", None),
    ("COS 防盗链怎么配置", None),
    ("子账号访问 COS 报 AccessDenied", None),
    ("TencentDB for MySQL 慢查询分析", None),
    ("MySQL 慢查询日志怎么开启", None),
    ("CDB 主从延迟告警", None),
    ("数据库连接数打满，应用报 Too many connections", None),
    ("Redis 内存使用率告警阈值怎么设置", None),
    ("Redis 出现大 key 如何排查", None),
    ("云监控告警策略调整", None),
    ("云监控告警没有发送短信", None),
    ("告警策略如何绑定通知模板", None),
    ("配置 CPU 使用率超过 80% 的告警", None),
    ("在云监控 Dashboard 里添加 CLB 的 QPS 图表", None),
    // Monitoring set up for the cloud products, on whatever dashboard, is part of the service.
    (
        "帮我们做一个 Grafana 监控面板，展示 CDB 和 Redis 指标",
        None,
    ),
    ("安全组规则配置问题", None),
    ("如何配置安全组保护网站", None),
    ("客户询问 VPC 对等连接配置", None),
    ("VPC 内两台 CVM 之间 ping 不通", None),
    ("IDC 机房到腾讯云的专线延迟偏高", None),
    ("机房出口通过 VPN 连接 VPC 经常断开", None),
    ("NAT 网关带宽打满", None),
    ("CDN 回源 502", None),
    ("SSL 证书快过期了，怎么更新", None),
    ("API 认证失败，返回 AuthFailure", None),
    ("子账号开启 MFA 二次认证", None),
    ("堡垒机登录时设备认证失败", None),
    ("备份任务失败原因排查", None),
    ("CDB 自动备份保留天数怎么设置", None),
    ("从备份恢复误删的表", None),
    ("CLS 日志检索语法咨询", None),
    ("CLS 日志要保留多久才满足等保三级要求", None),
    ("账单里 CVM 费用突然增加", None),
    ("包年包月实例到期自动续费怎么设置", None),
    ("资源巡检发现磁盘使用率 85%，请确认容量", None),
    ("CVM 数据盘快满了", None),
    ("弹性伸缩组为什么多拉起了两台实例", None),
    ("HPA 扩容 Pod 没有触发", None),
    ("CVM 迁移到其他可用区需要停机吗", None),
    ("数据迁移后 CDB 性能下降", None),
    ("压测时 CLB 返回 502", None),
    ("云硬盘性能测试 IOPS 达不到标称值", None),
    ("小程序开发者工具上传失败", None),
    ("按运维流程提交变更需要哪些材料", None),
    ("能否提供电子版的巡检报告", None),
    ("请提供电话支持", None),
    ("我在腾讯云工单系统提交的工单没有回复", None),
    ("CBS 快照策略怎么设置", None),
    ("快照回滚后数据丢失了", None),
    ("跨地域复制镜像失败", None),
    ("CLB 会话保持不生效", None),
    ("TKE 集群升级 Kubernetes 版本注意事项", None),
    ("TKE 节点池自动扩缩容不生效", None),
    ("COS 数据同步到另一个存储桶怎么配置", None),
    ("MySQL 主从切换后应用连不上", None),
    ("Redis 热 key 导致单分片 CPU 高", None),
    ("告警太多了，如何收敛", None),
    ("如何订阅 CVM 的事件告警", None),
    ("CLS 日志投递到 COS", None),
    ("VPN 网关隧道频繁断开", None),
    ("云联网跨地域带宽不够", None),
    ("EIP 被封禁了怎么解封", None),
    ("WAF 误拦截正常请求", None),
    ("主机安全告警发现木马文件", None),
    ("账号欠费停机了怎么办", None),
    ("如何用 DTS 做数据订阅", None),
    ("回收站里的 CVM 怎么恢复", None),
    ("消息队列 CKafka 消息堆积", None),
    ("ES 磁盘水位告警", None),
    ("下周二凌晨计划变更，需要现场支持", None),
    ("月度服务报告什么时候提交", None),
    ("业务高峰期间 CLB 丢包", None),
    ("开发环境和生产环境网络隔离方案咨询", None),
    ("测试一下 CLB 到后端的连通性", None),
    ("客户反馈小程序访问 COS 图片很慢", None),
    ("小程序调用云函数报错", None),
    // In scope: resizing one disk or one bandwidth cap, or one CVM's specification, is not
    // capacity expansion.
    ("云硬盘扩容后文件系统没有变大", None),
    ("不需要扩容，只是想确认 CPU 水位", None),
    ("给 CVM 扩容云硬盘需要重启吗", None),
    ("把 web-01 的数据盘扩容到 500G", None),
    ("公网带宽扩容到 100M", None),
    ("CVM 升配到 8 核 16G 需要重启吗", None),
    ("CDB 实例规格升级", None),
    ("CPU 使用率长期偏低，能否降配", None),
    // In scope: a category's word inside a longer word, or its work only as a circumstance.
    ("帮忙判断电脑上的 VPN 为什么连不上", None),
    ("如何暂停电子邮件告警通知", None),
    ("网络中断电商平台无法下单", None),
    ("发布线上版本后接口报 502", None),
    ("取消防火墙规则后端口仍然不通", None),
    ("维护网站期间 CLB 如何返回维护页面", None),
    ("很多活动页面打开很慢", None),
    ("运营商线路丢包导致访问慢", None),
    ("CLB 502 影响业务运营", None),
    ("营销活动期间 Redis 连接数打满", None),
    ("营销活动页面打不开", None),
    ("最近用户增长很快，CVM 需要升配吗", None),
    ("页面转化率下降，怀疑 CLB 延迟高", None),
    ("双十一大促期间 CLB 带宽告警", None),
    ("预计日活 10 万，CVM 选什么规格", None),
    ("TKE 拉新版本镜像失败", None),
    ("修改参数后要等保存生效再重启吗", None),
    ("对 CDB 透明加密评估一下性能影响", None),
    ("测试环境的 CVM 无法登录", None),
    ("云拨测任务告警", None),
    ("帮忙测试一下 app 能否访问 COS", None),
    ("开发人员反馈 SDK 调用 COS 报签名错误", None),
    ("我们改代码后 CPU 使用率飙高，帮忙排查", None),
    ("CVM 热迁移到其他宿主机后网络中断", None),
    ("控制台迁移到新版后找不到告警入口", None),
    // In scope: consultations and troubleshooting, in English.
    ("review our CVM alarm thresholds", None),
    ("How do I rotate the SSL certificate on CLB?", None),
    ("why is the CLB certificate shown as expired", None),
    ("check why the Redis connections spike at night", None),
    ("configure log retention for CLS", None),
    ("explain the capacity metrics in the resource report", None),
    ("set up an alarm for CBS disk usage", None),
    ("set up an alarm when Redis memory exceeds 80%", None),
    ("add the CLB QPS chart to our Cloud Monitor dashboard", None),
    // Monitoring set up for the cloud products, on whatever dashboard, is part of the service.
    ("build us a Grafana dashboard for CVM and CDB metrics", None),
    ("why does the CLB return 504 under load", None),
    ("TKE pods stuck in Pending", None),
    ("adding nodes to the TKE node pool fails", None),
    (
        "how does the auto scaling group decide when to add instances",
        None,
    ),
    ("slow queries on TencentDB for MySQL since Monday", None),
    ("how do I enable the slow query log", None),
    ("COS upload fails with 403", None),
    (
        "how do I move old objects to archive storage with a lifecycle rule",
        None,
    ),
    ("restore the Redis instance from last night's backup", None),
    ("the data disk of the CVM is full", None),
    ("move the data disk to another CVM", None),
    ("DNS resolution for our domain does not take effect", None),
    ("which CVM type suits a MySQL workload", None),
    ("the CDN hit rate dropped yesterday", None),
    ("How do I reset the CVM password?", None),
    ("snapshot rollback lost data", None),
    ("CLB sticky sessions do not work", None),
    ("HPA does not add pods under load", None),
    ("how do I sync objects between two COS buckets", None),
    ("MySQL replication lag on the read-only instance", None),
    ("too many alarms, how can we reduce the noise", None),
    ("alarm callback to our webhook fails", None),
    ("VPN tunnel keeps dropping", None),
    ("WAF blocks legitimate requests", None),
    ("CWP found a trojan on a CVM", None),
    ("the account is overdue and instances stopped", None),
    ("write a CAM policy for read-only COS access", None),
    ("run a command on many CVMs with TAT", None),
    (
        "we have a planned change next Tuesday night, please be on site",
        None,
    ),
    ("how do I write the post-incident report", None),
    ("is our CVM size enough for the peak", None),
    ("can we downgrade the CVM since CPU is always low", None),
    ("CKafka messages pile up", None),
    ("test the new security group rules", None),
    ("the mini program loads images from COS slowly", None),
    ("our developers cannot push images to TCR", None),
    ("how do I migrate a CVM to another zone", None),
    ("what is the data retention of Cloud Monitor metrics", None),
    ("help us read the billing details for last month", None),
    ("the encoding of exported logs is wrong", None),
    ("what is the coding of the exported CSV", None),
    ("Is CVM certified for SAP HANA?", None),
    ("Is COS ISO 27001 compliant?", None),
    ("which logs must we keep for MLPS level 3?", None),
    (
        "I opened a ticket in the Tencent Cloud ticketing system and got no reply",
        None,
    ),
    // In scope: resizing one disk or one bandwidth cap, or one CVM's specification, is not
    // capacity expansion.
    ("How do I expand the disk of a CVM?", None),
    ("please expand the system disk of web-01 to 100 GB", None),
    ("resize the CBS volume after it filled up", None),
    ("upgrade the CVM to 8 cores and 32 GB", None),
    ("increase the EIP bandwidth to 200 Mbps", None),
    // In scope: a category's word inside a longer word, or its work only as a circumstance.
    (
        "nginx upstream timeout troubleshooting for the user groups page",
        None,
    ),
    ("the console shows pop-ups, please send follow-ups", None),
    ("CLB 502 errors are affecting business operations", None),
    ("Redis latency went up during the marketing campaign", None),
    ("user growth made the database slow", None),
    ("we see CLB 502s during load testing", None),
    ("the node pool did not scale up under load", None),
    ("after the migration of our data the queries are slow", None),
    (
        "our DAU will reach 100k next month, which CVM type fits?",
        None,
    ),
    ("the disk may develop a bad sector", None),
    ("how do I migrate to the new CLB console", None),
    (
        "the CVM was live-migrated to another host and lost network",
        None,
    ),
    ("test the connectivity from CVM to CDB", None),
    ("can you test if the app can reach the database", None),
    ("test the app server's health check on the CLB", None),
    ("memory leak on the CVM running our Java service", None),
    ("SYN flood alarms on the EIP", None),
    ("our internal ops team reports CLB 502s", None),
    // Developing or testing the customer's software.
    ("腾讯公有云产品的软件开发和测试", Some(SoftwareDevTest)),
    ("测试我们的软件", Some(SoftwareDevTest)),
    ("帮忙测试一下我们新版本的 app", Some(SoftwareDevTest)),
    ("帮我们开发一个小程序", Some(SoftwareDevTest)),
    ("帮忙开发一个订单导出功能", Some(SoftwareDevTest)),
    ("开发小程序后台", Some(SoftwareDevTest)),
    ("给官网做二次开发", Some(SoftwareDevTest)),
    ("帮忙写一个巡检脚本", Some(SoftwareDevTest)),
    ("给我们写个 Python 脚本定时清理日志", Some(SoftwareDevTest)),
    ("帮我们开发一个会员管理系统", Some(SoftwareDevTest)),
    ("帮忙测试我们的 App 新版本", Some(SoftwareDevTest)),
    ("协助做新版本的功能测试", Some(SoftwareDevTest)),
    ("给我们的系统做自动化测试", Some(SoftwareDevTest)),
    ("新版本上线前做一轮回归测试", Some(SoftwareDevTest)),
    ("编写测试用例", Some(SoftwareDevTest)),
    ("上线前做一次压测", Some(SoftwareDevTest)),
    ("please test our mobile app release", Some(SoftwareDevTest)),
    ("write a script for our app", Some(SoftwareDevTest)),
    (
        "can you write a shell script to rotate our logs",
        Some(SoftwareDevTest),
    ),
    (
        "help us test our new software release",
        Some(SoftwareDevTest),
    ),
    (
        "please develop a new reporting module for us",
        Some(SoftwareDevTest),
    ),
    ("please write code for our batch job", Some(SoftwareDevTest)),
    (
        "we need unit tests for the payment service",
        Some(SoftwareDevTest),
    ),
    (
        "we need a unit test for the settlement job",
        Some(SoftwareDevTest),
    ),
    (
        "develop a mini program for our store",
        Some(SoftwareDevTest),
    ),
    ("build an app for our sales team", Some(SoftwareDevTest)),
    (
        "do a code review of our order service",
        Some(SoftwareDevTest),
    ),
    (
        "debug our Java code that leaks memory",
        Some(SoftwareDevTest),
    ),
    ("stress test our APIs before launch", Some(SoftwareDevTest)),
    (
        "performance testing of the new release",
        Some(SoftwareDevTest),
    ),
    // Disaster recovery and capacity expansion.
    ("搭建同城灾备环境", Some(DrAndScaling)),
    ("做一套异地容灾方案", Some(DrAndScaling)),
    ("建设同城双活架构", Some(DrAndScaling)),
    ("给核心数据库做同城双活", Some(DrAndScaling)),
    ("双十一前集群扩容", Some(DrAndScaling)),
    ("双十一前把 TKE 集群扩容到 50 个节点", Some(DrAndScaling)),
    ("Redis 集群扩容到 64G", Some(DrAndScaling)),
    ("大促前做容量规划", Some(DrAndScaling)),
    ("做一套两地三中心的容灾架构", Some(DrAndScaling)),
    ("双十一之前需要把 CVM 扩容到 200 台", Some(DrAndScaling)),
    ("set up disaster recovery for our CDB", Some(DrAndScaling)),
    (
        "we need to scale out the web tier for the Spring Festival sale",
        Some(DrAndScaling),
    ),
    (
        "plan a disaster recovery drill for the core system",
        Some(DrAndScaling),
    ),
    ("write a disaster-recovery plan", Some(DrAndScaling)),
    ("help us set up DR in Shanghai", Some(DrAndScaling)),
    (
        "set up active-active across two regions",
        Some(DrAndScaling),
    ),
    (
        "run a failover drill to the backup region",
        Some(DrAndScaling),
    ),
    ("scale out the cluster for Double 11", Some(DrAndScaling)),
    (
        "scale out the Kafka cluster before the sale",
        Some(DrAndScaling),
    ),
    (
        "scale up the Redis cluster before the sale",
        Some(DrAndScaling),
    ),
    ("expand capacity of the Redis cluster", Some(DrAndScaling)),
    ("expand the Kafka cluster to 12 brokers", Some(DrAndScaling)),
    (
        "capacity planning for next year's traffic",
        Some(DrAndScaling),
    ),
    // Device certification, and 等保 (MLPS), the certification of the customer's system.
    ("服务器设备需要做认证", Some(Certification)),
    ("新设备入网认证", Some(Certification)),
    ("路由器 CCC认证 材料", Some(Certification)),
    ("等保三级测评材料准备", Some(Certification)),
    ("帮我们做等保测评", Some(Certification)),
    ("等保 2.0 三级备案", Some(Certification)),
    ("通过等保需要做哪些整改", Some(Certification)),
    ("等保定级备案怎么做", Some(Certification)),
    ("我们的交换机要做 CCC 认证", Some(Certification)),
    ("help us pass the MLPS assessment", Some(Certification)),
    ("商用密码应用安全性评估（密评）", Some(Certification)),
    ("help us get ISO 27001 certification", Some(Certification)),
    (
        "we need FCC certification for the new device",
        Some(Certification),
    ),
    ("get our IoT gateways certified", Some(Certification)),
    (
        "MLPS level 3 assessment for the core system",
        Some(Certification),
    ),
    ("prepare the SOC 2 audit", Some(Certification)),
    (
        "PCI DSS assessment of the payment system",
        Some(Certification),
    ),
    // Data migration.
    ("把 IDC 的数据迁移到 TencentDB", Some(DataMigration)),
    ("迁移数据到新的 COS 存储桶", Some(DataMigration)),
    ("把自建 MySQL 迁到 CDB", Some(DataMigration)),
    ("离线迁移 50TB 数据到 COS", Some(DataMigration)),
    ("用 DTS 把 IDC 数据库迁移上云", Some(DataMigration)),
    ("业务系统迁移上云", Some(DataMigration)),
    ("把业务从阿里云搬迁到腾讯云", Some(DataMigration)),
    ("把 IDC 的文件迁到 COS", Some(DataMigration)),
    ("帮忙把 MongoDB 数据导到云上", Some(DataMigration)),
    (
        "migrate our on-prem MySQL to TencentDB",
        Some(DataMigration),
    ),
    (
        "help us migrate from AWS to Tencent Cloud",
        Some(DataMigration),
    ),
    ("migrate the IDC database to TencentDB", Some(DataMigration)),
    (
        "migrate the database from Oracle to MySQL",
        Some(DataMigration),
    ),
    (
        "migrating the database to TencentDB next week",
        Some(DataMigration),
    ),
    ("migrate the databases of the CRM", Some(DataMigration)),
    ("migrate our NAS files to COS", Some(DataMigration)),
    ("move our data from AWS S3 to COS", Some(DataMigration)),
    (
        "lift and shift our servers to Tencent Cloud",
        Some(DataMigration),
    ),
    (
        "data migration from Oracle to TencentDB",
        Some(DataMigration),
    ),
    // Security operations.
    ("安排安全运营值守", Some(SecurityOperations)),
    ("7x24 小时安全监控值守", Some(SecurityOperations)),
    ("漏洞扫描并出具报告", Some(SecurityOperations)),
    ("每月一次渗透测试", Some(SecurityOperations)),
    ("服务器安全加固", Some(SecurityOperations)),
    ("做一次安全基线检查", Some(SecurityOperations)),
    ("护网行动期间安排人员值守", Some(SecurityOperations)),
    ("帮忙做入侵排查和溯源分析", Some(SecurityOperations)),
    ("安排人员做护网值守", Some(SecurityOperations)),
    (
        "run a penetration test on our portal",
        Some(SecurityOperations),
    ),
    (
        "schedule penetration tests for Q3",
        Some(SecurityOperations),
    ),
    (
        "vulnerability scanning of all public IPs",
        Some(SecurityOperations),
    ),
    (
        "vulnerability management for all hosts",
        Some(SecurityOperations),
    ),
    (
        "harden our servers against attacks",
        Some(SecurityOperations),
    ),
    ("threat hunting across our VPCs", Some(SecurityOperations)),
    (
        "set up a security operations centre",
        Some(SecurityOperations),
    ),
    ("run a red team exercise", Some(SecurityOperations)),
    // User-growth or business-growth analysis and business operations.
    ("分析用户增长趋势", Some(GrowthAnalysis)),
    ("分析一下我们 App 的用户留存", Some(GrowthAnalysis)),
    ("帮忙做用户画像", Some(GrowthAnalysis)),
    ("策划双十一营销活动", Some(GrowthAnalysis)),
    ("提升注册转化率的方案", Some(GrowthAnalysis)),
    ("帮我们做业务运营工作", Some(GrowthAnalysis)),
    ("每周出一份日活分析报告", Some(GrowthAnalysis)),
    ("帮忙做业务运营", Some(GrowthAnalysis)),
    ("分析一下我们的留存率和转化率", Some(GrowthAnalysis)),
    ("analyze user growth for our app", Some(GrowthAnalysis)),
    (
        "business analysis of our conversion rate",
        Some(GrowthAnalysis),
    ),
    ("analyze our DAU and user retention", Some(GrowthAnalysis)),
    ("help us grow our user base", Some(GrowthAnalysis)),
    ("funnel analysis of the checkout flow", Some(GrowthAnalysis)),
    ("run A/B tests on the landing page", Some(GrowthAnalysis)),
    (
        "plan a marketing campaign for the new product",
        Some(GrowthAnalysis),
    ),
    ("sales analysis by region", Some(GrowthAnalysis)),
    // Data-centre facility work (L0).
    ("机房供电异常", Some(Facility)),
    ("机房昨晚停电", Some(Facility)),
    ("UPS 电池需要更换", Some(Facility)),
    ("机房空调坏了", Some(Facility)),
    ("机房消防检查", Some(Facility)),
    ("机房漏水了", Some(Facility)),
    ("机柜 PDU 断电", Some(Facility)),
    ("柴油发电机月度试机", Some(Facility)),
    ("机房温度过高", Some(Facility)),
    ("机房门禁卡失效", Some(Facility)),
    ("机房需要重新布线", Some(Facility)),
    ("机房 UPS 告警", Some(Facility)),
    ("消防系统年检", Some(Facility)),
    (
        "check the power distribution in our data centre",
        Some(Facility),
    ),
    ("the data center cooling failed last night", Some(Facility)),
    ("power cut in the server room", Some(Facility)),
    ("replace the UPS battery in our server room", Some(Facility)),
    ("the server room air conditioning is broken", Some(Facility)),
    ("check the fire suppression system", Some(Facility)),
    ("water leak under the raised floor", Some(Facility)),
    ("tidy up the cabling in rack 3", Some(Facility)),
    (
        "the diesel generator failed its monthly test",
        Some(Facility),
    ),
    ("server room temperature is 35 degrees", Some(Facility)),
    // The customer's own operations management system.
    ("帮客户搭建运维平台", Some(InternalOpsSystem)),
    ("帮我们搭建运维管理平台", Some(InternalOpsSystem)),
    ("研发一个内部运维门户", Some(InternalOpsSystem)),
    ("搭建工单系统", Some(InternalOpsSystem)),
    ("梳理 ITIL 流程", Some(InternalOpsSystem)),
    ("ITSM 平台选型", Some(InternalOpsSystem)),
    ("制定运维规范和值班制度", Some(InternalOpsSystem)),
    ("建立变更管理流程", Some(InternalOpsSystem)),
    ("搭建 Grafana 监控平台", Some(InternalOpsSystem)),
    (
        "搭建 Prometheus + Grafana 自建监控平台",
        Some(InternalOpsSystem),
    ),
    ("build a CMDB for the ops team", Some(InternalOpsSystem)),
    ("build an internal ops portal", Some(InternalOpsSystem)),
    ("set up our internal ops process", Some(InternalOpsSystem)),
    (
        "deploy Zabbix as our in-house monitoring system",
        Some(InternalOpsSystem),
    ),
    (
        "build a ticketing system for our helpdesk",
        Some(InternalOpsSystem),
    ),
    (
        "design an incident management process for our IT team",
        Some(InternalOpsSystem),
    ),
    (
        "build us a self-hosted monitoring platform",
        Some(InternalOpsSystem),
    ),
    ("帮我们设计 ITIL 变更流程", Some(InternalOpsSystem)),
    ("搭建自己的 Zabbix 监控系统", Some(InternalOpsSystem)),
    ("design our internal ops processes", Some(InternalOpsSystem)),
    (
        "help us build our internal operations management system",
        Some(InternalOpsSystem),
    ),
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
    assert!(REQUESTS.len() >= 150);
    let misses: Vec<String> = REQUESTS
        .iter()
        .filter_map(|(text, expected)| {
            let verdict = classify(text);
            let right =
                verdict.category == *expected && verdict.matched.is_empty() == expected.is_none();
            (!right).then(|| format!("{text}: {:?} {:?}", verdict.category, verdict.matched))
        })
        .collect();
    assert!(misses.is_empty(), "{}", misses.join("\n"));
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
    let verdict = classify("analyze our DAU and user retention");
    assert_eq!(verdict.matched, ["user retention", "analyze…dau"]);
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
        let text = bad.to_string();
        assert_eq!(bad.parse::<Scope>(), Err(ScopeError { text }));
    }
    for category in Category::ALL {
        assert_eq!(Category::from_key(category.key()), Some(category));
        let json = serde_json::to_value(category).unwrap();
        assert_eq!(json, category.key());
        assert_eq!(serde_json::from_value::<Category>(json).unwrap(), category);
    }
}

#[test]
fn the_rules_follow_the_service_description_and_never_guess_other() {
    let ruled: Vec<Category> = RULES.iter().map(|rule| rule.category).collect();
    assert_eq!(ruled, Category::ALL[..8]);
    assert_eq!("out:other".parse::<Scope>().unwrap(), Scope::Out(Other));
    assert!(Scope::Out(Other).needs_reason());
    assert!(!Scope::Out(Facility).needs_reason() && !Scope::In.needs_reason());
}
