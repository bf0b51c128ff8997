//! How otss speaks: one place that owns the language, colour, terminal detection, `NO_COLOR`,
//! tables and `--json`. Writes return I/O errors so that a closed pipe ends the command
//! quietly instead of panicking.
//!
//! Everything written for a person is made harmless here (`text`, docs/rules.md §10), whatever the
//! command put in it; colour comes only from `paint`. JSON is written exactly.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::i18n::{Lang, Messages};
use crate::text::Breaks;

mod paint;
pub use paint::Tone;

/// Width tables are fitted to when the terminal's is unknown.
const DEFAULT_WIDTH: u16 = 100;

/// Text of a document made for a person: harmless, painted spans plain.
pub fn plain(text: &str) -> Cow<'_, str> {
    paint::styled(text, false, Breaks::Kept)
}

/// A table with a header row, fitted to `width` columns, or to the terminal (else 100
/// columns). Cells are made harmless, and painted spans coloured when `colour` is on, before
/// the table measures them (without their colour codes: comfy-table's `custom_styling`), so
/// that their columns line up.
pub fn render_table(
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    width: Option<u16>,
    colour: bool,
) -> String {
    let written = |cells: Vec<String>| -> Vec<String> {
        cells
            .iter()
            .map(|cell| paint::styled_to_wrap(&within_cell(cell), colour).into_owned())
            .collect()
    };
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(written(header))
        .add_rows(rows.into_iter().map(written));
    match width {
        Some(width) => table.set_width(width),
        None if table.width().is_none() => table.set_width(DEFAULT_WIDTH),
        None => &mut table,
    };
    table.to_string()
}

/// The most lines and characters a table cell shows, then `…`: a teammate's title of a
/// million lines would otherwise take gigabytes to lay out. JSON and documents keep every word.
const CELL_LINES: usize = 20;
const CELL_CHARS: usize = 2000;

/// A cell's text cut to what a cell shows.
fn within_cell(cell: &str) -> Cow<'_, str> {
    let mut lines = 1;
    for (n, (at, c)) in cell.char_indices().enumerate() {
        if c == '\n' {
            lines += 1;
        }
        if n == CELL_CHARS || lines > CELL_LINES {
            return Cow::Owned(format!("{}…", &cell[..at]));
        }
    }
    Cow::Borrowed(cell)
}

/// A paragraph wrapped to `width` columns (at most 100), or to the terminal: between words,
/// and between the characters of Chinese text.
pub fn render_paragraph(text: &str, width: Option<u16>) -> String {
    let mut paragraph = Table::new();
    paragraph
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .add_row(vec![paint::styled_to_wrap(text, false)]);
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

    /// Whether what is painted is shown in colour.
    pub fn coloured(&self) -> bool {
        self.color
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

    /// One line: a line break in it is shown as `\n`, so that typed text cannot start a line
    /// of its own.
    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        let written = paint::styled(text.as_ref(), self.color, Breaks::Shown);
        writeln!(self.out, "{written}")
    }

    /// Text of several lines: a document, or lines made together.
    pub fn lines(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        let written = paint::styled(text.as_ref(), self.color, Breaks::Kept);
        writeln!(self.out, "{written}")
    }

    /// A one-line warning on standard error, in the output's language; a warning given
    /// before is not repeated.
    pub fn warn(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        if !self.warned.insert(text.as_ref().to_string()) {
            return Ok(());
        }
        let prefix = self.paint(Tone::Warning, self.messages().warning());
        let warning = self.messages().labelled(&prefix, text.as_ref());
        let written = paint::styled(&warning, self.color, Breaks::Shown);
        writeln!(self.err, "{written}")
    }

    /// `text` to be shown in the colour of `tone`, when colour is on.
    pub fn paint(&self, tone: Tone, text: &str) -> String {
        paint::paint(tone, text)
    }

    /// A table with a header row, fitted to the terminal (or 100 columns).
    pub fn table(&mut self, header: Vec<String>, rows: Vec<Vec<String>>) -> io::Result<()> {
        writeln!(self.out, "{}", render_table(header, rows, None, self.color))
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_cell_shows_a_bounded_part_of_a_huge_text() {
        let short = "a short title\nover two lines";
        assert!(matches!(within_cell(short), Cow::Borrowed(_)));
        let many_lines = "a\n".repeat(1_000);
        let shown = within_cell(&many_lines);
        assert_eq!(
            (shown.lines().count(), shown.ends_with('…')),
            (CELL_LINES, true)
        );
        let long = "巡".repeat(10_000);
        assert_eq!(within_cell(&long).chars().count(), CELL_CHARS + 1);
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

    /// What `write` makes an output write on standard output and standard error, with colour
    /// on or off.
    fn written(colour: bool, write: impl Fn(&mut Output) -> io::Result<()>) -> (String, String) {
        let (out, err) = (Shared::default(), Shared::default());
        let mut output = Output::new(
            Lang::En,
            colour,
            Box::new(out.clone()),
            Box::new(err.clone()),
        );
        write(&mut output).unwrap();
        let text = |shared: Shared| String::from_utf8(shared.0.borrow().clone()).unwrap();
        (text(out), text(err))
    }

    #[test]
    fn colour_codes_only_with_colour_on() {
        let line = |out: &mut Output| out.line(out.paint(Tone::Statutory, "1"));
        assert_eq!(written(false, line).0, "1\n");
        let (coloured, _) = written(true, line);
        assert!(
            coloured.starts_with("\u{1b}[") && coloured.contains('1'),
            "{coloured:?}"
        );
    }

    #[test]
    fn only_otss_writes_escape_sequences() {
        let hostile = "\u{1b}]52;c;aGVsbG8=\u{7}\u{9b}2J\u{202e}";
        let (out, err) = written(true, |out| {
            out.line(format!("{} {hostile}", out.paint(Tone::Heading, hostile)))?;
            out.lines(format!("{hostile}\n{hostile}"))?;
            out.table(vec![hostile.into()], vec![vec![hostile.into()]])?;
            out.warn(hostile)
        });
        for written in [out, err] {
            let sequences = written.split('\u{1b}').skip(1);
            for sequence in sequences {
                assert!(
                    ["[1m", "[0m", "[33m"]
                        .iter()
                        .any(|sgr| sequence.starts_with(sgr)),
                    "{written:?}"
                );
            }
            assert!(
                !written.contains(['\u{7}', '\u{9b}', '\u{202e}']),
                "{written:?}"
            );
        }
    }

    #[test]
    fn a_line_is_one_line_and_lines_keep_their_breaks() {
        let (out, _) = written(false, |out| {
            out.line("title\nforged")?;
            out.lines("first\r\nsecond")
        });
        assert_eq!(out, "title\\nforged\nfirst\nsecond\n");
    }

    #[test]
    fn painted_cells_keep_their_columns() {
        let table = |out: &mut Output| {
            let rows = vec![
                vec![out.paint(Tone::Breach, "late"), "x".into()],
                vec!["due".into(), out.paint(Tone::Warning, "a long cell")],
            ];
            out.table(vec!["state".into(), "b".into()], rows)
        };
        let (plain, _) = written(false, table);
        let (coloured, _) = written(true, table);
        assert_ne!(plain, coloured);
        let stripped: String = coloured
            .split('\u{1b}')
            .enumerate()
            .map(|(n, part)| {
                if n == 0 {
                    part
                } else {
                    &part[part.find('m').unwrap() + 1..]
                }
            })
            .collect();
        assert_eq!(stripped, plain);
    }
}
