//! Keyword-in-context snippets and code-point offsets for search hits.

use std::ops::Range;

/// A short excerpt of a text around a hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt, on one line (line breaks become spaces), with `…` where
    /// it was cut.
    pub text: String,
    /// Byte range of the hit inside `text`.
    pub hit: Range<usize>,
    /// Byte offset in the document text where `text` starts (after the `…`).
    pub origin: usize,
}

/// Cuts a snippet of about `context` characters on each side of `hit`,
/// staying within the hit's paragraph (line) and cutting at spaces when it can.
pub fn snippet(text: &str, hit: Range<usize>, context: usize) -> Snippet {
    let hit = hit.start.min(text.len())..hit.end.min(text.len());
    let line_start = text[..hit.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[hit.end..]
        .find('\n')
        .map_or(text.len(), |i| hit.end + i);
    let mut start = back_chars(text, hit.start, context).max(line_start);
    let mut end = forward_chars(text, hit.end, context).min(line_end);
    if start > line_start {
        if let Some(sp) = text[start..hit.start].find(' ') {
            start += sp + 1;
        }
    }
    if end < line_end {
        if let Some(sp) = text[hit.end..end].rfind(' ') {
            end = hit.end + sp;
        }
    }
    let mut out = String::new();
    if start > line_start {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[start..end].replace(['\r', '\t'], " "));
    if end < line_end {
        out.push('…');
    }
    Snippet {
        hit: hit.start - start + shift..hit.end - start + shift,
        text: out,
        origin: start,
    }
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Converts sorted byte offsets into code-point offsets in one pass.
pub fn code_points(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let (mut pos, mut count) = (0usize, 0usize);
    for &b in sorted_bytes {
        let b = b.min(text.len());
        if b >= pos {
            count += text[pos..b].chars().count();
        } else {
            count -= text[b..pos].chars().count();
        }
        pos = b;
        out.push(count);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_hit_and_cuts_at_spaces() {
        let text = "سطر أول\nقالت موسكو إن روسيا لن تتدخل في النزاع الدائر هناك الآن\nآخر";
        let s = text.find("روسيا").unwrap_or(0);
        let sn = snippet(text, s..s + "روسيا".len(), 12);
        assert_eq!(&sn.text[sn.hit.clone()], "روسيا");
        assert!(!sn.text.contains("سطر") && !sn.text.contains("آخر"));
        assert!(sn.text.ends_with('…'));
        let body = sn.text.trim_start_matches('…');
        assert!(text[sn.origin..].starts_with(body.trim_end_matches('…')));
    }

    #[test]
    fn short_lines_are_whole() {
        let text = "قره باغ";
        let sn = snippet(text, 0..6, 30);
        assert_eq!(sn.text, "قره باغ");
        assert_eq!(sn.hit, 0..6);
    }

    #[test]
    fn code_point_offsets() {
        let text = "أب cd";
        assert_eq!(code_points(text, &[0, 2, 4, 5, 7]), vec![0, 1, 2, 3, 5]);
        assert_eq!(code_points(text, &[5, 2]), vec![3, 1]);
    }
}
