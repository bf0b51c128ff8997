//! The report as one self-contained HTML page: inline CSS and inline SVG charts, nothing
//! fetched, laid out for the screen and for A4 paper.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use super::{Block, Chart, Outline, percent, percent_text};
use crate::calendar::WEEK;
use crate::capacity::{Outlook, Quantity, Severity};
use crate::i18n::{Lang, Messages, ReportLabel as L};
use crate::inspect::Due;
use crate::inspect::trend::Trend;
use crate::render::incident::full_time;
use crate::report::{Report, ReportKind, Verdicts};
use crate::text;
use crate::time::local_date;

/// A month on a chart's axis: its short name, with the year where the period spans years.
fn month_label(report: &Report, month: NaiveDate, m: &Messages) -> String {
    if report.scope.first.year() == report.scope.last.year() {
        m.month_short(month.month())
    } else {
        month.format("%Y-%m").to_string()
    }
}

/// Text safe in HTML content and attribute values: harmless (`text`), and read as text.
pub fn escape(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text::paragraph(text).chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            '"' => safe.push_str("&quot;"),
            '\'' => safe.push_str("&#39;"),
            _ => safe.push(c),
        }
    }
    safe
}

const STYLE: &str = include_str!("report.css");

const MET: &str = "#2e7d32";
const BREACHED: &str = "#c62828";
const PENDING: &str = "#9e9e9e";
const PARTIAL: &str = "#f9a825";
const NOT_REQUIRED: &str = "#e8e8e8";
const NOT_COUNTED: &str = "#ffffff";
/// Levels 1, 2 and 3.
const LEVEL_COLOURS: [&str; 3] = ["#c62828", "#ef6c00", "#1565c0"];

/// The page.
pub fn page(outline: &Outline, report: &Report, zone: Tz, m: &Messages) -> String {
    let header = format!("{}{}", parties(report), highlights(report, m));
    document(outline, &header, m, |chart| {
        chart_figure(chart, report, zone, m)
    })
}

