//! The corpus search service the runtime keeps for the TUI (`Ctrl-F`): it
//! folds documents into a [`GrepIndex`] as the loader delivers them and runs
//! queries, either on a background thread (the real terminal: results stream
//! back as [`GrepUpdate`]s through a callback) or inline (tests).
//!
//! The UI thread hands over documents' [`Body`]s (an `Arc` each, no text):
//! the indexing thread reads each text (from disk for files), folds it into
//! the index and drops it. A file that can no longer be read as loaded is
//! indexed as an empty text (no hits; later indices stay aligned).
//!
//! The index keeps only the byte keys and checkpoints, not a second copy of
//! the texts: hits travel as [`KeyHit`]s and the app maps the ones it shows
//! back to its own document texts. Texts are kept only for the (rare)
//! documents with letters outside the one-byte alphabet, whose hits must be
//! verified against the text.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::grep::{GrepIndex, KeyHit};
use super::query::Query;
use crate::corpus::{Body, DocKey};

/// Documents handed to the index together.
const BATCH: usize = 256;
/// Documents copied to the index ahead of what it has indexed.
const IN_FLIGHT: usize = 2 * BATCH;
/// Hits found after the first chunk are sent at most this often.
const COALESCE: Duration = Duration::from_millis(20);

/// The hits of one document for a corpus search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrepDocHits {
    /// The document (its loader key).
    pub key: DocKey,
    /// Its hits, in text order.
    pub hits: Vec<KeyHit>,
}

/// What the corpus search service reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrepUpdate {
    /// This many documents are indexed.
    Indexed(usize),
    /// Hits of query number `gen` in some documents (more may follow).
    Hits {
        /// The query's number (see [`GrepService::query`]).
        gen: u64,
        /// Hits, per document.
        hits: Vec<GrepDocHits>,
    },
    /// Query number `gen` has been run over the first `docs` indexed
    /// documents (all of them at the time); documents indexed later are
    /// searched too and reported with the same `gen`.
    Searched {
        /// The query's number.
        gen: u64,
        /// Documents searched so far.
        docs: usize,
    },
}

/// The index with what the search needs besides the keys.
#[derive(Debug, Default)]
struct CorpusGrep {
    index: GrepIndex,
    keys: Vec<DocKey>,
    /// Texts of documents whose keys hold letters outside the one-byte alphabet.
    texts: HashMap<usize, Arc<str>>,
}

impl CorpusGrep {
    /// Reads, folds and drops the texts of `bodies` (in parallel).
    fn add(&mut self, keys: Vec<DocKey>, bodies: Vec<Body>) {
        self.texts.extend(self.index.extend_keeping_other(&bodies));
        self.keys.extend(keys);
    }

    /// Searches documents `from..` and emits their hits; `false` when cancelled.
    fn search(
        &self,
        query: &Query,
        from: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
        emit: &(dyn Fn(Vec<GrepDocHits>) + Sync),
    ) -> bool {
        let text_of = |d: usize| self.texts.get(&d).map(|t| &**t);
        self.index
            .search_keys(from..self.index.len(), query, &text_of, cancelled, &|v| {
                emit(
                    v.into_iter()
                        .filter_map(|h| {
                            Some(GrepDocHits {
                                key: *self.keys.get(h.doc)?,
                                hits: h.hits,
                            })
                        })
                        .collect(),
                )
            })
    }
}

enum Msg {
    Add(Vec<DocKey>, Vec<Body>),
    Query(u64, String),
}

enum Mode {
    Inline(CorpusGrep),
    Background(Sender<Msg>),
}

/// Keeps the corpus search index up to date and runs queries.
pub struct GrepService {
    mode: Mode,
    pending_keys: Vec<DocKey>,
    pending_bodies: Vec<Body>,
    /// Documents waiting to be copied to the index ([`GrepService::pump`]).
    queue: VecDeque<DocKey>,
    /// Documents handed to the index, and how many it reported indexed.
    sent: usize,
    indexed: usize,
    /// Number of the newest query; a running search stops when it changes.
    latest: Arc<AtomicU64>,
}

impl fmt::Debug for GrepService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode {
            Mode::Inline(_) => "inline",
            Mode::Background(_) => "background",
        };
        f.debug_struct("GrepService").field("mode", &mode).finish()
    }
}

