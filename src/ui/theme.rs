//! The named styles the UI draws with ([`Theme`]), their defaults, and the
//! `[theme]` config section that overrides them.
//!
//! To add a style: one row in the `theme_styles!` table below (field, default
//! in config notation, fallback modifier under `NO_COLOR`, doc line). It then
//! appears in `Theme`, in `[theme]`, in `qari config --default` and in the
//! README's config reference.
//!
//! One table ([`theme_styles!`]) declares each style once: its field, its
//! default in config notation, its fallback modifier under `NO_COLOR`, and its
//! doc line. The struct, the config section, the commented default file and
//! the README's config reference all come from it.
//!
//! The defaults read on dark and light backgrounds alike: no pure white or
//! black text, mid-tone accents, and reverse/bold for the selection.

use ratatui::style::{Modifier, Style};
use serde::Deserialize;

use crate::config::style::{adapt, ColorSupport, StyleSpec};

macro_rules! theme_styles {
    ($( $(#[doc = $doc:literal])+ $field:ident = $default:literal, $fallback:expr; )+) => {
        /// The styles the UI draws with. Widgets take every colour from here,
        /// so a config file and `NO_COLOR` change them in one place.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            $( $(#[doc = $doc])+ pub $field: Style, )+
            /// Annotation label colours 1–9 (from `[labels]`), as highlight styles.
            pub labels: [Style; 9],
        }

        /// The `[theme]` section: any subset of the named styles.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ThemeConfig {
            $( $(#[doc = $doc])+ pub $field: Option<StyleSpec>, )+
        }

        impl Theme {
            /// `(name, default in config notation, doc)` of every named style.
            pub const STYLES: &'static [(&'static str, &'static str, &'static str)] = &[
                $( (stringify!($field), $default, concat!($($doc),+)), )+
            ];

            /// The built-in theme, at full colour.
            pub fn builtin() -> Self {
                Self {
                    $( $field: parse_default($default), )+
                    labels: crate::config::labels::default_label_styles(),
                }
            }

            /// Applies the styles set in `cfg`.
            pub fn apply(&mut self, cfg: &ThemeConfig) {
                $( if let Some(s) = cfg.$field { self.$field = s.0; } )+
            }

            /// The theme as the terminal can show it (nearest ANSI colours, or
            /// no colour at all with modifiers instead).
            pub fn adapted(&self, support: ColorSupport) -> Self {
                Self {
                    $( $field: adapt(self.$field, support, $fallback), )+
                    labels: self.labels.map(|s| adapt(s, support, Modifier::UNDERLINED)),
                }
            }

            /// Every style with its name (for tests and debugging).
            pub fn named(&self) -> Vec<(&'static str, Style)> {
                let mut v = vec![ $( (stringify!($field), self.$field), )+ ];
                v.extend(self.labels.iter().map(|s| ("label", *s)));
                v
            }
        }
    };
}

/// Parses a built-in default; the table is checked by a unit test, so a bad
/// entry cannot ship (it would fall back to the plain style).
fn parse_default(s: &str) -> Style {
    s.parse::<StyleSpec>().map(|s| s.0).unwrap_or_default()
}

