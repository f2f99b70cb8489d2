//! Paragraphs and sentences as byte ranges of the document text.
//!
//! Sentences never cross a paragraph (a line end ends a sentence). Ends:
//! `.` `!` `?` `؟` `۔`, with the closing quotes and brackets glued after them.
//! Not an end: `،` and `؛`; a `.` in `2.5`, `U.S`, `www.x.com`; after a one-letter
//! abbreviation (`د.`, `U.S.`) or a list number (`1.`); `..` (a pause in
//! headlines); a `.` with a space before it and a letter glued after it (a
//! misplaced period, as in `عمدت .منذ`). Ranges are trimmed of white space.

use std::ops::Range;

/// Byte ranges of the paragraphs of `text`: its non-empty lines, with
/// surrounding white space trimmed.
pub fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    paragraphs(text).collect()
}

/// The paragraphs of `text` (as [`paragraph_ranges`]) one by one, found as
/// they are asked for: the loader reads only the first few. Line ends are
/// found with SIMD `memchr` (`split('\n')` uses a scalar search).
pub fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    std::iter::from_fn(move || {
        for end in ends.by_ref() {
            let line_start = start;
            start = end + 1;
            let Some(line) = text.get(line_start..end) else {
                continue;
            };
            let trimmed = line.trim_end();
            let t = trimmed.trim_start();
            if !t.is_empty() {
                let lead = trimmed.len() - t.len();
                return Some(line_start + lead..line_start + trimmed.len());
            }
        }
        None
    })
}

/// Byte ranges of the sentences of every paragraph, in order.
pub fn sentence_ranges(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(paragraphs.len() * 4);
    for p in paragraphs {
        sentences_of(text, p, &mut out);
    }
    out
}

/// Appends the sentences of one paragraph `p` of `text` to `out` (what
/// [`sentence_ranges`] gives for it).
pub fn sentences_of(text: &str, p: &Range<usize>, out: &mut Vec<Range<usize>>) {
    if let Some(para) = text.get(p.clone()) {
        split_paragraph(para, p.start, out);
    }
}

fn terminator_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'.' | b'!' | b'?' => 1,
        // ؟ U+061F and ۔ U+06D4
        0xD8 if bytes.get(i + 1) == Some(&0x9F) => 2,
        0xDB if bytes.get(i + 1) == Some(&0x94) => 2,
        _ => 0,
    }
}

/// Finds terminators with SIMD searches: `.` `!` `?` with `memchr3`, and
/// `؟` (D8 9F) and `۔` (DB 94) through their rarer second bytes.
struct Terminators<'a> {
    bytes: &'a [u8],
    ascii: Option<usize>,
    arabic: Option<usize>,
}

impl<'a> Terminators<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let mut t = Terminators {
            bytes,
            ascii: None,
            arabic: None,
        };
        t.ascii = t.find_ascii(0);
        t.arabic = t.find_arabic(0);
        t
    }

    fn find_ascii(&self, from: usize) -> Option<usize> {
        memchr::memchr3(b'.', b'!', b'?', self.bytes.get(from..)?).map(|i| from + i)
    }

    fn find_arabic(&self, mut from: usize) -> Option<usize> {
        while let Some(i) = memchr::memchr2(0x9F, 0x94, self.bytes.get(from..)?) {
            let i = from + i;
            let lead = if self.bytes[i] == 0x9F { 0xD8 } else { 0xDB };
            if i > 0 && self.bytes[i - 1] == lead {
                return Some(i - 1);
            }
            from = i + 1;
        }
        None
    }

    /// The next terminator at or after `from`: (start, byte length).
    fn next(&mut self, from: usize) -> Option<(usize, usize)> {
        if self.ascii.is_some_and(|i| i < from) {
            self.ascii = self.find_ascii(from);
        }
        if self.arabic.is_some_and(|i| i < from) {
            self.arabic = self.find_arabic(from);
        }
        match (self.ascii, self.arabic) {
            (Some(a), Some(b)) if b < a => Some((b, 2)),
            (Some(a), _) => Some((a, 1)),
            (None, Some(b)) => Some((b, 2)),
            (None, None) => None,
        }
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’' | '›')
}

fn push_trimmed(s: &str, base: usize, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &s[r.clone()];
    let t = piece.trim_start();
    let start = r.start + (piece.len() - t.len());
    let end = start + t.trim_end().len();
    if end > start {
        out.push(base + start..base + end);
    }
}

