//! Incident levels (docs/rules.md §2.1): 1 is the most severe.

use serde::{Deserialize, Serialize};

/// An incident level, 1 (most severe) to 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub struct Level(u8);

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.0
    }
}

impl TryFrom<u8> for Level {
    type Error = LevelError;

    fn try_from(n: u8) -> Result<Level, LevelError> {
        Level::new(n).ok_or_else(|| LevelError(n.to_string()))
    }
}

impl Level {
    pub const ALL: [Level; 3] = [Level(1), Level(2), Level(3)];

    pub fn new(level: u8) -> Option<Level> {
        (1..=3).contains(&level).then_some(Level(level))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub(crate) fn index(self) -> usize {
        usize::from(self.0) - 1
    }
}

/// A level typed by a person that is not 1, 2 or 3, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelError(pub String);

display_as_debug!(LevelError);

impl std::str::FromStr for Level {
    type Err = LevelError;

    fn from_str(text: &str) -> Result<Level, LevelError> {
        text.trim()
            .parse()
            .ok()
            .and_then(Level::new)
            .ok_or_else(|| LevelError(text.to_string()))
    }
}
