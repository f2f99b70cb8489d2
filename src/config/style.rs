//! Style notation for `[theme]` and `[labels]`: colours (`"#rrggbb"`, ANSI
//! names, `"default"`), modifiers, and what the terminal can show (truecolour,
//! 16 colours, or none at all under `NO_COLOR`).
//!
//! A style is written as space-separated words: an optional foreground
//! colour, an optional `on <colour>` background, and modifiers, e.g.
//! `"#e5c07b on #3b3f4c bold"`, `"cyan"`, `"reverse"`.

use std::fmt;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

pub use super::palette::{to_ansi16, to_ansi256};
use serde::{Deserialize, Deserializer};

/// The 16 ANSI colour names accepted in config files (with xterm's RGB
/// values, for reference).
const ANSI16: [(&str, Color, (u8, u8, u8)); 16] = [
    ("black", Color::Black, (0, 0, 0)),
    ("red", Color::Red, (205, 0, 0)),
    ("green", Color::Green, (0, 205, 0)),
    ("yellow", Color::Yellow, (205, 205, 0)),
    ("blue", Color::Blue, (0, 0, 238)),
    ("magenta", Color::Magenta, (205, 0, 205)),
    ("cyan", Color::Cyan, (0, 205, 205)),
    ("gray", Color::Gray, (229, 229, 229)),
    ("darkgray", Color::DarkGray, (127, 127, 127)),
    ("lightred", Color::LightRed, (255, 0, 0)),
    ("lightgreen", Color::LightGreen, (0, 255, 0)),
    ("lightyellow", Color::LightYellow, (255, 255, 0)),
    ("lightblue", Color::LightBlue, (92, 92, 255)),
    ("lightmagenta", Color::LightMagenta, (255, 0, 255)),
    ("lightcyan", Color::LightCyan, (0, 255, 255)),
    ("white", Color::White, (255, 255, 255)),
];

/// Modifier names accepted in config files.
const MODIFIERS: [(&str, Modifier); 7] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("crossed", Modifier::CROSSED_OUT),
    ("blink", Modifier::SLOW_BLINK),
];

/// A bad colour or style word.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StyleError {
    /// Not `#rrggbb`, an ANSI name or `default`.
    #[error("bad colour `{0}` (use \"#rrggbb\", an ANSI name such as \"cyan\" or \"darkgray\", or \"default\")")]
    Colour(String),
    /// A word that is neither a colour nor a modifier.
    #[error("bad style word `{0}` (expected a colour, `on <colour>`, or one of bold, dim, italic, underline, reverse, crossed, blink)")]
    Word(String),
    /// `on` with nothing after it.
    #[error("`on` must be followed by a background colour")]
    MissingBackground,
}

/// Parses one colour: `#rrggbb`, `#rgb`, an ANSI name (case and `-`/`_`
/// ignored, `grey` accepted), or `default`/`reset` (the terminal's own).
pub fn parse_color(s: &str) -> Result<Color, StyleError> {
    let bad = || StyleError::Colour(s.to_string());
    if let Some(hex) = s.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        return match digits.as_slice() {
            [r, g, b] => Ok(Color::Rgb(r * 17, g * 17, b * 17)),
            [r1, r0, g1, g0, b1, b0] => Ok(Color::Rgb(r1 * 16 + r0, g1 * 16 + g0, b1 * 16 + b0)),
            _ => Err(bad()),
        };
    }
    let name: String = s
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .replace("grey", "gray");
    if name == "default" || name == "reset" {
        return Ok(Color::Reset);
    }
    ANSI16
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, c, _)| *c)
        .ok_or_else(bad)
}

/// The config-file name of a colour (`#rrggbb`, an ANSI name or `default`).
pub fn color_name(c: Color) -> String {
    match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Reset => "default".to_string(),
        other => ANSI16
            .iter()
            .find(|(_, c, _)| *c == other)
            .map(|(n, _, _)| n.to_string())
            .unwrap_or_else(|| format!("{other}").to_lowercase()),
    }
}

