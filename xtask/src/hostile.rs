//! `cargo xtask bench hostile`: `lec validate` (release) on generated hostile files — a header
//! of a million columns (and of four million, to see time grow in proportion), a quote that
//! never closes before 64 MB of rows, a cell of 1 MB, a NUL byte deep in a file, 32 MB of line
//! breaks, a workbook whose shared strings inflate to 1 GB, a named pipe and `/dev/zero` —
//! with each run's time, peak memory (VmHWM, from `lec --stats`) and the finding it must give.
//! Fails when a run takes more than 200 MB, gives the wrong answer, or hangs (30 s).

use crate::{run, say, target_dir};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HEADER: &str =
    "institution_code,person_id,prefix,first_name,last_name,sex,birth_date,grade,room,nationality,status\n";
const ROW: &str = "3058200001,1580100123451,เด็กชาย,กล้า,ใจดี,ชาย,15/03/2560,ป.1,1,ไทย,\n";

/// The peak memory allowed for any hostile file, in kB.
const MAX_PEAK_KB: u64 = 200 * 1024;

/// A case: the file's name, and the finding code its report must hold.
struct Case {
    file: String,
    expect: &'static str,
}

fn write(path: &Path, parts: &[&[u8]], repeat_last: usize) -> Result<(), String> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?);
    let (last, head) = parts.split_last().ok_or("no content")?;
    for p in head {
        f.write_all(p).map_err(|e| e.to_string())?;
    }
    for _ in 0..repeat_last {
        f.write_all(last).map_err(|e| e.to_string())?;
    }
    f.flush().map_err(|e| e.to_string())
}

fn wide_header(path: &Path, columns: usize) -> Result<(), String> {
    let mut text = String::with_capacity(columns * 2 + ROW.len());
    for i in 0..columns {
        text.push_str(if i == 0 { "c" } else { ",c" });
    }
    text.push('\n');
    text.push_str(ROW);
    std::fs::write(path, text).map_err(|e| e.to_string())
}

fn cases(dir: &Path) -> Result<Vec<Case>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = Vec::new();
    let mut add = |file: &str, expect| out.push(Case { file: file.to_owned(), expect });
    wide_header(&dir.join("wide-1m.csv"), 1_000_000)?;
    add("wide-1m.csv", "FILE_TOO_MANY_COLUMNS");
    wide_header(&dir.join("wide-4m.csv"), 4_000_000)?;
    add("wide-4m.csv", "FILE_TOO_MANY_COLUMNS");
    let rows = 64 * 1024 * 1024 / ROW.len();
    write(&dir.join("unclosed-quote.csv"), &[HEADER.as_bytes(), b"3058200001,\"15801", ROW.as_bytes()], rows)?;
    add("unclosed-quote.csv", "FILE_ROW_TOO_LONG");
    let cell = "ก".repeat(350_000);
    let long_row = ROW.replace("กล้า", &cell);
    write(&dir.join("long-cell.csv"), &[HEADER.as_bytes(), long_row.as_bytes(), ROW.as_bytes()], 100_000)?;
    add("long-cell.csv", "FILE_CELL_TOO_LONG");
    let nul_row = ROW.replace("กล้า", "ก\0ล้า");
    write(&dir.join("nul.csv"), &[HEADER.as_bytes(), &ROW.as_bytes().repeat(10_000), nul_row.as_bytes()], 1)?;
    add("nul.csv", "FILE_NUL_BYTE");
    write(&dir.join("newlines.csv"), &[HEADER.as_bytes(), &[b'\n'; 1024 * 1024]], 32)?;
    add("newlines.csv", "-");
    // a workbook whose shared strings inflate to 1 GB (a megabyte or so deflated), by Python's zipfile
    let bomb = dir.join("bomb.xlsx");
    if !bomb.is_file() {
        let script = r#"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
        block = b"a" * (1 << 20)
        for _ in range(1024):
            f.write(block)
        f.write(b"</t></si></sst>")
"#;
        run(dir, "python3", &["-c", script, &bomb.display().to_string()])?;
    }
    add("bomb.xlsx", "FILE_PART_TOO_LARGE");
    #[cfg(unix)]
    {
        let fifo = dir.join("pipe.csv");
        if !fifo.exists() {
            run(dir, "mkfifo", &[&fifo.display().to_string()])?;
        }
        add("pipe.csv", "FILE_UNREADABLE");
        add("/dev/zero", "FILE_UNREADABLE");
    }
    Ok(out)
}

/// Runs `lec validate` on one file with a time limit; (seconds, peak kB, report JSON).
fn validate(lec: &Path, dir: &Path, file: &str) -> Result<(f64, u64, String), String> {
    let start = Instant::now();
    let mut child = Command::new(lec)
        .args(["validate", file, "--format", "json", "--limit", "5", "--quiet", "--stats", "--threads", "2"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start lec: {e}"))?;
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            return Err(format!("`lec validate {file}` still runs after 30 s"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let secs = start.elapsed().as_secs_f64();
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak = stderr
        .split("peak memory (VmHWM) ")
        .nth(1)
        .and_then(|p| p.split_whitespace().next())
        .and_then(|n| n.parse::<u64>().ok())
        .ok_or_else(|| format!("no peak memory in `{}`", stderr.trim()))?;
    Ok((secs, peak, String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// `cargo xtask bench hostile`.
pub(crate) fn bench(root: &Path) -> Result<(), String> {
    let target = target_dir(root)?;
    let dir = target.join("hostile");
    let cases = cases(&dir)?;
    run(root, "cargo", &["build", "--release", "-p", "lec-cli"])?;
    let lec = target.join("release").join("lec");
    let mut failures = Vec::new();
    let mut out = std::io::stdout();
    let _ = writeln!(out, "| file | size | time | peak memory | finding |\n|---|---|---|---|---|");
    for case in &cases {
        let size = std::fs::metadata(dir.join(&case.file))
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map_or_else(|| "-".to_owned(), |m| format!("{:.1} MB", m.len() as f64 / 1e6));
        match validate(&lec, &dir, &case.file) {
            Ok((secs, peak, json)) => {
                let found = case.expect == "-" || json.contains(&format!("\"{}\"", case.expect));
                let _ = writeln!(
                    out,
                    "| `{}` | {size} | {secs:.2} s | {:.1} MB | {} |",
                    case.file,
                    peak as f64 / 1024.0,
                    if found { case.expect.to_owned() } else { format!("MISSING {}", case.expect) }
                );
                if !found {
                    failures.push(format!("{}: no {}", case.file, case.expect));
                }
                if peak > MAX_PEAK_KB {
                    failures.push(format!("{}: peak memory {peak} kB", case.file));
                }
            }
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() {
        say("hostile: every file answered, each under 200 MB");
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}
