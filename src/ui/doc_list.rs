//! The document list: two rows per document (title; date and source), the
//! title laid out through the bidi pipeline and cut in logical order.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use super::inline::{border_title, draw_inline, Align, InlineCtx};
use super::theme::Theme;
use crate::app::{App, ListState, Pane};
use crate::corpus::Document;
use crate::i18n::Msg;

/// The list's contents, without its border.
#[derive(Debug)]
pub struct DocListView<'a> {
    /// The documents.
    pub docs: &'a [Document],
    /// Selection and scroll.
    pub state: &'a ListState,
    /// The document open in the reader.
    pub open: Option<usize>,
    /// How titles are laid out.
    pub text: InlineCtx<'a>,
    /// Styles.
    pub theme: &'a Theme,
}

/// The second row of an item: date and source.
pub fn meta_line(doc: &Document) -> String {
    let date = doc
        .date
        .as_ref()
        .map(|d| d.iso.clone().unwrap_or_else(|| d.text.clone()));
    match (date, &doc.source) {
        (Some(d), Some(s)) => format!("{d} · {s}"),
        (Some(d), None) => d,
        (None, Some(s)) => s.clone(),
        (None, None) => doc.id.clone(),
    }
}

impl Widget for DocListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let rows = area.height as usize / crate::app::list::ROW_HEIGHT;
        for (slot, i) in (self.state.offset..self.docs.len())
            .take(rows.max(1))
            .enumerate()
        {
            let doc = &self.docs[i];
            let y = area.y + (slot * crate::app::list::ROW_HEIGHT) as u16;
            if y >= area.bottom() {
                break;
            }
            let selected = i == self.state.selected;
            let row_h = (area.bottom() - y).min(crate::app::list::ROW_HEIGHT as u16);
            let row = Rect::new(area.x, y, area.width, row_h);
            let base = if selected {
                self.theme.selected
            } else {
                self.theme.text
            };
            buf.set_style(row, base);
            // One column for the marker of the open document.
            let marker = if self.open == Some(i) { "▌" } else { " " };
            buf.set_string(area.x, y, marker, base.patch(self.theme.open_marker));
            let text_area = Rect::new(area.x + 1, y, area.width.saturating_sub(1), 1);
            draw_inline(
                buf,
                text_area,
                &doc.title,
                self.text,
                Align::Start,
                base.patch(self.theme.title),
            );
            if row_h > 1 {
                let meta = Rect::new(area.x + 1, y + 1, area.width.saturating_sub(1), 1);
                let style = if selected { base } else { self.theme.dim };
                draw_inline(buf, meta, &meta_line(doc), self.text, Align::Start, style);
            }
        }
    }
}

/// Draws the list pane (border included) into `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus == Pane::List;
    let n = app.corpus.docs.len();
    let more = if app.load.done { "" } else { "…" };
    let title = format!("{} {}{more}", app.tr(Msg::Documents), app.count(n));
    let block = Block::bordered().border_style(if focused {
        theme.border_focused
    } else {
        theme.border
    });
    let inner = block.inner(area);
    block.render(area, buf);
    border_title(buf, area, &title, app.inline_ctx(), theme.title);
    let view = DocListView {
        docs: &app.corpus.docs,
        state: &app.list,
        open: app.reader.doc,
        text: app.inline_ctx(),
        theme,
    };
    view.render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocDate;
    use crate::text::LayoutOptions;
    use crate::ui::inline::InlineCache;
    use ratatui::style::Modifier;

    fn doc(id: &str, title: &str) -> Document {
        Document {
            id: id.into(),
            path: None,
            title: title.into(),
            source: Some("euronews".into()),
            date: Some(DocDate {
                text: "31 Oct 2020".into(),
                iso: Some("2020-10-31".into()),
            }),
            notes: vec![],
            ..Document::from_text(id, title)
        }
    }

    #[test]
    fn rows_show_title_then_date_and_source_and_mark_the_selection() {
        let docs = [doc("a", "First title here"), doc("b", "Second")];
        let theme = Theme::default();
        let state = ListState {
            selected: 1,
            offset: 0,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 4));
        DocListView {
            docs: &docs,
            state: &state,
            open: Some(0),
            text: InlineCtx {
                opts: &LayoutOptions::default(),
                cache: &InlineCache::default(),
                rtl_chrome: false,
            },
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let rows: Vec<String> = (0..4)
            .map(|y| (0..12).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        assert!(rows[0].starts_with("▌First"), "{:?}", rows[0]);
        assert!(rows[1].starts_with(" 2020-10-31"), "{:?}", rows[1]);
        assert_eq!(rows[2], " Second     ");
        // The selection is drawn reversed (readable on dark and light terminals).
        let reversed = |x, y| buf[(x, y)].modifier.contains(Modifier::REVERSED);
        assert!(reversed(5, 2) && reversed(5, 3));
        assert!(!reversed(5, 1));
    }

    #[test]
    fn scrolled_list_starts_at_offset() {
        let docs = [doc("a", "A"), doc("b", "B"), doc("c", "C")];
        let theme = Theme::default();
        let state = ListState {
            selected: 2,
            offset: 2,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 2));
        DocListView {
            docs: &docs,
            state: &state,
            open: None,
            text: InlineCtx {
                opts: &LayoutOptions::default(),
                cache: &InlineCache::default(),
                rtl_chrome: false,
            },
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        assert_eq!(buf[(1, 0)].symbol(), "C");
    }
}