/// A style as written in a config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StyleSpec(pub Style);

impl FromStr for StyleSpec {
    type Err = StyleError;

    fn from_str(s: &str) -> Result<Self, StyleError> {
        let mut style = Style::new();
        let mut words = s.split_whitespace();
        while let Some(w) = words.next() {
            let lower = w.to_lowercase();
            if lower == "on" {
                let bg = words.next().ok_or(StyleError::MissingBackground)?;
                style = style.bg(parse_color(bg)?);
            } else if let Some((_, m)) = MODIFIERS.iter().find(|(n, _)| *n == lower) {
                style = style.add_modifier(*m);
            } else if lower == "none" || lower == "plain" {
                // An explicitly empty style.
            } else if style.fg.is_none() {
                style = style.fg(parse_color(w).map_err(|e| match e {
                    StyleError::Colour(_) if !w.starts_with('#') => StyleError::Word(w.to_string()),
                    e => e,
                })?);
            } else {
                return Err(StyleError::Word(w.to_string()));
            }
        }
        Ok(StyleSpec(style))
    }
}

impl fmt::Display for StyleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words = Vec::new();
        if let Some(fg) = self.0.fg {
            words.push(color_name(fg));
        }
        if let Some(bg) = self.0.bg {
            words.push(format!("on {}", color_name(bg)));
        }
        for (name, m) in MODIFIERS {
            if self.0.add_modifier.contains(m) {
                words.push(name.to_string());
            }
        }
        if words.is_empty() {
            words.push("none".to_string());
        }
        f.write_str(&words.join(" "))
    }
}

