//! The headcount-form reader (other-affiliation schools' counts, CSV): any bytes after a form
//! header, and alone, with and without a registry: never panics, and every row read is a form
//! counted or with errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::headcount::HeadcountReport;
use lec_core::{Policy, Registry};

const HEADER: &[u8] = "lao_code,school_code,school_name,extended,closed,อ.1,อ.2,อ.3,ป.1,ป.2,ป.3,ป.4,ป.5,ป.6,ม.1,ม.2,ม.3\n".as_bytes();
const REGISTRY: &[u8] = "level,code,name,parent,kind\nprovince,58,แม่ฮ่องสอน,,\nlao,06580102,อบต.ผาบ่อง,58,sao\nother_school,1058100101,โรงเรียนบ้านผาบ่อง,06580102,extended\n".as_bytes();

fuzz_target!(|data: &[u8]| {
    let policy = Policy::default();
    let registry = Registry::from_csv("registry.csv", REGISTRY).ok().map(|(r, _)| r);
    let mut with_header = HEADER.to_vec();
    with_header.extend_from_slice(data);
    for reg in [None, registry.as_ref()] {
        let mut report = HeadcountReport::default();
        report.add_csv("fuzz.csv", &with_header, &policy, reg);
        report.add_csv("raw.csv", data, &policy, reg);
        let s = &report.summary;
        assert_eq!(s.rows, s.forms_counted + s.forms_with_errors, "{s:?}");
    }
});
