//! `[labels]`: the nine annotation labels (keys 1–9 when marking), each with
//! a name and a highlight colour.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::style::{color_name, ColorSpec};
use crate::annotations::labels::{LabelDef, DEFAULT_LABELS};

/// One label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Name stored in annotations (`claim`, `quote`, …).
    pub name: String,
    /// Highlight colour.
    pub color: Color,
}

impl Label {
    /// The reader highlight for this label: dark (not black) text on the
    /// label colour, underlined so it stays visible without colours.
    pub fn style(&self) -> Style {
        Style::new()
            .bg(self.color)
            .fg(Color::Rgb(0x1c, 0x1c, 0x1c))
            .add_modifier(Modifier::UNDERLINED)
    }
}

/// The highlight styles of the default labels.
pub fn default_label_styles() -> [Style; 9] {
    DEFAULT_LABELS.map(|(name, color)| {
        Label {
            name: name.to_string(),
            color,
        }
        .style()
    })
}

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
                    color: cfg.color.map_or(color, |c| c.0),
                }
            })
            .collect()
    }
}

/// The labels as the annotation code holds them.
pub fn label_defs(labels: &[Label]) -> Vec<LabelDef> {
    labels
        .iter()
        .map(|l| LabelDef {
            name: l.name.clone(),
            color: l.color,
        })
        .collect()
}

/// The `[labels]` section of the default file.
pub fn default_section() -> String {
    let mut out = String::from(
        "# Annotation labels: press 1–9 while marking. Each has a name (stored in\n\
         # the annotation) and a highlight colour.\n",
    );
    for (i, (name, color)) in DEFAULT_LABELS.iter().enumerate() {
        let c = color_name(*color);
        out.push_str(&format!(
            "[labels.{}]\nname = \"{name}\"\ncolor = \"{c}\"\n",
            i + 1
        ));
    }
    out
}