fn split_paragraph(s: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut from = 0;
    let mut terminators = Terminators::new(bytes);
    while let Some((i, tl)) = terminators.next(from) {
        let mut end = i + tl;
        let mut periods = usize::from(bytes[i] == b'.');
        let mut only_periods = periods == 1;
        while end < bytes.len() {
            let t = terminator_len(bytes, end);
            if t > 0 {
                if bytes[end] == b'.' {
                    periods += 1;
                } else {
                    only_periods = false;
                }
                end += t;
            } else if s[end..].chars().next().is_some_and(is_closer) {
                end += s[end..].chars().next().map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
        if end >= bytes.len() {
            break;
        }
        if ends_sentence(s, start, i, end, only_periods, periods) {
            push_trimmed(s, base, start..end, out);
            start = end;
        }
        from = end;
    }
    push_trimmed(s, base, start..bytes.len(), out);
}

/// Whether the terminator run `s[at..end]` (followed by more text) ends the
/// sentence that started at `start`.
fn ends_sentence(
    s: &str,
    start: usize,
    at: usize,
    end: usize,
    only_periods: bool,
    periods: usize,
) -> bool {
    let prev = s[..at].chars().next_back();
    let next = s[end..].chars().next();
    let (Some(prev), Some(next)) = (prev, next) else {
        return true;
    };
    // `www.x.com`, `2.5`, `?q=1`: terminators glued between ASCII alphanumerics.
    if end == at + 1 && prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
        return false;
    }
    if !only_periods {
        return true;
    }
    if periods == 2 {
        return false;
    }
    if periods > 1 {
        return true;
    }
    if prev.is_whitespace() && next.is_alphabetic() {
        return false;
    }
    let sentence = &s[start..at];
    let word = sentence.rsplit(char::is_whitespace).next().unwrap_or("");
    // One-letter abbreviations and initials: `د.`, `U.S.`, `ق.م.`.
    if !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
        && (!word.is_ascii() || word.chars().all(|c| !c.is_lowercase()))
    {
        return false;
    }
    // A list number: `1. البند`.
    let lead = sentence.trim();
    if !lead.is_empty() && lead.chars().all(|c| c.is_numeric()) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        let paras = paragraph_ranges(text);
        sentence_ranges(text, &paras)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// The first version, kept as the reference.
    fn paragraph_ranges_reference(text: &str) -> Vec<Range<usize>> {
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

    proptest! {
        #[test]
        fn paragraphs_agree_with_the_reference(text in "[ a\n\r\t\u{a0}\u{2003}\u{85}بـ]{0,40}") {
            prop_assert_eq!(paragraph_ranges(&text), paragraph_ranges_reference(&text));
        }
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let t = "  أولى  \n\n\tثانية\nثالثة";
        let p: Vec<_> = paragraph_ranges(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, ["أولى", "ثانية", "ثالثة"]);
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "قال باشينيان: اليوم جمدنا مشاركتنا. واعتبر أن المنظمة لم تحقق أهدافها؟ نعم! هذا صحيح؛ ثم انتهى.",
                &["قال باشينيان: اليوم جمدنا مشاركتنا.", "واعتبر أن المنظمة لم تحقق أهدافها؟", "نعم!", "هذا صحيح؛ ثم انتهى."],
            ),
            ("أولى، وثانية؛ وثالثة", &["أولى، وثانية؛ وثالثة"]),
            ("سطر أول\nسطر ثان", &["سطر أول", "سطر ثان"]),
            ("مسلّحة\".وفيما تقول", &["مسلّحة\".", "وفيما تقول"]),
            ("بماذا تطالب أذربيجان؟اعتبرت", &["بماذا تطالب أذربيجان؟", "اعتبرت"]),
            ("جملة أولى۔ جملة ثانية", &["جملة أولى۔", "جملة ثانية"]),
            ("نما 2.5 بالمئة. ثم", &["نما 2.5 بالمئة.", "ثم"]),
            ("قال د. محمد ذلك. ثم", &["قال د. محمد ذلك.", "ثم"]),
            ("the U.S. army left. Then", &["the U.S. army left.", "Then"]),
            ("see www.example.com now", &["see www.example.com now"]),
            ("حيث عمدت .منذ بداية الأزمة. ثم", &["حيث عمدت .منذ بداية الأزمة.", "ثم"]),
            ("أذربيجان.. وموسكو ترد", &["أذربيجان.. وموسكو ترد"]),
            ("انتظر... ثم عاد", &["انتظر...", "ثم عاد"]),
            ("هل؟! نعم", &["هل؟!", "نعم"]),
            ("«قال كذا». وأضاف", &["«قال كذا».", "وأضاف"]),
            ("1. البند الأول", &["1. البند الأول"]),
            (".", &["."]),
        ];
        for (text, want) in cases {
            assert_eq!(&sentences(text), want, "text {text:?}");
        }
    }

    #[test]
    fn seed_004_misplaced_periods() {
        let t = include_str!("../../seeds/004_b472dfb818848289.txt");
        let s = sentences(t);
        assert!(s.iter().any(|s| s.contains("عمدت .منذ")));
        assert!(s.iter().any(|s| s.contains("من .طراز")));
        assert!(!s.iter().any(|s| s.starts_with("منذ بداية")));
    }

    proptest! {
        #[test]
        fn ranges_are_ordered_char_boundaries(text in "[ .؟!،؛\\n\\PCa-zء-ي0-9\"»]{0,200}") {
            let paras = paragraph_ranges(&text);
            let sents = sentence_ranges(&text, &paras);
            let mut last = 0;
            for r in paras.iter().chain(std::iter::once(&(text.len()..text.len()))) {
                prop_assert!(r.start >= last && r.start <= r.end);
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                last = r.end;
            }
            let mut last = 0;
            for r in &sents {
                prop_assert!(r.start >= last && r.start < r.end, "{:?}", sents);
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(paras.iter().any(|p| p.start <= r.start && r.end <= p.end));
                last = r.end;
            }
        }
    }
}
