//! The `press_stats` Python package's extension module: the extractor, its claims as frozen
//! objects or as a pyarrow table built here, and files read as the CLI reads them.

mod claim;
mod table;

use std::path::PathBuf;

use arrow_pyarrow::IntoPyArrow;
use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError, PyTypeError,
    PyValueError,
};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;

use press_stats as ps;

use claim::Claim;

create_exception!(
    press_stats,
    DecodeError,
    PyValueError,
    "A file that cannot be read as a document: binary, damaged, or of a format not read (PDF, .doc)."
);

/// A press-stats error as a Python exception with its message: an I/O error as the
/// `OSError` subclass of its kind, any other as `DecodeError` (a `ValueError`).
fn py_err(e: ps::Error) -> PyErr {
    let msg = e.to_string();
    match e.kind() {
        ps::ErrorKind::Io(k) => match k {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(msg),
            std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(msg),
            _ => PyOSError::new_err(msg),
        },
        ps::ErrorKind::UnknownEncoding => PyValueError::new_err(msg),
        _ => DecodeError::new_err(msg),
    }
}

/// A `datetime.date` (or `datetime.datetime`: its date) or a `"YYYY-MM-DD"` string.
fn date_arg(v: &Bound<'_, PyAny>) -> PyResult<ps::Date> {
    if v.is_instance_of::<PyString>() {
        let s: String = v.extract()?;
        return s
            .parse::<ps::Date>()
            .map_err(|e| PyValueError::new_err(format!("date {s:?}: {e}")));
    }
    let part = |name: &str| -> PyResult<i64> { v.getattr(name)?.extract() };
    let (y, m, d) = match (part("year"), part("month"), part("day")) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => {
            return Err(PyTypeError::new_err(format!(
                "date must be a datetime.date or a 'YYYY-MM-DD' string, not {}",
                v.get_type().name()?
            )));
        }
    };
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(PyValueError::new_err("date out of range"));
    };
    ps::Date::new(y, m, d).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn opt_date_arg(v: Option<&Bound<'_, PyAny>>) -> PyResult<Option<ps::Date>> {
    v.filter(|v| !v.is_none()).map(date_arg).transpose()
}

/// A document read from a file by `read_path`, as the command line reads it.
#[pyclass(frozen, module = "press_stats", name = "Document")]
pub struct Document {
    path: PathBuf,
    loaded: ps::Loaded,
}

impl Document {
    /// The file's name, as the CLI names a document given as a single file.
    fn name(&self) -> Option<String> {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    }
}

#[pymethods]
impl Document {
    /// The decoded text that every claim's offsets point into.
    #[getter]
    fn text(&self) -> &str {
        self.loaded.document.text()
    }

    /// The path it was read from.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// The format it was read as: `"text"`, `"html"` or `"docx"`.
    #[getter]
    fn format(&self) -> String {
        self.loaded.format.to_string()
    }

    /// The encoding the bytes were decoded from (`"UTF-8"`, `"GB18030"`, …).
    #[getter]
    fn encoding(&self) -> &'static str {
        self.loaded.decoding.encoding
    }

    /// Whether the encoding was guessed.
    #[getter]
    fn encoding_guessed(&self) -> bool {
        self.loaded.decoding.guessed
    }

    /// How many malformed bytes became U+FFFD.
    #[getter]
    fn malformed_bytes(&self) -> usize {
        self.loaded.decoding.malformed
    }

    /// A saved page's title (None for other formats).
    #[getter]
    fn title(&self) -> Option<&str> {
        self.loaded.page.as_ref().and_then(|p| p.title.as_deref())
    }

    /// A saved page's publication date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let d = self.loaded.page.as_ref().and_then(|p| p.date);
        d.map(|d| claim::date(py, d)).transpose()
    }

    /// The date the file's path holds (`t20230516_1.html`, `2023-05-16/a.txt`): the
    /// document's date when none is given, the page has none and the text states none.
    #[getter]
    fn path_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.loaded
            .path_date
            .map(|d| claim::date(py, d))
            .transpose()
    }

    /// A saved page's source (`ContentSource`).
    #[getter]
    fn publisher(&self) -> Option<&str> {
        self.loaded
            .page
            .as_ref()
            .and_then(|p| p.publisher.as_deref())
    }

    /// A saved page's site name.
    #[getter]
    fn site(&self) -> Option<&str> {
        self.loaded.page.as_ref().and_then(|p| p.site.as_deref())
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(path={:?}, format={:?}, encoding={:?}, chars={})",
            self.path.display().to_string(),
            self.format(),
            self.encoding(),
            self.text().chars().count()
        )
    }
}

