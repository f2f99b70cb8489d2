//! The cleanliness check of title fields: a field that is already safe,
//! NFC and single-line is referenced in the file's text, not copied.

use std::borrow::Cow;

use crate::corpus;

/// A field made safe and single-line, as the corpus loader does.
pub(super) fn clean(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let t = corpus::decode::nfc(corpus::sanitize::sanitize(s.to_string()).text);
    Cow::Owned(t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// [`clean`] of a string that may be owned already (kept as it is when
/// clean).
pub(super) fn clean_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => clean(b),
        Cow::Owned(o) if is_clean(&o) => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(clean(&o).into_owned()),
    }
}

/// Whether [`clean`] would leave `s` as it is: nothing to sanitise, surely
/// NFC, single spaces between words and no other white space (only
/// characters with the lead bytes C2, E1, E2 and E3 are decoded to check).
fn is_clean(s: &str) -> bool {
    plain(s) || is_clean_slow(s)
}

/// The common case of [`is_clean`], decided without decoding most of the
/// text: printable ASCII and Arabic-script characters (U+0600..U+06FF) in
/// words separated by single spaces, where a combining mark never follows
/// another mark (the order of marks is what NFC might change) and is none
/// of U+0653..U+0655 (which compose with the letter before them).
pub(super) fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut space, mut mark) = (true, false);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        match x {
            b' ' if space => return false,
            b' ' => (space, mark) = (true, false),
            0x21..=0x7E => (space, mark) = (false, false),
            0xD8..=0xDB => {
                let Some(&y) = b.get(i + 1) else {
                    return false;
                };
                let cp = (u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F);
                let is_mark = matches!(cp, 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6ED);
                if is_mark && (mark || matches!(cp, 0x653..=0x655)) {
                    return false;
                }
                (space, mark) = (false, is_mark);
                i += 2;
                continue;
            }
            _ => return false,
        }
        i += 1;
    }
    !space
}

fn is_clean_slow(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev = 0u8;
    for (i, &x) in b.iter().enumerate() {
        let bad = match x {
            b' ' => prev == b' ',
            b'\t'..=b'\r' => true,
            0xC2 | 0xE1..=0xE3 => s
                .get(i..)
                .and_then(|t| t.chars().next())
                .is_none_or(char::is_whitespace),
            _ => false,
        };
        if bad {
            return false;
        }
        prev = x;
    }
    corpus::scan::scan(s)
        == corpus::scan::Scan {
            first_unsafe: None,
            surely_nfc: true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `clean` does when the text is not clean.
    fn clean_slow(s: &str) -> String {
        let t = corpus::decode::nfc(corpus::sanitize::sanitize(s.to_string()).text);
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn clean_titles_are_kept_and_others_cleaned() {
        for s in ["روسيا وأرمينيا", "CSTO 2023", "جاهدًا", "“x” – …"] {
            assert!(is_clean(s), "{s}");
        }
        assert!(plain("روسيا وأرمينيا CSTO-2023"));
        for s in [
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "x\u{202E}y",
            "ب\u{651}\u{64e}",
            "a\u{1b}[2Jb",
            "a\u{2003}b",
        ] {
            assert!(!is_clean(s), "{s:?}");
            assert_eq!(clean(s), clean_slow(s), "{s:?}");
        }
    }

    proptest! {
        /// The fast check never keeps a string that cleaning would change.
        #[test]
        fn is_clean_implies_unchanged(
            s in "[a-z \\t\\n\\u{a0}\\u{85}\\u{1b}\\u{600}-\\u{6ff}\\u{2000}-\\u{206f}\\u{3000}\\u{300}\\u{feff}]{0,12}|\\PC{0,12}"
        ) {
            if is_clean(&s) {
                prop_assert_eq!(clean_slow(&s), s.clone());
            }
            if plain(&s) {
                prop_assert!(is_clean_slow(&s));
            }
        }
    }
}
