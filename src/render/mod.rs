//! Renderings of the domain for people and scripts: JSON views and Markdown documents.

pub mod contract;
pub mod incident;
pub mod markdown;
pub mod report;
