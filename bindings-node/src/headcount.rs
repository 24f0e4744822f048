//! Headcount forms of other-affiliation schools, read and checked off the event loop: every
//! rule is `lec_core::headcount`'s; this module only translates.

use crate::errors::{guarded, rejection};
use crate::options::{Policy, Registry, RegistrySource, policy};
use crate::report::{CodeCount, FileInfo, Finding, Summary, count, findings};
use lec_core::headcount::{HEADCOUNT_GRADES, HeadcountReport as CoreReport};
use napi::Task;
use napi::bindgen_prelude::{AsyncTask, ClassInstance, Either, Either3, Env};
use napi_derive::napi;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Options of `validateHeadcounts`. Every key may be left out.
#[napi(object, object_to_js = false)]
pub struct HeadcountOptions<'env> {
    #[doc = " ทะเบียนหน่วยงาน — with a registry each school must be one of its LAO's other-affiliation"]
    /// schools (`HC_SCHOOL_NOT_REGISTERED`) of the kind it says (`HC_EXTENDED_MISMATCH`): a path
    /// to a registry CSV, or a `Registry` already loaded.
    #[napi(ts_type = "string | Registry")]
    pub registry: Option<Either<String, ClassInstance<'env, Registry>>>,
    /// The policy: how Thai digits in a count are reported (its `headcount_thai_digits`; by
    /// default an error, `HC_NOT_ARABIC`). Default: `new Policy()`.
    #[napi(ts_type = "Policy")]
    pub policy: Option<ClassInstance<'env, Policy>>,
}

/// Reads and checks headcount files into one report (lec-core's `HeadcountReport::add_path` per
/// file: CSV or workbook). A file that cannot be opened is a `FILE_UNREADABLE` finding of the
/// report; with `strict` (the budget, which has no report to show it in) it is the error.
pub(crate) fn check_files(
    paths: &[String],
    policy: &lec_core::Policy,
    registry: Option<&lec_core::Registry>,
    strict: bool,
) -> lec_core::Result<CoreReport> {
    let mut report = CoreReport::default();
    for path in paths {
        report.add_path(std::path::Path::new(path), None, policy, registry);
    }
    match report.unreadable_file() {
        Some(e) if strict => Err(e),
        _ => Ok(report),
    }
}

/// A headcount check running on libuv's thread pool: reading, decoding and every rule happen
/// off the event loop.
pub struct HeadcountCheck {
    paths: Vec<String>,
    policy: Arc<lec_core::Policy>,
    registry: RegistrySource,
}

impl Task for HeadcountCheck {
    type Output = lec_core::Result<CoreReport>;
    type JsValue = HeadcountReport;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        guarded(|| {
            let registry = self.registry.load()?;
            check_files(&self.paths, &self.policy, registry.as_ref().map(|(r, _)| &**r), false)
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map(|r| HeadcountReport { inner: Arc::new(r) }).map_err(|e| rejection(&env, &e))
    }
}

/// Checks headcount-form CSV files of other-affiliation schools
#[doc = " (จำนวนนักเรียนของสถานศึกษาสังกัดอื่น) as `lec headcount` does, on a worker thread: per school"]
/// `lao_code`, `school_code`, `school_name`, `extended`, `closed`, then a count per grade
#[doc = " `K1 … M3` (or `อ.1 … ม.3`); UTF-8 or Windows-874, `,` `;` or tab. Every grade from อ.1 to ป.6"]
/// must hold a number — a blank is not 0 (`HC_MISSING`) — and ม.1–ม.3 too for an
/// extended-opportunity school; counts are whole numbers (`HC_INVALID`) in Arabic numerals
/// (`HC_NOT_ARABIC`); a closed school is all zeros (`HC_CLOSED_NONZERO`); a school entered twice
/// is `HC_DUPLICATE_SCHOOL`; with a registry, each school must be one of its LAO's
/// other-affiliation schools.
///
/// Asynchronous like `validateFile` (it reads files: the event loop stays free). Problems inside
/// a file are findings in the report; the promise rejects only when a file or the registry
/// cannot be read at all (`FILE_UNREADABLE`, kind `file`). The report's `forms` are what
/// `summarise` counts: hand the report to it.
#[napi(catch_unwind, ts_return_type = "Promise<HeadcountReport>")]
pub fn validate_headcounts(
    path: Either<String, Vec<String>>,
    options: Option<HeadcountOptions<'_>>,
) -> AsyncTask<HeadcountCheck> {
    let paths = match path {
        Either::A(p) => vec![p],
        Either::B(ps) => ps,
    };
    let (policy, registry) = match &options {
        None => (policy(None), RegistrySource::None),
        Some(o) => (policy(o.policy.as_ref()), RegistrySource::of(o.registry.as_ref())),
    };
    AsyncTask::new(HeadcountCheck { paths, policy, registry })
}

/// One checked headcount form (one school).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct HeadcountForm {
    /// The row a spreadsheet shows (the header is row 1).
    pub row: i64,
    #[doc = " รหัส อปท. — the LAO's 8-digit login, when its code is valid."]
    pub lao: Option<String>,
    /// The school's 10-digit Ministry ID, when valid.
    pub school: Option<String>,
    /// The school's name as entered.
    pub school_name: String,
    #[doc = " โรงเรียนขยายโอกาส — an extended-opportunity school (ม.1–ม.3 required too)."]
    pub extended: bool,
    #[doc = " ประกาศเลิก — announced closed (all zeros)."]
    pub closed: bool,
    /// The count per grade code (`K1` … `M3`); `null` for a blank or unusable cell.
    #[napi(ts_type = "Record<string, number | null>")]
    pub counts: BTreeMap<String, Option<u32>>,
    /// Whether the form has an `error` finding (it then counts for nothing).
    pub has_errors: bool,
}

