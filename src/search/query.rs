//! Word-aware search queries on the byte key: words with Arabic proclitics,
//! and quoted phrases.
//!
//! A query word matches a whole word of the text, optionally preceded by the
//! proclitics of research/arabic.md §3.1: a conjunction (و ف), then a
//! preposition (ب ك ل), then the article (ال), with ل + ال written لل. No
//! suffixes: روسيا finds بروسيا and والروسيا but not روسيان. Query words of
//! one or two letters match only as bare whole words (a clitic letter in
//! front of a short word is too often part of another word).

use super::bytekey::{is_word, key_byte, key_of, OTHER_WORD};

/// Longest proclitic string (و + ب + ال).
const MAX_PREFIX: usize = 4;

/// One part of a query: all of it must match at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The words (key bytes); one for a plain word, several for a phrase.
    pub words: Vec<Vec<u8>>,
    /// The folded letters of the clause that are outside the one-byte
    /// alphabet (key byte [`OTHER_WORD`]), in order; when not empty, matches
    /// are checked against the text with [`Clause::verify`].
    pub others: Vec<char>,
}

impl Clause {
    /// Whether the matched text `matched` has the same letters outside the
    /// one-byte alphabet as the query (always true when there are none).
    pub fn verify(&self, matched: &str) -> bool {
        self.others.is_empty() || others_of(matched) == self.others
    }
}

fn others_of(s: &str) -> Vec<char> {
    let mut v = Vec::new();
    for c in s.chars() {
        crate::text::fold::fold_char(c, |f| {
            if key_byte(f) == OTHER_WORD {
                v.push(f)
            }
        });
    }
    v
}

/// A parsed search query: every clause must occur in a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The clauses, in query order.
    pub clauses: Vec<Clause>,
}

impl Query {
    /// Parses a query: whitespace-separated words, `"…"` (or «…») for phrases.
    pub fn parse(q: &str) -> Query {
        let mut clauses = Vec::new();
        let normalized: String = q
            .chars()
            .map(|c| {
                if matches!(c, '«' | '»' | '“' | '”') {
                    '"'
                } else {
                    c
                }
            })
            .collect();
        for (i, part) in normalized.split('"').enumerate() {
            let words: Vec<(Vec<u8>, Vec<char>)> = part
                .split(|c: char| c.is_whitespace())
                .map(|w| (trim_non_word(&key_of(w)).to_vec(), others_of(w)))
                .filter(|(k, _)| !k.is_empty())
                .collect();
            if words.is_empty() {
                continue;
            }
            let mk = |words: Vec<(Vec<u8>, Vec<char>)>| {
                let (words, others): (Vec<_>, Vec<_>) = words.into_iter().unzip();
                Clause {
                    words,
                    others: others.concat(),
                }
            };
            if i % 2 == 1 {
                clauses.push(mk(words));
            } else {
                clauses.extend(words.into_iter().map(|w| mk(vec![w])));
            }
        }
        Query { clauses }
    }

    /// Whether the query has nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The literal patterns to look for, with the clause each belongs to and
    /// whether it is the article-less stem of a word that starts with ال.
    pub fn patterns(&self) -> Vec<Pattern> {
        let mut out = Vec::new();
        for (ci, c) in self.clauses.iter().enumerate() {
            let first = &c.words[0];
            out.push(Pattern {
                clause: ci,
                bytes: first.clone(),
                stem_of_article: false,
            });
            // ل + الكرملين is written للكرملين: look for the stem after لل too.
            if let Some(stem) = first.strip_prefix(ARTICLE.as_slice()) {
                if stem.len() >= 2 {
                    out.push(Pattern {
                        clause: ci,
                        bytes: stem.to_vec(),
                        stem_of_article: true,
                    });
                }
            }
        }
        out
    }
}

/// A literal to search for in the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Index of the clause in [`Query::clauses`].
    pub clause: usize,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The first word started with ال and this is the rest: only a لل prefix
    /// is accepted before it.
    pub stem_of_article: bool,
}

/// Key byte of an Arabic letter in U+0621..=U+064A (see `bytekey::key_byte`).
const fn arabic(c: u32) -> u8 {
    (0x80 + (c - 0x0621)) as u8
}
const WAW: u8 = arabic(0x0648);
const FA: u8 = arabic(0x0641);
const BA: u8 = arabic(0x0628);
const KAF: u8 = arabic(0x0643);
const LAM: u8 = arabic(0x0644);
const ALEF: u8 = arabic(0x0627);
const ARTICLE: [u8; 2] = [ALEF, LAM];

