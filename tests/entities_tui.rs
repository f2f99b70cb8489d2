//! The Entities tab, its keys and the add/hide effects, on App state; a
//! snapshot of the tab.

mod common;

use common::{app_sized, keys};
use qari::action::Effect;
use qari::app::{App, EntitiesMode, InfoRow, Pane, Popup, SidebarTab};
use qari::entities::service::{IndexEvent, IndexService};
use qari::entities::EntityType;
use qari::event::AppEvent;
use qari::runtime::{EffectRunner, Flow};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// An app with the Entities tab shown and focused.
fn on_tab() -> App {
    let mut a = app_sized(120, 40);
    keys(&mut a, "<Tab> <Tab> l l");
    assert_eq!(a.sidebar.tab, SidebarTab::Entities);
    assert_eq!(a.focus, Pane::Sidebar);
    a
}

/// Types `seq` and carries out the effects with an inline runner (the
/// corpus index is built at once).
fn keys_fx(a: &mut App, seq: &str) -> Vec<Effect> {
    let effects = keys(a, seq);
    let mut fx = EffectRunner::default();
    for e in effects.clone() {
        assert_eq!(fx.run(e, a).unwrap(), Flow::Continue);
    }
    effects
}

fn texts(a: &App) -> Vec<String> {
    a.entities_tab_rows()
        .into_iter()
        .filter_map(|r| match r {
            InfoRow::Text(t) | InfoRow::Field(_, t) => Some(t),
            _ => None,
        })
        .collect()
}

fn tinted(a: &App) -> Vec<(String, bool)> {
    a.entities_tab_rows()
        .into_iter()
        .filter_map(|r| match r {
            InfoRow::Tinted(left, t, _, chosen) => Some((format!("{left} {t}"), chosen)),
            _ => None,
        })
        .collect()
}

