//! Every default key binding, tested on App state after key sequences, plus
//! a test that fails when a binding has no test here.

mod common;

use std::collections::BTreeSet;

use common::{app, keys};
use qari::action::Effect;
use qari::app::{Pane, Popup, SidebarTab};
use qari::keymap::{format_keys, parse_keys, KeyContext, Keymap};
use qari::text::Direction;

use KeyContext::{
    Entities, Global, Help, List, Notes, Popup as AnyPopup, Reader, Selection, Sidebar,
};

/// Every (context, keys) pair that a test below exercises. Add a pair here
/// only together with the test that uses it.
const TESTED: &[(KeyContext, &str)] = &[
    (Global, "q"),
    (Global, "<C-c>"),
    (Global, "?"),
    (Global, "<Tab>"),
    (Global, "<S-Tab>"),
    (Global, "j"),
    (Global, "<Down>"),
    (Global, "k"),
    (Global, "<Up>"),
    (Global, "<PageDown>"),
    (Global, "<Space>"),
    (Global, "<PageUp>"),
    (Global, "<C-b>"),
    (Global, "<C-d>"),
    (Global, "<C-u>"),
    (Global, "g g"),
    (Global, "<Home>"),
    (Global, "G"),
    (Global, "<End>"),
    (Global, "]"),
    (Global, "["),
    (Global, "D"),
    (List, "<Enter>"),
    (Sidebar, "l"),
    (Sidebar, "<Right>"),
    (Sidebar, "h"),
    (Sidebar, "<Left>"),
    (AnyPopup, "<Esc>"),
    (Help, "q"),
    (Help, "?"),
    (Help, "<Enter>"),
    // cursor, selection and annotations: tests in tests/annotate_keys.rs
    (Reader, ")"),
    (Reader, "("),
    (Reader, "v"),
    (Reader, "1"),
    (Reader, "2"),
    (Reader, "3"),
    (Reader, "4"),
    (Reader, "5"),
    (Reader, "6"),
    (Reader, "7"),
    (Reader, "8"),
    (Reader, "9"),
    (Reader, "a"),
    (Reader, "d"),
    (Reader, "m"),
    (Reader, "M"),
    (Reader, "y"),
    (Global, "u"),
    (Global, "<C-r>"),
    (Global, "X"),
    (Selection, "w"),
    (Selection, "b"),
    (Selection, ")"),
    (Selection, "("),
    (Selection, "}"),
    (Selection, "{"),
    (Selection, "<Esc>"),
    (Notes, "<Enter>"),
    (Notes, "c"),
    (Notes, "/"),
    // entities: tests in tests/entities_tui.rs
    (Global, "E"),
    (Reader, "n"),
    (Reader, "N"),
    (Reader, "h"),
    (Reader, "e"),
    (Entities, "n"),
    (Entities, "N"),
    (Entities, "h"),
    (Entities, "<Enter>"),
    (Entities, "<Esc>"),
    (Entities, "<Backspace>"),
    (Entities, "/"),
    (Entities, "x"),
    // jump and in-document search: tests in tests/search_keys.rs
    (Global, "<C-p>"),
    (Global, "p"),
    // corpus search: tests in tests/corpus_search.rs
    (Global, "<C-f>"),
    (Global, "s"),
    (Reader, "/"),
    (Reader, "n"),
    (Reader, "N"),
];

#[test]
fn every_default_binding_has_a_test() {
    let table: BTreeSet<(KeyContext, String)> = Keymap::defaults()
        .bindings()
        .iter()
        .map(|b| (b.context, format_keys(&b.keys)))
        .collect();
    let tested: BTreeSet<(KeyContext, String)> = TESTED
        .iter()
        .map(|(c, k)| (*c, format_keys(&parse_keys(k).unwrap())))
        .collect();
    let untested: Vec<_> = table.difference(&tested).collect();
    let stale: Vec<_> = tested.difference(&table).collect();
    assert!(untested.is_empty(), "bindings without a test: {untested:?}");
    assert!(
        stale.is_empty(),
        "tested pairs that are not bound: {stale:?}"
    );
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut a = app();
    assert_eq!(keys(&mut a, "q"), vec![Effect::Quit]);
    assert_eq!(keys(&mut a, "<C-c>"), vec![Effect::Quit]);
    a.set_focus(Pane::Reader);
    assert_eq!(keys(&mut a, "q"), vec![Effect::Quit]);
}

