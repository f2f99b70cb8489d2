//! The corpus index: for every entity, the documents that mention it, with
//! counts and the first mention (for a keyword-in-context line). Built on a
//! worker thread; [`build_index`] checks a cancel flag between documents.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fast::FxHashMap;
use super::{EntityKey, EntityType, Extractor, MentionKind};
use crate::corpus::{DocKey, Document, TextError};

/// One document's mentions of an entity. Kept in 20 bytes (a 100k-document
/// corpus has millions of these): numbers and offsets are `u32`, which no
/// document comes near.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocCount {
    /// Index of the document in the corpus ([`DocCount::doc_index`]).
    pub doc: u32,
    /// Mentions by name outside boilerplate.
    pub count: u32,
    /// All mentions (names, demonyms, boilerplate).
    pub total: u32,
    /// Byte range of the first mention by name (else the first of any kind);
    /// [`DocCount::first_range`] gives it as `usize`.
    pub first: Range<u32>,
}

/// `x` as `u32`, saturating (offsets and counts stay far below).
fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl DocCount {
    /// A document's entry with no mentions counted yet; `first` is the
    /// range of the first mention seen.
    pub fn new(doc: usize, first: Range<usize>) -> Self {
        DocCount {
            doc: small(doc),
            count: 0,
            total: 0,
            first: small(first.start)..small(first.end),
        }
    }

    /// Index of the document in the corpus.
    pub fn doc_index(&self) -> usize {
        self.doc as usize
    }

    /// Byte range of the first mention in the document's text.
    pub fn first_range(&self) -> Range<usize> {
        self.first.start as usize..self.first.end as usize
    }
}

/// An entity across the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The entity.
    pub key: EntityKey,
    /// Display name.
    pub name: String,
    /// Type.
    pub etype: EntityType,
    /// Documents that mention it, most mentions first.
    pub docs: Vec<DocCount>,
    /// Documents that name it (not only by a demonym).
    pub named: usize,
    /// Mentions by name over all its documents.
    pub mentions: u64,
}

/// Entities of the whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusIndex {
    /// Entities sorted by number of documents (then mentions, then name).
    pub entries: Vec<IndexEntry>,
    /// Total bytes of text indexed.
    pub bytes: usize,
    /// Loader keys of the documents indexed, in the order `DocCount::doc`
    /// counts them (empty when built from a plain slice: `doc` is then the
    /// index in that slice).
    pub keys: Vec<DocKey>,
    /// Documents whose text could not be read again (indexed as empty).
    pub unreadable: Unreadable,
}

/// Documents whose file could not be read again, or had changed, when the
/// index was built; they are indexed as empty texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unreadable {
    /// How many.
    pub count: usize,
    /// One of them (the first met), to tell the user why.
    pub example: Option<TextError>,
}

impl Unreadable {
    /// Counts one more.
    pub fn note(&mut self, e: TextError) {
        self.count += 1;
        self.example.get_or_insert(e);
    }

    /// Adds the documents counted in `other`.
    pub fn merge(&mut self, other: Unreadable) {
        self.count += other.count;
        if let Some(e) = other.example {
            self.example.get_or_insert(e);
        }
    }

    /// A one-line message, or `None` when every text was read.
    pub fn message(&self) -> Option<String> {
        let e = self.example.as_ref()?;
        let n = self.count;
        let s = if n == 1 { "" } else { "s" };
        Some(format!("{n} document{s} could not be read again, e.g. {e}"))
    }
}

impl CorpusIndex {
    /// The entry of `key`, if any document mentions it.
    pub fn get(&self, key: &EntityKey) -> Option<&IndexEntry> {
        self.entries.iter().find(|e| &e.key == key)
    }
}

/// Indexes every document on the calling thread, reading one text at a
/// time; returns `None` if `cancel` was set meanwhile. Relative dates
/// ("يوم السبت") are left out: across documents they name different days.
/// A text that cannot be read again counts as empty
/// ([`CorpusIndex::unreadable`]).
pub fn build_index(ex: &Extractor, docs: &[Document], cancel: &AtomicBool) -> Option<CorpusIndex> {
    let mut map: FxHashMap<EntityKey, Vec<DocCount>> = FxHashMap::default();
    let mut bytes = 0;
    let mut unreadable = Unreadable::default();
    let mut buf = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let read = doc.body.with_text(&mut buf, |text| {
            add_document(ex, d, text, &mut map);
            text.len()
        });
        match read {
            Ok(len) => bytes += len,
            Err(e) => unreadable.note(e),
        }
    }
    let mut index = finish(ex, map, bytes);
    index.unreadable = unreadable;
    Some(index)
}

