use super::*;

const DOC: &str = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في الجنوب. \
وقال وزير الزراعة إن الخطة ستبدأ في الربيع المقبل. \
وأضاف أن التمويل سيأتي من صندوق التنمية الوطني.";

const PASSAGE: &str = "وقال وزير الزراعة إن الخطة ستبدأ في الربيع المقبل.";

fn target() -> Target {
    let s = DOC.find(PASSAGE).unwrap();
    Target::from_bytes("d", DOC, s..s + PASSAGE.len())
}

#[track_caller]
fn check(text: &str, state: AnchorState, want: Option<&str>) -> Anchor {
    let a = anchor(&target(), text);
    assert_eq!(a.state, state, "{a:?}");
    assert_eq!(a.range.clone().map(|r| &text[r]), want);
    a
}

#[test]
fn unchanged_text_is_exact() {
    check(DOC, AnchorState::Exact, Some(PASSAGE));
}

#[test]
fn insertion_after_keeps_it_exact() {
    let text = format!("{DOC} وختم بالقول إن الحكومة ستتابع التنفيذ.");
    check(&text, AnchorState::Exact, Some(PASSAGE));
}

#[test]
fn insertion_before_moves_it() {
    let text = format!("عاجل: {DOC}");
    let a = check(&text, AnchorState::Moved, Some(PASSAGE));
    assert_eq!(a.score, 1.0);
}

#[test]
fn insertion_inside_is_fuzzy_and_covers_the_edit() {
    let edited = PASSAGE.replace("الخطة", "الخطة الجديدة");
    let text = DOC.replace(PASSAGE, &edited);
    let a = check(&text, AnchorState::Fuzzy, Some(&edited));
    assert!(a.score > 0.7 && a.score < 1.0, "{a:?}");
}

#[test]
fn harakat_added_to_the_passage_is_fuzzy_with_marks_kept() {
    let voweled = PASSAGE.replace("وزير", "وَزِيرُ").replace("المقبل", "المُقبِلِ");
    let text = DOC.replace(PASSAGE, &voweled);
    let a = check(&text, AnchorState::Fuzzy, Some(&voweled));
    // the folded texts are equal: only the context and position count
    assert!(a.score > 0.95, "{a:?}");
}

#[test]
fn deleted_passage_is_an_orphan() {
    let text = DOC.replace(PASSAGE, "");
    check(&text, AnchorState::Orphan, None);
}

#[test]
fn a_different_sentence_in_its_place_is_an_orphan() {
    let text = DOC.replace(
        PASSAGE,
        "وقال رئيس الوزراء إن الميزانية لن تتغير هذا العام.",
    );
    check(&text, AnchorState::Orphan, None);
}

#[test]
fn nearest_occurrence_with_matching_context_wins() {
    // the quote appears twice; the second copy has the original context
    let text = format!("{PASSAGE} مقدمة. {DOC}");
    let a = check(&text, AnchorState::Moved, Some(PASSAGE));
    assert_eq!(a.range.unwrap().start, text.rfind(PASSAGE).unwrap());
}

#[test]
fn empty_text_and_empty_quote_are_orphans() {
    check("", AnchorState::Orphan, None);
    let mut t = target();
    t.quote.exact.clear();
    assert_eq!(anchor(&t, DOC).state, AnchorState::Orphan);
}

#[test]
fn approximate_matches_finds_one_per_place() {
    let p: Vec<char> = "abcd".chars().collect();
    let t: Vec<char> = "xxabxdyyyabcdzz".chars().collect();
    let m = approximate_matches(&p, &t, 1);
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m[1].errors, 0);
    assert_eq!((m[1].start, m[1].end), (9, 13));
}

#[test]
fn levenshtein_basics() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(levenshtein(&c("كتاب"), &c("كتب")), 1);
    assert_eq!(levenshtein(&c(""), &c("abc")), 3);
    assert_eq!(similarity(&[], &[]), 1.0);
}

proptest::proptest! {
    #[test]
    fn any_edit_gives_a_valid_range(cut in 0usize..200, len in 0usize..40, ins in "[ا-ي َُِ a-z\n]{0,20}") {
        let chars: Vec<char> = DOC.chars().collect();
        let cut = cut.min(chars.len());
        let end = (cut + len).min(chars.len());
        let text: String = chars[..cut].iter().chain(ins.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        let a = anchor(&target(), &text);
        if let Some(r) = a.range {
            proptest::prop_assert!(r.start <= r.end && r.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            proptest::prop_assert!(a.state != AnchorState::Orphan);
        } else {
            proptest::prop_assert_eq!(a.state, AnchorState::Orphan);
        }
    }
}
