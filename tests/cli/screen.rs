//! What a terminal would show after a pseudo-terminal session: the bytes replayed on a grid
//! `columns` wide that wraps long lines, with the cursor moves and erasures prompts use.

/// The screen's rows once `written` has been replayed, trailing blanks dropped.
pub fn shown(written: &str, columns: usize) -> Vec<String> {
    let mut screen = Screen::default();
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => screen.column = 0,
            '\n' => screen.row += 1,
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut argument = String::new();
                while let Some(c) = chars.next_if(|c| !c.is_ascii_alphabetic()) {
                    argument.push(c);
                }
                let command = chars.next().unwrap_or(' ');
                screen.control(command, argument.parse().unwrap_or(1));
            }
            c if c.is_control() => {}
            c => screen.put(c, columns),
        }
    }
    screen
        .rows
        .iter()
        .map(|row| row.iter().collect::<String>().trim_end().to_string())
        .collect()
}

#[derive(Default)]
struct Screen {
    rows: Vec<Vec<char>>,
    row: usize,
    column: usize,
}

impl Screen {
    fn put(&mut self, c: char, columns: usize) {
        if self.column >= columns {
            self.row += 1;
            self.column = 0;
        }
        let row = self.row_mut();
        row.resize(row.len().max(columns), ' ');
        let column = self.column;
        self.row_mut()[column] = c;
        self.column += 1;
    }

    fn row_mut(&mut self) -> &mut Vec<char> {
        if self.rows.len() <= self.row {
            self.rows.resize(self.row + 1, Vec::new());
        }
        &mut self.rows[self.row]
    }

    /// `ESC [ n A` and `B` move up and down; `ESC [ 2K` and `ESC [ K` erase; colours are
    /// ignored.
    fn control(&mut self, command: char, n: usize) {
        match command {
            'A' => self.row = self.row.saturating_sub(n),
            'B' => self.row += n,
            'K' if n == 2 => self.row_mut().clear(),
            'K' => {
                let column = self.column;
                self.row_mut().truncate(column);
            }
            _ => {}
        }
    }
}