/// A page of the outline in the report's style: `header` under the title, then each section,
/// its charts drawn by `draw`.
pub fn document(
    outline: &Outline,
    header: &str,
    m: &Messages,
    draw: impl Fn(&Chart) -> String,
) -> String {
    let lang = match m.lang() {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let title = escape(&outline.title);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <header>\n<h1>{title}</h1>\n{header}</header>\n",
    );
    for section in &outline.sections {
        html.push_str("<section>\n");
        if !section.heading.is_empty() {
            let _ = writeln!(html, "<h2>{}</h2>", escape(&section.heading));
        }
        for block in &section.blocks {
            html.push_str(&self::block(block, &draw));
        }
        html.push_str("</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

fn parties(report: &Report) -> String {
    parties_of(&report.customer, report.provider.as_deref())
}

/// The customer and the provider, under the title.
pub fn parties_of(customer: &str, provider: Option<&str>) -> String {
    let names: Vec<String> = std::iter::once(customer)
        .chain(provider)
        .map(escape)
        .collect();
    format!("<p class=\"parties\">{}</p>\n", names.join(" · "))
}

/// The figures a reader looks for first.
fn highlights(report: &Report, m: &Messages) -> String {
    let response = report.incidents.response();
    let arrival = report.incidents.arrival();
    let (required, done) = inspected(&report.inspections);
    let figures = [
        (L::Incidents, report.incidents.total().to_string()),
        (
            L::ResponseMet,
            percent_text(response.met, response.met + response.breached),
        ),
        (
            L::ArrivalMet,
            percent_text(arrival.met, arrival.met + arrival.breached),
        ),
        (L::Inspections, percent_text(done, required)),
        (
            L::Backups,
            format!("{}/{}", report.backups.done, report.backups.required),
        ),
    ];
    let figures = figures.map(|(label, value)| (m.report_label(label), value));
    cards(&figures)
}

/// The figures a reader looks for first, as cards: each value over its label.
pub fn cards(figures: &[(&str, String)]) -> String {
    let cards: String = figures
        .iter()
        .map(|(label, value)| {
            format!(
                "<div class=\"figure\"><span class=\"value\">{}</span>\
                 <span class=\"label\">{}</span></div>",
                escape(value),
                escape(label)
            )
        })
        .collect();
    format!("<div class=\"highlights\">{cards}</div>\n")
}

/// Required and done rounds of every kind together.
fn inspected(dues: &[Due]) -> (u32, u32) {
    dues.iter().fold((0, 0), |(required, done), d| {
        (required + d.required, done + d.done)
    })
}

fn block(block: &Block, draw: &impl Fn(&Chart) -> String) -> String {
    match block {
        Block::Text(text) => format!("<p>{}</p>\n", escape(text)),
        Block::Caption(caption) => format!("<h3>{}</h3>\n", escape(caption)),
        Block::Table { header, rows } => table(header, rows),
        Block::Facts { rows, .. } => facts(rows),
        Block::Chart(chart) => draw(chart),
        Block::Figure { caption, svg } => figure(caption, svg),
    }
}

/// A chart of the service report, with its caption.
fn chart_figure(chart: &Chart, report: &Report, zone: Tz, m: &Messages) -> String {
    let (caption, svg) = match chart {
        Chart::SlaByLevel => (L::SlaChart, sla_chart(report, m)),
        Chart::Coverage => (L::CoverageChart, coverage_chart(report, m)),
        Chart::Incidents => (L::IncidentsChart, incidents_chart(report, zone, m)),
        Chart::Trends => (L::TrendsChart, trends_chart(report, m)),
    };
    figure(m.report_label(caption), &svg)
}

fn figure(caption: &str, svg: &str) -> String {
    format!(
        "<figure>\n<figcaption>{}</figcaption>\n{svg}</figure>\n",
        escape(caption)
    )
}

/// Cells this short (a level, a verdict, a status) are kept on one line.
const SHORT_CELL: usize = 8;

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let cells = |tag: &str, row: &[String]| -> String {
        row.iter()
            .map(|cell| {
                let class = if cell.chars().count() <= SHORT_CELL {
                    " class=\"short\""
                } else {
                    ""
                };
                format!("<{tag}{class}>{}</{tag}>", escape(cell))
            })
            .collect()
    };
    let body: String = rows
        .iter()
        .map(|row| format!("<tr>{}</tr>\n", cells("td", row)))
        .collect();
    format!(
        "<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n",
        cells("th", header)
    )
}

/// Labelled facts, each label a row heading.
fn facts(rows: &[Vec<String>]) -> String {
    let body: String = rows
        .iter()
        .map(|row| {
            let cells: String = row
                .iter()
                .enumerate()
                .map(|(n, cell)| match n {
                    0 => format!("<th scope=\"row\">{}</th>", escape(cell)),
                    _ => format!("<td>{}</td>", escape(cell)),
                })
                .collect();
            format!("<tr>{cells}</tr>\n")
        })
        .collect();
    format!("<table class=\"facts\">\n<tbody>\n{body}</tbody>\n</table>\n")
}

/// An SVG drawing of `width` × `height` user units, scaled to the page's width.
fn svg(width: u32, height: u32, content: &str) -> String {
    format!(
        "<svg viewBox=\"0 0 {width} {height}\" \
         role=\"img\">\n{content}</svg>\n"
    )
}

fn rect(x: u32, y: u32, width: u32, height: u32, fill: &str, title: &str) -> String {
    format!(
        "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" fill=\"{fill}\">\
         <title>{}</title></rect>\n",
        escape(title)
    )
}

fn text(x: u32, y: u32, anchor: &str, class: &str, content: &str) -> String {
    format!(
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" class=\"{class}\">{}</text>\n",
        escape(content)
    )
}

/// A row of coloured keys and their names, from `x` along the line at `y`.
fn legend(x: u32, y: u32, keys: &[(&str, String)]) -> String {
    let mut svg = String::new();
    let mut x = x;
    for (colour, name) in keys {
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\" \
             stroke=\"#bbb\" stroke-width=\"0.5\"/>\n",
            y - 9
        ));
        svg.push_str(&text(x + 14, y, "start", "key", name));
        x += 24
            + name
                .chars()
                .map(|c| if c.is_ascii() { 6 } else { 11 })
                .sum::<u32>();
    }
    svg
}

