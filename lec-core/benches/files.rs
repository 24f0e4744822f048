//! Reading real files at national scale, timed side by side in one run:
//!
//! - CSV: a generated 1,000,000-row student file, every record rule plus duplicates across
//!   2,000 institutions, on one thread and on every core;
//! - XLSX: a generated workbook read by calamine alone (its streaming cell reader, and its
//!   whole-sheet `worksheet_range`) and validated by lec, the same bytes in memory.
//!
//! Each figure is the best of five rounds (wall clock); in a round every job runs once, one
//! after the other, so that other processes' load (this machine is shared) hits them alike.
//! `cargo xtask bench files` runs this and then the command-line comparison with
//! `frictionless validate`. With `write-csv PATH ROWS [INSTITUTIONS]` (or `write-xlsx PATH ROWS`) it only
//! writes the generated file (for that comparison, or to profile the command line on it).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::print_stdout)]

#[path = "common/data.rs"]
mod data;

use calamine::{DataRef, Reader, Xlsx};
use lec_core::files::{ReadOptions, validate_file, validate_reader};
use lec_core::{Context, Policy, Report, Validator};
use std::hint::black_box;
use std::io::Cursor;
use std::time::{Duration, Instant};

/// Runs each job once per round, the rounds one after the other, so that a change in the
/// machine's load (other processes) hits every job alike; the best time of each job.
fn interleaved(rounds: usize, jobs: &mut [&mut dyn FnMut()]) -> Vec<Duration> {
    let mut best = vec![Duration::MAX; jobs.len()];
    for _ in 0..rounds {
        for (job, best) in jobs.iter_mut().zip(best.iter_mut()) {
            let t = Instant::now();
            job();
            *best = (*best).min(t.elapsed());
        }
    }
    best
}

/// The load average (1, 5, 15 minutes), where the system tells.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_owned())
}

fn validate_bytes(bytes: &[u8], threads: usize, workbook: bool) -> Report {
    let policy = Policy::default();
    let mut v = Validator::new(Context::new(&policy, 2567));
    let opts = ReadOptions { threads, ..ReadOptions::default() };
    if workbook {
        validate_file(&mut v, "bench.xlsx", Cursor::new(bytes), &opts);
    } else {
        validate_reader(&mut v, "bench.csv", bytes, &opts);
    }
    v.finish()
}

/// calamine alone, streaming: every cell of the sheet, its text looked at.
fn calamine_cells(bytes: &[u8]) -> usize {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let mut reader = wb.worksheet_cells_reader(&name).unwrap();
    let mut n = 0usize;
    while let Some(cell) = reader.next_cell().unwrap() {
        n += match cell.get_value() {
            DataRef::SharedString(s) => s.len(),
            DataRef::String(s) => s.len(),
            _ => 1,
        };
    }
    n
}

/// calamine alone, the usual way: the whole sheet as a range.
fn calamine_range(bytes: &[u8]) -> usize {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range.cells().count()
}

fn mrows(rows: usize, d: Duration) -> f64 {
    rows as f64 / d.as_secs_f64() / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let [cmd, path, rows] = args.as_slice()
        && cmd == "write-csv"
    {
        let rows: usize = rows.parse().unwrap();
        std::fs::write(path, data::student_csv(rows)).unwrap();
        println!("wrote {rows} rows to {path}");
        return;
    }
    if let [cmd, path, rows, institutions] = args.as_slice()
        && cmd == "write-csv"
    {
        let rows: usize = rows.parse().unwrap();
        let institutions: u64 = institutions.parse().unwrap();
        std::fs::write(path, data::student_csv_over(rows, institutions)).unwrap();
        println!("wrote {rows} rows over {institutions} institutions to {path}");
        return;
    }
    if let [cmd, path, rows] = args.as_slice()
        && cmd == "write-xlsx"
    {
        let rows: usize = rows.parse().unwrap();
        std::fs::write(path, data::student_xlsx(rows)).unwrap();
        println!("wrote {rows} rows to {path}");
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rounds = 5;
    println!("best of {rounds} rounds, the jobs of a round one after the other; load average {}", load());

    let rows = 1_000_000;
    let csv = data::student_csv(rows);
    println!(
        "CSV: {rows} generated rows, {:.1} MB, all record rules + duplicates across 2,000 institutions",
        csv.len() as f64 / 1e6
    );
    let threads = [1, cores];
    let mut findings = 0;
    let mut one = || {
        let report = validate_bytes(black_box(&csv), threads[0], false);
        assert_eq!(report.summary.rows, rows as u64);
        findings = report.findings.len();
    };
    let mut many = || assert_eq!(validate_bytes(black_box(&csv), threads[1], false).summary.rows, rows as u64);
    let times = interleaved(rounds, &mut [&mut one, &mut many]);
    for (t, d) in threads.iter().zip(&times) {
        println!(
            "  lec, {t} thread{}: {:.3} s = {:.2} M rows/s ({findings} findings)",
            if *t == 1 { "" } else { "s" },
            d.as_secs_f64(),
            mrows(rows, *d),
        );
    }
    drop(csv);

    let rows = 200_000;
    let xlsx = data::student_xlsx(rows);
    println!("XLSX: {rows} generated rows, one sheet, {:.1} MB; load average {}", xlsx.len() as f64 / 1e6, load());
    let mut cells = || {
        black_box(calamine_cells(black_box(&xlsx)));
    };
    let mut range = || {
        black_box(calamine_range(black_box(&xlsx)));
    };
    let mut one = || assert_eq!(validate_bytes(black_box(&xlsx), threads[0], true).summary.rows, rows as u64);
    let mut many = || assert_eq!(validate_bytes(black_box(&xlsx), threads[1], true).summary.rows, rows as u64);
    let times = interleaved(rounds, &mut [&mut cells, &mut range, &mut one, &mut many]);
    let (cells, range) = (times[0], times[1]);
    println!("  calamine alone, cell reader: {:.3} s = {:.2} M rows/s", cells.as_secs_f64(), mrows(rows, cells));
    println!("  calamine alone, worksheet_range: {:.3} s = {:.2} M rows/s", range.as_secs_f64(), mrows(rows, range));
    let baseline = cells.min(range);
    for (t, d) in threads.iter().zip(&times[2..]) {
        println!(
            "  lec, {t} thread{}: {:.3} s = {:.2} M rows/s, {:.2}x calamine alone (goal: at most 1.25x)",
            if *t == 1 { "" } else { "s" },
            d.as_secs_f64(),
            mrows(rows, *d),
            d.as_secs_f64() / baseline.as_secs_f64()
        );
    }
    println!("load average at the end {}", load());
}
