//! App behaviour beyond single keys: effects, mouse, resize, background
//! loading, tiny terminals, and the real event loop on a TestBackend.

mod common;

use std::sync::mpsc;

use common::{app, app_sized, keys, mouse, seeds, seeds_dir};
use crossterm::event::{MouseButton, MouseEventKind};
use qari::action::{Action, Effect};
use qari::app::{App, Pane};
use qari::corpus::Skipped;
use qari::corpus::{DocKey, LoadEvent};
use qari::event::AppEvent;
use qari::keymap::parse_keys;
use qari::runtime::{run, EffectRunner};
use qari::text::LayoutOptions;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

#[test]
fn update_returns_quit_only_for_quit() {
    let mut a = app();
    assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
    for act in [
        Action::MoveDown,
        Action::ToggleHelp,
        Action::FlipDirection,
        Action::OpenDocument,
    ] {
        assert!(a.update(act).is_empty(), "{act:?}");
    }
    assert_eq!(a.handle_event(AppEvent::Terminate), vec![Effect::Quit]);
}

#[test]
fn redraw_only_when_something_changed() {
    let mut a = app();
    a.take_dirty();
    keys(&mut a, "<F9>");
    assert!(!a.take_dirty(), "an unbound key changes nothing");
    keys(&mut a, "j");
    assert!(a.take_dirty());
}

#[test]
fn click_focuses_and_opens_wheel_scrolls_the_pane_under_the_pointer() {
    let mut a = app();
    let reader = a.areas().reader.unwrap();
    a.handle_event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        reader.x + 3,
        reader.y + 3,
    ));
    assert_eq!(a.focus, Pane::Reader);
    let list = a.areas().list.unwrap();
    // Third item: rows 1-2 are item 0, 3-4 item 1, 5-6 item 2 (row 0 is the border).
    a.handle_event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 5,
    ));
    assert_eq!(a.focus, Pane::List);
    assert_eq!(a.list.selected, 2);
    assert_eq!(a.reader.doc, Some(2));
    a.handle_event(mouse(
        MouseEventKind::ScrollDown,
        reader.x + 3,
        reader.y + 3,
    ));
    assert_eq!(
        a.reader.top, 3,
        "the wheel scrolls the reader although the list has focus"
    );
    a.handle_event(mouse(MouseEventKind::ScrollUp, reader.x + 3, reader.y + 3));
    assert_eq!(a.reader.top, 0);
    a.handle_event(mouse(MouseEventKind::ScrollDown, list.x + 2, list.y + 2));
    assert_eq!(a.list.selected, 3);
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut a = app_sized(120, 40);
    keys(&mut a, "<Tab> ] ] j j j j j j j j j j j j");
    let anchor = a.reader.anchor();
    let line = a.reader.layout().unwrap().lines[a.reader.top].clone();
    assert!(line.logical.contains(&anchor) || line.logical.start == anchor);
    a.resize(90, 30);
    let l2 = &a.reader.layout().unwrap().lines[a.reader.top];
    assert!(
        l2.logical.start <= anchor && (anchor < l2.logical.end || l2.logical.is_empty()),
        "line {:?} should show offset {anchor}",
        l2.logical
    );
    a.resize(120, 40);
    assert_eq!(a.reader.layout().unwrap().lines[a.reader.top], line);
}

#[test]
fn layout_is_computed_once_per_doc_width_and_options() {
    let mut a = app();
    let n = a.reader.layouts_computed;
    keys(&mut a, "j k <Tab> j j ? <Esc>");
    assert_eq!(
        a.reader.layouts_computed, n,
        "keys that do not change the layout"
    );
    a.resize(100, 30);
    assert_eq!(a.reader.layouts_computed, n + 1);
    a.resize(120, 40);
    assert_eq!(a.reader.layouts_computed, n + 1, "taken from the cache");
    keys(&mut a, "D");
    assert_eq!(a.reader.layouts_computed, n + 2);
}

