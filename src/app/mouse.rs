//! Mouse: a click focuses the pane under the pointer (and opens the list row
//! clicked); the wheel scrolls the pane under the pointer. The jump and
//! search popups take the mouse themselves (`popup_mouse`).

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{list::ROW_HEIGHT, App, Motion, Pane};
use crate::action::Effect;
use crate::ui::areas::inner;

/// Lines the reader moves per wheel notch.
const WHEEL_LINES: isize = 3;

impl App {
    pub(crate) fn handle_mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
        if let Some(fx) = self.query_popup_mouse(m) {
            return fx;
        }
        let wheel = match m.kind {
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(m.column, m.row);
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        if !self.popups.is_empty() {
            self.apply_motion(Motion::Lines(wheel * WHEEL_LINES));
            return Vec::new();
        }
        match self.areas().pane_at(m.column, m.row) {
            Some(Pane::List) => self.move_pane(Pane::List, Motion::Lines(wheel)),
            Some(p) => self.move_pane(p, Motion::Lines(wheel * WHEEL_LINES)),
            None => {}
        }
        Vec::new()
    }

    fn click(&mut self, x: u16, y: u16) {
        if !self.popups.is_empty() {
            return;
        }
        let Some(pane) = self.areas().pane_at(x, y) else {
            return;
        };
        if pane != self.focus {
            self.set_focus(pane);
        }
        if pane == Pane::List {
            let Some(area) = self.areas().list.map(inner) else {
                return;
            };
            if y < area.y || y >= area.bottom() {
                return;
            }
            let row = self.list.offset + (y - area.y) as usize / ROW_HEIGHT;
            if row < self.corpus.docs.len() {
                self.open(row);
            }
        }
        self.mark_dirty();
    }
}
