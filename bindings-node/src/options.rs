//! The policy and registry classes and the options every check takes (year, policy, registry,
//! masking, reference date), turned into what `lec-core` needs.

use crate::errors::{throw, unreadable};
use crate::report::{Finding, Severity, findings};
use chrono::NaiveDate;
use napi::bindgen_prelude::{Buffer, ClassInstance, Either, Env};
use napi_derive::napi;
use std::sync::Arc;

/// The academic year used when a call names none: 2567, the same default as `lec validate`.
pub(crate) const DEFAULT_YEAR: u16 = 2567;

/// นโยบาย — every rule the circular leaves open (CDC ages, the G-code year range, how category 9
/// and unknown registry provinces are reported, the grades each institution kind offers, the
/// statuses that mean removed), with the documented defaults of `examples/policy-default.toml`.
/// A ministry changes a rule by loading another policy, without a release.
#[napi]
pub struct Policy {
    pub(crate) inner: Arc<lec_core::Policy>,
}

#[napi]
impl Policy {
    /// The default policy.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)] // a JavaScript constructor, not a Rust API
    pub fn new() -> Policy {
        Policy { inner: Arc::new(lec_core::Policy::default()) }
    }

    /// Loads a policy from JSON text (keys as in the policy file, e.g. `cdc_min_age_years`);
    /// keys left out keep their defaults, unknown keys are refused (`CONFIG_INVALID`).
    #[napi(catch_unwind, factory)]
    pub fn from_json(env: &Env, text: String) -> napi::Result<Policy> {
        lec_core::Policy::from_json(&text).map(Policy::wrap).map_err(|e| throw(env, &e))
    }

    /// Loads a policy from TOML text, like `examples/policy-default.toml`.
    #[napi(catch_unwind, factory)]
    pub fn from_toml(env: &Env, text: String) -> napi::Result<Policy> {
        lec_core::Policy::from_toml(&text).map(Policy::wrap).map_err(|e| throw(env, &e))
    }

    /// Loads a policy file: TOML when its name ends in `.toml`, JSON otherwise (as
    /// `lec validate --policy`). An unreadable file throws `FILE_UNREADABLE` (kind `file`).
    #[napi(catch_unwind, factory)]
    pub fn from_file(env: &Env, path: String) -> napi::Result<Policy> {
        let text = std::fs::read_to_string(&path).map_err(|e| throw(env, &unreadable(&path, &e)))?;
        let toml = std::path::Path::new(&path).extension().is_some_and(|x| x.eq_ignore_ascii_case("toml"));
        let policy = if toml { lec_core::Policy::from_toml(&text) } else { lec_core::Policy::from_json(&text) };
        policy.map(Policy::wrap).map_err(|e| throw(env, &e))
    }

    /// The policy as a plain object with the keys of the policy file (what `JSON.stringify`
    /// writes; `Policy.fromJson` reads it back).
    #[napi(js_name = "toJSON", ts_return_type = "Record<string, unknown>")]
    pub fn to_json(&self) -> napi::Result<serde_json::Value> {
        serde_json::to_value(&*self.inner).map_err(|e| napi::Error::from_reason(e.to_string()))
    }

    fn wrap(p: lec_core::Policy) -> Policy {
        Policy { inner: Arc::new(p) }
    }
}

#[doc = " ทะเบียนหน่วยงาน — the registry of units (provinces → LAOs → institutions, and each LAO's"]
/// other-affiliation schools), loaded once and shared by any number of validations.
#[napi]
pub struct Registry {
    pub(crate) inner: Arc<lec_core::Registry>,
    pub(crate) findings: Arc<Vec<lec_core::Finding>>,
}

#[napi]
impl Registry {
    /// Loads a registry CSV file (`level,code,name,parent,kind`; UTF-8 or Windows-874). An
    /// unreadable file or a missing column throws (kind `file`); bad rows become `findings`.
    #[napi(catch_unwind, factory)]
    pub fn from_file(env: &Env, path: String) -> napi::Result<Registry> {
        Registry::load(&path).map_err(|e| throw(env, &e))
    }

    /// Loads a registry from CSV text or bytes already in memory; `name` is what its findings
    /// call the file (default `<registry>`).
    #[napi(catch_unwind, factory)]
    pub fn from_csv(env: &Env, data: Either<String, Buffer>, name: Option<String>) -> napi::Result<Registry> {
        let name = name.unwrap_or_else(|| "<registry>".to_owned());
        let bytes: &[u8] = match &data {
            Either::A(s) => s.as_bytes(),
            Either::B(b) => b,
        };
        Registry::from_bytes(&name, bytes).map_err(|e| throw(env, &e))
    }

    /// The registry's own findings: rows that could not be placed or are inconsistent.
    #[napi(getter)]
    pub fn findings(&self) -> Vec<Finding> {
        findings(&self.findings)
    }

    pub(crate) fn load(path: &str) -> lec_core::Result<Registry> {
        let bytes = std::fs::read(path).map_err(|e| unreadable(path, &e))?;
        Registry::from_bytes(path, &bytes)
    }

