//! The mobile binding (`bindings-mobile`, UniFFI): Kotlin compiled and tested on the JVM with
//! Maven, Swift generated and checked without a Swift toolchain.
//!
//! - `cargo xtask test` (through [`test`]): builds `liblec_mobile` and `uniffi-bindgen`,
//!   regenerates the Kotlin and Swift sources and fails on any difference from the committed
//!   ones, compile-checks the C header with gcc, checks that every FFI symbol the header
//!   declares is exported by the library, checks that a plain `cargo build` builds the library
//!   without UniFFI's `cli` feature, then runs `mvn -B test` (Surefire's summary joins the tally).
//! - `cargo xtask mobile generate`: rewrites the committed generated sources.
//! - `cargo xtask bench mobile`: the Kotlin benchmark (`lec.BenchKt`) against the release library.

use crate::{Tally, first_difference, run, run_tee, say, target_dir};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The committed generated files, relative to `bindings-mobile/`, per language.
const KOTLIN_DIR: &str = "kotlin/src/main/kotlin";
const KOTLIN_FILES: &[&str] = &["lec/lec.kt"];
const SWIFT_DIR: &str = "swift";
const SWIFT_FILES: &[&str] = &["Lec.swift", "LecFFI.h", "LecFFI.modulemap"];
const HEADER: &str = "LecFFI.h";

/// `cargo xtask mobile <generate>`.
pub(crate) fn command(root: &Path, args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("generate") => {
            let target = target_dir(root)?;
            build_debug(root)?;
            let mobile = root.join("bindings-mobile");
            generate(root, &target, &mobile.join(KOTLIN_DIR), &mobile.join(SWIFT_DIR))?;
            say("mobile: regenerated bindings-mobile/kotlin/src/main/kotlin and bindings-mobile/swift");
            Ok(())
        }
        _ => Err("usage: cargo xtask mobile generate".to_owned()),
    }
}

/// Runs the mobile checks and the Kotlin suite, adding both to `tally`.
pub(crate) fn test(root: &Path, tally: &mut Tally, failures: &mut Vec<&'static str>) -> Result<(), String> {
    let target = target_dir(root)?;
    build_debug(root)?;
    let lib_dir = target.join("debug");
    let lib = lib_dir.join(lib_file());
    let mobile = root.join("bindings-mobile");

    // Swift and Kotlin: regenerate into the target directory and compare with what is committed.
    let fresh = target.join("lec-mobile-bindings");
    let _ = std::fs::remove_dir_all(&fresh);
    generate(root, &target, &fresh.join("kotlin"), &fresh.join("swift"))?;
    let mut checks = Checks::default();
    checks.record(
        "generated Kotlin matches bindings-mobile/kotlin/src/main/kotlin",
        same_files(&fresh.join("kotlin"), &mobile.join(KOTLIN_DIR), KOTLIN_FILES),
    );
    checks.record(
        "generated Swift, header and modulemap match bindings-mobile/swift",
        same_files(&fresh.join("swift"), &mobile.join(SWIFT_DIR), SWIFT_FILES).and_then(|()| {
            only_files(&mobile.join(SWIFT_DIR), SWIFT_FILES.iter().copied().chain(["README.md"]).collect())
        }),
    );
    let header = mobile.join(SWIFT_DIR).join(HEADER);
    checks.record("the C header compiles (gcc -fsyntax-only)", header_compiles(&header));
    checks.record("every FFI symbol the header declares is exported", symbols_exported(&header, &lib));
    checks.record("a plain `cargo build` builds lec-mobile without uniffi's `cli` feature", phone_features(root));
    checks.report(tally, failures);

    // Kotlin on the JVM.
    let kotlin = mobile.join("kotlin");
    let native = format!("-Dlec.native.dir={}", lib_dir.display());
    let mut summary = None;
    let ok = run_tee(&kotlin, "mvn", &["-B", "--no-transfer-progress", "test", &native], |line| {
        if let Some(s) = surefire_summary(line) {
            summary = Some(s);
        }
    })?;
    match summary {
        Some((passed, failed)) => {
            tally.passed += passed;
            tally.failed += failed;
            if !ok || failed > 0 {
                failures.push("kotlin (mvn test)");
            }
        }
        None => {
            say("mobile: `mvn test` printed no Surefire summary (did the Kotlin compile?)");
            tally.failed += 1;
            failures.push("kotlin (mvn test)");
        }
    }
    Ok(())
}

/// `cargo xtask bench mobile`: the release library (built as a phone build is: `-p lec-mobile`
/// alone, no `cli` feature) called from Kotlin through JNA.
pub(crate) fn bench(root: &Path) -> Result<(), String> {
    let target = target_dir(root)?;
    for (what, cmd, args) in [
        ("java", "java", &["-version"][..]),
        ("maven", "mvn", &["-v"][..]),
        ("rustc", "rustc", &["--version"][..]),
        ("cpu", "sh", &["-c", "grep -m1 'model name' /proc/cpuinfo; nproc"][..]),
        ("date", "date", &["-u", "+%Y-%m-%d"][..]),
    ] {
        let out = Command::new(cmd).args(args).output().map_err(|e| format!("{what}: {e}"))?;
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        say(&format!("{what}: {}", text.lines().next().unwrap_or("").trim()));
    }
    run(root, "cargo", &["build", "--release", "-p", "lec-mobile"])?;
    let native = format!("-Dlec.native.dir={}", target.join("release").display());
    run(
        &root.join("bindings-mobile/kotlin"),
        "mvn",
        &["-B", "--no-transfer-progress", "-q", "test-compile", "exec:java", "-Dexec.mainClass=lec.BenchKt", &native],
    )
}

