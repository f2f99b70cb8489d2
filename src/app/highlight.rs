//! Reader highlights: logical byte ranges of the open document with a style.
//! Search hits, entity mentions, annotations and the selection all become
//! [`Highlight`]s; the reader colours every cell whose logical range
//! intersects one.

use std::ops::Range;

use ratatui::style::Style;

use super::App;

/// A styled logical range of the open document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Byte range in `Document::text`.
    pub range: Range<usize>,
    /// Style patched onto the cells (later, higher-priority ones win where
    /// they set the same attribute).
    pub style: Style,
    /// Drawing order: lower first.
    pub priority: u8,
}

impl Highlight {
    /// Whether the highlight covers any byte of `r`.
    pub fn intersects(&self, r: &Range<usize>) -> bool {
        self.range.start < r.end && r.start < self.range.end
    }
}

impl App {
    /// Highlights for the open document, in no particular order. Features
    /// add their ranges here (search hits, entity mentions, annotations,
    /// selection), each with its own priority.
    pub fn reader_highlights(&self) -> Vec<Highlight> {
        let mut out = Vec::new();
        out.extend(self.entity_highlights());
        out.extend(self.annotation_highlights());
        out.extend(self.find_highlights());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_is_half_open() {
        let h = Highlight {
            range: 4..8,
            style: Style::new(),
            priority: 0,
        };
        assert!(h.intersects(&(7..9)));
        assert!(h.intersects(&(0..5)));
        assert!(!h.intersects(&(8..10)));
        assert!(!h.intersects(&(0..4)));
    }
}
