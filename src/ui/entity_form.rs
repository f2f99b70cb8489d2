//! The add-entity popup (`e`): the name (bidi-rendered through the inline
//! layout) and its type, which Tab cycles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::areas::Areas;
use super::inline::{border_title, draw_inline, Align};
use super::note_form::tail_fitting;
use crate::app::{type_style, App, EntityForm};
use crate::entities::EntityType;

/// Draws the form over the screen.
pub fn render(buf: &mut Buffer, screen: Rect, app: &App, form: &EntityForm) {
    let areas = Areas::compute(screen, &app.prefs, app.focus);
    let area = areas.popup(60, 6).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.border_focused);
    let body = block.inner(area);
    block.render(area, buf);
    let title = app.localize_text("Add to the gazetteer · Tab type · Enter saves · Esc cancels");
    border_title(buf, area, &title, app.inline_ctx(), theme.title);
    if body.height < 3 || body.width < 12 {
        return;
    }
    let label = |y| Rect::new(body.x, y, 5, 1);
    let ctx = app.inline_ctx();
    draw_inline(
        buf,
        label(body.y),
        app.localize("Name"),
        ctx,
        Align::Left,
        theme.key,
    );
    let field = Rect::new(body.x + 6, body.y, body.width - 6, 1);
    let shown = format!(
        "{}▏",
        tail_fitting(&form.name, field.width.saturating_sub(1))
    );
    draw_inline(
        buf,
        field,
        &shown,
        app.inline_ctx(),
        Align::Left,
        theme.text,
    );
    draw_inline(
        buf,
        label(body.y + 2),
        app.localize("Type"),
        ctx,
        Align::Left,
        theme.key,
    );
    let mut x = body.x + 6;
    for t in [
        EntityType::Person,
        EntityType::Place,
        EntityType::Organization,
    ] {
        let mut style = type_style(&app.theme, t);
        if t == form.etype {
            style = style.add_modifier(ratatui::style::Modifier::REVERSED);
        }
        let room = Rect::new(x, body.y + 2, body.right().saturating_sub(x), 1);
        let w = draw_inline(buf, room, app.localize(t.as_str()), ctx, Align::Left, style);
        x = (x + w).saturating_add(2).min(body.right());
    }
}
