//! The only place with terminal I/O: the terminal guard (raw mode,
//! alternate screen, mouse, bracketed paste, bidi explicit mode), the chained
//! panic hook, and the event loop that feeds `App` and draws it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

use anyhow::Result;
use crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::Terminal;

use crate::action::Effect;
use crate::app::App;
use crate::config::{BidiSetting, Settings};
use crate::event::{spawn_input_thread, spawn_signal_thread, AppEvent};

/// Most events applied before a redraw, so a flood of input cannot starve
/// the screen.
const MAX_BATCH: usize = 512;

/// Set while the terminal is in qari's mode; restoring clears it, so restore
/// runs once however many paths (drop, panic, signal) reach it.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether the bidi explicit mode was switched on.
static EXPLICIT_BIDI: AtomicBool = AtomicBool::new(false);

/// Escape sequences that switch a bidi-aware terminal to explicit mode
/// (`on`: BDSM reset `CSI 8 l` and SCP `CSI 1 SP k`) or back (`CSI 8 h`,
/// `CSI 0 SP k`). Inside tmux the same sequences are also sent wrapped in a
/// DCS passthrough so they reach the outer terminal.
pub fn bidi_sequences(on: bool, tmux: bool) -> Vec<u8> {
    let seqs: [&str; 2] = if on {
        ["\x1b[8l", "\x1b[1 k"]
    } else {
        ["\x1b[8h", "\x1b[0 k"]
    };
    let mut out = Vec::new();
    for s in seqs {
        out.extend_from_slice(s.as_bytes());
        if tmux {
            // Passthrough doubles every ESC of the payload.
            out.extend_from_slice(b"\x1bPtmux;");
            out.extend_from_slice(s.replace('\x1b', "\x1b\x1b").as_bytes());
            out.extend_from_slice(b"\x1b\\");
        }
    }
    out
}

/// `seq` wrapped for tmux's DCS passthrough (every ESC doubled).
pub fn tmux_passthrough(seq: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
}

fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// Puts the terminal in qari's mode; dropping it (or [`restore`]) puts it back.
#[derive(Debug)]
pub struct TerminalGuard(());

impl TerminalGuard {
    /// Raw mode, alternate screen, bracketed paste, focus events, mouse
    /// capture when `mouse` (`--no-mouse` leaves text selection to the
    /// terminal) and, when `explicit_bidi`, the terminal's bidi explicit mode.
    pub fn enter(explicit_bidi: bool, mouse: bool) -> io::Result<Self> {
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            EnableFocusChange
        )?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        if explicit_bidi {
            EXPLICIT_BIDI.store(true, Ordering::SeqCst);
            out.write_all(&bidi_sequences(true, in_tmux()))?;
            out.flush()?;
        }
        Ok(TerminalGuard(()))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal if qari changed it. Safe to call more than once and
/// from the panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Errors are ignored: this runs on the way out, often while panicking,
    // and each step should still be tried.
    if EXPLICIT_BIDI.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(&bidi_sequences(false, in_tmux()));
    }
    let _ = disable_raw_mode();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Installs a panic hook that restores the terminal, then runs the previous
/// hook (so the message is printed on a usable screen).
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// What the loop does after an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep going.
    Continue,
    /// Leave the loop.
    Quit,
    /// Clear the terminal, then redraw everything.
    Repaint,
}

/// Carries out effects (disk, clipboard, ...). Holds whatever handles that
/// needs (data dir, open files).
#[derive(Debug, Default)]
pub struct EffectRunner {
    /// Where annotations and history go.
    pub data_dir: Option<PathBuf>,
    /// Write OSC 52 to the terminal for clipboard copies (off in tests).
    pub osc52: bool,
    /// Texts copied to the clipboard, newest last (kept for tests).
    pub copied: Vec<String>,
    /// Fuzzy-jump matching: inline by default (tests), on a background
    /// thread in the real terminal.
    pub jump: crate::search::service::JumpService,
    /// Number of the app's documents already given to `jump` and `grep`.
    pub jump_indexed: usize,
    /// Corpus entity index builds: inline by default (tests), on worker
    /// threads in the real terminal.
    pub entities: crate::entities::service::IndexService,
    /// Corpus search (`Ctrl-F`): inline by default, on a background thread
    /// in the real terminal.
    pub grep: crate::search::GrepService,
}

/// File in the data dir with the jump popup's query history.
pub const JUMP_HISTORY_FILE: &str = "jump_history.json";

