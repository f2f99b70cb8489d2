//! Loading a corpus of articles: decoding, sanitising, splitting into
//! paragraphs and sentences, and reading title, source and date.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

mod arabic_date;
mod body;
pub(crate) mod build;
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
#[cfg(test)]
mod head_tests;

pub use body::{Body, TextError};
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
    /// The first sentence of the text (matched by the fuzzy jump, which
    /// indexes every document without reading its text again).
    pub lead: Option<Box<str>>,
    /// The decoded, sanitised text (LF line ends, no control characters),
    /// kept or read again from its file: see [`Document::text`].
    pub body: Body,
    /// Notes made while loading (encoding guessed, characters removed, ...).
    pub notes: Vec<String>,
}

impl Document {
    /// A document whose text is kept in memory, with only an id and its
    /// first sentence (for documents made in code and tests; metadata can be
    /// set after).
    pub fn from_text(id: impl Into<String>, text: impl Into<std::sync::Arc<str>>) -> Self {
        let text: std::sync::Arc<str> = text.into();
        let paragraphs = paragraph_ranges(&text);
        let lead = sentence_ranges(&text, &paragraphs)
            .first()
            .map(|r| Box::from(&text[r.clone()]));
        Document {
            id: id.into(),
            lead,
            body: Body::kept(text),
            ..Document::default()
        }
    }

    /// The text (decoded, sanitised, NFC). A text read from disk that can no
    /// longer be read as loaded is replaced by a one-paragraph notice saying
    /// why ([`Document::load_text`] tells the two apart). A text on disk is
    /// read at each call ([`Body::text`]): hold it where it is used twice.
    pub fn text(&self) -> std::sync::Arc<str> {
        self.load_text().unwrap_or_else(|e| e.notice())
    }

    /// The text, or why it could not be read again from its file.
    pub fn load_text(&self) -> Result<std::sync::Arc<str>, TextError> {
        self.body.text()
    }

    /// Byte ranges of the paragraphs (non-empty lines, trimmed) in `text`.
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        paragraph_ranges(&self.text())
    }

    /// Byte ranges of the sentences in `text`.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        let text = self.text();
        sentence_ranges(&text, &paragraph_ranges(&text))
    }
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
