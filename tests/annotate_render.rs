//! The reader draws annotations, the cursor and the selection on the cells
//! of their logical ranges; the annotation form shows an Arabic note through
//! the bidi pipeline.

mod common;

use common::{app_sized, keys, screen_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qari::app::App;
use qari::event::AppEvent;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

fn draw(app: &App) -> Buffer {
    let s = app.areas().screen;
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| qari::ui::render(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn count(buf: &Buffer, pred: impl Fn(&ratatui::buffer::Cell) -> bool) -> usize {
    buf.content().iter().filter(|c| pred(c)).count()
}

#[test]
fn labelled_sentence_selection_and_cursor_are_coloured() {
    let mut a = app_sized(120, 40);
    keys(&mut a, "<Tab> 1 )");
    let buf = draw(&a);
    let sentence0: usize = a.open_doc().unwrap().text()
        [a.open_doc().unwrap().sentences()[0].clone()]
    .chars()
    .filter(|c| !c.is_whitespace())
    .count();
    let yellow = count(&buf, |c| c.bg == Color::Yellow && c.symbol() != " ");
    // shaping may merge lam-alef into one cell, so allow a few less
    assert!(yellow > 0 && yellow <= sentence0, "{yellow} of {sentence0}");
    assert!(
        count(&buf, |c| c.modifier.contains(Modifier::UNDERLINED)
            && c.bg != Color::Yellow)
            > 0,
        "cursor sentence"
    );
    keys(&mut a, "v w");
    let buf = draw(&a);
    assert!(
        count(&buf, |c| c.modifier.contains(Modifier::REVERSED)) > 0,
        "selection"
    );
}

#[test]
fn form_shows_an_arabic_note() {
    let mut a = app_sized(100, 30);
    keys(&mut a, "<Tab> a");
    for c in "claim\t\tملاحظة".chars() {
        let code = if c == '\t' {
            KeyCode::Tab
        } else {
            KeyCode::Char(c)
        };
        a.handle_event(AppEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    let buf = draw(&a);
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let screen = rows.join("\n");
    assert!(screen.contains("New annotation"), "{screen}");
    assert!(screen.contains(" Label  claim"), "{screen}");
    // shaped and reordered: the note reads right to left on screen
    let note = rows.iter().find(|r| r.contains("▸Note")).unwrap();
    let shaped =
        qari::text::layout_inline("ملاحظة", 20, &qari::text::LayoutOptions::default()).to_text();
    assert!(note.contains(shaped.trim()), "{note:?} vs {shaped:?}");
}

#[test]
fn notes_tab_over_the_corpus_120x30() {
    let mut a = app_sized(120, 30);
    keys(&mut a, "<Tab> v w w 1 ) ) 2 ] 5 <Tab> l c");
    insta::assert_snapshot!(screen_text(&draw(&a)));
}