#[test]
fn tab_groups_entities_by_type_with_counts() {
    let a = on_tab();
    let rows = a.entities_tab_rows();
    assert!(matches!(rows[0], InfoRow::Legend(_)));
    let headings: Vec<String> = rows
        .iter()
        .filter_map(|r| match r {
            InfoRow::Heading(h) => Some(h.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["People", "Places", "Organisations", "Dates"]);
    let t = tinted(&a);
    assert!(t[0].1, "first entity chosen");
    assert!(t.iter().any(|(l, _)| l.contains("أرمينيا")));
    // within a type, most mentions first
    let s = a.entities.summary();
    let places: Vec<usize> = s
        .iter()
        .filter(|e| e.etype == EntityType::Place)
        .map(|e| e.count)
        .collect();
    assert!(places.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn j_k_choose_and_the_reader_highlights_the_chosen_entity() {
    let mut a = on_tab();
    let first = a.entities.chosen().unwrap().key.clone();
    keys(&mut a, "j");
    assert_ne!(a.entities.chosen().unwrap().key, first);
    let n = a.entities.chosen().unwrap().mentions.len();
    assert_eq!(a.reader_highlights().len(), n);
    keys(&mut a, "k");
    assert_eq!(a.entities.chosen().unwrap().key, first);
}

#[test]
fn n_and_shift_n_step_through_mentions_and_scroll() {
    let mut a = on_tab();
    // Armenia: many mentions, so the reader has to scroll
    while !a.entities.chosen().unwrap().name.contains("أرمينيا") {
        keys(&mut a, "j");
    }
    let total = a.entities.chosen().unwrap().mentions.len();
    keys(&mut a, "N");
    assert_eq!(a.entities.mention, Some(total - 1));
    assert!(a.reader.top > 0, "last mention scrolled into view");
    keys(&mut a, "n");
    assert_eq!(a.entities.mention, Some(0));
    keys(&mut a, "n");
    assert_eq!(a.entities.mention, Some(1));
    assert!(a
        .status
        .message
        .as_deref()
        .unwrap()
        .contains(&format!("2/{total}")));
    // the same keys work from the reader
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Pane::List);
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Pane::Reader);
    keys(&mut a, "n");
    assert_eq!(a.entities.mention, Some(2));
    keys(&mut a, "N N");
    assert_eq!(a.entities.mention, Some(0));
}

#[test]
fn h_toggles_highlighting_of_all_entities() {
    let mut a = on_tab();
    let chosen = a.reader_highlights().len();
    keys(&mut a, "h");
    assert!(a.entities.highlight_all);
    let all: usize = a.entities.summary().iter().map(|s| s.mentions.len()).sum();
    assert_eq!(a.reader_highlights().len(), chosen + all);
    keys(&mut a, "<S-Tab>");
    assert_eq!(a.focus, Pane::Reader);
    keys(&mut a, "h");
    assert!(!a.entities.highlight_all);
}

#[test]
fn enter_lists_documents_across_the_corpus_and_opens_one_at_the_mention() {
    let mut a = on_tab();
    while !a.entities.chosen().unwrap().name.contains("أرمينيا") {
        keys(&mut a, "j");
    }
    keys_fx(&mut a, "<Enter>");
    assert!(matches!(a.entities.mode, EntitiesMode::Across { .. }));
    let rows = a.entities_tab_rows();
    let docs = rows
        .iter()
        .filter(|r| matches!(r, InfoRow::Choice(..)))
        .count();
    assert_eq!(docs, 5, "Armenia is in every seed");
    assert!(rows
        .iter()
        .any(|r| matches!(r, InfoRow::Text(t) if t.contains("أرمينيا"))));
    keys(&mut a, "j <Enter>");
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.entities.mode, EntitiesMode::Document);
    assert!(a.entities.chosen().unwrap().name.contains("أرمينيا"));
    assert!(a.entities.mention.is_some());
}

#[test]
fn esc_and_backspace_go_back() {
    let mut a = on_tab();
    keys_fx(&mut a, "<Enter>");
    keys(&mut a, "<Esc>");
    assert_eq!(a.entities.mode, EntitiesMode::Document);
    keys(&mut a, "<Enter> <Backspace>");
    assert_eq!(a.entities.mode, EntitiesMode::Document);
}

#[test]
fn corpus_view_filters_by_typing_and_hides_with_x() {
    let mut a = app_sized(120, 40);
    keys_fx(&mut a, "E");
    assert_eq!(a.entities.mode, EntitiesMode::Corpus);
    assert_eq!(
        (a.focus, a.sidebar.tab),
        (Pane::Sidebar, SidebarTab::Entities)
    );
    let all = tinted(&a).len();
    assert!(all > 30);
    assert!(tinted(&a)[0].0.contains("5 docs"));
    keys(&mut a, "/");
    assert!(matches!(a.popups.last(), Some(Popup::EntitiesFilter)));
    for c in "روسيا".chars() {
        a.handle_event(qari::event::AppEvent::Key(
            crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c)),
        ));
    }
    keys(&mut a, "<Enter>");
    assert!(a.popups.is_empty());
    let filtered = tinted(&a);
    assert!(filtered.len() < all && !filtered.is_empty());
    assert!(filtered.iter().all(|(l, _)| l.contains("روسيا")));
    let effects = keys(&mut a, "x");
    let hidden = match &effects[..] {
        [Effect::SaveHiddenEntities(h)] => h.clone(),
        other => panic!("{other:?}"),
    };
    assert!(hidden.iter().any(|(_, n)| n.contains("روسيا")));
    assert!(tinted(&a).len() < filtered.len());
}

#[test]
fn e_adds_the_selection_to_the_user_gazetteer() {
    let mut a = app_sized(120, 40);
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Pane::Reader);
    keys(&mut a, "e");
    let Some(Popup::EntityForm(f)) = a.popups.last() else {
        panic!("no form")
    };
    assert!(f.name.is_empty());
    keys(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
    // with a selection the form starts with its text
    keys(&mut a, "v e");
    let Some(Popup::EntityForm(f)) = a.popups.last() else {
        panic!("no form")
    };
    assert!(!f.name.is_empty());
    keys(&mut a, "<Esc> <Esc>");
    assert!(a.popups.is_empty() && a.annotations.selection.is_none());
    keys(&mut a, "e");
    for c in "شركة المثال".chars() {
        a.handle_event(qari::event::AppEvent::Key(
            crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c)),
        ));
    }
    keys(&mut a, "<Tab> <Tab>");
    let effects = keys(&mut a, "<Enter>");
    match &effects[..] {
        [Effect::SaveUserEntity(e)] => {
            assert_eq!(e.canonical, "شركة المثال");
            assert_eq!(e.etype, EntityType::Organization);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(a.entities.user.len(), 1);
}

#[test]
fn entities_tab_snapshot_120x40() {
    let a = on_tab();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| qari::ui::render(f, &a)).unwrap();
    let buf = t.backend().buffer();
    let area = a.areas().sidebar.unwrap();
    insta::assert_snapshot!(common::screen_text_in(buf, area));
}

