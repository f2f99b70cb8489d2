//! The sidebar's `Notes` tab: the annotations of the open document or, after
//! `c`, of the whole corpus; `j`/`k` choose one, Enter opens it in the
//! reader. Each row shows label, anchor state and the passage.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::motion::Motion;
use super::{App, InfoRow, Pane, Popup};
use crate::action::{Action, Effect};
use crate::annotations::notes::NoteRow;
use crate::annotations::selection;

/// State of the Notes tab.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesView {
    /// Whole corpus (true) or the open document only.
    pub all: bool,
    /// The chosen row.
    pub selected: usize,
    /// Keep rows whose label, tags, note or passage contain this (folded).
    pub filter: String,
}

impl App {
    /// The annotations the Notes tab lists.
    pub fn note_rows(&self) -> Vec<NoteRow> {
        let only = if self.notes.all {
            None
        } else {
            match self.reader.doc {
                Some(i) => Some(i),
                None => return Vec::new(),
            }
        };
        self.annotations.note_rows(
            &self.corpus.docs,
            (only, &self.notes.filter),
            self.open_text(),
        )
    }

    /// Sidebar rows of the Notes tab.
    pub fn notes_tab_rows(&self) -> Vec<InfoRow> {
        let list = self.note_rows();
        let scope = if self.notes.all {
            "whole corpus"
        } else {
            "this document"
        };
        let mut out = vec![InfoRow::Field(
            "Notes",
            format!(
                "{} · {scope} ({} toggles)",
                list.len(),
                self.key_hint(Action::ToggleNotesScope)
            ),
        )];
        let typing = matches!(self.popups.last(), Some(Popup::NotesFilter));
        if typing || !self.notes.filter.is_empty() {
            let cursor = if typing { "▏" } else { "" };
            out.push(InfoRow::Field(
                "Filter",
                format!("{}{cursor}", self.notes.filter),
            ));
        }
        if list.is_empty() {
            out.push(InfoRow::Text(format!(
                "No annotations: select with {}, label with 1–9 or {}",
                self.key_hint(Action::StartSelection),
                self.key_hint(Action::AnnotateForm)
            )));
        }
        let mut last_doc = None;
        for (i, r) in list.iter().enumerate() {
            if self.notes.all && last_doc != Some(r.doc) {
                // titles are Arabic: a Field value goes through the bidi pipeline
                let title = self.corpus.docs.get(r.doc).map_or("", |d| d.title.as_str());
                out.push(InfoRow::Blank);
                out.push(InfoRow::Field("Doc", title.to_string()));
                last_doc = Some(r.doc);
            }
            // one line for what it is, then the passage and the note on their
            // own lines, so each gets its own paragraph direction
            let label = if r.label.is_empty() { "—" } else { &r.label };
            let mut head = format!("{label} · {}", r.state.name());
            if !r.tags.is_empty() {
                head.push_str(" · #");
                head.push_str(&r.tags.join(" #"));
            }
            out.push(InfoRow::Choice(head, i == self.notes.selected));
            out.push(InfoRow::Text(one_line(&r.quote)));
            if !r.note.trim().is_empty() {
                out.push(InfoRow::Text(format!("✎ {}", one_line(&r.note))));
            }
        }
        out
    }

    /// A key while typing the filter: text, Backspace, Enter keeps the
    /// filter, Esc clears it.
    pub(super) fn filter_key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        self.mark_dirty();
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Enter => {
                self.popups.pop();
            }
            KeyCode::Esc => {
                self.popups.pop();
                self.notes.filter.clear();
            }
            KeyCode::Backspace => {
                self.notes.filter.pop();
            }
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            KeyCode::Char(c) if !ctrl && !ev.modifiers.contains(KeyModifiers::ALT) => {
                self.notes.filter.push(c)
            }
            _ => return Vec::new(),
        }
        self.notes.selected = 0;
        self.sidebar.scroll = 0;
        Vec::new()
    }

    pub(super) fn move_notes(&mut self, m: Motion) {
        let n = self.note_rows().len();
        self.notes.selected = m.apply(self.notes.selected, 10, n.saturating_sub(1));
        // keep the chosen row on screen: rows above it are the header and
        // document headings, so scroll by its position among the rows
        let page = self
            .areas()
            .sidebar
            .map(|r| r.height.saturating_sub(3) as usize)
            .unwrap_or(1)
            .max(1);
        let row = self.notes_row_index();
        if row < self.sidebar.scroll {
            self.sidebar.scroll = row;
        } else if row >= self.sidebar.scroll + page {
            self.sidebar.scroll = row + 1 - page;
        }
    }

    fn notes_row_index(&self) -> usize {
        self.notes_tab_rows()
            .iter()
            .position(|r| matches!(r, InfoRow::Choice(_, true)))
            .unwrap_or(0)
    }

    pub(super) fn notes_action(&mut self, action: Action) -> Vec<Effect> {
        self.mark_dirty();
        match action {
            Action::FilterNotes => self.popups.push(Popup::NotesFilter),
            Action::ToggleNotesScope => {
                self.notes.all = !self.notes.all;
                self.notes.selected = 0;
                self.sidebar.scroll = 0;
            }
            Action::OpenNote => {
                let Some(r) = self.note_rows().into_iter().nth(self.notes.selected) else {
                    return Vec::new();
                };
                self.open(r.doc);
                let Some(doc) = self.open_text_arc() else {
                    return Vec::new();
                };
                match r.range {
                    Some(range) => {
                        self.annotations.cursor = selection::sentence_at(&doc, range.start);
                        self.annotations.selection = None;
                        self.set_focus(Pane::Reader);
                        self.show_offset(range.start);
                    }
                    None => {
                        self.status.message =
                            Some("this annotation is an orphan: its passage was not found".into())
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
