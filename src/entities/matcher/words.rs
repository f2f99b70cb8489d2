//! Word-level helpers of the matcher on the folded key: what a word
//! character is, where words and their proclitics begin, the legal
//! proclitic runs, the first-word filter and the exact-spelling test.

/// Removes harakat and tatweel, which the exact comparison ignores.
pub(super) fn strip_marks(s: &str) -> String {
    s.chars().filter(|c| !is_mark(*c)).collect()
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Whether `got` (from the text) is `exact` once marks are removed, or is
/// it with the article when `exact` has one (either way round), without
/// allocating.
pub(super) fn same_spelling(got: &str, exact: &str) -> bool {
    let plain = || got.chars().filter(|c| !is_mark(*c));
    if plain().eq(exact.chars()) {
        return true;
    }
    let want = exact.strip_prefix(ARTICLE).unwrap_or(exact);
    let mut g = plain();
    g.next() == Some('ا') && g.next() == Some('ل') && g.eq(want.chars())
}

/// Letters and digits; the Arabic and ASCII ranges are answered without
/// the Unicode tables, which this hot loop felt.
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' => true,
        ' ' | '\n' | '\t' | '.' | ',' | '،' | '"' | '(' | ')' | ':' | '-' => false,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

pub(super) const ARTICLE: &str = "ال";

/// Size of the first-word filter (a power of two).
pub(super) const FILTER_BITS: usize = 1 << 16;

/// A cheap hash of a word for the filter: its length and three of its
/// bytes (the second byte of an Arabic letter tells letters apart).
pub(super) fn signature(w: &[u8]) -> usize {
    let n = w.len();
    let at = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let h = (n as u32).wrapping_mul(0x9E37_79B1)
        ^ at(1) << 8
        ^ at(n.wrapping_sub(1)) << 16
        ^ at(n.wrapping_sub(3)) << 24;
    (h.wrapping_mul(0x85EB_CA6B) >> 16) as usize & (FILTER_BITS - 1)
}

/// The word characters `k` begins with.
pub(super) fn first_word(k: &str) -> &str {
    k.find(|c: char| !is_word_char(c)).map_or(k, |i| &k[..i])
}

/// Whether the character at byte `i` of `key` (a char boundary) is a word
/// character, and its length: [`is_word_char`], with ASCII and the Arabic
/// letters U+0621–U+064A read straight from the bytes.
#[inline]
fn word_char_at(key: &str, i: usize) -> (bool, usize) {
    let b = key.as_bytes();
    let x = b[i];
    if x < 0x80 {
        return (x.is_ascii_alphanumeric(), 1);
    }
    // U+0621..=U+064A is D8 A1..=D9 8A in UTF-8; what lies between those
    // two byte pairs is not valid UTF-8, so one range test on both bytes
    // answers for all the Arabic letters.
    let pair = u16::from_be_bytes([x, b.get(i + 1).copied().unwrap_or(0)]);
    if (0xD8A1..=0xD98A).contains(&pair) {
        return (true, 2);
    }
    word_char_slow(key, i)
}

#[cold]
fn word_char_slow(key: &str, i: usize) -> (bool, usize) {
    key.get(i..)
        .and_then(|s| s.chars().next())
        .map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
}

/// A run of word characters of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word {
    /// Byte range in the key.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where its first ASCII digit is, if it has one.
    pub(super) digit: Option<usize>,
}

/// The next run of word characters at or after `from`, and its first digit.
#[inline]
pub(super) fn next_word(key: &str, from: usize) -> Option<Word> {
    let b = key.as_bytes();
    let mut i = from;
    let start = loop {
        if i >= b.len() {
            return None;
        }
        let (word, n) = word_char_at(key, i);
        if word {
            break i;
        }
        i += n;
    };
    let mut digit = None;
    while i < b.len() {
        if b[i].is_ascii_digit() && digit.is_none() {
            digit = Some(i);
        }
        let (word, n) = word_char_at(key, i);
        if !word {
            break;
        }
        i += n;
    }
    Some(Word {
        start,
        end: i,
        digit,
    })
}

