//! A fast resolver of bidi levels for the common paragraph: no explicit
//! embeddings, overrides, isolates or bidi marks, so the paragraph is a single
//! isolating run sequence at the paragraph level (UAX #9 X1–X10 are trivial).
//! It applies W1–W7, N0–N2 and I1–I2 to one class per grapheme cluster, which
//! is valid because a simple cluster is a base character followed only by
//! marks (NSM, which take the base's type by W1) and joiners (BN, removed by
//! X9). Anything else goes through unicode-bidi; a property test checks that
//! both agree.

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::{BidiDataSource, HardcodedBidiData};

/// Maximum depth of the bracket stack (BD16).
const MAX_BRACKETS: usize = 63;

/// Resolves the levels of `classes` (the original class of each cluster's
/// base; overwritten) in a paragraph of level 0 or 1. `base(i)` is the base
/// character of item `i`, used for bracket pairs.
pub fn resolve_simple(
    classes: &mut [BidiClass],
    base: impl Fn(usize) -> char,
    rtl: bool,
) -> Vec<u8> {
    let e = if rtl { R } else { L };
    let sos = e;
    if rtl && !classes.contains(&L) {
        return numbers_in_rtl(classes);
    }
    weak(classes, sos);
    brackets(classes, &base, e, sos);
    neutral(classes, e, sos);
    classes
        .iter()
        .map(|&c| match (rtl, c) {
            (false, R) => 1,
            (false, AN | EN) => 2,
            (false, _) => 0,
            (true, L | EN | AN) => 2,
            (true, _) => 1,
        })
        .collect()
}

/// Levels of a right-to-left paragraph without L: every strong type,
/// numbers included, counts as R for N0–N2, so brackets and other neutrals
/// resolve to R (level 1) and only numbers after W1–W5 get level 2.
fn numbers_in_rtl(cls: &mut [BidiClass]) -> Vec<u8> {
    // W1–W3 (NSM takes the previous type; EN after AL is AN).
    let mut prev = R;
    let mut after_al = false;
    let mut any_number = false;
    for c in cls.iter_mut() {
        if *c == NSM {
            *c = prev;
        }
        prev = *c;
        match *c {
            AL => after_al = true,
            R => after_al = false,
            EN if after_al => *c = AN,
            _ => {}
        }
        any_number |= matches!(*c, EN | AN);
    }
    if !any_number {
        return vec![1; cls.len()];
    }
    // W4: a single separator between two numbers of the same kind.
    for i in 1..cls.len().saturating_sub(1) {
        let (a, b) = (cls[i - 1], cls[i + 1]);
        match cls[i] {
            ES | CS if a == EN && b == EN => cls[i] = EN,
            CS if a == AN && b == AN => cls[i] = AN,
            _ => {}
        }
    }
    // W5 (terminators next to European numbers), then the levels.
    let mut levels: Vec<u8> = cls
        .iter()
        .map(|&c| if matches!(c, EN | AN) { 2 } else { 1 })
        .collect();
    let mut i = 0;
    while i < cls.len() {
        if cls[i] != ET {
            i += 1;
            continue;
        }
        let start = i;
        while i < cls.len() && cls[i] == ET {
            i += 1;
        }
        let before = start > 0 && cls[start - 1] == EN;
        let after = i < cls.len() && cls[i] == EN;
        if before || after {
            levels[start..i].iter_mut().for_each(|l| *l = 2);
        }
    }
    levels
}

