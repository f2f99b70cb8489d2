//! The fuzzy jump popup (`Ctrl-P`, `p`) and the in-document search (`/`,
//! `n`, `N`), driven by keys on the seed corpus; matching runs through the
//! runtime's effect runner (inline in tests).

mod common;

use common::{app, keys, type_text};
use qari::action::Effect;
use qari::app::{App, Pane, Popup};
use qari::event::AppEvent;
use qari::runtime::{EffectRunner, Flow};

/// An effect runner whose jump index holds the app's documents.
fn runner(a: &App) -> EffectRunner {
    let mut fx = EffectRunner::default();
    for (i, d) in a.corpus.docs.iter().enumerate() {
        fx.jump.add(a.doc_key(i).expect("key"), d);
    }
    fx
}

/// Types `seq` and carries out the effects (searches answer at once).
fn type_keys(a: &mut App, fx: &mut EffectRunner, seq: &str) -> Vec<Effect> {
    let effects = keys(a, seq);
    for e in effects.clone() {
        assert_eq!(fx.run(e, a).expect("effect"), Flow::Continue);
    }
    effects
}

fn jump_rows(a: &App) -> Vec<String> {
    match a.popups.last() {
        Some(Popup::Jump(p)) => p
            .rows
            .iter()
            .filter_map(|k| a.doc_index(*k))
            .map(|i| a.corpus.docs[i].id.clone())
            .collect(),
        _ => panic!("jump popup not open"),
    }
}

#[test]
fn ctrl_p_and_p_open_the_jump_popup() {
    let mut a = app();
    keys(&mut a, "<C-p>");
    assert!(matches!(a.popups.last(), Some(Popup::Jump(_))));
    keys(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
    keys(&mut a, "p");
    assert!(matches!(a.popups.last(), Some(Popup::Jump(_))));
    assert_eq!(jump_rows(&a).len(), a.corpus.docs.len());
}

#[test]
fn typing_an_arabic_query_ranks_and_enter_opens() {
    let mut a = app();
    let mut fx = runner(&a);
    type_keys(&mut a, &mut fx, "p");
    type_text(&mut a, &mut fx, "تدفع موسكو");
    let rows = jump_rows(&a);
    assert_eq!(rows[0], "002_c82f50676b35041e.txt", "{rows:?}");
    let effects = type_keys(&mut a, &mut fx, "<Enter>");
    assert!(a.popups.is_empty());
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(
        a.open_doc().map(|d| d.id.as_str()),
        Some("002_c82f50676b35041e.txt")
    );
    assert_eq!(
        effects,
        vec![Effect::SaveJumpHistory(vec!["تدفع موسكو".to_string()])]
    );
}

#[test]
fn arrows_and_ctrl_n_ctrl_p_move_the_selection() {
    let mut a = app();
    let mut fx = runner(&a);
    type_keys(&mut a, &mut fx, "p");
    type_text(&mut a, &mut fx, "ا");
    let selected = |a: &App| match a.popups.last() {
        Some(Popup::Jump(p)) => p.selected,
        _ => usize::MAX,
    };
    type_keys(&mut a, &mut fx, "<Down> <C-n>");
    assert_eq!(selected(&a), 2);
    type_keys(&mut a, &mut fx, "<Up>");
    assert_eq!(selected(&a), 1);
    type_keys(&mut a, &mut fx, "<C-p>");
    assert_eq!(selected(&a), 0);
}

#[test]
fn empty_query_lists_recent_documents_first_and_up_recalls_queries() {
    let mut a = app();
    let mut fx = runner(&a);
    keys(&mut a, "j j j <Enter>");
    let recent = a.open_doc().map(|d| d.id.clone()).expect("open");
    type_keys(&mut a, &mut fx, "p");
    assert_eq!(jump_rows(&a)[0], recent);
    type_text(&mut a, &mut fx, "باشينيان");
    type_keys(&mut a, &mut fx, "<Enter> p <Up>");
    match a.popups.last() {
        Some(Popup::Jump(p)) => assert_eq!(p.input.text, "باشينيان"),
        _ => panic!("jump popup not open"),
    }
}

#[test]
fn pasted_text_is_a_query() {
    let mut a = app();
    let mut fx = runner(&a);
    type_keys(&mut a, &mut fx, "p");
    for e in a.handle_event(AppEvent::Paste("أذربيجان\n".into())) {
        fx.run(e, &mut a).expect("effect");
    }
    match a.popups.last() {
        Some(Popup::Jump(p)) => {
            assert_eq!(p.input.text, "أذربيجان ");
            assert!(!p.rows.is_empty() && !p.waiting);
        }
        _ => panic!("jump popup not open"),
    }
}

#[test]
fn stale_results_are_ignored() {
    let mut a = app();
    let mut fx = runner(&a);
    type_keys(&mut a, &mut fx, "p");
    type_text(&mut a, &mut fx, "روسيا");
    let before = jump_rows(&a);
    let old = fx.jump.query("zzzz").expect("inline results");
    a.handle_event(AppEvent::JumpResults(old));
    assert_eq!(jump_rows(&a), before);
}

#[test]
fn slash_searches_the_document_and_n_steps_through_hits() {
    let mut a = app();
    keys(&mut a, "<Tab> /");
    assert!(matches!(a.popups.last(), Some(Popup::Find(_))));
    for c in "روسيا".chars() {
        let ev = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        a.handle_event(AppEvent::Key(ev));
    }
    keys(&mut a, "<Enter>");
    assert!(a.popups.is_empty());
    let n = a.find.hits.len();
    assert!(n >= 2, "{n}");
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.starts_with("hit 1/"), "{msg}");
    keys(&mut a, "n");
    assert_eq!(
        a.status.message.as_deref(),
        Some(format!("hit 2/{n}").as_str())
    );
    keys(&mut a, "N N");
    assert_eq!(
        a.status.message.as_deref(),
        Some(format!("hit {n}/{n}").as_str())
    );
    let text = &a.open_doc().expect("doc").text();
    for h in &a.find.hits {
        assert_eq!(qari::text::fold::fold_key(&text[h.clone()]), "روسيا");
    }
    assert!(a.reader_highlights().len() >= n);
}

#[test]
fn the_hit_count_of_a_long_document_is_grouped_by_thousands() {
    use qari::config::UiLang;
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "روسيا كلمة ".repeat(1200);
    std::fs::write(dir.path().join("a.txt"), format!("عنوان\n\n{body}\n")).expect("write");
    for (lang, want) in [(UiLang::En, "hit 1/1,200"), (UiLang::Ar, "hit 1/1,200")] {
        let mut a = App::new(
            qari::corpus::load(&[dir.path().to_path_buf()]),
            qari::text::LayoutOptions::default(),
        );
        a.resize(100, 30);
        a.ui_lang = lang;
        keys(&mut a, "<Enter> /");
        a.handle_event(AppEvent::Paste("روسيا".into()));
        keys(&mut a, "<Enter>");
        assert_eq!(a.status.message.as_deref(), Some(want), "{lang:?}");
    }
}
