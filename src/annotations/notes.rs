//! The rows of the sidebar's `Notes` tab: the annotations of the open
//! document, or of the whole corpus, filtered by label or text (Arabic
//! folded, so `احمد` finds `أحمد`), and the export behind `X`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use super::anchor::{AnchorState, Anchorer};
use super::doc_text::DocText;
use super::export::{self, Format};
use super::model::{Annotation, Timestamp};
use super::set::AnnotationSet;
use crate::corpus::Document;
use crate::text::fold::fold_key;

/// One row of the Notes list.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The annotation's id.
    pub id: String,
    /// Label.
    pub label: String,
    /// The passage (current text, or the stored quote for orphans).
    pub quote: String,
    /// The note.
    pub note: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Byte range in the document (`None` for an orphan).
    pub range: Option<Range<usize>>,
    /// Anchor state.
    pub state: AnchorState,
}

/// Where annotations were found, by (annotation id, modified): the range,
/// the state and the passage. A document's text is read only for
/// annotations it has not seen, so the Notes tab does not read the annotated
/// documents again on every change of scope, filter or corpus. Annotations
/// of a text that could not be read again are not remembered (they are
/// orphans until it can be).
#[derive(Debug, Default)]
pub struct Anchored(HashMap<(String, Timestamp), Found>);

/// Where one annotation was found and the passage there.
#[derive(Debug, Clone)]
struct Found {
    range: Option<Range<usize>>,
    state: AnchorState,
    quote: String,
}

impl Anchored {
    /// Forgets annotations no longer in `set` (edited or deleted ones).
    fn prune(&mut self, set: &AnnotationSet) {
        if self.0.len() > 2 * set.len() + 64 {
            let live: HashSet<(&str, Timestamp)> = set
                .items()
                .iter()
                .map(|a| (a.id.as_str(), a.modified))
                .collect();
            self.0
                .retain(|(id, t), _| live.contains(&(id.as_str(), *t)));
        }
    }
}

/// Rows for `docs` (`only` = one document index, or all), keeping those
/// whose label, tags, note or quote contain `filter` (folded; empty keeps
/// all). Document order, then text order, orphans last in each document.
/// `anchored` remembers where annotations were found (see [`Anchored`]);
/// `open` is the text the reader holds (not read again).
pub fn rows(
    docs: &[Document],
    set: &AnnotationSet,
    (only, filter): (Option<usize>, &str),
    open: Option<&DocText>,
    anchored: &mut Anchored,
) -> Vec<NoteRow> {
    anchored.prune(set);
    let needle = fold_key(filter.trim());
    let mut by_doc: HashMap<&str, Vec<&Annotation>> = HashMap::new();
    for a in set.items() {
        by_doc.entry(a.doc()).or_default().push(a);
    }
    let mut out = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let Some(anns) = by_doc.get(doc.id.as_str()) else {
            continue;
        };
        let key = |a: &Annotation| (a.id.clone(), a.modified);
        let mut unread = false;
        if anns.iter().any(|a| !anchored.0.contains_key(&key(a))) {
            // one read of the text for all its new annotations
            let text = match open.filter(|t| t.id == doc.id) {
                Some(t) => t.unreadable.is_none().then(|| Arc::clone(&t.text)),
                None => doc.load_text().ok(),
            };
            // A text that cannot be read again leaves its annotations
            // orphans for now, not remembered: the file may come back.
            match text {
                Some(text) => {
                    let anchorer = Anchorer::new(&text);
                    for a in anns {
                        anchored.0.entry(key(a)).or_insert_with(|| {
                            let anchor = anchorer.anchor(&a.target);
                            let quote = match &anchor.range {
                                Some(r) => text[r.clone()].to_string(),
                                None => a.target.quote.exact.clone(),
                            };
                            Found {
                                range: anchor.range,
                                state: anchor.state,
                                quote,
                            }
                        });
                    }
                }
                None => unread = true,
            }
        }
        let orphan = |a: &Annotation| Found {
            range: None,
            state: AnchorState::Orphan,
            quote: a.target.quote.exact.clone(),
        };
        let mut rows: Vec<NoteRow> = anns
            .iter()
            .filter_map(|a| {
                let Found {
                    range,
                    state,
                    quote,
                } = match anchored.0.get(&key(a)) {
                    Some(f) => f.clone(),
                    None if unread => orphan(a),
                    None => return None,
                };
                Some(NoteRow {
                    doc: i,
                    id: a.id.clone(),
                    label: a.label.clone(),
                    quote,
                    note: a.note.clone(),
                    tags: a.tags.clone(),
                    range,
                    state,
                })
            })
            .filter(|r| needle.is_empty() || matches(r, &needle))
            .collect();
        rows.sort_by_key(|r| r.range.as_ref().map_or(usize::MAX, |r| r.start));
        out.extend(rows);
    }
    out
}

