//! Command-line interface: the TUI and the subcommands.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{BidiSetting, Settings, SettingsArgs};
use crate::text::{BidiMode, LayoutOptions};

/// Examples shown at the end of `--help`.
const EXAMPLES: &str = "\
Examples:
  qari                          Open ./seeds (or the bundled demo articles)
  qari ~/news/ article.txt      Open a folder and a file
  qari --layout rtl --ui-lang ar
                                Mirrored panes and an Arabic interface
  qari --bidi terminal          Let a bidi-aware terminal reorder the text
  qari render seeds/01.txt --width 60
                                Print the reader lines of one article
  qari config --default > ~/.config/qari/config.toml
                                Start a config file from the defaults
  qari completions zsh > ~/.zfunc/_qari
                                Install shell completions

Files: config at --config, $QARI_CONFIG or the platform config dir
(qari config --path); data and qari.log in --data-dir, $QARI_DATA_DIR or the
platform data dir.";

/// A terminal reader and explorer for Arabic news articles.
#[derive(Debug, Parser)]
#[command(name = "qari", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Files and folders to open (.txt, .md, .jsonl); default: ./seeds or the bundled demo corpus.
    pub paths: Vec<PathBuf>,
    /// Where annotations, history and the user gazetteer are kept
    /// (default: $QARI_DATA_DIR, else the platform data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Display options shared by the TUI and `render`.
    #[command(flatten)]
    pub display: DisplayArgs,
    /// Options backed by the config file.
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// A subcommand; without one, the TUI starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options for how text is displayed.
#[derive(Debug, Clone, Args)]
pub struct DisplayArgs {
    /// Who reorders right-to-left text: the app or the terminal [default: app].
    #[arg(long, value_enum, global = true)]
    pub bidi: Option<BidiArg>,
    /// Shape Arabic letters into joined presentation forms [default: on].
    #[arg(long, value_enum, global = true)]
    pub shape: Option<OnOff>,
}

/// `--bidi` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    /// qari reorders and shapes (terminal put in explicit mode).
    App,
    /// Logical order, for terminals that do their own bidi.
    Terminal,
}

/// `on` / `off` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    /// Enabled.
    On,
    /// Disabled.
    Off,
}

impl DisplayArgs {
    /// Layout options for the given width from the flags alone (no config).
    pub fn layout_options(&self, width: u16) -> LayoutOptions {
        LayoutOptions {
            width,
            bidi: match self.bidi {
                Some(BidiArg::Terminal) => BidiMode::Terminal,
                _ => BidiMode::App,
            },
            shape: self.shape != Some(OnOff::Off),
            direction: None,
        }
    }

    /// `--bidi`, if given.
    pub fn bidi_setting(&self) -> Option<BidiSetting> {
        self.bidi.map(|b| match b {
            BidiArg::App => BidiSetting::App,
            BidiArg::Terminal => BidiSetting::Terminal,
        })
    }

    /// `--shape`, if given.
    pub fn shape_setting(&self) -> Option<bool> {
        self.shape.map(|s| s == OnOff::On)
    }
}

impl Cli {
    /// The settings in force: the config file with the flags on top.
    pub fn resolve_settings(&self) -> Result<Settings> {
        Ok(Settings::resolve(
            &self.settings,
            self.data_dir.as_deref(),
            self.display.bidi_setting(),
            self.display.shape_setting(),
        )?)
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the lines the reader pane would show for FILE at a given width.
    Render {
        /// The article to render.
        file: PathBuf,
        /// Width of the reader in cells.
        #[arg(long, default_value_t = 72)]
        width: u16,
    },
    /// Print each document's people, places, organisations and dates.
    Entities {
        /// Files and folders (default: ./seeds or the bundled demo corpus).
        paths: Vec<PathBuf>,
        /// JSON output with code-point offsets of every mention.
        #[arg(long)]
        json: bool,
    },
    /// List the documents the jump popup would offer for QUERY, best first
    /// (id, score, title).
    Search {
        /// The fuzzy query (words must all match, in any order).
        query: String,
        /// Files and folders (.jsonl title lists are read fastest; default:
        /// ./seeds or the bundled demo corpus).
        paths: Vec<PathBuf>,
        /// Show at most N documents (0: all matches).
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: usize,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Print every place a word or "quoted phrase" occurs (proclitics و ف ب ك ل
    /// and ال allowed, folded spelling), with code-point offsets and a snippet.
    Grep {
        /// Words (all must occur in a document) and "quoted phrases".
        query: String,
        /// Files and folders (default: ./seeds or the bundled demo corpus).
        paths: Vec<PathBuf>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Export the annotations of a corpus (W3C JSON-LD, brat, CSV, Markdown).
    Export {
        /// The corpus: the same files and folders qari was opened with
        /// (none: the default corpus).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum)]
        format: crate::annotations::export::Format,
        /// Folder to write into (required for brat; else stdout).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the key bindings in force (the defaults with the config file's
    /// `[keys.*]` applied) as a Markdown table.
    Keys {
        /// Print the built-in bindings only, ignoring the config file (the
        /// README's key table).
        #[arg(long)]
        defaults: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout: `qari man > qari.1`.
    Man,
    /// Check the config file, print its path, or print the commented defaults.
    Config {
        /// Print a commented config file with every default.
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print the path of the config file qari reads.
        #[arg(long)]
        path: bool,
    },
}

/// Parses the command line and runs qari.
pub fn main() -> Result<()> {
    let cli = Cli::parse();
    // These work without (and despite a broken) config file.
    match cli.command {
        Some(Command::Completions { shell }) => {
            return crate::config::commands::run_completions(shell)
        }
        Some(Command::Man) => return crate::config::commands::run_man(),
        Some(Command::Config { default, path }) => {
            return crate::config::commands::run_config(
                cli.settings.config.as_deref(),
                default,
                path,
            )
        }
        _ => {}
    }
    let settings = cli.resolve_settings()?;
    // No log is no reason to stop; the TUI reports it in the status bar.
    let _log = crate::logging::init(&settings.data_dir, settings.log_level);
    for w in &settings.warnings {
        tracing::warn!("config: {w}");
    }
    match cli.command {
        Some(Command::Render { ref file, width }) => {
            crate::text::render::run_render(file, &settings.layout_options(width))
        }
        Some(Command::Entities { ref paths, json }) => {
            crate::entities::report::run_entities(paths, json, &settings.data_dir)
        }
        Some(Command::Search {
            ref query,
            ref paths,
            limit,
            json,
        }) => crate::search::cli::run_search(query, paths, limit, json),
        Some(Command::Grep {
            ref query,
            ref paths,
            json,
        }) => crate::search::cli::run_grep(query, paths, json),
        Some(Command::Export {
            ref paths,
            format,
            ref out,
        }) => crate::annotations::export::run_export(
            paths,
            format,
            out.as_deref(),
            &settings.data_dir,
        ),
        Some(Command::Keys { defaults }) => {
            let keymap = if defaults {
                crate::keymap::Keymap::defaults()
            } else {
                crate::config::commands::print_warnings(&settings.warnings);
                settings.keymap.clone()
            };
            print!("{}", keymap.markdown_table());
            Ok(())
        }
        Some(Command::Completions { .. } | Command::Man | Command::Config { .. }) => Ok(()),
        None => crate::runtime::run_tui(cli.paths.clone(), &settings),
    }
}
