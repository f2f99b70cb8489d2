//! Layout of document text into screen lines.
//!
//! Every position outside this module is a logical byte offset into a
//! document's text; this module is the only one that knows visual columns.
//! Each [`Cell`] carries the logical byte range it shows, which gives both the
//! logical→visual and the visual→logical maps.

use std::ops::Range;

/// Who reorders and shapes right-to-left text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BidiMode {
    /// qari reorders and shapes; the terminal is put in explicit mode.
    #[default]
    App,
    /// Logical order is sent, for terminals that run bidi themselves.
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
    /// Shape Arabic into presentation forms (with the lam-alef ligature).
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

/// The lines of a whole document at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocLayout {
    /// The options this layout was made with.
    pub width: u16,
    /// Screen lines in order, with one blank line between paragraphs.
    pub lines: Vec<VisualLine>,
}

/// Lays out the given paragraphs (byte ranges of `text`) at `opts.width`.
pub fn layout_document(text: &str, paragraphs: &[Range<usize>], opts: &LayoutOptions) -> DocLayout {
    // Placeholder: logical order, greedy char wrap. Replaced by the bidi pipeline.
    let width = opts.width.max(1) as usize;
    let mut lines = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        if pi > 0 {
            lines.push(VisualLine {
                paragraph: usize::MAX,
                logical: p.start..p.start,
                ..Default::default()
            });
        }
        let mut line = VisualLine {
            paragraph: pi,
            logical: p.start..p.start,
            ..Default::default()
        };
        for (i, ch) in text[p.clone()].char_indices() {
            let at = p.start + i;
            if line.cells.len() >= width {
                lines.push(std::mem::take(&mut line));
                line = VisualLine {
                    paragraph: pi,
                    logical: at..at,
                    ..Default::default()
                };
            }
            line.cells.push(Cell {
                symbol: ch.to_string(),
                width: 1,
                logical: at..at + ch.len_utf8(),
            });
            line.logical.end = at + ch.len_utf8();
        }
        lines.push(line);
    }
    DocLayout {
        width: opts.width,
        lines,
    }
}

/// Lays out a single line (a title, a snippet) in at most `max_width` cells;
/// text that does not fit is cut in logical order with an ellipsis at its
/// logical end.
pub fn layout_inline(text: &str, max_width: u16, opts: &LayoutOptions) -> VisualLine {
    let o = LayoutOptions {
        width: max_width,
        ..*opts
    };
    let range = 0..text.len();
    let whole = std::slice::from_ref(&range);
    let mut l = layout_document(text, whole, &o);
    l.lines.truncate(1);
    l.lines.pop().unwrap_or_default()
}
