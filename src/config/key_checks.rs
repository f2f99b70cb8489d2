//! Conflicts between the config's `[keys.*]` entries and the keymap they
//! produce.
//!
//! - **Error** (qari does not start): two entries of one section that are the
//!   same key written two ways (`"<C-n>"`, `"<c-n>"`), or, within one
//!   context, a key that is both bound and the start of a chord (`"g"` while
//!   `"g g"` is bound there): the chord could never be typed.
//! - **Warning** (qari starts; `qari config` and `qari keys` print it, the
//!   TUI shows it in the status bar and logs it): a user binding in one
//!   context and a chord in a context consulted after it (`[keys.reader]
//!   "g"` hides the global `g g` while the reader has focus). Same keys in
//!   both is the ordinary override and is not reported.

use std::ops::Range;

use super::{error::line_col, ConfigError, LoadedConfig};
use crate::action::Action;
use crate::keymap::{format_keys, Key, KeyContext, Keymap};

/// One `[keys.CONTEXT]` entry as read from the file.
#[derive(Debug, Clone)]
pub struct UserBinding {
    /// Its section.
    pub context: KeyContext,
    /// The keys, parsed.
    pub keys: Vec<Key>,
    /// The action, `None` for `"none"`.
    pub action: Option<Action>,
    /// Byte span of the key in the file.
    pub span: Range<usize>,
}

/// Contexts looked up after `ctx` when it is the most specific one (the
/// order of `App::key_contexts`).
pub fn fallbacks(ctx: KeyContext) -> &'static [KeyContext] {
    use KeyContext::*;
    match ctx {
        Global => &[],
        List | Reader | Sidebar | Popup => &[Global],
        Help => &[Popup, Global],
        Selection => &[Reader, Global],
        Entities | Notes => &[Sidebar, Global],
    }
}

/// `a` is a proper prefix of `b` or the other way round.
fn overlaps(a: &[Key], b: &[Key]) -> bool {
    a != b && (a.starts_with(b) || b.starts_with(a))
}

fn describe(keys: &[Key], action: Action) -> String {
    format!("`{}` ({})", format_keys(keys), action.name())
}

fn section(ctx: KeyContext) -> String {
    format!("[keys.{}]", super::keys::context_name(ctx))
}

/// Checks `entries` (in file order) against `keymap`, the keymap after they
/// were applied. Returns the warnings, or the first error.
pub fn check(
    file: &LoadedConfig,
    entries: &[UserBinding],
    keymap: &Keymap,
) -> Result<Vec<String>, ConfigError> {
    for (i, e) in entries.iter().enumerate() {
        if let Some(first) = entries[..i]
            .iter()
            .find(|f| f.context == e.context && f.keys == e.keys)
        {
            let (line, _) = line_col(&file.source, first.span.start);
            let msg = format!(
                "`{}` is the same key as the entry on line {line}; one key has one action per context",
                format_keys(&e.keys)
            );
            return Err(file.error_at(e.span.clone(), &msg));
        }
    }
    let mut warnings = Vec::new();
    for e in entries.iter().filter(|e| e.action.is_some()) {
        let same = keymap
            .bindings()
            .iter()
            .find(|b| b.context == e.context && overlaps(&b.keys, &e.keys));
        if let Some(b) = same {
            let msg = if b.keys.len() > e.keys.len() {
                format!(
                    "`{}` is bound and also starts the chord {} in {}, which could then never be typed; \
                     remove the chord with `\"{}\" = \"none\"` or choose another key",
                    format_keys(&e.keys),
                    describe(&b.keys, b.action),
                    section(e.context),
                    format_keys(&b.keys),
                )
            } else {
                format!(
                    "the chord `{}` starts with {}, bound in {}, so it could never be typed; \
                     remove that with `\"{}\" = \"none\"` or choose another chord",
                    format_keys(&e.keys),
                    describe(&b.keys, b.action),
                    section(e.context),
                    format_keys(&b.keys),
                )
            };
            return Err(file.error_at(e.span.clone(), &msg));
        }
        for w in hidden_across_contexts(e, keymap) {
            warnings.push(file.error_at(e.span.clone(), &w).to_string());
        }
    }
    Ok(warnings)
}

