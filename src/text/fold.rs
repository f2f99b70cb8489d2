//! Arabic search folding: the "search key" of a text, with a map back to the
//! original so that matches found on the key can be highlighted in the text.
//!
//! The fold is NFKC per character, then: harakat, Quranic marks, tatweel and
//! invisible format characters removed; alef forms → ا, ى → ي, ة → ه,
//! Persian/Urdu letters → their Arabic counterparts, Arabic-Indic and Persian
//! digits → ASCII, Latin lowercased (research/arabic.md §2.8).

use std::ops::Range;
use unicode_normalization::char::decompose_compatible;

/// A folded text and, for each byte of the key, the byte offset in the original
/// text of the character it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded key.
    pub key: String,
    /// `map[i]` is the original byte offset of the character that produced key
    /// byte `i`; `map[key.len()]` is the length of the original text.
    pub map: Vec<u32>,
}

impl Folded {
    /// Maps a byte range of the key back to a byte range of the original text.
    ///
    /// The end is extended over characters the fold deleted (harakat, tatweel),
    /// so a highlighted word keeps the marks on its last letter.
    pub fn to_original(&self, key_range: Range<usize>) -> Range<usize> {
        let start = self.map[key_range.start.min(self.key.len())] as usize;
        let end = if key_range.end >= self.key.len() {
            self.map[self.key.len()] as usize
        } else {
            self.map[key_range.end] as usize
        };
        start..end.max(start)
    }
}

/// Folds one character; calls `out` with each character of its folded form
/// (none when the character is dropped from the key).
pub fn fold_char(c: char, mut out: impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
        return;
    }
    if is_plain_arabic_letter(c) {
        // Fast path: no decomposition, and Arabic letters have no case.
        if let Some(m) = fold_simple(c) {
            out(m);
        }
        return;
    }
    let mut emit = |d: char| {
        if let Some(m) = fold_simple(d) {
            // The Arabic block has no case; skipping the Unicode case table
            // for it is most of the fold's time on Arabic text.
            if m.is_ascii() {
                out(m.to_ascii_lowercase());
            } else if ('\u{0600}'..='\u{06FF}').contains(&m) || !m.is_uppercase() {
                out(m);
            } else {
                for l in m.to_lowercase() {
                    out(l);
                }
            }
        }
    };
    decompose_compatible(c, &mut emit);
}

/// Arabic letters U+0621..=U+064A need no NFKC; skipping it is the fast path.
fn is_plain_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// The per-character mapping applied after compatibility decomposition.
fn fold_simple(c: char) -> Option<char> {
    Some(match c {
        // harakat, small marks, Quranic annotation marks, tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' => return None,
        '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}' => return None,
        '\u{0640}' => return None,
        // invisible format characters and bidi controls
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{061C}' => return None,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => return None,
        // combining marks outside Arabic (Latin accents after NFKD)
        '\u{0300}'..='\u{036F}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ی' | 'ې' | 'ۍ' | 'ے' => 'ي',
        'ک' | 'ڪ' => 'ك',
        'ھ' | 'ہ' | 'ۀ' | 'ە' => 'ه',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{066B}' => '.',
        '\u{066C}' => ',',
        // typographic quotes and dashes fold to their ASCII forms
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201C}' | '\u{201D}' | '«' | '»' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        _ => c,
    })
}

/// Folds `text` into its search key with the offset map.
pub fn fold(text: &str) -> Folded {
    let mut key = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    fold_bytes(text, &mut key, &mut map);
    // Offsets fit in u32: documents are far below 4 GB.
    map.push(text.len() as u32);
    Folded { key, map }
}

/// Folds `text` into its search key without building the offset map.
pub fn fold_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    fold_bytes(text, &mut key, &mut NoMap);
    key
}

/// Where [`fold_bytes`] records the original offset of each key byte.
trait OffsetMap {
    /// The character at byte `i` of the text added `n` bytes to the key.
    fn char(&mut self, n: usize, i: usize);
    /// `text[run]` (ASCII and two-byte characters only) was copied as is.
    fn run(&mut self, text: &[u8], run: Range<usize>);
}

/// For [`fold_key`]: no map.
struct NoMap;

impl OffsetMap for NoMap {
    fn char(&mut self, _: usize, _: usize) {}
    fn run(&mut self, _: &[u8], _: Range<usize>) {}
}

impl OffsetMap for Vec<u32> {
    fn char(&mut self, n: usize, i: usize) {
        for _ in 0..n {
            self.push(i as u32);
        }
    }
    fn run(&mut self, text: &[u8], run: Range<usize>) {
        // A continuation byte belongs to the character one byte before.
        self.extend(run.map(|j| (j - usize::from(text[j] & 0xC0 == 0x80)) as u32));
    }
}

/// The fold of the two-byte characters U+0600..=U+067F (the Arabic letters,
/// harakat, digits and punctuation of news text), read straight from the
/// bytes. Computed from [`fold_char`], so it cannot disagree with it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Short {
    /// Folds to itself.
    Same,
    /// Dropped from the key (harakat, tatweel, format characters).
    Drop,
    /// Folds to one other character.
    To(char),
    /// Anything else: the general path.
    Other,
}

fn short_table() -> &'static [Short; 128] {
    static T: std::sync::OnceLock<[Short; 128]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [Short::Other; 128];
        for (k, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(0x0600 + k as u32) else {
                continue;
            };
            let mut out: Vec<char> = Vec::new();
            fold_char(c, |f| out.push(f));
            *slot = match out.as_slice() {
                [] => Short::Drop,
                [f] if *f == c => Short::Same,
                [f] => Short::To(*f),
                _ => Short::Other,
            };
        }
        t
    })
}