/// Adds the mentions of one document to `map`.
pub fn add_document(
    ex: &Extractor,
    d: usize,
    text: &str,
    map: &mut FxHashMap<EntityKey, Vec<DocCount>>,
) {
    let mentions = ex.extract(text);
    // A document names a few dozen entities: sized once, no rehashing.
    let mut per: FxHashMap<EntityKey, DocCount> =
        FxHashMap::with_capacity_and_hasher(mentions.len().min(64), Default::default());
    for m in mentions {
        if let EntityKey::Date(s) = &m.key {
            if !s.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                continue;
            }
        }
        let named = m.kind == MentionKind::Name && !m.boilerplate;
        let e = per
            .entry(m.key)
            .or_insert_with(|| DocCount::new(d, m.range.clone()));
        if named && e.count == 0 {
            e.first = small(m.range.start)..small(m.range.end);
        }
        e.count = e.count.saturating_add(u32::from(named));
        e.total = e.total.saturating_add(1);
    }
    for (k, c) in per {
        map.entry(k).or_default().push(c);
    }
}

/// Sorts the collected counts into an index.
pub fn finish(
    ex: &Extractor,
    map: FxHashMap<EntityKey, Vec<DocCount>>,
    bytes: usize,
) -> CorpusIndex {
    let mut entries: Vec<IndexEntry> = map
        .into_iter()
        .map(|(key, mut docs)| {
            docs.sort_by(|a, b| (b.count, b.total, a.doc).cmp(&(a.count, a.total, b.doc)));
            docs.shrink_to_fit();
            IndexEntry {
                name: ex.name(&key),
                etype: ex.etype(&key),
                key,
                named: docs.iter().filter(|d| d.count > 0).count(),
                mentions: docs.iter().map(|d| u64::from(d.count)).sum(),
                docs,
            }
        })
        .collect();
    let weight = |e: &IndexEntry| (e.named, e.docs.len(), e.mentions);
    entries.sort_by(|a, b| weight(b).cmp(&weight(a)).then_with(|| a.name.cmp(&b.name)));
    CorpusIndex {
        entries,
        bytes,
        keys: Vec::new(),
        unreadable: Unreadable::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text("", text)
    }

    #[test]
    fn counts_documents_and_mentions() {
        let ex = Extractor::builtin();
        let docs = [
            doc("زار بوتين يريفان ثم عاد بوتين إلى موسكو يوم السبت."),
            doc("قال باشينيان في يريفان عام 2020."),
            doc("لا شيء هنا."),
        ];
        let idx = build_index(&ex, &docs, &AtomicBool::new(false)).unwrap();
        let yerevan = idx.entries.iter().find(|e| e.name == "يريفان").unwrap();
        assert_eq!(yerevan.docs.len(), 2);
        assert_eq!(idx.entries[0].name, "يريفان");
        let putin = idx
            .entries
            .iter()
            .find(|e| e.name == "فلاديمير بوتين")
            .unwrap();
        assert_eq!(
            putin.docs,
            vec![DocCount {
                doc: 0,
                count: 2,
                total: 2,
                first: 7..17
            }]
        );
        assert_eq!(putin.docs[0].first_range(), 7..17);
        assert_eq!((putin.named, putin.mentions), (1, 2));
        assert_eq!((yerevan.named, yerevan.mentions), (2, 2));
        assert_eq!(putin.docs[0].doc_index(), 0);
        assert_eq!(std::mem::size_of::<DocCount>(), 20);
        let far = DocCount::new(3_000_000, 4_000_000_000..4_000_000_010);
        assert_eq!(
            (far.doc_index(), far.first_range()),
            (3_000_000, 4_000_000_000..4_000_000_010)
        );
        assert!(idx.entries.iter().any(|e| e.name == "2020"));
        assert!(!idx
            .entries
            .iter()
            .any(|e| e.etype == EntityType::Date && e.name.contains("السبت")));
    }

    #[test]
    fn cancel_stops_the_build() {
        let ex = Extractor::builtin();
        assert!(build_index(&ex, &[doc("روسيا")], &AtomicBool::new(true)).is_none());
    }
}