theme_styles! {
    /// Ordinary text.
    text = "none", Modifier::empty();
    /// Secondary text: dates, sources, counts.
    dim = "#8a8a8a", Modifier::DIM;
    /// Border of an unfocused pane.
    border = "#7f7f7f", Modifier::empty();
    /// Border of the focused pane.
    border_focused = "#2aa1b3 bold", Modifier::BOLD;
    /// Pane titles.
    title = "bold", Modifier::BOLD;
    /// The selected row of a list.
    selected = "reverse bold", Modifier::REVERSED;
    /// Marks the document open in the reader, in the list.
    open_marker = "#2aa1b3", Modifier::BOLD;
    /// The status bar.
    status = "reverse", Modifier::REVERSED;
    /// The mode badge at the left of the status bar.
    mode = "#1c1c1c on #5fafd7 bold", Modifier::BOLD;
    /// Warnings and errors in the status bar.
    warning = "#d7875f bold", Modifier::BOLD;
    /// Key names in the help popup and in hints.
    key = "#2aa1b3 bold", Modifier::BOLD;
    /// Section headings (help, sidebar).
    heading = "#b26fc1 bold", Modifier::BOLD;
    /// The active sidebar tab.
    tab_active = "bold underline", Modifier::UNDERLINED;
    /// Search matches in the reader and in result lists.
    search_hit = "#1c1c1c on #e5c07b", Modifier::REVERSED;
    /// The current search match.
    search_current = "#1c1c1c on #f0883e bold", Modifier::REVERSED;
    /// Mentions of people (no colour: bold; the chosen entity is reversed).
    entity_person = "#4f9fe0", Modifier::BOLD;
    /// Mentions of places (no colour: underlined).
    entity_place = "#4fa34f", Modifier::UNDERLINED;
    /// Mentions of organisations (no colour: bold underlined).
    entity_organization = "#b26fc1", Modifier::BOLD.union(Modifier::UNDERLINED);
    /// Dates (no colour: italic).
    entity_date = "#c8863c", Modifier::ITALIC;
    /// The text selected for annotating.
    selection = "reverse", Modifier::REVERSED;
    /// The sentence under the reading cursor.
    cursor_sentence = "underline", Modifier::UNDERLINED;
    /// Annotations whose label is not one of the nine in `[labels]`.
    label_other = "#1c1c1c on #aaaaaa underline", Modifier::UNDERLINED;
}

impl Theme {
    /// The highlight of an annotation with label number `index` (0-based,
    /// from `[labels]`), or [`Theme::label_other`] for other labels.
    pub fn label_style(&self, index: Option<usize>) -> Style {
        index
            .and_then(|i| self.labels.get(i))
            .copied()
            .unwrap_or(self.label_other)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::builtin()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::Color;

    use super::*;

    #[test]
    fn every_default_parses() {
        for (name, spec, _) in Theme::STYLES {
            assert!(spec.parse::<StyleSpec>().is_ok(), "{name} = {spec}");
        }
    }

    #[test]
    fn defaults_avoid_pure_white_and_black_text() {
        for (name, style) in Theme::builtin().named() {
            for c in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(
                        c,
                        Color::White
                            | Color::Black
                            | Color::Rgb(0, 0, 0)
                            | Color::Rgb(255, 255, 255)
                    ),
                    "{name}"
                );
            }
        }
        assert!(Theme::builtin()
            .selected
            .add_modifier
            .contains(Modifier::REVERSED));
    }

    #[test]
    fn no_color_theme_has_no_colour_and_keeps_highlights_visible() {
        let t = Theme::builtin().adapted(ColorSupport::NoColor);
        for (name, style) in t.named() {
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
        assert!(t.search_hit.add_modifier.contains(Modifier::REVERSED));
        // Each entity type keeps an attribute set of its own.
        let kinds = [
            t.entity_person.add_modifier,
            t.entity_place.add_modifier,
            t.entity_organization.add_modifier,
            t.entity_date.add_modifier,
        ];
        for (i, a) in kinds.iter().enumerate() {
            assert!(!a.is_empty() && !a.contains(Modifier::REVERSED), "{a:?}");
            assert!(kinds[i + 1..].iter().all(|b| b != a), "{kinds:?}");
        }
        assert!(t.border_focused.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn ansi16_theme_has_only_ansi_colours() {
        let t = Theme::builtin().adapted(ColorSupport::Ansi16);
        for (name, style) in t.named() {
            for c in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{name}: {c:?}"
                );
            }
        }
        // Each entity type keeps a colour of its own.
        let kinds = [
            t.entity_person.fg,
            t.entity_place.fg,
            t.entity_organization.fg,
            t.entity_date.fg,
        ];
        for (i, a) in kinds.iter().enumerate() {
            assert!(
                !matches!(a, Some(Color::DarkGray | Color::Gray) | None),
                "{a:?}"
            );
            assert!(kinds[i + 1..].iter().all(|b| b != a), "{kinds:?}");
        }
    }

    #[test]
    fn config_overrides_one_style() {
        let cfg: ThemeConfig = toml::from_str("selected = \"#ff0000 on #000080\"").unwrap();
        let mut t = Theme::builtin();
        t.apply(&cfg);
        assert_eq!(t.selected.fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(t.border, Theme::builtin().border);
    }
}
