//! Terminal etiquette in a real pseudo-terminal: SIGTERM and SIGHUP make
//! qari leave cleanly (raw mode off, bracketed paste, focus events and mouse
//! off, alternate screen left, cursor shown); `--no-mouse` never turns mouse
//! capture on; `NO_COLOR` means no colour codes in the output; the log goes
//! to the data dir; a paste is one piece of text.

#![cfg(unix)]

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::pty::{timeout, Pty, Spawn};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};

fn start(extra: &[&str], env: &[(&str, &str)]) -> Pty {
    let mut spawn = Spawn::new(100, 24).args(extra);
    for (k, v) in env {
        spawn = spawn.env(k, v);
    }
    spawn.start()
}

/// Waits for a clean exit (status 0, alternate screen left).
fn exits_cleanly(run: &mut Pty) {
    let st = run.wait_exit();
    assert!(st.success(), "{st:?}");
}

/// `first` occurs in `raw`, and before `then`.
fn before(raw: &str, first: &str, then: &str) -> bool {
    match (raw.find(first), raw.rfind(then)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

fn leaves_cleanly_on(sig: &str) {
    let mut run = start(&[], &[]);
    run.wait_for("doc 1/5");
    let raw = run.raw();
    for on in ["\x1b[?1049h", "\x1b[?2004h", "\x1b[?1004h", "\x1b[?1000h"] {
        assert!(raw.contains(on), "{on:?} not sent at start");
    }
    run.signal(sig);
    exits_cleanly(&mut run);
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
    let mut run = start(&["--no-mouse"], &[]);
    run.wait_for("doc 1/5");
    run.signal("-TERM");
    exits_cleanly(&mut run);
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
        let mut run = start(&[], &env);
        run.wait_for("doc 1/5");
        run.signal("-TERM");
        exits_cleanly(&mut run);
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
    let mut run = start(&[], &[("COLORTERM", "truecolor")]);
    run.wait_for("doc 1/5");
    run.signal("-TERM");
    exits_cleanly(&mut run);
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

/// `--log-level info` writes the log to `<data dir>/qari.log`, never to the
/// screen.
#[test]
fn the_log_goes_to_the_data_dir_not_the_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut run = Spawn::new(100, 24)
        .args(&["--log-level", "info"])
        .data(data.path())
        .start();
    run.wait_for("doc 1/5");
    run.quit();
    let log = std::fs::read_to_string(data.path().join("qari.log")).unwrap();
    assert!(log.contains("starting the TUI"), "{log}");
    assert!(!log.contains('\x1b'), "colour codes in the log");
    assert!(!run.raw().contains("starting the TUI"));
}

/// Bracketed paste (turned on with `?2004h`, checked above): text the
/// terminal wraps in `200~ … 201~` reaches the field as one piece, and a
/// newline in it is text, not Enter.
#[test]
fn pasted_text_goes_into_the_popup_field_in_one_piece() {
    let mut run = start(&[], &[]);
    run.wait_for("doc 1/5");
    run.send("p");
    run.wait_for("JUMP");
    run.send("\x1b[200~xyz\nq\x1b[201~");
    let screen = run.wait_for("› xyz q");
    assert!(screen.contains("JUMP"), "{screen}");
    run.send("\x1b");
    run.wait_until("the popup closed", |s| !s.contains("JUMP"));
    run.quit();
}
