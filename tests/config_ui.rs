//! The config reaching the running app: key overrides, NO_COLOR, the
//! mirrored layout and the Arabic interface. Screens are written one
//! LRO…PDF-wrapped row per line (see tests/render.rs) so editors do not
//! reorder the Arabic again.

mod common;

use std::path::{Path, PathBuf};

use common::{app_sized, keys, screen_text};
use qari::action::Effect;
use qari::app::App;
use qari::config::{parse, LoadedConfig, Settings, SettingsArgs};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;

fn settings(src: &str) -> Settings {
    let file = LoadedConfig {
        config: parse(src, Path::new("t.toml")).unwrap(),
        path: Some(PathBuf::from("t.toml")),
        source: src.to_string(),
    };
    Settings::from_loaded(file, &SettingsArgs::default(), None, None, None).unwrap()
}

fn app_with(src: &str, w: u16, h: u16) -> App {
    let mut app = app_sized(w, h);
    app.apply_settings(&settings(src));
    app
}

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| qari::ui::render(f, app)).unwrap();
    t.backend().buffer().clone()
}

#[test]
fn config_key_bindings_drive_the_app_and_the_help() {
    let mut app = app_with(
        "[keys.global]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n[keys.list]\n\"n\" = \"move_down\"\n",
        120,
        40,
    );
    assert!(keys(&mut app, "q").is_empty(), "q was unbound");
    keys(&mut app, "n");
    assert_eq!(app.list.selected, 1);
    assert_eq!(keys(&mut app, "x"), vec![Effect::Quit]);
    keys(&mut app, "?");
    let help = screen_text(&buffer(&app, 120, 40));
    assert!(
        help.contains(" x ")
            || help.contains(" x,")
            || help.contains("x, <C-c>")
            || help.contains("<C-c>, x"),
        "{help}"
    );
    assert!(!help.contains(" q, <C-c>"), "{help}");
}

#[test]
fn no_color_leaves_no_colour_in_any_cell() {
    let screens = [
        "",
        "j j <Enter>",
        "?",
        "<Tab> <Tab>",
        "<Tab> v w",
        "<Tab> 1 ) 2",
        "<Tab> h",
        "<Tab> <Tab> l",
        "<Tab> <Tab> l l",
        "E",
        "p",
        "s",
        "<Tab> / a",
        "<Tab> a",
        "<Tab> e",
    ];
    for (seq, lang) in screens.iter().flat_map(|s| [(*s, "en"), (*s, "ar")]) {
        let cfg = format!("[display]\ncolors = \"none\"\nui_lang = \"{lang}\"\n");
        let mut app = app_with(&cfg, 100, 30);
        if !seq.is_empty() {
            keys(&mut app, seq);
        }
        let buf = buffer(&app, 100, 30);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "after {seq:?}: {cell:?}");
            assert_eq!(cell.bg, Color::Reset, "after {seq:?}: {cell:?}");
        }
        // The selection still shows, by reverse video.
        assert!(
            buf.content().iter().any(|c| !c.modifier.is_empty()),
            "no highlight at all after {seq:?}"
        );
    }
}

#[test]
fn sixteen_colours_use_only_ansi_colours() {
    let app = app_with("[display]\ncolors = \"16\"\n", 100, 30);
    for cell in buffer(&app, 100, 30).content() {
        for c in [cell.fg, cell.bg] {
            assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{cell:?}");
        }
    }
}

#[test]
fn two_hundred_fifty_six_colours_use_only_the_palette() {
    let app = app_with("[display]\ncolors = \"256\"\n", 100, 30);
    let truecolor = buffer(
        &app_with("[display]\ncolors = \"truecolor\"\n", 100, 30),
        100,
        30,
    );
    let buf = buffer(&app, 100, 30);
    let mut indexed = 0;
    for (cell, tc) in buf.content().iter().zip(truecolor.content()) {
        for (c, t) in [(cell.fg, tc.fg), (cell.bg, tc.bg)] {
            assert!(!matches!(c, Color::Rgb(..)), "{cell:?}");
            if let Color::Indexed(i) = c {
                assert!(i >= 16, "{cell:?}");
                indexed += 1;
                // the nearest palette colour of the theme's colour
                assert_eq!(c, qari::config::style::to_ansi256(t));
            }
        }
    }
    assert!(indexed > 0);
}

#[test]
fn mirrored_layout_120x40() {
    let app = app_with("[display]\nlayout = \"rtl\"\n", 120, 40);
    let list = app.areas().list.unwrap();
    let sidebar = app.areas().sidebar.unwrap();
    assert!(sidebar.x == 0 && list.right() == 120);
    insta::assert_snapshot!(screen_text(&buffer(&app, 120, 40)));
}

#[test]
fn arabic_interface_120x40() {
    let app = app_with("[display]\nui_lang = \"ar\"\nlayout = \"rtl\"\n", 120, 40);
    let text = screen_text(&buffer(&app, 120, 40));
    // Shaped, in visual order: "القارئ" drawn right to left.
    assert!(
        !text.contains("Reader") && !text.contains("Documents"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn arabic_help_80x24() {
    let mut app = app_with("[display]\nui_lang = \"ar\"\n", 80, 24);
    keys(&mut app, "?");
    let text = screen_text(&buffer(&app, 80, 24));
    assert!(
        !text.contains("Everywhere") && !text.contains("Down one page"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn help_and_hints_show_rebound_keys() {
    let mut app = app_with(
        "[keys.global]\n\"<F1>\" = \"toggle_help\"\n\"?\" = \"none\"\n\"z z\" = \"go_bottom\"\n\
         [keys.popup]\n\"<C-g>\" = \"close_popup\"\n\"<Esc>\" = \"none\"\n",
        100,
        30,
    );
    // the pending-chord hint offers the user's chord
    keys(&mut app, "z");
    let status = screen_text(&buffer(&app, 100, 30));
    assert!(status.contains("z… z:Go to the bottom"), "{status}");
    keys(&mut app, "z <F1>");
    let help = screen_text(&buffer(&app, 100, 30));
    assert!(
        help.contains("<C-g> closes") && !help.contains("Esc closes"),
        "{help}"
    );
    assert!(help.contains("<F1>") && help.contains("z z"), "{help}");
    assert!(!help.contains(" ?  "), "{help}");
}
