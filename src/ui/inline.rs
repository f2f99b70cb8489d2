//! Drawing laid-out text into a buffer, cell by cell. Everything on screen
//! that may hold Arabic goes through here: either cached reader lines or
//! short strings laid out with `text::layout_inline`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::Highlight;
use crate::text::{layout_inline, Cell, LayoutOptions, VisualLine};

/// Where a short string goes in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// At the start of its direction: right for RTL text, left for LTR.
    Start,
    /// Always at the left edge.
    Left,
    /// Always at the right edge.
    Right,
}

/// Draws `cells` from column `x` of the one-row `area`, stopping before a
/// cell would cross its right edge. Each cell gets `base` patched with every
/// highlight (in the order given) whose range intersects the cell's
/// logical range. Returns the column after the last cell drawn.
pub fn put_cells(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    cells: &[Cell],
    base: Style,
    highlights: &[&Highlight],
) -> u16 {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return x;
    }
    let right = area.right();
    let y = area.y;
    let mut x = x.max(area.x);
    for cell in cells {
        // The layout guarantees 1 or 2; a zero would stack cells.
        let w = u16::from(cell.width.max(1));
        if x.saturating_add(w) > right {
            break;
        }
        let mut style = base;
        for h in highlights {
            if h.intersects(&cell.logical) {
                style = style.patch(h.style);
            }
        }
        buf[(x, y)].set_symbol(&cell.symbol).set_style(style);
        // The terminal draws a wide symbol over the next column: clear it so
        // no stale content is diffed there.
        for dx in 1..w {
            buf[(x + dx, y)].reset();
            buf[(x + dx, y)].set_style(style);
        }
        x += w;
    }
    x
}

/// Draws a laid-out line at its own padding inside `area` (reader lines).
pub fn put_line(
    buf: &mut Buffer,
    area: Rect,
    line: &VisualLine,
    base: Style,
    highlights: &[&Highlight],
) -> u16 {
    put_cells(
        buf,
        area,
        area.x.saturating_add(line.pad),
        &line.cells,
        base,
        highlights,
    )
}

/// Most short layouts remembered; the memo is emptied when it grows past this.
const MEMO_LIMIT: usize = 4096;

type MemoEntry = (String, u16, LayoutOptions, Rc<VisualLine>);

/// A memo of `layout_inline` results (titles, sidebar values, messages), so a
/// redraw does not run the bidi pipeline again for strings it has already
/// laid out. It only ever returns what `layout_inline` would, so drawing
/// through it stays a pure function of the app state.
#[derive(Debug, Default)]
pub struct InlineCache {
    hasher: RandomState,
    map: RefCell<HashMap<u64, Vec<MemoEntry>>>,
}

impl InlineCache {
    /// `layout_inline(text, width, opts)`, remembered.
    pub fn layout(&self, text: &str, width: u16, opts: &LayoutOptions) -> Rc<VisualLine> {
        let key = self.hasher.hash_one((text, width, opts));
        let mut map = self.map.borrow_mut();
        if let Some(hit) = map.get(&key).and_then(|v| {
            v.iter()
                .find(|(t, w, o, _)| t == text && *w == width && o == opts)
        }) {
            return Rc::clone(&hit.3);
        }
        if map.len() >= MEMO_LIMIT {
            map.clear();
        }
        let line = Rc::new(layout_inline(text, width, opts));
        map.entry(key)
            .or_default()
            .push((text.to_string(), width, *opts, Rc::clone(&line)));
        line
    }
}

/// What short strings are laid out with: the app's text options and memo.
#[derive(Debug, Clone, Copy)]
pub struct InlineCtx<'a> {
    /// Bidi mode, shaping.
    pub opts: &'a LayoutOptions,
    /// The memo.
    pub cache: &'a InlineCache,
    /// The interface reads right to left (`--ui-lang ar` or `--layout
    /// rtl`): border titles go to the right end of the border.
    pub rtl_chrome: bool,
}

/// Cells `text` takes on one row of at most `max` cells (cut with an
/// ellipsis when longer).
pub fn inline_width(ctx: InlineCtx<'_>, text: &str, max: u16) -> u16 {
    cells_width(&ctx.cache.layout(text, max, ctx.opts).cells, max)
}

/// Cells a laid-out row takes, at most `max`.
fn cells_width(cells: &[Cell], max: u16) -> u16 {
    let used: u16 = cells.iter().map(|c| u16::from(c.width.max(1))).sum();
    used.min(max)
}

