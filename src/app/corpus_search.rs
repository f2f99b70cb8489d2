//! The corpus search popup (`Ctrl-F`, `s`): a query line and every hit in
//! the corpus, one row per hit under a header row per document.
//!
//! Every edit of the query asks the runtime to search
//! ([`Effect::GrepQuery`], numbered); hits stream back as
//! [`GrepUpdate`]s from the search thread and are kept only when they answer
//! the query now in the field, so a keystroke never waits for the search.
//! Hits arrive as key positions ([`KeyHit`]); only the rows on screen (and
//! the one opened) are mapped to the document text. Texts may be read from
//! disk: the popup holds the texts of the documents on screen
//! ([`SearchPopup::text`]), so each is read once, not once per row and
//! frame, and a text that can no longer be read as it was indexed (the file
//! changed or vanished) is shown as a notice instead of its hits.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::{Edit, LineInput};
use super::{App, Pane, Popup};
use crate::action::Effect;
use crate::corpus::{DocKey, Document};
use crate::search::{GrepDocHits, GrepUpdate, KeyHit};

/// Corpus search state that outlives the popup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusSearch {
    /// Documents the search index holds (reported by the search thread).
    pub indexed: usize,
    /// Number of the newest query sent.
    pub gen: u64,
    /// The last query, shown again when the popup reopens.
    pub last_query: String,
}

/// The text of a document shown in the popup, or the one-line notice
/// (`⚠ path: reason`) to show instead of its hits.
pub type ShownText = Result<Arc<str>, Arc<str>>;

/// Texts of the documents whose hits the popup shows, by loader key (not
/// by index: indices shift while documents arrive).
/// Filled while drawing (hence the cell: drawing sees the app read-only)
/// and trimmed to the documents on screen after each frame.
#[derive(Clone, Default)]
pub struct ShownTexts(RefCell<HashMap<DocKey, ShownText>>);

/// A cache: two popups that differ only in it are the same.
impl PartialEq for ShownTexts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ShownTexts {}

impl fmt::Debug for ShownTexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.try_borrow().map_or(0, |m| m.len());
        write!(f, "ShownTexts({n})")
    }
}

/// The text of `doc`, read now, or the notice saying why it cannot be.
/// The popup holds the text while it shows it; once it lets go the text's
/// memory is freed.
fn read_shown(doc: &Document) -> ShownText {
    doc.body.text().map_err(|e| e.notice())
}

/// The hits of one document in the popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchGroup {
    /// The document (loader key).
    pub key: DocKey,
    /// Its hits, in text order.
    pub hits: Vec<KeyHit>,
}

/// State of the corpus search popup.
///
/// Hits arrive in chunks of documents from two threads, not in list order:
/// groups are kept in arrival order (never moved) and `order` lists them by
/// document; merging a chunk into `order` is linear in 4-byte indices, so a
/// query with hits in every one of 100k documents stays cheap for the UI
/// thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPopup {
    /// The query field.
    pub input: LineInput,
    /// Number of the query the groups answer.
    pub gen: u64,
    /// Documents with hits, in arrival order.
    groups: Vec<SearchGroup>,
    /// Indices into `groups`, in list order.
    order: Vec<u32>,
    /// `starts[i]`: hits in the groups before `order[i]`.
    starts: Vec<usize>,
    /// Hits in all groups.
    pub total: usize,
    /// The highlighted row, counting the documents' header rows: a header
    /// stands for its document's first hit.
    pub selected: usize,
    /// Documents searched by the last finished pass (`None` while the
    /// first pass runs).
    pub searched: Option<usize>,
    /// Whether the user moved the selection (then it stays on its hit while
    /// more results arrive).
    pub moved: bool,
    /// First list row shown (counting headers), see `ui::jump::first_shown`.
    pub offset: usize,
    /// Texts of the documents on screen.
    texts: ShownTexts,
}

impl SearchPopup {
    /// Number of documents with hits.
    pub fn doc_count(&self) -> usize {
        self.order.len()
    }

    /// The `i`-th document with hits in list order, and the number of hits
    /// before it.
    pub fn group(&self, i: usize) -> Option<(usize, &SearchGroup)> {
        let g = self.groups.get(*self.order.get(i)? as usize)?;
        Some((self.starts[i], g))
    }

