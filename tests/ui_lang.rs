//! `--ui-lang ar`: messages, hints and popup texts reach the screen in
//! Arabic, drawn through the bidi pipeline (shaped, right to left), with the
//! keys in force.

mod common;

use std::path::{Path, PathBuf};

use common::{app_sized, keys, screen_text};
use qari::app::App;
use qari::config::{parse, LoadedConfig, Settings, SettingsArgs};
use qari::text::{layout_inline, BidiMode, LayoutOptions};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

fn app_with(src: &str, w: u16, h: u16) -> App {
    let file = LoadedConfig {
        config: parse(src, Path::new("t.toml")).unwrap(),
        path: Some(PathBuf::from("t.toml")),
        source: src.to_string(),
    };
    let settings = Settings::from_loaded(file, &SettingsArgs::default(), None, None, None).unwrap();
    let mut app = app_sized(w, h);
    app.apply_settings(&settings);
    app
}

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| qari::ui::render(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// Row `y` as the symbols on screen, left to right.
fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// `logical` as the pipeline draws it: shaped and in visual order.
fn visual(logical: &str) -> String {
    let opts = LayoutOptions {
        width: 200,
        bidi: BidiMode::App,
        shape: true,
        direction: None,
    };
    layout_inline(logical, 200, &opts)
        .cells
        .iter()
        .map(|c| c.symbol.as_str())
        .collect()
}

const AR: &str = "[display]\nui_lang = \"ar\"\n";

#[test]
fn status_messages_are_arabic_and_drawn_right_to_left() {
    let cases = [
        // (keys, English message, Arabic message)
        (
            "<Tab> n",
            "ديمتري بيسكوف — mention 1/2",
            "ديمتري بيسكوف — الإشارة 1/2",
        ),
        ("<Tab> 1", "marked as claim", "وُضع الوسم claim"),
        ("u", "nothing to undo", "لا شيء للتراجع عنه"),
        (
            "<Tab> d",
            "no annotation under the cursor",
            "لا يوجد تعليق تحت المؤشر",
        ),
        (
            "D",
            "paragraph direction: left to right",
            "اتجاه الفقرات: من اليسار إلى اليمين",
        ),
    ];
    for (seq, en, ar) in cases {
        let mut app = app_with("", 120, 24);
        keys(&mut app, seq);
        assert_eq!(app.status.message.as_deref(), Some(en), "{seq}");
        let mut app = app_with(AR, 120, 24);
        keys(&mut app, seq);
        let status = row(&buffer(&app, 120, 24), 23);
        assert!(status.contains(&visual(ar)), "{seq}: {status}");
        // not the logical order, not English
        assert!(!status.contains(ar) && !status.contains(en), "{status}");
        assert!(!status.contains("mention") && !status.contains("marked"));
    }
}

#[test]
fn hints_name_the_keys_in_force() {
    let cfg = "[keys.global]\n\"U\" = \"undo\"\n\"u\" = \"none\"\n";
    let mut app = app_with(cfg, 120, 24);
    keys(&mut app, "<Tab> 1 d");
    let msg = app.status.message.clone().unwrap();
    assert_eq!(msg, "deleted the claim annotation (U undoes)");
    let mut app = app_with(&format!("{AR}{cfg}"), 120, 24);
    keys(&mut app, "<Tab> 1 d");
    let status = row(&buffer(&app, 120, 24), 23);
    let want = visual("حُذف تعليق claim (U للتراجع)");
    assert!(status.contains(&want), "{status}");
}

#[test]
fn arabic_status_message_80x24() {
    let mut app = app_with(AR, 80, 24);
    keys(&mut app, "u");
    insta::assert_snapshot!(screen_text(&buffer(&app, 80, 24)));
}

#[test]
fn arabic_forms_and_pending_hint() {
    // The annotation form: title, field names and hint.
    let mut app = app_with(AR, 100, 30);
    keys(&mut app, "<Tab> a");
    let text = screen_text(&buffer(&app, 100, 30));
    for en in [
        "New annotation",
        "Label",
        "Tags",
        "comma separated",
        "Enter saves",
    ] {
        assert!(!text.contains(en), "{en}: {text}");
    }
    assert!(text.contains(&visual("تعليق جديد")), "{text}");
    // A pending chord lists its continuations in Arabic.
    let mut app = app_with(AR, 120, 24);
    keys(&mut app, "g");
    let status = row(&buffer(&app, 120, 24), 23);
    assert!(status.contains(&visual("الذهاب إلى البداية")), "{status}");
}

/// The help row showing `keys`, as drawn.
fn help_row(buf: &Buffer, keys: &str) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y))
        .find(|r| r.contains(keys))
        .unwrap_or_default()
}

#[test]
fn arabic_help_reads_right_to_left() {
    for (w, h) in [(80, 24), (40, 15)] {
        let mut app = app_with(AR, w, h);
        keys(&mut app, "?");
        let buf = buffer(&app, w, h);
        // keys in the right-hand column, one space from the border
        let quit = help_row(&buf, "q, <C-c>");
        let inside = quit.split('│').find(|s| s.contains("q, <C-c>")).unwrap();
        assert!(inside.ends_with("q, <C-c> "), "{w}×{h}: {quit}");
        let keys_at = quit.find("q, <C-c>").unwrap();
        // the description (shaped Arabic) to their left
        let desc = visual("خروج");
        let desc_at = quit.find(&desc).expect("Arabic description");
        assert!(desc_at < keys_at, "{quit}");
        // headings hug the right border
        let heading = visual("في كل مكان");
        let top = help_row(&buf, &heading);
        assert!(top.contains(&format!("{heading}│")), "{top}");
        if w == 40 {
            insta::assert_snapshot!(screen_text(&buf));
        }
    }
}

#[test]
fn mirrored_layout_help_40x15() {
    let mut app = app_with("[display]\nlayout = \"rtl\"\n", 40, 15);
    keys(&mut app, "?");
    let buf = buffer(&app, 40, 15);
    let quit = help_row(&buf, "q, <C-c>");
    assert!(quit.contains("Quit") && quit.find("Quit") < quit.find("q, <C-c>"));
    assert!(
        quit.trim_end_matches(['│', ' ']).ends_with("q, <C-c>"),
        "{quit}"
    );
    insta::assert_snapshot!(screen_text(&buf));
}

#[test]
fn arabic_search_and_jump_popups() {
    for (seq, words) in [
        ("s", ["Search", "hits", "Enter opens", "type a word"]),
        ("p", ["Jump", "Enter opens", "Esc closes", "JUMP"]),
    ] {
        let mut app = app_with(AR, 100, 30);
        keys(&mut app, seq);
        let text = screen_text(&buffer(&app, 100, 30));
        for w in words {
            assert!(!text.contains(w), "{seq}: {w}: {text}");
        }
    }
    // no search index in this app: the popup says it is indexing
    let mut app = app_with(AR, 100, 30);
    keys(&mut app, "s");
    let text = screen_text(&buffer(&app, 100, 30));
    assert!(text.contains(&visual("الفهرسة 0 %…")), "{text}");
    assert_eq!(
        qari::i18n::localize_text(qari::config::UiLang::Ar, "type a word or \"a phrase\""),
        "اكتب كلمة أو \"عبارة\""
    );
}
