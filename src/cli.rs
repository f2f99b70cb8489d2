//! Command-line interface: the TUI and the subcommands.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::text::{BidiMode, LayoutOptions};

/// A terminal reader and explorer for Arabic news articles.
#[derive(Debug, Parser)]
#[command(name = "qari", version, about)]
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
    /// A subcommand; without one, the TUI starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options for how text is displayed.
#[derive(Debug, Clone, Args)]
pub struct DisplayArgs {
    /// Who reorders right-to-left text: the app (default) or the terminal.
    #[arg(long, value_enum, default_value_t = BidiArg::App, global = true)]
    pub bidi: BidiArg,
    /// Shape Arabic letters into joined presentation forms.
    #[arg(long, value_enum, default_value_t = OnOff::On, global = true)]
    pub shape: OnOff,
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
    /// Layout options for the given width.
    pub fn layout_options(&self, width: u16) -> LayoutOptions {
        LayoutOptions {
            width,
            bidi: match self.bidi {
                BidiArg::App => BidiMode::App,
                BidiArg::Terminal => BidiMode::Terminal,
            },
            shape: self.shape == OnOff::On,
            direction: None,
        }
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
    /// Print the key bindings as a Markdown table (the README's key table).
    Keys,
}

/// Parses the command line and runs qari.
pub fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Render { ref file, width }) => {
            crate::text::render::run_render(file, &cli.display.layout_options(width))
        }
        Some(Command::Entities { ref paths, json }) => crate::entities::report::run_entities(
            paths,
            json,
            &crate::paths::data_dir(cli.data_dir.as_deref()),
        ),
        Some(Command::Export {
            ref paths,
            format,
            ref out,
        }) => crate::annotations::export::run_export(
            paths,
            format,
            out.as_deref(),
            &crate::paths::data_dir(cli.data_dir.as_deref()),
        ),
        Some(Command::Keys) => {
            print!("{}", crate::keymap::Keymap::defaults().markdown_table());
            Ok(())
        }
        None => crate::runtime::run_tui(
            cli.paths.clone(),
            cli.display.layout_options(80),
            crate::paths::data_dir(cli.data_dir.as_deref()),
        ),
    }
}
