//! Re-anchoring: finding an annotation's passage again in a document text
//! that may have changed since the annotation was made.
//!
//! Order (after Hypothesis, research/annotation.md §1.2):
//! 1. the stored position, if the text there still equals the quote → exact;
//! 2. the quote itself, the occurrence whose context matches best and then
//!    nearest to the old position → moved;
//! 3. an approximate match of the quote on the Arabic-folded text (edit
//!    distance ≤ a quarter of the quote), scored 50 % quote, 20 % prefix,
//!    20 % suffix, 2 % position; accepted at a score ≥ [`MIN_FUZZY_SCORE`]
//!    → fuzzy. The bound and the threshold keep a lookalike passage from
//!    silently taking over (Hypothesis client #7571);
//! 4. otherwise → orphan (listed, never dropped).

use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

use super::model::Target;
use super::offsets::{snap_to_graphemes, CodePoints};
use crate::text::fold::{fold, Folded};

/// Lowest combined score a fuzzy match needs.
pub const MIN_FUZZY_SCORE: f64 = 0.5;

/// Quotes shorter than this (folded characters) are never matched fuzzily.
const MIN_FUZZY_CHARS: usize = 4;

/// Quotes longer than this (folded characters) are not matched fuzzily: the
/// search would be slow and a passage that long that changed is better
/// re-made by the user.
const MAX_FUZZY_CHARS: usize = 4096;

/// Most table cells one fuzzy search may fill (text length × error bound);
/// past it only a window around the old position is searched.
const FUZZY_BUDGET: usize = 20_000_000;

/// How an annotation was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorState {
    /// At its stored position.
    Exact,
    /// The same quote, elsewhere.
    Moved,
    /// An approximate match.
    Fuzzy,
    /// Not found.
    Orphan,
}

impl AnchorState {
    /// Lower-case name (`exact`, `moved`, `fuzzy`, `orphan`).
    pub fn name(self) -> &'static str {
        match self {
            AnchorState::Exact => "exact",
            AnchorState::Moved => "moved",
            AnchorState::Fuzzy => "fuzzy",
            AnchorState::Orphan => "orphan",
        }
    }
}

impl fmt::Display for AnchorState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where an annotation is in the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// Byte range in the current text; `None` for an orphan.
    pub range: Option<Range<usize>>,
    /// How it was found.
    pub state: AnchorState,
    /// Match quality in 0..=1 (1 for exact and moved).
    pub score: f64,
}

impl Anchor {
    fn orphan() -> Self {
        Anchor {
            range: None,
            state: AnchorState::Orphan,
            score: 0.0,
        }
    }
}

/// Anchors annotations in one document text (reuses its indexes).
pub struct Anchorer<'t> {
    text: &'t str,
    cps: CodePoints,
    folded: OnceCell<(Folded, Vec<char>, Vec<usize>)>,
}

impl<'t> Anchorer<'t> {
    /// Prepares anchoring in `text`.
    pub fn new(text: &'t str) -> Self {
        Anchorer {
            text,
            cps: CodePoints::new(text),
            folded: OnceCell::new(),
        }
    }

    /// The code-point index of the text.
    pub fn code_points(&self) -> &CodePoints {
        &self.cps
    }

    /// Finds `target` in the text.
    pub fn anchor(&self, target: &Target) -> Anchor {
        let exact = target.quote.exact.as_str();
        if exact.is_empty() {
            return Anchor::orphan();
        }
        let pos = target.position;
        if let Some(r) = self.cps.range_to_byte(&(pos.start..pos.end)) {
            if self.text.get(r.clone()) == Some(exact) {
                return found(r, AnchorState::Exact, 1.0);
            }
        }
        let hint = self.cps.to_byte(pos.start).unwrap_or(self.text.len());
        if let Some(r) = self.nearest_exact(target, hint) {
            return found(r, AnchorState::Moved, 1.0);
        }
        self.fuzzy(target, hint).unwrap_or_else(Anchor::orphan)
    }

