//! Named entities without a model: a gazetteer (curated lists plus Unicode
//! CLDR names), clitic-aware matching on the folded text, date expressions,
//! boilerplate zones, per-document summaries and a corpus index.

pub mod boilerplate;
pub mod dates;
pub mod fast;
pub mod gazetteer;
pub mod index;
pub mod matcher;
pub mod report;
pub mod service;
pub mod store;

use std::ops::Range;

pub use gazetteer::{EntityType, Entry, Gazetteer, Source};
pub use index::{build_index, CorpusIndex, DocCount, Unreadable};
pub use matcher::{Matcher, MentionKind};

use crate::text::fold::fold;

/// Which entity a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    /// A gazetteer entry (index into [`Gazetteer::entries`]).
    Known(u32),
    /// A date: its ISO form, or for relative dates the text as written.
    Date(String),
}

/// One mention of an entity in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// The entity.
    pub key: EntityKey,
    /// Name or demonym.
    pub kind: MentionKind,
    /// Inside a tag line, a "read also" block or a source line.
    pub boilerplate: bool,
}

/// An entity of one document with its mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary {
    /// The entity.
    pub key: EntityKey,
    /// Display name (canonical name, ISO date, or a relative date as written).
    pub name: String,
    /// Type.
    pub etype: EntityType,
    /// Mentions by name outside boilerplate: what the sidebar counts.
    pub count: usize,
    /// Demonym mentions (الروسي) outside boilerplate.
    pub demonyms: usize,
    /// Mentions of any kind inside boilerplate.
    pub boilerplate: usize,
    /// Indices into the document's mention list, in text order.
    pub mentions: Vec<usize>,
}

/// The gazetteer compiled for matching.
#[derive(Debug, Clone)]
pub struct Extractor {
    /// The gazetteer the matcher was built from.
    pub gazetteer: Gazetteer,
    matcher: Matcher,
}

impl Extractor {
    /// Compiles `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        let matcher = Matcher::new(&gazetteer);
        Extractor { gazetteer, matcher }
    }

    /// The bundled gazetteer, compiled.
    pub fn builtin() -> Extractor {
        Extractor::new(Gazetteer::builtin())
    }

    /// All mentions in `text`, sorted by position.
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        let folded = fold(text);
        // One automaton pass finds names, date anchors and boilerplate markers.
        let scan = self.matcher.scan(text, &folded);
        let zones = boilerplate::boilerplate_zones_at(text, &folded, &scan.tails);
        let mut out: Vec<Mention> = scan
            .hits
            .into_iter()
            .map(|h| Mention {
                boilerplate: boilerplate::in_zones(&zones, &h.range),
                range: h.range,
                // Entry counts are far below u32::MAX.
                key: EntityKey::Known(h.entry as u32),
                kind: h.kind,
            })
            .collect();
        let mut taken = fast::Taken::default();
        for m in &out {
            taken.insert(&m.range);
        }
        for d in dates::find_dates_at(text, &folded, scan.anchors) {
            // A gazetteer name wins over a date that overlaps it.
            if taken.overlaps(&d.range) {
                continue;
            }
            out.push(Mention {
                boilerplate: boilerplate::in_zones(&zones, &d.range),
                key: EntityKey::Date(d.iso.unwrap_or_else(|| text[d.range.clone()].to_string())),
                range: d.range,
                kind: MentionKind::Name,
            });
        }
        out.sort_by_key(|m| m.range.start);
        out
    }

    /// Display name of an entity.
    pub fn name(&self, key: &EntityKey) -> String {
        match key {
            EntityKey::Known(i) => self
                .gazetteer
                .entries
                .get(*i as usize)
                .map_or_else(String::new, |e| e.canonical.clone()),
            EntityKey::Date(s) => s.clone(),
        }
    }

    /// Type of an entity.
    pub fn etype(&self, key: &EntityKey) -> EntityType {
        match key {
            EntityKey::Known(i) => self
                .gazetteer
                .entries
                .get(*i as usize)
                .map_or(EntityType::Place, |e| e.etype),
            EntityKey::Date(_) => EntityType::Date,
        }
    }

    /// Groups `mentions` by entity, sorted by count (then name).
    pub fn summarize(&self, mentions: &[Mention]) -> Vec<EntitySummary> {
        let mut by_key: std::collections::HashMap<&EntityKey, EntitySummary> =
            std::collections::HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            let s = by_key.entry(&m.key).or_insert_with(|| EntitySummary {
                key: m.key.clone(),
                name: self.name(&m.key),
                etype: self.etype(&m.key),
                count: 0,
                demonyms: 0,
                boilerplate: 0,
                mentions: Vec::new(),
            });
            s.mentions.push(i);
            match (m.boilerplate, m.kind) {
                (true, _) => s.boilerplate += 1,
                (false, MentionKind::Name) => s.count += 1,
                (false, MentionKind::Demonym) => s.demonyms += 1,
            }
        }
        let mut out: Vec<EntitySummary> = by_key.into_values().collect();
        out.sort_by(|a, b| {
            (b.count, b.demonyms, b.boilerplate)
                .cmp(&(a.count, a.demonyms, a.boilerplate))
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_001_main_entities() {
        let text = include_str!("../../seeds/001_960e743a51614c08.txt");
        let ex = Extractor::builtin();
        let mentions = ex.extract(text);
        let sum = ex.summarize(&mentions);
        let get = |n: &str| sum.iter().find(|s| s.name == n).cloned();
        let armenia = get("أرمينيا").unwrap();
        assert_eq!(armenia.count, 9, "{armenia:?}");
        assert!(armenia.demonyms >= 3);
        assert!(armenia.boilerplate >= 1);
        assert_eq!(sum[0].name, "أرمينيا");
        assert_eq!(get("نيكول باشينيان").unwrap().count, 1);
        assert_eq!(get("2020-10-31T11:46").unwrap().etype, EntityType::Date);
        assert!(get("منظمة معاهدة الأمن الجماعي").unwrap().count >= 2);
        let lebanon = get("لبنان").unwrap();
        assert_eq!((lebanon.count, lebanon.boilerplate), (0, 1));
    }
}
