//! Compiling a gazetteer into a [`Matcher`]: every alias and demonym is
//! folded into its keys (bare, with the article, the لل form), the date
//! anchors and boilerplate markers are added, and the keys are filed by
//! their first word behind the first-word filter.

use super::words::{first_word, signature, strip_marks, ARTICLE, FILTER_BITS};
use super::{Extra, Matcher, MentionKind, Pattern, Prefix};
use crate::entities::boilerplate::TAIL_MARKERS;
use crate::entities::dates::anchor_words;
use crate::entities::fast::FxHashMap;
use crate::entities::gazetteer::{letter_count, Gazetteer};
use crate::text::fold::fold_key;

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
}
