//! The policy (every rule the circular leaves open) and the registry of units.

use crate::enums::member;
use crate::errors::core;
use crate::report::Finding;
use crate::text::repr;
use lec_core::{Error, InstitutionCode, InstitutionKind, LaoCode, LaoKind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The policy: every rule the circular leaves open, with documented defaults (CDC ages, the
/// G-code year range, how category 9 and unknown registry provinces are reported, the grades
/// each institution kind offers, the statuses that mean removed).
///
/// `Policy()` is the default; `Policy(cdc_min_age_years=3, reserved_category_9="error")`
/// changes some rules (unknown names are refused with `InvalidConfigError`); `from_json`,
/// `from_toml` and `from_file` load a ministry's file. Equal policies compare equal; policies
/// pickle.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Policy {
    pub(crate) inner: lec_core::Policy,
}

/// The policy a caller passed, or the default one.
pub(crate) fn policy_or_default<'a>(p: Option<&'a Bound<'_, Policy>>) -> &'a lec_core::Policy {
    static DEFAULT: OnceLock<lec_core::Policy> = OnceLock::new();
    match p {
        Some(p) => &p.get().inner,
        None => DEFAULT.get_or_init(lec_core::Policy::default),
    }
}

/// A `FILE_UNREADABLE` error (`FileError` in Python) for a file that cannot be opened: the
/// core's wording.
pub(crate) fn unreadable(name: &str, e: &std::io::Error) -> Error {
    lec_core::files::unreadable_file_error(name, e)
}

/// Reads a configuration file with the GIL released and reads it as `T` (JSON or TOML by the
/// core's one rule).
pub(crate) fn read_config<T: lec_core::Config + Send>(py: Python<'_>, path: &Path) -> PyResult<T> {
    let name = path.display().to_string();
    core(py.detach(|| lec_core::files::read_config(path).and_then(|text| T::from_text(&name, &text))))
}

#[pymethods]
impl Policy {
    #[new]
    #[pyo3(signature = (**overrides))]
    fn new(py: Python<'_>, overrides: Option<&Bound<'_, PyDict>>) -> PyResult<Policy> {
        match overrides {
            Some(o) if !o.is_empty() => {
                let json: String = py.import("json")?.call_method1("dumps", (o,))?.extract()?;
                Policy::from_json(&json)
            }
            _ => Ok(Policy { inner: lec_core::Policy::default() }),
        }
    }

    /// Loads a policy from JSON text; keys left out keep their defaults, unknown keys are
    /// refused. Raises `InvalidConfigError`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Policy> {
        core(lec_core::Policy::from_json(text)).map(|inner| Policy { inner })
    }

    /// Loads a policy from TOML text (as `examples/policy-default.toml`). Raises
    /// `InvalidConfigError`.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<Policy> {
        core(lec_core::Policy::from_toml(text)).map(|inner| Policy { inner })
    }

    /// Loads a policy file: JSON when its name ends in `.json`, TOML when it ends in `.toml`,
    /// else told by its text (the rule every front shares). Raises `FileError` when it cannot be
    /// read, `InvalidConfigError` when it is not a policy.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Policy> {
        read_config(py, &path).map(|inner| Policy { inner })
    }

    /// The policy as JSON (every key, the defaults included), loadable by `from_json`.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&self.inner).map_err(|e| PyTypeError::new_err(e.to_string()))
    }

    /// The policy as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json()?,))
    }

    /// `Policy()` for the defaults, else the keys that differ from them.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let ours = serde_json::to_value(&self.inner).unwrap_or_default();
        let default = serde_json::to_value(lec_core::Policy::default()).unwrap_or_default();
        let (serde_json::Value::Object(ours), serde_json::Value::Object(default)) = (ours, default) else {
            return Ok("Policy(...)".to_owned());
        };
        let json = py.import("json")?;
        let mut changed = Vec::new();
        for (k, v) in ours.iter().filter(|(k, v)| default.get(k.as_str()) != Some(v)) {
            let value = json.call_method1("loads", (v.to_string(),))?.repr()?;
            changed.push(format!("{k}={value}"));
        }
        Ok(format!("Policy({})", changed.join(", ")))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((py.get_type::<Policy>().getattr("from_json")?, (self.to_json()?,)))
    }
}

/// ทะเบียนหน่วยงาน — the registry of units: provinces → LAOs → institutions, and each LAO's
/// other-affiliation schools, from a CSV `level,code,name,parent,kind` (English or Thai kind
/// tokens). Rows that cannot be used are `findings`, never an exception; a file that cannot be
/// read or lacks a column raises `FileError`.
#[pyclass(module = "lec", frozen)]
pub(crate) struct Registry {
    /// Shared with the rounds made from it (`lec.Round`).
    pub(crate) inner: Arc<lec_core::Registry>,
    pub(crate) findings: Vec<lec_core::Finding>,
    name: String,
}

impl Registry {
    fn load(py: Python<'_>, name: &str, bytes: &[u8]) -> PyResult<Registry> {
        let (inner, findings) = core(py.detach(|| lec_core::files::read_registry(name, bytes)))?;
        Ok(Registry { inner: Arc::new(inner), findings, name: name.to_owned() })
    }
}

#[pymethods]
impl Registry {
    /// Loads a registry file: CSV in any encoding `validate_files` reads, or a workbook
    /// (`.xlsx`, `.xls`, `.ods`: every sheet with the registry's header, or `sheet`), with the
    /// columns `level,code,name,parent,kind` (or their Thai names) in any order.
    #[staticmethod]
    #[pyo3(signature = (path, *, sheet = None))]
    fn from_file(py: Python<'_>, path: PathBuf, sheet: Option<&str>) -> PyResult<Registry> {
        let (inner, findings) = core(py.detach(|| lec_core::files::read_registry_path(&path, sheet)))?;
        Ok(Registry { inner: Arc::new(inner), findings, name: path.display().to_string() })
    }

