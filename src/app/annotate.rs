//! Reading cursor, selection and annotation commands in the reader, and the
//! reader highlights they produce. State lives in
//! [`crate::annotations::session::AnnotationState`]; saving, copying and
//! exporting are effects.

use std::ops::Range;

use ratatui::style::Style;

use super::{App, Highlight, Pane};
use crate::action::{Action, Effect};
use crate::annotations::selection::{self, Unit};

/// Drawing order of annotation-related highlights.
const CURSOR_PRIORITY: u8 = 1;
const ANNOTATION_PRIORITY: u8 = 10;
const SELECTION_PRIORITY: u8 = 20;

impl App {
    /// Carries out a cursor, selection or annotation action.
    pub(super) fn annotate(&mut self, action: Action) -> Vec<Effect> {
        use Action::*;
        if self.open_doc().is_none() {
            return match action {
                Undo | Redo => self.undo_redo(action == Redo),
                ExportAnnotations => vec![Effect::ExportAnnotations],
                _ => Vec::new(),
            };
        }
        match action {
            AnnotateForm => {
                self.open_note_form();
                return Vec::new();
            }
            Undo | Redo => return self.undo_redo(action == Redo),
            ExportAnnotations => return vec![Effect::ExportAnnotations],
            _ => {}
        }
        let Some(text) = self.open_text_arc() else {
            return Vec::new();
        };
        let doc = &*text;
        if let Some(e) = doc.unreadable.as_ref().filter(|_| label_number(action) > 0) {
            self.status.message = Some(refusal(e));
            self.mark_dirty();
            return Vec::new();
        }
        let visible = self.reader_visible_range();
        let top = self.reader.anchor();
        let undo_key = self.key_hint(Undo);
        let st = &mut self.annotations;
        let mut effects = Vec::new();
        let mut show: Option<usize> = None;
        let mut message: Option<String> = None;
        match action {
            CursorNextSentence | CursorPrevSentence => {
                let delta = if action == CursorNextSentence { 1 } else { -1 };
                let on_screen = st.cursor_range(doc).is_some_and(|r| {
                    r.start < visible.end && visible.start < r.end.max(r.start + 1)
                });
                st.cursor = if on_screen {
                    selection::move_sentence(doc, st.cursor, delta)
                } else {
                    selection::sentence_at(doc, visible.start)
                };
                show = st.cursor_range(doc).map(|r| r.start);
                // reaching an annotated sentence tells what it is
                message = st
                    .under_cursor(doc)
                    .map(|p| describe(p, st.store.set.get(&p.id).map(|a| a.note.as_str())));
            }
            StartSelection => {
                if st.cursor.is_none() {
                    st.cursor = selection::sentence_at(doc, top);
                }
                st.selection = st.cursor.and_then(|c| selection::start(doc, c));
            }
            SelectWordMore | SelectWordLess | SelectSentenceMore | SelectSentenceLess
            | SelectParagraphMore | SelectParagraphLess => {
                if let Some(sel) = st.selection.clone() {
                    let (unit, more) = match action {
                        SelectWordMore => (Unit::Word, true),
                        SelectWordLess => (Unit::Word, false),
                        SelectSentenceMore => (Unit::Sentence, true),
                        SelectSentenceLess => (Unit::Sentence, false),
                        SelectParagraphMore => (Unit::Paragraph, true),
                        _ => (Unit::Paragraph, false),
                    };
                    let new = if more {
                        selection::extend(doc, &sel, unit)
                    } else {
                        selection::shrink(doc, &sel, unit)
                    };
                    show = Some(new.end.saturating_sub(1).max(new.start));
                    st.selection = Some(new);
                }
            }
            CancelSelection => st.selection = None,
            Label1 | Label2 | Label3 | Label4 | Label5 | Label6 | Label7 | Label8 | Label9 => {
                let n = label_number(action);
                message = st.apply_label(doc, n);
                if message.is_some() {
                    effects.push(Effect::SaveAnnotations);
                }
            }
            DeleteAnnotation => {
                message = Some(match st.delete_under_cursor(doc) {
                    Some(label) => {
                        effects.push(Effect::SaveAnnotations);
                        format!("deleted the {label} annotation ({undo_key} undoes)")
                    }
                    None => "no annotation under the cursor".to_string(),
                });
            }
            NextAnnotation | PrevAnnotation => match st.jump(doc, action == NextAnnotation) {
                Some(r) => {
                    show = Some(r.start);
                    message = st
                        .placed
                        .iter()
                        .find(|p| p.range.as_ref() == Some(&r))
                        .map(|p| describe(p, st.store.set.get(&p.id).map(|a| a.note.as_str())));
                }
                None => message = Some("no more annotations".into()),
            },
            CopyPassage => {
                if let Some(t) = st.copy_text(doc) {
                    message = Some(format!("copied {} characters", t.chars().count()));
                    effects.push(Effect::CopyToClipboard(t));
                }
            }
            _ => {}
        }
        if let Some(m) = message {
            self.status.message = Some(m);
        }
        if let Some(pos) = show {
            self.show_offset(pos);
        }
        self.mark_dirty();
        effects
    }

