//! Standard output: buffered, a closed pipe ends quietly, and every listing
//! printed the same way as text, JSON or CSV.

use std::io::{self, BufWriter, Stdout, Write};

use serde_json::Value;

use crate::fail::Fail;

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns under a header line, for people.
    #[default]
    Text,
    /// A JSON array of objects, one a line, for programs.
    Json,
    /// CSV with a header row, for spreadsheets and SQL engines.
    Csv,
}

/// The `--format` flag of every listing.
#[derive(Debug, Clone, clap::Args)]
pub struct FormatArg {
    /// How to print the listing.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Buffered standard output.
pub struct Out {
    inner: BufWriter<Stdout>,
}

impl Out {
    /// Standard output, buffered.
    pub fn stdout() -> Out {
        Out {
            inner: BufWriter::new(io::stdout()),
        }
    }

    /// Writes one line.
    pub fn line(&mut self, text: &str) -> Result<(), Fail> {
        self.inner
            .write_all(text.as_bytes())
            .and_then(|()| self.inner.write_all(b"\n"))
            .map_err(|e| Fail::io("standard output", &e))
    }

    /// Writes bytes as they are.
    pub fn bytes(&mut self, bytes: &[u8]) -> Result<(), Fail> {
        self.inner
            .write_all(bytes)
            .map_err(|e| Fail::io("standard output", &e))
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> Result<(), Fail> {
        self.inner
            .flush()
            .map_err(|e| Fail::io("standard output", &e))
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A column of a listing: its name (the CSV header and JSON field) and its
/// width in text (0 for the last column, which is not padded).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The name.
    pub name: &'static str,
    /// The width in text, in characters.
    pub width: usize,
}

/// A column named `name`, `width` characters wide in text.
pub const fn col(name: &'static str, width: usize) -> Column {
    Column { name, width }
}

/// A listing being printed, row by row, so that a long one is never held
/// in memory whole.
pub struct Listing<'o> {
    out: &'o mut Out,
    format: Format,
    columns: &'static [Column],
    rows: usize,
}

impl<'o> Listing<'o> {
    /// Starts a listing of `columns` in `format`: prints the header.
    pub fn start(
        out: &'o mut Out,
        format: Format,
        columns: &'static [Column],
    ) -> Result<Listing<'o>, Fail> {
        let mut listing = Listing {
            out,
            format,
            columns,
            rows: 0,
        };
        match format {
            Format::Text => {
                let names: Vec<Value> = columns.iter().map(|c| Value::from(c.name)).collect();
                let line = listing.text_line(&names);
                listing.out.line(&line)?;
            }
            Format::Csv => {
                let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
                listing.csv_record(&names)?;
            }
            Format::Json => listing.out.bytes(b"[")?,
        }
        Ok(listing)
    }

    /// Prints one row: one value for each column, in order. Text shows
    /// `true` and `false` as `yes` and `no`, and an absent value as `-`.
    pub fn row(&mut self, cells: Vec<Value>) -> Result<(), Fail> {
        match self.format {
            Format::Text => {
                let line = self.text_line(&cells);
                self.out.line(&line)?;
            }
            Format::Csv => {
                let texts: Vec<String> = cells.iter().map(csv_text).collect();
                self.csv_record(&texts)?;
            }
            Format::Json => {
                let sep: &[u8] = if self.rows == 0 { b"\n" } else { b",\n" };
                self.out.bytes(sep)?;
                self.out
                    .bytes(json_object(self.columns, &cells).as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the listing; returns how many rows it had.
    pub fn finish(self) -> Result<usize, Fail> {
        if self.format == Format::Json {
            let end: &[u8] = if self.rows == 0 { b"]\n" } else { b"\n]\n" };
            self.out.bytes(end)?;
        }
        Ok(self.rows)
    }

    fn text_line(&self, cells: &[Value]) -> String {
        let mut line = String::new();
        let last = cells.len().saturating_sub(1);
        for (i, (cell, column)) in cells.iter().zip(self.columns).enumerate() {
            let text = text_of(cell);
            if i == last || column.width == 0 {
                line.push_str(&text);
            } else {
                let pad = column.width.saturating_sub(text.chars().count()).max(1);
                line.push_str(&text);
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line.truncate(line.trim_end().len());
        line
    }

    fn csv_record<S: AsRef<[u8]>>(&mut self, fields: &[S]) -> Result<(), Fail> {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        let bytes = writer
            .write_record(fields)
            .map_err(|e| Fail::Usage(format!("cannot write csv: {e}")))
            .and_then(|()| {
                writer
                    .into_inner()
                    .map_err(|e| Fail::Usage(format!("cannot write csv: {}", e.error())))
            })?;
        self.out.bytes(&bytes)
    }
}

/// A JSON object of the columns in their order (a map would sort them).
fn json_object(columns: &[Column], cells: &[Value]) -> String {
    let fields: Vec<String> = columns
        .iter()
        .zip(cells)
        .map(|(c, v)| format!("{}:{v}", Value::from(c.name)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

fn text_of(cell: &Value) -> String {
    match cell {
        Value::Null => "-".to_owned(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

fn csv_text(cell: &Value) -> String {
    match cell {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(csv_text).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_keep_the_order_of_the_columns() {
        let columns = [col("b", 0), col("a", 0)];
        let row = json_object(&columns, &[Value::from(1), Value::from("x")]);
        assert_eq!(row, r#"{"b":1,"a":"x"}"#);
    }

    #[test]
    fn text_cells_say_yes_no_and_dash() {
        assert_eq!(text_of(&Value::Bool(true)), "yes");
        assert_eq!(text_of(&Value::Bool(false)), "no");
        assert_eq!(text_of(&Value::Null), "-");
        assert_eq!(text_of(&serde_json::json!(["a", "b"])), "a,b");
    }

    #[test]
    fn csv_cells_leave_absent_values_empty_and_join_lists_with_semicolons() {
        assert_eq!(csv_text(&Value::Null), "");
        assert_eq!(csv_text(&serde_json::json!(["a", "b"])), "a;b");
        assert_eq!(csv_text(&Value::Bool(true)), "true");
    }
}
