//! Ranking documents for a fuzzy query, in two passes.
//!
//! Pass 1 (every candidate, in parallel): for each term, find the first
//! field (title → source/date → first sentence) where it occurs either as a
//! contiguous substring (`memmem`) or as a subsequence. A document whose
//! terms are all contiguous gets a cheap score at once (length, word start,
//! position); the others are only marked "fuzzy".
//!
//! Pass 2: SkimMatcherV2 scores the fuzzy documents, but only those that
//! could still reach the requested top rows: within a tier, contiguous
//! matches rank above scattered ones, so when enough contiguous matches
//! exist the expensive DP is skipped. Short prefixes (the first keystrokes)
//! match almost every title, and this is what keeps them cheap.

use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem::Finder;
use rayon::prelude::*;

use super::fuzzy::{letter_mask, Field, JumpIndex, MATCHER};
use crate::text::fold::fold_key;

/// Candidates per parallel work item (and per cancellation check).
const CHUNK: usize = 2048;

/// One folded query term.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub text: String,
    pub mask: u64,
    finder: Finder<'static>,
    chars: usize,
}

/// Folds a query and splits it into terms.
pub(crate) fn terms_of(query: &str) -> Vec<Term> {
    fold_key(query)
        .split_whitespace()
        .map(|t| Term {
            text: t.to_string(),
            mask: letter_mask(t),
            finder: Finder::new(t.as_bytes()).into_owned(),
            chars: t.chars().count(),
        })
        .collect()
}

/// A matched document with its rank key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    /// Document index.
    pub doc: u32,
    /// 0 when every term matched in the title, 1 when some needed the
    /// source or date, 2 when some needed the first sentence.
    pub tier: u8,
    /// Whether some term matched only as a scattered subsequence.
    pub fuzzy: bool,
    /// Score within the tier (higher is better): a substring score for
    /// contiguous matches, the sum of SkimMatcherV2 scores for fuzzy ones.
    pub score: i64,
}

impl Scored {
    /// Sort key: better first.
    pub fn rank_key(&self) -> (u8, bool, std::cmp::Reverse<i64>, u32) {
        (
            self.tier,
            self.fuzzy,
            std::cmp::Reverse(self.score),
            self.doc,
        )
    }
}

/// Whether the characters of `needle` occur in order in `hay`. Each
/// character is found by its last byte with SIMD `memchr`, then checked
/// whole; the bytes before a match must lie after the previous match.
fn is_subsequence(hay: &str, needle: &str) -> bool {
    let h = hay.as_bytes();
    // `min_start`: end of the previous matched character; `from`: where the
    // search for the current one's last byte goes on.
    let (mut min_start, mut from) = (0usize, 0usize);
    let mut buf = [0u8; 4];
    for c in needle.chars() {
        let enc = c.encode_utf8(&mut buf).as_bytes();
        let len = enc.len();
        let last = enc[len - 1];
        loop {
            let Some(rest) = h.get(from..) else {
                return false;
            };
            let Some(k) = memchr::memchr(last, rest) else {
                return false;
            };
            let end = from + k + 1;
            from = end;
            if end >= min_start + len && h.get(end - len..end) == Some(enc) {
                min_start = end;
                break;
            }
        }
    }
    true
}

/// Whether `c` ends a word: white space or punctuation, not a letter or
/// digit (`char::is_alphanumeric`, answered without the Unicode tables for
/// ASCII and the Arabic letters and digits).
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Score of a contiguous match at byte `pos` of `hay`: longer terms, word
/// starts and early positions score higher.
fn substring_score(hay: &str, pos: usize, t: &Term) -> i64 {
    let before = hay[..pos].chars().next_back();
    let word_start = before.is_none_or(|c| !is_word_char(c));
    // Only up to 40 characters count; 160 bytes hold at least 40.
    let chars_before = if pos >= 160 {
        40
    } else {
        hay[..pos].chars().count() as i64
    };
    t.chars as i64 * 16 + if word_start { 24 } else { 0 } + if pos == 0 { 8 } else { 0 }
        - chars_before.min(40) / 4
}

/// Pass 1 for one document.
fn match_doc(index: &JumpIndex, doc: u32, terms: &[Term]) -> Option<Scored> {
    let e = index.entry(doc as usize)?;
    let (mut tier, mut fuzzy, mut score) = (0u8, false, 0i64);
    for t in terms {
        if t.mask & !e.all_mask != 0 {
            return None;
        }
        let mut found = None;
        for f in Field::ALL {
            if f == Field::Title && t.mask & !e.title_mask != 0 {
                continue;
            }
            let hay = index.field(doc as usize, f);
            if hay.len() < t.text.len() {
                continue;
            }
            if let Some(pos) = t.finder.find(hay.as_bytes()) {
                found = Some((f.tier(), false, substring_score(hay, pos, t)));
                break;
            }
            if is_subsequence(hay, &t.text) {
                found = Some((f.tier(), true, 0));
                break;
            }
        }
        let (ft, fz, s) = found?;
        tier = tier.max(ft);
        fuzzy |= fz;
        score += s;
    }
    Some(Scored {
        doc,
        tier,
        fuzzy,
        score,
    })
}