fn verdict_keys(m: &Messages) -> Vec<(&'static str, String)> {
    [(MET, Some(true)), (BREACHED, Some(false)), (PENDING, None)]
        .map(|(colour, met)| (colour, m.verdict(met).to_string()))
        .to_vec()
}

/// Response and arrival verdicts of each level as stacked bars on one scale.
fn sla_chart(report: &Report, m: &Messages) -> String {
    let rows: Vec<(String, Verdicts)> = (1u8..)
        .zip(&report.incidents.levels)
        .flat_map(|(n, level)| {
            [(L::Response, level.response), (L::Arrival, level.arrival)]
                .map(|(clock, v)| (format!("{} {}", m.level(n), m.report_label(clock)), v))
        })
        .collect();
    verdict_bars(&rows, m)
}

/// Verdicts as stacked bars on one scale, one bar for each named row.
pub(super) fn verdict_bars(rows: &[(String, Verdicts)], m: &Messages) -> String {
    const LABEL: u32 = 170;
    const BAR: u32 = 420;
    const ROW: u32 = 26;
    let most = rows
        .iter()
        .map(|(_, v)| v.met + v.breached + v.pending)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut content = String::new();
    for (n, (name, verdicts)) in rows.iter().enumerate() {
        let y = 8 + n as u32 * ROW;
        content.push_str(&text(LABEL - 8, y + 13, "end", "axis", name));
        content.push_str(&rect(LABEL, y, BAR, 18, "#f5f5f5", name));
        let mut x = LABEL;
        let segments = [
            (verdicts.met, MET, Some(true)),
            (verdicts.breached, BREACHED, Some(false)),
            (verdicts.pending, PENDING, None),
        ];
        for (count, colour, met) in segments.into_iter().filter(|(c, ..)| *c > 0) {
            let width = count * BAR / most;
            let title = m.labelled(name, &format!("{} {count}", m.verdict(met)));
            content.push_str(&rect(x, y, width, 18, colour, &title));
            if width >= 16 {
                content.push_str(&text(
                    x + width / 2,
                    y + 13,
                    "middle",
                    "in-bar",
                    &count.to_string(),
                ));
            }
            x += width;
        }
    }
    let height = 8 + rows.len() as u32 * ROW + 24;
    content.push_str(&legend(LABEL, height - 8, &verdict_keys(m)));
    svg(LABEL + BAR + 40, height, &content)
}

/// How a counted day's inspections stand: its colour and its description.
fn day_colour(dues: &[Due]) -> &'static str {
    let (required, done) = inspected(dues);
    match (required, done) {
        (0, _) => NOT_REQUIRED,
        (r, d) if d >= r => MET,
        (_, 0) => BREACHED,
        _ => PARTIAL,
    }
}

