//! The in-memory annotation set: changes with undo/redo, deletions kept as
//! tombstones, and the merge used when two qari share one file.
//!
//! Merge rule (state based, so merging is order independent): per id the
//! record with the newest `modified` wins; a tombstone removes a record whose
//! `modified` is not newer than the deletion. Undoing a delete re-adds the
//! record with a fresh `modified`, which therefore beats the old tombstone.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{Annotation, Timestamp};

/// A deleted annotation's id and when it was deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The id of the deleted annotation.
    pub id: String,
    /// When it was deleted.
    pub deleted: Timestamp,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One undoable change.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An annotation was added.
    Add(Annotation),
    /// An annotation was removed.
    Remove(Annotation),
    /// An annotation was edited (before, after).
    Update(Box<Annotation>, Box<Annotation>),
}

/// Annotations of one corpus, with history.
#[derive(Debug, Clone, Default)]
pub struct AnnotationSet {
    items: Vec<Annotation>,
    deleted: Vec<Tombstone>,
    undo: Vec<Change>,
    redo: Vec<Change>,
    generation: u64,
}

impl AnnotationSet {
    /// A set holding `items` and `deleted`, without history.
    pub fn from_parts(items: Vec<Annotation>, deleted: Vec<Tombstone>) -> Self {
        let mut s = Self::default();
        s.merge(items, deleted);
        s
    }

    /// All live annotations.
    pub fn items(&self) -> &[Annotation] {
        &self.items
    }

    /// All tombstones.
    pub fn tombstones(&self) -> &[Tombstone] {
        &self.deleted
    }

