//! Loading a corpus of articles: decoding, sanitising, splitting into
//! paragraphs and sentences, and reading title, source and date.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

mod build;
pub mod date;
pub mod decode;
mod load;
pub mod meta;
pub mod sanitize;
pub(crate) mod scan;
pub mod split;
pub mod walk;

#[cfg(test)]
mod equivalence_tests;

pub use load::{
    default_paths, load, load_default, load_file, load_streaming, load_streaming_embedded, DocKey,
    LoadEvent, LOAD_THREADS,
};
pub use split::{paragraph_ranges, sentence_ranges};

/// A publication date found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocDate {
    /// The date as written in the article.
    pub text: String,
    /// The date normalised to ISO 8601 (`2020-10-31`), when it could be read.
    pub iso: Option<String>,
}

/// One article of the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable id: the path relative to the folder given on the command line,
    /// or the `id` field of a JSONL record.
    pub id: String,
    /// Where it was read from.
    pub path: Option<PathBuf>,
    /// Title: the first line when it is a short heading, else the first words
    /// of the first sentence.
    pub title: String,
    /// Outlet, from lines such as `المصدر: euronews`.
    pub source: Option<String>,
    /// Publication date written near the top.
    pub date: Option<DocDate>,
    /// The decoded, sanitised text (LF line ends, no control characters).
    pub text: std::sync::Arc<str>,
    /// Byte ranges of the paragraphs (non-empty lines, trimmed) in `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Byte ranges of the sentences in `text`.
    pub sentences: Vec<Range<usize>>,
    /// Notes made while loading (encoding guessed, characters removed, ...).
    pub notes: Vec<String>,
}

/// A file that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why it was skipped, for the user.
    pub reason: String,
}

/// A loaded corpus.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The documents, in load order.
    pub docs: Vec<Document>,
    /// Files that were skipped.
    pub skipped: Vec<Skipped>,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}
