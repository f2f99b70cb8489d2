//! Labels applied with the keys `1`–`9`, each with a colour. The defaults
//! are for news analysis; the set can be replaced (config).

use ratatui::style::{Color, Modifier, Style};

/// A label and its colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDef {
    /// The label's name (stored in annotations).
    pub name: String,
    /// Background colour of annotated passages.
    pub color: Color,
}

/// The default labels, in key order (`1` = claim ... `9` = disputed).
pub const DEFAULT_LABELS: [(&str, Color); 9] = [
    ("claim", Color::Yellow),
    ("quote", Color::Cyan),
    ("evidence", Color::Green),
    ("person", Color::Magenta),
    ("place", Color::Blue),
    ("date", Color::LightRed),
    ("question", Color::LightYellow),
    ("important", Color::Red),
    ("disputed", Color::LightMagenta),
];

/// Colour for labels that are not in the set.
pub const OTHER_COLOR: Color = Color::Gray;

/// The label set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Labels in key order.
    pub defs: Vec<LabelDef>,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            defs: DEFAULT_LABELS
                .iter()
                .map(|(n, c)| LabelDef {
                    name: n.to_string(),
                    color: *c,
                })
                .collect(),
        }
    }
}

impl Labels {
    /// A label set from `(name, colour)` pairs in key order (from the config).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, Color)>) -> Self {
        Labels {
            defs: pairs
                .into_iter()
                .map(|(name, color)| LabelDef { name, color })
                .collect(),
        }
    }

    /// The label on key `n` (1-based).
    pub fn by_key(&self, n: usize) -> Option<&LabelDef> {
        n.checked_sub(1).and_then(|i| self.defs.get(i))
    }

    /// The colour of `label`.
    pub fn color(&self, label: &str) -> Color {
        self.defs
            .iter()
            .find(|d| d.name == label)
            .map_or(OTHER_COLOR, |d| d.color)
    }

    /// The reader style of a passage with `label`: its colour as background
    /// with dark text, underlined so it stays visible without colours.
    pub fn style(&self, label: &str) -> Style {
        Style::new()
            .bg(self.color(label))
            .fg(Color::Black)
            .add_modifier(Modifier::UNDERLINED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_colours() {
        let l = Labels::default();
        assert_eq!(l.by_key(1).unwrap().name, "claim");
        assert_eq!(l.by_key(9).unwrap().name, "disputed");
        assert!(l.by_key(0).is_none() && l.by_key(10).is_none());
        assert_eq!(l.color("place"), Color::Blue);
        assert_eq!(l.color("unknown"), OTHER_COLOR);
        assert_eq!(l.style("claim").bg, Some(Color::Yellow));
    }
}
