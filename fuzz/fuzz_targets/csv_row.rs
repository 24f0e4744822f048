//! A student CSV (a valid header, then fuzzed rows; and fuzzed bytes alone), under the default
//! file limits and under small ones (row, columns, cell): never panics and every row is
//! accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::files::validate_csv;
use lec_core::policy::FileLimits;
use lec_core::{Context, Policy, Validator};

const HEADER: &[u8] = b"institution_code,person_id,prefix,first_name,last_name,sex,birth_date,grade,room,nationality,status\n";

fuzz_target!(|data: &[u8]| {
    let tight = FileLimits { max_row_bytes: 256, max_columns: 12, max_cell_bytes: 24, ..FileLimits::default() };
    for limits in [FileLimits::default(), tight] {
        let policy = Policy { file_limits: limits, ..Policy::default() };
        let mut v = Validator::new(Context::new(&policy, 2567));
        let mut with_header = HEADER.to_vec();
        with_header.extend_from_slice(data);
        validate_csv(&mut v, "fuzz.csv", &with_header);
        validate_csv(&mut v, "raw.csv", data);
        let s = v.finish().summary;
        assert_eq!(s.rows, s.records_counted + s.records_with_errors + s.records_removed);
    }
});