#[test]
fn tab_and_shift_tab_cycle_focus() {
    let mut a = app();
    assert_eq!(a.focus, Pane::List);
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Pane::Reader);
    keys(&mut a, "<Tab> <Tab>");
    assert_eq!(a.focus, Pane::List);
    keys(&mut a, "<S-Tab>");
    assert_eq!(a.focus, Pane::Sidebar);
}

#[test]
fn list_moves_with_j_k_and_arrows() {
    let mut a = app();
    keys(&mut a, "j j");
    assert_eq!(a.list.selected, 2);
    keys(&mut a, "<Down>");
    assert_eq!(a.list.selected, 3);
    keys(&mut a, "k");
    assert_eq!(a.list.selected, 2);
    keys(&mut a, "<Up> <Up> <Up>");
    assert_eq!(a.list.selected, 0, "stops at the top");
    keys(&mut a, "j j j j j j j");
    assert_eq!(a.list.selected, 4, "stops at the bottom");
    assert_eq!(a.reader.doc, Some(0), "moving does not open");
}

#[test]
fn enter_opens_the_selection_and_focuses_the_reader() {
    let mut a = app();
    keys(&mut a, "j j <Enter>");
    assert_eq!(a.reader.doc, Some(2));
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.reader.top, 0);
}

#[test]
fn list_pages_and_ends() {
    let mut a = app();
    keys(&mut a, "G");
    assert_eq!(a.list.selected, 4);
    keys(&mut a, "g g");
    assert_eq!(a.list.selected, 0);
    keys(&mut a, "<End>");
    assert_eq!(a.list.selected, 4);
    keys(&mut a, "<Home>");
    assert_eq!(a.list.selected, 0);
    keys(&mut a, "<PageDown>");
    assert_eq!(a.list.selected, 4, "a page holds every seed");
    keys(&mut a, "<PageUp>");
    assert_eq!(a.list.selected, 0);
}

#[test]
fn reader_scrolls_by_line_page_and_half_page() {
    let mut a = common::app_sized(80, 24);
    keys(&mut a, "<Tab>");
    let page = a.reader_height();
    assert!(a.reader.line_count() > 3 * page, "seed 0 is long enough");
    keys(&mut a, "j j");
    assert_eq!(a.reader.top, 2);
    keys(&mut a, "<Down>");
    assert_eq!(a.reader.top, 3);
    keys(&mut a, "k <Up>");
    assert_eq!(a.reader.top, 1);
    keys(&mut a, "<PageDown>");
    assert_eq!(a.reader.top, 1 + page);
    keys(&mut a, "<PageUp>");
    assert_eq!(a.reader.top, 1);
    keys(&mut a, "<Space>");
    assert_eq!(a.reader.top, 1 + page);
    keys(&mut a, "<C-b>");
    assert_eq!(a.reader.top, 1);
    keys(&mut a, "<Space>");
    assert_eq!(a.reader.top, 1 + page);
    keys(&mut a, "<C-u>");
    assert_eq!(a.reader.top, 1 + page - page / 2);
    keys(&mut a, "<C-d>");
    assert_eq!(a.reader.top, 1 + page);
}

#[test]
fn reader_goes_to_top_and_bottom() {
    let mut a = app();
    keys(&mut a, "<Tab> G");
    let last = a.reader.line_count() - a.reader_height();
    assert_eq!(a.reader.top, last, "the last page fills the pane");
    keys(&mut a, "g g");
    assert_eq!(a.reader.top, 0);
    keys(&mut a, "<End>");
    assert_eq!(a.reader.top, last);
    keys(&mut a, "<Home>");
    assert_eq!(a.reader.top, 0);
    keys(&mut a, "j G j");
    assert_eq!(a.reader.top, last, "cannot scroll past the end");
}

