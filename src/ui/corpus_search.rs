//! The corpus search popup: the query line, then a header row per document
//! (title and hit count) followed by one keyword-in-context row per hit.
//!
//! Snippets are cut around the hit from the document text, laid out through
//! `text::layout_inline` (bidi, shaping) and the cells whose logical range
//! intersects the hit are drawn in the search-hit style. Texts come from the
//! popup ([`SearchPopup::text`]: read once while on screen); a document whose
//! text can no longer be read as indexed shows the reason in its hit rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::areas::Areas;
use super::inline::{draw_inline, put_cells, Align, InlineCtx};
use super::jump::{draw_query_frame, first_shown, popup_rect};
use crate::app::{App, Highlight, SearchGroup, SearchPopup, ShownText};
use crate::i18n::count;
use crate::search::{snippet, KeyHit};
use crate::text::layout_inline;

/// Widest the popup gets.
pub const MAX_WIDTH: u16 = 100;
/// Tallest the popup gets.
pub const MAX_HEIGHT: u16 = 30;

/// Columns a hit row is indented by (on both sides).
const INDENT: u16 = 2;

/// "indexing 40 %…" while the search index is behind the loaded documents.
pub fn indexing_note(app: &App) -> Option<String> {
    let docs = app.corpus.docs.len();
    let done = app.search.indexed;
    (done < docs).then(|| format!("indexing {} %…", done * 100 / docs.max(1)))
}

fn title(app: &App, p: &SearchPopup, width: u16) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        let word = if n == 1 { one } else { many };
        format!("{} {word}", count(app.ui_lang, n))
    };
    let mut t = format!(
        " Search · {} in {}",
        plural(p.total, "hit", "hits"),
        plural(p.doc_count(), "document", "documents")
    );
    if let Some(note) = indexing_note(app) {
        t.push_str(" · ");
        t.push_str(&note);
    } else if p.waiting() {
        t.push_str(" · searching…");
    }
    // the key hints only when they fit after the counts
    if width as usize > t.chars().count() + 28 {
        t.push_str(" · Enter opens, Esc closes");
    }
    t.push(' ');
    t
}

/// Draws the corpus search popup.
pub fn render(buf: &mut Buffer, screen: Rect, app: &App, p: &SearchPopup) {
    let areas = Areas::compute(screen.intersection(buf.area), &app.prefs, app.focus);
    let Some(area) = popup_rect(&areas, MAX_WIDTH, MAX_HEIGHT) else {
        return;
    };
    let theme = &app.theme;
    let title = title(app, p, area.width);
    let Some(list) = draw_query_frame(buf, area, app, &title, &p.input) else {
        return;
    };
    if p.doc_count() == 0 {
        let msg = if let Some(note) = indexing_note(app) {
            note
        } else if p.input.text.trim().is_empty() {
            "type a word or \"a phrase\"".to_string()
        } else if p.waiting() {
            "…".to_string()
        } else {
            "no match".to_string()
        };
        let msg = app.localize_text(&msg);
        let row = Rect::new(list.x + 1, list.y, list.width - 1, 1);
        draw_inline(buf, row, &msg, app.inline_ctx(), Align::Start, theme.dim);
        return;
    }
    let rows = list.height as usize;
    let offset = first_shown(p.offset, p.selected, rows);
    let mut y = list.y;
    let mut shown = Vec::new();
    let first = p.group_at_row(offset);
    for gi in first..p.doc_count() {
        let Some((before, g)) = p.group(gi) else {
            break;
        };
        // the group's header is row before + gi, its hits follow
        let mut row = before + gi;
        if y >= list.bottom() {
            break;
        }
        if row >= offset {
            let selected = row == p.selected;
            header(buf, Rect::new(list.x, y, list.width, 1), app, g, selected);
            y += 1;
        }
        row += 1;
        // rows of this group's hits above the window are skipped, not walked
        let skip = offset.saturating_sub(row);
        let doc = app.doc_index(g.key).and_then(|i| app.corpus.docs.get(i));
        for (i, hit) in g.hits.iter().enumerate().skip(skip) {
            if y >= list.bottom() {
                break;
            }
            let selected = row + i == p.selected;
            let text = p.text(g.key, doc);
            if !shown.contains(&g.key) {
                shown.push(g.key);
            }
            hit_row(
                buf,
                Rect::new(list.x, y, list.width, 1),
                app,
                &text,
                hit,
                selected,
            );
            y += 1;
        }
    }
    p.keep_texts(&shown);
}

/// The document's title (bidi) and its hit count.
fn header(buf: &mut Buffer, row: Rect, app: &App, g: &SearchGroup, sel: bool) {
    let theme = &app.theme;
    if sel {
        buf.set_style(row, theme.selected);
    }
    let Some(doc) = app.doc_index(g.key).and_then(|i| app.corpus.docs.get(i)) else {
        return;
    };
    let hits = if g.hits.len() == 1 {
        "1 hit".to_string()
    } else {
        format!("{} hits", count(app.ui_lang, g.hits.len()))
    };
    let hits = app.localize_text(&hits);
    let count_w = (hits.chars().count() as u16 + 1).min(row.width / 3);
    let ctx: InlineCtx<'_> = app.inline_ctx();
    draw_inline(
        buf,
        Rect::new(row.x, row.y, count_w.saturating_sub(1), 1),
        &hits,
        ctx,
        Align::Left,
        if sel { theme.selected } else { theme.dim },
    );
    let title_area = Rect::new(row.x + count_w, row.y, row.width - count_w, 1);
    let style = if sel { theme.selected } else { theme.title };
    draw_inline(buf, title_area, &doc.title, ctx, Align::Start, style);
}

/// One hit: a snippet around it, the hit's cells highlighted; the notice
/// instead when the text cannot be read as it was indexed.
fn hit_row(buf: &mut Buffer, row: Rect, app: &App, text: &ShownText, hit: &KeyHit, sel: bool) {
    let theme = &app.theme;
    let base = if sel { theme.selected } else { theme.text };
    if sel {
        buf.set_style(row, base);
    }
    let inner = Rect::new(
        row.x + INDENT.min(row.width),
        row.y,
        row.width.saturating_sub(2 * INDENT),
        1,
    );
    if inner.width == 0 {
        return;
    }
    let text = match text {
        Ok(text) => text,
        Err(notice) => {
            let style = if sel { base } else { theme.warning };
            draw_inline(buf, inner, notice, app.inline_ctx(), Align::Start, style);
            return;
        }
    };
    let Some(range) = hit.locate(text) else {
        return;
    };
    let hit_chars = text[range.clone()].chars().count();
    // two columns for the ellipses
    let context = (inner.width as usize).saturating_sub(hit_chars + 2) / 2;
    let sn = snippet(text, range, context.max(1));
    let line = layout_inline(&sn.text, inner.width, &app.text_opts);
    let mark = Highlight {
        range: sn.hit.clone(),
        style: theme.search_hit,
        priority: 0,
    };
    let used: u16 = line.cells.iter().map(|c| u16::from(c.width.max(1))).sum();
    // RTL snippets hug the right edge, LTR ones the left.
    let x = if line.rtl {
        inner.right().saturating_sub(used).max(inner.x)
    } else {
        inner.x
    };
    put_cells(buf, inner, x, &line.cells, base, &[&mark]);
}
