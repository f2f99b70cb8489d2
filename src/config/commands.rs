//! `qari completions`, `qari man` and `qari config`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::{default_file::default_file, load, locate};
use crate::cli::Cli;

/// Writes the completion script for `shell` to `out`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "qari", out);
}

/// Writes the man page (roff) to `out`.
pub fn write_man(out: &mut dyn Write) -> Result<()> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .context("writing the man page")
}

/// `qari completions SHELL`: the script on stdout.
pub fn run_completions(shell: Shell) -> Result<()> {
    write_completions(shell, &mut std::io::stdout().lock());
    Ok(())
}

/// `qari man`: the man page on stdout.
pub fn run_man() -> Result<()> {
    write_man(&mut std::io::stdout().lock())
}

/// `qari config`: `--default` prints the commented default file, `--path`
/// the file qari reads; with neither, the config file is checked.
pub fn run_config(flag: Option<&Path>, default: bool, path: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if default {
        out.write_all(default_file().as_bytes())?;
        return Ok(());
    }
    let Some((file, _)) = locate(flag) else {
        anyhow::bail!("no config dir on this platform; use --config FILE");
    };
    if path {
        writeln!(out, "{}", file.display())?;
        return Ok(());
    }
    let loaded = load(flag)?;
    let where_from = loaded.path.clone();
    // Key bindings are checked against the keymap, as at start-up.
    let settings =
        super::Settings::from_loaded(loaded, &super::SettingsArgs::default(), None, None, None)?;
    match where_from {
        Some(p) => writeln!(out, "{}: ok", p.display())?,
        None => writeln!(out, "{}: not found; using the defaults", file.display())?,
    }
    print_warnings(&settings.warnings);
    Ok(())
}

/// Config warnings on stderr, one per line.
pub fn print_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}
