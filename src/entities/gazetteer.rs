//! The gazetteer: known people, places and organisations with their aliases
//! and demonyms, read from tab-separated files.
//!
//! Columns (tab-separated, `#` starts a comment line):
//! `type  canonical  aliases  demonyms  latin  [source]`, where aliases and
//! demonyms are `|`-separated. The same format serves the bundled lists in
//! `assets/gazetteer/` and the user gazetteer in the data dir.

use std::collections::{HashMap, HashSet};

use crate::text::fold::fold_key;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Person,
    /// A country, city, region or other place.
    Place,
    /// An organisation, institution, agency or outlet.
    Organization,
    /// A date or time expression.
    Date,
}

impl EntityType {
    /// All types, in display order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Place,
        EntityType::Organization,
        EntityType::Date,
    ];

    /// The lowercase name used in files and JSON (`person`, `place`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
            EntityType::Date => "date",
        }
    }

    /// Parses the name used in files (also accepts `PER`, `LOC`, `ORG`).
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" => EntityType::Person,
            "place" | "loc" | "location" => EntityType::Place,
            "organization" | "organisation" | "org" => EntityType::Organization,
            "date" => EntityType::Date,
            _ => return None,
        })
    }
}

/// Where an entry came from; curated and user entries take precedence over
/// generated ones when their names collide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Hand-written lists shipped in `assets/gazetteer/`.
    Curated,
    /// Generated from Unicode CLDR.
    Cldr,
    /// The user gazetteer in the data dir.
    User,
}

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name shown in the sidebar.
    pub canonical: String,
    /// Its type.
    pub etype: EntityType,
    /// Every spelling that names it, the canonical name first.
    pub aliases: Vec<String>,
    /// Adjectives derived from it (الروسي, الأرمنية), counted apart.
    pub demonyms: Vec<String>,
    /// Latin-script name, if known.
    pub latin: Option<String>,
    /// Where it came from.
    pub source: Source,
}

