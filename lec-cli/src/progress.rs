//! The progress bar of long runs: on stderr, only when it is a terminal and `--quiet` is not
//! given (so piped output and logs stay clean).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lec_core::files::{Progress, ProgressUnit};
use std::io::IsTerminal;
use std::sync::Mutex;

/// A progress bar that follows the files as they are read, or nothing.
pub(crate) struct Bar {
    bar: Option<ProgressBar>,
    /// The file and unit the bar shows now.
    current: Mutex<Option<(String, ProgressUnit)>>,
}

impl Bar {
    /// A bar on stderr when `wanted` and stderr is a terminal.
    pub(crate) fn new(wanted: bool) -> Bar {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(style(ProgressUnit::Bytes, false));
            bar
        });
        Bar { bar, current: Mutex::new(None) }
    }

    /// Moves the bar.
    pub(crate) fn update(&self, p: Progress<'_>) {
        let Some(bar) = &self.bar else { return };
        if let Ok(mut current) = self.current.lock() {
            let same = current.as_ref().is_some_and(|(f, u)| f == p.file && *u == p.unit);
            if !same {
                bar.set_style(style(p.unit, p.total.is_some()));
                // the file's name, not its whole path: the bar keeps to one line
                let name = std::path::Path::new(p.file).file_name().map_or(p.file.into(), |n| n.to_string_lossy());
                bar.set_message(name.into_owned());
                bar.set_length(p.total.unwrap_or(0));
                bar.reset();
                *current = Some((p.file.to_owned(), p.unit));
            }
        }
        bar.set_position(p.done);
    }

    /// Clears the bar before the report is written.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn style(unit: ProgressUnit, known_total: bool) -> ProgressStyle {
    let template = match (unit, known_total) {
        (ProgressUnit::Bytes, true) => "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        (ProgressUnit::Bytes, false) => "{msg} {spinner} {bytes} ({bytes_per_sec})",
        (ProgressUnit::Rows, true) => "{msg} [{bar:30}] {human_pos}/{human_len} rows ({per_sec}, {eta})",
        (ProgressUnit::Rows, false) => "{msg} {spinner} {human_pos} rows ({per_sec})",
    };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> ")
}
