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

mod build;
mod words;

use std::ops::Range;

use super::dates::{digit_runs_from, month_stands_alone, Anchors};
use super::fast::{FxHashMap, FxHashSet, Taken};
use crate::text::fold::Folded;
use words::{
    is_word_char, legal_prefix, next_word, proclitic_starts, same_spelling, signature, word_start,
};

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
    /// Index into [`Gazetteer::entries`](super::Gazetteer::entries).
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

impl Matcher {
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
        while let Some(w) = next_word(key, pos) {
            pos = w.end;
            let tok_start = w.start;
            let word = &key[tok_start..w.end];
            // Proclitics are letters: the first digit of a word is the
            // first digit of every rest of it.
            let digit = w.digit.map(|d| d - tok_start);
            if let Some(d) = w.digit {
                // Digits are word characters: every run of them is inside a word.
                digit_runs_from(&key[..w.end], d, &mut out.anchors.digits);
            }
            for s in proclitic_starts(word) {
                let rest = &word[s..];
                if let Some(list) = self.first_word_keys(rest) {
                    for &i in list {
                        found(tok_start + s, i, tok_start, false);
                    }
                }
                if let Some(cut) = digit.filter(|&d| d > s).map(|d| d - s) {
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
    use crate::entities::gazetteer::{parse_tsv, Gazetteer, Source};
    use crate::text::fold::{fold, fold_key};

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
    fn the_scan_finds_every_digit_run() {
        let (_, m) = small();
        let text = "في ١٢/١٠/٢٠٢٠ وa1b22 و2020م، 7";
        let f = fold(text);
        let digits = m.scan(text, &f).anchors.digits;
        assert_eq!(digits, crate::entities::dates::digit_runs(&f.key));
        assert_eq!(digits.len(), 7);
    }

    #[test]
    fn whole_words_and_latin() {
        assert!(names("يريفانية").is_empty());
        assert_eq!(names("الجماعي (CSTO)"), ["CSTO"]);
        assert!(names("XCSTO").is_empty());
        assert!(names("").is_empty());
    }
}
