//! Snapshots of the jump popup and the find line, and a check that the
//! matched letters of a title are highlighted in the bidi-rendered cells.
//! Rows are wrapped in LRO…PDF as in `tests/render.rs`. Update with
//! `INSTA_UPDATE=always cargo test --test search_render` and review the diff.

mod common;

use common::{app_sized, keys, screen_text};
use qari::app::App;
use qari::event::AppEvent;
use qari::runtime::EffectRunner;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| qari::ui::render(f, app)).expect("draw");
    t.backend().buffer().clone()
}

/// An app with the jump popup open and `query` typed (matching inline).
fn jump_app(w: u16, h: u16, query: &str) -> App {
    let mut a = app_sized(w, h);
    let mut fx = EffectRunner::default();
    for (i, d) in a.corpus.docs.iter().enumerate() {
        fx.jump.add(a.doc_key(i).expect("key"), d);
    }
    keys(&mut a, "p");
    for e in a.handle_event(AppEvent::Paste(query.into())) {
        fx.run(e, &mut a).expect("effect");
    }
    a
}

#[test]
fn jump_popup_120x40() {
    let a = jump_app(120, 40, "روسيا");
    insta::assert_snapshot!(screen_text(&buffer(&a, 120, 40)));
}

#[test]
fn jump_popup_80x24_latin_query() {
    let a = jump_app(80, 24, "GMT");
    insta::assert_snapshot!(screen_text(&buffer(&a, 80, 24)));
}

#[test]
fn find_line_40x15() {
    let mut a = app_sized(40, 15);
    keys(&mut a, "<Tab> /");
    a.handle_event(AppEvent::Paste("موسكو".into()));
    insta::assert_snapshot!(screen_text(&buffer(&a, 40, 15)));
}

#[test]
fn matched_letters_are_highlighted_in_the_title_cells() {
    // تُدفّع in the title of seed 002 carries damma and shadda: the query
    // "تدفع" must colour exactly the cells of that word.
    let a = jump_app(120, 40, "تدفع");
    let buf = buffer(&a, 120, 40);
    let hit = a.theme.search_hit;
    let is_hit = |x: u16, y: u16| {
        let c = &buf[(x, y)];
        c.bg == hit.bg.unwrap_or_default() && c.bg != ratatui::style::Color::Reset
    };
    // The first row with highlighted cells is the best match.
    let y = (0..buf.area.height)
        .find(|&y| (0..buf.area.width).any(|x| is_hit(x, y)))
        .expect("a highlighted row");
    let lit: String = (0..buf.area.width)
        .filter(|&x| is_hit(x, y))
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    // Shaped presentation forms, in screen (visual) order: the word reversed.
    let folded: String = qari::text::fold::fold_key(&lit).chars().rev().collect();
    assert_eq!(folded, "تدفع", "highlighted cells: {lit:?}");
}

#[test]
fn jump_title_says_searching_until_the_rows_answer_the_query() {
    let mut a = app_sized(80, 24);
    // the JumpQuery effect is not run: no answer yet
    keys(&mut a, "p");
    a.handle_event(AppEvent::Paste("روسيا".into()));
    let screen = screen_text(&buffer(&a, 80, 24));
    assert!(screen.contains("Jump · searching…"), "{screen}");
    let a = jump_app(80, 24, "روسيا");
    let screen = screen_text(&buffer(&a, 80, 24));
    assert!(!screen.contains("searching…"), "{screen}");
}

#[test]
fn the_jump_count_is_grouped_by_thousands_in_both_languages() {
    use qari::config::UiLang;
    for (lang, want) in [(UiLang::En, "5/12,345"), (UiLang::Ar, "5/12,345")] {
        let mut a = app_sized(100, 30);
        a.ui_lang = lang;
        keys(&mut a, "p");
        a.handle_event(AppEvent::Paste("ا".into()));
        let keys: Vec<_> = (0..a.corpus.docs.len())
            .filter_map(|i| a.doc_key(i))
            .collect();
        a.handle_event(AppEvent::JumpResults(qari::search::JumpResults {
            query: "ا".into(),
            generation: 0,
            hits: Vec::new(),
            total: 12_345,
            elapsed: std::time::Duration::ZERO,
            keys,
        }));
        let text = screen_text(&buffer(&a, 100, 30));
        assert!(text.contains(want), "{lang:?}: {want}\n{text}");
    }
}