    /// Loads a registry from a file's content (`bytes`: CSV in any supported encoding or a
    /// workbook; or `str`); `name` is what findings give as the file.
    #[staticmethod]
    #[pyo3(signature = (data, name = "<registry>"))]
    fn from_csv(py: Python<'_>, data: &Bound<'_, PyAny>, name: &str) -> PyResult<Registry> {
        if let Ok(b) = data.cast::<PyBytes>() {
            Registry::load(py, name, b.as_bytes())
        } else if let Ok(s) = data.cast::<PyString>() {
            Registry::load(py, name, s.to_str()?.as_bytes())
        } else {
            Err(PyTypeError::new_err("Registry.from_csv takes the CSV content as bytes or str"))
        }
    }

    /// The file name or path the registry was read from.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The rows that could not be used or look inconsistent (unknown parent, code format, …).
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.findings.iter().cloned().map(Finding::from).collect()
    }

    /// How many provinces are registered.
    #[getter]
    fn province_count(&self) -> usize {
        self.inner.provinces().count()
    }

    /// How many LAOs are registered.
    #[getter]
    fn lao_count(&self) -> usize {
        self.inner.laos().count()
    }

    /// How many institutions of LAOs are registered.
    #[getter]
    fn institution_count(&self) -> usize {
        self.inner.institutions().count()
    }

    /// How many other-affiliation schools are registered.
    #[getter]
    fn other_school_count(&self) -> usize {
        self.inner.other_schools().count()
    }

    /// The registered institution with this code, or `None`. Raises `InvalidCodeError` when
    /// `code` is not an institution code.
    fn institution(&self, code: &str) -> PyResult<Option<Institution>> {
        let code = core(InstitutionCode::parse(code))?;
        Ok(self.inner.institution(code).map(|u| Institution {
            code: u.code.to_string(),
            name: u.name.clone(),
            kind: u.kind,
            lao: u.lao.login(),
            status: u.status.as_str(),
        }))
    }

    /// The registered LAO with this code (8-digit login or 7-digit code), or `None`. Raises
    /// `InvalidCodeError` when `code` is not an LAO code.
    fn lao(&self, code: &str) -> PyResult<Option<Lao>> {
        let code = core(LaoCode::parse(code))?;
        Ok(self.inner.lao(code).map(|u| Lao {
            code: u.code.login(),
            name: u.name.clone(),
            kind: u.kind,
            province: u.province,
            status: u.status.as_str(),
        }))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Registry({}: {} provinces, {} LAOs, {} institutions, {} other schools, {} findings)",
            repr(py, &self.name),
            self.province_count(),
            self.lao_count(),
            self.institution_count(),
            self.other_school_count(),
            self.findings.len()
        )
    }
}

/// สถานศึกษา — an institution of an LAO as registered.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Institution {
    /// The 10-digit institution code (also its LEC login).
    #[pyo3(get)]
    code: String,
    /// The name as registered.
    #[pyo3(get)]
    name: String,
    kind: InstitutionKind,
    /// The 8-digit login of the LAO that runs it.
    #[pyo3(get)]
    lao: String,
    /// The registry status: `active`, `inactive`, `closed` or `merged` (its own row's).
    #[pyo3(get)]
    status: &'static str,
}

#[pymethods]
impl Institution {
    /// School, college or child development centre (`InstitutionKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.kind)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Institution(code={}, name={}, kind={}, lao={})",
            repr(py, &self.code),
            repr(py, &self.name),
            repr(py, self.kind.token()),
            repr(py, &self.lao)
        )
    }
}

/// อปท. — a local administrative organisation as registered.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Lao {
    /// The 8-digit LEC login.
    #[pyo3(get)]
    code: String,
    /// The name as registered.
    #[pyo3(get)]
    name: String,
    kind: LaoKind,
    /// The province code it belongs to.
    #[pyo3(get)]
    province: u8,
    /// The registry status: `active`, `inactive`, `closed` or `merged`.
    #[pyo3(get)]
    status: &'static str,
}

#[pymethods]
impl Lao {
    /// The legal kind as registered (`LaoKind`; the code's type digit may be stale).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.kind)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Lao(code={}, name={}, kind={}, province={})",
            repr(py, &self.code),
            repr(py, &self.name),
            repr(py, self.kind.token()),
            self.province
        )
    }
}

/// The registry argument of the validate functions: a `Registry` or the path of a registry file.
pub(crate) enum RegistryArg<'py> {
    Object(Bound<'py, Registry>),
    Loaded(Box<Registry>),
}

impl<'py> RegistryArg<'py> {
    pub(crate) fn from_py(py: Python<'py>, arg: &Bound<'py, PyAny>) -> PyResult<RegistryArg<'py>> {
        if let Ok(r) = arg.cast::<Registry>() {
            return Ok(RegistryArg::Object(r.clone()));
        }
        let path: PathBuf = arg
            .extract()
            .map_err(|_| PyTypeError::new_err("registry must be a lec.Registry or the path of a registry CSV file"))?;
        Ok(RegistryArg::Loaded(Box::new(Registry::from_file(py, path, None)?)))
    }

    pub(crate) fn get(&self) -> &Registry {
        match self {
            RegistryArg::Object(r) => r.get(),
            RegistryArg::Loaded(r) => r,
        }
    }
}
