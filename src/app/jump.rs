//! The fuzzy jump popup (`Ctrl-P`, `p`): a query line and ranked documents.
//!
//! Every edit of the query asks the runtime to search
//! ([`Effect::JumpQuery`]); the ranked documents come back as
//! [`JumpResults`] (from the search thread) and are shown only if they
//! answer the query now in the field, so a keystroke never waits for
//! matching. With an empty query the recently opened documents come first,
//! and ↑ recalls earlier queries.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::{Edit, LineInput};
use super::{App, Pane, Popup};
use crate::action::Effect;
use crate::corpus::DocKey;
use crate::search::JumpResults;

/// Queries kept in the history.
pub const HISTORY_LEN: usize = 50;
/// Recently opened documents remembered.
const RECENT_LEN: usize = 50;
/// Rows listed for an empty query.
const EMPTY_ROWS: usize = 200;

/// State of the jump popup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpPopup {
    /// The query field.
    pub input: LineInput,
    /// The listed documents, best first.
    pub rows: Vec<DocKey>,
    /// How many documents matched (may exceed `rows.len()`).
    pub total: usize,
    /// Index of the highlighted row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Position in the history while recalling with ↑ (0 = newest).
    pub history_pos: Option<usize>,
    /// Whether results for the current query are still being computed.
    pub waiting: bool,
}

impl JumpPopup {
    /// Moves the highlight by `delta` rows, staying on the list.
    pub(crate) fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

impl App {
    /// Index in `corpus.docs` of the document with loader key `key`.
    pub fn doc_index(&self, key: DocKey) -> Option<usize> {
        self.doc_keys.binary_search(&key).ok()
    }

    /// The loader key of document `i`.
    pub fn doc_key(&self, i: usize) -> Option<DocKey> {
        self.doc_keys.get(i).copied()
    }

    /// The loader keys of all documents, in list order (for indexing).
    pub fn doc_keys(&self) -> &[DocKey] {
        &self.doc_keys
    }

    /// Opens the jump popup with the recent documents listed.
    pub(crate) fn open_jump(&mut self) -> Vec<Effect> {
        let mut p = JumpPopup::default();
        self.fill_empty_query(&mut p);
        self.popups.push(Popup::Jump(p));
        Vec::new()
    }

    fn fill_empty_query(&self, p: &mut JumpPopup) {
        let mut rows: Vec<DocKey> = self
            .recent
            .iter()
            .copied()
            .filter(|k| self.doc_index(*k).is_some())
            .collect();
        for k in self.doc_keys.iter().take(EMPTY_ROWS) {
            if !rows.contains(k) {
                rows.push(*k);
            }
        }
        p.total = self.corpus.docs.len();
        p.rows = rows;
        p.selected = 0;
        p.offset = 0;
        p.waiting = false;
    }

    fn jump_popup(&mut self) -> Option<&mut JumpPopup> {
        match self.popups.last_mut() {
            Some(Popup::Jump(p)) => Some(p),
            _ => None,
        }
    }

    /// The query changed: list recents for an empty one, else search.
    fn requery(&mut self) -> Vec<Effect> {
        let Some(mut p) = self.jump_popup().map(std::mem::take) else {
            return Vec::new();
        };
        let q = p.input.text.clone();
        let fx = if q.trim().is_empty() {
            self.fill_empty_query(&mut p);
            Vec::new()
        } else {
            p.waiting = true;
            vec![Effect::JumpQuery(q)]
        };
        if let Some(slot) = self.jump_popup() {
            *slot = p;
        }
        fx
    }

    /// Ranked documents from the search thread.
    pub(crate) fn jump_results(&mut self, r: JumpResults) {
        let Some(p) = self.jump_popup() else { return };
        if r.query != p.input.text {
            return; // an answer to an older query
        }
        p.rows = r.keys;
        p.total = r.total;
        p.selected = p.selected.min(p.rows.len().saturating_sub(1));
        p.offset = p.offset.min(p.selected);
        p.waiting = false;
        self.mark_dirty();
    }

    /// Text pasted into the query.
    pub(crate) fn jump_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.jump_popup() {
            Some(p) => p.input.insert(text),
            None => return Vec::new(),
        }
        self.mark_dirty();
        self.requery()
    }

    /// A key while the jump popup is on top.
    pub(crate) fn jump_key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        self.mark_dirty();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let history_len = self.jump_history.len();
        let Some(p) = self.jump_popup() else {
            return Vec::new();
        };
        match ev.code {
            KeyCode::Esc => {
                self.popups.pop();
            }
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            KeyCode::Enter => return self.jump_open(),
            KeyCode::Up if p.input.text.is_empty() || p.history_pos.is_some() => {
                let pos = p.history_pos.map_or(0, |h| h + 1);
                if pos < history_len {
                    p.history_pos = Some(pos);
                    let q = self.jump_history[history_len - 1 - pos].clone();
                    if let Some(p) = self.jump_popup() {
                        p.input = LineInput::with(&q);
                        p.history_pos = Some(pos);
                    }
                    return self.requery();
                }
            }
            KeyCode::Up => p.step(-1),
            KeyCode::Char('p') if ctrl => p.step(-1),
            KeyCode::Down => p.step(1),
            KeyCode::Char('n') if ctrl => p.step(1),
            _ => {
                if p.input.key(ev) == Edit::Changed {
                    p.history_pos = None;
                    p.selected = 0;
                    p.offset = 0;
                    return self.requery();
                }
            }
        }
        Vec::new()
    }

    /// Enter: open the highlighted document, remember it and the query.
    fn jump_open(&mut self) -> Vec<Effect> {
        let Some(Popup::Jump(p)) = self.popups.pop() else {
            return Vec::new();
        };
        let Some(i) = p.rows.get(p.selected).and_then(|k| self.doc_index(*k)) else {
            return Vec::new();
        };
        self.open(i);
        self.set_focus(Pane::Reader);
        let q = p.input.text.trim().to_string();
        if q.is_empty() {
            return Vec::new();
        }
        self.jump_history.retain(|h| *h != q);
        self.jump_history.push(q);
        if self.jump_history.len() > HISTORY_LEN {
            self.jump_history.remove(0);
        }
        vec![Effect::SaveJumpHistory(self.jump_history.clone())]
    }

    /// Remembers that document `i` was opened (for the empty-query list).
    pub(crate) fn note_recent(&mut self, i: usize) {
        if let Some(k) = self.doc_key(i) {
            self.recent.retain(|r| *r != k);
            self.recent.insert(0, k);
            self.recent.truncate(RECENT_LEN);
        }
    }
}
