//! Terminal etiquette in a real pseudo-terminal: SIGTERM and SIGHUP make
//! qari leave cleanly (raw mode off, bracketed paste, focus events and mouse
//! off, alternate screen left, cursor shown); `--no-mouse` never turns mouse
//! capture on; `NO_COLOR` means no colour codes in the output.

#![cfg(unix)]

use std::io::Read;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};

fn timeout() -> Duration {
    // A limit for slow shared machines, not a measurement.
    if std::env::var_os("CI").is_some() {
        Duration::from_secs(15)
    } else {
        Duration::from_secs(5)
    }
}

struct Run {
    bytes: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn Child + Send + Sync>,
    _data: tempfile::TempDir,
}

impl Run {
    fn start(extra: &[&str]) -> Run {
        Self::start_env(extra, &[])
    }

    fn start_env(extra: &[&str], env: &[(&str, &str)]) -> Run {
        let data = tempfile::tempdir().unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_qari"));
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.arg("seeds");
        cmd.arg("--data-dir");
        cmd.arg(data.path());
        cmd.arg("--config");
        cmd.arg(data.path().join("none.toml"));
        for a in extra {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TMUX");
        for (k, v) in env {
            cmd.env(k, v);
        }
        std::fs::write(data.path().join("none.toml"), "").unwrap();
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
        // Keep the master open for the child's lifetime.
        std::mem::forget(pty.master);
        Run {
            bytes,
            child,
            _data: data,
        }
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.bytes.lock().unwrap()).into_owned()
    }

    fn screen(&self) -> String {
        let bytes = self.bytes.lock().unwrap();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut p = vt100::Parser::new(size(24), size(100), 0);
        p.process(&bytes);
        p.screen().contents()
    }

    fn wait_for_screen(&self, what: &str) {
        let start = Instant::now();
        while !self.screen().contains(what) {
            assert!(start.elapsed() < timeout(), "waited for {what:?} on screen");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while !self.raw().contains(what) {
            assert!(start.elapsed() < timeout(), "waited for {what:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let ok = Command::new("kill").args([sig, &pid]).status().unwrap();
        assert!(ok.success());
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                assert!(st.success(), "{st}");
                break;
            }
            assert!(start.elapsed() < timeout(), "qari did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
        self.wait_for("\x1b[?1049l");
    }
}

/// `first` occurs in `raw`, and before `then`.
fn before(raw: &str, first: &str, then: &str) -> bool {
    match (raw.find(first), raw.rfind(then)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

fn leaves_cleanly_on(sig: &str) {
    let mut run = Run::start(&[]);
    run.wait_for_screen("doc 1/5");
    let raw = run.raw();
    for on in ["\x1b[?1049h", "\x1b[?2004h", "\x1b[?1004h", "\x1b[?1000h"] {
        assert!(raw.contains(on), "{on:?} not sent at start");
    }
    run.signal(sig);
    run.wait_exit();
    let raw = run.raw();
    let restored = raw.rfind("\x1b[?1049h").map_or("", |i| &raw[i..]);
    for off in [
        "\x1b[?2004l",
        "\x1b[?1004l",
        "\x1b[?1000l",
        "\x1b[8h",
        "\x1b[?25h",
    ] {
        assert!(restored.contains(off), "{off:?} not sent on {sig}");
    }
    assert!(
        before(restored, "\x1b[8h", "\x1b[?1049l"),
        "bidi mode undone before leaving"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    leaves_cleanly_on("-TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    leaves_cleanly_on("-HUP");
}

#[test]
fn no_mouse_never_captures_the_mouse() {
    let mut run = Run::start(&["--no-mouse"]);
    run.wait_for_screen("doc 1/5");
    run.signal("-TERM");
    run.wait_exit();
    let raw = run.raw();
    assert!(!raw.contains("\x1b[?1000h"), "mouse capture turned on");
    assert!(raw.contains("\x1b[?2004h"), "bracketed paste still on");
}

/// The SGR (`CSI … m`) parameter lists in `raw`.
fn sgr_params(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// Under NO_COLOR the terminal gets no colour codes at all: every SGR sets
/// attributes (bold, reverse, underline…) or resets to the default colours.
#[test]
fn no_color_sends_no_colour_codes() {
    for env in [
        [("NO_COLOR", "1"), ("COLORTERM", "truecolor")],
        [("NO_COLOR", "1"), ("COLORTERM", "")],
    ] {
        let mut run = Run::start_env(&[], &env);
        run.wait_for_screen("doc 1/5");
        run.signal("-TERM");
        run.wait_exit();
        let params = sgr_params(&run.raw());
        assert!(!params.is_empty(), "no SGR at all: attributes expected");
        for p in params {
            for n in p.split([';', ':']).filter(|n| !n.is_empty()) {
                let n: u32 = n.parse().unwrap();
                let colour = matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107 | 58);
                assert!(!colour, "colour code in SGR {p:?}");
            }
        }
    }
    // and without NO_COLOR the same check finds colour (it can fail)
    let mut run = Run::start_env(&[], &[("COLORTERM", "truecolor")]);
    run.wait_for_screen("doc 1/5");
    run.signal("-TERM");
    run.wait_exit();
    assert!(sgr_params(&run.raw())
        .iter()
        .any(|p| p.starts_with("38;2;")));
}

/// Closing the terminal (ssh dropped, window closed) hangs up the pty: qari
/// must end instead of staying behind as a process spinning on a dead tty.
#[test]
fn closing_the_terminal_ends_qari() {
    let data = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_qari"));
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.args(["seeds", "--data-dir"]);
    cmd.arg(data.path());
    cmd.arg("--config");
    cmd.arg(data.path().join("none.toml"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("TMUX");
    std::fs::write(data.path().join("none.toml"), "").unwrap();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    // Read until the first frame is up, then drop the reader, so that
    // dropping the master below closes the last master descriptor.
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (up_tx, up_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut p = vt100::Parser::new(size(24), size(100), 0);
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.process(&buf[..n]);
            if p.screen().contents().contains("doc 1/5") {
                let _ = up_tx.send(());
                return;
            }
        }
    });
    up_rx
        .recv_timeout(timeout())
        .expect("first frame on screen");
    drop(pty.master);
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > timeout() {
            let _ = child.kill();
            panic!("qari kept running after its terminal was closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
