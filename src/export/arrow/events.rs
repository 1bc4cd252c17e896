//! The event table built straight into Arrow arrays: the same columns and
//! cells as the text table of the CSV export (`table::events`), without a
//! text cell per value. A timeline of millions of events is the table a
//! Python user asks for most; built from text cells it took about four
//! times as long (BENCHMARKS.md, "From Python").

use std::fmt::Write;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use chrono::{Datelike, NaiveDate};

use super::EPOCH_FROM_CE;
use crate::date::Date;
use crate::query::Event;
use crate::registry::Registry;

/// The three columns of a date: its EDTF text, its earliest and its latest
/// day (null for an open side).
struct DateColumns {
    text: StringBuilder,
    earliest: Date32Builder,
    latest: Date32Builder,
}

impl DateColumns {
    fn with_capacity(rows: usize) -> DateColumns {
        DateColumns {
            text: StringBuilder::with_capacity(rows, rows * 10),
            earliest: Date32Builder::with_capacity(rows),
            latest: Date32Builder::with_capacity(rows),
        }
    }

    fn push(&mut self, date: Option<&Date>) {
        let Some(date) = date else {
            self.text.append_null();
            self.earliest.append_null();
            self.latest.append_null();
            return;
        };
        // The text of a date is never empty; writing it in place spares a
        // String per cell.
        let _ = write!(self.text, "{date}");
        self.text.append_value("");
        self.earliest.append_option(date.earliest().map(day_number));
        self.latest.append_option(date.latest().map(day_number));
    }

    fn finish(mut self, name: &str, fields: &mut Vec<Field>, arrays: &mut Vec<ArrayRef>) {
        fields.push(Field::new(name, DataType::Utf8, true));
        fields.push(Field::new(
            format!("{name}_earliest"),
            DataType::Date32,
            true,
        ));
        fields.push(Field::new(format!("{name}_latest"), DataType::Date32, true));
        arrays.push(Arc::new(self.text.finish()));
        arrays.push(Arc::new(self.earliest.finish()));
        arrays.push(Arc::new(self.latest.finish()));
    }
}

fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce() - EPOCH_FROM_CE
}

/// The event table of `events` in their order; with `certain`, one more
/// column of that name holding its flags (one per event).
pub(super) fn batch<'r>(
    registry: &'r Registry,
    events: impl IntoIterator<Item = (Event<'r>, Option<bool>)>,
    with_certain: bool,
) -> Result<RecordBatch, ArrowError> {
    let events = events.into_iter();
    let rows = events.size_hint().0;
    let text = |bytes| StringBuilder::with_capacity(rows, rows * bytes);
    let (mut kind, mut entity_kind, mut key) = (text(14), text(8), text(16));
    let (mut partnership, mut label, mut qualifier) = (text(16), text(32), text(1));
    let mut date = DateColumns::with_capacity(rows);
    let mut end = DateColumns::with_capacity(rows);
    let mut certain = BooleanBuilder::with_capacity(rows);
    for (e, is_certain) in events {
        let subject = e.subject();
        // The kind's name is its label with underscores, as in the CSV
        // table: written label word by word, it needs no String.
        for (i, word) in e.kind().label().split(' ').enumerate() {
            if i > 0 {
                kind.write_char('_').map_err(fmt_error)?;
            }
            kind.write_str(word).map_err(fmt_error)?;
        }
        kind.append_value("");
        entity_kind.append_value(subject.kind().as_str());
        key.append_value(e.key());
        partnership.append_option(crate::analysis::partnership_of(registry, &subject));
        label.append_value(subject.label());
        date.push(Some(e.date()));
        end.push(e.end());
        match e.date().qualifier() {
            Some(q) => qualifier.append_value(q.symbol().encode_utf8(&mut [0; 4])),
            None => qualifier.append_null(),
        }
        certain.append_value(is_certain.unwrap_or(false));
    }
    let mut fields = Vec::with_capacity(13);
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(13);
    for (name, mut builder) in [
        ("kind", kind),
        ("entity_kind", entity_kind),
        ("key", key),
        ("partnership", partnership),
        ("label", label),
    ] {
        fields.push(Field::new(name, DataType::Utf8, true));
        arrays.push(Arc::new(builder.finish()));
    }
    date.finish("date", &mut fields, &mut arrays);
    end.finish("end", &mut fields, &mut arrays);
    fields.push(Field::new("qualifier", DataType::Utf8, true));
    arrays.push(Arc::new(qualifier.finish()));
    if with_certain {
        fields.push(Field::new("certain", DataType::Boolean, false));
        arrays.push(Arc::new(certain.finish()));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

fn fmt_error(_: std::fmt::Error) -> ArrowError {
    ArrowError::ComputeError("cannot write an event kind".to_owned())
}
