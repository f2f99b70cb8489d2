//! Corpus-wide and in-document word search over byte keys.
//!
//! [`GrepIndex`] holds the byte keys of all documents in one buffer (documents
//! separated by `\n`, so no match crosses a document) plus their checkpoints.
//! A search runs one Aho-Corasick pass per chunk of documents, in parallel,
//! checks word boundaries and proclitics ([`super::query`]), and maps each
//! hit back to a byte range of the document text.

use std::ops::Range;
use std::sync::Arc;

use memchr::memmem::Finder;
use rayon::prelude::*;

use super::bytekey::{push_key_every, to_text, Checkpoint, DocKey, OTHER_WORD};
use super::query::{check_hit, Clause, Pattern, Query};
use crate::corpus::{Body, Document};

/// Key bytes between two checkpoints of a [`GrepIndex`]: a hit is mapped to
/// the text only when it is shown, so a walk of up to 256 characters costs
/// nothing noticeable, and the checkpoints take 2 % of the key instead of
/// 12 % (at 64, as for one document's [`DocKey`]).
const INDEX_CHECKPOINT_EVERY: u32 = 256;

/// Documents per parallel work item: small enough that the first results
/// arrive after a millisecond or two, large enough to amortise the overhead.
/// Indexing uses the same size (the search service's batches of 256
/// documents are read and folded by one worker at a time): with work items
/// of 32, texts read on both workers left the heap in a state in which
/// later searches took about twice the CPU, much of it in malloc/free
/// (perf; benches/corpus_search.rs, same runs: 150–190 against 90–100 ms
/// CPU for روسيا ارمينيا).
const CHUNK_DOCS: usize = 512;

/// Texts kept by [`GrepIndex::extend_keeping_other`], with their indices.
type Kept = Vec<(usize, Arc<str>)>;

/// Anything that has a text to search.
pub trait HasText: Sync {
    /// The text.
    fn text(&self) -> impl std::ops::Deref<Target = str> + '_;

    /// Its length in bytes (a hint for reserving the key; types whose text
    /// is read from disk answer without reading it).
    fn text_len(&self) -> usize {
        self.text().len()
    }

    /// Calls `f` with the text; types whose text is read from disk read it
    /// into `buf`, reused between documents, instead of a new allocation.
    fn with_text<R>(&self, buf: &mut Vec<u8>, mut f: impl FnMut(&str) -> R) -> R {
        let _ = buf;
        f(&self.text())
    }
}

/// A document read from disk that can no longer be read as it was loaded
/// is searched as an empty text: it has no hits (rather than hits in the
/// notice [`Document::text`] would show instead), and the indices of the
/// documents after it stay aligned.
impl HasText for Document {
    fn text(&self) -> impl std::ops::Deref<Target = str> + '_ {
        HasText::text(&self.body)
    }

    fn text_len(&self) -> usize {
        self.body.len()
    }

    fn with_text<R>(&self, buf: &mut Vec<u8>, f: impl FnMut(&str) -> R) -> R {
        HasText::with_text(&self.body, buf, f)
    }
}

/// As for [`Document`]: an unreadable or changed file is an empty text.
impl HasText for Body {
    fn text(&self) -> impl std::ops::Deref<Target = str> + '_ {
        Body::text(self).unwrap_or_else(|_| Arc::from(""))
    }

    fn text_len(&self) -> usize {
        self.len()
    }

    fn with_text<R>(&self, buf: &mut Vec<u8>, mut f: impl FnMut(&str) -> R) -> R {
        Body::with_text(self, buf, &mut f).unwrap_or_else(|_| f(""))
    }
}

impl HasText for String {
    fn text(&self) -> impl std::ops::Deref<Target = str> + '_ {
        self.as_str()
    }
}

impl HasText for Arc<str> {
    fn text(&self) -> impl std::ops::Deref<Target = str> + '_ {
        &**self
    }
}

impl HasText for &str {
    fn text(&self) -> impl std::ops::Deref<Target = str> + '_ {
        *self
    }
}

/// The hits of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocHits {
    /// Index of the document in the slice the index was built from.
    pub doc: usize,
    /// Byte ranges of the hits in the document text, in text order.
    pub hits: Vec<Range<usize>>,
}

/// A hit found on a document's key: its key range and the checkpoint before
/// it, from which [`KeyHit::to_text`] walks to the text (at most
/// [`INDEX_CHECKPOINT_EVERY`] characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHit {
    /// Start of the hit in the document's key.
    pub start: u32,
    /// End of the hit in the document's key.
    pub end: u32,
    /// The last checkpoint at or before `start`.
    pub from: Checkpoint,
}

