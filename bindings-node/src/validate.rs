//! Validating whole data sets: student files and uploads off the event loop (async tasks on
//! libuv's thread pool), records already in memory on the calling thread.

use crate::errors::{guarded, rejection, throw, unreadable};
use crate::options::{Settings, ValidateOptions};
use crate::report::Report;
use lec_core::files;
use lec_core::{Field, StudentRecord};
use napi::bindgen_prelude::{AsyncTask, Buffer, Either, Env, Object, Unknown};
use napi::{JsValue, Status, Task, ValueType};
use napi_derive::napi;
use std::io::{BufReader, Cursor};

/// The read buffer of a student file (as `lec validate` uses).
const READ_BUFFER: usize = 256 * 1024;

/// What a validation reads.
enum Input {
    /// Student files (CSV or workbooks), read as one data set (duplicates are found across them).
    Files(Vec<String>),
    /// A student file already in memory (an upload), with the name its findings give it.
    Bytes(String, Vec<u8>),
}

/// A validation running on libuv's thread pool: reading, decoding, every record rule,
/// duplicates and the conversion of findings all happen off the event loop; only handing the
/// finished report to JavaScript happens on it.
pub struct Validation {
    settings: Settings,
    input: Input,
}

impl Validation {
    fn run(&self) -> lec_core::Result<Report> {
        let registry = self.settings.registry()?;
        let mut validator = self.settings.validator(registry.as_ref().map(|(r, _)| &**r));
        let opts = self.settings.read_options();
        match &self.input {
            Input::Files(paths) => {
                for path in paths {
                    let file = open_regular(std::path::Path::new(path)).map_err(|e| unreadable(path, &e))?;
                    files::validate_file(&mut validator, path, BufReader::with_capacity(READ_BUFFER, file), &opts);
                }
            }
            Input::Bytes(name, bytes) => {
                files::validate_file(&mut validator, name, Cursor::new(bytes.as_slice()), &opts)
            }
        }
        let report = validator.finish();
        Ok(Report::new(&report, registry.as_ref().map_or(&[], |(_, f)| f.as_slice())))
    }
}

impl Task for Validation {
    type Output = lec_core::Result<Report>;
    type JsValue = Report;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        guarded(|| self.run())
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|e| rejection(&env, &e))
    }
}

/// Validates student files as one data set, exactly as `lec validate` does, on a worker thread:
/// the event loop stays free while a large file is checked. CSV in UTF-8 (with or without BOM),
/// UTF-16 or Windows-874 / TIS-620 (detected; `,` `;` or tab), or workbooks (`.xlsx`, `.xls`,
/// `.ods`, told by their content; every sheet with a student table, or `options.sheet`);
/// English or Thai headers in any order, LEC's own export layout too. Several paths are one data
/// set (a person in two files' institutions is `ID_DUPLICATE_ACROSS`).
///
/// Everything about the contents is a finding in the report (a damaged workbook is
/// `FILE_UNREADABLE` there). The promise rejects only when an input cannot be read at all: a
/// file or the registry (`FILE_UNREADABLE`, kind `file`). A bad `year` or `asOf` throws at the
/// call (`CONFIG_INVALID`).
#[napi(catch_unwind, ts_return_type = "Promise<Report>")]
pub fn validate_file(
    env: &Env,
    path: Either<String, Vec<String>>,
    options: Option<ValidateOptions<'_>>,
) -> napi::Result<AsyncTask<Validation>> {
    let settings = Settings::from_options(options).map_err(|e| throw(env, &e))?;
    let paths = match path {
        Either::A(p) => vec![p],
        Either::B(ps) => ps,
    };
    Ok(AsyncTask::new(Validation { settings, input: Input::Files(paths) }))
}

/// Validates one student file already in memory (an upload's body: CSV text or bytes, or a
/// workbook's bytes) like `validateFile`, on a worker thread. Text is taken as it is; bytes
/// have their format and encoding detected. Findings call it `options.name` (default `<upload>`).
#[napi(catch_unwind, ts_return_type = "Promise<Report>")]
pub fn validate_upload(
    env: &Env,
    data: Either<String, Buffer>,
    options: Option<ValidateOptions<'_>>,
) -> napi::Result<AsyncTask<Validation>> {
    let settings = Settings::from_options(options).map_err(|e| throw(env, &e))?;
    let name = settings.name.clone().unwrap_or_else(|| "<upload>".to_owned());
    let bytes = match data {
        Either::A(s) => s.into_bytes(),
        Either::B(b) => b.to_vec(),
    };
    Ok(AsyncTask::new(Validation { settings, input: Input::Bytes(name, bytes) }))
}

