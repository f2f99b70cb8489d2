//! Clitic-aware gazetteer matching on the folded text (research/arabic.md §3).
//!
//! Every alias is folded and filed under its first word. A hit is accepted
//! only when it ends a word and what precedes it in its word is a legal run
//! of proclitics, `[وف]?[بكل]?` (no ل before the article: ل + ال is written
//! لل, which gets its own key). So each word of the text is looked up whole,
//! less one and less two leading letters: the same hits an automaton over
//! every byte would accept, at a fraction of the cost. Names of three
//! letters or fewer must match their exact spelling, hamza included, and
//! tokens on the stop list are never tagged. Overlapping hits are resolved
//! longest first. The same lookups find month names, relative date words
//! and boilerplate markers, so one pass serves dates and boilerplate too.

use std::ops::Range;

use super::boilerplate::TAIL_MARKERS;
use super::dates::{anchor_words, month_stands_alone, Anchors};
use super::fast::{FxHashMap, FxHashSet, Taken};
use super::gazetteer::{letter_count, Gazetteer};
use crate::text::fold::{fold_key, Folded};

/// Whether a hit is the name itself or an adjective derived from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// The entity's name or an alias.
    Name,
    /// A demonym (nisba adjective) of the entity: الروسي, الأرمنية.
    Demonym,
}

/// A gazetteer hit: byte range in the original text, entry index, kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// Name or demonym.
    pub kind: MentionKind,
}

/// How a pattern may be preceded inside its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// A name without the article: `[وف]?[بكل]?`.
    Bare,
    /// A name with the article: `[وف]?[بك]?`.
    Article,
    /// The لل form of an article name: only `[وف]?`; the first ل is dropped
    /// from the mention.
    Lil,
    /// Latin: nothing may precede it.
    Latin,
}

#[derive(Debug, Clone)]
struct Pattern {
    entry: usize,
    kind: MentionKind,
    prefix: Prefix,
    /// For short names: the exact spelling (marks removed) the text must have.
    exact: Option<String>,
    /// No space inside: the whole token can be checked against the stop list.
    single_word: bool,
}

/// What a key of the automaton is besides a name: a date anchor or a
/// boilerplate marker, so that one pass over the text finds all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extra {
    None,
    Month,
    Relative,
    /// Index in [`super::boilerplate::TAIL_MARKERS`].
    Tail(usize),
}

/// Everything one pass of the automaton finds in a document.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Accepted gazetteer hits, sorted by start.
    pub hits: Vec<Hit>,
    /// Where dates can be.
    pub anchors: Anchors,
    /// Boilerplate tail markers: `(start in the key, marker index)`.
    pub tails: Vec<(usize, usize)>,
}

/// The compiled matcher for a gazetteer.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Keys by their first word (the word characters before the first other
    /// character): a text word, less its proclitics, is looked up here.
    by_first: FxHashMap<Box<str>, Vec<u32>>,
    /// One bit per [`signature`] of the words in `by_first`: most text words
    /// are no key's first word and are turned away here, without hashing.
    filter: Vec<u64>,
    /// Keys that do not begin with a word character (searched as substrings).
    odd: Vec<u32>,
    /// The folded keys.
    keys: Vec<Box<str>>,
    /// The gazetteer pattern of each key (none for keys only in `extra`).
    patterns: Vec<Option<Pattern>>,
    extra: Vec<Extra>,
    stop: FxHashSet<String>,
}

