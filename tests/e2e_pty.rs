//! End to end: the built binary in a real pseudo-terminal. Open the seeds,
//! move to the third document, scroll, quit; the exit status is 0, the
//! alternate screen is left and the bidi explicit mode is set and undone.
//! Arabic queries typed into the jump (`Ctrl-P`) and corpus search
//! (`Ctrl-F`) popups open the document they find.

mod common;

use std::time::Instant;

use common::pty::{Pty, Spawn};

const ROWS: u16 = 30;
const COLS: u16 = 100;

fn spawn_on_seeds() -> Pty {
    Spawn::new(COLS, ROWS).start()
}

/// Waits until the popup's query line shows `query` (as qari lays it out:
/// shaped, in screen order), `then` is on the screen too and "searching…"
/// is not (the results answer the whole query).
fn wait_for_query(q: &Pty, query: &str, then: &str) -> String {
    let line = qari::text::layout_inline(query, COLS, &qari::text::LayoutOptions::default());
    let shown: String = line.cells.iter().map(|c| c.symbol.as_str()).collect();
    let want = format!("› {shown}");
    q.wait_until(&format!("{want:?} and {then:?}"), |t| {
        t.contains(&want) && t.contains(then) && !t.contains("searching…")
    })
}

#[test]
fn typing_an_arabic_query_in_the_jump_popup_opens_the_document() {
    let mut q = spawn_on_seeds();
    q.wait_for("doc 1/5");
    // Ctrl-P, then an Arabic query typed as UTF-8, one character at a time
    q.send("\x10");
    q.wait_for("Jump · ");
    for c in "تدفع موسكو".chars() {
        q.send(c.encode_utf8(&mut [0; 4]));
    }
    // ranked rows for the whole query (not "searching…"): seed 002 first
    wait_for_query(&q, "تدفع موسكو", "Jump · ");
    q.send("\r");
    let s = q.wait_for("doc 3/5");
    assert!(s.contains(" READ "), "{s}");
    q.quit();
}

#[test]
fn typing_an_arabic_query_in_the_search_popup_opens_the_document_at_the_hit() {
    let mut q = spawn_on_seeds();
    q.wait_for("doc 1/5");
    // Ctrl-F, then a word found only in seed 002 (written there with harakat)
    q.send("\x06");
    q.wait_for("Search · ");
    for c in "تدفع".chars() {
        q.send(c.encode_utf8(&mut [0; 4]));
    }
    wait_for_query(&q, "تدفع", "in 1 document ");
    q.send("\r");
    let s = q.wait_for("doc 3/5");
    assert!(s.contains("hit 1/"), "{s}");
    q.quit();
}

#[test]
fn open_move_scroll_quit_restores_the_terminal() {
    let started = Instant::now();
    let mut q = spawn_on_seeds();
    q.wait_for("doc 1/5");
    eprintln!("first frame with the seeds after {:?}", started.elapsed());
    q.send("jj\r");
    q.wait_for("doc 3/5  ln 1/");
    q.send("jjj");
    let s = q.wait_for("doc 3/5  ln 4/");
    assert!(s.contains(" READ "), "{s}");
    q.quit();
    let raw = q.raw();
    let pos = |s: &str| raw.find(s).unwrap_or_else(|| panic!("{s:?} not sent"));
    assert!(
        pos("\x1b[?1049h") < pos("\x1b[8l"),
        "explicit mode after entering the alternate screen"
    );
    assert!(raw.contains("\x1b[1 k"));
    assert!(
        pos("\x1b[8h") < pos("\x1b[?1049l"),
        "explicit mode undone before leaving"
    );
    assert!(raw.contains("\x1b[0 k"));
}
