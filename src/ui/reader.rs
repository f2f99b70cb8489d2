//! The reader: draws the cached layout of the open document line by line at
//! each line's padding, applying the app's highlights. It never wraps,
//! reorders or aligns text itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use super::inline::{border_title, draw_inline, put_line, Align};
use super::theme::Theme;
use crate::app::{App, Highlight, Pane};
use crate::i18n::Msg;
use crate::text::DocLayout;

/// The text of the reader, without its border.
#[derive(Debug)]
pub struct ReaderView<'a> {
    /// The layout to draw.
    pub layout: &'a DocLayout,
    /// First line shown.
    pub top: usize,
    /// Highlights (any order; drawn by priority).
    pub highlights: &'a [Highlight],
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let mut hl: Vec<&Highlight> = self.highlights.iter().collect();
        hl.sort_by_key(|h| (h.priority, h.range.start));
        for (row, line) in self
            .layout
            .lines
            .iter()
            .skip(self.top)
            .take(area.height as usize)
            .enumerate()
        {
            let r = Rect::new(area.x, area.y + row as u16, area.width, 1);
            let mine: Vec<&Highlight> = hl
                .iter()
                .copied()
                .filter(|h| h.intersects(&line.logical))
                .collect();
            put_line(buf, r, line, self.theme.text, &mine);
        }
    }
}

/// Draws the reader pane (border, document title, text) into `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus == Pane::Reader;
    let block = Block::bordered().border_style(if focused {
        theme.border_focused
    } else {
        theme.border
    });
    block.render(area, buf);
    let after = border_title(
        buf,
        area,
        app.tr(Msg::Reader),
        app.inline_ctx(),
        theme.title,
    );
    let text_area = super::areas::reader_text_of(area);
    if let Some(doc) = app.open_doc() {
        // The title goes on the top border, after " Reader " (before it,
        // right to left), through the same pipeline as the text.
        let (x, w) = if app.rtl_chrome() {
            (area.x + 2, after.saturating_sub(area.x + 3))
        } else {
            (after + 1, area.right().saturating_sub(after + 3))
        };
        if w > 3 {
            draw_inline(
                buf,
                Rect::new(x, area.y, w, 1),
                &doc.title,
                app.inline_ctx(),
                Align::Start,
                theme.title,
            );
        }
    }
    let Some(layout) = app.reader.layout() else {
        let msg = if app.load.done {
            app.localize("No document")
        } else {
            app.tr(Msg::Loading)
        };
        buf.set_stringn(
            text_area.x,
            text_area.y,
            msg,
            text_area.width as usize,
            theme.dim,
        );
        return;
    };
    let highlights = app.reader_highlights();
    ReaderView {
        layout,
        top: app.reader.top,
        highlights: &highlights,
        theme,
    }
    .render(text_area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Cell, VisualLine};
    use ratatui::style::{Color, Style};

    fn line(pad: u16, text: &str, start: usize) -> VisualLine {
        let cells = text
            .char_indices()
            .map(|(i, c)| Cell {
                symbol: c.to_string(),
                width: 1,
                logical: start + i..start + i + c.len_utf8(),
            })
            .collect();
        VisualLine {
            paragraph: 0,
            logical: start..start + text.len(),
            rtl: pad > 0,
            pad,
            cells,
        }
    }

    fn layout() -> DocLayout {
        DocLayout {
            width: 8,
            lines: vec![line(3, "abcde", 0), line(0, "fgh", 5), line(6, "ij", 8)],
        }
    }

    #[test]
    fn cells_are_placed_at_the_padding_from_top() {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        let l = layout();
        ReaderView {
            layout: &l,
            top: 1,
            highlights: &[],
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        assert_eq!(buf, Buffer::with_lines(["fgh     ", "      ij"]));
    }

    #[test]
    fn a_highlight_colours_exactly_its_cells_by_priority() {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
        let l = layout();
        let hl = [
            Highlight {
                range: 3..6,
                style: Style::new().bg(Color::Yellow),
                priority: 2,
            },
            Highlight {
                range: 2..4,
                style: Style::new().bg(Color::Red).fg(Color::White),
                priority: 1,
            },
        ];
        ReaderView {
            layout: &l,
            top: 0,
            highlights: &hl,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let mut want = Buffer::with_lines(["   abcde", "fgh     ", "      ij"]);
        // 'c' (byte 2): red only; 'd' (3): red then yellow on top; 'e' (4) and 'f' (5): yellow.
        want.set_style(
            Rect::new(5, 0, 1, 1),
            Style::new().bg(Color::Red).fg(Color::White),
        );
        want.set_style(
            Rect::new(6, 0, 1, 1),
            Style::new().bg(Color::Yellow).fg(Color::White),
        );
        want.set_style(Rect::new(7, 0, 1, 1), Style::new().bg(Color::Yellow));
        want.set_style(Rect::new(0, 1, 1, 1), Style::new().bg(Color::Yellow));
        assert_eq!(buf, want);
    }

    #[test]
    fn narrow_areas_cut_lines_without_panicking() {
        let theme = Theme::default();
        let l = layout();
        for (w, h) in [(0, 0), (1, 1), (4, 1), (8, 0)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            ReaderView {
                layout: &l,
                top: 0,
                highlights: &[],
                theme: &theme,
            }
            .render(buf.area, &mut buf);
        }
    }
}
