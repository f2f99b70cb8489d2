//! The byte key: the Arabic search fold (`text::fold`) with every folded
//! character stored as **one byte**, for fast substring search over a whole
//! corpus.
//!
//! Arabic letters take two bytes in UTF-8; after folding they all fall in
//! U+0621..=U+064A, so one byte each is enough. The key is therefore about
//! half the size of the text, which keeps "text + key" under twice the corpus
//! size and halves the bytes `memmem`/Aho-Corasick have to scan.
//!
//! Instead of a full offset map (4 bytes per key byte) the key keeps a sparse
//! list of [`Checkpoint`]s; a key position is mapped back to the text by
//! walking forward from the checkpoint before it (at most
//! [`CHECKPOINT_EVERY`] characters).

use std::ops::Range;

use crate::text::fold::fold_char;

/// A folded character outside the one-byte alphabet that is a letter or digit.
/// Matches using it are verified against the text.
pub const OTHER_WORD: u8 = 0xFF;
/// A folded character outside the one-byte alphabet that is not a letter.
pub const OTHER: u8 = 0xFE;
/// Distance in key bytes between two checkpoints.
pub const CHECKPOINT_EVERY: u32 = 64;

/// A point where a key position and a text offset are known to coincide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    /// Position in the document's key.
    pub key: u32,
    /// Byte offset in the document's text of the character that starts there.
    pub text: u32,
}

/// The key byte of one **folded** character.
pub fn key_byte(c: char) -> u8 {
    match c {
        _ if c.is_ascii() => c as u8,
        '\u{0621}'..='\u{064A}' => 0x80 + (c as u32 - 0x0621) as u8,
        'پ' => 0xAA,
        'چ' => 0xAB,
        'ژ' => 0xAC,
        'گ' => 0xAD,
        'ڤ' => 0xAE,
        'ڨ' => 0xAF,
        _ if c.is_alphanumeric() => OTHER_WORD,
        _ => OTHER,
    }
}

/// Whether a key byte belongs to a word (letters, digits).
#[inline]
pub fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || (0x80..=0xAF).contains(&b) || b == OTHER_WORD
}

/// The key of a short string (a query word), without checkpoints.
pub fn key_of(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(key_byte(f)));
    }
    out
}

/// Appends the key of `text` to `key` and its checkpoints to `cps`
/// (positions relative to the start of this document's key).
pub fn push_key(text: &str, key: &mut Vec<u8>, cps: &mut Vec<Checkpoint>) {
    let base = key.len();
    let mut next = 0u32;
    for (i, c) in text.char_indices() {
        let k = (key.len() - base) as u32;
        if k >= next {
            cps.push(Checkpoint {
                key: k,
                text: i as u32,
            });
            next = k + CHECKPOINT_EVERY;
        }
        fold_char(c, |f| key.push(key_byte(f)));
    }
}

/// Maps a range of a document's key back to a byte range of its text.
///
/// `cps` are the document's checkpoints (first at key 0). The start is the
/// character that produced the first key byte; the end extends over the marks
/// the fold deleted after the last letter (harakat stay with their letter),
/// and over the rest of a character whose fold produced several key bytes.
pub fn to_text(text: &str, cps: &[Checkpoint], key: Range<usize>) -> Range<usize> {
    let idx = cps.partition_point(|c| c.key as usize <= key.start);
    let (mut k, from) = match idx.checked_sub(1).and_then(|i| cps.get(i)) {
        Some(c) => (c.key as usize, c.text as usize),
        None => (0, 0),
    };
    let mut start = None;
    let mut rest = text.get(from..).unwrap_or("").char_indices();
    for (off, c) in rest.by_ref() {
        let i = from + off;
        let mut n = 0;
        fold_char(c, |_| n += 1);
        if n == 0 {
            continue;
        }
        if start.is_none() && k + n > key.start {
            start = Some(i);
        }
        if k >= key.end && start.is_some() {
            return start.unwrap_or(i)..i;
        }
        k += n;
    }
    let s = start.unwrap_or(text.len());
    s..text.len()
}

/// A whole document folded with its checkpoints, for in-document search.
#[derive(Debug, Clone, Default)]
pub struct DocKey {
    /// The key bytes.
    pub key: Vec<u8>,
    /// Checkpoints into `key`.
    pub cps: Vec<Checkpoint>,
}

impl DocKey {
    /// Folds `text`.
    pub fn new(text: &str) -> Self {
        let mut d = DocKey::default();
        push_key(text, &mut d.key, &mut d.cps);
        d
    }

    /// Maps a key range back to `text` (the text this key was built from).
    pub fn to_text(&self, text: &str, key: Range<usize>) -> Range<usize> {
        to_text(text, &self.cps, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, word: &str) -> Range<usize> {
        let d = DocKey::new(text);
        let w = key_of(word);
        let p = memchr::memmem::find(&d.key, &w).expect("word in key");
        d.to_text(text, p..p + w.len())
    }

    #[test]
    fn one_byte_per_arabic_letter() {
        assert_eq!(key_of("أرمينيا").len(), 7);
        assert_eq!(key_of("أرمينيا"), key_of("ارمينيا"));
        assert_eq!(key_of("٢٠٢٣"), b"2023");
        assert_eq!(key_of("CSTO"), b"csto");
        assert_eq!(key_of("ة"), key_of("ه"));
    }

    #[test]
    fn maps_back_over_harakat_and_ligatures() {
        let text = "هل تُدفّع موسكو يريفان";
        assert_eq!(&text[find(text, "تدفع")], "تُدفّع");
        assert_eq!(&text[find(text, "يريفان")], "يريفان");
        let lig = "قمر \u{FEFB}عب";
        assert_eq!(&lig[find(lig, "لاعب")], "\u{FEFB}عب");
        assert_eq!(&lig[find(lig, "ل")], "\u{FEFB}");
    }

    #[test]
    fn maps_back_far_into_long_texts() {
        let mut text = "كلمة ".repeat(200);
        text.push_str("أذربيجانُ وأرمينيا");
        let r = find(&text, "اذربيجان");
        assert_eq!(&text[r], "أذربيجانُ");
        let r = find(&text, "ارمينيا");
        assert_eq!(&text[r], "أرمينيا");
    }

    #[test]
    fn word_classes() {
        assert!(is_word(key_of("ب")[0]));
        assert!(is_word(b'a') && is_word(b'7'));
        assert!(!is_word(b' ') && !is_word(key_of("،")[0]));
        assert_eq!(key_of("Ж"), vec![OTHER_WORD]);
    }
}
