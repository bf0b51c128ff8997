//! A small Markdown writer: headings, paragraphs and tables that stay tables whatever the
//! cells hold.

/// Text that reads as written: `&`, `<` and `>` as entities, so that nothing typed on site
/// (a title like "502 from <nginx>") is taken for HTML by a Markdown renderer.
pub fn plain(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text safe inside a table cell: plain, pipes escaped, line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    plain(text)
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
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

    pub fn heading(&mut self, level: usize, text: &str) {
        self.block(&format!(
            "{} {}",
            "#".repeat(level),
            plain(text).replace('\n', " ")
        ));
    }

    pub fn paragraph(&mut self, text: &str) {
        self.block(&plain(text));
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

    #[test]
    fn cells_never_break_a_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
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
