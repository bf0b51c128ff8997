//! Exported tables and the portfolio of sites.

use super::{Lang, Messages};

impl Messages {
    /// That `tables` tables of `rows` rows in all were written to `dir`.
    pub fn exported(&self, tables: usize, rows: usize, dir: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已导出 {tables} 张表，共 {rows} 行，到 {dir}"),
            Lang::En => format!("exported {tables} tables, {rows} rows in all, to {dir}"),
        }
    }
}
