//! End to end: the built binary in a real pseudo-terminal. Open the seeds,
//! move to the third document, scroll, quit; the exit status is 0, the
//! alternate screen is left and the bidi explicit mode is set and undone.
//! Arabic queries typed into the jump (`Ctrl-P`) and corpus search
//! (`Ctrl-F`) popups open the document they find.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const ROWS: u16 = 30;
const COLS: u16 = 100;

fn timeout() -> Duration {
    // CI machines are shared and slow; this is a limit, not a measurement.
    if std::env::var_os("CI").is_some() {
        Duration::from_secs(15)
    } else {
        Duration::from_secs(5)
    }
}

struct Screen {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    fn text(&self) -> String {
        let bytes = self.bytes.lock().unwrap();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut p = vt100::Parser::new(size(ROWS), size(COLS), 0);
        p.process(&bytes);
        p.screen().contents()
    }

    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let t = self.text();
            if t.contains(what) {
                return t;
            }
            assert!(
                start.elapsed() < timeout(),
                "waited for {what:?}; screen:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the popup's query line shows `query` (as qari lays it
    /// out: shaped, in screen order), `then` is on the screen too and
    /// "searching…" is not (the results answer the whole query).
    fn wait_for_query(&self, query: &str, then: &str) -> String {
        let line = qari::text::layout_inline(query, COLS, &qari::text::LayoutOptions::default());
        let shown: String = line.cells.iter().map(|c| c.symbol.as_str()).collect();
        let want = format!("› {shown}");
        let start = Instant::now();
        loop {
            let t = self.text();
            if t.contains(&want) && t.contains(then) && !t.contains("searching…") {
                return t;
            }
            assert!(
                start.elapsed() < timeout(),
                "waited for {want:?} and {then:?}; screen:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.bytes.lock().unwrap()).into_owned()
    }
}

/// qari on the seeds in a pseudo-terminal: its screen, its keyboard, the
/// process, and the data dir (kept alive while the test runs).
struct Qari {
    screen: Screen,
    keys: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _data: tempfile::TempDir,
}

fn spawn_on_seeds() -> Qari {
    let data = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_qari"));
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.arg("seeds");
    cmd.arg("--data-dir");
    cmd.arg(data.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("TMUX");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);

    let bytes = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&bytes);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let keys = pty.master.take_writer().unwrap();
    Qari {
        screen: Screen { bytes },
        keys,
        child,
        _data: data,
    }
}

impl Qari {
    /// Sends `q` and waits for a successful exit.
    fn quit(&mut self) {
        self.keys.write_all(b"q").unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            assert!(start.elapsed() < timeout(), "qari did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "{status}");
    }
}

impl Drop for Qari {
    fn drop(&mut self) {
        // a failed test must not leave qari running
        let _ = self.child.kill();
    }
}

#[test]
fn typing_an_arabic_query_in_the_jump_popup_opens_the_document() {
    let mut q = spawn_on_seeds();
    q.screen.wait_for("doc 1/5");
    // Ctrl-P, then an Arabic query typed as UTF-8, one character at a time
    q.keys.write_all(b"\x10").unwrap();
    q.screen.wait_for("Jump · ");
    for c in "تدفع موسكو".chars() {
        q.keys
            .write_all(c.encode_utf8(&mut [0; 4]).as_bytes())
            .unwrap();
    }
    // ranked rows for the whole query (not "searching…"): seed 002 first
    q.screen.wait_for_query("تدفع موسكو", "Jump · ");
    q.keys.write_all(b"\r").unwrap();
    let s = q.screen.wait_for("doc 3/5");
    assert!(s.contains(" READ "), "{s}");
    q.quit();
}

#[test]
fn typing_an_arabic_query_in_the_search_popup_opens_the_document_at_the_hit() {
    let mut q = spawn_on_seeds();
    q.screen.wait_for("doc 1/5");
    // Ctrl-F, then a word found only in seed 002 (written there with harakat)
    q.keys.write_all(b"\x06").unwrap();
    q.screen.wait_for("Search · ");
    for c in "تدفع".chars() {
        q.keys
            .write_all(c.encode_utf8(&mut [0; 4]).as_bytes())
            .unwrap();
    }
    q.screen.wait_for_query("تدفع", "in 1 document ");
    q.keys.write_all(b"\r").unwrap();
    let s = q.screen.wait_for("doc 3/5");
    assert!(s.contains("hit 1/"), "{s}");
    q.quit();
}

#[test]
fn open_move_scroll_quit_restores_the_terminal() {
    let started = Instant::now();
    let mut q = spawn_on_seeds();
    q.screen.wait_for("doc 1/5");
    eprintln!("first frame with the seeds after {:?}", started.elapsed());
    q.keys.write_all(b"jj\r").unwrap();
    q.screen.wait_for("doc 3/5  ln 1/");
    q.keys.write_all(b"jjj").unwrap();
    let s = q.screen.wait_for("doc 3/5  ln 4/");
    assert!(s.contains(" READ "), "{s}");
    q.quit();
    let screen = &q.screen;

    // Let the reader thread drain what was written before exit.
    let start = Instant::now();
    while !screen.raw().contains("\x1b[?1049l") && start.elapsed() < timeout() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let raw = screen.raw();
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