    fn from_bytes(name: &str, bytes: &[u8]) -> lec_core::Result<Registry> {
        let (reg, findings) = lec_core::files::read_registry(name, bytes)?;
        Ok(Registry { inner: Arc::new(reg), findings: Arc::new(findings) })
    }
}

/// How to check: the academic year, the policy, the registry, masking and the reference date.
/// Every key may be left out.
#[napi(object, object_to_js = false)]
pub struct ValidateOptions<'env> {
    #[doc = " ปีการศึกษา — the academic year, BE (default 2567, as `lec validate`)."]
    pub year: Option<f64>,
    /// The policy (default: `new Policy()`, the documented defaults).
    #[napi(ts_type = "Policy")]
    pub policy: Option<ClassInstance<'env, Policy>>,
    #[doc = " ทะเบียนหน่วยงาน — institutions are checked against it: a path to a registry CSV, or a"]
    /// `Registry` already loaded (best for a server: load once, validate often).
    #[napi(ts_type = "string | Registry")]
    pub registry: Option<Either<String, ClassInstance<'env, Registry>>>,
    /// Show personal IDs unmasked in findings (default `false`: `1-1120-xxxxx-xx-2`).
    pub unmask: Option<bool>,
    /// The data's reference date (`10/11/2567`, `2024-11-10`, `10 พ.ย. 2567`): nobody may be born
    /// after it. Default: the age reference day (16 May) of the academic year.
    pub as_of: Option<String>,
    /// List at most this many findings (the first by file, row and check order); the rest are
    /// still counted (`summary.findingsOmitted`, `byCode`). Bounds the size of a report (and of a
    /// web response) on files where every row has findings. Default: no limit.
    pub list_limit: Option<f64>,
    /// List only findings of at least this severity (`error` for errors only); the others are
    /// still counted. Default `info` (everything).
    pub min_severity: Option<Severity>,
    /// The sheet of a workbook to read, by name (default: every sheet with a student table).
    pub sheet: Option<String>,
    /// Threads that check rows of a file (default 1: the file's task alone; at most the machine's
    /// cores; the report is the same for any number). More speeds up one large file but takes
    /// cores from the server.
    pub threads: Option<f64>,
    /// `validateUpload` only: the name its findings give the data as `file` (default `<upload>`).
    pub name: Option<String>,
}

/// Options of the identity checks: the academic year and the policy.
#[napi(object, object_to_js = false)]
pub struct IdOptions<'env> {
    #[doc = " ปีการศึกษา — the academic year, BE (default 2567): G-code years are checked against it."]
    pub year: Option<f64>,
    /// The policy (default: `new Policy()`).
    #[napi(ts_type = "Policy")]
    pub policy: Option<ClassInstance<'env, Policy>>,
    /// `checkId` only: show the ID unmasked in findings (default `false`).
    pub unmask: Option<bool>,
}

/// Where the registry comes from.
#[derive(Clone)]
pub(crate) enum RegistrySource {
    /// No registry: institution codes are checked by their digits only.
    None,
    /// A file to read (off the event loop, for the async calls).
    Path(String),
    /// A registry already loaded.
    Loaded(Arc<lec_core::Registry>, Arc<Vec<lec_core::Finding>>),
}

impl RegistrySource {
    /// The source a `registry` argument names: a path, a `Registry`, or nothing.
    pub(crate) fn of(arg: Option<&Either<String, ClassInstance<'_, Registry>>>) -> RegistrySource {
        match arg {
            None => RegistrySource::None,
            Some(Either::A(path)) => RegistrySource::Path(path.clone()),
            Some(Either::B(r)) => RegistrySource::Loaded(Arc::clone(&r.inner), Arc::clone(&r.findings)),
        }
    }

    /// The registry, loading it when a path was given (`FILE_UNREADABLE` when it cannot be
    /// read), with its findings.
    pub(crate) fn load(&self) -> lec_core::Result<Option<Loaded>> {
        match self {
            RegistrySource::None => Ok(None),
            RegistrySource::Loaded(r, f) => Ok(Some((Arc::clone(r), Arc::clone(f)))),
            RegistrySource::Path(p) => {
                let r = Registry::load(p)?;
                Ok(Some((r.inner, r.findings)))
            }
        }
    }
}

/// A loaded registry and its own findings.
pub(crate) type Loaded = (Arc<lec_core::Registry>, Arc<Vec<lec_core::Finding>>);

/// The options, owned and checked: what a validation needs, `Send` so it can run on a worker.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) policy: Arc<lec_core::Policy>,
    pub(crate) year: u16,
    pub(crate) as_of: Option<NaiveDate>,
    pub(crate) unmask: bool,
    pub(crate) registry: RegistrySource,
    pub(crate) name: Option<String>,
    pub(crate) list_limit: Option<usize>,
    pub(crate) min_severity: Option<lec_core::Severity>,
    pub(crate) sheet: Option<String>,
    pub(crate) threads: usize,
}