fn trim_non_word(k: &[u8]) -> &[u8] {
    let s = k.iter().position(|&b| is_word(b)).unwrap_or(k.len());
    let e = k.iter().rposition(|&b| is_word(b)).map_or(s, |e| e + 1);
    &k[s..e]
}

/// Whether `p` is a legal proclitic string before a word; `article_in_word`
/// when the word itself starts with ال (then no second article).
fn legal_prefix(p: &[u8], article_in_word: bool) -> bool {
    let mut p = p;
    if let [WAW | FA, rest @ ..] = p {
        p = rest;
    }
    match p {
        [] => true,
        [BA | KAF | LAM] => true,
        [BA | KAF, ALEF, LAM] | [ALEF, LAM] => !article_in_word,
        [LAM, LAM] => !article_in_word,
        _ => false,
    }
}

/// Checks a pattern hit at `key[at..at + pattern.len()]` inside one
/// document's key; returns the key range of the whole clause match (without
/// the proclitics) when it is a word-aware match.
pub fn check_hit(key: &[u8], at: usize, pat: &Pattern, clause: &Clause) -> Option<(usize, usize)> {
    let first = &clause.words[0];
    // Left side: the proclitics between the previous non-word byte and the hit.
    let mut ws = at;
    while ws > 0 && is_word(key[ws - 1]) {
        ws -= 1;
        if at - ws > MAX_PREFIX {
            return None;
        }
    }
    let prefix = &key[ws..at];
    if pat.stem_of_article {
        let ok = matches!(prefix, [LAM, LAM] | [WAW | FA, LAM, LAM]);
        if !ok {
            return None;
        }
    } else if !prefix.is_empty() {
        let letters = first.iter().filter(|&&b| is_word(b)).count();
        if letters < 3 || !legal_prefix(prefix, first.starts_with(&ARTICLE)) {
            return None;
        }
    }
    let mut end = at + pat.bytes.len();
    for w in &clause.words[1..] {
        // Phrase words are separated by white space or quotes only.
        let mut p = end;
        while p < key.len() && matches!(key[p], b' ' | b'\t' | b'\n' | b'"' | b'\'') {
            p += 1;
        }
        if p == end || !key[p..].starts_with(w) {
            return None;
        }
        end = p + w.len();
    }
    if end < key.len() && is_word(key[end]) {
        return None;
    }
    Some((at, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, q: &str) -> usize {
        let key = key_of(text);
        let query = Query::parse(q);
        let mut n = 0;
        for p in query.patterns() {
            for at in memchr::memmem::find_iter(&key, &p.bytes) {
                if check_hit(&key, at, &p, &query.clauses[p.clause]).is_some() {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn proclitics_attach_but_suffixes_do_not() {
        for w in ["روسيا", "بروسيا", "لروسيا", "وروسيا", "فبروسيا", "والروسيا"]
        {
            assert_eq!(hits(w, "روسيا"), 1, "{w}");
        }
        for w in ["روسيان", "مروسيا", "سروسيا", "وبوروسيا"] {
            assert_eq!(hits(w, "روسيا"), 0, "{w}");
        }
    }

    #[test]
    fn article_words_match_with_lam_lam() {
        assert_eq!(hits("للكرملين", "الكرملين"), 1);
        assert_eq!(hits("وللكرملين", "الكرملين"), 1);
        assert_eq!(hits("بالكرملين", "الكرملين"), 1);
        assert_eq!(hits("كرملين", "الكرملين"), 0);
    }

    #[test]
    fn folding_applies_to_both_sides() {
        assert_eq!(hits("وأذربيجانُ", "اذربيجان"), 1);
        assert_eq!(hits("عام ٢٠٢٣ م", "2023"), 1);
        assert_eq!(hits("منظمة", "منظمه"), 1);
    }

    #[test]
    fn short_words_match_only_bare() {
        assert_eq!(hits("من ومن", "من"), 1);
    }

    #[test]
    fn phrases_need_adjacent_words() {
        assert_eq!(hits("ناغورني قره باغ", "\"قره باغ\""), 1);
        assert_eq!(hits("«قره  باغ»", "«قره باغ»"), 1);
        assert_eq!(hits("قره كبير باغ", "\"قره باغ\""), 0);
        assert_eq!(hits("قره باغي", "\"قره باغ\""), 0);
    }

    #[test]
    fn parse_splits_words_and_phrases() {
        let q = Query::parse("روسيا \"قره باغ\" CSTO،");
        assert_eq!(q.clauses.len(), 3);
        assert_eq!(q.clauses[1].words.len(), 2);
        assert_eq!(q.clauses[2].words[0], b"csto");
        assert!(Query::parse(" \"\" ").is_empty());
    }
}
