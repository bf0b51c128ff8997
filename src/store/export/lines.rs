//! Tables as JSON lines: one object per row, keyed by column name, a null as `null`.

use std::io::{self, Write};

use serde_json::Value as Json;

use super::{Column, Value};

/// Writes an object per row, keyed by the names of `columns`.
pub(super) fn rows(
    out: &mut impl Write,
    columns: &[Column],
    rows: &[Vec<Value>],
) -> io::Result<()> {
    for row in rows {
        out.write_all(b"{")?;
        for (at, (column, value)) in columns.iter().zip(row).enumerate() {
            if at > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, column.name)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut *out, &json(value))?;
        }
        out.write_all(b"}\n")?;
    }
    Ok(())
}

fn json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Int(n) => Json::from(*n),
        Value::Bool(b) => Json::Bool(*b),
        other => other.text().map_or(Json::Null, Json::String),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::export::{Kind, Table, column};

    #[test]
    fn each_row_is_an_object_of_typed_values() {
        const COLUMNS: &[Column] = &[
            column("at", Kind::Timestamp),
            column("n", Kind::Int),
            column("ok", Kind::Bool),
            column("note", Kind::Text),
        ];
        let mut table = Table::new("t", COLUMNS.to_vec());
        let at = "2025-03-04T02:00:00Z".parse().unwrap();
        table.push(vec![
            Value::Timestamp(at),
            Value::Int(2),
            true.into(),
            Value::Null,
        ]);
        let mut written = Vec::new();
        rows(&mut written, &table.columns, &table.rows).unwrap();
        let written = String::from_utf8(written).unwrap();
        assert_eq!(
            written,
            "{\"at\":\"2025-03-04T02:00:00Z\",\"n\":2,\"ok\":true,\"note\":null}\n"
        );
    }
}
