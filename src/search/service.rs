//! The fuzzy-jump service the runtime keeps for the TUI: it indexes
//! documents as the loader delivers them and answers queries, either on a
//! background thread (the real terminal: results come back as events) or
//! inline (tests and the `TestBackend` loop: results are returned at once).

use std::fmt;

use super::jump::{JumpEngine, JumpResults, JumpSearcher};
use super::{JumpFields, JumpIndex};
use crate::corpus::{DocKey, Document};

/// Rows the jump popup asks for.
pub const JUMP_ROWS: usize = 200;
/// Documents indexed together before they are handed to the engine.
const BATCH: usize = 256;

enum Mode {
    Inline {
        index: JumpIndex,
        keys: Vec<DocKey>,
        searcher: JumpSearcher,
    },
    Background(JumpEngine),
}

/// Keeps the jump index up to date and runs queries.
pub struct JumpService {
    mode: Mode,
    pending: JumpIndex,
    pending_keys: Vec<DocKey>,
}

impl fmt::Debug for JumpService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode {
            Mode::Inline { .. } => "inline",
            Mode::Background(_) => "background",
        };
        f.debug_struct("JumpService").field("mode", &mode).finish()
    }
}

impl Default for JumpService {
    fn default() -> Self {
        Self::inline()
    }
}

impl JumpService {
    /// Answers queries on the calling thread.
    pub fn inline() -> Self {
        JumpService {
            mode: Mode::Inline {
                index: JumpIndex::default(),
                keys: Vec::new(),
                searcher: JumpSearcher::new(),
            },
            pending: JumpIndex::default(),
            pending_keys: Vec::new(),
        }
    }

    /// Answers queries on a background thread; `deliver` is called there
    /// with each result (e.g. to send it into the app's event channel).
    pub fn background(deliver: impl Fn(JumpResults) + Send + 'static) -> Self {
        JumpService {
            mode: Mode::Background(JumpEngine::spawn(JumpIndex::default(), JUMP_ROWS, deliver)),
            pending: JumpIndex::default(),
            pending_keys: Vec::new(),
        }
    }

    /// Indexes one document (cheap: folds its title, source, date and
    /// first sentence).
    pub fn add(&mut self, key: DocKey, doc: &Document) {
        self.pending.push(&JumpFields::from(doc));
        self.pending_keys.push(key);
        if self.pending.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let more = std::mem::take(&mut self.pending);
        let keys = std::mem::take(&mut self.pending_keys);
        match &mut self.mode {
            Mode::Inline {
                index, keys: all, ..
            } => {
                index.append(more);
                all.extend(keys);
            }
            Mode::Background(engine) => engine.extend(more, keys),
        }
    }

    /// Runs `query`: inline, the results are returned; in the background,
    /// they arrive through the `deliver` callback and this returns `None`.
    pub fn query(&mut self, query: &str) -> Option<JumpResults> {
        self.flush();
        match &mut self.mode {
            Mode::Inline {
                index,
                keys,
                searcher,
            } => {
                let mut r = searcher.search(index, query, JUMP_ROWS, &|| false)?;
                r.keys = r
                    .hits
                    .iter()
                    .filter_map(|h| keys.get(h.doc as usize).copied())
                    .collect();
                Some(r)
            }
            Mode::Background(engine) => {
                engine.submit(query);
                None
            }
        }
    }
}
