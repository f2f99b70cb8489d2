//! The text of one document, read once and split once: what the reader,
//! the cursor, the selection and the anchoring of the open document work
//! on. Code that has the `DocText` uses its text instead of reading the
//! file again (every `Body::text` call reads the file: nothing else
//! remembers a read).

use std::ops::Range;
use std::sync::Arc;

use crate::corpus::{paragraph_ranges, sentence_ranges, Document, TextError};

/// A document's text with its paragraphs and sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    /// Id of the document.
    pub id: String,
    /// The text, or a one-paragraph notice when it could not be read again.
    pub text: Arc<str>,
    /// Byte ranges of the paragraphs of `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Byte ranges of the sentences of `text`.
    pub sentences: Vec<Range<usize>>,
    /// Why the text could not be read again (then `text` is the notice).
    pub unreadable: Option<TextError>,
}

impl DocText {
    /// Reads `doc`'s text (once) and splits it. A text that can no longer be
    /// read as it was loaded becomes the same notice as [`Document::text`].
    /// The holder of the `DocText` is where the text is shared from; once
    /// it lets go the text's memory is freed.
    pub fn of(doc: &Document) -> Self {
        match doc.body.text() {
            Ok(text) => Self::new(&doc.id, text, None),
            Err(e) => Self::new(&doc.id, e.notice(), Some(e)),
        }
    }

    /// A text that is already at hand (`unreadable`: why it is a notice).
    pub fn new(id: &str, text: Arc<str>, unreadable: Option<TextError>) -> Self {
        let paragraphs = paragraph_ranges(&text);
        let sentences = sentence_ranges(&text, &paragraphs);
        DocText {
            id: id.to_string(),
            text,
            paragraphs,
            sentences,
            unreadable,
        }
    }

    /// The text of `range`, if it is a range of the text.
    pub fn get(&self, range: Range<usize>) -> Option<&str> {
        self.text.get(range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_once_and_says_why_a_text_is_a_notice() {
        let d = Document::from_text("a", "جملة أولى. جملة ثانية.\nفقرة ثانية.");
        let t = DocText::of(&d);
        assert_eq!(t.paragraphs, d.paragraphs());
        assert_eq!(t.sentences, d.sentences());
        assert!(t.unreadable.is_none());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "نص المقال.\n").unwrap();
        let d = crate::corpus::load_file(&p).unwrap();
        let read = DocText::of(&d);
        assert_eq!(&*read.text, "نص المقال.\n");
        assert_eq!(
            Arc::weak_count(&read.text),
            0,
            "nothing keeps it once dropped"
        );
        std::fs::remove_file(&p).unwrap();
        let t = DocText::of(&d);
        assert_eq!(t.text, d.text(), "the notice of Document::text");
        assert!(t.text.starts_with('⚠'), "{}", t.text);
        assert_eq!(t.unreadable.unwrap().path, p);
        assert_eq!(t.paragraphs.len(), 1);
    }
}
