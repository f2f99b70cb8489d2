//! The corpus search popup over documents whose texts are read from their
//! files when needed: a file edited or deleted after it was indexed shows a
//! notice in its rows (no snippet, no highlight at a stale offset) and opens
//! without a panic.

mod common;

use std::path::Path;

use common::{keys, screen_text};
use qari::app::{App, Popup, SearchPopup};
use qari::event::AppEvent;
use qari::runtime::EffectRunner;
use qari::text::LayoutOptions;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

const W: u16 = 100;
const H: u16 = 30;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

fn popup(a: &App) -> &SearchPopup {
    match a.popups.last() {
        Some(Popup::Search(p)) => p,
        other => panic!("search popup not open: {other:?}"),
    }
}

fn buffer(app: &App) -> Buffer {
    buffer_sized(app, W, H)
}

fn buffer_sized(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| qari::ui::render(f, app)).expect("draw");
    t.backend().buffer().clone()
}

/// Opens the search popup and searches `query` (answered at once).
fn search(a: &mut App, fx: &mut EffectRunner, query: &str) {
    for e in keys(a, "s <C-u>") {
        fx.run(e, a).expect("effect");
    }
    for e in a.handle_event(AppEvent::Paste(query.into())) {
        fx.run(e, a).expect("effect");
    }
}

/// The screen rows holding `needle`, with their y.
fn rows_with(buf: &Buffer, needle: &str) -> Vec<u16> {
    screen_text(buf)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(y, _)| y as u16)
        .collect()
}

/// Cells of row `y` drawn in the search-hit style.
fn hit_cells(buf: &Buffer, app: &App, y: u16) -> usize {
    (0..W)
        .filter(|&x| buf[(x, y)].bg == app.theme.search_hit.bg.expect("hit colour"))
        .count()
}

/// Moves the popup's selection to the header of document `file`, and opens it.
fn open_document_of(a: &mut App, fx: &mut EffectRunner, id: &str) {
    loop {
        let (key, _) = popup(a).selected_hit().expect("a hit selected");
        let i = a.doc_index(key).expect("document");
        if a.corpus.docs[i].id == id {
            break;
        }
        keys(a, "<Down>");
    }
    for e in keys(a, "<Enter>") {
        fx.run(e, a).expect("effect");
    }
    assert!(a.popups.is_empty(), "the document opened");
}

#[test]
fn hits_in_files_changed_or_deleted_after_indexing_show_a_notice_and_open_safely() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "a.txt",
        "عنوان أول\nقالت موسكو إن روسيا لن تتدخل في أرمينيا.\n",
    );
    write(
        d,
        "b.txt",
        "عنوان ثان\nطالبت يريفان بروسيا وقالت إن روسيا شريك.\n",
    );
    write(d, "c.txt", "عنوان ثالث\nلا علاقة لروسيا بهذا الأمر.\n");
    let corpus = qari::corpus::load(&[d.to_path_buf()]);
    assert_eq!(corpus.docs.len(), 3);
    assert!(corpus.docs.iter().all(|d| d.body.is_on_disk()));
    let mut a = App::new(corpus, LayoutOptions::default());
    a.resize(W, H);
    // the reader holds the text it shows, read when it was opened (so its
    // hits stay valid): show b.txt, which stays as it was loaded
    a.open(1);
    assert_eq!(a.open_doc().map(|d| d.id.as_str()), Some("b.txt"));
    let mut fx = common::search_runner(&mut a);
    // after indexing: a.txt is rewritten shorter (the indexed offsets fall
    // past its end or inside characters), c.txt is deleted
    write(d, "a.txt", "نص");
    std::fs::remove_file(d.join("c.txt")).expect("remove");

    search(&mut a, &mut fx, "روسيا");
    assert_eq!((popup(&a).doc_count(), popup(&a).total), (3, 4));
    let buf = buffer(&a);
    // the readable document: snippets with the hit highlighted
    // (the screen holds shaped Arabic: its rows follow the "2 hits" header)
    let header = rows_with(&buf, "2 hits");
    assert_eq!(header.len(), 1, "{}", screen_text(&buf));
    for y in [header[0] + 1, header[0] + 2] {
        assert!(hit_cells(&buf, &a, y) > 0, "row {y}: {}", screen_text(&buf));
    }
    // the others: one notice row per hit, nothing highlighted
    let changed = rows_with(&buf, "changed on disk since it was loaded");
    let gone = rows_with(&buf, "cannot be read again");
    assert_eq!((changed.len(), gone.len()), (1, 1), "{}", screen_text(&buf));
    for y in changed.iter().chain(&gone) {
        assert_eq!(hit_cells(&buf, &a, *y), 0, "row {y} highlights a stale hit");
    }
    assert!(screen_text(&buf).contains('⚠'));
    // the popup holds the texts of the documents on screen, no more
    assert!(popup(&a).texts_held() <= 3);

    // opening a hit of the changed file: the document opens, the status
    // says why there is no hit to show
    open_document_of(&mut a, &mut fx, "a.txt");
    assert_eq!(a.open_doc().map(|d| d.id.as_str()), Some("a.txt"));
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.contains("changed on disk"), "{msg}");
    let _ = buffer(&a);

    search(&mut a, &mut fx, "روسيا");
    open_document_of(&mut a, &mut fx, "c.txt");
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.contains("cannot be read again"), "{msg}");
    let _ = buffer(&a);

    // the readable one opens at its hit
    search(&mut a, &mut fx, "روسيا");
    open_document_of(&mut a, &mut fx, "b.txt");
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.starts_with("hit 1/2"), "{msg}");
    let _ = buffer(&a);
}