/// Every day of the period as a cell of a calendar, weeks as columns and weekdays as rows,
/// coloured by how its inspections went.
fn coverage_chart(report: &Report, m: &Messages) -> String {
    let monthly = report.scope.kind == ReportKind::Monthly;
    let cell: u32 = if monthly { 30 } else { 12 };
    let (left, top) = (34, 22);
    let first = report.scope.first;
    let monday = first - chrono::TimeDelta::days(i64::from(first.weekday().num_days_from_monday()));
    let column = |date: NaiveDate| ((date - monday).num_days() / 7) as u32;
    let mut content = String::new();
    for (row, weekday) in (0u32..).zip(WEEK) {
        let y = top + row * cell + cell / 2 + 4;
        content.push_str(&text(left - 6, y, "end", "axis", m.weekday_short(weekday)));
    }
    let mut dues = report.coverage.iter().peekable();
    for date in first.iter_days().take_while(|d| *d <= report.scope.last) {
        let x = left + column(date) * cell;
        let y = top + date.weekday().num_days_from_monday() * cell;
        let day = dues.next_if(|(d, _)| *d == date);
        let (colour, title) = match day {
            Some((_, due)) => {
                let (required, done) = inspected(due);
                let title = m.labelled(&date.to_string(), &format!("{done}/{required}"));
                (day_colour(due), title)
            }
            None => (NOT_COUNTED, date.to_string()),
        };
        content.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{colour}\" \
             stroke=\"#cfcfcf\" stroke-width=\"0.5\"><title>{}</title></rect>\n",
            x + 1,
            y + 1,
            cell - 2,
            cell - 2,
            escape(&title)
        ));
        if monthly {
            let class = if colour == MET || colour == BREACHED {
                "on-dark"
            } else {
                "on-light"
            };
            content.push_str(&text(
                x + cell / 2,
                y + cell / 2 + 4,
                "middle",
                class,
                &date.day().to_string(),
            ));
        }
        if date.day() == 1 || date == first {
            let label = month_label(report, date, m);
            content.push_str(&text(x + 1, top - 8, "start", "axis", &label));
        }
    }
    let columns = column(report.scope.last) + 1;
    let height = top + 7 * cell + 30;
    let keys = [
        (MET, L::CoverageFull),
        (PARTIAL, L::CoveragePartial),
        (BREACHED, L::CoverageMissed),
        (NOT_REQUIRED, L::NotRequired),
        (NOT_COUNTED, L::NotCounted),
    ]
    .map(|(colour, label)| (colour, m.report_label(label).to_string()));
    content.push_str(&legend(left, height - 8, &keys));
    svg((left + columns * cell + 10).max(560), height, &content)
}

/// Incidents reported each day of a month (each month of an annual summary), stacked by
/// level.
fn incidents_chart(report: &Report, zone: Tz, m: &Messages) -> String {
    let monthly = report.scope.kind == ReportKind::Monthly;
    let scope = &report.scope;
    let buckets: Vec<(NaiveDate, String)> = if monthly {
        scope
            .first
            .iter_days()
            .take_while(|d| *d <= scope.last)
            .map(|d| (d, d.day().to_string()))
            .collect()
    } else {
        scope
            .months()
            .iter()
            .map(|p| (p.first(), month_label(report, p.first(), m)))
            .collect()
    };
    let bucket_of = |date: NaiveDate| {
        buckets
            .iter()
            .rposition(|(start, _)| *start <= date)
            .unwrap_or(0)
    };
    let mut counts = vec![[0u32; 3]; buckets.len()];
    for line in &report.incidents.lines {
        let date = local_date(line.reported_at, zone);
        counts[bucket_of(date)][usize::from(line.level) - 1] += 1;
    }
    let most = counts
        .iter()
        .map(|c| c.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, top, plot) = (30u32, 10u32, 150u32);
    let step = (600 / buckets.len().max(1) as u32).max(8);
    let bar = step * 2 / 3;
    let mut content = String::new();
    for tick in 0..=most {
        if most > 6 && tick % most.div_ceil(6) != 0 && tick != most {
            continue;
        }
        let y = top + plot - tick * plot / most;
        content.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#e0e0e0\"/>\n",
            left + step * buckets.len() as u32
        ));
        content.push_str(&text(left - 6, y + 4, "end", "axis", &tick.to_string()));
    }
    for (n, ((start, label), levels)) in buckets.iter().zip(&counts).enumerate() {
        let x = left + n as u32 * step + (step - bar) / 2;
        let mut y = top + plot;
        for (level, count) in (1u8..).zip(levels).filter(|(_, c)| **c > 0) {
            let height = count * plot / most;
            y -= height;
            let title = m.labelled(&format!("{start} {}", m.level(level)), &count.to_string());
            content.push_str(&rect(
                x,
                y,
                bar,
                height,
                LEVEL_COLOURS[usize::from(level) - 1],
                &title,
            ));
        }
        content.push_str(&text(x + bar / 2, top + plot + 14, "middle", "axis", label));
    }
    let keys: Vec<(&str, String)> = (1u8..=3)
        .map(|level| (LEVEL_COLOURS[usize::from(level) - 1], m.level(level)))
        .collect();
    let height = top + plot + 44;
    content.push_str(&legend(left, height - 8, &keys));
    svg(
        (left + step * buckets.len() as u32 + 10).max(560),
        height,
        &content,
    )
}

