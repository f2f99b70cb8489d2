//! Test fixtures: the seed corpus, an app over it, and a `keys` helper that
//! types a key sequence written in the keymap's own notation.
#![allow(dead_code)] // each test crate uses a different part

pub mod pty;

use std::path::PathBuf;

use qari::action::Effect;
use qari::app::App;
use qari::corpus::Corpus;
use qari::event::AppEvent;
use qari::keymap::parse_keys;
use qari::runtime::EffectRunner;
use qari::text::LayoutOptions;

/// The bundled seeds folder, relative to the package root (cargo runs
/// tests there), so that paths shown on screen are the same on every machine.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from("seeds")
}

/// The five seed articles.
pub fn seeds() -> Corpus {
    qari::corpus::load(&[seeds_dir()])
}

/// An app over the seeds in a `w`×`h` terminal.
pub fn app_sized(w: u16, h: u16) -> App {
    let mut app = App::new(seeds(), LayoutOptions::default());
    app.resize(w, h);
    app
}

/// An app over the seeds in a 120×40 terminal.
pub fn app() -> App {
    app_sized(120, 40)
}

/// A synthetic mouse event of `kind` at column `x`, row `y`.
pub fn mouse(kind: crossterm::event::MouseEventKind, x: u16, y: u16) -> AppEvent {
    AppEvent::Mouse(crossterm::event::MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: crossterm::event::KeyModifiers::NONE,
    })
}

/// Types `seq` (e.g. `"j j <Enter> ]"`) and returns every effect produced.
pub fn keys(app: &mut App, seq: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in parse_keys(seq).expect("test key notation") {
        effects.extend(app.handle_event(AppEvent::Key(k.to_event())));
    }
    effects
}

/// A TestBackend buffer as text, one row per line wrapped in U+202D … U+202C
/// (LRO … PDF) so that an editor shows the cells in screen order instead of
/// reordering the Arabic again; a wide symbol's covered cell is skipped.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    screen_text_in(buf, buf.area)
}

/// [`screen_text`] of the cells of `area` only (one pane of the screen).
pub fn screen_text_in(buf: &ratatui::buffer::Buffer, area: ratatui::layout::Rect) -> String {
    let mut out = String::new();
    for y in area.y..area.bottom() {
        out.push('\u{202D}');
        let mut skip = 0;
        for x in area.x..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            out.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push('\u{202C}');
        out.push('\n');
    }
    out
}

/// Types `text` one character at a time, carrying out each effect with `fx`
/// (searches answer at once with an inline runner).
pub fn type_text(a: &mut App, fx: &mut EffectRunner, text: &str) {
    for c in text.chars() {
        let ev = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        for e in a.handle_event(AppEvent::Key(ev)) {
            fx.run(e, a).expect("effect");
        }
    }
}

/// An effect runner whose jump and corpus search indexes hold the app's
/// documents, fed the way the runtime feeds them (queued keys, then a pump
/// that hands the texts over).
pub fn search_runner(a: &mut App) -> EffectRunner {
    let mut fx = EffectRunner::default();
    for (i, d) in a.corpus.docs.iter().enumerate() {
        let key = a.doc_key(i).expect("key");
        fx.jump.add(key, d);
        fx.grep.enqueue(key);
    }
    fx.pump_grep(a);
    fx
}
