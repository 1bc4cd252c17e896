//! Values handed to Python: days, vague dates, entities, and the plain JSON
//! values that entity attributes and `insert` dictionaries are made of.

use chrono::NaiveDate;
use pactum::{Date as Vague, Window};
use pyo3::exceptions::{PyAttributeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// The fields of the data format that hold a date: on an [`Entity`] (and
/// inside its lists) they are [`Date`] objects, not text.
const DATE_FIELDS: [&str; 13] = [
    "date",
    "due",
    "effective",
    "end",
    "ended",
    "entry_into_force",
    "established",
    "expiry",
    "published",
    "renamed",
    "signed",
    "status_date",
    "termination",
];

/// A day from Python: a `datetime.date` or an ISO `YYYY-MM-DD` string.
pub(crate) fn day(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow()?;
        let date = Vague::parse(&text).map_err(|e| PyValueError::new_err(e.to_string()))?;
        return date.as_day().ok_or_else(|| {
            PyValueError::new_err(format!(
                "invalid day \"{}\": expected one day as YYYY-MM-DD",
                text.escape_default()
            ))
        });
    }
    value.extract::<NaiveDate>().map_err(|_| {
        PyTypeError::new_err(format!(
            "expected a datetime.date or a YYYY-MM-DD string, not {}",
            type_name(value)
        ))
    })
}

/// A day that may be left out.
pub(crate) fn opt_day(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NaiveDate>> {
    match value {
        Some(v) if !v.is_none() => day(v).map(Some),
        _ => Ok(None),
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_owned())
}

/// The window from `start` to `end`, both days included; either may be
/// open.
pub(crate) fn window(start: Option<NaiveDate>, end: Option<NaiveDate>) -> PyResult<Window> {
    match (start, end) {
        (Some(s), Some(e)) => Window::new(s, e).map_err(|e| PyValueError::new_err(e.to_string())),
        (Some(s), None) => Ok(Window::since(s)),
        (None, Some(e)) => Ok(Window::until(e)),
        (None, None) => Ok(Window::all()),
    }
}

/// A date that may be known only roughly: the set of days it may be,
/// written in EDTF (`2023-09`, `[..2023-08-06]`, `2022-41`).
#[pyclass(frozen, eq, hash, module = "pactum")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Date {
    pub(crate) inner: Vague,
}

#[pymethods]
impl Date {
    /// Parses an EDTF text; raises ValueError with what was expected.
    #[new]
    fn new(text: &str) -> PyResult<Date> {
        Vague::parse(text)
            .map(|inner| Date { inner })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The first day it may be, or None for an open start.
    #[getter]
    fn earliest(&self) -> Option<NaiveDate> {
        self.inner.earliest()
    }

    /// The last day it may be, or None for an open end.
    #[getter]
    fn latest(&self) -> Option<NaiveDate> {
        self.inner.latest()
    }

    /// The day, when the date names exactly one.
    #[getter]
    fn day(&self) -> Option<NaiveDate> {
        self.inner.as_day()
    }

    /// How precise the date is (`day`, `month`, `year`, ...), or None for a
    /// range or a list.
    #[getter]
    fn precision(&self) -> Option<String> {
        self.inner
            .precision()
            .map(|p| format!("{p:?}").to_lowercase())
    }

    /// The EDTF qualifier (`?`, `~` or `%`), if any.
    #[getter]
    fn qualifier(&self) -> Option<String> {
        self.inner.qualifier().map(|q| q.symbol().to_string())
    }

    /// Whether some candidate day lies from `start` to `end` (both
    /// included; None leaves that side open).
    #[pyo3(signature = (start=None, end=None))]
    fn possibly_within(
        &self,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let w = window(opt_day(start)?, opt_day(end)?)?;
        Ok(self.inner.possibly_within(&w))
    }

    /// Whether every candidate day lies from `start` to `end` (both
    /// included; None leaves that side open).
    #[pyo3(signature = (start=None, end=None))]
    fn certainly_within(
        &self,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let w = window(opt_day(start)?, opt_day(end)?)?;
        Ok(self.inner.certainly_within(&w))
    }

    /// Whether some candidate day is before `day`.
    fn possibly_before(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.possibly_before(self::day(day)?))
    }

    /// Whether every candidate day is before `day`.
    fn certainly_before(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.certainly_before(self::day(day)?))
    }

    /// Whether some candidate day is after `day`.
    fn possibly_after(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.possibly_after(self::day(day)?))
    }

    /// Whether every candidate day is after `day`.
    fn certainly_after(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.certainly_after(self::day(day)?))
    }

    /// Whether `day` is a candidate day.
    fn possibly_on(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.possibly_on(self::day(day)?))
    }

    /// Whether `day` is the only candidate day.
    fn certainly_on(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.certainly_on(self::day(day)?))
    }

    /// The fewest and most days from this date to `later`, or None when
    /// either is open.
    fn days_until(&self, later: &Date) -> Option<(i64, i64)> {
        self.inner
            .days_until(&later.inner)
            .map(|r| (*r.start(), *r.end()))
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Date('{}')", self.inner)
    }
}