/// Month by month, the share of response clocks met and of inspection rounds done, as two
/// lines on a 0–100 % scale; a month with nothing to measure has no point of its own.
fn trends_chart(report: &Report, m: &Messages) -> String {
    let (left, top, plot) = (40u32, 12u32, 140u32);
    let step = 600 / report.months.len().max(1) as u32;
    let x = |n: usize| left + n as u32 * step + step / 2;
    let y = |share: u32| top + plot - share * plot / 100;
    let mut content = String::new();
    for share in [0, 50, 100] {
        content.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#e0e0e0\"/>\n",
            y(share),
            left + step * report.months.len() as u32
        ));
        content.push_str(&text(
            left - 6,
            y(share) + 4,
            "end",
            "axis",
            &format!("{share}%"),
        ));
    }
    let series: [(&str, L, Vec<Option<u32>>); 2] = [
        (
            MET,
            L::MonthResponse,
            report
                .months
                .iter()
                .map(|month| {
                    percent(
                        month.response.met,
                        month.response.met + month.response.breached,
                    )
                })
                .collect(),
        ),
        (
            LEVEL_COLOURS[2],
            L::MonthInspections,
            report
                .months
                .iter()
                .map(|month| percent(month.inspections_done, month.inspections_required))
                .collect(),
        ),
    ];
    for (colour, label, shares) in &series {
        let points: Vec<String> = shares
            .iter()
            .enumerate()
            .filter_map(|(n, share)| share.map(|share| format!("{},{}", x(n), y(share))))
            .collect();
        content.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n",
            points.join(" ")
        ));
        for (n, share) in shares.iter().enumerate() {
            if let Some(share) = share {
                let month = report.months[n].month.format("%Y-%m");
                let title = m.labelled(
                    &format!("{month} {}", m.report_label(*label)),
                    &format!("{share}%"),
                );
                content.push_str(&format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{colour}\"><title>{}</title></circle>\n",
                    x(n),
                    y(*share),
                    escape(&title)
                ));
            }
        }
    }
    for (n, month) in report.months.iter().enumerate() {
        content.push_str(&text(
            x(n),
            top + plot + 14,
            "middle",
            "axis",
            &month_label(report, month.month, m),
        ));
    }
    let keys: Vec<(&str, String)> = series
        .iter()
        .map(|(colour, label, _)| (*colour, m.report_label(*label).to_string()))
        .collect();
    let height = top + plot + 44;
    content.push_str(&legend(left, height - 8, &keys));
    svg(
        (left + step * report.months.len() as u32 + 10).max(560),
        height,
        &content,
    )
}