    /// The occurrence of the quote with the best context, then nearest `hint`.
    fn nearest_exact(&self, target: &Target, hint: usize) -> Option<Range<usize>> {
        let q = &target.quote;
        self.text
            .match_indices(q.exact.as_str())
            .map(|(s, m)| {
                let before = common_suffix(&self.text[..s], &q.prefix);
                let after = common_prefix(&self.text[s + m.len()..], &q.suffix);
                (before + after, s.abs_diff(hint), s..s + m.len())
            })
            .min_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)))
            .map(|(_, _, r)| r)
    }

    fn fuzzy(&self, target: &Target, hint: usize) -> Option<Anchor> {
        let (folded, key, key_bytes) = self.folded.get_or_init(|| {
            let f = fold(self.text);
            let chars: Vec<char> = f.key.chars().collect();
            let mut bytes: Vec<usize> = f.key.char_indices().map(|(i, _)| i).collect();
            bytes.push(f.key.len());
            (f, chars, bytes)
        });
        let quote: Vec<char> = fold(&target.quote.exact).key.chars().collect();
        if quote.len() < MIN_FUZZY_CHARS || quote.len() > MAX_FUZZY_CHARS || key.is_empty() {
            return None;
        }
        let max_errors = (quote.len() / 4).max(1);
        let prefix: Vec<char> = fold(&target.quote.prefix).key.chars().collect();
        let suffix: Vec<char> = fold(&target.quote.suffix).key.chars().collect();
        // the old position in key characters
        let hint_key = key_bytes.partition_point(|&b| (folded.map[b] as usize) < hint);
        let mut best: Option<(f64, Range<usize>)> = None;
        let (lo, hi) = if key.len().saturating_mul(max_errors + 1) > FUZZY_BUDGET {
            let radius = FUZZY_BUDGET / (max_errors + 1) / 2;
            let lo = hint_key.saturating_sub(radius);
            (lo, (hint_key + quote.len() + radius).min(key.len()))
        } else {
            (0, key.len())
        };
        for mut m in approximate_matches(&quote, &key[lo..hi], max_errors) {
            m.start += lo;
            m.end += lo;
            let q = 1.0 - m.errors as f64 / quote.len() as f64;
            let before = &key[m.start.saturating_sub(prefix.len())..m.start];
            let after = &key[m.end..(m.end + suffix.len()).min(key.len())];
            let p = similarity(&prefix, before);
            let s = similarity(&suffix, after);
            let d = 1.0 - m.start.abs_diff(hint_key) as f64 / key.len() as f64;
            let score = (50.0 * q + 20.0 * p + 20.0 * s + 2.0 * d) / 92.0;
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, m.start..m.end));
            }
        }
        let (score, kr) = best.filter(|(s, _)| *s >= MIN_FUZZY_SCORE)?;
        let r = folded.to_original(key_bytes[kr.start]..key_bytes[kr.end]);
        let r = snap_to_graphemes(self.text, r);
        Some(found(r, AnchorState::Fuzzy, score))
    }
}

fn found(r: Range<usize>, state: AnchorState, score: f64) -> Anchor {
    Anchor {
        range: Some(r),
        state,
        score,
    }
}

/// Anchors `target` in `text` (one-off; use [`Anchorer`] for many).
pub fn anchor(target: &Target, text: &str) -> Anchor {
    Anchorer::new(text).anchor(target)
}

/// Number of characters `a` and `b` share at their ends.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Number of characters `a` and `b` share at their starts.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// 1 − edit distance / length (1 when both are empty).
fn similarity(want: &[char], got: &[char]) -> f64 {
    let n = want.len().max(got.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - levenshtein(want, got) as f64 / n as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A place in the text where the pattern matches with `errors` edits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ApproxMatch {
    start: usize,
    end: usize,
    errors: usize,
}

/// Sellers' semi-global edit distance: every substring of `text` within
/// `max_errors` edits of `pattern`, the best one per run of nearby ends.
///
/// Ukkonen's cut-off: only rows up to the last one within `max_errors` (plus
/// one) are computed, the rest stay at `max_errors + 1`, so a column costs
/// about `max_errors` steps instead of `pattern.len()`.
fn approximate_matches(pattern: &[char], text: &[char], max_errors: usize) -> Vec<ApproxMatch> {
    let m = pattern.len();
    let cap = max_errors + 1;
    // cost (capped at `cap`) and start of the best alignment of
    // pattern[..i] ending here
    let mut prev: Vec<(usize, usize)> = (0..=m).map(|i| (i.min(cap), 0)).collect();
    let mut cur = prev.clone();
    let mut out: Vec<ApproxMatch> = Vec::new();
    let mut last_end = usize::MAX;
    // last row whose cost is within max_errors
    let mut active = max_errors.min(m);
    for (j, &t) in text.iter().enumerate() {
        cur[0] = (0, j + 1);
        let top = (active + 1).min(m);
        for i in 1..=top {
            let (d, s) = prev[i - 1];
            let mut best = (d + usize::from(pattern[i - 1] != t), s);
            if prev[i].0 + 1 < best.0 {
                best = (prev[i].0 + 1, prev[i].1);
            }
            if cur[i - 1].0 + 1 < best.0 {
                best = (cur[i - 1].0 + 1, cur[i - 1].1);
            }
            cur[i] = (best.0.min(cap), best.1);
        }
        // rows above `top` are beyond the bound; clear what an earlier
        // column may have left there
        for c in cur.iter_mut().skip(top + 1).take(2) {
            *c = (cap, 0);
        }
        active = top;
        while active > 0 && cur[active].0 > max_errors {
            active -= 1;
        }
        let (errors, start) = cur[m];
        if top == m && errors <= max_errors {
            let here = ApproxMatch {
                start,
                end: j + 1,
                errors,
            };
            match out.last_mut() {
                Some(last) if last_end + 1 == j + 1 || last.start == start => {
                    if errors < last.errors {
                        *last = here;
                    }
                }
                _ => out.push(here),
            }
            last_end = j + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    out
}

#[cfg(test)]
#[path = "anchor_tests.rs"]
mod tests;
