//! The fuzzy jump popup and the in-document find line.
//!
//! Titles are laid out through `text::layout` (bidi, shaping); the
//! characters the query matched are found on the folded title, mapped back
//! to byte ranges of the original title (`search::highlight`) and every cell
//! whose logical range intersects one is drawn in the search-hit style.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

use super::areas::Areas;
use super::inline::{border_title, draw_inline, put_cells, Align};
use crate::app::{App, Highlight, JumpPopup, LineInput};
use crate::i18n::count;
use crate::text::layout_inline;

/// Widest the popup gets.
pub const MAX_WIDTH: u16 = 96;
/// Tallest the popup gets.
pub const MAX_HEIGHT: u16 = 24;

/// The rectangle a query popup of at most `max_w` × `max_h` cells takes on
/// the screen `areas` describe (the same for drawing and for mouse hit
/// tests), or `None` when the screen is too small to draw it.
pub fn popup_rect(areas: &Areas, max_w: u16, max_h: u16) -> Option<Rect> {
    let area = areas.popup(max_w, max_h).intersection(areas.screen);
    (area.height >= 4 && area.width >= 4).then_some(area)
}

/// The result list of a query popup drawn at `area`: inside the border,
/// below the query row; `None` when there is no room for a list.
pub fn list_rect(area: Rect) -> Option<Rect> {
    let body = super::areas::inner(area);
    if body.height < 2 || body.width < 4 {
        return None;
    }
    Some(Rect::new(body.x, body.y + 1, body.width, body.height - 1))
}

/// The first list row shown when `rows` rows fit, row `selected` is
/// highlighted and row `offset` was the first one shown: the list scrolls
/// only as far as needed to keep the selection in view, so a click does not
/// move the rows under the pointer.
pub fn first_shown(offset: usize, selected: usize, rows: usize) -> usize {
    offset
        .min(selected)
        .max((selected + 1).saturating_sub(rows))
}

/// Draws `input` on one row of `area` through the bidi layout, the cell at
/// the cursor reversed (or a reversed space after the text when the cursor
/// is at the end). Returns the x after the drawn cells.
pub(crate) fn draw_input(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    input: &LineInput,
    style: Style,
) -> u16 {
    let line = layout_inline(&input.text, area.width.saturating_sub(1), &app.text_opts);
    let cursor = Highlight {
        range: input.cursor..input.cursor + 1,
        style: Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        priority: 0,
    };
    let marks: Vec<&Highlight> = if input.cursor < input.text.len() {
        vec![&cursor]
    } else {
        Vec::new()
    };
    let row = Rect::new(area.x, area.y, area.width, 1);
    let end = put_cells(buf, row, area.x, &line.cells, style, &marks);
    if input.cursor >= input.text.len() && end < area.right() {
        buf[(end, area.y)].set_symbol(" ").set_style(cursor.style);
    }
    end
}

/// Draws the frame shared by the query popups in `area`: border, the
/// (localised) `title`, and the query row `› input`. Returns the list area
/// below the query, or `None` when there is no room for a list.
pub(crate) fn draw_query_frame(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    title: &str,
    input: &LineInput,
) -> Option<Rect> {
    let theme = &app.theme;
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.border_focused);
    block.render(area, buf);
    let title = app.localize_text(title.trim());
    border_title(buf, area, &title, app.inline_ctx(), theme.title);
    let list = list_rect(area)?;
    let query_area = Rect::new(list.x + 2, list.y - 1, list.width - 2, 1);
    buf.set_stringn(list.x, query_area.y, "› ", 2, theme.key);
    draw_input(buf, query_area, app, input, theme.text);
    Some(list)
}

