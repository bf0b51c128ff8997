//! Tables as CSV (RFC 4180): a header of column names, then a line per row; a null is an empty
//! field, and a field holding a comma, a quote or a line break is quoted.

use std::io::{self, Write};

use super::{Table, Value};

/// Writes the header line of `table`: its column names.
pub(super) fn header(out: &mut impl Write, table: &Table) -> io::Result<()> {
    write_line(out, table.columns.iter().map(|c| quoted(c.name)))
}

/// Writes a line per row.
pub(super) fn rows(out: &mut impl Write, rows: &[Vec<Value>]) -> io::Result<()> {
    for row in rows {
        let fields = row
            .iter()
            .map(|v| v.text().map(|t| quoted(&t)).unwrap_or_default());
        write_line(out, fields)?;
    }
    Ok(())
}

fn write_line(out: &mut impl Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    let line: Vec<String> = fields.collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

/// A field as CSV writes it: quoted, with quotes doubled, when it must be.
fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) || text.is_empty() {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::export::{Kind, column};

    #[test]
    fn fields_are_quoted_only_when_they_must_be_and_a_null_is_empty() {
        const COLUMNS: &[crate::store::export::Column] =
            &[column("text", Kind::Text), column("n", Kind::Int)];
        let mut table = Table::new("t", COLUMNS.to_vec());
        table.push(vec![Value::from("a, \"b\"\nc"), Value::Int(3)]);
        table.push(vec![Value::from(""), Value::Null]);
        table.push(vec![Value::from("plain"), Value::Int(-1)]);
        let mut written = Vec::new();
        header(&mut written, &table).unwrap();
        rows(&mut written, &table.rows).unwrap();
        let written = String::from_utf8(written).unwrap();
        assert_eq!(
            written,
            "text,n\r\n\"a, \"\"b\"\"\nc\",3\r\n\"\",\r\nplain,-1\r\n"
        );
    }
}
