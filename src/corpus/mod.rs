//! Loading a corpus of articles: decoding, sanitising, splitting into
//! paragraphs and sentences, and reading title, source and date.

use std::ops::Range;
use std::path::PathBuf;

/// A publication date found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocDate {
    /// The date as written in the article.
    pub text: String,
    /// The date normalised to ISO 8601 (`2020-10-31`), when it could be read.
    pub iso: Option<String>,
}

/// One article of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub text: String,
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

/// Byte ranges of the paragraphs of `text`: its non-empty lines, with
/// surrounding white space trimmed.
pub fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']).trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if !trimmed.trim_start().is_empty() {
            out.push(start + lead..start + trimmed.len());
        }
        start += line.len();
    }
    out
}