fn with_colors(colors: &str) -> App {
    let src = format!("[display]\ncolors = \"{colors}\"\n[theme]\nentity_place = \"#ff0000\"\n");
    let file = qari::config::LoadedConfig {
        config: qari::config::parse(&src, std::path::Path::new("t.toml")).unwrap(),
        path: None,
        source: src.clone(),
    };
    let settings = qari::config::Settings::from_loaded(
        file,
        &qari::config::SettingsArgs::default(),
        None,
        None,
        None,
    )
    .unwrap();
    let mut a = app_sized(120, 40);
    a.apply_settings(&settings);
    keys(&mut a, "<Tab> <Tab> l l h n");
    assert!(a.entities.highlight_all && a.entities.mention.is_some());
    a
}

fn draw(a: &App) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| qari::ui::render(f, a)).unwrap();
    t.backend().buffer().clone()
}

/// The style of the legend swatch `■ name` in the sidebar.
fn swatch(buf: &ratatui::buffer::Buffer, a: &App, name: &str) -> ratatui::style::Style {
    let area = a.areas().sidebar.unwrap();
    for y in area.y..area.bottom() {
        let row: String = (area.x..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        if let Some(i) = row.find(&format!("■ {name}")) {
            let x = area.x + row[..i].chars().count() as u16;
            return buf[(x, y)].style();
        }
    }
    panic!("no legend swatch for {name}")
}

#[test]
fn entity_colours_come_from_the_theme() {
    let a = with_colors("truecolor");
    let buf = draw(&a);
    let red = ratatui::style::Color::Rgb(255, 0, 0);
    assert_eq!(swatch(&buf, &a, "place").fg, Some(red));
    assert_eq!(swatch(&buf, &a, "person").fg, a.theme.entity_person.fg);
    // the reader shows place mentions in the configured colour
    let reader = a.areas().reader.unwrap();
    let in_reader = (reader.y..reader.bottom())
        .flat_map(|y| (reader.x..reader.right()).map(move |x| (x, y)))
        .any(|p| buf[p].fg == red || buf[p].bg == red);
    assert!(in_reader);
    // 16 colours: only ANSI colours, still one per type
    let a = with_colors("16");
    let buf = draw(&a);
    let fgs: Vec<_> = ["person", "place", "organization", "date"]
        .iter()
        .map(|n| swatch(&buf, &a, n).fg)
        .collect();
    for (i, c) in fgs.iter().enumerate() {
        assert!(
            !matches!(
                c,
                None | Some(ratatui::style::Color::Rgb(..) | ratatui::style::Color::Indexed(_))
            ),
            "{c:?}"
        );
        assert!(fgs[i + 1..].iter().all(|d| d != c), "{fgs:?}");
    }
}

#[test]
fn no_color_entities_use_attributes_only() {
    let a = with_colors("none");
    let buf = draw(&a);
    for cell in buf.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (ratatui::style::Color::Reset, ratatui::style::Color::Reset),
            "{cell:?}"
        );
    }
    // the legend tells the four types apart by their attributes
    let mods: Vec<_> = ["person", "place", "organization", "date"]
        .iter()
        .map(|n| swatch(&buf, &a, n).add_modifier)
        .collect();
    for (i, m) in mods.iter().enumerate() {
        assert!(!m.is_empty(), "{mods:?}");
        assert!(mods[i + 1..].iter().all(|n| n != m), "{mods:?}");
    }
    // the reader shows them too: the chosen entity reversed, the others by type
    let reader = a.areas().reader.unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for y in reader.y + 1..reader.bottom() - 1 {
        for x in reader.x + 1..reader.right() - 1 {
            seen.insert(buf[(x, y)].modifier.bits());
        }
    }
    let reversed = ratatui::style::Modifier::REVERSED.bits();
    assert!(seen.iter().any(|m| m & reversed != 0), "{seen:?}");
    assert!(seen.len() >= 4, "{seen:?}");
}

