//! The rows of the sidebar's `Notes` tab: the annotations of the open
//! document, or of the whole corpus, filtered by label or text (Arabic
//! folded, so `احمد` finds `أحمد`), and the export behind `X`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::anchor::{AnchorState, Anchorer};
use super::export::{self, Format};
use super::model::Timestamp;
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

/// Rows for `docs` (`only` = one document index, or all), keeping those
/// whose label, tags, note or quote contain `filter` (folded; empty keeps
/// all). Document order, then text order, orphans last in each document.
pub fn rows(
    docs: &[Document],
    set: &AnnotationSet,
    only: Option<usize>,
    filter: &str,
) -> Vec<NoteRow> {
    let needle = fold_key(filter.trim());
    let mut out = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let mut anns = set.for_doc(&doc.id).peekable();
        if anns.peek().is_none() {
            continue;
        }
        let text = doc.text();
        let anchorer = Anchorer::new(&text);
        let mut rows: Vec<NoteRow> = anns
            .map(|a| {
                let anchor = anchorer.anchor(&a.target);
                let quote = match &anchor.range {
                    Some(r) => text[r.clone()].to_string(),
                    None => a.target.quote.exact.clone(),
                };
                NoteRow {
                    doc: i,
                    id: a.id.clone(),
                    label: a.label.clone(),
                    quote,
                    note: a.note.clone(),
                    tags: a.tags.clone(),
                    range: anchor.range,
                    state: anchor.state,
                }
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
    use crate::annotations::model::Annotation;

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
        let all = rows(&docs, &set, None, "");
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].label, "person", "text order within a document");
        assert_eq!(rows(&docs, &set, Some(1), "").len(), 1);
        assert_eq!(rows(&docs, &set, None, "احمد")[0].label, "person");
        assert_eq!(rows(&docs, &set, None, "CLAIM").len(), 1);
        assert_eq!(rows(&docs, &set, None, "source")[0].doc, 1);
        assert!(rows(&docs, &set, None, "nothing").is_empty());
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