/// Removes harakat and tatweel, which the exact comparison ignores.
fn strip_marks(s: &str) -> String {
    s.chars().filter(|c| !is_mark(*c)).collect()
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Whether `got` (from the text) is `exact` once marks are removed, or is
/// it with the article when `exact` has one (either way round), without
/// allocating.
fn same_spelling(got: &str, exact: &str) -> bool {
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
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' => true,
        ' ' | '\n' | '\t' | '.' | ',' | '،' | '"' | '(' | ')' | ':' | '-' => false,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

const ARTICLE: &str = "ال";

impl Matcher {
    /// Compiles the matcher for `g`.
    pub fn new(g: &Gazetteer) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Option<Pattern>> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut push = |key: String, p: Pattern| {
            if !key.is_empty() && !seen.contains_key(&key) {
                seen.insert(key.clone(), keys.len());
                keys.push(key);
                patterns.push(Some(p));
            }
        };
        for (i, e) in g.entries.iter().enumerate() {
            let forms = e
                .aliases
                .iter()
                .map(|a| (a, MentionKind::Name))
                .chain(e.demonyms.iter().map(|d| (d, MentionKind::Demonym)));
            for (alias, kind) in forms {
                let plain = strip_marks(alias.trim());
                let key = fold_key(&plain);
                let short = letter_count(&key) <= 3;
                let exact = short.then(|| plain.clone());
                let single_word = !key.contains(' ');
                let pat = |prefix| Pattern {
                    entry: i,
                    kind,
                    prefix,
                    exact: exact.clone(),
                    single_word,
                };
                if key.is_ascii() {
                    push(key, pat(Prefix::Latin));
                    continue;
                }
                // The article only when written ال (أل/إل/آل begin the stem).
                let stem = if plain.starts_with(ARTICLE) {
                    Some(key[ARTICLE.len()..].to_string())
                } else if kind == MentionKind::Demonym {
                    Some(key.clone())
                } else {
                    None
                };
                match stem {
                    Some(stem) => {
                        if kind == MentionKind::Demonym && stem == key {
                            push(key.clone(), pat(Prefix::Bare));
                        }
                        push(format!("{ARTICLE}{stem}"), pat(Prefix::Article));
                        if !short {
                            let lil = if stem.starts_with('ل') {
                                format!("ل{stem}")
                            } else {
                                format!("لل{stem}")
                            };
                            push(lil, pat(Prefix::Lil));
                        }
                    }
                    None => push(key, pat(Prefix::Bare)),
                }
            }
        }
        let mut extra = vec![Extra::None; keys.len()];
        let others = anchor_words()
            .map(|(w, month)| (w, if month { Extra::Month } else { Extra::Relative }))
            .chain(
                TAIL_MARKERS
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (*m, Extra::Tail(i))),
            );
        for (word, role) in others {
            let i = *seen.entry(word.to_string()).or_insert_with(|| {
                keys.push(word.to_string());
                patterns.push(None);
                extra.push(Extra::None);
                keys.len() - 1
            });
            extra[i] = role;
        }
        let mut by_first: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut odd = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            // Key counts are far below u32::MAX.
            let i = i as u32;
            match first_word(k) {
                "" => odd.push(i),
                w => by_first.entry(w.into()).or_default().push(i),
            }
        }
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for w in by_first.keys() {
            let b = signature(w.as_bytes());
            filter[b / 64] |= 1 << (b % 64);
        }
        Matcher {
            by_first,
            filter,
            odd,
            keys: keys.into_iter().map(String::into_boxed_str).collect(),
            patterns,
            extra,
            stop: g.stop.iter().cloned().collect(),
        }
    }

    /// All accepted hits in `text` (already folded as `folded`), sorted by start.
    pub fn find(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        self.scan(text, folded).hits
    }

    /// The keys whose first word is `w`.
    fn first_word_keys(&self, w: &str) -> Option<&Vec<u32>> {
        let b = signature(w.as_bytes());
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        self.by_first.get(w)
    }

    /// The rules for a name hit, key `i` at `r` of the key in the word
    /// starting at `tok_start`: it ends a word, what precedes it in its word
    /// is a legal run of proclitics, the word is not on the stop list, and a
    /// short name has its exact spelling. Returns the range in the text.
    fn accept(
        &self,
        text: &str,
        folded: &Folded,
        r: Range<usize>,
        tok_start: usize,
        i: usize,
    ) -> Option<(Range<usize>, usize)> {
        let p = self.patterns[i].as_ref()?;
        let key = folded.key.as_str();
        if key[r.end..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        let prefix = &key[tok_start..r.start];
        let ok = match p.prefix {
            Prefix::Bare => legal_prefix(prefix, true),
            Prefix::Article => legal_prefix(prefix, false),
            Prefix::Lil => matches!(prefix, "" | "و" | "ف"),
            Prefix::Latin => prefix.is_empty(),
        };
        if !ok || (p.single_word && self.stop.contains(&key[tok_start..r.end])) {
            return None;
        }
        let start = if p.prefix == Prefix::Lil {
            r.start + 'ل'.len_utf8()
        } else {
            r.start
        };
        let range = folded.to_original(start..r.end);
        if let Some(exact) = &p.exact {
            if !same_spelling(&text[range.clone()], exact) {
                return None;
            }
        }
        Some((range, i))
    }

    /// One pass over `folded`: the accepted gazetteer hits, the date
    /// anchors and the boilerplate markers.
    ///
    /// Every key that can be accepted begins a word or follows one or two
    /// proclitic letters, and ends a word; so each word of the text is
    /// looked up at most three times (whole, less one letter, less two) by
    /// its remaining letters, instead of running an automaton over every
    /// byte.
    pub fn scan(&self, text: &str, folded: &Folded) -> Scan {
        let key = folded.key.as_str();
        let mut out = Scan::default();
        let mut cands: Vec<(Range<usize>, usize)> = Vec::new();
        // Key `i` found at `s` in the word starting at `tok_start`; with
        // `month_only`, a month glued to digits (اكتوبر2020).
        let mut found = |s: usize, i: u32, tok_start: usize, month_only: bool| {
            let i = i as usize;
            let k = self.keys[i].as_bytes();
            let e = s + k.len();
            // The last byte first: most keys sharing a first word differ there.
            let kb = key.as_bytes();
            if e > kb.len() || kb[e - 1] != k[k.len() - 1] || !kb[s..].starts_with(k) {
                return;
            }
            match self.extra[i] {
                Extra::None => {}
                Extra::Month if month_stands_alone(key, &(s..e)) => out.anchors.months.push(s..e),
                Extra::Month => {}
                Extra::Relative if !month_only => out.anchors.relative.push(s..e),
                Extra::Tail(t) if !month_only => out.tails.push((s, t)),
                Extra::Relative | Extra::Tail(_) => {}
            }
            if month_only {
                return;
            }
            if let Some(c) = self.accept(text, folded, s..e, tok_start, i) {
                cands.push(c);
            }
        };
        let mut pos = 0;
        while let Some((tok_start, tok_end)) = next_word(key, pos) {
            pos = tok_end;
            let word = &key[tok_start..tok_end];
            for s in proclitic_starts(word) {
                let rest = &word[s..];
                if let Some(list) = self.first_word_keys(rest) {
                    for &i in list {
                        found(tok_start + s, i, tok_start, false);
                    }
                }
                if let Some(cut) = rest.find(|c: char| c.is_ascii_digit()).filter(|&c| c > 0) {
                    for &i in self.first_word_keys(&rest[..cut]).into_iter().flatten() {
                        if self.extra[i as usize] == Extra::Month {
                            found(tok_start + s, i, tok_start, true);
                        }
                    }
                }
            }
        }
        for &i in &self.odd {
            let k: &str = &self.keys[i as usize];
            for (s, _) in key.match_indices(k) {
                found(s, i, word_start(key, s), false);
            }
        }
        // Longest first; names before demonyms of the same length.
        cands.sort_by_key(|(r, p)| {
            (
                std::cmp::Reverse(r.len()),
                self.patterns[*p].as_ref().map(|p| p.kind) == Some(MentionKind::Demonym),
                r.start,
            )
        });
        let mut taken = Taken::default();
        for (r, p) in cands {
            let Some(pat) = &self.patterns[p] else {
                continue;
            };
            if !taken.insert(&r) {
                continue;
            }
            out.hits.push(Hit {
                kind: demonym_by_tanwin(text, &r, pat.kind),
                range: r,
                entry: pat.entry,
            });
        }
        out.hits.sort_by_key(|h| h.range.start);
        out
    }
}