impl Default for GrepService {
    fn default() -> Self {
        Self::inline()
    }
}

impl GrepService {
    /// Indexes and answers queries on the calling thread.
    pub fn inline() -> Self {
        GrepService {
            mode: Mode::Inline(CorpusGrep::default()),
            pending_keys: Vec::new(),
            pending_bodies: Vec::new(),
            queue: VecDeque::new(),
            sent: 0,
            indexed: 0,
            latest: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Indexes and answers queries on a background thread; `deliver` is
    /// called there with each update (e.g. to send it into the app's event
    /// channel).
    pub fn background(deliver: impl Fn(GrepUpdate) + Send + Sync + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let gen = Arc::clone(&latest);
        let spawned = std::thread::Builder::new()
            .name("qari-grep".into())
            .spawn(move || worker(&rx, &gen, &deliver));
        if let Err(e) = spawned {
            tracing::warn!("no corpus search thread ({e}); searching inline");
            return Self::inline();
        }
        GrepService {
            mode: Mode::Background(tx),
            pending_keys: Vec::new(),
            pending_bodies: Vec::new(),
            queue: VecDeque::new(),
            sent: 0,
            indexed: 0,
            latest,
        }
    }

    /// Queues one document for indexing by key; its body is handed over
    /// later, by [`GrepService::pump`], when the index is ready for it.
    pub fn enqueue(&mut self, key: DocKey) {
        self.queue.push_back(key);
    }

    /// The index reported `n` documents indexed (`GrepUpdate::Indexed`).
    pub fn indexed(&mut self, n: usize) {
        self.indexed = n;
    }

    /// Hands queued documents' bodies (from `body_of`: cheap handles, no
    /// text is read here) to the index, at most [`IN_FLIGHT`] documents
    /// ahead of what it has indexed: the indexing thread reads a few batches
    /// of texts at a time, never the whole corpus. Inline, everything queued
    /// is read and folded now and the new count returned. Documents
    /// `body_of` does not know are dropped.
    pub fn pump(&mut self, body_of: impl Fn(DocKey) -> Option<Body>) -> Option<GrepUpdate> {
        let inline = matches!(self.mode, Mode::Inline(_));
        while !self.queue.is_empty() && (inline || self.sent < self.indexed + IN_FLIGHT) {
            let n = self.queue.len().min(BATCH);
            for key in self.queue.drain(..n) {
                if let Some(b) = body_of(key) {
                    self.pending_keys.push(key);
                    self.pending_bodies.push(b);
                }
            }
            self.sent += self.pending_keys.len();
            if let Some(u) = self.flush() {
                if self.queue.is_empty() {
                    return Some(u);
                }
            }
        }
        None
    }

    /// Queues one document for indexing with its text kept in memory. The
    /// app feeds the index through [`Self::enqueue`] and [`Self::pump`];
    /// this shortcut is for the service's own tests.
    #[cfg(test)]
    pub fn add(&mut self, key: DocKey, text: impl Into<Arc<str>>) {
        self.pending_keys.push(key);
        self.pending_bodies.push(Body::kept(text));
        if self.pending_keys.len() >= BATCH {
            self.flush();
        }
    }

    /// Hands the queued documents to the index (call when loading is done).
    /// Inline, this folds them now and returns the new document count.
    pub fn flush(&mut self) -> Option<GrepUpdate> {
        if self.pending_keys.is_empty() {
            return None;
        }
        let keys = std::mem::take(&mut self.pending_keys);
        let bodies = std::mem::take(&mut self.pending_bodies);
        match &mut self.mode {
            Mode::Inline(g) => {
                g.add(keys, bodies);
                Some(GrepUpdate::Indexed(g.index.len()))
            }
            Mode::Background(tx) => {
                let _ = tx.send(Msg::Add(keys, bodies));
                None
            }
        }
    }

    /// Runs `query` as query number `gen` (which must grow from query to
    /// query): inline, every update is returned; in the background they
    /// arrive through `deliver` and this returns nothing.
    pub fn query(&mut self, gen: u64, query: &str) -> Vec<GrepUpdate> {
        let mut out: Vec<GrepUpdate> = self.flush().into_iter().collect();
        self.latest.store(gen, Ordering::SeqCst);
        match &mut self.mode {
            Mode::Inline(g) => {
                let found = Mutex::new(Vec::new());
                g.search(&Query::parse(query), 0, &|| false, &|hits| {
                    if let Ok(mut f) = found.lock() {
                        f.push(GrepUpdate::Hits { gen, hits });
                    }
                });
                out.extend(found.into_inner().unwrap_or_default());
                out.push(GrepUpdate::Searched {
                    gen,
                    docs: g.index.len(),
                });
            }
            Mode::Background(tx) => {
                let _ = tx.send(Msg::Query(gen, query.to_string()));
            }
        }
        out
    }
}

/// The background thread: index what arrives; when nothing waits, search
/// the documents the active query has not seen yet.
fn worker(rx: &Receiver<Msg>, latest: &AtomicU64, deliver: &(dyn Fn(GrepUpdate) + Sync)) {
    let mut grep = CorpusGrep::default();
    // (gen, parsed query, documents searched)
    let mut active: Option<(u64, Query, usize)> = None;
    loop {
        let behind = active
            .as_ref()
            .is_some_and(|(_, _, done)| *done < grep.index.len());
        let msg = if behind {
            match rx.try_recv() {
                Ok(m) => Some(m),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return,
            }
        };
        match msg {
            Some(Msg::Add(keys, bodies)) => {
                grep.add(keys, bodies);
                deliver(GrepUpdate::Indexed(grep.index.len()));
            }
            Some(Msg::Query(gen, q)) => {
                let query = Query::parse(&q);
                if query.is_empty() {
                    active = None;
                    deliver(GrepUpdate::Searched { gen, docs: 0 });
                } else {
                    active = Some((gen, query, 0));
                }
            }
            None => {
                let Some((gen, query, done)) = active.as_mut() else {
                    continue;
                };
                let gen = *gen;
                let n = grep.index.len();
                let cancelled = || latest.load(Ordering::Relaxed) != gen;
                // The first chunk's hits go out at once, later ones together
                // every COALESCE: fewer, larger merges for the UI thread.
                let pending = Mutex::new((Vec::new(), None::<Instant>));
                let complete = grep.search(query, *done, &cancelled, &|hits| {
                    let Ok(mut p) = pending.lock() else { return };
                    p.0.extend(hits);
                    if p.1.is_none_or(|t| t.elapsed() >= COALESCE) {
                        let hits = std::mem::take(&mut p.0);
                        p.1 = Some(Instant::now());
                        deliver(GrepUpdate::Hits { gen, hits });
                    }
                });
                let rest = pending.into_inner().map(|p| p.0).unwrap_or_default();
                if complete && !rest.is_empty() {
                    deliver(GrepUpdate::Hits { gen, hits: rest });
                }
                if complete {
                    *done = n;
                    deliver(GrepUpdate::Searched { gen, docs: n });
                } else {
                    active = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(file: usize) -> DocKey {
        DocKey { file, record: 0 }
    }

    const TEXTS: [&str; 3] = [
        "قالت موسكو إن روسيا لن تتدخل",
        "لا شيء هنا",
        "طالبت يريفان بروسيا وقال Пашинян: روسيا",
    ];

    fn hits_of(updates: &[GrepUpdate], gen: u64) -> Vec<(usize, Vec<String>)> {
        let mut out: Vec<(usize, Vec<String>)> = updates
            .iter()
            .filter_map(|u| match u {
                GrepUpdate::Hits { gen: g, hits } if *g == gen => Some(hits),
                _ => None,
            })
            .flatten()
            .map(|h| {
                let t = TEXTS[h.key.file];
                (
                    h.key.file,
                    h.hits.iter().map(|k| t[k.to_text(t)].to_string()).collect(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn inline_search_maps_key_hits_back_to_the_texts() {
        let mut s = GrepService::inline();
        for (i, t) in TEXTS.iter().enumerate() {
            s.add(key(i), *t);
        }
        let u = s.query(1, "روسيا");
        assert_eq!(u[0], GrepUpdate::Indexed(3));
        assert_eq!(
            hits_of(&u, 1),
            vec![
                (0, vec!["روسيا".to_string()]),
                (2, vec!["روسيا".to_string(), "روسيا".to_string()]),
            ]
        );
        assert_eq!(u.last(), Some(&GrepUpdate::Searched { gen: 1, docs: 3 }));
        // letters outside the one-byte alphabet are verified on the kept text
        let u = s.query(2, "Пашинян");
        assert_eq!(hits_of(&u, 2), vec![(2, vec!["Пашинян".to_string()])]);
        assert!(hits_of(&s.query(3, "Пашинин"), 3).is_empty());
    }

    #[test]
    fn background_search_streams_and_covers_documents_added_later() {
        let (tx, rx) = mpsc::channel();
        let mut s = GrepService::background(move |u| {
            let _ = tx.send(u);
        });
        s.add(key(0), TEXTS[0]);
        s.add(key(1), TEXTS[1]);
        assert!(s.query(7, "روسيا").is_empty(), "answers come as updates");
        let mut got = Vec::new();
        let wait = |got: &mut Vec<GrepUpdate>, until: GrepUpdate| {
            while !got.contains(&until) {
                let u = rx.recv_timeout(Duration::from_secs(20)).expect("update");
                got.push(u);
            }
        };
        wait(&mut got, GrepUpdate::Searched { gen: 7, docs: 2 });
        assert_eq!(hits_of(&got, 7), vec![(0, vec!["روسيا".to_string()])]);
        // a document arriving later is searched for the active query
        s.add(key(2), TEXTS[2]);
        s.flush();
        wait(&mut got, GrepUpdate::Searched { gen: 7, docs: 3 });
        assert_eq!(hits_of(&got, 7).len(), 2);
    }

    #[test]
    fn pump_copies_only_a_few_batches_ahead_of_the_index() {
        let mut s = GrepService::background(|_| {});
        for i in 0..3 * BATCH {
            s.enqueue(key(i));
        }
        let text = |_| Some(Body::kept("نص"));
        assert_eq!(s.pump(text), None);
        assert_eq!(s.sent, IN_FLIGHT, "no report from the index yet");
        s.indexed(BATCH);
        s.pump(text);
        assert_eq!(s.sent, 3 * BATCH);
        assert!(s.queue.is_empty());
    }

    #[test]
    fn files_changed_or_gone_after_loading_index_as_empty_texts() {
        let dir = tempfile::tempdir().unwrap();
        let docs: Vec<crate::corpus::Document> = TEXTS
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let p = dir.path().join(format!("{i}.txt"));
                std::fs::write(&p, t).unwrap();
                crate::corpus::load_file(&p).unwrap()
            })
            .collect();
        assert!(docs.iter().all(|d| d.body.is_on_disk()));
        std::fs::write(dir.path().join("0.txt"), "روسيا روسيا روسيا").unwrap();
        let mut s = GrepService::inline();
        for i in 0..3 {
            s.enqueue(key(i));
        }
        s.pump(|k| docs.get(k.file).map(|d| d.body.clone()));
        // document 0 changed: no hits; document 2 is still found at its index
        assert_eq!(
            hits_of(&s.query(1, "روسيا"), 1),
            vec![(2, vec!["روسيا".to_string(), "روسيا".to_string()])]
        );
        // the kept text of a document with other letters verifies its hits
        std::fs::remove_file(dir.path().join("2.txt")).unwrap();
        assert_eq!(
            hits_of(&s.query(2, "Пашинян"), 2),
            vec![(2, vec!["Пашинян".to_string()])]
        );
        // a document gone before it is indexed has no hits either
        let mut s = GrepService::inline();
        for i in 0..3 {
            s.enqueue(key(i));
        }
        let u = s.pump(|k| docs.get(k.file).map(|d| d.body.clone()));
        assert_eq!(u, Some(GrepUpdate::Indexed(3)));
        assert!(hits_of(&s.query(3, "روسيا"), 3).is_empty());
    }

    #[test]
    fn inline_pump_indexes_everything_queued() {
        let mut s = GrepService::inline();
        for i in 0..3 {
            s.enqueue(key(i));
        }
        let u = s.pump(|k| TEXTS.get(k.file).map(|t| Body::kept(*t)));
        assert_eq!(u, Some(GrepUpdate::Indexed(3)));
        assert_eq!(hits_of(&s.query(1, "روسيا"), 1).len(), 2);
    }
}
