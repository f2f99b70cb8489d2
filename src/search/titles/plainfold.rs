//! The cleanliness check and the search fold of a title in one pass.
//!
//! Nearly every title of a generated or scraped list is "plain" (see
//! [`super::clean`]): then cleaning keeps it as it is, and its fold is what
//! [`fold_into`](crate::search::fuzzy::fold_into) gives. Checking and folding
//! walk the same characters, so [`fold_plain`] does both, with one table
//! lookup per Arabic-script character.

use crate::search::fuzzy::char_bit;
use crate::text::fold::fold_char;

/// What a character U+0600..U+06FF is to the check and the fold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter U+0621..U+064A the fold keeps: its mask bit.
    Letter(u8),
    /// A letter the fold changes (آ أ إ ة ى): what it becomes.
    Changed(char),
    /// Tatweel, which the fold drops.
    Tatweel,
    /// A combining mark the fold drops.
    Dropped,
    /// A mark NFC may compose with the letter before it (U+0653..U+0655):
    /// not plain.
    Composing,
    /// Another combining mark (U+06D6..U+06ED): folded one by one.
    Mark,
    /// Anything else in the block (digits, punctuation, Persian letters…):
    /// folded one by one.
    Other,
}

const fn class(cp: u32) -> Class {
    match cp {
        0x0622 | 0x0623 | 0x0625 => Class::Changed('\u{0627}'),
        0x0629 => Class::Changed('\u{0647}'),
        0x0649 => Class::Changed('\u{064A}'),
        0x0640 => Class::Tatweel,
        0x0621..=0x064A => Class::Letter((cp - 0x0621) as u8),
        0x0653..=0x0655 => Class::Composing,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 => Class::Dropped,
        0x06D6..=0x06ED => Class::Mark,
        _ => Class::Other,
    }
}

/// [`class`] of U+0600 + i.
const CLASSES: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// The letter-mask bit of U+0600 + i (i < 128) when it is a letter the fold
/// keeps as it is, else 0xFF: the common case, looked up first.
const LETTER_BITS: [u8; 128] = {
    let mut t = [0xFF; 128];
    let mut i = 0;
    while i < 128 {
        if let Class::Letter(bit) = CLASSES[i] {
            t[i] = bit;
        }
        i += 1;
    }
    t
};

/// When `text` is plain (printable ASCII and U+0600..U+06FF in words
/// separated by single spaces, no mark after a mark, none of
/// U+0653..U+0655), appends its search fold to `out` and returns the fold's
/// letter mask; otherwise appends nothing and returns `None`.
pub(super) fn fold_plain(out: &mut String, text: &str) -> Option<u64> {
    let before = out.len();
    let folded = fold_or_reject(out, text);
    if folded.is_none() {
        out.truncate(before);
    }
    folded
}

fn fold_or_reject(out: &mut String, text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let (mut space, mut mark) = (true, false);
    let mut mask = 0u64;
    // Start of the bytes not yet copied, all folding to themselves.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x & 0xFE == 0xD8 {
            if let Some(&y) = b.get(i + 1) {
                let bit = LETTER_BITS[(usize::from(x & 1) << 6) | usize::from(y & 0x3F)];
                if bit < 64 {
                    mask |= 1 << bit;
                    (space, mark) = (false, false);
                    i += 2;
                    continue;
                }
            }
        }
        match x {
            b' ' => {
                if space {
                    return None;
                }
                (space, mark) = (true, false);
                i += 1;
            }
            0x21..=0x7E => {
                (space, mark) = (false, false);
                let l = x.to_ascii_lowercase();
                if l != x {
                    out.push_str(text.get(run..i)?);
                    out.push(char::from(l));
                    run = i + 1;
                }
                mask |= char_bit(char::from(l));
                i += 1;
            }
            0xD8..=0xDB => {
                let y = *b.get(i + 1)?;
                let cp = (u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F);
                let c = CLASSES[(cp - 0x0600) as usize & 0xFF];
                let is_mark = matches!(c, Class::Dropped | Class::Mark | Class::Composing);
                if is_mark && (mark || c == Class::Composing) {
                    return None;
                }
                (space, mark) = (false, is_mark);
                match c {
                    Class::Letter(bit) => mask |= 1 << bit,
                    Class::Changed(m) => {
                        out.push_str(text.get(run..i)?);
                        out.push(m);
                        mask |= char_bit(m);
                        run = i + 2;
                    }
                    Class::Dropped | Class::Tatweel => {
                        out.push_str(text.get(run..i)?);
                        run = i + 2;
                    }
                    _ => {
                        out.push_str(text.get(run..i)?);
                        let ch = text.get(i..)?.chars().next()?;
                        fold_char(ch, |f| {
                            out.push(f);
                            mask |= char_bit(f);
                        });
                        run = i + 2;
                    }
                }
                i += 2;
            }
            _ => return None,
        }
    }
    if space {
        return None;
    }
    out.push_str(text.get(run..)?);
    Some(mask)
}

#[cfg(test)]
mod tests {
    use super::super::clean::plain;
    use super::*;
    use crate::search::fuzzy::fold_into;
    use proptest::prelude::*;

    fn check(s: &str) -> Result<(), TestCaseError> {
        let mut out = String::from("x");
        let got = fold_plain(&mut out, s);
        prop_assert_eq!(got.is_some(), plain(s), "{:?}", s);
        let mut want = String::from("x");
        let mask = fold_into(&mut want, s);
        match got {
            Some(m) => {
                prop_assert_eq!(m, mask);
                prop_assert_eq!(out, want);
            }
            None => prop_assert_eq!(out, "x"),
        }
        Ok(())
    }

    #[test]
    fn folds_plain_titles_and_rejects_the_rest() {
        for s in [
            "أذربيجان",
            "إِلى آسيا ـ قرية ى",
            "CSTO-2023 ٢٠٢٣ ک ی",
            "جاهدًا",
            "ب\u{6e1}",
            "",
            " a",
            "a ",
            "a  b",
            "ب\u{651}\u{64e}",
            "ا\u{653}",
            "a\tb",
        ] {
            check(s).map_err(|e| e.to_string()).expect("agrees");
        }
    }

    #[test]
    fn every_arabic_block_character_agrees_in_every_context() {
        // The classes here and the rules of `fold_into` are written by hand;
        // every character of U+0600..U+06FF (and ASCII) is checked against
        // them and against the canonical fold, not only a sample.
        let chars = ('\u{600}'..='\u{6FF}').chain(' '..='~');
        for c in chars {
            for s in [
                format!("{c}"),
                format!("ب{c}"),
                format!("ب{c} a"),
                format!("{c}{c}"),
                format!("A{c}b"),
            ] {
                check(&s).map_err(|e| e.to_string()).expect("agrees");
                let mut folded = String::new();
                fold_into(&mut folded, &s);
                assert_eq!(folded, crate::text::fold::fold_key(&s), "{s:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_plain_and_fold_into(
            s in "[a-zA-Z0-9 \\-\u{600}-\u{6ff}]{0,16}|[ A\u{621}-\u{64a}\u{64b}-\u{656}\u{6d6}-\u{6ed}]{0,12}|\\PC{0,12}"
        ) {
            check(&s)?;
        }
    }
}
