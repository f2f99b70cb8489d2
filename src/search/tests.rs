//! Tests of ranking, narrowing, highlighting and corpus search together.

use super::*;

fn titles_index(titles: &[&str]) -> JumpIndex {
    JumpIndex::build(
        titles
            .iter()
            .map(|t| JumpFields {
                title: t,
                ..Default::default()
            })
            .collect::<Vec<_>>(),
    )
}

fn ranked(index: &JumpIndex, q: &str) -> Vec<u32> {
    let r = JumpSearcher::new().search(index, q, 100, &|| false);
    r.map(|r| r.hits.iter().map(|h| h.doc).collect())
        .unwrap_or_default()
}

#[test]
fn folding_applies_to_query_and_titles() {
    let idx = titles_index(&["أذربيجان تعلن", "عام ٢٠٢٣", "لا شيء"]);
    assert_eq!(ranked(&idx, "اذربيجان"), vec![0]);
    assert_eq!(ranked(&idx, "2023"), vec![1]);
    assert_eq!(ranked(&idx, "أذرَبيجان"), vec![0]);
}

#[test]
fn all_terms_must_match_in_any_order() {
    let idx = titles_index(&[
        "روسيا وأرمينيا",
        "روسيا وحدها",
        "أرمينيا وحدها",
        "أرمينيا ثم روسيا",
    ]);
    let mut got = ranked(&idx, "روسيا ارمينيا");
    got.sort();
    assert_eq!(got, vec![0, 3]);
}

#[test]
fn title_matches_rank_above_body_matches() {
    let docs = [
        JumpFields {
            title: "خبر عن الطقس",
            first_sentence: Some("قال باشينيان اليوم"),
            ..Default::default()
        },
        JumpFields {
            title: "باشينيان يزور موسكو",
            ..Default::default()
        },
        JumpFields {
            title: "خبر آخر",
            source: Some("باشينيان نيوز"),
            ..Default::default()
        },
    ];
    let idx = JumpIndex::build(docs.to_vec());
    assert_eq!(ranked(&idx, "باشينيان"), vec![1, 2, 0]);
}

#[test]
fn contiguous_matches_rank_above_scattered_ones() {
    let idx = titles_index(&["قرار بعد هدنة", "قره باغ"]);
    assert_eq!(ranked(&idx, "قره")[0], 1);
}

#[test]
fn narrowing_gives_the_same_results_as_a_fresh_search() {
    let titles: Vec<String> = (0..3000)
        .map(|i| {
            let words = [
                "روسيا",
                "أرمينيا",
                "قره",
                "باغ",
                "CSTO",
                "باشينيان",
                "موسكو",
                "يريفان",
            ];
            format!(
                "{} {} {}",
                words[i % 8],
                words[(i / 8) % 8],
                words[(i / 64) % 8]
            )
        })
        .collect();
    let idx = JumpIndex::build(
        titles
            .iter()
            .map(|t| JumpFields {
                title: t,
                ..Default::default()
            })
            .collect::<Vec<_>>(),
    );
    let mut s = JumpSearcher::new();
    let q = "روسيا ارمينيا";
    let typed: Vec<usize> = q.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    for end in typed.iter().chain(typed.iter().rev()) {
        let part = &q[..*end];
        let narrowed = s
            .search(&idx, part, 50, &|| false)
            .map(|r| (r.total, r.hits));
        let fresh = JumpSearcher::new()
            .search(&idx, part, 50, &|| false)
            .map(|r| (r.total, r.hits));
        assert_eq!(narrowed, fresh, "query {part:?}");
    }
}

#[test]
fn cancelled_searches_return_nothing() {
    let titles: Vec<String> = (0..5000).map(|i| format!("عنوان {i}")).collect();
    let idx = JumpIndex::build(
        titles
            .iter()
            .map(|t| JumpFields {
                title: t,
                ..Default::default()
            })
            .collect::<Vec<_>>(),
    );
    assert!(JumpSearcher::new()
        .search(&idx, "عنو", 10, &|| true)
        .is_none());
}

#[test]
fn highlight_maps_through_harakat_to_the_original_title() {
    let title = "هل تُدفّع موسكو يريفان";
    let r = highlight(title, "تدفع");
    assert_eq!(r.len(), 1);
    assert_eq!(&title[r[0].clone()], "تُدفّع");
    let r = highlight("أرمينيا", "ارمينيا");
    assert_eq!(r, vec![0.."أرمينيا".len()]);
}

#[test]
fn highlight_covers_lam_alef_and_scattered_letters() {
    let title = "الاتفاق بين يريفان";
    let r = highlight(title, "الاتفاق");
    assert_eq!(r, vec![0.."الاتفاق".len()]);
    let lig = "\u{FEFB}عب";
    let r = highlight(lig, "لاعب");
    assert_eq!(r, vec![0..lig.len()]);
}

