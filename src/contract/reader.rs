//! A checking reader over a TOML document that keeps every key's line, so that each problem
//! names the key, the line, what was found and what is allowed.
//!
//! Each table remembers the keys asked of it; whatever else it holds is an unknown key,
//! reported with the closest known one. Problems are collected, not returned at the first one,
//! so that a person fixes a contract in one pass.

use std::fmt::Display;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::suggest::closest;

/// One thing wrong with a contract, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
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
        let message = error.message().trim_end();
        let message = match line_text.split_once('=') {
            Some((key, value)) if !key.trim_start().starts_with('[') => {
                format!("`{}` = {}: {message}", key.trim(), value.trim())
            }
            _ => format!("not valid TOML: {message}"),
        };
        Problem { line, message }
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

    pub fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            line,
            message: message.into(),
        });
    }

    /// Reports `field` as invalid: what was written and what is allowed.
    pub fn invalid(&mut self, field: &Field, allowed: impl Display) {
        let message = format!("`{}` = {}: {allowed}", field.key, field.written);
        self.problem(field.line, message);
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
            self.problem(table.line, format!("`{key}` is required but missing"));
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
                self.problem(
                    line,
                    format!("`{path}` must be a table, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// Reports every key of `table` that was not asked for.
    pub fn finish(&mut self, table: Table<'i>) {
        for (key, _) in &table.entries {
            let name = key.get_ref().as_ref();
            let line = self.line_of(key.span().start);
            let path = table.key_path(name);
            let hint = match closest(name, table.known.iter().copied()) {
                Some(near) => format!("did you mean `{}`?", table.key_path(near)),
                None => format!("valid keys here: {}", table.known.join(", ")),
            };
            self.problem(line, format!("unknown key `{path}`; {hint}"));
        }
    }

    pub fn string(&mut self, field: &Field) -> Option<String> {
        match &field.value {
            DeValue::String(s) => Some(s.to_string()),
            other => self.wrong_type(field, "a string", other),
        }
    }

    /// A string parsed by `parse`; a parse error is reported with the field.
    pub fn parsed<T, E: Display>(
        &mut self,
        field: &Field,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.string(field)?;
        parse(&text).map_err(|e| self.invalid(field, e)).ok()
    }

    pub fn integer(&mut self, field: &Field, range: Range<i64>) -> Option<i64> {
        let value = match &field.value {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            other => return self.wrong_type(field, "a whole number", other),
        };
        match value {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let allowed = format!("must be from {} to {}", range.start, range.end - 1);
                self.invalid(field, allowed);
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
            other => return self.wrong_type(field, "a number", other),
        };
        if number.is_none() {
            self.invalid(field, "must be a number");
        }
        number
    }

    /// A date, written as a TOML date (`2025-01-02`) or a string holding one.
    pub fn date(&mut self, field: &Field) -> Option<NaiveDate> {
        self.date_value(field, &field.value)
    }

    fn date_value(&mut self, field: &Field, value: &DeValue) -> Option<NaiveDate> {
        const ALLOWED: &str = "must be a date, YYYY-MM-DD";
        let date = match value {
            DeValue::Datetime(dt) if dt.time.is_none() => dt
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            DeValue::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        };
        if date.is_none() {
            self.invalid(field, ALLOWED);
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
                other => return self.wrong_type(field, "a list of strings", other),
            }
        }
        Some(strings)
    }

    fn array<'f, 'v>(&mut self, field: &'f Field<'v>) -> Option<&'f [Spanned<DeValue<'v>>]> {
        match &field.value {
            DeValue::Array(items) => Some(items),
            other => self.wrong_type(field, "a list [ … ]", other),
        }
    }

    fn wrong_type<T>(&mut self, field: &Field, expected: &str, found: &DeValue) -> Option<T> {
        self.invalid(
            field,
            format!("must be {expected}, not {}", found.type_str()),
        );
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
