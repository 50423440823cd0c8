//! A claim as a frozen Python object: the record's fields, with `value`/`upper` as
//! `decimal.Decimal` and dates as `datetime.date`, built on access from the Rust claim.

use press_stats::output::{ClaimWriter, Format};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use press_stats as ps;

/// `decimal.Decimal` of the decimal's exact text (`110000000`, `99.97`).
pub fn decimal<'py>(py: Python<'py>, d: &ps::Decimal) -> PyResult<Bound<'py, PyAny>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL
        .import(py, "decimal", "Decimal")?
        .call1((d.normalize().to_string(),))
}

/// `datetime.date` of a date (`datetime` is not in the stable ABI: the class is called).
pub fn date<'py>(py: Python<'py>, d: ps::Date) -> PyResult<Bound<'py, PyAny>> {
    static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DATE.import(py, "datetime", "date")?
        .call1((d.year(), d.month(), d.day()))
}

fn opt_date<'py>(py: Python<'py>, d: Option<ps::Date>) -> PyResult<Option<Bound<'py, PyAny>>> {
    d.map(|d| date(py, d)).transpose()
}

/// A change or comparison: `direction` (`"up"`, `"down"`) and `basis` (`"同比"`, or None).
#[pyclass(
    frozen,
    eq,
    hash,
    skip_from_py_object,
    module = "press_stats",
    name = "Change"
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Change {
    inner: ps::Change,
}

#[pymethods]
impl Change {
    #[getter]
    fn direction(&self) -> String {
        self.inner.direction.to_string()
    }

    #[getter]
    fn basis(&self) -> Option<&str> {
        self.inner.basis.as_deref()
    }

    /// The record's `change` object.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        record(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Change(direction={:?}, basis={})",
            self.direction(),
            repr_opt(self.inner.basis.as_deref())
        )
    }
}

/// The government body a claim belongs to: `name` (resolved), `mention` (as written),
/// `source` (`"sentence"`, `"speaker"`, `"heading"`, `"paragraph"`, `"document"`).
#[pyclass(
    frozen,
    eq,
    hash,
    skip_from_py_object,
    module = "press_stats",
    name = "Department"
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Department {
    inner: ps::Department,
}

#[pymethods]
impl Department {
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    #[getter]
    fn mention(&self) -> &str {
        &self.inner.mention
    }

    #[getter]
    fn source(&self) -> String {
        self.inner.source.to_string()
    }

    /// The record's `department` object.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        record(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let d = &self.inner;
        format!(
            "Department(name={:?}, mention={:?}, source={:?})",
            d.name,
            d.mention,
            d.source.to_string()
        )
    }
}

/// The period a claim refers to: `text` (the mention, None for the document date),
/// `start`/`end` (`datetime.date`, None when open), `source`.
#[pyclass(
    frozen,
    eq,
    hash,
    skip_from_py_object,
    module = "press_stats",
    name = "Period"
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Period {
    inner: ps::Period,
}

#[pymethods]
impl Period {
    #[getter]
    fn text(&self) -> Option<&str> {
        self.inner.text.as_deref()
    }

    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_date(py, self.inner.start)
    }

    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_date(py, self.inner.end)
    }

    #[getter]
    fn source(&self) -> String {
        self.inner.source.to_string()
    }

    /// The record's `date` object: dates as `"YYYY-MM-DD"` strings, as in JSON Lines.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        record(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        let day = |d: Option<ps::Date>| d.map_or("None".to_owned(), |d| format!("'{d}'"));
        format!(
            "Period(text={}, start={}, end={}, source={:?})",
            repr_opt(p.text.as_deref()),
            day(p.start),
            day(p.end),
            p.source.to_string()
        )
    }
}

/// A value's record (its serde form, as the CLI writes it) as a dict: JSON numbers that are
/// not integers as `decimal.Decimal`.
fn record<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyDict>> {
    let json = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    loads(py, &json)
}

fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyDict>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let kwargs = PyDict::new(py);
    kwargs.set_item("parse_float", DECIMAL.import(py, "decimal", "Decimal")?)?;
    let loads = LOADS.import(py, "json", "loads")?;
    Ok(loads.call((json,), Some(&kwargs))?.cast_into::<PyDict>()?)
}

fn repr_opt(s: Option<&str>) -> String {
    s.map_or("None".to_owned(), |s| format!("{s:?}"))
}

/// One quantitative claim (docs/claims.md §2). Frozen; `to_dict()` gives the JSON Lines
/// record with `value`/`upper` as `decimal.Decimal`.
#[pyclass(
    frozen,
    eq,
    skip_from_py_object,
    module = "press_stats",
    name = "Claim"
)]
#[derive(Clone, PartialEq)]
pub struct Claim {
    doc: Option<String>,
    inner: ps::Claim,
}

impl Claim {
    pub fn new(doc: Option<String>, inner: ps::Claim) -> Claim {
        Claim { doc, inner }
    }
}

#[pymethods]
impl Claim {
    /// The document's name given to `extract` (None when none was).
    #[getter]
    fn doc(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    #[getter]
    fn start(&self) -> usize {
        self.inner.span.start
    }

    #[getter]
    fn end(&self) -> usize {
        self.inner.span.end
    }

    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    #[getter]
    fn kind(&self) -> String {
        self.inner.kind.to_string()
    }

    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, &self.inner.value)
    }

    /// The value's exact decimal text (`"110000000"`).
    #[getter]
    fn value_text(&self) -> String {
        self.inner.value.normalize().to_string()
    }

    #[getter]
    fn upper<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .upper
            .as_ref()
            .map(|u| decimal(py, u))
            .transpose()
    }

    #[getter]
    fn approx(&self) -> String {
        self.inner.approx.to_string()
    }

    #[getter]
    fn unit(&self) -> String {
        self.inner.unit.to_string()
    }

    #[getter]
    fn subject(&self) -> Option<&str> {
        self.inner.subject.as_deref()
    }

    #[getter]
    fn change(&self) -> Option<Change> {
        self.inner.change.clone().map(|inner| Change { inner })
    }

    #[getter]
    fn modality(&self) -> String {
        self.inner.modality.to_string()
    }

    #[getter]
    fn department(&self) -> Option<Department> {
        self.inner
            .department
            .clone()
            .map(|inner| Department { inner })
    }

    #[getter]
    fn date(&self) -> Option<Period> {
        self.inner.date.clone().map(|inner| Period { inner })
    }

    #[getter]
    fn sentence(&self) -> &str {
        &self.inner.sentence
    }

    #[getter]
    fn part_of(&self) -> Option<usize> {
        self.inner.part_of
    }

    #[getter]
    fn change_of(&self) -> Option<usize> {
        self.inner.change_of
    }

    /// The JSON Lines record as a dict, keys in the record's order (`doc` first when the
    /// claim has one); `value` and `upper` as `decimal.Decimal`, dates as strings.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        // The record as the CLI writes it, read back: every field, in its order.
        let d = match &self.doc {
            Some(doc) => {
                let mut w = ClaimWriter::new(Vec::new(), Format::JsonLines)?;
                w.write(doc, &self.inner)?;
                let line = String::from_utf8(w.into_inner()?)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
                loads(py, &line)?
            }
            None => record(py, &self.inner)?,
        };
        d.set_item("value", self.value(py)?)?;
        d.set_item("upper", self.upper(py)?)?;
        Ok(d)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.doc, self.inner.span.start, &self.inner.text).hash(&mut h);
        self.inner.value.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "Claim(doc={}, start={}, end={}, text={:?}, kind={:?}, value=Decimal('{}'), unit={:?})",
            repr_opt(self.doc.as_deref()),
            self.start(),
            self.end(),
            self.text(),
            self.kind(),
            self.value_text(),
            self.unit(),
        )
    }
}