/// The fields an entity of `kind` may have, as the data format's schema
/// lists them: an absent one reads as None, any other name is an
/// AttributeError.
fn field_names(kind: &str) -> Vec<&'static str> {
    static SCHEMA: std::sync::OnceLock<Vec<(String, Vec<String>)>> = std::sync::OnceLock::new();
    let all = SCHEMA.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("../../docs/pactum.schema.json")).unwrap_or_default();
        let Some(defs) = schema.get("$defs").and_then(Value::as_object) else {
            return Vec::new();
        };
        defs.iter()
            .map(|(kind, def)| {
                let names = def
                    .get("properties")
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
                (kind.clone(), names)
            })
            .collect()
    });
    all.iter()
        .find(|(k, _)| k == kind)
        .map(|(_, names)| names.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// A Python value from a JSON value of an entity; the members named as
/// date fields become [`Date`] objects.
pub(crate) fn to_py<'py>(
    py: Python<'py>,
    value: &Value,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    convert(py, value, Some(field))
}

/// A Python value from a JSON value, dates left as text.
pub(crate) fn json_plain<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    convert(py, value, None)
}

/// A Python value from a JSON value; with `field`, the members named as
/// date fields become [`Date`] objects.
fn convert<'py>(
    py: Python<'py>,
    value: &Value,
    field: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u), _) => u.into_pyobject(py)?.into_any(),
            (_, _, Some(f)) => PyFloat::new(py, f).into_any(),
            _ => py.None().into_bound(py),
        },
        Value::String(s) if field.is_some_and(|f| DATE_FIELDS.contains(&f)) => {
            match Vague::parse(s) {
                Ok(inner) => Bound::new(py, Date { inner })?.into_any(),
                Err(_) => PyString::new(py, s).into_any(),
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(convert(py, item, field)?)?;
            }
            list.into_any()
        }
        Value::Object(members) => {
            let dict = PyDict::new(py);
            for (k, v) in members {
                dict.set_item(k, convert(py, v, field.map(|_| k.as_str()))?)?;
            }
            dict.into_any()
        }
    })
}

/// A JSON value from a Python value: None, bool, int, float, str, list,
/// tuple, dict with str keys, `datetime.date` (as `YYYY-MM-DD`) and
/// [`Date`] (as its EDTF text). `path` names the place for the message of
/// a TypeError.
pub(crate) fn from_py(value: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.cast::<PyInt>().is_ok() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        return Err(PyValueError::new_err(format!(
            "{path}: the number is too large"
        )));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{path}: expected a finite number")));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = value.cast::<Date>() {
        return Ok(Value::String(d.get().inner.to_string()));
    }
    if let Ok(d) = value.extract::<NaiveDate>() {
        return Ok(Value::String(d.format("%Y-%m-%d").to_string()));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut out = Map::new();
        for (k, v) in dict.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("{path}: expected text keys")))?
                .to_cow()?
                .into_owned();
            let inner = from_py(&v, &format!("{path}.{key}"))?;
            out.insert(key, inner);
        }
        return Ok(Value::Object(out));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for (i, item) in value.try_iter()?.enumerate() {
            out.push(from_py(&item?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(out));
    }
    Err(PyTypeError::new_err(format!(
        "{path}: expected None, bool, int, float, str, list, dict, datetime.date or pactum.Date, not {}",
        type_name(value)
    )))
}

/// One entity of a registry, read-only: its fields are attributes
/// (`meeting.place`, `mou.signed`), dates are [`Date`] objects, absent
/// optional fields and empty lists are None.
#[pyclass(frozen, module = "pactum")]
pub struct Entity {
    kind: &'static str,
    key: String,
    fields: Map<String, Value>,
}

impl Entity {
    /// The entity of `kind` (`meeting`) whose JSON form is `value`.
    pub(crate) fn new(kind: &'static str, value: Value) -> Entity {
        let fields = match value {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let key = fields
            .get("key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Entity { kind, key, fields }
    }
}

#[pymethods]
impl Entity {
    /// The kind of entity: `source`, `tech_area`, `institution`,
    /// `partnership`, `meeting`, `mou` or `commitment`. (`kind` is the
    /// entity's own field, such as a meeting's `council`.)
    #[getter]
    fn entity_kind(&self) -> &'static str {
        self.kind
    }

    /// The entity's key.
    #[getter]
    fn key(&self) -> &str {
        &self.key
    }

    /// The names of the fields this entity records.
    fn fields(&self) -> Vec<String> {
        self.fields.keys().cloned().collect()
    }

    /// The entity as a dictionary in the form of the data file (dates as
    /// their EDTF text).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_plain(py, &Value::Object(self.fields.clone()))
    }

    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.fields.get(name) {
            Some(v) => to_py(py, v, name),
            None if field_names(self.kind).contains(&name) => Ok(py.None().into_bound(py)),
            None => Err(PyAttributeError::new_err(format!(
                "a {} has no field \"{}\"; its fields are {}",
                self.kind,
                name.escape_default(),
                field_names(self.kind).join(", ")
            ))),
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Entity>()
            .is_ok_and(|o| o.get().kind == self.kind && o.get().fields == self.fields)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        (self.kind, &self.key).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let name = ["name", "title", "description"]
            .iter()
            .find_map(|f| self.fields.get(*f).and_then(Value::as_str))
            .unwrap_or("");
        let when = ["date", "signed", "established", "due", "published"]
            .iter()
            .find_map(|f| self.fields.get(*f).and_then(Value::as_str))
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        format!("<{} {}: {name:?}{when}>", self.kind, self.key)
    }
}
