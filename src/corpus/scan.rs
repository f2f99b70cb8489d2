//! One pass over the bytes of decoded text that answers the two questions
//! the loader asks of every document: does anything need sanitising, and is
//! the text surely in NFC already? Most documents need nothing, and then no
//! other pass over them is made before splitting.

use unicode_normalization::char::canonical_combining_class;

/// What [`scan`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    /// Byte offset of the first character the sanitiser must handle.
    pub first_unsafe: Option<usize>,
    /// The text is surely NFC (`false`: not sure, run the full check).
    pub surely_nfc: bool,
}

/// Whether byte `b`, after byte `prev`, needs a closer look: C0 controls
/// but LF, DEL, every lead byte except those of plain Latin (U+00C0–U+02FF)
/// and Arabic letters (U+0600–U+06BF), and the second bytes of the Arabic
/// marks U+0610–U+061A (D8 90–9A), U+064B–U+065F (D9 8B–9F) and U+0670
/// (D9 B0); U+06D6–U+06ED have the candidate lead DB. Everything else is
/// text that is safe and composed. Looking at the lead of a second byte
/// keeps `،` (D8 8C) and `ذ` (D8 B0), a quarter of all Arabic candidates
/// otherwise, out. Branch-free, so that a chunk is tested with SIMD compares.
#[inline(always)]
fn candidate(prev: u8, b: u8) -> bool {
    let single = ((b < 0x20) & (b != 0x0a))
        | (b == 0x7f)
        | (b == 0xC2)
        | (b.wrapping_sub(0xCC) <= 0xD7 - 0xCC)
        | (b >= 0xDB);
    let d9_mark = (prev == 0xD9) & ((b.wrapping_sub(0x8B) <= 0x9F - 0x8B) | (b == 0xB0));
    let d8_mark = (prev == 0xD8) & (b.wrapping_sub(0x90) <= 0x9A - 0x90);
    single | d9_mark | d8_mark
}

/// Bytes tested at once before looking at single bytes.
const CHUNK: usize = 32;

/// Whether any byte of `cur` is a candidate; `prev` is `cur` shifted back by
/// one byte.
fn any_candidate(prev: &[u8; CHUNK], cur: &[u8; CHUNK]) -> bool {
    prev.iter()
        .zip(cur)
        .fold(0u8, |a, (&p, &b)| a | u8::from(candidate(p, b)))
        != 0
}

/// Characters the sanitiser removes or rewrites.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        || ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// Characters known to be NFC_QC=Yes with combining class 0 (besides the
/// Arabic marks, handled apart).
fn known_starter(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{2FF}' | '\u{600}'..='\u{6FF}' | '\u{2010}'..='\u{2027}')
}

/// Scans `text` once. After the first unsafe character the NFC answer is
/// "not sure": the sanitiser rewrites the text anyway.
pub fn scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut surely_nfc = true;
    let (mut mark_end, mut last_ccc) = (0usize, 0u8);
    let mut i = 0;
    let chunk = |at: usize| <&[u8; CHUNK]>::try_from(b.get(at..at + CHUNK)?).ok();
    while i < b.len() {
        // Skip whole chunks without a candidate, then step to the first one.
        if let (Some(prev), Some(cur)) = (i.checked_sub(1).and_then(chunk), chunk(i)) {
            if !any_candidate(prev, cur) {
                i += CHUNK;
                continue;
            }
            let first = prev.iter().zip(cur).position(|(&p, &b)| candidate(p, b));
            i += first.unwrap_or(0);
        }
        let prev = i.checked_sub(1).map_or(0, |p| b[p]);
        if !candidate(prev, b[i]) {
            i += 1;
            continue;
        }
        // A candidate continuation byte belongs to a two-byte character
        // whose lead was not a candidate: start there.
        let start = if (0x80..0xC0).contains(&b[i]) {
            i - 1
        } else {
            i
        };
        let Some(c) = text.get(start..).and_then(|t| t.chars().next()) else {
            i += 1;
            continue;
        };
        if is_unsafe(c) {
            return Scan {
                first_unsafe: Some(start),
                surely_nfc: false,
            };
        }
        let cp = u32::from(c);
        if matches!(cp, 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6ED) {
            let ccc = canonical_combining_class(c);
            if (0x653..=0x655).contains(&cp) || (start == mark_end && ccc != 0 && last_ccc > ccc) {
                surely_nfc = false;
            }
            last_ccc = ccc;
            mark_end = start + c.len_utf8();
        } else if !known_starter(c) {
            surely_nfc = false;
        }
        i = start + c.len_utf8();
    }
    Scan {
        first_unsafe: None,
        surely_nfc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seeds_are_clean_and_composed() {
        let seed = include_str!("../../seeds/002_c82f50676b35041e.txt");
        let s = scan(seed);
        assert_eq!(s.first_unsafe, None);
        assert_eq!(s.surely_nfc, unicode_normalization::is_nfc(seed));
    }

    #[test]
    fn every_mark_and_unsafe_character_is_a_candidate() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let cp = u32::from(c);
            let mark = matches!(cp, 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6ED);
            if !(mark || is_unsafe(c) || (!known_starter(c) && cp >= 0x80)) {
                continue;
            }
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let hit = (0..bytes.len())
                .any(|i| candidate(i.checked_sub(1).map_or(0, |p| bytes[p]), bytes[i]));
            assert!(hit, "{c:?} U+{cp:04X}");
        }
    }

    #[test]
    fn table() {
        assert_eq!(scan("abc\u{1b}x").first_unsafe, Some(3));
        assert_eq!(scan("ب\u{85}").first_unsafe, Some(2));
        assert_eq!(scan("ب\u{a0}").first_unsafe, None);
        assert_eq!(scan("x\u{202E}").first_unsafe, Some(1));
        assert_eq!(scan("x\u{2069}").first_unsafe, Some(1));
        assert_eq!(scan("“x” – …").first_unsafe, None);
        assert!(scan("“x” – …").surely_nfc);
        assert!(!scan("ب\u{651}\u{64e}").surely_nfc);
        assert!(scan("ب\u{64e}\u{651}").surely_nfc);
        assert!(!scan("ا\u{654}").surely_nfc);
        assert!(!scan("e\u{301}").surely_nfc);
        assert!(!scan("ب\u{651}\u{64e}ب\u{651}").surely_nfc);
        assert!(scan("ب\u{651}ب\u{64e}").surely_nfc);
    }

    proptest! {
        #[test]
        fn agrees_with_char_checks(
            s in "[a-z\\n\\x00-\\x1f\\x7f-\\x{a0}é\\u{600}-\\u{6ff}\\u{2010}-\\u{206f}\\u{300}\\u{feff}]{0,80}"
        ) {
            let got = scan(&s);
            let want = s.char_indices().find(|&(_, c)| is_unsafe(c)).map(|(i, _)| i);
            prop_assert_eq!(got.first_unsafe, want);
            if got.surely_nfc {
                prop_assert!(unicode_normalization::is_nfc(&s));
            }
        }
    }
}