#[test]
fn engine_delivers_the_latest_query() {
    let idx = titles_index(&["روسيا", "أرمينيا"]);
    let (tx, rx) = std::sync::mpsc::channel();
    let engine = JumpEngine::spawn(idx, 10, move |r| {
        let _ = tx.send(r);
    });
    let g = engine.submit("ارمينيا");
    let r = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("results");
    assert_eq!(r.generation, g);
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), vec![1]);
    engine.extend(titles_index(&["أرمينيا مرة أخرى"]), Vec::new());
    let r = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("refreshed results");
    assert_eq!(r.total, 2);
}

#[test]
fn corpus_search_finds_clitic_forms_and_maps_to_text() {
    let docs = [
        "قالت موسكو إن بروسيا قوة.\nولروسيا مصالح.",
        "لا شيء هنا عن روسيان",
        "أذربيجانُ وروسيا",
    ];
    let idx = GrepIndex::build(&docs);
    let hits = idx.search_all(&docs, &Query::parse("روسيا"));
    let found: Vec<(usize, &str)> = hits
        .iter()
        .flat_map(|h| h.hits.iter().map(move |r| (h.doc, &docs[h.doc][r.clone()])))
        .collect();
    assert_eq!(found, vec![(0, "روسيا"), (0, "روسيا"), (2, "روسيا")]);
    let hits = idx.search_all(&docs, &Query::parse("اذربيجان روسيا"));
    assert_eq!(hits.len(), 1);
    assert_eq!(&docs[2][hits[0].hits[0].clone()], "أذربيجانُ");
}

#[test]
fn corpus_search_verifies_letters_outside_the_byte_alphabet() {
    let docs = ["слово один", "слова два"];
    let idx = GrepIndex::build(&docs);
    let hits = idx.search_all(&docs, &Query::parse("слово"));
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), vec![0]);
}

#[test]
fn in_document_search_lists_every_hit() {
    let text = "قره باغ، وقره باغ\nناغورني قره باغ";
    let hits = find_in_text(text, &Query::parse("\"قره باغ\""));
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|r| text[r.clone()].ends_with("باغ")));
}

#[test]
fn overlapping_occurrences_are_all_tried() {
    // ب + ببب: the occurrence at the word's start is followed by a letter
    // (no match), the one after the proclitic ب is the hit.
    let text = "كلمة بببب أخرى";
    let hits = find_in_text(text, &Query::parse("ببب"));
    assert_eq!(hits.len(), 1);
    assert_eq!(&text[hits[0].clone()], "ببب");
    assert!(hits[0].start > text.find('ب').unwrap_or(0));
}

#[test]
fn a_document_must_hold_every_word_of_the_query() {
    let docs = ["روسيا وارمينيا", "روسيا فقط", "ارمينيا فقط"];
    let idx = GrepIndex::build(&docs[..]);
    let all = idx.search_all(&docs[..], &Query::parse("روسيا ارمينيا"));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].doc, 0);
    assert_eq!(all[0].hits.len(), 2);
}

#[test]
fn query_words_side_by_side_are_one_hit() {
    let text = "في قره باغ اليوم، وقره وحدها، ثم باغ";
    let hits = find_in_text(text, &Query::parse("قره باغ"));
    let words: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(words, vec!["قره باغ", "قره", "باغ"]);
}

#[test]
fn the_same_word_repeated_side_by_side_is_one_hit_each_time() {
    let text = "روسيا روسيا كلمة قره باغ قره باغ";
    let hits = find_in_text(text, &Query::parse("روسيا"));
    let words: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(words, vec!["روسيا", "روسيا"]);
    // a two-word query: each side-by-side pair is one hit, pairs apart
    let hits = find_in_text(text, &Query::parse("قره باغ"));
    let words: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(words, vec!["قره باغ", "قره باغ"]);
    // and the corpus index agrees
    let docs = [text];
    let all = GrepIndex::build(&docs[..]).search_all(&docs[..], &Query::parse("روسيا"));
    assert_eq!(all[0].hits.len(), 2);
}

#[test]
fn side_by_side_words_join_in_query_order_only() {
    // the first باغ stands alone; قره باغ after it is the place
    let text = "باغ قره باغ";
    let hits = find_in_text(text, &Query::parse("قره باغ"));
    let words: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(words, vec!["باغ", "قره باغ"]);
    // words split by a line break or a tab still read as one place
    let text = "قره\tباغ وفي قره\nباغ";
    let hits = find_in_text(text, &Query::parse("قره باغ"));
    assert_eq!(hits.len(), 2, "{hits:?}");
}
