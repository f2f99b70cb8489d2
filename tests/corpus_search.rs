//! The corpus search popup (`Ctrl-F`, `s`), driven by keys on the seed
//! corpus; the search runs through the runtime's effect runner (inline in
//! tests). Snapshots wrap rows in LRO…PDF as in `tests/render.rs`; update
//! with `INSTA_UPDATE=always cargo test --test corpus_search`.

mod common;

use common::{app, app_sized, keys, screen_text, type_text};
use qari::action::Effect;
use qari::app::{App, Pane, Popup, SearchPopup};
use qari::event::AppEvent;
use qari::runtime::{EffectRunner, Flow};
use qari::search::GrepUpdate;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

/// Types `seq` and carries out the effects (searches answer at once).
fn type_keys(a: &mut App, fx: &mut EffectRunner, seq: &str) {
    for e in keys(a, seq) {
        assert_eq!(fx.run(e, a).expect("effect"), Flow::Continue);
    }
}

fn popup(a: &App) -> &SearchPopup {
    match a.popups.last() {
        Some(Popup::Search(p)) => p,
        other => panic!("search popup not open: {other:?}"),
    }
}

/// The word of every hit listed (the hit with the letters attached before
/// it: the proclitics), in order, with its document id.
fn hit_texts(a: &App) -> Vec<(String, String)> {
    let p = popup(a);
    p.groups()
        .flat_map(|(_, g)| g.hits.iter().map(move |h| (g.key, *h)))
        .map(|(k, h)| {
            let (i, r) = a.hit_range(k, &h).expect("document");
            let d = &a.corpus.docs[i];
            let start = d.text()[..r.start]
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(0, |i| {
                    i + d.text()[i..].chars().next().map_or(1, char::len_utf8)
                });
            (d.id.clone(), d.text()[start..r.end].to_string())
        })
        .collect()
}

fn searched(w: u16, h: u16, query: &str) -> App {
    let mut a = app_sized(w, h);
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "s");
    for e in a.handle_event(AppEvent::Paste(query.into())) {
        fx.run(e, &mut a).expect("effect");
    }
    a
}

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| qari::ui::render(f, app)).expect("draw");
    t.backend().buffer().clone()
}

#[test]
fn ctrl_f_and_s_open_the_search_popup_and_esc_closes_it() {
    let mut a = app();
    keys(&mut a, "<C-f>");
    assert!(matches!(a.popups.last(), Some(Popup::Search(_))));
    let effects = keys(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
    // closing stops the search thread's work on the last query
    assert!(
        matches!(&effects[..], [Effect::GrepQuery { query, .. }] if query.is_empty()),
        "{effects:?}"
    );
    keys(&mut a, "<Tab> s");
    assert!(matches!(a.popups.last(), Some(Popup::Search(_))));
    assert_eq!(a.popups.last().map(|p| p.mode_name()), Some("SEARCH"));
}

#[test]
fn a_word_is_found_with_its_proclitics_in_every_document() {
    let mut a = app();
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "<C-f>");
    type_text(&mut a, &mut fx, "روسيا");
    let p = popup(&a);
    assert_eq!(p.searched, Some(5));
    assert_eq!(p.doc_count(), 5, "every seed mentions Russia");
    let hits = hit_texts(&a);
    assert_eq!(p.total, hits.len());
    let words: Vec<&str> = hits.iter().map(|(_, t)| t.as_str()).collect();
    assert!(words.contains(&"بروسيا"), "{words:?}");
    assert!(words.contains(&"لروسيا") && words.contains(&"وروسيا"));
    assert!(
        words
            .iter()
            .all(|w| w.ends_with("روسيا") || w.ends_with("روسياً")),
        "{words:?}"
    );
    // grouped in list order, hits in text order
    let ids: Vec<&str> = hits.iter().map(|(d, _)| d.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn a_quoted_phrase_matches_only_the_phrase() {
    let a = searched(120, 40, "\"قره باغ\"");
    let hits = hit_texts(&a);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|(_, t)| t.contains("باغ")), "{hits:?}");
}