/// The effect that asks for the corpus index, and its generation.
fn index_request(effects: &[Effect]) -> (u64, Effect) {
    match effects {
        [e @ Effect::IndexEntities { generation, .. }] => (*generation, e.clone()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn enter_before_the_index_is_ready_shows_progress_then_the_documents() {
    let mut a = on_tab();
    let (generation, request) = index_request(&keys(&mut a, "<Enter>"));
    assert!(matches!(a.entities.mode, EntitiesMode::Across { .. }));
    assert!(
        texts(&a).iter().any(|t| t == "indexing entities 0 %…"),
        "{:?}",
        texts(&a)
    );
    a.handle_event(AppEvent::EntityIndex(IndexEvent::Progress {
        generation,
        done: 35,
        total: 100,
    }));
    assert!(texts(&a).iter().any(|t| t == "indexing entities 35 %…"));
    // keys keep working meanwhile; Enter again asks for nothing more
    assert!(keys(&mut a, "j k <Enter>").is_empty());
    assert!(!a
        .entities_tab_rows()
        .iter()
        .any(|r| matches!(r, InfoRow::Choice(..))));
    // the load ends meanwhile: a new request supersedes the first, whose
    // index is dropped when it arrives
    let (g2, request2) =
        index_request(&a.handle_event(AppEvent::Corpus(qari::corpus::LoadEvent::Done)));
    assert!(g2 > generation);
    let mut fx = EffectRunner::default();
    fx.run(request, &mut a).unwrap();
    assert!(a.entities.index.ready().is_none());
    assert!(texts(&a).iter().any(|t| t == "indexing entities 0 %…"));
    // the runner builds the index and hands it to the app as an event
    fx.run(request2, &mut a).unwrap();
    let docs = a
        .entities_tab_rows()
        .iter()
        .filter(|r| matches!(r, InfoRow::Choice(..)))
        .count();
    assert!(docs > 0);
    assert!(!texts(&a).iter().any(|t| t.starts_with("indexing")));
    a.handle_event(AppEvent::EntityIndex(IndexEvent::Progress {
        generation: g2,
        done: 1,
        total: 100,
    }));
    assert!(
        !texts(&a).iter().any(|t| t.starts_with("indexing")),
        "a late progress message is ignored"
    );
}

#[test]
fn corpus_view_before_the_index_is_ready_shows_progress_then_the_list() {
    let mut a = app_sized(120, 40);
    let (generation, request) = index_request(&keys(&mut a, "E"));
    assert_eq!(a.entities.mode, EntitiesMode::Corpus);
    assert!(texts(&a)
        .iter()
        .any(|t| t.starts_with("indexing entities 0 %")));
    assert!(tinted(&a).is_empty());
    a.handle_event(AppEvent::EntityIndex(IndexEvent::Progress {
        generation,
        done: 7,
        total: 20,
    }));
    assert!(texts(&a).iter().any(|t| t == "indexing entities 35 %…"));
    // the index as the background service makes it (waiting on its channel)
    let (tx, rx) = std::sync::mpsc::channel();
    let mut svc = IndexService::background(move |ev| {
        let _ = tx.send(ev);
    });
    let Effect::IndexEntities { extractor, .. } = request else {
        unreachable!()
    };
    assert!(svc
        .start(generation, extractor.0, &a.corpus.docs, a.doc_keys())
        .is_none());
    for ev in rx.iter() {
        let ready = matches!(ev, IndexEvent::Ready { .. });
        a.handle_event(AppEvent::EntityIndex(ev));
        if ready {
            break;
        }
        assert!(tinted(&a).is_empty());
    }
    assert!(tinted(&a).len() > 30);
    assert!(tinted(&a)[0].0.contains("5 docs"));
    // E again: the index covers every document, nothing is rebuilt
    assert!(keys(&mut a, "<Esc> E").is_empty());
}

#[test]
fn the_index_is_asked_for_when_loading_ends_and_after_a_gazetteer_change() {
    let mut a = app_sized(120, 40);
    let effects = a.handle_event(AppEvent::Corpus(qari::corpus::LoadEvent::Done));
    let (g1, request) = index_request(&effects);
    EffectRunner::default().run(request, &mut a).unwrap();
    assert!(a.entities.index.ready().is_some());
    // adding an entity rebuilds the index with the new gazetteer
    keys(&mut a, "<Tab> e");
    for c in "شركة المثال".chars() {
        a.handle_event(AppEvent::Key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char(c),
        )));
    }
    let effects = keys(&mut a, "<Enter>");
    assert!(matches!(effects[0], Effect::SaveUserEntity(_)));
    let (g2, _) = index_request(&effects[1..]);
    assert!(g2 > g1);
}
