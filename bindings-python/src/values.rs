//! Thai dates and ages, grades, provinces, LAO and institution codes.

use crate::config::{Policy, policy_or_default};
use crate::enums::member;
use crate::errors::core;
use crate::text::{field_text, repr};
use chrono::NaiveDate;
use lec_core::finding::Detail;
use lec_core::{Error, ErrorKind, FindingCode, InstitutionCode, LaoCode};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyString};

/// A date as read from a Thai form: the `date` (`datetime.date`, CE), how its year's era was
/// read (`era`, an `EraReading`) and whether Thai digits were used. `str()` is `dd/mm/BBBB`.
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct ThaiDate {
    inner: lec_core::ThaiDate,
}

#[pymethods]
impl ThaiDate {
    /// The date (proleptic Gregorian, CE).
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }

    /// `EraReading.AS_EXPECTED`, or which era confusion was read through.
    #[getter]
    fn era<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.era)
    }

    /// Whether the date was written with Thai digits.
    #[getter]
    fn thai_digits(&self) -> bool {
        self.inner.thai_digits
    }

    /// The date in the Thai form `dd/mm/BBBB` (BE).
    fn to_be_string(&self) -> String {
        self.inner.to_be_string()
    }

    fn __str__(&self) -> String {
        self.inner.to_be_string()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("ThaiDate({}, era={})", self.inner.date, repr(py, &crate::enums::value(self.inner.era)))
    }
}

/// Parses a date as Thai forms write it: `dd/mm/BBBB` (BE), `d/m/BB`, ISO `YYYY-MM-DD` (CE),
/// Thai month names and abbreviations (`16 พ.ค. 2561`), Thai digits. A year in the other era
/// is read and flagged in `era`. Raises `InvalidDateError` (`BIRTHDATE_INVALID`).
#[pyfunction]
pub(crate) fn parse_date(text: &Bound<'_, PyString>) -> PyResult<ThaiDate> {
    core(lec_core::parse_thai_date(&field_text(text))).map(|inner| ThaiDate { inner })
}

/// Age in full years on a day, counted day-for-day (a birthday on `on` counts; 29 February is
/// reached on 1 March in common years); negative when born after `on`.
#[pyfunction]
pub(crate) fn age_in_full_years(birth: NaiveDate, on: NaiveDate) -> i32 {
    lec_core::date::full_years(birth, on)
}

/// The day ages are counted to in an academic year (BE): 16 May unless the policy says
/// otherwise.
#[pyfunction]
#[pyo3(signature = (year, *, policy = None))]
pub(crate) fn age_reference_date(year: u16, policy: Option<Bound<'_, Policy>>) -> PyResult<NaiveDate> {
    let p = policy_or_default(policy.as_ref());
    core(lec_core::date::age_reference_date(year, p.age_reference_month, p.age_reference_day).ok_or_else(|| {
        Error::config(
            format!("ปีการศึกษา `{year}` ไม่มีวันอ้างอิงอายุ"),
            format!("academic year `{year}` has no age reference day"),
        )
    }))
}

/// Parses a grade: Thai labels with or without dots and spaces (`อ.1`, `ป 6`, `ม.๓`,
/// `ประถมศึกษาปีที่ 1`), codes (`K1`, `p6`, `M3`, `VC1`, `HVC2`) and the child-development
/// labels (`ศพด.`, `เด็กเล็ก`, `CD`). Returns a `Grade`; raises `InvalidGradeError`
/// (`GRADE_UNKNOWN`).
#[pyfunction]
pub(crate) fn parse_grade<'py>(py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    member(py, core(lec_core::Grade::parse(&field_text(text)))?)
}

/// จังหวัด — a province: its 2-digit `code`, Thai and English names.
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Province {
    /// The 2-digit code, e.g. `58` for Mae Hong Son.
    #[pyo3(get)]
    code: u8,
    /// ชื่อภาษาไทย — the Thai name.
    #[pyo3(get)]
    name_th: &'static str,
    /// The English name.
    #[pyo3(get)]
    name_en: &'static str,
}

impl From<lec_core::Province> for Province {
    fn from(p: lec_core::Province) -> Province {
        Province { code: p.code, name_th: p.name_th, name_en: p.name_en }
    }
}

#[pymethods]
impl Province {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Province(code={}, name_en={})", self.code, repr(py, self.name_en))
    }
}

