//! `qari export` as a binary: reads the store of the corpus given on the
//! command line and prints CSV; brat without --out is an error.

use std::process::Command;

use qari::annotations::{Annotation, Store};

#[test]
fn export_subcommand_prints_csv_and_requires_out_for_brat() {
    let data = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let text = "قال الوزير إن المحادثات ستستمر غداً في الرياض.\n";
    std::fs::write(corpus.path().join("khabar.txt"), text).unwrap();
    let paths = vec![corpus.path().to_path_buf()];
    let doc = qari::corpus::load(&paths).docs.remove(0);
    let (mut store, _) = Store::open_corpus(data.path(), &paths);
    let s = doc.text().find("الرياض").unwrap();
    let mut a = Annotation::new(&doc.id, &doc.text(), s..s + "الرياض".len(), "place");
    a.note = "عاصمة, \"السعودية\"".into();
    store.set.add(a);
    store.save().unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .arg("export")
        .arg(corpus.path())
        .args(["--format", "csv", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let cp = doc.text()[..s].chars().count();
    let want = format!(
        "khabar.txt,{cp},{},place,,\"عاصمة, \"\"السعودية\"\"\",الرياض,exact,",
        cp + 6
    );
    assert!(csv.contains(&want), "{csv}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("exported 1 annotation"));

    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .arg("export")
        .arg(corpus.path())
        .args(["--format", "brat", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}
