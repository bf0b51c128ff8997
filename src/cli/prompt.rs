//! The one text prompt: a line typed at the terminal, drawn afresh after every key so that what
//! the screen shows is what is saved, wide (Chinese) characters included.
//!
//! A Backspace erases one character, whatever its width: the line is drawn again after it, so a
//! character two columns wide leaves no column behind that the screen and the answer would
//! disagree on.

use std::fmt;

use dialoguer::console::{Key, Term};
use dialoguer::theme::Theme;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Messages};

/// How every prompt draws itself: dialoguer's plain look, with the words it adds (the mark of
/// a refused answer, the yes or no echoed after a question) from the catalogue.
pub struct Worded {
    lang: Lang,
}

static IN_CHINESE: Worded = Worded { lang: Lang::Zh };
static IN_ENGLISH: Worded = Worded { lang: Lang::En };

/// The theme that speaks `m`'s language.
pub fn theme(m: &Messages) -> &'static Worded {
    match m.lang() {
        Lang::Zh => &IN_CHINESE,
        Lang::En => &IN_ENGLISH,
    }
}

impl Theme for Worded {
    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        write!(f, "{}{err}", self.lang.messages().answer_refused())
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        let said = selection.map(|yes| self.lang.messages().yes_or_no(yes));
        let shown: Vec<&str> = [Some(prompt), said].into_iter().flatten().collect();
        write!(f, "{}", shown.join(" ").trim())
    }
}

/// What an answer must be; the error says why it is not.
type Check<'a> = Box<dyn Fn(&str) -> Result<(), String> + 'a>;

pub struct TextPrompt<'a> {
    theme: &'static Worded,
    prompt: String,
    default: Option<String>,
    allow_empty: bool,
    check: Option<Check<'a>>,
}

/// The line being typed: its characters, and whether a wide character just erased left a blank
/// column before the cursor.
#[derive(Debug, Default, PartialEq, Eq)]
struct Line {
    chars: Vec<char>,
}

