//! The config-related subcommands and flags, run through the built binary:
//! completions, man page, `config`, `--version`, `--help`, and a bad config
//! file stopping qari with file, line and key.

use std::path::Path;
use std::process::{Command, Output};

fn qari(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("QARI_DATA_DIR", home.join("data"))
        .env_remove("QARI_CONFIG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn completions_for_every_shell_mention_the_subcommands() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = stdout(&qari(&["completions", shell], home.path()));
        // fish writes options as `-l layout`, the others as `--layout`.
        for word in [
            "render",
            "completions",
            "man",
            "config",
            "layout",
            "ui-lang",
            "no-mouse",
        ] {
            assert!(out.contains(word), "{shell} script lacks {word}");
        }
    }
    assert!(!qari(&["completions", "tcsh"], home.path()).status.success());
}

#[test]
fn man_page_has_a_title_and_the_options() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(&qari(&["man"], home.path()));
    assert!(out.contains(".TH qari"), "{out}");
    for opt in [
        "config",
        "log-level",
        "layout",
        "ui-lang",
        "no-mouse",
        "bidi",
        "shape",
        "data-dir",
    ] {
        let roff = format!("--{opt}").replace('-', "\\-");
        assert!(out.contains(&roff), "man page lacks --{opt}");
    }
}

#[test]
fn version_and_help_with_examples() {
    let home = tempfile::tempdir().unwrap();
    let v = stdout(&qari(&["--version"], home.path()));
    assert_eq!(v.trim(), format!("qari {}", env!("CARGO_PKG_VERSION")));
    let h = stdout(&qari(&["--help"], home.path()));
    assert!(
        h.contains("Examples:") && h.contains("qari config --default"),
        "{h}"
    );
}

#[test]
fn config_default_path_and_check() {
    let home = tempfile::tempdir().unwrap();
    let default = stdout(&qari(&["config", "--default"], home.path()));
    assert!(default.contains("[display]") && default.contains("[theme]"));
    let path = stdout(&qari(&["config", "--path"], home.path()));
    assert!(path.trim().ends_with("config.toml"), "{path}");
    // No file yet: the defaults.
    let check = stdout(&qari(&["config"], home.path()));
    assert!(check.contains("not found"), "{check}");
    // The default file, written where qari looks, checks out.
    let file = Path::new(path.trim());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, &default).unwrap();
    let check = stdout(&qari(&["config"], home.path()));
    assert!(check.contains(": ok"), "{check}");
}

#[test]
fn bad_config_stops_qari_with_file_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("bad.toml");
    std::fs::write(&cfg, "[display]\nshape = true\nlayout = \"sideways\"\n").unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let first = std::fs::read_dir(&seed)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let cfg_s = cfg.to_str().unwrap();
    for args in [
        vec!["--config", cfg_s, "render", first.to_str().unwrap()],
        vec!["--config", cfg_s, "config"],
    ] {
        let o = qari(&args, home.path());
        assert!(!o.status.success());
        assert!(o.stdout.is_empty(), "half-read config produced output");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("{cfg_s}:3:")), "{err}");
        assert!(
            err.contains("display.layout") && err.contains("sideways"),
            "{err}"
        );
    }
    // `config --default` still works, to help fix the file.
    stdout(&qari(
        &["--config", cfg_s, "config", "--default"],
        home.path(),
    ));
}

#[test]
fn config_values_reach_render_and_flags_win() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, "[display]\nshape = false\n").unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let first = std::fs::read_dir(&seed)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let run = |extra: &[&str]| {
        let mut args = vec!["--config", cfg.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.extend(["render", first.to_str().unwrap(), "--width", "60"]);
        stdout(&qari(&args, home.path()))
    };
    let is_shaped = |s: &str| s.chars().any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c));
    assert!(!is_shaped(&run(&[])), "config shape = false ignored");
    assert!(
        is_shaped(&run(&["--shape", "on"])),
        "--shape on did not win"
    );
}

#[test]
fn keys_prints_the_bindings_in_force_and_defaults_on_request() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("k.toml");
    std::fs::write(
        &cfg,
        "[keys.global]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n[keys.reader]\n\"g\" = \"page_down\"\n",
    )
    .unwrap();
    let cfg_s = cfg.to_str().unwrap();
    let o = qari(&["--config", cfg_s, "keys"], home.path());
    let table = stdout(&o);
    assert!(
        table.contains("| Everywhere | `<C-c>`, `x` | `quit` |"),
        "{table}"
    );
    assert!(table.contains("| Reader | `g` | `page_down` |"), "{table}");
    // the reader `g` hides the global `g g`: a warning with file and line
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("warning: {cfg_s}:5:1: key `keys.reader.g`")) && err.contains("g g"),
        "{err}"
    );
    let defaults = stdout(&qari(
        &["--config", cfg_s, "keys", "--defaults"],
        home.path(),
    ));
    assert_eq!(defaults, qari::keymap::Keymap::defaults().markdown_table());
    // `qari config` checks the same and prints the same warning
    let o = qari(&["--config", cfg_s, "config"], home.path());
    assert!(stdout(&o).contains(": ok"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("keys.reader.g"));
    // a conflict inside one context stops qari, naming file, line and key
    std::fs::write(&cfg, "[keys.global]\n\"g\" = \"quit\"\n").unwrap();
    for args in [
        vec!["--config", cfg_s, "keys"],
        vec!["--config", cfg_s, "config"],
    ] {
        let o = qari(&args, home.path());
        assert!(!o.status.success() && o.stdout.is_empty());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("{cfg_s}:2:1: key `keys.global.g`")),
            "{err}"
        );
    }
}
