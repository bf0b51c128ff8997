//! A line of text broken between words to fit a width, for lines that are not tables.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// `line` broken at spaces into lines of at most `width` columns (colour codes take none),
/// each continuation indented two columns past the line's own indentation. A word wider than
/// the room is kept whole on a line of its own: an id or a date is never split
/// (docs/rules.md §10.13).
pub fn between_words(line: &str, width: u16) -> Cow<'_, str> {
    let width = usize::from(width);
    if shown_width(line) <= width {
        return Cow::Borrowed(line);
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let continuation = " ".repeat(indent + 2);
    let mut written = line[..indent].to_string();
    let mut used = indent;
    let mut empty = true;
    for word in line[indent..].split(' ') {
        let word_width = shown_width(word);
        if !empty && used + 1 + word_width > width {
            written.push('\n');
            written.push_str(&continuation);
            used = continuation.len();
            empty = true;
        }
        if !empty {
            written.push(' ');
            used += 1;
        }
        written.push_str(word);
        used += word_width;
        empty = false;
    }
    Cow::Owned(written)
}

/// The columns `text` takes on a terminal: its display width without colour codes (the only
/// escape sequences written text holds, `paint`).
fn shown_width(text: &str) -> usize {
    let mut width = 0;
    for (n, part) in text.split('\u{1b}').enumerate() {
        let shown = match (n, part.find('m')) {
            (0, _) | (_, None) => part,
            (_, Some(end)) => &part[end + 1..],
        };
        width += shown.width();
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_breaks_between_words_within_the_width() {
        let line = "  RYW7P5 · level 1 · open · respond by 2026-03-04 14:58 · disk full";
        let wrapped = between_words(line, 30);
        assert!(wrapped.lines().all(|l| l.width() <= 30), "{wrapped}");
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("    ")));
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>(),
            line.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_short_line_and_a_wide_word_stay_whole() {
        assert_eq!(between_words("2026-03-04 14:58", 60), "2026-03-04 14:58");
        let wrapped = between_words("a 2026-03-04T14:58:00+08:00 b", 10);
        assert!(
            wrapped
                .lines()
                .any(|l| l.trim() == "2026-03-04T14:58:00+08:00")
        );
    }

    #[test]
    fn colour_codes_take_no_columns() {
        let coloured = "\u{1b}[1m故障\u{1b}[0m";
        assert_eq!(shown_width(coloured), 4);
        assert_eq!(
            between_words(&format!("{coloured} {coloured}"), 9)
                .lines()
                .count(),
            1
        );
    }
}
