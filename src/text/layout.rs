//! Layout of document text into screen lines.
//!
//! Every position outside this module is a logical byte offset into a
//! document's text; this module is the only one that knows visual columns.
//! Each [`Cell`] carries the logical byte range it shows, which gives both the
//! logical→visual and the visual→logical maps.

use std::ops::Range;

use super::bidi::{document_direction, paragraph_direction};
use super::cluster::clusters;
use super::para::{Para, Scratch};

/// Who reorders and shapes right-to-left text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BidiMode {
    /// qari reorders and shapes; the terminal is put in explicit mode.
    #[default]
    App,
    /// Logical order is sent, for terminals that run bidi themselves: no
    /// reordering, mirroring, shaping (they shape too) or right-alignment
    /// padding (they align by themselves); lines are still broken by qari.
    Terminal,
}

/// A paragraph's base direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

/// How to lay text out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Width of the text area in terminal cells.
    pub width: u16,
    /// Who reorders.
    pub bidi: BidiMode,
    /// Shape Arabic into presentation forms (with the lam-alef ligature);
    /// only in [`BidiMode::App`].
    pub shape: bool,
    /// Base direction for every paragraph; `None` picks each paragraph's
    /// dominant strong direction.
    pub direction: Option<Direction>,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            width: 80,
            bidi: BidiMode::App,
            shape: true,
            direction: None,
        }
    }
}

/// One screen cell (a grapheme cluster as displayed, possibly shaped and
/// mirrored) with the logical range of the text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What is drawn in the cell.
    pub symbol: String,
    /// Display width in terminal cells (1 or 2; the symbol may carry marks).
    pub width: u8,
    /// Byte range of the source text this cell shows.
    pub logical: Range<usize>,
}

/// One screen line in visual (left-to-right screen) order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// Index of the paragraph this line belongs to (`usize::MAX` for the blank
    /// separator lines between paragraphs).
    pub paragraph: usize,
    /// Byte range of the source text covered by this line.
    pub logical: Range<usize>,
    /// Whether the paragraph is right to left.
    pub rtl: bool,
    /// Blank cells to draw before the first cell (right alignment).
    pub pad: u16,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

impl VisualLine {
    /// Total display width including padding.
    pub fn width(&self) -> usize {
        self.pad as usize + self.cells.iter().map(|c| c.width as usize).sum::<usize>()
    }

    /// The line as plain text, padding included.
    pub fn to_text(&self) -> String {
        let mut s = " ".repeat(self.pad as usize);
        for c in &self.cells {
            s.push_str(&c.symbol);
        }
        s
    }
}

impl VisualLine {
    /// Screen column (padding included) of the cell showing logical byte
    /// `at`, if this line shows it.
    pub fn col_of(&self, at: usize) -> Option<u16> {
        let mut col = self.pad as usize;
        for c in &self.cells {
            if c.logical.start <= at && at < c.logical.end {
                return u16::try_from(col).ok();
            }
            col += c.width as usize;
        }
        None
    }

    /// The cell covering screen column `col` (padding included), if any.
    pub fn cell_at(&self, col: u16) -> Option<&Cell> {
        let mut x = self.pad as usize;
        let col = col as usize;
        self.cells.iter().find(|c| {
            let hit = x <= col && col < x + c.width as usize;
            x += c.width as usize;
            hit
        })
    }
}

/// The lines of a whole document at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocLayout {
    /// The options this layout was made with.
    pub width: u16,
    /// Screen lines in order, with one blank line between paragraphs.
    pub lines: Vec<VisualLine>,
}

impl DocLayout {
    /// Index of the line showing logical byte `at` (the first line of the
    /// next paragraph when `at` falls in a space dropped at a line break or
    /// between paragraphs).
    pub fn line_of(&self, at: usize) -> Option<usize> {
        let i = self
            .lines
            .partition_point(|l| l.paragraph == usize::MAX || l.logical.end <= at);
        let i = (i..self.lines.len()).find(|&i| self.lines[i].paragraph != usize::MAX)?;
        Some(i)
    }

    /// Logical → visual: the (line, column) where byte `at` is shown.
    pub fn logical_to_visual(&self, at: usize) -> Option<(usize, u16)> {
        let i = self.line_of(at)?;
        Some((i, self.lines[i].col_of(at)?))
    }

    /// Visual → logical: the byte range shown at (line, column).
    pub fn visual_to_logical(&self, line: usize, col: u16) -> Option<Range<usize>> {
        Some(self.lines.get(line)?.cell_at(col)?.logical.clone())
    }
}

