//! Benchmarks: ID validations per second, and CSV rows per second for a generated
//! 1,000,000-row student file (all record rules plus duplicates across institutions).
//! Run with `cargo xtask bench` (prints the machine and versions first).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lec_core::files::{ReadOptions, validate_csv, validate_reader};
use lec_core::{Context, Policy, Validator};
use std::hint::black_box;
use std::time::Duration;

#[path = "common/data.rs"]
mod data;
use data::{Gen, person_id, student_csv};

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

fn bench_ids(c: &mut Criterion) {
    let policy = Policy::default();
    let inputs = ids(100_000);
    let mut group = c.benchmark_group("id");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("id_error (batch path)", |b| {
        b.iter(|| inputs.iter().filter(|s| lec_core::id_error(black_box(s), &policy, 2567).is_none()).count())
    });
    let plain: Vec<String> = (0..inputs.len()).map(|i| person_id(i as u64 * 7919)).collect();
    group.bench_function("id_error (13 plain digits)", |b| {
        b.iter(|| plain.iter().filter(|s| lec_core::id_error(black_box(s), &policy, 2567).is_none()).count())
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
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    group.bench_function(format!("validate 1,000,000 rows, {threads} threads"), |b| {
        let opts = ReadOptions { threads, ..ReadOptions::default() };
        b.iter_batched(
            || Validator::new(Context::new(&policy, 2567)),
            |mut v| {
                validate_reader(&mut v, "bench.csv", black_box(&data[..]), &opts);
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