impl Line {
    fn key(&mut self, key: &Key) {
        match key {
            Key::Char(c) if !c.is_control() => self.chars.push(*c),
            Key::Backspace => {
                self.chars.pop();
            }
            _ => {}
        }
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

impl<'a> TextPrompt<'a> {
    pub fn new(m: &Messages, prompt: impl Into<String>) -> TextPrompt<'a> {
        TextPrompt {
            theme: theme(m),
            prompt: prompt.into(),
            default: None,
            allow_empty: false,
            check: None,
        }
    }

    /// The answer when Enter is pressed on an empty line.
    pub fn default(mut self, default: String) -> Self {
        self.default = Some(default);
        self
    }

    pub fn allow_empty(mut self, allow: bool) -> Self {
        self.allow_empty = allow;
        self
    }

    pub fn validate_with(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.check = Some(Box::new(check));
        self
    }

    /// Asks on standard error until an answer passes.
    pub fn interact_text(self) -> dialoguer::Result<String> {
        let term = Term::stderr();
        let theme = self.theme;
        loop {
            let typed = self.read_line(&term, theme)?;
            let answer = match (typed.is_empty(), &self.default) {
                (true, Some(default)) => default.clone(),
                _ => typed,
            };
            let refused = match &self.check {
                _ if answer.is_empty() && !self.allow_empty => Some(String::new()),
                Some(check) => check(&answer).err(),
                None => None,
            };
            match refused {
                Some(why) if why.is_empty() => continue,
                Some(why) => term.write_line(&drawn(|s| theme.format_error(s, &why)))?,
                None => {
                    let prompt = &self.prompt;
                    term.write_line(&drawn(|s| {
                        theme.format_input_prompt_selection(s, prompt, &answer)
                    }))?;
                    return Ok(answer);
                }
            }
        }
    }

    /// One line, drawn afresh after every key, until Enter.
    fn read_line(&self, term: &Term, theme: &dyn Theme) -> dialoguer::Result<String> {
        let default = self.default.as_deref();
        let prompt = drawn(|s| theme.format_input_prompt(s, &self.prompt, default));
        let mut line = Line::default();
        let mut shown = String::new();
        loop {
            erase(term, &shown)?;
            shown = format!("{prompt}{}", line.text());
            term.write_str(&shown)?;
            term.flush()?;
            match term.read_key()? {
                Key::Enter => break,
                key => line.key(&key),
            }
        }
        erase(term, &shown)?;
        Ok(line.text())
    }
}

/// Erases every row `shown` took on the terminal, not only the last, and leaves the cursor
/// where it began.
fn erase(term: &Term, shown: &str) -> std::io::Result<()> {
    let plain = dialoguer::console::strip_ansi_codes(shown);
    let rows = rows_taken(&plain, usize::from(term.size().1));
    term.clear_line()?;
    term.clear_last_lines(rows - 1)
}

/// The terminal rows `line` takes on a terminal `columns` wide, a wide character that does
/// not fit at the end of a row going to the next.
pub(super) fn rows_taken(line: &str, columns: usize) -> usize {
    let (mut rows, mut column) = (1, 0);
    for c in line.chars() {
        let width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if column + width > columns.max(2) {
            rows += 1;
            column = 0;
        }
        column += width;
    }
    rows
}

/// `head` and `items` after it, separated by commas, broken into lines of at most `columns`
/// between the items and never inside one (an item is shown whole as it is ticked), each
/// continuation indented two columns (docs/rules.md §10.13).
pub(super) fn listed(head: &str, items: &[&str], columns: usize) -> String {
    let mut written = head.to_string();
    let mut used = head.width();
    for (n, item) in items.iter().enumerate() {
        let comma = if n + 1 < items.len() { "," } else { "" };
        let width = item.width() + comma.len();
        if used + 1 + width > columns && used > CONTINUATION.len() {
            written.push('\n');
            written.push_str(CONTINUATION);
            used = CONTINUATION.len();
        } else {
            written.push(' ');
            used += 1;
        }
        written.push_str(item);
        written.push_str(comma);
        used += width;
    }
    written
}

/// The indentation of a line that continues the one above.
const CONTINUATION: &str = "  ";

/// What a theme draws. Drawing into a `String` cannot fail.
fn drawn(draw: impl FnOnce(&mut String) -> std::fmt::Result) -> String {
    let mut text = String::new();
    let _ = draw(&mut text);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_character_that_does_not_fit_goes_to_the_next_row() {
        assert_eq!(rows_taken("abcd", 4), 1);
        assert_eq!(rows_taken("abcde", 4), 2);
        // `巡` needs two columns: after `abc` one is left, so it starts the second row.
        assert_eq!(rows_taken("abc巡检", 4), 2);
        assert_eq!(rows_taken("abc巡检x", 4), 3);
    }

    #[test]
    fn a_list_breaks_between_its_items_within_the_columns() {
        let items = [
            "CVM 容量余量",
            "CBS 磁盘使用与增长",
            "TencentDB 存储与连接数",
            "COS 存储用量",
            "带宽与 EIP 配额",
        ];
        let head = "资源巡检：勾选正常的检查项（空格勾选，a 全选，回车确认）:";
        let written = listed(head, &items, 60);
        let lines: Vec<&str> = written.lines().collect();
        assert!(lines.iter().all(|l| l.width() <= 60), "{written}");
        assert!(lines[1..].iter().all(|l| l.starts_with("  ")), "{written}");
        for item in items {
            assert!(lines.iter().any(|l| l.contains(item)), "{item}: {written}");
        }
        assert_eq!(listed("ok:", &["a", "b"], 60), "ok: a, b");
    }

    fn typed(keys: &[Key]) -> Line {
        let mut line = Line::default();
        for key in keys {
            line.key(key);
        }
        line
    }

    fn chars(text: &str) -> Vec<Key> {
        text.chars().map(Key::Char).collect()
    }

    #[test]
    fn a_backspace_erases_one_character_whatever_its_width() {
        let mut keys = chars("天府证券有线");
        keys.push(Key::Backspace);
        keys.extend(chars("限公司"));
        let line = typed(&keys);
        assert_eq!(line.text(), "天府证券有限公司");
        let mut keys = chars("天府证券有线");
        keys.extend([Key::Backspace, Key::Backspace]);
        let line = typed(&keys);
        assert_eq!(
            (line.text().as_str(), line.text().as_str()),
            ("天府证券", "天府证券")
        );
        let mut keys = chars("ab");
        keys.push(Key::Backspace);
        assert_eq!(typed(&keys).text(), "a");
    }

    #[test]
    fn backspace_on_an_empty_line_and_control_keys_change_nothing() {
        let line = typed(&[
            Key::Backspace,
            Key::Char('\t'),
            Key::ArrowLeft,
            Key::Char('x'),
        ]);
        assert_eq!(line.text(), "x");
    }
}
