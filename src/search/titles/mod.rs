//! What `qari search` matches against, read quickly.
//!
//! `qari search` is used on large title lists (a JSONL of `{"id","title",
//! "text":""}` records) where the whole process should cost a fraction of
//! `fzf --filter`. Such JSONL files are parsed here in parallel chunks,
//! keeping only id, title, source and date; clean fields are not copied but
//! referenced in the file's text. A JSONL file whose records carry text, and
//! every other file, goes through the corpus loader (so titles and first
//! sentences are exactly what the TUI shows).

use std::path::PathBuf;

use rayon::prelude::*;

use super::{JumpFields, JumpIndex};
use crate::corpus::{self, Document, Skipped};

mod clean;
mod jsonl;
mod matching;
mod plainfold;
mod record;

pub(crate) use matching::read_matching;

/// A string of a listing: a byte range of one of the backing texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    text: u32,
    start: u32,
    end: u32,
}

/// One searchable item: what the jump popup lists for a document. Empty
/// spans are absent fields.
#[derive(Debug, Clone, Copy, Default)]
struct Item {
    id: Span,
    title: Span,
    source: Span,
    date: Span,
    first_sentence: Span,
}

/// The searchable items of a corpus or title list (id, title, source, date,
/// first sentence), stored compactly: fields point into a few large texts.
#[derive(Debug, Default)]
pub struct Listings {
    texts: Vec<String>,
    items: Vec<Item>,
}

impl Listings {
    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn get(&self, s: Span) -> &str {
        self.texts
            .get(s.text as usize)
            .and_then(|t| t.get(s.start as usize..s.end as usize))
            .unwrap_or("")
    }

    fn opt(&self, s: Span) -> Option<&str> {
        Some(self.get(s)).filter(|t| !t.is_empty())
    }

    /// The id of item `i` ("" past the end).
    pub fn id(&self, i: usize) -> &str {
        self.items.get(i).map_or("", |it| self.get(it.id))
    }

    /// The title of item `i` ("" past the end).
    pub fn title(&self, i: usize) -> &str {
        self.items.get(i).map_or("", |it| self.get(it.title))
    }

    /// The fields of item `i` to index.
    pub fn fields(&self, i: usize) -> JumpFields<'_> {
        let it = self.items.get(i).copied().unwrap_or_default();
        JumpFields {
            title: self.get(it.title),
            source: self.opt(it.source),
            date: self.opt(it.date),
            first_sentence: self.opt(it.first_sentence),
        }
    }

    /// The fuzzy-jump index of every item, built in parallel.
    pub fn index(&self) -> JumpIndex {
        let ids: Vec<usize> = (0..self.len()).collect();
        JumpIndex::concat(
            ids.par_chunks(2048)
                .map(|c| {
                    let mut part = JumpIndex::default();
                    for &i in c {
                        part.push(&self.fields(i));
                    }
                    part
                })
                .collect(),
        )
    }

    /// The listings of loaded documents (copied into one text).
    pub fn from_documents(docs: &[Document]) -> Listings {
        let mut out = Listings::default();
        let mut arena = String::new();
        for d in docs {
            let f = JumpFields::from(d);
            // Keep offsets within u32: start a new text when this one is full.
            if arena.len() > (u32::MAX as usize) / 2 {
                out.texts.push(std::mem::take(&mut arena));
            }
            let t = out.texts.len() as u32;
            let mut put = |s: Option<&str>| {
                let start = arena.len() as u32;
                arena.push_str(s.unwrap_or(""));
                Span {
                    text: t,
                    start,
                    end: arena.len() as u32,
                }
            };
            out.items.push(Item {
                id: put(Some(&d.id)),
                title: put(Some(f.title)),
                source: put(f.source),
                date: put(f.date),
                first_sentence: put(f.first_sentence),
            });
        }
        out.texts.push(arena);
        out
    }

    /// Appends the items of another listing after these.
    fn append(&mut self, other: Listings) {
        let base = self.texts.len() as u32;
        self.texts.extend(other.texts);
        self.items.extend(other.items.into_iter().map(|mut it| {
            for s in [
                &mut it.id,
                &mut it.title,
                &mut it.source,
                &mut it.date,
                &mut it.first_sentence,
            ] {
                s.text += base;
            }
            it
        }));
    }
}

/// Reads the listings of `paths` (files and folders; the default corpus
/// when empty), in corpus order, with the files that were skipped.
pub fn read_listings(paths: &[PathBuf]) -> (Listings, Vec<Skipped>) {
    if paths.is_empty() {
        let c = corpus::load_default();
        return (Listings::from_documents(&c.docs), c.skipped);
    }
    if let Some(fast) = jsonl::read_title_files(paths) {
        return fast;
    }
    let c = corpus::load(paths);
    (Listings::from_documents(&c.docs), c.skipped)
}
