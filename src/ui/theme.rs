//! Named styles. Widgets take every colour from a [`Theme`] so that a config
//! file (and `NO_COLOR`) can replace them in one place.

use ratatui::style::{Color, Modifier, Style};

/// The styles the UI draws with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Border of an unfocused pane.
    pub border: Style,
    /// Border and title of the focused pane.
    pub border_focused: Style,
    /// Pane titles.
    pub title: Style,
    /// Ordinary text.
    pub text: Style,
    /// Secondary text (dates, sources, labels).
    pub dim: Style,
    /// The selected list row.
    pub selected: Style,
    /// The document open in the reader, in the list.
    pub open_marker: Style,
    /// The status bar.
    pub status: Style,
    /// The mode badge in the status bar.
    pub mode: Style,
    /// Warnings (skipped files).
    pub warning: Style,
    /// Keys in the help popup and hints.
    pub key: Style,
    /// Section headings (help, sidebar).
    pub heading: Style,
    /// The active sidebar tab.
    pub tab_active: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            selected: Style::new().bg(Color::Blue).fg(Color::White),
            open_marker: Style::new().fg(Color::Cyan),
            status: Style::new().bg(Color::Black).fg(Color::Gray),
            mode: Style::new()
                .bg(Color::Cyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            tab_active: Style::new()
                .add_modifier(Modifier::BOLD)
                .add_modifier(Modifier::UNDERLINED),
        }
    }
}
