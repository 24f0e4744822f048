//! The workbook reader (`.xlsx`, `.xls`, `.ods`, told from the bytes): never panics, every row
//! is accounted for, and the policy's file limits hold (small ones here, so that fuzzed parts
//! reach them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::files::{ReadOptions, validate_file};
use lec_core::policy::FileLimits;
use lec_core::{Context, Policy, Validator};

/// libfuzzer-sys aborts on any panic, even one caught: lec catches a panic of the workbook
/// readers (another crate's) and reports the file, so the default hook is put back; a panic
/// that reaches the target still ends the run (libfuzzer-sys catches it and aborts).
static DEFAULT_HOOK: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    DEFAULT_HOOK.call_once(|| drop(std::panic::take_hook()));
    let tight = FileLimits {
        max_row_bytes: 4096,
        max_columns: 64,
        max_cell_bytes: 512,
        max_part_bytes: 8 << 20,
        max_whole_part_bytes: 4 << 20,
    };
    for limits in [FileLimits::default(), tight] {
        let policy = Policy { file_limits: limits, ..Policy::default() };
        let mut v = Validator::new(Context::new(&policy, 2567));
        validate_file(&mut v, "fuzz.xlsx", std::io::Cursor::new(data), &ReadOptions::default());
        let s = v.finish().summary;
        assert_eq!(s.rows, s.records_counted + s.records_with_errors + s.records_removed);
    }
});
