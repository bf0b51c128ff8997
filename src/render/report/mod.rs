//! How a service report is shown (docs/rules.md §7). One outline of sections, tables and charts is
//! built from the report model in the reader's language (`outline`); the terminal
//! (`text`), Markdown (`markdown`) and HTML (`html`) renderings lay that outline out, and
//! JSON (`render::json::report`, docs/rules.md §9) serialises the model itself.

mod followup;
pub mod html;
mod inspection;
mod markdown;
mod outline;
pub mod portfolio;
mod text;

pub use inspection::inspection_outline;
pub use markdown::markdown;
pub use outline::outline;
pub use text::text;

/// The report's JSON view, also reachable by the path it had before JSON views had a module
/// of their own.
pub use super::json::report::ReportJson;

/// A report laid out for reading: a title and its sections.
pub struct Outline {
    pub title: String,
    pub sections: Vec<Section>,
}

/// A section of the report: its heading and what it holds, in order.
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A piece of a section.
pub enum Block {
    Text(String),
    /// The title of the table or list that follows.
    Caption(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Labelled facts: a two-column table whose first column names each row.
    Facts {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A chart the HTML page draws; its figures are in the tables beside it.
    Chart(Chart),
    /// A chart drawn already (inline SVG), for the HTML page; its figures are in the tables
    /// beside it.
    Figure {
        caption: String,
        svg: String,
    },
}

/// A chart of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Response and arrival verdicts of each level.
    SlaByLevel,
    /// Inspection coverage of every counted day, as a calendar heat map.
    Coverage,
    /// Incidents reported each day (each month, for an annual summary), by level.
    Incidents,
    /// Month by month, the share of response clocks met and of inspections done.
    Trends,
}

/// Inspection rounds done as a share of those required, in whole percent (rounded down, so
/// that a missed round never shows as 100 %).
pub fn percent(done: u32, required: u32) -> Option<u32> {
    (required > 0).then(|| done * 100 / required)
}

/// A share in whole percent, or a dash where nothing was required.
fn percent_text(done: u32, required: u32) -> String {
    percent(done, required).map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}
