//! The one error family of `lec-core` ([`lec_core::ErrorKind`]) as JavaScript errors.
//!
//! Every error the package throws (or rejects a promise with) is an `Error` whose `code` is the
//! stable finding code (`ID_CHECKSUM`, `CONFIG_INVALID`, …), `name` names its family
//! (`InvalidIdError`, …), `kind` is the family's token (`invalid_id`, …), `message` and
//! `messageEn` carry the English message and `messageTh` the Thai one.

use lec_core::ErrorKind;
use napi::JsValue;
use napi::bindgen_prelude::{Env, Object};
use napi_derive::napi;

/// The JavaScript face of an error family: the error's `name` and its `kind` token.
///
/// One `match` with no wildcard: a new [`ErrorKind`] in the core does not compile here until
/// it has its JavaScript name, and the test suite asserts every pair.
pub(crate) fn family(kind: ErrorKind) -> (&'static str, &'static str) {
    match kind {
        ErrorKind::InvalidId => ("InvalidIdError", "invalid_id"),
        ErrorKind::InvalidCode => ("InvalidCodeError", "invalid_code"),
        ErrorKind::InvalidDate => ("InvalidDateError", "invalid_date"),
        ErrorKind::InvalidGrade => ("InvalidGradeError", "invalid_grade"),
        ErrorKind::InvalidConfig => ("InvalidConfigError", "invalid_config"),
        ErrorKind::File => ("FileError", "file"),
        ErrorKind::InvalidLog => ("InvalidLogError", "invalid_log"),
    }
}

/// An error family as the package names it.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ErrorFamily {
    /// The `kind` of its errors: `invalid_id`, `invalid_code`, `invalid_date`,
    /// `invalid_grade`, `invalid_config`, `file` or `invalid_log`.
    #[napi(ts_type = "ErrorKind")]
    pub kind: String,
    /// The `name` of its errors, e.g. `InvalidIdError`.
    pub name: String,
}

/// Every error family the package can throw, in the core's order (for exhaustive handling and
#[doc = " for tests): เลขประจำตัวไม่ถูกต้อง, รหัสหน่วยงานไม่ถูกต้อง, วันที่ไม่ถูกต้อง, ระดับชั้นไม่ถูกต้อง,"]
#[doc = " การตั้งค่าไม่ถูกต้อง, อ่านไฟล์ไม่ได้, บันทึกเหตุการณ์เสียหาย."]
#[napi(catch_unwind)]
pub fn error_families() -> Vec<ErrorFamily> {
    ErrorKind::ALL
        .into_iter()
        .map(|k| {
            let (name, kind) = family(k);
            ErrorFamily { kind: kind.to_owned(), name: name.to_owned() }
        })
        .collect()
}

/// Throws the JavaScript error for a core error from a synchronous call: returns the
/// `PendingException` marker napi expects after a throw (it leaves the thrown object alone).
pub(crate) fn throw(env: &Env, e: &lec_core::Error) -> napi::Error {
    match build(env, e).and_then(|obj| env.throw(obj)) {
        Ok(()) => napi::Error::new(napi::Status::PendingException, e.message_en()),
        Err(_) => fallback(e),
    }
}

/// The JavaScript error for a core error, to reject a promise with (async tasks).
pub(crate) fn rejection(env: &Env, e: &lec_core::Error) -> napi::Error {
    match build(env, e) {
        Ok(obj) => napi::Error::from(obj.to_unknown()),
        Err(_) => fallback(e),
    }
}

/// When the error object cannot be built (the environment is shutting down): a plain error
/// with the same code and message.
fn fallback(e: &lec_core::Error) -> napi::Error {
    napi::Error::new(napi::Status::GenericFailure, format!("{}: {}", e.code(), e.message_en()))
}

fn build<'env>(env: &'env Env, e: &lec_core::Error) -> napi::Result<Object<'env>> {
    let (name, kind) = family(e.kind());
    let mut obj = env.create_error(napi::Error::new(napi::Status::GenericFailure, e.message_en()))?;
    obj.set("code", e.code())?;
    obj.set("name", name)?;
    obj.set("kind", kind)?;
    obj.set("messageTh", e.message_th())?;
    obj.set("messageEn", e.message_en())?;
    Ok(obj)
}

/// The `FILE_UNREADABLE` error for a file the host could not read (the core's wording).
pub(crate) fn unreadable(path: &str, e: &std::io::Error) -> lec_core::Error {
    lec_core::files::unreadable_file_error(path, e)
}

/// Throws a `TypeError` with code `ERR_INVALID_ARG_VALUE` (as Node's own functions do for an
/// argument of the right type but a value they cannot use): a programming error of the caller,
/// not a refusal of the core (a unit code not in the registry, a command that is no command).
pub(crate) fn invalid_value(env: &Env, msg: &str) -> napi::Error {
    match env.throw_type_error(msg, Some("ERR_INVALID_ARG_VALUE")) {
        Ok(()) => napi::Error::new(napi::Status::PendingException, msg),
        Err(e) => e,
    }
}

/// Throws a `RangeError` with code `ERR_OUT_OF_RANGE` (as Node's own functions do): a number
/// argument that is negative, fractional or too large for what it counts.
pub(crate) fn out_of_range(env: &Env, msg: &str) -> napi::Error {
    match env.throw_range_error(msg, Some("ERR_OUT_OF_RANGE")) {
        Ok(()) => napi::Error::new(napi::Status::PendingException, msg),
        Err(e) => e,
    }
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`, 2^53 − 1).
pub(crate) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A non-negative whole JavaScript number as a `u64`, or `None` when it is negative, fractional,
/// not finite or above `Number.MAX_SAFE_INTEGER` (where a number no longer counts exactly).
pub(crate) fn whole(n: f64) -> Option<u64> {
    // the range is checked first: within it the cast is exact
    (n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= MAX_SAFE_INTEGER as f64).then_some(n as u64)
}

/// Runs work on a worker thread: lec-core promises not to panic, and should it ever, the promise
/// rejects with an error naming the panic instead of the thread taking Node down.
pub(crate) fn guarded<T>(work: impl FnOnce() -> T) -> napi::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        napi::Error::from_reason(format!("internal error in lec (a bug, please report it): {what}"))
    })
}
