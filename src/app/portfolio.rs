//! A service manager's portfolio (docs/rules.md §11.2): one row per site of what its report of
//! a period says, read in parallel, troubled sites first, with totals. A site that cannot be
//! read is a row with its error.

use std::cmp::Reverse;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::report::{counted_report, month_or_year, scope, term_reports};
use super::{Environment, Ledger, Result, Site};
use crate::inspect::{self, Due};
use crate::report::{DueState, Verdicts};
use crate::service::Mode;
use crate::store::{self, CONTRACT_FILE};

/// The longest list of sites read, in bytes.
const MAX_SITES_FILE: u64 = 1 << 20;

/// What one site's report of the period says, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFigures {
    pub customer: String,
    pub mode: Mode,
    pub counts: Counts,
}

/// What reports of a period count, in brief: of one site, or the sum of several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Incidents reported in the period, of levels 1, 2 and 3.
    pub incidents: [u32; 3],
    pub response: Verdicts,
    pub arrival: Verdicts,
    /// Incidents open at the period's end (or now).
    pub open_at_end: u32,
    /// Inspection rounds required and done, per kind.
    pub inspections: Vec<Due>,
    pub backups_required: u32,
    pub backups_done: u32,
    /// Reports of the term past their due date and not issued.
    pub late_reports: u32,
    /// Reports whose month has ended, due and not issued yet.
    pub due_reports: u32,
    pub comp_days_earned: u64,
    pub comp_days_taken: u64,
    pub corrections: u32,
}

/// A site of the portfolio: its directory, and its figures or why they cannot be had.
#[derive(Debug)]
pub struct SiteRow {
    pub dir: PathBuf,
    pub figures: Result<SiteFigures>,
}

/// The portfolio of a period: the sites, troubled first, and their totals.
#[derive(Debug)]
pub struct Portfolio {
    pub period: String,
    pub sites: Vec<SiteRow>,
    pub totals: Counts,
}

/// The site directories a file lists, one a line, relative to the file's directory; blank
/// lines and lines starting with `#` are passed over.
pub fn sites_listed(file: &Path) -> Result<Vec<PathBuf>> {
    let text = store::read_text(file, MAX_SITES_FILE)?;
    let base = file.parent().unwrap_or(Path::new("."));
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| base.join(line))
        .collect())
}

/// The portfolio of `period` over the sites in `dirs`, read by as many threads as there are
/// cores.
pub fn portfolio(env: &Environment, period: &str, dirs: Vec<PathBuf>) -> Result<Portfolio> {
    month_or_year(period, env.now.date_naive())?;
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(dirs.len());
    let next = AtomicUsize::new(0);
    let rows: Mutex<Vec<(usize, SiteRow)>> = Mutex::new(Vec::with_capacity(dirs.len()));
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(dir) = dirs.get(at) else { break };
                    let row = SiteRow {
                        dir: dir.clone(),
                        figures: site_figures(env, period, dir),
                    };
                    rows.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((at, row));
                }
            });
        }
    });
    let mut rows: Vec<(usize, SiteRow)> = rows.into_inner().unwrap_or_else(|e| e.into_inner());
    rows.sort_by_key(|(at, _)| *at);
    let mut sites: Vec<SiteRow> = rows.into_iter().map(|(_, row)| row).collect();
    sites.sort_by_cached_key(|row| Reverse(trouble(row)));
    let read = sites.iter().filter_map(|row| row.figures.as_ref().ok());
    let totals = totals(read.map(|f| &f.counts));
    Ok(Portfolio {
        period: period.trim().to_string(),
        sites,
        totals,
    })
}

/// How much trouble a site is in, most first when sorted in reverse: a site that cannot be
/// read, then clocks breached, reports late, inspections and backups missed, incidents open.
fn trouble(row: &SiteRow) -> (bool, u32, u32, u32, u32, u32, Reverse<String>) {
    match &row.figures {
        Err(_) => (true, 0, 0, 0, 0, 0, Reverse(row.dir.display().to_string())),
        Ok(SiteFigures {
            customer,
            counts: f,
            ..
        }) => (
            false,
            f.response.breached + f.arrival.breached,
            f.late_reports,
            f.inspections.iter().map(|d| d.required - d.done).sum(),
            f.backups_required.saturating_sub(f.backups_done),
            f.open_at_end,
            Reverse(customer.clone()),
        ),
    }
}

/// The figures of the site in `dir` for `period`, as its report of the period gives them.
fn site_figures(env: &Environment, period: &str, dir: &Path) -> Result<SiteFigures> {
    let env = Environment {
        contract_flag: Some(dir.join(CONTRACT_FILE)),
        contract_env: None,
        ledger: None,
        ..env.clone()
    };
    let site = Site::required(&env).map_err(|e| e.error)?;
    let scope = scope(&site, env.now, period)?;
    let mut ledger = Ledger::new(&site, env.cache_dir(), env.now);
    let report = counted_report(&site, env.now, scope, &mut ledger)?;
    let reports = term_reports(&site, env.now, &mut ledger)?;
    let in_state = |state| reports.iter().filter(|r| r.state == state).count() as u32;
    let incidents = &report.incidents;
    let counts = Counts {
        incidents: incidents.levels.map(|l| l.count),
        response: incidents.response(),
        arrival: incidents.arrival(),
        open_at_end: incidents.open_at_end,
        inspections: report.inspections.clone(),
        backups_required: report.backups.required,
        backups_done: report.backups.done,
        late_reports: in_state(DueState::Late),
        due_reports: in_state(DueState::Due),
        comp_days_earned: report.comp_days_earned,
        comp_days_taken: report.comp_days_taken,
        corrections: report.corrections.len() as u32,
    };
    Ok(SiteFigures {
        customer: report.customer.clone(),
        mode: report.mode,
        counts,
    })
}

/// The sum of the figures of every site read.
fn totals<'a>(sites: impl Iterator<Item = &'a Counts> + Clone) -> Counts {
    let mut total = Counts {
        inspections: inspect::totals(sites.clone().map(|s| s.inspections.as_slice())),
        ..Counts::default()
    };
    for site in sites {
        for (sum, count) in total.incidents.iter_mut().zip(site.incidents) {
            *sum += count;
        }
        total.response = total.response + site.response;
        total.arrival = total.arrival + site.arrival;
        total.open_at_end += site.open_at_end;
        total.backups_required += site.backups_required;
        total.backups_done += site.backups_done;
        total.late_reports += site.late_reports;
        total.due_reports += site.due_reports;
        total.comp_days_earned += site.comp_days_earned;
        total.comp_days_taken += site.comp_days_taken;
        total.corrections += site.corrections;
    }
    total
}
