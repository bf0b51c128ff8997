//! Where text may break to fit a width: the tokens that never break, and lines that are not
//! tables broken between words and between Chinese characters.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text;

/// The widest word that is a token (an id, a date, a time, a level, a verdict: a word of at
/// most `TOKEN_COLUMNS` columns) must never be broken; a longer run is free text that wraps.
pub const TOKEN_COLUMNS: usize = 20;

/// The space inside a token of several words (`level 1`, `2026-03-04 10:00`): no break
/// there. It is written as a plain space once the text is laid out (`unglued`).
pub const GLUE: char = '\u{a0}';

/// `text` with each space inside a token of several words turned into `GLUE`
/// (docs/rules.md §10.13): a date, its weekday and the time of day after it, a word and the number after
/// it (`level 1`), a number and its unit after it (`30 min`, `27 小时`), so long as the token
/// stays within `TOKEN_COLUMNS`.
pub fn glued(text: &str) -> Cow<'_, str> {
    if !text.contains(' ') {
        return Cow::Borrowed(text);
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut written = String::with_capacity(text.len());
    let mut token = 0;
    for (n, word) in words.iter().enumerate() {
        let width = shown_width(word);
        if n > 0 {
            let previous = words[n - 1];
            let joined = !previous.is_empty()
                && !word.is_empty()
                && token + 1 + width <= TOKEN_COLUMNS
                && one_token(&visible(previous), &visible(word));
            if joined {
                written.push(GLUE);
                token += 1 + width;
            } else {
                written.push(' ');
                token = width;
            }
        } else {
            token = width;
        }
        written.push_str(word);
    }
    Cow::Owned(written)
}

/// Laid-out text with its glued spaces written as spaces again.
pub fn unglued(text: String) -> String {
    if text.contains(GLUE) {
        text.replace(GLUE, " ")
    } else {
        text
    }
}

/// Whether `first` and the word `then` after it read as one token.
fn one_token(first: &str, then: &str) -> bool {
    let number = |word: &str| !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
    let word = |word: &str| !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
    let unit = |word: &str| word.width() <= 4 && word.chars().all(char::is_alphabetic);
    let date = |word: &str| shape(word).ends_with("99-99");
    let time = |word: &str| shape(word).starts_with("99:99");
    let weekday = |word: &str| WEEKDAYS.contains(&word);
    (date(first) && (time(then) || weekday(then)))
        || (weekday(first) && time(then))
        || (word(first) && number(then))
        || (number(first) && unit(then))
}

/// The weekdays as a date shows them beside it.
const WEEKDAYS: [&str; 14] = [
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "周一", "周二", "周三", "周四", "周五",
    "周六", "周日",
];

/// `word` with every ASCII digit written `9`.
fn shape(word: &str) -> String {
    word.chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

/// `line` broken into lines of at most `width` columns (colour codes take none), each
/// continuation indented two columns past the line's own indentation. It breaks at spaces and
/// between Chinese characters (never before a closing mark like `，` or after an opening one
/// like `（`), never inside a token (`glued`); a word wider than the room is kept whole on a
/// line of its own: an id or a date is never split (docs/rules.md §10.13).
pub fn between_words(line: &str, width: u16) -> Cow<'_, str> {
    let width = usize::from(width);
    if shown_width(line) <= width {
        return Cow::Borrowed(line);
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let continuation = " ".repeat(indent + 2);
    let glued = glued(&line[indent..]);
    let mut written = line[..indent].to_string();
    let mut used = indent;
    let mut empty = true;
    for piece in pieces(&glued) {
        let piece_width = shown_width(piece.text);
        if !empty && used + piece.gap.len() + piece_width > width {
            written.push('\n');
            written.push_str(&continuation);
            used = continuation.len();
            empty = true;
        }
        if !empty {
            written.push_str(piece.gap);
            used += piece.gap.len();
        }
        written.push_str(piece.text);
        used += piece_width;
        empty = false;
    }
    Cow::Owned(unglued(written))
}

/// A part of a line that is never broken, and the spaces before it.
struct Piece<'a> {
    gap: &'a str,
    text: &'a str,
}

