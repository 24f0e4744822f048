//! Benchmark: a budget summary of 3,000,000 generated records over 77 provinces, 7,850 LAOs and
//! 20,000 institutions (every record's rules, duplicates, the 2567 policy). Records are
//! generated as they are consumed, so memory holds only the summary's small per-record entries.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lec_core::budget::{BudgetInput, BudgetPolicy, summarise};
use lec_core::id::check_digit;
use lec_core::registry::RegistryRow;
use lec_core::{Context, Policy, Registry, StudentRecord};
use std::time::Duration;

const RECORDS: u64 = 3_000_000;
const LAOS: usize = 7_850;
const INSTITUTIONS: usize = 20_000;

fn registry() -> (Registry, Vec<(String, bool)>) {
    let provinces: Vec<u8> = lec_core::province::all().map(|p| p.code).collect();
    let row = |level: &str, code: String, parent: String, kind: &str| RegistryRow {
        row: 0,
        level: level.into(),
        code,
        name: String::new(),
        parent,
        kind: kind.into(),
        ..RegistryRow::default()
    };
    let mut rows: Vec<RegistryRow> =
        provinces.iter().map(|p| row("province", format!("{p:02}"), String::new(), "")).collect();
    let mut laos = Vec::new();
    for k in 0..LAOS {
        let p = provinces[k % provinces.len()];
        let n = k / provinces.len();
        let code = format!("06{p:02}{:02}{:02}", n / 50 + 1, n % 50 + 1);
        rows.push(row("lao", code.clone(), format!("{p:02}"), "sao"));
        laos.push((code, p));
    }
    let mut institutions = Vec::new();
    for k in 0..INSTITUTIONS {
        let (lao, p) = &laos[k % LAOS];
        let cdc = k % 3 == 0;
        let code = format!("30{p:02}{}{:05}", if cdc { 6 } else { 3 }, k);
        rows.push(row("institution", code.clone(), lao.clone(), if cdc { "cdc" } else { "school" }));
        institutions.push((code, cdc));
    }
    let (reg, findings) = Registry::from_rows(rows, None);
    assert!(findings.is_empty());
    (reg, institutions)
}

fn person_id(serial: u64) -> String {
    let mut d = [0u8; 12];
    d[0] = 1;
    let mut s = serial;
    for slot in d[1..].iter_mut().rev() {
        *slot = (s % 10) as u8;
        s /= 10;
    }
    let c = check_digit(&d);
    d.iter().chain(std::iter::once(&c)).map(|&x| char::from(b'0' + x)).collect()
}

fn records<'a>(institutions: &'a [(String, bool)]) -> impl Iterator<Item = StudentRecord> + 'a {
    const GRADES: [(&str, &str); 9] = [
        ("อ.1", "2563"),
        ("อ.2", "2562"),
        ("อ.3", "2561"),
        ("ป.1", "2560"),
        ("ป.2", "2559"),
        ("ป.3", "2558"),
        ("ป.4", "2557"),
        ("ป.5", "2556"),
        ("ป.6", "2555"),
    ];
    (0..RECORDS).map(move |i| {
        let (code, cdc) = &institutions[(i as usize * 7) % institutions.len()];
        let (grade, year) = if *cdc { ("ศพด.", "2564") } else { GRADES[(i % 9) as usize] };
        // one record in 1,000 repeats an earlier person (a duplicate across institutions)
        let serial = if i % 1000 == 999 { i / 2 } else { i };
        StudentRecord {
            institution_code: code.clone(),
            person_id: person_id(serial),
            first_name: "สมชาย".into(),
            last_name: "ใจดี".into(),
            birth_date: format!("{:02}/{:02}/{year}", 1 + i % 28, 6 + i % 6),
            grade: grade.into(),
            status: if i % 500 == 0 { Some("ไม่มีตัวตน".into()) } else { None },
            ..StudentRecord::default()
        }
    })
}

fn bench(c: &mut Criterion) {
    let (reg, institutions) = registry();
    let policy = Policy::default();
    let budget = BudgetPolicy::y2567().unwrap();
    let mut group = c.benchmark_group("budget");
    group.sample_size(10).measurement_time(Duration::from_secs(60)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(RECORDS));
    group.bench_function("summarise 3,000,000 records", |b| {
        b.iter(|| {
            let input = BudgetInput {
                registry: &reg,
                context: Context::new(&policy, 2567),
                headcounts: &[],
                confirmations: None,
            };
            let s = summarise(&input, records(&institutions), &budget);
            assert_eq!(s.records.rows, RECORDS);
            s.records.counted
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
