//! Colour that no typed text can imitate. `paint` does not write escape sequences: it marks a
//! span with Unicode's noncharacters (`text::INTERNAL`), each mark followed by a key drawn at
//! random for this run of otss, and only the writer turns well-formed marks into otss's own
//! colour codes (or drops them when colour is off). Typed text cannot know the key, so marks
//! it carries are shown like any other hidden character; everything else the writer writes
//! is made harmless first, so the only escape sequences that ever reach a terminal are the
//! colours of `Tone`, on the spans otss painted.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::hash::{BuildHasher, RandomState};
use std::sync::LazyLock;

use anstyle::{AnsiColor, Effects, Style};

use crate::text::{self, Breaks};

/// What a piece of text means, which decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Statutory,
    Holiday,
    MakeupWorkday,
    Weekend,
    Heading,
    Warning,
    Breach,
    /// A record withdrawn by a void: shown, struck out.
    Withdrawn,
}

/// Every tone, in the order of their marks.
const TONES: [Tone; 9] = [
    Tone::Plain,
    Tone::Statutory,
    Tone::Holiday,
    Tone::MakeupWorkday,
    Tone::Weekend,
    Tone::Heading,
    Tone::Warning,
    Tone::Breach,
    Tone::Withdrawn,
];

/// The mark that ends a painted span; each tone's own mark begins one.
const END: char = *text::INTERNAL.end();

impl Tone {
    fn style(self) -> Style {
        match self {
            Tone::Plain => Style::new(),
            Tone::Statutory => AnsiColor::Red.on_default().effects(Effects::BOLD),
            Tone::Holiday => AnsiColor::Red.on_default(),
            Tone::MakeupWorkday => AnsiColor::Yellow.on_default(),
            Tone::Weekend => Style::new().effects(Effects::DIMMED),
            Tone::Heading => Style::new().effects(Effects::BOLD),
            Tone::Warning => AnsiColor::Yellow.on_default().effects(Effects::BOLD),
            Tone::Breach => AnsiColor::Red.on_default().effects(Effects::BOLD),
            Tone::Withdrawn => Style::new().effects(Effects::DIMMED | Effects::STRIKETHROUGH),
        }
    }

    fn mark(self) -> char {
        let first = u32::from(*text::INTERNAL.start());
        char::from_u32(first + self as u32).unwrap_or(END)
    }

    fn of_mark(c: char) -> Option<Tone> {
        TONES.into_iter().find(|tone| tone.mark() == c)
    }
}

/// How many noncharacters follow each mark: 6 of 32, 30 bits of chance to guess.
const KEY_LENGTH: u32 = 6;

/// The key that follows every mark, drawn at random once per run.
static KEY: LazyLock<String> = LazyLock::new(|| {
    let mut random = RandomState::new().hash_one("otss paint");
    let first = u32::from(*text::INTERNAL.start());
    let span = u32::from(END) - first + 1;
    (0..KEY_LENGTH)
        .map(|_| {
            let digit = (random % u64::from(span)) as u32;
            random /= u64::from(span);
            char::from_u32(first + digit).unwrap_or(END)
        })
        .collect()
});

/// `text` marked as painted in `tone`; marks inside it are shown as typed text.
pub fn paint(tone: Tone, text: &str) -> String {
    let key = KEY.as_str();
    format!("{}{key}{}{END}{key}", tone.mark(), text::paragraph(text))
}

/// `text` as it is written: harmless (`text::harmless`), with each painted span in its tone's
/// colour when `colour` is on, plain otherwise. A mark that does not begin or end a span is
/// shown like any other hidden character.
pub fn styled(text: &str, colour: bool, breaks: Breaks) -> Cow<'_, str> {
    written(text, colour, |part| text::harmless(part, breaks))
}

/// The same, for a place that wraps text to a width (a table cell, a paragraph): a run of
/// characters without a space wider than `WORD_COLUMNS` is also broken into lines.
pub fn styled_to_wrap(text: &str, colour: bool) -> Cow<'_, str> {
    written(text, colour, |part| {
        text::wrappable(text::harmless(part, Breaks::Kept), WORD_COLUMNS)
    })
}

/// The widest run of characters without a space that a wrapping place is given whole: the
/// widest a paragraph is laid out, so that nothing a paragraph shows changes.
const WORD_COLUMNS: usize = super::DEFAULT_WIDTH as usize;

