//! What the user wants ([`Action`], produced by the keymap) and what the
//! outside world must do ([`Effect`], returned by `App::update` and carried
//! out by the runtime, the only place with I/O).

use serde::{Deserialize, Serialize};

/// A user intent. Keys resolve to actions through the keymap; config files
/// name them in snake_case (`move_down`, `open_document`). Movement actions
/// apply to the active target: the top popup if one is open, else the focused
/// pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave qari.
    Quit,
    /// Open the help popup, or close it when it is on top.
    ToggleHelp,
    /// Close the top popup.
    ClosePopup,
    /// Move focus to the next pane (list → reader → sidebar).
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Move down one line (list: next document; reader: scroll).
    MoveDown,
    /// Move up one line.
    MoveUp,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Go to the first line or item.
    GoTop,
    /// Go to the last line or item.
    GoBottom,
    /// Open the document selected in the list and focus the reader.
    OpenDocument,
    /// Open the next document of the list.
    NextDocument,
    /// Open the previous document of the list.
    PrevDocument,
    /// Flip the paragraph direction (RTL ⇄ LTR) of the open document.
    FlipDirection,
    /// Show the next sidebar tab.
    NextTab,
    /// Show the previous sidebar tab.
    PrevTab,
}

impl Action {
    /// The action's name as written in config files (`move_down`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// Something only the runtime may do (terminal, disk, clipboard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case() {
        assert_eq!(Action::MoveDown.name(), "move_down");
        assert_eq!(Action::FlipDirection.name(), "flip_direction");
        let a: Action = serde_json::from_str("\"open_document\"").unwrap();
        assert_eq!(a, Action::OpenDocument);
    }
}
