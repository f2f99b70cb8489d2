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

/// The plain O(m·n) version, to check the cut-off against.
fn naive(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut ends = Vec::new();
    for (j, &t) in text.iter().enumerate() {
        let mut cur = vec![0; m + 1];
        for i in 1..=m {
            cur[i] = (prev[i - 1] + usize::from(pattern[i - 1] != t))
                .min(prev[i] + 1)
                .min(cur[i - 1] + 1);
        }
        if cur[m] <= k {
            ends.push((j + 1, cur[m]));
        }
        prev = cur;
    }
    ends
}

proptest::proptest! {
    #[test]
    fn cut_off_finds_what_the_full_table_finds(p in "[abc]{1,8}", t in "[abcd]{0,40}", k in 0usize..4) {
        let p: Vec<char> = p.chars().collect();
        let t: Vec<char> = t.chars().collect();
        let full = naive(&p, &t, k);
        let fast = approximate_matches(&p, &t, k);
        // every reported match is a real end with its true cost
        for m in &fast {
            proptest::prop_assert!(full.contains(&(m.end, m.errors)), "{m:?} not in {full:?}");
        }
        // and every run of matching ends is represented
        proptest::prop_assert_eq!(full.is_empty(), fast.is_empty());
        if let Some(best) = full.iter().map(|e| e.1).min() {
            proptest::prop_assert_eq!(fast.iter().map(|m| m.errors).min(), Some(best));
        }
    }
}

#[test]
fn long_text_orphan_and_far_moved_passage() {
    // a long article: the passage moved far and was edited; another one is gone
    let filler = "وتابع المتحدث حديثه عن تفاصيل أخرى لا علاقة لها بالموضوع. ".repeat(400);
    let edited = PASSAGE.replace("الربيع", "الصيف");
    let text = format!("{filler}{}", DOC.replace(PASSAGE, &edited));
    let a = anchor(&target(), &text);
    assert_eq!(a.state, AnchorState::Fuzzy);
    assert_eq!(&text[a.range.unwrap()], edited);
    let mut gone = target();
    gone.quote.exact = "نص طويل لم يعد موجودا في أي مكان من هذا المقال على الإطلاق".repeat(3);
    assert_eq!(anchor(&gone, &text).state, AnchorState::Orphan);
}