/// The academic year of the options, checked to be a year the library can hold.
/// JavaScript numbers are read as they are given (not wrapped to 32 bits or truncated): `-1` or
/// `2567.5` is refused with the number the caller wrote.
pub(crate) fn year(y: Option<f64>) -> lec_core::Result<u16> {
    match y {
        None => Ok(DEFAULT_YEAR),
        Some(y) => whole(y, 0, u64::from(u16::MAX)).and_then(|y| u16::try_from(y).ok()).ok_or_else(|| {
            lec_core::Error::config(
                format!("ปีการศึกษา `{y}` ไม่ถูกต้อง (ใช้ปี พ.ศ. เช่น 2567)"),
                format!("the academic year `{y}` is not valid (use a BE year such as 2567)"),
            )
        }),
    }
}

/// The machine's cores (1 when unknown).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// `n` when it is a whole number from `min` to `max`.
pub(crate) fn whole(n: f64, min: u64, max: u64) -> Option<u64> {
    (n.fract() == 0.0 && n >= min as f64 && n <= max as f64).then_some(n as u64)
}

/// A count option (`listLimit`, `threads`): a whole number from `min` up, else `CONFIG_INVALID`
/// naming the option and the number given.
fn count(name: &str, n: Option<f64>, min: u64) -> lec_core::Result<Option<usize>> {
    let Some(n) = n else { return Ok(None) };
    whole(n, min, u64::from(u32::MAX)).and_then(|n| usize::try_from(n).ok()).map(Some).ok_or_else(|| {
        lec_core::Error::config(
            format!("`{name}` ต้องเป็นจำนวนเต็มตั้งแต่ {min} ขึ้นไป ไม่ใช่ `{n}`"),
            format!("`{name}` must be a whole number from {min} up, not `{n}`"),
        )
    })
}

/// The policy of the options, or the default.
pub(crate) fn policy(p: Option<&ClassInstance<'_, Policy>>) -> Arc<lec_core::Policy> {
    p.map_or_else(|| Arc::new(lec_core::Policy::default()), |p| Arc::clone(&p.inner))
}

impl Settings {
    /// Reads and checks the options (a bad `year` or `asOf` is `CONFIG_INVALID`).
    pub(crate) fn from_options(o: Option<ValidateOptions<'_>>) -> lec_core::Result<Settings> {
        let Some(o) = o else {
            return Ok(Settings {
                policy: Arc::new(lec_core::Policy::default()),
                year: DEFAULT_YEAR,
                as_of: None,
                unmask: false,
                registry: RegistrySource::None,
                name: None,
                list_limit: None,
                min_severity: None,
                sheet: None,
                threads: 1,
            });
        };
        let as_of = match &o.as_of {
            None => None,
            Some(text) => Some(
                lec_core::parse_thai_date(text)
                    .map_err(|_| {
                        lec_core::Error::config(
                            format!("`{text}` ไม่ใช่วันที่สำหรับ asOf (เช่น 10/11/2567 หรือ 2024-11-10)"),
                            format!("`{text}` is not a date for asOf (e.g. 10/11/2567 or 2024-11-10)"),
                        )
                    })?
                    .date,
            ),
        };
        let registry = RegistrySource::of(o.registry.as_ref());
        Ok(Settings {
            policy: policy(o.policy.as_ref()),
            year: year(o.year)?,
            as_of,
            unmask: o.unmask.unwrap_or(false),
            registry,
            name: o.name.clone(),
            list_limit: count("listLimit", o.list_limit, 0)?,
            min_severity: o.min_severity.map(Severity::into_core),
            sheet: o.sheet.clone(),
            // more threads than cores only costs memory
            threads: count("threads", o.threads, 1)?.unwrap_or(1).min(cores()),
        })
    }

    /// The registry, loading it when a path was given, with its findings.
    pub(crate) fn registry(&self) -> lec_core::Result<Option<Loaded>> {
        self.registry.load()
    }

    /// A validator for these settings (list limit and minimum severity applied).
    pub(crate) fn validator<'a>(&'a self, registry: Option<&'a lec_core::Registry>) -> lec_core::Validator<'a> {
        let mut v = lec_core::Validator::new(self.context(registry));
        if let Some(n) = self.list_limit {
            v = v.list_limit(n);
        }
        if let Some(s) = self.min_severity {
            v = v.min_severity(s);
        }
        v
    }

    /// How files are read: the sheet and the number of threads.
    pub(crate) fn read_options(&self) -> lec_core::files::ReadOptions<'static> {
        lec_core::files::ReadOptions { sheet: self.sheet.clone(), threads: self.threads, progress: None }
    }

    /// The core context for these settings.
    pub(crate) fn context<'a>(&'a self, registry: Option<&'a lec_core::Registry>) -> lec_core::Context<'a> {
        let mut ctx = lec_core::Context::new(&self.policy, self.year);
        ctx.registry = registry;
        ctx.unmasked = self.unmask;
        if let Some(d) = self.as_of {
            ctx.as_of = d;
        }
        ctx
    }
}
