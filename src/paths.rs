//! Where qari keeps its files: the data dir (annotations, history, user
//! gazetteer, log).

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data dir.
pub const DATA_DIR_ENV: &str = "QARI_DATA_DIR";

/// The data dir: `--data-dir` if given, else `$QARI_DATA_DIR`, else the
/// platform data dir (e.g. `~/.local/share/qari`), else `./.qari`.
pub fn data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("", "", "qari")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".qari"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins() {
        assert_eq!(data_dir(Some(Path::new("/tmp/x"))), PathBuf::from("/tmp/x"));
    }
}
