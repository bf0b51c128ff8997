//! `otss portfolio`: a service manager's view of many sites' reports of one period.

use std::path::PathBuf;

use clap::Args;

use super::context::Context;
use super::report::{DocumentArgs, Format, deliver, table_text};
use crate::app::Result;
use crate::app::portfolio::{portfolio, sites_listed};
use crate::render::json::portfolio::PortfolioJson;
use crate::render::report::{self as view, portfolio as page};

const EXAMPLES: &str = examples!(
    "otss portfolio 2025-03 --sites examples/portfolio/*/",
    "otss portfolio 2025-03 --sites-file sites.txt --format html --out portfolio.html",
    "otss portfolio 2025-03 --sites-file sites.txt --json | jq '.sites[0]'",
);

#[derive(Debug, Args)]
#[command(
    after_help = EXAMPLES,
    mut_arg("format", |a| a.help("How to write the portfolio [default: from the --out file's extension, else table]")),
    mut_arg("out", |a| a.help("Write the portfolio to this file instead of standard output")),
)]
pub struct PortfolioArgs {
    /// The month (YYYY-MM) or the year (YYYY), as each site's report takes it
    #[arg(value_name = "PERIOD")]
    period: String,

    /// The site directories, each holding otss.toml and its ledger
    #[arg(long, value_name = "DIR", num_args = 1.., required_unless_present = "sites_file", conflicts_with = "sites_file")]
    sites: Vec<PathBuf>,

    /// A file listing the site directories, one a line, relative to the file
    #[arg(long, value_name = "FILE")]
    sites_file: Option<PathBuf>,

    #[command(flatten)]
    document: DocumentArgs,
}

pub fn run(context: &Context, args: PortfolioArgs) -> Result<()> {
    let mut out = context.output(None);
    let format = args.document.format()?;
    let dirs = match &args.sites_file {
        Some(file) => sites_listed(file)?,
        None => args.sites,
    };
    let portfolio = portfolio(&context.env, &args.period, dirs)?;
    let m = out.messages();
    let file = args.document.out.as_deref();
    let outline = || page::outline(&portfolio, m);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&PortfolioJson::new(&portfolio, m))? + "\n",
        Format::Md => view::markdown(&outline()),
        Format::Html => page::page(&portfolio, outline(), m),
        Format::Table => table_text(&out, &outline(), file),
    };
    deliver(&mut out, file, &text)?;
    Ok(out.flush()?)
}
