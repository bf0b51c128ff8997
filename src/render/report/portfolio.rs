//! The portfolio (docs/rules.md §11.2) laid out as a report: one table of the sites, troubled
//! first, with totals, which the terminal, Markdown and the HTML page in the report's style
//! show; the page adds the report's figures and a chart of SLA results by site.

use super::html::{cards, document, verdict_bars};
use super::{Block, Outline, Section, percent_text};
use crate::app::portfolio::{Counts, Portfolio, SiteRow};
use crate::i18n::{Messages, PortfolioLabel as P, ReportLabel as L};
use crate::report::Verdicts;
use crate::service::InspectionKind;

/// The portfolio as an outline: its title and the table of its sites.
pub fn outline(portfolio: &Portfolio, m: &Messages) -> Outline {
    let mut rows: Vec<Vec<String>> = portfolio.sites.iter().map(|s| site_row(s, m)).collect();
    let total = m.report_label(L::Total).to_string();
    rows.push(counts_row(total, String::new(), &portfolio.totals));
    let mut sections = vec![Section {
        heading: m.portfolio_label(P::Sites).to_string(),
        blocks: vec![Block::Table {
            header: header(m),
            rows,
        }],
    }];
    let unreadable: Vec<Block> = portfolio
        .sites
        .iter()
        .filter_map(|site| {
            let error = site.figures.as_ref().err()?;
            let dir = site.dir.display().to_string();
            Some(Block::Text(m.site_unreadable(&dir, &m.error(error))))
        })
        .collect();
    if !unreadable.is_empty() {
        sections.push(Section {
            heading: m.portfolio_label(P::UnreadableSites).to_string(),
            blocks: unreadable,
        });
    }
    Outline {
        title: m.portfolio_title(&portfolio.period),
        sections,
    }
}

fn header(m: &Messages) -> Vec<String> {
    let label = |l| m.portfolio_label(l).to_string();
    let mut header = vec![label(P::Site), label(P::Mode)];
    header.extend((1..=3).map(|n| m.level_short(n)));
    header.extend([label(P::Response), label(P::Arrival), label(P::Open)]);
    header.extend(InspectionKind::ALL.map(|k| m.inspection_kind_short(k).to_string()));
    header.extend([P::Backups, P::Late, P::Due, P::Comp, P::Corrections].map(label));
    header
}

fn site_row(site: &SiteRow, m: &Messages) -> Vec<String> {
    match &site.figures {
        Ok(f) => counts_row(f.customer.clone(), f.mode.key().to_string(), &f.counts),
        Err(_) => {
            let said = m.portfolio_label(P::Unreadable).to_string();
            let mut row = vec![site.dir.display().to_string(), said];
            row.resize(header(m).len(), "—".to_string());
            row
        }
    }
}

/// A row of figures: met/breached for each clock, coverage in percent for each kind.
fn counts_row(name: String, mode: String, c: &Counts) -> Vec<String> {
    let verdicts = |v: Verdicts| format!("{}/{}", v.met, v.breached);
    let mut row = vec![name, mode];
    row.extend(c.incidents.map(|n| n.to_string()));
    row.extend([
        verdicts(c.response),
        verdicts(c.arrival),
        c.open_at_end.to_string(),
    ]);
    row.extend(InspectionKind::ALL.map(|kind| {
        let due = c.inspections.iter().find(|d| d.kind == kind);
        due.map_or_else(|| "—".to_string(), |d| percent_text(d.done, d.required))
    }));
    row.extend([
        format!("{}/{}", c.backups_done, c.backups_required),
        c.late_reports.to_string(),
        c.due_reports.to_string(),
        format!("+{}/−{}", c.comp_days_earned, c.comp_days_taken),
        c.corrections.to_string(),
    ]);
    row
}

/// The portfolio as one page in the month report's style.
pub fn page(portfolio: &Portfolio, mut outline: Outline, m: &Messages) -> String {
    let totals = &portfolio.totals;
    let (required, done) = totals
        .inspections
        .iter()
        .fold((0, 0), |(r, d), due| (r + due.required, d + due.done));
    let breached = totals.response.breached + totals.arrival.breached;
    let figures = [
        (
            m.portfolio_label(P::Sites),
            portfolio.sites.len().to_string(),
        ),
        (m.portfolio_label(P::Breached), breached.to_string()),
        (
            m.portfolio_label(P::LateReports),
            totals.late_reports.to_string(),
        ),
        (m.report_label(L::Inspections), percent_text(done, required)),
    ];
    let chart = Block::Figure {
        caption: m.portfolio_label(P::SlaBySite).to_string(),
        svg: sla_by_site(portfolio, m),
    };
    let charts = Section {
        heading: String::new(),
        blocks: vec![chart],
    };
    outline.sections.insert(0, charts);
    document(&outline, &cards(&figures), m, |_| String::new())
}

/// Response and arrival verdicts of each site read, as the report draws them by level.
fn sla_by_site(portfolio: &Portfolio, m: &Messages) -> String {
    let rows: Vec<(String, Verdicts)> = portfolio
        .sites
        .iter()
        .filter_map(|site| site.figures.as_ref().ok())
        .flat_map(|f| {
            [
                (L::Response, f.counts.response),
                (L::Arrival, f.counts.arrival),
            ]
            .map(|(clock, v)| (format!("{} {}", f.customer, m.report_label(clock)), v))
        })
        .collect();
    verdict_bars(&rows, m)
}
