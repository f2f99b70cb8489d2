//! Annotation state of a running qari: the store, the label set, the reading
//! cursor and selection, and the annotations of the open document anchored
//! in its text. No I/O: saving is left to the caller (an effect).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;

use super::anchor::{Anchor, AnchorState, Anchorer};
use super::doc_text::DocText;
use super::labels::Labels;
use super::model::Annotation;
use super::model::Timestamp;
use super::notes::{self, NoteRow};
use super::selection;
use super::store::Store;
use crate::corpus::Document;

/// An annotation of the open document and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The annotation's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Byte range in the open document (`None` for an orphan).
    pub range: Option<Range<usize>>,
    /// How it was anchored.
    pub state: AnchorState,
}

/// Annotation state.
#[derive(Debug)]
pub struct AnnotationState {
    /// The store (file-backed or in memory).
    pub store: Store,
    /// Labels on `1`–`9`.
    pub labels: Labels,
    /// Cursor sentence in the open document.
    pub cursor: Option<usize>,
    /// The selection (logical byte range), if one is being made.
    pub selection: Option<Range<usize>>,
    /// The open document's annotations: placed ones by start, orphans last.
    pub placed: Vec<Placed>,
    placed_doc: Option<String>,
    rows_cache: Mutex<RowsCache>,
    /// Anchors of the open document by (annotation id, modified): a change
    /// re-anchors only what changed (an orphan costs a fuzzy search).
    anchors: HashMap<(String, Timestamp), Anchor>,
}

/// The last Notes rows and where their annotations were found.
#[derive(Debug, Default)]
struct RowsCache {
    rows: Option<(RowsKey, Vec<NoteRow>)>,
    anchored: notes::Anchored,
}

/// What the Notes rows depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowsKey {
    generation: u64,
    docs: usize,
    only: Option<usize>,
    filter: String,
}

impl Default for AnnotationState {
    fn default() -> Self {
        Self::new(Store::memory())
    }
}

impl AnnotationState {
    /// State over `store` with the default labels.
    pub fn new(store: Store) -> Self {
        AnnotationState {
            store,
            labels: Labels::default(),
            cursor: None,
            selection: None,
            placed: Vec::new(),
            placed_doc: None,
            rows_cache: Mutex::new(RowsCache::default()),
            anchors: HashMap::new(),
        }
    }

