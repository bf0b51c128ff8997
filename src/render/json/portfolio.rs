//! The portfolio as JSON (docs/rules.md §11.2): the period, each site (troubled first) with
//! its figures or its error, and the totals.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::app::portfolio::{Counts, Portfolio, SiteRow};
use crate::i18n::Messages;
use crate::report::Verdicts;

#[derive(Serialize)]
pub struct PortfolioJson {
    period: String,
    sites: Vec<SiteJson>,
    totals: CountsJson,
}

#[derive(Serialize)]
struct SiteJson {
    dir: String,
    customer: Option<String>,
    mode: Option<&'static str>,
    #[serde(flatten)]
    counts: Option<CountsJson>,
    /// Why the site cannot be read, in the language of the output.
    error: Option<String>,
}

#[derive(Serialize)]
struct CountsJson {
    incidents: BTreeMap<String, u32>,
    response: Verdicts,
    arrival: Verdicts,
    open_at_end: u32,
    inspections: BTreeMap<&'static str, RequiredJson>,
    backups: RequiredJson,
    late_reports: u32,
    reports_due: u32,
    comp_days_earned: u64,
    comp_days_taken: u64,
    corrections: u32,
}

#[derive(Serialize)]
struct RequiredJson {
    required: u32,
    done: u32,
}

impl PortfolioJson {
    pub fn new(portfolio: &Portfolio, m: &Messages) -> PortfolioJson {
        PortfolioJson {
            period: portfolio.period.clone(),
            sites: portfolio
                .sites
                .iter()
                .map(|s| SiteJson::new(s, m))
                .collect(),
            totals: CountsJson::new(&portfolio.totals),
        }
    }
}

impl SiteJson {
    fn new(site: &SiteRow, m: &Messages) -> SiteJson {
        let figures = site.figures.as_ref();
        SiteJson {
            dir: site.dir.display().to_string(),
            customer: figures.ok().map(|f| f.customer.clone()),
            mode: figures.ok().map(|f| f.mode.key()),
            counts: figures.ok().map(|f| CountsJson::new(&f.counts)),
            error: figures.err().map(|e| m.error(e)),
        }
    }
}

impl CountsJson {
    fn new(c: &Counts) -> CountsJson {
        CountsJson {
            incidents: (1..)
                .zip(c.incidents)
                .map(|(n, count)| (format!("{n}"), count))
                .collect(),
            response: c.response,
            arrival: c.arrival,
            open_at_end: c.open_at_end,
            inspections: c
                .inspections
                .iter()
                .map(|d| {
                    let counts = RequiredJson {
                        required: d.required,
                        done: d.done,
                    };
                    (d.kind.key(), counts)
                })
                .collect(),
            backups: RequiredJson {
                required: c.backups_required,
                done: c.backups_done,
            },
            late_reports: c.late_reports,
            reports_due: c.due_reports,
            comp_days_earned: c.comp_days_earned,
            comp_days_taken: c.comp_days_taken,
            corrections: c.corrections,
        }
    }
}