impl<'de> Deserialize<'de> for StyleSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A colour as written in a config file (`[labels]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorSpec(pub Color);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_color(&s)
            .map(ColorSpec)
            .map_err(serde::de::Error::custom)
    }
}

/// What colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSupport {
    /// 24-bit colour: RGB values pass through.
    TrueColor,
    /// The xterm 256-colour palette: RGB values map to the nearest entry.
    Ansi256,
    /// The 16 ANSI colours: RGB values map to the nearest one.
    Ansi16,
    /// No colour at all (`NO_COLOR`): highlights use bold, underline, reverse.
    NoColor,
}

impl ColorSupport {
    /// Detects support from the environment: `NO_COLOR` (any non-empty
    /// value) → none; `COLORTERM` = `truecolor`/`24bit` → truecolour;
    /// `TERM` containing `256color` (xterm-256color, tmux-256color,
    /// screen-256color) → 256 colours; else 16.
    pub fn detect() -> Self {
        Self::from_env(
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("COLORTERM").as_deref(),
            std::env::var_os("TERM").as_deref(),
        )
    }

    /// [`ColorSupport::detect`] on given values (for tests).
    pub fn from_env(
        no_color: Option<&std::ffi::OsStr>,
        colorterm: Option<&std::ffi::OsStr>,
        term: Option<&std::ffi::OsStr>,
    ) -> Self {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return Self::NoColor;
        }
        match colorterm.and_then(|v| v.to_str()) {
            Some(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => {
                Self::TrueColor
            }
            _ if term
                .and_then(|t| t.to_str())
                .is_some_and(|t| t.contains("256color")) =>
            {
                Self::Ansi256
            }
            _ => Self::Ansi16,
        }
    }
}

/// `style` as the terminal can show it. Under [`ColorSupport::NoColor`] the
/// colours are dropped and a style that had colour gets `fallback` (e.g.
/// reverse for a search hit) so highlights stay visible.
pub fn adapt(style: Style, support: ColorSupport, fallback: Modifier) -> Style {
    match support {
        ColorSupport::TrueColor => style,
        ColorSupport::Ansi256 => Style {
            fg: style.fg.map(to_ansi256),
            bg: style.bg.map(to_ansi256),
            underline_color: style.underline_color.map(to_ansi256),
            ..style
        },
        ColorSupport::Ansi16 => Style {
            fg: style.fg.map(to_ansi16),
            bg: style.bg.map(to_ansi16),
            underline_color: style.underline_color.map(to_ansi16),
            ..style
        },
        ColorSupport::NoColor => {
            let had_colour = style.fg.is_some() || style.bg.is_some();
            let mut plain = Style::new().add_modifier(style.add_modifier);
            plain.sub_modifier = style.sub_modifier;
            if had_colour {
                plain = plain.add_modifier(fallback);
            }
            plain
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_color("#ff8000"), Ok(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("#f80"), Ok(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_color("DarkGrey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("light_blue"), Ok(Color::LightBlue));
        assert_eq!(parse_color("default"), Ok(Color::Reset));
        assert!(parse_color("#12345").is_err());
        assert!(parse_color("#ggg").is_err());
        assert!(parse_color("purple").is_err());
        for name in ["#102030", "cyan", "lightmagenta", "default"] {
            assert_eq!(
                parse_color(&color_name(parse_color(name).unwrap())).unwrap(),
                parse_color(name).unwrap()
            );
        }
    }

    #[test]
    fn styles_round_trip() {
        let s: StyleSpec = "#e5c07b on #3b3f4c bold underline".parse().unwrap();
        assert_eq!(s.0.fg, Some(Color::Rgb(0xe5, 0xc0, 0x7b)));
        assert_eq!(s.0.bg, Some(Color::Rgb(0x3b, 0x3f, 0x4c)));
        assert_eq!(s.0.add_modifier, Modifier::BOLD | Modifier::UNDERLINED);
        assert_eq!(s.to_string().parse::<StyleSpec>().unwrap(), s);
        assert_eq!(
            "on red".parse::<StyleSpec>().unwrap().0,
            Style::new().bg(Color::Red)
        );
        assert_eq!("none".parse::<StyleSpec>().unwrap().0, Style::new());
        assert_eq!(
            "on".parse::<StyleSpec>(),
            Err(StyleError::MissingBackground)
        );
        assert_eq!(
            "red blue".parse::<StyleSpec>(),
            Err(StyleError::Word("blue".into()))
        );
        assert_eq!(
            "bolt".parse::<StyleSpec>(),
            Err(StyleError::Word("bolt".into()))
        );
    }

    #[test]
    fn detect_from_env() {
        use std::ffi::OsStr;
        let d = |n: Option<&str>, c: Option<&str>, t: Option<&str>| {
            ColorSupport::from_env(n.map(OsStr::new), c.map(OsStr::new), t.map(OsStr::new))
        };
        let xterm256 = Some("xterm-256color");
        assert_eq!(
            d(Some("1"), Some("truecolor"), xterm256),
            ColorSupport::NoColor
        );
        assert_eq!(
            d(Some(""), Some("truecolor"), None),
            ColorSupport::TrueColor
        );
        assert_eq!(d(None, Some("24bit"), xterm256), ColorSupport::TrueColor);
        assert_eq!(d(None, Some("yes"), None), ColorSupport::Ansi16);
        assert_eq!(d(None, None, None), ColorSupport::Ansi16);
        assert_eq!(d(None, None, Some("xterm")), ColorSupport::Ansi16);
        assert_eq!(d(None, None, xterm256), ColorSupport::Ansi256);
        assert_eq!(
            d(None, Some(""), Some("tmux-256color")),
            ColorSupport::Ansi256
        );
    }

    #[test]
    fn no_color_keeps_modifiers_and_adds_the_fallback() {
        let hit = Style::new().fg(Color::Black).bg(Color::Yellow);
        let plain = adapt(hit, ColorSupport::NoColor, Modifier::REVERSED);
        assert_eq!(plain, Style::new().add_modifier(Modifier::REVERSED));
        let key = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        let plain = adapt(key, ColorSupport::NoColor, Modifier::UNDERLINED);
        assert_eq!(plain.add_modifier, Modifier::BOLD | Modifier::UNDERLINED);
        // A style without colour is left alone.
        assert_eq!(
            adapt(Style::new(), ColorSupport::NoColor, Modifier::BOLD),
            Style::new()
        );
    }
}