fn matches(r: &NoteRow, needle: &str) -> bool {
    [r.label.as_str(), r.note.as_str(), r.quote.as_str()]
        .into_iter()
        .chain(r.tags.iter().map(String::as_str))
        .any(|s| fold_key(s).contains(needle))
}

/// Writes every format (W3C, CSV, Markdown, brat) into a new folder
/// `<dir>/<key>-<time>/`; returns it.
pub fn export_all(
    docs: &[Document],
    set: &AnnotationSet,
    dir: &Path,
    key: &str,
) -> Result<PathBuf> {
    let out = dir.join(format!("{key}-{}", Timestamp::now().compact()));
    let c = export::collect(docs, set);
    for f in [Format::W3c, Format::Csv, Format::Md] {
        export::write_to_dir(f, &c, &out)?;
    }
    export::write_to_dir(Format::Brat, &c, &out.join("brat"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::export::tests::doc;

    #[test]
    fn filter_by_label_and_folded_text() {
        let a = doc("a", "قال أحمد إن الاجتماع انتهى. ثم غادر.");
        let b = doc("b", "وصل الوفد إلى بيروت.");
        let mut set = AnnotationSet::default();
        set.add(Annotation::new(
            "a",
            &a.text(),
            a.sentences()[1].clone(),
            "claim",
        ));
        set.add(Annotation::new(
            "a",
            &a.text(),
            a.sentences()[0].clone(),
            "person",
        ));
        let mut x = Annotation::new("b", &b.text(), 0..6, "place");
        x.note = "needs a source".into();
        set.add(x);
        let docs = vec![a, b];
        let rows = |only, filter| rows(&docs, &set, (only, filter), None, &mut Anchored::default());
        let all = rows(None, "");
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].label, "person", "text order within a document");
        assert_eq!(rows(Some(1), "").len(), 1);
        assert_eq!(rows(None, "احمد")[0].label, "person");
        assert_eq!(rows(None, "CLAIM").len(), 1);
        assert_eq!(rows(None, "source")[0].doc, 1);
        assert!(rows(None, "nothing").is_empty());
    }

    #[test]
    fn an_annotated_file_is_read_once_for_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "قال أحمد إن الاجتماع انتهى. ثم غادر.\n").unwrap();
        let a = crate::corpus::load_file(&p).unwrap();
        let mut set = AnnotationSet::default();
        set.add(Annotation::new(&a.id, &a.text(), 0..6, "claim"));
        let docs = vec![a];
        let mut memo = Anchored::default();
        let first = rows(&docs, &set, (None, ""), None, &mut memo);
        assert_eq!(first[0].state, AnchorState::Exact);
        std::fs::remove_file(&p).unwrap();
        // another scope, filter or corpus size: the rows are not anchored again
        assert_eq!(
            rows(&docs, &set, (Some(0), "claim"), None, &mut memo),
            first
        );
        // a new annotation reads the (now missing) file: it is an orphan there
        set.add(Annotation::new(&docs[0].id, "بيروت", 0..10, "person"));
        let now = rows(&docs, &set, (None, ""), None, &mut memo);
        assert_eq!(now[0], first[0]);
        assert_eq!(now[1].state, AnchorState::Orphan);
        // the file back as it was loaded: what was not found in its notice
        // is looked for in its text
        std::fs::write(&p, "قال أحمد إن الاجتماع انتهى. ثم غادر.\n").unwrap();
        let mut set = AnnotationSet::default();
        set.add(Annotation::new(&docs[0].id, "قال أحمد إن", 0..6, "place"));
        std::fs::remove_file(&p).unwrap();
        let gone = rows(&docs, &set, (None, ""), None, &mut memo);
        assert_eq!(gone[0].state, AnchorState::Orphan);
        std::fs::write(&p, "قال أحمد إن الاجتماع انتهى. ثم غادر.\n").unwrap();
        let back = rows(&docs, &set, (None, ""), None, &mut memo);
        assert_eq!(back[0].state, AnchorState::Exact, "{back:?}");
    }

    #[test]
    fn export_all_writes_every_format() {
        let a = doc("a", "قال أحمد إن الاجتماع انتهى.");
        let mut set = AnnotationSet::default();
        set.add(Annotation::new("a", &a.text(), 0..6, "claim"));
        let dir = tempfile::tempdir().unwrap();
        let out = export_all(&[a], &set, dir.path(), "k").unwrap();
        for f in [
            "annotations.jsonld",
            "annotations.csv",
            "annotations.md",
            "brat/a.ann",
        ] {
            assert!(out.join(f).exists(), "{f}");
        }
    }
}
