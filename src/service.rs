//! The contract's service catalogue: eight service items and how often each is owed (docs/rules.md
//! §4).

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::time::duration_text;

/// The eight service items of an on-site support contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceItem {
    Support,
    Incident,
    Monitoring,
    Resource,
    Alert,
    Backup,
    Request,
    Report,
}

impl ServiceItem {
    pub const ALL: [ServiceItem; 8] = [
        ServiceItem::Support,
        ServiceItem::Incident,
        ServiceItem::Monitoring,
        ServiceItem::Resource,
        ServiceItem::Alert,
        ServiceItem::Backup,
        ServiceItem::Request,
        ServiceItem::Report,
    ];
}

/// The three kinds of inspection round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    Monitoring,
    Resource,
    Alert,
}

impl InspectionKind {
    pub const ALL: [InspectionKind; 3] = [
        InspectionKind::Monitoring,
        InspectionKind::Resource,
        InspectionKind::Alert,
    ];

    pub fn key(self) -> &'static str {
        match self {
            InspectionKind::Monitoring => "monitoring",
            InspectionKind::Resource => "resource",
            InspectionKind::Alert => "alert",
        }
    }

    pub fn item(self) -> ServiceItem {
        match self {
            InspectionKind::Monitoring => ServiceItem::Monitoring,
            InspectionKind::Resource => ServiceItem::Resource,
            InspectionKind::Alert => ServiceItem::Alert,
        }
    }

    /// Checklist items for contracts that list none, for a Tencent Cloud estate, in the
    /// contract's language.
    pub fn default_items(self, lang: Lang) -> &'static [&'static str] {
        match (self, lang) {
            (InspectionKind::Monitoring, Lang::En) => &[
                "Cloud Monitor alarm delivery",
                "CVM CPU, memory and disk",
                "CLB health checks and 5xx rate",
                "TencentDB slow queries and replication lag",
                "Redis memory and connections",
            ],
            (InspectionKind::Monitoring, Lang::Zh) => &[
                "云监控告警通道",
                "CVM CPU、内存、磁盘",
                "CLB 健康检查与 5xx 比例",
                "TencentDB 慢查询与主从延迟",
                "Redis 内存与连接数",
            ],
            (InspectionKind::Resource, Lang::En) => &[
                "CVM capacity headroom",
                "CBS disk usage and growth",
                "TencentDB storage and connections",
                "COS bucket usage",
                "Bandwidth and EIP quotas",
            ],
            (InspectionKind::Resource, Lang::Zh) => &[
                "CVM 容量余量",
                "CBS 磁盘使用与增长",
                "TencentDB 存储与连接数",
                "COS 存储用量",
                "带宽与 EIP 配额",
            ],
            (InspectionKind::Alert, Lang::En) => &[
                "Alarm policies cover key systems",
                "Alarms of the last day triaged",
                "Recurring alarms followed up",
            ],
            (InspectionKind::Alert, Lang::Zh) => &[
                "关键系统告警策略覆盖",
                "前一日告警分析与处置",
                "重复告警跟进",
            ],
        }
    }

    /// Rounds a day requires under `mode` when the contract does not say (docs/rules.md §4).
    pub fn default_rounds(self, mode: Mode) -> u32 {
        match (mode, self) {
            (Mode::FiveByEight, _) => 1,
            (Mode::SevenByTwentyFour, InspectionKind::Alert) => 1,
            (Mode::SevenByTwentyFour, _) => 2,
        }
    }
}

/// The service mode of a contract (docs/rules.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Mode {
    #[serde(rename = "5x8")]
    FiveByEight,
    #[serde(rename = "7x24")]
    SevenByTwentyFour,
}

impl Mode {
    pub fn key(self) -> &'static str {
        match self {
            Mode::FiveByEight => "5x8",
            Mode::SevenByTwentyFour => "7x24",
        }
    }

    pub const ALL: [Mode; 2] = [Mode::FiveByEight, Mode::SevenByTwentyFour];

    pub fn from_key(key: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Backup checks a month requires when the contract does not say (docs/rules.md §4).
    pub fn default_backups_per_month(self) -> u32 {
        match self {
            Mode::FiveByEight => 1,
            Mode::SevenByTwentyFour => 2,
        }
    }
}

/// How often a service item is owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Frequency {
    /// Whenever the customer asks, during service hours.
    DuringServiceHours,
    /// Whenever the customer asks, at any hour.
    Always,
    /// Under the SLA of docs/rules.md §2.
    PerSla,
    /// `count` rounds on each working day of the national calendar, at least `min_gap` apart
    /// when set (docs/rules.md §4.8).
    WorkingDay {
        count: u32,
        #[serde(
            with = "duration_text::option",
            skip_serializing_if = "Option::is_none"
        )]
        min_gap: Option<TimeDelta>,
    },
    /// `count` rounds on every day, at least `min_gap` apart when set.
    Day {
        count: u32,
        #[serde(
            with = "duration_text::option",
            skip_serializing_if = "Option::is_none"
        )]
        min_gap: Option<TimeDelta>,
    },
    /// `count` times per calendar month, at least `min_gap` apart when set.
    Month {
        count: u32,
        #[serde(
            with = "duration_text::option",
            skip_serializing_if = "Option::is_none"
        )]
        min_gap: Option<TimeDelta>,
    },
    /// When the customer raises one.
    OnDemand,
}