impl KeyHit {
    /// The byte range of the hit in `text` (the text the key was built from).
    pub fn to_text(&self, text: &str) -> Range<usize> {
        to_text(text, &[self.from], self.start as usize..self.end as usize)
    }

    /// [`KeyHit::to_text`], or `None` when the hit does not fall inside
    /// `text` (a text other than the one indexed): the range returned is
    /// non-empty and can be sliced.
    pub fn locate(&self, text: &str) -> Option<Range<usize>> {
        let r = self.to_text(text);
        (r.start < r.end && text.get(r.clone()).is_some()).then_some(r)
    }
}

/// The hits of one document, on its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDocHits {
    /// Index of the document in the index.
    pub doc: usize,
    /// The hits, in text order.
    pub hits: Vec<KeyHit>,
}

/// Folded byte keys of a corpus, for word search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrepIndex {
    key: Vec<u8>,
    /// `starts[i]` is where document i's key begins; one more entry at the end.
    starts: Vec<usize>,
    cps: Vec<Checkpoint>,
    /// `cp_starts[i]` is the index of document i's first checkpoint.
    cp_starts: Vec<usize>,
}

impl GrepIndex {
    /// Builds the index of `docs` (in parallel).
    pub fn build<T: HasText>(docs: &[T]) -> Self {
        let mut idx = GrepIndex {
            starts: vec![0],
            cp_starts: vec![0],
            ..Default::default()
        };
        idx.extend(docs);
        idx
    }

    /// Appends documents (they get the next indices). Each text is read
    /// once, folded and dropped, a few chunks in parallel.
    pub fn extend<T: HasText>(&mut self, docs: &[T]) {
        self.extend_keeping(docs, false);
    }

    /// As [`GrepIndex::extend`], and returns (index, text) of the new
    /// documents whose keys hold letters outside the one-byte alphabet
    /// (verifying their hits needs the text, see
    /// [`GrepIndex::search_keys`]): the only texts anyone must keep.
    pub fn extend_keeping_other<T: HasText>(&mut self, docs: &[T]) -> Kept {
        self.extend_keeping(docs, true)
    }

