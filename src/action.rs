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
    /// Move the reading cursor to the next sentence.
    CursorNextSentence,
    /// Move the reading cursor to the previous sentence.
    CursorPrevSentence,
    /// Start a selection at the cursor sentence.
    StartSelection,
    /// Grow the selection by a word.
    SelectWordMore,
    /// Shrink the selection by a word.
    SelectWordLess,
    /// Grow the selection by a sentence.
    SelectSentenceMore,
    /// Shrink the selection by a sentence.
    SelectSentenceLess,
    /// Grow the selection by a paragraph.
    SelectParagraphMore,
    /// Shrink the selection by a paragraph.
    SelectParagraphLess,
    /// Drop the selection.
    CancelSelection,
    /// Apply label 1 to the selection or the cursor sentence.
    Label1,
    /// Apply label 2.
    Label2,
    /// Apply label 3.
    Label3,
    /// Apply label 4.
    Label4,
    /// Apply label 5.
    Label5,
    /// Apply label 6.
    Label6,
    /// Apply label 7.
    Label7,
    /// Apply label 8.
    Label8,
    /// Apply label 9.
    Label9,
    /// Open the annotation form (label, tags, note).
    AnnotateForm,
    /// Delete the annotation under the cursor.
    DeleteAnnotation,
    /// Undo the last annotation change.
    Undo,
    /// Redo the last undone annotation change.
    Redo,
    /// Jump to the next annotation.
    NextAnnotation,
    /// Jump to the previous annotation.
    PrevAnnotation,
    /// Copy the selection (or the annotation under the cursor) to the clipboard.
    CopyPassage,
    /// Export the corpus's annotations in every format.
    ExportAnnotations,
    /// Notes tab: switch between this document's and the corpus's annotations.
    ToggleNotesScope,
    /// Notes tab: open the chosen annotation in the reader.
    OpenNote,
    /// Notes tab: type a filter (label, tags, note or passage).
    FilterNotes,
    /// Step to the next mention of the chosen entity (scrolls the reader).
    NextMention,
    /// Step to the previous mention of the chosen entity.
    PrevMention,
    /// Highlight every entity of the document in the reader, or stop.
    ToggleEntityHighlights,
    /// Entities tab: documents that mention the chosen entity; there, open one.
    EntityEnter,
    /// Entities tab: back to the previous list.
    EntityBack,
    /// Open the Entities tab on every entity of the corpus.
    EntityCorpusView,
    /// Type a filter for the corpus entity list.
    FilterEntities,
    /// Hide the chosen entity (kept hidden in the data dir).
    HideEntity,
    /// Add the selected name to the user gazetteer (a form asks the type).
    AddEntity,
    /// Open the fuzzy jump popup (type a few letters of a title, outlet,
    /// date or name).
    OpenJump,
    /// Search the whole corpus: type a word or "phrase"; one row per hit.
    OpenSearch,
    /// Search the open document: type a word or "phrase".
    FindInDocument,
    /// Scroll to the next hit of the in-document search.
    NextHit,
    /// Scroll to the previous hit of the in-document search.
    PrevHit,
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
    /// Clear the terminal and draw the whole screen again (something else
    /// may have written to it while qari was in the background).
    Repaint,
    /// Save the annotations (`App::annotations.store`).
    SaveAnnotations,
    /// Put this text on the system clipboard (OSC 52).
    CopyToClipboard(String),
    /// Export the annotations of the corpus into the data dir.
    ExportAnnotations,
    /// Add this entry to the user gazetteer in the data dir.
    SaveUserEntity(crate::entities::Entry),
    /// Write the hidden-entities list to the data dir.
    SaveHiddenEntities(std::collections::BTreeSet<crate::entities::store::HiddenKey>),
    /// Run a fuzzy-jump query off the UI thread (results come back as
    /// `AppEvent::JumpResults`).
    JumpQuery(String),
    /// Run corpus search query number `gen` off the UI thread (hits come
    /// back as `AppEvent::Grep`).
    GrepQuery {
        /// The query's number (grows with every edit).
        gen: u64,
        /// The query as typed.
        query: String,
    },
    /// Save the jump popup's query history (newest last) in the data dir.
    SaveJumpHistory(Vec<String>),
    /// Build the corpus entity index off the UI thread (progress and the
    /// index come back as `AppEvent::EntityIndex`), cancelling any build
    /// under way.
    IndexEntities {
        /// Number of this request; messages of older ones are dropped.
        generation: u64,
        /// The gazetteer to index with.
        extractor: crate::entities::service::SharedExtractor,
    },
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
