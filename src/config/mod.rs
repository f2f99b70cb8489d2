//! The config file (TOML): keymap overrides, theme, annotation labels,
//! display settings and the data dir.
//!
//! It lives at `--config PATH`, else `$QARI_CONFIG`, else the platform config
//! dir (`~/.config/qari/config.toml` on Linux). A missing file means the
//! defaults; a file with an unknown key or a bad value is an error naming the
//! file, line, column and key, and qari does not start with it.
//! `qari config --default` prints a commented file with every default.

pub mod commands;
pub mod default_file;
pub mod error;
pub mod key_checks;
pub mod keys;
pub mod labels;
pub mod palette;
pub mod settings;
pub mod style;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

pub use crate::ui::theme::{Theme, ThemeConfig};
pub use error::ConfigError;
pub use labels::{Label, LabelsConfig};
pub use settings::{Settings, SettingsArgs};
pub use style::{ColorSupport, StyleSpec};

/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "QARI_CONFIG";

/// The parsed config file. Every field has a default, so an empty file is a
/// valid config.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where annotations, history and the log are kept (`--data-dir` wins).
    pub data_dir: Option<PathBuf>,
    /// Log level for `qari.log` in the data dir (`--log-level` wins).
    pub log_level: LogLevel,
    /// `[display]`.
    pub display: DisplayConfig,
    /// `[theme]`: named styles.
    pub theme: ThemeConfig,
    /// `[labels]`: annotation labels 1–9.
    pub labels: LabelsConfig,
    /// `[keys.*]`: key bindings per context.
    pub keys: KeysConfig,
}

/// `[display]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DisplayConfig {
    /// Who reorders right-to-left text: `"app"` or `"terminal"`.
    pub bidi: BidiSetting,
    /// Join Arabic letters into presentation forms.
    pub shape: bool,
    /// Pane order: `"ltr"` (list on the left) or `"rtl"` (list on the right).
    pub layout: LayoutDir,
    /// Language of qari's own labels, help and messages: `"en"` or `"ar"`.
    pub ui_lang: UiLang,
    /// Width of the document list: cells (`30`) or percent (`"25%"`).
    pub list_width: PaneWidth,
    /// Width of the sidebar: cells or percent.
    pub sidebar_width: PaneWidth,
    /// Colours: `"auto"` (from `NO_COLOR`/`COLORTERM`/`TERM`), `"truecolor"`,
    /// `"256"`, `"16"`, `"none"`.
    pub colors: ColorChoice,
    /// Capture the mouse (click to focus, wheel to scroll).
    pub mouse: bool,
}

impl Default for DisplayConfig {
    fn default() -> Self {
        Self {
            bidi: BidiSetting::App,
            shape: true,
            layout: LayoutDir::Ltr,
            ui_lang: UiLang::En,
            list_width: PaneWidth::Percent(24),
            sidebar_width: PaneWidth::Percent(22),
            colors: ColorChoice::Auto,
            mouse: true,
        }
    }
}

/// Who reorders right-to-left text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BidiSetting {
    /// qari reorders and shapes; the terminal is put in explicit mode.
    App,
    /// Logical order, for terminals that do their own bidi.
    Terminal,
}

/// Pane order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LayoutDir {
    /// List on the left, sidebar on the right.
    Ltr,
    /// Mirrored: list on the right, sidebar on the left.
    Rtl,
}

/// Language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    /// English.
    En,
    /// Arabic.
    Ar,
}

/// Colour choice in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Detect from the environment.
    Auto,
    /// Force one level.
    Fixed(ColorSupport),
}

impl<'de> Deserialize<'de> for ColorChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "auto" => Ok(ColorChoice::Auto),
            "truecolor" | "24bit" => Ok(ColorChoice::Fixed(ColorSupport::TrueColor)),
            "256" => Ok(ColorChoice::Fixed(ColorSupport::Ansi256)),
            "16" => Ok(ColorChoice::Fixed(ColorSupport::Ansi16)),
            "none" => Ok(ColorChoice::Fixed(ColorSupport::NoColor)),
            _ => Err(serde::de::Error::custom(format!(
                "bad colour mode `{s}` (expected \"auto\", \"truecolor\", \"256\", \"16\" or \"none\")"
            ))),
        }
    }
}

impl ColorChoice {
    /// The colour support to use.
    pub fn resolve(self) -> ColorSupport {
        match self {
            ColorChoice::Auto => ColorSupport::detect(),
            ColorChoice::Fixed(s) => s,
        }
    }
}

