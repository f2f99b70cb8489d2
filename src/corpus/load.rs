//! Loading files into documents: a streaming loader on two threads
//! (for the TUI's background loading), and blocking wrappers.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::build::{clean_text, finish, parse_jsonl, Given};
use super::walk::{self, FileSource, PlannedFile};
use super::{decode, Corpus, Document, Skipped};

/// Worker threads used for reading and decoding.
pub const LOAD_THREADS: usize = 2;

/// Where a document comes in the deterministic order: the index of its file
/// in the plan, then the record within the file (0 except in JSONL files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocKey {
    /// Index of the file in the plan.
    pub file: usize,
    /// Index of the record within the file.
    pub record: usize,
}

/// Progress of a streaming load.
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// The files were found: how many and their total size. Sent once, first.
    Planned {
        /// Number of files to read.
        files: usize,
        /// Their total size in bytes as far as known: files found by
        /// walking a folder are not stat'ed and count 0 (see
        /// [`walk::plan`]); `Progress` counts the bytes actually read.
        bytes: u64,
    },
    /// A document was loaded; documents may arrive out of order, `key`
    /// gives their place.
    Loaded {
        /// Place in the deterministic order.
        key: DocKey,
        /// The document.
        doc: Box<Document>,
    },
    /// A file (or a JSONL line) was skipped.
    Skipped(Skipped),
    /// A file was finished (loaded or skipped): `bytes` of it were read.
    Progress {
        /// Bytes read from the finished file.
        bytes: u64,
    },
    /// Everything was read. Sent once, last.
    Done,
}

/// Loads `paths` (files and folders), sending events to `sink` from up to
/// [`LOAD_THREADS`] worker threads. Ids are unique: a JSONL record whose id
/// is taken gets a `#2` suffix.
pub fn load_streaming(paths: &[PathBuf], sink: impl Fn(LoadEvent) + Sync) {
    let (files, skipped) = walk::plan(paths);
    run(files, skipped, true, &sink);
}

/// Streams the embedded seeds (see [`load_streaming`]).
pub fn load_streaming_embedded(sink: impl Fn(LoadEvent) + Sync) {
    run(walk::plan_embedded(), Vec::new(), true, &sink);
}

/// The paths used when none are given: `./seeds` if it is a folder, else
/// nothing (meaning: the embedded seeds).
pub fn default_paths() -> Option<Vec<PathBuf>> {
    let seeds = PathBuf::from("seeds");
    seeds.is_dir().then(|| vec![seeds])
}

/// Loads `paths` and returns the corpus in the deterministic order (by id
/// within each argument, arguments in order).
pub fn load(paths: &[PathBuf]) -> Corpus {
    let (files, skipped) = walk::plan(paths);
    collect(files, skipped)
}

/// Loads `./seeds` if present, else the seeds compiled into the binary.
pub fn load_default() -> Corpus {
    match default_paths() {
        Some(p) => load(&p),
        None => collect(walk::plan_embedded(), Vec::new()),
    }
}

/// Loads one file as one document (the first record of a JSONL file); its
/// id is the file name.
pub fn load_file(path: &Path) -> Result<Document, Skipped> {
    if path.is_dir() {
        return Err(Skipped {
            path: path.to_path_buf(),
            reason: "is a folder, not a file".into(),
        });
    }
    let (files, mut skipped) = walk::plan(&[path.to_path_buf()]);
    if let Some(s) = skipped.pop() {
        return Err(s);
    }
    let file = files.into_iter().next().ok_or_else(|| Skipped {
        path: path.to_path_buf(),
        reason: "nothing to read".into(),
    })?;
    let jsonl = file.is_jsonl();
    let (mut docs, mut skipped, _) = read_file(file, jsonl, &mut Vec::new());
    if docs.is_empty() {
        return Err(skipped.pop().unwrap_or(Skipped {
            path: path.to_path_buf(),
            reason: "no documents".into(),
        }));
    }
    Ok(docs.swap_remove(0))
}

