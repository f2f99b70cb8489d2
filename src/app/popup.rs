//! Popups, drawn over the panes; the top one gets the keys first.

use super::entity_form::EntityForm;
use super::note_form::NoteForm;
use crate::keymap::KeyContext;

/// One open popup. New popups (fuzzy jump, search, annotation form) are new
/// variants with their own state and [`KeyContext`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// The key help, generated from the keymap.
    Help(HelpState),
    /// The annotation form (label, tags, note); takes typed text.
    NoteForm(NoteForm),
    /// Typing the Notes tab filter (shown in the tab itself).
    NotesFilter,
    /// Adding a name to the user gazetteer (name and type).
    EntityForm(EntityForm),
    /// Typing the corpus entity filter (shown in the Entities tab).
    EntitiesFilter,
    /// The fuzzy jump popup; takes typed text.
    Jump(super::JumpPopup),
    /// The corpus search popup; takes typed text.
    Search(super::SearchPopup),
    /// The in-document search line (`/`); takes typed text.
    Find(super::LineInput),
}

impl Popup {
    /// The keymap context that applies while this popup is on top.
    pub fn context(&self) -> KeyContext {
        match self {
            Popup::Help(_) => KeyContext::Help,
            Popup::NoteForm(_) | Popup::NotesFilter => KeyContext::Popup,
            Popup::EntityForm(_) | Popup::EntitiesFilter => KeyContext::Popup,
            Popup::Jump(_) | Popup::Search(_) | Popup::Find(_) => KeyContext::Popup,
        }
    }

    /// Name shown as the mode in the status bar.
    pub fn mode_name(&self) -> &'static str {
        match self {
            Popup::Help(_) => "HELP",
            Popup::NoteForm(_) => "NOTE",
            Popup::NotesFilter => "FILTER",
            Popup::EntityForm(_) => "ENTITY",
            Popup::EntitiesFilter => "FILTER",
            Popup::Jump(_) => "JUMP",
            Popup::Search(_) => "SEARCH",
            Popup::Find(_) => "FIND",
        }
    }
}

/// Help popup state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpState {
    /// First help line shown.
    pub scroll: usize,
}
