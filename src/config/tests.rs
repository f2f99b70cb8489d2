//! Config parsing: the default file, good files and each kind of bad file.

use std::path::Path;

use ratatui::style::{Color, Modifier};

use super::*;

fn err(src: &str) -> String {
    parse(src, Path::new("/cfg/qari.toml"))
        .unwrap_err()
        .to_string()
}

#[test]
fn empty_file_is_the_defaults() {
    assert_eq!(parse("", Path::new("x")).unwrap(), Config::default());
}

#[test]
fn default_file_parses_back_to_the_defaults() {
    let text = default_file::default_file();
    let cfg = parse(&text, Path::new("default.toml")).unwrap();
    assert_eq!(cfg.display, DisplayConfig::default());
    assert_eq!(cfg.log_level, LogLevel::Warn);
    assert_eq!(cfg.data_dir, None);
    let mut theme = Theme::builtin();
    theme.apply(&cfg.theme);
    assert_eq!(theme, Theme::builtin());
    assert_eq!(cfg.labels.resolve(), LabelsConfig::default().resolve());
    assert!(cfg.keys.values().all(|t| t.is_empty()));
    assert_eq!(cfg.keys.len(), crate::keymap::KeyContext::ALL.len());
    // Every named style is in the file.
    for (name, _, _) in Theme::STYLES {
        assert!(text.contains(&format!("\n{name} = ")), "{name}");
    }
}

#[test]
fn good_file() {
    let cfg = parse(
        r##"
data_dir = "/tmp/qari"
log_level = "debug"
[display]
bidi = "terminal"
shape = false
layout = "rtl"
ui_lang = "ar"
list_width = 30
sidebar_width = "20%"
colors = "16"
mouse = false
[theme]
selected = "#ff0000 on blue bold"
[labels.2]
name = "ادعاء"
color = "red"
[keys.reader]
"g x" = "go_top"
"##,
        Path::new("x"),
    )
    .unwrap();
    assert_eq!(cfg.data_dir.as_deref(), Some(Path::new("/tmp/qari")));
    assert_eq!(cfg.log_level, LogLevel::Debug);
    let d = &cfg.display;
    assert_eq!(d.bidi, BidiSetting::Terminal);
    assert!(!d.shape && !d.mouse);
    assert_eq!((d.layout, d.ui_lang), (LayoutDir::Rtl, UiLang::Ar));
    assert_eq!(d.list_width, PaneWidth::Cells(30));
    assert_eq!(d.sidebar_width, PaneWidth::Percent(20));
    assert_eq!(d.colors, ColorChoice::Fixed(ColorSupport::Ansi16));
    let sel = cfg.theme.selected.unwrap().0;
    assert_eq!(
        (sel.fg, sel.bg),
        (Some(Color::Rgb(255, 0, 0)), Some(Color::Blue))
    );
    assert!(sel.add_modifier.contains(Modifier::BOLD));
    let labels = cfg.labels.resolve();
    assert_eq!(
        (labels[1].name.as_str(), labels[1].color),
        ("ادعاء", Color::Red)
    );
    assert_eq!(labels[0].name, "claim");
    let (k, v) = cfg.keys.values().next().unwrap().iter().next().unwrap();
    assert_eq!(
        (k.get_ref().as_str(), v.get_ref().as_str()),
        ("g x", "go_top")
    );
}

#[test]
fn unknown_top_level_key() {
    let e = err("log_level = \"warn\"\nfoo = 1\n");
    assert!(e.starts_with("/cfg/qari.toml:2:1: "), "{e}");
    assert!(e.contains("foo"), "{e}");
}

#[test]
fn unknown_key_in_a_section() {
    let e = err("[display]\nshape = true\nlayuot = \"rtl\"\n");
    assert!(e.starts_with("/cfg/qari.toml:3:"), "{e}");
    assert!(e.contains("layuot"), "{e}");
}

#[test]
fn unknown_section() {
    let e = err("[colours]\nx = 1\n");
    assert!(e.starts_with("/cfg/qari.toml:1:"), "{e}");
    assert!(e.contains("colours"), "{e}");
}

#[test]
fn bad_value_type() {
    let e = err("[display]\n\nshape = \"yes\"\n");
    assert!(e.starts_with("/cfg/qari.toml:3:"), "{e}");
    assert!(e.contains("display.shape"), "{e}");
}

#[test]
fn bad_enum_value() {
    let e = err("[display]\nlayout = \"up\"\n");
    assert!(e.starts_with("/cfg/qari.toml:2:"), "{e}");
    assert!(e.contains("display.layout") && e.contains("up"), "{e}");
}

#[test]
fn bad_width() {
    let e = err("[display]\nlist_width = \"150%\"\n");
    assert!(e.starts_with("/cfg/qari.toml:2:"), "{e}");
    assert!(
        e.contains("display.list_width") && e.contains("percentage"),
        "{e}"
    );
}

#[test]
fn bad_colour() {
    let e = err("[theme]\nborder = \"#12345g\"\n");
    assert!(e.starts_with("/cfg/qari.toml:2:"), "{e}");
    assert!(e.contains("theme.border") && e.contains("#12345g"), "{e}");
    let e = err("[labels.3]\ncolor = \"purplish\"\n");
    assert!(e.starts_with("/cfg/qari.toml:2:"), "{e}");
    assert!(
        e.contains("labels.3.color") && e.contains("purplish"),
        "{e}"
    );
}

#[test]
fn bad_style_word_and_unknown_style_name() {
    let e = err("[theme]\nkey = \"cyan blod\"\n");
    assert!(
        e.contains(":2:") && e.contains("theme.key") && e.contains("blod"),
        "{e}"
    );
    let e = err("[theme]\nselection = \"reverse\"\nselektion = \"bold\"\n");
    assert!(
        e.starts_with("/cfg/qari.toml:3:") && e.contains("selektion"),
        "{e}"
    );
}

#[test]
fn label_outside_one_to_nine() {
    let e = err("[labels.10]\nname = \"x\"\n");
    assert!(
        e.starts_with("/cfg/qari.toml:1:") && e.contains("10"),
        "{e}"
    );
}

#[test]
fn syntax_error_has_a_line() {
    let e = err("[display]\nshape = \n");
    assert!(e.starts_with("/cfg/qari.toml:2:"), "{e}");
}

#[test]
fn missing_named_file_is_an_error_missing_default_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nope.toml");
    let e = load(Some(&p)).unwrap_err().to_string();
    assert!(e.contains("nope.toml") && e.contains("cannot read"), "{e}");
    std::fs::write(&p, "[display]\nlayout = \"rtl\"\n").unwrap();
    let c = load(Some(&p)).unwrap();
    assert_eq!(c.config.display.layout, LayoutDir::Rtl);
    assert_eq!(c.path.as_deref(), Some(p.as_path()));
}

#[test]
fn pane_width_in_cells_and_percent() {
    assert_eq!(PaneWidth::Percent(25).cells(120), 30);
    assert_eq!(PaneWidth::Cells(30).cells(20), 20);
    assert_eq!(PaneWidth::Cells(30).percent_of(120), 25);
}
