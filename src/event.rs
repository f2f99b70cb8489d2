//! Everything that can happen to the app, as one channel of [`AppEvent`]s:
//! terminal input (from the input thread), background work results and
//! signals. The runtime blocks on the channel; tests send events directly.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind, MouseEvent};

use crate::corpus::LoadEvent;

/// One input to `App::handle_event`.
#[derive(Debug, Clone)]
pub enum AppEvent {
    /// A key press (releases are dropped by the input thread).
    Key(KeyEvent),
    /// A mouse click, drag or wheel turn.
    Mouse(MouseEvent),
    /// Text pasted with bracketed paste.
    Paste(String),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Progress of the background corpus loader.
    Corpus(LoadEvent),
    /// Ranked documents for a fuzzy-jump query, from the search thread.
    JumpResults(crate::search::JumpResults),
    /// Progress or the result of the corpus entity index, from its workers.
    EntityIndex(crate::entities::service::IndexEvent),
    /// Corpus search: indexing progress and hits, from the search thread.
    Grep(crate::search::GrepUpdate),
    /// SIGTERM or SIGHUP: leave cleanly.
    Terminate,
    /// The terminal window got the focus back (focus reporting).
    FocusGained,
}

impl AppEvent {
    /// Converts a crossterm event; `None` for events the app ignores (key
    /// releases, focus changes).
    pub fn from_terminal(ev: Event) -> Option<Self> {
        match ev {
            // Terminals with the kitty protocol also report releases; acting on
            // them would run every key twice.
            Event::Key(k) if k.kind != KeyEventKind::Release => Some(AppEvent::Key(k)),
            Event::Key(_) => None,
            Event::Mouse(m) => Some(AppEvent::Mouse(m)),
            Event::Paste(s) => Some(AppEvent::Paste(s)),
            Event::Resize(w, h) => Some(AppEvent::Resize(w, h)),
            Event::FocusGained => Some(AppEvent::FocusGained),
            Event::FocusLost => None,
        }
    }
}

/// Starts the thread that reads terminal events into `tx`. It stops when
/// `stop` is set or the receiver is gone.
pub fn spawn_input_thread(tx: Sender<AppEvent>, stop: Arc<AtomicBool>) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            // Polling with a timeout (rather than a blocking read) lets the
            // thread notice `stop` and leave before the terminal is restored.
            match event::poll(Duration::from_millis(100)) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if let Some(ev) = AppEvent::from_terminal(ev) {
                            if tx.send(ev).is_err() {
                                return;
                            }
                        }
                    }
                    Err(_) => return,
                },
                Ok(false) => {}
                Err(_) => return,
            }
        }
    })
}

/// Starts the thread that turns SIGTERM and SIGHUP into
/// [`AppEvent::Terminate`]. A second signal ends the process at once, so a
/// qari that cannot leave cleanly can still be stopped with `kill`.
pub fn spawn_signal_thread(tx: Sender<AppEvent>) -> std::io::Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    let handle = signals.handle();
    thread::spawn(move || {
        let mut pending = signals.forever();
        if pending.next().is_some() {
            let _ = tx.send(AppEvent::Terminate);
        }
        if let Some(sig) = pending.next() {
            std::process::exit(128 + sig);
        }
    });
    Ok(handle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

    #[test]
    fn releases_and_focus_are_dropped() {
        let mut k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert!(AppEvent::from_terminal(Event::Key(k)).is_some());
        k.kind = KeyEventKind::Release;
        k.state = KeyEventState::NONE;
        assert!(AppEvent::from_terminal(Event::Key(k)).is_none());
        assert!(AppEvent::from_terminal(Event::FocusLost).is_none());
        assert!(matches!(
            AppEvent::from_terminal(Event::FocusGained),
            Some(AppEvent::FocusGained)
        ));
        assert!(matches!(
            AppEvent::from_terminal(Event::Resize(3, 4)),
            Some(AppEvent::Resize(3, 4))
        ));
    }
}
