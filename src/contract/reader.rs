//! A checking reader over a TOML document that keeps every key's line, so that each problem
//! names the key, the line, what was found and what is allowed.
//!
//! Each table remembers the keys asked of it; whatever else it holds is an unknown key,
//! reported with the closest known one. Problems are collected, not returned at the first one,
//! so that a person fixes a contract in one pass.

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::zone::UnknownZone;
use crate::suggest::closest;
use crate::time::DurationError;

/// One thing wrong with a contract, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

/// What is wrong with a contract at a line. Keys are dotted (`sla.level1.response`); a value
/// is as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not TOML: what the TOML reader says, and the key and value of the line when it has them.
    Syntax {
        written: Option<(String, String)>,
        reason: String,
    },
    /// A key every contract needs.
    Missing { key: String },
    /// A key no contract has here, and what it may have been meant as.
    Unknown { key: String, suggestion: Suggestion },
    /// A key that must be a table, and what it is.
    NotATable { key: String, found: TomlType },
    /// A value that cannot be taken, and what is allowed.
    Invalid {
        key: String,
        written: String,
        allowed: Allowed,
    },
    /// Service hours that do not start before they end.
    HoursReversed { start: NaiveTime, end: NaiveTime },
    /// A date in a list of calendar corrections and in its opposite (keys of `[calendar]`).
    InBoth {
        date: NaiveDate,
        first: &'static str,
        second: &'static str,
    },
    /// Nothing more is known than that the contract could not be read.
    Unreadable,
}

/// What an unknown key may have been meant as: the closest known key (dotted), else every
/// key its table may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggestion {
    Near(String),
    Valid(Vec<&'static str>),
}

/// What a value may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    /// A service mode: `5x8` or `7x24`.
    Mode,
    /// A language: `zh` or `en`.
    Language,
    /// A resolution clock: `wall` or `service`.
    Clock,
    Zone(UnknownZone),
    /// A last day of the term no earlier than its first.
    NotBefore(NaiveDate),
    /// Text that says something.
    Text,
    /// `HH:MM`.
    TimeOfDay,
    Duration(DurationError),
    /// A budget longer than zero, at most `LONGEST_BUDGET`.
    Budget,
    /// A share of a budget, above 0 and at most 1.
    Share,
    /// A gap between rounds or checks: zero (none) up to `longest`.
    Gap {
        longest: chrono::TimeDelta,
    },
    /// A checklist of at least one item.
    Items,
    /// An item that says something and holds no `=`.
    Item(String),
    /// Each item once: this one is listed twice.
    ItemOnce(String),
    /// A person's name, with no character that cannot be seen.
    Name(String),
    /// A unit of capacity readings (docs/rules.md §4.9); this one is not.
    Unit(String),
    /// A threshold: a number, never negative.
    Threshold,
    /// A critical threshold above the warning one.
    AboveWarn,
    /// A whole number in this range, both ends included.
    Range {
        from: i64,
        to: i64,
    },
    Number,
    /// `YYYY-MM-DD`.
    Date,
    /// A value of another type.
    Type {
        expected: Expected,
        found: TomlType,
    },
}

/// The type a key needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    String,
    WholeNumber,
    Number,
    Strings,
    List,
    /// Strings, or tables such as `{ name = "…", unit = "%", warn = 80 }`.
    StringsOrTables,
}

/// The type of a value as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlType {
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
    Table,
}

impl TomlType {
    fn of(value: &DeValue) -> TomlType {
        match value {
            DeValue::String(_) => TomlType::String,
            DeValue::Integer(_) => TomlType::Integer,
            DeValue::Float(_) => TomlType::Float,
            DeValue::Boolean(_) => TomlType::Boolean,
            DeValue::Datetime(_) => TomlType::Datetime,
            DeValue::Array(_) => TomlType::Array,
            DeValue::Table(_) => TomlType::Table,
        }
    }
}

/// An element of a list of strings and tables.
pub enum Element<'i> {
    Text(String),
    Table(Table<'i>),
}

/// A value and where it was written.
pub struct Field<'i> {
    /// The dotted key, e.g. `hours.start`.
    pub key: String,
    pub line: usize,
    /// The value exactly as written in the file.
    pub written: &'i str,
    value: DeValue<'i>,
}

/// A table whose keys are being read.
pub struct Table<'i> {
    path: String,
    line: usize,
    entries: Vec<(Spanned<std::borrow::Cow<'i, str>>, Spanned<DeValue<'i>>)>,
    known: Vec<&'static str>,
}

