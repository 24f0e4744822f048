//! Benchmarks: ID validations per second, and CSV rows per second for a generated
//! 1,000,000-row student file (all record rules plus duplicates across institutions).
//! Run with `cargo xtask bench` (prints the machine and versions first).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lec_core::files::validate_csv;
use lec_core::id::check_digit;
use lec_core::{Context, Policy, Validator};
use std::hint::black_box;
use std::time::Duration;

/// A small deterministic generator (SplitMix64): the same data on every run and machine.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn person_id(serial: u64) -> String {
    let mut d = [0u8; 12];
    d[0] = 1;
    d[1] = 5;
    d[2] = 8;
    let mut s = serial;
    for slot in d[3..].iter_mut().rev() {
        *slot = (s % 10) as u8;
        s /= 10;
    }
    let c = check_digit(&d);
    d.iter().chain(std::iter::once(&c)).map(|&x| char::from(b'0' + x)).collect()
}

/// IDs as people type them: mostly valid, some with dashes, Thai digits, typos, G-codes.
fn ids(n: usize) -> Vec<String> {
    let mut g = Gen(7);
    (0..n)
        .map(|i| {
            let id = person_id(i as u64 * 7919);
            match g.below(20) {
                0 => format!("{}-{}-{}-{}-{}", &id[0..1], &id[1..5], &id[5..10], &id[10..12], &id[12..]),
                1 => format!("{}{}", &id[..12], (id.as_bytes()[12] - b'0' + 1) % 10),
                2 => format!("G64{:02}{:08}", 42, i),
                3 => id.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0x0E50).unwrap()).collect(),
                _ => id,
            }
        })
        .collect()
}

/// A student CSV of `rows` records over 2,000 institutions; about 1 % of the rows carry an
/// error and 0.1 % a person recorded twice.
pub fn student_csv(rows: usize) -> Vec<u8> {
    let mut g = Gen(42);
    let mut out = String::with_capacity(rows * 110);
    out.push_str(
        "institution_code,person_id,prefix,first_name,last_name,sex,birth_date,grade,room,nationality,status\n",
    );
    let grades = [
        ("อ.1", 2563),
        ("อ.2", 2562),
        ("อ.3", 2561),
        ("ป.1", 2560),
        ("ป.2", 2559),
        ("ป.3", 2558),
        ("ป.4", 2557),
        ("ป.5", 2556),
        ("ป.6", 2555),
        ("ม.1", 2554),
        ("ม.2", 2553),
        ("ม.3", 2552),
    ];
    for i in 0..rows {
        let inst = g.below(2000);
        let cdc = inst.is_multiple_of(4);
        let code = format!("3058{}{:05}", if cdc { 6 } else { 3 }, inst);
        let serial = if g.below(1000) == 0 && i > 0 { g.below(i as u64) } else { i as u64 };
        let mut id = person_id(serial);
        if g.below(100) == 0 {
            id.replace_range(12..13, "x");
        }
        let (grade, year) = if cdc { ("ศพด.", 2564) } else { grades[g.below(grades.len() as u64) as usize] };
        let day = 1 + g.below(28);
        let month = 1 + g.below(12);
        let (prefix, sex) = if g.below(2) == 0 {
            ("เด็กชาย", "ชาย")
        } else {
            ("เด็กหญิง", "หญิง")
        };
        let status = if g.below(500) == 0 { "ไม่มีตัวตน" } else { "" };
        out.push_str(&format!(
            "{code},{id},{prefix},สมชาย{i},ใจดี,{sex},{day:02}/{month:02}/{year},{grade},{},ไทย,{status}\n",
            1 + g.below(3)
        ));
    }
    out.into_bytes()
}

fn bench_ids(c: &mut Criterion) {
    let policy = Policy::default();
    let inputs = ids(100_000);
    let mut group = c.benchmark_group("id");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("id_error (batch path)", |b| {
        b.iter(|| inputs.iter().filter(|s| lec_core::id_error(black_box(s), &policy, 2567).is_none()).count())
    });
    group.bench_function("check_id (with findings and messages)", |b| {
        b.iter(|| inputs.iter().filter(|s| lec_core::check_id(black_box(s), &policy, 2567, false).is_valid()).count())
    });
    group.finish();
}

fn bench_csv(c: &mut Criterion) {
    let rows = 1_000_000;
    let data = student_csv(rows);
    let policy = Policy::default();
    let mut group = c.benchmark_group("csv");
    group.sample_size(10).measurement_time(Duration::from_secs(40)).warm_up_time(Duration::from_secs(3));
    group.throughput(Throughput::Elements(rows as u64));
    group.bench_function("validate 1,000,000 rows", |b| {
        b.iter_batched(
            || Validator::new(Context::new(&policy, 2567)),
            |mut v| {
                validate_csv(&mut v, "bench.csv", black_box(&data));
                let report = v.finish();
                assert_eq!(report.summary.rows, rows as u64);
                report.summary
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_ids, bench_csv);
criterion_main!(benches);
