//! `otss search`: the site's knowledge base, every incident, consultation, request, risk and
//! finding ranked by how well it matches.

use clap::Args;
use clap::builder::PossibleValuesParser;

use super::LevelParser;
use super::context::Context;
use crate::app::Result;
use crate::app::search::{self, Search, kind_keys};
use crate::contract::Level;
use crate::render::json::search::HitJson;
use crate::render::search::{Reading, hit_lines};
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss search TKE 节点 NotReady             Chinese, English and names together",
    "otss search 慢查询 --kind incident --since 2024",
    "otss search \"replication lag\" --level 1 --limit 3",
    "otss search cdb-prod-01 --by li.lei --json | jq '.[0].incident.id'",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SearchArgs {
    /// The words to look for, in Chinese, English or both
    #[arg(required = true, value_name = "QUERY")]
    words: Vec<String>,
    /// Only records of this kind (again, or comma-separated, for several)
    #[arg(long, value_name = "KIND", value_delimiter = ',', value_parser = PossibleValuesParser::new(kind_keys()))]
    kind: Vec<String>,
    /// From this day, month or year on (YYYY-MM-DD, YYYY-MM, YYYY)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Up to this day, month or year, included
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only incidents of this level
    #[arg(long, value_parser = LevelParser::default())]
    level: Option<Level>,
    /// Only what this engineer recorded
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// How many hits at most
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    limit: u16,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(context: &Context, args: SearchArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let zone = site.contract.timezone;
    let today = local_date(context.env.now, zone);
    let wanted = Search {
        words: args.words.join(" "),
        kinds: args.kind,
        since: args.since,
        until: args.until,
        level: args.level,
        by: args.by,
        limit: usize::from(args.limit),
    };
    let hits = context.read(&site, &mut out, |ledger| {
        search::search(ledger, &wanted, today)
    })?;
    let m = out.messages();
    if args.json {
        let now = context.env.now;
        let hits: Vec<HitJson> = hits
            .iter()
            .map(|hit| HitJson::new(hit, zone, now, m))
            .collect();
        out.json(&hits)?;
        return Ok(out.flush()?);
    }
    if hits.is_empty() {
        out.line(m.no_hits(&wanted.words))?;
    }
    let reading = Reading {
        zone,
        today,
        now: context.env.now,
    };
    for hit in &hits {
        let lines = hit_lines(&out, hit, reading);
        for line in lines {
            out.line(line)?;
        }
    }
    Ok(out.flush()?)
}