/// Validates student records already in memory (e.g. a form's JSON) as one data set, on the
/// calling thread (for large data prefer `validateFile` / `validateUpload`). Each row is an
/// object whose keys are the column names of a student file — English (`person_id`), camelCase
#[doc = " (`personId`) or Thai (`เลขประจำตัวประชาชน`); other keys are ignored. Values are text (numbers"]
/// are read as JavaScript writes them; `null` or `undefined` is a blank cell, as `None` is in
/// Python; a missing key: the column is absent, which for a required column means blank). The
/// first row is row 1 of `<records>` in the findings.
#[napi(catch_unwind, ts_args_type = "rows: Array<StudentRow>, options?: ValidateOptions")]
pub fn validate_records(
    env: &Env,
    rows: Vec<Unknown<'_>>,
    options: Option<ValidateOptions<'_>>,
) -> napi::Result<Report> {
    let settings = Settings::from_options(options).map_err(|e| throw(env, &e))?;
    let mut records = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        records.push(record(row).map_err(|what| type_error(env, &format!("row {} (index {i}): {what}", i + 1)))?);
    }
    let registry = settings.registry().map_err(|e| throw(env, &e))?;
    let mut validator = settings.validator(registry.as_ref().map(|(r, _)| &**r));
    let file = validator.begin_file("<records>", None);
    for (i, r) in records.iter().enumerate() {
        validator.push(file, i as u64 + 1, r);
    }
    let report = validator.finish();
    Ok(Report::new(&report, registry.as_ref().map_or(&[], |(_, f)| f.as_slice())))
}

/// Throws a `TypeError` (code `ERR_INVALID_ARG_TYPE`, as Node's own): the caller passed
/// something that is not a row of text, a programming error rather than a finding.
pub(crate) fn type_error(env: &Env, msg: &str) -> napi::Error {
    match env.throw_type_error(msg, Some("ERR_INVALID_ARG_TYPE")) {
        Ok(()) => napi::Error::new(Status::PendingException, msg),
        Err(e) => e,
    }
}

/// Reads one row object into a record; `Err` says what is wrong with it.
pub(crate) fn record(row: Unknown<'_>) -> Result<StudentRecord, String> {
    match row.get_type().map_err(|e| e.reason.clone())? {
        ValueType::Object if !row.is_array().unwrap_or(false) => {}
        ValueType::Object => return Err("is an array, not an object".to_owned()),
        other => return Err(format!("is {}, not an object", type_name(other))),
    }
    let row = row.coerce_to_object().map_err(|e| e.reason.clone())?;
    let mut rec = StudentRecord::default();
    let mut seen = [false; Field::ALL.len()];
    let keys = Object::keys(&row).map_err(|e| e.reason.clone())?;
    for key in keys {
        let Some(f) = Field::from_header(&key) else { continue };
        let Some(slot) = seen.get_mut(f as usize) else { continue };
        if *slot {
            continue; // the first key naming a field wins, as the first column does in a file
        }
        *slot = true;
        let value: Option<Unknown<'_>> = row.get(&key).map_err(|e| e.reason.clone())?;
        let text = match value {
            None => None,
            Some(v) => match v.get_type().map_err(|e| e.reason.clone())? {
                ValueType::Null | ValueType::Undefined => None,
                ValueType::String | ValueType::Number | ValueType::Boolean => Some(
                    v.coerce_to_string()
                        .and_then(|s| s.into_utf8())
                        .and_then(|s| s.into_owned())
                        .map_err(|e| e.reason.clone())?,
                ),
                other => return Err(format!("`{key}` is {}, not text", type_name(other))),
            },
        };
        // a key present with `null`/`undefined` is a blank cell, as `None` is in Python
        rec.set(f, text.unwrap_or_default());
    }
    Ok(rec)
}

/// How JavaScript's `typeof` would name a value's type, for messages.
fn type_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        _ => "a value of another type",
    }
}

/// Opens a file to read without ever blocking or reading a device: a path that is not a
/// regular file (a folder, a device such as `/dev/zero`, a named pipe) is an error of kind
/// `InvalidInput` that says so. (On Linux and macOS the file is opened non-blocking, so a pipe
/// swapped in after the check does not hang the caller either; regular files read as usual.)
fn open_regular(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a device or a named pipe cannot be read as a file)",
        )
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "aarch64",
            target_arch = "x86",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000); // O_NONBLOCK
    #[cfg(target_os = "macos")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0x0004); // O_NONBLOCK
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}
