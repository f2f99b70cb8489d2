use super::*;

const DOC: &str = "قال المتحدث إن الاجتماع سيُعقد يوم الخميس في القاهرة.";

#[test]
fn target_counts_code_points_and_keeps_context() {
    let word = "الاجتماع";
    let start = DOC.find(word).unwrap();
    let t = Target::from_bytes("a.txt", DOC, start..start + word.len());
    assert_eq!(t.quote.exact, word);
    let cp_start = DOC[..start].chars().count();
    assert_eq!(t.position.start, cp_start);
    assert_eq!(t.position.end, cp_start + word.chars().count());
    assert_eq!(t.quote.prefix, "قال المتحدث إن ");
    // the rest of the text is shorter than the context
    assert_eq!(t.quote.suffix, &DOC[start + word.len()..]);
    let long = format!("{DOC} {DOC}");
    let t = Target::from_bytes("a.txt", &long, start..start + word.len());
    assert!(t.quote.suffix.starts_with(" سيُعقد"));
    assert_eq!(t.quote.suffix.chars().count(), CONTEXT_CHARS);
    assert_eq!(t.text_hash, text_hash(&long));
    assert_ne!(text_hash(&long), text_hash(DOC));
}

#[test]
fn json_round_trip_keeps_unknown_fields() {
    let mut a = Annotation::new("a.txt", DOC, 0..6, "claim");
    a.note = "ملاحظة".into();
    let mut v = serde_json::to_value(&a).unwrap();
    v["x-color"] = "red".into();
    v["target"]["x-state"] = serde_json::json!({"type": "TimeState"});
    v["target"]["selector"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"type": "CssSelector", "value": "p"}));
    let back: Annotation = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back.extra["x-color"], "red");
    assert_eq!(back.target.other_selectors.len(), 1);
    assert_eq!(serde_json::to_value(&back).unwrap(), v);
    assert_eq!(back.created, a.created);
}

#[test]
fn selectors_are_w3c_shaped() {
    let a = Annotation::new("a.txt", DOC, 0..6, "claim");
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["type"], "Annotation");
    assert_eq!(v["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(v["target"]["selector"][1]["type"], "TextPositionSelector");
    assert!(v["created"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn ids_are_unique_uuids() {
    let a = new_id();
    let b = new_id();
    assert_ne!(a, b);
    assert_eq!(a.len(), "urn:uuid:".len() + 36);
    assert_eq!(&a[9 + 14..9 + 15], "4");
}

#[test]
fn timestamps_increase() {
    let a = Timestamp::now();
    let b = Timestamp::now();
    assert!(b > a);
    assert_eq!(a.compact().len(), 16);
}

#[test]
fn motivation_follows_content() {
    let mut a = Annotation::new("a.txt", DOC, 0..6, "claim");
    a.note = "note".into();
    a.refresh_motivation();
    assert_eq!(a.motivation, COMMENTING);
}