#[test]
fn arrows_ctrl_n_ctrl_p_and_pages_move_the_selection() {
    let mut a = app_sized(80, 24);
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "s");
    type_text(&mut a, &mut fx, "روسيا");
    type_keys(&mut a, &mut fx, "<Down> <C-n>");
    assert_eq!(popup(&a).selected, 2);
    type_keys(&mut a, &mut fx, "<Up>");
    assert_eq!(popup(&a).selected, 1);
    type_keys(&mut a, &mut fx, "<C-p> <C-p>");
    assert_eq!(popup(&a).selected, 0);
    type_keys(&mut a, &mut fx, "<PageDown>");
    let page = popup(&a).selected;
    assert!(page > 2, "a page is more than a couple of rows: {page}");
    type_keys(&mut a, &mut fx, "<PageDown> <PageUp>");
    assert_eq!(popup(&a).selected, page);
    type_keys(&mut a, &mut fx, "<PageUp> <PageUp>");
    assert_eq!(popup(&a).selected, 0);
    for _ in 0..20 {
        type_keys(&mut a, &mut fx, "<PageDown>");
    }
    assert_eq!(
        popup(&a).selected,
        popup(&a).rows() - 1,
        "stops at the last row"
    );
    assert!(!popup(&a).header_selected());
}

#[test]
fn up_and_down_move_over_the_document_headers_and_enter_on_one_opens_its_first_hit() {
    let mut a = app_sized(80, 24);
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "s");
    type_text(&mut a, &mut fx, "روسيا");
    assert!(popup(&a).header_selected(), "the first row is a header");
    let (first_doc, second_doc) = {
        let mut g = popup(&a).groups();
        let first = g.next().expect("a document").1;
        let second = g.next().expect("two documents").1;
        ((first.key, first.hits.len()), (second.key, second.hits[0]))
    };
    // down over the first document's hits to the second document's header
    for _ in 0..=first_doc.1 {
        assert!(!popup(&a).header_selected() || popup(&a).selected == 0);
        type_keys(&mut a, &mut fx, "<Down>");
    }
    assert!(popup(&a).header_selected());
    assert_eq!(popup(&a).selected_hit(), Some(second_doc));
    type_keys(&mut a, &mut fx, "<Up>");
    assert!(!popup(&a).header_selected());
    type_keys(&mut a, &mut fx, "<Down> <Enter>");
    assert!(a.popups.is_empty());
    let (doc, range) = a.hit_range(second_doc.0, &second_doc.1).expect("document");
    assert_eq!(a.reader.doc, Some(doc));
    assert_eq!(a.find.current, 0);
    assert_eq!(a.find.hits[0], range);
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.starts_with("hit 1/"), "{msg}");
}

