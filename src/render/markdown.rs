//! A small Markdown writer: headings, paragraphs and tables that stay what they are whatever
//! the text in them holds. Typed text is made harmless (`text`), then escaped so that it reads
//! as written and can never start a heading, list, block quote, table, code block, link,
//! image, emphasis, HTML, setext heading or thematic break.

use crate::text;

/// Punctuation that means something in Markdown wherever it stands in a line (in CommonMark,
/// GitHub's tables, strikethrough and math, or common extensions such as superscript), written
/// with a backslash before it (CommonMark allows one before any ASCII punctuation).
const MARKUP: [char; 12] = ['\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '$', '^'];

/// Characters that begin a list, a setext underline, a thematic break, a table's delimiter row
/// (`:--`) or a definition (`: …`, in renderers with definition lists) at the start of a line
/// (`*` and `|` are escaped everywhere).
const LINE_START: [char; 4] = ['+', '-', '=', ':'];

/// One line of text as it reads, wherever it stands: markup punctuation backslash-escaped,
/// `&`, `<` and `>` as entities (so nothing typed on site, a title like "502 from <nginx>", is
/// taken for HTML or a quote).
fn inline(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len() + 8);
    for c in line.trim().chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c if MARKUP.contains(&c) => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// One line of a paragraph: inline, and what would start a block at the start of a line
/// escaped too (the indentation of a code block is dropped with the surrounding blanks).
fn paragraph_line(line: &str) -> String {
    let mut escaped = inline(line);
    if escaped.starts_with(LINE_START) {
        escaped.insert(0, '\\');
    }
    // `1.` or `1)` would begin an ordered list.
    let digits = escaped.len()
        - escaped
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        escaped.insert(digits, '\\');
    }
    escaped
}

/// Text safe inside a table cell: line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    let lines: Vec<String> = text::paragraph(text).split('\n').map(inline).collect();
    lines.join("<br>")
}

/// A Markdown document being written.
#[derive(Default)]
pub struct Document {
    text: String,
}

impl Document {
    pub fn new() -> Document {
        Document::default()
    }

    fn block(&mut self, block: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(block);
        self.text.push('\n');
    }

    /// A heading; line breaks in it become spaces.
    pub fn heading(&mut self, level: usize, text: &str) {
        let text = text::paragraph(text).replace('\n', " ");
        self.block(&format!("{} {}", "#".repeat(level), inline(&text)));
    }

    /// Text in paragraphs: a blank line in it begins another paragraph, and nothing else.
    pub fn paragraph(&mut self, text: &str) {
        let lines: Vec<String> = text::paragraph(text)
            .split('\n')
            .map(paragraph_line)
            .collect();
        self.block(lines.join("\n").trim());
    }

    pub fn table(&mut self, header: &[String], rows: Vec<Vec<String>>) {
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            format!("| {} |", cells.join(" | "))
        };
        let mut table = vec![
            line(header),
            format!("|{}|", vec![" --- "; header.len()].join("|")),
        ];
        table.extend(rows.iter().map(|row| line(row)));
        self.block(&table.join("\n"));
    }

    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> String {
        let mut doc = Document::new();
        doc.paragraph(text);
        doc.finish()
    }

    #[test]
    fn cells_never_break_a_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("a\r\n\nb"), "a<br><br>b");
    }

    #[test]
    fn typed_text_is_never_taken_for_html() {
        assert_eq!(cell("<img src=x> & co"), "&lt;img src=x&gt; &amp; co");
        let mut doc = Document::new();
        doc.heading(2, "502 from <nginx>");
        doc.paragraph("a < b");
        assert_eq!(doc.finish(), "## 502 from &lt;nginx&gt;\n\na &lt; b\n");
    }

    #[test]
    fn markup_anywhere_is_escaped() {
        assert_eq!(
            cell("*a* _b_ `c` ~~d~~ [e](javascript:f) ![g](h) #i \\ $x^2$"),
            "\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\[e\\](javascript:f) \\!\\[g\\](h) \\#i \\\\ \\$x\\^2\\$"
        );
        assert_eq!(cell("&#x3C;"), "&amp;\\#x3C;");
    }

    #[test]
    fn nothing_begins_a_block_at_the_start_of_a_line() {
        assert_eq!(
            paragraph("# x\n- a\n+ b\n1. c\n22) d\n> e\n===\n---\n    code"),
            "\\# x\n\\- a\n\\+ b\n1\\. c\n22\\) d\n&gt; e\n\\===\n\\---\ncode\n"
        );
    }

    #[test]
    fn plain_text_reads_as_it_is() {
        assert_eq!(
            paragraph("Restarted v1.2.3 at 10:00 (node-2); 5-10 users, 3.5 GB."),
            "Restarted v1.2.3 at 10:00 (node-2); 5-10 users, 3.5 GB.\n"
        );
        assert_eq!(cell("2025-03-04 10:00:00"), "2025-03-04 10:00:00");
    }

    #[test]
    fn a_paragraph_stays_paragraphs_and_a_heading_one_line() {
        assert_eq!(
            paragraph("Restarted.\n\n## Service levels\n\n| Clock |\n|---|"),
            "Restarted.\n\n\\#\\# Service levels\n\n\\| Clock \\|\n\\|---\\|\n"
        );
        let mut doc = Document::new();
        doc.heading(1, "a\nb\r\n===");
        assert_eq!(doc.finish(), "# a b ===\n");
    }

    #[test]
    fn control_characters_are_shown() {
        assert_eq!(cell("\u{1b}[2J\u{202e}"), "\\\\u{1b}\\[2J\\\\u{202e}");
    }

    #[test]
    fn a_document_of_blocks() {
        let mut doc = Document::new();
        doc.heading(1, "Title");
        doc.table(
            &["a".into(), "b".into()],
            vec![vec!["1".into(), "x|y".into()]],
        );
        assert_eq!(
            doc.finish(),
            "# Title\n\n| a | b |\n| --- | --- |\n| 1 | x\\|y |\n"
        );
    }
}