pub struct Reader<'i> {
    text: &'i str,
    /// Where each line starts, so that finding an offset's line does not count newlines anew.
    line_starts: Vec<usize>,
    pub problems: Vec<Problem>,
}

impl<'i> Reader<'i> {
    /// Parses the document; a syntax error is the one problem returned.
    pub fn parse(text: &'i str) -> Result<(Reader<'i>, Table<'i>), Problem> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let reader = Reader {
            text,
            line_starts,
            problems: Vec::new(),
        };
        match DeTable::parse(text) {
            Ok(root) => {
                let table = reader.table(String::new(), root.span(), root.into_inner());
                Ok((reader, table))
            }
            Err(error) => Err(reader.syntax_problem(&error)),
        }
    }

    fn syntax_problem(&self, error: &toml::de::Error) -> Problem {
        let start = error.span().map(|s| s.start).unwrap_or_default();
        let line = self.line_of(start);
        let line_text = self.text.lines().nth(line - 1).unwrap_or_default();
        let written = match line_text.split_once('=') {
            Some((key, value)) if !key.trim_start().starts_with('[') => {
                Some((key.trim().to_string(), value.trim().to_string()))
            }
            _ => None,
        };
        let reason = error.message().trim_end().to_string();
        Problem {
            line,
            kind: ProblemKind::Syntax { written, reason },
        }
    }

    /// The line (from 1) holding the byte at `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|start| *start <= offset)
    }

    fn table(&self, path: String, span: Range<usize>, table: DeTable<'i>) -> Table<'i> {
        Table {
            path,
            line: self.line_of(span.start),
            entries: table.into_iter().collect(),
            known: Vec::new(),
        }
    }

    /// A table that holds nothing, standing for one the document leaves out, so that every
    /// key of it reads as absent.
    pub fn empty_table(&self, path: &str) -> Table<'i> {
        Table {
            path: path.to_string(),
            line: 1,
            entries: Vec::new(),
            known: Vec::new(),
        }
    }

    pub fn problem(&mut self, line: usize, kind: ProblemKind) {
        self.problems.push(Problem { line, kind });
    }

    /// Reports `field` as invalid: what was written and what is allowed.
    pub fn invalid(&mut self, field: &Field, allowed: Allowed) {
        let kind = ProblemKind::Invalid {
            key: field.key.clone(),
            written: field.written.to_string(),
            allowed,
        };
        self.problem(field.line, kind);
    }

    /// Takes `key` from `table`, if present.
    pub fn field(&mut self, table: &mut Table<'i>, key: &'static str) -> Option<Field<'i>> {
        table.known.push(key);
        let position = table.entries.iter().position(|(k, _)| k.get_ref() == key)?;
        let (_, value) = table.entries.remove(position);
        let span = value.span();
        Some(Field {
            key: table.key_path(key),
            line: self.line_of(span.start),
            written: self.text.get(span).unwrap_or_default(),
            value: value.into_inner(),
        })
    }

    /// Reads `key` from `table` with `read`, or gives `default` when the key is absent.
    /// `None` when the key is present but invalid (the problem is recorded).
    pub fn optional<T>(
        &mut self,
        table: &mut Table<'i>,
        key: &'static str,
        default: T,
        read: impl FnOnce(&mut Self, &Field<'i>) -> Option<T>,
    ) -> Option<T> {
        match self.field(table, key) {
            Some(field) => read(self, &field),
            None => Some(default),
        }
    }

    /// Takes `key` from `table`, reporting it when it is missing.
    pub fn required(&mut self, table: &mut Table<'i>, key: &'static str) -> Option<Field<'i>> {
        let field = self.field(table, key);
        if field.is_none() {
            let key = table.key_path(key);
            self.problem(table.line, ProblemKind::Missing { key });
        }
        field
    }

    /// Takes the sub-table `key` from `table`, if present.
    pub fn subtable(&mut self, table: &mut Table<'i>, key: &'static str) -> Option<Table<'i>> {
        table.known.push(key);
        let position = table.entries.iter().position(|(k, _)| k.get_ref() == key)?;
        let (_, value) = table.entries.remove(position);
        let span = value.span();
        let path = table.key_path(key);
        match value.into_inner() {
            DeValue::Table(inner) => Some(self.table(path, span, inner)),
            other => {
                let line = self.line_of(span.start);
                let found = TomlType::of(&other);
                self.problem(line, ProblemKind::NotATable { key: path, found });
                None
            }
        }
    }

    /// Reports every key of `table` that was not asked for.
    pub fn finish(&mut self, table: Table<'i>) {
        for (key, _) in &table.entries {
            let name = key.get_ref().as_ref();
            let line = self.line_of(key.span().start);
            let key = table.key_path(name);
            let suggestion = match closest(name, table.known.iter().copied()) {
                Some(near) => Suggestion::Near(table.key_path(near)),
                None => Suggestion::Valid(table.known.clone()),
            };
            self.problem(line, ProblemKind::Unknown { key, suggestion });
        }
    }

    pub fn string(&mut self, field: &Field) -> Option<String> {
        match &field.value {
            DeValue::String(s) => Some(s.to_string()),
            other => self.wrong_type(field, Expected::String, other),
        }
    }

    /// A string parsed by `parse`, which says what is allowed when it cannot; that is
    /// reported with the field.
    pub fn parsed<T>(
        &mut self,
        field: &Field,
        parse: impl FnOnce(&str) -> Result<T, Allowed>,
    ) -> Option<T> {
        let text = self.string(field)?;
        parse(&text).map_err(|e| self.invalid(field, e)).ok()
    }

    pub fn integer(&mut self, field: &Field, range: Range<i64>) -> Option<i64> {
        let value = match &field.value {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            other => return self.wrong_type(field, Expected::WholeNumber, other),
        };
        match value {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let (from, to) = (range.start, range.end - 1);
                self.invalid(field, Allowed::Range { from, to });
                None
            }
        }
    }

    /// A number, written as an integer or a float.
    pub fn number(&mut self, field: &Field) -> Option<f64> {
        let number = match &field.value {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse().ok(),
            other => return self.wrong_type(field, Expected::Number, other),
        };
        if number.is_none() {
            self.invalid(field, Allowed::Number);
        }
        number
    }

    /// A list whose elements are strings or tables; each table's keys are read as
    /// `KEY[N].NAME`.
    pub fn strings_or_tables(&mut self, field: &Field<'i>) -> Option<Vec<Element<'i>>> {
        let items = self.array(field)?.to_vec();
        let mut elements = Vec::with_capacity(items.len());
        for (n, item) in items.into_iter().enumerate() {
            let span = item.span();
            match item.into_inner() {
                DeValue::String(s) => elements.push(Element::Text(s.to_string())),
                DeValue::Table(table) => {
                    let path = format!("{}[{n}]", field.key);
                    elements.push(Element::Table(self.table(path, span, table)));
                }
                other => return self.wrong_type(field, Expected::StringsOrTables, &other),
            }
        }
        Some(elements)
    }

    /// A date, written as a TOML date (`2025-01-02`) or a string holding one.
    pub fn date(&mut self, field: &Field) -> Option<NaiveDate> {
        self.date_value(field, &field.value)
    }

    fn date_value(&mut self, field: &Field, value: &DeValue) -> Option<NaiveDate> {
        let date = match value {
            DeValue::Datetime(dt) if dt.time.is_none() => dt
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            DeValue::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        };
        if date.is_none() {
            self.invalid(field, Allowed::Date);
        }
        date
    }

    pub fn dates(&mut self, field: &Field) -> Option<Vec<NaiveDate>> {
        let items = self.array(field)?;
        items
            .iter()
            .map(|item| self.date_value(field, item.get_ref()))
            .collect()
    }

    pub fn strings(&mut self, field: &Field) -> Option<Vec<String>> {
        let items = self.array(field)?;
        let mut strings = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => strings.push(s.to_string()),
                other => return self.wrong_type(field, Expected::Strings, other),
            }
        }
        Some(strings)
    }

    fn array<'f, 'v>(&mut self, field: &'f Field<'v>) -> Option<&'f [Spanned<DeValue<'v>>]> {
        match &field.value {
            DeValue::Array(items) => Some(items),
            other => self.wrong_type(field, Expected::List, other),
        }
    }

    fn wrong_type<T>(&mut self, field: &Field, expected: Expected, found: &DeValue) -> Option<T> {
        let found = TomlType::of(found);
        self.invalid(field, Allowed::Type { expected, found });
        None
    }
}

impl Table<'_> {
    /// The line of the table's header (line 1 for the document itself).
    pub fn line(&self) -> usize {
        self.line
    }

    fn key_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}