fn collect(files: Vec<PlannedFile>, skipped: Vec<Skipped>) -> Corpus {
    // Records of JSONL files may repeat ids; file ids are unique already.
    let docs = Mutex::new(Vec::with_capacity(files.len()));
    let skips = Mutex::new(Vec::new());
    let any_jsonl = run(files, skipped, false, &|ev| match ev {
        LoadEvent::Loaded { key, doc } => lock(&docs).push((key, *doc)),
        LoadEvent::Skipped(s) => lock(&skips).push(s),
        _ => {}
    });
    let mut docs = docs.into_inner().unwrap_or_else(|e| e.into_inner());
    // Keys are unique, so an unstable sort gives the same order; it needs no
    // scratch buffer (the stable one allocated half the list again).
    docs.sort_unstable_by_key(|(k, _)| *k);
    let mut docs: Vec<Document> = docs.into_iter().map(|(_, d)| d).collect();
    if any_jsonl {
        let mut seen = HashSet::with_capacity(docs.len());
        for d in &mut docs {
            d.id = walk::unique_id(&d.id, &mut seen);
        }
    }
    let mut skipped = skips.into_inner().unwrap_or_else(|e| e.into_inner());
    skipped.sort_by(|a, b| a.path.cmp(&b.path).then(a.reason.cmp(&b.reason)));
    Corpus { docs, skipped }
}

/// Locks a mutex; a panic on another thread does not poison our data.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Reads `files` on the worker threads, sending events to `sink`; tells
/// whether any of them was a JSONL file.
fn run(
    files: Vec<PlannedFile>,
    skipped: Vec<Skipped>,
    dedupe_records: bool,
    sink: &(dyn Fn(LoadEvent) + Sync),
) -> bool {
    sink(LoadEvent::Planned {
        files: files.len(),
        bytes: files.iter().map(|f| f.size).sum(),
    });
    for s in skipped {
        sink(LoadEvent::Skipped(s));
    }
    // Asked once a file: each call reads the id and path from the heap.
    let jsonl: Vec<bool> = files.iter().map(PlannedFile::is_jsonl).collect();
    let any_jsonl = jsonl.contains(&true);
    // Ids taken so far, for JSONL records (file ids are unique already).
    let ids = Mutex::new(if dedupe_records && any_jsonl {
        files.iter().map(|f| f.id.clone()).collect()
    } else {
        HashSet::new()
    });
    let work = |buf: &mut Vec<u8>, i: usize, file: PlannedFile| {
        let jsonl = jsonl[i];
        let (docs, skipped, bytes) = read_file(file, jsonl, buf);
        for (record, mut doc) in docs.into_iter().enumerate() {
            if jsonl && dedupe_records {
                doc.id = walk::unique_id(&doc.id, &mut lock(&ids));
            }
            sink(LoadEvent::Loaded {
                key: DocKey { file: i, record },
                doc: Box::new(doc),
            });
        }
        for s in skipped {
            sink(LoadEvent::Skipped(s));
        }
        sink(LoadEvent::Progress { bytes });
    };
    // Workers take files in plan order from a shared counter, so documents
    // arrive almost in order (a consumer inserting by key appends, instead of
    // shifting half the list as with a split of the plan into halves).
    // Each file is taken by the worker that reads it: its id and path
    // become the document's without a copy.
    let files: Vec<Mutex<Option<PlannedFile>>> =
        files.into_iter().map(|f| Mutex::new(Some(f))).collect();
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut buf = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = files.get(i) else { break };
            if let Some(file) = lock(slot).take() {
                work(&mut buf, i, file);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..LOAD_THREADS {
            // If a thread cannot be started, the others (and this one) do its share.
            let _ = std::thread::Builder::new().spawn_scoped(scope, worker);
        }
        worker();
    });
    sink(LoadEvent::Done);
    any_jsonl
}

/// Initial size of a worker's read buffer; it grows for bigger files.
const READ_BUF: usize = 64 * 1024;

/// The bytes of a planned file: embedded bytes, or the file read into `buf`.
///
/// `buf` is reused between files and only grows: the file is read into its
/// initialised bytes until `read` returns 0 (open, read, read, close: no
/// stat and no zeroing per file).
fn read_bytes<'a>(source: &FileSource, buf: &'a mut Vec<u8>) -> std::io::Result<&'a [u8]> {
    let p = match source {
        FileSource::Embedded(b) => return Ok(b),
        FileSource::Disk(p) => p,
    };
    read_into(p, buf)
}

/// Reads the file at `p` into `buf` (reused between files: opened and read
/// to its end, no stat, the buffer grown but never zeroed again) and returns
/// the bytes read.
pub(super) fn read_into<'a>(p: &Path, buf: &'a mut Vec<u8>) -> std::io::Result<&'a [u8]> {
    let mut f = std::fs::File::open(p)?;
    if buf.len() < READ_BUF {
        buf.resize(READ_BUF, 0);
    }
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        match f.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(&buf[..filled])
}