/// A line of a gazetteer file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Parses a gazetteer file; good lines are kept, bad ones reported.
pub fn parse_tsv(text: &str, source: Source) -> (Vec<Entry>, Vec<ParseError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |reason: &str| ParseError {
            line: i + 1,
            reason: reason.to_string(),
        };
        if cols.len() < 2 {
            errors.push(err("expected at least: type<TAB>name"));
            continue;
        }
        let Some(etype) = EntityType::parse(cols[0]).filter(|t| *t != EntityType::Date) else {
            errors.push(err("type must be person, place or organization"));
            continue;
        };
        let canonical = cols[1].trim().to_string();
        if fold_key(&canonical).trim().is_empty() {
            errors.push(err("empty name"));
            continue;
        }
        let list = |n: usize| -> Vec<String> {
            cols.get(n)
                .map(|c| {
                    c.split('|')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut aliases = vec![canonical.clone()];
        for a in list(2) {
            if !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        let latin = cols
            .get(4)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        entries.push(Entry {
            canonical,
            etype,
            aliases,
            demonyms: list(3),
            latin,
            source,
        });
    }
    (entries, errors)
}

/// Writes entries in the gazetteer file format (used for the user gazetteer).
pub fn to_tsv(entries: &[Entry]) -> String {
    let mut out =
        String::from("# qari user gazetteer: type\tcanonical\taliases\tdemonyms\tlatin\n");
    for e in entries {
        let aliases: Vec<&str> = e.aliases.iter().skip(1).map(String::as_str).collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            e.etype.as_str(),
            clean(&e.canonical),
            aliases
                .iter()
                .map(|a| clean(a))
                .collect::<Vec<_>>()
                .join("|"),
            e.demonyms
                .iter()
                .map(|a| clean(a))
                .collect::<Vec<_>>()
                .join("|"),
            e.latin.as_deref().map(clean).unwrap_or_default()
        ));
    }
    out
}

/// Removes the characters that would break a TSV row.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Number of letters in a folded name, not counting a leading article or spaces.
pub(crate) fn letter_count(folded: &str) -> usize {
    let stem = folded.strip_prefix("ال").unwrap_or(folded);
    stem.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The gazetteer: entries plus the stop list of words never tagged.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// All entries; an entity's id is its index here.
    pub entries: Vec<Entry>,
    /// Folded words that are never tagged.
    pub stop: HashSet<String>,
    by_alias: HashMap<String, usize>,
}

const CURATED: [&str; 3] = [
    include_str!("../../assets/gazetteer/curated_places.ar.tsv"),
    include_str!("../../assets/gazetteer/curated_orgs.ar.tsv"),
    include_str!("../../assets/gazetteer/curated_people.ar.tsv"),
];
const CLDR: &str = include_str!("../../assets/gazetteer/cldr.ar.tsv");
const STOPLIST: &str = include_str!("../../assets/gazetteer/stoplist.ar.txt");

impl Gazetteer {
    /// The bundled gazetteer: curated lists, then CLDR names, with the stop list.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer {
            stop: STOPLIST
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(fold_key)
                .collect(),
            ..Gazetteer::default()
        };
        for text in CURATED {
            g.add_all(parse_tsv(text, Source::Curated).0);
        }
        g.add_all(parse_tsv(CLDR, Source::Cldr).0);
        g
    }

    /// Adds entries (see [`Gazetteer::add`]).
    pub fn add_all(&mut self, entries: Vec<Entry>) {
        for e in entries {
            self.add(e);
        }
    }

    /// Adds one entry. A curated or user entry whose name is already known
    /// extends the known entry with its aliases and demonyms; a generated
    /// (CLDR) entry only fills in names nobody has claimed, and loses names
    /// on the stop list or of three letters or fewer.
    pub fn add(&mut self, mut e: Entry) {
        let generated = e.source == Source::Cldr;
        if generated {
            e.aliases.retain(|a| {
                let f = fold_key(a);
                !self.stop.contains(&f) && letter_count(&f) > 3
            });
        }
        let existing = e
            .aliases
            .iter()
            .find_map(|a| self.by_alias.get(&fold_key(a)).copied());
        let target = match existing {
            Some(i) if !generated || self.entries[i].etype == e.etype => i,
            Some(_) => return,
            None => {
                if e.aliases.is_empty() {
                    return;
                }
                e.canonical = e.aliases[0].clone();
                self.entries.push(Entry {
                    aliases: Vec::new(),
                    demonyms: Vec::new(),
                    ..e.clone()
                });
                self.entries.len() - 1
            }
        };
        for a in e.aliases {
            let f = fold_key(&a);
            if let std::collections::hash_map::Entry::Vacant(v) = self.by_alias.entry(f) {
                v.insert(target);
                self.entries[target].aliases.push(a);
            }
        }
        for d in e.demonyms {
            if !self.entries[target].demonyms.contains(&d) {
                self.entries[target].demonyms.push(d);
            }
        }
    }

    /// The entry an alias (any spelling, folded or not) names.
    pub fn lookup(&self, alias: &str) -> Option<usize> {
        self.by_alias.get(&fold_key(alias)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_parse_without_errors() {
        for text in CURATED.iter().chain([&CLDR]) {
            let (entries, errors) = parse_tsv(text, Source::Curated);
            assert!(errors.is_empty(), "{errors:?}");
            assert!(!entries.is_empty());
        }
    }

    #[test]
    fn builtin_is_broad() {
        let g = Gazetteer::builtin();
        let count = |t| g.entries.iter().filter(|e| e.etype == t).count();
        assert!(
            count(EntityType::Person) >= 200,
            "{}",
            count(EntityType::Person)
        );
        assert!(count(EntityType::Organization) >= 120);
        assert!(count(EntityType::Place) >= 500);
        let pashinyan = g.lookup("باشينيان").unwrap();
        assert_eq!(g.entries[pashinyan].canonical, "نيكول باشينيان");
        assert_eq!(g.lookup("أرتساخ"), g.lookup("ناغورنو كاراباخ"));
        assert_eq!(g.lookup("CSTO"), g.lookup("منظمة معاهدة الأمن الجماعي"));
    }

    #[test]
    fn curated_wins_over_cldr_and_stop_words_are_dropped() {
        let g = Gazetteer::builtin();
        let russia = g.lookup("روسيا").unwrap();
        assert_eq!(g.entries[russia].source, Source::Curated);
        assert!(g.entries[russia].demonyms.iter().any(|d| d == "روسية"));
        assert_eq!(g.lookup("مالي"), None);
        assert_eq!(g.lookup("ترك"), None);
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let (e, errs) = parse_tsv(
            "thing\tفلان\nperson\tفلان الفلاني\t\t\t\n\nperson\n",
            Source::User,
        );
        assert_eq!(e.len(), 1);
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 1);
    }

    #[test]
    fn tsv_round_trip() {
        let (e, _) = parse_tsv(
            "person\tفلان الفلاني\tالفلاني|فلان\t\tFulan\norganization\tمنظمة ما\t\t\t\n",
            Source::User,
        );
        let (back, errs) = parse_tsv(&to_tsv(&e), Source::User);
        assert!(errs.is_empty());
        assert_eq!(back, e);
    }
}
