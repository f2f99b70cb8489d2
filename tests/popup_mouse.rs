//! The mouse in the jump and corpus search popups, with synthetic mouse
//! events; rows are found on the drawn TestBackend buffer, so the tests
//! check that a click lands on what the frame shows.

mod common;

use common::{app_sized, keys, mouse, type_text};
use crossterm::event::{MouseButton, MouseEventKind};
use qari::action::Effect;
use qari::app::{App, Pane, Popup};
use qari::runtime::EffectRunner;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

fn click(a: &mut App, fx: &mut EffectRunner, x: u16, y: u16) -> Vec<Effect> {
    let effects = a.handle_event(mouse(MouseEventKind::Down(MouseButton::Left), x, y));
    for e in effects.clone() {
        fx.run(e, a).expect("effect");
    }
    effects
}

fn wheel(a: &mut App, down: bool) {
    let kind = if down {
        MouseEventKind::ScrollDown
    } else {
        MouseEventKind::ScrollUp
    };
    a.handle_event(mouse(kind, 10, 10));
}

fn buffer(a: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| qari::ui::render(f, a)).expect("draw");
    t.backend().buffer().clone()
}

/// The screen rows (y) drawn in the selected style (reversed) across the
/// middle of the popup (not the status bar).
fn selected_rows(_a: &App, buf: &Buffer) -> Vec<u16> {
    use ratatui::style::Modifier;
    let (l, r) = (buf.area.width / 3, buf.area.width * 2 / 3);
    (0..buf.area.height.saturating_sub(1))
        .filter(|&y| (l..r).all(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED)))
        .collect()
}

fn jump_selected(a: &App) -> usize {
    match a.popups.last() {
        Some(Popup::Jump(p)) => p.selected,
        other => panic!("jump popup not open: {other:?}"),
    }
}

fn search_selected(a: &App) -> usize {
    match a.popups.last() {
        Some(Popup::Search(p)) => p.selected,
        other => panic!("search popup not open: {other:?}"),
    }
}

/// The jump popup over the seeds (empty query: every document listed).
fn jump_app(w: u16, h: u16) -> (App, EffectRunner) {
    let mut a = app_sized(w, h);
    let fx = common::search_runner(&mut a);
    keys(&mut a, "p");
    (a, fx)
}

fn search_app(w: u16, h: u16, query: &str) -> (App, EffectRunner) {
    let mut a = app_sized(w, h);
    let mut fx = common::search_runner(&mut a);
    for e in keys(&mut a, "s") {
        fx.run(e, &mut a).expect("effect");
    }
    type_text(&mut a, &mut fx, query);
    (a, fx)
}

#[test]
fn wheel_moves_through_the_jump_results() {
    let (mut a, _) = jump_app(80, 24);
    wheel(&mut a, true);
    wheel(&mut a, true);
    assert_eq!(jump_selected(&a), 2);
    wheel(&mut a, false);
    assert_eq!(jump_selected(&a), 1);
    for _ in 0..20 {
        wheel(&mut a, true);
    }
    assert_eq!(jump_selected(&a), a.corpus.docs.len() - 1);
}

#[test]
fn click_selects_a_jump_row_and_a_second_click_opens_it() {
    for (w, h, ar) in [(80, 24, false), (40, 15, false), (120, 40, true)] {
        let (mut a, mut fx) = jump_app(w, h);
        if ar {
            a.ui_lang = qari::config::UiLang::Ar;
            a.prefs.mirrored = true;
            a.resize(w, h);
        }
        let before = buffer(&a, w, h);
        let sel = selected_rows(&a, &before);
        assert_eq!(sel.len(), 1, "{w}x{h}: one selected row");
        let third = sel[0] + 2;
        click(&mut a, &mut fx, w / 2, third);
        assert_eq!(jump_selected(&a), 2, "{w}x{h}");
        // the row drawn selected is the one clicked
        assert_eq!(selected_rows(&a, &buffer(&a, w, h)), vec![third]);
        let want = match a.popups.last() {
            Some(Popup::Jump(p)) => a.doc_index(p.rows[2]),
            _ => None,
        };
        click(&mut a, &mut fx, 2 + w / 3, third);
        assert!(a.popups.is_empty(), "{w}x{h}: the second click opens");
        assert_eq!(a.reader.doc, want);
        assert_eq!(a.focus, Pane::Reader);
    }
}

