//! The annotation file of a corpus: `<data dir>/annotations/<corpus key>.json`.
//!
//! * Saved atomically: a temp file in the same folder is written and fsynced,
//!   renamed over the file, then the folder is fsynced. A crash leaves the
//!   old or the new file, never a mix.
//! * Two qari on one corpus: every load and save holds an advisory lock on
//!   `<file>.lock` (`File::lock`), and a save re-reads the file under the lock
//!   and merges it (newest `modified` per id wins, deletions are tombstones,
//!   see [`super::set`]) before writing. Nobody's change is lost.
//! * A file that cannot be parsed is kept aside as `<file>.corrupt-<time>`
//!   (a hard link or a copy, made and fsynced before anything is written),
//!   reported, and qari starts empty. If the backup cannot be made, saving is
//!   refused. Single annotations that cannot be read are kept as they are.
//! * Fields qari does not know are written back.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::model::{Annotation, Timestamp};
use super::set::{AnnotationSet, Tombstone};

/// Key of the bundled demo corpus (qari started without paths).
pub const SEEDS_KEY: &str = "default-seeds";

/// Format version written in the file.
pub const FORMAT_VERSION: u64 = 1;

/// The corpus key: [`SEEDS_KEY`] without paths, else the first 16 hex digits
/// of the SHA-256 of the sorted, canonicalised paths joined by newlines.
pub fn corpus_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return SEEDS_KEY.to_string();
    }
    let mut h = Sha256::new();
    for p in canonical_paths(paths) {
        h.update(p.as_bytes());
        h.update(b"\n");
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The sorted, deduplicated canonical forms of `paths` (absolute when a path
/// cannot be canonicalised).
pub fn canonical_paths(paths: &[PathBuf]) -> Vec<String> {
    let mut v: Vec<String> = paths
        .iter()
        .map(|p| {
            fs::canonicalize(p)
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The annotation file for corpus `key` in `data_dir`.
pub fn store_path(data_dir: &Path, key: &str) -> PathBuf {
    data_dir.join("annotations").join(format!("{key}.json"))
}

/// Why a save failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading, writing or locking failed.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// Saving is disabled to protect a file qari could not read or back up.
    #[error("not saving annotations: {0}")]
    Blocked(String),
}

/// The file as stored.
#[derive(Serialize, Deserialize)]
struct StoreFile {
    #[serde(default)]
    qari_annotations: u64,
    #[serde(default)]
    corpus: Vec<String>,
    #[serde(default)]
    annotations: Vec<Value>,
    #[serde(default)]
    deleted: Vec<Tombstone>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// What a file held.
struct Parsed {
    items: Vec<Annotation>,
    deleted: Vec<Tombstone>,
    unreadable: Vec<Value>,
    corpus: Vec<String>,
    extra: Map<String, Value>,
}

fn parse(bytes: &[u8]) -> Result<Parsed, serde_json::Error> {
    let f: StoreFile = serde_json::from_slice(bytes)?;
    let mut items = Vec::new();
    let mut unreadable = Vec::new();
    for v in f.annotations {
        match serde_json::from_value::<Annotation>(v.clone()) {
            Ok(a) => items.push(a),
            Err(_) => unreadable.push(v),
        }
    }
    Ok(Parsed {
        items,
        deleted: f.deleted,
        unreadable,
        corpus: f.corpus,
        extra: f.extra,
    })
}

/// The annotations of one corpus and the file they live in.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// The annotations (with undo/redo).
    pub set: AnnotationSet,
    corpus: Vec<String>,
    extra: Map<String, Value>,
    unreadable: Vec<Value>,
    blocked: Option<String>,
    memory: bool,
}

impl Store {
    /// A store without a file (saving does nothing): for tests and for
    /// running without a data dir.
    pub fn memory() -> Store {
        Store {
            path: PathBuf::new(),
            set: AnnotationSet::default(),
            corpus: Vec::new(),
            extra: Map::new(),
            unreadable: Vec::new(),
            blocked: None,
            memory: true,
        }
    }

    /// Opens the store of the corpus made of `paths` in `data_dir`.
    pub fn open_corpus(data_dir: &Path, paths: &[PathBuf]) -> (Store, Vec<String>) {
        let (mut s, w) = Store::open(store_path(data_dir, &corpus_key(paths)));
        s.corpus = canonical_paths(paths);
        (s, w)
    }

    /// Opens the file at `path` (missing is fine: an empty set). Never fails:
    /// problems are returned as messages for the user, and the store starts
    /// empty.
    pub fn open(path: PathBuf) -> (Store, Vec<String>) {
        let mut s = Store {
            path,
            set: AnnotationSet::default(),
            corpus: Vec::new(),
            extra: Map::new(),
            unreadable: Vec::new(),
            blocked: None,
            memory: false,
        };
        let mut warnings = Vec::new();
        let lock = match s.lock() {
            Ok(l) => Some(l),
            Err(e) => {
                warnings.push(format!("cannot lock annotations: {e}"));
                None
            }
        };
        if lock.is_some() {
            s.remove_stale_temps();
        }
        match fs::read(&s.path) {
            Ok(bytes) => match s.absorb(&bytes) {
                Ok(w) => warnings.extend(w),
                Err(w) => warnings.push(w),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                let msg = format!("cannot read {}: {e}", s.path.display());
                s.blocked = Some(msg.clone());
                warnings.push(msg);
            }
        }
        drop(lock);
        (s, warnings)
    }

    /// The corpus key (the file name without `.json`; `memory` for a
    /// store without a file).
    pub fn key(&self) -> String {
        match self.path.file_stem() {
            Some(s) if !self.memory => s.to_string_lossy().into_owned(),
            _ => "memory".to_string(),
        }
    }

    /// The annotation file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why saving is disabled, if it is.
    pub fn blocked(&self) -> Option<&str> {
        self.blocked.as_deref()
    }

    /// Merges what `bytes` (the file) holds into the store. A file that does
    /// not parse is backed up first; `Err` carries the message then.
    fn absorb(&mut self, bytes: &[u8]) -> Result<Vec<String>, String> {
        match parse(bytes) {
            Ok(p) => {
                let mut w = Vec::new();
                if !p.unreadable.is_empty() {
                    w.push(format!(
                        "{}: {} annotation(s) could not be read; they are kept in the file",
                        self.path.display(),
                        p.unreadable.len()
                    ));
                }
                self.set.merge(p.items, p.deleted);
                for u in p.unreadable {
                    if !self.unreadable.contains(&u) {
                        self.unreadable.push(u);
                    }
                }
                if self.corpus.is_empty() {
                    self.corpus = p.corpus;
                }
                for (k, v) in p.extra {
                    self.extra.entry(k).or_insert(v);
                }
                Ok(w)
            }
            Err(e) => match backup_corrupt(&self.path) {
                Ok(b) => Err(format!(
                    "{} could not be read ({e}); it is kept as {}; starting with no annotations",
                    self.path.display(),
                    b.display()
                )),
                Err(be) => {
                    let msg = format!(
                        "{} could not be read ({e}) nor backed up ({be}); annotations will not be saved",
                        self.path.display()
                    );
                    self.blocked = Some(msg.clone());
                    Err(msg)
                }
            },
        }
    }

    /// Saves: under the lock, merges what is on disk, then writes atomically.
    /// Returns messages for the user (e.g. a corrupt file was set aside).
    pub fn save(&mut self) -> Result<Vec<String>, StoreError> {
        if self.memory {
            return Ok(Vec::new());
        }
        if let Some(b) = &self.blocked {
            return Err(StoreError::Blocked(b.clone()));
        }
        let io_err = |path: &Path, source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let _lock = self.lock().map_err(|e| io_err(&self.path, e))?;
        let mut warnings = Vec::new();
        match fs::read(&self.path) {
            Ok(bytes) => match self.absorb(&bytes) {
                Ok(w) => warnings.extend(w),
                Err(w) if self.blocked.is_some() => return Err(StoreError::Blocked(w)),
                Err(w) => warnings.push(w),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&self.path, e)),
        }
        let mut annotations: Vec<Value> = Vec::with_capacity(self.set.len());
        for a in self.set.items() {
            annotations.push(serde_json::to_value(a).map_err(|e| io_err(&self.path, e.into()))?);
        }
        annotations.extend(self.unreadable.iter().cloned());
        let file = StoreFile {
            qari_annotations: FORMAT_VERSION,
            corpus: self.corpus.clone(),
            annotations,
            deleted: self.set.tombstones().to_vec(),
            extra: self.extra.clone(),
        };
        let mut bytes =
            serde_json::to_vec_pretty(&file).map_err(|e| io_err(&self.path, e.into()))?;
        bytes.push(b'\n');
        write_atomic(&self.path, &bytes).map_err(|e| io_err(&self.path, e))?;
        Ok(warnings)
    }

    fn lock(&self) -> io::Result<File> {
        let dir = parent(&self.path);
        fs::create_dir_all(dir)?;
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(name))?;
        f.lock()?;
        Ok(f)
    }

    /// Removes temp files left by a process killed mid-save (called under the
    /// lock, so no live writer owns them).
    fn remove_stale_temps(&self) {
        let Some(name) = self.path.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let prefix = format!(".{name}.tmp-");
        if let Ok(entries) = fs::read_dir(parent(&self.path)) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically: temp file in the same folder, fsync,
/// rename over `path`, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Keeps the unreadable file at `path` as `<path>.corrupt-<time>` (hard link,
/// else copy), fsynced; returns the backup's path.
fn backup_corrupt(path: &Path) -> io::Result<PathBuf> {
    let stamp = Timestamp::now().compact();
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let dir = parent(path);
    let mut backup = dir.join(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while backup.exists() {
        n += 1;
        backup = dir.join(format!("{name}.corrupt-{stamp}-{n}"));
    }
    if fs::hard_link(path, &backup).is_err() {
        fs::copy(path, &backup)?;
        File::open(&backup)?.sync_all()?;
    }
    sync_dir(dir)?;
    Ok(backup)
}
