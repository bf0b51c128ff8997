//! How otss speaks: one place that owns the language, colour, terminal detection, `NO_COLOR`,
//! tables and `--json`. Writes return I/O errors so that a closed pipe ends the command
//! quietly instead of panicking.
//!
//! Everything written for a person is made harmless here (`text`, docs/rules.md §10), whatever the
//! command put in it; colour comes only from `paint`. JSON is written exactly.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Messages};
use crate::text::Breaks;

mod paint;
mod wrap;
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
/// that their columns line up. Only free text wraps: no column is made narrower than its
/// widest token (`wrap::glued`) or its heading's widest word; when they do not fit with the
/// cells' padding, the padding goes; a table whose tokens and headings cannot all stay whole
/// side by side even then is shown one row at a time, each cell beside its heading
/// (docs/rules.md §10.13).
pub fn render_table(
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    width: Option<u16>,
    colour: bool,
) -> String {
    let bounded = |cells: &[String]| -> Vec<String> {
        cells
            .iter()
            .map(|cell| wrap::glued(&within_cell(cell)).into_owned())
            .collect()
    };
    let header = bounded(&header);
    let rows: Vec<Vec<String>> = rows.iter().map(|row| bounded(row)).collect();
    let width = width.or(Table::new().width()).unwrap_or(DEFAULT_WIDTH);
    let table = match Fit::of(Some(&header), &rows, width) {
        Some(fit) => laid_out(Some(&header), &rows, &fit, width, colour),
        None => stacked(&header, &rows, width, colour),
    };
    wrap::unglued(table)
}

/// Each row as a table of two columns, heading and cell, one after the other.
fn stacked(header: &[String], rows: &[Vec<String>], width: u16, colour: bool) -> String {
    let tables: Vec<String> = rows
        .iter()
        .map(|row| {
            let pairs: Vec<Vec<String>> = header
                .iter()
                .zip(row)
                .map(|(heading, cell)| vec![heading.clone(), cell.clone()])
                .collect();
            let fit = Fit::of(None, &pairs, width).unwrap_or_else(|| Fit::tightest(&pairs));
            laid_out(None, &pairs, &fit, width, colour)
        })
        .collect();
    tables.join("\n")
}

/// `rows` under `header` as comfy-table lays them out in `width` columns, each column at least
/// as wide as `fit` says.
fn laid_out(
    header: Option<&[String]>,
    rows: &[Vec<String>],
    fit: &Fit,
    width: u16,
    colour: bool,
) -> String {
    let written = |cells: &[String]| -> Vec<String> {
        cells
            .iter()
            .map(|cell| paint::styled_to_wrap(cell, colour).into_owned())
            .collect()
    };
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .add_rows(rows.iter().map(|row| written(row)))
        .set_width(width);
    if let Some(header) = header {
        table.set_header(written(header));
    }
    for (column, floor) in table.column_iter_mut().zip(&fit.floors) {
        column.set_padding((fit.padding, fit.padding));
        // comfy-table counts a column's padding inside its lower boundary.
        let floor = floor + 2 * fit.padding;
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
    }
    table.to_string()
}

/// The least width of each column (its widest token) and the padding on each side of a cell.
struct Fit {
    floors: Vec<u16>,
    padding: u16,
}

impl Fit {
    /// The roomiest layout that keeps every token and every word of the header whole within
    /// `width`: cells padded when there is room, else without; none if neither fits.
    fn of(header: Option<&[String]>, rows: &[Vec<String>], width: u16) -> Option<Fit> {
        let floors = token_floors(header.into_iter().chain(rows.iter().map(Vec::as_slice)));
        [1, 0]
            .into_iter()
            .map(|padding| Fit {
                floors: floors.clone(),
                padding,
            })
            .find(|fit| fit.needs() <= width)
    }

    /// The narrowest layout that keeps every token whole, wider than the width asked for.
    fn tightest(rows: &[Vec<String>]) -> Fit {
        Fit {
            floors: token_floors(rows.iter().map(Vec::as_slice)),
            padding: 0,
        }
    }

    /// The columns the layout needs, borders included.
    fn needs(&self) -> u16 {
        let columns = self.floors.len() as u16;
        let cells: u16 = self
            .floors
            .iter()
            .map(|floor| floor + 2 * self.padding)
            .sum();
        cells + columns + 1
    }
}

/// For each column, the display width of the widest token in its cells, measured without
/// colour.
fn token_floors<'a>(rows: impl Iterator<Item = &'a [String]>) -> Vec<u16> {
    let mut floors: Vec<u16> = Vec::new();
    for row in rows {
        floors.resize(floors.len().max(row.len()), 0);
        for (floor, cell) in floors.iter_mut().zip(row) {
            *floor = (*floor).max(widest_token(cell));
        }
    }
    floors
}