/// Reads one planned file (`jsonl`: one record a line) into its documents,
/// the parts that were skipped, and the number of bytes read. `buf` is a
/// read buffer reused between files.
fn read_file(
    file: PlannedFile,
    jsonl: bool,
    buf: &mut Vec<u8>,
) -> (Vec<Document>, Vec<Skipped>, u64) {
    let skip = |id: &str, path: Option<&Path>, reason: String| Skipped {
        path: path.map_or_else(|| PathBuf::from(id), Path::to_path_buf),
        reason,
    };
    let PlannedFile { id, source, .. } = file;
    let path = match &source {
        FileSource::Disk(p) => Some(p.as_path()),
        FileSource::Embedded(_) => None,
    };
    let bytes = match read_bytes(&source, buf) {
        Ok(b) => b,
        Err(e) => return (Vec::new(), vec![skip(&id, path, e.to_string())], 0),
    };
    let len = bytes.len() as u64;
    let (text, notes) = match decode::decode_cow(bytes) {
        Ok(d) => d,
        Err(reason) => return (Vec::new(), vec![skip(&id, path, reason)], len),
    };
    if jsonl {
        let (docs, skipped) = parse_jsonl(&id, path, &text, &notes);
        return (docs, skipped, len);
    }
    // A file's text is read again when needed; embedded seeds are kept.
    let on_disk = path.is_some();
    let mut notes = notes;
    let text = clean_text(text, &mut notes);
    let path = match source {
        FileSource::Disk(p) => Some(p),
        FileSource::Embedded(_) => None,
    };
    match finish(id, path, &text, notes, Given::default(), on_disk) {
        Ok(doc) => (vec![doc], Vec::new(), len),
        Err(e) => {
            let reason = e.reason;
            (
                Vec::new(),
                vec![skip(&e.id, e.path.as_deref(), reason)],
                len,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seeds_load_with_metadata() {
        let c = collect(walk::plan_embedded(), Vec::new());
        assert_eq!(c.docs.len(), 5);
        assert!(c.skipped.is_empty());
        assert_eq!(c.docs[1].id, "001_960e743a51614c08.txt");
        assert_eq!(
            c.docs[1].date.as_ref().unwrap().iso.as_deref(),
            Some("2020-10-31")
        );
        assert!(c
            .docs
            .iter()
            .all(|d| d.path.is_none() && !d.body.is_on_disk() && !d.sentences().is_empty()));
    }

    #[test]
    fn records_and_files_keep_their_order() {
        let tmp = tempfile::tempdir().unwrap();
        let records = |ids: &[&str]| -> String {
            ids.iter()
                .map(|id| format!("{{\"id\":\"{id}\",\"text\":\"نص {id}\"}}\n"))
                .collect()
        };
        let files = [
            ("a.jsonl", records(&["a1", "a2", "a3"])),
            ("b.txt", "نص ب".to_string()),
            ("c.jsonl", records(&["c1"])),
            ("d.txt", "نص د".to_string()),
            ("e.jsonl", records(&["e1", "e2"])),
        ];
        for (name, text) in &files {
            std::fs::write(tmp.path().join(name), text).unwrap();
        }
        let c = load(&[tmp.path().to_path_buf()]);
        let ids: Vec<_> = c.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a2", "a3", "b.txt", "c1", "d.txt", "e1", "e2"]);
        let texts: Vec<_> = c.docs.iter().map(|d| d.text()).collect();
        assert_eq!(&*texts[1], "نص a2");
        // files only: every document goes straight to its place
        std::fs::remove_file(tmp.path().join("a.jsonl")).unwrap();
        std::fs::remove_file(tmp.path().join("c.jsonl")).unwrap();
        std::fs::remove_file(tmp.path().join("e.jsonl")).unwrap();
        for n in 0..40 {
            std::fs::write(tmp.path().join(format!("f{n:02}.txt")), format!("نص {n}")).unwrap();
        }
        let c = load(&[tmp.path().to_path_buf()]);
        let ids: Vec<_> = c.docs.iter().map(|d| d.id.clone()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids.len(), 42);
        assert_eq!(ids, sorted);
    }

    #[test]
    fn streaming_sends_planned_first_and_done_last() {
        let events = Mutex::new(Vec::new());
        load_streaming_embedded(|e| lock(&events).push(e));
        let events = events.into_inner().unwrap();
        assert!(matches!(events[0], LoadEvent::Planned { files: 5, bytes } if bytes > 30_000));
        assert!(matches!(events.last(), Some(LoadEvent::Done)));
        let mut keys: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Loaded { key, .. } => Some(key.file),
                _ => None,
            })
            .collect();
        keys.sort();
        assert_eq!(keys, [0, 1, 2, 3, 4]);
    }
}
