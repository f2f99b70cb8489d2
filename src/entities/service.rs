//! The corpus index as a service the runtime keeps for the TUI: built on
//! worker threads (the real terminal: progress and the finished index come
//! back through a callback, as app events) or inline (tests and the
//! `TestBackend` loop: the finished index is returned at once). A new build
//! cancels the one under way; every message carries the generation it
//! belongs to, so the app can drop stale ones.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::fast::FxHashMap;
use super::index::{add_document, finish, DocCount, Unreadable};
use super::{CorpusIndex, EntityKey, Extractor};
use crate::corpus::{Body, DocKey, Document};

/// A message from a corpus-index build.
#[derive(Debug, Clone)]
pub enum IndexEvent {
    /// Bytes of text indexed so far out of `total`.
    Progress {
        /// The build this belongs to.
        generation: u64,
        /// Bytes done.
        done: usize,
        /// Bytes to do.
        total: usize,
    },
    /// The finished index.
    Ready {
        /// The build this belongs to.
        generation: u64,
        /// The index; its `keys` name the documents.
        index: Arc<CorpusIndex>,
    },
}

/// The extractor a build uses, shared with the app; equal when it is the
/// same compiled extractor (so that effects can be compared in tests).
#[derive(Debug, Clone)]
pub struct SharedExtractor(pub Arc<Extractor>);

impl PartialEq for SharedExtractor {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedExtractor {}

type Deliver = Arc<dyn Fn(IndexEvent) + Send + Sync>;

enum Mode {
    Inline,
    Background {
        deliver: Deliver,
        threads: usize,
        cancel: Option<Arc<AtomicBool>>,
    },
}

/// Builds corpus indexes, inline or on worker threads.
pub struct IndexService {
    mode: Mode,
}

impl fmt::Debug for IndexService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode {
            Mode::Inline => "inline",
            Mode::Background { .. } => "background",
        };
        f.debug_struct("IndexService").field("mode", &mode).finish()
    }
}

impl Default for IndexService {
    fn default() -> Self {
        Self::inline()
    }
}

impl Drop for IndexService {
    fn drop(&mut self) {
        self.cancel();
    }
}

impl IndexService {
    /// Builds on the calling thread.
    pub fn inline() -> Self {
        IndexService { mode: Mode::Inline }
    }

