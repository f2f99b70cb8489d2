//! The sidebar: a tab bar, then the rows of the current tab (see
//! `App::sidebar_rows`). Values that may be Arabic go through the bidi
//! pipeline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use super::inline::{draw_inline, Align};
use crate::app::{App, InfoRow, Pane, SidebarTab};

/// Draws the sidebar pane (border included) into `area`.
pub fn render(buf: &mut Buffer, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus == Pane::Sidebar;
    let block = Block::bordered()
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title_style(theme.title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    // Tab bar on the first row (from the right when the interface reads
    // right to left).
    let rtl = app.rtl_chrome();
    let mut x = inner.x;
    let mut end = inner.right();
    for tab in SidebarTab::ALL {
        let style = if *tab == app.sidebar.tab {
            theme.tab_active
        } else {
            theme.dim
        };
        let row = if rtl {
            Rect::new(inner.x, inner.y, end.saturating_sub(inner.x), 1)
        } else {
            Rect::new(x, inner.y, inner.right().saturating_sub(x), 1)
        };
        let align = if rtl { Align::Right } else { Align::Left };
        let title = app.localize(tab.title());
        let w = draw_inline(buf, row, title, app.inline_ctx(), align, style);
        x = (x + w).saturating_add(2).min(inner.right());
        end = end.saturating_sub(w + 2).max(inner.x);
    }
    // Fixed words (headings, field names, warnings) hug the reading start.
    let start = if rtl { Align::Right } else { Align::Left };
    let body = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let rows = app.sidebar_rows();
    let opts = app.inline_ctx();
    let label_w = rows
        .iter()
        .map(|r| match r {
            InfoRow::Field(l, _) => app.localize(l).chars().count() as u16 + 1,
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    for (i, row) in rows
        .iter()
        .skip(app.sidebar.scroll)
        .take(body.height as usize)
        .enumerate()
    {
        let line = Rect::new(body.x, body.y + i as u16, body.width, 1);
        match row {
            InfoRow::Heading(t) => {
                draw_inline(buf, line, app.localize(t), opts, start, theme.heading);
            }
            InfoRow::Field(label, value) => {
                let lw = label_w.min(line.width / 2);
                let (l, v) = if rtl {
                    (
                        Rect::new(line.right() - lw + 1, line.y, lw.saturating_sub(1), 1),
                        Rect::new(line.x, line.y, line.width - lw, 1),
                    )
                } else {
                    (
                        Rect::new(line.x, line.y, lw.saturating_sub(1), 1),
                        Rect::new(line.x + lw, line.y, line.width - lw, 1),
                    )
                };
                draw_inline(buf, l, app.localize(label), opts, start, theme.dim);
                let value = app.localize_text(value);
                draw_inline(buf, v, &value, opts, start, theme.text);
            }
            InfoRow::Warning(t) => {
                let t = app.localize_text(t);
                draw_inline(buf, line, &t, opts, start, theme.warning);
            }
            InfoRow::Text(t) => {
                let t = app.localize_text(t);
                draw_inline(buf, line, &t, opts, Align::Start, theme.text);
            }
            InfoRow::Choice(t, chosen) => {
                let style = if *chosen { theme.selected } else { theme.text };
                if *chosen {
                    buf.set_style(line, style);
                }
                draw_inline(buf, line, t, opts, Align::Start, style);
            }
            InfoRow::Tinted(left, t, tint, chosen) => {
                let mut style = theme.text.patch(*tint);
                if *chosen {
                    style = style.add_modifier(ratatui::style::Modifier::REVERSED);
                    buf.set_style(line, style);
                }
                let left = app.localize_text(left);
                let lw = (left.chars().count() as u16 + 1).min(line.width / 2);
                if left.is_ascii() {
                    buf.set_stringn(line.x, line.y, &left, lw as usize, style);
                } else {
                    let l = Rect::new(line.x, line.y, lw.saturating_sub(1), 1);
                    draw_inline(buf, l, &left, app.inline_ctx(), Align::Left, style);
                }
                let rest = Rect::new(line.x + lw, line.y, line.width - lw, 1);
                draw_inline(buf, rest, t, app.inline_ctx(), Align::Start, style);
            }
            InfoRow::Legend(items) => {
                let mut x = line.x;
                for (name, tint) in items {
                    let room = line.right().saturating_sub(x);
                    let style = theme.text.patch(*tint);
                    let name = app.localize(name);
                    let end = if name.is_ascii() {
                        buf.set_stringn(x, line.y, format!("■ {name}"), room.into(), style)
                            .0
                    } else {
                        let area = Rect::new(x, line.y, room, 1);
                        x + draw_inline(buf, area, &format!("■ {name}"), opts, Align::Left, style)
                    };
                    x = end.saturating_add(1).min(line.right());
                }
            }
            InfoRow::Blank => {}
        }
    }
}
