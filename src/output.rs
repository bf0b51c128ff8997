//! How otss speaks: one place that owns the language, colour, terminal detection, `NO_COLOR`,
//! tables and `--json`. Writes return I/O errors so that a closed pipe ends the command
//! quietly instead of panicking.

use std::collections::BTreeSet;
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

/// A paragraph wrapped to `width` columns (at most 100), or to the terminal: between words,
/// and between the characters of Chinese text.
pub fn render_paragraph(text: &str, width: Option<u16>) -> String {
    let mut paragraph = Table::new();
    paragraph
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .add_row(vec![text]);
    let width = width.or(paragraph.width()).unwrap_or(DEFAULT_WIDTH);
    paragraph.set_width(width.min(DEFAULT_WIDTH));
    if let Some(column) = paragraph.column_mut(0) {
        column.set_padding((0, 0));
    }
    paragraph
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

pub struct Output {
    lang: Lang,
    color: bool,
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    /// Warnings given, so that each is given once however many reads come across it.
    warned: BTreeSet<String>,
}

impl Output {
    pub fn new(lang: Lang, color: bool, out: Box<dyn Write>, err: Box<dyn Write>) -> Output {
        Output {
            lang,
            color,
            out,
            err,
            warned: BTreeSet::new(),
        }
    }

    pub fn messages(&self) -> &'static Messages {
        self.lang.messages()
    }

    /// One JSON document on standard output, written in large blocks however long it is.
    pub fn json(&mut self, value: &impl Serialize) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, &mut self.out);
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
        out.flush()
    }

    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        writeln!(self.out, "{}", text.as_ref())
    }

    /// A warning on standard error, in the output's language; a warning given before is not
    /// repeated.
    pub fn warn(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        if !self.warned.insert(text.as_ref().to_string()) {
            return Ok(());
        }
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

    /// A writer whose bytes the test can read afterwards.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn paragraphs_wrap_between_words_and_chinese_characters() {
        let english = "word ".repeat(40);
        let wrapped = render_paragraph(english.trim(), Some(30));
        assert!(
            wrapped
                .lines()
                .all(|l| l.len() <= 30 && !l.starts_with(' ')),
            "{wrapped}"
        );
        assert_eq!(wrapped.split_whitespace().count(), 40);
        let chinese = "巡检".repeat(30);
        let wrapped = render_paragraph(&chinese, Some(30));
        let widths: Vec<usize> = wrapped
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert!(widths.iter().all(|w| *w <= 30), "{wrapped}");
        assert_eq!(wrapped.replace('\n', ""), chinese);
    }

    #[test]
    fn a_warning_is_given_once() {
        let err = Shared::default();
        let mut out = Output::new(Lang::En, false, Box::new(io::sink()), Box::new(err.clone()));
        for text in [
            "a.jsonl:3: not JSON",
            "a.jsonl:3: not JSON",
            "a.jsonl:4: not JSON",
        ] {
            out.warn(text).unwrap();
        }
        let written = String::from_utf8(err.0.borrow().clone()).unwrap();
        assert_eq!(written.lines().count(), 2, "{written}");
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
