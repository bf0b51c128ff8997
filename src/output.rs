//! How otss speaks: one place that owns the language, colour, terminal detection, `NO_COLOR`,
//! tables and `--json`. Writes return I/O errors so that a closed pipe ends the command
//! quietly instead of panicking.

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::i18n::{Lang, Messages};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Colour even when writing to a file or a pipe
    Always,
    /// No colour
    Never,
}

impl ColorChoice {
    /// Whether to colour: an explicit choice wins; otherwise only on a terminal, and never
    /// when `NO_COLOR` is set to anything non-empty.
    pub fn enabled(self, no_color: bool, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && !no_color,
        }
    }
}

/// What a piece of text means, which decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Statutory,
    Holiday,
    MakeupWorkday,
    Weekend,
    Heading,
    Warning,
    Breach,
}

impl Tone {
    fn style(self) -> Style {
        match self {
            Tone::Plain => Style::new(),
            Tone::Statutory => AnsiColor::Red.on_default().effects(Effects::BOLD),
            Tone::Holiday => AnsiColor::Red.on_default(),
            Tone::MakeupWorkday => AnsiColor::Yellow.on_default(),
            Tone::Weekend => Style::new().effects(Effects::DIMMED),
            Tone::Heading => Style::new().effects(Effects::BOLD),
            Tone::Warning => AnsiColor::Yellow.on_default().effects(Effects::BOLD),
            Tone::Breach => AnsiColor::Red.on_default().effects(Effects::BOLD),
        }
    }
}

/// Width tables are fitted to when the terminal's is unknown.
const DEFAULT_WIDTH: u16 = 100;

/// A table with a header row, fitted to `width` columns, or to the terminal (else 100
/// columns).
pub fn render_table(header: Vec<String>, rows: Vec<Vec<String>>, width: Option<u16>) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header)
        .add_rows(rows);
    match width {
        Some(width) => table.set_width(width),
        None if table.width().is_none() => table.set_width(DEFAULT_WIDTH),
        None => &mut table,
    };
    table.to_string()
}

pub struct Output {
    lang: Lang,
    color: bool,
    out: Box<dyn Write>,
    err: Box<dyn Write>,
}

impl Output {
    pub fn new(lang: Lang, color: bool, out: Box<dyn Write>, err: Box<dyn Write>) -> Output {
        Output {
            lang,
            color,
            out,
            err,
        }
    }

    pub fn messages(&self) -> &'static dyn Messages {
        self.lang.messages()
    }

    /// One JSON document on standard output.
    pub fn json(&mut self, value: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value)?;
        writeln!(self.out)
    }

    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        writeln!(self.out, "{}", text.as_ref())
    }

    /// A warning on standard error, in the output's language.
    pub fn warn(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        let prefix = self.paint(Tone::Warning, self.messages().warning());
        writeln!(
            self.err,
            "{}",
            self.messages().labelled(&prefix, text.as_ref())
        )
    }

    /// `text` in the colour of `tone`, when colour is on.
    pub fn paint(&self, tone: Tone, text: &str) -> String {
        if self.color {
            let style = tone.style();
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// A table with a header row, fitted to the terminal (or 100 columns).
    pub fn table(&mut self, header: Vec<String>, rows: Vec<Vec<String>>) -> io::Result<()> {
        writeln!(self.out, "{}", render_table(header, rows, None))
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_where_it_belongs() {
        assert!(ColorChoice::Auto.enabled(false, true));
        assert!(!ColorChoice::Auto.enabled(true, true));
        assert!(!ColorChoice::Auto.enabled(false, false));
        assert!(ColorChoice::Always.enabled(true, false));
        assert!(!ColorChoice::Never.enabled(false, true));
    }

    #[test]
    fn paint_adds_escapes_only_with_colour() {
        let sink = || Box::new(io::sink()) as Box<dyn Write>;
        let plain = Output::new(Lang::En, false, sink(), sink());
        assert_eq!(plain.paint(Tone::Statutory, "1"), "1");
        let coloured = Output::new(Lang::En, true, sink(), sink());
        let painted = coloured.paint(Tone::Statutory, "1");
        assert!(
            painted.starts_with("\u{1b}[") && painted.contains('1'),
            "{painted:?}"
        );
    }
}
