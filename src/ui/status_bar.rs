//! The status bar: mode, message or loading progress, pending-chord hint and
//! position (`doc 3/5  ln 12/80  15%`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::inline::{draw_inline, draw_padded, Align};
use crate::app::{App, Pane};
use crate::keymap::format_keys;

/// The mode badge text.
pub fn mode(app: &App) -> &'static str {
    if let Some(p) = app.popups.last() {
        return p.mode_name();
    }
    match app.focus {
        Pane::List => "LIST",
        Pane::Reader => "READ",
        Pane::Sidebar => "INFO",
    }
}

/// The position part: open document, line and percentage.
pub fn position(app: &App) -> String {
    positions(app).swap_remove(0)
}

/// The position, then shorter forms of it for a status bar that also has a
/// message to show: without the document, then the percentage alone.
fn positions(app: &App) -> Vec<String> {
    let count = |k| app.count(k);
    let n = count(app.corpus.docs.len());
    let Some(d) = app.reader.doc else {
        return vec![format!("{} -/{n}", app.localize("doc"))];
    };
    let lines = app.reader.line_count();
    let top = app.reader.top;
    let seen = (top + app.reader_height()).min(lines);
    let pct = (seen * 100).checked_div(lines).unwrap_or(100);
    let ln = format!(
        "{} {}/{lines}  {pct}%",
        app.localize("ln"),
        count((top + 1).min(lines.max(1))),
        lines = count(lines),
    );
    vec![
        format!("{} {}/{n}  {ln}", app.localize("doc"), count(d + 1)),
        ln,
        format!("{pct}%"),
    ]
}

/// The left-hand message in the interface language.
pub fn message(app: &App) -> Option<String> {
    english_message(app).map(|m| app.localize_text(&m).into_owned())
}

/// The left-hand message as set: loading progress while loading, else the
/// status message.
fn english_message(app: &App) -> Option<String> {
    if !app.load.done {
        let l = &app.load;
        let count = |k| app.count(k);
        let mut s = format!(
            "loading {}/{} files",
            count(l.files_done),
            count(l.planned_files)
        );
        if let Some(r) = l.mb_per_s() {
            s.push_str(&format!(" · {r:.1} MB/s"));
        }
        return Some(s);
    }
    app.status.message.clone()
}

/// The pending chord and what could complete it: `g… g:Go to the top`.
pub fn pending_hint(app: &App) -> Option<String> {
    if app.status.pending.is_empty() {
        return None;
    }
    let nexts = app
        .keymap
        .continuations(&app.key_contexts(), &app.status.pending);
    let mut s = format!("{}…", format_keys(&app.status.pending));
    for (k, d) in nexts.iter().take(3) {
        s.push_str(&format!(" {k}:{}", app.localize_text(d)));
    }
    Some(s)
}

/// Draws the status bar into the one-row `area`: mode badge, message, then
/// the pending chord and the position at the far end; mirrored (badge at
/// the right) when the interface reads right to left.
pub fn render(buf: &mut Buffer, area: Rect, app: &App) {
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    let ctx = app.inline_ctx();
    buf.set_style(area, theme.status);
    let badge = app.localize(mode(app));
    let msg = message(app);
    let rtl = app.rtl_chrome();
    // the badge, and the columns left for message and position
    let (mut from, mut to) = if rtl {
        let bw =
            (super::inline::inline_width(app.inline_ctx(), badge, area.width.saturating_sub(2))
                + 2)
            .min(area.width);
        let start = area.right() - bw;
        draw_padded(buf, Rect::new(start, area.y, bw, 1), badge, ctx, theme.mode);
        (area.x + 1, start.saturating_sub(1))
    } else {
        let x = area.x + draw_padded(buf, area, badge, ctx, theme.mode);
        (x.saturating_add(1).min(area.right()), area.right())
    };
    // a message takes the room of the longer forms of the position when
    // the bar is too narrow for both (a narrow terminal, a large corpus)
    let width = |s: &str| super::inline::inline_width(ctx, s, area.width);
    let mw = msg.as_deref().map_or(0, |m| width(m) + 1);
    let hint = pending_hint(app);
    let with_hint = |p: String| match &hint {
        Some(h) => format!("{h}  {p}"),
        None => p,
    };
    let mut forms = positions(app).into_iter().map(with_hint).peekable();
    let mut right = String::new();
    while let Some(f) = forms.next() {
        right = f;
        if width(&right) + 1 + mw < to.saturating_sub(from) || forms.peek().is_none() {
            break;
        }
    }
    let rw = width(&right);
    if rw + 1 < to.saturating_sub(from) {
        // one free cell at the far end
        let x = if rtl { from } else { to - rw - 1 };
        let r = Rect::new(x, area.y, rw, 1);
        draw_inline(buf, r, &right, ctx, Align::Left, theme.status);
        if rtl {
            from += rw;
        } else {
            to -= rw + 1;
        }
    }
    if let Some(msg) = msg {
        // one blank cell between the message and its neighbours
        let w = to.saturating_sub(from + 1);
        let (x, align) = if rtl {
            (from + 1, Align::Right)
        } else {
            (from, Align::Left)
        };
        draw_inline(
            buf,
            Rect::new(x, area.y, w, 1),
            &msg,
            ctx,
            align,
            theme.status,
        );
    }
}
