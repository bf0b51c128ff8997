//! `otss sync`: share the ledger with the team through the git repository that holds it.

use clap::Args;

use super::context::Context;
use crate::app;
use crate::app::Result;
use crate::render::json::sync::SyncJson;
use crate::render::sync::{print_synced, warn_synced};

const EXAMPLES: &str = "\
Examples:
  otss sync                             commit my new records, take the team's, push
  otss sync --json
  otss sync --accept-rewrite 3f2a9c1d   let that commit's rewrite of the ledger in, recorded

Set up once per site (see README, \"Working as a team\"):
  git init && git add otss.toml && git commit -m \"contract\"
  git remote add origin git@git.example.com:site/ledger.git && git push -u origin HEAD";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SyncArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Let in the received commit that changes or removes lines already in the ledger, and
    /// record who accepted it (only when that rewrite is wanted)
    #[arg(long, value_name = "COMMIT")]
    accept_rewrite: Option<String>,
}

pub fn run(context: &Context, args: SyncArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let engineer = context.env.engineer()?;
    let accept = args.accept_rewrite.as_deref();
    let outcome = app::sync::sync(&context.env, &site, accept, || {
        out.warn(out.messages().sync_waiting())?;
        Ok(out.flush()?)
    })?;
    if args.json {
        out.json(&SyncJson::new(&outcome.synced))?;
        warn_synced(&mut out, &outcome.synced)?;
    } else {
        print_synced(&mut out, &outcome.synced, engineer)?;
    }
    out.flush()?;
    outcome.stopped.map_or(Ok(()), Err)
}
