//! Where dates can be: the anchors (month names and relative words) in the
//! folded key, the runs of digits, and the windows around them that the
//! patterns are run on.

use std::ops::Range;
use std::sync::OnceLock;

use super::patterns::{DECADES, MONTHS, RELATIVE, WEEKDAYS};

/// Where date expressions can be, in the folded key: month names and
/// relative words (weekdays, امس, الماضي …). Found by the gazetteer scan
/// ([`crate::entities::matcher::Matcher::scan`]) or by [`anchors`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Month names standing as words (a proclitic و ف ب ل allowed).
    pub months: Vec<Range<usize>>,
    /// Weekdays, امس, relative words and decades (anywhere).
    pub relative: Vec<Range<usize>>,
    /// Runs of ASCII digits, in order.
    pub digits: Vec<Range<usize>>,
}

/// The folded words that anchor dates, with whether each is a month name.
pub(crate) fn anchor_words() -> impl Iterator<Item = (&'static str, bool)> {
    let months = MONTHS.iter().map(|(n, _)| (*n, true));
    // Whole words: the gazetteer scan looks words up (less a proclitic).
    let relative = WEEKDAYS
        .split('|')
        .chain(RELATIVE.split('|'))
        .chain(DECADES)
        .chain(["امس"])
        .map(|w| (w, false));
    months.chain(relative)
}

/// Letters (not digits) of the folded key.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{064A}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// Whether a month-name hit at `r` stands as a word: no letter after it,
/// and before it none or a single proclitic (و ف ب ل) starting the word.
pub(crate) fn month_stands_alone(key: &str, r: &Range<usize>) -> bool {
    if key[r.end..].chars().next().is_some_and(is_letter) {
        return false;
    }
    let mut before = key[..r.start].chars().rev();
    match before.next() {
        None => true,
        Some('و' | 'ف' | 'ب' | 'ل') => !before.next().is_some_and(is_letter),
        Some(c) => !is_letter(c),
    }
}

/// The anchors of `key` found with an automaton of their own (for callers
/// that do not run the gazetteer scan).
pub fn anchors(key: &str) -> Anchors {
    static AC: OnceLock<(aho_corasick::AhoCorasick, Vec<bool>)> = OnceLock::new();
    let (ac, is_month) = AC.get_or_init(|| {
        let (words, months): (Vec<&str>, Vec<bool>) = anchor_words().unzip();
        let ac = aho_corasick::AhoCorasick::new(words).unwrap_or_else(|e| unreachable!("{e}"));
        (ac, months)
    });
    let mut out = Anchors {
        digits: digit_runs(key),
        ..Anchors::default()
    };
    for m in ac.find_overlapping_iter(key) {
        if is_month[m.pattern().as_usize()] {
            if month_stands_alone(key, &m.range()) {
                out.months.push(m.range());
            }
        } else {
            out.relative.push(m.range());
        }
    }
    out
}

/// Starts and ends of the runs of ASCII digits in `key`.
pub(crate) fn digit_runs(key: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    digit_runs_from(key, 0, &mut out);
    out
}

/// Appends the runs of ASCII digits of `key` at or after `from` to `out`.
pub(crate) fn digit_runs_from(key: &str, from: usize, out: &mut Vec<Range<usize>>) {
    let b = key.as_bytes();
    let mut i = from;
    while let Some(s) = b[i..].iter().position(u8::is_ascii_digit) {
        let s = i + s;
        let e = b[s..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(b.len(), |e| s + e);
        out.push(s..e);
        i = e;
    }
}

/// Parts of `key` around `anchors` (`before` and `after` bytes, widened to
/// whitespace, merged when close) where a pattern must be run. Running the
/// patterns only there keeps the scan cost off the rest of the text.
pub(super) fn windows(
    key: &str,
    mut anchors: Vec<Range<usize>>,
    before: usize,
    after: usize,
) -> Vec<Range<usize>> {
    anchors.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for a in anchors {
        let mut s = a.start.saturating_sub(before);
        while s > 0 && !key.is_char_boundary(s) {
            s -= 1;
        }
        // Start on a separator so the pattern's leading boundary holds.
        s = key[..s].rfind(char::is_whitespace).unwrap_or(0);
        let mut e = (a.end + after).min(key.len());
        while e < key.len() && !key.is_char_boundary(e) {
            e += 1;
        }
        e = key[e..]
            .find(char::is_whitespace)
            .map_or(key.len(), |i| e + i);
        match out.last_mut() {
            // Fewer, longer windows: each regex call has a fixed cost.
            Some(last) if s <= last.end + 32 => last.end = last.end.max(e),
            _ => out.push(s..e),
        }
    }
    out
}
