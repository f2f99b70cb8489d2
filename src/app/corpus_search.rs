//! The corpus search popup (`Ctrl-F`, `s`): a query line and every hit in
//! the corpus, one row per hit under a header row per document.
//!
//! Every edit of the query asks the runtime to search
//! ([`Effect::GrepQuery`], numbered); hits stream back as
//! [`GrepUpdate`]s from the search thread and are kept only when they answer
//! the query now in the field, so a keystroke never waits for the search.
//! Hits arrive as key positions ([`KeyHit`]); only the rows on screen (and
//! the one opened) are mapped to the document text.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::{Edit, LineInput};
use super::{App, Pane, Popup};
use crate::action::Effect;
use crate::corpus::DocKey;
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

/// The hits of one document in the popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchGroup {
    /// The document (loader key).
    pub key: DocKey,
    /// Its hits, in text order.
    pub hits: Vec<KeyHit>,
    /// Number of hits in the groups before this one.
    pub first: usize,
}

/// State of the corpus search popup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPopup {
    /// The query field.
    pub input: LineInput,
    /// Number of the query the groups answer.
    pub gen: u64,
    /// Documents with hits, in list order.
    pub groups: Vec<SearchGroup>,
    /// Hits in all groups.
    pub total: usize,
    /// The highlighted hit (counting hits, not rows).
    pub selected: usize,
    /// Documents searched by the last finished pass (`None` while the
    /// first pass runs).
    pub searched: Option<usize>,
    /// Whether the user moved the selection (then it stays on its hit while
    /// more results arrive).
    pub moved: bool,
}

impl SearchPopup {
    /// Index of the group holding hit number `h`.
    pub fn group_of(&self, h: usize) -> usize {
        self.groups
            .partition_point(|g| g.first + g.hits.len() <= h)
            .min(self.groups.len().saturating_sub(1))
    }

    /// Screen row (counting group headers) of hit number `h`.
    pub fn row_of(&self, h: usize) -> usize {
        h + self.group_of(h) + 1
    }

    /// Rows in the list (one per hit plus one per document).
    pub fn rows(&self) -> usize {
        self.total + self.groups.len()
    }

    /// The document and hit highlighted.
    pub fn selected_hit(&self) -> Option<(DocKey, KeyHit)> {
        let g = self.groups.get(self.group_of(self.selected))?;
        let hit = g.hits.get(self.selected.checked_sub(g.first)?)?;
        Some((g.key, *hit))
    }

    /// Whether a query is typed and its first pass has not finished.
    pub fn waiting(&self) -> bool {
        self.searched.is_none() && !self.input.text.trim().is_empty()
    }

    fn add(&mut self, hits: Vec<GrepDocHits>) {
        let anchor = self
            .moved
            .then(|| {
                let g = self.groups.get(self.group_of(self.selected))?;
                Some((g.key, self.selected.saturating_sub(g.first)))
            })
            .flatten();
        for h in hits {
            let at = self.groups.partition_point(|g| g.key < h.key);
            self.groups.insert(
                at,
                SearchGroup {
                    key: h.key,
                    hits: h.hits,
                    first: 0,
                },
            );
        }
        let mut n = 0;
        for g in &mut self.groups {
            g.first = n;
            n += g.hits.len();
        }
        self.total = n;
        if let Some((key, i)) = anchor {
            let at = self.groups.partition_point(|g| g.key < key);
            if let Some(g) = self.groups.get(at) {
                self.selected = g.first + i;
            }
        }
    }

    fn step(&mut self, delta: isize) {
        let last = self.total.saturating_sub(1);
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
            }
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            KeyCode::Enter => self.search_open(),
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
    /// document is not in the corpus).
    pub fn hit_range(&self, key: DocKey, hit: &KeyHit) -> Option<(usize, Range<usize>)> {
        let i = self.doc_index(key)?;
        let doc = self.corpus.docs.get(i)?;
        Some((i, hit.to_text(&doc.text)))
    }

    /// Enter: open the document at the highlighted hit, with every hit of
    /// the query highlighted there (`n`/`N` step through them).
    fn search_open(&mut self) {
        let Some(Popup::Search(p)) = self.popups.last() else {
            return;
        };
        let query = p.input.text.clone();
        let target = p.selected_hit().and_then(|(k, h)| self.hit_range(k, &h));
        let Some((i, range)) = target else {
            return;
        };
        self.popups.pop();
        self.search.last_query = query.clone();
        self.open(i);
        self.set_focus(Pane::Reader);
        self.find_in_document(&query);
        if let Some(c) = self.find.hits.iter().position(|h| h.end > range.start) {
            self.find.current = c;
        }
        self.show_hit();
    }
}
