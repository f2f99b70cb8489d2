//! The Arabic date form `[WEEKDAY[،]] DAY MONTH[/MONTH][،] YEAR [[-،] H:MM
//! [ص|م|صباحا|مساء]]`, matched by hand. It finds the same match as the
//! regex it replaced (kept in the tests as the reference): the leftmost
//! start, and at that start the first way through in the regex's order
//! (greedy optional parts first, month names longest first). Every loaded
//! document has its date read this way; a regex search with captures on
//! these short windows cost far more than the walk below.

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::OnceLock;

use super::date::{AR_MONTHS, WEEKDAYS};

/// A date found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArabicDate {
    /// The day's digits.
    pub day: Range<usize>,
    /// The month's number (1–12).
    pub month: u32,
    /// The year's digits.
    pub year: Range<usize>,
    /// The whole date.
    pub range: Range<usize>,
}

/// Month names longest first (equal lengths in table order), the order of
/// the alternatives in the regex.
fn months() -> &'static [(&'static str, u32)] {
    static M: OnceLock<Vec<(&'static str, u32)>> = OnceLock::new();
    M.get_or_init(|| {
        let mut v = AR_MONTHS.to_vec();
        v.sort_by_key(|(n, _)| Reverse(n.len()));
        v
    })
}

/// The first date in `s`.
pub fn find(s: &str) -> Option<ArabicDate> {
    s.char_indices().find_map(|(i, _)| at(s, i))
}

/// The end of the digit (any of the three sets) at `i`.
fn digit(s: &str, i: usize) -> Option<usize> {
    let c = s[i..].chars().next()?;
    matches!(c, '0'..='9' | '٠'..='٩' | '۰'..='۹').then(|| i + c.len_utf8())
}

/// `\s*` from `i`.
fn spaces(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    i + rest.len() - rest.trim_start().len()
}

/// One of `chars`, if it is at `i`.
fn optional(s: &str, i: usize, chars: &[char]) -> usize {
    match s[i..].chars().next() {
        Some(c) if chars.contains(&c) => i + c.len_utf8(),
        _ => i,
    }
}

/// `[،,]?` between white space.
fn comma(s: &str, i: usize) -> usize {
    spaces(s, optional(s, spaces(s, i), &['،', ',']))
}

/// Whether `rest` starts with `name`, first comparing the byte at `probe`
/// (the one that tells most names apart: one call to `memcmp` a name was
/// most of this walk's time).
fn has_name(rest: &str, name: &str, probe: usize) -> bool {
    let (r, n) = (rest.as_bytes(), name.as_bytes());
    r.get(probe) == n.get(probe) && r.starts_with(n)
}

/// A date starting at `start`: with each weekday, then without.
fn at(s: &str, start: usize) -> Option<ArabicDate> {
    if s[start..].starts_with("ال") {
        // every weekday starts with `ال`; byte 5 is its third letter's
        for w in WEEKDAYS.split('|') {
            if has_name(&s[start..], w, 5) {
                if let Some(d) = from_day(s, comma(s, start + w.len())) {
                    return Some(ArabicDate {
                        range: start..d.range.end,
                        ..d
                    });
                }
            }
        }
    }
    from_day(s, start)
}

/// `DAY\s+MONTH…` at `start`: two day digits, then one.
fn from_day(s: &str, start: usize) -> Option<ArabicDate> {
    let one = digit(s, start)?;
    for day_end in digit(s, one).into_iter().chain([one]) {
        let i = spaces(s, day_end);
        if i == day_end {
            continue;
        }
        for &(name, month) in months() {
            if !has_name(&s[i..], name, 1) {
                continue;
            }
            if let Some((year, end)) = after_month(s, i + name.len()) {
                return Some(ArabicDate {
                    day: start..day_end,
                    month,
                    year,
                    range: start..end,
                });
            }
        }
    }
    None
}

/// `(\s*/\s*MONTH)?` then the year and time at `i`.
fn after_month(s: &str, i: usize) -> Option<(Range<usize>, usize)> {
    let slash = spaces(s, i);
    if s[slash..].starts_with('/') {
        let j = spaces(s, slash + 1);
        for &(name, _) in months() {
            if has_name(&s[j..], name, 1) {
                if let Some(r) = year_and_time(s, j + name.len()) {
                    return Some(r);
                }
            }
        }
    }
    year_and_time(s, i)
}

/// `[،,]? YEAR` and an optional time: the year's range and the end.
fn year_and_time(s: &str, i: usize) -> Option<(Range<usize>, usize)> {
    let start = comma(s, i);
    let mut end = start;
    for _ in 0..4 {
        end = digit(s, end)?;
    }
    Some((start..end, time(s, end).unwrap_or(end)))
}

/// `\s*[-–،,]?\s*H:MM(\s*(صباحا|مساء|ص|م))?` at `i`: its end.
fn time(s: &str, i: usize) -> Option<usize> {
    let i = spaces(s, optional(s, spaces(s, i), &['-', '–', '،', ',']));
    let one = digit(s, i)?;
    let colon = [digit(s, one), Some(one)]
        .into_iter()
        .flatten()
        .find(|&e| s[e..].starts_with(':'))?;
    let mut end = colon + 1;
    for _ in 0..2 {
        end = digit(s, end)?;
    }
    let j = spaces(s, end);
    let suffix = ["صباحا", "مساء", "ص", "م"]
        .into_iter()
        .find(|x| s[j..].starts_with(x));
    Some(suffix.map_or(end, |x| j + x.len()))
}