/// Draws the jump popup.
pub fn render(buf: &mut Buffer, screen: Rect, app: &App, p: &JumpPopup) {
    let areas = Areas::compute(screen.intersection(buf.area), &app.prefs, app.focus);
    let Some(area) = popup_rect(&areas, MAX_WIDTH, MAX_HEIGHT) else {
        return;
    };
    let theme = &app.theme;
    // "searching…" until the ranked rows answer the query in the field
    let title = if p.waiting {
        " Jump · searching… · Enter opens, Esc closes ".to_string()
    } else {
        format!(
            " Jump · {}/{} · Enter opens, Esc closes ",
            count(app.ui_lang, p.rows.len().min(p.total)),
            count(app.ui_lang, p.total)
        )
    };
    let Some(list) = draw_query_frame(buf, area, app, &title, &p.input) else {
        return;
    };
    let rows = list.height as usize;
    let offset = first_shown(p.offset, p.selected, rows);
    let ctx = app.inline_ctx();
    for (n, key) in p.rows.iter().enumerate().skip(offset).take(rows) {
        let Some(doc) = app.doc_index(*key).and_then(|i| app.corpus.docs.get(i)) else {
            continue;
        };
        let y = list.y + (n - offset) as u16;
        let row = Rect::new(list.x, y, list.width, 1);
        let selected = n == p.selected;
        let base = if selected { theme.selected } else { theme.text };
        if selected {
            buf.set_style(row, base);
        }
        let meta = [
            doc.date.as_ref().map(|d| d.text.as_str()),
            doc.source.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let meta_w = (meta.chars().count() as u16 + 1).min(list.width / 3);
        let dim = if selected { base } else { theme.dim };
        draw_inline(
            buf,
            Rect::new(row.x, y, meta_w.saturating_sub(1), 1),
            &meta,
            ctx,
            Align::Left,
            dim,
        );
        let title_area = Rect::new(row.x + meta_w, y, row.width - meta_w, 1);
        let line = ctx.cache.layout(&doc.title, title_area.width, ctx.opts);
        let hl: Vec<Highlight> = crate::search::highlight(&doc.title, &p.input.text)
            .into_iter()
            .map(|range| Highlight {
                range,
                style: theme.search_hit,
                priority: 0,
            })
            .collect();
        let refs: Vec<&Highlight> = hl.iter().collect();
        let used: u16 = line.cells.iter().map(|c| u16::from(c.width.max(1))).sum();
        // RTL titles hug the right edge, LTR ones the left.
        let x = if line.rtl {
            title_area.right().saturating_sub(used).max(title_area.x)
        } else {
            title_area.x
        };
        put_cells(buf, title_area, x, &line.cells, base, &refs);
    }
    if p.rows.is_empty() {
        let msg = if p.waiting {
            "…"
        } else {
            app.localize("no match")
        };
        let row = Rect::new(list.x + 1, list.y, list.width.saturating_sub(1), 1);
        draw_inline(buf, row, msg, app.inline_ctx(), Align::Start, theme.dim);
    }
}

/// Draws the in-document find line over the status bar.
pub fn render_find(buf: &mut Buffer, screen: Rect, app: &App, input: &LineInput) {
    let areas = Areas::compute(screen, &app.prefs, app.focus);
    let row = areas.status.intersection(buf.area);
    if row.is_empty() || row.width < 4 {
        return;
    }
    let theme = &app.theme;
    buf.set_style(row, theme.text);
    for x in row.x..row.right() {
        buf[(x, row.y)].set_symbol(" ");
    }
    buf.set_stringn(row.x, row.y, "/", 1, theme.key);
    let status = app.status.message.clone().unwrap_or_default();
    let status = app.localize_text(&status);
    let status_w = (status.chars().count() as u16 + 1).min(row.width / 3);
    let field = Rect::new(row.x + 1, row.y, row.width - 1 - status_w, 1);
    draw_input(buf, field, app, input, theme.text);
    if status_w > 1 {
        let x = row.right() - status_w + 1;
        let area = Rect::new(x, row.y, status_w - 1, 1);
        draw_inline(buf, area, &status, app.inline_ctx(), Align::Left, theme.dim);
    }
}
