//! Per-keystroke fuzzy search with narrowing, and the background engine
//! the jump popup talks to.
//!
//! [`JumpSearcher`] remembers the matched sets of the queries typed so far.
//! A query that extends a remembered one (same text plus more characters)
//! can only match a subset of it, so only that set (and documents added
//! since) is scored; Backspace returns to a remembered query and re-ranks its
//! set. [`JumpEngine`] runs the searcher on its own thread: `submit` never
//! blocks, a newer query cancels the running one between chunks, and results
//! come back through a callback tagged with the query's generation.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::fuzzy::JumpIndex;
use super::rank::{score_all, terms_of, Scored};
use crate::corpus::DocKey;
use crate::text::fold::fold_key;

/// How many remembered queries are kept for narrowing and Backspace.
const CHAIN: usize = 24;

/// The ranked results of one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpResults {
    /// The query as submitted.
    pub query: String,
    /// Generation number given by [`JumpEngine::submit`] (0 when searched
    /// directly).
    pub generation: u64,
    /// The best matches, best first (at most the limit asked for).
    pub hits: Vec<Scored>,
    /// How many documents matched in all.
    pub total: usize,
    /// Time spent searching.
    pub elapsed: Duration,
    /// Corpus keys of `hits`, in the same order, when the engine was given
    /// keys with its documents (see [`JumpEngine::extend`]).
    pub keys: Vec<DocKey>,
}

struct Remembered {
    folded: String,
    matched: Arc<Vec<u32>>,
    /// Index length when searched: documents after it were not seen.
    seen: usize,
}

/// Searches a [`JumpIndex`] keystroke by keystroke, narrowing from earlier
/// results.
#[derive(Default)]
pub struct JumpSearcher {
    chain: Vec<Remembered>,
}

impl JumpSearcher {
    /// A searcher with no memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets remembered results (needed only when the index was rebuilt,
    /// not when documents were appended).
    pub fn reset(&mut self) {
        self.chain.clear();
    }

    /// Ranks the documents matching `query`; `None` if cancelled.
    pub fn search(
        &mut self,
        index: &JumpIndex,
        query: &str,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<JumpResults> {
        let started = Instant::now();
        let folded = fold_key(query)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let terms = terms_of(query);
        if terms.is_empty() {
            let n = index.len();
            let hits = (0..n.min(limit) as u32)
                .map(|doc| Scored {
                    doc,
                    tier: 0,
                    fuzzy: false,
                    score: 0,
                })
                .collect();
            return Some(results(query, hits, n, started));
        }
        // The longest remembered query this one extends. A trailing space
        // starts a new term, so "روسيا " extends "روسيا".
        let base = self
            .chain
            .iter()
            .filter(|r| folded.starts_with(&r.folded))
            .max_by_key(|r| r.folded.len());
        let cands: Vec<u32> = match base {
            Some(r) => {
                let mut v = Vec::with_capacity(r.matched.len() + index.len() - r.seen);
                v.extend_from_slice(&r.matched);
                v.extend(r.seen as u32..index.len() as u32);
                v
            }
            None => (0..index.len() as u32).collect(),
        };
        let scored = score_all(index, &cands, &terms, limit, cancelled)?;
        let matched: Vec<u32> = scored.iter().map(|s| s.doc).collect();
        self.remember(folded, matched, index.len());
        let total = scored.len();
        Some(results(query, top(scored, limit), total, started))
    }

    fn remember(&mut self, folded: String, matched: Vec<u32>, seen: usize) {
        // Keep only queries on the current path (prefixes of this one), so
        // the chain is the history of this word and Backspace finds it.
        self.chain
            .retain(|r| folded.starts_with(&r.folded) && r.folded != folded);
        if self.chain.len() >= CHAIN {
            self.chain.remove(0);
        }
        self.chain.push(Remembered {
            folded,
            matched: Arc::new(matched),
            seen,
        });
    }
}

/// Builds a result (time measured from `started`).
fn results(query: &str, hits: Vec<Scored>, total: usize, started: Instant) -> JumpResults {
    JumpResults {
        query: query.to_string(),
        generation: 0,
        hits,
        total,
        elapsed: started.elapsed(),
        keys: Vec::new(),
    }
}

/// The `limit` best of `v`, sorted.
fn top(mut v: Vec<Scored>, limit: usize) -> Vec<Scored> {
    if limit == 0 {
        return Vec::new();
    }
    if v.len() > limit {
        v.select_nth_unstable_by_key(limit - 1, |s| s.rank_key());
        v.truncate(limit);
    }
    v.sort_unstable_by_key(|s| s.rank_key());
    v
}

enum Request {
    Query(u64, String),
    Extend(JumpIndex, Vec<DocKey>),
}

/// Runs fuzzy searches on a background thread for the jump popup.
pub struct JumpEngine {
    tx: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl JumpEngine {
    /// Starts the engine with an index; `deliver` is called on the engine's
    /// thread with the results of each query that was not superseded.
    pub fn spawn(
        index: JumpIndex,
        limit: usize,
        deliver: impl Fn(JumpResults) + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let l2 = latest.clone();
        std::thread::Builder::new()
            .name("qari-jump".into())
            .spawn(move || serve(rx, index, limit, l2, deliver))
            .map_or_else(|e| tracing::error!("jump engine thread: {e}"), |_| ());
        JumpEngine { tx, latest }
    }

    /// Asks for `query`; returns its generation. Never blocks: a running
    /// search for an older query stops at its next chunk.
    pub fn submit(&self, query: &str) -> u64 {
        let g = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.tx.send(Request::Query(g, query.to_string()));
        g
    }

    /// Adds documents (an index of the next documents, e.g. built as the
    /// loader delivers them) with their corpus keys (empty: no keys).
    pub fn extend(&self, more: JumpIndex, keys: Vec<DocKey>) {
        let _ = self.tx.send(Request::Extend(more, keys));
    }
}

fn serve(
    rx: Receiver<Request>,
    mut index: JumpIndex,
    limit: usize,
    latest: Arc<AtomicU64>,
    deliver: impl Fn(JumpResults),
) {
    let mut searcher = JumpSearcher::new();
    let mut all_keys: Vec<DocKey> = Vec::new();
    let mut last: Option<(u64, String)> = None;
    while let Ok(first) = rx.recv() {
        // Drain the queue: apply every extension, keep only the newest query.
        let mut query = None;
        let mut grown = false;
        for req in std::iter::once(first).chain(rx.try_iter()) {
            match req {
                Request::Query(g, q) => query = Some((g, q)),
                Request::Extend(more, keys) => {
                    index.append(more);
                    all_keys.extend(keys);
                    grown = true;
                }
            }
        }
        // New documents refresh the results of the current query.
        if query.is_none() && grown {
            query = last
                .clone()
                .filter(|(g, _)| latest.load(Ordering::Relaxed) == *g);
        }
        let Some((g, q)) = query else { continue };
        last = Some((g, q.clone()));
        let cancelled = || latest.load(Ordering::Relaxed) != g;
        if let Some(mut r) = searcher.search(&index, &q, limit, &cancelled) {
            if !cancelled() {
                r.generation = g;
                r.keys = r
                    .hits
                    .iter()
                    .filter_map(|h| all_keys.get(h.doc as usize).copied())
                    .collect();
                deliver(r);
            }
        }
    }
}
