//! Key bindings: contexts, chords and resolution.
//!
//! A [`Keymap`] is a list of [`Binding`]s `(context, keys, action,
//! description)`. The defaults live in [`defaults`]; a config file can
//! replace or remove bindings per context with [`Keymap::bind`] and
//! [`Keymap::unbind`]. The help popup, the status-bar hints and the README
//! key table are all generated from the same list.

pub mod defaults;
pub mod notation;

use serde::{Deserialize, Serialize};

use crate::action::Action;
pub use notation::{format_keys, parse_key, parse_keys, Key, NotationError};

/// Where a binding applies. Keys are looked up in the active contexts in
/// order (see `App::key_contexts`): the top popup's own context, then
/// [`KeyContext::Popup`], then `Global`; or the focused pane's context, then
/// `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyContext {
    /// Everywhere, unless a more specific context binds the same keys.
    Global,
    /// The document list has focus.
    List,
    /// The reader has focus.
    Reader,
    /// The sidebar has focus.
    Sidebar,
    /// Any popup is on top.
    Popup,
    /// The help popup is on top.
    Help,
    /// The sidebar shows the Entities tab and has focus.
    Entities,
    /// The reader has focus and a selection is being made.
    Selection,
    /// The sidebar shows the Notes tab.
    Notes,
}

impl KeyContext {
    /// Every context, in the order the help lists them.
    pub const ALL: [KeyContext; 9] = [
        KeyContext::Global,
        KeyContext::List,
        KeyContext::Reader,
        KeyContext::Sidebar,
        KeyContext::Popup,
        KeyContext::Help,
        KeyContext::Selection,
        KeyContext::Notes,
        KeyContext::Entities,
    ];

    /// Human name for the help popup and the README.
    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Global => "Everywhere",
            KeyContext::List => "Document list",
            KeyContext::Reader => "Reader",
            KeyContext::Sidebar => "Sidebar",
            KeyContext::Popup => "Any popup",
            KeyContext::Help => "Help",
            KeyContext::Entities => "Entities tab",
            KeyContext::Selection => "Selection (after v)",
            KeyContext::Notes => "Notes tab",
        }
    }
}

/// One binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: KeyContext,
    /// The key sequence (more than one key for a chord such as `g g`).
    pub keys: Vec<Key>,
    /// What it does.
    pub action: Action,
    /// What the help says about it.
    pub description: String,
}

/// The outcome of feeding one key to [`Keymap::resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The keys so far complete a binding.
    Action(Action),
    /// The keys so far start one or more chords; wait for the next key.
    Pending,
    /// Nothing is bound to these keys.
    Unbound,
}

/// All bindings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::defaults()
    }
}

impl Keymap {
    /// The built-in bindings ([`defaults::DEFAULT_BINDINGS`]).
    pub fn defaults() -> Self {
        let bindings = defaults::DEFAULT_BINDINGS
            .iter()
            .filter_map(|&(context, keys, action, description)| {
                // The table is checked by a unit test, so a bad entry cannot ship.
                let keys = parse_keys(keys).ok()?;
                Some(Binding {
                    context,
                    keys,
                    action,
                    description: description.to_string(),
                })
            })
            .collect();
        Self { bindings }
    }

