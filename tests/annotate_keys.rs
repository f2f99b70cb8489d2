//! Key tests for the reading cursor, selection and annotation bindings (the
//! pairs are listed in `tests/keys.rs`, whose coverage test checks them).

mod common;

use common::{app, keys};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qari::action::Effect;
use qari::app::{App, Pane, Popup, SidebarTab};
use qari::event::AppEvent;

/// An app over the seeds with the reader focused.
fn reader() -> App {
    let mut a = app();
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Pane::Reader);
    a
}

fn sentence(a: &App, i: usize) -> std::ops::Range<usize> {
    a.open_doc().unwrap().sentences()[i].clone()
}

fn text(a: &App, r: std::ops::Range<usize>) -> String {
    a.open_doc().unwrap().text()[r].to_string()
}

#[test]
fn parens_move_the_reading_cursor() {
    let mut a = reader();
    assert_eq!(a.annotations.cursor, Some(0));
    keys(&mut a, ") )");
    assert_eq!(a.annotations.cursor, Some(2));
    keys(&mut a, "(");
    assert_eq!(a.annotations.cursor, Some(1));
    // on an annotated sentence the status line says what it is
    keys(&mut a, "4 ) (");
    assert_eq!(a.status.message.as_deref(), Some("person · exact"));
    // the cursor is drawn as a highlight over its sentence
    let hl = a.reader_highlights();
    assert!(hl.iter().any(|h| h.range == sentence(&a, 1)));
}

#[test]
fn v_w_b_parens_braces_and_esc_shape_the_selection() {
    let mut a = reader();
    keys(&mut a, "v");
    let s0 = sentence(&a, 0);
    assert_eq!(a.annotations.selection, Some(s0.clone()));
    keys(&mut a, "w");
    let grown = a.annotations.selection.clone().unwrap();
    assert_eq!(grown.start, s0.start);
    assert!(grown.end > s0.end);
    keys(&mut a, "b");
    assert_eq!(a.annotations.selection, Some(s0.clone()));
    keys(&mut a, ")");
    assert_eq!(
        a.annotations.selection.clone().unwrap().end,
        sentence(&a, 1).end
    );
    keys(&mut a, "(");
    assert_eq!(a.annotations.selection, Some(s0.clone()));
    keys(&mut a, "}");
    let para_end = a
        .open_doc()
        .unwrap()
        .paragraphs()
        .iter()
        .map(|p| p.end)
        .find(|&e| e > s0.end);
    assert_eq!(
        a.annotations.selection.clone().unwrap().end,
        para_end.unwrap()
    );
    keys(&mut a, "{");
    assert!(a.annotations.selection.clone().unwrap().end <= para_end.unwrap());
    assert_eq!(
        a.annotations.cursor,
        Some(0),
        "selection keys do not move the cursor"
    );
    keys(&mut a, "<Esc>");
    assert_eq!(a.annotations.selection, None);
}

#[test]
fn digits_apply_the_nine_labels() {
    let mut a = reader();
    let names = [
        "claim",
        "quote",
        "evidence",
        "person",
        "place",
        "date",
        "question",
        "important",
        "disputed",
    ];
    for (i, name) in names.iter().enumerate() {
        let fx = keys(&mut a, &(i + 1).to_string());
        assert_eq!(fx, vec![Effect::SaveAnnotations]);
        let p = a
            .annotations
            .placed
            .iter()
            .find(|p| p.range == Some(sentence(&a, i)))
            .unwrap();
        assert_eq!(p.label, *name);
        keys(&mut a, ")");
    }
    assert_eq!(a.annotations.store.set.len(), 9);
    // labelled passages are highlighted in their colour
    let hl = a.reader_highlights();
    assert!(hl
        .iter()
        .any(|h| h.range == sentence(&a, 0) && h.style.bg == Some(ratatui::style::Color::Yellow)));
}