/// Builds the library and the generator (debug: the generator reads the library's metadata,
/// which a stripped release build lacks).
fn build_debug(root: &Path) -> Result<(), String> {
    run(root, "cargo", &["build", "-p", "lec-mobile", "-p", "uniffi-bindgen"])
}

/// Runs `uniffi-bindgen` in library mode for Kotlin and Swift.
fn generate(root: &Path, target: &Path, kotlin_out: &Path, swift_out: &Path) -> Result<(), String> {
    let bindgen = target.join("debug").join(format!("uniffi-bindgen{}", std::env::consts::EXE_SUFFIX));
    let bindgen = bindgen.to_str().ok_or("the target directory is not valid UTF-8")?;
    let lib = target.join("debug").join(lib_file());
    let lib = lib.to_str().ok_or("the target directory is not valid UTF-8")?;
    for (lang, out) in [("kotlin", kotlin_out), ("swift", swift_out)] {
        let out = out.to_str().ok_or("the output directory is not valid UTF-8")?;
        run(
            root,
            bindgen,
            &["generate", lib, "--language", lang, "--no-format", "--metadata-no-deps", "--out-dir", out],
        )?;
    }
    Ok(())
}

/// The file name of the shared library on this platform.
fn lib_file() -> String {
    format!("{}lec_mobile{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)
}

/// The mobile checks that are not a test runner's: each one passes or fails, and counts.
#[derive(Default)]
struct Checks {
    passed: u64,
    failed: u64,
}

impl Checks {
    fn record(&mut self, what: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.passed += 1;
                say(&format!("mobile check ok: {what}"));
            }
            Err(why) => {
                self.failed += 1;
                say(&format!("mobile check FAILED: {what}\n  {}", why.replace('\n', "\n  ")));
            }
        }
    }

    fn report(&self, tally: &mut Tally, failures: &mut Vec<&'static str>) {
        say(&format!("mobile checks (Swift, header, symbols, features): {} ok, {} failing", self.passed, self.failed));
        tally.passed += self.passed;
        tally.failed += self.failed;
        if self.failed > 0 {
            failures.push("mobile checks");
        }
    }
}

/// Whether each named file is byte-for-byte the same in both directories.
fn same_files(fresh: &Path, committed: &Path, files: &[&str]) -> Result<(), String> {
    let mut stale = Vec::new();
    for name in files {
        let new = std::fs::read(fresh.join(name)).map_err(|e| format!("the generator wrote no `{name}`: {e}"))?;
        match std::fs::read(committed.join(name)) {
            Ok(old) if old == new => {}
            Ok(old) => stale.push(format!("`{name}` differs: {}", first_difference(&old, &new))),
            Err(_) => stale.push(format!("`{name}` is not committed")),
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\nrun `cargo xtask mobile generate` and commit the result", stale.join("\n")))
    }
}

/// Whether a directory holds exactly the expected files (a stale file would ship otherwise).
fn only_files(dir: &Path, expected: BTreeSet<&str>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list `{}`: {e}", dir.display()))?;
    let extra: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !expected.contains(n.as_str()))
        .collect();
    if extra.is_empty() { Ok(()) } else { Err(format!("files the generator does not write: {}", extra.join(", "))) }
}

/// `gcc -fsyntax-only -D_Nullable= -D_Nonnull= -x c -include <header> /dev/null`.
fn header_compiles(header: &Path) -> Result<(), String> {
    let header = header.to_str().ok_or("the header path is not valid UTF-8")?;
    let args = ["-fsyntax-only", "-D_Nullable=", "-D_Nonnull=", "-x", "c", "-include", header, "/dev/null"];
    say(&format!("$ gcc {}", args.join(" ")));
    let out = Command::new("gcc").args(args).output().map_err(|e| format!("cannot run gcc: {e}"))?;
    if out.status.success() { Ok(()) } else { Err(format!("gcc: {}", String::from_utf8_lossy(&out.stderr).trim())) }
}

