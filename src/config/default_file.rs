//! The commented default config file (`qari config --default`). It is
//! generated from the same tables the program uses, so it cannot drift, and
//! a test checks that it parses back to the defaults.

use std::fmt::Write as _;

use super::keys::context_name;
use super::labels;
use super::DisplayConfig;
use crate::keymap::KeyContext;
use crate::ui::theme::Theme;

const HEADER: &str = "\
# qari configuration file.
#
# Location: --config PATH, else $QARI_CONFIG, else the platform config dir
# (Linux: ~/.config/qari/config.toml; macOS: ~/Library/Application Support/qari/config.toml;
# Windows: %APPDATA%\\qari\\config\\config.toml).
# Every key is optional: delete what you do not change. An unknown key or a bad
# value stops qari with the file, line and key. Command-line flags win over
# this file.

# Where annotations, history and qari.log are kept (--data-dir, $QARI_DATA_DIR).
# Default: the platform data dir (Linux: ~/.local/share/qari).
# data_dir = \"/path/to/qari-data\"

# Log level of qari.log in the data dir: error, warn, info, debug, trace (--log-level).
log_level = \"warn\"
";

/// The `[display]` section.
fn display_section() -> String {
    let d = DisplayConfig::default();
    let rows: [(&str, String, &str); 8] = [
        (
            "bidi",
            "\"app\"".into(),
            "Who reorders right-to-left text: \"app\" (qari reorders and shapes; the terminal\n\
             # is switched to explicit mode) or \"terminal\" (logical order, for terminals that\n\
             # do their own bidi). --bidi",
        ),
        (
            "shape",
            d.shape.to_string(),
            "Join Arabic letters into presentation forms (for terminals that do not shape). --shape on|off",
        ),
        (
            "layout",
            "\"ltr\"".into(),
            "Pane order: \"ltr\" (list left, sidebar right) or \"rtl\" (mirrored). --layout",
        ),
        (
            "ui_lang",
            "\"en\"".into(),
            "Language of qari's own titles, help and messages: \"en\" or \"ar\". --ui-lang",
        ),
        (
            "list_width",
            d.list_width.to_string(),
            "Width of the document list: cells (10–200) or a percentage (\"1%\"–\"90%\").",
        ),
        ("sidebar_width", d.sidebar_width.to_string(), "Width of the sidebar, as list_width."),
        (
            "colors",
            "\"auto\"".into(),
            "Colours: \"auto\" (none if NO_COLOR is set; 24-bit if COLORTERM is truecolor or\n\
             # 24bit; the nearest of the xterm 256 colours if TERM contains 256color; else\n\
             # the 16 ANSI colours), \"truecolor\", \"256\", \"16\" or \"none\".",
        ),
        (
            "mouse",
            d.mouse.to_string(),
            "Capture the mouse (click to focus, wheel to scroll). --no-mouse",
        ),
    ];
    let mut out = String::from("[display]\n");
    for (key, value, doc) in rows {
        let _ = writeln!(out, "# {doc}\n{key} = {value}");
    }
    out
}

/// The `[theme]` section.
fn theme_section() -> String {
    let mut out = String::from(
        "# Named styles: a foreground colour, \"on <colour>\" for the background, and\n\
         # modifiers (bold dim italic underline reverse crossed blink), e.g.\n\
         # \"#e5c07b on #3b3f4c bold\". Colours: \"#rrggbb\", \"#rgb\", ANSI names (black red\n\
         # green yellow blue magenta cyan gray darkgray lightred lightgreen lightyellow\n\
         # lightblue lightmagenta lightcyan white) or \"default\". \"none\" is plain text.\n\
         # Without truecolour RGB maps to the nearest ANSI colour; with NO_COLOR colours\n\
         # are dropped and highlights use bold/underline/reverse.\n[theme]\n",
    );
    for (name, default, doc) in Theme::STYLES {
        let _ = writeln!(out, "# {}\n{name} = \"{default}\"", doc.trim());
    }
    out
}

/// The `[keys.*]` sections: one per context, empty (the defaults are in
/// `qari keys --defaults` and the help).
fn keys_section() -> String {
    let mut out = String::from(
        "# Key bindings per context: \"keys\" = \"action\". Notation as in the help (?):\n\
         # \"j\", \"G\", \"<C-f>\", \"<S-Tab>\", \"<Enter>\", \"<Esc>\", \"<Space>\", and chords \"g g\".\n\
         # Your bindings are added to the defaults and replace a default on the same keys\n\
         # in the same context; bind keys to \"none\" to remove a default. `qari keys` lists\n\
         # the bindings in force, `qari keys --defaults` the defaults and the action names.\n\
         # A context's keys win over `global` ones (popup/help over `popup`, selection over\n\
         # `reader`, entities/notes over `sidebar`).\n\
         # Conflicts: within one context a key cannot both be bound and start a chord\n\
         # (\"g\" while \"g g\" is bound) nor be written twice (\"<Esc>\", \"<esc>\"): qari\n\
         # stops with file, line and key. A key that hides a chord of a context looked up\n\
         # after it ([keys.reader] \"g\" and the global \"g g\") is a warning: qari starts,\n\
         # shows it in the status bar, and `qari config` prints it.\n\
         # Example:\n\
         #   [keys.reader]\n\
         #   \"<C-n>\" = \"move_down\"\n\
         #   [keys.global]\n\
         #   \"D\" = \"none\"\n",
    );
    for ctx in KeyContext::ALL {
        let _ = writeln!(out, "\n# {}\n[keys.{}]", ctx.title(), context_name(ctx));
    }
    out
}

/// The whole commented default file.
pub fn default_file() -> String {
    [
        HEADER.to_string(),
        display_section(),
        theme_section(),
        labels::default_section(),
        keys_section(),
    ]
    .join("\n")
}
