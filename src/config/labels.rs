//! `[labels]`: the nine annotation labels (keys 1–9 when marking), each with
//! a name and a highlight colour.

use ratatui::style::{Color, Style};
use serde::Deserialize;

use super::style::{color_name, parse_color, ColorSpec};

/// One label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Name stored in annotations (`claim`, `quote`, …).
    pub name: String,
    /// Highlight colour.
    pub color: Color,
}

impl Label {
    /// The reader highlight for this label: dark text on the label colour.
    pub fn style(&self) -> Style {
        Style::new().bg(self.color).fg(Color::Rgb(0x1c, 0x1c, 0x1c))
    }
}

/// Built-in labels: name and colour (Zotero's highlight palette, which
/// reads on dark and light backgrounds).
pub const DEFAULT_LABELS: [(&str, &str); 9] = [
    ("highlight", "#ffd400"),
    ("claim", "#ff6666"),
    ("quote", "#5fb236"),
    ("person", "#2ea8e5"),
    ("place", "#a28ae5"),
    ("organization", "#e56eee"),
    ("date", "#f19837"),
    ("question", "#aaaaaa"),
    ("other", "#c0a080"),
];

/// One `[labels.N]` table; either field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelConfig {
    /// Name.
    pub name: Option<String>,
    /// Colour (`"#rrggbb"` or an ANSI name).
    pub color: Option<ColorSpec>,
}

/// `[labels]`: tables `1` to `9`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelsConfig {
    /// Label 1.
    #[serde(rename = "1")]
    pub l1: Option<LabelConfig>,
    /// Label 2.
    #[serde(rename = "2")]
    pub l2: Option<LabelConfig>,
    /// Label 3.
    #[serde(rename = "3")]
    pub l3: Option<LabelConfig>,
    /// Label 4.
    #[serde(rename = "4")]
    pub l4: Option<LabelConfig>,
    /// Label 5.
    #[serde(rename = "5")]
    pub l5: Option<LabelConfig>,
    /// Label 6.
    #[serde(rename = "6")]
    pub l6: Option<LabelConfig>,
    /// Label 7.
    #[serde(rename = "7")]
    pub l7: Option<LabelConfig>,
    /// Label 8.
    #[serde(rename = "8")]
    pub l8: Option<LabelConfig>,
    /// Label 9.
    #[serde(rename = "9")]
    pub l9: Option<LabelConfig>,
}

impl LabelsConfig {
    /// The nine labels: defaults with the config's changes.
    pub fn resolve(&self) -> Vec<Label> {
        let slots = [
            &self.l1, &self.l2, &self.l3, &self.l4, &self.l5, &self.l6, &self.l7, &self.l8,
            &self.l9,
        ];
        DEFAULT_LABELS
            .iter()
            .zip(slots)
            .map(|(&(name, color), cfg)| {
                let cfg = cfg.clone().unwrap_or_default();
                Label {
                    name: cfg.name.unwrap_or_else(|| name.to_string()),
                    color: cfg
                        .color
                        .map(|c| c.0)
                        .unwrap_or_else(|| parse_color(color).unwrap_or(Color::Reset)),
                }
            })
            .collect()
    }
}

/// The `[labels]` section of the default file.
pub fn default_section() -> String {
    let mut out = String::from(
        "# Annotation labels: press 1–9 while marking. Each has a name (stored in\n\
         # the annotation) and a highlight colour.\n",
    );
    for (i, (name, color)) in DEFAULT_LABELS.iter().enumerate() {
        let c = parse_color(color).map(color_name).unwrap_or_default();
        out.push_str(&format!(
            "[labels.{}]\nname = \"{name}\"\ncolor = \"{c}\"\n",
            i + 1
        ));
    }
    out
}
