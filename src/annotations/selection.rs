//! The reading cursor (a sentence) and the selection (a logical byte range
//! that starts at the cursor sentence and grows or shrinks at its end by a
//! word, a sentence or a paragraph). Pure functions of the document's text,
//! split once ([`DocText`]).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::doc_text::DocText;
use crate::text::VisualLine;

/// Unit by which a selection grows or shrinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A word.
    Word,
    /// A sentence (`DocText::sentences`).
    Sentence,
    /// A paragraph (`DocText::paragraphs`).
    Paragraph,
}

/// The index of the sentence containing byte `pos`, else the first sentence
/// starting after it, else the last one.
pub fn sentence_at(doc: &DocText, pos: usize) -> Option<usize> {
    let n = doc.sentences.len();
    if n == 0 {
        return None;
    }
    let i = doc.sentences.partition_point(|s| s.end <= pos);
    Some(i.min(n - 1))
}

/// The cursor sentence moved by `delta` sentences (clamped).
pub fn move_sentence(doc: &DocText, cursor: Option<usize>, delta: isize) -> Option<usize> {
    let n = doc.sentences.len();
    if n == 0 {
        return None;
    }
    let cur = cursor.unwrap_or(0).min(n - 1);
    Some(cur.saturating_add_signed(delta).min(n - 1))
}

/// Ends of the word-like segments of `text[range]`, as absolute offsets.
fn word_ends(text: &str, range: Range<usize>) -> Vec<usize> {
    text[range.clone()]
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| range.start + i + w.len())
        .collect()
}

/// Grows `sel` at its end by one `unit`; unchanged at the end of the text.
pub fn extend(doc: &DocText, sel: &Range<usize>, unit: Unit) -> Range<usize> {
    let end = match unit {
        Unit::Word => word_ends(&doc.text, sel.end..doc.text.len())
            .first()
            .copied(),
        Unit::Sentence => doc.sentences.iter().map(|s| s.end).find(|&e| e > sel.end),
        Unit::Paragraph => doc.paragraphs.iter().map(|p| p.end).find(|&e| e > sel.end),
    };
    sel.start..end.unwrap_or(sel.end)
}

/// Shrinks `sel` at its end by one `unit`, never below its first word.
pub fn shrink(doc: &DocText, sel: &Range<usize>, unit: Unit) -> Range<usize> {
    let words = word_ends(&doc.text, sel.clone());
    let first_word = words.first().copied();
    let ends: Vec<usize> = match unit {
        // sentence ends are stops too, so `b` undoes `w` past a full stop
        Unit::Word => {
            let mut e = words;
            e.extend(doc.sentences.iter().map(|s| s.end));
            e.sort_unstable();
            e
        }
        Unit::Sentence => doc.sentences.iter().map(|s| s.end).collect(),
        Unit::Paragraph => doc.paragraphs.iter().map(|p| p.end).collect(),
    };
    let end = match ends.into_iter().rfind(|&e| e > sel.start && e < sel.end) {
        Some(e) => e,
        None if unit == Unit::Word => first_word.unwrap_or(sel.end),
        None => sel.end,
    };
    sel.start..end.max(first_word.unwrap_or(end)).min(sel.end)
}

/// Runs of consecutive cells of `line` (indices, screen order) whose logical
/// range intersects `r`: how a logical range looks on a bidi-reordered line
/// (possibly several separate runs).
pub fn cell_runs(line: &VisualLine, r: &Range<usize>) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, c) in line.cells.iter().enumerate() {
        if c.logical.start < r.end && r.start < c.logical.end {
            match runs.last_mut() {
                Some(last) if last.end == i => last.end = i + 1,
                _ => runs.push(i..i + 1),
            }
        }
    }
    runs
}

/// The selection that starts at the cursor sentence.
pub fn start(doc: &DocText, cursor: usize) -> Option<Range<usize>> {
    doc.sentences.get(cursor).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::export::tests::doc;

    const TEXT: &str =
        "قال الوزير إن الخطة جاهزة. وأضاف أن NATO وافقت.\nالفقرة الثانية هنا. وجملة أخيرة.";

    fn d() -> DocText {
        DocText::of(&doc("t", TEXT))
    }

    fn s(doc: &DocText, r: Range<usize>) -> String {
        doc.text[r].to_string()
    }

    #[test]
    fn cursor_finds_and_moves_sentences() {
        let d = d();
        assert!(d.sentences.len() >= 4, "{:?}", d.sentences);
        let second = TEXT.find("وأضاف").unwrap();
        assert_eq!(sentence_at(&d, second + 2), Some(1));
        assert_eq!(move_sentence(&d, Some(1), 1), Some(2));
        assert_eq!(move_sentence(&d, Some(0), -1), Some(0));
        assert_eq!(move_sentence(&d, None, 99), Some(d.sentences.len() - 1));
    }

    #[test]
    fn words_extend_and_shrink_across_scripts() {
        let d = d();
        let sel = start(&d, 0).unwrap();
        assert_eq!(s(&d, sel.clone()), "قال الوزير إن الخطة جاهزة.");
        let sel = extend(&d, &sel, Unit::Word);
        assert_eq!(s(&d, sel.clone()), "قال الوزير إن الخطة جاهزة. وأضاف");
        let sel = extend(&d, &sel, Unit::Word);
        let sel = extend(&d, &sel, Unit::Word);
        assert!(s(&d, sel.clone()).ends_with("أن NATO"));
        let sel = shrink(&d, &sel, Unit::Word);
        assert!(s(&d, sel.clone()).ends_with("وأضاف أن"));
        let mut one = start(&d, 0).unwrap();
        for _ in 0..10 {
            one = shrink(&d, &one, Unit::Word);
        }
        assert_eq!(s(&d, one), "قال");
    }

    #[test]
    fn sentences_and_paragraphs() {
        let d = d();
        let sel = start(&d, 0).unwrap();
        let sel = extend(&d, &sel, Unit::Sentence);
        assert!(s(&d, sel.clone()).ends_with("وافقت."));
        let sel = extend(&d, &sel, Unit::Paragraph);
        assert!(s(&d, sel.clone()).ends_with("وجملة أخيرة."));
        let sel = shrink(&d, &sel, Unit::Paragraph);
        assert!(s(&d, sel.clone()).ends_with("وافقت."));
        let sel = shrink(&d, &sel, Unit::Sentence);
        assert_eq!(s(&d, sel.clone()), "قال الوزير إن الخطة جاهزة.");
        let same = extend(&d, &(0..TEXT.len()), Unit::Sentence);
        assert_eq!(same, 0..TEXT.len());
    }
}
