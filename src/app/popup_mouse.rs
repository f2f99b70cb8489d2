//! The mouse in the jump and corpus search popups: the wheel moves through
//! the results, a click selects a result row, a click on the selected row
//! opens it (so a double click opens), a click outside the popup closes it.
//!
//! Rows are hit-tested with the geometry the popups are drawn with
//! (`ui::jump::{popup_rect, list_rect, first_shown}`), so what is under the
//! pointer is what the last frame showed at this terminal size.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{App, Popup};
use crate::action::Effect;
use crate::ui::{corpus_search, jump};

/// Where a click in a query popup landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spot {
    /// Outside the popup (or the popup is too small to be drawn).
    Outside,
    /// On the popup but not on a result (border, title, query, blank rows).
    Frame,
    /// On list row `n` (counting from the first row, not from the window).
    Row(usize),
}

impl App {
    /// Handles `m` when the jump or search popup is on top; `None` when
    /// another popup (or none) is.
    pub(crate) fn query_popup_mouse(&mut self, m: MouseEvent) -> Option<Vec<Effect>> {
        if !matches!(self.popups.last(), Some(Popup::Jump(_) | Popup::Search(_))) {
            return None;
        }
        let step = match m.kind {
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            MouseEventKind::Down(MouseButton::Left) => {
                return Some(self.query_popup_click(m.column, m.row))
            }
            _ => return Some(Vec::new()),
        };
        self.mark_dirty();
        match self.popups.last_mut() {
            Some(Popup::Jump(p)) => p.step(step),
            Some(Popup::Search(p)) => p.step(step),
            _ => {}
        }
        Some(Vec::new())
    }

    /// The popup on top's rectangle and list area, and the first row
    /// shown, the selected row and the number of rows of its list.
    fn query_popup_geometry(&self) -> Option<(Rect, Option<Rect>, [usize; 3])> {
        let (max_w, max_h, rows) = match self.popups.last()? {
            Popup::Jump(p) => (
                jump::MAX_WIDTH,
                jump::MAX_HEIGHT,
                [p.offset, p.selected, p.rows.len()],
            ),
            Popup::Search(p) => (
                corpus_search::MAX_WIDTH,
                corpus_search::MAX_HEIGHT,
                [
                    p.offset,
                    p.selected,
                    if p.doc_count() == 0 { 0 } else { p.rows() },
                ],
            ),
            _ => return None,
        };
        let area = jump::popup_rect(&self.areas, max_w, max_h)?;
        Some((area, jump::list_rect(area), rows))
    }

    /// Stores the first row the query popup on top shows now (after the
    /// selection moved or the terminal was resized).
    pub(crate) fn settle_popup_scroll(&mut self) {
        let Some((_, Some(list), [offset, selected, _])) = self.query_popup_geometry() else {
            return;
        };
        let first = jump::first_shown(offset, selected, list.height as usize);
        match self.popups.last_mut() {
            Some(Popup::Jump(p)) => p.offset = first,
            Some(Popup::Search(p)) => p.offset = first,
            _ => {}
        }
    }

    fn spot(&self, x: u16, y: u16) -> Spot {
        let Some((area, list, [offset, selected, rows])) = self.query_popup_geometry() else {
            return Spot::Outside;
        };
        let pos = Position::new(x, y);
        if !area.contains(pos) {
            return Spot::Outside;
        }
        let Some(list) = list.filter(|l| l.contains(pos)) else {
            return Spot::Frame;
        };
        let first = jump::first_shown(offset, selected, list.height as usize);
        let n = first + (y - list.y) as usize;
        if n < rows {
            Spot::Row(n)
        } else {
            Spot::Frame
        }
    }

    fn query_popup_click(&mut self, x: u16, y: u16) -> Vec<Effect> {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        let spot = self.spot(x, y);
        let key = match (spot, self.popups.last_mut()) {
            (Spot::Outside, _) => esc,
            (Spot::Frame, _) => return Vec::new(),
            (Spot::Row(n), Some(Popup::Jump(p))) => {
                if n == p.selected {
                    enter
                } else {
                    p.selected = n;
                    self.mark_dirty();
                    return Vec::new();
                }
            }
            (Spot::Row(n), Some(Popup::Search(p))) => {
                if n == p.selected {
                    enter
                } else {
                    p.selected = n;
                    p.moved = true;
                    self.mark_dirty();
                    return Vec::new();
                }
            }
            _ => return Vec::new(),
        };
        match self.popups.last() {
            Some(Popup::Jump(_)) => self.jump_key(key),
            Some(Popup::Search(_)) => self.search_key(key),
            _ => Vec::new(),
        }
    }
}
