//! End to end in a pseudo-terminal: open the seeds, select a passage, label
//! it with `1`, add an Arabic note with `a`, quit; the annotation file holds
//! it; a second run lists it in the Notes tab.

mod common;

use std::path::{Path, PathBuf};

use common::pty::{Pty, Spawn};
use qari::annotations::Store;

fn start(data: &Path) -> Pty {
    Spawn::new(120, 30).data(data).start()
}

#[test]
fn select_label_note_quit_reopen() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("doc 1/5");
    s.send("\t");
    s.send("vw");
    s.send("1");
    s.wait_for("marked as claim");
    s.send("a");
    s.wait_for("Edit annotation");
    s.send("ملاحظة مهمة");
    s.send("\r");
    s.wait_for("annotation saved");
    s.quit();

    // the file is there and holds the annotation
    let (store, warnings) = Store::open_corpus(data.path(), &[PathBuf::from("seeds")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let items = store.set.items();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].label, "claim");
    assert_eq!(items[0].note, "ملاحظة مهمة");
    assert!(items[0].target.position.end > items[0].target.position.start);

    // a second run shows it in the Notes tab
    let mut s = start(data.path());
    s.wait_for("doc 1/5");
    s.send("\t\tl");
    s.wait_for("claim · exact");
    s.quit();
}
