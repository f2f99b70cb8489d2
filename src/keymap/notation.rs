//! Key notation shared by the default table, config files, the help popup
//! and the tests: `j`, `G`, `g g` (a chord of two keys), `<C-f>`, `<S-Tab>`,
//! `<PageDown>`, `<Space>`, `<lt>` (a literal `<`).

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

/// One key press, normalised so that the same key compares equal however the
/// terminal reported it (a shifted letter is just the upper-case letter;
/// Shift-Tab is `BackTab` without the Shift flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt (Shift only for keys that have no shifted form).
    pub mods: KeyModifiers,
}

/// A key notation that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotationError {
    /// Nothing to parse.
    #[error("empty key sequence")]
    Empty,
    /// `<...>` with a name we do not know.
    #[error("unknown key name `{0}`")]
    UnknownKey(String),
    /// A `<` without its `>`.
    #[error("unclosed `<` in `{0}`")]
    Unclosed(String),
}

impl Key {
    /// A key with no modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// Builds a key from its parts and normalises it.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        match code {
            // The character already says whether Shift was held.
            KeyCode::Char(_) => Self {
                code,
                mods: mods - KeyModifiers::SHIFT,
            },
            KeyCode::BackTab => Self {
                code,
                mods: mods - KeyModifiers::SHIFT,
            },
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => Self {
                code: KeyCode::BackTab,
                mods: mods - KeyModifiers::SHIFT,
            },
            _ => Self { code, mods },
        }
    }

    /// The key as a crossterm event (what a terminal would send).
    pub fn to_event(self) -> KeyEvent {
        let mods = if self.code == KeyCode::BackTab {
            self.mods | KeyModifiers::SHIFT
        } else {
            self.mods
        };
        KeyEvent::new(self.code, mods)
    }
}

impl From<KeyEvent> for Key {
    fn from(ev: KeyEvent) -> Self {
        Key::new(ev.code, ev.modifiers)
    }
}

const NAMES: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("CR", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("BS", KeyCode::Backspace),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
];

/// Parses one key: a single character, or `<[C-][A-][S-]Name>`.
pub fn parse_key(token: &str) -> Result<Key, NotationError> {
    let Some(inner) = token.strip_prefix('<') else {
        let mut chars = token.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(Key::plain(KeyCode::Char(c))),
            (None, _) => Err(NotationError::Empty),
            _ => Err(NotationError::UnknownKey(token.to_string())),
        };
    };
    if inner.is_empty() {
        // A lone "<" is the character itself.
        return Ok(Key::plain(KeyCode::Char('<')));
    }
    let inner = inner
        .strip_suffix('>')
        .ok_or_else(|| NotationError::Unclosed(token.to_string()))?;
    let mut mods = KeyModifiers::NONE;
    let mut rest = inner;
    loop {
        let (flag, tail) = match rest.split_at_checked(2) {
            Some(("C-", t)) => (KeyModifiers::CONTROL, t),
            Some(("A-" | "M-", t)) => (KeyModifiers::ALT, t),
            Some(("S-", t)) => (KeyModifiers::SHIFT, t),
            _ => break,
        };
        if tail.is_empty() {
            break;
        }
        mods |= flag;
        rest = tail;
    }
    let code = if let Some((_, code)) = NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest)) {
        *code
    } else if let Some(n) = rest
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=24).contains(n))
    {
        KeyCode::F(n)
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => return Err(NotationError::UnknownKey(token.to_string())),
        }
    };
    Ok(Key::new(code, mods))
}

/// Parses a space-separated key sequence such as `"g g"` or `"j j <CR> ]"`.
pub fn parse_keys(s: &str) -> Result<Vec<Key>, NotationError> {
    let keys = s
        .split_whitespace()
        .map(parse_key)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(NotationError::Empty);
    }
    Ok(keys)
}

/// Formats a key sequence in the notation [`parse_keys`] reads.
pub fn format_keys(keys: &[Key]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn code_name(code: KeyCode) -> Option<String> {
    Some(match code {
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "BS".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Insert".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char('<') => "lt".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(_) => return None,
        other => format!("{other:?}"),
    })
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut prefix = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            prefix.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            prefix.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            prefix.push_str("S-");
        }
        match (code_name(self.code), self.code) {
            (None, KeyCode::Char(c)) if prefix.is_empty() => write!(f, "{c}"),
            (None, KeyCode::Char(c)) => write!(f, "<{prefix}{c}>"),
            (Some(name), _) => write!(f, "<{prefix}{name}>"),
            (None, _) => write!(f, "<{prefix}?>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "j",
            "G",
            "g g",
            "<C-f>",
            "<S-Tab>",
            "<PageDown>",
            "<Space>",
            "<lt>",
            "<Enter>",
            "?",
            "[",
            "ن",
            "<C-c>",
            "<F5>",
            "<A-x>",
            "<Esc>",
        ] {
            let keys = parse_keys(s).unwrap();
            assert_eq!(format_keys(&keys), s, "{s}");
        }
    }

    #[test]
    fn aliases_and_normalisation() {
        assert_eq!(parse_key("<CR>").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(
            parse_key("<space>").unwrap(),
            Key::plain(KeyCode::Char(' '))
        );
        assert_eq!(
            Key::from(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            parse_key("G").unwrap()
        );
        assert_eq!(
            Key::from(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            parse_key("<S-Tab>").unwrap()
        );
        assert_eq!(
            Key::from(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            parse_key("<C-c>").unwrap()
        );
    }

    #[test]
    fn errors() {
        assert_eq!(parse_keys("  "), Err(NotationError::Empty));
        assert!(matches!(
            parse_key("<Nope>"),
            Err(NotationError::UnknownKey(_))
        ));
        assert!(matches!(parse_key("<C-f"), Err(NotationError::Unclosed(_))));
        assert!(matches!(parse_key("ab"), Err(NotationError::UnknownKey(_))));
    }
}