/// Lays out the given paragraphs (byte ranges of `text`) at `opts.width`.
///
/// Ranges that are out of bounds or not on character boundaries are skipped.
pub fn layout_document(text: &str, paragraphs: &[Range<usize>], opts: &LayoutOptions) -> DocLayout {
    let mut lines = Vec::with_capacity(paragraphs.len() * 4);
    let doc = document_direction(text);
    for (pi, p) in paragraphs.iter().enumerate() {
        if text.get(p.clone()).is_none() {
            continue;
        }
        if pi > 0 {
            lines.push(VisualLine {
                paragraph: usize::MAX,
                logical: p.start..p.start,
                ..Default::default()
            });
        }
        layout_paragraph(text, p.clone(), pi, opts, doc, &mut lines);
    }
    DocLayout {
        width: opts.width,
        lines,
    }
}

/// Lays out `text` as a single paragraph.
pub fn layout_text(text: &str, opts: &LayoutOptions) -> DocLayout {
    let whole = 0..text.len();
    layout_document(text, std::slice::from_ref(&whole), opts)
}

/// The base direction a paragraph on its own (a title, a snippet) gets
/// under `opts`. Inside a document ([`layout_document`]) a near tie follows
/// the document's direction instead ([`super::bidi::Scan::dominant_in`]).
pub fn direction_of(paragraph: &str, opts: &LayoutOptions) -> Direction {
    opts.direction
        .unwrap_or_else(|| paragraph_direction(paragraph))
}

/// Lays out one paragraph `text[range]` and appends its lines to `out`.
fn layout_paragraph(
    text: &str,
    range: Range<usize>,
    index: usize,
    opts: &LayoutOptions,
    doc: Option<Direction>,
    out: &mut Vec<VisualLine>,
) {
    let para = Para::new(text, range, opts, doc);
    let base = para.base;
    if para.lines.is_empty() {
        out.push(VisualLine {
            paragraph: index,
            logical: base..base,
            rtl: para.rtl,
            ..Default::default()
        });
        return;
    }
    let mut scratch = Scratch::default();
    for r in &para.lines {
        let mut cells = Vec::with_capacity(r.len());
        para.visit_in(r.clone(), &mut scratch, |c, mirror| {
            let mut symbol = String::with_capacity((c.end - c.start) as usize + 1);
            para.symbol(c, mirror, &mut symbol);
            cells.push(Cell {
                symbol,
                width: para.cell_width(c),
                logical: base + c.start as usize..base + c.end as usize,
            });
        });
        let line = &para.cl.list[r.clone()];
        out.push(VisualLine {
            paragraph: index,
            logical: base + line[0].start as usize..base + line[line.len() - 1].end as usize,
            rtl: para.rtl,
            pad: para.pad(r.clone()).min(u16::MAX as usize) as u16,
            cells,
        });
    }
}

/// Lays out a single line (a title, a snippet) in at most `max_width` cells;
/// text that does not fit is cut in logical order with an ellipsis at its
/// logical end (for right-to-left text the ellipsis is on the left).
/// The line is not padded; the ellipsis cell covers the hidden text.
pub fn layout_inline(text: &str, max_width: u16, opts: &LayoutOptions) -> VisualLine {
    let max = max_width as usize;
    if max == 0 {
        return VisualLine::default();
    }
    let app = opts.bidi == BidiMode::App;
    let cl = clusters(text, app && opts.shape);
    let total: usize = cl.list.iter().map(|c| c.width as usize).sum();
    let o = LayoutOptions {
        width: max_width,
        direction: Some(direction_of(text, opts)),
        ..*opts
    };
    let whole = 0..text.len();
    if total <= max {
        let mut lines = Vec::new();
        layout_paragraph(text, whole, 0, &o, None, &mut lines);
        let mut line = lines.into_iter().next().unwrap_or_default();
        line.pad = 0;
        return line;
    }
    // Keep the clusters that fit in max - 1 cells, then the ellipsis.
    let mut used = 0;
    let mut cut = 0;
    for c in &cl.list {
        if used + c.width as usize > max - 1 {
            break;
        }
        used += c.width as usize;
        cut = c.end as usize;
    }
    let kept = text[..cut].trim_end();
    let cut = kept.len();
    let short = format!("{kept}\u{2026}");
    let mut lines = Vec::new();
    layout_paragraph(&short, 0..short.len(), 0, &o, None, &mut lines);
    let mut line = lines.into_iter().next().unwrap_or_default();
    for c in &mut line.cells {
        if c.logical.start >= cut {
            c.logical = cut..text.len();
        }
    }
    line.logical = 0..text.len();
    line.pad = 0;
    line
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