    fn extend_keeping<T: HasText>(&mut self, docs: &[T], keep: bool) -> Kept {
        if self.starts.is_empty() {
            self.starts.push(0);
            self.cp_starts.push(0);
        }
        let first = self.len();
        let parts: Vec<(GrepIndex, Kept)> = docs
            .par_chunks(CHUNK_DOCS)
            .enumerate()
            // A read buffer reused for every file of a run of chunks (rayon
            // makes one per piece of split work, a few per thread).
            .map_init(Vec::new, |buf, (c, chunk)| {
                let mut part = GrepIndex::default();
                let mut kept = Vec::new();
                let bytes: usize = chunk.iter().map(HasText::text_len).sum();
                part.key.reserve(bytes * 6 / 10);
                for (i, d) in chunk.iter().enumerate() {
                    d.with_text(buf, |text| {
                        let from = part.key.len();
                        push_key_every(text, &mut part.key, &mut part.cps, INDEX_CHECKPOINT_EVERY);
                        if keep && memchr::memchr(OTHER_WORD, &part.key[from..]).is_some() {
                            kept.push((first + c * CHUNK_DOCS + i, Arc::from(text)));
                        }
                    });
                    part.key.push(b'\n');
                    part.starts.push(part.key.len());
                    part.cp_starts.push(part.cps.len());
                }
                (part, kept)
            })
            .collect();
        let mut kept = Vec::new();
        for (p, k) in parts {
            let (kb, cb) = (self.key.len(), self.cps.len());
            self.key.extend_from_slice(&p.key);
            self.cps.extend_from_slice(&p.cps);
            self.starts.extend(p.starts.iter().map(|s| s + kb));
            self.cp_starts.extend(p.cp_starts.iter().map(|s| s + cb));
            kept.extend(k);
        }
        self.key.shrink_to_fit();
        self.cps.shrink_to_fit();
        kept
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes used by the index (key, checkpoints, tables).
    pub fn heap_bytes(&self) -> usize {
        self.key.capacity()
            + self.cps.capacity() * std::mem::size_of::<Checkpoint>()
            + (self.starts.capacity() + self.cp_starts.capacity()) * std::mem::size_of::<usize>()
    }

    /// Searches all documents; calls `emit` with the hits of each chunk of
    /// documents as soon as it is done (chunks finish in roughly document
    /// order, from two threads). `cancelled` is checked before each chunk; the
    /// function returns `false` when it stopped early.
    ///
    /// `docs` must be the documents the index was built from, in order.
    pub fn search<T: HasText>(
        &self,
        docs: &[T],
        query: &Query,
        cancelled: &(dyn Fn() -> bool + Sync),
        emit: &(dyn Fn(Vec<DocHits>) + Sync),
    ) -> bool {
        let Some(m) = Matcher::new(query) else {
            return true;
        };
        let n = self.len().min(docs.len());
        for_chunks(
            0..n,
            cancelled,
            &|d| {
                let (key, cps) = self.doc(d);
                let text = docs[d].text();
                let text = &*text;
                let hits = m.hits_in(key, |r| to_text(text, cps, r), text);
                (!hits.is_empty()).then_some(DocHits { doc: d, hits })
            },
            emit,
        )
    }

    /// Searches documents `range` on their keys alone, without their texts:
    /// each hit comes with the checkpoint it is mapped back from
    /// ([`KeyHit::to_text`]). `text_of(d)` gives the text of document `d`
    /// when it is needed to verify letters outside the one-byte alphabet (only
    /// documents whose key holds [`OTHER_WORD`] can need it). Streaming and
    /// cancellation as in [`GrepIndex::search`].
    pub fn search_keys<'t>(
        &self,
        range: Range<usize>,
        query: &Query,
        text_of: &(dyn Fn(usize) -> Option<&'t str> + Sync),
        cancelled: &(dyn Fn() -> bool + Sync),
        emit: &(dyn Fn(Vec<KeyDocHits>) + Sync),
    ) -> bool {
        let Some(m) = Matcher::new(query) else {
            return true;
        };
        let range = range.start.min(self.len())..range.end.min(self.len());
        for_chunks(
            range,
            cancelled,
            &|d| {
                let (key, cps) = self.doc(d);
                let text = text_of(d);
                m.key_doc_hits(d, key, cps, text)
            },
            emit,
        )
    }

    /// Whether document `d`'s key holds letters outside the one-byte
    /// alphabet (then verifying hits on it may need its text).
    pub fn has_other_letters(&self, d: usize) -> bool {
        d < self.len() && memchr::memchr(OTHER_WORD, self.doc(d).0).is_some()
    }

    /// Key and checkpoints of document `d` (`d < len`).
    fn doc(&self, d: usize) -> (&[u8], &[Checkpoint]) {
        (
            &self.key[self.starts[d]..self.starts[d + 1] - 1],
            &self.cps[self.cp_starts[d]..self.cp_starts[d + 1]],
        )
    }

    /// Searches everything and returns the hits sorted by document.
    pub fn search_all<T: HasText>(&self, docs: &[T], query: &Query) -> Vec<DocHits> {
        let all = std::sync::Mutex::new(Vec::new());
        self.search(docs, query, &|| false, &|mut v| {
            if let Ok(mut a) = all.lock() {
                a.append(&mut v);
            }
        });
        let mut all = all.into_inner().unwrap_or_default();
        all.sort_by_key(|h| h.doc);
        all
    }
}

/// Runs `each` over the documents of `range` in parallel chunks, emitting
/// each chunk's results; `false` when cancelled.
fn for_chunks<R: Send>(
    range: Range<usize>,
    cancelled: &(dyn Fn() -> bool + Sync),
    each: &(dyn Fn(usize) -> Option<R> + Sync),
    emit: &(dyn Fn(Vec<R>) + Sync),
) -> bool {
    let chunks: Vec<Range<usize>> = range
        .clone()
        .step_by(CHUNK_DOCS)
        .map(|a| a..(a + CHUNK_DOCS).min(range.end))
        .collect();
    chunks.into_par_iter().all(|docs_range| {
        if cancelled() {
            return false;
        }
        let out: Vec<R> = docs_range.filter_map(each).collect();
        if !out.is_empty() {
            emit(out);
        }
        true
    })
}

/// All hits of `query` in one text (for `/` in the reader), in text order.
pub fn find_in_text(text: &str, query: &Query) -> Vec<Range<usize>> {
    let Some(m) = Matcher::new(query) else {
        return Vec::new();
    };
    let dk = DocKey::new(text);
    m.hits_in(&dk.key, |r| dk.to_text(text, r), text)
}

/// A compiled query: one SIMD substring finder per pattern. (One
/// Aho-Corasick automaton for all patterns was 10× slower as soon as a query
/// had two words: overlapping search cannot use its fast prefilters.)
struct Matcher<'q> {
    query: &'q Query,
    patterns: Vec<Pattern>,
    finders: Vec<Finder<'static>>,
}

