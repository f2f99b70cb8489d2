//! Clitic-aware gazetteer matching on the folded text (research/arabic.md §3).
//!
//! Every alias is folded and put into one Aho-Corasick automaton. A hit is
//! accepted only when it ends a word and what precedes it in its word is a
//! legal run of proclitics, `[وف]?[بكل]?` (no ل before the article: ل + ال is
//! written لل, which gets its own pattern). Names of three letters or fewer
//! must match their exact spelling, hamza included, and tokens on the stop
//! list are never tagged. Overlapping hits are resolved longest first.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::boilerplate::TAIL_MARKERS;
use super::dates::{anchor_words, month_stands_alone, Anchors};
use super::fast::{FxHashSet, Taken};
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
    ac: AhoCorasick,
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
        // Standard semantics so that overlapping hits are all reported; the
        // choice among them is made below, longest first.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .unwrap_or_else(|_| {
                // Only fails past the automaton's size limits; an empty
                // matcher is a safe degradation.
                AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
            });
        Matcher {
            ac,
            patterns,
            extra,
            stop: g.stop.iter().cloned().collect(),
        }
    }

    /// All accepted hits in `text` (already folded as `folded`), sorted by start.
    pub fn find(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        self.scan(text, folded).hits
    }

    /// One pass over `folded`: the accepted gazetteer hits, the date
    /// anchors and the boilerplate markers.
    pub fn scan(&self, text: &str, folded: &Folded) -> Scan {
        let key = folded.key.as_str();
        let mut out = Scan::default();
        let mut cands: Vec<(Range<usize>, usize)> = Vec::new();
        for m in self.ac.find_overlapping_iter(key) {
            let i = m.pattern().as_usize();
            match self.extra[i] {
                Extra::None => {}
                Extra::Month if month_stands_alone(key, &m.range()) => {
                    out.anchors.months.push(m.range())
                }
                Extra::Month => {}
                Extra::Relative => out.anchors.relative.push(m.range()),
                Extra::Tail(t) => out.tails.push((m.start(), t)),
            }
            let Some(p) = &self.patterns[i] else { continue };
            let (s, e) = (m.start(), m.end());
            if key[e..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let before = &key[..s];
            let tok_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_word_char(*c))
                .last()
                .map_or(s, |(i, _)| i);
            let prefix = &key[tok_start..s];
            let ok = match p.prefix {
                Prefix::Bare => legal_prefix(prefix, true),
                Prefix::Article => legal_prefix(prefix, false),
                Prefix::Lil => matches!(prefix, "" | "و" | "ف"),
                Prefix::Latin => prefix.is_empty(),
            };
            if !ok {
                continue;
            }
            if p.single_word && self.stop.contains(&key[tok_start..e]) {
                continue;
            }
            let start = if p.prefix == Prefix::Lil {
                s + 'ل'.len_utf8()
            } else {
                s
            };
            let range = folded.to_original(start..e);
            if let Some(exact) = &p.exact {
                if !same_spelling(&text[range.clone()], exact) {
                    continue;
                }
            }
            cands.push((range, m.pattern().as_usize()));
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
    fn whole_words_and_latin() {
        assert!(names("يريفانية").is_empty());
        assert_eq!(names("الجماعي (CSTO)"), ["CSTO"]);
        assert!(names("XCSTO").is_empty());
        assert!(names("").is_empty());
    }
}
