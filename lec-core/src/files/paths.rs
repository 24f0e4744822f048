//! The one module of lec-core that opens files by path (the `files` feature): every front
//! opens a student file, a headcount form, a registry or a configuration file here, so that an
//! unopenable path becomes the same `FILE_UNREADABLE` finding or error everywhere. A path that
//! is not a regular file (a folder, a device, a pipe) is refused before it is read, so reading
//! never blocks. The rules never come here: they take bytes or readers.

use super::{
    ReadOptions, io_reason, io_reason_th, read_registry_from, unreadable_file, unreadable_file_error, validate_file,
};
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::registry::Registry;
use crate::validate::Validator;
use std::io::Read;

/// Opens a file to read it, refusing what is not a regular file (a folder, a device, a named
/// pipe) before it is read: looked at first, then opened without blocking (a FIFO swapped in
/// between does not hang the open) and looked at again.
pub(crate) fn open_regular(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let not_regular = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a folder, not a file")
        } else {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (a device or a named pipe cannot be read as a file)",
            )
        }
    };
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
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
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

/// Reads a configuration file (policy, budget policy, calendar) as text; a file that cannot
/// be read is a `FILE_UNREADABLE` error. Read it with [`crate::Config::from_text`].
pub fn read_config(path: &std::path::Path) -> Result<String> {
    let name = path.display().to_string();
    let mut text = String::new();
    open_regular(path).and_then(|mut f| f.read_to_string(&mut text)).map_err(|e| unreadable_file_error(&name, &e))?;
    Ok(text)
}

/// A round calendar by a shipped id (`2567-2`) or, when `id_or_path` names none, from the
/// JSON or TOML file at that path; the error names both ways.
pub fn read_calendar(id_or_path: &str) -> Result<crate::workflow::RoundCalendar> {
    use crate::config::Config;
    if let Ok(c) = crate::workflow::RoundCalendar::builtin(id_or_path) {
        return Ok(c);
    }
    let path = std::path::Path::new(id_or_path);
    let mut text = String::new();
    if let Err(e) = open_regular(path).and_then(|mut f| f.read_to_string(&mut text)) {
        let known = crate::workflow::calendar::BUILTIN_CALENDARS.join(", ");
        return Err(Error::config(
            format!("`{id_or_path}` ไม่ใช่ปฏิทินในตัว ({known}) และอ่านเป็นไฟล์ไม่ได้: {}", io_reason_th(&e)),
            format!("`{id_or_path}` is neither a shipped calendar ({known}) nor a readable file: {}", io_reason(&e)),
        ));
    }
    crate::workflow::RoundCalendar::from_text(id_or_path, &text)
}

/// Validates the student file at `path` into `validator`: a file that cannot be opened is a
/// `FILE_UNREADABLE` finding of the report, as any file that cannot be read.
pub fn validate_path(validator: &mut Validator<'_>, path: &std::path::Path, opts: &ReadOptions<'_>) {
    let name = path.display().to_string();
    match open_regular(path) {
        Ok(file) => validate_file(validator, &name, std::io::BufReader::with_capacity(super::READ_SIZE, file), opts),
        Err(e) => {
            let file = validator.begin_file(&name, None);
            validator.file_finding(file, None, unreadable_file(&name, &e));
        }
    }
}

/// Reads the registry at `path` (CSV or workbook; `sheet` chooses one sheet); see
/// [`read_registry_from`]. A file that cannot be opened is a `FILE_UNREADABLE` error.
pub fn read_registry_path(path: &std::path::Path, sheet: Option<&str>) -> Result<(Registry, Vec<Finding>)> {
    let name = path.display().to_string();
    let file = open_regular(path).map_err(|e| unreadable_file_error(&name, &e))?;
    read_registry_from(&name, std::io::BufReader::new(file), sheet)
}

impl crate::headcount::HeadcountReport {
    /// Reads and checks the headcount file at `path` (CSV or workbook; `sheet` chooses one
    /// sheet); a file that cannot be opened is a `FILE_UNREADABLE` finding of the report.
    pub fn add_path(
        &mut self,
        path: &std::path::Path,
        sheet: Option<&str>,
        policy: &crate::policy::Policy,
        registry: Option<&Registry>,
    ) {
        let name = path.display().to_string();
        match open_regular(path) {
            Ok(file) => self.add_file(&name, std::io::BufReader::new(file), sheet, policy, registry),
            Err(e) => self.add_unreadable(&name, unreadable_file(&name, &e)),
        }
    }
}
