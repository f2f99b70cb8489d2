//! Where each pane goes: a pure function of the terminal size, the layout
//! preferences and the focus, used by rendering and by `App::update` (page
//! sizes, the reader's text width, mouse hit tests) alike.

use ratatui::layout::Rect;

use crate::app::Pane;
use crate::config::PaneWidth;

/// Below this width only the focused pane is shown.
pub const MIN_THREE_PANE_WIDTH: u16 = 70;

/// Layout preferences (config may change them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutPrefs {
    /// Width of the document list (cells or percent).
    pub list_width: PaneWidth,
    /// Width of the sidebar (cells or percent).
    pub sidebar_width: PaneWidth,
    /// Mirror the panes (list on the right, sidebar on the left), as an
    /// Arabic reader may prefer.
    pub mirrored: bool,
}

impl Default for LayoutPrefs {
    fn default() -> Self {
        Self {
            list_width: PaneWidth::Percent(24),
            sidebar_width: PaneWidth::Percent(22),
            mirrored: false,
        }
    }
}

/// The screen split into panes. A pane that is not shown is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The whole terminal.
    pub screen: Rect,
    /// Document list (with its border).
    pub list: Option<Rect>,
    /// Reader (with its border).
    pub reader: Option<Rect>,
    /// Sidebar (with its border).
    pub sidebar: Option<Rect>,
    /// Status bar (last row).
    pub status: Rect,
}

/// A side pane's width in a body `w` cells wide: a percentage is kept
/// between 18 cells and `max_pct_cells`; a width in cells is taken as given,
/// up to a third of the body, so the reader always keeps room.
fn side_width(pw: PaneWidth, w: u16, max_pct_cells: u16) -> u16 {
    match pw {
        PaneWidth::Percent(_) => pw.cells(w).clamp(18, max_pct_cells),
        PaneWidth::Cells(c) => c.clamp(10, (w / 3).max(10)),
    }
}

/// The area inside a one-cell border.
pub fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect::new(r.x, r.y, 0, 0);
    }
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

/// The reader's text area inside a reader pane at `r`: inside the border,
/// with one column of margin on each side when there is room.
pub fn reader_text_of(r: Rect) -> Rect {
    let i = inner(r);
    if i.width > 10 {
        Rect::new(i.x + 1, i.y, i.width - 2, i.height)
    } else {
        i
    }
}

impl Areas {
    /// Splits `screen`.
    pub fn compute(screen: Rect, prefs: &LayoutPrefs, focus: Pane) -> Self {
        let mut a = Areas {
            screen,
            ..Default::default()
        };
        if screen.height == 0 || screen.width == 0 {
            return a;
        }
        a.status = Rect::new(screen.x, screen.bottom() - 1, screen.width, 1);
        let body = Rect::new(screen.x, screen.y, screen.width, screen.height - 1);
        if body.height == 0 {
            return a;
        }
        if body.width < MIN_THREE_PANE_WIDTH {
            match focus {
                Pane::List => a.list = Some(body),
                Pane::Reader => a.reader = Some(body),
                Pane::Sidebar => a.sidebar = Some(body),
            }
            return a;
        }
        let w = body.width;
        let list_w = side_width(prefs.list_width, w, 40);
        let side_w = side_width(prefs.sidebar_width, w, 36);
        let reader_w = w.saturating_sub(list_w + side_w);
        let (left_w, right_w) = if prefs.mirrored {
            (side_w, list_w)
        } else {
            (list_w, side_w)
        };
        let left = Rect::new(body.x, body.y, left_w, body.height);
        let mid = Rect::new(body.x + left_w, body.y, reader_w, body.height);
        let right = Rect::new(body.x + left_w + reader_w, body.y, right_w, body.height);
        a.reader = Some(mid);
        if prefs.mirrored {
            a.sidebar = Some(left);
            a.list = Some(right);
        } else {
            a.list = Some(left);
            a.sidebar = Some(right);
        }
        a
    }

    /// The area of `pane`, if shown.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Sidebar => self.sidebar,
        }
    }

    /// Where the reader draws text: inside the border, one column of margin
    /// on each side when there is room.
    pub fn reader_text(&self) -> Rect {
        self.reader.map(reader_text_of).unwrap_or_default()
    }

    /// The pane under the cell `(x, y)`.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position::new(x, y);
        [Pane::List, Pane::Reader, Pane::Sidebar]
            .into_iter()
            .find(|&p| self.pane(p).is_some_and(|r| r.contains(pos)))
    }

    /// A centred popup of at most `max_w` × `max_h` cells, leaving a margin
    /// around it when the screen allows.
    pub fn popup(&self, max_w: u16, max_h: u16) -> Rect {
        let s = self.screen;
        // Narrow screens give the popup every column: its text matters more
        // than the panes peeking out around it.
        let margin = if s.width >= 60 { 4 } else { 0 };
        let w = max_w
            .min(s.width.saturating_sub(margin))
            .max(s.width.min(10));
        let h = max_h.min(s.height.saturating_sub(2)).max(s.height.min(3));
        Rect::new(
            s.x + (s.width - w.min(s.width)) / 2,
            s.y + (s.height - h.min(s.height)) / 2,
            w.min(s.width),
            h.min(s.height),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_fill_the_width() {
        let a = Areas::compute(
            Rect::new(0, 0, 120, 40),
            &LayoutPrefs::default(),
            Pane::List,
        );
        let (l, r, s) = (a.list.unwrap(), a.reader.unwrap(), a.sidebar.unwrap());
        assert_eq!(l.width + r.width + s.width, 120);
        assert_eq!(l.right(), r.x);
        assert_eq!(r.right(), s.x);
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
        assert_eq!(a.pane_at(l.x, 5), Some(Pane::List));
        assert_eq!(a.pane_at(s.x, 5), Some(Pane::Sidebar));
        assert_eq!(a.pane_at(0, 39), None);
    }

    #[test]
    fn mirrored_puts_the_list_on_the_right() {
        let prefs = LayoutPrefs {
            mirrored: true,
            ..Default::default()
        };
        let a = Areas::compute(Rect::new(0, 0, 100, 30), &prefs, Pane::List);
        assert!(a.list.unwrap().x > a.reader.unwrap().x);
        assert_eq!(a.sidebar.unwrap().x, 0);
    }

    #[test]
    fn narrow_shows_the_focused_pane_only() {
        let a = Areas::compute(
            Rect::new(0, 0, 40, 15),
            &LayoutPrefs::default(),
            Pane::Reader,
        );
        assert_eq!(a.list, None);
        assert_eq!(a.reader, Some(Rect::new(0, 0, 40, 14)));
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (0, 5), (5, 0), (200, 1), (3, 2)] {
            let a = Areas::compute(Rect::new(0, 0, w, h), &LayoutPrefs::default(), Pane::Reader);
            let _ = a.reader_text();
            let p = a.popup(70, 30);
            assert!(p.right() <= w && p.bottom() <= h, "{w}x{h}: {p:?}");
        }
    }
}
