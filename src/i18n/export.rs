//! Exported tables and the portfolio of sites.

use super::{Lang, Messages};
use crate::service::InspectionKind;

impl Messages {
    /// That `tables` tables of `rows` rows in all were written to `dir`.
    pub fn exported(&self, tables: usize, rows: usize, dir: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已导出 {tables} 张表，共 {rows} 行，到 {dir}"),
            Lang::En => format!("exported {tables} tables, {rows} rows in all, to {dir}"),
        }
    }
}

/// Headings and labels of the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioLabel {
    Sites,
    Site,
    LateReports,
    ReportsDue,
    SlaBySite,
    Unreadable,
    UnreadableSites,
    Breached,
    Mode,
    Response,
    Arrival,
    Open,
    Backups,
    Late,
    Due,
    Comp,
    Corrections,
}

impl Messages {
    /// The portfolio's title, for the period typed.
    pub fn portfolio_title(&self, period: &str) -> String {
        match self.lang {
            Lang::Zh => format!("驻场服务组合 {period}"),
            Lang::En => format!("On-site service portfolio {period}"),
        }
    }

    pub fn portfolio_label(&self, label: PortfolioLabel) -> &'static str {
        use PortfolioLabel as L;
        self.pick(match label {
            L::Sites => ("站点", "Sites"),
            L::Site => ("站点", "Site"),
            L::LateReports => ("逾期报告", "Late reports"),
            L::ReportsDue => ("待交报告", "Reports due"),
            L::SlaBySite => ("各站点 SLA 结果", "SLA results by site"),
            L::Unreadable => ("无法读取", "cannot be read"),
            L::UnreadableSites => ("无法读取的站点", "Sites that cannot be read"),
            L::Breached => ("超时", "Breached"),
            L::Mode => ("模式", "Mode"),
            L::Response => ("响应 达标/超时", "Response met/late"),
            L::Arrival => ("到场 达标/超时", "Arrival met/late"),
            L::Open => ("期末未结", "Open"),
            L::Backups => ("备份", "Backups"),
            L::Late => ("逾期报告", "Late"),
            L::Due => ("待交报告", "Due"),
            L::Comp => ("调休 +/−", "Comp +/−"),
            L::Corrections => ("更正", "Fixes"),
        })
    }

    /// A short column heading for incidents of a level.
    pub fn level_short(&self, level: u8) -> String {
        match self.lang {
            Lang::Zh => format!("{level}级"),
            Lang::En => format!("L{level}"),
        }
    }

    /// A short column heading for a kind of inspection round.
    pub fn inspection_kind_short(&self, kind: InspectionKind) -> &'static str {
        self.pick(match kind {
            InspectionKind::Monitoring => ("监控", "Mon."),
            InspectionKind::Resource => ("资源", "Res."),
            InspectionKind::Alert => ("告警", "Alert"),
        })
    }

    /// A site that cannot be read, and why.
    pub fn site_unreadable(&self, dir: &str, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{dir}：{why}"),
            Lang::En => format!("{dir}: {why}"),
        }
    }
}