/// Size of the first-word filter (a power of two).
const FILTER_BITS: usize = 1 << 16;

/// A cheap hash of a word for the filter: its length and three of its
/// bytes (the second byte of an Arabic letter tells letters apart).
fn signature(w: &[u8]) -> usize {
    let n = w.len();
    let at = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let h = (n as u32).wrapping_mul(0x9E37_79B1)
        ^ at(1) << 8
        ^ at(n.wrapping_sub(1)) << 16
        ^ at(n.wrapping_sub(3)) << 24;
    (h.wrapping_mul(0x85EB_CA6B) >> 16) as usize & (FILTER_BITS - 1)
}

/// The word characters `k` begins with.
fn first_word(k: &str) -> &str {
    k.find(|c: char| !is_word_char(c)).map_or(k, |i| &k[..i])
}

/// Whether the character at byte `i` of `key` (a char boundary) is a word
/// character, and its length: [`is_word_char`], with ASCII and the Arabic
/// letters U+0621–U+064A read straight from the bytes.
fn word_char_at(key: &str, i: usize) -> (bool, usize) {
    let b = key.as_bytes();
    match (b[i], b.get(i + 1).copied().unwrap_or(0)) {
        (x, _) if x < 0x80 => (x.is_ascii_alphanumeric(), 1),
        (0xD8, n) if n >= 0xA1 => (true, 2),
        (0xD9, n) if n <= 0x8A => (true, 2),
        _ => key[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
    }
}

/// The next run of word characters at or after `from`: `(start, end)`.
fn next_word(key: &str, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    let start = loop {
        if i >= key.len() {
            return None;
        }
        let (word, n) = word_char_at(key, i);
        if word {
            break i;
        }
        i += n;
    };
    while i < key.len() {
        let (word, n) = word_char_at(key, i);
        if !word {
            break;
        }
        i += n;
    }
    Some((start, i))
}

/// Where a name can begin in `word`: at its start, after one proclitic
/// (و ف ب ك ل) or after two (و/ف then ب/ك/ل). The rules of each key are
/// checked afterwards.
fn proclitic_starts(word: &str) -> impl Iterator<Item = usize> {
    let mut c = word.chars();
    let first = c.next();
    let second = c.next();
    let one = first.filter(|f| matches!(f, 'و' | 'ف' | 'ب' | 'ك' | 'ل'));
    let two = match (first, second) {
        (Some('و' | 'ف'), Some('ب' | 'ك' | 'ل')) => Some(2 * 'و'.len_utf8()),
        _ => None,
    };
    let len = word.len();
    [Some(0), one.map(char::len_utf8), two]
        .into_iter()
        .flatten()
        .filter(move |&s| s < len)
}

/// The start of the run of word characters that ends at `s`.
fn word_start(key: &str, s: usize) -> usize {
    key[..s]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(s, |(i, _)| i)
}

/// `[وف]?[بكل]?` (with `allow_lam`), or `[وف]?[بك]?` before the article.
fn legal_prefix(p: &str, allow_lam: bool) -> bool {
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

/// A place name written with tanwin (روسياً, "Russian" as an adverbial
/// adjective) is a demonym use, not the name: country names take no tanwin.
fn demonym_by_tanwin(text: &str, r: &Range<usize>, kind: MentionKind) -> MentionKind {
    if text[r.clone()].ends_with('\u{064B}') || text[r.clone()].ends_with("\u{064B}\u{0627}") {
        MentionKind::Demonym
    } else {
        kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::{parse_tsv, Source};
    use crate::text::fold::fold;

    fn small() -> (Gazetteer, Matcher) {
        let mut g = Gazetteer::default();
        g.stop.insert(fold_key("بشأن"));
        let tsv = "place\tأرمينيا\t\tأرمني|أرمينية\nplace\tيريفان\nplace\tقطر\nplace\tشان\n\
                   organization\tالأمم المتحدة\nplace\tناغورنو كاراباخ\tقره باغ|ناغورني قره باغ\n\
                   organization\tمنظمة معاهدة الأمن الجماعي\tCSTO\norganization\tالكرملين\n\
                   place\tألمانيا\norganization\tالأمم\tUN\n";
        g.add_all(parse_tsv(tsv, Source::Curated).0);
        let m = Matcher::new(&g);
        (g, m)
    }

    fn found(text: &str) -> Vec<(String, String, MentionKind)> {
        let (g, m) = small();
        m.find(text, &fold(text))
            .into_iter()
            .map(|h| {
                (
                    text[h.range].to_string(),
                    g.entries[h.entry].canonical.clone(),
                    h.kind,
                )
            })
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(s, _, _)| s).collect()
    }

    #[test]
    fn clitics_are_stripped_only_when_legal() {
        assert_eq!(names("وأرمينيا ولأرمينيا بأرمينيا"), ["أرمينيا"; 3]);
        assert_eq!(names("ليريفان ويريفان فبيريفان"), ["يريفان"; 3]);
        assert!(names("سأرمينيا أرمينيات").is_empty());
    }

    #[test]
    fn article_names_take_lil_and_not_lam_alef() {
        assert_eq!(names("للأمم المتحدة"), ["لأمم المتحدة"]);
        assert_eq!(names("والكرملين بالكرملين"), ["الكرملين", "الكرملين"]);
        assert!(names("لالكرملين").is_empty());
        // ألمانيا is a stem that only looks like it has the article.
        assert_eq!(names("لألمانيا"), ["ألمانيا"]);
    }

    #[test]
    fn longest_match_wins() {
        let f = found("في ناغورني قره باغ وقره باغ");
        assert_eq!(f[0].0, "ناغورني قره باغ");
        assert_eq!(f[1].0, "قره باغ");
        assert_eq!(f[0].1, f[1].1);
        assert_eq!(names("للأمم المتحدة UN")[1], "UN");
    }

    #[test]
    fn short_names_must_match_exactly() {
        assert_eq!(names("قطر وقطر"), ["قطر", "قطر"]);
        assert!(names("بشأن شأن").is_empty());
        assert!(names("un").is_empty());
    }

    #[test]
    fn demonyms_and_tanwin() {
        let f = found("الأرمني وأرمينياً والأرمنية");
        assert!(f
            .iter()
            .all(|(_, c, k)| c == "أرمينيا" && *k == MentionKind::Demonym));
        assert_eq!(f.len(), 2, "{f:?}"); // الأرمنية is not listed, أرمينية is
        assert_eq!(names("للأرمنيين").len(), 0);
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

    #[test]
    fn whole_words_and_latin() {
        assert!(names("يريفانية").is_empty());
        assert_eq!(names("الجماعي (CSTO)"), ["CSTO"]);
        assert!(names("XCSTO").is_empty());
        assert!(names("").is_empty());
    }
}
