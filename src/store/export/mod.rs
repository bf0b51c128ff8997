//! Tables of derived facts written for analytics engines (docs/rules.md §11): one file per
//! table, as Parquet, CSV or JSON lines, each column of one of a few plain types.

mod delimited;
mod lines;
mod parquet;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::StoreError;
use super::files::WholeFile;

/// The version of the tables' schema: a column added keeps it, a column renamed, removed or
/// retyped raises it.
pub const SCHEMA_VERSION: u32 = 1;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Bool,
    /// An instant, in UTC.
    Timestamp,
    Date,
}

/// A column: its name and the type of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

/// A column of `kind` named `name`.
pub const fn column(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

/// One value of a row; `Null` where a fact is not known or does not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
    Timestamp(DateTime<Utc>),
    Date(NaiveDate),
}

impl Value {
    /// The value as text, as CSV writes it; `None` for null.
    fn text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Text(text) => Some(text.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Timestamp(t) => Some(t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            Value::Date(d) => Some(d.to_string()),
        }
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(n.into())
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u8> for Value {
    fn from(n: u8) -> Value {
        Value::Int(n.into())
    }
}

impl From<DateTime<Utc>> for Value {
    fn from(t: DateTime<Utc>) -> Value {
        Value::Timestamp(t)
    }
}

impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Value {
        Value::Date(d)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

/// A table: its name, its columns, and its rows, each a value for every column in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new(name: &'static str, columns: Vec<Column>) -> Table {
        Table {
            name,
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row of one value per column.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row of {}", self.name);
        self.rows.push(row);
    }
}

/// The file formats tables are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Parquet,
    Csv,
    Jsonl,
}

impl TableFormat {
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Parquet => "parquet",
            TableFormat::Csv => "csv",
            TableFormat::Jsonl => "jsonl",
        }
    }
}

/// Tables being written to a directory, one file each, their rows appended as they come:
/// never all held at once. Each file is written whole (`WholeFile`): it takes its name only
/// once finished, and an export that fails leaves nothing behind, nor writes through a link.
pub struct TableWriters {
    files: Vec<(WholeFile, TableWriter)>,
}

/// The file of one table being written.
enum TableWriter {
    Parquet(parquet::Writer),
    Csv(BufWriter<fs::File>),
    Jsonl(BufWriter<fs::File>, Vec<Column>),
}

impl TableWriters {
    /// Starts a file `NAME.EXT` in `dir` (made if missing) for each of `tables`, whose
    /// columns the rows appended will have.
    pub fn create(
        dir: &Path,
        tables: &[Table],
        format: TableFormat,
    ) -> Result<TableWriters, StoreError> {
        let mut files = Vec::with_capacity(tables.len());
        for table in tables {
            let path = dir.join(format!("{}.{}", table.name, format.extension()));
            let (whole, file) = WholeFile::create(&path)?;
            let writer = TableWriter::create(file, table, format).map_err(|e| whole.failed(e))?;
            files.push((whole, writer));
        }
        Ok(TableWriters { files })
    }

    /// Appends the rows of `tables`, the tables the writers were made for in the same order.
    pub fn append(&mut self, tables: Vec<Table>) -> Result<(), StoreError> {
        for ((whole, writer), table) in self.files.iter_mut().zip(tables) {
            writer.append(table.rows).map_err(|e| whole.failed(e))?;
        }
        Ok(())
    }

    /// Finishes every file, and returns the files written.
    pub fn finish(self) -> Result<Vec<PathBuf>, StoreError> {
        let mut written = Vec::with_capacity(self.files.len());
        for (whole, writer) in self.files {
            writer.finish().map_err(|e| whole.failed(e))?;
            written.push(whole.path().to_path_buf());
            whole.commit()?;
        }
        Ok(written)
    }
}

impl TableWriter {
    fn create(file: fs::File, table: &Table, format: TableFormat) -> io::Result<TableWriter> {
        Ok(match format {
            TableFormat::Parquet => TableWriter::Parquet(parquet::Writer::create(file, table)?),
            TableFormat::Csv => {
                let mut out = BufWriter::new(file);
                delimited::header(&mut out, table)?;
                TableWriter::Csv(out)
            }
            TableFormat::Jsonl => TableWriter::Jsonl(BufWriter::new(file), table.columns.clone()),
        })
    }

    fn append(&mut self, rows: Vec<Vec<Value>>) -> io::Result<()> {
        match self {
            TableWriter::Parquet(writer) => writer.append(rows),
            TableWriter::Csv(out) => delimited::rows(out, &rows),
            TableWriter::Jsonl(out, columns) => lines::rows(out, columns, &rows),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            TableWriter::Parquet(writer) => writer.finish(),
            TableWriter::Csv(out) | TableWriter::Jsonl(out, _) => finish(out),
        }
    }
}

/// What says that writing to `path` failed.
fn finish(mut out: BufWriter<fs::File>) -> io::Result<()> {
    out.flush()?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()
}