    /// The annotation with `id`.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.items.iter().find(|a| a.id == id)
    }

    /// The annotations of document `doc`.
    pub fn for_doc<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Annotation> + 'a {
        self.items.iter().filter(move |a| a.doc() == doc)
    }

    /// A counter that changes whenever the set does (for caches).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Number of live annotations.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are no live annotations.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds `a` (undoable).
    pub fn add(&mut self, a: Annotation) {
        self.insert(a.clone());
        self.record(Change::Add(a));
    }

    /// Removes the annotation `id` (undoable); returns it.
    pub fn remove(&mut self, id: &str) -> Option<Annotation> {
        let a = self.take(id)?;
        self.record(Change::Remove(a.clone()));
        Some(a)
    }

    /// Edits the annotation `id` with `edit` (undoable); its `modified` time
    /// is updated. Returns false when there is no such annotation.
    pub fn update(&mut self, id: &str, edit: impl FnOnce(&mut Annotation)) -> bool {
        let Some(pos) = self.items.iter().position(|a| a.id == id) else {
            return false;
        };
        self.generation += 1;
        let before = self.items[pos].clone();
        edit(&mut self.items[pos]);
        self.items[pos].id = before.id.clone();
        self.items[pos].modified = Timestamp::now();
        let after = self.items[pos].clone();
        self.record(Change::Update(Box::new(before), Box::new(after)));
        true
    }

    /// Undoes the last change; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(c) = self.undo.pop() else {
            return false;
        };
        self.apply_inverse(&c);
        self.redo.push(c);
        true
    }

    /// Redoes the last undone change; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(c) = self.redo.pop() else {
            return false;
        };
        match &c {
            Change::Add(a) => self.reinsert(a.clone()),
            Change::Remove(a) => {
                self.take(&a.id);
            }
            Change::Update(_, after) => self.reinsert((**after).clone()),
        }
        self.undo.push(c);
        true
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Merges records read from elsewhere (another qari's save) into this set.
    pub fn merge(&mut self, items: Vec<Annotation>, deleted: Vec<Tombstone>) {
        self.generation += 1;
        for t in deleted {
            match self.deleted.iter_mut().find(|d| d.id == t.id) {
                Some(d) if d.deleted >= t.deleted => {}
                Some(d) => *d = t,
                None => self.deleted.push(t),
            }
        }
        for a in items {
            match self.items.iter_mut().find(|b| b.id == a.id) {
                Some(b) if b.modified >= a.modified => {}
                Some(b) => *b = a,
                None => self.items.push(a),
            }
        }
        let deleted = &self.deleted;
        self.items.retain(|a| {
            !deleted
                .iter()
                .any(|t| t.id == a.id && t.deleted >= a.modified)
        });
        let items = &self.items;
        self.deleted.retain(|t| !items.iter().any(|a| a.id == t.id));
    }

    fn record(&mut self, c: Change) {
        self.undo.push(c);
        self.redo.clear();
    }

    fn apply_inverse(&mut self, c: &Change) {
        match c {
            Change::Add(a) => {
                self.take(&a.id);
            }
            Change::Remove(a) => self.reinsert(a.clone()),
            Change::Update(before, _) => self.reinsert((**before).clone()),
        }
    }

    /// Puts `a` back (replacing any record with its id) with a fresh
    /// `modified`, so it wins against older copies and tombstones.
    fn reinsert(&mut self, mut a: Annotation) {
        a.modified = Timestamp::now();
        self.insert(a);
    }

    fn insert(&mut self, a: Annotation) {
        self.generation += 1;
        self.deleted.retain(|t| t.id != a.id);
        match self.items.iter_mut().find(|b| b.id == a.id) {
            Some(b) => *b = a,
            None => self.items.push(a),
        }
    }

    fn take(&mut self, id: &str) -> Option<Annotation> {
        let pos = self.items.iter().position(|a| a.id == id)?;
        self.generation += 1;
        let a = self.items.remove(pos);
        self.deleted.retain(|t| t.id != id);
        self.deleted.push(Tombstone {
            id: id.to_string(),
            deleted: Timestamp::now(),
            extra: Map::new(),
        });
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "قال المتحدث إن الاجتماع سيعقد يوم الخميس.";

    fn ann(label: &str) -> Annotation {
        Annotation::new("d", DOC, 0..6, label)
    }

    #[test]
    fn undo_redo_add_remove_update() {
        let mut s = AnnotationSet::default();
        let a = ann("claim");
        let id = a.id.clone();
        s.add(a);
        assert!(s.update(&id, |a| a.note = "ملاحظة".into()));
        assert_eq!(s.get(&id).unwrap().note, "ملاحظة");
        assert!(s.remove(&id).is_some());
        assert!(s.is_empty());
        assert_eq!(s.tombstones().len(), 1);
        assert!(s.undo()); // remove
        assert_eq!(s.get(&id).unwrap().note, "ملاحظة");
        assert!(s.tombstones().is_empty());
        assert!(s.undo()); // update
        assert_eq!(s.get(&id).unwrap().note, "");
        assert!(s.undo()); // add
        assert!(s.is_empty());
        assert!(!s.undo());
        assert!(s.redo());
        assert!(s.redo());
        assert_eq!(s.get(&id).unwrap().note, "ملاحظة");
        assert!(s.redo());
        assert!(s.is_empty());
        assert!(!s.redo());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut s = AnnotationSet::default();
        s.add(ann("a"));
        s.undo();
        s.add(ann("b"));
        assert!(!s.redo());
    }

    #[test]
    fn merge_newest_wins_and_tombstones_delete() {
        let a = ann("a");
        let b = ann("b");
        let mut mine = AnnotationSet::from_parts(vec![a.clone(), b.clone()], vec![]);
        let mut theirs = mine.clone();
        mine.update(&a.id, |x| x.label = "mine".into());
        theirs.remove(&b.id);
        let c = ann("c");
        theirs.add(c.clone());
        mine.merge(theirs.items().to_vec(), theirs.tombstones().to_vec());
        assert_eq!(mine.get(&a.id).unwrap().label, "mine");
        assert!(mine.get(&b.id).is_none());
        assert!(mine.get(&c.id).is_some());
        // merging the other way gives the same records
        let mut theirs2 = theirs.clone();
        theirs2.merge(mine.items().to_vec(), mine.tombstones().to_vec());
        let mut x: Vec<_> = mine.items().iter().map(|a| a.id.clone()).collect();
        let mut y: Vec<_> = theirs2.items().iter().map(|a| a.id.clone()).collect();
        x.sort();
        y.sort();
        assert_eq!(x, y);
    }

    #[test]
    fn undone_delete_beats_old_tombstone() {
        let a = ann("a");
        let mut mine = AnnotationSet::from_parts(vec![a.clone()], vec![]);
        mine.remove(&a.id);
        let on_disk = mine.clone();
        mine.undo();
        mine.merge(on_disk.items().to_vec(), on_disk.tombstones().to_vec());
        assert!(mine.get(&a.id).is_some());
    }
}