    /// The Notes rows (see [`notes::rows`]), computed once per change of the
    /// set, scope or filter: anchoring an orphan costs an edit-distance
    /// search and a text may have to be read from disk, too much to repeat
    /// on every frame (and each annotation is anchored once).
    /// `open` is the reader's text of the open document (not read again).
    pub fn note_rows(
        &self,
        docs: &[Document],
        (only, filter): (Option<usize>, &str),
        open: Option<&DocText>,
    ) -> Vec<NoteRow> {
        let key = RowsKey {
            generation: self.store.set.generation(),
            docs: docs.len(),
            only,
            filter: filter.to_string(),
        };
        // A poisoned cache is only a cache: recompute.
        let mut cache = self.rows_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, rows)) = cache.rows.as_ref() {
            if *k == key {
                return rows.clone();
            }
        }
        let rows = notes::rows(
            docs,
            &self.store.set,
            (only, filter),
            open,
            &mut cache.anchored,
        );
        cache.rows = Some((key, rows.clone()));
        rows
    }

    /// Anchors the annotations of `doc` (call after opening a document and
    /// after every change).
    pub fn refresh(&mut self, doc: Option<&DocText>) {
        self.placed.clear();
        let new_doc = doc.map(|d| d.id.clone());
        // a text that could not be read again is a notice: anchors made on
        // it are not kept for the text
        if new_doc != self.placed_doc || doc.is_some_and(|d| d.unreadable.is_some()) {
            self.anchors.clear();
        }
        self.placed_doc = new_doc;
        let Some(doc) = doc else { return };
        let anchorer = Anchorer::new(&doc.text);
        for a in self.store.set.for_doc(&doc.id) {
            let anchor = self
                .anchors
                .entry((a.id.clone(), a.modified))
                .or_insert_with(|| anchorer.anchor(&a.target))
                .clone();
            self.placed.push(Placed {
                id: a.id.clone(),
                label: a.label.clone(),
                range: anchor.range,
                state: anchor.state,
            });
        }
        self.placed.sort_by_key(|p| {
            p.range
                .as_ref()
                .map_or((usize::MAX, 0), |r| (r.start, r.end))
        });
    }

    /// Id of the document `placed` belongs to.
    pub fn placed_doc(&self) -> Option<&str> {
        self.placed_doc.as_deref()
    }

    /// A new document was opened: cursor on its first sentence, no selection.
    pub fn open(&mut self, doc: Option<&DocText>) {
        self.cursor = doc.and_then(|d| (!d.sentences.is_empty()).then_some(0));
        self.selection = None;
        self.refresh(doc);
    }

    /// The cursor sentence's range.
    pub fn cursor_range(&self, doc: &DocText) -> Option<Range<usize>> {
        self.cursor.and_then(|c| doc.sentences.get(c).cloned())
    }

    /// What a command acts on: the selection, else the cursor sentence.
    pub fn target(&self, doc: &DocText) -> Option<Range<usize>> {
        self.selection.clone().or_else(|| self.cursor_range(doc))
    }

    /// The annotation under the cursor (or touching the selection): the
    /// shortest one intersecting it.
    pub fn under_cursor(&self, doc: &DocText) -> Option<&Placed> {
        let t = self.target(doc)?;
        self.placed
            .iter()
            .filter(|p| {
                p.range
                    .as_ref()
                    .is_some_and(|r| r.start < t.end && t.start < r.end)
            })
            .min_by_key(|p| p.range.as_ref().map_or(usize::MAX, |r| r.len()))
    }

    /// Applies label number `n` (1-based) to the target. An annotation with
    /// exactly that range gets the new label; otherwise a new one is made.
    /// Returns a message for the status line, `None` when nothing happened
    /// (no such label, no target, or a text that could not be read again:
    /// nothing is anchored to its notice).
    pub fn apply_label(&mut self, doc: &DocText, n: usize) -> Option<String> {
        if doc.unreadable.is_some() {
            return None;
        }
        let label = self.labels.by_key(n)?.name.clone();
        let range = self.target(doc)?;
        let same = self
            .placed
            .iter()
            .find(|p| p.range.as_ref() == Some(&range))
            .map(|p| p.id.clone());
        match same {
            Some(id) => {
                self.store.set.update(&id, |a| a.label = label.clone());
            }
            None => self
                .store
                .set
                .add(Annotation::new(&doc.id, &doc.text, range, &label)),
        }
        self.selection = None;
        self.refresh(Some(doc));
        Some(format!("marked as {label}"))
    }

    /// Adds or edits the annotation on the target with `label`, `tags` and
    /// `note` (the `a` form). `id` names the annotation being edited. No new
    /// annotation is made on a text that could not be read again.
    pub fn save_form(
        &mut self,
        doc: &DocText,
        id: Option<&str>,
        range: Range<usize>,
        label: &str,
        tags: Vec<String>,
        note: &str,
    ) {
        let edit = |a: &mut Annotation| {
            a.label = label.to_string();
            a.tags = tags.clone();
            a.note = note.to_string();
            a.refresh_motivation();
        };
        let updated = id.is_some_and(|id| self.store.set.update(id, edit));
        if !updated && doc.unreadable.is_none() {
            let mut a = Annotation::new(&doc.id, &doc.text, range, label);
            edit(&mut a);
            self.store.set.add(a);
        }
        self.selection = None;
        self.refresh(Some(doc));
    }

    /// Deletes the annotation under the cursor; returns its label.
    pub fn delete_under_cursor(&mut self, doc: &DocText) -> Option<String> {
        let id = self.under_cursor(doc)?.id.clone();
        let a = self.store.set.remove(&id)?;
        self.refresh(Some(doc));
        Some(a.label)
    }

    /// Undo (`redo = false`) or redo the last change.
    pub fn undo_redo(&mut self, doc: Option<&DocText>, redo: bool) -> bool {
        let done = if redo {
            self.store.set.redo()
        } else {
            self.store.set.undo()
        };
        if done {
            self.refresh(doc);
        }
        done
    }

    /// The next (`forward`) or previous placed annotation relative to the
    /// cursor; moves the cursor to its first sentence and returns its range.
    pub fn jump(&mut self, doc: &DocText, forward: bool) -> Option<Range<usize>> {
        let here = self.cursor_range(doc).map_or(0, |r| r.start);
        let placed: Vec<Range<usize>> =
            self.placed.iter().filter_map(|p| p.range.clone()).collect();
        let r = if forward {
            placed.into_iter().find(|r| r.start > here)
        } else {
            placed.into_iter().rfind(|r| r.start < here)
        }?;
        self.cursor = selection::sentence_at(doc, r.start);
        self.selection = None;
        Some(r)
    }

    /// Text to copy: the selection, else the annotation under the cursor,
    /// else the cursor sentence.
    pub fn copy_text(&self, doc: &DocText) -> Option<String> {
        let r = match &self.selection {
            Some(s) => s.clone(),
            None => match self.under_cursor(doc).and_then(|p| p.range.clone()) {
                Some(r) => r,
                None => self.cursor_range(doc)?,
            },
        };
        doc.get(r).map(str::to_string)
    }
}

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
