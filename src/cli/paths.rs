//! `otss paths`: where otss looks for the contract and keeps its files.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::context::Context;
use super::said;
use crate::i18n::PathKind;
use crate::output::Tone;

const EXAMPLES: &str = examples!("otss paths", "otss paths --json | jq -r .ledger",);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct PathsArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Every place, `null` where there is none (no contract yet, or no home directory).
#[derive(Serialize)]
struct Paths {
    contract: Option<PathBuf>,
    ledger: Option<PathBuf>,
    config: Option<PathBuf>,
    schedules: Option<PathBuf>,
    cache: Option<PathBuf>,
}

pub fn run(context: &Context, args: PathsArgs) -> anyhow::Result<()> {
    // A missing or broken contract is reported, not fatal: finding the files is how it gets
    // fixed.
    let (site, problem) = match context.optional_site() {
        Ok(site) => (site, None),
        Err(error) => (None, Some(error)),
    };
    let mut out = context.output(site.as_ref().map(|s| s.contract.language));
    let paths = Paths {
        contract: site
            .as_ref()
            .map(|site| site.path.clone())
            .or_else(|| context.env.contract_path().ok().flatten()),
        ledger: site
            .map(|site| site.ledger)
            .or_else(|| context.env.ledger.as_deref().map(PathBuf::from)),
        config: context.env.config_dir.as_deref().map(PathBuf::from),
        schedules: context.env.schedules_dir(),
        cache: context.env.cache_dir().map(PathBuf::from),
    };
    if args.json {
        out.json(&paths)?;
    } else {
        show(&mut out, context, &paths)?;
    }
    if let Some(problem) = problem {
        for line in said(&problem, out.messages()).lines() {
            out.warn(line)?;
        }
    }
    Ok(out.flush()?)
}

fn show(out: &mut crate::output::Output, context: &Context, paths: &Paths) -> anyhow::Result<()> {
    let m = out.messages();
    let contract = match &paths.contract {
        Some(path) => path.display().to_string(),
        None => m.no_contract_yet(&context.env.new_contract_path().display().to_string()),
    };
    let shown = |path: &Option<PathBuf>| {
        path.as_ref()
            .map_or_else(|| m.none().to_string(), |p| p.display().to_string())
    };
    let places = [
        (PathKind::Contract, contract),
        (PathKind::Ledger, shown(&paths.ledger)),
        (PathKind::Config, shown(&paths.config)),
        (PathKind::Schedules, shown(&paths.schedules)),
        (PathKind::Cache, shown(&paths.cache)),
    ];
    for (kind, place) in places {
        let label = out.paint(Tone::Heading, m.path_label(kind));
        out.line(label)?;
        out.line(format!("  {place}"))?;
    }
    Ok(())
}
