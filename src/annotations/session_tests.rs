use super::*;
use crate::annotations::doc_text::DocText;
use crate::annotations::export::tests::doc;

const TEXT: &str =
    "قال الوزير إن الخطة جاهزة. وأضاف أن NATO وافقت.\nالفقرة الثانية هنا. وجملة أخيرة.";

fn setup() -> (DocText, AnnotationState) {
    let d = DocText::of(&doc("t", TEXT));
    let mut s = AnnotationState::default();
    s.open(Some(&d));
    (d, s)
}

#[test]
fn label_on_cursor_sentence_then_relabel_and_delete() {
    let (d, mut s) = setup();
    assert_eq!(s.cursor, Some(0));
    assert_eq!(s.apply_label(&d, 1).as_deref(), Some("marked as claim"));
    assert_eq!(s.placed.len(), 1);
    assert_eq!(s.placed[0].range, Some(d.sentences[0].clone()));
    // the same range again changes the label instead of adding one
    s.apply_label(&d, 2);
    assert_eq!(s.store.set.len(), 1);
    assert_eq!(s.placed[0].label, "quote");
    assert!(s.apply_label(&d, 0).is_none());
    assert_eq!(s.delete_under_cursor(&d).as_deref(), Some("quote"));
    assert!(s.placed.is_empty());
    assert!(s.undo_redo(Some(&d), false));
    assert_eq!(s.placed.len(), 1);
    assert!(s.undo_redo(Some(&d), true));
    assert!(s.placed.is_empty());
}

#[test]
fn label_on_selection_clears_it() {
    let (d, mut s) = setup();
    let sel = selection::extend(&d, &selection::start(&d, 0).unwrap(), selection::Unit::Word);
    s.selection = Some(sel.clone());
    s.apply_label(&d, 4);
    assert!(s.selection.is_none());
    assert_eq!(s.placed[0].range, Some(sel));
    assert_eq!(s.placed[0].label, "person");
}

#[test]
fn jump_between_annotations_and_copy() {
    let (d, mut s) = setup();
    s.cursor = Some(1);
    s.apply_label(&d, 1);
    s.cursor = Some(3);
    s.apply_label(&d, 2);
    s.cursor = Some(0);
    assert_eq!(s.jump(&d, true), Some(d.sentences[1].clone()));
    assert_eq!(s.cursor, Some(1));
    assert_eq!(s.jump(&d, true), Some(d.sentences[3].clone()));
    assert_eq!(s.jump(&d, true), None);
    assert_eq!(s.jump(&d, false), Some(d.sentences[1].clone()));
    assert_eq!(
        s.copy_text(&d).as_deref(),
        Some(&d.text[d.sentences[1].clone()])
    );
    s.cursor = Some(2);
    assert_eq!(s.copy_text(&d).as_deref(), Some("الفقرة الثانية هنا."));
}

#[test]
fn form_adds_then_edits() {
    let (d, mut s) = setup();
    let r = d.sentences[0].clone();
    s.save_form(&d, None, r.clone(), "claim", vec!["x".into()], "ملاحظة");
    let id = s.placed[0].id.clone();
    assert_eq!(s.store.set.get(&id).unwrap().motivation, "commenting");
    s.save_form(&d, Some(&id), r, "quote", vec![], "");
    assert_eq!(s.store.set.len(), 1);
    let a = s.store.set.get(&id).unwrap();
    assert_eq!((a.label.as_str(), a.note.as_str()), ("quote", ""));
    assert_eq!(a.motivation, "highlighting");
}

#[test]
fn orphans_are_listed_last() {
    let (d, mut s) = setup();
    s.apply_label(&d, 1);
    let mut gone = Annotation::new(&d.id, &d.text, d.sentences[1].clone(), "claim");
    gone.target.quote.exact = "ليس في النص".into();
    s.store.set.add(gone);
    s.refresh(Some(&d));
    assert_eq!(s.placed.len(), 2);
    assert_eq!(s.placed[1].state, AnchorState::Orphan);
}

#[test]
fn osc52_is_base64() {
    assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
}

#[test]
fn note_rows_follow_changes() {
    let (d, mut s) = setup();
    let docs = vec![doc("t", TEXT)];
    assert!(s.note_rows(&docs, (None, ""), None).is_empty());
    let gen = s.store.set.generation();
    s.apply_label(&d, 1);
    assert!(s.store.set.generation() > gen);
    assert_eq!(s.note_rows(&docs, (None, ""), None).len(), 1);
    assert!(s.note_rows(&docs, (None, "quote"), None).is_empty());
    s.undo_redo(Some(&d), false);
    assert!(s.note_rows(&docs, (None, ""), None).is_empty());
}

#[test]
fn nothing_is_anchored_to_the_notice_of_an_unreadable_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(&p, TEXT).unwrap();
    let loaded = crate::corpus::load_file(&p).unwrap();
    std::fs::write(&p, "نص آخر").unwrap();
    let d = DocText::of(&loaded);
    assert!(d.unreadable.is_some());
    let mut s = AnnotationState::default();
    s.open(Some(&d));
    assert_eq!(
        s.cursor,
        Some(0),
        "the notice can still be read with the cursor"
    );
    assert_eq!(s.apply_label(&d, 1), None);
    let r = d.sentences[0].clone();
    s.save_form(&d, None, r, "claim", vec![], "");
    assert!(s.store.set.is_empty());
}
