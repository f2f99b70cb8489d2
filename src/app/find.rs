//! `/` in the reader: word-aware search in the open document. Every hit is
//! highlighted, `n`/`N` scroll to the next/previous one and the status bar
//! says `hit 3/12`. Hits are found as the query is typed (one document is
//! small enough to search on every keystroke).

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::{Edit, LineInput};
use super::{App, Highlight, Popup};
use crate::action::Effect;
use crate::search::{find_in_text, Query};

/// The in-document search: its query and hits in the open document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindState {
    /// The query.
    pub query: String,
    /// The document the hits belong to (its id).
    pub doc: Option<String>,
    /// Byte ranges of the hits in the document text, in text order.
    pub hits: Vec<Range<usize>>,
    /// Index of the current hit.
    pub current: usize,
}

impl App {
    /// Opens the query line of the in-document search.
    pub(crate) fn open_find(&mut self) {
        let q = self.find.query.clone();
        self.popups.push(Popup::Find(LineInput::with(&q)));
    }

    /// Searches the open document for `query` and goes to the first hit
    /// at or after the top of the reader.
    pub fn find_in_document(&mut self, query: &str) {
        let Some(doc) = self.open_text() else { return };
        let hits = find_in_text(&doc.text, &Query::parse(query));
        let id = doc.id.clone();
        let top = self.reader.anchor();
        self.find = FindState {
            query: query.to_string(),
            doc: Some(id),
            current: hits.iter().position(|h| h.start >= top).unwrap_or(0),
            hits,
        };
        self.show_hit();
    }

    /// Hits for the open document (none when the search was for another).
    fn current_hits(&self) -> &[Range<usize>] {
        match (&self.find.doc, self.open_doc()) {
            (Some(id), Some(d)) if *id == d.id => &self.find.hits,
            _ => &[],
        }
    }

    /// Whether the open document has an active search with hits (then
    /// `n`/`N` step through them).
    pub fn search_active(&self) -> bool {
        !self.current_hits().is_empty()
    }

    /// `n` (+1) / `N` (-1).
    pub(crate) fn step_hit(&mut self, delta: isize) {
        let n = self.current_hits().len();
        if n == 0 {
            self.status.message = Some(if self.find.query.is_empty() {
                let key = self.key_hint(crate::action::Action::FindInDocument);
                format!("no search: press {key} to search this document")
            } else {
                format!("no hits for {}", self.find.query)
            });
            return;
        }
        self.find.current = (self.find.current as isize + delta).rem_euclid(n as isize) as usize;
        self.show_hit();
    }

    /// Scrolls the current hit into view and reports `hit i/n`.
    pub(crate) fn show_hit(&mut self) {
        let n = self.current_hits().len();
        let Some(hit) = self.current_hits().get(self.find.current).cloned() else {
            self.status.message = Some(format!("no hits for {}", self.find.query));
            return;
        };
        let line = self.reader.line_of_offset(hit.start);
        let h = self.reader_height();
        let top = self.reader.top;
        if line < top || line >= top + h {
            self.reader.scroll_to(line.saturating_sub(h / 3));
        }
        self.status.message = Some(format!(
            "hit {}/{}",
            self.count(self.find.current + 1),
            self.count(n)
        ));
        self.mark_dirty();
    }

    /// Highlights of the in-document search hits (the current one stronger).
    pub(crate) fn find_highlights(&self) -> Vec<Highlight> {
        self.current_hits()
            .iter()
            .enumerate()
            .map(|(i, r)| Highlight {
                range: r.clone(),
                style: if i == self.find.current {
                    self.theme.search_current
                } else {
                    self.theme.search_hit
                },
                priority: 50,
            })
            .collect()
    }

    /// A key while the find line is open: editing keys search as you type,
    /// Enter keeps the hits and closes the line, Esc clears them.
    pub(crate) fn find_key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        self.mark_dirty();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let Some(Popup::Find(input)) = self.popups.last_mut() else {
            return Vec::new();
        };
        match ev.code {
            KeyCode::Esc => {
                self.popups.pop();
                self.find = FindState::default();
                self.status.message = None;
            }
            KeyCode::Enter => {
                self.popups.pop();
            }
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            _ => {
                if input.key(ev) == Edit::Changed {
                    let q = input.text.clone();
                    self.find_in_document(&q);
                }
            }
        }
        Vec::new()
    }

    /// Text pasted into the find line.
    pub(crate) fn find_paste(&mut self, text: &str) {
        if let Some(Popup::Find(input)) = self.popups.last_mut() {
            input.insert(text);
            let q = input.text.clone();
            self.find_in_document(&q);
        }
    }
}