/// UTF-8 of the proclitic letters: و and ف may open a word, ب ك ل follow
/// them or open it.
const WAW: [u8; 2] = [0xD9, 0x88];
const FA: [u8; 2] = [0xD9, 0x81];
const BA: [u8; 2] = [0xD8, 0xA8];
const KAF: [u8; 2] = [0xD9, 0x83];
const LAM: [u8; 2] = [0xD9, 0x84];

/// Where a name can begin in `word`: at its start, after one proclitic
/// (و ف ب ك ل) or after two (و/ف then ب/ك/ل). The rules of each key are
/// checked afterwards.
#[inline]
pub(super) fn proclitic_starts(word: &str) -> impl Iterator<Item = usize> {
    let b = word.as_bytes();
    let letter = |i: usize| b.get(i..i + 2).and_then(|s| <[u8; 2]>::try_from(s).ok());
    let first = letter(0);
    let conj = matches!(first, Some(WAW | FA));
    let one = conj || matches!(first, Some(BA | KAF | LAM));
    let two = conj && matches!(letter(2), Some(BA | KAF | LAM));
    let len = word.len();
    [Some(0), one.then_some(2), two.then_some(4)]
        .into_iter()
        .flatten()
        .filter(move |&s| s < len)
}

/// The start of the run of word characters that ends at `s`.
pub(super) fn word_start(key: &str, s: usize) -> usize {
    key[..s]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(s, |(i, _)| i)
}

/// `[وف]?[بكل]?` (with `allow_lam`), or `[وف]?[بك]?` before the article.
pub(super) fn legal_prefix(p: &str, allow_lam: bool) -> bool {
    let mut chars = p.chars().peekable();
    if matches!(chars.peek(), Some('و' | 'ف')) {
        chars.next();
    }
    match chars.next() {
        None => true,
        Some('ب' | 'ك') => chars.next().is_none(),
        Some('ل') if allow_lam => chars.next().is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    #[test]
    fn words_and_their_first_digit() {
        let key = fold("في 12 اكتوبر2020، و«CSTO»ب2").key;
        let mut words = Vec::new();
        let mut pos = 0;
        while let Some(w) = next_word(&key, pos) {
            words.push((&key[w.start..w.end], w.digit.map(|d| d - w.start)));
            pos = w.end;
        }
        assert_eq!(
            words,
            [
                ("في", None),
                ("12", Some(0)),
                ("اكتوبر2020", Some(12)),
                ("و", None),
                ("csto", None),
                ("ب2", Some(2)),
            ]
        );
    }

    #[test]
    fn proclitic_starts_by_bytes() {
        let starts = |w: &str| proclitic_starts(w).collect::<Vec<_>>();
        assert_eq!(starts("روسيا"), [0]);
        assert_eq!(starts("لروسيا"), [0, 2]);
        assert_eq!(starts("وبروسيا"), [0, 2, 4]);
        assert_eq!(starts("فلروسيا"), [0, 2, 4]);
        assert_eq!(starts("بلروسيا"), [0, 2]);
        assert_eq!(starts("وو"), [0, 2]);
        assert_eq!(starts("وب"), [0, 2]);
        assert_eq!(starts("و"), [0]);
        assert_eq!(starts("abc"), [0]);
    }

    #[test]
    fn byte_word_test_agrees_with_the_char_one() {
        let text = "أ ب،ـ ٠ a9 \u{0620}\u{064B}\u{066E}\u{0671}ۀ é\u{200F}؟-x";
        let key = fold(text).key;
        for (i, c) in key.char_indices() {
            assert_eq!(
                word_char_at(&key, i),
                (is_word_char(c), c.len_utf8()),
                "{c:?}"
            );
        }
    }
}