#[test]
fn enter_opens_the_document_at_the_hit() {
    let mut a = app_sized(80, 24);
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "<C-f>");
    type_text(&mut a, &mut fx, "روسيا");
    let hits = hit_texts(&a);
    // the clitic form بروسيا, in the third seed
    let n = hits
        .iter()
        .position(|(_, t)| t == "بروسيا")
        .expect("بروسيا");
    for _ in 0..popup(&a).row_of(n) {
        type_keys(&mut a, &mut fx, "<Down>");
    }
    let nth = popup(&a)
        .groups()
        .flat_map(|(_, g)| g.hits.iter().map(move |h| (g.key, *h)))
        .nth(n);
    assert_eq!(popup(&a).selected_hit(), nth, "the row of hit {n}");
    let (key, hit) = popup(&a).selected_hit().expect("a hit");
    let (doc, range) = a.hit_range(key, &hit).expect("document");
    assert_eq!(
        &a.corpus.docs[doc].text()[range.clone()],
        "روسيا",
        "the stem is the hit"
    );
    type_keys(&mut a, &mut fx, "<Enter>");
    assert!(a.popups.is_empty());
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.reader.doc, Some(doc));
    assert_eq!(
        a.open_doc().map(|d| d.id.as_str()),
        Some(hits[n].0.as_str())
    );
    // the hit is the current one of the document's search, and on screen
    let current = a.find.hits[a.find.current].clone();
    assert_eq!(current, range);
    let line = a.reader.line_of_offset(range.start);
    assert!(line >= a.reader.top && line < a.reader.top + a.reader_height());
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.starts_with("hit "), "{msg}");
    // n steps to the next hit of the same query
    keys(&mut a, "n");
    assert_eq!(
        a.find.current,
        (a.find.hits.iter().position(|h| *h == range).unwrap() + 1) % a.find.hits.len()
    );
    // reopening shows the last query again
    type_keys(&mut a, &mut fx, "s");
    assert_eq!(popup(&a).input.text, "روسيا");
    assert_eq!(popup(&a).total, hits.len());
}

#[test]
fn pasted_text_is_a_query_and_editing_requeries() {
    let mut a = searched(120, 40, "CSTO\n");
    assert_eq!(popup(&a).input.text, "CSTO ");
    let n = popup(&a).total;
    assert!(n > 0);
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "<C-u>");
    assert_eq!(popup(&a).total, 0);
    type_text(&mut a, &mut fx, "csto");
    assert_eq!(popup(&a).total, n, "Latin case is folded");
    type_keys(&mut a, &mut fx, "<C-w>");
    assert_eq!(popup(&a).input.text, "");
}

#[test]
fn hits_of_an_older_query_are_ignored() {
    let mut a = app();
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "s");
    type_text(&mut a, &mut fx, "روسيا");
    let before = popup(&a).clone();
    let old = fx.grep.query(popup(&a).gen - 1, "CSTO");
    assert!(old.iter().any(|u| matches!(u, GrepUpdate::Hits { .. })));
    for u in old {
        a.handle_event(AppEvent::Grep(u));
    }
    assert_eq!(popup(&a), &before);
    assert_eq!(popup(&a).total, before.total);
}

#[test]
fn the_popup_says_when_the_index_is_behind() {
    let mut a = app_sized(80, 24);
    keys(&mut a, "s");
    a.handle_event(AppEvent::Grep(GrepUpdate::Indexed(2)));
    let screen = screen_text(&buffer(&a, 80, 24));
    assert!(screen.contains("indexing 40 %…"), "{screen}");
}

#[test]
fn search_popup_100x30() {
    let a = searched(100, 30, "روسيا");
    insta::assert_snapshot!(screen_text(&buffer(&a, 100, 30)));
}

#[test]
fn search_popup_40x15() {
    let a = searched(40, 15, "ارمينيا");
    insta::assert_snapshot!(screen_text(&buffer(&a, 40, 15)));
}

#[test]
fn tiny_terminals_do_not_panic() {
    let mut a = searched(120, 40, "روسيا");
    keys(&mut a, "<Down> <Down> <Down>");
    for (w, h) in [(1, 1), (3, 2), (10, 4), (12, 5), (20, 6), (30, 3), (6, 30)] {
        a.resize(w, h);
        buffer(&a, w, h);
        keys(&mut a, "<PageDown> <Down>");
    }
}

