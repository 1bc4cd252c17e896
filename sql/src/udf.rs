//! Scalar functions over EDTF text, by pactum's own parser.

use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::arrow::array::{Array, ArrayRef, BooleanArray, Date32Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{create_udf, ColumnarValue, Volatility};
use datafusion::prelude::SessionContext;
use pactum::{Date, Window};

/// The day of `Date32` 0.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A day as a `Date32` number.
pub(crate) fn day_number(day: NaiveDate) -> i32 {
    i32::try_from((day - epoch()).num_days()).unwrap_or(i32::MAX)
}

/// A `Date32` number as a day, if the calendar has it.
fn from_number(n: i32) -> Option<NaiveDate> {
    epoch().checked_add_signed(chrono::TimeDelta::try_days(i64::from(n))?)
}

fn strings(value: &ArrayRef) -> Result<StringArray> {
    let utf8 = cast(value, &DataType::Utf8)?;
    utf8.as_any()
        .downcast_ref::<StringArray>()
        .cloned()
        .ok_or_else(|| DataFusionError::Internal("edtf: expected text".to_owned()))
}

fn days(value: &ArrayRef) -> Result<Date32Array> {
    let days = cast(value, &DataType::Date32)?;
    days.as_any()
        .downcast_ref::<Date32Array>()
        .cloned()
        .ok_or_else(|| DataFusionError::Internal("edtf: expected days".to_owned()))
}

fn parsed(texts: &StringArray, i: usize) -> Option<Date> {
    texts
        .is_valid(i)
        .then(|| Date::parse(texts.value(i)).ok())
        .flatten()
}

/// The earliest (`first`) or latest candidate day of each date.
fn bound(args: &[ColumnarValue], first: bool) -> Result<ColumnarValue> {
    let arrays = ColumnarValue::values_to_arrays(args)?;
    let texts = strings(arrays.first().ok_or_else(|| missing("edtf bound"))?)?;
    let out: Date32Array = (0..texts.len())
        .map(|i| {
            let date = parsed(&texts, i)?;
            let day = if first {
                date.earliest()
            } else {
                date.latest()
            };
            day.map(day_number)
        })
        .collect();
    Ok(ColumnarValue::Array(Arc::new(out)))
}

fn valid(args: &[ColumnarValue]) -> Result<ColumnarValue> {
    let arrays = ColumnarValue::values_to_arrays(args)?;
    let texts = strings(arrays.first().ok_or_else(|| missing("edtf_valid"))?)?;
    let out: BooleanArray = (0..texts.len())
        .map(|i| {
            texts
                .is_valid(i)
                .then(|| Date::parse(texts.value(i)).is_ok())
        })
        .collect();
    Ok(ColumnarValue::Array(Arc::new(out)))
}

fn missing(name: &str) -> DataFusionError {
    DataFusionError::Plan(format!("{name}: expected more arguments"))
}

/// Whether some candidate day of `date` lies in `from..=to`, either side
/// open when `None`; none when the range is empty.
fn possibly_between(date: &Date, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    let window = match (from, to) {
        (Some(f), Some(t)) => Window::new(f, t).ok(),
        (Some(f), None) => Some(Window::since(f)),
        (None, Some(t)) => Some(Window::until(t)),
        (None, None) => Some(Window::all()),
    };
    window.is_some_and(|w| date.possibly_within(&w))
}

/// Whether an event of `date` (lasting to `end`, when it has one) is
/// possibly and certainly in `from..=to`, as pactum's timeline reads it.
pub(crate) fn within(
    date: &Date,
    end: Option<&Date>,
    from: NaiveDate,
    to: NaiveDate,
) -> (bool, bool) {
    let Ok(window) = Window::new(from, to) else {
        return (false, false);
    };
    let Some(end) = end else {
        return (
            date.possibly_within(&window),
            date.certainly_within(&window),
        );
    };
    // A reading is a start candidate and an end candidate no earlier: the
    // widest reading overlaps when any does; a reading starting after the
    // window, or ending before it, makes the overlap uncertain.
    let (first, last) = (date.earliest(), end.latest());
    let possibly = first.is_none_or(|f| f <= to) && last.is_none_or(|l| l >= from);
    let starts_late = to
        .succ_opt()
        .is_some_and(|after| possibly_between(date, Some(after), last));
    let ends_early = from
        .pred_opt()
        .is_some_and(|before| possibly_between(end, first, Some(before)));
    (possibly, possibly && !starts_late && !ends_early)
}

fn window_test(args: &[ColumnarValue], certainly: bool) -> Result<ColumnarValue> {
    let arrays = ColumnarValue::values_to_arrays(args)?;
    let [date, end, from, to] = arrays.as_slice() else {
        return Err(missing("edtf_possibly_within"));
    };
    let (date, end, from, to) = (strings(date)?, strings(end)?, days(from)?, days(to)?);
    let out: BooleanArray = (0..date.len())
        .map(|i| {
            let start = parsed(&date, i)?;
            let end = if end.is_valid(i) {
                Some(parsed(&end, i)?)
            } else {
                None
            };
            let from = from
                .is_valid(i)
                .then(|| from_number(from.value(i)))
                .flatten()?;
            let to = to.is_valid(i).then(|| from_number(to.value(i))).flatten()?;
            let (possibly, certain) = within(&start, end.as_ref(), from, to);
            Some(if certainly { certain } else { possibly })
        })
        .collect();
    Ok(ColumnarValue::Array(Arc::new(out)))
}

/// Registers the scalar functions over EDTF text in `ctx`:
/// `edtf_earliest(text)` and `edtf_latest(text)` (the first and last
/// candidate days, a `DATE`; null for an open side or text that is not a
/// date), `edtf_valid(text)`, and `edtf_possibly_within(date, end, first,
/// last)` and `edtf_certainly_within(…)`: whether an event of that date
/// (and end, null when it has none) is possibly, certainly in the window
/// of days `first..=last`, candidate day by candidate day, as pactum's
/// timeline answers.
pub fn register_udfs(ctx: &SessionContext) {
    let text = || vec![DataType::Utf8];
    ctx.register_udf(create_udf(
        "edtf_earliest",
        text(),
        DataType::Date32,
        Volatility::Immutable,
        Arc::new(|args: &[ColumnarValue]| bound(args, true)),
    ));
    ctx.register_udf(create_udf(
        "edtf_latest",
        text(),
        DataType::Date32,
        Volatility::Immutable,
        Arc::new(|args: &[ColumnarValue]| bound(args, false)),
    ));
    ctx.register_udf(create_udf(
        "edtf_valid",
        text(),
        DataType::Boolean,
        Volatility::Immutable,
        Arc::new(valid),
    ));
    let window = || {
        vec![
            DataType::Utf8,
            DataType::Utf8,
            DataType::Date32,
            DataType::Date32,
        ]
    };
    ctx.register_udf(create_udf(
        "edtf_possibly_within",
        window(),
        DataType::Boolean,
        Volatility::Immutable,
        Arc::new(|args: &[ColumnarValue]| window_test(args, false)),
    ));
    ctx.register_udf(create_udf(
        "edtf_certainly_within",
        window(),
        DataType::Boolean,
        Volatility::Immutable,
        Arc::new(|args: &[ColumnarValue]| window_test(args, true)),
    ));
}
