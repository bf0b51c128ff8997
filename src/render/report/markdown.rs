//! The report as Markdown.

use super::{Block, Outline};
use crate::render::markdown::Document;

/// The Markdown document, ready to paste into the customer's document system.
pub fn markdown(outline: &Outline) -> String {
    let mut doc = Document::new();
    doc.heading(1, &outline.title);
    for section in &outline.sections {
        // The facts under the title have no heading of their own.
        if !section.heading.is_empty() {
            doc.heading(2, &section.heading);
        }
        for block in &section.blocks {
            match block {
                Block::Text(text) => doc.paragraph(text),
                Block::Caption(caption) => doc.heading(3, caption),
                Block::Table { header, rows } | Block::Facts { header, rows } => {
                    doc.table(header, rows.clone())
                }
                Block::Chart(_) | Block::Figure { .. } => {}
            }
        }
    }
    doc.finish()
}
