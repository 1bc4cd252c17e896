//! The shape of an exported table: typed columns and rows of text cells,
//! and how each kind of value is written in a cell.

use crate::date::Date;
use crate::model::id::{Entity, Key};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text; empty when absent.
    Text,
    /// A day as `YYYY-MM-DD`; empty when absent or open.
    Day,
    /// A whole number; empty when absent.
    Count,
}

/// A table: named, typed columns and rows of text cells.
pub(crate) struct Table {
    pub(crate) columns: Vec<(String, Kind)>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn new(columns: &[&str], dates: &[&str], rows: impl Iterator<Item = Row>) -> Table {
        Table {
            columns: header(columns, dates),
            rows: rows.map(|r| r.0).collect(),
        }
    }
}

/// The columns that hold a list of keys joined with `;` (a key never
/// holds one).
pub(crate) const KEY_LISTS: [&str; 8] = [
    "parents",
    "parties",
    "signatories",
    "organizers",
    "participants",
    "owners",
    "tech_areas",
    "sources",
];

/// The columns that hold a list of free texts, as a JSON array of strings.
pub(crate) const TEXT_LISTS: [&str; 4] = ["authors", "aliases", "outcomes", "fields"];

/// The columns that hold a whole number.
pub(crate) const COUNTS: [&str; 4] = ["session", "agreements_signed", "position", "action"];

pub(super) fn sorted<E: Entity>(entities: &[E]) -> Vec<&E> {
    let mut v: Vec<&E> = entities.iter().collect();
    v.sort_by(|a, b| a.key().cmp(b.key()));
    v
}

/// A row under construction.
#[derive(Default)]
pub(super) struct Row(Vec<String>);

impl Row {
    pub(super) fn text(mut self, value: &str) -> Self {
        self.0.push(value.to_owned());
        self
    }
    pub(super) fn opt(self, value: Option<&str>) -> Self {
        self.text(value.unwrap_or(""))
    }
    pub(super) fn keys<E>(self, keys: &[Key<E>]) -> Self {
        let joined: Vec<&str> = keys.iter().map(Key::as_str).collect();
        self.text(&joined.join(";"))
    }
    /// A list of free texts, as a JSON array: unlike keys, texts may contain
    /// any separator.
    pub(super) fn texts<'a>(self, texts: impl Iterator<Item = &'a str>) -> Self {
        let texts: Vec<&str> = texts.collect();
        if texts.is_empty() {
            return self.text("");
        }
        self.text(&serde_json::to_string(&texts).unwrap_or_default())
    }
    pub(super) fn date(mut self, date: Option<&Date>) -> Self {
        let show = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.0.push(date.map(Date::to_string).unwrap_or_default());
        self.0
            .push(date.map(|d| show(d.earliest())).unwrap_or_default());
        self.0
            .push(date.map(|d| show(d.latest())).unwrap_or_default());
        self
    }
}

/// A header with the three columns of each date field.
fn header(columns: &[&str], dates: &[&str]) -> Vec<(String, Kind)> {
    columns
        .iter()
        .flat_map(|c| {
            if dates.contains(c) {
                vec![
                    ((*c).to_owned(), Kind::Text),
                    (format!("{c}_earliest"), Kind::Day),
                    (format!("{c}_latest"), Kind::Day),
                ]
            } else if COUNTS.contains(c) {
                vec![((*c).to_owned(), Kind::Count)]
            } else {
                vec![((*c).to_owned(), Kind::Text)]
            }
        })
        .collect()
}