/// Reads the saved jump queries (none when missing or unreadable).
pub fn load_jump_history(data_dir: &std::path::Path) -> Vec<String> {
    std::fs::read(data_dir.join(JUMP_HISTORY_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

impl EffectRunner {
    /// The runner of the real terminal, without a data dir or OSC 52: fuzzy
    /// jump, corpus search and the entity index run on their own threads and
    /// send their results to `tx` as app events.
    pub fn background(tx: mpsc::Sender<AppEvent>) -> Self {
        let (jump_tx, index_tx, grep_tx) = (tx.clone(), tx.clone(), tx);
        EffectRunner {
            jump: crate::search::service::JumpService::background(move |r| {
                let _ = jump_tx.send(AppEvent::JumpResults(r));
            }),
            entities: crate::entities::service::IndexService::background(move |ev| {
                let _ = index_tx.send(AppEvent::EntityIndex(ev));
            }),
            grep: crate::search::GrepService::background(move |u| {
                let _ = grep_tx.send(AppEvent::Grep(u));
            }),
            ..EffectRunner::default()
        }
    }

    /// Hands the corpus search index the bodies of queued documents it is
    /// ready for (a few batches ahead of its folding); it reads the texts on
    /// its own thread, never here.
    pub fn pump_grep(&mut self, app: &mut App) {
        let docs = &app.corpus.docs;
        let body_of = |k| {
            app.doc_index(k)
                .and_then(|i| docs.get(i))
                .map(|d| d.body.clone())
        };
        if let Some(u) = self.grep.pump(body_of) {
            app.handle_event(AppEvent::Grep(u));
        }
    }

    /// Runs one effect; problems are reported on the app's status line.
    pub fn run(&mut self, effect: Effect, app: &mut App) -> Result<Flow> {
        match effect {
            Effect::Quit => return Ok(Flow::Quit),
            Effect::Repaint => return Ok(Flow::Repaint),
            Effect::SaveAnnotations => {
                let msg = match app.annotations.store.save() {
                    Ok(w) if w.is_empty() => None,
                    Ok(w) => Some(w.join("; ")),
                    Err(e) => Some(format!("annotations NOT saved: {e}")),
                };
                // a save merges what another qari wrote; show it
                app.refresh_annotations();
                if msg.is_some() {
                    app.status.message = msg;
                }
                app.mark_dirty();
            }
            Effect::CopyToClipboard(text) => {
                if self.osc52 {
                    let mut out = io::stdout();
                    let seq = crate::annotations::session::osc52(&text);
                    out.write_all(seq.as_bytes())?;
                    if in_tmux() {
                        // tmux passes it on only inside a DCS passthrough
                        out.write_all(tmux_passthrough(&seq).as_bytes())?;
                    }
                    out.flush()?;
                }
                self.copied.push(text);
            }
            Effect::SaveUserEntity(entry) => {
                let msg = match &self.data_dir {
                    None => "no data dir: the entity is not saved".to_string(),
                    Some(dir) => match crate::entities::store::add_user_entry(dir, entry) {
                        Ok(()) => "saved to the user gazetteer".to_string(),
                        Err(e) => format!("user gazetteer NOT saved: {e}"),
                    },
                };
                app.status.message = Some(msg);
                app.mark_dirty();
            }
            Effect::SaveHiddenEntities(hidden) => {
                if let Some(dir) = &self.data_dir {
                    if let Err(e) = crate::entities::store::save_hidden(dir, &hidden) {
                        app.status.message = Some(format!("hidden entities NOT saved: {e}"));
                        app.mark_dirty();
                    }
                }
            }
            Effect::JumpQuery(q) => {
                if let Some(r) = self.jump.query(&q) {
                    app.handle_event(AppEvent::JumpResults(r));
                }
            }
            Effect::IndexEntities {
                generation,
                extractor,
            } => {
                let (docs, keys) = (&app.corpus.docs, app.doc_keys());
                if let Some(ev) = self.entities.start(generation, extractor.0, docs, keys) {
                    app.handle_event(AppEvent::EntityIndex(ev));
                }
            }
            Effect::GrepQuery { gen, query } => {
                self.pump_grep(app);
                for u in self.grep.query(gen, &query) {
                    app.handle_event(AppEvent::Grep(u));
                }
            }
            Effect::SaveJumpHistory(h) => {
                if let Some(dir) = &self.data_dir {
                    let saved = std::fs::create_dir_all(dir)
                        .and_then(|_| serde_json::to_vec(&h).map_err(io::Error::other))
                        .and_then(|b| std::fs::write(dir.join(JUMP_HISTORY_FILE), b));
                    if let Err(e) = saved {
                        app.status.message = Some(format!("jump history not saved: {e}"));
                    }
                }
            }
            Effect::ExportAnnotations => {
                let msg = match &self.data_dir {
                    None => "no data dir: nothing exported".to_string(),
                    Some(dir) => match crate::annotations::notes::export_all(
                        &app.corpus.docs,
                        &app.annotations.store.set,
                        &dir.join("exports"),
                        &app.annotations.store.key(),
                    ) {
                        Ok(p) => format!("exported to {}", p.display()),
                        Err(e) => format!("export failed: {e:#}"),
                    },
                };
                app.status.message = Some(msg);
                app.mark_dirty();
            }
        }
        Ok(Flow::Continue)
    }
}

/// The event loop: draw, then block on the channel, apply each burst of
/// events, run the effects, and redraw when something changed. Returns when
/// an effect asks to quit or every sender is gone.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &Receiver<AppEvent>,
    fx: &mut EffectRunner,
) -> Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    // Documents the app already has (a corpus loaded before the loop).
    for i in fx.jump_indexed..app.corpus.docs.len() {
        if let (Some(k), Some(d)) = (app.doc_key(i), app.corpus.docs.get(i)) {
            fx.jump.add(k, d);
            fx.grep.enqueue(k);
        }
    }
    fx.jump_indexed = app.corpus.docs.len();
    fx.pump_grep(app);
    terminal.draw(|f| crate::ui::render(f, app))?;
    app.take_dirty();
    while let Ok(first) = rx.recv() {
        let burst = std::iter::once(first).chain(rx.try_iter().take(MAX_BATCH));
        match apply_burst(app, fx, burst)? {
            Flow::Quit => return Ok(()),
            Flow::Repaint => {
                terminal.clear()?;
                app.mark_dirty();
            }
            Flow::Continue => {}
        }
        if app.take_dirty() {
            terminal.draw(|f| crate::ui::render(f, app))?;
        }
    }
    Ok(())
}

/// Applies one burst of events to the app, feeds the loaded documents to the
/// jump and corpus search services and runs the effects (without drawing).
/// Returns [`Flow::Quit`] as soon as an effect asks to quit, else
/// [`Flow::Repaint`] when the terminal must be cleared before the next draw.
pub fn apply_burst(
    app: &mut App,
    fx: &mut EffectRunner,
    burst: impl IntoIterator<Item = AppEvent>,
) -> Result<Flow> {
    let mut flow = Flow::Continue;
    let mut loaded_all = false;
    for ev in burst {
        if let AppEvent::Corpus(crate::corpus::LoadEvent::Loaded { key, doc }) = &ev {
            fx.jump.add(*key, doc);
            fx.grep.enqueue(*key);
            fx.jump_indexed += 1;
        }
        if let AppEvent::Grep(crate::search::GrepUpdate::Indexed(n)) = &ev {
            fx.grep.indexed(*n);
        }
        loaded_all |= matches!(ev, AppEvent::Corpus(crate::corpus::LoadEvent::Done));
        for effect in app.handle_event(ev) {
            match fx.run(effect, app)? {
                Flow::Quit => return Ok(Flow::Quit),
                Flow::Repaint => flow = Flow::Repaint,
                Flow::Continue => {}
            }
        }
    }
    if loaded_all {
        app.corpus.docs.shrink_to_fit();
    }
    // after the burst, so the documents it brought are in the app
    fx.pump_grep(app);
    Ok(flow)
}

/// Runs the TUI on the real terminal with `settings`: loads `paths` in the
/// background and shows documents as they arrive.
pub fn run_tui(paths: Vec<PathBuf>, settings: &Settings) -> Result<()> {
    let (tx, rx) = mpsc::channel();
    install_panic_hook();
    tracing::info!(?paths, layout = ?settings.layout, ui_lang = ?settings.ui_lang, "starting the TUI");
    let guard = TerminalGuard::enter(settings.bidi == BidiSetting::App, settings.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let stop = Arc::new(AtomicBool::new(false));
    let input = spawn_input_thread(tx.clone(), Arc::clone(&stop));
    let signals = spawn_signal_thread(tx.clone()).ok();
    let services_tx = tx.clone();
    let loader_tx = tx;
    // the annotation file is chosen by the paths as given (none: seeds)
    let store_paths = paths.clone();
    std::thread::spawn(move || {
        // Called from the loader's worker threads.
        let sink = |ev| {
            let _ = loader_tx.send(AppEvent::Corpus(ev));
        };
        let paths = if paths.is_empty() {
            crate::corpus::default_paths()
        } else {
            Some(paths)
        };
        match paths {
            Some(p) => crate::corpus::load_streaming(&p, sink),
            None => crate::corpus::load_streaming_embedded(sink),
        }
    });
    let mut app = App::loading(settings.layout_options(80));
    app.apply_settings(settings);
    let (store, warnings) =
        crate::annotations::Store::open_corpus(&settings.data_dir, &store_paths);
    app.annotations = crate::annotations::session::AnnotationState::new(store);
    if !warnings.is_empty() {
        app.status.message = Some(warnings.join("; "));
    }
    // The user's gazetteer and hidden entities; problems leave the bundled
    // gazetteer working and are shown in the status bar.
    let user = crate::entities::store::load_user_gazetteer(&settings.data_dir);
    let hidden = crate::entities::store::load_hidden(&settings.data_dir).unwrap_or_default();
    match user {
        Ok((entries, errors)) => {
            if let Some(e) = errors.first() {
                app.status.message = Some(format!("user gazetteer: {e}"));
            }
            app.entities.set_user(entries, hidden);
        }
        Err(e) => {
            app.status.message = Some(format!("user gazetteer: {e}"));
            app.entities.set_user(Vec::new(), hidden);
        }
    }
    app.jump_history = load_jump_history(&settings.data_dir);
    let mut fx = EffectRunner::background(services_tx);
    fx.data_dir = Some(settings.data_dir.clone());
    fx.osc52 = true;
    let result = run(&mut terminal, &mut app, &rx, &mut fx);
    stop.store(true, Ordering::SeqCst);
    if let Some(s) = signals {
        s.close();
    }
    // On a hung-up terminal crossterm's poll can spin without returning, so
    // the input thread may never see `stop`: wait briefly, then leave it to
    // end with the process rather than hang in `join`.
    let deadline = std::time::Instant::now() + INPUT_THREAD_GRACE;
    while !input.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    if input.is_finished() {
        let _ = input.join();
    }
    drop(guard);
    result
}

/// How long the exit path waits for the input thread to notice `stop`
/// (its poll timeout is 100 ms).
const INPUT_THREAD_GRACE: std::time::Duration = std::time::Duration::from_millis(300);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loaded_documents_keep_their_text_on_disk() {
        let mut app = App::loading(crate::text::layout::LayoutOptions::default());
        let mut fx = EffectRunner::default();
        // files are read again when needed; the document keeps its first sentence
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        std::fs::write(&path, "فقرة.\nثانية.").unwrap();
        let doc = crate::corpus::load_file(&path).unwrap();
        let key = crate::corpus::DocKey { file: 0, record: 0 };
        let events = [
            crate::corpus::LoadEvent::Loaded {
                key,
                doc: Box::new(doc),
            },
            crate::corpus::LoadEvent::Done,
        ];
        let flow = apply_burst(&mut app, &mut fx, events.map(AppEvent::Corpus)).unwrap();
        assert_eq!(flow, Flow::Continue);
        let d = &app.corpus.docs[0];
        assert!(d.body.is_on_disk());
        assert_eq!(d.paragraphs(), vec![0..9, 10..21]);
        assert_eq!(d.lead.as_deref(), Some("فقرة."));
        assert_eq!(app.corpus.docs.capacity(), 1);
    }

    #[test]
    fn osc52_through_tmux() {
        let s = tmux_passthrough(&crate::annotations::session::osc52("hi"));
        assert_eq!(s, "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
    }

    #[test]
    fn bidi_sequences_plain_and_tmux() {
        assert_eq!(bidi_sequences(true, false), b"\x1b[8l\x1b[1 k");
        assert_eq!(bidi_sequences(false, false), b"\x1b[8h\x1b[0 k");
        let t = String::from_utf8(bidi_sequences(true, true)).unwrap();
        assert!(t.contains("\x1bPtmux;\x1b\x1b[8l\x1b\\"));
        assert!(t.starts_with("\x1b[8l"));
    }
}
