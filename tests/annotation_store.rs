//! The annotation file: round trips, unknown fields, corrupt files, atomic
//! saves, two writers, and a process killed mid-save.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qari::annotations::{store_path, Annotation, Store};
use serde_json::Value;

const DOC: &str = "قال المتحدث باسم الوزارة إنَّ الاجتماع سيُعقد يوم الخميس في القاهرة.\nوأضاف أن الوفد سيصل مساء الأربعاء.";

fn ann(label: &str) -> Annotation {
    let start = DOC.find("الاجتماع").unwrap();
    Annotation::new("akhbar/1.txt", DOC, start..start + "الاجتماع".len(), label)
}

fn file(dir: &Path) -> PathBuf {
    store_path(dir, "test")
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, w) = Store::open(file(dir.path()));
    assert!(w.is_empty());
    let mut a = ann("claim");
    a.note = "ملاحظة بالعربية with English".into();
    a.tags = vec!["مصدر".into(), "x".into()];
    s.set.add(a.clone());
    s.save().unwrap();
    let (s2, w) = Store::open(file(dir.path()));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s2.set.items(), &[a]);
}

#[test]
fn unknown_fields_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path());
    let (mut s, _) = Store::open(path.clone());
    s.set.add(ann("claim"));
    s.save().unwrap();
    let mut v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    v["x-file-level"] = "keep me".into();
    v["annotations"][0]["x-color-key"] = "y".into();
    v["annotations"][0]["target"]["state"] = serde_json::json!({"type": "TimeState"});
    // an annotation this version cannot read is kept as it is
    v["annotations"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "future", "shape": "unknown"}));
    fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();

    let (mut s, w) = Store::open(path.clone());
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(s.set.len(), 1);
    s.set.add(ann("quote"));
    s.save().unwrap();
    let v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(v["x-file-level"], "keep me");
    assert_eq!(v["annotations"][0]["x-color-key"], "y");
    assert_eq!(v["annotations"][0]["target"]["state"]["type"], "TimeState");
    let arr = v["annotations"].as_array().unwrap();
    assert_eq!(arr.len(), 3);
    assert!(arr.iter().any(|a| a["id"] == "future"));
}

#[test]
fn corrupt_file_is_kept_aside_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let garbage = b"{\"annotations\": [ {\"id\": tru";
    fs::write(&path, garbage).unwrap();

    let (mut s, w) = Store::open(path.clone());
    assert!(s.set.is_empty());
    assert_eq!(w.len(), 1);
    assert!(
        w[0].contains("could not be read") && w[0].contains(".corrupt-"),
        "{w:?}"
    );
    // the original is untouched and a backup with the same bytes exists
    assert_eq!(fs::read(&path).unwrap(), garbage);
    let backups: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read(&backups[0]).unwrap(), garbage);

    s.set.add(ann("claim"));
    s.save().unwrap();
    assert_eq!(fs::read(&backups[0]).unwrap(), garbage);
    let (s2, w) = Store::open(path);
    assert!(w.is_empty());
    assert_eq!(s2.set.len(), 1);
}

#[test]
fn save_leaves_no_temp_files_and_stale_ones_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path());
    let (mut s, _) = Store::open(path.clone());
    s.set.add(ann("claim"));
    s.save().unwrap();
    let folder = path.parent().unwrap();
    let stale = folder.join(".test.json.tmp-999-0");
    fs::write(&stale, b"half a fi").unwrap();
    let (_s, w) = Store::open(path.clone());
    assert!(w.is_empty());
    assert!(!stale.exists());
    let names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn two_writers_do_not_clobber_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path());
    let (mut a, _) = Store::open(path.clone());
    let (mut b, _) = Store::open(path.clone());
    let x = ann("from-a");
    let y = ann("from-b");
    a.set.add(x.clone());
    a.save().unwrap();
    b.set.add(y.clone());
    b.save().unwrap();
    // b now also knows x
    assert!(b.set.get(&x.id).is_some());
    b.set.remove(&x.id);
    b.save().unwrap();
    // a still holds x in memory, but its deletion by b wins
    a.save().unwrap();
    let (c, _) = Store::open(path);
    assert!(c.set.get(&x.id).is_none());
    assert!(c.set.get(&y.id).is_some());
}

#[test]
fn unreadable_file_blocks_saving() {
    let dir = tempfile::tempdir().unwrap();
    // a folder where the file should be: it cannot be read nor backed up
    let path = file(dir.path());
    fs::create_dir_all(&path).unwrap();
    let (mut s, w) = Store::open(path.clone());
    assert_eq!(w.len(), 1, "{w:?}");
    s.set.add(ann("claim"));
    assert!(s.save().is_err());
    assert!(path.is_dir());
}

/// Child half of the crash test: saves in a tight loop until killed.
#[test]
fn crash_child_save_loop() {
    let Some(dir) = std::env::var_os("QARI_TEST_CRASH_DIR") else {
        return;
    };
    let (mut s, _) = Store::open(file(Path::new(&dir)));
    let mut i = 0u64;
    loop {
        let mut a = ann("claim");
        a.note = "ملاحظة ".repeat(200);
        s.set.add(a);
        if i.is_multiple_of(3) || s.set.len() > 40 {
            let first = s.set.items()[0].id.clone();
            s.set.remove(&first);
        }
        s.save().unwrap();
        i += 1;
    }
}

fn pseudo_random(i: u64) -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    (t ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 33
}

#[test]
fn killed_mid_save_leaves_a_parseable_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path());
    let exe = std::env::current_exe().unwrap();
    let mut checked = 0;
    for i in 0..50 {
        let mut child = Command::new(&exe)
            .args(["crash_child_save_loop", "--exact", "--test-threads=1"])
            .env("QARI_TEST_CRASH_DIR", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // wait for the first save (not a timing assertion: it only bounds
        // how long we wait before killing anyway)
        let t0 = Instant::now();
        while !path.exists() && t0.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_micros(pseudo_random(i) % 20_000));
        child.kill().unwrap();
        child.wait().unwrap();
        if let Ok(bytes) = fs::read(&path) {
            let v: Result<Value, _> = serde_json::from_slice(&bytes);
            assert!(v.is_ok(), "iteration {i}: file does not parse");
            let (_s, w) = Store::open(path.clone());
            assert!(w.is_empty(), "iteration {i}: {w:?}");
            checked += 1;
        }
    }
    assert!(checked > 0);
}
