//! `otss paths`: where otss looks for the contract and keeps its files.

use clap::Args;

use super::context::Context;
use crate::app;
use crate::app::Result;
use crate::render::json::paths::PathsJson;
use crate::render::paths::print_paths;

const EXAMPLES: &str = examples!("otss paths", "otss paths --json | jq -r .ledger",);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct PathsArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(context: &Context, args: PathsArgs) -> Result<()> {
    // A missing or broken contract is reported, not fatal: finding the files is how it gets
    // fixed.
    let (site, problem) = match context.optional_site() {
        Ok(site) => (site, None),
        Err(error) => (None, Some(error)),
    };
    let mut out = context.output(site.as_ref().map(|s| s.contract.language));
    let paths = app::paths::paths(&context.env, site);
    if args.json {
        out.json(&PathsJson::new(&paths))?;
    } else {
        print_paths(&mut out, &paths)?;
    }
    if let Some(problem) = problem {
        for line in out.messages().error(&problem).lines() {
            out.warn(line)?;
        }
    }
    Ok(out.flush()?)
}
