//! Logging with `tracing` to `qari.log` in the data dir, never to the
//! screen (the TUI owns the terminal). Opening the file may fail (read-only
//! data dir, full disk); qari then runs without a log.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

use crate::config::LogLevel;

/// The log file's name inside the data dir.
pub const LOG_FILE: &str = "qari.log";

impl From<LogLevel> for LevelFilter {
    fn from(l: LogLevel) -> Self {
        match l {
            LogLevel::Error => LevelFilter::ERROR,
            LogLevel::Warn => LevelFilter::WARN,
            LogLevel::Info => LevelFilter::INFO,
            LogLevel::Debug => LevelFilter::DEBUG,
            LogLevel::Trace => LevelFilter::TRACE,
        }
    }
}

/// Opens `data_dir/qari.log` for appending, creating the dir if needed.
pub fn open_log(data_dir: &Path) -> std::io::Result<(File, PathBuf)> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join(LOG_FILE);
    let file = OpenOptions::new().create(true).append(true).open(&path)?;
    Ok((file, path))
}

/// A subscriber writing plain lines (no colour codes) at `level` and above
/// to `file`.
pub fn subscriber(file: File, level: LogLevel) -> impl tracing::Subscriber + Send + Sync {
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(true)
        .with_max_level(LevelFilter::from(level))
        .finish()
}

/// Starts logging to `data_dir/qari.log`. Returns the log's path, or why
/// there is no log; either way qari carries on.
pub fn init(data_dir: &Path, level: LogLevel) -> Result<PathBuf, String> {
    let (file, path) =
        open_log(data_dir).map_err(|e| format!("no log: {}: {e}", data_dir.display()))?;
    tracing::subscriber::set_global_default(subscriber(file, level))
        .map_err(|e| format!("no log: {e}"))?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "qari started");
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_at_level_and_above_without_colour_codes() {
        let dir = tempfile::tempdir().unwrap();
        let (file, path) = open_log(&dir.path().join("sub")).unwrap();
        tracing::subscriber::with_default(subscriber(file, LogLevel::Warn), || {
            tracing::warn!("kept warning");
            tracing::info!("dropped info");
        });
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("kept warning"), "{text}");
        assert!(!text.contains("dropped info"), "{text}");
        assert!(!text.contains('\x1b'), "{text}");
    }

    #[test]
    fn unusable_data_dir_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let e = init(&blocker.join("inside"), LogLevel::Warn).unwrap_err();
        assert!(e.starts_with("no log:"), "{e}");
    }
}
