//! `otss sync`: share the ledger with the team through the git repository that holds it.

use clap::Args;

use super::context::Context;
use crate::app;
use crate::app::Result;
use crate::render::json::sync::SyncJson;
use crate::render::sync::print_synced;

const EXAMPLES: &str = "\
Examples:
  otss sync                  commit my new records, take the team's, push
  otss sync --json

Set up once per site (see README, \"Working as a team\"):
  git init && git add otss.toml && git commit -m \"contract\"
  git remote add origin git@git.example.com:site/ledger.git && git push -u origin HEAD";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SyncArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(context: &Context, args: SyncArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let engineer = context.env.engineer()?;
    let outcome = app::sync::sync(&site, engineer, || {
        out.warn(out.messages().sync_waiting())?;
        Ok(out.flush()?)
    })?;
    if args.json {
        out.json(&SyncJson::new(&outcome.synced))?;
    } else {
        print_synced(&mut out, &outcome.synced, engineer)?;
    }
    out.flush()?;
    outcome.stopped.map_or(Ok(()), Err)
}
