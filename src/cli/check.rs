//! `otss check`: whether every ledger file is intact.

use clap::Args;

use super::context::Context;
use crate::app::{self, Error, Result};
use crate::render::check::print_check;
use crate::render::json::check::CheckJson;

const EXAMPLES: &str = examples!(
    "otss check",
    "otss check --json | jq '.problems[] | select(.kind != \"torn_tail\")'",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CheckArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Exit 0 when every file is intact; otherwise every problem, then exit 1.
pub fn run(context: &Context, args: CheckArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let check = app::check::check_ledger(&site, context.env.now)?;
    let m = out.messages();
    if args.json {
        out.json(&CheckJson::new(&check, m))?;
    } else {
        print_check(&mut out, &check)?;
    }
    out.flush()?;
    let checked = &check.checked;
    match checked.intact() {
        true => Ok(()),
        false => Err(Error::LedgerDamaged {
            problems: checked.problems.len(),
        }),
    }
}
