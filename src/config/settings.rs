//! Settings in force: the config file with the command line on top.

use std::path::{Path, PathBuf};

use clap::Args;

use super::keys::apply_key_overrides;
use super::{
    load, BidiSetting, ColorSupport, ConfigError, Label, LayoutDir, LoadedConfig, LogLevel,
    PaneWidth, Theme, UiLang,
};
use crate::keymap::Keymap;
use crate::text::{BidiMode, LayoutOptions};

/// Command-line flags backed by the config file (a flag wins over the file).
#[derive(Debug, Clone, Default, Args)]
pub struct SettingsArgs {
    /// Config file (default: $QARI_CONFIG, else the platform config dir,
    /// e.g. ~/.config/qari/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Log level of qari.log in the data dir [default: warn].
    #[arg(long, global = true, value_enum, value_name = "LEVEL")]
    pub log_level: Option<LogLevel>,
    /// Pane order: ltr (list left) or rtl (list right, sidebar left) [default: ltr].
    #[arg(long, global = true, value_enum)]
    pub layout: Option<LayoutDir>,
    /// Language of qari's own titles, help and messages [default: en].
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub ui_lang: Option<UiLang>,
    /// Do not capture the mouse (lets the terminal select text).
    #[arg(long, global = true)]
    pub no_mouse: bool,
}

/// Everything the program needs to know from config and flags, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file as read (for line numbers in later checks).
    pub file: LoadedConfig,
    /// Data dir.
    pub data_dir: PathBuf,
    /// Log level.
    pub log_level: LogLevel,
    /// Who reorders right-to-left text.
    pub bidi: BidiSetting,
    /// Shape Arabic.
    pub shape: bool,
    /// Pane order.
    pub layout: LayoutDir,
    /// Interface language.
    pub ui_lang: UiLang,
    /// Document list width.
    pub list_width: PaneWidth,
    /// Sidebar width.
    pub sidebar_width: PaneWidth,
    /// Capture the mouse.
    pub mouse: bool,
    /// What the terminal can show.
    pub colors: ColorSupport,
    /// The theme, adapted to [`Settings::colors`].
    pub theme: Theme,
    /// Annotation labels 1–9.
    pub labels: Vec<Label>,
    /// The default keymap with the file's `[keys.*]` applied.
    pub keymap: Keymap,
    /// Problems that do not stop qari (`file:line:col: key …: message`),
    /// e.g. a binding that hides a chord of a less specific context.
    pub warnings: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        // The defaults cannot fail: no file, no key overrides.
        Self::build(
            LoadedConfig::default(),
            &SettingsArgs::default(),
            None,
            None,
            None,
            Keymap::defaults(),
        )
    }
}

impl Settings {
    /// Loads the config file and applies the flags. `data_dir_flag`, `bidi`
    /// and `shape` are the flags that live elsewhere on the command line.
    pub fn resolve(
        args: &SettingsArgs,
        data_dir_flag: Option<&Path>,
        bidi: Option<BidiSetting>,
        shape: Option<bool>,
    ) -> Result<Self, ConfigError> {
        let file = load(args.config.as_deref())?;
        Self::from_loaded(file, args, data_dir_flag, bidi, shape)
    }

    /// [`Settings::resolve`] on a config already read. Fails on a bad key
    /// binding (the rest was checked while parsing).
    pub fn from_loaded(
        file: LoadedConfig,
        args: &SettingsArgs,
        data_dir_flag: Option<&Path>,
        bidi: Option<BidiSetting>,
        shape: Option<bool>,
    ) -> Result<Self, ConfigError> {
        let mut keymap = Keymap::defaults();
        let warnings = apply_key_overrides(&file, &mut keymap)?;
        name_label_keys(&mut keymap, &file.config.labels.resolve());
        let mut settings = Self::build(file, args, data_dir_flag, bidi, shape, keymap);
        settings.warnings = warnings;
        Ok(settings)
    }

    fn build(
        file: LoadedConfig,
        args: &SettingsArgs,
        data_dir_flag: Option<&Path>,
        bidi: Option<BidiSetting>,
        shape: Option<bool>,
        keymap: Keymap,
    ) -> Self {
        let cfg = &file.config;
        let d = &cfg.display;
        let data_dir = match (data_dir_flag, &cfg.data_dir) {
            (Some(flag), _) => flag.to_path_buf(),
            // $QARI_DATA_DIR (read by paths::data_dir) still beats the file.
            (None, Some(dir)) if std::env::var_os(crate::paths::DATA_DIR_ENV).is_none() => {
                dir.clone()
            }
            (None, _) => crate::paths::data_dir(None),
        };
        let colors = d.colors.resolve();
        let mut theme = Theme::builtin();
        theme.apply(&cfg.theme);
        let labels = cfg.labels.resolve();
        for (slot, label) in theme.labels.iter_mut().zip(&labels) {
            *slot = label.style();
        }
        Self {
            data_dir,
            log_level: args.log_level.unwrap_or(cfg.log_level),
            bidi: bidi.unwrap_or(d.bidi),
            shape: shape.unwrap_or(d.shape),
            layout: args.layout.unwrap_or(d.layout),
            ui_lang: args.ui_lang.unwrap_or(d.ui_lang),
            list_width: d.list_width,
            sidebar_width: d.sidebar_width,
            mouse: d.mouse && !args.no_mouse,
            colors,
            theme: theme.adapted(colors),
            labels,
            keymap,
            warnings: Vec::new(),
            file,
        }
    }