/// `text` cut where it may break: at spaces, and between Chinese characters of a word that is
/// not a token.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let word_at = rest.len() - rest.trim_start_matches(' ').len();
        let (gap, after) = rest.split_at(word_at);
        if after.is_empty() {
            return pieces;
        }
        let (word, next) = after.split_at(after.find(' ').unwrap_or(after.len()));
        for (n, text) in breakable(word).into_iter().enumerate() {
            let gap = if n == 0 { gap } else { "" };
            pieces.push(Piece { gap, text });
        }
        rest = next;
    }
}

/// Marks a line never begins with, and marks it never ends with.
const CLOSING: &str = "，。、；：！？）」』】》…”’,.;:!?)";
const OPENING: &str = "（「『【《“‘(";

/// `word` cut between its characters where one of the two is wide (Chinese), unless it is a
/// token of several words.
fn breakable(word: &str) -> Vec<&str> {
    if word.contains(GLUE) {
        return vec![word];
    }
    let wide = |c: char| c.width() == Some(2);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (at, c) in visible_chars(word) {
        if let Some(before) = previous {
            let may_break =
                (wide(before) || wide(c)) && !CLOSING.contains(c) && !OPENING.contains(before);
            if may_break {
                parts.push(&word[start..at]);
                start = at;
            }
        }
        previous = Some(c);
    }
    parts.push(&word[start..]);
    parts
}

/// The characters of `text` a terminal shows, with where each is: neither colour codes nor
/// paint marks (`text::INTERNAL`).
fn visible_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut in_escape = false;
    text.char_indices().filter(move |(_, c)| {
        if *c == '\u{1b}' {
            in_escape = true;
        } else if in_escape {
            in_escape = *c != 'm';
            return false;
        }
        !in_escape && !text::INTERNAL.contains(c)
    })
}

/// `text` as a terminal shows it.
fn visible(text: &str) -> String {
    visible_chars(text).map(|(_, c)| c).collect()
}

/// The columns `text` takes on a terminal: its display width without colour codes (the only
/// escape sequences written text holds, `paint`).
pub fn shown_width(text: &str) -> usize {
    visible(text).width()
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

    #[test]
    fn chinese_text_breaks_between_characters_keeping_the_indentation() {
        let title = "对象存储桶跨地域复制任务长时间积压导致灾备地域数据延迟超过两小时";
        let line = format!("  10M5Y8 · 一级故障 · 处理中 · {title}");
        let wrapped = between_words(&line, 30);
        assert!(wrapped.lines().all(|l| l.width() <= 30), "{wrapped}");
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("    ")));
        assert!(wrapped.lines().next().unwrap().contains("一级故障"));
        let joined: String = wrapped.lines().map(str::trim_start).collect();
        assert!(joined.contains(title), "{wrapped}");
    }

    #[test]
    fn a_line_never_begins_with_a_closing_mark() {
        let line = "故障，".repeat(20);
        let wrapped = between_words(&line, 10);
        assert!(
            wrapped.lines().all(|l| !l.trim_start().starts_with('，')),
            "{wrapped}"
        );
    }

    #[test]
    fn tokens_of_several_words_stay_whole() {
        for (text, token) in [
            (
                "reported 2026-03-04 10:00:00 by li.lei",
                "2026-03-04 10:00:00",
            ),
            ("an incident of level 1 still open", "level 1"),
            ("mean time 30 min so far", "30 min"),
            ("未处理 · 03-04 周三 10:00 li.lei", "03-04 周三 10:00"),
            ("响应已超时 27 小时 对象存储", "27 小时"),
        ] {
            for width in 8..30 {
                let wrapped = between_words(text, width);
                assert!(
                    wrapped.lines().any(|l| l.contains(token)),
                    "{token} at {width}: {wrapped}"
                );
            }
        }
    }

    #[test]
    fn glue_keeps_tokens_within_the_token_width() {
        assert_eq!(glued("level 1"), format!("level{GLUE}1"));
        assert_eq!(
            glued("CLB returns 502 again"),
            format!("CLB returns{GLUE}502 again")
        );
        assert_eq!(glued("due 3/5"), "due 3/5");
        let long = "abcdefghijklmnopqrstu 1";
        assert_eq!(glued(long), long);
        assert_eq!(unglued(glued("level 1").into_owned()), "level 1");
    }
}
