//! A one-line text field that edits by grapheme cluster (so Backspace
//! removes a letter together with its harakat), for the jump and find
//! popups.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// Text and a cursor (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    /// The text typed so far.
    pub text: String,
    /// Cursor position in `text` (bytes).
    pub cursor: usize,
}

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// The key is not an editing key.
    Ignored,
}

impl LineInput {
    /// A field holding `text`, cursor at the end.
    pub fn with(text: &str) -> Self {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// Inserts `s` at the cursor (control characters dropped, line breaks
    /// become spaces).
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Applies an editing key: characters, Backspace, Delete, Ctrl-W (word
    /// before the cursor), Ctrl-U (everything before the cursor), ←/→
    /// (by grapheme), Home/End, Ctrl-A/Ctrl-E.
    pub fn key(&mut self, ev: KeyEvent) -> Edit {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Char('w') if ctrl => {
                let before = self.text[..self.cursor].trim_end();
                let start = before
                    .split_word_bound_indices()
                    .rfind(|(_, w)| !w.trim().is_empty())
                    .map_or(0, |(i, _)| i);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                return Edit::Moved;
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.text.len();
                return Edit::Moved;
            }
            KeyCode::Char(c) if !ctrl && !ev.modifiers.contains(KeyModifiers::ALT) => {
                self.insert(c.encode_utf8(&mut [0; 4]));
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let p = self.prev_boundary();
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                let n = self.next_boundary();
                self.text.replace_range(self.cursor..n, "");
            }
            KeyCode::Left => {
                self.cursor = self.prev_boundary();
                return Edit::Moved;
            }
            KeyCode::Right => {
                self.cursor = self.next_boundary();
                return Edit::Moved;
            }
            KeyCode::Home => {
                self.cursor = 0;
                return Edit::Moved;
            }
            KeyCode::End => {
                self.cursor = self.text.len();
                return Edit::Moved;
            }
            KeyCode::Backspace | KeyCode::Delete => return Edit::Moved,
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn backspace_removes_a_letter_with_its_harakat() {
        let mut f = LineInput::with("تُدفّع");
        f.key(k(KeyCode::Backspace));
        assert_eq!(f.text, "تُدفّ");
        f.key(k(KeyCode::Backspace));
        assert_eq!(f.text, "تُد");
    }

    #[test]
    fn arrows_move_by_grapheme_and_typing_inserts_there() {
        let mut f = LineInput::with("قرباغ");
        f.key(k(KeyCode::Left));
        f.key(k(KeyCode::Left));
        f.key(k(KeyCode::Left));
        f.key(k(KeyCode::Char('ه')));
        f.key(k(KeyCode::Char(' ')));
        assert_eq!(f.text, "قره باغ");
        f.key(k(KeyCode::Right));
        assert_eq!(&f.text[..f.cursor], "قره ب");
    }

    #[test]
    fn ctrl_w_and_ctrl_u() {
        let mut f = LineInput::with("روسيا ارمينيا ");
        f.key(ctrl('w'));
        assert_eq!(f.text, "روسيا ");
        f.key(ctrl('u'));
        assert_eq!(f.text, "");
        f.insert("a\nb\u{1b}c");
        assert_eq!(f.text, "a bc");
    }
}