#[test]
fn brackets_switch_documents_from_any_pane() {
    let mut a = app();
    keys(&mut a, "]");
    assert_eq!(a.reader.doc, Some(1));
    assert_eq!(a.list.selected, 1, "the list follows");
    keys(&mut a, "<Tab> ] ]");
    assert_eq!(a.reader.doc, Some(3));
    keys(&mut a, "<Tab> [");
    assert_eq!(a.focus, Pane::Sidebar);
    assert_eq!(a.reader.doc, Some(2));
    keys(&mut a, "[ [ [ [");
    assert_eq!(a.reader.doc, Some(0), "stops at the first");
    keys(&mut a, "] ] ] ] ] ]");
    assert_eq!(a.reader.doc, Some(4), "stops at the last");
}

#[test]
fn d_flips_the_direction_of_the_open_document() {
    let mut a = app();
    let before = a.reader_direction().unwrap();
    keys(&mut a, "D");
    let after = a.reader_direction().unwrap();
    assert_ne!(before, after);
    let id = a.open_doc().unwrap().id.clone();
    assert_eq!(a.reader.directions.get(&id), Some(&after));
    keys(&mut a, "D");
    assert_eq!(a.reader_direction(), Some(before));
    keys(&mut a, "]");
    assert!(
        !a.reader.directions.contains_key(&a.open_doc().unwrap().id),
        "per document"
    );
    let _ = Direction::Rtl;
}

#[test]
fn sidebar_scrolls_and_cycles_tabs() {
    let mut a = common::app_sized(80, 12);
    keys(&mut a, "<S-Tab>");
    assert_eq!(a.focus, Pane::Sidebar);
    keys(&mut a, "j j");
    assert_eq!(a.sidebar.scroll, 2);
    keys(&mut a, "k");
    assert_eq!(a.sidebar.scroll, 1);
    let n = SidebarTab::ALL.len();
    let start = a.sidebar.tab;
    keys(&mut a, "l");
    assert_eq!(a.sidebar.tab, SidebarTab::ALL[1 % n]);
    assert_eq!(a.sidebar.scroll, 0, "a new tab starts at the top");
    keys(&mut a, "h");
    assert_eq!(a.sidebar.tab, start);
    keys(&mut a, "<Right> <Left>");
    assert_eq!(a.sidebar.tab, start);
    keys(&mut a, "<Left>");
    assert_eq!(a.sidebar.tab, SidebarTab::ALL[n - 1]);
}

#[test]
fn help_opens_scrolls_and_closes_every_way() {
    let mut a = common::app_sized(80, 24);
    keys(&mut a, "?");
    assert!(matches!(a.popups.last(), Some(Popup::Help(_))));
    keys(&mut a, "j j");
    assert!(matches!(a.popups.last(), Some(Popup::Help(h)) if h.scroll == 2));
    assert_eq!(a.list.selected, 0, "keys go to the popup, not the list");
    keys(&mut a, "?");
    assert!(a.popups.is_empty(), "? closes it again");
    keys(&mut a, "? <Esc>");
    assert!(a.popups.is_empty());
    let fx = keys(&mut a, "? q");
    assert!(
        fx.is_empty() && a.popups.is_empty(),
        "q closes help without quitting"
    );
    keys(&mut a, "? <Enter>");
    assert!(a.popups.is_empty());
}

#[test]
fn chords_wait_show_a_hint_and_fall_back() {
    let mut a = app();
    keys(&mut a, "<Tab> j j j g");
    assert_eq!(a.status.pending.len(), 1);
    assert_eq!(a.reader.top, 3);
    keys(&mut a, "j");
    assert!(a.status.pending.is_empty());
    assert_eq!(a.reader.top, 4, "g j is read as j");
}
