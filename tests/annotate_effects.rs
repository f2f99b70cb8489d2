//! The runtime's side of annotating: saving, copying and exporting effects
//! carried out by `EffectRunner` on a file-backed store.

mod common;

use common::{app, keys};
use qari::action::Effect;
use qari::annotations::session::AnnotationState;
use qari::annotations::{store_path, Store};
use qari::runtime::{EffectRunner, Flow};

#[test]
fn save_copy_and_export_effects() {
    let data = tempfile::tempdir().unwrap();
    let path = store_path(data.path(), "test");
    let mut a = app();
    let (store, w) = Store::open(path.clone());
    assert!(w.is_empty());
    a.annotations = AnnotationState::new(store);
    keys(&mut a, "<Tab>");
    a.place_annotations();
    let mut fx = EffectRunner {
        data_dir: Some(data.path().to_path_buf()),
        ..Default::default()
    };
    let effects = keys(&mut a, "1 y X");
    assert_eq!(effects.len(), 3);
    for e in effects {
        assert_eq!(fx.run(e, &mut a).unwrap(), Flow::Continue);
    }
    let (on_disk, _) = Store::open(path);
    assert_eq!(on_disk.set.len(), 1);
    assert_eq!(on_disk.set.items()[0].label, "claim");
    assert_eq!(fx.copied.len(), 1);
    let msg = a.status.message.clone().unwrap();
    assert!(msg.starts_with("exported to "), "{msg}");
    let dir = std::path::PathBuf::from(msg.trim_start_matches("exported to "));
    assert!(dir.join("annotations.csv").exists());
    assert!(dir.join("brat").join("annotation.conf").exists());
    assert_eq!(fx.run(Effect::Quit, &mut a).unwrap(), Flow::Quit);
}

#[test]
fn a_failed_save_is_reported() {
    let data = tempfile::tempdir().unwrap();
    // a folder where the file should be: it cannot be read, saving is refused
    let path = store_path(data.path(), "test");
    std::fs::create_dir_all(&path).unwrap();
    let mut a = app();
    a.annotations = AnnotationState::new(Store::open(path).0);
    a.place_annotations();
    keys(&mut a, "<Tab>");
    let mut fx = EffectRunner::default();
    for e in keys(&mut a, "1") {
        fx.run(e, &mut a).unwrap();
    }
    let msg = a.status.message.clone().unwrap();
    assert!(msg.contains("NOT saved"), "{msg}");
}