    fn undo_redo(&mut self, redo: bool) -> Vec<Effect> {
        let text = self.open_text_arc();
        let done = self.annotations.undo_redo(text.as_deref(), redo);
        let what = if redo { "redo" } else { "undo" };
        self.status.message = Some(if done {
            format!("{what}: done")
        } else {
            format!("nothing to {what}")
        });
        self.mark_dirty();
        if done {
            vec![Effect::SaveAnnotations]
        } else {
            Vec::new()
        }
    }

    /// The logical range of the text shown in the reader.
    pub fn reader_visible_range(&self) -> Range<usize> {
        let Some(layout) = self.reader.layout() else {
            return 0..0;
        };
        let top = self.reader.top.min(layout.lines.len());
        let bottom = (top + self.reader_height()).min(layout.lines.len());
        let mut lines = layout.lines[top..bottom]
            .iter()
            .filter(|l| l.paragraph != usize::MAX);
        let start = lines.next().map_or(0, |l| l.logical.start);
        let end = lines.next_back().map_or(usize::MAX, |l| l.logical.end);
        start..end.max(start)
    }

    /// Scrolls the reader so that logical offset `pos` is on screen.
    pub fn show_offset(&mut self, pos: usize) {
        let line = self.reader.line_of_offset(pos);
        let h = self.reader_height();
        if line < self.reader.top {
            self.reader.scroll_to(line);
        } else if line >= self.reader.top + h {
            self.reader.scroll_to(line + 1 - h);
        }
    }

    /// Anchors the store's annotations in the open document and puts the
    /// cursor on its first sentence (after the store was replaced).
    pub fn place_annotations(&mut self) {
        let text = self.open_text_arc();
        self.annotations.open(text.as_deref());
    }

    /// Anchors the open document's annotations again (after the store
    /// changed, e.g. a save merged what another qari wrote).
    pub fn refresh_annotations(&mut self) {
        let text = self.open_text_arc();
        self.annotations.refresh(text.as_deref());
    }

    /// Highlights for the cursor (when the reader has focus), the annotated
    /// passages in their label colours and the selection.
    pub fn annotation_highlights(&self) -> Vec<Highlight> {
        let mut out = Vec::new();
        let Some(doc) = self.open_text() else {
            return out;
        };
        let st = &self.annotations;
        if st.placed_doc() == Some(doc.id.as_str()) {
            for p in &st.placed {
                if let Some(r) = &p.range {
                    out.push(Highlight {
                        range: r.clone(),
                        style: self.label_style(&p.label),
                        priority: ANNOTATION_PRIORITY,
                    });
                }
            }
        }
        if self.focus == Pane::Reader && st.selection.is_none() {
            if let Some(r) = st.cursor_range(doc) {
                out.push(Highlight {
                    range: r,
                    style: self.theme.cursor_sentence,
                    priority: CURSOR_PRIORITY,
                });
            }
        }
        if let Some(r) = &st.selection {
            out.push(Highlight {
                range: r.clone(),
                style: self.theme.selection,
                priority: SELECTION_PRIORITY,
            });
        }
        out
    }
}

impl App {
    /// The reader style of a passage labelled `label`: the theme's style for
    /// its slot (`[labels]` in the config) when set, else the label's colour.
    pub fn label_style(&self, label: &str) -> Style {
        let labels = &self.annotations.labels;
        labels
            .defs
            .iter()
            .position(|d| d.name == label)
            .and_then(|i| self.theme.labels.get(i))
            .filter(|s| **s != Style::new())
            .copied()
            // Other labels: the theme's `label_other` (adapted to NO_COLOR).
            .unwrap_or(self.theme.label_other)
    }
}

/// Why a passage of a text that could not be read again is not annotated.
pub(super) fn refusal(e: &crate::corpus::TextError) -> String {
    format!(
        "not annotated: the file {} (the reader shows a notice)",
        e.reason
    )
}

/// `label · state · note` for the status line.
fn describe(p: &crate::annotations::session::Placed, note: Option<&str>) -> String {
    let label = if p.label.is_empty() { "—" } else { &p.label };
    let mut s = format!("{label} · {}", p.state.name());
    if let Some(n) = note.filter(|n| !n.is_empty()) {
        s.push_str(" · ");
        s.push_str(&n.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    s
}

fn label_number(a: Action) -> usize {
    use Action::*;
    match a {
        Label1 => 1,
        Label2 => 2,
        Label3 => 3,
        Label4 => 4,
        Label5 => 5,
        Label6 => 6,
        Label7 => 7,
        Label8 => 8,
        Label9 => 9,
        _ => 0,
    }
}