impl From<&lec_core::headcount::HeadcountForm> for HeadcountForm {
    fn from(f: &lec_core::headcount::HeadcountForm) -> HeadcountForm {
        HeadcountForm {
            row: count(f.row),
            lao: f.lao.map(|l| l.login()),
            school: f.school.map(|s| s.digits()),
            school_name: f.school_name.clone(),
            extended: f.extended,
            closed: f.closed,
            counts: HEADCOUNT_GRADES.iter().zip(f.counts.iter()).map(|(g, c)| (g.code().to_owned(), *c)).collect(),
            has_errors: f.has_errors,
        }
    }
}

/// A headcount report as one plain object (what `JSON.stringify` writes).
#[napi(object, object_from_js = false)]
pub struct HeadcountReportJson {
    /// The files read, in the order given.
    pub files: Vec<FileInfo>,
    /// The counts.
    pub summary: Summary,
    /// How many findings of each code (and severity), in catalogue order.
    pub by_code: Vec<CodeCount>,
    /// Every finding, by file and row.
    pub findings: Vec<Finding>,
    /// The checked forms, in input order.
    pub forms: Vec<HeadcountForm>,
}

/// The result of checking headcount forms — the shape of a `Report`: `files`, `summary`,
/// `findings` (by file and row), and the checked `forms`, which `summarise` counts (give it the
/// report itself). `JSON.stringify(report)` writes every part.
#[napi]
pub struct HeadcountReport {
    pub(crate) inner: Arc<CoreReport>,
}

#[napi]
impl HeadcountReport {
    /// The files read, in the order given.
    #[napi(getter)]
    pub fn files(&self) -> Vec<FileInfo> {
        self.inner.files.iter().map(FileInfo::from).collect()
    }

    /// The counts (a form is a record: `recordsCounted`, `recordsWithErrors`).
    #[napi(getter)]
    pub fn summary(&self) -> Summary {
        Summary::from(&self.inner.summary)
    }

    /// How many findings of each code (and severity), in catalogue order.
    #[napi(getter)]
    pub fn by_code(&self) -> Vec<CodeCount> {
        self.inner.by_code.iter().map(CodeCount::from).collect()
    }

    /// Every finding, by file and row.
    #[napi(getter)]
    pub fn findings(&self) -> Vec<Finding> {
        findings(&self.inner.findings)
    }

    /// The checked forms, in input order.
    #[napi(getter)]
    pub fn forms(&self) -> Vec<HeadcountForm> {
        self.inner.forms.iter().map(HeadcountForm::from).collect()
    }

    /// Whether any finding is an `error`.
    #[napi(getter)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    /// The report as a plain object: `files`, `summary`, `findings` and `forms`.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> HeadcountReportJson {
        HeadcountReportJson {
            files: self.files(),
            summary: self.summary(),
            by_code: self.by_code(),
            findings: self.findings(),
            forms: self.forms(),
        }
    }
}

/// The headcounts argument of `summarise`: a checked report, or files to check.
pub(crate) enum Headcounts {
    /// No forms.
    None,
    /// A report `validateHeadcounts` made.
    Checked(Arc<CoreReport>),
    /// Files to check against the summary's registry.
    Files(Vec<String>),
}

impl Headcounts {
    /// Reads the argument.
    pub(crate) fn of(arg: Option<Either3<ClassInstance<'_, HeadcountReport>, String, Vec<String>>>) -> Headcounts {
        match arg {
            None => Headcounts::None,
            Some(Either3::A(r)) => Headcounts::Checked(Arc::clone(&r.inner)),
            Some(Either3::B(p)) => Headcounts::Files(vec![p]),
            Some(Either3::C(ps)) => Headcounts::Files(ps),
        }
    }
}
