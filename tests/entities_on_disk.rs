//! The Entities tab over documents whose text is read from disk on demand:
//! the across-the-corpus list reads only the documents near the screen,
//! once, and files that vanished after loading are reported, not fatal.

mod common;

use common::keys;
use qari::app::{App, EntitiesMode, InfoRow};
use qari::runtime::{EffectRunner, Flow};
use qari::text::LayoutOptions;

const DOCS: usize = 300;

/// `DOCS` articles that all name Putin and Yerevan, in a temporary folder.
fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..DOCS {
        let text = format!("خبر رقم {i}\nزار بوتين يريفان في اليوم {i} من الرحلة.\n");
        std::fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
    }
    dir
}

/// An app over `dir` with the Entities tab shown.
fn on_tab(dir: &std::path::Path) -> App {
    let mut a = App::new(qari::corpus::load(&[dir.into()]), LayoutOptions::default());
    a.resize(120, 40);
    on_tab_of(a)
}

/// `a` with the Entities tab shown; the open document names Putin.
fn on_tab_of(mut a: App) -> App {
    keys(&mut a, "<Tab> <Tab> l l");
    assert!(a.entities.chosen().unwrap().name.contains("بوتين"));
    a
}

/// Lists the documents that name Putin, with the index built by an inline
/// runner.
fn enter_across(a: &mut App) {
    let mut fx = EffectRunner::default();
    for e in keys(a, "<Enter>") {
        assert_eq!(fx.run(e, a).unwrap(), Flow::Continue);
    }
    assert!(matches!(a.entities.mode, EntitiesMode::Across { .. }));
    assert!(a.entities.index.ready().is_some());
}

fn snippets(a: &App) -> Vec<String> {
    let rows = a.entities_tab_rows();
    rows.iter()
        .zip(rows.iter().skip(1))
        .filter_map(|(r, next)| match (r, next) {
            (InfoRow::Choice(..), InfoRow::Text(t)) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

fn warnings(a: &App) -> Vec<String> {
    a.entities_tab_rows()
        .into_iter()
        .filter_map(|r| match r {
            InfoRow::Warning(w) => Some(w),
            _ => None,
        })
        .collect()
}

#[test]
fn across_list_reads_the_documents_near_the_screen_once() {
    let dir = corpus_dir();
    let mut a = on_tab(dir.path());
    enter_across(&mut a);
    let first = snippets(&a);
    assert_eq!(first.len(), DOCS);
    assert!(first[0].contains("بوتين"), "{}", first[0]);
    let shown = first.iter().filter(|t| t.contains("بوتين")).count();
    assert!((20..DOCS).contains(&shown), "{shown} lines made");
    assert!(first[DOCS - 1].is_empty(), "far rows are not read");
    let titles: Vec<(String, bool)> = a
        .entities_tab_rows()
        .into_iter()
        .filter_map(|r| match r {
            InfoRow::Choice(t, chosen) => Some((t, chosen)),
            _ => None,
        })
        .collect();
    assert_eq!(titles.len(), DOCS, "every document keeps its place");
    assert!(
        titles[0].1 && titles[0].0.contains("خبر رقم"),
        "{:?}",
        titles[0]
    );
    assert_eq!(
        titles[DOCS - 1],
        (String::new(), false),
        "far rows are empty"
    );
    assert!(warnings(&a).is_empty());
    // The files go away: the lines already made are kept, not read again.
    for i in 0..DOCS {
        std::fs::remove_file(dir.path().join(format!("{i:03}.txt"))).unwrap();
    }
    assert_eq!(snippets(&a), first);
    // Rows further down are made when they come near, and say why the text
    // is missing.
    for _ in 0..DOCS {
        keys(&mut a, "j");
    }
    let last = snippets(&a);
    assert!(
        last[DOCS - 1].starts_with("⚠ cannot be read again"),
        "{}",
        last[DOCS - 1]
    );
    assert_eq!(last[0], "");
}

#[test]
fn files_gone_before_the_index_is_built_are_reported() {
    let dir = corpus_dir();
    let mut a = on_tab(dir.path());
    // The open document stays; the others vanish after loading.
    for i in 1..DOCS {
        std::fs::remove_file(dir.path().join(format!("{i:03}.txt"))).unwrap();
    }
    enter_across(&mut a);
    let w = warnings(&a);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("299 documents could not be read again, e.g. "),
        "{}",
        w[0]
    );
    // They are indexed as empty texts: only the open document is listed.
    assert_eq!(snippets(&a).len(), 1);
    keys(&mut a, "<Esc> E");
    assert_eq!(a.entities.mode, EntitiesMode::Corpus);
    assert_eq!(warnings(&a), w);
}

#[test]
fn the_open_documents_entities_come_from_the_text_the_reader_holds() {
    let dir = corpus_dir();
    let mut a = App::new(
        qari::corpus::load(&[dir.path().into()]),
        LayoutOptions::default(),
    );
    a.resize(120, 40);
    let open = a.open_doc().unwrap().id.clone();
    std::fs::remove_file(dir.path().join(&open)).unwrap();
    let a = on_tab_of(a);
    assert_eq!(a.open_doc().unwrap().id, open);
}