/// `text` with each part between marks shown as `shown` says, and each painted span coloured
/// when `colour` is on.
fn written<'a>(
    text: &'a str,
    colour: bool,
    shown: impl for<'t> Fn(&'t str) -> Cow<'t, str>,
) -> Cow<'a, str> {
    if !text.contains(is_mark) {
        return shown(text);
    }
    let mut written = String::with_capacity(text.len() + 16);
    for (tone, part) in Spans(text) {
        let part = shown(part);
        match tone {
            Some(tone) if colour => {
                let style = tone.style();
                let _ = write!(written, "{style}{part}{style:#}");
            }
            _ => written.push_str(&part),
        }
    }
    Cow::Owned(written)
}

/// The parts of a text: painted spans with their tone, and the text between them.
struct Spans<'a>(&'a str);

impl<'a> Iterator for Spans<'a> {
    type Item = (Option<Tone>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let first = self.0.chars().next()?;
        if let Some((tone, inside, rest)) = painted_span(self.0) {
            self.0 = rest;
            return Some((Some(tone), inside));
        }
        // Up to the next mark that may begin a span (this one, if it is a mark, does not).
        let after_first = first.len_utf8();
        let end = self.0[after_first..]
            .find(|c| Tone::of_mark(c).is_some())
            .map_or(self.0.len(), |at| after_first + at);
        let (plain, rest) = self.0.split_at(end);
        self.0 = rest;
        Some((None, plain))
    }
}

/// A painted span at the start of `text`: its tone, what it holds, and the text after it.
fn painted_span(text: &str) -> Option<(Tone, &str, &str)> {
    let tone = Tone::of_mark(text.chars().next()?)?;
    let body = text[tone.mark().len_utf8()..].strip_prefix(KEY.as_str())?;
    let end = body.find(is_mark)?;
    let rest = body[end..].strip_prefix(END)?.strip_prefix(KEY.as_str())?;
    Some((tone, &body[..end], rest))
}

fn is_mark(c: char) -> bool {
    text::INTERNAL.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tone_has_its_own_mark() {
        for tone in TONES {
            assert_eq!(Tone::of_mark(tone.mark()), Some(tone));
            assert_ne!(tone.mark(), END);
        }
    }

    #[test]
    fn painted_text_is_coloured_only_with_colour_on() {
        let line = format!("{} · {}", paint(Tone::Breach, "K7QM2X"), "title");
        assert_eq!(styled(&line, false, Breaks::Shown), "K7QM2X · title");
        assert_eq!(
            styled(&line, true, Breaks::Shown),
            "\u{1b}[1m\u{1b}[31mK7QM2X\u{1b}[0m · title"
        );
    }

    #[test]
    fn typed_text_cannot_bring_escapes_or_marks() {
        let typed = "\u{1b}[2J\u{fdd6}x";
        let line = format!("{} {typed}", paint(Tone::Warning, typed));
        let written = styled(&line, true, Breaks::Shown);
        let escapes: Vec<&str> = written.split('\u{1b}').skip(1).collect();
        assert_eq!(escapes.len(), 3, "{written:?}");
        assert!(written.contains("\\u{1b}[2J\\u{fdd6}x\u{1b}[0m \\u{1b}[2J\\u{fdd6}x"));
    }

    #[test]
    fn a_mark_out_of_place_is_shown() {
        let stray = format!("a{}b", Tone::Breach.mark());
        assert_eq!(styled(&stray, true, Breaks::Kept), "a\\u{fdd7}b");
        let key = KEY.as_str();
        let unclosed = format!(
            "{}{key}{}{key}x{END}{key}",
            Tone::Breach.mark(),
            Tone::Heading.mark()
        );
        let shown = styled(&unclosed, false, Breaks::Kept);
        assert!(
            shown.starts_with("\\u{fdd7}") && shown.ends_with("x"),
            "{shown}"
        );
        assert_eq!(styled(&format!("{END}"), true, Breaks::Kept), "\\u{fdef}");
    }

    #[test]
    fn marks_typed_without_the_key_paint_nothing() {
        let forged = format!("{}breached{END}", Tone::Breach.mark());
        let written = styled(&forged, true, Breaks::Kept);
        assert!(!written.contains('\u{1b}'), "{written:?}");
        assert_eq!(written, "\\u{fdd7}breached\\u{fdef}");
        let other = |c: char| if c == END { Tone::Plain.mark() } else { END };
        let key: String = KEY.chars().map(other).collect();
        let wrong_key = format!("{}{key}breached{END}{key}", Tone::Breach.mark());
        assert!(!styled(&wrong_key, true, Breaks::Kept).contains('\u{1b}'));
    }
}
