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
///
/// Characters of one or two UTF-8 bytes (ASCII, Arabic, Latin with
/// accents...) go through a table made from [`fold_char`] and [`key_byte`]
/// once; longer ones through [`fold_char`]. Fast enough to fold a corpus for
/// every query instead of keeping its keys.
pub fn push_key(text: &str, key: &mut Vec<u8>, cps: &mut Vec<Checkpoint>) {
    push_key_every(text, key, cps, CHECKPOINT_EVERY);
}

/// [`push_key`] with a checkpoint every `every` key bytes (at least 1):
/// fewer checkpoints take less memory, and [`to_text`] walks further.
pub fn push_key_every(text: &str, key: &mut Vec<u8>, cps: &mut Vec<Checkpoint>, every: u32) {
    /// Text bytes folded between two adjustments of the key's length.
    const STEP: usize = 256;
    let table = short_table();
    let b = text.as_bytes();
    let base = key.len();
    key.reserve(b.len() / 2 + 8);
    let mut next = 0usize;
    let mut i = 0;
    while i < b.len() {
        // Characters of one or two bytes give at most one key byte each, so
        // a step of text never needs more room than its length.
        let at = key.len();
        let end = (i + STEP).min(b.len());
        key.resize(at + (end - i), 0);
        let out = &mut key[at..];
        let mut o = 0;
        let mut slow = false;
        while i < end {
            let k = at - base + o;
            if k >= next {
                cps.push(Checkpoint {
                    key: k as u32,
                    text: i as u32,
                });
                next = k + every.max(1) as usize;
            }
            let x = b[i];
            // No branch between ASCII and two-byte characters (they
            // alternate at every space): the table holds both.
            let two = x >= 0x80;
            let y = b.get(i + 1).copied().unwrap_or(0);
            let cp = if two {
                (usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F)
            } else {
                usize::from(x)
            };
            let e = table[cp];
            if x >= 0xE0 || e == SLOW {
                slow = true;
                break;
            }
            out[o] = e as u8;
            o += usize::from(e != DROPPED);
            i += 1 + usize::from(two);
        }
        key.truncate(at + o);
        if slow {
            // a character of three or four bytes, or one that folds to
            // several (its checkpoint is already there)
            let n = match b[i] {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            fold_bytes(text.get(i..i + n).unwrap_or(""), key);
            i += n;
        }
    }
}

/// Folds the character(s) of `s` one by one into `key`.
fn fold_bytes(s: &str, key: &mut Vec<u8>) {
    for c in s.chars() {
        fold_char(c, |f| key.push(key_byte(f)));
    }
}

/// A table entry: the character folds to nothing.
const DROPPED: u16 = 0x100;
/// A table entry: the character folds to several characters.
const SLOW: u16 = 0x101;

/// For every character below U+0800: its one key byte, [`DROPPED`] or
/// [`SLOW`]; made from [`fold_char`] so the two cannot disagree.
fn short_table() -> &'static [u16; 0x800] {
    static TABLE: std::sync::OnceLock<Box<[u16; 0x800]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([SLOW; 0x800]);
        for (cp, e) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            let mut out = Vec::new();
            fold_char(c, |f| out.push(key_byte(f)));
            *e = match out.as_slice() {
                [] => DROPPED,
                [b] => u16::from(*b),
                _ => SLOW,
            };
        }
        t
    })
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

    /// The plain definition: every character through the fold.
    fn push_key_chars(text: &str, key: &mut Vec<u8>, cps: &mut Vec<Checkpoint>) {
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

    fn same_as_chars(text: &str) {
        let (mut k1, mut c1) = (b"x".to_vec(), Vec::new());
        let (mut k2, mut c2) = (b"x".to_vec(), Vec::new());
        push_key(text, &mut k1, &mut c1);
        push_key_chars(text, &mut k2, &mut c2);
        assert_eq!((&k1, &c1), (&k2, &c2), "{text:?}");
        // sparser checkpoints: every key range maps back the same
        let (mut k3, mut c3) = (b"x".to_vec(), Vec::new());
        push_key_every(text, &mut k3, &mut c3, 256);
        assert_eq!(k3, k1);
        assert!(c3.len() <= c1.len());
        let n = k1.len() - 1;
        for s in (0..n).step_by(17) {
            for e in [s + 1, s + 5, s + 40] {
                let e = e.min(n);
                assert_eq!(to_text(text, &c3, s..e), to_text(text, &c1, s..e));
            }
        }
    }

    #[test]
    fn table_fold_equals_the_character_fold() {
        let long = "أذربيجانُ وأرمينيا “قره باغ” ".repeat(20);
        let odd = format!("a{}", "بُ".repeat(300));
        for t in [
            "",
            "CSTO ٢٠٢٣ ۲۰۲۳ Пашинян ﻻعب Ḿ é ß ﬁ İ",
            "هل تُدفّع موسكو يريفان؟ «قره باغ» — ـــ\u{200F}\u{FEFF}",
            &long,
            &odd,
        ] {
            same_as_chars(t);
        }
        // every character below U+0800 and a sample above
        let all: String = (0..0x800u32)
            .chain((0x800..0x30000).step_by(7))
            .filter_map(char::from_u32)
            .collect();
        same_as_chars(&all);
    }

    proptest::proptest! {
        #[test]
        fn table_fold_equals_the_character_fold_on_any_text(t in "\\PC{0,80}") {
            same_as_chars(&t);
        }

        #[test]
        fn table_fold_equals_the_character_fold_on_arabic(
            t in "[\u{0600}-\u{06FF} a-zA-Z0-9\u{FB50}-\u{FEFC}\u{0300}-\u{036F}]{0,200}"
        ) {
            same_as_chars(&t);
        }
    }

    #[test]
    fn word_classes() {
        assert!(is_word(key_of("ب")[0]));
        assert!(is_word(b'a') && is_word(b'7'));
        assert!(!is_word(b' ') && !is_word(key_of("،")[0]));
        assert_eq!(key_of("Ж"), vec![OTHER_WORD]);
    }
}