/// Reads a file as the command line does (`press_stats::load`): text in any of the
/// detected encodings, a saved web page (rendered, with its metadata) or a `.docx`.
#[pyfunction]
#[pyo3(signature = (path, *, encoding = None))]
fn read_path(py: Python<'_>, path: PathBuf, encoding: Option<&str>) -> PyResult<Document> {
    let opts = decode_options(encoding)?;
    let loaded = py
        .detach(|| {
            let bytes = std::fs::read(&path).map_err(ps::Error::from)?;
            ps::load(&path, bytes, &opts)
        })
        .map_err(|e| py_err(e.with_path(&path)))?;
    Ok(Document { path, loaded })
}

/// Reads a file's bytes as `read_path` reads the file named `name` (its extension tells the
/// format): for bytes that come from elsewhere than a local path (a Spark `binaryFile` row,
/// an archive, a database).
#[pyfunction]
#[pyo3(signature = (data, name, *, encoding = None))]
fn read_bytes(
    py: Python<'_>,
    data: Vec<u8>,
    name: PathBuf,
    encoding: Option<&str>,
) -> PyResult<Document> {
    let opts = decode_options(encoding)?;
    let loaded = py
        .detach(|| ps::load(&name, data, &opts))
        .map_err(|e| py_err(e.with_path(&name)))?;
    Ok(Document { path: name, loaded })
}

fn decode_options(encoding: Option<&str>) -> PyResult<ps::DecodeOptions> {
    match encoding {
        Some(name) => ps::DecodeOptions::new()
            .with_encoding(name)
            .map_err(|_| PyValueError::new_err(format!("unknown encoding {name:?}"))),
        None => Ok(ps::DecodeOptions::new()),
    }
}

/// Finds quantitative claims in Chinese government texts. Build it once and share it:
/// threads may call it at once, and it releases the GIL while it extracts.
#[pyclass(frozen, module = "press_stats", name = "Extractor")]
struct Extractor {
    inner: ps::Extractor,
}

/// The text to extract from: a string, or a `Document` with its page metadata.
enum Input<'py> {
    Text(PyBackedStr),
    Doc(Bound<'py, Document>),
}

impl<'py> FromPyObject<'_, 'py> for Input<'py> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(d) = ob.cast::<Document>() {
            return Ok(Input::Doc(d.to_owned()));
        }
        match ob.extract::<PyBackedStr>() {
            Ok(s) => Ok(Input::Text(s)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "text must be a str or a press_stats.Document, not {}",
                ob.get_type().name()?
            ))),
        }
    }
}

#[pymethods]
impl Extractor {
    #[new]
    fn new() -> PyResult<Extractor> {
        Ok(Extractor {
            inner: ps::Extractor::new().map_err(py_err)?,
        })
    }