/// W1–W7.
fn weak(cls: &mut [BidiClass], sos: BidiClass) {
    // W1–W3 in one pass: NSM takes the previous type (as resolved by W1);
    // EN after AL is AN; AL is R.
    let mut prev = sos;
    let mut last_strong = sos;
    for c in cls.iter_mut() {
        if *c == NSM {
            *c = prev;
        }
        prev = *c;
        match *c {
            L | R => last_strong = *c,
            AL => {
                last_strong = AL;
                *c = R;
            }
            EN if last_strong == AL => *c = AN,
            _ => {}
        }
    }
    // W4: a single separator between two numbers of the same kind.
    for i in 1..cls.len().saturating_sub(1) {
        let (a, b) = (cls[i - 1], cls[i + 1]);
        match cls[i] {
            ES if a == EN && b == EN => cls[i] = EN,
            CS if a == EN && b == EN => cls[i] = EN,
            CS if a == AN && b == AN => cls[i] = AN,
            _ => {}
        }
    }
    // W5: terminators next to European numbers become EN.
    let mut i = 0;
    while i < cls.len() {
        if cls[i] != ET {
            i += 1;
            continue;
        }
        let start = i;
        while i < cls.len() && cls[i] == ET {
            i += 1;
        }
        let before = start > 0 && cls[start - 1] == EN;
        let after = i < cls.len() && cls[i] == EN;
        if before || after {
            cls[start..i].iter_mut().for_each(|c| *c = EN);
        }
    }
    // W6 and W7.
    let mut last_strong = sos;
    for c in cls.iter_mut() {
        match *c {
            ES | ET | CS => *c = ON,
            L | R => last_strong = *c,
            EN if last_strong == L => *c = L,
            _ => {}
        }
    }
}

/// Strong direction of a resolved type for N0–N2 (EN and AN count as R).
fn strong(c: BidiClass) -> Option<BidiClass> {
    match c {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// N0: paired brackets.
fn brackets(cls: &mut [BidiClass], base: &impl Fn(usize) -> char, e: BidiClass, sos: BidiClass) {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in cls.iter().enumerate() {
        if c != ON {
            continue;
        }
        let ch = base(i);
        // The only ASCII brackets; skips the table search for quotes, dashes.
        if ch.is_ascii() && !matches!(ch, '(' | ')' | '[' | ']' | '{' | '}') {
            continue;
        }
        let Some(b) = HardcodedBidiData.bidi_matched_opening_bracket(ch) else {
            continue;
        };
        if b.is_open {
            if stack.len() == MAX_BRACKETS {
                break;
            }
            stack.push((b.opening, i));
        } else if let Some(k) = stack.iter().rposition(|&(o, _)| o == b.opening) {
            pairs.push((stack[k].1, i));
            stack.truncate(k);
        }
    }
    pairs.sort_unstable();
    let not_e = if e == L { R } else { L };
    for (open, close) in pairs {
        let mut found_e = false;
        let mut found_not_e = false;
        for &c in &cls[open + 1..close] {
            match strong(c) {
                Some(s) if s == e => {
                    found_e = true;
                    break;
                }
                Some(_) => found_not_e = true,
                None => {}
            }
        }
        let set = if found_e {
            e
        } else if found_not_e {
            let before = cls[..open]
                .iter()
                .rev()
                .find_map(|&c| strong(c))
                .unwrap_or(sos);
            if before == not_e {
                not_e
            } else {
                e
            }
        } else {
            continue;
        };
        cls[open] = set;
        cls[close] = set;
    }
}

/// N1 and N2: runs of neutrals take the direction around them, or `e`.
fn neutral(cls: &mut [BidiClass], e: BidiClass, sos: BidiClass) {
    let ni = |c: BidiClass| matches!(c, B | S | WS | ON | LRI | RLI | FSI | PDI);
    let mut prev = sos;
    let mut i = 0;
    while i < cls.len() {
        if !ni(cls[i]) {
            prev = strong(cls[i]).unwrap_or(prev);
            i += 1;
            continue;
        }
        let start = i;
        while i < cls.len() && ni(cls[i]) {
            i += 1;
        }
        let next = if i < cls.len() {
            strong(cls[i]).unwrap_or(e)
        } else {
            sos
        };
        let set = if prev == next { prev } else { e };
        cls[start..i].iter_mut().for_each(|c| *c = set);
    }
}
