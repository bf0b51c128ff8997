//! `otss export`: the facts the service reports count, as tables for analytics engines.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::context::Context;
use crate::app::Result;
use crate::app::export::{self, TableFormat};

const EXAMPLES: &str = examples!(
    "otss export --out facts                      every month of the term so far, as Parquet",
    "otss export --out facts --period 2025-03 --format csv",
    "duckdb -c \"SELECT level, count(*) FROM 'facts/incidents.parquet' GROUP BY level\"",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ExportArgs {
    /// The directory to write one file per table into (made if missing)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// The month (YYYY-MM) or the year (YYYY) [default: every month of the term begun]
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,

    /// The files' format
    #[arg(long, value_enum, default_value_t = Format::Parquet)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Apache Parquet, for DuckDB, Spark, pandas and the like
    Parquet,
    /// CSV with a header line
    Csv,
    /// JSON lines: an object per row
    Jsonl,
}

impl From<Format> for TableFormat {
    fn from(format: Format) -> TableFormat {
        match format {
            Format::Parquet => TableFormat::Parquet,
            Format::Csv => TableFormat::Csv,
            Format::Jsonl => TableFormat::Jsonl,
        }
    }
}

pub fn run(context: &Context, args: ExportArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let now = context.env.now;
    let period = args.period.as_deref();
    let exported = context.read(&site, &mut out, |ledger| {
        export::export(&site, now, period, ledger, &args.out, args.format.into())
    })?;
    let m = out.messages();
    let (files, rows) = (exported.files.len(), exported.rows);
    out.line(m.exported(files, rows, &args.out.display().to_string()))?;
    Ok(out.flush()?)
}
