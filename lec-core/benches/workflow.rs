//! Benchmark: a national-scale round (77 provinces, ~7,850 LAOs, ~20,000 institutions)
//! confirmed bottom-up, and the replay of its log. Reports events per second.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lec_core::Registry;
use lec_core::registry::RegistryRow;
use lec_core::workflow::{
    Action, Actor, BangkokTime, Command, DataStatus, Level, Round, RoundCalendar, WorkflowPolicy, replay,
};
use std::sync::Arc;
use std::time::Duration;

const LAOS: usize = 7_850;
const INSTITUTIONS: usize = 20_000;

fn national() -> (Arc<Registry>, Vec<(Command, BangkokTime)>) {
    let provinces: Vec<u8> = lec_core::province::all().map(|p| p.code).collect();
    let mut rows = Vec::new();
    let row = |level: &str, code: String, parent: String, kind: &str| RegistryRow {
        row: 0,
        level: level.into(),
        code,
        name: String::new(),
        parent,
        kind: kind.into(),
        ..RegistryRow::default()
    };
    for p in &provinces {
        rows.push(row("province", format!("{p:02}"), String::new(), ""));
    }
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
        let code = format!("30{p:02}{}{:05}", if k % 3 == 0 { 6 } else { 3 }, k);
        rows.push(row("institution", code.clone(), lao.clone(), if k % 3 == 0 { "cdc" } else { "school" }));
        institutions.push(code);
    }
    let (reg, findings) = Registry::from_rows(rows, None);
    assert!(findings.is_empty(), "{:?}", findings.first());
    let mut t = BangkokTime::parse("2024-10-01T08:00:00+07:00").unwrap().instant();
    let mut next = || {
        t += chrono::Duration::seconds(10);
        BangkokTime::new(t)
    };
    let mut cmds = Vec::new();
    let c = |level, code: &str, action, unit: &str, data| Command {
        actor: Actor { level, code: code.into() },
        action,
        unit: unit.into(),
        data,
        officer: None,
        check: None,
    };
    for i in &institutions {
        cmds.push((c(Level::Institution, i, Action::Confirm, i, Some(DataStatus { counted: 100, errors: 0 })), next()));
    }
    for (l, _) in &laos {
        cmds.push((c(Level::Lao, l, Action::Confirm, l, None), next()));
    }
    for p in &provinces {
        let p = format!("{p:02}");
        cmds.push((c(Level::Province, &p, Action::Confirm, &p, None), next()));
    }
    (Arc::new(reg), cmds)
}

fn bench(c: &mut Criterion) {
    let (registry, cmds) = national();
    let calendar = RoundCalendar::r2567_2();
    let run = || {
        let mut round = Round::new(registry.clone(), calendar.clone(), WorkflowPolicy::default());
        for (cmd, at) in &cmds {
            round.execute(cmd, *at).unwrap();
        }
        round
    };
    let done = run();
    assert!(done.state().province_confirmed(58));
    let mut group = c.benchmark_group("workflow");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(cmds.len() as u64));
    group.bench_function("national round confirmed bottom-up (events)", |b| b.iter(run));
    group.bench_function("replay of the national log (events)", |b| {
        b.iter_batched(
            || done.events().to_vec(),
            |events| replay(&done.rules(), &events).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
