//! The report in the terminal.

use super::{Block, Outline};
use crate::output::{Tone, render_paragraph, render_table};

/// The terminal view: headings painted by `paint`, tables fitted to `width` columns (or to
/// the terminal), every typed text made harmless.
pub fn text(outline: &Outline, width: Option<u16>, paint: impl Fn(Tone, &str) -> String) -> String {
    let mut parts = vec![paint(Tone::Heading, &outline.title)];
    for section in &outline.sections {
        parts.push(paint(Tone::Heading, &section.heading));
        for block in &section.blocks {
            match block {
                Block::Text(text) => parts.push(render_paragraph(text, width)),
                Block::Caption(caption) => parts.push(paint(Tone::Heading, caption)),
                Block::Table { header, rows } | Block::Facts { header, rows } => {
                    parts.push(render_table(header.clone(), rows.clone(), width, false))
                }
                Block::Chart(_) | Block::Figure { .. } => {}
            }
        }
    }
    parts.join("\n\n") + "\n"
}
