//! Document list state.

/// Screen rows per list item (title, then date and source).
pub const ROW_HEIGHT: usize = 2;

/// Which document is selected and which is the first one shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    /// Index of the selected document.
    pub selected: usize,
    /// Index of the first document shown.
    pub offset: usize,
}

impl ListState {
    /// Scrolls so that the selection is among the `rows` items shown.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_selection_visible() {
        let mut s = ListState {
            selected: 7,
            offset: 0,
        };
        s.scroll_into_view(3);
        assert_eq!(s.offset, 5);
        s.selected = 2;
        s.scroll_into_view(3);
        assert_eq!(s.offset, 2);
    }
}
