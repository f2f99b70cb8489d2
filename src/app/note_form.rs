//! The annotation form (`a`): label, tags and note of the selection, the
//! cursor sentence, or the annotation under the cursor. It takes typed text
//! (Arabic included) directly, so keys reach it before the keymap.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{App, Popup};
use crate::action::Effect;

/// Field names, in order.
pub const FIELDS: [&str; 3] = ["Label", "Tags", "Note"];

/// State of the annotation form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteForm {
    /// The annotation being edited (`None`: a new one).
    pub id: Option<String>,
    /// The document it belongs to.
    pub doc_id: String,
    /// Byte range of a new annotation.
    pub range: Range<usize>,
    /// Label, tags (comma separated) and note.
    pub fields: [String; 3],
    /// The field being typed in.
    pub focus: usize,
}

impl App {
    /// Opens the form for the annotation under the cursor, or for a new one
    /// on the selection or cursor sentence.
    pub(super) fn open_note_form(&mut self) {
        let Some(doc) = self.open_text() else { return };
        if let Some(e) = &doc.unreadable {
            self.status.message = Some(super::annotate::refusal(e));
            self.mark_dirty();
            return;
        }
        let st = &self.annotations;
        let existing = st
            .under_cursor(doc)
            .filter(|p| st.selection.is_none() || p.range == st.selection)
            .and_then(|p| st.store.set.get(&p.id));
        let form = match existing {
            Some(a) => NoteForm {
                id: Some(a.id.clone()),
                doc_id: doc.id.clone(),
                range: 0..0,
                fields: [a.label.clone(), a.tags.join(", "), a.note.clone()],
                focus: 2,
            },
            None => {
                let Some(range) = st.target(doc) else { return };
                NoteForm {
                    id: None,
                    doc_id: doc.id.clone(),
                    range,
                    fields: [String::new(), String::new(), String::new()],
                    focus: 0,
                }
            }
        };
        self.popups.push(Popup::NoteForm(form));
        self.mark_dirty();
    }

    /// Whether the top popup takes typed text.
    pub fn text_input_active(&self) -> bool {
        matches!(
            self.popups.last(),
            Some(Popup::NoteForm(_) | Popup::NotesFilter)
        )
    }

    /// Pasted text goes into the focused field.
    pub(super) fn form_paste(&mut self, text: &str) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        match self.popups.last_mut() {
            Some(Popup::NoteForm(f)) => f.fields[f.focus].push_str(&clean),
            Some(Popup::NotesFilter) => {
                self.notes.filter.push_str(&clean);
                self.notes.selected = 0;
            }
            _ => return,
        }
        self.mark_dirty();
    }

    /// A key for the form: text, Backspace, Tab/Shift-Tab (fields), Enter
    /// (save), Esc (cancel), Ctrl-U (clear the field).
    pub(super) fn form_key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        if ev.kind == KeyEventKind::Release {
            return Vec::new();
        }
        if matches!(self.popups.last(), Some(Popup::NotesFilter)) {
            return self.filter_key(ev);
        }
        let Some(Popup::NoteForm(f)) = self.popups.last_mut() else {
            return Vec::new();
        };
        self.dirty = true;
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Esc => {
                self.popups.pop();
                self.status.message = Some("annotation not changed".into());
            }
            KeyCode::Enter => return self.save_note_form(),
            KeyCode::Tab | KeyCode::Down => f.focus = (f.focus + 1) % FIELDS.len(),
            KeyCode::BackTab | KeyCode::Up => f.focus = (f.focus + FIELDS.len() - 1) % FIELDS.len(),
            KeyCode::Backspace => {
                f.fields[f.focus].pop();
            }
            KeyCode::Char('u') if ctrl => f.fields[f.focus].clear(),
            KeyCode::Char('c') if ctrl => return vec![Effect::Quit],
            KeyCode::Char(c) if !ctrl && !ev.modifiers.contains(KeyModifiers::ALT) => {
                f.fields[f.focus].push(c)
            }
            _ => {}
        }
        Vec::new()
    }

    fn save_note_form(&mut self) -> Vec<Effect> {
        let Some(Popup::NoteForm(f)) = self.popups.pop() else {
            return Vec::new();
        };
        // the form is modal, so its document is still the open one
        let Some(doc) = self.open_text_arc().filter(|t| t.id == f.doc_id) else {
            self.status.message = Some("annotation not saved: its document is not open".into());
            return Vec::new();
        };
        if let Some(e) = &doc.unreadable {
            self.status.message = Some(super::annotate::refusal(e));
            return Vec::new();
        }
        let [label, tags, note] = &f.fields;
        // a digit picks the label on that key, as in the reader
        let label = match label.trim().parse::<usize>() {
            Ok(n) => self
                .annotations
                .labels
                .by_key(n)
                .map_or(label.trim().to_string(), |d| d.name.clone()),
            Err(_) => label.trim().to_string(),
        };
        let tags: Vec<String> = tags
            .split([',', '،'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        self.annotations.save_form(
            &doc,
            f.id.as_deref(),
            f.range.clone(),
            &label,
            tags,
            note.trim(),
        );
        self.status.message = Some("annotation saved".into());
        vec![Effect::SaveAnnotations]
    }
}
