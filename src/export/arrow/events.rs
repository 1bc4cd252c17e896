//! The event table built straight into Arrow arrays: the same columns and
//! cells as the text table of the CSV export (`table::events`), without a
//! text cell per value. A timeline of millions of events is the table a
//! Python user asks for most, so it is built for that reader:
//!
//! - text columns are `Utf8View`, which polars takes without a copy (from
//!   `Utf8` it copies every string into its own layout: about 25 to 170 ms
//!   a column of 2.8M rows, more than building it; a dictionary column it
//!   turns into a categorical, which took over a second);
//! - day numbers are read from the date as the library keeps them, with no
//!   calendar conversion;
//! - no `String` is made per cell: a date's text is written as the date
//!   makes it, without formatting machinery.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, StringViewBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use super::EPOCH_FROM_CE;
use crate::date::Date;
use crate::query::Event;
use crate::registry::Registry;

/// The `Date32` of a day number of the library's count, or `None` for the
/// open side of a date, which the library counts as `i32::MIN` (start) or
/// `i32::MAX` (end).
fn day32(n: i32) -> Option<i32> {
    (n != i32::MIN && n != i32::MAX).then(|| n - EPOCH_FROM_CE)
}

/// The three columns of a date: its EDTF text, its earliest and its latest
/// day (null for an open side).
struct DateColumns {
    text: StringViewBuilder,
    earliest: Date32Builder,
    latest: Date32Builder,
}

impl DateColumns {
    fn with_capacity(rows: usize) -> DateColumns {
        DateColumns {
            text: StringViewBuilder::with_capacity(rows),
            earliest: Date32Builder::with_capacity(rows),
            latest: Date32Builder::with_capacity(rows),
        }
    }

    /// Appends `date` (a null row for `None`).
    fn push(&mut self, date: Option<&Date>) {
        let Some(date) = date else {
            self.text.append_null();
            self.earliest.append_null();
            self.latest.append_null();
            return;
        };
        date.with_text(|text| self.text.append_value(text));
        self.earliest
            .append_option(day32(date.earliest_day_number()));
        self.latest.append_option(day32(date.latest_day_number()));
    }

    fn finish(mut self, name: &str, fields: &mut Vec<Field>, arrays: &mut Vec<ArrayRef>) {
        fields.push(Field::new(name, DataType::Utf8View, true));
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

/// The builders of every column, with room for `rows` rows.
struct Columns {
    kind: StringViewBuilder,
    entity_kind: StringViewBuilder,
    key: StringViewBuilder,
    partnership: StringViewBuilder,
    label: StringViewBuilder,
    date: DateColumns,
    end: DateColumns,
    qualifier: StringViewBuilder,
    certain: BooleanBuilder,
}

impl Columns {
    fn with_capacity(rows: usize) -> Columns {
        let text = || StringViewBuilder::with_capacity(rows);
        Columns {
            kind: text(),
            entity_kind: text(),
            key: text(),
            partnership: text(),
            label: text(),
            date: DateColumns::with_capacity(rows),
            end: DateColumns::with_capacity(rows),
            qualifier: text(),
            certain: BooleanBuilder::with_capacity(rows),
        }
    }

    fn push(&mut self, registry: &Registry, e: &Event<'_>, certain: bool) {
        let subject = e.subject();
        self.kind.append_value(e.kind().as_str());
        self.entity_kind.append_value(subject.kind().as_str());
        self.key.append_value(e.key());
        self.partnership
            .append_option(crate::analysis::partnership_of(registry, &subject));
        self.label.append_value(subject.label());
        let date = e.date();
        self.date.push(Some(date));
        self.end.push(e.end());
        match date.qualifier() {
            Some(q) => self
                .qualifier
                .append_value(q.symbol().encode_utf8(&mut [0; 4])),
            None => self.qualifier.append_null(),
        }
        self.certain.append_value(certain);
    }

    fn finish(mut self, with_certain: bool) -> Result<RecordBatch, ArrowError> {
        let mut fields = Vec::with_capacity(13);
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(13);
        for (name, builder) in [
            ("kind", &mut self.kind),
            ("entity_kind", &mut self.entity_kind),
            ("key", &mut self.key),
            ("partnership", &mut self.partnership),
            ("label", &mut self.label),
        ] {
            fields.push(Field::new(name, DataType::Utf8View, true));
            arrays.push(Arc::new(builder.finish()));
        }
        self.date.finish("date", &mut fields, &mut arrays);
        self.end.finish("end", &mut fields, &mut arrays);
        fields.push(Field::new("qualifier", DataType::Utf8View, true));
        arrays.push(Arc::new(self.qualifier.finish()));
        if with_certain {
            fields.push(Field::new("certain", DataType::Boolean, false));
            arrays.push(Arc::new(self.certain.finish()));
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
    }
}

/// The event table of `events` in their order; with `certain`, one more
/// column of that name holding its flags (one per event, false when
/// `None`).
pub(super) fn batch<'r>(
    registry: &'r Registry,
    events: impl IntoIterator<Item = (Event<'r>, Option<bool>)>,
    with_certain: bool,
) -> Result<RecordBatch, ArrowError> {
    let events = events.into_iter();
    let mut columns = Columns::with_capacity(events.size_hint().0);
    for (e, certain) in events {
        columns.push(registry, &e, certain.unwrap_or(false));
    }
    columns.finish(with_certain)
}