#[test]
fn documents_stream_in_and_keys_work_meanwhile() {
    let mut a = App::loading(LayoutOptions::default());
    a.resize(100, 30);
    let mut docs: Vec<_> = seeds()
        .docs
        .into_iter()
        .enumerate()
        .map(|(file, d)| (DocKey { file, record: 0 }, d))
        .collect();
    let loaded = |(key, doc): (DocKey, _)| {
        AppEvent::Corpus(LoadEvent::Loaded {
            key,
            doc: Box::new(doc),
        })
    };
    let message = |a: &App| qari::ui::status_bar::message(a).unwrap_or_default();
    a.handle_event(AppEvent::Corpus(LoadEvent::Planned {
        files: 6,
        bytes: 40_000,
    }));
    assert!(message(&a).starts_with("loading 0/6 files"));
    let last = docs.pop().unwrap();
    a.handle_event(loaded(last));
    a.handle_event(AppEvent::Corpus(LoadEvent::Progress { bytes: 4000 }));
    assert!(message(&a).starts_with("loading 1/6 files"));
    assert_eq!(
        a.reader.doc,
        Some(0),
        "the first document to arrive is opened"
    );
    a.handle_event(loaded(docs.remove(1)));
    let open_id = |a: &App| a.open_doc().unwrap().id.clone();
    assert_eq!(
        open_id(&a),
        seeds().docs[1].id,
        "the first in order until a key is pressed"
    );
    keys(&mut a, "<Tab> j");
    assert_eq!(a.reader.top, 1);
    for d in docs {
        a.handle_event(loaded(d));
    }
    assert_eq!(a.corpus.docs.len(), 5);
    assert_eq!(
        a.reader.doc,
        Some(1),
        "still the same document, now second in load order"
    );
    assert_eq!(a.reader.top, 1);
    a.handle_event(AppEvent::Corpus(LoadEvent::Skipped(Skipped {
        path: "bad.txt".into(),
        reason: "not UTF-8 text".into(),
    })));
    a.handle_event(AppEvent::Corpus(LoadEvent::Done));
    assert_eq!(message(&a), "1 file skipped — see Info");
    assert_eq!(
        a.corpus
            .docs
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
        seeds()
            .docs
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
        "in the loader's order whatever the arrival order"
    );
}

#[test]
fn tiny_terminals_and_resizes_never_panic() {
    let sizes = [
        (0, 0),
        (1, 1),
        (10, 3),
        (2, 2),
        (1, 8),
        (8, 1),
        (69, 5),
        (70, 3),
        (40, 15),
        (300, 100),
    ];
    for (w, h) in sizes {
        for seq in ["", "<Tab>", "<Tab> <Tab>", "?", "? G", "<Tab> G D"] {
            let mut a = app_sized(w, h);
            if !seq.is_empty() {
                keys(&mut a, seq);
            }
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| qari::ui::render(f, &a)).unwrap();
            a.handle_event(mouse(MouseEventKind::Down(MouseButton::Left), w / 2, h / 2));
            a.handle_event(mouse(MouseEventKind::ScrollDown, w / 2, h / 2));
            for (w2, h2) in [(3, 2), (80, 24), (0, 0), (41, 7), (1, 1)] {
                a.resize(w2, h2);
                t.backend_mut().resize(w2, h2);
                t.draw(|f| qari::ui::render(f, &a)).unwrap();
            }
        }
    }
}

#[test]
fn the_real_loop_runs_on_a_test_backend() {
    let (tx, rx) = mpsc::channel();
    qari::corpus::load_streaming(&[seeds_dir()], |ev| tx.send(AppEvent::Corpus(ev)).unwrap());
    for k in parse_keys("j j <Enter> j j j").unwrap() {
        tx.send(AppEvent::Key(k.to_event())).unwrap();
    }
    tx.send(AppEvent::Resize(100, 30)).unwrap();
    let q = parse_keys("q").unwrap()[0];
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut a = App::loading(LayoutOptions::default());
    // Every sender gone ends the loop, so the screen can be checked before q.
    drop(tx);
    run(&mut terminal, &mut a, &rx, &mut EffectRunner::default()).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("doc 3/5  ln 4/"), "{screen}");
    let (tx, rx) = mpsc::channel();
    tx.send(AppEvent::Key(q.to_event())).unwrap();
    tx.send(AppEvent::Key(parse_keys("j").unwrap()[0].to_event()))
        .unwrap();
    run(&mut terminal, &mut a, &rx, &mut EffectRunner::default()).unwrap();
    assert_eq!(a.reader.top, 3, "nothing runs after quit");
}