    /// An empty keymap.
    pub fn empty() -> Self {
        Self {
            bindings: Vec::new(),
        }
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `keys` in `context` to `action`, replacing any binding of the
    /// same keys there. The description defaults to the action's doc line in
    /// the default table, else its name.
    pub fn bind(
        &mut self,
        context: KeyContext,
        keys: Vec<Key>,
        action: Action,
        description: Option<String>,
    ) {
        let description = description.unwrap_or_else(|| {
            self.bindings
                .iter()
                .find(|b| b.action == action)
                .map(|b| b.description.clone())
                .unwrap_or_else(|| action.name())
        });
        self.unbind(context, &keys);
        self.bindings.push(Binding {
            context,
            keys,
            action,
            description,
        });
    }

    /// Sets the help description of every binding of `action`.
    pub fn describe(&mut self, action: Action, description: &str) {
        for b in self.bindings.iter_mut().filter(|b| b.action == action) {
            b.description = description.to_string();
        }
    }

    /// Removes the binding of `keys` in `context`, if any.
    pub fn unbind(&mut self, context: KeyContext, keys: &[Key]) {
        self.bindings
            .retain(|b| !(b.context == context && b.keys == keys));
    }

    /// The bindings of `action` in `context`.
    pub fn keys_for(&self, context: KeyContext, action: Action) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.context == context && b.action == action)
    }

    /// Resolves `keys` (the pending keys plus the new one) in the given
    /// contexts, most specific first. The first context that binds the
    /// sequence, or a chord starting with it, decides.
    pub fn resolve(&self, contexts: &[KeyContext], keys: &[Key]) -> Resolved {
        if keys.is_empty() {
            return Resolved::Unbound;
        }
        for &ctx in contexts {
            let mut prefix = false;
            for b in self.bindings.iter().filter(|b| b.context == ctx) {
                if b.keys == keys {
                    return Resolved::Action(b.action);
                }
                if b.keys.len() > keys.len() && b.keys.starts_with(keys) {
                    prefix = true;
                }
            }
            if prefix {
                return Resolved::Pending;
            }
        }
        Resolved::Unbound
    }

    /// The chords that could complete `pending` in `contexts`, for the
    /// status-bar hint: `(rest of the keys, description)`.
    pub fn continuations(&self, contexts: &[KeyContext], pending: &[Key]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for &ctx in contexts {
            for b in self.bindings.iter().filter(|b| b.context == ctx) {
                if b.keys.len() > pending.len() && b.keys.starts_with(pending) {
                    let rest = format_keys(&b.keys[pending.len()..]);
                    if !out.iter().any(|(k, _)| *k == rest) {
                        out.push((rest, b.description.clone()));
                    }
                }
            }
        }
        out
    }

    /// Rows for the help popup and the README: per context, each action
    /// with all its key sequences joined (`j, <Down>`), in table order.
    pub fn help_rows(&self) -> Vec<HelpRow> {
        let mut rows: Vec<HelpRow> = Vec::new();
        for ctx in KeyContext::ALL {
            for b in self.bindings.iter().filter(|b| b.context == ctx) {
                let keys = format_keys(&b.keys);
                match rows
                    .iter_mut()
                    .find(|r| r.context == ctx && r.action == b.action)
                {
                    Some(r) => r.keys.push(keys),
                    None => rows.push(HelpRow {
                        context: ctx,
                        keys: vec![keys],
                        action: b.action,
                        description: b.description.clone(),
                    }),
                }
            }
        }
        rows
    }

    /// The README key table (Markdown), generated from [`Keymap::help_rows`].
    pub fn markdown_table(&self) -> String {
        let mut s = String::from("| Where | Keys | Action | What it does |\n|---|---|---|---|\n");
        for r in self.help_rows() {
            let keys = r
                .keys
                .iter()
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!(
                "| {} | {} | `{}` | {} |\n",
                r.context.title(),
                keys,
                r.action.name(),
                r.description
            ));
        }
        s
    }
}

/// One line of the help: an action in a context with all its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The context.
    pub context: KeyContext,
    /// Each key sequence in notation.
    pub keys: Vec<String>,
    /// The action.
    pub action: Action,
    /// Its description.
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Vec<Key> {
        parse_keys(s).unwrap()
    }

    #[test]
    fn default_table_parses() {
        for (_, keys, _, _) in defaults::DEFAULT_BINDINGS {
            assert!(parse_keys(keys).is_ok(), "{keys}");
        }
        assert_eq!(
            Keymap::defaults().bindings().len(),
            defaults::DEFAULT_BINDINGS.len()
        );
    }

    #[test]
    fn no_duplicate_or_shadowed_defaults() {
        let km = Keymap::defaults();
        for (i, a) in km.bindings().iter().enumerate() {
            for b in &km.bindings()[i + 1..] {
                if a.context == b.context {
                    assert_ne!(a.keys, b.keys, "duplicate {:?}", a);
                    assert!(
                        !b.keys.starts_with(&a.keys) && !a.keys.starts_with(&b.keys),
                        "{a:?} shadows {b:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn chords_resolve_through_pending() {
        let km = Keymap::defaults();
        let ctx = [KeyContext::Reader, KeyContext::Global];
        assert_eq!(km.resolve(&ctx, &k("g")), Resolved::Pending);
        assert_eq!(km.resolve(&ctx, &k("g g")), Resolved::Action(Action::GoTop));
        assert_eq!(km.resolve(&ctx, &k("g x")), Resolved::Unbound);
        assert_eq!(
            km.resolve(&ctx, &k("j")),
            Resolved::Action(Action::MoveDown)
        );
        assert_eq!(km.continuations(&ctx, &k("g"))[0].0, "g");
    }

    #[test]
    fn specific_context_wins_and_overrides_replace() {
        let mut km = Keymap::defaults();
        let help = [KeyContext::Help, KeyContext::Popup, KeyContext::Global];
        assert_eq!(
            km.resolve(&help, &k("q")),
            Resolved::Action(Action::ClosePopup)
        );
        km.bind(KeyContext::Reader, k("<C-n>"), Action::MoveDown, None);
        km.bind(KeyContext::Reader, k("j"), Action::PageDown, None);
        let reader = [KeyContext::Reader, KeyContext::Global];
        assert_eq!(
            km.resolve(&reader, &k("<C-n>")),
            Resolved::Action(Action::MoveDown)
        );
        assert_eq!(
            km.resolve(&reader, &k("j")),
            Resolved::Action(Action::PageDown)
        );
        km.unbind(KeyContext::Reader, &k("j"));
        assert_eq!(
            km.resolve(&reader, &k("j")),
            Resolved::Action(Action::MoveDown)
        );
    }

    #[test]
    fn help_rows_group_keys() {
        let rows = Keymap::defaults().help_rows();
        let down = rows.iter().find(|r| r.action == Action::MoveDown).unwrap();
        assert_eq!(down.keys, vec!["j", "<Down>"]);
        assert!(Keymap::defaults().markdown_table().contains("`g g`"));
    }
}
