//! Where otss looks for the contract and keeps its files, for people: a heading a place.

use std::io;
use std::path::PathBuf;

use crate::app::paths::Paths;
use crate::i18n::PathKind;
use crate::output::{Output, Tone};

/// Each place under its heading; with no contract yet, where `otss init` would write one.
pub fn print_paths(out: &mut Output, paths: &Paths) -> io::Result<()> {
    let m = out.messages();
    let contract = match &paths.contract {
        Some(path) => path.display().to_string(),
        None => m.no_contract_yet(&paths.new_contract.display().to_string()),
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
