//! Fuzzy jump: fzf-like matching of a query against each document's title,
//! source, date and first sentence, on folded text.
//!
//! The query is folded and split at white space into terms that must all
//! match (as in fzf). Each term is scored with SkimMatcherV2 against the
//! fields in order title → source/date → first sentence, taking the first
//! field where it matches: a document whose terms all match in its title
//! ranks above one that needed the body. Before scoring, a 64-bit mask of
//! the letters each field contains rejects most candidates at once.

use std::cell::RefCell;
use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;

use crate::text::fold::{fold, fold_char};

/// Candidates per parallel work item (and per cancellation check).
const CHUNK: usize = 2048;

thread_local! {
    // One matcher per worker thread: a shared SkimMatcherV2 scales badly
    // across threads (research/performance.md, finding 2).
    pub(crate) static MATCHER: RefCell<SkimMatcherV2> = RefCell::new(SkimMatcherV2::default().respect_case());
}

/// Which part of a document a term matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The title.
    Title = 0,
    /// The outlet.
    Source = 1,
    /// The date as written.
    Date = 2,
    /// The first sentence of the text.
    Body = 3,
}

impl Field {
    /// Every field, in matching order.
    pub const ALL: [Field; 4] = [Field::Title, Field::Source, Field::Date, Field::Body];

    /// Ranking tier: title, then source/date, then body.
    pub(crate) fn tier(self) -> u8 {
        match self {
            Field::Title => 0,
            Field::Source | Field::Date => 1,
            Field::Body => 2,
        }
    }
}

/// The searchable fields of one document (original, unfolded text).
#[derive(Debug, Clone, Copy, Default)]
pub struct JumpFields<'a> {
    /// Title.
    pub title: &'a str,
    /// Outlet.
    pub source: Option<&'a str>,
    /// Date as written.
    pub date: Option<&'a str>,
    /// First sentence of the text.
    pub first_sentence: Option<&'a str>,
}

impl<'a> From<&'a crate::corpus::Document> for JumpFields<'a> {
    fn from(d: &'a crate::corpus::Document) -> Self {
        JumpFields {
            title: &d.title,
            source: d.source.as_deref(),
            date: d.date.as_ref().map(|x| x.text.as_str()),
            first_sentence: d.sentences.first().and_then(|r| d.text.get(r.clone())),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// Field boundaries in the arena: field f is `bounds[f]..bounds[f + 1]`.
    bounds: [u32; 5],
    pub(crate) title_mask: u64,
    pub(crate) all_mask: u64,
}

/// The folded fields of every document, ready for fuzzy matching.
/// Entry `i` is document `i`.
#[derive(Debug, Clone, Default)]
pub struct JumpIndex {
    arena: String,
    entries: Vec<Entry>,
}

/// A 64-bit set of the letters in `s` (folded): Arabic letters one bit each,
/// Latin letters and digits sharing the rest. Characters outside those
/// classes set no bit, so they never reject a candidate.
pub fn letter_mask(s: &str) -> u64 {
    let mut m = 0u64;
    for c in s.chars() {
        let bit = match c {
            '\u{0621}'..='\u{064A}' => c as u32 - 0x0621,
            'a'..='z' => 42 + (c as u32 - 'a' as u32) % 16,
            '0'..='9' => 58 + (c as u32 - '0' as u32) % 6,
            _ => continue,
        };
        m |= 1 << bit;
    }
    m
}

impl JumpIndex {
    /// Builds the index of `docs` (folding in parallel).
    pub fn build<'a>(docs: impl IntoParallelIterator<Item = JumpFields<'a>>) -> Self {
        let mut idx = JumpIndex::default();
        idx.extend(docs);
        idx
    }

    /// Appends documents (they get the next indices).
    pub fn extend<'a>(&mut self, docs: impl IntoParallelIterator<Item = JumpFields<'a>>) {
        let docs: Vec<JumpFields<'a>> = docs.into_par_iter().collect();
        let parts: Vec<JumpIndex> = docs
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut part = JumpIndex::default();
                for f in chunk {
                    part.push(f);
                }
                part
            })
            .collect();
        for p in parts {
            self.append(p);
        }
    }

    /// Appends one document, folding its fields straight into the arena.
    pub fn push(&mut self, f: &JumpFields<'_>) {
        let mut bounds = [0u32; 5];
        let fields = [
            f.title,
            f.source.unwrap_or(""),
            f.date.unwrap_or(""),
            f.first_sentence.unwrap_or(""),
        ];
        for (i, text) in fields.iter().enumerate() {
            bounds[i] = self.arena.len() as u32;
            for c in text.chars() {
                fold_char(c, |x| self.arena.push(x));
            }
        }
        bounds[4] = self.arena.len() as u32;
        let title_mask = letter_mask(&self.arena[bounds[0] as usize..bounds[1] as usize]);
        let all_mask =
            title_mask | letter_mask(&self.arena[bounds[1] as usize..bounds[4] as usize]);
        self.entries.push(Entry {
            bounds,
            title_mask,
            all_mask,
        });
    }

    /// Appends the documents of another index after these.
    pub fn append(&mut self, other: JumpIndex) {
        if self.entries.is_empty() {
            *self = other;
            return;
        }
        let base = self.arena.len() as u32;
        self.arena.push_str(&other.arena);
        self.entries.extend(other.entries.into_iter().map(|mut e| {
            for b in &mut e.bounds {
                *b += base;
            }
            e
        }));
    }

    /// The entry of document `i`.
    pub(crate) fn entry(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The folded text of field `f` of document `i` ("" when absent).
    pub(crate) fn field(&self, i: usize, f: Field) -> &str {
        let Some(e) = self.entries.get(i) else {
            return "";
        };
        let i = f as usize;
        self.arena
            .get(e.bounds[i] as usize..e.bounds[i + 1] as usize)
            .unwrap_or("")
    }
}

/// Byte ranges of `text` (original, unfolded) to highlight for `query`:
/// the characters each term matched, found on the folded text and mapped
/// back through the fold's offset map. Terms that do not match add nothing.
pub fn highlight(text: &str, query: &str) -> Vec<Range<usize>> {
    let folded = fold(text);
    let starts: Vec<usize> = folded.key.char_indices().map(|(i, _)| i).collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    MATCHER.with(|m| {
        let m = m.borrow();
        for t in super::rank::terms_of(query) {
            if let Some((_, idx)) = m.fuzzy_indices(&folded.key, &t.text) {
                for ci in idx {
                    if let Some(&b) = starts.get(ci) {
                        let end = starts.get(ci + 1).copied().unwrap_or(folded.key.len());
                        out.push(folded.to_original(b..end));
                    }
                }
            }
        }
    });
    out.sort_by_key(|r| (r.start, r.end));
    // Merge touching ranges so a highlighted word is one run.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}