impl<'q> Matcher<'q> {
    fn new(query: &'q Query) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        let patterns = query.patterns();
        if patterns.iter().any(|p| p.bytes.is_empty()) {
            return None;
        }
        let finders = patterns
            .iter()
            .map(|p| Finder::new(&p.bytes).into_owned())
            .collect();
        Some(Matcher {
            query,
            patterns,
            finders,
        })
    }

    /// The hits of document `d` (its key and checkpoints) with the
    /// checkpoint before each; `text` verifies letters outside the one-byte
    /// alphabet (without it, hits that need that are dropped).
    fn key_doc_hits(
        &self,
        d: usize,
        key: &[u8],
        cps: &[Checkpoint],
        text: Option<&str>,
    ) -> Option<KeyDocHits> {
        let hits = self.key_hits(key, |clause, r| {
            text.is_some_and(|t| clause.verify(t.get(to_text(t, cps, r)).unwrap_or("")))
        });
        if hits.is_empty() {
            return None;
        }
        let hits = hits
            .into_iter()
            .map(|r| {
                let i = cps.partition_point(|c| c.key as usize <= r.start);
                let from = i
                    .checked_sub(1)
                    .and_then(|i| cps.get(i))
                    .copied()
                    .unwrap_or(Checkpoint { key: 0, text: 0 });
                KeyHit {
                    start: r.start as u32,
                    end: r.end as u32,
                    from,
                }
            })
            .collect();
        Some(KeyDocHits { doc: d, hits })
    }

    /// Hits in one document key mapped to the text; empty unless every
    /// clause matches.
    fn hits_in(
        &self,
        key: &[u8],
        map: impl Fn(Range<usize>) -> Range<usize>,
        text: &str,
    ) -> Vec<Range<usize>> {
        self.key_hits(key, |clause, r| {
            clause.verify(text.get(map(r)).unwrap_or(""))
        })
        .into_iter()
        .map(map)
        .collect()
    }

    /// Hits in one document key, as key ranges; empty unless every clause
    /// matches. `verify` checks a hit of a clause with letters outside the
    /// one-byte alphabet against the text.
    fn key_hits(
        &self,
        key: &[u8],
        verify: impl Fn(&Clause, Range<usize>) -> bool,
    ) -> Vec<Range<usize>> {
        let nc = self.query.clauses.len();
        let mut found = vec![false; nc];
        let mut key_hits: Vec<(Range<usize>, usize)> = Vec::new();
        // Patterns come clause by clause: a document that lacks a clause is
        // dropped before the later clauses are looked for.
        for (p, finder) in self.patterns.iter().zip(&self.finders) {
            if p.clause > 0 && !found[p.clause - 1] {
                return Vec::new();
            }
            let clause = &self.query.clauses[p.clause];
            let mut from = 0;
            // every occurrence, overlapping ones too (a word boundary may
            // reject the first and accept one that starts inside it)
            while let Some(i) = key.get(from..).and_then(|k| finder.find(k)) {
                let at = from + i;
                from = at + 1;
                if let Some((s, e)) = check_hit(key, at, p, clause) {
                    if !clause.others.is_empty() && !verify(clause, s..e) {
                        continue;
                    }
                    found[p.clause] = true;
                    key_hits.push((s..e, p.clause));
                }
            }
        }
        if key_hits.is_empty() || found.iter().any(|f| !f) {
            return Vec::new();
        }
        key_hits.sort_by_key(|(r, _)| (r.start, r.end));
        // Query words that stand next to each other in the text in the
        // query's order (separated by white space only) are one hit: قره باغ
        // is one place, not two. The same word twice (روسيا روسيا) stays two
        // hits, and so does باغ in "باغ قره باغ" before the place.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(key_hits.len());
        let mut last_clause = 0;
        for (r, clause) in key_hits {
            match merged.last_mut() {
                Some(last)
                    if r.start < last.end
                        || (clause > last_clause
                            && key[last.end..r.start]
                                .iter()
                                .all(|&b| matches!(b, b' ' | b'\t' | b'\n'))) =>
                {
                    last.end = last.end.max(r.end);
                    last_clause = last_clause.max(clause);
                }
                _ => {
                    merged.push(r);
                    last_clause = clause;
                }
            }
        }
        merged
    }
}
