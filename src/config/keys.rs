//! `[keys.*]`: user bindings on top of the default keymap. Each entry is
//! checked (key notation, action name) and a bad one is reported at its line.

use serde::de::IntoDeserializer;
use serde::Deserialize;

use super::key_checks::{check, UserBinding};
use super::{ConfigError, LoadedConfig};
use crate::action::Action;
use crate::keymap::{defaults::DEFAULT_BINDINGS, parse_keys, KeyContext, Keymap};

/// The action name that removes a binding.
pub const UNBIND: &str = "none";

/// The config name of a context (`global`, `list`, …).
pub fn context_name(ctx: KeyContext) -> String {
    serde_json::to_value(ctx)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The context of a `[keys.NAME]` section.
fn context(section: &str) -> Option<KeyContext> {
    KeyContext::ALL
        .into_iter()
        .find(|c| context_name(*c) == section)
}

/// Parses an action name as written in config files (`move_down`).
pub fn parse_action(name: &str) -> Option<Action> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    Action::deserialize(de).ok()
}

/// Every action name the default table uses, for "did you mean".
fn known_actions() -> Vec<String> {
    let mut names: Vec<String> = DEFAULT_BINDINGS.iter().map(|b| b.2.name()).collect();
    names.sort();
    names.dedup();
    names
}

/// Edit distance, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn unknown_action_message(name: &str) -> String {
    let mut msg = format!("unknown action `{name}`");
    let best = known_actions()
        .into_iter()
        .map(|n| (distance(name, &n), n))
        .min();
    if let Some((_, n)) = best.filter(|(d, n)| *d <= 3.max(n.len() / 3)) {
        msg.push_str(&format!(" (did you mean `{n}`?)"));
    }
    msg.push_str("; `qari keys --defaults` lists the actions, `none` removes a binding");
    msg
}