/// Appends the fold of `text` to `key` and the offsets to `map`. Runs of
/// characters that fold to themselves (ASCII other than capitals, most
/// Arabic letters) are copied whole; the other characters of
/// U+0600..=U+067F come from a table; the rest go through [`fold_char`].
fn fold_bytes(text: &str, key: &mut String, map: &mut impl OffsetMap) {
    let table = short_table();
    let b = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let short = if x < 0x80 {
            if !x.is_ascii_uppercase() {
                i += 1;
                continue;
            }
            Short::To(char::from(x.to_ascii_lowercase()))
        } else if x & 0xFE == 0xD8 {
            // A two-byte sequence (the text is UTF-8): U+0600 + the low bit
            // of the lead byte and the low 6 bits of the next.
            let y = b.get(i + 1).copied().unwrap_or(0);
            table[(usize::from(x & 1) << 6) | usize::from(y & 0x3F)]
        } else {
            Short::Other
        };
        if short == Short::Same {
            i += 2;
            continue;
        }
        key.push_str(&text[run..i]);
        map.run(b, run..i);
        let n = match short {
            Short::Drop => 2,
            Short::To(f) => {
                key.push(f);
                map.char(f.len_utf8(), i);
                if x < 0x80 {
                    1
                } else {
                    2
                }
            }
            Short::Same | Short::Other => {
                let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                    break;
                };
                fold_char(c, |f| {
                    key.push(f);
                    map.char(f.len_utf8(), i);
                });
                c.len_utf8()
            }
        };
        i += n;
        run = i;
    }
    key.push_str(&text[run..]);
    map.run(b, run..b.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, expected: &str) {
        assert_eq!(fold_key(input), expected, "fold({input:?})");
        assert_eq!(fold(input).key, expected);
    }

    #[test]
    fn fold_table() {
        case("أذربيجان", "اذربيجان");
        case("إيران", "ايران");
        case("آسيا", "اسيا");
        case("ٱلله", "الله");
        case("مستشفى", "مستشفي");
        case("القاهرة", "القاهره");
        case("تُدفّع", "تدفع");
        case("الســـلام", "السلام");
        case("٢٠٢٣", "2023");
        case("۱۴۰۲", "1402");
        case("CSTO", "csto");
        case("MiG-29", "mig-29");
        case("کرد ی", "كرد ي");
        case("\u{FEFB}", "لا"); // lam-alef ligature presentation form
        case("\u{FE8D}\u{FEDF}", "ال"); // presentation forms
        case("a\u{200F}b\u{202B}c", "abc");
        case("«قره باغ»", "\"قره باغ\"");
        case("Café", "cafe");
    }

    #[test]
    fn offset_map_round_trips_through_deleted_marks() {
        let text = "هل تُدفّع موسكو";
        let f = fold(text);
        let k = f.key.find("تدفع").unwrap();
        let r = f.to_original(k..k + "تدفع".len());
        assert_eq!(&text[r], "تُدفّع");
        let k = f.key.find("موسكو").unwrap();
        assert_eq!(&text[f.to_original(k..k + "موسكو".len())], "موسكو");
    }

    /// The fold as first written, one `fold_char` call per character: the
    /// byte-wise fast path must give the same key and map.
    fn fold_reference(text: &str) -> Folded {
        let mut key = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            fold_char(c, |f| {
                let before = key.len();
                key.push(f);
                map.extend(std::iter::repeat_n(i as u32, key.len() - before));
            });
        }
        map.push(text.len() as u32);
        Folded { key, map }
    }

    /// Characters of Arabic news text and its neighbours: ASCII, Latin with
    /// accents, the Arabic block (letters, harakat, digits, tatweel,
    /// punctuation), Persian letters, presentation forms (lam-alef
    /// ligatures), bidi and format controls, quotes and dashes, and any
    /// other character.
    fn news_char() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        let range = |a: u32, b: u32| (a..=b).prop_filter_map("char", char::from_u32);
        prop_oneof![
            4 => range(0x20, 0x7E),
            8 => range(0x0600, 0x06FF),
            3 => range(0x064B, 0x0670),
            2 => range(0x0621, 0x064A),
            2 => range(0xFEF5, 0xFEFC),
            1 => range(0xFB50, 0xFDFF),
            1 => range(0xFE70, 0xFEFF),
            1 => range(0x00A0, 0x024F),
            1 => range(0x2000, 0x206F),
            1 => range(0x0750, 0x08FF),
            1 => any::<char>(),
            1 => Just('\n'),
            1 => Just(' '),
        ]
    }

    proptest::proptest! {
        #[test]
        fn fast_fold_matches_the_reference(
            chars in proptest::collection::vec(news_char(), 0..200)
        ) {
            let text: String = chars.into_iter().collect();
            let want = fold_reference(&text);
            proptest::prop_assert_eq!(&fold(&text), &want);
            proptest::prop_assert_eq!(&fold_key(&text), &want.key);
        }
    }

    #[test]
    fn fast_fold_matches_the_reference_on_every_two_byte_arabic_char() {
        let text: String = (0x0600..0x0680u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'ب', c, ' '])
            .collect();
        assert_eq!(fold(&text), fold_reference(&text));
    }

    #[test]
    fn offset_map_covers_every_key_byte() {
        let text = "وأرمينيا ٢٠٢٠ ﻻ MiG";
        let f = fold(text);
        assert_eq!(f.map.len(), f.key.len() + 1);
        for w in f.map.windows(2) {
            assert!(w[0] <= w[1]);
        }
        for (i, _) in f.key.char_indices() {
            assert!(text.is_char_boundary(f.map[i] as usize));
        }
    }
}
