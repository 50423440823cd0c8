//! A claim as a frozen Python object: the record's fields, with `value`/`upper` as
//! `decimal.Decimal` and dates as `datetime.date`, built on access from the Rust claim.

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
    /// `"up"` or `"down"`.
    #[pyo3(get)]
    direction: &'static str,
    /// The text of the reference (`同比`, `较上年`), or None.
    #[pyo3(get)]
    basis: Option<String>,
}

#[pymethods]
impl Change {
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("direction", self.direction)?;
        d.set_item("basis", &self.basis)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Change(direction={:?}, basis={})",
            self.direction,
            repr_opt(&self.basis)
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
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    mention: String,
    #[pyo3(get)]
    source: &'static str,
}

#[pymethods]
impl Department {
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("name", &self.name)?;
        d.set_item("mention", &self.mention)?;
        d.set_item("source", self.source)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Department(name={:?}, mention={:?}, source={:?})",
            self.name, self.mention, self.source
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
    fn source(&self) -> &'static str {
        self.inner.source.as_str()
    }

    /// The record's `date` object: dates as `"YYYY-MM-DD"` strings, as in JSON Lines.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.inner;
        let d = PyDict::new(py);
        d.set_item("text", &p.text)?;
        d.set_item("start", p.start.map(|d| d.to_string()))?;
        d.set_item("end", p.end.map(|d| d.to_string()))?;
        d.set_item("source", p.source.as_str())?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        let day = |d: Option<ps::Date>| d.map_or("None".to_owned(), |d| format!("'{d}'"));
        format!(
            "Period(text={}, start={}, end={}, source={:?})",
            repr_opt(&p.text),
            day(p.start),
            day(p.end),
            p.source.as_str()
        )
    }
}

fn repr_opt(s: &Option<String>) -> String {
    s.as_ref().map_or("None".to_owned(), |s| format!("{s:?}"))
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
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
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
        self.inner.change.as_ref().map(|c| Change {
            direction: c.direction.as_str(),
            basis: c.basis.clone(),
        })
    }

    #[getter]
    fn modality(&self) -> &'static str {
        self.inner.modality.as_str()
    }

    #[getter]
    fn department(&self) -> Option<Department> {
        self.inner.department.as_ref().map(|d| Department {
            name: d.name.clone(),
            mention: d.mention.clone(),
            source: d.source.as_str(),
        })
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
        let d = PyDict::new(py);
        if let Some(doc) = &self.doc {
            d.set_item("doc", doc)?;
        }
        d.set_item("start", self.start())?;
        d.set_item("end", self.end())?;
        d.set_item("text", self.text())?;
        d.set_item("kind", self.kind())?;
        d.set_item("value", self.value(py)?)?;
        d.set_item("upper", self.upper(py)?)?;
        d.set_item("approx", self.approx())?;
        d.set_item("unit", self.unit())?;
        d.set_item("subject", self.subject())?;
        d.set_item("change", self.change().map(|c| c.to_dict(py)).transpose()?)?;
        d.set_item("modality", self.modality())?;
        let dep = self.department().map(|c| c.to_dict(py)).transpose()?;
        d.set_item("department", dep)?;
        d.set_item("date", self.date().map(|c| c.to_dict(py)).transpose()?)?;
        d.set_item("sentence", self.sentence())?;
        d.set_item("part_of", self.part_of())?;
        d.set_item("change_of", self.change_of())?;
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
            repr_opt(&self.doc),
            self.start(),
            self.end(),
            self.text(),
            self.kind(),
            self.value_text(),
            self.unit(),
        )
    }
}