    /// Documents with hits in list order, each with the hits before it.
    pub fn groups(&self) -> impl Iterator<Item = (usize, &SearchGroup)> + '_ {
        (0..self.order.len()).filter_map(|i| self.group(i))
    }

    /// Index (in list order) of the group holding hit number `h`.
    pub fn group_of(&self, h: usize) -> usize {
        self.starts.partition_point(|&s| s <= h).saturating_sub(1)
    }

    /// Screen row (counting group headers) of hit number `h`.
    pub fn row_of(&self, h: usize) -> usize {
        h + self.group_of(h) + 1
    }

    /// Index (in list order) of the group whose rows (header and hits)
    /// include row `row`.
    pub fn group_at_row(&self, row: usize) -> usize {
        let (mut lo, mut hi) = (0, self.order.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let len = self.group(mid).map_or(0, |(_, g)| g.hits.len());
            if self.starts[mid] + mid + 1 + len <= row {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Rows in the list (one per hit plus one per document).
    pub fn rows(&self) -> usize {
        self.total + self.order.len()
    }

    /// Index (in list order) of the group holding the highlighted row, and
    /// the row's place in the group (0 for the header, `i + 1` for hit `i`).
    fn selected_place(&self) -> Option<(usize, usize)> {
        let gi = self.group_at_row(self.selected);
        let (before, _) = self.group(gi)?;
        Some((gi, self.selected.checked_sub(before + gi)?))
    }

    /// Whether the highlighted row is a document's header row.
    pub fn header_selected(&self) -> bool {
        self.selected_place().is_some_and(|(_, place)| place == 0)
    }

    /// The document and hit highlighted (the document's first hit when its
    /// header row is).
    pub fn selected_hit(&self) -> Option<(DocKey, KeyHit)> {
        let (gi, place) = self.selected_place()?;
        let (_, g) = self.group(gi)?;
        let hit = g.hits.get(place.saturating_sub(1))?;
        Some((g.key, *hit))
    }

    /// The text of the document with loader key `key`, `doc` (read once
    /// while the popup shows it), or the notice to show instead.
    pub fn text(&self, key: DocKey, doc: Option<&Document>) -> ShownText {
        let held = self.texts.0.try_borrow().ok();
        if let Some(t) = held.and_then(|m| m.get(&key).cloned()) {
            return t;
        }
        let t = match doc {
            Some(d) => read_shown(d),
            None => Err(Arc::from("⚠ no such document")),
        };
        if let Ok(mut m) = self.texts.0.try_borrow_mut() {
            m.insert(key, t.clone());
        }
        t
    }

    /// Forgets the texts of documents other than `shown` (after a frame).
    pub fn keep_texts(&self, shown: &[DocKey]) {
        if let Ok(mut m) = self.texts.0.try_borrow_mut() {
            m.retain(|i, _| shown.contains(i));
        }
    }

    /// Number of document texts the popup holds.
    pub fn texts_held(&self) -> usize {
        self.texts.0.try_borrow().map_or(0, |m| m.len())
    }

    /// Whether a query is typed and its first pass has not finished.
    pub fn waiting(&self) -> bool {
        self.searched.is_none() && !self.input.text.trim().is_empty()
    }

    fn add(&mut self, mut hits: Vec<GrepDocHits>) {
        let anchor = self
            .moved
            .then(|| self.selected_place())
            .flatten()
            .and_then(|(gi, place)| Some((self.group(gi)?.1.key, place)));
        hits.sort_by_key(|h| h.key);
        let base = self.groups.len() as u32;
        let new: Vec<u32> = (base..base + hits.len() as u32).collect();
        self.groups.extend(hits.into_iter().map(|h| SearchGroup {
            key: h.key,
            hits: h.hits,
        }));
        // merge two sorted index lists
        let key = |i: u32| self.groups[i as usize].key;
        let mut merged = Vec::with_capacity(self.order.len() + new.len());
        let (mut a, mut b) = (self.order.iter().peekable(), new.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if key(x) <= key(y) => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            merged.extend(next.copied());
        }
        self.order = merged;
        self.starts.clear();
        let mut n = 0;
        for &i in &self.order {
            self.starts.push(n);
            n += self.groups[i as usize].hits.len();
        }
        self.total = n;
        if let Some((key, place)) = anchor {
            let at = self
                .order
                .partition_point(|&g| self.groups[g as usize].key < key);
            if let Some(&first) = self.starts.get(at) {
                self.selected = first + at + place;
            }
        }
    }

    /// Moves the selection by `delta` rows (and keeps it on its row as
    /// more results arrive).
    pub(crate) fn step(&mut self, delta: isize) {
        let last = self.rows().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.moved = true;
    }
}

impl App {
    /// Opens the corpus search popup with the last query.
    pub(crate) fn open_search(&mut self) -> Vec<Effect> {
        let q = self.search.last_query.clone();
        self.popups.push(Popup::Search(SearchPopup {
            input: LineInput::with(&q),
            ..Default::default()
        }));
        if q.trim().is_empty() {
            Vec::new()
        } else {
            self.search_requery()
        }
    }

    fn search_popup(&mut self) -> Option<&mut SearchPopup> {
        match self.popups.last_mut() {
            Some(Popup::Search(p)) => Some(p),
            _ => None,
        }
    }

    /// The query changed: forget the hits and search again.
    fn search_requery(&mut self) -> Vec<Effect> {
        self.search.gen += 1;
        let gen = self.search.gen;
        let Some(p) = self.search_popup() else {
            return Vec::new();
        };
        let query = p.input.text.clone();
        *p = SearchPopup {
            input: std::mem::take(&mut p.input),
            gen,
            ..Default::default()
        };
        vec![Effect::GrepQuery { gen, query }]
    }

    /// Indexing progress and hits from the search thread.
    pub(crate) fn grep_update(&mut self, u: GrepUpdate) {
        let open = matches!(self.popups.last(), Some(Popup::Search(_)));
        match u {
            GrepUpdate::Indexed(n) => self.search.indexed = n,
            GrepUpdate::Hits { gen, hits } => {
                if let Some(p) = self.search_popup().filter(|p| p.gen == gen) {
                    p.add(hits);
                }
            }
            GrepUpdate::Searched { gen, docs } => {
                if let Some(p) = self.search_popup().filter(|p| p.gen == gen) {
                    p.searched = Some(docs);
                }
            }
        }
        if open {
            self.mark_dirty();
        }
    }

    /// Text pasted into the query.
    pub(crate) fn search_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.search_popup() {
            Some(p) => p.input.insert(text),
            None => return Vec::new(),
        }
        self.mark_dirty();
        self.search_requery()
    }

    /// Hit rows that fit in the popup (for PgUp/PgDn).
    fn search_page(&self) -> usize {
        let area = self.areas.popup(
            crate::ui::corpus_search::MAX_WIDTH,
            crate::ui::corpus_search::MAX_HEIGHT,
        );
        (area.height as usize).saturating_sub(4).max(1)
    }

    /// A key while the search popup is on top.
    pub(crate) fn search_key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        self.mark_dirty();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let page = self.search_page() as isize;
        let Some(p) = self.search_popup() else {
            return Vec::new();
        };
        match ev.code {
            KeyCode::Esc => {
                let q = p.input.text.clone();
                self.popups.pop();
                self.search.last_query = q;
                return self.search_stop();
            }
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            KeyCode::Enter => return self.search_open(),
            KeyCode::Up => p.step(-1),
            KeyCode::Char('p') if ctrl => p.step(-1),
            KeyCode::Down => p.step(1),
            KeyCode::Char('n') if ctrl => p.step(1),
            KeyCode::PageUp => p.step(-page),
            KeyCode::PageDown => p.step(page),
            _ => {
                if p.input.key(ev) == Edit::Changed {
                    return self.search_requery();
                }
            }
        }
        Vec::new()
    }

    /// The byte range in its document's text of a hit (`None` when the
    /// document is not in the corpus, or its text can no longer be read as
    /// it was indexed). Reads the text: for tests and one-off uses.
    pub fn hit_range(&self, key: DocKey, hit: &KeyHit) -> Option<(usize, Range<usize>)> {
        let i = self.doc_index(key)?;
        let text = self.corpus.docs.get(i)?.body.text().ok()?;
        Some((i, hit.locate(&text)?))
    }

    /// Enter: open the document at the highlighted hit, with every hit of
    /// the query highlighted there (`n`/`N` step through them). A document
    /// whose text can no longer be read as indexed opens too (the reader
    /// shows why), with the reason in the status bar.
    fn search_open(&mut self) -> Vec<Effect> {
        let Some(Popup::Search(p)) = self.popups.last() else {
            return Vec::new();
        };
        let query = p.input.text.clone();
        let Some((key, hit)) = p.selected_hit() else {
            return Vec::new();
        };
        let Some(i) = self.doc_index(key) else {
            return Vec::new();
        };
        let text = p.text(key, self.corpus.docs.get(i));
        self.popups.pop();
        self.search.last_query = query.clone();
        self.open(i);
        self.set_focus(Pane::Reader);
        match &text {
            Ok(text) => {
                self.find_in_document(&query);
                if let Some(range) = hit.locate(text) {
                    if let Some(c) = self.find.hits.iter().position(|h| h.end > range.start) {
                        self.find.current = c;
                    }
                }
                self.show_hit();
            }
            Err(notice) => self.status.message = Some(notice.to_string()),
        }
        self.search_stop()
    }

    /// The popup closed: an empty query stops the search thread's work on
    /// the last one (it would go on searching documents as they load).
    fn search_stop(&mut self) -> Vec<Effect> {
        self.search.gen += 1;
        vec![Effect::GrepQuery {
            gen: self.search.gen,
            query: String::new(),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::bytekey::Checkpoint;

    fn doc(file: usize, n: u32) -> GrepDocHits {
        let hit = |i: u32| KeyHit {
            start: i * 10,
            end: i * 10 + 3,
            from: Checkpoint { key: 0, text: 0 },
        };
        GrepDocHits {
            key: DocKey { file, record: 0 },
            hits: (0..n).map(hit).collect(),
        }
    }

    fn files(p: &SearchPopup) -> Vec<(usize, usize)> {
        p.groups().map(|(first, g)| (g.key.file, first)).collect()
    }

    #[test]
    fn chunks_arriving_out_of_order_are_merged_in_list_order() {
        let mut p = SearchPopup::default();
        p.add(vec![doc(6, 1), doc(5, 2)]);
        p.add(vec![doc(1, 3), doc(2, 1)]);
        p.add(vec![doc(3, 1)]);
        assert_eq!(files(&p), vec![(1, 0), (2, 3), (3, 4), (5, 5), (6, 7)]);
        assert_eq!((p.total, p.doc_count(), p.rows()), (8, 5, 13));
        // hit 4 is the only hit of file 3: header at row 2 + 4 = 6, hit at 7
        assert_eq!(p.group_of(4), 2);
        assert_eq!(p.row_of(4), 7);
        assert_eq!(p.group_at_row(6), 2);
        assert_eq!(p.group_at_row(7), 2);
        assert_eq!(p.group_at_row(8), 3);
        assert_eq!(p.group_at_row(0), 0);
    }

    #[test]
    fn a_moved_selection_stays_on_its_hit_when_earlier_documents_arrive() {
        let mut p = SearchPopup::default();
        p.add(vec![doc(5, 2), doc(6, 2)]);
        p.step(5); // second hit of file 6 (rows: header, 2 hits, header, 2 hits)
        assert_eq!(
            p.selected_hit().map(|(k, h)| (k.file, h.start)),
            Some((6, 10))
        );
        p.add(vec![doc(1, 4)]);
        assert_eq!(p.selected, 10);
        assert_eq!(
            p.selected_hit().map(|(k, h)| (k.file, h.start)),
            Some((6, 10))
        );
        // a selected header stays on its document too, and stands for its
        // first hit
        p.step(-2);
        assert!(p.header_selected());
        p.add(vec![doc(2, 1)]);
        assert_eq!(p.selected, 10);
        assert!(p.header_selected());
        assert_eq!(
            p.selected_hit().map(|(k, h)| (k.file, h.start)),
            Some((6, 0))
        );
    }

    #[test]
    fn the_selection_walks_over_headers_and_hits() {
        let mut p = SearchPopup::default();
        p.add(vec![doc(1, 2), doc(2, 1)]);
        let mut seen = Vec::new();
        for _ in 0..p.rows() + 2 {
            seen.push((
                p.header_selected(),
                p.selected_hit().map(|(k, h)| (k.file, h.start)),
            ));
            p.step(1);
        }
        let (h, t) = (true, false);
        assert_eq!(
            seen,
            vec![
                (h, Some((1, 0))),
                (t, Some((1, 0))),
                (t, Some((1, 10))),
                (h, Some((2, 0))),
                (t, Some((2, 0))),
                (t, Some((2, 0))),
                (t, Some((2, 0))),
            ]
        );
    }
}
