//! Untrusted text made harmless to show (docs/rules.md §10). Every title, note and name comes from
//! a teammate's ledger or the contract, through git: a control character in it could move the
//! cursor, clear the screen, write the clipboard or forge a link on a terminal, and a bidirectional
//! control could make it read as something else. Here each such character is written visibly
//! instead (`\u{1b}`), so what is shown is what was typed.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::RangeInclusive;

/// Unicode's noncharacters set aside for a program's internal use: otss marks painted text
/// with them (see `output`), so typed text never carries them through.
pub const INTERNAL: RangeInclusive<char> = '\u{FDD0}'..='\u{FDEF}';

/// Whether a line break may stay one where the text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// A place for paragraphs: `\n` stays (and `\r\n` becomes `\n`).
    Kept,
    /// A place of one line (a list row, a heading, a status line): `\n` is shown as `\n`, so
    /// that it cannot start a line of its own.
    Shown,
}

/// Text for a place that allows paragraphs.
pub fn paragraph(text: &str) -> Cow<'_, str> {
    harmless(text, Breaks::Kept)
}

/// Text for a place of one line.
pub fn one_line(text: &str) -> Cow<'_, str> {
    harmless(text, Breaks::Shown)
}

/// Whether `c` is never written as it is, whatever the place: C0 controls but tab and line
/// feed, DEL, C1 controls, bidirectional controls and otss's internal markers.
pub fn is_hidden(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            true
        }
        c => INTERNAL.contains(&c),
    }
}

/// Whether `c` takes no visible room of its own: a control character (tab included), or a
/// zero-width or format character (U+200B, U+FEFF, the word joiner, variation selectors,
/// tag characters…). A name holding one could pass for another name that looks the same.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_hidden(c)
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// `text` with every hidden character (and, for `Breaks::Shown`, every line break) written
/// visibly; clean text is returned as it is.
pub fn harmless(text: &str, breaks: Breaks) -> Cow<'_, str> {
    let shown = |c: char| is_hidden(c) || (c == '\n' && breaks == Breaks::Shown);
    if !text.contains(shown) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `\r\n` is a line break written the Windows way: the `\n` decides.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' if breaks == Breaks::Shown => safe.push_str("\\n"),
            '\r' => safe.push_str("\\r"),
            c if is_hidden(c) => {
                let _ = write!(safe, "\\u{{{:x}}}", u32::from(c));
            }
            c => safe.push(c),
        }
    }
    Cow::Owned(safe)
}

/// `text` with every run of characters without a space that is wider than `columns` broken
/// into lines of at most `columns`: what a renderer that wraps text would show, at a cost that
/// grows with the text rather than with the square of its longest word (a teammate's title of
/// a million letters would otherwise take minutes to lay out).
pub fn wrappable(text: Cow<'_, str>, columns: usize) -> Cow<'_, str> {
    let mut run = 0;
    let mut broken: Option<String> = None;
    for (at, c) in text.char_indices() {
        let width = if c.is_whitespace() {
            run = 0;
            0
        } else {
            unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
        };
        if run + width > columns {
            let written = broken.get_or_insert_with(|| text[..at].to_string());
            written.push('\n');
            run = 0;
        }
        run += width;
        if let Some(written) = &mut broken {
            written.push(c);
        }
    }
    broken.map_or(text, Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::char::range;
    use proptest::prelude::*;

    #[test]
    fn only_runs_wider_than_the_place_are_broken() {
        let words = "a few words 中文";
        assert!(matches!(
            wrappable(Cow::Borrowed(words), 5),
            Cow::Borrowed(_)
        ));
        assert_eq!(wrappable(Cow::Borrowed("abcdefg hi"), 3), "abc\ndef\ng hi");
        assert_eq!(wrappable(Cow::Borrowed("巡检巡检巡"), 4), "巡检\n巡检\n巡");
        let long = "x".repeat(1_000_000);
        let broken = wrappable(Cow::Borrowed(&long), 60);
        assert!(broken.lines().all(|line| line.len() <= 60));
        assert_eq!(broken.replace('\n', ""), long);
    }

    #[test]
    fn characters_that_take_no_room_are_invisible() {
        for c in [
            '\t',
            '\u{200b}',
            '\u{feff}',
            '\u{2060}',
            '\u{e0041}',
            '\u{1b}',
            '\u{202e}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['a', '张', ' ', '.', '-', 'é'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(paragraph("\u{1b}[2Jx"), "\\u{1b}[2Jx");
        assert_eq!(
            paragraph("\u{1b}]52;c;aGVsbG8=\u{7}"),
            "\\u{1b}]52;c;aGVsbG8=\\u{7}"
        );
        assert_eq!(paragraph("a\u{9b}b\u{7f}\u{0}"), "a\\u{9b}b\\u{7f}\\u{0}");
    }

    #[test]
    fn bidirectional_controls_are_shown() {
        assert_eq!(paragraph("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(one_line("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(
            paragraph("\u{61c}\u{200e}\u{200f}"),
            "\\u{61c}\\u{200e}\\u{200f}"
        );
    }

    #[test]
    fn line_breaks_stay_in_paragraphs_and_show_in_one_line() {
        assert_eq!(paragraph("a\r\nb\nc\td"), "a\nb\nc\td");
        assert_eq!(one_line("a\r\nb\nc\td"), "a\\nb\\nc\td");
        assert_eq!(paragraph("a\rb"), "a\\rb");
        assert_eq!(one_line("a\r"), "a\\r");
    }

    #[test]
    fn internal_markers_are_never_passed_through() {
        assert_eq!(paragraph("\u{fdd0}x\u{fdef}"), "\\u{fdd0}x\\u{fdef}");
    }

    #[test]
    fn clean_text_costs_nothing() {
        for clean in [
            "CLB returns 502",
            "巡检：磁盘 91 %",
            "a\tb",
            "v1.2.3 <x> & *y*",
        ] {
            assert!(matches!(one_line(clean), Cow::Borrowed(_)), "{clean}");
        }
        assert!(matches!(paragraph("a\nb"), Cow::Borrowed(_)));
    }

    fn forbidden(breaks: Breaks) -> impl Fn(char) -> bool {
        move |c| is_hidden(c) || (breaks == Breaks::Shown && c == '\n')
    }

    /// Any text, heavy in the characters that matter here.
    fn hostile_text() -> impl Strategy<Value = String> {
        let hazard = prop_oneof![
            Just('\r'),
            Just('\n'),
            Just('\\'),
            range('\u{0}', '\u{1f}'),
            range('\u{7f}', '\u{9f}'),
            range('\u{2066}', '\u{2069}'),
            range('\u{fdd0}', '\u{fdef}'),
        ];
        let char = prop_oneof![any::<char>(), hazard];
        proptest::collection::vec(char, 0..40).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn nothing_hidden_ever_comes_out(text in hostile_text(), one in any::<bool>()) {
            let breaks = if one { Breaks::Shown } else { Breaks::Kept };
            let safe = harmless(&text, breaks);
            prop_assert!(!safe.contains(forbidden(breaks)), "{safe:?}");
            // Harmless text is harmless already.
            let again = harmless(&safe, breaks);
            prop_assert_eq!(again.as_ref(), safe.as_ref());
        }

        #[test]
        fn text_without_hidden_characters_is_unchanged(
            text in "[^\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\u{61c}\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{fdd0}-\u{fdef}]*",
        ) {
            prop_assert!(matches!(paragraph(&text), Cow::Borrowed(_)));
            prop_assert!(matches!(one_line(&text), Cow::Borrowed(_)));
        }
    }
}
