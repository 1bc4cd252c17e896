//! The small tables of answers that are not events: what is in force, the
//! states of commitments, the gaps between meetings, the ready-made
//! counts. Events and entities come from the library's own tables
//! (`pactum::export::arrow`).

use std::sync::Arc;

use pactum::analysis::{ActivityByYear, Tally, YearCounts};
use pactum::export::arrow::arrow_array::{
    ArrayRef, BooleanArray, Int32Array, Int64Array, RecordBatch, StringArray, UInt32Array,
};
use pactum::export::arrow::arrow_schema::{ArrowError, DataType, Field, Schema};
use pactum::{Agreement, CommitmentHit, Gap, InForce, InForceFor};

/// A column under construction: a name and its values.
enum Column {
    Text(&'static str, Vec<Option<String>>),
    Flag(&'static str, Vec<bool>),
    Count(&'static str, Vec<u32>),
    Year(&'static str, Vec<i32>),
    Days(&'static str, Vec<Option<i64>>),
}

fn batch(columns: Vec<Column>) -> Result<RecordBatch, ArrowError> {
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    for column in columns {
        let (field, array): (Field, ArrayRef) = match column {
            Column::Text(n, v) => (
                Field::new(n, DataType::Utf8, true),
                Arc::new(StringArray::from(v)),
            ),
            Column::Flag(n, v) => (
                Field::new(n, DataType::Boolean, false),
                Arc::new(BooleanArray::from(v)),
            ),
            Column::Count(n, v) => (
                Field::new(n, DataType::UInt32, false),
                Arc::new(UInt32Array::from(v)),
            ),
            Column::Year(n, v) => (
                Field::new(n, DataType::Int32, false),
                Arc::new(Int32Array::from(v)),
            ),
            Column::Days(n, v) => (
                Field::new(n, DataType::Int64, true),
                Arc::new(Int64Array::from(v)),
            ),
        };
        fields.push(field);
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

/// The columns `entity_kind,key,name,certain` of agreements in force,
/// which both in-force tables begin with.
fn agreement_columns<'r>(rows: impl Iterator<Item = (Agreement<'r>, bool)>) -> Vec<Column> {
    let (mut kind, mut key, mut name, mut certain) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (agreement, is_certain) in rows {
        kind.push(Some(agreement.entity().as_str().to_owned()));
        key.push(Some(agreement.key().to_owned()));
        name.push(Some(agreement.label().to_owned()));
        certain.push(is_certain);
    }
    vec![
        Column::Text("entity_kind", kind),
        Column::Text("key", key),
        Column::Text("name", name),
        Column::Flag("certain", certain),
    ]
}

/// `entity_kind,key,name,certain`: agreements in force on a day.
pub(crate) fn in_force(rows: &[InForce<'_>]) -> Result<RecordBatch, ArrowError> {
    batch(agreement_columns(
        rows.iter().map(|r| (r.agreement(), r.is_certain())),
    ))
}

/// `entity_kind,key,name,certain,through`: agreements in force for a
/// party on a day (`through`: the predecessor it holds them through).
pub(crate) fn in_force_for(rows: &[InForceFor<'_>]) -> Result<RecordBatch, ArrowError> {
    let mut columns = agreement_columns(rows.iter().map(|r| (r.agreement(), r.is_certain())));
    columns.push(Column::Text(
        "through",
        rows.iter()
            .map(|r| r.through().map(|k| k.as_str().to_owned()))
            .collect(),
    ));
    batch(columns)
}

/// `key,description,state,certain,due`: commitments in a state on a day.
pub(crate) fn commitments(
    rows: &[CommitmentHit<'_>],
    state: &str,
) -> Result<RecordBatch, ArrowError> {
    batch(vec![
        Column::Text(
            "key",
            rows.iter()
                .map(|r| Some(r.commitment().key().as_str().to_owned()))
                .collect(),
        ),
        Column::Text(
            "description",
            rows.iter()
                .map(|r| Some(r.commitment().description().to_owned()))
                .collect(),
        ),
        Column::Text(
            "state",
            rows.iter().map(|_| Some(state.to_owned())).collect(),
        ),
        Column::Flag(
            "certain",
            rows.iter().map(CommitmentHit::is_certain).collect(),
        ),
        Column::Text(
            "due",
            rows.iter()
                .map(|r| r.commitment().due().map(|d| d.to_string()))
                .collect(),
        ),
    ])
}

/// `from,to,from_date,to_date,min_days,max_days`: the gaps between
/// consecutive meetings.
pub(crate) fn cadence(gaps: &[Gap<'_>]) -> Result<RecordBatch, ArrowError> {
    let key = |m: &pactum::Meeting| Some(m.key().as_str().to_owned());
    batch(vec![
        Column::Text("from", gaps.iter().map(|g| key(g.from())).collect()),
        Column::Text("to", gaps.iter().map(|g| key(g.to())).collect()),
        Column::Text(
            "from_date",
            gaps.iter()
                .map(|g| Some(g.from().date().to_string()))
                .collect(),
        ),
        Column::Text(
            "to_date",
            gaps.iter()
                .map(|g| Some(g.to().date().to_string()))
                .collect(),
        ),
        Column::Days(
            "min_days",
            gaps.iter().map(|g| g.days().map(|r| *r.start())).collect(),
        ),
        Column::Days(
            "max_days",
            gaps.iter().map(|g| g.days().map(|r| *r.end())).collect(),
        ),
    ])
}

/// `category,agreements,meetings,commitments,total`: a ready-made count.
pub(crate) fn tallies(rows: &[Tally]) -> Result<RecordBatch, ArrowError> {
    let count = |f: fn(&Tally) -> usize| -> Vec<u32> {
        rows.iter()
            .map(|t| u32::try_from(f(t)).unwrap_or(u32::MAX))
            .collect()
    };
    batch(vec![
        Column::Text(
            "category",
            rows.iter().map(|t| Some(t.category.clone())).collect(),
        ),
        Column::Count("agreements", count(|t| t.agreements)),
        Column::Count("meetings", count(|t| t.meetings)),
        Column::Count("commitments", count(|t| t.commitments)),
        Column::Count("total", count(Tally::total)),
    ])
}

/// `year,agreements_possibly,agreements_certainly,meetings_possibly,…`:
/// activity by year, vague dates counted honestly.
pub(crate) fn activity(activity: &ActivityByYear) -> Result<RecordBatch, ArrowError> {
    let parts: [&YearCounts; 3] = [
        &activity.agreements,
        &activity.meetings,
        &activity.commitments,
    ];
    let first = parts
        .iter()
        .filter_map(|p| p.years.first().map(|y| y.year))
        .min();
    let last = parts
        .iter()
        .filter_map(|p| p.years.last().map(|y| y.year))
        .max();
    let years: Vec<i32> = match (first, last) {
        (Some(a), Some(b)) => (a..=b).collect(),
        _ => Vec::new(),
    };
    let counts = |part: &YearCounts, certainly: bool| -> Vec<u32> {
        years
            .iter()
            .map(|y| {
                part.year(*y).map_or(0, |c| {
                    let n = if certainly { c.certainly } else { c.possibly };
                    u32::try_from(n).unwrap_or(u32::MAX)
                })
            })
            .collect()
    };
    batch(vec![
        Column::Year("year", years.clone()),
        Column::Count("agreements_possibly", counts(parts[0], false)),
        Column::Count("agreements_certainly", counts(parts[0], true)),
        Column::Count("meetings_possibly", counts(parts[1], false)),
        Column::Count("meetings_certainly", counts(parts[1], true)),
        Column::Count("commitments_possibly", counts(parts[2], false)),
        Column::Count("commitments_certainly", counts(parts[2], true)),
    ])
}