/// An item's readings as a line over time (docs/rules.md §4.9), its thresholds as dashed
/// lines and, when the readings reach one at their recent rate, the projection to it.
pub fn readings_chart(trend: &Trend, zone: Tz, m: &Messages) -> String {
    let (left, top, width, height) = (56.0, 12.0, 520.0, 140.0);
    let (Some(first), Some(last)) = (trend.points.first(), trend.points.last()) else {
        return String::new();
    };
    let projected = match trend.outlook {
        Outlook::Crossing { passed, at, .. } if at - last.0 <= last.0 - first.0 => {
            Some((at, passed.threshold.value))
        }
        _ => None,
    };
    let end = projected.map_or(last.0, |(at, _)| at);
    let span = (end - first.0).num_seconds().max(1) as f64;
    let x = |at: DateTime<Utc>| left + (at - first.0).num_seconds() as f64 / span * width;
    let gauge = trend.gauge;
    let thresholds = [
        (PARTIAL, Severity::Warn, gauge.and_then(|g| g.warn)),
        (BREACHED, Severity::Critical, gauge.and_then(|g| g.critical)),
    ];
    let highest = trend
        .points
        .iter()
        .map(|(_, v)| *v)
        .chain(thresholds.iter().filter_map(|(_, _, t)| *t))
        .fold(0.0, f64::max);
    let ceiling = if highest > 0.0 { highest * 1.1 } else { 1.0 };
    let y = |value: f64| top + height - value / ceiling * height;
    let mut content = String::new();
    for value in [0.0, ceiling / 2.0, ceiling] {
        content.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#e0e0e0\"/>\n",
            y(value),
            left + width
        ));
        let label = Quantity {
            value,
            unit: trend.unit,
        }
        .to_string();
        content.push_str(&text(
            left as u32 - 6,
            y(value) as u32 + 4,
            "end",
            "axis",
            &label,
        ));
    }
    for (colour, level, threshold) in thresholds {
        let Some(value) = threshold else { continue };
        let title = format!(
            "{} {}",
            m.severity(level),
            Quantity {
                value,
                unit: trend.unit
            }
        );
        content.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"{colour}\" \
             stroke-dasharray=\"6 4\"><title>{2}</title></line>\n",
            y(value),
            left + width,
            escape(&title)
        ));
    }
    let points: Vec<String> = trend
        .points
        .iter()
        .map(|(at, v)| format!("{:.1},{:.1}", x(*at), y(*v)))
        .collect();
    content.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
        points.join(" "),
        LEVEL_COLOURS[2]
    ));
    for (at, value) in &trend.points {
        let reading = Quantity {
            value: *value,
            unit: trend.unit,
        };
        let title = m.labelled(&full_time(*at, zone), &reading.to_string());
        content.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"><title>{}</title></circle>\n",
            x(*at),
            y(*value),
            LEVEL_COLOURS[2],
            escape(&title)
        ));
    }
    if let Some((at, value)) = projected {
        content.push_str(&format!(
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" \
             stroke-dasharray=\"2 3\"><title>{}</title></line>\n",
            x(last.0),
            y(last.1),
            x(at),
            y(value),
            LEVEL_COLOURS[2],
            escape(&m.outlook(&trend.outlook, Some(local_date(at, zone))))
        ));
    }
    for (at, anchor) in [(first.0, "start"), (end, "end")] {
        let day = local_date(at, zone).to_string();
        let at_x = x(at) as u32;
        content.push_str(&text(
            at_x,
            (top + height) as u32 + 14,
            anchor,
            "axis",
            &day,
        ));
    }
    svg(
        (left + width) as u32 + 10,
        (top + height) as u32 + 24,
        &content,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }

    #[test]
    fn control_characters_are_shown() {
        assert_eq!(
            escape("a\u{1b}[2J\u{202e}\u{0}"),
            "a\\u{1b}[2J\\u{202e}\\u{0}"
        );
    }

    #[test]
    fn a_day_is_coloured_by_its_rounds() {
        let due = |required, done| Due {
            kind: crate::service::InspectionKind::Monitoring,
            required,
            done,
            rounds: done,
        };
        assert_eq!(day_colour(&[due(0, 0)]), NOT_REQUIRED);
        assert_eq!(day_colour(&[due(1, 1), due(1, 1)]), MET);
        assert_eq!(day_colour(&[due(1, 1), due(1, 0)]), PARTIAL);
        assert_eq!(day_colour(&[due(1, 0), due(1, 0)]), BREACHED);
    }
}