#[test]
fn the_popup_holds_the_texts_of_the_documents_on_screen_only() {
    let mut a = common::app_sized(80, 14);
    let mut fx = common::search_runner(&mut a);
    search(&mut a, &mut fx, "روسيا");
    assert!(popup(&a).doc_count() >= 3, "{:?}", popup(&a).doc_count());
    assert_eq!(popup(&a).texts_held(), 0, "nothing read before drawing");
    let _ = buffer_sized(&a, 80, 14);
    // 80×14: the first document's hits fill the list
    assert_eq!(popup(&a).texts_held(), 1);
    // further down: the documents drawn now, not the ones scrolled past
    let mut held = Vec::new();
    for _ in 0..popup(&a).rows() {
        keys(&mut a, "<Down>");
        let _ = buffer_sized(&a, 80, 14);
        held.push(popup(&a).texts_held());
    }
    // the 80×14 list shows the hits of at most 3 of these documents
    assert!(held.iter().all(|n| (1..=3).contains(n)), "{held:?}");
    let two = held
        .iter()
        .position(|&n| n == 2)
        .expect("two documents shown");
    assert!(
        held[two..].contains(&1),
        "scrolled-past texts dropped: {held:?}"
    );
    // a new query starts with none
    keys(&mut a, "<BS>");
    for e in keys(&mut a, "<BS>") {
        fx.run(e, &mut a).expect("effect");
    }
    assert_eq!(popup(&a).texts_held(), 0);
}

#[test]
fn shown_texts_stay_with_their_documents_when_an_earlier_one_arrives() {
    use qari::corpus::{DocKey, Document, LoadEvent};
    use qari::search::{GrepDocHits, GrepService, GrepUpdate};
    let key = |file| DocKey { file, record: 0 };
    let mut a = App::new(qari::corpus::Corpus::default(), LayoutOptions::default());
    a.resize(W, H);
    let a_text = "قالت موسكو إن روسيا لن تتدخل";
    let c_text = "وقال الوزير إن روسيا شريك قديم";
    a.insert_doc(key(0), Document::from_text("a", a_text));
    a.insert_doc(key(2), Document::from_text("c", c_text));
    let mut fx = common::search_runner(&mut a);
    search(&mut a, &mut fx, "روسيا");
    assert_eq!(popup(&a).doc_count(), 2);
    let _ = buffer(&a);
    // while the search is open, a document between the two arrives (it
    // takes index 1, c moves to 2) and the search thread reports its hit
    let b_text = "طالبت يريفان بروسيا";
    a.handle_event(AppEvent::Corpus(LoadEvent::Loaded {
        key: key(1),
        doc: Box::new(Document::from_text("b", b_text)),
    }));
    let mut one = GrepService::inline();
    one.enqueue(key(1));
    one.pump(|_| Some(qari::corpus::Body::kept(b_text)));
    let hits: Vec<GrepDocHits> = one
        .query(1, "روسيا")
        .into_iter()
        .filter_map(|u| match u {
            GrepUpdate::Hits { hits, .. } => Some(hits),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(hits.len(), 1);
    let gen = popup(&a).gen;
    a.handle_event(AppEvent::Grep(GrepUpdate::Hits { gen, hits }));
    assert_eq!(popup(&a).doc_count(), 3);
    let screen = screen_text(&buffer(&a));
    // each row shows its own document's text (compared as laid out: the
    // screen holds shaped Arabic); before, b's row showed c's cached text
    let shaped = |t: &str| {
        let line = qari::text::layout_inline(t, W, &a.text_opts);
        line.cells
            .iter()
            .map(|c| c.symbol.as_str())
            .collect::<String>()
    };
    for t in [a_text, b_text, c_text] {
        let s = shaped(t);
        assert_eq!(
            screen.matches(s.as_str()).count(),
            1,
            "{t} once on screen:\n{screen}"
        );
    }
}
