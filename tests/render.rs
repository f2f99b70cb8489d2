//! Whole-screen snapshots on a TestBackend. Each row is written between
//! U+202D (LEFT-TO-RIGHT OVERRIDE) and U+202C (POP DIRECTIONAL FORMATTING) so
//! that an editor shows the cells in screen order instead of reordering the
//! Arabic again. Update with `INSTA_UPDATE=always cargo test --test render`
//! and review the diff.

mod common;

use common::{app_sized, keys, screen_text};
use qari::app::App;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| qari::ui::render(f, app)).unwrap();
    screen_text(t.backend().buffer())
}

fn shot(w: u16, h: u16, seq: &str) -> String {
    let mut a = app_sized(w, h);
    if !seq.is_empty() {
        keys(&mut a, seq);
    }
    draw(&a, w, h)
}

#[test]
fn main_80x24() {
    insta::assert_snapshot!(shot(80, 24, ""));
}

#[test]
fn main_120x40_reading_the_third_document() {
    insta::assert_snapshot!(shot(120, 40, "j j <Enter> j j j"));
}

#[test]
fn main_40x15_list() {
    insta::assert_snapshot!(shot(40, 15, "j"));
}

#[test]
fn main_40x15_reader() {
    insta::assert_snapshot!(shot(40, 15, "<Enter>"));
}

#[test]
fn help_80x24() {
    insta::assert_snapshot!(shot(80, 24, "?"));
}

#[test]
fn help_120x40_scrolled() {
    insta::assert_snapshot!(shot(120, 40, "? j j"));
}

#[test]
fn pending_chord_hint_80x24() {
    insta::assert_snapshot!(shot(80, 24, "<Tab> g"));
}

#[test]
fn rows_are_wrapped_for_editors() {
    let s = shot(40, 15, "");
    assert!(s
        .lines()
        .all(|l| l.starts_with('\u{202D}') && l.ends_with('\u{202C}')));
}

#[test]
fn large_corpora_show_their_counts_grouped_by_thousands() {
    use qari::corpus::{Corpus, Document};
    let docs = (0..1234)
        .map(|i| Document {
            id: format!("d{i}"),
            title: format!("عنوان {i}"),
            ..Document::from_text(format!("d{i}"), "نص قصير")
        })
        .collect();
    let mut a = App::new(
        Corpus {
            docs,
            skipped: Vec::new(),
        },
        qari::text::LayoutOptions::default(),
    );
    a.resize(100, 30);
    a.load.files_done = 1200;
    a.load.planned_files = 1234;
    a.load.done = false;
    let text = draw(&a, 100, 30);
    assert!(text.contains("Documents 1,234…"), "{text}");
    assert!(text.contains("loading 1,200/1,234 files"), "{text}");
    a.load.done = true;
    keys(&mut a, "<End> <Enter>");
    let text = draw(&a, 100, 30);
    assert!(text.contains("doc 1,234/1,234"), "{text}");
    // the Arabic interface groups the same way and keeps the numbers whole
    a.ui_lang = qari::config::UiLang::Ar;
    a.load.done = false;
    let text = draw(&a, 100, 30);
    assert!(text.contains("1,200/1,234"), "{text}");
    assert!(!text.contains("1234"), "{text}");
}

#[test]
fn a_message_in_a_narrow_status_bar_takes_the_room_of_the_position() {
    let last_row = |s: &str| s.lines().last().unwrap_or_default().to_string();
    let mut a = app_sized(40, 15);
    keys(&mut a, "<Tab>");
    // room for all: the whole position
    a.status.message = Some("saved".into());
    let row = last_row(&draw(&a, 40, 15));
    assert!(
        row.contains("saved") && row.contains("doc 1/5  ln 1/156"),
        "{row}"
    );
    // the document part goes first, then the line
    a.status.message = Some("marked as evidence".into());
    let row = last_row(&draw(&a, 40, 15));
    assert!(row.contains("marked as evidence  ln 1/156  7%"), "{row}");
    a.status.message = Some("text not shown: changed on disk since it was loaded".into());
    let row = last_row(&draw(&a, 40, 15));
    assert!(
        row.contains("text not shown: changed on") && row.contains("… 7%"),
        "{row}"
    );
    assert!(!row.contains("ln "), "{row}");
}
