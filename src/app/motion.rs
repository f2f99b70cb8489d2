//! Movement (line, page, top, bottom) applied to the active target: the top
//! popup, else the focused pane.

use super::{App, Pane, Popup};

/// A movement request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// By lines (or list items); negative is up.
    Lines(isize),
    /// By pages.
    Pages(isize),
    /// By half pages.
    HalfPages(isize),
    /// To the first line.
    Top,
    /// To the last line (or the last page).
    Bottom,
}

impl Motion {
    /// The new position from `pos`, with `page` lines to a page and `max` the
    /// largest position allowed.
    pub fn apply(self, pos: usize, page: usize, max: usize) -> usize {
        let page = page.max(1);
        let target = match self {
            Motion::Lines(n) => pos.saturating_add_signed(n),
            Motion::Pages(n) => pos.saturating_add_signed(n.saturating_mul(page as isize)),
            Motion::HalfPages(n) => {
                pos.saturating_add_signed(n.saturating_mul((page / 2).max(1) as isize))
            }
            Motion::Top => 0,
            Motion::Bottom => max,
        };
        target.min(max)
    }
}

impl App {
    /// Moves the active target.
    pub fn apply_motion(&mut self, m: Motion) {
        if let Some(top) = self.popups.last_mut() {
            match top {
                Popup::Help(h) => {
                    let total = crate::ui::help::help_lines(&self.keymap).len();
                    let page = crate::ui::help::page_height(&self.areas);
                    h.scroll = m.apply(h.scroll, page, total.saturating_sub(page));
                }
                Popup::NoteForm(_) | Popup::NotesFilter => {}
                Popup::EntityForm(_) | Popup::EntitiesFilter => {}
                Popup::Jump(_) | Popup::Search(_) | Popup::Find(_) => {}
            }
            return;
        }
        self.move_pane(self.focus, m);
    }

    /// Moves inside `pane` (used by keys for the focused pane and by the
    /// mouse wheel for the pane under the pointer).
    pub fn move_pane(&mut self, pane: Pane, m: Motion) {
        match pane {
            Pane::List => {
                let n = self.corpus.docs.len();
                let page = self.list_rows();
                self.list.selected = m.apply(self.list.selected, page, n.saturating_sub(1));
                self.list.scroll_into_view(page);
            }
            Pane::Reader => {
                let page = self.reader_height();
                let lines = self.reader.line_count();
                let top = m.apply(self.reader.top, page, lines.saturating_sub(page));
                self.reader.scroll_to(top);
            }
            Pane::Sidebar if self.sidebar.tab == super::SidebarTab::Entities => {
                self.move_entities(m);
            }
            Pane::Sidebar if self.sidebar.tab == super::SidebarTab::Notes => {
                self.move_notes(m);
            }
            Pane::Sidebar => {
                let total = self.info_rows().len();
                let page = self
                    .areas()
                    .sidebar
                    .map(|r| r.height.saturating_sub(3) as usize)
                    .unwrap_or(1);
                self.sidebar.scroll =
                    m.apply(self.sidebar.scroll, page, total.saturating_sub(page));
            }
        }
        self.mark_dirty();
    }
}

#[cfg(test)]
mod tests {
    use super::Motion;

    #[test]
    fn motions_clamp() {
        assert_eq!(Motion::Lines(1).apply(0, 10, 5), 1);
        assert_eq!(Motion::Lines(-1).apply(0, 10, 5), 0);
        assert_eq!(Motion::Pages(1).apply(0, 10, 25), 10);
        assert_eq!(Motion::Pages(3).apply(0, 10, 25), 25);
        assert_eq!(Motion::HalfPages(1).apply(2, 10, 25), 7);
        assert_eq!(Motion::Bottom.apply(2, 10, 25), 25);
        assert_eq!(Motion::Top.apply(20, 10, 25), 0);
        assert_eq!(Motion::Lines(1).apply(0, 0, 0), 0);
    }
}
