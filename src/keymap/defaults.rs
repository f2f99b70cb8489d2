//! The default key table. Add a row here (and a test in `tests/keys.rs`,
//! which fails until every row has one) to bind a new key.

use super::KeyContext::{self, Global, Help, List, Popup, Sidebar};
use crate::action::Action::{self, *};

/// `(context, keys in notation, action, description)`, in help order.
pub const DEFAULT_BINDINGS: &[(KeyContext, &str, Action, &str)] = &[
    (Global, "q", Quit, "Quit"),
    (Global, "<C-c>", Quit, "Quit"),
    (Global, "?", ToggleHelp, "Show or hide this help"),
    (Global, "<Tab>", FocusNext, "Focus the next pane"),
    (Global, "<S-Tab>", FocusPrev, "Focus the previous pane"),
    (Global, "j", MoveDown, "Down one line / item"),
    (Global, "<Down>", MoveDown, "Down one line / item"),
    (Global, "k", MoveUp, "Up one line / item"),
    (Global, "<Up>", MoveUp, "Up one line / item"),
    (Global, "<PageDown>", PageDown, "Down one page"),
    (Global, "<Space>", PageDown, "Down one page"),
    (Global, "<C-f>", PageDown, "Down one page"),
    (Global, "<PageUp>", PageUp, "Up one page"),
    (Global, "<C-b>", PageUp, "Up one page"),
    (Global, "<C-d>", HalfPageDown, "Down half a page"),
    (Global, "<C-u>", HalfPageUp, "Up half a page"),
    (Global, "g g", GoTop, "Go to the top"),
    (Global, "<Home>", GoTop, "Go to the top"),
    (Global, "G", GoBottom, "Go to the bottom"),
    (Global, "<End>", GoBottom, "Go to the bottom"),
    (Global, "]", NextDocument, "Open the next document"),
    (Global, "[", PrevDocument, "Open the previous document"),
    (
        Global,
        "D",
        FlipDirection,
        "Flip the paragraph direction (RTL/LTR) of the open document",
    ),
    (
        List,
        "<Enter>",
        OpenDocument,
        "Open the selected document in the reader",
    ),
    (Sidebar, "l", NextTab, "Next sidebar tab"),
    (Sidebar, "<Right>", NextTab, "Next sidebar tab"),
    (Sidebar, "h", PrevTab, "Previous sidebar tab"),
    (Sidebar, "<Left>", PrevTab, "Previous sidebar tab"),
    (Popup, "<Esc>", ClosePopup, "Close the popup"),
    (Help, "q", ClosePopup, "Close the help"),
    (Help, "?", ClosePopup, "Close the help"),
    (Help, "<Enter>", ClosePopup, "Close the help"),
];
