//! The built qari in a real pseudo-terminal (portable-pty), its output
//! parsed with vt100: start it, type keys, wait for the screen, signal it,
//! wait for the exit. Every run gets a config path of its own (an empty
//! file unless given), so the user's config never reaches a test.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

/// How long a wait may take: a limit for slow shared machines, not a
/// measurement.
pub fn timeout() -> Duration {
    if std::env::var_os("CI").is_some() {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(8)
    }
}

/// How to start qari.
#[derive(Debug, Clone)]
pub struct Spawn {
    /// Terminal rows.
    pub rows: u16,
    /// Terminal columns.
    pub cols: u16,
    /// Arguments after `seeds --data-dir DIR --config FILE`.
    pub args: Vec<String>,
    /// Extra environment (`TERM` is xterm-256color, `TMUX` is removed).
    pub env: Vec<(String, String)>,
    /// The data dir; a fresh temporary one when `None`.
    pub data: Option<PathBuf>,
}

impl Spawn {
    /// On the seeds in a `cols`×`rows` terminal.
    pub fn new(cols: u16, rows: u16) -> Self {
        Self {
            rows,
            cols,
            args: Vec::new(),
            env: Vec::new(),
            data: None,
        }
    }

    /// With these arguments added.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// With this environment variable set.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// With this data dir (kept by the caller, e.g. across two runs).
    pub fn data(mut self, dir: &Path) -> Self {
        self.data = Some(dir.to_path_buf());
        self
    }

    /// Starts qari.
    pub fn start(self) -> Pty {
        Pty::start(self)
    }
}

/// A running qari.
pub struct Pty {
    bytes: Arc<Mutex<Vec<u8>>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    rows: u16,
    cols: u16,
    _master: Box<dyn MasterPty + Send>,
    _data: Option<tempfile::TempDir>,
}

impl Pty {
    fn start(spawn: Spawn) -> Pty {
        let temp = tempfile::tempdir().unwrap();
        let data = spawn
            .data
            .clone()
            .unwrap_or_else(|| temp.path().to_path_buf());
        let config = temp.path().join("config.toml");
        std::fs::write(&config, "").unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: spawn.rows,
                cols: spawn.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_qari"));
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.arg("seeds");
        cmd.arg("--data-dir");
        cmd.arg(&data);
        cmd.arg("--config");
        cmd.arg(&config);
        for a in &spawn.args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TMUX");
        cmd.env_remove("QARI_CONFIG");
        for (k, v) in &spawn.env {
            cmd.env(k, v);
        }
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
        Pty {
            bytes,
            keys,
            child,
            rows: spawn.rows,
            cols: spawn.cols,
            _master: pty.master,
            _data: Some(temp),
        }
    }

    /// Everything qari wrote so far (lossy UTF-8).
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.bytes.lock().unwrap()).into_owned()
    }

    /// The screen as a terminal would show it now.
    pub fn screen(&self) -> String {
        let bytes = self.bytes.lock().unwrap();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut p = vt100::Parser::new(size(self.rows), size(self.cols), 0);
        p.process(&bytes);
        p.screen().contents()
    }

    /// Waits until the screen satisfies `done`; returns it.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let t = self.screen();
            if done(&t) {
                return t;
            }
            assert!(
                start.elapsed() < timeout(),
                "waited for {what}; screen:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `what` is on the screen; returns the screen.
    pub fn wait_for(&self, what: &str) -> String {
        self.wait_until(&format!("{what:?}"), |t| t.contains(what))
    }

    /// Waits until `what` is in the raw output.
    pub fn wait_for_raw(&self, what: &str) {
        let start = Instant::now();
        while !self.raw().contains(what) {
            assert!(start.elapsed() < timeout(), "waited for {what:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `s` (UTF-8, control characters as they are).
    pub fn send(&mut self, s: &str) {
        self.keys.write_all(s.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    /// Sends a signal (`-TERM`, `-HUP`) with kill(1).
    pub fn signal(&self, sig: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let ok = std::process::Command::new("kill")
            .args([sig, &pid])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits for qari to exit and for the alternate screen to be left.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            assert!(start.elapsed() < timeout(), "qari did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        self.wait_for_raw("\x1b[?1049l");
        status
    }

    /// Types `q` and checks qari exits with success.
    pub fn quit(&mut self) {
        self.send("q");
        let st = self.wait_exit();
        assert!(st.success(), "{st:?}");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // a failed test must not leave qari running
        let _ = self.child.kill();
    }
}