#[test]
fn clicks_on_the_border_title_and_query_do_nothing_outside_closes() {
    let (mut a, mut fx) = jump_app(80, 24);
    let buf = buffer(&a, 80, 24);
    let top = selected_rows(&a, &buf)[0];
    // the query row is just above the first result, the border above it
    for y in [top - 1, top - 2] {
        click(&mut a, &mut fx, 40, y);
        assert_eq!(jump_selected(&a), 0, "row {y}");
    }
    // the left border of the first result row
    let left = (0..40)
        .rev()
        .find(|&x| buf[(x, top)].symbol() == "│")
        .expect("border");
    click(&mut a, &mut fx, left, top + 1);
    assert_eq!(jump_selected(&a), 0);
    // blank rows below the five seeds
    click(&mut a, &mut fx, 40, top + 8);
    assert_eq!(jump_selected(&a), 0);
    assert!(matches!(a.popups.last(), Some(Popup::Jump(_))));
    let doc = a.reader.doc;
    click(&mut a, &mut fx, 0, 0);
    assert!(a.popups.is_empty(), "a click outside closes");
    assert_eq!(a.reader.doc, doc, "and opens nothing");
}

#[test]
fn search_rows_are_clicked_as_drawn_and_outside_closes_like_esc() {
    let (mut a, mut fx) = search_app(100, 30, "روسيا");
    let buf = buffer(&a, 100, 30);
    let first = selected_rows(&a, &buf)[0];
    // the first document's header row is selected (and drawn so), its
    // first hit below it
    click(&mut a, &mut fx, 50, first + 1);
    assert_eq!(search_selected(&a), 1);
    assert_eq!(selected_rows(&a, &buffer(&a, 100, 30)), vec![first + 1]);
    wheel(&mut a, true);
    assert_eq!(search_selected(&a), 2);
    wheel(&mut a, false);
    wheel(&mut a, false);
    assert_eq!(search_selected(&a), 0);
    // a click on the selected hit opens it as Enter does
    let (key, hit) = match a.popups.last() {
        Some(Popup::Search(p)) => p.selected_hit().expect("hit"),
        _ => unreachable!(),
    };
    let (doc, range) = a.hit_range(key, &hit).expect("doc");
    let fxs = click(&mut a, &mut fx, 50, first);
    assert!(a.popups.is_empty());
    assert_eq!(a.reader.doc, Some(doc));
    assert_eq!(a.find.hits[a.find.current], range);
    assert!(matches!(fxs.last(), Some(Effect::GrepQuery { query, .. }) if query.is_empty()));
    // outside: closed as Esc (the query is kept for the next opening)
    for e in keys(&mut a, "s") {
        fx.run(e, &mut a).expect("effect");
    }
    let fxs = click(&mut a, &mut fx, 0, 29);
    assert!(a.popups.is_empty());
    assert!(matches!(fxs.last(), Some(Effect::GrepQuery { query, .. }) if query.is_empty()));
    assert_eq!(a.search.last_query, "روسيا");
}

#[test]
fn clicks_and_wheel_on_tiny_terminals_do_not_panic() {
    for (w, h) in [(1, 1), (3, 2), (10, 3), (10, 5), (4, 6), (20, 6), (40, 15)] {
        for popup in ["p", "s"] {
            let mut a = app_sized(w, h);
            let mut fx = common::search_runner(&mut a);
            for e in keys(&mut a, popup) {
                fx.run(e, &mut a).expect("effect");
            }
            type_text(&mut a, &mut fx, "ا");
            let _ = buffer(&a, w, h);
            for y in 0..h {
                for x in [0, w / 2, w.saturating_sub(1)] {
                    wheel(&mut a, true);
                    let kind = MouseEventKind::Down(MouseButton::Left);
                    for e in a.handle_event(mouse(kind, x, y)) {
                        fx.run(e, &mut a).expect("effect");
                    }
                    let _ = buffer(&a, w, h);
                    if a.popups.is_empty() {
                        for e in keys(&mut a, popup) {
                            fx.run(e, &mut a).expect("effect");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_click_in_a_scrolled_list_selects_the_row_drawn_there() {
    let (mut a, mut fx) = jump_app(30, 8);
    for _ in 0..4 {
        wheel(&mut a, true);
    }
    let buf = buffer(&a, 30, 8);
    let sel = selected_rows(&a, &buf);
    assert_eq!(sel.len(), 1);
    // the list shows three rows, the last (fifth seed) selected
    click(&mut a, &mut fx, 15, sel[0] - 2);
    assert_eq!(jump_selected(&a), 2);
    assert_eq!(selected_rows(&a, &buffer(&a, 30, 8)), vec![sel[0] - 2]);
    let want = match a.popups.last() {
        Some(Popup::Jump(p)) => a.doc_index(p.rows[2]),
        _ => None,
    };
    click(&mut a, &mut fx, 15, sel[0] - 2);
    assert!(a.popups.is_empty());
    assert_eq!(a.reader.doc, want, "the double click opens the row clicked");
}
