//! Applying the settings (config file and flags) to the app.

use std::borrow::Cow;

use super::App;
use crate::action::Action;
use crate::config::{LayoutDir, Settings};
use crate::i18n::{self, Msg};
use crate::keymap::format_keys;

impl App {
    /// Takes the keymap, theme, pane layout and interface language from
    /// `settings`.
    pub fn apply_settings(&mut self, settings: &Settings) {
        self.keymap = settings.keymap.clone();
        self.theme = settings.theme.clone();
        self.ui_lang = settings.ui_lang;
        self.prefs.mirrored = settings.layout == LayoutDir::Rtl;
        self.prefs.list_width = settings.list_width;
        self.prefs.sidebar_width = settings.sidebar_width;
        self.annotations.labels.defs = crate::config::labels::label_defs(&settings.labels);
        if let Some(w) = settings.warnings.first() {
            self.status.message = Some(format!("config: {w}"));
        }
        self.recompute_areas();
    }

    /// The interface reads right to left (Arabic interface or mirrored
    /// layout): titles at the right of borders, the help's keys on the
    /// right, the status bar mirrored.
    pub fn rtl_chrome(&self) -> bool {
        self.ui_lang == crate::config::UiLang::Ar || self.prefs.mirrored
    }

    /// `msg` in the interface language.
    pub fn tr(&self, msg: Msg) -> &'static str {
        i18n::tr(self.ui_lang, msg)
    }

    /// A count for display, grouped by thousands (`12,345`).
    pub fn count(&self, n: usize) -> String {
        i18n::count(self.ui_lang, n)
    }

    /// An English interface string in the interface language (unchanged if
    /// it has no translation).
    pub fn localize<'a>(&self, english: &'a str) -> &'a str {
        i18n::localize(self.ui_lang, english)
    }

    /// Any English interface text (status messages, hints, titles) in the
    /// interface language; see [`i18n::localize_text`].
    pub fn localize_text<'a>(&self, english: &'a str) -> Cow<'a, str> {
        i18n::localize_text(self.ui_lang, english)
    }

    /// The keys in force for `action`, for hints (`u`, `g g`): its first
    /// binding in the active contexts, else anywhere; `—` when unbound.
    pub fn key_hint(&self, action: Action) -> String {
        let contexts = self.key_contexts();
        contexts
            .iter()
            .find_map(|&c| self.keymap.keys_for(c, action).next())
            .or_else(|| self.keymap.bindings().iter().find(|b| b.action == action))
            .map_or_else(|| "—".to_string(), |b| format_keys(&b.keys))
    }
}
