//! A table as read from a file, whatever its format: named columns and
//! rows of text cells, an empty or null cell read as absent.

/// One table read from a file.
pub(crate) struct Cells {
    /// The file's name within its directory (`mous.csv`), for messages.
    pub(crate) file: String,
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<Option<String>>>,
}

impl Cells {
    /// The position of the column called `name`.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The text of row `row` in column `column`; `None` when empty.
    pub(crate) fn get(&self, row: usize, column: Option<usize>) -> Option<&str> {
        let cell = self.rows.get(row)?.get(column?)?.as_deref()?;
        (!cell.is_empty()).then_some(cell)
    }
}