/// Whether document `doc` matches every term in some field (pass 1: the
/// documents [`score_all`] returns are exactly those).
pub(crate) fn matches(index: &JumpIndex, doc: u32, terms: &[Term]) -> bool {
    match_doc(index, doc, terms).is_some()
}

/// SkimMatcherV2 score of a fuzzy document: each term in the first field
/// where it matches.
fn skim_score(index: &JumpIndex, doc: u32, terms: &[Term]) -> i64 {
    MATCHER.with(|m| {
        let m = m.borrow();
        terms
            .iter()
            .map(|t| {
                Field::ALL
                    .iter()
                    .find_map(|&f| m.fuzzy_match(index.field(doc as usize, f), &t.text))
                    .unwrap_or(0)
            })
            .sum()
    })
}

/// Matches and ranks the candidates `cands` in parallel. Every matching
/// document is returned; scores are exact for all that can be among the
/// best `limit` (the others are fuzzy matches with score 0). `None` when
/// `cancelled` said so.
pub(crate) fn score_all(
    index: &JumpIndex,
    cands: &[u32],
    terms: &[Term],
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Scored>> {
    let parts: Option<Vec<Vec<Scored>>> = cands
        .par_chunks(CHUNK)
        .map(|chunk| {
            if cancelled() {
                return None;
            }
            Some(
                chunk
                    .iter()
                    .filter_map(|&d| match_doc(index, d, terms))
                    .collect(),
            )
        })
        .collect();
    let mut all = parts?.concat();
    // Which fuzzy matches can reach the top `limit`: those in tiers where
    // fewer than `limit` better (lower tier, or same tier and contiguous)
    // documents exist.
    let mut exact = [0usize; 3];
    let mut fuzzy = [0usize; 3];
    for s in &all {
        let t = usize::from(s.tier.min(2));
        if s.fuzzy {
            fuzzy[t] += 1;
        } else {
            exact[t] += 1;
        }
    }
    let mut better = 0;
    let mut needed = [false; 3];
    for t in 0..3 {
        better += exact[t];
        needed[t] = better < limit && fuzzy[t] > 0;
        better += fuzzy[t];
    }
    if needed.iter().any(|&n| n) {
        let ok = all
            .par_chunks_mut(CHUNK)
            .map(|chunk| {
                if cancelled() {
                    return false;
                }
                for s in chunk {
                    if s.fuzzy && needed[usize::from(s.tier.min(2))] {
                        s.score = skim_score(index, s.doc, terms);
                    }
                }
                true
            })
            .reduce(|| true, |a, b| a && b);
        if !ok {
            return None;
        }
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The character-level definition.
    fn subsequence_by_chars(hay: &str, needle: &str) -> bool {
        let mut rest = hay.chars();
        needle.chars().all(|c| rest.any(|h| h == c))
    }

    #[test]
    fn subsequence_compares_whole_characters() {
        // U+2082 is E2 82 82: its last byte also occurs one byte earlier.
        assert!(is_subsequence("\u{2082}", "\u{2082}"));
        assert!(is_subsequence("\u{2082}\u{2082}", "\u{2082}\u{2082}"));
        assert!(!is_subsequence("\u{2082}", "\u{2082}\u{2082}"));
        // ب is D8 A8; ا (D8 A7) then ٨ (D9 A8) hold its bytes in order.
        assert!(!is_subsequence("ا٨", "ب"));
        assert!(is_subsequence("باشينيان", "بشن"));
        assert!(!is_subsequence("نشب", "بشن"));
        assert!(is_subsequence("x", ""));
        for c in ('\u{0}'..='\u{7ff}').chain('\u{fb50}'..='\u{fefc}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn subsequence_agrees_with_chars(
            hay in "[a-c\u{627}-\u{62a}\u{660}-\u{662}é€😀 ]{0,12}",
            needle in "[a-c\u{627}-\u{62a}\u{660}-\u{662}é€😀]{0,4}",
        ) {
            prop_assert_eq!(is_subsequence(&hay, &needle), subsequence_by_chars(&hay, &needle));
        }

        #[test]
        fn word_chars_agree_with_unicode(c in any::<char>()) {
            prop_assert_eq!(is_word_char(c), c.is_alphanumeric());
        }
    }
}