/// Log levels (`--log-level`, `log_level`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    /// Errors only.
    Error,
    /// Errors and warnings (default).
    #[default]
    Warn,
    /// Progress messages.
    Info,
    /// Details for bug reports.
    Debug,
    /// Everything.
    Trace,
}

/// A pane width: a number of cells or a share of the terminal width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneWidth {
    /// Cells.
    Cells(u16),
    /// Percent of the terminal width (1–90).
    Percent(u16),
}

impl PaneWidth {
    /// The width in cells for a terminal `total` cells wide.
    pub fn cells(self, total: u16) -> u16 {
        match self {
            PaneWidth::Cells(c) => c.min(total),
            PaneWidth::Percent(p) => (u32::from(total) * u32::from(p) / 100) as u16,
        }
    }

    /// The share of `total` in percent (rounded), for percent-based layouts.
    pub fn percent_of(self, total: u16) -> u16 {
        match self {
            PaneWidth::Percent(p) => p,
            PaneWidth::Cells(c) if total > 0 => {
                ((u32::from(c) * 100 + u32::from(total) / 2) / u32::from(total)).min(90) as u16
            }
            PaneWidth::Cells(_) => 0,
        }
    }
}

impl std::fmt::Display for PaneWidth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PaneWidth::Cells(c) => write!(f, "{c}"),
            PaneWidth::Percent(p) => write!(f, "\"{p}%\""),
        }
    }
}

impl<'de> Deserialize<'de> for PaneWidth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Cells(i64),
            Text(String),
        }
        let bad = || {
            D::Error::custom(
                "expected a number of cells (10–200) or a percentage such as \"25%\" (1–90)",
            )
        };
        match Raw::deserialize(d).map_err(|_| bad())? {
            Raw::Cells(c) if (10..=200).contains(&c) => Ok(PaneWidth::Cells(c as u16)),
            Raw::Text(s) => match s.trim().strip_suffix('%').map(|p| p.trim().parse::<u16>()) {
                Some(Ok(p)) if (1..=90).contains(&p) => Ok(PaneWidth::Percent(p)),
                _ => Err(bad()),
            },
            Raw::Cells(_) => Err(bad()),
        }
    }
}

/// A context's bindings: key notation → action name, with their places in
/// the file so that a bad one can be reported at its line.
pub type KeyTable = BTreeMap<Spanned<String>, Spanned<String>>;

/// `[keys.*]`: one table per key context (`global`, `list`, `reader`,
/// `sidebar`, `popup`, `help`, `selection`, `notes`, …), checked against the
/// keymap's contexts when applied, so a context added to the keymap is
/// configurable at once.
pub type KeysConfig = BTreeMap<Spanned<String>, KeyTable>;

/// A config file read from disk together with where it came from.
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    /// The settings.
    pub config: Config,
    /// The file, if one was read.
    pub path: Option<PathBuf>,
    /// Its text (for line numbers in later checks).
    pub source: String,
}

impl LoadedConfig {
    /// An error at `span` of this file.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: &str) -> ConfigError {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("<config>"));
        ConfigError::at(&path, &self.source, Some(span), message)
    }
}

/// Parses config text; `path` is only used in error messages.
pub fn parse(source: &str, path: &Path) -> Result<Config, ConfigError> {
    toml::from_str(source).map_err(|e| ConfigError::from_toml(path, source, &e))
}

/// The default config file location (platform config dir).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "qari").map(|d| d.config_dir().join("config.toml"))
}

/// Which file to read: `--config`, else `$QARI_CONFIG`, else the default
/// location. `explicit` is true when the user named the file (then it must
/// exist).
pub fn locate(flag: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), true));
    }
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(p), true));
    }
    default_path().map(|p| (p, false))
}

/// Reads and parses the config file (see [`locate`]). A missing default file
/// gives the defaults; a missing named file is an error.
pub fn load(flag: Option<&Path>) -> Result<LoadedConfig, ConfigError> {
    let Some((path, explicit)) = locate(flag) else {
        return Ok(LoadedConfig::default());
    };
    let source = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| ConfigError::whole_file(&path, "the file is not UTF-8"))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return Ok(LoadedConfig::default());
        }
        Err(e) => return Err(ConfigError::whole_file(&path, format!("cannot read: {e}"))),
    };
    let config = parse(&source, &path)?;
    Ok(LoadedConfig {
        config,
        path: Some(path),
        source,
    })
}
