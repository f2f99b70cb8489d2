//! The annotation form popup: three fields (label, tags, note). Values go
//! through the bidi pipeline (`layout_inline`), so an Arabic note reads
//! right to left; when a value is too long its end is shown, where the
//! typing happens.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthChar;

use super::areas::Areas;
use super::inline::{border_title, draw_inline, Align};
use crate::app::note_form::{NoteForm, FIELDS};
use crate::app::App;

/// Draws the form over the screen.
pub fn render(buf: &mut Buffer, screen: Rect, app: &App, form: &NoteForm) {
    let areas = Areas::compute(screen, &app.prefs, app.focus);
    let area = areas.popup(70, 8).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    let title = if form.id.is_some() {
        "Edit annotation · Tab next field · Enter saves · Esc cancels"
    } else {
        "New annotation · Tab next field · Enter saves · Esc cancels"
    };
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.border_focused);
    let body = block.inner(area);
    block.render(area, buf);
    let title = app.localize_text(title);
    border_title(buf, area, &title, app.inline_ctx(), theme.title);
    let label_w = 8u16.min(body.width / 3);
    for (i, name) in FIELDS.iter().enumerate() {
        let y = body.y + (i as u16) * 2;
        if y >= body.bottom() {
            break;
        }
        let focused = form.focus == i;
        let style = if focused { theme.key } else { theme.dim };
        let marker = if focused { "▸" } else { " " };
        buf.set_stringn(body.x, y, marker, 1, style);
        let label = Rect::new(body.x + 1, y, label_w.saturating_sub(1), 1);
        draw_inline(
            buf,
            label,
            app.localize(name),
            app.inline_ctx(),
            Align::Left,
            style,
        );
        let field = Rect::new(body.x + label_w, y, body.width - label_w, 1);
        let value = tail_fitting(&form.fields[i], field.width.saturating_sub(1));
        let shown = if focused {
            format!("{value}▏")
        } else {
            value.to_string()
        };
        draw_inline(
            buf,
            field,
            &shown,
            app.inline_ctx(),
            Align::Left,
            theme.text,
        );
    }
    if body.height > 6 {
        let hint = app.localize_text("Label: a name or 1–9 · Tags: comma separated");
        let row = Rect::new(body.x, body.y + 6, body.width, 1);
        draw_inline(buf, row, &hint, app.inline_ctx(), Align::Left, theme.dim);
    }
}

/// The longest end of `s` that fits in `width` cells.
pub fn tail_fitting(s: &str, width: u16) -> &str {
    let mut used = 0usize;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width as usize {
            break;
        }
        start = i;
    }
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_end() {
        assert_eq!(tail_fitting("abcdef", 3), "def");
        assert_eq!(tail_fitting("ملاحظة", 10), "ملاحظة");
        assert_eq!(tail_fitting("", 3), "");
    }
}