    /// The claims of `text` in text order, using what the caller knows of the document.
    #[pyo3(signature = (text, *, doc = None, date = None, title = None, region = None, publisher = None))]
    #[allow(clippy::too_many_arguments)]
    fn extract(
        &self,
        py: Python<'_>,
        text: Input<'_>,
        doc: Option<String>,
        date: Option<&Bound<'_, PyAny>>,
        title: Option<String>,
        region: Option<String>,
        publisher: Option<String>,
    ) -> PyResult<Vec<Claim>> {
        let mut meta = ps::Meta {
            date: opt_date_arg(date)?,
            title,
            region,
            publisher,
            ..ps::Meta::default()
        };
        let (claims, doc) = match &text {
            Input::Text(s) => {
                let s: &str = s;
                (py.detach(|| self.inner.analyze(s, &meta).claims), doc)
            }
            Input::Doc(d) => {
                let d = d.get();
                // As the CLI: what the caller gives wins, the page and then the date in
                // the path fill the rest.
                d.loaded.fill(&mut meta);
                let text = d.loaded.document.text();
                let claims = py.detach(|| self.inner.analyze(text, &meta).claims);
                (claims, doc.or_else(|| d.name()))
            }
        };
        Ok(claims
            .into_iter()
            .map(|c| Claim::new(doc.clone(), c))
            .collect())
    }

    /// The claims of many texts as one `pyarrow.Table`, built in Rust: one row per claim,
    /// the CSV's flat columns typed, plus `value_text` and `upper_text`.
    #[pyo3(signature = (texts, docs = None, dates = None))]
    fn extract_table<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        docs: Option<&Bound<'py, PyAny>>,
        dates: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts: Vec<PyBackedStr> = texts
            .try_iter()?
            .map(|t| {
                t?.extract::<PyBackedStr>()
                    .map_err(|_| PyTypeError::new_err("texts must hold str"))
            })
            .collect::<PyResult<_>>()?;
        let docs: Vec<String> = match docs.filter(|d| !d.is_none()) {
            Some(d) => d
                .try_iter()?
                .map(|x| x?.str()?.extract::<String>())
                .collect::<PyResult<_>>()?,
            None => (0..texts.len()).map(|i| i.to_string()).collect(),
        };
        let dates: Vec<Option<ps::Date>> = match dates.filter(|d| !d.is_none()) {
            Some(d) => d
                .try_iter()?
                .map(|x| opt_date_arg(Some(&x?)))
                .collect::<PyResult<_>>()?,
            None => vec![None; texts.len()],
        };
        if docs.len() != texts.len() || dates.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} texts, {} docs, {} dates: the lengths differ",
                texts.len(),
                docs.len(),
                dates.len()
            )));
        }
        let batch = py.detach(|| {
            let mut cols = table::Columns::new();
            for ((text, doc), date) in texts.iter().zip(&docs).zip(&dates) {
                let meta = ps::Meta {
                    date: *date,
                    ..ps::Meta::default()
                };
                self.inner
                    .analyze_into(text, &meta, &mut |c| cols.push(doc, &c));
            }
            cols.finish()
        });
        let batch = batch.map_err(|e| PyValueError::new_err(e.to_string()))?;
        let schema = batch.schema();
        arrow_pyarrow::Table::try_new(vec![batch], schema)
            .map_err(|e| PyValueError::new_err(e.to_string()))?
            .into_pyarrow(py)
    }

    fn __repr__(&self) -> &'static str {
        "Extractor()"
    }
}

/// The `press_stats._press_stats` extension module.
#[pymodule]
fn _press_stats(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_class::<Claim>()?;
    m.add_class::<claim::Change>()?;
    m.add_class::<claim::Department>()?;
    m.add_class::<claim::Period>()?;
    m.add_class::<Document>()?;
    m.add_function(wrap_pyfunction!(read_path, m)?)?;
    m.add_function(wrap_pyfunction!(read_bytes, m)?)?;
    m.add("DecodeError", m.py().get_type::<DecodeError>())?;
    m.add("CLAIM_COLUMNS", {
        let s = table::schema();
        s.fields()
            .iter()
            .map(|f| f.name().clone())
            .collect::<Vec<_>>()
    })?;
    Ok(())
}