    /// Builds on one worker thread per core; `deliver` is called on those
    /// threads with the progress (about once per percent) and the result.
    pub fn background(deliver: impl Fn(IndexEvent) + Send + Sync + 'static) -> Self {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        IndexService {
            mode: Mode::Background {
                deliver: Arc::new(deliver),
                threads,
                cancel: None,
            },
        }
    }

    fn cancel(&mut self) {
        if let Mode::Background { cancel, .. } = &mut self.mode {
            if let Some(c) = cancel.take() {
                c.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Starts indexing `docs` (whose loader keys are `keys`, in the same
    /// order) with `ex`, cancelling any build under way. Inline, the
    /// finished index is returned; in the background it arrives through
    /// the callback and this returns `None`. No text is read here: the
    /// workers read one document at a time, extract and drop it.
    pub fn start(
        &mut self,
        generation: u64,
        ex: Arc<Extractor>,
        docs: &[Document],
        keys: &[DocKey],
    ) -> Option<IndexEvent> {
        self.cancel();
        let keys = keys.to_vec();
        // Handles, not texts (one Arc each): the app may change its list of
        // documents while the build runs.
        let bodies: Vec<Body> = docs.iter().map(|d| d.body.clone()).collect();
        match &mut self.mode {
            Mode::Inline => {
                let index = build(&ex, &bodies, keys, 1, &AtomicBool::new(false), &|_| {})?;
                Some(IndexEvent::Ready {
                    generation,
                    index: Arc::new(index),
                })
            }
            Mode::Background {
                deliver,
                threads,
                cancel,
            } => {
                let stop = Arc::new(AtomicBool::new(false));
                *cancel = Some(Arc::clone(&stop));
                let (deliver, threads) = (Arc::clone(deliver), *threads);
                std::thread::spawn(move || {
                    let progress = |(done, total)| {
                        deliver(IndexEvent::Progress {
                            generation,
                            done,
                            total,
                        })
                    };
                    if let Some(index) = build(&ex, &bodies, keys, threads, &stop, &progress) {
                        if !stop.load(Ordering::Relaxed) {
                            deliver(IndexEvent::Ready {
                                generation,
                                index: Arc::new(index),
                            });
                        }
                    }
                });
                None
            }
        }
    }
}

/// Indexes `bodies` on `threads` threads: each takes the next document,
/// reads its text into the worker's buffer and extracts, so at most
/// `threads` texts are held at once. A text that cannot
/// be read again counts as empty. Reports `(done, total)` bytes (the
/// lengths the loader saw) about once per percent; `None` when `cancel`
/// was set.
fn build(
    ex: &Extractor,
    bodies: &[Body],
    keys: Vec<DocKey>,
    threads: usize,
    cancel: &AtomicBool,
    progress: &(dyn Fn((usize, usize)) + Sync),
) -> Option<CorpusIndex> {
    let total: usize = bodies.iter().map(Body::len).sum();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let reported = Mutex::new(0usize);
    let merged: Mutex<Parts> = Mutex::default();
    let work = || {
        let mut part = Parts::default();
        let mut buf = Vec::new();
        loop {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let d = next.fetch_add(1, Ordering::Relaxed);
            let Some(body) = bodies.get(d) else { break };
            let read = body.with_text(&mut buf, |text| {
                add_document(ex, d, text, &mut part.map);
                text.len()
            });
            match read {
                Ok(len) => part.bytes += len,
                Err(e) => part.unreadable.note(e),
            }
            let before = done.fetch_add(body.len(), Ordering::Relaxed);
            let after = before + body.len();
            if after * 100 / total.max(1) > before * 100 / total.max(1) {
                // Workers finish out of order: without the lock a worker
                // could report 50 % after another has reported 60 %.
                let mut last = reported.lock().unwrap_or_else(|e| e.into_inner());
                if after > *last {
                    *last = after;
                    progress((after, total));
                }
            }
        }
        // A poisoned lock only means another worker panicked; its part is
        // lost either way, the rest is still good.
        let mut all = merged.lock().unwrap_or_else(|e| e.into_inner());
        for (k, mut v) in part.map {
            all.map.entry(k).or_default().append(&mut v);
        }
        all.bytes += part.bytes;
        all.unreadable.merge(part.unreadable);
    };
    std::thread::scope(|s| {
        for _ in 1..threads.max(1) {
            s.spawn(work);
        }
        work();
    });
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let all = merged.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut index = finish(ex, all.map, all.bytes);
    index.keys = keys;
    index.unreadable = all.unreadable;
    Some(index)
}

/// What one worker (or all of them, merged) collected.
#[derive(Default)]
struct Parts {
    map: FxHashMap<EntityKey, Vec<DocCount>>,
    bytes: usize,
    unreadable: Unreadable,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn doc(text: &str) -> Document {
        Document::from_text("", text)
    }

    fn key(record: usize) -> DocKey {
        DocKey { file: 0, record }
    }

    fn docs() -> Vec<Document> {
        (0..40)
            .map(|i| {
                doc(&format!(
                    "زار بوتين يريفان {i} مرة. {}",
                    if i % 2 == 0 { "ثم موسكو." } else { "" }
                ))
            })
            .collect()
    }

    #[test]
    fn background_build_equals_the_plain_one_and_reports_progress() {
        let ex = Arc::new(Extractor::builtin());
        let docs = docs();
        let keys: Vec<DocKey> = (0..docs.len()).map(key).collect();
        let plain = crate::entities::build_index(&ex, &docs, &AtomicBool::new(false)).unwrap();
        let (tx, rx) = mpsc::channel();
        let mut svc = IndexService::background(move |ev| {
            let _ = tx.send(ev);
        });
        assert!(svc.start(7, Arc::clone(&ex), &docs, &keys).is_none());
        let mut last = 0;
        let index = loop {
            match rx.recv().unwrap() {
                IndexEvent::Progress {
                    generation,
                    done,
                    total,
                } => {
                    assert_eq!(generation, 7);
                    assert!(done > last && done <= total);
                    last = done;
                }
                IndexEvent::Ready { generation, index } => {
                    assert_eq!(generation, 7);
                    break index;
                }
            }
        };
        assert_eq!(index.keys, keys);
        assert_eq!(index.entries, plain.entries);
        assert_eq!(index.bytes, plain.bytes);
    }

    #[test]
    fn inline_build_returns_the_index() {
        let ex = Arc::new(Extractor::builtin());
        let docs = docs();
        let keys: Vec<DocKey> = (0..docs.len()).map(key).collect();
        let mut svc = IndexService::inline();
        match svc.start(3, ex, &docs, &keys) {
            Some(IndexEvent::Ready { generation, index }) => {
                assert_eq!(generation, 3);
                assert!(index.entries.iter().any(|e| e.docs.len() == 40));
            }
            other => panic!("{other:?}"),
        }
    }

    /// Waits for the finished index of a background build.
    fn ready(rx: &mpsc::Receiver<IndexEvent>) -> Arc<CorpusIndex> {
        loop {
            if let IndexEvent::Ready { index, .. } = rx.recv().unwrap() {
                return index;
            }
        }
    }

    #[test]
    fn texts_on_disk_are_read_by_the_build_and_unreadable_ones_count_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("a.txt", "زار بوتين يريفان يوم 3 نوفمبر 2020.");
        write("b.txt", "قال باشينيان في موسكو.");
        write("c.txt", "روسيا وأرمينيا.");
        let corpus = crate::corpus::load(&[dir.path().to_path_buf()]);
        assert_eq!(corpus.docs.len(), 3);
        assert!(corpus.docs.iter().all(|d| d.body.is_on_disk()));
        let ex = Arc::new(Extractor::builtin());
        let keys: Vec<DocKey> = (0..3).map(key).collect();
        let names = |idx: &CorpusIndex| -> Vec<String> {
            let mut v: Vec<String> = idx.entries.iter().map(|e| e.name.clone()).collect();
            v.sort();
            v
        };
        let whole = IndexService::inline().start(1, Arc::clone(&ex), &corpus.docs, &keys);
        let Some(IndexEvent::Ready { index: whole, .. }) = whole else {
            panic!("inline build returns the index")
        };
        assert_eq!(whole.unreadable, Unreadable::default());
        assert!(names(&whole).contains(&"موسكو".to_string()));
        // b.txt changes and c.txt goes away after loading.
        write("b.txt", "قال باشينيان في باريس.");
        std::fs::remove_file(dir.path().join("c.txt")).unwrap();
        let inline = match IndexService::inline().start(2, Arc::clone(&ex), &corpus.docs, &keys) {
            Some(IndexEvent::Ready { index, .. }) => index,
            other => panic!("{other:?}"),
        };
        let (tx, rx) = mpsc::channel();
        let mut svc = IndexService::background(move |ev| {
            let _ = tx.send(ev);
        });
        assert!(svc.start(3, ex, &corpus.docs, &keys).is_none());
        let background = ready(&rx);
        for idx in [&inline, &background] {
            assert_eq!(idx.unreadable.count, 2);
            let why = idx.unreadable.message().unwrap();
            assert!(
                why.starts_with("2 documents could not be read again"),
                "{why}"
            );
            let n = names(idx);
            assert!(n.contains(&"يريفان".to_string()), "{n:?}");
            assert!(!n
                .iter()
                .any(|e| e == "موسكو" || e == "باريس" || e == "روسيا"));
            assert_eq!(idx.bytes, corpus.docs[0].body.len());
            assert_eq!(idx.keys, keys);
        }
        assert_eq!(inline.entries, background.entries);
    }

    #[test]
    fn a_cancelled_build_delivers_nothing() {
        let ex = Extractor::builtin();
        let bodies = vec![Body::kept("روسيا"); 3];
        let cancel = AtomicBool::new(true);
        assert!(build(&ex, &bodies, Vec::new(), 2, &cancel, &|_| {}).is_none());
    }
}
