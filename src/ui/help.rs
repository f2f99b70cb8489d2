//! The help popup, generated from the keymap in force (never written by
//! hand): per context, each action's keys and description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::areas::{inner, Areas};
use super::inline::{border_title, draw_inline, Align};
use crate::action::Action;
use crate::app::{App, HelpState};
use crate::config::UiLang;
use crate::i18n::{self, Msg};
use crate::keymap::{format_keys, KeyContext, Keymap};

/// Widest the popup gets.
pub const MAX_WIDTH: u16 = 76;
/// Tallest the popup gets.
pub const MAX_HEIGHT: u16 = 40;

/// One line of help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A context heading.
    Heading(String),
    /// Keys and what they do.
    Entry {
        /// Key sequences, comma separated.
        keys: String,
        /// Description.
        description: String,
    },
    /// Spacing between contexts.
    Blank,
}

/// The help's lines for `keymap`, in English.
pub fn help_lines(keymap: &Keymap) -> Vec<HelpLine> {
    help_lines_in(keymap, UiLang::En)
}

/// The help's lines for `keymap` in `lang` (headings and descriptions;
/// key names stay as typed).
pub fn help_lines_in(keymap: &Keymap, lang: UiLang) -> Vec<HelpLine> {
    let mut out = Vec::new();
    let mut last = None;
    for row in keymap.help_rows() {
        if last != Some(row.context) {
            if last.is_some() {
                out.push(HelpLine::Blank);
            }
            out.push(HelpLine::Heading(
                i18n::localize(lang, row.context.title()).to_string(),
            ));
            last = Some(row.context);
        }
        out.push(HelpLine::Entry {
            keys: row.keys.join(", "),
            description: i18n::action_description(lang, &row.action.name(), &row.description)
                .to_string(),
        });
    }
    out
}

/// The key in force that closes the help: the popups' own close key
/// (`<Esc>` by default, shown as `Esc`), else the help's.
pub fn close_key(keymap: &Keymap) -> String {
    [KeyContext::Popup, KeyContext::Help, KeyContext::Global]
        .into_iter()
        .find_map(|c| keymap.keys_for(c, Action::ClosePopup).next())
        .or_else(|| {
            keymap
                .keys_for(KeyContext::Global, Action::ToggleHelp)
                .next()
        })
        .map_or_else(
            || "—".to_string(),
            |b| {
                let k = format_keys(&b.keys);
                match k.strip_prefix('<').and_then(|k| k.strip_suffix('>')) {
                    Some(name) if !name.contains('-') => name.to_string(),
                    _ => k,
                }
            },
        )
}

/// The popup's area on a screen split as `areas`.
pub fn popup_area(areas: &Areas) -> Rect {
    areas.popup(MAX_WIDTH, MAX_HEIGHT)
}

/// Lines of help visible at once.
pub fn page_height(areas: &Areas) -> usize {
    (inner(popup_area(areas)).height as usize).max(1)
}

/// Draws the help popup.
pub fn render(buf: &mut Buffer, screen: Rect, app: &App, state: &HelpState) {
    let areas = Areas::compute(screen, &app.prefs, app.focus);
    let area = popup_area(&areas).intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    let lines = help_lines_in(&app.keymap, app.ui_lang);
    let page = inner(area).height as usize;
    let closes = format!("{} closes", close_key(&app.keymap));
    let closes = app.localize_text(&closes);
    let title = format!(
        "{} {}-{}/{} · {closes}",
        app.tr(Msg::Keys),
        (state.scroll + 1).min(lines.len()),
        (state.scroll + page).min(lines.len()),
        lines.len(),
    );
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.border_focused);
    let body = block.inner(area);
    block.render(area, buf);
    // Right to left (Arabic interface or mirrored layout): the title at
    // the right of the border, keys in the right column, text right-aligned.
    let rtl = app.rtl_chrome();
    border_title(buf, area, &title, app.inline_ctx(), theme.title);
    let widest = lines
        .iter()
        .map(|l| match l {
            HelpLine::Entry { keys, .. } => keys.chars().count() as u16 + 3,
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let key_w = widest.min(body.width / 2).max(1);
    for (i, line) in lines
        .iter()
        .skip(state.scroll)
        .take(body.height as usize)
        .enumerate()
    {
        let y = body.y + i as u16;
        if rtl {
            draw_rtl_line(buf, Rect::new(body.x, y, body.width, 1), line, key_w, app);
            continue;
        }
        match line {
            HelpLine::Heading(t) => {
                let row = Rect::new(body.x, y, body.width, 1);
                draw_inline(buf, row, t, app.inline_ctx(), Align::Left, theme.heading);
            }
            HelpLine::Entry { keys, description } => {
                buf.set_stringn(
                    body.x + 1,
                    y,
                    keys,
                    key_w.saturating_sub(2) as usize,
                    theme.key,
                );
                let dx = (1 + key_w).min(body.width);
                let row = Rect::new(body.x + dx, y, body.width - dx, 1);
                draw_inline(
                    buf,
                    row,
                    description,
                    app.inline_ctx(),
                    Align::Left,
                    theme.text,
                );
            }
            HelpLine::Blank => {}
        }
    }
}

/// One help line drawn right to left in `row`: a heading at the right edge;
/// an entry's keys in the right-hand column (one space from the border),
/// its description right-aligned up to that column.
fn draw_rtl_line(buf: &mut Buffer, row: Rect, line: &HelpLine, key_w: u16, app: &App) {
    let theme = &app.theme;
    let ctx = app.inline_ctx();
    match line {
        HelpLine::Heading(t) => {
            draw_inline(buf, row, t, ctx, Align::Right, theme.heading);
        }
        HelpLine::Entry { keys, description } => {
            let kw = key_w.saturating_sub(2).min(row.width);
            let keys_area = Rect::new(row.right().saturating_sub(kw + 1), row.y, kw, 1);
            draw_inline(buf, keys_area, keys, ctx, Align::Right, theme.key);
            let dw = row.width.saturating_sub(key_w + 1);
            let desc = Rect::new(row.x + 1, row.y, dw, 1);
            draw_inline(buf, desc, description, ctx, Align::Right, theme.text);
        }
        HelpLine::Blank => {}
    }
}