#[test]
fn the_hit_cells_are_highlighted_in_the_snippet() {
    // تُدفّع in seed 002 carries damma and shadda: only its cells are lit.
    let a = searched(120, 40, "تدفع");
    let buf = buffer(&a, 120, 40);
    let hit = a.theme.search_hit;
    let is_hit = |x: u16, y: u16| {
        let c = &buf[(x, y)];
        c.bg == hit.bg.unwrap_or_default() && c.bg != ratatui::style::Color::Reset
    };
    let rows: Vec<u16> = (0..buf.area.height)
        .filter(|&y| (0..buf.area.width).any(|x| is_hit(x, y)))
        .collect();
    assert_eq!(rows.len(), popup(&a).total, "one lit word per hit row");
    for y in rows {
        let lit: String = (0..buf.area.width)
            .filter(|&x| is_hit(x, y))
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let folded: String = qari::text::fold::fold_key(&lit).chars().rev().collect();
        assert!(folded.ends_with("تدفع"), "highlighted cells: {lit:?}");
    }
}

#[test]
fn hit_counts_are_arabic_under_the_arabic_interface() {
    let mut a = searched(100, 30, "روسيا");
    a.ui_lang = qari::config::UiLang::Ar;
    let text = screen_text(&buffer(&a, 100, 30));
    assert!(!text.contains("hits"), "{text}");
    let count = popup(&a)
        .groups()
        .next()
        .map(|(_, g)| g.hits.len())
        .expect("a group");
    let shaped = shaped(&format!("{count} نتيجة"));
    assert!(text.contains(&shaped), "{shaped}\n{text}");
}

/// `s` in screen order as the interface draws it (bidi, shaped).
fn shaped(s: &str) -> String {
    qari::text::layout_inline(
        s,
        100,
        &qari::text::LayoutOptions {
            width: 100,
            bidi: qari::text::BidiMode::App,
            shape: true,
            direction: None,
        },
    )
    .cells
    .iter()
    .map(|c| c.symbol.as_str())
    .collect()
}

/// The search popup for `x` in a 100×30 terminal, answered with 1,234 hits
/// in the first seed and 1,000 in the second (more than the seeds hold;
/// only the first document's header fits on screen).
fn many_hits(lang: qari::config::UiLang) -> App {
    use qari::search::bytekey::Checkpoint;
    use qari::search::{GrepDocHits, KeyHit};
    let mut a = app_sized(100, 30);
    a.ui_lang = lang;
    let mut fx = common::search_runner(&mut a);
    type_keys(&mut a, &mut fx, "s x");
    let gen = popup(&a).gen;
    let hits = |n: u32| {
        (0..n)
            .map(|i| KeyHit {
                start: i,
                end: i + 1,
                from: Checkpoint { key: 0, text: 0 },
            })
            .collect()
    };
    let docs = vec![
        GrepDocHits {
            key: a.doc_key(0).expect("key"),
            hits: hits(1234),
        },
        GrepDocHits {
            key: a.doc_key(1).expect("key"),
            hits: hits(1000),
        },
    ];
    a.handle_event(AppEvent::Grep(GrepUpdate::Searched { gen, docs: 5 }));
    a.handle_event(AppEvent::Grep(GrepUpdate::Hits { gen, hits: docs }));
    a
}

#[test]
fn counts_are_grouped_by_thousands() {
    let a = many_hits(qari::config::UiLang::En);
    assert_eq!(popup(&a).total, 2234);
    let text = screen_text(&buffer(&a, 100, 30));
    assert!(text.contains("2,234 hits in 2 documents"), "{text}");
    assert!(text.contains("1,234 hits"), "{text}");
}

#[test]
fn counts_are_grouped_under_the_arabic_interface_as_cldr_groups_latin_digits() {
    let a = many_hits(qari::config::UiLang::Ar);
    let text = screen_text(&buffer(&a, 100, 30));
    // CLDR's Arabic locale groups Western digits with ',' (U+066C goes with
    // Arabic-Indic digits); ungrouped counts would read 2234 / 1234.
    assert!(
        !text.contains('\u{066C}') && !text.contains("2234"),
        "{text}"
    );
    for s in ["1,234 نتيجة", "النتائج 2,234 في 2 مستند"] {
        assert!(text.contains(&shaped(s)), "{s}: {}\n{text}", shaped(s));
    }
}
