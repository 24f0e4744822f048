//! Paths that are not regular files (a named pipe, a device, a folder) get an answer at once:
//! `FILE_UNREADABLE`, "not a regular file", never a hang or an endless read.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn pipes_devices_and_folders_are_refused_without_blocking() {
    let dir = std::env::temp_dir().join(format!("lec-cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.csv");
    let _ = std::fs::remove_file(&fifo);
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for path in [fifo.clone(), "/dev/zero".into(), "/dev/null".into(), dir.clone()] {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_lec"))
            .args(["validate", "--format", "json", "--quiet"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                panic!("`lec validate {}` hangs", path.display());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let f = &json["findings"][0];
        assert_eq!(f["code"], "FILE_UNREADABLE", "{}: {json}", path.display());
        // a folder is named as one; a device or a pipe is not a regular file
        let why = if path.is_dir() { "it is a folder, not a file" } else { "not a regular file" };
        assert!(f["message_en"].as_str().unwrap().contains(why), "{}: {f}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
