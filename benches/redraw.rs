//! Reader redraw after a keypress at 120×40 on a TestBackend: the key goes
//! through `App::handle_event` (keymap, update) and the whole screen is drawn
//! (`ui::render` + ratatui's diff), as the event loop does.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use qari::app::{App, Pane};
use qari::event::AppEvent;
use qari::keymap::parse_keys;
use qari::text::LayoutOptions;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn redraw(c: &mut Criterion) {
    let corpus = qari::corpus::load(&[PathBuf::from("seeds")]);
    let mut app = App::new(corpus, LayoutOptions::default());
    app.resize(120, 40);
    // The longest seed, so scrolling has room.
    app.open(2);
    app.set_focus(Pane::Reader);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let j = AppEvent::Key(parse_keys("j").expect("key")[0].to_event());
    let k = AppEvent::Key(parse_keys("k").expect("key")[0].to_event());
    let mut down = true;
    c.bench_function("reader_key_and_redraw_120x40", |b| {
        b.iter(|| {
            // Alternate so the reader never reaches the end and stops moving.
            let ev = if down { j.clone() } else { k.clone() };
            down = !down;
            black_box(app.handle_event(ev));
            if app.take_dirty() {
                terminal
                    .draw(|f| qari::ui::render(f, &app))
                    .expect("draw on a test backend");
            }
        })
    });
    c.bench_function("full_render_only_120x40", |b| {
        b.iter(|| {
            app.mark_dirty();
            terminal
                .draw(|f| qari::ui::render(f, &app))
                .expect("draw on a test backend");
        })
    });
}

/// The same full render with the Arabic, mirrored interface (`--ui-lang ar
/// --layout rtl`): every interface string goes through `i18n::localize_text`
/// and the bidi pipeline; compare with `full_render_only_120x40` of the
/// same run.
fn redraw_arabic_interface(c: &mut Criterion) {
    let corpus = qari::corpus::load(&[PathBuf::from("seeds")]);
    let mut app = App::new(corpus, LayoutOptions::default());
    let src = "[display]\nui_lang = \"ar\"\nlayout = \"rtl\"\n";
    let file = qari::config::LoadedConfig {
        config: qari::config::parse(src, std::path::Path::new("bench.toml")).expect("config"),
        path: None,
        source: src.to_string(),
    };
    let args = qari::config::SettingsArgs::default();
    let settings =
        qari::config::Settings::from_loaded(file, &args, None, None, None).expect("settings");
    app.apply_settings(&settings);
    app.resize(120, 40);
    app.open(2);
    app.set_focus(Pane::Reader);
    app.status.message = Some("paragraph direction: right to left".into());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    c.bench_function("full_render_only_120x40_arabic_interface", |b| {
        b.iter(|| {
            app.mark_dirty();
            terminal
                .draw(|f| qari::ui::render(f, &app))
                .expect("draw on a test backend");
        })
    });
}

criterion_group!(benches, redraw, redraw_arabic_interface);
criterion_main!(benches);
