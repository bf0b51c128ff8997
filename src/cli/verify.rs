//! `otss verify FINGERPRINT`: whether today's ledger still begins with the history an issued
//! report's fingerprint was made of (docs/rules.md §10.7).

use clap::Args;

use super::context::Context;
use crate::app::{self, Error, Result};
use crate::ledger::chain::read_fingerprint;
use crate::render::json::fingerprint::VerifiedJson;

const EXAMPLES: &str = examples!(
    "otss verify 3f9a-0b12-77c4-d00e-5a61-9e2b-c8f0-1d47",
    "otss verify \"3F9A 0B12 77C4 D00E 5A61 9E2B C8F0 1D47\" --json",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct VerifyArgs {
    /// The fingerprint an issued report printed (8 groups of 4 hex digits)
    fingerprint: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Exit 0 when the ledger still begins with the fingerprint's history; otherwise where it
/// departs, then exit 1.
pub fn run(context: &Context, args: VerifyArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let fingerprint = read_fingerprint(&args.fingerprint)
        .ok_or_else(|| Error::NotAFingerprint(args.fingerprint.clone()))?;
    let verified = context.read(&site, &mut out, |ledger| {
        app::fingerprint::verify(&site, ledger, &fingerprint)
    })?;
    if args.json {
        out.json(&VerifiedJson::new(&verified, out.messages()))?;
    } else {
        out.line(out.messages().verified(&verified))?;
    }
    out.flush()?;
    match verified.holds() {
        true => Ok(()),
        false => Err(Error::NotVerified),
    }
}
