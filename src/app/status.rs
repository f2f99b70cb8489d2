//! Status-bar state and loading progress.

use std::time::{Duration, Instant};

use crate::keymap::Key;

/// The message line and the chord typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusLine {
    /// A message for the user (may contain Arabic; drawn through the bidi
    /// pipeline).
    pub message: Option<String>,
    /// Keys of an unfinished chord (`g` of `g g`).
    pub pending: Vec<Key>,
}

/// Progress of the background load, for the status-bar gauge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadProgress {
    /// Files to read, once known.
    pub planned_files: usize,
    /// Their size in bytes.
    pub planned_bytes: u64,
    /// Files read or skipped so far.
    pub files_done: usize,
    /// Bytes of text loaded so far.
    pub bytes_done: u64,
    /// Whether loading has finished.
    pub done: bool,
    /// When the plan arrived.
    pub started: Option<Instant>,
    /// Time from the plan to the last event.
    pub elapsed: Duration,
}

impl LoadProgress {
    /// Progress of a corpus that was loaded before the app started.
    pub fn finished() -> Self {
        Self {
            done: true,
            ..Default::default()
        }
    }

    /// Loading speed in MB/s, once measurable.
    pub fn mb_per_s(&self) -> Option<f64> {
        let s = self.elapsed.as_secs_f64();
        (s > 0.0).then(|| self.bytes_done as f64 / 1e6 / s)
    }
}