fn widest_token(cell: &str) -> u16 {
    paint::styled_to_wrap(cell, false)
        .split(|c: char| c.is_whitespace() && c != wrap::GLUE)
        .map(UnicodeWidthStr::width)
        .filter(|width| *width <= wrap::TOKEN_COLUMNS)
        .max()
        .unwrap_or(0) as u16
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
/// and between the characters of Chinese text, never inside a token (`wrap::glued`).
pub fn render_paragraph(text: &str, width: Option<u16>) -> String {
    let mut paragraph = Table::new();
    paragraph
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .add_row(vec![paint::styled_to_wrap(&wrap::glued(text), false)]);
    let width = width.or(paragraph.width()).unwrap_or(DEFAULT_WIDTH);
    paragraph.set_width(width.min(DEFAULT_WIDTH));
    if let Some(column) = paragraph.column_mut(0) {
        column.set_padding((0, 0));
    }
    let lines: Vec<String> = paragraph
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect();
    wrap::unglued(lines.join("\n"))
}

/// The width tables are fitted to: the terminal's when standard output is one, else
/// `columns` (the `COLUMNS` variable) when it is a positive number, else unknown.
pub fn terminal_width(stdout_is_terminal: bool, columns: Option<&str>) -> Option<u16> {
    let terminal = stdout_is_terminal.then(|| Table::new().width()).flatten();
    let columns = columns.and_then(|columns| columns.trim().parse().ok());
    terminal
        .filter(|width| *width > 0)
        .or(columns.filter(|width| *width > 0))
}

pub struct Output {
    lang: Lang,
    color: bool,
    /// The width tables are fitted to, when known (`terminal_width`).
    width: Option<u16>,
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
            width: None,
            out,
            err,
            warned: BTreeSet::new(),
        }
    }

    /// Whether what is painted is shown in colour.
    pub fn coloured(&self) -> bool {
        self.color
    }

    /// The same output, fitting tables to `width` columns when it is known.
    pub fn with_width(self, width: Option<u16>) -> Output {
        Output { width, ..self }
    }

    /// The width tables are fitted to, when known.
    pub fn width(&self) -> Option<u16> {
        self.width
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

    /// A JSON array on standard output, written an element at a time exactly as `json` writes
    /// the whole array: for a list too long to hold.
    pub fn json_array(&mut self) -> JsonArray<'_> {
        JsonArray {
            out: io::BufWriter::with_capacity(1 << 16, &mut self.out),
            element: Vec::new(),
            empty: true,
        }
    }

    /// One line: a line break in it is shown as `\n`, so that typed text cannot start a line
    /// of its own. A line wider than the output's width continues, indented, on the next,
    /// broken only between words.
    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        let written = paint::styled(text.as_ref(), self.color, Breaks::Shown);
        match self.width {
            Some(width) => writeln!(self.out, "{}", wrap::between_words(&written, width)),
            None => writeln!(self.out, "{written}"),
        }
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

    /// A table with a header row, fitted to the output's width (or 100 columns).
    pub fn table(&mut self, header: Vec<String>, rows: Vec<Vec<String>>) -> io::Result<()> {
        let table = render_table(header, rows, self.width, self.color);
        writeln!(self.out, "{table}")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }
}

/// A JSON array being written (`Output::json_array`); nothing is written before its first
/// element, and it is closed by `end`. A command that fails on the way may have written part
/// of it: its exit status says it failed.
pub struct JsonArray<'o> {
    out: io::BufWriter<&'o mut Box<dyn Write>>,
    /// The element being laid out, kept to be written again.
    element: Vec<u8>,
    empty: bool,
}

impl JsonArray<'_> {
    /// The next element, indented as an element of a pretty-printed array: a JSON text never
    /// holds a line break but between its tokens, so each line is indented once more.
    pub fn push(&mut self, value: &impl Serialize) -> io::Result<()> {
        self.element.clear();
        serde_json::to_writer_pretty(&mut self.element, value)?;
        self.out
            .write_all(if self.empty { b"[\n  " } else { b",\n  " })?;
        self.empty = false;
        for (n, line) in self.element.split(|byte| *byte == b'\n').enumerate() {
            if n > 0 {
                self.out.write_all(b"\n  ")?;
            }
            self.out.write_all(line)?;
        }
        Ok(())
    }

    /// Closes the array.
    pub fn end(mut self) -> io::Result<()> {
        self.out
            .write_all(if self.empty { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `json_array` writes of `elements`, a push at a time.
    fn streamed(elements: &[serde_json::Value]) -> String {
        let (out, _) = written(false, |output| {
            let mut array = output.json_array();
            for element in elements {
                array.push(element)?;
            }
            array.end()
        });
        out
    }

    #[test]
    fn a_json_array_written_an_element_at_a_time_is_the_array_json_writes() {
        let nested = serde_json::json!({
            "id": "INC-1",
            "title": "line one\nline two \"quoted\" [0]",
            "clocks": [{"name": "response", "due": null}, []],
            "empty": {},
            "levels": [1, 2.5, true],
        });
        for elements in [
            vec![],
            vec![nested.clone()],
            vec![nested.clone(), 3.into(), "x".into(), nested],
        ] {
            let whole = serde_json::to_string_pretty(&elements).unwrap() + "\n";
            assert_eq!(streamed(&elements), whole);
        }
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
    fn a_table_keeps_headings_and_tokens_whole_or_goes_one_row_at_a_time() {
        let header: Vec<String> = vec!["Level".into(), "Response breached".into(), "At".into()];
        let rows = vec![vec![
            "level 1".to_string(),
            "1".to_string(),
            "2026-03-04 10:00:00".to_string(),
        ]];
        // Side by side: 7 + 8 + 19 columns of tokens and heading words and 4 of borders, and
        // 6 of padding when there is room.
        let (side_by_side, padded) = (38, 44);
        for width in [30u16, 37, 38, 43, 44, 60, 100] {
            let table = render_table(header.clone(), rows.clone(), Some(width), false);
            let widest = table.lines().map(UnicodeWidthStr::width).max().unwrap();
            assert!(widest <= usize::from(width), "{table}");
            for whole in ["level 1", "Response", "breached", "2026-03-04 10:00:00"] {
                assert!(
                    table.lines().any(|l| l.contains(whole)),
                    "{whole}:\n{table}"
                );
            }
            let one_row_at_a_time = !table.contains("╞");
            assert_eq!(one_row_at_a_time, width < side_by_side, "{table}");
            if !one_row_at_a_time {
                assert_eq!(table.contains("│ Level"), width >= padded, "{table}");
            }
        }
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