/// Lays out `text` on one row of `area` (cut with an ellipsis when too long)
/// and draws it aligned as asked. Returns the drawn width.
pub fn draw_inline(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    ctx: InlineCtx<'_>,
    align: Align,
    style: Style,
) -> u16 {
    if area.width == 0 || area.height == 0 || text.is_empty() {
        return 0;
    }
    let line = ctx.cache.layout(text, area.width, ctx.opts);
    let used = cells_width(&line.cells, area.width);
    let x = match align {
        Align::Start if line.rtl => area.x + (area.width - used),
        Align::Right => area.x + (area.width - used),
        _ => area.x,
    };
    let row = Rect::new(area.x, area.y, area.width, 1);
    put_cells(buf, row, x, &line.cells, style, &[]) - x
}

/// Draws a pane title as ` text ` on the top border of `area`, through the
/// bidi pipeline (interface words may be Arabic): from the border's second
/// column, or ending at its second-last one when `ctx.rtl_chrome`. Returns
/// the free end next to the title: the column after it (left to right) or
/// the title's first column (right to left).
pub fn border_title(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    ctx: InlineCtx<'_>,
    style: Style,
) -> u16 {
    if area.width < 4 || area.height == 0 {
        return area.x;
    }
    let row = Rect::new(area.x + 1, area.y, area.width - 2, 1);
    if ctx.rtl_chrome {
        let w = (inline_width(ctx, text, row.width.saturating_sub(2)) + 2).min(row.width);
        let start = row.right() - w;
        draw_padded(buf, Rect::new(start, row.y, w, 1), text, ctx, style);
        return start;
    }
    row.x + draw_padded(buf, row, text, ctx, style)
}

/// Draws ` text ` (one space each side, in `style`) at the left of the
/// one-row `area`; `layout_inline` trims spaces, so they are drawn here.
/// Returns the width drawn.
pub fn draw_padded(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    ctx: InlineCtx<'_>,
    style: Style,
) -> u16 {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height == 0 {
        return 0;
    }
    buf[(area.x, area.y)].set_symbol(" ").set_style(style);
    let inner = Rect::new(area.x + 1, area.y, area.width - 2, 1);
    let w = draw_inline(buf, inner, text, ctx, Align::Left, style);
    buf[(inner.x + w, area.y)].set_symbol(" ").set_style(style);
    w + 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn cell(s: &str, w: u8, at: usize) -> Cell {
        Cell {
            symbol: s.into(),
            width: w,
            logical: at..at + s.len(),
        }
    }

    #[test]
    fn wide_cells_clear_their_shadow_and_stop_at_the_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let cells = [
            cell("a", 1, 0),
            cell("界", 2, 1),
            cell("b", 1, 4),
            cell("界", 2, 5),
        ];
        let end = put_cells(
            &mut buf,
            Rect::new(0, 0, 5, 1),
            0,
            &cells,
            Style::new(),
            &[],
        );
        assert_eq!(end, 4);
        assert_eq!(buf, Buffer::with_lines(["a界b "]));
    }

    #[test]
    fn highlights_colour_intersecting_cells() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        let cells = [cell("x", 1, 0), cell("y", 1, 1), cell("z", 1, 2)];
        let h = Highlight {
            range: 1..2,
            style: Style::new().fg(Color::Red),
            priority: 0,
        };
        put_cells(
            &mut buf,
            Rect::new(0, 0, 3, 1),
            0,
            &cells,
            Style::new(),
            &[&h],
        );
        let mut want = Buffer::with_lines(["xyz"]);
        want.set_style(Rect::new(1, 0, 1, 1), Style::new().fg(Color::Red));
        assert_eq!(buf, want);
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn memo_returns_what_layout_inline_returns() {
        let cache = InlineCache::default();
        let opts = LayoutOptions::default();
        for (t, w) in [
            ("مرحبا بالعالم", 8),
            ("hello world", 5),
            ("مرحبا بالعالم", 40),
            ("", 3),
        ] {
            assert_eq!(*cache.layout(t, w, &opts), layout_inline(t, w, &opts));
            assert_eq!(*cache.layout(t, w, &opts), layout_inline(t, w, &opts));
        }
        let off = LayoutOptions {
            shape: false,
            ..opts
        };
        assert_eq!(
            *cache.layout("مرحبا", 9, &off),
            layout_inline("مرحبا", 9, &off)
        );
    }
}