/// Every `uniffi_*` / `ffi_*` function the header declares is a defined dynamic symbol.
fn symbols_exported(header: &Path, lib: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(header).map_err(|e| format!("cannot read `{}`: {e}", header.display()))?;
    let declared = declared_functions(&text);
    if declared.is_empty() {
        return Err("the header declares no `uniffi_*` / `ffi_*` function".to_owned());
    }
    let lib_path = lib.to_str().ok_or("the library path is not valid UTF-8")?;
    say(&format!("$ nm -D --defined-only {lib_path}"));
    let out = Command::new("nm")
        .args(["-D", "--defined-only", lib_path])
        .output()
        .map_err(|e| format!("cannot run nm: {e}"))?;
    if !out.status.success() {
        return Err(format!("nm: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let exported: BTreeSet<&str> = stdout.lines().filter_map(|l| l.split_whitespace().last()).collect();
    let missing: Vec<&str> = declared.iter().map(String::as_str).filter(|s| !exported.contains(s)).collect();
    if missing.is_empty() {
        say(&format!("mobile: {} FFI functions declared, all exported by {}", declared.len(), lib_file()));
        Ok(())
    } else {
        Err(format!(
            "{} of {} declared symbols are not exported: {}",
            missing.len(),
            declared.len(),
            missing.join(", ")
        ))
    }
}

/// The `uniffi_*` / `ffi_*` identifiers of a C header that are followed by `(`: its functions.
fn declared_functions(header: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut ident = String::new();
    let mut pending: Option<String> = None;
    for c in header.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_alphanumeric() || c == '_' {
            ident.push(c);
            continue;
        }
        if !ident.is_empty() {
            pending = (ident.starts_with("uniffi_") || ident.starts_with("ffi_")).then(|| std::mem::take(&mut ident));
            ident.clear();
        }
        if c == '(' {
            if let Some(name) = pending.take() {
                out.insert(name);
            }
        } else if !c.is_whitespace() {
            pending = None;
        }
    }
    out
}

/// `cargo tree` of the default members (what a plain `cargo build` builds, `lec-mobile`
/// included): uniffi must resolve without `cli`. Only the `uniffi-bindgen` crate enables it, and
/// it is not a default member; a phone build (`-p lec-mobile`) resolves the same way.
fn phone_features(root: &Path) -> Result<(), String> {
    let args = ["tree", "-e", "normal", "--prefix", "none", "-f", "{p} [{f}]"];
    say(&format!("$ cargo {}", args.join(" ")));
    let out = Command::new("cargo")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo tree: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !stdout.lines().any(|l| l.starts_with("lec-mobile v")) {
        return Err("lec-mobile is not a default member of the workspace".to_owned());
    }
    let line = stdout.lines().find(|l| l.starts_with("uniffi v")).ok_or("uniffi is not a dependency of lec-mobile")?;
    let features = line.rsplit_once('[').map_or("", |(_, f)| f.trim_end_matches(']'));
    if features.split(',').any(|f| matches!(f.trim(), "cli" | "bindgen")) {
        Err(format!("`{line}`: a phone build would carry the bindings generator"))
    } else {
        Ok(())
    }
}

/// Reads Surefire's closing summary `Tests run: N, Failures: F, Errors: E, Skipped: S` (not the
/// per-class lines, which add `Time elapsed`): `(passed, failed)` with failures and errors
/// counted as failed and skipped tests as neither.
fn surefire_summary(line: &str) -> Option<(u64, u64)> {
    let line = line.trim();
    let line = ["[INFO] ", "[ERROR] ", "[WARNING] "].iter().find_map(|p| line.strip_prefix(p)).unwrap_or(line);
    let rest = line.trim_start().strip_prefix("Tests run: ")?;
    if rest.contains("Time elapsed") {
        return None;
    }
    let mut n = [0u64; 4];
    let mut parts = rest.split(',');
    for (slot, label) in n.iter_mut().zip(["", "Failures: ", "Errors: ", "Skipped: "]) {
        let part = parts.next()?.trim();
        *slot = part.strip_prefix(label)?.trim().parse().ok()?;
    }
    let [run, failures, errors, skipped] = n;
    Some((run.saturating_sub(failures + errors + skipped), failures + errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_surefire_summary_lines() {
        assert_eq!(surefire_summary("[INFO] Tests run: 21, Failures: 0, Errors: 0, Skipped: 0"), Some((21, 0)));
        assert_eq!(surefire_summary("[ERROR] Tests run: 20, Failures: 2, Errors: 1, Skipped: 3"), Some((14, 3)));
        assert_eq!(surefire_summary("Tests run: 5, Failures: 0, Errors: 0, Skipped: 1"), Some((4, 0)));
        // per-class lines and other output are not the summary
        assert_eq!(
            surefire_summary(
                "[INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.2 s -- in lec.X"
            ),
            None
        );
        assert_eq!(surefire_summary("[INFO] BUILD SUCCESS"), None);
        assert_eq!(surefire_summary("[INFO] Tests run: many"), None);
    }

    #[test]
    fn finds_declared_functions_only() {
        let header = "#ifndef UNIFFI_FFIDEF_X\ntypedef void (*UniffiCb)(uint64_t);\n\
                      uint64_t uniffi_lec_mobile_fn_clone_policy(uint64_t handle, RustCallStatus *_Nonnull s\n);\n\
                      void ffi_lec_mobile_rustbuffer_free (RustBuffer buf);\nint uniffi_not_a_call;\n";
        let found: Vec<String> = declared_functions(header).into_iter().collect();
        assert_eq!(found, ["ffi_lec_mobile_rustbuffer_free", "uniffi_lec_mobile_fn_clone_policy"]);
    }
}