#[test]
fn a_opens_the_form_and_saves_an_arabic_note() {
    let mut a = reader();
    keys(&mut a, "v w a");
    assert!(matches!(a.popups.last(), Some(Popup::NoteForm(_))));
    for c in "claim".chars() {
        a.handle_event(AppEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    keys(&mut a, "<Tab>");
    a.handle_event(AppEvent::Paste("مصدر، تحقق".into()));
    keys(&mut a, "<Tab>");
    // typed keys go to the field, not to bindings (q would quit)
    for c in "ملاحظة q".chars() {
        let fx = a.handle_event(AppEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
        assert!(fx.is_empty());
    }
    let fx = keys(&mut a, "<Enter>");
    assert_eq!(fx, vec![Effect::SaveAnnotations]);
    assert!(a.popups.is_empty());
    let ann = a.annotations.store.set.items()[0].clone();
    assert_eq!(ann.label, "claim");
    assert_eq!(ann.tags, ["مصدر", "تحقق"]);
    assert_eq!(ann.note, "ملاحظة q");
    assert_eq!(ann.motivation, "commenting");
    // `a` on it again edits it; Esc leaves it unchanged
    keys(&mut a, "a");
    let Some(Popup::NoteForm(f)) = a.popups.last() else {
        panic!()
    };
    assert_eq!(f.id.as_deref(), Some(ann.id.as_str()));
    keys(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
    assert_eq!(a.annotations.store.set.len(), 1);
    // a digit in the label field picks that key's label
    keys(&mut a, "a <S-Tab> <S-Tab> <C-u>");
    a.handle_event(AppEvent::Key(KeyEvent::new(
        KeyCode::Char('5'),
        KeyModifiers::NONE,
    )));
    keys(&mut a, "<Enter>");
    assert_eq!(a.annotations.store.set.items()[0].label, "place");
}

#[test]
fn d_deletes_and_u_ctrl_r_undo_and_redo() {
    let mut a = reader();
    keys(&mut a, "1");
    assert_eq!(a.annotations.store.set.len(), 1);
    assert_eq!(keys(&mut a, "d"), vec![Effect::SaveAnnotations]);
    assert!(a.annotations.store.set.is_empty());
    assert_eq!(keys(&mut a, "u"), vec![Effect::SaveAnnotations]);
    assert_eq!(a.annotations.store.set.len(), 1);
    assert_eq!(keys(&mut a, "<C-r>"), vec![Effect::SaveAnnotations]);
    assert!(a.annotations.store.set.is_empty());
    assert!(keys(&mut a, "<C-r>").is_empty(), "nothing left to redo");
    assert!(keys(&mut a, "d").is_empty());
    assert_eq!(
        a.status.message.as_deref(),
        Some("no annotation under the cursor")
    );
}

#[test]
fn m_and_shift_m_jump_between_annotations() {
    let mut a = reader();
    keys(&mut a, ") 2 ) ) 3 g g");
    keys(&mut a, "(");
    assert_eq!(a.annotations.cursor, Some(2));
    keys(&mut a, "m");
    assert_eq!(a.annotations.cursor, Some(3));
    assert_eq!(a.status.message.as_deref(), Some("evidence · exact"));
    keys(&mut a, "m");
    assert_eq!(a.status.message.as_deref(), Some("no more annotations"));
    keys(&mut a, "M");
    assert_eq!(a.annotations.cursor, Some(1));
}

#[test]
fn y_copies_the_selection_and_x_exports() {
    let mut a = reader();
    keys(&mut a, "v w");
    let sel = a.annotations.selection.clone().unwrap();
    let fx = keys(&mut a, "y");
    assert_eq!(fx, vec![Effect::CopyToClipboard(text(&a, sel))]);
    assert_eq!(keys(&mut a, "X"), vec![Effect::ExportAnnotations]);
}

#[test]
fn notes_tab_lists_toggles_scope_and_enter_jumps() {
    let mut a = reader();
    keys(&mut a, ") ) 1");
    keys(&mut a, "] 2");
    keys(&mut a, "<Tab> l");
    assert_eq!(a.sidebar.tab, SidebarTab::Notes);
    assert_eq!(a.note_rows().len(), 1, "this document");
    keys(&mut a, "c");
    assert!(a.notes.all);
    assert_eq!(a.note_rows().len(), 2);
    keys(&mut a, "<Enter>");
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.reader.doc, Some(0));
    assert_eq!(a.annotations.cursor, Some(2));
    keys(&mut a, "<Tab> j <Enter>");
    assert_eq!(a.reader.doc, Some(1));
    assert_eq!(a.annotations.cursor, Some(0));
}

#[test]
fn slash_filters_the_notes_by_label() {
    let mut a = reader();
    keys(&mut a, "1 ) 2 ) 2");
    keys(&mut a, "<Tab> l /");
    assert!(a.text_input_active());
    for c in "quo".chars() {
        a.handle_event(AppEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    assert_eq!(a.notes.filter, "quo");
    assert_eq!(a.note_rows().len(), 2);
    keys(&mut a, "<Enter>");
    assert!(!a.text_input_active());
    assert_eq!(a.note_rows().len(), 2, "the filter stays");
    keys(&mut a, "/ <Esc>");
    assert!(a.notes.filter.is_empty());
    assert_eq!(a.note_rows().len(), 3);
}

#[test]
fn changed_articles_show_anchor_states_and_keep_orphans() {
    use qari::annotations::{AnchorState, Annotation};
    let mut a = reader();
    let doc = a.open_doc().unwrap().clone();
    let s1 = doc.sentences()[1].clone();
    // made on an older version of the text: same passage, earlier position
    let mut moved = Annotation::new(&doc.id, &doc.text(), s1.clone(), "quote");
    moved.target.position.start -= 3;
    moved.target.position.end -= 3;
    let mut orphan = Annotation::new(&doc.id, &doc.text(), doc.sentences()[2].clone(), "claim");
    orphan.target.quote.exact = "جملة حذفت من المقال منذ ذلك الحين".into();
    a.annotations.store.set.add(moved);
    a.annotations.store.set.add(orphan);
    a.refresh_annotations();
    let states: Vec<AnchorState> = a.note_rows().iter().map(|r| r.state).collect();
    assert_eq!(states, [AnchorState::Moved, AnchorState::Orphan]);
    keys(&mut a, "<Tab> l");
    let rows = format!("{:?}", a.sidebar_rows());
    assert!(
        rows.contains("quote · moved") && rows.contains("claim · orphan"),
        "{rows}"
    );
    // the moved one is highlighted at its new place, the orphan nowhere
    let hl = a.reader_highlights();
    assert!(hl.iter().any(|h| h.range == s1));
    assert_eq!(hl.len(), 1);
}
