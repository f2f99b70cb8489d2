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
            first_sentence: d.lead.as_deref(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// The arena segment holding the fields.
    seg: u32,
    /// Field boundaries in the segment: field f is `bounds[f]..bounds[f + 1]`.
    bounds: [u32; 5],
    pub(crate) title_mask: u64,
    pub(crate) all_mask: u64,
}

/// The folded fields of every document, ready for fuzzy matching.
/// Entry `i` is document `i`.
///
/// The folded text lives in segments: indexes built in parts (in parallel,
/// or as documents arrive) are joined without copying their text.
#[derive(Debug, Clone, Default)]
pub struct JumpIndex {
    segs: Vec<String>,
    entries: Vec<Entry>,
}

/// Bytes after which `push` starts a new segment (offsets are `u32`).
const SEG_LIMIT: usize = 1 << 30;

/// A 64-bit set of the letters in `s` (folded): Arabic letters one bit each,
/// Latin letters and digits sharing the rest. Characters outside those
/// classes set no bit, so they never reject a candidate.
///
/// Works on the bytes: the letters that set bits are ASCII or two-byte
/// characters with lead byte D8/D9, and continuation bytes never look like
/// either.
pub fn letter_mask(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut m = 0u64;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let bit = match x {
            b'a'..=b'z' => 42 + u32::from(x - b'a') % 16,
            b'0'..=b'9' => 58 + u32::from(x - b'0') % 6,
            0xD8 | 0xD9 if i + 1 < b.len() => {
                let cp = (u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
                i += 2;
                if (0x0621..=0x064A).contains(&cp) {
                    m |= 1 << (cp - 0x0621);
                }
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        m |= 1 << bit;
        i += 1;
    }
    m
}

/// The [`letter_mask`] bit of one folded character.
pub(crate) fn char_bit(c: char) -> u64 {
    match c {
        '\u{0621}'..='\u{064A}' => 1 << (c as u32 - 0x0621),
        'a'..='z' => 1 << (42 + (c as u32 - 'a' as u32) % 16),
        '0'..='9' => 1 << (58 + (c as u32 - '0' as u32) % 6),
        _ => 0,
    }
}

/// The letters U+0621..U+064A that the fold changes (one bit each, from
/// U+0621): آ أ إ ة ـ ى.
const CHANGED: u64 = {
    let mut m = 0u64;
    let cps = [0x0622, 0x0623, 0x0625, 0x0629, 0x0640, 0x0649];
    let mut k = 0;
    while k < cps.len() {
        m |= 1 << (cps[k] - 0x0621);
        k += 1;
    }
    m
};

/// Appends the search fold of `text` to `out` and returns the
/// [`letter_mask`] of what it appended: the same as
/// [`crate::text::fold::fold_key`], but runs of ASCII and of Arabic letters
/// U+0621..U+064A that fold to themselves (nearly all of a title) are
/// copied as they are.
pub fn fold_into(out: &mut String, text: &str) -> u64 {
    let b = text.as_bytes();
    let mut mask = 0u64;
    // Start of the run of bytes not yet copied, all folding to themselves.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_uppercase() {
                out.push_str(text.get(run..i).unwrap_or(""));
                let l = x.to_ascii_lowercase();
                out.push(char::from(l));
                mask |= char_bit(char::from(l));
                i += 1;
                run = i;
            } else {
                mask |= char_bit(char::from(x));
                i += 1;
            }
            continue;
        }
        if (x == 0xD8 || x == 0xD9) && i + 1 < b.len() {
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            if (0x0621..=0x064A).contains(&cp) {
                let bit = cp - 0x0621;
                if CHANGED >> bit & 1 == 0 {
                    mask |= 1 << bit;
                    i += 2;
                    continue;
                }
                let mapped = match cp {
                    0x0622 | 0x0623 | 0x0625 => Some('\u{0627}'),
                    0x0629 => Some('\u{0647}'),
                    0x0649 => Some('\u{064A}'),
                    _ => None,
                };
                out.push_str(text.get(run..i).unwrap_or(""));
                if let Some(m) = mapped {
                    out.push(m);
                    mask |= char_bit(m);
                }
                i += 2;
                run = i;
                continue;
            }
        }
        if (x == 0xD8 || x == 0xD9) && i + 1 < b.len() {
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            // Harakat and small marks: dropped.
            if matches!(cp, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670) {
                out.push_str(text.get(run..i).unwrap_or(""));
                i += 2;
                run = i;
                continue;
            }
        }
        out.push_str(text.get(run..i).unwrap_or(""));
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            return mask;
        };
        fold_char(c, |f| {
            out.push(f);
            mask |= char_bit(f);
        });
        i += c.len_utf8();
        run = i;
    }
    out.push_str(text.get(run..).unwrap_or(""));
    mask
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
        self.push_with(f, None);
    }

    /// Appends one document whose title was folded already: `title` is the
    /// fold of `f.title` and `mask` its letter mask.
    pub(crate) fn push_folded_title(&mut self, f: &JumpFields<'_>, title: &str, mask: u64) {
        self.push_with(f, Some((title, mask)));
    }

    fn push_with(&mut self, f: &JumpFields<'_>, title: Option<(&str, u64)>) {
        let fields = [
            f.title,
            f.source.unwrap_or(""),
            f.date.unwrap_or(""),
            f.first_sentence.unwrap_or(""),
        ];
        if self.segs.last().is_none_or(|a| a.len() > SEG_LIMIT) {
            self.segs.push(String::new());
        }
        let seg = self.segs.len() - 1;
        let Some(arena) = self.segs.last_mut() else {
            return;
        };
        let mut bounds = [0u32; 5];
        let mut masks = [0u64; 4];
        for (i, text) in fields.iter().enumerate() {
            bounds[i] = arena.len() as u32;
            masks[i] = match title {
                Some((t, m)) if i == 0 => {
                    arena.push_str(t);
                    m
                }
                _ => fold_into(arena, text),
            };
        }
        bounds[4] = arena.len() as u32;
        self.entries.push(Entry {
            seg: seg as u32,
            bounds,
            title_mask: masks[0],
            all_mask: masks[0] | masks[1] | masks[2] | masks[3],
        });
    }

    /// Removes the last document (its folded text too).
    pub(crate) fn pop(&mut self) {
        if let Some(e) = self.entries.pop() {
            if let Some(seg) = self.segs.get_mut(e.seg as usize) {
                seg.truncate(e.bounds[0] as usize);
            }
        }
    }

    /// Appends the documents of another index after these (its text is
    /// moved, not copied).
    pub fn append(&mut self, other: JumpIndex) {
        let base = self.segs.len() as u32;
        self.segs.extend(other.segs);
        self.entries.extend(other.entries.into_iter().map(|mut e| {
            e.seg += base;
            e
        }));
    }

    /// Joins indexes built in parts (for example in parallel), in order.
    pub fn concat(parts: Vec<JumpIndex>) -> JumpIndex {
        let mut out = JumpIndex {
            segs: Vec::with_capacity(parts.iter().map(|p| p.segs.len()).sum()),
            entries: Vec::with_capacity(parts.iter().map(|p| p.entries.len()).sum()),
        };
        for p in parts {
            out.append(p);
        }
        out
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
        self.segs
            .get(e.seg as usize)
            .and_then(|a| a.get(e.bounds[i] as usize..e.bounds[i + 1] as usize))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold_key;
    use proptest::prelude::*;

    /// `letter_mask` as first written, one character at a time.
    fn char_mask(s: &str) -> u64 {
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

    #[test]
    fn fold_into_folds_like_fold_key() {
        for s in ["أذربيجان", "إِلى آسيا ـ قرية ى", "CSTO ٢٠٢٣ Ωx", "ﻻ ک", ""]
        {
            let mut out = String::from("x");
            fold_into(&mut out, s);
            assert_eq!(out, format!("x{}", fold_key(s)), "{s}");
        }
    }

    proptest! {
        #[test]
        fn fold_into_agrees_with_fold_key(s in "[a-zA-Z0-9 \u{600}-\u{6ff}\u{750}\u{fb50}-\u{fefc}\u{300}-\u{36f}\u{2000}-\u{206f}Ωé]{0,24}") {
            let mut out = String::new();
            let mask = fold_into(&mut out, &s);
            prop_assert_eq!(mask, letter_mask(&out));
            prop_assert_eq!(out, fold_key(&s));
        }

        #[test]
        fn fold_into_agrees_on_any_string(s in any::<String>()) {
            let mut out = String::new();
            let mask = fold_into(&mut out, &s);
            prop_assert_eq!(mask, letter_mask(&out));
            prop_assert_eq!(out, fold_key(&s));
        }

        #[test]
        fn byte_mask_agrees_with_char_mask(s in "[a-z0-9 \u{600}-\u{6ff}\u{400}-\u{4ff}]{0,24}|\\PC{0,24}") {
            prop_assert_eq!(letter_mask(&s), char_mask(&s));
        }
    }
}
