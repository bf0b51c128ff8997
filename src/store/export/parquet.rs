//! Tables as Parquet: one optional column per column of the table, Snappy-compressed, the
//! schema's version in the file's metadata under `otss.schema`.

use std::fs::File;
use std::io;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;

use super::{Kind, SCHEMA_VERSION, Table, Value};

/// Rows a row group holds at most: a few megabytes of the widest table.
const ROW_GROUP_ROWS: usize = 64 * 1024;

/// A table being written as Parquet: rows are held until a row group is full.
pub(super) struct Writer {
    file: SerializedFileWriter<File>,
    columns: Vec<Kind>,
    pending: Vec<Vec<Value>>,
}

impl Writer {
    /// Starts the file of `table`, whose columns the rows appended will have.
    pub(super) fn create(file: File, table: &Table) -> io::Result<Writer> {
        let schema = Arc::new(parse_message_type(&message_type(table)).map_err(io::Error::other)?);
        let version = KeyValue::new("otss.schema".to_string(), SCHEMA_VERSION.to_string());
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_key_value_metadata(Some(vec![version]))
            .build();
        let file = SerializedFileWriter::new(file, schema, Arc::new(properties))
            .map_err(io::Error::other)?;
        Ok(Writer {
            file,
            columns: table.columns.iter().map(|c| c.kind).collect(),
            pending: Vec::new(),
        })
    }

    /// Adds rows, writing a row group each time `ROW_GROUP_ROWS` are held.
    pub(super) fn append(&mut self, rows: Vec<Vec<Value>>) -> io::Result<()> {
        self.pending.extend(rows);
        while self.pending.len() >= ROW_GROUP_ROWS {
            let rest = self.pending.split_off(ROW_GROUP_ROWS);
            let full = std::mem::replace(&mut self.pending, rest);
            self.write_group(&full).map_err(io::Error::other)?;
        }
        Ok(())
    }

    /// Writes the rows still held and closes the file.
    pub(super) fn finish(mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        if !rest.is_empty() {
            self.write_group(&rest).map_err(io::Error::other)?;
        }
        self.file.close().map_err(io::Error::other)?;
        Ok(())
    }

    fn write_group(&mut self, rows: &[Vec<Value>]) -> Result<(), ParquetError> {
        let mut group = self.file.next_row_group()?;
        let mut index = 0;
        while let Some(mut column) = group.next_column()? {
            write_column(&mut column, self.columns[index], rows, index)?;
            column.close()?;
            index += 1;
        }
        group.close()?;
        Ok(())
    }
}

/// The Parquet schema of the table, in Parquet's message syntax.
fn message_type(table: &Table) -> String {
    let fields: String = table
        .columns
        .iter()
        .map(|c| {
            let (physical, logical) = parquet_type(c.kind);
            format!("optional {physical} {}{logical};", c.name)
        })
        .collect();
    format!("message {} {{ {fields} }}", table.name)
}

/// The physical type a kind is stored as, and its logical type, if any.
fn parquet_type(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Text => ("binary", " (STRING)"),
        Kind::Int => ("int64", ""),
        Kind::Bool => ("boolean", ""),
        Kind::Timestamp => ("int64", " (TIMESTAMP(MICROS,true))"),
        Kind::Date => ("int32", " (DATE)"),
    }
}

/// Writes column `index` of `rows`: the values present, and a definition level per row that
/// tells a value (1) from a null (0).
fn write_column(
    column: &mut SerializedColumnWriter,
    kind: Kind,
    rows: &[Vec<Value>],
    index: usize,
) -> Result<(), ParquetError> {
    let values = rows.iter().map(|row| &row[index]);
    let levels: Vec<i16> = values
        .clone()
        .map(|v| i16::from(*v != Value::Null))
        .collect();
    let levels = Some(levels.as_slice());
    match kind {
        Kind::Text => {
            let texts: Vec<ByteArray> = values.filter_map(text).collect();
            column
                .typed::<ByteArrayType>()
                .write_batch(&texts, levels, None)?;
        }
        Kind::Int | Kind::Timestamp => {
            let numbers: Vec<i64> = values.filter_map(int64).collect();
            column
                .typed::<Int64Type>()
                .write_batch(&numbers, levels, None)?;
        }
        Kind::Bool => {
            let flags: Vec<bool> = values.filter_map(boolean).collect();
            column
                .typed::<BoolType>()
                .write_batch(&flags, levels, None)?;
        }
        Kind::Date => {
            let days: Vec<i32> = values.filter_map(days_since_epoch).collect();
            column
                .typed::<Int32Type>()
                .write_batch(&days, levels, None)?;
        }
    }
    Ok(())
}

