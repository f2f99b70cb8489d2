//! End to end in a pseudo-terminal: open the seeds, select a passage, label
//! it with `1`, add an Arabic note with `a`, quit; the annotation file holds
//! it; a second run lists it in the Notes tab.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use qari::annotations::Store;

const ROWS: u16 = 30;
const COLS: u16 = 120;

fn timeout() -> Duration {
    // a limit for slow shared machines, not a measurement
    if std::env::var_os("CI").is_some() {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(8)
    }
}

struct Session {
    bytes: Arc<Mutex<Vec<u8>>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(data: &Path) -> Session {
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
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TMUX");
        cmd.env_remove("QARI_CONFIG");
        cmd.env("XDG_CONFIG_HOME", data);
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
        Session {
            bytes,
            keys,
            child,
            _master: pty.master,
        }
    }

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

    fn send(&mut self, s: &str) {
        self.keys.write_all(s.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    fn quit(mut self) {
        self.send("q");
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                assert!(st.success(), "{st}");
                return;
            }
            assert!(start.elapsed() < timeout(), "qari did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn select_label_note_quit_reopen() {
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start(data.path());
    s.wait_for("doc 1/5");
    s.send("\t");
    s.send("vw");
    s.send("1");
    s.wait_for("marked as claim");
    s.send("a");
    s.wait_for("Edit annotation");
    s.send("ملاحظة مهمة");
    s.send("\r");
    s.wait_for("annotation saved");
    s.quit();

    // the file is there and holds the annotation
    let (store, warnings) = Store::open_corpus(data.path(), &[PathBuf::from("seeds")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let items = store.set.items();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].label, "claim");
    assert_eq!(items[0].note, "ملاحظة مهمة");
    assert!(items[0].target.position.end > items[0].target.position.start);

    // a second run shows it in the Notes tab
    let mut s = Session::start(data.path());
    s.wait_for("doc 1/5");
    s.send("\t\tl");
    s.wait_for("claim · exact");
    s.quit();
}