    /// Options for the text pipeline at `width`.
    pub fn layout_options(&self, width: u16) -> LayoutOptions {
        LayoutOptions {
            width,
            bidi: match self.bidi {
                BidiSetting::App => BidiMode::App,
                BidiSetting::Terminal => BidiMode::Terminal,
            },
            shape: self.shape,
            direction: None,
        }
    }
}

/// The label keys' help descriptions name the labels in force
/// (`Label: quote` becomes `Label: source` after `[labels.2] name = "source"`).
fn name_label_keys(keymap: &mut Keymap, labels: &[Label]) {
    use crate::action::Action::*;
    let actions = [
        Label1, Label2, Label3, Label4, Label5, Label6, Label7, Label8, Label9,
    ];
    for (action, label) in actions.into_iter().zip(labels) {
        let Some(b) = keymap.bindings().iter().find(|b| b.action == action) else {
            continue;
        };
        let prefix = b.description.rsplit_once(": ").map_or("Label", |(p, _)| p);
        let description = format!("{prefix}: {}", label.name);
        keymap.describe(action, &description);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    fn loaded(src: &str) -> LoadedConfig {
        LoadedConfig {
            config: parse(src, Path::new("t.toml")).unwrap(),
            path: Some(PathBuf::from("t.toml")),
            source: src.to_string(),
        }
    }

    #[test]
    fn flags_win_over_the_file() {
        let file = loaded(
            "data_dir = \"/from/file\"\nlog_level = \"info\"\n[display]\nlayout = \"rtl\"\nui_lang = \"ar\"\nbidi = \"terminal\"\nshape = false\n",
        );
        let s = Settings::from_loaded(file.clone(), &SettingsArgs::default(), None, None, None)
            .unwrap();
        assert_eq!(
            (s.layout, s.ui_lang, s.bidi, s.shape),
            (LayoutDir::Rtl, UiLang::Ar, BidiSetting::Terminal, false)
        );
        assert_eq!(s.log_level, LogLevel::Info);
        let args = SettingsArgs {
            layout: Some(LayoutDir::Ltr),
            ui_lang: Some(UiLang::En),
            log_level: Some(LogLevel::Trace),
            no_mouse: true,
            config: None,
        };
        let s = Settings::from_loaded(
            file,
            &args,
            Some(Path::new("/flag")),
            Some(BidiSetting::App),
            Some(true),
        )
        .unwrap();
        assert_eq!(
            (s.layout, s.ui_lang, s.bidi, s.shape),
            (LayoutDir::Ltr, UiLang::En, BidiSetting::App, true)
        );
        assert_eq!((s.log_level, s.mouse), (LogLevel::Trace, false));
        assert_eq!(s.data_dir, PathBuf::from("/flag"));
        assert_eq!(s.layout_options(50).bidi, BidiMode::App);
    }

    #[test]
    fn colours_none_strips_every_colour_from_theme_and_labels() {
        let s = Settings::from_loaded(
            loaded("[display]\ncolors = \"none\"\n"),
            &SettingsArgs::default(),
            None,
            None,
            None,
        )
        .unwrap();
        assert_eq!(s.colors, ColorSupport::NoColor);
        for (name, st) in s.theme.named() {
            assert_eq!((st.fg, st.bg), (None, None), "{name}");
        }
    }

    #[test]
    fn label_keys_are_described_with_the_labels_in_force() {
        let file = loaded("[labels.2]\nname = \"source\"\ncolor = \"cyan\"\n");
        let s = Settings::from_loaded(file, &SettingsArgs::default(), None, None, None).unwrap();
        let rows = s.keymap.help_rows();
        let desc = |a| {
            rows.iter()
                .find(|r| r.action == a)
                .map(|r| r.description.clone())
                .unwrap()
        };
        assert_eq!(desc(crate::action::Action::Label2), "Label: source");
        assert_eq!(
            desc(crate::action::Action::Label1),
            "Label the selection or sentence: claim"
        );
    }
}