/// Bindings that `e` hides, or that hide `e`, through the context lookup
/// order.
fn hidden_across_contexts(e: &UserBinding, keymap: &Keymap) -> Vec<String> {
    let mut out = Vec::new();
    for specific in KeyContext::ALL {
        for &general in fallbacks(specific) {
            let other = if specific == e.context {
                general
            } else if general == e.context {
                specific
            } else {
                continue;
            };
            for b in keymap
                .bindings()
                .iter()
                .filter(|b| b.context == other && overlaps(&b.keys, &e.keys))
            {
                let name = super::keys::context_name(specific);
                let msg = if other == general {
                    format!(
                        "`{}` in {} hides {} of {} while {name} keys apply",
                        format_keys(&e.keys),
                        section(specific),
                        describe(&b.keys, b.action),
                        section(general),
                    )
                } else {
                    format!(
                        "`{}` in {} is hidden by {} of {} while {name} keys apply",
                        format_keys(&e.keys),
                        section(general),
                        describe(&b.keys, b.action),
                        section(specific),
                    )
                };
                if !out.contains(&msg) {
                    out.push(msg);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::config::keys::apply_key_overrides;
    use crate::config::{parse, LoadedConfig};
    use crate::keymap::Keymap;

    fn apply(src: &str) -> Result<(Keymap, Vec<String>), String> {
        let file = LoadedConfig {
            config: parse(src, Path::new("k.toml")).unwrap(),
            path: Some(PathBuf::from("/c/k.toml")),
            source: src.to_string(),
        };
        let mut km = Keymap::defaults();
        let w = apply_key_overrides(&file, &mut km).map_err(|e| e.to_string())?;
        Ok((km, w))
    }

    #[test]
    fn defaults_have_no_conflicts() {
        let (km, w) = apply("").unwrap();
        assert_eq!(km, Keymap::defaults());
        assert!(w.is_empty());
    }

    #[test]
    fn a_key_that_hides_a_chord_in_its_context_is_an_error() {
        let e = apply("[keys.global]\n\n\"g\" = \"quit\"\n").unwrap_err();
        assert!(e.starts_with("/c/k.toml:3:1: key `keys.global.g`"), "{e}");
        assert!(
            e.contains("`g g` (go_top)") && e.contains("\"g g\" = \"none\""),
            "{e}"
        );
        // the way out the message gives works
        let (km, w) = apply("[keys.global]\n\"g\" = \"quit\"\n\"g g\" = \"none\"\n").unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert!(km
            .bindings()
            .iter()
            .all(|b| crate::keymap::format_keys(&b.keys) != "g g"));
        // a chord starting with a bound key: same error, the other way
        let e = apply("[keys.global]\n\"q x\" = \"go_top\"\n").unwrap_err();
        assert!(
            e.starts_with("/c/k.toml:2:1: key `keys.global.\"q x\"`"),
            "{e}"
        );
        assert!(e.contains("starts with `q` (quit)"), "{e}");
    }

    #[test]
    fn one_key_written_twice_is_an_error_naming_both_lines() {
        let e =
            apply("[keys.popup]\n\"<Esc>\" = \"quit\"\n\"<esc>\" = \"close_popup\"\n").unwrap_err();
        // the entry further down the file is the one reported
        assert!(
            e.starts_with("/c/k.toml:3:1: key `keys.popup.\"<esc>\"`"),
            "{e}"
        );
        assert!(e.contains("same key as the entry on line 2"), "{e}");
    }

    #[test]
    fn hiding_a_chord_of_another_context_is_a_warning() {
        let (km, w) = apply("[keys.reader]\n\"g\" = \"page_down\"\n").unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("/c/k.toml:2:1: key `keys.reader.g`"),
            "{}",
            w[0]
        );
        assert!(
            w[0].contains("hides `g g` (go_top) of [keys.global]"),
            "{}",
            w[0]
        );
        assert!(km
            .bindings()
            .iter()
            .any(|b| b.action == crate::action::Action::PageDown
                && crate::keymap::format_keys(&b.keys) == "g"));
        // a global chord hidden by a reader key
        let (_, w) = apply("[keys.global]\n\"d x\" = \"go_top\"\n").unwrap();
        assert!(
            w.iter()
                .any(|w| w.contains("is hidden by `d` (delete_annotation) of [keys.reader]")),
            "{w:?}"
        );
        // overriding the same keys is no conflict
        let (_, w) = apply("[keys.reader]\n\"j\" = \"page_down\"\n").unwrap();
        assert!(w.is_empty(), "{w:?}");
    }
}
