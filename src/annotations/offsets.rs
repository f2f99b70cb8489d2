//! Offset units: the app works in UTF-8 byte offsets into a document's text;
//! annotation files and exports count Unicode code points (W3C Web
//! Annotation, brat). An Arabic letter is 2 bytes and 1 code point, so every
//! conversion happens here, at the edge.

use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

/// A code-point index of one text: converts byte offsets to code-point
/// offsets and back in O(log n) / O(1).
#[derive(Debug, Clone)]
pub struct CodePoints {
    /// Byte offset of each code point, then the text length.
    starts: Vec<usize>,
}

impl CodePoints {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Self { starts }
    }

    /// Number of code points in the text.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True when the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Code-point offset of byte offset `byte`; a byte inside a character
    /// counts as that character's start. Offsets past the end clamp to the end.
    pub fn to_cp(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of code-point offset `cp`, or `None` past the end.
    pub fn to_byte(&self, cp: usize) -> Option<usize> {
        self.starts.get(cp).copied()
    }

    /// Converts a byte range to a code-point range.
    pub fn range_to_cp(&self, r: &Range<usize>) -> Range<usize> {
        self.to_cp(r.start)..self.to_cp(r.end)
    }

    /// Converts a code-point range to a byte range, `None` when out of bounds
    /// or reversed.
    pub fn range_to_byte(&self, r: &Range<usize>) -> Option<Range<usize>> {
        let (s, e) = (self.to_byte(r.start)?, self.to_byte(r.end)?);
        (s <= e).then_some(s..e)
    }
}

/// Code-point offset of byte offset `byte` in `text` (one-off conversion).
pub fn byte_to_cp(text: &str, byte: usize) -> usize {
    let b = floor_char_boundary(text, byte);
    text[..b].chars().count()
}

/// The largest char boundary of `text` that is `<= i`.
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Widens `r` (byte offsets) to grapheme-cluster boundaries, so a selection
/// never splits a letter from its harakat (the W3C model says selections
/// SHOULD NOT split a grapheme cluster).
pub fn snap_to_graphemes(text: &str, r: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, r.start);
    let end = floor_char_boundary(text, r.end.max(start));
    let mut c = GraphemeCursor::new(start, text.len(), true);
    let start = match c.is_boundary(text, 0) {
        Ok(true) => start,
        _ => c.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    };
    let mut c = GraphemeCursor::new(end, text.len(), true);
    let end = match c.is_boundary(text, 0) {
        Ok(true) => end,
        _ => c
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    const AR: &str = "قالَ الرئيسُ: «سنعود» في 2024.";

    #[test]
    fn arabic_round_trip_every_char() {
        let idx = CodePoints::new(AR);
        assert_eq!(idx.len(), AR.chars().count());
        for (cp, (b, _)) in AR.char_indices().enumerate() {
            assert_eq!(idx.to_cp(b), cp);
            assert_eq!(idx.to_byte(cp), Some(b));
            assert_eq!(byte_to_cp(AR, b), cp);
        }
        assert_eq!(idx.to_cp(AR.len()), idx.len());
        assert_eq!(idx.to_byte(idx.len() + 1), None);
    }

    #[test]
    fn arabic_letters_are_two_bytes_one_code_point() {
        let text = "أحمد";
        let idx = CodePoints::new(text);
        assert_eq!(idx.range_to_cp(&(0..text.len())), 0..4);
        assert_eq!(idx.range_to_byte(&(1..3)), Some(2..6));
        assert_eq!(&text[2..6], "حم");
        let reversed = std::ops::Range { start: 3, end: 1 };
        assert_eq!(idx.range_to_byte(&reversed), None);
    }

    #[test]
    fn byte_inside_a_char_counts_as_its_start() {
        let idx = CodePoints::new("بب");
        assert_eq!(idx.to_cp(1), 0);
        assert_eq!(byte_to_cp("بب", 3), 1);
    }

    #[test]
    fn snapping_keeps_harakat_with_their_letter() {
        // "قالَ": the fatha (2 bytes) belongs to the lam.
        let text = "قالَ الرئيس";
        let lam_end = "قال".len();
        let r = snap_to_graphemes(text, 0..lam_end);
        assert_eq!(&text[r], "قالَ");
        // a start inside a character moves back to its start
        let r = snap_to_graphemes(text, 1..4);
        assert_eq!(r.start, 0);
    }
}