/// The province with a code (`58` or `"58"`). Raises `InvalidCodeError` (`PROVINCE_UNKNOWN`).
#[pyfunction]
pub(crate) fn province(code: &Bound<'_, PyAny>) -> PyResult<Province> {
    province_arg(code).map(Province::from)
}

/// The core's province for a code given as `int` or `str`; `InvalidCodeError` when none.
pub(crate) fn province_arg(code: &Bound<'_, PyAny>) -> PyResult<lec_core::Province> {
    let found = if code.is_instance_of::<PyInt>() {
        code.extract::<u8>().ok().and_then(lec_core::province::by_code)
    } else {
        lec_core::province::parse(code.extract::<&str>()?)
    };
    let shown = code.str()?.to_string_lossy().into_owned();
    core(found.ok_or_else(|| {
        Error::finding(ErrorKind::InvalidCode, FindingCode::ProvinceUnknown, shown.trim(), Detail::none())
    }))
}

/// The 77 provinces, in code order.
#[pyfunction]
pub(crate) fn provinces() -> Vec<Province> {
    lec_core::province::all().map(Province::from).collect()
}

/// รหัส อปท. — an LAO code: the 8-digit `login` (`0T PP DD NN`), the 7-digit `code7`, the
/// `kind` its type digit names, the `province` and `district`. `str()` is the login.
#[pyclass(module = "lec", name = "LaoCode", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct LaoCodeInfo {
    inner: LaoCode,
}

#[pymethods]
impl LaoCodeInfo {
    /// The 8-digit LEC login, e.g. `05810401`.
    #[getter]
    fn login(&self) -> String {
        self.inner.login()
    }

    /// The 7-digit DLA code, e.g. `5810401`.
    #[getter]
    fn code7(&self) -> String {
        self.inner.code7()
    }

    /// The kind the type digit names (`LaoKind`; it may be stale: compare with the registry).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.kind())
    }

    /// The province code.
    #[getter]
    fn province(&self) -> u8 {
        self.inner.province()
    }

    /// The district code (`1` for a PAO).
    #[getter]
    fn district(&self) -> u8 {
        self.inner.district()
    }

    fn __str__(&self) -> String {
        self.inner.login()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("LaoCode({})", repr(py, &self.inner.login()))
    }
}

/// Parses an LAO code: the 8-digit login `0T PP DD NN` or the 7-digit code, T in 2–6. Raises
/// `InvalidCodeError` (`LAO_CODE_FORMAT`, or `PROVINCE_UNKNOWN`).
#[pyfunction]
pub(crate) fn parse_lao_code(text: &Bound<'_, PyString>) -> PyResult<LaoCodeInfo> {
    core(LaoCode::parse(&field_text(text))).map(|inner| LaoCodeInfo { inner })
}

/// รหัสสถานศึกษา — an institution code `30 PP N xxxxx`: its `digits`, `province`, the owner
/// digit N and what it names (`owner_class`, `is_cdc`). `str()` is the 10 digits.
#[pyclass(module = "lec", name = "InstitutionCode", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct InstitutionCodeInfo {
    inner: InstitutionCode,
}

#[pymethods]
impl InstitutionCodeInfo {
    /// The 10 digits.
    #[getter]
    fn digits(&self) -> String {
        self.inner.digits()
    }

    /// The province code (PP).
    #[getter]
    fn province(&self) -> u8 {
        self.inner.province()
    }

    /// The owner digit N (1–6).
    #[getter]
    fn owner_digit(&self) -> u8 {
        self.inner.owner_digit()
    }

    /// The owner class N names (`OwnerClass`: PAO, municipality or SAO).
    #[getter]
    fn owner_class<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.owner_class())
    }

    /// Whether N names a child development centre (4–6) rather than a school or college (1–3).
    #[getter]
    fn is_cdc(&self) -> bool {
        self.inner.is_cdc()
    }

    fn __str__(&self) -> String {
        self.inner.digits()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("InstitutionCode({})", repr(py, &self.inner.digits()))
    }
}

/// Parses an institution code (10 digits `30 PP N xxxxx`, N in 1–6). Raises `InvalidCodeError`
/// (`INSTITUTION_CODE_FORMAT`, or `PROVINCE_UNKNOWN`).
#[pyfunction]
pub(crate) fn parse_institution_code(text: &Bound<'_, PyString>) -> PyResult<InstitutionCodeInfo> {
    core(InstitutionCode::parse(&field_text(text))).map(|inner| InstitutionCodeInfo { inner })
}