/// Applies the file's `[keys.*]` sections to `keymap`: each entry binds its
/// keys in that context (replacing a binding of the same keys there), or
/// with `"none"` removes it. Nothing is applied if any entry is bad or the
/// result has a conflict ([`key_checks`](super::key_checks)); returns the
/// warnings otherwise.
pub fn apply_key_overrides(
    file: &LoadedConfig,
    keymap: &mut Keymap,
) -> Result<Vec<String>, ConfigError> {
    let mut changes = Vec::new();
    for (section, table) in &file.config.keys {
        let Some(ctx) = context(section.get_ref()) else {
            let names: Vec<String> = KeyContext::ALL.into_iter().map(context_name).collect();
            let msg = format!(
                "unknown key context `{}` (expected one of {})",
                section.get_ref(),
                names.join(", ")
            );
            return Err(file.error_at(section.span(), &msg));
        };
        for (keys, action) in table {
            let parsed = parse_keys(keys.get_ref())
                .map_err(|e| file.error_at(keys.span(), &format!("bad key notation: {e}")))?;
            let name = action.get_ref().trim();
            let act =
                if name == UNBIND {
                    None
                } else {
                    Some(parse_action(name).ok_or_else(|| {
                        file.error_at(action.span(), &unknown_action_message(name))
                    })?)
                };
            changes.push(UserBinding {
                context: ctx,
                keys: parsed,
                action: act,
                span: keys.span(),
            });
        }
    }
    changes.sort_by_key(|c| c.span.start);
    let mut result = keymap.clone();
    for c in &changes {
        match c.action {
            Some(a) => result.bind(c.context, c.keys.clone(), a, None),
            None => result.unbind(c.context, &c.keys),
        }
    }
    let warnings = check(file, &changes, &result)?;
    *keymap = result;
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::config::parse;
    use crate::keymap::Resolved;

    fn loaded(src: &str) -> LoadedConfig {
        LoadedConfig {
            config: parse(src, Path::new("k.toml")).unwrap(),
            path: Some(PathBuf::from("/c/k.toml")),
            source: src.to_string(),
        }
    }

    fn apply(src: &str) -> Result<Keymap, String> {
        let mut km = Keymap::defaults();
        apply_key_overrides(&loaded(src), &mut km).map_err(|e| e.to_string())?;
        Ok(km)
    }

    fn k(s: &str) -> Vec<crate::keymap::Key> {
        parse_keys(s).unwrap()
    }

    #[test]
    fn user_bindings_add_replace_and_remove() {
        let km = apply(
            "[keys.reader]\n\"<C-n>\" = \"move_down\"\n\"j\" = \"page_down\"\n[keys.global]\n\"q\" = \"none\"\n\"g t\" = \"go_top\"\n",
        )
        .unwrap();
        let reader = [KeyContext::Reader, KeyContext::Global];
        assert_eq!(
            km.resolve(&reader, &k("<C-n>")),
            Resolved::Action(Action::MoveDown)
        );
        assert_eq!(
            km.resolve(&reader, &k("j")),
            Resolved::Action(Action::PageDown)
        );
        assert_eq!(km.resolve(&reader, &k("q")), Resolved::Unbound);
        assert_eq!(
            km.resolve(&reader, &k("<C-c>")),
            Resolved::Action(Action::Quit)
        );
        assert_eq!(
            km.resolve(&reader, &k("g t")),
            Resolved::Action(Action::GoTop)
        );
        // The list still has the default j.
        let list = [KeyContext::List, KeyContext::Global];
        assert_eq!(
            km.resolve(&list, &k("j")),
            Resolved::Action(Action::MoveDown)
        );
        // The help shows what is in force, with the action's description.
        let rows = km.help_rows();
        let pd = rows
            .iter()
            .find(|r| r.context == KeyContext::Reader && r.action == Action::PageDown)
            .unwrap();
        assert_eq!(pd.keys, vec!["j"]);
        assert_eq!(pd.description, "Down one page");
        assert!(!rows
            .iter()
            .any(|r| r.context == KeyContext::Global && r.keys.contains(&"q".to_string())));
    }

    #[test]
    fn unknown_action_names_file_line_and_key() {
        let e = apply("[keys.list]\n\n\"x\" = \"mvoe_down\"\n").unwrap_err();
        assert!(e.starts_with("/c/k.toml:3:"), "{e}");
        assert!(e.contains("keys.list.x") && e.contains("mvoe_down"), "{e}");
        assert!(e.contains("did you mean `move_down`"), "{e}");
    }

    #[test]
    fn bad_key_notation_names_file_line_and_key() {
        let e = apply("[keys.sidebar]\n\"<C-nope>\" = \"quit\"\n").unwrap_err();
        assert!(e.starts_with("/c/k.toml:2:"), "{e}");
        assert!(
            e.contains("keys.sidebar.\"<C-nope>\"") && e.contains("bad key notation"),
            "{e}"
        );
    }

    #[test]
    fn a_bad_entry_applies_nothing() {
        let mut km = Keymap::defaults();
        let file = loaded("[keys.global]\n\"Z\" = \"quit\"\n[keys.reader]\n\"x\" = \"nope\"\n");
        assert!(apply_key_overrides(&file, &mut km).is_err());
        assert_eq!(km, Keymap::defaults());
    }

    #[test]
    fn unknown_context_names_file_line_and_key() {
        let e = apply("[keys.reader]\n\"x\" = \"quit\"\n[keys.raeder]\n\"x\" = \"quit\"\n")
            .unwrap_err();
        assert!(e.starts_with("/c/k.toml:3:"), "{e}");
        assert!(
            e.contains("keys.raeder") && e.contains("unknown key context"),
            "{e}"
        );
        assert!(apply("[keys.selection]\n\"x\" = \"cancel_selection\"\n").is_ok());
    }

    #[test]
    fn every_action_name_parses() {
        for (_, _, action, _) in DEFAULT_BINDINGS {
            assert_eq!(parse_action(&action.name()), Some(*action));
        }
        assert_eq!(parse_action("nope"), None);
    }
}