fn text(value: &Value) -> Option<ByteArray> {
    match value {
        Value::Text(text) => Some(ByteArray::from(text.as_str())),
        _ => None,
    }
}

fn int64(value: &Value) -> Option<i64> {
    match value {
        Value::Int(n) => Some(*n),
        Value::Timestamp(t) => Some(t.timestamp_micros()),
        _ => None,
    }
}

fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

fn days_since_epoch(value: &Value) -> Option<i32> {
    match value {
        Value::Date(d) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
            i32::try_from((*d - epoch).num_days()).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::export::{Column, column};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    #[test]
    fn rows_appended_in_batches_read_back_in_order_in_full_row_groups() {
        const COLUMNS: &[Column] = &[column("n", Kind::Int)];
        let table = Table::new("numbers", COLUMNS.to_vec());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.parquet");
        let mut writer = Writer::create(File::create(&path).unwrap(), &table).unwrap();
        let total = ROW_GROUP_ROWS + ROW_GROUP_ROWS / 2;
        let numbers: Vec<i64> = (0..total as i64).collect();
        for batch in numbers.chunks(10_000) {
            writer
                .append(batch.iter().map(|n| vec![Value::Int(*n)]).collect())
                .unwrap();
        }
        writer.finish().unwrap();

        let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
        let groups: Vec<i64> = (0..reader.num_row_groups())
            .map(|g| reader.metadata().row_group(g).num_rows())
            .collect();
        assert_eq!(
            groups,
            vec![ROW_GROUP_ROWS as i64, (ROW_GROUP_ROWS / 2) as i64]
        );
        let read: Vec<i64> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| match row.unwrap().into_columns().remove(0).1 {
                Field::Long(n) => n,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(read, numbers);
    }

    #[test]
    fn a_table_reads_back_value_for_value_with_its_schema_version() {
        const COLUMNS: &[Column] = &[
            column("id", Kind::Text),
            column("n", Kind::Int),
            column("ok", Kind::Bool),
            column("at", Kind::Timestamp),
            column("day", Kind::Date),
        ];
        let mut table = Table::new("things", COLUMNS.to_vec());
        let at: chrono::DateTime<chrono::Utc> = "2025-03-04T02:00:00Z".parse().unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        table.push(vec![
            "a".into(),
            Value::Int(7),
            true.into(),
            at.into(),
            day.into(),
        ]);
        table.push(vec![
            Value::Null,
            Value::Null,
            false.into(),
            Value::Null,
            Value::Null,
        ]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("things.parquet");
        let mut writer = Writer::create(File::create(&path).unwrap(), &table).unwrap();
        writer.append(table.rows.clone()).unwrap();
        writer.finish().unwrap();

        let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
        let metadata = reader.metadata().file_metadata();
        let version = metadata.key_value_metadata().unwrap();
        assert_eq!(version[0].value.as_deref(), Some("1"));
        let rows: Vec<Vec<Field>> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                row.unwrap()
                    .into_columns()
                    .into_iter()
                    .map(|(_, f)| f)
                    .collect()
            })
            .collect();
        assert_eq!(rows[0][0], Field::Str("a".to_string()));
        assert_eq!(rows[0][1], Field::Long(7));
        assert_eq!(rows[0][2], Field::Bool(true));
        assert_eq!(rows[0][3], Field::TimestampMicros(at.timestamp_micros()));
        assert_eq!(rows[0][4], Field::Date(20151));
        assert_eq!(
            rows[1],
            vec![
                Field::Null,
                Field::Null,
                Field::Bool(false),
                Field::Null,
                Field::Null
            ]
        );
    }
}
